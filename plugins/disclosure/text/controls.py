"""Characters that have no place in a title or any other text value: control characters.

They arrive invisibly, pasted from Word or PDF, or written as YAML escapes ("\\v", "\\x01").
XML 1.0 forbids most of them, so one vertical tab in a title made the Atom feeds malformed.
The check refuses them in front matter and the catalogue (E102, with the line); the feed
writer drops them anyway, so no input can make a feed that readers reject.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone
# surrogates (a YAML "\ud800" escape); and the non-characters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_characters(text: str) -> list[str]:
    """The control characters in `text`, as ``U+000B``, each once, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(match.group()):04X}" for match in _CONTROL.finditer(text)))


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)
