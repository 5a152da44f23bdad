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
(`="110101"&TEXT(19900307,"0")&"7715"`, CONCATENATE(…), CONCAT(…) and & alike), and the values of
the cells a joining formula names, of its own sheet or another (`=甲!A1&乙!A1`), read in a second pass.

Both stream each sheet once (lxml iterparse, elements dropped once read), within the limits the
package was checked against (`attachment_limits`).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from functools import lru_cache
from typing import Iterator

from .attachment_limits import iterparse, safe_parser
from .attachment_types import Gap, OverLimit, Piece

MIN_DIGITS = 11   # the shortest personal datum (a mobile number): a text with fewer digits is not read

# Built-in number formats (ECMA-376 18.8.30) that show more than, or other than, the raw value:
# rounding (1–4), scaling (9, 10 %), fractions (12, 13). General (0), text (49) and the date and time
# formats show a value a reader reads from the raw one or no run of eleven digits.
_BUILT_IN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
             13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
             40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0"}
_TEXT_SECTION = re.compile(r'@|^(?:[^;"]|"[^"]*")*;(?:[^;"]|"[^"]*")*;(?:[^;"]|"[^"]*")*;')  # "@", or a fourth section
_SHEET = re.compile(r"^xl/(?:worksheets|macrosheets|dialogsheets)/[^/]+\.xml$")   # an Excel 4.0 macro sheet shows its cells too


def shown_pieces(package: zipfile.ZipFile, sheet_names: dict[str, str]) -> Iterator[Piece | Gap]:
    """For each cell: its value as its number format shows it, where that differs from the raw value,
    and what its formula computes to; `sheet_names` maps a sheet's part to the name on its tab."""
    book = _Book(package)
    parts = {sheet_key(name): part for part, name in sheet_names.items()}
    for info in package.infolist():
        if _SHEET.match(info.filename):
            where = f"工作表“{sheet_names.get(info.filename, info.filename.rsplit('/', 1)[-1])}”单元格 "
            referring: list[_Formula] = []
            yield from _sheet_cells(package.open(info), where, book, referring)
            if referring:   # formulas that join other cells: their values, in a second pass over each sheet named
                unknown: set[str] = set()
                values = _referred_values(package, info.filename, parts, book, looked_up([text for _, text, _ in referring], book.names),
                                          unknown)
                yield from _formula_pieces(where, referring, values, book, unknown)


def xls_shown_pieces(data: bytes) -> Iterator[Piece]:
    """The cells of an Excel 97–2003 workbook (.xls, a WPS .et) whose number format shows more than
    the raw value, as shown: xlrd reads the formats (calamine, which reads the values, does not)."""
    import xlrd
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        codes = {index: _xls_code(book, xf.format_key) for index, xf in enumerate(book.xf_list)}
        codes = {index: code for index, code in codes.items() if code}
        if not codes:
            return   # most workbooks: nothing but General, dates and text
        for number in range(book.nsheets):
            sheet = book.sheet_by_index(number)
            for row in range(sheet.nrows):
                for column in range(sheet.row_len(row)):
                    code = codes.get(sheet.cell_xf_index(row, column))
                    if code:
                        yield from _xls_cell(sheet.cell(row, column), code, book.datemode,
                                             f"工作表“{sheet.name}”单元格 {column_name(column)}{row + 1}")
            book.unload_sheet(number)
    finally:
        book.release_resources()


def _xls_code(book, key: int) -> str | None:
    """A custom format's code; a built-in one's when it rounds or scales, or when the file gives it
    literal text (a workbook carries its locale's built-in formats, and may carry any text in them)."""
    stored = book.format_map.get(key)
    code = stored.format_str if stored is not None else ""
    if key >= 164 or '"' in code or "\\" in code:
        return code or None
    return _BUILT_IN.get(key)


def _xls_cell(cell, code: str, datemode: int, where: str) -> Iterator[Piece]:
    import xlrd
    if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        value: float | str = float(cell.value)
    elif cell.ctype == xlrd.XL_CELL_TEXT and _TEXT_SECTION.search(code):
        value = cell.value
    else:
        return
    yield from shown_piece(where, code, value, datemode == 1)


class _Book:
    """What the cells of a workbook are shown through: number formats, the 1904 date system, the
    string table and the workbook's defined names."""

    def __init__(self, package: zipfile.ZipFile):
        self.formats, self.conditional = _cell_formats(package)
        self.date1904, self.names, self.references, self.ambiguous = _workbook_settings(package)
        self.strings = _SharedStrings(package)


MAX_REFERRING = 100_000   # formulas per sheet whose references are looked up (each keeps its text until then)


def _sheet_cells(stream, where: str, book: _Book, referring: list[_Formula]) -> Iterator[Piece | Gap]:
    shared: dict[str, tuple[str, str]] = {}   # a shared formula's si → (its first cell, its text)
    for _, cell in iterparse(stream, events=("end",), tag="{*}c"):
        reference = cell.get("r") or ""
        style = int(cell.get("s")) if (cell.get("s") or "").isdigit() else 0
        codes = ([book.formats[style]] if style in book.formats else []) + book.conditional
        text = with_references(_formula_text(next(cell.iterchildren("{*}f"), None), reference, shared) or "", book.references)
        if text and (why := past_limits(text)):
            yield uncomputed(f"{where}{reference}", why, over_limit=True)   # and its literals read, as any formula's
        if text and (name := ambiguous_name(text, book.ambiguous)):
            yield uncomputed(f"{where}{reference}", f"名称“{name}”（它在不同工作表中有不同的定义）")
        if text and too_large_range(text):
            yield uncomputed(f"{where}{reference}", f"超过 {MAX_SUMMED} 个单元格的区域", over_limit=True)
        if text and not joins(text) and (why := pieces_a_number(text)):
            yield uncomputed(f"{where}{reference}", why)
        if text and _may_compute_digits(text, book.names):
            if joins(text) and (why := unresolved(text, book.names)):
                yield uncomputed(f"{where}{reference}", why)
            if formula_references(text, book.names) and len(referring) < MAX_REFERRING:
                referring.append((reference, text, tuple(codes)))
            else:
                yield from _formula_pieces(where, [(reference, text, tuple(codes))], {}, book)
        for code in codes:
            value = _value(cell, book.strings, code)
            if value is not None:
                yield from shown_piece(f"{where}{reference}", code, value, book.date1904)
        _drop(cell)


def _formula_text(formula, reference: str, shared: dict[str, tuple[str, str]]) -> str | None:
    """The cell's formula; a shared formula's other cells (<f t="shared" si="0"/>, no text) have the
    first cell's formula with its relative references moved by as many rows and columns."""
    if formula is None:
        return None
    if formula.get("t") != "shared" or formula.get("si") is None:
        return formula.text
    if formula.text:
        shared[formula.get("si")] = (reference, formula.text)
        return formula.text
    first, text = shared.get(formula.get("si"), ("", ""))
    at, origin = _CELL.fullmatch(reference), _CELL.fullmatch(first)
    if not text or not at or not origin:
        return None
    return moved(text, int(at.group(2)) - int(origin.group(2)), _column(at.group(1)) - _column(origin.group(1)))


_REFERENCE = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})")


def moved(formula: str, rows: int, columns: int) -> str:
    """`formula` copied `rows` down and `columns` right: its references without $ move with it."""
    def move(reference: re.Match) -> str:
        column = _column(reference.group(2)) + (0 if reference.group(1) else columns)
        row = int(reference.group(4)) + (0 if reference.group(3) else rows)
        if column < 1 or row < 1:
            return "#REF!"
        return f"{reference.group(1)}{column_name(column - 1)}{reference.group(3)}{row}"
    out = []
    for match in _FORMULA_TOKEN.finditer(formula):
        if match.group("cell") or match.group("range"):
            out.append(_REFERENCE.sub(move, match.group()))
        else:
            out.append(match.group())
    return "".join(out)


_EXPONENT = re.compile(r"\d[eE][+-]?\d")


def _may_compute_digits(formula: str, names: dict[str, str]) -> bool:
    """Whether `formula` may show eleven digits: it joins (cells, names, CHAR codes), names a constant,
    divides or writes an exponent, or its own digits are that many (+ and * add no more digits than
    their numbers have)."""
    return bool(_digits(formula) >= MIN_DIGITS or _JOINS.search(formula) or "/" in formula or _EXPONENT.search(formula)
                or any(name in formula.upper() for name in names) or computes(formula, names))


def _drop(cell) -> None:
    cell.clear()
    parent = cell.getparent()
    while parent is not None and cell.getprevious() is not None:
        del parent[0]


_Formula = tuple[str, str, tuple[str, ...]]   # a cell's reference, its formula, its number formats


def _formula_pieces(where: str, formulas: list[_Formula], values: dict[str, str], book: _Book,
                    unknown: set[str] = frozenset()) -> Iterator[Piece | Gap]:
    """What each formula computes to, and that result as the cell's number formats show it (a format adding
    the first digits of a number to what the arithmetic gives); a Gap for one naming a cell whose value is
    not known (`unknown`: a formula saved without its result that names other cells) — never a wrong number."""
    worked_out: dict[str, list[str]] = {}
    if unknown:
        values, unknown, worked_out = worked_out_in_turn({reference: text for reference, text, _ in formulas}, values,
                                                         book.names, unknown)
    for reference, text, codes in formulas:
        if unknown and (chained := next((key for key in formula_references(text, book.names) if key in unknown), None)):
            yield uncomputed(f"{where}{reference}", f"单元格 {chained} 的公式（它没有保存计算结果，又引用其他单元格）")
            continue
        literals, *results = worked_out.get(reference) or formula_texts(text, values, book.names)
        for computed in (literals, *results):
            if _digits(computed) >= MIN_DIGITS:
                yield Piece(f"{where}{reference}的公式（打开时计算为）", computed)
        for number in (_number_or_none(result) for result in results if result):
            for code in codes if number is not None else ():
                yield from shown_piece(f"{where}{reference}的公式", code, number, book.date1904)


CHAIN_PASSES = 16   # formulas naming formulas saved without their results, worked out this many links deep


def worked_out_in_turn(own: dict[str, str], values: dict[str, str], names: dict[str, str],
                       unknown: set[str]) -> tuple[dict[str, str], set[str], dict[str, list[str]]]:
    """Formulas of this sheet saved without their results (a file a program wrote: Excel and WPS save every
    result) worked out from the cells they name once those are known, link by link: a sum or a join of known
    cells is known. One that cannot be worked out (another function, an unknown cell) stays unknown.
    Also returns each formula's texts as worked out (`formula_texts`): they do not change once the cells it
    names are known, and a long chain's formulas would be worked out again for their pieces."""
    values, unknown = dict(values), set(unknown)
    worked_out: dict[str, list[str]] = {}
    for _ in range(CHAIN_PASSES):
        solved = {}
        for key in unknown & own.keys():
            text = own[key]
            if any(named in unknown for named in formula_references(text, names)):
                continue
            literals, *results = worked_out[key] = formula_texts(text, values, names)
            if results and results[0]:
                solved[key] = results[0]
            elif joins(text) and unresolved(text, names) is None:
                solved[key] = literals
        if not solved:
            break
        values.update(solved)
        unknown -= solved.keys()
    return values, unknown, worked_out


def _referred_values(package: zipfile.ZipFile, own: str, parts: dict[str, str], book: _Book,
                     keys: set[str], unknown: set[str]) -> dict[str, str]:
    """The values of the cells `keys` names from the sheet `own`: its own cells as A1, another
    sheet's as NAME!A1 (its name folded by `sheet_key`), each sheet read once."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        sheet, _, cell = key.rpartition("!")
        if (part := parts.get(sheet) if sheet else own) is not None:
            wanted.setdefault(part, set()).add(cell)
    values: dict[str, str] = {}
    names = {part: sheet for sheet, part in parts.items()}
    for part, cells in wanted.items():
        missing: set[str] = set()
        found = _cell_values(package.open(part), book, cells, missing)
        for prefix in {"" if part == own else f"{names[part]}!", f"{names[part]}!" if part in names else ""}:
            values.update({prefix + cell: value for cell, value in found.items()})   # its own sheet by name too (名单!A1)
            unknown.update(prefix + cell for cell in missing)
    return values


MAX_LOOKED_UP = 500_000   # cell references the joining formulas of one sheet may name, in all


def looked_up(formulas: list[str], names: dict[str, str] | None = None) -> set[str]:
    """The cells the `formulas` join; OverLimit past MAX_LOOKED_UP references in all (formulas each
    joining a range of 256 cells would otherwise take minutes, and reading only some is no check)."""
    found: set[str] = set()
    named = 0
    for formula in formulas:
        references = formula_references(formula, names)
        named += len(references)
        if named > MAX_LOOKED_UP:
            raise OverLimit(f"公式引用的单元格超过 {MAX_LOOKED_UP} 个的读取上限")
        found.update(references)
    return found


def sheet_key(name: str) -> str:
    """A sheet's name as formulas name it, folded: Excel matches sheet names without regard to case."""
    return name.casefold()


def _cell_values(stream, book: _Book, wanted: set[str], unknown: set[str]) -> dict[str, str]:
    """The raw values (as & joins them) of the cells `wanted` names (A1 …); `unknown` gets those whose value
    is not known here (a formula saved without its result that names other cells)."""
    values = {}
    for _, cell in iterparse(stream, events=("end",), tag="{*}c"):
        reference = (cell.get("r") or "").upper()
        if reference in wanted:
            kind, raw = cell.get("t") or "n", next(cell.iterchildren("{*}v"), None)
            text = raw.text or "" if raw is not None else ""
            if kind == "s" and text.strip().isdigit():
                text = book.strings.get(int(text)) or ""
            elif kind == "inlineStr":
                text = "".join(next(cell.iterchildren("{*}is"), cell).itertext())
            elif kind == "n":
                text = _number_literal(text)
            formula = next(cell.iterchildren("{*}f"), None)
            if not (raw is not None and raw.text) and formula is not None and formula.text:
                # A formula saved without its result: worked out when it names no other cell (its literals and
                # arithmetic); one that does (a chain of formulas) is not, and the formula naming it is not checked.
                computed = None if _CELL_OR_RANGE.search(_STRING_LITERAL.sub('""', formula.text)) or unresolved(
                    formula.text, book.names) else _Computation(formula.text, {}, book.names).result()
                if computed is None:
                    unknown.add(reference)
                text = computed or ""
            values[reference] = text
        _drop(cell)
    return values


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


def raw_text(value: float | str) -> str:
    """A value as General shows it, at the least: a whole number without ".0" (up to the 15 digits a
    spreadsheet keeps; beyond, as Python writes it: 1e+20)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def shown_piece(where: str, code: str, value: float | str, date1904: bool = False) -> list[Piece]:
    """`value` as the number format `code` shows it, where that is not its raw text and holds enough digits."""
    if _digit_bound(code, value) < MIN_DIGITS:
        return []   # most cells: the format cannot show eleven digits of this value (no need to format it)
    shown = format_value(code, value, date1904)
    if shown != raw_text(value) and _digits(shown) >= MIN_DIGITS:
        return [Piece(f"{where}（按数字格式显示）", shown)]
    return []


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
        return _literal_text(code) + raw_text(value)


def _digit_bound(code: str, value: float | str) -> int:
    """At least as many digits as `code` can show of `value`: its literal digits, each date or time
    part's (a year four, any other two), the value's whole digits or the whole-number places if more
    (times 100 for %) when the format has digit places at all, the decimal places, and for a text its
    digits for each @; General and elapsed time ([h]) are not bounded. Sections are added up: the
    bound holds whichever is chosen."""
    shape = _shape(code)
    literal, whole_places, decimal_places, dates, percent, elapsed, general, texts = shape
    bound = literal + dates + decimal_places
    if isinstance(value, str):
        return bound + _digits(value) * max(texts, 1)
    whole = abs(value) * (100 if percent else 1)
    if elapsed or general or whole >= 1e16:
        return MIN_DIGITS   # not worth bounding: format it
    if not whole_places and not decimal_places:
        return bound   # no digit places (a date, a text): the number itself is not shown
    return bound + max(len(str(int(whole))), whole_places)


_SECTION_PARTS = re.compile(r"(?P<places>[0#?]+)|(?P<point>\.)|(?P<date>([yebYEB])\4*|([mdhsMDHS])\5*)|(?P<semicolon>;)")


@lru_cache(maxsize=4096)
def _shape(code: str) -> tuple[int, int, int, int, bool, bool, bool, int]:
    """(literal digits, whole-number places, decimal places, date digits, %, elapsed time, General, @ count) of `code`."""
    lower = code.lower()
    elapsed = bool(re.search(r"\[(?:h+|m+|s+)\]", lower))
    general = "general" in lower or "通用" in code or not code.strip()
    bare = _LITERALS.sub(" ", code)
    whole = decimal = dates = 0
    after_point = False
    for match in _SECTION_PARTS.finditer(bare):
        if match.group("places"):
            if after_point:
                decimal += len(match.group("places"))
            else:
                whole += len(match.group("places"))
        elif match.group("point"):
            after_point = True
        elif match.group("date"):
            dates += 4 if match.group(4) else 2
        else:
            after_point = False
    fills = re.findall(r"\*(\d)", code)   # a fill character repeats as often as the column is wide
    literal = _digits(_literal_text(code)) + (MIN_DIGITS if fills else 0)
    return literal, whole, decimal, dates, "%" in bare, elapsed, general, bare.count("@")


_DATE_CODES = re.compile(r"[ymdhs]", re.I)
_LITERALS = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')


def _is_date(code: str) -> bool:
    return bool(_DATE_CODES.search(_LITERALS.sub("", code)))


def _literal_text(code: str) -> str:
    return "".join((match.group(1) or match.group(2) or "") for match in _LITERALS.finditer(code))


# --- styles.xml and the string table -------------------------------------------------------------

def _cell_formats(package: zipfile.ZipFile) -> tuple[dict[int, str], list[str]]:
    """cellXfs index (a cell's s="…") → its number format's code, for the formats that may show more
    than the raw value: every format the workbook defines, and the built-in ones in `_BUILT_IN`; and
    the formats conditional formatting may give any cell (dxfs), tried on every cell."""
    from lxml import etree
    try:
        styles = etree.fromstring(package.read("xl/styles.xml"), safe_parser())
    except (KeyError, etree.XMLSyntaxError):
        return {}, []
    defined = {_number(f.get("numFmtId")): f.get("formatCode") or "" for f in styles.iter("{*}numFmt")}
    cell_xfs = next(styles.iter("{*}cellXfs"), None)
    formats = {}
    for index, xf in enumerate(cell_xfs.iterchildren("{*}xf") if cell_xfs is not None else ()):
        number = _number(xf.get("numFmtId"))
        code = defined.get(number, _BUILT_IN.get(number))
        if code:
            formats[index] = code
    conditional = [f.get("formatCode") for dxfs in styles.iter("{*}dxfs") for f in dxfs.iter("{*}numFmt") if f.get("formatCode")]
    return formats, conditional[:MAX_CONDITIONAL]


MAX_CONDITIONAL = 8   # conditional number formats tried on every cell (a real workbook has none or one or two)


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


def _workbook_settings(package: zipfile.ZipFile) -> tuple[bool, dict[str, str], dict[str, str], frozenset[str]]:
    """Whether dates count from 1904, the defined names that stand for a constant (name → its text), and those
    that stand for a cell or range (name → the reference: =前*10000+B1 computes over the cell 前 names)."""
    from lxml import etree
    try:
        workbook = etree.fromstring(package.read("xl/workbook.xml"), safe_parser())
    except (KeyError, etree.XMLSyntaxError):
        return False, {}, {}, frozenset()
    properties = next(workbook.iter("{*}workbookPr"), None)
    date1904 = properties is not None and (properties.get("date1904") or "").lower() in ("1", "true")
    names, references, ambiguous = defined_names([(defined.get("name") or "", defined.text or "")
                                                   for defined in workbook.iter("{*}definedName")])
    return date1904, names, references, ambiguous


def defined_names(defined: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """A workbook's names (name, its definition as Excel writes it) as the formula readers take them: those
    standing for a constant (name → its text) and those standing for a cell or range (name → the reference);
    a name defined twice differently (for a sheet and for the workbook) stands for neither: the third set."""
    names, references, definitions = {}, {}, {}
    for name, text in defined:
        definitions.setdefault(name.upper(), set()).add(text.strip())
        if text and _constant(text):
            # A constant as it computes (`=1380013*1` is 1380013), its literals joined when it only joins them.
            literals, *results = formula_texts(text, {}, {})
            names[name.upper()] = next((result for result in results if result), literals)
        elif text and _reference(text):
            references[name.upper()] = text.strip()
    # A name defined for one sheet (localSheetId) and again for the workbook or another sheet stands for
    # different things on different sheets: not worked out (`ambiguous_name` names it), never one of them guessed.
    ambiguous = {name for name, texts in definitions.items() if len(texts) > 1}
    for name in ambiguous:
        names.pop(name, None)
        references.pop(name, None)
    return names, references, frozenset(ambiguous)


def ambiguous_name(formula: str, ambiguous: frozenset[str]) -> str | None:
    """The first name of `formula` that stands for different things on different sheets."""
    if not ambiguous:
        return None
    return next((match.group("name") for match in _FORMULA_TOKEN.finditer(formula)
                 if match.group("name") and not match.group("call") and match.group("name").upper() in ambiguous), None)


def too_large_range(formula: str) -> bool:
    """Whether arithmetic in `formula` adds or multiplies a range of more than MAX_SUMMED cells."""
    return bool(_ARITHMETIC_SIGN.search(_STRING_LITERAL.sub('""', formula))) and any(
        match.group("range") and not _cells_of(match, MAX_SUMMED) for match in _FORMULA_TOKEN.finditer(formula))


def _reference(definition: str) -> bool:
    """Whether a defined name stands for one cell or range (甲!$A$1, $A$1:$B$2): it is read as that reference."""
    tokens = [match for match in _FORMULA_TOKEN.finditer(definition.strip()) if not match.group().isspace()]
    if tokens and tokens[0].group("sheet") and not tokens[0].group("sheet").lstrip("'").startswith("["):
        tokens = tokens[1:]
    return len(definition) <= 300 and len(tokens) == 1 and bool(tokens[0].group("cell") or tokens[0].group("range"))


def with_references(formula: str, references: dict[str, str]) -> str:
    """`formula` with each defined name that stands for a cell or range (`references`) written as that reference."""
    if not references:
        return formula
    return "".join(references.get(match.group("name").upper(), match.group())
                   if match.group("name") and not match.group("call") else match.group()
                   for match in _FORMULA_TOKEN.finditer(formula))


def _constant(definition: str) -> bool:
    """Whether a defined name stands for a constant: it names no cell, range or sheet."""
    return not any(match.group("cell") or match.group("range") or match.group("sheet")
                   for match in _FORMULA_TOKEN.finditer(definition))


def written_texts(package: zipfile.ZipFile, part: str, keep) -> dict[str, str]:
    """The texts written into the cells of the sheet `part` (a shared or inline string; not a formula's result, which
    opening the workbook computes again) that `keep` accepts, by reference (B2 → its text). One pass over the sheet;
    a reference written twice (which of the two Excel keeps is not known) gives none."""
    strings, texts, seen = _SharedStrings(package), {}, set()
    for _, cell in iterparse(package.open(part), events=("end",), tag="{*}c"):
        kind, raw, reference = cell.get("t"), next(cell.iterchildren("{*}v"), None), (cell.get("r") or "").upper()
        if not reference:
            return {}   # a cell placed by its order (no r): references are not read here
        if reference in seen:
            texts.pop(reference, None)
        elif next(cell.iterchildren("{*}f"), None) is None:
            text = None
            if kind == "s" and raw is not None and (raw.text or "").strip().isdigit():
                text = strings.get(int(raw.text))
            elif kind == "inlineStr":
                text = "".join(next(cell.iterchildren("{*}is"), cell).itertext())
            if text is not None and keep(text):
                texts[reference] = text
        seen.add(reference)
        _drop(cell)
    return texts


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
    r'"(?P<string>(?:[^"]|"")*)"'                                   # a string literal ("" is one quote)
    r"|(?P<sheet>'(?:[^']|'')*'!|[^\W\d][\w.]*!)"                # another sheet (Sheet2!A1, '甲 表'!A1)
    r"|(?P<range>\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(])"   # A1:B3
    r"|(?P<cell>\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(])"             # A1, $B$2
    r"|(?P<name>[^\W\d][\w.]*)(?P<call>\()?"                      # a function, or a defined name
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)"           # a number literal
    r"|.", re.S)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_TEXT_CALL = re.compile(r'\bTEXT\(\s*(?:"(?P<string>(?:[^"]|"")*)"|(?P<number>[\d.]+(?:[eE][+-]?\d+)?)'
                        r'|(?P<cell>\$?[A-Za-z]{1,3}\$?\d{1,7}))\s*[,;]\s*"(?P<format>(?:[^"]|"")*)"\s*\)', re.I)
_CHAR_CALL = re.compile(r"\b(?:UNI)?CHAR\(\s*(\d{1,7})\s*\)", re.I)
_ARITHMETIC = re.compile(r"^[=+\s]*(?:of:=)?[\d.eE\s+\-*/()]+$")
_JOINS = re.compile(r"&|\b(?:CONCATENATE|CONCAT|TEXTJOIN)\s*\(", re.I)
MAX_RANGE = 256   # cells of a range a formula joins (CONCAT(A1:A20)) that are looked up
# … and of a range arithmetic adds or multiplies (SUM(A1:A3000)): a column of a year's rows. Past it (or past
# MAX_LOOKED_UP references in all) the formula is named (W401), never left unread.
MAX_SUMMED = 65_536
MAX_ARITHMETIC = 200   # characters of a formula of numbers worked out (Excel's own are short; Python's parser recurses)


def joins(formula: str) -> bool:
    """Whether `formula` joins texts (&, CONCATENATE, CONCAT, TEXTJOIN)."""
    return _JOINS.search(formula) is not None


# What a joining formula may call and still be worked out here; any other function (INDIRECT, OFFSET,
# MID, VLOOKUP …) makes its shown value unknown.
_KNOWN_CALLS = frozenset({"CONCATENATE", "CONCAT", "TEXTJOIN", "TEXT", "CHAR", "UNICHAR"})
_LOGICAL = frozenset({"TRUE", "FALSE"})
_WHOLE_ROWS = re.compile(r"(?<![\w.$])\$?\d{1,7}:\$?\d{1,7}(?![\w.(])")
_STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')
_CELL_OR_RANGE = re.compile(r"(?<![\w.])\$?[A-Za-z]{1,3}\$?\d{1,7}(?![\w(])|!|\b[A-Za-z]{1,3}:[A-Za-z]{1,3}\b")


def unresolved(formula: str, names: dict[str, str]) -> str | None:
    """What a joining formula names that is not worked out here: a function other than the joins, TEXT
    and CHAR; a name that is not a constant (a defined name of cells, the first sheet of a 3-D reference
    甲:乙!A1, the column of A:A); whole rows; a range past MAX_RANGE cells; another workbook. None when
    the whole formula is worked out."""
    for match in _FORMULA_TOKEN.finditer(formula):
        name = match.group("name")
        if name:
            bare = name.upper().removeprefix("_XLFN.").removeprefix("_XLWS.")
            if match.group("call") and bare not in _KNOWN_CALLS:
                return f"函数 {name}"
            if not match.group("call") and bare not in names and bare not in _LOGICAL:
                return f"名称或引用“{name}”"
        elif match.group("sheet") and match.group("sheet").lstrip("'").startswith("["):
            return "其他工作簿中的单元格"
        elif match.group("range") and not _cells_of(match):
            return f"超过 {MAX_RANGE} 个单元格的区域"
    return "整行的区域" if _WHOLE_ROWS.search(_STRING_LITERAL.sub('""', formula)) else None


# Functions that make a text or a number out of pieces, not worked out here: a text's characters replaced, repeated or
# cut (=SUBSTITUTE("138x0013x8000","x",""), =REPT("1",1)&…), a cell's row or column (=1380013800*10+ROW()), WPS's
# NUMBERSTRING. A formula calling one on literals holding a good part of a number (`_PIECED_DIGITS`) may show all of it.
_PIECING_CALLS = frozenset({"SUBSTITUTE", "REPLACE", "REPLACEB", "REPT", "MID", "MIDB", "LEFT", "LEFTB", "RIGHT", "RIGHTB",
                            "TRIM", "CLEAN", "UPPER", "LOWER", "PROPER", "FIXED", "DOLLAR", "RMB", "VALUE", "NUMBERVALUE",
                            "NUMBERSTRING", "ROW", "COLUMN", "ROWS", "COLUMNS", "LEN", "LENB", "REVERSE", "TEXTBEFORE",
                            "TEXTAFTER", "REGEXREPLACE", "BASE", "DECIMAL", "HEX2DEC", "OCT2DEC", "BIN2DEC"})
_PIECED_DIGITS = 7   # digits of a mobile's 11 or an ID's 18 written in the formula itself


def pieces_a_number(formula: str) -> str | None:
    """The function of `_PIECING_CALLS` a formula calls on literals holding `_PIECED_DIGITS` digits or more; None when
    it calls none, or its literals hold fewer (=LEFT(A2,6), =ROW()-1: no number of its own)."""
    if _digits(formula_literals(formula)) < _PIECED_DIGITS:
        return None
    return next((f"函数 {match.group('name')}" for match in _FORMULA_TOKEN.finditer(formula)
                 if match.group("name") and match.group("call")
                 and match.group("name").upper().removeprefix("_XLFN.").removeprefix("_XLWS.") in _PIECING_CALLS), None)


# The file is a workbook already: converting it to one (the fix of an unreadable file) changes nothing. Its formula's
# result, kept as a value, is what the check reads (and what the reader sees); E404's fix for a fetching formula alike.
PASTE_VALUES = "在 Excel/WPS 中复制这个单元格（或整列），“选择性粘贴→数值”只保留结果后替换附件"


def uncomputed(where: str, why: str, over_limit: bool = False) -> Gap:
    """A formula whose shown value is not worked out here: the caller warns (W400; W401 past a limit), naming it."""
    return Gap(f"{where}的公式", f"用到检查无法计算的{why}，打开时显示的内容未检查", over_limit, PASTE_VALUES)


def past_limits(formula: str) -> str | None:
    """Why `formula` is not read: longer than MAX_COMPUTED characters or nesting brackets deeper than MAX_NESTING
    (Excel's own limits; LibreOffice and WPS open longer and deeper ones, which would show a number unread)."""
    if len(formula) > MAX_COMPUTED:
        return f"超过 {MAX_COMPUTED} 个字符的长公式"
    if formula.count("(") > MAX_NESTING:
        depth = deepest = 0
        for match in _BRACKET.finditer(formula):
            depth += 1 if match.group() == "(" else -1 if match.group() == ")" else 0
            deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return f"超过 {MAX_NESTING} 层的括号嵌套"
    return None


def formula_references(formula: str, names: dict[str, str] | None = None) -> list[str]:
    """The cells whose values `formula` joins (A1, and each cell of a small range), upper case, those
    of another sheet as NAME!A1 (`sheet_key`); none for a formula that joins nothing (SUM(A1:A9) adds
    numbers up, unless it is arithmetic worked out here: `computes`). A workbook of another file ([1]Sheet1!A1)
    is not looked up."""
    if not _JOINS.search(formula) and not computes(formula, names):   # with the workbook's constants (=P*10000+B1)
        return []
    found, sheet = [], ""
    for match in _FORMULA_TOKEN.finditer(formula):
        if sheet is not None:
            found += [sheet + cell for cell in _cells_of(match, MAX_SUMMED)]
        sheet = _sheet_prefix(match)
    return found


def _sheet_prefix(match: re.Match) -> str | None:
    """What the next token's cells are keyed with: "" (own sheet), "NAME!" after a sheet, None when
    that sheet is in another workbook."""
    written = match.group("sheet")
    if written is None:
        return ""
    name = written[:-1]
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return None if name.startswith("[") else sheet_key(name) + "!"


def _cells_of(match: re.Match, limit: int = MAX_RANGE) -> list[str]:
    if match.group("cell"):
        return [_key(match.group("cell"))]
    if match.group("range"):
        first, last = (_CELL.match(end) for end in match.group("range").split(":"))
        columns = sorted((_column(first.group(1)), _column(last.group(1))))
        rows = sorted((int(first.group(2)), int(last.group(2))))
        if (columns[1] - columns[0] + 1) * (rows[1] - rows[0] + 1) <= limit:
            return [f"{column_name(column - 1)}{row}" for row in range(rows[0], rows[1] + 1)
                    for column in range(columns[0], columns[1] + 1)]
    return []


def _key(cell: str) -> str:
    return cell.replace("$", "").upper()


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26: `column_name` the other way."""
    return _column(letters) - 1


@lru_cache(maxsize=None)   # at most ZZZ's 18,278 columns; ranges name the same ones over and over
def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as Excel labels its columns."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def formula_texts(formula: str, values: dict[str, str], names: dict[str, str]) -> list[str]:
    """What `formula` may show when computed: its string and number literals, the values of the cells
    (`values`) and constant names (`names`) it names, joined in order, as & CONCATENATE, CONCAT and
    TEXTJOIN join them, TEXT(literal, "format") and CHAR(code) worked out first; and, for a formula
    of numbers and + - * / only, its result; for arithmetic over cells (`computes`), its result."""
    texts = [formula_literals(formula, values, names)]
    if _ARITHMETIC.match(formula):
        texts.append(_arithmetic(formula) if len(formula) <= MAX_ARITHMETIC else _Computation(formula, {}, {}).result() or "")
    elif computes(formula, names) and (result := _Computation(formula, values, names).result()) is not None:
        texts.append(result)
    return texts


def formula_literals(formula: str, values: dict[str, str] | None = None, names: dict[str, str] | None = None) -> str:
    formula = _CHAR_CALL.sub(_character, _TEXT_CALL.sub(lambda call: _formatted_call(call, values or {}), formula))
    out, sheet = [], ""
    joined = bool(values) and joins(formula)   # once: asked at every cell, it read a long formula once per cell
    for match in _FORMULA_TOKEN.finditer(formula):
        if match.group("string") is not None:
            out.append(match.group("string").replace('""', '"'))
        elif match.group("number") is not None:
            out.append(_number_literal(match.group("number")))
        elif match.group("name") and not match.group("call") and names:
            out.append(names.get(match.group("name").upper(), ""))
        elif sheet is not None and joined:
            out += [values.get(sheet + cell, "") for cell in _cells_of(match)]
        sheet = _sheet_prefix(match)
    return "".join(out)


def _formatted_call(match: re.Match, values: dict[str, str]) -> str:
    """TEXT(value, "format") as the text it gives; the value a literal or a cell of `values`."""
    value: float | str
    if match.group("cell"):
        if _key(match.group("cell")) not in values:
            return match.group()
        value = values[_key(match.group("cell"))]
    elif match.group("number") is not None:
        value = match.group("number")
    else:
        value = match.group("string").replace('""', '"')
    if match.group("string") is None:   # a number, or a cell's value: TEXT reads a text of digits as a number
        try:
            value = float(value)
        except ValueError:
            pass
    shown = format_value(match.group("format").replace('""', '"'), value)
    return '"' + shown.replace('"', '""') + '"'


def _character(match: re.Match) -> str:
    code = int(match.group(1))
    if not 0 < code < 0x110000 or 0xD800 <= code < 0xE000:
        return match.group()
    return '"' + chr(code).replace('"', '""') + '"'


def _arithmetic(formula: str) -> str:
    """The result of a formula of number literals, + - * / and brackets (`=13800000000+138000`), as
    General shows it; "" when it is not one (Python's parser reads it: only numbers and these operators pass)."""
    import ast
    expression = formula.strip().removeprefix("of:").lstrip("=+").strip()
    try:
        tree = ast.parse(expression, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ""
    try:
        result = _evaluate(tree.body)
    except (ArithmeticError, ValueError, RecursionError, TypeError):
        return ""
    return raw_text(result) if math.isfinite(result) else ""


_OPERATIONS = {"Add": lambda a, b: a + b, "Sub": lambda a, b: a - b, "Mult": lambda a, b: a * b, "Div": lambda a, b: a / b}


def _evaluate(node) -> float:
    import ast
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op).__name__ in _OPERATIONS:
        return _OPERATIONS[type(node.op).__name__](_evaluate(node.left), _evaluate(node.right))
    raise ValueError("not a formula of numbers")


def _number_literal(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return raw_text(number) if math.isfinite(number) else text


# --- arithmetic over cells ------------------------------------------------------------------------
# `=A1*100000000+B1`, `=SUM(A1,B1*10000)`, `=(A1*1000+B1)&C1`: parts placed by powers of ten show a number no
# cell holds. Such a formula is worked out as Excel works it out (precedence & < + - < * / < ^ < unary -,
# text of digits read as a number, an empty cell 0 or ""), when it is made of what is worked out here only:
# numbers, strings, cells and ranges of up to MAX_RANGE cells, + - * / ^ % & and brackets, SUM, PRODUCT and
# the joins. Anything else (ROUND, IF, VLOOKUP, a comparison …) leaves it not worked out and without a line:
# everyday arithmetic calls those all the time, and the result Excel or WPS saved (<v>) is read as text.

_SIGNS = {"+": "Add", "-": "Sub", "*": "Mult", "/": "Div"}   # as _OPERATIONS names them
_COMPUTED_CALLS = frozenset({"SUM", "PRODUCT", "CONCATENATE", "CONCAT"})
_ARITHMETIC_SIGN = re.compile(r"[-+*/^%]|\b(?:SUM|PRODUCT)\s*\(", re.I)
MAX_COMPUTED = 8192   # characters of a formula worked out: Excel's own limit (past it, `past_limits`: W401)
MAX_NESTING = 64   # levels of brackets, Excel's own limit for functions (each level is a few frames of the reader)
_BRACKET = re.compile(r'"(?:[^"]|"")*"|[()]')


class _NotComputed(Exception):
    """What the formula shows is not worked out here (an error value, a function not known …)."""


def computes(formula: str, names: dict[str, str] | None = None) -> bool:
    """Whether `formula` is arithmetic over cells that `formula_texts` works out (see above)."""
    if len(formula) > MAX_COMPUTED or not _ARITHMETIC_SIGN.search(_STRING_LITERAL.sub('""', formula)):
        return False
    cells = False
    for match in _FORMULA_TOKEN.finditer(formula):
        name = match.group("name")
        if name and match.group("call"):
            if name.upper().removeprefix("_XLFN.") not in _COMPUTED_CALLS | {"TEXT", "CHAR", "UNICHAR"}:
                return False
        elif name and name.upper() not in (names or {}):
            return False
        elif match.group("range") and not _cells_of(match, MAX_SUMMED):
            return False
        elif match.group("sheet") and match.group("sheet").lstrip("'").startswith("["):
            return False
        elif match.group() in "<>" or (match.group() == "=" and match.start() > formula.find("=")):
            return False
        cells = cells or bool(match.group("cell") or match.group("range"))
    return cells


class _Computation:
    """One formula worked out over the cells' values (`values`, keyed as `formula_references` names them)."""

    def __init__(self, formula: str, values: dict[str, str], names: dict[str, str]):
        formula = _CHAR_CALL.sub(_character, _TEXT_CALL.sub(lambda call: _formatted_call(call, values), formula))
        formula = formula.strip().removeprefix("of:").lstrip("=").strip()
        self.tokens: list[tuple[str, object]] = []
        sheet = ""
        for match in _FORMULA_TOKEN.finditer(formula):
            if match.group("string") is not None:
                self.tokens.append(("value", match.group("string").replace('""', '"')))
            elif match.group("number") is not None:
                self.tokens.append(("value", float(match.group("number"))))
            elif match.group("cell") or match.group("range"):
                keys = [(sheet or "") + cell for cell in _cells_of(match, MAX_SUMMED)]
                self.tokens.append(("cells" if match.group("range") else "value",
                                    [values.get(key) for key in keys] if match.group("range") else values.get(keys[0])))
            elif match.group("name"):
                self.tokens.append(("call", match.group("name").upper().removeprefix("_XLFN."))
                                   if match.group("call") else ("value", names.get(match.group("name").upper(), "")))
            elif match.group("sheet") is None and not match.group().isspace():
                self.tokens.append(("sign", match.group()))
            sheet = _sheet_prefix(match)
        self.at = 0

    def result(self) -> str | None:
        try:
            value = self._joined(0)
            if self.at != len(self.tokens):
                return None
        except (_NotComputed, ArithmeticError, RecursionError):
            return None
        if isinstance(value, float):
            return raw_text(value) if math.isfinite(value) else None
        return value or None

    def _next(self, *signs: str) -> bool:
        if self.at < len(self.tokens) and self.tokens[self.at] in [("sign", sign) for sign in signs]:
            self.at += 1
            return True
        return False

    def _joined(self, depth: int):
        if depth > MAX_NESTING:
            raise _NotComputed
        value = self._sum(depth)
        while self._next("&"):
            value = _text(value) + _text(self._sum(depth))
        return value

    def _sum(self, depth: int):
        return self._operations(depth, self._product, "+-")

    def _product(self, depth: int):
        return self._operations(depth, self._power, "*/")

    def _operations(self, depth: int, operand, signs: str):
        """`operand` (sign `operand`)…, left to right, for the signs of one precedence."""
        value = operand(depth)
        while self.at < len(self.tokens) and self.tokens[self.at][0] == "sign" and self.tokens[self.at][1] in signs:
            sign = self.tokens[self.at][1]
            self.at += 1
            value = _OPERATIONS[_SIGNS[sign]](_number(value), _number(operand(depth)))
        return value

    def _power(self, depth: int):
        value = self._unary(depth)
        while self._next("^"):
            value = _number(value) ** _number(self._unary(depth))
            if isinstance(value, complex):
                raise _NotComputed
        return value

    def _unary(self, depth: int):
        negative = False   # a run of signs is read in a loop: a thousand of them recursed past Python's stack
        while self.at < len(self.tokens) and self.tokens[self.at] in (("sign", "-"), ("sign", "+")):
            negative ^= self.tokens[self.at][1] == "-"
            self.at += 1
        value = self._primary(depth)
        while self._next("%"):
            value = _number(value) / 100
        return -_number(value) if negative else value

    def _primary(self, depth: int):
        if self.at >= len(self.tokens):
            raise _NotComputed
        kind, value = self.tokens[self.at]
        self.at += 1
        if kind == "value":
            return value
        if kind == "sign" and value == "(":
            inner = self._joined(depth + 1)
            if not self._next(")"):
                raise _NotComputed
            return inner
        if kind == "call":   # its bracket is part of the call's token
            arguments = self._arguments(depth + 1)
            if value in ("SUM", "PRODUCT"):
                numbers = [_number(item) for item in arguments if not isinstance(item, list)] + \
                    [_number(cell) for item in arguments if isinstance(item, list) for cell in item
                     if _numeric(cell)]   # a range's text and empty cells are left out, as Excel leaves them
                return math.fsum(numbers) if value == "SUM" else math.prod(numbers)
            return "".join(_text(cell) for item in arguments for cell in (item if isinstance(item, list) else [item]))
        raise _NotComputed

    def _arguments(self, depth: int) -> list:
        arguments: list = []
        if self._next(")"):
            return arguments
        while True:
            if self.at < len(self.tokens) and self.tokens[self.at][0] == "cells":
                arguments.append(self.tokens[self.at][1])
                self.at += 1
            else:
                arguments.append(self._joined(depth))
            if self._next(")"):
                return arguments
            if not self._next(",", ";"):
                raise _NotComputed


def _numeric(value) -> bool:
    return isinstance(value, float) or isinstance(value, str) and _number_or_none(value) is not None


# A text Excel reads as a number in arithmetic: digits grouped by thousands ("1,380,013", as pasted from a
# report), a point, an exponent, a sign, brackets for a negative amount, a percent sign; full-width digits too.
_NUMBER_TEXT = re.compile(r"(?P<open>\()?(?P<sign>[-+])?(?P<digits>\d{1,3}(?:,\d{3})+|\d*)(?P<rest>(?:\.\d*)?(?:[eE][-+]?\d+)?)"
                          r"(?(open)\))(?P<percent>%)?")


def _number_or_none(text: str) -> float | None:
    text = unicodedata.normalize("NFKC", text).strip()
    match = _NUMBER_TEXT.fullmatch(text)
    if not text or not match or not (match.group("digits") or match.group("rest")[:2][1:].isdigit()
                                         and match.group("rest").startswith(".")):
        return None
    number = float((match.group("sign") or "") + match.group("digits").replace(",", "") + match.group("rest"))
    number = -number if match.group("open") else number
    return number / 100 if match.group("percent") else number


def _number(value) -> float:
    """A value in arithmetic: an empty cell is 0, a text of digits its number, other text #VALUE!."""
    if value is None or value == "":
        return 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, list) or (number := _number_or_none(value)) is None:
        raise _NotComputed
    return number


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        raise _NotComputed
    return raw_text(value) if isinstance(value, float) else value
