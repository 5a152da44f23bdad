"""The text of rendered HTML as a reader meets it: data outside <script> and <style> (`text_parts`), and
the running text as a browser lays it out with every attribute value (`reader_texts`, for personal data)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_HIDDEN = ("script", "style")
# A tag as Markdown writes it: a lower-case name, attributes in double quotes without "&" or "<" ">" (so the value
# is the one HTMLParser hands on), ` /` or `/` closing an empty element; an end tag without anything else.
PLAIN_TAG = re.compile(r'<([a-z][a-z0-9]*)((?: [a-z]+="[^"&<>]*")*) ?(/?)>|</([a-z][a-z0-9]*)>')
PLAIN_ATTRIBUTE = re.compile(r' ([a-z]+)="([^"]*)"')


def feed_whole(parser: HTMLParser, html: str) -> None:
    """`parser.feed(html)` then `parser.close()`; the same calls to its handlers made without HTMLParser's
    tokenizer when every "<" of `html` opens a tag written as Markdown writes tags (most rendered bodies, a
    third of the time). HTMLParser (convert_charrefs=True) then hands each run of text between two tags as
    one `handle_data` with its character references decoded, `<x …/>` as `handle_startendtag`, each
    attribute as (name, value); <script> and <style> (whose text it reads otherwise) go to HTMLParser.
    test_search_text compares the two on generated bodies."""
    tags = list(PLAIN_TAG.finditer(html))
    if len(tags) != html.count("<") or any(tag.group(1) in _HIDDEN for tag in tags) or not parser.convert_charrefs:
        parser.feed(html)
        parser.close()
        return
    position = 0
    for tag in tags:
        if tag.start() > position:
            parser.handle_data(unescape(html[position:tag.start()]))
        if tag.group(4):
            parser.handle_endtag(tag.group(4))
        elif tag.group(3):
            parser.handle_startendtag(tag.group(1), PLAIN_ATTRIBUTE.findall(tag.group(2)))
        else:
            parser.handle_starttag(tag.group(1), PLAIN_ATTRIBUTE.findall(tag.group(2)))
        position = tag.end()
    if position < len(html):
        parser.handle_data(unescape(html[position:]))


def text_parts(html: str, with_alt: bool = False) -> list[str]:
    """The page's text pieces in order; with `with_alt`, each image's alt text in its place
    (a reader of the fidelity rule sees it; the search index does not)."""
    reader = _TextReader(with_alt)
    feed_whole(reader, html)
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


# The elements whose text a browser sets apart from the text around them: blocks, lists and tables as the HTML
# standard's rendering section lays them out, what it does not show (the head, scripts, a replaced element's fallback,
# a list box's options), and SVG's containers. Every other element, unknown and obsolete ones included (<big>, <tt>,
# <nobr>, <label>, <x-note>), is drawn on the line of the text around it: 1380013<big>8000</big> shows one mobile. (A
# list of the inline ones missed those, and a unit's page hid a number so.) An image too: a transparent or tiny
# picture between two groups of digits leaves them read as one number.
BLOCK_ELEMENTS = frozenset("""
address article aside blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption
figure footer form frameset frame h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li listing main menu nav ol p
plaintext pre search section summary table tbody td tfoot th thead tr ul xmp
base link meta noscript script style template title
audio canvas datalist embed iframe object optgroup option select textarea video
svg g defs symbol use path text foreignobject switch
""".split())
_APART = "\n\n"  # between blocks: never joined into one number (a single line break would be)


class _ReaderText(HTMLParser):
    """The text of an HTML fragment as a reader sees it, and its attribute values. Where a picture has a text, also
    the running text with it in the picture's place: shown there when the picture is not drawn, and read there by a
    screen reader (138<img alt="0013">8000 is one mobile); the first reading takes the picture for a gap."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.pictures: dict[int, str] = {}   # where in `text` a picture's text stands

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]
        if tag == "img" and (alt := dict(attrs).get("alt")):
            self.pictures[len(self.text)] = self.pictures.get(len(self.text), "") + alt   # pictures side by side
        if tag == "br":
            self.text.append(" ")   # a line of the same paragraph: the reader reads on (one gap, however many breaks)
        elif tag in BLOCK_ELEMENTS:
            self.text.append(_APART)

    def handle_endtag(self, tag):
        if tag in BLOCK_ELEMENTS:
            self.text.append(_APART)

    def handle_data(self, data):
        self.text.append(data)

    def text_with_pictures(self) -> str:
        return "".join(self.pictures.get(at, "") + part for at, part in enumerate(self.text)) + \
            self.pictures.get(len(self.text), "")


def reader_texts(html: str) -> list[str]:
    """The page's running text, then each attribute value: every text a reader can get from `html`. A value
    with %-escapes also as it is decoded: a browser shows a link's address decoded, a phone dials
    tel:%31%33%38… as the digits, a mail program fills mailto:…?body=%31… in as text."""
    from urllib.parse import unquote
    parser = _ReaderText()
    feed_whole(parser, html)
    pictured = [parser.text_with_pictures()] if parser.pictures else []
    return ["".join(parser.text), *pictured, *parser.attributes,
            *(unquote(value) for value in parser.attributes if "%" in value)]
