"""Front matter (E100–E106, E110, E402): what each file's header says, and 索引号 across the site.

One file's header is checked while it is read (`core/documents.py`, `core/schema.py`,
`core/catalogue.py` for catalogue.yaml, `core/yamlsource.py`); here run the rules that need every
document: a 索引号 used twice (E103) and the agency's numbering pattern (E104, `core/index_numbers.py`).
The hand-written index.md pages are read (and their headers checked) in `core/section_pages.py`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..index_numbers import index_pattern_diagnostics
from ..model import Document
from . import E103

if TYPE_CHECKING:
    from ..site import Site

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
