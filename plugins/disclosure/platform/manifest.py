"""A unit's hand-over to the assembly, read back: `_unit/<id>/unit.json` (platform/unit_manifest.py writes it).

Checked only for what the assembly relies on, so that a folder from another version of the
tools, or a half-copied one, is named with its fix instead of ending in a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..codes import E701
from ..codes.diagnostics import Diagnostic
from ..content.crossrefs import UnitRefs
from ..content.unit_layout import belongs_to, safe_relative
from .unit_manifest import MANIFEST, MANIFEST_VERSION, UNIT_FOLDER, unit_dir

CONTRIBUTION = "search-contribution.bin"   # the unit's part of the platform search index (mkdocs_adapter/search.py)
_REQUIRED = ("unit", "name", "refs", "feed", "sitemap", "pages", "relations", "latest", "count")


class AssemblyError(Exception):
    """The assembly cannot go on; `lines` say why and what to do, in Chinese, one problem each.

    A problem is a coded Diagnostic (printed as it is) or, for what no rule covers (a command-line
    folder that is not there), a plain line (printed after “错误：”)."""

    def __init__(self, problems: list[str | Diagnostic]):
        self.problems = problems
        self.lines = [p.as_text() if isinstance(p, Diagnostic) else p for p in problems]
        super().__init__("\n".join(self.lines))

    def printed(self) -> list[str]:
        return [p.as_text() if isinstance(p, Diagnostic) else f"错误：{p}" for p in self.problems]


def rebuild(unit_id: str) -> str:
    """The fix of a unit's output that cannot be merged."""
    return (f"请用本版本重新生成该单位：disclosure build --unit {unit_id} --no-merge"
            f"（CI 中重新运行该单位的生成作业），再合并")


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
    files: dict[str, str] | None                 # every file of the unit's output → its SHA-256 (sealed unit builds)
    folder: Path                                 # _unit/<id>/ in the site being assembled

    @property
    def contribution(self) -> Path:
        return self.folder / CONTRIBUTION


def read_manifest(site_dir: Path, unit_id: str, shown_in: str = "", units: list[str] | None = None) -> UnitManifest:
    """`shown_in`: where `site_dir` is, for the lines (the merge reads build/units/<id>/ before it overlays);
    `units`: every unit of the platform (a page of the government's may lie in none of the others' folders)."""
    folder = unit_dir(site_dir, unit_id)
    shown = f"{shown_in}{UNIT_FOLDER}/{unit_id}/{MANIFEST}"
    fix = rebuild(unit_id)

    def refused(message: str) -> AssemblyError:
        return AssemblyError([E701.at(shown, 1, f"单位“{unit_id}”的交接文件{message}；{fix}")])

    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise refused("缺失，该单位的输出不完整或不是本版本生成的") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise refused(f"无法读取（{error}）") from None
    if not isinstance(data, dict):
        raise refused("不是本版本的格式")
    version = data.get("version", 1)
    if version != MANIFEST_VERSION:
        raise refused(f"是第 {version} 版格式（由另一版本的工具生成），本工具读第 {MANIFEST_VERSION} 版")
    missing = [key for key in _REQUIRED if key not in data]
    if missing or data["unit"] != unit_id:
        raise refused(f"缺少 {'、'.join(missing)}" if missing else f"写的是单位“{data['unit']}”")
    if not isinstance(data.get("files", {}), dict):
        raise refused("的 files（文件清单）不是“路径: 校验值”的表")
    outside = [page for page in (data["pages"].values() if isinstance(data["pages"], dict) else [None])
               if not safe_relative(page) or not belongs_to(page, unit_id, units or [unit_id])]
    if outside:
        raise refused(f"的 pages（页面位置）写了本单位路径以外的文件（{outside[0]}）")
    try:
        refs = UnitRefs.from_json(data["refs"])
    except (KeyError, TypeError) as error:
        raise refused(f"的 refs 格式不对（{error}）") from None
    # The records are not kept: the platform's catalogue is joined from the units' own export files.
    return UnitManifest(unit_id, data["name"], data.get("group"), refs, data["feed"], data["sitemap"],
                        data["pages"], data["relations"], data["latest"], data["count"], data.get("files"), folder)
