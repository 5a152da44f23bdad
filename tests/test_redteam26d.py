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

Held (tried, refused or read) — a PDF whose /ActualText holds the number (PDFium's text layer takes it); the number's
groups drawn out of order (8000 first, then 1380013 to its left: PDFium orders by position) or kerned apart in a TJ
array; a zip entry flagged encrypted (W400 naming the entry); .7z, .rar, .tar and .gz attachments (W400: a strict
build stops); a CSV in GBK and in UTF-16BE without a byte-order mark (E400).

Left — a text file in UTF-32 (with its byte-order mark) is read as UTF-16 and its number not found (no browser and
not Windows' Notepad open UTF-32; editors like Vim do); an .xls shared formula (SHRFMLA: a range filled with one
formula) is not decompiled; a PDF font whose glyphs draw digits that its ToUnicode maps to other characters (a
reader sees the number, every extraction another text: only OCR would tell).
"""

from __future__ import annotations

import io

import pytest

from .attachmentkit import raw_pdf
from . import attachmentkit
from .sitekit import paired_policy, policy, write_site
from .test_redteam22 import _refused

MOBILE = "13800138000"


def _attached(name: str, data: bytes) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
            f"policies/files/{name}": data}


def _xls_with_formula(formula: str) -> bytes:
    """A workbook as xlwt writes it: a title, and below it one formula (saved without its result)."""
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "联系人名单（附件）")
    sheet.write(1, 0, xlwt.Formula(formula))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("formula", ['"1380013"&"8000"', "1380013*10000+8000"], ids=["joined", "arithmetic"])
def test_an_xls_formula_computing_a_mobile_is_refused(tmp_path, formula):
    root = write_site(tmp_path, _attached("名单.xls", _xls_with_formula(formula)))
    _refused(root, "E400", "content/policies/a.md")


def _pdf_drawing(content: str) -> bytes:
    """A one-page PDF whose content stream is `content`."""
    def stream(_text: str) -> str:
        return f"<< /Length {len(content)} >> stream\n{content}\nendstream"
    original, attachmentkit._content = attachmentkit._content, stream
    try:
        return raw_pdf("")
    finally:
        attachmentkit._content = original


@pytest.mark.parametrize("key", ["Alt", "E"])
def test_a_pdf_marked_contents_alternate_text_is_read(tmp_path, key):
    data = _pdf_drawing(f"/Span <</{key} (tel {MOBILE})>> BDC BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET EMC")
    root = write_site(tmp_path, _attached("通知.pdf", data))
    _refused(root, "E400", "content/policies/a.md")


def test_a_figures_alternate_text_in_plain_words_stays(tmp_path):
    """Guard (passes on main too): alternate text without a number is no finding."""
    data = _pdf_drawing("/Figure <</Alt (Seal of the office, 2024)>> BDC BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET EMC")
    from .sitekit import build
    assert build(write_site(tmp_path, _attached("通知.pdf", data))).returncode == 0
