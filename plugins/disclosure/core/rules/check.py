"""`check_site`: every family that looks at a whole read site, in one fixed order.

Families that run elsewhere (front matter and placeholders while a file is read, `rendered` and
`fidelity` on the built page, `history` against Git) report there through the same registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, sort_diagnostics, with_severities
from ..eras import exemptions
from . import files, front_matter, markup_links, personal_data, references, reports, sections, timeliness

if TYPE_CHECKING:
    from ..site import Site

SITE_FAMILIES = (files, front_matter, references, markup_links, personal_data, sections, reports, timeliness)


def check_site(site: Site) -> Site:
    """Run the registered rules on a read site; its diagnostics end sorted, at the agency's severities."""
    site.diagnostics += personal_data.check_catalogue(site)
    if site.readable:
        for family in SITE_FAMILIES:
            site.diagnostics += family.check(site)
        site.exemptions = exemptions(site.documents, site.catalogue)
    site.diagnostics = sort_diagnostics(at_agency_severity(site, site.diagnostics))
    return site


def at_agency_severity(site: Site, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics` at the severities the agency set in catalogue.yaml `rules:`.

    Only the site-wide checks need this: the build's own checks (rendered, fidelity, dead links)
    are all of the gate, which no agency can lower."""
    return with_severities(diagnostics, site.catalogue.severities if site.catalogue else {})

