"""What `disclosure check` made of each document last time, so that it reads again only what changed.

An entry is what `documents.document_parts` made of one file: the document (without its body,
which comes from the file just read) and its problems, the body scan's kept apart so that a run
checking only some bodies (`disclosure check FILE…`) can use an entry a full run made and the
other way round. With the body scan an entry also keeps whether the rules' own readings of the body (`Site.body_scan`,
E109's limits, the texts its markup joins) find nothing in it, as for most documents (prose): a run that takes the
document from its entry skips them (`body_known_plain`); on a first run they are done while parsing, on every core. Its key is a hash of the file's
bytes, its path, and everything else reading
depends on (`settings_key`: this code, catalogue.yaml's bytes, the unit, the day, the content
folder); nothing else is trusted: a file whose front matter lists `attachments` (their existence
and size are read from other files) is never cached, and whatever the cache holds, a key that
does not match is read again. The cache folder can be deleted at any time (`.cache/`, ignored by
Git); a cache that cannot be read or written is simply not used.

Every key also holds a secret of this machine's user, kept outside the repository (`machine_secret`): the rest
of a key is known to anyone (this code, the file, the day), so a `.cache/disclosure` committed in a pull request
could otherwise hold "no problems" under the key of a file with an ID number, and the check would pass it.

The entries are data in a pickle read back by an unpickler that refuses every class and function
but the few plain-data classes a document is made of (`_Unpickler`: the document without its body,
its line map, allowances, attachments and dates, whose making runs no code of the file's choosing),
so that a planted file cannot run code. The document is stored as the object the rules get, so that
loading it is the unpickler's work in C, not a rebuilding in Python per field.

A run that changed few entries (an edited file checked before a commit) writes only its changes,
to a second file (`….changes.pickle`) that names the whole file it applies to by a random tag;
pickling 10,000 documents again would cost more than reading them. A changes file of another
whole file (or none that can be read) is ignored; when the changes grow, the whole file is written
again and the changes file removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import posixpath
import sys
import tempfile
from functools import cache
from pathlib import Path

import yaml

from ..codes.diagnostics import Diagnostic
from ..codes.registry import REGISTRY
from ..privacy.numbers import Allowance
from .model import Attachment, Document
from .yamlsource import LineMap, decode_text

CACHE_FOLDER = ".cache/disclosure"   # under the repository root
FORMAT = "disclosure-read-cache 5"
SMALL_CHANGE = 64   # entries; up to this many (or a twentieth of all) changed, only the changes are written


class _Unpickler(pickle.Unpickler):
    """Plain data and the classes of `_ALLOWED` only: any other class or function named in the file is refused.

    Those are made as pickle makes an object of protocol 2 and later: `cls.__new__(cls)` and its
    `__dict__` filled (no `__init__`, no `__setstate__`, none of them defines one), or `date(bytes)`."""

    def find_class(self, module: str, name: str):
        allowed = _ALLOWED.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name}: a cache holds plain data only")
        return allowed


@cache
def code_version() -> bytes:
    """A hash of this package's source and of what parses YAML: another version never reuses an entry."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{yaml.__version__}|{getattr(yaml, '__with_libyaml__', False)}".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


SECRET_FILE = "disclosure-check.key"   # in the user's cache folder (XDG_CACHE_HOME, ~/.cache, LOCALAPPDATA)


def machine_secret() -> bytes | None:
    """16 random bytes made once for this machine's user and kept in their own cache folder, never in a repository;
    None when it can be neither read nor made (the check then reads every file)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or os.path.expanduser("~/.cache")
    path = Path(base) / SECRET_FILE
    try:
        secret = path.read_bytes()
        if len(secret) == 16:
            return secret
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = os.urandom(16)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(fresh)
        return fresh
    except OSError:
        return None


def settings_key(catalogue_bytes: bytes, unit: str | None, today: dt.date, content: str, content_dir: Path,
                 secret: bytes) -> bytes:
    """Everything besides a file's own bytes and path that reading it depends on, under this machine's `secret`."""
    digest = hashlib.blake2b(code_version(), digest_size=16, key=secret)
    for part in (catalogue_bytes, (unit or "").encode(), today.isoformat().encode(), content.encode(),
                 os.fsencode(content_dir.resolve())):
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.digest()


@dataclasses.dataclass
class Entry:
    document: Document | None          # its body, category and doc_type are set by `restored`
    body_chars: int                    # the body is the last `body_chars` characters of the decoded text
    problems: list[Diagnostic]
    body_problems: list[Diagnostic] | None   # None: the body was not scanned when the entry was made
    plain_body: bool = False           # the rules' scans of the body find nothing in it (`body_known_plain`)


class ReadCache:
    """The entries of one unit's documents, loaded from and saved to one file of the cache folder."""

    def __init__(self, folder: Path, unit: str | None, settings: bytes):
        name = unit if unit and unit.isascii() and unit.replace("-", "").isalnum() else \
            hashlib.sha256((unit or "").encode()).hexdigest()[:16] if unit else "site"
        self.file = folder / f"documents-{name}.pickle"
        self.changes_file = folder / f"documents-{name}.changes.pickle"
        self.settings = settings
        self.tag, self.whole = _load(self.file)
        self.old: dict[bytes, tuple] = _with_changes(self.whole, self.tag, self.changes_file)
        self.used: dict[bytes, tuple] = {}
        self.added: set[bytes] = set()   # entries made in this run (a new file, or one now with its body scan)

    def key(self, raw: bytes, path: str) -> bytes:
        digest = hashlib.sha256(self.settings + path.encode() + b"\0")   # sha256 runs on the CPU's own instructions
        digest.update(raw)
        return digest.digest()

    def get(self, key: bytes, scan_body: bool) -> Entry | None:
        """The entry of `key`, when it holds everything this run needs (the body scan, if asked)."""
        stored = self.old.get(key) or self.used.get(key)
        if stored is None:
            return None
        try:
            if scan_body and stored[3] is None:
                return None
            entry = entry_of(stored)
        except Exception:  # noqa: BLE001 - an entry that is not what this code writes is read again, never an error
            return None
        self.used[key] = stored
        return entry

    def put(self, key: bytes, plain: tuple) -> None:
        """Keep `plain_entry`'s data under `key`, unless it depends on other files."""
        document = plain[0]
        if document is not None and ("attachments",) in document.lines.lines:
            return   # whether the attachments exist, and their size, are other files' state
        self.used[key] = plain
        self.added.add(key)

    def save(self) -> None:
        """Keep this run's entries (only), unless they are those already saved; never fails the run."""
        if not self.added and self.used.keys() == self.old.keys():
            return
        whole = self.whole
        changed = {key: plain for key, plain in self.used.items() if key in self.added or key not in whole}
        removed = [key for key in whole if key not in self.used]
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            marker = self.file.parent / "CACHEDIR.TAG"
            if not marker.exists():
                marker.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# disclosure check 的缓存，可随时删除\n",
                               encoding="utf-8")
            if self.tag is not None and len(changed) + len(removed) <= max(SMALL_CHANGE, len(self.used) // 20):
                _write(self.changes_file, (FORMAT, self.tag, changed, removed))
                return
            _write(self.file, (FORMAT, os.urandom(16), self.used))
            self.changes_file.unlink(missing_ok=True)
        except OSError:
            return


def _write(file: Path, data: tuple) -> None:
    """`data` pickled into `file`, which is replaced whole or not at all."""
    with tempfile.NamedTemporaryFile(dir=file.parent, prefix=".tmp-", delete=False) as out:
        try:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, file)


def _load(file: Path) -> tuple[bytes | None, dict[bytes, tuple]]:
    """The whole file's tag and entries; (None, {}) when it is missing, damaged or of another version."""
    found = _unpickled(file)
    if not (type(found) is tuple and len(found) == 3 and found[0] == FORMAT and type(found[1]) is bytes
            and type(found[2]) is dict):
        return None, {}
    return found[1], found[2]


def _with_changes(whole: dict[bytes, tuple], tag: bytes | None, changes_file: Path) -> dict[bytes, tuple]:
    """The whole file's entries with the changes file's applied, when it was written against this whole file."""
    found = _unpickled(changes_file) if tag is not None else None
    if not (type(found) is tuple and len(found) == 4 and found[0] == FORMAT and found[1] == tag
            and type(found[2]) is dict and type(found[3]) is list):
        return whole
    entries = dict(whole)
    for key in found[3]:
        entries.pop(key, None)
    entries.update(found[2])
    return entries


def _unpickled(file: Path):
    try:
        with open(file, "rb") as handle:
            return _Unpickler(handle).load()
    except Exception:  # noqa: BLE001 - missing, damaged or of another version: start afresh
        return None


def plain_entry(document: Document | None, problems: list[Diagnostic], body_problems: list[Diagnostic] | None,
                plain_body: bool = False) -> tuple:
    """What `documents.document_parts` returned, as a cache entry: the document without its body, category and
    type (a `_CachedDocument`, its own copies of the lists and line map), the problems as plain tuples; `plain_body`:
    the rules' scans of its body found nothing (`body_known_plain`)."""
    return (document and _stored_document(document), len(document.body) if document else 0,
            _plain_diagnostics(problems), None if body_problems is None else _plain_diagnostics(body_problems),
            plain_body)


def entry_of(plain: tuple) -> Entry:
    """The entry's parts; ValueError for what this code does not write (the caller reads the file again)."""
    document, body_chars, problems, body_problems, plain_body = plain
    if document is not None and not (type(document) is _CachedDocument and document.__dict__.keys() == _STORED_NAMES
                                     and type(document.lines) is LineMap and type(body_chars) is int) \
            or type(plain_body) is not bool:
        raise ValueError("not a document entry of this version")
    return Entry(document, body_chars, _diagnostics(problems),
                 None if body_problems is None else _diagnostics(body_problems), plain_body)


# What an entry's document holds: every field but those `restored` sets.
_STORED = tuple(f.name for f in dataclasses.fields(Document) if f.name not in ("body", "category", "doc_type"))
_STORED_NAMES = frozenset(_STORED)


def _stored_document(document: Document) -> Document:
    state = {}
    for name in _STORED:
        value = getattr(document, name)
        if name == "lines":
            value = LineMap(value.offset, dict(value.lines))
        elif isinstance(value, list):
            value = list(value)   # the entry keeps its own copy of what the rules may hold
        state[name] = value
    stored = _CachedDocument.__new__(_CachedDocument)
    stored.__dict__.update(state)
    return stored


class _CachedDocument(Document):
    """A document rebuilt from its entry: the body is decoded from the file's bytes when first read (a run
    that checks only some bodies decodes few of the others: the rules across documents rarely need them)."""

    @property
    def body(self) -> str:
        state = self.__dict__
        if "_body" not in state:
            raw, path, chars = state.pop("_source")
            text = decode_text(raw, path)[0] or ""
            state["_body"] = text[len(text) - chars:] if chars else ""
        return state["_body"]

    @body.setter
    def body(self, value: str) -> None:
        self.__dict__.pop("_source", None)
        self.__dict__.pop("_plain", None)   # said of the body read from the file
        self.__dict__["_body"] = value


def body_known_plain(page) -> bool:
    """Whether `page` is a document taken from its entry, with the body it was read with, which the rules' readings found
    plain when the entry was made (no markup, link or theme class for `Site.body_scan`, nothing for E109's limits, no
    sign of a link or mark that joins texts: most documents are prose). The rules then skip those readings, and the
    body need not be decoded for them."""
    return type(page) is _CachedDocument and "_plain" in page.__dict__


def _plain_diagnostics(diagnostics: list[Diagnostic]) -> list[tuple]:
    return [(d.path, d.line, d.code, d.message, d.severity) for d in diagnostics]


def _diagnostics(plain: list[tuple]) -> list[Diagnostic]:
    """Made again through the registry: a code nobody registered (a damaged or planted entry) is a KeyError,
    never a line; the severity is the one the agency's `rules:` gave (they are part of the key)."""
    return [dataclasses.replace(REGISTRY[code].at(path, line, message), severity=severity)
            for path, line, code, message, severity in plain]


def restored(entry: Entry, raw: bytes, path: str, catalogue, src_uri: str, categories: dict) -> Document | None:
    """The entry's document with its body (from `raw`, the bytes it was read from) and the catalogue's own objects.

    `categories`: folder -> its category, filled as folders are met (one run's memo)."""
    document = entry.document
    if document is None:
        return None
    document.__dict__["_source"] = (raw, path, entry.body_chars)
    if entry.plain_body:
        document.__dict__["_plain"] = True
    folder = posixpath.dirname(src_uri)
    if folder not in categories:
        categories[folder] = catalogue.category_at(folder)
    document.category = categories[folder]
    document.doc_type = catalogue.types.get(document.type or "")
    return document


# The classes an entry may name (`_Unpickler`): plain data, made without running code of the file's choosing.
_ALLOWED = {(cls.__module__, cls.__qualname__): cls for cls in (_CachedDocument, LineMap, Allowance, Attachment, dt.date)}
