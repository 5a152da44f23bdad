"""Search in the MkDocs build: Material's search box and result list over our prebuilt index.

# Hack: Material's search plugin must stay in mkdocs.yml, because its templates show the search
# box only when it is configured. Every page is marked `search: exclude` so that it indexes
# nothing (and spends no time on jieba), and the page config points Material's search bundle
# at our worker instead of its own.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.catalogue import Catalogue
from ..core.model import Document
from ..core.search_index import SearchCategory, SearchIndexBuilder, first_query_bytes, search_document
from ..core.search_text import Segmenter, SegmenterUnavailable
from ..core.site import Site

MATERIAL_SEARCH = "material/search"
WORKER = "assets/javascripts/disclosure/search-worker.js"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

log = logging.getLogger("mkdocs.plugins.disclosure")


class SiteSearch:
    def __init__(self, site: Site, root: Path, dictionary: str, budget_kb: int):
        self.site, self.budget_kb = site, budget_kb
        agency = site.catalogue.agency
        try:
            segmenter = Segmenter([agency.name, *agency.departments], root / dictionary)
        except SegmenterUnavailable as error:
            raise PluginError(f"{error}；请运行 make site 重新安装依赖") from error
        self.builder = SearchIndexBuilder(segmenter, [SearchCategory.of(c) for c in site.catalogue.categories()])

    @staticmethod
    def wanted(config: MkDocsConfig) -> bool:
        return MATERIAL_SEARCH in config.plugins

    def add(self, doc: Document, url: str, html: str) -> None:
        type_name = self.site.catalogue.types[doc.type].name
        try:
            self.builder.add(search_document(doc, type_name, url, html))
        except SegmenterUnavailable as error:
            raise PluginError(f"{doc.path}: {error}") from error

    def write(self, site_dir: Path) -> None:
        files = self.builder.files()
        for name, content in files.items():
            path = site_dir / "search" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        size_kb = first_query_bytes(files) / 1024
        log.info(f"搜索索引：{len(files)} 个文件，首次查询最多下载 {size_kb:.0f} KB（gzip）")
        if size_kb > self.budget_kb:
            log.warning(f"搜索索引首次查询最多下载 {size_kb:.0f} KB，超过 mkdocs.yml 中 search_budget_kb 设定的 {self.budget_kb} KB")

    def facets(self) -> dict:
        """栏目 and 年份 choices for the search dialog."""
        catalogue: Catalogue = self.site.catalogue
        depth = lambda category: len(category.trail) - 1  # noqa: E731
        years = sorted({d.period for d in self.site.public_documents if d.period}, reverse=True)
        return {"categories": [(c, depth(c)) for c in catalogue.categories()], "years": years}


def worker_filter(base_url: str, html: str) -> Markup:
    """Point Material's page configuration at our search worker (the `search` key of `__config`)."""
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["search"] = f"{base_url.rstrip('/')}/{WORKER}" if base_url else WORKER
        return match.group(1) + _html_safe_json(config) + match.group(3)
    return Markup(_CONFIG_SCRIPT.sub(replace, str(html)))


def _html_safe_json(value: object) -> str:
    # The same escaping as Jinja's tojson, so nothing in the JSON can close the script element.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")

