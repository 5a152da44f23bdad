import shutil
from pathlib import Path

import pytest

from .sitekit import REPO, build


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example agency, built once with --strict into a temporary folder."""
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "catalogue.yaml"):
        shutil.copy(REPO / name, root / name)
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    assert "WARNING  -" not in run.output, run.output
    return root / "site"
