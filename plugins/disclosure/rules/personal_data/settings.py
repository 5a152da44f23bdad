"""E400 in the configuration the site prints on every page.

catalogue.yaml: the agency's name, address, phone and e-mail, and the names and descriptions of
categories and types are printed on every page (header, footer, listings, catalogue.json/csv), so a
personal mobile typed there as the 咨询电话 is published site-wide. mkdocs.yml: its site_name,
site_description (every page's <meta>), site_author, copyright (every footer), repo and site URLs,
the titles of `nav`, everything under `extra`, the paths of extra_css/extra_javascript and the
options of markdown_extensions (a table of contents' title …) are printed on every page too, and the
options of `plugins` (the search plugin writes its separator and language into search_index.json); its
other keys (exclude_docs, which names withheld files, …) are never shown. mkdocs.yml is read as
YAML nodes, so that its !ENV and !!python tags need no constructor, and the file it INHERITs from too. A value
written `!ENV NAME` (or `!ENV [NAME, OTHER, default]`) is what MkDocs prints from the environment the command runs
in, as MkDocs reads it (pyyaml_env_tag: the first variable set, else the default): read so, with its default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from ...codes.diagnostics import Diagnostic
from ...content.documents import published_values
from ...content.yamlsource import MAX_INHERIT, PRINTED_KEYS, decode_text, host_config_pairs, load_yaml, printed_scalars, read_setting_text
from ...privacy.numbers import personal_info_diagnostics


def catalogue_personal_info(file: Path, shown_path: str, today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum in a value of `file` (problems reading it are reported by the catalogue loader)."""
    values = catalogue_printed(file, shown_path)
    found = personal_info_diagnostics(shown_path, values, [], today) if values else []
    # There is no allow_personal_info here: the agency's own details are never a person's.
    return _with_fix(found, _FIX)


def catalogue_printed(file: Path, shown_path: str) -> list[tuple[int, str]]:
    """(line, text) of each value of catalogue.yaml the site prints; none when it cannot be read (the catalogue
    loader says why)."""
    if not file.is_file():
        return []
    text, _ = decode_text(file.read_bytes(), shown_path)
    if text is None:
        return []
    parsed = load_yaml(text, shown_path)
    return published_values(parsed.data, parsed.lines) if isinstance(parsed.data, dict) else []


_FIX = "；这里应填写单位的座机、公开的服务电话或公务邮箱"
_HOST_FIX = "；mkdocs.yml 中的这些文字印在每个页面上（页头、页脚、网页说明），请删除，或改为单位的座机、公开的服务电话"
def host_config_personal_info(root: Path, shown_path: str, today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum in a printed value of mkdocs.yml (and of the file it INHERITs from);
    a file MkDocs cannot read is MkDocs' own error."""
    return [diagnostic for name, texts in host_config_printed(root, shown_path)
            for diagnostic in _with_fix(personal_info_diagnostics(name, texts, [], today), _HOST_FIX)]


def host_config_printed(root: Path, shown_path: str, depth: int = 0) -> list[tuple[str, list[tuple[int, str]]]]:
    """(file, its printed values as (line, text)) for mkdocs.yml and each file it INHERITs from."""
    try:
        pairs = host_config_pairs(read_setting_text(root / shown_path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    if pairs is None:
        return []
    texts, inherit = [], None
    for key, value in pairs:
        if not isinstance(key.value, str):   # a key given by a tag (!ENV [X, site_description]): E406 (rules/files.py)
            continue
        if key.value in PRINTED_KEYS:
            texts += printed_scalars(value, keys=key.value in ("nav", "extra"))
        elif key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            inherit = value.value
    inherited = host_config_printed(root, str(Path(shown_path).parent / inherit), depth + 1) if inherit and depth < MAX_INHERIT else []
    return [(shown_path, texts), *inherited]


def _with_fix(found: list[Diagnostic], fix: str) -> list[Diagnostic]:
    return [dataclasses.replace(d, message=d.message.split("；确需公开的")[0] + fix) for d in found]
