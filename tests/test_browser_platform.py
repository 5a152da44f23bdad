"""The example platform as a reader meets it, in Chromium under a sub-path: the platform home, a
department's section, a document with its interpretation from another unit and back, and one search
across the departments narrowed by the 部门 filter."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browserkit import require_browser, serve, type_query
from .sitekit import REPO, build

EXAMPLE = REPO / "examples" / "platform"
SUB_PATH = "/xxgk/"
RESULTS = ".md-search-result__item > .md-search-result__link"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    require_browser()
    out = tmp_path_factory.mktemp("platform-site") / "site"
    run = build(EXAMPLE, strict=True, site_dir=out)
    assert run.returncode == 0, run.output
    return out


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
