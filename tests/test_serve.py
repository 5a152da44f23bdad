"""`make serve`: the preview shows an edited document without restarting."""

import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from .sitekit import copy_example, host_command


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.2)
    return False


@contextmanager
def preview(root):
    """`mkdocs serve` on a copy of the example site in `root`; yields the base URL."""
    copy_example(root)
    port = _free_port()
    server = subprocess.Popen(host_command("serve", "-a", f"127.0.0.1:{port}"),
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/zwgk/"
    try:
        assert _wait_for(base, "政府信息公开", 60), "the preview did not start"
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_preview_shows_an_edited_document(tmp_path):
    with preview(tmp_path) as base:
        page = base + "policies/normative/2024-reward/"
        document = tmp_path / "content" / "policies" / "normative" / "2024-reward.md"
        document.write_text(document.read_text(encoding="utf-8") + "\n预览标记 PREVIEW-7788\n", encoding="utf-8")
        assert _wait_for(page, "PREVIEW-7788", 30), "the edit never showed"


def test_preview_rebuilds_when_the_catalogue_changes(tmp_path):
    with preview(tmp_path) as base:
        catalogue = tmp_path / "catalogue.yaml"
        catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("name: 规划计划", "name: 规划计划总览"),
                             encoding="utf-8")
        assert _wait_for(base, "规划计划总览", 30), "the catalogue change never showed"
