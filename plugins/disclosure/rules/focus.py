"""Which files' bodies a run checks: all, or only those of a pull request (`disclosure check FILE…`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.site import Site


def in_focus(site: Site, path: str) -> bool:
    return site.focus is None or path in site.focus


def focused_documents(site: Site):
    focus = site.focus
    if focus is None:
        return list(site.documents)
    return [doc for doc in site.documents if doc.path in focus]   # in_focus inlined: called for 10,000 documents


def focused_section_pages(site: Site):
    """The readable hand-written index.md pages whose bodies are checked in this run."""
    return [text for text in site.section_page_texts if in_focus(site, text.page.path)]
