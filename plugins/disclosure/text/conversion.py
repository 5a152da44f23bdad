"""Text damaged by a machine conversion: repaired (on import) only where the damage is unambiguous,
flagged otherwise; reported (W601) in every document, imported or written.

Unambiguous:
- a pinyin annotation with its tone mark after a Han character, `生產(chǎn)` → `生產`
  (converters that "add pronunciation" put one syllable after each character they touched);
- `„2011‟` → `〔2011〕`: the 六角括号 of a 发文字号 mangled by a code-page round trip, only
  around a four-digit year.
Everything else that looks damaged (a toneless `(de)`, a stray `„`, U+FFFD, a traditional-
character text) is left as written and reported, so the editor decides with the original at hand.

`disclosure import` repairs a page with `repair_text` and lists every repair and doubt in its
report. The check and the build run `damage_diagnostics` on every document (front matter and
body): W601 for each unambiguous artefact, naming the repair the importer would make, and for the
damage that is certain but has no repair (U+FFFD, a stray `„`); the doubts that are often the
document's own writing (a toneless `(pdf)`, a traditional-character text) are left to the import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..codes import W601
from ..codes.diagnostics import Diagnostic
from .chinese import HAN, fold

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}"
_PINYIN = re.compile(rf"(?<=[{HAN}])[(（]({_SYLLABLE})[)）]")
_TONELESS = re.compile(rf"(?<=[{HAN}])[(（]([a-z]{{1,6}})[)）]")
_YEAR_QUOTES = re.compile(r"„(\d{4})‟")
_STRAY_QUOTES = re.compile(r"[„‟]")
# Every artefact `damage_diagnostics` reports holds one of these: a toned vowel (pinyin), „ ‟ or U+FFFD.
_ANY_DAMAGE = re.compile(rf"[{_TONED}„‟\ufffd]")
_TRADITIONAL_SHARE = 0.05   # of Han characters that fold to another one: a converted text, not a stray 後


@dataclass(frozen=True)
class Repair:
    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Flag:
    line: int
    message: str


def repair_text(text: str) -> tuple[str, list[Repair], list[Flag]]:
    """The text with unambiguous damage undone; every repair and every doubt, by source line."""
    repairs: list[Repair] = []
    flags: list[Flag] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        fixed = _repair_line(line, number, repairs)
        flags += _doubts(fixed, number)
        lines[number - 1] = fixed
    repaired = "\n".join(lines)
    if is_traditional(repaired):
        flags.append(Flag(1, "全文为繁体字（可能经机器转换）；未改动用字，发布前请与原件核对，必要时换用原件文本"))
    return repaired, repairs, flags


def _repair_line(line: str, number: int, repairs: list[Repair]) -> str:
    def annotated(match: re.Match) -> str:
        start = match.start()
        repairs.append(Repair(number, line[start - 1:match.end()], line[start - 1]))
        return ""

    def bracketed(match: re.Match) -> str:
        repairs.append(Repair(number, match.group(), f"〔{match.group(1)}〕"))
        return f"〔{match.group(1)}〕"

    return _YEAR_QUOTES.sub(bracketed, _PINYIN.sub(annotated, line))


def _doubts(line: str, number: int, certain_only: bool = False) -> list[Flag]:
    found = [] if certain_only else \
        [Flag(number, f"“{m.group()}”像是拼音注音但没有声调，未修复；请对照原件决定是否删除") for m in _TONELESS.finditer(line)]
    if _STRAY_QUOTES.search(line):
        found.append(Flag(number, "含“„”或“‟”（转换损坏的括号？），未修复；请对照原件改为正确的符号"))
    if "\ufffd" in line:
        found.append(Flag(number, "含无法识别的字符“\ufffd”（编码损坏）；请对照原件补正"))
    return found


def is_traditional(text: str) -> bool:
    han = re.findall(rf"[{HAN}]", text)
    if len(han) < 20:
        return False
    changed = sum(1 for a, b in zip(han, fold("".join(han))) if a != b)
    return changed / len(han) >= _TRADITIONAL_SHARE


def damage_diagnostics(path: str, texts: list[tuple[int, str]]) -> list[Diagnostic]:
    """W601 for every conversion artefact in `texts` ((first line, text) pairs), with its repair."""
    found = []
    for first_line, text in texts:
        if not _ANY_DAMAGE.search(text):
            continue   # nearly every text: one scan instead of three patterns on each line
        for number, line in enumerate(text.split("\n"), start=first_line):
            repairs: list[Repair] = []
            fixed = _repair_line(line, number, repairs)
            found += [W601.at(path, number, f"“{r.before}”是机器转换留下的损坏，应改为“{r.after}”"
                                            f"（disclosure import 导入时就这样修复）；请对照原件改正") for r in repairs]
            found += [W601.at(path, number, flag.message.replace("，未修复", "")) for flag in _doubts(fixed, number, certain_only=True)]
    return found
