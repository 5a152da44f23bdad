"""The CI and pre-commit files: valid YAML, the jobs editors and webmasters rely on."""

import pytest
import yaml

from .sitekit import REPO


def _load(name):
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def _commands(job):
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_github_workflow_checks_pull_requests_builds_and_deploys_main():
    workflow = _load(".github/workflows/disclosure.yml")
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "build", "deploy"}
    assert "disclosure check --format github --against" in _commands(jobs["check"])
    assert any(s.get("with", {}).get("fetch-depth") == 0 for s in jobs["check"]["steps"])
    summary = next(s for s in jobs["check"]["steps"] if "disclosure report" in s.get("run", ""))
    assert "--summary" in summary["run"] and '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert "cancelled()" in summary["if"]      # shown even when the check found errors
    assert "make site" in _commands(jobs["build"])
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in jobs["build"]["steps"])
    assert jobs["deploy"]["needs"] == "build" and "refs/heads/main" in jobs["deploy"]["if"]


def test_gitlab_pipeline_has_the_same_three_steps():
    pipeline = _load(".gitlab-ci.yml")
    assert pipeline["stages"] == ["check", "build", "deploy"]
    assert any("disclosure check --against" in line for line in pipeline["check"]["script"] if isinstance(line, str))
    assert any("disclosure report --against" in line and "--summary" in line
               for line in pipeline["check"]["script"] if isinstance(line, str))
    assert pipeline["check"]["artifacts"]["paths"] == ["report-summary.md"]
    assert pipeline["build"]["artifacts"]["paths"] == ["site/"]
    assert pipeline["pages"]["needs"] == ["build"]


def test_pre_commit_runs_the_check_on_staged_documents():
    hook = _load(".pre-commit-config.yaml")["repos"][0]["hooks"][0]
    assert hook["entry"] == "disclosure check" and hook["pass_filenames"] is True
    assert "content/" in hook["files"]


def _actionlint():
    import shutil
    import sys
    from pathlib import Path
    found = Path(sys.prefix) / "bin" / "actionlint"
    return str(found) if found.exists() else shutil.which("actionlint")


def test_actionlint_accepts_the_github_workflow(tmp_path):
    import subprocess
    actionlint = _actionlint()
    assert actionlint, "actionlint is installed with requirements-dev.txt"
    done = subprocess.run([actionlint, str(REPO / ".github" / "workflows" / "disclosure.yml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_context_key.x }}\n        uses: actions/checkout@v4\n")
    assert subprocess.run([actionlint, str(broken)], capture_output=True).returncode != 0


def test_every_ci_job_has_a_time_limit():
    """A build that hangs must end by the CI's own clock too, not after the platform's hours-long default."""
    import re
    for name, job in _load(".github/workflows/disclosure.yml")["jobs"].items():
        assert 0 < job.get("timeout-minutes", 0) <= 30, name
    pipeline = _load(".gitlab-ci.yml")
    for name in ("check", "build", "pages"):
        limit = re.fullmatch(r"(\d+) minutes", pipeline[name].get("timeout", ""))
        assert limit and 0 < int(limit.group(1)) <= 30, name


def _build_job_commands(name: str) -> list[str]:
    """The commands of the job that builds what is deployed, as written in the CI file (installing left out)."""
    data = _load(name)
    if "jobs" in data:   # GitHub Actions
        runs = [step.get("run", "") for step in data["jobs"]["build"]["steps"]]
    else:                # GitLab CI
        runs = [line for line in data["build"]["script"] if isinstance(line, str)]
    return [run for run in runs if run and "pip install" not in run and "apt-get" not in run]


def _commands_of(name: str) -> list[str]:
    return ["make site"] if name == "Makefile" else _build_job_commands(name)


@pytest.mark.parametrize("name", [".github/workflows/disclosure.yml", ".gitlab-ci.yml", "Makefile"])
def test_the_build_job_never_runs_a_python_tag_of_mkdocs_yml(tmp_path, name):
    """MkDocs reads mkdocs.yml with PyYAML's unsafe loader: a `!!python/object/apply:os.system` tag runs its command
    before any plugin exists. The job that builds what main deploys ran `make site` straight away, so a tag merged
    into main ran in it (and `make site` on a webmaster's machine). The job's own commands, and `make site`, now
    stop at the check (E406), and the command never runs."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from .sitekit import environment, paired_policy, write_site
    root = write_site(tmp_path / "site-repo", paired_policy())
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write('site_description: !!python/object/apply:os.system ["touch ran-on-the-runner"]\n')
    venv = Path(sys.executable).parent
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "make").write_text(   # the repository's Makefile over this site, its virtual environment as made already
        f'#!/bin/sh\nexec /usr/bin/make -f "{REPO / "Makefile"}" VENV="{venv.parent}" -o "{venv / "mkdocs"}" "$@"\n')
    (shim / "make").chmod(0o755)
    env = environment({"PATH": f"{shim}{os.pathsep}{venv}{os.pathsep}{os.environ['PATH']}"})
    done = subprocess.run(["bash", "-e", "-c", "\n".join(_commands_of(name))], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0, done.stdout + done.stderr
    assert not (root / "ran-on-the-runner").exists(), done.stdout + done.stderr
    assert " E406 " in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("name", [".github/workflows/disclosure.yml", "deploy/github/platform.yml"])
def test_no_github_expression_is_pasted_into_a_script(name):
    """GitHub writes `${{ … }}` into a `run` script's text before bash reads it: a branch name or a unit id holding
    `$(…)` would run. Every value reaches the scripts through `env:` instead (GitHub's own hardening advice)."""
    pasted = [step["run"] for job in _load(name)["jobs"].values() for step in job.get("steps", [])
              if "${{" in step.get("run", "")]
    assert not pasted
