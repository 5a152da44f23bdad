"""What inspections ask of the office report (issue 25, point 6), on a fixture counted by hand.

Today is FIXED_EPOCH (2026-11-22). 工作日 are counted by hand from the State Council's 2024–2026
holiday notices: 2026 春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班; no holiday in July 2026;
2024 国庆 10月1日至7日放假.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from disclosure.content.workdays import approximated, working_days

from .sitekit import build, check, front_matter, interpretation, paired_policy, policy, write_site
from .test_office_report import CATALOGUE, report


def _doc(**fields) -> str:
    return front_matter(fields.pop("body", "正文。\n"), **fields)


def inspection_files() -> dict[str, str]:
    return {
        # 成文 2026-01-30 (Fri) → 发布 2026-03-02 (Mon): Feb 2–6, 9–13 (10), Feb 14 Sat 调休 (11), Feb 15–23 春节 (0),
        # Feb 24–27 (15), Feb 28 Sat 调休 (16), Mar 2 (17) = 17 工作日, in time (Monday to Friday only: 21, late).
        "policies/p1.md": policy("T001/2026-00001", title="测试县燃气安全管理办法", issued="2026-01-30",
                                 published="2026-03-02", doc_no="测市监规〔2026〕1号"),
        # 2026-07-01 (Wed) → 2026-08-03 (Mon): Jul 2–3 (2), 6–10 (7), 13–17 (12), 20–24 (17), 27–31 (22), Aug 3 (23): late.
        # 暂行: its term is 2 years (to 2028-07-01), still in force. No interpretation.
        "policies/p2.md": policy("T001/2026-00002", title="测试县电梯安全管理暂行办法", issued="2026-07-01",
                                 published="2026-08-03", doc_no="测市监规〔2026〕2号"),
        # 2 工作日; its own term ends 2026-12-31 (expires), 39 days after today: expiring.
        "policies/p3.md": policy("T001/2025-00001", title="测试县食品摊贩管理办法", issued="2025-03-03",
                                 published="2025-03-05", doc_no="测市监规〔2025〕1号", expires="2026-12-31"),
        # 试行: 2 years from 2024-10-08 end 2026-10-08, 45 days ago: expired, still marked 有效.
        "policies/p4.md": policy("T001/2024-00001", title="测试县网络餐饮监管试行办法", issued="2024-10-08",
                                 published="2024-10-10", doc_no="测市监规〔2024〕1号"),
        # 解读: P1 图解 after 2 days, P3 文字解读 the same day, P4 (form not stated) after 5 days (late, limit 3).
        "interpretations/i1.md": interpretation("T001/2026-00011", "T001/2026-00001", published="2026-03-04", kind="图解"),
        "interpretations/i3.md": interpretation("T001/2025-00011", "T001/2025-00001", published="2025-03-05", kind="文字解读"),
        "interpretations/i4.md": interpretation("T001/2024-00011", "T001/2024-00001", published="2024-10-15"),
        # 征求意见: C1 19 days (short), answered 20 days after it closed; C2 35 days, closed 17 days ago, no answer yet.
        "consultations/c1.md": _doc(title="征求意见一", type="consultation", index_no="T001/2026-00031",
                                    published="2026-09-01", opens="2026-09-01", closes="2026-09-20"),
        "consultations/f1.md": _doc(title="意见采纳情况一", type="feedback", index_no="T001/2026-00032",
                                    published="2026-10-10", responds_to="T001/2026-00031"),
        "consultations/c2.md": _doc(title="征求意见二", type="consultation", index_no="T001/2026-00033",
                                    published="2026-10-01", opens="2026-10-01", closes="2026-11-05"),
    }


@pytest.fixture(scope="module")
def inspected(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("inspection"), inspection_files(), catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    data = json.loads((root / "report" / "office-report.json").read_text(encoding="utf-8"))
    return root, data["scopes"][0], (root / "report" / "office-report.html").read_text(encoding="utf-8")


def test_working_days_follow_the_official_calendar_with_holidays_and_adjusted_weekends():
    assert working_days(dt.date(2026, 1, 30), dt.date(2026, 3, 2)) == 17
    assert working_days(dt.date(2026, 7, 1), dt.date(2026, 8, 3)) == 23
    assert working_days(dt.date(2024, 9, 30), dt.date(2024, 10, 8)) == 1     # 国庆: only Oct 8 (Tue)
    assert working_days(dt.date(2026, 3, 2), dt.date(2026, 3, 2)) == 0
    assert approximated(dt.date(2026, 12, 1), dt.date(2027, 2, 1)) == [2027]   # no holiday data yet: Monday to Friday


def test_published_more_than_20_working_days_after_issue_is_w304_with_the_file_and_line(tmp_path):
    root = write_site(tmp_path, inspection_files(), catalogue=CATALOGUE)
    run = check(root)
    w304 = [line for line in run.output.splitlines() if " W304 " in line]
    assert len(w304) == 1 and w304[0].startswith("content/policies/p2.md:")
    assert "相隔 23 个工作日" in w304[0] and "第二十六条" in w304[0]


def test_publication_within_20_working_days(inspected):
    _, scope, html = inspected
    figures = {key: figure["value"] for key, figure in scope["figures"].items()}
    assert figures["publication_in_time"] == 75.0 and figures["publication_late"] == 1
    assert [doc["index_no"] for doc in scope["publication"]["late"]["docs"]] == ["T001/2026-00002"]
    assert "第二十六条" in html and "20个工作日内及时公开" in html


def test_interpretation_by_assessment_year_all_time_and_form(inspected):
    _, scope, html = inspected
    years = {row["period"]: (len(row["needed"]["docs"]), len(row["interpreted"]["docs"]), row["median_days"])
             for row in scope["interpretation"]["by_year"]}
    assert years == {"2026": (2, 1, 2), "2025": (1, 1, 0), "2024": (1, 1, 5), "全部": (4, 3, 2)}
    kinds = [(row["kind"], len(row["policies"]["docs"]), row["median_days"]) for row in scope["interpretation"]["by_kind"]]
    assert kinds == [("文字解读", 1, 0), ("图解", 1, 2), ("未注明形式", 1, 5)]
    assert "国办发〔2016〕80号" in html


def test_validity_from_expires_or_the_provisional_default(inspected):
    root, scope, html = inspected
    normative = scope["normative"]
    assert [(d["index_no"], d["note"]) for d in normative["expired"]["docs"]] == [
        ("T001/2024-00001", "推算有效期至（2 年） 2026-10-08，已过 45 天")]
    assert [(d["index_no"], d["note"]) for d in normative["expiring"]["docs"]] == [
        ("T001/2025-00001", "有效期至 2026-12-31，还剩 39 天")]
    rows = list(csv.DictReader(io.StringIO((root / "report" / "normative-in-force.csv").read_text(encoding="utf-8-sig"))))
    terms = {row["索引号"]: (row["有效期至"], row["有效期依据"]) for row in rows}
    assert terms == {"T001/2026-00002": ("2028-07-01", "推算（暂行、试行 2 年）"), "T001/2026-00001": ("2031-01-30", "推算（5 年）"),
                     "T001/2025-00001": ("2026-12-31", "文件规定"), "T001/2024-00001": ("2026-10-08", "推算（暂行、试行 2 年）")}
    assert "normative-in-force.csv" in html


def test_consultations_with_their_duration_and_feedback(inspected):
    _, scope, html = inspected
    rows = {row["document"]["index_no"]: (row["days"], row["feedback"]["index_no"] if row["feedback"] else None,
                                          row["feedback_days"]) for row in scope["consultation_rows"]}
    assert rows == {"T001/2026-00031": (19, "T001/2026-00032", 20), "T001/2026-00033": (35, None, None)}
    assert [d["index_no"] for d in scope["short_consultations"]["docs"]] == ["T001/2026-00031"]
    assert "《重大行政决策程序暂行条例》第十四条" in html


def test_what_to_fix_first_in_whose_folder_by_when(inspected):
    _, scope, html = inspected
    items = [(item["by"], item["what"], item["doc"]["index_no"] or item["doc"]["title"], item["folder"], item["overdue"])
             for item in scope["fix_first"]]
    assert items[0] == ("2026-08-06", "发布解读（时限 3 天）", "T001/2026-00002", "content/policies/", True)
    assert items[-2:] == [("2026-12-05", "公布意见采纳情况", "T001/2026-00033", "content/consultations/", False),
                          ("2026-12-31", "评估是否延续、修订或废止（即将到期）", "T001/2025-00001", "content/policies/", False)]
    assert {item["owners"] for item in scope["fix_first"]} == {"政务公开办"}
    assert ("2026-11-22", "核对有效性（已过有效期或已被替代）", "T001/2024-00001", "content/policies/", False) in items
    assert html.index('id="agency-fix"') < html.index('id="agency-columns"')   # the first section of the unit


def test_this_year_against_last_year(inspected):
    _, scope, _ = inspected
    rows = {row["label"]: (row["last_year"], row["this_year"]) for row in scope["year_on_year"]}
    assert rows == {"主动公开信息": (2, 6), "解读率": (100.0, 50.0), "解读时滞中位数": (0, 2),
                    "成文后 20 个工作日内发布": (100.0, 50.0)}


def test_an_interpretation_limit_in_working_days_counts_the_official_calendar(tmp_path):
    import copy
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["types"]["policy"]["interpretation_days"] = 3
    catalogue["types"]["policy"]["interpretation_workdays"] = True
    # Published on 2026-02-13 (Fri); the note on 2026-02-25 (Wed), 12 days later: Feb 14 Sat 调休 (1),
    # Feb 15–23 春节 (0), Feb 24 (2), Feb 25 (3): 3 工作日, in time. In days it would be W200.
    files = {"policies/p.md": policy("T001/2026-00001", issued="2026-02-12", published="2026-02-13", doc_no="测市监规〔2026〕1号"),
             "interpretations/i.md": interpretation("T001/2026-00002", "T001/2026-00001", published="2026-02-25"),
             "policies/q.md": policy("T001/2026-00003", issued="2026-07-01", published="2026-07-01", doc_no="测市监规〔2026〕3号"),
             "interpretations/j.md": interpretation("T001/2026-00004", "T001/2026-00003", published="2026-07-07")}
    root = write_site(tmp_path, files, catalogue=catalogue)
    run = check(root)
    w200 = [line for line in run.output.splitlines() if " W200 " in line]
    # 2026-07-01 (Wed) → 07-07 (Tue): Jul 2, 3, 6, 7 = 4 工作日: late.
    assert len(w200) == 1 and w200[0].startswith("content/interpretations/j.md:") and "晚 4 个工作日" in w200[0]
    done = report(root)
    assert done.returncode == 0, done.stderr
    scope = json.loads((root / "report" / "office-report.json").read_text(encoding="utf-8"))["scopes"][0]
    assert sorted((d["days"], d["unit"]) for d in scope["interpretation"]["delays"]) == [(3, "个工作日"), (4, "个工作日")]


def test_a_documents_own_term_is_shown_on_its_page_where_it_states_one(tmp_path):
    """`expires` (有效期至) is in the page's metadata where the document states its term, not only in the report."""
    files = {**paired_policy(), "policies/b.md": policy("T001/2024-00005", expires="2029-12-31"),
             "interpretations/b.md": interpretation("T001/2024-00006", "T001/2024-00005")}
    root = write_site(tmp_path, files)
    built = build(root)
    assert built.returncode == 0, built.output
    meta = lambda name: re.search(r'<table class="dc-meta">.*?</table>',   # noqa: E731
                                  (root / "site/policies" / name / "index.html").read_text(encoding="utf-8"), re.S)[0]
    assert re.search(r'<th scope="row">有效期至</th><td[^>]*><time datetime="2029-12-31">2029-12-31</time></td>', meta("b"))
    assert "有效期至" not in meta("a")   # no term of its own: the default term is the report's reckoning, not the page's
