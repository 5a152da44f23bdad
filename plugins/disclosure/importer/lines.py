"""Lines of official text as Markdown: headings where a line is a heading, everything else as written.

Only what Markdown would otherwise swallow is escaped (a leading `#`, `>`, `- `, a line of `---`, a row's `|`,
a `<tag`; inside a line a `\\` before punctuation, a backtick, an entity, `[…](…)`, and `*`/`_` that
would pair as emphasis); a document's own numbering (`1.` `（一）` `一、`) and its placeholders
(`张**`, `〔**〕`, `___年`, which the site shows as written) are left exactly as written.
"""

from __future__ import annotations

import re

from ..text.chinese import HAN
from ..text.official_text import literal_runs

SPACES = " \t\u3000\xa0\u2002\u2003\ufeff"
_HEADING_LEVELS = (
    (re.compile(r"^第[一二三四五六七八九十百零〇]+[章编]"), "##"),
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), "##"),
    (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), "###"),
)
_SENTENCE_INSIDE = re.compile(r"[。；;！!？?：:]")
HEADING_MAX = 30           # characters; a longer enumerated line is a paragraph that starts with a number
# …and `[注1]: 说明` (a reference definition, swallowed), `!!! 注意` (an admonition) at a line's start, and a line of
# `[TOC]` alone (the toc extension, which every MkDocs site has, puts the page's headings in its place: round 36a).
# A line of `===` is no escape's business: Python-Markdown has no `\=` (the page showed `\=====`), and every line
# is written after a blank one, where `===` underlines nothing.
_LINE_START = re.compile(r"^(#|>|[-+*](?=\s)|-+\s*$|\[(?=[^\]\n]*\]:)|\[(?=TOC\]$)|!(?=!!))")
_BLANK_TO_FILL = re.compile(r"^[ \t]*_(?:[ \t]*_){2,}[ \t]*$")   # ______ (a blank of a form) would be a rule
# A paragraph that begins or ends with `|` (a table drawn in text, `| 序号 | 路线 |`): shown as written, it is the
# build's E601 (a table's markup on the page) unless its pipes are escaped.
_PIPE_EDGE = re.compile(r"^\||\|[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
# Inside a line, what Markdown reads as markup in text a CMS page shows as is: a backslash before ASCII punctuation
# (`D:\\_草稿` lost its backslash), a backtick (a code span), an entity (`&lt;` written out on the page), a
# bracket that opens a link (`附件[1](第3页)`).
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_BACKTICK = re.compile(r"`")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINK_OPENING = re.compile(r"\[(?=[^\]\n]*\][(\[])")
_BROKEN_END = re.compile(rf"[{HAN}A-Za-z0-9]$")
_BROKEN_START = re.compile(rf"^[{HAN}]")
_PROSE = re.compile(r"[，,。；;]")


def clean(line: str) -> str:
    """A source line without its indentation and trailing blanks (layout, not text)."""
    return line.strip(SPACES)


def heading_level(line: str) -> str | None:
    """`##`/`###` when the line is an enumerated heading (short, no sentence inside), else None."""
    if len(line) > HEADING_MAX:
        return None
    level = next((level for pattern, level in _HEADING_LEVELS if pattern.match(line)), None)
    # A （一） heading may end with 。 (“（一）共性任务。”); an 一、 line that does is a sentence.
    inner = line[:-1] if line.endswith("。") and level == "###" else line
    return None if _SENTENCE_INSIDE.search(inner) else level


def heading_levels(texts: list[str]) -> list[str | None]:
    """`heading_level` of each line, in context: a run of same-level items one after another
    (（一）…；（二）…；) is an enumeration inside a paragraph, not a row of headings."""
    levels = [heading_level(text) for text in texts]
    enumerated = [next((lv for pattern, lv in _HEADING_LEVELS if pattern.match(text)), None) for text in texts]
    found = []
    for index, level in enumerate(levels):
        before = enumerated[index - 1] if index > 0 else None
        after = enumerated[index + 1] if index + 1 < len(texts) else None
        in_run = level is not None and level in (before, after)
        found.append(None if in_run else level)
    return found


def escape(line: str) -> str:
    """The line as literal text in Markdown (a backslash only where Markdown would act at a line's start; inside
    it, `inline_escape` has done its part on the text: the line may hold tags the importer wrote, `<sup>`)."""
    if _BLANK_TO_FILL.match(line):
        return line.replace("_", "\\_")
    if _PIPE_EDGE.search(line):
        line = escape_pipes(line)
    return _LINE_START.sub(lambda m: "\\" + m.group(1), line)


def escape_pipes(text: str) -> str:
    """Every `|` of `text` as text (`\\|`): in a pipe table's cell, or a paragraph drawn as a row of one."""
    return _PIPE.sub(r"\\|", text)


def inline_escape(text: str) -> str:
    """A piece of a page's text as literal Markdown inside a line: what Markdown would take as markup is escaped,
    the `*`/`_` that would pair as emphasis too (`_待定_`, `*注*`); the rest is left as written."""
    text = _BACKSLASH.sub(r"\\\\", text)      # first: the escapes below bring backslashes of their own
    text = _TAG_LIKE.sub("&lt;", _ENTITY.sub("&amp;", text))
    text = _LINK_OPENING.sub(r"\\[", _BACKTICK.sub(r"\\`", text))
    text = "\n".join(map(_braces_as_text, text.split("\n"))) if "{" in text else text
    if "*" not in text and "_" not in text:
        return text
    pieces, last = [], 0
    literal = set(literal_runs(text))
    for match in re.finditer(r"\*+|_+", text):
        if (match.start(), match.end()) not in literal:
            pieces += [text[last:match.start()], re.sub(r"(.)", r"\\\1", match.group())]
            last = match.end()
    return "".join(pieces) + text[last:]


# Braces the site may read as a setting: a layout mark (`值班电话见下表 {居中}`: the words after 表 were taken off and
# the line centred, or the importer's own mark put after them) or an attribute list (`{#注1}`). Every `{` with a `}`
# after it on its line is written `\{` (shown as `{`): one pass, where matching each against the settings' patterns
# read the rest of the line again for every `{` (a page of 32,000 of them: 4.7 s).
def _braces_as_text(line: str) -> str:
    last = line.rfind("}")
    return line[:last].replace("{", "\\{") + line[last:] if last > 0 else line


_ITEM_START = re.compile(r"^ *(?:\d+\.|[-*+]) ")   # an item as markdownify writes one


def without_layout_indents(lines: list[str]) -> list[str]:
    """markdownify's lines without their indentation, which is layout (four spaces would make a code block), except
    a list's: an item's sublist and its own paragraphs are indented there by its marker's width (3 for `1. `, 2 for
    `- `) and Python-Markdown nests by four, so each level is written four spaces deeper. Stripped too, a sublist
    became items of its list (`1. 巡查频次` `1. 县道每日一次` `2. 乡道每周两次` `2. 巡查记录`, one level).
    Two trailing spaces (a <br>) are kept."""
    found, levels = [], []   # levels: the indents (in spaces) of the list levels open at this line
    fenced = False           # inside a code block (<pre>): Python-Markdown reads a fence only at a line's start
    for line in lines:
        text = line.lstrip(SPACES).rstrip("\t\u3000\xa0")
        indent = len(line) - len(line.lstrip(" "))
        if fenced or text.startswith("```"):
            fenced = fenced != text.startswith("```")   # an opening or a closing fence
            levels = []   # the block ends the list, as it always did here (its lines keep the page's <pre>)
        elif text and indent == 0:
            levels = [0] if _ITEM_START.match(line) else []
        elif text and levels:
            while indent < levels[-1]:
                levels.pop()
            if indent > levels[-1]:
                levels.append(indent)
            text = "    " * (len(levels) - 1) + text
        found.append(text)
    return found


def as_markdown(texts: list[str]) -> list[str]:
    """Lines of a text dump as Markdown paragraphs and headings, every character shown as written."""
    escaped = [escape(inline_escape(text)) for text in texts]
    return [f"{level} {line}" if level else line for line, level in zip(escaped, heading_levels(texts))]


def looks_broken(line: str, following: str) -> bool:
    """A long line that stops mid-word and the next that goes on: a hard wrap of a PDF or a dump."""
    return (len(line) >= 20 and bool(_PROSE.search(line)) and bool(_BROKEN_END.search(line)) and bool(_BROKEN_START.match(following))
            and heading_level(following) is None)
