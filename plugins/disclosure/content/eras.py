"""Rules a document is exempt from, and why: a rule applies from the year or date the agency sets
in catalogue.yaml, and a document moved in from an old site (`imported: 理由`) is published as it
was, without an interpretation or the current outline invented for it. Every exemption is counted
in the check's and the build's summary, so that nothing is waived silently."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .catalogue import Catalogue, DocType
from .model import Document

INTERPRETATION_RULES = "解读要求（E201、W200）"
OUTLINE_RULES = "必备章节和年报表格（E300、E301、W303）"
IMPORTED = "迁移文件（imported）"


@dataclass(frozen=True)
class Exemption:
    document: Document
    rules: str
    reason: str


def interpretation_exemption(doc: Document, doc_type: DocType) -> str | None:
    """Why `doc` needs no interpretation (E201) and late ones are no warning (W200); ``None`` if it does."""
    if doc.imported:
        return IMPORTED
    if doc_type.interpretation_from and doc.published and doc.published < doc_type.interpretation_from:
        return f"发布于 {doc_type.interpretation_from}（interpretation_from）之前"
    return None


def outline_exemption(doc: Document, doc_type: DocType) -> str | None:
    """Why `doc` is not held to its type's sections and report tables; ``None`` if it is.

    The six-part annual report and its tables are the formats of 国办公开办函〔2019〕60号 and
    〔2021〕30号; reports on earlier years had other parts (概述, 收费及减免, 会议和培训…).
    """
    if doc.imported:
        return IMPORTED
    if doc_type.sections_from and doc.period and doc.period < doc_type.sections_from:
        return f"{doc_type.sections_from} 年（sections_from）以前的{doc_type.name}"
    return None


def exemptions(documents: list[Document], catalogue: Catalogue) -> list[Exemption]:
    found = []
    for doc in documents:
        doc_type = catalogue.types.get(doc.type or "")
        if doc_type is None:
            continue
        reason = interpretation_exemption(doc, doc_type) if doc_type.interpretation == "required" else None
        if reason:
            found.append(Exemption(doc, INTERPRETATION_RULES, reason))
        reason = outline_exemption(doc, doc_type) if doc_type.sections or doc_type.due else None
        if reason:
            found.append(Exemption(doc, OUTLINE_RULES, reason))
    return found


def exemption_summary(found: list[Exemption]) -> str:
    """``按规定免检 2 个文件：解读要求（E201、W200）2 个（迁移文件（imported）1 个，…）``, or '' when none."""
    if not found:
        return ""
    by_rules: dict[str, Counter] = {}
    for exemption in found:
        by_rules.setdefault(exemption.rules, Counter())[exemption.reason] += 1
    parts = []
    for rules, reasons in by_rules.items():
        detail = "，".join(f"{reason} {count} 个" for reason, count in reasons.items())
        parts.append(f"{rules} {sum(reasons.values())} 个（{detail}）")
    documents = len({id(exemption.document) for exemption in found})
    return f"按规定免检 {documents} 个文件：" + "；".join(parts)
