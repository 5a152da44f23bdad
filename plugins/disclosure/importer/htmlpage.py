"""Saved detail pages of government CMSs (TRS WCM, Hanweb, Conway and the like) as documents.

Parser: BeautifulSoup with Python's own html.parser — it records the source line of every tag,
so the report can say where a script or a metadata table was, and adds no compiled dependency;
BeautifulSoup because markdownify works on its tree and repairs the tag soup these CMSs emit.
Conversion: markdownify, subclassed so that tables with merged cells stay HTML tables (a pipe
table cannot merge cells) and text is not escaped beyond what Markdown would swallow.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markdownify import MarkdownConverter

from ..text.html_text import BLOCK_ELEMENTS
from ..text.markup import css_unescaped, is_unsafe_url
from ..text.official_text import literal_runs
from . import lines as md
from . import metadata, openness
from ..text import layout
from .body import ALIGN, HEADINGS, BrowserClosingSoup, find_body, flatten
from .colours import CLIPPED, FILTERED_FLAT, MATCHES_MAX, NO_ROOM, OWN_BACKGROUND, TooManyRules, colour_hidden
from .decode import decode
from .list_markers import item_marker
from .page import Link, Page, file_name, link_path, local_file
from ..text.conversion import Flag
from .shape import source_shape
from .shown import shown_by_rules
from .textpage import DATE_ONLY
from .variables import TooManyVariables, page_variables, readings

HOSTILE_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                "button", "select", "textarea", "noscript", "link", "meta", "base", "svg", "math", "template")
# What a browser never draws (the HTML standard's rendering rules: the <title> and <head> anywhere, a list of
# suggestions, a dialog not opened, ruby's brackets, an image map's areas) and the fallback text of what it draws
# instead (a canvas, a video or sound, a progress bar or gauge; an old browser's noembed/noframes): never imported.
NOT_SHOWN_TAGS = ("title", "head", "datalist", "rp", "param", "area", "noembed", "noframes",
                  "canvas", "video", "audio", "progress", "meter")
# What the saved page hides from its readers (an editor's note, a draft kept in the template): never imported,
# whether its own style hides it or a rule of the page's <style> (a class or an id: `.bz{display:none}`).
# Comments are taken out of a declaration first (a browser skips them); a zero font or opacity hides too.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
                           r"|(?:font-size|opacity)\s*:\s*[0.]+(?:[a-z%]+)?\s*(?:[;!}]|$)"
                           # a font too small to read, scaled or clipped away, transparent, pushed off the page
                           r"|font-size\s*:\s*(?:[0-7](?:\.\d*)?|\.\d+)px|font-size\s*:\s*(?:[0-5](?:\.\d*)?|\.\d+)pt"
                           r"|transform\s*:[^;}]{0,200}?scale[xyz3d]*\(\s*[0.]+\s*[,)]|\bclip(?:-path)?\s*:\s*(?:rect|inset|circle|polygon)"
                           r"|(?<![\w-])color\s*:\s*(?:transparent|rgba\([^)]{0,100}?,\s*[0.]+\)|hsla\([^)]{0,100}?,\s*[0.]+\)|#[0-9a-f]{3}0\b|#[0-9a-f]{6}00\b)"
                           # pushed a page's width off it (-9999px; a centring margin-left:-480px is layout). Every stretch inside a
# declaration is bounded ({0,200}): an unbounded one made a style of thousands of "transform:scale(" quadratic.
                           r"|(?:text-indent|left|top|right|bottom|margin(?:-left|-top|-right)?)\s*:\s*-\s*"
                           r"(?:\d{4,}|\d{3,}(?:\.\d*)?\s*(?:em|rem|ch|ex|vw|in|cm))", re.I)
# Relative sizes under 8 px at the 16 px a browser starts from (0.4em, 40%, 0.05rem, 0.3vw on a 1920 px screen),
# an opacity under a tenth (0.01, 5%, filter:opacity(0)), moved a screen's width away (translate), letters piled
# on each other (letter-spacing:-1em): each hides the text as surely as display:none.
_FAINT_STYLE = re.compile(
    r"font-size\s*:\s*(?:0*\.[0-4]\d*|0+)\s*r?em\b|font-size\s*:\s*(?:[0-4]?\d(?:\.\d*)?|\.\d+)\s*%"
    r"|font-size\s*:\s*(?:0*\.[0-3]\d*|0+)\s*v(?:w|h|min|max)\b|font-size\s*:\s*(?:0*\.\d+|0+)\s*(?:ex|ch)\b"
    r"|(?<![\w-])opacity\s*:\s*(?:0*\.0\d*|0+)\s*(?:[;!}]|$)|(?<![\w-])opacity\s*:\s*\d(?:\.\d*)?\s*%"
    r"|filter\s*:[^;}]{0,200}?opacity\(\s*(?:0*\.0\d*|0+|\d(?:\.\d*)?%)\s*\)"
    r"|transform\s*:[^;}]{0,200}?translate[xyz3d]*\([^)]{0,100}?(?:\d{4,}(?:\.\d*)?\s*(?:px)?|\d{3,}(?:\.\d*)?\s*(?:r?em|v[wh]|ch))\s*[,)]"
    r"|letter-spacing\s*:\s*-\s*(?:[1-9]\d*(?:\.\d*)?\s*em|0*\.[5-9]\d*\s*em|\d{2,}(?:\.\d*)?\s*px)", re.I)
# Round thirteen's: the transform's own properties (scale:0, translate far away), a transform that turns the text
# edge-on (rotateX(90deg)) or flattens it (matrix with a zero determinant, a zero second scale), a zoom under a
# half, a blend mode that draws dark text as the white page behind it (screen, lighten, color-dodge,
# plus-lighter), a blur past reading, a brightness or contrast of zero over the element's own background (the
# text and its background become one colour), logical offsets and margins and shorthands pushed far away
# (inset-inline-start, margin:0 0 0 -9999px, calc(-9999px)), a line height of zero in a box that clips.
_DRAWN_AWAY = re.compile(
    r"(?<![\w-])scale\s*:\s*(?:[\d.]+%?\s+){0,2}0*\.?0*%?\s*(?:[;!}]|$)"
    r"|scale[xyz3d]*\([^)]{0,60}?,\s*[0.]+\s*[,)]"
    r"|(?<![\w-])translate\s*:[^;}]{0,100}?\d{4,}(?:\.\d*)?\s*(?:px)?(?![\d.])"
    r"|rotate(?:[xy]\(|\s*:\s*[xy]\s+)\s*(?:[+-]?(?:90|270)(?:\.0*)?deg|[+-]?0*\.250*turn|[+-]?0*\.750*turn|[+-]?(?:100|300)grad)"
    r"|(?<![\w-])zoom\s*:\s*(?:0*\.0*[1-4]\d*|0*\.0+[1-9]\d*|[1-4]?\d(?:\.\d*)?\s*%)\s*(?:[;!}]|$)"
    r"|mix-blend-mode\s*:\s*(?:screen|lighten|color-dodge|plus-lighter)"
    r"|filter\s*:[^;}]{0,200}?blur\(\s*(?:[3-9]|\d{2,})(?:\.\d*)?\s*px|filter\s*:[^;}]{0,200}?blur\(\s*(?:0*\.[2-9]|[1-9])\d*(?:\.\d*)?\s*r?em"
    r"|(?:text-indent|left|top|right|bottom|inset[\w-]*|margin[\w-]*)\s*:[^;}]{0,100}?-\s*"
    r"(?:\d{4,}|\d{3,}(?:\.\d*)?\s*(?:em|rem|ch|ex|vw|in|cm))"
    # round fourteen's: pushed a screen's width to the right (a reader does not scroll sideways to find a line), and
    # a mask (what shows is only where its picture or gradient is opaque: official text is never masked)
    r"|(?<![\w-])(?:text-indent|left|(?:margin|padding)-left|(?:inset|margin|padding)-inline-start)\s*:\s*\+?"
    r"(?:\d{4,}(?:\.\d*)?\s*(?:px)?|\d{3,}(?:\.\d*)?\s*(?:em|rem|ch|ex|vw|in|cm))\s*(?:[;!}]|$)"
    r"|(?<![\w-])(?:-webkit-)?mask(?:-image|-box-image)?\s*:\s*(?!none\s*(?:[;!}]|$)|initial|unset|inherit)"
    # round twenty-eight's: a scale whose first (x) value is zero (`scale:0 1`: flattened to a line), and a box fixed
    # to the window and moved above or left of it by hundreds of pixels (it never scrolls into view)
    r"|(?<![\w-])scale\s*:\s*[0.]+%?\s+[\d.]"
    r"|position\s*:\s*fixed\b[^}]{0,200}?(?<![\w-])(?:top|left)\s*:\s*-\s*\d{3,}"
    r"|(?<![\w-])(?:top|left)\s*:\s*-\s*\d{3,}[^}]{0,200}?position\s*:\s*fixed\b", re.I)
# A value taken from elsewhere at run time, other than a variable: an attribute's (`display:attr(data-d type(<custom-ident>))`,
# any property but content in newer browsers) or a condition (`display:if(media(width > 0): none)`): unknown, taken as hiding.
_VALUE_FROM_ELSEWHERE = re.compile(r"(?:^|[;{])\s*(?!content\s*:)[\w-]+\s*:[^;{}]{0,300}?(?<![\w-])(?:attr|if)\(", re.I)
_MATRIX = re.compile(r"matrix\(\s*([-+\d.e]+)\s*,\s*([-+\d.e]+)\s*,\s*([-+\d.e]+)\s*,\s*([-+\d.e]+)", re.I)
# A size or an opacity worked out by calc(), min(), max() or clamp(): hidden when any number in it would hide the
# text by itself, or when it subtracts (calc(1em - 1em)): the import does not work out CSS arithmetic.
_COMPUTED = re.compile(r"(?<![\w-])(font-size|opacity|zoom|scale|letter-spacing)\s*:\s*([^;}]{0,200}?(?:calc|min|max|clamp)\([^;}]{0,300})", re.I)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?[a-z%]*", re.I)
# A style's escapes (`d\69splay`, `\6e one`) are read as a browser reads them (text.markup.css_unescaped)
# before the rules above are matched.
# In quirks mode a length may be written without its unit, read as pixels (the quirks spec's unitless
# length quirk): `font-size:1` is a one-pixel font there (in standards mode the rule is void).
_QUIRKS_HIDDEN_STYLE = re.compile(r"font-size\s*:\s*(?:[0-7](?:\.\d*)?|\.\d+)\s*(?:[;!}]|$)", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_STYLE_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HIDING_RULES_MAX = 50   # selectors of such rules; a CMS page has a handful
# Classes the front-end frameworks CMS templates use define as hidden (Bootstrap's hidden, hide, d-none, invisible,
# sr-only, visually-hidden; Layui's layui-hide; Bulma's is-hidden; UIkit's uk-hidden; Amaze UI's am-hide; WordPress's
# screen-reader-text; Drupal's element-invisible): the framework's sheet is linked from another host or not saved with
# the page, so no rule the import reads says so, yet the old site's readers never saw the text. Hidden, whatever
# sheet is saved (an over-drop is in the import report). Responsive and interactive ones (hidden-xs, collapse) are not.
FRAMEWORK_HIDDEN = frozenset({"hidden", "hide", "d-none", "invisible", "sr-only", "visually-hidden", "layui-hide",
                              "is-hidden", "uk-hidden", "am-hide", "screen-reader-text", "element-invisible"})
ATTACHMENT_EXTENSIONS = frozenset("pdf doc docx xls xlsx wps et ofd zip rar 7z txt csv ppt pptx".split())
TITLE_META = ("ArticleTitle", "title", "Title")
DATE_META = ("PubDate", "pubdate", "publishdate", "firstpublishedtime")
PUBLISHER_META = ("ContentSource", "source")
_TITLE_PARTS = re.compile(r"\s[-|｜—]+\s|[_｜|]+|\s*——\s*")
_BLANK_LINES = re.compile(r"\n{3,}")


def read_html(page: Page, text: str, max_depth: int | None = None) -> Page:
    """The page read; `TooDeep` when its elements nest deeper than `max_depth`."""
    page.origin = _saved_from(text)
    quirks = _quirks(text)
    soup = BrowserClosingSoup(text, "html.parser", quirks=quirks, max_depth=max_depth)
    # Comments, and what a browser reads as one (<![CDATA[…]]> in HTML, <?…>, <!…>): never shown.
    for comment in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        comment.extract()
    stated = openness.statements(soup)   # 公开属性 however laid out, read before the blocks are taken out
    base = _document_base(soup)   # read before any element is dropped: a <base> in the body counts too
    # The page's visible metadata first: a <meta> (often naming the drafting office) only fills gaps.
    if refusal := _read_metadata_blocks(page, soup, quirks):
        page.flags.append(_flag(refusal))
        return page
    page.title = page.fields.pop("title", None)
    _read_meta_tags(page, soup)
    for line, wording in stated:   # a statement that is not 主动公开 withholds the page (Page.take)
        page.take("disclosure", wording, line)
    titles = _TITLE_PARTS.split(soup.title.get_text()) if soup.title else []
    for wording in openness.title_notes([*titles, page.title or "", *(h.get_text(" ", strip=True) for h in soup.find_all("h1"))]):
        page.take("disclosure", wording)
    body = find_body(soup)
    if body is None:
        page.flags.append(_flag("找不到正文（页面中没有文字段落），未导入；请检查这是否是文件详情页"))
        return page
    found, refusal = _what_is_hidden(page, soup, body, quirks)
    if refusal:
        page.flags.append(_flag(refusal))
        return page
    hidden_by_rules, (painted_over, boxed), variables, sheets = found
    for wording in openness.generated_statements(sheets, soup):   # text the style writes in: never 主动公开 alone
        page.take("disclosure", wording)
    for wording in openness.left_out_notes(body):   # a 附注 in a control, SVG, a caption …: read before they go
        page.take("disclosure", wording)
    page.unread += _shown_by_other_means(body)
    _drop_hostile(page, body, hidden_by_rules, quirks, variables)
    _drop_boxed(page, body, boxed)
    _drop_painted_over(page, body, painted_over)
    page.title = page.title or _title_from_page(soup)
    _collect_files(page, soup, body, base)
    blocks = flatten(soup, body).root
    _drop_repeated_header(page, blocks)
    _drop_furniture(page, blocks)
    _date_from_signature(page, blocks)
    _mark_headings(blocks)
    page.shape = source_shape(blocks)
    _mark_alignment(blocks)
    page.body = _to_markdown(blocks)
    return page


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)


def _saved_from(text: str) -> str | None:
    """The address a browser notes when it saves a page (`<!-- saved from url=(0042)https://… -->`)."""
    match = _SAVED_FROM.search(text[:4096])
    return match.group(1) if match else None


def _flag(message: str, line: int = 1) -> Flag:
    return Flag(line, message)


def _line(tag: Tag) -> int:
    return getattr(tag, "sourceline", None) or 1


def _read_meta_tags(page: Page, soup: BeautifulSoup) -> None:
    metas: dict[str, Tag] = {}
    for tag in (soup.head or soup).find_all("meta", attrs={"name": True}):   # one pass: the first of each name
        metas.setdefault(tag["name"], tag)
    for names, key in ((TITLE_META, "title"), (DATE_META, "published"), (PUBLISHER_META, "publisher")):
        for name in names:
            tag = metas.get(name)
            if tag and tag.get("content", "").strip():
                if key == "title":
                    page.title = page.title or tag["content"].strip()
                else:
                    page.take(key, tag["content"], _line(tag))
                break
    # Whether it is public, stated in a <meta name="公开属性"> too: like any statement of it, read
    # (a withholding one wins over a page's 主动公开 elsewhere, page.take).
    for name, tag in metas.items():
        if metadata.label_key(name) == "disclosure" and tag.get("content", "").strip():
            page.take("disclosure", tag["content"], _line(tag))


def _read_metadata_blocks(page: Page, soup: BeautifulSoup, quirks: bool) -> str | None:
    """Tables of label/value cells, and blocks of `索引号：…` lines, read as a reader sees them (what the page
    hides in them left out, as in the body: a hidden note in the 标题 cell is no part of the title); removed
    from the page afterwards. Why the page cannot be imported, when what they hide cannot be known."""
    for block in _metadata_blocks(soup):
        found, refusal = _what_is_hidden(page, soup, block, quirks)
        if refusal:
            return refusal
        hidden_by_rules, (painted_over, boxed), variables, _ = found
        _drop_hidden(page, block, hidden_by_rules, quirks, variables)
        _drop_boxed(page, block, boxed)
        _drop_painted_over(page, block, painted_over)
        for cells in _rows(block):
            _read_cells(page, cells)
        page.dropped.append((_line(block), f"元数据区（<{block.name}>，已读入文件头）"))
        block.decompose()
    return None


def _what_is_hidden(page: Page, soup: BeautifulSoup, container: Tag, quirks: bool) -> tuple[tuple | None, str | None]:
    """What the page's styles hide in `container` (the body, a metadata block): (the ids of the elements its sheets'
    rules hide, the elements painted in their background's colour or hidden by several styles together, the CSS
    variables' values), or why that cannot be known."""
    sheets = [sheet.get_text() for sheet in soup.find_all("style")]
    variables: dict[str, list[str]] = {}   # every value the page gives each CSS variable (importer/variables.py)
    linked, refusal = _linked_hiding_selectors(page, soup, container, quirks, sheets, variables)
    if refusal:
        return None, refusal
    hiding = _hiding_selectors(soup, quirks, variables) + linked
    if len(hiding) > HIDING_RULES_MAX:
        return None, (f"网页自带的样式中有 {len(hiding)} 条隐藏内容的规则，超过 {HIDING_RULES_MAX} 条，"
                      "无法在合理时间内判断哪些文字读者看不到，未导入；请另存为只含正文的网页后再导入")
    by_sheets = _hidden_by_style_sheets(container, hiding)   # before <style> goes with the hostile tags
    # unless a more specific rule shows it as saved (importer/shown.py: Bootstrap's .tab-pane.active)
    shown = shown_by_rules(by_sheets, sheets, hiding, _selector_reader(container, quirks), lambda block: _hides(block, quirks, variables))
    hidden_by_rules = {id(tag) for tag in by_sheets if id(tag) not in shown}
    framework = set(map(id, _framework_hidden(soup, container, quirks)))
    hidden_by_rules |= framework
    try:
        # a box the page does not draw (display:none, hidden …: a search or share layer a script opens) covers nothing
        painted_over = colour_hidden(soup, sheets, _selector_reader(container, quirks), quirks,
                                     lambda tag: tag.has_attr("hidden") or id(tag) in framework, _saved_scripts(page, soup))
    except TooManyRules as limit:
        return None, (f"网页自带的样式中设置文字或背景颜色的规则过多（超过 {limit.args[0]} 条，或与页面元素逐一比对超过"
                      f"{MATCHES_MAX} 次），无法在合理时间内判断哪些文字与背景同色（读者看不到），未导入；"
                      "请另存为只含正文的网页后再导入")
    return (hidden_by_rules, painted_over, variables, sheets), None


_BLOCKS = ["table", "div", "ul", "dl", "p", "section", "header"]
VALUE_MAX = 60         # characters of a metadata value (a title is the longest)
METADATA_SHARE = 0.6   # of a block's text in label/value statements: less is a block that holds more (a body)


def _metadata_blocks(soup: BeautifulSoup) -> list[Tag]:
    """The outermost short elements holding two or more `label：value` statements and little else."""
    counts = _label_counts(soup)
    chosen: list[Tag] = []
    taken: set[int] = set()
    for tag in soup.find_all(_BLOCKS):   # outer before inner
        if counts.get(id(tag), 0) < 2 or any(id(parent) in taken for parent in tag.parents):
            continue
        if _metadata_share(tag) >= METADATA_SHARE and not _lists_other_documents(tag):
            chosen.append(tag)
            taken.add(id(tag))
    return chosen


def _lists_other_documents(block: Tag) -> bool:
    """Whether `block` is a list of other documents (相关文件, 相关解读, 上一篇): a row that begins with a link, its
    statements after it (`<li><a href>关于……的通知</a> 发布日期：2019-01-01 有效性：失效</li>`) states the linked
    document's date and validity, not the page's. Read as the page's, a 政策解读 listing the policy it explains
    (or a sidebar of older notices) gave the page another's 发布日期 and 有效性. The link may follow the row's
    mark (`·`, `1.`, `[2024-05-25]`, an icon): round 29a's rows so written gave the page their dates again. A link
    naming an organisation leads the page's own row (`<a href="/">某县卫生健康局</a> 发布日期：…`: the 发布机构 a
    template links to its home page), as no document's title does: read as a list, the page lost its own date (E101)."""
    for row in block.find_all(["li", "tr", "p", "dd"]) or [block]:
        link = row.find("a", href=True)
        lead = link.get_text(strip=True) if link else ""
        if lead and not metadata.label_key(lead) and not layout.names_a_body(lead) \
                and _leads_row(row.get_text(strip=True), lead) \
                and metadata.inline_pairs(row.get_text(" ", strip=True)):
            return True
    return False


_ROW_MARK_MAX = 12   # characters before a listed document's link: a bullet, a number, a date in brackets


def _leads_row(text: str, lead: str) -> bool:
    """Whether a row's link `lead` opens it: nothing before it but a row's mark (no label, no `label：value`)."""
    mark = text[:max(text.find(lead), 0)] if lead in text else None
    return mark is not None and len(mark) <= _ROW_MARK_MAX and not re.search(r"[:：]", mark) \
        and not metadata.label_key(mark)


BLOCK_TEXT_MAX = 800   # characters: a metadata block is short
_LABEL_CELLS = frozenset({"td", "th", "span", "dt", "label", "b", "strong", "div"})
_LABEL_MAX = 16        # characters of a label cell (索 引 号：)


def _label_counts(soup: BeautifulSoup) -> dict[int, int]:
    """id(block) → how many `label：value` statements it holds, for the short blocks, in one pass
    from the leaves up (a page nested hundreds deep is not read again at every level)."""
    tags = soup.find_all(True)
    size = dict.fromkeys(map(id, tags), 0)
    colons = dict.fromkeys(map(id, tags), 0)
    for text in soup.find_all(string=True):
        if id(text.parent) in size:
            size[id(text.parent)] += len(text.strip())
            colons[id(text.parent)] += text.count(":") + text.count("：")
    cells = dict.fromkeys(map(id, tags), 0)
    for tag in reversed(tags):   # children before their parents
        if not cells[id(tag)] and tag.name in _LABEL_CELLS and size[id(tag)] <= _LABEL_MAX and metadata.label_key(tag.get_text()):
            cells[id(tag)] += 1
        if id(tag.parent) in size:
            for table in (size, colons, cells):
                table[id(tag.parent)] += table[id(tag)]
    counts = {}
    for tag in tags:
        if tag.name in _BLOCKS and size[id(tag)] <= BLOCK_TEXT_MAX and (cells[id(tag)] >= 2 or colons[id(tag)] >= 2):
            counts[id(tag)] = max(cells[id(tag)], len(metadata.inline_pairs(tag.get_text(" ", strip=True))))
    return counts


def _metadata_share(block: Tag) -> float:
    total = len(re.sub(r"\s+", "", block.get_text()))
    covered = 0
    for cells in _rows(block):
        for index, cell in enumerate(cells):
            if metadata.label_key(cell):
                covered += len(re.sub(r"\s+", "", cell + (cells[index + 1] if index + 1 < len(cells) else "")))
            else:   # `label：value` statements; a value runs on to the line's end, so only its start counts
                covered += sum(len(key) + min(len(re.sub(r"\s+", "", value)), VALUE_MAX)
                               for key, value in metadata.inline_pairs(cell))
    return covered / total if total else 0.0


def _rows(block: Tag) -> list[list[str]]:
    """The texts of a block, row by row (table rows, list items, or the block's lines)."""
    rows = block.find_all(["tr", "li", "dd", "p"]) or [block]
    if block.name == "dl":
        return [[t.get_text(" ", strip=True) for t in block.find_all(["dt", "dd"])]]
    if rows == [block] and not re.search("[:：]", block.get_text()):
        return [_grid_cells(block)]
    return _under_their_labels([[c.get_text(" ", strip=True) for c in row.find_all(["td", "th"], recursive=False)]
                                or [row.get_text(" ", strip=True)] for row in rows])


def _grid_cells(block: Tag) -> list[str]:
    """A grid of elements without colons (`<div class="l">索 引 号</div><div class="r">…</div>` …, as
    集约化 platforms lay out their 信息公开 header): each element's own text a cell, so that a label is read with the
    value beside it. Read as one line, no label was found (they are read by their colons), and the header went into
    the body as paragraphs of the official text while the page lost its 索引号, 发布日期 and 有效性."""
    return [text.strip() for text in block.find_all(string=True) if text.strip()]


def _under_their_labels(rows: list[list[str]]) -> list[list[str]]:
    """A table whose row of labels (索引号 | 发布日期 | 有效性) stands above a row of their values: each value read with
    the label of its column, not with the next label of the row (索引号 ← 发布日期, 有效性 ← 公开属性)."""
    paired, index = [], 0
    while index < len(rows):
        labels, values = rows[index], rows[index + 1] if index + 1 < len(rows) else []
        if len(labels) >= 2 and len(values) == len(labels) and all(map(metadata.known_label, labels)) \
                and not any(map(metadata.known_label, values)):   # a value may name 公开 (主动公开): no label
            paired.append([cell for pair in zip(labels, values) for cell in pair])
            index += 2
            continue
        paired.append(labels)
        index += 1
    return paired


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


def _hides(style: str, quirks: bool, variables: dict[str, list[str]]) -> bool:
    """Whether a style (an attribute's, or a rule's declarations) hides its element's text, with every value the
    page gives the custom properties it uses (importer/variables.py): too many combinations count as hiding."""
    style = css_unescaped(_CSS_COMMENT.sub("", style))
    read = readings(style, variables)
    return read is None or any(_hides_as_written(reading, quirks) for reading in read)


# A font size is judged where the text is, by the cascade of importer/colours.py (a child may set it back: CMS rows
# of font-size:0 against the gaps between inline-block columns, .col{font-size:14px}), not on the element declaring it.
_FONT_SIZE = re.compile(r"(?<![\w-])font-size\s*:[^;}]*", re.I)


def _hides_as_written(style: str, quirks: bool) -> bool:
    return _hides_apart_from_size(_FONT_SIZE.sub("", style), quirks) or _computed_hides(style)


def _hides_apart_from_size(style: str, quirks: bool) -> bool:
    return bool(_HIDDEN_STYLE.search(style) or _FAINT_STYLE.search(style) or NO_ROOM.search(style) and CLIPPED.search(style)
                or quirks and _QUIRKS_HIDDEN_STYLE.search(style) or _DRAWN_AWAY.search(style) or _VALUE_FROM_ELSEWHERE.search(style)
                or FILTERED_FLAT.search(style) and OWN_BACKGROUND.search(style) or _flattened(style))


def _flattened(style: str) -> bool:
    """A 2D matrix() whose determinant is (about) zero draws the text as a line or a point."""
    for match in _MATRIX.finditer(style):
        try:
            a, b, c, d = (float(value) for value in match.groups())
        except ValueError:
            continue
        if abs(a * d - b * c) < 0.01:
            return True
    return False


def _computed_hides(style: str) -> bool:
    """A size or opacity worked out by calc(), min(), max() or clamp(): worked out here (`_css_arithmetic`) and read
    as its result; one that cannot be (a unit of the page's layout, an unknown function) hides when it may come to
    less than its numbers — it subtracts, multiplies, divides or takes a minimum — and one of them hides by itself."""
    for match in _COMPUTED.finditer(style):
        name, value = match.groups()
        value = re.split(r"\s*(?:!|$)", value.strip(), maxsplit=1)[0]
        worked_out = _css_arithmetic(value, name.lower() in ("font-size", "letter-spacing"), name.lower() != "letter-spacing")
        if worked_out is not None:
            if _hides_apart_from_size(f"{name}:{worked_out};", False):
                return True
        elif re.search(r"\s-\s|\*|/|(?<![\w-])(?:min|clamp)\(", value, re.I) and any(
                _hides_apart_from_size(f"{name}:{number};", False) for number in _NUMBER.findall(value)):
            return True
    return False


_CSS_NUMBER = re.compile(r"((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)", re.I)
# Lengths in pixels as the rules above take them: 16 px a browser starts from, a 1920 × 1080 screen.
_PIXELS = {"px": 1, "em": 16, "rem": 16, "%": 0.16, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4,
           "q": 96 / 101.6, "ex": 8, "ch": 8, "vw": 19.2, "vh": 10.8, "vmin": 10.8, "vmax": 19.2}


def _css_arithmetic(value: str, length: bool, at_least_zero: bool = True) -> str | None:
    """calc()/min()/max()/clamp() worked out: a `length` in pixels ("<n>px"), else a number (a percentage a
    hundredth), clamped at zero as a browser clamps a size (`at_least_zero`; a letter spacing may be negative);
    None for anything else (a unit of the layout, a variable left, another function)."""
    import ast
    if len(value) > 200 or not re.fullmatch(r"[\w\s.+\-*/(),%]*", value):
        return None
    scale = _PIXELS if length else {"": 1, "%": 0.01}
    units = {unit.lower() for _, unit in _CSS_NUMBER.findall(value)}
    if not units <= set(scale) | {""}:
        return None
    expression = _CSS_NUMBER.sub(lambda m: f"({m.group(1)}*{scale.get(m.group(2).lower(), 1)})", value)
    expression = re.sub(r"(?<![\w-])calc\(", "(", expression, flags=re.I)

    def evaluate(node) -> float:
        if isinstance(node, ast.Expression):
            return evaluate(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            return evaluate(node.operand) * (-1 if isinstance(node.op, ast.USub) else 1)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            left, right = evaluate(node.left), evaluate(node.right)
            return {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right,
                    ast.Div: left / right if right else float("inf")}[type(node.op)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args and not node.keywords:
            values = [evaluate(argument) for argument in node.args]
            if node.func.id.lower() == "min":
                return min(values)
            if node.func.id.lower() == "max":
                return max(values)
            if node.func.id.lower() == "clamp" and len(values) == 3:
                return max(values[0], min(values[1], values[2]))
        raise ValueError(node)
    try:
        result = evaluate(ast.parse(expression, mode="eval"))
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None
    result = max(result, 0.0) if at_least_zero else result
    return f"{result:.6f}".rstrip("0").rstrip(".") + ("px" if length else "")


def _hiding_selectors(soup: BeautifulSoup, quirks: bool, variables: dict[str, list[str]]) -> list[str]:
    """The selectors of the rules of the page's own <style> elements that hide what they select."""
    return [_quirks_selector(selector) if quirks else selector
            for sheet in soup.find_all("style") for selector in _sheet_hiding_selectors(sheet.get_text(), quirks, variables)]


def _sheet_hiding_selectors(sheet: str, quirks: bool, variables: dict[str, list[str]]) -> list[str]:
    return [selector.strip() for selectors, declarations in _STYLE_RULE.findall(_CSS_COMMENT.sub("", sheet))
            if _hides(declarations, quirks, variables) for selector in selectors.split(",") if selector.strip()]


STYLESHEETS_MAX = 20                 # linked stylesheets read; a saved CMS page links a few
STYLESHEET_BYTES_MAX = 2 * 2**20     # each; a whole framework's CSS is a few hundred KB
_ESCAPED = r"\\(?:[0-9a-fA-F]{1,6}[ \t\n\r\f]?|[^\n\r\f0-9a-fA-F])"
_SIMPLE_NAMES = re.compile(rf"[.#]((?:-?[A-Za-z_\u0080-\uffff]|-?{_ESCAPED})(?:[\w\-\u0080-\uffff]|{_ESCAPED})*)")


def _linked_hiding_selectors(page: Page, soup: BeautifulSoup, body: Tag, quirks: bool,
                             read_sheets: list[str], variables: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """The hiding selectors of the stylesheets the page links (<link rel="stylesheet">) that were saved with it
    — inside the imported folder, regular files (`local_file`), never another site's — read with the same rule
    reader as <style>; or why the page cannot be imported (too many or too large sheets: what they hide is
    unknown). A linked sheet is the old site's whole style: only its selectors that can select something here
    count (one naming a class or id the page does not have selects nothing; one with `:`, `[` or `\\` is kept)."""
    sheets = [link["href"] for link in soup.find_all("link", href=True)
              if "stylesheet" in [word.lower() for word in (link.get("rel") or [])]]
    sheets += [url for style in soup.find_all("style") for url in _imported(style.get_text(), "")]
    names = {_case(name, quirks) for tag in body.find_all(True) for name in [*(tag.get("class") or []), tag.get("id") or ""]}
    linked: list[tuple[str, str]] = []
    read = 0
    while sheets:
        href = sheets.pop(0)
        read += 1
        if read > STYLESHEETS_MAX:
            return [], (f"网页链接（或用 @import 引入）的样式表超过 {STYLESHEETS_MAX} 个，无法判断哪些文字读者看不到，未导入；"
                        "请另存为只含正文的网页后再导入")
        file, _ = local_file(page, href)
        if file is None:
            continue   # another site's, absent, or outside the folder: not the saved page's, and never read
        if file.stat().st_size > STYLESHEET_BYTES_MAX:
            return [], (f"网页链接的样式表 {href} 超过 {STYLESHEET_BYTES_MAX // 2**20} MB，无法判断哪些文字读者看不到，"
                        "未导入；请另存为只含正文的网页后再导入")
        sheet = decode(file.read_bytes())[0]
        read_sheets.append(sheet)   # its colours too (`colour_hidden`)
        linked.append((href, sheet))
        sheets += _imported(sheet, href)
    try:   # every sheet read first: a variable one sheet uses may be given its value in another
        variables.update(page_variables([css_unescaped(_CSS_COMMENT.sub("", style)) for style in read_sheets]
                                        + [css_unescaped(_CSS_COMMENT.sub("", tag["style"])) for tag in soup.find_all(style=True)]))
    except TooManyVariables as limit:
        return [], (f"网页样式中的 CSS 变量（--名称）超过 {limit.args[0]} 个，无法判断哪些文字读者看不到，未导入；"
                    "请另存为只含正文的网页后再导入")
    selectors = [_quirks_selector(selector) if quirks else selector
                 for _, sheet in linked for selector in _sheet_hiding_selectors(sheet, quirks, variables)
                 if any(mark in selector for mark in ":[\\")
                 or {_case(name, quirks) for name in _SIMPLE_NAMES.findall(selector)} <= names]
    return selectors, None


SCRIPTS_MAX = 20   # script files read for the boxes they name; a saved CMS page loads a few (jQuery, the site's own)


def _saved_scripts(page: Page, soup: BeautifulSoup) -> str:
    """The texts of the scripts the page loads (<script src>) that were saved with it — inside the imported folder,
    regular files (`local_file`), never another site's — for the boxes they name (a loading screen the site's
    common.js removes by its id): read as text, never run. The first SCRIPTS_MAX, each up to STYLESHEET_BYTES_MAX."""
    texts = []
    for script in soup.find_all("script", src=True)[:SCRIPTS_MAX]:
        file, _ = local_file(page, script["src"])
        if file is not None and file.stat().st_size <= STYLESHEET_BYTES_MAX:
            texts.append(decode(file.read_bytes())[0])
    return "\n".join(texts)


# A sheet's @import of another (url(…) or a string), followed as a browser does: relative to the sheet.
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


def _imported(sheet: str, href: str) -> list[str]:
    return [posixpath.join(posixpath.dirname(href), url) if href and not re.match(r"[a-z][a-z0-9+.-]*:|/", url, re.I) else url
            for url in _IMPORT.findall(_CSS_COMMENT.sub("", sheet))]


def _quirks(text: str) -> bool:
    """Whether a browser shows the page in quirks mode (class and id names match in any case, lengths may lack
    their unit): no doctype, or one of the legacy doctypes the HTML standard lists (an HTML 4.01 Transitional
    one without its system identifier …). Decided by html5lib, which implements the standard's rules, on the
    page's first token: the comments and blanks before it are skipped here in one linear scan (html5lib builds
    a comment's text piece by piece, in time quadratic in its length: a 4 MB comment of dashes before the
    doctype took 90 s), and html5lib is given at most `DOCTYPE_MAX` characters after them; a page undecided
    by then (a doctype longer than any real one) is read in quirks mode, where more rules hide."""
    import html5lib
    start = _BEFORE_DOCTYPE.match(text).end()
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    stream = _UntilDecided(text[start:start + DOCTYPE_MAX], parser)
    parser.parse(stream)
    return parser.compatMode == "quirks" or parser.phase is parser.phases["initial"] and stream.at >= DOCTYPE_MAX


# What a browser passes over before the doctype (HTML's own blanks only: an ideographic space is text, and
# text first is quirks mode): comments (`<!-->` and `<!--->` are whole ones; `--!>` ends one; one left open
# runs to the end), and what it reads as a comment (`<?xml …?>`, `<!…>` other than a doctype).
_BEFORE_DOCTYPE = re.compile(r"(?:[ \t\n\f\r]+|<!--(?:-?>|.*?--!?>|.*)|<\?[^>]*>?|<!(?!--|doctype)[^>]*>?)*", re.S | re.I)
DOCTYPE_MAX = 4096   # characters of the doctype (a real one is under 200)


class _UntilDecided:
    """The page as a stream that ends once the parser has decided the page's mode."""

    def __init__(self, text: str, parser) -> None:
        self.text, self.parser, self.at = text, parser, 0

    def read(self, size: int = -1) -> str:
        if size == 0 or self.at and self.parser.phase is not self.parser.phases["initial"]:
            return ""
        piece = self.text[self.at:self.at + 256]
        self.at += len(piece)
        return piece


def _case(name: str, quirks: bool) -> str:
    return name.lower() if quirks else name


def _quirks_selector(selector: str) -> str:
    """`.Note` and `#Top` as quirks mode reads them: [class~="Note" i], [id="Top" i] (soupsieve knows the i flag);
    a selector with a quoted value as written (a dot inside the quotes is not a class)."""
    if '"' in selector or "'" in selector:
        return selector
    return _SIMPLE_NAMES.sub(lambda m: f'[{"class~" if m.group().startswith(".") else "id"}="{_quoted(m.group(1))}" i]', selector)


def _quoted(name: str) -> str:
    """A class or id name as written in a selector (escapes read), as the inside of a CSS string."""
    return css_unescaped(name).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")


def _hidden_by_style_sheets(body: Tag, selectors: list[str]) -> list[Tag]:
    """The elements of `body` these selectors select, in one walk (soupsieve, which BeautifulSoup's `select`
    uses; a selector it cannot read selects nothing). Time is the body's size times `HIDING_RULES_MAX`."""
    import soupsieve
    readable = []
    for selector in selectors:
        try:
            soupsieve.compile(selector)
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            continue
        readable.append(selector)
    return soupsieve.compile(", ".join(readable)).select(body) if readable else []


def _drop_hostile(page: Page, body: Tag, hidden_by_rules: set[int], quirks: bool, variables: dict[str, list[str]]) -> None:
    """Scripts, frames, forms and handlers never reach the Markdown; each removal is reported."""
    for tag in body.find_all(HOSTILE_TAGS):
        if tag.decomposed:
            continue   # inside one already removed (an <input> of a <form>)
        page.dropped.append((_line(tag), f"不安全或无用的 <{tag.name}> 元素"))
        tag.decompose()
    _drop_hidden(page, body, hidden_by_rules, quirks, variables)
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


_FRAMES = ("iframe", "frame", "object", "embed")
_WRITING = re.compile(r"document\.write|\.innerHTML\s*\+?=|insertAdjacentHTML|\.outerHTML\s*=")
# What a script writes that a reader reads: a link (the 附件 list), or a sentence; not a counter's 访问量 or a button's 分享到.
_SHOWN_TEXT = re.compile(r"<a\b[^>]*\bhref|[\u4e00-\u9fff，。；：]{10}", re.I)
_NO_SIZE = re.compile(r"^\s*0*(?:px)?\s*$")   # a frame 0 wide or high (a visit counter's) shows nothing


def _shown_by_other_means(body: Tag) -> list[str]:
    """What the body shows that no import can carry: a page or file shown in a frame (<iframe src="zw.html">: the
    article itself, on some platforms), text a script writes into the page (TRS templates write the 附件 list with
    document.write). The elements go (they run or load); their readers saw what they show, so the page is no 通过检查:
    a W800 decision names each."""
    found = []
    for frame in body.find_all(_FRAMES):
        address = (frame.get("src") or frame.get("data") or "").strip()
        drawn = not any(_NO_SIZE.match(frame.get(side) or "-") for side in ("width", "height"))
        if address and not address.lower().startswith("about:") and drawn:
            found.append(f"第 {_line(frame)} 行的 <{frame.name}> 显示的网页或文件（{address[:60]}）没有导入，请对照原页面补上")
    for script in body.find_all("script"):
        code = script.get_text()
        if _WRITING.search(code) and _SHOWN_TEXT.search(code):
            found.append(f"第 {_line(script)} 行的脚本在页面上写出的文字（如附件列表）没有导入，请对照原页面补上")
    return found


def _drop_hidden(page: Page, container: Tag, hidden_by_rules: set[int], quirks: bool, variables: dict[str, list[str]]) -> None:
    """What a browser does not draw in `container`, and what the page hides (its attribute, its style, a rule
    of its sheets: `hidden_by_rules`, ids of the elements): left out, each in the import report."""
    for tag in container.find_all(lambda t: t.name in NOT_SHOWN_TAGS or t.name == "dialog" and not t.has_attr("open")):
        if not tag.decomposed:
            page.dropped.append((_line(tag), f"浏览器不显示其中文字的 <{tag.name}> 元素"))
            tag.decompose()
    for marquee in container.find_all("marquee"):
        # a ticker: its text scrolls by (one a pixel wide shows none of it), no document's text as written
        if not marquee.decomposed:
            page.dropped.append((_line(marquee), "滚动字幕 <marquee> 中的文字（滚动显示，读者看不全，不是文件正文）"))
            marquee.decompose()
    for details in container.find_all(lambda t: t.name == "details" and not t.has_attr("open")):
        # a closed <details> shows its first <summary> only (a reader may open it; the old page showed it closed)
        summary = details.find("summary", recursive=False)
        folded = [child for child in details.contents if child is not summary]
        if not details.decomposed and any(not isinstance(child, NavigableString) or child.strip() for child in folded):
            page.dropped.append((_line(details), "原网页折叠未展开的 <details> 中的文字（只有其 <summary> 显示）"))
            for child in folded:
                child.extract()
    for col in container.find_all(["col", "colgroup"]):
        if not col.decomposed and (id(col) in hidden_by_rules or _COLLAPSED.search(css_unescaped(col.get("style") or ""))):
            _drop_column(page, col)
    for tag in container.find_all(lambda t: _not_shown(t, hidden_by_rules, quirks, variables)):
        if not tag.decomposed:
            page.dropped.append((_line(tag), f"原网页不显示的 <{tag.name}> 元素（hidden、display:none、网页样式或常用前端框架的隐藏类名）"))
            tag.decompose()


def _not_shown(tag: Tag, hidden_by_rules: set[int], quirks: bool, variables: dict[str, list[str]]) -> bool:
    """Whether the page hides this element: its hidden attribute, its style, a rule of its sheets or a framework's
    hiding class (`hidden_by_rules`, ids of the elements: `_what_is_hidden`)."""
    return tag.has_attr("hidden") or _hides(tag.get("style") or "", quirks, variables) or id(tag) in hidden_by_rules


# A tab or a collapse control (Bootstrap's data-toggle / data-bs-toggle, role="tab") and how it names its pane.
_CONTROL = re.compile(r"^(?:tab|pill|collapse)$", re.I)
_CONTROL_TARGETS = ("href", "data-target", "data-bs-target", "aria-controls")


def _framework_hidden(soup: BeautifulSoup, container: Tag, quirks: bool) -> list[Tag]:
    """The elements of `container` a framework's hiding class hides (`FRAMEWORK_HIDDEN`), but for a pane a tab or
    collapse control of the page names (政策文件 / 政策解读 tabs: the page's script removes the class on a click,
    as Bootstrap's collapse shows its pane), which a reader saw by clicking the control."""
    framework = {_case(name, quirks) for name in FRAMEWORK_HIDDEN}
    hidden = container.find_all(lambda t: not framework.isdisjoint(_case(name, quirks) for name in t.get("class") or ()))
    if not hidden:
        return []
    hiding = {id(tag) for tag in hidden}

    def control(tag: Tag) -> bool:   # one a reader sees: a label, not hidden itself
        return bool(_CONTROL.match(tag.get("data-toggle") or tag.get("data-bs-toggle") or "") or (tag.get("role") or "").lower() == "tab") \
            and id(tag) not in hiding and not tag.has_attr("hidden") and bool(tag.get_text(strip=True))
    named = {value.strip().lstrip("#") for tag in soup.find_all(control) for value in map(tag.get, _CONTROL_TARGETS)
             if isinstance(value, str)}
    return [tag for tag in hidden if not tag.get("id") or tag["id"] not in named]
_COLLAPSED = re.compile(r"visibility\s*:\s*collapse", re.I)


def _span(tag: Tag, name: str) -> int:
    try:
        return min(max(int(str(tag.get(name) or "1").strip()), 1), 1000)
    except ValueError:
        return 1


def _drop_column(page: Page, col: Tag) -> None:
    """The cells of a table's column (or columns) that a `<col>` or `<colgroup>` of `visibility:collapse` takes out of
    the table: a browser does not draw them. Spans are counted; a cell spanning other columns too is kept."""
    table = col.find_parent("table")
    if table is None:
        return
    start = 0
    for item in table.find_all(["col", "colgroup"]):
        if item.find_parent("table") is not table or item.name == "colgroup" and item.find("col") is not None:
            continue
        if item is col or col in item.parents:
            break
        start += _span(item, "span")
    else:
        return
    width = sum(_span(item, "span") for item in ([col] if col.name == "col" or col.find("col") is None else col.find_all("col")))
    collapsed = range(start, start + width)
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        at = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            span = _span(cell, "colspan")
            if all(column in collapsed for column in range(at, at + span)):
                if cell.get_text(strip=True):
                    page.dropped.append((_line(cell), "原网页不显示的表格列中的文字（<col> 的 visibility:collapse）"))
                cell.decompose()
            at += span


def _selector_reader(body: Tag, quirks: bool):
    """A selector of the page's sheets as the page's mode reads it (quirks: names in any case), or None when it
    names a class or id no element of the body has (a saved site's whole sheet: most rules are other pages')."""
    names = {_case(name, quirks) for tag in body.find_all(True) for name in [*(tag.get("class") or []), tag.get("id") or ""]}

    def read(selector: str) -> str | None:
        if not any(mark in selector for mark in ":[\\") and not {_case(name, quirks) for name in _SIMPLE_NAMES.findall(selector)} <= names:
            return None
        return _quirks_selector(selector) if quirks else selector
    return read


def _drop_boxed(page: Page, container: Tag, elements: list[Tag]) -> None:
    """Elements of `container` hidden by what their class and their style attribute (or two classes) declare together,
    pushed far down in a box that clips, or under an opaque box placed over their container: left out whole, with what
    they hold."""
    for tag in elements:
        if not tag.decomposed and any(parent is container for parent in tag.parents):
            page.dropped.append((_line(tag), f"原网页不显示的 <{tag.name}> 元素（几处样式合起来隐藏：如类名的 overflow:hidden 加上 height:0；"
                                 "在裁切的框中被推到远处；或被不透明的框盖住）"))
            tag.decompose()


def _drop_painted_over(page: Page, body: Tag, elements: list[Tag]) -> None:
    """The text of each element drawn in its background's colour (or see-through) is left out, as a reader
    does not see it; an element left with no text or picture goes whole. Each is in the import report."""
    for tag in elements:
        if tag.decomposed or not any(parent is body for parent in tag.parents) and tag is not body:
            continue
        page.dropped.append((_line(tag), f"原网页不显示的 <{tag.name}> 中的文字（文字颜色与背景相同或透明，或层层缩小、淡化到看不清）"))
        for child in list(tag.children):
            if isinstance(child, NavigableString) and not isinstance(child, PreformattedString) and child.strip():
                child.extract()
        if tag is not body and not tag.get_text(strip=True) and tag.find("img") is None:
            tag.decompose()


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


def _text(tag: Tag) -> str:
    return re.sub(r"\s+", "", tag.get_text(""))


def _drop_repeated_header(page: Page, blocks: Tag) -> None:
    """The title and the 发文字号 a body often starts with, dropped only when identical to the
    front matter's (a title broken over two or three lines counts when its lines join to it);
    anything else at the start is the document's own text, and stays."""
    wanted = {value: what for value, what in ((re.sub(r"\s+", "", page.fields.get("doc_no", "")), "发文字号"),
                                             (re.sub(r"\s+", "", page.title or ""), "标题")) if value}
    run: list[Tag] = []
    for block in blocks.find_all(recursive=False):
        text = _text(block)
        if not text and block.find("img") is not None and not run:
            continue   # an icon before the title
        run.append(block)
        joined = "".join(_text(b) for b in run)
        if joined in wanted:
            for repeated in run:
                page.dropped.append((_line(repeated), f"正文开头重复的{wanted[joined]}（与文件头中的相同）"))
                repeated.decompose()
            run = []
        elif len(run) >= HEADER_LINES or not any(value.startswith(joined) for value in wanted):
            return


HEADER_LINES = 3   # a title is broken over at most this many lines


# Only what no document says: a 联系电话 line at the end of a notice is the notice's own text.
FURNITURE = re.compile(r"^(【[^】]*】\s*)+$|^(打印|收藏|关闭|打印本页|关闭窗口|关闭本页|返回顶部|分享到?)[:：]?(\s|$)|网站标识码|ICP备|公网安备"
                       r"|^(主办单位|主办|承办单位|承办|版权所有|技术支持)[:：]|^(访问量|浏览次数)[:：]|^【字体")


def _drop_furniture(page: Page, blocks: Tag) -> None:
    """Page furniture (打印本页, 网站标识码 …) left before or after the text, each listed."""
    for order in (iter, reversed):
        for block in order(blocks.find_all(recursive=False)):
            text = md.clean(block.get_text(""))
            if block.name not in ("p", "h1", "h2", "h3") or not FURNITURE.search(text):
                break
            page.dropped.append((_line(block), f"“{text[:30]}”（网页栏目文字，不是文件内容）"))
            block.decompose()


def _date_from_signature(page: Page, blocks: Tag) -> None:
    """成文日期, when the page has none, from the date line under the signature."""
    for block in blocks.find_all("p", recursive=False):
        text = md.clean(block.get_text(""))
        if DATE_ONLY.match(text) and "年" in text:
            page.take("issued", text, _line(block))
            return


def _collect_files(page: Page, soup: BeautifulSoup, body: Tag, base: str | None = None) -> None:
    """Attachment links (in the body or in an attachment block beside it) and the body's images, each address
    resolved against the page's <base> as a browser resolves it (`base`).

    Links to files saved with the page are pointed at files/<name> now, in the tree, so that the
    Markdown never needs rewriting; other sites' links stay as they are (the report asks for them).
    """
    outside = [a for block in soup.find_all(string=re.compile("附件")) for a in _links_near(block) if not _inside(a, body)]
    for anchor in list(body.find_all("a", href=True)) + outside:
        href = _resolved(page, base, anchor["href"])
        title = anchor.get_text(" ", strip=True)
        if _extension(href) in ATTACHMENT_EXTENSIONS:
            link = _local(page, anchor, "href", title or link_path(href, page.encoding).rsplit("/", 1)[-1], base)
        elif _served_by_a_program(href, title):
            anchor["href"] = href
            link = Link(href, title, served=True)
        else:
            _point_to_the_old_site(anchor, href)
            continue
        # One file once: the body's link and the page's 相关附件 block name the same file, each in its own words
        # (`1.典型案例征集表`, `1.典型案例征集表.txt`): listed twice on the page; the first title (the body's) is kept.
        if not any(known.href == link.href for known in page.attachments):
            page.attachments.append(link)
    for image in body.find_all("img", src=True):
        page.resources.append(_local(page, image, "src", image.get("alt", ""), base))


def _point_to_the_old_site(anchor: Tag, href: str) -> None:
    """A link to another page, its address resolved against the page's <base> (`href`): where that leads to a site
    (`<base href="http://www.old-county.gov.cn/art/2024/4/2/">`, `../../3/1/art_1229_5501.html`), the link is written so,
    to the page the original linked; it was kept relative, to a file the new site does not have (E500 at the build).
    A place on the page (`#注1`) stays on the page."""
    if urlsplit(href).scheme in ("http", "https") and not anchor["href"].lstrip().startswith("#"):
        anchor["href"] = href


def _document_base(soup: BeautifulSoup) -> str | None:
    """The address a browser resolves the page's relative addresses against: the first <base href> (a CMS writes one
    into the head, `<base href="../../files/">`), None without one. Its attachments were read as relative to the page,
    and another file of the same name beside the page was imported in the attachment's place (round 30a)."""
    found = soup.find("base", href=True)
    return (found["href"].strip() or None) if found is not None else None


def _resolved(page: Page, base: str | None, href: str) -> str:
    """`href` as the browser resolves it against the page's <base> (itself resolved against the saved page's own
    address): a file's path relative to the saved page (`local_file` keeps it inside the imported folder:
    `<base href="../../">` leads out of it), another site's address absolute. A backslash is a slash there, as a
    browser reads a file's or a site's address (`<base href="files\\2024\\">`, saved on Windows: the name after the last
    backslash was taken for the base's file, and a file of the attachment's name beside the page imported in its place;
    `href="files\\2024\\a.txt"` was an attachment not saved with the page)."""
    href = href.replace("\\", "/")
    if not base:
        return href
    base = base.replace("\\", "/")
    page_address = page.source.resolve().as_uri()
    address = urlsplit(urljoin(urljoin(page_address, base.strip()), href.strip()))
    if address.scheme != "file":
        return address.geturl()
    relative = posixpath.relpath(address.path, posixpath.dirname(urlsplit(page_address).path))
    return relative + (f"?{address.query}" if address.query else "")


# A file a program of the old site hands out (download.jsp?id=8812): the saved page holds only the program's address,
# no file. The link was kept as it was, to a page the site does not have; named now as an attachment not carried.
_PROGRAM_PAGES = frozenset("jsp asp aspx php do action cgi ashx".split())
_DOWNLOAD_WORDS = re.compile(r"download|attach|getfile|fujian|下载|附件", re.I)


def _served_by_a_program(href: str, title: str) -> bool:
    """Whether link `href` with text `title` is an attachment an old site's program serves (above): a program's address
    with a query, named a download by its path or text; or any address of the site that names no file while its text
    or its query does (/fileserver/preview?id=8812 as 名单.xlsx, downfile.jsp?filename=名单.xls, /download/8812: round
    30e, links kept to a page the new site does not have, E500 at the check). A link to a page (t123.html) named as a
    file is another page's link."""
    address = urlsplit(href)
    if address.scheme not in ("", "http", "https") or not address.path and not address.query:
        return False   # javascript:, mailto:, a place on the page (#)
    program = _extension(href) in _PROGRAM_PAGES
    named = any(_extension(value) in ATTACHMENT_EXTENSIONS for _, value in parse_qsl(address.query)) or (
        _extension(title) in ATTACHMENT_EXTENSIONS and (program or not _extension(href)))
    by_a_program = program or bool(_DOWNLOAD_WORDS.search(address.path))
    return named or bool(address.query) and by_a_program and bool(_DOWNLOAD_WORDS.search(address.path + title))


def _local(page: Page, tag: Tag, attribute: str, title: str, base: str | None = None) -> Link:
    href = _resolved(page, base, tag[attribute])
    if urlsplit(href).scheme or urlsplit(href).netloc:
        tag[attribute] = href
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


def _mark_headings(blocks: Tag) -> None:
    """A paragraph that is only `一、总体要求` (often in <strong>) becomes a heading, text unchanged."""
    # Tables and lists between two paragraphs separate them, as blank text does in a dump.
    found = blocks.find_all(recursive=False)
    texts = [md.clean(b.get_text("")) if b.name == "p" else "" for b in found]
    for paragraph, text, level in zip(found, texts, md.heading_levels(texts)):
        if level and not paragraph.find(["img", "table", "a"]):
            paragraph.name = f"h{len(level)}"
            paragraph.clear()
            paragraph.append(text)


_KEPT_BY_LAYOUT = {"center": {layout.CENTRED}, "right": {layout.SIGNATURE, layout.DATE, layout.RIGHT}}
_MARK_OF = {"center": "{居中}", "right": "{居右}"}
_MARK = "data-mark"


def _kind_of(block: Tag) -> str:
    """A block's kind as the layout reads it: "p", "h" (a heading) or its tag."""
    return "p" if block.name == "p" else "h" if block.name in HEADINGS else block.name


def _mark_alignment(blocks: Tag) -> None:
    """A line the source centred or set right keeps it: the page's official layout recognises the
    usual ones (章 headings, 落款 and date); any other gets the editor's mark at its end (` {居中}`)."""
    found = blocks.find_all(recursive=False)
    kinds = [(_kind_of(b), md.clean(b.get_text("")) if b.name != "table" else "") for b in found]
    for block, role in zip(found, layout.layout_roles(kinds)):
        align = block.attrs.pop(ALIGN, None)
        if align in _MARK_OF and role not in _KEPT_BY_LAYOUT[align] and _kind_of(block) in ("p", "h") \
                and md.clean(block.get_text("")):   # a centred 一、 heading was imported at the margin
            block[_MARK] = _MARK_OF[align]   # written after the text is escaped (convert_p): the page's own {居中} is text


def _kept_as_html(tag: str):
    """A conversion that keeps an inline element whose look is part of the text, as the element `tag` (one the
    site allows): markdownify drops sup/sub/u (`m<sup>2</sup>` read “m2”, `10<sup>-6</sup>` “10-6”, a fill-in
    blank `<u>　　</u>` vanished) and writes del as `~~…~~`, which the site shows as text beside the struck words."""
    def convert(self, el, text, parent_tags):
        return text if "_noformat" in parent_tags or not text else f"<{tag}>{text}</{tag}>"
    return convert


_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)
_TYPE_STYLES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_HAN_DIGITS = "〇一二三四五六七八九"


def _drawn_marker(item: Tag) -> str | None:
    """The number a browser draws before an item of a numbered list other than 1. 2. 3. (`<ol type="a">`,
    `list-style-type: cjk-ideographic` → 一、, `none` → nothing), to be written as text: markdownify wrote
    every numbered list as 1. 2. 3., changing the document's characters. None: a list Markdown writes as it is."""
    parent = item.parent
    if parent is None or parent.name != "ol":
        return None
    styled = _LIST_STYLE.search(parent.get("style") or "")
    style = styled.group(1).lower() if styled else _TYPE_STYLES.get(str(parent.get("type") or "1"), "decimal")
    start = str(parent.get("start") or "1")
    number = (int(start) if start.isdigit() else 1) + len(item.find_previous_siblings("li"))
    if style in ("lower-alpha", "lower-latin", "upper-alpha", "upper-latin") and 0 < number <= 26:
        letter = chr(ord("a") + number - 1)
        return (letter.upper() if style.startswith("upper") else letter) + ". "
    if style in ("lower-roman", "upper-roman") and 0 < number < 4000:
        roman = "".join(_roman(number))
        return (roman.upper() if style == "upper-roman" else roman) + ". "
    if style in ("cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal") and 0 < number < 100:
        return (_han_number(number) if style != "cjk-decimal" else "".join(_HAN_DIGITS[int(d)] for d in str(number))) + "、"
    return "" if style == "none" else None


def _roman(number: int):
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        yield letters * count


def _han_number(number: int) -> str:
    tens, units = divmod(number, 10)
    return (("" if tens == 1 else _HAN_DIGITS[tens]) + "十" if tens else "") + (_HAN_DIGITS[units] if units else "")


class _Converter(MarkdownConverter):
    """markdownify with the faithful choices of this project."""

    def convert_li(self, el, text, parent_tags):
        marker = _drawn_marker(el)
        if marker is None or not (text or "").strip() or "_inline" in parent_tags:
            return super().convert_li(el, text, parent_tags)
        return "\n\n" + md.escape(marker + text.strip()) + "\n\n"   # a paragraph, its number written as the reader saw it

    convert_sup, convert_sub, convert_u, convert_ins = (_kept_as_html(tag) for tag in ("sup", "sub", "u", "ins"))
    convert_del, convert_s, convert_strike = _kept_as_html("del"), _kept_as_html("s"), _kept_as_html("s")

    def convert_table(self, el, text, parent_tags):
        if _has_merged_cells(el):
            return "\n\n" + _clean_table(el) + "\n\n"
        return _aligned_columns(el, super().convert_table(el, text, parent_tags))

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(n, el, f"{text.strip()} {el[_MARK]}" if el.get(_MARK) else text, parent_tags)

    def convert_p(self, el, text, parent_tags):
        if "_inline" in parent_tags:
            return super().convert_p(el, text, parent_tags)
        text = _escaped_keeping_tags(text.lstrip(md.SPACES))
        return super().convert_p(el, f"{text.rstrip()} {el[_MARK]}" if el.get(_MARK) else text, parent_tags)

    def convert_br(self, el, text, parent_tags):
        # A line break in a table cell stays one (a pipe table cell is one line of Markdown).
        return "<br>" if el.find_parent(["td", "th"]) is not None else super().convert_br(el, text, parent_tags)

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, _cell_text(text), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, _cell_text(text), parent_tags)

    def escape(self, text, parent_tags):
        return md.inline_escape(text or "")

    def process_text(self, el, parent_tags=None):
        """A text's line breaks as the browser shows them, one blank (outside <pre>): markdownify keeps a break of
        the saved page's source (`请于\n<strong>5月30日前</strong>\n报送材料`), and every line of the body is a
        paragraph of its own: the sentence was published as three paragraphs (a name after `联系人：\n` as a 落款)."""
        text = super().process_text(el, parent_tags)
        return text if "pre" in (parent_tags or ()) else text.replace("\n", " ")

    def convert_li(self, el, text, parent_tags):
        """An ordered list's item with the marker the page showed (`list_markers`): its number, letter or numeral."""
        marker = item_marker(el) if el.parent is not None and el.parent.name == "ol" else None
        if marker is None:
            return super().convert_li(el, text, parent_tags)
        if marker and not _DECIMAL_MARKER.fullmatch(marker):   # a.  iv.  一、: a line of its own, not a Markdown list
            gap = "" if marker.endswith("、") else " "   # 一、甲项 as CSS draws it
            return f"{marker}{gap}{md.clean(text or '')}\n"
        bullet = f"{marker} " if marker else ""
        lines = (text or "").strip().split("\n")
        return "\n".join([bullet + lines[0]] + [" " * len(bullet) + line if line else "" for line in lines[1:]]) + "\n"

    def convert_b(self, el, text, parent_tags):
        return _emphasis(el, super().convert_b(el, text, parent_tags), "strong")

    def convert_strong(self, el, text, parent_tags):
        return _emphasis(el, super().convert_strong(el, text, parent_tags), "strong")

    def convert_em(self, el, text, parent_tags):
        return _emphasis(el, super().convert_em(el, text, parent_tags), "em")

    def convert_i(self, el, text, parent_tags):
        return _emphasis(el, super().convert_i(el, text, parent_tags), "em")


# The inline tags the conversion itself writes (`_emphasis`, sup and sub): a `<` of the page's text is `&lt;` already.
_WRITTEN_TAGS = re.compile(r"</?(?:strong|em|sup|sub)>")


def _escaped_keeping_tags(text: str) -> str:
    """A paragraph's Markdown escaped as a line of text (`lines.escape`), the tags the conversion wrote kept."""
    tags = _WRITTEN_TAGS.findall(text)
    if not tags:
        return md.escape(text)
    stand_in = next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)   # in no text of the page
    escaped = md.escape(_WRITTEN_TAGS.sub(stand_in, text))
    return re.sub(stand_in, lambda _: tags.pop(0), escaped)


_DECIMAL_MARKER = re.compile(r"-?\d+\.")
_EMPHASIS_RUN = re.compile(r"^(\s*)(\*+)(.*?)\2(\s*)$", re.S)


def _emphasis(el: Tag, markdown: str, tag: str) -> str:
    """Bold or italic text as Markdown where the site reads it as emphasis, else as the HTML tag: `**` between two
    characters of a word (请于**5月30日前**报送) is the document's own asterisks to the site (`official_text`), so the
    page's bold 5月30日前 was published with asterisks round it."""
    run = _EMPHASIS_RUN.match(markdown)
    if run is None:
        return markdown
    before, marks, inner, after = run.groups()
    context = (before or _neighbour(el, forward=False)) + marks + inner + marks + (after or _neighbour(el, forward=True))
    if not literal_runs(context):
        return markdown
    return f"{before}<{tag}>{inner}</{tag}>{after}"


def _neighbour(el: Tag, forward: bool) -> str:
    """The character a reader sees next to `el` (after it, or before) in its block; a space at the block's edge."""
    node = el
    while node is not None and node.name not in BLOCK_ELEMENTS:
        sibling = node.next_sibling if forward else node.previous_sibling
        while sibling is not None:
            text = sibling.get_text("") if isinstance(sibling, Tag) else str(sibling)
            if text:
                return text[0] if forward else text[-1]
            sibling = sibling.next_sibling if forward else sibling.previous_sibling
        node = node.parent
    return " "


def _cell_text(text: str) -> str:
    """A cell of a pipe table: its `|` is text, and no `<br>` at its ends."""
    text = re.sub(r"^(\s*<br>\s*)+|(\s*<br>\s*)+$", "", text.strip())
    return md.escape_pipes(text)


def _has_merged_cells(table: Tag) -> bool:
    cells = table.find_all(["td", "th"])
    return (any(int(re.sub(r"\D", "", c.get(a, "1")) or 1) > 1 for c in cells for a in ("rowspan", "colspan"))
            or table.find("table") is not None)


# A cell's alignment as the page showed it (its own, or every line in it so set: Word's <p align="center"> in the cell).
# Dropped, the figures a table sets right and the headings it centres were all at the cells' left.
_CELL_ALIGNMENTS = {"center", "right"}
_SEPARATOR = re.compile(r"^\|(?: --- \|)+$", re.M)
_COLUMN_RULE = {"center": ":---:", "right": "---:"}


def _aligned_columns(table: Tag, markdown: str) -> str:
    """A pipe table's separator row with the alignment its data cells share in each column (`---:` for a column of
    figures set right): a pipe table aligns whole columns, so a column whose cells differ stays as written."""
    rows = [row.find_all(["td", "th"], recursive=False) for row in table.find_all("tr")]
    body = rows[1:] or rows
    width = max(map(len, rows), default=0)
    rules = []
    for column in range(width):
        aligned = {cells[column].get(ALIGN) if column < len(cells) else None for cells in body}
        rules.append(_COLUMN_RULE.get(aligned.pop(), "---") if len(aligned) == 1 else "---")
    return _SEPARATOR.sub("| " + " | ".join(rules) + " |", markdown, count=1) if rules else markdown


def _clean_table(table: Tag) -> str:
    """The table as plain HTML: structure, merged cells and each cell's alignment kept, every attribute else dropped."""
    rows = []
    for row in table.find_all("tr"):
        cells = []
        for cell in row.find_all(["td", "th"], recursive=False):
            spans = "".join(f' {a}="{int(re.sub(chr(92) + "D", "", cell[a]) or 1)}"' for a in ("rowspan", "colspan")
                            if cell.get(a) and (re.sub(r"\D", "", cell[a]) or "1") != "1")
            align = f' align="{cell[ALIGN]}"' if cell.get(ALIGN) in _CELL_ALIGNMENTS else ""
            cells.append(f"<{cell.name}{spans}{align}>{_cell_html(cell)}</{cell.name}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _cell_html(cell: Tag) -> str:
    """A merged-cell table's cell: its text, escaped, its lines kept as <br>."""
    lines, current = [], []
    for node in [*cell.contents, None]:
        if node is None or isinstance(node, Tag) and node.name == "br":
            lines.append(_cell_line(current))
            current = []
        else:
            current.append(node)
    return "<br>".join(line for line in lines if line)


def _cell_line(nodes: list) -> str:
    """One line of a merged-cell table's cell, escaped; in <strong> where the whole line is bold (a table's title row,
    its 合计), as the page showed it."""
    text = md.clean(re.sub(r"\s+", " ", "".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in nodes)))
    shown = [n for n in nodes if isinstance(n, Tag) or n.strip()]
    bold = bool(text) and all(isinstance(n, Tag) and n.name in ("b", "strong") for n in shown)
    escaped = html.escape(text, quote=False)
    return f"<strong>{escaped}</strong>" if bold else escaped


def _to_markdown(body: Tag) -> str:
    text = _Converter(heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False,
                      sup_symbol="<sup>", sub_symbol="<sub>",   # 10<sup>3</sup> is no 103
                      table_infer_header=True, newline_style="spaces",
                      keep_inline_images_in=["td", "th"]).convert_soup(body)
    return _BLANK_LINES.sub("\n\n", "\n".join(md.without_layout_indents(text.split("\n")))).strip() + "\n"
