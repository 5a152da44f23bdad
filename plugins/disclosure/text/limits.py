"""E109: a body that Markdown could not render in reasonable time or at all.

Python-Markdown looks for the end of every `[`, `](` and `<` by scanning on through the
paragraph: 10,000 "[a](" took 77 s, 20,000 "a<b" 167 s, a heading with 300,000 spaces 208 s,
and about 250 levels of nested lists end in a RecursionError. We add up, per paragraph, how far each opener is from its closer
(`]`, `)`, `>`): that is the work Markdown will do. A run of backticks opens a code span that only a
run of the same length closes, and Markdown's code-span search walks on, character by character,
until it finds one or the paragraph ends: runs of 1, 2 … 799 backticks, none closed, made 321 KB take
8 s (cubic in the runs). That walk is counted the same way (`code_span_work`). Real text stays far below the budget (a
paragraph with 50 links and a stray "<" is about 10,000 of 2,000,000; an HTML table's tags close
at once, and so do code spans); a body above it is a paste gone wrong, and gets a coded line instead of a hung build.
Each inline mark Markdown acts on (`*`, `_`, `<`, `&`, `\\`, `` ` ``, `[`, `!`) also makes it copy the rest of
its paragraph once or twice: 25,000 "*" and 25,000 "_" in one paragraph took 24 s, 10,000 nested "<span>"
5 s, quadratic in the paragraph (`mark_work`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import closer_distance

SCAN_BUDGET = 2_000_000  # characters Markdown scans for closers, per paragraph: about a second
DOCUMENT_BUDGET = 10 * SCAN_BUDGET
# Markdown's code-span search walks a character at a time in Python: 20,000,000 is about a second.
SPAN_BUDGET = 20_000_000
SPAN_DOCUMENT_BUDGET = 10 * SPAN_BUDGET
_PAIRS = (("[", "]"), ("](", ")"), ("<", ">"))
# Marks times paragraph length Markdown copies: 300,000,000 is about a second (a paragraph of 20,000
# characters with 1,000 marks is 20,000,000).
MARK_BUDGET = 300_000_000
MARK_DOCUMENT_BUDGET = 10 * MARK_BUDGET
_MARKS = "*_<&\\`[!"
MAX_DEPTH = 32  # nested list or quote levels
MAX_HEADING = 1_000  # characters on a heading line (Markdown's heading pattern is quadratic in it)
_BACKTICKS = re.compile(r"`+")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]")
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_DEPTH},}}", re.M)   # a tab is 4 columns: MAX_DEPTH levels need this many at least
_DEEP_SPACES = " " * MAX_DEPTH   # without a tab, the indent above is this many spaces


@dataclass(frozen=True)
class LimitProblem:
    line: int        # 1-based, within the body
    what: str        # Chinese description with the fix


def limit_problems(body: str) -> list[LimitProblem]:
    # The body as written, code included: the site's Markdown has no fenced code blocks (a ``` line is
    # text), and where a code span ends depends on the whole paragraph, so blanking code first would
    # let a ``` line or a stray backtick hide the rest from these limits. Real code stays far below them.
    lines = body.split("\n")
    brackets = _bracket_problems(lines) if _scan_bound(body) > SCAN_BUDGET else []
    spans = _code_span_problems(lines) if _span_bound(body) > SPAN_BUDGET else []
    # The whole body's work bounds each paragraph's, and no more marks than characters can be copied over the
    # body's length: most bodies are too short to need counting (under 17,320 characters).
    marks = _costly_paragraphs(lines, mark_work, (MARK_BUDGET, MARK_DOCUMENT_BUDGET), "“*”“_”“<”等标记", "标记") \
        if len(body) ** 2 > MARK_BUDGET and mark_work(body) > MARK_BUDGET else []
    return _heading_problems(lines) + _depth_problems(lines, body) + brackets + spans + marks


def _scan_bound(body: str) -> int:
    """An upper bound of the bracket work over the whole body (no opener scans further than the
    body is long): real bodies stay far below the budget and skip the exact count."""
    return (body.count("[") + body.count("](") + body.count("<")) * len(body)


def _span_bound(body: str) -> int:
    """An upper bound of the code-span work: no run of backticks walks further than the body is long."""
    return len(_BACKTICKS.findall(body)) * len(body) if "`" in body else 0


def _heading_problems(lines: list[str]) -> list[LimitProblem]:
    if max(map(len, lines), default=0) <= MAX_HEADING:
        return []   # no line is that long (the lengths taken in C: a Python loop over every line cost more)
    return [LimitProblem(number, f"标题有 {len(line)} 个字符，超过 {MAX_HEADING} 个字符的上限；标题应简短，"
                                 "正文请另起一段（空一行后写）")
            for number, line in enumerate(lines, start=1) if len(line) > MAX_HEADING and _HEADING.match(line)]


def _depth_problems(lines: list[str], text: str | None = None) -> list[LimitProblem]:
    """`text`: the lines joined, when the caller has it."""
    text = "\n".join(lines) if text is None else text
    deep_indent = (_DEEP_SPACES in text or "\t" in text) and _DEEP_INDENT.search(text)   # the regex only when it may match
    if text.count(">") <= MAX_DEPTH and not deep_indent:
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
    return _costly_paragraphs(lines, scan_work, (SCAN_BUDGET, DOCUMENT_BUDGET), "“[”“(”或“<”", "符号")


def _code_span_problems(lines: list[str]) -> list[LimitProblem]:
    return _costly_paragraphs(lines, code_span_work, (SPAN_BUDGET, SPAN_DOCUMENT_BUDGET), "反引号（`）", "反引号")


def _costly_paragraphs(lines: list[str], work_of, budgets: tuple[int, int], marks: str, noun: str) -> list[LimitProblem]:
    """A paragraph whose work is above the first budget, or the body when all of them add up past the second."""
    (budget, document_budget), problems, total = budgets, [], 0
    for first, paragraph in _paragraphs(lines):
        work = work_of(paragraph)
        total += work
        if work > budget:
            problems.append(LimitProblem(first, f"从这一行起的一段有大量没有配对的{marks}，生成网页会极慢；"
                                                f"请删除误粘贴的{noun}，或把这一段拆成几段（段间空一行）"))
    if total > document_budget and not problems:
        problems.append(LimitProblem(1, f"正文中没有配对的{marks}过多，生成网页会极慢；请删除误粘贴的{noun}"))
    return problems


def code_span_work(text: str) -> int:
    """An upper bound of the characters Python-Markdown's code-span search walks over in `text`. A
    search starts in a run of backticks (at its start, one backtick later after a backslash, or
    anywhere inside it: after a run it cannot close, Markdown 3 resumes twice the run's length on) and
    takes the rest of that run as the opener; it walks through the next run of exactly the opener's
    length, or to the paragraph's end when none follows. Each run is counted once with the longest
    walk any of its tails could take. Linear in the text: the next run of each length is found
    walking back once, and a run of n backticks looks up n lengths."""
    work, following = 0, {}   # run length → end of the nearest run of that length after this one
    for match in reversed(list(_BACKTICKS.finditer(text))):
        start, length = match.start(), match.end() - match.start()
        work += max(following.get(tail, len(text)) - (match.end() - tail) for tail in range(1, length + 1))
        following[length] = match.end()
    return work


def mark_work(text: str) -> int:
    """An upper bound of the characters Markdown copies applying its inline patterns to `text` (a table's
    cells are worked on one by one: a table is counted row by row)."""
    if "|" in text and "\n" in text and all("|" in line for line in text.split("\n")):
        return sum(map(mark_work, text.split("\n")))
    return sum(map(text.count, _MARKS)) * len(text)


def scan_work(text: str) -> int:
    """How many characters lie between each opener and its closer (or the end), summed; linear time."""
    return sum(closer_distance(text, opener, closer) for opener, closer in _PAIRS)


def _paragraphs(lines: list[str]):
    """(first line, text) of each run of lines between blank lines: Python-Markdown cuts the body into
    blocks at blank lines, and no inline text it searches is larger than its block. (A list item or
    a quote line does not end a paragraph in Python-Markdown: "a\n- b" is one paragraph, so a block
    is not cut there, or a paragraph of such lines would be counted in pieces.)"""
    first, run = 1, []
    for number, line in enumerate(lines, start=1):
        if run and not line.strip():
            yield first, "\n".join(run)
            run = []
        if line.strip():
            if not run:
                first = number
            run.append(line)
    if run:
        yield first, "\n".join(run)
