"""Whether a unit's output is still what content/ says: an output built before a file it publishes from changed.

A unit build records the SHA-256 of each file of content/ its output is made from (unit.json `sources`,
platform/unit_manifest.py); the merge job has the repository and hashes them again. A compromised job can write
any `sources`: this guards against the careless hand and the stale artefact, not against that job (the merge's
other checks do).
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

from ..codes import E701
from ..codes.diagnostics import Diagnostic
from ..content.seen_files import SeenFiles
from ..content.unit_layout import UNIT_FOLDER, safe_relative
from .manifest import UnitManifest, rebuild
from .unit_manifest import MANIFEST, file_digest


def stale_sources(content_dir: Path | None, manifests: list[UnitManifest], units_dir: Path,
                  seen: SeenFiles | None = None) -> list[Diagnostic]:
    """E701 for each output built before a file of content/ it publishes from was changed or deleted: a unit rebuilt
    alone (`disclosure build --unit jyj`) after another unit's content changed, or an earlier run's artefact. Its
    pages would show what content/ no longer says: a document the office withdrew by deleting it, an attachment it
    replaced by a redacted version, a body from which a name was taken out. `seen`: content/'s files as this merge
    and the last one read them (content/seen_files.py): a file unchanged since is not hashed again."""
    if content_dir is None:
        return []
    problems = []
    for unit in manifests:
        if found := _first_stale(content_dir, unit.sources, seen):
            source, how = found
            problems.append(E701.at(f"{units_dir / unit.id}/{UNIT_FOLDER}/{unit.id}/{MANIFEST}", 1,
                                    f"单位“{unit.name}”（{unit.id}）的输出生成于 {content_dir / source} {how}之前，"
                                    f"发布的是该文件原来的内容；{rebuild(unit.id)}"))
    return problems


def _first_stale(content_dir: Path, sources: dict[str, str], seen: SeenFiles | None) -> tuple[str, str] | None:
    """(the first source, how it changed) whose file in content/ is no longer the one the output was made from."""
    for source, digest in sorted(sources.items()):
        path = content_dir / source
        try:
            found = os.lstat(path) if safe_relative(source) else None
        except OSError:
            found = None
        if found is None or not S_ISREG(found.st_mode):   # a pipe would hang the read
            return source, "被删除或改名"
        if _digest(path, source, found, seen) != digest:
            return source, "改动"
    return None


def _digest(path: Path, source: str, found: os.stat_result, seen: SeenFiles | None) -> str | None:
    """The SHA-256 of content/`source` (`found`: its lstat), read unless `seen` has it (and then noted there)."""
    if seen is not None and (known := seen.digest(source, found)) is not None:
        return known
    digest = file_digest(str(path), found.st_size)
    if seen is not None and digest is not None:
        seen.note(source, found, digest)
    return digest
