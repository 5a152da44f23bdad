"""The assembly of a 政府信息公开平台 from its units' outputs, without rendering a page again.

Both the full build (on its staging folder, where every unit's output lies) and `disclosure
merge` (on the overlay of separate unit builds) call `assemble`, so both write the same bytes:
the result depends only on the units' hand-over files (`_unit/<id>/unit.json`, the search
contribution) and their order. No MkDocs here: Jinja renders the partials from overrides/.

What it does, in unit order (platform design, sections 4 and 6):
- resolves the references between units (`crossrefs.resolve`); errors stop it, and the caller
  keeps the old site;
- re-renders the slot ``relations`` on each page with a link across units, and the slots
  ``platform-latest`` and ``platform-directory`` on the platform home;
- writes the platform's catalogue.json / catalogue.csv, feed.xml, sitemap.xml (+ .gz) and search/;
- removes `_unit/`.
Files are replaced, never written through: the site may hold hard links into the units' folders.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..core.crossrefs import CrossLinks, resolve
from ..core.diagnostics import Diagnostic, sort_diagnostics, with_severities
from ..core.exports import PLATFORM_CSV_COLUMNS, catalogue_csv, catalogue_json
from ..core.feeds import FEED_NAME, FeedEntry, platform_feed
from ..core.search.platform import ContributionError, assemble_platform_search
from .manifest import UNIT_DIR, AssemblyError, UnitManifest, read_manifest
from .slots import PARTIALS, fill, template_env
from .views import directory_view, latest_view, relation_view

HOME_PAGE = "index.html"
HOME_LATEST = 10   # the plugin option home_latest's default
FEED_TEMPLATE = "disclosure/feed.xml"
SITEMAP_TEMPLATE = "disclosure/sitemap.xml"
# Files only the assembly writes: a unit's own copy of them (MkDocs writes a sitemap in every build) is not merged.
ASSEMBLED = ("catalogue.json", "catalogue.csv", FEED_NAME, "sitemap.xml", "sitemap.xml.gz")

__all__ = ["ASSEMBLED", "AssemblyError", "Assembly", "assemble"]


@dataclass
class Assembly:
    """What an assembly did: the platform's problems (warnings; errors raise) and counts for the log."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: int = 0
    relation_pages: int = 0


def assemble(site_dir: Path, unit_ids: list[str], templates_dir: Path, site_url: str | None,
             platform_name: str, groups: tuple[str, ...] | list[str], severities: dict[str, str] | None = None,
             home_latest: int = HOME_LATEST) -> Assembly:
    """Assemble the platform in `site_dir` from its units' hand-over files; raises AssemblyError.

    `home_latest` is the plugin's option of that name: how many documents 最新信息 lists."""
    site_dir, env = Path(site_dir), template_env(Path(templates_dir))
    units = [read_manifest(site_dir, unit_id) for unit_id in unit_ids]
    cross = resolve([unit.refs for unit in units])
    diagnostics = sort_diagnostics(with_severities(cross.diagnostics, severities or {}))
    errors = [d.as_text() for d in diagnostics if d.is_error]
    if errors:
        raise AssemblyError(errors + [f"平台合并失败：{len(errors)} 个跨部门引用错误（见上），请修正后重新生成"])
    records = _records_by_key(units)
    pages = _fill_relations(site_dir, env, units, cross, records)
    _fill_home(site_dir, env, units, groups, home_latest)
    every = [record for unit in units for record in unit.records]
    _replace(site_dir / "catalogue.json", catalogue_json(every).encode("utf-8"))
    _replace(site_dir / "catalogue.csv", catalogue_csv(every, PLATFORM_CSV_COLUMNS))
    _write_feed(site_dir, env, units, site_url, platform_name)
    _write_sitemap(site_dir, env, units, site_url)
    _write_search(site_dir, units)
    shutil.rmtree(site_dir / UNIT_DIR)
    return Assembly([d for d in diagnostics if not d.is_error], len(every), pages)


def _records_by_key(units: list[UnitManifest]) -> dict[tuple[str, str], dict]:
    return {(unit.id, record["index_no"]): record for unit in units for record in unit.records if record.get("index_no")}


def _fill_relations(site_dir: Path, env, units: list[UnitManifest], cross: CrossLinks, records) -> int:
    """Each page with a link across units gets its whole relations block again: own links and the others'."""
    template = env.get_template(PARTIALS["relations"])
    by_id = {unit.id: unit for unit in units}
    responses = _responses(units)
    pages = cross.pages()
    for unit_id, index_no in pages:
        unit = by_id[unit_id]
        path = unit.pages.get(index_no)
        if path is None:
            raise AssemblyError([f"{UNIT_DIR}/{unit_id}/unit.json: 没有索引号 {index_no} 的页面位置（pages）；"
                                 f"请重新生成该单位（disclosure build --unit {unit_id}）"])
        view = relation_view(unit_id, index_no, records, responses, cross.of(unit_id, index_no))
        html = template.render(d=view, page={"url": path})
        _replace(site_dir / path, fill(site_dir / path, "relations", html, path).encode("utf-8"))
    return len(pages)


def _responses(units: list[UnitManifest]) -> dict[tuple[str, str], list[dict]]:
    """Within each unit: 征求意见 索引号 → the unit's records that respond to it (records say only the outgoing side)."""
    found: dict[tuple[str, str], list[dict]] = {}
    for unit in units:
        for record in unit.records:
            if record.get("responds_to"):
                found.setdefault((unit.id, record["responds_to"]), []).append(record)
    return found


def _fill_home(site_dir: Path, env, units: list[UnitManifest], groups, limit: int) -> None:
    home = site_dir / HOME_PAGE
    view = {"latest": latest_view(units, limit), "directory": directory_view(units, groups),
            "total": sum(unit.count for unit in units)}
    for slot in ("platform-latest", "platform-directory"):
        html = env.get_template(PARTIALS[slot]).render(d=view, page={"url": ""})
        _replace(home, fill(home, slot, html, HOME_PAGE).encode("utf-8"))


def _write_feed(site_dir: Path, env, units: list[UnitManifest], site_url: str | None, name: str) -> None:
    entries = [FeedEntry(**{key: entry[key] for key in ("id", "title", "url", "updated", "summary", "category")},
                         author=unit.name) for unit in units for entry in unit.feed]
    feed = platform_feed(entries, name, site_url)
    _replace(site_dir / FEED_NAME, env.get_template(FEED_TEMPLATE).render(feed=feed).encode("utf-8"))


def _write_sitemap(site_dir: Path, env, units: list[UnitManifest], site_url: str | None) -> None:
    """MkDocs' sitemap format: absolute URLs, so entries only when the site has a site_url (as MkDocs)."""
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    entries = [entry for unit in units for entry in unit.sitemap] if base else []
    xml = env.get_template(SITEMAP_TEMPLATE).render(base=base, entries=entries).encode("utf-8")
    _replace(site_dir / "sitemap.xml", xml)
    buffer = io.BytesIO()
    # mtime 0 and a fixed name in the header: the same sitemap gives the same bytes on every machine.
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=0) as packed:
        packed.write(xml)
    _replace(site_dir / "sitemap.xml.gz", buffer.getvalue())


def _write_search(site_dir: Path, units: list[UnitManifest]) -> None:
    try:
        files = assemble_platform_search([(unit.id, unit.name, unit.contribution) for unit in units])
    except ContributionError as error:
        raise AssemblyError([str(error)]) from None
    for name, content in files.items():
        _replace(site_dir / "search" / name, content)


def _replace(path: Path, content: bytes) -> None:
    """Write a new file in place of `path` (a hard link into a unit's folder must not change)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".assembling")
    temporary.write_bytes(content)
    os.replace(temporary, path)
