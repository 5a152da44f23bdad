"""Atomic output: `site/` is replaced only by a build that succeeded.

MkDocs empties `site_dir` before it writes anything, and aborts a strict build only after
writing everything; either way a failed build would leave a broken or empty site for the
web server to copy. We build into a sibling folder and swap it in at the very end, in the
last `on_post_build`, and only when nothing will fail the build afterwards: in strict mode
that means no warning at all, counted both by our own handler (installed before our first
message) and by the host's own strict-mode counter. In any doubt the old site stays.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..pages.atomic import BUILDING, remove_any, swap_in
from .host import TOP_LOGGER, plugin_log, strict_warning_count

KEPT_OLD_SITE = "网站未更新：原有网站 {site} 保持不变，本次生成的内容已丢弃（原因见上面各行）"
"""The one line an editor sees whenever a failed build leaves the published site as it was."""


class WarningCounter(logging.Handler):
    """Counts warnings and errors logged under the host's top logger: the ones that fail a strict build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedOutput:
    def __init__(self, final_dir: str) -> None:
        self.final = Path(final_dir)
        self.staging = self.final.with_name(self.final.name + BUILDING)
        self.counter = WarningCounter()
        self.started = False
        logging.getLogger(TOP_LOGGER).addHandler(self.counter)  # from now on, before our first message

    def start(self) -> str:
        """Where the host should write."""
        remove_any(self.staging)
        self.started = True
        return str(self.staging)

    def finish(self, strict: bool) -> bool:
        """Swap the staged site in; ``False`` (and nothing changed) when strict mode will abort."""
        self._stop_counting()
        if strict and self.warnings():
            self.discard()
            return False
        swap_in(self.staging, self.final)
        return True

    def warnings(self) -> int:
        """The larger of our count and the host's: a warning either of them saw fails a strict build."""
        return max(self.counter.count, strict_warning_count() or 0)

    def discard(self) -> None:
        """Throw the staged build away; the published site is not touched."""
        self._stop_counting()
        remove_any(self.staging)
        if self.started:  # before that, the check's own message already says the site was not touched
            self.started = False  # one line, even when the host reports the failure twice
            # INFO, not WARNING: this line must not add to the strict-mode count it reports on.
            plugin_log().info(KEPT_OLD_SITE.format(site=self.final.name + "/"))

    def _stop_counting(self) -> None:
        logging.getLogger(TOP_LOGGER).removeHandler(self.counter)
