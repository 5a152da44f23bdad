"""The hand-written index.md pages: the home page's introduction and a category's preface.

They are published as pages, so their front matter may only set what such a page needs; any
other key (`template:`, `disclosure:`, `type:` …) would change how MkDocs renders it or pretend
to be a document, and is E102 on its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..codes import E100, E102, E112
from ..codes.diagnostics import Diagnostic
from .documents import fence_problem, host_unread_dates, published_values, reordered_lines, split_front_matter
from .inventory import read_regular, shown
from .model import Document
from .schema import FieldReader
from .yamlsource import LineMap, decode_text, load_yaml

SECTION_KEYS = ("title", "description", "hide")
# Not "footer": it carries the 网站标识码, ICP 备案号 and 党政机关标识 that every page of a government site must show.
HIDE_VALUES = ("navigation", "toc", "feedback", "path", "tags")


@dataclass
class SectionPage:
    page: Document                                   # body and lines only
    values: list[tuple[int, str]] = field(default_factory=list)   # front matter values that reach the page


def read_section_page(file: Path, path: str, src_uri: str) -> tuple[SectionPage | None, list[Diagnostic]]:
    """The page (body, lines, published front matter values) and the problems of its front matter."""
    try:
        raw = read_regular(file)
    except OSError as error:
        return None, [E112.at(shown(path), 1, f"无法读取（{error.strerror or error}）；请检查文件权限")]
    text, problems = decode_text(raw, path)
    if text is None:
        return None, problems
    if problem := fence_problem(text):
        return None, problems + [E100.at(path, *problem)]
    parts = split_front_matter(text)
    if parts is None:
        return (SectionPage(Document(path=path, src_uri=src_uri, lines=LineMap(), body=text, body_line=1)),
                problems + reordered_lines(path, text, 1))
    front, body, body_line = parts
    parsed = load_yaml(front, path, line_offset=1)
    reader = FieldReader(path, parsed.lines, problems + parsed.diagnostics)
    if parsed.data is not None and not isinstance(parsed.data, dict):
        reader.report((), E100, "文件头应为“字段: 值”形式的映射（例如 title: 栏目说明），实际不是")
    elif parsed.data:
        reader.unknown_keys(parsed.data, SECTION_KEYS, (), "首页或栏目说明（index.md）的文件头")
        _check_hide(reader, parsed.data)
        reader.text(parsed.data, "title", (), "标题")
        reader.text(parsed.data, "description", (), "页面描述")
    reader.diagnostics += host_unread_dates(path, front, 2, reader.diagnostics)
    page = Document(path=path, src_uri=src_uri, lines=parsed.lines, body=body, body_line=body_line)
    values = published_values(parsed.data, parsed.lines) if isinstance(parsed.data, dict) else []
    return SectionPage(page, values), reader.diagnostics + reordered_lines(path, body, body_line)


def _check_hide(reader: FieldReader, data: dict) -> None:
    hide = data.get("hide")
    if hide is None:
        return
    if isinstance(hide, list) and "footer" in hide:
        reader.report(("hide",), E102, "hide 不能写 footer：页脚印有网站标识码、ICP 备案号和党政机关标识，政府网站的每个页面都要显示；"
                      f"请删去 footer（可选值：{'、'.join(HIDE_VALUES)}）")
    elif not isinstance(hide, list) or any(value not in HIDE_VALUES for value in hide):
        reader.report(("hide",), E102, f"hide 应为列表，可选值：{'、'.join(HIDE_VALUES)}，例如 hide: [toc]")
