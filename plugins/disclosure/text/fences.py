"""Which lines of a Markdown body are fenced code: one reading for every reader of the source.

Code is shown as written, so its lines are no headings, no paragraphs to join, no abbreviation definitions and no
markup to read. A block is code here only when both fence readers a site can have agree it is: Python-Markdown's
fenced_code, which MkDocs and ProperDocs always load (a builtin of `markdown_extensions` no mkdocs.yml removes),
found by its own pattern, and pymdownx.superfences, which replaces it when a site lists it (E406 allows it). They
agree on a block opened at the line's start by a fence with at most a language, closed by the same fence:
superfences abandons a fence whose options it rejects (its lines then render), and opens fences indented or in
quotes. The lines are read as the plugin gives them to Markdown (`text/paragraphs`: a paragraph's indent, an
ideographic blank too, dropped). So when a body holds any other fence-like line (indented, quoted, with attributes or options, never closed,
closed by a longer fence, one inside a block), no line is code: read as text, a block can only report more, never
hide a number or a script. Real documents seldom hold code at all.

(`text/paragraphs` keeps its own reading of a fence: it rewrites the source line by line inside lists and quotes,
where a fence opens a raw block of its context.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .paragraphs import read_lines

FENCE_LIKE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})", re.M)   # a fence, or a line read as one by one reader


def code_blocks(text: str) -> list[range]:
    """The line indexes (0-based, fences included) of each fenced block of `text` both readers take for code."""
    if "```" not in text and "~~~" not in text:
        return []
    from markdown.extensions.fenced_code import FencedBlockPreprocessor
    text = "\n".join(line.text for line in read_lines(text))   # a line's indent dropped (`\u3000~~~` is a fence)
    blocks: list[range] = []
    for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        if match.group("attrs") is not None or match.group("hl_lines") is not None:
            return []
        first = text.count("\n", 0, match.start())
        blocks.append(range(first, first + text.count("\n", match.start(), match.end()) + 1))
    edges = {edge for block in blocks for edge in (block.start, block.stop - 1)}
    if any(FENCE_LIKE.match(line) for index, line in enumerate(text.split("\n")) if index not in edges):
        return []
    return blocks


def code_lines(text: str) -> set[int]:
    """The line indexes of every line of `code_blocks`, fences included."""
    return {index for block in code_blocks(text) for index in block}


def lines_outside_code(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of each line of `text` that is not in a fenced code block."""
    code = code_lines(text)
    for index, line in enumerate(text.split("\n")):
        if index not in code:
            yield index, line
