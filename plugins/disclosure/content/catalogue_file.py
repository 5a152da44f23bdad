"""Reading `catalogue.yaml`: the agency, its types, its tree and its rules, then on a platform its
departments (`units.py`), each checked with the file's line numbers.
"""

from __future__ import annotations

from pathlib import Path

from ..codes import E100
from ..codes.diagnostics import Diagnostic, noted
from .catalogue import TOP_KEYS, Catalogue, _read_categories, read_agency, read_types
from .rule_settings import read_severities
from .schema import FieldReader
from .units import read_platform
from .yamlsource import decode_text, load_yaml

CONTENT_CHECKS_WAIT = "（目录配置改正前，content/ 中各文件的检查都不会进行）"


def load_catalogue(file: Path, shown_path: str) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Read and check `catalogue.yaml`; ``None`` when it is too broken to build anything."""
    if not file.is_file():
        return None, [E100.at(shown_path, 1, "找不到目录配置文件；请在仓库根目录放置 catalogue.yaml")]
    text, problems = decode_text(file.read_bytes(), shown_path)
    if text is None:
        return None, noted(problems, E100.code, CONTENT_CHECKS_WAIT)
    parsed = load_yaml(text, shown_path)
    reader = FieldReader(shown_path, parsed.lines, parsed.diagnostics)
    if parsed.diagnostics and parsed.data is None:
        return None, noted(reader.diagnostics, E100.code, CONTENT_CHECKS_WAIT)
    data = reader.mapping(parsed.data, (), "catalogue.yaml")
    if data is None:
        return None, noted(reader.diagnostics, E100.code, CONTENT_CHECKS_WAIT)
    reader.unknown_keys(data, TOP_KEYS, (), "catalogue.yaml")
    agency = read_agency(reader, data.get("agency"))
    types = read_types(reader, data.get("types"))
    roots = _read_categories(reader, data.get("catalogue"), ("catalogue",), None, types)
    severities = read_severities(reader, data.get("rules"))
    if agency is None:
        return None, reader.diagnostics
    catalogue = Catalogue(agency, types, roots, severities)
    read_platform(reader, data, catalogue)
    return catalogue, reader.diagnostics
