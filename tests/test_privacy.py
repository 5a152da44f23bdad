"""E400: personal information in public documents, and the shapes that must not trip it."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.privacy.numbers import find_personal_info

from .seeds import seed_names, seed_texts
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


# Written as people really write them, and as Word/WPS paste them: the reader sees the same number.
NBSP, IDEO, THIN = "\u00a0", "\u3000", "\u2009"
FOLDED_POSITIVES = [
    # mobile numbers behind a country prefix, in tel:/sms: links, URL-escaped, grouped by any space or dash
    ("联系电话 +8613800138000", "mobile", "138****8000"),
    ("[拨打](tel:+8613800138000)", "mobile", "138****8000"),
    ("[拨打](tel:13800138000)", "mobile", "138****8000"),
    ("<a href=\"sms:+86-139-1234-5678\">短信</a>", "mobile", "139****5678"),
    ("[拨打](tel:%2B8615912345678)", "mobile", "159****5678"),
    ("0086 138 0013 8000", "mobile", "138****8000"),
    ("008613800138000", "mobile", "138****8000"),
    ("（+86）13800138000", "mobile", "138****8000"),
    (f"手机 138{NBSP}0013{NBSP}8000", "mobile", "138****8000"),
    (f"手机 138{IDEO}0013{IDEO}8000", "mobile", "138****8000"),
    ("手机 138–0013–8000", "mobile", "138****8000"),
    ("手机 138.0013.8000", "mobile", "138****8000"),
    ("手机 1380013 8000", "mobile", "138****8000"),
    ("手机 １３８００１３８０００", "mobile", "138****8000"),
    ("手机 138**0013**8000", "mobile", "138****8000"),
    ("手机 **138** 0013 8000", "mobile", "138****8000"),
    ("手机 138\\-0013\\-8000", "mobile", "138****8000"),
    ("手机 138<b>0013</b>8000", "mobile", "138****8000"),
    ("手机 &#49;&#51;&#56;00138000", "mobile", "138****8000"),
    ("手机 138&nbsp;0013&nbsp;8000", "mobile", "138****8000"),
    ("手机 138\u200b0013\u200b8000", "mobile", "138****8000"),
    ("联系人手机 138\n0013 8000，请勿外传", "mobile", "138****8000"),  # a soft line break reads as a space
    ("<!-- 备用：13800138000 -->", "mobile", "138****8000"),  # a comment is in the page's source
    ("<!--13800138000-->", "mobile", "138****8000"),
    ('<span title="138 0013 8000">值班电话</span>', "mobile", "138****8000"),
    ('<a href="tel:+8613800138000">值班电话</a>', "mobile", "138****8000"),
    # 身份证号 grouped 6-8-4, 6-4-4-4, with any separator, full-width, with X in either width
    ("身份证 110101 19900307 7715", "id", "110101********7715"),
    ("身份证 110101-19900307-7715", "id", "110101********7715"),
    ("身份证 110101 1990 0307 7715", "id", "110101********7715"),
    (f"身份证 110101{NBSP}19900307{NBSP}7715", "id", "110101********7715"),
    (f"身份证 110101{IDEO}19900307{IDEO}7715", "id", "110101********7715"),
    (f"身份证 110101{THIN}19900307{THIN}7715", "id", "110101********7715"),
    ("身份证 11010119900307 7715", "id", "110101********7715"),
    ("身份证 １１０１０１１９９００３０７７７１５", "id", "110101********7715"),
    ("身份证 44030619850615123Ｘ", "id", "440306********123X"),
    ("身份证 440306 19850615 123x", "id", "440306********123X"),
    ("身份证 __320582__197812034563", "id", "320582********4563"),
    ("身份证 &#x33;20582197812034563", "id", "320582********4563"),
    ("身份证 <span>510107</span><span>200101010029</span>", "id", "510107********0029"),
    # 银行卡号 with one space anywhere, in groups of four by any space, full-width
    ("卡号 6222 021234567890128", "card", "6222***********0128"),
    ("卡号 6222021234 567890128", "card", "6222***********0128"),
    (f"卡号 6217{NBSP}0000{NBSP}1234{NBSP}5670", "card", "6217********5670"),
    (f"卡号 6217{IDEO}0000{IDEO}1234{IDEO}5670", "card", "6217********5670"),
    ("卡号 ６２１７０００２１２３４５６７０".replace("０００２", "００００"), "card", "6217********5670"),
    ("卡号 6228-4804-0256-4890-018", "card", "6228***********0018"),
    ("卡号 5255-0000-1111-2225", "card", "5255********2225"),
    # any run of spaces or tabs (a browser shows one), a line break inside the paragraph with indentation
    ("手机 138     0013     8000", "mobile", "138****8000"),
    ("手机 138\t\t\t0013\t\t\t8000", "mobile", "138****8000"),
    (f"身份证 110101{IDEO}{IDEO}{IDEO}19900307{NBSP}{NBSP}{NBSP}7715", "id", "110101********7715"),
    ("联系人手机 138 0013   \n    8000，请勿外传", "mobile", "138****8000"),
    # Chinese numerals read digit by digit, 幺 and 两 as people say them, 大写 digits, circled digits
    ("手机 一三八〇〇一三八〇〇〇", "mobile", "138****8000"),
    ("手机 一三八 〇〇一三 八〇〇〇", "mobile", "138****8000"),
    ("手机 幺三八零零幺三八零零零", "mobile", "138****8000"),
    ("手机 幺五九 幺两三四 五六七八", "mobile", "159****5678"),
    ("手机 138〇〇13八000", "mobile", "138****8000"),
    ("身份证 壹壹零壹零壹壹玖玖零零叁零柒柒柒壹伍", "id", "110101********7715"),
    ("身份证 一一〇一〇一一九九〇〇三〇七七七一五", "id", "110101********7715"),
    ("手机 ①③⑧⓪⓪①③⑧⓪⓪⓪", "mobile", "138****8000"),
    ("联系人张三13800138000", "mobile", "138****8000"),   # a name ending in a numeral stays a name
    ("手机 138 0013<br>8000", "mobile", "138****8000"),   # a line break inside the paragraph
    ("手机 138 0013<br/>\n8000", "mobile", "138****8000"),
    # a digit at a time, the lone digits the whole run (a row of twelve figures is none: see the negatives)
    ("手机 1 3 8 0 0 1 3 8 0 0 0", "mobile", "138****8000"),
]

# Figures, dates and codes that folding must not join into a personal datum.
FOLDED_NEGATIVES = [
    "投入13500000000元", "投入 13500000000 元", "总投资13800138000万元", "资金13500000000.00", "￥13800138000",
    "2024 13800 13800", "| 2024 | 13800 | 13800 |", "1 3 8 0 0 1 3 8 0 0 0 1", "13 800 138 000", "138 00 13 8000",
    "2019-2020", "2019—2020年", "2019-09-05 2019-09-06", "2019.09.05-2020.09.05", "20190905-20200905",
    "联系电话 0427-3417012 0427-3417013", "电话 (0427)3417012", "+86 10 12345678", "0086-10-12345678",
    "+86-427-3417012", "辽公网安备 21112302000034号", "京ICP备 11010119号-3", "索引号 430S00043/2018-79271",
    "统一社会信用代码 91110105 MA01 ABCD 2X", "第 1 3 8 条", "2024 年 1 月 1 日 至 2024 年 12 月 31 日",
    "| 1 | 3 | 8 | 0 | 0 | 1 | 3 | 8 | 0 | 0 | 0 |", "13800 13800 13800 13800", "版本 1.13800138000",
    "坐标 113.264400 23.129100", "+8620123456789", "0086 2012345678", "2024-03-15 13:30:00", "单号 2024031500 0012345", "１３８００ １３８００ 元",
    "统计 4512 3600 2024 2025", "13800\n\n138001\n\n38000", "- 110101\n- 19900307\n- 7715", "共 110 101 199 003 077 715 人次",
    # Dates, amounts and articles in Chinese numerals: 年/月/千/百/十 stand between their numerals
    "二〇二四年三月十五日", "二〇二四年一月一日至二〇二四年十二月三十一日", "一千二百万元", "壹仟贰佰万元整", "壹拾贰万叁仟肆佰伍拾陆元",
    "第十二条", "第一百三十八条", "张三、李四、王五", "三三两两", "一五一十", "二〇二四 年 三 月", "一一〇一〇一", "①②③④⑤",
    "一二三四五六七八九〇", "二〇一九—二〇二〇年度", "一三八〇〇一三八〇〇〇元", "两两两两两两两两两两两",
    "13800     13800     13800", "2024\t\t\t13800\t\t\t13800",
]


@pytest.mark.parametrize("text,kind,masked", FOLDED_POSITIVES)
def test_personal_information_is_found_as_a_reader_sees_it(text, kind, masked):
    found = find_personal_info(text, TODAY)
    assert [(f.kind, f.masked) for f in found] == [(kind, masked)], text


@pytest.mark.parametrize("text", FOLDED_NEGATIVES)
def test_folding_joins_no_figures_into_personal_information(text):
    assert find_personal_info(text, TODAY) == [], text


@pytest.mark.parametrize("name", seed_names())
def test_real_disclosure_texts_hold_no_personal_information(name):
    """The seed documents are real, published disclosure texts: full of 文号, dates, amounts and phones."""
    assert find_personal_info(seed_texts()[name], TODAY) == []


def test_a_finding_points_at_its_first_character():
    text = "第一行\n联系人：&#49;38 0013 8000\n"
    [finding] = find_personal_info(text, TODAY)
    assert text[finding.start:].startswith("&#49;38")


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789１３８ -–.*_<>&#;%x\n\u00a0\u3000年元手机bspan/!"), max_size=80))
def test_any_text_is_read_without_failing(text):
    """Whatever an editor pastes: no exception, and every finding points inside the text at a digit-like start."""
    for finding in find_personal_info(text, TODAY):
        assert 0 <= finding.start < len(text)
        assert finding.kind in ("id", "mobile", "card") and finding.value.rstrip("X").isdigit()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["13800138000", "15912345678"]), st.sampled_from([" ", "-", "\u00a0", "\u3000", "\u2009", "–", "."]),
       st.sampled_from([(3, 4, 4), (3, 8), (7, 4), (11,)]), st.sampled_from(["", "+86", "+86 ", "0086-", "tel:"]))
def test_a_mobile_is_found_however_it_is_grouped(number, separator, grouping, prefix):
    parts, at = [], 0
    for size in grouping:
        parts.append(number[at:at + size])
        at += size
    found = find_personal_info(f"联系电话：{prefix}{separator.join(parts)}。", TODAY)
    assert [(f.kind, f.value) for f in found] == [("mobile", number)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["%", "%3", "%31", "%2B", "%2b", "%zz", "%%", "%e4%b8%ad", "%E4", "1", "38", "0",
                                 " ", "<a href='tel:", "'>", "</a>", "正文", "é", "\x7f", "\U0001f600"]), max_size=12).map("".join))
def test_the_rendered_page_is_read_decoded_only_when_decoding_changes_it(text):
    """E400 on the rendered page reads it a second time %-decoded (tel:%31%33%38…) only when it holds a
    %-escape (`_URL_ESCAPE`), not for every "%" (增长12.5%): without one, `unquote` gives the same text."""
    from urllib.parse import unquote
    from disclosure.rules.personal_data.rendered import _URL_ESCAPE
    if not _URL_ESCAPE.search(text):
        assert unquote(text) == text


# --- The circled numbers (⑩ …) read as their digits, stretch by stretch --------------------------------

def _spelled_out_char_by_char(text: str):
    """The definition: each character as it reads (a circled number as its digits), and where each came from."""
    from disclosure.privacy.numbers import CIRCLED_NUMBERS
    if not any(char in CIRCLED_NUMBERS for char in text):
        return None
    read = [(CIRCLED_NUMBERS.get(char, char), at) for at, char in enumerate(text)]
    return "".join(shown for shown, _ in read), [at for shown, at in read for _ in shown]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["⑩", "⑳", "㉑", "㊿", "⑽", "⒇", "❿", "㊉", "①", "1", "3", " ", "号", "a", "\n"]),
                max_size=40).map("".join))
def test_circled_numbers_are_spelled_out_where_they_are_written(text):
    """The scan of a megabyte text holding one ⑩ went character by character (1.5 s a text at the merge); read
    stretch by stretch between the circled numbers it must give the same reading and the same positions."""
    from disclosure.privacy.numbers import _circled_spelled_out
    assert _circled_spelled_out(text) == _spelled_out_char_by_char(text)


def test_one_scan_for_digits_and_numerals_finds_what_two_found():
    """`_any_candidate` reads the digits' pattern only inside the numerals' stretches (privacy/numbers.py): on texts
    of digits, numerals, gaps and other characters mixed at random it answers as the two scans over the whole text."""
    import random

    from disclosure.privacy import numbers

    def two_scans(text: str) -> bool:
        return (next(numbers._candidates(text, markup=False), None) is not None
                or next(numbers._candidates(text, numerals=True, markup=False), None) is not None)

    alphabet = [*"0123456789一二三四五六七八九〇零两幺壹①⑨０５²", " ", "-", ".", "/", "\n", "*", "\u200b", "\u3000", *"文件号年月lO"]
    rng = random.Random(26)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60))) for _ in range(15000)]
    answers = [two_scans(text) for text in texts]
    assert 1000 < sum(answers) < 14000   # both answers are well represented
    assert [numbers._any_candidate(text, False) for text in texts] == answers


def test_markup_is_looked_for_where_its_first_characters_stand():
    """`_has_markup` tries `_MARKUP_NEAR` only at "&", "<" and "%": on random texts of those and their neighbours
    (entities, escapes, tags, cut short) it answers as the expression's scan of the whole text."""
    import random

    from disclosure.privacy import numbers

    rng = random.Random(26)
    alphabet = [*"&<%#!/;x -", *"aZf", *"0239", "中"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    answers = [numbers._MARKUP_NEAR.search(text) is not None for text in texts]
    assert 1000 < sum(answers) < 19000
    assert [numbers._has_markup(text) for text in texts] == answers


def test_letters_for_digits_are_found_from_the_letter_as_from_the_digit():
    """`_LOOKALIKE_NEAR_DIGIT` is led by the letter (privacy/numbers.py): on random texts of digits, such letters, dots,
    signs and others it finds something exactly where the expression led by the digit did."""
    import random
    import re

    from disclosure.privacy import numbers

    not_l, digit = numbers._NOT_L, "0-9０-９"
    led_by_digit = re.compile(f"[{digit}](?:(?=[{not_l}])|(?<=[{not_l}].)|(?<=[^{digit}.\\-][lｌ].)(?=[{digit}])"
                              f"|(?=[{digit}][lｌ](?![{digit}.\\-])))")
    rng = random.Random(26)
    alphabet = [*"0123456789０５", *"lｌOoIЗⅠ", ".", "-", "中", "a", " ", "\n"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(30000)]
    answers = [led_by_digit.search(text) is not None for text in texts]
    assert 3000 < sum(answers) < 27000
    assert [numbers._LOOKALIKE_NEAR_DIGIT.search(text) is not None for text in texts] == answers
