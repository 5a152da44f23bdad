"""The whole disclosure section: catalogue, every document, and the problems found in them."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .catalogue import Catalogue, Category, load_catalogue
from .clock import build_date
from .diagnostics import Diagnostic, count_errors
from .documents import published_values, read_document, split_front_matter
from .yamlsource import LineMap, decode_text, load_yaml
from .links import LinkTargets
from .model import Document
from .relations import Relations, link_documents
from .eras import Exemption
from .rules import E100
from .rules.check import check_site

SECTION_PAGE = "index.md"
PARALLEL_FROM = 2000   # documents; below this, starting processes costs more than it saves
READ_BATCH = 250


@dataclass
class Site:
    root: Path
    content_dir: Path
    catalogue: Catalogue | None
    today: dt.date
    documents: list[Document] = field(default_factory=list)
    section_pages: list[str] = field(default_factory=list)
    content_files: list[str] = field(default_factory=list)   # every file under content/, as src_uri
    relations: Relations = field(default_factory=Relations)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)   # rules waived, and why (for the summary)
    content: str = "content"                  # the content folder as editors name it in paths
    catalogue_path: str = "catalogue.yaml"
    focus: set[str] | None = None             # repository paths whose bodies are checked (None: all)
    section_page_texts: list[SectionPageText] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """Documents can be read only with a catalogue and a content folder."""
        return self.catalogue is not None and self.content_dir.is_dir()

    @property
    def error_count(self) -> int:
        return count_errors(self.diagnostics)

    @property
    def public_documents(self) -> list[Document]:
        return [doc for doc in self.documents if doc.is_public]

    def withheld_files(self) -> set[str]:
        """Source paths never published: non-public documents and their attachments (unless a
        public document attaches the same file)."""
        public = {a.src_uri for doc in self.public_documents for a in doc.attachments}
        hidden = [doc for doc in self.documents if not doc.is_public]
        return {doc.src_uri for doc in hidden} | ({a.src_uri for doc in hidden for a in doc.attachments} - public)

    def link_targets(self) -> LinkTargets:
        """What a link may point at: every file and generated page, minus what is withheld."""
        generated = {"index.md"} | {f"{c.path}/index.md" for c in self.catalogue.categories()}
        return LinkTargets(frozenset(self.content_files) | generated, frozenset(self.withheld_files()))

    def documents_in(self, category: Category, public_only: bool = True) -> list[Document]:
        """Documents of a category and its sub-categories, newest year first, then newest first."""
        inside = {c.id for c in category.walk()}
        found = [d for d in self.documents if d.category and d.category.id in inside and (d.is_public or not public_only)]
        return sorted(found, key=Document.listing_key, reverse=True)


def load_site(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
              today: dt.date | None = None, focus: set[str] | None = None) -> Site:
    """Read everything under `root`, then run every rule on it; every problem ends up in `Site.diagnostics`.

    With `focus` (repository paths, e.g. the files of a pull request), every front matter is
    still read, so that rules across documents see the whole site, but bodies are checked
    only for the focused files.
    """
    return check_site(read_site(root, content, catalogue, today, focus))


def read_site(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
              today: dt.date | None = None, focus: set[str] | None = None) -> Site:
    """Read the catalogue and every file, and link the documents; no rule across files runs here.

    What cannot be read (no front matter, a value of the wrong kind) is reported while reading,
    since the value it would have had is unknown; the rules are `rules.check.check_site`'s.
    """
    root = Path(root)
    catalogue_model, diagnostics = load_catalogue(root / catalogue, catalogue)
    site = Site(root=root, content_dir=root / content, catalogue=catalogue_model,
                today=today or build_date(), diagnostics=diagnostics,
                content=content, catalogue_path=catalogue, focus=focus)
    if not site.content_dir.is_dir():
        site.diagnostics.append(E100.at(content, 1, f"找不到内容目录 {content}/；文件应放在该目录下按栏目分目录存放"))
    if not site.readable:
        return site
    _read_documents(site, content, focus)
    site.relations = link_documents(site.documents)
    site.section_page_texts = [_read_section_page(site, src_uri) for src_uri in site.section_pages]
    return site


@dataclass(frozen=True)
class SectionPageText:
    """A hand-written index.md as published: its body (as a `Document`) and its front matter values."""
    page: Document | None          # None when the file is no text
    values: list[tuple[int, str]]
    problems: list[Diagnostic]     # why it could not be read


def _read_section_page(site: Site, src_uri: str) -> SectionPageText:
    path = f"{site.content}/{src_uri}"
    text, found = decode_text((site.content_dir / src_uri).read_bytes(), path)
    if text is None:
        return SectionPageText(None, [], found)
    parts = split_front_matter(text)
    body, body_line = (parts[1], parts[2]) if parts else (text, 1)
    page = Document(path=path, src_uri=src_uri, lines=LineMap(), body=body, body_line=body_line)
    return SectionPageText(page, _section_page_values(parts, path), found)


def _section_page_values(parts: tuple[str, str, int] | None, path: str) -> list[tuple[int, str]]:
    """The front matter values of a hand-written index.md (its title, its description in a meta tag)."""
    if parts is None:
        return []
    parsed = load_yaml(parts[0], path, line_offset=1)
    return published_values(parsed.data, parsed.lines) if isinstance(parsed.data, dict) else []


def content_files(content_dir: Path) -> list[str]:
    """Every file MkDocs would publish from `content_dir`, in a stable order (hidden folders skipped)."""
    files = (p.relative_to(content_dir) for p in content_dir.rglob("*") if p.is_file())
    return sorted(p.as_posix() for p in files if not any(part.startswith(".") for part in p.parts))


def _read_documents(site: Site, content: str, focus: set[str] | None) -> None:
    jobs = []
    site.content_files = content_files(site.content_dir)
    for src_uri in (uri for uri in site.content_files if uri.endswith(".md")):
        file = site.content_dir / src_uri
        if file.name == SECTION_PAGE:
            site.section_pages.append(src_uri)
            continue
        path = f"{content}/{src_uri}"
        jobs.append(_ReadJob(file, path, src_uri, focus is None or path in focus))
    results = _read_in_parallel(site, jobs) if len(jobs) >= PARALLEL_FROM else None
    for document, found in results or map(partial(_read_one, site.catalogue, site.content_dir, site.today), jobs):
        site.diagnostics += found
        if document is not None:
            site.documents.append(document)


@dataclass(frozen=True)
class _ReadJob:
    file: Path
    path: str
    src_uri: str
    scan_body: bool


def _read_one(catalogue: Catalogue, content_dir: Path, today: dt.date, job: _ReadJob):
    return read_document(job.file, job.path, job.src_uri, catalogue, content_dir, today, scan_body=job.scan_body)


def _read_batch(catalogue: Catalogue, content_dir: Path, today: dt.date, jobs: list[_ReadJob]):
    return [_read_one(catalogue, content_dir, today, job) for job in jobs]


def _read_in_parallel(site: Site, jobs: list[_ReadJob]):
    """Large sites: read front matter on every core (YAML is most of the check's time).

    Returns None when no worker process can be started; the caller then reads in this one.
    """
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        return None
    batches = [jobs[start:start + READ_BATCH] for start in range(0, len(jobs), READ_BATCH)]
    task = partial(_read_batch, site.catalogue, site.content_dir, site.today)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = [result for batch in pool.map(task, batches) for result in batch]
    except (OSError, BrokenProcessPool):
        return None
    for document, _ in results:
        if document is not None:
            # Categories and types came back as copies; documents must point at this catalogue's own objects.
            document.category = document.category and site.catalogue.category_at(document.category.path)
            document.doc_type = document.doc_type and site.catalogue.types[document.type]
    return results
