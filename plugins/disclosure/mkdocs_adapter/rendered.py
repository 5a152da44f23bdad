"""Every page's rendered body goes through the core's allow-list check (E401) before it is written."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape
from mkdocs.structure.pages import Page

from ..core.diagnostics import Diagnostic
from ..core.rendered import rendered_diagnostics


class RenderedPages:
    """Collects the E401 of every page; the build stops once all pages were seen."""

    def __init__(self, content: str, report: Callable[[Diagnostic], None]) -> None:
        self.content = content          # docs_dir relative to the repository, e.g. "content"
        self.report = report
        self.found: list[Diagnostic] = []

    def check(self, page: Page, html: str) -> None:
        found = rendered_diagnostics(f"{self.content}/{page.file.src_uri}", html, lambda: page.file.content_string)
        for diagnostic in found:
            self.report(diagnostic)
        self.found += found


def escape_front_matter(meta: dict) -> None:
    """Every text value of a page's front matter as HTML-escaped text, in place (lists and
    mappings too): Material's templates print `page.meta` without autoescaping."""
    for key, value in meta.items():
        meta[key] = _escaped(value)


def _escaped(value):
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value
