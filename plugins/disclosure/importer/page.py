"""What a reader of an old page found: title, metadata, Markdown body, attachments, and notes."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import metadata
from ..text.conversion import Flag, Repair
from .shape import Shape


@dataclass(frozen=True)
class Link:
    href: str      # as the page wrote it
    title: str     # the link text
    name: str = "" # the file's name under files/ (a saved local file), "" for another site's
    served: bool = False   # handed out by a program of the old site (download.jsp?id=…): never saved with the page


_UNSAFE_NAME = re.compile(r"[\s()\[\]<>#?%\"'`|\\:*]+")


def link_path(href: str, encoding: str) -> str:
    """The file path of a link: %-escapes are UTF-8 on new pages, the page's own encoding (GBK) on old ones."""
    path = urlsplit(href).path
    try:
        return unquote(path, "utf-8", "strict")
    except UnicodeDecodeError:
        return unquote(path, encoding, "replace")


def local_file(page: "Page", href: str) -> tuple[Path | None, str | None]:
    """The file a link of the saved page names, when it is a regular file inside the imported folder:
    (its path, None), or (None, why not) — why is None when the file is simply absent."""
    path = link_path(href, page.encoding)
    base = (page.base or page.source.parent).resolve()
    # An absolute path names the machine's files (or the old server's root), never the saved page's;
    # `../` may stay inside the folder, and is checked as written and as resolved (symbolic links).
    written = Path(os.path.normpath(page.source.parent.resolve() / path))
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path) or not written.is_relative_to(base):
        return None, f"指向导入目录以外（{path}）"
    try:
        source = (page.source.parent / path).resolve(strict=True)
        info = source.stat()
    except (OSError, RuntimeError):
        return None, None
    if not source.is_relative_to(base):
        return None, "是指向导入目录以外的符号链接"
    if not stat.S_ISREG(info.st_mode):
        return None, "不是普通文件"
    if info.st_nlink > 1:   # its other name may be any file of the machine: content/ refuses one too (E112)
        return None, HARD_LINK
    return source, None


HARD_LINK = "是硬链接（与别处的文件共用内容，可能是导入目录以外、本机的其他文件）"


def file_name(path: str) -> str:
    """A name that works unquoted in Markdown links and on every file system; Han characters kept."""
    stem, dot, suffix = path.rpartition(".")
    clean = _UNSAFE_NAME.sub("-", stem if dot else path).strip("-.") or "file"
    return f"{clean}.{suffix.lower()}" if dot else clean


@dataclass
class Page:
    source: Path
    encoding: str = "utf-8"
    title: str | None = None
    fields: dict = field(default_factory=dict)        # front matter keys → values, already parsed
    raw: dict = field(default_factory=dict)           # front matter keys → the page's own wording
    body: str = ""
    attachments: list[Link] = field(default_factory=list)
    resources: list[Link] = field(default_factory=list)   # images and other local files the body shows
    dropped: list[tuple[int, str]] = field(default_factory=list)   # (line, what was left out and why)
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    base: Path | None = None      # the folder being imported: files are taken from inside it only
    origin: str | None = None     # the address the page was saved from, when the page says so
    shape: Shape | None = None    # paragraphs, headings, tables of the source body, as read
    refusal: str | None = None    # a coded line: the page is not read at all (too large, too deep)
    shown: str | None = None      # the page as coded lines name it: relative to the site, or to the imported folder
    unread: list[str] = field(default_factory=list)   # what its reader saw that no import carries (a frame's page)

    def take(self, key: str, value: str, line: int = 1) -> None:
        """Record a metadata value the page states; the first statement of a key wins."""
        value = value.strip()
        if key == "classification":   # 密级：秘密 withholds as 公开属性：不予公开 does; 密级：无 says nothing
            if not metadata.classified(value):
                return
            key = "disclosure"
        if not value or (key in self.raw and not self._withholds(key, value)):
            return
        parsed = _PARSERS.get(key, lambda v: v)(value)
        if parsed == _IGNORED:
            return   # says nothing (公开方式：政府网站): a later statement of the key may
        self.raw[key] = value
        if parsed in (None, []):
            self.flags.append(Flag(line, f"{_LABEL[key]}“{value}”无法识别，未导入；请在文件头中手工填写"))
            return
        self.fields[key] = parsed

    def _withholds(self, key: str, value: str) -> bool:
        """A later statement that the page is not public overrules an earlier 主动公开 (a CMS header
        printing its default, the record's own table saying otherwise): never published on the first guess."""
        return key == "disclosure" and self.fields.get(key) == metadata.PUBLIC \
            and metadata.disclosure(value) not in (None, metadata.PUBLIC)


_IGNORED = ""
_PARSERS = {
    "published": metadata.parse_date,
    "issued": metadata.parse_date,
    "validity": metadata.validity,
    "topics": metadata.topics,
    # 公开方式 is often the channel (政府网站): ignored; any wording but 主动公开 is withheld.
    "disclosure": lambda v: metadata.disclosure(v) or _IGNORED,
    "doc_no": lambda v: re.sub(r"\s+", "", v),
}
_LABEL = {"index_no": "索引号", "publisher": "发布机构", "published": "发布日期", "issued": "成文日期", "doc_no": "发文字号",
          "topics": "主题分类", "validity": "有效性", "disclosure": "公开属性", "title": "标题"}
