"""Personal data (E400, W400, I400): ID and phone numbers and the like in anything published.

Front matter and body are scanned while a document is read (`privacy/numbers.py`); here the files
public pages publish (`rules/personal_data/attachments.py`), the hand-written index.md pages and the values
of catalogue.yaml and the printed values of mkdocs.yml (`rules/personal_data/settings.py`). The rendered page is scanned again in the build
(`rules/personal_data/rendered.py`), for what Markdown puts together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...codes.diagnostics import Diagnostic
from ...content.documents import joined_sources
from ...content.host_settings import enabled_marks
from ...content.read_cache import body_known_plain
from ...privacy.attachments import read_ahead
from ...privacy.numbers import personal_info_diagnostics
from ..focus import focused_documents, focused_section_pages, in_focus
from .attachments import attachment_diagnostics, states_withheld
from .settings import catalogue_personal_info, host_config_personal_info

if TYPE_CHECKING:
    from ...content.site import Site

FAMILY = "personal_data"


def check(site: Site) -> list[Diagnostic]:
    marks = enabled_marks(site.root, site.host_config)
    return _attachments(site) + _section_pages(site, marks) + _joined_in_documents(site, marks)


def _joined_in_documents(site: Site, marks: frozenset[str]) -> list[Diagnostic]:
    """Numbers a public document's markup joins on its page (a link's or the enabled marks' syntax between digits):
    read here, where the site's Markdown extensions are known, not with the document (its reading is cached by the
    document's bytes, whatever mkdocs.yml says). A body its cache entry knows plain joins nothing whatever the marks."""
    return [problem for doc in focused_documents(site) if doc.is_public and not body_known_plain(doc) and doc.body
            for problem in personal_info_diagnostics(doc.path, joined_sources(doc.body, doc.body_line, marks),
                                                     doc.allowances, site.today)]


def check_catalogue(site: Site) -> list[Diagnostic]:
    """catalogue.yaml's and mkdocs.yml's printed values are on every page: checked even when nothing else can be read."""
    return catalogue_personal_info(site.root / site.catalogue_path, site.catalogue_path, site.today) \
        + host_config_personal_info(site.root, site.host_config, site.today)


def _attachments(site: Site) -> list[Diagnostic]:
    existing = site.link_targets().existing
    # Files a body links to are never pages (.md): without one in focus, an out-of-focus page can only
    # publish a focused file as one of its `attachments`.
    linkable_in_focus = site.focus is None or any(not path.endswith(".md") for path in site.focus)
    read_ahead([site.content_dir / src_uri for src_uri in site.published_attachments
                if site.focus is None or f"{site.content}/{src_uri}" in site.focus], site.today, states_withheld)
    problems = []
    for doc in (doc for doc in site.documents if doc.is_public):
        # Out of focus, an attachment may still have changed without its page.
        focus = None if in_focus(site, doc.path) else site.focus
        if focus is not None and not linkable_in_focus and not any(
                doc.path[:len(doc.path) - len(doc.src_uri)] + item.src_uri in focus for item in doc.attachments):
            continue   # nothing it publishes is in focus: its body need not be scanned for links
        problems += attachment_diagnostics(doc, site.content_dir, existing, site.today, focus, site.body_scan)
    return problems


def _section_pages(site: Site, marks: frozenset[str]) -> list[Diagnostic]:
    problems = []
    for text in focused_section_pages(site):
        page = text.page
        problems += personal_info_diagnostics(page.path, text.values + [(page.body_line, page.body)]
                                              + joined_sources(page.body, page.body_line, marks), [], site.today)
        problems += attachment_diagnostics(page, site.content_dir, site.link_targets().existing, site.today,
                                           scanned=site.body_scan)
    return problems
