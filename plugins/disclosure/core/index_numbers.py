"""E104: a 索引号 that does not follow the agency's numbering, told by example, not by regex.

An editor cannot read ``^AB1234/\\d{4}-\\d{5}$``; they can copy the shape of a number the
agency already uses and take the next free one. This rule runs over the whole site because
both need every document's 索引号.
"""

from __future__ import annotations

import datetime as dt

from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .model import Document
from .scaffold import ScaffoldError, next_index_no
from .rules import E104


def index_pattern_diagnostics(catalogue: Catalogue, documents: list[Document], today: dt.date) -> list[Diagnostic]:
    pattern = catalogue.agency.index_pattern
    if pattern is None:
        return []
    valid = [d for d in documents if d.index_no and pattern.search(d.index_no)]
    found = []
    for doc in documents:
        if doc.index_no and not pattern.search(doc.index_no):
            day = doc.published or today  # …/YYYYMM-NNNNN numbers carry the month too
            found.append(E104.at(doc.path, doc.line_of("index_no"),
                                 f"索引号“{doc.index_no}”不符合本机关的编号规则{_advice(catalogue, valid, day)}"))
    return found


def _advice(catalogue: Catalogue, valid: list[Document], day: dt.date) -> str:
    """An example in the agency's shape and the next free number of the document's year."""
    year = day.year
    examples = sorted((d.index_no for d in valid), reverse=True)
    example = f"，正确的写法如 {examples[0]}" if examples else ""
    try:
        free = next_index_no(catalogue, valid, year, month=day.month)
    except ScaffoldError:  # a pattern too intricate to fill in: the example must do
        return f"{example}；编号规则见 catalogue.yaml 的 index_pattern，不清楚时请向网站管理员确认"
    return f"{example}；{year} 年下一个可用的索引号是 {free}（也可用 disclosure new 新建文件，自动编号）"
