"""The assembly and `disclosure merge` on hand-made unit outputs (platform design, section 6).

The units' folders are written as a unit build leaves them (tests/unitkit.py); the real
`assemble` and the real `disclosure merge` command run on them. The build side (MkDocs writing
these folders) is tested with real builds in test_platform_build_identity.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from disclosure.platform.assembly import AssemblyError, PlatformSettings, assemble
from disclosure.pages.exports import CSV_COLUMNS, catalogue_csv, catalogue_json, join_catalogue_csv, join_catalogue_json
from disclosure.pages.slots import slot_content
from disclosure.pages.urls import relative_url
from disclosure.platform.unit_manifest import seal_unit_manifest

from .sitekit import REPO, Run, _run
from .test_platform_core import CATALOGUE
from .unitkit import SITE_URL, toy_units, write_units

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
GROUPS = ("政府部门", "县区", "乡镇街道")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def full_output(folder: Path, units=None) -> Path:
    """Every unit's output in one folder, as the full build's staging folder holds them."""
    for unit in units or toy_units():
        unit.write(folder)
    return folder


def run_assembly(folder: Path):
    return assemble(folder, PlatformSettings(["gov", "jyj", "nanqu"], "测试市政府信息公开平台", GROUPS, SITE_URL,
                                             [REPO / "overrides"]))


@pytest.fixture
def assembled(tmp_path: Path) -> Path:
    site = full_output(tmp_path / "site")
    run_assembly(site)
    return site


def slot_text(page: Path, name: str) -> str:
    return slot_content(page.read_text(encoding="utf-8"), name)


def test_relations_across_units_are_filled_on_both_pages(assembled: Path):
    policy = slot_text(assembled / "policies/normative/p2/index.html", "relations")
    assert "政策解读" in policy and 'href="../../../jyj/interpretations/n2/"' in policy and "解读JYJ/2025-00003" in policy
    note = slot_text(assembled / "jyj/interpretations/n2/index.html", "relations")
    assert "解读的文件" in note and 'href="../../../policies/normative/p2/"' in note and "测政发〔2025〕2号" in note
    assert "测试市人民政府 · " in note   # a link to another unit names that unit
    # Pages without a link across units keep what their unit build rendered.
    assert slot_text(assembled / "policies/normative/p1/index.html", "relations") == "<p>单位内</p>"
    assert slot_text(assembled / "nanqu/guide/guide/index.html", "relations") == "<p>单位内</p>"


def test_own_links_stay_beside_the_links_across_units(tmp_path: Path):
    gov, jyj, nanqu = toy_units()
    # The policy p1 is interpreted in its own unit AND by the department.
    jyj.document("JYJ/2025-00004", "教育局解读p1", "jyj/interpretations/n4", "2025-03-03", type="interpretation",
                 type_name="政策解读", interprets=["CSF/2025-00001"])
    jyj.defer("JYJ/2025-00004", "interprets", "CSF/2025-00001", "content/jyj/interpretations/n4.md")
    site = full_output(tmp_path / "site", [gov, jyj, nanqu])
    run_assembly(site)
    block = slot_text(site / "policies/normative/p1/index.html", "relations")
    assert block.index("interpretations/n1/") < block.index("jyj/interpretations/n4/")   # own unit's first
    assert block.count("<h2") == 1


def test_titles_are_escaped_in_filled_slots(tmp_path: Path):
    gov, jyj, nanqu = toy_units()
    jyj.records[1]["title"] = jyj.refs["records"][1]["title"] = "<script>alert(1)</script>解读"
    site = full_output(tmp_path / "site", [gov, jyj, nanqu])
    run_assembly(site)
    block = slot_text(site / "policies/normative/p2/index.html", "relations")
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_platform_home_gets_directory_and_latest_of_every_unit(assembled: Path):
    home = assembled / "index.html"
    directory = slot_text(home, "platform-directory")
    assert directory.index("政府部门") < directory.index("测试市教育局") < directory.index("县区") < directory.index("测试市南区人民政府")
    assert 'href="jyj/"' in directory and "（2）" in directory and "乡镇街道" not in directory
    latest = slot_text(home, "platform-latest")
    # Newest first across units: 教育局's note (03-02) before the government's policies (03-01).
    assert latest.index("解读JYJ/2025-00003") < latest.index("测试政策2") < latest.index("南区指南")


def test_platform_exports_list_every_unit_in_order_with_the_department(assembled: Path):
    data = json.loads((assembled / "catalogue.json").read_text(encoding="utf-8"))
    assert data["count"] == 6
    assert [d["department"] for d in data["documents"]] == ["gov"] * 3 + ["jyj"] * 2 + ["nanqu"]
    rows = (assembled / "catalogue.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("所属部门,索引号,") and rows[-1].startswith("测试市南区人民政府,NQ/2025-00001,")
    feed = ElementTree.parse(assembled / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert feed.find(f"{ATOM}title").text == "测试市政府信息公开平台" and len(entries) == 6
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "测试市教育局"
    assert [e.find(f"{ATOM}updated").text[:10] for e in entries] == sorted((e.find(f"{ATOM}updated").text[:10] for e in entries), reverse=True)


@pytest.mark.parametrize("sizes", [(3, 2), (0, 2), (2, 0), (0, 0), (1,)])
def test_joined_unit_catalogues_equal_one_catalogue_of_every_record(sizes):
    units = [[{"index_no": f"U{unit}/{n}", "title": f"标题{n}", "department_name": f"单位{unit}", "topics": ["a", "b"],
               **{key: None for key in CSV_COLUMNS if key not in ("index_no", "title", "topics")}} for n in range(size)]
             for unit, size in enumerate(sizes)]
    every = [record for records in units for record in records]
    joined = "".join(join_catalogue_json([catalogue_json(records) for records in units], len(every)))
    assert joined == catalogue_json(every) and json.loads(joined)["count"] == len(every)
    assert b"".join(join_catalogue_csv(catalogue_csv(records, True) for records in units)) == catalogue_csv(every, True)
    with pytest.raises(ValueError):
        "".join(join_catalogue_json([catalogue_json(records) for records in units], len(every) + 1))


def locations(sitemap: Path) -> list[str]:
    return [u.find(f"{SITEMAP}loc").text for u in ElementTree.parse(sitemap).getroot()]


def test_sitemap_indexes_every_units_own_and_its_gzip_is_deterministic(assembled: Path, tmp_path: Path):
    """A sitemap holds 50,000 URLs at most: the root indexes one sitemap per unit, in its folder."""
    assert ElementTree.parse(assembled / "sitemap.xml").getroot().tag == f"{SITEMAP}sitemapindex"
    assert locations(assembled / "sitemap.xml") == [f"{SITE_URL}{unit}/sitemap.xml" for unit in ("gov", "jyj", "nanqu")]
    locs = [loc for unit in ("gov", "jyj", "nanqu") for loc in locations(assembled / unit / "sitemap.xml")]
    assert locs[0] == SITE_URL and SITE_URL + "jyj/interpretations/n2/" in locs and SITE_URL + "nanqu/" in locs
    assert len(locs) == 6 + 3 and not any("/jyj/" in loc for loc in locations(assembled / "nanqu" / "sitemap.xml"))
    for sitemap in ("sitemap.xml", "jyj/sitemap.xml"):
        packed = (assembled / f"{sitemap}.gz").read_bytes()
        assert packed[4:8] == b"\0\0\0\0"   # mtime 0
        assert gzip.decompress(packed) == (assembled / sitemap).read_bytes()
    again = full_output(tmp_path / "again")
    run_assembly(again)
    assert tree_hashes(again) == tree_hashes(assembled)


def test_search_is_assembled_and_hand_over_removed(assembled: Path):
    manifest = json.loads((assembled / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert [u[0] for u in manifest["units"]] == ["gov", "jyj", "nanqu"]
    assert (assembled / "search" / "units" / "jyj" / "manifest.json").exists()
    assert not (assembled / "_unit").exists()


def test_an_unresolved_reference_fails_with_file_and_line(tmp_path: Path):
    gov, jyj, nanqu = toy_units()
    jyj.defer("JYJ/2025-00003", "interprets", "CSF/2025-09999", "content/jyj/interpretations/n2.md", line=6)
    site = full_output(tmp_path / "site", [gov, jyj, nanqu])
    with pytest.raises(AssemblyError) as failed:
        run_assembly(site)
    assert failed.value.lines[0].startswith("content/jyj/interpretations/n2.md:6: E200 ")
    assert "CSF/2025-09999" in failed.value.lines[0]


def test_a_missing_hand_over_or_slot_names_the_unit_and_the_fix(tmp_path: Path):
    site = full_output(tmp_path / "site")
    (site / "_unit" / "nanqu" / "unit.json").unlink()
    with pytest.raises(AssemblyError, match="disclosure build --unit nanqu"):
        run_assembly(site)
    site = full_output(tmp_path / "again")
    (site / "policies/normative/p2/index.html").write_text("<p>旧版本的页面</p>", encoding="utf-8")
    with pytest.raises(AssemblyError, match="policies/normative/p2/index.html:1: E701 页面中没有“relations”占位区.*disclosure build --unit gov"):
        run_assembly(site)


@pytest.mark.parametrize("url, page, expected", [
    ("jyj/n2/", "policies/p2/index.html", "../../jyj/n2/"),
    ("jyj/n2/", "index.html", "jyj/n2/"),
    ("", "jyj/index.html", ".."),
    ("catalogue.csv", "index.html", "catalogue.csv"),
    ("https://example.invalid/x", "a/index.html", "https://example.invalid/x"),
    ("policies/p2/", "policies/p1/index.html", "../p2/"),
])
def test_relative_urls_match_mkdocs(url: str, page: str, expected: str):
    from mkdocs.utils import normalize_url   # the build's `url` filter; the assembly may not import it

    class Page:   # what normalize_url reads of a page
        url = page
    assert relative_url(url, page) == expected == normalize_url(url, Page())


# --- disclosure merge ---------------------------------------------------------------------------------


@pytest.fixture
def platform_root(tmp_path: Path) -> Path:
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\ntheme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n"
                                         "plugins:\n  - disclosure\n", encoding="utf-8")
    write_units(tmp_path / "build" / "units", toy_units())
    return tmp_path


def disclosure(root: Path, *args: str) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", *args, "--root", str(root)], Path.cwd())


def test_merge_builds_the_same_site_as_the_assembly_of_one_folder(platform_root: Path, tmp_path: Path):
    done = disclosure(platform_root, "merge")
    assert done.returncode == 0, done.stderr
    assert "已合并 3 个单位" in done.stderr
    full = full_output(tmp_path / "full")
    run_assembly(full)
    merged = tree_hashes(platform_root / "site")
    assert merged == tree_hashes(full)
    assert not (platform_root / "site.merging").exists()


def test_merge_never_writes_into_the_units_folders(platform_root: Path):
    units = platform_root / "build" / "units"
    before = tree_hashes(units)
    assert disclosure(platform_root, "merge").returncode == 0
    after = tree_hashes(units)
    # the merge's own records of what it verified and read (platform/merge_state.py) and its lock (merge_lock.py),
    # never published
    from disclosure.platform import merge_lock, merge_state
    for record in (merge_state.STATE, merge_state.SETTLED, merge_state.SEEN, merge_lock.LOCK):
        after.pop(record, None)
    assert after == before
    # Pages are hard links into the units' folders (the file system of tmp_path allows them).
    assert (platform_root / "site" / "nanqu/guide/guide/index.html").stat().st_nlink == 2


def test_a_failed_merge_keeps_the_old_site_byte_for_byte(platform_root: Path):
    assert disclosure(platform_root, "merge").returncode == 0
    before = tree_hashes(platform_root / "site")
    hand_over = platform_root / "build/units/jyj/_unit/jyj/unit.json"
    data = json.loads(hand_over.read_text(encoding="utf-8"))
    data["refs"]["deferred"][0]["target"] = "CSF/2025-09999"
    hand_over.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    failed = disclosure(platform_root, "merge")
    assert failed.returncode == 1
    assert "E200" in failed.stderr and "网站未更新：原有网站 site/ 保持不变" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert tree_hashes(platform_root / "site") == before
    assert not (platform_root / "site.merging").exists()


def test_missing_and_stale_unit_folders_name_the_fix(platform_root: Path):
    units = platform_root / "build" / "units"
    (units / "nanqu").rename(units / "xiqu")
    failed = disclosure(platform_root, "merge")
    assert failed.returncode == 1 and not (platform_root / "site").exists()
    assert "缺少单位“测试市南区人民政府”（nanqu）的输出；请先生成它：disclosure build --unit nanqu" in failed.stderr
    assert "catalogue.yaml 中已没有单位“xiqu”，这是过时的输出；请删除该目录" in failed.stderr


def test_a_unit_writing_into_another_units_path_is_refused(platform_root: Path):
    """A department's output may hold only its own folders: a page of the government's, even listed, is E700."""
    units = platform_root / "build" / "units"
    clash = units / "nanqu" / "policies/normative/p2/index.html"
    clash.parent.mkdir(parents=True)
    clash.write_text("<p>南区的同名页面</p>", encoding="utf-8")
    seal_unit_manifest(units / "nanqu", "nanqu")   # even a manifest that lists it does not make it the unit's
    failed = disclosure(platform_root, "merge")
    assert failed.returncode == 1
    assert f"{units}/nanqu/policies/normative/p2/index.html:1: E700 单位“测试市南区人民政府”（nanqu）的输出中，这个文件不在本单位的路径内" \
        in failed.stderr
    assert not (platform_root / "site").exists() and "Traceback" not in failed.stderr


def test_a_folder_copied_from_another_unit_is_stale(platform_root: Path):
    units = platform_root / "build" / "units"
    (units / "jyj" / "_unit" / "nanqu").mkdir()
    failed = disclosure(platform_root, "merge")
    assert failed.returncode == 1 and "含有其他单位（nanqu）的交接文件" in failed.stderr


def test_units_lists_the_unit_ids_for_ci(platform_root: Path):
    done = disclosure(platform_root, "units", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == ["gov", "jyj", "nanqu"]
    assert disclosure(platform_root, "units").stdout.split() == ["gov", "jyj", "nanqu"]


def test_the_assembly_and_the_merge_run_without_mkdocs_loaded():
    code = ("import sys, disclosure.platform.merge, disclosure.platform.builds, disclosure.cli.platform;"
            "print(any(m.split('.')[0] in ('mkdocs', 'material') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
