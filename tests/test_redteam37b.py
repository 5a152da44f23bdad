"""Round thirty-seven (b) of the adversarial review (issue 24): paths and records other than the privacy patterns —
front-matter fields no page prints, forged and stale records of the merge, `disclosure check` against the build, the
catalogue exports.

Fixed (each failed on main, a093d32) —
- (rules/markup_links.py `_links_to_a_missing_heading_elsewhere`) a link to a heading of ANOTHER document's page that
  the page lacks (`[见](../policies/a.md#nosuch)`, by reference too): E500 at the build only (MkDocs' anchors of the
  rendered page), `disclosure check` passed it (round 32b read links within one page only), from a document or a
  section page (index.md). Where every anchor the target document's page offers is a plain heading's id (the same
  reading as a page's own links), the check names it now, with the target's anchors; the build prints the same line.
  A link to a section page's heading is left to the build (its listing adds anchors: #y2024 …).
- (rules/files.py `_language_problem`; content/host_settings.py `theme_language`, `installed_theme_folder`) mkdocs.yml's
  `theme: language: xx` (or `zh_CN`, `true`): the check passed (exit 0), the build ended in a Python traceback
  (jinja2 TemplateNotFound: partials/languages/xx.html, every page's template reads it). E406 on the language's line
  in check, build and merge now, unless the theme folder or Material itself has that language's strings.
- (rules/files.py `_unknown_settings`; content/host_settings.py HOST_SETTING_NAMES) a top-level setting MkDocs does not
  read (`foo:`, a typo `site_urls:`, the deprecated `pages:`): the strict build stopped with MkDocs' English line only
  ("Unrecognised configuration name"), the check passed. E406 on its line in the check, with the closest name; the
  list is MkDocs 1.6's own (a test compares it with the installed host's schema).

- (rules/files.py `_missing_icons`) an icon mkdocs.yml names that the theme lacks (`theme.icon.logo`,
  `theme.icon.admonition.note`, a palette toggle's icon, `extra.social[].icon`): the check passed, the build ended in a
  Python traceback (TemplateNotFound: .icons/….svg, included by every page). E406 on its line in both now.
  Likewise a social link without an icon or with `icon: null`, `language: null` (joined as "None"), a list for an icon.
  And (`_icons_written_as_data`) any theme.icon.admonition, annotation or tag icon: Material writes it into every page's
  inline <style> as a data: address, which the build refused on every page (E404 on mkdocs.yml:1), the check passed:
  E404 on its line in both now.
- (rules/rendered.py `_printed_frame`) `theme: direction: rtl` (Material writes `<html dir="rtl">`: digit groups shown
  in reverse order): E401 at the build only; the check lays it out as the theme prints it now, the same line.
- (rules/files.py `_REFUSED_OUTPUT_EXTENSIONS`, `_REFUSED_OPTIONS`) `pymdownx.progressbar` (E600 at the build only on a
  page with `[=85% "85%"]`) and `pymdownx.highlight` with `anchor_linenums`, `line_anchors` or `line_spans` (E401 at
  the build only, an id on every line of a code block): E406 on the extension's line in both, as round 33c did for
  tasklist and tabbed. `linenums: true` alone stays allowed (no ids).
- (content/catalogue.py `_read_category`) a column name with markup (`name: <b>通知</b>`): the theme prints the
  column page's title unescaped; the build refused it (E403) naming `content/notices/index.md:2`, a file that is not
  there, the check passed. E102 on the name's line of catalogue.yaml in both now (text/html_text.RISKY_TEXT, E403's
  own pattern). Likewise the agency's texts printed on every page (`name: 测试局" onmouseover="…`: Material's header
  prints the site's name, the agency's, unescaped in `aria-label`; `<img onerror=…>`): E401 at the build only, on the
  line of catalogue.yaml in both now (the guide said the check named them).
- (content/seen_files.py CHANGE_TIMES_KEPT; platform/merge_state.py `read_trust`) the merge's records trust a file
  as unchanged by its change time, "which no program can set back" — true of POSIX only: on Windows Python's st_ctime
  is the creation time, which a write in place keeps, so a same-size edit (a redaction, 138****8000 for 13800138000)
  with its modification time restored would be taken as the file read before (a stale unit's E701 skipped, a page
  now withheld read as giving no fact). Where change times are not kept no earlier record or unit is trusted.

Tried and held —
- Other differentials of the check and the build (each the same code in both, or refused by neither): nav to a
  missing or withheld file, an absolute or directory link, extra_css/extra_javascript of no file, use_directory_urls:
  false, validation settings, repo_url/edit_uri (E404), analytics, copyright/site_name/extra/nav titles holding a
  mobile (E400), mermaid fences (E404), meta, magiclink, nl2br, keys, escapeall, toc permalink, fancylists,
  saneheaders, betterem, blocks.html/caption, def_list, abbr, inlinehilite, codehilite's line anchors (not passed on);
  a section page's (index.md) front matter: `icon`, `template`, `status`, `subtitle`, `search` (E102), a mobile in its
  title or description (E400). File names holding a mobile (a page, an attachment, a linked file, an image's title):
  E400 in both.
- `disclosure report --output` of a site with a withheld document's summary and an allowance's reason holding a
  mobile: the number is in no file of the report.
- Front-matter fields no page prints, each holding a mobile (13800138000): `imported`, `corrected`, `summary`, `topics`,
  `reason` on a public document, `publisher`, an attachment's `checked`, a withheld document's `reason`: E400 in check
  and build (the field's line). `allow_personal_info`'s `reason` and a withheld document's `summary`/`doc_no` are read
  by neither, and reach no file of site/ (pages, search shards, catalogue.csv/json, sitemap, feed: grepped) — the
  withheld document's unlisted front texts are withheld texts for the merge (merge_facts `_unlisted_front_texts`).
- catalogue.csv: formula starts (ASCII, full-width, after blanks or invisible characters) are quoted with `'`
  (`spreadsheet_text`); the merge refuses a unit's CSV holding one. Its cells are the public documents' checked
  fields only (summary is in catalogue.json alone, checked as printed text).
- Forged records: a unit's artefact cannot place build/units/.content.json or .merged.json in CI (GitHub extracts each
  artefact into a folder of its own, GitLab keeps build/units/$UNIT/; a folder of those names is no record: round 9's
  test), and in CI the merge starts with neither. A record is trusted per file only for the very inode with the same
  size, modification and change time, changed before the recording merge began: a stale record (another checkout, a
  file edited, renamed over, `touch -d`) names other inodes or times, and the file is read again. A unit's forged
  `sources` guard only against the stale artefact (by design, round 34b): every published file is checked by the
  merge itself.

- This round's own rules, attacked: `language: zh-Hant` (Material's), a theme folder's own language or icon file
  (allowed; its templates are pinned by E406 anyway), `language:` with a path (`../x`, refused: no file probed outside
  the theme), `icon.logo: null` (Material's default: allowed), `admonition: {note: null}` (skipped by Material:
  allowed), an icon name going up (`material/../material/library`: refused, Jinja's loader refuses `..`); a link to a
  template's id on another page (`#dc-interprets`, `#__drawer`: E500 as the build on main), to a heading written
  indented, setext, in a fence, with an attribute list, markup or an entity, or a page with ids of tags (left to the
  build: the check names only pages whose every anchor is a plain heading's); `INHERIT` (popped at each level, never
  an unknown setting); ProperDocs 1.6.7's schema read from its source (the same names).

Left —
- A local user who can write build/units/ can forge .content.json (a digest for an edited source: E701 skipped; an
  `inert` flag for a file now withheld) as they can forge .merged.json (round 27b's Left): the records are not
  authenticated; keeping them outside build/units/ (or signing them with a key the units never see) is the lead's
  decision.
- (read, not run: no GitHub here) actions/upload-artifact v4 takes `overwrite: true`: a department's build job taken
  over as root on a hosted runner (its steps may sudo) and holding the run's artifact token could replace the
  government's `unit-gov` artefact after that job uploaded it; the merge would verify it as the government's output
  (own prefix, sealed hashes, forged `sources`), so only its privacy and withheld-text checks stand between that job
  and the government's pages. GitLab keeps each job's artefacts apart. Closing it needs the merge to know which job
  made which artefact (a digest handed over outside the artefacts): a decision for the lead.
- catalogue.csv's 链接 column is relative to the site's root (the guide says so, section 六): a spreadsheet opened from a
  download cannot follow it; writing site_url before it would change every unit's CSV and the merge's own-prefix check.
- `repo_url: x` (no scheme) and `theme: locale: xx_YY` stop MkDocs with its English configuration error; the check
  passes them (no traceback, no site written). `hide: [footer]` on a section page hid the ICP and 标识码 footer there
  (built, exit 0): now E102 on its line, in check and build.
- An unknown setting still stops the strict build with MkDocs' English line first (MkDocs validates before any plugin
  runs); the check's line names it in Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .sitekit import build, check, front_matter, interpretation, policy, write_site


def _notice(number: int, body: str) -> str:
    return front_matter(body, title=f"测试通知{number}", type="notice", index_no=f"T001/2024-{number:05d}",
                        published="2024-03-05")


LINKS = {
    "notices/missing.md": _notice(11, "见[办法](../policies/a.md#第九条)。\n"),
    "notices/by-reference.md": _notice(12, "见[解读][r]。\n\n[r]: ../interpretations/a.md#背景\n"),
    "notices/present.md": _notice(13, "见[解读](../interpretations/a.md#背景依据)。\n"),
    "notices/index.md": "---\ntitle: 通知公告\n---\n本栏目见[办法](../policies/a.md#第九条)。\n",   # a section page's link too
}


# Settings the build refused (a traceback, E600, E401) where the check passed: one line each in both now.
REFUSED_SETTINGS = {
    "theme": {"name": "material", "language": "xx", "font": False, "custom_dir": str(Path(__file__).parent.parent / "overrides"),
              "icon": {"logo": "material/no-such-icon", "admonition": {"note": "octicons/no-such-16"}}, "direction": "rtl"},
    "extra": {"social": [{"icon": "fontawesome/brands/no-such", "link": "../"}, {"link": "../", "name": "无图标"}]},
    "markdown_extensions": ["pymdownx.progressbar", {"pymdownx.highlight": {"anchor_linenums": True}}, "pymdownx.superfences"],
}


def _site(root: Path, **mkdocs) -> Path:
    files = {"policies/a.md": policy(), "interpretations/a.md": interpretation(), **LINKS,
             "notices/code.md": _notice(14, '进度：[=85% "85%"]\n\n```text\n第一行\n```\n')}
    return write_site(root, files, mkdocs_extra={**REFUSED_SETTINGS, **mkdocs})


def _codes(run, name: str) -> list[str]:
    return [line.split(": ", 2)[1].split(" ", 1)[0] for line in run.coded_lines() if line.startswith(name + ":")]


def test_check_and_build_name_a_missing_heading_elsewhere_and_an_unknown_language(tmp_path):
    root = _site(tmp_path)
    checked, built = check(root), build(root)
    for run in (checked, built):
        assert run.returncode != 0 and "Traceback" not in run.output, run.output
        # the build stops on the settings before it renders the page where it would read the direction (E401)
        assert sorted(_codes(run, "mkdocs.yml")) == ["E401", "E404"][run is built:] + ["E406"] * 7, run.output
        assert "language: zh" in run.output
        for named in ("theme.icon.logo", "theme.icon.admonition.note", "“fontawesome/brands/no-such”", "“（空）”",
                      "theme.icon.admonition 让主题", "pymdownx.progressbar", "anchor_linenums"):
            assert named in run.output
        assert _codes(run, "content/notices/missing.md") == ["E500"], run.output
        assert _codes(run, "content/notices/by-reference.md") == ["E500"] and "#背景依据、#主要内容" in run.output
        assert _codes(run, "content/notices/present.md") == [], run.output
        assert [line.split(": ", 1)[0] for line in run.coded_lines() if "notices/index.md" in line] == ["content/notices/index.md:4"]
    assert not (root / "site").exists()


def test_the_check_names_a_setting_mkdocs_does_not_read_and_a_column_name_printed_as_markup(tmp_path):
    root = _site(tmp_path, site_urls="https://example.gov.cn/", foo="bar")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {**config["theme"], "language": "zh", "icon": {}, "direction": "ltr"}
    del config["extra"], config["markdown_extensions"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    catalogue = yaml.safe_load((root / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["catalogue"][2]["name"] = "<b>通知公告</b>"   # the build: E403 naming content/notices/index.md (no such file)
    catalogue["agency"]["name"] += '" onmouseover="alert(1)'   # the build: E401 (the header's aria-label)
    (root / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    run = check(root)
    assert _codes(run, "mkdocs.yml") == ["E406", "E406"], run.output
    assert "是否应为 site_url" in run.output and "“foo”" in run.output
    assert sorted(_codes(run, "catalogue.yaml")) == ["E102", "E401"] and "栏目名称“<b>通知公告</b>”" in run.output, run.output
    assert "机关名称“测试县市场监督管理局\" onmouseover" in run.output


def test_the_settings_list_is_the_hosts():
    from mkdocs.config.defaults import MkDocsConfig

    from disclosure.content.host_settings import HOST_SETTING_NAMES
    assert HOST_SETTING_NAMES == {name for name, _ in MkDocsConfig._schema} - {"config_file_path", "pages", "google_analytics"}


def test_no_earlier_merge_is_trusted_where_change_times_are_creation_times(tmp_path, monkeypatch):
    """Windows' st_ctime is the creation time, kept by a write in place: a record of an earlier merge is no proof
    there that a file is unchanged (a same-size edit with its modification time restored), so none is used."""
    from disclosure.content import seen_files
    from disclosure.platform import merge_state
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: 通知\n---\n", encoding="utf-8")
    found = os.lstat(source)
    earlier = seen_files.SeenFiles("key", started=found.st_ctime_ns + 10 * seen_files.RACY_NS)
    earlier.note("a.md", found, "digest", True)
    record = earlier.to_json()
    assert seen_files.SeenFiles.from_json(record, "key").inert("a.md", found)   # POSIX: the very file, unchanged
    monkeypatch.setattr(seen_files, "CHANGE_TIMES_KEPT", False)
    assert not seen_files.SeenFiles.from_json(record, "key").inert("a.md", found)
    assert merge_state.read_trust(tmp_path, tmp_path, [], {}, lambda granted: True) is merge_state.NO_TRUST


def test_a_column_page_cannot_hide_the_footer_that_carries_the_site_code(tmp_path):
    from .sitekit import paired_policy
    root = write_site(tmp_path, {**paired_policy(), "policies/index.md": "---\ntitle: 政策\nhide: [toc, footer]\n---\n\n说明。\n"})
    for run in (check(root), build(root)):
        assert run.returncode == 1 and any("index.md:3: E102 " in line and "footer" in line for line in run.coded_lines()), run.output
