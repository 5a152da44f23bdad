"""Characters that have no place in a title or any other text value: control characters.

They arrive invisibly, pasted from Word or PDF, or written as YAML escapes ("\\v", "\\x01").
XML 1.0 forbids most of them, so one vertical tab in a title made the Atom feeds malformed.
The check refuses them in front matter and the catalogue (E102, with the line); the feed
writer drops them anyway, so no input can make a feed that readers reject.

And text carried by characters drawn as nothing, for a program to read back (`smuggled_read`): what the
personal-data check and the merge's comparison with withheld text read as well.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone
# surrogates (a YAML "\ud800" escape); and the non-characters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_characters(text: str) -> list[str]:
    """The control characters in `text`, as ``U+000B``, each once, in order of appearance."""
    if _CONTROL.search(text) is None:
        return []   # nearly every value: no generator and table made for it (five values a document)
    return list(dict.fromkeys(f"U+{ord(match.group()):04X}" for match in _CONTROL.finditer(text)))


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)


# Characters that change the order text is shown in — embeddings, overrides and isolates (U+202A…U+202E,
# U+2066…U+2069), written or as character references. Inside a right-to-left override “（开公予不件此）” shows as
# “（此件不予公开）”: every reader of the gate (the 附注's, a title's note, withheld text, search) reads the characters
# in the order written, the reader of the page sees another text. Chinese documents have no use for them (a
# Uyghur or Arabic quotation runs right to left by its own letters); personal data is read in both orders already.
_DIRECTION = re.compile(r"[\u202a-\u202e\u2066-\u2069]|&#(?:x0*(?:202[a-e]|206[6-9])|0*(?:823[4-8]|829[4-7]));?", re.I)
_DIRECTION_CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"   # the class of `_DIRECTION`, one by one


def _may_change_direction(text: str) -> bool:
    """False when `_DIRECTION` cannot match `text`: none of its characters and no "&#" (its other branch's start, which
    has no case). Ten substring searches cost a seventh of the expression's scan, which tries its alternation at
    every character (bodies and texts in a first check: 0.4 s of 10,000 documents' reading)."""
    return "&#" in text or any(character in text for character in _DIRECTION_CHARACTERS)


def direction_controls(text: str) -> list[str]:
    """The characters in `text` that change the order it is shown in, as ``U+202E``, each once, in order."""
    if not _may_change_direction(text) or _DIRECTION.search(text) is None:
        return []
    return list(dict.fromkeys(f"U+{_code_point(match.group()):04X}" for match in _DIRECTION.finditer(text)))


# A right-to-left override (U+202E, also written &#x202E;) shows what follows it reversed, up to its end (U+202C, or
# the end of the paragraph): 00083100831 reads 13800138000, 开公予不件此 reads 此件不予公开.
_OVERRIDE = re.compile(r"(\u202e|&\#(?:x0*202e|0*8238);?)(.*?)(?=\u202c|&\#(?:x0*202c|0*8236);?|[\n\u2029]|$)", re.I | re.S)


def overrides_shown(text: str) -> str:
    """`text` with what each right-to-left override reverses reversed back, as a reader sees it (the same length)."""
    return _OVERRIDE.sub(lambda m: m.group(1) + m.group(2)[::-1], text) if "\u202e" in text or "&#" in text else text


def shown_in_order(text: str) -> str:
    """`text` as a reader sees it: overrides read back (`overrides_shown`), the direction controls taken out."""
    shown = overrides_shown(text)
    return _DIRECTION.sub("", shown) if _may_change_direction(shown) else shown


def reordering_problem(found: list[str]) -> str:
    """E102's words for `direction_controls` found in a text: what the reader sees and the fix."""
    return (f"有改变文字显示顺序的不可见控制字符 {'、'.join(found)}：读者看到的文字与写下的、检查和搜索读到的不同"
            "（如把写成“（开公予不件此）”的附注显示为“（此件不予公开）”）；中文文件用不到它，请删除这些字符，"
            "按显示的顺序重新输入这段文字")


def _code_point(written: str) -> int:
    """The character a match of `_DIRECTION` stands for: itself, or its decimal or hexadecimal reference."""
    if not written.startswith("&#"):
        return ord(written)
    number = written[2:].rstrip(";")
    return int(number[1:], 16) if number[:1] in "xX" else int(number)


# Text carried by characters a browser draws as nothing, for a program to read back ("ASCII smuggling"): tag
# characters (U+E0020…U+E007E stand for ASCII) and runs of variation selectors (256 of them: one byte each, of
# UTF-8). A mobile so written is invisible on the page and extracted by any copy or program: read as it decodes.
_SMUGGLED = re.compile("[\U000e0020-\U000e007e]|[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}")
_MAY_BE_SMUGGLED = re.compile("[\ufe00-\ufe0f\U000e0020-\U000e007e\U000e0100-\U000e01ef]")   # one class: a fast first look


def smuggled_read(text: str) -> tuple[str, list[int]] | None:
    """`text` with what its tag characters and runs of variation selectors carry decoded in their place, and
    for each character where it is written; None when it has none (nearly every text)."""
    if not _MAY_BE_SMUGGLED.search(text) or not _SMUGGLED.search(text):
        return None
    return read_in_place(text, _SMUGGLED, _carried)


def _carried(match: re.Match) -> list[tuple[str, int]]:
    """What one tag character or run of variation selectors carries, each character with where it is written."""
    run = match.group()
    if len(run) == 1:   # a tag character
        return [(chr(ord(run) - 0xE0000), match.start())]
    data = bytes(ord(char) - 0xFE00 if char <= "\ufe0f" else ord(char) - 0xE0100 + 16 for char in run)
    if data.isascii():
        return [(chr(byte), match.start() + at) for at, byte in enumerate(data)]
    return [(char, match.start()) for char in data.decode("utf-8", errors="replace")]


def read_in_place(text: str, pattern: re.Pattern, reading) -> tuple[str, list[int]]:
    """`text` with each match of `pattern` replaced by `reading(match)` (characters, each with where it is written in
    `text`), and for every character of the result where it is written. Stretch by stretch between the matches, never
    character by character: the texts read so at the merge are search files and hand-overs, megabytes long."""
    chars: list[str] = []
    written_at: list[int] = []
    after = 0
    for match in pattern.finditer(text):
        chars.append(text[after:match.start()])
        written_at += range(after, match.start())
        read = reading(match)
        chars += [char for char, _ in read]
        written_at += [at for _, at in read]
        after = match.end()
    chars.append(text[after:])
    written_at += range(after, len(text))
    return "".join(chars), written_at
