"""E500: a file a public page publishes that holds all of a withheld document's or a withheld file's text.

`inventory._withheld_copies` compares bytes: the withheld list attached to a public notice under another name
is refused. But the same list re-saved (Excel, WPS, an editor changing its line ends), packed in a .zip, with one
character added at its end, or a withheld body saved as a Word file, has other bytes and was published with exit 0 —
the careless editor's way (a "public version" made by saving the withheld file again and deleting nothing). The
class is the withheld content under another name, whatever its bytes: here every passage of the withheld text
(a body's paragraphs and lines, a file's pieces as the attachment reader gives them), normalised as the merge
compares texts (`text/runs.normalised`: no spaces, punctuation, markup or width), found in the file's text.

All of it, not a run (the merge's rule for a unit's files, E700): a public version with the names deleted shares
the withheld list's heading and columns, and is what the guide asks for. Passages shorter than the reader keeps
(`MIN_PASSAGE`, a mobile number's length) are left out, and a withheld text of fewer than `MIN_RUN` characters in
all (详见附件。) is no one's content. Nothing is read when nothing withheld has such a text; each public file is read
once per version (its path, size and modification time).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..text.runs import MIN_RUN, normalised
from .model import Document


# The attachment reader's shortest piece (privacy/attachment_parts.MIN_TEXT): a shorter passage may be dropped there.
MIN_PASSAGE = 11


def withheld_texts(withheld: set[str], documents: list[Document], content_dir: Path) -> dict[str, frozenset[str]]:
    """The withheld source (src_uri) → its passages, normalised: each withheld body and each withheld file."""
    bodies = {doc.src_uri: doc.body for doc in documents if not doc.is_public and doc.src_uri in withheld}
    texts = {src_uri: _passages(body.replace("\n\n", "\n").split("\n")) for src_uri, body in bodies.items()}
    texts |= {src_uri: file_passages(content_dir / src_uri) for src_uri in withheld - set(bodies)
              if not src_uri.endswith(".md")}
    return {src_uri: passages for src_uri, passages in sorted(texts.items()) if sum(map(len, passages)) >= MIN_RUN}


def copied_whole(src_uri: str, content_dir: Path, texts: dict[str, frozenset[str]]) -> str | None:
    """The withheld source all of whose passages the published file `src_uri` holds, if any."""
    text = "\x00".join(file_passages(content_dir / src_uri, 1)) if texts else ""
    return next((source for source, passages in texts.items() if all(passage in text for passage in passages)), None)


def _passages(texts) -> frozenset[str]:
    return frozenset(text for text in map(normalised, texts) if len(text) >= MIN_PASSAGE)


def file_passages(file: Path, shortest: int = MIN_PASSAGE) -> frozenset[str]:
    """Every piece of a file a reader or a program gets at (`attachment_pieces`), normalised, of `shortest` characters
    or more; none when unreadable (the personal-data rule names that, W400)."""
    try:
        status = file.stat()
    except OSError:
        return frozenset()
    return frozenset(piece for piece in _read(str(file), status.st_mtime_ns, status.st_size) if len(piece) >= shortest)


@lru_cache(maxsize=512)
def _read(file: str, mtime_ns: int, size: int) -> tuple[str, ...]:   # the version's key: a changed file is read again
    # Imported here: the readers of every office format cost 0.4 s to import, paid only by a site that withholds text.
    from ..privacy.attachments import Piece, Unreadable, attachment_pieces
    try:
        return tuple(normalised(piece.text) for piece in attachment_pieces(Path(file)) if isinstance(piece, Piece))
    except Unreadable:
        return ()
