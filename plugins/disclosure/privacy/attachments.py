"""The text of an attachment, piece by piece with where each piece is, as a reader would find it.

Attachments go out as they are, so personal data inside them (a 名单.xlsx of applicants, a PDF
with a phone number) is published as surely as in a page. Each reader here is a kept library:

- .txt .csv .tsv and other plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB 18030;
- .xlsx .xlsm .xlsb .xls .ods .et: python-calamine (a WPS .et is an .xls or .xlsx inside: it sniffs),
  sheet names too, and an .xlsx's cell comments from its XML (calamine reads cells only);
- .docx (and a .wps or .doc that is one inside): python-docx (paragraphs, tables, text boxes, headers,
  footers, footnotes, endnotes, comments, and text deleted with track changes: it is still in the file);
- .pdf: pypdfium2 (PDFium, Chrome's PDF engine), page by page;
- .ofd: its pages' XML (zipfile, lxml), text object by text object.

Anything else that can hold text (Word 97 .doc, .wps, .rtf, .ppt, .zip, …), a file a reader fails on
(damaged, encrypted) and a PDF with no text layer (a scan) is `Unreadable`: the caller warns
(W400), naming the file and what to do. Images, audio and video hold no text to read.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

MIN_TEXT = 11  # the shortest personal datum (a mobile number); shorter pieces are skipped


@dataclass(frozen=True)
class Piece:
    where: str      # e.g. "第3行", "工作表“名单”单元格 B3", "第2页第5行"
    text: str


class Unreadable(Exception):
    """The attachment's text cannot be read; the message says why, in Chinese."""


def attachment_pieces(file: Path) -> Iterator[Piece]:
    """Every piece of text of `file` that could hold a personal datum; `Unreadable` when none can be read."""
    reader = _READERS.get(file.suffix.lower())
    if reader is None and file.suffix.lower() in _MAYBE_DOCX and _is_zip(file):
        reader = _docx_pieces  # WPS and some converters save Word's .docx format under .wps or .doc
    if reader is None:
        if file.suffix.lower() in NO_TEXT:
            return iter(())
        raise Unreadable(f"无法读取 {file.suffix or '无扩展名'} 格式的内容")
    try:
        pieces = list(reader(file))
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged or encrypted file: each library raises its own kinds
        raise Unreadable(f"文件无法打开（{type(error).__name__}），可能已损坏或加密") from error
    return iter(piece for piece in pieces if len(piece.text) >= MIN_TEXT)


# --- Plain text ------------------------------------------------------------------------------------

def decode_any(raw: bytes) -> str:
    """Text as Windows and Excel save it in China: UTF-8 (BOM or not), UTF-16 with BOM, else GB 18030."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _text_pieces(file: Path) -> Iterator[Piece]:
    for number, line in enumerate(decode_any(file.read_bytes()).splitlines(), start=1):
        yield Piece(f"第{number}行", line)


# --- Spreadsheets ----------------------------------------------------------------------------------

def _sheet_pieces(file: Path) -> Iterator[Piece]:
    from python_calamine import (
        CalamineWorkbook,  # imported here: most sites have no spreadsheet
    )
    with file.open("rb") as stream:
        workbook = CalamineWorkbook.from_filelike(stream)  # by content, so that an .et is read too
        for name in workbook.sheet_names:
            yield Piece("工作表名", name)  # shown on its tab (the report masks what it finds; not the name again)
            sheet = workbook.get_sheet_by_name(name)
            # calamine gives rows from the sheet's first row, but cells from its first used column.
            first_column = sheet.start[1] if sheet.start else 0
            for row_number, row in enumerate(sheet.iter_rows(), start=1):
                for column, value in enumerate(row, start=first_column):
                    yield Piece(f"工作表“{name}”单元格 {column_name(column)}{row_number}", _cell_text(value))
    if _is_zip(file):
        yield from _sheet_comments(file)


_SHEET_COMMENTS = re.compile(r"xl/(?:comments/)?comment[^/]*\.xml$|xl/threadedComments/[^/]+\.xml$")


def _sheet_comments(file: Path) -> Iterator[Piece]:
    """Cell comments (批注) of an .xlsx: calamine reads cells only, Excel shows these on hover."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(file) as package:
        for info in package.infolist():
            if not _SHEET_COMMENTS.search(info.filename) or info.file_size > _MAX_XML:
                continue
            root = etree.fromstring(package.read(info), parser)
            comments = (e for e in root.iter() if etree.QName(e).localname in ("comment", "threadedComment"))
            for number, comment in enumerate(comments, start=1):
                cell = comment.get("ref", "")
                text = "".join(t.text or "" for t in comment.iter() if etree.QName(t).localname in ("t", "text"))
                yield Piece(f"批注{number}（单元格 {cell}）", text)


def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as Excel labels its columns."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _cell_text(value: object) -> str:
    # A number typed into a cell comes back as 13800138000.0; the reader of the sheet sees 13800138000.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Word ------------------------------------------------------------------------------------------

def _docx_pieces(file: Path) -> Iterator[Piece]:
    import docx  # python-docx
    from docx.oxml.ns import qn
    document = docx.Document(str(file))
    body = document.element.body
    tables = {table: number for number, table in enumerate(body.iter(qn("w:tbl")), start=1)}
    paragraphs = 0
    for paragraph in body.iter(qn("w:p")):
        cell = next(paragraph.iterancestors(qn("w:tc")), None)
        if cell is None:
            paragraphs += 1
            where = f"第{paragraphs}段"
        else:
            row = cell.getparent()
            table = row.getparent()
            where = (f"表格{tables.get(table, '')}第{table.findall(qn('w:tr')).index(row) + 1}行"
                     f"第{row.findall(qn('w:tc')).index(cell) + 1}列")
        yield Piece(where, _paragraph_text(paragraph, qn))
    for section_number, section in enumerate(document.sections, start=1):
        for part, label in ((section.header, "页眉"), (section.footer, "页脚")):
            # Through the XML: header tables and text boxes hold paragraphs that `.paragraphs` leaves out.
            for paragraph in part._element.iter(qn("w:p")):
                yield Piece(f"第{section_number}节{label}", _paragraph_text(paragraph, qn))
    yield from _docx_notes(document, qn)


_NOTES = {"/word/footnotes.xml": "脚注", "/word/endnotes.xml": "尾注", "/word/comments.xml": "批注"}


def _docx_notes(document, qn) -> Iterator[Piece]:
    """Footnotes, endnotes and comments: python-docx has no reader for all of them, lxml reads their XML."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for part in document.part.package.iter_parts():
        label = _NOTES.get(str(part.partname))
        if label:
            root = etree.fromstring(part.blob, parser)
            for number, paragraph in enumerate(root.iter(qn("w:p")), start=1):
                yield Piece(f"{label}第{number}段", _paragraph_text(paragraph, qn))


def _paragraph_text(paragraph, qn) -> str:
    """All runs of one paragraph (in tables and text boxes too): Word shows them as one line. Text
    deleted with 修订 (track changes) on stays in the file as w:delText, shown by 显示修订: read too."""
    return "".join(node.text or "" for node in paragraph.iter(qn("w:t"), qn("w:delText")))


# --- PDF -------------------------------------------------------------------------------------------

def _pdf_pieces(file: Path) -> Iterator[Piece]:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(file))
    try:
        found_text = False
        for page_number in range(len(pdf)):
            page = pdf[page_number]
            text_page = page.get_textpage()
            text = text_page.get_text_range()
            text_page.close()
            page.close()
            found_text = found_text or bool(text.strip())
            for line_number, line in enumerate(text.splitlines(), start=1):
                yield Piece(f"第{page_number + 1}页第{line_number}行", line)
        if not found_text and len(pdf):
            raise Unreadable("PDF 中没有可提取的文字（可能是扫描件）")
    finally:
        pdf.close()


# --- OFD (GB/T 33190, the format of many official documents) -------------------------------------

_OFD_PAGE = re.compile(r"Pages/Page_(\d+)/Content\.xml$")
_MAX_XML = 64 * 1024 * 1024  # bytes of one page's XML: more is a zip bomb, not a page


def _ofd_pieces(file: Path) -> Iterator[Piece]:
    """Each text object of each page (a line, as OFD writers lay text out), from the page's XML."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(file) as package:
        pages = sorted((int(match.group(1)), info) for info in package.infolist()
                       if (match := _OFD_PAGE.search(info.filename)))
        if not pages:
            raise Unreadable("OFD 文件中没有页面")
        for number, info in pages:
            if info.file_size > _MAX_XML:
                raise Unreadable(f"OFD 第{number + 1}页过大")
            root = etree.fromstring(package.read(info), parser)
            for line, text_object in enumerate((e for e in root.iter() if etree.QName(e).localname == "TextObject"), start=1):
                text = "".join(code.text or "" for code in text_object.iter() if etree.QName(code).localname == "TextCode")
                yield Piece(f"第{number + 1}页第{line}个文字块", text)


_TEXT = (".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm", ".svg", ".md", ".yaml", ".yml", ".ics", ".vcf")
_READERS: dict[str, Callable[[Path], Iterator[Piece]]] = {
    **{suffix: _text_pieces for suffix in _TEXT},
    **{suffix: _sheet_pieces for suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".ett")},
    ".docx": _docx_pieces,
    ".pdf": _pdf_pieces,
    ".ofd": _ofd_pieces,
}
_MAYBE_DOCX = frozenset({".wps", ".doc"})


def _is_zip(file: Path) -> bool:
    with file.open("rb") as stream:
        return stream.read(4) == b"PK\x03\x04"


# Files that hold pictures or sound, not text: nothing to read (a photo of an ID card needs a person).
NO_TEXT = frozenset(".png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .mp3 .mp4 .wav .m4a .avi .mov .wmv .flv .webm".split())
