"""The view dicts of the slots (see slots.py): plain, JSON-ready, the same in a build and in the assembly.

A *link* is a dict with the document's site-root-relative ``url`` and what a list shows of it;
a slot's view adds each link's ``href`` relative to the page the slot stands on. The unit build
writes links into `_unit/<id>/unit.json`; the assembly reads them back and calls the same
functions, so that the full build and the merge of unit builds write the same bytes.
"""

from __future__ import annotations

from ..content.crossrefs import DocRecord
from ..content.model import Document
from .urls import relative_url

# The relations block's groups, in the order the page shows them (relations.html names them).
RELATION_KEYS = ("interpretations", "interprets", "replaces", "replaced_by", "responses", "responds_to")
PLATFORM_LATEST_LIMIT = 10


def document_link(doc: Document, url: str, unit: str | None = None, unit_name: str | None = None) -> dict:
    """What a list or the relations block shows of a document of the page's own unit (or, with `unit`, of a unit)."""
    return {"url": url, "title": doc.title or "", "index_no": doc.index_no, "doc_no": doc.doc_no, "kind": doc.kind,
            "published": doc.published.isoformat() if doc.published else None,
            "validity": doc.validity, "in_force": doc.in_force, "unit": unit, "unit_name": unit_name,
            "publisher": doc.publisher}


def record_link(record: DocRecord, url: str) -> dict:
    """A document of another unit, from the record its unit handed over: it names its unit."""
    return {"url": url, "title": record.title, "index_no": record.index_no, "doc_no": record.doc_no, "kind": None,
            "published": record.published, "validity": None, "in_force": True,
            "unit": record.unit, "unit_name": record.unit_name}


def relations_view(links: dict[str, list[dict]], page: str) -> dict:
    """The relations block of the page at `page` (its URL or file): every group, links with ``href``."""
    return {key: [_with_href(link, page) for link in links.get(key, [])] for key in RELATION_KEYS}


def banner_view(validity: str | None, in_force: bool, replaced_by: dict | None, page: str) -> dict:
    """The banner of a document no longer in force, with the link to the document that replaced it (if any)."""
    return {"validity": validity, "in_force": in_force,
            "replaced_by": _with_href(replaced_by, page) if replaced_by else None}


def merge_relations(own: dict[str, list[dict]], cross: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A page's links inside its unit first, then those to and from other units, per group."""
    return {key: list(own.get(key, [])) + list(cross.get(key, [])) for key in RELATION_KEYS
            if own.get(key) or cross.get(key)}


def latest_view(links: list[dict], page: str) -> dict:
    """The platform home's 最新信息: newest first, each naming its unit."""
    return {"links": [_with_href(link, page) for link in links]}


def platform_latest(units_latest: list[list[dict]], limit: int = PLATFORM_LATEST_LIMIT) -> list[dict]:
    """The newest `limit` links of all units (each unit's list newest first), by 发布日期 then 索引号 then unit."""
    every = [link for links in units_latest for link in links]
    every.sort(key=lambda link: (link["published"] or "", link["index_no"] or "", link["unit"] or ""), reverse=True)
    return every[:limit]


def directory_view(groups: list[tuple[str, list[dict]]], page: str) -> dict:
    """The directory of departments: each group with its units (id, name, url, count or None)."""
    return {"groups": [{"name": name, "units": [_with_href(unit, page) for unit in units]} for name, units in groups]}


def _with_href(link: dict, page: str) -> dict:
    return {**link, "href": relative_url(link["url"], page)}
