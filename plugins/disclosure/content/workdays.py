"""工作日: the days the State Council's yearly 节假日安排 makes working days (weekends moved by 调休
included, 法定节假日 excluded), from the kept library `chinesecalendar` (its data is the State
Council's notices, one per year, 2004 onwards; a new version follows each November's notice).

A year the installed version does not know yet (or before 2004) is counted Monday to Friday, and
`approximated` names it, so that a figure counted that way says so instead of being silently off.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import chinese_calendar

SOURCE = "国务院办公厅每年发布的部分节假日安排通知（chinesecalendar 数据）"


@lru_cache(maxsize=None)
def is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:   # a year the calendar data does not cover yet
        return day.weekday() < 5


def known_year(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 7, 1))
        return True
    except NotImplementedError:
        return False


def working_days(start: dt.date, end: dt.date) -> int:
    """工作日 after `start` up to and including `end` (0 when `end` is not after `start`): a document formed
    on a Friday and published the next Monday took 1 工作日, as 条例第二十六条's 20 工作日 are counted.

    The years between the two are counted once each (`_year_workdays`): counted a day at a time, a 成文日期 mistyped
    as 0001-01-01 (or 0204-…) kept `disclosure check` 16 s on one document and the report 20 s, and every further
    document so written added as much again (round 30b)."""
    if end.year - start.year < 2:
        return _days_counted(start, end)
    return (_days_counted(start, dt.date(start.year, 12, 31)) + sum(map(_year_workdays, range(start.year + 1, end.year)))
            + _days_counted(dt.date(end.year - 1, 12, 31), end))


def _days_counted(start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range(1, (end - start).days + 1) if is_workday(start + dt.timedelta(days=n)))


@lru_cache(maxsize=None)
def _year_workdays(year: int) -> int:
    """A whole year's 工作日: by the calendar's data, or Monday to Friday (as `is_workday` counts a year it lacks)."""
    if known_year(year):
        return _days_counted(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
    first, days = dt.date(year, 1, 1).weekday(), 366 if calendar.isleap(year) else 365
    return sum(1 for day in range(days) if (first + day) % 7 < 5)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th 工作日 after `start` (`start` itself when count is 0): the last day a limit allows."""
    day, left = start, count
    while left > 0:
        day += dt.timedelta(days=1)
        left -= is_workday(day)
    return day


def approximated(start: dt.date, end: dt.date) -> list[int]:
    """The years between `start` and `end` counted Monday to Friday (no holiday data for them)."""
    return [year for year in range(start.year, end.year + 1) if not known_year(year)]
