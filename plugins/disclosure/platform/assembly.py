"""The assembly of a 政府信息公开平台 from its units' outputs, without rendering a page again.

Both the full build (on its staging folder, where every unit's output lies) and `disclosure
merge` (on the overlay of separate unit builds) call `assemble`, so both write the same bytes:
the result depends only on the units' hand-over files (`_unit/<id>/unit.json`, the search
contribution) and their order. No MkDocs here: the slots are rendered by pages/slots.py from the
view dicts of pages/slot_views.py, exactly as the build renders them.

What it does, in unit order (platform design, sections 4 and 6):
- resolves the references between units (`crossrefs.resolve`); errors stop it, and the caller
  keeps the old site;
- re-renders the slot ``relations`` on each page with a link across units (its own unit's links
  first, then the others'), and the slots ``platform-latest`` and ``platform-directory`` on the
  platform home;
- writes the platform's catalogue.json / catalogue.csv, feed.xml, sitemap.xml (+ .gz) and search/;
- removes `_unit/`.
Files are replaced, never written through: the site may hold hard links into the units' folders.
Time is linear in documents: each unit.json is read once, only pages with a link across units
(and the home page) are opened.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from ..codes import E701
from ..codes.diagnostics import Diagnostic, sort_diagnostics, with_severities
from ..content.crossrefs import CrossLinks, resolve
from ..pages.exports import (
    CROSS_RELATIONS,
    catalogue_csv,
    catalogue_json,
    join_catalogue_csv,
    join_catalogue_json,
    with_cross_relations,
)
from ..pages.feeds import FEED_NAME, FeedEntry, feed_identity, platform_feed
from ..pages.plan import HOME_PAGE
from ..pages.slot_views import (
    PLATFORM_LATEST_LIMIT,
    banner_view,
    directory_view,
    latest_view,
    merge_relations,
    platform_latest,
    record_link,
    relations_view,
)
from ..pages.slots import (
    BANNER,
    PLATFORM_DIRECTORY,
    PLATFORM_LATEST,
    RELATIONS,
    SlotMissing,
    fill,
    render_slot,
    slot_environment,
)
from ..pages.urls import page_dest, page_url
from ..search.platform import ContributionError, assemble_platform_search
from .manifest import CONTRIBUTION, AssemblyError, UnitManifest, read_manifest, rebuild
from .unit_manifest import UNIT_FOLDER

FEED_TEMPLATE = "disclosure/feed.xml"
SITEMAP_TEMPLATE = "disclosure/sitemap.xml"
SITEMAP_INDEX_TEMPLATE = "disclosure/sitemap-index.xml"
# Files only the assembly writes: a unit's own copy of them (if any) is not merged.
ASSEMBLED = ("catalogue.json", "catalogue.csv", FEED_NAME, "sitemap.xml", "sitemap.xml.gz")
# Files the assembly writes in each unit's folder (<id>/…): its sitemap, and its exports again when another unit
# interprets or replaces one of its documents (`_add_cross_relations`).
UNIT_ASSEMBLED = ("catalogue.json", "catalogue.csv", "sitemap.xml", "sitemap.xml.gz")
ASSEMBLING = ".assembling"   # the new file written beside each, then renamed over it

__all__ = ["ASSEMBLED", "ASSEMBLING", "UNIT_ASSEMBLED", "AssemblyError", "Assembly", "PlatformSettings", "assemble"]


@dataclass(frozen=True)
class PlatformSettings:
    """What the assembly takes from catalogue.yaml and mkdocs.yml (the same in the full build and the merge)."""
    unit_ids: list[str]
    platform_name: str
    groups: tuple[str, ...]
    site_url: str | None
    template_dirs: list[Path]                 # the theme's folders, overrides/ first
    directory_urls: bool = True
    severities: dict[str, str] = field(default_factory=dict)


@dataclass
class Assembly:
    """What an assembly did: the platform's problems (warnings; errors raise) and counts for the log."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: int = 0
    relation_pages: int = 0


def assemble(site_dir: Path, settings: PlatformSettings, units: list[UnitManifest] | None = None) -> Assembly:
    """Assemble the platform in `site_dir` from its units' hand-over files (`units`: already read); raises AssemblyError."""
    site_dir, env = Path(site_dir), slot_environment(settings.template_dirs)
    units = units or [read_manifest(site_dir, unit_id) for unit_id in settings.unit_ids]
    cross = resolve([unit.refs for unit in units])
    diagnostics = sort_diagnostics(with_severities(cross.diagnostics, settings.severities))
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise AssemblyError(errors + [f"平台汇总失败：{len(errors)} 个跨部门的错误（见上面各行），请修正后重新生成"])
    pages = _fill_relations(site_dir, env, units, cross, settings.directory_urls)
    _fill_home(site_dir, env, units, settings)
    _add_cross_relations(site_dir, units, cross)
    _write_catalogue(site_dir, units)
    _write_feed(site_dir, env, units, settings)
    _write_sitemap(site_dir, env, units, settings.site_url)
    _write_search(site_dir, units)
    shutil.rmtree(site_dir / UNIT_FOLDER)
    return Assembly([d for d in diagnostics if not d.is_error], sum(unit.count for unit in units), pages)


def _fill_relations(site_dir: Path, env: Environment, units: list[UnitManifest], cross: CrossLinks,
                    directory_urls: bool) -> int:
    """Each page with a link across units gets its relations block again: its own unit's links, then the others'."""
    by_id = {unit.id: unit for unit in units}
    link = lambda record: record_link(record, page_url(record.src_uri, directory_urls))  # noqa: E731
    found = cross.pages()
    for unit_id, index_no in found:
        unit = by_id[unit_id]
        page = unit.pages.get(index_no)
        if page is None:
            raise AssemblyError([E701.at(f"{UNIT_FOLDER}/{unit_id}/unit.json", 1, f"没有索引号 {index_no} 的页面位置（pages）；"
                                         + rebuild(unit_id))])
        across = {key: [link(record) for record in records] for key, records in cross.of(unit_id, index_no).items()}
        view = relations_view(merge_relations(unit.relations.get(index_no, {}), across), page)
        _fill_slot(site_dir, unit_id, page, RELATIONS, render_slot(env, RELATIONS, view))
        if across.get("replaced_by"):   # its own unit knew only that it was no longer in force
            own = cross.records()[(unit_id, index_no)]
            banner = banner_view(own.validity, own.in_force, across["replaced_by"][0], page)
            _fill_slot(site_dir, unit_id, page, BANNER, render_slot(env, BANNER, banner))
    return len(found)


def _fill_home(site_dir: Path, env: Environment, units: list[UnitManifest], settings: PlatformSettings) -> None:
    here = page_url(HOME_PAGE, settings.directory_urls)
    latest = platform_latest([unit.latest for unit in units], PLATFORM_LATEST_LIMIT)
    groups = [(group, [{"id": unit.id, "name": unit.name, "count": unit.count,
                        "url": page_url(f"{unit.id}/{HOME_PAGE}", settings.directory_urls)}
                       for unit in units if unit.group == group]) for group in settings.groups]
    home = page_dest(HOME_PAGE, settings.directory_urls)
    government = units[0].id   # the platform home is the government's page
    _fill_slot(site_dir, government, home, PLATFORM_LATEST, render_slot(env, PLATFORM_LATEST, latest_view(latest, here)))
    directory = directory_view([(group, members) for group, members in groups if members], here)
    _fill_slot(site_dir, government, home, PLATFORM_DIRECTORY, render_slot(env, PLATFORM_DIRECTORY, directory))


def _fill_slot(site_dir: Path, unit: str, page: str, name: str, html: str) -> None:
    path = site_dir / page
    try:
        text = fill(path.read_text(encoding="utf-8"), name, html)
    except (OSError, SlotMissing) as error:
        reason = error if isinstance(error, SlotMissing) else "页面缺失"
        raise AssemblyError([E701.at(page, 1, f"{reason}，该单位的输出不完整或不是本版本生成的；{rebuild(unit)}")]) from None
    _replace(path, text.encode("utf-8"))


def _add_cross_relations(site_dir: Path, units: list[UnitManifest], cross: CrossLinks) -> None:
    """A unit's catalogue.json/csv list the interpretations and replacements other units made of its
    documents, as they list its own: only the units with such a link are read and written again."""
    extra: dict[str, dict[str, dict[str, list[str]]]] = {}
    for unit_id, index_no in cross.pages():
        found = {key: [record.index_no for record in records]
                 for key, records in cross.of(unit_id, index_no).items() if key in CROSS_RELATIONS}
        if found:
            extra.setdefault(unit_id, {})[index_no] = found
    for unit in units:
        if unit.id in extra:
            records = json.loads(_export(site_dir, unit, "catalogue.json"))["documents"]
            records = with_cross_relations(records, extra[unit.id])
            _replace(site_dir / unit.id / UNIT_ASSEMBLED[0], catalogue_json(records).encode("utf-8"))
            _replace(site_dir / unit.id / UNIT_ASSEMBLED[1], catalogue_csv(records, platform=True))


def _write_catalogue(site_dir: Path, units: list[UnitManifest]) -> None:
    """The platform's catalogue.json and .csv: the units' own (gov/…, <id>/…), joined in unit order, a unit at a time."""
    total = sum(unit.count for unit in units)
    try:
        _replace_with(site_dir / "catalogue.json", (piece.encode("utf-8") for piece in join_catalogue_json(
            (_export(site_dir, unit, "catalogue.json").decode("utf-8") for unit in units), total)))
        _replace_with(site_dir / "catalogue.csv", join_catalogue_csv(_export(site_dir, unit, "catalogue.csv")
                                                                     for unit in units))
    except ValueError as error:
        raise AssemblyError([E701.at(f"{unit.id}/catalogue.json", 1, f"各单位的 catalogue.json/csv 与其交接文件不一致（{error}）；"
                                     "请用同一版本重新生成全部单位（disclosure build）") for unit in units]) from None


def _export(site_dir: Path, unit: UnitManifest, name: str) -> bytes:
    try:
        return (site_dir / unit.id / name).read_bytes()
    except OSError:
        raise AssemblyError([E701.at(f"{unit.id}/{name}", 1, f"单位“{unit.name}”的目录导出缺失；{rebuild(unit.id)}")]) from None


def _write_feed(site_dir: Path, env: Environment, units: list[UnitManifest], settings: PlatformSettings) -> None:
    # An entry's id is made from its address (own_url checked it), not taken from the hand-over: feed readers keep one
    # entry per id, and a department's entry with the government's id replaced the government's in subscribers' lists.
    keys = ("title", "url", "updated", "summary", "category")
    entries = [FeedEntry(**{key: entry[key] for key in keys}, id=feed_identity(settings.site_url, entry["url"]),
                         author=unit.name) for unit in units for entry in unit.feed]
    feed = platform_feed(entries, settings.platform_name, settings.site_url)
    _replace(site_dir / FEED_NAME, env.get_template(FEED_TEMPLATE).render(feed=feed).encode("utf-8"))


def _write_sitemap(site_dir: Path, env: Environment, units: list[UnitManifest], site_url: str | None) -> None:
    """Each unit's pages in its own `<id>/sitemap.xml`, and the root `sitemap.xml` an index of them:
    a sitemap holds at most 50,000 URLs, a platform 200,000 pages. MkDocs' absolute URLs, so entries
    only when the site has a site_url (as MkDocs). Material also reads `sitemap.xml` beside a page's
    feed link (`<id>/feed.xml`): each unit's folder has one."""
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    for unit in units:
        xml = env.get_template(SITEMAP_TEMPLATE).render(base=base, entries=unit.sitemap if base else [])
        _write_packed(site_dir / unit.id / UNIT_ASSEMBLED[2], xml.encode("utf-8"))
    index = env.get_template(SITEMAP_INDEX_TEMPLATE).render(base=base, units=[unit.id for unit in units] if base else [])
    _write_packed(site_dir / "sitemap.xml", index.encode("utf-8"))


def _write_packed(path: Path, xml: bytes) -> None:
    """The sitemap and its .gz beside it; mtime 0 and a fixed name in the gzip header: the same bytes on every machine."""
    _replace(path, xml)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=0) as packed:
        packed.write(xml)
    _replace(path.with_name(path.name + ".gz"), buffer.getvalue())


def _write_search(site_dir: Path, units: list[UnitManifest]) -> None:
    missing = [unit for unit in units if not unit.contribution.is_file()]
    if missing:
        raise AssemblyError([E701.at(f"{UNIT_FOLDER}/{unit.id}/{CONTRIBUTION}", 1, f"单位“{unit.name}”的交接文件中缺少搜索索引分片，"
                                     f"该单位的输出不完整或不是本版本生成的；{rebuild(unit.id)}") for unit in missing])
    try:
        files = assemble_platform_search([(unit.id, unit.name, unit.contribution) for unit in units])
    except ContributionError as error:
        raise AssemblyError([str(error)]) from None
    for name, content in files.items():
        _replace(site_dir / "search" / name, content)


def _replace(path: Path, content: bytes) -> None:
    _replace_with(path, (content,))


def _replace_with(path: Path, pieces) -> None:
    """Write a new file in place of `path` (a hard link into a unit's folder must not change)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ASSEMBLING)
    with open(temporary, "wb") as out:
        for piece in pieces:
            out.write(piece)
    os.replace(temporary, path)


