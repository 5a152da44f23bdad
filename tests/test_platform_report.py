"""`disclosure report` on a platform: the platform's figures, then one scope per unit, each on its own due dates.

Today is FIXED_EPOCH (2026-11-22). The platform fixture (tests/test_platform_core.py): the government has two
policies, one interpreted by its own note on the day, the other by the 教育局 one day later.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

from .sitekit import _run
from .test_platform_core import platform, write  # noqa: F401 - `platform` is the fixture


def _report(root: Path, *args: str):
    return _run([sys.executable, "-m", "disclosure.cli.main", "report", *args], root)


def _annual(root: Path, src_uri: str, index_no: str, year: int, published: str) -> None:
    write(root, src_uri, f"title: {year}年报\ntype: annual-report\nindex_no: {index_no}\npublished: {published}\nyear: {year}\n")


@pytest.fixture
def reported(platform: Path) -> Path:
    # Both published on 2025-03-20: in time for the government (report_due 03-31), 48 days late for the
    # 教育局, which keeps the type's due date (01-31). Neither has a 2025 report yet (due in 2026): overdue.
    _annual(platform, "reports/2024.md", "CSF/2025-00020", 2024, "2025-03-20")
    _annual(platform, "jyj/reports/2024.md", "JYJ/2025-00020", 2024, "2025-03-20")
    run = _report(platform)
    assert run.returncode == 0, run.output
    return platform / "report"


def _scopes(reported: Path) -> dict:
    data = json.loads((reported / "office-report.json").read_text(encoding="utf-8"))
    return {scope["id"]: scope for scope in data["scopes"]}


def test_one_scope_for_the_platform_then_one_per_unit(reported: Path):
    data = json.loads((reported / "office-report.json").read_text(encoding="utf-8"))
    assert data["agency"] == "测试市政府信息公开平台"
    assert [(s["id"], s["name"]) for s in data["scopes"]] == [
        ("_platform", "测试市政府信息公开平台"), ("gov", "测试市人民政府"), ("jyj", "测试市教育局"), ("nanqu", "测试市南区人民政府")]


def test_an_interpretation_by_another_unit_counts_for_the_policy(reported: Path):
    scopes = _scopes(reported)
    gov = scopes["gov"]
    assert gov["figures"]["interpretation_rate"]["value"] == 100.0
    delays = {d["policy"]["index_no"]: d for d in gov["interpretation"]["delays"]}
    across = delays["CSF/2025-00002"]
    assert across["days"] == 1 and across["interpretation"]["path"] == "content/jyj/interpretations/n2.md"
    assert across["interpretation"]["title"].startswith("【测试市教育局】")
    assert across["interpretation"]["url"] == "jyj/interpretations/n2/"
    assert scopes["jyj"]["figures"]["interpretation_rate"]["value"] is None   # the 教育局 has no policy of its own
    assert scopes["_platform"]["figures"]["interpretation_rate"]["value"] == 100.0


def test_without_the_other_units_note_the_policy_is_missing_its_interpretation(platform: Path):
    (platform / "content/jyj/interpretations/n2.md").unlink()
    assert _report(platform).returncode == 0
    scopes = _scopes(platform / "report")
    assert scopes["gov"]["figures"]["interpretation_rate"]["value"] == 50.0
    assert [d["index_no"] for d in scopes["gov"]["interpretation"]["missing"]["docs"]] == ["CSF/2025-00002"]
    assert scopes["_platform"]["figures"]["interpretation_missing"]["value"] == 1


def test_annual_reports_are_due_on_each_units_own_date(reported: Path):
    scopes = _scopes(reported)
    rows = {(unit, r["year"]): r for unit in ("gov", "jyj") for r in scopes[unit]["annual_reports"]}
    assert rows[("gov", 2024)]["due"] == "2025-03-31" and rows[("gov", 2024)]["status"] == "按时发布"
    assert rows[("jyj", 2024)]["due"] == "2025-01-31" and rows[("jyj", 2024)]["days_late"] == 48
    assert rows[("gov", 2025)]["status"] == rows[("jyj", 2025)]["status"] == "逾期未发布"
    assert scopes["gov"]["figures"]["annual_reports_late"]["value"] == 1
    assert scopes["jyj"]["figures"]["annual_reports_late"]["value"] == 2
    assert scopes["_platform"]["figures"]["annual_reports_late"]["value"] == 3
    assert scopes["nanqu"]["annual_reports"] == []


def test_csv_has_rows_per_department(reported: Path):
    rows = list(csv.reader(io.StringIO((reported / "office-report.csv").read_text(encoding="utf-8-sig"))))
    late = {row[0]: row[2] for row in rows if row[1] == "逾期或未发布的年报"}
    assert late == {"测试市政府信息公开平台": "3", "测试市人民政府": "1", "测试市教育局": "2", "测试市南区人民政府": "0"}
    # Each list of documents says whose it is.
    assert any(row[0] == "测试市教育局" and "年度" in row[1] and "JYJ/2025-00020" in row[4] for row in rows)


def test_html_has_the_table_of_units_and_every_link_lands(reported: Path):
    page = (reported / "office-report.html").read_text(encoding="utf-8")
    table = page[page.index('id="_platform-units"'):page.index('id="gov"')]
    assert [name for name in re.findall(r'<a href="#(\w+)-overview">', table)] == ["gov", "jyj", "nanqu"]
    assert "测试市南区人民政府" in table
    ids = set(re.findall(r'id="([^"]+)"', page))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target
    # The units' sections are complete; the platform's own section is the overview and the table only.
    assert 'id="jyj-annual"' in page and 'id="_platform-annual"' not in page


def test_pull_request_summary_names_only_the_units_whose_figures_change(platform: Path):
    import subprocess
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "x"], ["checkout", "-q", "-b", "c"]):
        subprocess.run(git + args, cwd=platform, check=True, capture_output=True)
    (platform / "content/jyj/interpretations/n2.md").unlink()   # the 教育局 withdraws its 解读 of the government's policy
    run = _report(platform, "--against", "main", "--summary")
    assert run.returncode == 0, run.output
    parts = run.stdout.split("**")
    # The platform and the government lose an interpretation; the 教育局 a publication; 南区 nothing.
    assert [parts[i] for i in range(1, len(parts), 2)] == ["测试市政府信息公开平台", "测试市人民政府", "测试市教育局"]
    government = run.stdout[run.stdout.index("**测试市人民政府**"):run.stdout.index("**测试市教育局**")]
    assert "- 解读率 100 % → 50 %（变差）" in government
    assert "- 其余 1 个单位的指标不变" in run.stdout


def test_the_platforms_totals_and_its_table_of_units_link_to_exactly_their_documents(reported: Path):
    from .test_office_report import _linked_counts
    page = (reported / "office-report.html").read_text(encoding="utf-8")
    linked = _linked_counts(page)
    assert [(key, shown, listed) for key, shown, listed in linked if shown != listed] == []
    overview = page[page.index('id="_platform-overview"'):page.index('id="_platform-units"')]
    assert '<a href="#_platform-annual-late">3 份</a>' in overview
    table = page[page.index('id="_platform-units"'):page.index('id="gov"')]
    assert '<a href="#jyj-annual-late">2 份</a>' in table and '<a href="#gov-annual-late">1 份</a>' in table
    rows = list(csv.DictReader(io.StringIO((reported / "office-report.csv").read_text(encoding="utf-8-sig"))))
    units = {(row["范围"], row["指标"]): row["数值"] for row in rows if row["表"] == "各单位概览"}
    assert units[("测试市教育局", "逾期或未发布的年报")] == "2" and units[("测试市南区人民政府", "逾期或未发布的年报")] == "0"
