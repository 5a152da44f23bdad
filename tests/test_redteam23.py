"""Round twenty-three of the adversarial review (issue 24): a compromised department CI job writing build/units/<id>/,
the import and report paths, and round twenty-two's leftovers. Each test goes through the real command
(`disclosure merge`, `disclosure check`, `mkdocs build --strict`, `disclosure report`) and failed on main before its fix.

The compromised job (platform/merge.py, sealed with the unit's own manifest) —
- fixed: files at one address as a server maps names (platform/merge.py `_address_problems`, unit_layout.same_address):
  the government's Catalogue.json, ROBOTS.TXT, Search/manifest.json, Sitemap.xml, Feed.xml, search/T/0.json beside what
  the build or the assembly writes; a department's jyj/Guide/ beside jyj/guide/, Café written NFC and NFD. Merged with
  exit 0 (on IIS, or copied to Windows or macOS, one replaced the other). Now E700 naming both.
- fixed: a withheld paragraph hidden in a page's source — an HTML comment, a CDATA section, a data-* attribute
  (text/runs.py `markup_text`): the text compared with withheld bodies skipped them. Now E700.
- fixed: a withheld .csv list re-saved as .xlsx (rules/personal_data/published.py `published_text`): the merge read
  cells of a personal datum's length only. Now every piece, as content/'s copies are: E700.
- held: a page loading from another host by <base>, meta refresh, preload, dns-prefetch, srcset, poster, @import and url()
  in <style> or style=, SVG <image>, <object>, iframe srcdoc, form action, ping, importmap, javascript: with a tab or in
  capitals, <noscript><img>, table background, <input type=image>, an icon link, a \\host address; personal data in a
  comment, a data-* attribute or <meta content>; a withheld paragraph as character references, in <template>, <textarea>
  or JSON-LD; a page in Big5 declaring it (not UTF-8: E700); a re-saved list as UTF-16 text; an inline 附注 on a unit page.
- not refused, harmless: a second <html manifest=…> (AppCache is gone from browsers), <?xml-stylesheet?> in HTML (a
  comment to the parser), an unclosed comment (hides the rest of the page, loads nothing).

Round twenty-two's leftovers —
- fixed (content/disclosure_statements.py `_split_notes`): a 附注 split across inline elements on a line longer than 30
  characters (<span>此件不予</span><span>公开</span>, <sup>此件<b>不予</b>公开</sup>, <span>（此件</span>不予公开）): published
  by check and build, and by the merge from a unit's job. Now E102 (E700 in the merge).
- fixed (text/markup.py `table_marker_allowed`): <!-- disclosure:主动公开情况表 --> in a notice passed the check and ended the
  build in a traceback (the table of year 0); written <!--disclosure:…--> in an annual report the check passed it and
  the build refused. The marker is exempt only exactly so and in a document with a year; E401 in both otherwise.
- docs/editor-guide.md: E111 names Unicode forms, trailing dots and the build's own addresses; E700 the units' twins.

The report and import paths —
- fixed (office/output.py `check_place`): `disclosure report --output Site/office` (CONTENT, Build/units/…, site./office)
  wrote the office's report into the published site on macOS and Windows. Now refused as site/ (and for the import's report).
- held: import of pages with unknown or UTF-7 charsets, NUL bytes, a BOM only, a 3 MB attribute, 500,000 "<" or "&#",
  surrogate references, huge rowspan/colspan, 190 nested spans, a folder named x.html (coded lines, no traceback, a few
  seconds); thousands of sibling spans, cells, styled paragraphs or style rules (time linear); a split 附注 in a saved
  page (imported as withheld); the table marker in a saved page (dropped).
"""

from __future__ import annotations

import copy
import unicodedata

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .batchkit import Cases, MergedCases, assert_case_refused, cases_site, checked_and_built, merged_cases
from .sitekit import MINI_CATALOGUE, build, front_matter, write_site
from .test_redteam22 import _notice, _refused, _site
from .test_merge_verifies import e700
from .test_merge_verifies import built, platform  # noqa: F401  (fixtures)


def _plant(platform, unit: str, files: dict) -> None:
    """The unit's job writes `files` into its output and seals them into its manifest (its build skipped)."""
    units = platform / "build/units" / unit
    for path, data in files.items():
        target = units / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    seal_unit_manifest(units, unit)


ASSEMBLY_ADDRESSES = ["Catalogue.json", "ROBOTS.TXT", "Search/manifest.json", "Sitemap.xml", "Feed.xml", "search/T/0.json",
                      "Catalogue.csv."]
COMPOSED = unicodedata.normalize("NFC", "jyj/files/Café.txt")


@pytest.mark.parametrize("name", ASSEMBLY_ADDRESSES)
def test_the_governments_job_writing_at_an_address_the_assembly_writes_is_refused(planted, name):
    assert any(line.startswith(e700("gov", "测试市人民政府", name)) for line in planted.refused_lines(f"gov/{name}")), planted.run.output


def test_a_units_two_files_one_address_are_refused(planted):
    assert any(line.startswith(e700("jyj", "测试市教育局", "jyj/Guide/index.html"))
               for line in planted.refused_lines("jyj/jyj/Guide/index.html")), planted.run.output


def test_a_units_two_files_differing_by_unicode_form_are_refused(planted):
    assert planted.refused_lines(f"jyj/{COMPOSED}") or planted.refused_lines(
        f"jyj/{unicodedata.normalize('NFD', COMPOSED)}"), planted.run.output


# --- round twenty-two's leftovers -----------------------------------------------------------------------------------



SPLIT_NOTES = {
    "two-spans": "现将有关情况通知如下，请各单位认真贯彻执行，确保安全生产各项措施落到实处。<span>此件不予</span><span>公开</span>\n",
    "span-and-text": "现将有关情况通知如下，请各单位认真贯彻执行，确保安全生产各项措施落到实处。<span>（此件</span>不予公开）\n",
    "emphasis": "现将有关情况通知如下，请各单位认真贯彻执行，确保安全生产各项措施落到实处。<sup>此件<b>不予</b>公开</sup>\n",
    "markdown-emphasis": "现将有关情况通知如下，请各单位认真贯彻执行，确保安全生产各项措施落到实处。（此件**不予**公开）\n",
}


@pytest.mark.parametrize("name", sorted(SPLIT_NOTES))
def test_a_note_split_across_inline_elements_on_a_long_line_withholds_the_page(notes, name):
    assert_case_refused(notes, f"split {name}", "notices/p.md", "E102", 7)


TABLE_MARKERS = {"exact": "<!-- disclosure:主动公开情况表 -->", "no-spaces": "<!--disclosure:主动公开情况表-->",
                 "two-spaces": "<!--  disclosure:主动公开情况表 -->"}


@pytest.mark.parametrize("marker", TABLE_MARKERS)
def test_the_table_marker_outside_an_annual_report_is_a_comment_in_check_and_build(notes, marker):
    """The check passed it, the build ended in a traceback (the table of year 0) or refused the comment."""
    assert_case_refused(notes, f"marker {marker}", "notices/p.md", "E401", 9)


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> tuple[Cases, Cases]:
    """The split notes' and the markers' notices in one site (batchkit.py), checked and built."""
    bodies = {f"split {name}": body for name, body in SPLIT_NOTES.items()}
    bodies |= {f"marker {key}": f"现将有关情况通知如下。\n\n{marker}\n\n附件：无。\n" for key, marker in TABLE_MARKERS.items()}
    return checked_and_built(cases_site(tmp_path_factory.mktemp("notes"),
                                        {case: _site({"notices/p.md": _notice(body)}) for case, body in bodies.items()}))


def _report(marker: str) -> str:
    return front_matter(f"一、总体情况\n\n全年主动公开政府信息。\n\n二、主动公开政府信息情况\n\n{marker}\n", type="annual-report",
                        title="测试县2024年政府信息公开工作年度报告", index_no="T001/2025-00001", published="2025-01-20", year=2024)


def _with_reports() -> dict:
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["annual-report"] = {"name": "政府信息公开工作年度报告", "fields": ["year"], "due": "01-31",
                                           "due_from": 2026}
    catalogue["catalogue"].append({"id": "reports", "name": "年报", "path": "reports", "types": ["annual-report"], "stale_days": 0})
    return catalogue


def test_the_table_marker_written_otherwise_in_an_annual_report_is_a_comment_in_check_and_build(tmp_path):
    root = write_site(tmp_path / "report", _site({"reports/2024.md": _report("<!--disclosure:主动公开情况表-->")}), _with_reports())
    _refused(root, "E401", "content/reports/2024.md:")
    fine = build(write_site(tmp_path / "fine", _site({"reports/2024.md": _report("<!-- disclosure:主动公开情况表 -->")}),
                            _with_reports()))
    assert fine.returncode == 0, fine.output


@pytest.mark.parametrize("note", ["<sup>（此件不予公开）</sup>", "<span>此件不予</span><span>公开</span>"], ids=["inline", "split"])
def test_a_unit_page_whose_note_is_inline_is_refused_by_the_merge(platform, note):
    """The department's job publishes the page its build refuses (E102): the merge reads content/ as the check does."""
    from .test_redteam20 import sealed_page
    sealed_page(platform, "published: 2025-01-02\n---\n", "published: 2025-01-02\n---\n\n现将有关情况通知如下，请各单位认真贯彻执行，确保各项措施"
                f"落到实处。{note}\n")


# --- a withheld paragraph in what the browser receives but does not show ---------------------------------------------

SECRET = "经调查本次事故系仓库管理员违规操作叉车所致造成两人受伤"
SOURCE_ONLY = {
    "comment": f"<!-- {SECRET} -->",
    "cdata": f"<![CDATA[{SECRET}]]>",
    "data-attribute": f'<p data-note="{SECRET}">字</p>',
}


@pytest.mark.parametrize("name", sorted(SOURCE_ONLY))
def test_a_withheld_paragraph_hidden_in_a_units_page_source_is_refused(planted, name):
    """A compromised job hides a withheld document's paragraph where the page's text skips it (view source shows it).
    (Each case's page is its own copy of the unit's guide page, batchkit.py.)"""
    page = _source_only_page(sorted(SOURCE_ONLY).index(name) + 1)
    lines = planted.refused_lines(f"jyj/{page}")
    assert any(line.startswith(e700("jyj", "测试市教育局", page) + "含有不公开文件") and "jyj/guide/memo" in line
               for line in lines), planted.run.output



# --- the report's folder, as the editor's system names folders ---------------------------------------------------------

@pytest.mark.parametrize("place", ["Site/office", "CONTENT", "Build/units/gov/report", "site./office"])
def test_a_report_folder_that_is_the_site_on_macos_or_windows_is_refused(tmp_path, place):
    """macOS and Windows take Site/ for site/ (IIS site./ too): the report was written into the published site there."""
    from .test_office_report import CATALOGUE, hand_counted_files, report
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE)
    (root / "site").mkdir()
    done = report(root, "--output", place)
    assert done.returncode == 2 and "报告会被公开发布" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (root / place.split("/")[0]).exists()


# --- a withheld list re-saved in a unit's output ---------------------------------------------------------------------

RE_SAVED = {"text-cells": False, "number-cells": True}


@pytest.mark.parametrize("case", RE_SAVED)
def test_a_withheld_csv_re_saved_as_a_workbook_in_a_units_output_is_refused(planted, case):
    """The government withholds a list (.csv); the department's job publishes it re-saved as .xlsx. The merge read the
    workbook's cells of at least a personal datum's length only: the names (王某某) and amounts were never compared."""
    workbook = f"jyj/guide/files/l-{case}.xlsx"
    assert any(line.startswith(e700("jyj", "测试市教育局", workbook) + "含有不公开文件 content/guide/files/list.csv")
               for line in planted.refused_lines(f"jyj/{workbook}")), planted.run.output


# --- the merge's cases above, planted in one platform and merged once (batchkit.py) ------------------------------------

def _source_only_page(number: int) -> str:
    return f"jyj/c{number}/index.html"


def _plant_every_case(platform) -> None:
    """Every case's file in the gov or jyj output (each its own), the two withheld documents they copy in content/."""
    from .test_platform_core import write
    from .test_redteam22 import ROWS, ROWS_CSV, _workbook
    write(platform, "jyj/guide/memo.md", "title: 事故内部调查报告\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          "disclosure: 不予公开\nreason: 涉及内部调查，依据条例第十六条不予公开\n", f"一、调查经过\n\n{SECRET}。\n")
    write(platform, "guide/memo.md", "title: 补助内部名单\ntype: guide\nindex_no: CSF/2025-00019\npublished: 2025-01-02\n"
          "disclosure: 不予公开\nreason: 涉及个人隐私，依据条例第十五条不予公开\nattachments:\n  - {title: 名单, file: files/list.csv}\n",
          "名单见附件。\n")
    (platform / "content/guide/files").mkdir(exist_ok=True)
    (platform / "content/guide/files/list.csv").write_bytes(ROWS_CSV)
    _plant(platform, "gov", {name: "{}\n" if name.endswith(".json") else "a\n" for name in ASSEMBLY_ADDRESSES})
    guide = (platform / "build/units/jyj/jyj/guide/index.html").read_text(encoding="utf-8")
    files = {"jyj/Guide/index.html": guide, COMPOSED: "一\n", unicodedata.normalize("NFD", COMPOSED): "二\n"}
    files |= {_source_only_page(number): guide.replace("</body>", SOURCE_ONLY[name] + "</body>", 1)
              for number, name in enumerate(sorted(SOURCE_ONLY), start=1)}
    files |= {f"jyj/guide/files/l-{case}.xlsx": _workbook(ROWS, numbers) for case, numbers in RE_SAVED.items()}
    _plant(platform, "jyj", files)


@pytest.fixture(scope="module")
def planted(merged_platform, tmp_path_factory) -> MergedCases:
    return merged_cases(merged_platform, tmp_path_factory.mktemp("planted") / "platform", _plant_every_case)
