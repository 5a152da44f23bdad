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
  its text was imported. In standards mode the browser does close it (the table shows, and is imported);
- fixed: an end tag closed every element up to one of its name (html.parser's tree builder), where a browser
  ignores it out of its scope: text after a stray `</p>` or `</div>` in a table cell of a hidden paragraph or
  div, or after a `</span>` past a `<div>`, left the hidden element and was imported. End tags now close
  within the HTML standard's scopes (table, cell, caption, object …; a button for `</p>`, a list for `</li>`;
  any special element for `</span>` and the like); formatting elements (`</font>`) are left as they were.
  Ignored end tags leave elements open that the import's count of tags (sources.nesting_depth) takes for
  closed, so the tree's own depth is now bounded as it is built (E800 at 200, as before; 2,000 ended in a
  RecursionError before the bound).
- fixed (visible text dropped): a cell, row, list item or term left open under a paragraph (or inline
  elements) was closed only when it was the element being filled: `<td><p style="display:none">备注<td>…`
  put the next cell inside the hidden paragraph, and its text was not imported. Now closed as a browser
  closes it (a cell within its table; a list item past a paragraph or div). Parse time of 400,000 `<li></li>`
  under 150 spans: 6.4 s CPU, main 5.8 s (the rest of the import, 14 s more, is as on main: not this round's);
- open: formatting elements (`</font>` past a `<div>`: the standard re-opens the font inside the div, the
  tree builder closes both — the same text shows; not shown to hide more or less), `</h2>` closing an `<h1>`.
Personal data (privacy/numbers.py) —
- fixed: round eight read circled digits and circled numbers; the other enclosed forms were no digits at all:
  ⑴…⒇ in brackets, ⒈…⒛ with a full stop, the ideographs ㈠…㈩ and ㊀…㊉, 🄀…🄊 with a full stop or comma
  (a mobile written ⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻ was published); clean builds unchanged (hashes.sh, site/platform/bench 1000);
- held: mathematical bold digits (Unicode decimal digits), double circled, dingbat negative circled.
Requests to another host (rules/rendered.py, the theme folder's sheets) —
- fixed: CSS escapes of characters that are no hex digit (`u\\rl(`, `https\\:\\/\\/`, `h\\ttps`): round eight
  read hex escapes only; the escapes are now read by one helper (text.markup.css_unescaped), the importer's;
- held: `@IMPORT'…'` without a blank, `URL(` in capitals with blanks, hex-escaped slashes;
- open: a theme script building an address by concatenation (`"//" + "host/…"`, `"https://" + h`) or with a
  JavaScript escape (`"\\x68ttps://…"`): the check reads quoted whole addresses only. Any script can build
  any address; the sound rule is the theme folder's scripts reviewed (or none allowed), not a pattern.
Not tried (time): mermaid spellings, tooltips' other attributes, the merge's reading of content/.
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
    "a stray </p> in a table cell of a hidden paragraph": ("", ("", f'<p style="display:none">附：<table><tr><td>甲</p>{NOTE}'
                                                           '</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table></p>'), "utf-8", True),
    "a stray </div> in a table cell of a hidden div": ("<!DOCTYPE html>", ("", f'<div style="display:none"><table><tr><td>甲</div>'
                                                      f'{NOTE}</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table></div>'), "utf-8", True),
    "a </span> past a div in a hidden span": ("<!DOCTYPE html>", ("", f'<span style="display:none">甲<div>乙</span>{NOTE}</div></span>'),
                                             "utf-8", True),
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
    # fixed: shown by a browser, and was dropped
    "a cell after a hidden paragraph left open in a cell": ("", ("", '<table><tr><td><p style="display:none">备注'
                                                            f'<td>{NOTE}</td></tr><tr><td>甲</td><td>乙</td></tr></table>'), "utf-8", False),
    "a list item after a hidden paragraph left open in one": ("", ("", f'<ul><li><p style="display:none">备注<li>{NOTE}</ul>'),
                                                              "utf-8", False),
    "a </div> that closes its hidden div": ("<!DOCTYPE html>", ("", f'<div style="display:none"><p>甲</p></div><p>{NOTE}</p>'),
                                           "utf-8", False),
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


# --- Personal data: round eight's circled numbers, in the other enclosed forms ----------------------------

WRITTEN = {   # fixed: numbers in brackets, with a full stop, in parenthesized or circled ideographs, with a comma
    "parenthesized digits (mobile)": ("联系电话：⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻", True),
    "parenthesized numbers of two digits (mobile)": ("联系电话：⒀⑻⑴⑵⑶⑷⑸⑹⑺⑻", True),
    "digits with a full stop (mobile)": ("联系电话：⒈⒊⒏⒈⒉⒊⒋⒌⒍⒎⒏", True),
    "parenthesized ideographs (mobile)": ("联系电话：㈠㈢㈧㈠㈡㈢㈣㈤㈥㈦㈧", True),
    "circled ideographs (mobile)": ("联系电话：㊀㊂㊇㊀㊁㊂㊃㊄㊅㊆㊇", True),
    "digits with a comma (mobile)": ("联系电话：🄂🄄🄉🄂🄃🄄🄅🄆🄇🄈🄉", True),
    # held: read already
    "mathematical bold digits": ("联系电话：𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", False),
    "double circled digits": ("联系电话：⓵⓷⓼⓵⓶⓷⓸⓹⓺⓻⓼", False),
    "dingbat negative circled digits": ("联系电话：➊➌➑➊➋➌➍➎➏➐➑", False),
}


def test_a_number_in_each_enclosed_form_is_refused_on_its_line(tmp_path):
    """Round eight read circled digits and circled numbers of two digits; a mobile written with ⑴, ⒈, ㈠, ㊀ or
    🄂 (each one digit, as a reader sees it) was no candidate at all and was published."""
    from .test_redteam8 import written_lines_the_check_misses
    missed, output = written_lines_the_check_misses(tmp_path, WRITTEN)
    assert not missed, (missed, output)


def test_a_page_nested_deep_only_as_a_browser_reads_it_is_refused_with_its_code(tmp_path):
    """`</span>` past a `<div>` is ignored (as a browser ignores it), so `<span><div>…</span></div>` again and
    again leaves a span open each time, which a count of tags takes for closed: 2,000 of them nested the tree
    2,000 deep and the import ended in a RecursionError's traceback. The tree's own depth is bounded as it is
    built: E800, as for any page nested too deep."""
    from .test_import import CMS_CATALOGUE, TABLES, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "p.html").write_text(SAVED.format(hidden="<div>" + "<span><div>乙</span></div>" * 2000 + "</div>"),
                                     encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert "Traceback" not in done.stderr, done.stderr
    page = report_of(root, "r.json")["pages"][0]
    assert page["status"] == "未导入" and " E800 " in page["skipped"], page


# --- Requests to another host: round eight's theme-folder sheets, with CSS's other escapes ---------------

THEME_FILES = {   # fixed: an escape of a character that is no hex digit is that character (CSS Syntax)
    "an escaped letter of url(": ("stylesheets/y0.css", "body{background:u\\rl(https://cdn.example.invalid/a.png)}"),
    "escaped colon and slashes": ("stylesheets/y1.css", "body{background:url(https\\:\\/\\/cdn.example.invalid/a.png)}"),
    "an escaped letter of the scheme": ("stylesheets/y2.css", "body{background:url(h\\ttps://cdn.example.invalid/a.png)}"),
    # held
    "@import without a blank, in capitals": ("stylesheets/y3.css", "@IMPORT'https://cdn.example.invalid/x.css';"),
    "URL( in capitals, blanks inside": ("stylesheets/y4.css", "body{background:URL(  https://cdn.example.invalid/a.png  )}"),
    "escaped slashes in hex": ("stylesheets/y5.css", "body{background:url(\\2f\\2f cdn.example.invalid/a.png)}"),
}


def test_a_theme_sheet_loading_from_another_host_through_an_escape_is_refused(tmp_path):
    """Round eight read a theme sheet's hex escapes (\\68ttps) only: `u\\rl(`, `https\\:\\/\\/` and `h\\ttps` are
    the same addresses to a browser, and went into site/ to be loaded with every page."""
    import shutil

    from .sitekit import REPO, build, paired_policy
    from .test_redteam_review import THEME
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"theme": {**THEME, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name, text in THEME_FILES.values():
        (root / "overrides/assets" / name).write_text(f"/* 本单位 */\n{text}\n", encoding="utf-8")
    run = build(root)
    missed = [case for case, (name, _) in THEME_FILES.items()
              if not any(line.startswith(f"overrides/assets/{name}:2: E404 ") for line in run.coded_lines())]
    assert run.returncode != 0 and not missed, (missed, run.output)
    assert not (root / "site").exists()
