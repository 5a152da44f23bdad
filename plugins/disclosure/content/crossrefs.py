"""References between the units of a platform, resolved once every unit is known.

A unit (the government, a department) is read and built on its own; a reference to a 索引号
it does not have (a department's 解读 of the government's policy) is *deferred*. Each unit
hands over plain records (`UnitRefs`: its public documents, its deferred references, its
policies still waiting for an interpretation), which the full build and the merge of separate
unit builds both resolve with `resolve`: links in both directions for the pages, and the E200,
E201 and W200 that only the whole platform can decide, each naming the source file and line.
The records are JSON-ready, so a unit build can write them and the merge read them back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from ..codes import E200, E202
from ..codes.diagnostics import Diagnostic
from .eras import interpretation_exemption
from .fields import NOT_IN_FORCE
from .relations import (
    REFERENCE_FIELDS,
    awaiting_interpretation,
    late_interpretation,
    missing_interpretation,
    qualified,
    ring_message,
    supersession_rings,
)

# What a link is called on each side: the source's field, and the target's list of sources.
INCOMING = {"interprets": "interpretations", "superseded_by": "replaces", "responds_to": "responses"}
OUTGOING = {"interprets": "interprets", "superseded_by": "replaced_by", "responds_to": "responds_to"}


@dataclass(frozen=True)
class DocRecord:
    """What another unit shows of a public document, and needs for the rules between units."""
    unit: str
    unit_name: str
    index_no: str
    title: str
    type_name: str
    src_uri: str
    published: str | None = None
    doc_no: str | None = None
    interpretation_days: int | None = None   # a policy's: W200 across units
    exempt: bool = False                     # a policy exempt from E201/W200 (its era, `imported:`)
    imported: bool = False                   # a note moved in from an old site: no W200
    validity: str | None = None              # its 有效性: the banner of a page another unit's document replaced
    interpretation_workdays: bool = False    # a policy's limit counts 工作日
    replaced_within: str | None = None       # the 索引号 of its own unit's document its superseded_by names

    @property
    def in_force(self) -> bool:
        return self.validity not in NOT_IN_FORCE


@dataclass(frozen=True)
class Deferred:
    """A reference a unit could not resolve inside itself."""
    unit: str
    path: str
    line: int
    key: str            # interprets | superseded_by | responds_to
    target: str         # the 索引号 named
    source: str | None  # the referring document's 索引号 (its record, when it is public)
    public: bool
    published_line: int = 1   # where W200 points when the note came out late


@dataclass(frozen=True)
class Awaiting:
    """A policy of a unit that requires an interpretation and has none in its own unit."""
    unit: str
    index_no: str
    path: str
    line: int
    type_name: str


@dataclass
class UnitRefs:
    unit: str
    records: list[DocRecord] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)
    awaiting: list[Awaiting] = field(default_factory=list)
    hidden: dict[str, str] = field(default_factory=dict)   # 索引号 → title of the unit's non-public documents

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "UnitRefs":
        return cls(data["unit"], [DocRecord(**r) for r in data["records"]], [Deferred(**d) for d in data["deferred"]],
                   [Awaiting(**a) for a in data["awaiting"]], dict(data["hidden"]))


@dataclass
class CrossLinks:
    """Links between units, by (unit, 索引号) of the page that shows them, and what stays unresolved."""
    links: dict[tuple[str, str], dict[str, list[DocRecord]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _records: dict[tuple[str, str], DocRecord] = field(default_factory=dict)

    def of(self, unit: str, index_no: str | None) -> dict[str, list[DocRecord]]:
        """A page's links to and from other units, by view key (interpretations, interprets, replaced_by…)."""
        return self.links.get((unit, index_no or ""), {})

    def records(self) -> dict[tuple[str, str], DocRecord]:
        """Every public document of the platform by (unit, 索引号)."""
        return self._records

    def pages(self) -> list[tuple[str, str]]:
        """Every (unit, 索引号) whose page shows a link across units, in a fixed order."""
        return sorted(self.links)


def unit_refs(site) -> UnitRefs:
    """The records a unit hands over to the platform (from a read `core.site.Site`)."""
    unit, name = site.catalogue.unit_id, site.catalogue.agency.name
    records = [_record(unit, name, doc, site.relations.replaced_by.get(doc.index_no))
               for doc in site.public_documents if doc.index_no]
    deferred = [Deferred(unit, doc.path, doc.line_of(key), key, target, doc.index_no if doc.is_public else None,
                         doc.is_public, doc.line_of("published")) for doc, key, target in site.relations.deferred]
    awaiting = [Awaiting(unit, doc.index_no, doc.path, doc.line_of("index_no"), doc.doc_type.name)
                for doc in site.public_documents if doc.index_no and awaiting_interpretation(doc, site.relations)]
    hidden = {doc.index_no: doc.title or "" for doc in site.documents if not doc.is_public and doc.index_no}
    return UnitRefs(unit, records, deferred, awaiting, hidden)


def _record(unit: str, unit_name: str, doc, successor=None) -> DocRecord:
    doc_type = doc.doc_type
    return DocRecord(unit, unit_name, doc.index_no, doc.title or "", doc_type.name if doc_type else doc.type or "",
                     doc.src_uri, doc.published.isoformat() if doc.published else None, doc.doc_no,
                     doc_type.interpretation_days if doc_type else None,
                     bool(doc_type and interpretation_exemption(doc, doc_type)), bool(doc.imported), doc.validity,
                     bool(doc_type and doc_type.interpretation_workdays), successor.index_no if successor else None)


def resolve(units: list[UnitRefs]) -> CrossLinks:
    """Resolve every unit's deferred references against the other units' public documents."""
    found = CrossLinks()
    public: dict[str, list[DocRecord]] = defaultdict(list)
    hidden: dict[str, str] = {}
    for refs in units:
        for record in refs.records:
            public[record.index_no].append(record)
        for index_no, title in refs.hidden.items():
            hidden.setdefault(index_no, title)
    sources = found._records = {(r.unit, r.index_no): r for refs in units for r in refs.records}
    unit_ids = {refs.unit for refs in units}
    for refs in units:
        for ref in refs.deferred:
            targets = _targets(ref, public, unit_ids)
            if len(targets) != 1:
                found.diagnostics.append(_unresolved(ref, targets, hidden))
            elif ref.public and ref.source:
                _link(found, ref, sources[(ref.unit, ref.source)], targets[0])
    found.diagnostics += _rings_across_units(units, public)
    for refs in units:
        for policy in refs.awaiting:
            if not found.of(policy.unit, policy.index_no).get("interpretations"):
                found.diagnostics.append(missing_interpretation(policy.path, policy.line, policy.type_name, policy.index_no))
    return found


def _targets(ref: Deferred, public: dict[str, list[DocRecord]], unit_ids: set[str]) -> list[DocRecord]:
    """The public documents a deferred reference may name: of the unit it names, else of every other unit."""
    unit, index_no = qualified(ref.target, unit_ids)
    return [r for r in public.get(index_no, []) if (r.unit == unit if unit else r.unit != ref.unit)]


def _rings_across_units(units: list[UnitRefs], public: dict[str, list[DocRecord]]) -> list[Diagnostic]:
    """E202 for documents of two units or more replacing each other (x's A superseded_by jyj:B, jyj's B superseded_by
    x:A): each unit reads one side only (its own rings are its own E202), and both pages said they were replaced.
    A ring may run through a unit's own superseded_by too (x's A by x's B, B by jyj:C, C by x:A): round 34a found it
    named nowhere, the platform reading the references across units alone; each unit's own are read from its records
    (`replaced_within`), and the ring named on each reference across units in it (a ring within one unit is the
    unit's to name)."""
    unit_ids = {refs.unit for refs in units}
    edges: dict[tuple[str, str], tuple[Deferred, DocRecord]] = {}
    for refs in units:
        for ref in refs.deferred:
            targets = _targets(ref, public, unit_ids)
            if ref.key == "superseded_by" and ref.public and ref.source and len(targets) == 1:
                edges[(ref.unit, ref.source)] = (ref, targets[0])
    successors = {(record.unit, record.index_no): (record.unit, record.replaced_within)
                  for refs in units for record in refs.records if record.replaced_within}
    successors |= {node: (target.unit, target.index_no) for node, (_, target) in edges.items()}
    rings = supersession_rings(successors)
    return [E202.at(ref.path, ref.line, ring_message(f"{target.unit}:{target.index_no}", target.title,
                                                     f"{target.unit_name} {target.src_uri}", [f"{u}:{n}" for u, n in ring]))
            for node, ring in rings.items() if node in edges for ref, target in [edges[node]]]


def _link(found: CrossLinks, ref: Deferred, source: DocRecord, target: DocRecord) -> None:
    found.links[(target.unit, target.index_no)][INCOMING[ref.key]].append(source)
    found.links[(source.unit, source.index_no)][OUTGOING[ref.key]].append(target)
    if ref.key == "interprets" and not (target.exempt or source.imported) and target.interpretation_days is not None:
        late = late_interpretation(ref.path, ref.published_line, _date(source.published), target.index_no,
                                   _date(target.published), target.interpretation_days, target.interpretation_workdays)
        if late:
            found.diagnostics.append(late)


def _unresolved(ref: Deferred, targets: list[DocRecord], hidden: dict[str, str]) -> Diagnostic:
    if targets:
        where = "、".join(f"{t.unit_name}（{t.src_uri}）" for t in targets)
        reason = (f"平台上有多个部门使用这个索引号：{where}；请在索引号前写明部门的 id，"
                  f"如 {targets[0].unit}:{ref.target}")
    elif ref.target in hidden:
        reason = f"指向的文件“{hidden[ref.target]}”不是主动公开文件"
    elif ":" in ref.target:
        reason = f"“{ref.target.partition(':')[0]}”这个部门没有公开这个索引号的文件"
    else:
        reason = "本部门和平台其他部门都没有这个索引号"
    return E200.at(ref.path, ref.line, f"{ref.key}（{REFERENCE_FIELDS[ref.key]}）中的索引号 {ref.target} 无法链接：{reason}；请核对索引号")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
