"""A build stopped by a signal ends like any failed build: coded line, staged site discarded, helpers gone.

Python's default SIGTERM kills the process at once, so no cleanup runs; Ctrl-C raises
KeyboardInterrupt, which the host does not pass to `on_build_error`. While a build runs we turn
both into a PluginError, the host's BuildError: it calls `on_build_error` (which stops the search
process and throws the staged site away) and exits with "Aborted with a BuildError!".
"""

from __future__ import annotations

import signal
import threading

from mkdocs.exceptions import PluginError

from ..pages.atomic import STOP_SIGNALS as _SIGNALS

_NAMES = {signal.SIGINT: "中断（Ctrl-C / SIGINT）", signal.SIGTERM: "终止（SIGTERM）"}


class SignalGuard:
    """`install` at the start of a build, `restore` when it ends either way; `check` between pages.

    The handler raises where the signal lands. Code that swallows exceptions (a broad `except`, a
    callback from C) may lose that one exception; the signal is remembered, and `check` raises it
    again at the next page, before any wait on a worker."""

    def __init__(self) -> None:
        self._previous: dict[int, object] = {}
        self.received: int | None = None

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers; the host's defaults stay
        self.received = None
        for number in _SIGNALS:
            self._previous.setdefault(number, signal.signal(number, self._stop))

    def restore(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()

    def check(self) -> None:
        if self.received is not None:
            raise _stopped(self.received)

    def _stop(self, number: int, frame) -> None:
        self.received = number
        # A second signal acts as Python's default would, should some code swallow the first exception.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise _stopped(number)


def _stopped(number: int) -> PluginError:
    return PluginError(f"收到{_NAMES.get(number, f'信号 {number}')}，构建已停止")
