"""Nothing made up gets published: the fill-in marks `disclosure new` writes are errors (E108)
until the editor replaces them, and a 索引号 whose year is not the 发布日期's year is a warning (W104)."""

from __future__ import annotations

import re

from ..codes import E108, W104
from ..codes.diagnostics import Diagnostic
from .model import Document

# What `disclosure new` writes: 【请填写：…】. The older marks are recognised too, so that files
# made by an earlier version are caught; a document's own "请填写申请表" is not a placeholder.
PLACEHOLDER = re.compile(r"【请填写[^】\n]*】|（请填写(?:正文)?。）|请填写机关代字〔\d{4}〕\d+号")
# Written in every branch of PLACEHOLDER: a text without it holds none, and a substring search (in C) says so in a
# fraction of the expression's scan of every body and value (a quarter of a second over 10,000 documents).
_EVERY_PLACEHOLDER_SAYS = "请填写"
_INDEX_YEAR = re.compile(r"(?:^|[/\-_.])((?:19|20)\d{2})(?:0[1-9]|1[0-2])?(?=[/\-_.]|$)")


def fill_in(what: str) -> str:
    """The placeholder `disclosure new` writes for something only the editor knows."""
    return f"【请填写：{what}】"


def is_placeholder(value) -> bool:
    return isinstance(value, str) and _EVERY_PLACEHOLDER_SAYS in value and bool(PLACEHOLDER.search(value))


def placeholder_diagnostics(path: str, texts: list[tuple[int, str]]) -> list[Diagnostic]:
    """E108 on every line that still carries a placeholder; `texts` are (first line, text) pairs."""
    found = []
    for first_line, text in texts:
        if _EVERY_PLACEHOLDER_SAYS not in text:
            continue
        for match in PLACEHOLDER.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            found.append(E108.at(path, line, f"仍有待填写的占位文字“{match.group(0)}”（disclosure new 生成）；"
                                    f"请填入实际内容并删除占位文字，不能把占位文字发布出去"))
    return found


def index_year(index_no: str) -> int | None:
    """The year in a 索引号 such as 000014349/2017-00110 or 11341702486344515H/202110-00013."""
    match = _INDEX_YEAR.search(index_no)
    return int(match.group(1)) if match else None


def index_year_problem(doc: Document) -> Diagnostic | None:
    """W104 when the 索引号's year is neither the 发布日期's year nor the 成文日期's (a typo in one of
    them, or a backdated date). An old document published again later keeps the 索引号 of the
    year it was written (成文): that is a re-publication, not a mistake."""
    if not (doc.index_no and doc.published) or doc.imported:
        return None   # an imported document keeps the 索引号 and 发布日期 its old site gave it
    year = index_year(doc.index_no)
    if year is None or year == doc.published.year or (doc.issued is not None and year == doc.issued.year):
        return None
    dates = f"发布日期 {doc.published}、成文日期 {doc.issued} 的年份都" if doc.issued else f"发布日期 {doc.published} 的年份"
    return W104.at(doc.path, doc.line_of("index_no"), f"索引号 {doc.index_no} 中的年份 {year} 与{dates}不同；"
                      "请核对索引号和日期：重新发布的旧文件，索引号用它成文那一年的；从原网站迁移来的，写 imported: 说明来历；"
                      "新文件可用 disclosure new 生成当年的索引号")
