"""An OpenDocument spreadsheet's cells as LibreOffice and WPS show them: through their data style.

An .ods cell keeps its value (office:value="1101017715") and the text its writer displayed
(<text:p>); LibreOffice shows the value through the cell's data style again when it opens the file,
and a data style may add text and digits: <number:text>, and <number:embedded-text> placed between
the digits (the .ods form of `000000"19900307"0000`). Each data style (number, currency, percentage,
date, time, text; in content.xml's automatic styles or styles.xml) is written as the Excel number
format it amounts to and applied with the same formatter as .xlsx cells (`attachment_cells`); cells
take their style from table:style-name or their column's default cell style.

A cell's formula (table:formula="of:=[.A1]&[.B1]") is written as Excel writes it (`excel_formula`)
and worked out by the same readers, with the values of the cells it joins read in a second pass.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from typing import Iterator

from .attachment_cells import (MAX_REFERRING, ambiguous_name, column_index, column_name, computes, formula_references, formula_texts, joins,
                               defined_names, looked_up, past_limits, pieces_a_number, raw_text, sheet_key, shown_piece, uncomputed,
                               unresolved, with_references, worked_out_in_turn)
from .attachment_limits import iterparse, safe_parser
from .attachment_types import Piece

_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DATA_STYLES = frozenset({"number-style", "currency-style", "percentage-style", "date-style", "time-style", "text-style"})
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Where a formula cell keeps its result (one of them, by its value type): absent, LibreOffice works it out.
_RESULTS = ("value", "string-value", "boolean-value", "date-value", "time-value")


def ods_shown_pieces(package: zipfile.ZipFile) -> Iterator[Piece]:
    """Each cell whose data style shows more than its value, as shown."""
    codes: dict[str, str] = {}        # data style name → Excel format code
    cell_styles: dict[str, str] = {}  # cell style name → data style name
    if "styles.xml" in package.namelist():
        _styles(package.open("styles.xml"), codes, cell_styles)
    formulas: list[tuple[str, str]] = []   # (where, the formula as `excel_formula` writes it)
    uncached: dict[str, str] = {}   # cell ('name'!A1, `sheet_key`) → its formula, saved without its result
    defined: list[tuple[str, str]] = []   # the spreadsheet's named ranges and expressions: (name, as Excel writes it)
    yield from _content(package.open("content.xml"), codes, cell_styles, formulas, uncached, defined)
    # Names are defined after the tables: the formulas are read once they are known, as an .xlsx's are
    names, references, ambiguous = defined_names(defined)
    formulas = [(where, with_references(formula, references)) for where, formula in formulas]
    uncached = {key: with_references(formula, references) for key, formula in uncached.items()}
    for where, formula in formulas:
        if name := ambiguous_name(formula, ambiguous):
            yield uncomputed(where, f"名称“{name}”（它在不同工作表中有不同的定义）")
        elif joins(formula) and (why := unresolved(formula, names)):
            yield uncomputed(where, why)
        elif why := pieces_a_number(formula):
            yield uncomputed(where, why)
    referring = [(where, formula) for where, formula in formulas if joins(formula) or computes(formula, names)]
    if referring:   # formulas that join or compute cells: those cells' values, in a second pass
        values = _values(package.open("content.xml"), looked_up([formula for _, formula in referring] + list(uncached.values()),
                                                               names))
        # a formula naming a cell whose formula was saved without its result: that cell worked out first, link
        # by link, as for an .xlsx (LibreOffice works out what a file does not hold); never read as empty
        values, unknown, _ = worked_out_in_turn(uncached, {key: value for key, value in values.items() if key not in uncached},
                                             names, set(uncached))
        for where, formula in referring:
            if chained := next((key for key in formula_references(formula, names) if key in unknown), None):
                yield uncomputed(where, f"单元格 {chained} 的公式（它没有保存计算结果，又引用其他单元格）")
                continue
            for computed in formula_texts(formula, values, names):
                yield Piece(f"{where}的公式（打开时计算为）", computed)


def _styles(stream, codes: dict[str, str], cell_styles: dict[str, str]) -> None:
    for _, element in iterparse(stream, events=("end",)):
        _style(element, codes, cell_styles)


def _style(element, codes: dict[str, str], cell_styles: dict[str, str]) -> bool:
    """Record a data style or a cell style; True when `element` was one."""
    tag = element.tag if isinstance(element.tag, str) else ""
    local = tag[tag.rfind("}") + 1:]
    if tag.startswith(f"{{{_NUMBER}}}") and local in _DATA_STYLES:
        codes[element.get(f"{{{_STYLE}}}name", "")] = excel_code(element)
        element.clear()
        return True
    if tag == f"{{{_STYLE}}}style" and element.get(f"{{{_STYLE}}}data-style-name"):
        cell_styles[element.get(f"{{{_STYLE}}}name", "")] = element.get(f"{{{_STYLE}}}data-style-name")
        return True
    return False


def _content(stream, codes: dict[str, str], cell_styles: dict[str, str],
             formulas: list[tuple[str, str]], uncached: dict[str, str], defined: list[tuple[str, str]]) -> Iterator[Piece]:
    """Each cell shown through its data style; every formula into `formulas` (where, the formula as
    `excel_formula` writes it), those saved without a result into `uncached`, the names into `defined`."""
    table, columns, row, column = "", [], 0, 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag[tag.rfind("}") + 1:]
        if event == "start":
            if local == "table" and tag.startswith(f"{{{_TABLE}}}"):
                table, columns, row = element.get(f"{{{_TABLE}}}name", ""), [], 0
            elif local == "table-row":
                row, column = row + 1, 0
            continue
        if _style(element, codes, cell_styles):
            continue
        if local == "table-column":
            style = element.get(f"{{{_TABLE}}}default-cell-style-name")
            columns += [style] * min(_repeat(element, "number-columns-repeated"), 16384 - len(columns))
        elif local in ("table-cell", "covered-table-cell"):
            style = element.get(f"{{{_TABLE}}}style-name") or (columns[column] if column < len(columns) else None)
            code = codes.get(cell_styles.get(style or "", ""))
            where = f"工作表“{table}”单元格 {column_name(column)}{row}"
            if code:
                yield from _cell(element, code, where)
            formula = excel_formula(element.get(f"{{{_TABLE}}}formula") or "", table)
            if formula and (why := past_limits(formula)):
                yield uncomputed(where, why, over_limit=True)
            if formula and len(formulas) < MAX_REFERRING:
                formulas.append((where, formula))
            if formula and not any(element.get(f"{{{_OFFICE}}}{name}") is not None for name in _RESULTS) \
                    and len(uncached) < MAX_REFERRING:
                uncached[f"{sheet_key(table)}!{column_name(column)}{row}"] = formula
            column += _repeat(element, "number-columns-repeated")
            element.clear()
        elif local == "table-row":
            row += _repeat(element, "number-rows-repeated") - 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif local in ("named-range", "named-expression") and tag.startswith(f"{{{_TABLE}}}") and len(defined) < MAX_NAMES:
            address = element.get(f"{{{_TABLE}}}cell-range-address")
            written = excel_formula(f"[{address}]", table)[1:] if address else \
                excel_formula(element.get(f"{{{_TABLE}}}expression") or "", table)[1:]
            defined.append((element.get(f"{{{_TABLE}}}name") or "", written))


MAX_NAMES = 10_000   # named ranges and expressions read; a workbook has a few


def _values(stream, wanted: set[str]) -> dict[str, str]:
    """The values (as a formula joins them) of the cells `wanted` names ('name'!A1, `sheet_key`)."""
    rows: dict[str, dict[int, set[int]]] = {}   # table → row → columns wanted
    for key in wanted:
        sheet, _, cell = key.rpartition("!")
        letters = cell.rstrip("0123456789")
        rows.setdefault(sheet, {}).setdefault(int(cell[len(letters):]), set()).add(column_index(letters))
    values: dict[str, str] = {}
    for table, row, span, column, width, cell in _placed_cells(stream):
        wanted_rows = rows.get(sheet_key(table), {})
        for at in _within(wanted_rows, row, span):
            for wanted_column in _within(wanted_rows[at], column, width):
                values[f"{sheet_key(table)}!{column_name(wanted_column)}{at}"] = _joined_value(cell)
    return values


def ods_written_texts(stream, keep) -> dict[str, str]:
    """The texts written into the cells of an OpenDocument spreadsheet (not a formula's result, which opening it
    computes again) that `keep` accepts, by reference as `excel_formula` writes it ('名单'!B2 → its text): what
    =HYPERLINK([.B2];"查看") links to. At most MAX_REFERRING of them (a cell not kept is judged unread: refused)."""
    texts: dict[str, str] = {}
    for table, row, span, column, width, cell in _placed_cells(stream):
        text = _written_text(cell)
        if text is not None and keep(text):
            sheet = "'" + table.replace("'", "''") + "'!"
            for at in range(row, row + min(span, MAX_REFERRING - len(texts))):
                texts.update((f"{sheet}{column_name(place)}{at}", text)
                             for place in range(column, column + min(width, MAX_REFERRING - len(texts))))
    return texts


def _placed_cells(stream) -> Iterator[tuple[str, int, int, int, int, object]]:
    """Each cell of content.xml where it stands: (its table, first row, rows repeated, first column (from 0), columns
    repeated, the element), read once and dropped (a row or cell repeated a million times is one element)."""
    table, row, span, column = "", 0, 1, 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag[tag.rfind("}") + 1:]
        if event == "start":
            if local == "table" and tag.startswith(f"{{{_TABLE}}}"):
                table, row = element.get(f"{{{_TABLE}}}name", ""), 0
            elif local == "table-row":
                row, span, column = row + span, _repeat(element, "number-rows-repeated"), 0
            continue
        if local in ("table-cell", "covered-table-cell"):
            width = _repeat(element, "number-columns-repeated")
            yield table, row, span, column, width, element
            column += width
            element.clear()
        elif local == "table-row":
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


def _written_text(cell) -> str | None:
    """A cell's text as a formula reads it (its paragraphs, one a line), None for a formula's cell."""
    if cell.get(f"{{{_TABLE}}}formula") is not None:
        return None
    written = cell.get(f"{{{_OFFICE}}}string-value")
    return written if written is not None else "\n".join("".join(paragraph.itertext()) for paragraph in cell.iter("{*}p"))


def _within(wanted, start: int, count: int) -> list[int]:
    """The members of `wanted` in start … start + count - 1, in time bounded by the smaller of the two
    (a cell repeated over a million rows is one element)."""
    if count <= len(wanted):
        return [at for at in range(start, start + count) if at in wanted]
    return [at for at in wanted if start <= at < start + count]


def _joined_value(cell) -> str:
    """A cell's value as & joins it: a number's value, a text's text."""
    number = cell.get(f"{{{_OFFICE}}}value")
    if number is not None and cell.get(f"{{{_OFFICE}}}value-type", "") in ("float", "percentage", "currency"):
        try:
            return raw_text(float(number))
        except ValueError:
            return ""
    return cell.get(f"{{{_OFFICE}}}string-value") or "".join(cell.itertext())


# An OpenDocument reference: [.A1], [.A1:.B3], [Sheet2.A1], [$'甲 表'.$A$1]
_ODF_REFERENCE = re.compile(r"\[\$?('(?:[^']|'')*'|[^.\[\]:']*)\.\$?([A-Za-z]{1,3})\$?(\d{1,7})"
                            r"(?::\$?(?:'(?:[^']|'')*'|[^.\[\]:']*)\.\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\]")


def excel_formula(formula: str, table: str) -> str:
    """An OpenDocument formula (of:=[.A1]&[.B1]) written as Excel writes it, each reference with its
    sheet ('表1'!A1&'表1'!B1), so that the .xlsx formula readers work it out."""
    if not formula:
        return ""
    def reference(match: re.Match) -> str:
        sheet = match.group(1).lstrip("$")
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        name = (sheet or table).replace("'", "''")
        end = f":{match.group(4)}{match.group(5)}" if match.group(4) else ""
        return f"'{name}'!{match.group(2)}{match.group(3)}{end}"
    return "=" + _ODF_REFERENCE.sub(reference, formula.split(":=", 1)[-1] if ":=" in formula[:6] else formula.lstrip("="))


def _cell(cell, code: str, where: str) -> Iterator[Piece]:
    kind = cell.get(f"{{{_OFFICE}}}value-type", "")
    value: float | str | None = None
    try:
        if kind in ("float", "percentage", "currency"):
            value = float(cell.get(f"{{{_OFFICE}}}value", ""))
        elif kind == "date":
            moment = dt.datetime.fromisoformat(cell.get(f"{{{_OFFICE}}}date-value", "")[:19])
            value = (moment - _EXCEL_EPOCH).total_seconds() / 86400
        elif kind == "string" and "@" in code:
            value = "".join(cell.itertext())
    except ValueError:
        return
    if value is not None:
        yield from shown_piece(where, code, value)


def _repeat(element, attribute: str) -> int:
    value = element.get(f"{{{_TABLE}}}{attribute}", "1")
    return int(value) if value.isdigit() else 1


def excel_code(style) -> str:
    """The Excel number format an OpenDocument data style amounts to (its first section; a style:map's
    other styles are separate data styles)."""
    out = []
    for part in style:
        tag = part.tag if isinstance(part.tag, str) else ""
        local = tag[tag.rfind("}") + 1:]
        if local == "text":
            out.append(_quoted(part.text or ""))
        elif local in ("number", "scientific-number", "fraction"):
            out.append(_number_code(part))
        elif local == "text-content":
            out.append("@")
        elif local == "currency-symbol":
            out.append(_quoted(part.text or ""))
        elif local in _DATE_PARTS:
            out.append(_DATE_PARTS[local][part.get(f"{{{_NUMBER}}}style") == "long"])
        if part.tail and part.tail.strip():
            out.append(_quoted(part.tail))
    return "".join(out)


_DATE_PARTS = {"year": ("yy", "yyyy"), "month": ("m", "mm"), "day": ("d", "dd"), "hours": ("h", "hh"),
               "minutes": ("m", "mm"), "seconds": ("s", "ss"), "am-pm": ("AM/PM", "AM/PM"), "day-of-week": ("ddd", "dddd")}


def _number_code(number) -> str:
    """number:number: min-integer-digits zeros (a # for none), grouping, decimal places, and each
    number:embedded-text at its position (digits left of the decimal point)."""
    integers = _int(number.get(f"{{{_NUMBER}}}min-integer-digits"), 1)
    decimals = _int(number.get(f"{{{_NUMBER}}}decimal-places"), 0)
    embedded = sorted(((_int(text.get(f"{{{_NUMBER}}}position"), 0), text.text or "")
                       for text in number.iterchildren(f"{{{_NUMBER}}}embedded-text")), reverse=True)
    width = max([integers, 1] + [position + 1 for position, _ in embedded])
    places = ["0" if index < integers else "#" for index in range(width)]   # from the decimal point leftwards
    out = []
    for index in range(width - 1, -1, -1):
        out.append(places[index])
        out += [_quoted(text) for position, text in embedded if position == index]
    code = "".join(out)
    if number.get(f"{{{_NUMBER}}}grouping") == "true":
        code = "#," + code
    return code + ("." + "0" * decimals if decimals else "")


def _int(text: str | None, default: int) -> int:
    return min(int(text), 64) if text and text.isdigit() else default


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if text else ""
