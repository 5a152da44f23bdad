"""Fidelity (E600, E601): the published text is the official text, character for character and
in its shape.

Runs in the build on every document page (this module): Markdown must not eat or change a
character of the source (E600), nor its shape (E601, at the end of this module). How a line break
is read (one line, one paragraph) is `text/paragraphs.py`.

E600: the published page carries every character of the document's text, in order.

Compared are the characters an official text is made of: Han characters, digits, full-width
and CJK punctuation, and `*` `_` (placeholders and blanks in official documents). From the
source, only what is markup is taken away before comparing: link and image targets, HTML
tags and comments, attribute lists, layout marks (`{居中}`), reference definitions, list bullets, rules, backslashes
of escapes and the `*`/`_` runs that form emphasis (`official_text.literal_runs`). Anything
else missing or changed on the page is reported on its source line.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..codes import E600, E601
from ..codes.diagnostics import Diagnostic
from ..content.host_settings import abbreviations_enabled
from ..text.fences import code_blocks, lines_outside_code
from ..text.html_text import feed_whole, text_parts
from ..text.markup import REFERENCE_DEFINITION, without_inline_markup
from ..text.official_text import literal_runs
from ..text.paragraphs import HEADING, ROW, TEXT_KINDS, is_rule, read_lines, reference_label, unused_reference_labels
from .focus import focused_documents

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "fidelity"


MAX_PER_DOCUMENT = 10
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BULLET = re.compile(r"^((?:[ \t]*>)*[ \t]*)-[ \t]+")   # `* ` and `+ ` are text (`text/paragraphs.py`)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_LITERAL_STAR, _LITERAL_LOW = "\ue000", "\ue001"   # escaped \* and \_ while emphasis is worked out


_INSIGNIFICANT = re.compile(
    "[^\\d*_\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"     # digits, * _, Han
    "\u3001-\u303f\uff01-\uff60\uffe0-\uffee"                    # CJK and full-width punctuation
    "\u2010-\u2027\u2030-\u205e\ue000\ue001]")                   # “”‘’…—„‟; escaped \\* \\_


def _literals(text: str) -> str:
    """Escaped \\* and \\_ back as `*` and `_`. Most texts hold neither: `str.translate` with a
    mapping looks up every character (a third of the build's fidelity time), `replace` does not."""
    return text.replace(_LITERAL_STAR, "*").replace(_LITERAL_LOW, "_")


def significant(text: str) -> str:
    """The characters the page must keep: Han, digits, full-width/CJK/general punctuation, * and _."""
    return _INSIGNIFICANT.sub("", text)


@dataclass
class SourceText:
    """The body's significant characters, and where each source line's characters begin."""
    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, line: int, chars: str) -> None:
        if chars:
            self.starts.append(len(self.text))
            self.lines.append(line)
            self.text += chars

    def line_at(self, offset: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]


def page_problems(path: str, body: str, body_line: int, page_html: str) -> list[Diagnostic]:
    """E600 and E601 of one rendered document page (the build's check): the source is read once,
    the page parsed once."""
    source = source_text(body, body_line)
    page, blocks = page_blocks(page_html)
    return _lost_characters(path, body, body_line, source, page) + _shape(path, body, body_line, source, page, blocks)


def fidelity_problems(path: str, body: str, body_line: int, page_html: str) -> list[Diagnostic]:
    """E600 for every run of the body's text that the rendered page lost or changed."""
    return _lost_characters(path, body, body_line, source_text(body, body_line), page_text(page_html))


def _lost_characters(path: str, body: str, body_line: int, source: SourceText, page: str) -> list[Diagnostic]:
    expected = source.text
    if _in_order(expected, page):
        return []   # every character is there, in order (the page may add its own, e.g. a generated table)
    matcher = difflib.SequenceMatcher(None, expected, page, autojunk=False)
    changes: dict[int, list[tuple[str, str]]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes.setdefault(source.line_at(i1), []).append((expected[i1:i2], page[j1:j2] if tag == "replace" else ""))
    lines = body.split("\n")
    problems = [_problem(path, line, lines[line - body_line], found) for line, found in changes.items()]
    if len(problems) > MAX_PER_DOCUMENT:
        rest = len(problems) - MAX_PER_DOCUMENT
        problems = problems[:MAX_PER_DOCUMENT]
        problems[-1] = E600.at(path, problems[-1].line, problems[-1].message + f"（另有 {rest} 行同类问题未列出）")
    return problems


def _in_order(expected: str, page: str) -> bool:
    """`expected` is a subsequence of `page` (linear; the diff below runs only when this fails)."""
    if expected == page:
        return True
    remaining = iter(page)
    return all(char in remaining for char in expected)


def lost_runs(expected: str, page: str) -> list[str]:
    """The runs of the significant text `expected` that the significant text `page` does not carry, in
    order; [] when every character is there (the importer's comparison of a saved page with its Markdown)."""
    if _in_order(expected, page):
        return []
    matcher = difflib.SequenceMatcher(None, expected, page, autojunk=False)
    return [expected[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")]


def _problem(path: str, line: int, text: str, found: list[tuple[str, str]]) -> Diagnostic:
    context = text.strip()
    context = context if len(context) <= 30 else context[:30] + "…"
    changes = "、".join(f"“{lost}”变成了“{got}”" if got else f"“{lost}”丢失了" for lost, got in found)
    lost = "".join(lost for lost, _ in found)
    return E600.at(path, line, f"正文“{context}”在发布的页面上{changes}；页面必须与原文逐字一致。{_fix(text, lost)}")


def _fix(text: str, lost: str) -> str:
    if set(lost) <= set("*_"):
        return r"如需原样显示星号或下划线，请在前面加反斜杠，例如 \*\*；如本意是加粗，请检查星号是否成对"
    if re.match(r"^\s*\d+\.", text) and lost.isdigit():
        return "以“数字.”开头的段落被当作了自动编号列表：请勿在 mkdocs.yml 中停用 disclosure.text.markdown_official 扩展"
    return "请检查此处的 Markdown 或 HTML 标记（例如 < [ ] 等符号），需要原样显示的符号前加反斜杠 \\"


# --- the source ------------------------------------------------------------------------------

def source_text(body: str, body_line: int) -> SourceText:
    """The body's significant characters with their lines, markup taken away."""
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    unused = unused_reference_labels(body) if "]:" in body else set()   # text, shown as written (`paragraphs.py`)
    abbreviations = used_abbreviations(body) if "*[" in body else set()
    labels = {label for line in body.split("\n") if (label := reference_label(line))} if "]:" in body else set()
    found = SourceText()
    block: list[tuple[int, str]] = []
    code = {index: fenced for fenced in code_blocks(body) for index in fenced}
    for index, line in enumerate(body.split("\n")):
        number = body_line + index
        if index in code:
            if index == code[index].start:
                _add_block(found, block, labels)
                block = []
            elif index != code[index].stop - 1:
                found.add(number, significant(line))   # code is shown as written
        elif not line.strip():
            _add_block(found, block, labels)
            block = []
        elif not ((REFERENCE_DEFINITION.match(line) and reference_label(line) not in unused) or is_rule(line)
                  or ((defined := _ABBREVIATION.match(line)) and defined["abbr"] in abbreviations)):
            block.append((number, _BULLET.sub(r"\1", line)))
    _add_block(found, block, labels)
    return found


# An abbreviation's definition as the abbr extension reads it (its pattern): `*[HTML]: 超文本标记语言`.
_ABBREVIATION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:")


def used_abbreviations(body: str) -> set[str]:
    """The abbreviations a definition of `body` gives and its text uses (a whole word, as the abbr extension finds
    them): each is markup, its title shown where the word is (round 31b: the build refused every such definition as
    text lost, E600). An unused one is kept: with abbr its text is on no page (E600), without it the line is shown."""
    lines = body.split("\n")
    defined = {found["abbr"] for line in lines if (found := _ABBREVIATION.match(line)) and found["abbr"]}
    text = "\n".join(line for line in lines if not _ABBREVIATION.match(line))
    return {abbr for abbr in defined if re.search(rf"\b{re.escape(abbr)}\b", text)}


def check(site: Site) -> list[Diagnostic]:
    """What `disclosure check` can tell of fidelity from the source: an abbreviation's definition the text never uses,
    where abbr is enabled, is on no page (its text lost: E600 at the build, which the check passed before round 32b)."""
    if not abbreviations_enabled(site.root, site.host_config):
        return []
    return [E600.at(doc.path, doc.body_line + index, (
                f"缩写定义“{line.strip()}”中的“{abbreviation}”在正文中没有出现：启用 abbr 扩展时这一行不显示在页面上，"
                "其中的文字在发布的页面上丢失；请删除这一行，或在正文中写上这个词，或在行首的 * 前加反斜杠 \\ 使其原样显示"))
            for doc in focused_documents(site) if doc.is_public and "*[" in doc.body
            for index, abbreviation, line in unused_abbreviation_definitions(doc.body)]


def unused_abbreviation_definitions(body: str) -> list[tuple[int, str, str]]:
    """(index of the line, the abbreviation, the line) of each definition outside code whose word the text never
    uses (`used_abbreviations`)."""
    used = used_abbreviations(body)
    return [(index, defined["abbr"], line) for index, line in lines_outside_code(body)
            if (defined := _ABBREVIATION.match(line)) and defined["abbr"] and defined["abbr"] not in used]


def _add_block(found: SourceText, block: list[tuple[int, str]], labels: set[str]) -> None:
    """One paragraph: inline markup away (a reference only where `labels` define its label: round 32a), then the
    `*`/`_` that pair up as emphasis away."""
    texts = []
    for _, line in block:
        line = without_inline_markup(line, labels)
        texts.append(_ESCAPE.sub(_unescape, line) if "\\" in line else line)
    text = "\n".join(texts)
    pieces, last = [], 0
    for start, end in _emphasis_runs(text):
        pieces.append(text[last:start])
        last = end
    text = "".join(pieces) + text[last:]
    for (number, _), line in zip(block, text.split("\n")):
        found.add(number, _literals(significant(line)))


def _emphasis_runs(text: str) -> list[tuple[int, int]]:
    if "*" not in text and "_" not in text:
        return []   # most paragraphs: no run to pair
    literal = set(literal_runs(text))
    return [(m.start(), m.end()) for m in re.finditer(r"\*+|_+", text) if (m.start(), m.end()) not in literal]


def _unescape(match: re.Match) -> str:
    return {"*": _LITERAL_STAR, "_": _LITERAL_LOW}.get(match.group(1), match.group(1))


# --- the page --------------------------------------------------------------------------------

def page_text(page_html: str) -> str:
    """The significant characters a reader sees on the rendered body (image alt texts included)."""
    return _literals(significant("".join(text_parts(page_html, with_alt=True))))


# --- E601: the shape -------------------------------------------------------------------------
# E601: the published page keeps the document's shape, not only its characters.
#
# Each line of the source that is text (`text/paragraphs.py` says what a line is) must begin a
# block of its own on the page: a paragraph stays a paragraph (never joined to the line above,
# never turned into a heading), a heading stays a heading, a table row stays a table row. And no
# markup shows as text: a block that begins with `#`, begins or ends with `|`, holds a `|---|`
# row or a `**…**` that pairs as bold, unless the source escaped it (`\#`, `\|`, `\*`).
#
# Lines are matched to the page by their significant characters (those E600 compares), in order;
# a line E600 already reports as lost is not reported again here.

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "blockquote", "pre",
           "div", "caption", "figcaption", "summary", "table", "tr", "ul", "ol", "dl", "section", "details"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CELLS = {"td", "th"}
_CODE = {"code", "pre", "kbd", "samp"}
_HIDDEN = {"script", "style"}
_SHOWN_MARKUP = [
    (re.compile(r"^\s*(?:#{1,6}(?:\s|[^\x00-\x7f])|＃{1,6}\s)"), "#", "#", "标题符号“#”（须是半角 #）"),
    (re.compile(r"^\s*\||\|\s*$"), "|", "|", "表格竖线“|”"),
    (re.compile(r"(?<![-:]):?-{3,}+:?[ \t]*+\|"), "|", "|", "表格分隔行“|---|”"),   # a dash run tried once
    # A layout mark works at the end of a paragraph or heading of its own; in a list item, a quote or a cell it shows.
    (re.compile(r"\{(?:居中|居右|顶格|正文)\}\s*$"), "{", "{", "排版标记（如“{居中}”，只能写在单独成段的一行末尾，列表、引文、表格中无效）"),
]


@dataclass
class Block:
    tag: str
    start: int                       # offset in the page's significant text
    text: list[str] = field(default_factory=list)   # what a reader sees, code left out

    @property
    def shown(self) -> str:
        return "".join(self.text).strip()


class _Blocks(HTMLParser):
    """The page's blocks in order, each with where its significant text begins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.parts: list[str] = []   # the significant text, in pieces (joined once: pages can be long)
        self.length = 0
        self.code = self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _CODE:
            self.code += 1
        if tag in _BLOCKS or tag == "br":
            self.blocks.append(Block("br" if tag == "br" else tag, self.length))
        elif tag == "img":
            self.handle_data(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in _CODE and self.code:
            self.code -= 1
        if tag in _BLOCKS:
            self.blocks.append(Block("/", self.length))   # text after it belongs to the enclosing block

    def handle_data(self, data):
        if self.hidden:
            return
        kept = significant(data)
        self.parts.append(kept)
        self.length += len(kept)
        if self.blocks and not self.code:
            self.blocks[-1].text.append(data)


def page_blocks(page_html: str) -> tuple[str, list[Block]]:
    reader = _Blocks()
    feed_whole(reader, page_html)
    return _literals("".join(reader.parts)), reader.blocks   # as page_text reads it, offsets kept


def shape_problems(path: str, body: str, body_line: int, page_html: str) -> list[Diagnostic]:
    """E601 for every line of the body whose paragraph, heading or table row the page lost, and
    every block of the page that shows markup as text."""
    page, blocks = page_blocks(page_html)
    return _shape(path, body, body_line, source_text(body, body_line), page, blocks)


def _shape(path: str, body: str, body_line: int, source: SourceText, page: str, blocks: list[Block]) -> list[Diagnostic]:
    starts: dict[int, str] = {}
    for block in blocks:
        if block.tag != "/":
            starts[block.start] = block.tag if block.tag != "br" or block.start not in starts else starts[block.start]
    lines = body.split("\n")
    chars = _line_chars(source)
    problems: list[Diagnostic] = []
    cursor = 0
    line_of_offset: list[tuple[int, int]] = []
    for number, line in enumerate(read_lines(body), start=body_line):
        text = chars.get(number, "")
        if line.kind not in TEXT_KINDS or not text:
            continue
        found = page.find(text, cursor)
        if found < 0:
            continue   # E600 says what was lost
        line_of_offset.append((found, number))
        cursor = found + len(text)
        problem = _lost_shape(line.kind, starts.get(found), lines[number - body_line])
        if problem:
            problems.append(E601.at(path, number, problem))
    problems += _shown_markup(path, blocks, line_of_offset, lines, body_line)
    return _capped(sorted(problems, key=lambda d: d.line))


def _line_chars(source: SourceText) -> dict[int, str]:
    """Each source line's significant characters, markup taken away (as E600 reads them)."""
    ends = source.starts[1:] + [len(source.text)]
    chars: dict[int, str] = {}
    for line, start, end in zip(source.lines, source.starts, ends):
        chars[line] = chars.get(line, "") + source.text[start:end]
    return chars


def _lost_shape(kind: str, tag: str | None, line: str) -> str | None:
    context = _context(line)
    if tag is None:
        return (f"“{context}”在发布的页面上没有单独成段，并进了上一段；原文的每一行是一段，页面上也必须是。"
                "请检查上一行是否有未闭合的标记（如 < 或 ` ），不要在 mkdocs.yml 中停用 disclosure.text.markdown_official 扩展")
    if kind == HEADING and tag not in _HEADINGS:
        return f"标题“{context}”在发布的页面上不是标题；请检查 # 后是否有空格（如 ## 一、总体要求）"
    if kind == ROW and tag not in _CELLS:
        return (f"表格行“{context}”在发布的页面上不是表格；表格须有表头行、分隔行（|---|---|），"
                "每行用 | 分列，表格前空一行")
    if kind not in (HEADING, ROW) and tag in _CELLS:
        return f"“{context}”在发布的页面上成了上方表格的一行；表格结束后请空一行再写正文"
    if kind != HEADING and tag in _HEADINGS:
        return (f"“{context}”在发布的页面上成了标题；若它不是标题，请在它下一行的 --- 或 === 前空一行"
                "（紧跟在文字下面的 --- 会把上一行变成标题）")
    return None


def _shown_markup(path: str, blocks: list[Block], line_of_offset: list[tuple[int, int]], lines: list[str],
                  body_line: int) -> list[Diagnostic]:
    problems = []
    for block in blocks:
        shown = block.shown
        if block.tag in ("/", "br", "table", "tr", "ul", "ol", "dl") or not shown:
            continue
        number = _line_at(line_of_offset, block.start)
        source = lines[number - body_line] if number is not None else ""
        for what in _markup_in(shown, source):
            problems.append(E601.at(path, number or body_line,
                                    f"页面上“{_context(shown)}”显示出了{what}；它本应是排版标记。"
                                    "请检查标题的 # 是否顶格且后跟空格、表格是否有表头行和分隔行（|---|）并与上文空一行、"
                                    "加粗的 ** 是否成对；需要原样显示的符号前加反斜杠，如 \\|"))
    return problems


def _markup_in(shown: str, source: str) -> list[str]:
    if not any(char in shown for char in "#＃|*{"):
        return []
    found = [name for pattern, char, _, name in _SHOWN_MARKUP if pattern.search(shown) and f"\\{char}" not in source]
    if "**" in shown and "\\*" not in source:
        runs = set(literal_runs(shown))
        if any((m.start(), m.end()) not in runs for m in re.finditer(r"\*{2,}", shown)):
            found.append("加粗符号“**”")
    return found[:1]


def _line_at(line_of_offset: list[tuple[int, int]], offset: int) -> int | None:
    """The source line of the last unit matched at or before `offset` (offsets ascend)."""
    index = bisect.bisect_right(line_of_offset, (offset, float("inf"))) - 1
    return line_of_offset[index][1] if index >= 0 else None


def _context(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 30 else text[:30] + "…"


def _capped(problems: list[Diagnostic]) -> list[Diagnostic]:
    if len(problems) <= MAX_PER_DOCUMENT:
        return problems
    rest = len(problems) - MAX_PER_DOCUMENT
    kept = problems[:MAX_PER_DOCUMENT]
    kept[-1] = E601.at(kept[-1].path, kept[-1].line, kept[-1].message + f"（另有 {rest} 处同类问题未列出）")
    return kept
