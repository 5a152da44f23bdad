"""E500 for an entry of mkdocs.yml's `nav` that names no page the site publishes (round 30b).

MkDocs takes `nav` as the site's navigation and warns, in English, about an entry naming a file it does not publish
(a withheld document, which exclude_docs keeps out; a misspelt path): `disclosure check` passed such a mkdocs.yml, and
the strict build then stopped on MkDocs' warning with no coded line, naming no line of mkdocs.yml; a build without
--strict published a navigation link leading nowhere. The check and the build now name the entry's line.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Iterator
from urllib.parse import urlsplit

import yaml

from ..codes import E500
from ..codes.diagnostics import Diagnostic
from .yamlsource import MAX_INHERIT, host_config_pairs, read_setting_text


def nav_diagnostics(root: Path, config_name: str, published: set[str]) -> list[Diagnostic]:
    """E500 for each entry of the `nav` MkDocs uses (mkdocs.yml's, else the one of the file it INHERITs from)
    naming a file under docs_dir that is not in `published` (src_uris of published pages and files)."""
    found = _nav_node(root, config_name)
    if found is None:
        return []
    name, nav = found
    return _untargeted(name, nav) + [E500.at(name, entry.start_mark.line + 1,
                    f"导航（nav）中的“{entry.value}”不是网站发布的页面（content/ 中没有这个文件，或它不公开）：MkDocs 生成时"
                    "只给出英文警告，严格模式下网站不会生成，否则导航中是一个打不开的链接；请改正路径或删除这一项")
            for entry in _entries(nav) if _looked_up_as_a_file(entry) and _source(entry.value) not in published]


def _untargeted(name: str, nav: yaml.Node) -> list[Diagnostic]:
    """E500 for each `title:` of the nav with nothing after it (`- 政策:`, `政策: ~`): MkDocs stops reading mkdocs.yml
    with "Expected nav to be a list, got None" before any plugin is loaded, so the build can give no line of its own
    (round 32b: the check named it as a page “” the site does not publish)."""
    return [E500.at(name, title.start_mark.line + 1,
                    f"导航（nav）中的“{title.value}”冒号后没有写页面：MkDocs 读不了 mkdocs.yml，以英文报错“Config value 'nav': "
                    "Expected nav to be a list, got None”停止，网站不会生成；请在冒号后写上页面路径（如 policies/index.md），"
                    "或在下面缩进列出这一栏的各项，或删除这一项")
            for title, value in _titled(nav) if _null(value)]


def _titled(node: yaml.Node) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """(title, target) of every `title: target` mapping of a nav, at any depth."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titled(item)
    elif isinstance(node, yaml.MappingNode):
        for title, value in node.value:
            yield title, value
            yield from _titled(value)


def _null(node: yaml.Node) -> bool:
    """YAML's null (nothing written, `~`, `null`): MkDocs reads None, no path."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _nav_node(root: Path, name: str, depth: int = 0) -> tuple[str, yaml.Node] | None:
    """(file, its `nav` node) of the file that sets the navigation: mkdocs.yml's own overrides the inherited one."""
    try:
        pairs = host_config_pairs(read_setting_text(root / name))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None   # the file's own checks name it
    inherit = None
    for key, value in pairs or ():
        if key.value == "nav":
            return name, value
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            inherit = value.value
    return _nav_node(root, str(Path(name).parent / inherit), depth + 1) if inherit and depth < MAX_INHERIT else None


def _entries(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every path or address of a nav: items of lists, values of `title: target` mappings, at any depth."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            if not _null(value):   # a title with no target: `_untargeted`
                yield from _entries(value)


def _looked_up_as_a_file(entry: yaml.ScalarNode) -> bool:
    """A target MkDocs looks up among the site's files, as its nav.py does: anything but an address with a scheme or
    a host, or an absolute path. MkDocs warns of any other it does not find, an anchor (`#top`), an empty target or
    one with a blank in front (`" policies/a.md"`) too: round 31a found the check passing those where the strict build
    stopped on the English warning alone."""
    try:
        address = urlsplit(entry.value)
    except ValueError:   # `http://[` : MkDocs' own error, not a path of the site
        return False
    return not (address.scheme or address.netloc or entry.value.startswith("/"))


def _source(target: str) -> str:
    """The file MkDocs takes `target` for (Files.get_file_from_path): the path as written, its `./` and doubled
    slashes dropped, but `..` and blanks kept (`a/../a.md` is no file of the site to MkDocs)."""
    return PurePath(target).as_posix()

