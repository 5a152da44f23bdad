"""The text of an attachment, every part of it, piece by piece with where each is.

Attachments go out as they are, so personal data inside them (a 名单.xlsx of applicants, a PDF
with a phone number) is published as surely as in a page, and so is what a reader sees only on
the first page's header, in a note, in a form field or after opening a file packed inside. Each
reader here is a kept library:

- .txt .csv .tsv and other plain text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
  one, told by where its zero bytes fall), else GB 18030; a .txt paragraph by paragraph (a number
  broken over two lines is read whole), a .csv row by row and record by record (a quoted cell over two
  lines is one cell in Excel), a cell's formula as the text it makes; an .html, .xml or .svg also as a
  browser shows it (comments and entities gone, inline tags joined, `text/html_text.reader_texts`), a
  .json also as the values a program or a browser's JSON viewer shows (escapes decoded);
- .xlsx .xlsm .xls .ods .et: python-calamine for cells and sheet names (a WPS .et is an .xls or .xlsx
  inside); every other part of the package through `attachment_parts` (comments, text boxes and
  shapes, sheet headers and footers, charts, document properties, embedded workbooks …);
- .docx (and a .wps or .doc that is one inside): python-docx for the body (paragraphs and tables
  with their numbers), every other part through `attachment_parts` (every header and footer variant,
  footnotes, endnotes, comments, text boxes, hyperlink targets, alt-chunks, embedded objects,
  document properties; text deleted with track changes and field codes too);
- .pptx, .odt, .odp and other office packages: every part through `attachment_parts`;
- .pdf: pypdfium2 (`attachment_pdf`: pages, form fields, annotations, bookmarks, attached files …);
- .ofd: its pages' text objects, then every part;
- .zip, and any zip, PDF, OLE (Office 97–2003 container, olefile), RTF (striprtf), MHT or text
  file found inside another: read as an attachment of its own, down to `MAX_DEPTH` levels.

Every package is checked against `attachment_limits` before a library unpacks it, and the whole
reading runs in a child process with its own memory and time limits (`attachment_sandbox`), once per version of a file
however many rules read it (`attachment_pieces`: the E500 rule, the personal-data rule, the merge). A file or a part
that cannot be read (Word 97 .doc, a damaged or encrypted file, a PDF with no text layer, an unknown
binary format) is a `Gap`: the caller warns (W400, or W401 past a limit), naming the part and what to
do. Images, audio and video hold no text to read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from .attachment_cells import (column_name, formula_texts, joins, pieces_a_number, shown_pieces,
                               uncomputed, xls_shown_pieces)
from .attachment_ods import ods_shown_pieces
from .attachment_limits import MAX_FILE, Budget, check_area, check_depth, open_package, sheet_areas, sheet_names
from .attachment_parts import (
    MIN_TEXT,
    UNICODE_PATH,
    comment_pieces,
    doc_field_instructions,
    field_risks,
    formula_risks,
    names_web_place,
    package_pieces,
    paragraph_texts,
    unicode_extras,
    xls_formula_pieces,
    xls_links,
    xls_page_pieces,
)
from .attachment_pdf import pdf_pieces
from .metafile_text import metafile_lines
from .ofd_lines import ofd_lines
from .page_numbers import PAGE_COUNT, PAGE_NUMBER, printed
from .svg_lines import svg_lines
from .attachment_sandbox import outcome_value, read_bounded, read_each_bounded
from .attachment_types import PROGRAMS, Command, Gap, OverLimit, Piece, Remote, Stopped, Unreadable, within
from .numbers import (ACCOUNT_READ_AFTER, ACCOUNT_READ_BEFORE, CIRCLED_NUMBERS, SPELLED_DIGITS, class_ranges,
                      holds_a_number_to_name, may_hold_personal_info)
from ..text.html_text import reader_texts
from ..text.markup import is_remote

__all__ = ["Command", "Gap", "OverLimit", "Piece", "Remote", "Stopped", "Unreadable", "attachment_pieces", "column_name", "decode_any", "json_strings", "read_ahead",
           "read_digest", "strings_of"]


def attachment_pieces(file: Path, today: dt.date | None = None,
                      also: Callable[[str], bool] | None = None, shortest: int = MIN_TEXT) -> Iterator[Piece | Gap]:
    """Every piece of text of `file` that could hold a personal datum, and every part that could not be
    read; `Unreadable` (or `OverLimit`) when nothing of it can be. With `today`, only the pieces that
    hold one, or that `also` keeps (a reader above this layer's: the document's own statement that it is not
    public): the looking is done within the reading's limits too (in its child process). `shortest`: the shortest
    piece kept (a personal datum's length; 1 for the whole text, a list's short cells too).

    A file is read once per version (its path, size and modification time) however many rules ask and whatever
    each asks for (`_Reading`): the reading keeps every piece, short cells too, and each caller takes its own."""
    size = file.stat().st_size
    if size > MAX_FILE:
        raise OverLimit(f"文件有 {size // 1024 // 1024} MB，超过 {MAX_FILE // 1024 // 1024} MB 的读取上限")
    reading = _reading(file, (today, also, shortest) if today is not None else None)
    if today is None:
        return iter([item for item in reading.items if _long_enough(item, shortest)])
    return iter([reading.items[number] for number in reading.holding[today, also, shortest]])


@dataclass
class _Reading:
    """What reading one version of a file gave: every item (pieces of any length), or why it could not be read;
    and, by (today, also, shortest), which of the items `attachment_pieces` gives that caller (their numbers)."""
    items: tuple = ()
    unreadable: Unreadable | None = None
    holding: dict = field(default_factory=dict)
    in_process: bool = False   # a picture or a sound, read a few chunks at a time: no child process to start
    size: int = 0              # characters held, for the budget of `_Readings`


def _reading(file: Path, wanted: tuple | None) -> _Reading:
    """The memoised reading of `file`, with the numbers `wanted` (today, also, shortest) picks among its items. What
    is not known yet is worked out in the child process, within its limits: the reading and the look for personal
    data together on a first reading; the look alone, over the items already read, when another caller read it first."""
    status = file.stat()
    key = (str(file), status.st_mtime_ns, status.st_size)
    reading = _READINGS.take(key)
    if reading is None:
        reading = _first_reading(file, wanted)
    elif wanted is not None and reading.unreadable is None and wanted not in reading.holding:
        items = reading.items
        reading.holding[wanted] = _bounded(lambda: _holding(items, *wanted), reading.in_process)
    _READINGS.keep(key, reading)
    if reading.unreadable is not None:
        raise type(reading.unreadable)(str(reading.unreadable))   # each caller its own, as when it read the file
    return reading


# The SHA-256 of the bytes each file was read as (by its absolute path), the last reading's: what the checks judged.
# The build publishes a file only as these bytes (mkdocs_adapter/copies.py): one written over between the check and
# MkDocs' copy into the site would otherwise be published unread.
_READ_DIGESTS: dict[str, str] = {}


def read_digest(file: Path) -> str | None:
    """The SHA-256 of the bytes `file` was last read as; None when it was never read."""
    return _READ_DIGESTS.get(os.path.abspath(file))


def _first_reading(file: Path, wanted: tuple | None) -> _Reading:
    data = file.read_bytes()
    _READ_DIGESTS[os.path.abspath(file)] = hashlib.sha256(data).hexdigest()
    in_process = _in_process(file, data)
    try:
        items, holding = _bounded(_reading_work(file.name, data, wanted), in_process)
    except Unreadable as why:
        return _Reading(unreadable=why)
    return _made_reading(items, holding, wanted, in_process)


def _in_process(file: Path, data: bytes) -> bool:
    return file.suffix.lower() in NO_TEXT and _is_media(data) and not _holds_appended_zip(data)


def _reading_work(name: str, data: bytes, wanted: tuple | None) -> Callable[[], tuple[tuple, tuple | None]]:
    """The work of a first reading: every item of the file, and the numbers of those `wanted` picks."""
    def read_all() -> tuple[tuple, tuple | None]:
        items = _with_surroundings(read(name, data, Budget(), 0, 1))
        return items, (_holding(items, *wanted) if wanted is not None else None)
    return read_all


def _made_reading(items: tuple, holding: tuple | None, wanted: tuple | None, in_process: bool) -> _Reading:
    size = sum(len(item.text) if isinstance(item, Piece) else 0 for item in items) + _ITEM_COST * len(items)
    return _Reading(items, None, {wanted: holding} if wanted is not None else {}, in_process, size)


def _with_surroundings(items: list) -> tuple:
    """`items`, each piece holding a card-shaped number under an account's label with the texts just before and after
    it (`Piece.around`): a Word notice writes 户名 and 账号 as paragraphs of their own, a sheet as cells beside the
    number, and the agency's account read alone was refused as a card (E400) where the same lines in a page are
    listed (I400, round 33a). A list of ID numbers or cards with no 账 near them is left as it is (no copy of its
    neighbours for each of its thousands of cells)."""
    texts = [item.text if isinstance(item, Piece) else "" for item in items]
    return tuple(_surrounded(item, texts, number) for number, item in enumerate(items))


_CARD_SHAPED = re.compile(r"\d(?:[\s-]*\d){15}")   # a card's 16 digits at least, grouped as people write them
_ACCOUNT_WORD = re.compile("[账帐]")


def _surrounded(item, texts: list[str], number: int):
    if not isinstance(item, Piece) or not _CARD_SHAPED.search(item.text):
        return item
    before = _text_before(texts, number)
    if not _ACCOUNT_WORD.search(before) and not _ACCOUNT_WORD.search(item.text):
        return item
    return replace(item, around=(before, _text_after(texts, number)))


def _text_before(texts: list[str], number: int) -> str:
    """The last `ACCOUNT_READ_BEFORE` characters of the texts before the `number`th, each ended by a line break."""
    kept, size = [], 0
    for text in reversed(texts[max(0, number - ACCOUNT_READ_BEFORE):number]):   # a piece holds a character at least
        kept.append(text[-ACCOUNT_READ_BEFORE:] + "\n")
        size += len(kept[-1])
        if size >= ACCOUNT_READ_BEFORE:
            break
    return "".join(reversed(kept))[-ACCOUNT_READ_BEFORE:]


def _text_after(texts: list[str], number: int) -> str:
    """The first `ACCOUNT_READ_AFTER` characters of the texts after the `number`th, each begun by a line break."""
    kept, size = [], 0
    for text in texts[number + 1:number + 1 + ACCOUNT_READ_AFTER]:
        kept.append("\n" + text[:ACCOUNT_READ_AFTER])
        size += len(kept[-1])
        if size >= ACCOUNT_READ_AFTER:
            break
    return "".join(kept)[:ACCOUNT_READ_AFTER]


READ_AHEAD_BYTES = 16 * 1024 * 1024   # the files one child reads ahead, held in this process meanwhile


def read_ahead(files: Iterable[Path], today: dt.date, also: Callable[[str], bool] | None = None,
               shortest: int = MIN_TEXT) -> None:
    """Read the files of `files` not read yet as `attachment_pieces(file, today, also, shortest)` reads each, but in
    one child process for many files rather than one each (a child costs more than a small file's reading). Only a
    saving: a file it leaves (the child ended on it, a file too big, a picture read in this process) is read by
    `attachment_pieces` as before, and a file read here is what that reading would have made."""
    if not hasattr(os, "fork") or os.environ.get("DISCLOSURE_READ_IN_PROCESS"):
        return
    wanted = (today, also, shortest)
    batch: list[tuple[Path, tuple]] = []
    size = 0
    for file in dict.fromkeys(files):
        try:
            status = file.stat()
        except OSError:
            continue
        key = (str(file), status.st_mtime_ns, status.st_size)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE or key in _READINGS.kept:
            continue
        if batch and size + status.st_size > READ_AHEAD_BYTES:
            _read_batch(batch, wanted)
            batch, size = [], 0
        batch.append((file, key))
        size += status.st_size
    if len(batch) > 1:   # one file: its own reading costs the same child
        _read_batch(batch, wanted)


def _read_batch(batch: list[tuple[Path, tuple]], wanted: tuple) -> None:
    works, read_files = [], []
    for file, key in batch:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if _in_process(file, data):
            continue
        works.append(_reading_work(file.name, data, wanted))
        read_files.append((file, key, hashlib.sha256(data).hexdigest()))
    for (file, key, digest), outcome in zip(read_files, read_each_bounded(works)):   # the works after one over are left
        try:
            reading = _made_reading(*outcome_value(outcome), wanted, False)
        except Unreadable as why:
            reading = _Reading(unreadable=why)
        _READ_DIGESTS[os.path.abspath(file)] = digest
        _READINGS.keep(key, reading)


def _bounded(work: Callable[[], object], in_process: bool):
    return work() if in_process else read_bounded(work)


def _long_enough(item: Piece | Gap | Remote | Command, shortest: int) -> bool:
    return not isinstance(item, Piece) or len(item.text) >= shortest or bool(_STATES.search(item.text))


def _holding(items: tuple, today: dt.date, also: Callable[[str], bool] | None, shortest: int) -> tuple[int, ...]:
    """The numbers of the items of at least `shortest` characters that hold a personal datum or that `also` keeps,
    and of every item that is not a piece (a part not read, a remote resource, a command)."""
    return tuple(number for number, item in enumerate(items) if _long_enough(item, shortest) and (
        not isinstance(item, Piece) or (may_hold_personal_info(item.text) and holds_a_number_to_name(item.text, today))
        or (also is not None and also(item.text))))


class _Readings:
    """Readings kept, oldest first, up to `budget` characters: a site's every public attachment is read by the E500
    rule (withheld text copied) and again by the personal-data rule, a unit's file by the merge twice; past the
    budget the oldest goes, and is read again if asked for."""

    def __init__(self, budget: int) -> None:
        self.budget, self.size, self.kept = budget, 0, {}

    def take(self, key: tuple) -> _Reading | None:
        reading = self.kept.pop(key, None)
        self.size -= reading.size if reading is not None else 0
        return reading

    def keep(self, key: tuple, reading: _Reading) -> None:
        self.kept[key] = reading
        self.size += reading.size
        while len(self.kept) > 1 and self.size > self.budget:
            self.take(next(iter(self.kept)))


_ITEM_COST = 64   # a piece's place and object, in characters
_READINGS = _Readings(1 << 25)


def read(name: str, data: bytes, budget: Budget, depth: int, shortest: int = MIN_TEXT) -> list[Piece | Gap]:
    """What `read_one` finds in a file called `name` holding `data`, as a list; `Unreadable` when nothing."""
    check_depth(depth)
    reader = _media_pieces if PurePosixPath(name).suffix.lower() in NO_TEXT else _reader_for(name, data)
    try:
        found = list(reader(data, _Context(budget, depth, shortest)))
        if _holds_appended_zip(data):
            found += _appended_archive(data, _Context(budget, depth, shortest))
    except (Unreadable, Stopped):
        raise
    except (MemoryError, RecursionError) as error:
        raise OverLimit(f"读取时超出内存或层次上限（{type(error).__name__}）") from error
    except Exception as error:  # noqa: BLE001 - a damaged or encrypted file: each library raises its own kinds
        raise Unreadable(f"文件无法打开（{type(error).__name__}），可能已损坏或加密") from error
    found = [shown for item in found for shown in _as_printed(item)]
    return [item for item in found if not isinstance(item, Piece) or len(item.text) >= shortest or _STATES.search(item.text)]


def _as_printed(item: Piece | Gap | Remote | Command) -> list[Piece | Gap | Remote | Command]:
    """A piece holding a page number's code (`page_numbers`) as the pages print it; anything else as it is."""
    if not isinstance(item, Piece) or PAGE_NUMBER not in item.text and PAGE_COUNT not in item.text:
        return [item]
    return [Piece(item.where, text, item.first_line) for text in printed(item.text)]


# A short text the rules read all the same: a document's own 附注 or 版记 line (（此件不予公开）, 公开方式：依申请公开),
# also written backwards (a right-to-left override shows （开公予不件此） as （此件不予公开）), and a 密级 mark (绝密★长期).
_STATES = re.compile(r"公\s*开|开\s*公|内部|部内|秘密|密秘|机密|密机|绝密|密绝|涉密|密涉")


@dataclass
class _Context:
    """What a reader needs to open a package and to read a file found inside it."""
    budget: Budget
    depth: int
    shortest: int = MIN_TEXT   # the shortest piece kept (`attachment_pieces`)

    def package(self, data: bytes, what: str = "文件"):
        return open_package(data, self.budget, what)

    def inner(self, name: str, data: bytes, where: str) -> Iterator[Piece | Gap]:
        """A file inside this one, read as an attachment of its own; its pieces' places start with `where`. One that
        Windows runs when opened (`PROGRAMS`) is a `Command`."""
        if PurePosixPath(name).suffix.lower() in PROGRAMS:
            yield Command(where, name, program=True)
            return
        try:
            found = read(name, data, self.budget, self.depth + 1, self.shortest)
        except Unreadable as why:
            yield Gap(where, str(why), isinstance(why, OverLimit))
            return
        yield from (within(item, where) for item in found)


Reader = Callable[[bytes, _Context], Iterator[Piece | Gap]]


def _reader_for(name: str, data: bytes) -> Reader:
    """By the name's extension, unless what the file holds says otherwise (a zip, PDF or Office 97
    container renamed to .txt or .pdf is read as what it is: a program opens it by its content)."""
    suffix = PurePosixPath(name).suffix.lower()
    reader = _READERS.get(suffix)
    sniffed = _sniff(data)
    if reader is None or (sniffed in _CONTAINERS and sniffed is not reader and reader not in _READS_CONTAINER[sniffed]):
        reader = sniffed
    if reader is None:
        raise Unreadable(f"无法读取 {suffix or '无扩展名'} 格式的内容")
    return reader


def _sniff(data: bytes) -> Reader | None:
    """A reader by what the file holds (a .wps that is a .docx, a part called oleObject1.bin, an unnamed file)."""
    if data.startswith(b"PK\x03\x04"):
        return _zip_pieces
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return _pdf
    if data.startswith(_OLE):
        return _ole_pieces
    if data.lstrip()[:5] == b"{\\rtf":
        return _rtf_pieces
    if data[:200].lower().lstrip().startswith((b"mime-version", b"from:", b"content-type")):
        return _mht_pieces
    if data.startswith(_MAC_METADATA):
        return _mac_metadata_pieces
    if _looks_like_text(data):
        return _text_pieces
    return None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What a Mac puts beside the files of a zip it makes: AppleDouble (__MACOSX/._name) and AppleSingle files, Finder's .DS_Store.
_MAC_METADATA = (b"\x00\x05\x16\x07", b"\x00\x05\x16\x00", b"\x00\x00\x00\x01Bud1")
_READABLE_RUN = re.compile(r"[^\x00-\x1f\x7f-\x9f\ufffd\ud800-\udfff]{4,}")


def _mac_metadata_pieces(data: bytes, context: _Context) -> Iterator[Piece]:
    """A Mac's metadata file, of a known binary format but no document: Windows unpacks it as a file a reader may
    open in a text editor, so every readable string of it is checked (UTF-8, as extended attributes are written,
    and UTF-16 of either byte order at either alignment, as Finder writes names), not the file passed unread."""
    texts = [data.decode("utf-8", errors="replace")]
    texts += [data[start:].decode(codec, errors="replace") for codec in ("utf-16-be", "utf-16-le") for start in (0, 1)]
    for text in texts:
        yield from (Piece("苹果电脑附带的元数据中的文字", run) for run in _READABLE_RUN.findall(text))


def _holds_appended_zip(data: bytes) -> bool:
    """A file of another kind with a zip archive after it (a PDF or picture "polyglot"): its viewer shows the
    first, and 7-Zip, WinRAR or unzip, which look for the archive's directory at the end, open the second."""
    return not data.startswith(b"PK\x03\x04") and b"PK\x05\x06" in data[-_ZIP_TAIL:]


_ZIP_TAIL = 65_535 + 22   # the end-of-directory record and the longest archive comment


def _appended_archive(data: bytes, context: "_Context") -> list[Piece | Gap]:
    """Each file of the archive appended to `data`, read as an attachment; nothing when no archive program opens it."""
    where = "文件末尾附带的压缩包"
    try:
        package = context.package(data, where)
    except OverLimit as why:
        return [Gap(where, str(why), over_limit=True)]
    except Unreadable:
        return []   # the bytes of the record, by chance, in a picture or a PDF stream: no archive
    return [within(item, where) for item in _archive_pieces(package, context)]


def _opens_as_file(data: bytes) -> bool:
    """A program opens `data` as something that holds text: a picture, sound or video, or what `_sniff` reads."""
    return _is_media(data) or _sniff(data) is not None


# --- Plain text ------------------------------------------------------------------------------------

def decode_any(raw: bytes) -> str:
    """Text as Windows and Excel save it in China: UTF-8 (BOM or not), UTF-16 (BOM or not), else GB 18030; UTF-32 by
    its BOM (LibreOffice's text import, Python and Vim read it; its little-endian BOM starts as UTF-16's does)."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return raw.decode("utf-32", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16, errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without a BOM (Notepad's "Unicode", some exports): every digit, Latin letter,
    space and line break has a zero byte, on the odd positions in little-endian, the even in big-endian
    (a Chinese character seldom has one: 一 is U+4E00). A text in UTF-8 or GB 18030 has no zero byte at all."""
    sample = raw[:65536]
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 2 * others:
            text = sample.decode(encoding, errors="replace")
            if _readable(text):
                return encoding
    return None


def _readable(text: str) -> bool:
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\r\n\f")
    return controls * 100 <= len(text) and text.count("\ufffd") * 100 <= len(text)


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if _utf16_without_bom(sample) or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample)   # a sample may end inside a character
    except UnicodeDecodeError:
        text = codecs.getincrementaldecoder("gb18030")(errors="replace").decode(sample)
    return _readable(text)


def _text_pieces(data: bytes, context: _Context) -> Iterator[Piece]:
    """A paragraph (lines up to a blank line) at a time: a number broken over two lines is read whole."""
    if not _looks_like_text(data):
        raise Unreadable("不是文本文件（内容是其他格式）")
    yield from text_blocks(decode_any(data))


def text_blocks(text: str) -> Iterator[Piece]:
    block, first = [], 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield Piece("", "\n".join(block), first_line=first)
            block = []
    if block:
        yield Piece("", "\n".join(block), first_line=first)


def _row_pieces(data: bytes, context: _Context) -> Iterator[Piece]:
    """A .csv or .tsv row at a time: its rows are records, and a column of figures is not one number. Then
    as Excel and WPS open it: a record whose quoted cell spans lines, and a cell's formula (="138"&"…")
    as the text it shows."""
    if not _looks_like_text(data):
        raise Unreadable("不是文本文件（内容是其他格式）")
    text = decode_any(data)
    for number, line in enumerate(text.splitlines(), start=1):
        yield Piece(f"第{number}行", line)
    for records, separator, above in _as_excel_splits(text):
        yield from _records_as_excel_shows(records, separator, above)


def _records_as_excel_shows(records: str, separator: dict, above: int) -> Iterator[Piece | Gap]:
    """The records of a .csv (`separator`: the csv module's options) below its first `above` lines, as Excel shows
    them: a record over several lines whole, formulas worked out, their risks named."""
    import csv
    reader = csv.reader(io.StringIO(records, newline=""), **separator)
    first = above + 1
    risky: list[tuple[str, str]] = []   # formulas refused unless a cell they link to holds an address (`_linked_cells`)
    try:
        for record in reader:
            formulas, unread = _as_excel_shows(record, f"第{first}行")
            yield from unread
            for cell in record:   # what Excel and WPS take for a formula: = + - @ first (a tab or line break before)
                if cell.lstrip(_FORMULA_LEAD)[:1] in _FORMULA_SIGNS and formula_risks(f"第{first}行", cell):
                    risky.append((f"第{first}行", cell))
            if above + reader.line_num > first or formulas:
                yield Piece(f"第{first}行", ",".join(record + formulas))
            first = above + reader.line_num + 1
    except csv.Error:
        pass   # a cell past the csv module's size limit: the lines above were read
    cells = _linked_cells(records, reader.dialect) if risky else {}
    for where, formula in risky:
        yield from formula_risks(where, formula, cells.get)


# Excel splits a .csv at the character a first line `sep=;` names (and does not show that line): WPS does too. Read at
# commas, `姓名;="1380013"&"8000"` was one cell of text, where Excel shows a formula's 13800138000 (round 30a).
_EXCEL_SEPARATOR = re.compile(r'"?sep=(.)"?[ \t]*(?:\r\n?|\n)', re.I)   # a line ends as Excel ends it: \r\n, \n, \r


def _as_excel_splits(text: str) -> list[tuple[str, dict, int]]:
    """The readings of a .csv's records as Excel may split them: (their text, the csv module's options, the lines
    above them). With a `sep=` line, at that character and also as without it: some versions of Excel ignore the line
    in a file with a byte-order mark (and show it), which the decoded text no longer tells."""
    default = (text, {"dialect": "excel-tab" if "\t" in text[:4096] else "excel"}, 0)
    named = _EXCEL_SEPARATOR.match(text)
    if named and named.group(1) not in "\r\n\"":
        return [(text[named.end():], {"dialect": "excel", "delimiter": named.group(1)}, 1), default]
    return [default]


_DECIMAL = re.compile(r"\s*[+-]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][+-]?\d+)?\s*")


def _as_excel_shows(record: list[str], where: str) -> tuple[list[str], list[Gap]]:
    """A record's cells as Excel and WPS show them where that differs from what is written, with the .xlsx reader's
    rules (`formula_texts`): a formula's texts joined and its arithmetic worked out (=27600276000/2), one piecing a
    number with a text function the check cannot work out (=SUBSTITUTE(…)) a gap, and a number written with a
    decimal point or an exponent (13800138000.0, 1.38001380E10) as the whole number Excel shows. Only the joining of
    texts was read before: a .csv showed numbers its .xlsx would have been refused for."""
    shown: list[str] = []
    unread: list[Gap] = []
    for cell in record:
        if cell.startswith("="):
            shown += formula_texts(cell, {}, {})
            if not joins(cell) and (why := pieces_a_number(cell)):
                unread.append(uncomputed(where, why))
        elif _DECIMAL.fullmatch(cell) and (value := float(cell)).is_integer() and abs(value) < 1e15:
            shown.append(str(int(value)))
    return shown, unread


def _linked_cells(text: str, dialect) -> dict[str, str]:
    """The cells of a .csv (B2: the second record's second field, as Excel numbers it) holding a web address or a
    place in the workbook, and not a formula: what =HYPERLINK(B2,"查看") may link to."""
    import csv
    cells = {}
    try:
        for row, record in enumerate(csv.reader(io.StringIO(text, newline=""), dialect=dialect), start=1):
            cells.update({f"{column_name(column)}{row}": cell for column, cell in enumerate(record)
                          if cell.lstrip(_FORMULA_LEAD)[:1] not in _FORMULA_SIGNS and names_web_place(cell)})
    except csv.Error:
        pass
    return cells


_FORMULA_LEAD = " \t\r\n"
_FORMULA_SIGNS = ("=", "+", "-", "@")


def _markup_pieces(data: bytes, context: _Context) -> Iterator[Piece | Remote]:
    """An .html, .xml or .svg as written (view source), then as a browser shows it: its running text, a
    paragraph at a time, and each attribute value; and what it loads from another host when opened (a page in an
    archive opened in a browser, a Word alt-chunk Word converts on opening): a `Remote`."""
    yield from _text_pieces(data, context)
    yield from (Remote(f"网页中的 <{tag}>", url) for tag, url in markup_loads(decode_any(data)))
    running, *attributes = reader_texts(decode_any(data))
    yield from (Piece("显示的文字", block.text, block.first_line) for block in text_blocks(running))
    yield from (Piece("属性值", value) for value in attributes)
    yield from (Piece("图形中同一行的文字", line) for line in svg_lines(decode_any(data)))


# Attributes a browser (or Word converting HTML) loads from by themselves; href only on the elements that load it.
_LOADING_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "archive",
                                 "imagesrcset"})
_LOADING_HREF = frozenset({"link", "image", "use", "feimage", "script"})
_LOADING_RELS = frozenset({"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "import",
                           "apple-touch-icon", "dns-prefetch", "preconnect", "prerender"})   # not canonical, alternate …
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.I)
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)", re.I)


def markup_loads(text: str) -> list[tuple[str, str]]:
    """(element, address) for each resource of another host an HTML, XML or SVG text loads when opened: its
    elements' src, srcset, poster, data … and a link's, image's or use's href, and url() in its styles."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Loads(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            for name, value in attrs:
                name = name.rpartition(":")[2]
                if not value:
                    continue
                if name in _LOADING_ATTRIBUTES or name == "href" and tag.rpartition(":")[2] in _LOADING_HREF \
                        and (tag != "link" or not _LOADING_RELS.isdisjoint((dict(attrs).get("rel") or "").lower().split())):
                    found.extend((tag, url) for url in re.split(r"[\s,]+", value.strip()) if is_remote(url))
                elif name == "content" and tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
                    found.extend((tag, url) for url in _REFRESH.findall(value) if is_remote(url))   # opens it at once
                elif name == "style":
                    found.extend((tag, url) for url in _CSS_URL.findall(value) if is_remote(url))

        def handle_data(self, data: str) -> None:
            if self.lasttag == "style":
                found.extend(("style", url) for url in _CSS_URL.findall(data) if is_remote(url))

    parser = Loads(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found[:20]


def _json_pieces(data: bytes, context: _Context) -> Iterator[Piece]:
    """A .json as written, then each key and value as a program reads it (\\u escapes decoded; a key written
    twice, which a parser keeps once, both times)."""
    yield from _text_pieces(data, context)
    try:
        yield from (Piece("JSON 的值", value) for value in json_strings(decode_any(data)))
    except (ValueError, RecursionError):
        return   # not JSON, or nested past the parser: read as text above


def json_strings(text: str) -> Iterator[str]:
    """Every key and string of a JSON text, each key written twice both times; ValueError or RecursionError
    when it is not JSON or nested too deep to parse."""
    return strings_of(json.loads(text, object_pairs_hook=_every_pair))


def _every_pair(pairs: list[tuple[str, object]]) -> list[object]:
    """An object as all its keys and values: `{"title": "<a number>", "title": "通知"}` is one title to
    a JSON parser (the last), but the file holds both."""
    return [item for pair in pairs for item in pair]


def strings_of(value: object) -> Iterator[str]:
    """Every string (and key) in a parsed JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def _rtf_pieces(data: bytes, context: _Context) -> Iterator[Piece | Remote | Command]:
    from striprtf.striprtf import rtf_to_text
    yield from text_blocks(rtf_to_text(data.decode("latin-1"), encoding="gb18030", errors="replace"))
    if _RTF_HIDDEN.search(data):   # and as Word shows it: without its hidden text
        yield from text_blocks(rtf_to_text(_rtf_shown(data).decode("latin-1"), encoding="gb18030", errors="replace"))
    for number, instruction in enumerate(rtf_field_instructions(data), start=1):   # as a .docx's fields (DDEAUTO …)
        yield from field_risks(f"第{number}个域代码", instruction)


_RTF_FIELD = re.compile(rb"\\fldinst(?![a-z])")
_RTF_TOKEN = re.compile(rb"\\'([0-9a-fA-F]{2})|\\([\\{}])|\\[a-zA-Z]+-?[0-9]* ?|\\.|([{}])|[\r\n]|([^\\{}\r\n]+)", re.S)
_RTF_FIELD_MAX = 4096   # characters of one instruction read


_RTF_HIDDEN = re.compile(rb"\\v(?![a-z0-9])")
_RTF_HIDING = re.compile(rb"\\v(0?) ?$")


def _rtf_shown(data: bytes) -> bytes:
    """The RTF without the text it marks hidden (\\v to \\v0 or its group's end), which Word does not show: a number
    with hidden text inside (`1380013{\\v 注}8000`) is one number on the page and in no reading of all the text."""
    out, hidden = bytearray(), [False]
    for token in _RTF_TOKEN.finditer(data):
        hexadecimal, escaped, brace, text = token.groups()
        if brace == b"{":
            hidden.append(hidden[-1])   # a group starts as hidden as the text around it; its own \v ends with it
        elif brace == b"}" and len(hidden) > 1:
            hidden.pop()
        elif (switch := _RTF_HIDING.match(token.group())) is not None:
            hidden[-1] = not switch.group(1)
            continue
        elif hidden[-1] and (hexadecimal or escaped or text):
            continue
        out += token.group()
    return bytes(out)


def rtf_field_instructions(data: bytes) -> list[str]:
    """The instruction of each field of an RTF document (`{\\field{\\*\\fldinst …}{\\fldrslt …}}`), as Word reads it:
    escapes decoded, control words left out, to the end of the group holding \\fldinst."""
    found = []
    for start in _RTF_FIELD.finditer(data):
        depth, out = 1, bytearray()
        for token in _RTF_TOKEN.finditer(data, start.end()):
            hexadecimal, escaped, brace, text = token.groups()
            if brace is not None:
                depth += 1 if brace == b"{" else -1
                if depth == 0:
                    break
            elif hexadecimal is not None:
                out.append(int(hexadecimal, 16))
            else:
                out += escaped or text or b""
            if len(out) > _RTF_FIELD_MAX:
                break
        found.append(out.decode("gb18030", errors="replace"))
    return found


def _mht_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """A web archive (.mht, Word's alt-chunk of a saved web page): each of its parts, decoded."""
    import email
    message = email.message_from_bytes(data)
    suffixes = {"text/html": ".html", "text/plain": ".txt", "text/xml": ".xml"}
    for number, part in enumerate(message.walk(), start=1):
        if part.is_multipart():
            continue
        name = part.get_filename() or f"第{number}部分{suffixes.get(part.get_content_type(), '')}"
        yield from context.inner(name, part.get_payload(decode=True) or b"", f"“{name}”")


# --- Spreadsheets ----------------------------------------------------------------------------------

def _sheet_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    if not data.startswith(b"PK\x03\x04"):   # an .xls (BIFF in an OLE container): uncompressed, at most 65,536 × 256
        yield from _ole_pieces(data, context) if data.startswith(_OLE) else _xls(data)   # with its objects, properties
        return
    yield from _sheet_package(context.package(data, "表格"), data, context)


def _sheet_package(package, data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    if any(name.endswith(".bin") and "/worksheets/" in name for name in package.namelist()):
        raise Unreadable("二进制工作簿（.xlsb）无法安全读取；请另存为 .xlsx")
    for sheet, rows, columns in sheet_areas(package):
        check_area(rows, columns, sheet)
    yield from _cells(data)
    if "content.xml" in package.namelist():
        yield from ods_shown_pieces(package)
    else:
        yield from shown_pieces(package, sheet_names(package))
    yield from package_pieces(package, context.inner, _opens_as_file)


def _xls(data: bytes) -> Iterator[Piece | Gap]:
    """An Excel 97–2003 workbook: its cells (calamine), then those its number formats show otherwise (xlrd)."""
    yield from _cells(data)
    yield from xls_links(data)
    yield from xls_formula_pieces(data)
    yield from xls_page_pieces(data)
    try:
        yield from xls_shown_pieces(data)
    except Exception as error:  # noqa: BLE001 - xlrd raises its own kinds on what calamine read
        yield Gap("数字格式", f"单元格的数字格式无法读取（{type(error).__name__}），按格式显示的内容未检查")


def _cells(data: bytes) -> Iterator[Piece]:
    from python_calamine import CalamineWorkbook  # imported here: most sites have no spreadsheet
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))  # by content, so that an .et is read too
    for name in workbook.sheet_names:
        yield Piece("工作表名", name)  # shown on its tab (the report masks what it finds; not the name again)
        sheet = workbook.get_sheet_by_name(name)
        # calamine gives rows from the sheet's first row, but cells from its first used column.
        first_column = sheet.start[1] if sheet.start else 0
        for row_number, row in enumerate(sheet.iter_rows(), start=1):
            for column, value in enumerate(row, start=first_column):
                where = f"工作表“{name}”单元格 {column_name(column)}{row_number}"
                yield Piece(where, _cell_text(value))
                if isinstance(value, float) and ROUNDED_FROM <= abs(value) < 1e15 and not value.is_integer():
                    yield Piece(f"{where}（列宽不足时四舍五入显示）", str(round(value)))


# Excel and WPS show a number in the General format in as many characters as the column holds:
# 13800137999.6 in a column of standard width shows 13800138000.
ROUNDED_FROM = 1e10


def _cell_text(value: object) -> str:
    # A number typed into a cell comes back as 13800138000.0; the reader of the sheet sees 13800138000.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Word ------------------------------------------------------------------------------------------

def _docx_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    yield from _docx_package(context.package(data, "文档"), data, context)


def _docx_package(package, data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """The body through python-docx (paragraph and table numbers a person can find), then every part."""
    import docx  # python-docx
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError:
        document = None   # a macro-enabled .docm or a template: every part is still read below
    if document is not None:
        yield from _body_pieces(document)
    yield from package_pieces(package, context.inner, _opens_as_file)


def _body_pieces(document) -> Iterator[Piece]:
    from docx.oxml.ns import qn
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
        for text in paragraph_texts(_plain(paragraph)):
            yield Piece(where, text)


def _plain(element):
    """An lxml copy of a python-docx element: its classes give `.text` a meaning of their own."""
    from lxml import etree
    return etree.fromstring(etree.tostring(element))


# --- PDF, OFD, zip, OLE ----------------------------------------------------------------------------

def _pdf(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    return pdf_pieces(data, context.inner, context.budget)


_OFD_PAGE = re.compile(r"Pages/Page_(\d+)/Content\.xml$")
_XML_PART = re.compile(r"\.xml$", re.I)


def _ofd_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    yield from _ofd_package(context.package(data, "OFD 文件"), data, context)


def _ofd_package(package, data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """Each text object of each page, and each line drawn by several (`ofd_lines`: OFD writers lay text out in runs
    or characters), then every other part (annotations, attachments, document information)."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    pages = sorted((int(match.group(1)), info) for info in package.infolist()
                   if (match := _OFD_PAGE.search(info.filename)))
    if not pages:
        raise Unreadable("OFD 文件中没有页面")
    for number, info in pages:
        root = etree.fromstring(package.read(info), parser)
        for line, text_object in enumerate((e for e in root.iter() if etree.QName(e).localname == "TextObject"), start=1):
            text = "".join(code.text or "" for code in text_object.iter() if etree.QName(code).localname == "TextCode")
            yield Piece(f"第{number + 1}页第{line}个文字块", text)
        for line, text in enumerate(ofd_lines(root), start=1):
            yield Piece(f"第{number + 1}页第{line}行（多个文字块拼成）", text)
    paged = {info.filename for _, info in pages}
    for info in package.infolist():   # a template page (Tpls/, on every page), an annotation's appearance (Annots/)
        if info.filename not in paged and _XML_PART.search(info.filename) and b"TextObject" in (data := package.read(info)):
            for line, text in enumerate(ofd_lines(etree.fromstring(data, parser)), start=1):
                yield Piece(f"“{info.filename}”第{line}行（多个文字块拼成）", text)
    yield from package_pieces(package, context.inner, _opens_as_file)


def _zip_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """An office package by what it holds, else an archive: each file in it read as an attachment."""
    package = context.package(data, "压缩包")
    names = set(package.namelist())
    if "word/document.xml" in names:
        yield from _docx_package(package, data, context)
    elif "xl/workbook.xml" in names or b"spreadsheet" in (package.read("mimetype") if "mimetype" in names else b""):
        yield from _sheet_package(package, data, context)
    elif "OFD.xml" in names:
        yield from _ofd_package(package, data, context)
    elif "[Content_Types].xml" in names or "mimetype" in names:
        yield from package_pieces(package, context.inner, _opens_as_file)
    else:
        yield from _archive_pieces(package, context)


def _archive_pieces(package, context: _Context) -> Iterator[Piece | Gap]:
    yield from comment_pieces(package)
    for info in package.infolist():
        if info.is_dir():
            continue
        name = _entry_name(info)
        shown = unicode_extras(info.extra, UNICODE_PATH)   # the name 7-Zip and WinRAR show and unpack it under
        for each in (name, *shown):
            yield Piece("压缩包内的文件名", each)
        if leading := [each for each in (info.filename, *shown) if _leads_outside(each)]:
            yield Command("压缩包内", leading[0] if leading[0] != info.filename else name, outside=True)
        if shown and PurePosixPath(name).suffix.lower() in PROGRAMS:
            yield Command(f"压缩包内“{name}”", name, program=True)   # unzip programs that ignore the field
        unpacked = shown[-1] if shown else name
        yield from context.inner(unpacked, package.read(info), f"压缩包内“{unpacked}”")


def _leads_outside(name: str) -> bool:
    """Whether an archive's entry names a place outside the folder it is unpacked into (a "zip slip"): a `..` step, a
    root or a drive, with either slash (Windows' programs take a backslash for one; Python's zipfile keeps it)."""
    steps = name.replace("\\", "/")
    return steps.startswith("/") or bool(re.match(r"[A-Za-z]:", steps)) or ".." in steps.split("/")


def _entry_name(info) -> str:
    """An entry's name as the archive's maker wrote it: Windows in China writes GBK without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except UnicodeError:
        return info.filename


def _ole_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """An Office 97–2003 container (olefile): a workbook in it is read by calamine; a packaged file
    (an object embedded in a document) is read as an attachment; its summary properties are read too, and the
    objects embedded in it (`_objects_in_storages`)."""
    import olefile
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        streams = {"/".join(path).lower(): path for path in ole.listdir(streams=True, storages=False)}
        yield from _ole_properties(ole)
        if "workbook" in streams or "book" in streams:
            yield from _xls(data)
        elif (embedded := _embedded_object(ole, streams, "", context)) is not None:
            yield from embedded
        elif "worddocument" in streams:   # its fields are read (E401, E404); its text is not
            tables = {name: ole.openstream(streams[name]).read() for name in ("0table", "1table") if name in streams}
            for instruction in doc_field_instructions(ole.openstream(streams["worddocument"]).read(), tables):
                yield from field_risks("正文、页眉页脚或文本框中的域", instruction)
            yield Gap("", "旧版 Word 97-2003（.doc）格式的内容无法读取")
        else:
            raise Unreadable("无法读取的 Office 97-2003 格式内容或嵌入对象")
        yield from _objects_in_storages(ole, streams, context)
    finally:
        ole.close()


def _embedded_object(ole, streams: dict[str, list[str]], storage: str, context: _Context) -> Iterator[Piece | Gap] | None:
    """The file an object's storage holds (`storage` "" for the container's root, as a part oleObject1.bin of a .docx
    is): an Office package, a packaged file (Ole10Native), a PDF's or another program's CONTENTS; None if none."""
    prefix, where = (f"{storage.lower()}/", f"嵌入对象“{storage}”") if storage else ("", "")
    if prefix + "package" in streams:
        return context.inner("package", ole.openstream(streams[prefix + "package"]).read(), where)
    if prefix + "\x01ole10native" in streams:
        return _packaged_pieces(ole.openstream(streams[prefix + "\x01ole10native"]).read(), where, context)
    if prefix + "contents" in streams:
        return context.inner("contents", ole.openstream(streams[prefix + "contents"]).read(), where)
    return None


def _packaged_pieces(stream: bytes, where: str, context: _Context) -> Iterator[Piece | Gap]:
    name, content = _packaged_file(stream)
    yield Piece(f"{where}嵌入文件的文件名", name)
    yield from context.inner(name, content, f"{where}“{name}”")


_OFFICE_97_STREAMS = ("workbook", "book", "worddocument", "powerpoint document")


def _objects_in_storages(ole, streams: dict[str, list[str]], context: _Context) -> Iterator[Piece | Gap]:
    """Each object embedded in the workbook or document, a storage of its own (Excel's MBD0001…, Word's
    ObjectPool/_1234…): a list inserted into an .xls or .et as an object (插入→对象) opens with a double click, and
    was read nowhere (only the root's streams were). A Word, Excel or PowerPoint 97 object is a container of its own
    that cannot be read here: a gap (the build warns) rather than a file passed unread."""
    storages = sorted({"/".join(path[:-1]) for path in streams.values() if len(path) > 1})
    for storage in storages:
        if (embedded := _embedded_object(ole, streams, storage, context)) is not None:
            yield from embedded
        elif any(f"{storage.lower()}/{name}" in streams for name in _OFFICE_97_STREAMS):
            yield Gap(f"嵌入对象“{storage}”", "嵌入的 Office 97-2003 文档、表格或演示文稿的内容无法读取")


def _ole_properties(ole) -> Iterator[Piece]:
    metadata = ole.get_metadata()
    for attribute in (*metadata.SUMMARY_ATTRIBS, *metadata.DOCSUM_ATTRIBS):
        value = getattr(metadata, attribute, None)
        if isinstance(value, bytes):
            yield Piece(f"文档属性 {attribute}", value.decode("gb18030", errors="replace"))
    if ole.exists("\x05DocumentSummaryInformation"):
        stream = ole.openstream("\x05DocumentSummaryInformation").read(MAX_PROPERTY_STREAM)
        for name, text in user_defined_properties(stream):   # the dialog shows the name in a column of its own
            yield from (Piece("自定义属性名", name), Piece(f"自定义属性 {name}", text))


# Excel's 文件→属性→自定义 (and Word's, WPS's): a second section of the DocumentSummaryInformation stream, names and
# values the file's properties dialog shows. olefile's summary reads the first section only: `联系人 13800138000` there
# passed (round 30a), where a .docx's docProps/custom.xml is read.
_USER_DEFINED = bytes.fromhex("05d5cdd59c2e1b10939708002b2cf9ae")   # FMTID_UserDefinedProperties, as stored
MAX_PROPERTY_STREAM = 1 << 20
_CODEPAGE, _DICTIONARY = 1, 0
_VT_I2, _VT_LPSTR, _VT_LPWSTR = 0x02, 0x1E, 0x1F


def user_defined_properties(stream: bytes) -> list[tuple[str, str]]:
    """(name, text) of each text property of the user-defined section of a DocumentSummaryInformation `stream` (a
    name alone, value "", where its value is no text); [] for a stream that is not one."""
    import struct
    try:
        sections = struct.unpack_from("<I", stream, 24)[0]
        for index in range(min(sections, 8)):
            if stream[28 + 20 * index:44 + 20 * index] == _USER_DEFINED:
                return _section_texts(stream, struct.unpack_from("<I", stream, 44 + 20 * index)[0])
    except (struct.error, KeyError):   # cut short, or an offset naming nothing: the properties dialog shows none
        pass
    return []


def _section_texts(stream: bytes, start: int) -> list[tuple[str, str]]:
    import struct
    count = min(struct.unpack_from("<I", stream, start + 4)[0], 4096)
    offsets = dict(struct.unpack_from(f"<{2 * count}I", stream, start + 8)[i:i + 2] for i in range(0, 2 * count, 2))
    codepage = _codepage(stream, start + offsets[_CODEPAGE]) if _CODEPAGE in offsets else 936
    names = _dictionary(stream, start + offsets[_DICTIONARY], codepage) if _DICTIONARY in offsets else {}
    found = []
    for identifier, offset in offsets.items():
        if identifier in (_CODEPAGE, _DICTIONARY):
            continue
        kind = struct.unpack_from("<H", stream, start + offset)[0]
        size = struct.unpack_from("<I", stream, start + offset + 4)[0]
        at = start + offset + 8
        text = stream[at:at + size].decode(_codec(codepage), "replace") if kind == _VT_LPSTR else \
            stream[at:at + 2 * size].decode("utf-16-le", "replace") if kind == _VT_LPWSTR else ""
        found.append((names.pop(identifier, str(identifier)), text.rstrip("\0")))
    return found + [(name, "") for name in names.values()]


def _codepage(stream: bytes, at: int) -> int:
    import struct
    kind, value = struct.unpack_from("<H2xH", stream, at)
    return value if kind == _VT_I2 else 936


def _codec(codepage: int) -> str:
    """Python's codec for a property set's code page (GB 18030 for the Chinese ones and any Python does not know)."""
    named = {1200: "utf-16-le", 65001: "utf-8"}.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(named).name if codepage not in (936, 54936) else "gb18030"
    except LookupError:
        return "gb18030"


def _dictionary(stream: bytes, at: int, codepage: int) -> dict[int, str]:
    """The names of a section's properties: id, length (characters in UTF-16, else bytes), the name."""
    import struct
    names, (count,) = {}, struct.unpack_from("<I", stream, at)
    at += 4
    for _ in range(min(count, 4096)):
        identifier, length = struct.unpack_from("<II", stream, at)
        size = 2 * length if codepage == 1200 else length
        names[identifier] = stream[at + 8:at + 8 + size].decode(_codec(codepage), "replace").rstrip("\0")
        at += 8 + size + ((-size) % 4 if codepage == 1200 else 0)
    return names


def _packaged_file(stream: bytes) -> tuple[str, bytes]:
    """The file inside an Ole10Native stream (Packager): size, flags, label, source path, two fields,
    temporary path, then the file's size and bytes."""
    def cstring(at: int) -> tuple[str, int]:
        end = stream.index(b"\x00", at)
        return stream[at:end].decode("gb18030", errors="replace"), end + 1
    label, at = cstring(6)
    _, at = cstring(at)
    _, at = cstring(at + 8)
    size = int.from_bytes(stream[at:at + 4], "little")
    return label, stream[at + 4:at + 4 + size]


def _media_pieces(data: bytes, context: _Context) -> Iterator[Piece | Gap]:
    """A picture, sound or video: the text of a PNG's or JPEG's metadata (a description, a comment, EXIF and
    XMP, shown in the file's properties). A file that is not what its name says (a list, a zip or a PDF
    renamed 名单.png: any program opens it as what it is) is read as what it holds."""
    if not _is_media(data):
        yield from (_sniff(data) or _text_pieces)(data, context)
        return
    for segment in _metadata_segments(data):
        for text in {segment.decode("utf-8", "replace"), segment.replace(b"\x00", b"").decode("utf-8", "replace")}:
            # EXIF's UTF-16 texts are read without their zero bytes too
            yield from (Piece("文件属性（说明、注释、EXIF）", block.text) for block in text_blocks(_CONTROLS.sub("\n\n", text)))
    yield from (Piece("图片中同一行的文字", line) for line in metafile_lines(data))   # an EMF's or WMF's text records


def _is_media(data: bytes) -> bool:
    return data.startswith(_MEDIA_SIGNATURES) or data[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")


_MEDIA_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00",
                     b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xf1", b"\xff\xf9", b"0&\xb2u", b"FLV",
                     b"\x1aE\xdf\xa3", b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]+")
_MAX_METADATA = 1 << 20   # what a compressed PNG text chunk may inflate to


def _metadata_segments(data: bytes) -> Iterator[bytes]:
    """The text chunks of a PNG (tEXt, iTXt, zTXt inflated, eXIf) and the comment and APPn segments of a JPEG; and in
    every format the stretches of digits its bytes hold anywhere (below)."""
    if data.startswith(b"\x89PNG"):
        yield from _png_texts(data)
    elif data.startswith(b"\xff\xd8"):
        at = 2
        while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] != 0xDA:   # up to the image data
            marker, size = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
            if marker == 0xFE or 0xE0 <= marker <= 0xEF:
                yield data[at + 4:at + 2 + size]
                # an EXIF's UTF-16 tags (Windows' 备注, 标题) written with other digits or blanks
                yield "\n\n".join(_spelled_runs(data[at + 4:at + 2 + size])).encode("utf-8")
            at += 2 + size
    # GIF comments, TIFF and WebP EXIF, ID3 frames, MP4 atoms, RIFF INFO: each format keeps its tags as plain text
    # (UTF-8 or UTF-16) somewhere in the file, and any file may carry more where no viewer looks (a PNG's private
    # chunk, text after a PNG's IEND or a JPEG's end of image: `strings`, a text editor and Pillow read them). Every
    # stretch of the bytes from a digit to a digit that holds eleven digits or more (the shortest number to find) is
    # read. Linear, starting at digits.
    yield b"\n\n".join(run for run in _DIGIT_RUN.findall(data) if len(_DIGIT.findall(run)) >= 11)
    # … and where a tag is written with other digits (１３８, 一三八〇, ⑬) or other blanks between them
    # (U+3000, NBSP, a fullwidth dash), in UTF-8 or UTF-16 either way round: such stretches, decoded.
    yield "\n\n".join(_spelled_runs(data)).encode("utf-8")


def _png_texts(data: bytes) -> Iterator[bytes]:
    """A PNG's text chunks (tEXt, iTXt, eXIf as written; zTXt and a compressed iTXt inflated)."""
    at = 8
    while at + 8 <= len(data):
        size, kind = int.from_bytes(data[at:at + 4], "big"), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + size]
        if kind in (b"tEXt", b"iTXt", b"eXIf"):
            yield body
        if kind == b"eXIf":
            yield "\n\n".join(_spelled_runs(body)).encode("utf-8")
        packed = _compressed_text(kind, body)
        if packed is not None:
            yield _inflated(packed)
        at += 12 + size


def _compressed_text(kind: bytes, body: bytes) -> bytes | None:
    """The deflated text of a zTXt (keyword, 0, method, text) or of an iTXt whose flag says compressed (keyword, 0,
    flag, method, language, 0, translated keyword, 0, text): the method's byte is 0, so the fields are found by
    position, not by splitting at every zero byte (which cut the text's first byte off, and so read nothing)."""
    if b"\x00" not in body:
        return None
    after_keyword = body.index(b"\x00") + 1
    if kind == b"zTXt":
        return body[after_keyword + 1:]
    if kind != b"iTXt" or body[after_keyword:after_keyword + 1] != b"\x01":
        return None
    language_end = body.find(b"\x00", after_keyword + 2)
    translated_end = body.find(b"\x00", language_end + 1) if language_end != -1 else -1
    return body[translated_end + 1:] if translated_end != -1 else None


def _inflated(packed: bytes) -> bytes:
    import zlib
    try:
        return zlib.decompressobj().decompress(packed, _MAX_METADATA)
    except zlib.error:
        return b""   # damaged: no viewer shows it either


_DIGIT_RUN = re.compile(rb"[0-9]\x00?(?:[\t\x20-\x7e]\x00?){9,}[0-9]")
_DIGIT = re.compile(rb"[0-9]")
_SPELLED = class_ranges("".join({*SPELLED_DIGITS, *CIRCLED_NUMBERS, *map(chr, range(0xFF10, 0xFF1A))}))
# Eleven or more digits, numerals or circled numbers with at most three blanks, dashes, dots or slashes (ASCII's,
# U+3000, NBSP, fullwidth …) between each two.
_SPELLED_RUN = re.compile(f"[0-9{_SPELLED}](?:[ \t\\-./\u00a0\u00b7\u2000-\u200b\u2010-\u2015\u2212\u3000\u30fb\ufeff"
                          f"\uff0d\uff0e]{{0,3}}[0-9{_SPELLED}]){{10,}}")
_SPELLED_WINDOW = 1 << 22   # bytes decoded at a time (a video may have hundreds of MB) …
_SPELLED_OVERLAP = 1024     # … each window overlapping the next, an even number: UTF-16's pairing is kept


def _spelled_runs(data: bytes) -> Iterator[str]:
    """The stretches of `_SPELLED_RUN` in `data` read as UTF-8 and as UTF-16 both ways round and both pairings
    of its bytes (a tag may start at any offset), but for plain ASCII ones (read by `_DIGIT_RUN`). Decoded by
    the codecs (fast C, a bad byte becomes U+FFFD, which joins nothing), window by window."""
    found: dict[str, None] = {}
    for start in range(0, max(len(data), 1), _SPELLED_WINDOW):
        window = data[start:start + _SPELLED_WINDOW + _SPELLED_OVERLAP]
        for encoding, skip in (("utf-8", 0), ("utf-16-le", 0), ("utf-16-le", 1), ("utf-16-be", 0), ("utf-16-be", 1)):
            text = window[skip:].decode(encoding, "replace")
            found.update((run, None) for run in _SPELLED_RUN.findall(text) if not run.isascii())
    yield from found


_TEXT = (".txt", ".md", ".yaml", ".yml", ".ics", ".vcf")
_READERS: dict[str, Reader] = {
    **{suffix: _text_pieces for suffix in _TEXT},
    **{suffix: _markup_pieces for suffix in (".xml", ".html", ".htm", ".xhtml", ".svg")},
    ".json": _json_pieces,
    ".csv": _row_pieces, ".tsv": _row_pieces,
    **{suffix: _sheet_pieces for suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".ett")},
    ".docx": _docx_pieces, ".docm": _docx_pieces, ".dotx": _docx_pieces,
    ".pdf": _pdf,
    ".ofd": _ofd_pieces,
    ".zip": _zip_pieces, ".pptx": _zip_pieces, ".odt": _zip_pieces, ".odp": _zip_pieces,
    ".rtf": _rtf_pieces, ".mht": _mht_pieces, ".mhtml": _mht_pieces,
}

# What a container's content may be read as besides its own reader (an .xlsx or .docx is a zip, an
# .xls or .doc an Office 97 container).
_CONTAINERS = (_zip_pieces, _pdf, _ole_pieces, _mac_metadata_pieces)   # __MACOSX/._说明.pdf is no PDF
_READS_CONTAINER = {_zip_pieces: (_sheet_pieces, _docx_pieces, _ofd_pieces),
                    _pdf: (), _ole_pieces: (_sheet_pieces,), _mac_metadata_pieces: ()}

# Files that hold pictures or sound, not text (a photo of an ID card needs a person): only what they say
# of themselves is read (`_media_pieces`).
NO_TEXT = frozenset(".png .jpg .jpeg .jfif .jpe .gif .webp .bmp .tif .tiff .ico .mp3 .mp4 .wav .m4a .avi .mov .wmv .flv .webm"
                    " .emf .wmf".split())
