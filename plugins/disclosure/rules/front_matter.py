"""Front matter (E100–E106, E110, E402): what each file's header says, and 索引号 across the site.

One file's header is checked while it is read (`content/documents.py`, `content/schema.py`,
`content/catalogue.py` for catalogue.yaml, `content/yamlsource.py`); here run the rules that need every
document: a 索引号 used twice (E103) and the agency's numbering pattern (E104, this module).
The hand-written index.md pages are read (and their headers checked) in `content/section_pages.py`.

E104: a 索引号 that does not follow the agency's numbering, told by example, not by regex.

An editor cannot read ``^AB1234/\\d{4}-\\d{5}$``; they can copy the shape of a number the
agency already uses and take the next free one. This rule runs over the whole site because
both need every document's 索引号.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from ..codes import E103, E104
from ..codes.diagnostics import Diagnostic
from ..content.catalogue import Catalogue
from ..content.model import Document
from ..content.scaffold import ScaffoldError, next_index_no

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "front_matter"


def check(site: Site) -> list[Diagnostic]:
    scope = "本部门" if site.catalogue.is_platform else "全站"   # on a platform each unit numbers its own
    return duplicate_index_numbers(site.documents, scope) + index_pattern_diagnostics(site.catalogue, site.documents, site.today)


def duplicate_index_numbers(documents: list[Document], scope: str = "全站") -> list[Diagnostic]:
    """E103 on every use of a shared 索引号, each naming the other places."""
    users: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.index_no:
            users[doc.index_no].append(doc)
    found = []
    for index_no, docs in users.items():
        for doc in docs if len(docs) > 1 else ():
            others = "、".join(f"{o.path}:{o.line_of('index_no')}" for o in docs if o is not doc)
            found.append(E103.at(doc.path, doc.line_of("index_no"),
                                 f"索引号 {index_no} 重复，也用于 {others}；索引号在{scope}必须唯一，请为新文件另编索引号"))
    return found


def index_pattern_diagnostics(catalogue: Catalogue, documents: list[Document], today: dt.date) -> list[Diagnostic]:
    pattern = catalogue.agency.index_pattern
    if pattern is None:
        return []
    valid = [d for d in documents if d.index_no and catalogue.agency.numbers(d.index_no)]
    found = []
    for doc in documents:
        if doc.index_no and not catalogue.agency.numbers(doc.index_no):
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
