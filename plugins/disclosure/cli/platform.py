"""`disclosure build`, `disclosure merge`, `disclosure units`: a 政府信息公开平台 built unit by unit.

    disclosure units [--json]                       the unit ids (a CI matrix)
    disclosure build [--unit ID …] [--jobs N] [--no-merge] [--units-dir build/units] [--site-dir site]
    disclosure merge [--units-dir build/units] [--site-dir site]

Without --unit, `build` builds every unit in parallel and merges; with --unit, only those units
(a department changed) and then the merge over every unit's latest output.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

from .parser import ChineseArgumentParser
from ..content.host_settings import host_settings
from ..content.unit_layout import UNITS_DIR
from ..office.place import ReportPlaceError, check_place
from ..process.signals import stop_signals

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PLATFORM_COMMANDS = ("build", "merge", "units")
EXIT_INTERRUPTED = 130   # as a shell reports a command stopped by Ctrl-C
KEPT = "网站未更新：原有网站 {site} 保持不变"


def add_commands(commands, site: argparse.ArgumentParser) -> None:
    folders = ChineseArgumentParser(add_help=False)
    folders.add_argument("--units-dir", default=UNITS_DIR, metavar="目录", help=f"各单位输出目录的上级目录（默认 {UNITS_DIR}）")
    folders.add_argument("--site-dir", default="site", metavar="目录", help="合并后的网站目录（默认 site）")
    folders.add_argument("--config-file", default="mkdocs.yml", metavar="文件", help="MkDocs 配置文件（默认 mkdocs.yml）")
    folders.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True,
                         help="有警告（W…，如附件无法读取 W400）时也算失败，网站不更新（默认）；"
                              "--no-strict：只有错误才算失败，仅供本机预览，不要用于发布")

    units = commands.add_parser("units", parents=[site], help="列出平台各单位的标识（政府本级为 gov），供 CI 矩阵使用")
    units.add_argument("--json", action="store_true", help="以 JSON 数组输出")

    build = commands.add_parser("build", parents=[site, folders],
                                help="分单位并行生成平台网站，再合并为一个网站（--unit：只重新生成这些单位）")
    build.add_argument("--unit", action="append", default=[], metavar="单位", help="只生成这个单位（可重复）；如 jyj，政府本级为 gov")
    build.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1, metavar="N", help="同时生成的单位数（默认：CPU 核数）")
    build.add_argument("--no-merge", action="store_true", help="只生成单位输出，不合并（CI 中每个单位一个作业时用）")

    commands.add_parser("merge", parents=[site, folders], help="把各单位的输出合并为一个网站（不重新生成页面）")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数，例如 --jobs 4")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from ..platform.assembly import AssemblyError
    from ..platform.merge import read_config
    from ..platform.merge_lock import merging_alone
    root = Path(args.root)
    try:
        units_dir = root / args.units_dir if getattr(args, "units_dir", None) else None
        config = read_config(root, args.catalogue, getattr(args, "config_file", "mkdocs.yml"), units_dir)
        if args.command != "units":
            _check_folders(root, args)
        if args.command == "units":
            return _print_units(config, args.json)
        if args.command == "build":
            (root / args.units_dir).mkdir(parents=True, exist_ok=True)   # locked from the first build on
        with merging_alone(root / args.units_dir):   # a second build or merge of these outputs meanwhile: one line
            return _built_and_merged(config, root, args)
    except AssemblyError as error:
        for line in error.printed():
            print(line, file=sys.stderr)
        if args.command != "units":
            print(KEPT.format(site=args.site_dir.rstrip("/") + "/"), file=sys.stderr)
        return EXIT_PROBLEMS
    except ReportPlaceError as error:
        print(f"错误：{error}", file=sys.stderr)
        print(KEPT.format(site=args.site_dir.rstrip("/") + "/"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:   # the unit builds are stopped by then (UnitBuilds.run), the staged merge removed
        stop_signals(signal.SIG_IGN)   # a second Ctrl-C (or SIGTERM) must not cut this line short
        print("已中断：各单位的生成和合并已停止；" + KEPT.format(site=getattr(args, "site_dir", "site").rstrip("/") + "/"),
              file=sys.stderr)
        return EXIT_INTERRUPTED


def _built_and_merged(config, root: Path, args: argparse.Namespace) -> int:
    if args.command == "build" and not _build(config, root, args):
        return EXIT_PROBLEMS
    if args.command == "merge" or not args.no_merge:
        return _merge(config, root, args)
    return EXIT_OK


def _waiting_for_removal() -> None:
    print("上次合并替换下来的网站仍在后台删除，等它删完再合并：这样未改动的单位不必重新校验", file=sys.stderr, flush=True)


def _check_folders(root: Path, args: argparse.Namespace) -> None:
    """The units' outputs and the merged site each in a folder of their own: `--site-dir content` replaced content/
    with the site (every document gone), `--site-dir build` the units' outputs, `--units-dir site` wrote a unit's
    raw build into the published site; neither may be the content, the theme's folder or the other (ReportPlaceError)."""
    settings = host_settings(root)
    units = (args.units_dir, "各单位的输出目录（--units-dir）")
    check_place(root / args.units_dir, root, settings, settings.docs_dir, units[1], f"默认的 {UNITS_DIR}",
                besides=((settings.site_dir, "网站输出目录"),), harm="生成会写进或删掉那里的文件")
    check_place(root / args.site_dir, root, settings, settings.docs_dir, "网站目录（--site-dir）", "默认的 site",
                besides=(units,), harm="合并会用网站替换或写进那里的文件")


def _print_units(config, as_json: bool) -> int:
    print(json.dumps(config.unit_ids) if as_json else "\n".join(config.unit_ids))
    return EXIT_OK


def _build(config, root: Path, args: argparse.Namespace) -> bool:
    from ..platform.assembly import AssemblyError
    from ..platform.builds import UnitBuilds
    unknown = [unit for unit in args.unit if unit not in config.unit_ids]
    if unknown:
        raise AssemblyError([f"catalogue.yaml 中没有单位“{unit}”；可用的单位：{'、'.join(config.unit_ids)}" for unit in unknown])
    chosen = list(dict.fromkeys(args.unit)) or config.unit_ids
    started = time.monotonic()
    builds = UnitBuilds(root, root / args.units_dir, config.unit_names, args.jobs, args.config_file, args.strict)
    failed = builds.run(chosen)
    if failed:
        names = "、".join(config.unit_names[unit] for unit in failed)
        print(f"错误：{len(failed)} 个单位生成失败：{names}（原因见上面以单位名开头的各行）", file=sys.stderr)
        print(KEPT.format(site=args.site_dir.rstrip("/") + "/"), file=sys.stderr)
        return False
    print(f"已生成 {len(chosen)} 个单位，用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)
    return True


def _merge(config, root: Path, args: argparse.Namespace) -> int:
    from ..platform.merge import merge
    started = time.monotonic()
    done = merge(config, root / args.units_dir, root / args.site_dir, strict=args.strict, waiting=_waiting_for_removal)
    for diagnostic in done.diagnostics:
        print(diagnostic.as_text())
    print(f"已合并 {len(config.unit_ids)} 个单位（共 {done.documents} 条主动公开信息）到 {args.site_dir}，"
          f"用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)
    return EXIT_OK
