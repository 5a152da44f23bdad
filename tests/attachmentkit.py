"""Real attachments as editors upload them, written with the libraries offices' files come from."""

from __future__ import annotations

import io
import zipfile

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


def ofd(pages: list[list[str]]) -> bytes:
    """An OFD package (GB/T 33190): each page's text objects in Doc_0/Pages/Page_N/Content.xml."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        package.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1"><ofd:DocBody>'
                         "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        for number, lines in enumerate(pages):
            objects = "".join(f'<ofd:TextObject ID="{i + 1}" Boundary="0 {i * 10} 200 10" Font="1" Size="3.5">'
                              f'<ofd:TextCode X="0" Y="3">{text}</ofd:TextCode></ofd:TextObject>'
                              for i, text in enumerate(lines))
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml",
                             '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="0">'
                             f"{objects}</ofd:Layer></ofd:Content></ofd:Page>")
    return stream.getvalue()
