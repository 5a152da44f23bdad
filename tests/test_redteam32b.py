"""Round thirty-two (b) of the adversarial review (issue 24): the check-vs-build disagreements round 31b left, closed
by reading the site's own Markdown configuration (mkdocs.yml's markdown_extensions, with what it INHERITs).

Fixed (failed on main, 267c503) —
- (content/host_settings.py `enabled_marks`, text/markup.py `lines_joined_by_inline_syntax(text, marks)`,
  rules/personal_data `_joined_in_documents`) digits around `^^`, `^`, `==` or `++` were read as one number whatever
  mkdocs.yml enabled: without pymdownx.caret, mark or keys the page shows the marks as written (`1380013^^8^^000`),
  and the check and the build's source checks refused it (E400): a false refusal. Only the enabled marks join now
  (caret's `insert: false` / `superscript: false` too). The joined reading moved from the document's reading (cached
  by the document's bytes, blind to mkdocs.yml) to the site's personal-data rule.
- (rules/fidelity.py `check`, `unused_abbreviation_definitions`) an abbreviation defined and never used
  (`*[XY]: 文字`, abbr enabled: by abbr, extra or pymdownx.extra) puts its text on no page: E600 at the build only.
  The check names the definition's line now, and the build's source checks with it. Without abbr, in a fence or
  escaped (`\\*[XY]:`) the line is shown and neither refuses it.
- (content/host_nav.py `_untargeted`) a nav title with nothing after it (`- 政策:`): the check named a page “”
  (E500, wrong words); it now says the title has no target and that MkDocs stops on "Expected nav to be a list, got
  None". The build cannot say it in Chinese: MkDocs stops validating mkdocs.yml on `nav` before the plugin is loaded
  (config/base.py `_validate` breaks at the first failing option; `plugins` comes after `nav`), so no code of ours runs.
- (rules/markup_links.py `_links_to_a_missing_heading`, `_plain_heading_ids`) a link to a heading its page lacks on a
  page with headings (`## 说明` and `[见](#说明二)`, by reference too): E500 at the build only. Where every anchor the
  page may offer is an ATX heading of plain text (no markup, escape, entity, tag, attribute list, HTML id, md_in_html,
  fence, footnote, setext heading, `#` elsewhere; no two headings of one id) and mkdocs.yml names no slugify of its
  own, the ids are text/anchors.slugify's of the text as written: the check names the link on the build's line.

Held — the marks enabled (round 31b's ASSEMBLED bodies, tests/test_redteam31b.py, still E400 in both); links to a
present heading (`## 第二条 举报途径` → `#第二条-举报途径`, `### 1.总则` → `#1总则`, `## Part One` → `#part-one`, a
closed `## 附则 ##`, a later heading of several, a full-width blank between words → `-`, quotation marks dropped),
to an attribute list's id or an HTML id beside a heading, to an emphasised heading (`## 说明*一*` → `#说明一`: left to
the build, which passes it): nothing in either.

Left — same-page anchors on any other page stay with the build: MkDocs' `present_anchor_ids`
(mkdocs/structure/pages.py) are the rendered tree's ids (toc, attr_list, footnotes, md_in_html, any extension's) plus
`_RawHTMLPreprocessor`'s reading of raw HTML after fences are stashed, of the Markdown the plugin's on_page_markdown has
already rewritten; computing them would take a second renderer with the site's full extension set (options with
!!python/name generators), which may drift from the build, and an id it misses is a false refusal. The build's own
line for `- 政策:` (MkDocs stops before loading any plugin; the check names it).

Timing: one site of 25 bodies checked and built, one of those the check passes built, one check of a nav: 2.1–3.3 s
with -n 0.
"""

from __future__ import annotations

import pytest

from .sitekit import build, check
from .test_redteam31b import _site as bodies_site
from .test_redteam31b import coded

# Marks of extensions mkdocs.yml does not list: shown as written, no number joined (a false E400 on main).
MARKS_OFF = {"caret-off": "1380013^^8^^000", "superscript-off": "1380013^8^000", "mark-off": "==1380013==8000",
             "key-off": "1380013++8++000"}
# Unused abbreviations with abbr enabled: E600 at the build only on main.
UNUSED_ABBREVIATIONS = {"abbreviation-unused": "正文。\n\n*[XY]: 文字",
                        "abbreviation-one-unused": "PDF 格式。\n\n*[PDF]: 便携式文档格式\n*[OFD]: 版式文档格式"}
# Links to a heading the page lacks, the page's anchors all plain headings: E500 at the build only on main.
TO_A_MISSING_HEADING = {"to-a-missing-heading": "## 说明\n\n见[见](#说明二)。",
                        "by-reference": "## 说明\n\n见[见][r]。\n\n[r]: #说明二",
                        "to-a-missing-article": "## 第二条 举报途径\n\n见[见](#第三条)。",
                        "to-a-wrong-case": "## Part One\n\n见[见](#Part-One)。"}   # ids are lower case
HELD = {"to-a-heading": "## 第二条 举报途径\n\n见[见](#第二条-举报途径)。", "to-a-numbered-heading": "### 1.总则\n\n见[见](#1总则)。",
        "to-a-latin-heading": "## Part One\n\n见[见](#part-one)。",
        "to-a-later-heading": "# 标题\n\n## 一、总则\n\n正文。\n\n## 二、附则\n\n见[见](#二附则)。",
        "to-a-closed-heading": "## 附则 ##\n\n见[见](#附则)。", "to-a-listed-id": "## 说明\n\n正文\n{: #x }\n\n见[见](#x)。",
        "to-an-html-id": '## 说明\n\n<span id="x">正文</span>\n\n见[见](#x)。',
        "to-an-emphasised-heading": "## 说明*一*\n\n见[见](#说明一)。",
        "to-a-heading-with-a-wide-blank": "## 第一章\u3000总则\n\n见[见](#第一章-总则)。",
        "to-a-quoted-heading": "## 关于“放管服”改革的通知\n\n见[见](#关于放管服改革的通知)。",
"abbreviation-used": "本办法所称 HTML 页面。\n\n*[HTML]: 超文本标记语言",
        "abbreviation-in-a-fence": "```\n*[XY]: 文字\n```", "abbreviation-escaped": "正文。\n\n\\*[XY]: 文字",
        "link-still-joins": "1380013[8000](#x)\n\n## 说明 {: #x }"}
EXTENSIONS = "markdown_extensions:\n  - tables\n  - attr_list\n  - toc:\n      permalink: false\n  - abbr\n"


def _site(root, bodies: dict[str, str], extra: str = ""):
    return bodies_site(root, bodies, EXTENSIONS + extra)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    bodies = {**MARKS_OFF, **UNUSED_ABBREVIATIONS, **TO_A_MISSING_HEADING, **HELD}
    root = _site(tmp_path_factory.mktemp("rt32b"), bodies)
    checked, built = check(root), build(root)
    passed = {name: body for name, body in bodies.items() if not coded(checked, name)}
    return (bodies, checked, built), (passed, build(_site(tmp_path_factory.mktemp("rt32b-passed"), passed)))


def test_the_check_and_the_build_name_the_same_lines(runs):
    (bodies, checked, built), (passed, built_again) = runs
    assert "Traceback" not in checked.output + built.output + built_again.output
    assert not {name for name in bodies if coded(checked, name) != coded(built, name)}, checked.output + built.output
    assert not {name for name in passed if coded(built_again, name)}, built_again.output


def test_marks_no_extension_enables_join_no_number(runs):
    (_, checked, _), (passed, _) = runs
    assert set(MARKS_OFF) <= set(passed), checked.output
    assert coded(checked, "link-still-joins") == ["content/notices/link-still-joins.md:7: E400"], checked.output


def test_an_unused_abbreviation_is_refused_by_the_check_on_its_line(runs):
    (_, checked, _), _ = runs
    assert coded(checked, "abbreviation-unused") == ["content/notices/abbreviation-unused.md:9: E600"], checked.output
    assert coded(checked, "abbreviation-one-unused") == ["content/notices/abbreviation-one-unused.md:10: E600"]
    assert {"abbreviation-used", "abbreviation-in-a-fence", "abbreviation-escaped"} <= set(runs[1][0])


def test_a_nav_title_without_a_target_is_named_with_the_error_mkdocs_stops_on(tmp_path):
    checked = check(_site(tmp_path, {"plain": "正文。"}, "nav:\n  - 政策:\n"))
    lines = [line for line in checked.coded_lines() if line.startswith("mkdocs.yml:")]
    assert len(lines) == 1 and " E500 " in lines[0] and "“政策”冒号后没有写页面" in lines[0], checked.output


def test_a_link_to_a_heading_the_page_lacks_is_refused_by_the_check(runs):
    (_, checked, _), _ = runs
    # a reference: on its definition's line, as the build names it
    lines = {"to-a-missing-heading": 9, "by-reference": 11, "to-a-missing-article": 9, "to-a-wrong-case": 9}
    assert all(coded(checked, name) == [f"content/notices/{name}.md:{line}: E500"] for name, line in lines.items()), \
        checked.output
