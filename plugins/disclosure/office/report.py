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

import dataclasses
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
from ..content.fields import INTERPRETATION_KINDS, VALIDITY_VALUES
from ..content.model import Document
from ..content.relations import interpretation_delay, limit_unit
from ..content.site import Site
from ..content.workdays import add_working_days, approximated
from ..privacy.numbers import masked_text
from ..rules.timeliness import FEEDBACK_DAYS, PUBLISH_WORKDAYS, publication_workdays, report_due_date

PLATFORM_SCOPE = "_platform"   # no unit id can start with "_": the platform's own scope
MONTHS_SHOWN = 24
EXPIRY_WARNING_DAYS = 90
# A document that states its own term has `expires:` (有效期至) in its front matter. Otherwise local rules on
# 行政规范性文件 commonly set a term of at most five years from issue, two for one named 暂行 or 试行; the report says so.
DEFAULT_VALIDITY_YEARS = 5
PROVISIONAL_YEARS = 2
PROVISIONAL_WORDS = ("暂行", "试行")
VALIDITY_RULE = (f"有效期至：文件头写了 expires（有效期至）的，以它为准；没有写的，按地方行政规范性文件管理规定的常见规则推算："
                 f"自成文日期（无成文日期时为发布日期）起 {DEFAULT_VALIDITY_YEARS} 年，名称中有“暂行”“试行”的 {PROVISIONAL_YEARS} 年。"
                 f"本地规定不同的，请在文件头写 expires")
PUBLICATION_RULE = ("成文后 20 个工作日内发布：《中华人民共和国政府信息公开条例》第二十六条“属于主动公开范围的政府信息，"
                    "应当自该政府信息形成或者变更之日起20个工作日内及时公开”。以成文日期为形成之日，"
                    "工作日按国务院办公厅每年发布的节假日安排计算（法定节假日不计，调休上班的周末计入）")
CONSULTATION_DAYS = 30
CONSULTATION_RULE = (f"征求意见期限：《重大行政决策程序暂行条例》第十四条，公开征求意见的期限一般不少于 {CONSULTATION_DAYS} 日；"
                     f"意见采纳情况：征求意见结束后 {FEEDBACK_DAYS} 日内公布（本项目的 W302）")
INTERPRETATION_RULE = ("解读率 = 有解读的须配套解读文件 ÷ 须配套解读的文件（类型为 interpretation: required，"
                       "“谁起草、谁解读”，国办发〔2016〕80号）；解读时滞 = 文件发布日期到第一篇解读发布日期的天数，"
                       "按文件发布的年度（考核年度）分列")
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
    kind: str | None = None          # the form of the (first) interpretation: 文字解读, 图解, 问答…
    unit: str = "天"                 # 天, or 个工作日 for a type with interpretation_workdays

    @property
    def late(self) -> bool:
        return self.days > self.limit


@dataclass
class PeriodFigures:
    """解读 of the policies published in one 考核年度 (period: the year, or "全部" for all time)."""
    period: str
    needed: DocList
    interpreted: DocList
    median_days: float | None

    @property
    def rate(self) -> float | None:
        return self.interpreted.count / self.needed.count if self.needed.count else None


@dataclass
class KindFigures:
    """The policies whose first interpretation took one form, and how long it took."""
    kind: str
    policies: DocList
    median_days: float | None


@dataclass
class Publication:
    """条例第二十六条: 成文日期 → 发布日期 within 20 工作日."""
    counted: DocList                # public documents with both dates (moved-in ones not counted)
    late: DocList
    approximated: list[int]         # years without holiday data, counted Monday to Friday
    rule: str = PUBLICATION_RULE

    @property
    def rate(self) -> float | None:
        return 1 - self.late.count / self.counted.count if self.counted.count else None


@dataclass
class Consultation:
    document: DocRef
    days: int                       # 征求意见期限, opens to closes
    feedback: DocRef | None
    feedback_days: int | None       # closes to the feedback's 发布日期


@dataclass
class FixItem:
    """One thing to fix: what, in whose folder, by when."""
    what: str
    doc: DocRef
    folder: str
    owners: str
    by: str                         # the day it is due (ISO), or was
    overdue: bool


@dataclass
class YearOnYear:
    """This year against last year, each counted on documents published in that year."""
    label: str
    this_year: float | None
    last_year: float | None
    unit: str
    better: str = "none"


@dataclass
class Interpretation:
    needed: DocList
    interpreted: DocList
    missing: DocList
    late: DocList
    delays: list[Delay]
    worst_docs: DocList = field(default_factory=lambda: DocList("", ""))   # the policies with the longest delay
    waiting: list[Delay] = field(default_factory=list)   # policies with no interpretation yet, days since published
    by_year: list[PeriodFigures] = field(default_factory=list)   # each 考核年度, then all time
    by_kind: list[KindFigures] = field(default_factory=list)
    rule: str = INTERPRETATION_RULE

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
class InForce:
    """A row of the 现行有效规范性文件目录: a document marked 有效, with its term."""
    index_no: str | None
    title: str
    doc_no: str | None
    issued: str | None
    published: str | None
    expires: str | None
    basis: str                     # 文件规定 | 推算（5 年） | 推算（暂行、试行 2 年）
    url: str | None


@dataclass
class Normative:
    by_validity: list[DocList]
    expired: DocList
    expiring: DocList
    superseded_unmarked: DocList
    rule: str = VALIDITY_RULE
    in_force_rows: list[InForce] = field(default_factory=list)   # the 现行有效规范性文件目录

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
    publication: Publication | None = None
    consultation_rows: list[Consultation] = field(default_factory=list)
    short_consultations: DocList = field(default_factory=lambda: DocList("", ""))
    fix_first: list[FixItem] = field(default_factory=list)
    year_on_year: list[YearOnYear] = field(default_factory=list)
    consultation_rule: str = CONSULTATION_RULE

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
    found += [x for row in i.by_year if row.period != ALL_TIME for x in (row.needed, row.interpreted)]
    found += [row.policies for row in i.by_kind]
    if scope.publication:
        found += [scope.publication.counted, scope.publication.late]
    found += [scope.short_consultations]
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
    return shown_masked(OfficeReport(agency, site.today.isoformat(), months, [scope], commit), site.today)


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
    return shown_masked(OfficeReport(model.platform.name, today.isoformat(), months,
                                     [_combined(PLATFORM_SCOPE, model.platform.name, units, own, today.year), *units],
                                     commit), today)


# What names a file, a page or an anchor: the office finds the document by it, so it is kept as it is.
_LOCATORS = frozenset({"path", "url", "key", "id", "commit"})


def shown_masked(report: OfficeReport, today: dt.date) -> OfficeReport:
    """The report with each personal number in a text it prints (a title, a note, a list's name) masked as the
    check's E400 and I400 lines show it (138****8000): the HTML, the JSON and the CSV are mailed around the office,
    and a withheld document is often titled after the person it concerns. Paths and anchors stay, to find it by."""
    done: dict[int, object] = {}

    def shown(value, name: str = ""):
        if isinstance(value, str):
            return value if name in _LOCATORS else masked_text(value, today)
        if isinstance(value, list):
            return [shown(item, name) for item in value]
        if isinstance(value, tuple):
            return tuple(shown(item, name) for item in value)
        if isinstance(value, dict):
            return {key: shown(item, name) for key, item in value.items()}
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        if id(value) not in done:      # a list several figures share stays one list
            done[id(value)] = dataclasses.replace(value, **{f.name: shown(getattr(value, f.name), f.name)
                                                            for f in dataclasses.fields(value) if f.init})
        return done[id(value)]

    return shown(report)


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
            found.append((first.published, lambda note, first=first: ref.doc(first, note), first.kind))
        for record in self._across(doc, "interpretations"):
            if record.published:
                found.append((dt.date.fromisoformat(record.published), lambda note, r=record: self._record(r, note), None))
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


def _combined(scope_id: str, name: str, scopes: list[Scope], own_warnings: list[DocList], year: int = 0) -> Scope:
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
    platform_ref = _Referencer(None, scope_id)
    needed = joined([x.needed for x in interpretation], "interpretation-needed")
    publications = [scope.publication for scope in scopes if scope.publication]
    publication = Publication(joined([x.counted for x in publications], "publication-counted"),
                              joined([x.late for x in publications], "publication-late"),
                              sorted({year for x in publications for year in x.approximated}))
    combined = Scope(
        publication=publication,
        consultation_rows=[row for scope in scopes for row in scope.consultation_rows],
        short_consultations=each(lambda s: s.short_consultations, "consultations-short"),
        fix_first=sorted((item for scope in scopes for item in scope.fix_first),
                         key=lambda item: (item.by, item.what, item.doc.path)),
        year_on_year=[],
        id=scope_id, name=name, columns=[column for scope in scopes for column in scope.columns],
        interpretation=Interpretation(
            *(joined([getattr(x, part) for x in interpretation], f"interpretation-{key}")
              for part, key in (("needed", "needed"), ("interpreted", "done"), ("missing", "missing"), ("late", "late"))),
            delays, _worst(platform_ref, delays), [w for x in interpretation for w in x.waiting],
            _by_year(platform_ref, needed.docs, delays), _by_kind(platform_ref, delays)),
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
    counts = [scope.year_on_year[0] for scope in scopes if scope.year_on_year]
    combined.year_on_year = _year_on_year(year, (sum(c.this_year or 0 for c in counts), sum(c.last_year or 0 for c in counts)),
                                          combined.interpretation, publication)
    return combined


def _scope(scope_id: str, name: str, site: Site, documents: list[Document], diagnostics: list[Diagnostic],
           url_of: UrlOf, months: list[str], catalogue_path: str, links: _Links | None = None) -> Scope:
    ref = _Referencer(url_of, scope_id)
    links = links or _Links(site)
    public = [doc for doc in documents if doc.is_public]
    columns = [_column(ref, category, public, site.today, months, catalogue_path)
               for category in site.catalogue.categories() if category.types]
    annual = _annual_reports(ref, site, public, catalogue_path)
    warnings = _warnings(ref, documents, diagnostics)
    consultation_rows = _consultation_rows(ref, site, public)
    interpretation = _interpretation(ref, links, public, site.today)
    normative = _normative(ref, site, public, links)
    publication = _publication(ref, public)
    consultations = _consultations(ref, site, public, links)
    return Scope(
        publication=publication, consultation_rows=consultation_rows,
        short_consultations=ref.list("consultations-short", f"征求意见期限少于 {CONSULTATION_DAYS} 日的征求意见",
                                     [row.document for row in consultation_rows if row.days < CONSULTATION_DAYS]),
        fix_first=_fix_first(site, columns, interpretation, normative, annual, consultations, owners_of(site), catalogue_path),
        year_on_year=_year_on_year(site.today.year, _published_in(public, site.today.year), interpretation, publication),
        id=scope_id, name=name, columns=columns,
        publications=ref.list("publications", f"近 {len(months)} 个月发布的信息（各栏目）",
                              [doc for column in columns for doc in column.recent.docs]),
        late_reports_docs=_late_reports(ref, annual, catalogue_path),
        all_warnings=_all_warnings(ref, warnings),
        stale_columns=ref.list("stale-columns", "长期未更新或空白的栏目",
                               [column.listing for column in columns if column.is_stale]),
        interpretation=interpretation,
        normative=normative,
        annual_reports=annual,
        consultations=consultations,
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
        workdays = doc_type.interpretation_workdays
        needed.append(ref.doc(doc))
        notes = links.interpretations(ref, doc)
        if not notes:
            missing.append(ref.doc(doc, "无解读"))
            if doc.published:
                waiting.append(Delay(ref.doc(doc, "无解读"), None, interpretation_delay(doc.published, today, workdays),
                                     doc_type.interpretation_days, None, limit_unit(workdays)))
            continue
        first_published, first, kind = min(notes, key=lambda found: found[0])   # ties: the unit's own first
        if doc.published is None:   # E101 already; no delay can be counted
            interpreted.append(ref.doc(doc))
            continue
        days = interpretation_delay(doc.published, first_published, workdays)
        unit = limit_unit(workdays)
        note = f"{days} {unit}（时限 {doc_type.interpretation_days} {unit}）"
        interpreted.append(ref.doc(doc, note))
        delays.append(Delay(ref.doc(doc, note), first(note), days, doc_type.interpretation_days, kind, unit))
    late = [delay.policy for delay in sorted(delays, key=lambda d: -d.days) if delay.late]
    return Interpretation(ref.list("interpretation-needed", "须配套解读的文件", needed),
                          ref.list("interpretation-done", "已有解读的文件（括号内为解读时滞）", interpreted),
                          ref.list("interpretation-missing", "缺少解读的文件", missing),
                          ref.list("interpretation-late", "解读晚于时限的文件", late), delays, _worst(ref, delays), waiting,
                          _by_year(ref, needed, delays), _by_kind(ref, delays))


ALL_TIME = "全部"
UNSTATED_KIND = "未注明形式"


def _year(ref: DocRef) -> str:
    return (ref.published or "")[:4] or "无发布日期"


def _by_year(ref: "_Referencer", needed: list[DocRef], delays: list[Delay]) -> list[PeriodFigures]:
    """解读率 and 时滞 by the 考核年度 the policies were published in (newest first), then for all time."""
    interpreted = {delay.policy.path: delay for delay in delays}
    rows = []
    for period in sorted({_year(doc) for doc in needed}, reverse=True) + [ALL_TIME]:
        mine = [doc for doc in needed if period == ALL_TIME or _year(doc) == period]
        done = [interpreted[doc.path] for doc in mine if doc.path in interpreted]
        suffix = "" if period == ALL_TIME else f"（{period} 年发布）"
        rows.append(PeriodFigures(period, ref.list(f"interpretation-{period}-needed", f"须配套解读的文件{suffix}", mine, period),
                                  ref.list(f"interpretation-{period}-done", f"已有解读的文件{suffix}",
                                           [d.policy for d in done], period),
                                  statistics.median(d.days for d in done) if done else None))
    return rows


def _by_kind(ref: "_Referencer", delays: list[Delay]) -> list[KindFigures]:
    """Per form of the first interpretation, in the order of the field's choices (unstated last)."""
    kinds = [kind for kind in INTERPRETATION_KINDS if any(d.kind == kind for d in delays)]
    kinds += [UNSTATED_KIND] if any(d.kind is None for d in delays) else []
    rows = []
    for number, kind in enumerate(kinds):
        mine = [d for d in delays if (d.kind or UNSTATED_KIND) == kind]
        rows.append(KindFigures(kind, ref.list(f"interpretation-kind-{number}", f"第一篇解读为“{kind}”的文件",
                                               [d.policy for d in mine], kind),
                                statistics.median(d.days for d in mine)))
    return rows


def _worst(ref: "_Referencer", delays: list[Delay]) -> DocList:
    longest = max((delay.days for delay in delays), default=None)
    return ref.list("interpretation-worst", "解读时滞最长的文件", [d.policy for d in delays if d.days == longest])


def validity_end(doc: Document) -> dt.date | None:
    """Its `expires` (有效期至) when the document states one; else DEFAULT_VALIDITY_YEARS after 成文日期
    (else 发布日期), PROVISIONAL_YEARS for a 暂行 or 试行 one."""
    if doc.expires:
        return doc.expires
    start = doc.issued or doc.published
    if start is None:
        return None
    years = validity_years(doc)
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def validity_years(doc: Document) -> int:
    return PROVISIONAL_YEARS if any(word in (doc.title or "") for word in PROVISIONAL_WORDS) else DEFAULT_VALIDITY_YEARS


def validity_basis(doc: Document) -> str:
    """How its end of validity was found, for the report's lists and the 现行有效规范性文件目录."""
    if doc.expires:
        return "文件规定"
    return f"推算（{'暂行、试行 ' if validity_years(doc) == PROVISIONAL_YEARS else ''}{validity_years(doc)} 年）"


def _normative(ref: _Referencer, site: Site, public: list[Document], links: _Links) -> Normative:
    """Documents whose type carries 有效性 (规范性文件 and the like)."""
    with_validity = {key for key, doc_type in site.catalogue.types.items() if "validity" in doc_type.fields}
    documents = _newest_first([doc for doc in public if doc.type in with_validity])
    by_validity = [ref.list(f"validity-{index}", f"有效性：{value}", map(ref.doc, (d for d in documents if d.validity == value)))
                   for index, value in enumerate(VALIDITY_VALUES)]
    expired, expiring, unmarked = [], [], []
    for doc in (d for d in documents if d.validity == IN_FORCE):
        end = validity_end(doc)
        basis = "有效期至" if doc.expires else f"推算有效期至（{validity_years(doc)} 年）"
        if end and end < site.today:
            expired.append(ref.doc(doc, f"{basis} {end}，已过 {(site.today - end).days} 天"))
        elif end and (end - site.today).days <= EXPIRY_WARNING_DAYS:
            expiring.append(ref.doc(doc, f"{basis} {end}，还剩 {(end - site.today).days} 天"))
        replacement = links.replacement(doc)
        if replacement:
            unmarked.append(ref.doc(doc, f"已被 {replacement} 替代，有效性仍为“有效”"))
    iso = lambda day: day.isoformat() if day else None  # noqa: E731
    rows = [InForce(doc.index_no, doc.title or "", doc.doc_no, iso(doc.issued), iso(doc.published), iso(validity_end(doc)),
                    validity_basis(doc), ref.url_of(doc)) for doc in documents if doc.validity == IN_FORCE]
    return Normative(by_validity,
                     ref.list("validity-expired", "已过有效期仍标“有效”的文件", expired),
                     ref.list("validity-expiring", f"{EXPIRY_WARNING_DAYS} 天内到期的文件", expiring),
                     ref.list("validity-superseded", "已被替代但未改有效性的文件", unmarked), in_force_rows=rows)


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


def owners_of(site: Site) -> str:
    """Who approves the unit's folder (catalogue.yaml `owners`; on a platform a department's, else the office's)."""
    platform = site.catalogue.platform
    if platform is None:
        return "政务公开办"
    unit = platform.unit(site.unit_id) if site.unit_id else None
    owners = (unit.owners if unit else ()) or platform.owners
    return "、".join(owners) if owners else "政务公开办（catalogue.yaml 未写 owners）"


def _publication(ref: _Referencer, public: list[Document]) -> Publication:
    """条例第二十六条 for every public document with a 成文日期 (moved-in ones are published as they were)."""
    counted, late, first, last = [], [], None, None
    for doc in _newest_first(public):
        days = publication_workdays(doc) if not doc.imported else None
        if days is None:
            continue
        note = f"成文 {doc.issued}，{days} 个工作日后发布"
        counted.append(ref.doc(doc, note))
        if days > PUBLISH_WORKDAYS:
            late.append(ref.doc(doc, note))
        first = min(first or doc.issued, doc.issued)
        last = max(last or doc.published, doc.published)
    return Publication(ref.list("publication-counted", "有成文日期的主动公开文件（成文到发布的工作日数）", counted),
                       ref.list("publication-late", f"成文后超过 {PUBLISH_WORKDAYS} 个工作日才发布的文件", late),
                       approximated(first, last) if first and last else [])


def _consultation_rows(ref: _Referencer, site: Site, public: list[Document]) -> list[Consultation]:
    """Every consultation with its 征求意见期限 and its feedback (the first document that `responds_to` it)."""
    rows = []
    for doc in _newest_first(public):
        if not (doc.opens and doc.closes):
            continue
        answers = [d for d in site.relations.responses.get(doc.index_no or "", []) if d.published]
        first = min(answers, key=Document.sort_key) if answers else None
        rows.append(Consultation(ref.doc(doc, f"{doc.opens} 至 {doc.closes}"), (doc.closes - doc.opens).days,
                                 ref.doc(first) if first else None,
                                 (first.published - doc.closes).days if first else None))
    return rows


def _fix_first(site: Site, columns: list[Column], interpretation: Interpretation, normative: Normative,
               annual: list[AnnualReport], consultations: DocList, owners: str, catalogue_path: str) -> list[FixItem]:
    """What to fix first: every open problem with a day it is due by, the most overdue first."""
    today = site.today
    items: list[FixItem] = []

    def add(what: str, doc: DocRef, by: dt.date | None, folder: str | None = None) -> None:
        folder = folder or (doc.path.rsplit("/", 1)[0] + "/" if "/" in doc.path else doc.path)
        day = by or today
        items.append(FixItem(what, doc, folder, owners, day.isoformat(), day < today))

    for delay in interpretation.waiting:
        published = dt.date.fromisoformat(delay.policy.published)
        by = add_working_days(published, delay.limit) if delay.unit != "天" else published + dt.timedelta(days=delay.limit)
        add(f"发布解读（时限 {delay.limit} {delay.unit}）", delay.policy, by)
    for row in annual:
        if row.status == "逾期未发布":
            add(f"发布 {row.year} 年度报告", DocRef(None, row.document.title, catalogue_path, None, None), dt.date.fromisoformat(row.due))
    for doc in normative.expired.docs + normative.superseded_unmarked.docs:
        add("核对有效性（已过有效期或已被替代）", doc, None)
    for doc in normative.expiring.docs:
        end = next((d.expires or validity_end(d) for d in site.documents if d.path == doc.path), None)
        add("评估是否延续、修订或废止（即将到期）", doc, end)
    for doc in consultations.docs:
        closes = next((d.closes for d in site.documents if d.path == doc.path), None)
        add("公布意见采纳情况", doc, closes + dt.timedelta(days=FEEDBACK_DAYS) if closes else None)
    for column in columns:
        if column.is_stale:
            last = dt.date.fromisoformat(column.last_update) if column.last_update else None
            add("更新栏目" if last else "为空白栏目发布信息，或从目录中删除", column.listing,
                last + dt.timedelta(days=column.stale_days) if last and column.stale_days else None,
                f"{site.content}/{column.path}/")
    return sorted(items, key=lambda item: (item.by, item.what, item.doc.path))


def _published_in(public: list[Document], year: int) -> tuple[int, int]:
    """How many documents were published in `year` and in the year before."""
    return tuple(sum(1 for doc in public if doc.published and doc.published.year == y) for y in (year, year - 1))


def _year_on_year(year: int, counts: tuple[int, int], interpretation: Interpretation,
                  publication: Publication) -> list[YearOnYear]:
    """This year against last year, each on documents published in that year."""
    by_year = {row.period: row for row in interpretation.by_year}

    def rate(y: int) -> float | None:
        row = by_year.get(str(y))
        return None if row is None or row.rate is None else round(row.rate * 100, 1)

    def median(y: int) -> float | None:
        row = by_year.get(str(y))
        return row.median_days if row else None

    def in_time(y: int) -> float | None:
        mine = [doc for doc in publication.counted.docs if _year(doc) == str(y)]
        late = [doc for doc in publication.late.docs if _year(doc) == str(y)]
        return round(100 * (1 - len(late) / len(mine)), 1) if mine else None

    return [YearOnYear("主动公开信息", counts[0], counts[1], "件"),
            YearOnYear("解读率", rate(year), rate(year - 1), "%", "higher"),
            YearOnYear("解读时滞中位数", median(year), median(year - 1), "天", "lower"),
            YearOnYear(f"成文后 {PUBLISH_WORKDAYS} 个工作日内发布", in_time(year), in_time(year - 1), "%", "higher")]

