"""What readers see, in Chromium: the example site served over HTTP under /zwgk/.

A reader goes home → category → policy → its interpretation → back, searches and opens a
result, on a desktop and on a 375×812 phone; nothing is requested from another host.
"""

import pypdfium2
import pytest
from axe_playwright_python.sync_playwright import Axe

from .browserkit import results_settled, type_query, wait_for_result

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def reader(browser, site_url, request):
    """A page in a fresh context, recording every request it makes."""
    context = browser.new_context(viewport=request.param, locale="zh-CN", is_mobile=request.param is PHONE)
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda r: tab.requested.append(r.url))
    yield tab
    context.close()
    outside = [url for url in tab.requested if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
    assert outside == [], "requests that left the site"


def assert_no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def open_category(page, name):
    """Through the home page's catalogue tree, as a reader would (works without the drawer on phones)."""
    page.locator(".dc-tree a", has_text=name).first.click()
    page.wait_for_load_state()


def test_a_reader_goes_from_the_catalogue_to_a_policy_its_interpretation_and_back(reader, site_url):
    page = reader
    page.goto(site_url)
    assert page.locator(".dc-tree").is_visible()
    assert page.locator(".dc-tree a", has_text="政策文件").count() >= 1
    assert_no_horizontal_scroll(page)

    open_category(page, "规范性文件")
    assert "规范性文件" in page.locator("h1").inner_text()
    assert_no_horizontal_scroll(page)

    page.locator("table.dc-list a", has_text="示例市安全生产举报奖励办法").first.click()
    page.wait_for_url("**/policies/normative/2024-reward/")
    assert page.locator("table.dc-meta").is_visible()
    assert "示应急规〔2024〕1号" in page.locator("table.dc-meta").inner_text()
    assert_no_horizontal_scroll(page)

    page.locator(".dc-related a", has_text="关于修订《示例市安全生产举报奖励办法》的政策解读").click()
    page.wait_for_url("**/interpretations/2024-reward/")
    assert "示应急规〔2024〕1号" in page.locator(".dc-related").inner_text()
    assert_no_horizontal_scroll(page)

    page.locator(".dc-related a", has_text="示例市安全生产举报奖励办法").first.click()
    page.wait_for_url("**/policies/normative/2024-reward/")


def test_a_reader_searches_and_opens_a_result(reader, site_url):
    page = reader
    page.goto(site_url)
    if page.viewport_size["width"] < 600:
        page.click("label[for='__search']")  # the magnifier opens the search on phones
    type_query(page, "应急避难场所")
    results_settled(page)
    wait_for_result(page, "policies/normative/2023-shelters/", first=True)
    assert_no_horizontal_scroll(page)
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_url("**/policies/normative/2023-shelters/**")
    assert "应急避难场所" in page.locator("h1").inner_text()


def test_the_404_page_works_under_the_sub_path(reader, site_url):
    response = reader.goto(site_url + "no/such/page/")
    assert response.status == 404
    assert reader.locator(".md-header").is_visible()  # styled: its assets loaded from /zwgk/
    assert reader.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"


@pytest.mark.parametrize("path", ["", "policies/normative/", "policies/normative/2024-reward/", "search"])
def test_no_serious_accessibility_violation(page, site_url, path):
    if path == "search":
        page.goto(site_url)
        page.click(".md-search__input")
        page.fill(".md-search__input", "举报奖励")
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    else:
        page.goto(site_url + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_text_size_and_contrast_are_remembered(page, site_url):
    page.goto(site_url + "policies/normative/2024-reward/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")  # noqa: E731
    normal = size()
    page.click(".dc-reading__button[data-dc-size='大']")
    assert size() > normal * 1.15
    page.click(".dc-reading__button[data-dc-contrast]")
    page.reload()
    assert size() > normal * 1.15
    assert page.get_attribute(".dc-reading__button[data-dc-size='大']", "aria-pressed") == "true"
    color = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).color")
    assert color == "rgb(0, 0, 0)"
    page.click(".dc-reading__button[data-dc-size='小']")
    assert size() < normal


def test_a_document_prints_title_metadata_and_body_without_navigation(page, site_url, tmp_path):
    page.goto(site_url + "policies/normative/2024-reward/")
    page.emulate_media(media="print")
    pdf_file = tmp_path / "print.pdf"
    page.pdf(path=str(pdf_file), format="A4", print_background=True)
    pdf = pypdfium2.PdfDocument(str(pdf_file))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for expected in ("示例市安全生产举报奖励办法", "索引号", "EX0001/2024-00004", "示应急规〔2024〕1号", "第一条"):
        assert expected in text.replace("\r", "").replace("\n", ""), expected
    for absent in ("搜索", "高对比度", "财政预决算"):  # search, reading aids, navigation
        assert absent not in text, absent
    image = pdf[0].render(scale=1).to_pil()
    image.save(tmp_path / "print-page-1.png")
    assert image.width > 500
