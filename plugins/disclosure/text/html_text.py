"""The text of rendered HTML as a reader meets it: data outside <script> and <style> (`text_parts`), and
the running text as a browser lays it out with every attribute value (`reader_texts`, for personal data)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# The four characters re.I also reads as an ASCII letter (K for k, ı and İ for i, ſ for s; İ is also the one
# character whose lowercase is longer). On text without them a case-blind search of an ASCII pattern agrees with the
# same search, without re.I, on the text lowered once: that one compares letter by letter (no fast search for a
# literal), several times slower on a 20 KB page.
CASE_FOLDED_TO_ASCII = ("\u212a", "\u0131", "\u0130", "\u017f")
_HIDDEN = ("script", "style")
# A tag as Markdown writes it: a lower-case name, attributes in double quotes without "&" or "<" ">" (so the value
# is the one HTMLParser hands on), ` /` or `/` closing an empty element; an end tag without anything else.
PLAIN_TAG = re.compile(r'<([a-z][a-z0-9]*)((?: [a-z]+="[^"&<>]*")*) ?(/?)>|</([a-z][a-z0-9]*)>')
PLAIN_ATTRIBUTE = re.compile(r' ([a-z]+)="([^"]*)"')
# Text that changes a page when a template prints it unescaped: a tag, or a quote that can end an attribute together
# with the "=" of a new one (rules/rendered.py's E403; content/catalogue.py's column names).
RISKY_TEXT = re.compile(r"<[A-Za-z/!?]|[\"'].*=|=.*[\"']", re.S)


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
        self.cells = TouchingCells()

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]
        self.cells.opened(tag, dict(attrs), len(self.text) + 1, len(self.text))   # the gap the cell's start writes ends it
        if tag == "img" and (alt := dict(attrs).get("alt")):
            self.pictures[len(self.text)] = self.pictures.get(len(self.text), "") + alt   # pictures side by side
        if tag == "br":
            self.text.append(" ")   # a line of the same paragraph: the reader reads on (one gap, however many breaks)
        elif tag in BLOCK_ELEMENTS:
            self.text.append(_APART)

    def handle_endtag(self, tag):
        if tag in BLOCK_ELEMENTS:
            self.text.append(_APART)
        self.cells.closed(tag, len(self.text) - 1)   # the gap the cell's end wrote starts the stretch between cells

    def handle_data(self, data):
        self.text.append(data)

    def text_with_cells_joined(self) -> str:
        """The running text with each pair of touching cells' texts side by side, as the reader sees them."""
        between = {at for gap, reach in zip(self.cells.gaps, self.cells.reach) for at in range(*_widened(self.text, gap, reach))}
        return "".join("" if at in between else part for at, part in enumerate(self.text))

    def text_with_pictures(self) -> str:
        return "".join(self.pictures.get(at, "") + part for at, part in enumerate(self.text)) + \
            self.pictures.get(len(self.text), "")


def _widened(parts: list[str], gap: tuple[int, int], reach: tuple[int, int | None]) -> tuple[int, int]:
    """The stretch between two touching cells' texts with the blocks' gaps and blanks either side, within the two cells
    (`reach`): a paragraph in a cell (Word writes <td><p class=MsoNormal>…</p></td>) is set apart above and below, not
    from the cell beside."""
    (start, end), (low, high) = gap, reach
    high = len(parts) if high is None else high
    while start > low and parts[start - 1].isspace():
        start -= 1
    while end < high and parts[end].isspace():
        end += 1
    return start, end


def cells_joined_text(html: str) -> str | None:
    """The running text of `html` with each pair of touching cells' texts side by side; None where no cells touch."""
    parser = _ReaderText()
    feed_whole(parser, html)
    return parser.text_with_cells_joined() if parser.cells.gaps else None


def reader_texts(html: str) -> list[str]:
    """The page's running text, then each attribute value: every text a reader can get from `html`. A value
    with %-escapes also as it is decoded: a browser shows a link's address decoded, a phone dials
    tel:%31%33%38… as the digits, a mail program fills mailto:…?body=%31… in as text."""
    from urllib.parse import unquote
    parser = _ReaderText()
    feed_whole(parser, html)
    pictured = [parser.text_with_pictures()] if parser.pictures else []
    pictured += [parser.text_with_cells_joined()] if parser.cells.gaps else []
    return ["".join(parser.text), *pictured, *parser.attributes,
            *(unquote(value) for value in parser.attributes if "%" in value)]


# Two cells of a row whose texts touch: under 4 px of padding and border between them (a border may be drawn white).
# Material pads a table without a class (.md-typeset table:not([class]) td: 1.25em of .64rem, 16 px a side) and sets
# every table's border-spacing to 0; a table with a class (Word's MsoNormalTable) has the browser's 1 px or its
# cellpadding. `<table class="MsoNormalTable" border="0" cellpadding="0" cellspacing="0"><tr><td>联系电话1380013</td>
# <td>8000</td>` (or cells styled padding:0) showed 联系电话13800138000 on one line while each cell was read apart (round 29a).
_TOUCHING_PX = 4.0
_MATERIAL_CELL_PX = 16.0
_CELLS = ("td", "th")
_ENDS_A_CELL = frozenset(("table", "tr", *_CELLS))   # a cell, its row or its table ending ends the cell
_LENGTH_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "em": 12.8,
              "rem": 20.0, "ex": 6.4, "ch": 6.4}
_BORDER_WIDTHS = {"thin": 1.0, "medium": 3.0, "thick": 5.0}
_STYLE_LENGTH = re.compile(r"^(\d+(?:\.\d*)?|\.\d+)([a-z]*)$")
_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]*)", re.I)


def _px(value: str, unitless: float = 0.0) -> float | None:
    """A length in px (`unitless`: what a bare number is worth: 1 in an HTML attribute, 0 in CSS, where only 0 is
    one); None for what is no length."""
    match = _STYLE_LENGTH.match(value.strip().lower())
    if not match or match.group(2) and match.group(2) not in _LENGTH_PX:
        return None
    return float(match.group(1)) * (_LENGTH_PX[match.group(2)] if match.group(2) else unitless)


def _border_px(value: str) -> float:
    """How wide a border declaration draws (`1px solid #fff`: 1; `none`: 0; a style alone: medium)."""
    parts = value.split()
    if not parts or any(part in ("none", "hidden") for part in parts):
        return 0.0
    widths = [_BORDER_WIDTHS.get(part, _px(part)) for part in parts]
    return next((width for width in widths if width is not None), _BORDER_WIDTHS["medium"])


class TouchingCells:
    """Where two cells of a row touch, as a reader of a table meets its tags: the stretches (start, end) between the
    two cells' texts, to be read as nothing; and for each, `reach`: where the first cell's text starts and the second's
    ends (None: not closed), which the stretch widened over blanks and tags stays within (an empty cell is no way to the
    next row). Positions are the reader's own: `_ReaderText`'s text list, or the characters of HTML as written
    (`touching_cell_gaps`)."""

    def __init__(self) -> None:
        self.tables: list[tuple[bool, float | None, float]] = []   # (has a class, cellpadding, border) of each open table
        self.gaps: list[tuple[int, int]] = []
        self.reach: list[tuple[int, int | None]] = []
        self._last: tuple[int, float, int] | None = None   # the row's last cell: where its text ended, its right side's
        self._right = 0.0                                  # width, where its text started; the open cell's right side:
        self._start = 0                                    # padding and border, in px; where the open cell's text starts
        self._in_cell = False                              # a cell opened and not closed: the next one closes it
        self._reach_depth = 0                              # how deep in tables the last stretch's cells are

    def opened(self, tag: str, attrs: dict, at: int, ended: int) -> None:
        """Enter <tag>; `at`: where the text of the element starts, `ended`: where the text before its tag ended. A
        cell opened in an open one's row closes that one, as a browser does (<td>1380013<td>8000: no </td> is needed)."""
        if tag in _CELLS and self._in_cell:
            self.closed(tag, ended)
        if tag == "tr" and self.reach:   # every tag of a page comes here: no stretch, no call (round 32c)
            self._reached(ended)
        if tag == "table":
            border = attrs.get("border", "0")   # `<table border>` (no value) draws one
            drawn = border is None or not re.fullmatch(r"\s*0+(?:\.0*)?\s*", border)
            self.tables.append(("class" in attrs, _px(attrs.get("cellpadding") or "", unitless=1.0), 1.0 if drawn else 0.0))
        elif tag == "tr" or not self.tables:
            self._last, self._in_cell = None, False
        elif tag in _CELLS:
            self._in_cell, self._start = True, at
            left, self._right = self._sides(attrs.get("style") or "")
            if self._last and self._last[1] + left < _TOUCHING_PX:
                self._reached(self._last[0])   # the cell before closed what it reached
                self.gaps.append((self._last[0], at))
                self.reach.append((self._last[2], None))
                self._reach_depth = len(self.tables)

    def closed(self, tag: str, at: int) -> None:
        """Leave <tag>; `at`: where the text of the element ended."""
        if tag in _ENDS_A_CELL and self.reach:
            self._reached(at)
        if tag == "table" and self.tables:
            self.tables.pop()
            self._last = None
        elif tag in _CELLS and self.tables:
            self._last, self._in_cell = (at, self._right, self._start), False

    def _reached(self, at: int) -> None:
        """The last stretch's second cell ends at `at` (a cell, row or table of its own table ends there: one nested in
        it does not), if nothing ended it before."""
        if self.reach and self.reach[-1][1] is None and len(self.tables) == self._reach_depth:
            self.reach[-1] = (self.reach[-1][0], at)

    def _sides(self, style: str) -> tuple[float, float]:
        """A cell's left and right side in px: its padding and border there."""
        classed, cellpadding, border = self.tables[-1]
        padding = [(cellpadding if cellpadding is not None else 1.0) if classed else _MATERIAL_CELL_PX] * 2
        borders = [border, border]
        for name, value in _DECLARATION.findall(style):
            name, value = name.lower(), value.lower().replace("!important", "").strip()
            if name == "padding" and None not in (sides := [_px(part) for part in value.split()]) and sides:
                padding = [sides[3] if len(sides) == 4 else sides[1 % len(sides)], sides[1 % len(sides)]]
            elif name in ("padding-left", "padding-right") and (px := _px(value)) is not None:
                padding[name == "padding-right"] = px
            elif name == "border":
                borders = [_border_px(value)] * 2
            elif name in ("border-left", "border-right"):
                borders[name == "border-right"] = _border_px(value)
        return padding[0] + borders[0], padding[1] + borders[1]


# The tags of a table as written in a Markdown body (raw HTML), and their attributes as HTMLParser reads them.
_TABLE_TAG = re.compile(r"""<(/?)(table|tr|td|th)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
_TAG_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def touching_cell_gaps(html: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of `html` as written between two touching cells' texts (`</td><td>` and the tags
    and blanks around them): read as nothing, the texts stand side by side as a browser shows them. The check reads a
    Markdown body's raw HTML so, where the build reads the rendered page (`reader_texts`): the two agree (round 30a)."""
    cells = TouchingCells()
    comments = [comment.span() for comment in _COMMENT.finditer(html)] if "<!--" in html else []
    for tag in _TABLE_TAG.finditer(html):
        if comments and any(start < tag.start() < end for start, end in comments):
            continue   # a browser shows no tag written in a comment (</td><!-- <td>x</td> --><td> joins the cells)
        if tag.group(1):
            cells.closed(tag.group(2).lower(), tag.start())
        else:
            cells.opened(tag.group(2).lower(), _tag_attributes(tag.group(3)), tag.end(), tag.start())
    return [(max(_blank_before(html, start), low), min(_blank_after(html, end), len(html) if high is None else high))
            for (start, end), (low, high) in zip(cells.gaps, cells.reach)]


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG_OR_BLANK = re.compile(r"<[^<>]*>|\s+")


def _blank_before(html: str, at: int) -> int:
    """Where the tags and blanks before `at` start: a cell's paragraph (<p>…</p>) shows nothing to the cell beside."""
    while at > 0:
        if html[at - 1].isspace():
            at -= 1
        elif html[at - 1] == ">" and (opening := html.rfind("<", 0, at - 1)) >= 0 and ">" not in html[opening:at - 1]:
            at = opening
        else:
            return at
    return at


def _blank_after(html: str, at: int) -> int:
    """Where the tags and blanks after `at` end (as `_blank_before`)."""
    while (blank := _TAG_OR_BLANK.match(html, at)) and blank.end() > at:
        at = blank.end()
    return at


def _tag_attributes(written: str) -> dict[str, str | None]:
    """A start tag's attributes as HTMLParser gives them: names in lower case, values decoded, None without a value."""
    found: dict[str, str | None] = {}
    for attribute in _TAG_ATTRIBUTE.finditer(written):
        value = next((group for group in attribute.groups()[1:] if group is not None), None)
        found.setdefault(attribute.group(1).lower(), None if value is None else unescape(value))
    return found
