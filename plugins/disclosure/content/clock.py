""""Today" for rules that depend on it, fixed by SOURCE_DATE_EPOCH for reproducible builds."""

from __future__ import annotations

import datetime as dt
import os

_CHINA = dt.timezone(dt.timedelta(hours=8))
EPOCH_ENV = "SOURCE_DATE_EPOCH"
# The last second a build can be dated with: gzip's header holds it in 32 bits (MkDocs writes sitemap.xml.gz with the
# build's time: struct.error past 2106-02-07); Python's dates end at 9999 (ValueError), the system's time_t later (OSError).
_LATEST_EPOCH = 2**32 - 1


class UnusableEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set to what no date can be made of; the message, in Chinese, says what to write."""


def epoch_problem(environ: dict | None = None, empty_allowed: bool = True) -> str | None:
    """Why SOURCE_DATE_EPOCH cannot fix the build's date, in Chinese, or None (unset, or seconds since 1970 up to
    `_LATEST_EPOCH`). MkDocs reads it with int() and ends in a traceback on "abc" or a blank value, and dates pages
    in 1969 from "-5", where this tool read the day's date: the check and the build judged different days. A blank
    value stands for "today" to the tool's own commands (`make report`), not to MkDocs (`empty_allowed` False)."""
    environ = os.environ if environ is None else environ
    value = environ.get(EPOCH_ENV)
    if value is None or not value.strip() and empty_allowed:
        return None
    written = value.strip()
    if written.isascii() and written.isdigit() and int(written) <= _LATEST_EPOCH:
        return None
    return (f"环境变量 {EPOCH_ENV} 的值“{written[:40]}”不能用作生成日期：应是 1970 年以来的秒数（0 到 {_LATEST_EPOCH} 的"
            f"整数，如 git log -1 --format=%ct 给出的提交时间）；请改正，或删去这个变量（unset {EPOCH_ENV}）按当天生成")


def build_date(environ: dict | None = None) -> dt.date:
    """The build's date in China Standard Time; SOURCE_DATE_EPOCH wins when it is set (UnusableEpoch when it is set
    to what no date can be made of)."""
    environ = os.environ if environ is None else environ
    if problem := epoch_problem(environ):
        raise UnusableEpoch(problem)
    epoch = environ.get(EPOCH_ENV, "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), _CHINA).date()
    return dt.datetime.now(_CHINA).date()
