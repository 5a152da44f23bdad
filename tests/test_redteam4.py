"""Round four of the adversarial review (issue 24): a careless or hostile editor with content/, mkdocs.yml,
catalogue.yaml and attachments; a compromised department CI job that seals its own build/units/<id>/; a
folder of saved pages handed to the importer. Each test goes through the real path (MkDocs build,
`disclosure check`, `disclosure merge`, `disclosure import`) and failed on main before its fix.

Tried and held (no test added; the gate already refused it, or the attempt did not reach readers):
- Unicode digits and forms the scan already read: fullwidth, Arabic-Indic, mathematical bold digits,
  superscripts, an ID with a fullwidth or lower-case X, NBSP/ideographic spaces/dots between the 6-8-4
  groups, +86/0086 prefixes, numeric references with their semicolon (&#49;), HTML comments and
  <ruby>/<tt> between digits (E401), <time> between groups (rendered page, E400);
- a 不予公开/依申请公开 document named from a public one: `interprets`/`superseded_by` to it (E200), a
  Markdown, reference, HTML or %-escaped link or image to it or to its attachment, with a query (E500),
  a public attachment list naming its file (E500); its title, reason or summary holding an ID number or a
  mobile (E400 on its own file, though it is listed only by title); its title in the category's
  "不主动公开的信息" table is by design (editor's guide, 八);
- mkdocs.yml: an ID or mobile in a nav title (also split by direction marks, now), copyright with a
  character reference, a social link's name, toc's title, permalink and permalink_title (E400 on the line);
- attachments: a .gz, .tar or .7z (E111 / W400), an unknown extension holding a list (E400 and E111);
- deep nesting: 20,000 ">" (E109); 3,000 nested list items (refused at once); a 20,000-column table row and 20,000 footnote
  references render in seconds (linear);
- import: 公开属性 written with a zero-width space, an entity, fullwidth spaces, split by <span>, in
  traditional characters, 主动公开 with a hidden 不予公开 after it, 主动公开（部分内容不予公开）: all
  imported as withheld; <noscript>, <textarea> and comments never reach the body;
- unit ids differ only by case: ids are lower-case only (E102), so no case collision on a Windows/IIS copy.

A withheld document's body text written by a compromised unit job into another page or search row of the
unit was merged: now refused by runs of its paragraphs (text/runs.py), boilerplate a public source
shares excepted (tested below). Not tried: unit file names differing only by Unicode normalisation.
"""

from __future__ import annotations

import pytest

from .batchkit import Cases, cases_site, policies_saying
from .sitekit import build, paired_policy, policy, write_site

MOBILE = "13800138000"
ID = "110101199003077715"


def _groups(number: str, between: str) -> str:
    """138·0013·8000 (an ID 110101·19900307·7715) with `between` at each dot."""
    sizes = (3, 4, 4) if len(number) == 11 else (6, 8, 4)
    first, second = sizes[0], sizes[0] + sizes[1]
    return between.join((number[:first], number[first:second], number[second:]))


# --- (a) an editor: digits a browser shows as one number, joined by what it draws as nothing ----------
# The scan took zero-width spaces and joiners, the soft hyphen and U+2060 for nothing, but not the
# other characters a browser draws as nothing: direction marks and isolates, invisible operators,
# variation selectors (an emoji keycap 1️⃣ is a digit, U+FE0F and U+20E3); entities longer than eight
# letters (&ZeroWidthSpace;) and references without their semicolon (&#49, &nbsp) were not read either.
# And the rendered page's text took an <img> (a tiny picture between the groups) for a block.
INVISIBLE = {
    "left-to-right marks": _groups(MOBILE, "\u200e"),
    "direction isolates": "138\u20660013\u20698000",
    "an embedding": "\u202a138\u202c0013\u202a8000\u202c",
    "invisible separators": _groups(ID, "\u2063"),
    "emoji keycaps": "".join(digit + "\ufe0f\u20e3" for digit in MOBILE),
    "variation selectors of the supplement": "".join(digit + "\U000e0100" for digit in MOBILE),
    "Arabic letter mark": _groups(MOBILE, "\u061c"),
    "a long entity name": _groups(MOBILE, "&ZeroWidthSpace;"),
    "an entity without its semicolon": _groups(MOBILE, "&nbsp"),
    "character references without semicolons": "<span>" + "".join(f"&#{ord(d)}" for d in ID) + "</span>",
    "a picture between the groups": _groups(MOBILE, '<img src="files/dot.png" alt="">'),
    "a Markdown picture between the groups": _groups(MOBILE, "![](files/dot.png)"),
}

DOT = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture(scope="module")
def invisible(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("invisible"), {
        key: {**paired_policy(), "policies/a.md": policy(body=f"第一条 说明。\n\n联系人 {written}，请联系。\n"),
              "policies/files/dot.png": DOT} for key, written in INVISIBLE.items()}).built()


@pytest.mark.parametrize("case", INVISIBLE)
def test_a_number_joined_by_what_a_browser_draws_as_nothing_is_refused(invisible, case):
    assert invisible.run.returncode != 0 and "Traceback" not in invisible.run.output, invisible.run.output
    assert " E400 " in " ".join(invisible.lines(case, "policies/a.md")), invisible.run.output


def test_direction_marks_and_pictures_in_ordinary_text_pass(tmp_path):
    """Figures of a table row with a picture between, a direction mark in a date: no personal data."""
    body = ("第一条 说明。\n\n2024\u200e年 138 户，0013 批 ![](files/dot.png) 8000 元。\n\n"
            "备案号 京ICP备\u200e12345678号，图 ![](files/dot.png) 示。\n")
    files = {**paired_policy(), "policies/a.md": policy(body=body), "policies/files/dot.png": DOT}
    run = build(write_site(tmp_path, files))
    assert run.returncode == 0, run.output


# --- (a) an editor: right-to-left text, and styles that move text, show groups in another order ------
# The scans read a text in the order it is written; a browser shows right-to-left runs reversed: an
# override (U+202E) reverses the digits, a right-to-left mark or letter or dir="rtl" the order of the
# groups, and CSS (unicode-bidi, flex order, float, position) moves or hides what sits between them.
REORDERED = {
    "an override": f"\u202e{MOBILE[::-1]}\u202c",
    "an override as a reference": f"&#x202E;{ID[::-1]}&#x202C;",
    "right-to-left marks": "\u200f8000 \u200f0013 \u200f138",
    "right-to-left marks as entities": "&rlm;8000 &rlm;0013 &rlm;138",
    "dir=rtl": '<span dir="rtl">8000 0013 138</span>',
    "dir=rtl through attr_list": "8000 0013 138\n{: dir=\"rtl\" }",
    "a bidi override style": f'<span style="unicode-bidi:bidi-override;direction:rtl">{MOBILE[::-1]}</span>',
    "flex order": '<span style="display:inline-flex"><span style="order:2">8000</span><span style="order:1">138 0013</span></span>',
    "text moved off the page": '138<span style="position:absolute;left:-9999px">备注</span>00138000',
    "text behind a comment in a style": '138<span style="font-size:/**/0">备注</span>00138000',
    "transparent text": '138<span style="color:transparent">备注</span>00138000',
    "white text": '138<span style="color:#FFF">备注</span>00138000',
    "black text on black": '138<span style="background-color:black">备注</span>00138000',
}


@pytest.fixture(scope="module")
def reordered(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("reordered"), {
        key: {**paired_policy(), "policies/a.md": policy(body=f"第一条 说明。\n\n联系人\n\n{written}\n\n请联系。\n")}
        for key, written in REORDERED.items()}, mkdocs_extra={"markdown_extensions": ["tables", "attr_list"]}).built()


@pytest.mark.parametrize("case", REORDERED)
def test_a_number_shown_in_another_order_than_written_is_refused(reordered, case):
    assert reordered.run.returncode != 0 and "Traceback" not in reordered.run.output, reordered.run.output
    assert reordered.codes(case, "policies/a.md") & {"E400", "E401"}, reordered.run.output


def test_styles_of_text_and_tables_stay_allowed(tmp_path):
    body = ('第一条 说明。\n\n<p style="text-align:center;font-weight:bold">标题</p>\n\n'
            '<span style="color:#c00; font-size: 16px; text-indent: 2em">正文</span>\n\n'
            '<table style="border-collapse:collapse;width:100%"><tr><td style="border:1px solid #000;padding:4px">'
            '138</td><td>0013</td></tr></table>\n')
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)}))
    assert run.returncode == 0, run.output


# --- (b) a compromised department CI job: the same reorderings in a page it seals ----------------------
# The merge reads a sealed page's text and attributes for personal data in the order written, and its
# frame check looked at a style only for url(): a page showing 138 0013 8000 written 8000 0013 138 merged.

from disclosure.platform.unit_manifest import seal_unit_manifest  # noqa: E402

from .test_merge_verifies import built, platform, refused  # noqa: E402,F401  (the fixtures)

UNIT_PAGE = "jyj/guide/guide/index.html"
UNIT_REORDERED = {
    "dir=rtl": '<p dir="rtl">8000 0013 138</p>',
    "flex order": '<p style="display:flex;flex-direction:row-reverse"><span>8000</span><span>0013</span><span>138</span></p>',
    "an override": f"<p>\u202e{ID[::-1]}\u202c</p>",
    "right-to-left marks": "<p>&rlm;8000 &rlm;0013 &rlm;138</p>",
}


@pytest.fixture(scope="module")
def sealed_reordered(merged_platform, tmp_path_factory):
    """Each case's reordering in its own copy of the unit's guide page (batchkit.page_of_case), sealed and merged once;
    each case's copy."""
    from .batchkit import merged_once, pages_with
    pages: dict[str, str] = {}

    def reordered(root) -> None:
        output = root / "build/units/jyj"
        pages.update(pages_with(output, UNIT_PAGE, UNIT_REORDERED))
        seal_unit_manifest(output, "jyj")   # the compromised job seals what it wrote
    return merged_once(merged_platform, tmp_path_factory.mktemp("sealed-reordered"), reordered), pages


@pytest.mark.parametrize("case", UNIT_REORDERED)
def test_a_sealed_page_showing_a_number_in_another_order_is_refused(sealed_reordered, case):
    merge, pages = sealed_reordered
    merge.refused(f"build/units/jyj/{pages[case]}:1: E700 ")


# --- (c) a folder of saved pages: text the page hid from its readers ----------------------------------
# The importer dropped comments, scripts and <noscript>, but took in as body text what a browser never
# shows: a <template> (a CMS keeps drafts there), <![CDATA[…]]> (a comment to an HTML parser), and
# elements marked hidden or display:none (a reviewer's note). The next build published them.

SAVED = """<html><head><meta charset="utf-8"><title>关于示例仓库检查情况的通报</title></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>EX0001/2025-00600</td><td>公开属性：</td><td>主动公开</td></tr>
<tr><td>发布日期：</td><td>2025-03-01</td><td>成文日期：</td><td>2025-02-26</td></tr></table>
<div class="article"><p>各有关单位：</p><p>现将示例仓库检查中发现的问题通报如下，请逐项整改。</p>
<p>一是消防通道堆放杂物；二是值班记录不全。</p>{hidden}</div></body></html>
"""
HIDDEN_IN_PAGE = {
    "template": "<template><p>审核意见：拟对该仓库罚款三十万元</p></template>",
    "CDATA": "<![CDATA[审核意见：拟对该仓库罚款三十万元]]>",
    "hidden attribute": "<div hidden><p>审核意见：拟对该仓库罚款三十万元</p></div>",
    "display:none": '<p style="color:red; display: none">审核意见：拟对该仓库罚款三十万元</p>',
    "visibility:hidden": '<span style="visibility:hidden">审核意见：拟对该仓库罚款三十万元</span>',
}


@pytest.mark.parametrize("hidden", HIDDEN_IN_PAGE.values(), ids=HIDDEN_IN_PAGE.keys())
def test_text_a_saved_page_hides_is_not_imported(tmp_path, hidden):
    assert_hidden_text_not_imported(tmp_path, hidden)


def assert_hidden_text_not_imported(tmp_path, hidden: str, head: str = "", files: dict[str, str] | None = None) -> None:
    """The saved page with `hidden` in its body (and `head` before its <title>, `files` saved beside it)
    imports its visible text and not the hidden note."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "p.html").write_text(SAVED.format(hidden=hidden).replace("<title>", head + "<title>", 1), encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    front, body = front_and_body(root / report_of(root, "r.json")["pages"][0]["target"])
    assert "逐项整改" in body and "罚款三十万元" not in body and "罚款三十万元" not in str(front), body


# --- (a) an editor's attachments: a picture or a video that is not one, and what a photo says of itself -----
# Files named as pictures, sound or video were not opened at all: a list renamed 名单.png (any program
# opens it as what it is), a zip named .jpg, a PDF named .mp4 were published unread; and a photo's own
# text (a PNG's description, a JPEG's comment or EXIF, shown in the file's properties) was never read.

def _png_with_text(text: str, compressed: bool = False) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    body = b"Comment\x00\x00" + zlib.compress(text.encode()) if compressed else b"Comment\x00" + text.encode("latin-1")
    return DOT[:33] + chunk(b"zTXt" if compressed else b"tEXt", body) + DOT[33:]


def _jpeg_with_exif_comment(text: str) -> bytes:
    """A JPEG whose EXIF holds an XPComment (Windows' 备注 in the file's properties: UTF-16)."""
    import struct
    value = text.encode("utf-16-le") + b"\x00\x00"
    ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0x9C9C, 1, len(value), 26) + struct.pack("<I", 0)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd + value
    app1 = b"Exif\x00\x00" + tiff
    return b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + b"\xff\xda\x00\x02\xff\xd9"


def _attached(name: str, data: bytes) -> dict:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
            f"policies/files/{name}": data}


PICTURES = {
    "a list named .png": _attached("名单.png", f"姓名,身份证号\n张三,{ID}\n".encode()),
    "a zip named .jpg": _attached("材料.jpg", __import__("tests.attachmentkit", fromlist=["archive"]).archive(
        {"名单.csv": f"张三,{ID}\n"})),
    "a PDF named .mp4": _attached("讲解.mp4", __import__("tests.attachmentkit", fromlist=["pdf"]).pdf([["Notice", f"ID {ID}"]])),
    "a PNG's description": _attached("现场.png", _png_with_text(f"ID {ID}")),
    "a PNG's compressed description": _attached("现场.png", _png_with_text(f"Tel {MOBILE}", compressed=True)),
    "a JPEG's EXIF comment": _attached("现场.jpg", _jpeg_with_exif_comment(f"联系人 {MOBILE}")),
    "a picture inside a Word file": _attached("说明.docx", __import__("tests.attachmentkit", fromlist=["rezip"]).rezip(
        __import__("tests.attachmentkit", fromlist=["word"]).word(["现场照片见下。"]),
        {"word/media/image9.png": _png_with_text(f"Tel {MOBILE}", compressed=True)})),
    "a list named .png inside a zip": _attached("材料.zip", __import__("tests.attachmentkit", fromlist=["archive"]).archive(
        {"现场.png": f"姓名,身份证号\n张三,{ID}\n"})),
    "a photo shown in the body only": {**paired_policy(), "policies/files/现场.jpg": _jpeg_with_exif_comment(f"联系人 {MOBILE}"),
                                       "policies/a.md": policy(body="第一条 说明。\n\n![现场](files/现场.jpg)\n")},
}


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("pictures"), PICTURES).built()


@pytest.mark.parametrize("case", PICTURES)
def test_a_picture_that_is_not_one_or_that_names_a_person_is_refused(pictures, case):
    run = pictures.run
    assert run.returncode != 0 and "Traceback" not in run.output, run.output
    assert any(" E400 " in line and ("110101********7715" in line or "138****8000" in line)
               for line in pictures.lines(case, "policies/a.md")), run.output


def test_a_real_picture_without_personal_data_is_published(tmp_path):
    files = _attached("现场.png", _png_with_text("Created with a camera 2024-03-05"))
    files["policies/a.md"] = files["policies/a.md"].replace("制定本办法。", "制定本办法。\n\n![现场](files/b.jpg)")
    run = build(write_site(tmp_path, {**files, "policies/files/b.jpg": _jpeg_with_exif_comment("现场照片")}))
    assert run.returncode == 0, run.output


# --- (a) an editor: a body Markdown takes minutes to render ------------------------------------------
# E109 counted brackets, backticks, nesting and heading length; each `*`, `_` or tag Markdown acts on also
# makes it copy the rest of the paragraph: 25,000 "*" and 25,000 "_" took 24 s of CPU, 10,000 nested
# <span> 5 s, quadratic (a megabyte is most of an hour); the check passed them.

INLINE_MARKS = {"emphasis marks": "*" * 30000 + "正文" + "_" * 30000, "nested tags": "<span>" * 12000 + "正文" + "</span>" * 12000}


@pytest.fixture(scope="module")
def inline_marks(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("inline-marks"), policies_saying(INLINE_MARKS)).checked()


@pytest.mark.parametrize("case", INLINE_MARKS)
def test_a_paragraph_of_inline_marks_beyond_what_markdown_renders_in_time_is_e109(inline_marks, case):
    where = inline_marks.path(case, "policies/a.md") + ":12: E109 "
    assert any(line.startswith(where) for line in inline_marks.lines(case, "policies/a.md")), inline_marks.run.output[-500:]


def test_a_long_table_with_bold_cells_stays_allowed(tmp_path):
    """Markdown works on a table cell by cell: 1,500 rows with a bold name each are no long paragraph."""
    from .sitekit import check
    rows = "\n".join(f"| **名称{i}** | 说明文字说明文字说明文字说明文字说明文字 |" for i in range(1500))
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=f"第一条 说明。\n\n| 名称 | 说明 |\n|---|---|\n{rows}\n")},
                      mkdocs_extra={"markdown_extensions": ["tables", "attr_list"]})
    run = check(root)
    assert " E109 " not in run.output, run.output[-500:]


SEALED_PICTURES = {"a list named .png": ("jyj/fees/fees/现场.png", f"姓名,身份证号\n张三,{ID}\n".encode()),
                   "a JPEG's EXIF comment": ("jyj/fees/fees/现场.jpg", _jpeg_with_exif_comment(f"联系人 {MOBILE}"))}


@pytest.fixture(scope="module")
def sealed_pictures(merged_platform, tmp_path_factory):
    """Every case's picture (a file of its own) sealed into the unit's output, merged once."""
    from .batchkit import sealed_once
    return sealed_once(merged_platform, tmp_path_factory.mktemp("sealed-pictures"), "jyj", dict(SEALED_PICTURES.values()))


@pytest.mark.parametrize("case", SEALED_PICTURES)
def test_a_sealed_picture_that_is_not_one_or_names_a_person_is_refused(sealed_pictures, case):
    name, _ = SEALED_PICTURES[case]
    sealed_pictures.refused(f"build/units/jyj/{name}:1: E700 ")


def test_a_withheld_documents_body_copied_into_a_sealed_page_is_refused(platform):
    from .test_redteam3 import _withheld_in_content
    _withheld_in_content(platform)
    secret = platform / "content/jyj/fees/secret.md"
    secret.write_text(secret.read_text(encoding="utf-8") + "\n经测算，拟将示例学校的住宿费上调百分之四十，暂不对外公布。\n",
                      encoding="utf-8")
    page = platform / "build/units/jyj" / UNIT_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", "<p>经测算，拟将示例学校的住宿费上调百分之四十，暂不对外公布。</p></main>", 1), encoding="utf-8")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ")


SECRET = "经测算，拟将示例学校的住宿费上调百分之四十，暂不对外公布。"
SEARCH_ROWS = "search/units/jyj/d/0.json"


def _withheld_body(platform, body: str = SECRET) -> None:
    from .test_redteam3 import _withheld_in_content
    _withheld_in_content(platform)
    secret = platform / "content/jyj/fees/secret.md"
    secret.write_text(secret.read_text(encoding="utf-8") + f"\n{body}\n", encoding="utf-8")


def _sealed(platform, path: str, old: str, new: str) -> None:
    file = platform / "build/units/jyj" / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")


COPIED = {
    "split by tags and entities inside a longer paragraph":
        (UNIT_PAGE, "</main>", "<p>另外，经测<b>算</b>，拟将示例学校的住宿费上调百分&#x4E4B;四十，暂不对外&nbsp;公布。</p></main>"),
    "an attribute value": (UNIT_PAGE, "</main>", f'<img src="x.png" alt="{SECRET}"></main>'),
    "a search row, escaped": (SEARCH_ROWS, '"正文。"', '"' + "".join(f"\\u{ord(c):04x}" for c in SECRET) + '"'),
    "a feed's escaped HTML with a character reference":
        ("jyj/fees/feed.xml", "</summary>", "&lt;p&gt;" + SECRET.replace("之", "&amp;#x4E4B;") + "&lt;/p&gt;</summary>"),
}


@pytest.fixture(scope="module")
def copied(merged_platform, tmp_path_factory):
    """The withheld body in content/ and every case's copy of it, each in a file of its own (a page's case in its own
    copy of the unit's guide page, batchkit.page_of_case), sealed and merged once; each case's file."""
    from .batchkit import merged_once, page_of_case
    paths: dict[str, str] = {}

    def changed(root) -> None:
        _withheld_body(root)
        output = root / "build/units/jyj"
        for number, (case, (path, old, new)) in enumerate(COPIED.items(), start=1):
            paths[case] = page_of_case(output, path, number) if path == UNIT_PAGE else path
            file = output / paths[case]
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        seal_unit_manifest(output, "jyj")
    return merged_once(merged_platform, tmp_path_factory.mktemp("copied"), changed), paths


@pytest.mark.parametrize("case", COPIED)
def test_a_withheld_body_copied_in_another_form_is_refused(copied, case):
    merge, paths = copied
    merge.refused(f"build/units/jyj/{paths[case]}:1: E700 ", "content/jyj/fees/secret.md")


def test_a_withheld_bodys_paragraph_that_a_public_document_also_holds_is_no_copy(platform):
    """Boilerplate: a withheld body repeats a paragraph of a public document, whose page shows it."""
    from .test_merge_verifies import built_from_content, disclosure
    _withheld_body(platform, f"第一段。\n\n{SECRET}\n\n第三段不同的内容，说明测算方法和依据，仅供内部研究使用。")
    public = platform / "content/jyj/guide/guide.md"
    public.write_text(public.read_text(encoding="utf-8") + f"\n{SECRET}\n", encoding="utf-8")
    _sealed(platform, UNIT_PAGE, "</main>", f"<p>{SECRET}</p></main>")
    built_from_content(platform, "jyj")
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_withheld_body_in_a_sealed_gzip_file_is_refused(platform):
    import gzip
    _withheld_body(platform)
    name = "jyj/fees/fees/数据.csv.gz"
    (platform / "build/units/jyj" / name).write_bytes(gzip.compress(f"说明\n{SECRET}\n".encode("utf-8")))
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{name}:1: E700 ", "content/jyj/fees/secret.md")
