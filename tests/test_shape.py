"""Shape is part of fidelity: one line is one paragraph, and E601 fails a page that lost the shape."""

import re

import pytest

from disclosure.text.paragraphs import TEXT_KINDS, as_paragraphs, read_lines
from disclosure.rules.fidelity import shape_problems

from .hookkit import plant
from .seeds import seed_names, seed_texts
from .sitekit import build, front_matter, paired_policy, write_site
from .test_fidelity import SITE_EXTENSIONS, render

# A fictional notice as Word copies it: one paragraph per line, no blank line, a first-line indent.
WORD_NOTICE = """\
各县区应急管理局，局机关各科室：
　　为做好汛期安全防范工作，现将有关事项通知如下。
一、提高思想认识
　　各单位要充分认识汛期安全工作的重要性。
二、落实工作责任
　　（一）主要负责人是本单位汛期安全第一责任人。
　　（二）分管负责人具体负责。
1.建立值班制度。
2.及时报送信息。
示例市应急管理局
2026年5月6日
"""


def page_blocks(html: str) -> list[str]:
    """The text of every paragraph, heading, list item and table cell of a rendered page, in order."""
    return [re.sub(r"<[^>]+>", "", m.group(2)).strip()
            for m in re.finditer(r"<(p|h[1-6]|li|td|th)\b[^>]*>(.*?)</\1>", html, re.S)]


def word_copy(text: str) -> str:
    """A seed as Word puts it on the clipboard: every paragraph on one line, no blank lines."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def source_paragraphs(text: str) -> int:
    return sum(1 for line in read_lines(text) if line.kind in TEXT_KINDS)


# --- how a line is read -----------------------------------------------------------------------

def test_text_pasted_from_word_keeps_every_paragraph():
    blocks = page_blocks(render(WORD_NOTICE))
    assert blocks == [line.strip("\u3000") for line in WORD_NOTICE.strip().split("\n")]


def test_plain_markdown_made_the_pasted_notice_one_paragraph():
    """What the site did before: the whole notice one <p> (the rule below catches it)."""
    page = render(WORD_NOTICE, SITE_EXTENSIONS)
    assert len(page_blocks(page)) == 1
    problems = shape_problems("content/a.md", WORD_NOTICE, 1, page)
    assert [d.line for d in problems] == list(range(2, 12)) and {d.code for d in problems} == {"E601"}
    assert "没有单独成段" in problems[0].message and "另有" not in problems[-1].message


@pytest.mark.parametrize("body, wanted", [
    ("## 一、总体要求\n正文一。\n### （一）目标\n正文二。", "<h2>一、总体要求</h2><p>正文一。</p><h3>（一）目标</h3><p>正文二。</p>"),
    ("说明如下：\n| 项目 | 数量 |\n|---|---|\n| 规章 | 3 |\n| 文件 | 4 |\n表后正文。",
     "<p>说明如下：</p><table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr><td>规章</td><td>3</td></tr>"
     "<tr><td>文件</td><td>4</td></tr></tbody></table><p>表后正文。</p>"),
    ("要求：\n- 甲\n- 乙\n丙。", "<p>要求：</p><ul><li>甲</li><li>乙</li></ul><p>丙。</p>"),
    ("1. 甲\n2. 乙\n\n    乙的说明", '<ol class="numbered-as-written"><li>1. 甲</li><li><p>2. 乙</p><p>乙的说明</p></li></ol>'),
    ("> 引文一\n> 引文二", "<blockquote><p>引文一</p><p>引文二</p></blockquote>"),
    ("第一行\n{: .x }", '<p class="x">第一行</p>'),
    ("第一行\n{注：见附件}", "<p>第一行</p><p>{注：见附件}</p>"),   # braces around text are text
    ("正文\n标题\n---", "<p>正文</p><h2>标题</h2>"),
    ("!!! note \"提示\"\n    甲\n    乙", '<div class="admonition note"><p class="admonition-title">提示</p><p>甲</p><p>乙</p></div>'),
    ("    首行缩进四格的段落\n下一段", "<p>首行缩进四格的段落</p><p>下一段</p>"),
    ("- 甲\n    - 乙\n    - 丙\n- 丁", "<ul><li>甲<ul><li>乙</li><li>丙</li></ul></li><li>丁</li></ul>"),
    ("- 甲\n  甲的说明\n丙", "<ul><li><p>甲</p><p>甲的说明</p></li></ul><p>丙</p>"),
    ("> 说明：\n> | 项 | 数 |\n> |---|---|\n> | 甲 | 1 |",
     "<blockquote><p>说明：</p><table><thead><tr><th>项</th><th>数</th></tr></thead><tbody><tr><td>甲</td><td>1</td></tr>"
     "</tbody></table></blockquote>"),
    ("!!! note \"提示\"\n    甲\n    | 项 | 数 |\n    |---|---|\n    | 乙 | 2 |",
     '<div class="admonition note"><p class="admonition-title">提示</p><p>甲</p><table><thead><tr><th>项</th><th>数</th></tr>'
     "</thead><tbody><tr><td>乙</td><td>2</td></tr></tbody></table></div>"),
])
def test_markdown_written_on_purpose_keeps_its_meaning(body, wanted):
    assert re.sub(r"\n|\s(?:id)=\"[^\"]*\"", "", render(body)) == wanted


def test_reading_is_the_same_twice():
    assert as_paragraphs(as_paragraphs(WORD_NOTICE)) == as_paragraphs(WORD_NOTICE)


# --- the seeds as an editor pastes them ----------------------------------------------------------

@pytest.mark.parametrize("name", seed_names())
def test_each_seed_pasted_as_word_copies_it_keeps_every_paragraph(name):
    body = word_copy(seed_texts()[name])
    page = render(body)
    assert len(page_blocks(page)) == source_paragraphs(body) == len(body.split("\n"))
    assert shape_problems(name, body, 1, page) == []


@pytest.mark.parametrize("name", seed_names())
def test_each_seed_as_plain_markdown_renders_it_is_caught(name):
    body = word_copy(seed_texts()[name])
    problems = shape_problems(name, body, 1, render(body, SITE_EXTENSIONS))
    assert problems and problems[0].line == 2 and "没有单独成段" in problems[0].message


# --- the rule on broken pages ---------------------------------------------------------------------

@pytest.mark.parametrize("body, page, line, said", [
    ("## 一、总体要求\n正文。", "<p>## 一、总体要求</p><p>正文。</p>", 1, "不是标题"),
    ("| 项目 | 数量 |\n|---|---|\n| 规章 | 3 |", "<p>| 项目 | 数量 |<br>|---|---|<br>| 规章 | 3 |</p>", 1, "不是表格"),
    ("甲。\n乙。", "<p>甲。\n乙。</p>", 2, "没有单独成段"),
    ("甲。\n乙。", "<h2>甲。</h2><p>乙。</p>", 1, "成了标题"),
    ("正文。", "<p>正文。</p><p>|</p>", 1, "表格竖线"),
    ("**注意**：盖章。", "<p>**注意**：盖章。</p>", 1, "加粗符号"),
    ("＃＃ 一、总体要求\n正文。", None, 1, "须是半角 #"),
])
def test_lost_shape_is_e601_on_its_line(body, page, line, said):
    problems = shape_problems("content/a.md", body, 1, page or render(body))
    assert problems and problems[0].code == "E601" and problems[0].line == line and said in problems[0].message


@pytest.mark.parametrize("body", [
    "公示对象：张**、李**。\n依据银纪发〔**〕40号。",
    "转义的\\*\\*不是加粗\\*\\*",
    "竖线\\|照原样",
    WORD_NOTICE,
])
def test_text_that_only_looks_like_markup_is_no_loss(body):
    assert shape_problems("content/a.md", body, 1, render(body)) == []


# --- in the build ---------------------------------------------------------------------------------

def notice(body: str) -> str:
    return front_matter(body, title="关于做好汛期安全防范工作的通知", type="notice", index_no="T001/2024-00009",
                        published="2024-05-06")


def test_a_word_paste_builds_with_every_paragraph_on_the_page(tmp_path):
    files = paired_policy()
    files["notices/a.md"] = notice(WORD_NOTICE)
    root = write_site(tmp_path, files)
    run = build(root)
    assert run.returncode == 0, run.output
    html = (root / "site" / "notices" / "a" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("各县区应急管理局"):html.index("2026年5月6日") + 20]
    assert len(page_blocks("<p>" + body)) == 11


def test_a_build_whose_page_joins_the_lines_fails_with_e601(tmp_path):
    files = paired_policy()
    files["notices/a.md"] = notice("第一段。\n\n第二段。\n")
    root = write_site(tmp_path, files)
    # Something after the plugin's own Markdown step (a foreign extension or hook is refused, E406):
    # the two paragraphs reach the renderer as one.
    joins = plant(tmp_path / "planted", "on_page_markdown", 'return args[0].replace("第一段。\\n\\n第二段。", "第一段。第二段。")')
    run = build(root, env=joins)
    assert run.returncode != 0
    assert [line.split(" E601 ")[0] for line in run.coded_lines() if " E601 " in line] == ["content/notices/a.md:9:"]
    assert not (root / "site" / "notices" / "a" / "index.html").exists()


@pytest.fixture(scope="module")
def word_seeds_site(tmp_path_factory):
    """The five seeds as an editor publishes them: pasted from Word into a notice, nothing added."""
    files = paired_policy()
    for number, (name, text) in enumerate(sorted(seed_texts().items()), start=1):
        files[f"notices/{name}.md"] = front_matter(word_copy(text) + "\n", title=text.strip().split("\n", 1)[0][:40],
                                                   type="notice", index_no=f"T001/2024-{100 + number:05d}", published="2024-05-01")
    root = write_site(tmp_path_factory.mktemp("word-seeds"), files)
    return root, build(root, strict=False)   # seed 004's conversion damage is a warning (W601)


@pytest.mark.parametrize("name", seed_names())
def test_each_seed_published_as_pasted_keeps_every_paragraph_on_the_page(word_seeds_site, name):
    root, run = word_seeds_site
    assert run.returncode == 0 and not [line for line in run.coded_lines() if " E" in line], run.output
    html = (root / "site" / "notices" / name / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="dc-body">'):html.index("</article>")]
    source = word_copy(seed_texts()[name])
    assert len(page_blocks(body)) == len(source.split("\n")) > 30
