"""Personal data in a finished file as it would be published: what the merge sees of a unit's output.

A unit's build checks its sources (E400 on the Markdown, the rendered page, the attachments); the
merge receives only the finished files, sealed by the unit's CI job, and that job may not have run
the build at all. So every file a unit hands over for publication is read again the way its reader
gets it: a page's text and attribute values (`text/html_text.reader_texts`), the strings of a JSON file
(search rows, the catalogue export: every value, a key written twice too, which a parser keeps once but
the file shows to whoever opens it), a feed's or sitemap's text with its escaped HTML, a CSV's cells,
an attachment's every part (`privacy/attachments.py`), the tokens of a unit's search contribution
(which the assembly writes into the platform's search/). `published_text`: the same files' text in one
piece, for the merge's look for a withheld body copied into them (`content/merge_facts.py`). Allowed values are those of the platform's
own public documents (`content/merge_facts.py`), read from content/, not from anything the unit hands over.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
import zlib
from urllib.parse import unquote
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...privacy.attachments import (Command, Gap, OverLimit, Piece, Remote, Unreadable, attachment_pieces, decode_any, json_strings,
                                    read_ahead, strings_of)
from ...privacy.numbers import Finding, find_personal_info, may_hold_personal_info
from ...text.html_text import BLOCK_ELEMENTS, reader_texts
from ...text.runs import markup_text
from ..rendered import file_extension
from .attachments import Stated, once, stated_withheld, states_withheld

_PAGE_TYPES = ("html", "htm", "xml")
_COMMENT = re.compile(r"<!--(.*?)(?:-->|$)", re.S)
_GEOMETRY = re.compile(r"""\s(?:d|points|viewBox|transform)\s*=\s*(?:"[^"<>]*"|'[^'<>]*')""")
# Tags a reader's text breaks at (`text/html_text.BLOCK_ELEMENTS`, the same list: where the quick look broke at a tag
# the reader's text runs through, <label>, <button>, <img>, it skipped a page whose number the reader's text shows).
_BLOCK_TAG = re.compile(rf"<\s*/?\s*(?:{'|'.join(sorted(BLOCK_ELEMENTS, key=len, reverse=True))})\b[^<>]*>", re.I)
_ATTRIBUTE_VALUE = re.compile(r"""=\s*("[^"]*"|'[^']*'|[^\s"'<>=`]+)""")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|$)", re.S)
_DATA_TYPES = ("json",)
# A .txt or .csv goes through the attachment reader like any attachment: a paragraph's lines joined, a quoted
# cell over two lines and a cell's formula read as Excel shows them, as the unit's own build reads them.
_PLAIN_TYPES = ("bin",)
_TEXT_TYPES = ("csv", "txt", "bin")   # files whose text `published_text` gives as it is


def published_finding(path: str, file: Path, read_limit: int, allowed: frozenset[str],
                      today: dt.date) -> Finding | Gap | Remote | Command | Stated | None:
    """The first personal datum (not allowed) the finished file `file` (published as `path`) shows its reader;
    else, for an attachment, the first formula starting a program or resource it loads from another host, else the first part of it (or the
    whole) that could not be read."""
    extension = file_extension(path)
    if extension == "gz":
        extension, data = _unpacked(path, file, read_limit)
        texts = _texts(extension, data)
    elif not _read_as_attachment(extension):
        texts = _texts(extension, file.read_bytes())
    else:   # an attachment: what cannot be read is returned (the unit build's W400/W401), after any datum
        try:
            pieces = list(attachment_pieces(file, today, also=states_withheld))
        except Unreadable as why:
            return Gap("", str(why), isinstance(why, OverLimit))
        others = [piece for piece in pieces if isinstance(piece, (Command, Remote))] + [piece for piece in pieces if isinstance(piece, Gap)]
        return first_finding(once(piece for piece in pieces if isinstance(piece, Piece)), allowed, today) or \
            stated_withheld(pieces) or (others[0] if others else None)
    return first_finding(texts, allowed, today)


def read_published_ahead(files: Iterable[tuple[str, Path]], today: dt.date) -> None:
    """The attachments among `files` (published path, file) read now as `published_finding` reads each, in one child
    process for many rather than one each (privacy/attachments.read_ahead): only a saving."""
    read_ahead([file for path, file in files if _read_as_attachment(file_extension(path))], today, also=states_withheld)


def _read_as_attachment(extension: str) -> bool:
    return extension != "gz" and extension not in _PAGE_TYPES + _DATA_TYPES + _PLAIN_TYPES


def _unpacked(path: str, file: Path, read_limit: int) -> tuple[str, bytes]:
    """The extension inside a .gz file and its first `read_limit` bytes unpacked."""
    with gzip.open(file) as packed:
        try:
            data = packed.read(read_limit + 1)
        except (OSError, EOFError, zlib.error):   # not a gzip file: what a browser gets is unreadable too
            data = b""
    return file_extension(path[:-3]), data[:read_limit]


def published_text(path: str, file: Path, read_limit: int) -> str | None:
    """What a file shows its reader, as one text: a page's text and attribute values, a feed's escaped HTML,
    a JSON file's strings, a CSV's or plain text's lines (also gzipped; in the encoding a reader's program
    takes, `decode_any`), an attachment's every part that could be read."""
    extension = file_extension(path)
    if extension == "gz":
        extension, data = _unpacked(path, file, read_limit)
    elif extension in _PAGE_TYPES + _DATA_TYPES + _TEXT_TYPES:
        data = file.read_bytes()
    else:
        try:
            # every piece, a list's short cells too (王某某): read as content/'s copies are (withheld_text_copies._read)
            return "\n".join(piece.text for piece in attachment_pieces(file, shortest=1) if isinstance(piece, Piece))
        except Unreadable:
            return None   # published_finding names it
    text = decode_any(data)
    if extension in _PAGE_TYPES:
        return markup_text(text)
    if extension in _DATA_TYPES and "\\" in text:   # without an escape, its strings are its text
        try:
            return "\n".join(json_strings(text))
        except (ValueError, RecursionError):
            return text
    return text if extension in _TEXT_TYPES + _DATA_TYPES else None


def data_finding(value: object, allowed: frozenset[str], today: dt.date) -> Finding | None:
    """The first personal datum (not allowed) among the strings of a JSON value, each read on its own."""
    return first_finding(strings_of(value), allowed, today)


def first_finding(texts: Iterable[str | Piece], allowed: frozenset[str], today: dt.date) -> Finding | None:
    """The first personal datum of `texts` not `allowed`; an attachment's piece is read with the texts around it for
    an account's labels (`Piece.around`), as the unit's build read it."""
    for item in texts:
        text, around = (item.text, item.around) if isinstance(item, Piece) else (item, ("", ""))
        if may_hold_personal_info(text):
            for finding in find_personal_info(text, today, around=around):
                if finding.digits not in allowed:
                    return finding
    return None


def _texts(extension: str, data: bytes) -> Iterator[str]:
    text = decode_any(data)
    if extension in _PAGE_TYPES:
        text = _GEOMETRY.sub(" ", text)   # an icon's drawing (<path d="M9.5 3A6.5 …">) is numbers no reader reads
        if not _may_show_personal_info(text):
            return
        # Comments and CDATA are bytes of the page a reader's browser receives (view source) though the text skips them.
        yield from _COMMENT.findall(text)
        text = _CDATA.sub(lambda match: html.escape(match.group(1), quote=False), text)
        yield from reader_texts(html.unescape(text) if extension == "xml" else text)  # a feed escapes its HTML
    elif extension in _DATA_TYPES:
        if not may_hold_personal_info(text):
            return
        try:
            yield from json_strings(text)
        except (ValueError, RecursionError):   # not JSON, or nested past the parser's depth: read as the text it is
            yield text
    elif may_hold_personal_info(text):
        yield text.replace("\n", "\n\n")   # rows apart: a line break joins no number


def _may_show_personal_info(page: str) -> bool:
    """False when no text or attribute value of `page` can hold a number (most pages, decided in two scans):
    the text with the tags that separate blocks as breaks (every other tag, entity, comment is a gap the scan
    reads across, as a reader would or more), and the attribute values each on its own."""
    values = "\x00".join(_ATTRIBUTE_VALUE.findall(page))
    return may_hold_personal_info(_BLOCK_TAG.sub("\x00", page)) or may_hold_personal_info(values) or \
        ("%" in values and may_hold_personal_info(unquote(values)))   # a link's %-escaped digits
