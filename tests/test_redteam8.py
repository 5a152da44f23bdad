"""Round eight of the adversarial review (issue 24): a careless or hostile editor (content/ through pull
requests, mkdocs.yml, attachments) and the person importing an old CMS's saved pages; round seven's open gaps
first. Each test goes through the real path (`disclosure import`, `disclosure check`, MkDocs build,
`disclosure merge`, a real signal to the process) and failed on main before its fix, unless marked held.

Round seven's open gaps —
- fixed: a saved page's mode. Any `<!DOCTYPE html…` was taken for standards mode; an HTML 4.01 Transitional
  doctype without its system id (or HTML 3.2, or one cut short by a quote) is quirks mode, where `.BZ` hides
  class "bz". Now html5lib decides by the HTML standard's table, reading only up to its decision; in quirks
  mode a unitless `font-size:1` (one pixel) hides too (importer/htmlpage.py);
- fixed: a stop signal where no caller can hear an exception. Besides nh3's attribute filter, Python itself
  runs code so — finalisers (`__del__`, weakref callbacks, generators the collector closes) and ctypes/PyO3
  callbacks: a stop landing there was printed as "Exception ignored … Traceback"; the build's own stop error is
  now kept quiet there (sys.unraisablehook during a build) and raised by the next check. Also: a stop while
  an attachment's child process read left it running (minutes of CPU, a zombie in a preview) — now killed and
  reaped, the signal held back over the fork; a stop while a picture is read in-process was turned into a
  made-up W400 "文件无法打开（PluginError）" by the readers' broad `except` — now passed on (Stopped).
  Looked at and not a problem: re callbacks, Markdown extensions, jieba, json/pyexpat hooks (pure Python or
  propagate), pypdfium2/calamine/lxml (only in the reading's child, SIG_DFL there), the search index process.
Import (what a saved page's style hides) —
- fixed: CSS escapes (`d\\69splay:none`, `\\6e one`, `.b\\7a` in quirks mode), relative fonts under 8 px (0.1em,
  1%, .05rem, 0.1vw), an opacity under a tenth (0.01, filter:opacity(0)), translate a screen away, letters piled
  by letter-spacing, a one-pixel box that clips;
- fixed: round seven's scale() rule was quadratic on a style of thousands of "transform:scale(" (480 KB: minutes;
  a 2 MB linked sheet most of an hour): every stretch inside a declaration is bounded;
- held: visibility:hidden!important, content-visibility:hidden, structural selectors (nth-child).
Personal data —
- fixed: circled numbers of two digits (⑬⑧⓪⓪⑬⑧⓪⓪⓪: a mobile in nine characters, ⑪…⑳ ⓫…⓴ ㉑…㊿);
- fixed: a GIF/TIFF/WebP/MP3/MP4's tags and a JPEG's EXIF read only as ASCII digit runs (or UTF-8): Chinese
  numerals, fullwidth digits, ideographic spaces between the groups, UTF-16 (Windows' 备注) were published;
- held: 大写 numerals, circled digits, `<li value>`, `<abbr title>`; a number in an attachment's file name or
  title (fullwidth, circled); impossible dates in front matter (E102).
Requests to another host —
- fixed: a style sheet of the agency's theme folder (overrides/) loading from another host (@import, url(),
  a web font, image-set strings, an escaped scheme), a script there naming a quoted address of another host
  (a statistics snippet): they were read for personal data only; now E404 on the line;
- fixed: `<pre class="mermaid">` (any element, any case): Material's script fetched and ran Mermaid from
  unpkg.com on every reader's visit (seen in Chromium); now E404 in the build, E700 in the merge;
- held: `http:host/…`, a tab or entity inside the scheme, `https:\\\\host`, `///host`, `\\/host`, `<image src>`,
  `<table background>`, srcset, poster, ping, `<link rel=prefetch>`, reference images with `<…>` targets.
Script —
- fixed: a title attribute holding "<" (a Markdown link title or an abbreviation written with entities): with
  `content.tooltips` in theme.features, Material's script writes the title into the page with innerHTML, so
  `&lt;img src=x onerror=…&gt;` ran on hover (seen in Chromium); now E401 in the build, E700 in the merge.
Ends —
- fixed: a value of mkdocs.yml that reads as a date that does not exist: `disclosure check` ended in 内部错误;
  now E100 on its line (MkDocs itself stops with a traceback before any plugin runs: the check, which CI runs
  first, names it).
Merge facts (content/ as the merge reads it; the compromised-CI side, where an editor's file meets it) —
- fixed: a withheld document with a date that does not exist (内部错误), a YAML error, a key spelt with an
  escape, a byte-order mark or saved as GBK was unknown to the merge: its body in a unit's page was merged;
- held: CR line ends (no test).
Open, not fixed: white text (`color:#fff`, `<font color=white>`) in a saved page is imported (hiding only on a
white background: needs the computed background; a CMS table head is white on blue); Material loads
resize-observer-polyfill from unpkg.com on browsers without ResizeObserver (the theme's, not an editor's);
`disclosure check` does not see `class="mermaid"` or a title with "<" (the build does, E404/E401); `mkdocs build` itself still prints
MkDocs' traceback for an impossible date (before any plugin).
Not tried: WPS/OFD attachments' own formats, the 404 page's printed values, the office report's output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from .sitekit import write_site
from .test_merge_verifies import built, platform, refused  # noqa: F401  (the fixtures)
from .test_redteam4 import SAVED

NOTE = "审核意见：拟对该仓库罚款三十万元"

# --- Import: the page's mode as a browser decides it (quirks: class names in any case, unitless lengths) --

TRANSITIONAL = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n'
STANDARDS = "<!DOCTYPE html>"
SAVED_PAGES = {   # doctype, style, hidden: whether a browser hides the note (class and id "bz")
    # fixed: the page's mode as a browser decides it
    "HTML 4.01 Transitional without a system id, class in another case": (TRANSITIONAL, ".BZ{display:none}", True),
    "HTML 3.2, id in another case": ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">', "#BZ{display:none}", True),
    "a doctype cut short by a quote": ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN>', ".BZ{display:none}", True),
    "a unitless one-pixel font, no doctype": ("", ".bz{font-size:1}", True),
    "a unitless font in a legacy doctype": (TRANSITIONAL, ".bz{font-size:2;color:#333}", True),
    # fixed: what else hides
    "a property name escaped": (STANDARDS, ".bz{d\\69splay:none}", True),
    "a value escaped": (STANDARDS, ".bz{display:\\6e one}", True),
    "a class name escaped, quirks mode": ("", ".b\\7a{display:none}", True),
    "a font of a tenth of an em": (STANDARDS, ".bz{font-size:0.1em}", True),
    "a font of one per cent": (STANDARDS, ".bz{font-size:1%}", True),
    "a font of a twentieth of a rem": (STANDARDS, ".bz{font-size:.05rem}", True),
    "a font of a tenth of the screen's width": (STANDARDS, ".bz{font-size:0.1vw}", True),
    "an opacity of a hundredth": (STANDARDS, ".bz{opacity:0.01}", True),
    "a filter to no opacity": (STANDARDS, ".bz{filter:opacity(0)}", True),
    "moved a screen away": (STANDARDS, ".bz{transform:translateX(-9999px)}", True),
    "letters piled on each other": (STANDARDS, ".bz{letter-spacing:-1em}", True),
    "a one-pixel box that clips (screen readers only)": (STANDARDS, ".bz{position:absolute;width:1px;height:1px;overflow:hidden}", True),
    # held
    "visibility:hidden!important": (STANDARDS, ".bz{visibility:hidden!important}", True),
    "content-visibility:hidden": (STANDARDS, ".bz{content-visibility:hidden}", True),
    "a structural selector": (STANDARDS, "div p:nth-child(4){display:none}", True),
    # kept: a browser shows these
    "HTML 4.01 Transitional with its system id (limited quirks: case kept)": (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">',
        ".BZ{display:none}", False),
    "a unitless font in standards mode (the rule is void)": (STANDARDS, ".bz{font-size:1}", False),
    "the standards doctype after a comment": ("<!-- saved -->\n" + STANDARDS, ".BZ{display:none}", False),
    "half an em, a tenth of opacity, a slight tracking, a centred box": (
        STANDARDS, ".bz{font-size:0.5em;opacity:0.1;letter-spacing:-0.05em;transform:translate(-50%,-50%)}", False),
}


def test_a_saved_page_keeps_only_what_a_browser_shows(tmp_path):
    """One import of a folder of saved pages, one per case. The importer took any `<!DOCTYPE html…` for the
    standards mode, so on an HTML 4.01 Transitional page (quirks mode without its system id) `.BZ` hid
    nothing of class "bz" and the note was imported; a unitless `font-size:1` (one pixel in quirks mode),
    CSS escapes, relative font sizes, a near-zero opacity, a translate off the screen, piled letters and the
    one-pixel clipped box were not read as hiding at all."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "old"
    pages.mkdir()
    for number, (doctype, style, _) in enumerate(SAVED_PAGES.values()):
        page = doctype + SAVED.format(hidden=f'<p class="bz" id="bz">{NOTE}</p>').replace(
            "<title>", f"<style>{style}</style><title>", 1).replace(
            "2025-00600", f"2025-{601 + number:05d}").replace("情况的通报", f"情况的通报（{number}）")
        (pages / f"p{number}.html").write_text(page, encoding="utf-8")
    done = run_import(root, str(pages), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    imported = by_source(report_of(root, "r.json"))
    wrong = {}
    for number, (case, (_, _, hidden)) in enumerate(SAVED_PAGES.items()):
        front, body = front_and_body(root / imported[f"p{number}.html"]["target"])
        assert "逐项整改" in body, (case, body)
        if ("罚款三十万元" in body or "罚款三十万元" in str(front)) == hidden:
            wrong[case] = body
    assert not wrong, wrong



def test_a_saved_pages_style_of_thousands_of_transforms_is_read_in_linear_time(tmp_path):
    """Round seven's rule for scale() read `transform:[^;}]*scale(` unbounded: a <style> of 30,000 "transform:scale("
    (480 KB) took minutes (quadratic; 8,000 took 9.5 s), a 2 MB linked sheet most of an hour. Each stretch is
    now bounded; the page is imported (a hang fails the test)."""
    import subprocess
    import sys

    from .sitekit import _run
    from .test_import import CMS_CATALOGUE, TABLES, report_of
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    style = ".bz{" + "transform:scale(" * 30000 + "}"
    (tmp_path / "p.html").write_text(SAVED.format(hidden="").replace("<title>", f"<style>{style}</style><title>", 1),
                                     encoding="utf-8")
    try:   # a hang bound, not a timing: the old reading needed minutes here, this one a second or two
        done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(tmp_path / "p.html"), "--type", "notice",
                     "--report", "r.json"], root, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the import did not end within 60 s")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert report_of(root, "r.json")["pages"][0]["target"], done.stderr

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


def test_a_stop_another_thread_takes_ends_the_wait_for_a_reading(guarded, tmp_path):
    """A stop sent while the reading's fork holds it back on the build's thread goes to another thread of the
    process (a preview's file watcher; in CI, the test runner's). Python runs the handler only once the build's
    thread takes the interpreter's lock again: one wait of the whole limit held the stop back for 300 s (a CI
    run under load failed so). Here the stop is sent to such a thread while the build's thread waits."""
    import threading

    from mkdocs.exceptions import PluginError

    from disclosure.privacy import attachment_sandbox
    marker, stopped, late = tmp_path / "reading", threading.Event(), []

    def reading() -> list:
        marker.write_text(str(os.getpid()), encoding="ascii")
        time.sleep(600)
        return []

    def watcher() -> None:
        while not marker.exists() or not marker.read_text(encoding="ascii"):
            time.sleep(0.05)
        time.sleep(0.5)   # the build's thread is inside its wait by now
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
        if not stopped.wait(10):   # a hang bound: the wait would otherwise last the whole limit
            late.append("the stop was held back until the reading ended")
            os.kill(int(marker.read_text(encoding="ascii")), signal.SIGKILL)

    threading.Thread(target=watcher, daemon=True).start()
    try:
        with pytest.raises(PluginError, match="终止"):
            attachment_sandbox.read_bounded(reading)
    finally:
        stopped.set()
    assert not late, late


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


# --- Personal data in every written form (the check; the build reads pages with the same reader) ---------

WRITTEN = {   # fixed: circled numbers of two digits (a mobile in nine characters, an ID in sixteen)
    "circled numbers of two digits (mobile)": ("联系电话：⑬⑧⓪⓪⑬⑧⓪⓪⓪", True),
    "circled numbers of two digits (ID)": ("身份证号：⑪⓪①⓪⑪⑨⑨⓪⓪③⓪⑦⑦⑦①⑤", True),
    "negative circled numbers": ("联系电话：⓭❽⓿⓿⓭❽⓿⓿⓿", True),
    # held: read already
    "大写 numerals": ("身份证号：壹壹零壹零壹壹玖玖零零叁零柒柒柒壹伍", False),
    "circled digits": ("联系电话：①③⑧⓪⓪①③⑧⓪⓪⓪", False),
    "a list item's value (the marker shows it)": ('<ol><li value="13800138000">联系电话</li></ol>', False),
    "an abbreviation's title": ('<abbr title="13800138000">电话</abbr>', False),
}


def test_a_number_in_each_written_form_is_refused_on_its_line(tmp_path):
    """Circled numbers from ⑩ up were read one character to one digit: ⑬⑧⓪⓪⑬⑧⓪⓪⓪ (13 8 0 0 13 8 0 0 0)
    was nine characters, no candidate of eleven, and was published."""
    missed, output = written_lines_the_check_misses(tmp_path, WRITTEN)
    assert not missed, (missed, output)


def written_lines_the_check_misses(tmp_path, written: dict[str, tuple[str, bool]]) -> tuple[list[str], str]:
    """The cases (name → (line, _)) whose line, each a paragraph of one policy, gets no E400 from
    `disclosure check` on its own line number; and the check's output."""
    from .sitekit import check, paired_policy, policy
    body = "第一条 为规范登记，制定本办法。\n\n" + "".join(f"{line}\n\n" for line, _ in written.values()) + "第二条 本办法自发布之日起施行。\n"
    source = policy(body=body)
    run = check(write_site(tmp_path, {**paired_policy(), "policies/a.md": source}))
    numbers = source.splitlines()
    refused = {line for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E400 " in line}
    missed = [case for case, (line, _) in written.items()
              if not any(found.startswith(f"content/policies/a.md:{numbers.index(line.splitlines()[0]) + 1}: ")
                         for found in refused)]
    return missed, run.output


# --- Requests to another host: what the theme's script loads for a page -------------------------------

MERMAID = "<pre class=\"mermaid\">graph TD; 申请-->受理</pre>"


def test_a_block_the_theme_draws_with_a_program_from_another_host_is_refused(tmp_path):
    """Material's script loads Mermaid from unpkg.com (and runs it) for every <pre class="mermaid"> of a page:
    the class was allowed, so the page was published and each reader's browser fetched the script."""
    from .sitekit import build, paired_policy, policy
    source = policy(body=f"第一条 为规范登记，制定本办法。\n\n{MERMAID}\n")
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source})
    run = build(root)
    assert run.returncode != 0, run.output
    at = source.splitlines().index(MERMAID) + 1
    assert any(line.startswith(f"content/policies/a.md:{at}: E404 ") and 'class="mermaid"' in line
               for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


def test_a_sealed_page_the_theme_would_draw_from_another_host_is_refused(platform):
    from .test_redteam4 import UNIT_PAGE, _sealed
    _sealed(platform, UNIT_PAGE, "</main>", MERMAID.replace("mermaid", "Mermaid") + "</main>")
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ", "mermaid")


THEME_FILES = {   # files of the agency's theme folder (MkDocs copies them; every page links disclosure.css)
    "@import": ("stylesheets/x0.css", '@import url("https://cdn.example.invalid/x.css");'),
    "a protocol-relative background": ("stylesheets/x1.css", "body{background:url(//cdn.example.invalid/a.png)}"),
    "a web font": ("stylesheets/x2.css", "@font-face{font-family:x;src:url(https://cdn.example.invalid/f.woff2)}"),
    "image-set strings": ("stylesheets/x3.css", 'body{background-image:image-set("https://cdn.example.invalid/a.png" 1x)}'),
    "an escaped scheme": ("stylesheets/x4.css", "body{background:url(\\68ttps://cdn.example.invalid/a.png)}"),
    "an analytics snippet pasted into a script": ("javascripts/x5.js",
                                                  'var hm = document.createElement("script"); hm.src = "https://hm.example.invalid/hm.js?1";'),
}


def test_a_theme_file_loading_from_another_host_is_refused(tmp_path):
    """overrides/ is the agency's: its style sheets and scripts were read for personal data only, so an @import,
    a background or a web font from another host, or a statistics snippet, went into site/ and was loaded with
    every page (a script naming a quoted address: a commented-out //console.log is none)."""
    import shutil

    from .sitekit import REPO, build, paired_policy
    from .test_redteam_review import THEME
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"theme": {**THEME, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name, text in THEME_FILES.values():
        (root / "overrides/assets" / name).write_text(f"/* 本单位 */ //console.log(1)\n{text}\n", encoding="utf-8")
    run = build(root)
    missed = [case for case, (name, _) in THEME_FILES.items()
              if not any(line.startswith(f"overrides/assets/{name}:2: E404 ") for line in run.coded_lines())]
    assert run.returncode != 0 and not missed, (missed, run.output)
    assert not any(":1: E404 " in line for line in run.coded_lines()), run.output
    assert not (root / "site").exists()

# --- Script: what the theme's script writes into the page as HTML -----------------------------------------

TOOLTIP = '见[示例网站](https://www.example.com/ "&lt;img src=x.png onerror=document.title=1234&gt;")。'


def test_a_tooltip_the_theme_would_write_as_html_is_refused(tmp_path):
    """With `content.tooltips` in theme.features (one line an editor may add to mkdocs.yml), Material's script
    writes an element's title into the page with innerHTML: a link title written with entities became an
    <img onerror> that ran on hover (seen in Chromium). A title holding "<" is now refused."""
    from .sitekit import build, paired_policy, policy
    source = policy(body=f"第一条 为规范登记，制定本办法。\n\n{TOOLTIP}\n")
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - navigation.indexes", "  - navigation.indexes\n  - content.tooltips"),
                      encoding="utf-8")
    run = build(root)
    at = source.splitlines().index(TOOLTIP) + 1
    assert run.returncode != 0 and any(line.startswith(f"content/policies/a.md:{at}: E401 ") and "title=" in line
                                       for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


def test_a_sealed_page_with_a_tooltip_written_as_html_is_refused(platform):
    from .test_redteam4 import UNIT_PAGE, _sealed
    _sealed(platform, UNIT_PAGE, "</main>", '<p><a href="x" title="&lt;img src=x onerror=alert(1)&gt;">见</a></p></main>')
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ", "title=")


# --- Personal data in what a picture or recording says of itself, written otherwise than in ASCII --------

def _media_written_otherwise() -> dict[str, tuple[str, bytes]]:
    from .test_redteam4 import _jpeg_with_exif_comment
    from .test_redteam5 import _gif, _mp3, _tiff
    return {
        "a JPEG's EXIF comment in fullwidth digits (UTF-16)": ("现场.jpg", _jpeg_with_exif_comment("联系人 １３８００１３８０００")),
        "a GIF comment in Chinese numerals": ("现场.gif", _gif("联系人 一三八〇〇一三八〇〇〇")),
        "a TIFF description with ideographic spaces": ("扫描件.tif", _tiff("电话 138\u30000013\u30008000")),
        "an MP3 title in fullwidth digits (UTF-16)": ("录音.mp3", _mp3("联系人 １３８００１３８０００")),
    }


def test_a_number_a_picture_or_recording_spells_otherwise_is_refused(tmp_path):
    """Only runs of ASCII digits were read from a GIF, TIFF, WebP, MP3 or MP4's tags, and a JPEG's EXIF was read
    as UTF-8 (its Windows tags are UTF-16): the same number in
    Chinese numerals, fullwidth digits or with ideographic spaces (shown in the file's properties and by every
    player) was published unread."""
    from .sitekit import check
    from .test_redteam6 import _attached_each, _refused_each
    cases = _media_written_otherwise()
    run = check(write_site(tmp_path, _attached_each(cases)))
    assert all(_refused_each(run, cases).values()), (_refused_each(run, cases), run.output)


FINALISER = """
import os, signal
from mkdocs.exceptions import PluginError
from disclosure.mkdocs_adapter.stopping import SignalGuard


class Closing:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)   # the handler runs at once, inside the finaliser


guard = SignalGuard()
guard.install()
Closing()
try:
    guard.check()
except PluginError as stop:
    print(stop)
"""


def test_a_stop_inside_a_finaliser_is_no_traceback():
    """A signal that lands while Python runs code no caller hears from (an object's __del__, a weakref callback,
    a generator closed by the collector, a ctypes or PyO3 callback) was printed as 'Exception ignored … Traceback'
    and dropped there; the build's next check between pages raised it. Now it is only raised there.
    (In a process of its own: pytest catches what Python cannot raise itself.)"""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", FINALISER], capture_output=True, text=True, timeout=60)
    assert "终止" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr


# --- Ends: a value of mkdocs.yml that reads as a date that does not exist --------------------------------

def test_a_date_that_does_not_exist_in_mkdocs_yml_is_named_on_its_line(tmp_path):
    """PyYAML raises a Python ValueError (not a YAML error) for 2024-02-30: `disclosure check` printed
    内部错误 and exited 3; MkDocs itself stops with a traceback before any plugin runs, so the check, which CI
    runs first, must say where and how to fix it."""
    from .sitekit import check, paired_policy
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"extra": {"updated": "@DATE@"}})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("'@DATE@'", "2024-02-30").replace("@DATE@", "2024-02-30"),
                      encoding="utf-8")
    line = next(number for number, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "2024-02-30" in text)
    run = check(root)
    assert run.returncode == 1 and "内部错误" not in run.output and "Traceback" not in run.output, run.output
    assert any(found.startswith(f"mkdocs.yml:{line}: E100 ") and "2024-02-30" in found for found in run.coded_lines()), run.output


# --- The merge's reading of content/: a withheld document whose front matter does not parse ---------------

WRITTEN_AS_SAVED = {   # how an editor's tool saved the withheld document: (old, new) in its text, or an encoding
    "a date that does not exist": (("published: 2025-01-02", "published: 2025-02-30"), "utf-8"),   # PyYAML: ValueError
    "a tab in the front matter": (("reason: 内部事务信息", "reason: 内部事务信息\n\treviewed: 否"), "utf-8"),
    "the key written with a YAML escape": (("disclosure:", '"disclos\\u0075re":'), "utf-8"),
    "saved by Notepad with a byte-order mark": (("", ""), "utf-8-sig"),
    "saved as GBK": (("", ""), "gb18030"),
}


@pytest.mark.parametrize("case", WRITTEN_AS_SAVED)
def test_a_withheld_body_is_known_to_the_merge_however_it_is_saved(platform, case):
    """The merge read content/'s front matter with yaml.safe_load from UTF-8 without a byte-order mark, split at
    \\n, and only when "disclosure" was written as such: a date that does not exist ended the merge in 内部错误;
    a front matter with a YAML error, a key spelt with an escape, a BOM or GBK (each read by the
    build — withheld — or refused by it) made the document unknown, so its 不予公开 body, written into a unit's
    page by a job that skipped the build, was merged."""
    from .test_redteam4 import SECRET, UNIT_PAGE, _sealed, _withheld_body
    _withheld_body(platform)
    secret = platform / "content/jyj/fees/secret.md"
    (old, new), encoding = WRITTEN_AS_SAVED[case]
    secret.write_bytes(secret.read_text(encoding="utf-8").replace(old, new).encode(encoding))
    _sealed(platform, UNIT_PAGE, "</main>", f"<p>{SECRET}</p></main>")
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ")
