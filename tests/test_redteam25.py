"""Round twenty-five of the adversarial review (issue 24): the artefacts other than the HTML pages — the search
index, the catalogue exports, the feeds, sitemap.xml, the 404 page, the annual report's tables, `disclosure report`
— and what a compromised department CI job can carry through `disclosure merge`. Each test goes through the real
command and failed on main before its fix.

A compromised department CI job (content/merge_facts.py `merge_facts`) —
- fixed: a withheld document's front matter that no public page shows (its 摘要 summary, 主题 topics, 发布机构,
  an attachment's title, 文号) written into a unit's page, search rows, catalogue export or feed: the merge knew a
  withheld document's body paragraphs and attachments only, so the summary of a 不予公开 document — often the very
  decision it withholds — merged with exit 0. Its front matter's texts are now withheld text too (E700), apart from
  what the listing's row of 不主动公开的信息 prints (title, 索引号, 公开属性, reason).
- fixed (platform/merge.py `_catalogue_link_problem`): a record's 链接 in a unit's catalogue.json or catalogue.csv
  leading to another host, a javascript: address, the government's or another unit's page: joined into the
  platform's catalogue.json and catalogue.csv with exit 0 (the hand-over's own addresses, feed, sitemap, latest,
  were checked; the records of unit.json are not kept, the exports are joined instead). Now E700.
- fixed (rules/rendered.py `_unwritten_feed_markup`): a unit's feed.xml with an <icon> or <logo> from another host,
  a <content type="html"> or <summary type="html"> whose escaped <img> a feed reader loads, a rel="enclosure" link
  (podcast clients download it): merged with exit 0. A feed or sitemap is now read start tag by start tag (well-
  formed or not) against what the build's templates write (elements, attributes, link relations): E700.
- held: a unit's catalogue.csv with another header, a catalogue.json whose count is wrong (E701, site/ kept; the
  lines name every unit's export, not only the one changed); a search row or passage whose text is on no page of
  the unit (E700).

The editor, held: a withheld document's 摘要, 文号, 主题, 发布机构, attachment title reach no file of the built site
(its listing row only); a public document interpreting, replaced by or replacing a withheld one (E200 names the
withheld title, which the listing prints anyway); a mobile split by table cells, paragraphs, <br>, list items, a
heading is never joined in the search rows, passages or term shards; a mobile in a summary or topic joined by
U+00AD, U+200B, U+2060, U+FEFF, U+180E, U+034F, U+115F, U+3164, U+17B4, U+2064, a tag character, a variation
selector, U+061C or U+200E (E400); content/404.md without front matter (E100), content/robots.txt,
catalogue.json, search/manifest.json (E111, the generated files' addresses), sitemap.xml, feed.xml (E111, not an
attachment type). `disclosure report` keeps no withheld document's file name and masks numbers (an allowance's
value).
"""

from __future__ import annotations

import pytest

from .batchkit import MergedCases, merged_once
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)
from .test_platform_core import write
from .test_redteam6 import _seal

WITHHELD_SUMMARY = "经测算二〇二五年秋季学期起城区公办学校住宿费每生每学期上调一百二十元"
WITHHELD_ATTACHMENT_TITLE = "各校住宿费上调测算明细表及家长反映问题汇总"


def _withheld_with_front_matter(root) -> None:
    """A 不予公开 document of the 教育局 whose body says nothing; its summary and attachment title say it all."""
    write(root, "jyj/fees/secret.md",
          "title: 内部收费测算\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          f"disclosure: 不予公开\nreason: 内部事务信息\nsummary: {WITHHELD_SUMMARY}\n"
          f"attachments:\n- file: files/a.pdf\n  title: {WITHHELD_ATTACHMENT_TITLE}\n")
    (root / "content/jyj/fees/files").mkdir(exist_ok=True)
    (root / "content/jyj/fees/files/a.pdf").write_bytes(b"%PDF-1.4 internal estimate")


UNIT_OUTPUTS = ["jyj/fees/fees/index.html", "jyj/catalogue.json", "_unit/jyj/unit.json"]


def _front_matter_in_every_output(text: str):
    """The withheld document, and `text` written into each of the unit's outputs (each a file of its own), sealed."""
    def change(root) -> None:
        _withheld_with_front_matter(root)
        marker = "收费标准"
        for path in UNIT_OUTPUTS:
            target = root / "build/units/jyj" / path
            page = target.read_text(encoding="utf-8")
            assert marker in page
            target.write_text(page.replace(marker, marker + "：" + text, 1), encoding="utf-8")
        _seal(root)
    return change


@pytest.fixture(scope="module")
def front_matter_in_outputs(merged_platform, tmp_path_factory) -> dict[str, MergedCases]:
    """One merge for each withheld text, written into all three outputs (a file each: its line says which)."""
    return {text: merged_once(merged_platform, tmp_path_factory.mktemp("front-matter-in-outputs"),
                              _front_matter_in_every_output(text)) for text in (WITHHELD_SUMMARY, WITHHELD_ATTACHMENT_TITLE)}


@pytest.mark.parametrize("text", [WITHHELD_SUMMARY, WITHHELD_ATTACHMENT_TITLE], ids=["summary", "attachment-title"])
@pytest.mark.parametrize("path", UNIT_OUTPUTS, ids=["page", "catalogue", "hand-over"])
def test_a_withheld_documents_front_matter_in_a_units_output_is_refused(front_matter_in_outputs, path, text):
    front_matter_in_outputs[text].refused(f"build/units/jyj/{path}:1: E700 ", "content/jyj/fees/secret.md")


def test_what_the_list_of_withheld_documents_prints_still_merges(platform):
    """The row of 不主动公开的信息 (title, 索引号, 公开属性, reason) is public: a page printing it is no copy."""
    _withheld_with_front_matter(platform)
    target = platform / "build/units/jyj/jyj/fees/fees/index.html"
    page = target.read_text(encoding="utf-8")
    target.write_text(page.replace("收费标准", "收费标准：内部收费测算 JYJ/2025-00009 不予公开 内部事务信息", 1), encoding="utf-8")
    _seal(platform)
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


# A catalogue record's 链接 in a unit's export (jyj/catalogue.json, jyj/catalogue.csv), joined into the platform's
# catalogue.json and catalogue.csv that portals gather: another host, a script address, another unit's page.
FOREIGN_RECORD_URLS = ["https://evil.example/x/", "javascript:alert(1)", "policies/normative/p1/", "nanqu/guide/guide/"]


CATALOGUE_EXPORTS = ["catalogue.json", "catalogue.csv"]


def _record_leading_to(url: str):
    """Both exports' first record linked to `url` (each export a file of its own), sealed."""
    def change(root) -> None:
        import json
        own = json.loads((root / "build/units/jyj/jyj/catalogue.json").read_text(encoding="utf-8"))["documents"][0]["url"]
        for name in CATALOGUE_EXPORTS:
            export = root / "build/units/jyj/jyj" / name
            data = export.read_bytes()   # as bytes: the export's own line ends and BOM kept, so only the link differs
            assert own.encode() in data
            export.write_bytes(data.replace(own.encode(), url.encode(), 1))
        _seal(root)
    return change


@pytest.fixture(scope="module")
def records_leading_out(merged_platform, tmp_path_factory) -> dict[str, MergedCases]:
    """One merge for each address, written into both exports (a file each: its line says which)."""
    return {url: merged_once(merged_platform, tmp_path_factory.mktemp("records-leading-out"), _record_leading_to(url))
            for url in FOREIGN_RECORD_URLS}


@pytest.mark.parametrize("url", FOREIGN_RECORD_URLS)
@pytest.mark.parametrize("name", CATALOGUE_EXPORTS)
def test_a_catalogue_record_leading_out_of_the_unit_is_refused(records_leading_out, name, url):
    records_leading_out[url].refused(f"build/units/jyj/jyj/{name}:1: E700 ", "不是本单位的页面")


# A unit's feed.xml with what a feed reader loads from another host or renders as a page: the build's feeds are
# its template's (overrides/disclosure/feed.xml): text summaries, links to the site's pages, nothing else.
FEED_ADDITIONS = {
    "icon": "<icon>https://evil.example/i.png</icon>",
    "logo": "<logo>https://evil.example/i.png</logo>",
    "html-content": '<entry><title>x</title><id>tag:x</id><updated>2025-01-01T00:00:00Z</updated>'
                    '<content type="html">&lt;img src="https://evil.example/p.png"&gt;</content></entry>',
    "html-summary": '<entry><title>x</title><id>tag:x</id><updated>2025-01-01T00:00:00Z</updated>'
                    '<summary type="html">&lt;img src="https://evil.example/p.png"&gt;</summary></entry>',
    "enclosure": '<entry><title>x</title><id>tag:x</id><updated>2025-01-01T00:00:00Z</updated>'
                 '<link rel="enclosure" href="https://evil.example/a.mp3"/></entry>',
}


# The unit's feeds (its own and its columns'): one merge takes as many cases as there are feeds, each case in a feed
# of its own, so that a feed's line says which case it was.
UNIT_FEEDS = ["jyj/feed.xml", "jyj/guide/feed.xml", "jyj/fees/feed.xml"]
FEED_OF_CASE = {name: (number // len(UNIT_FEEDS), UNIT_FEEDS[number % len(UNIT_FEEDS)])
                for number, name in enumerate(sorted(FEED_ADDITIONS))}


def _feeds_with(cases: list[str]):
    def change(root) -> None:
        for name in cases:
            feed = root / "build/units/jyj" / FEED_OF_CASE[name][1]
            text = feed.read_text(encoding="utf-8")
            at = text.index("<entry")
            feed.write_text(text[:at] + FEED_ADDITIONS[name] + text[at:], encoding="utf-8")
        _seal(root)
    return change


@pytest.fixture(scope="module")
def feeds_loading_out(merged_platform, tmp_path_factory) -> dict[int, MergedCases]:
    """One merge for each round of cases, a case in each of the unit's feeds."""
    rounds = sorted({merge for merge, _ in FEED_OF_CASE.values()})
    return {merge: merged_once(merged_platform, tmp_path_factory.mktemp("feeds"),
                               _feeds_with([name for name, (own, _) in FEED_OF_CASE.items() if own == merge]))
            for merge in rounds}


@pytest.mark.parametrize("name", sorted(FEED_ADDITIONS))
def test_a_units_feed_loading_from_another_host_is_refused(feeds_loading_out, name):
    merge, feed = FEED_OF_CASE[name]
    feeds_loading_out[merge].refused(f"build/units/jyj/{feed}:1: E700 ", "订阅")


def test_a_units_feed_with_an_unquoted_type_is_refused(platform):
    """Not well-formed, yet a lenient reader takes it: the markup is read start tag by start tag all the same."""
    feed = platform / "build/units/jyj/jyj/feed.xml"
    text = feed.read_text(encoding="utf-8")
    feed.write_text(text.replace("<summary>", "<summary type=html>", 1), encoding="utf-8")
    _seal(platform)
    refused(platform, "build/units/jyj/jyj/feed.xml:1: E700 ", "type 属性")
