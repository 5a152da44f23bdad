"""Which `exclude_docs` lines can concern the paths under some top-level names of content/.

A platform's mkdocs.yml lists every withheld file of every unit, one anchored line each: matching
each file against all of them costs files × lines. A line anchored under a literal first folder
(`/d002/x.md`) can only match paths in that folder, so for the paths under given names the lines
of other folders can be left out; gitignore's "the last matching line decides" is unchanged by
leaving out lines that cannot match.
"""

from __future__ import annotations

from typing import Callable

import pathspec

GLOB = set("*?[")


def reduced_exclusions(spec: pathspec.PathSpec, names: list[str]) -> pathspec.PathSpec:
    """The `exclude_docs` lines that can match a path under one of `names`, in their order (gitignore: the last
    matching line decides, and a line that cannot match a path changes nothing for it)."""
    wanted = set(names)
    lines = [pattern.pattern for pattern in spec.patterns
             if pattern.include is not None and _may_match(pattern.pattern, wanted)]
    return type(spec).from_lines(lines)


def _may_match(line: str, names: set[str]) -> bool:
    """False only for a line anchored under a literal first folder (`/d002/x.md`, `d002/files/*`) not in `names`."""
    body = line.rstrip()
    if body[:1].isspace():
        return True     # a name starting with a space: rare, kept rather than parsed
    if body.startswith("!"):
        body = body[1:]
    first = _literal_first_segment(body)
    return first is None or first in names


def _literal_first_segment(body: str) -> str | None:
    """The first path segment of an anchored gitignore line if it is plain text; None if the line may match anywhere."""
    anchored = body.startswith("/") or "/" in body.rstrip("/")
    if not anchored:
        return None     # `*.txt`, `secret.md`, `drafts/`: at any depth
    segment, escaped = [], False
    for char in body[1:] if body.startswith("/") else body:
        if escaped:
            segment.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in GLOB:
            return None
        elif char == "/":
            break
        else:
            segment.append(char)
    return "".join(segment) or None


def matcher(spec: pathspec.PathSpec) -> Callable[[str], bool]:
    """`spec.match_file`, each path matched against the lines that can concern its first folder only."""
    by_folder: dict[str, pathspec.PathSpec] = {}

    def matches(src_uri: str) -> bool:
        first = src_uri.split("/", 1)[0]
        if first not in by_folder:
            by_folder[first] = reduced_exclusions(spec, [first])
        return by_folder[first].match_file(src_uri)
    return matches
