"""The leak scan finds a marker however the site encodes it (else a leak test proves nothing)."""

import gzip
import json
from urllib.parse import quote

import pytest

from .leakkit import leaks

MARKER = "绝密标记Ab-9"


@pytest.mark.parametrize("encode", [
    lambda m: m.encode(),
    lambda m: gzip.compress(f"<url>{m}</url>".encode()),
    lambda m: json.dumps({"t": m}).encode(),                                  # \u7edd\u5bc6…
    lambda m: "".join(f"&#x{ord(c):x};" for c in m).encode(),
    lambda m: "".join(f"&#{ord(c)};" for c in m).encode(),
    lambda m: m.replace("-", "&#45;").replace("A", "&#65;").encode(),
    lambda m: f'<a href="files/{quote(m)}.csv">'.encode(),
    lambda m: json.dumps({"url": quote(m)}).encode(),
    lambda m: gzip.compress(json.dumps({"t": m}).encode()),
    lambda m: m.lower().encode(),
], ids=["raw", "gzip", "json", "hex-entities", "decimal-entities", "mixed-entities", "url", "json-url", "gzip-json", "lower"])
def test_a_marker_is_found_however_it_is_encoded(tmp_path, encode):
    (tmp_path / "page.bin").write_bytes(encode(MARKER))
    assert leaks(tmp_path, [MARKER]) == [("page.bin", MARKER)]


def test_a_marker_in_a_file_name_is_found(tmp_path):
    (tmp_path / quote(MARKER)).write_bytes(b"")
    assert leaks(tmp_path, [MARKER])


def test_a_clean_site_has_no_leak(tmp_path):
    (tmp_path / "index.html").write_text("<p>公开内容 &amp; 链接 %E4%B8%AD</p>", encoding="utf-8")
    assert leaks(tmp_path, [MARKER]) == []
