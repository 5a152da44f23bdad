"""Chinese text as every part of the build compares it: folded (NFKC, lower case, traditional to
simplified characters) and the Han character class. Search, the section rules and the importer
all fold the same way, so a heading written in 繁體 matches its required title.
"""

from __future__ import annotations

import functools
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
    return simplified(unicodedata.normalize("NFKC", text).lower())


def simplified(text: str) -> str:
    """Traditional characters as simplified ones, one for one (each character stays where it was); a text
    without any (most of them) is looked through once, faster than translated."""
    return text if _traditional().isdisjoint(text) else text.translate(_fold_table())


@functools.lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(traditional_to_simplified())
