"""Files written next to the pages: catalogue exports, Atom feeds and robots.txt."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..content.site import Site
from ..pages.exports import catalogue_csv, catalogue_json, catalogue_records
from ..pages.feeds import site_feeds
from ..pages.plan import listing_src_uri
from ..pages.views import ViewBuilder
from ..rules.files import THEME_OUTPUT_TEMPLATES
from .templates import own_templates

FEED_TEMPLATE = "disclosure/feed.xml"
ROBOTS_TEMPLATE = "disclosure/robots.txt"
SITEMAP_TEMPLATE = "disclosure/sitemap.xml"   # a platform unit's sitemap, written by the assembly
SITEMAP_INDEX_TEMPLATE = "disclosure/sitemap-index.xml"   # a platform's root sitemap, written by the assembly
EXPORTS_INDEX_TEMPLATE = "disclosure/exports-index.html"   # a platform's gov/index.html


def drop_output_templates(files, docs_dir: str) -> None:
    """MkDocs copies a theme's non-HTML files as they are: the feed and robots.txt templates
    would go out raw as site/disclosure/feed.xml and robots.txt, Jinja tags and all."""
    for src_uri in sorted(THEME_OUTPUT_TEMPLATES):   # the same list `disclosure check` passes over (rules/files.py)
        file = files.get_file_from_path(src_uri)
        if file is not None and not Path(file.abs_src_path).is_relative_to(Path(docs_dir).resolve()):
            files.remove(file)


def write_outputs(site: Site, views: ViewBuilder, config: MkDocsConfig, site_dir: Path, robots: bool = True) -> tuple[list[dict], list]:
    """The catalogue exports and feeds of a site, or of a platform's unit under its prefix (views.exports);
    returns the records and the unit's own feed entries (for the platform's, see unit_manifest)."""
    url_of_doc = lambda doc: views.url_of(doc.src_uri)  # noqa: E731
    records = catalogue_records(site, url_of_doc)
    folder = site_dir / views.exports
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "catalogue.json").write_text(catalogue_json(records), encoding="utf-8")
    (folder / "catalogue.csv").write_bytes(catalogue_csv(records, site.catalogue.is_platform))
    env = own_templates(config.theme)
    feed_template = env.get_template(FEED_TEMPLATE)
    feeds = site_feeds(site, url_of_doc, lambda category: views.url_of(listing_src_uri(category, 1)), config.site_url,
                       prefix=views.exports, home_url=views.unit_home or "./")
    for feed in feeds:
        path = site_dir / feed.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feed_template.render(feed=feed), encoding="utf-8")
    if robots:
        write_robots(env, config, site_dir)
    if site.catalogue.is_platform and not site.catalogue.folder:
        # The government's exports are in gov/, its pages at the root: gov/ itself is no dead end.
        (folder / "index.html").write_text(env.get_template(EXPORTS_INDEX_TEMPLATE).render(name=site.catalogue.agency.name),
                                           encoding="utf-8")
    return records, list(feeds[0].entries)


def write_robots(env, config: MkDocsConfig, site_dir: Path) -> None:
    sitemap_url = f"{config.site_url.rstrip('/')}/sitemap.xml" if config.site_url else None
    (site_dir / "robots.txt").write_text(env.get_template(ROBOTS_TEMPLATE).render(sitemap_url=sitemap_url) + "\n",
                                         encoding="utf-8")
