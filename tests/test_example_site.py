"""The example agency built with --strict: what a reader and a webmaster get."""

import csv
import io
import json
import posixpath
import re

import pytest
import yaml

from .htmlkit import Page, page
from .leakkit import leaks, site_files
from .sitekit import REPO

MARKERS = ["WITHHELD-MARKER-7Q3Z", "WITHHELD-MARKER-K8V2P", "WITHHELD-MARKER-M4X9T", "WITHHELD-MARKER-ATTACH-R2D2"]


@pytest.fixture(scope="module")
def records(example_site):
    return json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))["documents"]


def by_title(records, fragment, doc_type=None):
    return next(r for r in records if fragment in r["title"] and doc_type in (None, r["type"]))


def test_at_least_forty_public_documents_each_with_a_page(example_site, records):
    assert len(records) >= 40
    for record in records:
        assert (example_site / record["url"] / "index.html").is_file(), record["url"]
        assert not record["url"].startswith(("/", "http"))


def test_catalogue_json_has_every_field_of_the_spec(records):
    required = {"index_no", "title", "type", "category", "url", "published", "issued", "doc_no", "validity",
                "topics", "interprets", "interpretations", "superseded_by"}
    for record in records:
        assert required <= record.keys()
        assert isinstance(record["topics"], list) and isinstance(record["interpretations"], list)
    policy = by_title(records, "自然灾害救助资金管理办法", "policy")
    assert policy["doc_no"] == "示应急规〔2024〕2号" and policy["validity"] == "有效"
    assert policy["interpretations"] == ["EX0001/2024-00008"]


def test_every_policy_has_an_interpretation_and_one_is_revised(records):
    policies = [r for r in records if r["type"] == "policy"]
    assert policies and all(r["interpretations"] for r in policies)
    revised = [r for r in policies if r["validity"] == "已修订"]
    assert revised and all(r["superseded_by"] for r in revised)


def test_catalogue_csv_opens_in_excel(example_site, records):
    raw = (example_site / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["索引号", "标题", "文档类型"]
    assert len(rows) == len(records) + 1


def test_nothing_of_a_non_public_document_is_published(example_site):
    # The search index folds text to lower case and splits it: look for the folded pieces too.
    needles = sorted({form for marker in MARKERS for form in (marker, marker.split("-")[-1])})
    assert len(site_files(example_site)) > 100
    assert leaks(example_site, needles) == []
    assert not list(example_site.rglob("relief-detail.txt"))
    assert not (example_site / "plans" / "2026-internal-meeting").exists()
    assert "2026-internal-meeting" not in (example_site / "sitemap.xml").read_text()


def test_withheld_documents_appear_as_title_only_rows_with_reason(example_site):
    listing = page(example_site, "enforcement")
    assert "不主动公开的信息" in listing.text
    assert "示例市某仓储企业“3·12”一般生产安全事故调查报告" in listing.text
    assert "涉及第三方商业秘密和个人隐私" in listing.text
    assert not any("warehouse-accident" in href for href in listing.attrs("a", "href"))


def test_navigation_lists_categories_never_documents(example_site, records):
    document_urls = {r["url"] for r in records}
    for url in ("", "policies/normative/2024-reward", "reports"):
        nav = page(example_site, url).section("md-nav--primary", 'class="md-content"')
        hrefs = re.findall(r'href="([^"]+)"', nav)
        targets = {posixpath.normpath(posixpath.join(url, href)).strip("/") + "/" for href in hrefs if not href.startswith("#")}
        assert "policies/normative/" in targets and "reports/" in targets
        assert not targets & document_urls, targets & document_urls


def test_listing_is_newest_first_with_the_catalogue_columns(example_site):
    listing = page(example_site, "policies/normative")
    for column in ("标题", "索引号", "发文字号", "发布日期"):
        assert column in listing.text
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', listing.html)
    assert dates == sorted(dates, reverse=True) and len(dates) == 7
    years = re.findall(r'<h2 id="y(\d{4})"', listing.html)
    assert years == sorted(set(years), reverse=True)
    assert "示应急规〔2024〕1号" in listing.text


def test_parent_category_lists_its_children_and_all_their_documents(example_site):
    listing = page(example_site, "policies")
    assert "规范性文件" in listing.text and "其他文件" in listing.text
    assert "共 13 条信息" in listing.text


def test_home_shows_catalogue_tree_and_latest(example_site):
    home = page(example_site, "")
    assert "主动公开基本目录" in home.text and "最新信息" in home.text
    catalogue = yaml.safe_load((REPO / "catalogue.yaml").read_text(encoding="utf-8"))
    positions = [home.text.index(c["name"]) for c in catalogue["catalogue"]]
    assert positions == sorted(positions)
    assert "关于做好2026年冬季供暖期安全生产工作的通知" in home.section("dc-latest", "</section>")


def test_document_page_shows_metadata_table(example_site):
    doc = page(example_site, "policies/normative/2024-relief")
    table = doc.section('<table class="dc-meta">', "</table>")
    for label, value in [("索引号", "EX0001/2024-00005"), ("发布机构", "示例市应急管理局"), ("发文字号", "示应急规〔2024〕2号"),
                         ("成文日期", "2024-09-12"), ("发布日期", "2024-09-18"), ("主题分类", "防灾减灾"),
                         ("公开方式", "主动公开"), ("有效性", "有效")]:
        assert re.search(rf"<th scope=\"row\">{label}</th><td[^>]*>(<time[^>]*>)?{re.escape(value)}", table), label


def test_revised_policy_has_banner_linking_to_its_replacement(example_site):
    old = page(example_site, "policies/normative/2022-reward")
    banner = old.section("dc-banner", "</div>")
    assert "本文件已修订" in banner and "示应急规〔2024〕1号" in banner
    assert "../2024-reward/" in banner
    new = page(example_site, "policies/normative/2024-reward")
    assert "dc-banner" not in new.html
    assert "本文件替代了" in new.text and "../2022-reward/" in new.section("dc-replaces", "</ul>")


def test_policy_and_interpretation_link_each_other(example_site):
    policy = page(example_site, "policies/normative/2024-reward")
    notes = policy.section('id="dc-interpretations"', "</ul>")
    assert "../../../interpretations/2024-reward/" in notes and "../../../interpretations/2024-reward-chart/" in notes
    assert "图解" in notes
    note = page(example_site, "interpretations/2024-reward-chart")
    back = note.section('id="dc-interprets"', "</ul>")
    assert "../../policies/normative/2024-reward/" in back and "示应急规〔2024〕1号" in back


def test_attachment_is_copied_and_listed_with_size(example_site):
    doc = page(example_site, "policies/normative/2023-hazchem")
    section = doc.section("dc-attachments", "</section>")
    assert "危险化学品经营许可证申请表" in section and "TXT" in section and "Bytes" in section
    assert (example_site / "policies/normative/files/hazchem-application-form.txt").is_file()


def test_consultation_and_its_feedback_link_both_ways(example_site):
    draft = page(example_site, "consultations/2025-interview-draft")
    assert "已结束" in draft.text and "意见采纳情况" in draft.text
    feedback = page(example_site, "consultations/2025-interview-feedback")
    assert "../2025-interview-draft/" in feedback.section('id="dc-responds-to"', "</ul>")


def test_two_annual_reports_with_the_six_national_sections(example_site):
    for year in ("2024", "2025"):
        report = page(example_site, f"reports/{year}")
        headings = re.findall(r"<h2 id=\"[^\"]*\">([^<]+)</h2>", report.html)
        assert headings[:6] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_no_page_loads_anything_from_another_host(example_site):
    for file in example_site.rglob("*.html"):
        html = Page(file)
        loads = html.attrs("script", "src") + html.attrs("img", "src") + \
            [a["href"] for t, a in html.tags if t == "link" and a.get("rel") != "canonical" and "href" in a]
        external = [url for url in loads if re.match(r"^(https?:)?//", url)]
        assert external == [], (file, external)
        assert "fonts.googleapis" not in html.html and "fonts.gstatic" not in html.html


def test_materials_own_search_is_not_published(example_site):
    """Every page runs the disclosure search worker: Material's worker and lunr's language files would be 36 files
    nobody loads, copied into every site (and checked by every merge)."""
    scripts = {path.relative_to(example_site).as_posix() for path in (example_site / "assets" / "javascripts").rglob("*")}
    assert not [path for path in scripts if "/lunr/" in path or "/workers/" in path]
    assert "assets/javascripts/disclosure/search-worker.js" in scripts


def test_footer_identifies_the_site_from_the_catalogue(example_site):
    footer = page(example_site, "guide/guide").section("dc-footer", "</div>")
    for text in ("主办单位：示例市应急管理局", "网站标识码：3799000001", "示ICP备00000001号-1", "示公网安备 37990002000001号",
                 "0000-12345678", "recordcode=37990002000001", "https://beian.miit.gov.cn/"):
        assert text in footer, text


def test_pages_are_in_chinese(example_site):
    assert '<html lang="zh"' in (example_site / "index.html").read_text(encoding="utf-8")


def test_reports_are_listed_by_the_year_they_cover(example_site):
    listing = page(example_site, "reports")
    years = re.findall(r'<h2 id="y(\d{4})"', listing.html)
    assert years == ["2025", "2024"]
    section_2025 = listing.section('id="y2025"', "</table>")
    assert "2025年政府信息公开工作年度报告" in section_2025 and "2024年" not in section_2025


def test_report_table_generated_from_the_catalogue(example_site, records):
    report = page(example_site, "reports/2025")
    assert "disclosure:主动公开情况表" not in report.html
    table = report.section('class="dc-report-table"', "</table>")
    normative = [r for r in records if r["type"] == "policy"]
    made_2025 = sum(1 for r in normative if (r["issued"] or r["published"]).startswith("2025"))
    assert re.search(rf"行政规范性文件</th><td>{made_2025}</td><td>0</td><td>5</td>", table)


def test_reading_in_parallel_gives_the_same_site(monkeypatch):
    """Large sites read front matter in worker processes; the result must not differ."""
    import disclosure.content.site as site_module
    from disclosure.rules.check import load_site
    from .sitekit import REPO
    today = __import__("datetime").date(2026, 11, 22)
    sequential = load_site(REPO, today=today)
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site_module, "READ_BATCH", 7)
    read_in_parallel, used = site_module._read_in_parallel, []
    monkeypatch.setattr(site_module, "_read_in_parallel", lambda *a: used.append(read_in_parallel(*a)) or used[-1])
    parallel = load_site(REPO, today=today)
    assert used and used[0] is not None, "the worker processes did not run"
    assert [d.path for d in parallel.documents] == [d.path for d in sequential.documents]
    assert parallel.diagnostics == sequential.diagnostics
    categories = {id(c) for c in parallel.catalogue.categories()}
    assert all(id(d.category) in categories for d in parallel.documents if d.category)
    assert [d.body for d in parallel.documents] == [d.body for d in sequential.documents]


def test_reading_in_parallel_without_a_cache_starts_its_workers_as_the_cache_does(monkeypatch):
    """`check --no-cache` (and the build) start their workers by `child_context`, forked where no other thread runs:
    new interpreters imported the whole package again, a third of a second of each worker before its first file."""
    import disclosure.content.site as site_module
    from disclosure.process.children import child_context
    from disclosure.rules.check import load_site
    from .sitekit import REPO
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site_module, "READ_BATCH", 7)
    contexts = []
    monkeypatch.setattr(site_module, "child_context", lambda: contexts.append(child_context()) or contexts[-1])
    site = load_site(REPO, today=__import__("datetime").date(2026, 11, 22))
    assert contexts and site.documents, "the workers were not started by child_context"
