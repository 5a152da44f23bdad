"""Round thirty-four (a) of the adversarial review (issue 24): round 33's fixes (1b021f8..main) attacked: the agency's
account read beside a person's name, the joined-digit reading of autolinks, links the check reads.

Fixed (each failed on main, 7896d01) —
- (privacy/numbers.py `_a_name_just_before`) a person's card published as the agency's account (I400, no E400) in
  check and build, as a clerk pastes a refund list (退费名单) under the agency's 户名 and account: `1. 王建国，账号：…`,
  `王建国` on a line of its own before `账号：`, `王建国：账号…`, `王建国同志账号：` (round 33c read only a name right
  before 账号, two to four characters after no Han one), `<p>王建国</p><p>账号：…`, the holder written
  `测试县财政局，王建国` or `测试县财政局（王建国）`, and `账号：…（王建国）`. The piece of text just before the account
  label (blanks, a clause's or a label's mark, brackets, a list's number or a tag setting pieces apart) that is a
  name, or holds a person's title (同志, 先生, 女士), is whose account it is; a name right after the number too (below).
- (privacy/numbers.py `_a_name_just_after`, `_HOLDER_WORD_FIRST`) a name right after the number on its line
  (`6228…　王建国`, `，王建国`, `<br>收款人王建国`, `—王建国`) or a holder's word glued before the name before the label
  (`收款人王建国账号：`): the card published as the agency's account. After the number a name is read by its surname
  (a list of about 330, single and compound), a person's title or a minority's interpunct: what follows an account's
  number is mostly about the account (（已变更）, （现用）, ，谢谢).
- (privacy/numbers.py `_NOT_A_NAME`, `_a_persons_name`) round 33c's name before 账号 refused the agency's account under a
  notice's own word: 下列账号, 指定账号, 对方账号, 上述账号, 统一账号, 其他账号, 周转账号, 高新区账号 (a false E400 in both).
- (privacy/numbers.py `_names_unspaced`) a two-character name spaced as name lists align it with three-character ones
  (`户名：测试县财政局　王　伟`: round 32a's second name after the holder read as two single characters, no name): the
  card published as the agency's account; likewise before the label and in brackets after the number.
- (privacy/numbers.py `_PERSONS_NAME`) a name written with the interpunct between its parts (买买提·艾力, 阿依古丽•买买提:
  Uyghur, Kazakh, Tibetan and transliterated names) after the agency's holder, before the label or in brackets after
  the number: read as no name, the card published as the agency's account.
- (privacy/numbers.py `_BANK_BEFORE`, `_EVERYONE`, `_ACCOUNTS_WORDS`) the agency's real account refused as a card
  (a false E400 in both): an invoice's `开户行及账号：中国农业银行测试县支行 6228…` (the bank between label and number),
  `本账户仅用于接收单位和个人捐赠。` after the account (单位和个人 is everyone who may give, no person), `人民币账号：`
  (read as a person's name before the label).
- (text/markup.py `_AUTOLINK`) `1380013<mailto:8000@x.cn>`: Python-Markdown shows an e-mail autolink without its
  `mailto:` (13800138000@x.cn); the check and the build's source reading read `mailto:8000` and passed it (the
  build refused it only where it read the rendered page).
- (text/markup.py `_links_of_other_schemes`, `_MARKDOWN_AUTOLINK`) a Markdown link to a scheme the build's allow-list
  takes off (`[文件](ftp://…)`, `[文件](sms:10086)`, `[文件][f]` with `[f]: ftp://…`, `<ftp://…>`), and a raw `<sms:10086>`
  (an element, not an autolink: Python-Markdown links only http(s), ftp(s) and e-mail addresses): passed by the check,
  E401 at the build only. `<a href="ftp://…">` was refused by both; the check names the others as the build does now.
- (text/markup.py `_escaped`, `_CODE_SPAN`) a backtick after a backslash is shown, and opens no code span (Python-
  Markdown's BACKTICK_RE): `\\`1380013==8==000\\`` shows `13800138000` between backticks, `\\`<img onerror=…>\\``
  is HTML; the check set both aside as code (the joined-digit reading, the HTML scan) and passed them, the build
  refused them (E400, E401).
- (rules/files.py `_refused_tag`) pymdownx.arithmatex with `generic: true` (round 33c's allowed form) and `inline_tag:
  script` (style, textarea, any element the allow-list refuses; block_tag too): each formula written into that element,
  the check passed it and the build refused every page with a formula (E401 "请删除，或改用 Markdown 写法"). E406 on the
  extension's line in both now.
- (rules/files.py `_copyright_markup`, `_read_setting`) a copyright in HTML written in the file mkdocs.yml INHERITs
  from (round 33c's "Left"): named on mkdocs.yml's first line, where no copyright is; on its own line of that file now.
- (rules/files.py `_as_the_browser_decodes`) a theme style sheet or script saved as UTF-16 with its byte-order mark
  (as Windows' Notepad saves "Unicode"): read as UTF-8, every other byte a NUL, so its @font-face loading a font file
  (round 33a's E401), its `content: "13800138000"` (E401, E400) and a script's load from another host (E404) were
  named by neither check nor build, exit 0, where a browser decodes it by its mark and runs it. Decoded as a browser
  does now (the mark, then a sheet's @charset, else UTF-8).
- (content/crossrefs.py `_rings_across_units`, DocRecord.replaced_within) a ring of replacements across units that
  runs through a unit's own superseded_by too (the government's A by its B, B by jyj:C, jyj's C by gov:A; round 33c's
  "Left"): named nowhere (exit 0), every page "已被替代". Each unit hands its own replacements to the platform with
  its records now; E202 on each reference across units in the ring.

Held (the same lines in check and build; nothing published that should not be) —
- Fences: a fence in a list, a quote, an admonition, details, a definition, an HTML block (with and without
  markdown="1"); tildes, tildes inside backticks, info strings (`text`, `{.text}`), an unclosed fence, four backticks
  closed by three, a fence right after a paragraph, an indented code block: `1380013**8000**` refused by both in each.
- Joined digits: an image with a title, by reference with a title, with an attribute list's alt; a link with an angle
  target, spaced target, a title holding `)`, a reference by another case or spaced label, code in a link's text; an
  entity inside an e-mail autolink; `<br>`, `<span>`, caret, tilde and mark between digits: E400 in both.
  `<MAILTO:8000@x.cn>` (Python-Markdown keeps the upper-case prefix shown): nothing joined in both.
- A sheet's refund row (`王建国 | 账号 | 6228…`) under the agency's 户名 and 账号 cells: E400 in both (kept as a test).
- Accounts still listed (I400): 开户行 lines naming a bank (…支行, 分理处, 营业部, 联社, 农行), 地址, 电话, 用途, 行号 lines
  between 户名 and 账号, (一)账号, a heading before the account, （国库科）（本级）（代管）（非税）after the holder,
  （人民币）（基本户）（农行）（美元）（注：请核对）after the number.

- Probed, the same lines in both: legacy_attrs (`{@title=…}`, `{@onclick=…}`, `{@style=…}`), sane_lists, nl2br;
  extensions refused through INHERIT or by class (tasklist, wikilinks:WikiLinkExtension: E406 on base.yml's line);
  arithmatex's `generic` as 'no', 'off', 0, [] (E406) and 'yes', 'True' (allowed); autolinks and links to http(s),
  mailto, tel (allowed), an image from ftp (E404), an entity in a link's scheme (E401).

Left — `户名：王建国和测试县财政局` (33c's); a person's name on a line after the account (`账号：…\\n\\n王建国`) or in a
sentence after it (`此账号为王建国所有。`): what follows an account on later lines is a notice's own (特此公告, 此致 敬礼);
a name inside a sentence before the label (`将退费款退至王建国账号`) is read only with a person's title or word. The
name before the label is still read without a surname (round 33c's rule, kept for recall): a notice's word not in
`_NOT_A_NAME` before 账号 (two to four characters, no account's word) is still a false E400. Python-Markdown's code span
closes only on a run not touching another backtick (`` `a``b` `` is one span); the check closes on the next run as long.
A unit's UTF-16 theme asset is read by the merge as an attachment (decode_any honours the mark); fonts in it are the
unit build's to name.

Timing: one site of 20 pages and one workbook, checked and built, one theme folder checked and built, one platform
checked: about 4-5 s with -n 0.
"""

from __future__ import annotations

import pytest

from .attachmentkit import xlsx
from .batchkit import theme_folder_site
from .platformkit import write_platform
from .sitekit import build, check, paired_policy, write_site
from .test_platform_core import write
from .test_redteam33a import _lines as page_lines

ACCOUNT = "6228 4800 0000 0000 018"   # 19 digits passing the card checksum (银联 62…)
AGENCYS_FIRST = "6228 4800 0000 0000 026"   # the agency's own, listed before a refund list
HEAD = f"户名：测试县财政局\n\n账号：{AGENCYS_FIRST}\n\n"
# A person's card beside the agency's 户名: E400 in check and build (I400 only on main).
PERSONS = {
    "refund-list": f"{HEAD}退费名单：\n\n1. 王建国，账号：{ACCOUNT}\n",
    "name-line": f"{HEAD}王建国\n\n账号：{ACCOUNT}\n",
    "name-colon": f"户名：测试县财政局\n\n王建国：账号{ACCOUNT}\n",
    "comrade": f"户名：测试县财政局\n\n王建国同志账号：{ACCOUNT}\n",
    "comma-holder": f"户名：测试县财政局，王建国\n\n账号：{ACCOUNT}\n",
    "bracket-holder": f"户名：测试县财政局（王建国）\n\n账号：{ACCOUNT}\n",
    "html-name": f"<p>户名：测试县财政局</p>\n<p>王建国</p><p>账号：{ACCOUNT}</p>\n",
    "bracket-after": f"户名：测试县财政局\n\n账号：{ACCOUNT}（王建国）\n",
    "spaced-name-holder": f"户名：测试县财政局　王　伟\n\n账号：{ACCOUNT}\n",   # a list's alignment of a two-character name
    "spaced-name-before": f"{HEAD}王　伟，账号：{ACCOUNT}\n",
    "dotted-name-holder": f"户名：测试县财政局 买买提·艾力\n\n账号：{ACCOUNT}\n",   # a name written with its interpunct
    "dotted-name-in-brackets": f"户名：测试县财政局\n\n账号：{ACCOUNT}（阿依古丽•买买提）\n",
    "name-after-blank": f"户名：测试县财政局\n\n账号：{ACCOUNT}　王建国\n",
    "name-after-break": f"户名：测试县财政局\n\n账号：<b>{ACCOUNT}</b><br>收款人王建国\n",
    "holder-word-before": f"户名：测试县财政局\n\n收款人王建国账号：{ACCOUNT}\n",
}
# The agency's own account: I400 in check and build, never E400 (E400 on main).
AGENCYS = {
    "bank-before": f"户名：测试县财政局\n\n开户行及账号：中国农业银行测试县支行 {ACCOUNT}\n",
    "everyone": f"户名：测试县红十字会\n\n账号：{ACCOUNT}\n\n本账户仅用于接收单位和个人捐赠。\n",
    "currency": f"户名：测试县财政局\n\n人民币账号：{ACCOUNT}（人民币）\n",
    "notices-words": f"户名：测试县财政局\n\n下列账号：{ACCOUNT}（已变更），谢谢\n",
    "place-before": f"户名：测试县财政局\n\n高新区账号：{ACCOUNT}（现用）\n",
}
# A refund list in a sheet under the agency's 户名 and 账号 cells.
REFUNDS = xlsx({"A1": "户名", "B1": "测试县财政局", "A2": "账号", "B2": AGENCYS_FIRST,
                "A3": "王建国", "B3": "账号", "C3": ACCOUNT})
# Links the build's allow-list takes off the page: E401 in the check too.
OTHER_SCHEMES = {
    "md-ftp": "见[文件](ftp://x/a)。\n",
    "md-sms": "见[文件](sms:10086)。\n",
    "ref-ftp": "见[文件][f]。\n\n[f]: ftp://x/a\n",
    "auto-ftp": "见<ftp://x/a>。\n",
    "raw-sms": "见<sms:10086>。\n",
}
ALLOWED_SCHEMES = {"md-tel": "见[电话](tel:0551-1234567)。\n", "md-mailto": "见[信箱](mailto:a@x.cn)。\n",
                   "auto-https": "见<https://www.gov.cn/>。\n"}
MAILTO = "咨询：1380013<mailto:8000@x.cn>\n"   # shown as 13800138000@x.cn
# A backtick after a backslash is shown, no code span: the marks join the digits, the HTML is HTML.
ESCAPED_BACKTICKS = {"escaped-span": ("E400", "电话：\\`1380013==8==000\\`\n"),
                     "escaped-run": ("E400", "电话：\\``1380013==8==000``\n"),
                     "escaped-html": ("E401", '\\`<img src="a.png" onerror="alert(1)">\\`\n')}


def notice(number: int, body: str, attachments: str = "") -> str:
    return (f"---\ntype: notice\ntitle: 通知{number}\nindex_no: T001/2024-{number:05d}\npublished: 2024-03-05\n"
            f"{attachments}---\n{body}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    bodies = PERSONS | AGENCYS | OTHER_SCHEMES | ALLOWED_SCHEMES | {"mailto": MAILTO} | \
        {name: body for name, (_, body) in ESCAPED_BACKTICKS.items()}
    files = paired_policy() | {f"notices/{name}.md": notice(number, body)
                               for number, (name, body) in enumerate(bodies.items(), start=10)}
    files |= {"notices/sheet.md": notice(50, "见附件。\n", "attachments:\n  - file: files/退费.xlsx\n    title: 附件1\n"),
              "notices/files/退费.xlsx": REFUNDS}
    extensions = ["tables", "attr_list", "admonition", {"toc": {"permalink": False}}, "pymdownx.mark"]
    root = write_site(tmp_path_factory.mktemp("rt34a"), files, mkdocs_extra={"markdown_extensions": extensions})
    return check(root), build(root)


def _lines(run, name: str) -> list[str]:
    return page_lines(run, f"{name}.md")


def test_a_persons_card_in_a_refund_list_under_the_agencys_account_is_refused(runs):
    for run in runs:
        assert "Traceback" not in run.output and run.returncode != 0, run.output
        for name in [*PERSONS, "sheet", "mailto"]:
            assert any(" E400 " in line for line in _lines(run, name)), (name, run.output)


def test_the_agencys_account_written_as_invoices_and_notices_write_it_is_listed(runs):
    for run in runs:
        for name in AGENCYS:
            lines = _lines(run, name)
            assert lines and all(" I400 " in line for line in lines), (name, run.output)


def test_an_escaped_backtick_opens_no_code_span(runs):
    """The check set `\\`…\\`` aside as code and passed what the build refused."""
    for run in runs:
        for name, (code, _) in ESCAPED_BACKTICKS.items():
            assert any(f" {code} " in line for line in _lines(run, name)), (name, run.output)


def test_the_check_refuses_the_links_the_build_takes_off_the_page(runs):
    checked, _ = runs
    for name in OTHER_SCHEMES:
        assert any(" E401 " in line for line in _lines(checked, name)), (name, checked.output)
    for name in ALLOWED_SCHEMES:
        assert not _lines(checked, name), (name, checked.output)


SHEET = ('@font-face { font-family: "dc"; src: url("../fonts/digits.ttf") format("truetype"); }\n'
         '.md-typeset { font-family: "dc", sans-serif; }\n'
         '.md-typeset h1::after { content: "13800138000"; }\n')
SCRIPT = 'fetch("https://hm.example.com/hm.js");\n'


def test_a_theme_file_saved_as_utf16_is_read_as_the_browser_decodes_it(tmp_path):
    """Each line the same sheet or script saved as UTF-8 has: the font (E401), the text it writes (E401, E400), the load
    from another host (E404); on main none, exit 0."""
    root = theme_folder_site(tmp_path, {"assets/stylesheets/u16.css": b"\xff\xfe" + SHEET.encode("utf-16-le"),
                                        "assets/javascripts/u16.js": b"\xfe\xff" + SCRIPT.encode("utf-16-be"),
                                        "assets/fonts/digits.ttf": b"\0\1\0\0"}, {"name": "material", "font": False})
    for run in (check(root), build(root)):
        lines = {line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in run.coded_lines()}
        assert {"overrides/assets/stylesheets/u16.css:1: E401", "overrides/assets/stylesheets/u16.css:3: E401",
                "overrides/assets/stylesheets/u16.css:3: E400", "overrides/assets/javascripts/u16.js:1: E404"} <= lines, \
            run.output


def test_a_ring_of_replacements_through_a_units_own_superseded_by_is_named(tmp_path):
    root = write_platform(tmp_path / "repo", search=False)
    for path, index_no, successor in (("guide/ra.md", "CSF/2025-00031", "CSF/2025-00032"),
                                      ("guide/rb.md", "CSF/2025-00032", "jyj:JYJ/2025-00033"),
                                      ("jyj/guide/rc.md", "JYJ/2025-00033", "gov:CSF/2025-00031")):
        write(root, path, f"title: 替代{index_no[-2:]}\ntype: guide\nindex_no: {index_no}\npublished: 2025-01-03\n"
                          f"superseded_by: {successor}\n")
    run = check(root)
    named = {line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in run.coded_lines()}
    assert named == {"content/guide/rb.md:6: E202", "content/jyj/guide/rc.md:6: E202"}, run.output


def test_arithmatex_writing_formulas_into_a_refused_element_is_named_on_its_line(tmp_path):
    extension = {"pymdownx.arithmatex": {"generic": True, "inline_tag": "script"}}
    root = write_site(tmp_path, paired_policy() | {"notices/a.md": notice(10, "公式 $x$。\n")},
                      mkdocs_extra={"markdown_extensions": [extension]})
    run = check(root)
    assert [line.split(" ", 2)[1] for line in run.coded_lines() if line.startswith("mkdocs.yml:")] == ["E406"], run.output


def test_a_copyright_in_html_in_an_inherited_file_is_named_on_its_line(tmp_path):
    root = write_site(tmp_path, paired_policy())
    (root / "base.yml").write_text("site_author: 测试\ncopyright: 版权所有 &copy; 2024 <a href=\"/\">测试县</a>\n",
                                   encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    run = check(root)
    assert [line.split(" ", 2)[0] for line in run.coded_lines() if " E601 " in line] == ["base.yml:2:"], run.output
