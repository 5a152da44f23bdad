"""Where a page of `content/` is published, without the host: for pages a unit build does not
have (a department's pages link the platform home, the government's page). Follows MkDocs'
`File` (tests compare them)."""

from __future__ import annotations

import posixpath

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
