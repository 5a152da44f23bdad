"""The whole disclosure section: catalogue, every document, and the problems found in them."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .clock import build_date
from .diagnostics import Diagnostic, count_errors, sort_diagnostics
from .attachment_privacy import attachment_diagnostics
from .config_privacy import catalogue_personal_info
from .documents import read_document
from .host_exclusion import host_exclusion_diagnostics
from .inventory import Inventory, classify, settle, walk_content
from .section_pages import SectionPage, read_section_page
from .index_numbers import index_pattern_diagnostics
from .privacy import personal_info_diagnostics
from .links import LinkTargets, body_diagnostics
from .model import Document
from .annual_report import check_report_tables, issuance_counts
from .relations import Relations, resolve_relations
from .sections import check_sections
from .eras import Exemption, exemptions, outline_exemption
from .timeliness import consultations_without_feedback, overdue_reports, stale_categories

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
    content_files: list[str] = field(default_factory=list)   # every regular file under content/, as src_uri
    inventory: Inventory = field(default_factory=Inventory)  # what is published, withheld, refused
    relations: Relations = field(default_factory=Relations)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)   # rules waived, and why (for the summary)

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

    def by_src_uri(self) -> dict[str, Document]:
        return {doc.src_uri: doc for doc in self.documents}


def load_site(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
              today: dt.date | None = None, focus: set[str] | None = None,
              host_config: str = "mkdocs.yml") -> Site:
    """Read and check everything under `root`; every problem ends up in `Site.diagnostics`.

    With `focus` (repository paths, e.g. the files of a pull request), every front matter is
    still read, so that rules across documents see the whole site, but bodies are checked
    only for the focused files.
    """
    root = Path(root)
    catalogue_model, diagnostics = load_catalogue(root / catalogue, catalogue)
    site = Site(root=root, content_dir=root / content, catalogue=catalogue_model,
                today=today or build_date(), diagnostics=diagnostics)
    site.diagnostics += catalogue_personal_info(root / catalogue, catalogue, site.today)
    if not site.content_dir.is_dir():
        site.diagnostics.append(Diagnostic(content, 1, "E100", f"找不到内容目录 {content}/；文件应放在该目录下按栏目分目录存放"))
    if catalogue_model is None or not site.content_dir.is_dir():
        site.diagnostics = sort_diagnostics(site.diagnostics)
        return site
    _read_documents(site, content, focus)
    pages = _read_section_pages(site, content)
    site.diagnostics += settle(site.inventory, site.documents, {item.page.src_uri: item.page.body for item in pages}, content)
    site.diagnostics += _duplicate_index_numbers(site.documents)
    site.diagnostics += index_pattern_diagnostics(catalogue_model, site.documents, site.today)
    site.relations, found = resolve_relations(site.documents, catalogue_model)
    site.diagnostics += found
    targets = _link_targets(site)
    site.diagnostics += _body_rules(site, focus, targets)
    site.diagnostics += _section_page_rules(site, pages, focus, targets)
    site.diagnostics += _timeliness_rules(site, catalogue)
    site.diagnostics += host_exclusion_diagnostics(root, host_config, content, site.withheld_files(),
                                                   site.published_files() | _generated_pages(site), site.documents)
    site.exemptions = exemptions(site.documents, catalogue_model)
    site.diagnostics = sort_diagnostics(site.diagnostics)
    return site


def _body_rules(site: Site, focus: set[str] | None, targets: LinkTargets) -> list[Diagnostic]:
    """Required sections of every document; the tables of every annual report; markup and links of public ones."""
    problems = []
    for doc in site.documents:
        if focus is not None and doc.path not in focus:
            if doc.is_public:  # an attachment may have changed without its page
                problems += attachment_diagnostics(doc, site.content_dir, targets.existing, site.today, focus)
            continue
        if doc.is_public:
            problems += body_diagnostics(doc, targets)
            problems += attachment_diagnostics(doc, site.content_dir, targets.existing, site.today)
        doc_type = site.catalogue.types.get(doc.type or "")
        if doc_type is None or outline_exemption(doc, doc_type):
            continue
        problems += check_sections(doc, doc_type)
        if doc_type.due and doc.year:
            problems += check_report_tables(doc, issuance_counts(site.catalogue, site.documents, site.relations, doc.year))
    return problems


def _read_section_pages(site: Site, content: str) -> list[SectionPage]:
    """The hand-written index.md pages, read once; their front matter problems go to the site."""
    pages = []
    for src_uri in site.section_pages:
        page, found = read_section_page(site.content_dir / src_uri, f"{content}/{src_uri}", src_uri)
        site.diagnostics += found
        if page is not None:
            pages.append(page)
    return pages


def _section_page_rules(site: Site, pages: list[SectionPage], focus: set[str] | None,
                        targets: LinkTargets) -> list[Diagnostic]:
    """The hand-written index.md pages (the home page's introduction, a category's preface) are
    published too: personal data, unsafe markup and dead links are checked there as well."""
    problems = []
    for item in pages:
        page = item.page
        if focus is not None and page.path not in focus:
            continue
        problems += body_diagnostics(page, targets)
        problems += personal_info_diagnostics(page.path, item.values + [(page.body_line, page.body)], [], site.today)
        problems += attachment_diagnostics(page, site.content_dir, targets.existing, site.today)
    return problems


def _generated_pages(site: Site) -> set[str]:
    """The home page and every category's listing: the plugin writes them unless an editor did."""
    return {"index.md"} | {f"{c.path}/index.md" for c in site.catalogue.categories()}


def _link_targets(site: Site) -> LinkTargets:
    return LinkTargets(frozenset(site.content_files) | _generated_pages(site), frozenset(site.withheld_files()))


def _timeliness_rules(site: Site, catalogue_path: str) -> list[Diagnostic]:
    return (overdue_reports(site.catalogue, site.documents, site.today, catalogue_path)
            + stale_categories(site.catalogue, site.documents, site.today, catalogue_path)
            + consultations_without_feedback(site.documents, site.relations, site.today))


def _read_documents(site: Site, content: str, focus: set[str] | None) -> None:
    """Walk content/ once (never following links), refuse what is no known file, read the documents."""
    walk = walk_content(site.content_dir, content)
    site.content_files = walk.files
    site.inventory = classify(walk, site.content_dir, content, site.catalogue)
    site.diagnostics += site.inventory.problems
    site.section_pages = site.inventory.section_pages
    jobs = []
    for src_uri in site.inventory.documents:
        path = f"{content}/{src_uri}"
        jobs.append(_ReadJob(site.content_dir / src_uri, path, src_uri, focus is None or path in focus))
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
        if document is not None and document.category is not None:
            # Categories came back as copies; documents must point at this catalogue's own objects.
            document.category = site.catalogue.category_at(document.category.path)
    return results


def _duplicate_index_numbers(documents: list[Document]) -> list[Diagnostic]:
    """E103 on every use of a shared 索引号, each naming the other places."""
    users: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.index_no:
            users[doc.index_no].append(doc)
    found = []
    for index_no, docs in users.items():
        for doc in docs if len(docs) > 1 else ():
            others = "、".join(f"{o.path}:{o.line_of('index_no')}" for o in docs if o is not doc)
            found.append(Diagnostic(doc.path, doc.line_of("index_no"), "E103",
                                    f"索引号 {index_no} 重复，也用于 {others}；索引号在全站必须唯一，请为新文件另编索引号"))
    return found
