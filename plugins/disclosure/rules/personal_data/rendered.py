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
from html import unescape
from urllib.parse import unquote
from collections.abc import Callable, Iterable

from ...codes import E400
from ...codes.diagnostics import Diagnostic
from ...content.documents import split_front_matter
from ...text.html_text import reader_texts
from ...privacy.numbers import (
    Allowance,
    Finding,
    allowance_key,
    find_personal_info,
    fold,
    may_hold_personal_info,
)

# What `unquote` decodes: a text without one is returned as it is (and was just looked through). A "%" alone
# is common (增长12.5%); looking through the same text twice was a tenth of a page's checks.
_URL_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# Digits written as numeric character references (&#56;): Python-Markdown writes every character of an e-mail autolink
# so (`1380013<8000@x.cn>` shows 13800138000@x.cn), and the quick test, which reads the page as written, saw seven
# digits and passed it (round 33c; the reading of the page's text decodes them).
_DIGIT_REFERENCE = re.compile(r"&#(?:0*(?:4[89]|5[0-7])|[xX]0*3[0-9]);")


def rendered_findings(html: str, allowances: Iterable[Allowance], today: dt.date) -> list[Finding]:
    """Personal data in the rendered `html` that no allowance of the page covers, each value once. Not read again
    for letters written for digits or invisible characters (`disguised`): each source of the page was (the page's
    own markup, an icon's path, is full of letters by digits, and reading it so was a tenth of a page's checks)."""
    if not may_hold_personal_info(html, disguised=False) and not (
            _URL_ESCAPE.search(html) and may_hold_personal_info(unquote(html), disguised=False)) and not (
            _DIGIT_REFERENCE.search(html) and may_hold_personal_info(unescape(html), disguised=False)):
        return []   # most pages: no eleven digits, %-escaped ones in a link's address and referenced ones included
    allowed = {allowance_key(a.value, today) for a in allowances}
    found: dict[str, Finding] = {}
    for text in reader_texts(html):
        for finding in find_personal_info(text, today, disguised=False):
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
        if head in re.sub(r"[^0-9]", "", fold(unquote(line), numerals=True)[0]):   # a link's %-escaped digits too
            return number
    return 1
