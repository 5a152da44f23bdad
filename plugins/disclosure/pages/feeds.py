"""Atom feeds of the newest public documents: one for the section, one per category.

Entries carry the 发布日期 as their time (China time), so a feed changes only when a
document is published, and two builds of one commit write the same bytes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Callable

from ..content.catalogue import Category
from ..content.model import Document
from ..content.site import Site
from ..text.controls import without_control_characters as _xml_text
from .plan import documents_in

FEED_NAME = "feed.xml"
FEED_LIMIT = 50
CHINA_MIDNIGHT = "T00:00:00+08:00"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str            # relative to the site root
    updated: str        # RFC 3339
    summary: str
    category: str
    author: str = ""    # on a platform's feed: the department that published it


@dataclass(frozen=True)
class Feed:
    path: str           # where the feed is written, relative to the site root
    title: str
    id: str
    base: str           # xml:base: the site root, absolute or relative to the feed
    page_url: str       # the listing the feed belongs to, relative to the site root
    updated: str
    author: str
    entries: tuple[FeedEntry, ...]


def site_feeds(site: Site, url_of: Callable[[Document], str], category_url: Callable[[Category], str],
               site_url: str | None, limit: int = FEED_LIMIT, prefix: str = "", home_url: str = "./") -> list[Feed]:
    """The section's feed (feed.xml; a platform unit's under its `prefix`, e.g. ``yjj/``) and one in every category's folder."""
    feeds = [_feed(site, site.public_documents, prefix + FEED_NAME, site.catalogue.agency.name, home_url, url_of,
                   site_url, limit)]
    for category in site.catalogue.categories():
        documents = documents_in(site.documents, category)
        title = f"{site.catalogue.agency.name} · {category.name}"
        path = posixpath.join(category.path, FEED_NAME)
        feeds.append(_feed(site, documents, path, title, category_url(category), url_of, site_url, limit))
    return feeds


def platform_feed(entries: list[FeedEntry], name: str, site_url: str | None, limit: int = FEED_LIMIT) -> Feed:
    """The platform's feed.xml: the newest of every unit's entries (given in unit order; ties keep it)."""
    newest = tuple(sorted(entries, key=lambda entry: entry.updated, reverse=True)[:limit])
    updated = newest[0].updated if newest else "1970-01-01" + CHINA_MIDNIGHT
    return Feed(FEED_NAME, _xml_text(name), feed_identity(site_url, FEED_NAME), site_url or "./", "./", updated,
                _xml_text(name), newest)


def _feed(site: Site, documents: list[Document], path: str, title: str, page_url: str,
          url_of: Callable[[Document], str], site_url: str | None, limit: int) -> Feed:
    newest = sorted(documents, key=Document.sort_key, reverse=True)[:limit]
    entries = tuple(_entry(site, doc, url_of(doc), site_url) for doc in newest)
    depth = path.count("/")
    base = site_url or ("../" * depth or "./")
    updated = entries[0].updated if entries else "1970-01-01" + CHINA_MIDNIGHT
    return Feed(path, _xml_text(title), feed_identity(site_url, path), base, page_url, updated,
                _xml_text(site.catalogue.agency.name), entries)


def _entry(site: Site, doc: Document, url: str, site_url: str | None) -> FeedEntry:
    doc_type = doc.doc_type
    type_name = doc_type.name if doc_type else ""
    details = "，".join(part for part in (type_name, doc.doc_no, f"索引号 {doc.index_no}") if part)
    summary = f"{doc.summary}（{details}）" if doc.summary else details
    day = doc.published.isoformat() if doc.published else "1970-01-01"
    # The check refuses control characters; dropping them here too means no input can make a
    # feed that XML readers reject (XML 1.0 forbids them even as character references).
    return FeedEntry(feed_identity(site_url, url), _xml_text(doc.title or ""), url, day + CHINA_MIDNIGHT, _xml_text(summary),
                     _xml_text(doc.category.name) if doc.category else "")


def feed_identity(site_url: str | None, path: str) -> str:
    """A permanent Atom id: the absolute URL when the site has one, else a tag: URI."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return f"tag:disclosure.invalid,2019:{path}"
