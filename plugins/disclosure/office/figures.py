"""The headline figures of the office report, and the forms they leave in: JSON, CSV, and the
short comparison a pull request shows ("解读率 92 % → 95 %").

The figures are read off `OfficeReport` (office/report.py); nothing is counted twice.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import dataclass

from ..codes import UnknownRule, rule
from ..pages.exports import _csv_cell
from .report import PLATFORM_SCOPE, DocList, OfficeReport, Scope, scope_lists

REPORT_KIND = "disclosure-office-report"   # marks the JSON; the tests look for it outside report/


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None
    unit: str
    anchor: str | None          # the list of documents behind the number
    better: str = "lower"       # which way is an improvement: lower | higher | none
    problem: bool | None = None # shown in red; by default any count of something to fix

    @property
    def is_problem(self) -> bool:
        if self.problem is not None:
            return self.problem
        return self.better == "lower" and bool(self.value)

    @property
    def number(self) -> str:
        """The value as shown: at most one decimal, "—" when there is nothing to count."""
        return "—" if self.value is None else f"{self.value:.1f}".rstrip("0").rstrip(".")

    @property
    def text(self) -> str:
        if self.value is None:
            return self.number
        return f"{self.number} {self.unit}"


def scope_figures(scope: Scope) -> list[Figure]:
    interpretation, normative = scope.interpretation, scope.normative
    rate = None if interpretation.rate is None else round(interpretation.rate * 100, 1)
    worst = interpretation.worst
    in_force = normative.in_force
    return [
        Figure("publications", f"近 {len(scope.columns[0].per_month) if scope.columns else 0} 个月发布信息",
               sum(sum(c.per_month) for c in scope.columns), "件", f"#{scope.publications.key}", "none"),
        Figure("stale_columns", "长期未更新或空白的栏目", scope.stale_columns.count, "个", f"#{scope.stale_columns.key}"),
        Figure("interpretation_rate", "解读率", rate, "%", f"#{interpretation.interpreted.key}", "higher",
               problem=rate is not None and rate < 100),
        Figure("interpretation_missing", "缺少解读的文件", interpretation.missing.count, "件", f"#{interpretation.missing.key}"),
        Figure("interpretation_median", "解读时滞中位数", interpretation.median_days, "天", f"#{interpretation.interpreted.key}",
               problem=False),
        Figure("interpretation_worst", "最长解读时滞", worst.days if worst else None, "天",
               f"#{interpretation.worst_docs.key}", problem=bool(worst and worst.late)),
        Figure("interpretation_late", "超过时限的解读", interpretation.late.count, "件", f"#{interpretation.late.key}"),
        Figure("normative_in_force", "现行有效的规范性文件", in_force.count, "件", f"#{in_force.key}", "none"),
        Figure("normative_expired", "已过有效期仍标“有效”", normative.expired.count, "件", f"#{normative.expired.key}"),
        Figure("normative_expiring", "90 天内到期", normative.expiring.count, "件", f"#{normative.expiring.key}"),
        Figure("normative_superseded", "已被替代未改有效性", normative.superseded_unmarked.count, "件",
               f"#{normative.superseded_unmarked.key}"),
        *_publication_figures(scope),
        Figure("annual_reports_late", "逾期或未发布的年报", len(scope.late_reports), "份", f"#{scope.late_reports_docs.key}"),
        Figure("consultations", "未公布意见采纳情况的征求意见", scope.consultations.count, "件", f"#{scope.consultations.key}"),
        Figure("allowances", "个人信息豁免", scope.allowances.count, "处", f"#{scope.allowances.key}", "none"),
        Figure("warnings", "待处理的问题（警告与错误）", scope.warning_count, "条", f"#{scope.all_warnings.key}"),
    ]


def _publication_figures(scope: Scope) -> list[Figure]:
    publication = scope.publication
    if publication is None:
        return []
    rate = None if publication.rate is None else round(publication.rate * 100, 1)
    return [Figure("publication_in_time", "成文后 20 个工作日内发布", rate, "%", f"#{publication.counted.key}", "higher",
                   problem=rate is not None and rate < 100),
            Figure("publication_late", "成文后超过 20 个工作日发布", publication.late.count, "件", f"#{publication.late.key}"),
            Figure("consultations_short", "期限少于 30 日的征求意见", scope.short_consultations.count, "件",
                   f"#{scope.short_consultations.key}")]


def report_json(report: OfficeReport) -> str:
    """Everything in the report, plus each scope's headline figures, as one JSON document."""
    data = {"kind": REPORT_KIND, **dataclasses.asdict(report)}
    for scope, scope_data in zip(report.scopes, data["scopes"]):
        scope_data["figures"] = {f.key: {"label": f.label, "value": f.value, "unit": f.unit} for f in scope_figures(scope)}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


CSV_HEADER = ("范围", "指标", "数值", "单位", "相关文件（索引号或路径）", "表", "栏目或年度")
UNIT_TABLE = "各单位概览"


def rule_title(code: str) -> str:
    """A rule code with its Chinese title (E201 规范性文件缺少政策解读), as the editor's guide names it."""
    try:
        return f"{code} {rule(code).title}"
    except UnknownRule:
        return code


def report_csv(report: OfficeReport, unit_columns: tuple[str, ...] = ()) -> bytes:
    """Every table of the HTML page, one row per number, each row naming its table and the column,
    year or rule it is of, with the documents behind it, so a spreadsheet can check each number.

    UTF-8 with BOM for Excel; cells that could run as formulas are quoted (see exports.py)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in _csv_rows(report, unit_columns):
        writer.writerow(_csv_cell(value) for value in row)
    return buffer.getvalue().encode("utf-8-sig")


def _names(doc_list: DocList | None) -> list[str]:
    return [doc.index_no or doc.path for doc in doc_list.docs] if doc_list else []


def _csv_rows(report: OfficeReport, unit_columns: tuple[str, ...]):
    lists = {f"#{doc_list.key}": doc_list for doc_list in report.lists}
    for scope in report.scopes:
        for figure in scope_figures(scope):
            yield scope.name, figure.label, figure.number, figure.unit, _names(lists.get(figure.anchor or "")), "概览", ""
        yield from _first_tables(scope)
        if scope.id == PLATFORM_SCOPE:
            for unit in report.unit_scopes:
                figures = {f.key: f for f in scope_figures(unit)}
                for key in unit_columns:
                    figure = figures[key]
                    yield unit.name, figure.label, figure.number, figure.unit, _names(lists.get(figure.anchor or "")), \
                        UNIT_TABLE, ""
            continue
        yield from _scope_tables(scope, report.months)
    owners = {doc_list.key: scope.name for scope in report.scopes for doc_list in scope_lists(scope)}
    for doc_list in report.lists:
        yield owners.get(doc_list.key, ""), doc_list.title, str(doc_list.count), "件", _names(doc_list), \
            "附：数字所依据的文件", doc_list.about


def _first_tables(scope: Scope):
    """先改什么, and this year against last year."""
    for item in scope.fix_first:
        yield scope.name, item.what, item.by, "（已过）" if item.overdue else "", [item.doc.index_no or item.doc.path], \
            "先改什么", f"{item.folder}（{item.owners}）"
    for row in scope.year_on_year:
        for label, value in (("上年", row.last_year), ("本年", row.this_year)):
            yield scope.name, row.label, "" if value is None else f"{value}", row.unit, [], "本年与上年", label


def _scope_tables(scope: Scope, months: list[str]):
    """The unit's tables as the page shows them: columns by month, delays, validity, annual reports, rules."""
    table = "一、栏目更新情况"
    for column in scope.columns:
        for month, doc_list in zip(months, column.by_month):
            yield scope.name, month, str(doc_list.count), "件", _names(doc_list), table, column.name
        yield scope.name, "合计", str(column.recent.count), "件", _names(column.recent), table, column.name
        yield scope.name, "最近更新", column.last_update or "", "", [], table, column.name
        yield scope.name, "未更新天数", "" if column.idle_days is None else str(column.idle_days), "天", [], table, column.name
        yield scope.name, "要求（stale_days）", str(column.stale_days), "天", [], table, column.name
        yield scope.name, "状态", column.status, "", [column.listing.path], table, column.name
    for delay in sorted(scope.interpretation.delays, key=lambda d: (-d.days, d.policy.index_no or "")):
        names = [delay.policy.index_no or delay.policy.path, delay.interpretation.index_no or delay.interpretation.path]
        yield scope.name, f"解读时滞（时限 {delay.limit} 天）", str(delay.days), "天", names, "二、政策解读", delay.policy.title
    interpretation = scope.interpretation
    for row in interpretation.by_year:
        rate = "" if row.rate is None else f"{row.rate * 100:.1f}".rstrip("0").rstrip(".")
        yield scope.name, "解读率", rate, "%", _names(row.interpreted), "二、政策解读（按考核年度）", row.period
        yield scope.name, "解读时滞中位数", "" if row.median_days is None else str(row.median_days), "天", [], \
            "二、政策解读（按考核年度）", row.period
    for row in interpretation.by_kind:
        yield scope.name, "文件数", str(row.policies.count), "件", _names(row.policies), "二、政策解读（按解读形式）", row.kind
        yield scope.name, "解读时滞中位数", str(row.median_days), "天", [], "二、政策解读（按解读形式）", row.kind
    if scope.publication:
        for doc in scope.publication.counted.docs:
            yield scope.name, "成文到发布的工作日数", doc.note, "", [doc.index_no or doc.path], "成文到发布（条例第二十六条）", \
                doc.title
    for row in scope.consultation_rows:
        yield scope.name, "征求意见期限", str(row.days), "日", [row.document.index_no or row.document.path], \
            "五、征求意见与意见采纳情况", row.document.title
        yield scope.name, "截止后公布意见采纳情况用时", "" if row.feedback_days is None else str(row.feedback_days), "日", \
            [row.feedback.index_no or row.feedback.path] if row.feedback else [], "五、征求意见与意见采纳情况", row.document.title
    normative = scope.normative
    for group in normative.by_validity:
        yield scope.name, group.title, str(group.count), "件", _names(group), "三、规范性文件有效性", ""
    for row in scope.annual_reports:
        days = "" if row.days_late is None else str(row.days_late)
        yield scope.name, f"{row.status}（截止 {row.due}）", days, "天" if days else "", _names(row.document), \
            "四、政府信息公开工作年度报告", str(row.year)
    for group in scope.warnings:
        yield scope.name, rule_title(group.title), str(group.count), "条", _names(group), "七、待处理的问题", group.title


IN_FORCE_HEADER = ("所属单位", "索引号", "标题", "发文字号", "成文日期", "发布日期", "有效期至", "有效期依据", "链接")


def in_force_csv(report: OfficeReport) -> bytes:
    """The 现行有效规范性文件目录: every document marked 有效, unit by unit, with its term and where it comes from."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(IN_FORCE_HEADER)
    for scope in report.unit_scopes:
        for row in scope.normative.in_force_rows:
            writer.writerow(_csv_cell(value) for value in (scope.name, row.index_no, row.title, row.doc_no, row.issued,
                                                           row.published, row.expires, row.basis, row.url))
    return buffer.getvalue().encode("utf-8-sig")


def summary_markdown(before: OfficeReport, after: OfficeReport, reference: str) -> str:
    """A few Chinese lines for a pull request: what this change does to the figures."""
    lines = [f"### 政务公开指标变化（{reference} → 本次修改）", ""]
    earlier = {scope.id: scope for scope in before.scopes}
    steady = 0   # a platform's units whose figures this change leaves alone: counted, not listed
    for new_scope in after.scopes:
        old_scope = earlier.get(new_scope.id, new_scope)
        if after.is_platform and new_scope in after.unit_scopes and _same(old_scope, new_scope):
            steady += 1
            continue
        old = {figure.key: figure for figure in scope_figures(old_scope)}
        changed, same = [], 0
        for figure in scope_figures(new_scope):
            was = old.get(figure.key)
            if was is None or was.value == figure.value:
                same += 1
                continue
            changed.append(f"- {figure.label} {was.text} → {figure.text}{_verdict(was, figure)}")
        prefix = f"**{new_scope.name}**：" if len(after.scopes) > 1 else ""
        if changed and after.is_platform:
            lines.append(f"**{new_scope.name}**")
        lines += changed or [f"- {prefix}本次修改不改变各项指标"]
        if changed and same:
            lines.append(f"- 其余 {same} 项指标不变")
    if steady:
        lines.append(f"- 其余 {steady} 个单位的指标不变")
    lines += ["", f"（按 {after.today} 计算；完整报告：`disclosure report`）"]
    return "\n".join(lines) + "\n"


def _same(before: Scope, after: Scope) -> bool:
    return [f.value for f in scope_figures(before)] == [f.value for f in scope_figures(after)]


def _verdict(was: Figure, now: Figure) -> str:
    if was.value is None or now.value is None or now.better == "none":
        return ""
    improved = now.value > was.value if now.better == "higher" else now.value < was.value
    return "（改善）" if improved else "（变差）"
