"""The documentation keeps up with the code: every code is explained, the README shows what it promises."""

import re

from .sitekit import REPO

CODE = re.compile(r'"([EWI]\d{3})"')


def test_the_editors_guide_explains_every_code_the_tools_can_print():
    emitted = set()
    for source in (REPO / "plugins" / "disclosure").rglob("*.py"):
        emitted |= set(CODE.findall(source.read_text(encoding="utf-8")))
    guide = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| ([EWI]\d{3}) \|", guide, re.M))
    assert len(emitted) > 20
    assert emitted - explained == set()


def test_the_readme_starts_with_the_two_commands_and_shows_the_screenshots():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme[:readme.index("```", readme.index("```") + 3)]
    assert "make site" in first_block and "make test" in first_block
    for image in re.findall(r"\]\((docs/screenshots/[^)]+)\)", readme):
        assert (REPO / image).is_file(), image
    assert "docs/screenshots/" in readme
