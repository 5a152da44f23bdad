"""Round twenty-six (d) of the adversarial review (issue 24): attachments the single agency's build publishes, as a
hostile or careless editor makes them, through the real `disclosure check` and `mkdocs build --strict`. Each test
failed on main (43a2496, and 8622672) before its fix.

Fixed —
- (privacy/attachment_parts.py `xls_formula_pieces`) an Excel 97–2003 workbook (.xls, as xlwt and many report
  generators write it) with a cell formula ="1380013"&"8000" or =1380013*10000+8000: saved without its result
  (calamine reads 0), computed by Excel when the workbook is opened, so it shows a mobile no cell holds. The .xlsx
  reader computed such formulas (attachment_cells.py); the .xls reader read values and number formats only. Published
  with exit 0; now E400 naming the attachment. Each formula's text comes from xlrd's own decompiler and goes through
  the same `formula_texts` as an .xlsx's.
- (privacy/attachment_pdf.py `_marked_content_pieces`) a PDF page whose content marks a span or figure with
  /Alt (…) or /E (…) in its property list (`/Span <</Alt (电话 13800138000)>> BDC … EMC`): what a screen reader reads in
  place of the content. PDFium's text layer never takes it, and `_object_pieces` reads strings outside the page
  contents only. Published with exit 0; now E400. Read through PDFium's marked-content API (FPDFPageObj_GetMark …),
  in form XObjects too.
- (privacy/attachment_pdf.py `_shown_with_annotations`) what an annotation's appearance draws: a stamp or a free-text
  box whose appearance stream draws the number (its /Contents saying something else, or nothing). Every viewer shows
  and prints it; PDFium's page text leaves annotations out. Published with exit 0; now E400. The page is flattened
  by PDFium itself (FPDFPage_Flatten, "as displayed") in a copy of the document, and its text read again.
- (privacy/attachment_parts.py `page_text_shown`, `xls_page_pieces`) a spreadsheet's page footer with a format code
  between the number's groups (`&CTel 1380013&B8000`, &I, &U, &"宋体,加粗"): Excel prints 13800138000 (in bold from
  the code on); the .xlsx part was read as written, codes and all. And an .xls's page header or footer at all (HEADER,
  FOOTER, HEADERFOOTER records: neither calamine nor xlrd reads them). Published with exit 0; now E400. The header's
  sections (&L &C &R) are read apart, as printed.
- (privacy/attachments.py `_leads_outside`) a zip whose entry is named ../../…/Startup/说明.txt, ..\\..\\…, /etc/… or
  C:/…: an unpacking program that does not refuse it writes over a file of the reader's elsewhere ("zip slip"). Its
  content was read, its name passed: published with exit 0. Now E401 naming the entry, the fix to pack again.
- (rules/personal_data/attachments.py) a program in a zip (a .bat, .exe …) was refused (E401) with the message for a
  DDE formula ("有会运行其他程序的公式、域或链接"): masking its texts made a new Command and lost its `program` flag.
  The kind is kept now (dataclasses.replace), and the line says it is a program to delete.
- (privacy/attachment_pdf.py `_glyph_text_pieces`) a PDF Type3 font whose glyph procedure shows text in another font:
  the page writes `(a) Tj`, the glyph "a" draws 13800138000. PDFium renders it (seen in a rendering), its text layer
  gives "a", and `_object_pieces` skipped font streams: published with exit 0. The glyph procedures' strings are read
  now (E400 for a whole number in one glyph), and a glyph showing text at all is W400 (a real Type3 font draws
  pictures or paths; digits spread over glyphs "a" and "b" cannot be joined from the file): a strict build stops.
- (privacy/attachments.py `decode_any`) a .csv or .txt in UTF-32 with its byte-order mark (LibreOffice's text import,
  Python and Vim read it): decoded as UTF-16 (its little-endian mark starts as UTF-16's does), a zero between every
  two characters, the number never found. Published with exit 0; now E400.

Held (tried, refused or read) — a PDF whose /ActualText holds the number (PDFium's text layer takes it); the number's
groups drawn out of order (8000 first, then 1380013 to its left: PDFium orders by position) or kerned apart in a TJ
array; text in an optional-content layer that is off (PDFium extracts it); document-level JavaScript (E401); a zip
entry flagged encrypted (W400 naming the entry); .7z, .rar, .tar and .gz attachments (W400: a strict build stops); a
CSV in GBK and in UTF-16BE without a byte-order mark (E400). Pictures: a GIF comment, WebP XMP and EXIF, TIFF
ImageDescription and XPComment (UTF-16), JPEG EXIF XPComment and a GBK COM segment (E400). OpenDocument: a number
split by text:span, text:s or text:tab (the header in styles.xml), a meta.xml user-defined property, a hidden section
(E400).

Left —
- an .xls shared formula (SHRFMLA: a range filled with one formula) is not decompiled; an .xls cell comment or text
  box not tried (xlwt writes neither). A page header's &P/&N (page number, count) between digits prints digits no
  code holds; a size code (&12) written before digits is ambiguous to Excel itself, so read as a size.
- UTF-32 without a byte-order mark (no program guesses it).
- a PDF font whose glyphs draw digits that its ToUnicode maps to other characters (a reader sees the number, every
  extraction another text: only OCR would tell).
- cost: the .xls formulas are decompiled by xlrd (pure Python): about 2.5 s more per 40,000 formulas holding a literal.
"""

from __future__ import annotations

import io

import pytest

from . import attachmentkit
from .attachmentkit import _write_objects, _write_xref, archive, raw_pdf
from .batchkit import Cases, assert_case_refused, cases_site, checked_and_built
from .sitekit import build, check, paired_policy, policy, write_site
from .test_redteam16 import _plain_xls   # as xlwt writes it: the formula saved without its result

MOBILE = "13800138000"


def _attached(name: str, data: bytes) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
            f"policies/files/{name}": data}


XLS_FORMULAS = {"joined": '"1380013"&"8000"', "arithmetic": "1380013*10000+8000"}


@pytest.mark.parametrize("formula", XLS_FORMULAS)
def test_an_xls_formula_computing_a_mobile_is_refused(refusals, formula):
    _refused_case(refusals, f"xls formula {formula}", "E400")


def _pdf_drawing(content: str) -> bytes:
    """A one-page PDF whose content stream is `content`."""
    def stream(_text: str) -> str:
        return f"<< /Length {len(content)} >> stream\n{content}\nendstream"
    original, attachmentkit._content = attachmentkit._content, stream
    try:
        return raw_pdf("")
    finally:
        attachmentkit._content = original


MARKED_CONTENT_KEYS = ["Alt", "E"]


def _pdf_marked(key: str) -> bytes:
    return _pdf_drawing(f"/Span <</{key} (tel {MOBILE})>> BDC BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET EMC")


@pytest.mark.parametrize("key", MARKED_CONTENT_KEYS)
def test_a_pdf_marked_contents_alternate_text_is_read(refusals, key):
    _refused_case(refusals, f"pdf marked {key}", "E400")


def _pdf_with_annotation(annotation: str, appearance: str, page: str = "(Notice text here) Tj", drawn: str = "") -> bytes:
    """A one-page PDF whose page draws `page` and carries `annotation` (object 6), its appearance a form
    XObject (object 7) drawing `appearance`; with `drawn`, the page draws that form too (as /X1), after its text."""
    def stream(content: str, head: str = "") -> str:
        return f"<< /Length {len(content)}{head} >> stream\n{content}\nendstream"
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Annots [6 0 R]"
                  " /Resources << /Font << /F1 5 0 R >> /XObject << /X1 7 0 R >> >> >>",
               4: stream(f"BT /F1 12 Tf 20 250 Td {page} ET {drawn}"), 5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               6: annotation,
               7: stream(appearance, " /Type /XObject /Subtype /Form /BBox [0 0 200 50] /Resources << /Font << /F1 5 0 R >> >>")}
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    _write_xref(out, _write_objects(out, objects), f"/Size {len(objects) + 1} /Root 1 0 R")
    return out.getvalue()


_STAMP = "<< /Type /Annot /Subtype /Stamp /Rect [10 10 210 60] /AP << /N 7 0 R >> >>"
_FREE_TEXT = "<< /Type /Annot /Subtype /FreeText /Rect [10 10 210 60] /Contents (Approved) /DA (/F1 12 Tf) /AP << /N 7 0 R >> >>"


ANNOTATIONS = {   # annotation, its appearance
    "stamp": (_STAMP, f"BT /F1 12 Tf 5 5 Td ({MOBILE}) Tj ET"),
    "stamp-hex": (_STAMP, f"BT /F1 12 Tf 5 5 Td <{MOBILE.encode().hex()}> Tj ET"),
    "free-text-saying-otherwise": (_FREE_TEXT, "BT /F1 12 Tf 5 5 Td [(1380013) -10 (8000)] TJ ET"),
}


@pytest.mark.parametrize("annotation", ANNOTATIONS)
def test_what_an_annotations_appearance_draws_is_read(refusals, annotation):
    _refused_case(refusals, f"annotation {annotation}", "E400")


def _pdf_with_a_sealed_form() -> bytes:
    """The page draws a form XObject (a seal, a letterhead) whose content marks its text with an /Alt."""
    seal = f"/Figure <</Alt (tel {MOBILE})>> BDC BT /F1 12 Tf 5 5 Td (Seal) Tj ET EMC"
    return _pdf_with_annotation("<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>", seal, drawn="/X1 Do")


def test_alternate_text_inside_a_form_xobject_is_read(refusals):
    """The page draws a form XObject (a seal, a letterhead) whose content marks its text with an /Alt."""
    _refused_case(refusals, "form xobject", "E400")


def _xlsx_with_footer(**sections: str) -> bytes:
    """A workbook (openpyxl) with a title and a page footer: `sections` are its left, center and right texts."""
    import openpyxl
    book = openpyxl.Workbook()
    book.active["A1"] = "联系人名单（附件）"
    for section, text in sections.items():
        getattr(book.active.oddFooter, section).text = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FOOTER_CODES = ["&B", "&I", '&"Arial,Bold"']


@pytest.mark.parametrize("code", FOOTER_CODES)
def test_an_xlsx_footer_with_a_format_code_inside_the_number_is_read(refusals, code):
    _refused_case(refusals, f"xlsx footer {code}", "E400")


def _xls_with_header() -> bytes:
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "联系人名单（附件）")
    sheet.header_str = f"&LTel {MOBILE}".encode()   # xlwt takes bytes, and ASCII only
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xls_page_header_is_read(refusals):
    _refused_case(refusals, "xls header", "E400")


def test_a_footer_whose_sections_part_the_digits_stays(guards):
    """Guard: a left section ending in digits and a right one beginning with them print apart: no number."""
    _stays(guards, "footer sections")


ZIP_ENTRIES = {"dots": "../../../Startup/说明.txt", "backslashes": "..\\..\\说明.txt", "root": "/etc/说明.txt",
               "drive": "C:/说明.txt"}


@pytest.mark.parametrize("entry", ZIP_ENTRIES)
def test_a_zip_entry_leading_out_of_its_folder_is_refused(refusals, entry):
    _refused_case(refusals, f"zip entry {entry}", "E401", says="指向解压目录以外")


def test_a_program_in_a_zip_is_named_a_program(refusals):
    _refused_case(refusals, "zip program", "E401", says="打开就会运行的程序")


def test_a_zip_entry_with_dots_in_its_name_stays(guards):
    """Guard: dots inside a name (说明..v2.txt, a folder 2024..2025) are no step out of the folder."""
    _stays(guards, "zip dots")


def test_a_list_in_utf32_is_read(refusals):
    _refused_case(refusals, "utf32 list", "E400")


def _type3_pdf(glyphs: dict[str, str], shown: str) -> bytes:
    """A PDF whose page shows `shown` in a Type3 font (object 6) whose glyph named by each key of `glyphs` draws the
    value in Helvetica, as a stamp of text would."""
    def stream(content: str) -> str:
        return f"<< /Length {len(content)} >> stream\n{content}\nendstream"
    names = sorted(glyphs)
    procs = {7 + index: stream(f"1000 0 d0 BT /F1 600 Tf 0 0 Td ({glyphs[name]}) Tj ET") for index, name in enumerate(names)}
    codes = [ord(name) for name in names]
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
                  " /Resources << /Font << /F1 5 0 R /T3 6 0 R >> >> >>",
               4: stream(f"BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET BT /T3 20 Tf 20 150 Td ({shown}) Tj ET"),
               5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               6: "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0]"
                  f" /CharProcs << {' '.join(f'/{name} {number} 0 R' for name, number in zip(names, procs))} >>"
                  f" /Encoding << /Type /Encoding /Differences [{min(codes)} {' '.join('/' + name for name in names)}] >>"
                  f" /FirstChar {min(codes)} /LastChar {max(codes)} /Widths [{' '.join('4000' for _ in names)}]"
                  " /Resources << /Font << /F1 5 0 R >> >> >>",
               **procs}
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    _write_xref(out, _write_objects(out, objects), f"/Size {len(objects) + 1} /Root 1 0 R")
    return out.getvalue()


def test_a_number_a_type3_glyph_draws_is_refused(refusals):
    _refused_case(refusals, "type3 glyph", "E400")


def test_a_number_spread_over_type3_glyphs_stops_a_strict_build(tmp_path):
    root = write_site(tmp_path, _attached("通知.pdf", _type3_pdf({"a": "1380013", "b": "8000"}, "ab")))
    assert any(" W400 " in line and "Type3" in line for line in check(root).coded_lines())   # a warning: the check passes
    built = build(root)
    assert built.returncode != 0 and any(" W400 " in line for line in built.coded_lines()), built.output
    assert not (root / "site").exists()


def test_a_figures_alternate_text_in_plain_words_stays(guards):
    """Guard (passes on main too): alternate text without a number is no finding."""
    _stays(guards, "figure alt")


# --- every case above in one site: the refused ones checked and built once, the guards built once -------------
# (each case's policy and attachment in a folder of its own, tests/batchkit.py; the attachments are made when the
# fixture runs, not at import)

def _refused_attachments() -> dict[str, dict[str, str | bytes]]:
    cases = {f"xls formula {key}": _attached("名单.xls", _plain_xls(formula)) for key, formula in XLS_FORMULAS.items()}
    cases.update({f"pdf marked {key}": _attached("通知.pdf", _pdf_marked(key)) for key in MARKED_CONTENT_KEYS})
    cases.update({f"annotation {key}": _attached("通知.pdf", _pdf_with_annotation(*drawn))
                  for key, drawn in ANNOTATIONS.items()})
    cases["form xobject"] = _attached("通知.pdf", _pdf_with_a_sealed_form())
    cases.update({f"xlsx footer {code}": _attached("名单.xlsx", _xlsx_with_footer(center=f"Tel 1380013{code}8000"))
                  for code in FOOTER_CODES})
    cases["xls header"] = _attached("名单.xls", _xls_with_header())
    cases.update({f"zip entry {key}": _attached("材料.zip", archive({entry: "本通知内容仅供参考，请以正式文件为准。"}))
                  for key, entry in ZIP_ENTRIES.items()})
    cases["zip program"] = _attached("材料.zip", archive({"安装.bat": "@echo off\r\n"}))
    cases["utf32 list"] = _attached("名单.csv", "姓名,电话\n张三,13800138000\n".encode("utf-32"))
    cases["type3 glyph"] = _attached("通知.pdf", _type3_pdf({"a": MOBILE}, "a"))
    return cases


@pytest.fixture(scope="module")
def refusals(tmp_path_factory) -> tuple[Cases, Cases]:
    return checked_and_built(cases_site(tmp_path_factory.mktemp("refusals"), _refused_attachments()))


def _refused_case(refusals: tuple[Cases, Cases], case: str, code: str, says: str = "") -> None:
    """As `test_redteam22._refused` for one case (`batchkit.assert_case_refused`), its check's line saying `says`."""
    assert_case_refused(refusals, case, "policies/a.md", code)
    assert says in " ".join(refusals[0].lines(case, "policies/a.md")), refusals[0].run.output


@pytest.fixture(scope="module")
def guards(tmp_path_factory) -> Cases:
    plain_alt = _pdf_drawing("/Figure <</Alt (Seal of the office, 2024)>> BDC BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET EMC")
    return cases_site(tmp_path_factory.mktemp("guards"), {
        "footer sections": _attached("名单.xlsx", _xlsx_with_footer(left="第1380013页", right="&B8000")),
        "zip dots": _attached("材料.zip", archive({"2024..2025/说明..v2.txt": "本通知内容仅供参考，请以正式文件为准。"})),
        "figure alt": _attached("通知.pdf", plain_alt)}).built()


def _stays(guards: Cases, case: str) -> None:
    """The strict build of the guards passes (as each case's own did), this case's policy published."""
    assert guards.run.returncode == 0, guards.run.output
    assert guards.lines(case, "policies/a.md") == [] and guards.page(case, "policies/a").exists()
