"""Search in the MkDocs build: Material's search box and result list over our prebuilt index.

# Hack: Material's search plugin must stay in mkdocs.yml, because its templates show the search
# box only when it is configured. Every page is marked `search: exclude` so that it indexes
# nothing (and spends no time on jieba), and the page config points Material's search bundle
# at our worker instead of its own.

On a 政府信息公开平台 every unit's build writes that unit's own index at search/units/<unit>/ and
its contribution to the platform index (into the unit's not-published folder); the assembly
(`write_platform_search`, the same for the full build and the merge) writes the platform's
search/ from the contributions. Pages tell the worker their unit: the template variable
`disclosure_unit` (a department's id on its pages) becomes <meta name="disclosure-unit"> and
the worker's address search-worker.js?unit=<id>.
"""

from __future__ import annotations

import functools
import json
import queue
import re
import shutil
import threading
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..content.catalogue import Catalogue
from ..content.model import Document
from ..content.site import Site
from ..search.background import BackgroundIndexer, IndexTarget
from ..search.index import CHUNK_SIZE, UNIT_CHUNK_SIZE, search_categories, search_document
from ..search.platform import ContributionError, assemble_platform_search
from ..text.chinese import SegmenterUnavailable
from .host import plugin_log

MATERIAL_SEARCH = "material/search"
WORKER = "assets/javascripts/disclosure/search-worker.js"
CONTRIBUTION = "search-contribution.bin"   # a unit's contribution, in its not-published folder (e.g. _unit/<id>/)
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

log = plugin_log()


class SiteSearch:
    """The index of a site; on a platform, of one unit or (given `units`: unit id -> its catalogue) of several.

    With `units`, `add` takes each document's unit id and `start_writing` a dict unit id ->
    IndexTarget (see `unit_target`).
    """

    def __init__(self, site: Site, root: Path, dictionary: str, budget_kb: int,
                 units: dict[str, Catalogue] | None = None):
        self.site, self.budget_kb = site, budget_kb
        categories = {unit: search_categories(catalogue) for unit, catalogue in units.items()} if units is not None \
            else search_categories(site.catalogue)
        try:
            chunk = UNIT_CHUNK_SIZE if site.catalogue.platform else CHUNK_SIZE
            self.indexer = BackgroundIndexer(search_words(site.catalogue), root / dictionary, categories, chunk)
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error  # the message says the fix: reinstall, or the dictionary's line
        self._later: queue.SimpleQueue | None = None   # documents handed over by a thread (`add_later`)
        self._handing: threading.Thread | None = None
        self._failed: BaseException | None = None

    @staticmethod
    def wanted(config: MkDocsConfig) -> bool:
        return MATERIAL_SEARCH in config.plugins

    def add(self, doc: Document, url: str, html: str, unit: str | None = None) -> None:
        if self._later is not None:   # behind the documents still being handed over
            self._later.put((doc, url, html, unit))
            return
        self._add_now(doc, url, html, unit)

    def _add_now(self, doc: Document, url: str, html: str, unit: str | None = None) -> None:
        type_name = self.site.catalogue.types[doc.type].name
        try:
            self.indexer.add(search_document(doc, type_name, url), html, unit)
        except SegmenterUnavailable as error:
            raise PluginError(str(error)) from error

    def add_later(self, doc: Document, url: str, html: str, unit: str | None = None) -> None:
        """`add`, without waiting: a thread hands the documents over in order while the caller goes on.

        The pages a worker rendered (shards.py) reach the index all at once, thousands of them, more
        than the index process's queue holds; waiting for the queue would leave a core idle while
        the index catches up. Later `add`s queue behind these; `start_writing` waits for them all."""
        if self._later is None:
            self._later = queue.SimpleQueue()
            self._handing = threading.Thread(target=self._hand_over, name="disclosure-search-handover", daemon=True)
            self._handing.start()
        self._later.put((doc, url, html, unit))

    def _hand_over(self) -> None:
        while (item := self._later.get()) is not None:
            if self._failed is None:
                try:
                    self._add_now(*item)
                except BaseException as error:  # noqa: BLE001 - raised by `start_writing`, in the build's thread
                    self._failed = error

    def _handed_over(self) -> None:
        """Every document given to `add_later` is in the index process's queue (or its failure raised)."""
        if self._handing is not None:
            self._later.put(None)
            self._handing.join()
            self._later = self._handing = None
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed

    def start_writing(self, site_dir: Path, target: IndexTarget | dict[str, IndexTarget] | None = None) -> None:
        """Write the index (a single agency: `site_dir`/search/; a platform's units: `target`)."""
        self._handed_over()
        try:
            self.indexer.start_writing(target or site_dir / "search")
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
        self.indexer.close()   # a thread still handing over sees the index process gone, and ends

    def facets(self, site: Site | None = None) -> dict:
        """栏目 and 年份 choices for the search dialog (on a platform: of `site`, the page's unit)."""
        site = site or self.site
        catalogue: Catalogue = site.catalogue
        depth = lambda category: len(category.trail) - 1  # noqa: E731
        years = sorted({d.period for d in site.public_documents if d.period}, reverse=True)
        facets = {"categories": [(c, depth(c)) for c in catalogue.categories()], "years": years}
        if catalogue.platform:
            facets["units"] = unit_choices(catalogue)
        return facets


def search_words(catalogue: Catalogue) -> list[str]:
    """Words the segmenter keeps whole: the agency's name and 处室; on a platform every unit's,
    so that each unit's build and the full build cut the same words (catalogue.yaml alone decides)."""
    agencies = [unit.catalogue.agency for unit in catalogue.platform.units] if catalogue.platform else [catalogue.agency]
    return [word for agency in agencies for word in (agency.name, *agency.departments)]


def unit_choices(catalogue: Catalogue) -> list[tuple[str, list]]:
    """The 部门 filter's choices: the government, then the departments as the platform's directory groups them."""
    platform = catalogue.platform
    return [("本级政府", platform.units[:1]), *platform.grouped()]


def unit_target(site_dir: Path, unit: str, unit_dir: Path | None) -> IndexTarget:
    """Where a platform unit's build writes its index: search/units/<unit>/, and its contribution into `unit_dir`."""
    return IndexTarget(site_dir / "search" / "units" / unit, unit_dir / CONTRIBUTION if unit_dir else None)


def write_platform_search(site_dir: Path, contributions: list[tuple[str, str, Path]]) -> int:
    """The platform's search/ from the units' contributions (unit id, name, contribution file), in unit order.

    The full build and the merge both call this, so both write the same bytes. The units' own
    folders (search/units/) are left as they are. Returns the number of files written.
    """
    try:
        files = assemble_platform_search(contributions)
    except ContributionError as error:
        raise PluginError(str(error)) from error
    search_dir = site_dir / "search"
    for stale in ("t", "f"):   # a smaller platform than last time has fewer shards
        shutil.rmtree(search_dir / stale, ignore_errors=True)
    for name, content in files.items():
        path = search_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return len(files)


def worker_filter(base_url: str, html: str, unit: str | None = None) -> Markup:
    """Point Material's page configuration at our search worker (the `search` key of `__config`).

    On a department's pages (`unit`), the worker searches that department's own index by default.
    """
    return Markup(_with_worker(base_url, str(html), unit))


@functools.lru_cache(maxsize=512)  # one block per folder depth and unit: parsed once, not on each of 10,000 pages
def _with_worker(base_url: str, html: str, unit: str | None) -> str:
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["search"] = f"{base_url.rstrip('/')}/{WORKER}" if base_url else WORKER
        if unit:
            config["search"] += f"?unit={unit}"
        return match.group(1) + _html_safe_json(config) + match.group(3)
    return _CONFIG_SCRIPT.sub(replace, html)


def _html_safe_json(value: object) -> str:
    # The same escaping as Jinja's tojson, so nothing in the JSON can close the script element.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")

