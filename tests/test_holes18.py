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
