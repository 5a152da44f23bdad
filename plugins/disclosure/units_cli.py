"""`disclosure units`: the units of a platform, for CI matrices (one build job per unit).

    disclosure units           # "gov<TAB>本级政府名称", one unit a line
    disclosure units --json    # ["gov","yjj",…] on one line, for GitHub's fromJSON
    disclosure units --check .gitlab-ci.yml   # CI: the committed `parallel: matrix: UNIT` list is every unit

GitLab's matrix is a list written in .gitlab-ci.yml (a child pipeline generated from catalogue.yaml
could not hand its artefacts back to the parent's merge and Pages jobs); --check keeps it in sync,
as `disclosure owners --check` keeps CODEOWNERS.
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
    units.add_argument("--check", metavar="文件", help="核对该 CI 文件（如 .gitlab-ci.yml）中 parallel: matrix: 的 UNIT 列表是否正好是全部单位")
    units.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model = platform_catalogue(Path(args.root), args.catalogue)
    if model is None:
        print("错误：catalogue.yaml 不是平台配置（没有 departments）或有错误；单个机关的网站用 mkdocs build 整体生成，"
              "有错误请先运行 disclosure check", file=sys.stderr)
        return 2
    ids = [unit.id for unit in model.platform.units]
    if args.check:
        return _check(Path(args.check), ids)
    if args.json:
        print(json.dumps(ids, separators=(",", ":")))
    else:
        for unit in model.platform.units:
            print(f"{unit.id}\t{unit.name}")
    return 0


def _matrix_units(data: object) -> list[list]:
    """Every `UNIT:` list under a `parallel: matrix:` of a CI file."""
    found = []
    if isinstance(data, dict):
        matrix = data.get("parallel", {}).get("matrix") if isinstance(data.get("parallel"), dict) else None
        for entry in matrix if isinstance(matrix, list) else []:
            if isinstance(entry, dict) and "UNIT" in entry:
                found.append(entry["UNIT"] if isinstance(entry["UNIT"], list) else [entry["UNIT"]])
        for value in data.values():
            found += _matrix_units(value)
    elif isinstance(data, list):
        for value in data:
            found += _matrix_units(value)
    return found


def _check(file: Path, ids: list[str]) -> int:
    import yaml
    expected = f"UNIT: [{', '.join(ids)}]"
    try:
        lists = _matrix_units(yaml.safe_load(file.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"错误：无法读取 {file}（{type(error).__name__}）；它应是 CI 配置文件，如 .gitlab-ci.yml", file=sys.stderr)
        return 2
    if not lists:
        print(f"错误：{file} 中没有 parallel: matrix: 的 UNIT 列表；按单位并行生成的任务应写 {expected}", file=sys.stderr)
        return 1
    wrong = [found for found in lists if [str(unit) for unit in found] != ids]
    for found in wrong:
        missing = [unit for unit in ids if unit not in map(str, found)]
        extra = [str(unit) for unit in found if str(unit) not in ids]
        detail = "；".join(part for part in (f"缺少 {'、'.join(missing)}" if missing else "",
                                              f"多出 {'、'.join(extra)}" if extra else "") if part) or "顺序不同"
        print(f"错误：{file} 的 UNIT 列表与 catalogue.yaml 的单位不一致（{detail}）；请改为 {expected}", file=sys.stderr)
    if not wrong:
        print(f"{file} 的 UNIT 列表与 catalogue.yaml 一致", file=sys.stderr)
    return 1 if wrong else 0
