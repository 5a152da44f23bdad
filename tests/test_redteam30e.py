"""Round thirty (e) of the adversarial review (issue 24): round 30a's fixes attacked past the cases they were shown.
Each test of a class found failed on main (84a94b1; the later ones on 8fede9e or this branch before them) before
its fix.

Fixed —
- (privacy/numbers.py `agencys_own_account`, `names_an_organisation`) a person's card published as the agency's
  对公账户 (I400, no E400) under labels a careless editor writes: a person's name ending as an organisation does
  (户名：王建社, **王建社**: 社 ends 合作社), a person with an organisation after (张三（测试县人民医院）, 张三/测试县财政局),
  a person under a label the rule did not read beside the agency's 户名 or 收款单位 (开户人, 户主, 退款人：王女士,
  补贴对象：村民王某, 退款对象：王某某, a form's 户　名 aligned with a full-width blank), a card named by its kind
  (惠农一卡通账号, 存折账号), a person's 户名 above a 开户行 line long enough to leave it out of the 80 characters
  read. Every holder label near the number (户名 however spaced, 账户名称, 开户人, 户主, 收款人, 领款人, 退款人, …对象;
  200 characters above it) must now name an organisation as a whole (its name before any bracket ends as one does,
  and is five characters long, or four with a place: 县财政局), and any 卡, 存折 or 某 near it keeps it refused. A form's
  账　　号： under 户　　名：测试县财政局, a 户名 ending …汇缴结算户 or …总工会, 收款人全称：, 账户号： and 账号∶ were
  refused (E400) and are accounts now; 联系人：王女士 beside one stays allowed.
- (text/html_text.py `TouchingCells`, `touching_cell_gaps`, `_widened`) a number split across touching cells passed
  both the check and the build when the cells were written as Word writes them (<td><p class=MsoNormal>…</p></td>: the
  paragraphs' gaps kept the texts apart), closed implicitly (<td>1380013<td>8000, as HTML allows), or with the second
  cell's text in a table of its own; with a comment holding a cell between them (</td><!-- <td>x</td> --><td>) the
  tags in it were read as cells (the page was refused anyway: E401 for the comment). A cell opened in an open one's
  row closes it; tags in comments are none; the stretch between two touching cells takes the tags and blanks either
  side, within the two cells (an empty last cell is no way to the next row's text).
- (text/markup.py `tables_with_listed_cells`, content/documents.py) a mobile across two cells of a Markdown table styled
  padding:0 by attribute lists (`| 1380013 {: style="padding:0" } | 8000 {: style="padding:0" } |`): the build refused
  it, the check (reading raw HTML only) passed it. Such a table is rendered and read as the build reads it, in a
  document and in a section's own page.
- (text/markup.py `_sizes_with_listed_styles`) an attribute list's font size at a table cell's end, or on a paragraph
  of a list item or an admonition (indented four), compounding with <small>s inside: the build refused it (E401), the
  check passed it (the block was rendered without tables, and alone an indented paragraph is a code block).
- (privacy/numbers.py `_shortcodes_shown`) a mobile in emoji shortcodes (:one::three::eight:…) under pymdownx.emoji
  as characters (to_alt, allowed): the build refused the keycap digits on the page, the check read no digit.
- (importer/htmlpage.py `_resolved`) a backslash in <base href="files\\2024\\"> (a page saved on Windows) made the
  name after the last backslash the base's file: a.txt resolved beside the page, and another file of that name there
  was imported as the attachment (round 30a's class); href="files\\2024\\a.txt" was reported as not saved. A
  backslash is a slash, as a browser reads a file's address.
- (importer/htmlpage.py `_served_by_a_program`) an attachment a program serves whose address names no file while the
  link's text or the query does (/fileserver/preview?id=8812 as 名单.xlsx, /download/8812, downfile.jsp?filename=名单.xls)
  kept its link to a page the new site does not have (E500 at the check): W800 names it now, the body keeps its text.
- (privacy/page_numbers.py `page_code`, attachment_parts `page_text_shown`) Excel's &P+7999 prints the page's number
  plus 7999 (`1380013&P+7999`: 13800138000 on page 1; &N+1000 ends an ID number): the offset was dropped.
- (privacy/attachments.py `_holding`, privacy/numbers.py `holds_a_number_to_name`) the agency's account in an
  attachment (a .txt: 户名 and 账号 in one text) was published unnamed: the attachment's reader kept only the texts
  holding a personal datum, and left out the account that round 30a's I400 names to the reviewer in a body.
- (rules/files.py `_read_as_false`) pymdownx.smartsymbols with its rewrites without a digit switched off as
  Python-Markdown reads a switch (`copyright: 'false'`, 0, n, null) was refused (E406): only YAML's booleans counted.
- (privacy/attachments.py `_EXCEL_SEPARATOR`) a .csv's `sep=;` line ended in \\r alone (an old Mac's file) was not read.

Held — touching cells: upper-case tags, attributes without quotes, rowspan/colspan, <tbody>, whitespace and &nbsp;
between cells, a style on <tr>: the check and the build agree (E400). Accounts: 16-digit and ID numbers are never taken
for an account (the rule is for card-shaped findings; an ID number is read as one first); a person's 户名 in a
table's column (no label before the number), two 户名 one a person's, 户名：张三 测试县财政局; with MkDocs' search on,
the build publishes the legitimate accounts (the search index's texts keep their labels). An account in an attachment's
cells (label and number apart) or in a raw-HTML table is refused in both (E400: the label is not before the number);
in front matter the number and the 户名 are read apart (E400). Attribute lists: tight list items, blockquotes, h4/h6,
`{:style='…'}`, `{: .class style=…}`, setext headings, a second list (left as text by attr_list), a list on the
parent paragraph of a loose nested list (the style is the paragraph's, not the list's). E406: the partial smartsymbols
config stays refused; critic in any mode. <base href>: several (the first with an href, as a browser), in the body, in
upper case, with blanks, `..` inside the folder, a query, an empty first one (the page itself, as a browser);
protocol-relative and root-absolute ones lead out of the folder (E801, the browser finds no file either); an absolute
one is another site's. CSV: a BOM before sep=, UTF-16, sep=| and a tab, "sep=;", SEP=. Download links: DownLoad.JSP?ID=,
/servlet/FileDownload?fileId=, attachment.do?id= (W800); javascript: and # links are no attachments. OpenDocument's
text:page-adjust is no way round: LibreOffice shows nothing for a page the document does not have.

Left —
- A table with cellspacing (or border-spacing) is read as touching (a false E400 in both).
- Raw HTML shown in a code block or span (```<td>1380013</td><td>8000</td>```) is read by the check as a table (E400)
  where the build shows the tags as text: a false refusal at the check only. Likewise an indented code block holding an
  attribute list with a font size (dedented, it is rendered as a paragraph).
- Word's `{ = { PAGE } + 7999 }` in a footer: its saved result is read (Word prints the worked-out one).
- A holder written with the person glued before the organisation (户名：张三测试县财政局) names an organisation; a
  person's card under 户名：测试县财政局 is still published (I400 names it to the reviewer: the labels are trusted).
- An <a> around only an icon to download.jsp leaves `![](download.jsp?…)` in the body (E500 at the check).

Timing: one site checked and built once (accounts, cells, listed sizes, shortcodes, a section page, mkdocs.yml's
switches), one import of five pages, one site of four attachments checked once: about 2.5 s with -n 0.
"""

from __future__ import annotations

import pytest

from .batchkit import imported_notices
from .sitekit import build, check, write_site
from .test_redteam29a import _lines, notice


ACCOUNT = "6228 4800 0000 0000 018"   # 19 digits passing the card checksum (银联 62…)
BANK = "开户行：中国农业银行测试县支行"
# A person's card under labels a careless editor writes: each was published as the agency's account (I400) on main.
PERSONS_CARD = {
    "name-ending-as-an-organisation": f"户名：王建社\n\n{BANK}\n\n账号：{ACCOUNT}\n",
    "name-in-bold": f"**户名**：**王建社**\n\n**账号**：{ACCOUNT}\n",
    "person-of-an-organisation": f"户名：张三（测试县人民医院）\n\n账号：{ACCOUNT}\n",
    "person-slash-organisation": f"户名：张三/测试县财政局\n\n账号：{ACCOUNT}\n",
    "account-opener": f"收款单位：测试县财政局\n\n开户人：张三\n\n账号：{ACCOUNT}\n",
    "household-head": f"户名：测试县民政局\n\n户主：张三\n\n账号：{ACCOUNT}\n",
    "form-spaced-holder": f"收款单位：测试县财政局\n\n户　名：张三\n\n账号：{ACCOUNT}\n",
    "refund-to-someone": f"户名：测试县财政局\n\n退款对象：王某某\n\n账号：{ACCOUNT}\n",
    "refund-to-a-lady": f"户名：测试县财政局\n\n退款人：王女士\n\n账号：{ACCOUNT}\n",
    "full-name-a-persons": f"收款单位：测试县财政局\n\n收款人全称：张三\n\n账号：{ACCOUNT}\n",
    "holder-far-above": f"户名：张三\n\n开户行：中国农业银行测试县支行城关分理处（地址：测试县人民路一号农行大楼一楼营业厅，"
                        f"营业时间为工作日上午八点至下午五点）\n\n收款单位：测试县财政局\n\n账号：{ACCOUNT}\n",
    "subsidy-to-a-villager": f"户名：测试县财政局\n\n补贴对象：村民王某\n\n账号：{ACCOUNT}\n",
    "one-card-account": f"户名：测试县财政局\n\n惠农一卡通账号：{ACCOUNT}\n",
    "passbook-account": f"户名：测试县财政局\n\n存折账号：{ACCOUNT}\n",
}
# The agency's own account as notices print it: published, listed as I400.
AGENCYS = {
    "form-spaced-labels": f"户　　名：测试县财政局\n\n开 户 行：中国农业银行测试县支行\n\n账　　号：{ACCOUNT}\n",
    "holder-with-its-office": f"户名：测试县财政局（国库支付中心）\n\n账号：{ACCOUNT}\n",
    "holder-after-in-brackets": f"收款账户：{ACCOUNT}（户名：测试县财政局）\n",
    "settlement-account": f"户名：测试县财政局非税收入汇缴结算户\n\n账号：{ACCOUNT}\n",
    "trade-union": f"户名：测试县总工会\n\n账号：{ACCOUNT}\n",
    "full-name-label": f"收款人全称：测试县财政局\n\n账户号：{ACCOUNT}\n",
    "ratio-colons": f"户名∶测试县财政局\n\n账号∶{ACCOUNT}\n",   # ∶ (U+2236) for a colon, as Word's Chinese fonts draw it
    "unit-account": f"收款单位：测试县财政局\n\n收款单位账号：{ACCOUNT}\n\n联系人：王女士，电话：0576-83012345。\n",
}
# A mobile split across two touching cells (Word's table: no padding, no border), written as a browser still joins.
WORD_TABLE = '<table class="MsoNormalTable" border="0" cellpadding="0" cellspacing="0">'
CELLS = {
    "word-paragraphs": f'{WORD_TABLE}<tr><td><p class="MsoNormal">联系电话1380013</p></td>'
                       '<td><p class="MsoNormal">8000</p></td></tr></table>',
    "closed-implicitly": f"{WORD_TABLE}<tr><td>联系电话1380013<td>8000</tr></table>",
    "heading-cell-implicitly": f"{WORD_TABLE}<tr><th>联系电话1380013<td>8000</table>",
    "comment-between": f"{WORD_TABLE}<tr><td>联系电话1380013</td><!-- <td>旧</td> --><td>8000</td></tr></table>",
    "table-in-the-cell": f'{WORD_TABLE}<tr><td>联系电话1380013</td><td><table class="x" cellpadding="0"><tr><td>8000</td>'
                         "</tr></table></td></tr></table>",
    "markdown-cells-styled": '| 电话 | 号 |\n| --- | --- |\n| 联系电话1380013 {: style="padding:0" } | 8000 {: style="padding:0" } |',
}
# Cells a padding keeps apart, Word's paragraphs in them too.
CELLS_APART = {"word-paragraphs-padded": '<table class="MsoNormalTable" border="1" cellpadding="3"><tr><td><p>序号1</p></td>'
                                         "<td><p>3800138000</p></td></tr></table>",
               "closed-implicitly-material": "<table><tr><td>序号1<td>3800138000</tr></table>",
               "empty-cell-ends-the-row": f"{WORD_TABLE}<tr><td><p>序号1</p></td><td><p></p></td></tr><tr><td><p>3800138000</p></td>"
                                          "</tr></table>",
               "markdown-cell-styled-beside-a-padded-one": '| 序 | 号 |\n| --- | --- |\n| 序号1 {: style="padding:0" } | 3800138000 |'}

# A font size given by an attribute list where round 30a's check did not render it as the build does: at a table
# cell's end, on a paragraph of a list item or an admonition (indented four).
SHRUNK = "联系电话 1380013<small><small>某某</small></small>8000"
LISTED_SIZE = {"size-of-a-cell": f'| 项目 | 内容 |\n| --- | --- |\n| 电话 | {SHRUNK} {{: style="font-size:60%" }} |',
               "size-in-a-list-item": f'- 第一项\n\n    {SHRUNK}\n    {{: style="font-size:60%" }}\n\n- 第二项',
               "size-in-an-admonition": f'!!! note "说明"\n\n    {SHRUNK}\n    {{: style="font-size:60%" }}'}
# A mobile in emoji shortcodes: pymdownx.emoji (to_alt, which the gate allows) shows each as its keycap digit.
SHORTCODES = {"emoji-digits": "联系电话 " + "".join(f":{digit}:" for digit in
                                                 "one three eight zero zero one three eight zero zero zero".split()) + "。"}
# mkdocs.yml's extensions, emoji as characters (a Python name: no safe_dump writes it), and smartsymbols with every
# rewrite without a digit switched off as Python-Markdown reads a switch (a quoted 'false', 0, n, null, OFF).
EXTENSIONS = ("markdown_extensions:\n  - tables\n  - attr_list\n  - admonition\n  - toc:\n      permalink: false\n"
              "  - pymdownx.emoji:\n      emoji_generator: !!python/name:pymdownx.emoji.to_alt\n"
              "  - pymdownx.smartsymbols:\n      trademark: 'false'\n      copyright: 0\n      registered: n\n"
              "      plusminus: ~\n      arrows: OFF\n      notequal: 'No'\n      care_of: false\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = {**PERSONS_CARD, **AGENCYS, **CELLS, **CELLS_APART, **LISTED_SIZE, **SHORTCODES}
    files = {f"notices/{name}.md": notice(number, f"{text}\n") for number, (name, text) in enumerate(cases.items(), 1)}
    files["notices/index.md"] = f"# 通知公告\n\n{CELLS['markdown-cells-styled']}\n"   # a section's own page
    root = write_site(tmp_path_factory.mktemp("rt30e"), files)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(EXTENSIONS)
    return check(root), build(root)


def refused_in_both(site, name: str, code: str, words: str = "") -> bool:
    """Whether the check and the build each name case `name` with `code` (and `words`) on a line."""
    return all(any(f": {code} " in line and words in line for line in _lines(run, name)) for run in site)


# The kinds of case that must be refused, each with the code and words of its line.
REFUSED = {**{name: ("E400", "银行卡号") for name in PERSONS_CARD}, **{name: ("E400", "手机号码") for name in CELLS},
           **{name: ("E401", "缩小") for name in LISTED_SIZE}, **{name: ("E400", "手机号码") for name in SHORTCODES}}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_by_the_check_and_the_build(site, name):
    """A person's card under an editor's labels; a number across touching cells as HTML writes them; an attribute
    list's size in a cell or an indented paragraph; a mobile in emoji shortcodes."""
    assert refused_in_both(site, name, *REFUSED[name]), site[0].output + site[1].output


def test_the_agencys_account_as_notices_print_it_is_listed(site):
    for run in site:
        assert not [line for name in AGENCYS for line in _lines(run, name) if ": I400 " not in line], run.output
    listed = [line for line in site[0].output.splitlines() if ": I400 " in line and "对公账户" in line]
    assert all(any(line.startswith(f"content/notices/{name}.md:") for line in listed) for name in AGENCYS), site[0].output


def test_cells_kept_apart_stay_apart(site):
    for run in site:
        assert not [line for name in CELLS_APART for line in _lines(run, name)], run.output


# --- import: an address written with backslashes (a page saved on Windows), attachments a program serves ----------

def _saved_with(base: str, href: str, text: str = "名单.txt") -> dict[str, str]:
    """A saved page whose attachment (`text`) is files/2024/a.txt, beside another file of its name."""
    from .test_redteam30a import _ATTACHED, _TABLE, _saved
    attached = _ATTACHED.replace("{href}", href).replace("名单.txt</a>", f"{text}</a>")
    return {"p.html": _saved(_TABLE.replace("{openness}", "主动公开"), attached, base),
            "files/2024/a.txt": "名单（正本）", "a.txt": "另一份文件"}


BACKSLASHED = {"base-with-backslashes": _saved_with('<base href="files\\2024\\">', "a.txt"),
               "link-with-backslashes": _saved_with("", "files\\2024\\a.txt")}
# Attachments an old site's program serves, named by the link's text or the address's query (no file was saved).
SERVED = {"preview-named-by-its-text": _saved_with("", "/fileserver/preview?id=8812", "名单.xlsx"),
          "download-path-without-query": _saved_with("", "/download/8812", "名单.xlsx"),
          "named-by-the-query": _saved_with("", "downfile.jsp?filename=%E5%90%8D%E5%8D%95.xls", "名单")}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    return imported_notices(tmp_path_factory.mktemp("rt30e-import"), {**BACKSLASHED, **SERVED})


@pytest.mark.parametrize("case", sorted(BACKSLASHED))
def test_a_backslash_in_an_address_is_a_slash(imported, case):
    """As a browser reads the saved page: the attachment is files/2024/a.txt, not the file of its name beside the page
    (imported in its place) nor one not saved (dropped)."""
    front, _ = imported.front_and_body(case)
    [attached] = front["attachments"]
    assert (imported.root / imported.pages[case]["target"]).parent.joinpath(attached["file"]).read_text(
        encoding="utf-8") == "名单（正本）", front


# --- attachments: a footer's page number with an offset, a .csv whose lines end in \r ------------------------------

def _footer(center: str) -> bytes:
    from .test_redteam26d import _xlsx_with_footer
    return _xlsx_with_footer(center=center)


ATTACHED = {   # each printed or shown with a personal datum
    # Excel prints &P+7999 as the page's number plus 7999: 13800138000 on page 1.
    "footer-page-plus": ("名单.xlsx", lambda: _footer("联系电话 1380013&P+7999")),
    # The count of pages plus 1000 (1001 … 1099) ends an ID number.
    "footer-count-plus": ("名单.xlsx", lambda: _footer("证件号 11010519800101&N+1000")),
    # sep=; and lines ended in \r (a Mac's old .csv): Excel splits at ;, and shows the formula's 13800138000.
    "csv-sep-line-carriage-returns": ("名单.csv", lambda: 'sep=;\r姓名;电话\r张三;="1380013"&"8000"\r'.encode("gbk")),
}
ATTACHED_HELD = {"footer-page-plus-one": ("名单.xlsx", lambda: _footer("第 &P+1 页，共 &N 页"))}
# The agency's account in a text attachment: published, and named to the reviewer as in a body (I400).
ACCOUNT_ATTACHED = {"account-in-a-text": ("账户.txt", lambda: f"户名：测试县财政局\n账号：{ACCOUNT}\n".encode("gbk"))}


@pytest.fixture(scope="module")
def attached(tmp_path_factory):
    from .batchkit import cases_site
    from .test_redteam28c import _attached
    cases = {case: _attached(name, make()) for case, (name, make) in {**ATTACHED, **ATTACHED_HELD, **ACCOUNT_ATTACHED}.items()}
    return cases_site(tmp_path_factory.mktemp("rt30e-attached"), cases).checked()


@pytest.mark.parametrize("case", sorted(ATTACHED))
def test_an_attachment_is_read_as_excel_prints_and_shows_it(attached, case):
    assert "Traceback" not in attached.run.output, attached.run.output
    assert "E400" in attached.codes(case, "policies/a.md"), attached.run.output


def test_a_page_number_with_an_offset_alone_passes(attached):
    assert not attached.codes("footer-page-plus-one", "policies/a.md"), attached.run.output


def test_an_account_in_an_attachment_is_named_as_in_a_body(attached):
    listed = [line for line in attached.run.output.splitlines()
              if line.startswith(attached.path("account-in-a-text", "policies/a.md") + ":")]
    assert [line for line in listed if ": I400 " in line and "对公账户" in line] == listed != [], attached.run.output


@pytest.mark.parametrize("case", sorted(SERVED))
def test_an_attachment_a_program_serves_is_named(imported, case):
    """A W800 line names it and its address; the body keeps its text, no link to a page the new site does not have."""
    _, body = imported.front_and_body(case)
    page = imported.pages[case]
    address = SERVED[case]["p.html"].split('<a href="', 1)[1].split('"', 1)[0]
    assert any("W800" in line and address in line for line in page["decisions"]), page
    assert address not in body and not [line for line in page["check"] if " E500 " in line], (body, page)


def test_smartsymbols_switched_off_as_python_markdown_reads_a_switch_is_accepted(site):
    assert not [line for line in site[0].coded_lines() if line.startswith("mkdocs.yml:")], site[0].output


def test_a_sections_page_with_touching_markdown_cells_is_refused(site):
    for run in site:
        assert any(line.startswith("content/notices/index.md:") and ": E400 " in line for line in run.coded_lines()), run.output
