"""Round eight of the adversarial review (issue 24): DOCSTRING
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from .sitekit import write_site
from .test_redteam4 import SAVED

NOTE = "审核意见：拟对该仓库罚款三十万元"

# --- Import: the page's mode as a browser decides it (quirks: class names in any case, unitless lengths) --

TRANSITIONAL = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n'
QUIRKS_PAGES = {   # doctype, style, hidden: whether a browser hides the note
    "HTML 4.01 Transitional without a system id, class in another case": (TRANSITIONAL, ".BZ{display:none}", True),
    "HTML 3.2, id in another case": ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">', "#BZ{display:none}", True),
    "a doctype cut short by a quote": ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN>', ".BZ{display:none}", True),
    "a unitless one-pixel font, no doctype": ("", ".bz{font-size:1}", True),
    "a unitless font in a legacy doctype": (TRANSITIONAL, ".bz{font-size:2;color:#333}", True),
    # kept: a browser shows these
    "HTML 4.01 Transitional with its system id (limited quirks: case kept)": (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">',
        ".BZ{display:none}", False),
    "a unitless font in standards mode (the rule is void)": ("<!DOCTYPE html>", ".bz{font-size:1}", False),
    "the standards doctype after a comment": ("<!-- saved -->\n<!DOCTYPE html>", ".BZ{display:none}", False),
}


def test_a_saved_page_is_read_in_the_mode_a_browser_shows_it(tmp_path):
    """One import of a folder of saved pages, one per case. The importer took any `<!DOCTYPE html…` for the
    standards mode, so on an HTML 4.01 Transitional page (quirks mode without its system id) `.BZ` hid
    nothing of class "bz" and the note was imported; a unitless `font-size:1` (one pixel in quirks mode) was
    not read as hiding at all."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "old"
    pages.mkdir()
    for number, (doctype, style, _) in enumerate(QUIRKS_PAGES.values()):
        page = doctype + SAVED.format(hidden=f'<p class="bz" id="bz">{NOTE}</p>').replace(
            "<title>", f"<style>{style}</style><title>", 1).replace(
            "2025-00600", f"2025-{601 + number:05d}").replace("情况的通报", f"情况的通报（{number}）")
        (pages / f"p{number}.html").write_text(page, encoding="utf-8")
    done = run_import(root, str(pages), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    imported = by_source(report_of(root, "r.json"))
    wrong = {}
    for number, (case, (_, _, hidden)) in enumerate(QUIRKS_PAGES.items()):
        front, body = front_and_body(root / imported[f"p{number}.html"]["target"])
        assert "逐项整改" in body, (case, body)
        if ("罚款三十万元" in body or "罚款三十万元" in str(front)) == hidden:
            wrong[case] = body
    assert not wrong, wrong


# --- A stop signal (Ctrl-C, SIGTERM) while an attachment is read --------------------------------------

@pytest.fixture
def guarded():
    """The build's signal handler, installed as a build installs it."""
    from disclosure.mkdocs_adapter.stopping import SignalGuard
    guard = SignalGuard()
    guard.install()
    yield guard
    guard.restore()


def test_a_stop_while_an_attachment_is_read_ends_its_reader(guarded, tmp_path):
    """The reading's child process was left running when the wait for it was cut short: it read on (up to
    two minutes of processor time) after the build had ended, and stayed a zombie in a preview's process."""
    from mkdocs.exceptions import PluginError

    from disclosure.privacy.attachment_sandbox import read_bounded
    marker = tmp_path / "reader"

    def slow() -> list:
        marker.write_text(str(os.getpid()), encoding="ascii")
        os.kill(os.getppid(), signal.SIGTERM)
        time.sleep(600)
        return []

    with pytest.raises(PluginError, match="终止"):
        read_bounded(slow)
    reader = int(marker.read_text(encoding="ascii"))
    try:
        with pytest.raises(ChildProcessError):   # killed and reaped: no child of this process by that id
            os.waitpid(reader, os.WNOHANG)
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(reader, signal.SIGKILL)
            os.waitpid(reader, 0)


def test_a_stop_while_a_picture_is_read_is_no_finding(guarded, tmp_path, monkeypatch):
    """A picture's metadata is read in the build's own process; a signal landing there was taken by the
    readers' broad `except` for a damaged file: a W400 the file does not have, printed before the stop."""
    from mkdocs.exceptions import PluginError

    from disclosure.privacy import attachments
    from .test_redteam4 import DOT
    read_segments = attachments._metadata_segments

    def signalled(data: bytes):
        os.kill(os.getpid(), signal.SIGTERM)   # the handler runs at once, inside the reading
        return read_segments(data)

    monkeypatch.setattr(attachments, "_metadata_segments", signalled)
    picture = tmp_path / "照片.png"
    picture.write_bytes(DOT)
    with pytest.raises(PluginError, match="终止"):
        list(attachments.attachment_pieces(picture))
