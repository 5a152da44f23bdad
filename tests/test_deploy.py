"""deploy/: the nginx configuration serves the built site under /zwgk/; IIS's is consistent."""

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
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


# Every kind of page the site has: home, listing, policy, interpretation, annual report, 404.
PAGE_KINDS = ("", "policies/normative/", "policies/normative/2024-reward/", "interpretations/2024-reward/",
              "reports/2025/", "no/such/page/")
_REPORT_VIOLATIONS = ("window.dcViolations = []; document.addEventListener('securitypolicyviolation', e => {"
                      "dcViolations.push(e.violatedDirective);"
                      "console.error('Content Security Policy violation: ' + e.violatedDirective)})")
# Material's inline scripts (now files) and its bundle both ran: the page works, not just loads.
_THEME_RAN = "typeof __md_scope === 'object' && typeof __md_get === 'function' && typeof document$ === 'object'"


def _watched_page(browser):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.add_init_script(_REPORT_VIOLATIONS)
    return context, page, violations


def test_the_policy_allows_no_inline_script():
    nginx = (DEPLOY / "zwgk-location.conf").read_text(encoding="utf-8")
    policy = dict(part.strip().split(" ", 1) for part in
                  re.search(r'Content-Security-Policy "([^"]+)"', nginx).group(1).split(";"))
    assert policy["script-src"] == "'self'"
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["default-src"]


def test_no_page_has_an_inline_script_or_handler(example_site):
    """What the policy would block, found without a browser: every page of the example site."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|\son[a-z]+=|javascript:", re.I)
    found = {str(path.relative_to(example_site)): inline.findall(path.read_text(encoding="utf-8"))
             for path in example_site.rglob("*.html")}
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_material_scripts_moved_to_files_are_materials_own():
    """overrides/partials/javascripts/ loads copies of Material's inline scripts; after an
    upgrade of Material they must be copied again (this test says which)."""
    import material
    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = REPO / "overrides" / "assets" / "javascripts" / "disclosure" / "theme"
    values = {'"{{ config.extra.scope | d(base_url) }}"': "document.currentScript.dataset.scope",
              '"{{ base_url }}"': "document.currentScript.dataset.base"}
    for partial in sorted(partials.glob("*.html")):
        scripts = re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S)
        assert (REPO / "overrides" / "partials" / "javascripts" / partial.name).exists(), partial.name
        for number, code in enumerate(scripts):
            for template, value in values.items():
                code = code.replace(template, value)
            name = partial.stem + ("-tabs" if len(scripts) > 1 and number == 0 else "")
            assert (ours / f"{name}.js").read_text(encoding="utf-8").strip() == code.strip(), name


@pytest.mark.browser
def test_every_page_kind_works_under_the_policy_in_chromium(browser, nginx_url):
    """Pages, reading aids, the search worker and its index, under the policy nginx sends."""
    context, page, violations = _watched_page(browser)
    for path in PAGE_KINDS:
        page.goto(nginx_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(_THEME_RAN), path
    page.goto(nginx_url + "policies/normative/2024-reward/")
    page.click(".dc-reading__button[data-dc-size='大']")
    page.click(".dc-reading__button[data-dc-contrast]")
    assert page.get_attribute("html", "data-dc-size") == "大"
    assert page.get_attribute("html", "data-dc-contrast") == ""
    page.click(".md-search__input")
    page.fill(".md-search__input", "举报奖励")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    context.close()
    assert violations == []


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked_and_reported(browser, nginx_url):
    """Were script to slip into a page, the policy stops it: the last line of defence works."""
    context, page, violations = _watched_page(browser)
    injected = ('<script>window.injected = "script"</script>'
                '<img src="x" onerror="window.injected = \'handler\'">'
                '<a id="dc-injected" href="javascript:window.injected = \'link\'">x</a>')

    def inject(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</article>", injected + "</article>", 1))

    page.route("**/policies/normative/2024-reward/", inject)
    page.goto(nginx_url + "policies/normative/2024-reward/")
    page.wait_for_load_state("networkidle")
    page.click("#dc-injected")
    page.wait_for_function("dcViolations.length >= 3", timeout=5000)  # script, handler, link: each reported
    assert page.evaluate("window.injected") is None
    context.close()
