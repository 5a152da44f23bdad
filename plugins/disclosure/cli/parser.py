"""argparse in Chinese: `disclosure --help`, usage lines and mistakes in the command line.

argparse prints "usage:", "options:", "positional arguments:" and its error messages in
English; an editor reads every line of `disclosure`. The parser class is passed on to the
subcommands' parsers by argparse itself (``parser_class`` defaults to the parent's class).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# Exit codes of every command: 0 fine, 1 problems found, 2 the command line was wrong, 3 our fault.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# argparse's error messages (Python 3.9–3.13 wordings) -> Chinese.
_ERRORS = [
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "缺少必需的参数：{names}"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "参数 {arg} 的值 {value} 无效；可选：{choices}"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "参数 {arg} 后面需要一个值"),
    (re.compile(r"argument (?P<arg>\S+): expected at least one argument"), "参数 {arg} 后面至少需要一个值"),
    (re.compile(r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.+)"), "参数 {arg} 不接受值 {value}"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "无法识别的参数：{names}"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), "选项 {option} 不明确，可能是：{matches}"),
    (re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"), "参数 {arg} 不能与 {other} 同时使用"),
]


def chinese_error(message: str) -> str:
    for english, chinese in _ERRORS:
        match = english.fullmatch(message)
        if match:
            return chinese.format(**match.groupdict())
    return f"命令参数有误：{message}"


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every printed word is Chinese (its help option included)."""

    def __init__(self, *args, add_help: bool = True, parents=(), **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")
        # As argparse does with `parents`, but after the Chinese titles, so that the groups merge.
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
