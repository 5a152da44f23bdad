"""The plain dicts the slot partials receive: the same shape the build gives them.

A link is ``{"url": site-root-relative URL, "doc": {title, index_no, doc_no, published, kind,
validity, in_force}, "unit": id, "unit_name": name}`` (the build's DocLink reads the same way
in Jinja: ``link.url``, ``link.doc.title`` …). Links are made from the units' records
(catalogue.json records plus ``department``/``department_name``), so the own unit's links and
the other units' are drawn alike.
"""

from __future__ import annotations

from ..core.crossrefs import DocRecord
from ..core.fields import NOT_IN_FORCE


def link(record: dict) -> dict:
    validity = record.get("validity")
    doc = {key: record.get(key) for key in ("title", "index_no", "doc_no", "published", "kind", "validity")}
    doc["in_force"] = validity not in NOT_IN_FORCE
    return {"url": record["url"], "doc": doc, "unit": record.get("department"), "unit_name": record.get("department_name")}


def relation_view(unit: str, index_no: str, records: dict[tuple[str, str], dict],
                  responses: dict[tuple[str, str], list[dict]], across: dict[str, list[DocRecord]]) -> dict:
    """The relations block of one document: its own unit's links first, then the other units' (resolve order)."""
    own = records[(unit, index_no)]
    local = lambda numbers: [link(records[(unit, n)]) for n in numbers if (unit, n) in records]  # noqa: E731
    other = lambda key: [link(records[(r.unit, r.index_no)]) for r in across.get(key, [])]  # noqa: E731
    responds_to = local([own["responds_to"]] if own.get("responds_to") else []) + other("responds_to")
    return {
        "interpretations": local(own.get("interpretations") or []) + other("interpretations"),
        "interprets": local(own.get("interprets") or []) + other("interprets"),
        "replaces": local(own.get("replaces") or []) + other("replaces"),
        "responses": [link(r) for r in responses.get((unit, index_no), [])] + other("responses"),
        "responds_to": responds_to[0] if responds_to else None,
    }


def latest_view(units, limit: int) -> list[dict]:
    """The platform's newest `limit` documents: every unit's newest, merged newest first (ties in unit order)."""
    every = [item for unit in units for item in unit.latest]
    key = lambda item: (item["doc"].get("published") or "", item["doc"].get("index_no") or "")  # noqa: E731
    return sorted(every, key=key, reverse=True)[:limit]


def directory_view(units, groups) -> list[dict]:
    """The directory of departments: each group in the platform's order, with its departments and their counts."""
    departments = [unit for unit in units if unit.group]
    return [{"group": group, "units": [{"id": u.id, "name": u.name, "url": f"{u.id}/", "count": u.count} for u in members]}
            for group in groups if (members := [u for u in departments if u.group == group])]
