"""Machine-readable exports of the public catalogue: catalogue.json and catalogue.csv."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Callable, Iterable, Iterator

from ..content.model import Document
from ..content.site import Site

UrlFor = Callable[[Document], str]

CSV_COLUMNS = {
    "index_no": "索引号", "title": "标题", "type_name": "文档类型", "category_name": "栏目",
    "publisher": "发布机构", "doc_no": "发文字号", "issued": "成文日期", "published": "发布日期",
    "validity": "有效性", "topics": "主题分类", "url": "链接",
    "interprets": "解读对象", "interpretations": "解读材料", "superseded_by": "替代文件", "replaces": "所替代文件",
}
# The relations another unit can add to a record (the other directions are the record's own fields).
CROSS_RELATIONS = ("interpretations", "replaces")
PLATFORM_CSV_COLUMNS = {"department_name": "所属部门", **CSV_COLUMNS}   # a platform's: whose document each row is
# What starts a formula when Excel or WPS opens a CSV: = + - @, and a tab or CR before anything (OWASP's list).
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


def with_cross_relations(records: list[dict], extra: dict[str, dict[str, list[str]]]) -> list[dict]:
    """The records with the 索引号 of other units' documents added to their relations (`extra`: 索引号 →
    relation → 索引号 list), after those of their own unit, as the relations block of the page shows them."""
    return [{**record, **{key: record[key] + extra[record["index_no"]].get(key, []) for key in CROSS_RELATIONS}}
            if record["index_no"] in extra else record for record in records]


def catalogue_json(records: list[dict]) -> str:
    return json.dumps({"documents": records, "count": len(records)}, ensure_ascii=False, indent=1, sort_keys=True)


_JSON_HEAD = '{\n "count": %d,\n "documents": ['
_JSON_TAIL = "\n ]\n}"


def split_catalogue_json(text: str) -> tuple[int, str]:
    """(count, the records' text) of a `catalogue_json` output, for joining several without decoding them."""
    head_end = text.index("\n", 2)                     # the first line after "{" holds the count
    count = int(text[text.index(":") + 1:head_end].rstrip(","))
    return count, (text[text.index("[", head_end) + 1:len(text) - len(_JSON_TAIL)] if count else "")


def join_catalogue_json(texts: Iterable[str], total: int) -> Iterator[str]:
    """`catalogue_json` of every record of `texts` (each a `catalogue_json` output; `total` records in
    all), in order and piece by piece: the platform's from its units' own files, 200,000 records
    never decoded and encoded again. Raises ValueError when the texts do not hold `total` records."""
    if not total:
        yield catalogue_json([])
        return
    yield _JSON_HEAD % total
    found = 0
    for text in texts:
        count, body = split_catalogue_json(text)
        if count:
            yield ("," if found else "") + body
            found += count
    if found != total:
        raise ValueError(f"应有 {total} 条记录，实有 {found} 条")
    yield _JSON_TAIL


def join_catalogue_csv(parts: Iterable[bytes], platform: bool = True) -> Iterator[bytes]:
    """`catalogue_csv` of every row of `parts` (each a `catalogue_csv` output with the same columns), in order."""
    header = catalogue_csv([], platform)
    yield header
    for part in parts:
        if not part.startswith(header):
            raise ValueError("catalogue.csv 的表头不同")
        yield part[len(header):]


def catalogue_csv(records: list[dict], platform: bool = False) -> bytes:
    """UTF-8 with BOM, so that Excel on Windows shows the Chinese text instead of mojibake.
    A platform's (a unit's or the whole platform's) starts with the department column."""
    columns = PLATFORM_CSV_COLUMNS if platform else CSV_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns.values())
    for record in records:
        writer.writerow(_csv_cell(record[key]) for key in columns)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> str:
    return spreadsheet_text("；".join(value) if isinstance(value, list) else ("" if value is None else str(value)))


def formula_cell(lines: Iterable[str]) -> str | None:
    """The first cell of a CSV (its lines, as read with newline="") that Excel or WPS would run as a formula:
    `catalogue_csv` writes none (`spreadsheet_text`); a cell too long to be one of its cells counts as one."""
    try:
        for row in csv.reader(lines):
            for cell in row:
                if runs_as_formula(cell):
                    return cell
    except csv.Error:
        return "（过长的单元格）"
    return None


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet may take the cell for a formula. Besides the ASCII starts: the full-width and small
    forms of = + - @ (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫: what a Chinese input method types; Excel and WPS in a Chinese or Japanese
    locale turn them into the ASCII signs), and any of these after blanks or invisible characters (a title pasted
    with a leading space, ideographic space or zero-width space: Google Sheets and LibreOffice's import trim them)."""
    if text.startswith(_FORMULA_START):
        return True
    first = next((ch for ch in text if not _drawn_as_nothing(ch)), "")
    return unicodedata.normalize("NFKC", first)[:1] in _SIGNS if first else False


_SIGNS = "=+-@"


def _drawn_as_nothing(ch: str) -> bool:
    """A blank, or a format character Unicode draws as nothing (zero-width space and joiners, the byte-order
    mark, direction marks): what a spreadsheet may drop before a cell's first sign."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def spreadsheet_text(text: str) -> str:
    """A CSV cell Excel and WPS show as text: one starting with "=" would run as a formula (CSV injection)."""
    return "'" + text if runs_as_formula(text) else text
