"""How a line break in an official text is read: one line is one paragraph.

Chinese official documents are written one paragraph per line (Word copies them so, without
blank lines between). Markdown would join such lines into one paragraph, so a pasted document
became one wall of text. Here every line of text is a paragraph of its own, and what an editor
writes in Markdown on purpose keeps its meaning:

- `#` headings (a `#` at the heading's end after a character, `## 3#楼和5#`, is text), and a line underlined with `===` or `---` (a heading, as in Markdown);
- tables: a header row with `|`, its `|---|` row, and every following row with `|`;
- list items (`- `, `1. `; not `1)`, which Python-Markdown leaves text) stay one list (bulleted
  items directly after numbered ones, or the other way round, begin a list of their own); an indented line after an item is a paragraph
  inside it; what is indented four spaces (or a tab) under an item or an admonition (`!!!`) is read
  by these same rules, as is the text of a block quote (`>`): each line a paragraph, a table a table;
- a line opening with `#` or `>` directly before a digit or a Latin letter (`#1号楼`, `>60岁`) is text, as
  written: no heading, no quote;
- a line of underscores only (`______________`, the blank a 回执 leaves for a signature) or of asterisks only
  (`******`, a line hidden in full) is text, as written: Python-Markdown drew a rule and the characters were gone,
  silently; a rule is `---` (or `* * *`);
- a line opening with `* ` or `+ ` is text, as written (`* 为必填项`, `+ 0.5个百分点`): Python-Markdown made a
  bulleted item of it and the sign was gone, silently (a list marker is markup to the fidelity rule); the guide
  gives `- ` as the bullet;
- a reference definition no link uses (`[1]: https://www.gov.cn/…`, a list of sources) is text, as written;
- a line holding only an attribute list (`{: .class }`) belongs to the line above;
- raw HTML blocks and fenced code are left as they are.

A line's leading spaces (ASCII, full-width U+3000, no-break) outside those are a first-line indent the page
draws itself (two characters, as the national standard sets it); they are dropped, so that an
indented line never turns into a code block.

`as_paragraphs(text)` gives the Markdown that Python-Markdown reads so (the Markdown extension
`disclosure.text.markdown_official` runs it first); `read_lines(text)` says what each source line is,
which the shape rule (E601, `rules/fidelity.py`) compares with the rendered page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

PARAGRAPH, HEADING, ROW, ITEM, INNER = "paragraph", "heading", "row", "item", "inner"
MARKUP, BLANK, RAW = "markup", "blank", "raw"   # underlines, rules, delimiter rows, attribute lists; blank; HTML and code
TEXT_KINDS = (PARAGRAPH, HEADING, ROW, ITEM, INNER)   # lines whose text is a block of the page

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")
_DEEP = re.compile(r"^(?: {4}|\t| {0,3}\t)")
_ATX = re.compile(r"^#{1,6}")   # as Python-Markdown reads it: no space needed after the #
# A heading's closing `#`s are markup only after a space (`## 标题 ##`); `## 3#楼和5#` ends with text, which
# Python-Markdown dropped.
_TEXT_HASHES = re.compile(r"(?<=[^\s#\\])#+(?=[ \t]*$)")
_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Blanks to fill in (`______`, also `___ ___`) and a line hidden in full (`******`): official text, no rule.
_MARKS_AS_TEXT = re.compile(r"^(?:_[_ \t]*|\*+)$")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]+\S")   # as Python-Markdown reads one: "1)" is no item
_NUMBERED_ITEM = re.compile(r"\d+\.")
_SIGN_ITEM = re.compile(r"^[*+][ \t]+\S")   # `* 为必填项`, `+ 0.5%` (indent taken off): the sign is text
_QUOTE = re.compile(r"^( {0,3}>[ >]*)")
# A line opening with "#" or ">" directly before a digit or a Latin letter is text, as the documents write it
# (`#1号楼`, `#A座`, `>60岁`): Python-Markdown would make a heading or a quote of it and drop the sign. "##" and a
# sign before a space or a Han character keep their Markdown meaning (`# 标题`, `##一、总体要求`, `> 引文`).
_SIGN_AS_TEXT = re.compile(r"^( {0,3}(?:(?:[-*+]|\d+\.)[ \t]+)?)(?=[#>][0-9A-Za-z])")   # also an item's first character
# An attribute list alone on a line ({: .x }, {#id}, {key=value}) or a layout mark ({居中}): it belongs
# to the line above. Other text in braces ({注}) is text.
ATTRIBUTE_LIST = re.compile(r"\{(?::[^}\n]*|[ \t]*[#.][^}\n]*|[^}\n]*=[^}\n]*)\}")   # {: .x }, {#id}, {key=value}
_ATTR = re.compile(rf"^ {{0,3}}(?:{ATTRIBUTE_LIST.pattern}|\{{(?:居中|居右|顶格|正文)\}})[ \t]*$")
_ADMONITION = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:")
# A link to a reference: [text][label] (or [label][]), or [label] alone, not itself a definition or an inline link.
_REFERENCE_USE = re.compile(r"\[[^\]\n]*\][ ]?\[([^\]\n]*)\]|(?<!\])\[([^\]\n]+)\](?![:(\[]| \[)")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLOCK_ELEMENTS = (r"address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|figcaption|footer|form|h[1-6]|"
                   r"header|hr|iframe|main|nav|ol|p|pre|script|section|style|summary|table|ul")
# A raw HTML block's first line: a comment, an end tag, or a start tag (its element named: the block ends where it closes).
_HTML_BLOCK = re.compile(rf"^ {{0,3}}<(?:!--|/(?:{_BLOCK_ELEMENTS})\b|({_BLOCK_ELEMENTS})\b)", re.I)


@dataclass(frozen=True)
class Line:
    kind: str
    text: str           # the line as Python-Markdown gets it (indentation dropped where it is an indent)
    starts_block: bool  # a blank line goes before it
    gap: str = ""       # what that blank line holds: "" (or ">" inside a quote)


def read_lines(text: str) -> list[Line]:
    """What each line of `text` is, in order (one `Line` per source line)."""
    found = _read(text.split("\n"))
    if "]:" not in text:
        return found   # most texts: no reference definition
    unused = unused_reference_labels(text)
    return [Line(line.kind, "\\" + line.text, line.starts_block, line.gap) if line.kind == PARAGRAPH
            and reference_label(line.text) in unused else line for line in found]


def reference_label(line: str) -> str | None:
    """The label of a reference definition (`[1]: https://…`), as Python-Markdown compares labels; None for another line."""
    found = _DEFINITION.match(line)
    return " ".join(found.group(1).lower().split()) if found else None


def unused_reference_labels(text: str) -> set[str]:
    """Labels of the reference definitions no link of `text` uses (`[名称][1]`, `[1][]`, `[1]`). Such a line is the
    document's text (a list of sources: `[1]: https://www.gov.cn/…`): Python-Markdown swallowed it, silently."""
    defined = {label for line in text.split("\n") if (label := reference_label(line))}
    if not defined:
        return set()
    used = {" ".join((m.group(1) or m.group(2) or "").lower().split()) for m in _REFERENCE_USE.finditer(text)}
    return defined - used


def _read(lines: list[str]) -> list[Line]:
    found: list[Line] = []
    context = None          # "list", "container" (admonition, footnote), "table" or None
    raw = None              # inside raw text: what ends it (`_RawBlock`)
    closing = _EndTags(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if raw is not None:
            found.append(Line(RAW, line, False))
            raw = None if raw.ends(line) else raw
            index += 1
            continue
        if not line.strip():
            found.append(Line(BLANK, line, False))
            context = context if context in ("list", "container") else None
            index += 1
            continue
        previous = _last_text(found)
        adjacent = bool(found) and found[-1].kind != BLANK
        opening, line = _raw_opening_of(line, context)
        if opening is not None and opening.element and not closing.found(index, opening.element):
            opening = _RawBlock("")   # never closed: Python-Markdown keeps all after it raw; read on as text (E601)
        if opening is not None:
            found.append(Line(RAW, line, previous is not None))
            raw = None if opening.ends(line, first=True) else opening
            context = None
            index += 1
            continue
        nested = _nested(lines, index, context, previous if adjacent else None)
        if nested:
            found += nested
            index += len(nested)
            context = context if context in ("list", "container") else None
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        kind, context, shown = _classify(line, following, previous if adjacent else None, context)
        joined = adjacent and (kind == MARKUP or (kind == ROW and previous.kind == ROW)
                               or (kind == ITEM and previous.kind == ITEM and _numbered(previous.text) == _numbered(shown)))
        found.append(Line(kind, shown, previous is not None and not joined))
        index += 1
    return found


def _nested(lines: list[str], index: int, context: str | None, above: Line | None) -> list[Line]:
    """The lines of a block inside a list item or an admonition (indented four spaces or a tab), or
    of a block quote, read as a text of their own and put back in place; [] when `lines[index]`
    starts none. `above`: the line directly above, when it is not blank."""
    if context in ("list", "container") and _DEEP.match(lines[index]):
        run = _run(lines, index, lambda line: bool(_DEEP.match(line)))
        inner = _read([_dedent(line) for line in run])
        sublist = above is not None and above.kind == ITEM and inner[0].kind == ITEM   # a list inside an item
        first = [Line(inner[0].kind, "    " + inner[0].text, not sublist)]
        return first + [Line(x.kind, ("    " + x.text) if x.text.strip() else x.text, x.starts_block, x.gap) for x in inner[1:]]
    quote = _QUOTE.match(lines[index])
    if quote and not _SIGN_AS_TEXT.match(lines[index]):   # `>60岁` is text
        prefix = quote.group(1)
        # `>60岁` after a quote is text of its own too, not the quote's next line with its sign gone.
        run = _run(lines, index, lambda line: line.startswith(prefix.rstrip()) and not _SIGN_AS_TEXT.match(line),
                   blank_ends=True)
        inner = _read([line[len(prefix):] if line.startswith(prefix) else line[len(prefix.rstrip()):] for line in run])
        mark = prefix.rstrip()
        return [Line(x.kind, f"{prefix}{x.text}" if x.text.strip() else mark, x.starts_block or n == 0, (mark + " " + x.gap).rstrip())
                for n, x in enumerate(inner)]
    return []


def _run(lines: list[str], index: int, belongs, blank_ends: bool = False) -> list[str]:
    """The lines from `index` on that belong to one nested block (blank lines inside it included)."""
    end = index
    while end < len(lines):
        if lines[end].strip() and belongs(lines[end]):
            end += 1
        elif not lines[end].strip() and not blank_ends and end + 1 < len(lines) and belongs(lines[end + 1]):
            end += 1
        else:
            break
    return lines[index:end]


def _dedent(line: str) -> str:
    line = line.replace("\t", "    ", 1) if line.startswith("\t") else line
    return line[4:] if line.startswith("    ") else line.lstrip(" ")


def _last_text(found: list[Line]) -> Line | None:
    return next((line for line in reversed(found) if line.kind != BLANK), None)


@dataclass
class _RawBlock:
    """What ends a raw block: a fence's closing (```), a comment's `-->`, the end tag of the HTML element that opens
    it, or (a line opening with an end tag: no element to follow) a blank line.

    Python-Markdown ends a raw HTML block where the element that opens it closes, blank lines inside it included;
    the lines after `</table>` are Markdown again. Read up to a blank line instead, a Word table's following lines
    (its note, the 落款) were raw here and got no blank line between them: one paragraph on the page, silently."""
    closing: str
    element: str = ""
    depth: int = 0

    def ends(self, line: str, first: bool = False) -> bool:
        if self.element:
            self.depth += len(_start_tags(self.element).findall(line)) - len(_end_tags(self.element).findall(line))
            return self.depth <= 0 or self.element == "hr"   # <hr>: nothing to close
        if self.closing == "-->":
            return "-->" in line
        if self.closing == "":
            return not first and not line.strip()
        return not first and line.strip().startswith(self.closing)


class _EndTags:
    """Whether an HTML element opened on a line of `lines` is closed further down. One never closed keeps everything
    after it raw in Python-Markdown: a forgotten `</table>` or `</div>`, and the rest of the document is one run of
    text on the page. Such a block is read up to a blank line, as before, so that the lines after it are compared as
    text and the shape rule (E601) names them. Worked out once per element name: the running count of its start
    tags less its end tags, and the lowest count from each line on."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.counts: dict[str, tuple[list[int], list[int]]] = {}

    def found(self, index: int, element: str) -> bool:
        if element == "hr":
            return True
        if element not in self.counts:
            running, totals = 0, []
            for line in self.lines:
                running += len(_start_tags(element).findall(line)) - len(_end_tags(element).findall(line))
                totals.append(running)
            lowest = totals[:]
            for at in range(len(lowest) - 2, -1, -1):
                lowest[at] = min(lowest[at], lowest[at + 1])
            self.counts[element] = (totals, lowest)
        totals, lowest = self.counts[element]
        return lowest[index] <= (totals[index - 1] if index else 0)


@functools.lru_cache(maxsize=64)
def _start_tags(element: str) -> re.Pattern:
    return re.compile(rf"<{element}(?![A-Za-z0-9-])", re.I)


@functools.lru_cache(maxsize=64)
def _end_tags(element: str) -> re.Pattern:
    return re.compile(rf"</{element}[ \t]*>", re.I)


def _raw_opening(line: str) -> _RawBlock | None:
    """What ends the raw block that `line` opens (None: `line` opens none)."""
    fence = _FENCE.match(line)
    if fence:
        return _RawBlock(fence.group(1)[0] * 3)
    opened = _HTML_BLOCK.match(line)
    if not opened:
        return None
    if line.lstrip().startswith("<!--"):
        return _RawBlock("-->")
    return _RawBlock("", opened.group(1).lower()) if opened.group(1) else _RawBlock("")


def _raw_opening_of(line: str, context: str | None) -> tuple[_RawBlock | None, str]:
    """What ends the raw block `line` opens, and the line as Python-Markdown gets it. Outside a list, an admonition
    and a table, an indent is a first-line indent, dropped (`_classify`): `    <table>…` is an HTML block on the page,
    and was read as a paragraph, its cells refused as a paragraph turned into a table's row (E601, round 31b)."""
    opening = _raw_opening(line)
    if opening is not None or context is not None or not _INDENT.match(line):
        return opening, line
    bare = _INDENT.sub("", line)
    return (opening, bare) if (opening := _raw_opening(bare)) is not None and _HTML_BLOCK.match(bare) else (None, line)


def _classify(line: str, following: str, above: Line | None, context: str | None) -> tuple[str, str | None, str]:
    """(kind, the context after it, the line as Python-Markdown gets it); `above`: the line
    directly above when it is not blank."""
    if _MARKS_AS_TEXT.match(line.strip(" \t\u3000\u00a0")):
        return _marks_as_text(line, context)
    if context == "list" and _INDENT.match(line) and not _ITEM.match(line):
        return INNER, context, "    " + _INDENT.sub("", line)   # an item's own paragraph, indented less than four
    if context == "table" and "|" in line:
        return ROW, "table", line
    if above is not None and (_ATTR.match(line) or (above.kind == HEADING and _UNDERLINE.match(line))):
        return MARKUP, context, line
    if "|" in line and "|" in following and _DELIMITER.match(following):
        return ROW, "table", line
    bare = _INDENT.sub("", line)
    if _SIGN_AS_TEXT.match(bare):
        bare = _sign_escaped(bare)
        return (ITEM, "list", bare) if _ITEM.match(bare) else (PARAGRAPH, None, bare)
    if _ATX.match(bare):
        return HEADING, None, _TEXT_HASHES.sub(lambda m: "\\#" * len(m.group()), bare)
    if _RULE.match(line) or _DELIMITER.match(line) and "|" in line:
        return MARKUP, None, line
    if _SIGN_ITEM.match(bare):   # also after an indent, ASCII or the full-width one Word pastes (`　　* 为必填项`)
        return PARAGRAPH, None, "\\" + bare
    if _ITEM.match(line):
        return ITEM, "list", line
    if _ADMONITION.match(line) or _FOOTNOTE.match(line):
        return PARAGRAPH, "container", line
    # A line underlined with === or --- is a heading, as in Markdown.
    return (HEADING if _UNDERLINE.match(following) else PARAGRAPH), None, bare


def is_rule(line: str) -> bool:
    """A thematic break as the page draws it (`---`, `* * *`); blanks and hidden text (`______`, `******`) are text."""
    return bool(_RULE.match(line)) and not _MARKS_AS_TEXT.match(line.strip())


def _marks_as_text(line: str, context: str | None) -> tuple[str, str | None, str]:
    """A line of `_` or `*` only, every mark escaped (Python-Markdown shows `\\_` as `_`): a paragraph, or an item's
    own paragraph when indented under one."""
    escaped = re.sub(r"([*_])", r"\\\1", _INDENT.sub("", line))
    if context == "list" and _INDENT.match(line):
        return INNER, context, "    " + escaped
    return PARAGRAPH, None, escaped


def _numbered(item: str) -> bool:
    """A numbered item (`1. `), not a bullet (`- `): a list of the other kind begins a list of its own."""
    return bool(_NUMBERED_ITEM.match(item.lstrip(" ")))


def _sign_escaped(line: str) -> str:
    """`line` with the `#` or `>` that is text escaped (`\\#1号楼`, `- \\#1号楼`): Python-Markdown shows it as written."""
    return _SIGN_AS_TEXT.sub(r"\1\\", line, count=1)


def as_paragraphs(text: str) -> str:
    """`text` with a blank line before every line that starts a paragraph of its own."""
    out: list[str] = []
    for line in read_lines(text):
        if line.starts_block and out and out[-1].strip() and out[-1].strip() != line.gap:
            out.append(line.gap)
        out.append(line.text)
    return "\n".join(out)
