"""MkDocs' own lines, retold in Chinese for editors (issue 16).

MkDocs logs its progress in English ("Cleaning site directory", "Documentation built in 3.48
seconds") and ends a failed build with click's "Aborted with …!", which no logger carries.
The progress lines are rewritten by a filter on MkDocs' build logger; before an abort we log
one Chinese summary line of our own, so the English line that follows only repeats it.
"""

from __future__ import annotations

import logging
import re

from .host import BUILD_LOGGER

# English message (a regular expression over the whole message) -> the Chinese one.
_PROGRESS = [
    (re.compile(r"Cleaning site directory"), "清理网站目录"),
    (re.compile(r"Building documentation to directory: (?P<dir>.*)"), "正在生成网站，写入目录：{dir}"),
    (re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds"), "网站生成完毕，用时 {seconds} 秒"),
    (re.compile(r"The directory contains stale files\. Use --clean to remove them\."),
     "网站目录中有过时的文件；去掉 --dirty 重新生成即可清除"),
]
_STRICT_COUNTS = re.compile(r"(\d+) (warning|error)s?")


def _retold(message: str) -> str | None:
    for english, chinese in _PROGRESS:
        match = english.fullmatch(message)
        if match:
            return chinese.format(**match.groupdict())
    return None


class ChineseProgress(logging.Filter):
    """Rewrites MkDocs' English progress lines in place; every other record passes unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        chinese = _retold(record.getMessage())
        if chinese is not None:
            record.msg, record.args = chinese, ()
        return True


_FILTER = ChineseProgress()


def install() -> None:
    """Idempotent: MkDocs' serve builds again and again in one process."""
    logger = logging.getLogger(BUILD_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def abort_summary(error: Exception) -> str | None:
    """Our Chinese line for the abort MkDocs is about to announce in English; None if it is no abort."""
    from mkdocs.exceptions import Abort, BuildError
    if isinstance(error, Abort) and "strict mode" in str(error):
        counts = {kind: int(n) for n, kind in _STRICT_COUNTS.findall(str(error))}
        found = "、".join(f"{n} 个{'警告' if kind == 'warning' else '错误'}" for kind, n in counts.items()) or "警告"
        return f"严格模式（--strict）下出现 {found}，网站生成已中止；请按上面各行的提示修改后重新生成（下一行英文是 MkDocs 的同义提示）"
    if isinstance(error, BuildError):
        return "网站生成已中止，原因见下一行；改正后重新生成（随后的英文“Aborted with a BuildError!”是 MkDocs 的同义提示）"
    return None
