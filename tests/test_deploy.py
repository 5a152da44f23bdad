"""deploy/: the nginx configuration serves the built site under /zwgk/; IIS's is consistent."""

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from .nginxkit import DEPLOY, nginx_serving
from .sitekit import REPO


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def fetch(url, gzip=False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def nginx_url(example_site, tmp_path_factory):
    with nginx_serving(example_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def test_every_file_of_the_site_is_served(example_site, nginx_url):
    missing = []
    for path in sorted(p for p in example_site.rglob("*") if p.is_file()):
        relative = path.relative_to(example_site).as_posix()
        status, _, _ = fetch(nginx_url + relative)
        if status != 200:
            missing.append((relative, status))
    assert missing == []


def test_every_link_and_asset_of_every_page_resolves(example_site, nginx_url):
    """Crawl from the home page through every internal href and src: no 404 anywhere."""
    seen, queue, broken = set(), [nginx_url], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200:
            broken.append((url, status))
            continue
        if headers.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.found:
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).netloc == urlsplit(nginx_url).netloc:
                    queue.append(target)
    assert broken == []
    pages = {nginx_url + p.parent.relative_to(example_site).as_posix().removeprefix(".") + "/"
             for p in example_site.rglob("index.html")}
    pages = {page.replace("zwgk//", "zwgk/") for page in pages}
    assert pages - seen == set(), "pages no link leads to"


def test_a_missing_page_gets_the_sites_404_page_with_working_assets(nginx_url):
    status, _, body = fetch(nginx_url + "no/such/page/")
    assert status == 404
    page = body.decode("utf-8")
    assert "404" in page
    stylesheet = re.search(r'href="([^"]+main\.[0-9a-f]+\.min\.css)"', page).group(1)
    assert fetch(urljoin(nginx_url + "no/such/page/", stylesheet))[0] == 200


def test_text_is_gzipped_and_headers_are_set(nginx_url):
    status, headers, _ = fetch(nginx_url + "search/manifest.json", gzip=True)
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    _, headers, _ = fetch(nginx_url)
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-cache"
    bundle = re.search(r'src="([^"]+bundle\.[0-9a-f]+\.min\.js)"', fetch(nginx_url)[2].decode()).group(1)
    assert "immutable" in fetch(urljoin(nginx_url, bundle))[1]["Cache-Control"]


def test_iis_configuration_is_valid_and_sends_the_same_policy():
    config = ElementTree.parse(REPO / "deploy" / "iis" / "web.config").getroot()
    headers = {h.get("name"): h.get("value") for h in config.iter("add") if h.get("name")}
    nginx = (DEPLOY / "zwgk-location.conf").read_text(encoding="utf-8")
    nginx_csp = re.search(r'Content-Security-Policy "([^"]+)"', nginx).group(1)
    assert headers["Content-Security-Policy"] == nginx_csp
    assert {m.get("fileExtension") for m in config.iter("mimeMap")} >= {".json", ".xml", ".csv"}


@pytest.mark.browser
def test_the_site_passes_its_content_security_policy_in_chromium(browser, nginx_url):
    """Pages, search worker and index load under the policy nginx sends: no violation reported."""
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy violation: ' + e.violatedDirective))")
    for path in ("", "policies/normative/2024-reward/", "reports/2025/"):
        page.goto(nginx_url + path)
        page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    page.fill(".md-search__input", "举报奖励")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    context.close()
    assert violations == []
