"""Who approves what on a platform, from catalogue.yaml: CODEOWNERS for GitHub and GitLab.

The 政务公开办 (`platform.owners`) approves everything, catalogue.yaml and mkdocs.yml above
all; each department's `owners` approve its folder `content/<id>/` instead. A department
without owners stays with the office (and is named in a warning). GitHub reads the last
matching line of one list; GitLab gives every `[section]` its own approval rule, so the
office's section excludes the folders the departments approve (`!pattern`, GitLab 17.10+).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.catalogue import Catalogue
from ..content.yamlsource import LineMap

GITHUB, GITLAB = "github", "gitlab"
DEFAULT_FILES = {GITHUB: ".github/CODEOWNERS", GITLAB: ".gitlab/CODEOWNERS"}
OFFICE_SECTION = "政务公开办"
OFFICE_FILES = ("catalogue.yaml", "mkdocs.yml")
# @user, @org/team (GitHub), @group/subgroup/… (GitLab), or an e-mail address; what both hosts accept.
_OWNER = re.compile(r"^(@[A-Za-z0-9](?:[A-Za-z0-9_.-]*)(?:/[A-Za-z0-9_.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$")


@dataclass(frozen=True)
class Rule:
    pattern: str                 # anchored at the repository root
    owners: tuple[str, ...]      # empty: a GitLab exclusion (the pattern starts with "!")
    comment: str = ""


@dataclass
class Section:
    name: str
    rules: list[Rule] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    line: int
    message: str
    is_error: bool


@dataclass
class Ownership:
    office: Section
    departments: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def errors(self) -> list[Note]:
        return [note for note in self.notes if note.is_error]


def _folder(content: str, unit_folder: str) -> str:
    return "/" + "/".join(part for part in (content.strip("/"), unit_folder) if part) + "/"


def _escape(pattern: str) -> str:
    # Both hosts split a line at whitespace; a space in a path is written "\ ".
    return pattern.replace(" ", "\\ ")


def ownership(catalogue: Catalogue, content: str, lines: LineMap) -> Ownership:
    """The rules for a platform's catalogue (read without errors), with notes naming catalogue.yaml lines."""
    platform = catalogue.platform
    notes: list[Note] = []
    office_owners = _valid(platform.owners, lines.line("platform", "owners"), "platform（政务公开办）", notes)
    if not office_owners:
        notes.append(Note(lines.line("platform"), "platform 没有 owners（政务公开办的审核人）：catalogue.yaml 和政府本级的文件"
                                                  "就没有人把关；请在 platform 下写 owners: [\"@账号或团队\"]", True))
    office = Section(OFFICE_SECTION, [Rule("*", office_owners, "政务公开办审核全部文件，各部门目录除外")])
    departments = []
    for index, unit in enumerate(platform.departments):
        at = lines.line("departments", index, "owners") if unit.owners else unit.line
        owners = _valid(unit.owners, at, f"部门“{unit.name}”", notes)
        folder = _escape(_folder(content, unit.folder))
        if not owners:
            notes.append(Note(unit.line, f"部门“{unit.name}”（{unit.id}）没有 owners（审核人），其目录 {folder[1:]} "
                                         "暂由政务公开办审核；请在该部门下写 owners: [\"@账号或团队\"]", False))
            continue
        office.rules.append(Rule("!" + folder, ()))
        departments.append(Section(unit.name, [Rule(folder, owners, f"{unit.name}（{unit.id}）")]))
    office.rules += [Rule("/" + _escape(name), office_owners) for name in OFFICE_FILES]
    _unique_names(departments)
    return Ownership(office, departments, notes)


def _valid(owners: tuple[str, ...], line: int, whose: str, notes: list[Note]) -> tuple[str, ...]:
    bad = [owner for owner in owners if not _OWNER.match(owner)]
    if bad:
        notes.append(Note(line, f"{whose}的 owners 中“{'”“'.join(bad)}”不是代码托管平台的账号或团队；"
                                "应写作 @用户名、@组织/团队 或邮箱，例如 @example-gov/yjj", True))
    return tuple(owner for owner in owners if _OWNER.match(owner))


def _unique_names(sections: list[Section]) -> None:
    """GitLab merges sections of the same name; two departments never share one approval rule."""
    seen: dict[str, int] = {}
    for section in sections:
        section.name = section.name.replace("[", "【").replace("]", "】")
        seen[section.name] = seen.get(section.name, 0) + 1
    for section in sections:
        if seen[section.name] > 1:
            section.name += f"（{section.rules[0].pattern.strip('/').rsplit('/', 1)[-1]}）"


HEADER = ("# 由 disclosure owners 根据 catalogue.yaml 生成，请勿手工修改：改 catalogue.yaml 中的 owners 后重新生成并提交。",
          "# CI 用 disclosure owners --check 核对本文件与 catalogue.yaml 是否一致。")


def render_github(found: Ownership, command: str) -> str:
    """One list, the last matching line wins: the office's `*` first, then each department's folder."""
    lines = [*HEADER, f"# 重新生成：{command}", ""]
    office = [rule for rule in found.office.rules if rule.owners]
    lines += _rule_lines(office[:1])
    for section in found.departments:
        lines += _rule_lines(section.rules)
    lines += ["", "# catalogue.yaml 与 mkdocs.yml 始终由政务公开办审核", *_rule_lines(office[1:])]
    return "\n".join(lines) + "\n"


def render_gitlab(found: Ownership, command: str) -> str:
    """A section per approval rule: the office's, then one per department (named as in catalogue.yaml)."""
    lines = [*HEADER, f"# 重新生成：{command}", "# 政务公开办一节用 ! 排除各部门目录（GitLab 17.10 起支持）。", ""]
    for section in [found.office, *found.departments]:
        lines += [f"[{section.name}]", *_rule_lines(section.rules), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _rule_lines(rules: list[Rule]) -> list[str]:
    lines = []
    for rule in rules:
        if rule.comment:
            lines.append(f"# {rule.comment}")
        lines.append(" ".join((rule.pattern, *rule.owners)))
    return lines


RENDER = {GITHUB: render_github, GITLAB: render_gitlab}


def differs(expected: str, file: Path) -> list[str]:
    """What the committed file lacks or has too much (a short unified diff); empty when it matches."""
    import difflib
    have = file.read_text(encoding="utf-8") if file.is_file() else ""
    if have == expected:
        return []
    diff = difflib.unified_diff(have.splitlines(), expected.splitlines(), "已提交的文件", "按 catalogue.yaml 应为", lineterm="", n=0)
    return list(diff)[:30]
