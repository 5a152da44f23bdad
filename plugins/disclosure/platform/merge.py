"""`disclosure merge`: the units' separate builds overlaid into one site, assembled, swapped in.

Each unit build (`DISCLOSURE_UNIT=<id> mkdocs build -d build/units/<id>`) leaves a complete
folder: the unit's pages, Material's assets, its exports and its `_unit/<id>/` hand-over. The
merge links every file into a staging folder next to site/ (hard links: 200,000 pages are not
copied; a copy where the file system refuses), runs `assemble` on it and swaps it in. On any
error the staging folder is thrown away and site/ stays as it was, byte for byte.

A unit's output is an artefact of another CI job: it is published only as its build sealed it.
Each file must lie in the unit's own paths (core/unit_layout.py), be a regular file (no symlink,
no hard link from elsewhere), be listed in the unit's manifest and have the SHA-256 listed there;
every listed file must be there (E700). What a sealed file would show or do to readers is checked
too: a script, a resource of another host, a search result leading elsewhere, personal data in any
file published (rules/personal_data/published.py). The shared files (the theme's assets/) are published from
the government's output only. A manifest of another version is refused with its fix (E701).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import html
import io
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from urllib.parse import unquote

import yaml

from ..codes import E700, E701, W400, W401
from ..codes.diagnostics import Diagnostic
from ..content.catalogue_file import load_catalogue
from ..content.clock import build_date
from ..content.host_settings import HostSettings, installed_theme_folder, read_host_settings
from ..content.inventory import ATTACHMENT_TYPES
from ..content.merge_facts import MergeFacts, merge_facts
from ..content.seen_files import SeenFiles
from ..content.unit_layout import (
    ASSETS_FOLDER,
    GOVERNMENT,
    SEARCH_UNITS,
    SHARED_FOLDERS,
    UNIT_FOLDER as UNIT_DIR,
    belongs_to,
    safe_relative,
    same_address,
    shared,
    windows_device_name,
)
from ..pages.atomic import remove_any, swap_in
from ..pages.exports import PLATFORM_CSV_COLUMNS, catalogue_csv, formula_cell
from ..pages.feeds import feed_identity
from ..privacy.attachment_limits import MAX_FILE
from ..privacy.attachments import Command, Gap, Remote, strings_of
from ..privacy.numbers import masked_text
from ..process.signals import signals_deferred
from ..rules.files import gate_plugin_diagnostics, host_extension_diagnostics, host_setting_diagnostics, theme_template_diagnostics
from ..rules.personal_data.attachments import (Stated, command_in_attachment, remote_in_attachment, unread_attachment,
                                               withheld_attachment)
from ..rules.personal_data.published import (data_finding, first_finding, published_finding, published_text,
                                             read_published_ahead)
from ..rules.rendered import feed_addresses, published_file_problem, search_rows_problem
from ..search.index import UNIT_CHUNK_SIZE, folding_table_file, manifest_categories, manifest_settings, search_categories, shard_of
from ..search.platform import Contribution, ContributionError
from ..search.text import shown_words, token_pieces
from ..text.chinese import fold
from ..text.runs import normalised
from .assembly import ASSEMBLED, ASSEMBLING, UNIT_ASSEMBLED, Assembly, AssemblyError, PlatformSettings, assemble
from .manifest import (CONTRIBUTION, UnitManifest, MAX_HANDOVER_BYTES, handover_too_large, own_url, read_manifest, rebuild,
                       shown_url)
from .merge_lock import merging_alone
from .merge_state import (NO_TRUST, SETTLED, Trust, UnitTrust, forget, read_seen, read_trust, wait_for_removal, write_seen,
                          write_state)
from .staleness import stale_sources
from .unit_manifest import DIGEST_TABLES, MANIFEST, file_digest, unit_dir

CATALOGUE_JSON = "catalogue.json"   # its JSON twin, joined likewise
CATALOGUE_CSV = "catalogue.csv"   # a unit's catalogue export (mkdocs_adapter/outputs.py), joined into the platform's
# Written only by the assembly: the platform's search/ (a unit's own index is under search/units/<id>/).
ASSEMBLED_SEARCH = ("search/manifest.json", "search/t2s.json")
ASSEMBLED_SEARCH_FOLDERS = ("search/t/", "search/f/")


@dataclass(frozen=True)
class PlatformConfig:
    """What the merge needs from catalogue.yaml and mkdocs.yml."""
    settings: PlatformSettings
    unit_names: dict[str, str]
    facts: MergeFacts = field(default_factory=MergeFacts)   # from content/: allowed personal data, what is withheld
    today: dt.date | None = None
    theme_digests: frozenset[str] = frozenset()   # the SHA-256 of the installed theme's own asset files
    unit_groups: dict[str, str | None] = field(default_factory=dict)   # catalogue.yaml's group of each unit
    # catalogue.yaml's categories of each unit as its search manifest lists them (the 栏目 filter shows their names)
    search_categories: dict[str, list] = field(default_factory=dict)
    # the SHA-256 of the theme folder's assets (overrides/assets/): with the installed theme's, the only files the
    # government's assets/ may hold
    theme_folder_digests: frozenset[str] = frozenset()
    content_dir: Path | None = None   # content/, whose files each output says it was made from (`stale_sources`)
    seen: SeenFiles | None = None   # content/'s files as the last merge and this one read them (content/seen_files.py)

    @property
    def unit_ids(self) -> list[str]:
        return self.settings.unit_ids


def read_config(root: Path, catalogue: str = "catalogue.yaml", host_config: str = "mkdocs.yml",
                units_dir: Path | None = None) -> PlatformConfig:
    """`units_dir`: where the merge's record of content/'s files read is (`merge_state.read_seen`; None: read all)."""
    model, problems = load_catalogue(root / catalogue, catalogue)
    errors = [d.as_text() for d in problems if d.is_error]
    if model is None or errors:
        raise AssemblyError(errors + [f"{catalogue} 有错误，无法合并；请先运行 disclosure check 修正"])
    if model.platform is None:
        raise AssemblyError([f"{catalogue}: 没有 departments（部门），这是单个机关的网站，不需要合并；"
                             "请直接运行 mkdocs build"])
    # Each unit's build reads mkdocs.yml with MkDocs' own loader, which runs a Python tag before any check of
    # the build, and runs every plugin, hook and theme template it names (and checks nothing without this plugin);
    # the merge renders the templates too: refused here, before a unit build starts or a template renders.
    refused = [d.as_text() for d in host_extension_diagnostics(root, host_config) + theme_template_diagnostics(root, host_config)
               + gate_plugin_diagnostics(root, host_config) + host_setting_diagnostics(root, host_config)]
    if refused:
        raise AssemblyError(refused + [f"{host_config} 有错误，无法生成或合并；请先运行 disclosure check 修正"])
    host = _host_settings(root, host_config)
    platform = model.platform
    settings = PlatformSettings([unit.id for unit in platform.units], platform.name, platform.groups, host.site_url,
                                [root / host.theme_dir], host.use_directory_urls, dict(model.severities))
    today, seen = build_date(), read_seen(units_dir, _checks_digest())
    return PlatformConfig(settings, {unit.id: unit.name for unit in platform.units},
                          merge_facts(root / host.docs_dir, today, (root / catalogue, root / host_config,
                                                                    *_templates(root / host.theme_dir)), seen), today,
                          installed_theme_digests(host.theme_name), {unit.id: unit.group for unit in platform.units},
                          {unit.id: manifest_categories(search_categories(unit.catalogue)) for unit in platform.units},
                          _folder_digests(root / host.theme_dir / ASSETS_FOLDER), root / host.docs_dir, seen)


def _templates(folder: Path) -> list[Path]:
    """The theme folder's templates: the labels they print on every page (公开方式, 发布机构) are public text too."""
    return sorted(path for path in folder.rglob("*.html") if path.is_file() and not path.is_symlink()) if folder.is_dir() else []


def _host_settings(root: Path, name: str) -> HostSettings:
    """mkdocs.yml's settings (with the file it INHERITs from: a docs_dir read from there is where content/'s
    withheld documents are); the merge needs its site_url and theme.custom_dir (our templates)."""
    try:
        settings = read_host_settings(root, name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise AssemblyError([f"{name}: 无法读取（{error}）；合并需要其中的 site_url 和 theme.custom_dir"]) from None
    if settings.theme_dir is None:
        raise AssemblyError([f"{name}: theme 中没有 custom_dir（模板目录，如 overrides）；合并要用其中的模板"])
    return settings


@lru_cache(maxsize=4)
def installed_theme_digests(name: str | None) -> frozenset[str]:
    """The SHA-256 of each asset file the installed theme `name` ships (its package's assets/, found from
    the host's theme registry without importing it): the software's own files, the same bytes in every
    site. A sealed theme asset that is byte for byte one of them holds nothing an editor or a unit's job
    wrote, and is not read again; the agency's own (overrides/) and any other file are."""
    theme = installed_theme_folder(name)
    return frozenset() if theme is None else _folder_digests(theme / "assets")


def _folder_digests(folder: Path) -> frozenset[str]:
    """The SHA-256 of each regular file under `folder` (none if it is not a folder)."""
    return frozenset(hashlib.sha256(file.read_bytes()).hexdigest()   # as file_digest; not counted as a unit's file
                     for file in sorted(folder.rglob("*")) if file.is_file() and not file.is_symlink())


def merge(config: PlatformConfig, units_dir: Path, site_dir: Path, strict: bool = False,
          waiting: Callable[[], None] = lambda: None) -> Assembly:
    """Verify, overlay, assemble and swap in; raises AssemblyError with site_dir untouched.

    `strict`: a warning of the assembly (W200 across units …) stops it too, as `mkdocs build --strict`.
    Units unchanged since the merge that made site/ are not read again (platform/merge_state.py); right after
    another merge, this one waits for the site that merge replaced to be removed (`waiting` is told when it does)."""
    started = time.time_ns()
    check_unit_folders(config, units_dir)
    with merging_alone(units_dir):
        return _merge_alone(config, units_dir, site_dir, strict, waiting, started)


def _merge_alone(config: PlatformConfig, units_dir: Path, site_dir: Path, strict: bool, waiting: Callable[[], None],
                 started: int) -> Assembly:
    """`merge` once no other merge runs over `units_dir`."""
    manifests = [read_manifest(units_dir / unit, unit, f"{units_dir / unit}/", config.unit_ids) for unit in config.unit_ids]
    renamed = [E701.at(f"{units_dir / unit.id}/{UNIT_DIR}/{unit.id}/{MANIFEST}", 1,
                       f"交接文件写的单位名称“{unit.name}”与 catalogue.yaml 中的“{config.unit_names[unit.id]}”不同；"
                       f"{rebuild(unit.id)}") for unit in manifests if unit.name != config.unit_names[unit.id]]
    # The platform home lists each unit under its group: the hand-over's group is catalogue.yaml's, or the unit's job
    # moved it to another group of the government's page (or off it).
    renamed += [E701.at(f"{units_dir / unit.id}/{UNIT_DIR}/{unit.id}/{MANIFEST}", 1,
                        f"交接文件写的单位分组“{unit.group}”与 catalogue.yaml 中的“{config.unit_groups[unit.id]}”不同；"
                        f"{rebuild(unit.id)}") for unit in manifests
                if config.unit_groups and unit.group != config.unit_groups.get(unit.id)]
    if renamed:
        raise AssemblyError(renamed)
    digests = {unit.id: unit.digest for unit in manifests}
    context = _trust_context(config)
    wait_for_removal(units_dir, site_dir, waiting)
    trust = read_trust(units_dir, site_dir, context, digests, _granted_asker(config.facts))
    staging = site_dir.with_name(site_dir.name + ".merging")
    remove_any(staging)
    stale = stale_sources(config.content_dir, manifests, units_dir, config.seen)
    try:
        unpublished = _overlay_unless_stale(stale, units_dir, manifests, staging, site_dir, facts=config.facts,
                                            today=config.today, theme_digests=config.theme_digests, trust=trust,
                                            site_url=config.settings.site_url, categories=config.search_categories,
                                            theme_folder_digests=config.theme_folder_digests)
        for unit in manifests:   # the assembly reads the hand-over files the overlay verified, as linked
            unit.folder = unit_dir(staging, unit.id)
        done = _assemble(staging, config, manifests)
        warnings = [d for d in done.diagnostics if d.is_warning]
        if strict and warnings:
            raise AssemblyError(warnings + [f"严格模式：合并时有 {len(warnings)} 个警告（见上面各行），请修正后重新生成"
                                            "（确需忽略警告时加 --no-strict）"])
        forget(units_dir)
        swap_in(staging, site_dir, remove_later=True, settled=units_dir / SETTLED)
        granted = sorted({tuple(item) for item in trust.granted + config.facts.granted()})
        write_state(units_dir, site_dir, started, context, digests, unpublished, _pieces_by_unit(config.facts, units_dir),
                    [list(item) for item in granted])
        write_seen(units_dir, config.seen)
        return done
    finally:
        with signals_deferred():   # a second Ctrl-C waits until the staged site is gone
            remove_any(staging)


def _overlay_unless_stale(stale: list[Diagnostic], *args, **options) -> dict[str, dict[str, list[int]]]:
    """`overlay`, then the outputs built before content/ changed (`stale`, E701) refused: after the overlay has read
    them, so that what they would publish against content/ as it is now (a withheld text, personal data) is named
    too, which rebuilding the unit may not mend."""
    try:
        unpublished = overlay(*args, **options)
    except AssemblyError as refused:
        raise AssemblyError(stale + refused.problems) from None
    if stale:
        raise AssemblyError(stale)
    return unpublished


SEARCH_FRONT = "search-front"   # a search word's piece content/'s public front matter holds (`_not_shown`)


def _granted_asker(facts: MergeFacts) -> Callable[[object], bool]:
    """Whether the texts the previous merge let through as public (merge_state `granted`) still are, asked as the
    merge asked them: the search words' pieces against the public front matter folded as an index folds it."""
    folded: list[str] = []

    def in_search_front(piece: str) -> bool:
        if not folded:
            folded.append(fold(facts.public_front_matter()))
        return piece in folded[0]
    return lambda granted: facts.still_granted(granted, {SEARCH_FRONT: in_search_front})


@functools.cache
def _checks_digest() -> str:
    """The SHA-256 of this package's code: a merge by another version of the checks (an upgrade that refuses what
    the last one let through, as round 26c's address check) trusts nothing the previous one verified. 20 ms."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode("utf-8") + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _trust_context(config: PlatformConfig) -> list:
    """What a unit's checks depend on besides its own files: the units, content/'s facts, the day, the site's address
    (a unit's feed must have it as its xml:base: a site moved to another host, a feed of the old one is no longer
    the site's), the installed theme's files (a unit's copy of them) and the checks' own code (`_checks_digest`)."""
    facts = config.facts
    key = json.dumps([sorted(facts.allowed), sorted(facts.withheld_pages), facts.withheld_digests,
                      sorted(facts.checked_digests), sorted(passage for passage, _ in facts.withheld_text.passages),
                      str(config.today), config.settings.site_url, sorted(config.theme_digests), _checks_digest(),
                      config.search_categories, sorted(config.theme_folder_digests)],
                     ensure_ascii=False, sort_keys=True)
    return [config.unit_ids, hashlib.sha256(key.encode("utf-8")).hexdigest()]


def _assemble(staging: Path, config: PlatformConfig, manifests: list[UnitManifest]) -> Assembly:
    try:
        return assemble(staging, config.settings, manifests)
    except (KeyError, TypeError, AttributeError) as error:   # a manifest whose inner shape another version wrote
        raise AssemblyError([E701.at(f"{UNIT_DIR}/{unit.id}/{MANIFEST}", 1,
                                     f"单位的交接文件格式与本版本不一致（{type(error).__name__}: {error}）；"
                                     "请用本版本重新生成全部单位（disclosure build），再合并") for unit in manifests]) from None


def check_unit_folders(config: PlatformConfig, units_dir: Path) -> None:
    """Every declared unit has an output folder (a real one) and every output folder is a declared unit."""
    if not units_dir.is_dir():
        raise AssemblyError([f"{units_dir}: 没有各单位的输出目录；请先生成各单位（disclosure build），或用 --units-dir 指定目录"])
    present = {entry.name: entry for entry in units_dir.iterdir() if entry.is_dir() and "." not in entry.name}
    problems = [E701.at(str(units_dir / unit), 1, f"缺少单位“{config.unit_names[unit]}”（{unit}）的输出；"
                        f"请先生成它：disclosure build --unit {unit}") for unit in config.unit_ids if unit not in present]
    problems += [E700.at(str(units_dir / name), 1, f"catalogue.yaml 中已没有单位“{name}”，这是过时的输出；请删除该目录")
                 for name in sorted(set(present) - set(config.unit_ids))]
    problems += [E700.at(str(units_dir / unit), 1, f"单位“{config.unit_names[unit]}”的输出目录是符号链接，不是它生成的目录；"
                         f"请删除它，{rebuild(unit)}") for unit in config.unit_ids
                 if unit in present and present[unit].is_symlink()]
    if problems:
        raise AssemblyError(problems)


def overlay(units_dir: Path, manifests: list[UnitManifest], staging: Path, site_dir: Path | None = None,
            jobs: int | None = None, facts: MergeFacts | None = None, today: dt.date | None = None,
            trust: Trust = NO_TRUST, theme_digests: frozenset[str] = frozenset(),
            site_url: str | None = None, categories: dict[str, list] | None = None,
            theme_folder_digests: frozenset[str] = frozenset()) -> dict[str, dict[str, list[int]]]:
    """Verify every unit's output against its manifest and link its files into `staging`.

    The government goes first (its 404.html and assets are the site's); the departments then in
    parallel threads: the time goes into the file system's calls and hashing, which run outside the GIL.
    `site_dir`: the published site, whose files may be hard links to the units' (a previous merge);
    `facts`: what content/ says is withheld, and the personal data its public documents allow;
    `trust`: what that previous merge verified (not read again); `categories`: each unit's search categories as
    catalogue.yaml gives them (a unit's search manifest must list those). Returns, per unit, the verified
    files that site/ will not hold (platform/merge_state.py keeps them for the next merge)."""
    unit_ids = [unit.id for unit in manifests]
    problems: list[Diagnostic] = []
    readers = _Readers(unit_ids, facts or MergeFacts(), today or build_date(), theme_digests,
                       handovers={unit.id: unit for unit in manifests}, site_url=site_url, categories=categories or {},
                       theme_folder_digests=theme_folder_digests)
    unpublished: dict[str, dict[str, list[int]]] = {unit.id: {} for unit in manifests}
    verify = lambda unit: _overlay_unit(units_dir, unit, readers, staging, site_dir, problems,  # noqa: E731
                                        trust.of(unit.id), unpublished[unit.id])
    runs = readers.facts.withheld_text
    runs.forget_pieces()   # what the files hold now; a file not read again (trusted) as the last merge saw it
    for unit in manifests:
        if (trusted := trust.of(unit.id)) is not None and trusted.pieces:
            runs.restore_pieces([[*piece[:3], f"{units_dir}/{piece[3]}"] for piece in trusted.pieces
                                 if isinstance(piece, list) and len(piece) == 4 and isinstance(piece[3], str)
                                 and piece[3].startswith(f"{unit.id}/")])
    problems += _address_problems(units_dir, manifests)
    verify(manifests[0])
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        list(pool.map(verify, manifests[1:]))
    names = {unit.id: unit.name for unit in manifests}
    for files, covered, withheld in readers.facts.spread_copies():   # pieces of one paragraph in several files
        for file in files:
            others = "、".join(other for other in files if other != file)
            unit = _unit_of(file, units_dir)
            problems.append(E700.at(file, 1, f"单位“{names.get(unit, unit)}”（{unit}）的输出中，这个文件与 {others} 合起来，"
                                    f"含有不公开文件 {withheld} 正文中一段的 {covered} 个字（各文件中的片段单看都不长），"
                                    f"不公开文件的内容不得发布；{rebuild(unit)}"))
    if problems:
        problems.sort()
        more = len(problems) - 40
        raise AssemblyError(problems[:40] + ([f"……另有 {more} 处不符；合并已停止"] if more > 0 else []))
    return unpublished


def _address_problems(units_dir: Path, manifests: list[UnitManifest]) -> list[Diagnostic]:
    """Files the units' manifests publish at one address as a server maps names (unit_layout.same_address: case, Unicode
    form, trailing dots): two of them (Guide/ beside guide/, Café written NFC and NFD), or one beside a file the assembly
    writes itself (Catalogue.json, Search/manifest.json). On IIS, or the site copied to Windows or macOS, one replaces the
    other: a page served for another, a job's file served as the catalogue or the search index."""
    found: dict[str, list[tuple[UnitManifest, str]]] = {}
    problems, written = [], _assembly_files([unit.id for unit in manifests])
    for unit in manifests:
        for path in unit.files or ():
            if safe_relative(path) and _publish(path, unit.id):
                found.setdefault(same_address(path), []).append((unit, path))
                if (clash := _through_assembled(same_address(path), written)) is not None:
                    problems.append(E700.at(f"{units_dir / unit.id}/{path}", 1, (
                        f"单位“{unit.name}”（{unit.id}）的输出中，{clash}，两者不能同时存在（合并写它时会出错；IIS 上或复制到 "
                        f"Windows 后也一样），单位生成不会写出这样的文件；{rebuild(unit.id)}")))
                if device := next((part for part in path.split("/") if windows_device_name(part)), None):
                    problems.append(E700.at(f"{units_dir / unit.id}/{path}", 1, (
                        f"单位“{unit.name}”（{unit.id}）的输出中，“{device}”是 Windows 的设备保留名，IIS 服务器上建不出这个文件"
                        f"或目录（网站复制过去会失败），单位生成不会写出这样的文件名；{rebuild(unit.id)}")))
    for address, files in sorted(found.items()):
        if len(files) < 2 and not _assembled(address):   # (a file the assembly writes, exactly so named, is not published)
            continue
        for unit, path in files:
            others = "、".join(other for _, other in files if other != path) or f"合并自己写的 {address}"
            problems.append(E700.at(f"{units_dir / unit.id}/{path}", 1,
                                    f"单位“{unit.name}”（{unit.id}）的输出中，这个文件与 {others} 在网站上是同一个地址（只差大小写、"
                                    "Unicode 写法或末尾的点：IIS 上，或网站复制到 Windows、macOS 后，一个会替换另一个），"
                                    f"单位生成不会写出这样的文件名；{rebuild(unit.id)}"))
    return problems


def _assembly_files(unit_ids: list[str]) -> frozenset[str]:
    """The files the assembly writes (platform/assembly.py), with the temporary beside each, as a server maps names."""
    files = [*ASSEMBLED, *ASSEMBLED_SEARCH, *(f"{unit}/{name}" for unit in unit_ids for name in UNIT_ASSEMBLED)]
    return frozenset(same_address(name + end) for name in files for end in ("", ASSEMBLING))


def _through_assembled(address: str, written: frozenset[str]) -> str | None:
    """Why a file at `address` stands where the assembly writes: it needs as its folder a file the assembly writes
    (catalogue.json/index.html: the merge ended in 内部错误, IsADirectoryError, after every unit was verified), or it
    is a file where the assembly makes a folder (search/t)."""
    if address in (folder.rstrip("/") for folder in ASSEMBLED_SEARCH_FOLDERS):
        return f"这个文件与合并自己建的目录 {address}/ 同名"
    parts = address.split("/")
    folder = next((folder for folder in ("/".join(parts[:end]) for end in range(1, len(parts))) if folder in written), None)
    return f"这个文件的上级目录 {folder}/ 与合并自己写的文件 {folder} 同名" if folder else None


def _pieces_by_unit(facts: MergeFacts | None, units_dir: Path) -> dict[str, list[list]]:
    """The pieces of withheld paragraphs the merged files hold, per unit, each file named under `units_dir`."""
    found: dict[str, list[list]] = {}
    for key, begin, length, source in facts.withheld_text.pieces_record() if facts else ():
        file = Path(source).relative_to(units_dir).as_posix()
        found.setdefault(file.split("/")[0], []).append([key, begin, length, file])
    return found


def _unit_of(file: str, units_dir: Path) -> str:
    """The unit whose output folder (`units_dir`/<id>/…) holds `file`."""
    return Path(file).relative_to(units_dir).parts[0]


@dataclass(frozen=True)
class _Readers:
    """What the check of a sealed file for its readers needs: the units, and the personal data allowed."""
    unit_ids: list[str]
    facts: MergeFacts
    today: dt.date
    theme_digests: frozenset[str] = frozenset()   # the installed theme's own asset files (installed_theme_digests)
    # The normalised article text of the pages search results lead to, kept for the passage (x/) after the row
    # (d/) read it: each page's text is worked out once. Bounded: cleared past PAGE_TEXTS_KEPT pages (about 10 KB each).
    page_texts: dict = field(default_factory=dict, compare=False, hash=False)
    # Each unit's hand-over as read_manifest read it: whose documents its catalogue export may list.
    handovers: dict = field(default_factory=dict, compare=False, hash=False)
    site_url: str | None = None   # mkdocs.yml's: the address a feed's xml:base, ids and a sitemap's <loc> begin with
    categories: dict = field(default_factory=dict, compare=False, hash=False)   # unit id → its manifest's categories
    theme_folder_digests: frozenset[str] = frozenset()   # the theme folder's assets (PlatformConfig)
    _search: dict = field(default_factory=dict, compare=False, hash=False)   # withheld_pieces, public_front: once
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, hash=False)

    def withheld_pieces(self) -> set[str]:
        """The pieces (bigrams, characters, runs) of content/'s withheld text, as a search index holds them."""
        with self._lock:
            if "withheld" not in self._search:
                passages = (passage for passage, _ in self.facts.withheld_text.passages)
                self._search["withheld"] = shown_words("\x00".join(passages))
            return self._search["withheld"]

    def public_front(self) -> str:
        """content/'s public front matter (summaries …) folded as a search index folds it."""
        with self._lock:
            if "front" not in self._search:
                self._search["front"] = fold(self.facts.public_front_matter())
            return self._search["front"]


def _overlay_unit(units_dir: Path, unit: UnitManifest, readers: _Readers, staging: Path, site_dir: Path | None,
                  problems: list[Diagnostic], trusted: UnitTrust | None = None,
                  unpublished: dict[str, list[int]] | None = None) -> None:
    """`trusted`: the unit's unit.json is the one the merge that made site/ verified (with the same units,
    content/ facts and day): a file that is site/'s own (same inode), or one that merge kept out of site/ and
    is still the same file (`kept`), last written before `trusted.before`, is not hashed or read again.
    `unpublished`: filled with the verified files that do not go into site/ (path → inode, size, mtime)."""
    unit_ids = readers.unit_ids
    seen, folders, indexes = set(), set(), []   # indexes: (path, where read) of the unit's search words to check
    published_to_read: list[tuple[str, str, str]] = []   # (path, where read, digest): read for readers after the walk
    unpublished = {} if unpublished is None else unpublished
    source = units_dir / unit.id
    own_manifest = f"{UNIT_DIR}/{unit.id}/{MANIFEST}"
    fix = rebuild(unit.id)

    def refuse(path: str, message: str) -> None:
        problems.append(E700.at(f"{source}/{path}", 1, f"单位“{unit.name}”（{unit.id}）的输出中，{message}；{fix}"))

    if unit.files is None:
        problems.append(E701.at(f"{source}/{own_manifest}", 1, f"单位“{unit.name}”（{unit.id}）的交接文件没有文件清单"
                                f"（files），不是一次完整的单位生成留下的；{fix}"))
        return
    for name in sorted(set(os.listdir(source / UNIT_DIR)) - {unit.id}) if (source / UNIT_DIR).is_dir() else ():
        refuse(f"{UNIT_DIR}/{name}", f"含有其他单位（{name}）的交接文件，这个目录不是单位“{unit.id}”单独生成的")

    for path, entry in _walk(source):
        if entry is TOO_DEEP or entry is TOO_LONG:
            refuse(path, f"目录层次超过 {MAX_DEPTH} 层，单位生成的目录不会这么深" if entry is TOO_DEEP
                   else f"目录路径超过 {MAX_PATH_BYTES} 字节，单位生成的目录不会这么长")
            continue
        if entry is None or not entry.is_file(follow_symlinks=False):
            refuse(path, "这是符号链接或特殊文件，不是生成的文件" if entry is None or entry.is_symlink()
                   else "这是特殊文件（命名管道、设备等）")
            continue
        if path == own_manifest:
            if unsafe := _manifest_problem(entry.path, readers, unit.digest, checked_before=trusted is not None):
                refuse(path, unsafe)
            continue
        if not belongs_to(path, unit.id, unit_ids):
            refuse(path, "这个文件不在本单位的路径内（只能写本单位的目录）")
            continue
        expected = unit.files.get(path)
        if expected is None:
            refuse(path, "这个文件不在交接清单（unit.json 的 files）中，是生成之后加进来的")
            continue
        seen.add(path)
        linked, published = _foreign_link(entry, site_dir, path)
        stat = entry.stat(follow_symlinks=False)
        if linked:
            refuse(path, linked)
            continue
        if path.startswith(f"{UNIT_DIR}/") and (too_large := handover_too_large(stat.st_size)):
            refuse(path, f"交接文件{too_large}")
            continue
        if not path.startswith(f"{UNIT_DIR}/") and (too_large := _past_reading(stat.st_size, readers.facts)):
            refuse(path, too_large)   # before it is linked, copied or hashed: a sparse file of terabytes took hours
            continue
        # A published file is linked first and then read where it was linked: what is checked is the very file
        # site/ will hold, even when the unit's folder is changed while the merge runs (a file renamed over another).
        placed = _publish(path, unit.id)
        if placed and not _place(entry.path, staging / path, folders):
            refuse(path, "另一单位已生成了同名文件")
            continue
        read = str(staging / path) if placed else entry.path
        verified = (trusted is not None and stat.st_mtime_ns < trusted.before and stat.st_ctime_ns < trusted.unchanged_since
                    and _same_file(read, stat) and (
                        published or trusted.kept.get(path) == [stat.st_ino, stat.st_size, stat.st_mtime_ns]))
        if not verified and file_digest(read, stat.st_size) != expected:   # the walked file's size: bounded by _past_reading
            refuse(path, "文件内容与交接清单中的校验值（SHA-256）不符，生成之后被改动过" + (
                f"；它与已发布网站的 {site_dir.name}/{path} 是同一个文件（硬链接），网站上的这个文件也已被改动，"
                "请立即重新生成该单位并合并（只用 disclosure build 写单位目录，不要把文件复制进去）"
                if published and site_dir else ""))
        elif placed and (withheld := _withheld(path, expected, readers.facts)):
            refuse(path, withheld)
        elif (not verified and path == f"{UNIT_DIR}/{unit.id}/{CONTRIBUTION}"
              and (unsafe := _contribution_problem(read, readers))):
            refuse(path, unsafe)
        elif not verified and placed:
            published_to_read.append((path, read, expected))
        if not verified and _search_words_file(path, unit.id):
            indexes.append((path, read))
        if not placed or path.startswith(f"{UNIT_DIR}/"):   # the hand-over: read, never published
            unpublished[path] = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
    # Read together: one child process reads every attachment, where each alone would start its own.
    read_published_ahead(((path, Path(read)) for path, read, digest in published_to_read
                          if not _installed_theme_file(path, digest, readers)), readers.today)
    for path, read, expected in published_to_read:
        if unsafe := _unsafe_for_readers(read, path, unit.id, readers, expected, source):
            refuse(path, unsafe)
    for path, message in _unshown_search_words(indexes, unit, staging, readers):
        refuse(path, message)
    for path in sorted(set(unit.files) - seen):
        if not safe_relative(path) or not belongs_to(path, unit.id, unit_ids):
            refuse(str(path), "交接清单列出了本单位路径以外的文件（不合规的路径）")
        elif not _regular_file(source / path):
            refuse(path, "交接清单列出的这个文件缺失")


def _past_reading(size: int, facts: MergeFacts) -> str | None:
    """Why a file (not the hand-over, which has its own bound) is too large to publish: past what the checks read
    (privacy/attachment_limits.MAX_FILE) no unit's build publishes a file unread, unless content/ marks an attachment of
    that very size `checked:`. Refused by its size alone, before its bytes are hashed (a sparse file of terabytes,
    `truncate -s 4T`, holds nothing on the disk and took the merge hours to hash)."""
    if size <= MAX_FILE or size in facts.checked_sizes:
        return None
    return (f"文件过大（{size // 2**20} MB，超过检查能读取的 {MAX_FILE // 2**20} MB），也不是 content/ 中写了 checked（已人工"
            "核对）的附件，合并没有读它（单位生成不会发布这样的文件；确需发布的大附件，核对后在该附件下写 checked:）")


def _search_words_file(path: str, unit: str) -> bool:
    """The files that hold a unit's search words: its part of the platform's index, its own term shards."""
    return path == f"{UNIT_DIR}/{unit}/{CONTRIBUTION}" or (path.startswith(f"{SEARCH_UNITS}/{unit}/t/")
                                                          and path.endswith(".json"))


def _unshown_search_words(indexes: list[tuple[str, str]], unit: UnitManifest, staging: Path,
                          readers: _Readers) -> list[tuple[str, str]]:
    """A search word of the unit holding a piece of withheld text (a bigram, a character, a run) must have it from what
    the unit's documents show: their pages (as verified), or content/'s public front matter (a summary). Compared piece
    by piece, not as phrases: a withheld summary cut into words and put in the index in another order holds no phrase
    of it, yet its words are downloadable by anyone (search/t/) and a bigram chain spells it again. A term shard's words
    are in the build's order (sorted, each in the shard its hash names): in another, single characters spell anything.
    The pages are read only for a word file changed since the last merge, and only until every such piece is found."""
    found, wanted = [], []   # wanted: (file, {withheld piece: a word of it holding it})
    withheld = readers.withheld_pieces()
    for path, read in indexes:
        try:
            shard = None if path.startswith(UNIT_DIR) else json.loads(_bounded_bytes(read))
            words = Contribution.from_bytes(Path(read).read_bytes(), read).tokens if shard is None else list(shard)
        except (ContributionError, OSError, ValueError, TypeError, RecursionError):
            continue   # named by the file's own check
        if shard is not None and (unreadable := _shard_problem(path, shard, unit.count, _term_shards(unit))):
            found.append((path, unreadable))
            continue
        if pieces := {piece: word for word in words for piece in token_pieces(word) if piece in withheld}:
            wanted.append((path, pieces))
    missing = _not_shown(set().union(*(pieces for _, pieces in wanted)), unit, staging, readers)
    for path, pieces in wanted:
        if left := sorted(missing & pieces.keys()):
            found.append((path, f"搜索索引中的词“{masked_text(pieces[left[0]][:20], readers.today)}”含有不公开文件正文中的字词，"
                                "却不在本单位任何文件的页面上（也不在公开文件的摘要等信息中）；单位生成的搜索词只取自本单位"
                                "发布的文件，不公开文件的内容拆成词也不得发布"))
    return found


def _not_shown(pieces: set[str], unit: UnitManifest, staging: Path, readers: _Readers) -> set[str]:
    """Those of `pieces` that no page of the unit's documents shows and no public front matter holds."""
    for page in sorted(set(unit.pages.values())) if isinstance(unit.pages, dict) else ():
        if not pieces:
            break
        try:
            text = _bounded_bytes(staging / page).decode("utf-8", errors="replace")
        except (OSError, ValueError):
            continue   # a listed page that is not there is named as missing
        pieces -= shown_words(html.unescape(_TAGS.sub(" ", _main_part(text))))
    kept = set()
    for piece in pieces:
        if piece in readers.public_front():
            readers.facts.grant(SEARCH_FRONT, piece)   # asked again while the unit is trusted (merge_state `granted`)
        else:
            kept.add(piece)
    return kept


def _shard_problem(path: str, shard: object, count: object, shards: int) -> str | None:
    """Why a term shard of the unit's own index is not as its build writes it: words sorted, each in the shard its
    hash names, each listing (document, weight) pairs of whole numbers for the unit's documents."""
    if not isinstance(shard, dict) or not _postings_readable(shard, count):
        return ("搜索索引分片中有词的记录不是“文件编号, 权重”的整数对，或文件编号超出本单位的文件数；"
                "读者按本单位搜索时会出错或一直运行")
    words, name = list(shard), path.rsplit("/", 1)[-1].removesuffix(".json")
    numbered = name.isascii() and name.isdigit()
    if words != sorted(words) or not numbered or any(shard_of(word, shards) != int(name) for word in words):
        return "搜索索引分片中的词没有按生成的顺序排列，或不在它的散列值所指的分片中（按顺序排列的单字也能拼出任何文字）"
    return None


def _postings_readable(shard: dict, count: object) -> bool:
    """Every word of a term shard lists (document, weight) pairs of whole numbers, its documents the unit's."""
    return isinstance(count, int) and all(
        isinstance(postings, list) and len(postings) % 2 == 0 and all(type(value) is int for value in postings)
        and all(0 <= document < count for document in postings[::2])
        and all(0 <= weight < 2**31 for weight in postings[1::2])
        for postings in shard.values())


MAX_READ_BYTES = 64 * 2**20   # a page, feed or search file the merge reads to check it (a listing page is tens of KB)


class _TooLarge(ValueError):
    """A file the merge reads whole to compare it with another is past MAX_READ_BYTES (the file's own check names it)."""


def _bounded_bytes(path: str | Path) -> bytes:
    """The bytes of a page or search file another file's check reads (a search row's page …), at most MAX_READ_BYTES:
    that page may be one refused by its size, or one renamed over since (a sparse file of terabytes, read whole: all
    the memory there is)."""
    with open(path, "rb") as file:
        data = file.read(MAX_READ_BYTES + 1)
    if len(data) > MAX_READ_BYTES:
        raise _TooLarge(f"{path}: 超过 {MAX_READ_BYTES // 2**20} MB")
    return data


def _theme_asset(path: str) -> bool:
    return shared(path) and path.startswith(SHARED_FOLDERS)


def _installed_theme_file(path: str, digest: str, readers: _Readers) -> bool:
    return _theme_asset(path) and digest in readers.theme_digests


def _unsafe_for_readers(source: str, path: str, unit: str, readers: _Readers, digest: str,
                        unit_source: Path | None = None) -> str | None:
    """What a sealed file would do to readers that no unit build writes (a page's script, a file a browser
    runs, a search result leading elsewhere, personal data, an attachment not read whole): the hashes say
    the unit's job wrote it, not that its build did. An attachment the merge cannot read is published only
    when it is, byte for byte, one that content/ marks `checked:` (the unit's manifest could say anything)."""
    unit_ids = readers.unit_ids
    read = lambda: Path(source).read_bytes()  # noqa: E731  (pages, feeds and search rows only: never an attachment)
    if path.endswith((".html", ".xml", ".json")) and os.stat(source).st_size > MAX_READ_BYTES:
        return f"文件过大（{os.stat(source).st_size // 2**20} MB），单位生成的页面、订阅和搜索数据不会这么大"
    # The theme's assets are scripts and style sheets the government's build copies from the installed theme:
    # not judged as pages are, but read for personal data like every file published (a list saved as a picture).
    theme_asset = _theme_asset(path)
    if theme_asset and digest in readers.theme_digests:
        return None   # byte for byte a file the installed theme ships (its hash was just checked against the manifest)
    problem = None if theme_asset else published_file_problem(path, read, ATTACHMENT_TYPES)
    if problem is None and path == f"{unit}/{CATALOGUE_CSV}":   # joined into the platform's own, opened in Excel
        with open(source, encoding="utf-8-sig", errors="replace", newline="") as lines:
            if (cell := formula_cell(lines)) is not None:
                problem = (f"目录导出中有单元格以 = + - @ 开头（{masked_text(cell[:30], readers.today)}；全角的 ＝＋－＠、前面有空白的也算），Excel 或 WPS 打开时"
                           "会把它当作公式运行；单位生成的导出会在这样的单元格前加 '，不会有它")
    if problem is None and path.startswith(f"{SEARCH_UNITS}/{unit}/d/") and path.endswith(".json"):
        problem = search_rows_problem(read(), lambda url: own_url(url, unit, unit_ids))
    if problem is None and readers.facts.withheld_text:
        problem = _withheld_copy(source, path, readers, digest, unit_source)
    if problem is None and (found := first_finding([path], readers.facts.allowed, readers.today) or published_finding(
            path, Path(source), MAX_READ_BYTES, readers.facts.allowed, readers.today)):   # its address is published too
        if isinstance(found, Remote):
            problem = f"附件{remote_in_attachment(found)}（单位的生成报 E404，合并同样拒绝发布）"
        elif isinstance(found, Command):
            problem = f"附件{command_in_attachment(found)}（单位的生成报 E401，合并同样拒绝发布）"
        elif isinstance(found, Stated):
            problem = f"{withheld_attachment(path.rsplit('/', 1)[-1], found.where, found.written)}（单位的生成报 E102，合并同样拒绝发布）"
        elif not isinstance(found, Gap):
            problem = _personal(found)
        elif not theme_asset and digest not in readers.facts.checked_digests:   # a font: no program reads text from it
            gap = replace(found, where=masked_text(found.where, readers.today), why=masked_text(found.why, readers.today))
            problem = (f"附件{unread_attachment(gap)}（单位的生成报 {(W401 if gap.over_limit else W400).code}，"
                       f"严格模式下停止；合并同样拒绝发布）")
    if problem is None and theme_asset and digest not in readers.theme_folder_digests:   # after the personal data
        problem = ("这个主题文件与本机安装的主题和主题目录（theme.custom_dir 的 assets/，如 overrides/assets/）中的每个文件都不同，"
                   "不是生成复制来的（政府本级的 assets/ 由所有单位的每个页面载入）；若各单位生成用的 mkdocs-material 版本与合并的"
                   "不同，请用同一版本")
    # after the reading for personal data: a broken export holding a number is named for the number
    if problem is None and path in (f"{unit}/{CATALOGUE_CSV}", f"{unit}/{CATALOGUE_JSON}"):
        problem = _catalogue_record_problem(path, read(), readers.handovers.get(unit), unit_ids)
    if problem is None and unit_source is not None and path.startswith(f"{SEARCH_UNITS}/{unit}/") and \
            path.endswith(".json") and path.split("/")[3:4] in (["d"], ["x"]):
        problem = _search_text_problem(path, read(), unit_source, unit, readers)
    if problem is None and path.endswith(".xml"):
        problem = _feed_address_problem(path, read().decode("utf-8"), unit, readers)   # UTF-8: checked above
    if problem is None and path == f"{SEARCH_UNITS}/{unit}/manifest.json" and (handover := readers.handovers.get(unit)):
        problem = _search_manifest_problem(read(), handover, readers.categories.get(unit))
    if problem is None and path == f"{SEARCH_UNITS}/{unit}/t2s.json" and read() != folding_table_file():
        problem = "搜索的繁简对照表（t2s.json）与本版本写的不同，读者按本单位搜索时会用它改写查询"
    if problem is None and path.endswith(PRECOMPRESSED):   # after the reading: what it holds is named first
        problem = ("这是预压缩文件（.gz），单位生成不会写它：nginx（gzip_static）、Caddy 等服务器会把它代替同名的网页或数据"
                   "发给读者，而它的内容与合并检查过的那个文件无关")
    return problem


def _withheld_copy(source: str, path: str, readers: _Readers, digest: str, unit_source: Path | None) -> str | None:
    """A withheld body's text in what the file shows (its address too). A file content/ itself publishes (a public
    document's attachment, byte for byte) is no copy a unit's job made (MergeFacts.public_copy: remembered for the
    next merge, which asks content/ again)."""
    text = path + "\n" + (published_text(path, Path(source), MAX_READ_BYTES) or "")
    if readers.facts.public_copy(digest, os.path.getsize(source), text):
        return None
    copied = readers.facts.copied_text(text, f"{unit_source}/{path}" if unit_source is not None else None)
    return (f"含有不公开文件 {copied[1]} 正文中的一段文字（连续 {len(copied[0])} 个字相同），不公开文件的内容不得发布"
            if copied else None)


def _feed_address_problem(path: str, text: str, unit: str, readers: _Readers) -> str | None:
    """Where a unit's feed (or a sitemap) sends its readers, as its build writes it (pages/feeds.py): xml:base the
    site's address (or the way up to its root), every link a page of the unit, every <id> the identity of one of its
    links, every <loc> the site's address of one. A feed of the unit's links elsewhere under the government's domain
    (another host, another unit's page, an xml:base that moves every link to another host), and an entry with the
    government's id replaces the government's entry in a subscriber's reader."""
    site_url, units = readers.site_url, readers.unit_ids
    found = feed_addresses(text)
    found["href"] = ["" if href == "./" else href for href in found["href"]]   # the government's home, as its feed writes it
    identities = {feed_identity(site_url, href) for href in found["href"]} | {feed_identity(site_url, path)}
    prefix = (site_url or "").rstrip("/") + "/"
    if (other := _first_not(found["base"], {site_url or ("../" * path.count("/") or "./")}.__contains__)) is not None:
        return f"订阅的 xml:base“{shown_url(other)}”不是本网站的地址；单位生成的订阅只链接本网站"
    if (other := _first_not(found["href"], lambda href: own_url(href, unit, units))) is not None:
        return f"订阅中的链接“{shown_url(other)}”不是本单位的页面；单位生成的订阅只链接本单位发布的页面"
    if (other := _first_not(found["id"], identities.__contains__)) is not None:
        return f"订阅中的条目标识 <id>“{shown_url(other)}”不是本单位页面的标识；订阅阅读器会把它当作另一条信息（如政府的）替换掉"
    if (other := _first_not(found["loc"], lambda loc: bool(site_url) and loc.startswith(prefix)
                            and own_url(loc[len(prefix):], unit, units))) is not None:
        return f"站点地图中的 <loc>“{shown_url(other)}”不是本单位页面在本网站的地址"
    return None


def _first_not(values: list[str], allowed) -> str | None:
    """The first of `values` that `allowed` refuses."""
    return next((value for value in values if not allowed(value)), None)


PRECOMPRESSED = ".gz"   # the build writes only the platform's sitemap.xml.gz, at the assembly


def _catalogue_record_problem(path: str, data: bytes, handover: UnitManifest | None, unit_ids: list[str]) -> str | None:
    """Each record of the unit's catalogue export must be one of the unit's own documents, as its build writes it:
    its 链接 a page of the unit, its 索引号 one the unit's hand-over publishes at that page, its 所属部门 the unit.
    The platform's catalogue.json and catalogue.csv join the units' exports (the records of unit.json are not kept),
    and a portal gathering them links each record — to another host, a javascript: address or another unit's page —
    and files it under the department it names (a compromised job listed the government's 索引号 under its name, or
    its page as another unit's document). A .csv without the build's own header is left to the joining, which refuses
    it naming the header (E701)."""
    if handover is None or path.endswith(".csv") and not data.startswith(catalogue_csv([], platform=True)):
        return None
    try:
        records = _export_records(path, data)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError, csv.Error, RecursionError):
        return "目录导出不完整或格式不对（读不出每条记录的链接）"
    listed = [index_no for _, index_no, _, _ in records]
    if len(listed) != handover.count or len(set(listed)) != len(listed):   # each public document once, as the build lists
        return (f"目录导出列了 {len(listed)} 条记录（其中不同的索引号 {len(set(map(str, listed)))} 个），本单位公开的文件是 "
                f"{handover.count} 个；单位生成的导出每个文件列一次")
    for link, index_no, department, name in records:
        if not own_url(link, handover.id, unit_ids):
            return f"目录导出中有记录的链接“{shown_url(link)}”不是本单位的页面；单位生成的导出只链接本单位发布的页面"
        if department not in (handover.id, None) or name != handover.name:
            return (f"目录导出中有记录写在“{shown_url(name)}”（{shown_url(department)}）名下，"
                    f"不是本单位“{handover.name}”；单位生成的导出只列本单位的文件")
        if not _published_at(handover.pages.get(index_no) if isinstance(index_no, str) else None, link):
            return (f"目录导出中有记录的索引号“{shown_url(index_no)}”不是本单位在链接“{shown_url(link)}”发布的文件"
                    "（与交接文件的页面清单不符）；单位生成的导出只列本单位发布的文件")
    return None


def _export_records(path: str, data: bytes) -> list[tuple]:
    """(链接, 索引号, unit id or None, 所属部门) of each record of a catalogue export (.json or the platform's .csv)."""
    text = data.decode("utf-8-sig")
    if path.endswith(".json"):
        return [(record.get("url"), record.get("index_no"), record.get("department"), record.get("department_name"))
                if isinstance(record, dict) else (None,) * 4 for record in json.loads(text)["documents"]]
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    columns = [header.index(PLATFORM_CSV_COLUMNS[key]) for key in ("url", "index_no", "department_name")]
    return [(*(row[column] if len(row) > column else None for column in columns[:2]), None,
             row[columns[2]] if len(row) > columns[2] else None) for row in rows]


def _published_at(page: str | None, link: str) -> bool:
    """Whether `page` (a file of the hand-over's pages) is what the address `link` serves."""
    return page is not None and unquote(link) in (page, page.removesuffix("index.html"))


def _search_text_problem(path: str, data: bytes, unit_source: Path, unit: str, readers: _Readers) -> str | None:
    """A search result's texts must be on the unit's page the result leads to: its row's title, type, date,
    文号 and snippet (search/units/<unit>/d/), its passage (x/<n>.json, the text a snippet is cut from). The unit
    build takes each from the document's page; a compromised job could show any text in the platform's search
    results (a withheld document's title or body). A snippet may instead be the summary of a public document of
    content/ (front matter no page prints)."""
    try:
        found = json.loads(data.decode("utf-8"))
        folder = f"{SEARCH_UNITS}/{unit}"
        if path.split("/")[3] == "d":
            rows, first = found, None
            if (short := _rows_missing(path, rows, readers.handovers.get(unit))) is not None:
                return short
        else:
            number = int(path.rsplit("/", 1)[-1].removesuffix(".json"))
            chunk = UNIT_CHUNK_SIZE   # the platform's, as the reader's worker reads it (not the unit's manifest's)
            rows = json.loads(_bounded_bytes(unit_source / folder / f"d/{number // chunk}.json"))[number % chunk:][:1]
            first = found
            if not rows:
                return "搜索数据中有一段正文（x/）没有对应的搜索结果，单位生成的搜索数据不会有它"
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, ZeroDivisionError, RecursionError):
        return "搜索数据不完整或格式不对（结果与其页面对不上）"
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, list) or not row or not all(isinstance(value, str) for value in row):
            return "搜索数据格式不对（搜索结果的每一项都应是文字）"
        texts = [(1 + at, value) for at, value in enumerate(row[1:]) if isinstance(value, str) and value] \
            if first is None else [(0, first if isinstance(first, str) else json.dumps(first, ensure_ascii=False))]
        key = str(unit_source / row[0])
        if (shown := readers.page_texts.get(key)) is not None:
            main, plain = "", False   # its normalised text is known: compared with that alone
        else:
            try:
                page = _bounded_bytes(unit_source / _page_file(row[0])).decode("utf-8", errors="replace")
            except OSError:
                return f"搜索结果指向的页面 {row[0]} 不在本单位的输出中"
            except _TooLarge:
                return f"搜索结果指向的页面 {row[0]} 过大（超过 {MAX_READ_BYTES // 2**20} MB），单位生成的页面不会这么大"
            main, shown = _main_part(page), None
            plain = "<!--" not in main and "<script" not in main.lower()   # nothing in it a reader is not shown as text
        for at, value in texts:
            if plain and ("<" not in value and value in main or html.escape(value, quote=False) in main):
                continue   # as written in the page's article (a title, a date, a 文号): its text need not be read
            if shown is None:   # the article's text, once: markup out, character references read, normalised
                shown = normalised(html.unescape(_TAGS.sub("", main)))
                if len(readers.page_texts) >= PAGE_TEXTS_KEPT:
                    readers.page_texts.clear()
                readers.page_texts[key] = shown
            written = normalised(value)
            if written and written not in shown and not (at == SNIPPET_FIELD and readers.facts.in_public_front_matter(written)):
                return (f"搜索结果（{_shown(row[0])}）的{('正文片段', '标题', '类别', '日期', '文号', '摘要', '废止说明')[at] if at < 7 else '文字'}"
                        f"“{masked_text(value[:30], readers.today)}”不在它指向的页面上：单位生成的搜索数据只取自本单位发布的页面")
    return None


def _page_file(url: str) -> str:
    """The file an address of the site serves: a folder's index.html, or the page itself (use_directory_urls: false)."""
    return url if url.endswith(".html") else url + "index.html" if url.endswith("/") or not url else url + "/index.html"


def _rows_missing(path: str, rows: object, handover: UnitManifest | None) -> str | None:
    """A rows file (d/<n>.json) holds the rows of its chunk of the unit's documents, every one: the reader's worker
    takes a result's row by its place, and a row that is not there ends the whole search in an error, for every
    query that finds a document of this unit on the platform."""
    if handover is None or not isinstance(handover.count, int):
        return None
    number = int(path.rsplit("/", 1)[-1].removesuffix(".json"))
    expected = max(0, min(UNIT_CHUNK_SIZE, handover.count - number * UNIT_CHUNK_SIZE))
    if isinstance(rows, list) and len(rows) == expected:
        return None
    return (f"搜索结果文件应有 {expected} 条（本单位 {handover.count} 个文件，每组 {UNIT_CHUNK_SIZE} 条），"
            "条数不符时读者的搜索读到缺少的一条会整个出错")


SNIPPET_FIELD = 5   # a row: url, title, type, date, 文号, snippet (the summary, or the body's start), 废止


_TAGS = re.compile(r"<[^<>]*>")
PAGE_TEXTS_KEPT = 8192   # pages (the rows, then the passages, of the units merged at once), their text only


def _search_manifest_problem(data: bytes, handover: UnitManifest, categories: list | None) -> str | None:
    """The unit's own search manifest (read when a reader searches this unit alone) as its build writes it: the
    settings of this version, the unit's documents, its term shards, its categories. The worker takes each value as
    it is: a chunk size other than the platform's shows a passage under another result, a shard count past the files
    fails every search of the unit, a limit of a billion keeps the reader's worker busy; the page's 栏目 filter shows
    the categories' names when a reader picks the unit, and files each document under the category and year its
    facets give."""
    try:
        found = json.loads(data.decode("utf-8"))
        settings = {key: found[key] for key in manifest_settings(UNIT_CHUNK_SIZE)}
        shards, count = found["shards"], found["count"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        return "搜索索引的 manifest.json 不完整或格式不对"
    if settings != manifest_settings(UNIT_CHUNK_SIZE) or count != handover.count or shards != _term_shards(handover) or \
            type(shards) is not int or type(count) is not int:
        return ("搜索索引的 manifest.json 与单位生成写的不同（版本设置、文件数或分片数不符），读者的搜索会按它读取结果或"
                "一直运行")
    if categories is not None and found.get("categories") != categories:
        return ("搜索索引的 manifest.json 列的栏目与 catalogue.yaml 中本单位的栏目不同：读者按本单位搜索时，"
                "“栏目”选项显示的是它写的名称")
    if not _facets_in_range(found.get("category"), len(categories or found.get("categories") or []), count) or \
            not _facets_in_range(found.get("year"), 10_000, count, lowest=0):
        return "搜索索引的 manifest.json 中各文件的栏目或年份不是单位生成会写的（数目不符或超出范围）"
    return None


def _facets_in_range(values: object, limit: int, count: int, lowest: int = -1) -> bool:
    """A facet list as the unit build writes it: one whole number per document, from `lowest` up to below `limit`."""
    return isinstance(values, list) and len(values) == count and all(
        type(value) is int and lowest <= value < limit for value in values)


def _term_shards(handover: UnitManifest) -> int:
    """How many term shards (search/units/<id>/t/<n>.json) the unit's manifest lists."""
    terms = f"{SEARCH_UNITS}/{handover.id}/t/"
    return sum(1 for path in handover.files or () if path.startswith(terms) and path.endswith(".json"))


def _main_part(page: str) -> str:
    """The page's <article> (the document as the theme prints it: title, 文号, body), else the whole page: what a
    row's snippet and passage come from, read without the frame's navigation (most of a page's bytes)."""
    start, end = page.find("<article"), page.rfind("</article>")
    return page[start:end] if 0 <= start < end else page


def _shown(url: str) -> str:
    return url[:60]


def _withheld(path: str, digest: str, facts: MergeFacts) -> str | None:
    """Why the file publishes what content/ withholds: the page of a withheld document, or a file it names."""
    if digest in facts.withheld_digests:
        return f"这个文件与不公开文件的附件 content/{facts.withheld_digests[digest]} 完全相同，不公开的附件不得发布"
    page = facts.withheld_page(path)
    return f"这是不公开文件 content/{page}.md 的页面位置，不公开的文件没有页面" if page else None


def _personal(found) -> str:
    return (f"含有疑似{found.label} {found.masked}（个人信息），单位的生成会拒绝它（E400）；"
            "确需公开的号码应写在文件头的 allow_personal_info 中")


def _manifest_problem(source: str, readers: _Readers, digest: str, checked_before: bool = False) -> str | None:
    """Personal data in what the hand-over says of the unit's documents (titles, 文号 …): the assembly prints
    it on the platform's home page, feed, catalogue and other units' pages. Not its file list: hex digests.
    `digest`: the SHA-256 of the unit.json read_manifest read (what the assembly prints from).
    `checked_before`: the merge that made site/ found nothing in a unit.json of this very SHA-256, with the same
    units, content/ facts and day (merge_state: what trust is keyed on), so only the file's bytes are compared:
    reading every title of 200 departments' hand-overs again was most of a rebuild's merge (0.7 s a unit)."""
    try:
        with open(source, "rb") as file:
            raw = file.read(MAX_HANDOVER_BYTES + 1)
        if hashlib.sha256(raw).hexdigest() != digest:
            return "交接文件 unit.json 在合并期间被改动（与合并开始时读到的不同）"
        if checked_before:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None   # read_manifest has named it (E701)
    if isinstance(data, dict):
        for table in DIGEST_TABLES:
            data.pop(table, None)
    if copied := readers.facts.copied_text("\x00".join(strings_of(data))):
        return (f"含有不公开文件 {copied[1]} 正文中的一段文字（连续 {len(copied[0])} 个字相同，在交接文件中，合并时会印在"
                "平台首页、订阅或其他页面上），不公开文件的内容不得发布")
    found = data_finding(data, readers.facts.allowed, readers.today)
    return _personal(found) + "（在交接文件中，合并时会印在平台的页面上）" if found else None


def _contribution_problem(source: str, readers: _Readers) -> str | None:
    """Personal data among the search words a unit hands over: the assembly writes them into the platform's search/."""
    try:
        contribution = Contribution.from_bytes(Path(source).read_bytes(), source)
    except (ContributionError, OSError) as error:
        return f"搜索索引分片无法读取（{error}）"
    if contribution.chunk != UNIT_CHUNK_SIZE:   # the platform's reads each unit's rows with it
        return f"搜索索引分片的每组结果数（{contribution.chunk}）不是平台的 {UNIT_CHUNK_SIZE}，读者会在别的结果下看到这段正文"
    texts = [*contribution.tokens, *(str(category[1]) for category in contribution.categories if category)]
    if copied := readers.facts.copied_text("\x00".join(texts)):   # the words are published in the platform's search/
        return (f"搜索索引的词中含有不公开文件 {copied[1]} 正文中的一段文字（连续 {len(copied[0])} 个字相同），"
                "不公开文件的内容不得发布")
    found = first_finding(texts, readers.facts.allowed, readers.today)
    return _personal(found) + "（在搜索索引的词中）" if found else None


def _regular_file(path: Path) -> bool:
    """Whether `path` is a regular file, not a link; False for a path the system does not take (a name past 255 bytes)."""
    try:
        return S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _same_file(path: str, walked: os.stat_result) -> bool:
    """Whether `path` is the file the walk found (not a copy of it, not one renamed over it since)."""
    found = os.stat(path, follow_symlinks=False)
    return (found.st_ino, found.st_dev) == (walked.st_ino, walked.st_dev)


MAX_DEPTH = 64   # folders a unit's output nests (a page lies 3 to 6 deep); deeper is not walked (nor removed) by recursion
# Bytes of a folder's path inside a unit's output (a page's is about a hundred): past it, the path joined to where the
# platform lies is past what the system opens (4,096 bytes: the walk ended in 内部错误), and it is not walked either.
MAX_PATH_BYTES = 1024
TOO_DEEP, TOO_LONG = "too deep", "too long"


def _walk(folder: Path, prefix: str = "", depth: int = 0):
    """(relative POSIX path, DirEntry) of every file under `folder`; a symlinked folder as (path, None), not entered;
    a folder MAX_DEPTH deep or longer than MAX_PATH_BYTES as (path, TOO_DEEP or TOO_LONG), not entered."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 >= MAX_DEPTH:
                    yield path + "/", TOO_DEEP
                elif len(os.fsencode(path)) > MAX_PATH_BYTES:
                    yield path + "/", TOO_LONG
                else:
                    yield from _walk(Path(entry.path), path + "/", depth + 1)
            elif entry.is_symlink():
                yield path, None
            else:
                yield path, entry


def _foreign_link(entry: os.DirEntry, site_dir: Path | None, path: str) -> tuple[str | None, bool]:
    """Why a file with other hard links may not be published: only the published site's own link to it
    (a previous merge) is expected; any other could change its bytes after this check, or be a file of content/.
    And whether it is that published file."""
    stat = entry.stat(follow_symlinks=False)
    if stat.st_nlink <= 1:
        return None, False
    try:
        published = os.stat(site_dir / path, follow_symlinks=False) if site_dir else None
    except OSError:
        published = None
    if published and (published.st_ino, published.st_dev) == (stat.st_ino, stat.st_dev):
        return None, True
    return f"这是硬链接（同一文件另有 {stat.st_nlink - 1} 个名字），内容可能来自本单位的输出以外", False


def _publish(path: str, unit: str) -> bool:
    """Whether a verified file goes into the site: the assembly writes its own files, and the shared
    files (the theme's assets/ …) are the government's."""
    if _assembled(path):
        return False
    return unit == GOVERNMENT or not shared(path)


def _place(source: str, target: Path, folders: set[Path]) -> bool:
    """Hard-link (else copy) `source` as `target`; False when `target` is already there. `folders`: made so far."""
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:   # another file system, or one without hard links
        if os.path.lexists(target):
            return False
        shutil.copy2(source, target)
    return True


def _assembled(path: str) -> bool:
    return path in ASSEMBLED or path in ASSEMBLED_SEARCH or path.startswith(ASSEMBLED_SEARCH_FOLDERS)
