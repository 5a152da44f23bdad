"""The body of a saved page, found by its text, and laid out as the document's own blocks.

CMSs put a document's text in a div, in a table cell (the national portal), in tables nested
for layout, in Word's span/font soup, or in lines ended by `<br>` with no `<p>` at all. So the
body is not looked up by a list of selectors; two steps, each linear in the page:

1. `find_body`: from `<body>`, go down into the child that holds most of the page's own text
   (Han characters and digits outside links — navigation is links) while one child does; stop
   where the text is shared among several children (the paragraphs). A data table or a
   paragraph is never gone into: the body is what holds them.
2. `flatten`: the body as a flat row of blocks — paragraphs, headings, data tables, lists. Every
   line is a paragraph: a `<p>`, a `<div>`, or a line ended by `<br>` (in a Chinese official
   text a line is a paragraph). Layout tables (one column, or cells holding headings or other
   tables) and inline wrappers holding lines (`<span>`, `<font>` of Word-pasted text) are
   unwrapped; a table of data stays a table, each cell's lines kept as `<br>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.builder import HTMLTreeBuilder

from ..content.clock import build_date
from ..privacy.numbers import find_personal_info
from ..text import layout
from .list_markers import item_marker


SHARE = 0.6            # of the text: a child holding this much is where the body is
SIGNATURE_PIECES = 40  # texts of a table holding only a 落款 (the agencies of a joint one, the blanks between cells)
MIN_TEXT = 10          # Han characters and digits: less is no document
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
INLINE = frozenset("""a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr
q s samp small span strike strong sub sup time tt u var wbr o:p st1:chsdate st1:chmetcnv""".split())
_NOT_TEXT = frozenset("a script style noscript template select option textarea button head title".split())
_NEVER_ENTERED = frozenset({"p", "li", "dt", "dd", "pre", "ul", "ol", "dl", "caption"}) | HEADINGS | INLINE
_BLANK = re.compile(r"[\s\u200b\ufeff]+")
_BLANK_EDGES = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")
_COUNTED = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9]")


@dataclass
class Blocks:
    """The flattened body: a new `<div>` of paragraphs, headings, tables and lists, in order."""
    root: Tag
    layout_tables: int = 0


# Python's html.parser does not close a `<p>`, `<li>` or `<td>` when the next one begins, as browsers
# do: old pages that leave them open come out nested hundreds deep. Each is closed where a browser would.
_CLOSED_BY = {
    "p": frozenset("p div table ul ol dl h1 h2 h3 h4 h5 h6 blockquote center pre section article form hr address".split()),
    "li": frozenset({"li"}), "dt": frozenset({"dt", "dd"}), "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}), "th": frozenset({"td", "th", "tr"}), "tr": frozenset({"tr"}),
}


# An end tag closes its element only as a browser lets it (the HTML standard's "in scope"): past a table, a
# cell, a caption, an object, html.parser's tree builder closed every element up to one of the name, so text
# after a stray `</div>` in a table cell left the hidden div it is in. `</p>` stops at a button too, `</li>` at a
# list; `</span>` and the like at any element of the standard's special kind (a `<div>`, a `<p>` …). The
# formatting elements (`</font>`, `</b>`) are left to the tree builder (the standard re-opens them instead).
_SCOPE_EDGES = frozenset("applet caption html table td th marquee object template".split())
_TABLE_EDGES = frozenset({"html", "table", "template"})
_SPECIAL = frozenset("""address applet area article aside base basefont bgsound blockquote body br button caption center col
colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head
header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol
p param plaintext pre script search section select source style summary table tbody td template textarea tfoot th thead
title tr track ul wbr xmp""".split())
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_EDGES = {**dict.fromkeys(_SPECIAL - {"p", "li"}, _SCOPE_EDGES), "p": _SCOPE_EDGES | {"button"},
          "li": _SCOPE_EDGES | {"ol", "ul"},
          **dict.fromkeys("table tbody thead tfoot tr td th caption".split(), _TABLE_EDGES)}


# What the start of a cell, row, list item or term closes when it is still open further up, past elements that
# do not stop the search (the standard's scopes): a cell within its table; a list item past a paragraph, a
# div or inline elements, not past another list or block of the standard's special kind.
_ITEM_EDGES = _SPECIAL - {"address", "div", "p"}
_ITEM_CLOSED_BY = {"td": ({"td", "th"}, _TABLE_EDGES), "th": ({"td", "th"}, _TABLE_EDGES),
                   "tr": ({"td", "th"}, _TABLE_EDGES), "li": ({"li"}, _ITEM_EDGES),
                   "dt": ({"dt", "dd"}, _ITEM_EDGES), "dd": ({"dt", "dd"}, _ITEM_EDGES)}
# A block that closes a paragraph closes it past the inline elements still open in it (`<p><font>甲<div>乙`: the
# div is the paragraph's sibling, as a browser builds it; the font is a formatting element it re-opens inside).
_PARAGRAPH_EDGES = frozenset("applet caption html table td th marquee object template button".split())


class TooDeep(Exception):
    """The page's elements, as a browser nests them, pass the import's depth: (depth, line)."""

    def __init__(self, depth: int, line: int) -> None:
        super().__init__(depth, line)
        self.depth, self.line = depth, line


# Beautiful Soup keeps the text of <rt> (a ruby annotation: 主动公开 with 不予公开 written small above it) as a string
# type its get_text leaves out, though every browser shows it: a saved page's 公开属性 so annotated was read as 主动公开
# and imported as public. Here it is text like any other; <rp> (the brackets shown only where ruby is not) stays apart.
SHOWN_STRING_CONTAINERS = {name: kind for name, kind in HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS.items() if name != "rt"}


class BrowserClosingSoup(BeautifulSoup):
    """A page parsed by html.parser with each element above closed where a browser closes it: when a tag
    that closes the element being filled begins (a `<p>` in an open `<p>`, a `<tr>` in an open cell: the
    cell, then its row). Decided as each tag begins, so the page is parsed once, in time linear in its size;
    un-nesting the finished tree moved each run once per level it climbed (a page of n open paragraphs took
    time in n²: 6,000 took 5 s, the 8 MB the import accepts would take hours). In quirks mode a `<table>`
    does not close a `<p>` (the HTML standard's rule for old pages): the table stays inside it, hidden
    with it by the paragraph's style."""

    def __init__(self, markup: str, features: str, quirks: bool = False, max_depth: int | None = None) -> None:
        self.quirks, self.max_depth = quirks, max_depth   # set before the parse, which the constructor runs
        self._ignored: tuple[str, int] | None = None
        self._not_found: tuple[str, int] | None = None
        self._no_paragraph: int | None = None   # id of the current element where a `</p>` found no paragraph open
        self._made_paragraph: Tag | None = None   # the empty paragraph the last such `</p>` made
        super().__init__(markup, features, string_containers=SHOWN_STRING_CONTAINERS)

    def handle_starttag(self, name, namespace, nsprefix, attrs, sourceline=None, sourcepos=None, namespaces=None):
        self.endData()
        while (self.currentTag.name in _CLOSED_BY and name in _CLOSED_BY[self.currentTag.name]
               and not (self.quirks and name == "table")):
            self.popTag()
        if name in _ITEM_CLOSED_BY:
            self._close_open_item(name)
        elif name in _CLOSED_BY["p"] and self.open_tag_counter.get("p") and not (self.quirks and name == "table"):
            self._close_open(name, "p", _PARAGRAPH_EDGES)
        if name in HEADINGS and self.currentTag.name in HEADINGS:
            self.popTag()   # a heading begun in a heading ends it (`<h1>甲<h2>乙`: two headings, as a browser shows them)
        # End tags ignored out of their scope leave elements open that a count of tags takes for closed
        # (`<span><div></span></div>` again and again): the tree's own depth is bounded as it is built.
        if self.max_depth is not None and len(self.tagStack) > self.max_depth:
            raise TooDeep(len(self.tagStack), sourceline or 1)
        return super().handle_starttag(name, namespace, nsprefix, attrs, sourceline, sourcepos, namespaces)

    def _close_open_item(self, name: str) -> None:
        """A cell (or list item, term) left open under a paragraph or inline elements is closed with them when
        the next one begins, as a browser closes it: `<td><p style="display:none">备注<td>…` — the second cell
        is no part of the hidden paragraph. Not looked up again while the open elements are unchanged."""
        closes, edges = _ITEM_CLOSED_BY[name]
        if self._close_open(name, closes, edges) and name == "tr" and self.currentTag.name == "tr":
            self.popTag()   # then its row, as `_CLOSED_BY` does

    def _close_open(self, name: str, closes, edges) -> bool:
        """Close the nearest open element named in `closes` (and all above it) unless one of `edges` comes first."""
        if (name, id(self.currentTag)) == self._not_found:
            return False
        for tag in reversed(self.tagStack):
            if tag.name in closes:
                self._popToTag(tag.name)
                return True
            if tag.name in edges:
                break
        self._not_found = (name, id(self.currentTag))
        return False

    def handle_endtag(self, name, nsprefix=None):
        if name in ("body", "html"):
            return None   # content after `</body>` or `</html>` is still the body's to a browser (a CMS include ends one early)
        if name == "br" and self.currentTag.name != "br":   # `</br>` (not the end of a `<br>` just begun) is a line break
            self.handle_starttag("br", None, None, {})
            return BeautifulSoup.handle_endtag(self, "br")
        if name in HEADINGS and not self.open_tag_counter.get(name) and any(map(self.open_tag_counter.get, HEADINGS)):
            open_heading = next(tag.name for tag in reversed(self.tagStack) if tag.name in HEADINGS or tag.name in _SCOPE_EDGES)
            name = open_heading if open_heading in HEADINGS else name   # `</h2>` ends an open <h1> as well
        if name == "p" and (self._no_paragraph == id(self.currentTag) or not self._in_scope("p", _PARAGRAPH_EDGES)):
            # A `</p>` with no paragraph open: a browser makes an empty one there (the line breaks); not looked up
            # again while the open elements are the same, and one made right after another is no further break.
            self._no_paragraph = id(self.currentTag)
            self.endData()
            if not self.currentTag.contents or self.currentTag.contents[-1] is not self._made_paragraph:
                self.handle_starttag("p", None, None, {})
                self._made_paragraph = self.currentTag
                BeautifulSoup.handle_endtag(self, "p")
            return None
        if name in _FORMATTING and self.open_tag_counter.get(name) and (name, id(self.currentTag)) != self._ignored \
                and not self._in_scope(name, _SPECIAL):
            self._ignored = (name, id(self.currentTag))
            return   # `</font>` past a <div>: the div stays open (a browser re-opens the font inside it)
        # Looked up only when an element of the name is open, and not again while the open elements are the
        # same (the last one open is never re-opened): a run of stray end tags is read in linear time.
        if name not in _FORMATTING and self.open_tag_counter.get(name) and (name, id(self.currentTag)) != self._ignored:
            edges = _EDGES.get(name, _SPECIAL)
            for tag in reversed(self.tagStack):
                if tag.name == name:
                    break
                if tag.name in edges:
                    self._ignored = (name, id(self.currentTag))
                    return   # out of its scope: ignored, as a browser ignores it
        elif (name, id(self.currentTag)) == self._ignored:
            return
        return super().handle_endtag(name, nsprefix)

    def _in_scope(self, name: str, edges) -> bool:
        """Whether an element `name` is open with none of `edges` above it (looked up only when one is open)."""
        return bool(self.open_tag_counter.get(name)) and _in_scope_of(self.tagStack, name, edges)


def _in_scope_of(stack, name: str, edges) -> bool:
    for tag in reversed(stack):
        if tag.name == name:
            return True
        if tag.name in edges:
            return False
    return False


def text_weights(root: Tag) -> dict[int, int]:
    """id(tag) → Han characters and digits of its text outside links, for every tag under root (one pass)."""
    tags = [root, *root.find_all(True)]          # document order: a parent before its children
    weights = dict.fromkeys(map(id, tags), 0)
    excluded = {id(root): root.name in _NOT_TEXT}
    for tag in tags[1:]:
        excluded[id(tag)] = tag.name in _NOT_TEXT or excluded.get(id(tag.parent), False)
    for text in root.find_all(string=True):
        parent = text.parent
        if not isinstance(text, Comment) and id(parent) in weights and not excluded[id(parent)]:
            weights[id(parent)] += len(_COUNTED.findall(text))
    for tag in reversed(tags[1:]):
        if id(tag.parent) in weights:
            weights[id(tag.parent)] += weights[id(tag)]
    return weights


def find_body(soup: BeautifulSoup) -> Tag | None:
    root = soup.body or soup
    weights = text_weights(root)
    node = root
    while True:
        total = weights[id(node)]
        children = [child for child in node.find_all(True, recursive=False) if _enterable(child)]
        best = max(children, key=lambda child: weights[id(child)], default=None)
        if best is None or not total or weights[id(best)] < SHARE * total:
            break
        node = best
    return node if weights[id(node)] >= MIN_TEXT else None


def _enterable(tag: Tag) -> bool:
    if tag.name in _NEVER_ENTERED or tag.name in _NOT_TEXT:
        return False
    return is_layout(tag) and not _only_a_signature(tag) if tag.name == "table" else True


def _only_a_signature(table: Tag) -> bool:
    """Whether a table holds a 落款 and nothing else (the agencies, then the date): a short notice's 落款 so
    placed outweighed its paragraphs, and the body's finder took the table for the body (`各单位：` and the notice's
    one sentence were not imported, exit 0)."""
    texts = list(islice(table.strings, SIGNATURE_PIECES + 1))   # bounded: a page-wide layout table is read once a level
    if len(texts) > SIGNATURE_PIECES:
        return False
    lines = [line for line in (_BLANK_EDGES.sub("", text) for text in "\n".join(texts).split("\n")) if line]
    roles = layout.layout_roles([("p", line) for line in lines])
    # One date, under agencies' names only: a table of 检查单位 and dates (a row per visit) is data.
    return len(lines) > 1 and roles[-1] == layout.DATE and roles.count(layout.DATE) == 1 \
        and all(role == layout.SIGNATURE and layout.names_a_body(line) for role, line in zip(roles[:-1], lines))


def _rows(table: Tag) -> list[list[Tag]]:
    """The table's own rows (not a nested table's), each as its own cells."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    return [row.find_all(["td", "th"], recursive=False) for row in rows]


def is_layout(table: Tag) -> bool:
    """A table used to place things (one column, or cells holding headings, tables, or a whole
    text), not a table of data. A data table's cells hold a few short lines at most."""
    rows = [cells for cells in _rows(table) if cells]
    if not rows or max(map(len, rows)) <= 1:
        return True
    cells = [cell for cells in rows for cell in cells]
    if any(cell.find(["table", *HEADINGS]) is not None for cell in cells):
        return True
    return len(rows) == 1 and any(len(cell.find_all(["p", "div"])) >= 2 for cell in cells)


def _places_text(table: Tag) -> bool:
    """A table whose rows each hold text in one cell after empty ones (or none): the empty cells (60 % before the 落款)
    only move it right, as they do on the page; it was imported as a data table of one row under an empty header.
    A form's grid (`姓名` | a blank to fill in) is data: its text comes first. Not a body's container to the body's
    finder (a short notice's 落款 outweighed its paragraphs there): its lines are read in the body."""
    rows = [cells for cells in _rows(table) if any(map(_visible, cells))]
    return bool(rows) and all(_placed_right(cells) for cells in rows)


_DISPLAY_INLINE = re.compile(r"(?<![\w-])display\s*:\s*inline(?:-block)?\s*(?:;|$|!)", re.I)
_BOX_BLOCKS = ["p", "div", "section"]
_FULL_WIDTH = re.compile(r"(?<![\w-])width\s*:\s*100%", re.I)
BOX_TEXT_MAX = 20   # characters of a box set side by side with the next (`01`, `立法目的`), not of a paragraph


def _one_line_box(tag: Tag) -> bool:
    """An element set `display: inline-block` (or inline) holding a short line at most (a number, a label): it stands
    in its line. A box of a whole paragraph, or as wide as the page, takes a line of its own as a block does."""
    style = tag.get("style") or ""
    if not _DISPLAY_INLINE.search(style) or _FULL_WIDTH.search(style) or len(tag.get_text(strip=True)) > BOX_TEXT_MAX:
        return False
    if tag.find(["br", "table", "ul", "ol", "pre", "img", *HEADINGS]) is not None:
        return False
    return sum(1 for block in tag.find_all(_BOX_BLOCKS) if _visible(block) and not block.find(_BOX_BLOCKS)) <= 1


_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[：:]$")


def _labelled_attachments(table: Tag) -> bool:
    """A row of the label `附件：` and a cell of the attachments' lines beside it (a template's 附件 block): the page
    shows `附件：1.……` with the other items under the first. Imported as a table, its one row became a header over
    an empty row."""
    rows = _rows(table)
    return len(rows) == 1 and len(rows[0]) == 2 and bool(_ATTACHMENT_LABEL.match(_BLANK.sub("", rows[0][0].get_text())))


def _has_lines(tag: Tag) -> bool:
    """An inline wrapper (span, font, b) that holds line breaks or blocks: its lines are paragraphs."""
    return tag.find(lambda t: t.name == "br" or (t.name not in INLINE)) is not None


# Inline tags that carry no meaning of the text (Word's and CMS editors' styling): unwrapped, so that
# a paragraph is not a hundred spans deep when it is converted (the converter works per level).
STYLING = frozenset("span font o:p nobr big small abbr acronym bdi bdo data label time tt var st1:chsdate st1:chmetcnv".split())


def flatten(soup: BeautifulSoup, body: Tag) -> Blocks:
    _kept_line_breaks(soup, body)
    blocks = Blocks(soup.new_tag("div"))
    _Flattener(soup, blocks).run(body)
    _numbers_over_paragraphs_joined(soup, blocks.root)
    for tag in blocks.root.find_all(STYLING):
        tag.unwrap()
    _emphasis_as_shown(blocks.root)
    return blocks


_WHITE_SPACE = re.compile(r"(?<![\w-])white-space\s*:\s*([a-z-]+)", re.I)
_KEEPS_BREAKS = frozenset({"pre", "pre-wrap", "pre-line", "break-spaces"})


def _kept_line_breaks(soup: BeautifulSoup, body: Tag) -> None:
    """The line breaks of text a page shows as lines (`white-space: pre-wrap`, as a CMS storing plain text sets its
    body): each a <br>, a line of its own as the page shows it. Elsewhere a break of the source is a blank (the
    converter), as a browser shows it. A <pre> is kept whole as a block."""
    if soup.find(style=_WHITE_SPACE) is None:
        return   # the usual page: no element declares it, no ancestors to read for each text
    for text in body.find_all(string=lambda s: "\n" in s):
        if isinstance(text, Comment) or text.find_parent("pre") is not None or not _breaks_kept(text.parent, body):
            continue
        lines = str(text).split("\n")
        pieces = [NavigableString(lines[0])]
        for line in lines[1:]:
            pieces += [soup.new_tag("br"), NavigableString(line)]
        text.replace_with(*pieces)


def _breaks_kept(tag: Tag | None, body: Tag) -> bool:
    """Whether the nearest element (up to the page) declaring `white-space` keeps line breaks."""
    while tag is not None:
        declared = _WHITE_SPACE.search(tag.get("style") or "")
        if declared:
            return declared.group(1).lower() in _KEEPS_BREAKS
        tag = tag.parent
    return False


_EMPHASIS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic"}


def _emphasis_as_shown(root: Tag) -> None:
    """Bold (or italic) runs side by side, as Word splits one (`<b>（一）</b><b>加强监测预警。</b>`), as one: written
    each as Markdown, `**（一）****加强监测预警。**` showed its asterisks on the page (the build refused it). A run of
    blanks only (`请做好<b> </b>防暑`) is its blank: the conversion dropped it with its emphasis."""
    for tag in root.find_all(list(_EMPHASIS)):
        if not tag.decomposed and not tag.get_text().strip() and tag.find("img") is None:
            tag.unwrap()
    for tag in root.find_all(list(_EMPHASIS)):
        if tag.decomposed:
            continue
        following = tag.next_sibling
        while isinstance(following, Tag) and _EMPHASIS.get(following.name) == _EMPHASIS[tag.name]:
            for child in list(following.contents):
                tag.append(child.extract())
            after = following.next_sibling
            following.decompose()
            following = after


def _breaks_a_number(run: list, br: Tag) -> bool:
    """Whether a <br> breaks a personal number of its paragraph over two lines (`手机1380013<br>8000。`): every other
    line ended by <br> is a paragraph of its own, and the check reads a number across a paragraph's line break but
    never across paragraphs (a list of figures), so the number a reader sees over two lines was published (round
    36a; the same break typed into a page is refused). Kept as the paragraph's line break, it is read as the original
    shows it; a line of figures before a date (`电话：0571-12345678<br>2024年3月28日`) stays a paragraph of its own.
    The lines after it are read up to a number's length, breaks and all: a number over three lines (`138<br>0013<br>
    8000`) was three paragraphs (round 36b)."""
    before = "".join(map(_shown_text, run)).rstrip()[-_NUMBER_READ:]
    if not before[-1:].isdigit():
        return False   # no number ends this line: the lines after it need not be read
    after = ""
    for node in br.next_siblings:   # over the breaks after it too: 138<br>0013<br>8000 (round 36b) is three lines
        after += "\n" if isinstance(node, Tag) and node.name == "br" else _shown_text(node)
        if len(after.strip()) >= _NUMBER_READ:
            break
    return _shows_a_number_across(before, after.lstrip()[:_NUMBER_READ])


def _shows_a_number_across(before: str, after: str) -> bool:
    """Whether the end of one line and the start of the next show a personal number neither shows alone."""
    if not (before[-1:].isdigit() and after[:1].isdigit()):
        return False
    today = build_date()   # the day the import's check reads dates against (SOURCE_DATE_EPOCH)
    found = len(find_personal_info(f"{before}\n{after}", today))
    return found > len(find_personal_info(before, today)) + len(find_personal_info(after, today))


_NUMBER_READ = 40   # characters each side of a break read for a number across it (the longest, a card, spaced)


def _numbers_over_paragraphs_joined(soup: BeautifulSoup, root: Tag) -> None:
    """Two paragraphs of the page that show a personal number over their two lines (`<p align=center>1380013</p>
    <p align=center>8000</p>`, a 落款's phone set line by line) made one, the second after a line break: the check
    reads a number across a paragraph's line break, never across paragraphs (a list of figures), so the mobile a
    reader sees over the two lines was published (通过检查; round 36b). Read as <br> within a paragraph is."""
    previous = None
    for block in list(root.children):
        paragraph = block if isinstance(block, Tag) and block.name == "p" else None
        if previous is not None and paragraph is not None and _shows_a_number_across(
                previous.get_text().rstrip()[-_NUMBER_READ:], paragraph.get_text().lstrip()[:_NUMBER_READ]):
            paragraph.insert(0, soup.new_tag("br"))
            previous.extend(paragraph.extract().contents)   # a number over three paragraphs goes on into the same
            continue
        previous = paragraph


def _shown_text(node) -> str:
    return node if isinstance(node, NavigableString) else node.get_text()


class _Flattener:
    def __init__(self, soup: BeautifulSoup, blocks: Blocks):
        self.soup, self.blocks, self.run_nodes = soup, blocks, []

    def run(self, container: Tag) -> None:
        self.body = container
        self._walk(container)
        self._flush()

    def _walk(self, container: Tag) -> None:
        for child in list(container.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.run_nodes.append(child)
            elif child.name == "br" and _breaks_a_number(self.run_nodes, child):
                self.run_nodes.append(child)   # one paragraph, the break kept as a line break (`  ↵`)
            elif child.name == "br":
                self._flush()
            elif child.name in HEADINGS:
                self._flush()
                align = alignment(child, self.body)   # a centred <h3> kept centred, as a paragraph is
                if align:
                    child[ALIGN] = align
                self._append(child)
            elif child.name == "table":
                self._flush()
                self._table(child)
            elif child.name in ("ul", "ol", "pre"):
                self._flush()
                self._append(child)
            elif child.name == "hr":
                self._flush()
            elif child.name in INLINE and not _has_lines(child):
                self.run_nodes.append(child)
            elif _one_line_box(child):
                # `<section style="display:inline-block"><p>01</p></section><section …><p>立法目的</p></section>`
                # (秀米 and 135 editors' pasted layouts): a browser sets the boxes side by side on one line; each
                # was imported as a line of its own (`01`, then `立法目的`).
                for block in child.find_all(_BOX_BLOCKS):
                    block.unwrap()
                self.run_nodes += child.contents   # its text: the converter breaks the line at a <section>
            elif child.name in INLINE:
                # Its first line goes on from the text before it, its last line on into the text after it: flushed
                # before it, `<span>（一）强化责任落实。</span><span>修订……，<br>明确……。</span>` made a line of the
                # run-in heading alone (imported as a heading of its own) and of the paragraph's first line another.
                self._walk(child)
            else:   # a block (p, div, center, td …) or an inline wrapper holding lines: its lines are paragraphs
                self._flush()
                self._walk(child)
                self._flush()

    def _table(self, table: Tag) -> None:
        signature = _only_a_signature(table)   # a joint 落款's agencies side by side, centred in their cells
        self._caption_above(table)   # a layout table's caption was never read: no cell holds it
        if _labelled_attachments(table):
            self.blocks.layout_tables += 1
            for cell in _rows(table)[0]:
                self._walk(cell)      # the label and the list's first line are one line, as the page shows them
            self._flush()
            return
        if is_layout(table) or _places_text(table) or signature:
            self.blocks.layout_tables += 1
            for cells in _rows(table):
                for cell in (cells if signature else _placed_right(cells)):
                    cell[PLACED] = "right"
                for cell in cells:
                    self._walk(cell)
                    self._flush()
            return
        _in_display_order(self.soup, table)
        for cells in _rows(table):
            for cell in cells:
                _cell_lines(self.soup, cell)
        self._append(table)

    def _caption_above(self, table: Tag) -> None:
        """A data table's <caption> (`表1　2024年上半年行政处罚情况`) as the centred line above it, where a browser draws
        it: inside, the conversion wrote it as a line of the table, whose first row then had no header line under it
        (the table shown as text with its pipes)."""
        for caption in table.find_all("caption", recursive=False):
            before = len(self.blocks.root.contents)
            self.run_nodes = list(caption.contents)
            self._flush()
            if len(self.blocks.root.contents) > before:   # an empty caption makes no line
                self.blocks.root.contents[-1][ALIGN] = "center"
            caption.decompose()

    def _append(self, tag: Tag) -> None:
        self.blocks.root.append(tag.extract())

    def _flush(self) -> None:
        nodes, self.run_nodes = self.run_nodes, []
        if not any(_visible(node) for node in nodes):
            return
        paragraph = self.soup.new_tag("p")
        paragraph.sourceline = next((n.sourceline for n in nodes if isinstance(n, Tag) and n.sourceline), None) \
            or getattr(nodes[0].parent, "sourceline", None)
        align = alignment(nodes[0].parent, self.body)
        if align:
            paragraph[ALIGN] = align
        for node in nodes:
            paragraph.append(node.extract())
        self.blocks.root.append(paragraph)


ALIGN = "data-align"   # on a flattened paragraph: how the source set it ("center", "right")
PLACED = "data-placed"  # on a layout table's cell: where the table puts its lines on the page ("right")
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*([a-z-]+)", re.I)


def alignment(tag: Tag | None, body: Tag) -> str | None:
    """"center" or "right" when the nearest element (up to the body) that sets an alignment sets one
    of these (align="right", style="text-align:center", <center>); else None. A line in a layout table's cell with
    only empty cells before it in its row (the 落款 placed by an empty cell of 60 %) stands on the right of the page,
    however the cell aligns it inside: it was imported centred, in the middle of the page; so is a line of a table
    holding only a 落款 (`_Flattener._table` marks the cells so placed)."""
    cell = tag if tag is None or tag.name in ("td", "th") else tag.find_parent(["td", "th"])
    if cell is not None and cell.get(PLACED):
        return cell[PLACED]
    while tag is not None:
        if tag.name == "center":
            return "center"
        declared = (tag.get("align") or "").strip().lower() or next(
            (m.group(1).lower() for m in [_TEXT_ALIGN.search(tag.get("style") or "")] if m), "")
        if declared:
            return declared if declared in ("center", "right") else None
        if tag is body:
            return None
        tag = tag.parent
    return None


def _placed_right(cells: list[Tag]) -> list[Tag]:
    """The cell of a layout table's row that stands on the right of the page: the only one with text, after one or
    more empty cells (read once a row: a row of many cells is not read again for each of its lines)."""
    shown = [cell for cell in cells if _visible(cell)]
    return shown if len(shown) == 1 and shown[0] is not cells[0] else []


def _visible(node) -> bool:
    if isinstance(node, NavigableString):
        return bool(_BLANK.sub("", str(node)))
    return node.name == "img" or node.find("img") is not None or bool(_BLANK.sub("", node.get_text()))


def _in_display_order(soup: BeautifulSoup, table: Tag) -> None:
    """The table's rows as a browser shows them: its <thead>'s first, its <tfoot>'s last (HTML 4, Word and old CMS
    editors write the <tfoot> before the <tbody>), the rest in order, under one <thead> and one <tbody>.

    markdownify takes the first row of every section for a header row: a 合计 row in a <tfoot> before the <tbody> was
    imported above the data with a second `| --- |` row under it, which the site shows as a row of `---` cells; a
    second <tbody> got one too."""
    sections = [child for child in table.find_all(["thead", "tbody", "tfoot"], recursive=False)]
    if not sections or sections == table.find_all("tbody", recursive=False)[:1]:
        return   # rows directly in the table, or in one <tbody>: already as shown
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    place = {"thead": 0, "tfoot": 2}
    ordered = sorted(rows, key=lambda row: place.get(row.parent.name, 1))   # stable: source order within each
    head = [row for row in ordered if row.parent.name == "thead"]
    for section in sections:
        section.extract()
    for row in rows:
        row.extract()
    for name, group in (("thead", head), ("tbody", ordered[len(head):])):
        if group:
            section = soup.new_tag(name)
            section.extend(group)
            table.append(section)


def _cell_lines(soup: BeautifulSoup, cell: Tag) -> None:
    """A data cell's paragraphs and line breaks as `<br>` between its lines, inline markup kept."""
    inner = Blocks(soup.new_tag("div"))
    flattener = _Flattener(soup, inner)
    flattener.run(cell)
    cell.clear()
    aligned = {block.get(ALIGN) for block in inner.root.find_all(recursive=False)}
    if len(aligned) == 1 and None not in aligned:   # every line of the cell centred (or right): the cell is
        cell[ALIGN] = aligned.pop()
    for number, block in enumerate(inner.root.find_all(recursive=False)):
        if number:
            cell.append(soup.new_tag("br"))
        if block.name == "p":
            for node in list(block.contents):
                cell.append(node.extract())
        elif block.name in ("ul", "ol"):
            _item_lines(soup, cell, block)
        else:
            cell.append(NavigableString(block.get_text(" ", strip=True)))


def _item_lines(soup: BeautifulSoup, cell: Tag, listing: Tag, depth: int = 0) -> None:
    """A list in a data cell: each item a line of the cell (a browser shows them so), a numbered item's number written
    as it is drawn. They were one line, the items' texts run together with spaces. A list inside an item gives lines
    of its own after the item's, indented a full-width blank a level (round 31a: `清扫<ul><li>路面</li><li>边沟</li>`
    was the one line 清扫 路面 边沟)."""
    for number, item in enumerate(listing.find_all("li", recursive=False)):
        if number or depth:
            cell.append(soup.new_tag("br"))
        marker = item_marker(item) if listing.name == "ol" else None
        inner = [sublist.extract() for sublist in item.find_all(("ul", "ol"), recursive=False)]
        cell.append(NavigableString("\u3000" * depth + (f"{marker} " if marker else "") + item.get_text(" ", strip=True)))
        for sublist in inner:
            _item_lines(soup, cell, sublist, depth + 1)
