"""Rules know the era of a document: imported documents, old annual reports, rules counted from a year/date."""

import datetime as dt

import pytest

from disclosure.rules.check import load_site

from .sitekit import interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def diagnostics(tmp_path, files, catalogue=None):
    root = write_site(tmp_path, files, catalogue)
    return load_site(root, today=TODAY).diagnostics


# --- the `imported` key ---------------------------------------------------------------------

def test_imported_reason_is_read(tmp_path):
    root = write_site(tmp_path, {"policies/a.md": policy(imported="从原网站迁移，原无解读"),
                                 "interpretations/a.md": interpretation()})
    site = load_site(root, today=TODAY)
    assert site.diagnostics == []
    assert site.documents[0].imported == "从原网站迁移，原无解读" or site.documents[1].imported == "从原网站迁移，原无解读"


@pytest.mark.parametrize("value", [True, "", None, ["列表"]])
def test_imported_without_a_reason_in_words_is_e102(tmp_path, value):
    files = paired_policy()
    files["policies/a.md"] = policy(body="正文。\n", **{"imported": value}) if value is not None else \
        policy().replace("validity: 有效\n", "validity: 有效\nimported:\n")
    found = [(d.code, d.line) for d in diagnostics(tmp_path, files)]
    assert found == [("E102", 9)], found


# --- rules from a date or year the agency sets ----------------------------------------------

import copy  # noqa: E402

from disclosure.content.eras import exemption_summary  # noqa: E402

from .sitekit import MINI_CATALOGUE, check, front_matter  # noqa: E402

SIX_PARTS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
OLD_PARTS = "## 一、概述\n\n正文。\n\n## 二、政府信息公开的收费及减免情况\n\n无。\n\n## 三、政府信息公开会议和培训情况\n\n正文。\n"


def catalogue(**policy_keys):
    data = copy.deepcopy(MINI_CATALOGUE)
    data["types"]["policy"].update(policy_keys)
    data["types"]["annual-report"] = {"name": "政府信息公开工作年度报告", "fields": ["year"], "sections": SIX_PARTS,
                                      "ordered": True, "due": "01-31", "sections_from": 2019}
    data["catalogue"].append({"id": "reports", "name": "年报", "path": "reports", "types": ["annual-report"], "stale_days": 0})
    return data


def report(year, body, index_no, **extra):
    return front_matter(body, title=f"{year}年政府信息公开工作年度报告", type="annual-report", index_no=index_no,
                        published=f"{year + 1}-01-20", year=year, **extra)


def six_part_body(fold=str):
    return "".join(f"## {'一二三四五六'[i]}、{fold(name)}\n\n正文。\n\n" for i, name in enumerate(SIX_PARTS))


def test_a_2017_report_with_the_old_parts_is_not_held_to_the_2019_outline(tmp_path):
    files = {**paired_policy(), "reports/2017.md": report(2017, OLD_PARTS, "T001/2018-00001")}
    root = write_site(tmp_path, files, catalogue(due_from=None) | {})
    site = load_site(root, today=TODAY)
    assert [d.code for d in site.diagnostics if d.code.startswith("E3")] == []
    assert "2019 年（sections_from）以前的政府信息公开工作年度报告 1 个" in exemption_summary(site.exemptions)


def test_a_2019_report_without_the_six_parts_is_still_e300(tmp_path):
    files = {**paired_policy(), "reports/2019.md": report(2019, OLD_PARTS, "T001/2020-00001")}
    codes = [d.code for d in diagnostics(tmp_path, files, catalogue())]
    assert codes.count("E300") == 6


def test_traditional_headings_count_for_the_outline(tmp_path):
    """Seed 004 came through a machine conversion: 總體情況 is the section 总体情况 (E300 and E301)."""
    from disclosure.text.chinese import traditional_to_simplified
    to_traditional = {s: t for t, s in traditional_to_simplified().items()}
    traditional = lambda text: "".join(to_traditional.get(c, c) for c in text)  # noqa: E731
    assert traditional("总体情况") != "总体情况"
    files = {**paired_policy(), "reports/2023.md": report(2023, six_part_body(traditional), "T001/2024-00005")}
    assert [d.code for d in diagnostics(tmp_path, files, catalogue()) if d.code.startswith("E")] == []
    swapped = six_part_body(traditional).replace("總體情況", "@@").replace("其他需要報告的事項", "總體情況").replace("@@", "其他需要報告的事項")
    files["reports/2023.md"] = report(2023, swapped, "T001/2024-00005")
    assert "E301" in [d.code for d in diagnostics(tmp_path, files, catalogue())]


def test_w300_counts_from_the_year_the_agency_sets(tmp_path):
    files = {**paired_policy(), "reports/2024.md": report(2024, six_part_body(), "T001/2025-00001")}
    data = catalogue()
    data["types"]["annual-report"]["due_from"] = 2022
    years = sorted(d.message[:4] for d in diagnostics(tmp_path, files, data) if d.code == "W300")
    assert years == ["2022", "2023", "2025"]
    data["types"]["annual-report"]["due_from"] = 2024
    assert [d.message[:4] for d in diagnostics(tmp_path / "b", files, data) if d.code == "W300"] == ["2025"]


def test_interpretation_rules_do_not_apply_before_the_agency_date(tmp_path):
    old = policy(published="2015-06-01", issued="2015-05-20", doc_no="测市监规〔2015〕2号")
    files = {**paired_policy(), "policies/old.md": old.replace("T001/2024-00001", "T001/2015-00001")}
    assert "E201" in [d.code for d in diagnostics(tmp_path, files, catalogue())]
    root = write_site(tmp_path / "b", files, catalogue(interpretation_from="2016-11-10"))
    site = load_site(root, today=TODAY)
    assert [d.code for d in site.diagnostics] == []
    assert "解读要求（E201、W200） 1 个（发布于 2016-11-10（interpretation_from）之前 1 个）" in exemption_summary(site.exemptions)


def test_an_imported_policy_needs_no_interpretation_and_a_late_one_is_no_warning(tmp_path):
    files = {"policies/a.md": policy(imported="从原网站迁移，原无解读")}
    assert diagnostics(tmp_path, files) == []
    files = {"policies/a.md": policy(imported="从原网站迁移"), "interpretations/a.md": interpretation(published="2024-06-01")}
    assert diagnostics(tmp_path / "b", files) == []
    files["policies/a.md"] = policy()
    assert [d.code for d in diagnostics(tmp_path / "c", files)] == ["W200"]


def test_check_summary_counts_exemptions(tmp_path):
    files = {"policies/a.md": policy(imported="从原网站迁移，原无解读"),
             "reports/2017.md": report(2017, OLD_PARTS, "T001/2018-00001")}
    root = write_site(tmp_path, files, catalogue())
    run = check(root)
    assert run.returncode == 0, run.output
    last = run.stderr.strip().splitlines()[-1]
    assert "按规定免检 2 个文件" in last and "迁移文件（imported） 1 个" in last and "2019 年（sections_from）以前" in last


@pytest.mark.parametrize("key, value", [("sections_from", "2019年"), ("due_from", 1800), ("interpretation_from", "2016/11/10"),
                                        ("interpretation_form", "2016-11-10")])
def test_new_catalogue_keys_are_validated(tmp_path, key, value):
    data = catalogue()
    data["types"]["policy"][key] = value
    found = [d for d in diagnostics(tmp_path, paired_policy(), data) if d.path == "catalogue.yaml"]
    assert [d.code for d in found] == ["E102"], found
