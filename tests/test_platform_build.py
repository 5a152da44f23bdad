"""A platform built by MkDocs: whole (every unit in one run) and one unit at a time, page for page the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from disclosure.pages.slots import PARTIALS, fill, slot_content, start_marker

from .platformkit import UNITS, site_files, write_platform
from .sitekit import build, write_site



@pytest.fixture(scope="module")
def built(toy_platform_both_ways) -> dict[str, Path]:
    """The full build at "full", each unit's own build at its id, their merge at "merged" (conftest.py)."""
    both = toy_platform_both_ways
    assert "未经检查" not in both.merged.stdout + both.merged.stderr   # the other units' files are left out without a word
    return {"full": both.full, "merged": both.root / "site", **{unit: both.root / "build/units" / unit for unit in UNITS}}


def text(folder: Path, path: str) -> str:
    return (folder / path).read_text(encoding="utf-8")


def slot(html: str, name: str) -> str:
    return slot_content(html, name)


def outside_slots(data: bytes) -> bytes:
    text = data.decode("utf-8")
    for name in PARTIALS:
        while start_marker(name) in text and slot_content(text, name):
            text = fill(text, name, "")
    return text.encode("utf-8")


def primary_nav(html: str) -> list[str]:
    """The names in the page's main navigation (Material's primary nav)."""
    start = html.index("md-nav--primary")
    nav = html[start:html.index('class="md-content"', start)]
    return re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', nav)


def test_the_merge_of_the_units_built_alone_is_the_full_build_byte_for_byte(built):
    full, merged = site_files(built["full"]), site_files(built["merged"])
    assert sorted(merged) == sorted(full)
    assert [path for path in full if full[path] != merged[path]] == []


def test_a_unit_built_alone_writes_its_pages_of_the_full_build_the_same_outside_the_slots(built):
    full = site_files(built["full"])
    for unit in UNITS:
        alone = site_files(built[unit])
        different = [path for path, data in alone.items()
                     if (outside_slots(full[path]) if path.endswith(".html") else full.get(path)) !=
                        (outside_slots(data) if path.endswith(".html") else data)]
        # A unit's exports list the interpretations other units made of its documents: only the assembly knows them.
        assert different == ([f"{unit}/catalogue.csv", f"{unit}/catalogue.json"] if unit == "gov" else []), unit
    # Slots differ only where another unit adds something: the home, and a link across units.
    gov, whole = site_files(built["gov"]), full
    assert gov["policies/normative/p1/index.html"] == whole["policies/normative/p1/index.html"]
    assert gov["policies/normative/p2/index.html"] != whole["policies/normative/p2/index.html"]
    pages = {unit: {p for p in site_files(built[unit]) if p.endswith(".html")} for unit in UNITS}
    assert "jyj/interpretations/n2/index.html" in pages["jyj"] and not any(p.startswith("jyj/") for p in pages["gov"])
    assert not any(p.startswith(("nanqu/", "guide/", "policies/")) for p in pages["jyj"])
    # Every page of the full build comes from exactly one unit's build.
    assert set().union(*pages.values()) == {p for p in full if p.endswith(".html")}


def test_the_platform_home_lists_the_departments_by_group_and_the_governments_own_section(built):
    home = text(built["full"], "index.html")
    directory = slot(home, "platform-directory")
    assert directory.index("政府部门") < directory.index("测试市教育局") < directory.index("县区") < directory.index("测试市南区人民政府")
    assert re.search(r'<a href="jyj/"[^>]*>测试市教育局</a> <span class="dc-count">（3）</span>', directory)
    assert re.search(r'<a href="nanqu/"[^>]*>测试市南区人民政府</a> <span class="dc-count">（1）</span>', directory)
    latest = slot(home, "platform-latest")
    assert latest.index("解读JYJ/2025-00003") < latest.index("测试政策2") < latest.index("南区指南")   # every unit's, newest first
    # The government's build alone knows the directory from catalogue.yaml (no counts) and its own documents.
    alone = text(built["gov"], "index.html")
    assert re.search(r'<a href="jyj/"[^>]*>测试市教育局</a></li>', slot(alone, "platform-directory"))
    assert "南区指南" not in slot(alone, "platform-latest") and "测试政策2" in slot(alone, "platform-latest")
    own = home.split('id="dc-own"', 1)[1]
    assert "测试市人民政府" in own and 'href="policies/normative/"' in own and 'href="gov/catalogue.csv"' in own


def test_every_page_shows_only_its_own_units_navigation(built):
    site = built["full"]
    government = primary_nav(text(site, "policies/normative/p1/index.html"))
    education = primary_nav(text(site, "jyj/fees/fees/index.html"))
    district = primary_nav(text(site, "nanqu/guide/guide/index.html"))
    assert government[0] == "首页" and "教育收费" not in government and "测试市教育局" not in government
    assert education[0] == "测试市教育局" and "教育收费" in education
    assert district == ["测试市南区人民政府", "政府信息公开指南", "政策解读"]   # its own tree: no 政策文件, no 年报
    # Listings are in their unit's navigation too, and the site header leads to the platform home.
    assert primary_nav(text(site, "jyj/guide/index.html")) == education
    assert 'class="md-header__button md-logo"' in text(site, "nanqu/index.html")


def test_a_department_leads_back_to_the_platform_home(built):
    site = built["full"]
    home = text(site, "jyj/index.html")
    assert '<h1>测试市教育局</h1>' in home and '<a href="..">返回测试市政府信息公开平台</a>' in home
    assert 'href="catalogue.csv"' in home   # its own exports, next to its section home
    trail = text(site, "jyj/fees/fees/index.html").split('class="dc-trail"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)">([^<]+)<', trail) == [("../../..", "首页"), ("../../", "测试市教育局"),
                                                              ("../", "教育收费")]
    assert "主办单位：测试市教育局" in home and "联系电话：0000-5550001" in home
    assert 'href="../jyj/feed.xml"' not in home and 'href="feed.xml"' in home   # the department's own feed


def test_relations_inside_a_unit_are_in_the_slot_and_those_across_units_are_left_to_the_assembly(built):
    site = built["full"]
    policy = slot(text(site, "policies/normative/p1/index.html"), "relations")
    assert '<a href="../../../interpretations/n1/">解读CSF/2025-00003</a>' in policy
    # Across units: the assembly's, in the full build as in the merge; a unit build alone leaves the slot empty.
    assert '<a href="../../../jyj/interpretations/n2/">解读JYJ/2025-00003</a>' in slot(text(site, "policies/normative/p2/index.html"), "relations")
    assert '<a href="../../../policies/normative/p2/">测试政策2</a>' in slot(text(site, "jyj/interpretations/n2/index.html"), "relations")
    assert slot(text(built["gov"], "policies/normative/p2/index.html"), "relations") == ""
    assert slot(text(built["jyj"], "jyj/interpretations/n2/index.html"), "relations") == ""


def test_a_unit_hands_the_assembly_its_manifest(built):
    manifest = json.loads(text(built["jyj"], "_unit/jyj/unit.json"))
    assert manifest["unit"] == "jyj" and manifest["name"] == "测试市教育局" and manifest["group"] == "政府部门"
    assert manifest["count"] == 3 and [r["department"] for r in manifest["records"]] == ["jyj"] * 3
    assert manifest["pages"]["JYJ/2025-00003"] == "jyj/interpretations/n2/index.html"
    assert [d["target"] for d in manifest["refs"]["deferred"]] == ["CSF/2025-00002"]
    assert {"loc": "jyj/", "lastmod": "2025-03-02"} in manifest["sitemap"]
    assert [link["url"] for link in manifest["latest"]][0] == "jyj/interpretations/n2/"
    assert manifest["feed"][0]["department_name"] == "测试市教育局"
    government = json.loads(text(built["gov"], "_unit/gov/unit.json"))
    assert government["group"] is None and government["latest"][0]["title"] == "解读CSF/2025-00003"
    assert government["relations"]["CSF/2025-00001"]["interpretations"][0]["url"] == "interpretations/n1/"
    assert (built["jyj"] / "_unit/jyj/search-contribution.bin").is_file()
    assert (built["jyj"] / "search/units/jyj/manifest.json").is_file()


def test_each_units_exports_are_under_its_prefix_and_name_it(built):
    site = built["full"]
    records = json.loads(text(site, "jyj/catalogue.json"))["documents"]
    assert {(r["department"], r["department_name"]) for r in records} == {("jyj", "测试市教育局")}
    assert text(site, "gov/catalogue.csv").splitlines()[0].lstrip("\ufeff").startswith("所属部门,索引号")
    assert "<name>测试市南区人民政府</name>" in text(site, "nanqu/feed.xml")
    assert not (built["jyj"] / "404.html").exists() and (built["gov"] / "404.html").exists()
    assert not (built["full"] / "_unit").exists()   # never published


def test_a_unit_that_is_not_on_the_platform_is_refused_with_the_choices(tmp_path: Path):
    root = write_platform(tmp_path / "repo", search=False)
    run = build(root, env={"DISCLOSURE_UNIT": "nope"})
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "没有 id 为“nope”的部门；可用的：gov、jyj、nanqu" in run.output


def test_a_single_agency_has_no_units_to_build(tmp_path: Path):
    root = write_site(tmp_path / "repo", {"notices/a.md": "---\ntitle: 通知\ntype: notice\nindex_no: T001/2024-00001\n"
                                                          "published: 2024-03-05\n---\n正文。\n"})
    run = build(root, env={"DISCLOSURE_UNIT": "jyj"})
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "只有平台（catalogue.yaml 中写了 departments）才能按部门生成" in run.output
