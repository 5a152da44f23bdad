"""Round twenty-eight (b) of the adversarial review (issue 24): the hostile editor and the compromised department CI
job against rounds 26–27's code — mkdocs.yml as every command reads it (content/host_settings.py, INHERIT), the
allow-list the check and the build share (text/allow_list.py), the merge's trust of what a unit hands over. Each
test goes through the real command and failed on main (f06fb9d) before its fix.

Fixed —
- (rules/files.py `host_extension_diagnostics`, content/yamlsource.py `MAX_INHERIT`) every reader of the settings
  followed INHERIT five files deep and dropped the sixth's INHERIT; MkDocs follows any chain. A seventh file's
  `hooks:` (an on_post_build writing into site/) ran in `mkdocs build --strict` after `disclosure check` passed, exit 0
  both; a loop of two files ended MkDocs in a RecursionError. E406 on the INHERIT line that goes deeper, in check,
  build and merge (which reads the same diagnostics before any unit build).
- (rules/files.py `_extension_entries`) mkdocs.yml's markdown_extensions written as a mapping of names to options
  (MkDocs takes it as it takes a list) was read as no list: `{pymdownx.snippets: {auto_append: [w.md]}}` appended a
  不予公开 notice's body to every public page, exit 0 in check and strict build (the same for any extension the gate
  refuses, and pymdownx.emoji's remote pictures). Each entry is read in both forms now (E406, E404).
- (rules/files.py `_withheld_file_copy`, `Withheld`) a withheld document's attachment (a scanned list, any picture)
  saved again in the theme folder (overrides/assets/images/banner.png): MkDocs copies the theme folder's files into
  site/; check and strict build exit 0 and the picture was published. content/ refused the same copy under another
  name (E500, by its bytes) and the merge does (withheld digests); round 27a looked in the theme folder for withheld
  text only, and a picture has none. E500 on the theme file, in check and build.
- (rules/rendered.py `style_sheet_text`, rules/files.py) a style sheet of the theme folder writing text into every
  page: `.md-typeset td::before { content: "1380013" }` before a cell holding 8000 shows 13800138000, in no file's
  source (the sheet was read for remote addresses and for personal data whole: 1380013 is none). E401 for a content,
  quotes or list-style declaration holding a string or a counter (escapes read by tinycss2), in check and build.
- (text/font_sizes.py, text/markup.py, rules/rendered.py) text shrunk out of sight by nesting: twenty <small>s, seven
  `font-size:50%` (or 0.5em) spans, fourteen <sub>s around two characters between 1380013 and 8000. Each element
  alone passes the allow-list's font rule (about 8 px at least), the browser multiplies them: Chromium showed
  "联系电话 13800138000。" while every scan read 1380013某某8000; check and strict build exit 0. E401 on the outermost
  element that ends under 8 px, in check (raw HTML of the source), build (the rendered body) and merge (a unit's
  page: a compromised job writes the page itself).
- (content/disclosure_statements.py `_CLASSIFIED`, `_SPACED_MARK`) round 27c's 密级 mark read its 保密期限 as Arabic
  years or months and 长期 only, after ★ ☆ * ＊: a document opening 机密★十年, 秘密★1年6个月, 秘密★2030年12月31日 (a 解密时间,
  which the 条例 allows in place of a period), 秘密✩1年, and a 密级 spaced as a two-character word in a 版头 (机　密★10年,
  秘　密: no closed circle's word to the quick look at a line) was published with exit 0 in check and build. E102 now.
- (rules/files.py `host_setting_diagnostics`, content/host_settings.py) mkdocs.yml's theme other than material
  (`name: mkdocs`, `theme: readthedocs`, or none: MkDocs' default): the check passed, the build refused it with eight
  E401 lines on mkdocs.yml:1 naming the theme's inline scripts. E406 on the theme line in check, build and merge; a
  theme written as a plain name (`theme: material`) is read as MkDocs reads it.
- (text/allow_list.py `_keyword`) a list's marker written as a string: `<li style="list-style-type: '1380013'">8000`
  (raw HTML or an attribute list) shows 13800138000 in Chromium (the marker before the item), while the scans read the
  style as no text and 1380013'">8000 as no number; check and build exit 0. list-style-type takes a keyword only now
  (decimal, cjk-ideographic, none …: what the importer writes), in check and build (E401). So does vertical-align:
  `1380013<span style="vertical-align:9999px">某某</span>8000` lifted the middle a screen's height away and left the
  number's two parts side by side on the line.
- (text/allow_list.py `refused_class`) a theme class that hides what it holds, named in raw HTML or an attribute
  list: `1380013<span class="md-header__source">某某</span>8000` (or md-toggle, md-consent__settings, md-clipboard …,
  this project's dc-sr-only, Material's headerlink) showed 13800138000 in Chromium while every scan read
  1380013某某8000; check and build exit 0. Material's classes (md-…, its buttons aside), this project's hiding ones
  and Material's few others are E401 in check and build; the merge refuses the first two in a unit page's body
  (E700: a compromised job writes its pages itself).

Held (tried through check and a strict build, or read) —
- `disclosure report --output` into content/, docs_dir, site/, build/, the theme folder, through a symlink, or the
  build's and the merge's staging folders (site.building, site.merging: removed before either writes): refused or
  never published. An absolute, `./`-prefixed or slash-ended docs_dir reads the same folder in check and build.
- pymdownx.critic in accept mode (`1380013{--某某--}8000`): the build refuses it (E600, E400); the check passes (see Left).
- `<ol start="13800138000">`, `<li value=…>`, `{: value=… }`: E400 (attribute values are read with the text).
- `extra_javascript: [notices/files/readme.txt]` (a public attachment as a script): E401 in check and build (no .js;
  the shipped servers send nosniff). `theme.custom_dir` pointing into content/: every document and attachment there is E111 as a theme file.
- the merge: a unit page whose nesting shrinks text (fixed above), its 404 page and feeds go through the same page
  reading; a withheld attachment's bytes in a unit (the government's assets too) are E700 by digest.
- Word's `=` fields, PAGE fields and 1–99 page numbers (round 27c) read as before; font-size keywords, rem and px
  are absolute (they do not compound); a 50 % span reset by a size in px is kept.

Left —
- A stylesheet of the theme folder can still hide text by a class of the editor's own (`.x{display:none}` and
  `<span class="x">`): the theme folder's scripts and templates are held to reviewed digests, its style sheets only
  to remote loads, personal data, withheld text and (now) text they write. Holding them to a review too, or refusing
  hiding rules whose subject is no class of the theme, is a decision for the lead.
- The merge reads a document's body from `<div class="dc-body">` to the article's end; a unit page of another
  shape (a listing) is read as a frame, where Material's classes are the theme's own.
- An attribute list's size (`{: style="font-size:50%" }` on a paragraph holding a span of 50 %) compounds in the
  build's rendered body only: the check, which follows sizes through raw HTML, passes it and the build refuses it.
  So does pymdownx.critic's accept or reject mode (the build's E600).
- `font-family: Wingdings` (allowed: any family) draws Latin letters and digits as symbols on Windows; not tried
  (no such font here).
- Excel's &P and &N still take the same number (round 27c's leftover).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from disclosure.platform.unit_manifest import seal_unit_manifest

from .sitekit import REPO, Run, build, check, front_matter, write_site
from .test_merge_verifies import copy_as_merged, refused

SHRUNK = "中的文字被层层缩小到约"


def notice(number: int, body: str) -> str:
    return front_matter(body, title=f"测试通知{number}", type="notice", index_no=f"T001/2024-{number:05d}",
                        published="2024-03-05")


# Each a mobile whose middle two characters the nesting draws a fraction of a pixel wide: the reader sees 13800138000.
NESTED = {
    "small": "<small>" * 20 + "某某" + "</small>" * 20,
    "percent": '<span style="font-size:50%">' * 7 + "某某" + "</span>" * 7,
    "sub": "<sub>" * 14 + "某某" + "</sub>" * 14,
    "em": '<span style="font-size:0.5em">' * 7 + "某某" + "</span>" * 7,
}
# A list marker written as a string (or symbols()): the page shows it before the item's 8000, no scan reads it; a word
# lifted out of its line, the number's two parts left side by side.
MARKERS = {"marker-string": "<ul><li style=\"list-style-type: '1380013'\">8000</li></ul>",
           "marker-symbols": "<ol style='list-style-type: symbols(cyclic \"1380013\")'><li>8000</li></ol>",
           "marker-attribute-list": "- 8000\n{: style=\"list-style-type: '1380013'\" }",
           "lifted": '1380013<span style="vertical-align: 9999px">某某</span>8000'}
# A theme class that hides what it holds (Material's md-…, this project's dc-…, Material's heading link).
CLASSED = {"md-toggle": '1380013<span class="md-toggle">某某</span>8000',
           "md-header-source": '1380013<span class="md-header__source">某某</span>8000',
           "dc-sr-only": '1380013<span class="dc-sr-only">某某</span>8000',
           "headerlink": '1380013<span class="headerlink">某某</span>8000',
           "attribute-list": "8000，请于月底前报送。\n{: .md-toggle }"}
# Nesting an official text uses: a footnote-like <sup> in <small>, x<sub>2</sub> in a 90 % note, a 50 % span reset.
KEPT = {
    "formula": '<small>注：CO<sub>2</sub> 排放量按 10<sup>3</sup> 吨计。</small>',
    "reset": '<span style="font-size:50%"><span style="font-size:14px">正常大小的说明文字。</span></span>',
    "marker-keyword": '<ol style="list-style-type: cjk-ideographic"><li>第一项</li><li>第二项</li></ol>',
    "button": '[查看通知](reset.md){ .md-button }，<span class="dc-centred">居中</span>',
    "aligned": '<table><tr><td style="vertical-align: middle">合计</td><td>10<sup style="vertical-align: super">3</sup></td></tr></table>',
}


# A classified document's mark as offices write its 保密期限 (保密法实施条例: a period, a 解密时间 or 长期) and its 密级.
MARKS = {"chinese-numerals": "机密★十年", "years-and-months": "秘密★1年6个月", "declassified-on": "秘密★2030年12月31日",
         "spaced": "机　密★10年", "spaced-alone": "秘　密", "white-star": "秘密✩1年"}


@pytest.fixture(scope="module")
def shrunk(tmp_path_factory) -> tuple[Path, Run, Run]:
    """One site for the body's cases: nested sizes, kept nesting, classified marks."""
    files = {f"notices/{name}.md": notice(number, f"联系电话 1380013{nested}8000。\n")
             for number, (name, nested) in enumerate(NESTED.items(), start=1)}
    files |= {f"notices/{name}.md": notice(number, f"{text}\n") for number, (name, text) in enumerate(KEPT.items(), start=11)}
    files |= {f"notices/{name}.md": notice(number, f"{mark}\n\n关于做好有关工作的通知。\n")
              for number, (name, mark) in enumerate(MARKS.items(), start=21)}
    files |= {f"notices/{name}.md": notice(number, f"联系电话：\n\n{text}\n")
              for number, (name, text) in enumerate(MARKERS.items(), start=31)}
    files |= {f"notices/{name}.md": notice(number, f"联系电话 {text}。\n")
              for number, (name, text) in enumerate(CLASSED.items(), start=41)}
    root = write_site(tmp_path_factory.mktemp("shrunk"), files)
    return root, check(root), build(root)


def _refused(run: Run, name: str, said: str) -> bool:
    """A coded line names the case's file (on the line of its markup: 7 to 10) and says `said`."""
    return any(line.startswith(f"content/notices/{name}.md:") and f": {said}" in line for line in run.coded_lines())


@pytest.mark.parametrize("name", sorted(NESTED))
def test_text_the_nesting_shrinks_out_of_sight_is_refused_by_check_and_build(shrunk, name):
    root, checked, built = shrunk
    for run in (checked, built):
        assert run.returncode == 1, run.output
        [line] = [line for line in run.coded_lines() if line.startswith(f"content/notices/{name}.md:7: E401 ")]
        assert SHRUNK in line
    assert not (root / "site").exists()


def test_nesting_that_keeps_text_readable_is_published(shrunk):
    _, checked, built = shrunk
    for run in (checked, built):
        assert not [line for line in run.coded_lines() if any(f"/{name}.md" in line for name in KEPT)], run.output


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_a_list_marker_written_as_text_or_a_lifted_word_is_refused(shrunk, name):
    _, checked, built = shrunk
    for run in (checked, built):
        assert _refused(run, name, "E401 不允许的样式 style=\""), run.output


@pytest.mark.parametrize("name", sorted(MARKS))
def test_a_classified_mark_as_offices_write_its_period_is_refused(shrunk, name):
    _, checked, built = shrunk
    for run in (checked, built):
        assert any(line.startswith(f"content/notices/{name}.md:7: E102 ") for line in run.coded_lines()), run.output


@pytest.mark.parametrize("name", sorted(CLASSED))
def test_a_theme_class_that_hides_text_is_refused(shrunk, name):
    _, checked, built = shrunk
    for run in (checked, built):
        assert _refused(run, name, "E401 不允许的类名 class="), run.output


def _inherit_chain(root: Path, files: dict[str, dict]) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "INHERIT": "b1.yml"}, allow_unicode=True), encoding="utf-8")
    for name, settings in files.items():
        (root / name).write_text(yaml.safe_dump(settings), encoding="utf-8")


@pytest.mark.parametrize("chain", ["deep", "loop"])
def test_an_inherit_chain_deeper_than_the_check_reads_is_refused(tmp_path, chain):
    """mkdocs.yml → b1 … b6, whose hooks MkDocs runs (on main: check and build exit 0, evil.txt in site/); or b1 → b2 → b1."""
    root = write_site(tmp_path / "site", {"notices/a.md": notice(1, "正文。\n")})
    files = {f"b{n}.yml": {"INHERIT": f"b{n + 1}.yml"} for n in range(1, 6)} | {"b6.yml": {"hooks": ["evil.py"]}} \
        if chain == "deep" else {"b1.yml": {"INHERIT": "b2.yml"}, "b2.yml": {"INHERIT": "b1.yml"}}
    _inherit_chain(root, files)
    (root / "evil.py").write_text("def on_post_build(config):\n    open(config['site_dir'] + '/evil.txt', 'w').write('x')\n")
    done = check(root)
    assert done.returncode == 1, done.output
    assert any(" E406 INHERIT 引用的设置文件又引用下一个" in line and line.startswith(("b5.yml:1:", "b1.yml:1:", "b2.yml:1:"))
               for line in done.coded_lines()), done.output
    if chain == "deep":
        built = build(root)
        assert built.returncode == 1 and not (root / "site/evil.txt").exists(), built.output


def test_markdown_extensions_written_as_a_mapping_are_read_by_the_gate(tmp_path):
    """`markdown_extensions: {pymdownx.snippets: {auto_append: [w.md]}}` — a mapping, which MkDocs takes as well as a
    list — appended a 不予公开 notice's body to every page: on main check and build exit 0, the body in site/."""
    withheld = front_matter("关于调整城东储备库库存轮换计划的内部意见，请各科室认真研究并提出具体修改建议。\n", title="内部意见",
                            type="notice", index_no="T001/2024-00002", published="2024-03-05", disclosure="不予公开",
                            reason="内部事务信息")
    root = write_site(tmp_path / "site", {"notices/a.md": notice(1, "正文第一段。\n"), "notices/w.md": withheld},
                      mkdocs_extra={"markdown_extensions": {"pymdownx.snippets": {"base_path": ["content/notices"],
                                                                                   "auto_append": ["w.md"]}}})
    for run in (check(root), build(root)):
        assert run.returncode == 1 and any(line.startswith("mkdocs.yml:") and " E406 Markdown 扩展“pymdownx.snippets”" in line
                                           for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


@pytest.mark.parametrize("theme", [{"name": "mkdocs", "custom_dir": str(REPO / "overrides")}, "readthedocs"])
def test_a_theme_other_than_material_is_refused_by_the_check_as_the_build_refuses_it(tmp_path, theme):
    """MkDocs' own themes print inline scripts and hidden text on every page: the build refused them (E401 on
    mkdocs.yml:1, eight lines naming scripts), the check passed (exit 0)."""
    root = write_site(tmp_path / "site", {"notices/a.md": notice(1, "正文。\n")}, mkdocs_extra={"theme": theme})
    done = check(root)
    assert done.returncode == 1 and any(line.startswith("mkdocs.yml:") and " E406 theme 的 name 是" in line
                                        for line in done.coded_lines()), done.output


def _picture() -> bytes:
    import io

    from PIL import Image
    stream = io.BytesIO()
    Image.new("RGB", (6, 6), (200, 30, 30)).save(stream, "PNG")   # a scanned list stands for any picture
    return stream.getvalue()


def test_a_withheld_picture_or_a_style_sheets_text_in_the_theme_folder_is_refused(tmp_path):
    """A 不予公开 notice's attachment (a scanned list) saved again as the theme folder's assets/images/banner.png: MkDocs
    copies it into site/ (on main: check and build exit 0, site/assets/images/banner.png); the same copy under content/
    was refused already (E500), and round 27a looked in the theme folder for withheld text only. And a style sheet
    writing text into the pages (`td::before { content: "1380013" }` before a cell of 8000): copied and linked by every
    page, exit 0 on main."""
    secret = _picture()
    withheld = front_matter("名单见附件。\n", title="处罚名单", type="notice", index_no="T001/2024-00002", published="2024-03-05",
                            disclosure="不予公开", reason="涉及个人隐私", attachments=[{"title": "名单", "file": "files/名单.png"}])
    root = write_site(tmp_path / "site", {"notices/a.md": notice(1, "正文。\n"), "notices/w.md": withheld,
                                          "notices/files/名单.png": secret},
                      mkdocs_extra={"theme": {"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "overrides/assets/images").mkdir(parents=True, exist_ok=True)
    (root / "overrides/assets/images/banner.png").write_bytes(secret)
    (root / "overrides/assets/stylesheets/tel.css").write_text('.md-typeset td::before {\n  content: "1380013";\n}\n')
    expected = ("overrides/assets/images/banner.png:1: E500 主题目录中的“banner.png”与不公开的 content/notices/files/名单.png 完全相同",
                "overrides/assets/stylesheets/tel.css:2: E401 主题样式表用“\"1380013\"”在页面上写出文字")
    for run in (check(root), build(root)):
        assert run.returncode == 1 and all(any(line.startswith(one) for line in run.coded_lines()) for one in expected), run.output
    assert not (root / "site").exists()


def test_a_unit_page_hiding_text_by_nesting_or_a_theme_class_is_refused_by_the_merge(merged_platform, tmp_path):
    """A compromised department job writes its pages itself: 1380013<small>×20 某某 </small>×20 8000 in one body,
    1380013<span class="md-toggle">某某</span>8000 in another; on main both merged with exit 0. The second page also names
    a hiding class through character references, which the quick test before the parse must read decoded."""
    platform = copy_as_merged(merged_platform, tmp_path / "platform")
    pages = {"jyj/jyj/fees/fees/index.html": NESTED["small"], "jyj/jyj/guide/guide/index.html": '<span class="md-toggle">某某</span>',
             "nanqu/nanqu/guide/guide/index.html": '<span class="dc-list&UnderBar;&lowbar;index">某某</span>'}
    for path, hidden in pages.items():
        page = platform / "build/units" / path
        text = page.read_text(encoding="utf-8")
        assert '<div class="dc-body">' in text
        page.unlink()   # a new file: the unit's files are hard links to site/'s after a merge
        page.write_text(text.replace("</article>", f"<p>联系电话 1380013{hidden}8000。</p></article>", 1), encoding="utf-8")
    for unit in ("jyj", "nanqu"):
        seal_unit_manifest(platform / "build/units" / unit, unit)
    output = refused(platform, "build/units/jyj/jyj/fees/fees/index.html:1: E700 ", SHRUNK)
    for path, named in (("jyj/jyj/guide/guide", "md-toggle"), ("nanqu/nanqu/guide/guide", "dc-list__index")):
        assert any(line.startswith(f"build/units/{path}/index.html:1: E700 ") and f"不允许的类名 class=\"{named}\"" in line
                   for line in output.splitlines()), output
