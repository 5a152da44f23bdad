"""A second, quite different agency adopts the project: its own type keys, a three-level
catalogue with a Chinese folder, a credit-code 索引号 with year and month, another sub-path,
no search dictionary. It must check clean, build --strict, and show nothing of the example agency.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .agency2kit import EXAMPLE_STRINGS, PREFIX, SUB_PATH, copy_agency2
from .browserkit import serve, type_query, wait_for_result
from .search_reader import Filters, SearchIndexReader
from .sitekit import build, check

PUBLIC_DOCUMENTS = 24  # 25 files, one of them 依申请公开
WITHHELD_TITLE = "县政府第十二次常务会议纪要"
WITHHELD_BODY = "此段为内部会议记录"


@pytest.fixture(scope="module")
def agency2(tmp_path_factory) -> Path:
    return copy_agency2(tmp_path_factory.mktemp("agency2"))


@pytest.fixture(scope="module")
def built(agency2) -> Path:
    run = build(agency2, strict=True)
    assert run.returncode == 0, run.output
    assert "WARNING  -" not in run.output and "ERROR" not in run.output, run.output
    return agency2 / "site"


@pytest.fixture(scope="module")
def served(built):
    with serve(built, SUB_PATH) as url:
        yield url


def test_the_check_passes_with_no_error_and_no_warning(agency2):
    run = check(agency2)
    assert run.returncode == 0, run.output
    assert run.coded_lines() == [], run.output
    assert "25 个文件：0 个错误，0 个警告" in run.output, run.output


def test_strict_build_has_no_warning(built):
    assert (built / "index.html").is_file() and (built / "404.html").is_file()


def test_nothing_of_the_example_agency_and_no_raw_template_goes_out(built):
    found = []
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            name = str(path.relative_to(built))
            # Theme scripts may hold braces; the site's own outputs must not hold Jinja tags.
            markers = EXAMPLE_STRINGS + (("zwgk",) if name.startswith("assets/") else ("zwgk", "{%", "{{"))
            found += [(name, s) for s in markers if s in text]
    assert found == []
    assert not (built / "disclosure").exists()  # theme templates are rendered, never copied as they are


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def _crawl(start: str) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Every page and file under the site's sub-path reachable from `start`, and the broken links."""
    seen, broken, queue = set(), [], [start]
    root = urlsplit(start)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append((url, "", error.code))
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link).split("#")[0]
            parts = urlsplit(target)
            if parts.netloc == root.netloc and parts.path.startswith(root.path) and target not in seen:
                queue.append(target)
    return seen, broken


def test_every_page_of_every_category_is_reachable_from_home_with_no_404(built, served):
    seen, broken = _crawl(served)
    assert broken == []
    reached = {unquote(urlsplit(url).path)[len(SUB_PATH):] for url in seen}
    records = json.loads((built / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert len(records) == PUBLIC_DOCUMENTS
    pages = {unquote(record["url"]) for record in records}
    categories = {"zn/", "zcwj/", "zcwj/gfxwj/", "zcwj/zcjd/", "zcwj/qtwj/", "zcwj/qtwj/tzgg/",
                  "zcwj/qtwj/人事信息/", "czzj/", "ndbg/"}
    assert pages | categories <= reached, sorted((pages | categories) - reached)
    assert {"zcwj/qtwj/tzgg/files/2025-xunqi-paiban.xlsx", "zcwj/qtwj/tzgg/files/2025-xuke-list.pdf"} <= reached


def test_every_page_is_reachable_through_the_shipped_nginx_moved_to_this_sub_path(built, tmp_path):
    from .nginxkit import nginx_serving
    with nginx_serving(built, tmp_path, SUB_PATH) as url:
        seen, broken = _crawl(url)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "zcwj/no-such-page/")
    assert broken == []
    assert "/xxgk/zcwj/qtwj/%E4%BA%BA%E4%BA%8B%E4%BF%A1%E6%81%AF/2026-gongshi/" in {urlsplit(u).path for u in seen}
    assert missing.value.code == 404 and "青岚县" in missing.value.read().decode("utf-8")


def _page(built: Path, url: str) -> str:
    return (built / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("policy", ["zcwj/gfxwj/2024-tandian", "zcwj/gfxwj/2024-gongshui"])
def test_one_interpretation_of_two_policies_is_linked_both_ways(built, policy):
    assert "../../zcjd/2024-two/" in _page(built, policy)
    assert f"../../gfxwj/{policy.rsplit('/', 1)[1]}/" in _page(built, "zcwj/zcjd/2024-two")


def test_a_superseded_chain_links_each_step(built):
    assert "../2022-gaoling/" in _page(built, "zcwj/gfxwj/2019-gaoling")
    assert "../2025-gaoling/" in _page(built, "zcwj/gfxwj/2022-gaoling")


def test_the_withheld_notice_shows_only_its_title_and_reason(built):
    listing = _page(built, "zcwj/qtwj/tzgg")
    assert WITHHELD_TITLE in listing and "属于内部事务信息（条例第十六条第一款）" in listing
    everywhere = [p for p in built.rglob("*") if p.is_file() and WITHHELD_BODY.encode() in p.read_bytes()]
    assert everywhere == []
    assert not (built / "zcwj/qtwj/tzgg/2026-jiyao").exists()


@pytest.mark.parametrize("query, expected", [
    ("青政办规〔2024〕5号", "zcwj/gfxwj/2024-gongshui/"),
    ("〔2026〕2号", "zcwj/gfxwj/2026-dianti/"),
    ("青政办明电〔2026〕9号", "zcwj/qtwj/tzgg/2026-guoqing/"),
    (PREFIX + "202503-00004", "zcwj/gfxwj/2025-gaoling/"),
    ("202609-00018", "zcwj/gfxwj/2026-dianti/"),
    ("加装电梯", "zcwj/gfxwj/2026-dianti/"),
])
def test_search_finds_a_document_by_this_agencys_numbers(built, query, expected):
    urls = [hit.url for hit in SearchIndexReader(built / "search").search(query)]
    assert urls[:1] == [expected], urls[:5]


def test_search_narrowed_to_a_category_without_types_covers_its_sub_categories(built):
    reader = SearchIndexReader(built / "search")
    urls = lambda category: [unquote(hit.url) for hit in reader.search("公示", Filters(category=category))]  # noqa: E731
    assert "zcwj/qtwj/人事信息/2026-gongshi/" in urls("qtwj")
    assert "zcwj/qtwj/人事信息/2026-gongshi/" in urls("zcwj")
    assert urls("gfxwj") == []


def test_the_exports_hold_every_public_record(built):
    records = json.loads((built / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    by_index = {record["index_no"]: record for record in records}
    assert all(re.fullmatch(r"11330999MB0A12345K/\d{6}-\d{5}", number) for number in by_index)
    note = by_index[PREFIX + "202410-00028"]
    assert sorted(note["interprets"]) == [PREFIX + "202410-00026", PREFIX + "202410-00027"]
    assert by_index[PREFIX + "201905-00003"]["superseded_by"] == PREFIX + "202206-00011"
    assert PREFIX + "202604-00008" not in by_index
    rows = list(csv.DictReader(io.StringIO((built / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    assert {row["索引号"] for row in rows} == set(by_index)


def test_every_feed_is_well_formed_atom_with_this_agencys_addresses(built):
    feeds = sorted(built.rglob("feed.xml"))
    assert len(feeds) >= 9
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed", feed
        base = root.get("{http://www.w3.org/XML/1998/namespace}base")
        assert base == "https://www.example.gov.cn/xxgk/", feed
        for entry_id in root.iter("{http://www.w3.org/2005/Atom}id"):
            assert entry_id.text.startswith(base), (feed, entry_id.text)
        for link in root.iter("{http://www.w3.org/2005/Atom}link"):
            target = urlsplit(urljoin(base, link.get("href"))).path[len(SUB_PATH):]
            assert (built / unquote(target)).exists() or (built / unquote(target) / "index.html").is_file(), target


def test_a_reader_goes_home_to_a_deep_category_to_a_document_and_searches(built, served, page):
    page.goto(served)
    page.get_by_role("link", name="通知公告").first.click()
    assert unquote(urlsplit(page.url).path) == SUB_PATH + "zcwj/qtwj/tzgg/"
    page.get_by_role("link", name="关于做好2025年汛期值班工作的通知").first.click()
    assert page.locator("h1").inner_text().strip() == "关于做好2025年汛期值班工作的通知"
    assert page.locator("text=青政办发〔2025〕12号").count() >= 1
    page.click(".md-search__input")
    type_query(page, "青政办规〔2025〕1号")
    shown = wait_for_result(page, "zcwj/gfxwj/2025-gaoling/", first=True)
    assert shown[0].endswith("zcwj/gfxwj/2025-gaoling/")


def _disclosure(root: Path, *args: str):
    import sys
    from .sitekit import _run
    return _run([sys.executable, "-m", "disclosure.cli.main", *args], root)


def test_new_documents_of_this_agencys_types_pass_the_check_and_build(tmp_path):
    """`disclosure new` with the agency's own type keys, a Chinese folder and a YYYYMM 索引号."""
    root = copy_agency2(tmp_path / "repo")
    made = [_disclosure(root, "new", "gfxwj", "--title", "青岚县农村宅基地审批管理办法", "--with-interpretation"),
            _disclosure(root, "new", "rsxx", "--title", "青岚县2026年第二批事业单位公开招聘公告"),
            _disclosure(root, "new", "tzgg", "--title", "关于做好2027年元旦期间值班工作的通知")]
    assert all(run.returncode == 0 for run in made), [run.output for run in made]
    # Today is 2026-11-22; the agency's highest 2026 number is 00023.
    made = [root / "content" / name for name in ("zcwj/gfxwj/202611-00024.md", "zcwj/zcjd/202611-00025.md",
                                                 "zcwj/qtwj/人事信息/202611-00026.md", "zcwj/qtwj/tzgg/202611-00027.md")]
    policy = made[0].read_text(encoding="utf-8")
    assert f"index_no: {PREFIX}202611-00024" in policy and "最近一个是 青政办规〔2026〕2号" in policy
    note = made[1].read_text(encoding="utf-8")
    assert f"interprets: {PREFIX}202611-00024" in note and "## 一、起草背景" in note
    # What the tool cannot know stays a placeholder (E108) until the editor writes it in.
    lines = check(root).coded_lines()
    assert lines and all(" E108 " in line for line in lines), lines
    for path in made:
        text = re.sub(r"doc_no: 【请填写：[^】]*】", "doc_no: 青政办规〔2026〕3号", path.read_text(encoding="utf-8"))
        text = re.sub(r"issued: 【请填写：[^】]*】", "issued: 2026-11-20", text)   # the 成文日期 is the document's, never today
        path.write_text(re.sub(r"【请填写：[^】]*】", "县政府办公室按公文填写的内容。", text), encoding="utf-8")
    run = check(root)
    assert run.returncode == 0 and run.coded_lines() == [], run.output
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    assert "../../zcjd/202611-00025/" in _page(root / "site", "zcwj/gfxwj/202611-00024")


@pytest.mark.parametrize("existing, pattern, expected", [
    # Real shapes (CONTENT-SPEC, domain notes): the year starts a run of digits and may carry the month.
    (PREFIX + "201905-00003", r"^11330999MB0A12345K/\d{6}-\d{5}$", PREFIX + "202611-00001"),
    (PREFIX + "202603-00009", r"^11330999MB0A12345K/\d{6}-\d{5}$", PREFIX + "202611-00010"),
    ("000014349/2017-00110", r"^000014349/\d{4}-\d{5}$", "000014349/2026-00001"),
    ("11441700007280420Y/2026-00050", None, "11441700007280420Y/2026-00051"),
    ("01527918X-2020-153077", None, "01527918X-2026-000001"),
    ("11A0000-0101-2026-0001", r"^11A0000-0101-\d{4}-\d{4}$", "11A0000-0101-2026-0002"),
    ("110105-2026-000123", r"^110105-\d{4}-\d{6}$", "110105-2026-000124"),
])
def test_new_continues_the_agencys_own_index_number_shape(tmp_path, existing, pattern, expected):
    from .sitekit import MINI_CATALOGUE, front_matter, write_site
    catalogue = {**MINI_CATALOGUE, "agency": {"name": "测试县人民政府办公室", **({"index_pattern": pattern} if pattern else {})}}
    notice = front_matter(title="通知", type="notice", index_no=existing, published="2026-03-02")
    root = write_site(tmp_path, {"notices/a.md": notice}, catalogue=catalogue)
    run = _disclosure(root, "new", "notice", "--title", "关于某事的通知")
    assert run.returncode == 0, run.output
    assert f"索引号 {expected}）" in run.stdout, run.stdout


def test_new_makes_the_first_year_and_month_number_from_the_pattern(tmp_path):
    from .sitekit import MINI_CATALOGUE, write_site
    catalogue = {**MINI_CATALOGUE, "agency": {"name": "测试县人民政府办公室",
                                              "index_pattern": r"^11330999MB0A12345K/\d{6}-\d{5}$"}}
    root = write_site(tmp_path, {}, catalogue=catalogue)
    run = _disclosure(root, "new", "notice", "--title", "关于某事的通知")
    assert run.returncode == 0, run.output
    assert f"索引号 {PREFIX}202611-00001）" in run.stdout, run.stdout


def test_the_office_report_reads_this_agencys_types(tmp_path):
    root = copy_agency2(tmp_path / "repo")
    run = _disclosure(root, "report", "--output", str(tmp_path / "report"))
    assert run.returncode == 0, run.output
    report = json.loads((tmp_path / "report/office-report.json").read_text(encoding="utf-8"))
    scope = report["scopes"][0]
    assert report["agency"] == "青岚县人民政府办公室"
    assert scope["figures"]["interpretation_rate"]["value"] == 100.0
    assert [(row["year"], row["status"], row["due"]) for row in scope["annual_reports"]] == [
        (2022, "按时发布", "2023-03-31"), (2023, "按时发布", "2024-03-31"),
        (2024, "按时发布", "2025-03-31"), (2025, "按时发布", "2026-03-31")]
    # The type is named 年度报告: "2025 年年度报告", never "2025 年度年度报告".
    assert scope["annual_reports"][-1]["document"]["title"] == "2025 年年度报告"
    in_force = {doc["index_no"] for group in scope["normative"]["by_validity"] for doc in group["docs"]}
    assert PREFIX + "202609-00018" in in_force
    columns = {column["id"]: column for column in scope["columns"]}
    assert set(columns) >= {"zn", "gfxwj", "zcjd", "tzgg", "rsxx", "czzj", "ndbg"}
    assert columns["zn"]["listing"]["note"].endswith("（不考核）")
    html = (tmp_path / "report/office-report.html").read_text(encoding="utf-8")
    assert not [s for s in EXAMPLE_STRINGS if s in html]


def test_the_annual_reports_generated_table_counts_this_agencys_normative_type(built):
    """gfxwj carries 有效性: 2025 issued one (2025-gaoling), replaced one (2022-gaoling), three in force."""
    page = _page(built, "ndbg/2025")
    table = page[page.index("第二十条第（一）项"):]
    table = table[:table.index("</table>")]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>.*?</t[dh]>", table, re.S)]
    row = cells.index("行政规范性文件")
    assert cells[row:row + 4] == ["行政规范性文件", "1", "1", "3"]


def test_a_site_absolute_link_is_answered_with_this_agencys_own_relative_path(tmp_path):
    """Not with the example agency's ../guide/guide.md: the fix names the file the editor meant."""
    root = copy_agency2(tmp_path / "repo")
    note = root / "content/zcwj/zcjd/2024-two.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n见[摊点规定](/xxgk/zcwj/gfxwj/2024-tandian/)、"
                    "[供水办法](/zcwj/gfxwj/2024-gongshui.md)、[人事](/zcwj/qtwj/人事信息/)和[旧页](/old/page.html)。\n",
                    encoding="utf-8")
    lines = check(root).coded_lines()
    assert len(lines) == 4, lines
    assert all(line.startswith("content/zcwj/zcjd/2024-two.md:") and " E500 " in line for line in lines), lines
    fixes = {re.search(r"链接“(.*?)”", line).group(1): line.rsplit("；", 1)[1] for line in lines}
    assert fixes == {"/xxgk/zcwj/gfxwj/2024-tandian/": "请改为相对路径 ../gfxwj/2024-tandian.md",
                     "/zcwj/gfxwj/2024-gongshui.md": "请改为相对路径 ../gfxwj/2024-gongshui.md",
                     "/zcwj/qtwj/人事信息/": "请改为相对路径 ../qtwj/人事信息/index.md",
                     "/old/page.html": "请改用从本文件所在目录算起的相对路径，指向 .md 文件"}
    assert not [line for line in lines if "guide" in line or "zwgk" in line]


@pytest.mark.parametrize("wrong", ["11330999MB0A12345K/2026-00023", "11330999MB0A12345K/20261-00023", "202610-00023"])
def test_e104_offers_the_next_number_in_the_agencys_year_and_month_shape(tmp_path, wrong):
    """Published 2026-10-12; the other 2026 numbers go up to 00020: the free one is …/202610-00021."""
    root = copy_agency2(tmp_path / "repo")
    notice = root / "content/zcwj/qtwj/tzgg/2026-yingshang.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace(PREFIX + "202610-00023", wrong), encoding="utf-8")
    lines = check(root).coded_lines()
    assert len(lines) == 1 and lines[0].startswith("content/zcwj/qtwj/tzgg/2026-yingshang.md:4: E104 "), lines
    assert f"正确的写法如 {PREFIX}202609-00020" in lines[0], lines
    assert f"2026 年下一个可用的索引号是 {PREFIX}202610-00021" in lines[0], lines
    assert "\\d" not in lines[0]


def test_a_field_the_type_does_not_require_is_shown_when_the_document_has_it(built):
    """tzgg requires only 成文日期; a 通知 that carries its 发文字号 shows it. rsxx has neither: no 无 rows."""
    meta = lambda url: re.search(r'<table class="dc-meta">.*?</table>', _page(built, url), re.S).group(0)  # noqa: E731
    assert "发文字号" in meta("zcwj/qtwj/tzgg/2025-xunqi") and "青政办发〔2025〕12号" in meta("zcwj/qtwj/tzgg/2025-xunqi")
    assert "发文字号" not in meta("zcwj/qtwj/人事信息/2026-gongshi")
    assert "成文日期" not in meta("zcwj/qtwj/人事信息/2026-gongshi")
