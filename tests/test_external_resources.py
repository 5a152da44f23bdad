"""E404: no image or other embedded resource from another host; plain links to other sites stay allowed.

A resource in a page is loaded by every reader's browser from its host, which learns who reads what;
the README promises no request to another host. Checked in the fast check (the Markdown source) and,
authoritatively, on the HTML Markdown produced (a reference-style image is only seen there).
"""

from __future__ import annotations

import pytest

from .batchkit import Cases, cases_site, checked_and_built
from .sitekit import paired_policy, policy

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


def files_with(line: str) -> dict[str, str]:
    body = f"第一条 为规范登记，制定本办法。\n\n{line}\n"
    return {**paired_policy(), "policies/a.md": policy(body=body)}


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> dict[bool, tuple[Cases, Cases]]:
    """The image cases in two sites, each case with its own policies/a.md, each site checked once and built once: the
    images the source shows (the build stops at the source's check, before rendering any page), and those only the
    rendered page shows (which a source finding of another case would hide)."""
    return {in_source: checked_and_built(cases_site(
        tmp_path_factory.mktemp("images"),
        {case: files_with(line) for case, (line, seen) in CASES.items() if seen == in_source})) for in_source in (True, False)}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_an_image_from_another_host_stops_the_build_with_the_fix(refused, case):
    _, in_source = CASES[case]
    checked, built = refused[in_source]
    run = built.run
    assert run.returncode != 0 and "Traceback" not in run.output, run.output
    found = [coded for coded in built.lines(case, "policies/a.md") if " E404 " in coded]
    assert found, run.output
    assert "cdn.example.invalid" in found[0] and "files/" in found[0] and "[文字](https://…)" in found[0]
    assert not (built.root / "site").exists()
    # The fast check reads the Markdown: it sees what the source shows as an image.
    assert "Traceback" not in checked.run.output, checked.run.output
    assert any(" E404 " in coded for coded in checked.lines(case, "policies/a.md")) == in_source, checked.run.output


def test_the_rendered_line_is_the_images_line(refused):
    _, built = refused[True]
    case = "markdown image"
    lines = (built.root / built.path(case, "policies/a.md")).read_text(encoding="utf-8").split("\n")
    expected = next(number for number, text in enumerate(lines, start=1) if "cdn.example.invalid" in text)
    assert any(coded.startswith(f"{built.path(case, 'policies/a.md')}:{expected}: E404 ")
               for coded in built.lines(case, "policies/a.md")), built.run.output


PLAIN_LINKS = ["[中国政府网](https://www.gov.cn/)", "<https://www.gov.cn/>",
               '<a href="https://www.gov.cn/">中国政府网</a>', "[协议相对](//www.gov.cn/)"]


@pytest.fixture(scope="module")
def allowed(tmp_path_factory) -> tuple[Cases, Cases]:
    """Every plain link in one site (its own policies/a.md), checked once and built once: the build publishes them all."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("links"), {line: files_with(line) for line in PLAIN_LINKS}))


@pytest.mark.parametrize("line", PLAIN_LINKS)
def test_plain_links_to_other_sites_stay_allowed(allowed, line):
    checked, built = allowed
    assert built.run.returncode == 0, built.run.output
    assert built.page(line, "policies/a").is_file()
    assert " E404 " not in checked.run.output


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
