"""The marker a browser draws before an item of an ordered list, as the saved page sets it.

A CMS's editor numbers a list otherwise than 1, 2, 3: `<li value="7">` (a list continued after a paragraph), `<ol
type="a">`, `<ol reversed>`, `style="list-style-type:cjk-ideographic"` (一、二、), `list-style:none` (the numbers are in
the text). markdownify numbers every item from the list's start by its place, so the page showed 7. 8. and the
imported document published 1. 2. (the site prints a list's numbers as written). Here each item's marker is worked
out as the HTML standard's ordinal values and CSS's counter styles give it: from the item's own `value`, the list's
`start` and `reversed`, and the `type` or inline `list-style(-type)` of the item, else of its list.
"""

from __future__ import annotations

import re

from bs4 import Tag

from ..text.markup import css_unescaped

_INTEGER = re.compile(r"\s*([+-]?\d{1,9})")
_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_LIST_STYLE = re.compile(r"(?<![\w-])list-style(?:-type)?\s*:\s*([^;}]*)", re.I)
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
          (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_HAN_DIGITS = "零一二三四五六七八九"
_FORMAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def item_marker(item: Tag) -> str | None:
    """What a browser draws before `item` (an <li> of an <ol>): `7.`, `b.`, `iv.`, `一、`; "" for none; None for an item
    the browser marks with a bullet (an <ol> styled disc), left to markdownify."""
    style = _style(item) or _style(item.parent) or "decimal"
    if style == "none":
        return ""
    number = _ordinal(item)
    shown = _COUNTERS.get(style, _decimal)(number)
    if shown is None:
        return None if style in _BULLETS else f"{number}."   # CSS: a counter out of its style's range falls back to decimal
    return shown


def _style(element: Tag | None) -> str | None:
    """The element's list style: its inline `list-style(-type)` (the cascade's last word here), else its `type`."""
    if element is None:
        return None
    for declaration in reversed(_LIST_STYLE.findall(css_unescaped(element.get("style") or ""))):
        for word in declaration.lower().split():
            if word in _COUNTERS or word in _BULLETS or word == "none":
                return word
    kind = element.get("type")
    return _TYPES.get(kind.strip()) if isinstance(kind, str) else None


def _ordinal(item: Tag) -> int:
    """The item's ordinal value (HTML's "ordinal value" of a list item): the list's start (for a reversed list, its
    number of items), counting up (down) item by item, an item's `value` setting it."""
    siblings = [child for child in item.parent.find_all("li", recursive=False)] if item.parent else [item]
    reversed_list = item.parent is not None and item.parent.has_attr("reversed")
    start = _integer(item.parent.get("start")) if item.parent is not None else None
    number = start if start is not None else (len(siblings) if reversed_list else 1)
    for sibling in siblings:
        own = _integer(sibling.get("value"))
        number = own if own is not None else number
        if sibling is item:
            return number
        number += -1 if reversed_list else 1
    return number


def _integer(value) -> int | None:
    match = _INTEGER.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def _decimal(number: int) -> str:
    return f"{number}."


def _leading_zero(number: int) -> str:
    return f"{number:02d}." if number >= 0 else f"-{-number:02d}."


def _alphabetic(number: int) -> str | None:
    if number < 1:
        return None
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(number: int) -> str | None:
    if not 1 <= number <= 3999:
        return None
    letters = ""
    for value, written in _ROMAN:
        count, number = divmod(number, value)
        letters += written * count
    return letters


def _han(number: int, digits: str = _HAN_DIGITS, units: str = "十百千") -> str | None:
    """A count in Chinese numerals as CSS's simp-chinese-informal writes it (十一, 一百零一), up to 9999."""
    if not 0 <= number <= 9999:
        return None
    if number < 10:
        return digits[number]
    written, zero = "", False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = number // value % 10
        if digit:
            written += (digits[0] if zero else "") + digits[digit] + unit
            zero = False
        elif written:
            zero = True
    return written[1:] if written.startswith(digits[1] + units[0]) and units[0] == "十" else written


def _cjk_decimal(number: int) -> str | None:
    return "".join(_HAN_DIGITS[int(digit)] if digit != "0" else "〇" for digit in str(number)) if number >= 0 else None


def _suffixed(count, suffix: str, case=str):
    def shown(number: int) -> str | None:
        written = count(number)
        return None if written is None else case(written) + suffix
    return shown


_COUNTERS = {
    "decimal": _decimal, "decimal-leading-zero": _leading_zero,
    "lower-alpha": _suffixed(_alphabetic, "."), "lower-latin": _suffixed(_alphabetic, "."),
    "upper-alpha": _suffixed(_alphabetic, ".", str.upper), "upper-latin": _suffixed(_alphabetic, ".", str.upper),
    "lower-roman": _suffixed(_roman, "."), "upper-roman": _suffixed(_roman, ".", str.upper),
    "cjk-ideographic": _suffixed(_han, "、"), "simp-chinese-informal": _suffixed(_han, "、"),
    "trad-chinese-informal": _suffixed(_han, "、"), "cjk-decimal": _suffixed(_cjk_decimal, "、"),
    "simp-chinese-formal": _suffixed(lambda number: _han(number, _FORMAL_DIGITS, "拾佰仟"), "、"),
}
_BULLETS = frozenset({"disc", "circle", "square", "disclosure-open", "disclosure-closed"})
