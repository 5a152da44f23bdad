"""Promises about the code itself: a core that outlives MkDocs, and no agency baked in."""

import ast
import subprocess
import sys

from .sitekit import REPO

CORE = REPO / "plugins" / "disclosure" / "core"


def test_core_imports_nothing_from_mkdocs():
    """Every module of the core, sub-packages (rules/, search/, …) included."""
    files = list(CORE.rglob("*.py"))
    assert CORE / "rules" / "registry.py" in files
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("mkdocs", "material") for n in names), file


def test_core_runs_without_mkdocs_loaded():
    code = ("import sys, disclosure.core.site, disclosure.core.exports, disclosure.core.views, disclosure.cli,"
            " disclosure.core.rules.check, disclosure.core.rules.overrides;"
            "print(any(m.split('.')[0] in ('mkdocs', 'material') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_plugin_and_templates_do_not_name_the_example_agency():
    example_words = ["示例市", "应急管理局", "EX0001", "3799000001", "example.gov.cn"]
    for folder in ("plugins", "overrides"):
        for file in (REPO / folder).rglob("*"):
            if file.is_file() and file.suffix in (".py", ".html", ".css", ".js", ".toml", ".txt"):
                text = file.read_text(encoding="utf-8")
                assert not [w for w in example_words if w in text], file
