"""The platform's CI as shipped is as strict as the single agency's: a warning stops a unit's build and the merge.

The commands are taken from the workflow files themselves (deploy/github/platform.yml, deploy/gitlab/
platform.gitlab-ci.yml, and any other under deploy/), not typed again here, and run with bash on a
small platform (tests/platformkit.py) as the CI runner would: the GitHub expression `${{ matrix.unit }}`
replaced by the unit, GitLab's `$UNIT` set in the environment.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .platformkit import write_platform
from .sitekit import REPO, environment
from .test_platform_core import note, write

DEPLOY = REPO / "deploy"
BIN = Path(sys.executable).parent
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old Word file the check cannot read"


def platform_workflows() -> list[Path]:
    """Every CI file under deploy/ that builds a platform's units."""
    found = [path for path in sorted(DEPLOY.rglob("*.y*ml")) if "disclosure build" in path.read_text(encoding="utf-8")]
    assert {path.name for path in found} >= {"platform.yml", "platform.gitlab-ci.yml"}
    return found


def _scripts(path: Path) -> tuple[list[str], list[str]]:
    """(the unit build's commands, the merge's commands) of a workflow file, as written in it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "jobs" in data:   # GitHub Actions
        runs = {name: [step.get("run", "") for step in job.get("steps", [])] for name, job in data["jobs"].items()}
    else:                # GitLab CI
        runs = {name: [line for line in job.get("script", []) if isinstance(line, str)]
                for name, job in data.items() if isinstance(job, dict)}
    unit = [run for job in runs.values() for run in job if "disclosure build" in run]
    merge = [run for job in runs.values() for run in job if "disclosure merge" in run]
    assert unit and merge, path
    return unit, merge


def run_ci(root: Path, command: str, unit: str | None = None) -> subprocess.CompletedProcess:
    if unit is not None:
        command = command.replace("${{ matrix.unit }}", unit)
    assert "${{" not in command, f"an expression this test does not know: {command}"
    env = environment({"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "UNIT": unit or ""})
    return subprocess.run(["bash", "-e", "-c", command], cwd=root, env=env, capture_output=True, text=True)


def run_pipeline(root: Path, workflow: Path) -> tuple[dict[str, subprocess.CompletedProcess], subprocess.CompletedProcess]:
    builds, merges = _scripts(workflow)
    units = json.loads(subprocess.run([str(BIN / "disclosure"), "units", "--json"], cwd=root, capture_output=True,
                                      text=True, check=True).stdout)
    done = {}
    for unit in units:
        for command in builds:
            done[unit] = run_ci(root, command, unit)
    merged = None
    for command in merges:
        merged = run_ci(root, command)
    return done, merged


def as_bash_runs_it(workflow: Path) -> tuple[str, ...]:
    """The workflow's commands with the unit written in, as bash runs them: GitHub's `${{ matrix.unit }}`
    and GitLab's `$UNIT` both become the same word."""
    builds, merges = _scripts(workflow)
    unit = re.compile(r"\$\{\{ matrix\.unit \}\}|\$\{UNIT\}|\$UNIT\b")
    return tuple(unit.sub("<unit>", command) for command in builds + merges)


_RUNS: dict[tuple, tuple[Path, dict, subprocess.CompletedProcess]] = {}


def pipeline(tmp_path_factory, plant, workflow: Path) -> tuple[Path, dict, subprocess.CompletedProcess]:
    """(the platform, its unit builds, its merge) after `plant` and the workflow's commands. Workflows
    whose commands bash runs identically share one run: what is tested is the commands, not the file."""
    key = (plant.__name__, as_bash_runs_it(workflow))
    if key not in _RUNS:
        root = write_platform(tmp_path_factory.mktemp("ci") / "platform")
        plant(root)
        _RUNS[key] = (root, *run_pipeline(root, workflow))
    return _RUNS[key]


def unreadable_attachment(root: Path) -> None:
    write(root, "jyj/guide/guide.md", "title: 教育局指南\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-02\n"
          "attachments:\n  - file: files/台账.doc\n    title: 台账\n")
    (root / "content/jyj/guide/files").mkdir()
    (root / "content/jyj/guide/files/台账.doc").write_bytes(OLD_WORD)


def late_interpretation_across_units(root: Path) -> None:
    note(root, "jyj/interpretations/n2.md", "JYJ/2025-00003", "CSF/2025-00002", "2025-03-20")   # 19 days late


@pytest.mark.parametrize("workflow", platform_workflows(), ids=lambda path: path.name)
def test_an_unreadable_attachment_stops_the_units_build_and_nothing_is_merged(tmp_path_factory, workflow: Path):
    """W400: a department's attachment the check cannot read (an old .doc: it could hold a list of ID numbers)."""
    root, builds, merged = pipeline(tmp_path_factory, unreadable_attachment, workflow)
    assert builds["gov"].returncode == 0 and builds["nanqu"].returncode == 0, builds["gov"].stderr
    jyj = builds["jyj"]
    assert jyj.returncode != 0
    assert re.search(r"content/jyj/guide/guide\.md:\d+: W400 ", jyj.stdout + jyj.stderr), jyj.stdout + jyj.stderr
    assert not (root / "build/units/jyj").exists()
    # Had the merge run anyway (CI's `needs` keeps it from running), it has nothing of the unit to publish.
    assert merged.returncode != 0 and " E701 " in merged.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("workflow", platform_workflows(), ids=lambda path: path.name)
def test_a_warning_across_units_stops_the_merge(tmp_path_factory, workflow: Path):
    """W200 across units is known only when the units meet: the merge as shipped stops on it, site/ untouched."""
    root, builds, merged = pipeline(tmp_path_factory, late_interpretation_across_units, workflow)
    assert all(done.returncode == 0 for done in builds.values()), [done.stdout for done in builds.values()]
    assert merged.returncode != 0
    assert "content/jyj/interpretations/n2.md:5: W200 " in merged.stdout + merged.stderr
    assert "网站未更新：原有网站 site/ 保持不变" in merged.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("workflow", platform_workflows(), ids=lambda path: path.name)
def test_each_unit_build_names_its_unit(workflow: Path):
    """Workflows share a run only when their commands are the same once the unit is written in: every
    way a workflow names the unit must be one `as_bash_runs_it` knows, or two different commands could look alike."""
    builds = [command for command in as_bash_runs_it(workflow) if "disclosure build" in command]
    assert builds and all("--unit \"<unit>\"" in command and "$" not in command for command in builds), builds


def test_no_shipped_command_turns_the_strict_mode_off():
    shipped = [DEPLOY, REPO / ".github", REPO / ".gitlab-ci.yml", REPO / "Makefile"]
    texts = [p.read_text(encoding="utf-8") for top in shipped for p in ([top] if top.is_file() else top.rglob("*"))
             if p.is_file()]
    assert not any("--no-strict" in text for text in texts)
