"""Text a saved page draws in the colour of what lies behind it: white on the white page, grey on a grey
cell, a colour with no opacity (`color:transparent`, `rgba(0,0,0,0)`, `rgb(0 0 0 / 0%)`, `#0000`), a fill of
no opacity (`-webkit-text-fill-color:transparent`). A reader sees nothing there, as with display:none, so it
is not imported (an editor's note kept in the template, the hostile page's hidden words).

Colours are read by tinycss2 (a kept CSS parser, WeasyPrint's: CSS Color 4 — names, #rgb(a), rgb()/hsl()/hwb()
in both syntaxes, percentages, `transparent`; lab/lch/oklab/oklch by their lightness), declarations by its
declaration parser (comments, escapes, `!important`). What the page declares is taken in the cascade's order,
without specificity: presentational attributes (`<font color>`, `bgcolor`), then the rules of its own and its
saved style sheets in order, then the element's style attribute; a value undoing a box's combination (below)
replaces one only where it wins the cascade by importance and specificity (importer/shown.py's count). Colour and background are inherited as a
browser paints them: the colour from the nearest element that sets one (black by default), the background from
the nearest element that paints an opaque one (the white page by default). A background picture or gradient
makes the background unknown, and so does a text shadow or outline: such text is kept.

Sizes and opacities compound down the tree as a browser computes them: a font of 0.6em in one of 0.6em … (or
`<small>` in `<small>`, 50% in 50%) ends under the 8 px at which text is not read, an opacity of 0.3 in one of 0.3
draws at 0.09, though no one declaration hides anything. The font size is worked out from the 16 px a browser
starts from (em, %, rem, ex/ch, pt and the other absolute units, vw/vh at a 1920 × 1080 screen, the size
keywords, smaller/larger, `<small>`, `<sub>`, `<sup>`, `<big>`, `<font size>`, in quirks mode a table's reset to
medium); a value it cannot work out (calc(), a variable left void) keeps the parent's size (htmlpage.py reads
such a value by itself). The opacity is each element's `opacity` and `filter: opacity()` multiplied.

What the page lays out of sight is judged on all of an element's sources too, without laying the page out: a box of
no room that clips, a line pushed a screen's height down inside a box that clips (margin-top, padding-top, top of
99999px: its reader never scrolls to it), and an opaque box placed over the whole of its container
(`position:absolute; inset:0; background:#fff`, no negative z-index), under which the container's other content lies.

Direction of error: a background set by a sheet that was not saved with the page, or lost to specificity,
is taken for the page's white, and white text on it is then left out — the import report lists each such
element (its line), for the editor to compare with the old page.
"""

from __future__ import annotations

import re

import tinycss2
import tinycss2.color4
from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from ..text.allow_list import UNREADABLE_PX
from ..text.font_sizes import ABSOLUTE_PX, KEYWORD_PX, MEDIUM_PX
from .shown import specificity as _specificity
from .variables import VAR_USE

RULES_MAX = 500   # selectors of the page's sheets that set a colour or background and may select something here
UNDOING_MAX = 200   # selectors of rules that only undo a combination (`.acc.open{max-height:none}`) read
MATCHES_MAX = 300_000   # elements tried against such selectors, in all (about 4 s): past it the page is not imported
_SAME = 0.04      # the largest difference of a channel (0–1) at which text is taken for the background's colour
_FAINT = 0.1      # an opacity below which text is not seen
_UNREADABLE = UNREADABLE_PX   # a font smaller than this is not read (htmlpage.py's rule for one declaration)
_MEDIUM = MEDIUM_PX            # the size a browser starts from
_KEYWORD_SIZES = {**KEYWORD_PX, "initial": _MEDIUM}
_FONT_TAG_SIZES = {1: "x-small", 2: "small", 3: "medium", 4: "large", 5: "x-large", 6: "xx-large", 7: "xxx-large"}
_ELEMENT_SIZES = {"small": "smaller", "sub": "smaller", "sup": "smaller", "big": "larger"}   # the browser's own sheet
# The viewport's units for a window of 1920 × 1080 besides the units every reader of sizes works out.
_ABSOLUTE_PX = {**ABSOLUTE_PX, "vw": 19.2, "vh": 10.8, "vmin": 10.8, "vmax": 19.2, "vi": 19.2, "vb": 10.8}
_RELATIVE = {"em": 1.0, "ex": 0.5, "ch": 0.5, "cap": 0.7, "ic": 1.0, "lh": 1.2}
_DECLARED = frozenset({"color", "-webkit-text-fill-color", "background", "background-color", "background-image",
                       "text-shadow", "-webkit-text-stroke", "-webkit-text-stroke-color", "-webkit-text-stroke-width",
                       "font-size", "font", "opacity", "filter"})
_INLINE = (1, 0, 0, 0)   # a style attribute's specificity, over every rule's
_UNKNOWN = "unknown"   # a background no colour stands for (a picture, a gradient)
_WHITE = (1.0, 1.0, 1.0)


# A box of no height (or width, or one pixel) that clips what overflows it: everything inside is out of sight.
NO_ROOM = re.compile(r"(?<![\w-])(?:(?:max-)?(?:height|width)|line-height)\s*:\s*(?:[0.]+(?:[a-z%]+)?|0*\.\d+\s*px|1\s*px)\s*(?:[;!}]|$)"
                      # or the text pushed out of its own box: an indent of the box's width or more (image replacement)
                      r"|text-indent\s*:\s*(?:\d{3,}(?:\.\d*)?\s*%|\d{4,}(?:\.\d*)?\s*(?:px)?|\d{3,}(?:\.\d*)?\s*(?:r?em|vw|ch))\s*(?:[;!}]|$)", re.I)
CLIPPED = re.compile(r"overflow(?:-[xy])?\s*:\s*(?:hidden|clip)|(?<![\w-])contain\s*:[^;}]{0,60}?\b(?:paint|strict|content)\b", re.I)
# A box that clips what lies below its end: a reader cannot scroll to text pushed far down in it. overflow-x alone
# clips sideways only (its overflow-y becomes auto: the box scrolls; on the body the page does), as a CMS page's
# body{overflow-x:hidden} over an old layout of absolutely placed blocks (top:1050px) does.
CLIPPED_BELOW = re.compile(r"(?<![\w-])overflow(?:-y)?\s*:\s*(?:hidden|clip)|(?<![\w-])contain\s*:[^;}]{0,60}?\b(?:paint|strict|content)\b", re.I)
# A brightness or contrast of zero draws the text and the element's own background as one colour.
FILTERED_FLAT = re.compile(r"filter\s*:[^;}]{0,200}?(?:brightness|contrast)\(\s*0*\.?0*%?\s*\)", re.I)
OWN_BACKGROUND = re.compile(r"(?<![\w-])background(?:-color)?\s*:", re.I)
# Pushed a screen's height or more down (a reader of a box that clips never scrolls to it): by its top offset, margin or
# padding (the shorthands' first value is the top).
_FAR = r"\+?(?:\d{4,}(?:\.\d*)?\s*(?:px)?|\d{3,}(?:\.\d*)?\s*(?:em|rem|ch|ex|vh|in|cm))"
PUSHED_DOWN = re.compile(rf"(?<![\w-])(?:(?:top|inset-block-start|(?:margin|padding)-(?:top|block-start))\s*:\s*{_FAR}\s*(?:[;!}}]|$)"
                         rf"|(?:margin|padding|inset)\s*:\s*{_FAR}(?=\s|[;!}}]|$))", re.I)
# A box placed over the whole of its container (position:absolute; inset:0, or top and left 0 with 100% or right and
# bottom 0): with an opaque background and no negative z-index, what the container holds is drawn under it.
# A box of position:fixed so placed covers the whole window, whatever the reader scrolls to: all of the page but itself.
_PLACED = re.compile(r"(?<![\w-])position\s*:\s*(?:absolute|fixed)\b", re.I)
_COVER_PART = re.compile(r"^(?:(?:inset|top|left|right|bottom):(?:0+(?:\.0*)?(?:px|%|em|rem)?|(?:0\s+){1,3}0)|(?:width|height):100(?:\.0*)?(?:%|vw|vh)"
                         r"|z-index:.*)$", re.I | re.S)
# The properties of such combinations, declared only with a value that takes part in one (few rules do).
_COMBINED = frozenset({"overflow", "overflow-x", "overflow-y", "contain", "height", "max-height", "width", "max-width",
                       "line-height", "text-indent", "top", "inset-block-start", "margin-top", "padding-top", "margin-block-start",
                       "padding-block-start", "margin", "padding", "inset", "left", "right", "bottom", "position", "z-index"})


class TooManyRules(Exception):
    """More rules that paint text or backgrounds than are matched in reasonable time: what is seen is unknown."""


def colour_hidden(body: Tag, sheets: list[str], selector_of, quirks: bool = False,
                  marked_hidden=lambda tag: False, saved_scripts: str = "") -> tuple[list[Tag], list[Tag]]:
    """The elements under `body` (the whole page: its <body>'s background is what text lies on) whose own text
    is drawn invisibly, and those hidden whole by declarations from several sources together (`_boxed_in`); `sheets`: the texts of the page's style sheets; `selector_of`: a selector as the page's
    mode reads it (quirks: class names in any case), None for one that selects nothing there; `marked_hidden`:
    whether the page's markup hides an element (the hidden attribute, a framework's hiding class). A box placed over
    its container that the page does not draw (`_drawn`) covers nothing. `saved_scripts`: the texts of the script
    files the page loads from its folder, read with its own <script>s for the fixed boxes they name.

    Rules are matched as a browser matches them, by their rightmost part: each element is tried only against
    the rules keyed by its id, classes or name (and those no key narrows), so a sheet of hundreds of rules
    costs about one match per rule that could apply, not one walk of the page per rule."""
    import soupsieve
    declared: dict[int, dict[str, list]] = {}
    ranks: dict[int, dict[str, tuple]] = {}   # a box property's (!important, specificity) as declared
    undoing: dict[int, set[str]] = {}   # the box properties whose value is one undoing a combination
    resets: set[int] = set()   # ids of the declarations `_declarations` returns with resets=True that undo one

    def declare(tag: Tag, declarations: list, selector: str | None = None) -> None:
        mine, ranked, undone = declared.setdefault(id(tag), {}), ranks.setdefault(id(tag), {}), undoing.setdefault(id(tag), set())
        for declaration in declarations:
            name = declaration.name if declaration.name.startswith("--") else declaration.lower_name
            inline = selector is None
            if id(declaration) in resets:   # a value undoing a combination: only where it wins the cascade
                low = _INLINE if inline else _specificity(selector, False)
                if low is not None and (name not in ranked or (declaration.important, low) >= ranked[name]):
                    mine[name], ranked[name] = declaration.value, (declaration.important, low)
                    undone.add(name)
                continue
            rank = (declaration.important, _INLINE if inline else _specificity(selector, True))
            if name in undone and ranked[name] > rank:
                continue   # an earlier value undoing it that wins the cascade
            mine[name] = declaration.value
            if name in _COMBINED:
                ranked[name] = rank
                undone.discard(name)

    for tag in body.find_all(lambda tag: tag.name in _ELEMENT_SIZES or tag.name == "font" and (tag.get("color") or tag.get("size"))
                             or tag.get("bgcolor") or tag.name == "body" and tag.get("text")):
        attributes = [_declaration("font-size", _ELEMENT_SIZES[tag.name]) if tag.name in _ELEMENT_SIZES else None,
                      _declaration("color", tag["color"]) if tag.name == "font" and tag.get("color") else None,
                      _declaration("font-size", _font_tag_size(tag["size"])) if tag.name == "font" and tag.get("size") else None,
                      _declaration("color", tag["text"]) if tag.name == "body" and tag.get("text") else None,
                      _declaration("background-color", tag["bgcolor"]) if tag.get("bgcolor") else None]
        declare(tag, [item for item in attributes if item is not None])
    rules = [rule for sheet in sheets for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
             if rule.type == "qualified-rule"]
    index: dict[tuple[str, str], list] = {}
    covering: list = []   # selectors of the elements a ::before or ::after of theirs covers whole
    showing: list | None = []   # (selector, whether it hides the box) of the rules declaring display or visibility
    matched = only_undoing = 0
    for order, rule in enumerate(rules):
        declarations = _declarations(rule.content, resets)
        if showing is not None and (state := _box_state(rule.content)) is not None:
            showing.extend((selector, state) for selector in tinycss2.serialize(rule.prelude).split(",")
                           if not _PSEUDO_BOX.search(selector) and selector_of(selector.strip()) is not None)
            showing = showing if len(showing) <= SHOWING_MAX else None   # too many to match: every cover is drawn
        for selector in tinycss2.serialize(rule.prelude).split(",") if declarations else ():
            if pseudo := _PSEUDO_BOX.search(selector):   # a box drawn by the rule itself (::before, ::after)
                if len(covering) < COVERS_MAX and _drawn_over(rule.content, [item for item in declarations if id(item) not in resets]) \
                        and (read := selector_of(selector[:pseudo.start()].strip())) is not None:
                    try:
                        covering.append(soupsieve.compile(read))
                    except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
                        pass
                continue
            if (read := selector_of(selector.strip())) is None:
                continue
            try:
                compiled = soupsieve.compile(read)
            except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
                continue
            if all(id(declaration) in resets for declaration in declarations):
                only_undoing += 1   # not counted against RULES_MAX (a framework's sheet has hundreds: height:auto …)
                if only_undoing > UNDOING_MAX:
                    continue   # past it, not read: what they undo stays hidden
            else:
                matched += 1
                if matched > RULES_MAX:
                    raise TooManyRules(RULES_MAX)
            index.setdefault(_key(selector.strip(), quirks), []).append((order, compiled, declarations, selector.strip()))
    tried = 0
    if index:
        for tag in body.find_all(True):
            names = [("#", _folded(tag.get("id") or "", quirks)), ("tag", tag.name), ("*", "")]
            names += [(".", _folded(name, quirks)) for name in tag.get("class") or []]
            candidates = sorted((rule for name in names for rule in index.get(name, ())), key=lambda rule: rule[0])
            tried += len(candidates)
            if tried > MATCHES_MAX:
                raise TooManyRules(RULES_MAX)
            for _, compiled, declarations, selector in candidates:
                if compiled.match(tag):
                    declare(tag, declarations, selector)
    parsed: list[list] = []
    for tag in [body, *body.find_all(style=True)]:
        if tag.get("style"):
            parsed.append(_declarations(tag["style"], resets))   # kept: `resets` holds ids, not to be reused
            declare(tag, parsed[-1])

    hidden: list[Tag] = []
    boxed: list[Tag] = [tag for compiled in covering for tag in compiled.select(body)]   # hidden whole, with what they hold
    scripts = "\n".join([*(script.get_text() for script in body.find_all("script")), saved_scripts])

    def paint_of(tag: Tag, inherited: tuple, variables: dict) -> tuple[tuple, dict]:
        colour, fill, background, outlined, size, opacity, clipped = inherited
        if quirks and tag.name == "table":
            size = _MEDIUM   # the quirks mode's own sheet: a table starts again at medium
        own = declared.get(id(tag))
        if own:
            # custom properties are inherited, and put into the values that use them (var()), as a browser does
            if any(name.startswith("--") for name in own):
                variables = {**variables, **{name: _with_variables(value, variables) for name, value in own.items()
                                             if name.startswith("--")}}
            own = {name: _with_variables(value, variables) for name, value in own.items() if not name.startswith("--")}
            colour = _colour(own.get("color"), colour)
            fill = _colour(own.get("-webkit-text-fill-color"), fill)
            background = _background(own, background)
            outlined = outlined or _outlined(own)
            size = _font_size(own, size, quirks)
            opacity = opacity * _opacity(own)
            written = ";".join(_written_value(name, value) for name, value in own.items())
            clipped = clipped or bool(CLIPPED_BELOW.search(written))
            if _boxed_in(written, clipped):
                boxed.append(tag)
            # what its containing block holds is under it: the nearest placed ancestor's (else its parent's), the whole
            # page's for a box of position:fixed (not the page's for one placed in no box: it covers the first screen only)
            if tag.parent is not None and _covers(own, written) and _drawn(tag, marked_hidden, showing, selector_of):
                fixed = tinycss2.serialize(own.get("position") or ()).strip().lower() == "fixed"
                block = None if fixed else _containing_block(tag, declared)
                if fixed and not _named_by_script(tag, scripts) or block is not None:
                    _cover(tag, block, boxed, hidden)
        return (colour, fill, background, outlined, size, opacity, clipped), variables

    def walk(tag: Tag, inherited: tuple, variables: dict) -> None:
        paint, variables = paint_of(tag, inherited, variables)
        if _invisible(paint[:6]) and any(isinstance(child, NavigableString) and not isinstance(child, PreformattedString)
                                     and child.strip() for child in tag.children):
            hidden.append(tag)
        for child in tag.children:
            if isinstance(child, Tag):
                stack.append((child, paint, variables))

    stack = [(body, ((0.0, 0.0, 0.0, 1.0), None, _WHITE, False, _MEDIUM, 1.0, False), {})]
    while stack:   # a loop, not recursion: pages nest deep
        walk(*stack.pop())
    return hidden, boxed


_RIGHTMOST = re.compile(r"(?:^|[\s>+~])([^\s>+~]*)\s*$")
_KEY = re.compile(r"^(?P<tag>[A-Za-z][\w-]*)?(?:#(?P<id>[\w-]+)|\.(?P<class>[\w-]+))?")


def _key(selector: str, quirks: bool) -> tuple[str, str]:
    """What narrows the elements a selector may select: the id, a class or the name of its rightmost part;
    ("*", "") when nothing does (an escape, an attribute, a pseudo-class first …)."""
    rightmost = _RIGHTMOST.search(selector)
    part = rightmost.group(1) if rightmost else ""
    if "\\" in part or "(" in part:
        return ("*", "")
    match = _KEY.match(part)
    if match.group("id"):
        return ("#", _folded(match.group("id"), quirks))
    if match.group("class"):
        return (".", _folded(match.group("class"), quirks))
    if match.group("tag"):
        return ("tag", match.group("tag").lower())
    return ("*", "")


def _folded(name: str, quirks: bool) -> str:
    return name.lower() if quirks else name


def _declaration(name: str, value: str):
    parsed = tinycss2.parse_blocks_contents(f"{name}:{value}", skip_comments=True, skip_whitespace=True)
    return parsed[0] if parsed and parsed[0].type == "declaration" else None


def _declarations(content, resets: set[int] | None = None) -> list:
    """The declarations of a style attribute or a rule's block that paint text or its background, and the
    custom properties (`--name`) such a declaration may use; with `resets`, also those of a combination's property
    whose value takes part in none (an accordion's open state, `.acc.open{max-height:none}` after
    `.acc{max-height:0;overflow:hidden}`), their ids added to `resets`: `colour_hidden` lets such a value replace
    one only where it wins the cascade (as important, and as specific counted low as the other counted high)."""
    items = [item for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True) if item.type == "declaration"]
    # a cover's parts count only where a box is placed
    placed = any(item.lower_name == "position" and _PLACED.search(_written(item)) for item in items)
    kept = [item for item in items if item.lower_name in _DECLARED or item.name.startswith("--")
            or item.lower_name in _COMBINED and _part_of_combination(item, placed)]
    if resets is not None:
        undoing = [item for item in items if item.lower_name in _COMBINED and not _part_of_combination(item, True)
                   and _written(item)]
        resets.update(map(id, undoing))
        kept += undoing
    return kept


def _written(declaration) -> str:
    """A declaration as written; "" for a value nested past what serialising reads (calc( thousands deep): no box
    property takes part in a combination so (a browser drops such a declaration too)."""
    try:
        return f"{declaration.lower_name}:{tinycss2.serialize(declaration.value).strip()}"
    except RecursionError:
        return ""


def _part_of_combination(declaration, placed: bool) -> bool:
    written = _written(declaration)
    return bool(NO_ROOM.search(written) or CLIPPED.search(written) or PUSHED_DOWN.search(written)
                or placed and (_PLACED.search(written) or _COVER_PART.match(written)))


def _boxed_in(written: str, clipped: bool) -> bool:
    """Whether an element's declarations, from all its sources together (a class, its style attribute, another
    class: `written`), hide what it holds: a box of no room that clips, a flat filter over its own background, or
    pushed far down in a box that clips below (`clipped`: it or an ancestor does, `CLIPPED_BELOW`)."""
    return bool(NO_ROOM.search(written) and CLIPPED.search(written)
                or FILTERED_FLAT.search(written) and OWN_BACKGROUND.search(written)
                or clipped and PUSHED_DOWN.search(written))


def _covers(own: dict, written: str) -> bool:
    """Whether an element is an opaque box placed over the whole of its container (see `_PLACED`)."""
    if not _PLACED.search(written) or not _opaque(own):
        return False
    z_index = tinycss2.serialize(own.get("z-index") or ()).strip()
    if z_index.startswith("-"):
        return False   # drawn under the container's text
    sides = {name: bool(own.get(name) is not None and _COVER_PART.match(_written_value(name, own[name])))
             for name in ("inset", "top", "left", "right", "bottom", "width", "height")}
    return sides["inset"] or sides["top"] and sides["left"] and (sides["right"] or sides["width"]) \
        and (sides["bottom"] or sides["height"])


_PLACING = frozenset({"relative", "absolute", "fixed", "sticky"})
_PAGE = frozenset({"body", "html", "[document]"})


def _containing_block(tag: Tag, declared: dict) -> Tag | None:
    """The box an element of position:absolute is placed in: its nearest ancestor placed itself (relative, absolute,
    fixed, sticky), else its parent as round fifteen read it; None when that is the page (the first screen only)."""
    for ancestor in tag.parents:
        if ancestor.name in _PAGE:
            break
        if tinycss2.serialize(declared.get(id(ancestor), {}).get("position") or ()).strip().lower() in _PLACING:
            return ancestor
    return tag.parent if tag.parent is not None and tag.parent.name not in _PAGE else None


def _cover(tag: Tag, block: Tag | None, boxed: list[Tag], hidden: list[Tag]) -> None:
    """What lies under `tag`, an opaque box over the whole of `block` (the page when None): every element of it but
    those holding the box (hidden whole), and the text of those (hidden)."""
    node = tag
    while node is not block and node.parent is not None and node.name not in ("html", "[document]"):
        parent = node.parent
        boxed.extend(other for other in parent.children if isinstance(other, Tag) and other is not node)
        if any(isinstance(child, NavigableString) and child.strip() for child in parent.children):
            hidden.append(parent)
        node = parent


def _named_by_script(tag: Tag, scripts: str) -> bool:
    """Whether a script of the page names the box by its id or a class (a loading screen it removes once the page
    has loaded: a reader sees the page)."""
    names = [tag.get("id") or "", *(tag.get("class") or [])]
    return any(name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", scripts) for name in names)


_SCALED_AWAY = re.compile(r"(?<![\w-])transform\s*:[^;}]{0,200}?scale[xyz3d]*\(\s*[0.]+\s*[,)]", re.I)
SHOWING_MAX = 200   # selectors of rules declaring display or visibility matched against a cover; more: it is drawn
_BOX_HIDDEN = frozenset({"display:none", "visibility:hidden", "visibility:collapse"})


def _box_state(content) -> bool | None:
    """Whether a declaration block hides its element's box (display:none, visibility:hidden), shows it (another
    display or visibility), or says neither (None)."""
    if not isinstance(content, str) and not any(token.type == "ident" and token.lower_value in ("display", "visibility")
                                                for token in content):
        return None   # most rules: not parsed again
    states = [_written_value(item.lower_name, item.value).replace(" ", "").lower().removesuffix("!important") in _BOX_HIDDEN
              for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
              if item.type == "declaration" and item.lower_name in ("display", "visibility")]
    return (all(states) if states else None)


def _drawn(tag: Tag, marked_hidden, showing: list | None, selector_of) -> bool:
    """Whether the page draws this box (a search or share layer a script opens is display:none until then). Read
    on the safe side, as a cover: hidden by its markup, by its style attribute's last display or visibility, or by
    rules that declare one only when every such rule selecting it hides it (a rule showing it, of any specificity,
    makes it drawn)."""
    import soupsieve
    if marked_hidden(tag):
        return False
    if tag.get("style") and (state := _box_state(tag["style"])) is not None:
        return not state
    if showing is None:
        return True
    states = []
    for selector, hides in showing:
        read = selector_of(selector.strip())
        try:
            if read is not None and soupsieve.match(read, tag):
                states.append(hides)
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            continue   # a state the saved page is not in (:hover …): not what it draws
    return not states or not all(states)


_PSEUDO_BOX = re.compile(r"::?(?:before|after)\s*$", re.I)
_CONTENT = re.compile(r"(?<![\w-])content\s*:\s*(?!none\b|normal\b)", re.I)
COVERS_MAX = 20   # rules drawing a cover with a pseudo-element: each is one walk of the page


def _drawn_over(content, declarations: list) -> bool:
    """Whether a rule for a ::before or ::after draws an opaque box over the whole of its element (`_covers`): it
    has content (else nothing is drawn) and the cover's declarations."""
    own = {item.lower_name: item.value for item in declarations}
    written = ";".join(_written_value(name, value) for name, value in own.items())
    # a box the rule itself hides or scales to nothing (a hover effect's fill: transform:scaleX(0), shown on :hover)
    return bool(_CONTENT.search(tinycss2.serialize(content))) and _covers(own, written) and not _box_state(content) \
        and not _SCALED_AWAY.search(tinycss2.serialize(content))


def _written_value(name: str, value) -> str:
    return f"{name}:{tinycss2.serialize(value).strip()}"


def _opaque(own: dict) -> bool:
    """An element's own background hides what lies behind it (a colour of full opacity)."""
    for name in ("background", "background-color"):
        colours = [colour for token in own.get(name) or () if (colour := _rgba([token])) not in (None, "inherit")]
        if colours and colours[-1][3] >= 0.95:
            return _opacity(own) >= 0.95
    return False


def _with_variables(value: list, variables: dict) -> list:
    """A declaration's value with each var(--name, fallback) put in: the inherited value of --name, else the
    fallback (else nothing: the declaration is then void, as a browser makes it)."""
    if not any(token.type == "function" and token.lower_name == "var" for token in value):
        return value
    text = tinycss2.serialize(value)
    for _ in range(8):   # a fallback holding var() again
        text, count = VAR_USE.subn(lambda m: tinycss2.serialize(variables[m.group(1)]) if m.group(1) in variables
                                else (m.group(2) or ""), text)
        if not count:
            break
    return tinycss2.parse_component_value_list(text, skip_comments=True)


def _rgba(tokens) -> tuple[float, float, float, float] | None | str:
    """The colour `tokens` stand for, as sRGB and opacity; "inherit" for what takes the parent's; None unknown."""
    tokens = [token for token in tokens if token.type not in ("whitespace", "comment")]
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value in ("inherit", "currentcolor", "unset"):
        return "inherit"
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value in ("initial", "revert"):
        return (0.0, 0.0, 0.0, 1.0)
    try:
        colour = tinycss2.color4.parse_color(tokens[0] if len(tokens) == 1 else tokens)
    except (TypeError, ValueError, IndexError, AttributeError):
        return None
    if colour is None or isinstance(colour, str):
        return "inherit" if colour == "currentcolor" else None
    try:
        red, green, blue = colour.to("srgb").coordinates
    except (NotImplementedError, ValueError, TypeError):
        lightness = colour.coordinates[0]   # lab/lch (0–100), oklab/oklch (0–1): a grey of that lightness
        grey = lightness / 100 if colour.space in ("lab", "lch") else lightness
        red = green = blue = grey if grey is not None else 0.0
    channels = tuple(min(max(float(value or 0.0), 0.0), 1.0) for value in (red, green, blue))
    return (*channels, float(colour.alpha if colour.alpha is not None else 1.0))


def _colour(value, inherited):
    if value is None:
        return inherited
    colour = _rgba(value)
    return inherited if colour == "inherit" or colour is None else colour


def _background(own: dict, inherited):
    """The background an element paints (or the one behind it, where it paints none or a see-through one)."""
    for name in ("background", "background-color", "background-image"):
        value = own.get(name)
        if value is None:
            continue
        tokens = [token for token in value if token.type not in ("whitespace", "comment")]
        if any(token.type == "url" or token.type == "function" and ("gradient" in token.lower_name
                                                                     or token.lower_name in ("url", "image-set", "image"))
               for token in tokens):
            return _UNKNOWN
        if name == "background-image":
            continue
        colours = [colour for token in tokens if (colour := _rgba([token])) not in (None, "inherit")]
        if colours and colours[-1][3] >= 0.5:
            inherited = colours[-1][:3]
        elif colours and colours[-1][3] > 0:
            inherited = _UNKNOWN   # half see-through: mixed with what lies behind
    return inherited


def _outlined(own: dict) -> bool:
    for name in ("text-shadow", "-webkit-text-stroke", "-webkit-text-stroke-width"):
        value = own.get(name)
        if value is not None and tinycss2.serialize(value).strip().lower() not in ("none", "0", "0px", "initial", ""):
            return True
    return False


def _font_tag_size(size: str) -> str:
    """The size keyword of `<font size>`: 1 to 7, or relative to 3 (+1, -2), clamped as a browser does."""
    try:
        number = int(size.strip()) + (3 if size.strip()[:1] in "+-" else 0)
    except ValueError:
        return "inherit"
    return _FONT_TAG_SIZES[min(max(number, 1), 7)]


def _font_size(own: dict, parent: float, quirks: bool) -> float:
    """The font size in px an element's declarations give it (`font-size`, else the size of a `font` shorthand)."""
    value = own.get("font-size")
    if value is None and own.get("font") is not None:   # `font: bold 0.6em/1.5 serif`: the size is its first length
        value = next(([token] for token in own["font"] if token.type in ("dimension", "percentage")
                      or token.type == "ident" and token.lower_value in (*_KEYWORD_SIZES, "smaller", "larger")), None)
    tokens = [token for token in value or () if token.type not in ("whitespace", "comment")]
    if len(tokens) != 1:
        return parent   # none, or one this reader does not work out (calc(): read by itself in htmlpage.py)
    token = tokens[0]
    if token.type == "ident":
        name = token.lower_value
        if name in ("smaller", "larger"):
            return parent / 1.2 if name == "smaller" else parent * 1.2
        return _KEYWORD_SIZES.get(name, parent)
    if token.type == "percentage":
        return parent * float(token.value) / 100
    if token.type == "dimension":
        unit = token.lower_unit
        if unit in _ABSOLUTE_PX:
            return float(token.value) * _ABSOLUTE_PX[unit]
        return float(token.value) * _RELATIVE[unit] * parent if unit in _RELATIVE else parent
    if token.type == "number" and (quirks or token.value == 0):
        return float(token.value)   # quirks mode reads a number without its unit as pixels
    return parent


def _opacity(own: dict) -> float:
    """What an element's `opacity` and `filter: opacity()` multiply what it draws by (and so its descendants')."""
    found = 1.0
    for name in ("opacity", "filter"):
        tokens = [token for token in own.get(name) or () if token.type not in ("whitespace", "comment")]
        if name == "filter":
            tokens = [argument for token in tokens if token.type == "function" and token.lower_name == "opacity"
                      for argument in token.arguments if argument.type not in ("whitespace", "comment")][:1]
        if len(tokens) == 1 and tokens[0].type in ("number", "percentage"):
            value = float(tokens[0].value) / (100 if tokens[0].type == "percentage" else 1)
            found *= min(max(value, 0.0), 1.0)
    return found


def _invisible(paint: tuple) -> bool:
    colour, fill, background, outlined, size, opacity = paint
    drawn = fill if fill is not None else colour
    if size < _UNREADABLE or drawn[3] * opacity < _FAINT:
        return True   # shrunk or faded away, whatever its outline or background
    if outlined:
        return False
    if drawn[3] < _FAINT:
        return True
    if background == _UNKNOWN or drawn[3] < 0.5:
        return False
    return max(abs(a - b) for a, b in zip(drawn[:3], background)) <= _SAME
