"""The text of rendered HTML as a reader meets it: data outside <script> and <style>."""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = ("script", "style")


def text_parts(html: str, with_alt: bool = False) -> list[str]:
    """The page's text pieces in order; with `with_alt`, each image's alt text in its place
    (a reader of the fidelity rule sees it; the search index does not)."""
    reader = _TextReader(with_alt)
    reader.feed(html)
    reader.close()
    return reader.parts


class _TextReader(HTMLParser):
    def __init__(self, with_alt: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.with_alt = with_alt
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "img" and self.with_alt:
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)
