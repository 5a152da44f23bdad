"""Heading anchors as editors write them: `## 第二条 举报途径` gets the id `第二条-举报途径`.

Python-Markdown's default slug keeps only ASCII, so every Chinese heading became `_1`, `_2`…:
ids that say nothing and change when a heading is added above. Ours keeps Han characters,
letters and digits, joins words with `-`, drops punctuation (、，（）《》：…) and lowercases
Latin letters. The toc extension adds `_1`, `_2` to a repeated id on one page, so ids stay
unique; the same heading text always gives the same id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s-]")  # \w is Unicode-aware: Han characters, letters, digits, _
_SEPARATORS = re.compile(r"[\s-]+")


def slugify(value: str, separator: str = "-") -> str:
    """The id of a heading whose text is `value` (Python-Markdown's toc `slugify` signature)."""
    text = _NOT_WORD.sub("", unicodedata.normalize("NFC", value)).strip().lower()
    return _SEPARATORS.sub(separator, text).strip(separator)


def closest(anchor: str, anchors: list[str], limit: int = 5) -> list[str]:
    """Up to `limit` of a page's anchors, the most similar to a mistyped `anchor` first."""
    ranked = sorted(anchors, key=lambda candidate: (-difflib.SequenceMatcher(None, anchor, candidate).ratio(), candidate))
    return ranked[:limit]
