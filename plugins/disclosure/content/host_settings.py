"""mkdocs.yml's settings as MkDocs reads them (with the file it INHERITs from), read without MkDocs: one reader for
every command that reads or places files by them, so that none of them reads another folder than the build.

A check that took content/ where mkdocs.yml named no docs_dir (MkDocs then reads docs/) refused a site the build
made, and would have passed a content/ the build never reads; the report, the import and the merge each read
these settings on their own before, with their own defaults.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from ..text.markup import ATTRIBUTE_LISTS
from .yamlsource import host_config

CONFIG_NAME = "mkdocs.yml"
MKDOCS_DOCS_DIR = "docs"             # MkDocs' own default
CATALOGUE_FILE = "catalogue.yaml"    # the plugin's defaults (mkdocs_adapter/config.py names these)
SEARCH_DICTIONARY = "search-dict.txt"


# The settings MkDocs 1.6 (and ProperDocs, its fork) reads at mkdocs.yml's top level (mkdocs/config/defaults.py), but
# `pages` and `google_analytics`, which it reads with a deprecation warning: any other name is a warning, which stops a
# strict build (`Unrecognised configuration name`). Written out so that the check need not import the host (a fifth of
# a second); tests/test_redteam37b.py compares it with the installed host's own list.
HOST_SETTING_NAMES = frozenset({
    "site_name", "nav", "exclude_docs", "draft_docs", "not_in_nav", "site_url", "site_description", "site_author",
    "theme", "docs_dir", "site_dir", "copyright", "dev_addr", "use_directory_urls", "repo_url", "repo_name", "edit_uri",
    "edit_uri_template", "extra_css", "extra_javascript", "extra_templates", "markdown_extensions", "mdx_configs",
    "strict", "remote_branch", "remote_name", "extra", "plugins", "hooks", "watch", "validation"})


@dataclass(frozen=True)
class HostSettings:
    site_url: str | None = None
    use_directory_urls: bool = True
    docs_dir: str = MKDOCS_DOCS_DIR
    site_dir: str = "site"
    theme_name: str | None = None
    theme_dir: str | None = None     # theme.custom_dir, relative to mkdocs.yml: MkDocs copies its files other than templates
    catalogue: str = CATALOGUE_FILE  # the plugin's `catalogue`, relative to mkdocs.yml
    search_dictionary: str = SEARCH_DICTIONARY
    theme_language: str | None = None   # theme.language: the theme's strings are read from partials/languages/<it>.html


def read_host_settings(root: Path, config_name: str = CONFIG_NAME) -> HostSettings:
    """The settings of `config_name` under `root`; raises OSError, UnicodeDecodeError, yaml.YAMLError or RecursionError
    when MkDocs could not read it either."""
    config = host_config(root / config_name)
    config = config if isinstance(config, dict) else {}
    text = lambda key, default, where=config: where[key] if isinstance(where.get(key), str) and where[key] else default  # noqa: E731
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else \
        {"name": config["theme"]} if isinstance(config.get("theme"), str) else {}   # `theme: material`, as MkDocs reads it
    options = next(iter(disclosure_options(config)), {})
    return HostSettings(text("site_url", None), config.get("use_directory_urls") is not False,
                        _folder_as_mkdocs_reads_it(root, text("docs_dir", MKDOCS_DOCS_DIR)), text("site_dir", "site"),
                        text("name", None, theme), text("custom_dir", None, theme), text("catalogue", CATALOGUE_FILE, options),
                        text("search_dictionary", SEARCH_DICTIONARY, options), _language(theme))


def _language(theme: dict) -> str | None:
    """theme.language as the theme's templates join it into a file name (a number, a date or null written plain too)."""
    return str(theme["language"]) if "language" in theme else None   # null: "None", as Jinja's `~` joins it


@lru_cache(maxsize=4)
def installed_theme_folder(name: str | None) -> Path | None:
    """The folder of the installed theme `name` (its templates: material/templates), found from the host's theme
    registry without importing it; None when no such theme is installed."""
    registered = [point.value for point in entry_points(group="mkdocs.themes") if point.name == name]
    package, _, folder = (registered[0] if registered else "").partition(".")
    spec = importlib.util.find_spec(package) if package and folder else None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent.joinpath(*folder.split("."))


def _folder_as_mkdocs_reads_it(root: Path, folder: str) -> str:
    """A folder setting as the folder MkDocs reads, named relative to the repository where it lies inside it. Written as
    it is: an absolute path (`/srv/repo/content`) is no folder of the repository named `srv/repo/content`, and blanks
    around the name are part of it (MkDocs reads ` content`, which is not there)."""
    path = Path(folder.rstrip("/") or folder)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()   # outside the repository: read there, as MkDocs does


def host_settings(root: Path, config_name: str = CONFIG_NAME) -> HostSettings:
    """`read_host_settings`, or MkDocs' defaults where the file cannot be read (its own error is reported elsewhere)."""
    try:
        return read_host_settings(root, config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return HostSettings()


def disclosure_options(config: dict) -> list[dict]:
    """The options of each `disclosure` entry of mkdocs.yml's plugins (a list or a mapping of them)."""
    return [value if isinstance(value, dict) else {} for name, value in _entries(config.get("plugins"))
            if name == "disclosure"]


def _entries(listed: object) -> list[tuple[object, object]]:
    """(name, options) of each entry of a setting MkDocs reads as a list of names and one-entry mappings, or as one
    mapping (plugins, markdown_extensions); none for anything else."""
    if isinstance(listed, dict):
        return list(listed.items())
    if not isinstance(listed, list):
        return []
    return [next(iter(item.items())) if isinstance(item, dict) and item else (item, None) for item in listed]


# The mark syntaxes (text/markup.MARK_SYNTAXES) each extension adds, and the option that switches one off.
_MARKS_OF = {"pymdownx.caret": (("^^", "insert"), ("^", "superscript")), "pymdownx.mark": (("==", None),),
             "pymdownx.keys": (("++", None),),
             # an attribute list after a link or an image (text/markup.ATTRIBUTE_LISTS): attr_list, or an extra that loads it
             **{name: ((ATTRIBUTE_LISTS, None),) for name in ("attr_list", "markdown.extensions.attr_list", "extra",
                                                              "markdown.extensions.extra", "pymdownx.extra")}}


def enabled_marks(root: Path, config_name: str = CONFIG_NAME) -> frozenset[str]:
    """The marks between digits the page leaves out (`1380013^^8^^000` shows one mobile): those of pymdownx.caret, mark
    and keys where mkdocs.yml (with what it INHERITs) lists them. Without them the page shows `^^`, `==` and `++` as
    written (round 32b: the check joined the digits across them anyway)."""
    return frozenset(mark for name, options in markdown_extensions(root, config_name)
                     for mark, switch in _MARKS_OF.get(name, ())
                     if not (switch and isinstance(options, dict) and switch in options and switched_off(options[switch])))


_FALSE_TEXTS = ("false", "no", "n", "off", "0", "none")


def switched_off(value: object) -> bool:
    """Whether Python-Markdown reads an extension's on/off option as off (markdown.util.parseBoolValue): a text false,
    no, n, off, 0 or none in any case, or any value Python takes for false (0, null, an empty list). Round 33a: the
    check read only YAML's false for caret's `insert: 'false'` and refused 1380013^^8^^000, which the page shows as
    written."""
    return value.lower() in _FALSE_TEXTS if isinstance(value, str) else not value


# Python-Markdown's own extensions, which mkdocs.yml may name by their short names (`abbr`, `toc`).
MARKDOWN_EXTENSIONS = frozenset("abbr admonition attr_list codehilite def_list extra fenced_code footnotes legacy_attrs"
                                " legacy_em md_in_html meta nl2br sane_lists smarty tables toc wikilinks".split())


def extension_module(name: str) -> str:
    """An extension's module as mkdocs.yml names it (`smarty`, `markdown.extensions.smarty`, `x.y:Class`): Python-Markdown
    loads the same extension by each of them."""
    module = name.split(":", 1)[0].strip()
    return f"markdown.extensions.{module}" if module in MARKDOWN_EXTENSIONS else module


def markdown_extensions(root: Path, config_name: str = CONFIG_NAME) -> list[tuple[str, object]]:
    """(module, options) of each extension mkdocs.yml's markdown_extensions lists (a list of names and one-entry
    mappings, or one mapping), with what it INHERITs; none where MkDocs cannot read it (its own error is reported).
    Each by its module (`extension_module`): round 33a found `pymdownx.mark:MarkExtension` and
    `markdown.extensions.abbr:AbbrExtension` read as no mark and no abbreviations by the check (it passed what the
    build refused, E400 and E600)."""
    try:
        config = host_config(root / config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    listed = config.get("markdown_extensions") if isinstance(config, dict) else None
    return [(extension_module(name), options) for name, options in _entries(listed) if isinstance(name, str)]


# The extensions that read `*[X]: …` as an abbreviation's definition (extra loads abbr).
ABBREVIATION_EXTENSIONS = frozenset({"markdown.extensions.abbr", "markdown.extensions.extra", "pymdownx.extra"})


def abbreviations_enabled(root: Path, config_name: str = CONFIG_NAME) -> bool:
    return any(name in ABBREVIATION_EXTENSIONS for name, _ in markdown_extensions(root, config_name))
