"""Text shrunk out of sight by nesting: `<small>` in `<small>` …, `font-size:50%` in `font-size:50%` …. Each element
alone passes the allow-list's font rule (text/allow_list.py: at least about 8 px), but a browser multiplies relative
sizes down the tree: twenty <small>s, seven 50 % spans or fourteen <sub>s around two characters between 1380013 and
8000 draw them a fraction of a pixel wide, so the reader sees 13800138000 where every scan reads 1380013某某8000
(round 28b: check and strict build passed it, exit 0). The check (raw HTML of the source, text/markup.py) and the
build (the rendered body, rules/rendered.py) follow the same sizes here, as the importer does for saved pages
(importer/colours.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .allow_list import UNREADABLE_PX, allowed_style
from .html_text import CASE_FOLDED_TO_ASCII

MEDIUM_PX = 16.0   # the size a page's text starts from
_SMALLER = 1 / 1.2   # CSS's `smaller`, and what a browser's own sheet gives <small>, <sub> and <sup>
# Material's sheet shrinks <kbd> and <code> in a body too (.md-typeset kbd .75em, code .85em): four <kbd>s, or one in a
# 50 % span, drew 某某 about 5 px high between 1380013 and 8000 (round 29a).
_ELEMENT_SCALE = {"small": _SMALLER, "sub": _SMALLER, "sup": _SMALLER, "kbd": 0.75, "code": 0.85}
# And by a class (.md-typeset .footnote-ref .75em), which wins over the element's size.
_CLASS_SCALE = {"footnote-ref": 0.75}
KEYWORD_PX = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0,
               "xx-large": 32.0, "xxx-large": 48.0}
ABSOLUTE_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
                "rem": MEDIUM_PX}
_RELATIVE = {"em": 1.0, "%": 0.01}
_SIZE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([a-z%]+)")
_FONT_SIZE = re.compile(r"(?:^|;)\s*font-size\s*:([^;]*)", re.I)
# Elements that hold no text and have no end tag: nothing to open.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# The tags that change a size: a body without any is read no further.
MAY_SHRINK = re.compile(r"<(?:small|sub|sup|kbd|code)\b|font-size|footnote-ref", re.I)
_SHRINKING_TAG = re.compile(r"<(?:small|sub|sup|kbd|code)\b")


def may_shrink(html: str, lowered: str | None = None) -> bool:
    """MAY_SHRINK.search(html), on the lowered text where that agrees with re.I: a fifth of the time (0.4 ms of every
    20 KB page of a build, a third of its frame check). `lowered`: `html` lowered, when the caller has it."""
    if any(character in html for character in CASE_FOLDED_TO_ASCII):
        return MAY_SHRINK.search(html) is not None
    lowered = html.lower() if lowered is None else lowered
    return "font-size" in lowered or "footnote-ref" in lowered or _SHRINKING_TAG.search(lowered) is not None


def font_size(tag: str, style: str | None, parent: float, classes: str | None = None) -> float:
    """The font size in px of element <tag> with `style` (and `classes`) inside one of `parent` px, as a browser works
    it out (the last font-size declared wins; a value not worked out here keeps the parent's: the allow-list's own
    rule refuses what it cannot read)."""
    size = parent * _scale(tag, classes)
    declared = _FONT_SIZE.findall(style or "")
    if not declared:
        return size
    value = declared[-1].strip().lower().removesuffix("!important").strip()
    if value in KEYWORD_PX:
        return KEYWORD_PX[value]
    if value in ("smaller", "larger"):
        return parent * (_SMALLER if value == "smaller" else 1 / _SMALLER)
    match = _SIZE.fullmatch(value)
    if match and match.group(2) in ABSOLUTE_PX:
        return float(match.group(1)) * ABSOLUTE_PX[match.group(2)]
    if match and match.group(2) in _RELATIVE:
        return parent * float(match.group(1)) * _RELATIVE[match.group(2)]
    return size


def _scale(tag: str, classes: str | None) -> float:
    """What the theme's sheet and the browser's own multiply an element's size by, its style aside."""
    by_class = [_CLASS_SCALE[name] for name in (classes or "").split() if name in _CLASS_SCALE]
    return min(by_class) if by_class else _ELEMENT_SCALE.get(tag, 1.0)


class FontSizes:
    """The font size of the element a reader of HTML is in, kept as its start and end tags are read."""

    def __init__(self) -> None:
        self._open: list[tuple[str, float]] = []

    def opened(self, tag: str, style: str | None, classes: str | None = None) -> float | None:
        """Enter <tag>: its size in px when it is the outermost element too small to be read, else None (the elements
        inside it are named by it; a style the allow-list refuses by itself is reported once, as such)."""
        parent = self._open[-1][1] if self._open else MEDIUM_PX
        size = font_size(tag, style, parent, classes)
        if tag not in _VOID:
            self._open.append((tag, size))
        return size if size < UNREADABLE_PX <= parent and not (style and not allowed_style(style)) else None

    def closed(self, tag: str) -> None:
        """Leave the nearest open <tag> (and what it holds that was left open); an end tag with none is ignored."""
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                return


class _ShrunkElements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sizes, self.found = FontSizes(), []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (size := self.sizes.opened(tag, (named := dict(attrs)).get("style"), named.get("class"))) is not None:
            self.found.append((tag, size))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.sizes.closed(tag)

    def handle_endtag(self, tag: str) -> None:
        self.sizes.closed(tag)


def shrunk_elements(html: str) -> list[tuple[str, float]]:
    """(tag, size in px) of each element of `html` whose font the nesting makes too small to read, in page order."""
    if not may_shrink(html):
        return []
    reader = _ShrunkElements()
    reader.feed(html)
    reader.close()
    return reader.found


def shrunk_text(tag: str, size: float) -> str:
    """What is wrong, as the check and the build name it (the fix, 请删除, follows)."""
    return (f"<{tag}> 中的文字被层层缩小到约 {size:.1f} 像素（<small>、<sub>、<sup>、<kbd>、<code> 或 font-size 的百分比、em 层层相乘），"
            "读者看不见，检查却照样读到，可能藏住号码中间的字")

