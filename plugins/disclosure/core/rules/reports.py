"""Annual reports (W303): the totals of the report's tables, and its counts against the site's own.

The tables are read and summed in `core/annual_report.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..annual_report import check_report_tables, issuance_counts
from ..diagnostics import Diagnostic
from .sections import outlined_documents

if TYPE_CHECKING:
    from ..site import Site

FAMILY = "reports"


def check(site: Site) -> list[Diagnostic]:
    problems = []
    for doc in outlined_documents(site):
        if doc.doc_type.due and doc.year:
            problems += check_report_tables(doc, issuance_counts(site.catalogue, site.documents, site.relations, doc.year))
    return problems
