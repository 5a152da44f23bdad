"""Round twenty-seven (c) of the adversarial review (issue 24, points 4 and 5): attachments as offices make them and
pages as old CMSs saved them, through the real `disclosure check` and `mkdocs build --strict` (and `disclosure
import`). Each test failed on main (d1dd3e1; the branch starts at 208ca25) before its fix.

Fixed —
- (privacy/page_numbers.py, attachment_parts.py `page_text_shown`, `field_value`, `_flatten`) a number whose last
  digit (or two) is the page's number: an Excel page footer `Tel 1380013800&P` (or &N, &P+1), a Word footer ending
  in a PAGE (NUMPAGES, SECTIONPAGES …) field whose saved result is blank or a placeholder, a PowerPoint slide's
  slide-number field (saved as ‹#›), an OpenDocument footer's text:page-number. The file holds no such digit, so
  every reading passed it; Excel, Word, PowerPoint and LibreOffice print page 1 with 13800138001, page 2 with
  13800138002 … Published with exit 0. A reader now writes a mark where such a code stands, and the piece is read
  as page 1 prints it and, where another page (up to 99) prints a personal datum page 1 does not (an ID number's
  check digit, a two-digit page), as that page prints it: E400 naming the attachment. And a sheet's page footer
  whose &A (the sheet's name) finishes the number: `Tel 1380013&A` on a sheet named 8000 (.xlsx and .xls: the name is
  the workbook's, the .xls's from its BOUNDSHEET records).
- (privacy/attachment_parts.py `_formula_tokens`) round 26d's leftover: an .xls whose cells are filled with one
  formula ="1380013"&"8000" as Excel saves a fill-down (each cell's FORMULA record holds only a pointer, tExp, to a
  SHRFMLA record that holds the formula once for the range), or as an array formula (ARRAY record). The .xls reader
  decompiled FORMULA records only; calamine reads no result (none saved). Published with exit 0; now E400. The
  SHRFMLA and ARRAY records' tokens go through xlrd's own decompiler (as a shared and an array formula) and
  `formula_texts`, as a FORMULA's do. (The file is written to MS-XLS's layout; no Excel here to open it.) And an .xls
  formula joining a literal with a cell (="1380013"&B1, B1 holding 8000): the .xls formulas were worked out without
  the sheet's cells; the sheet's values (xlrd) are given to `formula_texts` now, as an .xlsx's are.
- (privacy/attachment_cells.py `pieces_a_number`) a formula building the number with a function the check does not
  work out, saved without its result (a report generator's .xlsx, xlwt's .xls): =SUBSTITUTE("138x0013x8000","x",""),
  =1380013800*10+ROW() show 13800138000 in Excel. Only a formula joining texts (&) with such a function was W400;
  these were published with exit 0. A formula calling a text or position function (SUBSTITUTE, REPT, MID, ROW …) on
  literals holding seven digits or more is now W400 (a strict build stops), in .xlsx, .ods and .xls.
- (privacy/field_sources.py, attachment_parts.py `field_value`) a Word field showing the rest of the number from
  elsewhere in the document once updated (F9, or printing with 打印前更新域): `电话 1380013{ REF 分机 }` with the bookmark
  分机 marking 8000 in the body, `{ SUBJECT }`, `{ DOCPROPERTY "Subject" }` with the property 8000, `{ DOCVARIABLE 号码 }`.
  Round 16's `field_value` knew REF of a SET field's bookmark only; every part was read alone, so no reading held
  13800138000. Published with exit 0; now E400. The bookmarks, properties and variables are read from the package
  the first time a field asks for one.
- (privacy/svg_lines.py) an SVG picture drawing the number as two <text> elements on one baseline (`Tel 1380013` at
  x=0, `8000` at x=90), in a Word document (Word 365 shows SVG pictures) or a zip (an SVG attachment itself is E111):
  the browser's reading of the markup takes each <text> as a block of its own. Published with exit 0; now E400.
  The <text> elements sharing a y (under the same transforms) are joined in the order of their x.
- (privacy/metafile_text.py) the same in a Windows metafile (EMF, WMF: a chart or table pasted as a picture, an
  embedded object's picture) in a Word document: two text records `Tel 1380013` and `8000` side by side. Pictures were
  read for their metadata and for runs of digits in their bytes only. Published with exit 0; now E400. The EMF's
  EMR_EXTTEXTOUTW/A and the WMF's META_TEXTOUT/META_EXTTEXTOUT records sharing a y are joined by x.

Import (the text the site publishes for a saved page, against what the page showed) —
- (importer/htmlpage.py `_emphasis`) bold or italic inside a sentence, as every CMS editor writes it (请于<strong>5月
  30日前</strong>报送, 认真<em>组织</em>落实): markdownify wrote `**5月30日前**`, and a `**` between two characters of
  a word is the document's own asterisks to the site (text/official_text.py: 年**月, 张**), so the page was published
  as 请于**5月30日前**报送 with the import's status 通过检查. Emphasis the site would not read as such is written as
  the HTML tag (<strong>, <em>), which the site keeps.
- (importer/list_markers.py) an ordered list numbered otherwise than 1, 2, 3 from its start: `<li value="7">` (a list
  continued after a paragraph), `<ol reversed>`, `type="a"`, `list-style-type:cjk-ideographic` (一、二、),
  `list-style:none` (the numbers written in the text). markdownify numbered every item by its place, and the site
  prints a list's numbers as written: the page showed 7. 8., the site 1. 2.; a. b. and 一、二、 became 1. 2.; a list
  whose items carry their own （1）（2） got 1. 2. before them. Each item's marker is now the browser's (HTML's
  ordinal value, CSS's counter styles), from the item's and the list's own attributes and inline style.
- (importer/htmlpage.py `_to_markdown`) a superscript or subscript: 10<sup>3</sup>平方米 was published as 103平方米
  (another number). Kept as <sup>/<sub>.

A classified document (content/disclosure_statements.py `_CLASSIFIED`, importer/metadata.py `classified`) —
- a document whose first line is its 密级 and 保密期限 as GB/T 9704 sets them (秘密★1年, 机密★10年, 绝密★长期, or the 密级
  alone), or says 密级：机密: a state secret. The check, a strict build and the import read only statements naming 公开
  (附注, 版记): such a document was published with exit 0, as a page's body or as an attachment (a .docx beginning
  机密★10年), and a saved page with the mark, or with a 密级：机密 row in its metadata table, was imported as public
  with the status 通过检查. Now E102 in check and build (the page, or the attachment), and the import writes
  disclosure: 不予公开 (W801, a decision for the editor). A 密级 saying none (无, 非密, 不涉密) states nothing. The E102
  line for a page's mark says the fix is declassification by the office that set it, not deleting the mark.

Held (tried, refused or read) — an .xlsx in Strict OOXML (purl.oclc.org namespaces) with a number format making the
number (E400); .xlsx formulas joining a literal with a cell, CONCATENATE, TEXTJOIN, TEXT(13800138000,"0") (E400); an
.xls =1380013*10000+B1; a Word footer numbering its pages (第 { PAGE } 页), an Excel footer 第 &P 页，共 &N 页 beside a
year, labels of a chart (SVG, EMF) on lines of their own (no finding: guards below). Import: a frameset page and its
frames (未导入, reported); a page laid out in tables whose body is <font> and <br> lines (未导入: 没有读到正文); 公开范围：
内部, 是否公开：否, 公开形式：不公开, 公开类型：依申请公开 (W801, withheld); <ol start="3"> (3. 4.); inline tags inside a
merged table's cell (城东<b>储备</b>库 stays one word), paragraphs inside a cell (<br>).

Left —
- Excel's text and position functions are not worked out (no formula engine is installed; `formulas` on PyPI would
  be one): a formula calling one on literals of seven digits or more is W400 now, as a joining formula with one
  (=REPT("1",1)&"3800138000") already was; one on cells only (=SUBSTITUTE(A2,"-","") over a column) is judged by the
  cells it names, as before.
- page headers: &F (the file's name, as the reader saved it), &Z, &D/&T; an .ods header's text:sheet-name; every
  page-number code of one header takes the same number (a page's &P and the count's &N apart not tried), pages past
  99. Word: DATE/TIME fields with a date picture (the @ switch); a REF to a bookmark in a header (bookmarks are read from the body).
- import: list styles set by the page's style sheet (only the list's and item's own attributes and inline style are
  read); nested lists lose their indentation (their numbers stay); an unordered list styled none keeps its bullets.
- pictures: EMF+ (GDI+) records; SVG <tspan> with its own x/y/dx, text on a path, transforms that move one <text>
  onto another's line. PDF Type3 digits spread over glyphs (26d's leftover) not taken on.
- tests/test_import.py's `run_import` runs the command with an environment of its own (no PYTHONPATH): from a helper's
  worktree it imports the installed code (/work/main), not the worktree's. This round's import tests pass the
  suite's environment; the regression runs of test_import here used a pytest plugin adding PYTHONPATH.
"""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

from .attachmentkit import word, xlsx
from .batchkit import Cases, assert_case_refused, cases_site, checked_and_built
from .sitekit import _run, build, paired_policy, policy, write_site
from .test_redteam16 import _plain_xls   # as xlwt writes it: the formula saved without its result

# An 18-digit ID whose check digit is 8: a footer printing its first 17 digits before the count of pages shows it when
# the sheet prints on eight pages.
ID_BEFORE_CHECK_DIGIT = "11010519491231003"


def _attached(name: str, data: bytes) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
            f"policies/files/{name}": data}


def _package(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()


def _xlsx_footer(text: str) -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    book.active["A1"] = "联系人名单（附件）"
    book.active.oddFooter.center.text = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xls_footer(text: str) -> bytes:
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "联系人名单（附件）")
    sheet.footer_str = text.encode()   # xlwt takes bytes, and ASCII only
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx_page_field(before: str, instruction: str = "PAGE", saved: str = "") -> bytes:
    """A Word document whose footer reads `before`, then a complex field `instruction` saved with `saved` as result."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    document = docx.Document(io.BytesIO(word(["关于公布联系方式的通知"])))
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(before)

    def mark(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)
    mark("begin")
    code = OxmlElement("w:instrText")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    mark("separate")
    paragraph.add_run(saved)
    mark("end")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_DRAWING = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def _pptx_slide_number(before: str) -> bytes:
    """A presentation whose slide reads `before`, then the slide's number (a field PowerPoint saves as ‹#›)."""
    slide = (f'<?xml version="1.0" encoding="UTF-8"?><p:sld {_DRAWING}><p:cSld><p:spTree><p:sp><p:txBody><a:p>'
             f'<a:r><a:t>{before}</a:t></a:r><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
             '<a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>')
    types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    return _package({"[Content_Types].xml": types, "ppt/slides/slide1.xml": slide})


_OPENDOCUMENT = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
                 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _odt_footer_page_number(before: str) -> bytes:
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_OPENDOCUMENT}><office:master-styles>'
              f'<style:master-page style:name="Standard"><style:footer><text:p>{before}<text:page-number '
              'text:select-page="current">?</text:page-number></text:p></style:footer></style:master-page>'
              '</office:master-styles></office:document-styles>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_OPENDOCUMENT}><office:body>'
               '<office:text><text:p>关于公布联系方式的通知</text:p></office:text></office:body></office:document-content>')
    return _package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content, "styles.xml": styles})


PAGE_NUMBERED = {
    "xlsx-page": ("名单.xlsx", lambda: _xlsx_footer("Tel 1380013800&P")),
    "xlsx-two-digit-page": ("名单.xlsx", lambda: _xlsx_footer("Tel 138001380&P+9")),          # pages 10 to 99: two digits
    "xlsx-id-check-digit": ("名单.xlsx", lambda: _xlsx_footer(f"No. {ID_BEFORE_CHECK_DIGIT}&N")),   # seven pages print a valid ID
    "xls-page": ("名单.xls", lambda: _xls_footer("&CTel 1380013800&P")),
    "docx-page-field": ("通知.docx", lambda: _docx_page_field("电话 1380013800", "PAGE")),
    "docx-numpages-field": ("通知.docx", lambda: _docx_page_field("电话 1380013800", "NUMPAGES \\* MERGEFORMAT", "x")),
    "pptx-slide-number": ("说明.pptx", lambda: _pptx_slide_number("联系电话 1380013800")),
    "odt-page-number": ("通知.odt", lambda: _odt_footer_page_number("电话 1380013800")),
}


@pytest.mark.parametrize("case", PAGE_NUMBERED)
def test_a_number_completed_by_the_page_number_is_refused(refused, case):
    _case_refused(refused, f"page-number {case}", "E400")


PLAIN_PAGE_NUMBERS = {
    "xlsx-page-of-pages": ("名单.xlsx", lambda: _xlsx_footer("第 &P 页，共 &N 页")),
    "xlsx-year-and-page": ("名单.xlsx", lambda: _xlsx_footer("2024年度报表 &P/&N")),
    "docx-page-field": ("通知.docx", lambda: _docx_page_field("第 ", "PAGE", "1")),
}


@pytest.mark.parametrize("case", PLAIN_PAGE_NUMBERS)
def test_plain_page_numbers_stay(stays, case):
    """Guard: a footer that numbers its pages, beside a year, prints no personal datum on any page."""
    _case_published(stays, f"page-number {case}")


def _xls_formula_elsewhere(record: int, formula: str = '"1380013"&"8000"', rows: int = 3) -> bytes:
    """An .xls whose cells B1:B3 are filled with one formula as Excel saves a fill-down (a shared formula: each cell's
    FORMULA record holds only tExp, pointing at B1, and one SHRFMLA record after B1's holds the tokens) or an array
    formula (ARRAY). Written through xlwt, its FORMULA records replaced (MS-XLS 2.4.127, 2.4.260, 2.4.4)."""
    import struct

    import xlwt
    from xlwt import BIFFRecords, Cell
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "联系人名单（附件）")
    for row in range(rows):
        sheet.write(row, 1, xlwt.Formula(formula))

    def pointing_at_b1(cell) -> bytes:
        written = BIFFRecords.FormulaRecord(cell.rowx, cell.colx, cell.xf_idx, struct.pack("<HBHH", 5, 0x01, 0, 1))
        flags = 0x0008 if record == _SHRFMLA else 0   # fShrFmla
        written._rec_data = written._rec_data[:14] + struct.pack("<H", flags) + written._rec_data[16:]
        if cell.rowx:
            return written.get()
        head = struct.pack("<HHBB", 0, rows - 1, 1, 1) + (struct.pack("<BB", 0, rows) if record == _SHRFMLA
                                                           else struct.pack("<HL", 0, 0))
        body = head + cell.frmla.rpn()
        return written.get() + struct.pack("<HH", record, len(body)) + body
    original, Cell.FormulaCell.get_biff_data = Cell.FormulaCell.get_biff_data, pointing_at_b1
    try:
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    finally:
        Cell.FormulaCell.get_biff_data = original


_SHRFMLA, _ARRAY = 0x04BC, 0x0221


KEPT_FOR_A_RANGE = {"shared-formula": _SHRFMLA, "array-formula": _ARRAY}


@pytest.mark.parametrize("case", KEPT_FOR_A_RANGE)
def test_an_xls_formula_kept_for_a_range_is_read(refused, case):
    _case_refused(refused, f"range {case}", "E400")


# --- import: the published text is the text the saved page showed ------------------------------------------------

_SAVED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例市应急管理局关于做好防汛物资储备工作的通知</title></head>
<body><table class="xxgk"><tr><td>索引号：</td><td>EX0001/2024-00040</td><td>发布日期：</td><td>2024-05-20</td></tr>
<tr><td>公开属性：</td><td>主动公开</td></tr></table>
<div id="zoom"><p>各有关单位：</p>
{body}
<p>示例市应急管理局</p><p>2024年5月20日</p></div></body></html>"""


def _saved_pages_imported(root, pages: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Each case's saved page (its article's `body`, metadata `rows` more) in one folder, imported in one run (as
    notices): each its own index number (…-000nn, n its place), title (…（n）: one page saved twice is
    imported once) and file; the import's report of each case's page."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of
    write_site(root, {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (root / "old").mkdir()
    for number, (body, rows) in enumerate(pages.values(), start=1):
        page = _SAVED_PAGE.format(body=body).replace("</tr></table>", f"</tr>{rows}</table>", 1)
        page = page.replace("2024-00040", f"2024-{number:05d}").replace("通知</title>", f"通知（{number}）</title>")
        (root / "old" / f"t20240520_{number}.html").write_text(page, encoding="utf-8")
    done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(root / "old"), "--type", "notice",
                 "--report", "report.json"], root)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    found = by_source(report_of(root))
    return {case: found[f"t20240520_{number}.html"] for number, case in enumerate(pages, start=1)}


PUBLISHED_BODIES = {
    "bold and italic": "<p>请于<strong>5月30日前</strong>报送材料，<b>高度重视</b>，认真<em>组织</em>落实。</p>"
                       "<p><strong>特别提醒：</strong>不得迟报。</p>",
    "superscript": "<p>储备库面积10<sup>3</sup>平方米，容积2×10<sup>4</sup>立方米。</p>",
}
LISTS = {
    "item-value": ('<ol><li value="7">第七项要求。</li><li>第八项要求。</li></ol>', ["7. 第七项要求。", "8. 第八项要求。"]),
    "reversed": ('<ol start="3" reversed><li>第三项。</li><li>第二项。</li></ol>', ["3. 第三项。", "2. 第二项。"]),
    "letters": ('<ol type="a"><li>甲类物资。</li><li>乙类物资。</li></ol>', ["a. 甲类物资。", "b. 乙类物资。"]),
    "chinese-numerals": ('<ol style="list-style-type:cjk-ideographic"><li>储备点。</li><li>储备量。</li></ol>', ["一、储备点。", "二、储备量。"]),
    "no-marker": ('<ol style="list-style:none"><li>（1）储备点。</li><li>（2）储备量。</li></ol>', ["（1）储备点。", "（2）储备量。"]),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, str]:
    """Every case's saved page imported in one run and the site built once: the body of each case's published page."""
    import re
    root = tmp_path_factory.mktemp("published")
    bodies = {**PUBLISHED_BODIES, **{f"list {key}": items for key, (items, _) in LISTS.items()}}
    reports = _saved_pages_imported(root, {case: (body, "") for case, body in bodies.items()})
    built = build(root)
    assert built.returncode == 0, built.output
    pages = {case: root / "site" / report["target"].removeprefix("content/").removesuffix(".md") / "index.html"
             for case, report in reports.items()}
    return {case: re.search(r'<div class="dc-body">(.*?)</div>', page.read_text(encoding="utf-8"), re.S).group(1)
            for case, page in pages.items()}


def test_bold_and_italic_inside_a_sentence_are_published_without_asterisks(published):
    body = published["bold and italic"]
    assert "*" not in body
    assert "请于<strong>5月30日前</strong>报送材料，<strong>高度重视</strong>，认真<em>组织</em>落实。" in body
    assert "<strong>特别提醒：</strong>不得迟报。" in body


@pytest.mark.parametrize("case", LISTS)
def test_a_list_keeps_the_numbers_the_page_showed(published, case):
    body, shown = published[f"list {case}"], LISTS[case][1]
    for item in shown:
        assert f">{item}</" in body, body
    assert "1. " not in body.replace("（1）", "")


def test_a_superscript_is_no_digit_of_the_number(published):
    body = published["superscript"]
    assert "面积10<sup>3</sup>平方米，容积2×10<sup>4</sup>立方米" in body


# --- a classified document's mark (密级) --------------------------------------------------------------------------

CLASSIFIED_MARKS = ["秘密★1年", "机密★10年", "绝密★长期", "密级：机密"]
CLASSIFIED_ATTACHMENT_MARKS = ["机密★10年", "绝密★长期"]


@pytest.mark.parametrize("mark", CLASSIFIED_MARKS)
def test_a_document_marked_classified_is_refused(refused, mark):
    _case_refused(refused, f"classified {mark}", "E102")
    checked, _ = refused
    assert any("依法解密" in line for line in checked.lines(f"classified {mark}", "policies/a.md")), checked.run.output


@pytest.mark.parametrize("mark", CLASSIFIED_ATTACHMENT_MARKS)
def test_an_attachment_marked_classified_is_refused(refused, mark):
    _case_refused(refused, f"classified attachment {mark}", "E102")


CLASSIFIED_PAGES = {
    "mark-in-the-body": ("<p>秘密★1年</p><p>现将值班安排通知如下。</p>", ""),
    "metadata-row": ("<p>现将值班安排通知如下。</p>", "<tr><td>密　　级：</td><td>机密</td></tr>"),
}
NO_SECRET = ("<p>请做好保守秘密工作。</p>", "<tr><td>密级：</td><td>无</td></tr>")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, tuple[dict, str]]:
    """Every case's saved page imported in one run: the front matter and status of the document written for each."""
    import yaml
    root = tmp_path_factory.mktemp("imported")
    reports = _saved_pages_imported(root, {**CLASSIFIED_PAGES, "no secret": NO_SECRET})
    return {case: (yaml.safe_load((root / report["target"]).read_text(encoding="utf-8").split("---\n")[1]), report["status"])
            for case, report in reports.items()}


@pytest.mark.parametrize("case", CLASSIFIED_PAGES)
def test_a_saved_page_marked_classified_is_imported_withheld(imported, case):
    front, status = imported[case]
    assert front["disclosure"] == "不予公开" and status == "需编辑决定"


def test_a_page_saying_it_holds_no_secret_stays_public(imported):
    """Guard: 密级：无 and a sentence about keeping secrets state nothing. (It shares the import with the pages above:
    its status 通过检查 also shows that their 需编辑决定 is not the import's for pages alike.)"""
    front, status = imported["no secret"]
    assert "disclosure" not in front and status == "通过检查"


# --- Word fields showing a text from elsewhere in the document -----------------------------------------------------

def _docx_with_field(instruction: str, bookmark: str | None = None, subject: str | None = None,
                     variable: str | None = None) -> bytes:
    """A Word document whose footer reads 电话 1380013 then the field `instruction` (saved with a dash as its result);
    with `bookmark`, the body's second paragraph is a bookmark 分机 holding it; `subject`, the core property;
    `variable`, a document variable 号码."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    document = docx.Document(io.BytesIO(word(["关于公布联系方式的通知"])))
    if subject:
        document.core_properties.subject = subject
    if bookmark:
        paragraph = document.add_paragraph("分机号：")
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), "7")
        start.set(qn("w:name"), "分机")
        paragraph._p.append(start)
        paragraph.add_run(bookmark)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), "7")
        paragraph._p.append(end)
    if variable:
        variables = OxmlElement("w:docVars")
        value = OxmlElement("w:docVar")
        value.set(qn("w:name"), "号码")
        value.set(qn("w:val"), variable)
        variables.append(value)
        document.settings.element.append(variables)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("电话 1380013")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    field.append(OxmlElement("w:r"))
    field[0].append(OxmlElement("w:t"))
    field[0][0].text = "-"
    footer._p.append(field)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WORD_FIELDS = {
    "ref-to-a-bookmark": lambda: _docx_with_field(" REF 分机 \\h ", bookmark="8000"),
    "subject": lambda: _docx_with_field(" SUBJECT ", subject="8000"),
    "docproperty": lambda: _docx_with_field(' DOCPROPERTY "Subject" \\* MERGEFORMAT ', subject="8000"),
    "docvariable": lambda: _docx_with_field(" DOCVARIABLE 号码 ", variable="8000"),
}


@pytest.mark.parametrize("case", WORD_FIELDS)
def test_a_word_field_showing_the_rest_of_the_number_is_read(refused, case):
    _case_refused(refused, f"word field {case}", "E400")


def test_a_field_showing_an_ordinary_bookmark_stays(stays):
    """Guard: a cross-reference to a heading (见{ REF 分机 }) shows words, no number."""
    _case_published(stays, "ordinary bookmark")


def _xlsx_footer_with_the_sheets_name() -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = "8000"
    book.active["A1"] = "联系人名单（附件）"
    book.active.oddFooter.center.text = "Tel 1380013&A"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xls_footer_with_the_sheets_name() -> bytes:
    import xlwt
    book = xlwt.Workbook()
    book.add_sheet("说明").write(0, 0, "联系人名单（附件）")
    sheet = book.add_sheet("8000")
    sheet.write(0, 0, "名单")
    sheet.footer_str = b"&CTel 1380013&A"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_footer_printing_the_sheets_name_after_the_digits_is_read(refused):
    """&A prints the sheet's name: a sheet named 8000 after `Tel 1380013` prints a mobile on every page."""
    _case_refused(refused, "xlsx footer with the sheet's name", "E400")


def test_an_xls_footer_printing_the_sheets_name_is_read(refused):
    _case_refused(refused, "xls footer with the sheet's name", "E400")


# --- an SVG picture drawing the number in pieces ------------------------------------------------------------------

def _svg(*texts: tuple[int, int, str]) -> bytes:
    drawn = "".join(f'<text x="{x}" y="{y}" font-size="12">{text}</text>' for x, y, text in texts)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">{drawn}</svg>'.encode()


def _docx_with_picture(svg: bytes) -> bytes:
    """A Word document holding an SVG picture (Word 365 shows SVG: asvg:svgBlip, a PNG for older versions)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word(["关于公布联系方式的通知"]))) as source, zipfile.ZipFile(out, "w") as package:
        for entry in source.infolist():
            package.writestr(entry, source.read(entry))
        package.writestr("word/media/image1.svg", svg)
    return out.getvalue()


PICTURES = {
    "in-a-word-document": ("通知.docx", lambda: _docx_with_picture(_svg((90, 20, "8000"), (0, 20, "Tel 1380013")))),
    "in-a-zip": ("材料.zip", lambda: _package({"联系方式.svg": _svg((0, 20, "1380013"), (60, 20, "8000"))})),
}


@pytest.mark.parametrize("case", PICTURES)
def test_a_picture_drawing_the_number_in_two_texts_is_read(refused, case):
    _case_refused(refused, f"picture {case}", "E400")


def test_a_pictures_texts_on_two_lines_stay_apart(stays):
    """Guard: labels of a chart on lines of their own (other y) are not joined into one number."""
    _case_published(stays, "picture on two lines")


# --- a Windows metafile (EMF, WMF) drawing the number in two runs ---------------------------------------------------

def _emf(runs: list[tuple[int, int, str]]) -> bytes:
    """An EMF (MS-EMF): its header, an EMR_EXTTEXTOUTW per run (x, y, text), EMR_EOF."""
    import struct
    records = b""
    for x, y, text in runs:
        characters = text.encode("utf-16-le") + b"\0" * (-len(text.encode("utf-16-le")) % 4)
        body = (struct.pack("<4iIff", 0, 0, 100, 100, 1, 1.0, 1.0)
                + struct.pack("<iiIII4iI", x, y, len(text), 76, 0, 0, 0, 100, 100, 0) + characters)
        records += struct.pack("<II", 0x54, 8 + len(body)) + body
    header = (struct.pack("<4i4i", 0, 0, 100, 100, 0, 0, 1000, 1000) + b" EMF"
              + struct.pack("<IIIHHIII2i2i", 0x10000, 0, len(runs) + 2, 0, 0, 0, 0, 0, 1024, 768, 320, 240))
    whole = struct.pack("<II", 1, 8 + len(header)) + header + records + struct.pack("<IIIII", 0x0E, 20, 0, 0, 20)
    return whole[:48] + struct.pack("<I", len(whole)) + whole[52:]


def _wmf(runs: list[tuple[int, int, str]]) -> bytes:
    """A placeable WMF (MS-WMF): its headers, a META_EXTTEXTOUT per run (x, y, text in GBK), META_EOF."""
    import struct
    records = b""
    for x, y, text in runs:
        characters = text.encode("gbk")
        body = struct.pack("<hhhH", y, x, len(characters), 0) + characters + b"\0" * (len(characters) % 2)
        records += struct.pack("<IH", (6 + len(body)) // 2, 0x0A32) + body
    placeable = b"\xd7\xcd\xc6\x9a" + struct.pack("<HhhhhHIH", 0, 0, 0, 1000, 1000, 1440, 0, 0)
    return placeable + struct.pack("<HHHIHIH", 1, 9, 0x0300, 0, 0, 0, 0) + records + struct.pack("<IH", 3, 0)


def _docx_with_media(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word(["关于公布联系方式的通知"]))) as source, zipfile.ZipFile(out, "w") as package:
        for entry in source.infolist():
            package.writestr(entry, source.read(entry))
        package.writestr(f"word/media/{name}", data)
    return out.getvalue()


METAFILES = {
    "emf": ("image1.emf", _emf([(90, 20, "8000"), (0, 20, "Tel 1380013")])),
    "wmf": ("image1.wmf", _wmf([(90, 20, "8000"), (0, 20, "电话1380013")])),
}


@pytest.mark.parametrize("case", METAFILES)
def test_a_metafile_drawing_the_number_in_two_runs_is_read(refused, case):
    _case_refused(refused, f"metafile {case}", "E400")


def test_a_metafiles_runs_on_two_lines_stay_apart(stays):
    """Guard: a chart's labels on lines of their own are not joined."""
    _case_published(stays, "metafile on two lines")


def _xls_joining_a_literal_with_a_cell() -> bytes:
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "联系人名单（附件）")
    sheet.write(0, 1, "8000")
    sheet.write(1, 0, xlwt.Formula('"1380013"&B1'))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xls_formula_joining_a_literal_with_a_cell_is_read(refused):
    _case_refused(refused, "xls literal with a cell", "E400")


TEXT_FUNCTIONS = {
    "xlsx-substitute": ("名单.xlsx", lambda: xlsx({"A1": "联系人名单（附件）", "A2": '=SUBSTITUTE("138x0013x8000","x","")'})),
    "xlsx-row": ("名单.xlsx", lambda: xlsx({"A1": "联系人名单（附件）", "A2": "=1380013800*10+ROW()"})),
    "xls-substitute": ("名单.xls", lambda: _plain_xls('SUBSTITUTE("138x0013x8000";"x";"")')),
}


@pytest.mark.parametrize("case", TEXT_FUNCTIONS)
def test_a_formula_piecing_a_number_with_a_text_function_stops_a_strict_build(refused, case):
    checked, built = refused
    key = f"text function {case}"
    assert any(" W400 " in line and "无法计算的函数" in line for line in checked.lines(key, "policies/a.md")), checked.run.output
    assert built.run.returncode != 0 and any(" W400 " in line for line in built.lines(key, "policies/a.md")), built.run.output
    assert "Traceback" not in built.run.output + checked.run.output
    assert not (built.root / "site").exists()


def _xlsx_cutting_cells_and_numbering_rows() -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    for row, formula in enumerate(["=LEFT(A1,6)", "=ROW()-1", "=DATE(2024,12,31)+1000", "=ROUND(B1*0.0123456,2)"], start=2):
        book.active[f"A{row}"] = formula
    book.active["A1"] = "联系人名单（附件）"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_cutting_a_cell_or_numbering_rows_stays(stays):
    """Guard: =LEFT(A1,6), =ROW()-1, =DATE(2024,12,31)+1000, =ROUND(B1*0.0123456,2) piece no number of their own."""
    _case_published(stays, "formula cutting a cell")


# --- the attachments above in two sites: every refused one in one, every guard in the other (batchkit.py) -----------

def _refused_cases() -> dict[str, dict]:
    """Each refused case's one-document site, by a key naming its test and id."""
    attached = {f"page-number {key}": (name, make) for key, (name, make) in PAGE_NUMBERED.items()}
    attached |= {f"range {key}": ("名单.xls", lambda record=record: _xls_formula_elsewhere(record))
                 for key, record in KEPT_FOR_A_RANGE.items()}
    attached |= {f"classified attachment {mark}": ("通知.docx", lambda mark=mark: word([mark, "各有关单位：", "现将值班安排通知如下。"]))
                 for mark in CLASSIFIED_ATTACHMENT_MARKS}
    attached |= {f"word field {key}": ("通知.docx", make) for key, make in WORD_FIELDS.items()}
    attached |= {"xlsx footer with the sheet's name": ("名单.xlsx", _xlsx_footer_with_the_sheets_name),
                 "xls footer with the sheet's name": ("名单.xls", _xls_footer_with_the_sheets_name),
                 "xls literal with a cell": ("名单.xls", _xls_joining_a_literal_with_a_cell)}
    attached |= {f"picture {key}": (name, make) for key, (name, make) in PICTURES.items()}
    attached |= {f"metafile {key}": ("通知.docx", lambda picture=picture: _docx_with_media(*picture))
                 for key, picture in METAFILES.items()}
    attached |= {f"text function {key}": (name, make) for key, (name, make) in TEXT_FUNCTIONS.items()}
    cases = {key: _attached(name, make()) for key, (name, make) in attached.items()}
    cases |= {f"classified {mark}": {**paired_policy(), "policies/a.md": policy(
        body=f"{mark}\n\n各有关单位：\n\n现将值班安排通知如下。\n")} for mark in CLASSIFIED_MARKS}
    return cases


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> tuple[Cases, Cases]:
    """Every refused case in one site, checked and built (strict)."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("refused"), _refused_cases()))


def _case_refused(refused: tuple[Cases, Cases], case: str, code: str) -> None:
    """As test_redteam22's `_refused` for one case: check and build fail, each with `code` on the case's page, no site."""
    assert_case_refused(refused, case, "policies/a.md", code)


@pytest.fixture(scope="module")
def stays(tmp_path_factory) -> Cases:
    """Every guard in one site, built."""
    attached = {f"page-number {key}": (name, make()) for key, (name, make) in PLAIN_PAGE_NUMBERS.items()}
    attached |= {"ordinary bookmark": ("通知.docx", _docx_with_field(" REF 分机 ", bookmark="第三条")),
                 "picture on two lines": ("材料.zip", _package({"图表.svg": _svg((0, 20, "2024年收入1380013"), (0, 40, "8000万元"))})),
                 "metafile on two lines": ("通知.docx", _docx_with_media("image1.emf", _emf([(0, 20, "2024年收入1380013"),
                                                                                             (0, 40, "8000万元")]))),
                 "formula cutting a cell": ("名单.xlsx", _xlsx_cutting_cells_and_numbering_rows())}
    return cases_site(tmp_path_factory.mktemp("stays"), {key: _attached(name, data) for key, (name, data) in attached.items()}).built()


def _case_published(stays: Cases, case: str) -> None:
    """The guard's site built with exit 0, the case's page and attachment published."""
    assert stays.run.returncode == 0, stays.run.output
    assert stays.page(case, "policies/a").is_file()
