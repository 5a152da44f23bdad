"""Chinese text as every part of the build compares it: folded (NFKC, lower case, traditional to
simplified characters) and the Han character class. Search, the section rules and the importer
all fold the same way, so a heading written in 繁體 matches its required title.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


class SegmenterUnavailable(RuntimeError):
    """jieba or the traditional-to-simplified table is missing: the index would silently degrade."""


@functools.lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """Single-character folding table from OpenCC's TSCharacters (first candidate of each)."""
    try:
        table = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
        lines = table.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise SegmenterUnavailable("未安装 opencc-python-reimplemented，无法进行繁简转换；请重新安装依赖（make site）") from error
    pairs = ((source, targets.split()[0]) for source, targets in (line.split("\t") for line in lines if "\t" in line))
    # One character to one character only: the browser reads the table as two aligned strings.
    return {source: target for source, target in pairs if len(source) == len(target) == 1 and target != source}


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    return str.maketrans(traditional_to_simplified())


def fold(text: str) -> str:
    return simplified(nfkc(text).lower())


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), with full-width forms and the like written out first.

    Python's NFKC returns a text at once when a quick look finds nothing to change, and otherwise
    decomposes and recomposes every character: a Chinese body with one full-width comma took the slow
    way (0.3 ms of a 3,000-character body; the search index folds every document). NFKC is by its
    definition the canonical composition of the full compatibility decomposition (NFKD) of the text,
    character by character: a character replaced by its own NFKD beforehand leaves that decomposition,
    and so the result, as it was. Replaced are the characters (full-width forms, ideographic space,
    ……, ①, ㎡…) whose NFKD holds only characters NFKC keeps as they are and that combine with nothing;
    the text then usually passes the quick look."""
    marks, written_out = _compatibility_forms()
    return unicodedata.normalize("NFKC", marks.sub(lambda match: written_out[match.group()], text) if marks.search(text) else text)


@functools.lru_cache(maxsize=1)
def _compatibility_forms() -> tuple[re.Pattern, dict[str, str]]:
    """The characters `nfkc` writes out first, and their NFKD: Latin-1, punctuation and symbols, CJK
    symbols and compatibility, small and full-width forms (a few milliseconds, once per process)."""
    written_out = {}
    for low, high in ((0xA0, 0x100), (0x2000, 0x2C00), (0x3000, 0x3400), (0xFE10, 0xFE70), (0xFF00, 0xFFF0)):
        for character in map(chr, range(low, high)):
            decomposed = unicodedata.normalize("NFKD", character)
            if decomposed != character and all(unicodedata.normalize("NFKC", part) == part and not unicodedata.combining(part)
                                               for part in decomposed):
                written_out[character] = decomposed
    return re.compile("[" + "".join(map(re.escape, written_out)) + "]"), written_out


def simplified(text: str) -> str:
    """Traditional characters as simplified ones, one for one (each character stays where it was); a text
    without any (most of them) is looked through once, faster than translated."""
    return text if _traditional().isdisjoint(text) else text.translate(_fold_table())


@functools.lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(traditional_to_simplified())
