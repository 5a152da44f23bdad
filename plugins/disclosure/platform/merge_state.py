"""What the last merge published, so that the next one does not read every unchanged unit again.

`disclosure build --unit d003` rebuilds one department and merges all 200: every other unit's
output is as the previous merge verified it (its hashes, its content checks) and the published
site holds the very same files (hard links). The merge records, beside the units' folders
(`<units-dir>/.merged.json`, never published):

- which site folder it swapped in (device and inode of site/: any other build or copy of site/ is
  another folder, and the record no longer applies);
- when it started, and the platform's unit ids (what "own prefix" meant);
- the SHA-256 of every unit's `unit.json` it merged;
- the withheld texts content/'s public text let through (`granted`: a run a public page holds too, a summary's
  words): the trust context names the withheld texts, not the public ones, so the next merge asks content/ again
  and trusts no unit when one of them is withheld text only now (a first merge would refuse a unit that holds it).

- the files of each unit it verified but did not publish (the hand-over, a department's copy of the
  theme's assets): inode, size and modification time.

Beside it (`<units-dir>/.content.json`), the files of content/ it read (content/seen_files.py): the Markdown read for
what content/ withholds and allows, the sources hashed for staleness; the next merge reads only those changed since.

A later merge *trusts* a unit whose `unit.json` has the same SHA-256: each of its files that is the
same file (inode) as the published site's at the same path, or is still the unpublished file
recorded, and was last written before that merge started, is the file that merge hashed and
checked, and is not read again — unless the file has changed in any way (its inode's change time,
which no program can set back, as `cp -p` or `touch -d` set the modification time) since the old
site's removal ended (`.merged.settled`, written then, holding the identity of site/; that removal
is the last change a merge makes to the files it leaves). A file of site/ is the unit's file (one
inode): one written in place in build/units/<id>/ is written in site/ too, at once; the next merge
then refuses it (E700, the published copy named), it cannot undo it. Every other check runs as
before for every file (own prefix, regular file, the manifest's exact list, no other hard link);
a file written since, replaced, or not published is hashed and checked as in a first merge.
Written last, after the swap: a merge that failed leaves the previous record, which still
describes site/, as site/ was left untouched. Where the file system gives no change times (Windows: Python's st_ctime
is the creation time there, which a write in place keeps) no unit is trusted (content/seen_files.CHANGE_TIMES_KEPT).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content import seen_files
from ..content.seen_files import RACY_NS, SeenFiles
from ..pages.atomic import removing_mark, write_anew

STATE = ".merged.json"
SEEN = ".content.json"   # content/'s files as the last merge read them (content/seen_files.py)
SETTLED = ".merged.settled"   # written once the site the merge replaced is removed (pages/atomic.swap_in)
STATE_VERSION = 3   # 2: the pieces of withheld paragraphs each unit's files held (text/runs.py `Runs.spread`);
# 3: the withheld texts the merge let through as content/'s public text (`granted`)
# RACY_NS (content/seen_files.py): a unit's file written within it before a merge started may have been written
# after that merge read it, so it is read again.
# How long a merge waits for the previous site's removal (200 departments: about a minute) before it reads every unit.
REMOVAL_WAIT_SECONDS = 900


@dataclass(frozen=True)
class UnitTrust:
    """A unit the merge that made site/ verified: its files last written before `before` that are site/'s
    own, or that it kept out of site/ (`kept`: path → inode, size, mtime) and are still the same file."""
    before: int
    kept: dict[str, list[int]]
    unchanged_since: int = 0   # change time (ns) of `.merged.settled`: a file changed since is read again
    # the pieces of withheld paragraphs its files held ([passage key, begin, length, file under the units' folder]):
    # a file not read again still holds them, and another unit's file may hold the rest of the paragraph
    pieces: tuple = ()


@dataclass(frozen=True)
class Trust:
    """The units a merge need not read again (see the module docstring)."""
    units: dict[str, UnitTrust]
    granted: list = field(default_factory=list)   # what the merge that made site/ let through as public (still so)

    def of(self, unit: str) -> UnitTrust | None:
        return self.units.get(unit)


NO_TRUST = Trust({})


def _site_identity(site_dir: Path) -> list[int] | None:
    try:
        found = os.stat(site_dir, follow_symlinks=False)
    except OSError:
        return None
    return [found.st_dev, found.st_ino]


def wait_for_removal(units_dir: Path, site_dir: Path, waiting: Callable[[], None] = lambda: None,
                     limit: float = REMOVAL_WAIT_SECONDS) -> None:
    """A merge run soon after another meets the site that one replaced still being removed (a detached process):
    till that ends the files it shares with the units may still change, so none could be trusted and all 200
    departments would be read again (half an hour). Waits for that process (`waiting` is told first) while it runs."""
    if _settled(units_dir, site_dir):
        return
    remover = _remover(units_dir, site_dir)
    if remover is None or not _running(*remover):
        return
    waiting()
    deadline = time.monotonic() + limit
    while _running(*remover) and not _settled(units_dir, site_dir) and time.monotonic() < deadline:
        time.sleep(0.1)


def _settled(units_dir: Path, site_dir: Path) -> bool:
    identity = _site_identity(site_dir)
    try:
        return identity is not None and (units_dir / SETTLED).read_text(encoding="utf-8") == f"{identity[0]} {identity[1]}"
    except (OSError, UnicodeDecodeError):
        return False


def _remover(units_dir: Path, site_dir: Path) -> tuple[int, str] | None:
    """The removal's process id and the folder it removes (pages/atomic.swap_in: a site replaced, site.old-<time>)."""
    try:
        pid, _, folder = (removing_mark(units_dir / SETTLED)).read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return (pid, folder) if pid > 0 and Path(folder).name.startswith(f"{site_dir.name}.old-") else None


def _running(pid: int, folder: str) -> bool:
    """The process is there, not a zombie (a finished child of this very process, never waited for), and removing
    `folder`: a removal killed with the machine leaves its id, which another process may have after a restart (a
    daemon: the merge waited a quarter of an hour for it), as may any process whose id someone wrote there. Only where
    signal 0 merely asks (POSIX): elsewhere os.kill ends the process, so nobody is waited for."""
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # another user's process: there
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z" and \
            os.fsencode(folder) in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, IndexError):
        return True   # no /proc (macOS …)


def read_trust(units_dir: Path, site_dir: Path, unit_ids: list[str], digests: dict[str, str],
               still_granted: Callable[[object], bool]) -> Trust:
    """The units whose unit.json is byte for byte the one the merge that made site/ verified.
    `still_granted`: whether the withheld texts that merge let through as content/'s public text still are
    (content/merge_facts.py `MergeFacts.still_granted`)."""
    if not seen_files.CHANGE_TIMES_KEPT:
        return NO_TRUST   # no change times to tell a file written since (content/seen_files.py)
    try:
        state = json.loads((units_dir / STATE).read_text(encoding="utf-8"))
        if (not isinstance(state, dict) or state.get("version") != STATE_VERSION
                or state.get("site") != _site_identity(site_dir) or state.get("units") != unit_ids):
            return NO_TRUST
        if not still_granted(state["granted"]):
            return NO_TRUST   # a text public then is withheld only now: a unit's files that hold it must be read again
        merged, kept, before = state["manifests"], state["unpublished"], int(state["started"]) - RACY_NS
        if not _settled(units_dir, site_dir):
            return NO_TRUST   # the previous site is still being removed (or never was): its files may still change
        since = os.stat(units_dir / SETTLED).st_ctime_ns
        pieces = state["pieces"]
        return Trust({unit: UnitTrust(before, kept.get(unit, {}), since, tuple(pieces.get(unit, ())))
                      for unit, digest in digests.items() if merged.get(unit) == digest}, state["granted"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return NO_TRUST   # no record, or not ours: every unit is read as in a first merge


def write_state(units_dir: Path, site_dir: Path, started: int, unit_ids: list[str], digests: dict[str, str],
                unpublished: dict[str, dict[str, list[int]]], pieces: dict[str, list[list]] | None = None,
                granted: list[list[str]] | None = None) -> None:
    """After the swap: the record of the site just published (replaced, never written through).
    `unpublished`: per unit, the files it verified that site/ does not hold (path → inode, size, mtime);
    `pieces`: per unit, the pieces of withheld paragraphs its files hold (`UnitTrust.pieces`);
    `granted`: the withheld texts this merge, and the one whose units it trusted, let through as public."""
    state = {"version": STATE_VERSION, "site": _site_identity(site_dir), "started": started, "units": unit_ids,
             "manifests": digests, "unpublished": unpublished, "pieces": pieces or {}, "granted": granted or []}
    write_anew(units_dir / STATE, json.dumps(state, ensure_ascii=False, sort_keys=True))   # or no record: no trust


def forget(units_dir: Path) -> None:
    """Before a swap: the record describes the site about to be replaced."""
    for name in (STATE, SETTLED):
        try:
            os.unlink(units_dir / name)
        except OSError:   # none; or not a file (a folder of that name is no record: read_trust trusts nothing)
            pass


def read_seen(units_dir: Path | None, key: str) -> SeenFiles | None:
    """content/'s files as the last merge over `units_dir` read them (none recorded: an empty record; no `units_dir`:
    None, every file read). `key`: the checks' code, which decided what was read of them."""
    if units_dir is None:
        return None
    try:
        return SeenFiles.from_json(json.loads((units_dir / SEEN).read_text(encoding="utf-8")), key)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return SeenFiles(key)


def write_seen(units_dir: Path, seen: SeenFiles | None) -> None:
    """After the swap, beside the merge's record: content/'s files as this merge read them."""
    if seen is not None:
        write_anew(units_dir / SEEN, json.dumps(seen.to_json(), ensure_ascii=False, separators=(",", ":")))
