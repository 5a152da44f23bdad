"""Round fourteen of the adversarial review (issue 24): a careless or hostile editor writing content/, a webmaster
importing an old CMS's saved pages, a compromised department CI job handing its output to the merge. Each test
goes through the real path (`mkdocs build`, `disclosure check|import|merge`) and failed on main before its fix.

Personal data (privacy/numbers.py) —
- fixed: an ID number's check digit X written with what a reader takes for it: the Cyrillic Х/х and Greek Χ/χ a
  copy from another system brings, the multiplication sign × and the crosses ✕ ⨯ ╳ an input method or Word's
  symbol table gives (the full-width Ｘ and the Roman numeral Ⅹ were read already, through NFKC). And a mobile with
  an X glued after it (13800138000x, 13800138000×2) was read as a group ending in an X no ID had: no line. Now the
  digits before such an X are read as the number they are.
- fixed: the dingbat circled sans-serif zero 🄋 (and its negative 🄌) among ➀…➉, and the Roman numerals Ⅰ ⅰ ⅼ written
  for 1 among digits: one character short of the forms rounds eight and thirteen read.
- held (tried, no change): superscript, subscript, mathematical and segmented digits, keycaps, the Hangul filler,
  Ogham and braille blanks, Mongolian and Khmer marks, word joiners between groups; not joined by design (a list
  of figures, not one number): commas, colons, slashes, 、, arrows, bullets, ～ and 〜 between groups.

The importer (importer/colours.py, importer/htmlpage.py) —
- fixed: sizes and opacities that compound. Each declaration was read alone: a font of 0.6em in one of 0.6em …
  (5 levels: 1.2 px), 50% in 50%, `smaller`, `<small>` or `<sub>` twelve deep, the same class nested, an opacity
  of 0.2 in one of 0.2 (0.04) hid the note though no single declaration did. The colours' walk of the tree now
  also carries the font size (from 16 px: em, %, rem, the absolute units, keywords, smaller/larger, `<small>`,
  `<sub>`, `<sup>`, `<big>`, `<font size>`; in quirks mode a table starts again at medium) and the opacity.
- fixed: a closed `<details>` (only its `<summary>` shows), a box that clips by `contain: paint|strict|content`
  instead of overflow, a mask, text pushed out of a clipping box by its indent (`text-indent:100%`, the image
  replacement trick), and far to the right (`left`, `text-indent`, `margin-left`, `padding-left` past 1,000 px:
  round seven read only the negative ones).
- fixed: declarations that hide only together written in different places — `overflow:hidden` from a class and
  `height:0` in the style attribute (or a second class), a background from a class and `filter:brightness(0)` in the
  style: each place was read alone. The colours' cascade (which merges every source of an element) judges them.
- fixed: a class the CMS template's front-end framework defines as hidden (Bootstrap's d-none, hidden, sr-only …,
  Layui's layui-hide) when the framework's sheet is linked from another host (never read) or was not saved with
  the page: no rule the import read hid the note. Now such classes hide, whatever sheet is saved.
- held: an unopened `<select>`'s other options, overflow:clip, hidden="until-found", content-visibility, a font
  of 1 px, the ones of rounds seven to thirteen.
- open: text covered by another element (z-index under an opaque box: the importer does not lay the page out), a
  table column of `visibility:collapse`, a `<marquee>` narrower than its text, text pushed far down the page.

A document's own statement of its 公开属性 (content/disclosure_statements.py, documents.py, merge_facts.py, importer/plan.py) —
- fixed: the 附注 of GB/T 9704 (（此件不予公开）, （此件依申请公开）, （本件不公开）) or a 版记 line (信息公开选项：依申请公开,
  公开方式：不予公开) in a document whose front matter says nothing (主动公开 by default) was published by the check
  and the build; a saved page saying so in its text, under a 公开属性 cell printing the CMS template's 主动公开 (or
  none), was imported as public; the merge took such a document for public and merged a unit's page of it. Now
  E102 on the line (check and build), withheld with a W801 decision (import), withheld (merge: E700).
- held: 此件公开发布, 此件主动公开, 此件删减后公开 (the redacted text is what is published), 网上公开, a rider (，不得转载), a channel (公开方式：政府网站), a sentence about disclosure, a list of ways.

Attachments loading from another host (privacy/attachment_parts.py, rules/personal_data/attachments.py, platform/merge.py) —
- fixed: a .docx whose picture was pasted from a web page (Word keeps it linked: INCLUDEPICTURE "http://…", an
  external image relationship), a remote template, an INCLUDETEXT field, a workbook linked to another machine's
  share: Word, WPS or Excel loads each when a reader opens the file, telling that host who reads it — the request
  to another host the pages never make. Published with no line; now E404 on the attachment's line (check, build),
  E700 in the merge. A hyperlink stays allowed.
- fixed (the merge): a unit page's link `ping` (a POST to each address on every click) and Chrome's `attributionsrc`
  (a request when an image loads or a link is clicked) were merged: rules/rendered.py read only what loads with the
  page. Now E700 (E404 in a build's theme templates).
- open: a PDF's actions that fetch (a URI or SubmitForm action run on opening, JavaScript): pdf.js and Chrome's
  viewer do not run them; Acrobat asks first. Macros in a .doc/.xls (read for personal data; Office blocks macros
  of files from the internet).

mkdocs.yml (rules/personal_data/settings.py) —
- fixed: a printed value written `!ENV NAME` or `!ENV [NAME, default]` (site_description, site_author, extra …) is
  filled by MkDocs from the environment the build runs in (a CI variable): the check read the tag, never the value,
  and a mobile there went into every page's <meta>. Now read as MkDocs reads it (pyyaml_env_tag's order), in the
  check and the build.

A withheld document's file published under another name (content/inventory.py) —
- fixed: a public page attaching a byte-identical copy of a 不予公开 document's attachment (a 名册 of names and
  addresses, which the personal-data check does not read as numbers) was published by the check and the build —
  what E500's own fix for attaching the same file said to do; the merge refused the same copy (E700) with the fix
  "rebuild the unit", so on a platform the guide's fix could never be deployed, and `mkdocs build` of the platform
  published what `disclosure build` refused. Now E500 on the attachment's line, sizes compared first (a file is
  hashed only when a withheld one has its size); the fix says to make the original public or a redacted version.
"""

from __future__ import annotations

import pytest

from .sitekit import build, deferred, made, paired_policy, policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam12 import NOTE, _imported, assert_note_kept_from, handed_over_changed

# --- personal data: an ID number's X and the X after a mobile (E400) ------------------------------------

ID_WITH_X = "11010119900307002X"   # a valid 身份证号 (check digit X), fictional
WRITTEN_X = {   # case → a body line (a paragraph of its own)
    "the Cyrillic Ha": f"身份证号：{ID_WITH_X[:-1]}Х。",
    "the small Cyrillic ha": f"身份证号：{ID_WITH_X[:-1]}х。",
    "the Greek Chi": f"身份证号：{ID_WITH_X[:-1]}Χ。",
    "the multiplication sign, grouped": f"身份证号：{ID_WITH_X[:6]} {ID_WITH_X[6:14]} {ID_WITH_X[14:-1]}×。",
    "a cross": f"身份证号：{ID_WITH_X[:-1]}✕。",
    "a mobile with an x after it": "联系电话：13800138000x。",
    "a mobile times two": "联系电话：13800138000×2。",
}
HELD_X = ["规格为 2×3 米，共 12×4 件。", "型号 ISO 9001×2 的设备。"]


def test_an_id_numbers_x_written_with_a_look_alike_is_refused(tmp_path):
    """One build, each case refused on its line (on main none was); sizes written with × are not numbers."""
    assert_each_refused_on_its_line(tmp_path, WRITTEN_X, HELD_X)


SPELLED = {   # case → a body line: digits of a kind round eight and thirteen read, but for one character
    "the dingbat circled zero among dingbat digits": "联系电话：➀➂➇\U0001f10b\U0001f10b➀➂➇\U0001f10b\U0001f10b\U0001f10b。",
    "Roman numeral ones for ones": "联系电话：Ⅰ38OOⅠ38OOO。",
    "small Roman numeral ones": "联系电话：ⅰ38ooⅰ38ooo。",
}


def test_the_zeros_and_ones_earlier_rounds_missed_are_read(tmp_path):
    """Round eight read ➀…➉ (dingbat circled sans-serif digits) but not their zero 🄋, so a mobile with a zero in it
    was no number; round thirteen read I and l for 1 among digits, not the Roman numeral Ⅰ and ⅰ. One build."""
    assert_each_refused_on_its_line(tmp_path, SPELLED, [])


def assert_each_refused_on_its_line(tmp_path, cases: dict[str, str], held: list[str]) -> None:
    """One build of a policy whose body holds each case and each held line as a paragraph: exactly the cases'
    lines are E400, and no site is written."""
    source = policy(body="\n\n".join([*cases.values(), *held]) + "\n")
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": source}))
    lines = source.split("\n")
    refused = {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E400 " in line}
    expected = {case: lines.index(text) + 1 for case, text in cases.items()}
    assert {case for case, line in expected.items() if line not in refused} == set(), run.output
    assert refused == set(expected.values()), run.output
    assert run.returncode != 0 and not (tmp_path / "site").exists()


# --- the importer: sizes and opacities that compound, and what else a browser does not show -----------------



def _nested(opening: str, closing: str, depth: int, inner: str = NOTE) -> str:
    return opening * depth + inner + closing * depth


COMPOUNDED = {   # case → (<style> for the head, the body's part), in order: hidden ones, then SEEN_FROM on
    "0.6em in 0.6em, five deep": ("", _nested('<span style="font-size:0.6em">', "</span>", 5)),
    "50% in 50%, four deep": ("", _nested('<span style="font-size:50%">', "</span>", 4)),
    "smaller, twelve deep": ("", _nested('<span style="font-size:smaller">', "</span>", 12)),
    "<small>, twelve deep": ("", _nested("<small>", "</small>", 12)),
    "<sub>, twelve deep": ("", _nested("<sub>", "</sub>", 12)),
    "a class nested": (".s{font-size:.6em}", _nested('<div class="s">', "</div>", 5)),
    "the font shorthand nested": ("", _nested('<div style="font:0.6em serif">', "</div>", 5)),
    "a keyword size, then 0.7em": ("", f'<div style="font-size:xx-small"><span style="font-size:0.7em">{NOTE}</span></div>'),
    "opacity 0.2 in 0.2": ("", _nested('<div style="opacity:0.2">', "</div>", 2)),
    "an opacity class nested": (".o{opacity:.25}", _nested('<div class="o">', "</div>", 2)),
    "a filter's opacity in an opacity": ("", f'<div style="opacity:.3"><p style="filter:opacity(30%)">{NOTE}</p></div>'),
    "a faint colour in an opacity": ("", f'<div style="opacity:.3"><p style="color:rgba(0,0,0,.3)">{NOTE}</p></div>'),
    "a closed details": ("", f"<details><summary>附</summary><p>{NOTE}</p></details>"),
    "a closed details without a summary": ("", f"<details>{NOTE}</details>"),
    "a box clipping by contain": ("", f'<div style="height:0;contain:paint"><p>{NOTE}</p></div>'),
    "a strict containment class": (".c{contain:strict;height:0}", f'<div class="c"><p>{NOTE}</p></div>'),
    "a mask": ("", f'<p style="-webkit-mask-image:linear-gradient(transparent,transparent);'
               f'mask-image:linear-gradient(transparent,transparent)">{NOTE}</p>'),
    "pushed out of its box by its indent": ("", f'<p style="text-indent:100%;white-space:nowrap;overflow:hidden">{NOTE}</p>'),
    "an indent far to the right": ("", f'<p style="text-indent:99999px;white-space:nowrap">{NOTE}</p>'),
    "placed far to the right": ("", f'<p style="position:absolute;left:99999px">{NOTE}</p>'),
    "a margin far to the right": ("", f'<p style="margin-left:99999px">{NOTE}</p>'),
    "a padding far to the right": ("", f'<p style="padding-left:5000px">{NOTE}</p>'),
    # seen: kept
    "0.9em in 0.9em, three deep": ("", _nested('<span style="font-size:0.9em">', "</span>", 3)),
    "<small> in <small>": ("", _nested("<small>", "</small>", 2)),
    "a subscript in a small font": ("", f'<p style="font-size:12px">H<sub>2</sub>O {NOTE}</p>'),
    "a font tag of size 1": ("", f'<font size="1">{NOTE}</font>'),
    "a small size set again": ("", f'<div style="font-size:.5em"><div style="font-size:.9em"><p style="font-size:14px">{NOTE}</p></div></div>'),
    "a quirks-mode table starts again": ("", f'<div style="font-size:.6em"><div style="font-size:.6em"><table><tr>'
                                         f'<td style="font-size:.9em">{NOTE}</td><td>甲</td></tr><tr><td>乙</td><td>丙</td></tr></table></div></div>'),
    "opacity 0.5 in 0.5": ("", _nested('<div style="opacity:0.5">', "</div>", 2)),
    "an open details": ("", f"<details open><summary>附</summary><p>{NOTE}</p></details>"),
    "a summary of a closed details": ("", f"<details><summary>{NOTE}</summary><p>附</p></details>"),
    "containment with room": ("", f'<div style="contain:paint"><p>{NOTE}</p></div>'),
    "no mask": ("", f'<p style="mask:none">{NOTE}</p>'),
    "a paragraph's indent": ("", f'<p style="text-indent:2em;overflow:hidden">{NOTE}</p>'),
    "a margin to the right": ("", f'<p style="margin-left:40px;padding-left:2em;left:300px">{NOTE}</p>'),
}
SEEN_FROM = "0.9em in 0.9em, three deep"


def test_text_shrunk_or_faded_through_nesting_or_folded_away_is_not_imported(tmp_path):
    """One import of a folder of saved pages, one per case: each hidden case was imported on main (the note in the
    document's body); the seen ones keep it."""
    assert_note_kept_from(tmp_path, COMPOUNDED, SEEN_FROM)


# --- a document's own text saying it is not public (E102, W801, E700) ------------------------------------

STATED = {   # case → a body line in which the document says it is not public
    "the 附注": "（此件不予公开）",
    "the 附注 on request": "（此件依申请公开）",
    "the 附注 in half-width brackets": "(本件不公开)",
    "the 版记's option": "信息公开选项：依申请公开",
    "the 版记's way": "公开方式：不予公开",
    "a deferral": "（此件暂缓公开）",
    "a closed circle of readers, 公开 not named": "（此件仅供内部参阅）",
}
NOT_STATED = ["（此件公开发布）", "（此件主动公开）", "（此件发至县级）", "公开方式：主动公开", "公开方式：政府网站",
              "公开方式：主动公开与依申请公开相结合", "第五条 依申请公开的政府信息，按下列程序办理。",
              # public wordings other than the two above: the redacted text is the one published, a place, a rider
              "（此件删减后公开）", "信息公开选项：删减后公开", "（此件网上公开）", "（此件可公开）", "（此件公开发布，不得转载）"]


def test_a_document_saying_it_is_not_public_is_not_published(tmp_path):
    """A careless editor copies a document from Word whose 附注 (GB/T 9704) or 版记 says 此件不予公开 and writes no
    disclosure (主动公开 when absent): the check and the build published it. Each line is now E102 in both, naming
    the line and the fix; a document saying 此件公开发布, a channel, a sentence on disclosure are not refused."""
    from .sitekit import check
    source = policy(body="第一条 为规范登记，制定本办法。\n\n" + "\n\n".join([*STATED.values(), *NOT_STATED]) + "\n")
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source})
    lines = source.split("\n")
    expected = {lines.index(text) + 1 for text in STATED.values()}

    def refused(run) -> set[int]:
        return {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("content/policies/a.md:") and " E102 " in line}
    checked, built = check(root), build(root)
    assert refused(checked) == refused(built) == expected, (checked.output, built.output)
    assert [line for line in built.coded_lines() if " E102 " not in line] == [], built.output
    assert built.returncode != 0 and not (root / "site").exists()


def test_a_saved_page_saying_it_is_not_public_is_imported_as_withheld(tmp_path):
    """The old site's 公开属性 cell said 主动公开 (a CMS template's default) or nothing, while the document's own
    附注 or 版记 said 不予公开 or 依申请公开: the import took the page for public. Now the document's statement wins
    (withheld, its wording as the reason, a W801 decision); one saying 此件公开发布 stays public."""
    from .test_import import front_and_body
    from .test_redteam4 import SAVED
    cases = {**{case: (SAVED.format(hidden=f"<p>{line}</p>"), "依申请公开" if "依申请" in line else "不予公开")
                for case, line in STATED.items()},
             "no 公开属性 cell": (SAVED.format(hidden="<p>（此件不予公开）</p>").replace("<td>公开属性：</td><td>主动公开</td>", ""),
                                 "不予公开"),
             "此件公开发布": (SAVED.format(hidden="<p>（此件公开发布）</p>"), None)}
    root, imported = _imported(tmp_path, [page for page, _ in cases.values()])
    found = {case: front_and_body(root / imported[f"p{number}.html"]["target"])[0].get("disclosure")
             for number, case in enumerate(cases)}
    assert found == {case: disclosure for case, (_, disclosure) in cases.items()}


def test_a_unit_page_of_a_document_saying_it_is_not_public_is_refused(platform):
    """The compromised job's side: content/ holds a document whose 附注 says 此件不予公开 (its unit build refuses it,
    E102), and the job hands over its page anyway, sealed. The merge took the document for public and merged the
    page; it now counts as withheld (its page address, its body's text)."""
    from .test_merge_verifies import refused
    from .test_redteam4 import UNIT_PAGE
    source = platform / "content/jyj/guide/guide.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n（此件不予公开）\n", encoding="utf-8")
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ", "content/jyj/guide/guide.md")


# --- attachments that make the program opening them load from another host (E404, E700) ---------------------

HOST = "https://stat.example.invalid"


@deferred
def _office(kind: str, rels: dict[str, str] | None = None, body_xml: str = "") -> bytes:
    """A .docx (python-docx) or .xlsx (openpyxl) with extra relationships (part → <Relationship> elements) and, for a
    .docx, extra XML before the body's end: what Word writes for a picture pasted from a web page, a remote
    template, a link to another workbook."""
    import io
    import zipfile
    stream = io.BytesIO()
    if kind == "docx":
        from .attachmentkit import new_word_document
        document = new_word_document()
        document.add_paragraph("关于示例的通知正文。")
        document.save(stream)
    else:
        import openpyxl
        openpyxl.Workbook().save(stream)
    source, out = zipfile.ZipFile(io.BytesIO(stream.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        names = source.namelist()
        for name in names:
            data = source.read(name)
            if name in (rels or {}):
                data = data.replace(b"</Relationships>", rels[name].encode() + b"</Relationships>")
            if name == "word/document.xml" and body_xml:
                data = data.replace(b"<w:sectPr", body_xml.encode() + b"<w:sectPr", 1)
            package.writestr(name, data)
        for name, relationships in (rels or {}).items():
            if name not in names:
                package.writestr(name, '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                                 f'"http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>')
    return out.getvalue()


def _relationship(kind: str, target: str, mode: str = ' TargetMode="External"') -> str:
    return (f'<Relationship Id="rId{abs(hash(target)) % 10**6}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/{kind}" Target="{target}"{mode}/>')


def _field(*instruction: str) -> str:
    """A complex Word field, its instruction over several runs (as Word splits it)."""
    runs = "".join(f'<w:r><w:instrText xml:space="preserve">{part}</w:instrText></w:r>' for part in instruction)
    return (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>图</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


LOADING = {   # attachment → its bytes; each is refused
    "linked-picture.docx": _office("docx", {"word/_rels/document.xml.rels": _relationship("image", f"{HOST}/pixel.png")}),
    "pasted-from-a-page.docx": _office("docx", body_xml=_field(' INCLUDEPICTURE "', f'{HOST}/a.png', '" \\* MERGEFORMATINET ')),
    "remote-template.docx": _office("docx", {"word/_rels/settings.xml.rels": _relationship("attachedTemplate", f"{HOST}/t.dotm")}),
    "simple-field.docx": _office("docx", body_xml=f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{HOST}/x.docx&quot; "/></w:p>'),
    "network-share.xlsx": _office("xlsx", {"xl/_rels/workbook.xml.rels": _relationship(
        "externalLinkPath", "\\\\fileserver.example.invalid\\share\\名单.xlsx")}),
}
NOT_LOADING = {   # a hyperlink is a link: kept
    "a-hyperlink.docx": _office("docx", {"word/_rels/document.xml.rels": _relationship("hyperlink", f"{HOST}/page.html")},
                                _field(f' HYPERLINK "{HOST}/page.html" ')),
}


def test_an_attachment_loading_from_another_host_is_refused(tmp_path):
    """A .docx with a picture pasted from a web page (Word keeps the picture linked: INCLUDEPICTURE "http://…" or an
    external image relationship), a remote template, an INCLUDETEXT field, a workbook linked to a file on another
    machine's share: Word, WPS or Excel loads each by itself when a reader opens the attachment, so every reader
    tells that host (the promise the pages keep, E404). They were published with no line. Now E404 on the
    attachment's line in the check and the build, naming the part and the address; a hyperlink stays allowed."""
    from .sitekit import check
    attachments = {**LOADING, **NOT_LOADING}
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    checked, built = check(root), build(root)
    for run in (checked, built):
        refused = {name for name in attachments for line in run.coded_lines() if f" E404 附件“{name}”" in line}
        assert refused == set(LOADING), run.output
        assert [line for line in run.coded_lines() if " E404 " not in line] == [], run.output
    assert built.returncode != 0 and not (root / "site").exists()


def test_a_unit_attachment_loading_from_another_host_is_refused(reporting):
    """The compromised job's side: an attachment of its own output (listed and sealed) whose picture Word loads from
    another host. The merge read attachments for personal data only; it is now E700 naming the unit and the file
    (the merge of `reporting`, below: the attachment a file of its own beside the pages' cases)."""
    merge, _ = reporting
    merge.refused("build/units/jyj/jyj/guide/files/roster.docx:1: E700 ", "stat.example.invalid")


# --- a withheld document's attachment published under another name (E500) ---------------------------------

def test_a_copy_of_a_withheld_documents_attachment_is_not_published(tmp_path):
    """A careless editor attaches a copy of a 不予公开 document's list (its names and addresses hold no number the
    personal-data check reads) to a public notice, under another name — what E500's fix for attaching the same
    file said to do ("save a copy and attach that"). The check and the build published it; the merge refused the
    same copy on a platform (E700), so the guide's fix could never be deployed there. Now E500 on the attachment's
    line in both; a file of the same size and other bytes, and an empty one, are not refused."""
    from .sitekit import check, interpretation
    roster = "低保对象名册：张某某，东城街道示例路1号；李某某，东城街道示例路2号。\n"
    files = {**paired_policy(),
             "policies/secret.md": policy(index_no="T001/2024-00009", title="低保对象名册", disclosure="不予公开",
                                          reason="含个人隐私", attachments=[{"file": "files/roster.txt", "title": "名册"}]),
             "policies/files/roster.txt": roster, "policies/files/empty-a.txt": "",
             "policies/b.md": policy(index_no="T001/2024-00003", title="低保资金发放情况公示", attachments=[
                 {"file": "files/roster-copy.txt", "title": "名册"}, {"file": "files/same-size.txt", "title": "说明"},
                 {"file": "files/empty-b.txt", "title": "空白"}]),
             "policies/files/roster-copy.txt": roster, "policies/files/same-size.txt": roster.replace("张", "王"),
             "policies/files/empty-b.txt": "",
             "interpretations/b.md": interpretation(index_no="T001/2024-00004", interprets="T001/2024-00003")}
    files["policies/secret.md"] = files["policies/secret.md"].replace("  title: 名册\n", "  title: 名册\n- file: files/empty-a.txt\n  title: 空白\n")
    root = write_site(tmp_path, files)
    line = files["policies/b.md"].split("\n").index("- file: files/roster-copy.txt") + 1
    checked, built = check(root), build(root)
    for run in (checked, built):
        assert [line.split(" ", 2)[:2] for line in run.coded_lines()] == [[f"content/policies/b.md:{line}:", "E500"]], run.output
        assert "roster-copy.txt" in run.output and "content/policies/files/roster.txt" in run.output
    assert built.returncode != 0 and not (root / "site").exists()


# --- mkdocs.yml's values taken from the environment (E400) --------------------------------------------------

def test_a_printed_value_of_mkdocs_yml_taken_from_the_environment_is_read(tmp_path):
    """`site_description: !ENV [SITE_DESCRIPTION, '…']` is what MkDocs prints into every page's <meta> from the
    environment the build runs in (a CI variable). The check of mkdocs.yml's printed values read the tag as
    written, never the value: a mobile there was published on every page. Now read as MkDocs reads it; a check
    run before without the variable (its cache written) does not hide it."""
    from .sitekit import check
    root = write_site(tmp_path, paired_policy())
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_description: !ENV [RT14_DESCRIPTION, '示例说明']\n"
                      "site_author: !ENV RT14_AUTHOR\n", encoding="utf-8")
    lines = config.read_text(encoding="utf-8").split("\n")
    expected = {f"mkdocs.yml:{number}:" for number, line in enumerate(lines, start=1) if "!ENV" in line}
    assert check(root).coded_lines() == []
    env = {"RT14_DESCRIPTION": "联系人 13800138000", "RT14_AUTHOR": "经办人 13900139000"}
    checked, built = check(root, env=env), build(root, env=env)
    for run in (checked, built):
        assert {line.split(" ")[0] for line in run.coded_lines() if " E400 " in line} == expected, run.output
    assert built.returncode != 0 and not (root / "site").exists()


# --- the importer: a framework's hiding classes whose sheet was not saved with the page ---------------------

FRAMEWORK = {   # case → (<style> for the head, the body's part), in order: hidden ones, then SEEN_FROM_FRAMEWORK on
    **{f"class {name}": ("", f'<p class="{name}">{NOTE}</p>') for name in
       ("hidden", "d-none", "sr-only", "visually-hidden", "layui-hide", "invisible", "screen-reader-text", "hide")},
    "among other classes": ("", f'<div class="content layui-hide"><p>{NOTE}</p></div>'),
    # seen: kept
    "a responsive class": ("", f'<p class="hidden-xs">{NOTE}</p>'),
    "a collapsible panel": ("", f'<div class="collapse in"><p>{NOTE}</p></div>'),
    "a class holding the word": ("", f'<p class="note-hidden-title">{NOTE}</p>'),
}
SEEN_FROM_FRAMEWORK = "a responsive class"


def test_text_a_frameworks_class_hides_is_not_imported(tmp_path):
    """A CMS template hides its editor's notes with Bootstrap's d-none or Layui's layui-hide; the framework's sheet is
    linked from a CDN (never read: another site's) or not saved with the page ("HTML only"), so no rule the import
    read hid them, and the notes were imported though the old site's readers never saw them. One import, one page
    per case; responsive and interactive classes and a class merely containing the word keep the text."""
    assert_note_kept_from(tmp_path, FRAMEWORK, SEEN_FROM_FRAMEWORK)


# --- the merge: a unit page whose links or images report to another host (E700) ----------------------------

REPORTING = {   # case → what the compromised job writes into its page
    "a link's ping": '<a href="../index.html" ping="https://stat.example.invalid/p">首页</a>',
    "a ping among relative ones, in capitals": '<a href="../index.html" PING="/p //stat.example.invalid/p">首页</a>',
    "an image's attributionsrc": '<img src="../assets/images/favicon.png" attributionsrc="https://stat.example.invalid/r" alt="">',
}


@pytest.fixture(scope="module")
def reporting(merged_platform, tmp_path_factory):
    """Each case's markup in its own copy of the unit's guide page (batchkit.page_of_case), and an attachment whose
    picture Word loads from another host (jyj/guide/files/roster.docx), handed over and merged once; each case's copy."""
    from .batchkit import merged_once, page_of_case
    from .test_redteam4 import UNIT_PAGE
    pages: dict[str, str] = {}

    def changed(root) -> None:
        output = root / "build/units/jyj"
        for number, case in enumerate(REPORTING, start=1):
            pages[case] = page_of_case(output, UNIT_PAGE, number)
        (output / "jyj/guide/files").mkdir(exist_ok=True)
        (output / "jyj/guide/files/roster.docx").write_bytes(made(LOADING["linked-picture.docx"]))
        handed_over_changed(root, "jyj", {pages[case]: ("</main>", markup + '<a href="a.html" ping="p">甲</a></main>')
                                          for case, markup in REPORTING.items()})
    return merged_once(merged_platform, tmp_path_factory.mktemp("reporting"), changed), pages


@pytest.mark.parametrize("case", REPORTING)
def test_a_unit_page_reporting_to_another_host_is_refused(reporting, case):
    """Rounds before read every attribute that loads with the page (src, srcset, poster …): a link's `ping` (the
    browser POSTs to each address whenever the link is clicked) and Chrome's `attributionsrc` (a request to it when
    the image loads) were merged. Each is now E700 (E404 in a build's theme templates), a relative ping is not."""
    merge, pages = reporting
    merge.refused(f"build/units/jyj/{pages[case]}:1: E700 ", "stat.example.invalid")


# --- the importer: declarations that hide only together, written in different places ------------------------

TOGETHER = {   # case → (<style> for the head, the body's part), in order: hidden ones, then SEEN_TOGETHER on
    "a clipping class, a zero height in the style": (".c{overflow:hidden}", f'<div class="c" style="height:0"><p>{NOTE}</p></div>'),
    "a zero-height class, clipping in the style": (".c{height:0}", f'<div class="c" style="overflow:hidden"><p>{NOTE}</p></div>'),
    "two classes": (".c{overflow:hidden}.z{max-height:0}", f'<div class="c z"><p>{NOTE}</p></div>'),
    "a background class, a flat filter in the style": (".b{background:#fff}", f'<p class="b" style="filter:brightness(0)">{NOTE}</p>'),
    # seen: kept
    "a clearfix class": (".clearfix{overflow:hidden}", f'<div class="clearfix" style="height:auto"><p>{NOTE}</p></div>'),
    "a zero-height class, not clipped": (".z{height:0}", f'<div class="z"><p>{NOTE}</p></div>'),
    "a background class, a slight filter": (".b{background:#fff}", f'<p class="b" style="filter:brightness(0.9)">{NOTE}</p>'),
}
SEEN_TOGETHER = "a clearfix class"


def test_text_hidden_by_declarations_from_several_places_together_is_not_imported(tmp_path):
    """Each declaration was read where it was written: `overflow:hidden` from a class and `height:0` from the style
    attribute (or from a second class), or a white background from a class and `filter:brightness(0)` in the style,
    hide only together, and the note was imported. The colours' cascade (every source of each element, already
    merged there) now judges such combinations on what the element gets from all its sources."""
    assert_note_kept_from(tmp_path, TOGETHER, SEEN_TOGETHER)
