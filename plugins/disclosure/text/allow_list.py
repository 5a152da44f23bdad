"""The build's allow-list of attributes (rules/rendered.py keeps a page's rendered body to it, E401), here so that the
check's scan of a body's source (text/markup.py) refuses what the build will: an attribute, a style or a link's scheme
written in raw HTML or an attribute list passed the check and stopped the build (round 27a)."""

from __future__ import annotations

import re
from html import unescape

# Attributes Markdown and its extensions (tables, toc, attr_list, admonition, footnotes,
# abbr) write, and that an editor may want through attr_list; nothing that runs code.
# No `dir`: right-to-left shows groups of digits in reverse order (8000 0013 138 read as 138 0013 8000),
# which the scans of the text cannot see; Chinese official text never needs it.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "style"})
# A table pasted from Word or an old CMS (merged cells need HTML) carries presentational attributes: border,
# cellpadding, cellspacing, width, height, align, valign, nowrap. They do what the styles allowed below do (a
# table's and a text's look) and were refused as if they ran scripts; their values are held to the same limits
# (`allowed_value`). Not bgcolor: a background colour can hide text as the styles' rules say.
_CELL = {"width", "height", "align", "valign", "nowrap"}
_ROWS = {"align", "valign"}
TAG_ATTRIBUTES = {
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "table": {"border", "cellpadding", "cellspacing", "width", "align"},
    "thead": _ROWS, "tbody": _ROWS, "tfoot": _ROWS, "tr": _ROWS | {"height"},
    "td": {"colspan", "rowspan", "headers"} | _CELL,
    "th": {"colspan", "rowspan", "headers", "scope"} | _CELL,
    "col": {"span", "width"} | _ROWS, "colgroup": {"span", "width"} | _ROWS,
    **{tag: {"align"} for tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "caption")},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "q": {"cite"}, "blockquote": {"cite"},
    "details": {"open"},
}
TAG_ATTRIBUTE_VALUES = {"a": {"target": {"_blank", "_self"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "srcset"})
# An attribute list ({: … }, attr_list) names no element in the source: what any element may have is kept.
_ANY_ELEMENTS = GLOBAL_ATTRIBUTES | {name for names in TAG_ATTRIBUTES.values() for name in names}
ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)
INVISIBLE = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\ufeff]+")
# Old IE's CSS expressions, bindings and url()s that could name a script: no style needs them.
_UNSAFE_STYLE = re.compile(r"expression|url\s*\(|image-set|javascript|vbscript|behavior|binding|@import|\\|<"
                           # text a style hides is text the reader lost: E600 sees the characters, nobody else does
                           r"|display\s*:\s*none|visibility\s*:\s*hidden|content-visibility|opacity\s*:\s*0"
                           # calc(), min() … write a length (a negative one, a zero font) that no pattern here reads
                           r"|\b(?:calc|min|max|clamp|var|env|attr|round|mod|rem|abs|sign|sin|cos|tan)\s*\("
                           # a comment hides a value from these patterns; a negative length moves text off the page or onto other text
                           r"|/\*|(?:^|[\s:,(])-\s*\.?[0-9]|transparent", re.I)
# What a style may set: how text and tables look. Not where text goes or in which order (position, float,
# transform, order, flex, direction, unicode-bidi, clip, overflow …): moved text, hidden text, or groups of
# digits shown in another order than written are read by the reader but by none of the scans of the text.
_STYLE_PROPERTIES = frozenset("""
text-align text-indent text-decoration vertical-align white-space word-break line-height color
font-weight font-style font-family font-size margin margin-top margin-right margin-bottom margin-left padding
padding-top padding-right padding-bottom padding-left border border-top border-right border-bottom border-left
border-color border-style border-width border-collapse width height list-style-type
""".split())


def allowed_style(value: str) -> bool:
    if _UNSAFE_STYLE.search(value):
        return False
    declarations = [(name.strip().lower(), colon, setting) for name, colon, setting
                    in (d.partition(":") for d in value.split(";") if d.strip())]
    return all(colon and name in _STYLE_PROPERTIES and _CHECKED_SETTING.get(name, lambda _: True)(setting)
               and (not name.startswith(_SPACING) or _narrow(setting)) for name, colon, setting in declarations)


# Text a reader can read: a font of at least about 8 pixels (a size in pixels, points, em, rem or per cent;
# a keyword), and a line through or under it drawn as thin as the font says (no thickness, which paints it out).
_FONT_SIZE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(px|pt|em|rem|%)")
UNREADABLE_PX = 8.0   # a font smaller than this is not read
_SMALLEST = {"px": UNREADABLE_PX, "pt": 6, "em": 0.5, "rem": 0.5, "%": 50}
_FONT_SIZE_KEYWORDS = frozenset("xx-small x-small small medium large x-large xx-large xxx-large smaller larger inherit".split())
_COLOR_VALUE = re.compile(r"#[0-9a-f]+|rgba?\([^)]*\)|hsla?\([^)]*\)")


def _readable_size(setting: str) -> bool:
    value = _important(setting)
    match = _FONT_SIZE.fullmatch(value)
    return value in _FONT_SIZE_KEYWORDS or bool(match) and float(match.group(1)) >= _SMALLEST[match.group(2)]


def _thin_line(setting: str) -> bool:
    return not re.search(r"\d", _COLOR_VALUE.sub("", setting.lower()))


# A margin, padding, indent or border wide enough to push a word off the side of the page hides it as surely as
# a zero font: at most about 20 characters (320 px), in units a length is written in for print or screen.
_SPACING = ("margin", "padding", "text-indent", "border")
_LENGTH = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([a-z%]*)")
_LARGEST = {"px": 320, "pt": 240, "pc": 20, "em": 20, "rem": 20, "ex": 40, "ch": 40, "cm": 8.5, "mm": 85, "q": 340,
            "in": 3.3, "%": 20, "": 0}


def _narrow(setting: str) -> bool:
    value = _COLOR_VALUE.sub("", setting.lower())
    return not re.search(r"\de[+-]?\d", value) and all(
        unit in _LARGEST and float(number) <= _LARGEST[unit] for number, unit in _LENGTH.findall(value))


def _important(setting: str) -> str:
    return setting.strip().lower().removesuffix("!important").strip()


# A text colour must stand out from the page's white (no background colour may be set): white or nearly
# white text between two groups of digits is text the reader does not see.
_COLOR_NAMES = {"black": (0, 0, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
                "maroon": (128, 0, 0), "red": (255, 0, 0), "purple": (128, 0, 128), "fuchsia": (255, 0, 255),
                "green": (0, 128, 0), "lime": (0, 255, 0), "olive": (128, 128, 0), "navy": (0, 0, 128),
                "blue": (0, 0, 255), "teal": (0, 128, 128), "aqua": (0, 255, 255), "orange": (255, 165, 0)}
_HEX_COLOR = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})")
_RGB_COLOR = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")


def _readable_on_white(setting: str) -> bool:
    value = _important(setting)
    if value in _COLOR_NAMES:
        rgb = _COLOR_NAMES[value]
    elif match := _HEX_COLOR.fullmatch(value):
        digits = match.group(1) if len(match.group(1)) == 6 else "".join(c * 2 for c in match.group(1))
        rgb = tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    elif match := _RGB_COLOR.fullmatch(value):
        rgb = tuple(min(255, int(n)) for n in match.groups())
    else:
        return False   # transparent, currentColor, a variable, an alpha: not known to be seen
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05) >= 1.5   # contrast with white (WCAG's ratio)


# A list's marker named by a keyword (decimal, cjk-ideographic, none …): a string or symbols() is text the page shows
# before the item that no scan reads (`list-style-type: '1380013'` on an item of 8000 showed 13800138000, round 28b).
_KEYWORD = re.compile(r"[a-z][a-z0-9-]*")


def _keyword(setting: str) -> bool:
    return bool(_KEYWORD.fullmatch(_important(setting)))


# vertical-align by a keyword too (top, middle, super …): a length lifts a word out of its line, `1380013<span
# style="vertical-align:9999px">某某</span>8000` shows the two parts side by side and the middle a screen's height away.
_CHECKED_SETTING = {"color": _readable_on_white, "font-size": _readable_size, "text-decoration": _thin_line,
                    "list-style-type": _keyword, "vertical-align": _keyword}
# Material's own elements are all __-prefixed (__config, __drawer, __search…); content with
# such an id could stand in for them (DOM clobbering).
RESERVED_ID = re.compile(r"^\s*__")


# The theme's class names that hide or move what they hold: Material's (md-…: its style sheet names nearly all of them,
# .md-header__source and .md-toggle with display:none) and this project's that do (overrides/assets/stylesheets:
# .dc-sr-only, .dc-list__index …), and Material's few others (the heading's link, a footnote's way back, an inactive
# tab, the comments' frame), which extensions write into bodies themselves and so are refused in the source only.
# `1380013<span class="md-toggle">某某</span>8000` showed 13800138000 while every scan read 1380013某某8000 (round 28b).
# Material's buttons show their text; the build's own classes (dc-centred, dc-report-table …) hide nothing.
_MATERIAL_CLASS = re.compile(r"^md-")
_SHOWING_MATERIAL_CLASSES = frozenset({"md-button", "md-button--primary"})
# Printing hides the trail and the page numbers as it hides the reading buttons (disclosure.css's @media print):
# `1380013<span class="dc-trail">某某</span>8000` printed 13800138000 (round 29a).
_HIDING_THEME_CLASSES = frozenset({"dc-sr-only", "dc-list__index", "dc-search-filters", "dc-reading", "dc-trail",
                                   "dc-pages"})
# Material hides an <a id> inside a .highlight's <code> (the code block's line anchors): `1380013<span
# class="highlight"><code><a id="x">某某</a></code></span>8000` showed 13800138000 (round 29a).
_HIDING_WRITTEN_CLASSES = frozenset({"headerlink", "footnote-backref", "tabbed-block", "giscus", "highlight"})


def theme_class(value: str) -> bool:
    """Whether a class attribute names a class of the theme's that hides or moves what it holds and that no extension
    writes into a body (the build refuses it in the rendered body too)."""
    return any(name in _HIDING_THEME_CLASSES or _MATERIAL_CLASS.match(name) and name not in _SHOWING_MATERIAL_CLASSES
               for name in value.split())


def may_name_a_theme_class(html: str) -> bool:
    """False when no class attribute of `html` can name a class `theme_class` takes: no theme class name in it, read
    with its character references decoded (`class="&#109;d-toggle"`, `dc-list&UnderBar;&lowbar;index`). A quick test
    before a parse: the project's template writes its own showing classes (dc-attachments …) into every document's
    article, so "any dc-" sent every page to a parse that cost 4 ms of its 5."""
    lowered = html.lower()
    if "class" not in lowered:
        return False
    shown = unescape(html).lower() if "&" in html else lowered   # names of references are case-sensitive: &UnderBar;
    return "md-" in shown or any(name in shown for name in _HIDING_THEME_CLASSES)


def refused_class(value: str) -> bool:
    """Whether a class attribute written in the source names a class the theme hides or moves elements by."""
    return theme_class(value) or any(name in _HIDING_WRITTEN_CLASSES for name in value.split())


def refused_attribute(tag: str, name: str, value: str) -> bool:
    """Whether the allow-list takes attribute `name`=`value` (as the browser reads it: references decoded) off <tag>;
    `tag` "" for an attribute list's, whose element the source does not say."""
    names = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set()) if tag else _ANY_ELEMENTS
    if name not in names:
        values = TAG_ATTRIBUTE_VALUES.get(tag, {}) if tag else {key: kept for allowed in TAG_ATTRIBUTE_VALUES.values()
                                                                 for key, kept in allowed.items()}
        return value not in values.get(name, ())
    if name in URL_ATTRIBUTES:
        scheme = ANY_SCHEME.match(INVISIBLE.sub("", value))
        return bool(scheme) and scheme.group()[:-1].lower() not in URL_SCHEMES
    if name == "style":
        return not allowed_style(value)
    if not allowed_value(name, value):
        return True
    if name == "class":
        return refused_class(value)
    return name == "id" and bool(RESERVED_ID.match(value))


# The presentational attributes' values: a size in pixels or per cent, an alignment word; spacing and borders at
# most as wide as a style's (`_narrow`): wider pushes a word off the side of the page.
_SIZE = re.compile(r"[0-9]{1,5}(?:\.[0-9]{1,3})?%?")
_ALIGNMENTS = {"align": frozenset({"left", "center", "right", "justify"}),
               "valign": frozenset({"top", "middle", "bottom", "baseline"})}
_SPACING_ATTRIBUTES = frozenset({"border", "cellpadding", "cellspacing"})


def allowed_value(name: str, value: str) -> bool:
    """Whether a presentational attribute's value is one the allow-list keeps (any other attribute: True)."""
    value = value.strip().lower()
    if name in _ALIGNMENTS:
        return value in _ALIGNMENTS[name]
    if name in _SPACING_ATTRIBUTES:
        return value == "" and name == "border" or value.isdigit() and _narrow(value + "px")
    if name in ("width", "height"):
        return bool(_SIZE.fullmatch(value))
    if name == "nowrap":
        return value in ("", "nowrap")
    return True


def refusal(where: str, name: str, shown: str) -> str:
    """How the build and the check name an attribute the allow-list refuses, on <`where`> or in an attribute list."""
    if name.startswith("on"):
        return f"不允许的事件属性 {name}（{where}）"
    if name in URL_ATTRIBUTES:
        return f"不允许的链接 {name}=\"{shown}\"（只允许 http、https、mailto、tel 和相对链接）"
    if name == "class":
        return f"不允许的类名 class=\"{shown}\"（主题用它隐藏或移动页面元素，其中的文字读者看不见；请删除，排版用 {{居中}} 等标记）"
    if name == "style":
        return (f"不允许的样式 style=\"{shown}\"（只允许文字和表格的样式，如 text-align、color、font-weight；"
                "不得含 url()、隐藏或移动文字的样式）")
    if name in _VALUE_HINTS:
        return f"不允许的属性值 {name}=\"{shown}\"（{where}；{_VALUE_HINTS[name]}）"
    return f"不允许的属性 {name}=\"{shown}\"（{where}）"


_VALUE_HINTS = {
    **dict.fromkeys(("width", "height"), "宽度、高度只能写像素数或百分数，如 width=\"80\"、width=\"100%\""),
    **dict.fromkeys(_SPACING_ATTRIBUTES, "只能写不超过 320 的像素数，如 border=\"1\" cellpadding=\"0\""),
    "align": "只能写 left、center、right、justify", "valign": "只能写 top、middle、bottom、baseline",
    "nowrap": "只能写 nowrap 或不写值",
}
