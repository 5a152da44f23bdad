"""`disclosure import`: arguments in, documents and a report out, a Chinese summary on the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.host_settings import host_settings
from ..importer.plan import Choice, load_rules
from ..importer.report import WRITERS, markdown, summary
from ..importer.run import run_import
from ..office.place import ReportPlaceError, check_place

EXIT_OK, EXIT_NOT_IMPORTED, EXIT_USAGE = 0, 1, 2
DEFAULT_REPORT = "import-report.md"


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    report = Path(args.report) if args.report else (None if args.dry_run else root / DEFAULT_REPORT)
    if report is not None and report.suffix.lower() not in WRITERS:
        print(f"错误：报告文件须以 .md、.csv 或 .json 结尾：{report}", file=sys.stderr)
        return EXIT_USAGE
    try:   # the report lists what was withheld and why: never where the next build or merge publishes it
        if report is not None:
            check_place(report, root, host_settings(root), args.content, "导入报告", f"默认的 {DEFAULT_REPORT}")
    except ReportPlaceError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rules = load_rules(Path(args.map)) if args.map else []
        result = run_import(root, [Path(s) for s in args.sources], Choice(args.type, args.category, rules),
                            content=args.content, catalogue=args.catalogue, dry_run=args.dry_run)
    except (ValueError, OSError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    if not result.planned and not result.missing:
        print("错误：没有找到可导入的页面；请给出另存的网页（.html、.htm）或文本（.txt），或含有它们的目录", file=sys.stderr)
        return EXIT_USAGE
    if report is None:
        print(markdown(result))
    else:
        # Excel and WPS read a CSV without a byte-order mark as GBK on Chinese Windows.
        encoding = "utf-8-sig" if report.suffix.lower() == ".csv" else "utf-8"
        report.write_text(WRITERS[report.suffix.lower()](result), encoding=encoding)
    print(summary(result, report), file=sys.stderr)
    # Decisions are listed in the report; the exit status says only whether every page was imported.
    not_imported = any(planned.skipped for planned in result.planned) or result.missing
    return EXIT_NOT_IMPORTED if not_imported else EXIT_OK
