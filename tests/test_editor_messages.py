"""What an editor reads in the messages of E104, E300 and E100 (issue 16)."""

import copy
import datetime as dt

import pytest

from disclosure.rules.check import load_site

from .sitekit import MINI_CATALOGUE, front_matter, interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def diagnostics(tmp_path, files, catalogue=None):
    return load_site(write_site(tmp_path, files, catalogue), today=TODAY).diagnostics


def notice(index_no, published="2024-05-01"):
    return front_matter(title="通知", type="notice", index_no=index_no, published=published)


@pytest.mark.parametrize("wrong", ["T001/2024-0003", "T0012024-00003", "t001/2024-00003", "T001／2024-00003"])
def test_e104_shows_a_valid_example_and_the_next_free_number_not_a_regex(tmp_path, wrong):
    files = paired_policy() | {"notices/b.md": notice("T001/2024-00007"), "notices/c.md": notice(wrong)}
    [problem] = [d for d in diagnostics(tmp_path, files) if d.code == "E104"]
    assert problem.path == "content/notices/c.md" and problem.line == 4
    assert "T001/2024-00007" in problem.message            # an example in the agency's shape
    assert "下一个可用的索引号是 T001/2024-00008" in problem.message
    assert "\\d" not in problem.message and "^" not in problem.message


def test_e104_without_any_valid_number_yet_derives_one_from_the_pattern(tmp_path):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["policy"]["interpretation"] = "optional"
    [problem] = [d for d in diagnostics(tmp_path, {"notices/c.md": notice("2024-1", "2025-02-03")}, catalogue)
                 if d.code == "E104"]
    assert "2025 年下一个可用的索引号是 T001/2025-00001" in problem.message


def test_e300_lists_missing_sections_in_the_required_order(tmp_path):
    sections = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["report"] = {"name": "年度报告", "fields": ["year"], "sections": sections, "ordered": True}
    catalogue["catalogue"].append({"id": "reports", "name": "年报", "path": "reports", "types": ["report"], "stale_days": 0})
    report = front_matter("正文。\n", title="2024年报告", type="report", index_no="T001/2025-00001",
                          published="2025-01-20", year=2024)
    found = [d for d in diagnostics(tmp_path, paired_policy() | {"reports/2024.md": report}, catalogue) if d.code == "E300"]
    named = [next(s for s in sections if f"“{s}”" in d.message) for d in found]
    assert named == sections   # not 主动… 其他… 存在… (character-code order)


@pytest.mark.parametrize("front", ["title：通知\ntype: notice\n", "title: [未闭合\ntype: notice\n", "- 列表\n"])
def test_e100_says_the_files_other_checks_wait_for_the_fix(tmp_path, front):
    found = diagnostics(tmp_path, paired_policy() | {"notices/bad.md": f"---\n{front}---\n正文\n"})
    [problem] = [d for d in found if d.path == "content/notices/bad.md"]
    assert problem.code == "E100"
    assert "其他检查要等这一处改正后才会进行" in problem.message


def test_an_interpretation_note_is_not_confused_by_the_wait_notice(tmp_path):
    """A readable file with other problems gets no such notice: the notice belongs to E100 only."""
    found = diagnostics(tmp_path, {"policies/a.md": policy(doc_no="测市监规[2024]1号"),
                                   "interpretations/a.md": interpretation()})
    assert found and all("改正后才会进行" not in d.message for d in found)


def test_e100_in_the_catalogue_says_no_document_was_checked(tmp_path):
    found = diagnostics(tmp_path, paired_policy(), catalogue="agency:\n  name: 测试局\ntypes：\n")
    [problem] = found
    assert (problem.path, problem.code) == ("catalogue.yaml", "E100")
    assert "content/ 中各文件的检查都不会进行" in problem.message


def test_e104_with_an_intricate_pattern_still_shows_no_regex(tmp_path):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["agency"]["index_pattern"] = r"^(T001|T002)/\d{4}-[0-9A-F]{5}$"
    catalogue["types"]["policy"]["interpretation"] = "optional"
    files = {"notices/b.md": notice("T002/2024-0000A"), "notices/c.md": notice("T003/2024-00001")}
    [problem] = [d for d in diagnostics(tmp_path, files, catalogue) if d.code == "E104"]
    assert "T002/2024-0000A" in problem.message and "\\d" not in problem.message and "[0-9" not in problem.message
