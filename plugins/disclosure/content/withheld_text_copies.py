"""E500: a file a public page publishes that holds all of a withheld document's or a withheld file's text.

`inventory._withheld_copies` compares bytes: the withheld list attached to a public notice under another name
is refused. But the same list re-saved (Excel, WPS, an editor changing its line ends), packed in a .zip, with one
character added at its end, or a withheld body saved as a Word file, has other bytes and was published with exit 0 —
the careless editor's way (a "public version" made by saving the withheld file again and deleting nothing). The
class is the withheld content under another name, whatever its bytes: here every passage of the withheld text
(a body's paragraphs and lines, a file's pieces as the attachment reader gives them), normalised as the merge
compares texts (`text/runs.normalised`: no spaces, punctuation, markup or width), found in the file's text.

All of it, not a run (the merge's rule for a unit's files, E700): a public version with the names deleted shares
the withheld list's heading and columns, and is what the guide asks for. The reader keeps every piece here, a
list's short cells too (the personal-data rule takes only those as long as a mobile number, from the same reading:
`privacy/attachments.py` reads a file once per version for every rule); a withheld text of fewer than `MIN_RUN` characters
in all (详见附件。) is no one's content. Nothing is read when nothing withheld has such a text; each public file's pieces
are normalised once per version (its path, size and modification time).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from ..text.markup import REFERENCE_DEFINITION, without_inline_markup
from ..text.runs import MIN_RUN, markup_text, normalised
from .model import Attachment, Document


def withheld_texts(withheld: set[str], documents: list[Document], content_dir: Path) -> dict[str, frozenset[str]]:
    """The withheld source (src_uri) → its passages, normalised: each withheld body and each withheld file."""
    bodies = {doc.src_uri: doc.body for doc in documents if not doc.is_public and doc.src_uri in withheld}
    texts = {src_uri: frozenset(filter(None, map(normalised, shown_lines(body)))) for src_uri, body in bodies.items()}
    texts |= {src_uri: file_passages(content_dir / src_uri, authored=True) for src_uri in withheld - set(bodies)
              if not src_uri.endswith(".md")}
    return {src_uri: passages for src_uri, passages in sorted(texts.items()) if sum(map(len, passages)) >= MIN_RUN}


def copied_whole(src_uri: str, content_dir: Path, texts: dict[str, frozenset[str]]) -> str | None:
    """The withheld source all of whose passages the published file `src_uri` holds, if any. The file's pieces are read
    as one text in their order: a .csv list re-saved as a workbook gives its rows back cell by cell (1,王某某,3000 as
    1 | 王某某 | 3000), a workbook saved as .csv its cells as rows; either way the withheld row is the same run of text."""
    text = "".join(file_ordered_passages(content_dir / src_uri)) if texts else ""
    return _source_held_whole(text, texts)


def page_copied_whole(doc: Document, texts: dict[str, frozenset[str]], printed: tuple[str, ...] = ()) -> str | None:
    """The withheld source all of whose passages a public document's page prints (every text of its front matter the
    page shows, `printed` (a section page's values), and its body as the reader sees it): the withheld body (or list)
    pasted into a new public document is the same careless "public version" as the withheld file saved again under
    another name, and was published with exit 0 where the attachment was refused. As the reader sees it: a link put on
    a word of the withheld text (its address between two characters) or a character written as a reference (&#20869;)
    showed the same sentences, and passed (round 27a); and so did the text pasted into an attachment's title, the
    topics or a correction's note. A tooltip (title="…") and a link's title are read from the source as written."""
    if not texts:
        return None
    front = (*front_matter_texts(doc), *printed)
    written = normalised("\n".join((*front, doc.body)))   # one call: 0.17 ms a page
    if not any(mark in doc.body for mark in (*_MARKUP_STARTS, "=")):   # most pages: prose, read as written
        return _source_held_whole(written, texts)
    # Markup read away only takes characters out (a character reference, decoded, puts one in): a withheld text one
    # of whose characters the page's source lacks is not on it, and reading the markup (four times as slow) is spared.
    present = set(written)
    possible = {source: passages for source, passages in texts.items() if "&" in doc.body or _characters(passages) <= present}
    if not possible:
        return None
    # What a tag's attributes, a link's title or an abbreviation show (a tooltip, an image's alt), or the page's source.
    shown = normalised("\n".join((*front, *shown_lines(doc.body), markup_text(doc.body))))
    return _source_held_whole(shown, possible)


def listed_copied_whole(doc: Document, texts: dict[str, frozenset[str]]) -> str | None:
    """The withheld source all of whose passages a withheld document's own entry prints: its category's listing lists it with
    its title and reason (依申请公开、不予公开的目录). A reason holding the withheld body (its own or another's)
    was published with exit 0 (round 27a)."""
    return _source_held_whole(normalised("\n".join((doc.title or "", doc.reason or ""))), texts) if texts else None


def _source_held_whole(text: str, texts: dict[str, frozenset[str]]) -> str | None:
    """The withheld source each of whose passages `text` holds, as written or reversed: a right-to-left override
    (a control character a text file or a document keeps) shows a reversed passage in reading order, as the merge
    reads it too (text/runs.py)."""
    return next(iter(sources_held_whole(text, texts)), None)


def sources_held_whole(text: str, texts: dict[str, frozenset[str]]) -> list[str]:
    """Every withheld source each of whose passages `text` (normalised) holds, as written or reversed: what else the
    site publishes (its printed settings, its theme folder's files, rules/files.py) is read as pages and files are."""
    backwards = text[::-1]
    return [source for source, passages in texts.items() if all(passage in text or passage in backwards for passage in passages)]


@lru_cache(maxsize=256)
def _characters(passages: frozenset[str]) -> frozenset[str]:
    return frozenset("".join(passages))


def shown_lines(body: str) -> list[str]:
    """The lines of a Markdown body as its reader sees them (text/markup.py `without_inline_markup`), reference
    definitions left out: a link's address and a tag between two characters of a passage are no text of the page."""
    if not any(mark in body for mark in _MARKUP_STARTS):   # most bodies: prose
        return body.split("\n")
    return [without_inline_markup(line) for line in body.split("\n") if not REFERENCE_DEFINITION.match(line)]


_MARKUP_STARTS = ("[", "{", "<", "&")
# Fields of a document that are no text its page shows (where the file is, its lines, its body: read apart).
_NOT_SHOWN = frozenset({"path", "src_uri", "lines", "body", "allowances"})
# The fields that may hold text (their annotations, as written, name str or Attachment): a field added later is compared
# too. Found once: asking every document for all its fields cost more than the comparison itself.
_TEXT_FIELDS = tuple(item.name for item in dataclasses.fields(Document)
                     if item.name not in _NOT_SHOWN and ("str" in str(item.type) or "Attachment" in str(item.type)))


def front_matter_texts(doc: Document) -> list[str]:
    """Every text of a document's front matter its page may print: its title, summary, 发文字号, topics, a correction's
    note, each attachment's title …"""
    found = []
    for name in _TEXT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            # An attachment's file name too: its address on the page, and the name a reader's download is saved under.
            found += [text for part in value for text in ((part.title, part.file) if isinstance(part, Attachment) else
                                                          (part,) if isinstance(part, str) else ())]
    return found


def file_ordered_passages(file: Path) -> tuple[str, ...]:
    """`file_passages` of a published file in the order the reader gives them (a sheet row by row), repeats kept."""
    try:
        status = file.stat()
    except OSError:
        return ()
    return tuple(text for _, text in _read(str(file), status.st_mtime_ns, status.st_size) if text)


def file_passages(file: Path, authored: bool = False) -> frozenset[str]:
    """Every piece of a file a reader or a program gets at (`attachment_pieces`, a list's short cells too), normalised;
    none when unreadable (the personal-data rule names that, W400). `authored`: only the text someone wrote, not what
    the program saving it writes (its properties: a time, the program's name, the theme's fonts) nor a sheet's tab
    name — saving the file again changes those, not its content."""
    try:
        status = file.stat()
    except OSError:
        return frozenset()
    return frozenset(text for where, text in _read(str(file), status.st_mtime_ns, status.st_size)
                     if text and (not authored or written_by_someone(where)))


def written_by_someone(where: str) -> bool:
    """Whether the piece of a file at `where` (as the attachment reader names it) is text someone wrote: not what the
    program saving the file writes (its properties, the theme's fonts, its parts' addresses) nor a sheet's tab name."""
    return _SAVED_BY_PROGRAM not in where and where != _TAB_NAME


# How the attachment reader names a piece of the program's own writing (文档属性, 内部文件属性, 链接地址属性 …) and a sheet's tab.
_SAVED_BY_PROGRAM = "属性"
_TAB_NAME = "工作表名"


@lru_cache(maxsize=512)
def _read(file: str, mtime_ns: int, size: int) -> tuple[tuple[str, str], ...]:   # a changed file is read again
    # Imported here: the readers of every office format cost 0.4 s to import, paid only by a site that withholds text.
    from ..privacy.attachments import Piece, Unreadable, attachment_pieces
    try:
        return tuple((piece.where, normalised(piece.text)) for piece in attachment_pieces(Path(file), shortest=1)
                     if isinstance(piece, Piece))
    except Unreadable:
        return ()
