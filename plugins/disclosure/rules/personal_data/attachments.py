"""E400 inside the attachments a public page publishes; W400 for an attachment (or a part of one) that
cannot be read, W401 for one past the reading limits (size, compression ratio, nesting, sheet area); E404 for
one that makes the program opening it load a resource from another host (a picture Word links from a web page,
a remote template, a WEBSERVICE formula: every reader who opens the file tells that host so, as an image from another
host in a page); E401 for one holding a formula or field that starts a program on the reader's machine (DDE).

A page publishes the files its front matter attaches and the files its body links to. Each is read
(`privacy/attachments.py`) and every piece goes through the same recogniser as the page itself, with the
page's `allow_personal_info`. The report names the page's line that publishes the file (its
`attachments:` entry or the linking line) and where inside the file the datum is. A text met twice
(a cell and the workbook's string table, a paragraph through python-docx and through its XML) is
read once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from ...codes import E102, E400, E401, E404, I400, W400, W401
from ...codes.diagnostics import Diagnostic
from ...content.disclosure_statements import withheld_statements
from ...content.model import Document
from ...privacy.attachments import Command, Gap, OverLimit, Piece, Remote, Unreadable, attachment_pieces
from ...privacy.numbers import Source, masked_text, personal_info_diagnostics
from ...text.markup import BodyScan, scan_of


@dataclass(frozen=True)
class Published:
    """One file a page publishes, and the page line that does so."""
    src_uri: str
    line: int
    checked: str | None = None


def published_attachments(doc: Document, content_files: frozenset[str],
                          scanned: Callable[[Document], BodyScan] = scan_of) -> list[Published]:
    """The attachments of `doc`'s front matter, then the other files under content/ its body links to
    (`scanned`: the body's scan, as `markup_links.body_diagnostics` takes it)."""
    found = {a.src_uri: Published(a.src_uri, a.line, a.checked) for a in doc.attachments}
    for link in scanned(doc).links:
        src_uri = _linked_file(doc.src_uri, link.target)
        if src_uri in content_files and not src_uri.endswith(".md") and src_uri not in found:
            found[src_uri] = Published(src_uri, doc.body_line + link.line - 1)
    return list(found.values())


def _linked_file(page: str, target: str) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def attachment_diagnostics(doc: Document, content_dir: Path, content_files: frozenset[str], today: dt.date,
                           focus: set[str] | None = None, scanned: Callable[[Document], BodyScan] = scan_of) -> list[Diagnostic]:
    """E400/I400 for personal data in every file `doc` publishes; W400 (or I400 when checked by hand) when unreadable.

    With `focus` (repository paths), only the files in it: an attachment replaced in a pull request
    is read even when the page that publishes it did not change.
    """
    content = doc.path[:len(doc.path) - len(doc.src_uri)]  # "content/"
    problems = []
    for item in published_attachments(doc, content_files, scanned):
        if focus is not None and content + item.src_uri not in focus:
            continue
        name = item.src_uri.rsplit("/", 1)[-1]
        try:
            found = _pieces(content_dir / item.src_uri, today)
        except Unreadable as why:
            found = [Gap("", str(why), isinstance(why, OverLimit))]
        pieces = once(p for p in found if isinstance(p, Piece))
        problems += _stated_withheld(doc.path, item, name, pieces)
        sources = [_source(item, name, _masked_where(piece, today)) for piece in pieces]
        problems += _at_most(MAX_LISTED, personal_info_diagnostics(doc.path, sources, doc.allowances, today), item, name)
        gaps = [replace(gap, where=masked_text(gap.where, today), why=masked_text(gap.why, today)) for gap in found if isinstance(gap, Gap)]
        problems += _gaps(doc.path, item, name, gaps)
        remote = [Remote(masked_text(one.where, today), masked_text(one.target, today)) for one in found if isinstance(one, Remote)]
        problems += [E404.at(doc.path, item.line, f"附件“{name}”{remote_in_attachment(one)}") for one in remote[:MAX_GAPS]]
        # replace(): a program's or an outside entry's kind is kept with its masked texts (its own message says so)
        running = [replace(one, where=masked_text(one.where, today), formula=masked_text(one.formula, today))
                   for one in found if isinstance(one, Command)]
        problems += [E401.at(doc.path, item.line, f"附件“{name}”{command_in_attachment(one)}") for one in running[:MAX_GAPS]]
    return problems


@dataclass(frozen=True)
class Stated:
    """A piece of an attachment saying the attachment is not public: where, and the line as written."""
    where: str
    written: str


def stated_withheld(pieces) -> Stated | None:
    """The first piece of an attachment stating it is not public (its 附注 （此件不予公开）, a 版记 line 公开方式：依申请公开):
    the attachment is often the official document itself, the page a summary of it. Its own attachments withheld
    (此件主动公开，有关附件依申请公开) withholds the file only when it holds them."""
    for piece in pieces:
        if isinstance(piece, Piece):
            for statement in withheld_statements(piece.text, attachments=False):
                return Stated(piece.where, statement.written)
    return None


def _stated_withheld(path: str, item: Published, name: str, pieces: list[Piece]) -> list[Diagnostic]:
    stated = stated_withheld(pieces)
    return [E102.at(path, item.line, withheld_attachment(name, stated.where, stated.written))] if stated else []


def withheld_attachment(name: str, where: str, written: str) -> str:
    """An attachment saying it is not public, and the fix (E102; the merge says the same of a unit's attachment)."""
    return (f"附件“{name}”{where}写明“{written}”，却作为主动公开文件的附件发布；按原件不公开的，请从 attachments 中删去、"
            "并把文件移出 content/；经审查决定公开的，请换用公开版的原文（附注为“此件公开发布”或“此件主动公开”）")


def remote_in_attachment(remote: Remote) -> str:
    """What an attachment loads from another host, and the fix (E404; the merge says the same of a unit's attachment)."""
    return (f"中的{remote.where}让打开它的程序从其他网站载入“{remote.target[:80]}”：每位读者打开附件，那个网站都会知道；"
            "请把图片等内容嵌入文件本身（Word/WPS 中“编辑指向文件的链接”→“断开链接”，或粘贴时选“只保留文本”“图片”），"
            "或另存为 PDF 后替换；只是介绍其他网站的，用普通超链接")


def command_in_attachment(command: Command) -> str:
    """What in an attachment starts a program on the reader's machine, and the fix (E401; the merge says the same)."""
    if command.outside:
        return (f"中的文件名“{command.formula[:80]}”指向解压目录以外（含“..”，或从根目录、盘符开始）：有的解压程序会把它"
                "写到读者电脑上的其他位置，覆盖那里的文件；请在正常的文件夹中重新压缩后替换")
    if command.program:
        return (f"中的{command.where}是打开就会运行的程序、脚本或快捷方式：读者解压或双击后会在电脑上运行它；"
                "请从压缩包（或文档）中删除，只发布文档本身")
    return (f"中的{command.where}有会运行其他程序的公式、域或链接“{command.formula[:80]}”（DDE 或程序协议）：Excel、WPS、"
            "Word 或 PDF 阅读器打开（链接：点击）时会在读者的电脑上启动它；请只保留计算结果（复制后“选择性粘贴→数值”，"
            "Word 中选中后按 Ctrl+Shift+F9 断开域），链接只指向网址（https://…）或删除，或另存为 PDF 后替换")


def _source(item: Published, name: str, piece: Piece) -> Source:
    if piece.first_line:
        return Source(item.line, piece.text, where=f"附件“{name}”{piece.where}", multiline=False, where_line=piece.first_line,
                      around=piece.around)
    return Source(item.line, piece.text, where=f"附件“{name}”{piece.where}：", multiline=False, around=piece.around)


def _masked_where(piece: Piece, today: dt.date) -> Piece:
    """A place names parts by their names (a file in an archive, a sheet): a datum in a name is not printed whole."""
    where = masked_text(piece.where, today)
    return piece if where == piece.where else replace(piece, where=where)


def once(pieces) -> list[Piece]:
    """Each text once, where it was first met (readers with labels come before the package's parts, which leave out
    a paragraph or cell too short to hold a datum: a label beside an account is read with the first)."""
    seen: dict[str, Piece] = {}
    for piece in pieces:
        seen.setdefault(piece.text, piece)
    return list(seen.values())


MAX_GAPS = 5  # W400/W401 lines per attachment: the fix is one for the whole file


def _gaps(path: str, item: Published, name: str, gaps: list[Gap]) -> list[Diagnostic]:
    if not gaps:
        return []
    if item.checked:
        return [I400.at(path, item.line, f"附件“{name}”{_what(gaps[0])}，已人工核对个人信息：{item.checked}")]
    shown = [_unreadable(path, item, name, gap) for gap in gaps[:MAX_GAPS]]
    if len(gaps) > MAX_GAPS:
        shown.append(W400.at(path, item.line, f"附件“{name}”中另有 {len(gaps) - MAX_GAPS} 处内容未能读取；处理办法同上"))
    return shown


def _what(gap: Gap) -> str:
    return f"中的{gap.where}{gap.why}" if gap.where else gap.why


MAX_LISTED = 20  # E400 lines per attachment: a 名单 of a thousand rows needs one fix, not a thousand lines


def _at_most(limit: int, found: list[Diagnostic], item: Published, name: str) -> list[Diagnostic]:
    errors = [d for d in found if d.code == E400.code]
    if len(errors) <= limit:
        return found
    summary = E400.at(errors[0].path, item.line, f"附件“{name}”中另有 {len(errors) - limit} 处疑似个人信息未逐条列出；"
                         "请逐行检查整个附件，删除或打码后重新上传")
    return [d for d in found if d.code != E400.code] + errors[:limit] + [summary]


_BY_HAND = "人工核对后在 attachments 该项下写 checked: 核对人、日期和结论"


def _unreadable(path: str, item: Published, name: str, gap: Gap) -> Diagnostic:
    return (W401 if gap.over_limit else W400).at(path, item.line, f"附件“{name}”{unread_attachment(gap)}")


def unread_attachment(gap: Gap) -> str:
    """What was not read of an attachment, and the fix (W400/W401; the merge says the same of a unit's attachment)."""
    if gap.fix:
        return f"{_what(gap)}，未能{'完整' if gap.over_limit else ''}检查其中是否有个人信息；请{gap.fix}；确需保留的，{_BY_HAND}"
    if gap.over_limit:
        return (f"{_what(gap)}，未能完整检查其中是否有个人信息；请删除其中嵌入的大文件或压缩包、把内容拆成几个较小的"
                f"文件后替换；确属正常文件的，{_BY_HAND}")
    return (f"{_what(gap)}，未能检查其中是否有个人信息；请转换为含文字的 PDF、.docx、.xlsx 或文本文件后替换"
            f"（嵌入的对象请删除或另作附件）；无法转换的，{_BY_HAND}")


def _pieces(file: Path, today: dt.date) -> list[Piece | Gap]:
    """A file attached to several pages, or read by another rule too, is read once (`attachment_pieces`)."""
    return list(attachment_pieces(file, today, also=states_withheld))


def states_withheld(text: str) -> bool:
    """Whether a piece of an attachment says the attachment is not public (kept by the reading for `_stated_withheld`)."""
    return bool(withheld_statements(text, attachments=False))
