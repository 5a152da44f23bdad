"""Site URLs without the host: where a page of `content/` is published, and links relative to a page.

The assembly of a platform re-renders parts of pages without MkDocs, so it must write the very
links MkDocs' `url` filter writes; these functions follow mkdocs.utils (tests compare them).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

INDEX_NAMES = ("index", "README")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-root-relative URL of a Markdown page: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    dest = page_dest(src_uri, directory_urls)
    if directory_urls and posixpath.basename(dest) == "index.html":
        folder = posixpath.dirname(dest)
        return folder + "/" if folder else ""
    return dest


def page_dest(src_uri: str, directory_urls: bool = True) -> str:
    """The file a Markdown page is written to, relative to the site folder."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem in INDEX_NAMES:
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, stem, "index.html") if directory_urls else posixpath.join(folder, stem + ".html")


def relative_url(url: str, page: str) -> str:
    """`url` (site-root-relative) as written on the page at `page` (its URL or its file): MkDocs' `url` filter."""
    url = url or "."
    parsed = urlsplit(url)
    if parsed.scheme or parsed.netloc or url.startswith(("/", "#")):
        return url
    levels = 0
    normal = posixpath.normpath(url) + "/"
    while normal.startswith("../", levels * 3):
        levels += 1
    return "../" * levels + _relative(url, page)


def _relative(url: str, other: str) -> str:
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder   # a file: links start from its folder
    other_parts, url_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, url_parts):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + url_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    """Normalised segments; going above the root stays at the root, as in MkDocs."""
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []
