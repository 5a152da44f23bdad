"""content/'s files as the last merge read them, so that the next one reads again only the files that changed.

Every merge reads each Markdown file of content/ for what it withholds and allows (merge_facts.py), and hashes each
file a unit's output says it was made from (platform/staleness.py): 200,000 files at 200 departments, of which a
department's rebuild changed a few. A merge records each file it read (platform/merge_state.py writes the record
beside the units' folders, never published): its inode, size, modification and change times, its SHA-256, and
whether it gave the merge no fact of its own bytes alone (nothing withheld, allowed or checked: most documents). A
later merge takes a file as read when it is the very file recorded (same inode, size and times) and its change time
lies before the merge that recorded it began, less RACY_NS: any write, a file renamed over it, `touch -d` setting
its modification time back — each sets the change time to the moment it happened, which no program can set back. Any
other file (and a symlink, which is never recorded) is read as in a first merge. A record written by other checks'
code (`key`) is not used.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from stat import S_ISREG

# File-system clocks are coarse (a tick behind the wall clock): a file changed within this margin before a merge
# began may have changed after that merge read it, so it is read again.
RACY_NS = 2 * 10**9
# Only POSIX's st_ctime is the inode's change time, which no program can set back. On Windows Python gives the file's
# creation time there, which a write in place keeps: a file edited to the same size with its modification time set
# back (a tool restoring timestamps) would be taken as the file read before. There no earlier merge's record is
# trusted (round 37b); every file is read, as in a first merge.
CHANGE_TIMES_KEPT = os.name == "posix"
SEEN_VERSION = 1
INODE, SIZE, MODIFIED, CHANGED, DIGEST, INERT = range(6)


@dataclass
class SeenFiles:
    """The record of the last merge (`known`, trusted for files changed before `before`) and this merge's (`now`)."""
    key: str
    known: dict[str, list] = field(default_factory=dict)
    before: int = 0
    started: int = field(default_factory=time.time_ns)
    now: dict[str, list] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object, key: str) -> "SeenFiles":
        """The record as a merge wrote it (`to_json`); an empty one when it is another version's or other code's."""
        try:
            if CHANGE_TIMES_KEPT and data["version"] == SEEN_VERSION and data["key"] == key and isinstance(data["files"], dict):
                return cls(key, data["files"], int(data["started"]) - RACY_NS)
        except (TypeError, KeyError, ValueError):
            pass
        return cls(key)

    def to_json(self) -> dict:
        return {"version": SEEN_VERSION, "key": self.key, "started": self.started, "files": self.now}

    def entry(self, path: str, found: os.stat_result) -> list | None:
        """What this merge or the last one read of content/`path`, if `found` (its lstat now) is that very file,
        unchanged since; it is then this merge's too."""
        for record, before in ((self.now, self.started - RACY_NS), (self.known, self.before)):
            entry = record.get(path)
            if isinstance(entry, list) and len(entry) == 6 and S_ISREG(found.st_mode) and entry[CHANGED] < before \
                    and entry[:4] == [found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]:
                self.now[path] = entry
                return entry
        return None

    def digest(self, path: str, found: os.stat_result) -> str | None:
        """The SHA-256 of content/`path` as read (see `entry`), if it need not be read again."""
        entry = self.entry(path, found)
        return entry[DIGEST] if entry is not None and isinstance(entry[DIGEST], str) else None

    def inert(self, path: str, found: os.stat_result) -> bool:
        """Whether content/`path` is a Markdown file read before that gave the merge no fact (merge_facts.py: nothing
        withheld, allowed or checked), of its own bytes alone."""
        entry = self.entry(path, found)
        return entry is not None and entry[INERT] is True

    def note(self, path: str, found: os.stat_result, digest: str, inert: bool | None = None) -> None:
        """content/`path` read: `found` its lstat before the reading, `digest` the SHA-256 of what was read, `inert`
        whether it gave the merge no fact (`inert`; None: not a Markdown file read for them)."""
        if S_ISREG(found.st_mode):
            self.now[path] = [found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, digest, inert]
