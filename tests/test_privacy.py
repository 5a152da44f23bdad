"""E400: personal information in public documents, and the shapes that must not trip it."""

import datetime as dt

import pytest

from disclosure.core.privacy import find_personal_info

from .sitekit import check, front_matter, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)

# (text, kind, masked) — valid check digits and Luhn sums, computed independently of the code.
POSITIVES = [
    ("举报人身份证号11010519491231002X，住址略。", "id", "110105********002X"),
    ("身份证号码：440306199003072315", "id", "440306********2315"),
    ("320582198506153526", "id", "320582********3526"),
    ("当事人（510107197201010048）", "id", "510107********0048"),
    ("证件号 370202198811297519；", "id", "370202********7519"),
    ("出生于闰日：650102200002291231", "id", "650102********1231"),
    ("130103196308080811号", "id", "130103********0811"),
    ("旧身份证 110105491231002 已换发", "id", "110105*****1002"),
    ("联系人手机13800138000", "mobile", "138****8000"),
    ("电话：15912345678。", "mobile", "159****5678"),
    ("请拨打 139-1234-5678", "mobile", "139****5678"),
    ("手机 186 0000 1111", "mobile", "186****1111"),
    ("收款账号6222021234567890128", "card", "6222***********0128"),
    ("卡号 6217 0000 1234 5670", "card", "6217********5670"),
    ("4367420112345672（建设银行）", "card", "4367********5672"),
    ("账户：6228480402564890018", "card", "6228***********0018"),
]

# Real shapes from ../shared/seeds and the example agency: none is personal information.
NEGATIVES = [
    "联系电话:0427-3417012", "电话：0000-12345678", "传真 0427-3417013", "12345 政务服务便民热线", "12350 安全生产举报电话",
    "网站标识码:2111000046", "ICP备案序号:辽ICP备2023000267号-1", "辽公网安备21112302000034号", "示公网安备 37990002000001号",
    "索引号：430S00043/2018-79271", "EX0001/2024-00005", "11210000MB0123456X/2019-00063", "辽煤管办〔2019〕63号",
    "国办发〔2018〕122号", "示应急规〔2024〕1号", "2019-09-05", "2018年3月22日", "统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止",
    "收入总计 4,512.36 万元", "支出预算 4,386.20 万元", "转移群众 1.2 万人次", "下拨资金 28600000 元",
    "统一社会信用代码 91370100MA3C4XYZ1K", "统一社会信用代码 913701007262563316", "邮政编码 379000",
    "订单号 20240315000012345", "流水号 1234567890123456", "国务院令第711号", "13:30-17:00 办公",
    "第 24 个“安全生产月”", "全国统一客服 95588", "400-810-8888", "发文日期 20240315", "身份证号：110105********002X",
    "手机 138****8000", "编号 1380013800012", "坐标 113.2644,23.1291",
]


@pytest.mark.parametrize("text,kind,masked", POSITIVES)
def test_personal_information_is_found_and_masked(text, kind, masked):
    found = find_personal_info(text, TODAY)
    assert [(f.kind, f.masked) for f in found] == [(kind, masked)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_numbers_that_are_not_personal_information(text):
    assert find_personal_info(text, TODAY) == []


def test_the_corpus_is_large_enough():
    assert len(POSITIVES) >= 15 and len(NEGATIVES) >= 30


@pytest.mark.parametrize("value", ["11010519491231002Y", "110105194912310021", "110105202712310024", "990105194912310029"])
def test_an_eighteen_digit_number_that_no_person_holds(value):
    """Wrong check digit, a birth date in the future, or no such province."""
    assert [f for f in find_personal_info(value, TODAY) if f.kind == "id"] == []


def test_the_check_names_file_line_and_masked_value(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(body="第一条 为规范登记，制定本办法。\n\n举报人：张某，身份证号 11010519491231002X。\n")
    files["policies/b.md"] = policy(index_no="T001/2024-00003", title="测试县食品小作坊备案办法",
                                    attachments=None, summary="联系人手机 13800138000")
    files["interpretations/b.md"] = files["interpretations/a.md"].replace("T001/2024-00002", "T001/2024-00004") \
        .replace("interprets: T001/2024-00001", "interprets: T001/2024-00003")
    run = check(write_site(tmp_path, files))
    lines = [line for line in run.coded_lines() if " E400 " in line]
    assert any(line.startswith("content/policies/a.md:12: E400 ") and "110105********002X" in line for line in lines), run.output
    assert any(line.startswith("content/policies/b.md:") and "138****8000" in line for line in lines), run.output
    assert "11010519491231002X" not in run.output and "13800138000" not in run.output
    assert run.returncode == 1


def test_an_allowed_value_is_shown_not_failed(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(body="第一条 值班手机 13800138000，全天接听。\n",
                                    allow_personal_info=[{"value": "13800138000", "reason": "单位值班手机，依规公开"}])
    run = check(write_site(tmp_path, files))
    assert run.returncode == 0, run.output
    assert "E400" not in run.output
    assert any(" I400 " in line and "138****8000" in line and "单位值班手机" in line for line in run.output.splitlines())


def test_non_public_documents_may_hold_personal_information(tmp_path):
    files = paired_policy()
    files["notices/withheld.md"] = front_matter("申请人身份证号 11010519491231002X。\n", title="某申请答复", type="notice",
                                                index_no="T001/2024-00009", published="2024-04-01",
                                                disclosure="依申请公开", reason="涉及个人隐私")
    run = check(write_site(tmp_path, files))
    assert "E400" not in run.output, run.output
