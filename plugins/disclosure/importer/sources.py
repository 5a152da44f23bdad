"""One old page read into a `Page`: bytes decoded, damage repaired, HTML or text parsed."""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from pathlib import Path

from ..codes import E800, E801
from .decode import decode
from .page import HARD_LINK, Page
from ..text.conversion import repair_text

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".aspx", ".php")
TEXT_SUFFIXES = (".txt",)


def find_sources(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(pages to import, each with the folder it was found in, paths that are neither a page nor
    a folder of pages), in a stable order. A page's files are taken from inside that folder only."""
    found: dict[Path, Path] = {}
    missing = []
    for path in paths:
        if path.is_dir():
            for page in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES + TEXT_SUFFIXES
                               and not any(part.endswith("_files") for part in p.relative_to(path).parts[:-1])):
                found.setdefault(page, path)
        elif path.is_file():
            found.setdefault(path, path.parent)
        else:
            missing.append(path)
    return list(found.items()), missing


def shown_path(path: Path, base: Path) -> str:
    """A page as coded lines name it: from the imported folder's name (never an absolute path of the machine)."""
    absolute, folder = path.resolve(), base.resolve()
    return f"{folder.name}/{absolute.relative_to(folder).as_posix()}" if absolute.is_relative_to(folder) else path.name


def read_source(path: Path, base: Path | None = None) -> Page:
    shown = shown_path(path, base or path.parent)
    # Pages, like the files they name, come only from inside the imported folder and only as regular
    # files: a symlink (or a folder's) would import any file of the machine as a document to publish.
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or not path.resolve().is_relative_to((base or path.parent).resolve()):
        return refused(path, E801.at(shown, 1, "页面是符号链接（或在链接的文件夹中）或特殊文件，可能指向导入目录以外"
                                       "（本机的其他文件），未导入；请把页面文件本身（不是链接）放进导入的目录"))
    if info.st_nlink > 1:
        return refused(path, E801.at(shown, 1, f"页面{HARD_LINK}，未导入；请复制一份真实文件放进导入的目录（cp 不加 -l）"))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return refused(path, E800.at(shown, 1, f"页面有 {len(data) // 1024 // 1024} MB，超过导入的上限 "
                                       f"{MAX_BYTES // 1024 // 1024} MB，未导入；请确认这是一篇文件的详情页（不是整站或合集），"
                                       "或把正文另存为文本（.txt）后导入"))
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_html = path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    if is_html:
        depth, line = nesting_depth(text)
        if depth > MAX_DEPTH:
            return refused(path, _too_deep(shown, depth, line))
    repaired, repairs, flags = repair_text(text)
    page = Page(source=path, encoding=encoding, repairs=repairs, flags=flags, base=base or path.parent)
    if is_html:
        from .body import TooDeep
        from .htmlpage import read_html
        try:
            return read_html(page, repaired, MAX_DEPTH)
        except TooDeep as deep:
            return refused(path, _too_deep(shown, deep.depth, deep.line))
    from .textpage import read_text
    return read_text(page, repaired)


def _too_deep(shown: str, depth: int, line: int):
    return E800.at(shown, line, f"页面的 HTML 元素嵌套 {depth} 层以上，超过导入的上限 {MAX_DEPTH} 层"
                                "（正常的文件页不超过几十层），未导入；请在浏览器中打开原页面，把正文复制为文本（.txt）后导入")


def refused(path: Path, diagnostic) -> Page:
    page = Page(source=path)
    page.refusal = diagnostic.as_text()
    return page


MAX_BYTES = 8 * 1024 * 1024   # a document's detail page is tens of KB; a saved 合集 a few MB
MAX_DEPTH = 200               # nested elements: CMS pages are 20–40 deep, Word-pasted soup under 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")   # [^<>]: a scan never runs past the next tag
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SELF_CLOSING_BY_NEXT = frozenset("p li dt dd tr td th option".split())   # closed by the next one in practice


def nesting_depth(text: str) -> tuple[int, int]:
    """(the nesting reached, the line where it passed the limit), in one linear scan.

    An estimate from the tags themselves (unclosed <p>, <li>, <td> count as closed by the next of
    their kind), so that a page nested beyond any real one is refused before it is parsed: the
    parser and the converter work per level, and such a page would take minutes."""
    open_names: list[str] = []
    counts: Counter = Counter()
    deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3).endswith("/")
        if name in _VOID or self_closing:
            continue
        if closing:
            while counts[name]:   # each element opened is closed once: linear overall
                counts[open_names[-1]] -= 1
                if open_names.pop() == name:
                    break
            continue
        if name in _SELF_CLOSING_BY_NEXT and open_names and open_names[-1] == name:
            counts[open_names.pop()] -= 1
        open_names.append(name)
        counts[name] += 1
        deepest = max(deepest, len(open_names))
        if deepest > MAX_DEPTH:   # refused: no need to read further
            return len(open_names), text.count("\n", 0, match.start()) + 1
    return deepest, 1
