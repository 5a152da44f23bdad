"""Required sections (E300, E301): the headings a document type must have, in their order.

The outline is read in `text/outline.py` and compared in this module; documents of an
era before the rule (`content/eras.py`) are exempt.

Required sections of a document type (E300) and their order (E301).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import E300, E301
from ..codes.diagnostics import Diagnostic
from ..content.catalogue import DocType
from ..content.eras import outline_exemption
from ..content.model import Document
from ..text.chinese import fold
from ..text.outline import Heading, headings, normalise_title
from ..text.paragraphs import PARAGRAPH, read_lines
from .focus import focused_documents

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "sections"


def check(site: Site) -> list[Diagnostic]:
    return [problem for doc in outlined_documents(site) for problem in check_sections(doc, doc.doc_type)]


def outlined_documents(site: Site):
    """The focused documents whose type prescribes an outline that applies to them."""
    return [doc for doc in focused_documents(site)
            if doc.doc_type is not None and not outline_exemption(doc, doc.doc_type)]


def check_sections(doc: Document, doc_type: DocType) -> list[Diagnostic]:
    if not doc_type.sections:
        return []
    found = _first_match(doc_type.sections, headings(doc.body, doc.body_line))
    problems = _missing(doc, doc_type, found)
    if doc_type.ordered:
        problems += _out_of_order(doc, doc_type, found)
    return problems


def _first_match(sections: tuple[str, ...], outline: list[Heading]) -> dict[str, Heading]:
    by_title: dict[str, Heading] = {}
    for heading in outline:
        by_title.setdefault(_key(heading.text), heading)
    return {name: by_title[_key(name)] for name in sections if _key(name) in by_title}


def _key(title: str) -> str:
    """A title as compared, 繁體 folded to 简体 as search folds it (總體情況 meets 总体情况)."""
    return normalise_title(fold(title))


def _missing(doc: Document, doc_type: DocType, found: dict[str, Heading]) -> list[Diagnostic]:
    problems = []
    missing = [name for name in doc_type.sections if name not in found]
    as_paragraphs = _paragraph_titles(doc) if missing else {}
    for index, name in enumerate(doc_type.sections):
        if name in found:
            continue
        order = "（应按规定顺序排列）" if doc_type.ordered else ""
        if _key(name) in as_paragraphs:
            line, text = as_paragraphs[_key(name)]
            problems.append(E300.at(doc.path, line, f"{doc_type.name}缺少必备章节“{name}”：第 {line} 行“{text}”是普通的一段，"
                                                    f"不是标题；在这一行行首加“## ”，写成 ## {text}{order}"))
            continue
        before = [found[n].line for n in doc_type.sections[:index] if n in found]
        line = max(before) if before else doc.body_line
        problems.append(E300.at(doc.path, line, f"{doc_type.name}缺少必备章节“{name}”；请增加标题，例如 ## {name}{order}"))
    return problems


def _paragraph_titles(doc: Document) -> dict[str, tuple[int, str]]:
    """The first line of each text that is a plain paragraph, by its title key: a section pasted from Word
    (`一、出台背景`, no `## `) is there, only not a heading; the editor is told which line to mark."""
    titles: dict[str, tuple[int, str]] = {}
    for offset, line in enumerate(read_lines(doc.body)):
        if line.kind == PARAGRAPH and line.text.strip():
            titles.setdefault(_key(line.text), (doc.body_line + offset, line.text.strip()))
    return titles


def _out_of_order(doc: Document, doc_type: DocType, found: dict[str, Heading]) -> list[Diagnostic]:
    problems = []
    present = [name for name in doc_type.sections if name in found]
    for earlier, later in zip(present, present[1:]):
        if found[later].line < found[earlier].line:
            problems.append(E301.at(doc.path, found[later].line, f"章节顺序不对：“{later}”（第 {found[later].line} 行）应在“{earlier}”（第 {found[earlier].line} 行）之后"))
    return problems
