"""The content as it stood on a past day, or at the base of a pull request, read from Git.

`disclosure report --as-of 2025-12-31` computes the figures from the last commit on or before
that day (China time), with "today" = that day; `--against main` compares the working tree
with the merge base. The files of that commit are unpacked from one `git archive` into a
temporary folder, so the same `load_site` reads them as it reads the working tree.
"""

from __future__ import annotations

import datetime as dt
import io
import tarfile
from pathlib import Path

from ..rules.history import GitUnavailable, _git

SITE_FILES = ("mkdocs.yml",)


class NoCommitThen(GitUnavailable):
    """The repository has no commit on or before the day asked for."""


def commit_on_or_before(root: Path, day: dt.date) -> str:
    """The last commit of HEAD whose commit date is on or before `day` (China Standard Time)."""
    found = _git(root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59 +0800", "HEAD").decode().strip()
    if not found:
        raise NoCommitThen(f"{day} 及以前没有提交记录，无法计算当日的指标；请选择更晚的日期")
    return found


def merge_base(root: Path, reference: str) -> str:
    """Where this branch left `reference`: the base a pull request is compared with."""
    return _git(root, "merge-base", reference, "HEAD").decode().strip()


def commit_date(root: Path, commit: str) -> str:
    return _git(root, "show", "-s", "--format=%cs", commit).decode().strip()


def unpack(root: Path, commit: str, content: str, catalogue: str, destination: Path) -> Path:
    """The content folder, catalogue and site configuration of `commit`, under `destination`."""
    tree = f"{commit}:./"     # ./ : relative to `root`, which may lie inside the repository
    present = set(_git(root, "ls-tree", "-z", "--name-only", tree).decode("utf-8").split("\0"))
    wanted = [name for name in (content.split("/")[0], catalogue.split("/")[0], *SITE_FILES) if name in present]
    if wanted:
        archive = _git(root, "archive", "--format=tar", tree, "--", *wanted)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(destination, filter="data")   # "data": no links or paths out of `destination`
    return destination
