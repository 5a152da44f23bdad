"""Commands run as forks of one process that has already imported them: a platform's unit builds.

Each unit of a platform is built by the host's own command (`python -m mkdocs build`), in a process of its own. A
new interpreter pays its imports every time — MkDocs, Material, Markdown, jieba's dictionary, the plugin: about a
second of CPU, where a small unit's build itself takes a fifth of that. So one process (the zygote) is started for a
platform build, imports those modules once, and forks each unit's command from there.

How a forked command is the command's own: it takes its working folder, environment and arguments from the request,
its standard output and error are the pipe the caller passed, it runs the module as `python -m` runs it, and it ends
as the interpreter ends (the error reported, threads joined, exit handlers run, exit code from SystemExit or 1 after a
traceback, a Ctrl-C by the signal itself) up to the teardown of every module, which is skipped: that step touches
every object imported before the fork, and the kernel copies each page it touches.

Between the zygote and a command sits a small waiter, forked for the request, which forks the command and waits for
it: the caller learns the command's pid and, when it ends, its wait status on a socket of its own, and a stop asked
for on that socket is sent by the waiter, which alone knows the command has not been reaped (a pid signalled after its
reaping could be another process's). The zygote reaps its waiters as they end (SIGCHLD).

Where fork or descriptor passing is missing (Windows), `Zygote.start` answers None and the caller starts new
interpreters as before. Protocol: a SOCK_SEQPACKET pair; the first message is the JSON list of modules to import
(`module:function` also calls it), answered "ready"; each request is one JSON message {"module", "args", "cwd", "env"} carrying two descriptors (the
waiter's end of a new socket pair for this command, and the write end of its output pipe).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import importlib.util
import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

_MESSAGE = 1 << 20   # a request's size at most: its environment is most of it
WAITER_LOST = 255    # the exit code of a command whose waiter ended without telling it


class NumberLines:
    """Numbers, one a line, read from a socket as they come (a file object over a socket would not survive a
    timeout): `next` raises EOFError once the other end has closed."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection, self.pending = connection, b""

    def next(self) -> int:
        while b"\n" not in self.pending:
            received = self.connection.recv(64)
            if not received:
                raise EOFError
            self.pending += received
        line, self.pending = self.pending.split(b"\n", 1)
        return int(line)


def _tell(channel: socket.socket, number: int) -> None:
    """One number, one line; an end that has hung up is not told (what it was told about has ended too)."""
    try:
        channel.sendall(f"{int(number)}\n".encode())
    except OSError:
        pass


class ForkedCommand:
    """A command forked by the zygote, seen as `subprocess.Popen` shows one: pid, stdout, wait, terminate, kill."""

    def __init__(self, channel: socket.socket, stdout) -> None:
        self.channel, self.stdout = channel, stdout
        self.returncode: int | None = None
        self._numbers = NumberLines(channel)
        self._waiting = threading.Lock()   # one reader of the status, whichever thread waits first
        self.pid = self._number(None)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self._waiting.acquire(timeout=-1 if timeout is None else timeout):
            raise subprocess.TimeoutExpired(str(self.pid), timeout)
        try:
            if self.returncode is None:
                self.returncode = self._exit_code(None if deadline is None else max(0.0, deadline - time.monotonic()))
                self.channel.close()
        finally:
            self._waiting.release()
        return self.returncode

    def _exit_code(self, timeout: float | None) -> int:
        try:
            return os.waitstatus_to_exitcode(self._number(timeout))
        except TimeoutError:
            raise subprocess.TimeoutExpired(str(self.pid), timeout) from None
        except (ChildProcessError, OSError, ValueError):
            return WAITER_LOST   # its waiter was killed from outside: the command's end is unknown, so no success

    def poll(self) -> int | None:
        return self.returncode

    def terminate(self) -> None:
        self._ask(signal.SIGTERM)

    def kill(self) -> None:
        self._ask(signal.SIGKILL)

    def _ask(self, number: int) -> None:
        _tell(self.channel, number)

    def _number(self, timeout: float | None) -> int:
        self.channel.settimeout(timeout)
        try:
            return self._numbers.next()
        except EOFError:
            raise ChildProcessError("the command's waiter ended without its status") from None


class Zygote:
    """The caller's side: `start` the zygote, `run` commands (from any thread), `close` it."""

    def __init__(self, process: subprocess.Popen, control: socket.socket) -> None:
        self.process, self.control = process, control
        self._lock = threading.Lock()

    @classmethod
    def start(cls, preload: list[str], cwd: str, env: dict[str, str]) -> Zygote | None:
        """None where this system cannot fork or pass descriptors, or the zygote did not start."""
        if not (hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "SOCK_SEQPACKET")):
            return None
        try:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        except OSError:
            return None
        try:
            # -P: the folder it starts in is not put on the module path (a platform's committed `yaml.py` is no module).
            process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(theirs.fileno())],
                                       pass_fds=[theirs.fileno()], cwd=cwd, env=env, stdin=subprocess.DEVNULL)
        except OSError:
            ours.close()
            return None
        finally:
            theirs.close()
        zygote = cls(process, ours)
        try:
            ours.sendall(json.dumps(preload).encode())
            if ours.recv(16) == b"ready":
                return zygote
        except OSError:
            pass
        zygote.close()
        return None

    def run(self, module: str, args: list[str], cwd: str, env: dict[str, str]) -> ForkedCommand:
        mine, waiters = socket.socketpair()
        reader, writer = os.pipe()
        try:
            request = json.dumps({"module": module, "args": args, "cwd": cwd, "env": env}).encode()
            with self._lock:
                socket.send_fds(self.control, [request], [waiters.fileno(), writer])
        except BaseException:
            mine.close()
            os.close(reader)
            raise
        finally:
            waiters.close()
            os.close(writer)
        return ForkedCommand(mine, open(reader, encoding="utf-8", errors="replace"))

    def close(self) -> None:
        """Hang up: the zygote ends (commands still running go on to their end)."""
        self.control.close()
        self.process.wait()


# --- the zygote's side ------------------------------------------------------------------------------------------


def _serve(control: socket.socket) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is for the caller and the commands; this ends on hang-up
    signal.signal(signal.SIGCHLD, _reap_waiters)
    for name in json.loads(control.recv(_MESSAGE)):
        _preload(name)
    gc.freeze()   # what was imported stays out of every collection in the forks: their pages are not copied for it
    control.sendall(b"ready")
    while True:
        message, descriptors, _, _ = socket.recv_fds(control, _MESSAGE, 2)
        if not message:
            return
        if os.fork() == 0:
            control.close()
            _wait_for_command(json.loads(message), socket.socket(fileno=descriptors[0]), descriptors[1])
        for descriptor in descriptors:
            os.close(descriptor)


def _reap_waiters(*_) -> None:
    """Waiters reaped as they end, by this process: so their commands' processor time counts as its children's, and
    as the caller's (a waiter the system reaps for an ignored SIGCHLD takes its time with it)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _preload(name: str) -> None:
    """`module`, imported; `module:function`, imported and called (a dictionary read once for every command)."""
    module, _, function = name.partition(":")
    try:
        imported = importlib.import_module(module)
    except ImportError:
        return   # the command imports what it needs itself
    if function:
        getattr(imported, function)()


def _wait_for_command(request: dict, channel: socket.socket, output: int) -> None:
    """The waiter: fork the command, tell its pid, pass on the stops asked for until it is reaped, tell its status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    pid = os.fork()
    if pid == 0:
        channel.close()
        become(request["module"], request["args"], request["cwd"], request["env"], output, output)
        run_as_main(request["module"])
    os.close(output)
    reaped = threading.Lock()
    threading.Thread(target=_pass_on_stops, args=(channel, pid, reaped), daemon=True).start()
    _tell(channel, pid)
    _ended_unreaped(pid)
    with reaped:
        _tell(channel, os.waitpid(pid, 0)[1])
        os._exit(0)


def _ended_unreaped(pid: int) -> None:
    """Until the command has ended, left unreaped: until it is reaped, its pid can be no other process's."""
    if hasattr(os, "waitid"):
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)


def _pass_on_stops(channel: socket.socket, pid: int, reaped: threading.Lock) -> None:
    with channel.makefile("r", encoding="ascii") as asked:
        for line in asked:
            with reaped:   # taken by the waiter to reap the command: after that its pid may be another process's
                try:
                    os.kill(pid, int(line))
                except (OSError, ValueError):
                    pass


def become(module: str, args: list[str], cwd: str, env: dict[str, str], stdout: int, stderr: int) -> None:
    """This forked child is now the command `python -m module args…` (run with -P): its folder, environment, standard
    files (nothing to read; `stdout` and `stderr` are descriptors, closed here) and arguments. Its signal handlers
    are those a new interpreter starts with."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = None   # the temporary folder read again from this command's TMPDIR, as a new interpreter would
    nothing = os.open(os.devnull, os.O_RDONLY)
    for descriptor, stream in ((nothing, 0), (stdout, 1), (stderr, 2)):
        os.dup2(descriptor, stream)
    for descriptor in {nothing, stdout, stderr} - {0, 1, 2}:
        os.close(descriptor)
    sys.dont_write_bytecode = bool(env.get("PYTHONDONTWRITEBYTECODE"))
    sys.argv = ["-m", *args]
    # The code `python -m` runs as __main__ runs from its source again (a package's __main__, or the module);
    # a preloaded copy of it stays for whoever imports it, as it would be imported apart in a fresh process.
    package = importlib.util.find_spec(module).submodule_search_locations is not None
    sys.modules.pop(f"{module}.__main__" if package else module, None)


def _reported(end: BaseException | None) -> int:
    """`end` reported as the interpreter reports how a `python -m` run ended; its exit code."""
    if end is None:
        return 0
    if not isinstance(end, SystemExit):
        sys.excepthook(type(end), end, end.__traceback__)
        return 1
    if end.code is None or isinstance(end.code, int):
        return end.code or 0
    print(end.code, file=sys.stderr)
    return 1


def run_as_main(module: str) -> None:
    """Run `module` as `python -m` runs it, then end as the interpreter ends up to its teardown: the error reported,
    the command's threads joined, every exit handler run, the standard files flushed. Never returns."""
    end = None
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except BaseException as raised:
        end = raised
    code = _reported(end)
    threading._shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    if isinstance(end, KeyboardInterrupt):
        # As the interpreter ends after an unhandled Ctrl-C: by the signal itself.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    os._exit(code)


if __name__ == "__main__":
    _serve(socket.socket(fileno=int(sys.argv[1])))
