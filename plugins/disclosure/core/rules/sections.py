"""Required sections (E300, E301): the headings a document type must have, in their order.

The outline is read in `core/outline.py` and compared in `core/sections.py`; documents of an
era before the rule (`core/eras.py`) are exempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..eras import outline_exemption
from ..sections import check_sections
from .focus import focused_documents

if TYPE_CHECKING:
    from ..site import Site

FAMILY = "sections"


def check(site: Site) -> list[Diagnostic]:
    return [problem for doc in outlined_documents(site) for problem in check_sections(doc, doc.doc_type)]


def outlined_documents(site: Site):
    """The focused documents whose type prescribes an outline that applies to them."""
    return [doc for doc in focused_documents(site)
            if doc.doc_type is not None and not outline_exemption(doc, doc.doc_type)]
