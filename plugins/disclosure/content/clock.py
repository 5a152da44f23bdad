""""Today" for rules that depend on it, fixed by SOURCE_DATE_EPOCH for reproducible builds."""

from __future__ import annotations

import datetime as dt
import os

_CHINA = dt.timezone(dt.timedelta(hours=8))


def build_date(environ: dict | None = None) -> dt.date:
    """The build's date in China Standard Time; SOURCE_DATE_EPOCH wins when it is set."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), _CHINA).date()
    return dt.datetime.now(_CHINA).date()
