"""Real attachments as editors upload them, written with the libraries offices' files come from."""

from __future__ import annotations

import io

import docx
import fpdf
import openpyxl


def xlsx(rows: dict[str, object], sheet: str = "名单") -> bytes:
    """A workbook written by openpyxl, as Excel and WPS save one; `rows` maps cells to values."""
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for cell, value in rows.items():
        workbook.active[cell] = value
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def word(paragraphs: list[str], cell: str | None = None, footer: str | None = None, comment: str | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if comment:
        document.add_comment(document.paragraphs[0].runs, text=comment, author="审核人")
    if cell:
        document.add_table(rows=2, cols=2).cell(1, 1).text = cell
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a real text layer (core font: ASCII only), one list of lines per page."""
    writer = fpdf.FPDF()
    writer.set_font("helvetica", size=12)
    for lines in pages:
        writer.add_page()
        for line in lines:
            writer.cell(text=line)
            writer.ln()
    return bytes(writer.output())
