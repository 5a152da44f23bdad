"""Round nineteen of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised department CI job. Each test goes through the real `disclosure` command and failed on main before its fix.

The importer (importer/openness.py) —
- fixed: a saved page stating its 公开属性 other than in a metadata table or block of two or more statements — a lone
  `<dl><dt>公开属性</dt><dd>不予公开</dd></dl>` or `<p>公开属性：依申请公开</p>` beside the article, a `<th>`-less
  table whose value stands in the next row, a value shown as an icon (`<img alt="不予公开">`) or a form control
  (`<input value>`) — was imported as public with its body, and the statement dropped as the page's furniture. Now
  every label of 公开 is read with what follows it as a reader sees it (a picture or control by what it shows, and
  one showing nothing readable is no 主动公开): withheld with W801, as the table's wording is.
- held (tried): 公开属性 in a <th>, a <meta name="公开属性">, a <select> (every option read), a comment inside 主动公开.
- fixed (the same class): a page whose title alone says so in a closing note (<title>关于……的通知（依申请公开）_其他文件</title>,
  the <h1>): no label stands there. Read with the attachments' reader of such notes; （主动公开） or none stays public.

Front matter as the host reads it (content/documents.py `fence_problem`) —
- fixed: a fence line `---` followed by a full-width space (an input method's 全角 mode), a no-break space or another
  blank that is not a space or tab, or a closing fence with no line break after it (the file ends there): the check
  read the front matter, MkDocs (mkdocs/utils/meta.py takes `---[ \t]*\n` only) read none and published the whole file
  as the page's text, the YAML with its `# 内部备注` comments; check and strict build passed. Now E100 on the fence's
  line (check and build; index.md pages too), the fix saying to delete what follows the ---.
- held (tried): CRLF and lone CR line ends (both read them as line ends), a BOM, a key written twice, a second
  document, !!binary, anchors and merge keys (rounds six and eight); an index.md without fences whose first lines MkDocs
  takes for MultiMarkdown meta (`template: redirect.html`, `location: https://…`): the plugin sets every page's template.

An attachment the document itself marks as not public (content/disclosure_statements.py `withholding_title_note`) —
- fixed: a public document listing an attachment titled 困难群众名单（不予公开）, 附件2（依申请公开）, 名单（内部资料，不得公开）,
  名单【秘密】, or a plain title over a file named 名单（不予公开）.csv: published with exit 0, where the same note in the body (此件主动公开，有关附件依申请公开) is E102. Now E102 on
  the attachment's line (check and build; the importer writes link texts as these titles). Titles naming disclosure
  otherwise stay: 政府信息公开申请表（样本）, 依申请公开流程图, 申请表（供依申请公开使用）, 年度报告（公开版）, （部分公开）.
- fixed (the merge, content/merge_facts.py): such an attachment is withheld to the merge too: a compromised department job
  publishing it (its build skipped) is refused (E700), as a withheld document's attachment is.
- open: the same note only in a body link's text to a file of content/ that no `attachments` lists.

A document's own 附注 or 版记 in another shape (content/disclosure_statements.py `_pieces`) —
- fixed: the statement was read only as a whole Markdown line in （…）: a 版记 typeset as a table (a Word document's
  版记 converts to one: `| 抄送：… | 公开方式：不予公开 |`), the 附注 in an HTML paragraph or `<div markdown>`, after a
  `<br>`, as a list item, written with a character reference (&#xFF08;), in ［…］ or 【…】 or without brackets
  (此件不予公开。), or over two lines of one paragraph (Markdown shows one line): published with exit 0. Each piece a
  reader sees as a line is now read (the check, the build, the merge's facts and the importer share the reader).
  Tables of figures (| 不予公开 | 3 |), a list of ways, a public note in any of these shapes stay.
- fixed: the same statement inside the attachment a public page publishes (a Word file whose 附注 says （此件不予公开）,
  a 版记 table cell 公开方式：依申请公开, a .txt): the attachment is often the official document itself, the page a
  summary; only its personal data was read (and texts under 11 characters were skipped unread). Now E102 on the
  attachment's line naming where in it (check, build) and E700 in the merge (a unit's sealed attachment). A note
  withholding only its own attachments (此件主动公开，有关附件依申请公开) and 此件公开发布 stay.

Tried and held (no change needed; the gate already refused it, or it does not reach readers) —
- personal numbers as written in Chinese documents: a mailbox made of a mobile (13912345678@163.com, <…@qq.com>, a full-
  width ＠), tel: and mailto: targets, an image's file name, an abbreviation's definition, a definition list, a footnote,
  a reference definition's target and title, a title attribute (E400); a data: image (E401, E404); 6-8-4 groups with
  spaces, the letter O for 0, Chinese numerals mixed with digits (一三9一二三4…), 大写 (壹叁玖…), 〇 in an ID, a bank card
  in groups of four, +86, separators - — . _ ~ · ‐ － (E400). Not joined, by design (a list of figures): thousands
  separators (139,1234,5678), 、 / ∙ between groups, a number split over table cells, (139)12345678, 0139-12345678;
- the check's cache: an attachment replaced by one of the same size with its old modification time is read again (E400);
  a document's entry is keyed by its bytes, path, catalogue.yaml, unit, day and the code; its reading reads no mkdocs.yml;
- an index.md without fences whose first lines MkDocs reads as MultiMarkdown meta (template: redirect.html, location:
  https://…): the plugin sets every page's template, the redirect never renders;
- import: 公开属性 in a <th>, a <meta>, a <select>, a comment inside 主动公开 (withheld already); an attachment linked
  through a .html that refreshes to a file elsewhere (only links with an attachment's extension are copied, from inside
  the folder); double extensions (名单.xls.html is no attachment; a page named .pdf is read by its content);
- the merge: manifest paths with a backslash or %2e%2e (a backslash is refused, %2e is a literal name), names differing
  by case or normalisation (round six).
Open —
- a saved page whose <title> alone says （不予公开）; the withholding note only in a body link's text to a file no
  `attachments` lists.
"""

from __future__ import annotations

import pytest
import yaml

from .batchkit import Cases, MergedCases, cases_site, checked_and_built, lines_as_alone, sealed_once
from .leakkit import leaks
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .sitekit import build, check, paired_policy, write_site
from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of, run_import

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body>
{before}<table class="xxgk"><tr><td>索引号：</td><td>EX0001/2024-000{n}</td><td>发布机构：</td><td>示例市应急管理局</td></tr>
<tr><td>名称：</td><td>示例市应急管理局关于第{n}项工作的通知</td><td>发布日期：</td><td>2024-05-20</td></tr>{row}</table>
<div id="zoom"><p>各有关单位：现将第{n}项工作有关事项通知如下。</p></div></body></html>"""

# The page's own statement that it is not public, laid out as CMS templates lay it out; the wording it is read as.
STATED_ELSEWHERE = {
    "dl.html": (dict(before="<dl><dt>公开属性</dt><dd>不予公开</dd></dl>"), "不予公开"),
    "dl-colon.html": (dict(before="<dl class='info'><dt>公开属性：</dt><dd>依申请公开</dd></dl>"), "依申请公开"),
    "lone-p.html": (dict(before="<p class='gk'>公开属性：依申请公开</p>"), "依申请公开"),
    "icon.html": (dict(row="<tr><td>公开属性：</td><td><img src='i.gif' alt='不予公开'></td></tr>"), "不予公开"),
    "icon-no-alt.html": (dict(row="<tr><td>公开属性：</td><td><img src='i.gif'></td></tr>"), None),
    "next-row.html": (dict(row="<tr><td>公开属性：</td><td></td></tr><tr><td></td><td>依申请公开</td></tr>"), "依申请公开"),
    "control.html": (dict(row="<tr><td>公开属性：</td><td><input value='不予公开' readonly></td></tr>"), "不予公开"),
    "title.html": (dict(title="关于第17项工作的通知（依申请公开）_其他文件_示例市应急管理局"), "依申请公开"),
    "heading.html": (dict(before="<h1>关于第18项工作的通知（不予公开）</h1>"), "不予公开"),
}
# Laid out the same ways, saying 主动公开: public, as before.
STATED_PUBLIC = {
    "dl-public.html": dict(before="<dl><dt>公开属性</dt><dd><font>主动</font>公开</dd></dl>"),
    "icon-public.html": dict(row="<tr><td>公开属性：</td><td><img src='i.gif' alt='主动公开'></td></tr>"),
    "channel.html": dict(before="<p>公开方式：政府网站</p>"),
    "empty-cell.html": dict(row="<tr><td>公开属性：</td><td></td><td>有效性：</td><td>有效</td></tr>"),
    "empty-label.html": dict(before="<span>公开属性：</span>"),
    "title-public.html": dict(title="关于政府信息公开工作的通知（主动公开）_其他文件"),
    "none.html": dict(),
}


def test_a_saved_page_stating_it_is_not_public_outside_a_metadata_table_is_never_imported_as_public(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "i.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
                                b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    pages = {**{name: layout for name, (layout, _) in STATED_ELSEWHERE.items()}, **STATED_PUBLIC}
    for number, (name, layout) in enumerate(pages.items(), start=11):
        (old / name).write_text(PAGE.format(n=number, before=layout.get("before", ""), row=layout.get("row", ""),
                                            title=layout.get("title", "通知")),
                                encoding="utf-8")
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    done = run_import(root, str(old), "--type", "notice", "--report", "report.json")
    assert done.returncode == 0, done.stderr
    imported = by_source(report_of(root))
    fronts = {name: yaml.safe_load((root / imported[name]["target"]).read_text(encoding="utf-8").split("---\n")[1])
              for name in pages}
    for name, (_, wording) in STATED_ELSEWHERE.items():
        assert fronts[name].get("disclosure") in ("不予公开", "依申请公开"), (name, fronts[name])
        assert any(" W801 " in line for line in imported[name]["decisions"]), imported[name]
        if wording:
            assert fronts[name]["reason"] == f"原网站标注的公开属性：{wording}", fronts[name]
    for name in STATED_PUBLIC:
        assert "disclosure" not in fronts[name], (name, fronts[name])


NOTE = "内部备注：第三段待领导审批后再公开"


def _fence_variants() -> dict[str, str]:
    source = paired_policy()["policies/a.md"].replace("title:", f"# {NOTE}\ntitle:", 1)
    closing = source.index("---\n", 4)
    return {
        "opening-full-width-space": source.replace("---\n", "---\u3000\n", 1),
        "opening-no-break-space": source.replace("---\n", "--- \u00a0\n", 1),
        "closing-full-width-space": source[:closing] + "---\u3000\n" + source[closing + 4:],
        "closing-dots-form-feed": source[:closing] + "...\x0c\n" + source[closing + 4:],
        "closing-at-the-end": source[:closing] + "---",
    }


def test_a_front_matter_fence_the_host_does_not_take_for_one_is_refused_on_its_line(tmp_path):
    """Every variant in one site, checked once and built once (tests/batchkit.py): each on its own file's fence line."""
    variants = _fence_variants()
    cases = {name: {**paired_policy(), "policies/a.md": source} for name, source in variants.items()}
    # a category's hand-written index.md alike
    cases["index"] = {**paired_policy(), "notices/index.md": f"---\u3000\n# {NOTE}\ntitle: 通知公告\n---\n说明。\n"}
    site = cases_site(tmp_path, cases)
    for run in checked_and_built(site):
        assert run.run.returncode != 0 and "Traceback" not in run.run.output, run.run.output
        for name, source in variants.items():
            fence = next(number for number, line in enumerate(source.split("\n")[1:], start=2) if line.rstrip() in ("---", "...")) \
                if name.startswith("closing") else 1
            assert any(line.startswith(f"{site.path(name, 'policies/a.md')}:{fence}: E100 ")
                       for line in run.lines(name, "policies/a.md")), (name, run.run.output)
        assert any(line.startswith(f"{site.path('index', 'notices/index.md')}:1: E100 ")
                   for line in run.lines("index", "notices/index.md")), run.run.output
    assert not leaks(tmp_path / "site", [NOTE])


def _fences_the_host_takes() -> dict[str, str]:
    lines = paired_policy()["policies/a.md"].split("\n")
    closing = lines.index("---", 1)
    lines[0], lines[closing] = "--- \t", "...  \r"   # spaces and tabs after a fence, a CRLF line end: fences to MkDocs
    return {**paired_policy(), "policies/a.md": "\n".join(lines)}


@pytest.fixture(scope="module")
def withheld(tmp_path_factory) -> tuple[Cases, Cases]:
    """The refused notices of the attachment tests below (WITHHELD), each test's in a folder of its own, all in one
    site, checked once and built once; each test reads the lines its folder alone would show."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("withheld"), {case: files() for case, files in WITHHELD.items()}))


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Cases:
    """The allowed notices of the tests below (PUBLIC), each test's in a folder of its own, all in one site, built once."""
    return cases_site(tmp_path_factory.mktemp("public"), {case: files() for case, files in PUBLIC.items()}).built()


def test_fences_the_host_takes_stay_allowed(public):
    assert public.run.returncode == 0, public.run.output
    assert public.page("fences", "policies/a").exists()
    assert not leaks(public.root / "site", ["index_no:"])


WITHHELD_TITLES = ["困难群众名单（不予公开）", "附件2：名单（依申请公开）", "名单（内部资料，不得公开）", "名单【秘密】", "表(暂不公开)",
                   ("名单", "困难群众名单（不予公开）.csv")]   # the office's mark in the file's name, the title plain
PUBLIC_TITLES = ["政府信息公开申请表（样本）", "依申请公开流程图", "申请表（供依申请公开使用）", "年度报告（公开版）", "名单（部分公开）",
                 "办法（公开征求意见稿）"]


def _with_attachments(titles: list, offset: int) -> dict[str, str | bytes]:
    """A notice for each title (or (title, file name)), attaching a small list under it."""
    items = [title if isinstance(title, tuple) else (title, f"l{offset + number}.csv") for number, title in enumerate(titles)]
    return _attaching([(title, name, "姓名,金额\n甲,100\n".encode()) for title, name in items], offset)


def _attaching(items: list[tuple[str, str, bytes]], offset: int) -> dict[str, str | bytes]:
    """A notice for each (attachment title, file name, bytes), attaching that file."""
    from .sitekit import front_matter
    files: dict[str, str | bytes] = {}
    for number, (title, name, data) in enumerate(items):
        files[f"notices/n{offset + number}.md"] = front_matter(
            "正文。\n", title=f"关于第{offset + number}批补助的通知", type="notice", index_no=f"T001/2024-{offset + number:05d}",
            published="2024-03-05", attachments=[{"file": f"files/{name}", "title": title}])
        files[f"notices/files/{name}"] = data
    return files


def test_an_attachment_its_title_marks_as_not_public_is_refused_on_its_line(withheld):
    for cases in withheld:
        lines = lines_as_alone(cases, "titles")
        refused = {line.split(":")[0] for line in lines if " E102 " in line and "的标题或文件名注明" in line}
        assert refused == {f"content/notices/n{10 + number}.md" for number in range(len(WITHHELD_TITLES))}, cases.run.output
        assert all(any(line.startswith(f"content/notices/n{10 + number}.md:7: E102 ") for line in lines)
                   for number in range(len(WITHHELD_TITLES))), cases.run.output
    assert not (withheld[1].root / "site").exists()


def test_attachment_titles_naming_disclosure_otherwise_stay_allowed(public):
    assert public.run.returncode == 0, public.run.output


def test_an_attachment_its_title_marks_as_not_public_is_refused_by_the_merge(platform):
    """The compromised job's side: the department's document lists 名单.csv titled （不予公开）; its job skips the build's
    E102 and seals the file into its output. The merge refuses it, naming the unit's file."""
    sealed_listing(platform, lambda text: text.replace(
        "title: 教育局指南\n", "title: 教育局指南\nattachments:\n- file: files/名单.csv\n  title: 困难学生名单（不予公开）\n", 1))


def sealed_listing(platform, edited) -> None:
    """The department's guide.md `edited` to publish files/名单.csv, the list sealed into its output by its job (the build
    skipped): the merge must refuse it."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    source = platform / "content/jyj/guide/guide.md"
    source.write_text(edited(source.read_text(encoding="utf-8")), encoding="utf-8")
    listing = "姓名,学校,补助\n甲,第一小学,500\n".encode()
    for folder in (platform / "content/jyj/guide/files", platform / "build/units/jyj/jyj/guide/files"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "名单.csv").write_bytes(listing)
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, "build/units/jyj/jyj/guide/files/名单.csv:1: E700 ")


STATEMENT_SHAPES = {
    "table": "| 版记 |\n| --- |\n| 公开方式：依申请公开 |\n",
    "two-cells": "| 抄送：市委办公室 | 公开方式：不予公开 |\n| --- | --- |\n",
    "html": "<p>（此件不予公开）</p>\n",
    "md-div": "<div markdown>（此件不予公开）</div>\n",
    "after-br": "示例市市场监督管理局<br>（此件不予公开）\n",
    "list": "- （此件不予公开）\n",
    "reference": "&#xFF08;此件不予公开&#xFF09;\n",
    "lenticular": "【此件不予公开】\n",
    "no-brackets": "此件依申请公开。\n",
    "two-lines": "（此件\n不予公开）\n",
}
PUBLIC_SHAPES = {
    "figures": "| 处理结果 | 件数 |\n| --- | --- |\n| 不予公开 | 3 |\n| 依申请公开 | 12 |\n",
    "ways": "1. 公开方式：主动公开与依申请公开相结合\n",
    "public-html": "<p>（此件公开发布）</p>\n",
    "public-two-lines": "（此件\n公开发布）\n",
    "list-public": "- 公开方式：主动公开\n",
}


def _with_bodies(bodies: dict[str, str], offset: int) -> dict[str, str]:
    from .sitekit import front_matter
    return {f"notices/{name}.md": front_matter(f"正文第一段。\n\n{body}", title=f"关于{name}的通知", type="notice",
                                                index_no=f"T001/2024-{offset + number:05d}", published="2024-03-05")
            for number, (name, body) in enumerate(bodies.items())}


def test_a_documents_own_statement_in_another_shape_is_read(tmp_path):
    extensions = {"markdown_extensions": ["tables", "md_in_html", "attr_list"]}
    root = write_site(tmp_path / "withheld", _with_bodies(STATEMENT_SHAPES, 50), mkdocs_extra=extensions)
    for run in (check(root), build(root)):
        refused = {line.split(":")[0] for line in run.coded_lines() if " E102 " in line and "正文写明" in line}
        assert refused == {f"content/notices/{name}.md" for name in STATEMENT_SHAPES}, run.output
    root = write_site(tmp_path / "public", _with_bodies(PUBLIC_SHAPES, 70), mkdocs_extra=extensions)
    built = build(root)
    assert built.returncode == 0, built.output


def _word(*paragraphs: str, row: tuple[str, ...] = ()) -> bytes:
    import io

    from .attachmentkit import new_word_document
    document = new_word_document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if row:
        for cell, text in zip(document.add_table(rows=1, cols=len(row)).rows[0].cells, row):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


STATING_ATTACHMENTS = {
    "note.docx": _word("关于补助发放的通知", "各单位：现将有关事项通知如下。", "示例市民政局", "（此件不予公开）"),
    "banji.docx": _word("关于补助发放的通知", "正文。", row=("抄送：市委办公室", "公开方式：依申请公开")),
    "note.txt": "关于补助发放的通知\n正文。\n（此件依申请公开）\n".encode(),
}
PUBLIC_ATTACHMENTS = {
    "public.docx": _word("关于补助发放的通知", "正文。", "（此件公开发布）"),
    "own-attachments.docx": _word("关于补助发放的通知", "正文。", "（此件主动公开，有关附件依申请公开）"),
}


def _publishing(attachments: dict[str, bytes], offset: int) -> dict[str, str | bytes]:
    return _attaching([("通知全文", name, data) for name, data in attachments.items()], offset)


def test_an_attachment_whose_own_text_says_it_is_not_public_is_refused(withheld, public):
    for cases in withheld:
        lines = lines_as_alone(cases, "stating")
        refused = {line.split(" ")[0] for line in lines if " E102 " in line and "写明" in line}
        assert refused == {f"content/notices/n{80 + number}.md:7:" for number in range(len(STATING_ATTACHMENTS))}, cases.run.output
    assert any("附件“note.docx”第4段写明“（此件不予公开）”" in line for line in lines), withheld[1].run.output
    assert public.run.returncode == 0, public.run.output


# The attachment tests' notices, each test's a case of the one site of `withheld` (refused) or `public` (built); the
# statements in a body keep their sites (their mkdocs.yml has other Markdown extensions).
WITHHELD = {"titles": lambda: _with_attachments(WITHHELD_TITLES, 10), "stating": lambda: _publishing(STATING_ATTACHMENTS, 80)}
PUBLIC = {"fences": _fences_the_host_takes, "titles": lambda: _with_attachments(PUBLIC_TITLES, 30),
          "stating": lambda: _publishing(PUBLIC_ATTACHMENTS, 90)}


UNIT_ATTACHMENTS = ["note.docx", "note.txt"]


@pytest.fixture(scope="module")
def sealed_statements(merged_platform, tmp_path_factory) -> MergedCases:
    """Both attachments sealed into the unit's output, each a file of its own: one merge (batchkit.sealed_once)."""
    return sealed_once(merged_platform, tmp_path_factory.mktemp("sealed-statements"), "jyj",
                       {f"jyj/guide/files/{name}": STATING_ATTACHMENTS[name] for name in UNIT_ATTACHMENTS})


@pytest.mark.parametrize("name", UNIT_ATTACHMENTS)
def test_a_unit_attachment_whose_own_text_says_it_is_not_public_is_refused_by_the_merge(sealed_statements, name):
    sealed_statements.refused(f"build/units/jyj/jyj/guide/files/{name}:1: E700 ", "写明“（此件")
