import subprocess
import sys
from pathlib import Path

import pytest

from .sitekit import build, copy_example, environment


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example agency, built once with --strict into a temporary folder."""
    root = copy_example(tmp_path_factory.mktemp("example"))
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    assert "WARNING  -" not in run.output, run.output
    return root / "site"


@pytest.fixture(scope="session")
def merged_platform(tmp_path_factory) -> Path:
    """The small platform of tests/platformkit.py, built unit by unit and merged once (`disclosure build
    --jobs 2`). Shared by every test file of the session: a test that changes it works on a copy."""
    from .platformkit import write_platform
    root = write_platform(tmp_path_factory.mktemp("merged") / "platform")
    done = subprocess.run([sys.executable, "-m", "disclosure.cli.main", "build", "--jobs", "2"], cwd=root,
                          env=environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


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
