"""References between documents (E200, E201, W200): 解读, 替代, 反馈 that lead nowhere, or come late.

The links themselves are made while reading (`content/relations.py` `link_documents`), so that
pages can show both directions; this family reports what is wrong with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes.diagnostics import Diagnostic
from ..content.relations import relation_diagnostics

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "references"


def check(site: Site) -> list[Diagnostic]:
    return relation_diagnostics(site.documents, site.relations)
