"""A platform as readers and inspectors use it: relations across units in the exports and on the pages,
a 索引号 two units share, and nothing of the build's own in a published page (issue 25, points 1–4)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure.pages.slots import slot_content

from .platformkit import UNITS, site_files, write_platform
from .sitekit import build, check, environment
from .test_platform_core import note, write


def add_cross_unit_documents(root: Path) -> None:
    """The toy platform plus: a government policy repealed and replaced by the 教育局's, whose 索引号 the
    南区 happens to use as well (the guide allows it), so the government names the unit: ``jyj:JYJ/2025-00010``."""
    write(root, "jyj/policies/normative/p10.md", "title: 测试政策10\ntype: policy\nindex_no: JYJ/2025-00010\n"
                                                 "published: 2025-03-05\ndoc_no: 测教发〔2025〕10号\n")
    note(root, "jyj/interpretations/n11.md", "JYJ/2025-00011", "JYJ/2025-00010", "2025-03-05")
    write(root, "nanqu/guide/same.md", "title: 南区同号指南\ntype: guide\nindex_no: JYJ/2025-00010\npublished: 2025-01-03\n")
    write(root, "policies/normative/p4.md", "title: 测试政策4\ntype: policy\nindex_no: CSF/2025-00004\n"
                                            "published: 2025-01-04\ndoc_no: 测政发〔2025〕4号\nvalidity: 废止\n"
                                            "superseded_by: jyj:JYJ/2025-00010\n")
    note(root, "interpretations/n4.md", "CSF/2025-00005", "CSF/2025-00004", "2025-01-04")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = write_platform(tmp_path_factory.mktemp("readers") / "repo")
    add_cross_unit_documents(root)
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    for unit in UNITS:
        run = build(root, strict=True, env={"DISCLOSURE_UNIT": unit}, site_dir=root / "units" / unit)
        assert run.returncode == 0, run.output
    merged = subprocess.run([sys.executable, "-m", "disclosure.cli.main", "merge", "--units-dir", "units", "--site-dir", "merged"],
                            cwd=root, capture_output=True, text=True, env=environment(), timeout=300)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    return {"root": root, "full": root / "site", "merged": root / "merged", "gov": root / "units" / "gov"}


def records(folder: Path, path: str) -> dict[str, dict]:
    return {(r["department"], r["index_no"]): r for r in json.loads((folder / path).read_text(encoding="utf-8"))["documents"]}


def csv_rows(folder: Path, path: str) -> dict[tuple[str, str], dict]:
    rows = csv.DictReader(io.StringIO((folder / path).read_text(encoding="utf-8-sig")))
    return {(row["所属部门"], row["索引号"]): row for row in rows}


@pytest.mark.parametrize("site", ["full", "merged"])
def test_exports_list_relations_across_units_as_they_list_those_within_a_unit(built, site):
    folder = built[site]
    for path in ("gov/catalogue.json", "catalogue.json"):
        found = records(folder, path)
        within = found[("gov", "CSF/2025-00001")]
        assert within["interpretations"] == ["CSF/2025-00003"]
        across = found[("gov", "CSF/2025-00002")]   # interpreted by the 教育局
        assert across["interpretations"] == ["JYJ/2025-00003"]
        assert found[("gov", "CSF/2025-00004")]["superseded_by"] == "jyj:JYJ/2025-00010"
    for path in ("jyj/catalogue.json", "catalogue.json"):
        assert records(folder, path)[("jyj", "JYJ/2025-00010")]["replaces"] == ["CSF/2025-00004"]
        assert records(folder, path)[("jyj", "JYJ/2025-00010")]["interpretations"] == ["JYJ/2025-00011"]
    for path in ("gov/catalogue.csv", "catalogue.csv"):
        rows = csv_rows(folder, path)
        assert rows[("测试市人民政府", "CSF/2025-00002")]["解读材料"] == "JYJ/2025-00003"
        assert rows[("测试市人民政府", "CSF/2025-00001")]["解读材料"] == "CSF/2025-00003"
    assert csv_rows(folder, "catalogue.csv")[("测试市教育局", "JYJ/2025-00010")]["所替代文件"] == "CSF/2025-00004"


@pytest.mark.parametrize("site", ["full", "merged"])
def test_a_document_replaced_by_another_units_shows_the_current_one_in_its_banner(built, site):
    page = (built[site] / "policies/normative/p4/index.html").read_text(encoding="utf-8")
    banner = slot_content(page, "banner")
    assert "本文件废止" in banner and "现行文件" in banner
    assert '<a href="../../../jyj/policies/normative/p10/">测试政策10</a>' in banner and "测试市教育局" in banner
    assert page.index("本文件废止") < page.index("<h1>测试政策4</h1>")
    # The government's build alone cannot know the current document: it says only that this one is repealed.
    alone = slot_content((built["gov"] / "policies/normative/p4/index.html").read_text(encoding="utf-8"), "banner")
    assert "本文件废止" in alone and "<a " not in alone
    current = (built[site] / "jyj/policies/normative/p10/index.html").read_text(encoding="utf-8")
    assert "本文件替代了" in current and 'href="../../../../policies/normative/p4/"' in current


def test_the_same_site_whole_or_merged_and_no_build_mark_in_a_published_page(built):
    full, merged = site_files(built["full"]), site_files(built["merged"])
    assert [path for path in full if full[path] != merged.get(path)] == []
    marked = [path for path, data in full.items() if path.endswith(".html") and b"<!--" in data]
    assert marked == []


def test_a_shared_index_number_is_named_with_its_unit_and_a_plain_one_is_refused_with_that_fix(built, tmp_path):
    root = write_platform(tmp_path / "repo", search=False)
    add_cross_unit_documents(root)
    policy = root / "content/policies/normative/p4.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace("jyj:JYJ/2025-00010", "JYJ/2025-00010"), encoding="utf-8")
    run = check(root)
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "content/policies/normative/p4.md:8: E200" in run.output
    assert "平台上有多个部门使用这个索引号" in run.output and "如 jyj:JYJ/2025-00010" in run.output
    assert check(built["root"]).returncode == 0


def test_the_platform_housekeeping_is_written_down_where_adopters_and_editors_look():
    from .sitekit import REPO
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    platform = readme.split("## Running a platform", 1)[1].split("\n## ", 1)[0]
    layout = platform.split("```\ncatalogue.yaml", 1)[1].split("```", 1)[0]
    # The layout at a repository's root names the example's real files.
    assert "yjj/" in layout and "2025-hazard-reporting.md" in layout and "build/units/<id>/" in layout
    assert (REPO / "examples/platform/content/yjj/policies/normative/2025-hazard-reporting.md").is_file()
    assert "`gov/catalogue.json|csv`" in platform and "relative to the platform's root" in platform
    assert "`<unit>:<索引号>`" in platform
    guide = (REPO / "docs/editor-guide.md").read_text(encoding="utf-8")
    chapter = guide.split("## 十六、", 1)[1]
    assert "`单位标识:索引号`" in chapter and "`url` 都相对于平台网站的根目录" in chapter
    assert "`gov/catalogue.json`" in chapter
    ignored = subprocess.run(["git", "check-ignore", "-q", "build/units/gov/index.html"], cwd=REPO)
    assert ignored.returncode == 0   # disclosure build's output never ends up in a commit
