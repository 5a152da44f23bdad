"""Round twenty-seven (c) of the adversarial review (issue 24, points 4 and 5): attachments as offices make them and
pages as old CMSs saved them, through the real `disclosure check` and `mkdocs build --strict` (and `disclosure
import`). Each test failed on main (208ca25) before its fix.

Fixed —
- (privacy/page_numbers.py, attachment_parts.py `page_text_shown`, `field_value`, `_flatten`) a number whose last
  digit (or two) is the page's number: an Excel page footer `Tel 1380013800&P` (or &N, &P+1), a Word footer ending
  in a PAGE (NUMPAGES, SECTIONPAGES …) field whose saved result is blank or a placeholder, a PowerPoint slide's
  slide-number field (saved as ‹#›), an OpenDocument footer's text:page-number. The file holds no such digit, so
  every reading passed it; Excel, Word, PowerPoint and LibreOffice print page 1 with 13800138001, page 2 with
  13800138002 … Published with exit 0. A reader now writes a mark where such a code stands, and the piece is read
  as page 1 prints it and, where another page (up to 99) prints a personal datum page 1 does not (an ID number's
  check digit, a two-digit page), as that page prints it: E400 naming the attachment.
- (privacy/attachment_parts.py `_formula_tokens`) round 26d's leftover: an .xls whose cells are filled with one
  formula ="1380013"&"8000" as Excel saves a fill-down (each cell's FORMULA record holds only a pointer, tExp, to a
  SHRFMLA record that holds the formula once for the range), or as an array formula (ARRAY record). The .xls reader
  decompiled FORMULA records only; calamine reads no result (none saved). Published with exit 0; now E400. The
  SHRFMLA and ARRAY records' tokens go through xlrd's own decompiler (as a shared and an array formula) and
  `formula_texts`, as a FORMULA's do. (The file is written to MS-XLS's layout; no Excel here to open it.)
"""

from __future__ import annotations

import io
import zipfile

import pytest

from .attachmentkit import word
from .sitekit import build, paired_policy, policy, write_site
from .test_redteam22 import _refused

# An 18-digit ID whose check digit is 8: a footer printing its first 17 digits before the count of pages shows it when
# the sheet prints on eight pages.
ID_BEFORE_CHECK_DIGIT = "11010519491231003"


def _attached(name: str, data: bytes) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
            f"policies/files/{name}": data}


def _package(parts: dict[str, str]) -> bytes:
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


@pytest.mark.parametrize("name, make", [
    ("名单.xlsx", lambda: _xlsx_footer("Tel 1380013800&P")),
    ("名单.xlsx", lambda: _xlsx_footer("Tel 138001380&P+9")),          # pages 10 to 99: two digits
    ("名单.xlsx", lambda: _xlsx_footer(f"No. {ID_BEFORE_CHECK_DIGIT}&N")),   # seven pages print a valid ID
    ("名单.xls", lambda: _xls_footer("&CTel 1380013800&P")),
    ("通知.docx", lambda: _docx_page_field("电话 1380013800", "PAGE")),
    ("通知.docx", lambda: _docx_page_field("电话 1380013800", "NUMPAGES \\* MERGEFORMAT", "x")),
    ("说明.pptx", lambda: _pptx_slide_number("联系电话 1380013800")),
    ("通知.odt", lambda: _odt_footer_page_number("电话 1380013800")),
], ids=["xlsx-page", "xlsx-two-digit-page", "xlsx-id-check-digit", "xls-page", "docx-page-field",
        "docx-numpages-field", "pptx-slide-number", "odt-page-number"])
def test_a_number_completed_by_the_page_number_is_refused(tmp_path, name, make):
    root = write_site(tmp_path, _attached(name, make()))
    _refused(root, "E400", "content/policies/a.md")


@pytest.mark.parametrize("name, make", [
    ("名单.xlsx", lambda: _xlsx_footer("第 &P 页，共 &N 页")),
    ("名单.xlsx", lambda: _xlsx_footer("2024年度报表 &P/&N")),
    ("通知.docx", lambda: _docx_page_field("第 ", "PAGE", "1")),
], ids=["xlsx-page-of-pages", "xlsx-year-and-page", "docx-page-field"])
def test_plain_page_numbers_stay(tmp_path, name, make):
    """Guard: a footer that numbers its pages, beside a year, prints no personal datum on any page."""
    assert build(write_site(tmp_path, _attached(name, make()))).returncode == 0


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


@pytest.mark.parametrize("record", [_SHRFMLA, _ARRAY], ids=["shared-formula", "array-formula"])
def test_an_xls_formula_kept_for_a_range_is_read(tmp_path, record):
    root = write_site(tmp_path, _attached("名单.xls", _xls_formula_elsewhere(record)))
    _refused(root, "E400", "content/policies/a.md")
