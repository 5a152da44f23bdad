"""Round thirty-one (a) of the adversarial review (issue 24): rounds 30b, 30c and 30e's fixes attacked past the cases
they were shown. Each test failed on main (19ec35d) before its fix.

Fixed —
- (content/documents.py `_DATE_WRITTEN`) round 30b's E100 for a value MkDocs' loader reads as a date naming no day
  looked for a written date first, `\\b2024-04-31\\b`: a date with its time joined by `T` (`2024-04-31T10:00:00`) has
  no word boundary after the day, so in a front matter holding no other date (a section's index.md) it was never
  read, and MkDocs read no front matter: the page published the YAML as its text and a `# 内部备注：…` comment as its
  heading (in the skip link, the table of contents and the search passages), exit 0 in check and strict build.
- (content/yamlsource.py `_untagged_plain`) round 30b kept `title: 0365` as written only where the value spans its
  text alone: an anchor in front of it (`title: &t 0365`, or `summary: &s 0365` with `title: *s`, YAML's way of
  writing a value once) was taken for a tag, and the heading, <title>, listings, feeds and search printed 245.
- (content/host_nav.py `_looked_up_as_a_file`, `_source`) round 30b's E500 for a nav entry naming no published page
  skipped anchors and normalised paths, where MkDocs looks up the path as written and warns of any target it does not
  find that is neither an address nor an absolute path: `#top`, an empty target, `' interpretations/a.md'` (a blank
  in front, quoted) and `interpretations/../interpretations/a.md` passed the check, and the strict build stopped on
  MkDocs' English warning alone. E500 on each now, in check and build; `./policies/a.md`, `policies//a.md` (MkDocs
  finds those), addresses, `mailto:` and absolute paths stay.
"""

from __future__ import annotations

import pytest

from .sitekit import build, check, paired_policy, write_site

NOTE = "# 内部备注：考核细则仅供局内掌握\n"


def notice(number: int, fields: str, body: str = "正文。\n") -> str:
    return f"---\ntype: notice\nindex_no: T001/2024-{number:05d}\npublished: 2024-03-05\n{fields}---\n{body}"


# A timestamp naming no day or hour, in a front matter with no other date in it (a section's own page).
UNREAD_TIMESTAMPS = {
    "notices/index.md": (f"---\ntitle: 通知公告\ndescription: 2024-04-31T10:00:00\n{NOTE}---\n说明。\n", 3),
    "policies/index.md": (f"---\ntitle: 政策文件\ndescription: 2024-03-05t25:00:00\n{NOTE}---\n说明。\n", 3),
}
# Nav targets MkDocs finds no file for (E500), then ones it finds or takes for links elsewhere.
NAV_NOT_FOUND = ["#top", "", " interpretations/a.md", "interpretations/../interpretations/a.md"]
NAV = [{f"项{number}": target} for number, target in enumerate(NAV_NOT_FOUND)] + [
    {"办法": "./policies/a.md"}, {"解读": "policies//a.md"}, {"中国政府网": "https://www.gov.cn/"}, {"站外": "/x/"},
    {"信箱": "mailto:xxgk@example.cn"}]
# A number as written behind an anchor or through an alias: the title each page must print.
ANCHORED = {
    "notices/anchor.md": (notice(15, "title: &t 0365\n"), "0365"),
    "notices/alias.md": (notice(16, "summary: &s 0365\ntitle: *s\n"), "0365"),
    "notices/anchored-time.md": (notice(17, "title: &t\n  12:30\n"), "12:30"),
    "notices/tagged.md": (notice(18, "title: &t !!str 0365\n"), "0365"),
}


@pytest.fixture(scope="module")
def unread(tmp_path_factory):
    files = paired_policy() | {name: text for name, (text, _) in UNREAD_TIMESTAMPS.items()}
    root = write_site(tmp_path_factory.mktemp("unread"), files, mkdocs_extra={"nav": NAV})
    return root, check(root), build(root)


@pytest.fixture(scope="module")
def anchored(tmp_path_factory):
    files = paired_policy() | {name: text for name, (text, _) in ANCHORED.items()}
    root = write_site(tmp_path_factory.mktemp("anchored"), files)
    return root, build(root)


def test_a_timestamp_naming_no_day_in_a_section_page_is_refused(unread):
    root, *runs = unread
    for run in runs:
        assert run.returncode != 0 and "Traceback" not in run.output, run.output
        for name, (_, line) in UNREAD_TIMESTAMPS.items():
            assert any(found.startswith(f"content/{name}:{line}: E100 ") for found in run.coded_lines()), run.output
    assert not (root / "site").exists()


def test_a_number_behind_an_anchor_is_printed_as_written(anchored):
    root, run = anchored
    assert run.returncode == 0, run.output
    for name, (_, title) in ANCHORED.items():
        page = (root / "site" / name.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert f"<title>{title} - " in page and f"<h1>{title}</h1>" in page, name


def test_a_nav_target_mkdocs_finds_no_file_for_is_refused(unread):
    root, *runs = unread
    for run in runs:
        refused = [line for line in run.coded_lines() if line.startswith("mkdocs.yml:") and " E500 " in line]
        assert sorted(refused) == sorted(line for line in refused if any(f"“{target}”" in line for target in NAV_NOT_FOUND))
        assert len(refused) == len(NAV_NOT_FOUND), run.output
