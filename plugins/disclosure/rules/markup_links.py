"""Markup and links (E401, E500): unsafe HTML in a public body, links and attachments to nothing.

Bodies are scanned in `text/markup.py` and judged in this module; the built page is checked
again by the `rendered` family. Attachments that do not exist are found while reading (E500,
`content/documents.py`), links MkDocs itself cannot resolve in `mkdocs_adapter/link_warnings.py`.

E401 and E500 for document bodies: unsafe markup, and links that lead nowhere.

A link names a Markdown file or an attachment by its relative path, as MkDocs expects. Links
to headings (#…) are checked by the build, which knows the anchors it generates; one to a heading of
its own page where the page offers no anchor at all is named here too (`_links_to_no_heading`).
"""

from __future__ import annotations

import difflib
import re
import posixpath
from typing import Callable
from urllib.parse import unquote, urlsplit

from ..codes import E102, E109, E401, E404, E500
from ..codes.diagnostics import Diagnostic
from ..content.disclosure_statements import linked_file_note
from ..content.host_settings import enabled_marks, markdown_extensions
from ..content.model import Document
from ..content.read_cache import body_known_plain
from ..content.site import LinkTargets, Site
from ..text.anchors import closest, slugify
from ..text.limits import limit_problems
from ..text.markup import ATTRIBUTE_LISTS, BodyScan, Link, is_remote, scan_of
from .focus import focused_documents, focused_section_pages

FAMILY = "markup_links"


def check(site: Site) -> list[Diagnostic]:
    targets = site.link_targets()
    own_slugs = _slugify_is_ours(site)
    attribute_lists = ATTRIBUTE_LISTS in enabled_marks(site.root, site.host_config)
    anchors = _AnchorsOfPages(site.public_documents, attribute_lists) if own_slugs else None
    problems = [p for doc in focused_documents(site) if doc.is_public
                for p in body_diagnostics(doc, targets, site.body_scan) + _links_to_no_heading(doc, site.body_scan(doc))
                + _links_to_a_missing_heading(doc, site.body_scan(doc), own_slugs, attribute_lists)
                + _links_to_a_missing_heading_elsewhere(doc, site.body_scan(doc), anchors)]
    return problems + [p for text in focused_section_pages(site)
                       for p in body_diagnostics(text.page, targets, site.body_scan)
                       + _links_to_a_missing_heading_elsewhere(text.page, site.body_scan(text.page), anchors)]


def body_diagnostics(doc: Document, targets: LinkTargets,
                     scanned: Callable[[Document], BodyScan] = scan_of) -> list[Diagnostic]:
    """E401 and E500 of one document's body; E109 when it is beyond what Markdown can render. `scanned`: the
    body's scan (`Site.body_scan` reads each body once for every family)."""
    limits = [] if body_known_plain(doc) else \
        [E109.at(doc.path, doc.body_line + item.line - 1, item.what) for item in limit_problems(doc.body)]
    if limits:
        return limits  # the scans below are linear, but the build would not be: stop here
    scan = scanned(doc)
    return _markup_diagnostics(doc, scan) + _link_diagnostics(doc, scan, targets) + \
        [E404.at(doc.path, doc.body_line + item.line - 1, item.what) for item in scan.loading]


def _markup_diagnostics(doc: Document, scan: BodyScan) -> list[Diagnostic]:
    return [E401.at(doc.path, doc.body_line + item.line - 1, f"{item.what}：正文中不得使用脚本、内嵌框架、表单或事件属性；请删除，或改用 Markdown 写法")
            for item in scan.unsafe]


def _link_diagnostics(doc: Document, scan: BodyScan, targets: LinkTargets) -> list[Diagnostic]:
    found = []
    for link in scan.links:
        if link.embedded and is_remote(link.target):
            found.append(E404.at(doc.path, doc.body_line + link.line - 1, remote_resource_message("图片", link.target)))
            continue
        problem = _link_problem(doc.src_uri, link.target, targets)
        if problem:
            found.append(E500.at(doc.path, doc.body_line + link.line - 1, FOOTNOTE if link.footnote else problem))
        elif (note := linked_file_note(link)):
            found.append(E102.at(doc.path, doc.body_line + _note_line(link, note) - 1, (
                f"正文链接的文件“{link.target}”在链接文字、标题或文件名中注明{''.join(note.split())}，却随主动公开的页面发布；按原件不公开的，"
                "请删去这个链接，并把文件移出 content/；经审查决定公开的，请改正链接文字和文件名")))
    return found


# What may give a document's page an anchor: a heading (# …, or a line underlined by === or ---), an attribute list
# or a tag naming an id, md_in_html's blocks (the toc names their headings), a fenced block (numbered lines). A body
# holding none, its links to #… taken away, offers no anchor: the page has none (the build: E500).
_ANCHOR_SOURCE = re.compile(r"#|\bid\s*=|\bname\s*=|markdown|^ {0,3}(?:=+|-+)[ \t]*$|^ {0,3}(?:`{3,}|~{3,})",
                            re.I | re.M)
# A link's title in any of Markdown's three quotings: "…", '…' or (…).
_PAGE_ANCHOR_LINK = re.compile(r"\]\(\s*<?#[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
                               r"|^ {0,3}\[[^\]]+\]:\s*<?#\S*", re.M)


def _links_to_no_heading(doc: Document, scan: BodyScan) -> list[Diagnostic]:
    """E500 for each link to a heading of its own page (`[说明](#x)`) in a document whose page has no anchor at all:
    the build's MkDocs finds none there (round 31b: the check passed them, the build refused them). A page with a
    heading or an id is left to the build, which knows the ids it generates."""
    own = [link for link in scan.links if link.target.startswith("#") and link.target != "#"]
    if not own or _ANCHOR_SOURCE.search(_PAGE_ANCHOR_LINK.sub("", doc.body)):
        return []
    return [E500.at(doc.path, doc.body_line + link.line - 1,
                    f"链接“{link.target}”指向本页不存在的标题；请核对标题；该页面没有可链接的标题") for link in own]


# A page whose only anchors are ATX headings of plain text (no markup, escape, entity or tag: their ids are our
# slugify's of the text as written) and which holds nothing else that may give one.
_OTHER_ANCHOR_SOURCE = re.compile(r"\bid\s*=|\bname\s*=|markdown|^ {0,3}(?:=+|-+)[ \t]*$|^ {0,3}(?:`{3,}|~{3,})|[{%]|\[\^",
                                  re.I | re.M)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_PLAIN_HEADING = re.compile(r"[^\\&<>`*_\[\]()!:~^=+|#{}$/\u200b-\u200f\ufeff]+")   # `$`: arithmatex; `/`: fractions


def _links_to_a_missing_heading(doc: Document, scan: BodyScan, own_slugs: bool, attribute_lists: bool = False) -> list[Diagnostic]:
    """E500 for each link to a heading of its own page that the page lacks, where every anchor the page offers is a
    plain heading's id (`_plain_heading_ids`): the build's MkDocs refused `## 说明` … `[见](#说明二)`, the check passed
    it (round 32b). Any other page is left to the build, which knows every id its extensions give."""
    own = [link for link in scan.links if link.target.startswith("#") and link.target != "#"]
    if not own or not own_slugs or not (ids := _plain_heading_ids(doc.body, attribute_lists)):
        return []   # none at all: `_links_to_no_heading`
    return [E500.at(doc.path, doc.body_line + link.line - 1,
                    f"链接“{link.target}”指向本页不存在的标题；请核对标题；该页面的标题锚点有："
                    + "、".join(f"#{anchor}" for anchor in closest(link.target[1:], sorted(ids))))
            for link in own if link.target[1:] not in ids and "%" not in link.target]


# A heading's attribute list naming its id (and classes only): `## 说明 {: #s }` is anchored at #s (round 33c: a link
# to #说明 on such a page was refused by the build only). Read where attr_list is enabled; elsewhere the braces are text.
_HEADING_ID = re.compile(r"[ \t]+\{:?[ \t]*((?:[#.][\w-]+[ \t]*)+)\}[ \t]*$")


def _plain_heading_ids(body: str, attribute_lists: bool = False) -> set[str] | None:
    """The ids toc gives the body's headings, when each is an ATX heading at a line's start holding plain text (with
    an attribute list giving its id, where `attribute_lists`) and no two give one id (toc would number them); None
    when the page may have another anchor or an id computed otherwise."""
    rest = _PAGE_ANCHOR_LINK.sub("", body)
    if attribute_lists:
        rest = "\n".join(_HEADING_ID.sub(lambda found: f"\x00{found[1]}", line) if line.startswith("#") else line
                         for line in rest.split("\n"))
    if _OTHER_ANCHOR_SOURCE.search(rest):
        return None
    ids = set()
    for line in rest.split("\n"):
        if "#" not in line:
            continue
        text, _, attributes = line.partition("\x00")
        heading = _ATX_HEADING.match(text)
        if heading is None or not _PLAIN_HEADING.fullmatch(heading[1]) or not (anchor := _heading_id(heading[1], attributes)) \
                or anchor in ids:
            return None
        ids.add(anchor)
    return ids


class _AnchorsOfPages:
    """The ids each public document's page offers (`_plain_heading_ids`, read when first asked), by src_uri."""

    def __init__(self, documents: list[Document], attribute_lists: bool) -> None:
        self._documents = {doc.src_uri: doc for doc in documents}
        self._attribute_lists = attribute_lists
        self._ids: dict[str, set[str] | None] = {}

    def of(self, src_uri: str) -> set[str] | None:
        """The page's ids, when every anchor it offers is a plain heading's; None otherwise (or no such page)."""
        if src_uri not in self._ids:
            doc = self._documents.get(src_uri)
            self._ids[src_uri] = None if doc is None else _plain_heading_ids(doc.body, self._attribute_lists)
        return self._ids[src_uri]


def _links_to_a_missing_heading_elsewhere(doc: Document, scan: BodyScan, anchors: _AnchorsOfPages | None) -> list[Diagnostic]:
    """E500 for each link to a heading of another document's page (`[见](../policies/a.md#第二条)`) that the page lacks,
    where every anchor that page offers is a plain heading's id: the build refused it (its anchors are the rendered
    page's), the check passed it (round 37b; `_links_to_a_missing_heading` reads links within a page only). `doc` may
    be a section page (index.md); a link to a section page's heading is left to the build, which adds the listing's
    anchors (#y2024 …) to the page."""
    found = []
    for link in scan.links if anchors is not None else ():
        parts = urlsplit(link.target)
        if parts.scheme or parts.netloc or not parts.path or not parts.fragment or "%" in parts.fragment:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(doc.src_uri), unquote(parts.path)))
        ids = anchors.of(target)
        if ids is None or parts.fragment in ids:
            continue
        offered = ("该页面的标题锚点有：" + "、".join(f"#{anchor}" for anchor in closest(parts.fragment, sorted(ids)))) \
            if ids else "该页面没有可链接的标题"
        found.append(E500.at(doc.path, doc.body_line + link.line - 1,
                             f"链接“{link.target}”指向的标题 #{parts.fragment} 在 {target} 的页面上不存在；请核对目标页面的标题；{offered}"))
    return found


def _heading_id(text: str, attributes: str) -> str:
    """A heading's id: the last `#id` of its attribute list (as attr_list keeps it), or the slug of its text."""
    named = [token[1:] for token in attributes.split() if token.startswith("#")]
    return named[-1] if named else slugify(text)


def _slugify_is_ours(site: Site) -> bool:
    """Whether the toc's ids are text/anchors.slugify's of the heading as written: mkdocs.yml names no slugify or
    separator of its own, and no extension rewrites a heading's symbols (pymdownx.smartsymbols' allowed switches)."""
    return not any(name == "markdown.extensions.toc" and isinstance(options, dict)
                   and {"slugify", "separator"} & set(options) or name == "pymdownx.smartsymbols"
                   for name, options in markdown_extensions(site.root, site.host_config))


def _note_line(link: Link, note: str) -> int:
    """The body line a note in a link's text starts on: the text may run over the lines of its paragraph."""
    text = link.texts[0] if link.texts else ""
    return link.line + text.count("\n", 0, max(text.find(note), 0))


FOOTNOTE = ("这一行是 Markdown 脚注的写法（[^1]: ……），本网站不用脚注：它会被当作链接，即使显示为脚注也会重新编号、"
            "移到页尾，与原文不一致；请把注释照原文写成正文中的一段，如“注：……”或“注1：……”，并删去正文中的 [^1]")


def remote_resource_message(what: str, url: str) -> str:
    """E404's words: the embedded resource, why it may not come from another host, and the fix."""
    return (f"网页嵌入了其他网站的{what}“{url[:60]}”，每位读者打开页面时浏览器都会向该网站发出请求"
            "（本网站承诺不向其他网站发出请求）；请把它下载保存到本文件所在目录（如 files/图1.png），"
            "改用相对路径，如 ![图1](files/图1.png)；只是介绍其他网站的，用普通链接 [文字](https://…)")


def _relative_fix(src_uri: str, absolute: str, targets: LinkTargets) -> str:
    """The relative link to write instead of a site-absolute one: the agency's own file when one
    matches (with or without the site's sub-path, as a page address or a .md path), else how to write it."""
    segments = unquote(absolute).strip("/").split("/")
    for start in (0, 1):  # /zcwj/a.md, or /<sub-path>/zcwj/a/ copied from the address bar
        path = "/".join(segments[start:])
        for candidate in (path, path + ".md", path + "/index.md", path.removesuffix("/index.html") + ".md"):
            if candidate and candidate in targets.existing:
                return f"请改为相对路径 {posixpath.relpath(candidate, posixpath.dirname(src_uri) or '.')}"
    return "请改用从本文件所在目录算起的相对路径，指向 .md 文件"


def _link_problem(src_uri: str, target: str, targets: LinkTargets) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mail, phone, or a heading of this page
    if parts.path.startswith("/"):
        return f"链接“{target}”以 / 开头，网站部署在子路径下时会失效；{_relative_fix(src_uri, parts.path, targets)}"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    if path.startswith("../") or path == "..":
        return f"链接“{target}”指向 content/ 目录之外；请只链接本专栏内的文件"
    if path in targets.withheld:
        return f"链接“{target}”指向不主动公开的文件，公众无法访问；请删除该链接"
    if path in targets.existing:
        return None
    if path + "/index.md" in targets.existing or path + ".md" in targets.existing:
        fix = path + ("/index.md" if path + "/index.md" in targets.existing else ".md")
        return f"链接“{target}”应指向 Markdown 文件；请改为 {posixpath.relpath(fix, posixpath.dirname(src_uri))}"
    guess = difflib.get_close_matches(path, sorted(targets.existing), n=1)
    hint = f"是否应为 {posixpath.relpath(guess[0], posixpath.dirname(src_uri) or '.')}？" if guess else "请检查文件名和相对路径"
    return f"链接“{target}”指向的文件不存在；{hint}"
