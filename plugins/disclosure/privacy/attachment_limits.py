"""How much of an attachment is read: bounded time and memory, decided before anything is unpacked.

Office files, OFD and archives are zip packages; a 1.5 MB spreadsheet can unpack to gigabytes (a
zip bomb: 72 s and 7.7 GB in one reader), and a few kilobytes of sheet XML can make a spreadsheet
reader allocate a cell for every position between A1 and XFD1048576 (the process aborts). So before
any library opens a package, its directory is checked (entry count, each part's unpacked size and
compression ratio, the unpacked total of the attachment and of everything nested in it), each part is
inflated once here, counting, to prove it is no bigger than its directory says (a reader in Rust
does not stop where the directory says), and a spreadsheet's used area is measured from its XML.
Past a limit: `OverLimit`, reported as W401 with the fix, never a crash, a kill or a silent pass.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterator

from .attachment_types import OverLimit, Unreadable

MAX_FILE = 200 * 1024 * 1024        # bytes of an attachment as stored
MAX_UNPACKED = 200 * 1024 * 1024    # bytes unpacked from one attachment, all nested packages together
MAX_ENTRIES = 5_000                 # files in one package (a real workbook or document has tens to hundreds)
MAX_RATIO = 200                     # unpacked : packed, for a part above RATIO_FLOOR (real XML: 5 to 50)
RATIO_FLOOR = 8 * 1024 * 1024
MAX_DEPTH = 4                       # packages inside packages (a zip in a zip holding a .docx with an embedded sheet)
MAX_CELLS = 5_000_000               # rows × columns a spreadsheet reader lays out for one sheet
MAX_PDF_PAGES = 3_000

_MB = 1024 * 1024


@dataclass
class Budget:
    """What one attachment may still unpack, shared by everything nested inside it."""
    unpacked_left: int = MAX_UNPACKED

    def spend(self, size: int, what: str) -> None:
        if size > self.unpacked_left:
            raise OverLimit(f"{what}解压后超过 {MAX_UNPACKED // _MB} MB 的读取上限")
        self.unpacked_left -= size


def check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise OverLimit(f"文件套文件超过 {MAX_DEPTH} 层（压缩包或嵌入对象层层嵌套）")


def open_package(data: bytes, budget: Budget, what: str = "文件") -> zipfile.ZipFile:
    """The zip package in `data`, every part of it checked against the limits and proven no bigger
    than its directory says; `Unreadable` (damaged, encrypted) or `OverLimit` otherwise."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise Unreadable(f"{what}无法打开（{type(error).__name__}），可能已损坏") from error
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        raise OverLimit(f"{what}内有 {len(entries)} 个文件，超过 {MAX_ENTRIES} 个的读取上限")
    for info in entries:
        _check_entry(info, what)
    budget.spend(sum(info.file_size for info in entries), what)
    for info in entries:
        _prove_size(data, info, what)
    return package


def _check_entry(info: zipfile.ZipInfo, what: str) -> None:
    if info.flag_bits & 0x1:
        raise Unreadable(f"{what}中的“{info.filename}”已加密")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Unreadable(f"{what}中的“{info.filename}”使用了不常见的压缩方式")
    if info.file_size > MAX_UNPACKED:
        raise OverLimit(f"{what}中的“{info.filename}”解压后有 {info.file_size // _MB} MB，超过 {MAX_UNPACKED // _MB} MB 的读取上限")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise OverLimit(f"{what}中的“{info.filename}”压缩比为 {info.file_size // max(info.compress_size, 1)} 倍，"
                        f"超过 {MAX_RATIO} 倍的上限（疑似“压缩炸弹”）")


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_CHUNK = 256 * 1024


def _prove_size(data: bytes, info: zipfile.ZipInfo, what: str) -> None:
    """Inflate the part's stored bytes, counting, and stop as soon as it would exceed its declared size."""
    too_big = OverLimit(f"{what}中的“{info.filename}”实际解压后大于文件目录所写的大小（疑似“压缩炸弹”）")
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    except struct.error as error:
        raise Unreadable(f"{what}已损坏（{info.filename}）") from error
    if signature != b"PK\x03\x04":
        raise Unreadable(f"{what}已损坏（{info.filename}）")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    packed = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(packed) != info.file_size:
            raise too_big
        return
    inflater, produced = zlib.decompressobj(-zlib.MAX_WBITS), 0
    try:
        for at in range(0, len(packed), _CHUNK):
            pending = bytes(packed[at:at + _CHUNK])
            while pending:
                produced += len(inflater.decompress(pending, _CHUNK))
                if produced > info.file_size:
                    raise too_big
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    return
    except zlib.error as error:
        raise Unreadable(f"{what}中的“{info.filename}”已损坏") from error


def check_area(rows: int, columns: int, sheet: str) -> None:
    """A sheet's used area is laid out cell by cell by the spreadsheet reader."""
    if rows * columns > MAX_CELLS:
        raise OverLimit(f"工作表“{sheet}”的使用范围为 {rows} 行 × {columns} 列，超过 {MAX_CELLS} 个单元格的读取上限")


_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def sheet_areas(package: zipfile.ZipFile) -> Iterator[tuple[str, int, int]]:
    """(sheet, rows, columns) of the area each sheet's cells span, measured from the XML, streaming,
    before the spreadsheet reader lays it out: .xlsx sheets, and the tables of an .ods."""
    names = sheet_names(package)
    for info in package.infolist():
        if _SHEET_XML.match(info.filename):
            rows, columns = _xlsx_area(package.open(info))
            yield names.get(info.filename, info.filename.rsplit("/", 1)[-1]), rows, columns
    if "content.xml" in package.namelist():
        yield from _ods_areas(package.open("content.xml"))


def sheet_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Part name → the sheet's name on its tab (xl/workbook.xml and its relationships); {} when unclear."""
    from lxml import etree
    try:
        parser = safe_parser()
        workbook = etree.fromstring(package.read("xl/workbook.xml"), parser)
        relations = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"), parser)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    names = {}
    for sheet in workbook.iter("{*}sheet"):
        target = targets.get(next((v for k, v in sheet.items() if k.endswith("}id")), None), "")
        names["xl/" + target.lstrip("/").removeprefix("xl/")] = sheet.get("name", "")
    return names


def safe_parser():
    from lxml import etree
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def iterparse(stream, events=("start", "end"), tag=None):
    from lxml import etree
    return etree.iterparse(stream, events=events, tag=tag, resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False)


def _xlsx_area(stream) -> tuple[int, int]:
    """The last row and column holding a value (<c> with a <v>, <is> or <f>): calamine spans them."""
    row = column = last_row = last_column = 0
    for event, element in iterparse(stream, tag=("{*}row", "{*}c")):
        local = element.tag[element.tag.rfind("}") + 1:]
        if event == "start" and local == "row":
            row = int(element.get("r")) if (element.get("r") or "").isdigit() else row + 1
            column = 0
        elif event == "start" and local == "c":
            match = _CELL_REF.match(element.get("r") or "")
            column = _column_number(match.group(1)) if match else column + 1
            row = int(match.group(2)) if match else row
        elif event == "end" and local == "c":
            if len(element):
                last_row, last_column = max(last_row, row), max(last_column, column)
            element.clear()
        elif event == "end" and local == "row":
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return last_row, last_column


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _ods_areas(stream) -> Iterator[tuple[str, int, int]]:
    """OpenDocument repeats rows and cells by count (number-rows-repeated, number-columns-repeated):
    a repeated cell that holds something is a cell the reader lays out each time."""
    name, row, last_row, last_column, column, row_last = "", 0, 0, 0, 0, 0
    for event, element in iterparse(stream):
        local = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if event == "start" and local == "table":
            name, row, last_row, last_column = element.get(f"{_ODF_TABLE}name", ""), 0, 0, 0
        elif event == "start" and local == "table-row":
            column, row_last = 0, 0
        elif event == "end" and local in ("table-cell", "covered-table-cell"):
            column += _repeat(element, "number-columns-repeated")
            if len(element) or element.get(f"{_ODF_OFFICE}value-type"):
                row_last = column
            element.clear()
        elif event == "end" and local == "table-row":
            row += _repeat(element, "number-rows-repeated")
            if row_last:
                last_row, last_column = row, max(last_column, row_last)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif event == "end" and local == "table":
            yield name, last_row, last_column


def _repeat(element, attribute: str) -> int:
    value = element.get(f"{_ODF_TABLE}{attribute}", "1")
    return int(value) if value.isdigit() else 1
