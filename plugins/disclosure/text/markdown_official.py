"""Python-Markdown settings for official documents: the document's own characters and shape stay.

- One line is one paragraph, as in official documents and text copied from Word; Markdown
  written on purpose (headings, tables, lists, quotes) keeps its meaning. See
  `paragraphs.py`, which the shape rule (E601) shares.
- A paragraph starting with `2. ` keeps its number as text: Python-Markdown would make it a
  one-item list shown as "1." (the `<ol>` number is drawn by the browser, not part of the text).
  Items still form a list (`<ol class="numbered-as-written">`, drawn without automatic numbers).
- The blocks an official document lays out otherwise than 正文 (主送机关, 落款, 附件说明…) get
  a class (`layout.py`); the look is CSS in `overrides/`.
- `<` before a name that is no HTML element (`<Word>`, `<GB 50016>`) stays text; see `text/markup.py`.
- `*` and `_` that cannot be emphasis (`〔**〕`, `年**月`, `张**、李**`) stay text; see
  `text/official_text.py`, which the fidelity rule (E600) shares.
- A single `~` is the range sign of official text (`1~2名`, `8日~9日`, `2℃~8℃`): with pymdownx.tilde (an
  extension an agency may add) two of them on a line made a subscript of the words between, the signs gone.

The disclosure plugin adds this extension to every build (`disclosure.text.markdown_official`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import OListProcessor, UListProcessor
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .layout import CLASSES, layout_roles, mark_of
from .markup import opens_no_element
from .official_text import literal_runs
from .paragraphs import ATTRIBUTE_LIST, as_paragraphs

NUMBERED_CLASS = "numbered-as-written"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Inline parts where a `*` or `_` is not text to analyse: code spans, link targets, HTML tags, autolinks.
_BRACED = re.compile(r"(?<!\\)\{[^{}\n]*\}")   # not one the editor escaped already
_NOT_TEXT = re.compile(r"(`+)(?:.+?)\1|(?<=\])\([^)]*\)|<[^>\n]*>", re.DOTALL)
_SINGLE_TILDE = re.compile(r"(?<![~\\])~(?!~)")


class NumberedAsWritten(OListProcessor):
    """An ordered list whose items begin with the number the editor wrote, as text."""

    LAZY_OL = True   # no start="…": the number is in the text
    SIBLING_TAGS = ["ol"]   # numbered items after a bulleted list are a list of their own, their numbers kept

    def get_items(self, block: str) -> list[str]:
        """Python-Markdown's item splitting, keeping each item's own number (escaped: "2\\." is not read as a list again)."""
        items: list[str] = []
        for line in block.split("\n"):
            match = self.CHILD_RE.match(line)
            if match:
                number = match.group(2)
                items.append((number[:-1] + "\\. " if number else "") + match.group(3))
            elif self.INDENT_RE.match(line) and not items[-1].startswith(" " * self.tab_length):
                items.append(line)
            else:
                items[-1] = f"{items[-1]}\n{line}"
        return items

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        super().run(parent, blocks)
        lst = parent if parent.tag == "ol" else self.lastChild(parent)
        if lst is not None and lst.tag == "ol":
            lst.set("class", NUMBERED_CLASS)


class BulletedList(UListProcessor):
    """Python-Markdown's bulleted list, which no longer takes in a numbered list above it (its numbers are text)."""

    SIBLING_TAGS = ["ul"]


class ElementsOnly(HtmlInlineProcessor):
    """Python-Markdown's inline HTML, but a `<` before a name that is no element (`<Word>`, `<GB 50016>`) stays
    text: the browser would hide it, words and all (`text/markup.py`, which the check reads with)."""

    _NAME = re.compile(r"/?([A-Za-z][^\s/<>\x00]*)")

    def handleMatch(self, m, data):
        name = self._NAME.match(m.group(2) or "")
        if name and opens_no_element(name.group(1)):
            return None, None, None
        return super().handleMatch(m, data)


class LineParagraphs(Preprocessor):
    """A blank line before every line that is a paragraph of its own (`paragraphs.py`)."""

    def run(self, lines: list[str]) -> list[str]:
        return as_paragraphs("\n".join(lines)).split("\n")


class OfficialLayout(Treeprocessor):
    """Classes for the blocks laid out otherwise than 正文 (`layout.py`): 主送机关, 落款…;
    a layout mark at the end of a line (`{居中}`) is taken away and sets the block's class."""

    def run(self, root: etree.Element) -> None:
        blocks, marked = [], []
        for element in root:
            mark = None
            if element.tag == "p" or element.tag in _HEADINGS:
                element.text, mark = mark_of(element.text or "")
            marked.append(mark)
            kind = "p" if element.tag == "p" else "h" if element.tag in _HEADINGS else element.tag
            blocks.append((kind, "".join(element.itertext())))
        for element, mark, role in zip(root, marked, layout_roles(blocks)):
            role = mark or role
            if role in CLASSES:
                element.set("class", " ".join(filter(None, [element.get("class"), CLASSES[role]])))


class LiteralMarks(Treeprocessor):
    """Escape the `*`/`_` runs that are text, before Python-Markdown's emphasis sees them, and the single `~`
    (a range sign, which pymdownx.tilde would pair into a subscript); and the `{` of text
    in braces that is no attribute list (`备注 {待定}`, `**注意**{重要}`), which attr_list would take for one
    at the end of a heading, a table cell or after bold: its words became an attribute, gone from the page."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            text = element.text
            if not text or isinstance(text, AtomicString):
                continue
            if "*" in text or "_" in text:
                text = escape_literal_marks(text)
            if "{" in text:
                text = escape_braced_text(text)
            if "~" in text and "~" in self.md.ESCAPED_CHARS:   # only an extension that reads `~` lets it be escaped
                text = escape_range_signs(text)
            element.text = text


def escape_braced_text(text: str) -> str:
    masked = _NOT_TEXT.sub(lambda m: "\x02" * len(m.group(0)), text)
    return _escaped_at(text, {m.start() for m in _BRACED.finditer(masked) if not ATTRIBUTE_LIST.fullmatch(m.group())})


def escape_range_signs(text: str) -> str:
    """Every single `~` of the text escaped (`~~`, strikethrough written on purpose, stays markup)."""
    masked = _NOT_TEXT.sub(lambda m: "\x02" * len(m.group(0)), text)
    return _escaped_at(text, {m.start() for m in _SINGLE_TILDE.finditer(masked)})


def _escaped_at(text: str, starts: set[int]) -> str:
    """`text` with a backslash before each character at `starts`."""
    return "".join(("\\" if index in starts else "") + char for index, char in enumerate(text)) if starts else text


def escape_literal_marks(text: str) -> str:
    masked = _NOT_TEXT.sub(lambda m: "\x02" * len(m.group(0)), text)
    pieces, last = [], 0
    for start, end in literal_runs(masked):
        if masked[start] == "_" and _inside_word(masked, start, end):
            continue   # Python-Markdown already leaves a_b alone
        if masked[start - 1:start] == "\\":
            start += 1   # escaped already (`\\*`, the editor's or `paragraphs.py`'s): one more showed the backslash
            pieces.append(text[last:start])
            last = start
        pieces += [text[last:start], "".join("\\" + char for char in text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


def _inside_word(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()


class OfficialTextExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After whitespace is normalised (30), before fenced code (25) and raw HTML (20) are set aside.
        md.preprocessors.register(LineParagraphs(md), "disclosure_line_paragraphs", 27)
        md.parser.blockprocessors.register(NumberedAsWritten(md.parser), "olist", 40)
        md.parser.blockprocessors.register(BulletedList(md.parser), "ulist", 30)
        md.inlinePatterns.register(ElementsOnly(HTML_RE, md), "html", 90)
        md.treeprocessors.register(OfficialLayout(md), "disclosure_official_layout", 26)
        md.treeprocessors.register(LiteralMarks(md), "disclosure_literal_marks", 25)


def makeExtension(**kwargs) -> OfficialTextExtension:
    return OfficialTextExtension(**kwargs)
