"""Round five of the adversarial review (issue 24): a careless or hostile editor with content/, mkdocs.yml,
catalogue.yaml and attachments; a compromised department CI job that seals its own build/units/<id>/; a
folder of saved pages handed to the importer. Round four's new fixes were attacked first (the style
allow-list, pictures and sound read for their metadata, invisible characters). Each test goes through the
real path (MkDocs build, `disclosure merge`, `disclosure import`) and failed on main before its fix.

Tried and held (no test added; the gate already refused it, or the attempt did not reach readers):
- styles: `<font color>` (no such tag allowed), CSS escapes (a backslash is refused), `!important` on a white
  colour, `rgb()` with percentages or spaces, `hsl()`, `currentColor`, system colours (Canvas), `#fffe`
  (an unknown colour is refused), `letter-spacing`, `clip-path`, `transform`, `font` shorthand (not on the
  list), a negative `letter-spacing`/`text-indent` (a "-" after a colon or blank), `line-height:0` (the text
  still shows), SVG and MathML (no such tags);
- characters: tag characters U+E0020…, the Mongolian vowel separator, the combining grapheme joiner, the soft
  hyphen and `&shy;`, U+2062, <wbr>/<bdi> between groups (all in the list already); `&#8203` without its
  semicolon before digits is one reference to a code point past Unicode (a browser shows U+FFFD, no join);
- numbers the importer reads: a hidden metadata table saying 主动公开 before the visible 不予公开 (a
  withholding statement wins whatever its order);
- the merge does not unpack a unit's .gz files (nothing to bomb), and the shipped nginx has no gzip_static
  (a sealed page.html.gz is never served for page.html).

A class hidden by a stylesheet the saved page links (p_files/*.css) was imported: linked stylesheets inside
the imported folder are now read with the same rule reader as <style> (tested below, with one outside it).

Not tried for lack of time: Office/PDF hidden parts (tracked changes, hidden sheets, OCG layers, XMP),
manifest names differing by Unicode normalisation or a trailing dot, duplicate JSON keys in unit.json.
"""

from __future__ import annotations

import struct

import pytest

from .batchkit import Cases, Imported, MergedCases, attaching_each, cases_site, imported_each, sealed_once
from .sitekit import build, paired_policy, policy, write_site

MOBILE = "13800138000"
ID = "110101199003077715"


def _refused(cases: Cases, case: str) -> bool:
    """The batch's build failed, with no traceback, and the case's own page has an E400 or E401."""
    run = cases.run
    return run.returncode != 0 and "Traceback" not in run.output and bool(
        cases.codes(case, "policies/a.md") & {"E400", "E401"})


def _bodies_built(root, bodies: dict[str, str]) -> Cases:
    """Each case's body in its own policies/a.md, all in one site, built once."""
    return cases_site(root, {case: {**paired_policy(), "policies/a.md": policy(body=body)}
                             for case, body in bodies.items()}).built()


# --- (a) an editor: styles the allow-list let through that still hide the text between two groups -----
# Round four allowed text and table properties with a readable colour, refusing `font-size:0`, negative
# lengths and comments by pattern. A font of a tenth of a pixel, one pixel or calc(0px) is no text a reader
# sees; calc() and friends write a negative length with no "-" after a blank or colon; a line through
# the text of the page's white, as thick as the text, paints it out; and a margin, padding or border wider
# than a screen pushes the text off its side.
HIDING_STYLES = {
    "a tenth of a pixel": "font-size:.1px",
    "one pixel": "font-size:1px",
    "an exponent": "font-size:1e-9em",
    "calc(0px)": "font-size:calc(0px)",
    "min()": "font-size:min(0px, 1em)",
    "a negative length through calc": "margin-right:calc(1em*-3)",
    "a white line through as thick as the text": "text-decoration:line-through #fff 2em",
    "a thick line through in the text's colour": "text-decoration:line-through 3em",
    "a margin pushing the text off the page": "margin-left:9999px",
    "padding as wide as the page": "padding-left:100%",
    "a border as wide as a screen": "border-left:5000px solid #000",
}


@pytest.fixture(scope="module")
def hiding_styles(tmp_path_factory) -> Cases:
    return _bodies_built(tmp_path_factory.mktemp("hiding-styles"), {
        case: f'第一条 说明。\n\n联系人 138<span style="{style}">备注</span>00138000，请联系。\n'
        for case, style in HIDING_STYLES.items()})


@pytest.mark.parametrize("case", HIDING_STYLES)
def test_a_style_that_hides_the_text_between_two_groups_is_refused(hiding_styles, case):
    assert _refused(hiding_styles, case), hiding_styles.run.output


def test_sizes_and_lines_of_ordinary_text_stay_allowed(tmp_path):
    body = ('第一条 说明。\n\n<span style="font-size:0.8em">注</span> <span style="font-size:12pt">正文</span> '
            '<span style="font-size:small">小字</span> <span style="font-size:90%">正文</span> '
            '<span style="text-decoration:underline">下划线</span> <span style="text-decoration:line-through red">删除</span>\n\n'
            '<p style="margin:0.5em 0;padding:4px;text-indent:2em;border-bottom:1px solid #333">段落</p>\n')
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)}))
    assert run.returncode == 0, run.output


# --- (a) an editor: characters a browser draws as nothing that the number scan still missed -----------
# The scan's list of format characters was the default-ignorable code points but two ranges: shorthand
# format controls (U+1BCA0…U+1BCA3) and the reserved U+FFF0…U+FFF8 (HarfBuzz draws both as nothing);
# the Hangul fillers were in that list, but are letters to Unicode and so kept as letters between the groups;
# a line separator (U+2028) broke the quick scan's run, a line break did not; and the braille blank (U+2800)
# is a character every font draws as a blank.
BLANKS = {"shorthand format control": "\U0001bca0", "reserved default-ignorable": "\ufff0", "braille blank": "\u2800",
          "Hangul filler": "\u3164", "halfwidth Hangul filler": "\uffa0", "Hangul choseong filler": "\u115f",
          "line separator": "\u2028"}


@pytest.fixture(scope="module")
def blanks(tmp_path_factory) -> Cases:
    return _bodies_built(tmp_path_factory.mktemp("blanks"), {
        case: f"第一条 说明。\n\n联系人 138{blank}0013{blank}8000，请联系。\n" for case, blank in BLANKS.items()})


@pytest.mark.parametrize("case", BLANKS)
def test_a_number_joined_by_another_invisible_character_is_refused(blanks, case):
    assert _refused(blanks, case), blanks.run.output


# --- (a) an editor's attachments: what a GIF, TIFF, WebP, MP3 or MP4 says of itself -----------------------
# Round four read the metadata of PNG and JPEG only; the other pictures, sound and video were known to be
# media and then not read at all: a GIF's comment, a TIFF's description (shown in the file's properties),
# a WebP's EXIF, an MP3's ID3 title (shown by every player) and an MP4's title atom were published unread.

def _gif(comment: str) -> bytes:
    text = comment.encode()
    return (b"GIF89a\x01\x00\x01\x00\x00\x00\x00" + b"!\xfe" + bytes([len(text)]) + text + b"\x00"
            + b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def _tiff(description: str) -> bytes:
    value = description.encode() + b"\x00"
    ifd = struct.pack("<H", 1) + struct.pack("<HHII", 270, 2, len(value), 26) + struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + value


def _webp(exif_text: str) -> bytes:
    exif = b"Exif\x00\x00" + _tiff(exif_text)
    chunks = b"VP8X" + struct.pack("<I", 10) + b"\x08" + b"\x00" * 9 + b"EXIF" + struct.pack("<I", len(exif)) + exif
    if len(exif) % 2:
        chunks += b"\x00"
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + chunks


def _mp3(title: str) -> bytes:
    text = b"\x01\xff\xfe" + title.encode("utf-16-le")   # UTF-16 with its BOM, as Windows writes it
    frame = b"TIT2" + struct.pack(">I", len(text)) + b"\x00\x00" + text
    size = len(frame)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + synchsafe + frame + b"\xff\xfb\x90\x00" + b"\x00" * 400


def _mp4(title: str) -> bytes:
    def atom(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body
    data = atom(b"data", b"\x00\x00\x00\x01\x00\x00\x00\x00" + title.encode())
    meta = atom(b"meta", b"\x00\x00\x00\x00" + atom(b"ilst", atom(b"\xa9nam", data)))
    return atom(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + atom(b"moov", atom(b"udta", meta))


MEDIA = {
    "a GIF's comment": ("现场.gif", _gif(f"ID {ID}")),
    "a TIFF's description": ("扫描件.tif", _tiff(f"Tel {MOBILE}")),
    "a WebP's EXIF": ("现场.webp", _webp(f"ID {ID}")),
    "an MP3's ID3 title": ("录音.mp3", _mp3(f"联系人 {MOBILE}")),
    "an MP4's title atom": ("讲解.mp4", _mp4(f"联系人 {MOBILE}")),
}


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("media"), attaching_each(MEDIA, "附件")).built()


@pytest.mark.parametrize("case", MEDIA)
def test_what_a_picture_or_recording_says_of_itself_is_read(media, case):
    run = media.run
    assert run.returncode != 0 and any(" E400 " in line and ("110101********7715" in line or "138****8000" in line)
                                       for line in media.lines(case, "policies/a.md")), run.output


def test_media_without_personal_data_are_published(tmp_path):
    names = {"a.gif": _gif("Made 2024-03-05"), "b.tif": _tiff("Scanner 600 dpi"), "c.webp": _webp("Camera"),
             "d.mp3": _mp3("第一次会议录音"), "e.mp4": _mp4("讲解视频 2024")}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{n}", "title": f"附件{i}"}
                                                                    for i, n in enumerate(names)]),
             **{f"policies/files/{n}": d for n, d in names.items()}}
    run = build(write_site(tmp_path, files))
    assert run.returncode == 0, run.output


# --- (c) a folder of saved pages: text the page hides other than by hidden or display:none -------------
# Round four dropped elements with `hidden`, `display:none` or `visibility:hidden` in their own style. A page
# hides as well with a comment inside the declaration, with visibility:collapse, a zero font or opacity, and
# most often through a class its own <style> hides (.bz{display:none}): all were imported as body text, and
# published by the next build as text every reader sees.
from .test_redteam4 import SAVED, assert_hidden_text_not_imported  # noqa: E402

HIDDEN_OTHERWISE = {
    "a comment in the declaration": '<p style="display:/* 注 */none">审核意见：拟对该仓库罚款三十万元</p>',
    "visibility:collapse": '<p style="visibility:collapse">审核意见：拟对该仓库罚款三十万元</p>',
    "a zero font": '<p style="font-size:0">审核意见：拟对该仓库罚款三十万元</p>',
    "opacity 0": '<p style="opacity:0.0">审核意见：拟对该仓库罚款三十万元</p>',
    "a class the page's <style> hides": '<style>.article .bz, .memo { display : none }</style><p class="bz">审核意见：拟对该仓库罚款三十万元</p>',
    "an id the page's <style> hides": '<style>#memo{visibility:hidden}</style><div id="memo"><p>审核意见：拟对该仓库罚款三十万元</p></div>',
}


@pytest.fixture(scope="module")
def hidden_otherwise(tmp_path_factory) -> Imported:
    return imported_each(tmp_path_factory.mktemp("hidden-otherwise"),
                         {case: SAVED.format(hidden=hidden) for case, hidden in HIDDEN_OTHERWISE.items()})


@pytest.mark.parametrize("case", HIDDEN_OTHERWISE)
def test_text_a_saved_page_hides_otherwise_is_not_imported(hidden_otherwise, case):
    """As `assert_hidden_text_not_imported`, for one page of an import of every case's page."""
    done = hidden_otherwise.run
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    front, body = hidden_otherwise.front_and_body(case)
    assert "逐项整改" in body and "罚款三十万元" not in body and "罚款三十万元" not in str(front), body


def test_a_saved_page_styling_its_text_keeps_it(tmp_path):
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    shown = ('<style>.bz{font-weight:bold} .nav{display:none} p:hover{opacity:0.5}</style>'
             '<p class="bz" style="font-size:16px;opacity:1">附件：检查记录表</p>')
    (tmp_path / "p.html").write_text(SAVED.format(hidden=shown), encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    front, body = front_and_body(root / report_of(root, "r.json")["pages"][0]["target"])
    assert "检查记录表" in body, body


# --- (b) a compromised department CI job: the same in what it seals -----------------------------------
# The merge reads a sealed page's styles and a sealed file's metadata with the same readers as the build.
from disclosure.platform.unit_manifest import seal_unit_manifest  # noqa: E402

from .test_merge_verifies import built, platform, refused  # noqa: E402,F401  (the fixtures)

UNIT_PAGE = "jyj/guide/guide/index.html"


SEALED_HIDING_STYLES = {"one pixel": "font-size:1px", "a white line through": "text-decoration:line-through #fff 2em",
                        "calc": "margin-right:calc(1em*-3)"}


@pytest.fixture(scope="module")
def sealed_hiding_styles(merged_platform, tmp_path_factory) -> tuple[MergedCases, dict[str, str]]:
    """Each style in its own copy of the unit's guide page (batchkit.page_of_case), sealed and merged once."""
    from .batchkit import merged_once, pages_with
    pages: dict[str, str] = {}

    def hidden(root) -> None:
        output = root / "build/units/jyj"
        pages.update(pages_with(output, UNIT_PAGE, {case: f'<p>联系人 138<span style="{style}">备注</span>00138000</p>'
                                                    for case, style in SEALED_HIDING_STYLES.items()}))
        seal_unit_manifest(output, "jyj")
    return merged_once(merged_platform, tmp_path_factory.mktemp("hiding-styles"), hidden), pages


@pytest.mark.parametrize("case", SEALED_HIDING_STYLES)
def test_a_sealed_page_hiding_text_between_two_groups_is_refused(sealed_hiding_styles, case):
    merge, pages = sealed_hiding_styles
    merge.refused(f"build/units/jyj/{pages[case]}:1: E700 ")


SEALED_MEDIA = {"a GIF's comment": ("jyj/fees/fees/现场.gif", _gif(f"ID {ID}")),
                "an MP3's ID3 title": ("jyj/fees/fees/录音.mp3", _mp3(f"联系人 {MOBILE}"))}


@pytest.fixture(scope="module")
def sealed_media(merged_platform, tmp_path_factory) -> MergedCases:
    """Every case's file (each of its own name) sealed into the unit's output, merged once."""
    return sealed_once(merged_platform, tmp_path_factory.mktemp("sealed-media"), "jyj", dict(SEALED_MEDIA.values()))


@pytest.mark.parametrize("case", SEALED_MEDIA)
def test_a_sealed_recording_or_picture_naming_a_person_is_refused(sealed_media, case):
    name, _ = SEALED_MEDIA[case]
    sealed_media.refused(f"build/units/jyj/{name}:1: E700 ")


def test_a_saved_page_with_more_hiding_rules_than_can_be_matched_in_time_is_not_imported(tmp_path):
    """Each rule that hides walks the page: thousands of them on a large page took minutes. Past the limit
    the page is not imported, with a line saying why."""
    from .test_import import CMS_CATALOGUE, TABLES, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    rules = "".join(f".c{i}{{display:none}}" for i in range(2000))
    (tmp_path / "p.html").write_text(SAVED.format(hidden=f"<style>{rules}</style>" + "<p>正文段落</p>" * 5000), encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    report = report_of(root, "r.json")
    assert "Traceback" not in done.stderr and "1 个未导入" in done.stdout + done.stderr, done.stdout + done.stderr
    assert "隐藏内容的规则" in str(report) and "正文段落" not in str(report), report


def test_text_a_saved_pages_linked_stylesheet_hides_is_not_imported(tmp_path):
    assert_hidden_text_not_imported(tmp_path, '<p class="bz">审核意见：拟对该仓库罚款三十万元</p>',
                                    head='<link rel="stylesheet" href="p_files/s.css">',
                                    files={"p_files/s.css": ".bz{display:none}"})


def test_a_stylesheet_outside_the_imported_folder_is_never_read(tmp_path):
    """`../s.css` (a file of the machine outside the folder) is not the saved page's: it hides nothing and is not read."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "s.css").write_text(".article{display:none}", encoding="utf-8")
    (tmp_path / "saved").mkdir()
    page = SAVED.format(hidden="").replace("<title>", '<link rel="stylesheet" href="../s.css"><title>', 1)
    (tmp_path / "saved/p.html").write_text(page, encoding="utf-8")
    done = run_import(root, str(tmp_path / "saved"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    _, body = front_and_body(root / report_of(root, "r.json")["pages"][0]["target"])
    assert "逐项整改" in body, body


def test_a_page_linking_more_stylesheets_than_can_be_read_is_not_imported(tmp_path):
    from disclosure.importer.htmlpage import STYLESHEETS_MAX

    from .test_import import CMS_CATALOGUE, TABLES, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    links = "".join(f'<link rel="stylesheet" href="p_files/{i}.css">' for i in range(STYLESHEETS_MAX + 1))
    (tmp_path / "p.html").write_text(SAVED.format(hidden="").replace("<title>", links + "<title>", 1), encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert "Traceback" not in done.stderr and "1 个未导入" in done.stdout + done.stderr, done.stdout + done.stderr
    assert "样式表" in str(report_of(root, "r.json")), report_of(root, "r.json")
