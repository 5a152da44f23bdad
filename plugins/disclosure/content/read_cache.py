"""What `disclosure check` made of each document last time, so that it reads again only what changed.

An entry is what `documents.document_parts` made of one file: the document (without its body,
which comes from the file just read) and its problems, the body scan's kept apart so that a run
checking only some bodies (`disclosure check FILE…`) can use an entry a full run made and the
other way round. Its key is a hash of the file's bytes, its path, and everything else reading
depends on (`Settings`: this code, catalogue.yaml's bytes, the unit, the day, the content
folder); nothing else is trusted: a file whose front matter lists `attachments` (their existence
and size are read from other files) is never cached, and whatever the cache holds, a key that
does not match is read again. The cache folder can be deleted at any time (`.cache/`, ignored by
Git); a cache that cannot be read or written is simply not used.

The entries are pickled, and read back only as the few classes they are made of (`_Unpickler`),
so that a planted file cannot run code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import pickle
import posixpath
import sys
import tempfile
from functools import cache
from pathlib import Path

import yaml

from ..codes.diagnostics import Diagnostic
from ..privacy.numbers import Allowance
from .model import Attachment, Document
from .yamlsource import LineMap

CACHE_FOLDER = ".cache/disclosure"   # under the repository root
FORMAT = b"disclosure-read-cache 1"

# The only classes an entry is made of; anything else in a cache file makes it unreadable (not used).
_ALLOWED = {(cls.__module__, cls.__qualname__): cls for cls in (Document, Attachment, Allowance, LineMap, Diagnostic, dt.date)}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a cache entry") from None


@cache
def code_version() -> bytes:
    """A hash of this package's source and of what parses YAML: another version never reuses an entry."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{yaml.__version__}|{getattr(yaml, '__with_libyaml__', False)}".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def settings_key(catalogue_bytes: bytes, unit: str | None, today: dt.date, content: str, content_dir: Path) -> bytes:
    """Everything besides a file's own bytes and path that reading it depends on."""
    digest = hashlib.blake2b(code_version(), digest_size=16)
    for part in (catalogue_bytes, (unit or "").encode(), today.isoformat().encode(), content.encode(),
                 os.fsencode(content_dir.resolve())):
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.digest()


@dataclasses.dataclass
class Entry:
    document: Document | None          # without body, category and doc_type (`restored` sets them)
    body_chars: int                    # the body is the last `body_chars` characters of the decoded text
    problems: list[Diagnostic]
    body_problems: list[Diagnostic] | None   # None: the body was not scanned when the entry was made


class ReadCache:
    """The entries of one unit's documents, loaded from and saved to one file of the cache folder."""

    def __init__(self, folder: Path, unit: str | None, settings: bytes):
        self.file = folder / f"documents-{unit or 'site'}.pickle"
        self.settings = settings
        self.old: dict[bytes, bytes] = _load(self.file)
        self.used: dict[bytes, bytes] = {}

    def key(self, raw: bytes, path: str) -> bytes:
        digest = hashlib.blake2b(self.settings, digest_size=20)
        digest.update(path.encode() + b"\0")
        digest.update(raw)
        return digest.digest()

    def get(self, key: bytes, scan_body: bool) -> Entry | None:
        """The entry of `key`, when it holds everything this run needs (the body scan, if asked)."""
        blob = self.old.get(key) or self.used.get(key)
        if blob is None:
            return None
        try:
            entry = _Unpickler(io.BytesIO(blob)).load()
        except Exception:  # noqa: BLE001 - a damaged entry is read again, never an error
            return None
        if not isinstance(entry, tuple) or len(entry) != 4 or (scan_body and entry[3] is None):
            return None
        self.used[key] = blob
        return Entry(*entry)

    def put(self, key: bytes, document: Document | None, problems: list[Diagnostic],
            body_problems: list[Diagnostic] | None) -> None:
        if document is not None and ("attachments",) in document.lines.lines:
            return   # the attachments' existence and size are other files' state
        stored = document and dataclasses.replace(document, body="", category=None, doc_type=None)
        body_chars = len(document.body) if document else 0
        self.used[key] = pickle.dumps((stored, body_chars, problems, body_problems), protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Keep this run's entries (only), unless they are those already saved; never fails the run."""
        if self.used.keys() == self.old.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tag = self.file.parent / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# disclosure check 的缓存，可随时删除\n",
                               encoding="utf-8")
            with tempfile.NamedTemporaryFile(dir=self.file.parent, prefix=".tmp-", delete=False) as out:
                try:
                    pickle.dump((FORMAT, self.used), out, protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:
                    os.unlink(out.name)
                    raise
            os.replace(out.name, self.file)
        except OSError:
            return


def _load(file: Path) -> dict[bytes, bytes]:
    try:
        with open(file, "rb") as handle:
            found = _Unpickler(handle).load()
    except Exception:  # noqa: BLE001 - missing, damaged or of another version: start afresh
        return {}
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == FORMAT and isinstance(found[1], dict)):
        return {}
    return found[1]


def restored(entry: Entry, text: str, catalogue, src_uri: str) -> Document | None:
    """The cached document with its body (from `text`, the file's decoded text) and the catalogue's own objects."""
    document = entry.document
    if document is None:
        return None
    document.body = text[len(text) - entry.body_chars:] if entry.body_chars else ""
    document.category = catalogue.category_at(posixpath.dirname(src_uri))
    document.doc_type = catalogue.types.get(document.type or "")
    return document
