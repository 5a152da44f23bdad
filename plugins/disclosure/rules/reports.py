"""Annual reports (W303): the totals of the report's tables, and its counts against the site's own.

The tables are read and summed in this module.

The annual report's tables: counts computed from the catalogue, and hand-typed tables checked (W303).

Table rows and columns follow the national format (国办公开办函〔2021〕30号).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..codes import W303
from ..codes.diagnostics import Diagnostic
from ..content.catalogue import Catalogue
from ..content.model import Document
from ..content.relations import Relations
from ..text.markup import TABLE_TWO_MARKER
from ..text.outline import Table, TableRow, tables
from .sections import outlined_documents

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "reports"


def check(site: Site) -> list[Diagnostic]:
    problems, counted = [], None
    for doc in outlined_documents(site):
        if doc.doc_type.due and doc.year:
            counted = counted_documents(site.catalogue, site.documents) if counted is None else counted
            problems += check_report_tables(doc, _counts(counted, site.relations, doc.year))
    return problems


ROW_RULES = "规章"
ROW_NORMATIVE = "行政规范性文件"


@dataclass(frozen=True)
class IssuanceCounts:
    """One row of table 二 (第二十条第（一）项)."""

    label: str
    made: int
    repealed: int
    in_force: int

    def as_cells(self) -> tuple[int, int, int]:
        return (self.made, self.repealed, self.in_force)


def counted_types(catalogue: Catalogue) -> dict[str, str]:
    """Type key -> table row: a type named …规章 counts as 规章; other types that carry 有效性 as 行政规范性文件."""
    rows = {}
    for doc_type in catalogue.types.values():
        if "规章" in doc_type.name:
            rows[doc_type.key] = ROW_RULES
        elif "validity" in doc_type.fields:
            rows[doc_type.key] = ROW_NORMATIVE
    return rows


def issuance_counts(catalogue: Catalogue, documents: list[Document], relations: Relations, year: int) -> list[IssuanceCounts]:
    return _counts(counted_documents(catalogue, documents), relations, year)


def counted_documents(catalogue: Catalogue, documents: list[Document]) -> dict[str, list[Document]]:
    """Table row -> the public documents it counts (every year's report counts from the same lists)."""
    rows = counted_types(catalogue)
    return {label: [d for d in documents if d.is_public and rows.get(d.type or "") == label]
            for label in (ROW_RULES, ROW_NORMATIVE)}


def _counts(counted: dict[str, list[Document]], relations: Relations, year: int) -> list[IssuanceCounts]:
    return [_count(label, documents, relations, year) for label, documents in counted.items()]


def _count(label: str, documents: list[Document], relations: Relations, year: int) -> IssuanceCounts:
    year_end = dt.date(year, 12, 31)
    made = sum(1 for d in documents if (d.issued or d.published) and (d.issued or d.published).year == year)
    ended = {d.index_no: _end_date(d, relations) for d in documents}
    repealed = sum(1 for end in ended.values() if end and end.year == year)
    in_force = sum(1 for d in documents
                   if d.published and d.published <= year_end
                   and (d.in_force or (ended[d.index_no] and ended[d.index_no] > year_end)))
    return IssuanceCounts(label, made, repealed, in_force)


def _end_date(doc: Document, relations: Relations) -> dt.date | None:
    """When a document stopped being in force: the day its replacement was published (if known)."""
    if doc.in_force:
        return None
    replacement = relations.replaced_by.get(doc.index_no)
    return replacement.published if replacement else None


# --- checking hand-typed tables -------------------------------------------------------------

def check_report_tables(doc: Document, computed: list[IssuanceCounts] | None) -> list[Diagnostic]:
    problems = []
    for table in tables(doc.body, doc.body_line):
        if _find_row(table, "本年新收"):
            problems += _check_applications(doc, table)
        if computed and "本年制发件数" in "".join(table.header.cells):
            problems += _check_issuance(doc, table, computed)
    return problems


def _label(row: TableRow) -> str:
    return unicodedata.normalize("NFKC", row.cells[0]).replace(" ", "") if row.cells else ""


def _find_row(table: Table, text: str) -> TableRow | None:
    return next((row for row in table.rows if text in _label(row)), None)


def _number(cell: str) -> int | None:
    text = cell.replace(",", "").strip()
    return int(text) if text.isdigit() else 0 if text in ("", "-", "—", "/") else None


def _check_applications(doc: Document, table: Table) -> list[Diagnostic]:
    """Table 三: per column, 本年新收 + 上年结转 = 办理结果总计 + 结转下年度; results add up to 总计; 总计 column adds up."""
    new, carried_in = _find_row(table, "本年新收"), _find_row(table, "上年结转")
    total, carried_out = _find_row(table, "(七)总计") or _find_row(table, "总计"), _find_row(table, "结转下年度")
    if not all((new, carried_in, total, carried_out)):
        return []
    problems = []
    columns = table.header.cells[1:]
    results = table.rows[table.rows.index(carried_in) + 1:table.rows.index(total)]
    for index, column in enumerate(columns, start=1):
        values = [_number(row.cells[index]) if index < len(row.cells) else None for row in (new, carried_in, total, carried_out)]
        if None in values:
            continue
        a, b, c, d = values
        if a + b != c + d:
            problems.append(W303.at(doc.path, total.line, f"第三部分表格“{column}”列不平衡：本年新收 {a} + 上年结转 {b} = {a + b}，"
                                       f"而办理结果总计 {c} + 结转下年度 {d} = {c + d}；请核对"))
        listed = [_number(row.cells[index]) for row in results if index < len(row.cells)]
        if None not in listed and sum(listed) != c:
            problems.append(W303.at(doc.path, total.line, f"第三部分表格“{column}”列：各项办理结果之和为 {sum(listed)}，与“总计”{c} 不符；请核对"))
    problems += _check_total_column(doc, table, columns)
    return problems


def _check_total_column(doc: Document, table: Table, columns: tuple[str, ...]) -> list[Diagnostic]:
    if not columns or "总计" not in columns[-1]:
        return []
    problems = []
    for row in table.rows:
        numbers = [_number(cell) for cell in row.cells[1:]]
        if len(numbers) == len(columns) and None not in numbers and sum(numbers[:-1]) != numbers[-1]:
            problems.append(W303.at(doc.path, row.line, f"第三部分表格“{row.cells[0]}”行：各类申请人之和为 {sum(numbers[:-1])}，与“总计”列 {numbers[-1]} 不符"))
    return problems


def _check_issuance(doc: Document, table: Table, computed: list[IssuanceCounts]) -> list[Diagnostic]:
    problems = []
    for counts in computed:
        row = _find_row(table, counts.label)
        if row is None:
            continue
        typed = tuple(_number(cell) for cell in row.cells[1:4])
        for header, value, expected in zip(table.header.cells[1:4], typed, counts.as_cells()):
            if value is not None and value != expected:
                problems.append(W303.at(doc.path, row.line, f"第二部分表格“{counts.label}”的“{header}”填写为 {value}，按公开目录统计应为 {expected}；"
                                           f"请核对，或改用标记 {TABLE_TWO_MARKER} 自动生成此表"))
    return problems
