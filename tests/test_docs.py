"""The documentation keeps up with the code: every code is explained, the README shows what it promises."""

import ast
import re

from disclosure.codes import REGISTRY

from .sitekit import REPO

CODE = re.compile(r"[EWI]\d{3}")


def guide_codes() -> list[str]:
    """The codes of the table in 十一、检查结果和改法, in their order."""
    guide = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 十一、"):guide.index("## 十二、")]
    return re.findall(r"^\| ([EWI]\d{3}) \|", section, re.M)


def test_the_editors_guide_explains_every_code_the_tools_can_print():
    """Every registered rule a module uses (`E201.at(...)`, `reader.report(at, E102, ...)`) is explained."""
    emitted = set()
    for source in (REPO / "plugins" / "disclosure").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        emitted |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and CODE.fullmatch(node.id)}
    assert len(emitted) > 20
    assert emitted - set(guide_codes()) == set()


def test_the_guide_table_and_the_registry_agree_both_ways():
    codes = guide_codes()
    assert len(codes) == len(set(codes)), "a code is explained twice"
    assert set(codes) == set(REGISTRY), (set(codes) - set(REGISTRY), set(REGISTRY) - set(codes))


def test_the_guide_says_which_rules_cannot_be_lowered():
    guide = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 十一、"):guide.index("| 代码 | 含义 |", guide.index("## 十一、"))]
    assert "rules:" in section
    assert all(code in section for code, rule in REGISTRY.items() if rule.gate)


def test_the_readme_starts_with_the_two_commands_and_shows_the_screenshots():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme[:readme.index("```", readme.index("```") + 3)]
    assert "make site" in first_block and "make test" in first_block
    for image in re.findall(r"\]\((docs/screenshots/[^)]+)\)", readme):
        assert (REPO / image).is_file(), image
    assert "docs/screenshots/" in readme
