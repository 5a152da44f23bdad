"""`check_site`: every family that looks at a whole read site, in one fixed order.

Families that run elsewhere (front matter and placeholders while a file is read, `rendered` and
`fidelity` on the built page, `history` against Git) report there through the same registry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..codes.diagnostics import Diagnostic, sort_diagnostics, with_severities
from ..content.eras import exemptions
from ..content.site import Site, read_site
from . import (
    fidelity,
    files,
    front_matter,
    markup_links,
    personal_data,
    references,
    reports,
    sections,
    timeliness,
)

SITE_FAMILIES = (files, front_matter, references, markup_links, personal_data, fidelity, sections, reports, timeliness)


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


def load_site(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
              today: dt.date | None = None, focus: set[str] | None = None,
              host_config: str = "mkdocs.yml", unit: str | None = None, cache: Path | None = None) -> Site:
    """Read everything under `root`, then run every rule on it; every problem ends up in `Site.diagnostics`.

    With `focus` (repository paths, e.g. the files of a pull request), every front matter is
    still read, so that rules across documents see the whole site, but bodies are checked
    only for the focused files. `cache`: a folder where documents already read are kept (`content.read_cache`).
    """
    return check_site(read_site(root, content, catalogue, today, focus, host_config, unit, cache))
