"""Each attachment is read in a child process with its own memory and time limits.

The checks of `attachment_limits` stop the bombs that can be seen before unpacking. What cannot be
seen from outside (a PDF whose embedded file or page content inflates to gigabytes inside PDFium, a
library that aborts or loops on a file made to make it) would otherwise end or hang the whole build.
So the reading runs in a forked child: its address space may grow by `MAX_MEMORY`, it may use
`MAX_CPU_SECONDS` of processor time, and the parent waits at most `MAX_WAIT_SECONDS`. A child that
dies, is killed by a limit or runs out of time is an `OverLimit` (W401), never a crash of the build.
Where `fork` does not exist (Windows), the reading runs in the process itself, within the checks.
"""

from __future__ import annotations

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
    _preload()
    receive, send = os.pipe()
    # A stop signal (Ctrl-C, SIGTERM) is held back over the fork: from the parent's next line on, it ends the
    # wait, and the child is killed and reaped on the way out (left alone, it would read on for minutes
    # after the command had ended, a zombie in a preview's process).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    child = os.fork()
    if child == 0:   # pragma: no cover - the child's coverage is not collected
        _child(read, receive, send, held)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(send)
        try:
            data = _receive(receive, child)
        finally:
            os.close(receive)
        _, status = os.waitpid(child, 0)
    except BaseException:
        _end(child)
        raise
    if not data:
        raise OverLimit(_death(status))
    kind, *rest = pickle.loads(data)
    if kind == "ok":
        return rest[0]
    if kind == "over":
        raise OverLimit(rest[0])
    raise Unreadable(rest[0])


def _child(read: Callable[[], list], receive: int, send: int, held: set) -> None:
    """Never returns: the child reads, writes its result to the pipe and exits without running any of
    the parent's clean-up (atexit, signal handlers, buffered output)."""
    try:
        os.close(receive)
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_DFL)   # Ctrl-C ends the child; the parent says why
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        _quiet()
        _limit()
        try:
            result = ("ok", read())
        except OverLimit as why:
            result = ("over", str(why))
        except Unreadable as why:
            result = ("unreadable", str(why))
        except MemoryError:
            result = ("over", f"读取时所需内存超过 {MAX_MEMORY // 1024 // 1024} MB 的上限")
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(send, view):]
    finally:
        os._exit(0)


def _quiet() -> None:
    """A library's own dying words (a Rust panic, a crash dump) are not for editors: the parent reports W401."""
    import faulthandler
    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _limit() -> None:
    import resource
    for limit, value in ((resource.RLIMIT_AS, _address_space() + MAX_MEMORY), (resource.RLIMIT_CPU, MAX_CPU_SECONDS)):
        soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        if soft == resource.RLIM_INFINITY or soft > value:
            resource.setrlimit(limit, (value, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 4 * MAX_MEMORY


def _receive(pipe: int, child: int) -> bytes:
    chunks, deadline = [], time.monotonic() + MAX_WAIT_SECONDS
    while True:
        left = deadline - time.monotonic()
        # Waited in slices: a stop signal sent while this thread held it back (over the fork) is taken by another
        # thread of the process (a preview's watcher); Python runs its handler here only once this thread takes
        # the interpreter's lock again, and one long wait would hold the stop back for minutes.
        ready, _, _ = select.select([pipe], [], [], min(max(left, 0), _WAIT_SLICE_SECONDS))
        if not ready and left > _WAIT_SLICE_SECONDS:
            continue
        if not ready:
            os.kill(child, signal.SIGKILL)
            raise OverLimit(f"读取超过 {MAX_WAIT_SECONDS} 秒仍未完成")
        chunk = os.read(pipe, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(child: int) -> None:
    """The child killed, if it still runs, and reaped."""
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
