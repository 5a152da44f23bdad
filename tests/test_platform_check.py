"""`disclosure check` and `disclosure new` on a platform: every unit, one unit, per-department counts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .sitekit import _run, check
from .test_platform_core import note, platform, policy, write  # noqa: F401 - `platform` is the fixture


def _new(root: Path, *args: str):
    return _run([sys.executable, "-m", "disclosure.cli.main", "new", *args], root)


def test_a_clean_platform_checks_every_unit(platform: Path):
    run = check(platform)
    assert run.returncode == 0, run.output
    assert run.coded_lines() == []
    assert "检查了 8 个文件（全平台 3 个单位）：0 个错误，0 个警告" in run.stderr


def test_problems_are_counted_per_department_and_cross_unit_references_decided(platform: Path):
    note(platform, "jyj/interpretations/n3.md", "JYJ/2025-00004", "CSF/2025-09999")
    write(platform, "nanqu/guide/bad.md", "title: 南区\ntype: guide\nindex_no: NQ/2025-00001\npublished: 2025-01-03\n")
    run = check(platform)
    assert run.returncode == 1
    assert any(line.startswith("content/jyj/interpretations/n3.md:6: E200") for line in run.coded_lines())
    assert any(line.startswith("content/nanqu/guide/") and " E103 " in line for line in run.coded_lines())
    assert "【测试市教育局（jyj）】1 个错误，0 个警告" in run.stderr
    assert "【测试市南区人民政府（nanqu）】2 个错误，0 个警告" in run.stderr
    assert "【测试市人民政府（gov）】" not in run.stderr   # a unit without problems gets no line


def test_one_unit_alone_leaves_references_to_others_undecided_and_says_so(platform: Path):
    note(platform, "jyj/interpretations/n3.md", "JYJ/2025-00004", "CSF/2025-09999")
    write(platform, "nanqu/guide/bad.md", "title: 南区\ntype: guide\nindex_no: NQ/2025-00001\npublished: 2025-01-03\n")
    run = check(platform, "--unit", "jyj")
    assert run.returncode == 0, run.output
    assert run.coded_lines() == []          # nanqu's duplicate is not jyj's; the E200 waits for the platform
    assert "注：只检查了 jyj；引用其他单位文件的索引号" in run.stderr
    assert "（1 个单位）" in run.stderr
    nanqu = check(platform, "--unit", "nanqu")
    assert nanqu.returncode == 1 and all(line.startswith("content/nanqu/") for line in nanqu.coded_lines())


def test_an_unknown_unit_is_a_usage_error_naming_the_units(platform: Path):
    run = check(platform, "--unit", "nosuch")
    assert run.returncode == 2 and "没有 id 为“nosuch”的单位" in run.stderr and "jyj（测试市教育局）" in run.stderr
    assert "Traceback" not in run.output


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def platform_repo(platform: Path) -> Path:
    _git(platform, "init", "-q", "-b", "main")
    _git(platform, "add", ".")
    _git(platform, "commit", "-q", "-m", "published")
    _git(platform, "checkout", "-q", "-b", "change")
    return platform


def test_pull_request_check_groups_by_department_and_applies_e107(platform_repo: Path, tmp_path_factory):
    root = platform_repo
    # The department changes a published 索引号 (E107); the government adds a policy nobody interprets (E201).
    text = (root / "content/jyj/guide/guide.md").read_text(encoding="utf-8")
    (root / "content/jyj/guide/guide.md").write_text(text.replace("JYJ/2025-00001", "JYJ/2025-00077"), encoding="utf-8")
    policy(root, "policies/normative/p3.md", "CSF/2025-00004", 3)   # a new policy without interpretation: E201
    summary = tmp_path_factory.mktemp("summary") / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    run = check(root, "--against", "main", "--summary", str(summary))
    assert run.returncode == 1
    assert any(line.startswith("content/jyj/guide/guide.md:4: E107") for line in run.coded_lines()), run.output
    assert any(line.startswith("content/policies/normative/p3.md:4: E201") for line in run.coded_lines())
    assert "正文检查 2 个改动的文件" in run.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### 内容检查（按部门）（与 main 比较）")   # appended, as $GITHUB_STEP_SUMMARY wants
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table == ["| 部门 | 改动的文件 | 错误 | 警告 |",
                     "| 测试市人民政府（gov） | 1 | 1 | 0 |",
                     "| 测试市教育局（jyj） | 1 | 1 | 0 |"]
    assert "其余 1 个单位本次没有改动" in text          # nanqu: neither touched nor broken
    jyj = text[text.index("<summary>测试市教育局（jyj）"):]
    assert "content/jyj/guide/guide.md:4: E107" in jyj.split("</details>")[0]


def test_summary_escapes_what_editors_wrote(platform_repo: Path, tmp_path_factory):
    write(platform_repo, "jyj/guide/x.md", "title: <b>粗</b>\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-03\n")
    summary = tmp_path_factory.mktemp("summary") / "s.md"
    check(platform_repo, "--against", "main", "--summary", str(summary))
    text = summary.read_text(encoding="utf-8")
    assert "E103" in text and "<b>" not in text


def test_a_single_agency_rejects_unit_and_keeps_its_output(tmp_path: Path):
    from .sitekit import paired_policy, write_site
    root = write_site(tmp_path, paired_policy())
    run = check(root, "--unit", "x")
    assert run.returncode == 2 and "不是政府信息公开平台" in run.stderr
    plain = check(root)
    assert plain.stderr == "检查了 2 个文件：0 个错误，0 个警告\n"


def test_new_on_a_platform_needs_a_unit_and_numbers_within_it(platform: Path):
    missing = _new(platform, "guide", "--title", "新指南")
    assert missing.returncode == 2 and "须用 --unit 指明单位" in missing.stderr and "nanqu（测试市南区人民政府）" in missing.stderr
    made = _new(platform, "guide", "--title", "教育局新指南", "--unit", "jyj")
    assert made.returncode == 0, made.output
    # The department's own pattern and sequence (JYJ/2026-…), in its own folder.
    assert "content/jyj/guide/2026-00001.md" in made.stdout and "索引号 JYJ/2026-00001" in made.stdout
    government = _new(platform, "policy", "--title", "政府新政策", "--unit", "gov")
    assert government.returncode == 0 and "content/policies/normative/" in government.stdout and "CSF/2026-" in government.stdout
    interpretation = _new(platform, "interpretation", "--title", "南区解读", "--unit", "nanqu", "--interprets", "CSF/2025-00001")
    assert interpretation.returncode == 0 and "content/nanqu/notes/" in interpretation.stdout
    unknown = _new(platform, "guide", "--title", "x", "--unit", "nosuch")
    assert unknown.returncode == 2 and "没有 id 为“nosuch”的单位" in unknown.stderr


def test_an_unwritable_summary_is_explained(platform: Path):
    run = check(platform, "--summary", str(platform / "no-such-folder" / "s.md"))
    assert run.returncode == 2 and "无法写入 --summary 的文件" in run.stderr and "Traceback" not in run.output


def test_a_departments_stale_column_counts_for_the_department(platform: Path):
    """W301 points at catalogue.yaml (where stale_days is set) but is the department's to fix."""
    text = (platform / "catalogue.yaml").read_text(encoding="utf-8")
    (platform / "catalogue.yaml").write_text(text.replace("{id: fees, name: 教育收费, path: fees, types: [guide], stale_days: 0}",
                                                          "{id: fees, name: 教育收费, path: fees, types: [guide], stale_days: 30}"),
                                             encoding="utf-8")
    run = check(platform)
    assert any(line.startswith("catalogue.yaml:") and " W301 【测试市教育局】" in line for line in run.coded_lines()), run.output
    assert "【测试市教育局（jyj）】0 个错误，1 个警告" in run.stderr
    assert "平台配置" not in run.stderr
