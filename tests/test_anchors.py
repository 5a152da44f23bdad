"""Heading anchors as the editor's guide writes them: readable, stable, unique, and a miss names the right ones."""

from __future__ import annotations

import re

from .sitekit import REPO, build, copy_example, interpretation, paired_policy, policy, write_site

GUIDE = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
HEADING_EXAMPLE = re.compile(r"`(#{2,6} [^`]+)` 的锚点是 `#([^`]+)`")
LINK_EXAMPLE = re.compile(r"\(((?:\.\./)*[\w/.-]+\.md)?#([^)\s]+)\)")


def ids_of(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_the_guides_heading_examples_are_the_ids_the_build_gives(tmp_path):
    examples = HEADING_EXAMPLE.findall(GUIDE)
    assert len(examples) >= 3, examples
    body = "".join(f"{heading}\n\n正文。\n\n" for heading, _ in examples)
    body += "## 第一条 总则\n\n甲。\n\n## 第一条 总则\n\n乙。\n\n## 第一条 总则\n\n丙。\n"
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)})
    run = build(root)
    assert run.returncode == 0, run.output
    ids = ids_of((root / "site" / "policies" / "a" / "index.html").read_text(encoding="utf-8"))
    for heading, anchor in examples:
        assert anchor in ids, (heading, anchor, sorted(ids))
    # Repeated headings: unique ids, numbered as the guide says.
    assert {"第一条-总则", "第一条-总则_1", "第一条-总则_2"} <= ids
    assert "第一条-总则_1" in GUIDE


def test_every_anchor_link_the_guide_shows_resolves_on_the_example_site(example_site):
    checked = 0
    for paragraph in GUIDE.split("\n\n"):
        if paragraph.startswith("|"):
            continue  # the code table shows wrong links on purpose
        page = None
        for path, anchor in LINK_EXAMPLE.findall(paragraph):
            page = path or page  # `(#…)` means the page the paragraph just linked
            assert page, f"(#{anchor}) has no page in its paragraph"
            html = example_site / re.sub(r"^(\.\./)+", "", page).removesuffix(".md") / "index.html"
            assert anchor in ids_of(html.read_text(encoding="utf-8")), (page, anchor)
            checked += 1
    assert checked >= 2


def test_the_issues_link_builds_with_search_on(tmp_path):
    root = copy_example(tmp_path)
    reward = root / "content" / "policies" / "normative" / "2022-reward.md"
    reward.write_text(reward.read_text(encoding="utf-8") + "\n见[第二条](#第二条-举报途径)。\n", encoding="utf-8")
    run = build(root)
    assert run.returncode == 0, run.output
    html = (root / "site" / "policies" / "normative" / "2022-reward" / "index.html").read_text(encoding="utf-8")
    assert 'href="#第二条-举报途径"' in html and 'id="第二条-举报途径"' in html


def test_a_missing_anchor_lists_the_pages_anchors_closest_first(tmp_path):
    body = "## 第一条 适用范围\n\n甲。\n\n## 第二条 举报途径\n\n乙。\n\n## 第三条 奖励标准\n\n见[第二条](#第二条-举报)。\n"
    files = {**paired_policy(), "policies/a.md": policy(body=body),
             "interpretations/a.md": interpretation(body="## 背景依据\n\n见[办法](../policies/a.md#第三条)。\n\n## 主要内容\n\n说明。\n")}
    root = write_site(tmp_path, files)
    run = build(root, strict=False)
    assert run.returncode != 0 and "Traceback" not in run.output
    # The same page's (its anchors all plain headings) is named by the source checks, before any page is read.
    same_page = next(line for line in run.coded_lines() if line.startswith("content/policies/a.md:20: E500 "))
    assert "标题锚点有：#第二条-举报途径、" in same_page, same_page
    (root / "content/policies/a.md").write_text(policy(body=body.replace("(#第二条-举报)", "(#第二条-举报途径)")),
                                                encoding="utf-8")
    run = build(root, strict=False)
    other_page = next(line for line in run.coded_lines() if line.startswith("content/interpretations/a.md:10: E500 "))
    assert "标题锚点有：#第三条-奖励标准、" in other_page, other_page
    assert "Traceback" not in run.output
