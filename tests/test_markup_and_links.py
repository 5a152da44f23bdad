"""E401 unsafe HTML and E500 dead links: the check finds them with their lines; the build fails."""

import pytest

from disclosure.text.markup import unsafe_markup

from .sitekit import build, check, paired_policy, policy, write_site

UNSAFE = [
    "<script>alert(1)</script>",
    '<iframe src="https://example.com/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="/x"><input name="q"></form>',
    "<style>body{display:none}</style>",
    '<img src="a.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">点击</a>',
    '<a href="java\tscript:alert(1)">点击</a>',
    '<a href="JaVaScRiPt&colon;alert(1)">点击</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    "[点击查看](javascript:alert(1))",
    "![图](data:text/html;base64,PHNjcmlwdD4=)",
    '<div onclick="steal()">内容</div>',
    "<svg><script>alert(1)</script></svg>",
]
SAFE = [
    "普通段落，含 <strong>加粗</strong> 和 <br> 换行。",
    '<table><tr><td colspan="2">合并单元格</td></tr></table>',
    '<a href="../guide/guide.md" title="指南">指南</a>',
    "访问 <https://www.gov.cn/> 或发邮件至 <name@agency.gov.cn>。",
    "代码示例：`<script>` 标签不会执行。",
    "```html\n<script>alert(1)</script>\n```",
    "[国务院网站](https://www.gov.cn/)",
    "数学比较：3 < 5 且 7 > 2。",
    '<span style="color:red">注意</span>',
    '<details><summary>展开</summary>内容</details>',
]


@pytest.mark.parametrize("html", UNSAFE)
def test_unsafe_markup_is_found(html):
    assert unsafe_markup(html)


@pytest.mark.parametrize("html", SAFE)
def test_safe_markup_passes(html):
    assert unsafe_markup(html) == []


def test_check_reports_unsafe_html_with_its_line(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(body="第一条 正文。\n\n<script>alert('x')</script>\n\n[下载](javascript:void(0))\n")
    run = check(write_site(tmp_path, files))
    assert run.returncode == 1
    lines = run.coded_lines()
    assert any(line.startswith("content/policies/a.md:12: E401 ") and "<script>" in line for line in lines), run.output
    assert any(line.startswith("content/policies/a.md:14: E401 ") for line in lines), run.output


def test_check_reports_dead_links_and_links_to_withheld_files(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(body="第一条 见[解读](../interpretations/b.md)。\n\n见[内部文件](secret.md)。\n\n"
                                         "见[首页](/index.md)。\n\n见[解读](../interpretations/a.md)。\n")
    files["policies/secret.md"] = policy(index_no="T001/2024-00009", disclosure="不予公开", reason="内部事务信息",
                                         doc_no="测市监规〔2024〕9号")
    run = check(write_site(tmp_path, files))
    dead = [line for line in run.coded_lines() if " E500 " in line]
    assert any(line.startswith("content/policies/a.md:10: E500 ") and "是否应为 ../interpretations/a.md" in line
               for line in dead), run.output
    assert any(line.startswith("content/policies/a.md:12: E500 ") and "不主动公开" in line for line in dead), run.output
    assert any(line.startswith("content/policies/a.md:14: E500 ") and "相对路径" in line for line in dead), run.output
    assert len(dead) == 3, run.output


def test_build_reports_a_missing_anchor_in_our_format_and_keeps_the_old_site(tmp_path):
    files = paired_policy()
    root = write_site(tmp_path, files)
    assert build(root).returncode == 0
    before = (root / "site" / "index.html").read_bytes()
    (root / "content" / "policies" / "a.md").write_text(
        policy(body="第一条 见[解读的背景](../interpretations/a.md#不存在的标题)。\n"), encoding="utf-8")
    for strict in (True, False):
        run = build(root, strict=strict)
        assert run.returncode != 0, run.output
        assert any(line.startswith("content/policies/a.md:10: E500 ") and "不存在的标题" in line
                   for line in run.coded_lines()), run.output
        assert "Traceback" not in run.output
    assert (root / "site" / "index.html").read_bytes() == before


def test_markup_in_front_matter_is_shown_as_text_never_run(tmp_path):
    """Titles, 文号 and summaries are editor text: every page escapes them (the body is checked by E401)."""
    hostile = '<img src=x onerror="alert(1)">'
    files = paired_policy()
    files["policies/a.md"] = policy(title=f"测试办法{hostile}", summary=f"摘要{hostile}")
    root = write_site(tmp_path, files, search=True)
    run = build(root)
    assert run.returncode == 0, run.output
    for page in (root / "site").rglob("*.html"):
        assert "onerror=\"alert(1)\">" not in page.read_text(encoding="utf-8"), page
    assert "&lt;img src=x" in (root / "site" / "policies" / "a" / "index.html").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ElementTree
    feed = ElementTree.parse(root / "site" / "feed.xml").getroot()  # still well-formed XML
    assert any(hostile in (e.text or "") for e in feed.iter("{http://www.w3.org/2005/Atom}title"))


def test_hand_written_section_pages_are_checked_too(tmp_path):
    files = paired_policy()
    files["index.md"] = "---\ntitle: 首页\n---\n\n欢迎。\n\n<script>alert(1)</script>\n\n咨询手机 13800138000，见[指南](guide.md)。\n"
    run = check(write_site(tmp_path, files))
    lines = run.coded_lines()
    assert any(line.startswith("content/index.md:7: E401 ") for line in lines), run.output
    assert any(line.startswith("content/index.md:9: E400 ") for line in lines), run.output
    assert any(line.startswith("content/index.md:9: E500 ") for line in lines), run.output


def test_a_footnote_is_refused_with_what_to_write_instead(tmp_path):
    """A footnote written as Markdown's (`[^1]: …`) is a link definition to Python-Markdown without the footnotes
    extension, and renumbered at the page's end with it: the line says it is a footnote and how to write the note
    (before, it said a file named by the note's text did not exist). The build says the same as the check."""
    files = paired_policy()
    files["policies/a.md"] = policy(body="第一条 全年完成隐患动态清零[^1]。\n\n[^1]: 动态清零指发现一处、整改一处、销号一处。\n")
    root = write_site(tmp_path, files)
    for run in (check(root), build(root)):
        assert run.returncode != 0, run.output
        found = [line for line in run.coded_lines() if line.startswith("content/policies/a.md:12: E500 ")]
        assert found and "脚注" in found[0] and "注：" in found[0], run.output
        assert "Traceback" not in run.output


ATTRIBUTE_LISTS = [
    '本段说明。\n{: onclick="alert(1)" }',
    '本段说明。\n{: .note onmouseover=alert(1) }',
    '[办事指南](https://www.example.com/){: href="javascript:alert(1)" }',
    '## 一、总则 { ONCLICK=\'alert(1)\' }',
]


@pytest.fixture(scope="module")
def attribute_lists(tmp_path_factory):
    """Each attribute list in its own policies/a.md, all in one site, checked once and built once."""
    from .batchkit import cases_site, checked_and_built
    return checked_and_built(cases_site(tmp_path_factory.mktemp("attribute-lists"), {
        written: {**paired_policy(), "policies/a.md": policy(body=f"## 一、总则\n\n{written}\n")} for written in ATTRIBUTE_LISTS},
        mkdocs_extra={"markdown_extensions": ["attr_list", "toc", "tables"]}))


@pytest.mark.parametrize("written", ATTRIBUTE_LISTS)
def test_an_attribute_lists_event_handler_or_unsafe_address_is_refused_by_the_check_as_by_the_build(attribute_lists, written):
    """attr_list writes `{: onclick=… }` into the element: the build refused the rendered attribute (E401), the check,
    which reads the source, passed it (round 26a)."""
    checked, built = attribute_lists
    prefix = checked.path(written, "policies/a.md") + ":"
    assert checked.run.returncode == 1 and any(" E401 " in line and line.startswith(prefix)
                                               for line in checked.run.stdout.splitlines()), checked.run.output
    assert built.run.returncode != 0 and "Traceback" not in built.run.output, built.run.output
    assert "E401" in built.codes(written, "policies/a.md"), built.run.output   # this case's own, not another's


def test_an_attribute_list_of_classes_and_ids_passes_the_check(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(body="## 一、总则 {#general}\n\n本段说明。\n{: .lead title=\"说明\" }\n")
    run = check(write_site(tmp_path, files, mkdocs_extra={"markdown_extensions": ["attr_list", "toc", "tables"]}))
    assert " E401 " not in run.stdout, run.output


def test_a_loading_class_is_looked_for_as_in_the_body_lowered():
    """`_may_name_a_loading_class` lowers only a body holding every letter of a name (round 37a, for speed): it must
    agree with `name in body.lower()`, so every character whose lowercase holds an ASCII letter must be among the
    letter's `lowered_from` (checked over every code point)."""
    import re
    import sys

    from disclosure.text.markup import THEME_LOADING_CLASSES, _may_name_a_loading_class, lowered_from

    ascii_letter = re.compile("[a-z]").findall
    for character in map(chr, range(sys.maxunicode + 1)):
        for letter in ascii_letter(character.lower()):
            assert character in lowered_from(letter), hex(ord(character))
    name = next(iter(THEME_LOADING_CLASSES))
    for body in ["", "普通段落。", name, name.upper(), f"```{name.title()}\n图\n```", "\u212a" + name[1:],
                 "\u0130" + name, "m" * 3, f"前文{name[:3]}后文", f"{{: .{name.swapcase()} }}", "ｍermaid"]:
        assert _may_name_a_loading_class(body) == any(n in body.lower() for n in THEME_LOADING_CLASSES), body
