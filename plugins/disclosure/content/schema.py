"""Small typed readers for editor-written YAML mappings.

The catalogue and the front matter are both read through a `FieldReader`: each method
reads one key, reports a coded diagnostic on the key's line when the value is wrong, and
returns ``None`` so that reading goes on and every problem is found in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..codes import E101, E102, Rule
from ..codes.diagnostics import Diagnostic
from ..text.controls import control_characters, direction_controls, reordering_problem, without_control_characters
from .yamlsource import LineMap

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
# The last year a date or a year of the content may name. A year mistyped with a digit too many (`year: 20255`, read
# as the year 20255) or a date past it stopped the check with an internal error (a due date in the year 20256), the
# build with MkDocs' traceback (sitemap.xml.gz's time, from the newest 发布日期, past 2106) and the office report (a
# validity end five years after 9999-12-31); round 30b. No 政府信息 is dated this far ahead.
LATEST_YEAR = 2099
# A document of a government of the People's Republic: a 发布日期 or 成文日期 before 1949 is a mistyped year (0224 for
# 2024), as `year`'s bounds already said; it was accepted with a warning about the index number only (round 33c).
EARLIEST_YEAR = 1949
# What a text field may hold as YAML reads it: a text, or a number or date written plain (printed as written). A value
# built by a YAML tag (`title: !!binary 5YWz5LqO…`, `!!set {…}`) was printed as Python writes it: the page's heading,
# <title>, listing and feed showed `b'\xe5\x85\xb3…'` or `{'关于……'}` for the title, exit 0 (round 30b).
_TEXT_VALUES = (str, int, float, dt.date)


@dataclass
class FieldReader:
    """Reads values out of one YAML file, collecting diagnostics as it goes."""

    path: str
    lines: LineMap
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(self, at: tuple, rule: Rule, message: str) -> None:
        self.diagnostics.append(rule.at(self.path, self.lines.line(*at), message))

    # ---

    def mapping(self, value: Any, at: tuple, label: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.report(at, E102, f"{label}应为“键: 值”形式的映射，实际是{_kind(value)}")
        return None

    def block(self, value: Any, at: tuple, label: str, allowed: dict[str, str], required: Iterable[str] = ()) -> dict | None:
        """A nested mapping checked for its shape, unknown keys and required keys; ``None`` if unusable."""
        data = self.mapping(value, at, label)
        if data is None:
            return None
        self.unknown_keys(data, allowed, at, label)
        present = [self.require(data, key, at, allowed[key]) for key in required]
        return data if all(present) else None

    def block_list(self, data: Mapping, key: str, label: str, allowed: dict[str, str], required: Iterable[str],
                   shape: str, shorthand: str | None = None) -> list[tuple[dict, tuple]]:
        """A list of nested mappings under `key`: each usable item with its path; `shape` shows one item.

        With `shorthand`, an item written as plain text stands for ``{shorthand: text}``.
        """
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report((key,), E102, f"{key}（{label}）应为列表，每项写作 {shape}")
            return []
        value = [{shorthand: item} if shorthand and isinstance(item, str) else item for item in value]
        items = ((self.block(item, (key, index), label, allowed, required), (key, index)) for index, item in enumerate(value))
        return [(item, at) for item, at in items if item is not None]

    def unknown_keys(self, data: Mapping, allowed: Iterable[str], at: tuple, where: str) -> None:
        """E102 for every key not in `allowed`, with the closest known key as the fix."""
        allowed = list(allowed)
        for key in data:
            if key in allowed:
                continue
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            fix = f"是否应为 {hint[0]}？" if hint else f"可用的字段：{', '.join(allowed)}"
            self.report(at + (key,), E102, f"{where}中有未知字段 {key}；{fix}")

    def require(self, data: Mapping, key: str, at: tuple, label: str) -> bool:
        if data.get(key) not in (None, "", []):
            return True
        self.report(at + (key,) if key in data else at, E101, f"缺少必填字段 {key}（{label}）")
        return False

    # ---

    def text(self, data: Mapping, key: str, at: tuple, label: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, _TEXT_VALUES):
            self.report(at + (key,), E102, f"{key}（{label}）应为文字，实际是{_kind(value)}")
            return None
        return self._printable(str(value), at + (key,), key, label).strip() or None

    def integer(self, data: Mapping, key: str, at: tuple, label: str, minimum: int = 0,
                maximum: int | None = None) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.report(at + (key,), E102, f"{key}（{label}）应为不小于 {minimum} 的整数，实际是 {value!r}")
            return None
        if maximum is not None and value > maximum:
            self.report(at + (key,), E102, f"{key}（{label}）{value} 大于 {maximum}，不是可能的值（多打了一位？）；请核对")
            return None
        return value

    def year(self, data: Mapping, key: str, at: tuple, label: str) -> int | None:
        """A year (an annual report's, the first year a rule applies): EARLIEST_YEAR to LATEST_YEAR."""
        return self.integer(data, key, at, label, minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)

    def boolean(self, data: Mapping, key: str, at: tuple, label: str) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report(at + (key,), E102, f"{key}（{label}）应为 true 或 false，实际是 {value!r}")
        return None

    def choice(self, data: Mapping, key: str, at: tuple, label: str, choices: Iterable[str]) -> str | None:
        value = self.text(data, key, at, label)
        choices = list(choices)
        if value is None or value in choices:
            return value
        self.report(at + (key,), E102, f"{key}（{label}）的值“{value}”无效；只能是：{'、'.join(choices)}")
        return None

    def text_list(self, data: Mapping, key: str, at: tuple, label: str) -> list[str]:
        """A list of texts; a single text is taken as a list of one, as editors write it."""
        value = data.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        result = []
        for index, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, _TEXT_VALUES):
                where = at + (key, index) if isinstance(value, list) else at + (key,)
                self.report(where, E102, f"{key}（{label}）的每一项都应为文字，实际是{_kind(item)}")
                continue
            where = at + (key, index) if isinstance(value, list) else at + (key,)
            result.append(self._printable(str(item), where, key, label).strip())
        return result

    def _printable(self, text: str, at: tuple, key: str, label: str) -> str:
        """`text` without control characters; E102 when it had any (they break feeds and pages), and when it has a
        character changing the order it is shown in (the reader sees another text than the one checked)."""
        if reordering := direction_controls(text):
            self.report(at, E102, f"{key}（{label}）" + reordering_problem(reordering))
        found = control_characters(text)
        if not found:
            return text
        self.report(at, E102, f"{key}（{label}）含有不可见的控制字符 {'、'.join(found)}（常见于从 Word、PDF 复制或 "
                                f"YAML 转义如 \\v）；请删除这一行的值重新输入文字")
        return without_control_characters(text)

    def date(self, data: Mapping, key: str, at: tuple, label: str) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.report(at + (key,), E102, _date_problem(key, label, value))
        elif parsed.year > LATEST_YEAR:
            self.report(at + (key,), E102, f"{key}（{label}）“{value}”的年份晚于 {LATEST_YEAR} 年，不是可能的日期"
                                           "（年份写错或多打了一位？）；请按公文核对年月日")
            return None
        elif parsed.year < EARLIEST_YEAR:
            self.report(at + (key,), E102, f"{key}（{label}）“{value}”的年份早于 {EARLIEST_YEAR} 年，不是政府信息可能的日期"
                                           "（年份写错或少打了一位？如把 2024 写成 0224、1924）；请按公文核对年月日")
            return None
        return parsed


def parse_date(value: Any) -> dt.date | None:
    """A date written exactly as ``YYYY-MM-DD`` (YAML may give a date or a text)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _ISO_DATE.match(str(value).strip()) if isinstance(value, str) else None
    return calendar_date(*match.groups()) if match else None


def calendar_date(year: str, month: str, day: str) -> dt.date | None:
    """The day these digits name, or None when the calendar has no such day (02-30)."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_problem(key: str, label: str, value: Any) -> str:
    text = str(value).strip()
    loose = _LOOSE_DATE.match(text)
    if loose:
        year, month, day = (int(part) for part in loose.groups())
        try:
            suggestion = dt.date(year, month, day).isoformat()
        except ValueError:
            return f"{key}（{label}）“{text}”不是存在的日期；请核对年月日"
        return f"{key}（{label}）“{text}”格式不对；应写作 {suggestion}（YYYY-MM-DD）"
    if _ISO_DATE.match(text):
        return f"{key}（{label}）“{text}”不是存在的日期；请核对年月日"
    return f"{key}（{label}）“{text}”不是日期；应写作 YYYY-MM-DD，例如 2024-03-15"


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bytes):
        return "二进制数据（YAML 标签 !!binary）"
    if isinstance(value, (set, tuple)):
        return "集合或有序对（YAML 标签 !!set、!!omap、!!pairs）"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    return f"“{value}”"
