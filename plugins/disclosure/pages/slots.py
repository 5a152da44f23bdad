"""Slots: the parts of a platform's pages that depend on other units.

A unit build renders each slot with what its unit knows and wraps it in
``<div class="dc-slot" data-slot="NAME">…</div>`` (an element, not a comment: a published page
carries no build marks, and the wrapper is plain HTML a reader never sees); the assembly (full build and merge
alike) renders the slots that depend on other units again, with the same partial from a view
dict of the same shape, and puts them between the same markers. Both go through `render_slot`
in an environment made by `slot_environment`, so a slot's bytes depend only on its view dict,
never on which program rendered it. The partials use no host filter: links come as ``href``
already relative to the page (`core.urls.relative_url`).
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from .compiled_templates import cache_compiled_templates

RELATIONS = "relations"
BANNER = "banner"
PLATFORM_LATEST = "platform-latest"
PLATFORM_DIRECTORY = "platform-directory"
PARTIALS = {
    RELATIONS: "disclosure/partials/relations.html",
    BANNER: "disclosure/partials/banner.html",
    PLATFORM_LATEST: "disclosure/partials/platform-latest.html",
    PLATFORM_DIRECTORY: "disclosure/partials/platform-directory.html",
}
OWN_PREFIX = "disclosure/"   # our templates: every value escaped (titles come from editors)


class SlotMissing(ValueError):
    """A page has no slot of that name (changed by hand, or not a platform page)."""


_DIV = re.compile(r"<div\b|</div>")


def start_marker(name: str) -> str:
    return f'<div class="dc-slot" data-slot="{name}">'


def end_marker(name: str) -> str:
    return "</div>"


def marked(name: str, html: str) -> str:
    """A slot's content in its wrapper, as it stands in a page."""
    return start_marker(name) + html + end_marker(name)


def _span(page: str, name: str) -> tuple[int, int]:
    """Where the content of slot `name` starts and ends in `page`. The content comes from our partials,
    whose values are escaped: every ``<div`` in it is an element, so counting them finds the wrapper's end."""
    start = page.find(start_marker(name))
    if start < 0:
        raise SlotMissing(f"页面中没有“{name}”占位区")
    begin, depth = start + len(start_marker(name)), 1
    for tag in _DIV.finditer(page, begin):
        depth += -1 if tag.group().startswith("</") else 1
        if not depth:
            return begin, tag.start()
    raise SlotMissing(f"页面中“{name}”占位区没有结束")


def slot_content(page: str, name: str) -> str:
    """What slot `name` of `page` holds."""
    begin, end = _span(page, name)
    return page[begin:end]


def fill(page: str, name: str, html: str) -> str:
    """The page with the content of its slot `name` replaced by `html` (wrapper kept)."""
    begin, end = _span(page, name)
    return page[:begin] + html + page[end:]


def slot_environment(template_dirs: list[Path]) -> Environment:
    """Jinja for the slot partials: the theme's folders in order (overrides/ first), our templates escaped.
    Made for one build or merge, so a partial is not looked at on disk again at every page (auto_reload)."""
    return cache_compiled_templates(Environment(loader=FileSystemLoader([str(d) for d in template_dirs]),
                                                autoescape=lambda name: bool(name) and name.startswith(OWN_PREFIX),
                                                auto_reload=False))


def render_slot(env: Environment, name: str, view: dict) -> str:
    """A slot's content from its view dict (see `relations_view`, `latest_view`, `directory_view`)."""
    return env.get_template(PARTIALS[name]).render(slot=view)
