"""Which files' bodies a run checks: all, or only those of a pull request (`disclosure check FILE…`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.site import Site


def in_focus(site: Site, path: str) -> bool:
    return site.focus is None or path in site.focus


def focused_documents(site: Site):
    return [doc for doc in site.documents if in_focus(site, doc.path)]


def focused_section_pages(site: Site):
    """The readable hand-written index.md pages whose bodies are checked in this run."""
    return [text for text in site.section_page_texts if in_focus(site, text.page.path)]
