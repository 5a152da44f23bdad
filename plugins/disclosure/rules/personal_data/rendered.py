"""E400 on the rendered page: personal data as the reader of the HTML sees it.

The source scan (privacy.py) reads Markdown as written. Markdown can put a number together that
no source line shows whole: link texts either side of plain digits (``[138](a)0013[8000](b)``),
reference links, heading ids and other generated attributes. So, like the allow-list check
(rendered.py), the verdict on personal data is also taken from the HTML Markdown produced: its
text as a browser lays it out (inline tags join, blocks, cells and line breaks separate) and the
value of every attribute (title, alt, href, id, data-*), each read on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

from ...codes import E400
from ...codes.diagnostics import Diagnostic
from ...content.documents import split_front_matter
from ...privacy.numbers import (
    Allowance,
    Finding,
    allowance_key,
    find_personal_info,
    fold,
    may_hold_personal_info,
)

# Phrasing elements: a browser draws their text on the line of the text around them (an image too: a
# transparent or tiny picture between two groups of digits leaves them read as one number).
_INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em font i img ins kbd mark q s samp small span strong sub sup"
                    " time u var".split())
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
    """The page's running text, then each attribute value: every text a reader can get from `html`."""
    parser = _ReaderText()
    parser.feed(html)
    parser.close()
    return ["".join(parser.text), *parser.attributes]


def rendered_findings(html: str, allowances: Iterable[Allowance], today: dt.date) -> list[Finding]:
    """Personal data in the rendered `html` that no allowance of the page covers, each value once."""
    if not may_hold_personal_info(html):
        return []
    allowed = {allowance_key(a.value, today) for a in allowances}
    found: dict[str, Finding] = {}
    for text in reader_texts(html):
        for finding in find_personal_info(text, today):
            if finding.digits not in allowed:
                found.setdefault(finding.digits, finding)
    return list(found.values())


def rendered_personal_info(path: str, html: str, source: Callable[[], str], allowances: Iterable[Allowance],
                           today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum the rendered page shows; `source` gives its Markdown, read only when needed."""
    found = rendered_findings(html, allowances, today)
    if not found:
        return []
    text = source()
    parts = split_front_matter(text)
    body, body_line = (parts[1], parts[2]) if parts else (text, 1)
    return [E400.at(path, body_line + _line_in(body, finding) - 1,
                    f"页面显示的文字中疑似{finding.label} {finding.masked}（由 Markdown 链接、标题等拼接而成），"
                    "公开文件不得含有个人信息；请删除或打码；确需公开的，在文件头 allow_personal_info 中写明号码和理由")
            for finding in found]


def _line_in(body: str, finding: Finding) -> int:
    """The first body line whose digits hold the start of the datum (it is written in pieces); else 1."""
    head = finding.digits[:4]
    for number, line in enumerate(body.split("\n"), start=1):
        if head in re.sub(r"[^0-9]", "", fold(line, numerals=True)[0]):
            return number
    return 1
