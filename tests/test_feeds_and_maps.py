"""sitemap.xml, Atom feeds and robots.txt of the example site."""

import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin, urlsplit

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://www.example.gov.cn/zwgk/"


def _page_exists(site, url):
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    return (site / path / "index.html").is_file()


@pytest.fixture(scope="module")
def catalogue(example_site):
    import json
    return json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))["documents"]


def test_sitemap_lists_public_pages_with_their_dates(example_site, catalogue):
    urls = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text
            for u in ElementTree.parse(example_site / "sitemap.xml").getroot()}
    assert all(_page_exists(example_site, url) for url in urls)
    for record in catalogue:
        assert urls[SITE_URL + record["url"]] == record["published"], record["url"]
    assert not any("internal-meeting" in url or "accident-report" in url for url in urls)


def test_the_section_feed_has_the_newest_documents_first(example_site, catalogue):
    feed = ElementTree.parse(example_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    base = feed.get("{http://www.w3.org/XML/1998/namespace}base")
    for entry in entries:
        assert _page_exists(example_site, urljoin(base, entry.find(f"{ATOM}link").get("href")))
    assert entries[0].find(f"{ATOM}title").text == max(catalogue, key=lambda r: r["published"])["title"]


def test_every_category_has_its_own_feed(example_site, catalogue):
    for category in {record["category"] for record in catalogue}:
        path = next(r["url"] for r in catalogue if r["category"] == category).rsplit("/", 2)[0]
        feed = ElementTree.parse(example_site / path / "feed.xml").getroot()
        links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
        assert links and all(link.startswith(path + "/") for link in links), path


def test_pages_announce_the_feed_and_robots_names_the_sitemap(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home
    robots = (example_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots
