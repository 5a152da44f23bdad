"""Files (E111, E112, E113, E406): only what was recognised leaves content/, and the host agrees.

Every path is classified while the site is read (`content/inventory.py`: a symlink, a FIFO, a hidden
or misnamed file is refused there, E111/E112); here, once every page is known, the files nothing
public names (E111) and a public attachment a non-public document names (E500), and `exclude_docs`
of mkdocs.yml against what is withheld (E113, this module).

Fail closed without the plugin: mkdocs.yml's own `exclude_docs` must keep withheld files out.

If the `disclosure` plugin line is deleted, disabled, or a host skips plugins, MkDocs would
publish every file under content/. So every non-public document and every file it names must
also be matched by `exclude_docs` (one anchored line each, e.g. `/enforcement/x.md`), and no
published file may be: E113 says which line to add or remove. The patterns are read with the
same library and rules MkDocs uses (gitignore style, pathspec).

Nor may a Markdown extension of mkdocs.yml bring into a page what is not in its source (E406):
`pymdownx.snippets` (with `auto_append`, on every page without a mark in any document) or
`pymdownx.b64` read any file of the repository — a withheld document, its attachment — and a
third-party extension may do the same or fetch from another host. Only extensions whose output comes
from the page's own text are accepted (Python-Markdown's, Material's, PyMdown's but those two). The
same for code run by the build: `hooks:` and any plugin but search and this one (Material's projects,
blog or meta plugins, a hook's on_post_build) may write into site/ what no check of content/ saw.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pathspec
import yaml

from ..codes import E100, E111, E112, E113, E401, E404, E406, E500, E601
from ..codes.diagnostics import Diagnostic
from ..content.exclusion_lines import matcher
from ..content.host_settings import (HOST_SETTING_NAMES, HostSettings, disclosure_options, extension_module, installed_theme_folder,
                                     read_host_settings, switched_off)
from ..content.inventory import settled_problems, shown
from ..content.model import Document
from ..content.python_path import shadowing_diagnostics
from ..content.withheld_text_copies import sources_held_whole, withheld_texts
from ..content.yamlsource import MAX_INHERIT, expanded_size, host_config, host_config_pairs, unmade_values, read_setting_text, settings_data, yaml_error_at, yaml_nodes
from ..privacy.attachments import Piece, Unreadable, attachment_pieces
from ..privacy.numbers import Source, personal_info_diagnostics
from ..text.markup import ALLOWED_TAGS
from ..text.runs import normalised
from ..text.search_dictionary import dictionary_problem
from ..content.host_nav import nav_diagnostics
from .personal_data.settings import catalogue_printed, host_config_printed
from .rendered import script_loading, script_remote, style_sheet_fonts, style_sheet_remote, style_sheet_text

if TYPE_CHECKING:
    from ..content.site import Site

FAMILY = "files"


def check(site: Site) -> list[Diagnostic]:
    section_pages = tuple((text.page, tuple(value for _, value in text.values)) for text in site.section_page_texts)
    return settled_problems(site.inventory, site.documents, site.content, site.content_dir, section_pages) + \
        _host_exclusion(site) + nav_diagnostics(site.root, site.host_config, site.published_files() | site.generated_pages()) + \
        host_extension_diagnostics(site.root, site.host_config) + host_date_diagnostics(site.root, site.host_config) + \
        theme_template_diagnostics(site.root, site.host_config) + gate_plugin_diagnostics(site.root, site.host_config) + \
        rival_config_diagnostics(site.root, site.host_config) + host_setting_diagnostics(site.root, site.host_config) + \
        settings_copied_whole(site) + site_dir_diagnostics(site.root, site.host_config, site.content_dir) + \
        shadowing_diagnostics(site.root)


def site_dir_diagnostics(root: Path, config_name: str, content_dir: Path) -> list[Diagnostic]:
    """E406 when mkdocs.yml's site_dir names what the build would replace by the site and is no site: the build
    removes whatever stands there (a file, a folder) and puts the site in its place. `site_dir: overrides` replaced the
    theme folder, `.git` the repository's history, `catalogue.yaml` the catalogue, `docs` the project's documentation,
    with exit 0 (round 27a); MkDocs itself refuses only a site_dir around or inside docs_dir."""
    try:
        config = host_config(root / config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    site_dir = config.get("site_dir", "site")
    if not isinstance(site_dir, str):
        return []   # MkDocs' own error
    base = (root / config_name).parent
    target = (base / site_dir).resolve()
    _, theme = _theme_folder(root, config_name)
    kept = [(content_dir.resolve(), "内容目录"), ((base / ".git").resolve(), "Git 仓库（.git）")]
    kept += [(theme.resolve(), "主题目录")] if theme is not None else []
    around_the_repository = target == base.resolve() or target in base.resolve().parents
    overlapping = "仓库根目录（或其上层）" if around_the_repository else next(
        (label for folder, label in kept if target == folder or folder in target.parents or target in folder.parents), None)
    if overlapping is None and not _a_site_or_nothing(target):
        overlapping = "仓库中已有的文件" if not target.is_dir() else "仓库中已有的文件夹（不是生成的网站）"
    if overlapping is None:
        return []
    return [E406.at(config_name, _key_line(read_setting_text(root / config_name), "site_dir"),
                    f"site_dir: {site_dir} 指向{overlapping}：生成网站时会删除那里原有的一切，换成生成的网站；"
                    "请改为单独的输出目录，如 site_dir: site")]


def _a_site_or_nothing(target: Path) -> bool:
    """Nothing stands at `target`, or a site an earlier build wrote there (its home page), or a folder holding nothing
    but hidden files (a .gitkeep)."""
    if not target.exists() and not target.is_symlink():
        return True
    return target.is_dir() and not target.is_symlink() and (
        (target / "index.html").is_file() or not any(not child.name.startswith(".") for child in target.iterdir()))


@dataclass(frozen=True)
class Withheld:
    """What sites withhold, to look for in what else they publish (their theme folder): each withheld document's or
    file's passages (`site_withheld_texts`) and each withheld file, keyed by the path an editor is shown."""
    texts: dict[str, frozenset[str]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def sites_withheld(sites: list[Site]) -> Withheld:
    texts, files = {}, {}
    for site in sites:
        texts |= site_withheld_texts(site)
        files |= {shown(f"{site.content}/{src_uri}"): site.content_dir / src_uri for src_uri in sorted(site.inventory.withheld)}
    return Withheld(texts, files)


def site_withheld_texts(site: Site) -> dict[str, frozenset[str]]:
    """Each withheld document's or file's passages (content/withheld_text_copies.py), to look for in what else the
    site publishes: its settings' printed values, its theme folder's files. Keyed by the path an editor is shown."""
    texts = withheld_texts(site.inventory.withheld, site.documents, site.content_dir) if site.inventory.withheld else {}
    return {shown(f"{site.content}/{source}"): passages for source, passages in texts.items()}


def settings_copied_whole(site: Site) -> list[Diagnostic]:
    """E500 where the values catalogue.yaml and mkdocs.yml print on every page (a copyright, site_description, a nav
    title, a category's description …), all of them together, hold a withheld document's or file's whole text, as a
    public page may not (content/withheld_text_copies.py): pasted there, it was published on every page with exit 0
    (round 27a). Named on the first line that holds a passage of it."""
    texts = site_withheld_texts(site)
    if not texts:
        return []
    values = [(site.catalogue_path, line, text) for line, text in catalogue_printed(site.root / site.catalogue_path,
                                                                                  site.catalogue_path)]
    values += [(name, line, text) for name, texts_of_file in host_config_printed(site.root, site.host_config)
               for line, text in texts_of_file]
    printed = normalised("\n".join(text for _, _, text in values))
    found = []
    for source in sources_held_whole(printed, texts):
        name, line = _first_holding(values, texts[source]) or (site.host_config, 1)
        found.append(E500.at(name, line, f"这里的文字（与 {site.catalogue_path}、{site.host_config} 中其他印在每个页面上的文字一起）"
                                         f"含有不公开的 {source} 的全部文字，会印在网站的每个页面上；"
                                         "请删除这些文字，设置中只写单位名称、版权说明等公开的信息"))
    return found


def _first_holding(values: list[tuple[str, int, str]], passages: frozenset[str]) -> tuple[str, int] | None:
    """(file, line) of the first printed value holding a passage, as written or reversed."""
    for name, line, text in values:
        held = normalised(text)
        if any(passage in held or passage in held[::-1] for passage in passages):
            return name, line
    return None


def host_setting_diagnostics(root: Path, config_name: str) -> list[Diagnostic]:
    """What MkDocs or the build refuses in mkdocs.yml's settings, said by the check as well (it passed them): a
    site_url that is no web address (`javascript://x/%0a…` — MkDocs takes any scheme with a host, the theme prints
    it into every page's canonical link), a theme folder (custom_dir) that is not there, a search dictionary jieba
    cannot read."""
    import os
    try:
        settings = read_host_settings(root, config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    text = read_setting_text(root / config_name)
    found = []
    if settings.site_url and settings.site_url.strip() and not web_address(settings.site_url):
        found.append(E401.at(config_name, _key_line(text, "site_url"),
                             f"site_url“{settings.site_url[:60]}”不是网站地址：主题把它印进每个页面的链接；"
                             "请写本网站以 https:// 或 http:// 开头的地址，如 https://www.（本机关域名）/zwgk/"))
    if settings.theme_dir and not ((root / config_name).parent / settings.theme_dir).is_dir():
        found.append(E406.at(config_name, _key_line(text, r"\s+custom_dir"),
                             f"theme 的 custom_dir 指向的目录“{settings.theme_dir}”不存在，MkDocs 无法生成网站；"
                             "请写本仓库中主题目录的名称（如 overrides），或恢复被删除的目录"))
    if settings.theme_name != THEME:
        found.append(E406.at(config_name, _key_line(text, "theme"), _OTHER_THEME.format(name=settings.theme_name or "mkdocs")))
    found += _unknown_settings(root, config_name, text)
    if settings.theme_name == THEME and (problem := _language_problem(root / config_name, settings)):
        found.append(E406.at(config_name, _key_line(text, r"\s+language"), problem))
    if settings.theme_name == THEME:
        found += [E406.at(config_name, _value_line(text, icon, setting), _MISSING_ICON.format(setting=setting, icon=icon[:60] or "（空）"))
                  for setting, icon in _missing_icons(root / config_name, settings)]
        found += [E404.at(config_name, _value_line(text, "", setting), _ICONS_AS_DATA.format(setting=setting))
                  for setting in _icons_written_as_data(root / config_name)]
    dictionary = (root / config_name).parent / settings.search_dictionary
    if dictionary.is_file() and (problem := dictionary_problem(dictionary)):
        found.append(E100.at(shown(os.path.relpath(dictionary, root).replace(os.sep, "/")), problem[0], problem[1]))
    return found + _copyright_markup(root, config_name)


# The footer prints mkdocs.yml's copyright as text (partials/copyright.html escapes it, as every value it prints):
# Material's example `Copyright &copy; 2024 <a href="…">…</a>` showed its tags and `&copy;` on every page, exit 0
# (round 33c). Said on its line; what it means to show is written as it is shown.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def _copyright_markup(root: Path, config_name: str) -> list[Diagnostic]:
    """E601 on the copyright's line, in mkdocs.yml or the file it INHERITs it from (round 34a: named on mkdocs.yml's
    first line, where it is not)."""
    try:
        found = _read_setting(root / config_name, config_name, "copyright")
    except RecursionError:
        return []
    name, text, copyright_text = found if found is not None else (config_name, "", None)
    if not isinstance(copyright_text, str) or not (markup := _MARKUP.search(copyright_text)):
        return []
    return [E601.at(name, _key_line(text, "copyright"),
                    f"copyright 中的“{copyright_text[markup.start():markup.start() + 20]}”是 HTML 写法：页脚把它照字面印出"
                    "（每个页面都显示出尖括号和 &amp; 等记号）；请只写要显示的文字，如“版权所有 © 2024 测试县人民政府”"
                    "（© 等符号直接写，链接不必写，主办单位等信息写在 catalogue.yaml 的 site 中）")]


def _unknown_settings(root: Path, config_name: str, text: str) -> list[Diagnostic]:
    """E406 for each top-level setting MkDocs does not read (`foo:`, `site_urls:`, `pages:`): it warns, and a strict
    build stops with its English line only, where the check passed (round 37b)."""
    import difflib
    try:
        names = [str(key) for key in host_config(root / config_name)]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    found = []
    for name in names:
        if name not in HOST_SETTING_NAMES:
            guess = difflib.get_close_matches(name, sorted(HOST_SETTING_NAMES), n=1)
            fix = f"是否应为 {guess[0]}？" if guess else "请删除这一行（本网站的设置写在 catalogue.yaml 中）"
            found.append(E406.at(config_name, _key_line(text, re.escape(name)),
                                 f"{config_name} 中的设置“{name[:40]}”MkDocs 不认识：严格模式下生成网站会中止；{fix}"))
    return found


# Settings whose values Material's templates include as `.icons/<value>.svg` (partials/logo.html, social.html, icons.html,
# palette.html, feedback.html …): a name of no icon ended the build in a Python traceback (jinja2 TemplateNotFound,
# round 37b) where the check passed.
_MISSING_ICON = ("{setting} 写的图标“{icon}”在主题中没有（主题在每个页面插入 .icons/{icon}.svg，没有这个文件，网站无法生成）；"
                 "请改用主题自带的图标名称（如 material/library），或删去这一项")


def _missing_icons(config_file: Path, settings: HostSettings) -> list[tuple[str, str]]:
    """(the setting, its icon as the template joins it into a file name) for each icon mkdocs.yml names that neither
    the theme folder nor Material has."""
    theme, extra = _mapping_of(config_file, "theme"), _mapping_of(config_file, "extra")
    # theme.icon's values are used when set (an empty one: Material's default); a palette's toggle and a social link
    # always join theme's icon, even none (Jinja writes an absent value as "", null as "None")
    named = [(setting, _as_joined(icon)) for setting, icon in _leaves("theme.icon", theme.get("icon")) if icon]
    named += [("theme.palette.toggle.icon", _as_joined(option["toggle"].get("icon", "")) if isinstance(option["toggle"], dict) else "")
              for option in _dicts(theme.get("palette")) if option.get("toggle")]
    named += [("extra.social.icon", _as_joined(item.get("icon", "") if isinstance(item, dict) else ""))
              for item in (extra.get("social") if isinstance(extra.get("social"), list) else [])]
    folders = [folder for folder in (installed_theme_folder(THEME),
                                     config_file.parent / settings.theme_dir if settings.theme_dir else None) if folder]
    return [(setting, icon) for setting, icon in named if not _an_icon(icon, folders)]


# theme.icon's admonition, annotation and tag icons are written into every page as an inline <style> loading each
# icon from a data: address (partials/icons.html): the build refused every page (E404 on mkdocs.yml's first line),
# the check passed (round 37b).
_ICONS_AS_DATA = ("{setting} 让主题把图标写进每个页面的内嵌样式（<style>，以 data: 地址载入图标），生成网站时每个页面都会被拒绝；"
                  "请删去这一项，用主题默认的图标")
_ICONS_IN_A_STYLE = ("admonition", "annotation", "tag")


def _icons_written_as_data(config_file: Path) -> list[str]:
    """The settings of theme.icon that Material writes into each page's inline style (any icon set in them)."""
    theme = _mapping_of(config_file, "theme")
    icon = theme.get("icon") if isinstance(theme.get("icon"), dict) else {}
    return [f"theme.icon.{key}" for key in _ICONS_IN_A_STYLE
            if icon.get(key) and (not isinstance(icon[key], dict) or any(type_ and value for type_, value in icon[key].items()))]


def _mapping_of(config_file: Path, key: str) -> dict:
    """mkdocs.yml's setting `key` (with the file it INHERITs from) when it is a mapping; empty otherwise, or when
    MkDocs could not read the file either (its own error is reported elsewhere)."""
    try:
        value = host_config(config_file).get(key)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _as_joined(value: object) -> str:
    """A setting's value as Jinja's `~` joins it into a name: None as "None", a list as Python writes it."""
    return value if isinstance(value, str) else str(value)


def _an_icon(name: str, folders: list[Path]) -> bool:
    """Whether `.icons/<name>.svg` is a file of one of the theme `folders` (a name going up, `..`, is none: Jinja refuses it)."""
    parts = name.split("/")
    return "" not in parts and ".." not in parts and "." not in parts and "\\" not in name and \
        any((folder / ".icons" / f"{name}.svg").is_file() for folder in folders)


def _leaves(setting: str, value: object):
    """(the setting's name, each value) of a mapping of icons, nested (theme.icon.admonition.note)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(f"{setting}.{key}", item)
    else:
        yield setting, value


def _dicts(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else \
        [value] if isinstance(value, dict) else []


def _value_line(text: str, value: str, setting: str) -> int:
    """The line of mkdocs.yml first holding `value`, else the last key of `setting` it writes (`extra.social.icon`:
    the line of `icon:`, else of `social:`); 1 when it is written in the file it INHERITs from."""
    at = text.find(value) if value else -1
    for key in reversed(setting.split(".")):
        if at >= 0:
            break
        found = re.search(rf"^[ \t]*(?:-[ \t]+)?{re.escape(key)}[ \t]*:", text, re.M)
        at = found.start() if found else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _language_problem(config_file: Path, settings: HostSettings) -> str | None:
    """What is wrong with theme.language: every page's template reads the theme's strings from
    partials/languages/<language>.html, in the theme folder or Material's own; a language neither has (`xx`, `zh_CN`,
    `true`) ended the build in a Python traceback (TemplateNotFound, round 37b) where the check passed."""
    language = settings.theme_language
    if language is None:
        return None
    name = f"partials/languages/{language}.html"
    folders = [installed_theme_folder(THEME)] + ([config_file.parent / settings.theme_dir] if settings.theme_dir else [])
    if "/" not in language and "\\" not in language and any(folder is not None and (folder / name).is_file()
                                                             for folder in folders):
        return None
    return (f"theme 的 language“{language[:40]}”不是主题认得的语言：每个页面的模板都要读取主题的 {name[:80]}，没有这个文件，"
            "网站无法生成；本网站是中文网站，请写 language: zh")


# The theme this plugin's templates (the theme folder) extend. MkDocs' own themes (mkdocs, readthedocs; MkDocs'
# default where mkdocs.yml names none) print inline scripts and hidden text on every page: the build refused them
# (E401, eight lines naming the theme's scripts) where the check had passed (round 28b).
THEME = "material"
_OTHER_THEME = ("theme 的 name 是“{name}”：本工具的模板只配合 Material 主题（material），其他主题在每个页面印出内嵌脚本等，"
                "生成会被拒绝；请在 theme 中写 name: material")


def web_address(url: str) -> bool:
    """Whether `url` is an http(s) address with a host, as a site_url must be."""
    from urllib.parse import urlsplit
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# The files a host reads when its command names none (`mkdocs build`, `properdocs build` in a CI job): MkDocs takes
# mkdocs.yml, then mkdocs.yaml; ProperDocs takes properdocs.yml or properdocs.yaml before either. A properdocs.yml
# beside mkdocs.yml would be the configuration of the GitLab job's `properdocs build --strict` (README), read by
# no check: without the plugin, with any hook or exclude_docs.
HOST_CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


def rival_config_diagnostics(root: Path, config_name: str) -> list[Diagnostic]:
    """E406 for each file beside mkdocs.yml that a host would read instead of it, or beside it."""
    return [E406.at(name, 1, f"{name} 也是生成网站的设置文件：命令中不写 -f 时，ProperDocs 先读 properdocs.yml，"
                             f"MkDocs 在没有 mkdocs.yml 时读 mkdocs.yaml；本工具只检查 {config_name}，这个文件中的插件、钩子、"
                             f"exclude_docs 都不经检查；请删除它，设置只写在 {config_name} 中")
            for name in HOST_CONFIG_NAMES if name != Path(config_name).name and (root / name).is_file()]


def gate_plugin_diagnostics(root: Path, config_name: str) -> list[Diagnostic]:
    """E406 when mkdocs.yml (with the file it INHERITs from) does not run this plugin: `plugins` without `disclosure`,
    or its `enabled` other than true as written. `mkdocs build` then checks nothing — what the theme prints, the
    finished pages — and the check, which reads the sources, passed it: exclude_docs alone kept withheld files out."""
    try:
        config = host_config(root / config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    options = disclosure_options(config)
    text = read_setting_text(root / config_name) if not options or any(
        value.get(key, True) is not True for value in options for key in _GATE_SWITCHES) else ""
    if not options:
        return [E406.at(config_name, _key_line(text, "plugins"), _GATE_SWITCHES["enabled"])]
    return [E406.at(config_name, _key_line(text, rf"\s+{key}"), message) for key, message in _GATE_SWITCHES.items()
            if any(value.get(key, True) is not True for value in options)]


# The plugin's options that switch the gate off in a committed mkdocs.yml, and why each is refused.
_GATE_SWITCHES = {
    "enabled": "mkdocs.yml 没有启用本工具的 disclosure 插件（plugins 中没有它，或写了 enabled: false）：mkdocs build 就不做任何检查，"
               "主题印出的设置、生成的页面中的脚本和个人信息都会发布；请在 plugins 中写上 - disclosure，删除 enabled: false"
               "（只在本机预览时临时关闭）",
    "atomic": "disclosure 插件写了 atomic: false：生成直接写进网站目录，检查发现错误时已写出的页面（含被拒绝的内容）留在那里，"
              "虽然提示“网站未更新”；请删除这一行",
}


def host_date_diagnostics(root: Path, name: str, depth: int = 0) -> list[Diagnostic]:
    """E100 for a value of mkdocs.yml (or of the file it INHERITs from) that reads as a date that does not exist (or
    that its tag cannot make, `!!bool maybe`):
    MkDocs cannot read the file and stops with a Python traceback, before any check of the build runs."""
    try:
        text = read_setting_text(root / name)
        config = settings_data(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    found = [E100.at(name, line, f"“{value}”会被读作日期（或 !!bool、!!int 等标记的类型），但读不出来（没有这一天，或值与标记不符），"
                                 f"MkDocs 无法读取此文件（生成会以 Python 错误中止）；请核对日期、删去标记，或给它加上引号写作文字，如 '{value}'")
             for line, value in unmade_values(text)]
    parent = config.get("INHERIT") if isinstance(config, dict) else None
    if isinstance(parent, str) and depth < MAX_INHERIT:
        found += host_date_diagnostics(root, str(Path(name).parent / parent), depth + 1)
    return found


def _host_exclusion(site: Site) -> list[Diagnostic]:
    return host_exclusion_diagnostics(site.root, site.host_config, site.content, site.withheld_files(),
                                      site.published_files() | site.generated_pages(), site.documents)


MKDOCS_DEFAULT_EXCLUDES = (".*", "/templates/")   # what MkDocs 1.6 never publishes by itself
_GITIGNORE_SPECIAL = re.compile(r"([\\*?\[\]!# ])")


def exclude_line(src_uri: str) -> str:
    """The `exclude_docs` line that matches exactly this file."""
    return "/" + _GITIGNORE_SPECIAL.sub(r"\\\1", src_uri)


def host_exclusion_diagnostics(root: Path, config_name: str, content: str, withheld: set[str],
                               published: set[str], documents: list[Document]) -> list[Diagnostic]:
    """E113 for each withheld file `exclude_docs` lets through, and each published file it hides."""
    found = _read_setting(root / config_name, config_name, "exclude_docs")
    if found is None:
        return []   # no host configuration to check here; MkDocs itself reports a broken one
    config_name, text, value = found
    key_line = _key_line(text, "exclude_docs")
    if value is not None and not isinstance(value, str):
        return [E113.at(config_name, key_line, "exclude_docs 应为多行文字（exclude_docs: | 后每行一个路径）")]
    try:
        spec = pathspec.GitIgnoreSpec.from_lines((value or "").splitlines())
    except ValueError as error:
        return [E113.at(config_name, key_line, f"exclude_docs 有无法识别的行（{error}）；每行写一个以 / 开头的路径")]
    defaults = pathspec.GitIgnoreSpec.from_lines(MKDOCS_DEFAULT_EXCLUDES)
    matches = matcher(spec)   # a platform's list names every unit's files: each path meets only its folder's lines
    by_file = {doc.src_uri: doc for doc in documents}   # a line is looked up only for a file reported
    found = [E113.at(shown(f"{content}/{src_uri}"), by_file[src_uri].line_of("disclosure") if src_uri in by_file else 1, f"不公开的文件没有列入 {config_name} 的 exclude_docs：缺少本插件时网站会发布它；"
                        f"请在 {config_name} 的 exclude_docs 中加一行：{exclude_line(src_uri)}")
             for src_uri in sorted(withheld) if not matches(src_uri)]
    for src_uri in sorted(published):
        if defaults.match_file(src_uri):
            found.append(E113.at(shown(f"{content}/{src_uri}"), 1, "MkDocs 不发布 templates/ 目录和以点开头的文件；请改用其他目录名或文件名"))
        elif matches(src_uri):
            line = _pattern_line(text, key_line, value or "", src_uri)
            found.append(E113.at(config_name, line, f"exclude_docs 排除了公开的 {content}/{shown(src_uri)}；"
                                    "请删除这一行，或改为只匹配不公开的文件"))
    return found


def _read_setting(config_file: Path, name: str, key: str, depth: int = 0) -> tuple[str, str, object] | None:
    """(file name, its text, the value of `key`) of mkdocs.yml, or of the file it INHERITs it from."""
    try:
        text = read_setting_text(config_file, "utf-8")
        config = settings_data(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(config, dict):
        return None
    parent = config.get("INHERIT")
    if key not in config and isinstance(parent, str) and depth < MAX_INHERIT:
        inherited = _read_setting(config_file.parent / parent, str(Path(name).parent / parent), key, depth + 1)
        if inherited is not None:
            return inherited
    return name, text, config.get(key)


# Markdown extensions whose output comes from the page's own source only (module names; a bare name is
# Python-Markdown's). Any other may read another file or host into the page (module docstring).
_SOURCE_ONLY_PACKAGES = ("markdown.extensions.", "material.extensions.", "pymdownx.", "disclosure.")
_READING_EXTENSIONS = frozenset({"pymdownx.snippets", "pymdownx.b64"})
# An extension whose work is to write other characters than the source's: smarty turns "…" into ”…” (both closing
# after a Han character), ... into …, -- into –, << into «. No digit changes, so E600 (which counts the source's Han,
# digits and full-width punctuation) never saw it: official text published changed, exit 0. pymdownx.smartsymbols
# likewise: (c) → ©, +/- → ±, --> → →, =/= → ≠, c/o → ℅ (round 30a; its fractions and ordinals change digits, which
# E600 names on their line: switched off all of the others, it is left to E600). pymdownx.critic publishes another
# text than the source's in every mode: accepted or rejected edits drop what the check read (1380013{--某某--}8000 is a
# mobile on the page), and its view shows deletions and reviewers' comments on the public page (round 30a: the build's
# reading of the page refused what the check passed).
_REWRITING_EXTENSIONS = {
    "markdown.extensions.smarty": "\"放管服\" 改成 ”放管服”，... 改成 …，-- 改成 –，<< 改成 «",
    "pymdownx.smartsymbols": "(c) 改成 ©，+/- 改成 ±，--> 改成 →，=/= 改成 ≠，c/o 改成 ℅",
    "pymdownx.critic": "{--删除--}、{++插入++}、{~~替换~>为~~} 按修订模式删去或显示，{>>批注<<} 显示在页面上",
    # intraword underscores read as emphasis (文件_附件_说明: the underscores vanish, E600 at the build only: round 33c)
    "markdown.extensions.legacy_em": "文件_附件_说明 中的下划线去掉、“附件”改成斜体",
}
_REWRITES_TEXT = ("Markdown 扩展“{name}”把正文中的字符改写成别的字符（{examples}）：页面上的文字与原文不一致；请删除这一行，"
                  "正文写成要公开的样子（需要的符号直接写在正文中）")
# Extensions whose output no page may hold (the build refuses it on every page that uses them, E401 or E500):
# tasklist's `- [x]` and the tabs' `=== "一"` / `/// tab` are form controls (<input>, <label>), the tabs hide every tab
# but one, arithmatex (generic: false, its default) writes each formula into a <script>, wikilinks writes `[[名称]]` as
# a link to the site's root (/名称/). The check renders no page and passed them, the build refused each page with
# "请删除，或改用 Markdown 写法" for what is Markdown (round 33c): both name the extension's line now, with what to
# write instead.
_REFUSED_OUTPUT_EXTENSIONS = {
    "pymdownx.tasklist": ("把 - [x] 写成表单的复选框（<input>），网页中不得有表单", "勾选照原文写成文字，如“☑ 已完成”"),
    "pymdownx.tabbed": ("把 === \"标题\" 写成表单的选项卡（<input>、<label>），只显示其中一个，其余的被隐藏，网页中不得有表单",
                        "各选项卡的内容照原文写成小标题和正文"),
    "pymdownx.blocks.tab": ("把 /// tab 写成表单的选项卡（<input>、<label>），只显示其中一个，其余的被隐藏，网页中不得有表单",
                            "各选项卡的内容照原文写成小标题和正文"),
    "pymdownx.arithmatex": ("把 $公式$ 写进 <script>，网页中不得有脚本", "公式照原文写成文字（确需此扩展的，在其选项中写 generic: true）"),
    "markdown.extensions.wikilinks": ("把 [[名称]] 写成指向网站根目录下 /名称/ 的链接，不经链接检查：网站部署在子路径下、"
                                      "或没有这个页面时，都是失效的链接", "链接写成 [文字](相对路径.md)"),
    # round 37b: E600 at the build only (the label's figures are not shown as the text wrote them)
    "pymdownx.progressbar": ("把 [=85% \"说明\"] 写成进度条（带宽度样式的色块），原文的百分数和说明不再照原文显示",
                             "照原文写成文字，如“完成进度：85%”"),
}
# Options under which an extension writes what no page may hold (round 37b: E401 at the build only, on every page
# with a code block): pymdownx.highlight's line anchors and spans give each line an id (`__codelineno-0-1`).
_REFUSED_OPTIONS = {
    "pymdownx.highlight": (("anchor_linenums", "line_anchors", "line_spans"),
                           "的选项 {option} 给代码块的每一行加上编号锚点（id 属性），网页中不得有这样的属性",
                           "或只删去这个选项（需要行号的，写 linenums: true）"),
}
_WRITES_REFUSED_MARKUP = "Markdown 扩展“{name}”{what}，用到它的页面都不能发布；请删除这一行，{fix}"
# smartsymbols' rewrites without a digit: with every one switched off, what is left changes digits (E600's).
_SMARTSYMBOLS_WITHOUT_DIGITS = ("trademark", "copyright", "registered", "plusminus", "arrows", "notequal", "care_of")
# Plugins the gate knows: MkDocs' (and Material's) search and this one. Any other plugin or hook runs
# code during the build, after or around the checks, and may write any file into the site.
_KNOWN_PLUGINS = frozenset({"search", "material/search", "disclosure"})


def host_extension_diagnostics(root: Path, shown_path: str, depth: int = 0) -> list[Diagnostic]:
    """E406 for each Markdown extension of mkdocs.yml (and of the file it INHERITs from) that may read
    another file or host into a page, and each plugin or hook the gate does not know; a file MkDocs
    cannot read is MkDocs' own error."""
    text = ""
    try:
        text = read_setting_text(root / shown_path)
        pairs = host_config_pairs(text)
    except yaml.MarkedYAMLError as error:   # MkDocs stops with its English line, before any plugin runs
        line, message = yaml_error_at(text, error)
        return [E100.at(shown_path, line, f"{Path(shown_path).name} 格式错误：{message}（MkDocs 读不了它，网站无法生成）")]
    except UnicodeDecodeError:
        return [E406.at(shown_path, 1, _NOT_UTF8.format(name=Path(shown_path).name))]
    except FileNotFoundError:
        return []   # MkDocs' own error
    except OSError:   # a named pipe: MkDocs waits for it forever, a folder: MkDocs stops with a traceback
        return [E406.at(shown_path, 1, _NOT_A_FILE.format(name=Path(shown_path).name))]
    except (yaml.YAMLError, RecursionError):
        return []
    if pairs is None:
        return []
    if (size := expanded_size([part for pair in pairs for part in pair])) > MAX_EXPANDED_SETTINGS:
        return [E406.at(shown_path, 1, _ALIASES_EXPANDED.format(name=Path(shown_path).name,
                                                                size=size if size < 10 ** 12 else "无数"))]
    found = []
    for key, value in pairs:
        # A key, a name or INHERIT's file given by a tag (`!ENV [UNSET, hooks/x.py]`: MkDocs takes the default) is
        # one MkDocs reads and these lines cannot: a hook, a plugin, an inherited file past every check.
        unwritten = [key] if not _written(key) else _unwritten(value) if key.value in _STEERING_KEYS else \
            [value] if key.value in _NAMING_KEYS and not _written(value) else []
        if unwritten:
            found += [E406.at(shown_path, part.start_mark.line + 1, _FROM_ENVIRONMENT) for part in unwritten]
            continue
        if key.value in ("plugins", "hooks") and isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
            for item in value.value:
                name = item[0] if isinstance(item, tuple) else item.value[0][0] if isinstance(item, yaml.MappingNode) \
                    and item.value else item
                if not _written(name):
                    found.append(E406.at(shown_path, name.start_mark.line + 1, _FROM_ENVIRONMENT))
                elif isinstance(name, yaml.ScalarNode) and (key.value == "hooks" or str(name.value) not in _KNOWN_PLUGINS):
                    found.append(E406.at(shown_path, name.start_mark.line + 1,
                                         f"{'钩子' if key.value == 'hooks' else '插件'}“{name.value}”在生成网站时运行，"
                                         "可以把不公开的文件、本机的其他文件写进网站，或改动检查过的页面，不经过本插件的检查；"
                                         "请删除这一行（确需的功能请联系维护人员加入本工具）"))
        elif key.value == "markdown_extensions":
            for name, options in _extension_entries(value):
                if not _written(name):
                    found.append(E406.at(shown_path, name.start_mark.line + 1, _FROM_ENVIRONMENT))
                elif isinstance(name, yaml.ScalarNode) and not _source_only(str(name.value)):
                    found.append(E406.at(shown_path, name.start_mark.line + 1,
                                         f"Markdown 扩展“{name.value}”会把本页原文以外的文件（仓库或本机的其他文件，"
                                         "包括不公开的文件和附件）或其他网站的内容读进页面，不经过公开属性和个人信息的检查；"
                                         "请删除这一行，要放进页面的文字直接写在文件的正文中"))
                elif isinstance(name, yaml.ScalarNode) and _rewrites_text(str(name.value), options):
                    found.append(E406.at(shown_path, name.start_mark.line + 1, _REWRITES_TEXT.format(
                        name=name.value, examples=_REWRITING_EXTENSIONS[extension_module(str(name.value))])))
                elif isinstance(name, yaml.ScalarNode) and (what := _refused_markup_written(str(name.value), options)):
                    found.append(E406.at(shown_path, name.start_mark.line + 1,
                                         _WRITES_REFUSED_MARKUP.format(name=name.value, what=what[0], fix=what[1])))
                elif _emoji_from_another_host(name, options):
                    found.append(E404.at(shown_path, name.start_mark.line + 1, _EMOJI_FROM_ANOTHER_HOST))
        elif key.value == "extra_templates" and isinstance(value, yaml.SequenceNode):
            found += [E406.at(shown_path, item.start_mark.line + 1,
                              f"extra_templates 中的“{item.value if isinstance(item, yaml.ScalarNode) else '…'}”会被 MkDocs "
                              "当作模板执行：模板能读到所有文件（包括不公开文件的正文）、调用 Python，结果写进网站，覆盖检查过的文件，"
                              "不经过本插件的检查；请删除这一行（附件在文件头的 attachments 中列出即可）")
                      for item in value.value]
        elif key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            found += host_extension_diagnostics(root, str(Path(shown_path).parent / value.value), depth + 1) \
                if depth < MAX_INHERIT else [E406.at(shown_path, key.start_mark.line + 1, _INHERIT_TOO_DEEP)]
    return found + [E406.at(shown_path, line, f"“{tag}”让 MkDocs 在读取 {Path(shown_path).name} 时就执行这段 Python 代码"
                                              "（在本插件的任何检查之前），可以把不公开的文件、本机的其他文件写进网站；请删除这一行"
                                              "（Markdown 扩展的选项只可引用 pymdownx 或 material.extensions 中的函数，"
                                              "如 !!python/name:material.extensions.emoji.twemoji）")
                    for line, tag in _python_tags(pairs)]


# MkDocs opens mkdocs.yml (and the file it INHERITs from) as bytes and PyYAML decodes them as their byte-order mark
# says: a file saved as UTF-16 ("Unicode" in Notepad) is read whole by MkDocs, its Python tags run, its plugins and
# exclude_docs obeyed. Every reading of the gate is UTF-8 and took such a file for one MkDocs could not read either
# (its own error, nothing to add): the check passed a UTF-16 mkdocs.yml without the plugin, or with a Python tag, and
# `make site` built from it. Refused here, for every reader of the file.
_NOT_A_FILE = ("{name} 不是普通文件（命名管道、设备或文件夹）：MkDocs 读取它时一直等待或中止，网站不会生成；"
               "请删除它，换成普通的文本文件")
_NOT_UTF8 = ("{name} 不是 UTF-8 编码（例如存成了 UTF-16，记事本中的“Unicode”）：MkDocs 仍能读取它并照它生成网站，本工具的检查"
             "却读不到其中的插件、钩子、exclude_docs 和 Python 标签，不公开的文件和任意代码都可能因此进入网站；"
             "请用文本编辑器把它另存为 UTF-8 编码")


# A real mkdocs.yml is a few hundred nodes. Anchors and aliases (&a, *a) nested nine deep make 400 million once
# expanded: MkDocs writes each setting's repr to its debug log while loading the file, before any plugin, and took
# 48 s for them (each level more, nine times as long) with no line to say why.
MAX_EXPANDED_SETTINGS = 100_000
_ALIASES_EXPANDED = ("{name} 中的锚点和别名（&名称、*名称）层层引用，展开后有 {size} 项设置，MkDocs 读取这个文件时会极慢（可达数小时，"
                     "没有任何提示）；请删除这些嵌套的别名，把设置直接写出")


# pymdownx.emoji writes each :smile: of a page as a picture from a CDN (its generators to_png and to_svg, the sprites);
# to_alt writes the emoji's character into the page itself. The build refused the rendered page (E404) where a page
# used an emoji; the check, which renders no page, passed it: refused here, on the extension's line, in both.
# Material's to_svg (its documentation's setting, round eighteen keeps it) inlines its icons (:material-…:) but takes
# a twemoji (:smile:) from jsdelivr: that page is refused by the build's rendered check only.
_EMOJI_IN_PAGE = frozenset({"pymdownx.emoji.to_alt", "material.extensions.emoji.to_svg"})
_EMOJI_FROM_ANOTHER_HOST = ("Markdown 扩展 pymdownx.emoji 默认把正文中的 :smile: 等写成其他网站（CDN）上的图片，每位读者打开页面时"
                            "浏览器都会向该网站发出请求（本网站承诺不向其他网站发出请求）；请删除这一行，或在它的选项中写 "
                            "emoji_generator: !!python/name:pymdownx.emoji.to_alt（表情写成文字字符，不用图片）")


def _extension_entries(value: yaml.Node) -> list[tuple[yaml.Node, yaml.Node | None]]:
    """(name, options) of each Markdown extension as MkDocs reads markdown_extensions: a list of names and one-entry
    mappings, or one mapping of names to their options. The mapping was read as no list at all: `markdown_extensions:
    {pymdownx.snippets: {auto_append: [w.md]}}` put a 不予公开 document's body on every page, exit 0 (round 28b)."""
    if isinstance(value, yaml.MappingNode):
        return list(value.value)
    if isinstance(value, yaml.SequenceNode):
        return [item.value[0] if isinstance(item, yaml.MappingNode) and item.value else (item, None) for item in value.value]
    return []


def _rewrites_text(name: str, options: yaml.Node | None) -> bool:
    """Extension `name` (with `options`) publishes other characters than the source's, no digit among them changed."""
    module = extension_module(name)
    if module != "pymdownx.smartsymbols":
        return module in _REWRITING_EXTENSIONS
    pairs = options.value if isinstance(options, yaml.MappingNode) else []
    switched_off = {key.value for key, value in pairs if isinstance(key, yaml.ScalarNode) and _read_as_false(value)}
    return not switched_off.issuperset(_SMARTSYMBOLS_WITHOUT_DIGITS)


def _refused_markup_written(name: str, options: yaml.Node | None) -> tuple[str, str] | None:
    """What extension `name` (with `options`) writes that no page may hold and what to write instead, or None: arithmatex's `generic: true`
    writes its formulas as text in a <span> (a <div>), or in the element its inline_tag or block_tag names."""
    what = _REFUSED_OUTPUT_EXTENSIONS.get(extension_module(name))
    pairs = options.value if isinstance(options, yaml.MappingNode) else []
    option = {key.value: value for key, value in pairs if isinstance(key, yaml.ScalarNode)}
    if extension_module(name) in _REFUSED_OPTIONS:
        names, written, fix = _REFUSED_OPTIONS[extension_module(name)]
        switched_on = [key for key in names if key in option and not _read_as_false(option[key])]
        return (written.format(option=switched_on[0]), fix) if switched_on else None
    if what is None or extension_module(name) != "pymdownx.arithmatex":
        return what
    if "generic" not in option or _read_as_false(option["generic"]):
        return what
    return _ARITHMATEX_TAG if any(_refused_tag(option.get(key)) for key in ("inline_tag", "block_tag")) else None


# arithmatex's `generic: true` with `inline_tag: script` (style, textarea…) writes each formula into that element: the
# check passed it, the build refused every page with a formula (E401 "请删除，或改用 Markdown 写法", round 34a).
_ARITHMATEX_TAG = ("把 $公式$ 写进 inline_tag 或 block_tag 指定的元素，这个元素网页中不得使用",
                   "公式照原文写成文字（确需此扩展的，删去 inline_tag、block_tag，公式写在 <span>、<div> 中）")


def _refused_tag(value: yaml.Node | None) -> bool:
    return isinstance(value, yaml.ScalarNode) and str(value.value).strip().lower() not in ALLOWED_TAGS


def _read_as_false(value: yaml.Node) -> bool:
    """Whether Python-Markdown reads a switch's value as off (markdown.util.parseBoolValue): a text false, no, n, off, 0
    or none in any case, quoted or not, or any value Python takes for false (0, null, an empty list). Only YAML's own
    booleans were (round 30e: `copyright: 'false'` switched the rewrite off and was refused)."""
    try:
        read = yaml.SafeLoader("").construct_object(value, deep=True)
    except (yaml.YAMLError, TypeError, ValueError):
        return False   # a value the gate cannot read (a Python tag): the switch is taken as on
    return switched_off(read)


def _emoji_from_another_host(name: yaml.Node, options: yaml.Node | None) -> bool:
    """An extension `name` of markdown_extensions with `options` is pymdownx.emoji with a generator that writes
    pictures of another host."""
    if not isinstance(name, yaml.ScalarNode) or extension_module(str(name.value)) != "pymdownx.emoji":
        return False
    pairs = options.value if isinstance(options, yaml.MappingNode) else []
    generator = next((value for key, value in pairs if isinstance(key, yaml.ScalarNode) and key.value == "emoji_generator"), None)
    named = generator.tag[len(_PYTHON_TAG) + len("name:"):] if generator is not None and \
        generator.tag.startswith(_PYTHON_TAG + "name:") else None
    return named not in _EMOJI_IN_PAGE


# Keys whose value names what runs or is read (a plugin, hook, extension, template, inherited file); of those in
# _STEERING_KEYS, every part is (the theme's folder, the content folder: what the checks read is where they point).
_NAMING_KEYS = frozenset({"plugins", "hooks", "markdown_extensions", "extra_templates", "INHERIT"})
_STEERING_KEYS = frozenset({"hooks", "extra_templates", "INHERIT", "theme", "docs_dir", "site_dir"})
_FROM_ENVIRONMENT = ("这里的名称不是直接写出的文字（如 !ENV 从环境变量取值，变量未设置时用最后一项）：MkDocs 按生成时的环境读出"
                     "键名、插件、钩子、Markdown 扩展或 INHERIT 的文件，检查看不到它会是什么，可能是把不公开的文件写进网站的钩子；"
                     "请直接写出名称")


# Every reader of the settings follows INHERIT MAX_INHERIT files deep; MkDocs follows any chain: the hooks, plugins or
# exclude_docs of a seventh file ran in the build with the check's exit 0 (round 28b), and a loop ended it in a traceback.
_INHERIT_TOO_DEEP = (f"INHERIT 引用的设置文件又引用下一个，已超过 {MAX_INHERIT} 层（或循环引用）：MkDocs 读取全部，本工具只读 {MAX_INHERIT} 层，"
                     "再往下的文件中的钩子、插件、exclude_docs 不经检查（循环引用时 MkDocs 以 Python 错误中止）；"
                     "请把设置合并到 mkdocs.yml 和它直接引用的文件中")


def _written(node: yaml.Node) -> bool:
    """A node MkDocs reads as it is written: YAML's own types (text, number, true/false, list, mapping …), no tag of
    the loader's (`!ENV`, `!relative`; a Python tag is refused on its own, `_python_tags`)."""
    return node.tag.startswith("tag:yaml.org,2002:") and not node.tag.startswith(_PYTHON_TAG)


def _unwritten(root: yaml.Node) -> list[yaml.Node]:
    """The nodes under `root` (itself included) that are not `_written`, outermost first."""
    return sorted((node for node in yaml_nodes([root], _written) if not _written(node)), key=lambda node: node.start_mark.index)


_PYTHON_TAG = "tag:yaml.org,2002:python/"
# What a Markdown extension's options may name (Material's and PyMdown's own documentation writes them so): a
# function of a source-only package, referred to or called with the options written beside it.
_PYTHON_REFERENCES = ("name:", "object/apply:")


def _python_tags(pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[tuple[int, str]]:
    """(line, tag as written) of each Python tag of a YAML file MkDocs reads with PyYAML's unsafe loader
    (`!!python/object/apply:os.system`, `!!python/module:…`, `!!python/name:…` of any module, however the tag is
    spelt: `!<tag:…>`, a %TAG handle): each runs or imports code when MkDocs loads the file, before any plugin."""
    found = []
    for node in yaml_nodes([part for pair in pairs for part in pair]):
        if node.tag.startswith(_PYTHON_TAG):
            kind = node.tag[len(_PYTHON_TAG):]
            reference = next((kind[len(prefix):] for prefix in _PYTHON_REFERENCES if kind.startswith(prefix)), None)
            if reference is None or "." not in reference or not _source_only(reference):
                found.append((node.start_mark.line + 1, "!!python/" + kind))
    return sorted(found)


def _source_only(name: str) -> bool:
    module = extension_module(name)
    return module.startswith(_SOURCE_ONLY_PACKAGES) and not any(
        module == reading or module.startswith(reading + ".") for reading in _READING_EXTENSIONS)


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^{key}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _pattern_line(text: str, key_line: int, value: str, src_uri: str) -> int:
    """The line of mkdocs.yml holding the last pattern that matches `src_uri` (gitignore: the last one wins)."""
    last = None
    for line in value.splitlines():
        if line.strip() and pathspec.GitIgnoreSpec.from_lines([line]).match_file(src_uri):
            last = line
    if last is None:
        return key_line
    for number, source in enumerate(text.split("\n")[key_line - 1:], start=key_line):
        if source.strip() == last.strip():
            return number
    return key_line


# The scripts this project ships in overrides/, reviewed (SHA-256 of their bytes): they build the addresses of the
# site's own search files at run time (`new URL(path, root)`), which no check of the text can tell from one of
# another host. Any other script of a theme folder is read for the calls that load (`script_loading`). A change
# to a shipped script is reviewed again and its new digest listed here (tests/test_redteam12.py names it).
REVIEWED_THEME_SCRIPTS = frozenset({
    "083a06657783895714994d0be81b71ea105dfe9cfc07a8f7ac76c1799063e95b",   # reading.js
    "bf14974711b55dbb43bcb0f7fe04235796a677e9f86f9071aae4a793e8c3427b",   # resize-observer.js
    "07efc221e4639940841d377e6a78649d94f5ddd9cefc40847e19e6b335319b7e",   # search-dialog.js
    "645ba0f7df0454500b85d01ca39c84d21c0a45ebb3d61c8c10bf52d987906ab2",   # search-worker.js
    "2f05358f685df734ea80b311f156eb59ec7cd16485736fb6ced2423de59f0f4b",   # theme/announce.js
    "8561a033311092b04c3649611cc57cdc1b337e190dec92697bcf3046ec6ceb0c",   # theme/base.js
    "824da0601071d14f6e22ed6107325a75a6285131876eea52c583e8292789d1b7",   # theme/consent.js
    "f574ffaad9fc5ce5c1eb5a4a73e67886850d2e0dfe7f344c3a6e4f4ad1ab03dc",   # theme/content-tabs.js
    "7075f8f609b41f40e6b713d77106f9f159892ba38ecd68e09a803d0bbaaec21d",   # theme/content.js
    "5d07ca2987f655741390ccabbc9b736c5a180a1d114ed07e56f66cfced255d67",   # theme/outdated.js
    "fb6be5a28da5823d89abb17d93f2fe971ecdb4820e874d0342ccb52247ba7d17",   # theme/palette.js
})

# The style sheet this project ships (SHA-256 of its bytes), read once for text it writes into pages (E401): parsing
# it again on every build cost a small site's build a tenth of its time. An agency's edited copy is read as any other.
REVIEWED_THEME_STYLESHEETS = frozenset({
    "88975af45d5a4b43b4d969a33b28d550ac8be029e52e52f97609f112ab3a9022",   # assets/stylesheets/disclosure.css
})

# The fix for a property reached by a name computed at run time (rules/rendered.py `_computed_names`).
_NAMED_PLAINLY = ("；属性名请直接写出（el.textContent、rows[0]、data[\"title\"]），遍历一组元素用 forEach、for…of，"
                  "或在 for (let i = 0; i < list.length; i++) 循环中只读 list[i]（不赋值、不调用）")
# The templates this project ships in overrides/, reviewed (SHA-256 of their bytes). A template is code: Jinja runs it
# in the build with the plugin's whole state in reach (`config.plugins`: every document, withheld bodies too) and,
# through any object's Python attributes, the interpreter itself. Its output is checked (E400, E401, E403, E404),
# but not for what the gate withholds, and nothing checks what it does besides printing. Any other template of a
# theme folder is refused (E406); a change to a shipped template is reviewed again and its digest listed here
# (tests/test_redteam18.py names it).
REVIEWED_THEME_TEMPLATES = frozenset({
    "8a8a129f04e2755aeb2d593ffab4a53fab20764984e45aa96d350948872e24d0",   # disclosure/document.html
    "b01e6023a9c70f01624aaed42bca349b85d348e6995ec939f0a4f8efb9b9dc64",   # disclosure/exports-index.html
    "9b701934d31f88fb32b848cc138518b7934e87008211090b2fe8ed9ae04e608d",   # disclosure/feed.xml
    "44ba048977bfd00498bd7ce354e3f704397550e60b495a13f26ee947cea24ea7",   # disclosure/home.html
    "cd8140c5d0f08d4f09b00cac4329274b5d097d4dc52e75839957256bef7aaef8",   # disclosure/listing.html
    "b957689c8b709896bab59027dfb45c51be9122dade3f2801066255fd7e9d0ee2",   # disclosure/partials/banner.html
    "ce8b4c70533a0f30fe04692c6610050d4c18fa5fb9b280f1146d33acd30fac5b",   # disclosure/partials/doc-table.html
    "b87b884b8ae902e974d6981b55b425564c6d4aaaa24ec8fd76defb208acaabc0",   # disclosure/partials/metadata.html
    "0b20c4f732a85b8af4572259a5b9b4a5e75e191f2f50f6eb5595e985f8b400ce",   # disclosure/partials/platform-directory.html
    "3093bc5f8748f7dc917ca8a0200eeebdd3760520606fcfa4df9a108cfd6e2fc8",   # disclosure/partials/platform-latest.html
    "e80b01507348917d1722d0509dfbd51eafa04bf791c8da1caf80e38d03bf4735",   # disclosure/partials/reading.html
    "a461163e81d9bacb84f663ba61c587834470fac3cfe64a4f7ada52a4ed9dbae4",   # disclosure/partials/relations.html
    "ad2d6ba78d77e699e1befc2619012c6f43baf2d62ebb7538643bd36193574033",   # disclosure/partials/report-table2.html
    "06155b5ec7f31a72b48769ddb91f7ed20d20cb55c54cd9b299be1e2a7bd2ff5e",   # disclosure/partials/search-filters.html
    "dc81348213c915fbeee9a3c190199bd64ea759bbc0bdf63f69d89729be98a099",   # disclosure/partials/trail.html
    "71ac5ce480f53d3d64aed45eeacc9b9145ce5f4957a5902b71d176c55e392db3",   # disclosure/partials/tree.html
    "cba2205668e0df8309d53cff6fe98b3590698ba8c15e6b6d77283af54246a880",   # disclosure/platform-home.html
    "ee91bf3459deaf580a0ae319e8cf74fc60061aea2db92675ca7e4f9ca725afbc",   # disclosure/robots.txt
    "fd480ccf3813ab3220e9ed6389b1e5744fecd6a6202db3f45f49aeddbf7427ce",   # disclosure/sitemap-index.xml
    "58fdf38b09a550dc50406eb457f152da28f2dd659bd4bf715d0c33cb03b6cdd8",   # disclosure/sitemap.xml
    "5c6fe30da177c52f45d87401a347b12bd748171b6e6d8925156c879af058e3d0",   # main.html
    "705963e8f4f55d62192c1afade9c925b8771217313b0edd65daa51479cd813e3",   # partials/copyright.html
    "91133ec5780672f429ea7cb6dc9064b50ab788393be90bedf7c75c2caa936a9e",   # partials/footer.html
    "c51f42037d74e3d4ebd73d34cdc0afdf75c865ca02a88e1551c51e11104b2869",   # partials/javascripts/announce.html
    "0d3a76f42ebf4bc1966fe32c35491218c01b2879f930c84bcde2ba75f301d06a",   # partials/javascripts/base.html
    "bb0e9c5c3484ed39539848b532d4c2f1de1f44c78d2c754b3eaf3264b82cf641",   # partials/javascripts/consent.html
    "a022a1b9a83b7bedead8d5a71a06dc6564f6922e08ffd22c6e4edc935f03a02e",   # partials/javascripts/content.html
    "bd71bc8c6538c8651f99437882d0ba607ea28d6ab8fb80ba2a79a3f9cbc240e5",   # partials/javascripts/outdated.html
    "829cacf3f6de05401a607e3a1c94193fe4aa0e6eec088281ef1735dc00c7426b",   # partials/javascripts/palette.html
    "6aed5ad36518ab967b7610dfa8912b82a2c249b2e5bf5465e09a33bb9bf8b251",   # partials/language-strings.html
    "8c7a276003011dd5c9fbbbff33a5db241a617afbaf1085269a609518e03964e3",   # partials/language.html
    "29ee58b7a8d9e04d470116e7d9b9d4fa3fe18b864f739c86a18de9888461c394",   # partials/nav.html
    "c93ea0ee5173760becf0fdbe3da27ff3fdfbe0498bcf03120fca6eeef3e84f6b",   # partials/once.html
    "0e1de3112331c677fa675257590894a38dc3dbc0a0efc262791b0ceaf2aebd30",   # partials/search.html
})
# Templates of a theme folder: pages' (.html), the outputs' (THEME_OUTPUT_TEMPLATES), and theme.static_templates
# (MkDocs renders each file it names, whatever its name; 404.html and sitemap.xml by default).
_TEMPLATE_TYPES = (".html", ".htm")
_STATIC_TEMPLATES = frozenset({"404.html", "sitemap.xml"})
# Material includes an icon of the theme folder's .icons/ (theme.icon.logo, extra.social …) into every page as a
# template: one holding Jinja's marks runs as one. No SVG needs them.
_ICONS = ".icons/"
_JINJA_MARK = re.compile(rb"\{[{%#]")


def _theme_folder(root: Path, config_name: str) -> tuple[dict, Path | None]:
    """mkdocs.yml's theme settings and its theme folder (custom_dir, relative to mkdocs.yml) as MkDocs reads them:
    with the file it INHERITs from (a theme written only there is the site's all the same). None: no folder."""
    try:
        config = host_config(root / config_name)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}, None
    theme = config.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    custom = theme.get("custom_dir")
    folder = (root / config_name).parent / custom if isinstance(custom, str) and custom else None
    return theme, folder if folder is not None and folder.is_dir() else None


def theme_template_diagnostics(root: Path, config_name: str) -> list[Diagnostic]:
    """E406 for each template of the theme folder mkdocs.yml names (theme.custom_dir, hidden folders too: Jinja
    finds templates there) that is not one this project ships as reviewed (`REVIEWED_THEME_TEMPLATES`), and for
    each file theme.static_templates names there that is not: MkDocs renders it as a template whatever its name."""
    import os
    theme, folder = _theme_folder(root, config_name)
    if folder is None:
        return []
    rendered = theme.get("static_templates")
    rendered = {name for name in rendered if isinstance(name, str)} if isinstance(rendered, list) else set()
    rendered |= _STATIC_TEMPLATES | THEME_OUTPUT_TEMPLATES
    found = []
    for current, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            template = name.lower().endswith(_TEMPLATE_TYPES) or relative in rendered
            icon = relative.startswith(_ICONS)
            if not (template or icon) or not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            shown_path = os.path.relpath(path, root).replace(os.sep, "/")
            if icon and not template and _JINJA_MARK.search(data):
                found.append(E406.at(shown_path, data[:_JINJA_MARK.search(data).start()].count(b"\n") + 1,
                                     f"主题目录中的图标“{relative}”含有模板语句（{{{{ }}}}、{{% %}}），主题把图标作为模板嵌进每个页面时"
                                     "会执行它：模板可以读到所有文件（包括不公开文件的正文）并印进页面，也可以调用 Python；"
                                     "请改用只含图形的 SVG 文件"))
            elif template and hashlib.sha256(data).hexdigest() not in REVIEWED_THEME_TEMPLATES:
                found.append(E406.at(shown_path, 1, f"主题目录中的模板“{relative}”不是本工具审查过的模板：模板在生成网站时执行，"
                                                    "可以读到所有文件（包括不公开文件的正文）并印进每个页面，也可以调用 Python，"
                                                    "不经过本插件的检查；请恢复为本工具自带的版本或删除它（不是模板的文件改用其他扩展名），"
                                                    "确需修改请交维护人员审查后列入本工具"))
    return found


# What a theme folder (mkdocs.yml's theme.custom_dir) may hold besides its templates: MkDocs copies
# every other file of it into the site as it is, past every check of content/.
THEME_FILE_TYPES = frozenset("css js map png jpg jpeg gif webp ico woff woff2 ttf otf eot".split())
_THEME_TEXT_TYPES = frozenset({"css", "js", "map"})


# The theme folder's templates of the files the build writes next to the pages (feeds, robots.txt, sitemaps, the
# exports' index): rendered by the build, never copied (mkdocs_adapter/outputs.py drops them from MkDocs' files).
THEME_OUTPUT_TEMPLATES = frozenset({"disclosure/feed.xml", "disclosure/robots.txt", "disclosure/sitemap.xml",
                                    "disclosure/sitemap-index.xml", "disclosure/exports-index.html"})


def theme_folder_diagnostics(root: Path, config_name: str, today: dt.date,
                             withheld: Withheld | None = None) -> list[Diagnostic]:
    """`theme_file_diagnostics` for every file of the theme folder mkdocs.yml names (theme.custom_dir), as
    `disclosure check` reads it without MkDocs: what the build refuses there, the check reports (the build reads
    MkDocs' own list of the files it copies, `mkdocs_adapter.plugin`). Templates (.html, THEME_OUTPUT_TEMPLATES)
    and hidden files are not copied; a symlink, or a folder that is one, is reported as it is, never followed."""
    import os
    _, folder = _theme_folder(root, config_name)
    if folder is None or folder.is_symlink():
        return []
    found: list[Diagnostic] = []
    for current, folders, names in os.walk(folder):   # symlinked folders are listed, not entered
        here = Path(current)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*folders, *sorted(names)]:
            path = here / name
            if name.startswith(".") or name.endswith(".html") or path.is_dir() and not path.is_symlink() \
                    or path.relative_to(folder).as_posix() in THEME_OUTPUT_TEMPLATES:
                continue
            shown_path = os.path.relpath(path, root).replace(os.sep, "/")
            found += theme_file_diagnostics(shown_path, path.read_bytes, today, path.is_symlink(), path, withheld)
    return found


def _special_file(path: Path) -> bool:
    """Neither a regular file nor a folder (a named pipe, a device, a socket), by the entry itself, not what it names."""
    import os
    import stat
    mode = os.lstat(path).st_mode
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode))


def theme_file_diagnostics(shown_path: str, read: Callable[[], bytes], today: dt.date, linked: bool = False,
                           file: Path | None = None, withheld: Withheld | None = None) -> list[Diagnostic]:
    """E112 for a symlink in the theme folder (MkDocs would copy the file it points to, from anywhere);
    E111 for a file that is no style sheet, script, picture or font (a list, a page, an SVG); E404 for what a
    style sheet loads from another host (every page links it) or a script names as a quoted address; E400 for
    personal data in a style sheet or script it copies into the site, and in a picture or font (`file`)
    read as an attachment is: what a picture says of itself, and a list or archive merely named logo.png."""
    name = shown_path.rsplit("/", 1)[-1]
    if linked:
        return [E112.at(shown_path, 1, f"主题目录中的“{name}”是符号链接（或在链接的文件夹中），MkDocs 会把它指向的文件"
                                       "复制进网站；请删除链接，放入文件本身")]
    if file is not None and _special_file(file):   # reading a named pipe waits for a writer for ever
        return [E112.at(shown_path, 1, f"主题目录中的“{name}”不是普通文件（命名管道、设备或套接字），不会读取，"
                                       "也不应复制进网站；请删除它，需要的样式表、脚本、图片请保存为普通文件")]
    if copied := _withheld_file_copy(shown_path, read, file, withheld):
        return copied
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in THEME_FILE_TYPES:
        return [E111.at(shown_path, 1, f"主题目录中的“{name}”不是样式表、脚本、图片或字体，MkDocs 会把它原样复制进网站"
                                       "（不经过任何检查）；请删除它，附件放在 content/ 中引用它的文件旁的 files/ 下")]
    if extension in _THEME_TEXT_TYPES:
        data = read()
        text, digest = _as_the_browser_decodes(data, extension), hashlib.sha256(data).hexdigest()
        lines = _style_sheet_lines(shown_path, text, digest) if extension == "css" else \
            _script_lines(shown_path, text, digest) if extension == "js" else []
        return lines + personal_info_diagnostics(shown_path, [(1, text)], [], today) + \
            _theme_copy(shown_path, [text], withheld and withheld.texts)
    if file is None:
        return []
    try:
        pieces = [piece for piece in attachment_pieces(file, today) if isinstance(piece, Piece)]
    except Unreadable:
        return []   # a font, or a picture no program reads text from
    return personal_info_diagnostics(shown_path, [Source(1, piece.text, where=f"{piece.where or '文件内容'}：", multiline=False,
                                                         around=piece.around)
                                                  for piece in pieces], [], today) + \
        _theme_copy(shown_path, [piece.text for piece in pieces], withheld and withheld.texts)


def _as_the_browser_decodes(data: bytes, extension: str) -> str:
    """A theme style sheet's or script's text as a browser decodes it: by its byte-order mark first (UTF-16 too), then a
    style sheet's @charset, else as UTF-8. Round 34a: a sheet saved as UTF-16 with its mark (@font-face loading a font,
    content: "13800138000") and a script so saved (a remote load) were read as UTF-8, every other byte a NUL, and
    passed check and build with nothing named. tinycss2 decodes a sheet as CSS Syntax says; webencodings (its own
    dependency, pinned) a script as the HTML standard's "decode" does."""
    import webencodings
    if extension == "css":
        from tinycss2.bytes import decode_stylesheet_bytes
        return decode_stylesheet_bytes(data, environment_encoding=webencodings.lookup("utf-8"))[0]
    return webencodings.decode(data, "utf-8")[0]


def _style_sheet_lines(shown_path: str, text: str, digest: str) -> list[Diagnostic]:
    """E404 for what a theme style sheet loads from another host; E401 for text it writes into pages and fonts it
    loads from files (not asked of the shipped sheet, REVIEWED_THEME_STYLESHEETS)."""
    reviewed = digest in REVIEWED_THEME_STYLESHEETS
    return [E404.at(shown_path, line, f"主题样式表从其他网站载入“{url[:60]}”，每个页面都链接这个样式表，每位读者打开页面时"
                                      "浏览器都会向该网站发出请求（本网站承诺不向其他网站发出请求）；请把它下载保存到主题目录"
                                      "（如 overrides/assets/images/、overrides/assets/fonts/）并改用相对地址，或删除这一行")
            for line, url in style_sheet_remote(text)] + \
        [E401.at(shown_path, line, f"主题样式表用“{value}”在页面上写出文字（content、quotes 等的字符串或计数器）：这些字不在任何"
                                   "文件的原文中，检查读不到，可以与正文拼成手机号等；请删除这一行（装饰用 content: \"\"）")
         for line, value in ([] if reviewed else style_sheet_text(text))] + \
        [E401.at(shown_path, line, f"主题样式表用 @font-face 从文件载入字体（{value}）：字体决定页面上每个字画成什么样子，可以把"
                                   "“x”画成“8”（正文显示出原文中没有的号码）或把一个字画成另一个字，检查读不到字体画出的样子；"
                                   "请删除这段规则，改用读者电脑上的字体（font-family 写字体名，或 src: local(\"仿宋\")），"
                                   "确需使用的字体请交维护人员审查后列入本工具")
         for line, value in ([] if reviewed else style_sheet_fonts(text))]


def _script_lines(shown_path: str, text: str, digest: str) -> list[Diagnostic]:
    """E404 for an address on another host a theme script names, and (a script not reviewed, REVIEWED_THEME_SCRIPTS)
    for an address or code it puts together at run time."""
    loaded = script_remote(text)
    found = [E404.at(shown_path, line, f"主题脚本从其他网站载入“{url[:60]}”（如统计代码），每位读者打开页面时浏览器都会向该网站"
                                       "发出请求（本网站承诺不向其他网站发出请求）；请删除这段代码，需要的文件保存到主题目录并改用相对地址")
             for line, url in loaded]
    if digest in REVIEWED_THEME_SCRIPTS:
        return found
    named = {line for line, _ in loaded}
    return found + [E404.at(shown_path, line, f"主题脚本用“{call[:30]}”在运行时拼出地址或执行文字（无法确认它不向其他网站发出请求，"
                                              "每位读者打开页面时都会运行）；请删除这段代码，或只写固定的相对地址，如 fetch(\"search/x.json\")"
                                              f"{_NAMED_PLAINLY if '[' in call or 'ttribute' in call else ''}；"
                                              "确需的脚本请交维护人员审查后列入本工具")
                    for line, call in script_loading(text) if line not in named]


def _withheld_file_copy(shown_path: str, read: Callable[[], bytes], file: Path | None,
                        withheld: Withheld | None) -> list[Diagnostic]:
    """E500 for a file of the theme folder that is, byte for byte, a withheld document or a file one names (a scanned
    list saved as assets/images/banner.png): MkDocs copies it into the site, where content/ refuses the same copy under
    another name (content/inventory.py `_withheld_copies`) and so does the merge; round 27a looked for its text only,
    and a picture has none (round 28b: published with exit 0)."""
    sizes = {source: size for source, path in (withheld.files.items() if withheld else ()) if (size := _size(path))}
    if not sizes or file is not None and _size(file) not in sizes.values():
        return []   # the theme's files are read only where a withheld file has their size
    data = read()
    same = next((source for source, size in sizes.items() if size == len(data) and _same_bytes(withheld.files[source], data)), None)
    return [E500.at(shown_path, 1, f"主题目录中的“{shown_path.rsplit('/', 1)[-1]}”与不公开的 {same} 完全相同，MkDocs 会把它"
                                   "原样复制进网站；请从主题目录删除它（主题目录只放样式表、脚本、图片和字体）")] if same else []


def _size(path: Path) -> int | None:
    """The size of a regular file (an empty one is no copy of anything); None for anything else."""
    import stat
    try:
        found = path.lstat()
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) and found.st_size else None


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _theme_copy(shown_path: str, texts: list[str], withheld: dict[str, frozenset[str]] | None) -> list[Diagnostic]:
    """E500 for a file of the theme folder holding a withheld text whole (a comment of a style sheet, a script's string,
    a picture's text): MkDocs copies it into the site as it is, as it would a public attachment (round 27a)."""
    if not withheld:
        return []
    return [E500.at(shown_path, 1, f"主题目录中的“{shown_path.rsplit('/', 1)[-1]}”含有不公开的 {source} 的全部文字，MkDocs 会把它"
                                   "原样复制进网站；请删除这些文字（主题目录只放样式表、脚本、图片和字体）")
            for source in sources_held_whole(normalised("\n".join(texts)), withheld)]
