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
"""

from __future__ import annotations

from .sitekit import build, check, paired_policy, policy, write_site

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
