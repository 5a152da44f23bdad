"""The plan of every page, read from a loaded site without a build (pages/plan.py).

The real builds in test_pages.py and test_example_site.py show that MkDocs follows the plan;
here the plan itself is checked: pagination, year groups, withheld rows, navigation,
last-modified dates and titles.
"""

import copy
import datetime as dt

import pytest
import yaml

from disclosure.pages.plan import HOME_PAGE, PagePlan, SitePlan, listing_src_uri
from disclosure.rules.check import load_site

from .sitekit import MINI_CATALOGUE, REPO, front_matter, paired_policy, write_site

TODAY = dt.date(2026, 11, 22)
REASON = "属于内部事务信息，依据《条例》第十六条第一款不予公开"


def notice(number: int, published: str, **extra) -> str:
    return front_matter(title=f"第{number}号通知", type="notice", index_no=f"T001/{published[:4]}-{number:05d}",
                        published=published, **extra)


def withheld_notice(number: int, published: str) -> str:
    return notice(number, published, disclosure="不予公开", reason=REASON)


def mini_catalogue_with_empty_category() -> dict:
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["guide"] = {"name": "公开指南"}
    catalogue["catalogue"].append({"id": "guide", "name": "公开指南", "path": "guide", "types": ["guide"],
                                   "stale_days": 0})
    return catalogue


def plan_of(tmp_path, files: dict[str, str], page_size: int = 50, home_latest: int = 10) -> SitePlan:
    root = write_site(tmp_path, {**paired_policy(), **files}, catalogue=mini_catalogue_with_empty_category())
    site = load_site(root, today=TODAY)
    assert site.error_count == 0, [d.as_text() for d in site.diagnostics]
    return SitePlan(site, page_size, home_latest)


def hundred_and_twenty_notices() -> dict[str, str]:
    # 1 … 120 in date order over 2025 and 2026: n001 the oldest, n120 the newest.
    days = [dt.date(2025, 9, 1) + dt.timedelta(days=3 * i) for i in range(120)]
    return {f"notices/n{i:03d}.md": notice(i, day.isoformat()) for i, day in enumerate(days, start=1)}


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory):
    return plan_of(tmp_path_factory.mktemp("long"), hundred_and_twenty_notices())


def titles(documents) -> list[str]:
    return [doc.title for doc in documents]


def test_a_long_listing_is_split_newest_first_into_pages_of_the_configured_size(long_plan):
    pages = [long_plan.page(uri) for uri in ("notices/index.md", "notices/page/2.md", "notices/page/3.md")]
    assert [p.kind for p in pages] == ["listing"] * 3
    assert [(p.listing.number, p.listing.count, len(p.listing.documents)) for p in pages] == [(1, 3, 50), (2, 3, 50),
                                                                                             (3, 3, 20)]
    assert titles(pages[0].documents)[:2] == ["第120号通知", "第119号通知"]
    assert titles(pages[2].documents)[-1] == "第1号通知"
    assert long_plan.page("notices/page/4.md") is None
    assert long_plan.count(pages[0].listing.category) == 120


def test_page_size_below_one_still_lists_every_document(tmp_path):
    plan = plan_of(tmp_path, {f"notices/n{i}.md": notice(i, f"2026-01-0{i}") for i in range(1, 4)}, page_size=0)
    assert [len(plan.page(f"notices/{name}.md").documents) for name in ("index", "page/2", "page/3")] == [1, 1, 1]


def test_year_groups_follow_the_period_and_break_across_pages(long_plan):
    first, third = long_plan.page("notices/index.md").listing, long_plan.page("notices/page/3.md").listing
    assert [year for year, _ in first.year_groups] == [2026]
    assert [year for year, _ in third.year_groups] == [2025]
    second = long_plan.page("notices/page/2.md").listing
    assert [(year, len(docs)) for year, docs in second.year_groups] == [(2026, 29), (2025, 21)]  # n070…n042, n041…n021


def test_later_listing_pages_and_documents_stay_out_of_the_nav(long_plan):
    out = set(long_plan.out_of_nav())
    assert {"notices/page/2.md", "notices/page/3.md", "notices/n001.md", "policies/a.md"} <= out
    assert not out & {"notices/index.md", "policies/index.md", HOME_PAGE}


def test_every_generated_page_is_named_listings_first_then_home(long_plan):
    generated = long_plan.generated()
    assert [p.src_uri for p in generated] == ["policies/index.md", "interpretations/index.md", "notices/index.md",
                                              "notices/page/2.md", "notices/page/3.md", "guide/index.md", HOME_PAGE]
    assert [p.title for p in generated] == ["政策文件", "政策解读", "通知公告", "通知公告", "通知公告", "公开指南",
                                            "政府信息公开"]
    # The Markdown the host is handed is front matter only, the title as YAML (a quote or colon stays text).
    assert yaml.safe_load(generated[2].generated_source.strip().strip("-")) == {"title": "通知公告"}


def test_last_modified_is_the_newest_document_the_page_shows(long_plan):
    assert long_plan.page("notices/n001.md").last_modified == "2025-09-01"
    assert long_plan.page("notices/index.md").last_modified == "2026-08-24"   # n120
    assert long_plan.page("notices/page/3.md").last_modified == "2025-10-28"  # n020, the newest on that page
    assert long_plan.page(HOME_PAGE).last_modified == "2026-08-24"


def test_an_empty_category_has_one_empty_page_dated_the_build_day(long_plan):
    guide = long_plan.page("guide/index.md")
    assert (guide.listing.number, guide.listing.count, guide.documents) == (1, 1, [])
    assert guide.last_modified == TODAY.isoformat()


def test_withheld_documents_are_named_on_the_first_page_of_their_own_category_only(tmp_path):
    files = {**hundred_and_twenty_notices(), "notices/secret.md": withheld_notice(900, "2026-10-01")}
    plan = plan_of(tmp_path, files)
    assert titles(plan.page("notices/index.md").listing.withheld) == ["第900号通知"]
    assert plan.page("notices/page/2.md").listing.withheld == []
    assert plan.page("policies/index.md").listing.withheld == []
    # No page of its own, and not among what listings, home page or sitemap date count.
    assert plan.page("notices/secret.md") is None and plan.document("notices/secret.md") is None
    assert "第900号通知" not in titles(plan.page(HOME_PAGE).documents)
    assert plan.page("notices/index.md").last_modified == "2026-08-24"
    assert titles(plan.withheld_documents()) == ["第900号通知"]
    assert plan.count(plan.page("notices/index.md").listing.category) == 120


def test_kinds_templates_and_the_table_of_contents(long_plan):
    document, listing, home = (long_plan.page(uri) for uri in ("policies/a.md", "notices/index.md", HOME_PAGE))
    assert (document.kind, document.template, document.hide_toc) == ("document", "disclosure/document.html", False)
    assert (listing.kind, listing.template, listing.hide_toc) == ("listing", "disclosure/listing.html", True)
    assert (home.kind, home.template, home.hide_toc) == ("home", "disclosure/home.html", True)
    assert document.document.title == document.title == "测试县食品小作坊登记管理办法"
    assert listing.document is None and long_plan.page("notices/unknown.md") is None


def test_home_page_shows_the_newest_documents_up_to_the_configured_number(tmp_path):
    plan = plan_of(tmp_path, hundred_and_twenty_notices(), home_latest=3)
    assert titles(plan.page(HOME_PAGE).documents) == ["第120号通知", "第119号通知", "第118号通知"]


def test_hand_written_index_pages_keep_their_kind(tmp_path):
    preface = "---\ntitle: 通知公告栏目说明\n---\n\n本栏目发布通知公告。\n"
    plan = plan_of(tmp_path, {"index.md": "---\ntitle: 首页\n---\n\n简介。\n", "notices/index.md": preface,
                              "notices/n1.md": notice(1, "2026-01-05")})
    home, notices, policies = (plan.page(uri) for uri in (HOME_PAGE, "notices/index.md", "policies/index.md"))
    assert (home.kind, home.hand_written) == ("home", True)
    assert (notices.kind, notices.hand_written, titles(notices.documents)) == ("listing", True, ["第1号通知"])
    assert (policies.kind, policies.hand_written) == ("listing", False)


@pytest.fixture(scope="module")
def example_plan():
    site = load_site(REPO, today=TODAY)
    assert site.error_count == 0
    return SitePlan(site, 50, 10)


def test_navigation_is_the_catalogue_in_its_order_with_sub_categories(example_plan):
    nav = example_plan.nav()
    assert nav[0] == {"首页": HOME_PAGE}
    names = [next(iter(entry)) for entry in nav[1:]]
    assert names == [category.name for category in example_plan.site.catalogue.roots]
    policies = next(entry["政策文件"] for entry in nav if "政策文件" in entry)
    assert policies == ["policies/index.md", {"规范性文件": "policies/normative/index.md"},
                        {"其他文件": "policies/other/index.md"}]
    # No document is ever named in the nav: it would be written into every page.
    assert all(path.endswith("index.md") for path in nav_paths(nav))
    assert len(nav_paths(nav)) == 1 + len(list(example_plan.site.catalogue.categories()))


def nav_paths(entry) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    children = entry.values() if isinstance(entry, dict) else entry
    return [path for child in children for path in nav_paths(child)]


def test_a_parent_category_lists_and_counts_its_sub_categories_documents(example_plan):
    policies = example_plan.page("policies/index.md")
    catalogue = example_plan.site.catalogue
    normative, other = (catalogue.category_at(path) for path in ("policies/normative", "policies/other"))
    assert example_plan.count(policies.listing.category) == example_plan.count(normative) + example_plan.count(other)
    assert {doc.category.id for doc in policies.documents} == {"normative", "other"}
    assert listing_src_uri(normative, 2) == "policies/normative/page/2.md"


def test_the_example_withholds_rows_in_their_categories(example_plan):
    withheld = {category_id: titles(docs) for category_id, docs in example_plan.withheld.items()}
    assert withheld["enforcement"] == ["示例市某仓储企业“3·12”一般生产安全事故调查报告"]
    assert set(withheld) == {"enforcement", "finance", "plans"}


@pytest.mark.parametrize("title", ['通知: "公告" #1', "---\n标题", "- 列表", "&锚 *别名", "'单引号'"])
def test_a_generated_page_gets_its_title_back_whatever_characters_it_holds(title):
    source = PagePlan("x/index.md", "listing", title).generated_source
    assert source.startswith("---\n") and source.endswith("---\n")
    assert yaml.safe_load(source.removeprefix("---\n").removesuffix("---\n")) == {"title": title}
