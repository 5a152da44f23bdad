"""Every path under content/, classified once: published, withheld, or refused with its path.

The site publishes only what this module recognised: a document (a `.md` file named by the
rules of the editor's guide), a hand-written `index.md` of the home page or of a category, or
a file that a public page names (its `attachments:` or a link in its body). Everything else is
an error (E111 a stray or misnamed file, E112 a symlink, a special file or an unreadable one),
never copied and never dropped without a word. Files a non-public document names are withheld,
whoever else links them.

Nothing here follows a symlink or opens anything but a regular file: a FIFO would block the
check forever, a symlink could publish /etc/passwd or loop.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..codes import E111, E112, E500
from ..codes.diagnostics import Diagnostic
from ..text.markup import scan_body
from .catalogue import Catalogue
from .model import Document
from .unit_layout import same_address, windows_device_name, written_by_build
from .withheld_text_copies import copied_whole, listed_copied_whole, page_copied_whole, withheld_texts

SECTION_PAGE = "index.md"
# The guide's rule for a document's file name: it becomes the page's address.
DOCUMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.md")
MKDOCS_RENAMES = ("README.md",)   # MkDocs would publish it as its folder's index page
# An attachment's name may be Chinese; refused are characters that break links, URLs or the
# one-line report, and names an editor's tools leave behind (backups, lock files).
_BAD_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f#%?*\\<>|\"\[\]\u0085\u2028\u2029]")
_LEFTOVER = re.compile(r"(~|\.(bak|orig|tmp|swp|swo|old|rej|part|crdownload))$|^(~\$|#)", re.I)
_MARKDOWN_LIKE = re.compile(r"\.(md|markdown|mdown|mkdn|mkd|mdwn|mdtxt|mdtext|rmd)(\.|~|$)", re.I)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*\r?\n)*?(title|type|index_no|disclosure)[ \t]*:", re.M)
SNIFF_BYTES = 4096
# Attachments are office documents, data, images, archives and media: inert files a reader
# downloads. Web pages, SVG, scripts and style sheets would run in the site's own origin.
ATTACHMENT_TYPES = frozenset("""
pdf ofd ceb doc docx wps rtf odt txt xls xlsx et csv ods json ppt pptx dps odp
jpg jpeg png gif webp bmp tif tiff zip rar 7z mp3 mp4
""".split())


@dataclass
class Walk:
    """The regular files under content/ (as src_uri) and the paths refused on the way."""
    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class Inventory:
    """What the site publishes and withholds, decided once for the check, the build and the host."""
    documents: list[str] = field(default_factory=list)        # .md files read as documents
    section_pages: list[str] = field(default_factory=list)    # hand-written index.md, recognised
    candidates: list[str] = field(default_factory=list)       # other files: attachments, if named
    refused: set[str] = field(default_factory=set)            # already reported (E111/E112)
    attachments: list[str] = field(default_factory=list)      # files published because a public page names them
    withheld: set[str] = field(default_factory=set)           # non-public documents and every file they name
    stray: set[str] = field(default_factory=set)              # candidates nothing names (E111)
    problems: list[Diagnostic] = field(default_factory=list)


def shown(path: str) -> str:
    """A path as one printable line: control characters escaped, undecodable bytes as \\xNN."""
    out = []
    for char in path:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:          # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or unicodedata.category(char) in ("Zl", "Zp", "Cc"):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of a regular file; OSError for anything else (never follows a link, never blocks).

    Read with `os.read` into the size `fstat` gave (plus one, to meet the end): no file object, which
    cost as much as the reading itself over 10,000 files."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} 不是普通文件")
        wanted = info.st_size + 1 if limit is None else limit   # one more than its size: a short read is its end
        chunks = []
        while wanted > 0:
            chunk = os.read(descriptor, wanted)
            chunks.append(chunk)
            if len(chunk) < wanted:
                break
            wanted = len(chunk) if limit is None else wanted - len(chunk)   # a file that grew: read on to its end
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(descriptor)


def walk_content(content_dir: Path, content: str, folder: str = "", skip: frozenset[str] = frozenset()) -> Walk:
    """Every entry under `content_dir` (or only under its `folder`), without following links; hidden
    folders are reported, not entered; the folders in `skip` (other units' on a platform) are left alone."""
    walk = Walk()
    pending = [folder]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(content_dir / folder if folder else content_dir) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as error:
            walk.problems.append(_unreadable(content, folder, error))
            continue
        prefix = folder + "/" if folder else ""
        for entry in entries:
            src_uri = prefix + entry.name
            if src_uri in skip:
                continue
            problem = _entry_problem(entry, content, src_uri)
            if problem:
                walk.problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(src_uri)
            else:
                walk.files.append(src_uri)
    walk.files.sort()
    return walk


def unit_folder_problem(content_dir: Path, content: str, folder: str) -> Diagnostic | None:
    """A department's folder must be a real folder: through a link its documents would come from anywhere."""
    if (content_dir / folder).is_symlink():
        return E112.at(shown(f"{content}/{folder}"), 1, "部门目录是符号链接（快捷方式），其中的文件不会读取也不会发布；"
                                                        "请删除链接，把部门的文件放在真实的目录中")
    return None


def _entry_problem(entry: os.DirEntry, content: str, src_uri: str) -> Diagnostic | None:
    path = f"{content}/{src_uri}"
    if entry.is_symlink():
        return E112.at(shown(path), 1, "这是符号链接（快捷方式），不会发布，也不会被读取；"
                                                  "请删除它，把真实文件放在这里")
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as error:
        return _unreadable(content, src_uri, error)
    mode = info.st_mode
    if stat.S_ISREG(mode) and info.st_nlink > 1:
        return E112.at(shown(path), 1, "这是硬链接（与别处的文件共用内容），不会发布；请删除它，复制一份真实文件放在这里")
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        return E112.at(shown(path), 1, "这不是普通文件（命名管道、设备或套接字），不会发布，也不会被读取；"
                                                  "请删除它，需要发布的内容请保存为普通文件")
    if _undecodable(entry.name):
        return E111.at(shown(path), 1, "文件名不是 UTF-8 编码（可能是在 GBK 系统上解压的）；"
                                                  "请按编辑指南重新命名（文件名用小写英文字母、数字和连字符）")
    if entry.name.startswith("."):
        what = "目录" if stat.S_ISDIR(mode) else "文件"
        return E111.at(shown(path), 1, f"以点开头的隐藏{what}不会发布；请删除它（如 .DS_Store），"
                                                  "或去掉开头的点并按编辑指南重新命名")
    return None


def _unreadable(content: str, src_uri: str, error: OSError) -> Diagnostic:
    path = f"{content}/{src_uri}" if src_uri else content
    return E112.at(shown(path), 1, f"无法读取（{error.strerror or error}）；请检查文件权限，"
                                              "或删除它后重新放入真实文件")


_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]")   # the bytes of a name that is no UTF-8, as os.fsdecode keeps them


def _undecodable(name: str) -> bool:
    return not name.isascii() and _SURROGATE_ESCAPES.search(name) is not None


def classify(walk: Walk, content_dir: Path, content: str, catalogue: Catalogue) -> Inventory:
    """Sort the walked files into documents, index pages and candidate attachments; refuse bad names."""
    inventory = Inventory(problems=list(walk.problems))
    section_folders = {catalogue.folder} | {category.path for category in catalogue.categories()}
    first_of: dict[str, str] = {}
    units = tuple(unit.id for unit in catalogue.platform.units) if catalogue.platform else ()
    for src_uri in walk.files:
        folder, name = posixpath.split(src_uri)
        problem = _name_problem(name, folder, section_folders)
        twin = first_of.setdefault(same_address(src_uri), src_uri)
        if problem is None and twin != src_uri:
            problem = (f"与 {content}/{shown(twin)} 只有大小写不同（或字符相同、Unicode 组合方式不同，如 macOS 保存的文件名），"
                       "在 Windows、macOS 和 IIS 服务器上两者是同一个文件，会互相覆盖；请改名或删除其中一个")
        if problem is None and written_by_build(src_uri, units):
            problem = (f"“{shown(src_uri)}”与网站自己生成的文件或文件夹同一个地址（目录导出、订阅、站点地图、robots.txt、"
                       "搜索索引，不分大小写），发布后一个会覆盖另一个；附件请改名并放进栏目的附件文件夹（如 files/）")
        if problem is None and not name.endswith(".md"):
            problem = _document_in_disguise(content_dir / src_uri)
        if problem:
            inventory.refused.add(src_uri)
            inventory.problems.append(E111.at(shown(f"{content}/{src_uri}"), 1, problem))
        elif name == SECTION_PAGE:
            inventory.section_pages.append(src_uri)
        elif name.endswith(".md"):
            inventory.documents.append(src_uri)
        else:
            inventory.candidates.append(src_uri)
    return inventory


def _name_problem(name: str, folder: str, section_folders: set[str]) -> str | None:
    """Why the guide's naming rules refuse this file name, or None."""
    if name == SECTION_PAGE:
        if folder in section_folders:
            return None
        return (f"index.md 只能是 content/ 根目录的首页说明或栏目目录的栏目说明，“{shown(folder)}”不是栏目；"
                "文件请另起文件名（如 2024-notice.md）放入栏目目录，不需要的请删除")
    if _MARKDOWN_LIKE.search(name) and not name.endswith(".md") or _LEFTOVER.search(name):
        return (f"“{shown(name)}”是其他扩展名或备份/临时文件，不会发布；文件请改名为小写 .md 结尾（如 2024-notice.md），"
                "作为附件请改为常见扩展名（如 .pdf）并在文件头 attachments 中列出，多余的请删除")
    if name.endswith(".md") and (not DOCUMENT_NAME.fullmatch(name) or name in MKDOCS_RENAMES):
        return (f"文件名“{shown(name)}”不符合命名规则：只用英文字母、数字、连字符和下划线，以字母或数字开头，"
                "以小写 .md 结尾（如 2024-notice.md），不能叫 README.md；请改名")
    device = next((part for part in (*folder.split("/"), name) if part and windows_device_name(part)), None)
    if device:
        return (f"文件名或目录名“{shown(device)}”是 Windows 的设备保留名（CON、PRN、AUX、NUL、COM1—COM9、LPT1—LPT9，"
                "不论大小写和扩展名）：IIS 服务器上建不出这个文件或目录，网站复制过去会失败；请改名，如加上前缀 file-")
    bad = _unsafe_folder_part(folder) or (name if name and _unsafe_name(name) else None)
    if bad:
        return (f"文件名或目录名“{shown(bad)}”含有不能用于网址的字符（# % ? * \\ < > | \" [ ] 或首尾空格）；"
                "请改名，只用文字、字母、数字、连字符和下划线")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name != SECTION_PAGE and not name.endswith(".md") and extension not in ATTACHMENT_TYPES:
        return (f"“{shown(name)}”不是可发布的附件类型（网页、SVG、脚本等会在浏览器中运行，不能作为附件）；"
                f"请转为 PDF 等常见格式，或删除。可用的类型：{' '.join(sorted(ATTACHMENT_TYPES))}")
    return None


@lru_cache(maxsize=4096)   # folders, not files: a long `mkdocs serve` keeps few
def _unsafe_folder_part(folder: str) -> str | None:
    """The first of the folder's names that cannot be in an address (asked once per folder, not per file)."""
    return next((part for part in folder.split("/") if part and _unsafe_name(part)), None)


def _unsafe_name(name: str) -> bool:
    return bool(_BAD_NAME_CHARS.search(name)) or name != name.strip() or name.endswith(".")


def _document_in_disguise(file: Path) -> str | None:
    """A file with a document's front matter under another extension would be published as-is."""
    try:
        head = read_regular(file, SNIFF_BYTES)
    except OSError:
        return None  # the reader reports it when it is named
    if _FRONT_MATTER.match(head.decode("utf-8", "replace")):
        return "此文件有文件头（title、disclosure 等字段），是一个文件却不以 .md 结尾，不会发布；请改名为小写 .md 结尾，或删除"
    return None


def settle(inventory: Inventory, documents: list[Document], section_bodies: dict[str, str]) -> None:
    """Decide which candidate files are published, which are withheld, and which nothing names.

    `section_bodies` are the bodies of the hand-written index.md pages (public pages too).
    """
    candidates = set(inventory.candidates)
    public = [doc for doc in documents if doc.is_public]
    hidden = [doc for doc in documents if not doc.is_public]
    attached = {a.src_uri for doc in public for a in doc.attachments}
    unclaimed = candidates - attached
    named_by_public = attached | _linked(public, section_bodies, unclaimed)
    named_by_hidden = {a.src_uri for doc in hidden for a in doc.attachments} | _linked(hidden, {}, None)
    inventory.withheld = {doc.src_uri for doc in hidden} | (named_by_hidden & candidates)
    inventory.attachments = sorted((named_by_public & candidates) - inventory.withheld)
    inventory.stray = candidates - named_by_public - inventory.withheld


# A hand-written index.md page (its body and lines) and the values of its front matter it prints (title, description).
SectionPrint = tuple[Document, tuple[str, ...]]


def settled_problems(inventory: Inventory, documents: list[Document], content: str,
                     content_dir: Path | None = None, section_pages: tuple[SectionPrint, ...] = ()) -> list[Diagnostic]:
    """E111 for every file nothing names; E500 for a public page's attachment a non-public one names, or a copy of
    one (with `content_dir`, where the files are), or a public page (a document's, or a hand-written index.md of
    `section_pages`, with the values of its front matter the page prints) holding a withheld text whole."""
    problems = [E111.at(shown(f"{content}/{src_uri}"), 1,
                        "此文件没有被任何公开文件引用，不会发布；是附件的，请在所属文件的文件头 attachments 中列出"
                        "（或在正文中链接），是文件的请改名为 .md 结尾，多余的请删除")
                for src_uri in sorted(inventory.stray)]
    public = [doc for doc in documents if doc.is_public]
    problems += _withheld_attachments(public, inventory.withheld)
    return problems + (_withheld_copies(documents, inventory, content, content_dir, section_pages)
                       if content_dir is not None else [])


_WITHHELD_FIX = "如确需公开，请先由有权机关决定公开，把不公开文件中的该附件一并改为公开；或另作删去不公开内容的公开版并引用那一份"


def _withheld_attachments(public: list[Document], withheld: set[str]) -> list[Diagnostic]:
    """A public document attaching a file that a non-public one names: the file stays unpublished."""
    return [E500.at(doc.path, doc.line_of("attachments"), f"附件“{attachment.file}”也被不公开的文件引用，不会发布；{_WITHHELD_FIX}")
            for doc in public for attachment in doc.attachments if attachment.src_uri in withheld]


def _withheld_copies(documents: list[Document], inventory: Inventory, content: str, content_dir: Path,
                     section_pages: tuple[SectionPrint, ...] = ()) -> list[Diagnostic]:
    """A file a public page publishes that is a file a non-public document is or names, under another name: the same
    bytes (the merge refuses the same, E700), or its whole text re-saved, converted, zipped or with a character
    added (withheld_text_copies.py)."""
    copies = _byte_copies(inventory, content_dir)
    texts = withheld_texts(inventory.withheld, documents, content_dir)
    resaved = {src_uri: original for src_uri in inventory.attachments if src_uri not in copies
               and (original := copied_whole(src_uri, content_dir, texts)) is not None}
    name = lambda src_uri: src_uri.rsplit("/", 1)[-1]  # noqa: E731
    found = [(src_uri, f"文件“{name(src_uri)}”与不公开的 {shown(f'{content}/{original}')} 完全相同")
             for src_uri, original in sorted(copies.items())]
    found += [(src_uri, f"文件“{name(src_uri)}”含有不公开的 {shown(f'{content}/{original}')} 的全部文字"
                        "（另存、换了格式、压缩或加了几个字，内容仍是同一份）") for src_uri, original in sorted(resaved.items())]
    attached = {attachment.src_uri: (doc, attachment) for doc in documents if doc.is_public for attachment in doc.attachments}
    problems = []
    for src_uri, what in found:
        doc, attachment = attached.get(src_uri, (None, None))
        path, line = (doc.path, attachment.line) if doc is not None else (shown(f"{content}/{src_uri}"), 1)
        problems.append(E500.at(path, line, f"{what}，是不公开的内容换了个名字，不会发布；{_WITHHELD_FIX}"))
    pages = [(doc, ()) for doc in documents if doc.is_public] + list(section_pages)
    pasted = [(doc, original) for doc, printed in pages if (original := page_copied_whole(doc, texts, printed))]
    listed = [E500.at(doc.path, doc.line_of("reason"), f"标题和理由会列在目录中公开，却含有不公开的 {shown(f'{content}/{original}')} "
                                                      "的全部文字；理由只写依据（如“涉及个人隐私”），不写内容")
              for doc in documents if not doc.is_public and (original := listed_copied_whole(doc, texts))]
    return problems + [E500.at(doc.path, doc.body_line, f"页面印出的文字（标题、摘要、主题、附件名称、更正说明和读者看到的正文）"
                                                       f"含有不公开的 {shown(f'{content}/{original}')} 的全部文字，"
                                                       f"是不公开的内容换了个文件，不会发布；{_WITHHELD_FIX}")
                       for doc, original in pasted] + listed


def _byte_copies(inventory: Inventory, content_dir: Path) -> dict[str, str]:
    """Published file → the withheld file of the same bytes. Sizes are compared first: a file is hashed only when a
    withheld one has its size (the withheld files are few)."""
    def size(src_uri: str) -> int:
        try:
            return os.stat(content_dir / src_uri).st_size
        except OSError:
            return 0   # absent or unreadable: reported elsewhere

    by_size: dict[int, list[str]] = {}
    for src_uri in sorted(inventory.withheld):
        if (length := size(src_uri)) > 0:   # two empty files are no copy of anything
            by_size.setdefault(length, []).append(src_uri)
    digests: dict[str, str | None] = {}

    def digest(src_uri: str) -> str | None:
        if src_uri not in digests:
            try:
                with open(content_dir / src_uri, "rb") as handle:
                    digests[src_uri] = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                digests[src_uri] = None
        return digests[src_uri]

    return {src_uri: original for src_uri in inventory.attachments if (length := size(src_uri)) in by_size
            for original in by_size[length] if digest(src_uri) is not None and digest(src_uri) == digest(original)}


def _linked(documents: list[Document], section_bodies: dict[str, str], among: set[str] | None) -> set[str]:
    """Files under content/ that these bodies link to; with `among`, only those (and only bodies that mention one)."""
    if among is not None and not among:
        return set()   # before any body is read: a cached document decodes its body only when asked (read_cache)
    bodies = [(doc.src_uri, doc.body) for doc in documents] + list(section_bodies.items())
    if among is not None:
        words = {word for src_uri in among for word in _mentions(posixpath.basename(src_uri))}
        bodies = [(src_uri, body) for src_uri, body in bodies if any(word in body for word in words)]
    found = set()
    for src_uri, body in bodies:
        for link in scan_body(body).links:
            target = link_path(src_uri, link.target)
            if target is not None:
                found.add(target)
    return found


def _mentions(name: str) -> set[str]:
    """How a body may spell a file name in a link: as is, or percent-encoded."""
    return {name, quote(name), quote(name).lower()}


def link_path(src_uri: str, target: str) -> str | None:
    """The content path a relative link of `src_uri` points at; None for other sites and anchors."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    return None if path.startswith("../") or path == ".." else path
