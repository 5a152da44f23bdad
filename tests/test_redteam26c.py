"""Round twenty-six (c) of the adversarial review (issue 24): the newest fixes themselves and the seams between
paths — the merge's address check (platform/manifest.py `own_url`), the reader's side of search, the incremental
merge's trust (platform/merge_state.py), `disclosure report` and the catalogue exports. Each test goes through the
real command and failed on main before its fix.

Fixed —
- (platform/manifest.py `own_url`, `_served_path`) an address a unit's hand-over (latest, feed, sitemap, relations)
  or catalogue export gives as its own page, that the server answering it resolves to another unit's page: round
  26b's check read the address as a browser does (`%2e%2e` is `..`), but nginx, IIS, GitHub/GitLab Pages and
  Python's server decode every escape of the path before they look the file up, so `jyj/..%2fnanqu/…`,
  `jyj/%2e%2e%2fnanqu/…` (tried with nginx: 南区's page is served) and the government's `%6ayj/…` or `jyj%2f…`
  (the 教育局's page under the government's name on the home page) merged with exit 0; so did the government's
  `jyj` (no slash: nginx redirects it to the 教育局's home). The path a server looks up
  (its escapes decoded) must now be the unit's own too, with no separator, control character, `.` or `..` made by
  decoding: E701 / E700 as before.
- (platform/merge_state.py, content/merge_facts.py `granted`, `still_granted`) the incremental merge trusted a unit
  whose files hold a withheld body's paragraph that content/'s public text also held when that merge checked them
  (a public page quoting it: the run is let through). The editor took the paragraph out of every public page (the
  教育局's too) and rebuilt the government only (`disclosure build --unit gov`): the trust context (units, withheld
  texts, allowances, the day) had not changed, the 教育局's stale page was trusted and kept publishing the withheld
  paragraph with exit 0, where a first merge of the same folders refuses it (E700 naming content/guide/secret.md).
  The same with the paragraph as the page's summary (shown in search results, not on the page): its search words.
  The record now lists what content/'s public text let through; the next merge asks content/ again and trusts no
  unit when one is withheld text only now.
- (platform/merge.py `_trust_context`) the site moved to another address (mkdocs.yml's site_url) and the government
  rebuilt alone: the departments' feeds, trusted, kept the old host as their xml:base (every entry's link leads
  there: a domain given up and registered by someone else) and were published with exit 0; a first merge refuses
  them (E700). The site's address, and the installed theme's files, are now part of what trust is keyed on; so is
  the SHA-256 of the checks' own code (an upgraded gate, this round's address check say, trusted the files the old
  one let through until the day changed; no test of its own: a merge by another version's code cannot be run here).

Held (tried through the real commands, nothing reached site/) —
- own_url: `jyj/..;/nanqu/` (no server here reads `;` as a parameter), `%252e%252e` (decoded once), `。。` and
  `%c0%ae` (no dots to a browser or server), U+2028 (kept by browsers), uppercase `JAVASCRIPT:`, a leading space
  or control character; a feed's `<link>` written with references (`&#x2f;`, `&#37;2e`), a CDATA `<id>`/`<loc>`, a
  namespace prefix (`<a:link>`), `xml:base` on an entry; a feed declaring UTF-7 with `+ADw-img…` (E700: not UTF-8).
- The reader's search (Chromium): a document title `收费标准<img src=x onerror=alert(1)><a href="https://…">` and a
  summary `<svg onload=…>` built into the platform, searched by title and by summary words: shown as text, no dialog,
  no request to another host; a query `?q=政策 <img/src/onerror=alert(2)>` and a typed `<x>` missing word (Material
  escapes its struck-through terms); a 文号 with markup is E105. A unit's hand-over titles with markup and `{{7*7}}`
  on the platform's home page and feed: escaped (Jinja, Atom text).
- Merge state as a compromised CI job: a unit's artefact cannot place `.merged.json` or `.merged.settled(.removing)`
  (GitHub extracts each artefact into a folder of its own, GitLab keeps `build/units/$UNIT/`; a folder of that name
  is no record), and in CI no site/ exists, so nothing is trusted. A file renamed over between the stat and the link
  is caught (`_same_file`). A unit's `.gz` beside anything is E700.

Left —
- a local user who can write build/units/ can stall a merge up to 15 minutes with another process's pid in
  `.merged.settled.removing` (REMOVAL_WAIT_SECONDS); such a user can delete the folder anyway.
- CSV cells starting with full-width ＝＋－＠ are written as they are: no spreadsheet at hand here to show that Excel or
  WPS runs them from a CSV; a `;=` inside a cell becomes a formula only in locales whose list separator is `;`.
- an incremental merge whose record lists granted texts reads content/'s public text again (one pass over content/'s
  Markdown) to ask them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_merge_verifies import (built, copy_as_merged, disclosure, merged_again_past_the_margin,  # noqa: F401
                                  platform, refused, trusted_copy)   # (the fixtures)
from .test_redteam6 import _seal

UNIT = "build/units/jyj"


def _hand_over(root: Path, unit: str) -> tuple[Path, dict]:
    path = root / f"build/units/{unit}/_unit/{unit}/unit.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, data) -> None:
    path.unlink()   # a new file: the unit's files are hard links to site/'s after a merge
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- addresses a server resolves elsewhere ---------------------------------------------------------------------------

SERVED_ELSEWHERE = {"escaped-slash": ("jyj", "jyj/..%2fnanqu/guide/guide/"),
                    "escaped-dots-and-slash": ("jyj", "jyj/%2e%2e%2fnanqu/guide/guide/"),
                    "escaped-backslash": ("jyj", "jyj/..%5cnanqu/guide/guide/"),   # IIS reads \ as /
                    "escaped-letter": ("gov", "%6ayj/guide/guide/"),
                    "escaped-slash-after-the-folder": ("gov", "jyj%2fguide/guide/"),
                    "a-departments-folder-without-its-slash": ("gov", "jyj")}   # nginx: 301 to jyj/


@pytest.mark.parametrize("unit, url", SERVED_ELSEWHERE.values(), ids=SERVED_ELSEWHERE)
def test_a_hand_over_address_a_server_resolves_to_another_units_page_is_refused(platform, unit, url):
    """nginx (and IIS, Pages, Python's server) decode the path's escapes before finding the file: tried with nginx,
    `jyj/%2e%2e%2fnanqu/guide/guide/` serves 南区's guide, `%6ayj/guide/guide/` the 教育局's."""
    path, data = _hand_over(platform, unit)
    data["latest"][0]["url"] = url
    _write_json(path, data)
    _seal(platform, unit)
    refused(platform, f"build/units/{unit}/_unit/{unit}/unit.json:1: E701 ", f"（网址 {url[:20]}")


def test_a_catalogue_record_a_server_resolves_to_another_units_page_is_refused(platform):
    export = platform / UNIT / "jyj/catalogue.json"
    own = json.loads(export.read_text(encoding="utf-8"))["documents"][0]["url"]
    data = export.read_bytes()
    export.unlink()
    export.write_bytes(data.replace(own.encode(), b"jyj/..%2fnanqu/guide/guide/", 1))
    _seal(platform)
    refused(platform, f"{UNIT}/jyj/catalogue.json:1: E700 ", "不是本单位的页面")


def test_an_address_with_escapes_a_unit_may_write_still_merges(platform):
    """A Chinese path written escaped, and an escaped slash in the query (no part of the path), stay the unit's."""
    path, data = _hand_over(platform, "jyj")
    data["latest"][0]["url"] = data["latest"][0]["url"] + "?from=%2Fhome"
    _write_json(path, data)
    _seal(platform)
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


# --- the incremental merge's trust ------------------------------------------------------------------------------------

PARAGRAPH = "本年度全市教师编制核减方案涉及十二所学校共计八十六个岗位调整"


def _withheld_paragraph_quoted_by_the_education_bureau(root: Path) -> None:
    """A withheld guide of the government's, and two of the 教育局's public pages quoting its paragraph: 收费标准 in its
    body, its 指南 in its summary (which the search results show and the page does not): public then, so the units'
    files may hold it."""
    (root / "content/guide/secret.md").write_text(
        "---\ntitle: 内部编制方案\ntype: guide\nindex_no: CSF/2025-00019\npublished: 2025-01-02\n"
        f"disclosure: 不予公开\nreason: 内部事务信息\n---\n{PARAGRAPH}。\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  /guide/secret.md\n")
    fees, guide = root / "content/jyj/fees/fees.md", root / "content/jyj/guide/guide.md"
    fees.write_text(fees.read_text(encoding="utf-8") + f"\n{PARAGRAPH}。\n", encoding="utf-8")
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: 教育局指南\n", f"title: 教育局指南\nsummary: {PARAGRAPH}\n", 1),
                     encoding="utf-8")


def _quote_taken_out(root: Path) -> None:
    for page in (root / "content/jyj/fees/fees.md", root / "content/jyj/guide/guide.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(f"\n{PARAGRAPH}。\n", "").replace(f"summary: {PARAGRAPH}\n", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def quoted(merged_platform, tmp_path_factory) -> Path:
    """The platform with the 教育局 quoting the withheld paragraph (in a body and in a summary), every unit built and
    merged; made once for the module (one platform for both quotes: each build of it costs seconds), each test works
    on a `trusted_copy`."""
    root = copy_as_merged(merged_platform, tmp_path_factory.mktemp("quoted") / "platform")
    _withheld_paragraph_quoted_by_the_education_bureau(root)
    first = disclosure(root, "build")
    assert first.returncode == 0, first.output
    return root


def test_a_text_no_longer_public_is_read_again_in_a_trusted_units_files(quoted, tmp_path):
    """Both quotes taken out: the 教育局's files holding the paragraph, trusted since the last merge, are read again
    and refused: the body's page, and the files that hold the summary."""
    platform = trusted_copy(quoted, tmp_path / "platform")
    _quote_taken_out(platform)
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 1, done.output
    assert "Traceback" not in done.output, done.output
    refused = [line.split(":1: E700 ")[0] for line in done.output.splitlines() if ":1: E700 " in line]
    assert "build/units/jyj/jyj/fees/fees/index.html" in refused, done.output   # the body, on its page
    assert "build/units/jyj/jyj/guide/feed.xml" in refused, done.output         # the summary, in the guide's feed
    assert "build/units/jyj/jyj/guide/guide/index.html" not in refused, done.output   # a page that shows no summary


def test_a_unit_is_still_trusted_while_what_let_its_text_through_is_public(quoted, tmp_path):
    """The record's texts asked again, still public: the quoting unit stays trusted and the rebuild merges."""
    platform = trusted_copy(quoted, tmp_path / "platform")
    state = json.loads((platform / "build/units/.merged.json").read_text(encoding="utf-8"))
    assert ["shared", PARAGRAPH] in state["granted"]
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 0, done.output
    assert ["shared", PARAGRAPH] in json.loads((platform / "build/units/.merged.json").read_text(encoding="utf-8"))["granted"]


def test_a_units_feed_of_the_sites_old_address_is_read_again_after_the_site_moved(platform):
    merged_again_past_the_margin(platform)
    config = platform / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_url: https://www.example.gov.cn/zwgk/" in text
    config.write_text(text.replace("https://www.example.gov.cn/zwgk/", "https://gk.example-new.gov.cn/"), encoding="utf-8")
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 1, done.output
    assert "E700 " in done.output and "订阅的 xml:base“https://www.example.gov.cn/zwgk/”不是本网站的地址" in done.output
