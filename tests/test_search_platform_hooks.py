"""What the platform build uses of search: the words every unit's build cuts alike, the 部门 filter's
choices as the directory groups them, the page's unit hook, and a single agency left as it was."""

from __future__ import annotations

import json
import re

import jinja2

from disclosure.content.catalogue_file import load_catalogue
from disclosure.mkdocs_adapter.search import search_words, unit_choices, unit_target, worker_filter

from .sitekit import REPO
from .test_platform_core import CATALOGUE

CONFIG = '<script id="__config" type="application/json">{"base": ".", "search": "x.js"}</script>'


def platform_catalogue(tmp_path):
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    catalogue, problems = load_catalogue(tmp_path / "catalogue.yaml", "catalogue.yaml")
    assert catalogue is not None and catalogue.is_platform, problems
    return catalogue


def test_every_units_build_cuts_the_same_words(tmp_path):
    catalogue = platform_catalogue(tmp_path)
    words = search_words(catalogue)
    assert {"测试市人民政府", "测试市教育局", "基础教育科", "测试市南区人民政府"} <= set(words)
    assert all(search_words(unit.catalogue) == words for unit in catalogue.platform.units)


def test_the_department_filter_lists_units_as_the_directory_groups_them(tmp_path):
    catalogue = platform_catalogue(tmp_path)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"))
    html = env.get_template("disclosure/partials/search-filters.html").render(disclosure_search={
        "categories": [], "years": [], "units": unit_choices(catalogue)})
    select = re.search(r'<select name="unit">(.*?)</select>', html, re.S).group(1)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [(label, re.findall(r'value="([^"]*)"', body)) for label, body in groups] == [
        ("本级政府", ["gov"]), ("政府部门", ["jyj"]), ("县区", ["nanqu"])]
    assert '<option value="">全部部门</option>' in select


def test_a_single_agency_shows_no_department_filter():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"))
    html = env.get_template("disclosure/partials/search-filters.html").render(
        disclosure_search={"categories": [], "years": []})
    assert 'name="unit"' not in html and 'name="year"' in html


def test_a_departments_pages_load_the_worker_for_their_unit(tmp_path):
    config = lambda html: json.loads(re.search(r">(.*)</script>", str(html)).group(1))  # noqa: E731
    assert config(worker_filter("..", CONFIG, "jyj"))["search"] == "../assets/javascripts/disclosure/search-worker.js?unit=jyj"
    assert config(worker_filter("..", CONFIG))["search"] == "../assets/javascripts/disclosure/search-worker.js"
    target = unit_target(tmp_path / "site", "jyj", tmp_path / "_unit" / "jyj")
    assert target.search_dir == tmp_path / "site" / "search" / "units" / "jyj"
    assert target.contribution == tmp_path / "_unit" / "jyj" / "search-contribution.bin"


def test_a_single_agency_keeps_its_one_index(example_site):
    manifest = json.loads((example_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert "platform" not in manifest and "units" not in manifest and manifest["chunk"] == 100
    assert not (example_site / "search" / "units").exists() and not (example_site / "search" / "f").exists()
    page = (example_site / "policies" / "index.html").read_text(encoding="utf-8")
    assert "?unit=" not in page and "disclosure-unit" not in page


def test_the_platform_index_is_written_beside_the_units_and_replaces_the_last_one(tmp_path):
    from disclosure.search.text import Segmenter
    from disclosure.mkdocs_adapter.search import write_platform_search

    from .searchplatformkit import UNITS, platform_site
    site = platform_site(Segmenter([]), tmp_path / "site")
    (site / "search" / "t" / "999.json").write_text("{}")   # a shard of a larger platform, last time
    paths = [(unit, UNITS[unit][0], tmp_path / "_unit" / unit / "search-contribution.bin") for unit in UNITS]
    written = write_platform_search(site, paths)
    assert not (site / "search" / "t" / "999.json").exists()
    assert written == len(list((site / "search").glob("[tf]/*.json"))) + 2
    assert (site / "search" / "units" / "yjj" / "manifest.json").is_file()
