"""A unit's hand-over to the assembly, read back: `_unit/<id>/unit.json` (platform/unit_manifest.py writes it).

Checked only for what the assembly relies on, so that a folder from another version of the
tools, or a half-copied one, is named with its fix instead of ending in a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..codes import E701
from ..codes.diagnostics import Diagnostic
from ..content.crossrefs import UnitRefs
from ..content.unit_layout import GOVERNMENT, belongs_to, safe_relative
from .unit_manifest import MANIFEST, MANIFEST_VERSION, UNIT_FOLDER, unit_dir

CONTRIBUTION = "search-contribution.bin"   # the unit's part of the platform search index (mkdocs_adapter/search.py)
# The most a hand-over file (unit.json, the search contribution) may weigh; the merge holds each whole in memory.
# A unit.json takes some 2.5 KB a document (its records, references, sitemap, pages) and 110 bytes a file: a
# department of 200,000 documents (a whole platform's worth) about 550 MB; its contribution less than that.
MAX_HANDOVER_BYTES = 2**30
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
    digest: str = ""                             # SHA-256 of unit.json as read (platform/merge_state.py)
    sources: dict[str, str] = field(default_factory=dict)   # content/'s files it publishes from (src_uri) → SHA-256

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
        found = os.lstat(folder / MANIFEST)
        if not stat.S_ISREG(found.st_mode):   # a pipe would hang the read, a symlink lead elsewhere
            raise refused("不是普通文件（符号链接或特殊文件）")
        if too_large := handover_too_large(found.st_size):
            raise refused(too_large)
        raw = (folder / MANIFEST).read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise refused("缺失，该单位的输出不完整或不是本版本生成的") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise refused(f"无法读取（{error}）") from None
    except RecursionError:
        raise refused("嵌套层次过深，无法读取") from None
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
    if not _table_of_texts(data.get("sources", {})):
        raise refused("的 sources（来源文件清单）不是“路径: 校验值”的表")
    outside = [page for page in (data["pages"].values() if isinstance(data["pages"], dict) else [None])
               if not safe_relative(page) or not belongs_to(page, unit_id, units or [unit_id])]
    if outside:
        raise refused(f"的 pages（页面位置）写了本单位路径以外的文件（{outside[0]}）")
    try:
        refs = UnitRefs.from_json(data["refs"])
    except (KeyError, TypeError) as error:
        raise refused(f"的 refs 格式不对（{error}）") from None
    if type(data["count"]) is not int or data["count"] != len(refs.records):   # printed on the platform home
        raise refused(f"的 count（文件数 {str(data['count'])[:20]}）与它列出的文件（{len(refs.records)} 个）不符")
    # The records are not kept: the platform's catalogue is joined from the units' own export files.
    claimed = _claims_outside(data, refs, unit_id, units or [unit_id])
    if claimed:
        raise refused(f"写了本单位以外的内容（{claimed}），合并后会出现在其他单位或平台首页的页面上")
    return UnitManifest(unit_id, data["name"], data.get("group"), refs, data["feed"], data["sitemap"],
                        data["pages"], data["relations"], data["latest"], data["count"], data.get("files"), folder,
                        hashlib.sha256(raw).hexdigest(), data.get("sources", {}))


def _table_of_texts(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) and isinstance(item, str) for key, item in value.items())


def handover_too_large(size: int) -> str | None:
    """Why a hand-over file of `size` bytes is not read (it would be held whole in memory), or None."""
    if size <= MAX_HANDOVER_BYTES:
        return None
    return (f"过大（{size // 2**20} MB，上限 {MAX_HANDOVER_BYTES // 2**20} MB），单位生成的交接文件不会这么大，"
            "未读取")


def _claims_outside(data: dict, refs: UnitRefs, unit_id: str, units: list[str]) -> str | None:
    """What of the hand-over would be shown on another unit's or the platform's pages (the relations
    across units, the platform home, the feed, the sitemap) but does not lie in this unit: the first found."""
    if refs.unit != unit_id:
        return f"refs 的单位 {refs.unit}"
    for record in refs.records:
        if record.unit != unit_id or record.unit_name != data["name"]:
            return f"索引号 {record.index_no} 记在单位“{record.unit_name}”（{record.unit}）名下"
        if not safe_relative(record.src_uri) or not belongs_to(record.src_uri, unit_id, units):
            return f"索引号 {record.index_no} 的文件 {record.src_uri}"
    addresses = [(entry, "url") for key in ("feed", "latest") for entry in data[key]] + \
        [(entry, "loc") for entry in data["sitemap"]] + \
        [(link, "url") for link in _relation_links(data["relations"])]   # filled into its pages after their check
    for entry, key in addresses:
        url = entry.get(key) if isinstance(entry, dict) else None
        if not own_url(url, unit_id, units):
            return f"网址 {shown_url(url)}"
    return None


def _relation_links(relations: object) -> list:
    """Every link of the hand-over's relations (索引号 → group → links); [None] where the shape is not that."""
    if not isinstance(relations, dict):
        return [None]
    groups = [group for group in relations.values()]
    if not all(isinstance(group, dict) for group in groups):
        return [None]
    lists = [links for group in groups for links in group.values()]
    return [link for links in lists for link in links] if all(isinstance(links, list) for links in lists) else [None]


def own_url(url: object, unit_id: str, units: list[str]) -> bool:
    """A site-root-relative page address of this unit ("" is the government's home), as a browser resolves it and as
    the server that answers it reads it: a browser drops tabs and line breaks inside an address and takes `%2e%2e` for
    `..` (`jyj/%2e%2e/nanqu/…` is another unit's page), and reads a first part with a colon as a scheme
    (`javascript:…`, which the government's paths, anything outside the departments' folders, would otherwise allow);
    nginx, IIS and Pages decode every escape of the path before they find the file, so `jyj/..%2fnanqu/…` and the
    government's `%6ayj/…` are served as another unit's page. The build writes none of them."""
    if not isinstance(url, str):
        return False
    if url == "":
        return unit_id == GOVERNMENT
    if _URL_CONTROL.search(url) or ":" in url.partition("/")[0] or not safe_relative(url.rstrip("/")):
        return False
    served = _served_path(url)   # and as a folder: a server answers `jyj` with a redirection to `jyj/`
    return served is not None and belongs_to(url, unit_id, units) and belongs_to(served.rstrip("/") + "/", unit_id, units)


def _served_path(url: str) -> str | None:
    """The path a server looks up for `url` (its escapes decoded), or None when decoding makes a part a separator,
    a control character, `.` or `..`: the address would be another file's than its parts say."""
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    served = unquote(path)
    if served.count("/") != path.count("/") or _URL_CONTROL.search(served) or not safe_relative(served.rstrip("/")):
        return None
    return served


_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")   # a browser drops tabs and line breaks: `.\n.` is `..`


def shown_url(url: object) -> str:
    """An address for a message line: its control characters written out (a line break would split the line)."""
    return _URL_CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", str(url)[:60])
