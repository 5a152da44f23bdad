"""The Jinja environment our templates render in."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, TemplateNotFound

MATERIAL_PREFIX = "material-theme"  # Material's own templates, reachable even where overrides/ shadows them

OWN_PARTIALS = {"partials/copyright.html"}


def escape_own_templates(env):
    """Escape every value in our templates (titles and 文号 come from editors); Material's own
    templates are written for an environment without autoescaping and stay as they are."""
    env.autoescape = lambda name: bool(name) and (name.startswith("disclosure/") or name in OWN_PARTIALS)
    return env


def cache_translations(env, config) -> None:
    """Material's label lookup (overrides/partials/language.html's `t`) answered once per key and
    build: each call built the language's whole table of strings again (a page makes 20 of them)."""
    try:
        strings = env.get_template("partials/language-strings.html").make_module({"config": config})
    except TemplateNotFound:
        return  # the theme without this project's overrides (plugin switched off): Material's own lookup
    found: dict[str, str] = {}

    def translation(key: str) -> str:
        if key not in found:
            found[key] = strings.t(key)
        return found[key]

    env.globals["disclosure_translation"] = translation


def cache_navigation(env, outside_nav: Callable, unit_of: Callable | None = None) -> None:
    """Let overrides/partials/nav.html render Material's navigation once per folder for pages
    that are not in it (documents): their sidebars differ only by folder-relative links.
    On a platform (`unit_of`), once per unit and folder: each unit has its own navigation."""
    # MkDocs makes a new environment for every build, so the loader is wrapped once per build.
    material_templates = FileSystemLoader(str(Path(material.__file__).parent / "templates"))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({MATERIAL_PREFIX: material_templates})])
    cache: dict[str, str] = {}

    def remember(key: str, html: str) -> str:
        cache[key] = html
        return html

    env.globals["disclosure_nav_cache"] = cache
    env.globals["disclosure_nav_remember"] = remember
    def key(page):
        if page is None or not outside_nav(page):
            return None
        folder = posixpath.dirname(page.url.rstrip("/"))
        return (unit_of(page), folder) if unit_of else folder

    env.globals["disclosure_nav_key"] = key
