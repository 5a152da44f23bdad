"""An OFD page's text as a reader draws it: the text codes on one baseline, left to right.

OFD writers lay text out in pieces: the converters that print Word, WPS or a PDF to OFD write a TextObject for each run,
and often for each character, each at its own place (its Boundary's origin on the page, the TextCode's X and Y inside
it). A number drawn as `电话1380013` and `8000` beside it, or one character an object, is one line 13800138000 on the
screen and in no object of the file: the reading took each TextObject as a line of its own. Here the codes sharing a
baseline (the same y, under the same transform) are joined in the order of their x, as the SVG and metafile readers do.
"""

from __future__ import annotations

from .svg_lines import first_number, local_name

_MAX_CODES = 100000   # text codes read of one page: a page of more is read as far as that


def ofd_lines(page) -> list[str]:
    """The lines of an OFD page (its Content.xml, parsed with lxml) drawn by two text codes or more, joined."""
    lines: dict[tuple, list[tuple[float, int, str]]] = {}
    order = 0
    for text_object in (element for element in page.iter() if local_name(element) == "textobject"):
        left, top = _origin(text_object.get("Boundary"))
        for code in (element for element in text_object.iter() if local_name(element) == "textcode"):
            if order >= _MAX_CODES:
                break
            key = (round(top + first_number(code.get("Y")), 1), text_object.get("CTM") or "")
            lines.setdefault(key, []).append((left + first_number(code.get("X")), order, code.text or ""))
            order += 1
    return ["".join(part for _, _, part in sorted(parts)) for parts in lines.values() if len(parts) > 1]


def _origin(boundary: str | None) -> tuple[float, float]:
    """The x and y of a Boundary "x y width height" (millimetres from the page's top left)."""
    parts = (boundary or "").split()
    return (first_number(parts[0]) if parts else 0.0), (first_number(parts[1]) if len(parts) > 1 else 0.0)
