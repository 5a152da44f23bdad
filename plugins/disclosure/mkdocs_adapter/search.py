"""Search in the MkDocs build: Material's search box and result list over our prebuilt index.

# Hack: Material's search plugin must stay in mkdocs.yml, because its templates show the search
# box only when it is configured. Every page is marked `search: exclude` so that it indexes
# nothing (and spends no time on jieba), and the page config points Material's search bundle
# at our worker instead of its own.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.catalogue import Catalogue
from ..core.model import Document
from ..core.search.background import BackgroundIndexer
from ..core.search.index import SearchCategory, search_document
from ..core.search.text import SegmenterUnavailable
from ..core.site import Site
from .host import plugin_log

MATERIAL_SEARCH = "material/search"
WORKER = "assets/javascripts/disclosure/search-worker.js"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

log = plugin_log()


class SiteSearch:
    def __init__(self, site: Site, root: Path, dictionary: str, budget_kb: int):
        self.site, self.budget_kb = site, budget_kb
        agency = site.catalogue.agency
        categories = [SearchCategory.of(c) for c in site.catalogue.categories()]
        try:
            self.indexer = BackgroundIndexer([agency.name, *agency.departments], root / dictionary, categories)
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error  # the message says the fix: reinstall, or the dictionary's line

    @staticmethod
    def wanted(config: MkDocsConfig) -> bool:
        return MATERIAL_SEARCH in config.plugins

    def add(self, doc: Document, url: str, html: str) -> None:
        type_name = self.site.catalogue.types[doc.type].name
        try:
            self.indexer.add(search_document(doc, type_name, url), html)
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error

    def start_writing(self, site_dir: Path) -> None:
        try:
            self.indexer.start_writing(site_dir / "search")
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error

    def finish_writing(self) -> None:
        try:
            summary = self.indexer.written()
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error
        size_kb = summary.first_query_bytes / 1024
        log.info(f"搜索索引：{summary.files} 个文件，首次查询最多下载 {size_kb:.0f} KB（gzip）")
        if size_kb > self.budget_kb:
            log.warning(f"搜索索引首次查询最多下载 {size_kb:.0f} KB，超过 mkdocs.yml 中 search_budget_kb 设定的 {self.budget_kb} KB")

    def close(self) -> None:
        self.indexer.close()

    def facets(self) -> dict:
        """栏目 and 年份 choices for the search dialog."""
        catalogue: Catalogue = self.site.catalogue
        depth = lambda category: len(category.trail) - 1  # noqa: E731
        years = sorted({d.period for d in self.site.public_documents if d.period}, reverse=True)
        return {"categories": [(c, depth(c)) for c in catalogue.categories()], "years": years}


def worker_filter(base_url: str, html: str) -> Markup:
    """Point Material's page configuration at our search worker (the `search` key of `__config`)."""
    return Markup(_with_worker(base_url, str(html)))


@functools.lru_cache(maxsize=64)  # one block per folder depth: parsed once, not on each of 10,000 pages
def _with_worker(base_url: str, html: str) -> str:
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["search"] = f"{base_url.rstrip('/')}/{WORKER}" if base_url else WORKER
        return match.group(1) + _html_safe_json(config) + match.group(3)
    return _CONFIG_SCRIPT.sub(replace, html)


def _html_safe_json(value: object) -> str:
    # The same escaping as Jinja's tojson, so nothing in the JSON can close the script element.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")

