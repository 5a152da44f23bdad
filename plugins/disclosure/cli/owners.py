"""`disclosure owners`: CODEOWNERS (GitHub) or approval-rule sections (GitLab) from catalogue.yaml.

    disclosure owners                 # writes .github/CODEOWNERS
    disclosure owners --gitlab        # writes .gitlab/CODEOWNERS (a section per department)
    disclosure owners --check         # CI: fails when the committed file differs from catalogue.yaml
    disclosure owners --gitlab --check --ci-file .gitlab-ci.yml   # and the pipeline's unit list too
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..codes.diagnostics import count_errors
from ..content.catalogue_file import load_catalogue
from ..content.yamlsource import decode_text, load_yaml
from ..platform.ci_matrix import matrix_problems
from ..platform.codeowners import (
    DEFAULT_FILES,
    GITHUB,
    GITLAB,
    RENDER,
    differs,
    ownership,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_parser(commands, site: argparse.ArgumentParser) -> None:
    owners = commands.add_parser("owners", parents=[site], help="平台：按 catalogue.yaml 的 owners 生成 CODEOWNERS（谁审核哪个目录）")
    host = owners.add_mutually_exclusive_group()
    host.add_argument("--github", dest="host", action="store_const", const=GITHUB, help="GitHub 的 .github/CODEOWNERS（默认）")
    host.add_argument("--gitlab", dest="host", action="store_const", const=GITLAB, help="GitLab 的 .gitlab/CODEOWNERS（每个部门一节，即一条审批规则）")
    owners.add_argument("--output", metavar="文件", help="写到这里（默认按平台：.github/CODEOWNERS 或 .gitlab/CODEOWNERS）")
    owners.add_argument("--check", action="store_true", help="不写文件，只核对已提交的文件与 catalogue.yaml 是否一致（用于 CI）")
    owners.add_argument("--ci-file", metavar="文件", help="与 --check 同用：还核对该 CI 文件（如 .gitlab-ci.yml）中 "
                        "parallel: matrix: 的 UNIT 列表正好是全部单位")
    owners.set_defaults(run=run, host=GITHUB)


def _command(args: argparse.Namespace) -> str:
    return "disclosure owners --" + args.host + (f" --output {args.output}" if args.output else "")


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    model, problems = load_catalogue(root / args.catalogue, args.catalogue)
    if model is None or not model.is_platform:
        print("错误：catalogue.yaml 不是平台配置（没有 departments）或有错误；CODEOWNERS 按部门生成，"
              "请先运行 disclosure check 修正", file=sys.stderr)
        return EXIT_USAGE
    if count_errors(problems):
        # A department that could not be read would be left out: its folder would lose its reviewers.
        for problem in problems:
            print(problem.as_text(), file=sys.stderr)
        print("错误：catalogue.yaml 有错误，未生成 CODEOWNERS；请按上面的提示修改", file=sys.stderr)
        return EXIT_PROBLEMS
    text, _ = decode_text((root / args.catalogue).read_bytes(), args.catalogue)
    found = ownership(model, args.content, load_yaml(text or "", args.catalogue).lines)
    for note in found.notes:
        print(f"{args.catalogue}:{note.line}: {'错误' if note.is_error else '警告'}：{note.message}", file=sys.stderr)
    if found.errors:
        print("错误：owners 有误，未生成 CODEOWNERS；请按上面的提示修改 catalogue.yaml", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = args.output or DEFAULT_FILES[args.host]
    expected = RENDER[args.host](found, _command(args))
    if args.check:
        matrix = matrix_problems(Path(args.ci_file), args.ci_file, [u.id for u in model.platform.units]) if args.ci_file else []
        for problem in matrix:
            print(f"错误：{problem}", file=sys.stderr)
        return max(_check(expected, root / shown, shown, args), EXIT_PROBLEMS if matrix else EXIT_OK)
    if args.ci_file:
        print("错误：--ci-file 只与 --check 同用（核对 CI 文件中的单位列表）", file=sys.stderr)
        return EXIT_USAGE
    target = root / shown
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8")
    except OSError as error:
        print(f"错误：无法写入 {shown}（{error.strerror or error}）；请用 --output 给出可写的文件路径", file=sys.stderr)
        return EXIT_USAGE
    print(f"已生成 {shown}：{len(found.departments)} 个部门由本部门审核自己的目录，其余由政务公开办审核；请提交该文件", file=sys.stderr)
    return EXIT_OK


def _check(expected: str, file: Path, shown: str, args: argparse.Namespace) -> int:
    diff = differs(expected, file)
    if not diff:
        print(f"{shown} 与 catalogue.yaml 一致", file=sys.stderr)
        return EXIT_OK
    reason = "不存在" if not file.is_file() else "与 catalogue.yaml 中的 owners 不一致"
    print(f"错误：{shown} {reason}；请运行 {_command(args)} 重新生成并提交。差异：", file=sys.stderr)
    for line in diff:
        print(line, file=sys.stderr)
    return EXIT_PROBLEMS
