"""An agency's own severities: `rules: {W301: error, E201: warning}` in catalogue.yaml.

Checked against the registry: an unknown code or severity is E102 on its line, and so is an
attempt to lower a rule of the gate (personal data, unsafe markup, reasons for withholding,
unknown and special files, the host's exclusions, fidelity, dead links, front matter), which
protect readers and the law.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..codes import E102
from ..codes.registry import RANK, REGISTRY, SEVERITIES

if TYPE_CHECKING:
    from .schema import FieldReader

KEY = "rules"
LABEL = "检查级别"


def read_severities(reader: FieldReader, value: object) -> dict[str, str]:
    """The valid overrides of `rules:`, code → severity; E102 for every wrong one."""
    data = reader.mapping(value, (KEY,), KEY) if value is not None else None
    severities = {}
    for code, severity in (data or {}).items():
        problem = _problem(str(code), severity)
        if problem:
            reader.report((KEY, code), E102, problem)
        else:
            severities[str(code)] = severity
    return severities


def _problem(code: str, severity: object) -> str | None:
    rule = REGISTRY.get(code)
    if rule is None:
        hint = difflib.get_close_matches(code, list(REGISTRY), n=1)
        return f"rules（{LABEL}）中的代码 {code} 不存在；" + (f"是否应为 {hint[0]}？" if hint else "代码见 docs/reference.md")
    if not isinstance(severity, str) or severity not in SEVERITIES:
        return f"rules（{LABEL}）中 {code} 的级别“{severity}”无效；只能是：{'、'.join(SEVERITIES)}（{'、'.join(SEVERITIES.values())}）"
    if rule.gate and RANK[severity] < RANK[rule.severity]:
        return (f"{code}（{rule.title}）是发布的底线，保护读者和法定要求，不能降为 {severity}；"
                f"请删除这一行，改正文件本身")
    return None
