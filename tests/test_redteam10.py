"""Round ten of the adversarial review (issue 24): round nine's fixes attacked as a hostile editor and a compromised
department CI job would — the spreadsheet arithmetic over cells (privacy/attachment_cells.py, .xlsx and .ods), and
the merge's new checks of what a unit hands over (the trust rule, the folder limit, catalogue.csv, the search
contribution, withheld text in unit.json). Each test goes through the real path (`disclosure check` on a site,
`disclosure merge` on a copy of the merged toy platform) and failed on main before its fix, unless marked held.

Fixed (tests below):
- arithmetic over cells as Excel works it out, where the reader gave up silently: a text Excel reads as a number
  (1,380,013 pasted from a report, 50%, full-width digits: Python's float() refused them); formulas within Excel's
  own limits but past the reader's (1,000 characters, 50 levels of brackets; numbers only past 200 characters);
  a defined name standing for a cell (=前*10000+B1) and a sheet's own cells named with its sheet (名单!A1);
  the result shown through the cell's number format (`"1101011990"00000000` over =A1*10000+B1, saved without
  its result as openpyxl saves it, showed an ID number);
- a formula past Excel's limits (8,192 characters, 64 levels) is W401 naming its cell: LibreOffice and WPS open
  longer and deeper ones. Hostile arithmetic (overflow, 10^400, division by zero, a root of a negative number,
  a circular reference, 8,000 signs in a row — they recursed —, 10,000 brackets) ends with no line or that W401,
  never 内部错误 (tested);
- a withheld body in traditional characters (the newest title in unit.json, printed on the platform home and
  feed): the comparison of withheld text now folds 繁體 to 简体 as the site's own search does (pages and search
  words go through the same comparison);
- a search contribution whose words claim more documents than the unit has (df 2³²−1): the platform sums
  them into each word's weight in every unit's results (it sank the words the unit shares with others);
- a unit's folders whose path is past what the system opens (twenty folders of 250-character names, within the
  64 levels), and a path listed in unit.json's files with a name past 255 bytes: both ended the merge in
  内部错误 (OSError: File name too long); they are E700 (a folder past 1,024 bytes is not walked).
Tried and held (kept as short cases where realistic):
- & writing a number with Excel's 15 significant digits (110101199002.99998 joined as 110101199003…): the number
  reader finds the ID number in what Python writes; a long formula with a cell under the old limit;
- catalogue.csv: a DDE command after a tab (the check's cell starts), Excel's `sep=;` first line hiding a formula
  inside a comma cell (the platform's join refuses a catalogue whose first bytes are not the build's header);
- (no test, read in the code) fillers, NFKC forms, full-width text of withheld text (round seven's); a
  contribution's 栏目 parents in a cycle or past the table (the chain is bounded); unit.json's strings and keys
  are all read for withheld text (relations' titles included); a contribution's count past its documents only
  numbers its own empty range (the next unit's offset follows it).
Open:
- SUM or PRODUCT over a range past 256 cells (parts of a number spread over 300 cells) and a chain of formulas
  saved without results (=A1*1000 in B1, =B1*10+8000 in C1) are not worked out and give no line: reading large
  ranges for every running total costs the limit on references (W401 on everyday sheets), and a chain needs a
  pass per link; round nine's open item stands;
- the incremental merge's trust window: a file written through its hard link and its time set back while a merge
  runs (before the old site's removal ends) is trusted by the next merge — any process that can do that runs as
  the user who owns site/ and can write site/ itself;
- a contribution's words and weights are not compared with the unit's pages: a unit can make any word find its
  own pages, or rank them first (its documents only; re-indexing every unit at the merge is a decision);
- a defined name scoped to one sheet (localSheetId) and another of the same name on another sheet: the last one
  read stands for both (a formula may be worked out over the other sheet's cell);
- withheld text with one character changed every 19, or look-alikes NFKC does not fold (CJK Radicals Supplement
  ⻓ for 长): below the 20-character run by design.
Not tried: full-width ＝ as a CSV formula start (no evidence Excel or WPS runs it from a CSV; the build's
quoting and the merge's check use one list), .ods named ranges, .ods cells' data styles over a computed result (LibreOffice shows
the saved result unless told to recalculate), the GitLab runner's artefact extraction, the importer and the
rendered-page rules (another helper's round).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .attachmentkit import sheet_with, xlsx
from .sitekit import check, deferred, paired_policy, policy, write_site
from .test_merge_verifies import built, e700, platform, refused  # noqa: F401
from .test_privacy_every_part import ID_MASKED
from .test_redteam4 import SECRET, _withheld_body

JYJ = ("jyj", "测试市教育局")
MANIFEST = "_unit/jyj/unit.json"
MOBILE_MASKED = "138****8000"


# --- attachments: arithmetic as Excel works it out ----------------------------------------------


@deferred
def _sheet(cells: dict[str, object]):
    def edit(workbook) -> None:
        for cell, value in cells.items():
            workbook.active[cell] = value
    return sheet_with(edit)


def _named(workbook, cells: dict[str, object]) -> None:
    """`cells`, with the defined name 前 standing for A1 (Formulas → Define Name)."""
    from openpyxl.workbook.defined_name import DefinedName
    workbook.defined_names["前"] = DefinedName("前", attr_text="名单!$A$1")
    for cell, value in cells.items():
        workbook.active[cell] = value


def _nested(depth: int, inner: str) -> str:
    return "=" + "SUM(" * depth + inner + ")" * depth


SHOWN = {   # each shows 13800138000 or 110101199003077715 when Excel opens it; no cell holds either
    # a text Excel reads as a number in arithmetic (thousands separators, as pasted from a report)
    "a.xlsx": {"A1": "1,380,013", "B1": 8000, "C1": "=A1*10000+B1"},
    # held: & writes a number with Excel's 15 significant digits: 110101199002.99998 is joined as 110101199003
    "b.xlsx": {"A1": 110101199002.99998, "B1": '=A1&"077715"'},
    # within Excel's limits (8,192 characters, 64 levels of functions), past the reader's old ones
    "c.xlsx": {"A1": 1380013, "B1": 8000, "C1": "=A1*10000+B1" + "+0" * 600},
    "d.xlsx": {"A1": 1380013, "B1": 8000, "C1": _nested(60, "A1*10000+B1")},
    "e.xlsx": {"A1": 1380013, "C1": "=A1*10000+8000" + "+0" * 100 + "*A2"},   # held: under the old 1,000 characters
    "f.xlsx": {"C1": "=1380013*10000+8000" + "+0" * 100},   # numbers only
}
FORMATTED = {   # what the arithmetic gives, through the cell's number format (saved without its result, as openpyxl saves)
    "g.xlsx": xlsx({"A1": 307, "B1": 7715, "C1": "=A1*10000+B1"}, formats={"C1": '"1101011990"00000000'}),
    "h.xlsx": sheet_with(lambda workbook: _named(workbook, {"A1": 1380013, "B1": 8000, "C1": "=前*10000+B1"})),
}



def test_what_excel_computes_within_its_own_limits_is_read(tmp_path: Path):
    """One check for every case: each attachment's own E400 line."""
    attachments = {**{name: _sheet(cells) for name, cells in SHOWN.items()}, **FORMATTED}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": name}
                                                                     for name in attachments]),
             **{f"policies/files/{name}": data for name, data in attachments.items()}}
    run = check(write_site(tmp_path, files))
    lines = [line for line in run.coded_lines() if " E400 " in line]
    missed = [name for name in attachments
              if not any(name in line and (MOBILE_MASKED in line or ID_MASKED in line) for line in lines)]
    assert missed == [], run.output


# --- the merge: withheld text in what a unit hands over -------------------------------------------


TRADITIONAL = SECRET.translate(str.maketrans("经测拟将学闭费调暂对布", "經測擬將學閉費調暫對佈"))


def test_a_withheld_body_in_traditional_characters_is_refused(platform: Path):
    """The newest title (printed on the platform home and feed.xml) is the withheld body in 繁體: a reader reads
    the same sentence (the site's own search folds the two as one)."""
    _withheld_body(platform)
    manifest = platform / "build/units/jyj" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["latest"][0]["title"] = TRADITIONAL
    manifest.unlink()
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(platform, f"build/units/jyj/{MANIFEST}:1: E700 ", "含有不公开文件 content/jyj/fees/secret.md 正文中的一段文字")


@deferred
def _ods_sheet(cells: str) -> bytes:
    from .attachmentkit import archive
    from .test_privacy_every_part import MANIFEST as ODS_MANIFEST, _ods_content
    return archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": ODS_MANIFEST,
                    "content.xml": _ods_content(cells)})


LONG = "=A1*10000+B1" + "+0" * 4100   # past 8,192 characters: LibreOffice and WPS open it, Excel does not
BOUNDED = {   # attachment → its W401 line's cell, or None: no line, and no 内部错误
    "long.xlsx": (_sheet({"A1": 1380013, "B1": 8000, "C1": LONG}), "单元格 C1的公式"),
    "deep.xlsx": (_sheet({"A1": 1380013, "B1": 8000, "C1": "=" + "(" * 70 + "A1*10000+B1" + ")" * 70}), "单元格 C1的公式"),
    "long.ods": (_ods_sheet('<table:table-cell office:value-type="float" office:value="1380013"/>'
                            f'<table:table-cell table:formula="of:={"[.A1]*10000" + "+0" * 4100}"/>'), "单元格 B1的公式"),
    "brackets.xlsx": (_sheet({"A1": 1, "C1": "=" + "(" * 5000 + "A1" + ")" * 5000}), "单元格 C1的公式"),
    "signs.xlsx": (_sheet({"A1": 1, "C1": "=" + "-" * 8000 + "A1*10"}), None),
    "overflow.xlsx": (_sheet({"A1": 99, "C1": "=A1^A1^A1^A1", "C2": "=10^400*A1", "C3": "=A1/0+A1", "C4": "=(-8)^(1/3)*A1"}), None),
    # Excel: 0, a circular reference. Each names a formula saved without its result that names another cell: not
    # worked out, a W400 for each (round twelve: such a chain gave a wrong number before, with no line).
    "cycle.xlsx": (_sheet({"A1": "=B1*10000+8000", "B1": "=A1*10+1380013"}), ("单元格 A1的公式", "单元格 B1的公式")),
}


def test_arithmetic_past_excels_limits_is_a_w401_and_hostile_arithmetic_ends_cleanly(tmp_path: Path):
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": name}
                                                                     for name in BOUNDED]),
             **{f"policies/files/{name}": data for name, (data, _) in BOUNDED.items()}}
    run = check(write_site(tmp_path, files))
    assert "内部错误" not in run.output and "Traceback" not in run.output, run.output
    for name, (_, cell) in BOUNDED.items():
        lines = [line for line in run.coded_lines() if f"“{name}”" in line]
        if isinstance(cell, tuple):
            assert len(lines) == len(cell) and all(" W400 " in line for line in lines) and all(
                any(one in line for line in lines) for one in cell), run.output
            continue
        assert lines == ([] if cell is None else [next(line for line in lines if cell in line and " W401 " in line)]), run.output


# --- the merge: a search contribution's numbers -------------------------------------------------------


def _contribution_edited(platform: Path, edit) -> None:
    """The unit's search contribution with each word's (token, df, docs, weights) passed through `edit`, sealed."""
    from array import array

    from disclosure.search.platform import Contribution, bucketed
    file = platform / "build/units/jyj/_unit/jyj/search-contribution.bin"
    old = Contribution.from_bytes(file.read_bytes())
    entries = [edit(token, old.df[number], list(old.docs[start:end]), list(old.weights[start:end]))
               for number, (token, start, end) in enumerate(zip(old.tokens, [0, *old.ends[:-1]], old.ends))]
    file.unlink()
    file.write_bytes(bucketed(old.count, old.categories, old.chunk, entries, array("i", old.category), old.year).to_bytes())
    seal_unit_manifest(platform / "build/units/jyj", "jyj")


def test_a_search_contribution_claiming_more_documents_for_a_word_than_it_has_is_refused(platform: Path):
    """A word's document count is summed over the units into the platform's, and sets its weight in every unit's
    results: a unit claiming 2³²−1 for its words sank the words it shares in every other unit's results (exit 0)."""
    _contribution_edited(platform, lambda token, df, docs, weights: (token, 2**32 - 1, docs, weights))
    refused(platform, "E700 ", "搜索索引分片无法读取", "词的文件数超出本单位的文件数")


# --- the merge: a unit's folders --------------------------------------------------------------------


def test_folders_whose_path_is_longer_than_the_system_takes_are_a_coded_line(platform: Path):
    """Twenty folders of 250-character names (within the 64 levels): the path is past what the system opens
    (4,096 bytes), and the merge's walk ended in 内部错误 (OSError: File name too long)."""
    import os
    name = "a" * 250
    opened = [os.open(platform / "build/units/jyj/jyj", os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for _ in range(20):
            os.mkdir(name, dir_fd=opened[-1])
            opened.append(os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=opened[-1]))
        with open(os.open("index.html", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=opened[-1]), "w") as page:
            page.write("<p>冒充的页面</p>")
        refused(platform, f"/:1: E700 单位“{JYJ[1]}”（jyj）的输出中，目录路径超过 1024 字节，单位生成的目录不会这么长")
    finally:   # from the deepest up, by descriptor (no path that long can be opened)
        os.unlink("index.html", dir_fd=opened[-1])
        for parent in reversed(opened[:-1]):
            os.rmdir(name, dir_fd=parent)
        for descriptor in opened:
            os.close(descriptor)


def test_a_manifest_listing_a_path_longer_than_the_system_takes_is_a_coded_line(platform: Path):
    """unit.json's files list a name of 300 characters (the system takes 255): looking for it ended the merge in
    内部错误 (OSError: File name too long)."""
    manifest = platform / "build/units/jyj" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["jyj/" + "a" * 300 + ".html"] = "0" * 64
    manifest.unlink()
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(platform, e700(*JYJ, "jyj/" + "a" * 300 + ".html") + "交接清单列出的这个文件缺失")


# --- the merge: a unit's catalogue.csv as Excel opens it ----------------------------------------------


def _catalogue_with(platform: Path, edit) -> None:
    export = platform / "build/units/jyj/jyj/catalogue.csv"
    text = edit(export.read_bytes().decode("utf-8-sig"))
    export.unlink()
    export.write_bytes(text.encode("utf-8-sig"))
    seal_unit_manifest(platform / "build/units/jyj", "jyj")


CATALOGUE = {   # held: each is refused
    "a DDE command after a tab": (lambda text: text.replace("\n", '\n"\t=cmd|\' /C calc\'!A0",', 1),
                                  "目录导出中有单元格以 = + - @ 开头"),
    "Excel's sep= line, a formula inside a comma cell": (lambda text: 'sep=;\n' + text.replace("\n", '\n"x;=HYPERLINK(""https://evil.invalid/"")",', 1),
                                                         "catalogue.csv 的表头不同"),
}


@pytest.mark.parametrize("case", CATALOGUE)
def test_a_formula_hidden_from_the_csv_reader_in_a_units_catalogue_is_refused(platform: Path, case):
    edit, reason = CATALOGUE[case]
    _catalogue_with(platform, edit)
    refused(platform, reason)
