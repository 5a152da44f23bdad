"""`disclosure check`: the fast check of the content, without rendering the site.

Prints the same ``path:line: CODE message`` lines as the build, one per problem, and
exits 1 when there are errors (or warnings, with --strict).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.diagnostics import FORMATTERS, count_warnings
from .core.site import load_site

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="disclosure", description="政府信息公开专栏：内容检查工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查 content/ 与 catalogue.yaml（不生成网站）")
    check.add_argument("--root", default=".", help="站点仓库根目录（默认当前目录）")
    check.add_argument("--content", default="content", help="内容目录，相对于根目录（默认 content）")
    check.add_argument("--catalogue", default="catalogue.yaml", help="目录配置文件（默认 catalogue.yaml）")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="输出格式：text 或 github（GitHub Actions 注释）")
    check.add_argument("--strict", action="store_true", help="有警告（W 开头）时也以失败退出")
    return parser


def run_check(args: argparse.Namespace) -> int:
    site = load_site(Path(args.root), content=args.content, catalogue=args.catalogue)
    render = FORMATTERS[args.format]
    for diagnostic in site.diagnostics:
        print(render(diagnostic))
    errors = site.error_count
    warnings = count_warnings(site.diagnostics)
    print(f"检查了 {len(site.documents)} 个文件：{errors} 个错误，{warnings} 个警告", file=sys.stderr)
    failed = errors or (args.strict and warnings)
    return EXIT_PROBLEMS if failed else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_check(args)
    except Exception as error:  # noqa: BLE001 - an editor must never see a traceback
        print(f"内部错误（{type(error).__name__}: {error}）；这是检查工具的缺陷，请把本行报告给维护人员", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
