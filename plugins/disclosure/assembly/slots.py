"""Slots: the parts of a built page that depend on other units, re-rendered at the assembly.

A unit build renders each slot with what the unit knows, between the markers
``<!--disclosure-slot:NAME-->`` and ``<!--/disclosure-slot:NAME-->``; the assembly renders the
same partial from overrides/ with the platform's data and puts it between the same markers.
The partials render in an environment like the build's: our own templates autoescaped, and a
``url`` filter that makes a site-root-relative URL relative to the page, as MkDocs' does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, pass_context

from .manifest import AssemblyError

PARTIALS = {
    "relations": "disclosure/partials/relations.html",
    "platform-latest": "disclosure/partials/platform-latest.html",
    "platform-directory": "disclosure/partials/platform-directory.html",
}


def markers(name: str) -> tuple[str, str]:
    return f"<!--disclosure-slot:{name}-->", f"<!--/disclosure-slot:{name}-->"


def template_env(templates_dir: Path) -> Environment:
    """Our templates only (overrides/), escaped like the build escapes them (`escape_own_templates`)."""
    env = Environment(loader=FileSystemLoader(str(templates_dir)), auto_reload=False,
                      autoescape=lambda name: bool(name) and name.startswith("disclosure/"))
    env.filters["url"] = _url_filter
    return env


@pass_context
def _url_filter(context, value: str) -> str:
    return relative_url(str(value), context["page"]["url"])


def relative_url(url: str, page_url: str) -> str:
    """`url` (relative to the site root) as seen from the page at `page_url`: MkDocs' `normalize_url`."""
    parsed = urlsplit(url)
    if parsed.scheme or parsed.netloc or url.startswith(("/", "#")):
        return url
    url = url or "."
    dirname, _, basename = page_url.rpartition("/")
    other = _parts(dirname if "." in basename else page_url)
    target = _parts(url)
    common = 0
    for a, b in zip(other, target):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


def fill(page: Path, name: str, html: str, shown_as: str) -> str:
    """The page's text with slot `name` holding `html` (markers kept)."""
    text = page.read_text(encoding="utf-8")
    start, end = markers(name)
    begin = text.find(start)
    finish = text.find(end, begin + len(start)) if begin >= 0 else -1
    if begin < 0 or finish < 0:
        raise AssemblyError([f"{shown_as}: 页面中没有“{name}”插槽标记，该单位的输出不是本版本生成的；"
                             "请重新生成该单位（disclosure build --unit 单位标识）"])
    return text[:begin + len(start)] + html + text[finish:]
