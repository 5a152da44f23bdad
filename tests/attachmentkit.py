"""Real attachments as editors upload them, written with the libraries offices' files come from."""

from __future__ import annotations

import codecs
import functools
import io
import zipfile

import docx
import fpdf
import openpyxl


def xlsx(rows: dict[str, object], sheet: str = "名单", formats: dict[str, str] | None = None) -> bytes:
    """A workbook written by openpyxl, as Excel and WPS save one; `rows` maps cells to values (a
    formula saved without its result), `formats` cells to number formats."""
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for cell, value in rows.items():
        workbook.active[cell] = value
    for cell, number_format in (formats or {}).items():
        workbook.active[cell].number_format = number_format
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def xls(rows: dict[tuple[int, int], object], formats: dict[tuple[int, int], str] | None = None, sheet: str = "名单") -> bytes:
    """An Excel 97–2003 workbook (xlwt); `rows` maps (row, column), from 0, to values, `formats` to number formats."""
    import xlwt
    workbook = xlwt.Workbook()
    worksheet = workbook.add_sheet(sheet)
    for (row, column), value in rows.items():
        number_format = (formats or {}).get((row, column))
        worksheet.write(row, column, value, *([xlwt.easyxf(num_format_str=number_format)] if number_format else []))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


@functools.cache
def _word_template() -> bytes:
    """python-docx's own template without stylesWithEffects.xml, which Word 2013 and later no longer write: the
    template's copy of its 350 KB of styles, read (as every part is) for each attachment of the suite made from it."""
    document = docx.Document()
    effects = [rel.rId for rel in document.part.rels.values() if rel.reltype.endswith("/stylesWithEffects")]
    for rId in effects:
        del document.part.rels[rId]
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def new_word_document():
    """A new python-docx document, as `docx.Document()` makes one, from the template as Word saves it today."""
    return docx.Document(io.BytesIO(_word_template()))


def word(paragraphs: list[str], cell: str | None = None, footer: str | None = None, comment: str | None = None) -> bytes:
    document = new_word_document()
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
    document = new_word_document()
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
    return raw_pdf("Form", annotations=f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V ({value}) /Rect [10 10 200 40] /P 3 0 R >>")


def raw_pdf(text: str, annotations: str | None = None) -> bytes:
    """A one-page PDF written object by object: catalog 1, pages 2, page 3, its content 4, a font 5,
    and with `annotations` an AcroForm field 6."""
    form = " /AcroForm << /Fields [6 0 R] /NeedAppearances true >>" if annotations else ""
    objects = [f"<< /Type /Catalog /Pages 2 0 R{form} >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
               f"{' /Annots [6 0 R]' if annotations else ''} /Resources << /Font << /F1 5 0 R >> >> >>",
               _content(text), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] + ([annotations] if annotations else [])
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = _write_objects(out, dict(enumerate(objects, start=1)))
    _write_xref(out, offsets, f"/Size {len(objects) + 1} /Root 1 0 R")
    return out.getvalue()


def pdf_revised(before: str, after: str) -> bytes:
    """A PDF saved again by appending (an incremental update): its page first said `before`, now `after`.
    Viewers show `after`; the first version is still in the file."""
    first = raw_pdf(before)
    previous = int(first.rsplit(b"startxref", 1)[1].split()[0])
    out = io.BytesIO(first)
    out.seek(0, io.SEEK_END)
    offsets = _write_objects(out, {4: _content(after)})
    _write_xref(out, offsets, f"/Size 6 /Root 1 0 R /Prev {previous}")
    return out.getvalue()


def _content(text: str) -> str:
    stream = f"BT /F1 12 Tf 20 250 Td ({text}) Tj ET"
    return f"<< /Length {len(stream)} >> stream\n{stream}\nendstream"


def _write_objects(out: io.BytesIO, objects: dict[int, str]) -> dict[int, int]:
    offsets = {}
    for number, body in objects.items():
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj {body} endobj\n".encode())
    return offsets


def _write_xref(out: io.BytesIO, offsets: dict[int, int], trailer: str) -> None:
    xref = out.tell()
    sections = "".join(f"{number} 1\n{offset:010d} 00000 n \n" for number, offset in offsets.items())
    out.write(f"xref\n0 1\n0000000000 65535 f \n{sections}trailer << {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())


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


# The standard security handler's padding string (ISO 32000-1, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def locked_pdf(info: dict[str, str], text: str = "Notice text here") -> bytes:
    """A PDF locked with an owner password only, as offices save them against editing (RC4, revision 2:
    anyone opens it without a password, but every string and stream in the file is encrypted); its
    document information holds `info`'s keys."""
    import hashlib
    import struct
    file_id, permissions = bytes(range(16)), -44
    owner = _rc4(hashlib.md5(b"owner" + _PAD[:27]).digest()[:5], _PAD)
    key = hashlib.md5(_PAD + owner + struct.pack("<i", permissions) + file_id).digest()[:5]

    def sealed(number: int, data: bytes) -> bytes:
        return _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10], data)

    stream = sealed(4, f"BT /F1 12 Tf 20 250 Td ({text}) Tj ET".encode())
    entries = " ".join(f"/{name} <{sealed(6, codecs.BOM_UTF16_BE + value.encode('utf-16-be')).hex()}>"
                       for name, value in info.items())
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               4: f"<< /Length {len(stream)} >> stream\n" + stream.decode("latin-1") + "\nendstream",
               5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", 6: f"<< {entries} >>",
               7: f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{_rc4(key, _PAD).hex()}> /P {permissions} >>"}
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj {body} endobj\n".encode("latin-1"))
    _write_xref(out, offsets, f"/Size 8 /Root 1 0 R /Info 6 0 R /Encrypt 7 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]")
    return out.getvalue()


def ole_file(streams: dict[str, bytes]) -> bytes:
    """An Office 97–2003 container (Compound File, version 3) holding `streams`, each padded with zeros to 4,096 bytes at
    least so that it lies in the file's own sectors (no mini stream): what Word 97 saves a .doc as. A name with a slash
    ("MBD0001/\x01Ole10Native") is a stream in a storage, as Excel keeps an embedded object."""
    import struct
    sector, end, fat_mark, none = 512, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    body, fat, starts = b"", [], {}
    for name, data in streams.items():
        padded = data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0")
        first, count = len(fat), len(padded) // sector
        fat += list(range(first + 1, first + count)) + [end]
        starts[name] = (first, len(padded))
        body += padded
    entries = _ole_directory(streams, starts)
    directory_at, count = len(fat), len(entries) // sector
    fat += list(range(directory_at + 1, directory_at + count)) + [end]
    body += entries
    fat_at = len(fat)
    fat.append(fat_mark)
    body += struct.pack(f"<{len(fat)}I", *fat).ljust(sector, b"\xff")
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, directory_at, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", fat_at) + b"\xff" * (4 * 108))
    return header + body


def _ole_directory(streams: dict[str, bytes], starts: dict[str, tuple[int, int]]) -> bytes:
    """The directory's entries, whole sectors: the root, then each storage's members as a chain to the right (each
    name sorts after the one before: by length, then letters)."""
    import struct
    end, none = 0xFFFFFFFE, 0xFFFFFFFF

    def entry(name: str, kind: int, right: int = none, child: int = none, start: int = end, size: int = 0) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, none, right, child) + bytes(16)
                + bytes(4) + bytes(16) + struct.pack("<II", start, size) + bytes(4))
    members: dict[str, list[str]] = {"": []}
    for path in streams:
        steps = path.split("/")
        for depth in range(len(steps)):
            parent, whole = "/".join(steps[:depth]), "/".join(steps[:depth + 1])
            if whole not in members[parent]:
                members[parent].append(whole)
                members.setdefault(whole, [])
    for parent in members:
        members[parent].sort(key=lambda p: (len(p.rsplit("/", 1)[-1]), p.rsplit("/", 1)[-1].upper()))
    order = ["", *[path for parent in members for path in members[parent]]]
    number = {path: index for index, path in enumerate(order)}
    following = {path: chain[index + 1] for chain in members.values() for index, path in enumerate(chain[:-1])}
    entries = b""
    for path in order:
        child = number[members[path][0]] if members.get(path) else none
        right = number[following[path]] if path in following else none
        if not path:
            entries += entry("Root Entry", 5, child=child)
        elif path in streams:
            entries += entry(path.rsplit("/", 1)[-1], 2, right=right, start=starts[path][0], size=starts[path][1])
        else:
            entries += entry(path.rsplit("/", 1)[-1], 1, right=right, child=child)
    while len(entries) % 512:
        entries += entry("", 0)
    return entries


def word97(text: str) -> bytes:
    """A Word 97–2003 .doc whose text is `text` (fields as Word keeps them: 0x13 instruction 0x14 result 0x15): a FIB
    naming the 1Table stream, whose piece table holds the text as one UTF-16 piece at offset 1,024."""
    import struct
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)   # fWhichTblStm: 1Table
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<I", fib, 64 + 12, len(text))   # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)
    pieces = struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, 1024, 0)
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    return ole_file({"WordDocument": bytes(fib) + text.encode("utf-16-le"), "1Table": clx})


def with_packed_object(pdf: bytes, action: bytes) -> bytes:
    """`pdf` (which names object 9) with object 9, `action`, packed compressed in an object stream (object 10), as
    Acrobat and Word save objects."""
    import zlib
    head = b"9 0 "
    packed = zlib.compress(head + action)
    stream = (b"10 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
              % (len(head), len(packed)) + packed + b"\nendstream\nendobj\n")
    return pdf.replace(b"xref", stream + b"xref", 1)
