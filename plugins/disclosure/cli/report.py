"""`disclosure report`: the 政务公开办's own report, outside the published site.

    disclosure report                          # report/office-report.html, .json, .csv
    disclosure report --as-of 2025-12-31       # the content and "today" of that day, from Git
    disclosure report --against main --summary # Markdown lines for a pull request
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from ..content.clock import build_date
from ..content.host_settings import host_settings
from ..office.figures import summary_markdown
from ..office.history import NoCommitThen, commit_on_or_before, merge_base, unpack
from ..office.output import page_url, write_report
from ..office.place import ReportPlaceError
from ..office.report import OfficeReport, office_report, platform_office_report
from ..platform.site import load_platform
from ..rules.check import load_site
from ..rules.history import GitUnavailable
from .check_platform import platform_catalogue
from .parser import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

DEFAULT_OUTPUT = "report"


class _NoReport(Exception):
    """The content is too broken to count; the diagnostics were printed."""


def run_report(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if args.summary != bool(args.against) or (args.as_of and args.against):
        print("错误：--against 与 --summary 须同时使用，且不能与 --as-of 同用；"
              "例如 disclosure report --against main --summary", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.summary:
            print(_summary(args, root), end="")
            return EXIT_OK
        report = _report_at(args, root, args.as_of) if args.as_of else _report(args, root, root, build_date())
        output = Path(args.output) if args.output else root / DEFAULT_OUTPUT
        written = write_report(report, output, root, host_settings(root), args.content)
    except NoCommitThen as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    except GitUnavailable as error:
        print(f"错误：{error}；--as-of 和 --against 需要在 Git 仓库中使用", file=sys.stderr)
        return EXIT_USAGE
    except ReportPlaceError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    except _NoReport:
        return EXIT_PROBLEMS
    print(f"已生成内部自查报告（统计日 {report.today}）：{written[0]}；仅供内部使用，请勿放入 content/ 或发布", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace, content_root: Path, settings_root: Path, today: dt.date,
            commit: str | None = None) -> OfficeReport:
    if platform_catalogue(content_root, args.catalogue) is not None:
        platform = load_platform(content_root, args.content, args.catalogue, today=today)
        if not platform.sites or not all(site.readable for site in platform.sites):
            _no_report(platform.diagnostics)
        return platform_office_report(platform, page_url(host_settings(settings_root)), args.content, args.catalogue, commit)
    site = load_site(content_root, content=args.content, catalogue=args.catalogue, today=today)
    if site.catalogue is None or not site.content_dir.is_dir():
        _no_report(site.diagnostics)
    return office_report(site, page_url(host_settings(settings_root)), args.catalogue, commit)


def _no_report(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.as_text(), file=sys.stderr)
    print("错误：目录配置或内容目录有误，无法生成报告；请先按上面的提示修改（disclosure check）", file=sys.stderr)
    raise _NoReport


def _report_at(args: argparse.Namespace, root: Path, day: dt.date) -> OfficeReport:
    """The figures of `day`: the last commit on or before it, with "today" = that day."""
    commit = commit_on_or_before(root, day)
    with tempfile.TemporaryDirectory(prefix="disclosure-report-") as folder:
        snapshot = unpack(root, commit, args.content, args.catalogue, Path(folder))
        return _report(args, snapshot, snapshot, day, commit)


def _summary(args: argparse.Namespace, root: Path) -> str:
    """Base (where this branch left REF) against the working tree, both counted on the same day."""
    today = build_date()
    base = merge_base(root, args.against)
    with tempfile.TemporaryDirectory(prefix="disclosure-report-") as folder:
        before = _report(args, unpack(root, base, args.content, args.catalogue, Path(folder)), root, today, base)
    return summary_markdown(before, _report(args, root, root, today), args.against)
