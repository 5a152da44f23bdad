"""Long runs of one text inside another, whatever markup, spacing, punctuation and width lie between:
what a reader would recognise as the same sentences (the merge: a withheld body copied into a page).

Texts are compared `normalised`: NFKC, case-folded, only letters and digits kept (Chinese punctuation,
spaces, line breaks and Markdown marks go). A run counts from `MIN_RUN` normalised characters, a clause
of a sentence: shorter ones are the phrases any two official documents share (特此通知, 各有关单位).
The passages are indexed by every `GRAM`-character slice; a text is looked up at every `STEP`-th
position only, which still meets every run of `MIN_RUN` (STEP = MIN_RUN − GRAM + 1), so a page costs
about len/STEP dictionary look-ups. A hit is grown to the whole common run before it counts.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

MIN_RUN = 20
GRAM = 10
STEP = MIN_RUN - GRAM + 1

_NOT_WORD = re.compile(r"[\W_]+")
_TAG = re.compile(r"<[^<>]*>")
# The attributes a reader is shown (a tooltip, an image's text, a field's value, a page's description).
# Matched in lower case (the comparison folds case anyway): faster than re.I.
_SHOWN = re.compile(r"""(?:alt|title|aria-label|placeholder|value|content|label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))""")


def normalised(text: str) -> str:
    text = _NOT_WORD.sub("", text)   # first: punctuation and spaces (most of what NFKC would change) go
    if not unicodedata.is_normalized("NFKC", text):   # fullwidth letters and digits, circled numbers …
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))
    return text.casefold()


def markup_text(text: str) -> str:
    """The text of HTML (or of a feed that escapes its HTML) with its tags taken out, then the attribute
    values a reader is shown. A tag between two characters joins them, as a browser shows them.
    Entities are decoded first: a feed's escaped HTML becomes tags, taken out with the others; what is
    still escaped after that (a feed's HTML writing a character as an entity) is decoded once more."""
    text = html.unescape(text)
    shown = "\n".join("".join(value) for value in _SHOWN.findall(text.lower()))
    text = _TAG.sub("", text)
    if "&" in text:
        text = _TAG.sub("", html.unescape(text))
    return text + "\n" + shown


class Runs:
    """Passages (normalised) and where each comes from, looked up in other texts."""

    def __init__(self, passages: dict[str, str]) -> None:
        self.passages = [(passage, where) for passage, where in passages.items() if len(passage) >= MIN_RUN]
        self.grams: dict[str, list[int]] = {}
        for number, (passage, _) in enumerate(self.passages):
            for start in range(len(passage) - GRAM + 1):
                found = self.grams.setdefault(passage[start:start + GRAM], [])
                if not found or found[-1] != number:
                    found.append(number)

    def __bool__(self) -> bool:
        return bool(self.passages)

    def first_run(self, text: str, allowed: Callable[[str], bool]) -> tuple[str, str] | None:
        """The first run of at least MIN_RUN characters `text` (normalised) shares with a passage and that
        `allowed` does not let through: (the run, where the passage comes from)."""
        grams = self.grams
        for at in range(0, len(text) - GRAM + 1, STEP):
            for number in grams.get(text[at:at + GRAM], ()):
                passage, where = self.passages[number]
                start = passage.find(text[at:at + GRAM])
                while start >= 0:
                    run = _grown(text, at, passage, start)
                    if len(run) >= MIN_RUN and not allowed(run):
                        return run, where
                    start = passage.find(text[at:at + GRAM], start + 1)
        return None


def _grown(text: str, at: int, passage: str, start: int) -> str:
    """The common run of `text` and `passage` through their equal slices at `at` and `start`."""
    before = 0
    while at - before > 0 and start - before > 0 and text[at - before - 1] == passage[start - before - 1]:
        before += 1
    after = GRAM
    while at + after < len(text) and start + after < len(passage) and text[at + after] == passage[start + after]:
        after += 1
    return text[at - before:at + after]
