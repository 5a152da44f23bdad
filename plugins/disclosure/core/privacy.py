"""Personal information that must not be published (去标识化): E400.

Three shapes, each confirmed beyond its digits so that landlines, 备案号, 索引号, 文号, dates,
amounts and statistics do not trip it:

- 身份证号: 18 digits (last may be X) with a valid GB 11643 check digit, a province code and a
  real birth date; or the old 15-digit form with a province code and a real birth date.
- 手机号: 1[3-9] and 9 more digits, not inside a longer number.
- 银行卡号: 16 to 19 digits (optionally in groups of four) passing the Luhn check, with the
  length and first digits of a card scheme (银联 62, Visa 4, Mastercard 51–55/22–27, JCB 35),
  so that an 18-digit 统一社会信用代码 or a serial number is not taken for a card.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable

from .diagnostics import Diagnostic
from .model import Allowance

_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
              61, 62, 63, 64, 65, 71, 81, 82}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"
_ID18 = re.compile(_NOT_DIGIT_BEFORE + r"\d{17}[0-9Xx]" + _NOT_DIGIT_AFTER)
_ID15 = re.compile(_NOT_DIGIT_BEFORE + r"\d{15}" + _NOT_DIGIT_AFTER)
_MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
_MOBILE_GROUPED = re.compile(r"(?<![0-9])1[3-9]\d[ -]\d{4}[ -]\d{4}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9])")
_SEPARATORS = re.compile(r"[ -]")
# A stretch of digits (with the spaces and dashes of grouped numbers) long enough for any shape.
_DIGIT_RUN = re.compile(r"\d[\d -]{9,}[\dXx]")

KINDS = {"id": "身份证号", "mobile": "手机号码", "card": "银行卡号"}


@dataclass(frozen=True)
class Finding:
    kind: str            # a key of KINDS
    value: str           # as written
    start: int           # offset in the text

    @property
    def digits(self) -> str:
        return _digits(self.value)

    @property
    def masked(self) -> str:
        """The value as a report may show it: 110105********002X, 138****8000, 6222********0123."""
        digits = self.digits
        keep = {"id": (6, 4), "mobile": (3, 4), "card": (4, 4)}[self.kind]
        return digits[: keep[0]] + "*" * (len(digits) - sum(keep)) + digits[-keep[1]:]

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def _digits(value: str) -> str:
    """A number as compared: without its grouping spaces or dashes, X in upper case."""
    return _SEPARATORS.sub("", value).upper()


def _real_date(year: int, month: int, day: int, today: dt.date) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def is_id_number(value: str, today: dt.date) -> bool:
    """A 身份证号 that a real person could hold: province, birth date and (for 18 digits) check digit."""
    value = value.upper()
    if int(value[:2]) not in _PROVINCES:
        return False
    if len(value) == 18:
        total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS))
        return _ID_CHECK[total % 11] == value[17] and _real_date(int(value[6:10]), int(value[10:12]),
                                                                    int(value[12:14]), today)
    return len(value) == 15 and _real_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]), today)


_CARD_SCHEMES = (("62", range(16, 20)), ("4", (16, 19)), ("35", (16,)),
                 *((str(prefix), (16,)) for prefix in (*range(51, 56), *range(22, 28))))


def looks_like_card(digits: str) -> bool:
    return any(digits.startswith(prefix) and len(digits) in lengths for prefix, lengths in _CARD_SCHEMES) \
        and passes_luhn(digits)


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def find_personal_info(text: str, today: dt.date) -> list[Finding]:
    """Every 身份证号, 手机号 and 银行卡号 in `text`, in order; overlapping shapes count once."""
    found: list[Finding] = []
    for run in _DIGIT_RUN.finditer(text):
        # One character of context each side, for the "not inside a longer code" guards.
        start = max(0, run.start() - 1)
        found += [Finding(f.kind, f.value, f.start + start) for f in _find_in(text[start:run.end() + 1], today)]
    return found


def _find_in(text: str, today: dt.date) -> list[Finding]:
    found: list[Finding] = []
    taken: list[range] = []

    def add(kind: str, match: re.Match) -> None:
        span = range(match.start(), match.end())
        if not any(span.start < other.stop and other.start < span.stop for other in taken):
            taken.append(span)
            found.append(Finding(kind, match.group(), match.start()))

    for pattern in (_ID18, _ID15):
        for match in pattern.finditer(text):
            if is_id_number(match.group(), today):
                add("id", match)
    for pattern in (_MOBILE, _MOBILE_GROUPED):
        for match in pattern.finditer(text):
            add("mobile", match)
    for match in _CARD.finditer(text):
        digits = _digits(match.group())
        if looks_like_card(digits):
            add("card", match)
    return sorted(found, key=lambda finding: finding.start)


def personal_info_diagnostics(path: str, texts: Iterable[tuple[int, str]], allowances: list[Allowance],
                              today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum in `texts` ((first line, text) pairs); I400 for each allowance used."""
    texts = list(texts)
    if not _DIGIT_RUN.search("\n".join(text for _, text in texts)):
        return []  # no long number anywhere in the document: most documents
    allowed = {_digits(a.value): a for a in allowances}
    problems, used = [], {}
    for first_line, text in texts:
        for finding in find_personal_info(text, today):
            line = first_line + text.count("\n", 0, finding.start)
            allowance = allowed.get(finding.digits)
            if allowance:
                used[allowance.value] = (allowance, finding)
                continue
            problems.append(Diagnostic(path, line, "E400", f"疑似{finding.label} {finding.masked}，公开文件不得含有个人信息；"
                                       f"请删除或打码（只留前后几位，如 {finding.masked}）；确需公开的，"
                                       "在文件头 allow_personal_info 中写明号码和理由"))
    problems += [Diagnostic(path, allowance.line, "I400", f"已豁免{finding.label} {finding.masked}，理由：{allowance.reason}")
                 for allowance, finding in used.values()]
    return problems
