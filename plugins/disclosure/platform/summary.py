"""The check's problems by publisher: one group per unit of a platform (or the one agency).

A platform's pull request may touch one department's folder and break another's reference;
the office and each department's reviewers read their own group. Files outside `content/`
(catalogue.yaml, mkdocs.yml) belong to the platform as a whole: the 政务公开办's group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codes.diagnostics import Diagnostic, count_errors, count_warnings
from ..content.catalogue import Catalogue

PLATFORM_FILES = "平台配置（catalogue.yaml 等，政务公开办审核）"


@dataclass
class UnitGroup:
    unit_id: str | None        # None: files outside the content folder
    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)   # repository paths this change touches

    @property
    def label(self) -> str:
        return f"{self.name}（{self.unit_id}）" if self.unit_id else self.name

    @property
    def errors(self) -> int:
        return count_errors(self.diagnostics)

    @property
    def warnings(self) -> int:
        return count_warnings(self.diagnostics)

    @property
    def quiet(self) -> bool:
        """Nothing to say: untouched and without errors or warnings."""
        return not self.changed and not self.errors and not self.warnings


def unit_groups(catalogue: Catalogue | None, content: str, diagnostics: list[Diagnostic],
                changed: set[str] | None = None) -> list[UnitGroup]:
    """Every unit in the platform's order (a single agency: one group), then the platform's own files."""
    groups = _empty_groups(catalogue)
    by_id = {group.unit_id: group for group in groups}
    for diagnostic in diagnostics:
        by_id[_owner_of(catalogue, content, diagnostic.path, diagnostic.message)].diagnostics.append(diagnostic)
    for path in sorted(changed or ()):
        by_id[_owner_of(catalogue, content, path)].changed.append(path)
    return [group for group in groups if group.unit_id is not None or not group.quiet]


def _empty_groups(catalogue: Catalogue | None) -> list[UnitGroup]:
    if catalogue is None:
        return [UnitGroup(None, PLATFORM_FILES)]
    if not catalogue.is_platform:
        return [UnitGroup("", catalogue.agency.name), UnitGroup(None, PLATFORM_FILES)]
    return [UnitGroup(unit.id, unit.name) for unit in catalogue.platform.units] + [UnitGroup(None, PLATFORM_FILES)]


def _owner_of(catalogue: Catalogue | None, content: str, path: str, message: str = "") -> str | None:
    """The unit id whose folder holds `path` ("" for a single agency's content); outside content/,
    the unit a catalogue.yaml message names (【某某局】, e.g. its stale column), else None."""
    prefix = content.strip("/") + "/"
    if catalogue is None:
        return None
    if not (path.startswith(prefix) or path == prefix[:-1]):
        named = catalogue.is_platform and next((unit for unit in catalogue.platform.units
                                                if message.startswith(unit.catalogue.owner)), None)
        return named.id if named else None
    if not catalogue.is_platform:
        return ""
    return catalogue.platform.unit_of(path[len(prefix):]).id


def summary_lines(groups: list[UnitGroup]) -> list[str]:
    """A line per unit with errors or warnings, for the terminal."""
    return [f"【{group.label}】{_counts(group)}" for group in groups if group.errors or group.warnings]


def _counts(group: UnitGroup) -> str:
    return f"{group.errors} 个错误，{group.warnings} 个警告"


def summary_markdown(groups: list[UnitGroup], reference: str | None, render) -> str:
    """The pull request's check by department: a table, then each group's problems (GitHub step summary, GitLab artefact).

    Departments this change neither touches nor breaks are counted, not listed, so that a
    platform of sixty departments shows the few that matter."""
    shown = [group for group in groups if not group.quiet]
    quiet = [group for group in groups if group.quiet and group.unit_id is not None]
    against = f"（与 {reference} 比较）" if reference else ""
    lines = [f"### 内容检查（按部门）{against}", ""]
    if shown:
        lines += ["| 部门 | 改动的文件 | 错误 | 警告 |", "|---|---:|---:|---:|"]
        lines += [f"| {_cell(group.label)} | {len(group.changed)} | {group.errors} | {group.warnings} |" for group in shown]
        lines.append("")
    if quiet:
        rest = "其余" if shown else "全部"
        lines += [f"{rest} {len(quiet)} 个单位本次没有改动，也没有错误或警告。", ""]
    for group in shown:
        if not group.diagnostics:
            continue
        lines += [f"<details{' open' if group.errors else ''}><summary>{_html(group.label)}：{_counts(group)}</summary>", ""]
        lines += [f"- {_html(render(diagnostic))}" for diagnostic in group.diagnostics]
        lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def _html(text: str) -> str:
    # Titles and messages come from editors; the summary page renders HTML.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _html(text).replace("|", "\\|")
