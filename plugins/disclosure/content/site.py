"""The whole disclosure section: catalogue, every document, and the problems found in them."""

from __future__ import annotations

import datetime as dt
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..codes import E100, E102
from ..codes.diagnostics import Diagnostic, count_errors
from ..process.children import child_context
from ..text.limits import limit_problems
from ..text.markup import BodyScan, joins_nothing, scan_body, table_marker_allowed
from .catalogue import Catalogue
from .catalogue_file import load_catalogue
from .clock import build_date
from .documents import document_parts, read_document, unreadable
from .eras import Exemption
from .inventory import (
    Inventory,
    Walk,
    classify,
    settle,
    unit_folder_problem,
    read_regular,
    walk_content,
)
from .model import Document
from .read_cache import Entry, ReadCache, body_known_plain, entry_of, machine_secret, plain_entry, restored, settings_key
from .relations import Relations, link_documents
from .section_pages import SectionPage, read_section_page
from .units import GOVERNMENT

PARALLEL_FROM = 2000   # documents; below this, starting processes costs more than it saves
READ_BATCH = 250


@dataclass(frozen=True)
class LinkTargets:
    """What a link may point at: files under content/ (and generated pages) minus what is withheld."""
    existing: frozenset[str]
    withheld: frozenset[str]


@dataclass
class Site:
    root: Path
    content_dir: Path
    catalogue: Catalogue | None
    today: dt.date
    documents: list[Document] = field(default_factory=list)
    section_pages: list[str] = field(default_factory=list)
    content_files: list[str] = field(default_factory=list)   # every regular file under content/, as src_uri
    inventory: Inventory = field(default_factory=Inventory)  # what is published, withheld, refused
    relations: Relations = field(default_factory=Relations)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)   # rules waived, and why (for the summary)
    content: str = "content"                  # the content folder as editors name it in paths
    catalogue_path: str = "catalogue.yaml"
    host_config: str = "mkdocs.yml"
    focus: set[str] | None = None             # repository paths whose bodies are checked (None: all)
    section_page_texts: list[SectionPage] = field(default_factory=list)   # the readable index.md pages
    body_scans: dict[str, tuple[str, BodyScan]] = field(default_factory=dict, repr=False)   # `body_scan`'s memo

    @property
    def readable(self) -> bool:
        """Documents can be read only with a catalogue and a content folder."""
        return self.catalogue is not None and self.content_dir.is_dir()

    def body_scan(self, doc: Document) -> BodyScan:
        """`scan_body` of a document's or section page's body, once a run: the markup and the attachments
        families both read every public body's links (at 10,000 documents each scan took a tenth of a second); a body
        its cache entry knows plain is not scanned (nor decoded) again."""
        if body_known_plain(doc):
            return BodyScan([], [], [])
        body = doc.body
        scanned = self.body_scans.get(doc.path)
        if scanned is None or scanned[0] is not body and scanned[0] != body:
            scanned = self.body_scans[doc.path] = (body, scan_body(body, table_marker_allowed(doc)))
        return scanned[1]

    @property
    def error_count(self) -> int:
        return count_errors(self.diagnostics)

    @property
    def public_documents(self) -> list[Document]:
        return [doc for doc in self.documents if doc.is_public]

    def withheld_files(self) -> set[str]:
        """Source paths never published: non-public documents and every file they name, whoever else links it."""
        return set(self.inventory.withheld)

    @property
    def published_attachments(self) -> list[str]:
        """The files other than pages that the site publishes (src_uri): each named by a public page."""
        return list(self.inventory.attachments)

    def published_files(self) -> set[str]:
        """Every source file the host may publish; anything else under content/ stays out."""
        return ({doc.src_uri for doc in self.public_documents} | set(self.section_pages)
                | set(self.inventory.attachments))

    def generated_pages(self) -> set[str]:
        """The home page and every category's listing: the plugin writes them unless an editor did."""
        return {self.catalogue.home_page()} | {f"{c.path}/index.md" for c in self.catalogue.categories()}

    @property
    def unit_id(self) -> str | None:
        """Which unit of a platform this site is (None: a single agency's site)."""
        return self.catalogue.unit_id if self.catalogue else None

    def link_targets(self) -> LinkTargets:
        """What a link may point at: every file and generated page, minus what is withheld."""
        return LinkTargets(frozenset(self.content_files) | self.generated_pages(), frozenset(self.withheld_files()))


def read_site(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
              today: dt.date | None = None, focus: set[str] | None = None,
              host_config: str = "mkdocs.yml", unit: str | None = None, cache: Path | None = None) -> Site:
    """Read the catalogue and every file, decide what is published, link the documents; no rule across files runs here.

    What cannot be read (no front matter, a value of the wrong kind, a file that is no known file)
    is reported while reading, since what it would have been is unknown; the rules are
    `rules.check.check_site`'s. With `cache` (a folder), documents read before with the same bytes
    and settings are taken from there (`read_cache`).
    """
    root = Path(root)
    catalogue_model, diagnostics = load_catalogue(root / catalogue, catalogue)
    unit_model, problems = choose_unit(catalogue_model, unit, catalogue)
    return read_unit(root, unit_model, diagnostics + problems, content, catalogue, today, focus, host_config, cache)


def choose_unit(catalogue: Catalogue | None, unit: str | None, shown_path: str) -> tuple[Catalogue | None, list[Diagnostic]]:
    """The catalogue of the unit to read: a single agency's own; on a platform the named unit's (default: the government's)."""
    if catalogue is None or not catalogue.is_platform:
        if unit and catalogue is not None:
            return None, [E102.at(shown_path, 1, f"只有平台（catalogue.yaml 中写了 departments）才能按部门生成；本网站没有部门“{unit}”")]
        return catalogue, []
    chosen = catalogue.unit(unit or GOVERNMENT)
    if chosen is None:
        known = "、".join(u.id for u in catalogue.platform.units)
        return None, [E102.at(shown_path, 1, f"没有 id 为“{unit}”的部门；可用的：{known}")]
    return chosen, []


def content_folder_problem(root: Path, content: str = "content") -> Diagnostic | None:
    """E100 when the content folder's name is taken by something else (a file, a pipe, a link to a file): a command
    that writes documents there (new, import) must stop with this line before it tries, not with the system's."""
    path = root / content
    if not os.path.lexists(path) or path.is_dir():
        return None
    return E100.at(content, 1, f"{content} 不是文件夹（是同名的文件或其他）：文件应放在 {content}/ 目录下按栏目分目录存放；"
                               f"请把它改名或删除，再建立 {content}/ 目录")


def read_unit(root: Path, unit: Catalogue | None, diagnostics: list[Diagnostic], content: str = "content",
              catalogue: str = "catalogue.yaml", today: dt.date | None = None, focus: set[str] | None = None,
              host_config: str = "mkdocs.yml", cache: Path | None = None) -> Site:
    """Read one catalogue's files: a single agency's whole content/, or one unit's part of a platform's."""
    site = Site(root=root, content_dir=root / content, catalogue=unit,
                today=today or build_date(), diagnostics=diagnostics,
                content=content, catalogue_path=catalogue, host_config=host_config, focus=focus)
    if not site.content_dir.is_dir():
        site.diagnostics.append(content_folder_problem(root, content) or
                                E100.at(content, 1, f"找不到内容目录 {content}/；文件应放在该目录下按栏目分目录存放"))
    if not site.readable:
        return site
    _read_documents(site, content, focus, _open_cache(site, cache))
    site.section_page_texts = _read_section_pages(site, content)
    settle(site.inventory, site.documents, {item.page.src_uri: item.page.body for item in site.section_page_texts})
    platform = site.catalogue.platform
    site.relations = link_documents(site.documents, on_platform=site.catalogue.is_platform,
                                    unit_id=site.catalogue.unit_id,
                                    unit_ids=[unit.id for unit in platform.units] if platform else ())
    return site


def _read_section_pages(site: Site, content: str) -> list[SectionPage]:
    """The hand-written index.md pages, read once; their front matter problems go to the site."""
    pages = []
    for src_uri in site.section_pages:
        page, found = read_section_page(site.content_dir / src_uri, f"{content}/{src_uri}", src_uri)
        site.diagnostics += found
        if page is not None:
            pages.append(page)
    return pages


def _open_cache(site: Site, folder: Path | None) -> ReadCache | None:
    if folder is None or (secret := machine_secret()) is None:
        return None
    try:
        catalogue_bytes = (site.root / site.catalogue_path).read_bytes()
    except OSError:
        return None
    unit = site.catalogue.unit_id
    return ReadCache(folder, unit, settings_key(catalogue_bytes, unit, site.today, site.content, site.content_dir,
                                                   secret))


def _read_documents(site: Site, content: str, focus: set[str] | None, cache: ReadCache | None = None) -> None:
    """Walk content/ once (never following links), refuse what is no known file, read the documents."""
    walk = _walk_unit(site.content_dir, content, site.catalogue)
    site.content_files = walk.files
    site.inventory = classify(walk, site.content_dir, content, site.catalogue)
    site.diagnostics += site.inventory.problems
    site.section_pages = site.inventory.section_pages
    jobs = []
    folder = os.path.join(site.content_dir, "")   # a string: 10,000 Path objects cost more than reading the files
    for src_uri in site.inventory.documents:
        path = f"{content}/{src_uri}"
        jobs.append(_ReadJob(folder + src_uri, path, src_uri, focus is None or path in focus))
    if cache is not None:
        with _collector_paused():
            results = _read_with_cache(site, jobs, cache)
    else:
        results = _read_in_parallel(site, jobs) if len(jobs) >= PARALLEL_FROM else None
    for document, found in results or map(partial(_read_one, site.catalogue, site.content_dir, site.today), jobs):
        site.diagnostics += found
        if document is not None:
            site.documents.append(document)


@contextmanager
def _collector_paused():
    """Reading makes a few objects per document and no cycles: the collector would rescan them all again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _walk_unit(content_dir: Path, content: str, catalogue: Catalogue) -> Walk:
    """A single agency's whole content/; a department's own folder; the government's root without the departments'."""
    if catalogue.folder:
        problem = unit_folder_problem(content_dir, content, catalogue.folder)
        if problem or not (content_dir / catalogue.folder).is_dir():
            return Walk(problems=[problem] if problem else [])   # nothing yet: W301 names its empty columns
        return walk_content(content_dir, content, catalogue.folder)
    others = frozenset(u.folder for u in catalogue.platform.departments) if catalogue.platform else frozenset()
    return walk_content(content_dir, content, skip=others)


class _ReadJob(NamedTuple):   # a tuple: made 10,000 times a run
    file: str   # the content folder joined with src_uri
    path: str
    src_uri: str
    scan_body: bool


def _read_one(catalogue: Catalogue, content_dir: Path, today: dt.date, job: _ReadJob):
    return read_document(Path(job.file), job.path, job.src_uri, catalogue, content_dir, today, scan_body=job.scan_body)


def _read_with_cache(site: Site, jobs: list[_ReadJob], cache: ReadCache) -> list:
    """Each document from the cache when its bytes were read before with the same settings; the others read
    (on every core when there are many) and cached. Every document is rebuilt from its cache entry, so a
    cached run and a fresh one hand the rules the same thing."""
    results: list = [None] * len(jobs)
    raws: list[bytes] = [b""] * len(jobs)
    missing: list[tuple[int, bytes, bytes]] = []
    parallel = _ParallelParse(site, jobs, missing)
    for index, job in enumerate(jobs):
        try:
            raw = read_regular(job.file)
        except OSError as error:
            results[index] = (None, [unreadable(job.path, error)])
            continue
        key = cache.key(raw, job.path)
        entry = cache.get(key, job.scan_body)
        if entry is None:
            missing.append((index, key, raw))
            parallel.offer()
        raws[index] = raw
        results[index] = entry
    parsed = parallel.results()
    if parsed is None:
        parsed = [_parsed(site.catalogue, site.content_dir, site.today, jobs[index], raw) for index, _, raw in missing]
    for (index, key, raw), plain in zip(missing, parsed):
        cache.put(key, plain)
        results[index] = entry_of(plain)
    cache.save()
    categories: dict = {}
    for index, (job, entry) in enumerate(zip(jobs, results)):
        if isinstance(entry, Entry):
            found = entry.problems + (entry.body_problems if job.scan_body else [])
            results[index] = (restored(entry, raws[index], job.path, site.catalogue, job.src_uri, categories), found)
    return results


def _parsed(catalogue: Catalogue, content_dir: Path, today: dt.date, job: _ReadJob, raw: bytes) -> tuple:
    """A document read from its bytes, as a cache entry's plain data; with its body scanned, whether the rules' scans
    find it plain (done here, on every core where there are many, instead of in the rules after the reading)."""
    document, problems, body_problems = document_parts(raw, Path(job.file), job.path, job.src_uri, catalogue,
                                                       content_dir, today, job.scan_body)
    return plain_entry(document, problems, body_problems, job.scan_body and _plain_body(document))


def _plain_body(document: Document | None) -> bool:
    """The rules' readings of the body find nothing in it: its scan (`Site.body_scan`), E109's `limit_problems`, and the
    texts its markup joins (`documents.joined_sources`, whatever marks mkdocs.yml enables)."""
    return document is not None and joins_nothing(document.body) and not limit_problems(document.body) and \
        scan_body(document.body, table_marker_allowed(document)) == BodyScan([], [], [])


_WORKER_SETTINGS: tuple = ()


def _start_worker(catalogue: Catalogue, content_dir: Path, today: dt.date) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = (catalogue, content_dir, today)


def _parse_batch(batch: list[tuple[_ReadJob, bytes]]) -> list[tuple]:
    return [_parsed(*_WORKER_SETTINGS, job, raw) for job, raw in batch]


class _ParallelParse:
    """The documents the cache lacks, parsed on every core while the others are still read and hashed: the
    workers start at the PARALLEL_FROM-th missing document and take each READ_BATCH of them once it is read
    (reading 10,000 files first left a core idle for a third of a second). Each worker gets the catalogue
    once, and sends back plain data without the bodies, in the order of `missing`."""

    def __init__(self, site: Site, jobs: list[_ReadJob], missing: list[tuple[int, bytes, bytes]]):
        self.site, self.jobs, self.missing = site, jobs, missing
        self.pool = None
        self.batches: list = []   # futures, in order
        self.sent = 0             # documents of `missing` handed to the workers
        self.failed = False       # no worker could be started, or one died: the caller parses them all itself

    def offer(self) -> None:
        """Called after each document added to `missing`."""
        if self.failed or len(self.missing) < PARALLEL_FROM:
            return
        if self.pool is None:
            self.pool = _parse_pool(self.site)
            self.failed = self.pool is None
        while not self.failed and len(self.missing) - self.sent >= READ_BATCH:
            self._send(READ_BATCH)

    def results(self) -> list[tuple] | None:
        """Every missing document's plain entry, in order; None when the workers did not (all) run."""
        if self.pool is None:
            return None
        from concurrent.futures.process import BrokenProcessPool
        try:
            self._send(len(self.missing) - self.sent)
            if not self.failed:
                return [plain for batch in self.batches for plain in batch.result()]
        except (OSError, BrokenProcessPool):
            pass
        finally:
            self.pool.shutdown()
        return None

    def _send(self, count: int) -> None:
        from concurrent.futures.process import BrokenProcessPool
        batch = [(self.jobs[index], raw) for index, _, raw in self.missing[self.sent:self.sent + count]]
        self.sent += count
        if batch and not self.failed:
            try:   # the first batch forks the workers
                self.batches.append(self.pool.submit(_parse_batch, batch))
            except (OSError, BrokenProcessPool):
                self.failed = True


def _parse_pool(site: Site):
    """A pool of worker processes for `_parse_batch` (forked where no other thread runs); None on one core."""
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor   # the processes' machinery loads only when a run needs it
    return ProcessPoolExecutor(workers, mp_context=child_context(), initializer=_start_worker,
                               initargs=(site.catalogue, site.content_dir, site.today))


def _read_batch(catalogue: Catalogue, content_dir: Path, today: dt.date, jobs: list[_ReadJob]):
    return [_read_one(catalogue, content_dir, today, job) for job in jobs]


def _read_in_parallel(site: Site, jobs: list[_ReadJob]):
    """Large sites: read front matter on every core (YAML is most of the check's time).

    Returns None when no worker process can be started; the caller then reads in this one.
    """
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    batches = [jobs[start:start + READ_BATCH] for start in range(0, len(jobs), READ_BATCH)]
    task = partial(_read_batch, site.catalogue, site.content_dir, site.today)
    try:   # forked where safe: a new interpreter per worker imported the package again (a third of a second each)
        with ProcessPoolExecutor(workers, mp_context=child_context()) as pool:
            results = [result for batch in pool.map(task, batches) for result in batch]
    except (OSError, BrokenProcessPool):
        return None
    for document, _ in results:
        if document is not None:
            # Categories and types came back as copies; documents must point at this catalogue's own objects.
            document.category = document.category and site.catalogue.category_at(document.category.path)
            document.doc_type = document.doc_type and site.catalogue.types[document.type]
    return results
