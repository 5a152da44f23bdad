"""`disclosure report`: the office's own report, checked against figures counted by hand.

Today is FIXED_EPOCH (2026-11-22). The fixture below was counted by hand; the comments next
to each document say which figure it feeds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .sitekit import Run, _run, front_matter, interpretation, policy, write_site

CATALOGUE = {
    "agency": {"name": "测试县市场监督管理局"},
    "types": {
        "policy": {"name": "规范性文件", "fields": ["doc_no", "issued", "validity"], "interpretation": "required"},
        "rule": {"name": "其他规范性文件", "fields": ["doc_no", "issued", "validity"]},
        "interpretation": {"name": "政策解读", "fields": ["interprets"]},
        "notice": {"name": "通知公告"},
        "plan": {"name": "规划计划"},
        "consultation": {"name": "征求意见", "fields": ["opens", "closes"]},
        "feedback": {"name": "意见采纳情况", "fields": ["responds_to"]},
        "annual-report": {"name": "政府信息公开工作年度报告", "fields": ["year"], "due": "01-31"},
    },
    "catalogue": [
        {"id": "policies", "name": "政策文件", "path": "policies", "types": ["policy", "rule"], "stale_days": 0},
        {"id": "interpretations", "name": "政策解读", "path": "interpretations", "types": ["interpretation"], "stale_days": 0},
        {"id": "notices", "name": "通知公告", "path": "notices", "types": ["notice"], "stale_days": 30},
        {"id": "plans", "name": "规划计划", "path": "plans", "types": ["plan"], "stale_days": 365},
        {"id": "consultations", "name": "征求意见", "path": "consultations", "types": ["consultation", "feedback"],
         "stale_days": 0},
        {"id": "reports", "name": "年度报告", "path": "reports", "types": ["annual-report"], "stale_days": 0},
    ],
}


def _doc(**fields) -> str:
    return front_matter(fields.pop("body", "正文。\n"), **fields)


def hand_counted_files() -> dict[str, str]:
    return {
        # 4 policies need an interpretation; 3 have one, after 0, 2 and 8 days (limit 3):
        # 解读率 75 %, 解读时滞 median 2, worst 8, 1 late. P4 has none (E201).
        "policies/p1.md": policy("T001/2026-00001", published="2026-01-10", issued="2026-01-05", doc_no="测市监规〔2026〕1号"),
        "policies/p2.md": policy("T001/2026-00002", published="2026-03-01", issued="2026-02-27", doc_no="测市监规〔2026〕2号"),
        "policies/p3.md": policy("T001/2026-00003", published="2026-05-01", issued="2026-04-28", doc_no="测市监规〔2026〕3号"),
        # issued 2021-11-30: five years end 2026-11-30, 8 days after today: within 90 days.
        "policies/p4.md": policy("T001/2021-00001", published="2021-12-01", issued="2021-11-30", doc_no="测市监规〔2021〕1号"),
        # ended 2024-02-20 and replaced by P1, still 有效: expired and superseded-not-marked.
        "policies/r1.md": policy("T001/2019-00001", type="rule", published="2019-03-01", issued="2019-02-20",
                                 doc_no="测市监规〔2019〕1号", superseded_by="T001/2026-00001"),
        "policies/r2.md": policy("T001/2018-00001", type="rule", published="2018-03-01", issued="2018-02-20",
                                 doc_no="测市监规〔2018〕1号", validity="废止"),
        "interpretations/i1.md": interpretation("T001/2026-00011", "T001/2026-00001", published="2026-01-10"),
        "interpretations/i2.md": interpretation("T001/2026-00012", "T001/2026-00002", published="2026-03-03"),
        "interpretations/i3.md": interpretation("T001/2026-00013", "T001/2026-00003", published="2026-05-09"),
        # 通知公告: last public one 2026-09-01, 82 days ago, stale_days 30: stale. 规划计划: empty.
        "notices/n1.md": _doc(title="关于开展质量月活动的通知", type="notice", index_no="T001/2026-00021",
                              published="2026-09-01", body="值班电话 13800138000。\n",
                              allow_personal_info=[{"value": "13800138000", "reason": "单位值班手机，依规公开"}]),
        "notices/n2.md": _doc(title="内部通知", type="notice", index_no="T001/2026-00022", published="2026-11-01",
                              disclosure="依申请公开", reason="属于内部事务信息"),
        # Consultations: closed 82 and 12 days ago without feedback (2); one answered.
        "consultations/c1.md": _doc(title="征求意见一", type="consultation", index_no="T001/2026-00031",
                                    published="2026-08-01", opens="2026-08-01", closes="2026-09-01"),
        "consultations/c2.md": _doc(title="征求意见二", type="consultation", index_no="T001/2026-00032",
                                    published="2026-10-10", opens="2026-10-10", closes="2026-11-10"),
        "consultations/c3.md": _doc(title="征求意见三", type="consultation", index_no="T001/2026-00033",
                                    published="2026-05-01", opens="2026-05-01", closes="2026-06-01"),
        "consultations/f3.md": _doc(title="意见采纳情况三", type="feedback", index_no="T001/2026-00034",
                                    published="2026-06-20", responds_to="T001/2026-00033"),
        # Annual reports: 2023 on time, 2024 missing (660 days overdue), 2025 10 days late.
        "reports/2023.md": _doc(title="2023年度报告", type="annual-report", index_no="T001/2024-00001",
                                published="2024-01-20", year=2023),
        "reports/2025.md": _doc(title="2025年度报告", type="annual-report", index_no="T001/2026-00041",
                                published="2026-02-10", year=2025),
    }


def report(root: Path, *extra: str, env: dict | None = None) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", "report", *extra], root, env)


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("office"), hand_counted_files(), catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    out = root / "report"
    data = json.loads((out / "office-report.json").read_text(encoding="utf-8"))
    return root, data, (out / "office-report.html").read_text(encoding="utf-8")


def _figures(data):
    return {key: figure["value"] for key, figure in data["scopes"][0]["figures"].items()}


def _list(data, key):
    return [doc["index_no"] or doc["path"] for doc in _lists(data)[f"agency-{key}"]]


def _lists(data):
    scope = data["scopes"][0]
    found = {}
    for value in _walk(scope):
        if isinstance(value, dict) and "key" in value and "docs" in value:
            found[value["key"]] = value["docs"]
    return found


def _walk(value):
    yield value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        yield from _walk(child)


def test_interpretation_rate_and_delays_match_the_hand_count(counted):
    _, data, _ = counted
    figures = _figures(data)
    assert figures["interpretation_rate"] == 75.0
    assert figures["interpretation_median"] == 2
    assert figures["interpretation_worst"] == 8
    assert figures["interpretation_late"] == 1
    assert _list(data, "interpretation-late") == ["T001/2026-00003"]
    assert _list(data, "interpretation-missing") == ["T001/2021-00001"]
    assert sorted(_list(data, "interpretation-needed")) == ["T001/2021-00001", "T001/2026-00001", "T001/2026-00002",
                                                            "T001/2026-00003"]


def test_normative_documents_by_validity_expiry_and_replacement(counted):
    _, data, _ = counted
    groups = {group["title"]: len(group["docs"]) for group in data["scopes"][0]["normative"]["by_validity"]}
    assert groups == {"有效性：有效": 5, "有效性：失效": 0, "有效性：废止": 1, "有效性：已修订": 0}
    assert _list(data, "validity-expired") == ["T001/2019-00001"]
    assert _list(data, "validity-expiring") == ["T001/2021-00001"]
    assert _list(data, "validity-superseded") == ["T001/2019-00001"]
    assert "5 年" in data["scopes"][0]["normative"]["rule"]


def test_columns_annual_reports_consultations_and_allowances(counted):
    _, data, _ = counted
    scope, figures = data["scopes"][0], _figures(data)
    columns = {c["id"]: c for c in scope["columns"]}
    assert data["months"][0] == "2024-12" and data["months"][-1] == "2026-11" and len(data["months"]) == 24
    assert columns["policies"]["per_month"][data["months"].index("2026-01")] == 1
    assert sum(columns["policies"]["per_month"]) == 3          # P1–P3; P4, R1, R2 are older than 24 months
    assert sum(columns["notices"]["per_month"]) == 1           # the 依申请公开 notice is not counted
    assert (columns["notices"]["status"], columns["notices"]["idle_days"]) == ("长期未更新", 82)
    assert columns["plans"]["status"] == "空白栏目"
    assert figures["stale_columns"] == 2
    rows = {row["year"]: (row["status"], row["days_late"]) for row in scope["annual_reports"]}
    assert rows == {2023: ("按时发布", None), 2024: ("逾期未发布", 660), 2025: ("逾期发布", 10)}
    assert figures["annual_reports_late"] == 2
    assert _list(data, "consultations") == ["T001/2026-00032", "T001/2026-00031"]
    allowances = _lists(data)["agency-allowances"]
    assert [a["index_no"] for a in allowances] == ["T001/2026-00021"]
    assert "单位值班手机" in allowances[0]["note"] and "13800138000" not in json.dumps(data, ensure_ascii=False)


def test_every_open_warning_by_rule(counted):
    _, data, _ = counted
    by_rule = {group["title"]: len(group["docs"]) for group in data["scopes"][0]["warnings"]}
    assert by_rule == {"E201": 1, "W200": 1, "W300": 1, "W301": 2, "W302": 1}


def test_every_number_links_to_its_documents(counted):
    root, data, html = counted
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids, targets - ids
    late = html[html.index('id="agency-interpretation-late"'):]
    late = late[:late.index("</section>")]
    # The late policy, with its source file (relative to the report) and its public page.
    assert "T001/2026-00003" in late and 'href="../content/policies/p3.md"' in late and 'href="policies/p3/"' in late
    assert (root / "report" / "../content/policies/p3.md").is_file()
    rate = re.search(r'<a href="#(agency-interpretation-done)">75 %</a>', html)
    assert rate, "the 解读率 card links to the interpreted documents"


def test_csv_has_every_figure_with_its_documents(counted):
    root, _, _ = counted
    raw = (root / "report" / "office-report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    by_label = {row[1]: row for row in rows[1:] if row[5] == "概览"}
    assert by_label["解读率"][2:4] == ["75", "%"]
    assert by_label["超过时限的解读"][2] == "1" and by_label["超过时限的解读"][4] == "T001/2026-00003"


def test_the_same_content_gives_the_same_bytes(counted):
    root, _, _ = counted
    again = report(root, "--output", "again")        # at the same depth, so source links read the same
    assert again.returncode == 0, again.stderr
    for name in ("office-report.html", "office-report.json", "office-report.csv"):
        assert (root / "again" / name).read_bytes() == (root / "report" / name).read_bytes(), name


def test_charts_are_inline_svg_with_nothing_fetched(counted):
    _, _, html = counted
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    assert all("<script" not in svg for svg in svgs)
    external = re.findall(r'(?:href|src)="(https?:)?//', html)
    assert not external
    assert "kozea.github.io" not in html and "<script" not in html


# --- where the report goes, and where it never goes

def test_the_report_is_never_in_the_built_site(tmp_path, example_site):
    root = shutil.copytree(example_site.parent, tmp_path / "example")   # built once in the session (conftest.py)
    done = report(root)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (root / "report").iterdir())
    assert written == ["normative-in-force.csv", "office-report.csv", "office-report.html", "office-report.json"]
    marker = b"disclosure-office-report"
    assert marker in (root / "report" / "office-report.html").read_bytes()
    for file in (root / "site").rglob("*"):
        if file.is_file():
            assert not file.name.startswith("office-report"), file
            data = file.read_bytes()
            assert marker not in data and "政务公开工作自查报告".encode() not in data, file
            assert b"office-report" not in data and b"report/" not in data.replace(b"reports/", b""), file


@pytest.mark.parametrize("place", ["content/report", "content", "site/office", ".", "site/../content/x",
                                   "build", "build/units/gov/report", "build/units"])
def test_a_report_folder_that_would_be_published_is_refused(tmp_path, place):
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE)
    (root / "site").mkdir()
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    done = report(root, "--output", place)
    assert done.returncode == 2 and "报告会被公开发布" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_a_broken_catalogue_gives_the_lines_not_a_traceback(tmp_path):
    root = write_site(tmp_path, hand_counted_files(), catalogue="agency: [\n")
    done = report(root)
    assert done.returncode == 1 and "catalogue.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert not (root / "report").exists()


@pytest.mark.parametrize("args", [["--summary"], ["--against", "main"], ["--as-of", "2025-13-01"],
                                  ["--as-of", "2025-12-31", "--against", "main", "--summary"]])
def test_wrong_options_are_explained(tmp_path, args):
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE)
    done = report(root, *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert re.search(r"[\u4e00-\u9fff]", done.stderr)


# --- over time and in review: Git history

def _git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def history(tmp_path):
    """main: 2025-06-30 one policy without interpretation; 2026-03-01 its interpretation."""
    root = write_site(tmp_path / "repo", {"policies/p1.md": policy("T001/2025-00001", published="2025-06-20",
                                                                   issued="2025-06-18", doc_no="测市监规〔2025〕1号")},
                      catalogue=CATALOGUE)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "policy", date="2025-06-30T10:00:00+08:00")
    (root / "content" / "interpretations").mkdir()
    (root / "content" / "interpretations" / "i1.md").write_text(
        interpretation("T001/2025-00002", "T001/2025-00001", published="2025-06-25"), encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "interpretation", date="2026-03-01T10:00:00+08:00")
    return root


def test_as_of_a_past_day_uses_that_days_commit_and_that_day(history, tmp_path):
    first = _git(history, "rev-list", "--max-parents=0", "HEAD").strip()
    done = report(history, "--as-of", "2025-12-31", "--output", str(tmp_path / "then"))
    assert done.returncode == 0, done.stderr
    then = json.loads((tmp_path / "then" / "office-report.json").read_text(encoding="utf-8"))
    assert then["today"] == "2025-12-31" and then["commit"] == first
    assert _figures(then)["interpretation_rate"] == 0.0 and _figures(then)["interpretation_missing"] == 1
    assert then["months"][-1] == "2025-12"
    now = report(history, "--output", str(tmp_path / "now"))
    assert now.returncode == 0, now.stderr
    assert _figures(json.loads((tmp_path / "now" / "office-report.json").read_text(encoding="utf-8")))[
        "interpretation_rate"] == 100.0
    assert "统计日：2025-12-31" in (tmp_path / "then" / "office-report.html").read_text(encoding="utf-8")


def test_as_of_before_the_first_commit_is_explained(history):
    done = report(history, "--as-of", "2024-01-01")
    assert done.returncode == 2 and "没有提交记录" in done.stderr and "Traceback" not in done.stderr


def test_summary_compares_the_base_with_the_working_tree(history):
    _git(history, "checkout", "-q", "-b", "change")
    (history / "content" / "policies" / "p2.md").write_text(
        policy("T001/2026-00001", published="2026-11-01", issued="2026-10-30", doc_no="测市监规〔2026〕1号"),
        encoding="utf-8")
    done = report(history, "--against", "main", "--summary")
    assert done.returncode == 0, done.stderr
    assert "解读率 100 % → 50 %（变差）" in done.stdout
    assert "缺少解读的文件 0 件 → 1 件（变差）" in done.stdout
    assert done.stdout.startswith("### ")
    assert not (history / "report").exists()


def test_summary_says_when_nothing_changes(history):
    done = report(history, "--against", "main", "--summary")
    assert done.returncode == 0, done.stderr
    assert "本次修改不改变各项指标" in done.stdout


# --- careless and hostile content

def test_a_site_with_nothing_published_still_gets_a_report(tmp_path):
    root = write_site(tmp_path, {}, catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    data = json.loads((root / "report" / "office-report.json").read_text(encoding="utf-8"))
    figures = _figures(data)
    assert figures["interpretation_rate"] is None and figures["publications"] == 0
    # Every column is blank: those whose frequency is not assessed (stale_days: 0) too.
    assert figures["stale_columns"] == 6
    assert {column["status"] for column in data["scopes"][0]["columns"]} == {"空白栏目"}
    html = (root / "report" / "office-report.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "暂无可画图的数据" in html


def test_editor_text_is_text_in_the_page_the_chart_and_the_csv(tmp_path):
    title = '<script>alert(1)</script>"=1+1'
    files = {"policies/a.md": policy("T001/2026-00001", title=title, published="2026-01-10"),
             "interpretations/a.md": interpretation("T001/2026-00002", "T001/2026-00001", title=title,
                                                    published="2026-01-20"),
             "notices/n.md": _doc(title="=HYPERLINK(\"http://x\")", type="notice", index_no="=1+1",
                                  published="2026-11-01")}
    root = write_site(tmp_path, files, catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    html = (root / "report" / "office-report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<svg") == 2
    cells = [cell for row in csv.reader(io.StringIO((root / "report" / "office-report.csv").read_bytes()
                                                     .decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


# --- issue 25, point 5: what the report says is exactly right

def test_the_annual_report_table_starts_at_due_from_and_lists_each_missing_year(tmp_path):
    import copy
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["types"]["annual-report"]["due_from"] = 2021
    root = write_site(tmp_path, hand_counted_files(), catalogue=catalogue)
    done = report(root)
    assert done.returncode == 0, done.stderr
    data = json.loads((root / "report" / "office-report.json").read_text(encoding="utf-8"))
    rows = {row["year"]: row["status"] for row in data["scopes"][0]["annual_reports"]}
    assert rows == {2021: "逾期未发布", 2022: "逾期未发布", 2023: "按时发布", 2024: "逾期未发布", 2025: "逾期发布"}
    # The report's own warnings name the same missing years.
    w300 = [doc["note"] for doc in _lists(data)["agency-rule-W300"]]
    assert [year for year in (2021, 2022, 2024) if any(f"{year} 年度" in note for note in w300)] == [2021, 2022, 2024]
    assert len(w300) == 3
    assert _figures(data)["annual_reports_late"] == 4
    late = [doc["title"] for doc in _lists(data)["agency-annual-late"]]
    assert late == ["2021 年度政府信息公开工作年度报告（未发布）", "2022 年度政府信息公开工作年度报告（未发布）",
                    "2024 年度政府信息公开工作年度报告（未发布）", "2025年度报告"]


COUNTED_LINK = re.compile(r'<a href="#([^"]+)">(\d+)(?: (?:件|个|份|条|处))?</a>')


def _linked_counts(html: str) -> list[tuple[str, int, int]]:
    """(target, the number shown, how many documents the target lists) for every count that is a link."""
    sizes = {key: int(n) for key, n in re.findall(r'<section id="([^"]+)" class="doclist">\s*<h3>[^<]*（(\d+)）</h3>', html)}
    return [(key, int(shown), sizes.get(key, -1)) for key, shown in COUNTED_LINK.findall(html)]


def test_every_count_links_to_exactly_the_documents_it_counts(counted):
    root, data, html = counted
    linked = _linked_counts(html)
    assert linked and [(key, shown, listed) for key, shown, listed in linked if shown != listed] == []
    # A month's cell lists that month's documents only.
    cell = "agency-column-policies-2026-03"
    assert f'<a href="#{cell}">1</a>' in html
    assert [doc["index_no"] for doc in _lists(data)[cell]] == ["T001/2026-00002"]
    # The headline cards: publications, the longest delay, the late reports and the open problems have their lists.
    figures = {f: data["scopes"][0]["figures"][f]["value"] for f in ("publications", "warnings", "annual_reports_late")}
    assert len(_lists(data)["agency-publications"]) == figures["publications"] == 12
    assert len(_lists(data)["agency-rules-all"]) == figures["warnings"] == 6
    assert len(_lists(data)["agency-annual-late"]) == figures["annual_reports_late"] == 2
    assert [doc["index_no"] for doc in _lists(data)["agency-interpretation-worst"]] == ["T001/2026-00003"]
    assert '<a href="#agency-interpretation-worst">8 天</a>' in html


def test_rule_codes_are_shown_with_their_chinese_titles(counted):
    from disclosure.codes import rule
    _, _, html = counted
    rules = html[html.index('id="agency-rules"'):html.index('id="lists"')]
    for code in ("E201", "W200", "W300", "W301", "W302"):
        assert f"<td>{code} {rule(code).title}</td>" in rules


def test_the_csv_holds_every_table_and_names_the_column_or_year_of_each_row(counted):
    root, _, _ = counted
    rows = list(csv.DictReader(io.StringIO((root / "report" / "office-report.csv").read_text(encoding="utf-8-sig"))))
    tables = {row["表"] for row in rows}
    assert tables >= {"概览", "一、栏目更新情况", "二、政策解读", "三、规范性文件有效性", "四、政府信息公开工作年度报告",
                      "七、待处理的问题", "附：数字所依据的文件"}
    cell = [row for row in rows if row["表"] == "一、栏目更新情况" and row["栏目或年度"] == "政策文件" and row["指标"] == "2026-03"]
    assert [(row["数值"], row["相关文件（索引号或路径）"]) for row in cell] == [("1", "T001/2026-00002")]
    years = {row["栏目或年度"]: row["指标"] for row in rows if row["表"] == "四、政府信息公开工作年度报告"}
    assert years == {"2023": "按时发布（截止 2024-01-31）", "2024": "逾期未发布（截止 2025-01-31）",
                     "2025": "逾期发布（截止 2026-01-31）"}
    rules = {row["栏目或年度"]: row["指标"] for row in rows if row["表"] == "七、待处理的问题"}
    assert rules["W301"].startswith("W301 ") and len(rules["W301"]) > 6
    delays = [row for row in rows if row["表"] == "二、政策解读"]
    assert sorted(int(row["数值"]) for row in delays) == [0, 2, 8]
    lists = [row for row in rows if row["表"] == "附：数字所依据的文件"]
    assert all(row["范围"] == "测试县市场监督管理局" for row in lists)
    assert any(row["栏目或年度"] == "政策文件 2026-03" for row in lists)


def test_the_delay_chart_tells_titles_apart_draws_the_limit_and_the_policies_still_waiting(counted):
    _, _, html = counted
    chart = re.search(r'<svg[^>]*id="chart-agency-delays".*?</svg>', html, flags=re.S).group(0)
    # The four policies share a title: each label carries its 索引号.
    for index_no in ("T001/2026-00001", "T001/2026-00002", "T001/2026-00003", "T001/2021-00001"):
        assert index_no in chart, index_no
    assert "时限（天）" in chart and "尚无解读" in chart
    assert "T001/2021-00001" in html[html.index('id="agency-interpretation"'):html.index('id="agency-normative"')]
