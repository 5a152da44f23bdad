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


# --- Hostile files: a datum hidden in one part a reader sees or a program extracts ----------------

def rezip(package: bytes, extra: dict[str, bytes | str], types: dict[str, str] | None = None) -> bytes:
    """`package` with parts added (or replaced), and [Content_Types].xml naming the new extensions."""
    source = zipfile.ZipFile(io.BytesIO(package))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename in extra:
                continue
            data = source.read(info)
            if info.filename == "[Content_Types].xml" and types:
                defaults = "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in types.items())
                data = data.replace(b"</Types>", defaults.encode() + b"</Types>")
            out.writestr(info, data)
        for name, data in extra.items():
            out.writestr(name, data)
    return stream.getvalue()


def word_with(edit) -> bytes:
    """A .docx made by python-docx, changed by `edit(document)` before it is saved."""
    document = docx.Document()
    document.add_paragraph("说明")
    edit(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def word_part(document, partname: str, content_type: str, blob: bytes, reltype: str, body_xml: str | None = None):
    """Add a part related from the main document (an alt-chunk, an embedded package); `body_xml` may
    refer to it as {rid}."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    rid = document.part.relate_to(part, reltype)
    if body_xml:
        document.element.body.insert(0, parse_xml(body_xml.format(rid=rid)))


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def sheet_with(edit) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "名单"
    workbook.active["A1"] = "姓名"
    edit(workbook)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def pdf_with(edit, lines: tuple[str, ...] = ("Notice",)) -> bytes:
    writer = fpdf.FPDF()
    writer.set_font("helvetica", size=12)
    writer.add_page()
    for line in lines:
        writer.cell(text=line)
        writer.ln()
    edit(writer)
    return bytes(writer.output())


def pdf_form(value: str) -> bytes:
    """A one-page PDF whose only text field holds `value` (the page itself says "Form")."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /NeedAppearances true >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Annots [5 0 R]"
        " /Resources << /Font << /F1 6 0 R >> >> >>",
        None,   # the page's content stream
        f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V ({value}) /Rect [10 10 200 40] /P 3 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content = b"BT /F1 12 Tf 20 250 Td (Form) Tj ET"
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        if body is None:
            out.write(f"{number} 0 obj << /Length {len(content)} >> stream\n".encode() + content + b"\nendstream endobj\n")
        else:
            out.write(f"{number} 0 obj {body} endobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def archive(files: dict[str, bytes | str]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return stream.getvalue()


def lying_zip(name: str, real_size: int, declared_size: int, template: bytes | None = None) -> bytes:
    """A zip (or `template` package) with one more part `name` of `real_size` spaces, whose directory
    says it unpacks to `declared_size` bytes: a bomb that hides (smaller) or a part claimed too big."""
    import struct
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        if template:
            source = zipfile.ZipFile(io.BytesIO(template))
            for info in source.infolist():
                package.writestr(info, source.read(info))
        package.writestr(name, b" " * real_size)
    data = bytearray(stream.getvalue())
    entry = data.rfind(b"PK\x01\x02")                    # the last central directory entry: `name`
    struct.pack_into("<I", data, entry + 24, declared_size)   # its uncompressed size
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name).header_offset
    struct.pack_into("<I", data, local + 22, declared_size)
    return bytes(data)


def nested_zips(levels: int, inner: dict[str, bytes | str]) -> bytes:
    data = archive(inner)
    for level in range(levels):
        data = archive({f"第{level + 1}层.zip": data})
    return data
