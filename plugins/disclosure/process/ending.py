"""Ending a command that has finished, without freeing its memory object by object."""

from __future__ import annotations

import atexit
import os
import sys
import threading


def end_now(code: int) -> None:
    """End the process with `code`: the exit handlers run as the interpreter would run them, the output is
    flushed, and then the process ends at once. A build of 10,000 documents holds its pages, navigation and
    search records to the end; the interpreter would free them one by one, 1.3 s on one core after the
    build's last line (bench/README), and the operating system takes the process's memory back at once anyway.
    Returns (and the interpreter ends as usual) while another thread still runs, or when the output cannot be
    written: the usual ending reports that."""
    if any(thread.is_alive() and not thread.daemon for thread in threading.enumerate()
           if thread is not threading.main_thread()):
        return
    if not _flushed():
        return
    atexit._run_exitfuncs()   # logging's flush, multiprocessing's joins, weakref finalizers, other plugins' handlers
    _flushed()
    os._exit(code)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):   # a closed pipe or stream
        return False
    return True


def run_as_command(modules: tuple[str, ...], scripts: tuple[str, ...]) -> bool:
    """Whether this process is a command's own command line: the outermost module-level code of the stack is one of
    `modules` run with `python -m` or a script named one of `scripts`, not a program that runs the command and goes on
    afterwards (runpy in bench/cpu_where.py, `python -m cProfile -m …` writing its profile, a test calling it)."""
    frame, outermost = sys._getframe(), None
    while frame is not None:
        if frame.f_code.co_name == "<module>":
            outermost = frame
        frame = frame.f_back
    if outermost is None:
        return False
    spec, file = outermost.f_globals.get("__spec__"), outermost.f_globals.get("__file__")
    return getattr(spec, "name", None) in modules or os.path.basename(file or "") in scripts
