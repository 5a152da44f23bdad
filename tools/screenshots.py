"""Render the main pages of the built site, desktop and phone, into docs/screenshots/: `make screenshots`.

Also the official layout (GB/T 9704-2012) of three fictional documents written as Word pastes them
(tests/data/official/: a 令, a 通知 with 附件说明, a 函), on screen and printed: official-*.png.

Needs Debian's Chromium and CJK fonts (fonts-noto-cjk), or Chinese text renders as boxes.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browserkit import chromium, serve, type_query  # noqa: E402
from tests.officialkit import PAGES as OFFICIAL_PAGES, official_site  # noqa: E402

PAGES = [("home", ""), ("listing", "policies/normative/"), ("policy", "policies/normative/2024-reward/"),
         ("interpretation", "interpretations/2024-reward/"), ("report", "reports/2025/"), ("search", None)]
VIEWPORTS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 375, "height": 812}}


def shoot(base: str, browser, out: Path) -> list[Path]:
    written = []
    for device, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1,
                                      is_mobile=device == "phone")
        page = context.new_page()
        for name, path in PAGES:
            if path is None:
                page.goto(base)
                page.click("label[for='__search']" if device == "phone" else ".md-search__input")
                type_query(page, "应急避难场所")
                page.locator(".md-search-result__item").first.wait_for(timeout=5000)
            else:
                page.goto(base + path)
            target = out / f"{name}-{device}.png"
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
        context.close()
    return written


def print_preview(base: str, browser, out: Path, path: str = "policies/normative/2024-reward/",
                  name: str = "print-policy", last: bool = False) -> Path:
    """The first (or `last`) printed page of a document, through Chromium's PDF output."""
    import pypdfium2
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    pdf_path = out / f"{name}.pdf"
    page.pdf(path=str(pdf_path), format="A4", print_background=True)
    page.close()
    target = out / f"{name}.png"
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    pdf[len(pdf) - 1 if last else 0].render(scale=1).to_pil().save(target)
    pdf.close()
    pdf_path.unlink()
    return target


def official_layout(browser, out: Path) -> list[Path]:
    """The fictional 令, 通知 and 函, whole pages on a desktop, and the 通知 printed."""
    import tempfile
    written = []
    with tempfile.TemporaryDirectory() as folder:
        site = official_site(Path(folder)) / "site"
        with serve(site) as base:
            page = browser.new_page(viewport=VIEWPORTS["desktop"], locale="zh-CN")
            for name, path in OFFICIAL_PAGES.items():
                page.goto(base + path)
                target = out / f"official-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            page.close()
            # The printed notice's last page: 附件说明, 落款 and 版记.
            written.append(print_preview(base, browser, out, OFFICIAL_PAGES["notice"], "official-notice-print", last=True))
    return written


def main() -> None:
    site, out = REPO / "site", REPO / "docs" / "screenshots"
    if not (site / "index.html").is_file():
        raise SystemExit("site/ is missing: run `make site` first")
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for path in shoot(base, browser, out) + [print_preview(base, browser, out)] + official_layout(browser, out):
            print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
