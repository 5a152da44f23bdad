"""MkDocs events wired to the disclosure core; no domain logic lives here."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..codes.diagnostics import Diagnostic
from ..content.clock import epoch_problem
from ..content.catalogue_file import load_catalogue
from ..content.eras import exemption_summary
from ..content.model import Document
from ..content.site import Site, choose_unit
from ..content.units import GOVERNMENT
from ..pages.plan import PagePlan
from ..pages.platform import PlatformPlan
from ..pages.compiled_templates import cache_compiled_templates
from ..pages.slots import marked, render_slot, slot_environment
from ..pages.views import ViewBuilder
from ..process.ending import end_now
from ..process.heap import FrozenHeap
from ..platform.site import load_platform
from ..platform.unit_manifest import seal_unit_manifest, unit_dir
from ..rules.check import load_site
from ..rules.files import sites_withheld, theme_file_diagnostics
from ..rules.fidelity import page_problems
from ..rules.reports import issuance_counts
from ..text.markup import TABLE_TWO_MARKER, table_marker_allowed
from . import host_messages
from .anchors import page_anchors, use_readable_anchors
from .config import DisclosureConfig
from .converter import ConverterReuse
from .copies import changed_copies
from .host import PAGES_LOGGER, plugin_log, running_host_command
from .link_warnings import LinkWarnings
from .outputs import drop_output_templates, write_outputs
from .platform import (
    assemble_units,
    chosen_unit,
    drop_host_files,
    unit_files,
    unit_navigations,
    write_unit,
)
from .rendered import RenderedPages, escape_front_matter, numbers_as_written
from .search import SiteSearch, unit_target, worker_filter
from .shards import PageShards, chosen_jobs
from .staging import StagedOutput
from .stopping import SignalGuard
from .templates import (cache_navigation, cache_translations, drop_material_search_assets, escape_own_templates,
                        list_globals_quickly, list_theme_without_hidden_folders, own_templates)
from .unit_walk import UnitWalk

SITE_NAME_SUFFIX = "政府信息公开"
TABLE_TWO_TEMPLATE = "disclosure/partials/report-table2.html"
SEARCH_FILTERS_TEMPLATE = "disclosure/partials/search-filters.html"
OFFICIAL_TEXT = "disclosure.text.markdown_official"


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.command: str | None = None
        self.site: Site | None = None     # a single agency's; on a platform the first unit built (the government's)
        self.sites: list[Site] = []       # every unit built (a single agency: its one site)
        self.unit: str | None = None      # a unit build's unit; None: a full build
        self.output: StagedOutput | None = None
        self.plan: PlatformPlan | None = None
        self.views: dict[str | None, ViewBuilder] = {}   # by unit id (a single agency: None)
        self.navs: dict = {}              # a platform's navigation per unit
        self.sitemaps: dict[str | None, list[dict]] = {}   # a platform unit's pages for the platform's sitemap
        self.search: SiteSearch | None = None
        self.link_warnings: LinkWarnings | None = None
        self.rendered: RenderedPages | None = None
        self.unfaithful: list[Diagnostic] = []   # E600, found while pages render
        self.signals = SignalGuard()
        self.files: Files | None = None  # for the anchors a dead link could have meant
        self.walk = UnitWalk()           # a unit build: MkDocs walks only the unit's files
        self.shards: PageShards | None = None   # a single agency's pages rendered on every core
        self.converters = ConverterReuse()       # one Markdown converter for the pages (converter.py)
        self.heap = FrozenHeap()                 # what the build holds, not rescanned by the collector

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.is_serve = command == "serve"
        host_messages.install()

    @event_priority(100)   # first: Material's search asks the theme for its language strings in its own on_config
    def _prepare_theme(self, config: MkDocsConfig) -> None:
        if self.config.enabled:
            list_theme_without_hidden_folders(config.theme)

    def _read_and_check(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read and check every document before MkDocs touches `site_dir`; stop on errors."""
        if not self.config.enabled:
            return None
        if problem := epoch_problem(empty_allowed=False):   # MkDocs reads it with int(), mid-build: a traceback
            raise PluginError(problem)
        root = Path(config.config_file_path).parent
        content = Path(os.path.relpath(config.docs_dir, root)).as_posix()
        self.unfaithful = []
        if self.config.atomic and not self.is_serve:
            self.signals.install()
            self.output = StagedOutput(config.site_dir)  # counts warnings from our very first line on
        diagnostics = self._load(root, content, Path(config.config_file_path).name)
        self.heap.freeze()   # the documents read: kept to the end, no longer rescanned (the index process forks later)
        _report(diagnostics)
        exemptions = [exemption for site in self.sites for exemption in site.exemptions]
        if exemptions:
            log.info(exemption_summary(exemptions))
        errors = sum(1 for diagnostic in diagnostics if diagnostic.is_error)
        if errors or not self.sites:
            raise PluginError(f"发现 {errors} 个错误，网站未生成（原有网站保持不变）；请按上面各行的提示修改")
        if OFFICIAL_TEXT not in config.markdown_extensions:
            config.markdown_extensions.append(OFFICIAL_TEXT)   # official numbering and * stay text
        # One source for the agency's name: catalogue.yaml (header, <title>, home page, footer alike).
        platform = self.site.catalogue.platform
        config.site_name = platform.name if platform else f"{self.site.catalogue.agency.name}{SITE_NAME_SUFFIX}"
        self.plan = PlatformPlan(self.sites, self.config.listing_page_size, self.config.home_latest)
        self.sitemaps = {}
        if config.nav is None:
            config.nav = self.plan.nav()
        self._watch_links(config, content)
        self.rendered = RenderedPages(content, lambda diagnostic: _report([diagnostic]), self.site.today)
        self.rendered.read_sources_from(root, Path(config.config_file_path).name, self.config.catalogue,
                                        list(config.theme.dirs))
        units = {site.unit_id: site.catalogue for site in self.sites} if platform else None
        self.search = SiteSearch(self.site, root, self.config.search_dictionary, self.config.search_budget_kb, units) \
            if SiteSearch.wanted(config) else None
        if self.output:
            config.site_dir = self.output.start()
        if self.unit and platform and not self.is_serve:   # a preview keeps MkDocs' own walk
            self.walk.start(config, platform, self.unit)
        return config

    on_config = CombinedEvent(_prepare_theme, _read_and_check)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Preview rebuilds when the catalogue or the editors' search dictionary changes, too."""
        root = Path(config.config_file_path).parent
        for name in (self.config.catalogue, self.config.search_dictionary):
            if (root / name).exists():
                server.watch(str(root / name))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Drop what is not public, add the listing and home pages."""
        files = self.walk.finish(files, config)
        if not self.site:
            return None
        if self.unit:
            files = unit_files(files, self.plan, config.docs_dir)
        _publish_only_recognised(self.site, files, config, self.plan)
        drop_output_templates(files, config.docs_dir)
        drop_material_search_assets(files)
        self._check_theme_files(files, config)
        if self.rendered:
            self.rendered.remember_withheld(self.plan.withheld_documents())
        _lay_out_planned_pages(self.plan, files, config)
        url_of = lambda src_uri: files.get_file_from_path(src_uri).url  # noqa: E731
        self.views = {plan.site.unit_id: ViewBuilder(plan, url_of, config.use_directory_urls) for plan in self.plan.plans}
        return files

    @event_priority(-100)  # last: the host's page loops start right after
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """On a platform every unit gets its own navigation; the site-wide one (404 page) is the government's.
        A single agency's pages are rendered on every core (shards.py), with one Markdown converter (converter.py)."""
        self.converters.install()
        self.heap.freeze()   # the site read, the files, the navigation: before the page workers fork
        if not (self.plan and self.plan.platform):
            self._render_in_shards(config)
            return None
        self.navs = unit_navigations(self.plan, files, config)
        return self.navs.get(GOVERNMENT) or next(iter(self.navs.values()))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Choose the template; MkDocs reads it from the page's meta before `on_page_context`."""
        plan = self._plan_of(page)
        if plan and plan.template:
            page.meta["template"] = plan.template
            page.update_date = plan.last_modified  # the sitemap's <lastmod>
        # Material prints front-matter values (title, description…) unescaped in <head> and the
        # header; an editor's "<" or '"' must stay text.
        if self.rendered:
            self.rendered.remember(page, plan.document if plan else None)
        numbers_as_written(page)
        escape_front_matter(page.meta)
        if plan and plan.hide_toc:
            # Listings are wide tables; Material's empty table-of-contents column would squeeze them.
            page.meta["hide"] = ["toc"]
        if self.search:
            page.meta["search"] = {"exclude": True}  # Material indexes nothing; see search.py
        if plan and plan.document and table_marker_allowed(plan.document) and TABLE_TWO_MARKER in markdown:
            markdown = markdown.replace(TABLE_TWO_MARKER, self._render_table_two(plan.document, config))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Check every page's rendered body against the allow-list (E401); index public documents."""
        self.signals.check()
        if self.rendered:
            self.rendered.check(page, html)
        plan = self._plan_of(page)
        doc = plan.document if plan else None
        if self.search and doc:
            self._in_order("_index", doc.src_uri, page.url, html)
        if doc:
            self._in_order("_unfaithful", page_problems(doc.path, doc.body, doc.body_line, html))   # E600 and E601
        return html

    def _index(self, src_uri: str, url: str, html: str) -> None:
        doc = self.plan.document(src_uri)
        # A worker's pages arrive all at once: handed to the index by a thread while the pages go on rendering.
        add = self.search.add_later if self.shards and self.shards.replaying else self.search.add
        add(doc, url, html, self.plan.unit_id_of(src_uri))

    def _unfaithful(self, found: list[Diagnostic]) -> None:
        _report(found)
        self.unfaithful += found

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        plan = self._plan_of(page)
        unit = self.plan.unit_id_of(page.file.src_uri) if self.plan else None
        view = self.views[unit].page(plan) if plan else None
        if view is not None:
            context["disclosure"] = view
        if self.navs:
            self._unit_context(context, unit)
        return context

    def _unit_context(self, context, unit: str) -> None:
        """A platform page shows its own unit: navigation, footer, search filters and scope."""
        site = self.plan.unit(unit).site
        context["nav"] = self.navs[unit]
        context["disclosure_agency"] = site.catalogue.agency
        context["disclosure_unit"] = unit if unit != GOVERNMENT else None
        context["disclosure_feed"] = self.views[unit].exports + "feed.xml"   # the unit's own feed
        if self.search:
            context["disclosure_search_filters"] = self._search_filters[unit]

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.signals.check()
        if self.rendered:
            self.rendered.check_output(page, output)
        if self.navs:
            unit = self.plan.unit_id_of(page.file.src_uri)
            self.sitemaps.setdefault(unit, []).append({"loc": page.url, "lastmod": page.update_date})
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The pages the theme makes without content (404.html): their frame is checked like every page's."""
        if self.rendered and template_name.endswith(".html"):
            self.rendered.check_frame(output_content, template_name)
        return output_content

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.files = files  # the final list, for the anchors a dead link could have meant
        self.heap.freeze()  # and now every page's HTML and table of contents
        escape_own_templates(env)
        list_globals_quickly(env)
        cache_compiled_templates(env)
        cache_translations(env, config)
        cache_navigation(env, lambda page: self.plan is not None and self.plan.document(page.file.src_uri) is not None,
                         (lambda page: self.plan.unit_id_of(page.file.src_uri)) if self.navs else None)
        if self.site:
            env.globals["disclosure_agency"] = self.site.catalogue.agency
            filters = env.get_template(SEARCH_FILTERS_TEMPLATE)
            self._search_filters = {site.unit_id: Markup(filters.render(disclosure_search=self.search.facets(site)))
                                    for site in self.sites} if self.search else {}
            env.globals["disclosure_search_filters"] = self._search_filters.get(self.site.unit_id)
            env.globals["disclosure_slot"] = self._slot_renderer(config)
        search_on = self.search is not None
        env.filters["disclosure_search_worker"] = pass_context(
            lambda context, html: worker_filter(context["base_url"], html, context.get("disclosure_unit"))
            if search_on else html)
        # With our worker in it, the settings block depends only on the base URL and the unit (main.html renders
        # it once per key); without, Material's worker address is relative to the page itself.
        env.globals["disclosure_config_key"] = lambda base_url, unit: ("config", base_url, unit) if search_on else None
        return env

    @event_priority(-100)  # last: other plugins write into the staged site first
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.signals.check()
        self._stop_shards()
        self.converters.restore()
        if not self.site:
            self.heap.release()
            return
        self._stop_watching_links()
        if self.unfaithful:
            raise PluginError(f"发现 {len(self.unfaithful)} 处页面与原文不一致（E600 文字、E601 段落和格式），网站未更新；请按上面各行的提示修改")
        if self.link_warnings and self.link_warnings.found:
            raise PluginError(f"发现 {len(self.link_warnings.found)} 个失效链接（E500），网站未更新；请按上面各行的提示修改")
        if self.rendered and self.rendered.found:
            raise PluginError(f"发现 {len(self.rendered.found)} 处不允许的网页内容（E400/E401/E403），网站未更新；请按上面各行的提示修改")
        changed = changed_copies(self.files, config.docs_dir, self.site.content_dir.name) if self.files else []
        if changed:
            _report(changed)
            raise PluginError(f"发现 {len(changed)} 个文件在检查之后被改动（E111），网站未更新；请按上面各行的提示重新生成")
        site_dir = Path(config.site_dir)
        if self.search:
            self.search.start_writing(site_dir, self._search_targets(site_dir))  # written while we write the rest
        if self.plan.platform:
            self._write_units(config, site_dir)
        else:
            write_outputs(self.site, self.views[None], config, site_dir)
        if self.search:
            self.search.finish_writing()
        if self.plan.platform and self.unit:
            seal_unit_manifest(site_dir, self.unit)   # the last file written: every other file with its hash
        if self.plan.platform and not self.unit:
            assemble_units(site_dir, self.plan, config)
        if self.output:
            self.output.finish(strict=config.strict)  # in strict mode with any warning: keeps the old site
        self.signals.restore()
        if not self._process_ends_with_build():
            self.heap.release()   # a program that goes on collects this build's objects (a full collection)

    @event_priority(-100)  # last: every other plugin's shutdown first
    def on_shutdown(self) -> None:
        """`mkdocs build` done and nothing raised: the process ends without freeing the pages one by one."""
        if sys.exc_info()[0] is None and self._process_ends_with_build():
            end_now(0)
        self.heap.release()

    def _process_ends_with_build(self) -> bool:
        """`mkdocs build` run as the host's own command: the process ends with the build (`on_shutdown`)."""
        return self.command == "build" and running_host_command()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_shards()  # before the staged site goes: no worker writes into it afterwards
        self.converters.restore()
        self.signals.restore()
        self.heap.release()
        self.walk.close()
        summary = host_messages.abort_summary(error)
        if summary:
            log.error(summary)
        self._stop_watching_links()
        if self.search:
            self.search.close()
        if self.output:
            self.output.discard()

    # ---

    def _render_in_shards(self, config: MkDocsConfig) -> None:
        """Fork page workers for a build (never a preview), when only plugins that keep no state of
        their own from page to page run: ours and Material's search, which indexes nothing here."""
        self._stop_shards()
        jobs = chosen_jobs(self.config.jobs)
        known = {"disclosure", "search", "material/search"}
        if self.is_serve or jobs == 1 or not self.rendered or not set(config.plugins) <= known:
            return
        self.shards = PageShards(self, jobs, checkpoint=self.signals.check)
        self.rendered.in_order = lambda name, *args: self.shards.in_order(f"rendered.{name}", *args)
        self.rendered.everywhere = lambda name, *args: self.shards.everywhere(f"rendered.{name}", *args)
        self.shards.install()

    def _stop_shards(self) -> None:
        if self.shards:
            self.shards.stop()
            self.shards = None

    def _in_order(self, name: str, *args) -> None:
        """`self.<name>(*args)`, made in the build's process in page order when pages render in workers."""
        if self.shards:
            self.shards.in_order(name, *args)
        else:
            getattr(self, name)(*args)

    def _watch_links(self, config: MkDocsConfig, content: str) -> None:
        """MkDocs checks links and anchors while rendering; make every miss an E500 with its line."""
        links = config.validation.links
        links.not_found = links.anchors = links.unrecognized_links = logging.WARNING
        links.absolute_links = logging.WARNING
        self._stop_watching_links()
        use_readable_anchors(config)  # `## 第二条 举报途径` → `#第二条-举报途径`, as the guide shows
        self.link_warnings = LinkWarnings(Path(config.docs_dir), content,
                                          lambda src_uri: page_anchors(self.files, src_uri) if self.files else [])
        logging.getLogger(PAGES_LOGGER).addFilter(self.link_warnings)

    def _stop_watching_links(self) -> None:
        if self.link_warnings:
            logging.getLogger(PAGES_LOGGER).removeFilter(self.link_warnings)

    def _check_theme_files(self, files: Files, config: MkDocsConfig) -> None:
        """The files of the site's own theme folder that MkDocs copies into the site: E111/E400 stop the build."""
        if not config.theme.custom_dir:
            return
        # Not resolved: a symlink in the theme folder is judged as what it is, not as where it points.
        custom = Path(os.path.abspath(config.theme.custom_dir))
        root = Path(os.path.abspath(Path(config.config_file_path).parent))
        found = []
        withheld = sites_withheld(self.sites)
        for file in files:
            path = Path(os.path.abspath(file.abs_src_path)) if file.abs_src_path else None
            if path is None or not path.is_relative_to(custom) or file.src_uri.endswith(".html") or file.generated_by:
                continue
            shown = os.path.relpath(path, root).replace(os.sep, "/")
            linked = any(part.is_symlink() for part in [path, *path.parents] if part.is_relative_to(custom) and part != custom)
            found += theme_file_diagnostics(shown, path.read_bytes, self.site.today, linked, path, withheld)
        _report(found)
        errors = sum(1 for diagnostic in found if diagnostic.is_error)
        if errors:
            raise PluginError(f"发现 {errors} 个错误，网站未生成（原有网站保持不变）；请按上面各行的提示修改")

    def _plan_of(self, page: Page) -> PagePlan | None:
        return self.plan.page(page.file.src_uri) if self.plan else None

    def _load(self, root: Path, content: str, host_config: str) -> list[Diagnostic]:
        """Read and check a single agency's site, or a platform's units (one in a unit build); their problems."""
        self.unit = chosen_unit(self.config.unit)
        model, _ = load_catalogue(root / self.config.catalogue, self.config.catalogue)
        if model is None or not model.is_platform:
            _, refused = choose_unit(model, self.unit, self.config.catalogue)
            if refused:
                self.sites = []
                return refused
            self.site = load_site(root, content=content, catalogue=self.config.catalogue, host_config=host_config)
            self.sites = [self.site]
            return self.site.diagnostics
        platform = load_platform(root, content, self.config.catalogue, host_config=host_config,
                                 units=[self.unit] if self.unit else None)
        self.sites = platform.sites
        self.site = self.sites[0] if self.sites else None
        return platform.diagnostics

    def _slot_renderer(self, config: MkDocsConfig):
        """`disclosure_slot(name, view)` for the templates: a slot's partial, marked on a platform (see pages/slots.py)."""
        env = slot_environment([Path(folder) for folder in config.theme.dirs])
        on_platform = self.plan is not None and self.plan.platform is not None
        return lambda name, view: Markup(marked(name, render_slot(env, name, view)) if on_platform
                                         else render_slot(env, name, view))

    def _search_targets(self, site_dir: Path):
        """A platform's units each write search/units/<id>/ and their contribution into _unit/<id>/."""
        if not self.plan.platform:
            return None
        return {unit: unit_target(site_dir, unit, unit_dir(site_dir, unit)) for unit in self.plan.units}

    def _write_units(self, config: MkDocsConfig, site_dir: Path) -> None:
        for unit in self.plan.units:
            write_unit(self.plan, unit, self.views[unit], config, site_dir, self.files, self.sitemaps.get(unit, []))
        if self.unit:
            drop_host_files(site_dir, self.unit)

    def _render_table_two(self, doc: Document, config: MkDocsConfig) -> str:
        """The 主动公开情况 table of an annual report, counted from the catalogue."""
        site = self.plan.plan_of(doc.src_uri).site
        rows = issuance_counts(site.catalogue, site.documents, site.relations, doc.year or 0)
        html = own_templates(config.theme).get_template(TABLE_TWO_TEMPLATE).render(rows=rows)
        # Blank lines make Markdown pass the HTML block through untouched.
        return f"\n\n{html}\n\n"


def _publish_only_recognised(site: Site, files: Files, config: MkDocsConfig, plan: PlatformPlan) -> None:
    """Only what the core recognised and checked leaves content/: public documents, index pages and
    the attachments public pages name. Non-public documents and their files are never copied."""
    published, withheld = plan.published_files(), plan.withheld_files()
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if file.generated_by or file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir:
            continue  # the theme's assets, and pages other plugins generate
        if file.src_uri not in published:
            if file.src_uri not in withheld and file.inclusion.is_included():
                # The check saw no such file (added since?); it is not published unchecked.
                log.warning(f"{site.content_dir.name}/{file.src_uri}: 未经检查的文件，未发布；请重新生成网站")
            files.remove(file)


def _lay_out_planned_pages(plan: PlatformPlan, files: Files, config: MkDocsConfig) -> None:
    """Write the home and listing pages no editor wrote; keep documents and later listing pages out
    of the nav (reached through listings; saying so keeps MkDocs from naming each in its notice)."""
    for page in plan.generated():
        if files.get_file_from_path(page.src_uri) is None:
            files.append(File.generated(config, page.src_uri, content=page.generated_source))
    for src_uri in plan.out_of_nav():
        files.get_file_from_path(src_uri).inclusion = InclusionLevel.NOT_IN_NAV


def _report(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        level = log.error if diagnostic.is_error else log.warning if diagnostic.is_warning else log.info
        level(diagnostic.as_text())


log = plugin_log()
