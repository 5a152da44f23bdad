"""Round twenty-six (a) of the adversarial review (issue 24): a careless or hostile editor on the single agency's
paths (`disclosure check`, `mkdocs build --strict`). Each test goes through the real command and failed on main
(4f9986a) before its fix.

The rendered page's check (rules/rendered.py `_SCHEME`) —
- fixed: a link whose address is a long run of letters ([x](http://aaa…), 60 KB; or <http://aaa…>): the check passed
  in a second, the strict build took 46–76 s (a few hundred KB: past the CI job's limit). Reading the page's
  schemes tried every letter of the run as the start of one and scanned to its end each time. Linear now (1.5 s).

mkdocs.yml as MkDocs reads it (rules/files.py `host_extension_diagnostics`) —
- fixed: mkdocs.yml saved as UTF-16 with its byte-order mark (Notepad's "Unicode"). MkDocs opens the file as bytes and
  PyYAML decodes it by the mark: it reads the whole file, runs its Python tags, obeys its plugins and exclude_docs.
  Every reading of the gate decodes UTF-8 and, failing, took the file for one MkDocs could not read either: the
  check (also `disclosure check mkdocs.yml`, `make site`'s guard) passed a UTF-16 mkdocs.yml without the plugin and
  without exclude_docs, and `mkdocs build --strict` published a 不予公开 document with exit 0; one with
  `!!python/object/apply:os.system […]` ran the command in the job that deploys. The same for a file INHERIT names.
  Now E406 on the file's first line, in check and build.
- fixed (content/yamlsource.py `expanded_size`): anchors and aliases nested nine deep in mkdocs.yml's `extra`
  (400 million settings once expanded): the check passed in 0.4 s, then MkDocs spent 48 s writing their repr to its
  debug log while loading the file, before any plugin (each level more, nine times as long; no line says why).
  Now E406 past 100,000 expanded settings, in `make site`'s guard before MkDocs reads the file.
- fixed (rules/files.py `rival_config_diagnostics`): a properdocs.yml (or mkdocs.yaml) beside mkdocs.yml. ProperDocs,
  the host the README offers (its GitLab job calls `properdocs build --strict`, no -f), reads properdocs.yml first;
  the check reads mkdocs.yml only, so a properdocs.yml without the plugin and exclude_docs passed it. E406 now.

A withheld document's text (content/inventory.py `_withheld_copies`, withheld_text_copies.py `page_copied_whole`) —
- fixed: a 不予公开 document's whole body pasted into a new public document, or into a hand-written section page
  (index.md) (the careless "public version" that deletes nothing): published with exit 0 (page, search index,
  feeds), where the same body saved as a Word file and attached was refused (E500). A public page whose title,
  summary and body hold every passage of a withheld document or file is now E500 on its body's first line, in
  check and build. As for attachments, a part of the
  withheld text is not refused (a public version shares its headings); the merge's rule for a unit's files (a run
  of 20 characters, E700) guards against a CI job, not the editor.

The editors' search dictionary (search/text.py `check_dictionary`) —
- fixed: search-dict.txt with a word of 200,000 characters (one pasted line): jieba stores every prefix of a word, so
  the index process ran out of memory after 74 s and the build ended with "搜索索引进程意外退出" and no reason. Now a
  line with a word of more than 64 characters, or a dictionary past jieba's own size several times over, stops the
  build at once naming the line. (The check does not read the dictionary; the build alone refuses a bad one, left.)

The build's own folders beside site/ (pages/atomic.py `remove_any`) —
- fixed: `site.building` (the staging folder) committed as a link to a folder elsewhere (Git keeps links, and
  .gitignore's `site.building/` names folders only): rmtree refused the link (ignored), MkDocs emptied the folder it
  names (anything the CI user may write: the runner's work folders, .git) and wrote the site there; site/ became a
  link to it. As a file: the build ended in a Python NotADirectoryError traceback. A `site.old` file or link stayed
  behind. Whatever is at those names (and at a merge's `site.merging`, a unit's `<id>.building`) is now removed as it
  is, never through a link.

Numbers as the source writes them (privacy/numbers.py `_candidate_patterns`) —
- fixed: a run of URL escapes or character references written without their semicolons (a pasted percent-encoded
  address, a data: URL, &#12288 repeated) made the search for stretches of digits quadratic: every digit inside
  an escape (the 4 of %E4) started a stretch that scanned on through all the escapes after it. A link of 27 KB of
  %E4%B8%AD%E6%96%87 took the check 30 s and a strict build 46 s (60 KB of %31: 40 s and 90 s; a few hundred KB
  outlast the CI job's time limit, which ends it without a coded line). A stretch no longer starts at a digit that
  ends an escape or a reference: linear now (about a second).
- fixed (same place): a mobile written as URL escapes of its digits, in a link (tel:%31%33%38…) or in the text:
  `fold` read %31 as 1, but the search for stretches took %31 for a gap between digits, never for a digit, so the
  check passed it (the build's rendered check refused the link; the text was published with exit 0). An escape of
  a digit is now a digit to that search too: E400 in check and build.

Held (tried through check and a strict build, nothing published): pymdownx.snippets, also with base_path "." (E406);
a mobile shown in display order by U+202E, <bdo> (E401), combining marks or keycaps on each digit, Thai or Devanagari
digits, mathematical bold digits, <wbr> between groups, a link title, attr_list title/data-* attributes, an
abbreviation, a footnote (E500 too), an admonition title, an 18-digit ID with a lowercase x; attr_list onclick and
style=url() (refused by the build's rendered check, E401; the check passes them); an srcset to another host (E404);
SVG/HTML/XML/XHTML/JS attachments (E111); a .docx whose number runs through w:ins, w:del, w:moveTo, w:sdt,
w:customXml, w:smartTag, w:fldSimple, a tab, hidden text, w:sym or a soft hyphen; an .xlsx whose number is made by a
number format's literal text or digits, a data validation prompt, a defined name, a very hidden sheet, a page
header; an MP3's ID3 comment (UTF-16 and UTF-8); RTF or HTML saved as .doc, RTF with its digits written as hex or Unicode escapes (E400);
HTML saved as .xls (W400: a strict build stops); mkdocs.yml nav titles, extra.consent/social/alternate, site_url
with a number, extra_css/extra_javascript from another host or from content/, a logo from another host (E400/E404);
extra.homepage, a social link or repo_url as javascript: (E401); copyright holding <script>, <img src=…> or an event
attribute (printed escaped); catalogue.yaml's agency name, address, email, hours (E400); front matter and
catalogue.yaml with nested aliases (E102 at once); content files named .markdown, .MD, .Md, .mkd, .md., .md~
(E111); `mkdocs serve` (withheld page and attachment 404; Ctrl-C removes its temporary folder, though MkDocs prints
its English "Aborted!"); the disclosure plugin's options listing_page_size 0 or negative, search_budget_kb negative,
catalogue and search_dictionary naming a folder, a missing or another file (coded lines, no traceback).

Left (the build refuses, the check passes; nothing is published): attr_list onclick/style, site_url javascript:,
a bad search-dict.txt (the check does not read it), the plugin's `catalogue:` option (the check reads
catalogue.yaml, the build the file the option names). Not tried to the end: a .cache/disclosure committed with the
change (its key is predictable on a CI runner) might make `disclosure check` skip a file; the build never uses it. Left (slow, ends in a coded line): a page
the allow-list changes in thousands of places (`removals` compares its tokens with difflib: 51 KB of
`</p>title="<span ` takes 10 s, quadratic). A part of a withheld body in a public page (one paragraph of two) is
published, as for attachments: "all of it" is the rule.
"""

from __future__ import annotations

import sys

import pytest
import yaml

from .batchkit import assert_case_refused, cases_site, checked_and_built
from .sitekit import build, check, front_matter, host_command, write_site, _run
from .test_redteam22 import _site
from .test_redteam6 import MOBILE


def _escaped(digits: str) -> str:
    return "".join(f"%{ord(digit):02X}" for digit in digits)


def _notice(body: str) -> str:
    return front_matter(body, title="关于仓库安全的通知", type="notice", index_no="T001/2024-00010", published="2024-03-06")


# A link to a search page whose query is 54 KB of percent-encoded Chinese (中文 6,000 times), after a %20.
_LONG_ADDRESS = "现将有关情况通知如下，详见[查询页面](https://www.gov.cn/s?q=%20" + "%E4%B8%AD%E6%96%87" * 6000 + ")。\n"


def test_a_long_run_of_escapes_is_read_in_linear_time(tmp_path):
    root = write_site(tmp_path, _site({"notices/a.md": _notice(_LONG_ADDRESS)}))
    # On main: minutes (quadratic); now about a second each. A timeout is a failure of the test.
    checked = _run([sys.executable, "-m", "disclosure.cli.main", "check", "--no-cache"], root, timeout=60)
    assert checked.returncode == 0, checked.output
    built = _run(host_command("build", "--strict"), root, timeout=90)
    assert built.returncode == 0, built.output


ESCAPED_NUMBERS = {"tel-link": f"请致电[联系人](tel:{_escaped(MOBILE)})。\n", "text": f"联系人号码：{_escaped(MOBILE)}。\n"}


@pytest.fixture(scope="module")
def escaped_numbers(tmp_path_factory):
    """Each case's notice in one site, checked once and built once."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("escapes"), {
        case: _site({"notices/a.md": _notice(body)}) for case, body in ESCAPED_NUMBERS.items()}))


@pytest.mark.parametrize("case", ESCAPED_NUMBERS)
def test_a_number_written_as_url_escapes_is_refused(escaped_numbers, case):
    assert_case_refused(escaped_numbers, case, "notices/a.md", "E400", 7)


def test_escapes_of_other_characters_stay(tmp_path):
    """Guard (passes on main too): a percent-encoded Chinese address beside figures, a 文号 and a date: no finding."""
    body = ("依据2024年第12号文件，详见[通知](https://www.gov.cn/zhengce/%E9%80%9A%E7%9F%A52024%E5%B9%B4"
            "%E7%AC%AC12%E5%8F%B7.html)，咨询电话 0000-7654321。\n")
    root = write_site(tmp_path, _site({"notices/a.md": _notice(body)}))
    assert build(root).returncode == 0


def _withheld() -> str:
    return front_matter("内部事项正文，不予公开。\n", title="内部事项", type="notice", index_no="T001/2024-00011",
                        published="2024-03-06", disclosure="不予公开", reason="涉及个人隐私")


def _config_text(root, change=lambda config: None) -> str:
    """The site's mkdocs.yml as YAML text, after `change` edits its settings."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    change(config)
    return yaml.safe_dump(config, allow_unicode=True)


def _as_utf16(text: str) -> bytes:
    """`text` as Notepad's "Unicode" saves it: UTF-16 with its byte-order mark."""
    return b"\xff\xfe" + text.encode("utf-16-le")


def _without_the_gate(config: dict) -> None:
    """What a hostile mkdocs.yml keeps: Material without the project's theme folder, no plugin, no exclude_docs."""
    config["plugins"] = ["search"]
    config.pop("exclude_docs", None)
    config.pop("extra_css", None)
    config["theme"].pop("custom_dir")


def _refused_at(run, where: str) -> None:
    assert run.returncode != 0, run.output
    assert any(line.startswith(where) and " E406 " in line for line in run.coded_lines()), run.output


def test_a_utf16_mkdocs_yml_without_the_gate_is_refused(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    (root / "mkdocs.yml").write_bytes(_as_utf16(_config_text(root, _without_the_gate)))
    _refused_at(check(root), "mkdocs.yml:1:")
    _refused_at(check(root, "mkdocs.yml"), "mkdocs.yml:1:")   # `make site`'s guard before MkDocs reads the file


def test_a_utf16_mkdocs_yml_with_a_python_tag_is_refused_before_mkdocs_reads_it(tmp_path):
    root = write_site(tmp_path, _site({}))
    (root / "mkdocs.yml").write_bytes(_as_utf16(_config_text(root) + "extra:\n  x: !!python/object/apply:os.getcwd []\n"))
    _refused_at(check(root, "mkdocs.yml"), "mkdocs.yml:1:")


def test_a_utf16_file_mkdocs_yml_inherits_is_refused(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    (root / "base.yml").write_bytes(_as_utf16(_config_text(root, _without_the_gate)))
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    _refused_at(check(root), "base.yml:1:")


def test_a_utf16_mkdocs_yml_with_the_plugin_is_refused_by_the_build(tmp_path):
    root = write_site(tmp_path, _site({}))
    (root / "mkdocs.yml").write_bytes(_as_utf16(_config_text(root)))
    run = build(root)
    _refused_at(run, "mkdocs.yml:1:")
    assert not (root / "site").exists()


@pytest.mark.parametrize("name", ["properdocs.yml", "properdocs.yaml", "mkdocs.yaml"])
def test_a_second_host_configuration_is_refused(tmp_path, name):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    (root / name).write_text(_config_text(root, _without_the_gate), encoding="utf-8")
    _refused_at(check(root), f"{name}:1:")
    _refused_at(check(root, "mkdocs.yml"), f"{name}:1:")


def test_a_staging_folder_committed_as_a_link_is_removed_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept.txt").write_text("不属于网站的文件", encoding="utf-8")
    root = write_site(tmp_path / "repo", _site({}))
    (root / "site.building").symlink_to(elsewhere, target_is_directory=True)
    run = build(root)
    assert run.returncode == 0, run.output
    assert (elsewhere / "kept.txt").exists() and not (elsewhere / "index.html").exists()
    assert (root / "site").is_dir() and not (root / "site").is_symlink()


@pytest.mark.parametrize("name", ["site.building", "site.old"])
def test_a_file_at_the_builds_own_names_ends_no_build(tmp_path, name):
    root = write_site(tmp_path, _site({}))
    assert build(root).returncode == 0   # a site/ to replace
    (root / name).write_text("x", encoding="utf-8")
    run = build(root)
    assert run.returncode == 0 and "Traceback" not in run.output, run.output
    assert sorted(path.name for path in root.iterdir() if path.name.startswith("site")) == ["site"]


_INVESTIGATION = ("经调查，仓库管理员李某某于三月五日擅自挪用救灾物资共计四十二箱，现已移交纪检部门处理。\n\n"
                  "涉事人员名单及处理意见另行通报。\n")


PASTED_INTO = {"document": ("notices/a.md", 7), "section-page": ("notices/index.md", 1)}


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    """Each case's withheld notice and the public page holding its body in a folder of their own, all in one site,
    checked once and built once."""
    withheld = front_matter(_INVESTIGATION, title="关于仓库物资挪用的调查报告", type="notice", index_no="T001/2024-00011",
                            published="2024-03-06", disclosure="不予公开", reason="涉及个人隐私")
    copied = "现将有关情况通报如下。\n\n" + _INVESTIGATION.replace("，", "， ")
    pages = {"document": _notice(copied), "section-page": "# 通知公告\n\n" + copied}
    return checked_and_built(cases_site(tmp_path_factory.mktemp("pasted"), {
        case: _site({"notices/w.md": withheld, name: pages[case]}) for case, (name, _) in PASTED_INTO.items()}))


@pytest.mark.parametrize("case", PASTED_INTO)
def test_a_withheld_body_pasted_into_a_public_page_is_refused(pasted, case):
    name, line = PASTED_INTO[case]
    assert_case_refused(pasted, case, name, "E500", line)


def test_aliases_expanding_past_a_limit_in_mkdocs_yml_are_refused(tmp_path):
    root = write_site(tmp_path, _site({}))
    laughs = '  l0: &l0 ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]\n' + "".join(
        f"  l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]\n" for level in range(1, 9))
    (root / "mkdocs.yml").write_text(_config_text(root) + "extra:\n" + laughs, encoding="utf-8")
    _refused_at(_run([sys.executable, "-m", "disclosure.cli.main", "check", "mkdocs.yml"], root, timeout=60), "mkdocs.yml:1:")


def test_a_few_aliases_in_mkdocs_yml_stay(tmp_path):
    """Guard (passes on main too): an anchor used twice is a setting written once."""
    root = write_site(tmp_path, _site({}))
    (root / "mkdocs.yml").write_text(_config_text(root) + "extra:\n  a: &shared {x: 1}\n  b: *shared\n", encoding="utf-8")
    assert check(root, "mkdocs.yml").returncode == 0


def test_a_dictionary_word_too_long_for_the_index_stops_the_build_at_once(tmp_path):
    root = write_site(tmp_path, _site({}), search=True,
                      mkdocs_extra={"plugins": ["search", {"disclosure": {"search_dictionary": "search-dict.txt"}}]})
    (root / "search-dict.txt").write_text("应急避难场所 2000 n\n" + "词" * 200_000 + "\n", encoding="utf-8")
    run = _run(host_command("build", "--strict"), root, timeout=40)   # on main: 74 s, then the index process died
    assert run.returncode != 0 and "search-dict.txt 第 2 行的词语有 200000 个字" in run.output, run.output
    assert not (root / "site").exists()


LONG_LINKS = {"link": "[地址](http://{run})", "autolink": "<http://{run}>"}


@pytest.fixture(scope="module")
def long_links(tmp_path_factory):
    """Each case's notice in one site, built once (on main: 46 s and 76 s for each alone; now about a second)."""
    root = tmp_path_factory.mktemp("long-links")
    cases = cases_site(root, {case: _site({"notices/a.md": _notice("现将有关情况通知如下，详见" + link.format(run="a" * 60_000) + "。\n")})
                              for case, link in LONG_LINKS.items()})
    return cases, _run(host_command("build", "--strict"), root, timeout=30)


@pytest.mark.parametrize("case", LONG_LINKS)
def test_a_link_with_a_long_address_builds_in_linear_time(long_links, case):
    cases, built = long_links
    assert built.returncode == 0, built.output
    assert cases.page(case, "notices/a").is_file()
