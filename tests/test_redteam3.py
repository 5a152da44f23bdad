"""Round three of the adversarial review (issue 24). Each test goes through the real path."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .leakkit import leaks
from .sitekit import build, check, front_matter, paired_policy, policy, write_site
from .test_merge_verifies import built, platform, refused  # noqa: F401  (the fixtures)

ID = "110101199003077715"


def _append_to(path: Path, text: str) -> None:
    data = path.read_text(encoding="utf-8")
    path.write_text(data.replace("</body>", text + "</body>") if "</body>" in data else data + text, encoding="utf-8")


UNIT_PERSONAL = {
    "page text": ("jyj/guide/guide/index.html", f"<p>联系人身份证号{ID}</p>"),
    "search rows": None,
    "export csv": ("jyj/catalogue.csv", f"\n张三,{ID}\n"),
}


@pytest.mark.parametrize("where", ["page text", "export csv"])
def test_probe_unit_personal(platform: Path, where):
    path, text = UNIT_PERSONAL[where]
    _append_to(platform / "build/units/jyj" / path, text)
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{path}:1: E")


# --- (a) an editor with mkdocs.yml: a Markdown extension that reads other files into every page -----

WITHHELD_BODY = "第一条 本件为内部讨论稿：拟对某企业处以罚款三十万元。\n"


def _withheld_site(tmp_path: Path, extension) -> Path:
    withheld = front_matter(WITHHELD_BODY, title="内部讨论稿", type="notice", index_no="T001/2024-00009",
                            published="2024-03-05", disclosure="不予公开", reason="内部事务信息")
    return write_site(tmp_path, {**paired_policy(), "notices/secret.md": withheld},
                      mkdocs_extra={"markdown_extensions": ["tables", "attr_list", extension]})


@pytest.mark.parametrize("extension", [
    {"pymdownx.snippets": {"auto_append": ["content/notices/secret.md"]}},
    {"pymdownx.snippets:SnippetExtension": {"auto_append": ["content/notices/secret.md"]}},
    "markdown_include.include",
], ids=["snippets auto_append", "snippets by class", "a third-party extension"])
def test_a_markdown_extension_reading_other_files_into_pages_is_refused(tmp_path, extension):
    """pymdownx.snippets' auto_append put a 不予公开 document's body on every page with exit 0: no
    mark in any document, and E600 only asks that the source be on the page, not that the page hold
    nothing else. A third-party extension may do the same (markdown-include's {!file!}): refused by name."""
    root = _withheld_site(tmp_path, extension)
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    name = extension if isinstance(extension, str) else next(iter(extension))
    line = next(number for number, text in enumerate(lines, start=1) if name in text)
    # MkDocs stops on an extension it cannot import before any plugin runs: the check names it there.
    for run in (check(root),) if isinstance(extension, str) else (check(root), build(root)):
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), run.output
        assert "Traceback" not in run.output
    assert not (root / "site").exists() or not leaks(root / "site", ["拟对某企业处以罚款"])


def test_the_extensions_of_the_example_stay_allowed(tmp_path):
    root = _withheld_site(tmp_path, {"pymdownx.superfences": {}})
    run = build(root)
    assert run.returncode == 0, run.output
