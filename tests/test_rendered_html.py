"""E401 from the rendered page: what Python-Markdown really produced passes an allow-list.

The source scanner reads Markdown its own way; each case here is one it misread (attr_list,
comments a browser ends early, code fences Markdown does not see, entities), so the build's
verdict must come from the HTML. Variants per class: the class matters, not the string.
"""

import html as html_text
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings, strategies as st
import yaml

from disclosure.rules.rendered import locate, removals

from .sitekit import REPO, build, paired_policy, policy, write_site

# MkDocs always adds toc, tables and fenced_code; the rest is what mkdocs.yml asks for.
_CONFIGURED = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
EXTENSIONS = ["toc", "tables", "fenced_code"] + [e if isinstance(e, str) else next(iter(e)) for e in _CONFIGURED]


def render(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


# Markdown the source scanner passes (today's build published it) but the browser runs.
SCANNER_BYPASSES = {
    "attr_list onclick": '第一条 正文。\n{: onclick="alert(1)" }\n',
    "attr_list href javascript": '见[说明](https://www.gov.cn/){: href="javascript:alert(1)" }。\n',
    "attr_list style url()": '## 背景 {: style="background:url(javascript:alert(1))" }\n\n说明。\n',
    "attr_list img onerror": '![示意图](a.png){: onerror="alert(1)" }\n',   # a.png: beside the page (E404 otherwise)
    "attr_list Material's ids": '说明。\n{: id="__config" }\n',
    "comment <!-->": '说明。\n\n<!--> <script>alert(1)</script> -->\n',
    "comment <!--->": '说明。\n\n<!---> <img src=x onerror=alert(1)> -->\n',
    "comment --!>": '说明。\n\n<!-- 注 --!> <script>alert(1)</script> -->\n',
    "comment kept as a note": '说明。\n\n<!-- 内部备注：待领导审阅 -->\n',
    "style expression": '<span style="width:expression(alert(1))">注意</span>\n',
}
# Caught by the scanner too; the rendered check must not depend on it.
OTHER_UNSAFE = {
    "fence never closed": '说明。\n\n```\n<script>alert(1)</script>\n',
    "fence tilde closed by backticks": '说明。\n\n~~~\n<script>alert(1)</script>\n```\n',
    # Not code to Python-Markdown's fenced_code, which the scanner now follows (text/markup.py).
    "fence indented one space": '说明。\n\n ```\n<script>alert(1)</script>\n ```\n',
    "fence closed with text after": '说明。\n\n```\n<script>alert(1)</script>\n```  完\n',
    "fence inside a list": '- 第一项\n\n   ```\n\n   <img src=x onerror=alert(1)>\n\n   ```\n',
    "markdown link with an entity": '[点此](&#106;avascript:alert(1))\n',
    "entity in href": '<a href="&#106;avascript:alert(1)">点</a>\n',
    "entity without semicolon": '<a href="&#106avascript&#58alert(1)">点</a>\n',
    "img onerror in a table cell": '| 项 | 值 |\n|---|---|\n| <img src=x onerror=alert(1)> | 1 |\n',
    "svg": '<svg><animate onbegin=alert(1) attributeName=x></svg>\n',
    "mathml": '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n',
    "formaction": '<button formaction="javascript:alert(1)">提交</button>\n',
    "srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>\n',
    "base": '<base href="https://evil.example/">\n',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">\n',
    "data: image": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">\n',
    "uppercase tag": '<SCRIPT>alert(1)</SCRIPT>\n',
    "uppercase attribute": '<P ONMOUSEOVER="alert(1)">文字</P>\n',
    "null byte in a tag": '<scr\0ipt>alert(1)</scr\0ipt>\n',
    "vbscript link": '[点](vbscript:msgbox(1))\n',
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n',
    "details ontoggle": '<details open ontoggle=alert(1)><summary>展开</summary></details>\n',
    "template": '<template><script>alert(1)</script></template>\n',
    "textarea": '<textarea><script>alert(1)</script></textarea>\n',
    "tab entity inside the scheme": '<a href="java&Tab;script:alert(1)">点</a>\n',
    "newline entity inside the scheme": '<a href="jav&#x0A;ascript:alert(1)">点</a>\n',
    "control character before the scheme": '<a href="&#x01;javascript:alert(1)">点</a>\n',
    "slash before the attribute": '<p/onclick=alert(1)>文字</p>\n',
    "custom element": '<x-tip onclick=alert(1)>文字</x-tip>\n',
    "xlink:href": '<a xlink:href="javascript:alert(1)">点</a>\n',
    "Material's id in raw HTML": '<div id="__drawer">文字</div>\n',
}
# What editors legitimately write: Markdown and the extensions of mkdocs.yml.
SAFE = {
    "prose": "第一条 为规范……，制定本办法。\n\n第二条 **加粗**、*强调*、`代码`。\n",
    "headings": "## 一、背景依据\n\n说明。\n\n### （一）主要内容 {: #main .note }\n\n说明。\n",
    "table with alignment": "| 项目 | 数量 |\n|:---|---:|\n| 收到申请 | 12 |\n| 合计 | 12 |\n",
    "links": "[指南](../guide.md)、[国务院](https://www.gov.cn/)、[邮件](mailto:a@example.gov.cn)、[电话](tel:0000-1234567)、[本页](#main)\n",
    "link opening a new tab": '[国务院](https://www.gov.cn/){: target="_blank" rel="noopener" }\n',
    "images": '![示意图](a.png "标题")\n\n![图](b.png){: width="300" .figure }\n',
    "admonition": '!!! note "注意"\n    内容。\n',
    "code fences": "```html\n<script>alert(1)</script>\n```\n\n~~~\n<img onerror=x>\n~~~\n",
    "indented code": "说明。\n\n    <script>alert(1)</script>\n",
    "allowed raw HTML": '<details><summary>展开</summary>内容 <sup>1</sup> <span style="color:red">注意</span></details>\n\n'
                        '<table><tr><td colspan="2">合并</td></tr></table>\n',
    "autolinks and comparisons": "访问 <https://www.gov.cn/> 或 <name@agency.gov.cn>；3 < 5 且 7 > 2。\n",
    "entities": "&copy; &lt;script&gt; &#x4E2D;\n",
}


@pytest.mark.parametrize("source", list(SCANNER_BYPASSES.values()) + list(OTHER_UNSAFE.values()),
                         ids=list(SCANNER_BYPASSES) + list(OTHER_UNSAFE))
def test_unsafe_rendered_html_is_found(source):
    assert removals(render(source))


def test_every_message_is_one_line():
    source = '<a href="jav&#x0A;ascript:alert(1)">点</a>\n\n<!-- 备注\n第二行 -->\n'
    assert all("\n" not in removal.what for removal in removals(render(source)))


@pytest.mark.parametrize("source", SAFE.values(), ids=SAFE.keys())
def test_what_markdown_legitimately_writes_passes_unchanged(source):
    assert removals(render(source)) == []


def test_extensions_an_agency_may_add_pass_unchanged():
    """Footnotes, abbreviations, definition lists and heading permalinks write allowed HTML too."""
    source = "## 标题\n\n正文[^1]。\n\n*[HTML]: 超文本标记语言\n\nHTML 说明。\n\n术语\n:   解释。\n\n[^1]: 注释内容。\n"
    rendered = markdown.Markdown(extensions=EXTENSIONS + ["footnotes", "abbr", "def_list", "md_in_html"],
                                 extension_configs={"toc": {"permalink": True}}).convert(source)
    assert 'class="headerlink"' in rendered and 'class="footnote"' in rendered
    assert removals(rendered) == []


def test_the_annual_report_table_passes():
    from jinja2 import Environment, FileSystemLoader
    template = Environment(loader=FileSystemLoader(REPO / "overrides"), autoescape=True) \
        .get_template("disclosure/partials/report-table2.html")
    table = template.render(rows=[{"label": "规章", "made": 1, "repealed": 0, "in_force": 3}])
    assert removals(render(f"说明。\n\n{table}\n\n说明。\n")) == []


def test_each_removal_is_placed_on_its_own_source_line():
    body = "第一段。\n\n```\n<script>示例</script>\n```\n\n<script>a()</script>\n\n正文\n{: onclick=\"b()\" }\n\n<script>c()</script>\n"
    placed = [(line, removal.what) for line, removal in locate(removals(render(body)), body)]
    assert [line for line, what in placed if "<script>" in what] == [7, 12]
    assert [line for line, what in placed if "onclick" in what] == [10]


def test_the_build_fails_on_every_bypass_with_file_and_line(tmp_path):
    # a.png is shown by a page of its own too: removing the bypass that shows it must not leave it unreferenced (E111)
    files = {**paired_policy(), "notices/a.png": b"\x89PNG\r\n\x1a\n",
             "notices/pic.md": policy(index_no="T001/2024-00099", type="notice", body="第一条 正文。\n\n![示意图](a.png)\n",
                                      doc_no=None, issued=None, validity=None)}
    expected = []
    for number, (name, source) in enumerate(SCANNER_BYPASSES.items(), start=10):
        text = policy(index_no=f"T001/2024-{number:05d}", type="notice", body="第一条 正文。\n\n" + source,
                      doc_no=None, issued=None, validity=None)
        files[f"notices/n{number}.md"] = text
        first = next(i for i, line in enumerate(text.split("\n"), start=1)
                     if re.search(r"on[a-z]+=|avascript|<!|<script|expression|__config", line, re.I))
        expected.append(f"content/notices/n{number}.md:{first}: E401 ")
    root = write_site(tmp_path, files, mkdocs_extra={"markdown_extensions": ["attr_list", "admonition"]})
    # A bypass the source scan already sees (an HTML comment) stops the build before any page renders: the editor
    # fixes those first, and the next build names the rest. Every bypass is named by one of the builds.
    named, missing = [], expected
    while missing:
        run = build(root, strict=False)
        assert run.returncode != 0, run.output
        assert "Traceback" not in run.output and not (root / "site").exists()
        found = [prefix for prefix in missing if any(line.startswith(prefix) for line in run.coded_lines())]
        assert found, (missing, run.output)   # every build that fails names one of them at least
        named += found
        missing = [prefix for prefix in missing if prefix not in found]
        for prefix in found:
            (root / prefix.split(":")[0]).unlink()
    assert sorted(named) == sorted(expected)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head, self.meta, self.scripts, self.title = True, {}, [], ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content")
        if tag == "script":
            self.scripts.append(attrs)
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def test_index_md_front_matter_stays_text_in_the_built_head(tmp_path):
    """`description:` of a hand-written index.md goes into Material's <meta> unescaped unless we escape it."""
    breakout = '"><script>alert(1)</script><meta name="x'
    files = paired_policy()
    files["index.md"] = "---\n" + yaml.safe_dump({"title": "首页</title><script>alert(2)</script>",
                                                  "description": breakout}, allow_unicode=True) + "---\n\n欢迎。\n"
    root = write_site(tmp_path, files)
    run = build(root)
    assert run.returncode == 0, run.output
    head = _Head()
    head.feed((root / "site" / "index.html").read_text(encoding="utf-8"))
    assert head.meta["description"] == breakout
    assert "x" not in head.meta
    assert "<script>alert(2)</script>" in html_text.unescape(head.title)
    assert all(script.get("src") or script.get("type") == "application/json" for script in head.scripts), head.scripts


def test_a_template_printing_front_matter_unescaped_stops_the_build(tmp_path):
    """The finished page is checked too: should a template (ours, Material's) ever print a front-matter value raw,
    the value's file and line are named (E403). An agency's own edit of a template is refused before anything
    renders (E406, round eighteen: a template is code the gate does not review); the net behind it stays."""
    import shutil

    from disclosure.rules.rendered import risky_texts, unescaped_texts
    overrides = shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    main = overrides / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}{% if page %}{{ page.file.content_string.split('---')[1] }}{% endif %}"), encoding="utf-8")
    files = paired_policy()
    files["policies/a.md"] = policy(title='测试办法" autofocus onfocus="alert(1)', summary="摘要<img src=x onerror=alert(1)>")
    theme = {"name": "material", "language": "zh", "font": False, "custom_dir": str(overrides)}
    root = write_site(tmp_path / "site-repo", files, mkdocs_extra={"theme": theme})
    run = build(root, strict=False)
    assert run.returncode != 0 and any(" E406 " in line and "main.html" in line for line in run.coded_lines()), run.output
    assert not (root / "site").exists()
    meta = {"title": '测试办法" autofocus onfocus="alert(1)', "summary": "摘要<img src=x onerror=alert(1)>"}
    texts = risky_texts("content/policies/a.md", meta, lambda key: {"title": 2, "summary": 9}[key])
    page = f'<html><head><title>{meta["title"]}</title></head><body><p>{meta["summary"]}</p></body></html>'
    lines = [diagnostic.as_text() for diagnostic in unescaped_texts(texts, page, "正文。", "policies/a/index.html")]
    assert any(line.startswith("content/policies/a.md:2: E403 ") and "title" in line for line in lines), lines
    assert any(line.startswith("content/policies/a.md:9: E403 ") and "summary" in line for line in lines), lines


def test_an_exception_inside_the_sanitiser_callback_is_raised_not_lost(monkeypatch):
    """nh3 calls the attribute filter from Rust, which would print and drop an exception there: a stop
    signal (Ctrl-C, SIGTERM) landing in it would be lost and the attribute reported as removed."""
    from disclosure.rules import rendered

    def interrupted(tag, name, value):
        raise KeyboardInterrupt

    monkeypatch.setattr(rendered, "_allowed_attribute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rendered.as_allowed('<h2 id="一背景依据">一、背景依据</h2>')


def test_a_stop_signal_inside_the_sanitiser_callback_is_kept_for_the_next_page(monkeypatch, capfd):
    """A signal landing in the callback, even before its `try`, must not raise there: it would be printed
    by Rust and lost. The page is sanitised as usual and the build's next check raises the signal."""
    import os
    import signal

    from mkdocs.exceptions import PluginError

    from disclosure.mkdocs_adapter.stopping import SignalGuard
    from disclosure.rules import rendered

    kept = rendered._allowed_attribute

    def signalled(tag, name, value):
        os.kill(os.getpid(), signal.SIGTERM)   # the handler runs at once, inside this callback
        return kept(tag, name, value)

    monkeypatch.setattr(rendered, "_allowed_attribute", signalled)
    guard = SignalGuard()
    guard.install()
    try:
        html = '<h2 id="一背景依据">一、背景依据</h2>'
        assert rendered.as_allowed(html) == html
        with pytest.raises(PluginError, match="终止"):
            guard.check()
    finally:
        guard.restore()
    assert "Traceback" not in capfd.readouterr().err


# Pieces the quick frame scan's patterns are made of (and their neighbours): strings of them meet each
# pattern at the start, the end and amid other text.
_SCAN_PIECES = ["on", "onclick", "action", "title", "style", "dir", "ltr", "=", " ", "\t", "\n", '"', "'", "/",
                "x", "a", "t", "e", "s", ":", "\x00", "\x1f", "\x7f", "<", "&lt", "&#", "_", "9", "é", "正文"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=14).map("".join))
def test_the_quick_scans_patterns_rewritten_for_speed_find_what_the_originals_find(text):
    """The quick scan of finished pages (rules/rendered.py, _plainly_inert) writes its patterns that began
    with a character class or \\b to begin with their literal (the class in a lookbehind), and looks for
    `[tae][blanks]*:` on the reversed page: on every string each finds a match exactly when its original does."""
    from disclosure.rules.rendered import _LITERAL_FIRST, _MAYBE_RISKY, _REVERSED
    originals = {pattern.pattern for pattern in _MAYBE_RISKY}
    assert set(_LITERAL_FIRST) <= originals and set(_REVERSED) <= originals   # none left behind by an edit
    for original, rewritten in _LITERAL_FIRST.items():
        assert bool(re.search(original, text)) == bool(re.search(rewritten, text)), (original, text)
    for original, reversed_ in _REVERSED.items():
        assert bool(re.search(original, text)) == bool(re.search(reversed_, text[::-1])), (original, text)


_EMBED_PIECES = ["src", "SRC", "Src", "srcset", "poster", "POSTER", "data", "DaTa", "background", "<image", "<IMAGE", "<use",
                 "<link", "<LINK", "<feImage", "mermaid", "MERMAID", "=", " ", "\t", "\n", "\x0c", "<", "s", "ſ", "\u212a",
                 "ı", "İ", "lowsrc", "正文", "é", "x"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_EMBED_PIECES), max_size=10).map("".join))
def test_the_quick_look_for_an_embedding_agrees_with_the_case_blind_one(text):
    """E404's quick look (`_may_embed`) searches the lowered body part by part (fast), the case-blind pattern
    on a body holding K ı İ ſ: on every string it says what `_MAY_EMBED` with re.I says."""
    from disclosure.rules.rendered import _MAY_EMBED, _may_embed
    assert _may_embed(text) == bool(_MAY_EMBED.search(text)), text


def test_what_markdown_writes_is_seen_as_plainly_allowed_and_no_bypass_is():
    """The sanitiser passes are skipped for a body `plainly_allowed` clears: Markdown's prose, headings and
    aligned tables are cleared; no body holding anything the allow-list removes is."""
    from disclosure.rules.rendered import plainly_allowed
    for name in ("prose", "headings", "table with alignment", "admonition", "code fences", "indented code"):
        assert plainly_allowed(render(SAFE[name])), name
    for name, source in {**SCANNER_BYPASSES, **OTHER_UNSAFE}.items():
        assert not plainly_allowed(render(source)), name


# Bodies of tags the allow-list keeps and removes, with attributes it keeps and removes, spelt as Markdown writes
# them and otherwise, between pieces of text and of broken markup.
_TAG_NAMES = ["p", "h2", "td", "tr", "table", "col", "br", "img", "a", "span", "del", "ol", "time", "details", "script",
              "style", "svg", "math", "textarea", "noscript", "x-tip", "P", "iframe"]
_ATTRIBUTES = [' id="a"', ' id="__config"', ' id=" __x"', ' class="mermaid"', ' class="x y"', ' style="color:red"',
               ' style="background:url(x)"', ' style="text-align: left;"', ' title="a"', ' onclick="x"', ' href="x"',
               ' src="https://a.example/x.png"', ' src="javascript:x"', ' href="vbscript:x"', ' cite="javascript:x"', ' cite="https://a.example/"', ' target="_blank"',
               ' datetime="2024"', ' start="2"', ' open', ' alt="图"', ' lang="en"', ' data-x="1"', ' rel="x"', " id='a'",
               ' id="&#95;_x"', ' ID="a"', 'id="a"']
_TEXT_PIECES = ["文字", " ", "\n", "<", ">", "</", "</ p>", "</3", "<?x>", "<!--", "-->", "<!", "&lt;", "&amp;", "&#106;",
                '"', "=", "\x00", "javascript:"]
_TAG = st.builds(lambda closing, name, attributes, end: f"<{closing}{name}{''.join(attributes)}{end}",
                 st.sampled_from(["", "/"]), st.sampled_from(_TAG_NAMES), st.lists(st.sampled_from(_ATTRIBUTES), max_size=3),
                 st.sampled_from([">", "/>", " />", " >", ""]))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(_TAG, st.sampled_from(_TEXT_PIECES)), max_size=8).map("".join))
def test_a_body_plainly_allowed_loses_nothing_to_the_allow_list(html):
    """`plainly_allowed` (rules/rendered.py) lets the build skip both sanitiser passes: whatever it clears,
    the passes find nothing to remove either."""
    from disclosure.rules.rendered import plainly_allowed
    if plainly_allowed(html):
        assert removals(html) == [], html


def test_every_tag_with_up_to_two_attributes_plainly_allowed_loses_nothing():
    """The same, for every tag above with every one or two of the attributes, in every spelling of its end."""
    from itertools import product

    from disclosure.rules.rendered import plainly_allowed
    cleared = 0
    for name, first, second, end in product(_TAG_NAMES, [""] + _ATTRIBUTES, [""] + _ATTRIBUTES, [">", "/>", " />"]):
        html = f"<{name}{first}{second}{end}文字</{name}>"
        if plainly_allowed(html):
            cleared += 1
            assert removals(html) == [], html
    assert cleared > 1000   # the fast path is taken
