"""Render the example platform's reader-facing pages into docs/screenshots/platform-*.png (`make screenshots`).

The pages of issue 25: a document replaced by another unit's (its banner), the 东城街道's listing with
its 统一社会信用代码 索引号 on a desktop and on a 320 px phone, the platform home's 最新信息 with each
document's 发布机构, a search narrowed to a department (the 栏目 choices are that department's) and a
repealed document marked in the results. The second platform (tests/data/platform2, a county whose
索引号 all start with a 统一社会信用代码) is built into a temporary folder and photographed the same way
into docs/screenshots/platform2-*.png. Needs Debian's Chromium and CJK fonts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browserkit import chromium, serve, type_query  # noqa: E402

SITE = REPO / "examples" / "platform" / "site"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 320, "height": 700}


SECOND = REPO / "tests" / "data" / "platform2"
SECOND_PAGES = [("replaced-banner", "gfxwj/2023-subsidy/", "desktop"), ("listing-desktop", "gfxwj/", "desktop"),
                ("listing-phone", "fgj/", "phone"), ("home-latest", "", "latest"),
                ("shared-index", "zcjd/2026-roads/", "desktop"), ("gov-folder", "gov/", "desktop")]


def shoot_second(base: str, browser, out: Path) -> list[Path]:
    written = []
    for name, path, how in SECOND_PAGES:
        viewport = PHONE if how == "phone" else DESKTOP
        context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1, is_mobile=how == "phone")
        page = context.new_page()
        page.goto(base + path)
        target = out / f"platform2-{name}.png"
        if how == "latest":
            page.locator(".dc-platform-latest").first.screenshot(path=str(target))
        else:
            page.screenshot(path=str(target), full_page=how == "phone")
        written.append(target)
        context.close()
    return written


def build_second(folder: Path) -> Path:
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "--strict", "-d", str(site)], cwd=SECOND,
                   check=True, env={"NO_MKDOCS_2_WARNING": "1", **os.environ})
    return site


def shoot(base: str, browser, out: Path) -> list[Path]:
    written = []

    def page_shot(name: str, path: str, viewport: dict, selector: str | None = None, full: bool = False) -> None:
        context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1,
                                      is_mobile=viewport is PHONE)
        page = context.new_page()
        page.goto(base + path)
        target = out / f"platform-{name}.png"
        if selector:
            page.locator(selector).first.screenshot(path=str(target))
        else:
            page.screenshot(path=str(target), full_page=full)
        written.append(target)
        context.close()

    page_shot("replaced-banner", "policies/normative/2019-hazard-reporting/", DESKTOP)
    page_shot("long-index-desktop", "dcjd/gzfa/", DESKTOP)
    page_shot("long-index-phone", "dcjd/", PHONE, full=True)
    page_shot("home-latest", "", DESKTOP, selector=".dc-platform-latest")
    page_shot("gov-folder", "gov/", DESKTOP)
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.goto(base)
    page.click(".md-search__input")
    page.select_option(".dc-search-filters select[name=unit]", "slq")
    page.wait_for_function("() => [...document.querySelectorAll('.dc-search-filters select[name=category] option')]"
                           ".some(o => o.textContent.includes('区政府规范性文件'))")
    page.select_option(".dc-search-filters select[name=category]", "gfxwj")
    type_query(page, "老年助餐")
    page.locator(".md-search-result__item").first.wait_for(timeout=8000)
    page.screenshot(path=str(out / "platform-search-unit-category.png"))
    written.append(out / "platform-search-unit-category.png")
    page.select_option(".dc-search-filters select[name=unit]", "")
    page.select_option(".dc-search-filters select[name=category]", "")
    type_query(page, "事故隐患举报奖励")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item .dc-badge')].length > 0",
                           timeout=8000)
    page.screenshot(path=str(out / "platform-search-repealed.png"))
    written.append(out / "platform-search-repealed.png")
    context.close()
    return written


def main() -> None:
    if not (SITE / "index.html").is_file():
        raise SystemExit("examples/platform/site/ is missing: run `make platform` first")
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with serve(SITE, "/xxgk/") as base, chromium() as browser:
        for path in shoot(base, browser, out):
            print(path.relative_to(REPO))
    with tempfile.TemporaryDirectory() as folder:
        second = build_second(Path(folder))
        with serve(second, "/shifan/") as base, chromium() as browser:
            for path in shoot_second(base, browser, out):
                print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
