"""What reading an attachment gives: pieces of text with where each is, and the parts that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Piece:
    where: str      # e.g. "第3行", "工作表“名单”单元格 B3", "第2页第5行", "压缩包内“a.xlsx”工作表…"
    text: str
    first_line: int = 0   # > 0: the text spans lines, the first being this line of `where` (第N行 is added)
    # The texts just before and after it in its file (a paragraph's neighbours, the cells beside a cell), each end
    # joined by a line break, for a card-shaped number's account labels alone (privacy/numbers.agencys_own_account).
    around: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Gap:
    """A part of the attachment (or all of it) whose text was not read: the caller warns."""
    where: str      # "" for the whole attachment, else the part, e.g. "嵌入对象“word/embeddings/x.bin”"
    why: str        # in Chinese
    over_limit: bool = False   # past a size, ratio, depth or area limit (W401) rather than unreadable (W400)
    fix: str = ""   # how the editor makes the part readable, where converting the file is not the way (a formula)


@dataclass(frozen=True)
class Remote:
    """A resource another host serves that the program opening the attachment loads by itself (a picture Word links
    from a web page, a remote template, a linked object): each reader who opens the file sends that host a request."""
    where: str      # the part, e.g. "链接地址（word/_rels/document.xml.rels）"
    target: str     # the address, as written


@dataclass(frozen=True)
class Command:
    """A formula or field that makes the program opening the attachment start another program: a cell's DDE
    (`=cmd|' /C calc'!A0`, `=DDE("cmd";…)`), a workbook's DDE link, Word's DDE and DDEAUTO fields. Excel, WPS or Word
    asks once, then runs it on the reader's machine. Or a file in an archive or an embedded package that Windows runs
    when the reader opens it (`program`), or that an unpacking program writes outside the folder it unpacks into
    (`outside`)."""
    where: str      # the part or cell, e.g. "第3行", "工作表（xl/worksheets/sheet1.xml）"
    formula: str    # the formula or field, as written; for a `program` or an `outside` entry, the file's name
    program: bool = False   # a file in an archive or a package that runs when opened (.exe, .bat, .js, .lnk …)
    outside: bool = False   # an archive's entry named ../…, /… or C:…: unpacked over a file of the reader's elsewhere


def within(item: "Piece | Gap | Remote | Command", where: str) -> "Piece | Gap | Remote | Command":
    """`item` found in a file inside another: its place starts with `where` (压缩包内“a.docx”…)."""
    if isinstance(item, Piece):
        return replace(item, where=f"{where}{item.where}")
    if isinstance(item, Remote):
        return Remote(f"{where}{item.where}", item.target)
    if isinstance(item, Command):
        return replace(item, where=f"{where}{item.where}")
    return replace(item, where=f"{where}{item.where}")


class Unreadable(Exception):
    """The text cannot be read; the message says why, in Chinese."""


class OverLimit(Unreadable):
    """Reading would take more time or memory than an attachment may: the message says which limit."""


class Stopped(Exception):
    """A stop signal (Ctrl-C, SIGTERM) that landed while reading: the build's own error for it is one of these.
    Never a damaged file: every reader passes it on (a broad `except` that made it a W400 would print a finding
    the file does not have)."""


# What Windows runs (or makes fetch from another host) when a reader double-clicks it in an unpacked archive or an
# embedded package: programs, scripts, shortcuts, installers, and the files Explorer reads when showing a folder.
PROGRAMS = frozenset(""".exe .com .scr .pif .cpl .msi .msp .bat .cmd .ps1 .psm1 .vbs .vbe .js .jse .wsf .wsh .hta .jar
.lnk .url .scf .reg .inf .dll .library-ms .searchconnector-ms .appref-ms .application .msc .chm .iso .img .vhd .vhdx""".split())
