"""Round four of the adversarial review (issue 24): a careless or hostile editor with content/, mkdocs.yml,
catalogue.yaml and attachments; a compromised department CI job that seals its own build/units/<id>/; a
folder of saved pages handed to the importer. Each test goes through the real path (MkDocs build,
`disclosure check`, `disclosure merge`, `disclosure import`) and failed on main before its fix.

Tried and held (no test added; the gate already refused it, or the attempt did not reach readers):
HELD_PLACEHOLDER
"""

from __future__ import annotations

import pytest

from .sitekit import build, paired_policy, policy, write_site

MOBILE = "13800138000"
ID = "110101199003077715"


def _groups(number: str, between: str) -> str:
    """138·0013·8000 (an ID 110101·19900307·7715) with `between` at each dot."""
    sizes = (3, 4, 4) if len(number) == 11 else (6, 8, 4)
    first, second = sizes[0], sizes[0] + sizes[1]
    return between.join((number[:first], number[first:second], number[second:]))


# --- (a) an editor: digits a browser shows as one number, joined by what it draws as nothing ----------
# The scan took zero-width spaces and joiners, the soft hyphen and U+2060 for nothing, but not the
# other characters a browser draws as nothing: direction marks and isolates, invisible operators,
# variation selectors (an emoji keycap 1️⃣ is a digit, U+FE0F and U+20E3); entities longer than eight
# letters (&ZeroWidthSpace;) and references without their semicolon (&#49, &nbsp) were not read either.
# And the rendered page's text took an <img> (a tiny picture between the groups) for a block.
INVISIBLE = {
    "left-to-right marks": _groups(MOBILE, "\u200e"),
    "direction isolates": "138\u20660013\u20698000",
    "an embedding": "\u202a138\u202c0013\u202a8000\u202c",
    "invisible separators": _groups(ID, "\u2063"),
    "emoji keycaps": "".join(digit + "\ufe0f\u20e3" for digit in MOBILE),
    "variation selectors of the supplement": "".join(digit + "\U000e0100" for digit in MOBILE),
    "Arabic letter mark": _groups(MOBILE, "\u061c"),
    "a long entity name": _groups(MOBILE, "&ZeroWidthSpace;"),
    "an entity without its semicolon": _groups(MOBILE, "&nbsp"),
    "character references without semicolons": "<span>" + "".join(f"&#{ord(d)}" for d in ID) + "</span>",
    "a picture between the groups": _groups(MOBILE, '<img src="files/dot.png" alt="">'),
    "a Markdown picture between the groups": _groups(MOBILE, "![](files/dot.png)"),
}

DOT = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.mark.parametrize("written", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_number_joined_by_what_a_browser_draws_as_nothing_is_refused(tmp_path, written):
    files = {**paired_policy(), "policies/a.md": policy(body=f"第一条 说明。\n\n联系人 {written}，请联系。\n"),
             "policies/files/dot.png": DOT}
    root = write_site(tmp_path, files)
    run = build(root)
    assert run.returncode != 0 and any(line.startswith("content/policies/a.md:") and " E400 " in line
                                       for line in run.coded_lines()), run.output
    assert "Traceback" not in run.output


def test_direction_marks_and_pictures_in_ordinary_text_pass(tmp_path):
    """Figures of a table row with a picture between, a direction mark in a date: no personal data."""
    body = ("第一条 说明。\n\n2024\u200e年 138 户，0013 批 ![](files/dot.png) 8000 元。\n\n"
            "备案号 京ICP备\u200e12345678号，图 ![](files/dot.png) 示。\n")
    files = {**paired_policy(), "policies/a.md": policy(body=body), "policies/files/dot.png": DOT}
    run = build(write_site(tmp_path, files))
    assert run.returncode == 0, run.output
