"""A toy platform (the one of test_platform_core.py) as a repository that MkDocs builds, whole or one unit at a time."""

from __future__ import annotations

from pathlib import Path

import yaml

from .sitekit import REPO
from .test_platform_core import CATALOGUE, note, policy, write

UNITS = ("gov", "jyj", "nanqu")


def write_platform(root: Path, search: bool = True) -> Path:
    """The government with a policy its own note interprets and one the 教育局 interprets; a district with its own tree."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    write(root, "guide/guide.md", "title: 指南\ntype: guide\nindex_no: CSF/2025-00009\npublished: 2025-01-02\n")
    policy(root, "policies/normative/p1.md", "CSF/2025-00001", 1)
    policy(root, "policies/normative/p2.md", "CSF/2025-00002", 2)
    note(root, "interpretations/n1.md", "CSF/2025-00003", "CSF/2025-00001")
    write(root, "jyj/guide/guide.md", "title: 教育局指南\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-02\n")
    write(root, "jyj/fees/fees.md", "title: 收费标准\ntype: guide\nindex_no: JYJ/2025-00002\npublished: 2025-01-02\n")
    note(root, "jyj/interpretations/n2.md", "JYJ/2025-00003", "CSF/2025-00002", "2025-03-02")
    write(root, "nanqu/guide/guide.md", "title: 南区指南\ntype: guide\nindex_no: NQ/2025-00001\npublished: 2025-01-02\n")
    config = {
        "site_name": "测试", "site_url": "https://www.example.gov.cn/zwgk/", "docs_dir": "content",
        "site_dir": "site", "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False, "custom_dir": str(REPO / "overrides"),
                  "features": ["navigation.indexes"]},
        "extra_css": ["assets/stylesheets/disclosure.css"],
        "plugins": ([{"search": {"lang": "zh"}}] if search else []) + ["disclosure"],
        "markdown_extensions": ["tables", "attr_list", "admonition", "toc"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, except the manifests the assembly consumes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.relative_to(folder).as_posix().startswith("_unit/")}
