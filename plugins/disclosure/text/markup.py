"""What an editor's Markdown body contains beyond prose: raw HTML (E401) and links (E500).

Python-Markdown passes raw HTML and link targets through untouched, so a pasted `<script>`
or a `javascript:` link would reach the public site. Both are read here from the source,
with their lines, so the fast check finds them without rendering.
"""

from __future__ import annotations

import functools
import re
import textwrap
from typing import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .fences import FENCE_LIKE as _FENCE_LIKE, code_lines
from .allow_list import ANY_SCHEME, INVISIBLE, URL_ATTRIBUTES, refusal, refused_attribute
from .font_sizes import FontSizes, shrunk_elements, shrunk_text
from .html_text import CASE_FOLDED_TO_ASCII, cells_joined_text
from .layout import MARK

ALLOWED_TAGS = frozenset("""
a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure
h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td
tfoot th thead time tr u ul var
""".split())
# Every element name a browser knows (HTML, obsolete HTML, the roots of SVG and MathML). A "<" before any other
# name (`<Word>格式`, `<GB 50016>`, `<A级>`) is the document's text: Python-Markdown passed it on as a tag, which
# the browser hides with the words inside (and the check refused it as unsafe markup, E401). Word's namespaced
# tags (`<o:p>`) stay tags: they come from pasted HTML, not from text.
HTML_ELEMENTS = ALLOWED_TAGS | frozenset("""
acronym address applet area article aside audio base basefont bdi bdo bgsound big blink body button canvas center
data datalist dialog dir embed fieldset font footer form frame frameset head header hgroup html iframe image input
isindex keygen label legend link listing main map marquee math menu menuitem meta meter multicol nav nextid nobr
noembed noframes noscript object optgroup option output param picture plaintext progress rb rp rt rtc ruby script
search section select slot source spacer strike style svg template textarea title track tt video wbr xmp
""".split())
_TAG_OPENING = re.compile(r"<(?=/?([A-Za-z][^\s/<>\x00]*))")


def opens_no_element(name: str) -> bool:
    """A tag-like `<name` that a browser reads as no element the document means: text, as written."""
    return ":" not in name and name.lower() not in HTML_ELEMENTS


def angles_as_text(text: str) -> str:
    """`text` with every "<" that opens no element (`opens_no_element`) written as `&lt;`."""
    if "<" not in text:
        return text
    return _TAG_OPENING.sub(lambda m: "&lt;" if opens_no_element(m.group(1)) else "<", text)


_UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.I)
# A backtick after a backslash is a backtick shown, no span's start (Python-Markdown's BACKTICK_RE: `(?<!\\)`; an even
# number of backslashes is that many halved, and the span starts): `\`<img onerror=…>\`` is HTML on the page.
_CODE_SPAN = re.compile(r"(?<!\\)((?:\\\\)*)(`+)(?:(?!\2).)+?\2")
# Links are found by a linear scan (`_inline_links`), not one regex: a regex for `[text](target)`
# restarts at every `[` and backtracks to the line's end, and a line of 10,000 "[a](" took 20 s.
_BRACKET = re.compile(r"\\.|[\[\]]")
# A target and its title may stand on the paragraph's next line (`[名单](\nfiles/名单.csv)`), as Markdown reads them.
_TARGET = re.compile(r"\([ \t]*+(?:\n[ \t]*+)?<?([^)\s>]*+)")  # possessive: stops at the first ")", space or ">"
_AFTER_TARGET = re.compile(r">?(?:[ \t]*\n?[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\n?[ \t]*\)")
_REFERENCE = re.compile(r" {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:\s|$)")
# What Python-Markdown makes a link rather than passing on as HTML: <http(s)://…>, <ftp(s)://…> and <…@…> (its
# AUTOLINK_RE and AUTOMAIL_RE). Any other <scheme:…> (<sms:10086>) is an element the build refuses (round 34a: the
# check skipped every tag with a colon).
_MARKDOWN_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")

# A tooltip's text with a "<": Material's script (theme.features: content.tooltips) writes an element's title into
# the page as HTML, so `title="&lt;img src=x onerror=…&gt;"` runs on hover. No title of the theme's holds one.
MARKUP_TITLE = "<"
TITLE_FIX = "（提示文字含“<”：主题的提示框会把它当网页代码显示并运行）；请改用全角“＜”或文字“小于”"
# Classes the theme's script acts on by loading a program from another host on the reader's visit, and running
# it: Material draws a <pre class="mermaid"> with Mermaid, fetched from unpkg.com. Matched in any case (a page
# without a doctype matches class names so).
THEME_LOADING_CLASSES = {"mermaid": "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
# Where a Markdown source gives an element such a class without HTML: a fence named so (pymdownx.superfences'
# custom fence `mermaid` writes <pre class="mermaid">; without it the block is code, but its only purpose is the
# drawing: the check cannot know which fences mkdocs.yml sets up, so the name is refused as the build refuses the
# class), or an attribute list ({: .mermaid }, ``` { .mermaid }).
_LOADING_FENCE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(%s)\b" % "|".join(THEME_LOADING_CLASSES), re.I)
_LOADING_ATTRIBUTES = re.compile(r"\{:?[^{}\n]*?\.(%s)(?![\w-])[^{}\n]*\}" % "|".join(THEME_LOADING_CLASSES), re.I)
# A link's or image's title (`[a](url "title")`, a reference definition's) and an abbreviation (`*[HTML]: …`):
# Markdown writes them into title attributes. Possessive, and a target stops at the next bracket: linear on any
# line (a target running to the line's end was read again from every "](" of the line: `[a](` × 100,000 took
# minutes). A target holding brackets is left to the build's check of the rendered page.
_TITLE = r"""(?:"((?:[^"\\\n]|\\.)*+)"|'((?:[^'\\\n]|\\.)*+)'|\(((?:[^()\\\n]|\\.)*+)\))"""
_LINK_TITLE = re.compile(r"""\]\([ \t]*+<?[^()\[\]\s<>]*+>?[ \t]++""" + _TITLE)
_REFERENCE_TITLE = re.compile(r""" {0,3}\[[^\]\n]+\]:[ \t]*+<?\S+?>?[ \t]++""" + _TITLE)
# An attribute list's title (`{: title="&lt;b&gt;" }`, attr_list): written into the element's title attribute.
_LIST_TITLE = re.compile(r"""\{:?[^{}\n]*?\btitle\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s}]+))""")
_ABBREVIATION = re.compile(r"\*\[[^\]\n]+\][ \t]*:(.*)")


# What Markdown takes out of a line before a reader sees it: link and image targets, a reference's label, attribute
# lists, HTML tags, layout marks; character references are what they write. The fidelity rule compares the page with
# what is left, the withheld-copy rule (content/withheld_text_copies.py) compares public pages with withheld texts so.
# A reference definition is markup when its target looks like an address; `[注1]: 说明文字` is the
# document's text, which Python-Markdown would swallow as a definition (then E600 says so).
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?[^\s\u3400-\u9fff]*[/.:#][^\s]*>?(?:\s+.*)?$")
_INLINE_MARKUP = [
    (re.compile(r"!?\[((?:[^\]\\]|\\.)*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"(\[(?:[^\]\\]|\\.)*\])\[([^\]]*)\]"), r"\1"),   # [text][ref]
    (re.compile(r"\{:?[ \t]*[#.:][^}\n]*\}|\{:[^}\n]*\}"), ""),     # attribute lists
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),                         # HTML tags and their attributes
    (MARK, ""),                                                        # layout marks: {居中} {居右} {顶格} {正文}
]


def without_inline_markup(line: str, defined: set[str] | None = None) -> str:
    """A line of a paragraph as its reader sees it: `_INLINE_MARKUP` taken out, character references decoded; a "<"
    that opens no element (`<GB 50016>`) is text the page shows (`angles_as_text`). With the labels the body defines,
    a reference whose label none names is text as written (`参考文献[1][2]`): Python-Markdown shows it so."""
    if "[" in line or "{" in line or "<" in line:   # each pattern of _INLINE_MARKUP begins with one of these
        line = angles_as_text(line)
        for pattern, replacement in _INLINE_MARKUP:
            if defined is not None and pattern is _INLINE_MARKUP[1][0]:
                line = pattern.sub(lambda found: found[1] if _label(found[2] or found[1][1:-1]) in defined
                                   else found[0], line)
            else:
                line = pattern.sub(replacement, line)
    return unescape(line) if "&" in line else line


def theme_loads(attrs: dict) -> list[tuple[str, str]]:
    """(class, program's address) for each class of `attrs` the theme's script loads a program from another host for."""
    classes = set((attrs.get("class") or "").lower().split())
    return [(name, url) for name, url in THEME_LOADING_CLASSES.items() if name in classes]


def theme_loading_message(name: str, url: str) -> str:
    return (f"class=\"{name}\" 会让主题脚本从其他网站载入并运行程序“{url}”，每位读者打开页面时浏览器都会向该网站发出请求"
            f"（本网站承诺不向其他网站发出请求）；请删除 class=\"{name}\"，图表请画成图片保存到本文件所在目录"
            "（如 files/图1.png），用 ![图1](files/图1.png) 插入")


# The annual report's marker (<!-- disclosure:主动公开情况表 -->, rules/reports.py): the build replaces it by the table,
# written exactly so and in a document with a year (an annual report) only; any other comment is refused (E401).
TABLE_TWO_COMMENT = "disclosure:主动公开情况表"
TABLE_TWO_MARKER = f"<!-- {TABLE_TWO_COMMENT} -->"


def visible_controls(text: str) -> str:
    """Control characters spelt out: a diagnostic is one line, and a hidden tab is the trick."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda match: f"\\x{ord(match.group()):02x}", text)


def comment_message(data: str) -> str:
    """What an HTML comment of a page is called in E401 (the check's body scan and the build's rendered page)."""
    return f"HTML 注释“<!--{visible_controls(data.strip()[:20])}…”（网页源代码中公众可见，浏览器还可能提前结束注释）"


def title_message(value: str) -> str:
    return f"不允许的提示文字 title=\"{value[:30]}\"{TITLE_FIX}"


@dataclass(frozen=True)
class UnsafeMarkup:
    line: int        # 1-based, within the body
    what: str        # Chinese description


@dataclass(frozen=True)
class Link:
    line: int        # 1-based, within the body
    target: str
    embedded: bool = False   # an image (`![…](…)`, `<img src>`): the browser fetches it with the page
    footnote: bool = False   # a definition written as a footnote's (`[^1]: …`): Markdown reads it as a link
    texts: tuple[str, ...] = ()   # what a reader sees for it: the link's text (each use of a reference), its title


def code_free_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks (`text/fences`) and code spans blanked: code is shown, not run."""
    blank = code_lines(body)
    return ["" if number in blank else _CODE_SPAN.sub(lambda m: m[1] + " " * (len(m.group()) - len(m[1])), line)
            for number, line in enumerate(body.split("\n"))]


# A style's escapes as CSS Syntax reads them: up to six hex digits and one blank after, or the character itself.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))")


def css_unescaped(text: str) -> str:
    """CSS text with its escapes read as a browser reads them (`d\\69splay`, `u\\rl(`, `https\\:\\/\\/`)."""
    if "\\" not in text:
        return text

    def character(match: re.Match) -> str:
        if match.group(2):
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CSS_ESCAPE.sub(character, text)


def is_remote(value: str) -> bool:
    """A URL that names another host: a scheme (https:, http:, ftp: …) or protocol-relative (`//host/…`,
    which browsers also read from `\\host` and `/\\host`), as a browser reads it (entities, blanks inside)."""
    url = INVISIBLE.sub("", unescape(value)).replace("\\", "/")
    return bool(ANY_SCHEME.match(url)) or url.startswith("//")


def is_unsafe_url(value: str) -> bool:
    # Browsers ignore control characters and white space inside a scheme ("java\tscript:"), and
    # Markdown decodes entities in link targets ("&#106;avascript:").
    return bool(_UNSAFE_SCHEME.match(INVISIBLE.sub("", unescape(value))))


class _HtmlScanner(HTMLParser):
    def __init__(self, table_marker: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.table_marker = table_marker   # the body is an annual report's: its table marker is no comment
        self.found: list[UnsafeMarkup] = []
        self.links: list[Link] = []
        self.loading: list[UnsafeMarkup] = []
        self._anchor: tuple[int, str, list[str]] | None = None   # an open <a href>: its line, target and text so far
        self._anchor_title = ""
        self._sizes = FontSizes()

    def handle_data(self, data: str) -> None:
        if self._anchor:
            self._anchor[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._sizes.closed(tag)
        if tag == "a" and self._anchor:
            line, target, text = self._anchor
            self.links.append(Link(line, target, texts=("".join(text).strip(), self._anchor_title)))
            self._anchor = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if self._anchor and tag == "img":
            self._anchor[2].append(dict(attrs).get("alt") or "")   # a picture in a link shows its alt as the link's text
        if _MARKDOWN_AUTOLINK.fullmatch(self.get_starttag_text() or ""):
            return  # <https://…> or <name@agency.gov.cn>: a Markdown autolink, not HTML
        if tag not in ALLOWED_TAGS:
            self.found.append(UnsafeMarkup(line, f"不允许的 HTML 标签 <{tag}>"))
        if (size := self._sizes.opened(tag, (named := dict(attrs)).get("style"), named.get("class"))) is not None:
            self.found.append(UnsafeMarkup(line, shrunk_text(tag, size)))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(UnsafeMarkup(line, f"不允许的事件属性 {name}（<{tag}>）"))
            elif name in URL_ATTRIBUTES and value and is_unsafe_url(value):
                self.found.append(UnsafeMarkup(line, f"不允许的链接 {name}=\"{value[:30]}\"（javascript:/data: 等）"))
            elif name == "href" and value and tag == "a":
                self._anchor = (line, value, [])   # its text read up to </a>, its title beside it
                self._anchor_title = dict(attrs).get("title") or ""
            elif name in ("href", "src") and value:
                self.links.append(Link(line, value, embedded=name == "src", texts=(dict(attrs).get("alt") or "",)))
            elif name == "title" and value and MARKUP_TITLE in value:
                self.found.append(UnsafeMarkup(line, title_message(value)))
            if tag in ALLOWED_TAGS and _refused_here(tag, name, value or ""):
                self.found.append(UnsafeMarkup(line, refusal(f"<{tag}>", name, visible_controls((value or "")[:30]))))
        self.loading += [UnsafeMarkup(line, theme_loading_message(name, url)) for name, url in theme_loads(dict(attrs))]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._sizes.closed(tag)

    def handle_comment(self, data: str) -> None:
        # Removed by the build's sanitiser (E401 there): the check names it on the same line, so an editor's check
        # is not green where the build stops (a comment splitting a mobile number: 1380013<!-- -->8000 shows whole).
        if not (self.table_marker and f"<!--{data}-->" == TABLE_TWO_MARKER):   # the build puts the table in its place
            self.found.append(UnsafeMarkup(self.getpos()[0], comment_message(data)))

    def close(self) -> None:
        super().close()
        if self._anchor:   # never closed: the browser ends it with the body
            self.handle_endtag("a")


@dataclass(frozen=True)
class BodyScan:
    unsafe: list[UnsafeMarkup]
    links: list[Link]
    loading: list[UnsafeMarkup] = ()   # what makes the theme load a program from another host (E404)


def closer_distance(text: str, opener: str, closer: str) -> int:
    """How many characters lie between each `opener` and the next `closer` (or the end), summed:
    the work a parser does that looks for the closer from every opener. Linear time."""
    work, closing = 0, -1
    for match in re.finditer(re.escape(opener), text):
        if closing < match.start():  # each closer is looked for once: the scan never goes back
            closing = text.find(closer, match.start())
            closing = len(text) if closing == -1 else closing
        work += closing - match.start()
    return work


# Python's HTMLParser looks for a tag's end from every "<": thousands of unclosed ones take minutes.
# Such a body is refused anyway (E109, limits.py) and the rendered page is checked in the build.
_HTML_SCAN_BUDGET = 20_000_000


def scan_body(body: str, table_marker: bool = False) -> BodyScan:
    """Unsafe markup and link targets of a Markdown body, read once. `table_marker`: the body is an annual report's
    (table_marker_allowed), where the build replaces TABLE_TWO_MARKER by the table."""
    loading = _loading_sources(body)
    if "<" not in body and "](" not in body and "]:" not in body and "title" not in body and "=" not in body \
            and "{" not in body and "///" not in body:
        return BodyScan([], [], loading)  # plain prose: most documents
    text = "\n".join(_angles_as_text_outside_html(code_free_lines(body)))
    html = _HtmlScanner(table_marker)
    if "<" in text and closer_distance(text, "<", ">") <= _HTML_SCAN_BUDGET:
        html.feed(text)
        html.close()
    written = markdown_links(text) + _attribute_list_links(text)
    unsafe = html.found + [UnsafeMarkup(link.line, f"不允许的链接 {link.target[:30]}（javascript:/data: 等）")
                           for link in written if is_unsafe_url(link.target)] + _markdown_titles(text) + \
        _attribute_list_markup(text) + _sizes_with_listed_styles(text) + _links_of_other_schemes(text, written)
    return BodyScan(sorted(set(unsafe), key=lambda item: item.line),
                    sorted(written + html.links, key=lambda link: link.line),
                    sorted(set(loading + html.loading), key=lambda item: item.line))


# Python-Markdown makes <ftp://…> a link as it makes <https://…> one.
_FTP_AUTOLINK = re.compile(r"<([Ff][Tt][Pp][Ss]?://[^<>]*)>")


def _links_of_other_schemes(text: str, written: list[Link]) -> list[UnsafeMarkup]:
    """A link written in Markdown (`[文件](ftp://…)`, `[文件][f]`, `<ftp://…>`) to a scheme the build's allow-list takes
    off the page (only http, https, mailto and tel stay), named as the build names it: round 34a found each passed by
    the check and refused by the build (E401), where <a href="ftp://…"> was refused by both. An image's target is
    judged as a picture's source (E404 where remote)."""
    targets = [(link.line, link.target) for link in written if not link.embedded and not link.footnote]
    targets += [(number, found[1]) for number, line in enumerate(text.split("\n"), start=1)
                for found in _FTP_AUTOLINK.finditer(line)]
    return [UnsafeMarkup(line, refusal("<a>", "href", visible_controls(target[:30]))) for line, target in targets
            if not is_unsafe_url(target) and refused_attribute("a", "href", unescape(target))]


def _angles_as_text_outside_html(lines: list[str]) -> list[str]:
    """The lines with a "<" that opens no element read as text, as the page shows it (`markdown_official`), except
    in raw HTML blocks, which Python-Markdown passes on as they are (the browser hides such a tag there)."""
    if not any("<" in line for line in lines):
        return lines
    from .paragraphs import RAW, read_lines   # a sibling the body scan needs only when a "<" is there
    return [line if read.kind == RAW else angles_as_text(line) for line, read in zip(lines, read_lines("\n".join(lines)))]


def scan_of(page) -> BodyScan:
    """`scan_body` of anything with a body (a document, a section page): the default of the rules that take a
    run's memo of scans instead (`Site.body_scan`)."""
    return scan_body(page.body, table_marker_allowed(page))


def table_marker_allowed(page) -> bool:
    """Whether the build replaces the table marker in `page`'s body: a document with a year (an annual report). In any
    other document the marker is a comment like any other (the table of year 0 ended the build in a traceback)."""
    return bool(getattr(page, "year", None))


def lowered_from(character: str) -> tuple[str, ...]:
    """Every character whose lowercase holds `character` (an ASCII letter): itself, its capital and, for i and k, the
    one of CASE_FOLDED_TO_ASCII that lowers into it (İ, the Kelvin sign); tested on every code point."""
    return (character, character.upper(), *(other for other in CASE_FOLDED_TO_ASCII if character in other.lower()))


# Each name's letters, each as the characters that lower into it: a body lacking one of them cannot hold the name lowered.
_LOADING_CLASS_LETTERS = [tuple(lowered_from(letter) for letter in dict.fromkeys(name)) for name in THEME_LOADING_CLASSES]


def _may_name_a_loading_class(body: str) -> bool:
    """Whether `body.lower()` holds a name of THEME_LOADING_CLASSES. Lowering a whole body cost as much as the rest
    of its scan (a Chinese text lowers character by character): each letter of a name is looked for first (two or
    three fast searches each, stopping at the first absent), and the body is lowered only when all are there."""
    if not any(all(any(character in body for character in spellings) for spellings in letters)
               for letters in _LOADING_CLASS_LETTERS):
        return False
    lowered = body.lower()
    return any(name in lowered for name in THEME_LOADING_CLASSES)


def _loading_sources(body: str) -> list[UnsafeMarkup]:
    """A fence or an attribute list giving a block a class the theme loads a program for (read on the source:
    a fenced block's own first line is where its class is written)."""
    if not _may_name_a_loading_class(body):
        return []
    found = []
    for number, line in enumerate(body.split("\n"), start=1):
        match = _LOADING_FENCE.match(line) or _LOADING_ATTRIBUTES.search(line)
        if match:
            name = match.group(1).lower()
            found.append(UnsafeMarkup(number, theme_loading_message(name, THEME_LOADING_CLASSES[name])))
    return found


def _markdown_titles(text: str) -> list[UnsafeMarkup]:
    """A link's, image's or abbreviation's title holding "<" (written or as a character reference)."""
    if "](" not in text and "]:" not in text and "title" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        titles = ["".join(match.groups("")) for pattern in (_LINK_TITLE, _LIST_TITLE) for match in pattern.finditer(line)]
        if (match := _REFERENCE_TITLE.match(line) or _ABBREVIATION.match(line)):
            titles.append("".join(group or "" for group in match.groups()).strip())
        found += [UnsafeMarkup(number, title_message(title)) for title in map(unescape, titles) if MARKUP_TITLE in title]
    return found


def _attribute_list_markup(text: str) -> list[UnsafeMarkup]:
    """Each attribute of an attribute list the build's allow-list refuses (text/allow_list.py): an event handler, an
    unsafe address, a style, an attribute no element keeps. The check passed what the build then refused (the event
    handler: round 26a; a style, a data- or dir attribute, a value holding "}": round 27a). And the same of the
    attributes a pymdownx block gives its element (`_block_attributes`)."""
    if "{" not in text and "///" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for name, value in _listed_attributes(line) if "{" in line else ():
            found += _refused_listed(number, "", name, value, "属性列表 {: …} 中")
    for number, tag, name, value in _block_attributes(text) if "///" in text else ():
        found += [UnsafeMarkup(number, f"不允许的 HTML 标签 <{tag}>（/// html 块）")] if tag and tag not in ALLOWED_TAGS \
            else _refused_listed(number, tag, name, value, "/// 块的属性中") if name else []
    return found


def _sizes_with_listed_styles(text: str) -> list[UnsafeMarkup]:
    """Text shrunk out of sight where an attribute list's font-size (`{: style="font-size:50%" }`, each allowed alone)
    multiplies with the spans and <small>s inside its element. The raw HTML scan starts from the page's size: it passed
    1380013<span style="font-size:50%">某某</span>8000 under a paragraph listed at 50 % (4 px), which the build refused
    (round 30a). The block holding such a list is rendered as attr_list renders it (only those: a list names its element
    by where it stands) and read as the build reads it, named on the list's line."""
    if "font-size" not in text.lower() or "{" not in text:
        return []
    found, shrunk = [], {}
    for index, first, rendered in _blocks_with_lists(text, lambda line, name, value: name == "style" and "font-size" in value.lower()):
        if first not in shrunk:   # a block's sizes read once, named on each list's line
            shrunk[first] = shrunk_elements(rendered)
        found += [UnsafeMarkup(index + 1, shrunk_text(tag, size)) for tag, size in shrunk[first]]
    return found


def tables_with_listed_cells(text: str) -> list[tuple[int, str]]:
    """(row, text) of each Markdown table whose cells an attribute list styles (`| 1380013 {: style="padding:0" } |`),
    as the build reads the rendered table where two of its cells touch: their texts side by side. The raw HTML reading
    (privacy/numbers._cells_shown) finds no tags in a Markdown table, and the check passed a mobile across two cells
    styled padding:0 that the build refused (round 30e)."""
    if "{" not in text or "|" not in text or "style" not in text:
        return []
    found: dict[int, tuple[int, str]] = {}   # a table once, on the first row styled so
    for index, first, rendered in _blocks_with_lists(text, lambda line, name, value: name == "style" and "|" in line):
        if first not in found and (joined := cells_joined_text(rendered)) is not None:
            found[first] = (index + 1, joined)
    return list(found.values())


# A line that may hold a digit beside the syntax of a link (`[`…`](#x)`), of pymdownx.caret/mark (`^`, `==`) or of a
# key of pymdownx.keys (`++8++`): one the build may read as one number where the source holds it in pieces
# (`1380013[8000](#x)`, `138^^0013^^8000`, `==1380013==8000`, `1380013++8++000`).
_DIGIT = re.compile(r"[0-9\uff10-\uff19]")
# What the page shows of each: a link's text, and of each mark syntax an extension of mkdocs.yml enables, the text
# inside it: pymdownx.caret's ^^…^^ and ^…^, pymdownx.mark's ==…== (which may hold a paragraph's line break), a single
# key of pymdownx.keys' ++…++. A code span first, kept as written (the page shows its marks). A link's address or title
# may hold a pair of parentheses (`(#x "见(一)")`, `(a_(1).md)`), as Python-Markdown's pattern allows.
_LINK_SYNTAX = r"(?<!!)\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"
MARK_SYNTAXES = {"^^": r"\^\^([^^\n]+?)\^\^", "^": r"\^([^^\s]+?)\^", "==": r"==([^=]+?)==", "++": r"\+\+([^+\s]+?)\+\+"}
EVERY_MARK = frozenset(MARK_SYNTAXES)


# An image: the page shows the picture, not its text; the build reads the page's text once with each image's alt and
# once without it (round 33c: `1380013![图](a.png)8000`, `[1380013![图](a.png)](#x)8000` and `[![1380013](a.png)](#x)8000`
# were refused by the build only). `_IMAGE_LEFT_OUT`'s empty group is what the reading without it shows.
_IMAGE_SHOWN = r"!\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\){attributes}"
_IMAGE_LEFT_OUT = r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\){attributes}()"
# With attr_list (ATTRIBUTE_LISTS among the marks), an attribute list right after a link or an image is markup too:
# `[1380013](#x){: .y }8000` and `1380013![图](a.png){: width=10 }8000` show one number (round 33c, build only).
ATTRIBUTE_LISTS = "{:"
_ATTRIBUTE_LIST = r"(?:\{:?[ \t]*[^}\n \t][^}\n]*\})?"   # as attr_list reads one: anything but blanks between braces


# An autolink shows its address: `1380013<8000@x.cn>` is 13800138000@x.cn on the page (round 33c: passed by both).
# Python-Markdown leaves an e-mail autolink's `mailto:` out of what it shows: `1380013<mailto:8000@x.cn>` is
# 13800138000@x.cn too (round 34a: passed by the check, refused by the build).
_AUTOLINK = r"<(?:mailto:(?=[^<> !\n]+@))?((?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[^<>\s]*|[^<> !\n]+@[^@<> \n]+)>"


@functools.lru_cache(maxsize=None)
def _inline_syntax(marks: frozenset[str], image: str = _IMAGE_SHOWN) -> re.Pattern:
    """An image's syntax (`image`: its alt shown or left out), the link's and the enabled marks' (`^^` before `^`:
    the longer mark first); each link and image with the attribute list after it where attr_list is enabled."""
    attributes = _ATTRIBUTE_LIST if ATTRIBUTE_LISTS in marks else ""
    return re.compile("|".join([image.format(attributes=attributes), _LINK_SYNTAX + attributes, _AUTOLINK]
                               + [syntax for mark, syntax in MARK_SYNTAXES.items() if mark in marks]))


# A reference link (`[8000][r]`, `[8000][]`): a link where its label is defined in the body, shown as written where
# not (round 32a: `参考文献[1][2]…` was read without its brackets, a false E400); a blank may stand before the label.
_REFERENCE_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\][ \t]?\[([^\[\]\n]*)\]")
# A shortcut reference link (`[8000]`, its label defined in the body: `[8000]: #x`), read after the others.
_SHORTCUT = re.compile(r"(?<!!)\[([^\[\]\n]+)\](?![(\[:])")
_BACKTICKS = re.compile(r"`+")
# Code spans stand aside while the marks are read, each as one character of a private use plane (no mark, no digit).
_SPAN_STAND_IN = 0xF0000
_STAND_INS = re.compile("[\U000F0000-\U000FFFFD]")
_DEFINED = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.M)


_LINK_SIGNS = ("[", "@", "://")   # a link's or image's, an autolink's ("@" and "://")


def joins_nothing(text: str) -> bool:
    """Whether `lines_joined_by_inline_syntax(text, marks)` and `tables_with_listed_cells(text)` find nothing, whatever
    marks a site enables (of EVERY_MARK and ATTRIBUTE_LISTS): no sign of any of them stands in the text."""
    return not any(sign in text for sign in (*_LINK_SIGNS, *EVERY_MARK, ATTRIBUTE_LISTS)) and not tables_with_listed_cells(text)


def lines_joined_by_inline_syntax(text: str, marks: frozenset[str] = EVERY_MARK) -> list[tuple[int, str]]:
    """(line, what it shows) of each line where a link, pymdownx.caret/mark's marks or a key stand between digits, the
    marks left out as the page leaves them out. The build reads the rendered page's text (`1380013<a>8000</a>`: one
    mobile) where the check read the source, with `[`, `](#x)`, `^^` or `==` between the pieces, as no number (round
    31b). Code (a span, a fenced block) shows its marks: it is left as written. `marks`: the mark syntaxes (of
    MARK_SYNTAXES) the site's extensions enable; without pymdownx.caret, mark or keys the page shows `^^`, `==` and
    `++` as written, and the digits either side are no one number (round 32b: the check refused them). A paragraph
    with an image is read twice, its alt shown and left out, as the build reads the page (round 33c)."""
    signs = (*_LINK_SIGNS, *marks)
    if not any(sign in text for sign in signs):
        return []
    defined = {_label(found[1]) for found in _DEFINED.finditer(text)} if "]:" in text else set()
    syntaxes = (_inline_syntax(marks), _inline_syntax(marks, _IMAGE_LEFT_OUT))
    found = []
    for first, lines, kept_together in _paragraphs_outside_fences(text):
        paragraph = "\n".join(lines)
        if not (_DIGIT.search(paragraph) and any(sign in paragraph for sign in signs)):
            continue
        for syntax in syntaxes[:2 if "![" in paragraph else 1]:   # without images, the two readings are one
            shown = _shown_without_marks(paragraph, defined, syntax, kept_together).split("\n")
            found += [(first + offset + 1, after) for offset, (before, after) in enumerate(zip(lines, shown))
                      if after != before and (first + offset + 1, after) not in found]
    return found


def _paragraphs_outside_fences(text: str) -> Iterator[tuple[int, list[str], bool]]:
    """(index of its first line, its lines, whether the plugin keeps them together) of each run of lines up to a
    blank line, a fenced block's lines (`text/fences`) left out: a mark may open on one line of a paragraph and close
    on the next (round 32a). A fence-like line of no block (indented, closed by a longer fence) opens lines
    `text/paragraphs` keeps as raw: Python-Markdown reads them as one paragraph, its marks and spans over the lines."""
    code = code_lines(text)
    raw = _raw_lines(text) if not code and _FENCE_LIKE.search(text) else set()
    run: list[str] = []
    for index, line in enumerate(text.split("\n") + [""]):
        shown = index not in code and bool(line.strip())
        if shown and (not run or (index in raw) == (index - 1 in raw)):
            run.append(line)
            continue
        if run:
            yield index - len(run), run, index - 1 in raw
        run = [line] if shown else []


def _raw_lines(text: str) -> set[int]:
    """Indexes of the lines `text/paragraphs` keeps as written (raw), not one paragraph each."""
    from .paragraphs import RAW, read_lines
    return {index for index, line in enumerate(read_lines(text)) if line.kind == RAW}


def _label(text: str) -> str:
    """A reference's label as Python-Markdown compares labels."""
    return " ".join(text.lower().split())


# An image by reference (`![图][i]`, `![图][]`, `![图]` with `[i]: a.png` defined): read as the inline image it shows.
_REFERENCE_IMAGE = re.compile(r"!\[([^\[\]\n]*)\](?:[ \t]?\[([^\[\]\n]*)\])?(?![(:])")


def _inline_images(line: str, defined: set[str]) -> str:
    return _REFERENCE_IMAGE.sub(lambda found: f"![{found[1]}]()" if _label(found[2] or found[1]) in defined else found[0],
                                line)


def _shown_without_marks(paragraph: str, defined: set[str], syntax: re.Pattern, kept_together: bool = False) -> str:
    """The paragraph with its marks left out, code spans as written: paired in each line (the plugin gives most
    lines a paragraph of their own, `text/paragraphs`), or over the lines of a block it keeps together."""
    spans: list[str] = []
    line = (_code_spans_aside(paragraph, spans) if kept_together
            else "\n".join(_code_spans_aside(line, spans) for line in paragraph.split("\n")))
    if defined and "![" in line:
        line = _inline_images(line, defined)
    shown = _without_nested_marks(line, defined, syntax)
    if defined and "[" in shown:
        shown = _SHORTCUT.sub(lambda found: found[1] if _label(found[1]) in defined else found[0], shown)
    return _STAND_INS.sub(lambda found: spans[at] if (at := ord(found[0]) - _SPAN_STAND_IN) < len(spans) else found[0],
                          shown) if spans else shown


# Marks inside marks (`==[8000](#x)==`, `[==8000==](#x)`) are read a level a pass; official text nests a few.
_NESTING_READ = 8


def _without_nested_marks(line: str, defined: set[str], syntax: re.Pattern) -> str:
    """The line with each mark's syntax left out, a mark inside another's text too: one pass leaves the inner one
    as written (round 32a: `1380013==[8000](#x)==` passed the check, the build refused the number)."""
    for _ in range(_NESTING_READ):
        shown = syntax.sub(lambda found: next(part for part in found.groups() if part is not None), line)
        if "][" in shown or "] [" in shown:
            shown = _REFERENCE_LINK.sub(lambda found: found[1] if _label(found[2] or found[1]) in defined else found[0],
                                        shown)
        if shown == line:
            break
        line = shown
    return line


def _code_spans_aside(line: str, spans: list[str]) -> str:
    """The line with each code span (a run of backticks up to the next run as long) replaced by its stand-in, the
    span added to `spans`. In one pass: a pattern looking for each run's closer was cubic in a line of runs of
    growing length."""
    runs = list(_BACKTICKS.finditer(line))
    if len(runs) < 2:
        return line
    closer: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = len(runs[index][0])
        closer[index] = next_of_length.get(length)
        next_of_length[length] = index
    pieces, last, index = [], 0, 0
    while index < len(runs):
        end = closer[index]
        if end is None or _escaped(line, runs[index].start()):
            index += 1
            continue
        if len(spans) == 0xFFFD:   # the plane's last stand-in: the rest of the line as written
            break
        pieces += [line[last:runs[index].start()], chr(_SPAN_STAND_IN + len(spans))]
        spans.append(line[runs[index].start():runs[end].end()])
        last, index = runs[end].end(), end + 1
    return "".join(pieces) + line[last:]


def _escaped(line: str, at: int) -> bool:
    r"""Whether the character at `at` follows an odd number of backslashes: `\`1380013==8==000\`` shows its backticks and
    its marks join the digits (round 34a: the check set it aside as a code span and passed what the build refused)."""
    return (at - len(line[:at].rstrip("\\"))) % 2 == 1


def _blocks_with_lists(text: str, wanted) -> Iterator[tuple[int, int, str]]:
    """(the line's index, its block's first line's, the block rendered as the build renders it) of each line holding an
    attribute list with an attribute `wanted(line, name, value)`. Dedented: a paragraph of a list item or an admonition
    (indented four) is no code block in its place; with tables: a list at a cell's end styles the cell (round 30e: the
    build refused both, the check passed them)."""
    import markdown
    converter = markdown.Markdown(extensions=["attr_list", "tables"])
    lines, block, rendered = text.split("\n"), (0, 0), ""
    for index, line in enumerate(lines):
        if "{" in line and any(wanted(line, name, value) for name, value in _listed_attributes(line)):
            if not block[0] <= index < block[1]:   # each block once, however many lists it holds (a list of 100 items:
                block = _block_around(lines, index)   # 0.49 s rendered once for each, 0.002 s before round 30a)
                rendered = converter.reset().convert(textwrap.dedent("\n".join(lines[block[0]:block[1]])))
            yield index, block[0], rendered


def _block_around(lines: list[str], index: int) -> tuple[int, int]:
    """The lines (first, past the last) of the block holding line `index`: up to a blank line each side."""
    first, last = index, index + 1
    while first > 0 and lines[first - 1].strip():
        first -= 1
    while last < len(lines) and lines[last].strip():
        last += 1
    return first, last


def _refused_listed(number: int, tag: str, name: str, value: str, where: str) -> list[UnsafeMarkup]:
    if name.startswith("on"):
        return [UnsafeMarkup(number, f"不允许的事件属性 {name}（{where}）")]
    if name in URL_ATTRIBUTES and is_unsafe_url(value):
        return [UnsafeMarkup(number, f"不允许的链接 {name}=\"{value[:30]}\"（javascript:/data: 等，{where}）")]
    if refused_attribute(tag, name, unescape(value)):
        return [UnsafeMarkup(number, refusal(where, name, visible_controls(value[:30])))]
    return []


# pymdownx.blocks (mkdocs.yml may list its blocks): `/// html | span[onclick="…"]` makes an element with the attributes
# in brackets, and any block takes an `attrs:` option on its indented lines (`attrs: {style: …}`). The build refused
# them (E401), the check passed them (round 27a).
_BLOCK_START = re.compile(r" {0,3}/{3,}[ \t]*([\w.-]+)[ \t]*(?:\|[ \t]*(.*))?")
_HTML_SPEC = re.compile(r"([A-Za-z][\w-]*)?[^\[]*(?:\[(.*)\])?")


def _block_attributes(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(line, tag, name, value) of each attribute a pymdownx block gives its element (tag "" where the block names none);
    (line, tag, "", "") for an html block's tag itself."""
    import textwrap

    import yaml
    lines = text.split("\n")
    for index, line in enumerate(lines):
        start = _BLOCK_START.fullmatch(line.rstrip())
        if not start:
            continue
        tag = ""
        if start.group(1) == "html" and start.group(2):
            spec = _HTML_SPEC.match(start.group(2).strip())
            tag = (spec.group(1) or "").lower()
            yield index + 1, tag, "", ""
            from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name   # as in _listed_attributes
            attributes, _ = get_attrs_and_remainder((spec.group(2) or "") + "}")
            yield from ((index + 1, tag, sanitize_name(key).lower(), value or "") for key, value in attributes if key != ".")
        options = []
        for following in lines[index + 1:]:
            if not following.startswith(("    ", "\t")):
                break
            options.append(following)
        try:
            settings = yaml.safe_load(textwrap.dedent("\n".join(options))) if options else None
        # pymdownx.blocks.get_frontmatter takes any error (!!int x: ValueError) for no options: the block is text.
        except Exception:   # noqa: BLE001
            continue
        listed = settings.get("attrs") if isinstance(settings, dict) else None
        for name, value in listed.items() if isinstance(listed, dict) else ():
            yield index + 2, tag, str(name).lower(), "" if value is None else str(value)


_ATTRIBUTE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def _attribute_list_links(text: str) -> list[Link]:
    """An address an attribute list gives an element (`![图](files/a.png){: src="https://…" }` replaces the picture's):
    a link or a picture like any other, read by the same rules (the build refused a picture of another host, E404, where
    the check passed it: round 27a)."""
    if "{" not in text:
        return []
    return [Link(number, value, embedded=name == "src") for number, line in enumerate(text.split("\n"), start=1)
            if "{" in line for name, value in _listed_attributes(line) if name in ("href", "src")]


def _listed_attributes(line: str) -> Iterator[tuple[str, str]]:
    """(name, value) of each attribute given a value in an attribute list of `line` (`{: #id .class key="value" }`), read
    by attr_list's own reader: a quoted value may hold "}" (`{ href="javascript:…}" }`). Read a window at a time, and a
    "{" inside a list read is not read again: linear in the line (a line of 100 KB of "{}" took a second when each "{"
    was read to the line's end). A list of more than half a window is the build's to judge."""
    # Python-Markdown (the reader's module) loads only for a line holding a "{": a check of bodies without one
    # never needs it, and importing it was a fiftieth of a second of every check's start.
    from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name
    at = line.find("{")
    while at != -1:
        start = at + 1 + (line[at + 1:at + 2] == ":")
        window = line[start:start + _LIST_WINDOW]
        attributes, rest = get_attrs_and_remainder(window)
        if not rest:   # no "}" after it in the window: a list starting in its second half is read with the next one
            if start + len(window) >= len(line):
                return
            at = line.find("{", start + _LIST_WINDOW // 2)
            continue
        # A word without a value (`{: hidden }`) is an attribute too, where attr_list reads a list at a block's end: alone
        # on its line, or ending a heading; elsewhere braces around a word are text often enough ({居中} is a layout mark,
        # {x} a placeholder, `attrs: {class: x}` a block's option).
        ending = _BLANKS_TO_THE_END.match(line, start + len(window) - len(rest) + 1) is not None and \
            (not line[:at].strip() or line.lstrip().startswith("#"))
        # legacy_attrs writes `{@onclick=…}`: the attribute is the name after its "@"; `.name` is a class.
        yield from (("class", value) if key == "." else (sanitize_name(key.removeprefix("@")).lower(), value if value is not None else "")
                    for key, value in attributes if key == "." or value is not None or ending and _ATTRIBUTE_WORD.fullmatch(key))
        at = line.find("{", start + len(window) - len(rest))


_LIST_WINDOW = 1000
_BLANKS_TO_THE_END = re.compile(r"[ \t]*$")


def _refused_here(tag: str, name: str, value: str) -> bool:
    """An attribute of raw HTML the allow-list refuses that no other line of the scan names already (an event handler,
    an unsafe address, a title holding "<"); md_in_html's `markdown` attribute is its own, never written to the page."""
    reported = name.startswith("on") or name in URL_ATTRIBUTES and is_unsafe_url(value) or \
        name == "title" and MARKUP_TITLE in value
    return not reported and name != "markdown" and refused_attribute(tag, name, value)


def unsafe_markup(body: str) -> list[UnsafeMarkup]:
    """Raw HTML outside the allow-list, event handlers, and javascript:/data: URLs (HTML or Markdown)."""
    return scan_body(body).unsafe


def markdown_links(text: str) -> list[Link]:
    """Targets of inline links, images and reference definitions, with their lines."""
    lines = text.split("\n")
    found = [Link(first + paragraph.count("\n", 0, start), target, image, texts=texts)
             for first, paragraph in _paragraphs(text) for start, target, image, texts in _inline_links(paragraph)]
    uses: dict[str, list[str]] = {}
    if "][" in text or "]:" in text:
        for match in _REFERENCE_USE.finditer(text):
            uses.setdefault(_label(match.group(2) or match.group(1)), []).append(" ".join(match.group(1).split()))
    found += [Link(number, match.group(2), footnote=line.lstrip().startswith("[^"),
                   texts=(*uses.get(_label(match.group("label")), ()), *_titles(_REFERENCE_TITLE, line)))
              for number, line in enumerate(lines, start=1) if (match := _REFERENCE.match(line))]
    return found


_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each run of lines between blank lines: a link's text, like any inline text, may run over
    the lines of its paragraph (`[名单（不予\n公开）](files/名单.csv)`), as Markdown reads it."""
    first, position = 1, 0
    for blank in _BLANK_LINE.finditer(text):
        yield first, text[position:blank.start()]
        first += text.count("\n", position, blank.end())
        position = blank.end()
    yield first, text[position:]


# A use of a reference definition: [text][label], [label][] or [label] (not a definition, not an inline link).
# Its text, like any link's, may run over the lines of one paragraph.
_REFERENCE_USE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*)\](?:\[((?:[^\[\]\n]|\n(?![ \t]*\n))*)\])?(?![:(\[])")


def _label(label: str) -> str:
    """A reference's label as Markdown matches it: case and runs of blanks do not count."""
    return " ".join(label.split()).lower()


def _titles(pattern: re.Pattern, line: str) -> tuple[str, ...]:
    return tuple("".join(match.groups("")) for match in pattern.finditer(line))


def _inline_links(line: str) -> list[tuple[int, str, bool, tuple[str, ...]]]:
    """`[text](target "title")` targets in one paragraph, in one pass, each with where its text opens and whether it is
    an image (`![…](…)`); text may hold balanced brackets.

    Each `](` is tried once. When a target runs to position `stop` and what follows does not close
    the link, every other `](` before `stop` would run to the same `stop` and fail the same way,
    so they are skipped: no character is scanned twice.
    """
    targets, opened, dead_until, resume = [], [], -1, 0
    for match in _BRACKET.finditer(line):
        position = match.start()
        if position < resume:
            continue  # inside a link already found: a link holds no link
        if match.group() == "[":
            opened.append(position)
        elif match.group() == "]" and opened:
            start = opened.pop()
            target = _TARGET.match(line, position + 1) if position + 1 > dead_until else None
            if target:
                closing = _AFTER_TARGET.match(line, target.end())
                if closing:
                    title = _titles(_LINK_TITLE, line[position:closing.end()])
                    targets.append((start, target.group(1), line[start - 1:start] == "!", (line[start + 1:position], *title)))
                    opened, resume = [], closing.end()
                else:
                    dead_until = target.end()
    return targets
