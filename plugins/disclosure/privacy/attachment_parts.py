"""Every part of an office package, as a program that unzips it finds them.

A .docx, .xlsx, .pptx, OpenDocument or OFD file is a zip of parts. The libraries read the main text
(python-docx the body, calamine the cells); what Word, Excel and WPS also show or keep sits in other
parts, and none of the libraries has one API for all of them: every header and footer variant
(first page, even pages, each section, and one no section points at), footnotes, endnotes, comments,
text boxes and shapes (DrawingML and VML), charts, SmartArt, page headers and footers of sheets,
document properties (core, app, custom), custom XML data, the targets of hyperlinks (.rels), alt
text. So each XML part is read here with lxml, streaming (the part was size-checked, and elements
are dropped once read): each paragraph's text as one piece (runs joined, tabs and line breaks kept,
as Word shows them), any other text and each long attribute value as a piece. A part that is a file
of its own (an embedded workbook or document, an alt-chunk's HTML, RTF or text, an archive) is read
as an attachment of its own through `inner`; pictures and fonts hold no text to read.

What the program opening the file loads from another host by itself is a `Remote`: a relationship of the package
to an outside address other than a hyperlink (a picture linked when pasted from a web page, a remote template,
a linked object or workbook), a Word field that includes a picture or text from an address (INCLUDEPICTURE,
INCLUDETEXT, LINK, IMPORT: pasting from a browser writes INCLUDEPICTURE "http://…"), an OpenDocument image,
object or section linked by address, a cell's formula fetching from one (WEBSERVICE, IMPORTXML, IMAGE("https://…"), a
reference into a workbook at an address). A plain hyperlink is a link, not a load. What starts another program on
the reader's machine is a `Command`: a cell's DDE formula (`=cmd|' /C calc'!A0`; `|…!` has no other meaning outside
a formula's texts), DDE(), CALL(), REGISTER(), a workbook's DDE link, Word's DDE and DDEAUTO fields, and a hyperlink
(or a PDF's link) to a program's protocol or a program file (`link_runs`), as a page's link may not be.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import Callable, Iterator

from .attachment_cells import (MAX_REFERRING, column_index, column_name, formula_texts, joins, moved, pieces_a_number, raw_text,
                               uncomputed, written_texts)
from .attachment_limits import sheet_names
from .attachment_ods import excel_formula, ods_written_texts
from .attachment_types import PROGRAMS, Command, Gap, Piece, Remote
from .field_sources import PROPERTY, VARIABLE, FieldSources
from .page_numbers import page_code

MIN_TEXT = 11   # the shortest personal datum (a mobile number); shorter texts are skipped

# Elements that hold one paragraph (Word w:p, DrawingML a:p, OpenDocument text:p/text:h, a shared or
# inline string of a sheet, an OFD text object): their text is read as one line.
_PARAGRAPHS = frozenset({"p", "h", "si", "is", "TextObject"})
_BREAKS = frozenset({"br", "cr", "line-break"})
_TABS = frozenset({"tab"})
_SPACES = frozenset({"s"})   # OpenDocument text:s (text:c spaces)
# Word's 插入→符号 (w:sym): a character with no text node, its code in w:char; a code in U+F000–U+F0FF
# is a symbol font's own code (Word adds F000), shown as the font's glyph for the low byte.
_SYMBOLS = frozenset({"sym"})
_SYMBOL_FONT_OFFSET = 0xF000
_MAX_SPACES = 64   # a run of spaces shows as a gap however long it is
# What prints the page's (or slide's) number, or the count of pages, in place of the text saved in it: OpenDocument's
# text:page-number and text:page-count, DrawingML's a:fld of type slidenum (PowerPoint saves ‹#›).
_PAGE_NUMBER_ELEMENTS = frozenset({"page-number", "page-count", "fld"})
_NUMBER_FIELD_TYPES = frozenset({"slidenum"})
_PROPERTIES = frozenset({"pPr", "rPr", "tabs", "sectPr", "tblPr", "trPr", "tcPr"})   # formatting, no text

_LABELS = (
    (r"header\d*\.xml$", "页眉"), (r"footer\d*\.xml$", "页脚"), (r"footnotes\.xml$", "脚注"),
    (r"endnotes\.xml$", "尾注"), (r"(?:comments[^/]*|threadedComment[^/]*|comment\d*)\.xml$", "批注"),
    (r"docProps/custom\.xml$", "自定义文档属性"), (r"(?:docProps/|meta\.xml$|Document\.xml$|OFD\.xml$)", "文档属性"),
    (r"\.rels$", "链接地址"), (r"drawings/", "文本框或图形"), (r"charts?/", "图表"), (r"diagrams/", "SmartArt 图形"),
    (r"sharedStrings\.xml$", "表格文字"), (r"worksheets/", "工作表"), (r"customXml/", "自定义数据"),
    (r"word/document\.xml$", "正文"), (r"content\.xml$", "内容"), (r"notesSlides?/", "演讲者备注"),
    (r"slides/", "幻灯片"), (r"Annot", "注释"), (r"Pages/", "页面"),
)
# Parts named as fonts, printer settings, thumbnails, HD Photo or signatures: nothing a reader reads as text,
# and no format of their own that `inner` knows. So one is skipped only when its content is none that a program opens
# either (`opens_as_file`): a list, a zip or a workbook saved under a font's or a thumbnail's name is read as what it
# is, and a thumbnail's metadata as a picture's. Pictures, sounds and videos are files of their own (`inner`): their
# metadata is read, and one that is not what its name says.
_NO_TEXT = re.compile(r"\.(?:wdp|odttf|ttf|otf|ttc|fntdata|fdata)$|printerSettings|/thumbnail|Thumbnails/|Signs?/", re.I)
_XML_NAME = re.compile(r"\.(?:xml|rels|vml)$|(?:^|/)mimetype$", re.I)

Inner = Callable[[str, bytes, str], Iterator[Piece | Gap | Remote]]
# An address of another host: a scheme with //, a protocol-relative or a Windows network path (\\host\share).
# Schemes may wrap one another (mhtml:http://…!x-usc:…, what Word loads an HTML page through). A file: address is the
# reader's own disk only in the forms that name one: a drive (file:///C:/…, file://C:/…, Word's own template path;
# file:///C|/…), localhost, or a path of one slash (file:///home/…); every other spelling reaches another machine
# (file://server/…, file:////server/…, file:///\\server\…, file:\\server\…), as does a path of two slashes or more.
_LOCAL_FILE = r"(?:/{0,3}[a-z][:|]|(?:///|//localhost/|/)?(?![\\/]))"
_ADDRESS = re.compile(r"^\s*(?:(?!file:)[a-z][a-z0-9+.-]*:)*?(?:(?!file:)[a-z][a-z0-9+.-]*:[\\/]{2}|file:(?!" + _LOCAL_FILE + ")"
                      r"|[\\/]{2})", re.I)
# What else a package's outside relationship may name: a program's protocol (ms-msdt:, search-ms:, ms-officecmd: …),
# which Windows hands to that program; a drive letter (C:) or a file: path is a file of the reader's own disk.
_PROTOCOL = re.compile(r"^\s*(?!file:)[a-z][a-z0-9+.-]+:", re.I)
_LOADING_FIELDS = re.compile(r"^\s*(?:INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT)\b", re.I)
_RUNNING_FIELDS = re.compile(r"^\s*(?:DDE|DDEAUTO)\b", re.I)
_HYPERLINK_FIELD = re.compile(r"^\s*HYPERLINK\b", re.I)
# A formula's texts ("…", "" inside one), its quoted names ('…': a sheet, a workbook at an address).
_FORMULA_STRING = re.compile(r'"(?:[^"]|"")*"')
_FORMULA_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DDE_CALL = re.compile(r"\|[^|!]*!")   # application|topic!item: a cell "==== | ====" or "@张三|李四" is text
_RUNNING_CALL = re.compile(r"(?<![\w.])(?:DDE|DDEAUTO|CALL|REGISTER|REGISTER\.ID|EXEC)\s*\(", re.I)
_FETCHING_CALL = re.compile(r"\b(?:WEBSERVICE|IMPORTDATA|IMPORTXML|IMPORTHTML|IMPORTFEED|IMPORTRANGE|IMAGE|RTD)\s*\(", re.I)
# Elements of a workbook's DDE link (SpreadsheetML ddeLink, OpenDocument dde-source, dde-link, dde-connection-decl).
_DDE_ELEMENTS = frozenset({"ddeLink", "dde-source", "dde-link", "dde-connection-decl"})
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_LINK_ELEMENTS = frozenset({"a"})   # text:a, draw:a: hyperlinks a reader clicks
# SpreadsheetML's formulas: a cell's, a defined name's, a validation's and a conditional format's.
_FORMULAS = frozenset({"f", "definedName", "formula", "formula1", "formula2"})
_QUERIES = {"webPr": "url", "textPr": "sourceFile"}   # SpreadsheetML connections: the address each fetches


# The elements `remote_loads` and `protocol_runs` read besides any with an xlink:href.
_LOADING_ELEMENTS = frozenset({"Relationship", "fldSimple", *_QUERIES, *_LINK_ELEMENTS})


def remote_loads(element, local: str) -> list[str]:
    """The addresses of other hosts this element makes the opening program load (see the module's docstring)."""
    if local == "Relationship":
        target, kind = _attribute(element, "Target"), _attribute(element, "Type")
        return [target] if _attribute(element, "TargetMode") == "External" and not kind.endswith("/hyperlink") \
            and _ADDRESS.match(target) else []
    if local == "fldSimple":
        return []   # read with its paragraph (`field_risks`)
    if local in _QUERIES:   # a workbook's data connection (数据→自网站, 自文本): refreshed on opening or by a click
        target = _attribute(element, _QUERIES[local])
        return [target] if _ADDRESS.match(target) else []
    href = element.get(_XLINK_HREF)
    return [href] if href and local not in _LINK_ELEMENTS and _ADDRESS.match(href) else []


def protocol_runs(element, local: str) -> list[str]:
    """A package's outside relationship to a program's protocol (ms-msdt:/id …): Word hands it to that program when
    opening the file. A hyperlink's or an OpenDocument link's (text:a, draw:a) that `link_runs`: when clicked."""
    if local in _LINK_ELEMENTS:
        href = element.get(_XLINK_HREF)
        return [href] if href and link_runs(href) else []
    if local != "Relationship" or _attribute(element, "TargetMode") != "External":
        return []
    target = _attribute(element, "Target")
    if _attribute(element, "Type").endswith("/hyperlink"):
        return [target] if link_runs(target) else []
    return [target] if _PROTOCOL.match(target) and not _ADDRESS.match(target) else []


_WEB_LINK = frozenset({"http", "https", "mailto", "tel", "ftp"})
_DISK_PATH = re.compile(r"^\s*(?:[a-z]:[\\/]|[\\/]{2})", re.I)   # C:\…, \\host\share\…
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]+):", re.I)   # two letters at least: C:\… is a path of the reader's disk


def link_runs(target: str) -> bool:
    """A link a reader clicks (a hyperlink, a PDF's link) that starts a program, as a page's link may not (E401): to a
    program's protocol (ms-msdt:, search-ms:, ms-word:ofe|u|…), or to a program file (file:///C:/…/calc.exe, a share's setup.exe).
    Web, mail and phone links, and a link to a document on the drafter's disk, stay."""
    scheme = _SCHEME.match(target)
    if scheme and scheme.group(1).lower() != "file":
        return scheme.group(1).lower() not in _WEB_LINK
    if not (scheme or _DISK_PATH.match(target)):
        return False   # www.example.com, a name beside the file: no program of the reader's disk or a share
    path = re.split(r"[?#]", target.strip(), maxsplit=1)[0].replace("\\", "/").rstrip("/")
    name = path.rsplit("/", 1)[-1].lower()
    return any(name.endswith(suffix) for suffix in PROGRAMS)


CellText = Callable[[str], "str | None"]   # a cell's text as written in it (B2 → "https://…"), None if not one


def formula_risks(where: str, formula: str, cells: CellText | None = None) -> list[Remote | Command]:
    """A cell's formula that starts a program (a `Command`) or fetches from another host (a `Remote`), else none.
    `cells`: the texts written into the sheet's cells, for a link whose target is one (=HYPERLINK(B2,"查看"))."""
    if "|" not in formula and "(" not in formula and "'" not in formula:
        return []   # most cells (-5, =B2-100): no call, no DDE, no quoted workbook
    outside = _FORMULA_STRING.sub('""', formula)
    if _DDE_CALL.search(_FORMULA_QUOTED.sub("''", outside)) or _RUNNING_CALL.search(outside):   # a sheet may be called 'a|b'
        return [Command(where, formula.strip())]
    if _FETCHING_CALL.search(outside) or any(_ADDRESS.match(quoted.group(1)) for quoted in _FORMULA_QUOTED.finditer(outside)):
        return [Remote(where, formula.strip())]
    if any(link_runs(text) if whole else not _fixed_scheme(text) for text, whole in _hyperlink_targets(formula, cells)):
        return [Command(where, formula.strip())]   # =HYPERLINK("ms-msdt:…"): a click starts the program
    return []


_HYPERLINK_OPEN = re.compile(r'(?<![\w.])HYPERLINK\s*\(', re.I)
_FORMULA_TEXT = re.compile(r'\s*"((?:[^"]|"")*)"\s*')


# HYPERLINK(B2, …): one cell of the sheet; of a named sheet ('名单'!B2: an .ods's [.B2] as `excel_formula` writes it)
_LONE_CELL = re.compile(r"\s*((?:'(?:[^']|'')*'!)?)\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})\s*(?=[,;)])")


def _hyperlink_targets(formula: str, cells: CellText | None = None) -> Iterator[tuple[str, bool]]:
    """Each HYPERLINK call's target as far as texts give it (as `_function_calls` reads an .xls's): texts joined by &
    joined (whole); one cell of the sheet, the text written in it (`cells`: a list's column of web addresses);
    else the texts before the first part computed from cells or functions (not whole)."""
    blanked = _FORMULA_STRING.sub(lambda text: '"' + " " * (len(text.group()) - 2) + '"', formula)   # a call, not a text
    for call in _HYPERLINK_OPEN.finditer(blanked):
        texts, at = [], call.end()
        while (literal := _FORMULA_TEXT.match(formula, at)) is not None:
            texts.append(literal.group(1).replace('""', '"'))
            at = literal.end()
            if not formula.startswith("&", at):
                break
            at += 1
        lone = _LONE_CELL.match(formula, at) if cells is not None and not texts else None
        written = cells(lone.group(1) + lone.group(2).upper() + lone.group(3)) if lone else None
        if written is not None:
            yield written, True
            continue
        whole = bool(texts) and formula[at:at + 1] in (",", ";", ")")
        yield "".join(texts), whole


_SUPBOOK, _FORMULA, _BIFF_EOF, _NAME_RECORD = 0x01AE, 0x0006, 0x000A, 0x0018
# Where the formula (its length cce, then its tokens) starts in each record that holds one: a cell's FORMULA, a shared
# formula's SHRFMLA (the cells of a filled range point at it by tExp) and an array formula's ARRAY.
_FORMULA_RECORDS = {_FORMULA: 20, 0x04BC: 8, 0x0221: 12}
# Each one's kind to xlrd's decompiler (a shared formula's references are relative to each cell of its range).
_FORMULA_KINDS = {_FORMULA: "FMLA_TYPE_CELL", 0x04BC: "FMLA_TYPE_SHARED", 0x0221: "FMLA_TYPE_ARRAY"}


def _formula_record(kind: int, body: bytes) -> tuple[int, int, bytes] | None:
    """A formula record's (`_FORMULA_RECORDS`) first cell, row and column, and its tokens; None for another record."""
    at = _FORMULA_RECORDS.get(kind)
    if at is None or len(body) < at + 2:
        return None
    row, column = struct.unpack_from("<H", body, 0)[0], body[4 if kind != _FORMULA else 2]
    size = struct.unpack_from("<H", body, at)[0]
    return row, column, body[at + 2:at + 2 + size]
# The functions Excel calls by number (tFunc, tFuncVar) that start a program (CALL, REGISTER, REGISTER.ID, EXEC), fetch
# from another machine (RTD's server), or link (HYPERLINK): a workbook none of whose bytes could be one is not walked.
_RUNNING_FUNCTIONS = {150: "CALL", 149: "REGISTER", 267: "REGISTER.ID", 110: "EXEC"}
_FETCHING_FUNCTIONS = {379: "RTD"}
_HYPERLINK_FUNCTION = 359
_XLS_CALL = re.compile(rb"(?:[\x21\x41\x61]|[\x22\x42\x62][\x00-\xff])(?:\x96\x00|\x95\x00|\x0b\x01|\x6e\x00|\x7b\x01|\x67\x01)")
# A function Excel 2010 and later added is kept in an .xls as a defined name _xlfn.WEBSERVICE called by number 255.
_FUTURE_FETCHING = re.compile(r"^_xlfn\.(?:WEBSERVICE|IMAGE|FILTERXML|RTD)$", re.I)
# A cell's hyperlink (Insert→Hyperlink): an HLINK record holding a StdLink object, its target a URL moniker or a file
# moniker (MS-OSHARED 2.3.7); the class ids as stored, little-endian.
_HLINK = 0x01B8
_STD_LINK = bytes.fromhex("d0c9ea79f9bace118c8200aa004ba90b")
_URL_MONIKER = bytes.fromhex("e0c9ea79f9bace118c8200aa004ba90b")
_FILE_MONIKER = bytes.fromhex("0303000000000000c000000000000046")


def xls_links(data: bytes) -> Iterator[Command | Remote]:
    """An Excel 97–2003 workbook's DDE or OLE links (`=cmd|' /C calc'!A0` keeps its cmd|topic there, a SUPBOOK record of
    no sheets): Excel asks to update them on opening, then starts the program; a workbook it links to on another
    machine or at an address (a SUPBOOK of sheets, a share's or a URL's 名单.xls). And every formula — a cell's, a shared
    or array formula's, a defined name's — calling CALL, REGISTER or EXEC (a program), RTD (a server) or a function
    kept as a name (_xlfn.WEBSERVICE), or HYPERLINK to a program (`link_runs`), its target a text or joined from texts;
    a target computed from cells or functions is not known, so refused unless its texts fix the scheme (https://…&A1).
    Neither calamine nor xlrd gives a cell's formula, so the workbook's own records are read: the links and names
    are before its first sheet; the sheets' formulas only when the stream holds a call of those functions at all."""
    stream = workbook_stream(data)
    records = _biff_records(stream)
    calls, links = _XLS_CALL.search(stream), _STD_LINK in stream
    for kind, body in records:
        if kind == _BIFF_EOF:
            break
        if kind == _SUPBOOK:
            yield from _supbook_risks(body)
        elif kind == _NAME_RECORD and len(body) >= 15:
            yield from _name_risks(body, calls)
    if not (calls or links):
        return   # most workbooks: no sheet's record is read
    sheet, linking = -1, []   # formulas refused unless a cell they link to holds an address (`_xls_linked_texts`)
    for kind, body in records:   # the sheets, after the workbook's globals
        sheet += kind == _BOF
        if kind == _HLINK and links:
            target = _hlink_target(body)
            if target and link_runs(target):
                row, column = struct.unpack_from("<HH", body, 0)[0], struct.unpack_from("<H", body, 4)[0]
                yield Command(f"第{row + 1}行第{column + 1}列的超链接", target)
        elif calls and (formula := _formula_record(kind, body)) is not None:
            row, column, tokens = formula
            where = f"第{row + 1}行第{column + 1}列的公式"
            risks = list(_formula_call_risks(where, tokens))
            if risks and kind == _FORMULA:   # a cell's own formula: HYPERLINK(B2, …) names a cell of its sheet
                linking.append((where, tokens, sheet))
            else:
                yield from risks
    if linking:
        texts = _xls_linked_texts(data, stream, {sheet for _, _, sheet in linking})
        for where, tokens, sheet in linking:
            yield from _formula_call_risks(where, tokens, lambda row, column, sheet=sheet: texts.get((sheet, row, column)))


def xls_formula_pieces(data: bytes) -> Iterator[Piece | Gap]:
    """What each formula of an Excel 97–2003 workbook shows once computed (`formula_texts`: its literals joined,
    its arithmetic): Excel computes a formula when it opens a workbook a program wrote (xlwt and many report
    generators save no result, so calamine reads 0 or nothing), and ="1380013"&"8000" shows a mobile no cell holds.
    A cell's own formula, and one a filled range (SHRFMLA) or an array formula (ARRAY) keeps once for its cells. The formula's text is xlrd's own decompiler's (the tokens as Excel writes them); a formula xlrd cannot decompile
    (one naming another workbook) is read by its literals only, as no text."""
    import xlrd
    from xlrd.formula import decompile_formula
    stream = workbook_stream(data)
    if not _XLS_LITERAL.search(stream):
        return
    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    values: dict[int, dict[str, str]] = {}   # a sheet's cells, read when a formula of it first joins texts
    try:
        sheet, globals_done = -1, False
        for kind, body in _biff_records(stream):
            if not globals_done:
                globals_done = kind == _BIFF_EOF
                continue
            sheet += kind == _BOF
            formula = _formula_record(kind, body)   # a cell's, or a filled range's (SHRFMLA) or array formula's
            if formula is None or not _XLS_LITERAL.search(formula[2]):
                continue
            row, column, tokens = formula
            kind_name = getattr(xlrd.formula, _FORMULA_KINDS[kind])
            text = _decompiled(decompile_formula, book, tokens, kind_name, row, column)
            if text and joins(text) and sheet not in values:
                values[sheet] = _xls_sheet_values(book, sheet)
            where = f"工作表第{sheet + 1}张第{row + 1}行第{column + 1}列"
            if text and not joins(text) and (why := pieces_a_number(text)):
                yield uncomputed(where, why)
            for computed in formula_texts(text, values.get(sheet, {}), {}) if text else ():
                if sum(character.isdigit() for character in computed) >= MIN_TEXT:
                    yield Piece(f"{where}的公式（打开时计算为）", computed)
    finally:
        book.release_resources()


def _xls_sheet_values(book, index: int) -> dict[str, str]:
    """A sheet's texts and numbers by reference (B1), numbers as a General cell shows them: what a formula joining
    a literal with a cell (="1380013"&B1) shows. {} for a sheet xlrd cannot give (a chart's)."""
    try:
        sheet = book.sheet_by_index(index)
    except Exception:  # noqa: BLE001 - xlrd raises its own kinds (and IndexError) for a sheet it cannot give
        return {}
    return {f"{column_name(column)}{row + 1}": cell.value if cell.ctype == 1 else raw_text(cell.value)
            for row in range(sheet.nrows) for column, cell in enumerate(sheet.row(row)) if cell.ctype in (1, 2)}


def workbook_stream(data: bytes) -> bytes:
    """The BIFF records of an Excel 97–2003 workbook: its Workbook (or older Book) stream."""
    import olefile
    with olefile.OleFileIO(data) as container:
        name = next((name for name in ("Workbook", "Book") if container.exists(name)), None)
        return container.openstream(name).read() if name else b""


def xls_page_pieces(data: bytes) -> Iterator[Piece]:
    """Each sheet's page headers and footers as Excel prints them (`page_text_shown`): the HEADER and FOOTER records,
    and HEADERFOOTER's first-page and even-page ones. Neither calamine nor xlrd reads them."""
    sheet, names = 0, []
    for kind, body in _biff_records(workbook_stream(data)):
        sheet += kind == _BOF
        if kind == _BOUNDSHEET and len(body) >= 8:   # the sheets' names, in the globals, in the sheets' order
            names.append(_short_unicode_string(body, 6))
        texts = [_unicode_string(body, 0)[0]] if kind in (_HEADER, _FOOTER) and len(body) >= 3 else []
        if kind == _HEADERFOOTER and len(body) >= 38:
            at = 38   # after its FrtHeader, the view's GUID, its flags and the four texts' lengths
            for length in struct.unpack_from("<4H", body, 30):
                if length:
                    text, at = _unicode_string(body, at)
                    texts.append(text)
        for text in texts:
            name = names[sheet - 2] if 0 <= sheet - 2 < len(names) else ""
            yield from (Piece(f"工作表第{max(sheet - 1, 1)}张的页眉页脚", shown) for shown in page_text_shown(text, name))


_HEADER, _FOOTER, _HEADERFOOTER, _BOUNDSHEET = 0x0014, 0x0015, 0x089C, 0x0085


def _short_unicode_string(body: bytes, at: int) -> str:
    """A ShortXLUnicodeString at `at` (its length in one byte, a byte of flags, its characters)."""
    length, flags = body[at], body[at + 1]
    raw = body[at + 2:at + 2 + length * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _unicode_string(body: bytes, at: int) -> tuple[str, int]:
    """An XLUnicodeString at `at` (its length, a byte of flags, its characters: UTF-16 or one byte each), and where
    it ends."""
    try:
        length, flags = struct.unpack_from("<HB", body, at)
    except struct.error:
        return "", len(body)
    size = length * (2 if flags & 1 else 1)
    raw = body[at + 3:at + 3 + size]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace"), at + 3 + size


# A page header's or footer's sections (left, centre, right: printed apart) and its codes that print no text: bold,
# italic, underline, strike-through, super- and subscript, outline, shadow (&B …), a font (&"宋体,加粗"), a size (&12), a
# colour (&KFF0000, &K01+000). Written between a number's digits, Excel prints the number whole.
_PAGE_SECTION = re.compile(r"&[LCR]")
_PAGE_FORMAT = re.compile(r'&(?:"[^"]*"|\d+|K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})|[BIUESXYOH])')
_PAGE_TEXTS = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"})
# The codes that print the page's number or the count of pages (&P, &N, &P+1): a digit no file holds (`page_numbers`).
_PAGE_NUMBER_CODE = re.compile(r"&([PN])([+-]\d{1,9})?")


def page_text_shown(text: str, sheet: str = "") -> list[str]:
    """A spreadsheet's page header or footer (.xlsx's oddFooter, .xls's FOOTER) as printed: each section apart,
    the codes that print no text left out, a page number's `PAGE_NUMBER`, the sheet's name for &A, && one &."""
    escaped = _PAGE_NUMBER_CODE.sub(lambda code: page_code(code.group(1) == "N", int(code.group(2) or 0)),
                                    text.replace("&&", "\0")).replace("&A", "\x02")
    return [_PAGE_FORMAT.sub("", section).replace("\x02", sheet).replace("\0", "&") for section in _PAGE_SECTION.split(escaped)]


# A formula's literal tokens (tStr, tInt, tNum): a formula without any computes no number from literals.
_XLS_LITERAL = re.compile(rb"[\x17\x1e\x1f]")


def _decompiled(decompile, book, tokens: bytes, kind: int, row: int, column: int) -> str:
    try:
        return "=" + decompile(book, tokens, len(tokens), kind, browx=row, bcolx=column)
    except Exception:  # noqa: BLE001 - xlrd raises its own kinds (and IndexError) on tokens it does not know
        return ""


_BOF, _LABELSST = 0x0809, 0x00FD
# The records of cells (MS-XLS 2.4): a text of the table, a formula, a number (RK, NUMBER), a blank, a boolean or
# error, an old text (LABEL, RSTRING), and a row's run of numbers or blanks; a cell in two of them is read as neither.
_ROW_RECORDS = frozenset({0x00BD, 0x00BE})   # MULRK, MULBLANK: a row's cells from a first column to a last (at the end)
_CELL_RECORDS = frozenset({_LABELSST, _FORMULA, 0x027E, 0x0203, 0x0201, 0x0205, 0x0204, 0x00D6}) | _ROW_RECORDS


def _xls_linked_texts(data: bytes, stream: bytes, sheets: set[int]) -> dict[tuple[int, int, int], str]:
    """The cells of the sheets `sheets` (counted from 0 after the workbook's globals) holding a text written in them
    (LABELSST: a string of the table, never a formula's result) that is a web address or a place in the workbook,
    by (sheet, row, column): what =HYPERLINK(B2,"查看") may link to. The string table is xlrd's."""
    import xlrd
    try:
        strings = xlrd.open_workbook(file_contents=data, on_demand=True)._sharedstrings
    except Exception:  # noqa: BLE001 - xlrd raises its own kinds on a table it cannot read: no cell is taken, the link stays refused
        return {}
    found, seen, sheet, globals_done = {}, set(), -1, False
    for kind, body in _biff_records(stream):
        if not globals_done:
            globals_done = kind == _BIFF_EOF
            continue
        sheet += kind == _BOF
        if kind not in _CELL_RECORDS or sheet not in sheets or len(body) < 6:
            continue
        row, first = struct.unpack_from("<HH", body, 0)
        last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind in _ROW_RECORDS else first
        for place in ((sheet, row, column) for column in range(first, min(last, 0x3FFF) + 1)):
            if place in seen:   # a cell written twice: which one Excel keeps is not known
                found.pop(place, None)
            elif kind == _LABELSST and len(body) >= 10:
                index = struct.unpack_from("<I", body, 6)[0]
                if index < len(strings) and names_web_place(strings[index]):
                    found[place] = strings[index]
            seen.add(place)
    return found


def _supbook_risks(body: bytes) -> Iterator[Command | Remote]:
    """A SUPBOOK record: a DDE/OLE link (no sheets, app\x03topic) starts a program; a workbook of sheets on another
    machine (\x01@server…, a UNC volume) or at an address (\x01\x05, a URL) is fetched to update the cells. The internal
    (01 04) and add-in (01 00 01 3A) ones hold no path."""
    if len(body) < 5 or body[2:4] in (b"\x01\x04", b"\x01\x3a"):
        return
    sheets, length, wide = struct.unpack_from("<HH", body, 0) + (body[4] & 1,)
    text = body[5:5 + length * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", "replace")
    if not sheets:
        yield Command("工作簿的 DDE/OLE 链接", text.replace("\x03", "|"))
    elif "\x01@" in text or "\x01\x05" in text or _ADDRESS.match(text.lstrip("\x01\x02")):
        shown = re.sub(r"[\x00-\x1f]", "\\\\", text.replace("\x01@", "\\\\").replace("\x01\x05", "", 1)).lstrip("\\")
        yield Remote("工作簿引用的外部工作簿", shown if "://" in shown else "\\\\" + shown)


def _name_risks(body: bytes, calls) -> Iterator[Command | Remote]:
    """A NAME record (公式→定义名称, or the name Excel keeps a newer function under): its name, then its formula."""
    length, size, wide = body[3], struct.unpack_from("<H", body, 4)[0], body[14] & 1
    name = body[15:15 + length * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", "replace")
    if _FUTURE_FETCHING.match(name):
        yield Remote(f"定义名称“{name}”", name.split(".", 1)[1] + "(…)")
    at = 15 + length * (2 if wide else 1)
    if calls:
        yield from _formula_call_risks(f"定义名称“{name}”", body[at:at + size])


def _formula_call_risks(where: str, tokens: bytes, cells: Callable[[int, int], str | None] | None = None
                        ) -> Iterator[Command | Remote]:
    """`cells`: the text written in a cell of the formula's sheet (row, column from 0), for HYPERLINK(B2, …)."""
    if not _XLS_CALL.search(tokens):
        return
    try:
        found = list(_function_calls(tokens))
    except (IndexError, KeyError, struct.error):
        yield Command(where, "无法读取的公式（含 HYPERLINK、CALL 等调用）")   # not recognised: not passed unread
        return
    for index, arguments in found:
        if index in _RUNNING_FUNCTIONS:
            yield Command(where, f"{_RUNNING_FUNCTIONS[index]}(…)")
        elif index in _FETCHING_FUNCTIONS:
            yield Remote(where, f"{_FETCHING_FUNCTIONS[index]}(…)")
        elif index == _HYPERLINK_FUNCTION and arguments:
            text, whole, cell = arguments[0]
            if cell and cells and (written := cells(*cell)) is not None:
                text, whole = written, True
            if link_runs(text) if whole else not _fixed_scheme(text):
                yield Command(where, f'HYPERLINK("{text}{"" if whole else "…"}")')


_WEB_PREFIX = re.compile(r"^\s*(?:#|(?:https?|mailto|tel|ftp):)", re.I)


def names_web_place(text: str) -> bool:
    """Whether a cell's text, taken whole as a link's target, is a web, mail or phone address or a place in the
    workbook: no program's protocol or file."""
    return _fixed_scheme(text) and not link_runs(text)


def _fixed_scheme(prefix: str) -> bool:
    """Whether the known start of a computed link target already fixes it as a web, mail or phone link, or a place in
    the workbook (#…): whatever the cells add, no program's protocol or file."""
    return bool(_WEB_PREFIX.match(prefix))


# Each formula token's size after its byte (MS-XLS 2.5.198: Ptg), by its base type (the class bits 0x60 masked for
# operand and function tokens); the ones not listed are read below.
_PTG_SIZES = {0x01: 4, 0x02: 4, 0x15: 0, 0x1C: 1, 0x1D: 1, 0x1E: 2, 0x1F: 8, 0x20: 7, 0x23: 4, 0x24: 4, 0x25: 8,
              0x26: 6, 0x27: 6, 0x28: 6, 0x29: 2, 0x2A: 4, 0x2B: 8, 0x2C: 4, 0x2D: 8, 0x39: 6, 0x3A: 6, 0x3B: 10,
              0x3C: 6, 0x3D: 10}
_PTG_NO_VALUE = frozenset({0x15, 0x26, 0x27, 0x28, 0x29, 0x01, 0x02})   # a parenthesis, a memory area's head, tExp


_Argument = tuple[str, bool, "tuple[int, int] | None"]


def _function_calls(tokens: bytes) -> Iterator[tuple[int, list[_Argument]]]:
    """Each function a formula calls, with its arguments as far as texts give them: (text, whole, cell) — a literal
    text, or texts joined by & (whole when every part is a text; else the known start, whole False); cell: a lone
    reference's (row, column) (tRef, a place in a cell's own formula). Read token by token, as Excel evaluates them
    (reverse Polish); a token of no known size raises KeyError."""
    from xlrd.formula import func_defs
    stack: list[_Argument] = []
    unknown: _Argument = ("", False, None)

    def pop(count: int) -> list[_Argument]:
        taken = stack[len(stack) - count:] if count else []
        del stack[len(stack) - count:]
        return [unknown] * (count - len(taken)) + taken

    at = 0
    while at < len(tokens):
        ptg, at = tokens[at], at + 1
        base = ptg if ptg < 0x20 else (ptg & 0x1F) | 0x20
        if ptg == 0x17:   # a text: its length, then 1 for UTF-16
            length, wide = tokens[at], tokens[at + 1] & 1
            stack.append((tokens[at + 2:at + 2 + length * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", "replace"), True, None))
            at += 2 + length * (2 if wide else 1)
        elif ptg == 0x08:   # &
            left, right = pop(2)
            stack.append((left[0] + right[0], right[1], None) if left[1] else unknown)
        elif 0x03 <= ptg <= 0x11:   # another operator of two operands
            pop(2)
            stack.append(unknown)
        elif ptg in (0x12, 0x13, 0x14):   # unary + -, %
            pop(1)
            stack.append(unknown)
        elif ptg == 0x16:   # a missing argument
            stack.append(unknown)
        elif ptg == 0x19:   # tAttr: its kind, two bytes; a CHOOSE's jump table; SUM of one argument
            kind, count = tokens[at], struct.unpack_from("<H", tokens, at + 1)[0]
            at += 3 + (2 * (count + 1) if kind & 0x04 else 0)
            if kind & 0x10:
                pop(1)
                stack.append(unknown)
        elif base in (0x21, 0x22):   # a function: fixed arguments (their count from its definition), or counted
            if base == 0x22:
                count, index = tokens[at] & 0x7F, struct.unpack_from("<H", tokens, at + 1)[0] & 0x7FFF
                at += 3
            else:
                index = struct.unpack_from("<H", tokens, at)[0]
                count, at = func_defs[index][1], at + 2
            arguments = pop(count)
            yield index, arguments
            stack.append(unknown)
        elif base == 0x24:   # tRef: a cell, its row and column (the column's two high bits say relative or not)
            row, column = struct.unpack_from("<HH", tokens, at)
            stack.append(("", False, (row, column & 0x3FFF)))
            at += 4
        else:
            at += _PTG_SIZES[base]
            if base not in _PTG_NO_VALUE:
                stack.append(unknown)


def _hlink_target(body: bytes) -> str:
    """Where an HLINK record's hyperlink goes: its URL, or the path of the file it opens; "" when unread."""
    def counted(at: int, unit: int = 2) -> tuple[str, int]:
        size = struct.unpack_from("<I", body, at)[0] * unit
        return body[at + 4:at + 4 + size].decode("utf-16-le", "replace").split("\0")[0], at + 4 + size

    try:
        flags, at = struct.unpack_from("<I", body, 28)[0], 32
        if not flags & 0x01:     # no moniker: a place in the workbook itself
            return ""
        for present in (0x10, 0x80):   # its display name, its target frame
            if flags & present:
                at = counted(at)[1]
        if flags & 0x100:        # the moniker saved as a string
            return counted(at)[0]
        kind, at = body[at:at + 16], at + 16
        if kind == _URL_MONIKER:
            return counted(at, 1)[0]
        if kind == _FILE_MONIKER:
            size = struct.unpack_from("<I", body, at + 2)[0]
            short = body[at + 6:at + 6 + size].split(b"\0")[0].decode("gb18030", "replace")
            at += 6 + size + 24
            if struct.unpack_from("<I", body, at)[0]:
                wide = struct.unpack_from("<I", body, at + 4)[0]
                return body[at + 10:at + 10 + wide].decode("utf-16-le", "replace")
            return short
    except struct.error:
        return ""
    return ""


def _biff_records(stream: bytes) -> Iterator[tuple[int, bytes]]:
    at = 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + size]
        at += 4 + size


def doc_field_instructions(word: bytes, tables: dict[str, bytes]) -> list[str]:
    """The instructions of a Word 97–2003 document's fields (INCLUDEPICTURE "https://…", DDEAUTO cmd …, HYPERLINK …), in
    the body, headers, footnotes, text boxes and comments alike: the document's text read through its piece table (the
    CLX in the 0Table or 1Table stream the FIB names, MS-DOC 2.8.35), each field's instruction between its begin mark
    (0x13) and its separator (0x14) or end (0x15), a field nested in it kept in its own. A document whose piece table
    does not read (damaged, or its FIB of another layout) has its stream read as it lies, in both encodings."""
    try:
        return _field_instructions(_doc_text(word, tables))
    except (IndexError, KeyError, ValueError, struct.error):
        return [found for encoding in ("utf-16-le", "latin-1") for shift in ((0, 1) if encoding == "utf-16-le" else (0,))
                for found in _field_instructions(word[shift:].decode(encoding, "replace"))]


def _doc_text(word: bytes, tables: dict[str, bytes]) -> str:
    identifier, flags = struct.unpack_from("<H", word, 0)[0], struct.unpack_from("<H", word, 0x0A)[0]
    if identifier != 0xA5EC or flags & 0x0100:   # not a Word document's FIB, or encrypted: no text to read
        raise ValueError
    table = tables["1table" if flags & 0x0200 else "0table"]
    at = 32
    at += 2 + struct.unpack_from("<H", word, at)[0] * 2    # csw, fibRgW
    at += 2 + struct.unpack_from("<H", word, at)[0] * 4    # cslw, fibRgLw
    clx_at, clx_size = struct.unpack_from("<II", word, at + 2 + 33 * 8)   # fibRgFcLcb: fcClx, lcbClx
    clx = table[clx_at:clx_at + clx_size]
    at = 0
    while clx[at] == 0x01:   # Prc: formatting, skipped
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if clx[at] != 0x02:
        raise ValueError
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    count = (size - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    text = []
    for index in range(count):
        place = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        length = positions[index + 1] - positions[index]
        if place & 0x40000000:   # compressed: one byte a character, at half the offset
            start = (place & ~0x40000000) // 2
            text.append(word[start:start + length].decode("cp1252", "replace"))
        else:
            text.append(word[place:place + 2 * length].decode("utf-16-le", "replace"))
    return "".join(text)


def _field_instructions(text: str) -> list[str]:
    if "\x13" not in text:
        return []
    found, open_fields = [], []   # each open field's instruction so far, None once past its separator
    for character in text:
        if character == "\x13":
            open_fields.append([])
        elif character in "\x14\x15" and open_fields:
            if open_fields[-1] is not None:
                found.append("".join(open_fields[-1]))
            if character == "\x14":
                open_fields[-1] = None
            else:
                open_fields.pop()
        elif open_fields and open_fields[-1] is not None:
            open_fields[-1].append(character)
    return found + ["".join(rest) for rest in open_fields if rest]


def field_risks(where: str, instruction: str) -> list[Remote | Command]:
    """A Word field that starts a program (DDE, DDEAUTO) or loads from another host (INCLUDEPICTURE "https://…")."""
    if _RUNNING_FIELDS.match(instruction):
        return [Command(where, instruction.strip())]
    if _HYPERLINK_FIELD.match(instruction):   # HYPERLINK "ms-msdt:…" (a switch's argument, \l "书签", is no target)
        targets = [m.group(1) if m.group(1) is not None else m.group(3) for m in _FIELD_ARGUMENT.finditer(instruction)][1:]
        return [Command(where, instruction.strip())] if any(t and link_runs(t) for t in targets) else []
    return [Remote(where, target) for target in loading_field(instruction)]


def loading_field(instruction: str) -> list[str]:
    """The instruction of a Word field that loads from another host (INCLUDEPICTURE "https://…"), else none."""
    loads = _LOADING_FIELDS.match(instruction) and any(_ADDRESS.match(match.group(1) or match.group(3) or "")
                                                       for match in _FIELD_ARGUMENT.finditer(instruction))
    return [instruction.strip()] if loads else []


def part_label(name: str) -> str:
    for pattern, label in _LABELS:
        if re.search(pattern, name):
            return label
    return "内部文件"


def package_pieces(package: zipfile.ZipFile, inner: Inner, opens_as_file: Callable[[bytes], bool]) -> Iterator[Piece | Gap]:
    """The text of every part of `package`, parts that are files of their own through `inner`; a part named
    as a font, thumbnail or printer setting only when `opens_as_file` knows its content."""
    yield from comment_pieces(package)
    for info in package.infolist():
        name = info.filename
        if info.is_dir():
            continue
        data = package.read(info)
        if _NO_TEXT.search(name):
            if opens_as_file(data):
                yield from inner(name, data, f"内嵌文件“{name}”")
            continue
        if _XML_NAME.search(name) or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
            yield from xml_pieces(data, name, f"{part_label(name)}", _written_links(package, name), package)
        else:
            yield from inner(name, data, f"内嵌文件“{name}”")


def comment_pieces(package: zipfile.ZipFile) -> Iterator[Piece]:
    """The zip's own comment and its entries' comments: any unzip program shows them (an entry's as its Info-ZIP
    Unicode Comment field writes it, where one is: `unicode_extras`)."""
    texts = [("压缩包注释", package.comment)] + [(f"“{info.filename}”的注释", info.comment) for info in package.infolist()]
    for where, raw in texts:
        if raw:
            yield Piece(where, _decode_comment(raw))
    for info in package.infolist():
        for comment in unicode_extras(info.extra, UNICODE_COMMENT):
            yield Piece(f"“{info.filename}”的注释", comment)


UNICODE_PATH, UNICODE_COMMENT = 0x7075, 0x6375   # Info-ZIP's extra fields: an entry's name, its comment in UTF-8


def unicode_extras(extra: bytes, kind: int) -> list[str]:
    """The UTF-8 texts of an entry's Info-ZIP Unicode Path (or Comment) extra fields. 7-Zip, WinRAR, Bandizip and
    unzip show and extract an entry under the name this field gives, not the header's (which Python's zipfile reads,
    before 3.12): a.txt in the header may show as 张三13800138000.txt, or unpack to ../../x.bat. Every such field is
    read, whatever its checksum of the header's name says: a program that ignores the checksum shows it too."""
    texts, at = [], 0
    while at + 4 <= len(extra):
        field, size = struct.unpack_from("<HH", extra, at)
        body = extra[at + 4:at + 4 + size]
        if field == kind and len(body) > 5:
            texts.append(body[5:].decode("utf-8", errors="replace"))   # version (1), CRC-32 of the header's text (4)
        at += 4 + size
    return texts


def _decode_comment(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _written_links(package: zipfile.ZipFile, name: str) -> CellText | None:
    """For a worksheet part: its cells' texts that are web links or places in the workbook (`_fixed_scheme`, no
    program's), read once when a formula first asks (=HYPERLINK(B2,"查看") beside a column of addresses)."""
    opendocument = name == "content.xml" and b"spreadsheet" in _mimetype(package)
    if not (_WORKSHEET.match(name) or opendocument):
        return None
    read: dict[str, str] = {}

    def text(reference: str) -> str | None:
        if not read:
            read.update(ods_written_texts(package.open(name), names_web_place) if opendocument
                        else written_texts(package, name, names_web_place))
            read.setdefault("", "")   # read once, even when no cell holds one
        return read.get(reference)
    return text


def _mimetype(package: zipfile.ZipFile) -> bytes:
    return package.read("mimetype")[:200] if "mimetype" in package.namelist() else b""


def xml_pieces(data: bytes, name: str, label: str, cells: CellText | None = None,
               package: zipfile.ZipFile | None = None) -> Iterator[Piece]:
    """Each paragraph, other text and long attribute value of one XML part; a part that is not
    well-formed XML (Excel's VML often is not) is read line by line as text. `cells`: a worksheet's cells' texts;
    `package`: the package the part is in, whose bookmarks and properties Word's fields may show (`field_sources`)."""
    from lxml import etree
    pieces: list[Piece] = []
    try:
        _read_xml(etree, data, name, label, pieces, cells, package)
    except etree.XMLSyntaxError:
        text = data.decode("utf-8", errors="replace")
        pieces += [Piece(f"{label}（{name}）第{number}行", line) for number, line in enumerate(text.splitlines(), start=1)]
    return iter([piece for piece in pieces if not isinstance(piece, Piece) or len(piece.text) >= MIN_TEXT])


def _read_xml(etree, data: bytes, name: str, label: str, pieces: list[Piece], cells: CellText | None = None,
              package: zipfile.ZipFile | None = None) -> None:
    open_paragraphs, paragraphs = 0, 0
    hidden_styles: set[str] = set()
    bookmarks = FieldSources(package)   # what Word's REF, DOCPROPERTY … fields show; SET fields of this part add theirs
    table = ""   # an .ods's sheet the cells being read are on: its [.B2] is that sheet's B2
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True,
                             huge_tree=False, load_dtd=False)
    local_names: dict[str, str] = {}   # a part names few tags many times
    for event, element in events:
        tag = element.tag
        local = local_names.get(tag) if isinstance(tag, str) else ""
        if local is None:
            local = local_names[tag] = tag[tag.rfind("}") + 1:]
        if event == "start":
            if local in _LOADING_ELEMENTS or element.get(_XLINK_HREF) is not None:   # the rest load and run nothing
                pieces += [Remote(f"{label}（{name}）", target) for target in remote_loads(element, local)]
                pieces += [Command(f"{label}（{name}）", target) for target in protocol_runs(element, local)]
            if local == "fldSimple":
                pieces += field_risks(f"{label}域代码（{name}）", _attribute(element, "instr"))
            elif local in _DDE_ELEMENTS:
                pieces.append(Command(f"{label}中的 DDE 链接（{name}）", " ".join(element.attrib.values())))
            open_paragraphs += local in _PARAGRAPHS
            table = _attribute(element, "name") if local == "table" else table
            for key, value in element.items():
                formula = key.endswith("}formula")
                if formula:   # an OpenDocument cell's formula (table:formula="of:=…")
                    pieces += _opendocument_formula_risks(f"{label}公式（{name}）", value, table, cells)
                if len(value) >= MIN_TEXT:
                    pieces.append(Piece(f"{label}属性 {key[key.rfind('}') + 1:]}（{name}）", value))
                    if formula:
                        pieces += _computed(f"{label}公式（{name}，打开时计算为）", value)
                    elif key.endswith("}instr"):   # a Word field (<w:fldSimple w:instr=" = 2 * 3 ">)
                        pieces += _computed(f"{label}域代码（{name}，更新域时计算为）", _field_formula(value))
            continue
        if local == "text-properties" and (style := _style_hiding(element)):   # an automatic style, read before the body
            hidden_styles.add(style)
        if local in _PARAGRAPHS:
            open_paragraphs -= 1
            paragraphs += 1
            for text in paragraph_texts(element, hidden_styles):
                if len(text) >= MIN_TEXT:
                    pieces.append(Piece(f"{label}第{paragraphs}段（{name}）", text))
            if next(element.iter("{*}fldChar", "{*}fldSimple"), None) is not None:
                shown, instructions = fields_updated(element, bookmarks)
                pieces.append(Piece(f"{label}第{paragraphs}段（{name}，更新域后）", shown))
                for instruction in instructions:
                    pieces += field_risks(f"{label}第{paragraphs}段域代码（{name}）", instruction)
                    pieces += _computed(f"{label}第{paragraphs}段域代码（{name}，更新域时计算为）", _field_formula(instruction))
            _drop(element, keep_tail=True)
        elif not open_paragraphs:
            if local in _FORMULAS and element.text:   # a SpreadsheetML formula (<f>cmd|' /C calc'!A0</f>, a name's …)
                copies, lookup = _copies(element, cells)
                for formula in copies:
                    pieces += formula_risks(f"{label}公式（{name}）", formula, lookup)
            if local in _PAGE_TEXTS and element.text:
                sheet = sheet_names(package).get(name, "") if package is not None and "&A" in element.text else ""
                pieces += [Piece(f"{label}页眉页脚（{name}）", shown) for shown in page_text_shown(element.text, sheet)]
            for text in (element.text, element.tail):
                if text and len(text) >= MIN_TEXT and not text.isspace():
                    pieces.append(Piece(f"{label}（{name}）", text))
            _drop(element, keep_tail=False)


def _style_hiding(properties) -> str:
    """The name of the OpenDocument style whose text properties these are, when they say text:display="none"
    (LibreOffice draws its text nowhere); "" otherwise."""
    style = properties.getparent()
    return _attribute(style, "name") if style is not None and _attribute(properties, "display") == "none" else ""


def _opendocument_formula_risks(where: str, formula: str, table: str, cells: CellText | None) -> list[Remote | Command]:
    """An OpenDocument formula's risks as written; one refused only for a link whose target is a cell
    (HYPERLINK([.B2];"查看")) is judged again as Excel writes it, with the sheet's cells (`cells`: an .ods's)."""
    risks = formula_risks(where, formula)
    return formula_risks(where, excel_formula(formula, table), cells) if risks and cells is not None else risks


_AREA = re.compile(r"([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?")


def _copies(formula, cells: CellText | None) -> tuple[list[str], CellText | None]:
    """A SpreadsheetML formula's text, and the lookup of cells' texts it may be judged with. A shared formula (a
    HYPERLINK filled down: <f t="shared" ref="C2:C100">, the range's other cells hold no text) is each of its copies,
    its relative references moved to the copy's row and column: each copy links to its own row's cell. One whose
    range is not read is judged without the lookup, as before."""
    text = formula.text
    if cells is None or formula.get("t") != "shared" or not _HYPERLINK_OPEN.search(text):
        return [text], cells
    area, anchor = _AREA.fullmatch((formula.get("ref") or "").upper()), _AREA.fullmatch((formula.getparent().get("r") or "").upper())
    if not area or not anchor or anchor.group(3):
        return [text], None
    first_column, first_row = column_index(area.group(1)), int(area.group(2))
    last_column, last_row = column_index(area.group(3) or area.group(1)), int(area.group(4) or area.group(2))
    at_column, at_row = column_index(anchor.group(1)), int(anchor.group(2))
    if (last_row - first_row + 1) * (last_column - first_column + 1) > MAX_REFERRING or last_row < first_row or last_column < first_column:
        return [text], None
    return [moved(text, row - at_row, column - at_column) for row in range(first_row, last_row + 1)
            for column in range(first_column, last_column + 1)], cells


def _computed(where: str, formula: str) -> list[Piece]:
    """What a formula shows when computed (its literals joined; a formula of numbers, its result)."""
    return [Piece(where, text) for text in formula_texts(formula, {}, {}) if text] if formula else []


# A Word field's switches (\# "0", \* MERGEFORMAT) say how its result is shown, not what it is.
_FIELD_SWITCH = re.compile(r'\\[#@*!]\s*(?:"[^"]*"|\S+)?')


def _field_formula(instruction: str) -> str:
    """A Word = field's expression (`= 13800138 * 1000 \\# "0"` → `= 13800138 * 1000`); "" for other fields,
    whose instruction is read as text."""
    return _FIELD_SWITCH.sub("", instruction) if instruction.lstrip().startswith("=") else ""


class _OpenField:
    """A complex field being read: its instruction, then (after its separate mark) its saved result."""

    def __init__(self) -> None:
        self.instruction: list[str] = []
        self.result: list[str] = []
        self.separated = False

    def add(self, text: str) -> None:
        (self.result if self.separated else self.instruction).append(text)


def fields_updated(paragraph, bookmarks: FieldSources) -> tuple[str, list[str]]:
    """A Word paragraph as it reads once its fields are updated (F9, or on printing): each field whose
    value is worked out here (`field_value`: =, QUOTE, SET, REF, PAGE, DOCPROPERTY …) shows that value, others their saved result;
    and the instruction of each complex field (a nested field's value written into its outer one's).
    `bookmarks` carries the SET values from paragraph to paragraph."""
    out: list[str] = []
    fields: list[_OpenField] = []
    instructions: list[str] = []

    def add(text: str) -> None:
        fields[-1].add(text) if fields else out.append(text)

    def walk(element) -> None:
        tag = element.tag
        local = tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""
        if local == "fldSimple":
            value = field_value(_attribute(element, "instr"), bookmarks)
            if value is not None:
                add(value)
                return
        elif local == "fldChar":
            kind = _attribute(element, "fldCharType")
            if kind == "begin":
                fields.append(_OpenField())
            elif kind == "separate" and fields:
                fields[-1].separated = True
            elif kind == "end" and fields:
                done = fields.pop()
                instructions.append("".join(done.instruction))
                value = field_value(instructions[-1], bookmarks)
                add(value if value is not None else "".join(done.result))
            return
        elif local == "instrText":
            if fields:
                fields[-1].instruction.append(element.text or "")
            return
        elif local in ("delText", "del", "moveFrom"):
            return   # a deleted revision: not shown
        elif local in _TABS:
            add("\t")
        elif local in _BREAKS:
            add("\n")
        elif local == "t" and element.text:
            add(element.text)
        for child in element:
            walk(child)

    walk(paragraph)
    while fields:   # a field the paragraph does not end: its saved result, as Word shows it
        done = fields.pop()
        instructions.append("".join(done.instruction))
        add("".join(done.instruction if not done.separated else done.result))
    return "".join(out), instructions


def _attribute(element, local: str) -> str:
    """An attribute of `element` by its local name, whatever its namespace (w:instr, w:fldCharType)."""
    return next((value for key, value in element.items() if key.rpartition("}")[2] == local), "")


# Word's fields that print a page's number or a count of pages (a PAGE field in a footer, 第 { PAGE } 页).
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "PAGEREF"})
_PAGE_COUNT_FIELDS = frozenset({"NUMPAGES", "SECTIONPAGES"})
# The fields showing one of the document's properties, and the property (as docProps names it) each shows; the names
# DOCPROPERTY takes for them.
_PROPERTY_FIELDS = {"TITLE": "title", "SUBJECT": "subject", "AUTHOR": "creator", "KEYWORDS": "keywords",
                    "COMMENTS": "description", "LASTSAVEDBY": "lastmodifiedby"}
_PROPERTY_NAMES = {"author": "creator", "comments": "description", "lastsavedby": "lastmodifiedby"}
_FIELD_ARGUMENT = re.compile(r'"([^"]*)"|(\\\S+(?:\s+"[^"]*")?)|(\S+)')


def field_value(instruction: str, bookmarks: FieldSources) -> str | None:
    """What a Word field shows once updated, where it is worked out from the field itself: = (numbers and
    + - * /), QUOTE (its text), SET (nothing; the bookmark takes its text), REF (a bookmark's text: a SET's or the
    body's), a page number (`PAGE_NUMBER`), a document property or variable (TITLE, DOCPROPERTY, DOCVARIABLE …);
    None for any other field (its saved result stands)."""
    arguments = [match.group(1) if match.group(1) is not None else match.group(3)
                 for match in _FIELD_ARGUMENT.finditer(instruction) if match.group(2) is None]   # switches left out
    kind = arguments[0].upper() if arguments else ""
    if instruction.lstrip().startswith("="):
        results = formula_texts(_field_formula(instruction), {}, {})
        return results[1] if len(results) > 1 else None
    if kind == "QUOTE":
        return "".join(arguments[1:])
    if kind in _PAGE_FIELDS:   # Word prints the page's number (or the count), whatever result was saved
        return page_code(count=kind in _PAGE_COUNT_FIELDS)
    if kind in _PROPERTY_FIELDS:   # the document's own properties and variables (`field_sources`)
        return bookmarks.get(PROPERTY + _PROPERTY_FIELDS[kind])
    if kind in ("DOCPROPERTY", "DOCVARIABLE") and len(arguments) >= 2:
        named = arguments[1].lower()
        return bookmarks.get(PROPERTY + _PROPERTY_NAMES.get(named, named) if kind == "DOCPROPERTY" else VARIABLE + named)
    if kind == "SET" and len(arguments) >= 2:
        bookmarks[arguments[1]] = "".join(arguments[2:])
        return ""
    name = arguments[1] if kind == "REF" and len(arguments) >= 2 else arguments[0] if len(arguments) == 1 else None
    return bookmarks.get(name) if name is not None else None


def _drop(element, keep_tail: bool) -> None:
    """Free what was read: the element's content and the siblings read before it (memory stays flat)."""
    element.clear(keep_tail=keep_tail)
    parent = element.getparent()
    if parent is not None and not keep_tail:
        while element.getprevious() is not None:
            del parent[0]


_MARKS = tuple(f"{{*}}{local}" for local in (*_BREAKS, *_TABS, *_SPACES, *_SYMBOLS, *_PAGE_NUMBER_ELEMENTS))
# Word's revisions and hidden text: a reader sees the paragraph without them (修订 off, or 最终状态),
# or without the insertions (原始状态); a digit hidden or deleted inside a number must not hide it.
_CHANGES = tuple(f"{{*}}{local}" for local in ("del", "ins", "moveFrom", "moveTo", "vanish", "specVanish", "webHidden"))
_SHOWN_SKIPS = frozenset({"del", "moveFrom", "delText"})
_ORIGINAL_SKIPS = frozenset({"ins", "moveTo"})
_OFF = frozenset({"0", "false", "off"})
# What a paragraph holds but does not draw in its line: a ruby's guide (Word's 拼音指南 w:rt, OpenDocument's
# text:ruby-text) is drawn above it (`1380013` + ruby(guide 注, base 8000) shows 13800138000).
# And an OpenDocument note's citation and body (drawn as a small mark and at the page's foot: `1380013¹8000`), its
# hidden text (text:hidden-text) and text in a span whose style says text:display="none" (LibreOffice's 隐藏).
_OFF_THE_LINE = ("{*}ruby", "{*}note", "{*}hidden-text")
_OFF_THE_LINE_SKIPS = frozenset({"rt", "ruby-text", "note", "hidden-text"})


def paragraph_text(paragraph) -> str:
    """A paragraph as Word, WPS or LibreOffice shows it: runs joined, a tab a tab, a line break a line break."""
    from lxml import etree
    if next(paragraph.iter(*_MARKS), None) is None:   # most paragraphs: their text, joined in C
        return etree.tostring(paragraph, method="text", encoding=str, with_tail=False)
    out: list[str] = []
    _flatten(paragraph, out, frozenset(), top=True)
    return "".join(out)


def paragraph_texts(paragraph, hidden_styles: frozenset | set = frozenset()) -> list[str]:
    """The paragraph with everything in it, and, where it holds revisions or hidden text, as shown
    with the revisions accepted and as it was before them (hidden runs left out of both); where it holds what is drawn
    off its line or not at all (`_OFF_THE_LINE`; an OpenDocument span of a style in `hidden_styles`), without it."""
    texts = [paragraph_text(paragraph)]
    readings = (_SHOWN_SKIPS, _ORIGINAL_SKIPS) if next(paragraph.iter(*_CHANGES), None) is not None else ()
    if next(paragraph.iter(*_OFF_THE_LINE), None) is not None or (hidden_styles and any(
            _attribute(span, "style-name") in hidden_styles for span in paragraph.iter("{*}span"))):
        readings += (_OFF_THE_LINE_SKIPS,)
    for skips in readings:
        out: list[str] = []
        _flatten(paragraph, out, skips, top=True, hidden_styles=hidden_styles)
        texts.append("".join(out))
    return texts


def _flatten(element, out: list[str], skips: frozenset, top: bool = False, hidden_styles: frozenset | set = frozenset()) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        return   # a comment or processing instruction inside the paragraph
    local = tag[tag.rfind("}") + 1:]
    if not top and (local in _PROPERTIES or local in skips or (skips and local == "r" and _hidden(element))
                    or (skips and local == "span" and _attribute(element, "style-name") in hidden_styles)):
        return
    if local in _PAGE_NUMBER_ELEMENTS and _prints_page_number(element):
        out.append(page_code(count=local == "page-count"))
        return   # the text saved in it is not what is shown; its tail is the parent's
    if local in _BREAKS:
        out.append("\n")
    elif local in _TABS:
        out.append("\t")
    elif local in _SPACES:
        count = element.get("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c", "1")
        out.append(" " * min(int(count) if count.isdigit() else 1, _MAX_SPACES))
    elif local in _SYMBOLS:
        out.append(_symbol_character(element))
    if element.text:
        out.append(element.text)
    for child in element:
        _flatten(child, out, skips, hidden_styles=hidden_styles)
        if child.tail:
            out.append(child.tail)


def _prints_page_number(element) -> bool:
    """An OpenDocument page number or count, or a DrawingML field showing the slide's number (not a date's)."""
    local = element.tag[element.tag.rfind("}") + 1:]
    return local != "fld" or element.get("type", "").lower() in _NUMBER_FIELD_TYPES


def _symbol_character(symbol) -> str:
    """The character a w:sym shows: its w:char code, less the symbol fonts' F000 offset (Word writes
    F037 for a 7 in Symbol or Wingdings, 0037 in a text font); "" when the code is not a number."""
    code = next((value for key, value in symbol.items() if key.endswith("}char") or key == "char"), "")
    try:
        number = int(code, 16)
    except ValueError:
        return ""
    if _SYMBOL_FONT_OFFSET <= number <= _SYMBOL_FONT_OFFSET + 0xFF:
        number -= _SYMBOL_FONT_OFFSET
    return chr(number) if 0 < number < 0x110000 and not 0xD800 <= number < 0xE000 else ""


def _hidden(run) -> bool:
    """A Word run formatted as hidden text (字体→隐藏), which is not shown or printed."""
    for mark in run.iterchildren("{*}rPr"):
        for hidden in mark.iterchildren("{*}vanish", "{*}specVanish", "{*}webHidden"):
            if next((v for k, v in hidden.items() if k.endswith("}val") or k == "val"), "true").lower() not in _OFF:
                return True
    return False
