"""E400 in catalogue.yaml: the agency's name, address, phone and e-mail, and the names and
descriptions of categories and types are printed on every page (header, footer, listings,
catalogue.json/csv), so a personal mobile typed there as the 咨询电话 is published site-wide."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ...codes.diagnostics import Diagnostic
from ...content.documents import published_values
from ...content.yamlsource import decode_text, load_yaml
from ...privacy.numbers import personal_info_diagnostics


def catalogue_personal_info(file: Path, shown_path: str, today: dt.date) -> list[Diagnostic]:
    """E400 for each personal datum in a value of `file` (problems reading it are reported by the catalogue loader)."""
    if not file.is_file():
        return []
    text, _ = decode_text(file.read_bytes(), shown_path)
    if text is None:
        return []
    parsed = load_yaml(text, shown_path)
    if not isinstance(parsed.data, dict):
        return []
    found = personal_info_diagnostics(shown_path, published_values(parsed.data, parsed.lines), [], today)
    # There is no allow_personal_info here: the agency's own details are never a person's.
    return [dataclasses.replace(d, message=d.message.split("；确需公开的")[0] + _FIX) for d in found]


_FIX = "；这里应填写单位的座机、公开的服务电话或公务邮箱"
