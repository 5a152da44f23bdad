"""Issue 3 rules: links between documents, required sections, reports, consultations, freshness."""

import copy
import datetime as dt

import pytest

from disclosure.text.outline import normalise_title
from disclosure.rules.check import load_site

from .sitekit import MINI_CATALOGUE, front_matter, interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def run(tmp_path, files, catalogue=None, today=TODAY):
    return load_site(write_site(tmp_path, files, catalogue), today=today)


def found(tmp_path, files, catalogue=None, today=TODAY):
    return [(d.path, d.line, d.code) for d in run(tmp_path, files, catalogue, today).diagnostics]


def notice(index_no, published="2026-11-01", **fields):
    return front_matter(fields.pop("body", "正文。\n"), title=fields.pop("title", "通知"), type="notice",
                        index_no=index_no, published=published, **fields)


# --- links ------------------------------------------------------------------------------------

def test_links_resolve_whatever_the_file_order(tmp_path):
    # "0-note.md" is read before "z-policy.md": resolution waits until every document is known.
    files = {"interpretations/0-note.md": interpretation(), "policies/z-policy.md": policy()}
    site = run(tmp_path, files)
    assert site.diagnostics == []
    assert [d.index_no for d in site.relations.interpretations["T001/2024-00001"]] == ["T001/2024-00002"]
    assert [d.index_no for d in site.relations.interpreted["T001/2024-00002"]] == ["T001/2024-00001"]


def test_an_interpretation_of_several_policies_links_to_each(tmp_path):
    files = {"policies/a.md": policy(), "policies/b.md": policy("T001/2024-00003", title="乙办法", doc_no="测市监规〔2024〕2号"),
             "interpretations/a.md": interpretation(interprets=["T001/2024-00001", "T001/2024-00003"])}
    site = run(tmp_path, files)
    assert site.diagnostics == []
    assert set(site.relations.interpretations) == {"T001/2024-00001", "T001/2024-00003"}


def test_e200_unknown_and_non_public_targets(tmp_path):
    files = paired_policy()
    files["notices/withheld.md"] = notice("T001/2024-00050", disclosure="依申请公开", reason="涉及第三方")
    files["notices/a.md"] = notice("T001/2024-00051", superseded_by="T001/2024-09999")
    files["notices/b.md"] = notice("T001/2024-00052", responds_to="T001/2024-00050")
    problems = found(tmp_path, files)
    assert ("content/notices/a.md", 6, "E200") in problems and ("content/notices/b.md", 6, "E200") in problems
    messages = " ".join(d.message for d in run(tmp_path, files).diagnostics)
    assert "不是主动公开文件" in messages and "站内没有这个索引号" in messages


def test_superseded_by_shows_both_ways(tmp_path):
    files = paired_policy()
    files["policies/old.md"] = policy("T001/2023-00001", title="旧办法", doc_no="测市监规〔2023〕1号", published="2023-01-05",
                                      issued="2023-01-01", validity="已修订", superseded_by="T001/2024-00001")
    files["interpretations/old.md"] = interpretation("T001/2023-00002", interprets="T001/2023-00001", published="2023-01-05")
    site = run(tmp_path, files)
    assert site.diagnostics == []
    assert site.relations.replaced_by["T001/2023-00001"].index_no == "T001/2024-00001"
    assert [d.index_no for d in site.relations.replaces["T001/2024-00001"]] == ["T001/2023-00001"]


def test_e201_policy_without_interpretation_and_optional_types_exempt(tmp_path):
    assert found(tmp_path / "a", {"policies/a.md": policy()}) == [("content/policies/a.md", 4, "E201")]
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["policy"]["interpretation"] = "optional"
    assert found(tmp_path / "b", {"policies/a.md": policy()}, catalogue) == []


def test_e201_a_withheld_interpretation_does_not_count(tmp_path):
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(disclosure="不予公开", reason="内部")}
    assert ("content/policies/a.md", 4, "E201") in found(tmp_path, files)


@pytest.mark.parametrize("published, days, fires", [
    ("2024-03-08", 3, False), ("2024-03-09", 3, True), ("2024-03-05", 0, False), ("2024-03-06", 0, True)])
def test_w200_interpretation_deadline(tmp_path, published, days, fires):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["policy"]["interpretation_days"] = days
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(published=published)}
    assert (("content/interpretations/a.md", 5, "W200") in found(tmp_path, files, catalogue)) is fires


# --- required sections -----------------------------------------------------------------------------

@pytest.mark.parametrize("heading, section", [
    ("一、背景依据", "背景依据"), ("（一）背景依据", "背景依据"), ("(一) 背景依据", "背景依据"), ("1. 背景依据", "背景依据"),
    ("1．背景依据", "背景依据"), ("第一章 背景依据", "背景依据"), ("第二部分　背景依据", "背景依据"), ("背 景 依 据", "背景依据"),
    ("四、政府信息公开行政复议，行政诉讼情况", "政府信息公开行政复议,行政诉讼情况"),
    ("（二）主要内容：", "主要内容"), ("**主要内容**", "主要内容"),
])
def test_section_names_match_after_normalisation(heading, section):
    assert normalise_title(heading) == normalise_title(section)


@pytest.mark.parametrize("heading", ["背景与依据", "一、背景依据说明", "2025年背景依据"])
def test_different_headings_do_not_match(heading):
    assert normalise_title(heading) != normalise_title("背景依据")


def sectioned_catalogue(ordered=False):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["interpretation"]["sections"] = ["背景依据", "主要内容"]
    catalogue["types"]["interpretation"]["ordered"] = ordered
    return catalogue


@pytest.mark.parametrize("body", [
    "## 一、背景依据\n\n说明。\n\n## 二、主要内容\n\n说明。\n",
    "# 背景依据\n\n说明。\n\n### 1.主要内容\n\n说明。\n",
    "背景依据\n========\n\n说明。\n\n（二）主要内容\n--------------\n",
    "#### 第一章 背景依据\n\n##### 第二章 主要内容\n",
])
def test_required_sections_met_at_any_level(tmp_path, body):
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(body=body)}
    assert found(tmp_path, files, sectioned_catalogue(ordered=True)) == []


def test_e300_names_the_missing_section_and_the_type(tmp_path):
    body = "## 一、背景依据\n\n说明。\n\n```\n## 主要内容 (in a code block: not a heading)\n```\n"
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(body=body)}
    site = run(tmp_path, files, sectioned_catalogue())
    [problem] = site.diagnostics
    assert (problem.path, problem.line, problem.code) == ("content/interpretations/a.md", 8, "E300")
    assert "主要内容" in problem.message and "政策解读" in problem.message


def test_e301_names_both_sections_and_only_when_ordered(tmp_path):
    body = "## 二、主要内容\n\n说明。\n\n## 一、背景依据\n\n说明。\n"
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(body=body)}
    assert found(tmp_path / "free", files, sectioned_catalogue(ordered=False)) == []
    [problem] = run(tmp_path / "ordered", files, sectioned_catalogue(ordered=True)).diagnostics
    assert (problem.line, problem.code) == (8, "E301")
    assert "“背景依据”" in problem.message and "“主要内容”" in problem.message


# --- annual reports ---------------------------------------------------------------------------------

def report_catalogue(due="01-31"):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["report"] = {"name": "政府信息公开工作年度报告", "fields": ["year"], "due": due}
    catalogue["catalogue"].append({"id": "reports", "name": "年报", "path": "reports", "types": ["report"], "stale_days": 0})
    return catalogue


def report(year, published):
    return front_matter(title=f"{year}年年报", type="report", index_no=f"T001/{year + 1}-00100", published=published, year=year)


@pytest.mark.parametrize("today, missing", [
    (dt.date(2026, 1, 31), []), (dt.date(2026, 2, 1), [2025]), (dt.date(2027, 2, 1), [2025, 2026])])
def test_w300_each_overdue_year_from_the_first_report(tmp_path, today, missing):
    files = {**paired_policy(), "reports/2023.md": report(2023, "2024-01-20"), "reports/2024.md": report(2024, "2025-01-20")}
    site = run(tmp_path, files, report_catalogue(), today)
    w300 = [d for d in site.diagnostics if d.code == "W300"]
    assert sorted(int(d.message[:4]) for d in w300) == missing
    assert all(d.path == "catalogue.yaml" for d in w300)


def test_w300_government_reports_due_in_march(tmp_path):
    files = {**paired_policy(), "reports/2024.md": report(2024, "2025-03-20")}
    assert not [p for p in found(tmp_path, files, report_catalogue("03-31"), dt.date(2026, 3, 31)) if p[2] == "W300"]
    assert [p for p in found(tmp_path, files, report_catalogue("03-31"), dt.date(2026, 4, 1)) if p[2] == "W300"]


# --- consultations and freshness --------------------------------------------------------------------

def consultation_catalogue():
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["notice"] = {"name": "通知公告"}
    return catalogue


@pytest.mark.parametrize("closes, answered, fires", [
    ("2026-10-23", False, False), ("2026-10-22", False, True), ("2026-01-01", True, False)])
def test_w302_consultation_needs_feedback_after_thirty_days(tmp_path, closes, answered, fires):
    files = {**paired_policy(), "notices/c.md": notice("T001/2026-00001", published="2026-09-01", opens="2026-09-01", closes=closes)}
    if answered:
        files["notices/f.md"] = notice("T001/2026-00002", responds_to="T001/2026-00001")
    assert (("content/notices/c.md", 7, "W302") in found(tmp_path, files, consultation_catalogue())) is fires


def test_w301_stale_and_empty_categories_and_switch_off(tmp_path):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["catalogue"][0]["stale_days"] = 30        # policies: newest 2024-03-05 -> stale
    catalogue["catalogue"][1]["stale_days"] = 0         # interpretations: never
    del catalogue["catalogue"][2]["stale_days"]         # notices: default 365 days, but empty -> 空白栏目
    problems = [p for p in found(tmp_path, paired_policy(), catalogue) if p[2] == "W301"]
    lines = (tmp_path / "catalogue.yaml").read_text(encoding="utf-8").splitlines()
    line_of = {cid: lines.index(f"- id: {cid}") + 1 for cid in ("policies", "notices")}
    assert problems == [("catalogue.yaml", line_of["policies"], "W301"), ("catalogue.yaml", line_of["notices"], "W301")]


def test_w301_not_fired_for_a_fresh_category(tmp_path):
    files = {"policies/a.md": policy("T001/2026-00001", published="2026-11-01", issued="2026-11-01"),
             "interpretations/a.md": interpretation("T001/2026-00002", "T001/2026-00001", published="2026-11-01"),
             "notices/n.md": notice("T001/2026-00003")}
    assert found(tmp_path, files) == []


# --- report tables ---------------------------------------------------------------------------------

TABLE_THREE = """
## 三、收到和处理政府信息公开申请情况

| 项目 | 自然人 | 商业企业 | 总计 |
|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | {new} | 2 | {new_total} |
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 1 |
| 三、本年度办理结果 （一）予以公开 | 5 | 2 | 7 |
| （四）无法提供 1.本机关不掌握相关政府信息 | 4 | 0 | 4 |
| （七）总计 | 9 | 2 | 11 |
| 四、结转下年度继续办理 | 2 | 0 | 2 |
"""


def test_w303_balanced_application_table_passes(tmp_path):
    body = TABLE_THREE.format(new=10, new_total=12)
    files = {**paired_policy(), "reports/2025.md": report(2025, "2026-01-20") + body}
    assert not [p for p in found(tmp_path, files, report_catalogue()) if p[2] == "W303"]


def test_w303_names_the_column_that_does_not_add_up(tmp_path):
    body = TABLE_THREE.format(new=11, new_total=13)
    files = {**paired_policy(), "reports/2025.md": report(2025, "2026-01-20") + body}
    problems = [d for d in run(tmp_path, files, report_catalogue()).diagnostics if d.code == "W303"]
    assert problems and all(d.line == 18 for d in problems)
    assert any("“自然人”列" in d.message and "11 + 上年结转 1" in d.message for d in problems)
    assert not any("商业企业" in d.message for d in problems)


def test_w303_typed_issuance_table_must_match_the_catalogue(tmp_path):
    table = ("\n| 第二十条第（一）项 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
             "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | {made} | 0 | 1 |\n")
    right = {**paired_policy(), "reports/2024.md": report(2024, "2025-01-20") + table.format(made=1)}
    wrong = {**paired_policy(), "reports/2024.md": report(2024, "2025-01-20") + table.format(made=3)}
    assert not [p for p in found(tmp_path / "a", right, report_catalogue()) if p[2] == "W303"]
    [problem] = [d for d in run(tmp_path / "b", wrong, report_catalogue()).diagnostics if d.code == "W303"]
    assert "本年制发件数" in problem.message and "应为 1" in problem.message and problem.line == 13
