"""Round twenty-seven (a) of the adversarial review (issue 24): a careless or hostile editor of a single agency's
repository, on `disclosure check` and `mkdocs build --strict`, against the newest fixes. Each test but the guards failed on main
(208ca25, and again on 0d061bc after main's round-27 merges) before its fix.

A withheld document's text on a public page (content/withheld_text_copies.py `page_copied_whole`, E500) —
- fixed: the withheld body republished with a link put on one of its words (`[仓库](https://…)`: the address stood
  between two characters of the source), a reference link, a character written as a reference (`&#32463;`), a tag
  around a word; and the withheld side's own link left out of the copy: published with exit 0. The comparison read
  the Markdown source; both sides are now read as the reader sees them (text/markup.py `without_inline_markup`, the
  markup the fidelity rule takes out, moved there from rules/fidelity.py so both rules read it alike), with what
  attributes and titles show (the whole text in a tooltip, `title="…"`, or a link's title was found in the source
  already; the two cases stay as guards of the new reading, which takes tags and titles out).
- fixed: the withheld body pasted into an attachment's title or file name, the topics or a correction's note, and
  into a hand-written index.md's title and description: published with exit 0. Every text field of the front matter
  is compared now (found from the Document's fields, so a field added later is too).
- fixed: a withheld document's reason (or title) holding its body: the category's listing prints both
  (依申请公开、不予公开的目录), so the body was published with exit 0. E500 on the reason's line (content/withheld_text_copies.py
  `listed_copied_whole`).

What the site prints on every page, and its theme folder (rules/files.py `settings_copied_whole`, `_theme_copy`) —
- fixed: the withheld body in mkdocs.yml's printed values (copyright, site_description, nav titles, extra) or
  catalogue.yaml's (a category's description), also split between them: printed on every page with exit 0. E500 on
  the first line that holds a passage, in check and build.
- fixed: the withheld body in a file of the theme folder (a style sheet's comment, a script's string, a picture's
  text): MkDocs copies it into the site as it is; E500 now, in check and build.

The check's scan of a body against the build's allow-list (text/allow_list.py, moved from rules/rendered.py) —
- fixed: raw HTML or an attribute list the build's allow-list refuses (E401) passed the check: a style (url(),
  position, hiding), an attribute no element keeps (data-*, dir=rtl), a link's scheme other than http/https/mailto/tel
  (ftp:), a word that is an attribute (`{: hidden }`), legacy_attrs' `{@onclick=…}`, pymdownx.blocks' attributes
  (`/// html | span[onclick="…"]`, an `attrs:` option), an attribute list whose quoted value holds "}" (attr_list's own
  reader is used now). The check applies the same list (attribute names per element, style rules, reserved ids,
  schemes) and names them as the build does.
- fixed: `![图](files/a.png){: src="https://…" }` — a picture an attribute list takes from another host: the check
  passed, the build refused (E404). Attribute lists' src and href are links to the check now.

Where the build writes (rules/files.py `site_dir_diagnostics`) —
- fixed: mkdocs.yml's site_dir naming the theme folder, .git, catalogue.yaml, the project's docs/ or the repository
  itself: the build removes whatever stands there and puts the site in its place, with exit 0 (overrides/ replaced by
  the site: the next build had no theme; .git: the repository's history gone; '': MkDocs' English configuration
  error). E406 on the site_dir line unless it names nothing, an earlier site (its index.html) or an empty folder.

Held (tried through check and a strict build; nothing published): attribute lists with onclick in other spellings
(ONCLICK, unquoted, single quotes, on a fenced block's line), srcset in an attribute list (E401), `<div markdown="1">`
(md_in_html, kept); `docs_dir: !ENV [X, docs]` (E406); an absolute docs_dir and one with a blank (found
here too, and fixed on main meanwhile by content/host_settings.py); mkdocs.yml's
theme.favicon, theme.font (Google Fonts), repo_url on GitHub, GitLab or any other host (E404); extra.alternate with a
protocol-relative link (a plain link, allowed); Python tags naming a callable of the allowed packages: none of
pymdownx, markdown.extensions or material.extensions has a top-level callable that runs a program, copies or fetches
(only os/sys modules, which a YAML tag cannot call); a page or folder named with an ID number or a mobile, an
attachment named with one (E400); a withheld body whose paragraphs were re-wrapped, split across table cells, with
emphasis or a footnote (E500); numbers written with ideographic or no-break spaces, +86/0086, (+86), Chinese numerals
mixed with digits, 大写 numerals, 幺/两, one digit at a time, dots, slashes, underscores, tildes, circled, superscript
and dingbat digits, an ID in 6-4-4-4 groups, a card in groups of four, a mobile in a link's query, digits written as
%3x escapes or character references among others (E400); extra_css and extra_javascript as data: URLs (E401/E404);
a pymdownx block whose options nest three thousand deep (no traceback: neither side reads them).

Left: a mobile written as a spreadsheet shows a number with thousands separators (13,800,138,000, 13 800 138 000):
not found; an 11-digit amount in 元 has the same shape (a budget of 13,800,138,000 元), so it needs the context (元,
万元) read first. A mobile in brackets ((138)0013-8000) or separated by ，、。:| is not found either (no one writes a
mobile so but to hide it). A word in an attribute list that does not end its line (`*a*{: hidden } …`) and `<div markdown="1">`
on a site without md_in_html are refused by the build only. A part of a withheld text (one paragraph of two) on a public page
is still published, by design ("all of it", round 26a). With link addresses no longer part of a withheld body's
passages, a withheld body of boilerplate and a link only (详见[名单](files/名单.xlsx)。特此通知。, the office, the date) is
found whole on a public notice with the same words more easily; MIN_RUN (20 characters in all) still applies.
"""

from __future__ import annotations

import pytest
import yaml

from .batchkit import Cases, cases_site
from .sitekit import build, check, front_matter, write_site
from .test_redteam22 import _site

# A withheld investigation of two paragraphs (round 26a's), and the public page that republishes it.
_INVESTIGATION = ("经调查，仓库管理员李某某于三月五日擅自挪用救灾物资共计四十二箱，现已移交纪检部门处理。\n\n"
                  "调查组建议对仓库主任给予警告处分，并追回全部物资。\n")
_FIRST, _SECOND = (paragraph.strip() for paragraph in _INVESTIGATION.split("\n\n"))


def _withheld() -> str:
    return front_matter(_INVESTIGATION, title="关于仓库物资挪用的调查报告", type="notice", index_no="T001/2024-00011",
                        published="2024-03-06", disclosure="不予公开", reason="涉及个人隐私")


def _notice(body: str, **fields) -> str:
    return front_matter(body, **{"title": "关于仓库安全的通知", "type": "notice", "index_no": "T001/2024-00010",
                                 "published": "2024-03-06", **fields})


def _refused_by(run, where: str, code: str = "E500") -> None:
    assert run.returncode != 0, run.output
    assert any(line.startswith(where) and f" {code} " in line for line in run.coded_lines()), run.output


def _case_refused_by(cases: Cases, case: str, code: str = "E500") -> None:
    """`_refused_by` for one case of a batch: its own notices/p.md has the code."""
    assert cases.run.returncode != 0, cases.run.output
    assert any(f" {code} " in line for line in cases.lines(case, "notices/p.md")), cases.run.output


# The withheld body as a reader sees it on the public page, written with markup between its characters.
AS_THE_READER_SEES_IT = {
    "a link on a word": _INVESTIGATION.replace("仓库", "[仓库](https://www.gov.cn/)", 1),
    "a reference link": _INVESTIGATION.replace("仓库", "[仓库][法]", 1) + "\n[法]: https://www.gov.cn/\n",
    "a character reference": _INVESTIGATION.replace("经", "&#32463;", 1),
    "a tag around a word": _INVESTIGATION.replace("管理员", "<strong>管理员</strong>", 1),
    "a tooltip": f'现将有关情况<span title="{_FIRST}{_SECOND}">通报</span>如下。\n',
    "a link's title": f'现将有关情况[通报](https://www.gov.cn/ "{_FIRST}{_SECOND}")如下。\n',
}


@pytest.fixture(scope="module")
def with_markup(tmp_path_factory) -> Cases:
    """Each case's withheld report and public page in its own folder (every case withholds the same text)."""
    return cases_site(tmp_path_factory.mktemp("with-markup"), {
        case: _site({"notices/w.md": _withheld(), "notices/p.md": _notice(body)})
        for case, body in AS_THE_READER_SEES_IT.items()}).checked()


@pytest.mark.parametrize("case", AS_THE_READER_SEES_IT)
def test_a_withheld_body_republished_with_markup_in_it_is_refused(with_markup, case):
    _case_refused_by(with_markup, case)


def test_a_withheld_body_republished_with_a_link_in_it_is_refused_by_the_build(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(),
                                       "notices/p.md": _notice(AS_THE_READER_SEES_IT["a link on a word"])}))
    _refused_by(build(root), "content/notices/p.md:")
    assert not (root / "site").exists()


def test_a_withheld_body_written_with_a_link_is_refused_republished_without_it(tmp_path):
    """The withheld side read as its reader sees it too: its link's address is no text to find on the public page."""
    withheld = _withheld().replace("仓库管理员", "[仓库](https://www.gov.cn/)管理员", 1)
    root = write_site(tmp_path, _site({"notices/w.md": withheld, "notices/p.md": _notice(_INVESTIGATION)}))
    _refused_by(check(root), "content/notices/p.md:")


_WHOLE = f"{_FIRST}{_SECOND}"
PRINTED_FRONT_MATTER = {
    "an attachment's title": {"attachments": [{"file": "files/a.txt", "title": _WHOLE}]},
    "topics": {"topics": [_FIRST, _SECOND]},
    "a correction's note": {"corrected": _WHOLE},
    "an attachment's file name": {"attachments": [{"file": f"files/{_SECOND}.txt", "title": _FIRST}]},
}


def _printed_in_front_matter(fields: dict) -> dict:
    attached = {f"notices/{item['file']}": "附件。\n" for item in fields.get("attachments", [])}
    return _site({"notices/w.md": _withheld(), **attached, "notices/p.md": _notice("现将有关情况通知如下。\n", **fields)})


@pytest.fixture(scope="module")
def printed_front_matter(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("printed-front-matter"), {
        case: _printed_in_front_matter(fields) for case, fields in PRINTED_FRONT_MATTER.items()}).checked()


@pytest.mark.parametrize("case", PRINTED_FRONT_MATTER)
def test_a_withheld_body_in_a_printed_front_matter_field_is_refused(printed_front_matter, case):
    _case_refused_by(printed_front_matter, case)


def test_a_withheld_body_in_a_section_pages_title_and_description_is_refused(tmp_path):
    index = front_matter("通知公告栏目。\n", title=_FIRST, description=_SECOND)
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/index.md": index}))
    _refused_by(check(root), "content/notices/index.md:")


def _with_settings(root, **settings) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(settings)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_withheld_body_in_mkdocs_yml_printed_values_is_refused(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    _with_settings(root, site_description=_FIRST, copyright=_SECOND)
    for run in (check(root), build(root)):
        _refused_by(run, "mkdocs.yml:")
    assert not (root / "site").exists()


def test_a_withheld_body_in_a_category_description_and_a_nav_title_is_refused(tmp_path):
    from .sitekit import MINI_CATALOGUE
    catalogue = {**MINI_CATALOGUE, "catalogue": [{**category, "description": _FIRST} if category["id"] == "notices" else
                                                 category for category in MINI_CATALOGUE["catalogue"]]}
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}), catalogue=catalogue)
    _with_settings(root, extra={"homepage_note": _SECOND})
    _refused_by(check(root), "catalogue.yaml:")


def test_a_public_version_that_deletes_the_withheld_sentences_stays(tmp_path):
    """Guard (passes on main too): a public page holding one withheld paragraph of two, with links and references."""
    body = f"现将有关情况通报如下，详见[通知](https://www.gov.cn/)。\n\n{_FIRST.replace('经', '&#32463;', 1)}\n"
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/p.md": _notice(body)}))
    _with_settings(root, copyright=_SECOND)
    assert check(root).returncode == 0, check(root).output


# What the build's allow-list takes out of a page (E401 there), written in the source: the check passed each.
REFUSED_BY_THE_BUILD = {
    "a style in HTML": '现将有关情况<span style="background:url(https://evil.example/x.png)">通知</span>如下。\n',
    "a style hiding text": '现将有关情况<span style="position:absolute;left:-9999px">通知</span>如下。\n',
    "a data attribute": '现将有关情况<span data-note="1">通知</span>如下。\n',
    "an ftp link": '现将有关情况<a href="ftp://files.example.cn/a">通知</a>如下。\n',
    "a style in an attribute list": '现将有关情况通知如下。\n{: style="background:url(https://evil.example/x.png)" }\n',
    "dir in an attribute list": "现将有关情况通知如下。\n{: dir=rtl }\n",
    "a word in an attribute list": "现将有关情况通知如下。\n{: hidden }\n",
    "legacy_attrs' event handler": "现将有关情况通知如下{@onclick=alert(1)}。\n",
    "an html block's event handler": '现将有关情况通知如下。\n\n/// html | span[onclick="alert(1)"]\n文字\n///\n',
    "a block's attrs option": '现将有关情况通知如下。\n\n/// admonition | 注意\n    attrs: {style: "position:fixed;top:0"}\n\n文字\n///\n',
    "a quoted brace in an attribute list": '## 有关情况 { href="javascript:alert(1)//}" }\n\n现将有关情况通知如下。\n',
}


@pytest.fixture(scope="module")
def refused_by_the_build(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("refused-by-the-build"), {
        case: _site({"notices/p.md": _notice(body)}) for case, body in REFUSED_BY_THE_BUILD.items()},
        mkdocs_extra={"markdown_extensions": ["attr_list", "md_in_html", "tables", "legacy_attrs",
                                              "pymdownx.blocks.html", "pymdownx.blocks.admonition"]}).checked()


@pytest.mark.parametrize("case", REFUSED_BY_THE_BUILD)
def test_what_the_builds_allow_list_refuses_the_check_refuses(refused_by_the_build, case):
    _case_refused_by(refused_by_the_build, case, "E401")


def test_a_style_the_check_refuses_the_build_refuses_on_the_same_line(tmp_path):
    root = write_site(tmp_path, _site({"notices/p.md": _notice(REFUSED_BY_THE_BUILD["a style in an attribute list"])}),
                      mkdocs_extra={"markdown_extensions": ["attr_list"]})
    for run in (check(root), build(root)):
        _refused_by(run, "content/notices/p.md:8:", "E401")


def test_what_the_allow_list_keeps_the_check_keeps(tmp_path):
    """Guard (passes on main too): styles, table attributes, a link's target, ids and classes the build keeps."""
    body = ('<span style="color: #c00; font-weight: bold">注意</span>现将有关情况通知如下。\n\n'
            '<a href="https://www.gov.cn/" target="_blank">中国政府网</a>\n\n'
            '| 项目 | 金额 |\n|---|---|\n| <span style="text-align: right">合计</span> | 100 |\n\n'
            "## 有关情况 {#situation .dc-note }\n\n说明。\n{: lang=zh }\n\n"
            '<div markdown="1" class="dc-note">\n说明。\n</div>\n\n'
            '/// html | div.dc-note[lang="zh"]\n说明。\n///\n\n/// admonition | 注意\n    type: note\n    attrs: {class: dc-note}\n\n说明。\n///\n')
    root = write_site(tmp_path, _site({"notices/p.md": _notice(body)}),
                      mkdocs_extra={"markdown_extensions": ["attr_list", "md_in_html", "tables", "pymdownx.blocks.html",
                                                            "pymdownx.blocks.admonition"]})
    for run in (check(root), build(root)):
        assert run.returncode == 0, run.output


_PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005"
                       "0001ffa0d7b1a70000000049454e44ae426082")


def test_a_picture_an_attribute_list_takes_from_another_host_is_refused_by_the_check(tmp_path):
    body = '现将有关情况通知如下。\n\n![图](files/a.png){: src="https://evil.example/x.png" }\n'
    root = write_site(tmp_path, _site({"notices/p.md": _notice(body), "notices/files/a.png": _PIXEL}),
                      mkdocs_extra={"markdown_extensions": ["attr_list"]})
    for run in (check(root), build(root)):   # main: the check passed, the build refused
        _refused_by(run, "content/notices/p.md:9:", "E404")


def test_a_withheld_body_in_a_theme_folders_style_sheet_is_refused(tmp_path):
    import shutil

    from .sitekit import REPO
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    shutil.copytree(REPO / "overrides", root / "overrides")
    _with_settings(root, theme={"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"})
    (root / "overrides/assets/notes.css").write_text(f"/* {_FIRST}\n{_SECOND} */\n.dc-note {{ color: #333; }}\n",
                                                      encoding="utf-8")
    for run in (check(root), build(root)):   # main: copied into the site with exit 0
        _refused_by(run, "overrides/assets/notes.css:1:")
    assert not (root / "site").exists()


@pytest.mark.parametrize("site_dir", ["overrides", ".git", "catalogue.yaml", "docs", ""])
def test_a_site_dir_naming_what_the_build_would_replace_is_refused(tmp_path, site_dir):
    import shutil

    from .sitekit import REPO
    root = write_site(tmp_path, _site({"notices/p.md": _notice("现将有关情况通知如下。\n")}))
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / ".git").mkdir()
    (root / "docs").mkdir()
    (root / "docs/guide.md").write_text("项目文档。\n", encoding="utf-8")
    _with_settings(root, site_dir=site_dir, theme={"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"})
    _refused_by(check(root), "mkdocs.yml:", "E406")   # main: passed; the build replaced it with the site, exit 0


def test_a_site_dir_over_the_theme_folder_leaves_it_whole(tmp_path):
    import shutil

    from .sitekit import REPO
    root = write_site(tmp_path, _site({"notices/p.md": _notice("现将有关情况通知如下。\n")}))
    shutil.copytree(REPO / "overrides", root / "overrides")
    _with_settings(root, site_dir="overrides", theme={"name": "material", "language": "zh", "font": False,
                                                      "custom_dir": "overrides"})
    _refused_by(build(root), "mkdocs.yml:", "E406")
    assert (root / "overrides/main.html").is_file() and not (root / "overrides/index.html").exists()


def test_a_site_dir_holding_an_earlier_site_stays(tmp_path):
    """Guard (passes on main too): the usual site/, built twice."""
    root = write_site(tmp_path, _site({"notices/p.md": _notice("现将有关情况通知如下。\n")}))
    assert build(root).returncode == 0
    assert check(root).returncode == 0 and build(root).returncode == 0


def test_attribute_lists_are_read_in_linear_time():
    """Guard for this round's reader (passes on main too): a line of 200 KB of lists or of unclosed braces."""
    import time

    from disclosure.text.markup import scan_body
    for body in ("x{: .a}" * 30000, "{a " * 70000, "{}" * 100000):
        started = time.monotonic()
        scan_body(body)
        assert time.monotonic() - started < 10


def test_a_withheld_documents_reason_holding_its_body_is_refused(tmp_path):
    """A category's listing prints a withheld document's title and reason."""
    withheld = _withheld().replace("reason: 涉及个人隐私", f"reason: 涉及个人隐私：{_FIRST}{_SECOND}")
    root = write_site(tmp_path, _site({"notices/w.md": withheld}))
    for run in (check(root), build(root)):   # main: the reason, body and all, in the category's listing, exit 0
        _refused_by(run, "content/notices/w.md:")
    assert not (root / "site").exists()
