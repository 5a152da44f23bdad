import fcntl
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from .sitekit import build, copy_example, environment

# pytest rewrites every test module's asserts when it imports it, and keeps the result only where Python may
# write bytecode: with PYTHONDONTWRITEBYTECODE set (this machine's shell, some CI images) each worker of each
# run rewrote all of them again, about five seconds each. The commands the tests run keep the variable.
sys.dont_write_bytecode = False


# The files that take longest (worker-seconds summed from --durations=0), handed to the workers first:
# a worker takes one file at a time (--dist loadfile), and a long file started last keeps one core busy
# while the other has nothing left. Files that mostly wait (signals reaching a build, the merge's margin
# for files written just before it, Chromium) alternate with files that only compute: three waiting files
# started together left a core idle. Every other file follows in the usual order.
SLOWEST_FIRST = (
    "test_build_end.py", "test_redteam4.py", "test_redteam26c.py", "test_check_cache.py",
    "test_platform_build_identity.py", "test_privacy_every_part.py", "test_redteam27b.py", "test_closed_gate.py",
    "test_build_shards.py", "test_merge_verifies.py", "test_browser_readers.py", "test_redteam26b.py",
    "test_browser_pages.py", "test_redteam3.py", "test_platform_ci_strict.py", "test_redteam_review.py",
    "test_browser_search.py", "test_import.py", "test_redteam16.py", "test_redteam6.py", "test_serve.py",
    "test_second_agency.py", "test_browser_platform.py", "test_redteam8.py", "test_hostile_input.py",
    "test_redteam18.py", "test_redteam14.py", "test_redteam9.py", "test_redteam27c.py", "test_redteam15.py",
    "test_holes18.py", "test_holes21.py", "test_search_text.py", "test_search_platform_recall.py",
    "test_converter_reuse.py", "test_redteam25.py", "test_redteam7.py", "test_redteam23.py", "test_rendered_html.py",
    "test_redteam19.py", "test_fuzz.py", "test_redteam13.py", "test_redteam27a.py", "test_deploy.py")


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: one worker more than the cores. A fifth of each worker's time is spent waiting (Chromium
    rendering, a signal test's build reaching its hook, a command's output), when a core would sit idle."""
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: the rest keep their order


def built_once(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], None]) -> Path:
    """A folder `make` fills once for the whole run, shared by every test worker (each would build the
    same thing on a core the others need): the first worker to ask builds it while the others wait.
    A build that failed is tried again, in an emptied folder, by the next worker to ask."""
    if worker_id == "master":   # not under xdist
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent   # the run's folder above every worker's own
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_example(folder: Path) -> None:
    root = copy_example(folder)
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    assert "WARNING  -" not in run.output, run.output


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, worker_id) -> Path:
    """The example agency, built once with --strict into a temporary folder (tests never change it)."""
    return built_once(tmp_path_factory, worker_id, "example", _build_example) / "site"


@dataclass(frozen=True)
class BuiltBothWays:
    """A platform built unit by unit and merged (`root`: units in build/units/, the merged site in site/),
    and the same content built whole in one MkDocs process (`full`, outside `root`)."""
    root: Path
    full: Path
    merged: subprocess.CompletedProcess


def _build_toy_platform(folder: Path) -> None:
    from .platformkit import write_platform
    root = write_platform(folder / "platform")
    full = build(root, strict=True, site_dir=folder / "site-full")
    assert full.returncode == 0, full.output
    done = subprocess.run([sys.executable, "-m", "disclosure.cli.main", "build", "--jobs", "2"], cwd=root,
                          env=environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (folder / "merged.json").write_text(json.dumps({"args": done.args, "stdout": done.stdout, "stderr": done.stderr}),
                                        encoding="utf-8")


@pytest.fixture(scope="session")
def toy_platform_both_ways(tmp_path_factory, worker_id) -> BuiltBothWays:
    """The small platform of tests/platformkit.py built both ways once in the run (`disclosure build
    --jobs 2`, and `mkdocs build --strict`). Shared by every test file: a test that changes it works on a copy."""
    folder = built_once(tmp_path_factory, worker_id, "merged", _build_toy_platform)
    merged = json.loads((folder / "merged.json").read_text(encoding="utf-8"))
    done = subprocess.CompletedProcess(merged["args"], 0, merged["stdout"], merged["stderr"])
    return BuiltBothWays(folder / "platform", folder / "site-full", done)


@pytest.fixture(scope="session")
def merged_platform(toy_platform_both_ways) -> Path:
    """The small platform's units built and merged (site/, build/units/)."""
    return toy_platform_both_ways.root


def _build_example_platform(folder: Path) -> None:
    from .sitekit import REPO
    run = build(REPO / "examples" / "platform", strict=True, site_dir=folder / "site")
    assert run.returncode == 0, run.output


@pytest.fixture(scope="session")
def example_platform_site(tmp_path_factory, worker_id) -> Path:
    """The example platform (examples/platform/) built whole with --strict into a temporary folder, once."""
    return built_once(tmp_path_factory, worker_id, "example-platform", _build_example_platform) / "site"


@pytest.fixture(scope="session")
def site_url(example_site):
    """The example site served over HTTP under the sub-path /zwgk/."""
    from .browserkit import serve
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from .browserkit import chromium, require_browser
    require_browser()
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


# `SUITE_CPU_LOG=<folder> make test`, then `python tools/suite_cpu.py <folder>`: where the suite's CPU goes, by test
# file — the test process's own, its fresh commands' (tests/buildserver.py logs the served ones). Off unless set.
CPU_LOG = os.environ.get("SUITE_CPU_LOG")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not CPU_LOG:
        yield
        return
    own, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    yield
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.path.join(CPU_LOG, f"worker-{os.getpid()}.jsonl"), "a", encoding="utf-8") as log:
        log.write(json.dumps({"test": item.nodeid, "own": time.process_time() - own,
                              "children": after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime}) + "\n")
