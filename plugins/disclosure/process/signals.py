"""The signals that stop a command, and holding them back for a moment."""

from __future__ import annotations

import signal
from contextlib import contextmanager

STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def stop_signals(handler) -> None:
    """One handler for Ctrl-C and SIGTERM alike: SIGTERM is what `kill`, `timeout` and a cancelled CI job send, and
    Python's default for it ends the process at once, no `finally` run (temporary folders left, no line printed).
    `signal.default_int_handler` makes both a KeyboardInterrupt; `signal.SIG_IGN` holds off a second one."""
    for number in STOP_SIGNALS:
        signal.signal(number, handler)


@contextmanager
def signals_deferred():
    """Hold SIGINT/SIGTERM back for a few lines that must not stop half-way; a signal that arrives meanwhile is
    handled as soon as they are done. The mask is the calling thread's: a thread started inside inherits it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks; the windows held are a few calls long
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_with_parent() -> None:
    """Linux: the kernel kills this (forked) process when the one that forked it ends, however it ends."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
