"""Fidelity (E600): the published text is the official text, character for character.

Runs in the build on every document page (this module): Markdown must not eat or change a
character of the source.

E600: the published page carries every character of the document's text, in order.

Compared are the characters an official text is made of: Han characters, digits, full-width
and CJK punctuation, and `*` `_` (placeholders and blanks in official documents). From the
source, only what is markup is taken away before comparing: link and image targets, HTML
tags and comments, attribute lists, reference definitions, list bullets, rules, backslashes
of escapes and the `*`/`_` runs that form emphasis (`official_text.literal_runs`). Anything
else missing or changed on the page is reported on its source line.
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
from dataclasses import dataclass, field

from ..codes import E600
from ..codes.diagnostics import Diagnostic
from ..text.html_text import text_parts
from ..text.official_text import literal_runs

FAMILY = "fidelity"


MAX_PER_DOCUMENT = 10
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A reference definition is markup when its target looks like an address; `[注1]: 说明文字` is the
# document's text, which Python-Markdown would swallow as a definition (then E600 says so).
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?[^\s\u3400-\u9fff]*[/.:#][^\s]*>?(?:\s+.*)?$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^((?:[ \t]*>)*[ \t]*)[-*+][ \t]+")
_MARKUP = [
    (re.compile(r"!?\[((?:[^\]\\]|\\.)*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"(\[(?:[^\]\\]|\\.)*\])\[[^\]]*\]"), r"\1"),     # [text][ref]
    (re.compile(r"\{:?[ \t]*[#.:][^}\n]*\}|\{:[^}\n]*\}"), ""),     # attribute lists
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),                         # HTML tags and their attributes
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_LITERAL_STAR, _LITERAL_LOW = "\ue000", "\ue001"   # escaped \* and \_ while emphasis is worked out


_INSIGNIFICANT = re.compile(
    "[^\\d*_\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"     # digits, * _, Han
    "\u3001-\u303f\uff01-\uff60\uffe0-\uffee"                    # CJK and full-width punctuation
    "\u2010-\u2027\u2030-\u205e\ue000\ue001]")                   # “”‘’…—„‟; escaped \\* \\_
_LITERALS = str.maketrans({_LITERAL_STAR: "*", _LITERAL_LOW: "_"})


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


def fidelity_problems(path: str, body: str, body_line: int, page_html: str) -> list[Diagnostic]:
    """E600 for every run of the body's text that the rendered page lost or changed."""
    source = source_text(body, body_line)
    page = page_text(page_html)
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
    found = SourceText()
    block: list[tuple[int, str]] = []
    fence = None
    for number, line in enumerate(body.split("\n"), start=body_line):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * 3
            _add_block(found, block)
            block = []
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            else:
                found.add(number, significant(line))   # code is shown as written
        elif not line.strip():
            _add_block(found, block)
            block = []
        elif not (_REFERENCE_DEFINITION.match(line) or _RULE.match(line)):
            block.append((number, _BULLET.sub(r"\1", line)))
    _add_block(found, block)
    return found


def _add_block(found: SourceText, block: list[tuple[int, str]]) -> None:
    """One paragraph: inline markup away, then the `*`/`_` that pair up as emphasis away."""
    texts = []
    for _, line in block:
        for pattern, replacement in _MARKUP:
            line = pattern.sub(replacement, line)
        texts.append(_ESCAPE.sub(_unescape, html.unescape(line)))
    text = "\n".join(texts)
    pieces, last = [], 0
    for start, end in _emphasis_runs(text):
        pieces.append(text[last:start])
        last = end
    text = "".join(pieces) + text[last:]
    for (number, _), line in zip(block, text.split("\n")):
        found.add(number, significant(line).translate(_LITERALS))


def _emphasis_runs(text: str) -> list[tuple[int, int]]:
    literal = set(literal_runs(text))
    return [(m.start(), m.end()) for m in re.finditer(r"\*+|_+", text) if (m.start(), m.end()) not in literal]


def _unescape(match: re.Match) -> str:
    return {"*": _LITERAL_STAR, "_": _LITERAL_LOW}.get(match.group(1), match.group(1))


# --- the page --------------------------------------------------------------------------------

def page_text(page_html: str) -> str:
    """The significant characters a reader sees on the rendered body (image alt texts included)."""
    return significant("".join(text_parts(page_html, with_alt=True))).translate(_LITERALS)
