"""Reading built pages the way tests need: elements, attributes and visible text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


class Page:
    def __init__(self, path: Path):
        self.path = path
        self.html = path.read_text(encoding="utf-8")
        collector = _Collector()
        collector.feed(self.html)
        self.tags = collector.tags
        self.text = " ".join(" ".join(collector.text).split())

    def attrs(self, tag: str, name: str) -> list[str]:
        return [attrs[name] for t, attrs in self.tags if t == tag and name in attrs]

    def section(self, start_marker: str, end_marker: str) -> str:
        start = self.html.index(start_marker)
        return self.html[start:self.html.index(end_marker, start)]


def page(site: Path, url: str) -> Page:
    return Page(site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url)
