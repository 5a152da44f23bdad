"""Replacing a published folder in one step, for the build (MkDocs) and the merge (no host) alike.

The new site is made in a sibling folder; `swap_in` renames the old one away and the new one
in, with Ctrl-C held back for those two renames, then deletes the old one. Either the old site
or the new one is there, whole, at every moment a web server could copy it.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
BUILDING = ".building"   # a build's staging folder: <site_dir>.building, beside the folder it will replace


@contextmanager
def signals_deferred():
    """Hold SIGINT/SIGTERM back for a few lines that must not stop half-way (the swap of site/)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks; the window is two renames long
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap_in(staging: Path, final: Path, remove_later: bool = False) -> None:
    """Make `staging` the folder `final`; the previous `final` is removed.

    With `remove_later`, the previous site is removed by a detached process instead: deleting
    200,000 page folders takes longer than building the new site did, and nobody needs to wait for it."""
    old = final.with_name(f"{final.name}.old-{time.time_ns()}" if remove_later else final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    with signals_deferred():  # a Ctrl-C between the two renames would leave no site at all
        if final.exists():
            final.rename(old)
        staging.rename(final)
    if not old.exists():
        return
    if remove_later:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(old)], start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(old, ignore_errors=True)
