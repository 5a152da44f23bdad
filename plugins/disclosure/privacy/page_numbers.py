"""Page numbers an office program prints where the file holds only a code: Excel's &P and &N in a sheet's page header
or footer, Word's PAGE and NUMPAGES fields, PowerPoint's slide number, OpenDocument's text:page-number. The file never
holds the digit, so `Tel 1380013800&P` (or a PAGE field after 1380013800 in a Word footer) is no number to a reading
of the file, yet page 1 is printed with 13800138001, page 2 with 13800138002: a mobile on every page.

A reader of a part writes `PAGE_NUMBER` where such a code stands; `printed` gives the text as pages print it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .numbers import find_personal_info, may_hold_personal_info

# Where a reader found a code that prints a page's number (or the count of pages): private-use characters, which no
# office file shows as text of their own; two, as wide as the widest page number tried, so that the readers' "long
# enough to hold a datum" (eleven characters) keeps `138001380&P`.
PAGE_NUMBER = "\ue0f0\ue0f1"

# And where it found a code that prints the count of pages (Excel's &N, Word's NUMPAGES, OpenDocument's page-count):
# another pair, so that a page numbered 1 of 9 is printed as such (round 30a: with one code for both, `…&P&N` was
# read as 11, 22 … 99 only, and an ID number whose last two digits are the page and the count, 1 and 9, was missed).
PAGE_COUNT = "\ue0f2\ue0f3"

# Excel's &P+7999 prints the page's number plus 7999 (&P-1 less one): `1380013&P+7999` printed 13800138000 on page 1,
# and was read as the page's number, 1 to 99 (round 30e). The offset follows the code, in private-use digits too.
_OFFSET_DIGITS = "\ue0e0\ue0e1\ue0e2\ue0e3\ue0e4\ue0e5\ue0e6\ue0e7\ue0e8\ue0e9"
_LESS = "\ue0ea"
_CODE = re.compile(f"({PAGE_NUMBER}|{PAGE_COUNT})({_LESS}?[{_OFFSET_DIGITS}]+)?")
_OFFSET = re.compile(f"[{_LESS}{_OFFSET_DIGITS}]")


def page_code(count: bool = False, offset: int = 0) -> str:
    """What a reader writes for a code printing the page's number (the count of pages: `count`) plus `offset`."""
    written = "".join(_OFFSET_DIGITS[int(digit)] for digit in str(abs(offset))) if offset else ""
    return (PAGE_COUNT if count else PAGE_NUMBER) + (_LESS if offset < 0 else "") + written


# The pages tried: page 1 (of 1) first, what every printout has; then any other up to 99, which a printout of a long
# list reaches (two digits: the number's last two, or an ID's check digit, may come from the page).
_PAGES = range(1, 100)


def printed(text: str) -> list[str]:
    """`text` as page 1 of 1 prints it, and, when another page prints a personal datum page 1 does not (an ID number's
    check digit is one page's number only), as the first such page prints it: each page of each count of pages where
    the text prints both, the count alone standing for the last page's number otherwise."""
    if PAGE_NUMBER not in text and PAGE_COUNT not in text:
        return [text]
    return list(_printed(text, dt.date.today()))   # which page to name only: the rule reads the text again with its own day


# A workbook's sheets and a document's sections mostly print the same footer: each is worked out once. Where the text
# prints both the page and the count and holds eleven digits elsewhere (编号：12345678901 第&P页 共&N页), no page prints a
# datum only after all 4,950 pages are tried, 0.16 s; a 12-sheet workbook so read 1.9 s, 0.05 before round 30a.
@lru_cache(maxsize=256)
def _printed(text: str, today: dt.date) -> tuple[str, ...]:
    first = _on_page(text, 1, 1)
    if find_personal_info(first, today):
        return (first,)
    both = PAGE_NUMBER in text and PAGE_COUNT in text
    if both and not any(may_hold_personal_info(_on_page(text, number, number)) for number in (1, 10)):
        return (first,)   # no stretch of a datum's length with one-digit or two-digit numbers: none (most footers)
    pages = ((page, count) for count in _PAGES for page in (range(1, count + 1) if both else (count,)))
    other = next((shown for page, count in pages if (page, count) != (1, 1)
                  and find_personal_info(shown := _on_page(text, page, count), today)), None)
    return (first,) if other is None else (first, other)


def _on_page(text: str, page: int, count: int) -> str:
    if not _OFFSET.search(text):   # nearly every footer (and _printed tries up to 4,950 pages of one)
        return text.replace(PAGE_NUMBER, str(page)).replace(PAGE_COUNT, str(count))
    return _CODE.sub(lambda code: str((page if code.group(1) == PAGE_NUMBER else count) + _offset(code.group(2) or "")), text)


def _offset(written: str) -> int:
    digits = "".join(str(_OFFSET_DIGITS.index(char)) for char in written.lstrip(_LESS))
    return (-1 if written.startswith(_LESS) else 1) * int(digits or 0)
