"""The platform's content model: departments in catalogue.yaml, rules per unit, references between units."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from disclosure.content.catalogue_file import load_catalogue
from disclosure.platform.site import load_platform
from disclosure.rules.check import load_site

TODAY = dt.date(2025, 4, 1)

CATALOGUE = """\
agency:
  name: 测试市人民政府
  index_pattern: '^CSF/\\d{4}-\\d{5}$'
  report_due: "03-31"
platform:
  name: 测试市政府信息公开平台
types:
  guide: {name: 政府信息公开指南}
  policy: {name: 规范性文件, fields: [doc_no], interpretation: required}
  interpretation: {name: 政策解读, fields: [interprets]}
  annual-report: {name: 政府信息公开工作年度报告, fields: [year], due: "01-31"}
catalogue:
  - {id: guide, name: 政府信息公开指南, path: guide, types: [guide], stale_days: 0}
  - id: policies
    name: 政策文件
    path: policies
    children:
      - {id: normative, name: 规范性文件, path: policies/normative, types: [policy], stale_days: 0}
  - {id: interpretations, name: 政策解读, path: interpretations, types: [interpretation], stale_days: 0}
  - {id: reports, name: 年报, path: reports, types: [annual-report], stale_days: 0}
departments:
  - id: jyj
    name: 测试市教育局
    group: 政府部门
    index_pattern: '^JYJ/\\d{4}-\\d{5}$'
    offices: [基础教育科]
    phone: 0000-5550001
    additions:
      - {id: fees, name: 教育收费, path: fees, types: [guide], stale_days: 0}
  - id: nanqu
    name: 测试市南区人民政府
    group: 县区
    catalogue:
      - {id: guide, name: 政府信息公开指南, path: guide, types: [guide], stale_days: 0}
      - {id: notes, name: 政策解读, path: notes, types: [interpretation], stale_days: 0}
"""


def write(root: Path, src_uri: str, front_matter: str, body: str = "正文。\n") -> None:
    path = root / "content" / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + textwrap.dedent(front_matter) + "---\n" + body, encoding="utf-8")


def policy(root: Path, src_uri: str, index_no: str, number: int, published: str = "2025-03-01") -> None:
    write(root, src_uri, f"""\
        title: 测试政策{number}
        type: policy
        index_no: {index_no}
        published: {published}
        doc_no: 测政发〔2025〕{number}号
        """)


def note(root: Path, src_uri: str, index_no: str, interprets: str, published: str = "2025-03-01") -> None:
    write(root, src_uri, f"""\
        title: 解读{index_no}
        type: interpretation
        index_no: {index_no}
        published: {published}
        interprets: {interprets}
        """)


@pytest.fixture
def platform(tmp_path: Path) -> Path:
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    write(tmp_path, "guide/guide.md", "title: 指南\ntype: guide\nindex_no: CSF/2025-00009\npublished: 2025-01-02\n")
    policy(tmp_path, "policies/normative/p1.md", "CSF/2025-00001", 1)
    policy(tmp_path, "policies/normative/p2.md", "CSF/2025-00002", 2)
    note(tmp_path, "interpretations/n1.md", "CSF/2025-00003", "CSF/2025-00001")
    write(tmp_path, "jyj/guide/guide.md", "title: 教育局指南\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-02\n")
    write(tmp_path, "jyj/fees/fees.md", "title: 收费标准\ntype: guide\nindex_no: JYJ/2025-00002\npublished: 2025-01-02\n")
    # The department interprets the government's policy: 谁起草谁解读 across the platform.
    note(tmp_path, "jyj/interpretations/n2.md", "JYJ/2025-00003", "CSF/2025-00002", "2025-03-02")
    write(tmp_path, "nanqu/guide/guide.md", "title: 南区指南\ntype: guide\nindex_no: NQ/2025-00001\npublished: 2025-01-02\n")
    return tmp_path


def lines(found) -> list[str]:
    return [d.as_text() for d in found.diagnostics]


def test_departments_become_units_with_their_own_trees(platform: Path):
    catalogue, problems = load_catalogue(platform / "catalogue.yaml", "catalogue.yaml")
    assert problems == []
    units = catalogue.platform.units
    assert [u.id for u in units] == ["gov", "jyj", "nanqu"]
    jyj = catalogue.unit("jyj")
    assert [c.path for c in jyj.categories()] == ["jyj/guide", "jyj/policies", "jyj/policies/normative",
                                                  "jyj/interpretations", "jyj/reports", "jyj/fees"]
    assert jyj.agency.index_pattern.pattern.startswith("^JYJ")
    assert jyj.agency.departments == ("基础教育科",) and jyj.agency.phone == "0000-5550001"
    assert [c.path for c in catalogue.unit("nanqu").categories()] == ["nanqu/guide", "nanqu/notes"]
    assert catalogue.platform.grouped()[0][0] == "政府部门" and catalogue.platform.grouped()[1][0] == "县区"
    assert catalogue.unit("gov") is catalogue and catalogue.platform.name == "测试市政府信息公开平台"


def test_a_clean_platform_checks_clean_and_links_across_units(platform: Path):
    found = load_platform(platform, today=TODAY, host_config="none.yml")
    assert lines(found) == []
    links = found.cross.of("gov", "CSF/2025-00002")
    assert [r.index_no for r in links["interpretations"]] == ["JYJ/2025-00003"]
    assert [r.index_no for r in found.cross.of("jyj", "JYJ/2025-00003")["interprets"]] == ["CSF/2025-00002"]


def test_a_unit_read_alone_defers_what_another_unit_may_hold(platform: Path):
    """A unit build cannot see the government: its reference waits for the merge, no false E200/E201."""
    for unit in ("gov", "jyj"):
        assert lines(load_platform(platform, today=TODAY, host_config="none.yml", units=[unit])) == []


def test_unresolved_references_across_units_name_file_and_line(platform: Path):
    note(platform, "jyj/interpretations/n3.md", "JYJ/2025-00004", "CSF/2025-09999")
    found = lines(load_platform(platform, today=TODAY, host_config="none.yml"))
    assert any(line.startswith("content/jyj/interpretations/n3.md:6: E200") and "CSF/2025-09999" in line for line in found)


def test_a_policy_nobody_interprets_is_e201_only_once_the_platform_is_known(platform: Path):
    (platform / "content/jyj/interpretations/n2.md").unlink()
    found = lines(load_platform(platform, today=TODAY, host_config="none.yml"))
    assert [line for line in found if " E201 " in line] == [
        "content/policies/normative/p2.md:4: E201 规范性文件须配套政策解读（谁起草谁解读），但没有解读材料指向索引号 CSF/2025-00002；"
        "请新增解读文件并在其 interprets 中填写 CSF/2025-00002"]


def test_late_interpretation_from_another_unit_is_w200(platform: Path):
    note(platform, "jyj/interpretations/n2.md", "JYJ/2025-00003", "CSF/2025-00002", "2025-03-20")
    found = lines(load_platform(platform, today=TODAY, host_config="none.yml"))
    assert any(line.startswith("content/jyj/interpretations/n2.md:5: W200") and "晚 19 天" in line for line in found)


def test_index_numbers_are_unique_per_unit_and_match_the_units_pattern(platform: Path):
    write(platform, "nanqu/notes/x.md", "title: 南区解读\ntype: interpretation\nindex_no: JYJ/2025-00001\n"
                                        "published: 2025-03-01\ninterprets: CSF/2025-00001\n")
    write(platform, "jyj/guide/dup.md", "title: 重复\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-03\n")
    write(platform, "jyj/guide/bad.md", "title: 格式\ntype: guide\nindex_no: CSF/2025-00077\npublished: 2025-01-03\n")
    found = lines(load_platform(platform, today=TODAY, host_config="none.yml"))
    duplicates = [line for line in found if " E103 " in line]
    # The same 索引号 in two departments is theirs to give; twice in one department is not.
    assert duplicates and all(line.startswith("content/jyj/guide/") for line in duplicates)
    assert any(line.startswith("content/jyj/guide/bad.md:4: E104") for line in found)
    assert not any(line.startswith("content/nanqu/notes/x.md") and " E10" in line for line in found)


def test_annual_reports_are_due_per_unit(platform: Path):
    write(platform, "reports/2023.md", "title: 2023年报\ntype: annual-report\nindex_no: CSF/2024-00001\n"
                                       "published: 2024-03-01\nyear: 2023\n")
    write(platform, "jyj/reports/2023.md", "title: 2023年报\ntype: annual-report\nindex_no: JYJ/2024-00001\n"
                                           "published: 2024-01-20\nyear: 2023\n")
    found = lines(load_platform(platform, today=dt.date(2025, 3, 1), host_config="none.yml"))
    overdue = [line for line in found if " W300 " in line]
    # The department's 2024 report was due on 2025-01-31; the government's own is due on 03-31.
    assert len(overdue) == 1 and "【测试市教育局】2024 年度" in overdue[0] and "2025-01-31" in overdue[0]


def test_department_ids_may_not_take_a_government_folder_or_be_malformed(tmp_path: Path):
    bad = CATALOGUE.replace("id: nanqu", "id: policies").replace("id: jyj", "id: Jiao Yu")
    (tmp_path / "catalogue.yaml").write_text(bad, encoding="utf-8")
    _, problems = load_catalogue(tmp_path / "catalogue.yaml", "catalogue.yaml")
    texts = [p.as_text() for p in problems]
    assert any(" E102 " in t and "“Jiao Yu”" in t for t in texts)
    assert any(" E102 " in t and "“policies”已被政府本级栏目" in t for t in texts)


def test_a_department_folder_that_is_a_link_is_refused(platform: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "guide").mkdir()
    import shutil
    shutil.rmtree(platform / "content/nanqu")
    (platform / "content/nanqu").symlink_to(outside, target_is_directory=True)
    found = lines(load_platform(platform, today=TODAY, host_config="none.yml"))
    assert any(line.startswith("content/nanqu:1: E112") for line in found)


def test_a_single_agency_is_not_a_platform(tmp_path: Path):
    single = CATALOGUE.split("departments:")[0].replace("platform:\n  name: 测试市政府信息公开平台\n", "")
    (tmp_path / "catalogue.yaml").write_text(single, encoding="utf-8")
    catalogue, problems = load_catalogue(tmp_path / "catalogue.yaml", "catalogue.yaml")
    assert problems == [] and catalogue.platform is None and catalogue.unit_id is None
    site = load_site(tmp_path, today=TODAY, host_config="none.yml")
    assert site.unit_id is None


def test_platform_settings_without_departments_are_an_error(tmp_path: Path):
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE.split("departments:")[0], encoding="utf-8")
    _, problems = load_catalogue(tmp_path / "catalogue.yaml", "catalogue.yaml")
    assert [p.code for p in problems] == ["E102"] and "departments" in problems[0].message


def test_checking_units_in_worker_processes_finds_the_same_problems(platform: Path):
    note(platform, "jyj/interpretations/n3.md", "JYJ/2025-00004", "CSF/2025-09999")
    write(platform, "nanqu/guide/dup.md", "title: 重复\ntype: guide\nindex_no: NQ/2025-00001\npublished: 2025-01-03\n")
    in_one = load_platform(platform, today=TODAY, host_config="none.yml")
    in_workers = load_platform(platform, today=TODAY, host_config="none.yml", keep_sites=False, jobs=2)
    assert lines(in_workers) == lines(in_one) and len(lines(in_one)) == 3
    assert in_workers.sites == [] and [r.unit for r in in_workers.unit_refs] == ["gov", "jyj", "nanqu"]
