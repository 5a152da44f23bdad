"""Small real builds for what a page shows depending on its data."""

from pathlib import Path

from .htmlkit import page
from .sitekit import REPO, build, front_matter, paired_policy, write_site


def consultation(closes: str) -> str:
    return front_matter(title="关于征求意见的公告", type="notice", index_no="T001/2026-00001", published="2026-11-01",
                        opens="2026-11-01", closes=closes)


def test_consultation_shows_open_or_closed_from_the_build_date(tmp_path):
    # The build date is fixed by SOURCE_DATE_EPOCH to 2026-11-22.
    open_site = write_site(tmp_path / "open", {**paired_policy(), "notices/c.md": consultation("2026-12-01")})
    closed_site = write_site(tmp_path / "closed", {**paired_policy(), "notices/c.md": consultation("2026-11-21")})
    assert build(open_site).returncode == 0 and build(closed_site).returncode == 0
    assert "征求中" in page(open_site / "site", "notices/c").text
    closed = page(closed_site / "site", "notices/c").text
    assert "已结束" in closed and "征求中" not in closed


def test_listing_is_split_into_pages_when_long(tmp_path):
    notices = {f"notices/n{i:03d}.md": front_matter(title=f"第{i}号通知", type="notice", index_no=f"T001/2026-{i:05d}",
                                                  published=f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}") for i in range(1, 121)}
    root = write_site(tmp_path, {**paired_policy(), **notices}, mkdocs_extra={"plugins": [{"disclosure": {"listing_page_size": 50}}]})
    assert build(root).returncode == 0
    first, third = page(root / "site", "notices"), page(root / "site", "notices/page/3")
    assert first.html.count('<tr>\n      <td>') == 50 and third.html.count('<tr>\n      <td>') == 20
    assert "第120号通知" in first.text and "第1号通知" in third.text
    assert 'href="page/2/"' in first.html and "第 3 页，共 3 页" in third.text


def test_documents_share_their_folders_navigation_and_its_links_resolve(example_site):
    """The sidebar is rendered once per folder for documents (overrides/partials/nav.html)."""
    import re
    from urllib.parse import urljoin

    def sidebar(path):
        html = (example_site / path / "index.html").read_text(encoding="utf-8")
        return re.search(r'<div class="md-sidebar md-sidebar--primary".*?</ul>\s*</nav>', html, re.S).group(0)

    same_folder = {sidebar(f"policies/normative/{name}") for name in ("2024-reward", "2023-shelters", "2026-drills")}
    assert len(same_folder) == 1
    for folder in ("policies/normative/2024-reward", "interpretations/2024-reward", "reports/2025"):
        links = re.findall(r'href="([^"#]+)"', sidebar(folder))
        assert len(links) > 5
        for link in links:
            target = urljoin(f"https://x/{folder}/", link).removeprefix("https://x/")
            assert (example_site / target / "index.html").is_file() or (example_site / target).is_file(), (folder, link)


def test_labels_are_looked_up_once_per_build_and_read_as_materials_own():
    """overrides/partials/language.html answers from a table filled once per key and build
    (cache_translations): every label reads as the direct lookup (Material's zh strings, our
    search-count wording, English where zh has none, an unknown key as itself)."""
    import re

    import material
    from jinja2 import Environment, FileSystemLoader

    from disclosure.mkdocs_adapter.templates import cache_translations

    material_dir = Path(material.__file__).parent / "templates"
    english = (material_dir / "partials/languages/en.html").read_text(encoding="utf-8")
    keys = re.findall(r'^\s*"([a-z][a-z.]*)":', english, re.M)
    config = {"theme": {"language": "zh"}}

    def environment():
        return Environment(loader=FileSystemLoader([str(REPO / "overrides"), str(material_dir)]))

    direct = environment().get_template("partials/language.html", None, {"config": config}).module
    cached_env = environment()
    cache_translations(cached_env, config)
    cached = cached_env.get_template("partials/language.html").module
    assert len(keys) > 50
    for key in keys + ["no.such.label"]:
        assert cached.t(key) == direct.t(key), key
    assert cached.t("search.result.other") == "找到 # 个符合条件的结果"
    assert cached.t("action.skip") == "跳转至" and cached.t("no.such.label") == "no.such.label"


def test_parts_rendered_once_per_build_fit_every_page(example_site):
    """Material's search box, its scripts' settings, the reading aids and a document's footer are rendered once
    per build and key (overrides/partials/once.html): on every page, at every depth, the settings name that
    page's way back to the site's root and its search worker, and the footer is the agency's."""
    import json
    import re
    from urllib.parse import urljoin

    pages = sorted(example_site.rglob("index.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        folder = path.parent.relative_to(example_site).as_posix()
        settings = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        root = urljoin(f"https://x/{folder}/", settings["base"] + "/")
        assert root == "https://x/", (folder, settings["base"])
        assert urljoin(f"https://x/{folder}/", settings["search"]) == "https://x/assets/javascripts/disclosure/search-worker.js"
        assert html.count('data-md-component="search"') == 1 and html.count('class="dc-reading"') == 1, folder
        assert html.count("主办单位：") == 1, folder


def test_a_fragment_is_rendered_once_per_key_and_globals_list_as_jinjas():
    """`once(key)` renders its body the first time a key is asked for and prints that again after; with no key,
    or without the plugin's globals (the theme alone), every time. The templates' globals (`_Globals`) hold the
    names and values Jinja's ChainMap holds."""
    from collections import ChainMap

    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

    from disclosure.mkdocs_adapter.templates import _Globals, cache_fragments, list_globals_quickly

    def environment():
        pages = DictLoader({"page.html": '{% from "partials/once.html" import once %}'
                                         '{% call once(key) %}[{{ count() }}]{% endcall %}'})
        return Environment(loader=ChoiceLoader([pages, FileSystemLoader(str(REPO / "overrides"))]))

    def renders(env, keys):
        calls = []

        def count():
            calls.append(1)
            return len(calls)
        return [env.get_template("page.html").render(key=key, count=count) for key in keys], len(calls)

    cached = environment()
    cache_fragments(cached)
    list_globals_quickly(cached)
    assert renders(cached, ["a", "a", ("b", 1), "a", ("b", 1)]) == (["[1]", "[1]", "[2]", "[1]", "[2]"], 2)
    assert renders(cached, [None, None]) == (["[1]", "[2]"], 2)
    assert renders(environment(), ["a", "a"]) == (["[1]", "[2]"], 2)   # the theme without the plugin

    shared = {"x": 1, "y": 2}
    for own in ({}, {"x": 3, "z": 4}):
        assert set(_Globals(own, shared)) == set(ChainMap(own, shared))
        assert dict(_Globals(own, shared)) == dict(ChainMap(own, shared))
    assert isinstance(cached.get_template("page.html").globals, _Globals)


def test_without_the_search_the_settings_name_materials_worker_from_each_page(tmp_path):
    """Without the search plugin our worker is not written into the settings: Material's address, relative to
    the page itself, is rendered on every page (disclosure_config_key gives no key), and leads to its worker."""
    import json
    import re
    from urllib.parse import urljoin

    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"plugins": [{"disclosure": {}}]})
    result = build(root)
    assert result.returncode == 0, result.output
    pages = sorted((root / "site").rglob("index.html"))
    assert len(pages) > 3
    for path in pages:
        html = path.read_text(encoding="utf-8")
        folder = path.parent.relative_to(root / "site").as_posix()
        settings = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        worker = urljoin(f"https://x/{folder}/", settings["search"])
        assert re.fullmatch(r"https://x/assets/javascripts/workers/search\.\w+\.min\.js", worker), (folder, worker)
