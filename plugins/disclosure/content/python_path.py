"""Python files at the repository's root that would run in place of an installed module.

`python -m mkdocs build` puts the folder it runs in first on Python's module path: a `markdown/__init__.py`,
`yaml.py` or `material/` package committed at the root would be imported instead of the installed one while the
site is built, and could write anything into the site, past every check. The shipped commands run Python with `-P`
(`make site`, a platform's unit builds), and the `mkdocs` command never reads the folder; a webmaster's own
`python -m mkdocs` would. Such a file is refused where it is committed (E406).

Not only an installed module's name: the host's libraries try modules that are not installed and go on without them
(pathspec, which MkDocs reads exclude_docs with, tries `re2` and `hyperscan` when it is imported), and a `re2.py` at
the root ran in `python -m mkdocs build` after a clean check (round 29a). Those names are refused too; a module no
import asks for (`notes.py`) is left alone.
"""

from __future__ import annotations

import importlib.machinery
import sys
from pathlib import Path

from ..codes import E406
from ..codes.diagnostics import Diagnostic

_SOURCE_SUFFIXES = tuple(importlib.machinery.SOURCE_SUFFIXES + importlib.machinery.BYTECODE_SUFFIXES
                         + importlib.machinery.EXTENSION_SUFFIXES)


# Modules the host's libraries import when they are there and do without when not (recorded by a finder placed last on
# sys.meta_path during a `mkdocs build` of a small site, Python 3.11, Linux): a package of that name at the root would
# be imported, and run. A library that starts trying another name needs it added here.
_TRIED_WHEN_MISSING = frozenset({"re2", "hyperscan", "org", "msvcrt", "_winapi"})


def shadowing_diagnostics(root: Path) -> list[Diagnostic]:
    """E406 for each module or package at `root` named as an installed module or as one the host's libraries try."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    elsewhere = _module_path_without(root)
    found = []
    for entry in entries:
        name = _module_name(entry)
        if name is None:
            continue
        if importlib.machinery.PathFinder.find_spec(name, elsewhere) is not None:
            found.append(_refused(entry, f"与已安装的 Python 模块“{name}”同名：以 python -m mkdocs 生成时，"
                                         "当前目录排在模块搜索路径的最前面，它会代替已安装的模块运行"))
        elif name in _TRIED_WHEN_MISSING:
            found.append(_refused(entry, f"是 Python 模块“{name}”：以 python -m mkdocs 生成时，当前目录排在模块搜索路径的最前面，"
                                         "生成所用的库试着导入的同名模块（如 pathspec 试 re2、hyperscan）就是它，它会运行"))
    return found


def _refused(entry: Path, why: str) -> Diagnostic:
    return E406.at(entry.name + ("/__init__.py" if entry.is_dir() else ""), 1,
                   f"仓库根目录中的 {entry.name} {why}，能把任何文件写进网站，不经过检查；请删除它（或改名后移出仓库根目录）")


def _module_name(entry: Path) -> str | None:
    """The module an import of the root's `entry` would load: `x.py`, `x.pyc`, `x.cpython-311-….so`, a package `x/`."""
    if entry.is_dir():
        package = any((entry / f"__init__{suffix}").is_file() for suffix in _SOURCE_SUFFIXES)
        return entry.name if package and entry.name.isidentifier() else None
    for suffix in _SOURCE_SUFFIXES:
        if entry.name.endswith(suffix) and entry.name[:-len(suffix)].isidentifier():
            return entry.name[:-len(suffix)]
    return None


def _module_path_without(root: Path) -> list[str]:
    """Where the installed modules are: Python's path without the working folder (`''`) and the root itself."""
    here = root.resolve()
    return [entry for entry in sys.path if entry and Path(entry).resolve() != here]
