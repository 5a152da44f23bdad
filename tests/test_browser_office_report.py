"""The office report in Chromium, from a local static server: charts drawn, nothing fetched
from another host, no console errors, and a number leads to its documents."""

from __future__ import annotations

from urllib.parse import urlsplit

from .browserkit import serve
from .sitekit import write_site
from .test_office_report import CATALOGUE, hand_counted_files, report


def test_the_report_renders_its_charts_offline(tmp_path, browser):
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    with serve(root / "report") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        requests, problems = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(base + "office-report.html")
        page.wait_for_load_state("networkidle")

        charts = page.locator(".chart svg")
        assert charts.count() == 2
        # pygal draws each bar as a <rect> in a "bar" group; the first chart stacks every month's columns.
        bars = [page.locator(f"#chart-agency-{name} .bar rect").count() for name in ("publications", "delays")]
        # Three interpretations and one policy still waiting, each beside its time limit.
        assert bars[0] >= 5 and bars[1] == 8, bars
        box = charts.first.bounding_box()
        assert box and box["width"] > 600 and box["height"] > 250
        late_bar = page.locator("#chart-agency-delays .bar rect").evaluate_all(
            "rects => rects.map(r => getComputedStyle(r).fill)")
        assert "rgb(198, 40, 40)" in late_bar, late_bar      # the one late interpretation is drawn red

        assert all(urlsplit(url).netloc == urlsplit(base).netloc or url.startswith("data:") for url in requests), requests
        assert not problems, problems

        page.click("a[href='#agency-interpretation-late']")
        target = page.locator("#agency-interpretation-late")
        assert target.is_visible() and "T001/2026-00003" in target.inner_text()
        assert page.evaluate("location.hash") == "#agency-interpretation-late"
        top = target.evaluate("element => element.getBoundingClientRect().top")
        assert -2 < top < 900     # scrolled to the list (sub-pixel rounding aside)


def test_on_a_phone_the_report_stays_phone_wide_and_its_charts_legible(tmp_path, browser):
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE)
    done = report(root)
    assert done.returncode == 0, done.stderr
    with serve(root / "report") as base:
        page = browser.new_page(viewport={"width": 375, "height": 800}, locale="zh-CN", is_mobile=True)
        page.goto(base + "office-report.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # The wide tables scroll inside their own box, which stays within the page.
        boxes = page.locator(".wide").evaluate_all(
            "boxes => boxes.map(b => [b.getBoundingClientRect().right, b.scrollWidth > b.clientWidth])")
        assert boxes and all(right <= 375 for right, _ in boxes)
        assert any(scrolls for _, scrolls in boxes)   # the 24-month calendar does not fit a phone
        smallest = page.locator(".chart svg text").evaluate_all(
            "texts => Math.min(...texts.filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect().height))")
        assert smallest >= 8, smallest    # axis labels and titles stay readable (pygal's 11–15 px at most 1/3 smaller)
