"""Timeliness (W300, W301, W302, W304): an overdue annual report, a category left unfed, a consultation
without its feedback, counted against the build's "today" (`content/clock.py`); and one that does not
depend on today: a document published more than 20 工作日 after it was formed (W304, 条例第二十六条;
工作日 from `content/workdays.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..codes import W300, W301, W302, W304
from ..codes.diagnostics import Diagnostic
from ..content.catalogue import Catalogue, DocType, due_date
from ..content.model import Document
from ..content.relations import Relations
from ..content.workdays import working_days

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "timeliness"


def check(site: Site) -> list[Diagnostic]:
    return (overdue_reports(site.catalogue, site.documents, site.today, site.catalogue_path)
            + stale_categories(site.catalogue, site.documents, site.today, site.catalogue_path)
            + consultations_without_feedback(site.documents, site.relations, site.today)
            + late_publications(site.documents))


FEEDBACK_DAYS = 30


def report_due_date(doc_type: DocType, year: int, agency_due: str | None = None) -> dt.date:
    """The report on `year` is due on the agency's own MM-DD (`report_due`: a government's 03-31),
    else the type's, of the following year."""
    return due_date(agency_due or doc_type.due, year + 1)


def overdue_reports(catalogue: Catalogue, documents: list[Document], today: dt.date,
                    catalogue_path: str) -> list[Diagnostic]:
    """W300 for each year whose report is overdue: from the type's `due_from` year when the agency
    set one (earlier reports may never have been published online), else from the first report's year."""
    problems = []
    for doc_type in (t for t in catalogue.types.values() if t.due):
        years = {d.year for d in documents if d.type == doc_type.key and d.is_public and d.year}
        first = doc_type.due_from or min(years, default=None)
        if first is None:
            continue
        migrated = any(d.imported for d in documents if d.type == doc_type.key)
        for year in range(first, today.year):
            due = report_due_date(doc_type, year, catalogue.agency.report_due)
            if year not in years and today > due:
                problems.append(W300.at(catalogue_path, doc_type.line, f"{catalogue.owner}{year} 年度的{doc_type.name}应于 {due} 前发布，至今未发布；请尽快发布（type: {doc_type.key}，year: {year}）"
                                        + _due_from_hint(doc_type, year, migrated)))
    return problems


def _due_from_hint(doc_type: DocType, year: int, migrated: bool) -> str:
    """Where the years counted start, and how to move the start (`due_from`) when the reports were
    never on this site (an agency that migrated from an old site may not have every old report)."""
    if doc_type.due_from:
        return (f"。缺报从 catalogue.yaml 中 {doc_type.key} 的 due_from: {doc_type.due_from} 算起；"
                f"如 {year} 年度的年报确实无法补发（例如迁移前的原网站上就没有），请把 due_from 改为本站实际开始发布年报的年度")
    since = "站内最早一份（含迁移来的）" if migrated else "站内最早一份"
    return (f"。缺报从{since}年报的年度算起；如这一年度的年报在迁移前的原网站上就没有、无法补发，"
            f"请在 catalogue.yaml 的 {doc_type.key} 类型下写 due_from: 年度（本站实际开始要求年报齐全的年度），此前的年度不再提醒")


def stale_categories(catalogue: Catalogue, documents: list[Document], today: dt.date,
                     catalogue_path: str) -> list[Diagnostic]:
    """W301 for each category with documents allowed that had nothing new for `stale_days`."""
    problems = []
    for category in catalogue.categories():
        if not category.types or category.stale_days == 0:
            continue
        dates = [d.published for d in documents if d.category is category and d.is_public and d.published]
        if not dates:
            problems.append(W301.at(catalogue_path, category.line, f"{catalogue.owner}栏目“{category.name}”没有任何主动公开信息（空白栏目）；请发布信息，或从目录中删除此栏目"))
            continue
        idle = (today - max(dates)).days
        if idle > category.stale_days:
            problems.append(W301.at(catalogue_path, category.line, f"{catalogue.owner}栏目“{category.name}”已 {idle} 天未更新（最近一次 {max(dates)}，要求 {category.stale_days} 天内）；"
                                       f"请及时发布新信息，或调整 stale_days"))
    return problems


def consultations_without_feedback(documents: list[Document], relations: Relations,
                                   today: dt.date) -> list[Diagnostic]:
    """W302 when a consultation closed over 30 days ago and no document `responds_to` it."""
    problems = []
    for doc in documents:
        if not (doc.is_public and doc.closes and doc.index_no):
            continue
        overdue = (today - doc.closes).days
        if overdue > FEEDBACK_DAYS and not relations.responses.get(doc.index_no):
            problems.append(W302.at(doc.path, doc.line_of("closes"), f"征求意见已于 {doc.closes} 结束 {overdue} 天，尚未公布意见采纳情况；"
                                       f"请发布采纳情况，并在其文件头写 responds_to: {doc.index_no}"))
    return problems


PUBLISH_WORKDAYS = 20   # 《政府信息公开条例》第二十六条: 自该政府信息形成或者变更之日起 20 个工作日内及时公开


def publication_workdays(doc: Document) -> int | None:
    """工作日 from 成文日期 (the information formed) to 发布日期; None without both."""
    return working_days(doc.issued, doc.published) if doc.issued and doc.published else None


def late_publications(documents: list[Document]) -> list[Diagnostic]:
    """W304 for a public document published more than 20 工作日 after its 成文日期 (a document moved in
    from an old site, `imported:`, is published as it was)."""
    problems = []
    for doc in documents:
        days = publication_workdays(doc) if doc.is_public and not doc.imported else None
        if days is not None and days > PUBLISH_WORKDAYS:
            problems.append(W304.at(doc.path, doc.line_of("published"),
                                    f"成文日期 {doc.issued}，发布日期 {doc.published}，相隔 {days} 个工作日，超过《政府信息公开条例》"
                                    f"第二十六条规定的 {PUBLISH_WORKDAYS} 个工作日；今后请在成文后 {PUBLISH_WORKDAYS} 个工作日内发布"
                                    f"（已发布的发布日期不能改；确属更正的写 corrected:）"))
    return problems

