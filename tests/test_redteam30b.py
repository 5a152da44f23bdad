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
import re
import sys

import pytest
import yaml

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
# A text field whose value a YAML tag makes into something else than text (base64 of 关于开展检查的通知, a set).
TAGGED = {"notices/binary-title.md": "title: !!binary 5YWz5LqO5byA5bGV5qOA5p+l55qE6YCa55+l\n",
          "notices/set-title.md": "title: !!set {关于开展检查的通知}\n",
          "notices/binary-summary.md": "title: 测试通知\nsummary: !!binary 5pGY6KaB\n"}


# A value PyYAML (MkDocs' reader of front matter) takes for a date that names no day, with an internal note below it.
NOTE = "# 内部备注：考核细则仅供局内掌握\n"
UNREAD_BY_THE_HOST = {
    "notices/no-such-day.md": ("---\ntype: notice\nindex_no: T001/2024-00061\npublished: 2024-03-05\ntitle: 测试通知\n"
                               f"summary: 2024-02-30\n{NOTE}---\n正文。\n", 6),
    "notices/no-such-hour.md": ("---\ntype: notice\nindex_no: T001/2024-00062\npublished: 2024-03-05\ntitle: 测试通知\n"
                                f"corrected: 2024-03-05 25:00:00\n{NOTE}---\n正文。\n", 6),
    "notices/index.md": (f"---\ntitle: 通知公告\ndescription: 2024-04-31\n{NOTE}---\n说明。\n", 3),
}


def tagged(number: int, fields: str) -> str:
    return f"---\ntype: notice\nindex_no: T001/2024-{number:05d}\npublished: 2024-03-05\n{fields}---\n正文。\n"


@pytest.fixture(scope="module")
def far(tmp_path_factory):
    files = paired_policy() | {name: text for name, (text, _) in FAR_DATES.items()}
    files |= {name: tagged(number, fields) for number, (name, fields) in enumerate(TAGGED.items(), start=41)}
    files |= {name: text for name, (text, _) in UNREAD_BY_THE_HOST.items()}
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


@pytest.mark.parametrize("name", sorted(TAGGED))
def test_a_text_field_a_yaml_tag_makes_no_text_is_a_coded_line(far, name):
    _, checked, built, _ = far
    line = 5 if name != "notices/binary-summary.md" else 6
    for run in (checked, built):
        assert any(found.startswith(f"content/{name}:{line}: E102 ") and "应为文字" in found
                   for found in run.coded_lines()), run.output


# catalogue.yaml reusing a type's name by an alias (YAML's way to write a thing once), with a postcode.
ALIASED_CATALOGUE = (yaml.safe_dump(MINI_CATALOGUE, allow_unicode=True, sort_keys=False)
                     .replace("agency:\n", "agency:\n  postcode: 050000\n", 1)
                     .replace("    name: 通知公告\n", "    name: &notices 通知公告\n", 1)
                     .replace("- id: notices\n  name: 通知公告\n", "- id: notices\n  name: *notices\n", 1))


@pytest.fixture(scope="module")
def as_written(tmp_path_factory):
    files = paired_policy() | {
        "notices/aliased.md": tagged(51, "title: 0365\nsummary: &s 摘要\ncorrected: *s\n"),
        "notices/octal.md": tagged(52, "title: 0365\n"), "notices/sexagesimal.md": tagged(53, "title: 12:30\n"),
        "notices/timestamp.md": tagged(54, "title: 2024-03-05T10:00:00Z\n")}
    root = write_site(tmp_path_factory.mktemp("rt30b-as-written"), files, catalogue=ALIASED_CATALOGUE)
    return root, build(root)


def test_numbers_are_kept_as_written_in_a_file_with_an_alias(as_written):
    """Round 28a kept `050000` as written; a file with one alias was built by PyYAML whole and printed 20480 (and
    245 for the title 0365) again."""
    root, built = as_written
    assert built.returncode == 0, built.output
    assert "*notices" in (root / "catalogue.yaml").read_text(encoding="utf-8")
    page = (root / "site/notices/aliased/index.html").read_text(encoding="utf-8")
    assert "邮编：050000" in page and "<h1>0365" in page, page


@pytest.mark.parametrize(("name", "title"), [("octal", "0365"), ("sexagesimal", "12:30"),
                                                    ("timestamp", "2024-03-05T10:00:00Z")])
def test_the_title_element_and_header_show_the_title_as_written(as_written, name, title):
    """MkDocs' own reading of the front matter (245 for 0365, 750 for 12:30) was printed in <title> and the header."""
    root, _ = as_written
    page = (root / f"site/notices/{name}/index.html").read_text(encoding="utf-8")
    assert f"<title>{title} - " in page and f"<h1>{title}" in page, page
    assert re.search(rf'md-ellipsis">\s*{re.escape(title)}\s*<', page), page


@pytest.mark.parametrize("name", sorted(UNREAD_BY_THE_HOST))
def test_a_front_matter_the_host_cannot_read_is_refused(far, name):
    """MkDocs read no front matter and showed the YAML and its comment as the page's text."""
    _, checked, built, _ = far
    line = UNREAD_BY_THE_HOST[name][1]
    for run in (checked, built):
        assert any(found.startswith(f"content/{name}:{line}: E100 ") and "当作正文发布" in found
                   for found in run.coded_lines()), run.output
