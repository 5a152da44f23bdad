"""A theme script's loop counters: `buttons[i]` inside `for (let i = 0; i < buttons.length; i++) { … }`.

`rendered.script_loading` refuses a property reached by a name computed at run time (`x[k]`: k may be "src",
"fetch" …). A loop's counter is a number whatever the script does, when the script gives it no other value: every
place the name stands is the loop's head (declared from digits), a comparison, ++ or --, += or -= of digits, or an
index read (`rows[i]`, `rows[i].x`: never assigned to, never called). An index read is then an index into a list.

The binding must be out of reach of other scripts: a `let` (each turn of the loop its own), or a `var` in a
function's body (a top-level `var i` is `window.i`, which another script may set to "location" between two reads).
The read must lie inside the loop. A script where what is read as code is uncertain is not trusted at all: a
template with ${…} (code inside a blanked string), `with (…)` (names read from an object), a brace after a slash on
its line (a regular expression's braces would move the loop's end).
"""

from __future__ import annotations

import re

_HEAD = re.compile(r"\bfor\s*\(\s*(let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*\d+\s*;")
_UNCERTAIN = re.compile(r"\bwith\s*\(|/[^/\n]*[{}]")
_COMPOUND_ASSIGNMENT = r"\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|\|\||&&)?=(?!=)"


def trusted_loops(code: str, words: str) -> list[tuple[str, int, int]]:
    """(counter, start, end) of each loop of `words` (comments and strings blanked) whose counter is a number
    wherever the loop reads it; `code` is the script with its strings. None when the script is uncertain."""
    if "${" in code or _UNCERTAIN.search(words):
        return []
    loops = []
    for head in _HEAD.finditer(words):
        kind, name = head.group(1), head.group(2)
        end = _loop_end(words, head.start())
        if end is not None and _only_counted(words, name) and (kind == "let" or _in_function(words, head.start())):
            loops.append((name, head.start(), end))
    return loops


def _only_counted(words: str, name: str) -> bool:
    """Whether every place `name` stands (not as a property: `.name`) is one of a counter's."""
    escaped = re.escape(name)
    counted = re.compile(rf"{escaped}\s*(?:<=?|>=?|\+\+|--|[-+]=\s*\d+\b)")   # i < n, i++, i += 2
    heads = {match.start(1) for match in re.finditer(rf"\bfor\s*\(\s*(?:let|var)\s+({escaped})\s*=\s*\d+\s*;", words)}
    read = re.compile(rf"\s*\](?!{_COMPOUND_ASSIGNMENT}|\s*\(|\s*\+\+|\s*--)")   # rows[i], never assigned or called
    for place in re.finditer(rf"(?<![\w$.]){escaped}(?![\w$])", words):
        at = place.start()
        if at in heads or counted.match(words, at) or re.search(r"(?:\+\+|--)\s*$", words[max(0, at - 4):at]):
            continue
        # a member's opening (x[, f()[, a[0][), not a declaration's pattern (const [i] of …)
        opening = re.search(r"(?<![\w$])(?!(?:let|const|var)\s*\[)[\w$]+\s*\[\s*$|[)\]]\s*\[\s*$", words[max(0, at - 80):at])
        if not (opening and read.match(words, place.end())):
            return False
    return True


def _loop_end(words: str, start: int) -> int | None:
    """Where the loop at `start` ends: its head's parentheses, then a body in braces (other bodies: None)."""
    close = _matching(words, words.index("(", start), "(", ")")
    if close is None:
        return None
    body = re.compile(r"\s*\{").match(words, close + 1)
    return _matching(words, body.end() - 1, "{", "}") if body else None


def _matching(words: str, at: int, opening: str, closing: str) -> int | None:
    depth = 0
    for index in range(at, len(words)):
        depth += (words[index] == opening) - (words[index] == closing)
        if depth == 0:
            return index
    return None


def _in_function(words: str, at: int) -> bool:
    """Whether `at` lies in the body of a function (`function … (…) {`, `(…) => {`): a `var` there is its own."""
    opened: list[int] = []
    for index, character in enumerate(words[:at]):
        if character == "{":
            opened.append(index)
        elif character == "}" and opened:
            opened.pop()
    return any(_function_body(words, brace) for brace in opened)


def _function_body(words: str, brace: int) -> bool:
    before = words[:brace].rstrip()
    if before.endswith("=>"):
        return True
    if not before.endswith(")"):
        return False
    depth, index = 0, len(before) - 1
    while index >= 0:
        depth += (before[index] == ")") - (before[index] == "(")
        if depth == 0:
            break
        index -= 1
    return bool(re.search(r"\bfunction\s*[\w$]*\s*$", before[:max(index, 0)]))
