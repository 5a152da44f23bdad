"""The platform's CI examples: a build job per unit from catalogue.yaml, a merge, the check per department."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from .sitekit import REPO
from .test_owners import disclosure, repo, with_owners  # noqa: F401 - `repo` is the fixture
from .test_workflows import _actionlint, _commands

GITHUB = REPO / "deploy" / "github" / "platform.yml"
GITLAB = REPO / "deploy" / "gitlab" / "platform.gitlab-ci.yml"
EXAMPLE_PLATFORM = REPO / "examples" / "platform"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_actionlint_accepts_the_platform_workflow():
    actionlint = _actionlint()
    assert actionlint, "actionlint is installed with requirements-dev.txt"
    done = subprocess.run([actionlint, str(GITHUB)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_github_matrix_comes_from_catalogue_and_one_job_merges():
    jobs = _load(GITHUB)["jobs"]
    assert "disclosure units --json" in _commands(jobs["units"]) and '>> "$GITHUB_OUTPUT"' in _commands(jobs["units"])
    assert jobs["units"]["outputs"]["units"] == "${{ steps.units.outputs.units }}"
    build = jobs["build"]
    assert build["needs"] == "units"
    assert build["strategy"]["matrix"]["unit"] == "${{ fromJSON(needs.units.outputs.units) }}"
    assert build["strategy"]["fail-fast"] is False
    assert 'disclosure build --strict --unit "$UNIT" --no-merge --units-dir build/units' in _commands(build)
    step = next(s for s in build["steps"] if "disclosure build" in s.get("run", ""))
    assert step["env"]["UNIT"] == "${{ matrix.unit }}"   # an expression is given to the script, never pasted into it
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/units/${{ matrix.unit }}/" and upload["with"]["name"] == "unit-${{ matrix.unit }}"
    merge = jobs["merge"]
    assert merge["needs"] == "build"
    download = next(s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"]["pattern"] == "unit-*"
    assert "disclosure merge --strict --units-dir build/units --site-dir site" in _commands(merge)
    assert jobs["deploy"]["needs"] == "merge" and "refs/heads/main" in jobs["deploy"]["if"]


def test_github_artefact_folders_are_renamed_to_unit_ids(tmp_path: Path):
    """The download puts each artefact in build/units/unit-<id>/; the merge wants build/units/<id>/."""
    step = next(s for s in _load(GITHUB)["jobs"]["merge"]["steps"] if s.get("name") == "Name each folder by its unit")
    for unit in ("gov", "yjj", "unit-x"):
        (tmp_path / "build/units" / f"unit-{unit}").mkdir(parents=True)
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, check=True)
    assert sorted(p.name for p in (tmp_path / "build/units").iterdir()) == ["gov", "unit-x", "yjj"]


def test_github_pull_request_check_reports_per_department():
    check = _load(GITHUB)["jobs"]["check"]
    commands = _commands(check)
    assert "disclosure owners --check" in commands
    assert 'disclosure check --format github --against "origin/$BASE_REF" --summary "$GITHUB_STEP_SUMMARY"' in commands
    assert all("${{" not in s.get("run", "") for s in check["steps"])
    assert any(s.get("with", {}).get("fetch-depth") == 0 for s in check["steps"])


def test_gitlab_matrix_merge_and_checks():
    pipeline = _load(GITLAB)
    assert pipeline["stages"] == ["check", "build", "merge", "deploy"]
    script = [line for line in pipeline["check"]["script"] if isinstance(line, str)]
    assert "disclosure owners --gitlab --check --ci-file .gitlab-ci.yml" in script
    assert any(line.startswith("disclosure check --against") and "--summary check-summary.md" in line for line in script)
    assert pipeline["check"]["artifacts"]["when"] == "always"
    assert "check-summary.md" in pipeline["check"]["artifacts"]["paths"]
    unit = pipeline["unit"]
    assert list(unit["parallel"]["matrix"][0]) == ["UNIT"]
    assert 'disclosure build --strict --unit "$UNIT" --no-merge --units-dir build/units' in unit["script"]
    assert unit["artifacts"]["paths"] == ["build/units/$UNIT/"]
    assert pipeline["merge"]["needs"] == ["unit"] and pipeline["merge"]["artifacts"]["paths"] == ["site/"]
    assert "disclosure merge --strict --units-dir build/units --site-dir site" in pipeline["merge"]["script"]
    assert pipeline["pages"]["needs"] == ["merge"]


def test_every_platform_ci_job_has_a_time_limit():
    for name, job in _load(GITHUB)["jobs"].items():
        assert 0 < job.get("timeout-minutes", 0) <= 30, name
    pipeline = _load(GITLAB)
    for name in ("check", "unit", "merge", "pages"):
        limit = re.fullmatch(r"(\d+) minutes", pipeline[name].get("timeout", ""))
        assert limit and 0 < int(limit.group(1)) <= 30, name


def test_owners_check_keeps_the_gitlab_matrix_in_sync(repo: Path):
    assert disclosure(repo, "owners", "--gitlab").returncode == 0
    ci = repo / ".gitlab-ci.yml"
    ci.write_text(GITLAB.read_text(encoding="utf-8").replace("[gov, yjj, jyj, slq, dcjd]", "[gov, jyj, nanqu]"),
                  encoding="utf-8")
    checked = ("owners", "--gitlab", "--check", "--ci-file", ".gitlab-ci.yml")
    assert disclosure(repo, *checked).returncode == 0
    ci.write_text(ci.read_text(encoding="utf-8").replace("[gov, jyj, nanqu]", "[gov, jyj, xq]"), encoding="utf-8")
    run = disclosure(repo, *checked)
    assert run.returncode == 1
    assert "（缺少 nanqu；多出 xq）；请改为 UNIT: [gov, jyj, nanqu]" in run.stderr
    ci.write_text("build:\n  script: [true]\n", encoding="utf-8")
    run = disclosure(repo, *checked)
    assert run.returncode == 1 and "没有 parallel: matrix: 的 UNIT 列表" in run.stderr
    ci.write_text("build: [\n", encoding="utf-8")
    run = disclosure(repo, *checked)
    assert run.returncode == 1 and "无法读取 .gitlab-ci.yml" in run.stderr and "Traceback" not in run.output
    assert disclosure(repo, "owners", "--ci-file", ".gitlab-ci.yml").returncode == 2   # only with --check


@pytest.mark.skipif(not (EXAMPLE_PLATFORM / "catalogue.yaml").is_file(), reason="the example platform (branch example) is not merged yet")
def test_gitlab_example_lists_the_example_platforms_units(tmp_path: Path):
    from disclosure.platform.ci_matrix import matrix_problems
    from disclosure.content.catalogue_file import load_catalogue
    model, _ = load_catalogue(EXAMPLE_PLATFORM / "catalogue.yaml", "catalogue.yaml")
    assert matrix_problems(GITLAB, GITLAB.name, [unit.id for unit in model.platform.units]) == []
