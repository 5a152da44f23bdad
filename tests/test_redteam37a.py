"""Round thirty-seven (a) of the adversarial review (issue 24): what round 36b left of the account rules in
privacy/numbers — persons near an account's number and in its holder's name, organisations' accounts falsely refused,
numbers in other groupings.

The rule decided (class 1): an organisation's account is named by its 户名 alone. A sentence of the account (its own
lines, and the text after the number as far as the account's context reaches) that gives the account to a person —
as the one who holds, keeps, runs or collects through it — makes it that person's: E400, with allow_personal_info as
the fix where the agency means it. The agency's staff named as whom to ask (联系人：王建国, 请联系王建国, 经办人：王建国)
hold nothing, and the account stays listed (I400).

Fixed (each failed on main, a093d32; the guards below passed there and pass here) —
- (`_a_person_holding_it`) a person in a sentence after the number: `该账户由王建国负责管理。`, `请王建国于3月30日前领取。`,
  `请王伟于…`, `请王建国本人持身份证领取`, `此卡为王建国所有`, `该账户归王建国所有`, `该账户属于王建国`, `王建国名下账户`,
  `交由王建国保管`, `由欧阳建国管理`, `由王建国具体负责`, `开户人是王建国`, `该账户是王建国的`, `由户主王建国…`, `由其父亲王建国…`,
  `由王建国、李小明负责`, `由买买提·艾力负责`, a sentence before the account (`以下账户由王建国负责管理：`), also spaced out,
  in bold or ended by `&#12290;`: published as the agency's account.
- (`_a_person_in_the_accounts_name`) a person inside an account's name (`测试县王建国专户`, `测试县财政局王建国专户`,
  `测试县王建国存款户`, `测试县欧阳建专户`, `测试县王建国的专户`, `…家庭专户`): a name of three characters or a compound surname's; two (计生专户, 农保专户)
  stay a fund's short name, and a fund's word (安置房, 农民工) is none.
- (`_A_PERSON_BEFORE_A_PLACE`) a person before a place word that is no name (`王建国村委会`, `王建国镇人民政府`,
  `王建国社区居委会`): three characters beginning with a surname before 村/镇/县… are a person's unless written as places
  are (王家庄村, 石家庄市, 马鞍山市, 刘王庄村, 景德镇市, 石河子市). A national body's first word before a person
  (`中国王小会`, `中华王小会`) is read as a place is.
- (`_words_shown`) a name written as character references (`（&#29579;建国）` after the number, `&#x738b;&#x5efa;&#x56fd;`
  on the line after it, `由&#29579;建国负责管理`): the page shows 王建国, every name rule read the references as marks;
  the agency's own name so written (`&#27979;试县财政局`) was refused. &lt;, &amp;, blanks' references stay as written.
- (`_A_GIVEN_NAME_CALLED`) a given name without a surname after the number (`6228… 阿强`, `（小明）`); 小计 is none.
- (`_a_name_just_after`) a note between the number and its holder (`（注意保存）王建国`, `（请妥善保管）`, `（已变更）`,
  `（人民币）`): the first piece was read only. Up to the line's first label (，联系人：王建国 is whom to ask).
- (`_A_SCHOOL_OR_COMPANY`, `_A_PLACE_IN_BRACKETS`) false refusals (E400) of organisations' accounts: universities without
  a province (清华大学, 复旦大学, 温州大学, 华中科技大学, 温州医科大学), companies without a place (华为技术有限公司,
  阿里巴巴（中国）有限公司, 华信招标代理有限公司), a place in the holder's brackets (温州市财政局（龙湾）, （江南）, （安徽）).
- (`_MOBILE_GROUPINGS`, `_shape`) a mobile in fours from its start (`1380 0138 000`, over `<br>`s or typed), or split
  in two anywhere but 3-8 and 7-4 (`13800 138000`, `1380 0138000`, `138001<br>38000`; the module's docstring promises
  "one separator splitting the number in two", cards and IDs had it): read as no number by the check, the build and
  the import. Guards: `2024 13800 13800`, `13800 138000元`, `分别为13800 138000人` stay figures.

Also (no behaviour change but the bank table's three new look-behind members, 发展, 开发, 出口, each a bank's name's own
end): the account rules' patterns are compiled on first use (`_CompiledOnFirstUse`; the tests' build server compiles
them before it forks, `compile_now`): the module's import 50 → 30 ms of its own; one table of banks, one of bodies'
endings and one of account and office characters feed the near-twin lists.

Tried and held — 联系人：王建国, 经办人：王建国, 如有疑问请联系王建国 after the account stay listed; the notice's own words
(请严格保管, 为方便管理, 由单位负责, 由银行负责代收, 由于疫情…, 请缴款人于…, 专款专用，封闭管理, 各单位要严格管理，安全使用)
and a person asked to pay into it (请王建国于3月30日前缴款, also before the account), 联系人：王建国同志, 请申请人本人持身份证领取, 请符合条件的人员于…领取
keep it listed (each refused by a looser first draft of the rule); `王建国和某某科技有限公司`, `王建国代…有限公司`, `王建国有限公司`, `清华大学王建国`, `王建国清华大学`,
`测试县财政局（刘峰）` and `（王建国）`, `测试县财政局&nbsp;王建国` are refused; 计生专户, 农保专户, 杨柳村村委会, 中华全国
总工会, 社会保险基金收入户 stay the agency's. Through check and build (one site each way): a person holding it
in a table's cell, a list item, an admonition, a heading, split by bold (`**王**建国`): E400 in both; 清华大学, 测试县
安置房专户: listed in both; a mobile 1380 0138 000 in a table cell: E400 in both. An abbreviation's title (`*[测试县财政局]:
王建国负责管理`) passes both (a clause opening with a name before 负责 is not read: the notice's own words would be). The example site's content/, examples/ and ../shared/seeds: no finding
before or after.

Left — a two-character name inside an account's name (`测试县王伟专户`: 计生专户 is written so) or in the holder's
brackets when it ends as a place's short name does (`（王南）`); a person before a place whose name ends in a word of the
land (`王建林村委会`); a person glued before a company's trade name or a two-character one before 大学 (`王伟大学`); a name
in a sentence without one of the words that give or hold (`王建国负责该账户` mid-clause); `宁波诺丁汉大学` (a surname first,
no discipline) is refused.
"""
import datetime as dt

import pytest

from disclosure.privacy.numbers import agencys_own_account, find_personal_info, names_an_organisation

from .batchkit import cases_site, checked_and_built, imported_notices
from .sitekit import interpretation, policy
from .test_redteam33b import SIGNED, saved

ACCOUNT = "6228 4800 0000 0000 018"   # 19 digits passing the card checksum (银联 62…)
AGENCYS = f"户名：测试县财政局\n账号：{ACCOUNT}\n"


def _own(text: str) -> bool:
    return agencys_own_account(text, text.index("6228"))


@pytest.mark.parametrize("text", [AGENCYS + line for line in (
    "该账户由王建国负责管理。", "请王建国于3月30日前领取。", "请王伟于3月30日前领取。", "请王建国本人持身份证领取。", "此卡为王建国所有。",
    "该账户归王建国所有。", "该账户属于王建国。", "王建国名下账户。", "该账户交由王建国保管。", "该账户由欧阳建国管理。",
    "该账户由 王建国 负责管理。", "该账户由<b>王建国</b>负责管理。", "该账户由王 建 国负责管理。", "该账户由王建国负责管理&#12290;", "该账户由王建国具体负责。", "该账户的开户人是王建国。",
    "该账户由买买提·艾力负责管理。", "该账户由户主王建国负责管理。", "该账户由其父亲王建国负责管理。", "该账户由王建国、李小明负责管理。",
    "该账户是王建国的。", "请王建国于3月30日前到财政局领取。")] + [f"以下账户由王建国负责管理：\n{AGENCYS}"]
    + [f"户名：{holder}\n账号：{ACCOUNT}" for holder in (
        "测试县王建国专户", "测试县财政局王建国专户", "测试县王建国存款户", "测试县欧阳建专户", "测试县王建国的专户", "测试县王建国家庭专户", "王建国村委会", "王建国镇人民政府",
        "王建国社区居委会", "中国王小会", "中华王小会", "王建国和华信科技有限公司", "王建国有限公司", "清华大学王建国",
        "王建国清华大学", "测试县财政局（刘峰）")]
    + [f"户名：测试县财政局\n账号：{ACCOUNT}{after}" for after in (
        " 阿强", "（小明）", "（&#29579;建国）", "\n&#x738b;&#x5efa;&#x56fd;", "\n该账户由&#29579;建国负责管理。", "（注意保存）王建国", "（请妥善保管）（王建国）", "（已变更）王建国", " 注意保存 王建国", "，开户人为王建国。")])
def test_a_persons_card_is_not_the_agencys_account(text):
    assert not _own(text)


@pytest.mark.parametrize("text", [AGENCYS + line for line in (
    "联系人：王建国", "经办人：王建国", "如有疑问请联系王建国，电话0571-12345678。", "请严格保管。", "为方便管理，请注明用途。",
    "由单位负责。", "由银行负责代收。", "由于疫情影响，请网上缴款。", "请缴款人于3月30日前缴款。", "专款专用，封闭管理。",
    "三、工作要求\n各单位要严格管理，安全使用。", "请王建国于3月30日前缴款。", "请王建国将款项缴入上述账户，逾期不予领取。",
    "联系人：王建国同志，电话：0571-12345678", "三、办理须知\n请申请人本人持身份证领取补贴。", "请符合条件的人员于3月前领取。")]
    + [f"请王建国于3月30日前将费用缴入以下账户：\n{AGENCYS}"]
    + [f"户名：{holder}\n账号：{ACCOUNT}" for holder in (
        "清华大学", "复旦大学", "温州大学", "华中科技大学", "温州医科大学", "华为技术有限公司", "阿里巴巴（中国）有限公司",
        "华信招标代理有限公司", "温州市财政局（龙湾）", "测试县财政局（江南）", "测试县财政局（安徽）", "测试县计生专户", "测试县农保专户",
        "测试县安置房专户", "测试县农民工专户", "王家庄村村民委员会", "刘王庄村村委会", "马鞍山市财政局", "景德镇市财政局",
        "石河子市财政局", "测试县杨柳村村委会", "中华全国总工会", "&#27979;试县财政局")]
    + [f"户名：测试县财政局\n账号：{ACCOUNT}{after}" for after in ("（人民币）", " 小计", "，联系人：王建国")])
def test_the_organisations_account_stays_listed(text):
    assert _own(text)


@pytest.mark.parametrize("holder, organisation", [("清华大学", True), ("王建国清华大学", False), ("王建国和华信科技有限公司", False),
                                                  ("测试县王建国专户", False), ("测试县康复专户", True)])
def test_names_an_organisation(holder, organisation):
    assert names_an_organisation(holder) is organisation


@pytest.mark.parametrize("text", ["联系人手机1380 0138 000。", "联系人手机1380<br>0138<br>000。", "联系人手机1380  \n0138  \n000。",
                                  "联系人手机13800 138000。", "联系人手机1380 0138000。", "联系人手机138001<br>38000。"])
def test_a_mobile_in_fours(text):
    assert [found.value for found in find_personal_info(text, dt.date(2026, 1, 1))] == ["13800138000"]


def _page(body: str) -> dict[str, str]:
    return {"policies/a.md": policy(body=body), "interpretations/a.md": interpretation()}


REFUSED = {"holding": f"户名：测试县财政局\n\n账号：{ACCOUNT}\n\n该账户由王建国负责管理。\n",
           "in-the-name": f"户名：测试县王建国专户\n\n账号：{ACCOUNT}\n",
           "note-between": f"户名：测试县财政局\n\n账号：{ACCOUNT}（注意保存）王建国\n",
           "fours": "第一条 联系人手机1380<br>0138<br>000。\n"}
LISTED = {"university": f"户名：清华大学\n\n账号：{ACCOUNT}\n", "company": f"户名：阿里巴巴（中国）有限公司\n\n账号：{ACCOUNT}\n",
          "branch": f"户名：温州市财政局（龙湾）\n\n账号：{ACCOUNT}\n",
          "contact": f"户名：测试县财政局\n\n账号：{ACCOUNT}\n\n如有疑问请联系王建国。\n"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    cases = {name: _page(body) for name, body in {**REFUSED, **LISTED}.items()}
    return checked_and_built(cases_site(tmp_path_factory.mktemp("rt37a"), cases))


def test_the_check_and_the_build_agree(runs):
    """Each refused case is E400 in both, each organisation's account I400 and no E400 in both."""
    for run in runs:
        assert "Traceback" not in run.run.output and run.run.returncode != 0, run.run.output
        for case in REFUSED:
            assert "E400" in run.codes(case, "policies/a.md"), (case, run.run.output)
        for case in LISTED:
            assert not run.codes(case, "policies/a.md"), (case, run.run.output)
    for case in LISTED:   # listed for the reviewer, as the agency's account
        assert f"{runs[0].path(case, 'policies/a.md')}:12: I400 " in runs[0].run.output, (case, runs[0].run.output)
    assert not (runs[1].root / "site").exists()


def test_an_imported_mobile_in_fours_over_breaks(tmp_path):
    """`1380<br>0138<br>000` on a saved page: imported as three paragraphs (通过检查) on main; one paragraph and E400 now."""
    found = imported_notices(tmp_path, {"fours": saved(371, "关于报送材料的通知",
                                                       "<p>各单位：</p><p>联系人手机1380<br>0138<br>000。</p><p>请执行。</p>" + SIGNED)})
    decisions = found.pages["fours"]["decisions"]
    assert any(" E400 " in line and "138****8000" in line for line in decisions), decisions


@pytest.mark.parametrize("text", ["2024 13800 13800", "13800 138000元", "分别为13800 138000人"])
def test_figures_stay_figures(text):
    assert not find_personal_info(text, dt.date(2026, 1, 1))
