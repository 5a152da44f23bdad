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

Held — the marks enabled (round 31b's ASSEMBLED bodies, tests/test_redteam31b.py, still E400 in both).

Left — a link to a heading its page lacks on a page with headings (`## 说明` and `[见](#说明二)`): E500 at the build
only. Not made to agree: the build's anchors are MkDocs' `present_anchor_ids` (mkdocs/structure/pages.py), the ids of
the rendered tree (toc's ids from our slugify unless mkdocs.yml names its own, attr_list, footnotes, md_in_html, any
extension's) plus `_RawHTMLPreprocessor`'s reading of raw HTML after the fences are stashed, all of the Markdown the
plugin's on_page_markdown has already rewritten (layout marks, official numbering). A check computing them would have
to render each such page with the site's full extension set (options with !!python/name generators included) and
MkDocs' two extractors: a second renderer that may drift from the build, and an id it misses is a false refusal. The
check keeps to the case it can read without rendering (a page with no anchor source at all, round 31b).
Also left: the build's own line for `- 政策:` (MkDocs stops before loading any plugin; the check names it).

Timing: one site of 11 bodies checked and built, one of those the check passes built, one check of a nav: 2.1–3.3 s
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
HELD = {"abbreviation-used": "本办法所称 HTML 页面。\n\n*[HTML]: 超文本标记语言",
        "abbreviation-in-a-fence": "```\n*[XY]: 文字\n```", "abbreviation-escaped": "正文。\n\n\\*[XY]: 文字",
        "link-still-joins": "1380013[8000](#x)\n\n## 说明 {: #x }"}
EXTENSIONS = "markdown_extensions:\n  - tables\n  - attr_list\n  - toc:\n      permalink: false\n  - abbr\n"


def _site(root, bodies: dict[str, str], extra: str = ""):
    return bodies_site(root, bodies, EXTENSIONS + extra)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    bodies = {**MARKS_OFF, **UNUSED_ABBREVIATIONS, **HELD}
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
