"""Which `*` and `_` of a text are the document's own characters, not emphasis markup.

Official documents use asterisks as placeholders (`银纪发〔**〕40号`, `2019年**月`, `张**、李**`)
and underscores as blanks to fill in (`___年___月`). Python-Markdown pairs any two runs into
bold. Here a run counts as markup only when it can open or close emphasis and finds a partner:

- it can open when it follows a line start, a space or a punctuation mark and is followed by a
  character (`**责任科室：`, `。**注意`);
- it can close when it follows a character (not a space) and is not inside a word
  (`责任科室：**`, `**务必**，`);
- a run between two letters, digits or Han characters (`年**月`, `做好**政务`) and a run alone
  inside a pair of brackets (`〔**〕`, `（**）`) is always text.

The Markdown extension (`disclosure.text.markdown_official`) and the fidelity rule use this one
function, so the page and the check agree on what is markup.
"""

from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"\*+|_+")
_OPENING = ("Ps", "Pi")
_CLOSING = ("Pe", "Pf")


def literal_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every `*`/`_` run of `text` that stays text (a paragraph's inline text)."""
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    paired: set[tuple[int, int]] = set()
    open_runs: dict[str, list[tuple[int, int]]] = {"*": [], "_": []}
    for start, end in runs:
        before, after = _char(text, start - 1), _char(text, end)
        stack = open_runs[text[start]]
        if _can_close(before, after) and stack:
            paired.update((stack.pop(), (start, end)))
        elif _can_open(before, after):
            stack.append((start, end))
    return [run for run in runs if run not in paired]


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else " "


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "\x02\x03"   # Python-Markdown's placeholders stand for inline content


def _is_space(char: str) -> bool:
    return char.isspace()


def _enclosed(before: str, after: str) -> bool:
    return unicodedata.category(before) in _OPENING and unicodedata.category(after) in _CLOSING


def _can_open(before: str, after: str) -> bool:
    return not _is_space(after) and not _is_word(before) and not _enclosed(before, after)


def _can_close(before: str, after: str) -> bool:
    if _is_space(before) or _enclosed(before, after):
        return False
    return not (_is_word(before) and _is_word(after))
