"""Every error code of docs/reference.md: a document that triggers it, and a close one that must not.

These run the domain core directly (no MkDocs) over sites written to temporary folders.
"""

import datetime as dt

import pytest

from disclosure.rules.check import load_site

from .attachmentkit import pdf
from .sitekit import MINI_CATALOGUE, front_matter, interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def problems(tmp_path, files, catalogue=None):
    root = write_site(tmp_path, files, catalogue)
    return [(d.path, d.line, d.code) for d in load_site(root, today=TODAY).diagnostics]


def codes(tmp_path, files, catalogue=None):
    return {code for _, _, code in problems(tmp_path, files, catalogue)}


def with_files(**replacements):
    files = paired_policy()
    files.update(replacements)
    return files


def test_the_smallest_valid_site_has_no_problem(tmp_path):
    assert problems(tmp_path, paired_policy()) == []


# --- E100: front matter missing, not YAML, not a mapping, not UTF-8 -----------------------

@pytest.mark.parametrize("content, line", [
    ("只有正文，没有文件头。\n", 1),
    ("", 1),
    ("---\ntitle: 缺少结束线\n", 1),
    ("---\ntitle: [未闭合\ntype: notice\n---\n", 3),
    ("---\n- 列表\n- 不是映射\n---\n", 1),
    ("---\ntitle: a\n  type: notice\n---\n", 3),
])
def test_e100_unusable_front_matter(tmp_path, content, line):
    found = problems(tmp_path, with_files(**{"notices/bad.md": content}))
    assert ("content/notices/bad.md", line, "E100") in found


def test_e100_gbk_file_is_named_as_gbk(tmp_path):
    root = write_site(tmp_path, with_files(**{"notices/gbk.md": front_matter(title="通知", type="notice").encode("gbk")}))
    found = load_site(root, today=TODAY).diagnostics
    assert [(d.code, "GBK" in d.message) for d in found] == [("E100", True)]


def test_e100_binary_file_is_not_text(tmp_path):
    assert "E100" in codes(tmp_path, with_files(**{"notices/bin.md": b"---\x00\x01\x02"}))


def test_bom_and_crlf_are_read_as_the_editor_meant(tmp_path):
    text = policy(doc_no="测市监规[2024]1号").replace("\n", "\r\n")
    found = problems(tmp_path, with_files(**{"policies/a.md": b"\xef\xbb\xbf" + text.encode("utf-8")}))
    # Only the planted problem, on the right line despite BOM and CRLF.
    assert found == [("content/policies/a.md", 6, "E105")]


# --- E101 / E102 ---------------------------------------------------------------------------

def test_e101_missing_field_named_with_line_1_when_absent(tmp_path):
    found = problems(tmp_path, with_files(**{"policies/a.md": policy(doc_no=None)}))
    assert found == [("content/policies/a.md", 1, "E101")]


def test_e101_empty_value_points_at_its_key(tmp_path):
    found = problems(tmp_path, with_files(**{"policies/a.md": policy(validity="")}))
    assert found == [("content/policies/a.md", 8, "E101")]


@pytest.mark.parametrize("field, value", [
    ("published", "2024-3-5"), ("published", "2024-02-30"), ("published", "昨天"),
    ("validity", "现行有效"), ("type", "policies"), ("disclosure", "公开"),
])
def test_e102_bad_values(tmp_path, field, value):
    found = problems(tmp_path, with_files(**{"policies/a.md": policy(**{field: value})}))
    assert ("E102" in {code for _, _, code in found}), found


def test_e102_unknown_key_suggests_the_right_one(tmp_path):
    root = write_site(tmp_path, with_files(**{"policies/a.md": policy(publised="2024-03-05")}))
    [problem] = load_site(root, today=TODAY).diagnostics
    assert (problem.code, problem.line) == ("E102", 9)
    assert "published" in problem.message


def test_e102_duplicate_key_is_not_silently_dropped(tmp_path):
    text = policy().replace("validity: 有效\n", "validity: 有效\nvalidity: 失效\n")
    assert problems(tmp_path, with_files(**{"policies/a.md": text})) == [("content/policies/a.md", 9, "E102")]


def test_dates_written_with_slashes_get_the_fix_in_the_message(tmp_path):
    root = write_site(tmp_path, with_files(**{"policies/a.md": policy(published="2024/3/5")}))
    [problem] = [d for d in load_site(root, today=TODAY).diagnostics if d.code == "E102"]
    assert "2024-03-05" in problem.message


# --- E103, E104, E105, E106 ------------------------------------------------------------------

def test_e103_names_both_places(tmp_path):
    files = with_files(**{"notices/n1.md": front_matter(title="甲", type="notice", index_no="T001/2024-00009", published="2024-01-02"),
                          "notices/n2.md": front_matter(title="乙", type="notice", index_no="T001/2024-00009", published="2024-01-03")})
    root = write_site(tmp_path, files)
    found = [d for d in load_site(root, today=TODAY).diagnostics if d.code == "E103"]
    assert sorted(d.path for d in found) == ["content/notices/n1.md", "content/notices/n2.md"]
    assert all("content/notices/n" in d.message for d in found)


def test_e103_not_fired_for_distinct_numbers(tmp_path):
    files = with_files(**{"notices/n1.md": front_matter(title="甲", type="notice", index_no="T001/2024-00009", published="2024-01-02"),
                          "notices/n2.md": front_matter(title="乙", type="notice", index_no="T001/2024-00010", published="2024-01-03")})
    assert problems(tmp_path, files) == []


@pytest.mark.parametrize("index_no, fires", [("T001/2024-0001", True), ("T0012024-00001", True), ("T001/2024-00001", False)])
def test_e104_index_pattern(tmp_path, index_no, fires):
    files = {"policies/a.md": policy(index_no=index_no), "interpretations/a.md": interpretation(interprets=index_no)}
    assert ("E104" in codes(tmp_path, files)) is fires


@pytest.mark.parametrize("doc_no, fix", [
    ("辽煤管办[2019]63号", "辽煤管办〔2019〕63号"),
    ("辽煤管办(2019)63号", "辽煤管办〔2019〕63号"),
    ("辽煤管办（2019）63号", "辽煤管办〔2019〕63号"),
    ("涡政办„2011‟169号", "涡政办〔2011〕169号"),
    ("辽煤管办【2019】63号", "辽煤管办〔2019〕63号"),
    ("辽煤管办〔2019〕第63号", "辽煤管办〔2019〕63号"),
    ("辽煤管办〔2019〕063号", "辽煤管办〔2019〕63号"),
    ("辽煤管办 〔2019〕 63号", "辽煤管办〔2019〕63号"),
])
def test_e105_malformed_doc_no_says_the_fix(tmp_path, doc_no, fix):
    root = write_site(tmp_path, with_files(**{"policies/a.md": policy(doc_no=doc_no)}))
    # „2011‟ is also a machine-conversion artefact (W601, with the same repair); E105 is one line.
    [problem] = [p for p in load_site(root, today=TODAY).diagnostics if p.code != "W601"]
    assert (problem.code, problem.line) == ("E105", 6)
    assert fix in problem.message


@pytest.mark.parametrize("doc_no", ["辽煤管办〔2019〕63号", "国办公开办函〔2021〕30号", "汕安监〔2018〕150号"])
def test_e105_correct_doc_numbers_pass(tmp_path, doc_no):
    assert problems(tmp_path, with_files(**{"policies/a.md": policy(doc_no=doc_no)})) == []


def test_e106_issued_after_published(tmp_path):
    found = problems(tmp_path, with_files(**{"policies/a.md": policy(issued="2024-03-06")}))
    assert found == [("content/policies/a.md", 7, "E106")]


def test_e106_same_day_is_fine(tmp_path):
    assert problems(tmp_path, with_files(**{"policies/a.md": policy(issued="2024-03-05")})) == []


def test_e106_consultation_closing_before_opening(tmp_path):
    catalogue = {**MINI_CATALOGUE, "types": {**MINI_CATALOGUE["types"], "notice": {"name": "征求意见", "fields": ["opens", "closes"]}}}
    bad = front_matter(title="征求意见", type="notice", index_no="T001/2024-00005", published="2024-05-01",
                       opens="2024-05-01", closes="2024-04-30")
    good = bad.replace("closes: '2024-04-30'", "closes: '2024-05-31'")
    errors = lambda found: [p for p in found if p[2].startswith("E")]  # noqa: E731 - W302 is about "today", not this rule
    assert errors(problems(tmp_path / "bad", with_files(**{"notices/c.md": bad}), catalogue)) == [("content/notices/c.md", 7, "E106")]
    assert errors(problems(tmp_path / "good", with_files(**{"notices/c.md": good}), catalogue)) == []


# --- E110, E402 ----------------------------------------------------------------------------------

def test_e110_folder_that_is_no_category(tmp_path):
    found = problems(tmp_path, with_files(**{"misc/a.md": front_matter(title="甲", type="notice", index_no="T001/2024-00020", published="2024-01-01")}))
    assert found == [("content/misc/a.md", 1, "E110")]


def test_e110_type_not_allowed_in_category(tmp_path):
    found = problems(tmp_path, with_files(**{"notices/p.md": policy(index_no="T001/2024-00021")}))
    assert ("content/notices/p.md", 3, "E110") in found


def test_e402_withheld_document_needs_a_reason(tmp_path):
    withheld = front_matter(title="内部", type="notice", index_no="T001/2024-00030", published="2024-01-01", disclosure="不予公开")
    with_reason = withheld.replace("disclosure: 不予公开\n", "disclosure: 不予公开\nreason: 属于内部事务信息\n")
    assert problems(tmp_path / "a", with_files(**{"notices/w.md": withheld})) == [("content/notices/w.md", 6, "E402")]
    assert problems(tmp_path / "b", with_files(**{"notices/w.md": with_reason})) == []


# --- E500 attachments ----------------------------------------------------------------------------

def test_e500_missing_attachment_and_present_one(tmp_path):
    doc = policy(attachments=[{"file": "files/form.pdf", "title": "申请表"}])
    assert problems(tmp_path / "a", with_files(**{"policies/a.md": doc})) == [("content/policies/a.md", 10, "E500")]
    files = with_files(**{"policies/a.md": doc, "policies/files/form.pdf": pdf([["Application form"]])})
    assert problems(tmp_path / "b", files) == []


def test_e500_attachment_outside_content_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    doc = policy(attachments=[{"file": "../../secret.txt", "title": "越界"}])
    assert "E500" in codes(tmp_path, with_files(**{"policies/a.md": doc}))


# --- every problem in one run -------------------------------------------------------------------

def test_all_problems_are_reported_in_one_run(tmp_path):
    files = with_files(**{
        "policies/a.md": policy(doc_no="测市监规[2024]1号", issued="2025-01-01", validity="现行"),
        "notices/b.md": "没有文件头\n",
        "notices/c.md": front_matter(title="丙", type="notice", index_no="bad", published="2024-01-01"),
    })
    assert {"E105", "E106", "E102", "E100", "E104"} <= codes(tmp_path, files)
