"""Timeliness (W300, W301, W302): an overdue annual report, a category left unfed, a consultation
without its feedback. Counted against the build's "today" (`core/clock.py`) in `core/timeliness.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..timeliness import consultations_without_feedback, overdue_reports, stale_categories

if TYPE_CHECKING:
    from ..site import Site

FAMILY = "timeliness"


def check(site: Site) -> list[Diagnostic]:
    return (overdue_reports(site.catalogue, site.documents, site.today, site.catalogue_path)
            + stale_categories(site.catalogue, site.documents, site.today, site.catalogue_path)
            + consultations_without_feedback(site.documents, site.relations, site.today))
