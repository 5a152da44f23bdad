"""Replacing a published folder in one step, for the build (MkDocs) and the merge (no host) alike.

The new site is made in a sibling folder; `swap_in` renames the old one away and the new one
in, with Ctrl-C held back for those two renames, then deletes the old one. Either the old site
or the new one is there, whole, at every moment a web server could copy it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..process.signals import signals_deferred

BUILDING = ".building"   # a build's staging folder: <site_dir>.building, beside the folder it will replace


def swap_in(staging: Path, final: Path, remove_later: bool = False, settled: Path | None = None) -> None:
    """Make `staging` the folder `final`; the previous `final` is removed.

    With `remove_later`, the previous site is removed by a detached process instead: deleting
    200,000 page folders takes longer than building the new site did, and nobody needs to wait for it.
    `settled`: a file written (holding the new folder's device and inode) once the previous one is gone: removing
    it changes the files the two shared, and the file's own change time is when that ended (platform/merge_state.py)."""
    old = final.with_name(f"{final.name}.old-{time.time_ns()}" if remove_later else final.name + ".old")
    remove_any(old)
    with signals_deferred():  # a Ctrl-C between the two renames would leave no site at all
        if final.exists():
            final.rename(old)
        staging.rename(final)
    found = final.stat()
    mark = [str(settled), f"{found.st_dev} {found.st_ino}"] if settled else []
    if not old.exists():
        _settle(*mark)
        return
    if remove_later:
        remover = subprocess.Popen([sys.executable, "-c", _REMOVE, str(old), *mark], start_new_session=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if settled:   # who is removing it: the next merge waits for that process rather than reading every unit again
            write_anew(removing_mark(settled), f"{remover.pid} {old}")   # the folder: the process is told by it
    else:
        remove_any(old)
        _settle(*mark)


def removing_mark(settled: Path) -> Path:
    """The file holding the process id of the detached removal that will write `settled`, and the folder it removes."""
    return settled.with_name(settled.name + ".removing")


def remove_any(path: Path) -> None:
    """Remove what is at `path`: a folder with all it holds, or a file, or a link, never what a link points to.

    The staging folder and the previous site's name are fixed names beside site/, which a commit can hold: as a
    file, rmtree failed (ignored) and the build ended in a NotADirectoryError; as a link to a folder elsewhere,
    rmtree refused it (ignored), then MkDocs emptied the folder the link names and wrote the site into it."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        with contextlib.suppress(OSError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _settle(path: str | None = None, identity: str = "") -> None:
    if path:
        write_anew(Path(path), identity)


# The detached removal (swap_in): the folder first, whatever can be imported; then the settled mark.
_REMOVE = ("import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
           "if len(sys.argv) > 3:\n"
           "    from pathlib import Path; from disclosure.pages.atomic import write_anew; write_anew(Path(sys.argv[2]), sys.argv[3])")


def write_anew(path: Path, text: str) -> bool:
    """Write a small record as a new file renamed over `path`, never through a link someone put at either name;
    False (nothing written) when that is not possible (a folder of that name …): a record is never worth a failure."""
    temporary = path.with_name(path.name + ".writing")
    try:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        with open(temporary, "x", encoding="utf-8") as out:   # O_EXCL: not through a link made meanwhile
            out.write(text)
        os.replace(temporary, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
