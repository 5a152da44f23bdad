"""The example platform as a reader meets it, in Chromium under a sub-path: the platform home, a
department's section, a document with its interpretation from another unit and back, and one search
across the departments narrowed by the 部门 filter."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browserkit import require_browser, serve, type_query
from .sitekit import REPO

EXAMPLE = REPO / "examples" / "platform"
SUB_PATH = "/xxgk/"
RESULTS = ".md-search-result__item > .md-search-result__link"


@pytest.fixture(scope="module")
def site(example_platform_site) -> Path:
    require_browser()
    return example_platform_site


@pytest.fixture(scope="module")
def browser_page(site, browser):
    with serve(site, SUB_PATH) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        page.on("request", lambda request: outside.append(request.url)
                if urlsplit(request.url).netloc != urlsplit(url).netloc else None)
        # Material reads sitemap.xml beside a page's feed link (a unit's <id>/feed.xml): it must be there.
        page.on("response", lambda response: outside.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        yield page, url, outside
        page.close()


def result_paths(page) -> list[str]:
    return page.eval_on_selector_all(RESULTS, "links => links.map(a => new URL(a.href).pathname)")


def wait_for_results(page, predicate: str, query: str) -> list[str]:
    script = f"""() => {{
      const paths = [...document.querySelectorAll('{RESULTS}')].map(a => new URL(a.href).pathname);
      return paths.length > 0 && ({predicate});
    }}"""
    try:
        page.wait_for_function(script, timeout=8000)
    except Exception:
        pytest.fail(f"“{query}”: the reader saw {result_paths(page)}")
    return result_paths(page)


def open_search(page) -> None:
    page.click("label.md-search__icon, .md-search__input", timeout=5000)


def units_of(paths: list[str]) -> set[str]:
    """Which unit each result lies in: a department's folder, else the government (gov)."""
    departments = {"yjj", "jyj", "slq", "dcjd"}
    return {part if (part := path[len(SUB_PATH):].split("/", 1)[0]) in departments else "gov" for path in paths}


def test_home_department_document_and_back(browser_page):
    page, url, outside = browser_page
    page.goto(url)
    directory = page.locator(".dc-directory__groups")
    assert [h.strip() for h in directory.locator("h3").all_inner_texts()] == ["政府部门", "县区", "乡镇街道"]
    assert "示例市教育局" in directory.inner_text() and "东城街道办事处" in directory.inner_text()
    directory.get_by_role("link", name="示例市教育局").click()
    page.wait_for_url(f"{url}jyj/")
    assert "示例市教育局" in page.locator("h1").first.inner_text()
    nav = page.locator(".md-nav--primary").first.inner_text()
    assert "招生入学" in nav                     # the department's own addition to the standard tree
    assert "行政执法公示" not in nav or "教育" in nav  # never another unit's own columns
    page.goto(f"{url}jyj/interpretations/2025-campus-safety/")
    related = page.locator(".dc-related")
    assert "示例市人民政府" in related.inner_text()   # the policy it interprets is the government's
    related.get_by_role("link").first.click()
    page.wait_for_url(f"{url}policies/normative/2025-campus-safety/")
    back = page.locator(".dc-related")
    assert "示例市教育局" in back.inner_text()   # 文件与解读材料互为链接, across units
    back.get_by_role("link").first.click()
    page.wait_for_url(f"{url}jyj/interpretations/2025-campus-safety/")
    assert outside == []


def test_one_search_across_departments_and_the_department_filter(browser_page):
    page, url, outside = browser_page
    page.goto(url)
    open_search(page)
    type_query(page, "部门预算")
    everywhere = wait_for_results(page, "new Set(paths.map(p => p.split('/')[2])).size >= 3", "部门预算")
    assert len(units_of(everywhere)) >= 3, everywhere
    metas = page.eval_on_selector_all(".md-search-result__item .dc-search-meta", "spans => spans.map(s => s.textContent)")
    # Across the platform each result names its unit: every department publishes a 部门预算.
    assert any(meta.startswith("示例市教育局") for meta in metas) and any(meta.startswith("示例市应急管理局") for meta in metas), metas
    page.select_option(".dc-search-filters select[name=unit]", "jyj")
    only = wait_for_results(page, "paths.every(p => p.startsWith('/xxgk/jyj/'))", "部门预算 · 示例市教育局")
    assert only and all(path.startswith(f"{SUB_PATH}jyj/") for path in only)
    assert outside == []


def test_a_departments_pages_search_that_department_first(browser_page):
    page, url, _ = browser_page
    page.goto(f"{url}yjj/")
    open_search(page)
    assert page.locator(".dc-search-filters select[name=unit]").input_value() == "yjj"
    type_query(page, "部门预算")
    found = wait_for_results(page, "paths.every(p => p.startsWith('/xxgk/yjj/'))", "部门预算 on 应急管理局's pages")
    assert found


# Every cell of every listing table holds its text: nothing runs under the next column.
SPILLS = """() => [...document.querySelectorAll('table.dc-list td, table.dc-list th')]
  .filter(cell => cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.textContent.trim())"""
LONG_INDEX = "11379901MB0000000D/2026-00014"   # an 18-character 统一社会信用代码, a year and a number


@pytest.mark.parametrize("width", [1280, 1024, 320])
def test_a_long_index_number_never_spills_into_the_next_column(browser_page, width):
    page, url, _ = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    try:
        for path in ("", "dcjd/", "dcjd/gzfa/", "dcjd/zcjd/", "jyj/policies/normative/", "slq/zcwj/gfxwj/"):
            page.goto(url + path)
            assert page.evaluate(SPILLS) == [], (width, path)
            # A phone's page never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
        page.goto(url + "dcjd/gzfa/")
        if width > 720:
            cell = page.locator("td.dc-list__index", has_text=LONG_INDEX)
            title = page.locator("table.dc-list tr", has=cell).locator("td").first.bounding_box()
            box, docno = cell.bounding_box(), page.locator("table.dc-list tr", has=cell).locator("td").nth(2).bounding_box()
            assert title["x"] + title["width"] <= box["x"] + 1 and box["x"] + box["width"] <= docno["x"] + 1
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_the_category_filter_follows_the_department_filter(browser_page):
    page, url, _ = browser_page
    page.goto(url)
    open_search(page)
    category = ".dc-search-filters select[name=category]"
    choices = lambda: [text.strip() for text in page.locator(f"{category} option").all_inner_texts()]  # noqa: E731
    assert "规划计划" in choices() and "区政府规范性文件" not in choices()   # the government's tree
    page.select_option(".dc-search-filters select[name=unit]", "slq")
    page.wait_for_function(f"() => [...document.querySelectorAll('{category} option')].some(o => o.textContent.includes('区政府规范性文件'))",
                           timeout=5000)
    assert "规划计划" not in choices() and "重大建设项目" in choices()
    page.select_option(category, "gfxwj")
    type_query(page, "老年助餐")
    found = wait_for_results(page, "paths.every(p => p.startsWith('/xxgk/slq/zcwj/gfxwj/'))", "老年助餐 · 区政府规范性文件")
    assert found
    page.select_option(".dc-search-filters select[name=unit]", "")
    page.wait_for_function(f"() => ![...document.querySelectorAll('{category} option')].some(o => o.textContent.includes('区政府规范性文件'))",
                           timeout=5000)
    assert "规划计划" in choices()


def test_a_repealed_document_is_marked_in_search_results(browser_page):
    page, url, _ = browser_page
    page.goto(url)
    open_search(page)
    type_query(page, "事故隐患举报奖励暂行办法")
    wait_for_results(page, "paths.some(p => p.endsWith('/2019-hazard-reporting/'))", "事故隐患举报奖励暂行办法")
    titles = page.eval_on_selector_all(".md-search-result__item h1", "items => items.map(h => h.textContent)")
    assert any("暂行办法" in title and title.rstrip().endswith("废止") for title in titles), titles
    assert not any("内部报告奖励办法" in title and "废止" in title for title in titles), titles


def test_the_governments_folder_leads_to_its_pages_and_lists_its_exports(browser_page):
    page, url, outside = browser_page
    response = page.goto(url + "gov/")
    page.wait_for_url(url)
    assert response.status == 200 and page.locator(".dc-platform").count() == 1
    assert outside == []
