"""Bytes of a saved page into text: declared charset first, then detection.

Government CMSs still serve GBK/GB2312 pages; a page saved from a browser keeps those bytes.
GB2312 and GBK are read as GB18030, their superset, so rare characters in names survive.

The declaration is the one a browser takes (the HTML prescan): a <meta> inside a comment (a template's old
`<!--<meta charset="big5">-->`) declares nothing. And a saved page loses the HTTP header the old site sent
(Content-Type: text/html; charset=GBK), which overrode a template's wrong <meta>: a declared Western single-byte
encoding (iso-8859-1, windows-1252, ascii), which decodes any bytes into Latin letters, is believed only when the
page's bytes are no GB18030 text. Either way the page read as mojibake lost its 公开属性：不予公开 and was imported as
public, its title and body unreadable.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
# What every byte decodes in: a declaration of one on a Chinese page is a template's default, not the page's.
_WESTERN = frozenset({"iso8859-1", "cp1252", "ascii", "iso8859-15"})
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
    declared = _DECLARED.search(_COMMENT.sub(b"", data[:4096]))
    candidates = [_normal(declared.group(1).decode("ascii"))] if declared else []
    if candidates and candidates[0] in _WESTERN and not data.isascii():
        candidates = ["utf-8", "gb18030", *candidates]
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
