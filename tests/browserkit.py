"""A real static server and Debian's Chromium, for tests that look at what readers see.

Under CI=true a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
SUB_PATH = "/zwgk/"


def require_browser():
    """Playwright's sync API and Debian's Chromium; skip locally, fail under CI."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        problem = "playwright is not installed"
    if not problem and not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI: {problem}")
        pytest.skip(problem)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH only, as a webmaster's server would; anything else is 404."""

    sub_path = SUB_PATH

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.sub_path):
            return str(Path(self.directory) / "\u2400missing")  # a name no site has: 404
        return super().translate_path("/" + route[len(self.sub_path):])

    def send_head(self):
        # The site's own 404 page, as nginx's `error_page 404` would serve it.
        if not os.path.exists(self.translate_path(self.path)) and urlsplit(self.path).path.startswith(self.sub_path):
            page = Path(self.directory) / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
        return super().send_head()

    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(site: Path, sub_path: str = SUB_PATH):
    """Serve `site` at http://127.0.0.1:<port>/zwgk/ (or `sub_path`) for the duration of the block."""
    handler_class = type("SubPathHandler", (_SubPathHandler,), {"sub_path": sub_path})
    handler = functools.partial(handler_class, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early (a cancelled fetch, a page left) is no failure;
        # anything else is still printed.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield browser
        finally:
            browser.close()


def type_query(page, query: str) -> None:
    page.fill(".md-search__input", "")
    page.type(".md-search__input", query, delay=20)


def results_settled(page, quiet_ms: int = 400, timeout_ms: int = 5000) -> None:
    """Until the result list has not changed for `quiet_ms`: the answer to an earlier keystroke's query may show
    the same first result a moment before the last query's answer replaces the list, and a click landing while
    the list is replaced reaches no link (a browser fires no click on an element removed under the pointer)."""
    page.evaluate("""([quiet, limit]) => new Promise(resolve => {
      const list = document.querySelector('.md-search-result__list') || document.body;
      let timer = setTimeout(done, quiet);
      const watcher = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
      const give_up = setTimeout(done, limit);
      function done() { watcher.disconnect(); clearTimeout(give_up); resolve(); }
      watcher.observe(list, { childList: true, subtree: true, characterData: true });
    })""", [quiet_ms, timeout_ms])


def wait_for_result(page, url: str, first: bool, timeout_ms: int = 5000) -> list[str]:
    """The result links once `url` shows (first, or anywhere); fails with what the reader saw."""
    script = """([url, first]) => {
      const links = [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')];
      const hrefs = links.map(a => new URL(a.href).pathname);
      return first ? hrefs.length > 0 && hrefs[0].endsWith(url) : hrefs.some(h => h.endsWith(url));
    }"""
    try:
        page.wait_for_function(script, arg=[url, first], timeout=timeout_ms)
    finally:
        shown = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                          "links => links.map(a => new URL(a.href).pathname)")
    return shown
