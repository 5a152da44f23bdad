"""Rendered output (E401, E403): the built HTML of every page, as a reader's browser gets it.

Runs in the build (`mkdocs_adapter/plugin.py` `on_post_page`) through this module: markup the
source scan could not see, and front matter values a template printed without escaping.

The page as the reader's browser gets it: rendered HTML against the allow-list (E401).

The source scanner (markup.py) reads Markdown the way it imagines Python-Markdown does; the
two disagree on code fences, `attr_list` attributes, comments a browser ends early and
entities. So the build's verdict is taken from the HTML that Markdown actually produced.

How: the HTML is parsed and re-serialised twice by one spec-conforming HTML5 parser
(html5ever, through nh3): once keeping everything that is in it ("as written"), once keeping
only the allow-list ("as allowed"). Both come from the same parse, so they differ exactly
where the allow-list removed something — a tag, an attribute, a URL scheme, a comment — and
the HTML a browser would build from it is what was checked. Each removal is then found in
the Markdown source for its line.

The page's frame (what the theme prints around the body from mkdocs.yml's settings) is read by the same rules in
`disclosure check`, which renders no page: `printed_settings_diagnostics` lays the settings out as the theme does.
"""

from __future__ import annotations

import difflib
import html as html_text
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nh3
import yaml

from ..codes import E401, E403, E404
from ..codes.diagnostics import Diagnostic
from ..codes.registry import Rule
from ..content.documents import split_front_matter
from ..content.yamlsource import MAX_INHERIT, PRINTED_KEYS, host_config_pairs, printed_scalars, read_setting_text
from ..text.allow_list import (GLOBAL_ATTRIBUTES, RESERVED_ID, TAG_ATTRIBUTE_VALUES, TAG_ATTRIBUTES, URL_SCHEMES, allowed_style,
                               allowed_value, may_name_a_theme_class, refusal, theme_class)
from ..text.font_sizes import may_shrink, shrunk_elements, shrunk_text
from ..text.html_text import CASE_FOLDED_TO_ASCII, PLAIN_ATTRIBUTE, PLAIN_TAG, RISKY_TEXT
from ..text.markup import (
    ALLOWED_TAGS,
    MARKUP_TITLE,
    TITLE_FIX,
    URL_ATTRIBUTES,
    code_free_lines,
    comment_message,
    css_unescaped,
    is_remote,
    is_unsafe_url,
    theme_loading_message,
    theme_loads,
    title_message,
    visible_controls,
)
from .markup_links import remote_resource_message
from ..text.script_counters import trusted_loops

FAMILY = "rendered"


# Everything the HTML5 tokenizer could read as a tag name or an attribute name, and every
# scheme a URL could have: what the "as written" pass must keep.
_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
_NAME_PIECE = re.compile(r"[^\t\n\f\r />=]+")
# A scheme: from the first letter of a run of scheme characters to the ":" right after it. Each run is scanned once
# (possessive, from its start): tried from every letter, a long run with no ":" after it (a link to
# http://aaa…, 60 KB) was scanned again from each, quadratic (a build of 76 s).
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.\-])[0-9+.\-]*+([A-Za-z][A-Za-z0-9+.\-]*+)(?=:)")
_URL_IGNORED = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class Removal:
    """One thing the allow-list took out of a page."""
    what: str                       # Chinese, for the editor
    needles: tuple[str, ...]        # what to look for in the source, best first


def _allowed_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "style" and not allowed_style(value):
        return None
    if name == "title" and MARKUP_TITLE in value:
        return None
    if name == "id" and RESERVED_ID.match(value):
        return None
    if name == "class" and theme_class(value):
        return None
    return value if allowed_value(name, value) else None


class _AttributeFilter:
    """The allow-list's attribute check as nh3 calls it: from Rust, which cannot pass an exception on
    (it would print it and drop the attribute: a stop signal landing here would be lost, and a
    finding made up). An exception is kept and raised again by `as_allowed` once nh3 has returned."""

    def __init__(self) -> None:
        self.raised: list[BaseException] = []

    def __call__(self, tag: str, name: str, value: str) -> str | None:
        try:
            return _allowed_attribute(tag, name, value)
        except BaseException as error:  # noqa: BLE001 - raised again once nh3 has returned
            self.raised.append(error)
            return value


# Code that native code calls back: a signal handler that finds one of these on the stack must not
# raise there (the exception could land before the `try`), but remember the signal for later.
CALLED_FROM_NATIVE_CODE = frozenset({_AttributeFilter.__call__.__code__})


def as_allowed(html: str) -> str:
    """The page body with only what the allow-list keeps."""
    attribute_filter = _AttributeFilter()
    cleaned = nh3.clean(html, tags=set(ALLOWED_TAGS), clean_content_tags={"script", "style"},
                        attributes={"*": set(GLOBAL_ATTRIBUTES), **TAG_ATTRIBUTES},
                        tag_attribute_values=TAG_ATTRIBUTE_VALUES, attribute_filter=attribute_filter,
                        strip_comments=True, link_rel=None, url_schemes=set(URL_SCHEMES))
    if attribute_filter.raised:
        raise attribute_filter.raised[0]
    return cleaned


def as_written(html: str) -> str:
    """The page body parsed and serialised like `as_allowed`, but with nothing removed."""
    names = {name for match in _TAG_NAME.finditer(html) for name in (match.group(1), match.group(1).lower())}
    pieces = set(_NAME_PIECE.findall(html))
    decoded = _URL_IGNORED.sub("", html_text.unescape(html)) + "\n" + _URL_IGNORED.sub("", html)
    schemes = {scheme.lower() for scheme in _SCHEME.findall(decoded)}
    return nh3.clean(html, tags=set(ALLOWED_TAGS) | {n.replace("\0", "\ufffd") for n in names},
                     clean_content_tags=set(), attributes={"*": pieces | {p.lower() for p in pieces}},
                     strip_comments=False, link_rel=None, url_schemes=schemes | set(URL_SCHEMES))


def removals(html: str, written: str | None = None) -> list[Removal]:
    """What the allow-list would take out of `html`, in page order; empty for clean HTML.
    `written`: `as_written(html)` when the caller has it already."""
    if "<" not in html:
        return []
    allowed, written = as_allowed(html), written if written is not None else as_written(html)
    if allowed == written:
        return []
    return _differences(_tokens(written), _tokens(allowed))


def plainly_allowed(html: str) -> bool:
    """True when the allow-list keeps everything in `html`, seen without parsing it (most rendered bodies):
    every "<" opens a tag the allow-list keeps, written as Markdown writes tags (`PLAIN_TAG`), and each of its
    attributes is one the allow-list keeps on that tag with that value (`_allowed_attribute`), never a URL.

    Both passes of `removals` parse the same HTML into the same tree and differ only where the allow-list
    drops a tag, an attribute, a URL's scheme or a comment: here there is none (no "<!"; an element the parser
    adds on its own, tbody, tr or colgroup, is on the list too), so `as_allowed` equals `as_written`. False
    says nothing: the passes decide. Tested against them on generated bodies (test_rendered_html)."""
    tags = 0
    for tag in PLAIN_TAG.finditer(html):   # a start tag: name, attributes, "/"; an end tag: its name
        tags += 1
        name = tag.group(1) or tag.group(4)
        if name not in ALLOWED_TAGS or (tag.group(2) and not _plain_attributes(name, tag.group(2))):
            return False
    return tags == html.count("<")


def _plain_attributes(tag: str, attributes: str) -> bool:
    kept = TAG_ATTRIBUTES.get(tag, frozenset())
    return tag not in TAG_ATTRIBUTE_VALUES and all(
        (name in GLOBAL_ATTRIBUTES or name in kept) and name not in URL_ATTRIBUTES
        and _allowed_attribute(tag, name, value) == value
        for name, value in PLAIN_ATTRIBUTE.findall(attributes))


# --- naming the difference


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.found.append(("end", tag, ()))

    def handle_data(self, data):
        self.found.append(("text", data, ()))

    def handle_comment(self, data):
        self.found.append(("comment", data, ()))


def _tokens(serialised: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(serialised)
    parser.close()
    return parser.found


def _differences(written: list[tuple], allowed: list[tuple]) -> list[Removal]:
    found: list[Removal] = []
    matcher = difflib.SequenceMatcher(None, [t[:2] for t in written], [t[:2] for t in allowed], autojunk=False)
    for op, w_start, w_end, a_start, _ in matcher.get_opcodes():
        if op == "equal":
            for offset in range(w_end - w_start):
                found += [_near(removal, written, w_start + offset)
                          for removal in _removed_attributes(written[w_start + offset], allowed[a_start + offset])]
        else:
            found += [_near(removal, written, index) for index in range(w_start, w_end)
                      if (removal := _removed_token(written[index]))]
    return found


def _near(removal: Removal, written: list[tuple], index: int) -> Removal:
    """The removal, with the text just before it as the last thing to look for in the source
    (a tag name spelt with a NUL byte or entities is not there as such)."""
    before = next((token[1].strip() for token in reversed(written[:index])
                   if token[0] == "text" and token[1].strip()), "")
    return Removal(removal.what, removal.needles + (before[-12:],)) if before else removal


def _removed_token(token: tuple) -> Removal | None:
    kind, name, attrs = token
    if kind == "start":
        return Removal(f"不允许的 HTML 标签 <{visible_controls(name)}>", (f"<{name}", name))
    if kind == "comment":
        return Removal(comment_message(name), ("<!", "-->", "--!>"))
    return None  # closing tags and the text inside removed <script>/<style> belong to their opening tag


def _removed_attributes(written: tuple, allowed: tuple) -> list[Removal]:
    if written[0] != "start" or written[2] == allowed[2]:
        return []
    kept = dict(allowed[2])
    found = []
    for name, value in written[2]:
        if name in kept and kept[name] == value:
            continue
        value = (value or "").strip()
        shown = visible_controls(value[:30])
        what = refusal(f"<{written[1]}>", name, shown)
        if name.startswith("on"):
            found.append(Removal(what, (f"{name}=", name)))
        elif name in URL_ATTRIBUTES:
            found.append(Removal(what, (value[:20], f"{name}=", name)))
        elif name == "style":
            found.append(Removal(what, ("style=", value[:20])))
        elif name == "title" and MARKUP_TITLE in value:
            found.append(Removal(title_message(shown), (value[:20], "&lt;", "title=", "\"")))
        else:
            found.append(Removal(what, (f"{name}=", name, value[:20])))
    return found


# --- the line in the source


def locate(removals_found: list[Removal], body: str) -> list[tuple[int, Removal]]:
    """(1-based body line, removal) for each removal. The k-th removal looking for a text is
    placed on the k-th line showing it, lines outside code blocks first (the scanner's idea of
    a code block may not be Markdown's); then lines showing it once entities are decoded. A
    removal whose text is nowhere (generated markup) gets the body's first line."""
    raw = body.split("\n")
    views = ([line.lower() for line in code_free_lines(body)], [line.lower() for line in raw],
             [html_text.unescape(line).lower() for line in raw])
    used: dict[str, int] = {}
    return [(_line_of(removal, views, used), removal) for removal in removals_found]


def _line_of(removal: Removal, views: tuple[list[str], ...], used: dict[str, int]) -> int:
    for needle in (n.lower() for n in removal.needles if n and n.strip()):
        candidates: list[int] = []
        for lines in views:
            candidates += [number for number, line in enumerate(lines, start=1)
                           if needle in line and number not in candidates]
        if candidates:
            seen = used.get(needle, 0)
            used[needle] = seen + 1
            return candidates[min(seen, len(candidates) - 1)]
    return 1

# Attributes whose URL the browser fetches with the page (an image, a video's poster, an object's data …);
# `href` only on the tags that embed by it (SVG's <image>, <use>, <link>), never on a plain link.
_EMBEDDING = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc"})
_EMBEDDING_HREF = frozenset({"image", "use", "link", "feimage"})
# Without one of these, no attribute of `html` embeds anything: an attribute's value follows its
# name, optional white space and "=" (a NUL in a name becomes U+FFFD, never a letter); href embeds only on the tags
# below, whose name follows "<" directly. Case-folded as the parser folds it (lowsrc and dynsrc end in src).
_MAY_EMBED_PARTS = (r"src[\t\n\f\r ]*=", r"srcset[\t\n\f\r ]*=", r"poster[\t\n\f\r ]*=", r"data[\t\n\f\r ]*=",
                    r"background[\t\n\f\r ]*=", "<image", "<use", "<link", "<feimage", "mermaid")
_MAY_EMBED = re.compile("|".join(_MAY_EMBED_PARTS), re.IGNORECASE)
# The same looked for part by part in the body lowered once (as the frame scan does, _plainly_inert): each
# part begins with a literal, which re finds fast without re.I; with re.I, or in one alternation, it tries every character.
_MAY_EMBED_LOWER = [re.compile(part) for part in _MAY_EMBED_PARTS]
_RESOURCE_NAMES = {"img": "图片", "audio": "音频", "video": "视频", "source": "音视频", "track": "字幕",
                   "iframe": "网页", "embed": "资源", "object": "资源"}


def remote_resources(html: str, written: str | None = None) -> list[Removal]:
    """Every resource of `html` a browser would load from another host with the page, in page order.
    `written`: `as_written(html)` when the caller has it already."""
    if "<" not in html or not _may_embed(html):
        return []
    found = []
    for kind, tag, attrs in _tokens(written if written is not None else as_written(html)):
        if kind != "start":
            continue
        for name, value in attrs:
            embeds = name in _EMBEDDING or (name in ("href", "xlink:href") and tag in _EMBEDDING_HREF)
            urls = [part.strip().split(" ")[0] for part in (value or "").split(",")] if name == "srcset" else [value or ""]
            for url in urls:
                if embeds and is_remote(url):
                    found.append(Removal(remote_resource_message(_RESOURCE_NAMES.get(tag, "资源"), url),
                                         (url[:20], f"{name}=", "![")))
        found += [Removal(theme_loading_message(name, url), (name, "class=")) for name, url in theme_loads(dict(attrs))]
    return found


def _shrunk_out_of_sight(html: str) -> list[Removal]:
    """Text the nesting of allowed elements draws too small to read (text/font_sizes.py): nothing is removed from it,
    so the allow-list's comparison cannot see it."""
    return [Removal(shrunk_text(tag, size), (f"<{tag}",)) for tag, size in shrunk_elements(html)]


def _may_embed(html: str) -> bool:
    """_MAY_EMBED.search(html): on the lowered body where that agrees with re.I (see CASE_FOLDED_TO_ASCII)."""
    if any(character in html for character in CASE_FOLDED_TO_ASCII):
        return bool(_MAY_EMBED.search(html))
    lowered = html.lower()
    return any(pattern.search(lowered) for pattern in _MAY_EMBED_LOWER)


def rendered_diagnostics(path: str, html: str, source: Callable[[], str]) -> list[Diagnostic]:
    """E401 for everything the allow-list would remove from the rendered `html` of the file at
    `path`, E404 for every resource it would load from another host; `source` gives its Markdown
    (front matter included), read only when needed."""
    if "<" in html and plainly_allowed(html):
        unsafe, remote = [], remote_resources(html)   # no sanitiser pass; E404 makes its own if the body may embed
    else:
        written = as_written(html) if "<" in html else html   # one keep-everything pass for both checks
        unsafe, remote = removals(html, written), remote_resources(html, written)
    unsafe += _shrunk_out_of_sight(html)
    if not unsafe and not remote:
        return []
    text = source()
    parts = split_front_matter(text)
    body, body_line = (parts[1], parts[2]) if parts else (text, 1)
    return [E401.at(path, body_line + line - 1, f"{removal.what}：网页中不得有脚本、内嵌框架、表单、事件属性、危险链接或注释；请删除，或改用 Markdown 写法")
            for line, removal in locate(unsafe, body)] + \
        [E404.at(path, body_line + line - 1, removal.what) for line, removal in locate(remote, body)]


# --- front matter in the page's templates (E403)



@dataclass(frozen=True)
class FrontMatterText:
    """One front-matter value that must only ever reach a page escaped."""
    path: str
    line: int
    key: str
    value: str


def risky_texts(path: str, meta: dict, line_of: Callable[..., int]) -> list[FrontMatterText]:
    """The text values (nested ones too) of a front matter that printing unescaped would turn into markup."""
    found = []

    def walk(value, keys: tuple) -> None:
        if isinstance(value, str) and RISKY_TEXT.search(value):
            found.append(FrontMatterText(path, line_of(*keys), ".".join(map(str, keys)), value))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                walk(item, keys + (number,))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, keys + (key,))

    walk(meta, ())
    return found


def unescaped_texts(texts: list[FrontMatterText], page: str, body: str, page_name: str) -> list[Diagnostic]:
    """E403 for each value the finished `page` shows verbatim more often than its Markdown `body`
    does: a template printed it without escaping."""
    return [E403.at(text.path, text.line, f"字段 {text.key} 的值“{visible_controls(text.value[:30])}”在 {page_name} 中未经转义输出，可能被当作网页代码执行；"
                       "请去掉值中的 <、\" 和 '，并告知网站维护人员检查模板")
            for text in texts if page.count(text.value) > body.count(text.value)]


def key_line(source: str, key: str) -> int:
    """The line of a top-level front-matter key in `source`; 1 when it is not found."""
    for number, line in enumerate(source.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if line.startswith(f"{key}:"):
            return number
    return 1


# --- the page around the body: what the theme prints from the configuration (E401, E404)

# <link> relations that only name a page (no request when the page loads); every other one loads.
_NAMING_RELS = frozenset({"canonical", "alternate", "next", "prev", "author", "license", "help", "search", "me",
                          "bookmark", "nofollow", "noopener", "noreferrer"})
_FRAMING_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
_DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
_SCRIPT_FILE = re.compile(r"\.js(?:[?#].*)?$", re.I)
_SCRIPT_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}[^\s\"'`)]*")
_STYLE_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)", re.I)
_STYLE_STRING = re.compile(r"['\"]\s*([^'\"\s]+)")
# Where a theme feature that loads from another host is switched on in mkdocs.yml, when the
# page does not show the value written there (a font's name becomes a Google Fonts address).
_SETTING_HINTS = (("fonts.googleapis", "font:"), ("fonts.gstatic", "font:"), ("googletagmanager", "analytics"),
                  ("__md_analytics", "analytics"), ("md-source", "repo_url"), ("dir=rtl", "direction:"))


@dataclass(frozen=True)
class FrameFinding:
    code: Rule                      # E401 (would run) or E404 (would load from another host)
    what: str
    needles: tuple[str, ...]


def page_frame(page: str, body: str) -> str:
    """The finished page without the body Markdown rendered (checked on its own, with its lines)."""
    return page.replace(body, "", 1) if body else page


def frame_findings(frame: str) -> list[FrameFinding]:
    """What the finished page's frame (header, footer, <head>) would run, or load from another host."""
    found: list[FrameFinding] = []
    tokens = _tokens(frame)
    for index, (kind, tag, attrs) in enumerate(tokens):
        if kind != "start":
            continue
        values = dict(attrs)
        found += _frame_tag(tag, values, _script_text(tokens, index) if tag in ("script", "style") else "")
    return list(dict.fromkeys(found))


def _script_text(tokens: list[tuple], index: int) -> str:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following[1] if following and following[0] == "text" else ""


def _frame_tag(tag: str, attrs: dict, text: str) -> list[FrameFinding]:
    context = text + " " + " ".join(f"{name}={value}" for name, value in attrs.items())
    hints = tuple(key for marker, key in _SETTING_HINTS if marker in context)
    return [FrameFinding(finding.code, finding.what, finding.needles + hints) for finding in _frame_problems(tag, attrs, text)]


def _frame_problems(tag: str, attrs: dict, text: str) -> list[FrameFinding]:
    found = []
    for name, value in attrs.items():
        value = value or ""
        if name.startswith("on"):
            found.append(FrameFinding(E401, f"事件属性 {name}（<{tag}>）", (f"{name}=", name, value[:20])))
        elif name in URL_ATTRIBUTES and is_unsafe_url(value):
            found.append(FrameFinding(E401, f"危险链接 {name}=\"{visible_controls(value[:30])}\"", (value[:20], f"{name}=")))
        elif name == "style":
            found += _style_urls(value)
            if not allowed_style(value):
                found.append(FrameFinding(E401, f"移动或隐藏文字的样式 style=\"{visible_controls(value[:30])}\"", (value[:20], "style=")))
        elif name == "title" and MARKUP_TITLE in value:
            found.append(FrameFinding(E401, f"提示文字 title=\"{visible_controls(value[:30])}\"{TITLE_FIX}", (value[:20], "title=")))
        elif name == "dir" and value.strip().lower() != "ltr":
            found.append(FrameFinding(E401, f"从右到左的文字方向 dir=\"{visible_controls(value[:10])}\"（数字分组会倒序显示）", ("dir=",)))
    if tag in _FRAMING_TAGS:
        found.append(FrameFinding(E401, f"<{tag}> 标签", (f"<{tag}", tag)))
    if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
        target = re.sub(r"^\s*[0-9.]*\s*[;,]?\s*(url\s*=\s*)?['\"]?", "", attrs.get("content") or "", flags=re.I)
        if is_remote(target) or is_unsafe_url(target):
            found.append(FrameFinding(E401, f"跳转到“{visible_controls(target[:40])}”的 <meta http-equiv=refresh>", (target[:20], "refresh")))
    if tag == "script" and not attrs.get("src") and (attrs.get("type") or "").lower() not in _DATA_SCRIPT_TYPES \
            and text.strip():
        found.append(FrameFinding(E401, f"内联脚本“{visible_controls(text.strip()[:30])}”", (text.strip()[:20], "<script")))
        found += [FrameFinding(E404, remote_resource_message("脚本", url), (url[:40], _host(url)))
                  for url in _SCRIPT_URL.findall(text)]
    script_address = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
    if tag == "script" and script_address and is_remote(script_address):
        found.append(FrameFinding(E404, remote_resource_message("脚本", script_address), (script_address[:40], _host(script_address))))
    if tag == "script" and attrs.get("src") and not _SCRIPT_FILE.search(attrs["src"]):
        # Only .js files are scripts of the site (the theme's); a .json or .txt a page names as its
        # script would run too where the server does not send nosniff.
        found.append(FrameFinding(E401, f"脚本地址“{visible_controls(attrs['src'][:40])}”不是 .js 文件", (attrs["src"][:20], "<script")))
    for name in ("action", "formaction"):
        if (tag == "form" or name == "formaction") and is_remote(attrs.get(name) or ""):
            found.append(FrameFinding(E401, f"向其他网站提交的表单（{visible_controls(attrs[name][:40])}）", (attrs[name][:20], f"{name}=")))
    found += [FrameFinding(E404, remote_resource_message(_RESOURCE_NAMES.get(tag, "资源"), url), (url[:40], _host(url)))
              for url in _loaded_urls(tag, attrs) if is_remote(url)]
    # A link's ping (hyperlink auditing: a POST to each address on every click) and Chrome's attributionsrc (a request
    # to each address when an image loads or a link is clicked): sent to another host without the reader asking.
    found += [FrameFinding(E404, remote_resource_message(f"{name} 上报地址", url), (url[:40], f"{name}="))
              for name in _REPORTING if name in attrs for url in (attrs[name] or "").split() if is_remote(url)]
    if attrs.get("data-md-component") == "source" and is_remote(attrs.get("href") or ""):
        # Material's script reads the repository's facts (stars, forks) from that host's API on every page.
        found.append(FrameFinding(E404, remote_resource_message("仓库信息（主题脚本会读取其星标、复刻数）", attrs["href"]),
                                  (attrs["href"][:40], "md-source")))
    if tag == "style":
        found += _style_urls(text)
    found += [FrameFinding(E404, theme_loading_message(name, url), (name, "class=")) for name, url in theme_loads(attrs)]
    return found


_REPORTING = ("ping", "attributionsrc")


def _loaded_urls(tag: str, attrs: dict) -> list[str]:
    urls = []
    for name, value in attrs.items():
        value = value or ""
        if name in ("srcset", "imagesrcset"):
            urls += [part.strip().split(" ")[0] for part in value.split(",")]
        elif name in _EMBEDDING or (name in ("href", "xlink:href") and tag in _EMBEDDING_HREF - {"link"}):
            urls.append(value)
    rels = set((attrs.get("rel") or "").lower().split())
    if tag == "link" and attrs.get("href") and not rels <= _NAMING_RELS:
        urls.append(attrs["href"])
    return urls


def _style_urls(css: str) -> list[FrameFinding]:
    return [FrameFinding(E404, remote_resource_message("样式资源", url), (url[:40], _host(url))) for url in _remote_style_urls(css)]


def _remote_style_urls(css: str) -> list[str]:
    css = css_unescaped(css)   # every escape, as a browser reads it: u\rl(, https\:\/\/, \68ttps
    urls = _STYLE_URL.findall(css) + _STYLE_STRING.findall(css)   # image-set() takes plain strings
    return [url for url in dict.fromkeys(urls) if is_remote(url)]


def style_sheet_remote(css: str) -> list[tuple[int, str]]:
    """(line, address) for each address of another host a style sheet loads (url(), @import, image-set()
    strings, escapes read): a sheet of the theme folder is copied into the site and loaded by every page."""
    lines = css.split("\n")
    return [(next((number for number, line in enumerate(lines, 1) if url[:40] in line or _host(url) in line), 1), url)
            for url in _remote_style_urls(css)]


# Properties whose value a browser draws as text on the page: a string, a counter's number, an attribute's value.
_TEXT_PROPERTIES = frozenset({"content", "quotes", "list-style", "list-style-type", "text-overflow", "text-emphasis",
                              "text-emphasis-style"})
_TEXT_FUNCTIONS = frozenset({"attr", "counter", "counters", "string", "symbols", "leader", "target-text", "target-counter"})


def style_sheet_text(css: str) -> list[tuple[int, str]]:
    """(line, value) of each declaration of a style sheet that writes text into the pages (`content: "1380013"` before
    an element holding 8000; a counter set to a number): text that is in no page's source and that no scan reads."""
    import tinycss2
    return sorted((part.source_line, tinycss2.serialize(part.value).strip()[:60]) for _, part in _declarations(css)
                  if part.lower_name in _TEXT_PROPERTIES and _writes_text(part.value))


def style_sheet_fonts(css: str) -> list[tuple[int, str]]:
    """(line, source) of each font a style sheet gives the pages from a file (@font-face's src: url(…)): a font decides
    how each character is drawn, and one of the site's own may draw "x" as "8" (1380013xxxx shown as a mobile, round
    33a) or one character as another; no check reads what it draws. A font of the reader's computer (local()) is none."""
    import tinycss2
    return sorted((part.source_line, tinycss2.serialize(part.value).strip()[:60]) for rule, part in _declarations(css)
                  if getattr(rule, "lower_at_keyword", None) == "font-face" and part.lower_name == "src"
                  and _names_a_file(part.value))


def _declarations(css: str):
    """(rule, declaration) for each declaration of a style sheet, in rules nested at any depth (@media, @supports …)."""
    import tinycss2
    pending = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    while pending:
        rule = pending.pop()
        if getattr(rule, "content", None) is None:
            continue
        inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        pending += [part for part in inner if part.type in ("qualified-rule", "at-rule")]
        yield from ((rule, part) for part in inner if part.type == "declaration")


def _names_a_file(tokens) -> bool:
    return any(token.type == "url" or token.type == "function" and (token.lower_name in ("url", "src")
               or _names_a_file(token.arguments)) for token in tokens)


def _writes_text(tokens) -> bool:
    return any(token.type == "string" and token.value.strip() or token.type == "function"
               and (token.lower_name in _TEXT_FUNCTIONS or _writes_text(token.arguments)) for token in tokens)


# An address of another host written as a string of a script (an analytics snippet: "https://hm.…/hm.js"):
# quoted, so that a commented-out line (//console.log) is no address.
_QUOTED_SCRIPT_URL = re.compile(r"""["'`]\s*((?:https?:)?//[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}[^\s"'`)]*)""", re.I)


def script_remote(script: str) -> list[tuple[int, str]]:
    """(line, address) for each address of another host a script of the theme folder names as a string."""
    return [(number, match.group(1)) for number, line in enumerate(script.split("\n"), 1)
            for match in _QUOTED_SCRIPT_URL.finditer(line)]


# A script can build any address at run time ('ht' + 'tps://', a variable, an escape, window['fe' + 'tch']), so
# no pattern finds every address it loads. What is checkable is the call that loads: each use of an interface
# that sends a request or loads a resource, or that runs text as code, is refused unless what it is given is a
# relative address written out as one string ("search/x.json"). Matched on the script with comments taken out.
_LOADING_CALL = re.compile(
    r"\b(?P<call>fetch|importScripts|sendBeacon|open|import|setAttribute(?:NS)?|setProperty|insertRule|insertAdjacentHTML"
    r"|write(?:ln)?|eval|Function|set(?:Timeout|Interval)|register|Worker|SharedWorker|WebSocket|EventSource|URL|Image"
    r"|Audio|Request|replaceSync|createContextualFragment|parseFromString|setHTML(?:Unsafe)?|navigate|createElement(?:NS)?)\s*\("
    r"|\blocation\s*\.\s*(?P<navigation>assign|replace)\s*\("
    r"|\b(?P<object>XMLHttpRequest|ActiveXObject|WebSocket|EventSource|Worker|SharedWorker|fetch|sendBeacon"
    r"|importScripts|eval|constructor|Reflect|__proto__|prototype)\b"
    r"|\bimport\b[^;()'\"`]*?\bfrom(?P<from>)\s*|\bimport(?P<bare_import>)\s*(?=[\"'`])"
    r"|\bObject\s*\.\s*(?P<merge>assign|defineProperty|defineProperties)\b"
    r"|\.\s*(?P<property>src|srcset|href|action|formaction|poster|data|background|location|innerHTML|outerHTML"
    r"|cssText|backgroundImage|background|content|srcdoc|ping)\s*(?:\+?=)(?!=)|(?<![\w.$])(?P<bare>location)\s*=(?!=)"
    r"|\[(?P<keyed>)\s*[\"'`]\s*[\"'`]\s*\]"   # a property named by a string (`el['src']`, `window['fetch']`): any, strings blanked
    r"|\b(?P<dynamic>window|self|globalThis|document|top|parent|frames|navigator|location)\s*(?:\?\.)?\s*\["
    r"|(?<![\w$.])(?P<scope>with)\s*\(")   # with (img) { src = u }: every bare name inside is a property of img
# What the call is given: a string written out whole, then the end of the argument or statement.
_STRING_ARGUMENT = re.compile(r"""\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.)*)`)\s*(?=[),;}\]\n]|$)""")
_JS_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|(.))", re.S)
# A // comment ends at any line terminator the engine knows (a carriage return, U+2028, U+2029 as a line feed).
_JS_COMMENT = re.compile(r"""/\*.*?\*/|(?<![:"'\\])//[^\n\r\u2028\u2029]*|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)""", re.S)
# Text that may name another host: a scheme, //, an escape, markup. A relative url() (a banner's picture) asks the
# site's own host, as a relative src does.
_NOT_PLAIN_TEXT = re.compile(r"[:\\]|//|<")


def script_loading(script: str) -> list[tuple[int, str]]:
    """(line, the call) for each use of a loading interface (above) a script of the theme folder makes with
    anything but a relative address written out as one string: a script may not build, at run time, an
    address of another host (or run text as code that does)."""
    code = _JS_COMMENT.sub(lambda m: m.group(1) or re.sub(r"[^\n]", " ", m.group()), script)
    # Strings blanked too (their quotes kept): no call is found inside a string.
    words = _JS_COMMENT.sub(lambda m: m.group()[0] + re.sub(r"[^\n]", " ", m.group()[1:-1]) + m.group()[-1]
                            if m.group(1) else re.sub(r"[^\n]", " ", m.group()), script)
    found = []
    for match in _LOADING_CALL.finditer(words):
        kind, name = match.lastgroup, match.group(match.lastgroup)
        if kind in ("call", "property", "bare", "from", "bare_import", "navigation") and \
                _plain_argument(code, match.end(), name or "import"):
            continue
        if kind == "object" and name in ("fetch", "sendBeacon", "importScripts", "eval") and \
                re.compile(r"\s*\(").match(words, match.end()):
            continue   # a call: judged by its argument above (the same place matched as `call`)
        written = code[match.start():match.end()]
        if kind == "keyed" and _js_unescaped(written.strip("[]'\"` \t")) not in _LOADING_KEYS:
            continue   # data['title']: a property that loads nothing
        found.append((code.count("\n", 0, match.start()) + 1, written.strip()))
    lines = {line for line, _ in found}
    computed = {code.count("\n", 0, at) + 1: written for at, written in reversed(list(_computed_names(code, words)))}
    return sorted(found + [(line, written) for line, written in computed.items() if line not in lines])


# A property a script reaches by a name it computes (`x[k]`, `this['fe' + 'tch']`, x[`${a}`]) can be any property:
# src, fetch, innerHTML …; none of the loading calls above would see it. A member access (`[` after a name, `)` or
# `]`, not after a keyword: an array or a destructuring) must name its property plainly: a number (rows[0]) or a
# string written out (data["title"], judged above). An attribute node's value (`attributes.src.value`,
# getAttributeNode) sets the attribute itself.
_MEMBER_OPENING = re.compile(r"(?:(?<![\w$])(?!(?:return|in|of|case|typeof|void|yield|await|else|do|new|delete|throw|instanceof|let|const|var)\b)"
                             r"[\w$]+|[)\]])\s*(?:\?\.\s*)?\[")
_PLAIN_NAME = re.compile(r"""\s*(?:\d+|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\$]|\\.)*`)\s*""")
_ATTRIBUTE_NODE = re.compile(r"\.\s*(?:attributes|getAttributeNode(?:NS)?|setAttributeNode(?:NS)?|createAttribute(?:NS)?)\b")


def _computed_names(code: str, words: str) -> Iterator[tuple[int, str]]:
    """(offset, what is written) for each property a script reaches by a name it computes, or by an attribute node.
    A loop's counter read inside its loop (`buttons[i]`, script_counters.py) is an index: a number, as rows[0] is."""
    loops = trusted_loops(code, words)
    for match in _MEMBER_OPENING.finditer(words):
        start, depth, at = match.end(), 1, match.end()
        while depth and at < len(words):
            depth += {"[": 1, "]": -1}.get(words[at], 0)
            at += 1
        named = words[start:at - 1].strip()
        if any(named == counter and begin <= start <= end for counter, begin, end in loops):
            continue
        if not _PLAIN_NAME.fullmatch(code, start, at - 1):
            yield match.start(), code[match.start():at].strip()[:60]
    for match in _ATTRIBUTE_NODE.finditer(words):
        yield match.start(), match.group().strip()


# Properties that load or run what they are given, when named by a string (`el['src'] = u`, `window['fetch']`).
_LOADING_KEYS = frozenset("""src srcset href action formaction poster data background backgroundImage cssText location
innerHTML outerHTML content fetch open write writeln sendBeacon importScripts eval constructor setAttribute
insertAdjacentHTML assign replace register srcdoc ping createContextualFragment parseFromString setHTMLUnsafe setHTML
navigate createElement createElementNS""".split())
# Elements a script may not make: each loads what it names or runs what it holds, whatever property or attribute
# is then set on it (`s[k] = u` with a name computed at run time cannot be read); a name not written out is refused.
_LOADING_ELEMENTS = frozenset("""script style link iframe frame object embed img image audio video source track input
base meta use feimage svg math portal fencedframe""".split())


_URL_ATTRIBUTE_NAMES = frozenset({"src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "data",
                                  "background", "style", "ping", "codebase", "manifest", "content", "http-equiv"})
_FUNCTION_ARGUMENT = re.compile(r"\s*(?:function\b|\(|[\w$]+\s*=>)")


def _plain_argument(code: str, at: int, name: str) -> bool:
    """Whether what the call or assignment at `at` is given is harmless: a relative address (or plain text)
    written out as one string; for setAttribute, an attribute that loads nothing or such a value; for a timer,
    a function (a string would run as code)."""
    if name in ("setTimeout", "setInterval"):
        return bool(_FUNCTION_ARGUMENT.match(code, at))
    if name in ("eval", "Function", "setAttributeNS", "createElementNS"):
        return False   # text run as code; an attribute named after its namespace (xlink:href …), an SVG element
    first = _STRING_ARGUMENT.match(code, at)
    if first is None:
        return False
    value = _js_unescaped("".join(first.groups("")))
    if name == "createElement":
        return value.strip().lower() not in _LOADING_ELEMENTS
    if name == "insertAdjacentHTML":   # where (a plain word), then the markup: judged as the markup
        second = re.compile(r"\s*,").match(code, first.end())
        first = second and _STRING_ARGUMENT.match(code, second.end())
        return bool(first) and not _NOT_PLAIN_TEXT.search(_js_unescaped("".join(first.groups(""))))
    if name in ("setAttribute", "setProperty"):
        if value.lower().startswith("on"):
            return False   # an event handler: its value runs as code
        if value.lower() not in _URL_ATTRIBUTE_NAMES and name != "setProperty":
            return True
        second = re.compile(r"\s*,").match(code, first.end())
        first = second and _STRING_ARGUMENT.match(code, second.end())
        if not first:
            return False
        value = _js_unescaped("".join(first.groups("")))
    return not _NOT_PLAIN_TEXT.search(value)


def _js_unescaped(text: str) -> str:
    def character(match: re.Match) -> str:
        hex_digits = match.group(1) or match.group(2) or match.group(3)
        return chr(min(int(hex_digits, 16), 0x10FFFF)) if hex_digits else match.group(4)
    return _JS_ESCAPE.sub(character, text)


def _host(url: str) -> str:
    return re.sub(r"^[a-z][a-z0-9+.\-]*:", "", url.strip(), flags=re.I).lstrip("/\\").split("/")[0]


def frame_diagnostics(findings: list[FrameFinding], page_name: str, sources: list[tuple[str, str]]) -> list[Diagnostic]:
    """E401/E404 for each finding of a page's frame, on the line of the configuration or template
    (`sources`: (shown path, text), mkdocs.yml first) that writes it; mkdocs.yml's first line when none shows it."""
    found = []
    for finding in findings:
        path, line = _source_of(finding.needles, sources)
        code = finding.code
        fix = ("网页中不得有脚本、内嵌框架、事件属性或危险链接；请从 mkdocs.yml、catalogue.yaml 或模板中删除"
               if finding.code is E401 else "主题设置不得让页面从其他网站加载字体、脚本、统计代码或图片")
        found.append(code.at(path, line, f"{finding.what}（由主题印在 {page_name} 等页面上）：{fix}"))
    return found


def _source_of(needles: tuple[str, ...], sources: list[tuple[str, str]]) -> tuple[str, int]:
    for needle in (n.lower() for n in needles if n and n.strip()):
        for path, text in sources:
            for number, line in enumerate(text.lower().split("\n"), start=1):
                if needle in line or needle in html_text.unescape(line):
                    return path, number
    return (sources[0][0], 1) if sources else ("mkdocs.yml", 1)


# --- a unit's finished files, as the merge receives them (E700)

# What a unit build writes outside the theme's assets/: pages, feeds and sitemaps, exports, search
# data, robots.txt, and attachments of the types an editor may publish (the inventory's list).
_BUILD_OUTPUT_TYPES = frozenset({"html", "xml", "json", "csv", "txt", "gz", "bin"})
_FEED_NAMESPACES = frozenset({"http://www.w3.org/2005/Atom", "http://www.sitemaps.org/schemas/sitemap/0.9",
                              "http://www.w3.org/XML/1998/namespace"})
_XML_NAMESPACE = re.compile(r"xmlns(?::[\w.-]+)?\s*=\s*[\"']([^\"']*)[\"']")


def published_file_problem(path: str, read: Callable[[], bytes], attachment_types: frozenset[str]) -> str | None:
    """Why a finished file may not be published as a unit build handed it over: a page that would run a
    script or load from another host (what the build's own checks keep out of every page it renders),
    a file a browser runs (script, style sheet, SVG, web page of another extension), a feed that a
    browser would render with a style sheet or as XHTML, search rows leading outside the unit. None: fine."""
    extension = file_extension(path)
    if extension not in _BUILD_OUTPUT_TYPES | attachment_types:
        return f"“.{extension}”文件不是生成的网页、导出或可发布的附件类型，浏览器可能运行它（脚本、样式表、SVG、网页）"
    if extension == "gz" and (inner := file_extension(path[:-len(".gz")])) not in _BUILD_OUTPUT_TYPES - {"gz"}:
        return (f"“.{inner}.gz”不是生成会写的压缩文件（生成只压缩站点地图这类网页数据），"
                "其中的附件合并读不到，读者下载解压后却能打开")
    if extension not in ("html", "xml"):
        return None
    data = read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:   # a UTF-16 page with its byte-order mark is shown by every browser, unseen by these checks
        return "页面或订阅不是 UTF-8 编码（单位生成的文件都是 UTF-8），浏览器会按另一种编码显示它，这里的检查读不到"
    if {name.lower().replace(b"_", b"-") for name in _DECLARED_ENCODING.findall(data)} - {b"utf-8", b"utf8"}:
        return "页面或订阅声明了 UTF-8 以外的编码，浏览器会按那种编码显示它（单位生成的文件都是 UTF-8）"
    if extension == "html":
        findings = page_findings(text)
        return f"页面含有{findings[0].what}，单位生成的页面中不会有它" if findings else None
    foreign = [name for name in _XML_NAMESPACE.findall(text) if name not in _FEED_NAMESPACES]
    if "<?xml-stylesheet" in text or foreign:
        return "订阅或站点地图带有样式表或网页命名空间，浏览器打开时可能运行脚本"
    if _DOCUMENT_TYPE.search(text):
        return ("订阅或站点地图带有文档类型定义（<!DOCTYPE …>，单位生成的订阅和站点地图中不会有它）：其中定义的实体能写出"
                "这里的检查看不到的网页元素，浏览器打开时可能运行脚本")
    if unwritten := _unwritten_feed_markup(text):
        return (f"订阅或站点地图中有生成不会写的 {unwritten}：订阅阅读器会从其他网站载入图标、图片或文件，"
                "或把摘要当作网页显示")
    return None


# What the build's feeds and sitemaps are made of (overrides/disclosure/feed.xml, sitemap.xml, sitemap-index.xml):
# text in elements, links to the site's pages. A feed reader loads <icon>, <logo>, an enclosure, and the pictures of
# a <content> or a summary of type="html" from wherever they point; no build writes them.
_FEED_ELEMENTS = frozenset({"feed", "title", "subtitle", "id", "link", "updated", "author", "name", "entry", "published",
                            "category", "summary", "urlset", "url", "loc", "lastmod", "sitemapindex", "sitemap"})
_FEED_ATTRIBUTES = {"feed": {"xmlns", "xml:lang", "xml:base"}, "link": {"rel", "type", "href"}, "category": {"term"},
                    "urlset": {"xmlns"}, "sitemapindex": {"xmlns"}}
_FEED_LINK_RELATIONS = frozenset({"self", "alternate"})
_XML_START_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)")   # every start, well-formed or not
# A name starts only where a run of name characters does (the look-behind), taken whole (possessive): a start tag of a
# megabyte of name characters and no "=" was tried at each of its characters, each try running to its end (a unit's
# feed.xml of 40,000 took 25 s to read, of a megabyte hours). The same attributes as the plain pattern, in linear time.
_XML_ATTRIBUTE = re.compile(r"(?<![^\s=/>\"'])([^\s=/>\"']++)\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s>\"']++))")


_XML_OPENING = {name: re.compile(rf"<{name}\b") for name in ("id", "loc")}
_XML_CLOSING = {name: re.compile(rf"</{name}\s*>") for name in ("id", "loc")}


def _element_texts(text: str, name: str) -> list[str]:
    r"""The text of every <name> element, as the pattern <name\b[^>]*>(.*?)</name\s*> finds them, looked for once from
    each element on: the pattern tried every unclosed <id> to the file's end (a feed of them: hours)."""
    found, at = [], 0
    while (opening := _XML_OPENING[name].search(text, at)) is not None:
        start = text.find(">", opening.end())
        closing = _XML_CLOSING[name].search(text, start + 1) if start >= 0 else None
        if closing is None:   # nor is there one after any later <name>
            break
        found.append(text[start + 1:closing.start()])
        at = closing.end()
    return found


def feed_addresses(text: str) -> dict[str, list[str]]:
    """The addresses a feed or sitemap gives, as a reader takes them (references read): every xml:base and link href
    (start tags read as `_unwritten_feed_markup` reads them, well-formed or not), every <id> and <loc> text (a CDATA
    section or comment inside is kept as written, so that it matches no address)."""
    found: dict[str, list[str]] = {"base": [], "href": [], "id": [], "loc": []}
    for tag in _XML_START_TAG.finditer(text):
        for attribute in _XML_ATTRIBUTE.finditer(tag.group(2)):
            key, value = attribute.group(1), next(part for part in attribute.groups()[1:] + ("",) if part is not None)
            if key == "xml:base" or key == "href" and tag.group(1) == "link":
                found["base" if key == "xml:base" else "href"].append(html_text.unescape(value))
    for name in _XML_OPENING:
        found[name] = [html_text.unescape(value) for value in _element_texts(text, name)]
    return found


def _unwritten_feed_markup(text: str) -> str | None:
    """The first element, attribute or link relation of a feed or sitemap that the build's templates never write."""
    for tag in _XML_START_TAG.finditer(text):
        name = tag.group(1)
        if name not in _FEED_ELEMENTS:
            return f"<{name}> 元素"
        for attribute in _XML_ATTRIBUTE.finditer(tag.group(2)):
            key, value = attribute.group(1), next(part for part in attribute.groups()[1:] + ("",) if part is not None)
            if key not in _FEED_ATTRIBUTES.get(name, ()):
                return f"<{name}> 的 {key} 属性"
            if name == "link" and key == "rel" and value not in _FEED_LINK_RELATIONS:
                return f"rel=\"{value[:20]}\" 的链接"
    return None


# A document type declaration: its entities, written with character references (xml&#110;s), expand to elements in the
# XHTML namespace that a browser runs as a page's (<h:script>), unseen by the namespace check above. The build writes none.
_DOCUMENT_TYPE = re.compile(r"<!DOCTYPE", re.I)


def file_extension(path: str) -> str:
    """The extension of a published path's file name, lower-case ("" without one)."""
    return path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""


# An encoding a page or feed declares: a browser reads it so (ISO-2022-JP is all ASCII bytes, so valid UTF-8 too).
_DECLARED_ENCODING = re.compile(rb"""<(?:meta\b[^<>]*?charset|\?xml\b[^<>]*?encoding)\s*=\s*["']?\s*([\w.:-]+)""", re.I)


# A page none of these find is parsed no further (a platform's pages are many; parsing each takes
# milliseconds): each is broader than what frame_findings looks for, so a page it would flag is never skipped.
_MAYBE_RISKY = [re.compile(pattern, re.I) for pattern in (
    r"""[\s"'/]on[a-z]*+\s*+=""",                        # an event handler attribute
    r"&(?!(?:amp|lt|gt|quot|nbsp|#39|#x27);)[#a-z]",   # an entity that could spell a scheme or a name
    r"[tae][\x00-\x20\x7f]*+:",                          # the end of javascript:, vbscript:, data:, file: (blanks inside are ignored)
    r"<\s*/?\s*(?:iframe|frame|object|embed|applet|base|style|use|image|feimage)\b",
    r"http-equiv", r"\saction\s*=", r"url\s*\(", r"@import", r"expression", r"data-md-component=.source",
    r"image-set", r"imagesrcset", r"formaction", r"\\[0-9a-f]", r"mermaid",
    r"""\btitle\s*+=\s*+(?:"[^"]*?(?:<|&lt|&\#)|'[^']*?(?:<|&lt|&\#))""",   # a title with markup (content.tooltips)
    r"[\s\"'/]style\s*+=", r"""[\s"'/]dir\s*+=\s*+(?!["']?ltr\b)""",   # a style or a direction that moves text
)]
# The value of an attribute whose address the browser loads (possessive: linear on any page).
_LOADED_VALUE = re.compile(r"\b(?:src|srcset|poster|background|lowsrc|dynsrc|data|xlink:href)\s*+=\s*+(\"[^\"]*+|'[^']*+|[^\s>]*+)", re.I)
# The value of one the browser reports to (_REPORTING), looked for only where the page holds its name (str.find).
_REPORTED_VALUES = [re.compile(name + r"\s*+=\s*+(\"[^\"]*+|'[^']*+|[^\s>]*+)") for name in ("ping", "attributionsrc")]
_NOT_RELATIVE = re.compile(r"//|[:\\]")   # another host, a scheme, or a backslash browsers read as /
_SCRIPT_TAG = re.compile(r"<\s*script\b", re.I)
_PLAIN_SCRIPT = re.compile(r'<script src="[^":\\/][^":\\]*\.js"(?: data-scope="[^"]*")?>'
                           r'|<script id="__config" type="application/json">')
_LINK_START = re.compile(r"<\s*link\b", re.I)
_LINK_TAG = re.compile(r"<\s*link\b[^>]{0,4096}+>", re.I)   # bounded: a page of unclosed <link is not quadratic
_PLAIN_LINK = re.compile(r'<link (?:rel="(?:canonical|alternate|next|prev)"(?: type="[^"]*")?(?: title="[^"]*")? href="[^"]*"'
                         r'|(?:rel="[a-z ]+" )?href="[^":\\/][^":\\]*")>')


# The same scan without re.I, on the page lowered once: re.I makes every pattern compare letter by letter
# (no fast search for a literal), about 2.5 ms of a 20 KB page, most of the frame check's time. The two
# agree on every page without CASE_FOLDED_TO_ASCII (text/html_text.py): there every letter matches
# under re.I exactly when its lowercase is the pattern's, and the lowered page keeps every offset.
# A page the quick scan does not pass is parsed: the scan may be broader, never narrower.
# A pattern that begins with a character class or \b is tried at every character of the page (about
# 150 µs a pattern on a 20 KB page); one that begins with a literal is found by a fast search for it.
# So each such pattern is written here to begin with its literal, the class moved into a lookbehind of
# the same width (`[\s"'/]on` becomes `on(?<=[\s"'/]on)`, `\btitle` becomes `title(?<!\wtitle)`): the
# same matches at the same places. `[tae][blanks]*:`, whose literal is last, is looked for on the
# reversed page (`:[blanks]*[tae]`), which holds a match exactly when the page does.
_LITERAL_FIRST = {
    r"""[\s"'/]on[a-z]*+\s*+=""": r"""on(?<=[\s"'/]on)[a-z]*+\s*+=""",
    r"\saction\s*=": r"action(?<=\saction)\s*=",
    r"""\btitle\s*+=\s*+(?:"[^"]*?(?:<|&lt|&\#)|'[^']*?(?:<|&lt|&\#))""":
        r"""title(?<!\wtitle)\s*+=\s*+(?:"[^"]*?(?:<|&lt|&\#)|'[^']*?(?:<|&lt|&\#))""",
    r"[\s\"'/]style\s*+=": r"""style(?<=[\s"'/]style)\s*+=""",
    r"""[\s"'/]dir\s*+=\s*+(?!["']?ltr\b)""": r"""dir(?<=[\s"'/]dir)\s*+=\s*+(?!["']?ltr\b)""",
}
_REVERSED = {r"[tae][\x00-\x20\x7f]*+:": r":[\x00-\x20\x7f]*+[tae]"}
_MAYBE_RISKY_LOWER = [re.compile(_LITERAL_FIRST.get(pattern.pattern, pattern.pattern))
                      for pattern in _MAYBE_RISKY if pattern.pattern not in _REVERSED]
_MAYBE_RISKY_REVERSED = [re.compile(_REVERSED[pattern.pattern]) for pattern in _MAYBE_RISKY if pattern.pattern in _REVERSED]
# Without the leading \b (which keeps the engine from skipping ahead to a possible first letter): it
# also takes e.g. `metadata=`, which can only make a page be parsed, never let one through unparsed.
_LOADED_VALUE_LOWER = re.compile(_LOADED_VALUE.pattern.removeprefix(r"\b"))
_SCRIPT_TAG_LOWER = re.compile(_SCRIPT_TAG.pattern)
_LINK_START_LOWER = re.compile(_LINK_START.pattern)
_LINK_TAG_LOWER = re.compile(_LINK_TAG.pattern)


def _plainly_inert(page: str, lowered: str | None = None) -> bool:
    """True when the page can hold nothing frame_findings reports (checked without parsing it); `lowered`: the
    page lowered, when the caller has it."""
    if any(character in page for character in CASE_FOLDED_TO_ASCII):
        return _plainly_inert_slowly(page)
    lowered = page.lower() if lowered is None else lowered
    if any(pattern.search(lowered) for pattern in _MAYBE_RISKY_LOWER):
        return False
    if _MAYBE_RISKY_REVERSED and any(pattern.search(lowered[::-1]) for pattern in _MAYBE_RISKY_REVERSED):
        return False
    values = (page[match.start(1):match.end(1)] for match in _LOADED_VALUE_LOWER.finditer(lowered))
    if any(_NOT_RELATIVE.search(_URL_IGNORED.sub("", value)) for value in values) or _reports_elsewhere(lowered, page):
        return False
    if len(_SCRIPT_TAG_LOWER.findall(lowered)) != len(_PLAIN_SCRIPT.findall(page)):
        return False
    tags = [page[match.start():match.end()] for match in _LINK_TAG_LOWER.finditer(lowered)]
    return len(tags) == len(_LINK_START_LOWER.findall(lowered)) and all(_PLAIN_LINK.fullmatch(tag) for tag in tags)


def _reports_elsewhere(lowered: str, page: str) -> bool:
    """Whether a ping or attributionsrc of the page (found in `lowered`, read in `page`) may name another host."""
    return any(name in lowered and any(_NOT_RELATIVE.search(_URL_IGNORED.sub("", page[match.start(1):match.end(1)]))
                                       for match in pattern.finditer(lowered))
               for name, pattern in zip(("ping", "attributionsrc"), _REPORTED_VALUES))


def _plainly_inert_slowly(page: str) -> bool:
    """_plainly_inert with re.I, for a page holding one of CASE_FOLDED_TO_ASCII."""
    if any(pattern.search(page) for pattern in _MAYBE_RISKY):
        return False
    if any(_NOT_RELATIVE.search(_URL_IGNORED.sub("", value)) for value in _LOADED_VALUE.findall(page)) \
            or _reports_elsewhere(page.lower(), page):
        return False
    if len(_SCRIPT_TAG.findall(page)) != len(_PLAIN_SCRIPT.findall(page)):
        return False
    tags = _LINK_TAG.findall(page)
    return len(tags) == len(_LINK_START.findall(page)) and all(_PLAIN_LINK.fullmatch(tag) for tag in tags)


def page_findings(page: str) -> list[FrameFinding]:
    """frame_findings of a finished page (or its frame), parsed as a browser parses it: html5ever first
    (linear on any input; Python's HTMLParser is quadratic on thousands of unclosed tags), after the quick scan;
    and the attributes of its <html> and <body> tags, which that parse of a fragment drops; and text its nesting
    shrinks out of sight (a unit's page at the merge: no build writes it)."""
    lowered = page.lower()   # once for both quick scans (a tenth of a millisecond each)
    inert = _plainly_inert(page, lowered)
    if inert and not may_shrink(page, lowered) and not may_name_a_theme_class(_document_body(page)):
        return []
    written = as_written(page)   # well formed: the size follower's parser reads it in linear time
    found = [] if inert else frame_findings(written) + _document_findings(page)
    return list(dict.fromkeys(found + [FrameFinding(E401, shrunk_text(tag, size), (f"<{tag}",))
                                       for tag, size in shrunk_elements(written)] + _body_class_findings(written)))


# Where a document's page holds its body (overrides/disclosure/document.html): the rendered Markdown, then the
# attachments and relations, to the article's end. A page's frame uses the theme's classes; its body may not.
_BODY_START = '<div class="dc-body">'


def _document_body(page: str) -> str:
    start = page.find(_BODY_START)
    if start < 0:
        return ""
    end = page.find("</article>", start)
    return page[start + len(_BODY_START):end if end >= 0 else len(page)]


def _body_class_findings(written: str) -> list[FrameFinding]:
    """E401 for a class in a document's body that the theme hides what it holds by (text/allow_list.py `theme_class`):
    what the build refuses in a body it renders, in a page a unit hands over (a compromised job writes it itself)."""
    body = _document_body(written)
    if not may_name_a_theme_class(body):
        return []
    reader = _ClassReader()
    reader.feed(body)
    reader.close()
    return [FrameFinding(E401, refusal("正文", "class", visible_controls(value[:30])), ("class=", value[:20]))
            for value in reader.classes if theme_class(value)]


class _ClassReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.classes += [value for name, value in attrs if name == "class" and value]


# The start tags a fragment parse drops and a browser keeps: <html> and <body>, wherever the page writes them (a
# browser gives each one's attributes to the page's one <html> or <body> element, a second <body onload=…> further
# down too; Material prints mkdocs.yml's theme values, palette and direction, into them unescaped: `scheme:
# x"onload="…` ran on every page), and a <frameset> with its <frame>s (a page without <body> is shown as the frames).
_DOCUMENT_TAG = re.compile(r"<(?:html|body|frameset|frame)(?=[\t\n\f\r />])", re.I)


def _document_findings(page: str) -> list[FrameFinding]:
    from html5lib._tokenizer import HTMLTokenizer   # the HTML standard's tokenizer (html5lib 1.1): attributes as a browser reads them
    found: list[FrameFinding] = []
    for match in _DOCUMENT_TAG.finditer(page):
        for token in HTMLTokenizer(page[match.start():]):
            if "name" in token:   # the tag itself; parse errors come before it
                found += _frame_tag(token["name"], dict(token["data"]), "")
                break
    return found


def search_rows_problem(data: bytes, owns: Callable[[str], bool]) -> str | None:
    """Search result rows ([url, title, …]) whose address is not a page of the unit (`owns`): a reader
    clicking the result on any page of the platform would be sent there (another site, a javascript: address)."""
    import json
    try:
        rows = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):   # nested past the parser's depth: no rows either
        return "搜索数据不是有效的 JSON"
    if not isinstance(rows, list):
        return "搜索数据格式不对"
    for row in rows:
        url = row[0] if isinstance(row, list) and row else None
        if not isinstance(url, str) or not owns(url):
            return f"搜索结果指向本单位以外的地址（{visible_controls(str(url)[:40])}）"
    return None


# --- what the theme prints from mkdocs.yml, for `disclosure check` (E401, E404)

# What the theme prints from mkdocs.yml, read by `disclosure check` without MkDocs (E401, E404).
#
# The build checks every finished page's frame (header, footer, <head>: rules/rendered.frame_findings): a repository
# address from another host (the theme's script reads its stars and forks), Google Fonts (a font other than `false`),
# analytics, a favicon or logo from another host, extra_css / extra_javascript from another host, markup in a value
# printed into an attribute (site_description's `"><script>`). `disclosure check` renders no page; before, an
# editor's pull request was green where the build then stopped. Here the same settings are laid out as the theme
# prints them (Material's templates: the same tags and attributes) and read by the same frame rules, so the check
# reports the build's code on the build's line. A value written `!ENV NAME` is read as MkDocs reads it, from the
# environment the command runs in (content.yamlsource.printed_scalars).

# The page the build names first for what the theme prints on every page.
FRAME_PAGE = "404.html"
# Material's Google Analytics partial begins so (the build shows a script's first 30 characters).
_ANALYTICS = ('<script id="__analytics">function __md_analytics(){function e(){dataLayer.push(arguments)}'
              'var t=document.createElement("script");t.async=!0,t.src="https://www.googletagmanager.com/gtag/js?id={property}"}'
              '</script><script>"undefined"!=typeof __md_analytics&&__md_analytics()</script>')


def printed_settings_diagnostics(root: Path, config_name: str) -> list[Diagnostic]:
    """E401/E404 for what mkdocs.yml (with the file it INHERITs from) makes the theme print or load on every page, as
    the build reports it."""
    settings, sources = _host_settings(root, config_name)
    frame = "".join(_printed_frame(settings))
    return frame_diagnostics(frame_findings(frame), FRAME_PAGE, sources) if frame else []


def host_config_sources(root: Path, config_name: str) -> list[tuple[str, str]]:
    """(shown path, text) of mkdocs.yml and of each file it INHERITs from: where a frame's finding is written."""
    return _host_settings(root, config_name)[1]


def _host_settings(root: Path, config_name: str, depth: int = 0) -> tuple[dict[str, yaml.Node], list[tuple[str, str]]]:
    """The printed settings of `config_name` over those of the file it INHERITs from (a mapping's keys merged, as MkDocs
    merges them), and (shown path, text) of each file read, the configuration itself first."""
    try:
        text = read_setting_text(root / config_name)
        pairs = host_config_pairs(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}, []   # MkDocs' own error
    if pairs is None:
        return {}, []
    own = {key.value: value for key, value in pairs if isinstance(key.value, str) and key.value in PRINTED_KEYS}
    parent = next((value.value for key, value in pairs if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode)), None)
    if not parent or depth >= MAX_INHERIT:
        return own, [(config_name, text)]
    inherited, sources = _host_settings(root, str(Path(config_name).parent / parent), depth + 1)
    for key, value in own.items():
        below = inherited.get(key)
        inherited[key] = yaml.MappingNode(value.tag, below.value + value.value) \
            if isinstance(value, yaml.MappingNode) and isinstance(below, yaml.MappingNode) else value
    return inherited, [(config_name, text), *sources]


def _printed_frame(settings: dict[str, yaml.Node]):
    """The tags Material writes from these settings (templates/base.html, partials/header.html, logo.html, source.html,
    integrations/analytics/google.html); nothing for another theme, or none (no mkdocs.yml)."""
    theme_node = settings.get("theme")
    theme = _mapping(theme_node)
    name = theme_node.value if isinstance(theme_node, yaml.ScalarNode) else _first(theme, "name")
    if name != "material":
        return
    for direction in _values(theme, "direction"):   # base.html's <html dir> (round 37b: E401 at the build only)
        yield f'<html dir="{_attribute(direction)}">'
    for key in ("site_name", "site_description", "site_author"):
        yield from (f'<meta name="{key}" content="{value}">' for value in _values(settings, key))
    if "nav" in settings:   # its titles (keys) printed as written in the navigation
        yield from (f"<span>{title}</span>" for _, title in printed_scalars(settings["nav"], keys=True))
    for url in _values(settings, "repo_url"):
        yield f'<a href="{_attribute(url)}" class="md-source" data-md-component="source"></a>'
    for url in _values(settings, "extra_css"):
        yield f'<link rel="stylesheet" href="{_attribute(url)}">'
    for url in _values(settings, "extra_javascript"):
        yield f'<script src="{_attribute(url)}"></script>'
    for url in _values(theme, "favicon"):
        yield f'<link rel="icon" href="{_attribute(url)}">'
    for url in _values(theme, "logo"):
        yield f'<img src="{_attribute(url)}" alt="logo">'
    if [value.lower() for value in _values(theme, "font")] != ["false"]:
        # font: false is the only way to keep the theme from Google Fonts (its default is Roboto)
        font = _mapping(theme.get("font"))
        text, code = ((_first(font, name) or default).replace(" ", "+") for name, default in (("text", "Roboto"), ("code", "Roboto Mono")))
        yield ('<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
               f'<link rel="stylesheet" href="https://fonts.googleapis.com/css?family={_attribute(text)}:300,300i,400,400i,700,700i'
               f'%7C{_attribute(code)}:400,400i,700,700i&display=fallback">')
    extra = _mapping(settings.get("extra"))
    for url in _values(extra, "homepage"):
        yield f'<a href="{_attribute(url)}" class="md-header__button md-logo"></a>'
    for url in _values(extra, "polyfills"):
        yield f'<script src="{_attribute(url)}"></script>'
    for item in _items(extra.get("social")):
        yield f'<a href="{_attribute(_first(item, "link"))}" title="{_attribute(_first(item, "name"))}" class="md-social__link"></a>'
    consent = _mapping(extra.get("consent"))
    if consent:   # printed as written: its description may hold markup
        yield f'<h4>{_first(consent, "title")}</h4><p>{_first(consent, "description")}</p>'
    analytics = _mapping(extra.get("analytics"))
    if _values(analytics, "provider") == ["google"]:
        yield _ANALYTICS.replace("{property}", _attribute(_first(analytics, "property")))


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _items(node: yaml.Node | None) -> list[dict[str, yaml.Node]]:
    return [_mapping(item) for item in node.value] if isinstance(node, yaml.SequenceNode) else []


def _first(settings: dict[str, yaml.Node], key: str) -> str:
    return next(iter(_values(settings, key)), "")


def _values(settings: dict[str, yaml.Node], key: str) -> list[str]:
    """The scalar values under `key` as MkDocs reads them (an !ENV value from the environment)."""
    node = settings.get(key)
    return [value for _, value in printed_scalars(node)] if node is not None else []


def _attribute(value: str) -> str:
    """A URL as the theme writes it into an attribute: the `url` filter keeps it, the autoescape quotes it."""
    return html_text.escape(value, quote=True)
