r"""Legitimate official content against the refusals of rounds seventeen and eighteen (issue 24, aa1a217..ee4b305),
as a real agency's editor and webmaster meet them: an Acrobat 申请表 with its calculations, spreadsheets of links,
.doc fields, a 行政处罚 decision public beside a withheld one, saved CMS pages, mkdocs.yml as adopters write it.
Each test goes through the real path (`disclosure check`) and failed on main before its fix; the hostile cases of
rounds seventeen and eighteen stay refused (tests/test_holes18.py, tests/test_redteam18.py).

PDF attachments (privacy/attachment_pdf.py) —
- fixed: a form field's calculation written in Acrobat's simplified field notation (计算→简化字段表示法, 数量*单价):
  Acrobat saves it as `/** BVCALC 数量*单价 EVCALC **/ event.value = AFMakeNumber(getField("数量").value) * …`, which
  was E401 as an unknown script. Recognised now: the comment, then event.value set from fields' numbers, plain numbers,
  + - * / and parentheses only. Held: anything else after the comment (app.launchURL …) is E401.

Spreadsheet attachments (privacy/attachment_parts.py, attachments.py) —
- fixed: =HYPERLINK(B2,"查看") beside a column of web addresses (a list of 行政许可 with each decision's page) was
  E401 in an .xlsx, .xls and .csv: a target computed from cells was refused whatever the cell held. A target that is one
  cell of the sheet is now the text written in that cell: a web, mail or phone address or a place in the workbook
  passes; so does an .xlsx's shared formula filled down a column (each copy reads its own row's cell). Held: the cell holding
  ms-msdt: or a program's path, one copy of the filled-down formula pointing at such a cell, a cell whose address is
  a formula's result (opening computes it again), a cell written twice (an address and ms-msdt:) — E401, as round
  eighteen refused them.

The importer (importer/htmlpage.py, importer/colours.py) —
- fixed: a CMS page's loading screen (a white box of position:fixed over the window) that the site's own script file
  removes (js/common.js: $("#loader").fadeOut()), saved with the page as wget or 另存为 saves it: round eighteen kept a
  fixed cover only when an inline <script> of the page named it, so the whole article was left out and the page was
  not imported. The script files the page loads from the imported folder (regular files inside it, never another
  site's, at most twenty) are read as text with its <script>s now. Held: the same cover when no script, inline or
  saved, names it (the page is not imported), and a script of another site naming it (never read).

The merge (content/merge_facts.py) —
- held (no change): a public 行政处罚 decision and a withheld one sharing their ordinary short lines (当事人：…公司,
  一、违法事实, 罚款人民币伍仟元整, 特此公告, the table header 序号 姓名 金额, a date line the metadata table prints).
- open (older than these rounds, for a decision): a public decision's attachment (行政处罚公示名单.csv) listing the
  cases a withheld 审批表's table lists too is E700: only content/'s Markdown counts as a public source. Counting
  public attachments too would also pass a withheld list re-saved and attached to a public document, which the merge
  is there to stop; telling them apart needs the editor's word.

Tried and held (no change needed): an Acrobat form's AFNumber/AFDate/AFSpecial/AFPercent/AFRange calls (a ¥ sign, a
Chinese field name in UTF-16), AFSimple_Calculate("SUM", …), a print button with bUI/bShrinkToFit, a Named Print,
a ResetForm and a SubmitForm action to https on a button, a URI button; .xls VLOOKUP, INDIRECT, SUMPRODUCT, IF, TEXT,
ROUND, HYPERLINK("#名单!A1"), HYPERLINK("https://…"&A1), HYPERLINK("mailto:…"); a .doc's PAGE, NUMPAGES, TOC,
DATE, MERGEFIELD, HYPERLINK "https://…" and \l fields (no E401; the .doc's text stays W400 as before); mkdocs.yml as
adopters write it (site_url, copyright and extra values from !ENV with a default, a merge key under extra, a search
option from !ENV, Material's palette list with toggles, theme.language zh-TW, direction ltr, features, pymdownx
extensions with !!python/name: emoji and fence_code_format) — check and build clean, <html lang> and <body dir
data-md-color-*> as Material prints them pass; saved pages with a fixed white header (60px, top:0), a fixed 返回顶部
button, a full-page watermark (pointer-events:none, opacity .1), a fixed share bar and footer, a hidden fixed modal,
a loading screen an inline script removes by class, a marquee of 通知 in the sidebar (the article imported whole).
Open, by design of rounds seventeen and eighteen (each would need a reader of JavaScript, not a pattern): a form's
own calculation or validation script (event.value = this.getField("a").value + …, app.alert on a wrong ID number),
document-level helper functions (they run on opening), a script kept in a stream, this.submitForm("https://…") and
this.mailDoc on a 提交 button (a field's other events run scripts without a click: the recognised list does not know
which event runs it). An .ods HYPERLINK([.B2]) and an .xls shared formula (tRefN) naming a cell keep E401.
"""

from __future__ import annotations

from .attachmentkit import raw_pdf, rezip, xls, xlsx
from .sitekit import check, paired_policy, policy, write_site


def _attachment_codes(tmp_path, attachments: dict[str, bytes]) -> dict[str, set[str]]:
    """Each attachment's codes in `disclosure check` of a site publishing them all."""
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    lines = check(root).coded_lines()
    return {name: {line.split(" ")[1] for line in lines if f"附件“{name}”" in line} for name in attachments}


def _calculated_form(script: str) -> bytes:
    """A 申请表 whose 金额 field is calculated by `script` (its /AA /C, as Acrobat saves it: UTF-16 with a mark)."""
    written = "feff" + script.encode("utf-16-be").hex()
    return raw_pdf("Form", annotations="<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /Rect [10 10 200 40] "
                                       f"/P 3 0 R /AA << /C << /S /JavaScript /JS <{written}> >> >> >>")


SIMPLIFIED = '/** BVCALC 数量*单价 EVCALC **/ event.value = AFMakeNumber(getField("数量").value) * AFMakeNumber(getField("单价").value)'
SIMPLIFIED_SUM = ('/** BVCALC (金额.0+金额.1)*0.13 EVCALC **/ event.value = (AFMakeNumber(getField("金额.0").value) + '
                  'AFMakeNumber(getField("金额.1").value)) * 0.13;')


def test_a_calculation_in_simplified_field_notation_is_no_script_to_refuse(tmp_path):
    """Acrobat's 简化字段表示法 (the form author types 数量*单价) is saved as a comment and the arithmetic of the fields'
    numbers: nothing leaves the document. It was E401 (an unknown script); a script after such a comment stays."""
    found = _attachment_codes(tmp_path, {
        "simplified.pdf": _calculated_form(SIMPLIFIED),
        "simplified-sum.pdf": _calculated_form(SIMPLIFIED_SUM),
        "after-comment.pdf": _calculated_form('/** BVCALC a EVCALC **/ event.value = 1; app.launchURL("https://x.example")'),
        "comment-closed.pdf": _calculated_form('/** BVCALC a */ app.launchURL("https://x.example"); /* EVCALC **/ event.value = 1'),
    })
    assert found == {"simplified.pdf": set(), "simplified-sum.pdf": set(),
                     "after-comment.pdf": {"E401"}, "comment-closed.pdf": {"E401"}}, found


WEB = "https://www.example.gov.cn/xzxk/2025/001.html"
MSDT = "ms-msdt:/id PCWDiagnostic /skip force"


def _csv(*rows: str) -> bytes:
    return ("序号,决定书,链接\n" + "\n".join(rows) + "\n").encode("utf-8")


def _xls_formula(text: str):
    import xlwt
    return xlwt.Formula(text)


def _written_twice_xls() -> bytes:
    """B1 holds a web address and, in a second record, ms-msdt: (which of the two Excel shows is not known);
    C1 =HYPERLINK(B1;"查看")."""
    import struct

    import olefile
    data = bytearray(xls({(0, 1): WEB, (0, 2): _xls_formula('HYPERLINK(B1;"查看")'), (1, 1): MSDT}))
    with olefile.OleFileIO(bytes(data)) as container:
        stream = bytearray(container.openstream("Workbook").read())
    start = data.find(bytes(stream[:512]))
    at = 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        if kind == 0x00FD and struct.unpack_from("<H", stream, at + 4)[0] == 1:   # the text of row 2, moved to row 1
            struct.pack_into("<H", data, start + at + 4, 0)   # the stream is stored in one piece here (a small book)
        at += 4 + size
    return bytes(data)


def _filled_down(addresses: list[str]) -> bytes:
    """A 行政许可 list: column B the decisions' addresses, column C =HYPERLINK(B2,"查看") filled down as Excel saves
    a fill (one shared formula: its first cell holds the text, the others point at it)."""
    rows = "".join(f'<row r="{row}"><c r="B{row}" t="inlineStr"><is><t>{address}</t></is></c><c r="C{row}" t="str">'
                   + (f'<f t="shared" ref="C2:C{len(addresses) + 1}" si="0">HYPERLINK(B2,"查看")</f>' if row == 2
                      else '<f t="shared" si="0"/>') + "<v>查看</v></c></row>"
                   for row, address in enumerate(addresses, start=2))
    return rezip(xlsx({"A1": "序号"}), {"xl/worksheets/sheet1.xml": _sheet(rows)})


def _sheet(rows: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def test_a_hyperlink_to_a_cell_holding_a_web_address_is_no_program(tmp_path):
    """=HYPERLINK(B2,"查看") opens what B2 holds: a web address written in the cell is a web link, as
    =HYPERLINK("https://…","查看") is. It was E401 (a target computed from cells). The same formula linking to a cell
    holding ms-msdt:, a copy filled down to such a row, or a cell whose address a formula computes stays E401."""
    found = _attachment_codes(tmp_path, {
        "web.xlsx": xlsx({"B2": WEB, "C2": '=HYPERLINK(B2,"查看")', "B3": "mailto:xxgk@example.gov.cn",
                          "C3": '=HYPERLINK($B$3,"来信")', "D2": '=HYPERLINK(A1,"目录")', "A1": "#名单!A1"}),
        "web.csv": _csv(f'1,{WEB},"=HYPERLINK(B2,""查看"")"', f'2,{WEB},"=HYPERLINK(B3;""查看"")"'),
        "filled-down.xlsx": _filled_down([WEB] * 3),
        "msdt.xlsx": xlsx({"B2": MSDT, "C2": '=HYPERLINK(B2,"查看")'}),
        "msdt.csv": _csv(f'1,{WEB},"=HYPERLINK(B2,""查看"")"', f'2,{MSDT},"=HYPERLINK(B3,""查看"")"'),
        "computed.csv": _csv(f'1,"=""{WEB}""","=HYPERLINK(B2,""查看"")"'),
        "computed.xlsx": xlsx({"B2": f'="{WEB}"', "C2": '=HYPERLINK(B2,"查看")'}),
        "filled-down-to-msdt.xlsx": _filled_down([WEB, WEB, MSDT]),
        "empty-cell.xlsx": xlsx({"C2": '=HYPERLINK(B2,"查看")'}),
        "web.xls": xls({(1, 1): WEB, (1, 2): _xls_formula('HYPERLINK(B2;"查看")')}),
        "msdt.xls": xls({(1, 1): WEB, (1, 2): _xls_formula('HYPERLINK(B2;"查看")'),
                         (2, 1): MSDT, (2, 2): _xls_formula('HYPERLINK(B3;"查看")')}),
        "computed.xls": xls({(1, 1): _xls_formula(f'"{WEB}"'), (1, 2): _xls_formula('HYPERLINK(B2;"查看")')}),
        "written-twice.xls": _written_twice_xls(),
        "written-twice.xlsx": rezip(xlsx({"A1": "序号"}), {"xl/worksheets/sheet1.xml": _sheet(
            f'<row r="1"><c r="B1" t="inlineStr"><is><t>{WEB}</t></is></c><c r="B1" t="inlineStr"><is><t>{MSDT}</t></is></c>'
            '<c r="C1" t="str"><f>HYPERLINK(B1,"查看")</f><v>查看</v></c></row>')}),
    })
    refused = {name for name, codes in found.items() if "E401" in codes}
    assert refused == {"msdt.xlsx", "msdt.csv", "computed.csv", "computed.xlsx", "filled-down-to-msdt.xlsx",
                       "empty-cell.xlsx", "msdt.xls", "computed.xls", "written-twice.xls", "written-twice.xlsx"}, found
    assert not any(codes for name, codes in found.items() if name not in refused), found


def test_a_loading_screen_the_sites_own_script_file_removes_keeps_the_article(tmp_path):
    """A saved CMS page whose loading screen (fixed, white, over the window) its common.js removes once loaded: the
    reader sees the article. Round eighteen read only the page's inline <script>s for the cover's name and left the
    whole page out (未导入). A cover no saved script names, or only another site's script, still hides the page."""
    import sys

    from .sitekit import _run
    from .test_import import CMS_CATALOGUE, TABLES, by_source, front_and_body, report_of
    from .test_redteam4 import SAVED
    from .test_redteam12 import NOTE
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    folder = tmp_path / "old"
    (folder / "js").mkdir(parents=True)
    (folder / "js/common.js").write_text('$(window).on("load", function () { $("#loader").fadeOut(300); });\n', encoding="utf-8")
    (folder / "js/other.js").write_text('$(function () { $(".nav li").hover(function () {}); });\n', encoding="utf-8")
    sheet = "<style>#loader{position:fixed;top:0;left:0;width:100%;height:100%;background:#fff;z-index:99999}</style>"
    cover = '<div id="loader"><img src="images/loading.gif" alt=""></div>'
    pages = {"saved-script": '<script src="js/common.js"></script>', "no-script": '<script src="js/other.js"></script>',
             "another-site": '<script src="https://cdn.example.com/js/common.js"></script>'}
    for number, script in enumerate(pages.values()):
        (folder / f"p{number}.html").write_text(
            SAVED.format(hidden=cover + f"<p>{NOTE}</p>" + script).replace("<title>", sheet + "<title>", 1)
            .replace("2025-00600", f"2025-{601 + number:05d}").replace("情况的通报", f"情况的通报（{number}）"), encoding="utf-8")
    done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(folder), "--type", "notice", "--report", "r.json"],
                root, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    imported = by_source(report_of(root, "r.json"))
    bodies = {case: front_and_body(root / imported[f"p{number}.html"]["target"])[1] if imported[f"p{number}.html"].get("target") else ""
              for number, case in enumerate(pages)}
    assert "罚款三十万元" in bodies["saved-script"] and "逐项整改" in bodies["saved-script"], bodies
    assert not any("罚款三十万元" in body for case, body in bodies.items() if case != "saved-script"), bodies

