"""A whole platform read and checked: every unit as its own site, then the references between them.

Each unit is read exactly as a unit build reads it (`site.read_unit`), so that the fast check, the
full build and the merge of separate unit builds find the same problems; what only the whole
platform can decide (a reference into another unit, a policy interpreted by another unit) is
resolved by `crossrefs.resolve` over the units' records.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..codes import E102
from ..codes.diagnostics import (
    Diagnostic,
    count_errors,
    sort_diagnostics,
    with_severities,
)
from ..content.catalogue import Catalogue
from ..content.catalogue_file import load_catalogue
from ..content.clock import build_date
from ..content.crossrefs import CrossLinks, UnitRefs, resolve, unit_refs
from ..content.site import Site, read_unit
from ..rules.check import check_site


@dataclass
class PlatformSite:
    catalogue: Catalogue | None
    sites: list[Site] = field(default_factory=list)        # in the platform's unit order (none when only checked)
    cross: CrossLinks = field(default_factory=CrossLinks)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # every unit's and the platform's, each once
    unit_refs: list[UnitRefs] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return count_errors(self.diagnostics)

    def site(self, unit: str) -> Site | None:
        return next((site for site in self.sites if site.unit_id == unit), None)

    def refs(self) -> list[UnitRefs]:
        return self.unit_refs


def load_platform(root: Path, content: str = "content", catalogue: str = "catalogue.yaml",
                  today: dt.date | None = None, focus: set[str] | None = None,
                  host_config: str = "mkdocs.yml", units: list[str] | None = None,
                  keep_sites: bool = True, jobs: int | None = None, cache: Path | None = None) -> PlatformSite:
    """Read and check every unit (or only `units`), then what lies between them.

    With `units`, references into the units not read stay unresolved: the merge decides them.
    Without `keep_sites` (the check command) only the problems and the units' records are kept,
    and the units are checked on `jobs` processes (default: every core) — a platform's 200,000
    documents are mostly independent units. Works on a single agency too: its one site is the
    platform's only unit. `cache`: the folder where each unit's documents already read are kept
    (`content.read_cache`).
    """
    root = Path(root)
    model, diagnostics = load_catalogue(root / catalogue, catalogue)
    platform = PlatformSite(model)
    chosen, problems = _chosen_units(model, units, catalogue)
    diagnostics += problems
    check = partial(_check_unit, root, content, catalogue, today or build_date(), focus, host_config, cache)
    if keep_sites:
        platform.sites = [check_site(read_unit(root, unit, [], content, catalogue, today, focus, host_config, cache))
                          for unit in chosen]
        results = [(site.diagnostics, unit_refs(site) if site.readable else None) for site in platform.sites]
    else:
        results = _in_parallel(check, [unit.unit_id for unit in chosen], jobs) if len(chosen) > 1 else None
        results = results or [check(unit.unit_id) for unit in chosen]
    platform.unit_refs = [refs for _, refs in results if refs is not None]
    if model is not None and model.is_platform and units is None:
        platform.cross = resolve(platform.unit_refs)
        diagnostics += with_severities(platform.cross.diagnostics, model.severities)
    every = diagnostics + [d for found, _ in results for d in found]
    platform.diagnostics = _once(sort_diagnostics(every))
    return platform


def _check_unit(root: Path, content: str, catalogue: str, today: dt.date, focus: set[str] | None,
                host_config: str, cache: Path | None, unit_id: str | None) -> tuple[list[Diagnostic], UnitRefs | None]:
    """One unit read and checked in a worker process: its problems and its records, not its documents."""
    model, _ = load_catalogue(root / catalogue, catalogue)
    unit = model.unit(unit_id) if unit_id and model.is_platform else model
    site = check_site(read_unit(root, unit, [], content, catalogue, today, focus, host_config, cache))
    return site.diagnostics, unit_refs(site) if site.readable else None


def _in_parallel(task, unit_ids: list[str | None], jobs: int | None):
    """None when no worker process can be started; the caller then checks in this one."""
    workers = min(jobs or os.cpu_count() or 1, len(unit_ids))
    if workers < 2:
        return None
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(task, unit_ids))
    except (OSError, BrokenProcessPool):
        return None


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
