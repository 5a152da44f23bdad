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
