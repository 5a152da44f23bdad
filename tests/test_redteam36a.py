"""Round thirty-six (a) of the adversarial review (issue 24): round 33b's importer changes, round 34b's unit.json
`sources`, and the account heuristics of privacy/numbers (a person's card passing as the agency's own account).

Fixed (each failed on main, a0f56ae) —
- (privacy/numbers.py `_ORGANISATIONS_START`) a 户名 is an organisation's name as a whole, from its first character:
  it begins with its place within five characters (测试县…, 黑龙江省…, 呼和浩特市…, 大兴安岭地区…, …自治区), a zone
  (测试经济技术开发区…), or as a national body, the armed forces or a bank do (国家金库…, 中国农业银行…, 中共…, 共青团…, 武警…). `户名：王建国和测试县财政局` (closing18's open case),
  `王建国代测试县财政局`, `王建国所在测试县财政局`, `张三测试县财政局` (round 30e left it) ended as an organisation does and
  were read as one: the person's card published as the agency's account (I400, no E400). A closed rule in place of
  another exception: whatever stands before the organisation's start refuses.
- (privacy/numbers.py `_a_surnamed_name`, `_KIND_OF_ACCOUNT`) a two-character name before 账号 (`王金账号：`, round 35a
  left it) and a name before the kind of account (`王建国银行账号：`, `王建国工资账号：`, `王建国 收款账号：`, `王建国转账
  账号：`) were read as the account's own words. A surname and one character no given name holds (单位, 党费, 银行, 余额,
) stays an account's word; a bank's own name before 银行 (华夏银行, 农业银行) is kept whole.
- (privacy/numbers.py `_a_person_named_in_a_form_line`) a line of the account's own whose value is, as a whole, a
  person's name under a label the rule did not list (名字：, 申请者：, 当事人：, 权利人：, 户籍人：, 被执行人：, 领款单位：
  王建国 beside the agency's 户名): published as the agency's account. Any label now, but the agency's staff's
  (联系人, 经办人, 负责人 …: whom to ask) or a place or bank (地址：龙山路, 开户行：农行): the account stays listed.
- (content/disclosure_statements.py `_BARE_NOTE`) a withholding note alone in its brackets on a line
  (`<h3 style="text-align:center">（不予公开）</h3>` under a CMS page's title, `（依申请公开）`, `【内部资料】`): the import
  wrote it as a centred heading and the page as public (通过检查), the check and the build published it: the importer
  reads <h1> titles' notes, the body's rule wanted 此件/本件. Read as a title's note is now (（不予公开告知书）,
  （依申请公开的除外）, （样本） state nothing).
- (importer/body.py `_breaks_a_number`) a personal number broken over two lines by a <br> of its paragraph
  (`<p>联系人手机1380013<br>8000。</p>`, an ID in a `white-space: pre-wrap` body, a phone in a layout table's 落款):
  the import made each line a paragraph, and the check reads a number across a paragraph's line break but never
  across paragraphs (a list of figures): 通过检查, and the page showed the mobile over two lines. Such a break stays
  the paragraph's line break now (E400 on import, as the original's HTML typed into a page is); a line of figures
  before a date (`电话：0571-12345678<br>2024年3月28日`) stays a paragraph of its own.
- (importer/lines.py `_LINE_START`) a paragraph `[TOC]` of a saved page was written as is: the toc extension (every
  MkDocs site has it) put an empty table of contents in its place, the paragraph lost (the import listed W800 only).
  Written `\\[TOC]` now.

Tried and held — `申请者：王建国` above the account (its case passes on main: 王建国 just before the 账号 line); importer:
a line `***` (text since round 30c); `张**和李**`, `*100*`, `_2024_` (shown as written); `<ol start=3>`, `1.` `3.` `2024.`
paragraphs (numbers as written); `- 备注` `# 编号` after `<br>`; `{居中}` and `{#x}` in a pipe table's cells, a centred
`{` and `}`, `### 标题 {#id}` centred; Word's split bold runs of a mobile's digits (joined, E400); `1380013<b></b>8000`
in a caption's table (E400); 秀米 boxes holding a mobile's pieces (E400); a line break in the source inside an ID
number (E400); a hidden phone in a layout table's empty cell (dropped as the browser hides it); a phone in a layout-table
落款 (E400); `（此件不予公开）` inside a layout-table 落款 (W801); `<base href="file:///etc/">`, `../../../../etc/`,
`//evil.example.com/` (E801, nothing copied); `<base href="http://old…/">` images and attachments (named, not fetched);
`srcset`/`poster` on another host (dropped). Platform: a symlinked content file is E112 before any unit build; a case-only
rename or a Unicode twin of a source's path is E701 (the recorded path is gone) on a case-sensitive disk; a source
outside content/ (`../`, an absolute path) is E701 (`_first_stale` read in process).

Left — a person's name in a sentence after the account (`该账户由王建国负责管理。`, `请王建国于3月30日前领取`) or in a
用途/备注 value (`用途：王建国退款`), `测试县财政局（代收王建国）`, a name after the number without a surname of the list
(`{C} 小明`); a two-character name glued before a four-character place (a city not beginning with a surname) reads as
the place, a name glued before a zone too (王建国测试开发区管委会); 齐齐哈尔 is the one four-character city named; a ministry's
name (人力资源和社会保障部) or a university's without its city is refused now; a 户名 of a company written without its city (杭州某某有限公司)
is refused now (E400 with its allow_personal_info fix). A number over three <br> lines (`1380<br>0138<br>000`), or
over two centred paragraphs (`<p align=center>1380013</p><p align=center>8000</p>`, as the original shows it too), is
read as pieces (通过检查); a layout table's 落款 holding such a phone loses its right alignment (refused anyway). Word's split bold runs of `*` (`<b>*</b><b>*</b>`) lose the
asterisks (listed W800). `[TOC]` in a table cell or list item. A compromised job's forged `sources` (by design, 34b).
"""
import datetime as dt

import pytest

from disclosure.content.disclosure_statements import withheld_statements
from disclosure.privacy.numbers import agencys_own_account, names_an_organisation

from .batchkit import imported_notices
from .sitekit import check, paired_policy, write_site
from .test_redteam33b import SIGNED, saved

ACCOUNT = "6228 4800 0000 0000 018"   # 19 digits passing the card checksum (银联 62…)
TODAY = dt.date(2026, 12, 7)


def _own(text: str) -> bool:
    return agencys_own_account(text, text.index("6228"))


@pytest.mark.parametrize("text", [f"户名：{holder}\n账号：{ACCOUNT}" for holder in (
    "王建国和测试县财政局", "王建国代测试县财政局", "王建国所在测试县财政局", "张三测试县财政局", "王建国市场监督管理局")] + [
    f"户名：测试县财政局\n{line}" for line in (
        f"王金账号：{ACCOUNT}", f"王建国银行账号：{ACCOUNT}", f"王建国工资账号：{ACCOUNT}", f"王建国 收款账号：{ACCOUNT}",
        f"王建国转账账号：{ACCOUNT}", f"账号：{ACCOUNT}，王金", f"账号：{ACCOUNT}\n名字：王建国", f"账号：{ACCOUNT}\n当事人：王建国",
        f"账号：{ACCOUNT}\n被执行人：王建国", f"账号：{ACCOUNT}\n领款单位：王建国", f"申请者：王建国\n账号：{ACCOUNT}")])
def test_a_persons_card_is_not_the_agencys_account(text):
    assert not _own(text)


@pytest.mark.parametrize("line", [f"账号：{ACCOUNT}\n联系人：王建国", f"华夏银行账号：{ACCOUNT}", f"农业银行账号：{ACCOUNT}",
                                  f"单位账号：{ACCOUNT}", f"党费账号：{ACCOUNT}", f"工资账号：{ACCOUNT}", f"银行账号：{ACCOUNT}",
                                  f"测试县财政局收款账号：{ACCOUNT}", f"账号：{ACCOUNT}\n经办人：李红",
                                  f"账号：{ACCOUNT}\n地址：龙山路", f"账号：{ACCOUNT}\n开户行：农行"])
def test_the_agencys_account_stays_listed(line):
    assert _own(f"户名：测试县财政局\n{line}")


@pytest.mark.parametrize("holder", [
    "测试县财政局", "县财政局", "测试县住房和城乡建设局", "测试县财政局和水利局", "国家金库测试县支库", "中国农业银行测试县支行",
    "农业银行测试县支行", "人民银行测试县支行", "中共测试县委组织部", "共青团测试县委员会", "呼和浩特市财政局", "乌鲁木齐市财政局",
    "齐齐哈尔市财政局", "黑龙江省财政厅", "新疆维吾尔自治区财政厅", "西双版纳傣族自治州财政局", "大兴安岭地区行政公署财政局",
    "测试村股份经济合作社", "测试经济技术开发区管理委员会", "武警测试县中队", "测试县财政局（国库支付中心）", "测试县财政局、测试县国库支付中心"])
def test_organisations_begin_as_one(holder):
    assert names_an_organisation(holder)


@pytest.mark.parametrize("line, withheld", [
    ("（不予公开）", True), ("### （不予公开） {居中}", True), ("【依申请公开】", True), ("（内部资料）", True),
    ("（主动公开）", False), ("（不予公开告知书）", False), ("（依申请公开的除外）", False), ("（二）依申请公开", False),
    ("（样本）", False)])
def test_a_note_alone_in_its_brackets(line, withheld):
    assert bool(withheld_statements(f"各单位：\n\n{line}\n\n请执行。\n")) is withheld


def test_the_check_names_both_on_a_page(tmp_path):
    """The editors' command: a person's card under a holder written before the agency (E400), a bare note (a code)."""
    account = f"户名：王建国和测试县财政局\n\n账号：{ACCOUNT}\n"
    note = "（依申请公开）\n\n各单位：请做好值班。\n"
    pages = {f"notices/{name}.md": f"---\ntype: notice\ntitle: 通知{n}\nindex_no: T001/2024-0001{n}\npublished: 2024-03-05\n---\n{body}"
             for n, (name, body) in enumerate({"refund": account, "note": note}.items())}
    run = check(write_site(tmp_path, paired_policy() | pages))
    lines = run.output.splitlines()
    assert "Traceback" not in run.output and run.returncode != 0
    assert any("refund.md" in line and " E400 " in line for line in lines), run.output
    assert any("note.md:" in line and "依申请公开" in line for line in lines), run.output


def test_imported_toc_paragraph_and_a_note_under_the_title(tmp_path):
    found = imported_notices(tmp_path, {
        "toc": saved(301, "关于目录的通知", "<p>各单位：</p><p>[TOC]</p><p>请执行。</p>" + SIGNED),
        "note": saved(302, "关于值班的通知", '<h3 style="text-align:center">（不予公开）</h3><p>各单位：</p><p>请执行。</p>'
                      + SIGNED),
        "broken-number": saved(303, "关于报送材料的通知", "<p>各单位：</p><p>联系人手机1380013<br>8000。</p><p>电话：0571-12345678"
                               "<br>2024年3月28日</p>" + SIGNED)})
    assert found.pages["toc"]["status"] == "通过检查", found.pages["toc"]
    assert "\n\\[TOC]\n" in found.front_and_body("toc")[1]
    assert found.pages["note"]["status"] != "通过检查", found.pages["note"]
    decisions = found.pages["broken-number"]["decisions"]
    assert any(" E400 " in line and "138****8000" in line for line in decisions), decisions
    assert "\n联系人手机1380013  \n8000。\n\n电话：0571-12345678\n\n2024年3月28日\n" in found.front_and_body("broken-number")[1]
