"""Options of the `disclosure` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..content.host_settings import CATALOGUE_FILE, SEARCH_DICTIONARY


class DisclosureConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (e.g. to preview plain Markdown)."""

    catalogue = c.Type(str, default=CATALOGUE_FILE)
    """The catalogue file, relative to mkdocs.yml."""

    listing_page_size = c.Type(int, default=50)
    """Documents per listing page before a category's listing is split into pages."""

    home_latest = c.Type(int, default=10)
    """How many of the newest documents the home page lists."""

    atomic = c.Type(bool, default=True)
    """Build into a staging folder and replace `site_dir` only when the build succeeded."""

    search_dictionary = c.Type(str, default=SEARCH_DICTIONARY)
    """The editors' jieba user dictionary (one word per line), relative to mkdocs.yml; optional."""

    search_budget_kb = c.Type(int, default=1024)
    """Warn when a first search query could download more than this (gzip, KB)."""

    unit = c.Type(str, default="")
    """On a platform: build only this unit (the government `gov` or a department's id); empty: every unit.
    The environment variable DISCLOSURE_UNIT sets it too (`DISCLOSURE_UNIT=yjj mkdocs build -d build/units/yjj`)."""

    jobs = c.Type(int, default=0)
    """Processes that render a single agency's pages: 0 one per core (for sites of 500 pages or more), 1 one
    process. The environment variable DISCLOSURE_JOBS sets it too. The site is the same byte for byte."""
