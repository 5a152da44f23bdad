"""Personal information that must not be published (去标识化): E400.

Three shapes, each confirmed beyond its digits so that landlines, 备案号, 索引号, 文号, dates,
amounts and statistics do not trip it:

- 身份证号: 18 digits (last may be X, or what a reader takes for it: Х, Χ, ×, ✕ …) with a valid GB 11643
  check digit, a province code and a real birth date; or the old 15-digit form with a province code and a
  real birth date. An X after digits that make no ID leaves the digits before it to be read (13800138000×2).
- 手机号: 1[3-9] and 9 more digits, not inside a longer number; also behind +86 / 0086.
- 银行卡号: 16 to 19 digits passing the Luhn check, with the length and first digits of a card
  scheme (银联 62, Visa 4, Mastercard 51–55/22–27, JCB 35), so that an 18-digit 统一社会信用代码
  or a serial number is not taken for a card.

The text is read as a reader sees it (`fold`): full-width and other Unicode digits, HTML
entities, URL escapes, Markdown emphasis and inline tags between digits, and the spaces
(NBSP, U+3000, thin spaces, tabs: any run of them, a browser shows one), one line break of the
same paragraph, hyphens, dashes, dots and slashes that people group numbers with. A second reading takes
Chinese numerals (〇/零 一 … 九, 幺 and 两 as people say them, 大写 壹贰叁) and circled digits for
digits (a third, where circled numbers of two digits ⑬ ㉑ are written, spells those out; another reads the letters
written for digits among digits, O for 0, l and I for 1, the Cyrillic З for 3); dates, amounts and articles (二〇二四年三月, 一千二百万元, 第十二条) hold 年/千/百/十 between
their numerals and never make eleven in a row. Groups join only in the groupings people write for
each shape (6-8-4 for an ID, 3-4-4 for a mobile, 4-4-4-4 for a card, or one separator splitting the
number in two), so that a row of figures such as ``2024 13800 13800`` never becomes one number. Digits
spaced out one at a time (``1 3 8 0 0 1 3 8 0 0 0``, ``1·1·0·1…``, ``1 3 8 0013 8000``) are read as one group per
run of lone digits, never cut: a row of lone figures longer than a shape (``1 3 8 0 0 1 3 8 0 0 0 1``) is none.
Characters a browser draws as nothing (direction marks, variation selectors …) join groups like a
zero-width space; where a text holds right-to-left characters it is also read in the order shown. Character
references to any of these digit forms (&#x4e00; for 一, &#x2460; for ①, &sup1;) are read as what they show, and a
picture (<img alt>, ![alt](…)) as its text in its place.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from ..codes import E400, I400
from ..codes.diagnostics import Diagnostic
from ..text.controls import overrides_shown, read_in_place, smuggled_read
from ..text.html_text import BLOCK_ELEMENTS, touching_cell_gaps


@dataclass(frozen=True)
class Allowance:
    """One personal datum an editor publishes on purpose (e.g. a hotline that is a mobile number)."""
    value: str
    reason: str
    line: int

_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
              61, 62, 63, 64, 65, 71, 81, 82}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

KINDS = {"id": "身份证号", "mobile": "手机号码", "card": "银行卡号"}

# --- Finding candidates fast, on the source as written -------------------------------------------

# Superscript and subscript digits are not "decimal" to Unicode, but a reader reads them as digits.
_SUPERSCRIPTS = "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089"
# Combining marks (an accent, a keycap) sit on a digit without hiding it.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# What may stand between the digits of one number in the source: spaces of every kind (a line break
# inside a Markdown paragraph reads as a space), hyphens and dashes, dots, Markdown emphasis and
# escapes, invisible characters, entities, URL escapes and inline tags.
# Characters a browser draws as nothing: format characters (zero-width spaces and joiners, direction
# marks, embeddings and isolates, invisible operators, the soft hyphen, tag characters) and variation
# selectors (a digit followed by U+FE0F and U+20E3 is an emoji keycap: 1️⃣3️⃣8️⃣). `_fold_char` drops them.
# The list is Unicode's default-ignorable code points (HarfBuzz, and so the browser, draws them as nothing),
# the reserved U+FFF0…U+FFF8 and the shorthand format controls included; the braille blank is drawn as a blank.
_FORMAT = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
           "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_BLANK_SIGNS = "\u2800"
# The Hangul fillers are letters to Unicode, not format characters, and the reserved ones have no category.
_DRAWN_AS_NOTHING = re.compile(f"[{_FORMAT}]")
# A character reference to a digit, as a browser reads it: the semicolon may be left out (&#49 is "1").
_DIGIT_REFERENCE = r"&\#(?:0*(?:4[89]|5[0-7]|6529[6-9]|6530[0-5])(?![0-9])|[xX]0*(?:3[0-9]|[fF][fF]1[0-9])(?![0-9A-Fa-f]));?"
# A digit written as a URL escape (%31 is 1): a link's address shows it so, and `fold` reads it as the digit.
_DIGIT_URL_ESCAPE = r"%3[0-9]"
_RAW_GAP = (rf"(?:\s|[-{_COMBINING}{_FORMAT}{_BLANK_SIGNS}\u058a\u1806\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d.\uff0e\u00b7\u30fb\u2027/\uff0f*_`~\\+]"
            rf"|(?!{_DIGIT_REFERENCE})&(?:\#[0-9]{{1,7}};?|\#[xX][0-9A-Fa-f]{{1,6}};?|[A-Za-z]{{2,32}};?)"
            rf"|(?!{_DIGIT_URL_ESCAPE})%[0-9A-Fa-f]{{2}}|<[^<>\n]{{0,80}}>)")
# Chinese numerals read digit by digit (一三八〇〇一三八〇〇〇, 幺三八, 两; 大写 壹贰叁 …). Only in a second
# reading (`numerals=True`): a name such as 张三 glued to a number must not become its first digit.
# Amounts and dates (一千二百万元, 二〇二四年三月, 第十二条) hold 千/百/十/年 between their numerals: never eleven in a row.
CHINESE_DIGITS = {**dict.fromkeys("〇零○", "0"), **dict.fromkeys("一幺壹", "1"), **dict.fromkeys("二两贰貳", "2"),
                  **dict.fromkeys("三叁叄參", "3"), **dict.fromkeys("四肆", "4"), **dict.fromkeys("五伍", "5"),
                  **dict.fromkeys("六陆陸", "6"), **dict.fromkeys("七柒", "7"), **dict.fromkeys("八捌", "8"),
                  **dict.fromkeys("九玖", "9")}
# Digits in circles (①③⑧, ❶, ➀, ⓵) and the other enclosed forms (⑴ in brackets, ⒈ with a full stop, the
# ideographs ㈠ and ㊀, 🄂 with a comma): no decimal digits to Unicode, but read as digits; the same second reading.
CIRCLED_DIGITS = {"⓪": "0", "⓿": "0", "🄀": "0", "🄁": "0", "\U0001f10b": "0", "\U0001f10c": "0",   # ➀…➉'s and ➊…➓'s zeros
                  **{chr(ord(one) + value - 1): str(value) for one in "①❶➀➊⓵⑴⒈㈠㊀🄂" for value in range(1, 10)}}
SPELLED_DIGITS = {**CHINESE_DIGITS, **CIRCLED_DIGITS}
# Numbers of two digits in one circle (⑬, ⓫, ㉑ … ㊿) read as their two digits: ⑬⑧⓪⓪⑬⑧⓪⓪⓪ is a mobile in nine
# characters. A third reading spells them out (`_circled_spelled_out`), findings mapped back to where they are written.
CIRCLED_NUMBERS = {chr(first + at): str(value + at) for first, value, count in (
    (0x2469, 10, 11), (0x24EB, 11, 10), (0x3251, 21, 15), (0x32B1, 36, 15), (0x247D, 10, 11), (0x2491, 10, 11))
    for at in range(count)} | dict.fromkeys("❿➉➓⓾㈩㊉", "10")
_HAS_CIRCLED_NUMBER = re.compile(f"[{''.join(CIRCLED_NUMBERS)}]")
# Letters written for digits among digits (138OO138OOO, l3800l38000, the Cyrillic З and О): a reader reads the
# number. Read so (`_lookalikes_read`) only in a stretch of digits and such letters holding a digit that no other
# letter touches: a word (Hello, model138) is no number; 统一社会信用代码 never use I or O.
LOOKALIKE_DIGITS = {**dict.fromkeys("OoОоΟοＯｏ", "0"), **dict.fromkeys("IlІіΙǀｌＩⅠⅰⅼ", "1"), **dict.fromkeys("Зз", "3")}
_LOOKALIKE = "".join(LOOKALIKE_DIGITS)
_NOT_L = _LOOKALIKE.replace("l", "").replace("ｌ", "")
_LETTER_OR_DIGIT = f"A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a0-9０-９{_LOOKALIKE}"
_LOOKALIKE_STRETCH = re.compile(f"(?<![{_LETTER_OR_DIGIT}])[0-9０-９{_LOOKALIKE}]*[0-9０-９][0-9０-９{_LOOKALIKE}]*"
                                f"(?![{_LETTER_OR_DIGIT}])")
_SMUGGLED_DIGITS = {chr(first + value): str(value) for first in (0xE0030, 0xE0120) for value in range(10)}
_HAS_LOOKALIKE = re.compile(f"[0-9０-９][{_LOOKALIKE}]|[{_LOOKALIKE}][0-9０-９]")
# A letter written for a digit touching a digit. A small L by digits is an icon's path on every page (4.23l.27,
# .79l-.27): it counts by two digits and away from decimals and signs. Found by a scan led by the letter (one class to
# look for, the quick way for the regular expression engine): documents hold far more digits than such letters, and a
# scan led by the digit tried its four tests at every digit (0.35 s over 10,000 documents' texts, now 0.16 s). Where a
# digit at i matched before: a letter other than l at i+1 (first branch) or i-1 (second); an l at i-1 after no digit,
# dot or sign and before another digit (third); an l at i+2 after two digits and before no digit, dot or sign (fourth).
_LOOKALIKE_NEAR_DIGIT = re.compile(f"[{_LOOKALIKE}](?:(?<=[{_NOT_L}])(?:(?<=[0-9０-９].)|(?=[0-9０-９]))"
                                   f"|(?<=[lｌ])(?:(?<=[^0-9０-９.\\-].)(?=[0-9０-９]{{2}})|(?<=[0-9０-９]{{2}}.)(?![0-9０-９.\\-])))")
# Circled numbers and the characters that may carry text invisibly (text/controls.py): one class, one scan, for both.
_CIRCLED_OR_CARRIED = re.compile(f"[{''.join(CIRCLED_NUMBERS)}\ufe00-\ufe0f\U000e0020-\U000e007e\U000e0100-\U000e01ef]")


def class_ranges(chars: str) -> str:
    """`chars` written for inside a regular expression's [...] as ranges of neighbouring code points: the same set.
    The engine tests each character beyond U+FFFF of a class one by one (they have no place in its bitmap), and
    a class is tested at every character of a text: 🄀 … 🄌 written as thirteen characters made the numerals'
    scan twice as slow as one range."""
    points = sorted(set(map(ord, chars)))
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "") for first, last in runs)


_NUMERALS = class_ranges("".join(SPELLED_DIGITS))
_HAS_NUMERAL = re.compile(f"[{_NUMERALS}]")


# A digit that is the rest of a URL escape or of a character reference which ends right after it (the 1 of %31, the
# 3 of &#x3000 written without its semicolon): no stretch starts there. Each such start would scan on through the
# gaps after it to their end, and in a run of escapes or references every one of them is one (a pasted
# percent-encoded address, a data: URL, &#12288 repeated): 60 KB of %31 took the check 40 s and a build 90 s,
# quadratic in the run. A browser shows neither the escape's nor the reference's digits as digits; a digit after
# which the token runs on into visible digits (%313800138000, &#13800138000 in a text file) still starts one.
_ENDED_TOKEN_TAIL = "|".join((r"(?<=%)[0-9A-Fa-f]{2}(?![0-9])", r"(?<=%[0-9A-Fa-f])[0-9A-Fa-f](?![0-9])",
                              *(rf"(?<=&\#{'[0-9]' * k})[0-9]{{1,{7 - k}}}(?![0-9])" for k in range(7)),
                              *(rf"(?<=&\#[xX]{'[0-9A-Fa-f]' * k})[0-9A-Fa-f]{{1,{6 - k}}}(?![0-9A-Fa-f])"
                                for k in range(6))))


def _candidate_patterns(extra_digits: str) -> tuple[re.Pattern, re.Pattern]:
    """Eleven digits or more (the shortest shape, a mobile number) with only such gaps between them:
    the general pattern, and one character class for the texts without markup near a digit."""
    digit = rf"(?:\d|[{_SUPERSCRIPTS}{extra_digits}]|{_DIGIT_REFERENCE}|{_DIGIT_URL_ESCAPE})"
    # The tail's test (fifteen lookbehinds) only where a digit starts: tried first, at every character of every page,
    # it made the rendered pages' E400 five times as slow.
    general = re.compile(rf"(?={digit})(?!{_ENDED_TOKEN_TAIL}){digit}(?:{_RAW_GAP}*+{digit}){{10,}}+")
    plain = re.compile(rf"[\d{_SUPERSCRIPTS}{extra_digits}][\d{_SUPERSCRIPTS}{extra_digits}{_COMBINING}{_FORMAT}{_BLANK_SIGNS}\t\r\n\x0b\x0c\x85\u2028\u2029 \u00a0\u1680\u2000-\u200d\u202f\u205f\u3000"
                       r"\-\u058a\u1806\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d.\uff0e\u00b7\u30fb\u2027/\uff0f"
                       rf"*_`~\\+\u2060]{{9,}}[\d{_SUPERSCRIPTS}{extra_digits}]")
    return general, plain


_CANDIDATE, _PLAIN_CANDIDATE = _candidate_patterns("")
_NUMERAL_CANDIDATE, _NUMERAL_PLAIN_CANDIDATE = _candidate_patterns(_NUMERALS)
_LOOKALIKE_CANDIDATE, _LOOKALIKE_PLAIN_CANDIDATE = _candidate_patterns(_LOOKALIKE)
# Most texts have no entity, URL escape or tag near a digit: one character class then finds the same
# stretches several times faster (what the candidates are scanned for is the same).
_MARKUP_NEAR = re.compile(r"&#|&[A-Za-z]{2,32}|%[23][0-9A-Fa-f]|<[A-Za-z!/]")


def _has_markup(text: str) -> bool:
    """`_MARKUP_NEAR` finds something in `text`. Each of its matches starts with "&", "%" or "<": the expression is
    tried only where one of them stands, found by `str.find` (a fast search in C), instead of scanning the whole text
    (most documents hold a "%", 整改率89%: the scan was a tenth of a second over 10,000 documents)."""
    for sign in _MARKUP_SIGNS:
        at = text.find(sign)
        while at != -1:
            if _MARKUP_NEAR.match(text, at):
                return True
            at = text.find(sign, at + 1)
    return False


_MARKUP_SIGNS = "&<%"   # the first character of each of `_MARKUP_NEAR`'s branches
# A stretch written only with ASCII digits and single plain separators reads as it is written.
_PLAIN_GROUPS = re.compile(r"[0-9]+(?:[ .\n/-][0-9]+)*")
_LENGTHS = frozenset({11, 16, 17, 18, 19})  # of a mobile, a card, an ID (with or without its X)
_CONTEXT = 12  # characters kept each side of a candidate: a letter before it, an entity cut in two

# --- Folding a candidate to what a reader sees --------------------------------------------------

# As a browser reads them: names up to the longest (31 letters), the semicolon left out (&#49, &nbsp).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z]{2,32};?)")
_URL_ESCAPE = re.compile(r"%(?:3[0-9]|2[0BDbd])")
# Inline tags and comment marks change how a number looks, not what it is. A tag with a digit in it
# stays (a number in an attribute is published too), and so does what a comment holds.
# An inline tag is any but those a browser sets apart (text/html_text.BLOCK_ELEMENTS): <big>, <tt>, <label> … too.
_INLINE_TAG = re.compile(rf"<!--|-->|</?(?!(?:{'|'.join(sorted(BLOCK_ELEMENTS, key=len, reverse=True))})\b)[A-Za-z][A-Za-z0-9-]*"
                         r"(?=[\s/>])[^<>0-9]*>", re.I)
_LINE_BREAK_TAG = re.compile(r"<br\b", re.I)   # a line break of the same paragraph, like a soft one
_INVISIBLE = frozenset("\r*_`~\\\u200b\u200c\u200d\u2060\ufeff\u00ad")
_DOTS = frozenset(".\uff0e\u00b7\u30fb\u2027")
# What a reader takes for an ID number's check digit X: the Cyrillic and Greek letters drawn as X, and the crosses
# an input method or Word's symbol table gives (×, ✕, ⨯, ╳, ㄨ). NFKC already folds Ｘ, Ⅹ and 𝐗.
_LOOKS_LIKE_X = frozenset("\u0425\u0445\u03a7\u03c7\u00d7\u2715\u2716\u2a2f\u2573\u3128")


def fold(text: str, numerals: bool = False) -> tuple[str, list[int]]:
    """`text` as a reader sees its numbers, and for each folded character its offset in `text`.

    Digits become ASCII, every space a plain space, every dash "-", every dot "."; entities,
    URL escapes, emphasis marks, escapes and inline tags disappear or become what they show;
    with `numerals`, Chinese numerals become the digits they are read as.
    """
    decoded: list[tuple[str, int]] = []
    position = 0
    for match in _MARKUP.finditer(text):
        decoded += [(char, position + i) for i, char in enumerate(text[position:match.start()])]
        decoded += [(char, match.start()) for char in _markup_shows(match.group())]
        position = match.end()
    decoded += [(char, position + i) for i, char in enumerate(text[position:])]
    chars, offsets = [], []
    for char, offset in decoded:
        shown = SPELLED_DIGITS[char] if numerals and char in SPELLED_DIGITS else _fold_char(char)
        if shown:
            chars.append(shown)
            offsets.append(offset)
    return "".join(chars), offsets


_MARKUP = re.compile(f"{_ENTITY.pattern}|{_URL_ESCAPE.pattern}|{_INLINE_TAG.pattern}", re.I)


def _markup_shows(markup: str) -> str:
    if markup.startswith("&"):
        return html.unescape(markup)
    if markup.startswith("%"):
        return chr(int(markup[1:], 16))
    return " " if _LINE_BREAK_TAG.match(markup) else ""  # a <br>: the line goes on below, read as one gap; another tag shows nothing


def _fold_char(char: str) -> str:
    """What one character reads as: "" for the invisible, else one character."""
    if char.isascii():
        if char in "\t\f\v":
            return " "  # a browser shows a tab as a space (Markdown expands it to spaces)
        return "" if char in _INVISIBLE else char
    if char in _INVISIBLE or unicodedata.category(char) in ("Cf", "Mn", "Me") or _DRAWN_AS_NOTHING.match(char):
        return ""
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    if char.isspace() or char in _BLANK_SIGNS:
        return "\n" if char in "\u2028\u2029\x85" else " "
    if unicodedata.category(char) == "Pd" or char == "\u2212":
        return "-"
    if char in _DOTS:
        return "."
    if char in _LOOKS_LIKE_X:
        return "X"
    shown = unicodedata.normalize("NFKC", char)
    return shown if len(shown) == 1 else char


# --- Groups of digits and the groupings each shape is written in ----------------------------------

# A group of digits, its X glued on; or an X on its own after a gap (an ID's check character split off: …002 X).
_GROUP = re.compile(r"[0-9]+[Xx]?|(?<![A-Za-z])[Xx](?![A-Za-z0-9])")
# Any run of spaces (a browser shows one), or one line break with spaces around it (a line of the same
# paragraph: Markdown, Word and a PDF's next line show it as going on); never a blank line between. A dash, dot or
# slash may be doubled or tripled (110101--19900307--7715, 138..0013..8000, 138/0013/8000): still one number to a reader.
_JOIN = re.compile(r" +| *(?:[-./] *){1,3}| *\n *")
_ID_GROUPINGS = {(18,), (6, 8, 4), (6, 4, 4, 4), (3, 3, 4, 4, 4), (4, 4, 4, 4, 2)}
_ID15_GROUPINGS = {(15,), (6, 6, 3), (6, 9)}
# A mobile in fours from its start (1380 0138 000: round 36b found it over <br>s and typed so, read as no number).
_MOBILE_GROUPINGS = {(11,), (3, 4, 4), (3, 8), (7, 4), (4, 4, 3)}
_COUNTRY_PREFIXES = ("0086", "86")  # glued to the number: +8613800138000
_CARD_GROUPINGS = {(4, 4, 4, 4), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2), (4, 4, 4, 4, 3), (6, 10), (6, 12), (6, 13)}
_MAX_GROUPS = 5  # the most groups any of these groupings has


def _is_split_in_two(sizes: tuple[int, ...]) -> bool:
    """One separator put somewhere inside the number (a stray space): two groups of 4 or more."""
    return len(sizes) == 2 and min(sizes) >= 4


@dataclass(frozen=True)
class Finding:
    kind: str            # a key of KINDS
    value: str           # the digits a reader sees (a mobile without its +86), X in upper case
    start: int           # offset in the text of its first character

    @property
    def digits(self) -> str:
        return self.value

    @property
    def masked(self) -> str:
        """The value as a report may show it: 110105********002X, 138****8000, 6222********0123."""
        keep = {"id": (6, 4), "mobile": (3, 4), "card": (4, 4)}[self.kind]
        return self.value[: keep[0]] + "*" * (len(self.value) - sum(keep)) + self.value[-keep[1]:]

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def _real_date(year: int, month: int, day: int, today: dt.date) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def is_id_number(value: str, today: dt.date) -> bool:
    """A 身份证号 that a real person could hold: province, birth date and (for 18 digits) check digit."""
    value = value.upper()
    if not value[:-1].isdigit() or int(value[:2]) not in _PROVINCES:
        return False
    if len(value) == 18:
        total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS))
        return _ID_CHECK[total % 11] == value[17] and _real_date(int(value[6:10]), int(value[10:12]),
                                                                    int(value[12:14]), today)
    return len(value) == 15 and value.isdigit() and _real_date(1900 + int(value[6:8]), int(value[8:10]),
                                                               int(value[10:12]), today)


_CARD_SCHEMES = (("62", range(16, 20)), ("4", (16, 19)), ("35", (16,)),
                 *((str(prefix), (16,)) for prefix in (*range(51, 56), *range(22, 28))))


def looks_like_card(digits: str) -> bool:
    return digits.isdigit() and passes_luhn(digits) and \
        any(digits.startswith(prefix) and len(digits) in lengths for prefix, lengths in _CARD_SCHEMES)


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def _shape(digits: str, sizes: tuple[int, ...], today: dt.date) -> tuple[str, str] | None:
    """(kind, value) when these grouped digits are written like, and check out as, a personal datum."""
    if digits[-1] in "Xx" or len(digits) == 18:
        # the check character split off (…002 X, …002 at a line's end and X on the next) reads as if glued on
        id_sizes = (*sizes[:-2], sizes[-2] + 1) if len(sizes) > 1 and sizes[-1] == 1 else sizes
        # one gap anywhere (a line of the paragraph ending inside the number): its date and check digit decide
        if (id_sizes in _ID_GROUPINGS or len(id_sizes) == 2) and len(digits) == 18 and is_id_number(digits, today):
            return "id", digits.upper()
        if digits[-1] in "Xx":   # no ID: the digits before the X are what a reader reads (13800138000x, 13800138000×2)
            return _shape(digits[:-1], (*sizes[:-1], sizes[-1] - 1), today) if sizes[-1] > 1 else None
    if len(digits) == 15 and sizes in _ID15_GROUPINGS and is_id_number(digits, today):
        return "id", digits
    if (sizes in _MOBILE_GROUPINGS or _is_split_in_two(sizes)) and _is_mobile(digits):   # 13800 138000, 1380 0138000
        return "mobile", digits
    if (mobile := _prefixed_mobile(digits, sizes)) is not None:
        return "mobile", mobile
    if (sizes in _CARD_GROUPINGS or len(sizes) == 1 or _is_split_in_two(sizes)) and looks_like_card(digits):
        return "card", digits
    return None


def _is_mobile(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"


def _prefixed_mobile(digits: str, sizes: tuple[int, ...]) -> str | None:
    """The mobile number of +8613800138000, 0086 13800138000's glued forms, +86138 0013 8000."""
    for prefix in _COUNTRY_PREFIXES:
        rest = digits[len(prefix):]
        if digits.startswith(prefix) and sizes[0] > len(prefix) and _is_mobile(rest) \
                and (sizes[0] - len(prefix), *sizes[1:]) in _MOBILE_GROUPINGS:
            return rest
    return None


def _chains(folded: str) -> Iterator[list[re.Match]]:
    """Runs of digit groups with one separator between each two (a group ending in X ends a run)."""
    chain: list[re.Match] = []
    for group in _GROUP.finditer(folded):
        joined = chain and chain[-1].group()[-1].isdigit() and _JOIN.fullmatch(folded, chain[-1].end(), group.start())
        if chain and not joined:
            yield chain
            chain = []
        chain.append(group)
    if chain:
        yield chain


_PRIORITY = {"id": 0, "mobile": 1, "card": 2}
# After a number, a unit makes it a quantity (投入13500000000元, 13800138000 人次), not a phone or card.
_UNITS = frozenset("元角万亿千百十人次户件个吨米克斤亩台辆套份项家名册本张株头只条座所间处天年月日时秒度倍例起批笔股%‰")
_CURRENCY = frozenset("¥$€£")


def _find_in_folded(folded: str, today: dt.date) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) in the folded text; overlapping shapes count once (ID first)."""
    candidates = []
    for chain in _chains(folded):
        for first in range(len(chain)):
            for last in range(first, min(len(chain), first + _MAX_GROUPS)):
                groups = chain[first:last + 1]
                start, end = groups[0].start(), groups[-1].end()
                sizes = tuple(len(g.group()) for g in groups)
                if len(groups) == 2 and "\n" in folded[groups[0].end():groups[1].start()] and groups[0].group()[-1].isdigit():
                    sizes = (sum(sizes),)   # one line of the paragraph ending inside the number: read as one piece
                shape = _shape("".join(g.group() for g in groups), sizes, today)
                if shape and not _is_other_number(folded, start, end, shape[0]):
                    candidates.append((shape[0], shape[1], start, end))
        candidates += [found for found in _digit_by_digit(chain, today) if not _is_other_number(folded, *found[2:], found[0])]
    found: list[tuple[str, str, int, int]] = []
    for kind, value, start, end in sorted(candidates, key=lambda c: (_PRIORITY[c[0]], c[2], -(c[3] - c[2]))):
        if not any(start < other_end and other_start < end for _, _, other_start, other_end in found):
            found.append((kind, value, start, end))
    return sorted(found, key=lambda item: item[2])


def _digit_by_digit(chain: list[re.Match], today: dt.date) -> Iterator[tuple[str, str, int, int]]:
    """(kind, value, start, end) of a number written a digit at a time, whole or in part (1 3 8 0 0 1 3 8 0 0 0,
    1·1·0·1…, 1 3 8 0013 8000, as some forms and letters space digits out): each run of lone digits is read as one
    group, an ID's check character after it (… 0 0 2 X, … 0 0 2X) its own, and the groups joined in the groupings of
    each shape. A run is never cut: a row of lone figures longer than a shape (1 2 3 4 5 …) is no number."""
    segments: list[tuple[str, int, int]] = []   # (digits, start, end)
    lone_run = False
    for group in chain:
        written = group.group()
        lone = len(written) == 1 and written.isdigit() or len(written) == 2 and written[0].isdigit() and written[1] in "Xx"
        if lone and lone_run and segments[-1][0][-1].isdigit():
            segments[-1] = (segments[-1][0] + written, segments[-1][1], group.end())
        else:
            segments.append((written, group.start(), group.end()))
        lone_run = lone and written.isdigit()
    if len(segments) == len(chain):
        return   # no two lone digits in a row: read as written
    for first in range(len(segments)):
        for last in range(first, min(len(segments), first + _MAX_GROUPS)):
            parts = segments[first:last + 1]
            digits = "".join(part[0] for part in parts)
            if len(parts) > 1 and parts[-1][0] in ("X", "x"):
                sizes = (*(len(part[0]) for part in parts[:-2]), len(parts[-2][0]) + 1)
            else:
                sizes = tuple(len(part[0]) for part in parts)
            if shape := _shape(digits, sizes, today):
                yield shape[0], shape[1], parts[0][1], parts[-1][2]


def _is_other_number(folded: str, start: int, end: int, kind: str) -> bool:
    """Context that makes the digits something else: letters glued to an ID or card number make
    it part of a code (统一社会信用代码, 索引号); a unit, a currency sign or a decimal point make a
    mobile or card number an amount. An ID number's check digit and birth date decide alone."""
    before, after = folded[max(0, start - 2):start], folded[end:end + 2]
    if _glued_letter(before[-1:]) or _glued_letter(after[:1]):
        return kind != "mobile"
    if kind == "id":
        return False
    unit = folded[end:end + 3].lstrip(" ")[:1]
    sign = folded[max(0, start - 3):start].rstrip(" ")[-1:]
    return unit in _UNITS or sign in _CURRENCY or bool(re.fullmatch(r"\.[0-9]", after) or re.fullmatch(r"[0-9]\.", before))


def _glued_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _candidates(text: str, numerals: bool = False, markup: bool | None = None) -> Iterator[re.Match]:
    """Stretches of digits that may hold a personal datum, found fast on the source as written; with
    `numerals`, only the stretches that Chinese numerals are part of. `markup`: whether `_MARKUP_NEAR` finds
    anything in `text`, when the caller knows."""
    if markup is None:
        markup = _has_markup(text)
    if numerals:
        pattern = _NUMERAL_CANDIDATE if markup else _NUMERAL_PLAIN_CANDIDATE
        yield from (candidate for candidate in pattern.finditer(text) if _HAS_NUMERAL.search(candidate.group()))
        return
    for candidate in (_CANDIDATE if markup else _PLAIN_CANDIDATE).finditer(text):
        if _worth_reading(candidate.group()):
            yield candidate


def _worth_reading(stretch: str) -> bool:
    """A candidate `_candidates` yields: written otherwise than plain digits in groups, or groups that may join to a shape."""
    return not _PLAIN_GROUPS.fullmatch(stretch) or _may_join_to_a_shape(stretch)


def _any_candidate(text: str, markup: bool) -> bool:
    """Whether `_candidates(text)` or `_candidates(text, numerals=True)` yields anything.

    Without markup, in one scan of `text` instead of two (each a tenth of a second over 10,000 documents): the
    plain patterns are one character class each, the numerals' holding every character of the digits' (digits,
    gaps). A stretch of digits therefore lies inside a stretch of the numerals' class, which runs from the first
    digit or numeral of that run of characters to its last: the digits' pattern, read only inside each such
    stretch, finds the same stretches as over the whole text."""
    if markup:
        return (next(_candidates(text, markup=True), None) is not None
                or next(_candidates(text, numerals=True, markup=True), None) is not None)
    for stretch in _NUMERAL_PLAIN_CANDIDATE.finditer(text):
        if _HAS_NUMERAL.search(stretch.group()) or any(
                _worth_reading(digits.group()) for digits in _PLAIN_CANDIDATE.finditer(text, stretch.start(), stretch.end())):
            return True
    return False


@lru_cache(maxsize=4096)   # an office's own numbers (its 联系电话, a 文号's digits) stand in most of its documents
def _may_join_to_a_shape(plain: str) -> bool:
    """False when no run of neighbouring groups can be any shape (0427-3417012, a date, the digits of a 索引号 in a file name):
    a loose test of length (an ID's X is not in the stretch: 17 counts) and of the +86 prefix; lone digits in a row
    count as one group too (`_digit_by_digit`)."""
    groups = re.split(r"[ .\n/-]+", plain)
    return _sizes_may_join(groups) or _sizes_may_join(_LONE_DIGITS_IN_A_ROW.sub(lambda run: run.group().replace(" ", ""),
                                                                                  " ".join(groups)).split(" "))


_LONE_DIGITS_IN_A_ROW = re.compile(r"(?<![0-9])[0-9](?: [0-9](?![0-9]))+")


def _sizes_may_join(groups: list[str]) -> bool:
    for first in range(len(groups)):
        total = 0
        for last in range(first, min(len(groups), first + _MAX_GROUPS)):
            total += len(groups[last])
            if total in _LENGTHS or (total in (13, 15) and groups[first].startswith(_COUNTRY_PREFIXES)) \
                    or (total == 15 and tuple(map(len, groups[first:last + 1])) in _ID15_GROUPINGS):
                return True
    return False


# Right-to-left text changes the order a reader sees: an override (U+202E, also written &#x202E;) shows
# what follows it reversed up to its end (U+202C, or the end of the paragraph), 00083100831 read as
# 13800138000; a right-to-left mark or letter between groups of digits shows the groups in reverse order
# (8000‏ 0013‏ 138 read as 138 0013 8000). Where a text holds any, it is also read in that order.
_RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                            r"\U0001e800-\U0001efff]|&(?:rlm|\#x0*(?:200f|202b|202e|2067)|\#0*(?:8207|8235|8238|8295));?", re.I)
_DIGIT_RUN = re.compile(r"&\#?\w{1,32};?|\d+")   # an entity's digits are not a group


def _in_display_order(text: str) -> str:
    """`text` as a right-to-left reading shows it, of the same length line by line (so findings keep their
    line): what each override reverses reversed back, and in each line the groups of digits in reverse order."""
    text = overrides_shown(text)

    def groups_reversed(line: str) -> str:
        groups = [run for run in _DIGIT_RUN.findall(line) if run[0] != "&"][::-1]
        return _DIGIT_RUN.sub(lambda m: m.group() if m.group()[0] == "&" else groups.pop(0), line)

    return "\n".join(groups_reversed(line) for line in text.split("\n"))


# A character reference to a digit of another form than ASCII or full width (the candidates read those as digits:
# _DIGIT_REFERENCE): &#x4e00; is 一 to a browser, &#x2460; is ①, &#x1d7cf; is 𝟏, &sup1; is ¹. A mobile written so
# showed whole on the page and passed every reading. Read once more with such references as what they show (names
# with digits included: &sup1;). So too a reference to "%" (&#37;, &percnt;): a browser decodes it in an address before
# the address's escapes, tel:&#37;31%33%38… dials 138…, and the readings decoded the escapes only as written.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


def _references_shown(text: str) -> tuple[str, list[int]] | None:
    """`text` with each character reference to a non-ASCII character shown as that character, and for each
    character where it is written; None when no reference shows a digit of another form (nearly every text)."""
    if "&" not in text or not any(_shows_a_digit(html.unescape(match.group())) for match in _REFERENCE.finditer(text)):
        return None
    shown, written_at = read_in_place(text, _REFERENCE, _reference_shown)
    if "%" not in shown:
        return shown, written_at
    # then an address's escapes of digits, as the browser decodes them after the references
    decoded, at = read_in_place(shown, _DIGIT_ESCAPE, lambda escape: [(chr(int(escape.group()[1:], 16)), escape.start())])
    return decoded, [written_at[place] for place in at]


_DIGIT_ESCAPE = re.compile(_DIGIT_URL_ESCAPE)


def _shows_a_digit(shown: str) -> bool:
    """A digit of another form, or the "%" of an address's escape."""
    return shown == "%" or len(shown) == 1 and not shown.isascii() and (
        shown in SPELLED_DIGITS or shown in CIRCLED_NUMBERS or shown in LOOKALIKE_DIGITS or fold(shown)[0].isdigit())


def _reference_shown(match: re.Match) -> list[tuple[str, int]]:
    """One reference as a browser shows it, where it shows a non-ASCII character or "%"; another ASCII one (&amp;,
    &lt;, &#49;) stays as written: decoded, it could make markup of text, and the readings read it already."""
    shown = html.unescape(match.group())
    if shown.isascii() and shown != "%":
        return [(char, match.start() + at) for at, char in enumerate(match.group())]
    return [(char, match.start()) for char in shown]


# A picture shows its text in its place where the picture is not drawn (no address, a file that is no picture, pictures
# off) and a screen reader reads it there: 138<img alt="0013">8000, 138![0013](files/a.png)8000 show one mobile. The
# readings above take a picture for a gap; one more reads each picture as its text (HTML or Markdown, as written).
# A picture without a text shows nothing there: the groups around it read on, as on the rendered page.
_PICTURE = re.compile(r"""<img\b[^<>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))[^<>]*>|<img\b[^<>]*>"""
                      r"|!\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])", re.I)


def _pictures_shown(text: str) -> tuple[str, list[int]] | None:
    """`text` with each picture shown as its text, and for each character where it is written; None when it has
    no picture (nearly every text)."""
    if "<" not in text and "![" not in text:
        return None
    if _PICTURE.search(text) is None:
        return None
    return read_in_place(text, _PICTURE, lambda match: [(char, _picture_text_at(match) + at)
                                                        for at, char in enumerate(_picture_text(match))])


def _picture_text(match: re.Match) -> str:
    return next((group for group in match.groups() if group is not None), "")


def _picture_text_at(match: re.Match) -> int:
    return match.start(next((number for number, group in enumerate(match.groups(), 1) if group is not None), 0))


# Two table cells with no padding or border between them show their texts as one (Word's MsoNormalTable paste with
# cellpadding="0": 联系电话1380013</td><td>8000 shows 13800138000). The build reads the rendered page so (text/html_text.py);
# the source's raw HTML is read once more with the stretch between such cells read as nothing (round 30a: the check
# passed what the build refused).
_CELL_START = re.compile(r"<t[dh][\s/>]", re.I)


def _cells_shown(text: str) -> tuple[str, list[int]] | None:
    """`text` with the tags between touching table cells left out, and for each character where it is written; None
    when no two cells of it touch (nearly every text)."""
    if "<" not in text or not _CELL_START.search(text) or not (gaps := touching_cell_gaps(text)):
        return None
    chars: list[str] = []
    written_at: list[int] = []
    after = 0
    for start, end in gaps:
        chars.append(text[after:start])
        written_at += range(after, start)
        after = end
    chars.append(text[after:])
    written_at += range(after, len(text))
    return "".join(chars), written_at


# pymdownx.emoji writes :one: as the keycap 1️⃣ (to_alt; a picture with it as its text otherwise): eleven shortcodes
# showed a mobile on the page, which the build refused and the check, reading the source, passed (round 30e).
_DIGIT_SHORTCODE = re.compile(r":(?:digit_)?(zero|one|two|three|four|five|six|seven|eight|nine|keycap_ten):")
_SHORTCODE_DIGITS = {name: str(value) for value, name in enumerate(
    "zero one two three four five six seven eight nine keycap_ten".split())}


def _shortcodes_shown(text: str) -> tuple[str, list[int]] | None:
    """`text` with each digit's emoji shortcode read as the digit, and for each character where it is written; None
    when it has none (nearly every text)."""
    if ":" not in text or not _DIGIT_SHORTCODE.search(text):
        return None
    return read_in_place(text, _DIGIT_SHORTCODE, lambda code: [(digit, code.start())
                                                                for digit in _SHORTCODE_DIGITS[code.group(1)]])


def _shown_readings(text: str) -> tuple[tuple[str, list[int]] | None, ...]:
    """The readings of `text` as a page shows what its markup writes: character references, pictures' texts,
    touching cells, emoji shortcodes; each (text, where each character is written) or None."""
    return _references_shown(text), _pictures_shown(text), _cells_shown(text), _shortcodes_shown(text)


def find_personal_info(text: str, today: dt.date, disguised: bool = True,
                       around: tuple[str, str] = ("", "")) -> list[Finding]:
    """Every 身份证号, 手机号 and 银行卡号 in `text`, in order, as a reader of the page would see them; with
    `disguised`, also those written with letters for digits or carried by invisible characters (a text whose
    every source was read so, a rendered page, need not be read so again: a page is its sources' text).
    A card-shaped number printed as an organisation's own account (`agencys_own_account`, its labels read in `text`
    and in the texts `around` it: an attachment's paragraph or cell beside it) is not among them."""
    return [finding for finding in _every_finding(text, today, disguised) if not _own_account(text, finding, around)]


def holds_a_number_to_name(text: str, today: dt.date) -> bool:
    """Whether `text` holds a personal datum or an organisation's own account: each is named (E400, I400), so that a
    reader keeping only the texts to report keeps both (an attachment's account was left out unnamed, round 30e)."""
    return bool(_every_finding(text, today, True))


def _own_account(text: str, finding: Finding, around: tuple[str, str] = ("", "")) -> bool:
    before, after = around
    return finding.kind == "card" and agencys_own_account(before + text + after, len(before) + finding.start)


def _every_finding(text: str, today: dt.date, disguised: bool) -> list[Finding]:
    """`find_personal_info`'s findings, an organisation's own account among them."""
    found: dict[int, Finding] = {}
    readings = [(text, False, None), (text, True, None)]   # digits as written, then Chinese numerals read as digits
    if _RIGHT_TO_LEFT.search(text):
        shown = _in_display_order(text)
        readings += [(shown, False, None), (shown, True, None)]
    circled_or_carried = (_CIRCLED_OR_CARRIED if disguised else _HAS_CIRCLED_NUMBER).search(text)
    spelled = _circled_spelled_out(text) if circled_or_carried else None
    if spelled:
        readings.append((*spelled[:1], True, spelled[1]))
    if disguised and _LOOKALIKE_NEAR_DIGIT.search(text):
        readings += [(part, False, written_at) for part, written_at in _lookalikes_read(text)]
    if disguised and circled_or_carried and (decoded := smuggled_read(text)) is not None:
        readings.append((*decoded[:1], False, decoded[1]))
    for reading, numerals, written_at in readings:
        for candidate in _candidates(reading, numerals):
            begin = max(0, candidate.start() - _CONTEXT)
            folded, offsets = fold(reading[begin:candidate.end() + _CONTEXT], numerals)
            for kind, value, start, _ in _find_in_folded(folded, today):
                at = begin + offsets[start]
                if at >= candidate.start():  # the context before may hold the cut-off tail of another number
                    at = written_at[at] if written_at else at
                    found.setdefault(at, Finding(kind, value, at))
    for shown in _shown_readings(text):
        for finding in _every_finding(shown[0], today, disguised) if shown is not None else ():
            at = shown[1][finding.start]
            found.setdefault(at, Finding(finding.kind, finding.value, at))
    return [found[at] for at in sorted(found)]


class _CompiledOnFirstUse:
    """A regular expression compiled where it is first used, not at import. The account rules' patterns below (each
    with the table of surnames or places in it) took 35-60 ms of every process's import of this module, and most
    processes never read a card-shaped number (a unit's build, a check of pages without one). Its methods are those of
    the compiled pattern, bound on first use; `pattern` is the source, as other patterns are written from it."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):   # only for what is not set yet: the first use of a method
        compiled = re.compile(self.pattern, self.flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def compile_now() -> None:
    """Compile every pattern of this module that waits for its first use: for a process that forks the ones that read
    texts (the tests' build server forks each command from its preloaded modules), so that no child compiles them."""
    for value in list(globals().values()):
        if isinstance(value, _CompiledOnFirstUse):
            value.search("")


# A government's 对公账户 of 19 digits (some banks' accounts start with 62 or 4, as cards do) passes the card checksum one
# time in ten: a 非税收入 payment notice printing the agency's account was refused as a bank card (round 30a). Such an
# account is printed under an account label (账号：, 收款账户：) with its 户名 an organisation's name nearby; a person's card
# is named a card (银行卡, 一卡通, 存折) or a person's (个人, 姓名, 王某某, 户名：张三). Only when all of that says "the
# agency's own" is the number left to be published; any word of a person's near it keeps it refused.
_FORM_BLANK = "[ \t\u3000\u00a0]*"   # a form aligns its labels with blanks: 户　　名：, 账　　号：
_SEPARATOR = "[\\s：:∶︰|*_]"
# Between a label and its value: a separator, a tag (<td>户名</td><td>测试县财政局</td>: a table written in HTML), or a
# sentence's 为/是 (户名为测试县财政局，账号为…): round 33a found the agency's account so written refused as a card.
_BETWEEN = f"(?:{_SEPARATOR}|<[^<>]{{0,80}}>)"
_LINKED = f"(?:{_BETWEEN}+|{_BETWEEN}*[为是]{_BETWEEN}*)"
# An invoice's 开户行及账号： writes the bank before the number (开户行及账号：中国农业银行测试县支行 6228…): round 34a found the
# agency's account so written refused as a card.
_BANK_BEFORE = "(?:[\u4e00-\u9fff（）()]{2,40}?(?:行|分理处|营业部|信用社|联社)[ \t\u3000\u00a0，,]*)"
_ACCOUNT_LABEL = _CompiledOnFirstUse(f"[账帐]{_FORM_BLANK}[号户](?:{_FORM_BLANK}号码?)?(?:{_LINKED})?{_BANK_BEFORE}?$")   # 账户号：, 账号码：
# Whom the money is paid to, as a notice labels it: every such label near the number must name an organisation, and
# one must (round 30e: a 开户人, a 户主, a 补贴对象 or a 户　名 naming a person beside the agency's 户名 was not read).
# Whoever pays or is refunded is read too (缴款人, 退费人, 付款人, 汇款人: round 31a found a person named so beside the
# agency's 收款单位 let the person's card through); 联系人 and 经办人 are the agency's staff.
# A form spaces any label as it spaces 户　　名 (退　费　人：), and names a person's label with 姓名 after it (收款人姓名：,
# 退费人姓名：): round 33a found each read as no label, and a person named so let the card through. A depositor is one
# (存款人, 储户).
_HOLDERS = ("收款人", "领款人", "领取人", "退款人", "开户人", "持有人", "受益人", "户主", "收款单位", "开户单位", "收款方", "对象",
            "退费人", "缴款人", "缴费人", "交款人", "付款人", "汇款人", "借款人", "还款人", "报销人", "存款人", "储户")


def _spaced(words) -> str:
    """An alternation of `words`, each as a form may space its characters (个　人, 姓　　名)."""
    return "|".join(_FORM_BLANK.join(word) for word in words)


_HOLDER_LABEL = _CompiledOnFirstUse(f"(?:[户戶]{_FORM_BLANK}名|{_spaced(_HOLDERS)})(?:{_FORM_BLANK}(?:{_spaced(('全称', '名称', '称', '姓名'))}))?"
                           f"{_LINKED}([^\\s，,；;。：:∶︰|*]{{1,40}})")
# How an organisation's name ends (测试县总工会, 县人武部, 第一中学, 幼儿园, 林场, 公路管理段, 煤矿, 监狱, 县政协, 县妇联), or
# its account's (…非税收入汇缴结算户, 社会保险基金收入户/支出户, 公积金归集户, 基本存款账户), or the treasury's or a bank's
# that collects for it (国家金库测试县支库, 农业银行测试县支行): round 31a found those refused as a person's card.
# The endings of a body's name both a holder (`_ORGANISATION`) and a department joined after 和 (`_DEPARTMENT_ENDING`) have.
_BODYS_ENDINGS = "局|委员会|委|办公室|中心|政府|厅|院|所|站|队|处|公司|集团|学校|医院|专户|国库|馆|办事处"
_ORGANISATION = _CompiledOnFirstUse(rf".{{3,}}?(?:{_BODYS_ENDINGS}|社|协会"
                                    r"|会|部|学|园|厂|场|台|段|矿|狱|联|协|库|行|结算户|存款户|收入户|支出户|归集户|账户)")
_PLACE = _CompiledOnFirstUse("[省市县区州旗盟镇乡村]")
# A person named as 王女士 under 联系人 is the agency's own staff: a person's word only as a holder (names_an_organisation).
# Spaced as a form spaces them too: 姓　　名：王建国 beside the agency's 户名 let the card through (round 33a).
_PERSONAL_WORDS = _CompiledOnFirstUse(_spaced(("卡", "存折", "个人", "本人", "私人", "姓名", "身份证", "申请人", "职工", "家属", "某")))
_ACCOUNT_CONTEXT = 80   # characters each side read for a person's words: a notice's 户名/开户行/账号 lines
# and read before it for the holders: a 开户行 line with the branch's address (60 characters and more) between a
# person's 户名 and the 账号 left that 户名 out of reach (round 30e).
_HOLDER_REACH = 200
# What an attachment's reader keeps of the texts beside a piece for its account's labels (`Piece.around`).
ACCOUNT_READ_BEFORE, ACCOUNT_READ_AFTER = _HOLDER_REACH, _ACCOUNT_CONTEXT + 30


def agencys_own_account(text: str, start: int) -> bool:
    """Whether the card-shaped number at `start` of `text` is printed as an organisation's own account (above)."""
    before = _words_shown(text[max(0, start - _ACCOUNT_CONTEXT):start])
    after = _words_shown(text[start:start + _ACCOUNT_CONTEXT + 30])   # the number itself is up to about thirty characters
    reach = _words_shown(text[max(0, start - _HOLDER_REACH):start])
    labels = list(_HOLDER_LABEL.finditer(reach + after))
    holders = [_with_names_after(label, reach + after) for label in labels]
    account_label = _ACCOUNT_LABEL.search(before)
    return bool(account_label) and bool(holders) and all(map(names_an_organisation, holders)) \
        and not _a_persons_account_label(before[:account_label.start()]) and not _a_name_just_after(after) \
        and not _PERSONAL_WORDS.search(own := _EVERYONE.sub("", _the_accounts_own_lines(before, reach, labels)
                                                           + _the_accounts_own_lines_after(after))) \
        and not _a_person_named_in_a_form_line(own) and not _a_name_alone_on_a_line(own) and not _a_person_paid(own) \
        and not _a_person_holding_it(before) and not _a_person_holding_it(after)


def _words_shown(text: str) -> str:
    """`text` with each character reference to a character beyond ASCII shown as that character (该账户由&#29579;建国负责管理
    shows 王建国: round 37a found every name rule blind to it); &lt;, &amp;, a blank's (&nbsp;, &ensp;) and an invisible
    character's stay as written, as the rules read them."""
    return _REFERENCE.sub(_shown_if_beyond_ascii, text) if "&" in text else text


def _shown_if_beyond_ascii(reference: re.Match) -> str:
    shown = html.unescape(reference.group())
    return reference.group() if shown.isascii() or shown.isspace() or unicodedata.category(shown) == "Cf" else shown


# A line of the account's own that is, as a whole, a person's name (王建国, （王建国）, <br>王建国 on the line after the
# number, a list's name written above or below its card): round 36b found 账号：6228…⏎（王建国） published as the
# agency's account, the name not on the number's own line. A surname begins it (特此公告, 谢谢 are no names).
_LINE_MARKS = _CompiledOnFirstUse(r"<[^<>]{0,80}>|&[A-Za-z]{2,8};|[\s>*_#|（）()【】\[\]“”\"'—–-]+")


def _a_name_alone_on_a_line(text: str) -> bool:
    return any(_a_whole_persons_name(_LINE_MARKS.sub("", _names_unspaced(line))) for line in text.split("\n"))


# A line of the account's own (label：value) whose value is, as a whole, a person's name names whose account it is,
# whatever the label (名字：, 申请者：, 当事人：, 权利人：, 被执行人：, 领款单位： beside the agency's 户名: round 36a found
# each person's card published as the agency's account, the labels not among _HOLDERS), unless the label names the
# agency's own staff (联系人：王建国 under the account is whom to ask).
_FORM_VALUE = _CompiledOnFirstUse(r"(?:^|[\n，,；;。|])[ \t\u3000>*_|-]*([^\s：:∶︰，,；;。|]{1,10})[ \t\u3000]*[：:∶︰][ \t\u3000*_]*"
                         r"([^\s：:∶︰，,；;。|*（(]{2,12})")
# What else a line of the account names is a place or a bank (地址：龙山路, 开户行：农行, 网点：江南), not whose it is.
_STAFF_LABEL = _CompiledOnFirstUse(r"(?:联系|联络|经办|负责|审核|复核|承办|咨询|监督|开票|填报|制表|主办)人|联系|电话|承办|经办|咨询"
                          r"|址|银行|开户行|行$|网点|地点|位置|币|性质|类型|种类")


def _a_person_named_in_a_form_line(text: str) -> bool:
    return any(not _STAFF_LABEL.search(label) and _a_whole_persons_name(_names_unspaced(value))
               for label, value in _FORM_VALUE.findall(_BLANK_ENTITY.sub(" ", text)))


def _a_whole_persons_name(value: str) -> bool:
    name = _PERSONS_TITLE.sub("", value)
    return bool(_PERSONS_NAME.fullmatch(name)) and (bool(_SURNAMED_NAME.fullmatch(name)) or "·" in name) \
        and _a_persons_name(name)


# 单位和个人 (单位或个人, 个人及企业) is everyone who may pay or give, not a person: 本账户仅用于接收单位和个人捐赠。 after the red
# cross's account refused it as a person's card (round 34a).
_EVERYONE = _CompiledOnFirstUse(f"(?:单位|企业|法人|组织)[和或及与、]{_FORM_BLANK}个{_FORM_BLANK}人|个{_FORM_BLANK}人[和或及与、](?:单位|企业|法人|组织)")


# The words right before 账号 say whose it is: 单位账号, 对公账号, 收款账号, 测试县财政局账号 are the agency's; a name of two to
# four Han characters with none of an account's or an organisation's words is a person's (王建国账号：… under the agency's
# 户名 was published as the agency's account, round 33c).
_BEFORE_THE_LABEL = _CompiledOnFirstUse(r"(?:^|[^\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})[ \t\u3000*_]*$")
# The characters of an account's and an office's words (款, 户, 局, 校 …): both an account's word before 账号 and no given
# name hold them (`_ACCOUNTS_WORDS`, `_NEVER_IN_A_GIVEN_NAME`).
_ACCOUNT_AND_OFFICE_CHARACTERS = "款户行账号额费税库局委办院所站队处厅馆司部校医矿场厂段狱算币位政零用支收缴汇预存出入"
_ACCOUNTS_WORDS = _CompiledOnFirstUse(f"[{_ACCOUNT_AND_OFFICE_CHARACTERS}公单基本般专结财余我捐赠付银往来代理资金心会园党团社协联台机关元]")   # an organisation's: 学校账号; 人民币账号


def _a_persons_account_label(before_the_label: str) -> bool:
    words = _KIND_OF_ACCOUNT.sub("", before_the_label)   # 王建国银行账号：, 王建国 收款账号：
    return any((owner := _BEFORE_THE_LABEL.search(before)) is not None and _a_persons_name(owner[1])
               or _a_name_just_before(before) for before in {before_the_label, words})


# What kind of account a person's name may stand before (王建国银行账号, 王建国工资账号, 王建国收款账号, 王建国转账账号): round
# 36a found each published as the agency's account, the words before 账号 read as the account's. A bank's own name
# (华夏银行, 农业银行, 商业银行) is left whole: 华夏, 农业 would read as a person's.
# The banks named by their words before 银行 (中国农业银行, 华夏银行): a holder may begin so (`_ORGANISATIONS_START`), and the
# two characters before 银行 keep a bank's name whole before 账号 (`_KIND_OF_ACCOUNT`), with 商业, 农商, 中国 and 邮政 (商业银行,
# 农商银行, 中国银行, 邮政银行) that begin no holder alone.
_BANKS = ("人民", "工商", "农业", "建设", "交通", "邮政储蓄", "农业发展", "国家开发", "进出口", "招商", "民生", "兴业", "光大", "中信",
          "浦发", "华夏", "广发", "平安")
_BANKS_LAST_TWO = "|".join(sorted({bank[-2:] for bank in _BANKS} | {"商业", "农商", "中国", "邮政"}))
_KIND_OF_ACCOUNT = _CompiledOnFirstUse(f"(?<!{_BANKS_LAST_TWO})"
                              r"(?:银行|工资|收款|付款|转账|汇款|缴款|退款|补贴|补助|奖励|存款|结算)[ \t\u3000*_]*$")


def _a_persons_name(words: str) -> bool:
    return _a_surnamed_name(words) or not _ACCOUNTS_WORDS.search(words) and not _NOT_A_NAME.search(words) and not _LABEL_WORD.search(words) \
        and not _PLACE.search(words) and not _an_organisations_name(words)   # 高新区账号


# A surname and a given name of one or two characters is a person's even when a character of it is an account's word
# (王金花, 余建国, 付小会, 王金: 金, 余, 付, 会 are): round 35a found 王金花账号：… under the agency's 户名 published as the
# agency's account, round 36a 王金账号：…. An account's two or three words that start with a surname end in a word no
# given name holds (付款方 no: 款; 农商行: 行; 高新区: 区; 党费户, 党费: 费; 单位: 位).
_NEVER_IN_A_GIVEN_NAME = _CompiledOnFirstUse(f"[{_ACCOUNT_AND_OFFICE_CHARACTERS}帐省市县区州旗盟镇乡村方商]")


def _a_surnamed_name(words: str) -> bool:
    return len(words) in (2, 3) and bool(_SURNAMED_NAME.fullmatch(words)) \
        and not _NEVER_IN_A_GIVEN_NAME.search(words[1:]) and not _NOT_A_NAME.search(words)


# A name written apart just before the label is whose account it is too, the piece of text before 账号 once blanks, a
# clause's or a label's mark, a bracket, a list's number or a tag are taken as setting pieces apart: a refund list pasted
# under the agency's 户名 and account (1. 王建国，账号：…; 王建国 on its own line; 王建国：账号…; <p>王建国</p><p>账号：…),
# 测试县财政局（王建国） or 测试县财政局，王建国 as the holder, 王建国同志账号 (a person's title): round 34a found each person's
# card published as the agency's account.
_PIECE_APART = _CompiledOnFirstUse(r"<[^<>]{0,80}>|&[A-Za-z]{2,8};|[\s：:∶︰，,；;、|*_#>（）()【】\[\]“”\"'0-9.．/／—–-]+")
_PERSONS_TITLE = _CompiledOnFirstUse("同志|先生|女士|老师|师傅")
_HOLDER_WORD_FIRST = _CompiledOnFirstUse(f"^(?:{_spaced(_HOLDERS)}|户名|姓名)")   # 收款人王建国
# Words that stand before 账号 or after the number as a notice's own (下列账号, 指定账号, 对方账号, 上述账号, ，谢谢): round 34a
# found each read as a person's name and the agency's account refused (a false E400, 下列账号 since round 33c).
_NOT_A_NAME = _CompiledOnFirstUse("如下|以下|以上|下列|下面|上面|上述|前述|指定|对方|我方|双方|甲方|乙方|统一|其他|其它|所有|全部|相关|对应|"
                         "备用|唯一|有效|正确|周转|信息|方式|附件|说明|情况|注明|详见|公告|通知|谢谢|"
                         "严格|安全|全面|全权|单独|方便|明确|封闭")   # 请严格保管, 由单独管理: how, not who


def _a_name_just_before(before_the_label: str) -> bool:
    pieces = [piece for piece in _PIECE_APART.split(_names_unspaced(before_the_label[-40:])) if piece]
    if not pieces:
        return False
    last = _HOLDER_WORD_FIRST.sub("", pieces[-1])   # 收款人王建国账号：
    return bool(_PERSONS_TITLE.search(last)) or \
        (bool(_PERSONS_NAME.fullmatch(last)) and _a_persons_name(last) and not _a_place_in_the_holders_brackets(before_the_label, last))


def _a_place_in_the_holders_brackets(before_the_label: str, last: str) -> bool:
    """户名：温州市财政局（龙湾）⏎账号：… names the branch's district in the holder's brackets, as `_a_person_in_brackets` reads it."""
    return bool(_A_PLACE_IN_BRACKETS.fullmatch(last)) and bool(re.search(f"[（(]{re.escape(last)}[）)]\\s*$", before_the_label))


# A list of names aligns a two-character name with the three-character ones by a blank (王　伟, 王 建 国): round 34a found
# 户名：测试县财政局　王　伟, 王　伟，账号：… and （王　伟） after the number read as no name (single characters), the card
# published as the agency's account. Such a name is read as written without its blanks.
_SPACED_NAME = _CompiledOnFirstUse(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}(?:[ \t\u3000\u00a0]+[\u4e00-\u9fff]{1,2})+(?![\u4e00-\u9fff])")


def _names_unspaced(text: str) -> str:
    """`text` with each run of one or two Han characters set apart by blanks, four characters at most in all, joined."""
    return _SPACED_NAME.sub(lambda run: joined if len(joined := "".join(run.group().split())) <= 4 else run.group(), text)


# A refund list writes whose card it is right after the number, on its line (6228…（王建国）, 6228…　王建国, 6228…，王建国,
# 6228…<br>王建国, 6228… 收款人王建国): round 34a found each published as the agency's account. What follows an account's
# number on its line is mostly about the account ((人民币), (基本户), (已变更), ，谢谢), so a name there is read by its
# surname (or a person's title, or the interpunct of a minority's name).
_NUMBERS_OWN = _CompiledOnFirstUse(r"[0-9０-９Xx \t\u3000\u00a0-]*")
_COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木"
_SURNAMES = (f"{_COMPOUND_SURNAMES}|"
             "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
             "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
             "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
             "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
             "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
             # round 35a: 洪, 赖, 萧 (among the hundred commonest) and these were missing, a card 6228…　洪建国 passed
             "洪赖萧强晋郁燕冀谈屠廉盖奚邸计鄢花井练乐封冼原官衣楚栗匡鞠荆谌银薄伏习胥蔺芮闻钮庾逯勾滑暴隗惠展宿粟扈皮戈]")
_SURNAMED_NAME = _CompiledOnFirstUse(f"(?:{_SURNAMES})[\u4e00-\u9fff]{{1,3}}")


# What the money is for names whom it is paid to when a person's name stands in it as the one refunded or paid
# (用途：王建国退款, 备注：退王建国押金, 用途：退还王建国保证金, 摘要：代付王建国): round 36b found each card published as the
# agency's account, the name inside the value, not the value as a whole. Read by the words around the name only.
_PURPOSE = _CompiledOnFirstUse(r"(?:用途|备注|摘要|附言|事由|款项|说明)[ \t\u3000]*[：:∶︰]([^\n]{0,40})")
_PAID_WORDS = "退款|退费|押金|保证金|工资|补贴|补助|奖金|奖励|报销|借款|还款|个人|的"
_PERSON_PAID = _CompiledOnFirstUse(f"(?:退还|退|付给|支付给|支付|发放给|给|转给|代收|代付|代)((?:{_SURNAMES})[\u4e00-\u9fff]{{1,2}}?)"
                          f"(?={_PAID_WORDS}|[，,。；;、\\s）)]|$)|((?:{_SURNAMES})[\u4e00-\u9fff]{{1,2}}?)(?={_PAID_WORDS})")


def _a_person_paid(text: str) -> bool:
    return any(_a_surnamed_name(paid[1] or paid[2]) for purpose in _PURPOSE.findall(text)
               for paid in _PERSON_PAID.finditer(purpose))


# A sentence about the account that names a person as the one who holds, keeps, runs or collects through it makes it
# that person's (该账户由王建国负责管理, 请王建国于3月30日前领取, 该账户归王建国所有, 开户人是王建国, 此为王建国的银行卡):
# round 36b found each published as the agency's account. The rule: an organisation's account is named by its 户名 alone;
# a person in such a place in a sentence of the account (the text each side of the number as far as _ACCOUNT_CONTEXT
# reaches) refuses it (E400, with allow_personal_info as the fix where the agency means it). The agency's staff named as
# whom to ask (联系人：王建国, 请联系王建国, 经办人王建国) and a person asked to pay into it (请王建国于3月30日前缴款) hold
# nothing: their words are none of these.
# The name stands right after a word that gives it the account (由, 归, 属于, 交由 …: 由于 is no such word) and before
# one that says what the person does with it; after 请, before a collecting word in its clause; after 为, 系 or 是, or
# opening a clause, before one that says it is the person's (名下, 本人, 所有, 的账户): 为方便管理, 安全使用 are the notice's.
_GIVES_IT_TO = "(?:由(?!于)|归|属于|交由|交给|转给)"
_OWNS_IT = "(?:持有|开立|开设|所有|名下|的(?:账|帐|户|卡|存折|银行|工资|个人|(?![\u4e00-\u9fff])))"
_HOLDS_IT_AS_OWN = f"(?:{_OWNS_IT}|本人|个人|同志|先生|女士)"
_HOLDS_IT = f"(?:具体|专门|统一|一并|全权|亲自|直接|独自)?(?:负责|管理|保管|使用|领取|签收|收取|{_HOLDS_IT_AS_OWN})"
_A_NAME_HELD = f"(?:{_SURNAMES})[\u4e00-\u9fff]{{1,2}}?|[\u4e00-\u9fff]{{1,8}}[·•・‧∙⋅][\u4e00-\u9fff]{{1,8}}?"
# Whom the person is to the account or the family, between the giving word and the name (由户主王建国, 由其父亲王建国), and
# the others listed with the name (由王建国、李小明负责).
_WHO_THEY_ARE = "(?:其|户主|开户人|持卡人|收款人|职工|村民|家属|父亲|母亲|配偶|丈夫|妻子|儿子|女儿){0,2}"
_HELD_NAME = f"{_WHO_THEY_ARE}({_A_NAME_HELD})(?:[、和及与](?:{_A_NAME_HELD}))*"
_HOLDER_IS = "(?:开户人|持卡人|持有人|户主|所有人|收款人|领款人)(?:为|是|系)"
# 请王建国于3月30日前领取, 请王建国本人持身份证到财政局领取: the person comes to collect (请符合条件的人员于…领取 names none).
_COMES_TO_COLLECT = ("(?:同志|先生|女士)?(?:本人)?(?:于[0-9０-９一二三四五六七八九十年月日号前后之内]{1,12})?(?:本人)?"
                     "(?:持[^。；;，,]{1,10}?)?(?:到[^。；;，,]{1,10}?)?(?:领取|签收|收取)|本人")
_PERSON_HOLDING = _CompiledOnFirstUse(f"{_GIVES_IT_TO}{_HELD_NAME}(?={_HOLDS_IT})"
                             f"|请{_HELD_NAME}(?={_COMES_TO_COLLECT})"
                             f"|(?:为|系|是){_HELD_NAME}(?={_HOLDS_IT_AS_OWN})"
                             f"|(?<![\u4e00-\u9fff]){_HELD_NAME}(?={_OWNS_IT})"
                             f"|(?:{_HOLDER_IS}|归|属于){_HELD_NAME}(?=[，,。；;、\\s）)]|$)")
# Read as the page shows it: a name set in bold, spaced out or split by a tag (由<b>王建国</b>负责, 由王 建 国负责) is one.
_NOTHING_BETWEEN_WORDS = _CompiledOnFirstUse(r"<[^<>]{0,80}>|&(?:nbsp|ensp|emsp|#160|#x0*a0|#12288|#x3000);|[ \t\u3000\u00a0*_\u200b-\u200d\u2060\ufeff]+", re.I)


def _a_person_holding_it(text: str) -> bool:
    return any((_a_glued_name(name) or not name.isalpha()) and not name.endswith("人")   # 买买提·艾力; 申请人 is a role
               for holding in _PERSON_HOLDING.finditer(_NOTHING_BETWEEN_WORDS.sub("", text))
               for name in holding.groups() if name)


def _a_name_just_after(after: str) -> bool:
    """A person's name on the number's line after it, first or after a note about the number (（注意保存）王建国,
    （请妥善保管）（王建国）: round 36b left it, round 37a read it); a label's value is its label's (，联系人：王建国 is whom to
    ask), so the line is read up to its first label."""
    line = _names_unspaced(_NUMBERS_OWN.sub("", after, count=1).split("\n", 1)[0][:40])
    labelled = _FIRST_LABEL.search(line)
    pieces = [piece for piece in _PIECE_APART.split(line) if piece]
    if labelled is not None:
        pieces = [piece for piece in _PIECE_APART.split(line[:labelled.start()]) if piece][:-1] or pieces[:1]
    return any(map(_names_a_person_after_the_number, pieces[:4]))


_FIRST_LABEL = _CompiledOnFirstUse("[：:∶︰]")
# A given name as a person is called without a surname, 小 or 阿 before it (6228…（小明）, 6228… 阿强: round 36b left a name
# without a listed surname); 小计, 小写, 小额 after a number are a table's words.
_A_GIVEN_NAME_CALLED = _CompiledOnFirstUse("(?!小计|小写|小结|小时|小组|小学|小区|小微|小型|小额|阿拉)[小阿][\u4e00-\u9fff]{1,2}")


def _names_a_person_after_the_number(piece: str) -> bool:
    first = _HOLDER_WORD_FIRST.sub("", piece)
    called = _SURNAMED_NAME.fullmatch(first) or _A_GIVEN_NAME_CALLED.fullmatch(first)
    surnamed = bool(called) if len(first) <= 4 else True   # longer: an interpunct's name
    return bool(_PERSONS_TITLE.search(first)) or surnamed and bool(_PERSONS_NAME.fullmatch(first)) and _a_persons_name(first)


# After the number, what belongs to the account is read for a person's words: its own sentence, the form's lines after
# it (开户行：…, 备注：个人, a table's cells, a bare 个人) and any sentence about the account (此为王建国个人账户。), up to the
# first sentence of the notice's own, one with no label that names no account (捐款时请注明单位或个人姓名。: its 个人
# refused the red cross's real account, round 33c).
_PIECES = _CompiledOnFirstUse(r"(?<=[。！？!?])|\n")
_SENTENCE_END = _CompiledOnFirstUse(r"[。！？!?]\s*$")
_FORM_LINE = _CompiledOnFirstUse(r"^[ \t\u3000>*_|-]*[^\s：:]{1,10}[：:]")
_NAMES_AN_ACCOUNT = _CompiledOnFirstUse(r"[账帐户卡折]")


def _the_accounts_own_lines_after(after: str) -> str:
    pieces = _PIECES.split(after)
    kept = pieces[:1]
    for piece in pieces[1:]:
        if _SENTENCE_END.search(piece) and not _FORM_LINE.match(piece) and not _NAMES_AN_ACCOUNT.search(piece):
            break
        kept.append(piece)
    return "\n".join(kept)


# What sets a second name apart on a holder's line: blanks (an entity's too: its ; ends no clause), emphasis's marks.
_BLANK_ENTITY = _CompiledOnFirstUse(r"&(?:nbsp|ensp|emsp|#160|#x0*a0|#12288|#x3000);|<[^<>]{0,80}>", re.I)   # a tag sets apart too
_NAME_GAP = _CompiledOnFirstUse(r"[ \t\u3000\u00a0*_]+")
_CLAUSE_END = _CompiledOnFirstUse(r"[，,；;。|\n]")
# A name of two to four Han characters, or one written with the interpunct between its parts as names of the
# Uyghur, Kazakh, Tibetan… and transliterated names are (买买提·艾力, 阿依古丽•买买提): round 34a found such a name after the
# agency's holder, before the label or in brackets after the number read as no name.
_PERSONS_NAME = _CompiledOnFirstUse(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:[·•・‧∙⋅][\u4e00-\u9fff]{1,8}){1,3}")
_LABEL_WORD = _CompiledOnFirstUse(r"[账帐号户行银址话码额期款]|联系|经办|备注|用途|盖章|公章")


def _with_names_after(label: re.Match, text: str) -> str:
    """The holder a label names, and each name written after it on its clause with a blank, an entity or emphasis
    between, listed (、) for names_an_organisation: round 32a found 户名：测试县财政局 王建国 (or 　, &nbsp;,
    **测试县财政局**王建国) published as the agency's account. A label's word (开户行, 账号) or the next label is none."""
    clause = _CLAUSE_END.split(_names_unspaced(_BLANK_ENTITY.sub(" ", text[label.start(1):label.start(1) + 80])), maxsplit=1)[0]
    words = _NAME_GAP.split(clause)
    names = []
    for word in words[1:]:
        if any(colon in word for colon in "：:∶︰"):
            break
        if _PERSONS_NAME.fullmatch(word) and not _LABEL_WORD.search(word):
            names.append(word)
    return "、".join([words[0], *names])


def _the_accounts_own_lines(before: str, reach: str, labels: list[re.Match]) -> str:
    """What is read before the number for a person's words: from the clause of its first holder label on (个人户名：
    is read whole), when that is within `before`. The sentence that introduces the account is the agency's
    (欢迎社会各界爱心单位和个人捐款，捐款账户如下：户名：测试县红十字会…, 请申请人将费用缴入以下账户：户名：…): round 31a found
    it refused as a person's card."""
    if not labels or labels[0].start() >= len(reach):
        return before
    clause = max(reach.rfind(mark, 0, labels[0].start()) for mark in _CLAUSE_ENDS) + 1
    return before[max(0, len(before) - (len(reach) - clause)):]


_CLAUSE_ENDS = ("\n", "。", "；", ";", "：", ":", "！", "？", "，", ",")


def names_an_organisation(holder: str) -> bool:
    """Whether a 户名 as written names an organisation: its name (before any bracket: 测试县财政局（国库支付中心）) ends
    as one does and is an organisation's full name, five characters or a place's four (测试县财政局, 县财政局), where a
    person's name is two to four (王建社, 欧阳建社: 社 ends 合作社 too) and a person is named with an organisation in
    brackets (张三（测试县人民医院）). Holders listed together (测试县财政局、王建国; 测试县财政局/王建国) must each be one:
    round 30e read the first alone, and a person written after the agency let the card through (round 31a)."""
    listed = re.split(r"[/／、]", re.split(r"[<&＆]", holder, maxsplit=1)[0])   # markup and an entity (&nbsp;) end it
    return all(map(_an_organisations_name, listed))


def _an_organisations_name(holder: str) -> bool:
    # a company's name may hold its place in brackets (阿里巴巴（中国）有限公司): its name is the whole
    name = holder if _A_COMPANY.fullmatch(holder) else re.split(r"[（(【\[「『〔]", holder, maxsplit=1)[0].rstrip("）)】]」』”’\"'")
    return (bool(_NATIONAL_BODY.fullmatch(name)) or _ends_and_begins_as_one(name) or bool(_A_SCHOOL_OR_COMPANY.fullmatch(name))) \
        and not _a_person_joined(name) and not _a_person_after(name) and not _a_person_in_the_accounts_name(name) \
        and not _a_person_in_brackets(holder)


def _ends_and_begins_as_one(name: str) -> bool:
    return bool(_ORGANISATION.fullmatch(name)) and (len(name) >= 5 or len(name) == 4 and bool(_PLACE.search(name) or _A_PROVINCE_FIRST.match(name))) \
        and bool(_ORGANISATIONS_START.match(name))   # 浙江大学: four characters, the province's name first


# A university and a company are named without a place (清华大学, 复旦大学, 武汉大学, 华为技术有限公司, 某某科技有限公司,
# 阿里巴巴（中国）有限公司): round 36b found their accounts refused as persons' cards. A university's name is two characters
# (武汉大学: no person is named so), or more that do not begin with a surname, or two and a discipline (温州医科大学); a
# company's is four characters or more before 有限公司 with no word joining two holders (王建国有限公司 and 王建国和某某
# 有限公司 are a person's). A person glued before a company's trade name is read as the company (no list of trade names).
_DISCIPLINES = ("科技|理工|工业|工程|工商|医科|医学|中医药|中医|药科|师范|农业|农林|林业|财经|财贸|政法|外国语|外语|交通|电子科技|"
                "职业技术|职业|艺术|体育|民族|警察|海洋|石油|航空|矿业|建筑|传媒|音乐|美术|商学|经济|信息|城市")
_A_UNIVERSITY = (f"(?:(?!{_SURNAMES})[\u4e00-\u9fff]{{2,6}}|[\u4e00-\u9fff]{{2}}(?:{_DISCIPLINES})?)(?:大学|学院)"
                 "(?:[\u4e00-\u9fff]{2,12}?(?:学院|医院|研究院|研究所|中心|处|部|系))?")
_TRADE_NAME = r"[^、（()）\s<&]"
# 和, 及, 与 stand in trade names (美和, 中和), 代 too (某某招标代理有限公司, whose accounts take tenders' deposits): a person
# before the company is read by a name and such a word right after it (王建国和…, 王建国代…, 张三的…).
_A_COMPANY = _CompiledOnFirstUse(f"(?!(?:{_SURNAMES})[\u4e00-\u9fff]{{1,2}}?(?:和|及|与|代(?!理)|在|的))(?:{_TRADE_NAME}{{4,24}}?|{_TRADE_NAME}{{2,24}}?[（(][\u4e00-\u9fff]{{2,4}}[）)]{_TRADE_NAME}{{0,16}}?)"
                        "(?:股份|集团)?有限(?:责任)?公司(?:[\u4e00-\u9fff]{2,12}?分公司)?")
_A_SCHOOL_OR_COMPANY = _CompiledOnFirstUse(f"{_A_UNIVERSITY}|{_A_COMPANY.pattern}")


# A person named in an account's name, between the agency or its place and the account's word (测试县王建国专户,
# 测试县财政局王小会账户): round 36b left it. A name of three characters (a surname and two) or a compound surname's: two
# (计生专户, 康复专户, 房改专户, 农保专户) are a fund's short name as often; a fund's word (安置房, 农民工) is none.
_ACCOUNTS_NAME_ENDING = _CompiledOnFirstUse("(?:的|之)?(?:个人|本人|家庭|家属|同志|先生|女士)?"   # 测试县王建国的专户, …家庭专户
                                            "(?:专户|专用账户|账户|帐户|存款户|结算户|收入户|支出户|户)$")
_A_FUNDS_WORD = _CompiledOnFirstUse("[房工粮险贷]")


def _a_person_in_the_accounts_name(name: str) -> bool:
    ending = _ACCOUNTS_NAME_ENDING.search(name)
    return ending is not None and _a_person_after(name[:ending.start()], shortest=3)


# A person written after the agency, glued to it or joined by whom it is collected for or passed to (测试县财政局王小会,
# 测试县财政局王建社, 测试县财政局代收王小会, 测试县财政局转王小会): the whole ends in 会 or 社 as an organisation does, and
# round 36b found the person's card published as the agency's account. A person is there when what comes before is an
# organisation's full name and what follows a surname and a given name (党委, 车管所, 计生协会 are no names).
_COLLECTED_FOR = "(?:代收|代付|代|转交|转付|转|交|付给|给|即|收)"
_COLLECTED_FOR_FIRST = _CompiledOnFirstUse(f"^{_COLLECTED_FOR}")


def _a_person_after(name: str, shortest: int = 2) -> bool:
    return any(len(glued := _COLLECTED_FOR_FIRST.sub("", name[end:])) >= shortest and _a_glued_name(glued)
               and not (shortest > 2 and _A_FUNDS_WORD.search(glued[1:])) and _an_organisation_or_place(name[:end])
               for end in range(2, len(name) - 1) if len(name) - end <= 6)   # a joining word and a name: six at most


def _a_glued_name(words: str) -> bool:
    """A surname and a given name (王小会), a compound surname's too (欧阳小会), but a body's short name (文联, 科协,
    史学会, 温商会, 侨联: 测试县文联 is the federation)."""
    return (_a_surnamed_name(words) or bool(_COMPOUND_SURNAMED.fullmatch(words))) and not _A_BODYS_SHORT_NAME.search(words)


_A_BODYS_SHORT_NAME = _CompiledOnFirstUse("(?:联|协|学会|商会|促会|总会)$")


_COMPOUND_SURNAMED = _CompiledOnFirstUse(f"(?:{_COMPOUND_SURNAMES})[\u4e00-\u9fff]{{1,2}}")


# A person named in the holder's brackets as the one collected for (测试县财政局（代收王建国）, (代王建国), （王建国代收）):
# round 36b found the card published as the agency's account (（收款人王建国） was read since round 34a, by its label).
_BRACKETED = _CompiledOnFirstUse(r"[（(【\[「『〔]([^（()）【】\[\]「」『』〔〕]{2,12})[）)】\]」』〕]")   # 「王小会」 as a corner bracket quotes it
_COLLECTING_WORDS = _CompiledOnFirstUse(f"^{_COLLECTED_FOR}|(?:代收|代付|代管|收款|领取|收取|收|领)$")   # （王建国收）


def _a_person_in_brackets(holder: str) -> bool:
    return any(_a_whole_persons_name(_COLLECTING_WORDS.sub("", inside)) and not _A_PLACE_IN_BRACKETS.fullmatch(inside)
               for inside in _BRACKETED.findall(holder))


# How an organisation's full name begins: with its place (测试县财政局, 浙江省…, 乌鲁木齐市…, 新疆维吾尔自治区…), a zone
# (测试经济技术开发区…), or as a national body's, the armed forces' or a bank's does (国家金库测试县支库, 中国农业银行测试县支行,
# 中共测试县委组织部, 共青团测试县委员会, 武警…). A holder is an organisation's name as a whole, from its first character:
# round 36a found a person written before the agency (王建国和测试县财政局, 王建国代测试县财政局, 王建国所在测试县财政局)
# read as one organisation ending as one does, and the person's card published as the agency's account. A place comes
# within a name's first five characters (黑龙江省, 石家庄市), or after four that do not begin with a surname (呼和浩特市,
# 乌鲁木齐市, 锡林郭勒盟, 大兴安岭地区; of the four-character cities only 齐齐哈尔 does: 张三测试县财政局 is a person's name
# before the place); 市场 is no place (王建国市场监督管理局).
_A_PLACE = r"(?:[省县区州旗盟镇乡村]|市(?!场))"
# Three characters before the place that begin with a surname are a person's name (王建国村委会, 王建国县财政局: round 36b
# left them; the four-character rule below reads 张三测试县 so) unless they are written as places are: a family's place
# (王家庄村, 石家庄市, 张家口市) or one ending in a word of the land (马鞍山市, 连云港市, 秦皇岛市, 高碑店市, 刘王庄村).
_LAND_WORDS = "庄湾坝寨屯营店堡岗沟桥河山岭坪塘坑口头园林田集铺场楼港岛洲城门峪湖滩洼井圩垸寺庙关江溪泉岙埠墩渡界坎坡埔峰岩洞浦潭泽源窑坊围子"
_A_PERSON_BEFORE_A_PLACE = (f"(?:{_SURNAMES})(?!家)[\u4e00-\u9fff](?![{_LAND_WORDS}省县区州旗盟镇乡村市])[\u4e00-\u9fff]"
                            f"{_A_PLACE}")
# A national ministry is named without a place (人力资源和社会保障部, 财政部, 审计署), a university or a company by its
# province (浙江大学, 上海交通大学, 浙江某某有限公司), a democratic party's committee by the party (九三学社测试县委员会):
# round 36b found their accounts refused as persons' cards (a false E400 since round 36a, or since the five characters).
# Each is a closed list, as the places are: a person's name is none of them.
_MINISTRIES = ("外交|国防|教育|科学技术|工业和信息化|公安|国家安全|民政|司法|财政|人力资源和社会保障|自然资源|生态环境|住房和城乡建设"
               "|交通运输|水利|农业农村|商务|文化和旅游|退役军人事务|应急管理")
_NATIONAL_BODY = _CompiledOnFirstUse(f"(?:{_MINISTRIES})部|审计署|海关总署")
_PROVINCES_NAMED = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州"
                    "|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆")
_A_PROVINCE_FIRST = _CompiledOnFirstUse(f"(?:{_PROVINCES_NAMED})")
_PARTIES = "九三学社|民革|民盟|民建|民进|农工党|致公党|台盟"
_ORGANISATIONS_START = _CompiledOnFirstUse(rf"(?:{_NATIONAL_BODY.pattern}|{_PROVINCES_NAMED}|{_PARTIES}|中央|中国|中共|中华|国家|全国|共青团|(?:{'|'.join(_BANKS)})银行"
                                  rf"|(?!{_A_PERSON_BEFORE_A_PLACE}).{{0,3}}?{_A_PLACE}|(?:(?!{_SURNAMES}).{{4}}|齐齐哈尔){_A_PLACE}|.{{1,8}}?自治[区州县旗]"
                                  rf"|(?!{_SURNAMES}).{{2,4}}地区"   # 大兴安岭地区
                                  r"|[^和及与代在的、]{0,8}?(?:开发区|新区|园区|示范区|试验区|保税区|自贸区)|武警|解放军|人民解放军)")


# A place alone before the name is no organisation either (测试县王小会, 浙江王小会: a person glued after the place), nor
# a national body's first word (中华王小会, 中国王小会: round 36b left it).
_A_PLACE_ALONE = _CompiledOnFirstUse(rf"(?:.{{0,8}}?{_A_PLACE}|{_PROVINCES_NAMED}|中华|中国|中央|国家|全国|中共)")


# A place in the holder's brackets is the branch's or the district's (温州市财政局（龙湾）, 测试县财政局（江南）, （安徽）):
# round 34a read it as a person's name (a false E400, round 36b left it). A province, or two characters ending as a
# place's short name does (湾, 港, 城, 南, 北 …; 王林, 刘峰 stay names).
_A_PLACE_IN_BRACKETS = _CompiledOnFirstUse(f"{_PROVINCES_NAMED}|中国|[\u4e00-\u9fff][湾港岛洲城州口南北塘滩桥浦]")


def _an_organisation_or_place(words: str) -> bool:
    return bool(_A_PLACE_ALONE.fullmatch(words)) or _an_organisations_name(words)


# 和, 及, 与 join two holders (测试县财政局和王小会: the whole ends in 会 as an organisation does, and the person's card
# was published as the agency's account, round 33c) and stand inside a department's name (住房和城乡建设局, 人力资源和
# 社会保障局, 教育和体育局): a person is joined where what comes before is an organisation's full name and after it two
# to four Han characters that do not end as a department does (水利局, 档案馆 are departments).
_JOINED = _CompiledOnFirstUse(r"(.+)[和及与]([\u4e00-\u9fff]{2,4})")
_DEPARTMENT_ENDING = _CompiledOnFirstUse(f"(?:{_BODYS_ENDINGS}|办|支库|支行|单位|机构|组织|[总协学商工善进究联]会)$")


def _a_person_joined(name: str) -> bool:
    joined = _JOINED.fullmatch(name)
    return joined is not None and _an_organisations_name(joined[1]) and not _DEPARTMENT_ENDING.search(joined[2])


def _lookalikes_read(text: str) -> list[tuple[str, list[int]]]:
    """The stretches of `text` that hold eleven digits or more once letters written for digits count as digits,
    and hold such a letter touching a digit: each with its context, those letters read as the digits where no
    other letter touches their stretch, and where its characters are written. Found with the candidates' own
    patterns (one scan: a page's markup has such letters by digits everywhere, in an icon's path: 4.23l.27)."""
    parts = []
    for candidate in (_LOOKALIKE_CANDIDATE if _has_markup(text) else _LOOKALIKE_PLAIN_CANDIDATE).finditer(text):
        if _HAS_LOOKALIKE.search(candidate.group()):
            start, end = max(0, candidate.start() - _CONTEXT), min(len(text), candidate.end() + _CONTEXT)
            read = _LOOKALIKE_STRETCH.sub(lambda m: "".join(LOOKALIKE_DIGITS.get(char, char) for char in m.group()),
                                          text[start:end])
            parts.append((read, list(range(start, end))))
    return parts


def _circled_spelled_out(text: str) -> tuple[str, list[int]] | None:
    """`text` with each two-digit circled number written as its digits, and for each character where it is
    written in `text`; None when it has none (nearly every text)."""
    if not _HAS_CIRCLED_NUMBER.search(text):
        return None
    return read_in_place(text, _HAS_CIRCLED_NUMBER, lambda circled: [(digit, circled.start())
                                                                     for digit in CIRCLED_NUMBERS[circled.group()]])


def masked_text(text: str, today: dt.date) -> str:
    """`text` with each personal datum in it shown masked: for names a report prints (a sheet, a file in an archive).
    Character references to digits are shown as what they are first: masked as written, their rest was printed."""
    if (shown := _references_shown(text)) is not None:
        text = shown[0]
    for finding in reversed(find_personal_info(text, today)):
        digits = [(i, d) for i, char in enumerate(text) if i >= finding.start
                  for d in CIRCLED_NUMBERS.get(char) or LOOKALIKE_DIGITS.get(char) or _SMUGGLED_DIGITS.get(char)
                  or fold(char, numerals=True)[0]
                  if d.isdigit() or d in "Xx"]
        written = "".join(d for _, d in digits).upper()
        prefix = next((p for p in ("", *_COUNTRY_PREFIXES) if written.startswith(p + finding.value)), "")
        last = len(prefix) + len(finding.value) - 1
        end = digits[last][0] + 1 if last < len(digits) else len(text)
        text = text[:finding.start] + finding.masked + text[end:]
    return text


def may_hold_personal_info(text: str, disguised: bool = True) -> bool:
    """False when `text` has no stretch of eleven digits (or Chinese numerals) at all: most documents, decided fast
    (`disguised`: as `find_personal_info`)."""
    circled_or_carried = (_CIRCLED_OR_CARRIED if disguised else _HAS_CIRCLED_NUMBER).search(text)   # most have neither
    spelled = _circled_spelled_out(text) if circled_or_carried else None
    parts = _lookalikes_read(text) if disguised and _LOOKALIKE_NEAR_DIGIT.search(text) else []
    decoded = smuggled_read(text) if disguised and circled_or_carried else None
    markup = _has_markup(text)   # one scan for both readings of `text`
    return (_any_candidate(text, markup)
            or spelled is not None and next(_candidates(spelled[0], numerals=True), None) is not None
            or any(next(_candidates(part), None) is not None for part, _ in parts)
            or decoded is not None and next(_candidates(decoded[0]), None) is not None
            or any(shown is not None and may_hold_personal_info(shown[0], disguised) for shown in _shown_readings(text)))


def allowance_key(value: str, today: dt.date) -> str:
    """An allowance matches by the digits a reader sees, however either side is written."""
    found = find_personal_info(value, today)
    if found:
        return found[0].digits
    folded, _ = fold(value)
    return "".join(char for char in folded if char.isdigit() or char in "Xx").upper()


# --- Reports ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A text that reaches the site, with where it comes from for the report."""
    line: int                 # the source line its first character is on
    text: str
    where: str = ""           # e.g. "附件“名单.xlsx”工作表 Sheet1 单元格 B3："; "" for the file itself
    multiline: bool = True    # False: every finding is on `line` (an attachment's text)
    where_line: int = 0       # > 0: `where` names a part whose text starts on this line; 第N行 is added
    around: tuple[str, str] = ("", "")   # an attachment's texts beside this one, for an account's labels (`Piece.around`)

    def place(self, offset: int) -> str:
        """`where` of a finding at `offset` in the text."""
        if not self.where_line:
            return self.where
        return f"{self.where}第{self.where_line + self.text.count(chr(10), 0, offset)}行："


def personal_info_diagnostics(path: str, texts: Iterable[tuple[int, str] | Source], allowances: list[Allowance],
                              today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum in `texts` ((first line, text) pairs or `Source`s); I400 for each allowance used,
    and for each card-shaped number published as an organisation's own account (no reviewer should miss one)."""
    sources = [text if isinstance(text, Source) else Source(*text) for text in texts]
    if not may_hold_personal_info("\x00".join(source.text for source in sources)):
        return []  # most documents: decided in one pass ("\x00" joins no number across two texts)
    sources = [source for source in sources if may_hold_personal_info(source.text)]
    allowed = {allowance_key(a.value, today): a for a in allowances}
    problems, used, accounts = [], {}, []
    for source in sources:
        for finding in _every_finding(source.text, today, True):
            line = source.line + (source.text.count("\n", 0, finding.start) if source.multiline else 0)
            if _own_account(source.text, finding, source.around):   # published, and named, so that a reviewer sees what the label let through
                accounts.append(I400.at(path, line, f"{source.place(finding.start)}{finding.masked} 按本单位的对公账户发布（标为账号，"
                                                    "户名是单位）；如果是个人的银行卡号，请删除或打码"))
                continue
            allowance = allowed.get(finding.digits)
            if allowance:
                used[allowance.value] = (allowance, finding)
                continue
            problems.append(E400.at(path, line, f"{source.place(finding.start)}疑似{finding.label} {finding.masked}，"
                                       "公开文件不得含有个人信息；请删除或打码（只留前后几位，如 "
                                       f"{finding.masked}）；确需公开的，在文件头 allow_personal_info 中写明号码和理由"))
    problems += [I400.at(path, allowance.line, f"已豁免{finding.label} {finding.masked}，理由：{allowance.reason}")
                 for allowance, finding in used.values()]
    return problems + accounts
