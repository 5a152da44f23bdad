"""The shipped search worker over an assembled platform index, in Chromium, against its Python twin.

A small platform (tests/searchplatformkit.py: three units indexed by the real builder, assembled
by assemble_platform_search) is served over HTTP with the worker script where a site ships it;
the worker's own search() runs in a page at the worker's address, so it finds search/ as it does
in a worker. Platform-wide results, the 部门 filter, a department's page scope (?unit=) and the
栏目/年份 filters must give what tests/search_reader.py gives.
"""

from __future__ import annotations

import pytest

from disclosure.search import platform as search_platform
from disclosure.search.text import Segmenter

from .search_reader import Filters, SearchIndexReader
from .searchplatformkit import platform_site
from .sitekit import REPO

WORKER = "assets/javascripts/disclosure/search-worker.js"
QUERIES = ["防汛抗旱", "隐患", "预算", "应急避难场所", "防汛", "安全检查 通知"]
CASES = [Filters(), Filters(unit="yjj"), Filters(unit="czj"), Filters(category="notices"),
         Filters(category="policies", year="2024"), Filters(unit="gov", category="notices")]


def served_platform(root):
    platform_site(Segmenter(["示例市人民政府", "示例市应急管理局", "示例市财政局"]), root)
    (root / WORKER).parent.mkdir(parents=True)
    (root / WORKER).write_bytes((REPO / "overrides" / WORKER).read_bytes())
    return root


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    return served_platform(tmp_path_factory.mktemp("platform-browser") / "site")


@pytest.fixture(scope="module")
def cut_platform(tmp_path_factory):
    """The same units with K = 1: most tokens' lists are cut, so the worker must assume as the twin does."""
    kept = search_platform.TOP_K
    search_platform.TOP_K = 1
    try:
        return served_platform(tmp_path_factory.mktemp("platform-cut") / "site")
    finally:
        search_platform.TOP_K = kept


@pytest.fixture(scope="module")
def platform_url(platform):
    from .browserkit import serve
    with serve(platform) as url:
        yield url


# The worker's search() with its filters set as the dialog's message sets them; the locations it returns.
ASK = """async ([query, wanted]) => {
  if (wanted) filters = wanted;
  const result = await search(query);
  return result.items.map(item => item[0].location);
}"""


def worker_page(page, url: str, unit: str = ""):
    address = url + WORKER + (f"?unit={unit}" if unit else "")
    page.goto(address)
    page.add_script_tag(url=address)
    return page


def twin(platform, query: str, filters: Filters) -> list[str]:
    return [hit.url for hit in SearchIndexReader(platform / "search").search(query, filters)]


@pytest.mark.browser
def test_the_worker_answers_as_the_python_twin_across_units(page, platform, platform_url):
    worker_page(page, platform_url)
    differing, answered = [], 0
    for filters in CASES:
        wanted = {"category": filters.category, "year": filters.year, "unit": filters.unit}
        for query in QUERIES:
            expected = twin(platform, query, filters)
            seen = page.evaluate(ASK, [query, wanted])
            answered += bool(expected)
            if seen != expected:
                differing.append((query, filters, expected, seen))
    assert differing == []
    assert answered >= 20  # most questions have answers: the comparison compares something


@pytest.mark.browser
def test_the_worker_assumes_cut_terms_as_the_python_twin(page, cut_platform):
    from .browserkit import serve
    assert SearchIndexReader(cut_platform / "search").manifest["top"] == 1
    with serve(cut_platform) as url:
        worker_page(page, url)
        for query in QUERIES:
            expected = twin(cut_platform, query, Filters())
            assert page.evaluate(ASK, [query, None]) == expected, query
    # Cut at one posting per token, each token keeps its best document: the title match.
    assert twin(cut_platform, "防汛抗旱", Filters()) == ["gov/policies/normative/d0/"]


@pytest.mark.browser
def test_units_show_up_in_one_platform_wide_answer(page, platform_url):
    worker_page(page, platform_url)
    seen = page.evaluate(ASK, ["防汛抗旱", None])
    assert {location.split("/")[0] for location in seen} == {"gov", "yjj", "czj"}


@pytest.mark.browser
def test_a_departments_page_searches_that_department_until_the_reader_widens_it(page, platform, platform_url):
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url.split("/search/", 1)[-1]))
    worker_page(page, platform_url, unit="yjj")
    assert page.evaluate(ASK, ["防汛抗旱", None]) == ["yjj/policies/normative/d1/"]
    assert "units/yjj/manifest.json" in fetched and not any(name.startswith("t/") for name in fetched)
    widened = page.evaluate(ASK, ["防汛抗旱", {"category": "", "year": "", "unit": ""}])
    assert widened == twin(platform, "防汛抗旱", Filters()) and len(widened) == 3


@pytest.mark.browser
def test_an_unknown_unit_falls_back_to_the_whole_platform(page, platform, platform_url):
    worker_page(page, platform_url, unit="no-such-unit")
    assert page.evaluate(ASK, ["防汛抗旱", None]) == twin(platform, "防汛抗旱", Filters())
