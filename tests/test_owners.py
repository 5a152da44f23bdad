"""`disclosure owners`: who approves what, from catalogue.yaml (GitHub CODEOWNERS, GitLab approval-rule sections)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .sitekit import _run
from .test_platform_core import CATALOGUE

OFFICE, JYJ = "@city/office", ("@city/jyj", "jyj-lead@example.gov.cn")
OWNER = re.compile(r"^(@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def disclosure(root: Path, *args: str):
    return _run([sys.executable, "-m", "disclosure.cli.main", *args], root)


def with_owners(text: str = CATALOGUE) -> str:
    return (text.replace("  name: 测试市政府信息公开平台", f"  name: 测试市政府信息公开平台\n  owners: ['{OFFICE}']")
                .replace("    phone: 0000-5550001", f"    phone: 0000-5550001\n    owners: ['{JYJ[0]}', {JYJ[1]}]"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "catalogue.yaml").write_text(with_owners(), encoding="utf-8")
    (tmp_path / "content").mkdir()
    return tmp_path


def rules(text: str) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """(section, pattern, owners) of every rule line; section is None outside GitLab sections."""
    section, found = None, []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([^\[\]]+)\]", line)
        if header:
            section = header.group(1)
            continue
        pattern, *owners = line.split()
        found.append((section, pattern, tuple(owners)))
    return found


def github_owners(text: str, path: str) -> tuple[str, ...]:
    """GitHub's reading: the last matching line wins. Only the pattern forms we generate are understood."""
    owners = ()
    for _, pattern, line_owners in rules(text):
        if _matches(pattern, path):
            owners = line_owners
    return owners


def gitlab_approvals(text: str, path: str) -> dict[str, tuple[str, ...]]:
    """GitLab's reading: every section decides on its own (last match; `!` excludes), each an approval rule."""
    found: dict[str, tuple[str, ...] | None] = {}
    for section, pattern, owners in rules(text):
        excluded = pattern.startswith("!")
        if _matches(pattern.removeprefix("!"), path):
            found[section] = None if excluded else owners
    return {section: owners for section, owners in found.items() if owners}


def _matches(pattern: str, path: str) -> bool:
    if pattern == "*":
        return True
    assert pattern.startswith("/"), f"not anchored at the repository root: {pattern}"
    return path.startswith(pattern[1:]) if pattern.endswith("/") else path == pattern[1:]


def test_github_codeowners_follow_catalogue(repo: Path):
    run = disclosure(repo, "owners")
    assert run.returncode == 0, run.output
    text = (repo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    for section, pattern, owners in rules(text):
        assert section is None and owners, pattern                      # every line: a pattern and its owners
        assert pattern == "*" or pattern.startswith("/"), pattern         # anchored at the repository root
        assert all(OWNER.match(owner) for owner in owners), owners
    assert github_owners(text, "content/jyj/guide/a.md") == JYJ
    assert github_owners(text, "content/nanqu/guide/a.md") == (OFFICE,)    # no owners of its own: the office
    for office_file in ("catalogue.yaml", "mkdocs.yml", "content/policies/normative/p.md", "overrides/main.html",
                        ".github/CODEOWNERS", "content/jyjx/a.md"):
        assert github_owners(text, office_file) == (OFFICE,), office_file
    # The department without owners is named with its line in catalogue.yaml.
    line = with_owners().splitlines().index("  - id: nanqu") + 1
    assert f"catalogue.yaml:{line}: 警告：部门“测试市南区人民政府”（nanqu）没有 owners" in run.stderr


def test_gitlab_sections_are_approval_rules_per_department(repo: Path):
    run = disclosure(repo, "owners", "--gitlab")
    assert run.returncode == 0, run.output
    text = (repo / ".gitlab/CODEOWNERS").read_text(encoding="utf-8")
    sections = re.findall(r"^\[([^\]]+)\]$", text, re.M)
    assert sections == ["政务公开办", "测试市教育局"]
    for section, pattern, owners in rules(text):
        assert section is not None, pattern                              # no rule outside a section
        if pattern.startswith("!"):
            assert owners == () and pattern[1:].startswith("/")           # GitLab refuses owners on an exclusion
        else:
            assert owners and all(OWNER.match(owner) for owner in owners)
    # A department's folder needs its own approval only; everything else the office's.
    assert gitlab_approvals(text, "content/jyj/guide/a.md") == {"测试市教育局": JYJ}
    assert gitlab_approvals(text, "content/nanqu/guide/a.md") == {"政务公开办": (OFFICE,)}
    assert gitlab_approvals(text, "catalogue.yaml") == {"政务公开办": (OFFICE,)}


def test_check_fails_when_catalogue_changed_and_the_file_did_not(repo: Path):
    assert disclosure(repo, "owners", "--check").returncode == 1          # nothing committed yet
    assert "不存在" in disclosure(repo, "owners", "--check").stderr
    disclosure(repo, "owners")
    assert disclosure(repo, "owners", "--check").returncode == 0
    text = (repo / "catalogue.yaml").read_text(encoding="utf-8")
    (repo / "catalogue.yaml").write_text(text.replace("    group: 县区", "    group: 县区\n    owners: ['@city/nanqu']"),
                                         encoding="utf-8")
    run = disclosure(repo, "owners", "--check")
    assert run.returncode == 1
    assert "与 catalogue.yaml 中的 owners 不一致；请运行 disclosure owners --github 重新生成并提交" in run.stderr
    assert "+/content/nanqu/ @city/nanqu" in run.stderr
    assert disclosure(repo, "owners", "--gitlab", "--check").returncode == 1   # each host's file on its own


def test_owners_that_are_no_accounts_are_refused_with_their_line(repo: Path):
    text = with_owners().replace(f"'{JYJ[0]}'", "张三")
    (repo / "catalogue.yaml").write_text(text, encoding="utf-8")
    run = disclosure(repo, "owners")
    line = text.splitlines().index("    owners: [张三, jyj-lead@example.gov.cn]") + 1
    assert run.returncode == 1 and f"catalogue.yaml:{line}: 错误：部门“测试市教育局”的 owners 中“张三”不是" in run.stderr
    assert not (repo / ".github/CODEOWNERS").exists()
    (repo / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")        # no office at all
    run = disclosure(repo, "owners")
    assert run.returncode == 1 and "platform 没有 owners" in run.stderr and "Traceback" not in run.output


def test_single_agency_has_no_owners(tmp_path: Path):
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE.split("departments:")[0].replace(
        "platform:\n  name: 测试市政府信息公开平台\n", ""), encoding="utf-8")
    run = disclosure(tmp_path, "owners")
    assert run.returncode == 2 and "不是平台配置" in run.stderr


def test_a_catalogue_with_errors_or_an_unwritable_place_is_explained(repo: Path):
    text = with_owners().replace("  - id: nanqu", "  - id: Nan Qu")
    (repo / "catalogue.yaml").write_text(text, encoding="utf-8")
    run = disclosure(repo, "owners")
    assert run.returncode == 1 and " E102 " in run.stderr and "未生成 CODEOWNERS" in run.stderr
    (repo / "catalogue.yaml").write_text(with_owners(), encoding="utf-8")
    (repo / "taken").write_text("a file, not a folder", encoding="utf-8")
    run = disclosure(repo, "owners", "--output", "taken/CODEOWNERS")
    assert run.returncode == 2 and "无法写入 taken/CODEOWNERS" in run.stderr and "Traceback" not in run.output
