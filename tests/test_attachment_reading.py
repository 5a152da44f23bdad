"""One reading of an attachment per version of it (issue 24): the E500 rule (every piece, short cells too), the
personal-data rule (what holds a datum or says the file is not public) and the merge take theirs from it."""

from __future__ import annotations

import datetime as dt
import os

from disclosure.privacy import attachments
from disclosure.rules.personal_data.attachments import states_withheld

from .attachmentkit import xlsx

TODAY = dt.date(2026, 12, 7)
CELLS = {"A1": "姓名", "B1": "电话", "A2": "王某某", "B2": "13800138000", "A3": "（此件不予公开）"}


def _counted(monkeypatch) -> list[str]:
    """The names `read` is called with in this process, and "child" for each time work goes to a reading's child."""
    read, bounded, names = attachments.read, attachments.read_bounded, []

    def counting(name, *args):
        names.append(name)
        return read(name, *args)

    def sent(work):
        names.append("child")
        return bounded(work)
    monkeypatch.setattr(attachments, "read", counting)
    monkeypatch.setattr(attachments, "read_bounded", sent)
    monkeypatch.setattr(attachments, "_READINGS", attachments._Readings(1 << 20))
    return names


def test_every_rule_takes_its_pieces_from_one_reading(tmp_path, monkeypatch):
    for in_process in (True, False):   # in this process, and in the reading's child (what it sends back is counted here)
        file = tmp_path / f"名单{in_process}.xlsx"
        file.write_bytes(xlsx(CELLS))
        if in_process:
            monkeypatch.setenv("DISCLOSURE_READ_IN_PROCESS", "1")
        else:
            monkeypatch.delenv("DISCLOSURE_READ_IN_PROCESS", raising=False)
        names = _counted(monkeypatch)
        every = [piece.text for piece in attachments.attachment_pieces(file, shortest=1) if isinstance(piece, attachments.Piece)]
        kept = [piece.text for piece in attachments.attachment_pieces(file, TODAY, also=states_withheld)]
        default = [piece.text for piece in attachments.attachment_pieces(file) if isinstance(piece, attachments.Piece)]
        assert {"姓名", "王某某", "13800138000"} <= set(every)
        assert list(dict.fromkeys(kept)) == ["13800138000", "（此件不予公开）"]
        assert "王某某" not in default and "13800138000" in default
        # read once; the look for personal data over what was read in a child of its own (the reading had not looked)
        assert names == (["child", file.name, "child"] if in_process else ["child", "child"])


def test_a_changed_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_READ_IN_PROCESS", "1")
    names = _counted(monkeypatch)
    file = tmp_path / "名单.xlsx"
    file.write_bytes(xlsx(CELLS))
    assert {piece.text for piece in attachments.attachment_pieces(file, TODAY)} == {"13800138000"}
    file.write_bytes(xlsx({**CELLS, "B2": "无"}))
    os.utime(file, ns=(1, 1))
    assert list(attachments.attachment_pieces(file, TODAY)) == []
    assert names == ["child", file.name, "child", file.name]
