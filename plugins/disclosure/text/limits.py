"""E109: a body that Markdown could not render in reasonable time or at all.

Python-Markdown looks for the end of every `[`, `](` and `<` by scanning on through the
paragraph: 10,000 "[a](" took 77 s, 20,000 "a<b" 167 s, a heading with 300,000 spaces 208 s,
and about 250 levels of nested lists end in a RecursionError. We add up, per paragraph, how far each opener is from its closer
(`]`, `)`, `>`): that is the work Markdown will do. Real text stays far below the budget (a
paragraph with 50 links and a stray "<" is about 10,000 of 2,000,000; an HTML table's tags close
at once); a body above it is a paste gone wrong, and gets a coded line instead of a hung build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import closer_distance, code_free_lines

SCAN_BUDGET = 2_000_000  # characters Markdown scans for closers, per paragraph: about a second
DOCUMENT_BUDGET = 10 * SCAN_BUDGET
_PAIRS = (("[", "]"), ("](", ")"), ("<", ">"))
MAX_DEPTH = 32  # nested list or quote levels
MAX_HEADING = 1_000  # characters on a heading line (Markdown's heading pattern is quadratic in it)
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_BLOCK_START = re.compile(r"^ {0,3}(?:[|#>]|[-*+][ \t]|\d{1,9}[.)][ \t])")  # lines Markdown renders on their own
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]")
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_DEPTH},}}", re.M)   # a tab is 4 columns: MAX_DEPTH levels need this many at least


@dataclass(frozen=True)
class LimitProblem:
    line: int        # 1-based, within the body
    what: str        # Chinese description with the fix


def limit_problems(body: str) -> list[LimitProblem]:
    # Without a backtick or tilde there is no code to blank: the lines are the body's own.
    lines = code_free_lines(body) if "`" in body or "~" in body else body.split("\n")
    brackets = _bracket_problems(lines) if _scan_bound(body) > SCAN_BUDGET else []
    return _heading_problems(lines) + _depth_problems(lines) + brackets


def _scan_bound(body: str) -> int:
    """An upper bound of the bracket work over the whole body (no opener scans further than the
    body is long): real bodies stay far below the budget and skip the exact count."""
    return (body.count("[") + body.count("](") + body.count("<")) * len(body)


def _heading_problems(lines: list[str]) -> list[LimitProblem]:
    return [LimitProblem(number, f"标题有 {len(line)} 个字符，超过 {MAX_HEADING} 个字符的上限；标题应简短，"
                                 "正文请另起一段（空一行后写）")
            for number, line in enumerate(lines, start=1) if len(line) > MAX_HEADING and _HEADING.match(line)]


def _depth_problems(lines: list[str]) -> list[LimitProblem]:
    text = "\n".join(lines)
    if text.count(">") <= MAX_DEPTH and not _DEEP_INDENT.search(text):
        return []  # more levels need more than MAX_DEPTH ">" or an indent of that many characters
    for number, line in enumerate(lines, start=1):
        item = _LIST_ITEM.match(line)
        list_depth = len(item.group(1).expandtabs(4)) // 4 + 1 if item else 0
        quotes = _QUOTES.match(line)
        quote_depth = quotes.group().count(">") if quotes else 0
        if max(list_depth, quote_depth) > MAX_DEPTH:
            what = "列表" if list_depth > quote_depth else "引用（>）"
            return [LimitProblem(number, f"{what}嵌套 {max(list_depth, quote_depth)} 层，超过 {MAX_DEPTH} 层的上限，"
                                         "网页无法生成；请减少缩进或 > 的层数")]
    return []


def _bracket_problems(lines: list[str]) -> list[LimitProblem]:
    problems, total = [], 0
    for first, paragraph in _paragraphs(lines):
        work = scan_work(paragraph)
        total += work
        if work > SCAN_BUDGET:
            problems.append(LimitProblem(first, "从这一行起的一段有大量没有配对的“[”“(”或“<”，生成网页会极慢；"
                                                "请删除误粘贴的符号，或把这一段拆成几段（段间空一行）"))
    if total > DOCUMENT_BUDGET and not problems:
        problems.append(LimitProblem(1, "正文中没有配对的“[”“(”或“<”过多，生成网页会极慢；请删除误粘贴的符号"))
    return problems


def scan_work(text: str) -> int:
    """How many characters lie between each opener and its closer (or the end), summed; linear time."""
    return sum(closer_distance(text, opener, closer) for opener, closer in _PAIRS)


def _paragraphs(lines: list[str]):
    """(first line, text) of each run that Markdown renders as one inline block."""
    first, run = 1, []
    for number, line in enumerate(lines, start=1):
        if run and (not line.strip() or _BLOCK_START.match(line)):
            yield first, "\n".join(run)
            run = []
        if line.strip():
            if not run:
                first = number
            run.append(line)
    if run:
        yield first, "\n".join(run)
