"""E404: no image or other embedded resource from another host; plain links to other sites stay allowed.

A resource in a page is loaded by every reader's browser from its host, which learns who reads what;
the README promises no request to another host. Checked in the fast check (the Markdown source) and,
authoritatively, on the HTML Markdown produced (a reference-style image is only seen there).
"""

from __future__ import annotations

import pytest

from .sitekit import build, check, paired_policy, policy, write_site

CASES = {
    "markdown image": ("![示意图](https://cdn.example.invalid/a.png)", True),
    "markdown image with title": ('![示意图](https://cdn.example.invalid/a.png "示意")', True),
    "protocol-relative image": ("![示意图](//cdn.example.invalid/a.png)", True),
    "html img": ('<img src="https://cdn.example.invalid/a.png" alt="示意图">', True),
    "html img protocol-relative": ('<img src="//cdn.example.invalid/a.png" alt="示意图">', True),
    "html img http upper case": ('<img src="HTTP://cdn.example.invalid/a.png" alt="示意图">', True),
    "html img entity-encoded scheme": ('<img src="&#104;ttps://cdn.example.invalid/a.png" alt="示意图">', True),
    "html img backslashes": ('<img src="/\\cdn.example.invalid/a.png" alt="示意图">', True),
    "reference-style image": ("![示意图][图]\n\n[图]: https://cdn.example.invalid/a.png", False),
}


def site_with(tmp_path, line: str):
    body = f"第一条 为规范登记，制定本办法。\n\n{line}\n"
    files = {**paired_policy(), "policies/a.md": policy(body=body)}
    return write_site(tmp_path, files)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_an_image_from_another_host_stops_the_build_with_the_fix(tmp_path, case):
    line, in_source = CASES[case]
    root = site_with(tmp_path, line)
    run = build(root)
    assert run.returncode != 0, run.output
    found = [coded for coded in run.coded_lines() if " E404 " in coded]
    assert found and found[0].startswith("content/policies/a.md:"), run.output
    assert "cdn.example.invalid" in found[0] and "files/" in found[0] and "[文字](https://…)" in found[0]
    assert not (root / "site").exists()
    # The fast check reads the Markdown: it sees what the source shows as an image.
    checked = check(root)
    assert (" E404 " in checked.output) == in_source, checked.output


def test_the_rendered_line_is_the_images_line(tmp_path):
    root = site_with(tmp_path, "![示意图](https://cdn.example.invalid/a.png)")
    lines = (root / "content/policies/a.md").read_text(encoding="utf-8").split("\n")
    expected = next(number for number, text in enumerate(lines, start=1) if "cdn.example.invalid" in text)
    assert any(coded.startswith(f"content/policies/a.md:{expected}: E404 ") for coded in build(root).coded_lines())


@pytest.mark.parametrize("line", ["[中国政府网](https://www.gov.cn/)", "<https://www.gov.cn/>",
                                  '<a href="https://www.gov.cn/">中国政府网</a>', "[协议相对](//www.gov.cn/)"])
def test_plain_links_to_other_sites_stay_allowed(tmp_path, line):
    root = site_with(tmp_path, line)
    run = build(root)
    assert run.returncode == 0, run.output
    assert " E404 " not in check(root).output


EMBEDDED_SPELLINGS = [
    '<IMG SRC = "https://cdn.example.invalid/a.png">',
    '<img\nsrc\n=\n"https://cdn.example.invalid/a.png">',
    '<img/src="https://cdn.example.invalid/a.png">',
    '<img srcset="a.png 1x, https://cdn.example.invalid/a.png 2x">',
    '<img lowsrc="https://cdn.example.invalid/a.png">',
    '<video poster="https://cdn.example.invalid/a.png"></video>',
    '<object data="https://cdn.example.invalid/a.swf"></object>',
    '<table background="https://cdn.example.invalid/a.png"><tr><td>表</td></tr></table>',
    '<svg><use href="https://cdn.example.invalid/a.svg#i"></use></svg>',
    '<svg><image href="https://cdn.example.invalid/a.png"></image></svg>',
    '<svg><filter><feImage href="https://cdn.example.invalid/a.png"/></filter></svg>',
    '<link rel="stylesheet" href="https://cdn.example.invalid/a.css">',
]


@pytest.mark.parametrize("html", EMBEDDED_SPELLINGS)
def test_every_spelling_of_an_embedding_is_parsed(html):
    """remote_resources parses only bodies that can embed (a quick look for the attribute or tag
    first): none of these spellings may slip past that look."""
    from disclosure.rules.rendered import as_written, remote_resources

    found = remote_resources(f"<p>正文</p>{html}")
    assert found and "cdn.example.invalid" in found[0].what
    assert remote_resources(f"<p>正文</p>{html}", as_written(f"<p>正文</p>{html}")) == found


def test_a_body_with_links_only_embeds_nothing():
    from disclosure.rules.rendered import remote_resources

    assert remote_resources('<p><a href="https://www.gov.cn/">中国政府网</a> 数据=12</p>') == []
