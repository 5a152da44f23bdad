"""An SVG picture's text as it is drawn: the <text> elements on one line, left to right.

A picture (in a Word document, which shows SVG, in a zip, in a web page) draws `Tel 1380013` at x=0 and `8000` at x=90
on the same baseline: one line 13800138000 on the screen. A browser's reading of the markup (`reader_texts`) takes each
<text> as a block of its own, so no reading held the number. Here the <text> elements sharing a baseline (the same y,
under the same transforms) are joined in the order of their x.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)
_MAX_TEXTS = 10000   # <text> elements read of one picture: a picture of more is a chart's labels, read one by one


def svg_lines(markup: str) -> list[str]:
    """The lines of `markup` (an SVG, or a page holding one) drawn by two or more <text> elements, joined."""
    if "<svg" not in markup[:1 << 20].lower() and "<text" not in markup.lower():
        return []
    from lxml import etree
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    lines: dict[tuple, list[tuple[float, int, str]]] = {}
    for order, text in enumerate(element for element in root.iter() if local_name(element) == "text"):
        if order >= _MAX_TEXTS:
            break
        key = (first_number(text.get("y")), tuple(ancestor.get("transform") or "" for ancestor in text.iterancestors()),
               text.get("transform") or "")
        lines.setdefault(key, []).append((first_number(text.get("x")), order, "".join(text.itertext())))
    return ["".join(part for _, _, part in sorted(parts)) for parts in lines.values() if len(parts) > 1]


def local_name(element) -> str:
    tag = element.tag
    return tag[tag.rfind("}") + 1:].lower() if isinstance(tag, str) else ""


def first_number(value: str | None) -> float:
    match = _NUMBER.search(value or "")
    return float(match.group()) if match else 0.0
