"""E400 everywhere a personal datum reaches the site: bodies, every front matter value (withheld
documents' rows and index.md pages too), file names and the contents of attachments; W400 for an
attachment that cannot be read. Through the real `disclosure check` and the real MkDocs build."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .attachmentkit import ofd, pdf, word, xlsx
from .batchkit import Cases, cases_site
from .sitekit import build, check, front_matter, paired_policy, policy, write_site

NBSP, IDEO = "\u00a0", "\u3000"


def attached(name: str, title: str = "附件") -> str:
    return policy(attachments=[{"file": f"files/{name}", "title": title}])


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


@dataclass
class Leak:
    """One way a datum reaches the site: the files to add, and the report expected."""
    files: dict[str, str | bytes]
    path: str          # the file the report names, under content/
    needle: str        # a text on the line the report must name
    masked: str
    where: str = ""    # a text the report must hold, e.g. the cell of an attachment


WITHHELD = dict(type="notice", index_no="T001/2024-00009", published="2024-04-01", disclosure="不予公开")

LEAKS = {
    "body, +86 glued": Leak({"policies/a.md": policy(body="值班电话 +8613800138000。\n")}, "policies/a.md",
                            "+8613800138000", "138****8000"),
    "tel: link": Leak({"policies/a.md": policy(body="[联系我们](tel:+8613800138000)\n")}, "policies/a.md",
                      "tel:", "138****8000"),
    "sms: link, URL-escaped": Leak({"policies/a.md": policy(body="短信：<a href=\"sms:%2B8615912345678\">发送</a>\n")},
                                   "policies/a.md", "sms:", "159****5678"),
    "ID grouped by spaces": Leak({"policies/a.md": policy(body="证件号 110101 19900307 7715\n")}, "policies/a.md",
                                 "证件号", "110101********7715"),
    "ID grouped by hyphens": Leak({"policies/a.md": policy(body="证件号 110101-19900307-7715\n")}, "policies/a.md",
                                  "证件号", "110101********7715"),
    "ID grouped by NBSP": Leak({"policies/a.md": policy(body=f"证件号 110101{NBSP}19900307{NBSP}7715\n")},
                               "policies/a.md", "证件号", "110101********7715"),
    "mobile grouped by U+3000": Leak({"policies/a.md": policy(body=f"手机 138{IDEO}0013{IDEO}8000\n")},
                                     "policies/a.md", "手机", "138****8000"),
    "full-width digits": Leak({"policies/a.md": policy(body="手机 １３８００１３８０００\n")}, "policies/a.md",
                              "手机", "138****8000"),
    "bold between groups": Leak({"policies/a.md": policy(body="手机 **138**0013**8000**\n")}, "policies/a.md",
                                "手机", "138****8000"),
    "bank card with one space": Leak({"policies/a.md": policy(body="收款账号 6222 021234567890128\n")},
                                     "policies/a.md", "收款账号", "6222***********0128"),
    "image alt text": Leak({"policies/a.md": policy(body=f"![张三 138{NBSP}0013{NBSP}8000](files/photo.png)\n"),
                            "policies/files/photo.png": b"\x89PNG\r\n\x1a\n"}, "policies/a.md", "![", "138****8000"),
    "summary in front matter": Leak({"policies/a.md": policy(summary=f"联系人 138{IDEO}0013{IDEO}8000")}, "policies/a.md",
                                    "summary:", "138****8000"),
    "withheld title": Leak({"notices/w.md": front_matter("正文。\n", title="关于张三（13800138000）投诉的答复",
                                                         reason="涉及个人隐私", **WITHHELD)},
                           "notices/w.md", "title:", "138****8000"),
    "withheld reason": Leak({"notices/w.md": front_matter("正文。\n", title="某投诉答复",
                                                          reason="涉及申请人 110101 19900307 7715 的隐私", **WITHHELD)},
                            "notices/w.md", "reason:", "110101********7715"),
    "index.md front matter": Leak({"index.md": front_matter("欢迎。\n", title="政府信息公开",
                                                            description="咨询 138-0013-8000")},
                                  "index.md", "description:", "138****8000"),
    "index.md body": Leak({"policies/index.md": front_matter("本栏目咨询：+8613912345678\n", title="政策文件")},
                          "policies/index.md", "咨询", "139****5678"),
    "document file name": Leak({"notices/13800138000.md": front_matter("正文。\n", title="通知", type="notice",
                                                                        index_no="T001/2024-00008", published="2024-04-01")},
                               "notices/13800138000.md", "---", "138****8000", "文件名中"),
    "attachment file name": Leak({"policies/a.md": attached("名单+8613800138000.pdf"),
                                  "policies/files/名单+8613800138000.pdf": pdf([["List"]])},
                                 "policies/a.md", "名单+8613800138000", "138****8000"),
    "linked file name": Leak({"policies/a.md": policy(body="正文。\n\n[名单](files/张三%20138%200013%208000.pdf)\n"),
                              "policies/files/张三 138 0013 8000.pdf": pdf([["List"]])},
                             "policies/a.md", "[名单]", "138****8000"),
    "名单.csv": Leak({"policies/a.md": attached("名单.csv"),
                      "policies/files/名单.csv": "姓名,身份证号,电话\n张三,11010519491231002X,略\n李四,略,13912345678\n"},
                     "policies/a.md", "名单.csv", "110105********002X", "附件“名单.csv”第2行"),
    "GBK .csv from Excel": Leak({"policies/a.md": attached("名单.csv"),
                                 "policies/files/名单.csv": "姓名,电话\r\n张三,139 1234 5678\r\n".encode("gb18030")},
                                "policies/a.md", "名单.csv", "139****5678", "附件“名单.csv”第2行"),
    ".txt linked from the body": Leak({"policies/a.md": policy(body="正文。\n\n见[名单](files/list.txt)。\n"),
                                       "policies/files/list.txt": "第一行\n联系人 +86 138 0013 8000\n"},
                                      "policies/a.md", "list.txt", "138****8000", "附件“list.txt”第2行"),
    ".xlsx: ID": Leak({"policies/a.md": attached("名单.xlsx"),
                       "policies/files/名单.xlsx": xlsx({"A1": "身份证号", "B3": "110101199003077715"})},
                      "policies/a.md", "名单.xlsx", "110101********7715", "工作表“名单”单元格 B3"),
    ".xlsx: mobile typed as a number": Leak({"policies/a.md": attached("名单.xlsx"),
                                             "policies/files/名单.xlsx": xlsx({"C7": 13800138000})},
                                            "policies/a.md", "名单.xlsx", "138****8000", "单元格 C7"),
    ".et (WPS) read by its content": Leak({"policies/a.md": attached("名单.et"),
                                           "policies/files/名单.et": xlsx({"D2": "卡号 6217 0000 1234 5670"})},
                                          "policies/a.md", "名单.et", "6217********5670", "单元格 D2"),
    ".docx paragraph": Leak({"policies/a.md": attached("说明.docx"),
                             "policies/files/说明.docx": word(["说明", "联系人手机 138 0013 8000"])},
                            "policies/a.md", "说明.docx", "138****8000", "第2段"),
    ".docx table cell": Leak({"policies/a.md": attached("说明.docx"),
                              "policies/files/说明.docx": word(["说明"], cell="44030619850615123X")},
                             "policies/a.md", "说明.docx", "440306********123X", "表格1第2行第2列"),
    ".docx footer": Leak({"policies/a.md": attached("说明.docx"),
                          "policies/files/说明.docx": word(["说明"], footer="监督电话 13912345678")},
                         "policies/a.md", "说明.docx", "139****5678", "页脚"),
    ".docx comment": Leak({"policies/a.md": attached("说明.docx"),
                           "policies/files/说明.docx": word(["说明"], comment="经办人手机 13912345678")},
                          "policies/a.md", "说明.docx", "139****5678", "批注第1段"),
    ".ofd (版式文件)": Leak({"policies/a.md": attached("决定书.ofd"),
                             "policies/files/决定书.ofd": ofd([["行政处罚决定书"], ["当事人：张某", "身份证号：110101 19900307 7715"]])},
                            "policies/a.md", "决定书.ofd", "110101********7715", "第2页第2个文字块"),
    ".pdf second page": Leak({"policies/a.md": attached("公示.pdf"),
                              "policies/files/公示.pdf": pdf([["Notice"], ["Name: Zhang", "ID 110101 19900307 7715"]])},
                             "policies/a.md", "公示.pdf", "110101********7715", "第2页第2行"),
}


# The site's own home page index.md has no place in a case's folder (c<n>/index.md is another page): alone.
LEAKS_ALONE = {"index.md front matter"}


@pytest.fixture(scope="module")
def leaks_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("leaks"), {
        case: {**paired_policy(), **leak.files} for case, leak in LEAKS.items() if case not in LEAKS_ALONE}).checked()


@pytest.mark.parametrize("case", LEAKS)
def test_a_personal_datum_is_reported_wherever_it_reaches_the_site(request, tmp_path, case):
    leak = LEAKS[case]
    files = {**paired_policy(), **leak.files}
    text = files[leak.path]
    line = line_of(text if isinstance(text, str) else "", leak.needle)
    if case in LEAKS_ALONE:
        run = check(write_site(tmp_path, files))
        expected, lines = f"content/{leak.path}:{line}: E400 ", run.coded_lines()
    else:
        cases = request.getfixturevalue("leaks_checked")
        run = cases.run
        expected, lines = f"{cases.path(case, leak.path)}:{line}: E400 ", cases.lines(case, leak.path)
    reports = [report for report in lines if report.startswith(expected) and leak.masked in report]
    assert reports and leak.where in reports[0], run.output
    assert run.returncode == 1


def test_the_build_reads_attachments_and_withheld_rows_too(tmp_path):
    """The build stops on the same reports: nothing of the site is written."""
    files = {**paired_policy(), **LEAKS["名单.csv"].files, **LEAKS["withheld title"].files, **LEAKS["index.md front matter"].files}
    files["policies/files/名单.xlsx"] = LEAKS[".xlsx: ID"].files["policies/files/名单.xlsx"]
    files["policies/a.md"] = policy(attachments=[{"file": "files/名单.csv", "title": "名单"},
                                                 {"file": "files/名单.xlsx", "title": "名单"}])
    root = write_site(tmp_path, files)
    run = build(root)
    assert run.returncode != 0
    assert not (root / "site").exists()
    reports = [report for report in run.coded_lines() if " E400 " in report]
    for where in ("content/policies/a.md:", "content/notices/w.md:", "content/index.md:"):
        assert any(report.startswith(where) for report in reports), (where, run.output)
    assert any("名单.xlsx" in report and "110101********7715" in report for report in reports), run.output
    assert "110101199003077715" not in run.output and "13800138000" not in run.output


def test_an_attachment_that_cannot_be_read_is_a_warning_naming_it(tmp_path):
    files = {**paired_policy(), "policies/a.md": attached("旧表.doc"), "policies/files/旧表.doc": b"\xd0\xcf\x11\xe0 old Word"}
    run = check(write_site(tmp_path, files), "--strict")
    [report] = [report for report in run.coded_lines() if " W400 " in report]
    assert report.startswith(f"content/policies/a.md:{line_of(files['policies/a.md'], '旧表.doc')}: W400 ")
    assert "旧表.doc" in report and "checked" in report
    assert run.returncode == 1


UNREADABLE = {"扫描件.pdf": pdf([[]]), "损坏.xlsx": b"PK\x03\x04 not a workbook", "损坏.docx": b"not a zip",
              "材料.wps": b"\xd0\xcf\x11\xe0", "损坏.ofd": b"PK\x03\x04", "材料.zip": b"PK\x03\x04"}


@pytest.fixture(scope="module")
def unreadable_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("unreadable"), {
        name: {**paired_policy(), "policies/a.md": attached(name), f"policies/files/{name}": data}
        for name, data in UNREADABLE.items()}).checked()


@pytest.mark.parametrize("name", UNREADABLE)
def test_scans_damaged_files_and_unknown_formats_are_warnings(unreadable_checked, name):
    run = unreadable_checked.run
    assert any(" W400 " in report and name in report for report in unreadable_checked.lines(name, "policies/a.md")), run.output
    assert "Traceback" not in run.output


def test_an_attachment_checked_by_hand_is_recorded_not_warned(tmp_path):
    files = {**paired_policy(), "policies/files/旧表.doc": b"\xd0\xcf\x11\xe0 old Word",
             "policies/a.md": policy(attachments=[{"file": "files/旧表.doc", "title": "旧表",
                                                   "checked": "2026-03-01 王五核对，无个人信息"}])}
    run = check(write_site(tmp_path, files), "--strict")
    assert run.returncode == 0, run.output
    assert any(" I400 " in line and "王五核对" in line for line in run.output.splitlines())


def test_an_allowance_matches_however_the_number_is_written(tmp_path):
    """Allowed as +86 138-0013-8000; written in full-width digits in the body and typed as a number in a sheet."""
    files = {**paired_policy(), "policies/files/值班表.xlsx": xlsx({"B2": 13800138000}),
             "policies/a.md": policy(body="值班手机 １３８ ００１３ ８０００。\n",
                                     attachments=[{"file": "files/值班表.xlsx", "title": "值班表"}],
                                     allow_personal_info=[{"value": "+86 138-0013-8000", "reason": "单位值班手机，依规公开"}])}
    run = check(write_site(tmp_path, files))
    assert run.returncode == 0, run.output
    assert any(" I400 " in line and "138****8000" in line for line in run.output.splitlines()), run.output


def test_a_withheld_documents_body_and_attachments_are_not_read(tmp_path):
    """They are never published; an 依申请公开 record may name the applicant."""
    files = {**paired_policy(), "notices/files/申请.csv": "申请人,11010519491231002X\n",
             "notices/w.md": front_matter("申请人手机 13800138000。\n", title="某申请答复", reason="涉及个人隐私",
                                          attachments=[{"file": "files/申请.csv", "title": "申请"}], **WITHHELD)}
    run = check(write_site(tmp_path, files))
    assert "E400" not in run.output and "W400" not in run.output, run.output


def test_a_replaced_attachment_is_read_when_only_it_is_checked(tmp_path):
    """A pre-commit hook or a pull request that changes only the attachment still reads it."""
    leak = LEAKS[".xlsx: ID"]
    root = write_site(tmp_path, {**paired_policy(), **leak.files})
    run = check(root, "content/policies/files/名单.xlsx")
    assert any(" E400 " in report and "110101********7715" in report for report in run.coded_lines()), run.output
    assert run.returncode == 1


def test_a_wps_file_saved_in_the_docx_format_is_read(tmp_path):
    files = {**paired_policy(), "policies/a.md": attached("说明.wps"),
             "policies/files/说明.wps": word(["联系人手机 138-0013-8000"])}
    run = check(write_site(tmp_path, files))
    assert any(" E400 " in report and "说明.wps" in report and "第1段" in report for report in run.coded_lines()), run.output


def test_a_long_list_in_an_attachment_is_reported_in_twenty_lines_and_a_count(tmp_path):
    rows = {f"B{row}": f"1391234{row:04d}" for row in range(1, 31)}
    files = {**paired_policy(), "policies/a.md": attached("名单.xlsx"), "policies/files/名单.xlsx": xlsx(rows)}
    reports = [r for r in check(write_site(tmp_path, files)).coded_lines() if " E400 " in r]
    assert len(reports) == 21
    assert any("另有 10 处" in report for report in reports)
