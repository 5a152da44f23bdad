"""Round thirty (b) of the adversarial review (issue 24): the hostile editor and the compromised department CI job,
on what the site prints besides document bodies and the ends of every command. Each test failed on main (6822a27)
before its fix.

Fixed —
- (content/schema.py `LATEST_YEAR`, `FieldReader.year`) a year or a date past any the content can name: an annual
  report's `year: 20255` (a digit too many) stopped `disclosure check` with 内部错误 (ValueError: year 20256 is out of
  range: its due date) and the build with a traceback; `published: 2204-03-05` (for 2024) passed the check with one
  warning (W104) and MkDocs ended the build in a traceback (struct.error: sitemap.xml.gz's time is the newest page's
  date, past 2106 no gzip header holds it); `issued: 9999-12-31` passed check and build and stopped `disclosure
  report` (内部错误: a validity end five years on). Dates after 2099 and years outside 1949–2099 are E102 on their line
  now (catalogue.yaml's sections_from and due_from too), in check and build; the report writes its page.
"""

from __future__ import annotations

import copy
import sys

import pytest

from .sitekit import MINI_CATALOGUE, _run, build, check, front_matter, paired_policy, policy, write_site

# An annual report's type: a year and a due date (its due date is the year after the one reported on).
CATALOGUE = copy.deepcopy(MINI_CATALOGUE)
CATALOGUE["types"]["annual"] = {"name": "年度报告", "fields": ["year"], "due": "01-31"}
CATALOGUE["catalogue"].append({"id": "reports", "name": "年度报告", "path": "reports", "types": ["annual"],
                               "stale_days": 0})


def notice(number: int, body: str = "正文。\n", **fields) -> str:
    return front_matter(body, **{"title": f"测试通知{number}", "type": "notice", "index_no": f"T001/2024-{number:05d}",
                                 "published": "2024-03-05", **fields})


# Each a value with a year no document can have, and the line the check names.
FAR_DATES = {
    "reports/typo-year.md": (front_matter("正文。\n", title="测试县2025年政府信息公开工作年度报告", type="annual",
                                          index_no="T001/2024-00031", published="2024-03-05", year=20255), 6),
    "notices/far-published.md": (notice(32, published="2204-03-05"), 5),
    "policies/far-issued.md": (policy("T001/2024-00033", issued="9999-12-31", published="2024-03-05"), 7),
}


@pytest.fixture(scope="module")
def far(tmp_path_factory):
    files = paired_policy() | {name: text for name, (text, _) in FAR_DATES.items()}
    files["interpretations/far.md"] = front_matter("## 背景依据\n\n说明。\n\n## 主要内容\n\n说明。\n",
                                                   title="解读", type="interpretation", index_no="T001/2024-00034",
                                                   published="2024-03-05", interprets="T001/2024-00033")
    root = write_site(tmp_path_factory.mktemp("rt30b-far"), files, catalogue=CATALOGUE)
    report = _run([sys.executable, "-m", "disclosure.cli.main", "report", "--output", "report"], root)
    return root, check(root), build(root), report


@pytest.mark.parametrize("name", sorted(FAR_DATES))
def test_a_year_past_any_a_document_can_name_is_a_coded_line(far, name):
    root, checked, built, _ = far
    line = FAR_DATES[name][1]
    for run in (checked, built):
        assert run.returncode == 1 and "Traceback" not in run.output and "内部错误" not in run.output, run.output
        assert any(found.startswith(f"content/{name}:{line}: E102 ") for found in run.coded_lines()), run.output
    assert not (root / "site").exists()


def test_the_office_report_is_written_beside_such_a_date(far):
    root, _, _, report = far
    assert report.returncode == 0 and "内部错误" not in report.output, report.output
    assert (root / "report" / "office-report.html").exists()
