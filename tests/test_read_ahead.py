"""A site's attachments are read in one child process, not one each (issue 26): starting a child cost a small
site's build more than reading a small file did. The reading is the one each file's own child made, and a file
that ends the child or outlives the wait is over the limit on its own, the files after it read as before."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from disclosure.privacy import attachment_sandbox as sandbox
from disclosure.privacy import attachments
from disclosure.rules.personal_data.attachments import states_withheld

from .attachmentkit import archive, lying_zip, word, xlsx
from .sitekit import paired_policy, policy, write_site

TODAY = dt.date(2026, 12, 7)
FILES = {   # a datum, a statement that the file is withheld, nothing, a bomb refused before unpacking, not a document
    "名单.xlsx": xlsx({"A1": "姓名", "B1": "电话", "A2": "王某某", "B2": "13800138000"}),
    "通知.docx": word(["关于开展检查的通知", "（此件不予公开）"]),
    "说明.docx": word(["关于开展检查的说明"]),
    "材料.zip": archive({"清单.txt": "联系电话 13800138000"}),
    "炸弹.zip": lying_zip("a.txt", 1000, 300 * 1024 * 1024),   # its directory says 300 MB
    "乱码.pdf": b"%PDF-1.4 not really",
}


def _readings(folder, monkeypatch, ahead: bool) -> dict[str, object]:
    """Each file's pieces (or why it could not be read) as the personal-data rule takes them, read ahead or not."""
    monkeypatch.setattr(attachments, "_READINGS", attachments._Readings(1 << 25))
    files = sorted(folder.iterdir())
    if ahead:
        attachments.read_ahead(files, TODAY, states_withheld)
    found = {}
    for file in files:
        try:
            found[file.name] = [repr(piece) for piece in attachments.attachment_pieces(file, TODAY, also=states_withheld)]
        except attachments.Unreadable as why:
            found[file.name] = f"{type(why).__name__}: {why}"
    return found


def test_files_read_ahead_in_one_child_are_read_as_each_in_its_own(tmp_path, monkeypatch):
    monkeypatch.delenv("DISCLOSURE_READ_IN_PROCESS", raising=False)
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    alone = _readings(tmp_path, monkeypatch, ahead=False)
    children: list[int] = []
    each, bounded = sandbox.read_each_bounded, attachments.read_bounded
    monkeypatch.setattr(attachments, "read_each_bounded", lambda works: children.append(len(works)) or each(works))
    monkeypatch.setattr(attachments, "read_bounded", lambda work: children.append(1) or bounded(work))
    ahead = _readings(tmp_path, monkeypatch, ahead=True)
    assert children == [len(FILES)]   # one child read them all; none was read again
    assert ahead == alone
    assert "13800138000" in str(ahead["名单.xlsx"]) and "此件不予公开" in str(ahead["通知.docx"])
    assert ahead["炸弹.zip"].startswith("OverLimit") and ahead["乱码.pdf"].startswith("Unreadable")


def _abort() -> list:
    os.abort()


def test_a_work_that_ends_the_child_is_over_the_limit_and_the_works_after_it_are_left():
    outcomes = sandbox.read_each_bounded([lambda: ["甲"], _abort, lambda: ["乙"]])
    assert outcomes[0] == ("ok", ["甲"])
    assert outcomes[1][0] == "over" and "异常退出" in outcomes[1][1]
    assert len(outcomes) == 2


def test_a_work_that_outlives_the_wait_is_over_the_limit_and_its_child_is_ended(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_WAIT_SECONDS", 1)
    started = time.monotonic()
    outcomes = sandbox.read_each_bounded([lambda: ["甲"], lambda: time.sleep(60), lambda: ["乙"]])
    assert outcomes == [("ok", ["甲"]), ("over", "读取超过 1 秒仍未完成")]
    assert time.monotonic() - started < 30


def test_each_work_gets_the_whole_memory_allowance_however_much_the_ones_before_it_used():
    """The limits are set anew for each work, from what the child holds then: a work after one that allocated
    (and kept) half the allowance may still use most of it; one past it is over, alone."""
    kept = []
    outcomes = sandbox.read_each_bounded([lambda: kept.append(bytearray(sandbox.MAX_MEMORY // 2)) or ["甲"],
                                          lambda: [len(bytearray(sandbox.MAX_MEMORY * 3 // 4))],
                                          lambda: [len(bytearray(sandbox.MAX_MEMORY * 2))]])
    assert [kind for kind, _ in outcomes] == ["ok", "ok", "over"]


def test_a_site_with_several_attachments_builds_with_one_reading_child(tmp_path):
    """Through the build: each attachment read ahead gives its own coded line, on its own file."""
    from .sitekit import build
    files = {**paired_policy(), "policies/a.md": policy(attachments=[
        {"file": f"files/{name}", "title": name} for name in FILES])}
    files.update({f"policies/files/{name}": data for name, data in FILES.items()})
    root = write_site(tmp_path / "repo", files)
    run = build(root)
    lines = run.coded_lines()
    assert run.returncode == 1, run.output
    assert any("E400" in line and "名单.xlsx" in line for line in lines), lines
    assert any("E400" in line and "材料.zip" in line for line in lines), lines
    assert any("E102" in line and "通知.docx" in line for line in lines), lines
    assert any("W401" in line and "炸弹.zip" in line for line in lines), lines
    assert any("W400" in line and "乱码.pdf" in line for line in lines), lines
    assert not any("说明.docx" in line for line in lines), lines


@pytest.mark.parametrize("size", [0, 1])
def test_no_child_is_started_for_no_file_or_one(tmp_path, monkeypatch, size):
    monkeypatch.delenv("DISCLOSURE_READ_IN_PROCESS", raising=False)
    monkeypatch.setattr(attachments, "_READINGS", attachments._Readings(1 << 25))
    started: list[int] = []
    monkeypatch.setattr(attachments, "read_each_bounded", lambda works: started.append(len(works)) or [])
    files = []
    for number in range(size):
        files.append(tmp_path / f"{number}.docx")
        files[-1].write_bytes(FILES["说明.docx"])
    attachments.read_ahead(files, TODAY, states_withheld)
    assert started == []


def test_the_merge_reads_a_units_attachments_in_one_child(merged_platform, tmp_path, monkeypatch):
    """The government's output holds the theme folder's scripts and style sheet and its catalogue.csv, each read for
    personal data by the merge: in one child process per unit, not one each."""
    import shutil

    from disclosure.platform import merge as merging
    from disclosure.rules.personal_data import published

    root = tmp_path / "platform"
    shutil.copytree(merged_platform, root, symlinks=True)
    shutil.rmtree(root / "site")
    monkeypatch.setattr(attachments, "_READINGS", attachments._Readings(1 << 25))
    forks, read = [], set()
    fork, pieces = os.fork, published.attachment_pieces
    monkeypatch.setattr(sandbox.os, "fork", lambda: forks.append(1) or fork())
    monkeypatch.setattr(published, "attachment_pieces", lambda file, *a, **k: read.add(file.name) or pieces(file, *a, **k))
    merging.merge(merging.read_config(root), root / "build/units", root / "site")
    assert len(read) >= 10 and len(forks) <= 3, (sorted(read), len(forks))
