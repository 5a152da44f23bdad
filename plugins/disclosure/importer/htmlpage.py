"""Saved detail pages of government CMSs (TRS WCM, Hanweb, Conway and the like) as documents.

Parser: BeautifulSoup with Python's own html.parser — it records the source line of every tag,
so the report can say where a script or a metadata table was, and adds no compiled dependency;
BeautifulSoup because markdownify works on its tree and repairs the tag soup these CMSs emit.
Conversion: markdownify, subclassed so that tables with merged cells stay HTML tables (a pipe
table cannot merge cells) and text is not escaped beyond what Markdown would swallow.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdownify import MarkdownConverter

from ..text.markup import is_unsafe_url
from . import lines as md
from . import metadata
from .page import Link, Page, file_name, link_path
from ..text.conversion import Flag

BODY_SELECTORS = ("#zoom", ".TRS_Editor", ".trs_editor_view", "#UCAP-CONTENT", ".zwgk_content", ".article-content",
                  ".wzcon", ".bt_content", ".pages_content", "#content", ".content", "article", ".article")
HOSTILE_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                "button", "select", "textarea", "noscript", "link", "meta", "base", "svg", "math")
ATTACHMENT_EXTENSIONS = frozenset("pdf doc docx xls xlsx wps et ofd zip rar 7z txt csv ppt pptx".split())
TITLE_META = ("ArticleTitle", "title", "Title")
DATE_META = ("PubDate", "pubdate", "publishdate", "firstpublishedtime")
PUBLISHER_META = ("ContentSource", "source")
_TITLE_PARTS = re.compile(r"\s[-|｜—]+\s|[_｜|]+|\s*——\s*")
_BLANK_LINES = re.compile(r"\n{3,}")


def read_html(page: Page, text: str) -> Page:
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    _read_meta_tags(page, soup)
    _read_metadata_blocks(page, soup, _find_body(soup, by_selector_only=True))
    body = _find_body(soup)
    if body is None:
        page.flags.append(_flag("找不到正文（页面中没有文字段落），未导入；请检查这是否是文件详情页"))
        return page
    _drop_hostile(page, body)
    page.title = page.title or page.fields.get("title") or _title_from_page(soup)
    _drop_repeated_title(page, body)
    _collect_files(page, soup, body)
    _mark_headings(body)
    page.body = _to_markdown(body)
    return page


def _flag(message: str, line: int = 1) -> Flag:
    return Flag(line, message)


def _line(tag: Tag) -> int:
    return getattr(tag, "sourceline", None) or 1


def _read_meta_tags(page: Page, soup: BeautifulSoup) -> None:
    for names, key in ((TITLE_META, "title"), (DATE_META, "published"), (PUBLISHER_META, "publisher")):
        for name in names:
            tag = soup.find("meta", attrs={"name": name})
            if tag and tag.get("content", "").strip():
                if key == "title":
                    page.title = page.title or tag["content"].strip()
                else:
                    page.take(key, tag["content"], _line(tag))
                break


def _read_metadata_blocks(page: Page, soup: BeautifulSoup, body: Tag | None) -> None:
    """Tables of label/value cells, and blocks of `索引号：…` lines; removed from the page afterwards."""
    for block in _metadata_blocks(soup, body):
        for cells in _rows(block):
            _read_cells(page, cells)
        page.dropped.append((_line(block), f"元数据区（<{block.name}>，已读入文件头）"))
        block.decompose()


_BLOCKS = ["table", "div", "ul", "dl", "p", "section", "header"]


def _metadata_blocks(soup: BeautifulSoup, body: Tag | None) -> list[Tag]:
    """The outermost short elements holding two or more `label：value` statements (never the body)."""
    candidates = [tag for tag in soup.find_all(_BLOCKS) if _label_count(tag) >= 2
                  and not (body is not None and (tag is body or _inside(body, tag)))]
    chosen = {id(tag) for tag in candidates}
    return [tag for tag in candidates if not any(id(parent) in chosen for parent in tag.parents)]


def _label_count(tag: Tag) -> int:
    text = tag.get_text(" ", strip=True)
    if len(text) > 800:
        return 0
    cells = [c for c in tag.find_all(["td", "th", "span", "dt", "label", "b", "strong"]) if metadata.label_key(c.get_text())]
    return max(len(cells), len(metadata.inline_pairs(text)))


def _rows(block: Tag) -> list[list[str]]:
    """The texts of a block, row by row (table rows, list items, or the block's lines)."""
    rows = block.find_all(["tr", "li", "dd", "p"]) or [block]
    if block.name == "dl":
        return [[t.get_text(" ", strip=True) for t in block.find_all(["dt", "dd"])]]
    return [[c.get_text(" ", strip=True) for c in row.find_all(["td", "th"], recursive=False)] or [row.get_text(" ", strip=True)]
            for row in rows]


def _read_cells(page: Page, cells: list[str]) -> None:
    index = 0
    while index < len(cells):
        key = metadata.label_key(cells[index])
        if key and index + 1 < len(cells):
            page.take(key, cells[index + 1])
            index += 2
            continue
        for key, value in metadata.inline_pairs(cells[index]):
            page.take(key, value)
        index += 1


def _find_body(soup: BeautifulSoup, by_selector_only: bool = False) -> Tag | None:
    for selector in BODY_SELECTORS:
        for tag in soup.select(selector):
            if _han_count(tag) >= 10:
                return tag
    if by_selector_only:
        return None
    blocks = [tag for tag in soup.find_all("div") if tag.find("p", recursive=False)]
    return max(blocks, key=lambda t: sum(_han_count(p) for p in t.find_all("p", recursive=False)), default=None)


def _han_count(tag: Tag) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", tag.get_text()))


def _drop_hostile(page: Page, body: Tag) -> None:
    """Scripts, frames, forms and handlers never reach the Markdown; each removal is reported."""
    for tag in body.find_all(HOSTILE_TAGS):
        if tag.decomposed:
            continue   # inside one already removed (an <input> of a <form>)
        page.dropped.append((_line(tag), f"不安全或无用的 <{tag.name}> 元素"))
        tag.decompose()
    for tag in [body, *body.find_all(True)]:
        for name in [a for a in tag.attrs if a.lower().startswith("on")]:
            page.dropped.append((_line(tag), f"事件属性 {name}（<{tag.name}>）"))
            del tag[name]
        for name in ("href", "src"):
            if tag.get(name) and is_unsafe_url(tag[name]):
                page.dropped.append((_line(tag), f"不安全的链接 {name}=\"{tag[name][:40]}\"（保留文字，去掉链接）"))
                if tag.name == "a":
                    tag.unwrap()
                else:
                    tag.decompose()
                break


def _title_from_page(soup: BeautifulSoup) -> str | None:
    """The heading that the <title> names (a page's first <h1> is often the site's name), else the
    longest part of <title> (“标题_栏目_站点名”), else the first heading."""
    headings = [t.get_text("", strip=True) for t in soup.find_all(["h1", "h2", "h3"])]
    headings = [h for h in headings if h and len(h) <= 120]
    parts = [p.strip() for p in _TITLE_PARTS.split(soup.title.get_text()) if p.strip()] if soup.title else []
    named = max(parts, key=len, default=None)
    if named:
        # “标题-站点名” without spaces cannot be split safely (titles have hyphens): a heading it starts with wins.
        return next((h for h in headings if h == named), None) or next(
            (h for h in headings if named.startswith(h) and len(h) >= 6), named)
    return headings[0] if headings else None


def _drop_repeated_title(page: Page, body: Tag) -> None:
    if not page.title:
        return
    wanted = re.sub(r"\s+", "", page.title)
    for tag in body.find_all(["h1", "h2", "h3", "p", "div"], limit=6):
        if re.sub(r"\s+", "", tag.get_text()) == wanted:
            page.dropped.append((_line(tag), "正文开头重复的标题（标题已在文件头 title 中）"))
            tag.decompose()
            return


def _collect_files(page: Page, soup: BeautifulSoup, body: Tag) -> None:
    """Attachment links (in the body or in an attachment block beside it) and the body's images.

    Links to files saved with the page are pointed at files/<name> now, in the tree, so that the
    Markdown never needs rewriting; other sites' links stay as they are (the report asks for them).
    """
    outside = [a for block in soup.find_all(string=re.compile("附件")) for a in _links_near(block) if not _inside(a, body)]
    for anchor in list(body.find_all("a", href=True)) + outside:
        if _extension(anchor["href"]) in ATTACHMENT_EXTENSIONS:
            title = anchor.get_text(" ", strip=True) or link_path(anchor["href"], page.encoding).rsplit("/", 1)[-1]
            link = _local(page, anchor, "href", title)
            if link not in page.attachments:
                page.attachments.append(link)
    for image in body.find_all("img", src=True):
        page.resources.append(_local(page, image, "src", image.get("alt", "")))


def _local(page: Page, tag: Tag, attribute: str, title: str) -> Link:
    href = tag[attribute]
    if urlsplit(href).scheme or urlsplit(href).netloc:
        return Link(href, title)
    name = file_name(link_path(href, page.encoding).rsplit("/", 1)[-1])
    tag[attribute] = f"files/{quote(name)}"
    return Link(href, title, name)


def _links_near(text: NavigableString) -> list[Tag]:
    parent = text.parent
    for _ in range(3):
        if parent is None:
            return []
        links = parent.find_all("a", href=True)
        if links:
            return links
        parent = parent.parent
    return []


def _inside(tag: Tag, container: Tag) -> bool:
    return any(parent is container for parent in tag.parents)


def _extension(href: str) -> str:
    path = unquote(urlsplit(href).path)
    return path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""


def _mark_headings(body: Tag) -> None:
    """A paragraph that is only `一、总体要求` (often in <strong>) becomes a heading, text unchanged."""
    # Tables and lists between two paragraphs separate them, as blank text does in a dump.
    blocks = [b for b in body.find_all(["p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"])
              if not b.find_parent(["td", "th", "li"])]
    texts = [md.clean(b.get_text("")) if b.name == "p" else "" for b in blocks]
    for paragraph, text, level in zip(blocks, texts, md.heading_levels(texts)):
        if level and not paragraph.find(["img", "table", "a"]):
            paragraph.name = f"h{len(level)}"
            paragraph.clear()
            paragraph.append(text)


class _Converter(MarkdownConverter):
    """markdownify with the faithful choices of this project."""

    def convert_table(self, el, text, parent_tags):
        if _has_merged_cells(el):
            return "\n\n" + _clean_table(el) + "\n\n"
        return super().convert_table(el, text, parent_tags)

    def convert_p(self, el, text, parent_tags):
        if "_inline" in parent_tags or el.find_parent(["td", "th"]):
            return super().convert_p(el, text, parent_tags)
        return super().convert_p(el, md.escape(text.lstrip(md.SPACES)), parent_tags)

    def escape(self, text, parent_tags):
        return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text or "")


def _has_merged_cells(table: Tag) -> bool:
    cells = table.find_all(["td", "th"])
    return (any(int(re.sub(r"\D", "", c.get(a, "1")) or 1) > 1 for c in cells for a in ("rowspan", "colspan"))
            or table.find("table") is not None)


def _clean_table(table: Tag) -> str:
    """The table as plain HTML: structure and merged cells kept, every attribute else dropped."""
    rows = []
    for row in table.find_all("tr"):
        cells = []
        for cell in row.find_all(["td", "th"], recursive=False):
            spans = "".join(f' {a}="{int(re.sub(chr(92) + "D", "", cell[a]) or 1)}"' for a in ("rowspan", "colspan")
                            if cell.get(a) and (re.sub(r"\D", "", cell[a]) or "1") != "1")
            cells.append(f"<{cell.name}{spans}>{html.escape(md.clean(cell.get_text(' ', strip=True)), quote=False)}</{cell.name}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _to_markdown(body: Tag) -> str:
    text = _Converter(heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False,
                      table_infer_header=True, newline_style="spaces").convert_soup(body)
    # Indentation is layout (and four spaces would make a code block); two trailing spaces are a <br>.
    lines = [line.lstrip(md.SPACES).rstrip("\t\u3000\xa0") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"
