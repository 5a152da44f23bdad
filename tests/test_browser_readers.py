"""What readers tripped over (issue 16), checked in Chromium on the built example site.

Search results fit their panel and show the passage around the match; the search filters
appear with the open search only; numbers and dates never break across lines; metadata
shows the fields of the document's type; one wording for the result count; one name for the agency.
"""

import re

import pytest

from .browserkit import serve, type_query, wait_for_result
from .sitekit import build, interpretation, policy, write_site

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SHELTERS = "policies/normative/2023-shelters/"
MIDDLE_PHRASE = "每季度检查一次设施设备"   # far past the opening of 示例市应急避难场所管理办法


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def reader(browser, request):
    context = browser.new_context(viewport=request.param, locale="zh-CN", is_mobile=request.param is PHONE)
    yield context.new_page()
    context.close()


def open_search(page, url):
    page.goto(url)
    page.click("label[for='__search']" if page.viewport_size["width"] < 960 else ".md-search__input")


def search(page, url, query, expected):
    open_search(page, url)
    type_query(page, query)
    wait_for_result(page, expected, first=False)


def result_of(page, path):
    return page.locator(".md-search-result__item", has=page.locator(f"a[href*='{path}']")).first


# --- 1. results fit, and show the passage around the match ----------------------------------------

def test_results_are_not_cut_at_the_right_edge(reader, site_url):
    search(reader, site_url, "应急避难场所", SHELTERS)
    found = reader.evaluate("""() => {
      const cut = [];
      for (const el of document.querySelectorAll('.md-search-result__article, .md-search-result__article h1, .dc-search-snippet, .dc-search-meta')) {
        const box = el.closest('.md-search-result__article').getBoundingClientRect();
        const own = el.getBoundingClientRect();
        if (el.scrollWidth > el.clientWidth + 1 || own.right > box.right + 1) cut.push(el.textContent.slice(0, 30));
      }
      // The result list itself, not only the box around it (Material gives the list its own width).
      const panel = document.querySelector('.md-search-result').getBoundingClientRect();
      const box = document.querySelector('.md-search__output').getBoundingClientRect();
      return {cut, panel: panel.width, box: box.width, right: panel.right, viewport: window.innerWidth};
    }""")
    assert found["cut"] == []
    assert found["right"] <= found["viewport"] + 1
    share = 0.99 if reader.viewport_size is PHONE or found["viewport"] < 600 else 0.6
    assert found["panel"] >= found["viewport"] * share and found["panel"] >= found["box"] - 1, found


def marked_in(page, path: str, phrase: str) -> str:
    """The marked text of `path`'s snippet once it holds `phrase`, or as it stands after 5 s. The result
    shows while the query is typed: the marks of a query one character short may come first."""
    marks = f"""() => [...document.querySelectorAll('.md-search-result__item')]
        .filter(item => item.querySelector("a[href*='{path}']"))
        .map(item => [...item.querySelectorAll('.dc-search-snippet mark')].map(m => m.innerText).join(''))[0] || ''"""
    try:
        page.wait_for_function(f"() => ({marks})().includes({phrase!r})", timeout=5000)
    except Exception:  # noqa: BLE001 - the assertion shows what the reader saw
        pass
    return page.evaluate(marks)


def test_the_snippet_shows_the_matched_passage_marked(reader, site_url):
    search(reader, site_url, MIDDLE_PHRASE, SHELTERS)
    assert MIDDLE_PHRASE in marked_in(reader, SHELTERS, MIDDLE_PHRASE)
    snippet = result_of(reader, SHELTERS).locator(".dc-search-snippet")
    assert MIDDLE_PHRASE in snippet.inner_text()
    assert not snippet.inner_text().startswith("各县区人民政府")   # not the document's opening


def test_a_traditional_query_marks_the_simplified_text(page, site_url):
    search(page, site_url, "每季度檢查一次設施設備", SHELTERS)
    assert MIDDLE_PHRASE in marked_in(page, SHELTERS, MIDDLE_PHRASE)


# --- 2. the filters belong to the open search ------------------------------------------------------

def test_search_filters_show_only_with_the_open_search(reader, site_url):
    reader.goto(site_url + SHELTERS, wait_until="commit")
    reader.wait_for_selector(".md-header", state="attached")
    assert not reader.locator(".dc-search-filters").is_visible()   # from the first paint on: no flash
    reader.wait_for_load_state("load")
    assert not reader.locator(".dc-search-filters").is_visible()
    open_search(reader, site_url + SHELTERS)
    reader.locator(".dc-search-filters").wait_for(state="visible", timeout=5000)


# --- 3. numbers and dates stay on one line -----------------------------------------------------------

ONE_LINE = """selector => [...document.querySelectorAll(selector)].filter(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  return tops.size > 1;
}).map(el => el.textContent.trim())"""


@pytest.mark.parametrize("path, selector", [
    ("policies/normative/", "td.dc-list__docno, .dc-list time"),
    ("", ".dc-latest td.dc-list__docno, .dc-latest time"),
    ("policies/normative/2024-reward/", ".dc-meta td.dc-meta__docno, .dc-meta td.dc-meta__index, .dc-meta time, .dc-related__meta .dc-nowrap"),
])
def test_numbers_and_dates_never_wrap_on_a_phone(browser, site_url, path, selector):
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.locator(selector).count() > 0
    assert page.evaluate(ONE_LINE, selector) == []
    context.close()


SIDE_BY_SIDE = """() => [...document.querySelectorAll('table.dc-meta th')].filter(th => {
  const td = th.nextElementSibling, label = th.getBoundingClientRect(), value = td.getBoundingClientRect();
  return Math.abs(label.top - value.top) > 1 || value.left < label.right - 1;
}).map(th => th.textContent)"""


@pytest.mark.parametrize("width", [320, 375])
def test_the_metadata_table_fits_a_phones_screen_a_label_beside_its_value(browser, site_url, width):
    """Each label on the line of its value: a label above its value made a policy's ten fields two screens long."""
    context = browser.new_context(viewport={"width": width, "height": 700}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "policies/normative/2024-reward/")
    assert page.locator("table.dc-meta th").count() >= 10
    assert page.evaluate(SIDE_BY_SIDE) == []
    assert page.evaluate("document.querySelector('table.dc-meta').getBoundingClientRect().height") < 700
    assert page.evaluate("document.documentElement.scrollWidth") <= width   # nothing pushed past the screen's edge
    context.close()


def test_result_dates_and_doc_numbers_never_wrap(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    search(page, site_url, "应急避难场所", SHELTERS)
    assert page.locator(".dc-search-meta .dc-nowrap").count() > 0
    assert page.evaluate(ONE_LINE, ".dc-search-meta .dc-nowrap") == []
    context.close()


# --- 4. metadata rows of the document's type ----------------------------------------------------

def meta_labels(page, path):
    page.goto(page.site_url + path)
    return dict(zip(page.locator(".dc-meta th").all_inner_texts(), page.locator(".dc-meta td").all_inner_texts()))


@pytest.mark.parametrize("path, present, absent", [
    ("policies/normative/2024-reward/", {"发文字号": "示应急规〔2024〕1号", "成文日期": None, "有效性": "有效"}, ["年度"]),
    ("interpretations/2024-reward/", {"发布日期": None}, ["发文字号", "成文日期", "有效性", "年度"]),
    ("reports/2025/", {"年度": "2025年"}, ["发文字号", "成文日期", "有效性"]),
    ("guide/guide/", {"索引号": None}, ["发文字号", "成文日期", "有效性", "年度"]),
])
def test_metadata_shows_the_fields_of_the_type(page, site_url, path, present, absent):
    page.site_url = site_url
    shown = meta_labels(page, path)
    for label, value in present.items():
        assert label in shown, (label, shown)
        assert shown[label] not in ("", "—") and (value is None or shown[label] == value)
    assert [label for label in absent if label in shown] == []
    assert "—" not in shown.values()


# --- 5. one wording for the result count ----------------------------------------------------------

@pytest.mark.parametrize("query, count", [("每季度检查一次设施设备", None), ("应急避难场所", None), ("zzqqxx", 0)])
def test_the_result_count_reads_one_way(page, site_url, query, count):
    open_search(page, site_url)
    type_query(page, query)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("""() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)""", timeout=5000)
    text = meta.inner_text()
    assert re.fullmatch(r"找到 \d+ 个符合条件的结果", text), text
    shown = page.locator(".md-search-result__item").count()
    assert int(re.search(r"\d+", text).group()) >= (count if count is not None else max(shown, 1))


# --- 6. one name for the agency -------------------------------------------------------------------

def test_a_second_agency_sees_only_its_own_name(tmp_path_factory, page):
    root = write_site(tmp_path_factory.mktemp("second"), {"policies/a.md": policy(), "interpretations/a.md": interpretation()},
                      search=True)
    run = build(root)
    assert run.returncode == 0, run.output
    with serve(root / "site") as url:
        for path in ("", "policies/a/"):
            page.goto(url + path)
            header = page.locator(".md-header__topic").first.inner_text()
            footer = page.locator(".dc-footer").inner_text()
            for shown in (header, page.title(), footer):
                assert "测试县市场监督管理局" in shown and "示例市" not in shown, shown
            assert "测试站" not in page.title() and "示例市" not in page.content()
