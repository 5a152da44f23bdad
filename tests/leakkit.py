"""Looking for secrets in a built site the way any reader could recover them.

A marker may reach site/ encoded: inside a gzip file (sitemap.xml.gz), as JSON `\\uXXXX`
escapes (search index), as HTML character references (`&#x…;`, `&#…;`, `&amp;`), or
percent-encoded in a URL (`%E4%B8%8D`). Every file is decoded every way before searching.
"""

from __future__ import annotations

import gzip
import html
import re
import zlib
from pathlib import Path
from urllib.parse import unquote

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _unjson(text: str) -> str:
    # Surrogate pairs come out as two escapes; "surrogatepass" joins them back below.
    joined = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return joined.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _gunzip(data: bytes) -> bytes:
    """Unpack gzip data, also when a file holds several members or trailing bytes."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)


def readings(data: bytes) -> list[str]:
    """Every text a reader could get out of these bytes: raw, and after each decoding and all of them."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    text = data.decode("utf-8", "replace")
    forms = [text, _unjson(text), html.unescape(text), unquote(text)]
    forms.append(unquote(html.unescape(_unjson(text))))
    forms.append(html.unescape(unquote(_unjson(text))))
    return forms


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def leaks(site: Path, markers: list[str]) -> list[tuple[str, str]]:
    """(file, marker) for every marker found anywhere in `site`, file names included, in any letter case
    (the search index folds text to lower case)."""
    found = []
    for file in site_files(site):
        name = file.relative_to(site).as_posix()
        texts = [text.lower() for text in readings(file.read_bytes()) + [name, unquote(name)]]
        found += [(name, marker) for marker in markers if any(marker.lower() in text for text in texts)]
    return found
