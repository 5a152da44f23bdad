"""Atomic output: `site/` is replaced only by a build that succeeded.

MkDocs empties `site_dir` before it writes anything, and aborts a strict build only after
writing everything; either way a failed build would leave a broken or empty site for the
web server to copy. We build into a sibling folder and swap it in at the very end.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path


class WarningCounter(logging.Handler):
    """Counts warnings logged under `mkdocs`, the ones that fail a strict build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedOutput:
    def __init__(self, final_dir: str) -> None:
        self.final = Path(final_dir)
        self.staging = self.final.with_name(self.final.name + ".building")
        self.counter = WarningCounter()

    def start(self) -> str:
        """Where MkDocs should write; watches the `mkdocs` logger from now on."""
        self.discard()
        logging.getLogger("mkdocs").addHandler(self.counter)
        return str(self.staging)

    def finish(self, strict: bool) -> bool:
        """Swap the staged site in; ``False`` (and nothing changed) when strict mode will abort."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if strict and self.counter.count:
            self.discard()
            return False
        old = self.final.with_name(self.final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            self.final.rename(old)
        self.staging.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def discard(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        shutil.rmtree(self.staging, ignore_errors=True)
