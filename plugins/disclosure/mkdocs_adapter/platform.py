"""The MkDocs side of a 政府信息公开平台: a unit's files, each unit's own navigation, its outputs.

A full build renders every unit in one MkDocs run; a unit build (option `unit`, or the
environment variable DISCLOSURE_UNIT) renders one. Either way a page is drawn from its own
unit only: its navigation is its unit's (MkDocs' `get_navigation` per unit), and what other
units add sits in slots the assembly fills. That is what makes the merge of unit builds
byte-identical to a full build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation

from ..content.model import Document
from ..content.units import GOVERNMENT
from ..pages.plan import HOME_NAV_TITLE, HOME_PAGE
from ..pages.platform import PlatformPlan
from ..pages.slot_views import PLATFORM_LATEST_LIMIT
from ..pages.urls import page_url
from ..pages.views import ViewBuilder
from ..platform.assembly import AssemblyError, PlatformSettings, assemble
from ..platform.unit_manifest import unit_manifest, write_unit_manifest
from .host import plugin_log
from .outputs import write_outputs

UNIT_ENV = "DISCLOSURE_UNIT"
HOST_ONLY = ("sitemap.xml", "sitemap.xml.gz")   # a unit's: replaced by the platform's at assembly


class HomeLink:
    """The platform home as a department's navigation names it (`nav.homepage`): the government's
    page, which a department's build does not have; only where it is matters."""

    is_homepage = True
    is_page = is_section = is_link = False
    title = HOME_NAV_TITLE

    def __init__(self, url: str):
        self.url = url


def chosen_unit(option: str) -> str | None:
    """The unit to build: the plugin option, else DISCLOSURE_UNIT; None for a full build."""
    return option or os.environ.get(UNIT_ENV, "").strip() or None


def unit_files(files: Files, plan: PlatformPlan, docs_dir: str) -> Files:
    """Only the built units' files of content/ (the theme's files all stay): a unit build leaves the
    other units' folders out without a word, they are their own builds' business."""
    docs_dir = os.path.normpath(docs_dir)
    built = set(plan.units)
    kept = [file for file in files if _outside_content(file, docs_dir) or plan.unit_id_of(file.src_uri) in built]
    return files if len(kept) == len(files) else Files(kept)


def _outside_content(file: File, docs_dir: str) -> bool:
    return bool(file.generated_by) or file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir


def unit_navigations(plan: PlatformPlan, files: Files, config: MkDocsConfig) -> dict[str, Navigation]:
    """Each unit's navigation from its own pages only (parents, previous and next inside the unit)."""
    home = HomeLink(page_url(HOME_PAGE, config.use_directory_urls))
    pages = files.documentation_pages()
    navigations = {}
    for unit_plan in plan.plans:
        unit = unit_plan.site.unit_id
        own = Files([file for file in pages if plan.unit_id_of(file.src_uri) == unit])
        navigations[unit] = _navigation(own, config, unit_plan.nav())
        if unit != GOVERNMENT:
            navigations[unit].homepage = home
    return navigations


def _navigation(files: Files, config: MkDocsConfig, nav: list) -> Navigation:
    saved = config.nav
    config.nav = nav
    try:
        navigation = get_navigation(files, config)
    finally:
        config.nav = saved
    for item in navigation.items:
        item.parent = None   # top of its own unit, whatever the whole site's navigation said
    return navigation


def write_unit(plan: PlatformPlan, unit: str, views: ViewBuilder, config: MkDocsConfig, site_dir: Path,
               files: Files, sitemap: list[dict]) -> None:
    """A unit's exports under its prefix and its `_unit/<id>/unit.json` for the assembly."""
    unit_plan = plan.unit(unit)
    site = unit_plan.site
    records, feed = write_outputs(site, views, config, site_dir, robots=unit == GOVERNMENT)
    public = [doc for doc in site.public_documents if doc.index_no]
    pages = {doc.index_no: files.get_file_from_path(doc.src_uri).dest_uri for doc in public}
    relations = {doc.index_no: links for doc in public if (links := views.relation_links(doc))}
    newest = sorted(site.public_documents, key=Document.sort_key, reverse=True)
    latest = views.latest_links(newest[:PLATFORM_LATEST_LIMIT])
    group = plan.platform.unit(unit).group
    write_unit_manifest(site_dir, unit_manifest(site, group, records, feed, sitemap, pages, relations, latest))


def drop_host_files(site_dir: Path, unit: str) -> None:
    """A unit build's files the platform writes itself (sitemap), and a department's 404 page (the government's serves)."""
    for name in HOST_ONLY + (() if unit == GOVERNMENT else ("404.html",)):
        (site_dir / name).unlink(missing_ok=True)


def assemble_units(site_dir: Path, plan: PlatformPlan, config: MkDocsConfig) -> None:
    """The end of a full build of a platform, before the staged site replaces the old one: the same
    assembly `disclosure merge` runs over separate unit builds (fills the slots, writes the platform's
    exports, feed, sitemap and search/, deletes _unit/), so both make the same bytes."""
    platform = plan.platform
    severities = plan.unit(GOVERNMENT).site.catalogue.severities
    settings = PlatformSettings(plan.units, platform.name, platform.groups, config.site_url or None,
                                [Path(folder) for folder in config.theme.dirs], config.use_directory_urls,
                                dict(severities))
    try:
        assemble(site_dir, settings)   # its warnings (W200 across units) were reported when the units were read
    except AssemblyError as error:
        for line in error.lines:
            plugin_log().error(line)
        raise PluginError("平台汇总失败，网站未更新（原有网站保持不变）；请按上面各行的提示修改") from None
