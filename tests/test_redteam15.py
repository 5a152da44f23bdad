"""Round fifteen of the adversarial review (issue 24): a careless or hostile editor writing content/, a webmaster
importing an old CMS's saved pages, a compromised department CI job handing its output to the merge. Each test
goes through the real path (`mkdocs build`, `disclosure check|import|merge`) and failed on main before its fix.

Attachments whose formulas run a program or fetch from another host (privacy/attachment_parts.py, attachments.py,
rules/personal_data/attachments.py, platform/merge.py) —
- fixed: a spreadsheet cell (.csv, .xlsx, .ods) whose formula runs a program through DDE (`=cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|…`, `=DDE("cmd";…)`, a workbook's DDE link) or a Word DDEAUTO field starting cmd.exe: Excel, WPS
  or Word asks once and runs it on the reader's machine. Published with no line; now E401 on the attachment's line,
  the fix saying to keep the values only. A formula fetching from another host when the sheet opens
  (`WEBSERVICE`, `IMPORTDATA`, `IMPORTXML`, `IMAGE("https://…")`, a reference into a workbook at an address) is
  E404, as a linked picture is (not a W400 a `checked:` waves through), and so is a workbook's web query (数据→自网站,
  xl/connections.xml refreshed on opening). Sums, a hyperlink, a | in a text stay.
- fixed: an .rtf holding the same fields (`{\\field{\\*\\fldinst DDEAUTO …}}`, INCLUDEPICTURE "https://…"): read for
  its text only, published with no line. Now E401 / E404 as in a .docx.
- fixed: an archive (or a Word package's embedded file) holding a program, a script or a shortcut (通知.docx.exe,
  .lnk, .js …): the reader unpacks it and double-clicks what looks like the document. It was W400 (unreadable),
  which `checked:` turned into I400: published. Now E401 naming the file, `checked:` or not.
- fixed: a web page inside an attachment (a 网页存档.zip, a Word alt-chunk page Word converts on opening) whose
  picture, style sheet or refresh is at another host: read for personal data only. Now E404; links stay.
- fixed: a package's outside relationship to an address wrapped in another scheme (mhtml:https://…!x-usc:…) was no
  address (E404 now), one to a program's protocol (ms-msdt:/id …) nothing (E401 now); and a template on the editor's
  own disk (file:///C:/…/公文模板.dotm, written by Word) was refused as loading from another host (no line now).
- open: an .xls (BIFF) cell's DDE formula (calamine reads values, not formulas); a .doc's DDEAUTO field (a .doc is
  W400, unreadable, which `checked:` turns into I400); a PDF's Launch action (round fourteen's note on PDF actions).

Personal data (privacy/numbers.py) —
- fixed: an ID number's check character split off by a space, a run of spaces or a line break inside a paragraph
  (…002 X, …002 at a line's end and X on the next, …001 1): a group of one character made no grouping an ID has.
- fixed: an ID number split once anywhere by a line of its paragraph ending inside it (1101011990030700 / 2X), and a
  mobile so split (1380013800 / 0): only splits of four digits or more each side were read.
- held: 第 2 X 3, a size written with ×, an X starting a word, an amount split over lines, a mobile's last digit
  after a space (a figure after a number: the stray-space rule keeps four digits each side).

The importer (importer/colours.py, importer/htmlpage.py) —
- fixed: round fourteen's open ones — a line pushed a screen's height down in a box that clips (margin-top,
  padding-top, top, a margin shorthand), a table column of `visibility:collapse` (<col>, <colgroup>, by a class),
  a paragraph under an opaque box placed over its container (position:absolute, inset 0 or top/left 0 and 100%),
  or drawn by the container's own ::before or ::after (content, no extra element).
- fixed: a class's `height` (round fourteen) or `margin` of calc( thousands deep overflowed the stack: not imported.
- held: a see-through box over the text, a corner badge, a box of negative z-index, a small margin in a clearfix.
- open: a <marquee> narrower than its text; a cover placed from another container than its parent (a positioned
  ancestor further up), one of position:fixed (a loading screen a script removed: kept).
"""

from __future__ import annotations

import pytest

from .batchkit import Cases, cases_site, checked_and_built
from .sitekit import build, deferred, paired_policy, policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam12 import NOTE, assert_note_kept_from



def _attaching(attachments: dict, **entry) -> dict:
    """A policy attaching each of `attachments` (name → bytes) under its own name: a case of `attached`."""
    source = policy(attachments=[{"file": f"files/{name}", "title": name, **entry} for name in attachments])
    return {**paired_policy(), "policies/a.md": source, **{f"policies/files/{name}": data for name, data in attachments.items()}}


@pytest.fixture(scope="module")
def attached(tmp_path_factory) -> tuple[Cases, Cases]:
    """The attachments of the tests below, each test's in a policy of its own (a case), all in one site, checked once
    and built once."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("attached"), {
        "formulas": _attaching({**RUNNING, **FETCHING, **HARMLESS}),
        "rtf": _attaching({name: data for name, (data, _) in RTF.items()}),
        "archives": _attaching({name: data for name, (data, _) in PACKED.items()}, checked="已核对，不含个人信息"),
        "pages": _attaching({name: data for name, (data, _) in PAGES.items()}),
        "relationships": _attaching({name: data for name, (data, _) in RELATIONSHIPS.items()}),
    }))


def _lines_of(cases: Cases, case: str) -> list[str]:
    """The case's coded lines (naming a file of its folder); no line of the run names a file outside every case's."""
    lines = cases.run.coded_lines()
    assert all(line.startswith(tuple(f"content/{folder}/" for folder in cases.folders.values())) for line in lines), \
        cases.run.output
    return [line for line in lines if line.startswith(f"content/{cases.folders[case]}/")]


# --- attachments: formulas that run a program or fetch from another host (E401, E404) -----------------------


def _csv(cell: str) -> bytes:
    return f"项目,金额\n办公费,100\n合计,{cell}\n".encode("utf-8")


@deferred
def _xlsx(formula: str) -> bytes:
    from .test_redteam10 import _sheet
    return _sheet({"A1": "合计", "B1": formula})


@deferred
def _named_dde() -> bytes:
    """A workbook whose defined name (公式→定义名称) is a DDE call, used by a cell: =合计."""
    from openpyxl.workbook.defined_name import DefinedName

    from .attachmentkit import sheet_with

    def edit(workbook) -> None:
        workbook.defined_names["合计"] = DefinedName("合计", attr_text="cmd|' /C calc'!A0")
        workbook.active["A1"] = "=合计"
    return sheet_with(edit)


@deferred
def _ods(formula: str) -> bytes:
    from xml.sax.saxutils import quoteattr

    from .test_redteam10 import _ods_sheet
    return _ods_sheet(f'<table:table-cell table:formula={quoteattr(formula)}/>')


@deferred
def _with_part(package: bytes, name: str, xml: str) -> bytes:
    """`package` with one more part (Excel writes xl/connections.xml for a web query: 数据→自网站)."""
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr(name, xml)
    return out.getvalue()


@deferred
def _word_field(instruction: str) -> bytes:
    from .test_redteam14 import _field, _office
    return _office("docx", body_xml=_field(instruction))


RUNNING = {   # attachment → its bytes: a formula or field that starts a program (E401)
    "dde.csv": _csv("=cmd|' /C calc'!A0"),
    "at-sum.csv": _csv("@SUM(1+1)*cmd|' /C calc'!A0"),
    "plus.csv": _csv("+msexcel|'\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''"),
    "dde-function.csv": _csv('"=DDE(""cmd"";""/C calc"";""__DdeLink_60_870516294"")"'),
    "dde.xlsx": _xlsx("=cmd|' /C calc'!A0"),
    "dde.ods": _ods('of:=DDE("cmd";"/C calc";"x")'),
    "dde-name.xlsx": _named_dde(),
    "ddeauto.docx": _word_field(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" '),
}
FETCHING = {   # a formula that fetches from another host when the sheet is opened or recalculated (E404)
    "webservice.csv": _csv('=WEBSERVICE("https://stat.example.invalid/q?id=1")'),
    "importxml.csv": _csv('=IMPORTXML("https://stat.example.invalid/a.html";"//td")'),
    "image.csv": _csv('=IMAGE("https://stat.example.invalid/p.png")'),
    "external.csv": _csv("='https://stat.example.invalid/[book.xlsx]Sheet1'!A1"),
    "webservice.xlsx": _xlsx('=_xlfn.WEBSERVICE("https://stat.example.invalid/q")'),
    "webservice.ods": _ods('of:=WEBSERVICE("https://stat.example.invalid/q")'),
    "web-query.xlsx": _with_part(_xlsx("=1+1"), "xl/connections.xml",
                                 '<?xml version="1.0" encoding="UTF-8"?><connections xmlns="http://schemas.openxmlformats.org/'
                                 'spreadsheetml/2006/main"><connection id="1" name="q" type="4" refreshOnLoad="1">'
                                 '<webPr url="https://stat.example.invalid/q.html"/></connection></connections>'),
}
HARMLESS = {   # kept: arithmetic, a sum, a hyperlink (a link the reader clicks), a | inside a text, signs
    "sum.csv": _csv("=SUM(B2:B3)"),
    "signs.csv": _csv("-5"),
    "text-pipe.csv": _csv('="甲|乙"'),
    "sheet-pipe.csv": _csv("='甲|乙'!A1"),
    "separator.csv": _csv("==== 合计 | 说明 ===="),
    "mention.csv": _csv("@张三|李四"),
    "hyperlink.csv": _csv('=HYPERLINK("https://www.gov.cn/";"中国政府网")'),
    "sum.xlsx": _xlsx("=SUM(B2:B3)"),
    "sum.ods": _ods("of:=SUM([.B2:.B3])"),
}


def test_an_attachment_formula_running_a_program_or_fetching_is_refused(attached):
    """A published .csv/.xlsx/.ods whose cell runs cmd through DDE (`=cmd|' /C calc'!A0`), or a Word DDEAUTO field,
    was published with no line: Excel, WPS or Word offers to start the program on every reader's machine. Now E401
    on the attachment's line (check and build), saying to keep the values only; a WEBSERVICE/IMPORTXML/IMAGE
    formula or a reference into a workbook at an address is E404. Sums, a hyperlink, a | in a text: no line."""
    attachments = {**RUNNING, **FETCHING, **HARMLESS}
    for cases in attached:
        lines = _lines_of(cases, "formulas")
        for code, expected in (("E401", RUNNING), ("E404", FETCHING)):
            refused = {name for name in attachments for line in lines if f" {code} 附件“{name}”" in line}
            assert refused == set(expected), (code, cases.run.output)
        assert [line for line in lines if " E401 " not in line and " E404 " not in line] == [], cases.run.output
        assert any("数值" in line for line in lines if " E401 " in line), cases.run.output
    assert attached[1].run.returncode != 0 and not (attached[1].root / "site").exists()


def test_a_unit_attachment_running_a_program_is_refused(platform):
    """The compromised job's side: a .csv of its own output (listed and sealed) whose cell runs cmd through DDE.
    The merge now refuses it (E700) naming the unit and the file."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    attachment = platform / "build/units/jyj/jyj/guide/files/sum.csv"
    attachment.parent.mkdir(exist_ok=True)
    attachment.write_bytes(RUNNING["dde.csv"])
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, "build/units/jyj/jyj/guide/files/sum.csv:1: E700 ", "cmd")


# --- personal data: an ID number's check character split off by a space or a line break (E400) -------------

SPLIT_OFF = {   # case → a body paragraph (its number starts on the paragraph's first line)
    "X after a space": "身份证号：11010119900307002 X。",
    "X after spaces, grouped": "身份证号：110101 19900307 002  X。",
    "X on the paragraph's next line": "身份证号：11010119900307002\nX，住址略。",
    "the check digit after a space": "身份证号：11010119900307001 1。",
    "the check digit on the next line": "身份证号：11010119900307001\n1，住址略。",
    "a cross after a space": "身份证号：11010119900307002 ×。",
    "a line ending two before the end": "身份证号：1101011990030700\n2X，住址略。",
    "a line ending after the first digits": "身份证号：11\n010119900307002X，住址略。",
    "a mobile's last digit on the next line": "联系电话：1380013800\n0，请联系。",
    "a mobile's first digit on a line of its own": "联系电话：1\n3800138000，请联系。",
}
NOT_SPLIT_OFF = ["第 2 X 3 条。", "规格 110101 × 3 米。", "编号 11010119900307002 Xa 型。", "共投入3\n1380013800元。",
                 "联系电话：1380013800 0。"]


def test_an_id_numbers_check_character_split_off_is_refused(tmp_path):
    """Round eleven read digit groups split by any whitespace run or a line break inside a paragraph, but a group of
    one check character (…002 X, …002 at a line's end and X on the next, …001 1) made no grouping an ID has: no line.
    Now E400 on the paragraph's first line; "第 2 X 3" and a size written with × are no number."""
    paragraphs = [*SPLIT_OFF.values(), *NOT_SPLIT_OFF]
    source = policy(body="\n\n".join(paragraphs) + "\n")
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": source}))
    lines = source.split("\n")
    expected = {lines.index(text.split("\n")[0]) + 1 for text in SPLIT_OFF.values()}
    refused = {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E400 " in line}
    assert refused == expected, run.output
    assert run.returncode != 0 and not (tmp_path / "site").exists()


# --- the importer: text pushed far down in a clipping box, a collapsed column, text under an opaque box -------

def _table_with_note(col: str, sheet_col: str = "") -> str:
    """A table of two columns whose second column holds the note; `col` the second <col>'s attributes."""
    return (f'<table><colgroup><col><col {col}></colgroup><tr><td>项目</td><td>{NOTE}</td></tr>'
            f"<tr><td>甲</td><td>乙</td></tr></table>")


COVERED = {   # case → (<style> for the head, the body's part), in order: hidden ones, then SEEN_COVERED on
    "a margin far down in a clipping box": ("", f'<div style="height:40px;overflow:hidden"><p style="margin-top:99999px">{NOTE}</p></div>'),
    "a padding far down in the clipping box": ("", f'<div style="height:40px;overflow:hidden;padding-top:5000px"><p>{NOTE}</p></div>'),
    "placed far down in a clipping box": (".c{overflow:hidden;height:30px;position:relative}",
                                          f'<div class="c"><p style="position:absolute;top:20000px">{NOTE}</p></div>'),
    "a margin shorthand far down in a clipping class": (".c{overflow:hidden;height:30px}", f'<div class="c"><p style="margin:8000px 0 0">{NOTE}</p></div>'),
    "a collapsed column": ("", _table_with_note('style="visibility:collapse"')),
    "a collapsed column by a class": (".x{visibility:collapse}", _table_with_note('class="x"')),
    "under an opaque box": ("", f'<div style="position:relative"><p>{NOTE}</p><div style="position:absolute;top:0;left:0;'
                                'width:100%;height:100%;background:#fff;z-index:9"></div></div>'),
    "under an opaque box of a class": (".w{position:relative}.cover{position:absolute;inset:0;background-color:white;z-index:2}",
                                       f'<div class="w"><p>{NOTE}</p><span class="cover"></span></div>'),
    "under a pseudo-element's opaque box": (".w{position:relative}.w::before{content:'';position:absolute;inset:0;"
                                            "background:#fff;z-index:1}", f'<div class="w"><p>{NOTE}</p></div>'),
    # seen: kept
    "a margin down, nothing clips": ("", f'<div><p style="margin-top:2em">{NOTE}</p></div>'),
    "a clearfix box, a small margin": (".c{overflow:hidden}", f'<div class="c"><p style="margin-top:20px;padding-top:10px">{NOTE}</p></div>'),
    "a column of another width": ("", _table_with_note('style="width:60%"')),
    "a see-through box over it": ("", f'<div style="position:relative"><p>{NOTE}</p><div style="position:absolute;top:0;left:0;'
                                      'width:100%;height:100%;background:rgba(255,255,255,0)"></div></div>'),
    "a small badge placed in a corner": ("", f'<div style="position:relative"><p>{NOTE}</p><span style="position:absolute;top:0;'
                                             'right:0;background:#c00;color:#fff">新</span></div>'),
    "a pseudo-element's mark in a corner": (".w::before{content:'●';position:absolute;top:0;left:0;background:#fff}",
                                            f'<div class="w"><p>{NOTE}</p></div>'),
    "an opaque box under it": ("", f'<div style="position:relative"><div style="position:absolute;inset:0;background:#eee;z-index:-1">'
                                   f'</div><p>{NOTE}</p></div>'),
}
SEEN_COVERED = "a margin down, nothing clips"


def test_text_pushed_down_collapsed_or_covered_is_not_imported(tmp_path):
    """Round fourteen left these open: a line pushed far down inside a box that clips (margin-top, padding-top, top
    of 99999px), a table column of `visibility:collapse` (its cells are not drawn), a paragraph under an opaque box
    placed over its container (position:absolute over 100% of it, a background, a z-index): the old site's readers
    never saw the note and it was imported. One import, one page per case; the seen ones keep the note."""
    assert_note_kept_from(tmp_path, COVERED, SEEN_COVERED)


# --- the same fields in an .rtf (E401, E404) ----------------------------------------------------------------

def _rtf(instruction: str) -> bytes:
    """An .rtf with one field (its instruction written as RTF writes it: a backslash doubled)."""
    escaped = instruction.replace("\\", "\\\\")
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\pard 关于示例的通知。\\par "
            f"{{\\field{{\\*\\fldinst {{{escaped}}}}}{{\\fldrslt {{图}}}}}}\\par }}").encode("ascii", "backslashreplace")


RTF = {   # attachment → (bytes, its code or None)
    "ddeauto.rtf": (_rtf('DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"'), "E401"),
    "picture.rtf": (_rtf('INCLUDEPICTURE "https://stat.example.invalid/a.png" \\d'), "E404"),
    "hyperlink.rtf": (_rtf('HYPERLINK "https://www.gov.cn/"'), None),
}


def test_an_rtf_field_running_a_program_or_loading_is_refused(attached):
    """A .docx's DDEAUTO field is E401 and its INCLUDEPICTURE "https://…" E404 (rounds fourteen and fifteen); an .rtf
    holds the same fields (\\fldinst), Word and WPS run and load them the same, and the .rtf was read for its text
    only: published with no line. Now the same lines; a hyperlink field stays allowed."""
    for cases in attached:
        lines = _lines_of(cases, "rtf")
        found = {name: line.split(" ")[1] for name in RTF for line in lines if f"附件“{name}”" in line}
        assert found == {name: code for name, (_, code) in RTF.items() if code}, cases.run.output
        assert len(lines) == 2, cases.run.output


def test_a_saved_pages_box_property_nested_thousands_deep_is_imported(tmp_path):
    """Round fourteen read a class's `height` (and this round its `margin`) to find boxes that hide together: a value
    of calc( 30,000 deep, which a browser drops, made reading it overflow the stack and the page was not imported
    (exit 1). Now such a declaration takes part in nothing and the page is imported."""
    from .sitekit import _run
    from .test_import import CMS_CATALOGUE, TABLES, report_of
    from .test_redteam4 import SAVED
    import sys
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    style = ".bz{height:" + "calc(" * 30000 + "}.c{margin:" + "calc(" * 30000 + "}"
    (tmp_path / "p.html").write_text(SAVED.format(hidden="").replace("<title>", f"<style>{style}</style><title>", 1),
                                     encoding="utf-8")
    done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(tmp_path / "p.html"), "--type", "notice",
                 "--report", "r.json"], root, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert report_of(root, "r.json")["pages"][0]["target"], done.stderr


# --- an archive holding a program (E401) --------------------------------------------------------------------

@deferred
def _zip(files: dict[str, bytes | str]) -> bytes:
    from .attachmentkit import archive
    return archive(files)


PACKED = {   # attachment → (bytes, refused)
    "材料.zip": (_zip({"通知.docx.exe": b"MZ\x90\x00" + b"\x00" * 60, "说明.txt": "关于示例的说明。"}), True),
    "快捷方式.zip": (_zip({"材料/打开材料.lnk": b"L\x00\x00\x00\x01\x14\x02\x00", "材料/说明.txt": "关于示例的说明。"}), True),
    "脚本.zip": (_zip({"安装说明.js": "WScript.Shell", "桌面.ini": ""}), True),
    "文档.zip": (_zip({"通知.txt": "关于示例的通知正文。", "表.csv": "项目,金额\n办公费,100\n"}), False),
}


def test_an_archive_holding_a_program_is_refused(attached):
    """A 材料.zip holding 通知.docx.exe, a shortcut or a script: the reader unpacks it and double-clicks what looks like
    the document, and Windows runs it. It was a W400 (unreadable), which a `checked:` turned into I400 and published.
    Now E401 on the attachment's line, naming the file; an archive of documents stays."""
    for cases in attached:
        refused = {name for name in PACKED for line in _lines_of(cases, "archives") if f" E401 附件“{name}”" in line}
        assert refused == {name for name, (_, bad) in PACKED.items() if bad}, cases.run.output
    assert not (attached[1].root / "site").exists()


# --- a web page inside an attachment that loads from another host (E404) --------------------------------------

@deferred
def _word_alt_chunk(html: bytes) -> bytes:
    from .attachmentkit import word_with
    from .test_privacy_every_part import _alt_chunk
    return word_with(_alt_chunk("/word/afchunk.htm", "text/html", html))


PAGE = '<html><body><p>关于示例的通知。</p>{}</body></html>'
PAGES = {   # attachment → (bytes, refused)
    "网页存档.zip": (_zip({"通知.html": PAGE.format('<img src="https://stat.example.invalid/p.png">')}), True),
    "样式.zip": (_zip({"通知.htm": PAGE.format('<link rel="stylesheet" href="//stat.example.invalid/s.css">')}), True),
    "跳转.zip": (_zip({"通知.html": PAGE.format('<meta http-equiv="refresh" content="0;url=https://stat.example.invalid/">')}), True),
    "合并.docx": (_word_alt_chunk(PAGE.format('<img src="https://stat.example.invalid/p.png">').encode()), True),
    "链接.zip": (_zip({"通知.html": PAGE.format('<a href="https://www.gov.cn/">中国政府网</a><link rel="canonical" '
                                               'href="https://www.example.gov.cn/a.html"><img src="images/a.png">')}), False),
}


def test_a_page_inside_an_attachment_loading_from_another_host_is_refused(attached):
    """A 网页存档.zip of a saved page whose picture or style sheet is at another host (the reader opens the page in a
    browser: the request the site promises never to make), a page's refresh to another host, a Word file whose
    alt-chunk page (Word converts it on opening) links a picture from another host: read for personal data only and
    published. Now E404 as a .docx's linked picture; a page's links, its canonical address, a local picture stay."""
    for cases in attached:
        lines = _lines_of(cases, "pages")
        refused = {name for name in PAGES for line in lines if f" E404 附件“{name}”" in line}
        assert refused == {name for name, (_, bad) in PAGES.items() if bad}, cases.run.output
        assert [line for line in lines if " E404 " not in line] == [], cases.run.output


# --- a package's outside relationships: a local template, a wrapped address, a program's protocol -------------

@deferred
def _template(target: str) -> bytes:
    from .test_redteam14 import _office, _relationship
    return _office("docx", {"word/_rels/settings.xml.rels": _relationship("attachedTemplate", target)})


@deferred
def _ole_link(target: str) -> bytes:
    from .test_redteam14 import _office, _relationship
    return _office("docx", {"word/_rels/document.xml.rels": _relationship("oleObject", target)})


RELATIONSHIPS = {   # attachment → (bytes, its code or None)
    "本机模板.docx": (_template("file:///C:/Users/admin/AppData/Roaming/Microsoft/Templates/公文模板.dotm"), None),
    "本机模板2.docx": (_template("file://C:/模板/公文模板.dotx"), None),
    "共享模板.docx": (_template("file://fileserver.example.invalid/share/公文模板.dotx"), "E404"),
    "包装的地址.docx": (_ole_link("mhtml:https://stat.example.invalid/x.html!x-usc:https://stat.example.invalid/x.html"), "E404"),
    "协议.docx": (_ole_link("ms-msdt:/id PCWDiagnostic /skip force /param &quot;IT_BrowseForFile=x&quot;"), "E401"),
}


def test_a_packages_outside_relationships_are_judged_by_what_they_name(attached):
    """Round fourteen refused a .docx whose template is at another host (E404), and so refused one made from a
    template on the editor's own disk (Word writes attachedTemplate file:///C:/…/公文模板.dotm): no host, the fix
    impossible. And it let through an address wrapped in another scheme (mhtml:https://…!x-usc:…, what Word loads a
    page through: the MSHTML attacks of 2021) and a program's protocol (ms-msdt:/id …, the 2022 Follina attack),
    which Word hands to that program. Now a local path is no line, the wrapped address E404, the protocol E401."""
    for cases in attached:
        found = {name: line.split(" ")[1] for name in RELATIONSHIPS for line in _lines_of(cases, "relationships")
                 if f"附件“{name}”" in line}
        assert found == {name: code for name, (_, code) in RELATIONSHIPS.items() if code}, cases.run.output
