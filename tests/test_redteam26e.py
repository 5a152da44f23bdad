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
- (content/yamlsource.py `read_setting_text`, rules/files.py) a mkdocs.yml that is a named pipe: `disclosure check`
  (and the platform's check, build and merge, which read mkdocs.yml first for docs_dir and the catalogue's name)
  opened it and waited for a writer for ever. Every reading of mkdocs.yml and of the file it INHERITs from opens
  without blocking now and refuses what is no regular file; the check says so: E406 on mkdocs.yml:1 (MkDocs
  itself would wait for ever too, before any plugin runs).
- (content/site.py `content_folder_problem`) a file named `content` where the content folder belongs: `disclosure
  new` ended with "内部错误（NotADirectoryError …）", `disclosure import` with "错误：[Errno 20] Not a directory".
  Both stop before writing now, with the check's coded line E100 on content:1, which says the name is taken.
- (rules/files.py `theme_file_diagnostics`) a named pipe in the theme folder (overrides/x.css): `disclosure check`
  read it to look for addresses of other hosts and waited for ever. Now E112 naming it, never opened.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from .sitekit import Run, _run, copy_example



def _disclosure(root: Path, *args: str, timeout: float = 60) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", *args], root, timeout=timeout)


def _old_site(tmp_path: Path) -> Path:
    pages = tmp_path / "old-site"
    pages.mkdir()
    (pages / "notice.txt").write_text("关于开展安全检查的通知\n\n各单位：请按要求开展检查。\n", encoding="utf-8")
    return pages


def _assert_clean_end(run: Run) -> None:
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


def test_a_mkdocs_yml_that_is_a_named_pipe_is_an_e406_not_a_wait(tmp_path):
    root = copy_example(tmp_path / "site")
    (root / "mkdocs.yml").unlink()
    os.mkfifo(root / "mkdocs.yml")
    run = _disclosure(root, "check", timeout=30)
    _assert_clean_end(run)
    assert "mkdocs.yml:1: E406 mkdocs.yml 不是普通文件" in run.stdout + run.stderr


@pytest.mark.parametrize("args", [["report", "--output", "report"], ["new", "--title", "测试通知", "notice"],
                                  ["import", "--dry-run", "--type", "notice", "{pages}"]], ids=["report", "new", "import"])
def test_other_commands_end_with_a_mkdocs_yml_that_is_a_named_pipe(tmp_path, args):
    root = copy_example(tmp_path / "site")
    (root / "mkdocs.yml").unlink()
    os.mkfifo(root / "mkdocs.yml")
    pages = _old_site(tmp_path)
    run = _disclosure(root, *[arg.format(pages=pages) for arg in args], timeout=30)
    assert "Traceback" not in run.stderr + run.stdout


@pytest.mark.parametrize("args", [["new", "--title", "测试通知", "notice"], ["import", "--type", "notice", "{pages}"]],
                         ids=["new", "import"])
def test_a_file_named_content_stops_the_commands_that_write_there_with_its_coded_line(tmp_path, args):
    root = copy_example(tmp_path / "site")
    shutil.rmtree(root / "content")
    (root / "content").write_text("不是目录\n", encoding="utf-8")
    pages = _old_site(tmp_path)
    run = _disclosure(root, *[arg.format(pages=pages) for arg in args])
    _assert_clean_end(run)
    assert "content:1: E100 content 不是文件夹" in run.stderr
    assert (root / "content").read_text(encoding="utf-8") == "不是目录\n"


def test_a_named_pipe_in_the_theme_folder_is_an_e112_not_a_wait(tmp_path):
    root = copy_example(tmp_path / "site")
    os.mkfifo(root / "overrides/x.css")
    run = _disclosure(root, "check", timeout=30)
    _assert_clean_end(run)
    assert "overrides/x.css:1: E112" in run.stdout + run.stderr
