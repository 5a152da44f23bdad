"""Round thirty-three (c) of the adversarial review (issue 24): `disclosure check` (what editors run on a pull request)
against the build, differentially (test_redteam31b's method: many short bodies in one site, the check's and the
build's coded lines compared; the bodies the check passes built again in a site of their own, where the build reads
every page), with body shapes rounds 31b–32b did not try; and closing16's "Left" of accounts, dates, supersession and
the copyright.

Fixed (each failed on main, d59b6de) —
- (rules/files.py `_refused_markup_written`) pymdownx.tasklist (`- [x] 已完成`), pymdownx.tabbed (`=== "一"`),
  pymdownx.blocks.tab (`/// tab`) and pymdownx.arithmatex (default `generic: false`: each formula in a <script>): the
  check passed every page using them, the build refused each (E401, `<input>`, `<label>`, `data-tabs`, `<script>`,
  "请删除，或改用 Markdown 写法" for what is Markdown). Both name the extension's line of mkdocs.yml now (E406) with
  what to write instead; arithmatex with `generic: true` (formulas as text) stays. Likewise wikilinks (`1380013[[8000]]`:
  a link to /8000/, E500 and E400 at the build only) and legacy_em (`文件_附件_说明`: the underscores read as emphasis
  and dropped, E600 at the build only; without it Python-Markdown leaves intraword underscores as written).
- (text/markup.py `_IMAGE_SHOWN`, `_IMAGE_LEFT_OUT`) an image between digits or inside a link's text around them
  (`1380013![图](a.png)8000`, `[1380013![图](a.png)](#x)8000`, `[![1380013](a.png)](#x)8000`, `1380013[![图](a.png)8000](#x)`):
  the build reads the page once with each image's alt and once without it and refused the mobile (E400), the check's
  joined reading took `![…](…)` for no markup (its `(?<!!)`) and passed it. Both readings now, of an image by
  reference (`![图][i]`, `![图][]`, `![图]`) too. And (content/host_settings.py `_MARKS_OF`, text/markup.py
  `ATTRIBUTE_LISTS`) an attribute list right after a link or an image where attr_list is enabled
  (`[1380013](#x){: .y }8000`, `1380013![图](a.png){: width=10 }8000`): left out of the page, one number (build only);
  without attr_list the page shows it and neither joins.
- (text/markup.py `_AUTOLINK`; rules/personal_data/rendered.py `_DIGIT_REFERENCE`) an e-mail autolink after digits
  (`1380013<8000@x.cn>`: the page shows 13800138000@x.cn, a mobile, as `电话<13800138000@qq.com>` is one): passed by both.
  Python-Markdown writes the autolink's every character as a numeric reference (`&#56;&#48;…`), and the build's quick
  test, reading the page as written, saw seven digits and skipped the page; the check read `<…>` as no text. The check
  reads an autolink's address as shown; the build's quick test decodes digit references.
- (rules/markup_links.py `_HEADING_ID`, `_heading_id`) a link to a heading the page lacks where a heading's attribute
  list gives its id (`## 说明 {: #s }` and `[见](#说明)`; `{: .x }` beside `#说明二`; `{#s}`): E500 at the build only (round
  32b read only plain headings). Where attr_list is enabled, an attribute list of ids and classes on an ATX heading is
  read now: the id it names (the last), else the text's slug.
- (privacy/numbers.py `_a_person_joined`) `户名：测试县财政局和王小会` (及, 与): read as one organisation (it ends in 会),
  the person's card published as the agency's account (I400 only). A person's two to four characters after 和 behind an
  organisation's full name are a second holder now; 住房和城乡建设局, 人力资源和社会保障局, 教育和体育局, 财政局和水利局 stay one.
- (privacy/numbers.py `_a_persons_account_label`) `王建国账号：6222…` under the agency's 户名: published as the agency's
  account. The words right before 账号 that are a name (no account's or organisation's word) make it a person's card;
  单位账号, 对公账号, 测试县财政局账号 stay.
- (privacy/numbers.py `_the_accounts_own_lines_after`) a person's word anywhere in 110 characters after the number
  refused a real account: the red cross's 户名/账号/开户行 followed by `捐款时请注明单位或个人姓名。` (a false E400 in
  both). After the number its lines are read up to the first sentence of the notice's own (a line with no label that ends
  a sentence); `（个人卡）`, a `备注：个人` line, a bare `个人` line are still read.
- (content/schema.py `EARLIEST_YEAR`) `published: 1948-03-05` / `issued: 1948-03-01`: accepted with a warning about the
  index number's year only (W104), where `year:` refuses years before 1949. No 政府信息 of the People's Republic is dated
  before 1949: E102 in both, the message names the likely typo (0224, 1924 for 2024).
- (content/relations.py `_supersession_cycles`, `supersession_rings`; content/crossrefs.py `_rings_across_units`; new
  code E202) two documents each `superseded_by` the other (or a ring, or one by itself), in one unit or across units of
  a platform: no line; both pages said "已被替代". E202 on each superseded_by line, naming the other file and the ring
  of 索引号.
- (rules/files.py `_copyright_markup`) mkdocs.yml's `copyright: Copyright &copy; 2024 <a href="…">…</a>` (Material's
  own example): the footer (which escapes every value) printed the tags and `&copy;` as text on every page, exit 0.
  E601 on the copyright line in both; `<版权所有>` (no tag) and `R&D` (no entity) are text and stay.

Held (the same lines in both, and nothing refused where the build reads the pages) — definition lists (a number across
term and definition, across two definitions: apart on the page; in one: E400), footnotes (refused as footnotes, E500,
by design), admonitions and details (title and body apart; empty, inline, nested, open), tables with alignment, attribute
lists on headings and paragraphs (a title holding a mobile: E400; `## 1380013 {: .x }` then `8000`: apart),
md_in_html (`markdown="1"`, `"block"`, `"span"`), abbreviations (a definition's title holding a mobile: E400; one
whose word is inside a number: E600), emoji (`:smile:` between digits: apart; `:eight:`, a raw keycap: E400), digits
as entities (decimal, hex, zero-padded, full-width), full-width digits mixed with ASCII and in a table, digits split by
a soft hyphen, ZWJ, ZWNJ, word joiner, VS1/VS16, BOM, a combining mark, LRM, invisible times, the Mongolian vowel
separator, a Hangul filler, `&zwj;`, `&#x2060;`, `&#173;` (E400 in both), a number in a link's or image's title, an
image's alt, a table's <caption> and <figcaption>, pymdownx.blocks.caption (E400), a caption and a cell apart.
Probed, not kept as tests (the same lines in both): pymdownx.escapeall (`1380013\\8000`), betterem, nl2br,
inlinehilite, legacy_em's digits (E400 in both), magiclink; a link joining digits in a definition, an admonition's
title, a table cell, a heading, a footnote, a caption, md_in_html spans; an entity in an alt or a link's text; two
images' alts side by side; tasklist, blocks.html (`/// html | script`: E401 in both; with a hidden style: E401),
blocks.details/admonition/definition, progressbar; HTML blocks after text on their line (`说明：<table>…`, `<div>`,
`<p>`, `<ul>`, `<h2>`, `<hr>`): passed by both, none refused.

Left — the check reads no shape (E601 is the build's, from the rendered page): backticks escaped around HTML cells
(`\\`<td>1380013</td><td>8000</td>\\``) and `/// html | span` after a paragraph are E601 at the build only; anchors of
pages whose headings hold markup, an attribute list with other attributes (`{: title="x" }`), or an HTML id (as round
32b left them); `户名：王建国和测试县财政局` (a person before 和: 教育和体育局 has a two-character head too, and no list of
surnames tells them apart) is still read as one organisation (I400); an image whose alt holds brackets
(`![图[1]](a.png)`) between digits (build only); a number found by the plain and the joined reading is named twice on
its line (as a link's was before); a copyright written in an INHERITed file is named on mkdocs.yml's first line; a
ring across units that also runs through a unit's own superseded_by (x's A by x's B, B by jyj's C, C by x:A: the
platform sees the references across units only).

Timing: one site of ~140 bodies checked and built, one of those the check passes built: 2.5 s with -n 0 on a quiet
machine, 4–5 s at load 3–4.
"""

from __future__ import annotations

import base64
import re

import pytest

from .sitekit import build, check, front_matter
from .test_redteam31b import _site as bodies_site
from .test_redteam31b import coded

M = "13800138000"
X = "\n\n## 说明 {: #x }"
CARD = "6222021234567890128"   # passes the card checksum
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
# An image between digits, or inside a link's text around them: E400 at the build only on main.
IMAGES = {
    "image-between": "1380013![图](a.png)8000", "image-titled-between": '1380013![图](a.png "说明")8000',
    "image-in-a-links-text": "[1380013![图](a.png)](#x)8000" + X, "image-alt-in-a-link": "[![1380013](a.png)](#x)8000" + X,
    "image-and-digits-in-a-link": "1380013[![图](a.png)8000](#x)" + X, "image-alt-digits-in-a-link": "[138![0013](a.png)](#x)8000" + X,
    "image-by-reference": "1380013![图][i]8000\n\n[i]: a.png", "image-by-collapsed-reference": "1380013![图][]8000\n\n[图]: a.png",
    "image-by-shortcut-reference": "1380013![图]8000\n\n[图]: a.png",
    "image-with-an-attribute-list": "1380013![图](a.png){: width=10 }8000", "link-with-an-attribute-list": "[1380013](#x){: .y }8000" + X,
    "mail-autolink": "1380013<8000@x.cn>", "mail-autolink-in-a-table": "| a |\n| --- |\n| 1380013<8000@x.cn> |",
}
# A person's card beside the agency's labels: published as the agency's account (I400) on main.
PERSONS_CARD = {"person-joined-by-he": f"户名：测试县财政局和王小会\n\n账号：{CARD}",
                "person-joined-by-ji": f"户名：测试县财政局及王建国\n\n账号：{CARD}",
                "person-before-the-account-label": f"户名：测试县财政局\n\n王建国账号：{CARD}"}
# The agency's own account (I400, no E400); the first was a false E400 on main.
AGENCYS_ACCOUNT = {
    "donation-note-after": f"户名：测试县红十字会\n\n账号：{CARD}\n\n开户行：农业银行测试县支行\n\n捐款时请注明单位或个人姓名。",
    "department-with-he": f"户名：测试县住房和城乡建设局\n\n账号：{CARD}", "two-departments": f"户名：测试县财政局和水利局\n\n账号：{CARD}",
    "unit-account-label": f"户名：测试县财政局\n\n单位账号：{CARD}", "school-account-label": f"户名：测试县第一中学\n\n学校账号：{CARD}", "a-sentence-after-on-its-line": f"户名：测试县红十字会 账号：{CARD}。请注明个人姓名。", "agency-account-label": f"户名：测试县财政局\n\n测试县财政局账号：{CARD}",
}
# Links to a heading the page lacks where a heading's attribute list gives its id: E500 at the build only on main.
TO_A_LISTED_HEADING = {"to-the-text-of-a-heading-with-an-id": "## 说明 {: #s }\n\n见[见](#说明)。",
                       "to-a-missing-heading-beside-a-class": "## 说明 {: .x }\n\n见[见](#说明二)。",
                       "to-the-first-of-two-ids": "## 说明 {: #a #b }\n\n见[见](#a)。",
                       "to-the-slug-of-a-heading-with-an-id": "## 一、总则 {: #g }\n\n## 二、附则\n\n见[见](#二附则)和[见](#一总则)。",
                       "braces-without-a-colon": "## 说明 {#s}\n\n见[见](#说明)。"}
TO_A_LISTED_HEADING_HELD = {"to-a-listed-id": "## 说明 {: #s }\n\n见[见](#s)。", "beside-a-class": "## 说明 {: .x }\n\n见[见](#说明)。",
                            "to-the-last-of-two-ids": "## 说明 {: #a #b }\n\n见[见](#b)。", "an-id-of-dashes": "## 说明 {: #a-b_c }\n\n见[见](#a-b_c)。",
                            "slug-and-id": "## 一、总则 {: #g }\n\n## 二、附则\n\n见[见](#二附则)和[见](#g)。"}
PERSONS_CARD_HELD = {"card-named-after": f"户名：测试县红十字会\n\n账号：{CARD}（个人卡）",
                     "personal-note-line": f"户名：测试县红十字会\n\n账号：{CARD}\n\n备注：个人",
                     "a-sentence-about-the-account": f"户名：测试县红十字会\n\n账号：{CARD}\n\n此为王建国个人账户。",
                     "person-before-the-label-in-a-table": f"| 户名 | 测试县财政局 |\n| --- | --- |\n| 王建国账号 | {CARD} |",
                     "person-before-the-label-emphasised": f"户名：测试县财政局\n\n**王建国**账号：{CARD}"}
SWEEP = {
    # definition lists
    "dl-term-def": "1380013\n:   8000", "dl-def": f"电话\n:   联系{M}", "dl-term": f"{M}\n:   电话",
    "dl-two-defs": "电话\n:   1380013\n:   8000", "dl-split-def": "电话\n:   1380013*8000*",
    # footnotes (refused as footnotes by design)
    "fn-ref-between": "1380013[^a]8000\n\n[^a]: 说明",
    # admonitions / details
    "adm-title-body": '!!! note "1380013"\n    8000', "adm-empty-title": '!!! note ""\n    电话' + M,
    "adm-inline": '!!! note inline "电话"\n    ' + M, "details-open": '???+ note "电话"\n    ' + M,
    "adm-nested": '!!! note "说明"\n    !!! tip "电话"\n        ' + M, "adm-split": '!!! note "说明"\n    1380013*8000*',
    # tables with alignment
    "table-align": "| a | b |\n|:--|--:|\n| 1380013 | 8000 |", "table-center": "| a |\n|:-:|\n| " + M + " |",
    "table-align-split": "| a |\n|:-:|\n| 1380013*8000* |",
    # attribute lists
    "heading-title-attr": f'## 说明 {{: title="{M}" }}', "heading-split-attr": "## 1380013 {: .x }\n\n8000",
    "para-attr-title": f'正文\n{{: title="{M}" }}',
    # md_in_html
    "mdhtml-span": '<div markdown="1">1380013</div>8000', "mdhtml-block": '<div markdown="block">\n电话' + M + '\n</div>',
    "mdhtml-split": '<div markdown="1">\n1380013[8000](#x)\n</div>' + X, "mdhtml-span-mode": '<p markdown="span">1380013**8000**</p>',
    # abbreviations
    "abbr-digit-word": "电话 TEL。\n\n*[TEL]: " + M, "abbr-title-split": "1380013 ABC\n\n*[ABC]: 8000",
    "abbr-word-in-digits": "号码 1380013X8000\n\n*[X]: 空",
    # emoji
    "emoji-between": "1380013:smile:8000", "emoji-eight": "1380013:eight:000", "emoji-keycap-raw": "1380013" + "8\ufe0f\u20e3" + "000",
    # digits as entities, full-width digits
    "entities-all": "".join(f"&#{ord(d)};" for d in M), "entities-hex": "".join(f"&#x{ord(d):x};" for d in M),
    "entities-padded": "1380013&#0056;000", "entity-hex-digit": "1380013&#x38;000",
    "fw-mixed": "138００１３8000", "fw-in-table": "| a |\n| --- |\n| １３８００１３８０００ |", "fw-entities": "&#65297;&#65299;&#65304;00138000",
    # digits split by what shows nothing
    **{f"split-{name}": f"1380013{char}8000" for name, char in {
        "soft-hyphen": "\u00ad", "zwj": "\u200d", "zwnj": "\u200c", "word-joiner": "\u2060", "vs16": "\ufe0f", "vs1": "\ufe00",
        "bom": "\ufeff", "combining": "\u0301", "lrm": "\u200e", "invisible-times": "\u2062", "mongolian-vs": "\u180e",
        "hangul-filler": "\u3164", "zwj-entity": "&zwj;", "wj-entity": "&#x2060;", "shy-entity": "&#173;"}.items()},
    # titles, alt texts, captions
    "ref-title": '见[说明][r]。\n\n[r]: #x "' + M + '"' + X, "image-title": f'![图](a.png "{M}")',
    "image-alt-after": "1380013![8000](a.png)", "link-title-split": '[说明](#x "1380013")8000' + X,
    "caption-html": f"<table><caption>电话{M}</caption><tr><td>a</td></tr></table>",
    "caption-split": "<table><caption>1380013</caption><tr><td>8000</td></tr></table>",
    "figcaption": f"<figure><img src=\"a.png\" alt=\"图\"><figcaption>电话{M}</figcaption></figure>",
    "caption-block": "| a |\n| --- |\n| b |\n\n/// caption\n电话" + M + "\n///",
    # official text of these shapes
    "prose-table-align": "| 项目 | 金额（元） |\n|:--|--:|\n| 办公费 | 1,200.00 |",
    "prose-dl": "申请方式\n:   当面、邮寄、网络。", "prose-adm": '!!! note "注意"\n    本通知自发布之日起施行。',
    "prose-heading-attr": "## 第一条 {: #art1 }\n\n见[第一条](#art1)。", "prose-abbr": "依据 GB/T 7714。\n\n*[GB]: 国家标准",
    "prose-year-entities": "&#50;&#48;&#50;&#52;年", "prose-two-images": "图1 ![图](a.png) 与图2 ![图](a.png) 见附件。",
    "prose-formula": "增长率 $r$ 按年计。", "prose-mail": "邮箱：<zwgk@example.gov.cn>", "prose-mail-digits": "邮箱：<12345@qq.com>", "prose-link-attribute-list": "见[说明](#x){: .y }，电话0000-1234567。" + X,
}
PASSED = set(TO_A_LISTED_HEADING_HELD) | {"dl-term-def", "dl-two-defs", "adm-title-body", "table-align", "heading-split-attr", "mdhtml-span",
          "abbr-title-split", "emoji-between", "caption-split", "link-title-split"} | {name for name in SWEEP if name.startswith("prose")}
EXT = ("markdown_extensions:\n  - tables\n  - attr_list\n  - admonition\n  - toc:\n      permalink: false\n"
       "  - footnotes\n  - abbr\n  - def_list\n  - md_in_html\n  - pymdownx.superfences\n  - pymdownx.details\n"
       "  - pymdownx.blocks.caption\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:pymdownx.emoji.to_alt\n")
# The first site's only: extensions writing a form, a script, a link to the site's root or dropping underscores, and a
# copyright in HTML (E406, E601; on main: no line).
FORM_EXTENSIONS = ("  - pymdownx.tasklist\n  - pymdownx.tabbed:\n      alternate_style: true\n  - pymdownx.blocks.tab\n"
                   "  - pymdownx.arithmatex\n  - wikilinks\n  - legacy_em\n")
COPYRIGHT = 'copyright: Copyright &copy; 2024 <a href="https://example.gov.cn">测试县人民政府</a>\n'
# The second's: arithmatex writing formulas as text.
FORMULAS_AS_TEXT = "  - pymdownx.arithmatex:\n      generic: true\n"
# Front matter the first site adds: dates before 1949, documents replacing each other.
DATED = {"notices/dated-1948.md": front_matter("正文。\n", title="旧通知", type="notice", index_no="T001/2024-00901",
                                               published="1948-03-05"),
         **{f"notices/ring-{name}.md": front_matter("正文。\n", title=f"通知{name}", type="notice", index_no=f"T001/2024-0091{name}",
                                                    published="2024-03-05", superseded_by=f"T001/2024-0091{after}")
            for name, after in (("1", "2"), ("2", "1"), ("3", "3"))}}


def _site(root, bodies: dict[str, str], extensions: str, more: dict[str, str] | None = None):
    root = bodies_site(root, bodies, extensions)
    for name, text in (more or {}).items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    (root / "content/notices/a.png").write_bytes(PNG)
    return root


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    bodies = {**IMAGES, **PERSONS_CARD, **AGENCYS_ACCOUNT, **PERSONS_CARD_HELD, **TO_A_LISTED_HEADING,
              **TO_A_LISTED_HEADING_HELD, **SWEEP}
    root = _site(tmp_path_factory.mktemp("rt33c"), bodies, COPYRIGHT + EXT + FORM_EXTENSIONS, DATED)
    checked, built = check(root), build(root)
    passed = {name: body for name, body in bodies.items() if not coded(checked, name)}
    again = build(_site(tmp_path_factory.mktemp("rt33c-passed"), passed, EXT + FORMULAS_AS_TEXT))
    return (bodies, checked, built), (passed, again)


def _lines(run, path: str, code: str) -> list[str]:
    """The lines (notices too: I400) naming `path` with `code`."""
    named = re.compile(rf"(?:^|\s){re.escape(path)}:\d+: {code} ")
    return [line for line in run.output.splitlines() if named.search(line)]


def test_the_check_and_the_build_name_the_same_lines(runs):
    (bodies, checked, built), (passed, again) = runs
    assert "Traceback" not in checked.output + built.output + again.output
    assert sorted(checked.coded_lines()) == sorted(built.coded_lines()), checked.output + built.output
    assert not {name for name in passed if coded(again, name)}, again.output
    assert again.returncode == 0, again.output


def test_an_image_between_digits_is_read_by_the_check(runs):
    (_, checked, _), _ = runs
    assert all(any(line.endswith(" E400") for line in coded(checked, name)) for name in IMAGES), checked.output


def test_a_persons_card_beside_the_agencys_labels_is_refused(runs):
    (_, checked, _), _ = runs
    for name in {**PERSONS_CARD, **PERSONS_CARD_HELD}:
        assert _lines(checked, f"content/notices/{name}.md", "E400"), (name, checked.output)


def test_the_agencys_own_account_is_named_and_published(runs):
    (_, checked, _), _ = runs
    for name in AGENCYS_ACCOUNT:
        path = f"content/notices/{name}.md"
        assert _lines(checked, path, "I400") and not _lines(checked, path, "E400"), (name, checked.output)


def test_a_link_to_a_heading_the_page_lacks_beside_a_listed_id_is_refused_by_the_check(runs):
    (_, checked, _), _ = runs
    for name in TO_A_LISTED_HEADING:
        lines = _lines(checked, f"content/notices/{name}.md", "E500")
        assert len(lines) == 1 and "指向本页不存在的标题" in lines[0], (name, checked.output)


def test_the_shapes_held_pass_both(runs):
    _, (passed, _) = runs
    assert PASSED <= set(passed), sorted(PASSED - set(passed))


def test_extensions_writing_forms_or_scripts_are_named_on_their_line(runs):
    (_, checked, _), _ = runs
    named = {line.split("“")[1].split("”")[0] for line in _lines(checked, "mkdocs.yml", "E406")}
    assert named == {"pymdownx.tasklist", "pymdownx.tabbed", "pymdownx.blocks.tab", "pymdownx.arithmatex", "wikilinks",
                     "legacy_em"}, checked.output


def test_a_copyright_in_html_is_refused_on_its_line(runs):
    (_, checked, _), _ = runs
    lines = _lines(checked, "mkdocs.yml", "E601")
    assert len(lines) == 1 and "copyright 中的“&copy; 2024 <a href=”" in lines[0], checked.output


def test_dates_before_1949_are_refused(runs):
    (_, checked, _), _ = runs
    lines = _lines(checked, "content/notices/dated-1948.md", "E102")
    assert len(lines) == 1 and "早于 1949 年" in lines[0], checked.output


def test_documents_replacing_each_other_are_named(runs):
    (_, checked, _), _ = runs
    ring = {name: _lines(checked, f"content/notices/ring-{name}.md", "E202") for name in "123"}
    assert all(len(lines) == 1 for lines in ring.values()), checked.output
    assert "content/notices/ring-2.md" in ring["1"][0] and "content/notices/ring-1.md" in ring["2"][0]
    assert "本文件自己的索引号" in ring["3"][0]


def test_documents_of_two_units_replacing_each_other_are_named():
    """Each unit reads one side of the ring (a reference to another unit is the platform's to resolve): the platform's
    resolution names both lines (round 33c: none)."""
    from disclosure.content.crossrefs import Deferred, DocRecord, UnitRefs, resolve
    first = DocRecord("x", "甲局", "X/2024-00001", "甲办法", "规范性文件", "policies/a.md", "2024-03-05")
    second = DocRecord("jyj", "教育局", "J/2024-00001", "乙办法", "规范性文件", "policies/b.md", "2024-03-05")
    units = [UnitRefs("x", [first], [Deferred("x", "units/x/content/policies/a.md", 9, "superseded_by", "jyj:J/2024-00001",
                                              "X/2024-00001", True)]),
             UnitRefs("jyj", [second], [Deferred("jyj", "units/jyj/content/policies/b.md", 9, "superseded_by",
                                                 "x:X/2024-00001", "J/2024-00001", True)])]
    named = {(found.path, found.code) for found in resolve(units).diagnostics}
    assert named == {("units/x/content/policies/a.md", "E202"), ("units/jyj/content/policies/b.md", "E202")}
    units[1].deferred.clear()
    assert not resolve(units).diagnostics


def test_the_build_reads_digits_written_as_character_references():
    """Python-Markdown's e-mail autolink as the page holds it: the quick test passed the page (seven digits as written)."""
    import datetime as dt

    from disclosure.rules.personal_data.rendered import rendered_findings
    html = ('<p>1380013<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;&#56;&#48;&#48;&#48;&#64;&#120;&#46;&#99;&#110;">'
            "&#56;&#48;&#48;&#48;&#64;&#120;&#46;&#99;&#110;</a></p>")
    assert [found.masked for found in rendered_findings(html, [], dt.date(2024, 3, 5))] == ["138****8000"]
