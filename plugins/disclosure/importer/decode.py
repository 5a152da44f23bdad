"""Bytes of a saved page into text: declared charset first, then detection.

Government CMSs still serve GBK/GB2312 pages; a page saved from a browser keeps those bytes.
GB2312 and GBK are read as GB18030, their superset, so rare characters in names survive.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def _normal(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name.lower(), _SUPERSETS.get(canonical, canonical))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Never raises: undecodable bytes become U+FFFD, which the report flags."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = _DECLARED.search(data[:4096])
    candidates = [_normal(declared.group(1).decode("ascii"))] if declared else []
    candidates.append("utf-8")
    for name in filter(None, candidates):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    guess = from_bytes(data).best()
    name = _normal(guess.encoding) if guess else None
    name = name or "gb18030"
    return data.decode(name, errors="replace"), name
