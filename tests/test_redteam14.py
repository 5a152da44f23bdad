"""Round fourteen of the adversarial review (issue 24): a careless or hostile editor writing content/, a webmaster
importing an old CMS's saved pages, a compromised department CI job handing its output to the merge. Each test
goes through the real path (`mkdocs build`) and failed on main before its fix.

Personal data (privacy/numbers.py) —
- fixed: an ID number's check digit X written with what a reader takes for it: the Cyrillic Х/х and Greek Χ/χ a
  copy from another system brings, the multiplication sign × and the crosses ✕ ⨯ ╳ an input method or Word's
  symbol table gives (the full-width Ｘ and the Roman numeral Ⅹ were read already, through NFKC). And a mobile with
  an X glued after it (13800138000x, 13800138000×2) was read as a group ending in an X no ID had: no line. Now the
  digits before such an X are read as the number they are.
- held (tried, no change): superscript, subscript, mathematical and segmented digits, keycaps, the Hangul filler,
  Ogham and braille blanks, Mongolian and Khmer marks, word joiners between groups; not joined by design (a list
  of figures, not one number): commas, colons, slashes, 、, arrows, bullets, ～ and 〜 between groups.
"""

from __future__ import annotations

from .sitekit import build, paired_policy, policy, write_site

# --- personal data: an ID number's X and the X after a mobile (E400) ------------------------------------

ID_WITH_X = "11010119900307002X"   # a valid 身份证号 (check digit X), fictional
WRITTEN_X = {   # case → a body line (a paragraph of its own)
    "the Cyrillic Ha": f"身份证号：{ID_WITH_X[:-1]}Х。",
    "the small Cyrillic ha": f"身份证号：{ID_WITH_X[:-1]}х。",
    "the Greek Chi": f"身份证号：{ID_WITH_X[:-1]}Χ。",
    "the multiplication sign, grouped": f"身份证号：{ID_WITH_X[:6]} {ID_WITH_X[6:14]} {ID_WITH_X[14:-1]}×。",
    "a cross": f"身份证号：{ID_WITH_X[:-1]}✕。",
    "a mobile with an x after it": "联系电话：13800138000x。",
    "a mobile times two": "联系电话：13800138000×2。",
}
HELD_X = ["规格为 2×3 米，共 12×4 件。", "型号 ISO 9001×2 的设备。"]


def test_an_id_numbers_x_written_with_a_look_alike_is_refused(tmp_path):
    """One build, each case refused on its line (on main none was); sizes written with × are not numbers."""
    source = policy(body="\n\n".join([*WRITTEN_X.values(), *HELD_X]) + "\n")
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": source}))
    lines = source.split("\n")
    refused = {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E400 " in line}
    expected = {case: lines.index(text) + 1 for case, text in WRITTEN_X.items()}
    assert {case for case, line in expected.items() if line not in refused} == set(), run.output
    assert refused == set(expected.values()), run.output
    assert run.returncode != 0 and not (tmp_path / "site").exists()
