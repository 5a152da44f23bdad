"""The 政务公开办's own report: where the section stands before the inspectors look.

Pure data computed from a loaded `Site` (no MkDocs, no HTML): the HTML template, the CSV and
the JSON are all drawn from the same `OfficeReport`. Every figure is a `DocList` or counts
one, so that each number in the report can link to the documents behind it.

The report is a list of scopes: a single agency has one; a platform (`platform_office_report`)
has one for the whole platform first, then one per unit (the government, each department),
each counted on the unit's own documents, its own due dates, and the links other units make
to it (a department's 解读 of the government's policy counts for the government's 解读率).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from ..codes import I400
from ..codes.diagnostics import Diagnostic
from ..content.catalogue import Category, DocType
from ..content.crossrefs import CrossLinks, DocRecord
from ..content.eras import interpretation_exemption
from ..content.fields import VALIDITY_VALUES
from ..content.model import Document
from ..content.site import Site
from ..rules.timeliness import FEEDBACK_DAYS, report_due_date

PLATFORM_SCOPE = "_platform"   # no unit id can start with "_": the platform's own scope
MONTHS_SHOWN = 24
EXPIRY_WARNING_DAYS = 90
# The content format (docs/reference.md) has no validity-end field. Local rules on 行政规范性文件 commonly set a term of
# at most five years from issue unless the document states otherwise; the report says so.
DEFAULT_VALIDITY_YEARS = 5
VALIDITY_RULE = (f"文件头没有“有效期至”字段，本报告按常见的规范性文件有效期规则推算："
                 f"自成文日期（无成文日期时为发布日期）起 {DEFAULT_VALIDITY_YEARS} 年；"
                 f"文件自行规定了有效期的，请以文件规定为准")
IN_FORCE = "有效"

UrlOf = Callable[[Document], "str | None"]


@dataclass(frozen=True)
class DocRef:
    """One document as the report names it: source file and (for public ones) its page."""
    index_no: str | None
    title: str
    path: str                      # relative to the repository
    url: str | None                # relative to site_url; None when the document has no public page
    published: str | None
    note: str = ""                 # why it is in this list, e.g. "晚 5 天"


@dataclass
class DocList:
    """The documents behind one number; `key` is the anchor the number links to."""
    key: str
    title: str
    docs: list[DocRef] = field(default_factory=list)
    about: str = ""                # the column, year or rule the list is of (the CSV names it on its row)

    @property
    def count(self) -> int:
        return len(self.docs)


@dataclass
class Column:
    id: str
    name: str
    path: str
    stale_days: int
    per_month: list[int]
    recent: DocList                 # published in the months shown
    by_month: list[DocList]         # the same, month by month (each calendar cell links to its own)
    listing: DocRef                 # the column itself: catalogue.yaml and its listing page
    last_update: str | None
    idle_days: int | None
    status: str                     # 正常 | 长期未更新 | 空白栏目 | 不考核

    @property
    def is_stale(self) -> bool:
        return self.status in ("长期未更新", "空白栏目")


@dataclass
class Delay:
    policy: DocRef
    interpretation: DocRef | None   # None: none yet, `days` counts from publication to the report's day
    days: int
    limit: int

    @property
    def late(self) -> bool:
        return self.days > self.limit


@dataclass
class Interpretation:
    needed: DocList
    interpreted: DocList
    missing: DocList
    late: DocList
    delays: list[Delay]
    worst_docs: DocList = field(default_factory=lambda: DocList("", ""))   # the policies with the longest delay
    waiting: list[Delay] = field(default_factory=list)   # policies with no interpretation yet, days since published

    @property
    def rate(self) -> float | None:
        return self.interpreted.count / self.needed.count if self.needed.count else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(d.days for d in self.delays) if self.delays else None

    @property
    def worst(self) -> Delay | None:
        return max(self.delays, key=lambda d: d.days) if self.delays else None


@dataclass
class Normative:
    by_validity: list[DocList]
    expired: DocList
    expiring: DocList
    superseded_unmarked: DocList
    rule: str = VALIDITY_RULE

    @property
    def total(self) -> int:
        return sum(group.count for group in self.by_validity)

    @property
    def in_force(self) -> DocList:
        return self.by_validity[VALIDITY_VALUES.index(IN_FORCE)]


@dataclass
class AnnualReport:
    type_name: str
    year: int
    due: str
    document: DocList              # the report (empty when missing)
    days_late: int | None          # after `due`; None when on time or not yet due
    status: str                    # 按时发布 | 逾期发布 | 逾期未发布 | 未到期


@dataclass
class Scope:
    """The figures of one publisher: the agency (later: a department, or the whole platform)."""
    id: str
    name: str
    columns: list[Column]
    interpretation: Interpretation
    normative: Normative
    annual_reports: list[AnnualReport]
    consultations: DocList
    allowances: DocList
    warnings: list[DocList]         # one list per rule code
    stale_columns: DocList          # the listing pages of columns left without updates
    publications: DocList = field(default_factory=lambda: DocList("", ""))    # every column's, in the months shown
    late_reports_docs: DocList = field(default_factory=lambda: DocList("", ""))   # each late or missing report
    all_warnings: DocList = field(default_factory=lambda: DocList("", ""))    # every open problem, all rules

    @property
    def late_reports(self) -> list[AnnualReport]:
        return [report for report in self.annual_reports if report.status in ("逾期发布", "逾期未发布")]

    @property
    def warning_count(self) -> int:
        return sum(group.count for group in self.warnings)


@dataclass
class OfficeReport:
    agency: str
    today: str
    months: list[str]               # "YYYY-MM", oldest first
    scopes: list[Scope]
    commit: str | None = None       # the commit the figures were computed from (--as-of)

    @property
    def lists(self) -> list[DocList]:
        """Every document list of the report, for the appendix the numbers link to: the platform's totals
        too (each number of the report links to exactly the documents it counts), each list once."""
        seen, found = set(), []
        for scope in self.scopes:
            for doc_list in scope_lists(scope):
                if doc_list.key not in seen:
                    seen.add(doc_list.key)
                    found.append(doc_list)
        return found

    @property
    def is_platform(self) -> bool:
        return bool(self.scopes) and self.scopes[0].id == PLATFORM_SCOPE

    @property
    def unit_scopes(self) -> list[Scope]:
        """The scopes counted on documents: the agency's, or each unit's (the platform's figures sum theirs)."""
        return self.scopes[1:] if self.is_platform else self.scopes


def scope_lists(scope: Scope) -> list[DocList]:
    """The document lists of one scope that hold documents."""
    found = [scope.publications, scope.stale_columns]
    found += [doc_list for column in scope.columns for doc_list in (column.recent, *column.by_month)]
    i, n = scope.interpretation, scope.normative
    found += [i.needed, i.interpreted, i.missing, i.late, i.worst_docs]
    found += [*n.by_validity, n.expired, n.expiring, n.superseded_unmarked]
    found += [report.document for report in scope.annual_reports] + [scope.late_reports_docs]
    found += [scope.consultations, scope.allowances, *scope.warnings, scope.all_warnings]
    return [doc_list for doc_list in found if doc_list.docs]


def office_report(site: Site, url_of: UrlOf, catalogue_path: str = "catalogue.yaml",
                  commit: str | None = None) -> OfficeReport:
    """The report of a loaded site, with "today" = `site.today`."""
    months = _months(site.today, MONTHS_SHOWN)
    agency = site.catalogue.agency.name
    scope = _scope("agency", agency, site, site.documents, site.diagnostics, url_of, months, catalogue_path)
    return OfficeReport(agency, site.today.isoformat(), months, [scope], commit)


def platform_office_report(platform, url_of: UrlOf, content: str = "content", catalogue_path: str = "catalogue.yaml",
                           commit: str | None = None) -> OfficeReport:
    """The report of a loaded `PlatformSite`: the platform's figures, then each unit's."""
    from ..platform.summary import unit_groups
    model = platform.catalogue
    today = platform.sites[0].today
    months = _months(today, MONTHS_SHOWN)
    groups = {group.unit_id: group.diagnostics for group in unit_groups(model, content, platform.diagnostics)}
    units = []
    for site in (site for site in platform.sites if site.readable):
        unit = model.platform.unit(site.unit_id)
        links = _Links(site, platform.cross, url_of, content)
        units.append(_scope(unit.id, unit.name, site, site.documents, groups.get(unit.id, []), url_of, months,
                            catalogue_path, links))
    own = _warnings(_Referencer(url_of, PLATFORM_SCOPE), [], groups.get(None, []))   # catalogue.yaml's own problems
    return OfficeReport(model.platform.name, today.isoformat(), months,
                        [_combined(PLATFORM_SCOPE, model.platform.name, units, own), *units], commit)


class _Links:
    """A unit's links to its documents: its own, and (on a platform) those from other units."""

    def __init__(self, site: Site, cross: CrossLinks | None = None, url_of: UrlOf | None = None, content: str = "content"):
        self.site, self.cross, self.url_of, self.content = site, cross, url_of, content

    def _across(self, doc: Document, key: str) -> list[DocRecord]:
        return self.cross.of(self.site.unit_id, doc.index_no).get(key, []) if self.cross else []

    def interpretations(self, ref: _Referencer, doc: Document) -> list[tuple[dt.date, Callable[[str], DocRef]]]:
        """(发布日期, the DocRef maker) of the earliest interpretation of the unit's own, then of other units'."""
        found = []
        own = [note for note in self.site.relations.interpretations.get(doc.index_no, []) if note.published]
        if own:
            first = min(own, key=Document.sort_key)
            found.append((first.published, lambda note, first=first: ref.doc(first, note)))
        for record in self._across(doc, "interpretations"):
            if record.published:
                found.append((dt.date.fromisoformat(record.published), lambda note, r=record: self._record(r, note)))
        return found

    def replacement(self, doc: Document) -> str | None:
        replacement = self.site.relations.replaced_by.get(doc.index_no or "")
        if replacement:
            return f"{replacement.index_no}《{replacement.title}》"
        other = self._across(doc, "replaced_by")
        return f"{other[0].unit_name} {other[0].index_no}《{other[0].title}》" if other else None

    def answered(self, doc: Document) -> bool:
        return bool(self.site.relations.responses.get(doc.index_no)) or bool(self._across(doc, "responses"))

    def _record(self, record: DocRecord, note: str) -> DocRef:
        """Another unit's public document, as the report names it (its record has what a DocRef needs)."""
        return DocRef(record.index_no, f"【{record.unit_name}】{record.title}", f"{self.content}/{record.src_uri}",
                      self.url_of(_Source(record.src_uri)), record.published, note)


@dataclass(frozen=True)
class _Source:
    src_uri: str     # all a page URL is made from (office_output.page_url)


def _combined(scope_id: str, name: str, scopes: list[Scope], own_warnings: list[DocList]) -> Scope:
    """The platform's figures: every unit's documents together (the lists keep their units' documents)."""
    def joined(lists: list[DocList], key: str) -> DocList:
        return DocList(f"{scope_id}-{key}", lists[0].title if lists else "", [d for doc_list in lists for d in doc_list.docs],
                       lists[0].about if lists else "")

    def each(part: Callable[[Scope], DocList], key: str) -> DocList:
        return joined([part(scope) for scope in scopes], key)

    interpretation = [scope.interpretation for scope in scopes]
    normative = [scope.normative for scope in scopes]
    by_code: dict[str, list[DocList]] = defaultdict(list)
    for group in [w for scope in scopes for w in scope.warnings] + own_warnings:
        by_code[group.title].append(group)
    delays = [delay for x in interpretation for delay in x.delays]
    warnings = [joined(by_code[code], f"rule-{code}") for code in sorted(by_code)]
    return Scope(
        id=scope_id, name=name, columns=[column for scope in scopes for column in scope.columns],
        interpretation=Interpretation(
            *(joined([getattr(x, part) for x in interpretation], f"interpretation-{key}")
              for part, key in (("needed", "needed"), ("interpreted", "done"), ("missing", "missing"), ("late", "late"))),
            delays, _worst(_Referencer(None, scope_id), delays), [w for x in interpretation for w in x.waiting]),
        normative=Normative(
            [joined([x.by_validity[index] for x in normative], f"validity-{index}") for index in range(len(VALIDITY_VALUES))],
            *(joined([getattr(x, part) for x in normative], f"validity-{key}")
              for part, key in (("expired", "expired"), ("expiring", "expiring"), ("superseded_unmarked", "superseded")))),
        annual_reports=[row for scope in scopes for row in scope.annual_reports],
        consultations=each(lambda s: s.consultations, "consultations"),
        allowances=each(lambda s: s.allowances, "allowances"),
        warnings=warnings,
        stale_columns=each(lambda s: s.stale_columns, "stale-columns"),
        publications=each(lambda s: s.publications, "publications"),
        late_reports_docs=each(lambda s: s.late_reports_docs, "annual-late"),
        all_warnings=_all_warnings(_Referencer(None, scope_id), warnings))


def _scope(scope_id: str, name: str, site: Site, documents: list[Document], diagnostics: list[Diagnostic],
           url_of: UrlOf, months: list[str], catalogue_path: str, links: _Links | None = None) -> Scope:
    ref = _Referencer(url_of, scope_id)
    links = links or _Links(site)
    public = [doc for doc in documents if doc.is_public]
    columns = [_column(ref, category, public, site.today, months, catalogue_path)
               for category in site.catalogue.categories() if category.types]
    annual = _annual_reports(ref, site, public, catalogue_path)
    warnings = _warnings(ref, documents, diagnostics)
    return Scope(
        id=scope_id, name=name, columns=columns,
        publications=ref.list("publications", f"近 {len(months)} 个月发布的信息（各栏目）",
                              [doc for column in columns for doc in column.recent.docs]),
        late_reports_docs=_late_reports(ref, annual, catalogue_path),
        all_warnings=_all_warnings(ref, warnings),
        stale_columns=ref.list("stale-columns", "长期未更新或空白的栏目",
                               [column.listing for column in columns if column.is_stale]),
        interpretation=_interpretation(ref, links, public, site.today),
        normative=_normative(ref, site, public, links),
        annual_reports=annual,
        consultations=_consultations(ref, site, public, links),
        allowances=_allowances(ref, documents, diagnostics),
        warnings=warnings,
    )


def _all_warnings(ref: "_Referencer", warnings: list[DocList]) -> DocList:
    return ref.list("rules-all", "待处理的问题（全部规则）", [doc for group in warnings for doc in group.docs])


def _late_reports(ref: "_Referencer", rows: list[AnnualReport], catalogue_path: str) -> DocList:
    """Each report published late, and each year whose report is missing (named by catalogue.yaml, where its due date is)."""
    docs = []
    for row in rows:
        if row.status == "逾期发布":
            docs += row.document.docs
        elif row.status == "逾期未发布":
            docs.append(ref.file(catalogue_path, f"{row.document.title}（未发布）", f"应于 {row.due} 前发布，已逾期 {row.days_late} 天"))
    return ref.list("annual-late", "逾期发布或未发布的年度报告", docs)


class _Referencer:
    """Makes `DocRef`s and `DocList`s whose anchors are unique within a scope."""

    def __init__(self, url_of: UrlOf, scope_id: str):
        self.url_of = url_of
        self.scope_id = scope_id

    def doc(self, doc: Document, note: str = "") -> DocRef:
        return DocRef(doc.index_no, doc.title or doc.path, doc.path, self.url_of(doc) if doc.is_public else None,
                      doc.published.isoformat() if doc.published else None, note)

    def file(self, path: str, title: str, note: str = "") -> DocRef:
        return DocRef(None, title, path, None, None, note)

    def list(self, key: str, title: str, docs=(), about: str = "") -> DocList:
        return DocList(f"{self.scope_id}-{key}", title, list(docs), about)


def _months(today: dt.date, count: int) -> list[str]:
    year, month = today.year, today.month
    shown = []
    for _ in range(count):
        shown.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return shown[::-1]


def _newest_first(documents: list[Document]) -> list[Document]:
    return sorted(documents, key=Document.sort_key, reverse=True)


def _column(ref: _Referencer, category: Category, public: list[Document], today: dt.date,
            months: list[str], catalogue_path: str) -> Column:
    """Publications per month in the months shown, and the last update against `stale_days`
    (the same reading as W301: documents filed directly in this category)."""
    mine = [doc for doc in public if doc.category is category and doc.published and doc.published <= today]
    per_month = defaultdict(int)
    for doc in mine:
        per_month[doc.published.strftime("%Y-%m")] += 1
    recent = [doc for doc in _newest_first(mine) if doc.published.strftime("%Y-%m") >= months[0]]
    last = max((doc.published for doc in mine), default=None)
    idle = (today - last).days if last else None
    if last is None:        # a column with nothing in it is blank whether or not its frequency is assessed
        status = "空白栏目"
    elif category.stale_days == 0:
        status = "不考核"
    else:
        status = "长期未更新" if idle > category.stale_days else "正常"
    since = f"最近一次 {last}，已 {idle} 天" if last else "没有任何主动公开信息"
    listing = DocRef(None, f"栏目“{category.name}”", catalogue_path, f"{category.path}/",
                     last.isoformat() if last else None, f"{since}（{_stale_rule(category.stale_days)}）")
    return Column(category.id, category.name, category.path, category.stale_days,
                  [per_month.get(month, 0) for month in months],
                  ref.list(f"column-{category.id}", f"栏目“{category.name}”近 {len(months)} 个月发布的信息",
                           map(ref.doc, recent), category.name),
                  [ref.list(f"column-{category.id}-{month}", f"栏目“{category.name}” {month} 发布的信息",
                            [ref.doc(doc) for doc in recent if doc.published.strftime("%Y-%m") == month],
                            f"{category.name} {month}") for month in months], listing,
                  last.isoformat() if last else None, idle, status)


def _interpretation(ref: _Referencer, links: _Links, public: list[Document], today: dt.date) -> Interpretation:
    """解读率 over public documents whose type requires an interpretation; 解读时滞 from each
    policy to its first interpretation (the same reading as W200's `interpretation_days`)."""
    needed, interpreted, missing, delays, waiting = [], [], [], [], []
    for doc in _newest_first(public):
        doc_type = doc.doc_type
        if not (doc_type and doc_type.interpretation == "required") or interpretation_exemption(doc, doc_type):
            continue   # as E201: a document moved in from an old site, or from before `interpretation_from`
        needed.append(ref.doc(doc))
        notes = links.interpretations(ref, doc)
        if not notes:
            missing.append(ref.doc(doc, "无解读"))
            if doc.published:
                waiting.append(Delay(ref.doc(doc, "无解读"), None, (today - doc.published).days, doc_type.interpretation_days))
            continue
        first_published, first = min(notes, key=lambda found: found[0])   # ties: the unit's own first
        if doc.published is None:   # E101 already; no delay can be counted
            interpreted.append(ref.doc(doc))
            continue
        days = (first_published - doc.published).days
        note = f"{days} 天（时限 {doc_type.interpretation_days} 天）"
        interpreted.append(ref.doc(doc, note))
        delays.append(Delay(ref.doc(doc, note), first(note), days, doc_type.interpretation_days))
    late = [delay.policy for delay in sorted(delays, key=lambda d: -d.days) if delay.late]
    return Interpretation(ref.list("interpretation-needed", "须配套解读的文件", needed),
                          ref.list("interpretation-done", "已有解读的文件（括号内为解读时滞）", interpreted),
                          ref.list("interpretation-missing", "缺少解读的文件", missing),
                          ref.list("interpretation-late", "解读晚于时限的文件", late), delays, _worst(ref, delays), waiting)


def _worst(ref: "_Referencer", delays: list[Delay]) -> DocList:
    longest = max((delay.days for delay in delays), default=None)
    return ref.list("interpretation-worst", "解读时滞最长的文件", [d.policy for d in delays if d.days == longest])


def validity_end(doc: Document) -> dt.date | None:
    """The assumed end of validity: DEFAULT_VALIDITY_YEARS after 成文日期 (else 发布日期)."""
    start = doc.issued or doc.published
    if start is None:
        return None
    try:
        return start.replace(year=start.year + DEFAULT_VALIDITY_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + DEFAULT_VALIDITY_YEARS, day=28)


def _normative(ref: _Referencer, site: Site, public: list[Document], links: _Links) -> Normative:
    """Documents whose type carries 有效性 (规范性文件 and the like)."""
    with_validity = {key for key, doc_type in site.catalogue.types.items() if "validity" in doc_type.fields}
    documents = _newest_first([doc for doc in public if doc.type in with_validity])
    by_validity = [ref.list(f"validity-{index}", f"有效性：{value}", map(ref.doc, (d for d in documents if d.validity == value)))
                   for index, value in enumerate(VALIDITY_VALUES)]
    expired, expiring, unmarked = [], [], []
    for doc in (d for d in documents if d.validity == IN_FORCE):
        end = validity_end(doc)
        if end and end < site.today:
            expired.append(ref.doc(doc, f"推算有效期至 {end}，已过 {(site.today - end).days} 天"))
        elif end and (end - site.today).days <= EXPIRY_WARNING_DAYS:
            expiring.append(ref.doc(doc, f"推算有效期至 {end}，还剩 {(end - site.today).days} 天"))
        replacement = links.replacement(doc)
        if replacement:
            unmarked.append(ref.doc(doc, f"已被 {replacement} 替代，有效性仍为“有效”"))
    return Normative(by_validity,
                     ref.list("validity-expired", "已过有效期仍标“有效”的文件", expired),
                     ref.list("validity-expiring", f"{EXPIRY_WARNING_DAYS} 天内到期的文件", expiring),
                     ref.list("validity-superseded", "已被替代但未改有效性的文件", unmarked))


def _annual_reports(ref: _Referencer, site: Site, public: list[Document],
                    catalogue_path: str = "catalogue.yaml") -> list[AnnualReport]:
    """Every year from the type's `due_from` (else the first report) to last year — the W300 range, so
    that a missing year is a row here as it is a warning there — plus any year present."""
    rows = []
    for doc_type in (t for t in site.catalogue.types.values() if t.due):
        reports = {doc.year: doc for doc in public if doc.type == doc_type.key and doc.year}
        first = doc_type.due_from or min(reports, default=None)
        if first is None:
            continue
        for year in sorted(set(range(first, site.today.year)) | set(reports)):
            rows.append(_annual_report(ref, doc_type, year, reports.get(year), site.today, site.catalogue.agency.report_due))
    return rows


def _stale_rule(stale_days: int) -> str:
    return "不考核" if stale_days == 0 else f"要求 {stale_days} 天内"


def _report_title(year: int, type_name: str) -> str:
    """2025 年度政府信息公开工作年度报告; an agency whose type is just 年度报告 gets 2025 年年度报告, not 年度年度报告."""
    return f"{year} 年{type_name}" if type_name.startswith("年度") else f"{year} 年度{type_name}"


def _annual_report(ref: _Referencer, doc_type: DocType, year: int, doc: Document | None,
                   today: dt.date, unit_due: str | None = None) -> AnnualReport:
    due = report_due_date(doc_type, year, unit_due)   # the unit's report_due (a government's 03-31), as W300
    key = f"annual-{doc_type.key}-{year}"
    if doc is None:
        late = (today - due).days if today > due else None
        status = "逾期未发布" if late else "未到期"
        return AnnualReport(doc_type.name, year, due.isoformat(), ref.list(key, _report_title(year, doc_type.name), (), str(year)), late, status)
    late = (doc.published - due).days if doc.published and doc.published > due else None
    note = f"晚 {late} 天" if late else "按时"
    return AnnualReport(doc_type.name, year, due.isoformat(),
                        ref.list(key, _report_title(year, doc_type.name), [ref.doc(doc, note)], str(year)), late,
                        "逾期发布" if late else "按时发布")


def _consultations(ref: _Referencer, site: Site, public: list[Document], links: _Links) -> DocList:
    """Consultations past their close with no document `responds_to` them (W302 after 30 days)."""
    found = []
    for doc in _newest_first(public):
        if doc.closes and doc.index_no and doc.closes < site.today and not links.answered(doc):
            days = (site.today - doc.closes).days
            flag = f"，超过 {FEEDBACK_DAYS} 天" if days > FEEDBACK_DAYS else ""
            found.append(ref.doc(doc, f"{doc.closes} 截止，已过 {days} 天{flag}"))
    return ref.list("consultations", "已截止但未公布意见采纳情况的征求意见", found)


def _by_path(documents: list[Document]) -> dict[str, Document]:
    return {doc.path: doc for doc in documents}


def _diagnostic_ref(ref: _Referencer, documents: dict[str, Document], diagnostic: Diagnostic) -> DocRef:
    doc = documents.get(diagnostic.path)
    note = f"第 {diagnostic.line} 行：{diagnostic.message}"
    return ref.doc(doc, note) if doc else ref.file(diagnostic.path, diagnostic.path, note)


def _allowances(ref: _Referencer, documents: list[Document], diagnostics: list[Diagnostic]) -> DocList:
    """Personal data published on purpose (I400), each with its reason; numbers stay masked."""
    by_path = _by_path(documents)
    return ref.list("allowances", "个人信息豁免（I400）及理由",
                    [_diagnostic_ref(ref, by_path, d) for d in diagnostics if d.code == I400.code])


def _warnings(ref: _Referencer, documents: list[Document], diagnostics: list[Diagnostic]) -> list[DocList]:
    """Every open problem (warnings, and errors if a broken branch is reported), by rule code."""
    by_path = _by_path(documents)
    grouped: dict[str, list[DocRef]] = defaultdict(list)
    for diagnostic in diagnostics:
        if diagnostic.is_error or diagnostic.is_warning:   # notices are decisions, not problems
            grouped[diagnostic.code].append(_diagnostic_ref(ref, by_path, diagnostic))
    return [ref.list(f"rule-{code}", code, grouped[code], code) for code in sorted(grouped)]
