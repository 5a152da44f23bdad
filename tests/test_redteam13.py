"""Round thirteen of the adversarial review (issue 24): the items round twelve left open, and new classes, tried
as a hostile editor and a compromised department CI job would. Each test goes through the real path
(`disclosure import`, `mkdocs build`, `disclosure check`, `disclosure merge`) and failed on main before its fix.

The importer (importer/htmlpage.py, importer/variables.py, importer/colours.py) —
- fixed: CSS custom properties. `display:var(--h)` with `--h:none` (in the style, a rule of the page's sheet, a
  fallback `var(--x, none)`, a registered property's initial value), `font-size:var(--z)`, `color:var(--bg)` with
  `--bg:#fff`: the importer read the declaration as written and imported the text. A style is now read once for
  every value the page gives each variable it uses (any definition counts: over-dropping is named in the import
  report); the colours inherit variables as a browser does; bounded (64 readings a style, 2,000 definitions a
  page, else the page is not imported). attr() and if() values (any property but content) count as hiding.
- fixed: what a browser draws but a reader cannot see, that no rule read — the transform's own properties
  (`scale:0`, `translate:-99999px`), edge-on and flattened transforms (`rotateX(90deg)`, a matrix of zero
  determinant), `zoom` under a half, blend modes that draw dark text as the page behind (`screen`, `lighten` …),
  a blur past reading, brightness/contrast of zero over the element's own background, logical and shorthand
  offsets (`inset-inline-start`, `margin-inline-start`, `margin:0 0 0 -9999px`), sizes and opacities worked out by
  calc()/min()/max()/clamp() (worked out in pixels at 16 px and a 1920 px screen; calc(16px * 1.25) is kept), a
  line height of zero in a clipping box;
- fixed: elements a browser never draws, or whose text is only fallback: <title> and <head> in the body,
  <datalist>, a <dialog> not opened, <rp>, <noembed>, <noframes>, and the text inside <canvas>, <video>,
  <audio>, <progress>, <meter>;
- fixed: the metadata table (标题, 发布机构, 发布日期, 索引号) was read before any hiding was worked out: a hidden
  note became part of the published title, a hidden mobile part of the publisher, a hidden date the published date.
- open: text covered by another element (z-index under an opaque box), text clipped by a narrow box without
  `overflow:hidden` on the same element; the importer does not lay the page out.

Theme scripts (rules/rendered.py `script_loading`) —
- fixed: insertAdjacentHTML judged by its position (always plain), createContextualFragment, parseFromString,
  setHTMLUnsafe, srcdoc, ping, navigation.navigate; making an element that loads or runs (script, style, link,
  img, iframe … or a name computed at run time): whatever is set on it afterwards is unreadable (`s[k] = u`).
- open (as round twelve said): `x[k] = u` on an element the script did not make (document.images[0], a clone):
  indistinguishable from `counts[key] = n`; the sound rule stays a review of the theme folder's scripts.

`disclosure check` (rules/files.py `theme_folder_diagnostics`, cli/check_platform.py) —
- fixed: the check never read the theme folder the build reads (E111, E112, E404, E400 on the files MkDocs copies
  into the site): an editor's check and the merge request's passed a loading script or a list saved as logo.png.

Attachments (privacy/attachment_ods.py) —
- fixed: an .ods formula over a cell whose formula was saved without its result (read as empty: no line), a named
  expression or named range (never read): worked out link by link as an .xlsx's, or W400 naming the cell; a name
  defined for the workbook and again for a sheet is W400 (second try).

Personal data (privacy/numbers.py, text/controls.py) —
- fixed: letters written for digits among digits (138OO138OOO, l38 ooI3 8ooo, the Cyrillic З), and a number
  carried by characters drawn as nothing (tag characters, variation selectors one byte each: "ASCII smuggling").
- held (no change needed, tried): full-width, mathematical, Thai and Arabic-Indic digits, combining marks, ZWJ,
  soft hyphens, RTL overrides in ID and mobile numbers; a mobile in every front-matter field, attachment title
  and file name, image name, catalogue.yaml value, nav title, site_name, copyright, extra; remote fonts,
  analytics, favicon, logo, extra_css/js, emoji CDNs, repo_url.

The merge (text/runs.py, content/merge_facts.py, platform/merge.py, platform/merge_state.py) —
- fixed: a withheld paragraph's 10+ character pieces were counted within one file only: half in one page, the
  rest in another (or another unit's) was merged; a short paragraph covered whole by two overlapping pieces was
  merged. Pieces are now counted over every file, each file named; the merge's record keeps the pieces of the
  files the next merge trusts (digest, where, how long — never the text). A withheld body carried by variation
  selectors is compared with what they carry.
- open: pieces under ten characters (a six-character piece matched across 200,000 pages would make a dated
  template phrase a leak; needs a measured decision), the search index's words (t/) compared with the pages
  (re-tokenising every page at the merge, about 1–2 ms a page), hard links between build/units/ and site/
  (a write in place changes site/ at once: only a process on the merging machine can, in CI the merge runs on
  its own runner; copying costs the disk and time the links save).
"""

from __future__ import annotations

from .sitekit import build, check, paired_policy, policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam12 import LONG_SECRET, SHORT_SECRET, _imported, assert_note_kept_from, handed_over_changed, named_with

NOTE = "审核意见：拟对该仓库罚款三十万元"
STYLED = {   # case → (<style> for the head, the body's part), in order: hidden ones, then SEEN_FROM on
    # CSS variables
    "a variable standing for none": ("", f'<p style="--h:none;display:var(--h)">{NOTE}</p>'),
    "a variable of the sheet": (".w{--z:0px}.w p{font-size:var(--z)}", f'<div class="w"><p>{NOTE}</p></div>'),
    "a white variable": (":root{--bg:#fff}", f'<p style="color:var(--bg)">{NOTE}</p>'),
    "a white variable inherited": (".w{--c:#fff}", f'<div class="w"><p style="color:var(--c)">{NOTE}</p></div>'),
    "a fallback": ("", f'<p style="display:var(--nope, none)">{NOTE}</p>'),
    "a variable defined by a variable": (".w{--a:var(--b);--b:hidden}", f'<p style="visibility:var(--a)">{NOTE}</p>'),
    # the hostile editor's second try: a registered property's initial value, an attribute's value, a condition
    "a registered property": ("@property --h { syntax: '*'; inherits: true; initial-value: none }",
                              f'<p style="display:var(--h)">{NOTE}</p>'),
    "an attribute's value": ("", f'<p data-d="none" style="display:attr(data-d type(&lt;custom-ident&gt;))">{NOTE}</p>'),
    "a condition": ("", f'<p style="display:if(media(width > 0): none; else: block)">{NOTE}</p>'),
    # what the rules did not read
    "the scale property": ("", f'<p style="scale:0">{NOTE}</p>'),
    "a zero second scale": ("", f'<p style="transform:scale(1, 0)">{NOTE}</p>'),
    "the translate property": ("", f'<p style="translate:-99999px">{NOTE}</p>'),
    "edge-on": ("", f'<p style="transform:rotateX(90deg)">{NOTE}</p>'),
    "a flat matrix": ("", f'<p style="transform:matrix(0,0,0,0,0,0)">{NOTE}</p>'),
    "font size by calc": ("", f'<p style="font-size:calc(1px - 1px)">{NOTE}</p>'),
    "font size by min": ("", f'<p style="font-size:min(0px, 1em)">{NOTE}</p>'),
    "font size by calc over two units": ("", f'<p style="font-size:calc(1em - 15px)">{NOTE}</p>'),
    "opacity by calc": ("", f'<p style="opacity:calc(0)">{NOTE}</p>'),
    "zoom": ("", f'<p style="zoom:0.01">{NOTE}</p>'),
    "a screen blend": ("", f'<p style="mix-blend-mode:screen;color:#000">{NOTE}</p>'),
    "a lighten blend of a class": (".q{mix-blend-mode:lighten}", f'<p class="q">{NOTE}</p>'),
    "a blur": ("", f'<p style="filter:blur(30px)">{NOTE}</p>'),
    "brightness 0 over its background": ("", f'<p style="background:#fff;filter:brightness(0)">{NOTE}</p>'),
    "contrast 0 over its background": ("", f'<p style="background:#fff;color:#000;filter:contrast(0)">{NOTE}</p>'),
    "a logical offset": ("", f'<p style="position:absolute;inset-inline-start:-99999px">{NOTE}</p>'),
    "a logical margin": ("", f'<p style="margin-inline-start:-99999px">{NOTE}</p>'),
    "a margin shorthand": ("", f'<p style="margin:0 0 0 -99999px">{NOTE}</p>'),
    "an offset by calc": ("", f'<p style="position:absolute;left:calc(-99999px)">{NOTE}</p>'),
    "no line height in a clipping box": ("", f'<div style="line-height:0;overflow:hidden"><p style="line-height:0">{NOTE}</p></div>'),
    # elements a browser does not draw, or draws in place of their text
    "a dialog not opened": ("", f"<dialog><p>{NOTE}</p></dialog>"),
    "a list of suggestions": ("", f"<datalist><option>{NOTE}</option></datalist>"),
    "a title in the body": ("", f"<title>{NOTE}</title>"),
    "a canvas's fallback": ("", f"<canvas>{NOTE}</canvas>"),
    "a video's fallback": ("", f"<video controls>{NOTE}</video>"),
    "a sound's fallback": ("", f"<audio>{NOTE}</audio>"),
    "a progress bar's fallback": ("", f"<progress>{NOTE}</progress>"),
    "a gauge's fallback": ("", f'<meter value="1">{NOTE}</meter>'),
    "noembed": ("", f"<noembed>{NOTE}</noembed>"),
    "noframes": ("", f"<noframes>{NOTE}</noframes>"),
    "ruby's brackets": ("", f"<ruby>甲<rp>{NOTE}</rp><rt>jia</rt></ruby>"),
    # seen: kept
    "a visible variable": (":root{--text:#333;--d:block}", f'<p style="color:var(--text);display:var(--d)">{NOTE}</p>'),
    "white variable on a dark variable": (":root{--fg:#fff;--bg:#036}",
                                          f'<div style="background:var(--bg)"><p style="color:var(--fg)">{NOTE}</p></div>'),
    "a scale of one": ("", f'<p style="scale:1.2;transform:rotate(90deg) scale(1, 1)">{NOTE}</p>'),
    "a half turn in x": ("", f'<p style="transform:rotateX(45deg)">{NOTE}</p>'),
    "an identity matrix": ("", f'<p style="transform:matrix(1,0,0,1,0,0)">{NOTE}</p>'),
    "zoom one": ("", f'<p style="zoom:1.5">{NOTE}</p>'),
    "a multiply blend": ("", f'<p style="mix-blend-mode:multiply">{NOTE}</p>'),
    "a slight blur": ("", f'<p style="filter:blur(1px)">{NOTE}</p>'),
    "brightness 0 on the page": ("", f'<p style="filter:brightness(0)">{NOTE}</p>'),
    "a clamped size": ("", f'<p style="font-size:clamp(1rem, 2vw, 1.5rem)">{NOTE}</p>'),
    "a size by product and sum": ("", f'<p style="font-size:calc(16px * 1.25);letter-spacing:calc(1rem + 2px)">{NOTE}</p>'),
    "a centred block": ("", f'<p style="margin:0 auto;margin-left:-2em;left:calc(50% + 10px)">{NOTE}</p>'),
    "no line height, not clipped": ("", f'<p style="line-height:0">{NOTE}</p>'),
    "an open dialog": ("", f"<dialog open><p>{NOTE}</p></dialog>"),
    "ruby's text": ("", f"<ruby>{NOTE}<rt>jia</rt></ruby>"),
    "an attribute's value shown as content": (".q::after{content:attr(title)}", f'<p class="q" title="注">{NOTE}</p>'),
}
SEEN_FROM = "a visible variable"


def test_text_hidden_by_css_variables_and_the_styles_no_rule_read_is_not_imported(tmp_path):
    """One import of a folder of saved pages, one per case: each hidden case was imported on main (the note in the
    document's body); the seen ones keep it."""
    assert_note_kept_from(tmp_path, STYLED, SEEN_FROM)


# --- theme scripts: the loading interfaces round twelve's list did not name (E404) ------------------------

LOADING_SCRIPT = {   # case → a line of a script in the theme folder
    "markup inserted after a plain position": "document.body.insertAdjacentHTML('beforeend', '<img src=' + u + '>');",
    "markup parsed into a fragment": "document.createRange().createContextualFragment('<img src=' + u + '>');",
    "markup parsed by DOMParser": "document.body.append(new DOMParser().parseFromString(x, 'text/html').body.firstChild);",
    "markup set unsafely": "el.setHTMLUnsafe(x);",
    "a frame's document": "frame.srcdoc = x;",
    "a link's ping": "a.ping = u;",
    "a navigation by the Navigation API": "navigation.navigate(u);",
    "a style element holding an @import": "var s = document.createElement('style'); s.textContent = '@import url(' + u + ');';",
    "a script element holding code": "var t = document.createElement('script'); t.text = x; document.head.append(t);",
    "a link element for preloading": "var l = document.createElement('link'); l.rel = 'preload';",
    "an element named at run time": "var e = document.createElement(kind);",
    "an SVG element": "var g = document.createElementNS(ns, 'image');",
}


def test_a_theme_script_using_a_loading_interface_the_list_missed_is_refused(tmp_path):
    """Round twelve refused each use of the loading interfaces it listed; these were not listed (or were judged by a
    harmless first argument, insertAdjacentHTML's position) and went into site/. Making an element that loads or
    runs (script, style, link, img …) is refused whatever is set on it afterwards: a property named at run time
    (`s[k] = u`) cannot be read. A script making a div or a paragraph still builds (round twelve's harmless one)."""
    from .test_redteam12 import HARMLESS_SCRIPT, assert_each_line_refused
    assert_each_line_refused(tmp_path, LOADING_SCRIPT, HARMLESS_SCRIPT + "var p = document.createElement('p'); "
                             "p.textContent = label; box.append(p);\nbox.insertAdjacentHTML('beforeend', '说明');\n")


# --- attachments: an .ods's formula chains and names (E400, or W400 naming the cell) --------------------

ODS_NAMES = ('<table:named-expressions><table:named-expression table:name="P" table:expression="of:=1380013*1"/>'
             '<table:named-range table:name="Q" table:cell-range-address="$表.$D$1"/></table:named-expressions>')


def _ods(rows: list[list[str]], local_names: str = "") -> bytes:
    """An OpenDocument spreadsheet of one table "表" (rows of <table:table-cell> elements) and the names above,
    written as a program writes one (LibreOffice works out a formula saved without its result when it opens it)."""
    import io
    import zipfile
    body = "".join("<table:table-row>" + "".join(row) + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="表">{body}{local_names}</table:table>{ODS_NAMES}</office:spreadsheet>'
               '</office:body></office:document-content>')
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest='
                         '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                         'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        package.writestr("content.xml", content)
    return stream.getvalue()


def _number(value: int) -> str:
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def _formula(formula: str) -> str:
    import html
    return f'<table:table-cell table:formula="of:={html.escape(formula)}"><text:p></text:p></table:table-cell>'


ODS = {   # file → (rows, the code its cell C1 or B1 gets)
    "chain.ods": ([[_formula("[.D1]*1"), _number(8000), _formula("[.A1]*10000+[.B1]"), _number(1380013)]], "E400"),
    "literal-link.ods": ([[_formula("1380013*1"), _number(8000), _formula("[.A1]*10000+[.B1]")]], "E400"),
    "chain-unknown.ods": ([[_formula("INDIRECT([.D1])"), _number(8000), _formula("[.A1]*10000+[.B1]"), _number(1380013)]],
                          "W400"),
    "named-expression.ods": ([[_number(8000), _formula("P*10000+[.A1]")]], "E400"),
    "named-range.ods": ([[_number(8000), _formula("Q*10000+[.A1]"), "<table:table-cell/>", _number(1380013)]], "E400"),
    "named-join.ods": ([[_number(8000), _formula("Q&[.A1]"), "<table:table-cell/>", _number(1380013)]], "E400"),
    # second try: P defined again for the sheet (another value): neither is guessed, the formula is warned
    "sheet-name.ods": ([[_number(8000), _formula("P*10000+[.A1]")]], "W400",
                       '<table:named-expressions><table:named-expression table:name="P" table:expression="of:=999"/>'
                       '</table:named-expressions>'),
}


def test_an_ods_formula_chain_or_name_gives_the_right_number_or_a_coded_warning(tmp_path):
    """Round twelve worked out an .xlsx's chains and names; an .ods's were read as on main: a formula over a cell
    whose formula was saved without its result read that cell as empty (no line), and a named expression or
    named range was not read at all (no line). One check, one attachment per case: each is now E400 with the
    masked mobile, or W400 naming the cell where a link cannot be worked out."""
    attachments = {name: _ods(rows, *local) for name, (rows, _, *local) in ODS.items()}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments]),
             **{f"policies/files/{name}": data for name, data in attachments.items()}}
    run = check(write_site(tmp_path, files))
    wrong = {}
    for name, (_, code, *_) in ODS.items():
        lines = [line for line in run.coded_lines() if f"“{name}”" in line and f" {code} " in line]
        if not any(("138****8000" in line) if code == "E400" else ("C1" in line or "B1" in line) for line in lines):
            wrong[name] = [line for line in run.coded_lines() if f"“{name}”" in line]
    assert not wrong, (wrong, run.output)


# --- the merge: a withheld body in pieces over several files, or pieces covering a short one (E700) --------


def test_a_withheld_body_in_pieces_over_several_files_is_refused(platform):
    """Round twelve counted the pieces (10+ characters) of a withheld paragraph within one file only, and a
    paragraph shorter than twenty characters only whole: a compromised job put half a paragraph in one page and
    the other half in another (each under twenty), and a short paragraph in two overlapping pieces of one page,
    and the merge published them. Now the pieces no public source holds are counted over every file the merge
    reads, and a short paragraph's pieces covering it whole count: each file holding a piece is named."""
    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    _withheld_body(platform, f"{SHORT_SECRET}\n\n{LONG_SECRET}")   # 16 and 36 characters once normalised
    short_pieces = f"<p>{SHORT_SECRET[:10]}</p><p>按照规定，</p><p>{SHORT_SECRET[6:]}</p>"   # 10 + 10 over 16
    changes = {   # file → (old, new)
        "jyj/fees/feed.xml": ("</summary>", "&lt;p&gt;" + short_pieces.replace("<", "&lt;").replace(">", "&gt;") + "</summary>"),
        UNIT_PAGE: ("</main>", "<p>另：经测算，拟将示例学校的住宿费</p></main>"),   # 13 of the 36
        "jyj/index.html": ("</main>", "<p>上调百分之四十，同时取消部分</p></main>"),   # the next 13: 26 together
    }
    handed_over_changed(platform, "jyj", changes)
    output = refused(platform)
    assert named_with(output, "jyj", changes, "content/jyj/fees/secret.md") == set(changes), output


def test_pieces_in_a_file_the_next_merge_trusts_still_count(platform):
    """The compromised job's second try against the fix above: one unit's page holds half the paragraph and is
    merged (alone it is no copy); later another unit's page holds the rest. The second merge does not read the
    first page again (its unit is unchanged: trusted), so it would see only half. The merge's record now keeps
    the pieces each unit's files held (never their text: the passage's digest, where, how long), and the
    second merge is refused naming both files."""
    from .test_merge_verifies import disclosure, refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    _withheld_body(platform, LONG_SECRET)
    handed_over_changed(platform, "jyj", {UNIT_PAGE: ("</main>", "<p>另：经测算，拟将示例学校的住宿费</p></main>")})
    first = platform / "build/units/jyj" / UNIT_PAGE
    import os
    import time
    for file in (first, *(platform / "build/units/jyj/_unit/jyj").iterdir()):   # written well before the merge (the
        os.utime(file, ns=(time.time_ns() - 10**10,) * 2)                     # merge re-reads a file of its last 2 s)
    merged = disclosure(platform, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "示例学校的住宿费" not in (platform / "build/units/.merged.json").read_text(encoding="utf-8")
    handed_over_changed(platform, "nanqu", {"nanqu/index.html": ("</main>", "<p>上调百分之四十，同时取消部分</p></main>")})
    output = refused(platform)
    for path in (f"build/units/jyj/{UNIT_PAGE}", "build/units/nanqu/nanqu/index.html"):
        assert any(line.startswith(f"{path}:1: E700 ") and "content/jyj/fees/secret.md" in line
                   for line in output.splitlines()), output


# --- personal data: letters written for digits (E400) -----------------------------------------------------

LOOKALIKES = {   # case → a body line (a paragraph of its own)
    "capital O for zero": "联系电话：138OO138OOO。",
    "small o, small L and capital I": "联系电话：l38 ooI3 8ooo。",
    "Cyrillic Ze for three": "联系电话：1З8-0013-8000。",
    "an ID number with O and l": "身份证号：11O1O1199OO3O77715。",
    "full-width O": "联系电话：138ＯＯ138ＯＯＯ。",
}
HELD = ["质量体系通过 ISO 9001 认证，型号 SN-1OO1-2024。", "Hello 1380013800，model138OO138OOO 是产品编号。",
        "国旗 🇨🇳，表情 👍🏽，异体字 葛\U000e0100 见上。"]   # a flag, a skin tone, an ideographic variation sequence
SMUGGLED = {   # case → a body line holding a mobile no reader sees and every program extracts
    "tag characters": "联系方式见下" + "".join(chr(0xE0000 + ord(char)) for char in "13800138000") + "。",
    "variation selectors as bytes": "联系方式😀" + "".join(chr(0xE0100 + byte - 16) for byte in b"13800138000") + "。",
}


def test_a_number_written_with_letters_for_digits_is_refused(tmp_path):
    """A reader reads 138OO138OOO (capital O), l38oo… (small L and o) or 1З8… (Cyrillic Ze) as the number; the
    check read only digits, and the build published them. Now a stretch of digits and such letters, touching no
    other letter, is also read with the letters as digits: one build, each case refused on its line; a code or a
    word holding them (ISO 9001, a model number glued to a word) is not. And a mobile carried by characters a
    browser draws as nothing (tag characters, variation selectors one byte each: "ASCII smuggling"), which any
    copy or program reads back, was published: it is read as it decodes (an emoji's own selector, a flag, an
    ideographic variation sequence are not)."""
    body = "\n\n".join([*LOOKALIKES.values(), *SMUGGLED.values(), *HELD]) + "\n"
    source = policy(body=body)
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": source}))
    lines = source.split("\n")
    refused = {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E400 " in line}
    expected = {case: lines.index(text) + 1 for case, text in {**LOOKALIKES, **SMUGGLED}.items()}
    assert {case for case, line in expected.items() if line not in refused} == set(), run.output
    assert refused == set(expected.values()), run.output


# --- the importer: the metadata table read as a reader sees it ---------------------------------------------

def test_text_a_saved_page_hides_in_its_metadata_table_is_not_imported(tmp_path):
    """The metadata table (标题, 发布机构, 索引号, 发布日期 …) was read before anything the page hides was worked
    out: a note in a hidden span of the 标题 cell became part of the published title, a hidden name and mobile
    part of the publisher, a hidden date the published date, hidden digits part of the 索引号. Now the table is
    read with what the page hides left out (its attribute, its style, a class of its sheet, its colour), as the
    body is."""
    from .test_import import front_and_body
    from .test_redteam4 import SAVED
    table = ('<tr><td>标题：</td><td>关于示例仓库检查情况的通报<span style="display:none">（内部：拟罚款三十万元）</span></td>'
             '<td>发布机构：</td><td>示例局<span class="h">某科长</span><font color="#ffffff">13800138000</font></td></tr>')
    page = (SAVED.format(hidden="").replace("<tr><td>发布日期：</td>", table + "<tr><td>发布日期：</td>")
            .replace("<td>2025-03-01</td>", '<td><span hidden>2024-01-01</span>2025-03-01</td>')
            .replace("<td>EX0001/2025-00600</td>", '<td>EX0001/2025-00600<span class="h">9</span></td>')
            .replace("<title>", "<style>.h{display:none}</style><title>"))
    root, imported = _imported(tmp_path, [page])
    front, _ = front_and_body(root / imported["p0.html"]["target"])
    shown = {key: str(front.get(key)) for key in ("title", "publisher", "published", "index_no")}
    assert shown == {"title": "关于示例仓库检查情况的通报（0）", "publisher": "示例局", "published": "2025-03-01",
                     "index_no": "EX0001/2025-00601"}, front


def test_a_withheld_body_carried_by_invisible_characters_is_refused(platform):
    """The compromised job's try against the comparison with withheld text: the withheld paragraph written as a run
    of variation selectors (its UTF-8 bytes, one selector each) after an emoji — nothing on the page, the whole
    text for any program. The comparison dropped the selectors; it now reads what they carry."""
    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE, _withheld_body
    _withheld_body(platform, LONG_SECRET)
    carried = "".join(chr(0xFE00 + byte) if byte < 16 else chr(0xE0100 + byte - 16) for byte in LONG_SECRET.encode())
    handed_over_changed(platform, "jyj", {UNIT_PAGE: ("</main>", f"<p>欢迎😀{carried}</p></main>")})
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ")


# --- `disclosure check` reads the theme folder as the build does ----------------------------------------------

def test_the_check_reports_what_the_build_reports_of_the_theme_folder(tmp_path):
    """The build reads every file of the theme folder MkDocs copies into the site (E111 a file of another kind,
    E112 a symlink, E404 a script that loads or a sheet from another host, E400 personal data); `disclosure
    check` — what an editor runs before pushing, and the merge request's check — never looked: it passed all of
    them. Both now report the same lines; the project's own theme folder gives none (the example site's check)."""
    import os
    import shutil

    from .sitekit import REPO
    from .test_redteam_review import THEME
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"theme": {**THEME, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    theme = root / "overrides/assets"
    (theme / "javascripts/stat.js").write_text("/* 统计 */\nvar s = document.createElement('script');\n", encoding="utf-8")
    (theme / "stylesheets/extra.css").write_text("/* 联系人 13800138000 */\nbody { color: #333 }\n", encoding="utf-8")
    (theme / "名单.txt").write_text("张三 110101199003077715\n", encoding="utf-8")
    os.symlink(root / "mkdocs.yml", theme / "logo.png")

    def theme_lines(run) -> set[str]:
        return {line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in run.coded_lines() if line.startswith("overrides/")}
    checked, built = check(root), build(root)
    assert theme_lines(checked) == theme_lines(built) == {
        "overrides/assets/javascripts/stat.js:2: E404", "overrides/assets/stylesheets/extra.css:1: E400",
        "overrides/assets/名单.txt:1: E111", "overrides/assets/logo.png:1: E112"}, (checked.output, built.output)
    assert checked.returncode != 0 and not (root / "site").exists()
