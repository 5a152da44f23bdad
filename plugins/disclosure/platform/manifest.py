"""A unit's hand-over to the assembly, read back: `_unit/<id>/unit.json` (platform/unit_manifest.py writes it).

Checked only for what the assembly relies on, so that a folder from another version of the
tools, or a half-copied one, is named with its fix instead of ending in a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..content.crossrefs import UnitRefs
from .unit_manifest import MANIFEST, UNIT_FOLDER, unit_dir

CONTRIBUTION = "search-contribution.bin"   # the unit's part of the platform search index (mkdocs_adapter/search.py)
_REQUIRED = ("unit", "name", "refs", "feed", "sitemap", "pages", "relations", "latest", "count")


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
    feed: list[dict]
    sitemap: list[dict]
    pages: dict[str, str]                        # 索引号 → the file of its page (where its relations slot is)
    relations: dict[str, dict[str, list[dict]]]  # 索引号 → its links inside the unit, by group
    latest: list[dict]
    count: int
    folder: Path                                 # _unit/<id>/ in the site being assembled

    @property
    def contribution(self) -> Path:
        return self.folder / CONTRIBUTION


def read_manifest(site_dir: Path, unit_id: str) -> UnitManifest:
    folder = unit_dir(site_dir, unit_id)
    shown = f"{UNIT_FOLDER}/{unit_id}/{MANIFEST}"
    fix = f"请重新生成该单位（disclosure build --unit {unit_id}）"
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssemblyError([f"{shown}: 缺少单位“{unit_id}”的交接文件，该单位的输出不完整或不是本版本生成的；{fix}"]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise AssemblyError([f"{shown}: 无法读取单位“{unit_id}”的交接文件（{error}）；{fix}"]) from None
    missing = [key for key in _REQUIRED if not isinstance(data, dict) or key not in data]
    if missing or data["unit"] != unit_id:
        what = f"缺少 {'、'.join(missing)}" if missing else f"写的是单位“{data['unit']}”"
        raise AssemblyError([f"{shown}: 单位“{unit_id}”的交接文件{what}；{fix}"])
    try:
        refs = UnitRefs.from_json(data["refs"])
    except (KeyError, TypeError) as error:
        raise AssemblyError([f"{shown}: refs 格式不对（{error}）；{fix}"]) from None
    # The records are not kept: the platform's catalogue is joined from the units' own export files.
    return UnitManifest(unit_id, data["name"], data.get("group"), refs, data["feed"], data["sitemap"],
                        data["pages"], data["relations"], data["latest"], data["count"], folder)
