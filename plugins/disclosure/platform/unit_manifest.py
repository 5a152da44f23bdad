"""`_unit/<id>/unit.json`: what a unit's build hands to the assembly of the platform.

Never published (the assembly reads it and deletes `_unit/`). Everything the platform's own
pages and files need from a unit is in it, so that the assembly never reads the unit's pages
except to fill their slots: its catalogue records, its references for `crossrefs.resolve`, its
newest feed entries, its sitemap entries, where each document's page (and relations slot) is,
its links inside the unit per document (so a slot can be rendered again with links from other
units added), its newest documents for the platform home, how many documents it publishes, and `sources`: the SHA-256 of
each file of content/ it publishes from (a page's Markdown, an attachment), so that the merge, which has the
repository, finds an output built before one of them was changed or deleted (platform/staleness.py `stale_sources`).

A unit build seals it at the very end (`seal_unit_manifest`): every file of the unit's output
with its SHA-256, so that the merge publishes exactly what the build wrote and nothing else;
and `version`, the format's number, so that a manifest of another version is named with its fix.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from ..content.crossrefs import unit_refs
from ..content.site import Site
from ..pages.feeds import FEED_LIMIT, FeedEntry
from ..content.unit_layout import UNIT_FOLDER

MANIFEST = "unit.json"
# The format of unit.json; raised whenever what the assembly reads from it changes.
# 2: `version` and `files` (every file of the unit's output with its SHA-256).
# 3: `sources` (every file of content/ the output publishes from, with its SHA-256).
MANIFEST_VERSION = 3
# The tables of SHA-256 digests (path → hex): printed on no page, so never read for what the assembly prints (a
# digest can hold eleven digits in a mobile's shape).
DIGEST_TABLES = ("files", "sources")


def unit_dir(site_dir: Path, unit_id: str) -> Path:
    return site_dir / UNIT_FOLDER / unit_id


def unit_manifest(site: Site, group: str | None, records: list[dict], feed: list[FeedEntry],
                  sitemap: list[dict], pages: dict[str, str], relations: dict[str, dict],
                  latest: list[dict]) -> dict:
    """The manifest (section 6 of the platform design), JSON-ready."""
    unit, name = site.catalogue.unit_id, site.catalogue.agency.name
    return {
        "version": MANIFEST_VERSION,
        "unit": unit,
        "name": name,
        "group": group,
        "refs": unit_refs(site).to_json(),
        "records": records,
        "feed": [{**asdict(entry), "department": unit, "department_name": name} for entry in feed[:FEED_LIMIT]],
        "sitemap": sorted(sitemap, key=lambda entry: entry["loc"]),
        "pages": pages,
        "relations": relations,
        "latest": latest,
        "count": len(records),
        "sources": published_sources(site),
    }


def published_sources(site: Site) -> dict[str, str]:
    """src_uri → SHA-256 of every file of content/ the unit's output is made from (its public pages, its section
    pages, the attachments they name): what the output shows of them is what they held when it was built."""
    return {src_uri: file_digest(str(site.content_dir / src_uri)) for src_uri in sorted(site.published_files())}


def write_unit_manifest(site_dir: Path, manifest: dict) -> Path:
    path = unit_dir(site_dir, manifest["unit"]) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    return path


def seal_unit_manifest(site_dir: Path, unit_id: str) -> Path:
    """Add every file of a unit build's output (but unit.json itself) with its SHA-256: the last thing a unit build writes."""
    manifest = read_unit_manifest(site_dir, unit_id)
    own = f"{UNIT_FOLDER}/{unit_id}/{MANIFEST}"
    manifest["files"] = {path: digest for path, digest in output_files(site_dir) if path != own}
    return write_unit_manifest(site_dir, manifest)


def output_files(folder: Path):
    """(relative POSIX path, SHA-256 hex) of every regular file under `folder`, in path order."""
    root = str(folder)
    for current, subfolders, files in os.walk(root):
        subfolders.sort()
        prefix = os.path.relpath(current, root).replace(os.sep, "/")
        for name in sorted(files):
            yield (name if prefix == "." else f"{prefix}/{name}"), file_digest(os.path.join(current, name))


def file_digest(path: str, size: int | None = None) -> str | None:
    """The SHA-256 of the file at `path`; with `size`, None unless the file holds exactly that many bytes, and no more
    than that is read (the merge: a file renamed over a unit's since it was looked at, sparse and of terabytes, took
    hours to hash)."""
    with open(path, "rb") as handle:
        if size is None:
            return hashlib.file_digest(handle, "sha256").hexdigest()
        digest, left = hashlib.sha256(), size + 1
        while left > 0 and (chunk := handle.read(min(left, 2**18))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest() if left == 1 else None


def read_unit_manifest(site_dir: Path, unit_id: str) -> dict:
    return json.loads((unit_dir(site_dir, unit_id) / MANIFEST).read_text(encoding="utf-8"))
