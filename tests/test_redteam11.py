"""Round eleven of the adversarial review (issue 24): round eight's fixes and the importer's new parse
(BrowserClosingSoup, 0a25255) attacked by a hostile editor importing saved CMS pages. Each test goes through
the real `disclosure import` and failed on main before its fix, unless marked held.

The page's mode (importer/htmlpage.py `_quirks`) —
- fixed: a long comment before the doctype (4 MB of "- "): html5lib builds a comment's text piece by piece,
  quadratic in its length — 90 s of CPU for one page, the 8 MB the import accepts minutes more. The comments
  and blanks before the first token are now skipped in one scan, and html5lib reads at most 4 KB after them
  (a longer doctype is read as quirks mode, where more rules hide);
- held: a doctype inside a comment, an ideographic space or an `<?xml?>` before it, a GBK page, a BOM.
The parse (importer/body.py BrowserClosingSoup) —
- fixed: in quirks mode (no doctype: most saved CMS pages) a `<table>` does not close an open `<p>`; the parse
  closed it, so a table inside a hidden paragraph (`<p style="display:none">…<table>`) became visible and
  its text was imported. In standards mode the browser does close it (the table shows, and is imported).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .sitekit import _run, write_site
from .test_redteam4 import SAVED

NOTE = "审核意见：拟对该仓库罚款三十万元"
LEGACY = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n'
HIDDEN_BZ = ("<style>.BZ{display:none}</style>", f'<p class="bz">{NOTE}</p>')   # hides only in quirks mode
TABLE_IN_HIDDEN_P = ("", f'<p style="display:none">附：<table><tr><td>{NOTE}</td><td>甲</td></tr>'
                         '<tr><td>乙</td><td>丙</td></tr></table></p>')
SAVED_PAGES = {   # before the page, (head, hidden), encoding, whether a browser hides the note
    # fixed
    "a table inside a hidden paragraph, quirks mode": ("", TABLE_IN_HIDDEN_P, "utf-8", True),
    "4 MB of a comment before the doctype": ("<!--" + "- " * 2_000_000 + "-->" + LEGACY, HIDDEN_BZ, "utf-8", True),
    "a doctype longer than any real one": ('<!DOCTYPE html SYSTEM "' + " " * 5000 + '">', HIDDEN_BZ, "utf-8", True),
    # held
    "a doctype inside a comment": ("<!-- <!DOCTYPE html> -->\n", HIDDEN_BZ, "utf-8", True),
    "an ideographic space before the doctype": ("\u3000<!DOCTYPE html>", HIDDEN_BZ, "utf-8", True),
    "a legacy doctype, saved as GBK": (LEGACY, HIDDEN_BZ, "gbk", True),
    "a byte-order mark, no doctype": ("\ufeff", HIDDEN_BZ, "utf-8", True),
    # kept: a browser shows these
    "a table inside a hidden paragraph, standards mode": ("<!DOCTYPE html>", TABLE_IN_HIDDEN_P, "utf-8", False),
    "a processing instruction and a comment before the doctype": (
        '<?xml version="1.0"?>\n<!-- saved --!>\n<!DOCTYPE html>', HIDDEN_BZ, "utf-8", False),
    "a byte-order mark before the doctype": ("\ufeff<!DOCTYPE html>", HIDDEN_BZ, "utf-8", False),
}


def test_a_saved_page_keeps_only_what_a_browser_shows(tmp_path):
    """One import of a folder of saved pages, one per case, within a hang bound (the 4 MB comment took 90 s
    of CPU before; now well under a second)."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, front_and_body, report_of
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "old"
    pages.mkdir()
    for number, (before, (head, hidden), encoding, _) in enumerate(SAVED_PAGES.values()):
        page = before + SAVED.format(hidden=hidden).replace("<title>", head + "<title>", 1).replace(
            'charset="utf-8"', f'charset="{encoding}"').replace(
            "2025-00600", f"2025-{601 + number:05d}").replace("情况的通报", f"情况的通报（{number}）")
        (pages / f"p{number}.html").write_bytes(page.encode(encoding))
    try:   # a hang bound, not a timing
        done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(pages), "--type", "notice",
                     "--report", "r.json"], root, timeout=40)
    except subprocess.TimeoutExpired:
        pytest.fail("the import did not end within 40 s")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    imported = by_source(report_of(root, "r.json"))
    wrong = {}
    for number, (case, (*_, hidden)) in enumerate(SAVED_PAGES.items()):
        front, body = front_and_body(root / imported[f"p{number}.html"]["target"])
        assert "逐项整改" in body, (case, body)
        if ("罚款三十万元" in body or "罚款三十万元" in str(front)) == hidden:
            wrong[case] = body
    assert not wrong, wrong
