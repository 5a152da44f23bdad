"""text/controls.py: the quick test before `_DIRECTION`'s scan decides as the scan does."""

from __future__ import annotations

import sys

import pytest

from disclosure.text import controls


def test_the_quick_test_names_every_character_the_expression_finds():
    """`_may_change_direction` looks for `_DIRECTION_CHARACTERS` and "&#": any other character the expression's
    class matched (a case variant under re.I) would be missed."""
    matched = {chr(point) for point in range(sys.maxunicode + 1) if controls._DIRECTION.fullmatch(chr(point))}
    assert matched == set(controls._DIRECTION_CHARACTERS)


@pytest.mark.parametrize("text", ["普通文字 0000-12345678", "\u202e开公予不件此\u202c", "a\u2066b", "&#x202E;x", "&#X202e",
                                  "&#8238;y", "&amp;#8238", "&#65;", "末尾\u2069"])
def test_direction_controls_and_shown_in_order_as_the_expression_reads(text):
    found = list(dict.fromkeys(f"U+{controls._code_point(m.group()):04X}" for m in controls._DIRECTION.finditer(text)))
    assert controls.direction_controls(text) == found
    assert controls.shown_in_order(text) == controls._DIRECTION.sub("", controls.overrides_shown(text))
