"""Markup and links (E401, E500): unsafe HTML in a public body, links and attachments to nothing.

Bodies are scanned in `core/markup.py` and judged in `core/links.py`; the built page is checked
again by the `rendered` family. Attachments that do not exist are found while reading (E500,
`core/documents.py`), links MkDocs itself cannot resolve in `mkdocs_adapter/link_warnings.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..links import body_diagnostics
from .focus import focused_documents, focused_section_pages

if TYPE_CHECKING:
    from ..site import Site

FAMILY = "markup_links"


def check(site: Site) -> list[Diagnostic]:
    targets = site.link_targets()
    problems = [p for doc in focused_documents(site) if doc.is_public for p in body_diagnostics(doc, targets)]
    return problems + [p for text in focused_section_pages(site) for p in body_diagnostics(text.page, targets)]
