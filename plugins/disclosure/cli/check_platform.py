"""`disclosure check` and `disclosure new` on a 政府信息公开平台 (catalogue.yaml with `departments:`).

A single agency's check runs exactly as before (`load_site`); a platform's reads every unit
(or only `--unit`) through `load_platform`, so that references between departments are
decided, and tells each department its own count. `new` numbers within one unit.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..codes.diagnostics import Diagnostic, sort_diagnostics, with_severities
from ..content.catalogue import Catalogue
from ..content.catalogue_file import load_catalogue
from ..content.model import Document
from ..content.read_cache import CACHE_FOLDER
from ..platform.summary import summary_lines, summary_markdown, unit_groups
from ..rules.check import at_agency_severity, load_site
from ..rules.files import sites_withheld, theme_folder_diagnostics
from ..rules.history import Changes, history_diagnostics
from ..rules.rendered import printed_settings_diagnostics


class UsageError(ValueError):
    """The command line does not fit this repository; the message is for the editor."""


@dataclass
class CheckRun:
    catalogue: Catalogue | None
    diagnostics: list[Diagnostic]
    documents: list[Document]
    exemptions: list = field(default_factory=list)
    units: list[str] | None = None     # on a platform: the units checked when not all


def platform_catalogue(root: Path, catalogue: str) -> Catalogue | None:
    """The platform's catalogue, or None for a single agency (and for a catalogue.yaml too broken to read:
    the single agency's check reports its problems as ever)."""
    model, _ = load_catalogue(root / catalogue, catalogue)
    return model if model is not None and model.is_platform else None


def _unit_list(model: Catalogue) -> str:
    return "、".join(f"{unit.id}（{unit.name}）" for unit in model.platform.units)


def checked_units(model: Catalogue | None, wanted: list[str] | None) -> list[str] | None:
    """`--unit` values, each a unit of this platform; a single agency has none to choose."""
    if not wanted:
        return None
    if model is None:
        raise UsageError("本网站不是政府信息公开平台（catalogue.yaml 中没有 departments），不能用 --unit；请去掉 --unit")
    unknown = [unit for unit in wanted if model.unit(unit) is None]
    if unknown:
        raise UsageError(f"没有 id 为“{'、'.join(unknown)}”的单位；可用的：{_unit_list(model)}")
    return list(dict.fromkeys(wanted))


def run_checks(args: argparse.Namespace, root: Path, focus: set[str] | None, changes: Changes | None) -> CheckRun:
    model = platform_catalogue(root, args.catalogue)
    units = checked_units(model, args.unit)
    cache = None if getattr(args, "no_cache", False) else root / CACHE_FOLDER
    if model is None:
        site = load_site(root, content=args.content, catalogue=args.catalogue, focus=focus, cache=cache)
        # the theme folder and what the theme prints from mkdocs.yml, as the build reads them (the build stops there)
        history = theme_folder_diagnostics(root, "mkdocs.yml", site.today, sites_withheld([site])) + \
            printed_settings_diagnostics(root, "mkdocs.yml") + \
            at_agency_severity(site, _history(args, root, changes, site.documents))
        return CheckRun(site.catalogue, sort_diagnostics(site.diagnostics + history) if history else site.diagnostics,
                        site.documents, site.exemptions)
    from ..platform.site import load_platform   # a platform's machinery (processes, cross references) loads only here
    platform = load_platform(root, args.content, args.catalogue, focus=focus, units=units, cache=cache)
    documents = [doc for site in platform.sites for doc in site.documents]
    history = with_severities(_history(args, root, changes, documents), model.severities) + (
        theme_folder_diagnostics(root, "mkdocs.yml", platform.sites[0].today, sites_withheld(platform.sites))
        + printed_settings_diagnostics(root, "mkdocs.yml")
        if platform.sites else [])
    return CheckRun(model, sort_diagnostics(platform.diagnostics + history) if history else platform.diagnostics,
                    documents, [e for site in platform.sites for e in site.exemptions], units)


def _history(args: argparse.Namespace, root: Path, changes: Changes | None, documents: list[Document]) -> list[Diagnostic]:
    return history_diagnostics(root, args.against, changes, documents) if changes is not None else []


def report_by_unit(args: argparse.Namespace, run: CheckRun, changes: Changes | None, render) -> None:
    """On a platform, a line per unit with problems (stderr); with --summary, the Markdown by department."""
    changed = changes.paths if changes is not None else None
    groups = unit_groups(run.catalogue, args.content, run.diagnostics, changed)
    if run.catalogue is not None and run.catalogue.is_platform:
        for line in summary_lines(groups):
            print(line, file=sys.stderr)
        if run.units:
            print(f"注：只检查了 {'、'.join(run.units)}；引用其他单位文件的索引号（interprets、superseded_by、responds_to）"
                  "和须由其他单位配套的解读本次不作判断，检查全平台（不加 --unit）或生成网站时判断", file=sys.stderr)
    if args.summary:
        try:
            with open(args.summary, "a", encoding="utf-8") as out:   # $GITHUB_STEP_SUMMARY is appended to
                out.write(summary_markdown(groups, args.against, render))
        except OSError as error:
            raise UsageError(f"无法写入 --summary 的文件 {args.summary}（{error.strerror or error}）；"
                             "请给出可写的文件路径，如 \"$GITHUB_STEP_SUMMARY\" 或 check-summary.md") from None


def scope_note(run: CheckRun, focus: set[str] | None) -> str:
    """What the run covered, for the total line: today's wording for a single agency."""
    parts = []
    if run.catalogue is not None and run.catalogue.is_platform:
        parts.append(f"{len(run.units)} 个单位" if run.units else f"全平台 {len(run.catalogue.platform.units)} 个单位")
    if focus is not None:
        parts.append(f"正文检查 {len(focus)} 个改动的文件")
    return f"（{'，'.join(parts)}）" if parts else ""


def unit_for_new(root: Path, args: argparse.Namespace) -> str | None:
    """The unit a new document goes to: required on a platform, refused on a single agency."""
    model = platform_catalogue(root, args.catalogue)
    if model is not None and not args.unit:
        raise UsageError(f"本网站是政府信息公开平台，新建文件须用 --unit 指明单位（决定目录和索引号），"
                         f"例如 --unit {model.platform.units[-1].id}；可用的：{_unit_list(model)}")
    units = checked_units(model, [args.unit] if args.unit else None)
    return units[0] if units else None
