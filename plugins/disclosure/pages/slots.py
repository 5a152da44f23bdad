"""Slots: the parts of a platform's pages that depend on other units.

A unit build renders each slot with what its unit knows and marks it
``<!--disclosure-slot:NAME-->…<!--/disclosure-slot:NAME-->``; the assembly (full build and merge
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

RELATIONS = "relations"
PLATFORM_LATEST = "platform-latest"
PLATFORM_DIRECTORY = "platform-directory"
PARTIALS = {
    RELATIONS: "disclosure/partials/relations.html",
    PLATFORM_LATEST: "disclosure/partials/platform-latest.html",
    PLATFORM_DIRECTORY: "disclosure/partials/platform-directory.html",
}
OWN_PREFIX = "disclosure/"   # our templates: every value escaped (titles come from editors)


class SlotMissing(ValueError):
    """A page has no slot of that name (changed by hand, or not a platform page)."""


def start_marker(name: str) -> str:
    return f"<!--disclosure-slot:{name}-->"


def end_marker(name: str) -> str:
    return f"<!--/disclosure-slot:{name}-->"


def marked(name: str, html: str) -> str:
    """A slot's content between its markers, as it stands in a page."""
    return start_marker(name) + html + end_marker(name)


def fill(page: str, name: str, html: str) -> str:
    """The page with the content of its slot `name` replaced by `html` (markers kept)."""
    pattern = re.compile(re.escape(start_marker(name)) + ".*?" + re.escape(end_marker(name)), re.S)
    filled, count = pattern.subn(lambda _: marked(name, html), page, count=1)
    if not count:
        raise SlotMissing(f"页面中没有“{name}”占位区")
    return filled


def slot_environment(template_dirs: list[Path]) -> Environment:
    """Jinja for the slot partials: the theme's folders in order (overrides/ first), our templates escaped."""
    return Environment(loader=FileSystemLoader([str(d) for d in template_dirs]),
                       autoescape=lambda name: bool(name) and name.startswith(OWN_PREFIX))


def render_slot(env: Environment, name: str, view: dict) -> str:
    """A slot's content from its view dict (see `relations_view`, `latest_view`, `directory_view`)."""
    return env.get_template(PARTIALS[name]).render(slot=view)
