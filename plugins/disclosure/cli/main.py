"""The `disclosure` command: the fast content check, and scaffolding of new documents.

    disclosure check [FILE…] [--against main] [--format text|github] [--strict] [--unit ID] [--summary FILE] [--no-cache]
    disclosure new TYPE --title 标题 [--unit ID] [--category ID] [--interprets 索引号] [--with-interpretation] [--year 年度]
    disclosure owners [--github|--gitlab] [--check [--ci-file .gitlab-ci.yml]]   (a platform's CODEOWNERS, cli/owners.py)
    disclosure report [--output report] [--as-of YYYY-MM-DD] [--against main --summary]
    disclosure import 页面或目录… [--dry-run] [--type 类型] [--category 栏目] [--map 映射文件] [--report 报告]
    disclosure build|merge|units …  (a 政府信息公开平台 built unit by unit: see cli/platform.py)

`check` prints the same ``path:line: CODE message`` lines as the build, one per problem, and
exits 1 when there are errors (or warnings, with --strict). Given files (a pre-commit hook) or
--against (a pull request), it checks those bodies only, but every rule across documents
still sees the whole site; --against also applies the history rule E107. On a platform
(catalogue.yaml with `departments:`) it checks every unit and the references between them,
and counts the problems per department (cli/check_platform.py).
"""

from __future__ import annotations

import gc
import os
import signal
import sys

EXIT_INTERRUPTED = 130   # as a shell reports a command stopped by Ctrl-C
INTERRUPTED = "已中断（Ctrl-C）：{what}"
_NOTHING_YET = "尚未开始，没有写入任何文件"


def _stopped_while_loading(number, frame) -> None:
    """Ctrl-C while the tools are still loading: nothing was written, so nothing to clean up."""
    sys.stderr.write(INTERRUPTED.format(what=_NOTHING_YET) + "\n")
    os._exit(EXIT_INTERRUPTED)


# Run as the command (its script, `python -m disclosure`, `python -m disclosure.cli.main`), not imported by the plugin.
_THE_COMMAND = __name__ == "__main__" or os.path.basename(sys.argv[0] or "") == "disclosure" \
    or sys.argv[0].replace(os.sep, "/").endswith("/disclosure/__main__.py")
if _THE_COMMAND:
    for _number in (signal.SIGINT, signal.SIGTERM):   # until main() runs: loading takes a moment
        signal.signal(_number, _stopped_while_loading)

import argparse  # noqa: E402 - after the handler above, so that Ctrl-C while loading prints one line
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from ..codes.diagnostics import FORMATTERS, Diagnostic, count_errors, count_warnings
from ..content.clock import epoch_problem
from ..content.eras import exemption_summary
from ..content.host_settings import CATALOGUE_FILE, CONFIG_NAME, read_host_settings
from ..content.scaffold import Scaffold, ScaffoldError, interpretation_type
from ..content.site import content_folder_problem
from ..rules.check import load_site
from ..rules.history import GitUnavailable, changes_since
from ..process.ending import end_now, run_as_command
from ..process.signals import signals_deferred, stop_signals
from . import owners as owners_cli
from .check_platform import (
    UsageError,
    report_by_unit,
    run_checks,
    scope_note,
    unit_for_new,
)
from .parser import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    ChineseArgumentParser,
)
from .platform import PLATFORM_COMMANDS
from .platform import add_commands as add_platform_commands


def build_parser() -> argparse.ArgumentParser:
    site = ChineseArgumentParser(add_help=False)
    site.add_argument("--root", default=".", metavar="目录", help="站点仓库根目录（默认当前目录）")
    site.add_argument("--content", metavar="目录",
                      help="内容目录，相对于根目录（默认：mkdocs.yml 的 docs_dir，没有写时与 MkDocs 一样为 docs；没有 mkdocs.yml 时为 content）")
    site.add_argument("--catalogue", metavar="文件",
                      help="目录配置文件（默认：mkdocs.yml 中 disclosure 插件的 catalogue 选项，没有写时为 catalogue.yaml）")
    parser = ChineseArgumentParser(prog="disclosure", description="政府信息公开专栏：内容检查与新建工具")
    commands = parser.add_subparsers(dest="command", required=True, title="子命令")

    check = commands.add_parser("check", parents=[site], help="检查 content/ 与 catalogue.yaml（不生成网站）")
    check.add_argument("files", nargs="*", metavar="文件", help="只检查这些文件的正文（跨文件规则仍针对全站）")
    check.add_argument("--against", metavar="分支", help="与该 Git 分支比较（如 main）：只检查改动的文件，并检查 E107")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="输出格式：text 或 github（GitHub Actions 注释）")
    check.add_argument("--strict", action="store_true", help="有警告时也以失败退出（级别见 docs/reference.md，可在 catalogue.yaml 的 rules 中调整）")
    check.add_argument("--unit", action="append", metavar="ID", help="平台：只检查这个单位（部门 id，政府本级为 gov；可写多次）")
    check.add_argument("--summary", metavar="文件", help="把按部门分组的检查结果（Markdown）追加到该文件，如 \"$GITHUB_STEP_SUMMARY\"")
    check.add_argument("--no-cache", action="store_true",
                       help="不使用也不写入缓存（.cache/disclosure/，存放上次检查各文件的结果，可随时删除）")

    new = commands.add_parser("new", parents=[site], help="新建一个文件，含该类型的全部必填字段和必备章节")
    new.add_argument("type", metavar="类型", help="文档类型，如 policy、notice、interpretation（见 catalogue.yaml 的 types）")
    new.add_argument("--title", required=True, metavar="标题", help="标题")
    new.add_argument("--unit", metavar="ID", help="平台：新文件所属单位（部门 id，政府本级为 gov），平台上必填")
    new.add_argument("--category", metavar="栏目", help="栏目 id（默认：第一个收此类型的栏目）")
    new.add_argument("--interprets", action="append", default=[], metavar="索引号", help="解读类：所解读文件的索引号")
    new.add_argument("--with-interpretation", action="store_true", help="同时新建配套的政策解读（谁起草谁解读）")
    new.add_argument("--year", type=_year, metavar="年度", help="年度报告等：所报告的年度（默认上一年），章节按该年度适用的格式")
    owners_cli.add_parser(commands, site)
    _add_report_command(commands, site)
    _add_import_command(commands, site)
    add_platform_commands(commands, site)
    return parser


def _add_report_command(commands, site: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[site], help="生成政务公开办内部自查报告（不发布到网站）")
    report.add_argument("--output", default=None, metavar="DIR", help="报告目录（默认：根目录下的 report/，不得位于 content/、site/ 或 build/ 内）")
    report.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="按该日的内容（该日及以前的最后一次 Git 提交）和该日计算")
    report.add_argument("--against", metavar="REF", help="与该 Git 分支（如 main）比较，需与 --summary 同用")
    report.add_argument("--summary", action="store_true", help="只输出指标变化摘要（Markdown），用于合并请求")


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年度“{text}”应写作四位数字，例如 2025")
    return int(text)


def _day(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 YYYY-MM-DD，例如 2025-12-31") from None


def _add_import_command(commands, site: argparse.ArgumentParser) -> None:
    imports = commands.add_parser("import", parents=[site], help="把原网站的页面（另存的 HTML 详情页或纯文本）批量导入为本站文件")
    imports.add_argument("sources", nargs="+", metavar="页面或目录", help="另存的网页（.html）或文本（.txt）；给目录则导入其中全部页面")
    imports.add_argument("--dry-run", action="store_true", help="试运行：只报告将做什么，不写入任何文件")
    imports.add_argument("--type", help="这批页面的文档类型（catalogue.yaml 的 types 之一），如 notice")
    imports.add_argument("--category", help="这批页面放入的栏目 id（默认：第一个收该类型的栏目）")
    imports.add_argument("--map", metavar="映射文件", help="YAML 列表，每项 match（标题或文件名中的关键词/正则）和/或 doc_no（发文字号的关键词/正则，如 ^国令）"
                         "对应 type、category，set 写编辑决定的字段值")
    imports.add_argument("--report", metavar="报告文件", help="报告写到这里，按扩展名选格式：.md、.csv 或 .json"
                         "（默认：正式运行写 import-report.md；试运行打印到屏幕）。每个页面都导入了以 0 结束（需编辑决定的列在报告中），"
                         "有页面未导入以 1 结束")


def _focus(args: argparse.Namespace, root: Path) -> tuple[set[str] | None, object]:
    """Repository paths whose bodies are checked (None: all), and the Git changes for E107."""
    if args.against:
        changes = changes_since(root, args.against, args.content)
        return changes.paths, changes
    if args.files:
        return {Path(f).as_posix().removeprefix("./") for f in args.files}, None
    return None, None


def run_check(args: argparse.Namespace) -> int:
    # A short run that makes no garbage cycles worth collecting: the collector would only rescan every document.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _checked(args)
    finally:
        if collecting:
            gc.enable()


def _checked(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        focus, changes = _focus(args, root)
        run = run_checks(args, root, focus, changes)
    except (GitUnavailable, UsageError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    render = FORMATTERS[args.format]
    for diagnostic in run.diagnostics:
        print(render(diagnostic))
    try:
        report_by_unit(args, run, changes, Diagnostic.as_text)
    except UsageError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    errors, warnings = count_errors(run.diagnostics), count_warnings(run.diagnostics)
    exempted = exemption_summary(run.exemptions)
    print(f"检查了 {len(run.documents)} 个文件{scope_note(run, focus)}：{errors} 个错误，{warnings} 个警告"
          + (f"；{exempted}" if exempted else ""), file=sys.stderr)
    code = EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK
    if run_as_command(COMMAND_MODULES, (COMMAND,)):
        end_now(code)   # the documents read are not freed one by one: a tenth of a second at 10,000 (bench/README)
    return code


COMMAND = "disclosure"   # the script pip installs
COMMAND_MODULES = ("disclosure.__main__", "disclosure.cli.main")   # python -m disclosure, python -m disclosure.cli.main


def run_new(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        unit = unit_for_new(root, args)
    except UsageError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    if blocked := content_folder_problem(root, args.content):
        print(f"错误：{blocked.as_text()}", file=sys.stderr)
        return EXIT_PROBLEMS
    # Front matter only (an empty focus): numbering needs every document (of the unit), not their bodies.
    site = load_site(root, content=args.content, catalogue=args.catalogue, focus=set(), unit=unit)
    if site.catalogue is None:
        print("错误：catalogue.yaml 有错误，请先运行 disclosure check 修正", file=sys.stderr)
        return EXIT_PROBLEMS
    scaffold = Scaffold(site.catalogue, site.documents, site.content_dir, site.today)
    try:
        made = [scaffold.document(args.type, args.title, args.category, args.interprets, args.year)]
        if args.with_interpretation:
            note_type = interpretation_type(site.catalogue)
            if note_type is None:
                raise ScaffoldError("catalogue.yaml 中没有解读类文档类型（fields 含 interprets 的类型）")
            made.append(scaffold.document(note_type, f"《{args.title}》政策解读", interprets=[made[0].index_no]))
    except ScaffoldError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    _write_all(made)
    for new_file in made:
        print(f"已新建 {new_file.path.relative_to(root.resolve()) if new_file.path.is_absolute() else new_file.path}"
              f"（索引号 {new_file.index_no}）" + _to_fill_in(new_file))
    return EXIT_OK


def _write_all(made: list) -> None:
    """Every new file or none: a document and its interpretation are one change. Ctrl-C (or SIGTERM) in between, or
    in the middle of one, removes what was begun; the folders `mkdir` made may stay (empty, nothing for MkDocs)."""
    begun = []
    try:
        for new_file in made:
            new_file.path.parent.mkdir(parents=True, exist_ok=True)
            begun.append(new_file.path)   # Scaffold refused a path that exists: each one begun is this command's
            new_file.path.write_text(new_file.text, encoding="utf-8")
    except BaseException:
        with signals_deferred():
            for path in begun:
                path.unlink(missing_ok=True)
        raise


def _to_fill_in(new_file) -> str:
    names = new_file.to_fill_in
    if not names:
        return ""
    return f"；请把标有【请填写：…】的{'、'.join(names)}换成实际内容，否则检查和生成网站报 E108"


def run_report(args: argparse.Namespace) -> int:
    from .report import run_report as run
    return run(args)


def run_import_command(args: argparse.Namespace) -> int:
    from .import_pages import run  # the HTML libraries load only when importing
    return run(args)


def run_platform_command(args: argparse.Namespace) -> int:
    from .platform import (
        run,  # the assembly (Jinja, the search index) loads only for these commands
    )
    return run(args)


# What an editor is told when Ctrl-C stops a command: what was (not) written.
_STOPPED = {
    "check": "检查已停止，没有写入任何文件",
    "new": "没有新建文件",
    "report": "报告未生成，原有报告（如有）保持不变，临时文件已删除",
    "import": "导入已停止，content/ 没有改动，临时文件已删除",
    "owners": "审核规则文件没有改动",
}


def _interrupted(command: str | None) -> int:
    stop_signals(signal.SIG_IGN)   # a second Ctrl-C (or SIGTERM) must not interrupt this line
    print(INTERRUPTED.format(what=_STOPPED.get(command or "", "已停止，没有写入任何文件")), file=sys.stderr)
    return EXIT_INTERRUPTED


def _read_as_the_build_reads(args: argparse.Namespace) -> None:
    """--content and --catalogue not given: what mkdocs.yml names, with MkDocs' own defaults (the build reads those:
    docs/ where it names no docs_dir); content/ and catalogue.yaml only where there is no mkdocs.yml to read (its
    own error is the check's line). A check of content/ beside a mkdocs.yml building docs/ passed what the build
    then refused, and refused a site the build made."""
    if getattr(args, "content", "") is not None and getattr(args, "catalogue", "") is not None:
        return
    try:
        settings = read_host_settings(Path(args.root), CONFIG_NAME)
        content, catalogue = settings.docs_dir, settings.catalogue
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        content, catalogue = "content", CATALOGUE_FILE
    if args.content is None:
        args.content = content
    if args.catalogue is None:
        args.catalogue = catalogue


def main(argv: list[str] | None = None) -> int:
    # From here on Ctrl-C and SIGTERM raise KeyboardInterrupt: every `with`/`finally` removes its temporary files.
    stop_signals(signal.default_int_handler)
    try:
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:
        return _interrupted(None)
    if problem := epoch_problem():   # every command dates what it writes or checks; MkDocs would end in a traceback
        print(f"错误：{problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        _read_as_the_build_reads(args)
        if hasattr(args, "run"):   # `disclosure owners` (cli/owners.py)
            return args.run(args)
        if args.command == "report":
            return run_report(args)
        if args.command == "import":
            return run_import_command(args)
        if args.command in PLATFORM_COMMANDS:
            return run_platform_command(args)
        return run_check(args) if args.command == "check" else run_new(args)
    except KeyboardInterrupt:
        return _interrupted(args.command)
    except Exception as error:  # noqa: BLE001 - an editor must never see a traceback
        print(f"内部错误（{type(error).__name__}: {error}）；这是检查工具的缺陷，请把本行报告给维护人员", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
