"""The Jinja environment our templates render in."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections import ChainMap
from pathlib import Path
from typing import Callable

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, TemplateNotFound

from ..pages.compiled_templates import cache_compiled_templates

MATERIAL_PREFIX = "material-theme"  # Material's own templates, reachable even where overrides/ shadows them
MATERIAL_FOLDER = Path(material.__file__).parent

OWN_PARTIALS = {"partials/copyright.html"}


# Material's own search, never loaded: every page's settings name the disclosure search worker instead
# (search.py `worker_filter`), so Material's worker and lunr's language files (36 files, 1.2 MB) are not published.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def drop_material_search_assets(files) -> None:
    """Leave Material's search files out of the site (its own copies only: a theme folder's file of that name stays)."""
    for file in [file for file in files if file.src_uri.startswith(MATERIAL_SEARCH_ASSETS)]:
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(MATERIAL_FOLDER):
            files.remove(file)


def escape_own_templates(env):
    """Escape every value in our templates (titles and 文号 come from editors); Material's own
    templates are written for an environment without autoescaping and stay as they are."""
    env.autoescape = lambda name: bool(name) and (name.startswith("disclosure/") or name in OWN_PARTIALS)
    return env


class _ThemeLoader(FileSystemLoader):
    """The theme's loader, listing its files without entering hidden folders.

    MkDocs lists every file of the theme to copy the static ones, and drops each hidden path it
    finds (`.*`, `*/.*`): Material's .icons hold 14,348 of its 14,509 files, walked and matched
    against a dozen patterns in every build (a fifth of a small site's build). The list MkDocs
    keeps is the same; templates are still found in hidden folders (`get_source` is Jinja's own)."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                relative = os.path.relpath(folder, root)
                found.update(name if relative == "." else posixpath.join(Path(relative).as_posix(), name)
                             for name in names)
        return sorted(found)


def list_theme_without_hidden_folders(theme) -> None:
    """Make `theme.get_env()` (MkDocs calls it right after `on_config`, Material's search three times in its own
    `on_config`) load through `_ThemeLoader`, its compiled templates kept between builds."""
    host_get_env = type(theme).get_env

    def get_env():
        env = host_get_env(theme)
        if type(env.loader) is FileSystemLoader:
            env.loader = _ThemeLoader(env.loader.searchpath, env.loader.encoding, env.loader.followlinks)
        return cache_compiled_templates(env)

    theme.get_env = get_env


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


class _Globals(ChainMap):
    """A template's globals over the environment's, as Jinja makes them (`Environment.make_globals`), listed
    without Python's loop over ChainMap's maps when the template has none of its own (always, here): Jinja
    lists a template's globals for every context it makes, each include and import, some 30 a page."""

    def __iter__(self):
        own, *shared = self.maps
        return iter(shared[0]) if not own and len(shared) == 1 else super().__iter__()


def list_globals_quickly(env) -> None:
    """Make the templates `env` loads from now on keep their globals in a `_Globals`: the same names and values."""
    env.make_globals = lambda own: _Globals(own if own is not None else {}, env.globals)


def cache_fragments(env) -> None:
    """Let a template render a fragment once per build and key, kept here (`disclosure_fragments`,
    `disclosure_remember`): parts of Material's page that do not depend on the page itself, or only on
    its folder (overrides/partials/nav.html, search.html, main.html's config block)."""
    fragments: dict = {}

    def remember(key, html: str) -> str:
        fragments[key] = html
        return html

    env.globals["disclosure_fragments"] = fragments
    env.globals["disclosure_remember"] = remember


def cache_navigation(env, outside_nav: Callable, unit_of: Callable | None = None) -> None:
    """Let overrides/partials/nav.html render Material's navigation once per folder for pages
    that are not in it (documents): their sidebars differ only by folder-relative links.
    On a platform (`unit_of`), once per unit and folder: each unit has its own navigation."""
    # MkDocs makes a new environment for every build, so the loader is wrapped once per build.
    material_templates = FileSystemLoader(str(MATERIAL_FOLDER / "templates"))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({MATERIAL_PREFIX: material_templates})])
    cache_fragments(env)

    def key(page):
        if page is None or not outside_nav(page):
            return None
        folder = posixpath.dirname(page.url.rstrip("/"))
        return ("nav", unit_of(page), folder) if unit_of else ("nav", folder)

    env.globals["disclosure_nav_key"] = key


def own_templates(theme):
    """A new environment of the theme for the files the plugin writes itself (the feed, robots.txt, the exports'
    index, the annual report's table): ours escaped, compiled templates kept (`cache_compiled_templates`)."""
    return cache_compiled_templates(escape_own_templates(theme.get_env()))
