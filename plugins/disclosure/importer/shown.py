"""An element a rule of the saved page's sheets hides (`.tab-pane{display:none}`) that a more specific rule of
them shows in the state the page was saved in (`.tab-pane.active{display:block}` on the pane carrying active,
Bootstrap's tabs; `.tab-content>.active` after `.tab-content>.tab-pane`): a reader sees it, as the cascade decides.

The same for an accordion's `.acc{max-height:0;overflow:hidden}` undone by `.acc.open{max-height:none}`.

Read on the safe side. A hiding rule is undone only when its block, each declaration replaced by the value of a
rule that wins over it, hides nothing. A rule wins when it is more important, more specific (counted low for it —
what :is(), :not(), :where() hold counts nothing — and high for the hider), or as specific and later in the same
sheet; it must be of a sheet's top level (not in @media print or any other condition), hide nothing itself, give a
plain value (no var(), calc(), inherit), and match the element as saved (a state the page is not in, :hover, does
not). The element's style attribute wins over a declaration not !important. Anything not read so (a selector
soupsieve cannot read, a hiding rule the page's own reader split otherwise, too many rules) leaves it hidden."""

from __future__ import annotations

import re

import tinycss2
from bs4 import Tag

SHOWN_RULES_MAX = 2000   # rules that may select something here, read against a hidden element; more: it stays hidden
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_FUNCTION = re.compile(r":[\w-]+\([^()]*\)")
_IDS = re.compile(r"#[\w-]")
_CLASSES = re.compile(r"\.[\w-]|\[|(?<!:):[\w-]")
_TYPES = re.compile(r"(?:^|[\s>+~(,])[A-Za-z]|::[\w-]")


def specificity(selector: str, high: bool) -> tuple[int, int, int, int] | None:
    """A selector's specificity counted high (everything a function holds counts) or low (nothing it holds counts);
    None for one not counted low (an escape, functions nested past one level)."""
    text = _ATTRIBUTE.sub("[]", selector)   # what an attribute selector holds ([title="a b"]) names no type
    if not high:
        if "'" in text or '"' in text:
            return None
        if "\\" in text:
            return None
        while _FUNCTION.search(text):
            text = _FUNCTION.sub("", text)
        if "(" in text:
            return None
    return 0, len(_IDS.findall(text)), len(_CLASSES.findall(text)), len(_TYPES.findall(text))   # 1, …: a style attribute


def _declared(content) -> dict[str, tuple[str, bool]]:
    """A block's declarations as it declares them last: name → (the value as written; !important)."""
    return {item.lower_name: (tinycss2.serialize(item.value).strip(), item.important)
            for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True) if item.type == "declaration"}


def _rules(sheet: str, top: bool = True):
    """(selector, the block's text, whether at the sheet's top level) of each rule, in the sheet's order."""
    for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True) if isinstance(sheet, str) else sheet:
        if rule.type == "qualified-rule":
            content = tinycss2.serialize(rule.content)
            for selector in tinycss2.serialize(rule.prelude).split(","):
                if selector.strip():
                    yield selector.strip(), content, top
        elif rule.type == "at-rule" and rule.content is not None:
            yield from _rules(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True), False)


def shown_by_rules(tags: list[Tag], sheets: list[str], hiding: list[str], selector_of, hides) -> set[int]:
    """The ids of those of `tags` (each hidden by one of the `hiding` selectors of `sheets`) that the cascade
    shows; `selector_of`: a selector as the page's mode reads it (None: it selects nothing), `hides`: whether a
    declaration block hides. Every hiding selector that selects the element must be one read here."""
    import soupsieve
    if not tags:
        return set()
    read = []   # (sheet, order, selector compiled, block, top level, hides, box declarations)
    for number, sheet in enumerate(sheets):
        for order, (selector, content, top) in enumerate(_rules(sheet)):
            if (selector_read := selector_of(selector)) is None:
                continue
            try:
                compiled = soupsieve.compile(selector_read)
            except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
                continue
            read.append((number, order, selector_read, compiled, content, top))
            if len(read) > SHOWN_RULES_MAX:
                return set()
    shown = set()
    for tag in tags:
        matching = []
        for number, order, selector, compiled, content, top in read:
            try:
                if compiled.match(tag):
                    matching.append((number, order, selector, content, top))
            except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
                continue
        hiders = [rule for rule in matching if hides(rule[3])]
        if hiders and _selecting(hiding, tag) <= {hider[2] for hider in hiders} and all(_undone(hider, matching, tag, hides) for hider in hiders):
            shown.add(id(tag))
    return shown


def _selecting(selectors: list[str], tag: Tag) -> set[str]:
    import soupsieve
    found = set()
    for selector in selectors:
        try:
            if soupsieve.match(selector, tag):
                found.add(selector)
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            continue
    return found


def _undone(hider, matching, tag: Tag, hides) -> bool:
    """Whether the hider's block, each declaration replaced by the value of a rule (or the style attribute) that
    wins over it and matches the element, hides nothing."""
    number, order, selector, content, _ = hider
    high = specificity(selector, True)
    style = _declared(tag["style"]) if tag.get("style") else {}
    showers = [(other, _declared(other[3])) for other in matching if other is not hider and other[4] and not hides(other[3])]
    block = []
    for name, (value, important) in _declared(content).items():
        if not important and _plain(style.get(name)):
            value = style[name][0]
        else:
            value = next((declared[name][0] for other, declared in showers if _plain(declared.get(name))
                          and _wins(other, declared[name][1], important, high, number, order)), value)
        block.append(f"{name}:{value}" + ("!important" if important else ""))
    return not hides(";".join(block))


def _plain(declared: tuple[str, bool] | None) -> bool:
    """A value read as written: no function (var(), attr(), calc()), no keyword taking it from elsewhere."""
    return declared is not None and "(" not in declared[0] and "\\" not in declared[0] \
        and declared[0].lower() not in ("inherit", "unset", "revert", "revert-layer", "initial", "")


def _wins(other, other_important: bool, important: bool, high, number: int, order: int) -> bool:
    other_number, other_order, selector, _, _ = other
    if important and not other_important:
        return False
    if other_important and not important:
        return True
    low = specificity(selector, False)
    return low is not None and (low > high or low == high and other_number == number and other_order > order)
