"""Round sixteen of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised or cancelled department CI job. Each test goes through the real `disclosure` command and failed on
main before its fix.

Ends of commands (cli/main.py, process/signals.py) —
- fixed: SIGTERM — what `kill`, `timeout`, systemd and a cancelled CI job (GitLab; GitHub after its Ctrl-C) send —
  ended `disclosure report`, `import`, `merge` and the rest at once, Python's default: no line, exit -15, the
  import's temporary folder left in TMPDIR, the merge's site.merging left beside site/. Only Ctrl-C was handled.
  Now both raise the same interruption: one Chinese line, exit 130, nothing left, site/ untouched.
- fixed: Ctrl-C on `disclosure new --with-interpretation` between its two files (or in the middle of one) left the
  policy (or half a file) in content/ while the line said 没有新建文件. Now a file begun is removed: none or both.
- held (tried): Ctrl-C on check, report, import, merge and the platform builds (test_build_end.py); SIGTERM on
  `mkdocs build` (stopping.py).

Links in attachments that start a program (privacy/attachment_parts.py, attachment_pdf.py) —
- fixed: a .docx hyperlink (or an OpenDocument link) to a program's protocol (`ms-msdt:/id PCWDiagnostic …`,
  `search-ms:…`) or to a program file (`file:///C:/Windows/System32/calc.exe`), a PDF link to one, a PDF's Launch
  action on a link or run on opening (OpenAction, AA; Acrobat asks once, then runs the program): published with no
  line, where the same link in a page is E401 (round fifteen took only a package's relationships other than
  hyperlinks). Now E401 on the attachment's line, in the check, the build and (the same reader) the merge (E700).
  https, mailto and tel links, and bookmarks, stay.
- fixed: the same targets in Word's HYPERLINK field (.docx, .rtf) and a cell's =HYPERLINK("ms-msdt:…") (.csv, .xlsx,
  .ods): a click starts the program.
- fixed: an .xls (BIFF) workbook's DDE link (`=cmd|' /C calc'!A0` saved by Excel 97–2003 or WPS keeps cmd|topic in a
  SUPBOOK record of no sheets): calamine and xlrd give values, never formulas, so round fifteen left it open. The
  workbook's records before its first sheet are now read (olefile, already the reader of Office 97 containers), and
  its formulas' literal HYPERLINK targets when the workbook calls HYPERLINK at all.
- open: a PDF's OpenAction or additional actions that fetch (a URI, SubmitForm) or run JavaScript on opening (pdf.js
  and Chrome's viewer run neither; Acrobat asks before fetching; the document's scripts are read for personal
  data); an .xls cell's hyperlink (an HLINK record, Insert→Hyperlink) and its shared or array formulas; a HYPERLINK
  whose target a formula computes; a .doc's fields (a .doc is W400).

The pull request's annotations (codes/diagnostics.py) —
- fixed: `disclosure check --format github` wrote the file's path into the workflow command's `file=` property
  unescaped: a file named `b,line=99,title=已通过.md` (an editor's, or a compromised branch's) moved the annotation to
  another line and retitled it. Now "," and ":" are escaped as actions/toolkit escapes a property.

Page bodies (rules/rendered.py) —
- held (tried): links to ms-msdt:, search-ms:, file:///…calc.exe, javascript:, a \\\\host\\share path; an HTML
  comment carrying words (E401, E500); a 不予公开 document's body words in site/ (only its title and reason are
  listed, by design, in the section's 不主动公开的信息 table).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .test_build_end import (  # noqa: F401  (the fixtures)
    INTERRUPTED,
    assert_one_line,
    built_example,
    example,
    finish,
    fingerprint,
    leftovers,
    platform,
    start_paused,
    start_platform_build,
    stragglers,
    wait_for,
)
from .sitekit import build, environment, paired_policy, policy, write_site
from .test_redteam15 import _csv, _word_field, _xlsx


def terminate(process, marker: Path) -> tuple[int, str]:
    """`kill PID` (a cancelled CI job, `timeout`): SIGTERM to the command alone, not to its group."""
    wait_for(marker, process)
    process.send_signal(signal.SIGTERM)
    code, output = finish(process)
    assert not stragglers(process.pid), output
    return code, output


@pytest.mark.parametrize("command, where", [
    (["report", "--output", "report"], "disclosure.office.output:_write_staged"),
    (["import", "{pages}", "--type", "notice"], "disclosure.importer.run:_import_into"),
], ids=["report", "import"])
def test_sigterm_on_a_command_of_the_agency_is_one_line_and_leaves_nothing(example, tmp_path, command, where):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    pages = shutil.copytree(Path(__file__).parent / "data/import/trs", tmp_path / "old-site")
    before = {"site": fingerprint(example / "site"), "content": fingerprint(example / "content")}
    args = [arg.format(pages=pages) for arg in command]
    code, output = terminate(*start_paused(example, where, *args, tmp=scratch))
    assert_one_line(code, output)
    assert {"site": fingerprint(example / "site"), "content": fingerprint(example / "content")} == before
    assert leftovers(scratch) == [] and leftovers(example) == []


def test_sigterm_on_the_merge_is_one_line_and_keeps_the_site(platform):
    before = fingerprint(platform / "site")
    code, output = terminate(*start_paused(platform, "disclosure.platform.merge:assemble", "merge"))
    assert code == 130 and "Traceback" not in output and INTERRUPTED in output, output
    assert "原有网站 site/ 保持不变" in output
    assert fingerprint(platform / "site") == before
    assert leftovers(platform) == []


@pytest.mark.parametrize("args", [["build", "--jobs", "2"], ["build", "--unit", "jyj", "--no-merge"]],
                         ids=["platform build", "unit build"])
def test_sigterm_on_a_platform_build_stops_its_unit_builds_and_leaves_nothing(platform, args):
    """The CI job cancelled while its units build: the parent alone gets SIGTERM; it stops each unit build."""
    before = {"site": fingerprint(platform / "site"), "units": fingerprint(platform / "build/units")}
    code, output = terminate(*start_platform_build(platform, args))
    assert code == 130 and "Traceback" not in output and "已中断" in output, output
    assert fingerprint(platform / "site") == before["site"]
    assert fingerprint(platform / "build/units") == before["units"]
    assert leftovers(platform) == [] and leftovers(platform / "build/units") == []


def _word_link(target: str) -> bytes:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    from .attachmentkit import R_NS, W_NS, word_with

    def edit(document) -> None:
        rid = document.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        document.element.body.insert(0, parse_xml(f'<w:p {W_NS} {R_NS}><w:hyperlink r:id="{rid}"><w:r><w:t>点此查看</w:t>'
                                                  '</w:r></w:hyperlink></w:p>'))
    return word_with(edit)


def _odt_link(href: str) -> bytes:
    """An OpenDocument text whose paragraph holds a link (text:a xlink:href), as WPS or LibreOffice saves one."""
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
                         'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                         'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text>'
                         f'<text:p>通知正文内容如下。<text:a xlink:type="simple" xlink:href="{href}">点此查看</text:a></text:p>'
                         '</office:text></office:body></office:document-content>')
    return out.getvalue()


def _pdf_link(action: str) -> bytes:
    from .attachmentkit import raw_pdf
    return raw_pdf("Notice text", annotations=f"<< /Type /Annot /Subtype /Link /Rect [10 10 200 40] /P 3 0 R /A {action} >>")


def _xls_dde(link: str = "cmd\x03 /C calc", sheets: int = 0) -> bytes:
    """An Excel 97–2003 workbook holding a DDE link (a SUPBOOK record of no sheets, app\x03topic), as Excel saves one
    for `=cmd|' /C calc'!A0` (of `sheets` sheets: a link to another workbook at the path `link`)."""
    import struct
    text = link.encode("latin-1")
    body = struct.pack("<HHB", sheets, len(text), 0) + text
    return xls_with_global(struct.pack("<HH", 0x01AE, len(body)) + body)


def xls_with_global(record: bytes) -> bytes:
    """xlwt's workbook with `record` put before its globals' end, the sheets' offsets moved."""
    import io
    import struct

    import xlwt
    from xlwt.CompoundDoc import XlsDoc
    workbook = xlwt.Workbook()
    workbook.add_sheet("名单").write(0, 0, "姓名")
    stream = bytearray(workbook.get_biff_data())
    at, sheets = 0, []
    while True:
        kind, size = struct.unpack_from("<HH", stream, at)
        if kind == 0x0085:   # BOUNDSHEET: where its sheet starts in the stream
            sheets.append(at + 4)
        if kind == 0x000A:   # the globals' EOF
            break
        at += 4 + size
    for place in sheets:
        struct.pack_into("<I", stream, place, struct.unpack_from("<I", stream, place)[0] + len(record))
    stream[at:at] = record
    out = io.BytesIO()
    XlsDoc().save(out, bytes(stream))
    return out.getvalue()


def _plain_xls(formula: str = "SUM(C1:C3)") -> bytes:
    import io

    import xlwt
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("名单")
    sheet.write(0, 0, "合计")
    sheet.write(0, 1, xlwt.Formula(formula))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _pdf_opening(entry: str) -> bytes:
    """A PDF whose catalog runs `entry` on opening (an OpenAction): PDFium reads the file though its offsets moved."""
    from .attachmentkit import raw_pdf
    return raw_pdf("Notice text").replace(b"/Type /Catalog", b"/Type /Catalog " + entry.encode(), 1)


STARTING = {
    "msdt.docx": _word_link('ms-msdt:/id PCWDiagnostic /skip force /param "IT_BrowseForFile=calc"'),
    "search-ms.docx": _word_link("search-ms:query=a&crumb=location:\\\\files.example.invalid\\s"),
    "msdt.odt": _odt_link("ms-msdt:/id PCWDiagnostic"),
    "calc.docx": _word_link("file:///C:/Windows/System32/calc.exe"),
    "launch.pdf": _pdf_link("<< /S /Launch /F (C:\\\\Windows\\\\System32\\\\calc.exe) >>"),
    "launch-win.pdf": _pdf_link("<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"),
    "msdt.pdf": _pdf_link("<< /S /URI /URI (ms-msdt:/id PCWDiagnostic) >>"),
    "open-launch.pdf": _pdf_opening("/OpenAction << /S /Launch /F (cmd.exe) >>"),
    "open-launch-escaped.pdf": _pdf_opening("/OpenAction << /S /L#61unch /Win << /F (cmd.exe) >> >>"),
    "dde.xls": _xls_dde(),
    "hyperlink.xls": _plain_xls('HYPERLINK("ms-msdt:/id PCWDiagnostic";"点此查看")'),
    "hyperlink-field.docx": _word_field(' HYPERLINK "ms-msdt:/id PCWDiagnostic /skip force" '),
    "hyperlink.csv": _csv('=HYPERLINK("ms-msdt:/id PCWDiagnostic";"点此查看")'),
    "hyperlink.xlsx": _xlsx('=HYPERLINK("file:///C:/Windows/System32/calc.exe","点此查看")'),
}
LINKING = {
    "web.docx": _word_link("https://www.gov.cn/"),
    "mail.docx": _word_link("mailto:xxgk@example.gov.cn"),
    "web.odt": _odt_link("https://www.gov.cn/"),
    "web.pdf": _pdf_link("<< /S /URI /URI (https://www.gov.cn/) >>"),
    "web-field.docx": _word_field(' HYPERLINK "https://www.gov.cn/" '),
    "bookmark-field.docx": _word_field(' HYPERLINK \\l "附件一" '),
    "plain.xls": _plain_xls(),
    "web.xls": _plain_xls('HYPERLINK("https://www.gov.cn/";"中国政府网")'),
    "open-page.pdf": _pdf_opening("/OpenAction [3 0 R /Fit] /PageLabels << /Nums [0 << /S /D >>] >>"),
    "web.csv": _csv('=HYPERLINK("https://www.gov.cn/";"中国政府网")'),
}


def test_an_attachment_link_starting_a_program_is_refused(tmp_path):
    """A hyperlink in a published .docx or PDF to ms-msdt:, search-ms: or calc.exe, or a PDF's Launch link, had no line
    (a page's own such link is E401). Now E401 on the attachment's line, check and build; web and mail links stay."""
    from .sitekit import check
    attachments = {**STARTING, **LINKING}
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    checked, built = check(root), build(root)
    for run in (checked, built):
        lines = run.coded_lines()
        refused = {name for name in attachments for line in lines if f" E401 附件“{name}”" in line}
        assert refused == set(STARTING), run.output
        assert [line for line in lines if " E401 " not in line] == [], run.output
    assert built.returncode != 0 and not (root / "site").exists()


PAUSE_SECOND_WRITE = """\
import sys, time, pathlib
from pathlib import Path
real = pathlib.Path.write_text
count = []


def paused(self, *args, **kwargs):
    count.append(self)
    if len(count) == 2:   # the interpretation: the policy is written
        Path({marker!r}).touch()
        time.sleep(600)
    return real(self, *args, **kwargs)


pathlib.Path.write_text = paused
from disclosure.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_on_new_with_its_interpretation_leaves_no_file(example):
    """`disclosure new policy --with-interpretation` stopped between the policy and its interpretation."""
    import os
    marker = example.parent / "reached-write"
    before = fingerprint(example / "content")
    process = subprocess.Popen([sys.executable, "-c", PAUSE_SECOND_WRITE.format(marker=str(marker)), "new", "policy",
                                "--title", "示例市测试办法", "--with-interpretation"], cwd=example, env=environment(),
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for(marker, process)
    os.killpg(process.pid, signal.SIGINT)
    code, output = finish(process)
    assert_one_line(code, output)
    assert "没有新建文件" in output
    assert fingerprint(example / "content") == before


def test_a_unit_attachment_with_a_link_starting_a_program_is_refused(platform):
    """The compromised job's side: a .docx of its own output (listed and sealed) whose hyperlink is ms-msdt:.
    The merge refuses it (E700) naming the unit and the file, as the unit's own build would (E401)."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    attachment = platform / "build/units/jyj/jyj/guide/files/guide.docx"
    attachment.parent.mkdir(exist_ok=True)
    attachment.write_bytes(STARTING["msdt.docx"])
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, "build/units/jyj/jyj/guide/files/guide.docx:1: E700 ", "ms-msdt")


def test_a_file_name_cannot_forge_the_github_annotation(tmp_path):
    from .sitekit import check
    name = "policies/b,line=99,title=已通过.md"
    root = write_site(tmp_path, {**paired_policy(), name: policy(index_no="T001/2024-00003")})
    run = check(root, "--format", "github")
    commands = [line for line in run.stdout.splitlines() if line.startswith("::") and "已通过" in line]
    assert commands, run.output
    for command in commands:
        properties = dict(item.split("=", 1) for item in command[2:].split("::", 1)[0].split(" ", 1)[1].split(","))
        assert set(properties) == {"file", "line", "title"} and properties["line"] != "99", command
        assert properties["file"].replace("%2C", ",").replace("%3A", ":") == "content/" + name, command
