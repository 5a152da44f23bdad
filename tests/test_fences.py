"""Which lines are fenced code: one reading (`text/fences`) for the check's joined-digit reading, the headings and
tables, the fidelity rule's source text and the abbreviations, where four loops had read fences three ways.

A block is code only when Python-Markdown's fenced_code and pymdownx.superfences agree it is, read on the lines as the
plugin gives them to Markdown (a paragraph's indent dropped: `\u3000~~~` is a fence); any other fence-like line (closed
by a longer fence, indented by two blanks) makes the body's lines text, as the page shows them. Before, the joined-digit
reading took a longer closing fence for a block's end: a mobile written `1380013==8==000` between them passed the check
while the page showed it (E400 at the build only); a heading after a fence never closed was read as code; and a code span
running over the lines the plugin keeps together (an indented ```` ``` ```` pair, raw to `text/paragraphs`) was read
as marks, so the reading could not simply read more: such lines are one run now, their backticks paired over them. Each case below was checked against Python-Markdown's own rendering (`test_the_renderer_agrees`).
"""

from __future__ import annotations

import markdown
import pytest

from disclosure.text.fences import code_blocks, code_lines, lines_outside_code
from disclosure.text.markup import lines_joined_by_inline_syntax
from disclosure.text.outline import headings
from disclosure.text.paragraphs import as_paragraphs

from .test_redteam31b import assert_the_same_lines, coded, differential

# Bodies whose number the page shows (E400 in check and build), and bodies whose page shows none.
SHOWN = {"closed-by-a-longer-fence": "```\n1380013==8==000\n````",
         "after-a-fenced-block": "```\n1380013==8==000\n```\n\n1380013==8==000",
         # the plugin gives each of these lines a paragraph of its own: the backticks pair with none
         "backticks-over-two-lines": "见 `代码\n1380013==8==000` 一行。"}
NOT_SHOWN = {"ideographic-indented-fence": "\u3000~~~\n1380013==8==000\n~~~",   # the plugin drops a paragraph's indent
             "indented-fences-as-a-code-span": "  ```\n1380013==8==000\n  ```",
             "a-fenced-block": "```\n1380013==8==000\n```"}


@pytest.mark.parametrize("body", [*SHOWN.values(), *NOT_SHOWN.values()])
def test_the_renderer_agrees(body):
    """The page's text (the body as the plugin gives it to Markdown) holds a joined number where the reading finds one."""
    page = markdown.markdown(as_paragraphs(body), extensions=["pymdownx.superfences", "pymdownx.mark"])
    assert ("13800138000" in page.replace("<mark>", "").replace("</mark>", "")) == bool(
        lines_joined_by_inline_syntax(body))


def test_a_block_is_code_only_where_both_readers_agree():
    assert code_blocks("正文\n```\n# 代码\n```\n正文") == [range(1, 4)]
    assert code_lines("```\na\n```\n\n~~~\nb\n~~~") == {0, 1, 2, 4, 5, 6}
    assert code_blocks("\u3000~~~\na\n~~~") == [range(0, 3)]   # as Markdown gets the lines: indent dropped
    for body in ("```\na\n````", "  ```\na\n  ```", "```{.python}\na\n```", "```\na"):
        assert code_blocks(body) == [], body
    assert list(lines_outside_code("一\n```\n二\n```\n三")) == [(0, "一"), (4, "三")]


def test_a_heading_after_a_fence_never_closed_is_a_heading():
    """Python-Markdown makes no block of an unclosed fence: the headings after it are on the page."""
    assert [heading.text for heading in headings("```\n正文\n\n## 一、总则\n\n## 二、附则\n", 1)] == ["一、总则", "二、附则"]
    assert [heading.text for heading in headings("```\n## 代码\n```\n\n## 一、总则\n", 1)] == ["一、总则"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return differential(tmp_path_factory, "fences", {**SHOWN, **NOT_SHOWN})


def test_the_check_and_the_build_agree_on_fences(runs):
    assert_the_same_lines(runs)
    (_, checked, _), (passed, _) = runs
    assert all(coded(checked, name) for name in SHOWN), checked.output
    assert set(NOT_SHOWN) <= set(passed), checked.output
