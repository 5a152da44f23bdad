"""The unit list a GitLab pipeline builds in parallel (`parallel: matrix: - UNIT: [...]`), checked against catalogue.yaml.

GitLab's matrix is written in .gitlab-ci.yml: a child pipeline generated from catalogue.yaml
could not hand its jobs' artefacts back to the parent's merge and Pages jobs. `disclosure owners
--check --ci-file .gitlab-ci.yml` keeps the list in sync, as it keeps CODEOWNERS.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.yamlsource import CONSTRUCTOR_FAILURES


def matrix_units(data: object) -> list[list]:
    """Every `UNIT:` list under a `parallel: matrix:` of a CI file."""
    found = []
    if isinstance(data, dict):
        parallel = data.get("parallel")
        matrix = parallel.get("matrix") if isinstance(parallel, dict) else None
        for entry in matrix if isinstance(matrix, list) else []:
            if isinstance(entry, dict) and "UNIT" in entry:
                found.append(entry["UNIT"] if isinstance(entry["UNIT"], list) else [entry["UNIT"]])
        for value in data.values():
            found += matrix_units(value)
    elif isinstance(data, list):
        for value in data:
            found += matrix_units(value)
    return found


def matrix_problems(file: Path, shown: str, ids: list[str]) -> list[str]:
    """What is wrong with the file's unit lists, in Chinese; empty when each is exactly `ids`."""
    expected = f"UNIT: [{', '.join(ids)}]"
    try:
        lists = matrix_units(yaml.safe_load(file.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, *CONSTRUCTOR_FAILURES) as error:   # !!bool maybe: KeyError
        return [f"无法读取 {shown}（{type(error).__name__}）；--ci-file 应是 CI 配置文件，如 .gitlab-ci.yml"]
    if not lists:
        return [f"{shown} 中没有 parallel: matrix: 的 UNIT 列表；按单位并行生成的任务应写 {expected}"]
    problems = []
    for found in (list(map(str, found)) for found in lists):
        if found == ids:
            continue
        missing = [unit for unit in ids if unit not in found]
        extra = [unit for unit in found if unit not in ids]
        detail = "；".join(part for part in (f"缺少 {'、'.join(missing)}" if missing else "",
                                              f"多出 {'、'.join(extra)}" if extra else "") if part) or "顺序不同"
        problems.append(f"{shown} 的 UNIT 列表与 catalogue.yaml 的单位不一致（{detail}）；请改为 {expected}")
    return problems
