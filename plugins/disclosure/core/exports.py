"""Machine-readable exports of the public catalogue: catalogue.json and catalogue.csv."""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from .model import Document
from .site import Site

UrlFor = Callable[[Document], str]

CSV_COLUMNS = {
    "index_no": "索引号", "title": "标题", "type_name": "文档类型", "category_name": "栏目",
    "publisher": "发布机构", "doc_no": "发文字号", "issued": "成文日期", "published": "发布日期",
    "validity": "有效性", "topics": "主题分类", "url": "链接",
}
# The platform's catalogue.csv: which department each row belongs to comes first.
PLATFORM_CSV_COLUMNS = {"department_name": "部门", **CSV_COLUMNS}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def catalogue_records(site: Site, url_for: UrlFor) -> list[dict]:
    """One record per public document, newest first; absent values are ``None`` or ``[]``.
    On a platform every record names its unit (`department`, `department_name`)."""
    documents = sorted(site.public_documents, key=Document.sort_key, reverse=True)
    records = [_record(site, doc, url_for) for doc in documents]
    if site.catalogue.is_platform:
        unit = {"department": site.catalogue.unit_id, "department_name": site.catalogue.agency.name}
        records = [{**record, **unit} for record in records]
    return records


def _record(site: Site, doc: Document, url_for: UrlFor) -> dict:
    relations = site.relations
    doc_type = doc.doc_type
    iso = lambda day: day.isoformat() if day else None  # noqa: E731
    return {
        "index_no": doc.index_no,
        "title": doc.title,
        "type": doc.type,
        "type_name": doc_type.name if doc_type else None,
        "category": doc.category.id if doc.category else None,
        "category_name": doc.category.name if doc.category else None,
        "url": url_for(doc),
        "publisher": doc.publisher,
        "published": iso(doc.published),
        "issued": iso(doc.issued),
        "doc_no": doc.doc_no,
        "validity": doc.validity,
        "topics": list(doc.topics),
        "summary": doc.summary,
        "interprets": list(doc.interprets),
        "interpretations": [note.index_no for note in relations.interpretations.get(doc.index_no, [])],
        "superseded_by": doc.superseded_by,
        "replaces": [old.index_no for old in relations.replaces.get(doc.index_no, [])],
        "responds_to": doc.responds_to,
        "attachments": [{"file": a.src_uri, "title": a.title, "size": a.size} for a in doc.attachments],
    }


def catalogue_json(records: list[dict]) -> str:
    return json.dumps({"documents": records, "count": len(records)}, ensure_ascii=False, indent=1, sort_keys=True)


def catalogue_csv(records: list[dict], columns: dict[str, str] = CSV_COLUMNS) -> bytes:
    """UTF-8 with BOM, so that Excel on Windows shows the Chinese text instead of mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns.values())
    for record in records:
        writer.writerow(_csv_cell(record[key]) for key in columns)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> str:
    text = "；".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    # A title starting with "=" would run as a formula in Excel (CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text
