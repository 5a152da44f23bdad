"""A PDF as its readers see it and as programs extract it, through PDFium (pypdfium2).

Page text (each page's lines as one piece, so that a number broken over two lines is read whole);
what a PDF reader shows besides: the values of form fields (and their names, tooltips and choices),
the contents of annotations (notes, free text, popups, their authors and subjects), bookmarks, page
labels, link targets, document-level JavaScript, the document information (title, author …) and its
XMP metadata; the earlier versions a PDF saved by appending still holds; and
the files attached to it (the document's embedded files and file-attachment annotations), each read
as an attachment of its own through `inner`. pypdfium2's helpers where they exist, PDFium's own
functions (pypdfium2.raw) for annotations, form fields, actions and scripts.

PDFium has no API for the rest of the document's objects, and readers and programs show them too:
the document information's own keys (Acrobat's 文档属性→自定义), the names of layers (the 图层 panel),
a picture's or a span's alternative text in the structure tree (what a screen reader reads), XMP
metadata stored compressed. So every string of every object outside the page contents and fonts is
read as well (`_object_pieces`), from the file and from its compressed object streams; of a PDF locked with
an owner password only (anyone opens it; its strings are encrypted in the file), from the copy PDFium
saves without the lock. The same objects tell what runs with no click (`_opening_actions`): a Launch, a script
(E401), a URI or a form submitted to another host (E404) on opening the document or a page.
"""

from __future__ import annotations

import ctypes
import re
import zlib
from typing import Callable, Iterator

from .attachment_limits import MAX_PDF_PAGES, Budget
from .attachment_parts import link_runs, xml_pieces
from .attachment_types import Command, Gap, OverLimit, Piece, Remote, Unreadable
from .form_scripts import recognised_validation

Inner = Callable[[str, bytes, str], Iterator[Piece | Gap]]
_ANNOTATION_KEYS = (("Contents", "内容"), ("T", "作者"), ("Subj", "主题"), ("RC", "内容"), ("TU", "提示"))


def pdf_pieces(data: bytes, inner: Inner, budget: Budget) -> Iterator[Piece | Gap]:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(data)
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise OverLimit(f"PDF 有 {len(pdf)} 页，超过 {MAX_PDF_PAGES} 页的读取上限")
        pdf.init_forms()
        pieces, found_text = [], False
        for number in range(len(pdf)):
            page_pieces = list(_page_pieces(pdf, number))
            found_text = found_text or any(p.text.strip() for p in page_pieces[:1])
            pieces += page_pieces
        if not found_text and len(pdf):
            raise Unreadable("PDF 中没有可提取的文字（可能是扫描件）")
        pieces += _shown_with_annotations(data, pdf)
        pieces += _document_pieces(pdf)
        yield from pieces
        plain = _decrypted(pdf, data)
        yield from _xmp_pieces(plain)
        launch_links = sum(isinstance(piece, Command) and piece.where.endswith(_LAUNCH_LINK) for piece in pieces)
        yield from _object_pieces(plain, budget, launch_links)
        yield from _earlier_versions(data)
        yield from _attached_files(pdf, inner, budget)
    finally:
        pdf.close()


def _page_pieces(pdf, number: int) -> Iterator[Piece]:
    import pypdfium2.raw as pdfium_c
    page = pdf[number]
    try:
        text_page = page.get_textpage()
        text = text_page.get_text_range().replace("\r\n", "\n")
        drawn = _drawn_lines(page, text_page)
        text_page.close()
        yield Piece(f"第{number + 1}页", text, first_line=1)
        yield from (Piece(f"第{number + 1}页（按显示的文字）", line) for line in drawn)
        label = pdf.get_page_label(number)
        if label:
            yield Piece(f"第{number + 1}页的页码标签", label)
        yield from _marked_content_pieces(page, f"第{number + 1}页")
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page, index)
            try:
                yield from _annotation_pieces(pdf, annotation, f"第{number + 1}页第{index + 1}个注释或表单域")
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annotation)
    finally:
        page.close()


_SMALLEST_SEEN = 2.0   # points high: text drawn smaller is no text a reader sees (a 0.1 pt letter between digits)
_NOT_DRAWN = (3, 7)    # text render modes that draw nothing: invisible (an OCR layer's), clip only


def _drawn_lines(page, text_page) -> list[str]:
    """The page's lines as a viewer draws them, where that differs from its text: the text objects sharing a baseline,
    left to right, without those drawn invisibly (render mode 3 or 7) or too small to see. A letter so drawn between
    the digits of a number (`1380013` x `8000`, the x 0.1 pt high or invisible) is in PDFium's text, which then held
    no number, while the page shows 13800138000. Only the page's own objects (a form XObject's are in its text)."""
    import pypdfium2.raw as pdfium_c
    drawn: list[tuple[int, float, int, object]] = []
    hidden = False
    for order in range(pdfium_c.FPDFPage_CountObjects(page)):
        text_object = pdfium_c.FPDFPage_GetObject(page, order)
        if pdfium_c.FPDFPageObj_GetType(text_object) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetBounds(text_object, *map(ctypes.byref, (left, bottom, right, top))):
            continue
        if pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) in _NOT_DRAWN or top.value - bottom.value < _SMALLEST_SEEN:
            hidden = hidden or bool(_wide(pdfium_c.FPDFTextObj_GetText, text_object, text_page).strip())   # not a blank
            continue
        drawn.append((round(bottom.value), left.value, order, text_object))
    if not hidden:
        return []   # every object drawn: the page's text is what it shows
    lines: dict[int, list[tuple[float, int, str]]] = {}
    for baseline, left_edge, order, text_object in drawn:
        lines.setdefault(baseline, []).append((left_edge, order, _wide(pdfium_c.FPDFTextObj_GetText, text_object, text_page)))
    return ["".join(part for _, _, part in sorted(parts)) for parts in lines.values() if len(parts) > 1]


def _shown_with_annotations(data: bytes, pdf) -> list[Piece]:
    """The text of each page that has annotations with an appearance (a stamp, a free-text box, a field's look), as
    a viewer shows and prints it: the appearances' text is drawn there, and PDFium's page text leaves it out (an
    annotation's /Contents may say something else, or nothing). PDFium flattens the appearances into the page
    (FPDFPage_Flatten, its own "as displayed"), in a copy of the document opened for it: flattening removes the
    annotations, whose attached files and targets are read from `pdf` afterwards."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    numbers = [number for number in range(len(pdf)) if _has_appearance(pdf, number)]
    if not numbers:
        return []
    copy = pypdfium2.PdfDocument(data)
    try:
        pieces = []
        for number in numbers:
            page = copy[number]
            # PDFium's own call (pypdfium2's page.flatten asks for a form environment the flattening does not use)
            flattened = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS
            page.close()
            if flattened:
                page = copy[number]
                text_page = page.get_textpage()
                pieces.append(Piece(f"第{number + 1}页（连同注释和表单域的显示内容）", text_page.get_text_range().replace("\r\n", "\n")))
                text_page.close()
                page.close()
        return pieces
    finally:
        copy.close()


def _has_appearance(pdf, number: int) -> bool:
    import pypdfium2.raw as pdfium_c
    page = pdf[number]
    try:
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page, index)
            try:
                if pdfium_c.FPDFAnnot_HasKey(annotation, b"AP"):
                    return True
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annotation)
        return False
    finally:
        page.close()


def _marked_content_pieces(page, where: str) -> Iterator[Piece]:
    """The texts of the page's marked content (`/Span <</Alt (…)>> BDC … EMC`, /ActualText, /E on a figure or a span,
    in a form XObject too): what a screen reader reads in place of the content and a copy takes. PDFium's text layer
    takes an /ActualText only over text it extracts, an /Alt or /E never; they are in the page's own content stream,
    which `_object_pieces` does not read. Each distinct text once (a long span marks every object in it)."""
    import pypdfium2.raw as pdfium_c
    texts: dict[str, None] = {}
    for page_object in _page_objects(page):
        for index in range(max(0, pdfium_c.FPDFPageObj_CountMarks(page_object))):
            mark = pdfium_c.FPDFPageObj_GetMark(page_object, index)
            for param in range(max(0, pdfium_c.FPDFPageObjMark_CountParams(mark))):
                key = _mark_wide(pdfium_c.FPDFPageObjMark_GetParamKey, mark, param)
                if pdfium_c.FPDFPageObjMark_GetParamValueType(mark, key.encode("utf-8")) == pdfium_c.FPDF_OBJECT_STRING:
                    texts[_mark_wide(pdfium_c.FPDFPageObjMark_GetParamStringValue, mark, key.encode("utf-8"))] = None
    yield from (Piece(f"{where}的替代文字（标记内容）", text) for text in texts if text)


def _page_objects(page) -> Iterator:
    """Every object drawn on the page, those inside form XObjects too."""
    import pypdfium2.raw as pdfium_c
    return _drawn_objects([pdfium_c.FPDFPage_GetObject(page, index) for index in range(pdfium_c.FPDFPage_CountObjects(page))])


def _drawn_objects(pending: list) -> Iterator:
    """`pending` and the objects inside those of them that are form XObjects (PDFium gives each form's objects once)."""
    import pypdfium2.raw as pdfium_c
    pending = list(reversed(pending))
    while pending:
        page_object = pending.pop()
        yield page_object
        if pdfium_c.FPDFPageObj_GetType(page_object) == pdfium_c.FPDF_PAGEOBJ_FORM:
            pending += reversed([pdfium_c.FPDFFormObj_GetObject(page_object, index)
                                 for index in range(max(0, pdfium_c.FPDFFormObj_CountObjects(page_object)))])


def _mark_wide(function, *args) -> str:
    """A marked-content getter's UTF-16LE text: these give the length through an out parameter, not as a result."""
    size = ctypes.c_ulong(0)
    if not function(*args, None, 0, ctypes.byref(size)) or size.value <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size.value)
    function(*args, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size.value, ctypes.byref(size))
    return buffer.raw[:size.value - 2].decode("utf-16-le", errors="replace")


def _annotation_pieces(pdf, annotation, where: str) -> Iterator[Piece]:
    import pypdfium2.raw as pdfium_c
    for key, label in _ANNOTATION_KEYS:
        yield Piece(f"{where}的{label}", _wide(pdfium_c.FPDFAnnot_GetStringValue, annotation, key.encode("ascii")))
    if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_WIDGET and pdf.formenv:
        form = pdf.formenv
        for function, label in ((pdfium_c.FPDFAnnot_GetFormFieldValue, "填写值"), (pdfium_c.FPDFAnnot_GetFormFieldName, "名称"),
                                (pdfium_c.FPDFAnnot_GetFormFieldAlternateName, "提示"),
                                (pdfium_c.FPDFAnnot_GetFormFieldExportValue, "导出值")):
            yield Piece(f"{where}的{label}", _wide(function, form, annotation))
        for option in range(max(0, pdfium_c.FPDFAnnot_GetOptionCount(form, annotation))):
            yield Piece(f"{where}的选项", _wide(pdfium_c.FPDFAnnot_GetOptionLabel, form, annotation, option))
    link = pdfium_c.FPDFAnnot_GetLink(annotation)
    action = pdfium_c.FPDFLink_GetAction(link) if link else None
    kind = pdfium_c.FPDFAction_GetType(action) if action else None
    if kind == pdfium_c.PDFACTION_URI:
        target = _bytes(pdfium_c.FPDFAction_GetURIPath, pdf, action).decode("latin-1")
        yield Piece(f"{where}的链接地址", target)
        if link_runs(target):
            yield Command(f"{where}的链接", target)
    elif kind == pdfium_c.PDFACTION_LAUNCH:   # a link that starts a program (Acrobat asks once, then runs it)
        yield Command(f"{where}{_LAUNCH_LINK}", _bytes(pdfium_c.FPDFAction_GetFilePath, action).decode("utf-8", "replace") or "Launch")


def _document_pieces(pdf) -> list[Piece]:
    import pypdfium2.raw as pdfium_c
    pieces = [Piece(f"文档属性 {key}", value) for key, value in pdf.get_metadata_dict().items() if value]
    pieces += [Piece("书签", bookmark.get_title() or "") for bookmark in pdf.get_toc()]
    for index in range(max(0, pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf))):
        script = pdfium_c.FPDFDoc_GetJavaScriptAction(pdf, index)
        if script:
            pieces.append(Piece("文档脚本", _wide(pdfium_c.FPDFJavaScriptAction_GetScript, script)))
            pdfium_c.FPDFDoc_CloseJavaScriptAction(script)
    return pieces


_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.S)
MAX_VERSIONS = 10


def _xmp_pieces(data: bytes) -> Iterator[Piece]:
    """The XMP metadata (title, author, description as Acrobat's 文档属性 shows them): PDFium has no
    API for it; writers store it uncompressed so that any program finds it, and so is it read here."""
    for match in _XMP.finditer(data):
        yield from xml_pieces(match.group(), "XMP", "文档属性")


_STREAM = re.compile(rb"\bstream\r?\n(.*?)\bendstream\b", re.S)
# Where a literal string "(" or a hex string "<…>" starts (a dictionary's "<<" is neither).
_STRING_START = re.compile(rb"\(|<(?!<)([0-9A-Fa-f\s]*)>")
# A name (/Type, a custom property's /Tel#2013800138000): its bytes up to a delimiter, #xx escapes decoded.
_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]{11,})")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ACTION_TYPE = re.compile(rb"/S\s*/([^\s/<>\[\]()%{}]+)")   # an action's type: /S /Launch (or /S /L#61unch)
_LAUNCH_LINK = "的启动程序链接"


def _unescaped_name(name: bytes) -> bytes:
    return _NAME_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode()), name)
_STRING_MARK = re.compile(rb"\\.|[()]", re.S)   # inside a literal string: an escaped byte, or a parenthesis
_ESCAPE = re.compile(rb"\\(\r\n|[\r\n]|[0-7]{1,3}|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_HEAD = 4096   # how far before a stream its dictionary is looked for


def _object_pieces(data: bytes, budget: Budget, launch_links: int = 0) -> Iterator[Piece | Gap | Command]:
    """Every string of the document's objects: the file without its streams (page contents, fonts and
    pictures are read above or hold no text), the objects packed in compressed object streams, and XMP
    metadata stored compressed. And a Launch action other than the `launch_links` found on the pages (the document's
    OpenAction, a page's or a field's additional action, which runs on opening: PDFium has no API for them)."""
    outside, at, packed_objects = [], 0, {}
    for match in _STREAM.finditer(data):
        outside.append(data[at:match.start()])
        at = match.end()
        start = data.rfind(b"obj", max(0, match.start() - _HEAD), match.start())
        head = data[start:match.start()] if start >= 0 else b""
        packed = b"/ObjStm" in head
        if not (packed or b"/Metadata" in head or b"/XML" in head) or not (packed or b"/Filter" in head):
            continue   # a page's contents, a font, a picture; or metadata as written (`_xmp_pieces`)
        try:
            inflated = _decoded(match.group(1), head, budget)
        except OverLimit as why:
            yield Gap("压缩的文档对象", str(why), over_limit=True)
            continue
        except Unreadable as why:
            yield Gap("压缩的文档对象", str(why))
            continue
        if packed:
            outside.append(inflated)
            packed_objects.update(_packed(inflated, head))
        else:
            yield from xml_pieces(inflated, "XMP", "文档属性")
    outside.append(data[at:])
    objects = b"\n".join(outside)
    for raw in _strings(objects):
        yield Piece("文档内部对象（自定义属性、图层名称、替代文字等）", _decode_string(raw))
    launches = sum(_unescaped_name(kind) == b"Launch" for kind in _ACTION_TYPE.findall(objects))
    if launches > launch_links:
        yield Command("文档打开、翻页或填表时运行的动作（OpenAction、AA）", "Launch（启动程序）")
    yield from _glyph_text_pieces(data, objects, packed_objects, budget)
    yield from _opening_actions(objects, packed_objects, lambda number: _script_streams(data, number, budget))
    yield from _xfa_scripts(data, objects, budget)
    for name in _NAME.findall(objects):   # a custom property's own name is shown beside its value
        yield Piece("文档内部对象的名称（如自定义属性名）", _decode_string(_unescaped_name(name)))


# What runs with no click: the document's OpenAction, a page's AA on opening (/O), an annotation's when its page opens
# or shows (/PO /PC /PV /PI), the document's before closing, saving or printing (/WC /WS /DS /WP /DP), and the scripts
# of the document's Names tree: a script there is E401 whatever it does. Any other additional action (a page's on
# closing /C, a field's as the reader types or leaves it /K /F /V /C /Fo /Bl, an annotation's on hovering /E /X) runs
# with no click too: one fetching from another host is E404. Only a click's action (an annotation's /A, its mouse down
# or up /D /U) is the reader's own choice, as a link on a page is. Scripts anywhere else are read by `_scripts_unknown`.
_OPENING = re.compile(rb"/(OpenAction|AA)\s*(<<|\d+\s+\d+\s+R)")
_OPENING_KEYS = frozenset({b"O", b"PO", b"PC", b"PV", b"PI", b"WC", b"WS", b"DS", b"WP", b"DP"})
_CLICK_KEYS = frozenset({b"D", b"U"})
_ACTION_KEYS = re.compile(rb"/([A-Za-z]+)\s*(<<|\d+\s+\d+\s+R)")
_SCRIPTS = re.compile(rb"/JavaScript\s*(<<|\d+\s+\d+\s+R)")   # the Names tree's key (an action's /S /JavaScript is not)
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_NEXT = re.compile(rb"/Next\s*(<<|\d+\s+\d+\s+R|\[[^\]]*\])")
_TARGET = re.compile(rb"/(?:URI|F)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", re.S)
_FETCHING = {b"URI": "URI（打开即访问网址）", b"SubmitForm": "SubmitForm（打开即提交表单）"}
# These open a file: asking another host only when it lies on a share or at an address (Windows sends the share the
# reader's sign-in on the way, the 2018 "BadPDF" leak); a file beside the document is no other host.
_OPENING_FILE = {b"GoToR": "GoToR（打开即打开其他文件）", b"GoToE": "GoToE（打开即打开其他文件）",
                 b"ImportData": "ImportData（打开即载入数据）"}
_ELSEWHERE = re.compile(r"^(?:\\\\|//|(?!file:///)[A-Za-z][A-Za-z0-9+.-]*://)")
_MAX_ACTIONS = 200
_LINK = re.compile(rb"/Subtype\s*/Link\b")
_CLICK = re.compile(rb"/A\s*(<<|\d+\s+\d+\s+R)")   # a link's action (its /AA is read above)


_CHAR_PROCS = re.compile(rb"/CharProcs\s*(<<|(\d+)\s+\d+\s+R)")
_SHOWS_TEXT = re.compile(rb"(?:\)|>|\])\s*(?:Tj|TJ|'|\")")   # a string (or an array of them) shown: Tj, TJ, ' or "


def _glyph_text_pieces(data: bytes, objects: bytes, packed: dict[int, bytes], budget: Budget) -> Iterator[Piece | Gap]:
    """Text drawn inside a Type3 font's glyphs: a glyph's procedure (its CharProcs stream) may show text in another
    font, and a viewer draws it where the page shows the glyph (`(a) Tj`), while every extraction gives the glyph's
    own character ("a"): PDFium renders it and has no API for it. A real Type3 font draws its glyphs as pictures or
    paths, never as text, so a glyph showing text is a Gap (what a reader sees cannot be read: digits spread over
    several glyphs are not joined), and its strings are read as well."""
    numbers: set[int] = set()
    for match in _CHAR_PROCS.finditer(objects):
        table = _dictionary(objects, match.start(1)) if match.group(2) is None else _object_dictionary(
            objects, packed, int(match.group(2)))
        numbers.update(int(reference.group(1)) for reference in _REFERENCE.finditer(table))
    drawing_text = False
    for number in sorted(numbers)[:_MAX_GLYPHS]:
        for head in re.finditer(rb"(?<![\d.])%d\s+\d+\s+obj\b" % number, data):
            stream = _STREAM.search(data, head.end(), _object_end(data, head.end()))
            if not stream:
                continue
            try:
                content = _decoded(stream.group(1), data[head.end():stream.start()], budget)
            except Unreadable as why:
                yield Gap("Type3 字体的字形", str(why), isinstance(why, OverLimit))
                continue
            if _SHOWS_TEXT.search(content):
                drawing_text = True
                yield from (Piece("Type3 字体的字形中的文字", _decode_string(raw)) for raw in _strings(content))
    if drawing_text or len(numbers) > _MAX_GLYPHS:
        yield Gap("Type3 字体的字形", "写有文字（阅读器显示这些文字，提取到的只是字形的编号）")


_MAX_GLYPHS = 2000   # glyph procedures read: a font of a few hundred glyphs is large


def _object_end(data: bytes, at: int) -> int:
    end = data.find(b"endobj", at)
    return end if end >= 0 else len(data)


def _object_dictionary(objects: bytes, packed: dict[int, bytes], number: int) -> bytes:
    """The dictionary object `number` is, written in the file or packed in an object stream (b"" when not found)."""
    if number in packed:
        body = packed[number]
        return _dictionary(body, body.find(b"<<")) if b"<<" in body else b""
    head = re.search(rb"(?<![\d.])%d\s+\d+\s+obj\b" % number, objects)
    start = objects.find(b"<<", head.end()) if head else -1
    return _dictionary(objects, start) if start >= 0 else b""


def _packed(inflated: bytes, head: bytes) -> dict[int, bytes]:
    """The objects of an object stream by number: its head lists each one's number and offset after /First."""
    first = re.search(rb"/First\s+(\d+)", head)
    if not first:
        return {}
    start = int(first.group(1))
    numbers = [int(n) for n in inflated[:start].split()]
    pairs = list(zip(numbers[::2], numbers[1::2]))
    ends = [offset for _, offset in pairs[1:]] + [len(inflated) - start]
    return {number: inflated[start + offset:start + end] for (number, offset), end in zip(pairs, ends)}


def _dictionary(blob: bytes, at: int) -> bytes:
    """The dictionary starting at `at` (its "<<"), nested ones included; strings are not told apart (a ">>" inside
    one ends it early, on the safe side: the dictionary's own keys come first)."""
    depth, index = 0, at
    while index < len(blob) - 1:
        pair = blob[index:index + 2]
        if pair in (b"<<", b">>"):
            depth += 1 if pair == b"<<" else -1
            index += 2
            if depth == 0:
                return blob[at:index]
            continue
        index += 1
    return blob[at:]


def _opening_actions(objects: bytes, packed: dict[int, bytes],
                     streams: Callable[[int], list[str] | None]) -> Iterator[Command | Remote]:
    """The actions the document runs with no click (`_OPENING`, `_OPENING_KEYS`), read from its objects as they are
    written (PDFium has no API for them): JavaScript runs on the reader's machine (Acrobat, WPS, Foxit run it; E401),
    a URI or a form submitted asks another host (E404). Going to a page, the common OpenAction, is neither."""
    written = {int(m.group(1)): m.end() for m in _OBJECT.finditer(objects)}

    def held(blob: bytes, at: int) -> bytes:
        """The value starting at `at`: a dictionary written there, or the object a reference names."""
        if blob.startswith(b"<<", at):
            return _dictionary(blob, at)
        number = int(_REFERENCE.match(blob, at).group(1))
        if number in written:
            end = objects.find(b"endobj", written[number])
            return objects[written[number]:end if end >= 0 else len(objects)]
        return packed.get(number, b"")

    actions: list[tuple[bytes, bool]] = []   # each action run with no click, and whether on opening
    for match in _OPENING.finditer(objects):
        value = held(objects, match.start(2))
        if match.group(1) == b"AA":
            actions += [(held(value, key.start(2)), key.group(1) in _OPENING_KEYS) for key in _ACTION_KEYS.finditer(value)
                        if key.group(1) not in _CLICK_KEYS]
        else:
            actions.append((value, True))
    scripts = bool(_SCRIPTS.search(objects))
    fetched, seen = set(), 0
    while actions and seen < _MAX_ACTIONS:
        (action, opening), seen = actions.pop(), seen + 1
        kind = _ACTION_TYPE.search(action)
        name = _unescaped_name(kind.group(1)) if kind else b""
        if name == b"JavaScript":
            scripts = scripts or opening
        elif name in _FETCHING or name in _OPENING_FILE:
            target = _TARGET.search(action)
            written_as = target.group(1) if target else b""
            shown = _decode_string(next(_strings(written_as), written_as))
            if name in _FETCHING or _ELSEWHERE.match(shown):
                fetched.add((_FETCHING.get(name) or _OPENING_FILE[name], shown))
        for chained in _NEXT.finditer(action):   # an action's /Next runs after it: a dictionary, a reference, a list
            value = chained.group(1)
            actions += ([(_dictionary(action, chained.start(1)), opening)] if value.startswith(b"<<") else
                        [(held(value, reference.start()), opening) for reference in _REFERENCE.finditer(value)])
    if scripts:
        yield Command("文档打开时运行的脚本（OpenAction、AA 或文档级 JavaScript）", "JavaScript")
    elif unknown := _scripts_unknown(objects, streams):
        yield Command("按钮、表单域、页面或注释运行的脚本（JavaScript）", unknown)
    if _LINK.search(objects) and any(_clicked_script(body, held) for body in _bodies(objects, written, packed)):
        yield Command("链接点击时运行的脚本（JavaScript）", "JavaScript")   # as a page's onclick; a form's button is not a link
    for kind, target in sorted(fetched):
        yield Remote(f"文档打开时运行的动作 {kind}", target or kind)


_XFA = re.compile(rb"/XFA\s*(\[[^\]]*\]|\d+\s+\d+\s+R)")
_XFA_SCRIPT = re.compile(rb"<(?:[\w-]+:)?script\b", re.I)


def _xfa_scripts(data: bytes, objects: bytes, budget: Budget) -> Iterator[Command | Gap]:
    """An XFA form's scripts (the form's template, a stream the AcroForm's /XFA names: <script> in JavaScript or
    FormCalc, run by Acrobat and WPS on events of the form, xfa.host.gotoURL …): none is recognised as harmless, E401.
    Only read when the document has an XFA form at all."""
    found = _XFA.search(objects)
    if not found:
        return
    numbers = {int(reference.group(1)) for reference in _REFERENCE.finditer(found.group(1))}
    for match in _STREAM.finditer(data):
        start = data.rfind(b"obj", max(0, match.start() - _HEAD), match.start())
        number = _OBJECT.search(data, max(0, start - 20), start + 3) if start >= 0 else None
        if number is None or int(number.group(1)) not in numbers:
            continue
        try:
            packet = _decoded(match.group(1), data[start:match.start()], budget)
        except Unreadable as why:
            yield Gap("XFA 表单", str(why), over_limit=isinstance(why, OverLimit))
            continue
        if _XFA_SCRIPT.search(packet):
            yield Command("XFA 表单中的脚本（JavaScript 或 FormCalc）", "script")
            return


# The scripts recognised as harmless (`_scripts_unknown`): what Acrobat writes for a field's format, keystroke,
# validation and calculation (AFNumber_Format(2, 0, 0, 0, "", true), AFSimple_Calculate("SUM", new Array("a", "b")),
# a simplified field notation's arithmetic of fields),
# and a form's print and reset buttons (this.print(), this.print({bUI: true, bShrinkToFit: true}), this.resetForm()),
# each called with plain values only: nothing of these leaves the document; and a field's validation as form authors
# write it (form_scripts.py: event.rc set from the value's tests, app.alert of plain text). Every other script (app.launchURL,
# this.submitForm, this.print({printerName: "\\\\host\\…"}) to a share …) is not recognised.
_JS_VALUE = re.compile(rb"/JS\s*(\(|<(?!<)|\d+\s+\d+\s+R)")
_ANY_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_JS_LITERAL = r"""(?:-?\d+(?:\.\d+)?|true|false|null|"(?:[^"\\\n]|\\[\\"'nrt]|\\u[0-9a-fA-F]{4})*"|'(?:[^'\\\n]|\\[\\"'nrt]|\\u[0-9a-fA-F]{4})*')"""
_JS_LIST = rf"(?:{_JS_LITERAL}(?:\s*,\s*{_JS_LITERAL})*)?"
# print()'s options that keep the printing on the reader's own printer, in its dialog or not (no printerName: a share)
_JS_PRINT_OPTION = rf"(?:bUI|bSilent|bShrinkToFit|bPrintAsImage|bReverse|bAnnotations|nStart|nEnd)\s*:\s*{_JS_LITERAL}"
_JS_OPTIONS = rf"\{{\s*(?:{_JS_PRINT_OPTION}(?:\s*,\s*{_JS_PRINT_OPTION})*)?\s*\}}"
_JS_ARGUMENT = rf"(?:{_JS_LITERAL}|new\s+Array\s*\(\s*{_JS_LIST}\s*\)|\[\s*{_JS_LIST}\s*\]|{_JS_OPTIONS})"
_JS_CALL = rf"(?:(?:this\.)?(?:print|resetForm)|AF[A-Za-z]+_[A-Za-z]+)\s*\(\s*(?:{_JS_ARGUMENT}(?:\s*,\s*{_JS_ARGUMENT})*)?\s*\)"
# A calculation written in Acrobat's simplified field notation (计算→简化字段表示法: 数量*单价), as Acrobat saves it:
# the notation in a comment, then event.value set from the fields' numbers, plain numbers, + - * / and parentheses.
_JS_FIELD_NUMBER = rf"AFMakeNumber\s*\(\s*(?:this\s*\.\s*)?getField\s*\(\s*{_JS_LITERAL}\s*\)\s*\.\s*value\s*\)"
_JS_SIMPLIFIED = (rf"/\*\*\s*BVCALC\b(?:(?!\*/).)*\bEVCALC\s*\*\*/\s*event\s*\.\s*value\s*=\s*"
                  rf"(?:\s*+(?:{_JS_FIELD_NUMBER}|\d++(?:\.\d++)?|[-+*/()]))++")
_HARMLESS_SCRIPT = re.compile(rf"\s*(?:(?:{_JS_CALL}|{_JS_SIMPLIFIED}|{_JS_LITERAL})\s*;?\s*)*", re.S)


def _scripts_unknown(objects: bytes, streams: Callable[[int], list[str] | None] = lambda number: None) -> str:
    """The first script of the document (an action's /JS anywhere: a button's, a field's, a page's, an annotation's,
    packed objects included) not recognised as harmless (`_HARMLESS_SCRIPT`, `recognised_validation`); one kept in a
    stream (iText writes any but the shortest so) is read through `streams`: every text the file gives that object,
    or None when one is not read whole. "" when every script is recognised."""
    named = _ANY_NAME.sub(lambda m: _unescaped_name(m.group()), objects)   # /J#53 is /JS
    for match in _JS_VALUE.finditer(named):
        if match.group(1)[:1].isdigit():
            scripts = streams(int(match.group(1).split()[0]))
            if scripts is None:
                return "JavaScript（保存在数据流中）"
        else:
            scripts = [_decode_string(next(_strings(named[match.start(1):]), b""))]
        for script in scripts:
            if not _HARMLESS_SCRIPT.fullmatch(script) and not recognised_validation(script):
                return script.strip()[:200] or "JavaScript"
    return ""


_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+\d+\s+R)?")


def _script_streams(data: bytes, number: int, budget: Budget) -> list[str] | None:
    """The text of each stream the file writes as object `number` (an update may write it again; which one a reader
    takes is its cross-reference's choice, so every one is judged), decoded. None when there is none, or one whose
    data a reader may take otherwise: its dictionary's one /Length, written out, must end where `endstream` does (but
    for line ends), so that a reader going by /Length and one looking for `endstream` read the same script."""
    found = []
    for head in re.finditer(rb"(?<![\d.])%d\s+\d+\s+obj\b" % number, data):
        end = data.find(b"endobj", head.end())
        stream = _STREAM.search(data, head.end(), end if end >= 0 else len(data))
        lengths = _LENGTH.findall(data, head.end(), stream.start()) if stream else []
        raw = stream.group(1) if stream else b""
        if len(lengths) != 1 or lengths[0][1] or not len(raw.rstrip(b"\r\n")) <= int(lengths[0][0]) <= len(raw):
            return None
        try:
            found.append(_decode_string(_decoded(raw, data[head.end():stream.start()], budget)))
        except Unreadable:
            return None
    return found or None


def _bodies(objects: bytes, written: dict[int, int], packed: dict[int, bytes]) -> Iterator[bytes]:
    """Each object of the document: those written in the file (from where each starts), then the packed ones."""
    for start in written.values():
        end = objects.find(b"endobj", start)
        yield objects[start:end if end >= 0 else len(objects)]
    yield from packed.values()


def _clicked_script(body: bytes, held: Callable[[bytes, int], bytes]) -> bool:
    """Whether `body` is a link whose click runs JavaScript (`held` reads its action, written there or referenced)."""
    click = _CLICK.search(body) if _LINK.search(body) else None
    kind = _ACTION_TYPE.search(held(body, click.start(1))) if click else None
    return bool(kind) and _unescaped_name(kind.group(1)) == b"JavaScript"


def _strings(blob: bytes) -> Iterator[bytes]:
    """Each literal and hex string of `blob` (objects as written), decoded: a literal string ends at the ")" that
    balances its "(" however deep the unescaped parentheses inside nest, as every PDF reader reads it."""
    at = 0
    while found := _STRING_START.search(blob, at):
        if found.group() != b"(":
            yield _unhex(found.group(1))
            at = found.end()
            continue
        depth, end = 1, found.end()
        while depth and (mark := _STRING_MARK.search(blob, end)):
            end = mark.end()
            if mark.group() == b"(":
                depth += 1
            elif mark.group() == b")":
                depth -= 1
        yield _unescape(blob[found.end():end - 1] if not depth else blob[found.end():])
        at = end if not depth else len(blob)


def _decrypted(pdf, data: bytes) -> bytes:
    """The file's bytes, or, when it is encrypted (PDFium opened it, so with no password to open), PDFium's
    copy of it saved without the encryption: what every reader shows of its objects, in plain strings."""
    import io
    import pypdfium2.raw as pdfium_c
    if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf) < 0:
        return data
    copy = io.BytesIO()
    pdf.save(copy, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    return copy.getvalue()


_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")


def _decoded(raw: bytes, head: bytes, budget: Budget) -> bytes:
    """A stream's data through its filters, in order: Flate, ASCII hex and ASCII 85 (what writers use to pack
    objects and metadata); another filter is `Unreadable`."""
    import base64
    found = _FILTERS.search(head)
    for name in re.findall(rb"/([A-Za-z0-9]+)", found.group(1)) if found else []:
        if name in (b"FlateDecode", b"Fl"):
            raw = _inflate(raw, budget)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            raw = _unhex(raw.split(b">", 1)[0])
        elif name in (b"ASCII85Decode", b"A85"):
            raw = base64.a85decode(re.sub(rb"\s", b"", raw).split(b"~>", 1)[0].removeprefix(b"<~"))
        else:
            raise Unreadable(f"压缩的文档对象用了无法读取的编码（{name.decode('ascii', 'replace')}），其中的文字未检查")
    return raw


def _inflate(raw: bytes, budget: Budget) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, budget.unpacked_left + 1)
    except zlib.error:
        out = b""   # damaged: what PDFium could not read either
    budget.spend(len(out), "压缩的文档对象")
    return out


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match) -> bytes:
        escaped = match.group(1)
        if escaped[:1] in b"\r\n":
            return b""   # a backslash at the end of a line continues the string
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8) & 0xFF])
        return _ESCAPES.get(escaped, escaped)
    return _ESCAPE.sub(one, literal)


def _unhex(digits: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", digits)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _decode_string(raw: bytes) -> str:
    """A text string: UTF-16 with its byte-order mark, UTF-8, else PDFDocEncoding's ASCII or the GB 18030 Chinese writers use."""
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _earlier_versions(data: bytes) -> Iterator[Piece]:
    """A PDF changed by appending (Acrobat's save, a signature, a 'redaction' that only replaced a page's
    content) still holds every earlier version: each ends at an %%EOF, and opens as a PDF of its own."""
    import pypdfium2
    ends = [match.end() for match in re.finditer(rb"%%EOF", data)][:-1][-MAX_VERSIONS:]
    for version, end in enumerate(ends, start=1):
        try:
            earlier = pypdfium2.PdfDocument(data[:end])
        except pypdfium2.PdfiumError:
            continue   # a linearised file's first section is no whole version
        try:
            for number in range(min(len(earlier), MAX_PDF_PAGES)):
                page = earlier[number]
                text_page = page.get_textpage()
                yield Piece(f"修改前的第{version}版第{number + 1}页", text_page.get_text_range().replace("\r\n", "\n"), first_line=1)
                text_page.close()
                page.close()
        finally:
            earlier.close()


def _attached_files(pdf, inner: Inner, budget: Budget) -> Iterator[Piece | Gap]:
    """The document's embedded files, then those attached to annotations on its pages."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    attachments = [pdf.get_attachment(index) for index in range(pdf.count_attachments())]
    for number in range(len(pdf)):
        page = pdf[number]
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page, index)
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
                raw = pdfium_c.FPDFAnnot_GetFileAttachment(annotation)
                if raw:
                    attachments.append(pypdfium2.PdfAttachment(raw, pdf))
            pdfium_c.FPDFPage_CloseAnnot(annotation)
        page.close()
    for attachment in attachments:
        name = attachment.get_name() or "附件"
        yield Piece("所附文件的文件名", name)
        size = ctypes.c_ulong()
        pdfium_c.FPDFAttachment_GetFile(attachment, None, 0, size)
        try:
            budget.spend(size.value, f"所附文件“{name}”")
            data = bytes(attachment.get_data())
        except OverLimit as why:
            yield Gap(f"所附文件“{name}”", str(why), over_limit=True)
            continue
        except pypdfium2.PdfiumError:
            continue   # declared, but holds no data
        yield from inner(name, data, f"所附文件“{name}”")


def _wide(function, *args) -> str:
    """A PDFium string getter's UTF-16LE value (asked twice: its length, then its text)."""
    size = function(*args, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(*args, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[:size - 2].decode("utf-16-le", errors="replace")


def _bytes(function, *args) -> bytes:
    size = function(*args, None, 0)
    if size <= 1:
        return b""
    buffer = ctypes.create_string_buffer(size)
    function(*args, buffer, size)
    return buffer.raw[:size - 1]
