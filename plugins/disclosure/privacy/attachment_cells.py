"""What a spreadsheet shows that no part of its file holds as text: cells through their number
format, and formulas as they compute when the workbook is opened.

A cell of an .xlsx keeps its raw value (1101017715); Excel, WPS and LibreOffice show it through the
cell's number format, which may add literal text and digits (`000000"19900307"0000`, `"110101"@`,
`"110101"yyyymmdd"7715"`), scale it (`0%`, `0,,`) or round it. The format is read from styles.xml
(cellXfs → numFmts, or the built-in formats) and applied with ssf, a port of SheetJS's number
formatter (sections, conditions, literals, dates, fractions, text sections).

A formula saved without its result (as openpyxl and many report generators save) is computed when
the workbook is opened, and one saved with a result is computed again when Excel or WPS recalculates:
`="110101"&"19900307"&"7715"` shows an ID number no part holds. Evaluating formulas in general would
take a formula engine (`formulas`, `pycel`: numpy, networkx and a model of the whole workbook for
every attachment); a literal is what a hostile or careless editor can hide a number in, so each
formula's string and number literals are read joined in order, TEXT(number, "format") formatted first
(`="110101"&TEXT(19900307,"0")&"7715"`, CONCATENATE(…), CONCAT(…) and & alike).

Both stream each sheet once (lxml iterparse, elements dropped once read), within the limits the
package was checked against (`attachment_limits`).
"""

from __future__ import annotations

import math
import re
import zipfile
from functools import lru_cache
from typing import Iterator

from .attachment_limits import iterparse, safe_parser
from .attachment_types import Piece

MIN_DIGITS = 11   # the shortest personal datum (a mobile number): a text with fewer digits is not read

# Built-in number formats (ECMA-376 18.8.30) that show more than, or other than, the raw value:
# rounding (1–4), scaling (9, 10 %), fractions (12, 13). General (0), text (49) and the date and time
# formats show a value a reader reads from the raw one or no run of eleven digits.
_BUILT_IN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
             13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
             40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0"}
_TEXT_SECTION = re.compile(r'@|^(?:[^;"]|"[^"]*")*;(?:[^;"]|"[^"]*")*;(?:[^;"]|"[^"]*")*;')  # "@", or a fourth section
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def shown_pieces(package: zipfile.ZipFile, sheet_names: dict[str, str]) -> Iterator[Piece]:
    """For each cell: its value as its number format shows it, where that differs from the raw value,
    and its formula's literals joined; `sheet_names` maps a sheet's part to the name on its tab."""
    formats, date1904 = _cell_formats(package), _date1904(package)
    strings = _SharedStrings(package)
    for info in package.infolist():
        if _SHEET.match(info.filename):
            name = sheet_names.get(info.filename, info.filename.rsplit("/", 1)[-1])
            yield from _sheet_cells(package.open(info), f"工作表“{name}”单元格 ", formats, strings, date1904)


def _sheet_cells(stream, where: str, formats: dict[int, str], strings: "_SharedStrings",
                 date1904: bool) -> Iterator[Piece]:
    for _, cell in iterparse(stream, events=("end",), tag="{*}c"):
        reference = cell.get("r") or ""
        formula = next(cell.iterchildren("{*}f"), None)
        if formula is not None and formula.text:
            joined = formula_literals(formula.text)
            if _digits(joined) >= MIN_DIGITS:
                yield Piece(f"{where}{reference}的公式（打开时计算为）", joined)
        code = formats.get(int(cell.get("s"))) if (cell.get("s") or "").isdigit() else None
        if code is not None:
            value = _value(cell, strings, code)
            if value is not None:
                shown = format_value(code, value, date1904)
                if shown != _raw(value) and _digits(shown) >= MIN_DIGITS:
                    yield Piece(f"{where}{reference}（按数字格式显示）", shown)
        cell.clear()
        parent = cell.getparent()
        while parent is not None and cell.getprevious() is not None:
            del parent[0]


def _value(cell, strings: "_SharedStrings", code: str) -> float | str | None:
    """The raw value: a number, or, only where the format has a text section, a text."""
    kind = cell.get("t") or "n"
    raw = next(cell.iterchildren("{*}v"), None)
    text = raw.text if raw is not None else None
    if kind == "n":
        try:
            number = float(text) if text else None
        except ValueError:
            return None
        return number if number is not None and math.isfinite(number) else None
    if not _TEXT_SECTION.search(code):
        return None
    if kind == "s" and text and text.strip().isdigit():
        return strings.get(int(text))
    if kind == "inlineStr":
        inline = next(cell.iterchildren("{*}is"), None)
        return "".join(inline.itertext()) if inline is not None else None
    return text if kind == "str" else None


def _raw(value: float | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


@lru_cache(maxsize=1)
def _formatter():
    from ssf import SSF
    # The separators are given: ssf would ask Babel for the machine's locale (and fail on new Babel).
    return SSF(locale_support=False, decimal_separator=".", thousands_separator=",", errors="raise")


def format_value(code: str, value: float | str, date1904: bool = False) -> str:
    """`value` as Excel shows it through the number format `code`; a format ssf cannot read is shown
    as its literal text before the raw value (what a reader would see at the least)."""
    if isinstance(value, float) and date1904:
        value += 1462 if _is_date(code) else 0
    try:
        return str(_formatter().format(code, value))
    except Exception:  # noqa: BLE001 - a hostile or damaged format: ssf raises its own kinds
        return _literal_text(code) + _raw(value)


_DATE_CODES = re.compile(r"[ymdhs]", re.I)
_LITERALS = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')


def _is_date(code: str) -> bool:
    return bool(_DATE_CODES.search(_LITERALS.sub("", code)))


def _literal_text(code: str) -> str:
    return "".join((match.group(1) or match.group(2) or "") for match in _LITERALS.finditer(code))


# --- styles.xml and the string table -------------------------------------------------------------

def _cell_formats(package: zipfile.ZipFile) -> dict[int, str]:
    """cellXfs index (a cell's s="…") → its number format's code, for the formats that may show more
    than the raw value: every format the workbook defines, and the built-in ones in `_BUILT_IN`."""
    from lxml import etree
    try:
        styles = etree.fromstring(package.read("xl/styles.xml"), safe_parser())
    except (KeyError, etree.XMLSyntaxError):
        return {}
    defined = {_number(f.get("numFmtId")): f.get("formatCode") or "" for f in styles.iter("{*}numFmt")}
    cell_xfs = next(styles.iter("{*}cellXfs"), None)
    formats = {}
    for index, xf in enumerate(cell_xfs.iterchildren("{*}xf") if cell_xfs is not None else ()):
        number = _number(xf.get("numFmtId"))
        code = defined.get(number, _BUILT_IN.get(number))
        if code:
            formats[index] = code
    return formats


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


def _date1904(package: zipfile.ZipFile) -> bool:
    from lxml import etree
    try:
        workbook = etree.fromstring(package.read("xl/workbook.xml"), safe_parser())
    except (KeyError, etree.XMLSyntaxError):
        return False
    properties = next(workbook.iter("{*}workbookPr"), None)
    return properties is not None and (properties.get("date1904") or "").lower() in ("1", "true")


class _SharedStrings:
    """The workbook's string table, read only when a text cell has a format with a text section."""

    def __init__(self, package: zipfile.ZipFile):
        self._package, self._strings = package, None

    def get(self, index: int) -> str | None:
        if self._strings is None:
            self._strings = self._read()
        return self._strings[index] if index < len(self._strings) else None

    def _read(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self._package.namelist():
            return []
        strings = []
        for _, item in iterparse(self._package.open("xl/sharedStrings.xml"), events=("end",), tag="{*}si"):
            strings.append("".join(text.text or "" for text in item.iter("{*}t")))
            item.clear()
        return strings


# --- Formulas ------------------------------------------------------------------------------------

_FORMULA_TOKEN = re.compile(
    r'"(?P<string>(?:[^"]|"")*)"'                       # a string literal ("" is one quote)
    r"|'(?:[^']|'')*'"                                   # a quoted sheet name: not shown
    r"|(?P<name>[A-Za-z_\\$][\w.$]*)"                   # a function, a name or a reference (A1, $B$2, Sheet1)
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)"  # a number literal
    r"|.", re.S)
_TEXT_CALL = re.compile(r'\bTEXT\(\s*(?:"(?P<string>(?:[^"]|"")*)"|(?P<number>[\d.]+(?:[eE][+-]?\d+)?))\s*,'
                        r'\s*"(?P<format>(?:[^"]|"")*)"\s*\)', re.I)


def formula_literals(formula: str) -> str:
    """The string and number literals of `formula` joined in order, as & and CONCATENATE join them;
    TEXT(literal, "format") is formatted first, so that its format is not read as text."""
    formula = _TEXT_CALL.sub(_formatted_call, formula)
    out = []
    for match in _FORMULA_TOKEN.finditer(formula):
        if match.group("string") is not None:
            out.append(match.group("string").replace('""', '"'))
        elif match.group("number") is not None:
            out.append(_number_literal(match.group("number")))
    return "".join(out)


def _formatted_call(match: re.Match) -> str:
    value: float | str
    if match.group("number") is not None:
        try:
            value = float(match.group("number"))
        except ValueError:
            return match.group()
    else:
        value = match.group("string").replace('""', '"')
    shown = format_value(match.group("format").replace('""', '"'), value)
    return '"' + shown.replace('"', '""') + '"'


def _number_literal(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return _raw(number) if math.isfinite(number) else text
