"""A whole platform read and checked: every unit as its own site, then the references between them.

Each unit is read exactly as a unit build reads it (`site.read_unit`), so that the fast check, the
full build and the merge of separate unit builds find the same problems; what only the whole
platform can decide (a reference into another unit, a policy interpreted by another unit) is
resolved by `crossrefs.resolve` over the units' records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .crossrefs import CrossLinks, UnitRefs, resolve, unit_refs
from .diagnostics import Diagnostic, count_errors, sort_diagnostics, with_severities
from .rules import E102
from .rules.check import check_site
from .site import Site, read_unit


@dataclass
class PlatformSite:
    catalogue: Catalogue | None
    sites: list[Site] = field(default_factory=list)        # in the platform's unit order
    cross: CrossLinks = field(default_factory=CrossLinks)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # every unit's and the platform's, each once

    @property
    def error_count(self) -> int:
        return count_errors(self.diagnostics)

    def site(self, unit: str) -> Site | None:
        return next((site for site in self.sites if site.unit_id == unit), None)

    def refs(self) -> list[UnitRefs]:
        return [unit_refs(site) for site in self.sites if site.readable]


def load_platform(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
                  today: dt.date | None = None, focus: set[str] | None = None,
                  host_config: str = "mkdocs.yml", units: list[str] | None = None) -> PlatformSite:
    """Read and check every unit (or only `units`), then what lies between them.

    With `units`, references into the units not read stay unresolved: the merge decides them.
    Works on a single agency too: its one site is the platform's only unit.
    """
    root = Path(root)
    model, diagnostics = load_catalogue(root / catalogue, catalogue)
    platform = PlatformSite(model)
    chosen, problems = _chosen_units(model, units, catalogue)
    diagnostics += problems
    for unit in chosen:
        platform.sites.append(check_site(read_unit(root, unit, [], content, catalogue, today, focus, host_config)))
    if model is not None and model.is_platform and units is None:
        platform.cross = resolve(platform.refs())
        diagnostics += with_severities(platform.cross.diagnostics, model.severities)
    every = diagnostics + [d for site in platform.sites for d in site.diagnostics]
    platform.diagnostics = _once(sort_diagnostics(every))
    return platform


def _chosen_units(model: Catalogue | None, units: list[str] | None, shown_path: str) -> tuple[list[Catalogue], list[Diagnostic]]:
    if model is None:
        return [], []
    if not model.is_platform:
        return [model], []
    known = {unit.id: unit.catalogue for unit in model.platform.units}
    unknown = [name for name in units or [] if name not in known]
    if unknown:
        return [], [E102.at(shown_path, 1, f"没有 id 为“{'、'.join(unknown)}”的部门；可用的：{'、'.join(known)}")]
    return [known[name] for name in units] if units else list(known.values()), []


def _once(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Problems of catalogue.yaml itself are found by every unit that reads it; each is reported once."""
    seen, kept = set(), []
    for diagnostic in diagnostics:
        key = diagnostic.as_text()
        if key not in seen:
            seen.add(key)
            kept.append(diagnostic)
    return kept
