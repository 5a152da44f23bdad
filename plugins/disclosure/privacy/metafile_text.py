"""The text a Windows metafile (EMF, WMF) draws, line by line: what Word and WPS show of a picture pasted from another
program (a chart, a table from Excel pasted as a picture, a Visio drawing), and what Office keeps as the picture of an
embedded object.

Such a picture holds its text as records (EMF's EMR_EXTTEXTOUTW and EMR_EXTTEXTOUTA, WMF's META_TEXTOUT and
META_EXTTEXTOUT), each a run of characters and the point it is drawn at. A number drawn as two runs (`Tel 1380013` and
`8000` beside it) is one line on the screen, and in no run of the file's bytes. The runs sharing a baseline (the same y)
are joined here in the order of their x, as PDFium orders a PDF's. (EMF+ records, GDI+'s drawing inside EMF comments,
are not read: the EMF records Office writes beside them draw the same text.)
"""

from __future__ import annotations

import struct

_EMF_SIGNATURE = b" EMF"
_EMR_EXTTEXTOUTA, _EMR_EXTTEXTOUTW, _EMR_EOF = 0x53, 0x54, 0x0E
_WMF_PLACEABLE = b"\xd7\xcd\xc6\x9a"
_META_TEXTOUT, _META_EXTTEXTOUT = 0x0521, 0x0A32
_ETO_CLIPPED, _ETO_OPAQUE = 0x0004, 0x0002
_MAX_RECORDS = 200000   # records read of one picture: a larger one is read as far as that (a picture is read in the
                        # build's own process, a few chunks at a time: the walk stays short)


def metafile_lines(data: bytes) -> list[str]:
    """The lines an EMF or WMF draws with two runs or more, each joined left to right; [] for any other file."""
    if len(data) >= 44 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == _EMF_SIGNATURE:
        runs = _emf_runs(data)
    elif data[:4] == _WMF_PLACEABLE or data[:6] in (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03"):
        runs = _wmf_runs(data)
    else:
        return []
    lines: dict[int, list[tuple[int, int, str]]] = {}
    for order, (x, y, text) in enumerate(runs):
        lines.setdefault(y, []).append((x, order, text))
    return ["".join(text for _, _, text in sorted(parts)) for parts in lines.values() if len(parts) > 1]


def _emf_runs(data: bytes) -> list[tuple[int, int, str]]:
    """(x, y, text) of each EMR_EXTTEXTOUT record: its EMRTEXT's reference point, its characters at offString."""
    runs, at = [], 0
    for _ in range(_MAX_RECORDS):
        if at + 8 > len(data):
            break
        kind, size = struct.unpack_from("<II", data, at)
        if size < 8 or at + size > len(data) or kind == _EMR_EOF:
            break
        if kind in (_EMR_EXTTEXTOUTA, _EMR_EXTTEXTOUTW) and size >= 52:
            x, y, count, offset = struct.unpack_from("<iiII", data, at + 36)
            width = 2 if kind == _EMR_EXTTEXTOUTW else 1
            raw = data[at + offset:min(at + size, at + offset + count * width)]
            runs.append((x, y, raw.decode("utf-16-le" if width == 2 else "gb18030", "replace")))
        at += size
    return runs


def _wmf_runs(data: bytes) -> list[tuple[int, int, str]]:
    """(x, y, text) of each META_TEXTOUT and META_EXTTEXTOUT record (sizes in 16-bit words; text in the system's
    code page, GBK on a Chinese Windows)."""
    at = 22 if data[:4] == _WMF_PLACEABLE else 0   # the placeable header, then the metafile's own
    if at + 18 > len(data):
        return []
    at += struct.unpack_from("<H", data, at + 2)[0] * 2   # the header's size, in words
    runs = []
    for _ in range(_MAX_RECORDS):
        if at + 6 > len(data):
            break
        words, function = struct.unpack_from("<IH", data, at)
        size = words * 2
        if size < 6 or at + size > len(data) or function == 0:
            break
        body = data[at + 6:at + size]
        if function == _META_TEXTOUT and len(body) >= 2:
            length = struct.unpack_from("<H", body, 0)[0]
            padded = length + (length & 1)
            if len(body) >= 2 + padded + 4:
                y, x = struct.unpack_from("<hh", body, 2 + padded)
                runs.append((x, y, body[2:2 + length].decode("gb18030", "replace")))
        elif function == _META_EXTTEXTOUT and len(body) >= 8:
            y, x, length, options = struct.unpack_from("<hhhH", body, 0)
            start = 8 + (8 if options & (_ETO_CLIPPED | _ETO_OPAQUE) else 0)
            runs.append((x, y, body[start:start + max(length, 0)].decode("gb18030", "replace")))
        at += size
    return runs
