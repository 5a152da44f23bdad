"""Round nine of the adversarial review (issue 24): a compromised department CI job (it controls its unit's
build/units/<id>/ and unit.json, and runs anything in its own job) and a careless platform webmaster, against
`disclosure merge` (first and incremental), the hand-over files a unit gives it, the GitHub workflow's own
steps, and attachments whose formulas compute a number. Each test goes through the real path (`disclosure
merge` or `merge()` on a copy of the merged toy platform, the workflow's step run as written, `disclosure
check` on a site) and failed on main before its fix, unless marked held.

Fixed (tests below):
- a unit.json or search contribution of any size was read whole into memory (a sparse gigabyte took the
  merge's memory, and was hashed); a hand-over file past 1 GiB is now refused unread (E701 unit.json, E700 the
  contribution), the bound set from what a 200,000-document unit writes (about 2.5 KB a document);
- a search contribution nested past the JSON parser (内部错误, RecursionError), a word's documents past the
  unit's own count (the platform numbers the units' documents in a row: the word found another unit's pages),
  a document's 栏目 past its table (内部错误, IndexError), a unit without a contribution (a plain line naming
  the staging folder in English): each is E700/E701 naming the unit and the fix;
- a withheld (不予公开) body's text as a search word (the words are published in search/), as the newest
  title in unit.json (printed on the platform home and feed.xml), and a javascript: or other host's link in
  unit.json's relations (filled into the unit's pages by the assembly after the pages were checked): what the
  assembly prints from a hand-over is now checked like the pages (E700/E701);
- races inside one merge: a file renamed over a checked one before its link (the merge hashed and read the
  path, then linked whatever was there), the contribution read again by the assembly after its check, unit.json
  read twice (the assembly printed the first, the check read the second). A published file is now linked
  first and every check reads the linked file; the assembly reads the staged contribution; the second read of
  unit.json must have the first one's SHA-256;
- the incremental merge's trust: `cp -p` of a department's new page over its folder (unit.json unchanged)
  writes through the hard link into site/ and sets the old time back; the next merge trusted it as checked.
  A file whose inode changed (its change time, which no program sets back) since the replaced site's removal
  ended (build/units/.merged.settled, written by that removal) is read again, and the line says that site/'s
  copy was changed with it;
- the merge's record: folders named like it (artefacts named unit-.merged.json… become those in the GitHub
  workflow's renaming step) ended the merge in 内部错误 after site/ was swapped in; a record is now written as
  a new file renamed over its name, never through a link, and one that cannot be written is left out;
- a unit's folders nested a thousand deep ended the merge's walk in 内部错误; past 64 levels they are E700;
- a unit's catalogue.csv (published, and joined into the platform's) with a cell Excel runs as a formula;
- attachments: a formula computing a number from other cells' numbers (=A1*10000+B1, SUM of parts placed by
  powers of ten, arithmetic joined with & to a cell, in .xlsx and .ods) showed a mobile or ID number no cell
  holds; it is now worked out (numbers, strings, cells, ranges of up to 256 cells, + - * / ^ % &, brackets,
  SUM, PRODUCT and the joins); everyday sums, products, shares and 万元 → 元 give no line (tested).
Tried and held (kept as short cases where the attack is realistic):
- a unit file replaced by a new one with its old modification time forged, unit.json as merged (another inode
  than site/'s: hashed, E700); extra artefacts a job uploads under the unit- prefix (unit-zzz: E700, a folder
  no unit owns; unit-gov.x: has a dot, never read as a unit);
- (no test) the platform feed's summary and title are Atom text, not HTML (a tag in them is shown, not run);
  a unit's hand-over titles go through the slot templates' escaping.
Open:
- a write *through* a published hard link still changes site/ at once, before any merge (after a merge
  build/units/<id>/x and site/x are one file): the next merge now refuses it and names the published copy,
  but cannot undo it. Closing it needs site/ not to share writable files with build/units/ (a reflink copy
  where the file system has one, or read-only published files — root ignores those), a decision for the lead;
- a formula whose arithmetic calls another function (ROUND, IF, VLOOKUP …) or a cell whose own formula was
  saved without its result is not worked out and gives no line: everyday arithmetic does both constantly,
  and the result Excel or WPS saved (<v>) is read as the sheet's text.
Not tried: the GitLab runner's own artefact extraction (a symlink in a zip is refused by the merge whatever
made it), CODEOWNERS beyond its existing tests, `disclosure report --output` (round six), hostile content in
the unit build itself (another helper's round: the build's gate, the merge verifies its output anyway).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import time
from array import array
from pathlib import Path

import pytest

from disclosure.platform.manifest import MAX_HANDOVER_BYTES
from disclosure.platform.unit_manifest import seal_unit_manifest
from disclosure.search.platform import Contribution, bucketed

from .attachmentkit import archive, sheet_with
from .sitekit import check, paired_policy, policy, write_site
from .test_build_end import fingerprint
from .test_merge_verifies import built, disclosure, e700, platform, record_as_merged, refused  # noqa: F401
from .test_privacy_every_part import ID_MASKED, MANIFEST as ODS_MANIFEST, _ods_content
from .test_redteam4 import SECRET, UNIT_PAGE, _withheld_body

JYJ = ("jyj", "测试市教育局")
CONTRIBUTION = "_unit/jyj/search-contribution.bin"
MANIFEST = "_unit/jyj/unit.json"


# --- hand-over files: size, shape, what they carry ------------------------------------------------


@pytest.mark.parametrize("name, line", [
    (MANIFEST, f"build/units/jyj/{MANIFEST}:1: E701 单位“jyj”的交接文件过大（1024 MB，上限 1024 MB）"),
    (CONTRIBUTION, e700(*JYJ, CONTRIBUTION) + "交接文件过大（1024 MB，上限 1024 MB）"),
], ids=["unit.json", "search contribution"])
def test_a_hand_over_file_past_its_bound_is_refused_unread(platform: Path, name, line):
    """A gigabyte of zeros (a sparse file: nothing is written) — read whole it took the merge's memory."""
    os.truncate(platform / "build/units/jyj" / name, MAX_HANDOVER_BYTES + 1)
    refused(platform, line)


def _contribution(platform: Path) -> Path:
    return platform / "build/units/jyj" / CONTRIBUTION


def _with_word(platform: Path, word: str, docs: tuple[int, ...] = (0,), category: int | None = None) -> None:
    """The unit's contribution handed over with one word more (in `docs`), its first document in the
    栏目 numbered `category`, sealed by its job."""
    file = _contribution(platform)
    old = Contribution.from_bytes(file.read_bytes())
    entries = [(token, old.df[number], list(old.docs[start:end]), list(old.weights[start:end]))
               for number, (token, start, end) in enumerate(zip(old.tokens, [0, *old.ends[:-1]], old.ends))]
    entries.append((word, len(docs), list(docs), [1000] * len(docs)))
    categories = array("i", old.category)
    if category is not None:
        categories[0] = category
    file.unlink()
    file.write_bytes(bucketed(old.count, old.categories, old.chunk, entries, categories, old.year).to_bytes())
    seal_unit_manifest(platform / "build/units/jyj", "jyj")


@pytest.mark.parametrize("docs, category, reason", [
    ((0, 5), None, "词所在的文件编号超出本单位的文件数"),
    ((0,), 999, "文件的栏目编号超出栏目表"),
], ids=["a word naming another unit's document", "a document in a 栏目 past the table"])
def test_a_search_contribution_pointing_past_its_own_documents_is_refused(platform: Path, docs, category, reason):
    """The platform's ids are the units' in a row: jyj's sixth document is another unit's. The first made a
    word of jyj's find the government's pages, the second ended the merge in 内部错误 (IndexError)."""
    _with_word(platform, "冒充词", docs, category)
    refused(platform, e700(*JYJ, CONTRIBUTION) + "搜索索引分片无法读取", reason)


def test_a_search_contribution_nested_past_the_parser_is_a_coded_line(platform: Path):
    file = _contribution(platform)
    data = file.read_bytes()
    magic = data[:data.index(b"\n") + 1]
    file.unlink()   # a new file, as a job writes it (not through the published link)
    file.write_bytes(magic + b'{"version": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, e700(*JYJ, CONTRIBUTION) + "搜索索引分片无法读取", "文件头嵌套层次过深")


def test_a_unit_without_its_search_contribution_is_a_coded_line(platform: Path):
    """It was a plain line naming the staging folder, with the system's English reason."""
    _contribution(platform).unlink()
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"{CONTRIBUTION}:1: E701 单位“测试市教育局”的交接文件中缺少搜索索引分片")


def test_a_withheld_body_handed_over_as_a_search_word_is_refused(platform: Path):
    """The words of every contribution are published in the platform's search/ (search/t/…)."""
    _withheld_body(platform)
    _with_word(platform, SECRET)
    refused(platform, e700(*JYJ, CONTRIBUTION) + "搜索索引的词中含有不公开文件 content/jyj/fees/secret.md 正文中的一段文字")


def _link(url: str) -> dict:
    return {"title": "相关文件", "url": url, "published": "2025-01-01", "index_no": "JYJ/2025-00001", "unit": "jyj",
            "unit_name": "测试市教育局", "kind": None, "doc_no": None}


def _latest_titled(data: dict) -> None:
    data["latest"][0]["title"] = SECRET


HANDED_OVER = {   # what the assembly prints from unit.json after every page was checked
    "a withheld body as the newest title (platform home)": (_latest_titled, "E700 ", "含有不公开文件 content/jyj/fees/secret.md 正文中的一段文字"),
    "a script address among its relations": (lambda data: data["relations"].setdefault("JYJ/2025-00003", {}).setdefault(
        "interprets", []).append(_link("javascript:alert(1)")), "E701 ", "写了本单位以外的内容（网址 javascript:alert(1)）"),
    "another host among its relations": (lambda data: data["relations"].setdefault("JYJ/2025-00003", {}).setdefault(
        "interprets", []).append(_link("https://evil.invalid/a")), "E701 ", "写了本单位以外的内容（网址 https://evil.invalid/a）"),
}


@pytest.mark.parametrize("case", HANDED_OVER)
def test_what_the_assembly_prints_from_a_unit_manifest_is_checked(platform: Path, case):
    """The relations are filled into the unit's pages (a page linking across units) and the newest titles into the
    platform's home and feed after the merge checked the pages: they went out unchecked (exit 0)."""
    edit, code, reason = HANDED_OVER[case]
    _withheld_body(platform)
    manifest = platform / "build/units/jyj" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    edit(data)
    manifest.unlink()
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(platform, f"build/units/jyj/{MANIFEST}:1: {code}", reason)


def test_a_formula_in_a_units_catalogue_export_is_refused(platform: Path):
    """The unit's catalogue.csv is published and joined into the platform's: Excel or WPS runs a cell starting
    with = as a formula (a link out, a DDE command); the build writes such a cell with ' in front."""
    export = platform / "build/units/jyj/jyj/catalogue.csv"
    rows = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8-sig"), newline="")))
    rows[1][rows[0].index("标题")] = '=HYPERLINK("https://evil.invalid/","点击查看")'
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    export.unlink()
    export.write_bytes(out.getvalue().encode("utf-8-sig"))
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, e700(*JYJ, "jyj/catalogue.csv") + "目录导出中有单元格以 = + - @ 开头")


def test_folders_nested_past_the_walk_are_a_coded_line(platform: Path):
    """A thousand folders one inside the other: the merge's walk recursed into each and ended in 内部错误."""
    folders = [platform / "build/units/jyj/jyj/a"]
    for _ in range(1100):
        folders[-1].mkdir()
        folders.append(folders[-1] / "a")
    try:
        refused(platform, "目录层次超过 64 层，单位生成的目录不会这么深")
    finally:   # from the deepest up: pytest's own clean-up of old temporary folders recurses too
        for folder in reversed(folders[:-1]):
            folder.rmdir()


# --- what the merge checked is what it links ------------------------------------------------------


def _merge_in_process(root: Path, monkeypatch):
    from disclosure.platform import merge as merging
    from .sitekit import FIXED_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    return merging, merging.read_config(root)


def test_a_file_renamed_over_a_checked_one_before_its_link_is_refused(platform: Path, monkeypatch):
    """The job swaps its page for another file while the merge runs (a rename is atomic: the merge saw the
    first file whole, then linked the second)."""
    merging, config = _merge_in_process(platform, monkeypatch)
    page = platform / "build/units/jyj" / UNIT_PAGE
    swapped = platform.parent / "swapped.html"   # beside the unit's folder: the walk never meets it
    swapped.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>联系电话 13800138000</p></main>"),
                       encoding="utf-8")
    place = merging._place

    def racing(source: str, target: Path, folders: set) -> bool:
        if source == str(page) and swapped.exists():
            os.replace(swapped, page)
        return place(source, target, folders)

    monkeypatch.setattr(merging, "_place", racing)
    before = fingerprint(platform / "site")
    with pytest.raises(merging.AssemblyError) as refusal:
        merging.merge(config, platform / "build/units", platform / "site")
    assert f"build/units/jyj/{UNIT_PAGE}:1: E700 " in str(refusal.value)
    assert fingerprint(platform / "site") == before and "13800138000" not in str(before)


def test_a_unit_manifest_changed_between_its_two_reads_is_refused(platform: Path, monkeypatch):
    """The assembly prints the titles of the unit.json read first; the check read it a second time."""
    merging, config = _merge_in_process(platform, monkeypatch)
    manifest = platform / "build/units/jyj" / MANIFEST
    clean = manifest.read_bytes()
    data = json.loads(clean)
    data["feed"][0]["title"] = "联系电话 13800138000"
    read = merging.read_manifest

    def racing(site_dir: Path, unit_id: str, *args, **kwargs):
        if unit_id != "jyj":
            return read(site_dir, unit_id, *args, **kwargs)
        manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        try:
            return read(site_dir, unit_id, *args, **kwargs)
        finally:
            manifest.write_bytes(clean)

    monkeypatch.setattr(merging, "read_manifest", racing)
    with pytest.raises(merging.AssemblyError) as refusal:
        merging.merge(config, platform / "build/units", platform / "site")
    assert e700(*JYJ, MANIFEST) + "交接文件 unit.json 在合并期间被改动" in str(refusal.value)
    assert "13800138000" not in (platform / "site/feed.xml").read_text(encoding="utf-8")


# --- the incremental merge's trust ------------------------------------------------------------------


def _merged_an_hour_ago(platform: Path) -> tuple[Path, str, float]:
    """The copy as a merge an hour after its units' builds left it; the page and what a department sends anew."""
    page = platform / "build/units/jyj" / UNIT_PAGE
    hour_ago = time.time() - 3600
    for folder, _, names in os.walk(platform / "build/units"):
        for name in names:
            os.utime(os.path.join(folder, name), (hour_ago, hour_ago))
    record_as_merged(platform)
    return page, page.read_text(encoding="utf-8").replace("</main>", "<p>联系电话 13800138000</p></main>"), hour_ago


def test_a_file_copied_in_place_keeping_its_time_is_read_again(platform: Path):
    """The webmaster copies a department's new page over the old one with `cp -p` (unit.json left as merged):
    cp writes into the file site/ shares, and sets its old time. The merge trusted it as already checked."""
    page, text, hour_ago = _merged_an_hour_ago(platform)
    sent = platform.parent / "sent.html"
    sent.write_text(text, encoding="utf-8")
    os.utime(sent, (hour_ago, hour_ago))
    subprocess.run(["cp", "-p", str(sent), str(page)], check=True)
    refused(platform, e700(*JYJ, UNIT_PAGE) + "文件内容与交接清单中的校验值（SHA-256）不符",
            f"它与已发布网站的 site/{UNIT_PAGE} 是同一个文件（硬链接），网站上的这个文件也已被改动")


def test_a_replaced_file_with_its_old_time_is_read_again(platform: Path):
    """Held: unit.json as merged, the page a new file (the old one deleted) with the old time put back."""
    page, text, hour_ago = _merged_an_hour_ago(platform)
    page.unlink()
    page.write_text(text, encoding="utf-8")
    os.utime(page, (hour_ago, hour_ago))
    refused(platform, e700(*JYJ, UNIT_PAGE) + "文件内容与交接清单中的校验值（SHA-256）不符")


def test_extra_artefacts_a_job_uploads_are_never_merged_as_units(platform: Path):
    """The GitHub merge job renames build/units/unit-<x>/ to build/units/<x>/ (its own step, run as written)."""
    units = platform / "build/units"
    for name in ("unit-zzz", "unit-gov.x"):
        (units / name / "zzz").mkdir(parents=True)
        (units / name / "zzz/index.html").write_text("<p>冒充的页面</p>", encoding="utf-8")
    subprocess.run(["bash", "-e", "-c", _github_step("Name each folder by its unit")], cwd=platform, check=True)
    refused(platform, "build/units/zzz:1: E700 catalogue.yaml 中已没有单位“zzz”")


def _github_step(name: str) -> str:
    import yaml
    from .test_platform_workflows import GITHUB
    return next(s for s in yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]["merge"]["steps"]
                if s.get("name") == name)["run"]


def test_folders_or_links_where_the_merge_keeps_its_record_never_end_it_half_way(platform: Path):
    """Artefacts named unit-.merged.json… become folders of the record's names (the workflow's renaming step);
    a link at another. The merge swapped site/ in and then ended in 内部错误 writing its record (exit 3)."""
    units = platform / "build/units"
    for name in (".merged.json", ".merged.json.writing", ".merged.settled", ".content.json", ".content.json.writing"):
        (units / name).unlink(missing_ok=True)
        (units / f"unit-{name}").mkdir()
    subprocess.run(["bash", "-e", "-c", _github_step("Name each folder by its unit")], cwd=platform, check=True)
    outside = platform.parent / "outside.txt"
    outside.write_text("机器上的文件", encoding="utf-8")
    (units / ".merged.settled.writing").symlink_to(outside)
    done = disclosure(platform, "merge")
    assert done.returncode == 0 and "已合并 3 个单位" in done.stderr, done.stdout + done.stderr
    assert outside.read_text(encoding="utf-8") == "机器上的文件" and (platform / "site/index.html").is_file()


# --- attachments: arithmetic over cells -----------------------------------------------------------


def _sheet(cells: dict[str, object]):
    def edit(workbook) -> None:
        for cell, value in cells.items():
            workbook.active[cell] = value
    return sheet_with(edit)


def _ods_sheet(cells: str) -> bytes:
    return archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": ODS_MANIFEST,
                    "content.xml": _ods_content(cells)})


def _ods_cell(value: str) -> str:
    return f'<table:table-cell office:value-type="float" office:value="{value}"/>'


PLACED = {   # each shows 13800138000 or 110101199003077715, which no cell holds
    "a.xlsx": {"A1": 1380013, "B1": 8000, "C1": "=A1*10000+B1"},
    "b.xlsx": {"A1": 1380013, "B1": 8000, "C1": "=SUM(A1*10000,B1)"},
    "c.xlsx": {"A1": 1380013, "B1": 8000, "C1": "=PRODUCT(A1,10^4)+B1"},
    "d.xlsx": {"A1": 110101199, "B1": 3, "C1": "077715", "D1": "=(A1*1000+B1)&C1"},
    "e.xlsx": {"A1": "1380013", "B1": 8000, "C1": "=-(-A1)*1E4+B1"},   # a text of digits is a number to +
}
PLACED_ODS = {   # the same in an .ods (LibreOffice, WPS): A1 1380013, B1 8000
    "f.ods": _ods_cell("1380013") + _ods_cell("8000") + '<table:table-cell table:formula="of:=[.A1]*10000+[.B1]"/>',
}


def test_a_number_a_formula_computes_from_other_cells_is_refused(tmp_path: Path):
    """One check for every case: each attachment's own E400 line."""
    attachments = {**{name: _sheet(cells) for name, cells in PLACED.items()},
                   **{name: _ods_sheet(cells) for name, cells in PLACED_ODS.items()}}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": name}
                                                                     for name in attachments]),
             **{f"policies/files/{name}": data for name, data in attachments.items()}}
    run = check(write_site(tmp_path, files))
    lines = [line for line in run.coded_lines() if " E400 " in line]
    for name in attachments:
        assert any(name in line and ("138****8000" in line or ID_MASKED in line) for line in lines), (name, run.output)


def test_everyday_arithmetic_over_cells_gives_no_line(tmp_path: Path):
    """Sums, products, shares and 万元 to 元: worked out, no number of a person among them; ROUND and IF not worked out."""
    cells = {"A1": 1234.5, "A2": 6789, "A3": 12, "B1": "=SUM(A1:A3)", "B2": "=A1*A2", "B3": "=A2/A3",
             "B4": "=A1*10000", "B5": "=ROUND(A1*A2,2)", "B6": '=IF(A1>0,A2/A1,0)', "B7": '=A3&"个"', "B8": "=A1+A2-A3%",
             "B9": "=SUM(A1:A3)/3*100"}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": "files/a.xlsx", "title": "表"}]),
             "policies/files/a.xlsx": _sheet(cells)}
    run = check(write_site(tmp_path, files))
    assert run.returncode == 0 and run.coded_lines() == [], run.output
