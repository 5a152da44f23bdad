"""A Python module committed at the repository's root never runs in place of an installed one.

`python -m mkdocs build` puts the working folder first on Python's module path: a `yaml.py` beside mkdocs.yml was
imported by MkDocs itself, before any plugin, and could write anything into the site (round 28b). The check refuses
such a file (E406, content/python_path.py), and the shipped commands run the host with `-P` (`make site`, `make serve`,
a platform's unit builds), which leaves the folder off the path.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from disclosure.platform.builds import unit_command

from .sitekit import REPO, check, environment, paired_policy, write_site

PLANTED = 'open("planted-module-ran", "w").close()\nraise SystemExit("a module of the repository ran")\n'


def _site_with_planted_modules(root: Path) -> Path:
    write_site(root, paired_policy())
    (root / "yaml.py").write_text(PLANTED, encoding="utf-8")
    (root / "markdown").mkdir()
    (root / "markdown" / "__init__.py").write_text(PLANTED, encoding="utf-8")
    (root / "notes.py").write_text("print('备忘')\n", encoding="utf-8")   # no installed module of that name
    (root / "material").mkdir()   # a folder without __init__.py: no package, Material's stays the one imported
    (root / "material" / "说明.txt").write_text("主题说明\n", encoding="utf-8")
    return root


def test_a_module_at_the_root_named_as_an_installed_one_is_refused(tmp_path):
    run = check(_site_with_planted_modules(tmp_path / "site"))
    named = {line.split(":", 1)[0] for line in run.coded_lines() if " E406 " in line}
    assert run.returncode == 1 and named == {"yaml.py", "markdown/__init__.py"}, run.output
    assert not (tmp_path / "site" / "planted-module-ran").exists()


def test_a_unit_build_never_imports_the_platforms_folder(tmp_path):
    """The unit build's own command line (platform/builds.py) in a folder holding a `yaml.py`: MkDocs imports the
    installed PyYAML, the check in the build refuses the file; without -P the planted module ran first."""
    root = _site_with_planted_modules(tmp_path / "site")
    command = unit_command("gov", tmp_path / "units", "mkdocs.yml", strict=True)
    done = subprocess.run(command, cwd=root, env=environment(), capture_output=True, text=True, timeout=300)
    assert not (root / "planted-module-ran").exists(), done.stderr
    assert done.returncode == 1 and "yaml.py:1: E406 " in done.stderr, done.stderr


def test_the_makefile_runs_the_host_without_the_working_folder_on_the_path():
    commands = [line for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
                if re.search(r"python\S*\s.*-m \$\(HOST\)", line)]
    assert len(commands) >= 3 and all(" -P -m $(HOST)" in line for line in commands), commands
