"""One Markdown converter for every page (mkdocs_adapter/converter.py) makes the pages a new converter per page makes.

The reused converter also passes over texts no inline pattern can match: the same build compares it with
MkDocs' own converters, and generated Markdown is converted both ways.

The example agency is built with Python-Markdown's extensions that keep state from text to text (the
table of contents, abbreviations, footnotes, md_in_html, def_list: each cleared by `reset()`) listed:
once as the plugin builds it (one converter, reset between pages), once with an extension outside
Python-Markdown's own added (`pymdownx.keys`, which no page of the example uses), where every page gets a
new converter, as MkDocs makes them. The two sites are the same file for file; a converter reused
without its reset gives 13 different files.
"""

from __future__ import annotations

import re

import markdown
from hypothesis import given, settings, strategies as st

from disclosure.mkdocs_adapter.converter import NEEDS, ConverterReuse, needed

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


_TEXT = ["正文", "第一条", "。", "，", " ", "  ", "\n", "\n\n", "*", "**", "_", "__", "`", "[", "]", "(", ")", "!", "<", ">",
         "&", ";", "amp", "#", "\\", "a", "1", "/", ":", "@", "=", '"', "{", "}", ".", "-", "|", "x.png", "https", "b>"]


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(sorted(NEEDS)), st.lists(st.sampled_from(_TEXT), max_size=14).map("".join))
def test_an_inline_pattern_never_matches_a_text_without_what_it_needs(regex, text):
    """converter.NEEDS: Python-Markdown's expression cannot match a text holding none of the strings listed for it."""
    if not any(needed in text for needed in NEEDS[regex]):
        assert re.compile(regex, re.DOTALL | re.UNICODE).search(text) is None, text


_MARKDOWN = ["示例市应急管理局", "第一条 正文。", "\n", "\n\n", "## 一、总则", "**重点**", "*强调*", "_x_", "a_b_c", "`代码`",
             "[指南](guide.md)", "![图](a.png)", "<https://www.gov.cn/>", "<a@b.cn>", "<span>注</span>", "&amp;", "&copy;",
             "行末  \n", "\\*", "| 项 | 值 |\n|---|---:|\n| 甲 | 1 |\n", "1. 第一项\n2. 第二项\n", "- 项\n", "> 引文\n",
             "2024年**月", "〔2024〕1号", " {: .x }", "!!! note\n    内容\n", "<", "&", "*", "  "]


@settings(max_examples=250, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MARKDOWN), max_size=8).map("".join), min_size=1, max_size=3))
def test_a_reused_converter_writes_what_a_new_converter_writes(texts):
    """Texts converted one after the other by the reused converter (reset between them, plain texts passed over)
    come out as each converted by a new converter of the site's extensions."""
    extensions = ["toc", "tables", "fenced_code", "attr_list", "admonition", "abbr", "def_list", "md_in_html",
                  "disclosure.text.markdown_official"]   # (footnotes' own inline pattern: no text is passed over)
    reuse = ConverterReuse()
    for text in texts:
        reused = reuse.converter(extensions=extensions, extension_configs={})
        assert needed(reused.inlinePatterns) is not None
        fresh = markdown.Markdown(extensions=extensions)
        assert reused.convert(text) == fresh.convert(text), text
        assert reused.toc_tokens == fresh.toc_tokens
