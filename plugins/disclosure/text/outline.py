"""The headings and pipe tables of a Markdown body, with their lines in the file.

A light reader, not a renderer: enough to check required sections and the annual report's
tables without MkDocs. Fenced code blocks are skipped so that examples do not count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .fences import lines_outside_code

# The closing `###` and an attribute list `{#id}` are taken off with string methods, not regex
# backtracking: a heading line of 20,000 spaces took 14 s with `(.*?)(?:[ \t]+#+)?[ \t]*$`.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INLINE_MARKS = re.compile(r"[*_`]")

_CN_NUMBER = "一二三四五六七八九十百千零〇两"
# After NFKC and with white space removed: 第一章, (一), 一、, (1), 1., 1、, 1.2.
_ENUMERATOR = re.compile(
    rf"^(?:第[{_CN_NUMBER}\d]+(?:章|节|条|部分|篇|款|项)"
    rf"|\([{_CN_NUMBER}]+\)[、.]?"
    rf"|[{_CN_NUMBER}]+[、.]"
    r"|\(\d+\)[、.]?"
    r"|\d+(?:\.\d+)*[、.)])"
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Table:
    header: TableRow
    rows: tuple[TableRow, ...]


def normalise_title(text: str) -> str:
    """A heading or section name as compared: full-width folded, no white space, no leading 一、（一）1. 第一章."""
    folded = re.sub(r"\s+", "", _INLINE_MARKS.sub("", unicodedata.normalize("NFKC", text)))
    stripped = _ENUMERATOR.sub("", folded, count=1)
    return stripped.rstrip(":")


def _lines_outside_fences(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    return ((first_line + index, line) for index, line in lines_outside_code(body))


def headings(body: str, first_line: int) -> list[Heading]:
    found: list[Heading] = []
    previous: tuple[int, str] | None = None
    for number, line in _lines_outside_fences(body, first_line):
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            found.append(Heading(len(atx.group(1)), _clean(_without_closing_hashes(atx.group(2) or "")), number))
        elif setext and previous and previous[1].strip() and not previous[1].lstrip().startswith(("|", "-", "*", ">")):
            found.append(Heading(1 if setext.group(1)[0] == "=" else 2, _clean(previous[1]), previous[0]))
        previous = (number, line)
    return found


def _without_closing_hashes(text: str) -> str:
    """`## 标题 ##` → `标题`; a `#` that is part of the text (`C#`) stays."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    return bare.rstrip(" \t") if bare != text and (not bare or bare[-1] in " \t") else text


def _clean(text: str) -> str:
    """The heading text without a trailing attribute list `{#id .class}`."""
    text = text.strip()
    if text.endswith("}"):
        start = text.find("{", text.rfind("}", 0, len(text) - 1) + 1, len(text) - 1)
        if start != -1:
            text = text[:start]
    return text.strip()


def tables(body: str, first_line: int) -> list[Table]:
    """Pipe tables: a header row, a separator row of dashes, then body rows."""
    found: list[Table] = []
    block: list[TableRow] = []
    for number, line in list(_lines_outside_fences(body, first_line)) + [(0, "")]:
        if line.strip().startswith("|"):
            block.append(TableRow(_cells(line), number))
            continue
        if len(block) >= 2 and all(set(cell) <= set(":- ") for cell in block[1].cells):
            found.append(Table(block[0], tuple(block[2:])))
        block = []
    return found


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
