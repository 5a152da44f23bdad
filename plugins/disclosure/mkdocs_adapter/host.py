"""Which host runs the build: MkDocs or a fork that answers to `import mkdocs` (ProperDocs).

ProperDocs redirects every `mkdocs.*` import to its own `properdocs.*` modules, and those modules
log under `properdocs.*`. Logger names are therefore read from the modules that were imported,
never written as string literals: the host's strict-mode counter listens on its top logger,
and our link filter must sit on the logger the page module really uses.
"""

from __future__ import annotations

import logging

import mkdocs
from mkdocs.commands import build as _build
from mkdocs.structure import pages as _pages

from ..process.ending import run_as_command

HOST = mkdocs.__name__
"""``"mkdocs"``, or ``"properdocs"`` when ProperDocs stands in for it."""

TOP_LOGGER = HOST
"""The logger the host's strict mode counts warnings on (and prints from)."""

PAGES_LOGGER = _pages.log.name
"""Where the host reports dead links and anchors while it renders pages."""

BUILD_LOGGER = _build.log.name
"""Where the host reports its progress ("Cleaning site directory", "Documentation built in …")."""

PLUGIN_LOGGER = f"{HOST}.plugins.disclosure"


def plugin_log() -> logging.Logger:
    return logging.getLogger(PLUGIN_LOGGER)


def strict_warning_count() -> int | None:
    """Warnings and errors the host's own strict-mode counter has seen; None if it has none installed."""
    from mkdocs.utils import CountHandler
    counters = [h for h in logging.getLogger(TOP_LOGGER).handlers if isinstance(h, CountHandler)]
    if not counters:
        return None
    return sum(count for counter in counters for _, count in counter.get_counts())


def running_host_command() -> bool:
    """Whether this process is the host's own command line (`mkdocs …`, `python -m mkdocs …`, its script), not a program
    that runs the host and goes on afterwards: bench/cpu_where.py (runpy) prints its table after the build, and
    `python -m cProfile -m mkdocs` writes its profile."""
    return run_as_command((f"{HOST}.__main__",), (HOST,))
