"""One build or merge at a time over a platform's unit outputs: `disclosure merge` or `build` run twice at once.

Each merge stages site/ in site.merging/ and removes whatever stands there when it starts: a second merge
removed the first one's staged files while it assembled them, and both ended in 内部错误 or in E700 lines blaming
a unit's output (另一单位已生成了同名文件, a hard link) with the fix to rebuild it; the first could swap in what
was left. A lock on a file of build/units/ (flock: the system releases it when the process ends, killed or not)
makes the second say so and stop. Two unit builds of one unit at once were the same race (each clears
build/units/<id>.building: 'FileNotFoundError … unit.json' in a traceback, or a unit output missing pages): `disclosure
build` holds the lock over its unit builds and its merge. Where the system has no flock (Windows), nothing is
serialised.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:   # Windows
    fcntl = None

from .manifest import AssemblyError

LOCK = ".merging.lock"
_HELD: set[Path] = set()   # the folders this process holds the lock of: `disclosure build` holds it, then merges


@contextmanager
def merging_alone(units_dir: Path) -> Iterator[None]:
    """Hold the lock of `units_dir` for the block; AssemblyError at once when another process holds it. A folder not
    there yet is not locked (the merge names it missing; a build makes it first)."""
    folder = units_dir.resolve()
    if fcntl is None or folder in _HELD or not units_dir.is_dir():
        yield
        return
    handle = os.open(units_dir / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AssemblyError([f"{units_dir / LOCK}: 另一个生成或合并（disclosure build 或 disclosure merge）正在使用 "
                                 f"{units_dir} 中的各单位输出；请等它结束后再运行（网站以它的结果为准）"]) from None
        _HELD.add(folder)
        try:
            yield
        finally:
            _HELD.discard(folder)
    finally:
        os.close(handle)   # releases the lock
