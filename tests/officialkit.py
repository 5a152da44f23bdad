"""A small site of fictional official documents (a 令, a 通知 with 附件说明, a 函) written as Word
pastes them: for the layout tests and the screenshots (tools/screenshots.py)."""

from __future__ import annotations

import copy
from pathlib import Path

from .sitekit import MINI_CATALOGUE, REPO, build, paired_policy, write_site

OFFICIAL = REPO / "tests" / "data" / "official"
PAGES = {"order": "regulations/order/", "notice": "notices/notice/", "letter": "notices/letter/"}


def official_site(root: Path) -> Path:
    """Write and build the site; returns its root (the built pages are under root / "site")."""
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["regulation"] = {"name": "政府规章", "fields": ["doc_no", "issued", "validity"]}
    catalogue["catalogue"].append({"id": "regulations", "name": "政府规章", "path": "regulations",
                                   "types": ["regulation"], "stale_days": 0})
    files = paired_policy()
    for name, page in PAGES.items():
        files[page.rstrip("/") + ".md"] = (OFFICIAL / f"{name}.md").read_text(encoding="utf-8")
    write_site(root, files, catalogue)
    run = build(root)
    if run.returncode != 0:
        raise RuntimeError(run.output)
    return root
