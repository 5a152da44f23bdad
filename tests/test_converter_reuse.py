"""One Markdown converter for every page (mkdocs_adapter/converter.py) makes the pages a new converter per page makes.

The example agency is built with Python-Markdown's extensions that keep state from text to text (the
table of contents, abbreviations, footnotes, md_in_html, def_list: each cleared by `reset()`) listed:
once as the plugin builds it (one converter, reset between pages), once with an extension outside
Python-Markdown's own added (`pymdownx.keys`, which no page of the example uses), where every page gets a
new converter, as MkDocs makes them. The two sites are the same file for file; a converter reused
without its reset gives 13 different files.
"""

from __future__ import annotations

from pathlib import Path

from disclosure.mkdocs_adapter.converter import ConverterReuse

from .sitekit import build, copy_example
from .test_build_end import fingerprint

STATEFUL = ["abbr", "footnotes", "def_list", "md_in_html", "markdown.extensions.toc"]


def test_one_converter_for_all_pages_builds_the_site_of_a_new_converter_per_page(tmp_path):
    root = copy_example(tmp_path / "repo")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:   # markdown_extensions is the file's last list
        config.write("".join(f"  - {name}\n" for name in STATEFUL))
    reused = build(root, site_dir=tmp_path / "reused")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - pymdownx.keys\n")
    fresh = build(root, site_dir=tmp_path / "fresh")
    assert reused.returncode == 0, reused.output
    assert fresh.returncode == 0, fresh.output
    reused_files = fingerprint(tmp_path / "reused")
    assert len(reused_files) > 100
    assert reused_files == fingerprint(tmp_path / "fresh")


def test_only_python_markdowns_own_extensions_and_ours_share_a_converter():
    reuse = ConverterReuse()
    configs = {"toc": {"permalink": False}}
    own = STATEFUL + ["tables", "disclosure.text.markdown_official"]
    first = reuse.converter(extensions=own, extension_configs=configs)
    assert reuse.converter(extensions=list(own), extension_configs={"toc": {"permalink": False}}) is first
    assert reuse.converter(extensions=own, extension_configs={"toc": {"permalink": True}}) is not first
    foreign = own + ["pymdownx.keys"]
    assert reuse.converter(extensions=foreign, extension_configs=configs) is not \
        reuse.converter(extensions=foreign, extension_configs=configs)
