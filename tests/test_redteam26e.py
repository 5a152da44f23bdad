"""Round twenty-six (e) of the adversarial review (issue 24, point 7 and the hostile-input promise): every command
given a hostile repository ends with a coded Chinese line, exit non-zero, no traceback, no hang. Each test failed on
main (8047ed3) before its fix.

Fixed —
- (importer/run.py `_stage`) `disclosure import` stages a scratch copy of content/ and catalogue.yaml. A named pipe
  or a dangling or looping symlink in content/ (each an E112 the check names) made shutil.copytree fail with its
  own English list of tuples (`错误：[('/…/content/pipe', '/tmp/disclosure-import-…', '… is a named pipe')]`);
  a symlink to `..` was followed round and round; a catalogue.yaml that is a pipe or a folder gave `is a named
  pipe` / `[Errno 21] Is a directory`. The copy keeps links as links and special files as special files now, so
  the import runs and its check names them (E112); a catalogue that is no file is the catalogue's coded line (E100).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .sitekit import copy_example, environment

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def _disclosure(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = environment({"PYTHONPATH": str(PLUGINS)})
    return subprocess.run([sys.executable, "-m", "disclosure.cli.main", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _old_site(tmp_path: Path) -> Path:
    pages = tmp_path / "old-site"
    pages.mkdir()
    (pages / "notice.txt").write_text("关于开展安全检查的通知\n\n各单位：请按要求开展检查。\n", encoding="utf-8")
    return pages


def _assert_clean_end(run: subprocess.CompletedProcess) -> None:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr + run.stdout
    assert "Errno" not in run.stderr and "named pipe" not in run.stderr and "[(" not in run.stderr


@pytest.mark.parametrize("plant", [
    lambda content: os.mkfifo(content / "plans/pipe.md"),
    lambda content: os.mkfifo(content / "pipe"),
    lambda content: os.symlink("loop.md", content / "plans/loop.md"),
    lambda content: os.symlink("/nonexistent", content / "plans/gone"),
    lambda content: os.symlink("..", content / "plans/up"),
], ids=["pipe-document", "pipe", "link-loop", "dangling-link", "link-to-parent"])
def test_import_into_a_content_folder_with_a_special_file_runs_and_names_nothing_in_english(tmp_path, plant):
    root = copy_example(tmp_path / "site")
    plant(root / "content")
    run = _disclosure(root, "import", "--dry-run", "--type", "notice", str(_old_site(tmp_path)))
    assert "Traceback" not in run.stderr + run.stdout
    assert "Errno" not in run.stderr and "named pipe" not in run.stderr and "[(" not in run.stderr
    assert "试运行" in run.stdout + run.stderr   # the run went through and reported


@pytest.mark.parametrize("plant", [os.mkfifo, os.mkdir], ids=["pipe", "folder"])
def test_import_with_a_catalogue_that_is_no_file_gives_the_catalogues_coded_line(tmp_path, plant):
    root = copy_example(tmp_path / "site")
    (root / "catalogue.yaml").unlink()
    plant(root / "catalogue.yaml")
    run = _disclosure(root, "import", "--dry-run", "--type", "notice", str(_old_site(tmp_path)))
    _assert_clean_end(run)
    assert "catalogue.yaml:1: E100" in run.stderr
