"""A build stopped by a signal ends like any failed build: coded line, staged site discarded, helpers gone.

Python's default SIGTERM kills the process at once, so no cleanup runs; Ctrl-C raises
KeyboardInterrupt, which the host does not pass to `on_build_error`. While a build runs we turn
both into a PluginError, the host's BuildError: it calls `on_build_error` (which stops the search
process and throws the staged site away) and exits with "Aborted with a BuildError!".
"""

from __future__ import annotations

import signal
import sys
import threading

from mkdocs.exceptions import PluginError

from ..process.signals import STOP_SIGNALS as _SIGNALS
from ..privacy.attachments import Stopped
from ..rules.rendered import CALLED_FROM_NATIVE_CODE

_NAMES = {signal.SIGINT: "中断（Ctrl-C / SIGINT）", signal.SIGTERM: "终止（SIGTERM）"}


class SignalGuard:
    """`install` at the start of a build, `restore` when it ends either way; `check` between pages.

    The handler raises where the signal lands, except inside a callback from native code (which
    would print the exception and drop it): there it only remembers the signal. Code that swallows
    exceptions (a broad `except`) may lose the one raised; either way `check` raises the remembered
    signal at the next page, before any wait on a worker."""

    def __init__(self) -> None:
        self._previous: dict[int, object] = {}
        self._previous_hook = None
        self.received: int | None = None

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers; the host's defaults stay
        self.received = None
        for number in _SIGNALS:
            self._previous.setdefault(number, signal.signal(number, self._stop))
        if self._previous_hook is None:
            self._previous_hook, sys.unraisablehook = sys.unraisablehook, self._unraisable

    def restore(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        if self._previous_hook is not None:
            sys.unraisablehook, self._previous_hook = self._previous_hook, None

    def _unraisable(self, unraisable) -> None:
        """Where the stop was raised in code no caller can hear from — a finaliser (`__del__`, a weakref's
        callback, a generator closed by the collector) or a callback from native code (ctypes, PyO3) —
        Python would print it with a traceback and go on: it is remembered already, and `check` raises it."""
        if isinstance(unraisable.exc_value, _Stopped):
            return
        self._previous_hook(unraisable)

    def check(self) -> None:
        if self.received is not None:
            raise _stopped(self.received)

    def _stop(self, number: int, frame) -> None:
        self.received = number
        # A second signal acts as Python's default would, should some code swallow the first exception.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if not _inside_native_callback(frame):
            raise _stopped(number)


def _inside_native_callback(frame) -> bool:
    while frame is not None:
        if frame.f_code in CALLED_FROM_NATIVE_CODE:
            return True
        frame = frame.f_back
    return False


class _Stopped(PluginError, Stopped):
    """The host's error (it calls `on_build_error`), which the core's readers know for a stop, not a damaged file."""


def _stopped(number: int) -> PluginError:
    return _Stopped(f"收到{_NAMES.get(number, f'信号 {number}')}，构建已停止")
