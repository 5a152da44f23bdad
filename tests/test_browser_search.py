"""Search through Material's real search box in Chromium, on the example site under /zwgk/.

Each query is typed as a reader types it; the test reads the result list the reader sees.
The first result must be the one the Python reader (same index, same ranking) puts first.
"""

import pytest

from .browserkit import type_query, wait_for_result
from .search_reader import SearchIndexReader
from .searchkit import recall_cases

pytestmark = pytest.mark.browser

# Every kind of query: phrases, 繁體, 发文字号 in full / short / number only, 索引号, 发布机构, 主题.
BROWSER_QUERIES = ["发动群众参与隐患排查", "走过场", "公务用车运行维护费", "應急避難場所", "政務公開",
                   "示应急规〔2023〕2号", "〔2025〕12号", "41号", "EX0001/2024-00005", "示例市财政局", "燃气安全", "汛"]
CASES = {case.query: case for case in recall_cases()}


def open_search(page, site_url):
    page.goto(site_url)
    page.click("label.md-search__icon, .md-search__input", timeout=5000)


@pytest.fixture(scope="module")
def reader(example_site):
    return SearchIndexReader(example_site / "search")


@pytest.fixture(scope="module")
def search_box(browser, site_url):
    """One reader's tab with the search open, for query after query (as a reader searches again)."""
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    open_search(tab, site_url)
    yield tab
    context.close()


def emptied(page) -> None:
    """The box cleared and the previous query's results gone, so that what shows next is the next query's."""
    page.fill(".md-search__input", "")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=5000)


@pytest.mark.parametrize("query", BROWSER_QUERIES)
def test_typed_query_shows_the_same_first_result_as_the_index(search_box, reader, query):
    expected = CASES[query]
    first = reader.search(query)[0].url
    assert first == expected.expected or expected.kind != "first"
    emptied(search_box)
    type_query(search_box, query)
    shown = wait_for_result(search_box, first, first=True)
    assert shown[0].endswith("/zwgk/" + first)
    if expected.kind == "first":
        assert shown[0].endswith(expected.expected)


def test_a_result_shows_type_date_and_doc_no(page, site_url):
    open_search(page, site_url)
    type_query(page, "示应急规〔2023〕2号")
    wait_for_result(page, "policies/normative/2023-shelters/", first=True)
    meta = page.inner_text(".md-search-result__item .dc-search-meta")
    assert meta == "规范性文件 · 2023-08-30 · 示应急规〔2023〕2号"
    page.click(".md-search-result__item > .md-search-result__link")
    page.wait_for_url("**/policies/normative/2023-shelters/**")
    assert "示例市应急避难场所管理办法" in page.inner_text("h1")


def test_a_reader_narrows_results_to_a_category_and_a_year(page, site_url):
    open_search(page, site_url)
    type_query(page, "举报奖励")
    wait_for_result(page, "policies/normative/2024-reward/", first=True)
    page.select_option(".dc-search-filters select[name=category]", "interpretations")
    # The unfiltered list already holds this result: wait for the filtered list itself, not for one entry.
    page.wait_for_function("""() => (links => links.length > 0 && links.every(a => a.href.includes('/interpretations/')))(
        [...document.querySelectorAll('.md-search-result__item > a')])""", timeout=5000)
    shown = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert any("/interpretations/2024-reward/" in url for url in shown)
    assert all("/interpretations/" in url for url in shown)
    page.select_option(".dc-search-filters select[name=year]", "2022")
    page.wait_for_function("""() => (links => links.length > 0 && links.every(a => a.href.includes('/interpretations/2022-')))(
        [...document.querySelectorAll('.md-search-result__item > a')])""", timeout=5000)
    shown = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert shown and all("/interpretations/2022-reward/" in url for url in shown)


def test_pasted_text_is_searched_without_a_keystroke(page, site_url):
    """IME commits and mouse pastes fire no keyup; Material would not search without our bridge."""
    open_search(page, site_url)
    page.fill(".md-search__input", "降水偏多")
    shown = wait_for_result(page, "policies/other/2025-flood/", first=True)
    assert shown


def test_a_query_downloads_exactly_the_shards_and_chunks_it_needs(page, site_url, example_site):
    """The browser fetches what the index design says, the same files the Python reader opens:
    the manifest, one term shard per token and the chunks of the results (plus the folding table)."""
    fetched = []
    page.on("requestfinished", lambda request: "/search/" in request.url and fetched.append(request.url))
    open_search(page, site_url)
    page.fill(".md-search__input", "應急演練")
    wait_for_result(page, "policies/normative/2026-drills/", first=False)
    reader = SearchIndexReader(example_site / "search")
    reader.search("應急演練")
    browser_files = {url.split("/search/", 1)[1] for url in fetched} - {"search_index.json", "t2s.json"}
    assert browser_files == reader.downloaded


def test_what_every_query_reads_first_is_fetched_when_the_page_loads(page, site_url):
    """The manifest and the folding table come while the reader reads the page: the first query fetches
    only its own shards and results (one round of requests fewer, on a platform's slow first query)."""
    fetched = []
    page.on("requestfinished", lambda request: "/search/" in request.url and fetched.append(request.url))
    open_search(page, site_url)
    first = {"manifest.json", "t2s.json"}
    for _ in range(100):   # a reader looking at the page before typing (up to ten seconds on a loaded machine)
        if first <= {url.rsplit("/", 1)[1] for url in fetched}:
            break
        page.wait_for_timeout(100)
    assert first <= {url.rsplit("/", 1)[1] for url in fetched}, fetched
    fetched.clear()
    page.fill(".md-search__input", "應急演練")
    wait_for_result(page, "policies/normative/2026-drills/", first=False)
    assert fetched and not {"manifest.json", "t2s.json"} & {url.rsplit("/", 1)[1] for url in fetched}


def test_a_download_that_failed_once_is_tried_again_by_the_query(page, site_url):
    """A server restarting while the page loads (the manifest answered 503 once) costs the reader nothing:
    the query fetches it again instead of failing for the rest of the visit."""
    failed = []

    def fail_once(route):
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.fulfill(status=503, body="")
    page.route("**/search/manifest.json", fail_once)
    open_search(page, site_url)
    page.fill(".md-search__input", "降水偏多")
    assert wait_for_result(page, "policies/other/2025-flood/", first=True)
    assert failed


def test_the_filter_labels_are_readable(page, site_url):
    """Text contrast of 栏目 / 年份 against the dialog (Material's search form text is white)."""
    open_search(page, site_url)
    type_query(page, "举报奖励")
    wait_for_result(page, "policies/normative/2024-reward/", first=True)
    ratio = page.evaluate("""() => {
      const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const label = document.querySelector('.dc-search-filters label');
      const fg = lum(rgb(getComputedStyle(label).color));
      const bg = lum(rgb(getComputedStyle(document.querySelector('.dc-search-filters')).backgroundColor));
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    }""")
    assert ratio >= 4.5
