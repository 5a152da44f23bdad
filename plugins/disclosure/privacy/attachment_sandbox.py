"""Each attachment is read in a child process with its own memory and time limits.

The checks of `attachment_limits` stop the bombs that can be seen before unpacking. What cannot be
seen from outside (a PDF whose embedded file or page content inflates to gigabytes inside PDFium, a
library that aborts or loops on a file made to make it) would otherwise end or hang the whole build.
So the reading runs in a forked child: its address space may grow by `MAX_MEMORY`, it may use
`MAX_CPU_SECONDS` of processor time, and the parent waits at most `MAX_WAIT_SECONDS`. A child that
dies, is killed by a limit or runs out of time is an `OverLimit` (W401), never a crash of the build.
One child may read many attachments one after another (`read_each_bounded`), the limits set anew for each.
Where `fork` does not exist (Windows), the reading runs in the process itself, within the checks.
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import time
from typing import Callable

from ..process.signals import STOP_SIGNALS
from .attachment_types import OverLimit, Unreadable

MAX_MEMORY = 1024 * 1024 * 1024   # bytes of address space a reading may add
MAX_CPU_SECONDS = 120
MAX_WAIT_SECONDS = 300            # the machine may be busy: wall time is more generous than CPU time
_WAIT_SLICE_SECONDS = 0.5


def read_bounded(read: Callable[[], list]) -> list:
    """`read()`'s result, computed in a child process within the limits; its `Unreadable` is raised here."""
    if not hasattr(os, "fork") or os.environ.get("DISCLOSURE_READ_IN_PROCESS"):
        return read()
    [outcome] = read_each_bounded([read])
    return outcome_value(outcome)


def outcome_value(outcome: tuple[str, object]):
    """The value of a work's outcome (see `read_each_bounded`), or its `OverLimit` or `Unreadable` raised."""
    kind, value = outcome
    if kind == "ok":
        return value
    raise (OverLimit if kind == "over" else Unreadable)(value)


def read_each_bounded(works: list[Callable[[], object]]) -> list[tuple[str, object]]:
    """The outcome of each work, in their order, run one after another in one child process, each within the limits
    `read_bounded` gives one work: ("ok", value), ("over", why) or ("unreadable", why). A work that ends the child
    or outlives the wait is "over" and the last one given: the works after it are not run (their callers read each
    alone). One child for many works: starting one costs a small site's build more than reading a small file does."""
    _preload()
    receive, send = os.pipe()
    # A stop signal (Ctrl-C, SIGTERM) is held back over the fork: from the parent's next line on, it ends the
    # wait, and the child is killed and reaped on the way out (left alone, it would read on for minutes
    # after the command had ended, a zombie in a preview's process).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    child = os.fork()
    if child == 0:   # pragma: no cover - the child's coverage is not collected
        _child(works, receive, send, held)
    done: list[tuple[str, object]] = []
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(send)
        try:
            frames = _Frames(receive, child)
            while len(done) < len(works):
                data = frames.next()
                if data is None:   # the child ended before it wrote this work's outcome
                    _, status = os.waitpid(child, 0)
                    child = 0
                    done.append(("over", _death(status)))
                    break
                done.append(pickle.loads(data))
        finally:
            os.close(receive)
        if child:
            os.waitpid(child, 0)
    except OverLimit as why:   # out of time: the child is killed
        _end(child)
        done.append(("over", str(why)))
    except BaseException:
        _end(child)
        raise
    return done


def _child(works: list[Callable[[], object]], receive: int, send: int, held: set) -> None:
    """Never returns: the child runs each work, writes its outcome to the pipe and exits without running any of
    the parent's clean-up (atexit, signal handlers, buffered output)."""
    try:
        os.close(receive)
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_DFL)   # Ctrl-C ends the child; the parent says why
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        _quiet()
        ceilings = _ceilings()
        for work in works:
            _limit(ceilings)
            try:
                outcome = ("ok", work())
            except OverLimit as why:
                outcome = ("over", str(why))
            except Unreadable as why:
                outcome = ("unreadable", str(why))
            except MemoryError:
                outcome = ("over", f"读取时所需内存超过 {MAX_MEMORY // 1024 // 1024} MB 的上限")
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            del outcome
            _write(send, len(data).to_bytes(8, "little"))
            _write(send, data)   # not joined to its length: a copy of a reading of hundreds of MB passed the memory limit
    finally:
        os._exit(0)


def _write(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]


def _quiet() -> None:
    """A library's own dying words (a Rust panic, a crash dump) are not for editors: the parent reports W401."""
    import faulthandler
    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _ceilings() -> dict[int, int]:
    """The soft limits the child started with (a `ulimit` of whoever runs the build): no work gets more."""
    import resource
    return {limit: resource.getrlimit(limit)[0] for limit in (resource.RLIMIT_AS, resource.RLIMIT_CPU)}


def _limit(ceilings: dict[int, int]) -> None:
    """The next work may add `MAX_MEMORY` to the address space and use `MAX_CPU_SECONDS` more, from now."""
    import resource
    used = resource.getrusage(resource.RUSAGE_SELF)
    allowed = {resource.RLIMIT_AS: _address_space() + MAX_MEMORY,
               resource.RLIMIT_CPU: math.ceil(used.ru_utime + used.ru_stime) + MAX_CPU_SECONDS}
    for limit, value in allowed.items():
        soft, hard = resource.getrlimit(limit)
        for ceiling in (ceilings[limit], hard):
            if ceiling != resource.RLIM_INFINITY:
                value = min(value, ceiling)
        if value != soft:
            resource.setrlimit(limit, (value, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 4 * MAX_MEMORY


class _Frames:
    """The child's outcomes as it writes them: each a length (8 bytes) and a pickle. Received into one growing
    buffer: a pipe gives at most 64 KB a read, and a new bytes object for each (round 33a) copied the frame so far
    every time, a reading of 90 MB (a 183 KB zip of text) received in 91 s where the reading took 19."""

    def __init__(self, pipe: int, child: int) -> None:
        self.pipe, self.child, self.buffer = pipe, child, bytearray()

    def next(self) -> bytearray | None:
        """The next outcome's pickle, waited for at most `MAX_WAIT_SECONDS` (then `OverLimit`, the child killed);
        None when the child ended before writing all of it."""
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while len(self.buffer) < 8 or len(self.buffer) < 8 + int.from_bytes(self.buffer[:8], "little"):
            chunk = self._read(deadline)
            if not chunk:
                return None
            self.buffer += chunk
        size = 8 + int.from_bytes(self.buffer[:8], "little")
        data = self.buffer[8:size]
        del self.buffer[:size]
        return data

    def _read(self, deadline: float) -> bytes:
        while True:
            left = deadline - time.monotonic()
            # Waited in slices: a stop signal sent while this thread held it back (over the fork) is taken by another
            # thread of the process (a preview's watcher); Python runs its handler here only once this thread takes
            # the interpreter's lock again, and one long wait would hold the stop back for minutes.
            ready, _, _ = select.select([self.pipe], [], [], min(max(left, 0), _WAIT_SLICE_SECONDS))
            if ready:
                return os.read(self.pipe, 1 << 20)
            if left <= _WAIT_SLICE_SECONDS:
                os.kill(self.child, signal.SIGKILL)
                raise OverLimit(f"读取超过 {MAX_WAIT_SECONDS} 秒仍未完成")


def _end(child: int) -> None:
    """The child killed, if it still runs, and reaped. 0: the child was reaped already (it died on a work), and
    os.kill(0, …) would kill every process of the command's group, the command itself and the shell or CI step
    that started it (round 33a: a Ctrl-C arriving just after a child's death ended the build by SIGKILL, with no
    line and its temporary folders left)."""
    if child <= 0:
        return
    try:
        os.kill(child, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(child, 0)
    except ChildProcessError:
        pass


def _death(status: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return f"读取用时超过 {MAX_CPU_SECONDS} 秒的上限"
    return f"读取时所需内存超过 {MAX_MEMORY // 1024 // 1024} MB 的上限，或读取程序异常退出"


def _preload() -> None:
    """The readers' libraries, imported before the fork: a child must not wait for an import lock
    another thread of the parent (a preview's file watcher) held at that moment."""
    import docx  # noqa: F401
    import lxml.etree  # noqa: F401
    import olefile  # noqa: F401
    import pypdfium2  # noqa: F401
    import python_calamine  # noqa: F401
    import striprtf.striprtf  # noqa: F401
