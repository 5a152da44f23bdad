"""CSS custom properties in saved pages (`--h:none; display:var(--h)`): what a style says once they are put in.

A browser puts each `var(--name, fallback)` in as the value the element inherits for `--name` (or the fallback).
Which one an element inherits needs the whole cascade; the rules that decide whether a reader sees text (display,
font-size, opacity, transform …, importer/htmlpage.py) read one style at a time. So a style is read once for
every value the page gives each variable it uses (any style attribute or rule of the page or its saved sheets,
and the fallback): if any reading hides its text, the element is not imported — it is named in the import
report, for the editor to compare. The colours (importer/colours.py) inherit variables as a browser does.

Bounded: a style using variables is read at most `READINGS_MAX` times; one with more combinations is taken as
hiding (named in the report like any hidden element), and a page defining more than `DEFINITIONS_MAX` values is
not imported (what it hides is unknown in reasonable time).
"""

from __future__ import annotations

import itertools
import re

DEFINITIONS_MAX = 2_000   # `--name: value` declarations in a page and its sheets; a themed page has a few hundred
READINGS_MAX = 64         # readings of one style (combinations of its variables' values)
_DEFINITION = re.compile(r"(?<![\w-])(--[\w-]+)\s*:\s*([^;{}]*)")
# A registered property's value where nothing sets it: @property --h { syntax: "*"; initial-value: none }
_REGISTERED = re.compile(r"@property\s+(--[\w-]+)\s*\{[^{}]*?initial-value\s*:\s*([^;{}]*)", re.I)
# var(--name) or var(--name, fallback); the fallback may hold one level of brackets (rgb(…)) or another var().
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,((?:[^()]|\((?:[^()]|\([^()]*\))*\))*))?\)", re.I)
_DEPTH = 8                # var() within a definition within a definition …: put in this many times at most


class TooManyVariables(Exception):
    """More custom property definitions than are read in reasonable time."""


def page_variables(styles: list[str]) -> dict[str, list[str]]:
    """Every value each custom property is given in `styles` (style attributes and sheets, comments and escapes
    already read), in the order written; `TooManyVariables` past `DEFINITIONS_MAX`."""
    found: dict[str, list[str]] = {}
    count = 0
    for style in styles:
        if "--" not in style:
            continue
        for name, value in _DEFINITION.findall(style) + _REGISTERED.findall(style):
            count += 1
            if count > DEFINITIONS_MAX:
                raise TooManyVariables(DEFINITIONS_MAX)
            values = found.setdefault(name, [])
            if value.strip() not in values:
                values.append(value.strip())
    return found


def readings(style: str, variables: dict[str, list[str]]) -> list[str] | None:
    """`style` with its var() put in, once for each combination of the values its variables may have; [style]
    when it uses none; None when there are more than `READINGS_MAX` combinations."""
    if "var(" not in style.lower():
        return [style]
    done, pending = [], [style]
    for _ in range(_DEPTH):
        following = []
        for text in pending:
            names = list(dict.fromkeys(match.group(1) for match in VAR_USE.finditer(text)))
            if not names:
                done.append(text)
                continue
            choices = [[*variables.get(name, []), None] for name in names]
            for chosen in itertools.product(*choices):
                values = dict(zip(names, chosen))
                following.append(VAR_USE.sub(lambda m: values[m.group(1)] if values[m.group(1)] is not None
                                          else (m.group(2) or "initial"), text))
                if len(done) + len(following) > READINGS_MAX:
                    return None
        pending = following
        if not pending:
            return done
    return None   # variables defined through one another past `_DEPTH`: a cycle, or built to evade the bound
