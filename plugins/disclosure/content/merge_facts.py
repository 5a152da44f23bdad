"""What the merge of a platform's unit outputs takes from content/ itself, never from a unit's hand-over.

A unit's output is an artefact of another CI job; the merge job has the repository. From its
documents: the personal data the office decided to publish (`allow_personal_info` of public
documents, as digits), and what is withheld (依申请公开, 不予公开) — the page address each
withheld document would have, and the SHA-256 of each file it names — so that no unit output can
publish it, whatever its manifest says; and the SHA-256 of each attachment a person checked by hand
(`checked:`), the only attachments the merge publishes without reading them whole. One pass over
content/: only files that mention one of the three keys are parsed.

A withheld body's text copied into a published page is found by its paragraphs and its attachments'
text (`text/runs.py`): a run
of one of them (a clause or more) in a unit's page is refused, unless the same run is in the public
sources too (a public document, a withheld one's front matter, catalogue.yaml, mkdocs.yml): boilerplate
that both share. Those sources are read only when a run is met, once per merge.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

from ..privacy.attachments import Piece, Unreadable, attachment_pieces
from ..privacy.numbers import allowance_key
from ..text.controls import smuggled_read
from ..text.markup import scan_body
from ..text.runs import PIECE, Runs, normalised
from .disclosure_statements import linked_file_note, withheld_statements, withholding_name_note, withholding_title_note
from .documents import WITHHELD_ROW, split_front_matter
from .fields import PUBLIC
from .seen_files import SeenFiles
from .unit_layout import same_address
from .withheld_text_copies import written_by_someone
from .yamlsource import decode_text, load_yaml


SHARED, FRONT = "shared", "front"   # a run of a public source; a text of a public document's front matter
PUBLIC_FILE = "public-file"   # "<SHA-256> <size>" of an attachment content/ publishes that holds a withheld body's text


@dataclass
class MergeFacts:
    allowed: frozenset[str] = frozenset()                 # digits of allowed personal data
    withheld_pages: frozenset[str] = frozenset()          # "jyj/notices/secret" (no extension, no slash)
    withheld_digests: dict[str, str] = field(default_factory=dict)   # SHA-256 → the content/ file it is
    checked_digests: frozenset[str] = frozenset()         # SHA-256 of public attachments with `checked:`
    withheld_text: Runs = field(default_factory=lambda: Runs({}))   # withheld bodies' paragraphs (normalised)
    # a withheld body's short line of a label and a value (公开方式：主动公开), normalised → (the label, the value)
    labelled: dict[str, tuple[str, str]] = field(default_factory=dict)
    public_sources: tuple[Path, ...] = ()                 # content/ and the configuration files: what may be shared
    # the sizes of the `checked:` attachments: a unit's file past what the readers read is published only at one of them
    checked_sizes: frozenset[int] = frozenset()
    _public: str | None = field(default=None, repr=False, compare=False)
    _public_front: str | None = field(default=None, repr=False, compare=False)
    _public_files: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _sizes: dict[int, list[Path]] | None = field(default=None, repr=False, compare=False)   # content/'s files by size
    _digests: dict[Path, str] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    # what content/'s public text let through that a withheld body holds too (`granted`): a unit the next merge trusts
    # is not read again, so that merge asks content/ again whether each is still public (`still_granted`)
    _granted: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def copied_text(self, text: str, source: str | None = None) -> tuple[str, str] | None:
        """(a run, the withheld file) when `text` (what a published file shows) holds a withheld body's text;
        its pieces are remembered for `spread_copies` when the file it is (`source`) is named."""
        if not self.withheld_text:
            return None
        if (decoded := smuggled_read(text)) is not None:   # carried by characters drawn as nothing, read back by programs
            text += "\n" + decoded[0]
        return self.withheld_text.first_run(normalised(text), self._shared, source)

    def _shared(self, run: str) -> bool:
        """Whether a run is the public sources' too: held by one of them, or a short line of a label and a value each
        held by one (公开方式：主动公开 as every public page's metadata table prints it: the template's label, a value)."""
        public = self._public_text()
        label, value = self.labelled.get(run, ("", ""))
        shared = run in public or bool(label) and bool(value) and label in public and value in public
        if shared:
            self._granted.add((SHARED, run))
        return shared

    def granted(self) -> list[list[str]]:
        """The withheld texts content/'s public sources let through in this merge (see `_granted`), sorted."""
        return sorted([kind, text] for kind, text in self._granted)

    def grant(self, kind: str, text: str) -> None:
        """Remember that content/'s public text let `text` through (`kind`: how it was asked; see `_granted`)."""
        self._granted.add((kind, text))

    def still_granted(self, granted: object, asks: dict[str, Callable[[str], bool]]) -> bool:
        """Whether content/ still lets through each text an earlier merge's `granted()` lists (`asks`: for each kind,
        the question asked then, beside this module's own): an editor who took a paragraph out of every public page
        (it is withheld text only now) makes a unit that still prints it, and that merge trusted, a leak a first
        merge refuses."""
        if not isinstance(granted, list):
            return False
        asks = {SHARED: self._shared, FRONT: self.in_public_front_matter, PUBLIC_FILE: self._still_public_file, **asks}
        return all(isinstance(item, list) and len(item) == 2 and item[0] in asks and isinstance(item[1], str)
                   and asks[item[0]](item[1]) for item in granted)

    def public_file(self, digest: str, size: int) -> bool:
        """Whether a file of this SHA-256 and size is, byte for byte, one a public document of content/ names as its
        attachment (and no withheld one): what the repository itself publishes, as a public body's text is
        (`_shared`). A list both published and withheld in part (a 行政许可 results table, another unit's working table
        of the same rows) is the office's decision in content/, not a copy a unit's job made. Asked of every file the
        merge reads: content/'s files of the same size are hashed (once), its documents parsed only on a match."""
        if digest in self.withheld_digests or not self.public_sources:
            return False
        content_dir = self.public_sources[0]
        with self._lock:
            if self._sizes is None:
                self._sizes = _files_by_size(content_dir)
            if not any(_digest(path, self._digests) == digest for path in self._sizes.get(size, ())):
                return False
            if self._public_files is None:
                self._public_files = frozenset(_public_attachments(content_dir, self.withheld_pages))
        return digest in self._public_files

    def public_copy(self, digest: str, size: int, text: str) -> bool:
        """Whether a file of this SHA-256 and size showing `text` is let through as `public_file`: then, when `text`
        holds a withheld body's run, it is remembered (`granted`): the office may replace or withdraw that attachment
        in content/ while a unit's old copy of it stays in the unit's folder, which the next merge trusts, not reads."""
        if not self.public_file(digest, size):
            return False
        if self.copied_text(text) is not None:   # no file named: its pieces are not the spread check's
            self._granted.add((PUBLIC_FILE, f"{digest} {size}"))
        return True

    def _still_public_file(self, text: str) -> bool:
        digest, _, size = text.partition(" ")
        return size.isdigit() and self.public_file(digest, int(size))

    def spread_copies(self) -> list[tuple[list[str], int, str]]:
        """(the files, the characters they cover together, the withheld file) for each withheld paragraph whose
        pieces the files named to `copied_text` hold only together (text/runs.py `Runs.spread`)."""
        return self.withheld_text.spread() if self.withheld_text else []

    def _public_text(self) -> str:
        with self._lock:
            if self._public is None:
                self._public = "\x00".join(_public_texts(self.public_sources, self.withheld_pages))
            return self._public

    def in_public_front_matter(self, text: str) -> bool:
        """Whether `text` (normalised) is in the front matter of a public document of content/ (a summary no
        page prints, shown in search results). Read once per merge, when first asked."""
        found = bool(text) and text in self.public_front_matter()
        if found:
            self._granted.add((FRONT, text))
        return found

    def public_front_matter(self) -> str:
        """The texts of the public documents' front matter (summaries, topics …), joined by NUL."""
        with self._lock:
            if self._public_front is None:
                self._public_front = "\x00".join(_public_texts(self.public_sources[:1], self.withheld_pages,
                                                                front_only=True))
        return self._public_front

    def withheld_page(self, path: str) -> str | None:
        """The withheld document's page address `path` (a unit output file) lies at, if any: as a server
        finds it, so also written in other case, with a trailing dot or space, or in another Unicode
        normalisation (IIS on Windows serves jyj/fees/Secret./ for jyj/fees/secret/)."""
        path = same_address(path)
        for stem in (path.rsplit("/", 1)[0], path[:-len(".html")] if path.endswith(".html") else None):
            while stem:
                if stem in self._withheld_addresses:
                    return self._withheld_addresses[stem]
                stem = stem.rpartition("/")[0]
        return None

    @cached_property
    def _withheld_addresses(self) -> dict[str, str]:
        return {same_address(page): page for page in sorted(self.withheld_pages)}


def merge_facts(content_dir: Path, today: dt.date, configuration: tuple[Path, ...] = (),
                seen: SeenFiles | None = None) -> MergeFacts:
    """`configuration`: catalogue.yaml, mkdocs.yml (their values are printed on the pages). `seen`: the Markdown files
    the last merge read (a file unchanged since, in which it found nothing to parse, is not read again), filled with
    those read now and their SHA-256 (platform/staleness.py compares them with the units' `sources`)."""
    allowed, pages, digests, checked, bodies, labelled = set(), set(), {}, {}, {}, {}

    def withhold(named: dict[str, str]) -> None:
        """Attachments (digest → path) no unit may publish: by their bytes, and by their text."""
        digests.update(named)
        for path in named.values():
            bodies.update((text, f"{content_dir.name}/{path}") for text in _attachment_texts(content_dir / path))

    for folder, _, names in os.walk(content_dir):
        for name in names:
            if not name.endswith(".md"):
                continue
            file = Path(folder) / name
            src_uri = file.relative_to(content_dir).as_posix()
            try:
                found = os.lstat(file)
                if seen is not None and seen.inert(src_uri, found):
                    continue   # the very file a merge read and found nothing in (content/seen_files.py)
                raw = _markdown_bytes(file)
            except OSError:
                continue
            text, refused = decode_text(raw, name)   # as the build reads it: BOM and CR line ends gone
            if text is None:   # not UTF-8, NUL bytes, too large: refused by the build; its text as GBK would show
                text = raw.decode("gb18030", "replace").replace("\r\n", "\n").replace("\r", "\n")
            parts = split_front_matter(text)
            # A body stating that it is not public (its 附注 此件不予公开: E102 in the build) is withheld here too.
            stated = parts is not None and bool(withheld_statements(parts[1], attachments="attachments" in parts[0]))
            # so is one in a folder named so (不予公开材料/, 内部（不予公开）/: E102 in the build)
            stated = stated or bool(withholding_name_note(src_uri))
            # Only files that name one of the keys are parsed; a key spelt with a YAML escape has a backslash.
            parsed = not (parts is None or not refused and not stated and not any(key in parts[0] for key in (
                "allow_personal_info", "disclosure", "checked", "\\")) and not _TITLE_NOTE.search(parts[0])
                and not _NOTE_IN_FRONT.search(parts[0]) and not _linking_marked(parts[1]))
            # recorded whether it gave any fact, unless written meanwhile; a file whose facts depend on others
            # (the attachments it names) or on the day (its allowed personal data) is recorded as giving some
            note = (lambda inert: seen.note(src_uri, found, hashlib.sha256(raw).hexdigest(), inert)) \
                if seen is not None and len(raw) == found.st_size else (lambda inert: None)
            if not parsed:
                note(True)
                continue
            front = None if refused else load_yaml(parts[0], name).data   # dates as text, as the build: never raises
            # A front matter the build cannot read is refused there (E100); here its body is taken for withheld,
            # so that no unit output publishes what its build refused.
            # so is a document whose title ends in such a note (关于……的通知（依申请公开）: E102 in the build), or whose
            # summary states it (摘要：此件不予公开)
            if stated or not isinstance(front, dict) or front.get("disclosure") not in (None, PUBLIC) or \
                    isinstance(front.get("title"), str) and withholding_title_note(front["title"]) or \
                    isinstance(front.get("summary"), str) and withheld_statements(front["summary"]):
                front = front if isinstance(front, dict) else {}
                pages.add(src_uri[:-len(".md")])
                # each paragraph, and each of its lines (a table's row: a name and an amount) on its own
                for paragraph in _PARAGRAPH_BREAK.split(parts[1]):
                    for part in (paragraph, *(paragraph.split("\n") if "\n" in paragraph.strip() else ())):
                        bodies[normalised(part)] = f"{content_dir.name}/{src_uri}"
                        if (pair := _LABELLED.match(part)) and len(normalised(part)) < PIECE:
                            labelled[normalised(part)] = (normalised(pair.group(1)), normalised(pair.group(2)))
                bodies.update((text, f"{content_dir.name}/{src_uri}") for text in _unlisted_front_texts(front))
                withhold(_named_files(content_dir, src_uri, front.get("attachments")))
                note(False)
                continue
            attachments = front.get("attachments")
            # an attachment its title marks as not public (名单（不予公开）: E102 in the build) is withheld here too
            marked = [item for item in _items(attachments) if _marked(item)]
            # so is a file the body links marked so in the link or its name ([名单（不予公开）](files/名单.csv): E102)
            linked = [unquote(urlsplit(link.target).path) for link in scan_body(parts[1]).links
                      if linked_file_note(link)] if _linking_marked(parts[1]) else []
            checked_items = [item for item in _items(attachments) if isinstance(item, dict) and item.get("checked")]
            items = front.get("allow_personal_info")
            allowances = [item for item in items if isinstance(item, dict) and item.get("value") is not None] \
                if isinstance(items, list) else []
            withhold(_named_files(content_dir, src_uri, marked))
            withhold(_named_files(content_dir, src_uri, linked))
            checked.update(_named_files(content_dir, src_uri, checked_items))
            allowed.update(allowance_key(str(item["value"]), today) for item in allowances)
            note(not (marked or linked or checked_items or allowances))
    return MergeFacts(frozenset(allowed), frozenset(pages), digests, frozenset(checked), Runs(bodies), labelled,
                      (content_dir, *configuration), frozenset(_sizes(content_dir, checked.values())))


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LABELLED = re.compile(r"^\s*([^：:\n]{1,8})[：:]\s*(\S.*?)\s*$")   # 公开方式：主动公开
# What a note withholding an attachment ends with: a front matter without it is not parsed for one.
# A summary stating it (此件不予公开。): a front matter without 此件/本件 is not parsed for one.
_NOTE_IN_FRONT = re.compile(r"[此本]\s*件")
_TITLE_NOTE = re.compile(r"(?:公\s*开|内部|秘密|机密|绝密|涉密|外传)\s*[)）］】\]〕〗﹚﹞⁾₎]")


def _linking_marked(body: str) -> bool:
    """Whether a body may link a file with such a note (in the link, the file's name, or %-escaped in its address)."""
    return bool(_TITLE_NOTE.search(body)) or "%" in body or bool(_NAMED_FOLDER.search(body))


# A folder named for what it holds without brackets (files/不予公开材料/名单.csv): linked files are read for it.
_NAMED_FOLDER = re.compile(r"(?:公\s*开|内部|秘密|机密|绝密|涉密|internal|confidential|private|secret|restricted|classified|withheld"
                           r"|public)[^/\s()]{0,12}/", re.I)


def _public_texts(sources: tuple[Path, ...], withheld_pages: frozenset[str], front_only: bool = False):
    """Every text of the public sources, normalised: all of content/'s Markdown but a withheld body.
    `front_only`: only the front matter of the public documents (no body, nothing of a withheld one)."""
    content_dir, *configuration = sources
    for file in configuration:
        yield normalised(_text(file))
    for folder, _, names in os.walk(content_dir):
        for name in names:
            if name.endswith(".md"):
                file = Path(folder) / name
                text = _text(file)
                withheld = file.relative_to(content_dir).as_posix()[:-len(".md")] in withheld_pages
                if withheld and front_only:
                    continue
                if withheld:   # only what its row in the list of 不主动公开的信息 prints is public
                    yield from _listed_front_texts(text)
                    continue
                if front_only:
                    parts = split_front_matter(text)
                    text = parts[0] if parts else ""
                yield normalised(text)


# A withheld document's front matter keys that hold no prose of it: dates, its type, other documents' 索引号.
_NOT_PROSE = frozenset({"type", "published", "issued", "validity", "interprets", "superseded_by", "responds_to",
                        "allow_personal_info", "imported"})
_NOT_PROSE_IN_ITEMS = frozenset({"file", "checked", "size"})   # an attachment's file name is checked by its bytes


def _unlisted_front_texts(front: dict) -> Iterator[str]:
    """A withheld document's front matter texts that no page shows (its 摘要, 文号, 主题, 发布机构, an attachment's
    title), normalised: withheld as its body is. The listing's row (title, 索引号, 公开属性, reason) is public."""
    for key, value in front.items():
        if key not in WITHHELD_ROW and key not in _NOT_PROSE:
            yield from (text for leaf in _string_leaves(value) if (text := normalised(leaf)))


def _string_leaves(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _string_leaves(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_PROSE_IN_ITEMS:
                yield from _string_leaves(item)


def _listed_front_texts(text: str) -> Iterator[str]:
    """The values a withheld document's row in the list of 不主动公开的信息 prints, normalised."""
    parts = split_front_matter(text)
    front = load_yaml(parts[0], "").data if parts else None
    for key in WITHHELD_ROW if isinstance(front, dict) else ():
        yield from (normalised(leaf) for leaf in _string_leaves(front.get(key)))


def _marked(item: object) -> bool:
    """Whether an attachments entry is marked by the office as not public, in its title or its file's name."""
    return isinstance(item, dict) and (
        isinstance(item.get("title"), str) and bool(withholding_title_note(posixpath.basename(item["title"]))) or
        isinstance(item.get("file"), str) and bool(withholding_name_note(item["file"])))


def _items(attachments: object) -> list:
    return attachments if isinstance(attachments, list) else []


def _public_attachments(content_dir: Path, withheld_pages: frozenset[str]) -> Iterator[str]:
    """The SHA-256 of each file a public document of content/ names as an attachment not marked as withheld."""
    for folder, _, names in os.walk(content_dir):
        for name in names:
            file = Path(folder) / name
            src_uri = file.relative_to(content_dir).as_posix()
            if not name.endswith(".md") or src_uri[:-len(".md")] in withheld_pages:
                continue
            parts = split_front_matter(_text(file))
            front = load_yaml(parts[0], name).data if parts else None
            if isinstance(front, dict):
                yield from _named_files(content_dir, src_uri, [item for item in _items(front.get("attachments"))
                                                               if not _marked(item)])


def _files_by_size(content_dir: Path) -> dict[int, list[Path]]:
    """content/'s files but its Markdown, by size (regular files only)."""
    sizes: dict[int, list[Path]] = {}
    for folder, _, names in os.walk(content_dir):
        for name in names:
            file = Path(folder) / name
            if not name.endswith(".md") and file.is_file() and not file.is_symlink():
                sizes.setdefault(file.stat().st_size, []).append(file)
    return sizes


def _digest(file: Path, known: dict[Path, str]) -> str:
    if file not in known:
        try:
            with open(file, "rb") as handle:
                known[file] = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            known[file] = ""
    return known[file]


def _attachment_texts(file: Path) -> list[str]:
    """A withheld attachment's text, every part someone wrote, normalised: whole (a list's short cells too, each fewer
    characters than a mobile number: 序号, a name, an amount) and each piece as long as one (a row of a .csv) on its
    own. A unit's page or file must not show it either (its bytes changed by one, re-saved, or its text typed into a
    page: no longer the same digest). What the program saving it writes (the theme's fonts, its parts' addresses) is
    in every file that program saves, no one's content (`withheld_text_copies.written_by_someone`)."""
    try:
        whole = _written(attachment_pieces(file, shortest=1))
        alone = _written(attachment_pieces(file))
    except Unreadable:
        return []
    return ["".join(whole), *alone]


def _written(pieces) -> list[str]:
    return [normalised(piece.text) for piece in pieces if isinstance(piece, Piece) and written_by_someone(piece.where)]


def _markdown_bytes(file: Path) -> bytes:
    """A Markdown file of content/, read for what it withholds and allows."""
    return file.read_bytes()


def _text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _sizes(content_dir: Path, paths) -> Iterator[int]:
    """The size of each file of content/ (`paths` relative to it) that is there."""
    for path in paths:
        try:
            yield (content_dir / path).stat().st_size
        except OSError:
            continue


def _named_files(content_dir: Path, src_uri: str, attachments: object) -> dict[str, str]:
    found = {}
    for item in attachments if isinstance(attachments, list) else []:
        target = item.get("file") if isinstance(item, dict) else item
        if not isinstance(target, str):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        try:
            with open(content_dir / path, "rb") as handle:
                found[hashlib.file_digest(handle, "sha256").hexdigest()] = path
        except OSError:
            continue
    return found
