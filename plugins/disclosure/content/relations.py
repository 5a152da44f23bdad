"""Links between documents, resolved once every document is known.

Like a cross-reference plugin, references are collected from every document first and
resolved afterwards, so that file order never matters. A link is declared once (on the
interpretation, the replaced document, the feedback) and shown on both pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..codes import E200, E201, E202, W200
from ..codes.diagnostics import Diagnostic
from .eras import interpretation_exemption
from .model import Document
from .workdays import working_days

REFERENCE_FIELDS = {"interprets": "解读对象", "superseded_by": "替代文件", "responds_to": "反馈对象"}


@dataclass
class Relations:
    """Both directions of every link, keyed by 索引号."""

    interpretations: dict[str, list[Document]] = field(default_factory=lambda: defaultdict(list))
    interpreted: dict[str, list[Document]] = field(default_factory=lambda: defaultdict(list))
    replaces: dict[str, list[Document]] = field(default_factory=lambda: defaultdict(list))
    replaced_by: dict[str, Document] = field(default_factory=dict)
    responses: dict[str, list[Document]] = field(default_factory=lambda: defaultdict(list))
    responds_to: dict[str, Document] = field(default_factory=dict)
    # On a platform: references to a 索引号 this unit does not have, resolved across units later.
    deferred: list[tuple[Document, str, str]] = field(default_factory=list)
    on_platform: bool = False
    unit_id: str | None = None                       # on a platform: this unit's id ("<id>:<索引号>" names its own)
    unit_ids: frozenset[str] = frozenset()           # every unit of the platform


def qualified(target: str, unit_ids) -> tuple[str | None, str]:
    """(unit, 索引号) of a reference: "jyj:SJYJ/2026/0040" names the unit whose 索引号 it is (two units
    may share one); a plain 索引号, or a prefix that is no unit's id, is (None, the reference)."""
    unit, colon, index_no = target.partition(":")
    return (unit, index_no.strip()) if colon and unit in unit_ids and index_no.strip() else (None, target)


def link_documents(documents: list[Document], on_platform: bool = False, unit_id: str | None = None,
                   unit_ids=()) -> Relations:
    """Both directions of every reference from a public document to a public document.

    On a platform, a reference to a 索引号 the unit does not have at all is kept for the platform
    (another unit may publish it); one to a unit's own non-public document stays its own error.
    """
    public = _public_by_index_no(documents)
    known = {doc.index_no for doc in documents if doc.index_no}
    relations = Relations(on_platform=on_platform, unit_id=unit_id, unit_ids=frozenset(unit_ids))
    for doc in documents:
        for key, target in _references(doc, relations):
            if _elsewhere(target, relations):
                relations.deferred.append((doc, key, target))
            elif doc.is_public and target in public:
                _link(relations, key, doc, public[target])
            elif on_platform and target not in known:
                relations.deferred.append((doc, key, target))
    return relations


def relation_diagnostics(documents: list[Document], relations: Relations) -> list[Diagnostic]:
    """E200 for every reference that leads nowhere public; E201 and W200 for missing or late interpretations.

    On a platform, what may be another unit's (a deferred reference, a policy no note of its own
    unit interprets) is decided by `crossrefs.resolve` once every unit is known."""
    public = _public_by_index_no(documents)
    deferred = {(id(doc), key, target) for doc, key, target in relations.deferred}
    diagnostics = [_dangling(doc, key, target, documents)
                   for doc in documents for key, target in _references(doc, relations)
                   if target not in public and (id(doc), key, target) not in deferred]
    if not relations.on_platform:
        diagnostics += _missing_interpretations(public.values(), relations)
    diagnostics += _late_interpretations(public, relations) + _supersession_cycles(relations)
    return diagnostics


def _supersession_cycles(relations: Relations) -> list[Diagnostic]:
    """E202 on the superseded_by line of each document in a ring of replacements (A 被 B 替代 and B 被 A 替代, or longer,
    or A by itself): each page then says it is no longer in force and names the other as its successor, so no text of
    them is current. Each line names the file its superseded_by leads to (round 33c: no line at all)."""
    successors = {index_no: doc.index_no for index_no, doc in relations.replaced_by.items()}
    found = []
    for start, ring in supersession_rings(successors).items():
        successor = relations.replaced_by[start]
        doc = next(doc for doc in relations.replaces[successor.index_no] if doc.index_no == start)
        found.append(E202.at(doc.path, doc.line_of("superseded_by"),
                             ring_message(successor.index_no, successor.title or "", successor.path, ring)))
    return found


def supersession_rings(successors: dict) -> dict:
    """Each key of `successors` (a document → the one its superseded_by names) that the chain of successors leads back
    to, with that ring from it back to it: {A: [A, B, A]}; a document replaced by itself is [A, A]."""
    rings = {}
    for start in successors:
        ring, current = [start], successors[start]
        while current != start and current in successors and current not in ring:
            ring.append(current)
            current = successors[current]
        if current == start:
            rings[start] = ring + [start]
    return rings


def ring_message(index_no: str, title: str, where: str, ring: list[str]) -> str:
    """E202's words for a superseded_by naming `index_no` (“title”, at `where`), which leads back around `ring`."""
    if len(ring) == 2:
        return (f"superseded_by（替代文件）{index_no} 是本文件自己的索引号：页面上显示为已被自己替代、不再有效；"
                "请删去 superseded_by，或改写替代本文件的新文件的索引号")
    return (f"superseded_by（替代文件）{index_no} 指向“{title}”（{where}），它又经 superseded_by 替代回本文件"
            f"（{' → '.join(ring)}）：页面上每份都显示为已被替代、不再有效；请核对哪一份是新文件，"
            "在新文件中删去 superseded_by（旧文件写 superseded_by: 新文件的索引号）")


def awaiting_interpretation(doc: Document, relations: Relations) -> bool:
    """A public document whose type requires an interpretation, with none so far and no exemption."""
    doc_type = doc.doc_type
    return bool(doc.is_public and doc_type and doc_type.interpretation == "required"
                 and not relations.interpretations.get(doc.index_no) and not interpretation_exemption(doc, doc_type))


def missing_interpretation(path: str, line: int, type_name: str, index_no: str) -> Diagnostic:
    return E201.at(path, line, f"{type_name}须配套政策解读（谁起草谁解读），但没有解读材料指向索引号 {index_no}；"
                               f"请新增解读文件并在其 interprets 中填写 {index_no}")


def interpretation_delay(policy_published, published, workdays: bool = False) -> int:
    """Days (or, for a type with `interpretation_workdays`, 工作日) from a policy's 发布日期 to its note's."""
    if not (published and policy_published):
        return 0
    return working_days(policy_published, published) if workdays else (published - policy_published).days


def limit_unit(workdays: bool) -> str:
    return "个工作日" if workdays else "天"


def late_interpretation(path: str, line: int, published, policy_no: str, policy_published, days: int,
                        workdays: bool = False) -> Diagnostic | None:
    """W200 when a note came out more than `days` (天, or 工作日) after its policy; None when in time."""
    delay = interpretation_delay(policy_published, published, workdays)
    if delay <= days:
        return None
    unit = limit_unit(workdays)
    return W200.at(path, line, f"解读发布于 {published}，比所解读文件 {policy_no}（{policy_published}）晚 {delay} {unit}，"
                               f"超过 {days} {unit}的时限；解读应与文件同步发布")


def _public_by_index_no(documents: list[Document]) -> dict[str, Document]:
    return {doc.index_no: doc for doc in documents if doc.is_public and doc.index_no}


def _references(doc: Document, relations: Relations):
    """(field, target) of each reference of `doc`; "<own unit>:<索引号>" is the 索引号 itself."""
    targets = [("interprets", target) for target in doc.interprets]
    targets += [(key, value) for key, value in (("superseded_by", doc.superseded_by), ("responds_to", doc.responds_to))
                if value]
    for key, target in targets:
        unit, index_no = qualified(target, relations.unit_ids)
        yield key, (index_no if unit and unit == relations.unit_id else target)


def _elsewhere(target: str, relations: Relations) -> bool:
    """A reference naming another unit ("jyj:…"): only the platform can resolve it."""
    unit, _ = qualified(target, relations.unit_ids)
    return bool(unit and unit != relations.unit_id)


def _link(relations: Relations, key: str, source: Document, target: Document) -> None:
    if key == "interprets":
        relations.interpretations[target.index_no].append(source)
        relations.interpreted[source.index_no].append(target)
    elif key == "superseded_by":
        relations.replaces[target.index_no].append(source)
        relations.replaced_by[source.index_no] = target
    else:
        relations.responses[target.index_no].append(source)
        relations.responds_to[source.index_no] = target


def _dangling(doc: Document, key: str, target: str, documents: list[Document]) -> Diagnostic:
    hidden = next((d for d in documents if d.index_no == target), None)
    reason = f"指向的文件“{hidden.title}”不是主动公开文件" if hidden else "站内没有这个索引号"
    return E200.at(doc.path, doc.line_of(key), f"{key}（{REFERENCE_FIELDS[key]}）中的索引号 {target} 无法链接：{reason}；请核对索引号")


def _missing_interpretations(public, relations: Relations) -> list[Diagnostic]:
    return [missing_interpretation(doc.path, doc.line_of("index_no"), doc.doc_type.name, doc.index_no)
            for doc in public if awaiting_interpretation(doc, relations)]


def _late_interpretations(public: dict[str, Document], relations: Relations) -> list[Diagnostic]:
    found = []
    for policy_no, notes in relations.interpretations.items():
        policy = public[policy_no]
        doc_type = policy.doc_type
        if not (doc_type and policy.published) or interpretation_exemption(policy, doc_type):
            continue
        for note in (note for note in notes if not note.imported):
            late = late_interpretation(note.path, note.line_of("published"), note.published, policy_no,
                                       policy.published, doc_type.interpretation_days, doc_type.interpretation_workdays)
            if late:
                found.append(late)
    return found
