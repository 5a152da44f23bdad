"""Every line an editor reads from `mkdocs build`, `disclosure check` and `disclosure --help` is Chinese (issue 16).

MkDocs' final "Aborted with …!" comes from click and cannot be rewritten: a Chinese line of
ours must come right before it.
"""

import os
import re
import subprocess
import sys

import pytest

from .sitekit import FIXED_EPOCH, _run, build, check, interpretation, paired_policy, policy, write_site

ENGLISH = re.compile(r"\b(usage|options|positional|arguments?|error|required|show this help|invalid choice|"
                     r"unrecognized|expected|Cleaning|Building|Documentation built|directory)\b", re.I)
HAN = re.compile(r"[\u4e00-\u9fff]")


def disclosure(root, *args):
    return _run([sys.executable, "-m", "disclosure.cli.main", *args], root)


def build_as_seen(root) -> list[str]:
    """`mkdocs build --strict` as a terminal shows it: click's stdout and the log's stderr in one stream."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    assert done.returncode == 1, done.stdout
    return done.stdout.splitlines()


def log_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"(INFO|WARNING|ERROR)\s+-", line)]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["new", "--help"], ["new", "policy"], [],
                                  ["bogus"], ["check", "--format", "xml"], ["check", "--nonsense"], ["new", "policy", "--title"]])
def test_the_command_line_speaks_chinese(tmp_path, args):
    run = disclosure(tmp_path, *args)
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert lines
    assert [line for line in lines if ENGLISH.search(line)] == []
    assert any(line.startswith("用法：disclosure") for line in lines)
    if args and args[-1] != "--help":
        assert run.returncode == 2 and "错误：" in run.stderr


def test_a_missing_title_is_named_in_chinese(tmp_path):
    run = disclosure(tmp_path, "new", "policy")
    assert "disclosure new：错误：缺少必需的参数：--title" in run.stderr


def test_a_good_build_tells_its_progress_in_chinese(tmp_path):
    run = build(write_site(tmp_path, paired_policy()))
    assert run.returncode == 0, run.output
    lines = log_lines(run.output)
    assert any("清理网站目录" in line for line in lines)
    assert any(re.search(r"网站生成完毕，用时 [\d.]+ 秒", line) for line in lines)
    assert [line for line in lines if not HAN.search(line)] == []


def test_a_strict_abort_is_summed_up_in_chinese_before_mkdocs_english_line(tmp_path):
    late = {"policies/a.md": policy(), "interpretations/a.md": interpretation(published="2024-03-20")}  # W200
    lines = build_as_seen(write_site(tmp_path, late))
    aborted = next(i for i, line in enumerate(lines) if line.startswith("Aborted with"))
    summary = [line for line in lines[:aborted] if "严格模式（--strict）下出现" in line]
    assert summary and "个警告" in summary[-1]


def test_a_build_stopped_by_errors_is_summed_up_in_chinese(tmp_path):
    lines = build_as_seen(write_site(tmp_path, {"policies/a.md": policy(doc_no=None), "interpretations/a.md": interpretation()}))
    aborted = next(i for i, line in enumerate(lines) if line.startswith("Aborted with a BuildError"))
    assert any("网站生成已中止" in line for line in lines[:aborted])
    assert [line for line in log_lines("\n".join(lines)) if not HAN.search(line)] == []


def test_check_prints_only_chinese_lines(tmp_path):
    run = check(write_site(tmp_path, {"policies/a.md": policy(doc_no=None)}))
    assert run.returncode == 1
    assert [line for line in run.output.splitlines() if line.strip() and not HAN.search(line)] == []
