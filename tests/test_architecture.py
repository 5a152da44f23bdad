"""Promises about the code itself: layers checked by import-linter, a map that says the same,
a core that outlives MkDocs, and no agency baked in."""

import configparser
import re
import subprocess
import sys

from importlinter import cli as importlinter_cli

from .sitekit import REPO

PACKAGE = REPO / "plugins" / "disclosure"
CONTRACTS = REPO / ".importlinter"


def _contract_layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(CONTRACTS, encoding="utf-8")
    return [line.strip() for line in config["importlinter:contract:layers"]["layers"].splitlines() if line.strip()]


def _layer_packages(layers: list[str]) -> set[str]:
    return {name.strip() for line in layers for name in re.split(r"[|:]", line)}


def test_import_contracts_hold():
    """Layers only downward, no cycles inside a package, MkDocs only in the adapter (.importlinter)."""
    code = importlinter_cli.lint_imports(config_filename=str(CONTRACTS), no_cache=True)
    assert code == importlinter_cli.EXIT_STATUS_SUCCESS, "lint-imports .importlinter 报告了违反分层的导入"


def test_architecture_map_shows_the_contract_layers():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- layers:.*?-->\s*```text\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md 缺少分层表"
    assert [line.strip() for line in block.group(1).splitlines() if line.strip()] == _contract_layers()


def test_every_package_is_a_layer_and_says_what_it_owns():
    """The folder tree is the architecture: each package of disclosure/ sits in one layer, and its
    docstring says what it owns and what it may use."""
    packages = {f"disclosure.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert packages == _layer_packages(_contract_layers())
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = init.read_text(encoding="utf-8")
        assert docstring.startswith('"""') and "May use" in docstring, init
    top_level_modules = {p.name for p in PACKAGE.glob("*.py")}
    # `python -m disclosure` runs the package's __main__.py: Python looks for it nowhere else (it only calls cli/).
    assert top_level_modules == {"__init__.py", "__main__.py"}, "模块应放进负责它的包里"


def test_core_runs_without_mkdocs_loaded():
    """What the forbidden contract cannot see: nothing loads MkDocs at run time either."""
    code = ("import sys, disclosure.rules.check, disclosure.pages.exports, disclosure.pages.views, disclosure.cli.main,"
            " disclosure.content.rule_settings, disclosure.platform.site, disclosure.office.report;"
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


def test_every_python_file_compiles_without_a_warning():
    """An invalid escape in a docstring (`\\d`, `\\``) is a DeprecationWarning today and a SyntaxError in a later
    Python: twice in one session it came in through a new docstring."""
    import warnings
    found = []
    for path in sorted((*REPO.glob("plugins/**/*.py"), *REPO.glob("tests/*.py"), *REPO.glob("tools/*.py"),
                        *REPO.glob("bench/*.py"))):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        found += [f"{path.relative_to(REPO)}:{warning.lineno}: {warning.message}" for warning in caught]
    assert not found, found
