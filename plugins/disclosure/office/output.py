"""Writes the office report (HTML, JSON, CSV) into a folder outside the published site.

The figures come from office/report.py; the page is rendered from
templates/office-report.html with Jinja (autoescaped: titles come from editors).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..content.host_settings import HostSettings
from ..content.model import Document
from .charts import delay_chart, publications_chart
from .figures import REPORT_KIND, in_force_csv, report_csv, report_json, rule_title, scope_figures
from .place import check_place
from .report import EXPIRY_WARNING_DAYS, PLATFORM_SCOPE, OfficeReport

TEMPLATES = Path(__file__).parent / "templates"
# The figures in the platform's table of units (one row per unit).
UNIT_COLUMNS = ("publications", "stale_columns", "interpretation_rate", "interpretation_missing", "interpretation_late",
                "normative_expired", "annual_reports_late", "consultations", "warnings")
HTML_NAME, JSON_NAME, CSV_NAME = "office-report.html", "office-report.json", "office-report.csv"
IN_FORCE_NAME = "normative-in-force.csv"   # 现行有效规范性文件目录


def page_url(settings: HostSettings):
    """A document's page, relative to site_url, as MkDocs names it."""
    def url_of(doc: Document) -> str:
        stem = doc.src_uri[:-len(".md")] if doc.src_uri.endswith(".md") else doc.src_uri
        return f"{stem}/" if settings.use_directory_urls else f"{stem}.html"
    return url_of


def render_html(report: OfficeReport, output: Path, root: Path, settings: HostSettings) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    to_root = Path(os.path.relpath(root.resolve(), output.resolve())).as_posix()
    site_url = (settings.site_url or "").rstrip("/")
    env.filters["source_href"] = lambda path: f"{to_root}/{path}"
    env.filters["page_href"] = lambda url: f"{site_url}/{url}" if site_url else url
    env.filters["rule_title"] = rule_title
    # The platform's own scope shows its figures and a row per unit; the charts and tables are the units'.
    charts = {scope.id: {"publications": _inline(publications_chart(scope, report.months)),
                         "delays": _inline(delay_chart(scope, report.today))} for scope in report.unit_scopes}
    sections = {f"#{scope.id}-{name}" for scope in report.unit_scopes for name in ("columns", "annual", "rules")}
    figures = {scope.id: scope_figures(scope) for scope in report.scopes}
    return env.get_template("office-report.html").render(
        report=report, anchors={f"#{doc_list.key}" for doc_list in report.lists} | sections, figures=figures, charts=charts,
        figure_map={scope_id: {f.key: f for f in found} for scope_id, found in figures.items()},
        platform_scope=PLATFORM_SCOPE, unit_columns=UNIT_COLUMNS,
        kind=REPORT_KIND, expiry_days=EXPIRY_WARNING_DAYS, files={"json": JSON_NAME, "csv": CSV_NAME, "in_force": IN_FORCE_NAME},
        max_month=max([n for scope in report.scopes for c in scope.columns for n in c.per_month] or [0]))


def _inline(svg: str | None) -> Markup | None:
    """pygal's SVG, built with an XML library from escaped values, goes into the page as it is."""
    return Markup(svg) if svg else None


def write_report(report: OfficeReport, output: Path, root: Path, settings: HostSettings,
                 content: str = "content") -> list[Path]:
    """All three files or none: written beside the folder, then moved into place."""
    check_place(output, root, settings, content)
    output.mkdir(parents=True, exist_ok=True)
    contents = {HTML_NAME: render_html(report, output, root, settings).encode("utf-8"),
                JSON_NAME: report_json(report).encode("utf-8"), CSV_NAME: report_csv(report, UNIT_COLUMNS),
                IN_FORCE_NAME: in_force_csv(report)}
    with tempfile.TemporaryDirectory(dir=output, prefix=".writing-") as staging:
        _write_staged(contents, Path(staging), output)
    return [output / name for name in contents]


def _write_staged(contents: dict[str, bytes], staging: Path, output: Path) -> None:
    """Every file into `staging` first (Ctrl-C here leaves the old report whole), then each moved in."""
    for name, data in contents.items():
        (staging / name).write_bytes(data)
    for name in contents:
        os.replace(staging / name, output / name)
