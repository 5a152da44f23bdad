"""A unit's hand-over to the assembly: `_unit/<id>/unit.json` (platform design, section 6).

Written by every unit's build next to its pages, never published: the unit's records, its
references to other units, its feed entries, sitemap entries, where each document's page is,
and what the platform home shows of it. Read back here as plain data, checked only for what the
assembly relies on, so that a folder from another version of the tools is named, not a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..core.crossrefs import UnitRefs

UNIT_DIR = "_unit"
MANIFEST = "unit.json"
CONTRIBUTION = "search-contribution.bin"   # the unit's part of the platform search index (branch search2's name)
_REQUIRED = ("unit", "name", "refs", "records", "feed", "sitemap", "pages", "latest", "count")


class AssemblyError(Exception):
    """The assembly cannot go on; `lines` say why and what to do, in Chinese, one problem each."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class UnitManifest:
    id: str
    name: str
    group: str | None
    refs: UnitRefs
    records: list[dict]
    feed: list[dict]
    sitemap: list[dict]
    pages: dict[str, str]
    latest: list[dict]
    count: int
    folder: Path            # _unit/<id>/ in the site being assembled

    @property
    def contribution(self) -> Path:
        return self.folder / CONTRIBUTION


def unit_folder(site_dir: Path, unit_id: str) -> Path:
    return site_dir / UNIT_DIR / unit_id


def read_manifest(site_dir: Path, unit_id: str) -> UnitManifest:
    folder = unit_folder(site_dir, unit_id)
    path = folder / MANIFEST
    fix = f"请重新生成该单位（disclosure build --unit {unit_id}）"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssemblyError([f"{UNIT_DIR}/{unit_id}/{MANIFEST}: 缺少单位“{unit_id}”的交接文件，"
                             f"该单位的输出不完整或不是本版本生成的；{fix}"]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise AssemblyError([f"{UNIT_DIR}/{unit_id}/{MANIFEST}: 无法读取单位“{unit_id}”的交接文件（{error}）；{fix}"]) from None
    missing = [key for key in _REQUIRED if not isinstance(data, dict) or key not in data]
    if missing or data["unit"] != unit_id:
        what = f"缺少 {'、'.join(missing)}" if missing else f"写的是单位“{data['unit']}”"
        raise AssemblyError([f"{UNIT_DIR}/{unit_id}/{MANIFEST}: 单位“{unit_id}”的交接文件{what}；{fix}"])
    try:
        refs = UnitRefs.from_json(data["refs"])
    except (KeyError, TypeError) as error:
        raise AssemblyError([f"{UNIT_DIR}/{unit_id}/{MANIFEST}: refs 格式不对（{error}）；{fix}"]) from None
    return UnitManifest(unit_id, data["name"], data.get("group"), refs, data["records"], data["feed"],
                        data["sitemap"], data["pages"], data["latest"], data["count"], folder)
