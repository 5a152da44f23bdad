"""Review 27e: fidelity of documents written as agencies write them (characters and shape).

Fixed (each test below failed on main):

- `1)` items: the shape reading (`paragraphs.py`) took `1) 甲` for a list item, as Python-Markdown does
  not; two such lines were joined into one paragraph and the build failed with E601 on a correct source.
- `#` or `>` at a line's start directly before a digit or a Latin letter (`#1号楼`, `#A座`, `>60岁`):
  Python-Markdown made a heading or a quote and dropped the sign, and neither rule said so (the sign is no
  significant character, and the reading agreed it was a heading). Now text, as written.
- A heading ending in `#` after a character (`## 二、3#楼和5#`, `## C#`): Python-Markdown took it for the closing
  hashes and dropped it, silently (`#` is no significant character). Now text; `## 标题 ##` still closes.
- A numbered item directly after a bulleted one (or after a blank line): Python-Markdown took it into the
  bulleted list and dropped its number (E600 with a wrong fix); bullets after numbers lost their list.
  Now each kind is a list of its own.
- 落款 dated `二○二六年…` (○ U+25CB) or `二O一一年…` (the letter O, as seed 002 has it), as many documents
  type 〇, was not recognised: no right alignment.
- A closing formula without a full stop (`此复`, `特此通知`) above the agency's name was right-aligned as
  part of the 落款.
- Text in braces at the end of a heading or a table cell, or right after bold (`备注 {待定}`, `## 第一章 {总则}`,
  `**注意**{重要}`): attr_list took it for an attribute list and its words became an attribute (`<td 待定>`),
  gone from the page (E600 blocked the editor with a generic message). Now text; `{: .x}`, `{#id}`,
  `{key=value}` still set attributes.
- A layout mark in a list item, a quote or a cell (`- 事项 {居中}`) showed on the page, silently (the
  fidelity rule counts marks as markup); now E601 names it. A mark the editor escaped (`说明\\{居中}`) was still
  taken as a mark, leaving a stray backslash; now it is text.
- A reference definition no link uses (`[1]: https://www.gov.cn/…`, a 解读's list of sources): Python-Markdown
  swallowed the line and the fidelity rule counted it as markup: a whole line gone, silently. Now text; a
  definition a link uses (`[文件][1]`, `[1]`) is still markup.
- An order's number or a 落款 date with spaces inside, as Word aligns them (`第 12 号`, `2026年5月 6日`): not
  recognised, so the number was not centred and the 落款 not right-aligned.
- A joint document (联合发文) signed by more than three agencies, one a line: the names above the third were
  left as 正文 paragraphs, indented on the left, while the rest of the 落款 stood on the right.
- The importer wrote a saved page's text into Markdown that reads part of it as markup: `_待定_` and
  `*街道*` became emphasis (the underscores and asterisks silently gone: the fidelity rule counts pairing
  marks of the source as markup), `附件[1](第3页)` a link, a backtick pair code, `D:\\_草稿` lost a
  backslash, `&amp;lt;` written out on the page showed as `<`. Now escaped where Markdown would act; and the
  import's own comparison (W800) names any character of the text (Han, digits, punctuation, `*`, `_`)
  that its Markdown loses, where it only counted paragraphs, headings and tables.
- A `<` before a name that is no HTML element (`按<Word>格式`, `<GB 50016>`, `<A级>`): Python-Markdown passed
  it on as a tag, which the browser hides with the words inside; the check and the build refused it as unsafe
  markup (E401, "不得使用脚本…"), blocking text an editor wrote. Now text on the page, in the check and in E600's
  count (inside a raw HTML block, where the browser still hides it, E600 now names the lost digits).
- The importer dropped sup, sub and u (`m<sup>2</sup>` read “m2”, `10<sup>-6</sup>` “10-6”, a fill-in blank
  `<u>　　</u>` vanished) and wrote del/s as `~~…~~`, which the site (no strikethrough extension) shows as
  text beside words that read as in force. Now kept as the elements the site allows; `~~` on the page counts
  as shown markup in the import's comparison.
- The importer wrote every numbered list as `1. 2. 3.`: a list the browser numbered `a. b.`, `I. II.` or
  `一、二、` (`type`, `list-style-type`) changed its characters. Now its items are paragraphs with the number
  the reader saw, as text.
- tests/test_import.py ran `disclosure import` without PYTHONPATH: in a worktree it tested the installed
  checkout's importer, not the worktree's.

Tried and held: `*`/`_` placeholders (`张**`, `〔**〕`, `___年`), `\\|` in table cells, `<10件`/`>5件`
inside a line, `&` and entities, `[注]：` and `[2]`, `--`/`...`/straight quotes (no typographic
replacement), `（一）`/`1.`/`（1）`/`①` lines without a space, `+86`, `-5℃`, 附件 lists with a
full-width indent, `（此件公开发布）` after the date, 抄送 and 印发 lines, raw HTML tables with rowspan,
`D:\\公文\\_草稿`, `≥ ㎡ ℃ Ⅰ` characters.
"""

import re

import pytest

from disclosure.rules.fidelity import page_problems

from .sitekit import build, front_matter, paired_policy, write_site
from .test_fidelity import render

DOCUMENTS = {
    "half-bracket": "各单位要做好以下工作：\n1) 建立值班制度。\n2) 及时报送信息。\n",
    "signs": "#1号楼施工许可已办结。\n#A座外立面整治完成。\n>60岁的老人免费乘车。\n- #2机组检修完成。\n## 一、工作要求\n> 引自原文。\n",
    "mixed-lists": "- 指导思想\n1. 坚持问题导向。\n2. 坚持依法公开。\n\n- 工作原则\n",
    "circle-date": "各县区人民政府：\n现将有关事项通知如下。\n示例市人民政府\n二○二六年五月六日\n",
    "reply": "示例市交通运输局：\n你局《关于调整公交线路的请示》收悉。经研究，同意调整。\n此复\n示例市人民政府\n2026年5月6日\n",
    "angles": "请按<Word>格式报送，执行<GB 50016>规定，评为<A级>纳税人；正文<strong>加粗</strong>照常。\n",
    "joint": "各县区有关部门：\n现将有关事项通知如下。\n示例市财政局\n示例市教育局\n示例市人力资源和社会保障局\n"
             "示例市卫生健康委员会\n示例市医疗保障局\n2026年5月6日\n",
}


def problems(body: str) -> list[str]:
    return [f"{d.code}:{d.line}" for d in page_problems("a.md", body, 1, render(body))]


def blocks(html: str) -> list[tuple[str, str, str]]:
    """(tag, class, text) of every paragraph, heading and list item, in order."""
    return [(m.group(1), m.group(2) or "", re.sub(r"<[^>]+>", "", m.group(3)).strip())
            for m in re.finditer(r'<(p|h[1-6]|li)\b(?: class="([^"]*)")?[^>]*>(.*?)</\1>', html, re.S)]


# --- the Markdown step ---------------------------------------------------------------------------

def test_half_bracket_numbers_are_paragraphs_and_no_false_e601():
    body = DOCUMENTS["half-bracket"]
    assert [text for _, _, text in blocks(render(body))] == ["各单位要做好以下工作：", "1) 建立值班制度。", "2) 及时报送信息。"]
    assert problems(body) == []


def test_a_sign_before_a_digit_or_letter_is_text():
    shown = blocks(render(DOCUMENTS["signs"]))
    assert shown[:4] == [("p", "", "#1号楼施工许可已办结。"), ("p", "", "#A座外立面整治完成。"),
                         ("p", "", "&gt;60岁的老人免费乘车。"), ("li", "", "#2机组检修完成。")]
    assert shown[4] == ("h2", "", "一、工作要求") and "<blockquote>" in render(DOCUMENTS["signs"])


def test_a_hash_ending_a_heading_after_a_character_is_text():
    assert "<h2" in render("## 二、3#楼和5#") and ">二、3#楼和5#</h2>" in render("## 二、3#楼和5#")
    assert ">三、整改</h3>" in render("### 三、整改 ##")


@pytest.mark.parametrize("body, lists", [
    ("- 甲\n1. 乙", ["ul", "ol"]),
    ("1. 甲\n- 乙", ["ol", "ul"]),
    ("- 甲\n\n1. 乙\n\n- 丙", ["ul", "ol", "ul"]),
])
def test_bullets_and_numbers_are_lists_of_their_own(body, lists):
    page = render(body)
    assert re.findall(r"<(ul|ol)\b", page) == lists
    assert problems(body) == []


def test_spaces_inside_an_order_number_or_a_date_keep_the_layout():
    shown = blocks(render("示例市人民政府令\n第 12 号\n《示例市城市绿化管理办法》已经市政府常务会议审议通过，现予公布。\n"
                          "市长　王示例\n2026年5月 6日\n"))
    assert [css for _, css, _ in shown] == ["dc-centred", "dc-centred", "", "dc-signature", "dc-date"]


def test_a_signature_dated_with_a_white_circle_is_right_aligned():
    shown = blocks(render(DOCUMENTS["circle-date"]))
    assert shown[-2:] == [("p", "dc-signature", "示例市人民政府"), ("p", "dc-date", "二○二六年五月六日")]
    shown = blocks(render("示例县应急管理局\n二O一一年五月八日\n"))
    assert shown == [("p", "dc-signature", "示例县应急管理局"), ("p", "dc-date", "二O一一年五月八日")]


@pytest.mark.parametrize("closing", ["此复", "特此通知", "特此公告"])
def test_a_closing_formula_is_no_part_of_the_signature(closing):
    shown = blocks(render(f"经研究，同意调整。\n{closing}\n示例市人民政府\n2026年5月6日\n"))
    assert shown[1:] == [("p", "", closing), ("p", "dc-signature", "示例市人民政府"), ("p", "dc-date", "2026年5月6日")]


def test_every_agency_of_a_joint_document_signs_on_the_right():
    shown = blocks(render(DOCUMENTS["joint"]))
    assert [css for _, css, _ in shown] == ["dc-addressee", ""] + ["dc-signature"] * 5 + ["dc-date"]


def test_a_tag_like_text_is_shown_and_passes_the_check():
    from disclosure.text.markup import scan_body
    body = DOCUMENTS["angles"]
    assert "&lt;Word&gt;格式" in render(body) and "&lt;GB 50016&gt;" in render(body) and "<strong>加粗</strong>" in render(body)
    assert scan_body(body).unsafe == [] and problems(body) == []
    assert {item.what for item in scan_body("<script>x</script><iframe src=x></iframe>").unsafe} == \
        {"不允许的 HTML 标签 <script>", "不允许的 HTML 标签 <iframe>"}


def test_tag_like_text_a_raw_html_block_hides_is_e600():
    body = "<div>\n依据<GB 50016>执行\n</div>\n"
    assert problems(body) == ["E600:2"]


@pytest.mark.parametrize("body, shown", [
    ("| 项目 | 说明 |\n|---|---|\n| 备注 {待定} | {空} |", "<td>备注 {待定}</td>"),
    ("## 第一章 {总则}", ">第一章 {总则}</h2>"),
    ("**注意**{重要}事项", "<strong>注意</strong>{重要}事项"),
    ("说明\\{居中}", "<p>说明{居中}</p>"),
])
def test_text_in_braces_is_text(body, shown):
    assert shown in render(body) and problems(body) == []


def test_attribute_lists_still_set_attributes():
    assert '<td class="x">甲</td>' in render("| a |\n|---|\n| 甲 {: .x} |") and '<h2 id="biaoti">标题</h2>' in render("## 标题 {#biaoti}")


@pytest.mark.parametrize("body", ["- 事项 {居中}", "> 引文 {居右}"])
def test_a_layout_mark_where_it_does_not_work_is_e601(body):
    assert problems(body) == ["E601:1"]


def test_a_reference_definition_no_link_uses_is_text():
    body = "参考资料：\n[1]: https://www.gov.cn/zhengce/a.html\n[注2]: 示例市统计局2025年统计公报\n"
    assert "<p>[1]: https://www.gov.cn/zhengce/a.html</p>" in render(body) and "<p>[注2]: 示例市统计局2025年统计公报</p>" in render(body)
    assert problems(body) == []
    used = "见[国务院文件][1]和[2]。\n[1]: https://www.gov.cn/a.html\n[2]: https://www.gov.cn/b.html\n"
    assert render(used).count("<a href=") == 2 and "[1]:" not in render(used) and problems(used) == []


# --- the real strict build, every document at once ------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    files = paired_policy()
    for number, (name, body) in enumerate(DOCUMENTS.items(), start=1):
        files[f"notices/{name}.md"] = front_matter(body, title="关于做好汛期安全防范工作的通知", type="notice",
                                                   index_no=f"T001/2024-{200 + number:05d}", published="2024-05-06")
    root = write_site(tmp_path_factory.mktemp("review27e"), files)
    return root, build(root)


def page(root, name: str) -> str:
    html = (root / "site" / "notices" / name / "index.html").read_text(encoding="utf-8")
    return html[html.index('<div class="dc-body">'):html.index("</article>")]


def test_the_strict_build_publishes_every_document_as_written(built):
    root, run = built
    assert run.returncode == 0, run.output
    assert not [line for line in run.coded_lines() if " E6" in line]
    assert "<p>2) 及时报送信息。</p>" in page(root, "half-bracket")
    assert "<p>#1号楼施工许可已办结。</p>" in page(root, "signs") and "<h1" not in page(root, "signs")
    assert "<li>1. 坚持问题导向。" in page(root, "mixed-lists")
    assert 'class="dc-date">二○二六年五月六日' in page(root, "circle-date")
    assert "<p>此复</p>" in page(root, "reply")
    assert page(root, "joint").count('class="dc-signature"') == 5
    assert "&lt;Word&gt;格式" in page(root, "angles")


# --- the importer ---------------------------------------------------------------------------------

SAVED_PAGE = """<html><head><meta charset="utf-8"><title>关于做好住宅小区消防整治工作的通知</title></head><body>
<p>发布日期：2025-05-06　成文日期：2025-05-05　索引号：EX0001/2025-00801</p><div class="zw">
<p>各街道办事处：</p>
<p>请于6月底前报送整改情况，报表存放在D:\\公文\\_草稿\\2025，按&lt;Word&gt;格式填写。</p>
<p>详见附件[1](第3页)，`重要`事项另行通知，编码写作&amp;lt;A&amp;gt;。</p>
<p>表中_待定_的项目由*街道*确认，张**、李**负责汇总。</p>
<p>新增绿地12万m<sup>2</sup>，PM<sub>2.5</sub>限值为10<sup>-6</sup>；姓名：<u>　　　　</u>。</p>
<p>原定于<del>5月1日</del>的检查改为<ins>5月10日</ins>，<s>旧条款</s>废止。</p>
<ol type="a"><li>甲项。</li><li>乙项。</li></ol>
<ol style="list-style-type: cjk-ideographic"><li>巡查范围。</li><li>报送要求。</li></ol>
<ol start="3"><li>加强巡查。</li></ol>
<table border="1"><tr><th>楼号</th><th>问题</th></tr><tr><td>3#楼</td><td>_待定_</td></tr></table>
<p>特此通知。</p>
<p style="text-align:right">示例市消防救援支队</p>
<p style="text-align:right">2025年5月5日</p>
</div></body></html>
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from .test_import import SHAPE_CATALOGUE, TABLES, report_of, run_import
    folder = tmp_path_factory.mktemp("review27e-import")
    root = write_site(folder / "site", {}, catalogue=SHAPE_CATALOGUE, mkdocs_extra=TABLES)
    (folder / "p.html").write_text(SAVED_PAGE, encoding="utf-8")
    done = run_import(root, str(folder / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    return root, report_of(root, "r.json")["pages"][0], build(root)


def test_an_imported_page_shows_every_character_of_the_saved_one(imported):
    root, report, run = imported
    assert run.returncode == 0, run.output
    assert report["decisions"] == [], report["decisions"]
    html = (root / "site" / report["target"].removeprefix("content/").removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="dc-body">'):html.index("</article>")]
    for written in ("D:\\公文\\_草稿\\2025", "&lt;Word&gt;", "附件[1](第3页)", "`重要`", "&amp;lt;A&amp;gt;",
                    "表中_待定_的项目由*街道*确认，张**、李**负责汇总。", "<td>_待定_</td>"):
        assert written in body, written
    assert "<em>" not in body and "<code>" not in body and "<a " not in body
    for written in ("m<sup>2</sup>", "PM<sub>2.5</sub>", "10<sup>-6</sup>", "<u>　　　　</u>", "<del>5月1日</del>",
                    "<ins>5月10日</ins>", "<s>旧条款</s>"):
        assert written in body, written
    assert "~~" not in body
    for written in ("<p>a. 甲项。</p>", "<p>b. 乙项。</p>", "<p>一、巡查范围。</p>", "<p>二、报送要求。</p>", "3. 加强巡查。"):
        assert written in body, written


def test_the_import_names_text_its_markdown_would_lose():
    from disclosure.importer.shape import Shape, losses
    source = Shape(1, 0, 0, 0, "表中_待定_的项目由街道确认。")
    assert losses(source, Shape(1, 0, 0, 0, "表中待定的项目由街道确认。")) == ["文字 “_”、“_” 在页面上丢失或改变"]
    assert losses(source, Shape(1, 0, 0, 0, "表中_待定_的项目由街道确认。")) == []
