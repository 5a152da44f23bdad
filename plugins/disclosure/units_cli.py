"""`disclosure units`: the units of a platform, for CI matrices (one build job per unit).

    disclosure units           # "gov	示例市人民政府", one unit a line
    disclosure units --json    # ["gov","yjj",…] on one line, for GitHub's fromJSON and GitLab's child pipeline
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .platform_cli import platform_catalogue


def add_parser(commands, site: argparse.ArgumentParser) -> None:
    units = commands.add_parser("units", parents=[site], help="平台：列出各单位的 id（政府本级 gov 在前），供 CI 按单位并行生成")
    units.add_argument("--json", action="store_true", help="输出一行 JSON 数组，如 [\"gov\",\"yjj\"]（GitHub Actions 的 fromJSON）")
    units.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model = platform_catalogue(Path(args.root), args.catalogue)
    if model is None:
        print("错误：catalogue.yaml 不是平台配置（没有 departments）或有错误；单个机关的网站用 mkdocs build 整体生成，"
              "有错误请先运行 disclosure check", file=sys.stderr)
        return 2
    ids = [unit.id for unit in model.platform.units]
    if args.json:
        print(json.dumps(ids, separators=(",", ":")))
    else:
        for unit in model.platform.units:
            print(f"{unit.id}\t{unit.name}")
    return 0
