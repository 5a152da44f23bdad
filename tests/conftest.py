import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .sitekit import build, copy_example, environment


# The files that take longest (worker-seconds summed from --durations=0), handed to the workers first:
# a worker takes one file at a time (--dist loadfile), and a long file started last keeps one core busy
# while the other has nothing left. Every other file follows in the usual order.
SLOWEST_FIRST = (
    "test_import.py", "test_redteam7.py", "test_build_end.py", "test_browser_readers.py",
    "test_browser_search.py", "test_closed_gate.py", "test_redteam5.py", "test_redteam4.py",
    "test_browser_pages.py", "test_privacy_every_part.py", "test_platform_build_identity.py",
    "test_redteam_review.py", "test_redteam6.py", "test_check_cache.py", "test_hostile_input.py",
    "test_redteam3.py", "test_platform_ci_strict.py", "test_merge_verifies.py", "test_browser_platform.py",
    "test_build_shards.py", "test_redteam8.py", "test_second_agency.py", "test_privacy_published.py",
    "test_fuzz.py")


def pytest_collection_modifyitems(items) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: the rest keep their order


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example agency, built once with --strict into a temporary folder."""
    root = copy_example(tmp_path_factory.mktemp("example"))
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    assert "WARNING  -" not in run.output, run.output
    return root / "site"


@dataclass(frozen=True)
class BuiltBothWays:
    """A platform built unit by unit and merged (`root`: units in build/units/, the merged site in site/),
    and the same content built whole in one MkDocs process (`full`, outside `root`)."""
    root: Path
    full: Path
    merged: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def toy_platform_both_ways(tmp_path_factory) -> BuiltBothWays:
    """The small platform of tests/platformkit.py built both ways once in the session (`disclosure build
    --jobs 2`, and `mkdocs build --strict`). Shared by every test file: a test that changes it works on a copy."""
    from .platformkit import write_platform
    folder = tmp_path_factory.mktemp("merged")
    root = write_platform(folder / "platform")
    full = build(root, strict=True, site_dir=folder / "site-full")
    assert full.returncode == 0, full.output
    done = subprocess.run([sys.executable, "-m", "disclosure.cli.main", "build", "--jobs", "2"], cwd=root,
                          env=environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltBothWays(root, folder / "site-full", done)


@pytest.fixture(scope="session")
def merged_platform(toy_platform_both_ways) -> Path:
    """The small platform's units built and merged (site/, build/units/)."""
    return toy_platform_both_ways.root


@pytest.fixture(scope="session")
def example_platform_site(tmp_path_factory) -> Path:
    """The example platform (examples/platform/) built whole with --strict into a temporary folder, once."""
    from .sitekit import REPO
    out = tmp_path_factory.mktemp("example-platform") / "site"
    run = build(REPO / "examples" / "platform", strict=True, site_dir=out)
    assert run.returncode == 0, run.output
    return out


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
