"""The text of rendered HTML as a reader meets it: data outside <script> and <style> (`text_parts`), and
the running text as a browser lays it out with every attribute value (`reader_texts`, for personal data)."""

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


# Phrasing elements: a browser draws their text on the line of the text around them (an image too: a
# transparent or tiny picture between two groups of digits leaves them read as one number).
_INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em font i img ins kbd mark q s samp small span strong sub sup"
                    " time u var tspan textpath".split())   # SVG's tspan and textPath run on the line of their <text>
_APART = "\n\n"  # between blocks: never joined into one number (a single line break would be)


class _ReaderText(HTMLParser):
    """The text of an HTML fragment as a reader sees it, and its attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]
        if tag == "br":
            self.text.append(" ")   # a line of the same paragraph: the reader reads on (one gap, however many breaks)
        elif tag not in _INLINE:
            self.text.append(_APART)

    def handle_endtag(self, tag):
        if tag not in _INLINE:
            self.text.append(_APART)

    def handle_data(self, data):
        self.text.append(data)


def reader_texts(html: str) -> list[str]:
    """The page's running text, then each attribute value: every text a reader can get from `html`. A value
    with %-escapes also as it is decoded: a browser shows a link's address decoded, a phone dials
    tel:%31%33%38… as the digits, a mail program fills mailto:…?body=%31… in as text."""
    from urllib.parse import unquote
    parser = _ReaderText()
    parser.feed(html)
    parser.close()
    return ["".join(parser.text), *parser.attributes, *(unquote(value) for value in parser.attributes if "%" in value)]
