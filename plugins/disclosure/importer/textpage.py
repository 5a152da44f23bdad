"""Plain-text dumps of a document (copied from a page, or a CMS's text export).

A dump is: a header (the page title, `来源：` `发布日期：` `索引号：…` lines, the 版头 of the
document, its 发文字号, its title), the text, and a footer (打印本页, 网站标识码, a visit counter).
Header and footer lines are moved into front matter or left out, each one named in the report;
no line between the first and the last line of the text is ever dropped or changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lines as md
from . import metadata
from .page import Page
from ..text.conversion import Flag

_DOC_NO_LINE = re.compile(r"^[^\s，。：:；]{1,20}[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\d+\s*号$")
DATE_ONLY = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?|[\d〇○零一二三四五六七八九]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日)$")
_CHROME = re.compile(
    r"^(【[^】]*】?\s*)+$|^第[一二三四五六七八九十\d]+篇[:：]|^(打印|收藏|关闭|關閉|关闭本页|關閉本頁|打印本页|返回|分享到?)[:：]?$"
    r"|^(主办单位|主辦單位|承办单位|版权所有|版權所有|网站标识码|網站標識碼|联系电话|聯繫電話|网站地图|ICP|技术支持|访问量|浏览次数)"
    r"|ICP备|公网安备|^\d{1,9}$|^【字体")
_BODY_START = re.compile(r"[：:]$|[。；]")
TITLE_MAX = 80


@dataclass
class _Line:
    number: int
    text: str


def read_text(page: Page, text: str) -> Page:
    rows = [_Line(n, md.clean(line)) for n, line in enumerate(text.split("\n"), start=1)]
    rows = [row for row in rows if row.text]
    if not rows:
        page.flags.append(Flag(1, "文件没有文字内容，未导入"))
        return page
    start = _read_header(page, rows)
    end = _read_footer(page, rows, start)
    body = rows[start:end]
    if body and page.title and _same(body[0].text, page.title):
        page.dropped.append((body[0].number, "正文开头重复的标题（标题已在文件头 title 中）"))
        body = body[1:]
    _date_from_signature(page, body)
    page.body = _markdown(page, body)
    return page


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _kind(text: str) -> str:
    if metadata.inline_pairs(text):
        return "meta"
    if _CHROME.search(text):
        return "chrome"
    if DATE_ONLY.match(text):
        return "date"
    if _DOC_NO_LINE.match(text):
        return "doc_no"
    if md.heading_level(text) or _BODY_START.search(text) or len(text) > TITLE_MAX:
        return "body"
    return "title"


def _read_header(page: Page, rows: list[_Line]) -> int:
    """Read the header lines into `page`; the index of the first line of the text."""
    groups: list[list[_Line]] = []
    previous = None
    index = 0
    for index, row in enumerate(rows):
        kind = _kind(row.text)
        if kind == "body":
            break
        if kind == "meta":
            for key, value in metadata.inline_pairs(row.text):
                page.take(key, value, row.number)
        elif kind == "title":
            if previous == "title":
                groups[-1].append(row)
            else:
                groups.append([row])
        elif kind == "doc_no":
            page.take("doc_no", row.text, row.number)
        elif kind == "date" and "published" not in page.fields:
            page.take("published", row.text, row.number)
        if kind in ("chrome", "date", "doc_no"):
            page.dropped.append((row.number, f"页首“{row.text}”（{_WHY[kind]}）"))
        previous = kind
    else:
        index = len(rows)
    if groups:
        title = groups[-1]   # the document's own title comes last: after the page title, the 版头 and the 文号
        page.title = page.title or "".join(row.text for row in title)
        if len(title) > 1:
            page.flags.append(Flag(title[0].number, f"标题由第 {title[0].number}–{title[-1].number} 行合并而成：“{page.title}”；请核对"))
        for group in groups[:-1]:
            for row in group:
                page.dropped.append((row.number, f"页首“{row.text}”（网页标题或版头，未放入正文）"))
    for row in rows[:index]:
        if _kind(row.text) == "meta":
            page.dropped.append((row.number, f"页首“{row.text}”（已读入文件头）"))
    return index


_WHY = {"chrome": "网页栏目文字，不是文件内容", "date": "发布时间，已读入文件头", "doc_no": "发文字号，已读入文件头"}


def _read_footer(page: Page, rows: list[_Line], start: int) -> int:
    """Read trailing page furniture (and a 公开方式 line) from the end; the index after the text."""
    end = len(rows)
    while end > start:
        row = rows[end - 1]
        kind = _kind(row.text)
        pairs = metadata.inline_pairs(row.text) if kind == "meta" else []
        if kind == "chrome" or (page.title and _same(row.text, page.title)):
            why = "网页栏目文字，不是文件内容" if kind == "chrome" else "页尾重复的标题"
        elif pairs and all(key in ("disclosure", "publisher", "published") for key, _ in pairs):
            for key, value in pairs:
                page.take(key, value, row.number)
            why = "已读入文件头"
        else:
            break
        page.dropped.append((row.number, f"页尾“{row.text}”（{why}）"))
        end -= 1
    return end


def _date_from_signature(page: Page, body: list[_Line]) -> None:
    """成文日期: the first line of the text that is a date alone (the date under the signature)."""
    if "issued" in page.fields:
        return
    for row in body:
        if DATE_ONLY.match(row.text) and "年" in row.text:
            page.take("issued", row.text, row.number)
            return


_ANOTHER_DOCUMENT = re.compile(r"^第[一二三四五六七八九十\d]+篇[:：]")


def _markdown(page: Page, body: list[_Line]) -> str:
    for row in body:
        if _ANOTHER_DOCUMENT.match(row.text):
            page.flags.append(Flag(row.number, f"“{row.text[:20]}”像是另一篇文件的开始（原页面把几篇文件放在一起）；"
                                               "一个文件只应含一篇，请把它拆出来另行导入"))
    for row, following in zip(body, body[1:]):
        if md.looks_broken(row.text, following.text):
            page.flags.append(Flag(row.number, f"与下一行可能是同一段被断开（“…{row.text[-6:]}”/“{following.text[:6]}…”）；"
                                               "未合并，请对照原件决定"))
    # One source line, one paragraph: the dumps put each paragraph on its own line.
    return "\n\n".join(md.as_markdown([row.text for row in body])) + "\n"
