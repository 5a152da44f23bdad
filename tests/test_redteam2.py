"""Second-round adversarial review: attacks the first round did not try (each test fails on main)."""

from __future__ import annotations

from .sitekit import build, paired_policy, policy, write_site


def _site(tmp_path, line: str):
    body = f"第一条 为规范登记，制定本办法。\n\n{line}\n"
    return write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)})


def test_style_image_set_with_a_string_address_is_e404(tmp_path):
    # image-set() takes a plain string: no url( for _UNSAFE_STYLE or _STYLE_URL to see; the browser
    # loads the picture from the other host with the page.
    root = _site(tmp_path, "<span style=\"background-image:image-set('https://cdn.example.invalid/a.png' 1x)\">示例</span>")
    run = build(root)
    assert run.returncode != 0 and any(" E40" in coded for coded in run.coded_lines()), run.output
