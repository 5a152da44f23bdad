"""Every page's rendered body goes through the core's allow-list check (E401) before it is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from collections.abc import Callable

from markupsafe import escape
from mkdocs.structure.pages import Page

from ..codes.diagnostics import Diagnostic
from ..content.documents import front_matter_data
from ..content.model import Document
from ..rules.personal_data.rendered import rendered_personal_info
from ..rules.rendered import (
    FrontMatterText,
    frame_diagnostics,
    host_config_sources,
    key_line,
    page_findings,
    page_frame,
    rendered_diagnostics,
    risky_texts,
    unescaped_texts,
)


class RenderedPages:
    """Collects the E401 of every page body and the E403 of every finished page; the build stops
    once all pages were seen."""

    def __init__(self, content: str, report: Callable[[Diagnostic], None], today: dt.date | None = None) -> None:
        self.content = content          # docs_dir relative to the repository, e.g. "content"
        self.report = report
        self.today = today              # None: personal data is not looked for in the rendered pages
        self.allowances: dict[str, list] = {}
        self.found: list[Diagnostic] = []
        self.texts: list[FrontMatterText] = []
        self.sources: Callable[[], list[tuple[str, str]]] = list   # where the page frame's text is written
        self._frames: set[str] = set()
        # Calls that change what later pages see; a page rendered in another process has them
        # made here, in page order (see shards.py). By default: made at once.
        self.in_order: Callable[..., None] = lambda name, *args: getattr(self, name)(*args)
        self.everywhere: Callable[..., None] = self.in_order

    def read_sources_from(self, root: Path, host_config: str, catalogue: str, theme_dirs: list[str]) -> None:
        """The files a page frame's text comes from: mkdocs.yml (and the file it INHERITs from), catalogue.yaml (the
        agency's name is the site's name), then the templates of the site's own theme folder."""
        def sources() -> list[tuple[str, str]]:
            found = (host_config_sources(root, host_config) or [(host_config, _text(root / host_config))]) + \
                [(catalogue, _text(root / catalogue))]
            for folder in theme_dirs:
                if Path(folder).resolve().is_relative_to(root.resolve()):
                    found += [(path.relative_to(root).as_posix(), _text(path)) for path in sorted(Path(folder).rglob("*.html"))]
            return found
        self.sources = sources

    def check(self, page: Page, html: str) -> None:
        """E401: the rendered body against the allow-list; E400: personal data its reader sees."""
        self.in_order("_add", rendered_diagnostics(self._path(page), html, lambda: page.file.content_string))
        if self.today:
            self.in_order("_add", rendered_personal_info(self._path(page), html, lambda: page.file.content_string,
                                             self.allowances.get(page.file.src_uri, []), self.today))

    def remember(self, page: Page, doc: Document | None) -> None:
        """The page's front matter as written (before escaping); MkDocs renders every page's
        Markdown before it fills any template, so all of it is known by `check_output`."""
        line_of = doc.line_of if doc else (lambda *keys: key_line(page.file.content_string, str(keys[0])))
        self.everywhere("_remembered", page.file.src_uri, doc.allowances if doc else [],
                        risky_texts(self._path(page), page.meta, line_of))

    def _remembered(self, src_uri: str, allowances: list, texts: list[FrontMatterText]) -> None:
        self.allowances[src_uri] = allowances
        self.texts += texts

    def remember_withheld(self, documents: list[Document]) -> None:
        """Withheld documents have no page, but their title and reason are listed."""
        for doc in documents:
            self.texts += risky_texts(doc.path, {"title": doc.title, "reason": doc.reason}, doc.line_of)

    def check_output(self, page: Page, output: str) -> None:
        """E403: a front-matter value printed unescaped anywhere in the finished page."""
        if self.texts:
            self.in_order("_add_new", unescaped_texts(self.texts, output, page.content or "", page.file.dest_uri))
        self.in_order("_frame_findings", page_findings(page_frame(output, page.content or "")), page.file.dest_uri)

    def check_frame(self, frame: str, page_name: str) -> None:
        """E401/E404: what the theme printed around the body (mkdocs.yml's values, its settings) would run
        a script or load from another host; each once, on the line that writes it."""
        self._frame_findings(page_findings(frame), page_name)

    def _frame_findings(self, found: list, page_name: str) -> None:
        findings = [finding for finding in found if finding not in self._frames]
        if findings:
            self._frames.update(findings)
            self._add(frame_diagnostics(findings, page_name, self.sources()))

    def _path(self, page: Page) -> str:
        return f"{self.content}/{page.file.src_uri}"

    def _add_new(self, found: list[Diagnostic]) -> None:
        self._add([diagnostic for diagnostic in found if diagnostic not in self.found])

    def _add(self, found: list[Diagnostic]) -> None:
        for diagnostic in found:
            self.report(diagnostic)
        self.found += found


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def numbers_as_written(page: Page) -> None:
    """MkDocs reads a page's front matter with its own YAML loader, where `title: 0365` is the number 245 (octal),
    `12:30` 750, `1_000` 1000 and `2024-03-05T10:00:00Z` a time printed `2024-03-05 10:00:00+00:00`: Material printed
    those in <title> and the header while the page's heading, from this plugin's reading, showed the title as written
    (round 30b). A value MkDocs read as a number or a date is taken from ours."""
    numbers = [key for key, value in page.meta.items() if isinstance(value, (int, float, dt.date))]
    if numbers and (data := front_matter_data(page.file.content_string, page.file.src_uri)) is not None:
        page.meta.update({key: data[key] for key in numbers if key in data})


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
