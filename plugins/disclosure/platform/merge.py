"""`disclosure merge`: the units' separate builds overlaid into one site, assembled, swapped in.

Each unit build (`DISCLOSURE_UNIT=<id> mkdocs build -d build/units/<id>`) leaves a complete
folder: the unit's pages, Material's assets, its exports and its `_unit/<id>/` hand-over. The
merge links every file into a staging folder next to site/ (hard links: 200,000 pages are not
copied; a copy where the file system refuses), runs `assemble` on it and swaps it in. On any
error the staging folder is thrown away and site/ stays as it was, byte for byte.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.catalogue_file import load_catalogue
from ..pages.atomic import swap_in
from ..rules.files import _TolerantLoader
from .assembly import ASSEMBLED, Assembly, AssemblyError, PlatformSettings, assemble
from .unit_manifest import UNIT_FOLDER as UNIT_DIR

# Written only by the assembly: the platform's search/ (a unit's own index is under search/units/<id>/).
ASSEMBLED_SEARCH = ("search/manifest.json", "search/t2s.json")
ASSEMBLED_SEARCH_FOLDERS = ("search/t/", "search/f/")
# Every unit build writes these; the government's win (it is first), the others' are not compared.
SHARED = ("404.html",)
SHARED_FOLDERS = ("assets/",)


@dataclass(frozen=True)
class PlatformConfig:
    """What the merge needs from catalogue.yaml and mkdocs.yml."""
    settings: PlatformSettings
    unit_names: dict[str, str]

    @property
    def unit_ids(self) -> list[str]:
        return self.settings.unit_ids


def read_config(root: Path, catalogue: str = "catalogue.yaml", host_config: str = "mkdocs.yml") -> PlatformConfig:
    model, problems = load_catalogue(root / catalogue, catalogue)
    errors = [d.as_text() for d in problems if d.is_error]
    if model is None or errors:
        raise AssemblyError(errors + [f"{catalogue} 有错误，无法合并；请先运行 disclosure check 修正"])
    if model.platform is None:
        raise AssemblyError([f"{catalogue}: 没有 departments（部门），这是单个机关的网站，不需要合并；"
                             "请直接运行 mkdocs build"])
    site_url, custom_dir, directory_urls = _host_settings(root / host_config, host_config)
    platform = model.platform
    settings = PlatformSettings([unit.id for unit in platform.units], platform.name, platform.groups, site_url,
                                [root / custom_dir], directory_urls, dict(model.severities))
    return PlatformConfig(settings, {unit.id: unit.name for unit in platform.units})


def _host_settings(path: Path, name: str) -> tuple[str | None, str, bool]:
    """site_url, theme.custom_dir (our templates) and use_directory_urls of mkdocs.yml."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AssemblyError([f"{name}: 无法读取（{error}）；合并需要其中的 site_url 和 theme.custom_dir"]) from None
    config = config if isinstance(config, dict) else {}
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom_dir, str):
        raise AssemblyError([f"{name}: theme 中没有 custom_dir（模板目录，如 overrides）；合并要用其中的模板"])
    site_url = config.get("site_url")
    return (site_url if isinstance(site_url, str) and site_url else None), custom_dir, \
        config.get("use_directory_urls", True) is not False


def merge(config: PlatformConfig, units_dir: Path, site_dir: Path) -> Assembly:
    """Overlay, assemble and swap in; raises AssemblyError with site_dir untouched."""
    check_unit_folders(config, units_dir)
    staging = site_dir.with_name(site_dir.name + ".merging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        overlay(units_dir, config.unit_ids, config.unit_names, staging)
        done = assemble(staging, config.settings)
        swap_in(staging, site_dir, remove_later=True)
        return done
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_unit_folders(config: PlatformConfig, units_dir: Path) -> None:
    """Every declared unit has an output folder and every output folder is a declared unit."""
    if not units_dir.is_dir():
        raise AssemblyError([f"{units_dir}: 没有各单位的输出目录；请先生成各单位（disclosure build），或用 --units-dir 指定目录"])
    present = {entry.name for entry in units_dir.iterdir() if entry.is_dir() and "." not in entry.name}
    lines = [f"{units_dir / unit}: 缺少单位“{config.unit_names[unit]}”（{unit}）的输出；"
             f"请先生成它：disclosure build --unit {unit}" for unit in config.unit_ids if unit not in present]
    lines += [f"{units_dir / name}: catalogue.yaml 中已没有单位“{name}”，这是过时的输出；请删除该目录"
              for name in sorted(present - set(config.unit_ids))]
    if lines:
        raise AssemblyError(lines)


def overlay(units_dir: Path, unit_ids: list[str], names: dict[str, str], staging: Path, jobs: int | None = None) -> int:
    """Link every unit's files into `staging`; returns the number of files.

    A unit's files lie under its own prefix, so a path taken twice is rare (the shared assets, or
    two units claiming one page): it is found by the link failing, not by remembering 400,000 paths.
    The government goes first (its 404.html and assets are the site's); the departments then in
    parallel threads: the time goes into the file system's calls, which run outside the GIL."""
    conflicts: list[str] = []
    placed = _overlay_unit(units_dir, unit_ids[0], unit_ids, names, staging, conflicts)
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        placed += sum(pool.map(lambda unit: _overlay_unit(units_dir, unit, unit_ids, names, staging, conflicts),
                               unit_ids[1:]))
    if conflicts:
        conflicts.sort()
        raise AssemblyError(conflicts[:20] + ([f"……另有 {len(conflicts) - 20} 处同名文件"] if len(conflicts) > 20 else []))
    return placed


def _overlay_unit(units_dir: Path, unit: str, unit_ids: list[str], names: dict[str, str], staging: Path,
                  conflicts: list[str]) -> int:
    placed = 0
    source = os.path.join(units_dir, unit)
    for folder, subfolders, files in os.walk(source):
        subfolders.sort()
        relative = folder[len(source) + 1:]
        prefix = relative.replace(os.sep, "/") + "/" if relative else ""
        if prefix == UNIT_DIR + "/":
            _check_hand_over(subfolders, unit, source)
        target_folder = os.path.join(staging, prefix)
        os.makedirs(target_folder, exist_ok=True)
        for name in files:
            path = prefix + name
            if _assembled(path):
                continue
            if _place(os.path.join(folder, name), os.path.join(target_folder, name)):
                placed += 1
            elif not _shared(path) and not filecmp.cmp(os.path.join(staging, path), os.path.join(folder, name),
                                                       shallow=False):
                other = next(u for u in unit_ids if u != unit and os.path.exists(os.path.join(units_dir, u, path)))
                one, two = sorted((other, unit), key=unit_ids.index)   # the same words whichever thread came first
                conflicts.append(f"{path}: “{names[one]}”和“{names[two]}”都生成了这个文件，内容不同；"
                                 "请检查两个单位的栏目路径（path）是否重名")
    return placed


def _place(source: str, target: str) -> bool:
    """Hard-link (else copy) `source` as `target`; False when `target` is already there."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:   # another file system, or one without hard links
        if os.path.lexists(target):
            return False
        shutil.copy2(source, target)
    return True


def _check_hand_over(subfolders: list[str], unit: str, source: str) -> None:
    """A unit's folder holds only its own hand-over (a folder copied from another unit is stale)."""
    strangers = [name for name in subfolders if name != unit]
    if strangers:
        raise AssemblyError([f"{source}/{UNIT_DIR}: 含有其他单位（{'、'.join(strangers)}）的交接文件，"
                             f"这个目录不是单位“{unit}”单独生成的；请删除它并重新生成：disclosure build --unit {unit} --no-merge"])


def _assembled(path: str) -> bool:
    return path in ASSEMBLED or path in ASSEMBLED_SEARCH or path.startswith(ASSEMBLED_SEARCH_FOLDERS)


def _shared(path: str) -> bool:
    return path in SHARED or path.startswith(SHARED_FOLDERS)
