"""A closed gate: only files the check recognised reach site/, and never a withheld one.

Every case runs through the real `disclosure check` and the real `mkdocs build`; a build that
refuses must say why in a coded line, never with a traceback, never hang, never half-write.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from disclosure.rules.check import load_site

from .leakkit import leaks
from .sitekit import build, check, copy_example, front_matter, paired_policy, policy, write_site

MARK = "GATE-MARKER-Q7W3X"
MARK_ZH = "绝密标记甲乙丙"
MARKERS = [MARK, MARK_ZH]           # body and files: never published, with or without the plugin
TITLE_MARK = "TITLE-MARKER-Z5N8"   # title and reason: a title-only row on the listing, only with the plugin


def secret_notice(**extra) -> str:
    """A 不予公开 notice whose title, reason and body carry the markers."""
    fields = dict(title=f"内部通知{TITLE_MARK}", type="notice", index_no="T001/2024-00077", published="2024-04-01",
                  disclosure="不予公开", reason=f"内部事务信息{TITLE_MARK}")
    fields.update(extra)
    body = fields.pop("body", f"正文{MARK}{MARK_ZH}。\n")
    return front_matter(body, **fields)


def public_notice(body: str = "正文。\n", index_no: str = "T001/2024-00010", **extra) -> str:
    return front_matter(body, title="公开通知", type="notice", index_no=index_no, published="2024-04-02", **extra)


def assert_refused(root, path: str, code: str, *, words: tuple[str, ...] = ()):
    """Both the check and the build name `path` with `code`; the build writes no site. Returns the check's run."""
    checked = check(root)
    assert_named(root, (checked, build(root, strict=False)), path, code, words=words)
    return checked


def assert_named(root, runs, path: str, code: str, *, words: tuple[str, ...] = ()) -> None:
    for run in runs:
        assert run.returncode != 0, run.output
        assert "Traceback" not in run.output, run.output
        lines = [line for line in run.output.splitlines() if f"{path}:" in line and f" {code} " in line]
        assert lines, run.output
        assert all(word in lines[0] for word in words), lines
    assert not (root / "site").exists() or not leaks(root / "site", MARKERS)


# --- point 1: a withheld document under another name -------------------------------------------

OTHER_EXTENSIONS = ["notices/x.markdown", "notices/x.MD", "notices/x.md.bak", "notices/x.mdown",
                    "notices/x.Md", "notices/x.md~", "notices/x.mkd", "notices/x.txt"]
INDEX_PAGES_OUTSIDE = ["some-folder/index.md", "notices/sub/index.md", "policies/files/index.md"]
REFUSED_NAMES = ["notices/..flood..md", "notices/.hidden.md", "notices/.secret/x.md", "notices/README.md",
                 "notices/a b.md", "notices/报告.md", "notices/a.md.md", ".DS_Store", "notices/~$x.md"]
STRAY_FILES = ["notices/名单.csv", "名单.xlsx", "policies/files/old-form.pdf"]


@pytest.fixture(scope="module")
def refused_names(tmp_path_factory):
    """Every refused name of this section in one site, through one real check and one real build:
    each must still be named on its own line (one refused file never hides another)."""
    files = paired_policy()
    files.update({name: secret_notice() for name in OTHER_EXTENSIONS + INDEX_PAGES_OUTSIDE})
    files.update({name: public_notice(body=f"正文{MARK}。\n") for name in REFUSED_NAMES})
    files.update({name: f"张三,{MARK}\n" for name in STRAY_FILES})
    root = write_site(tmp_path_factory.mktemp("refused-names"), files)
    return root, (check(root), build(root, strict=False))


@pytest.mark.parametrize("name", OTHER_EXTENSIONS)
def test_a_withheld_document_under_another_extension_is_refused(refused_names, name):
    assert_named(*refused_names, f"content/{name}", "E111")


@pytest.mark.parametrize("name", INDEX_PAGES_OUTSIDE)
def test_an_index_page_outside_a_category_is_refused(refused_names, name):
    assert_named(*refused_names, f"content/{name}", "E111", words=("index.md",))


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_a_file_name_the_rules_refuse_is_named(refused_names, name):
    shown = name.split("/.secret/")[0] + "/.secret" if "/.secret/" in name else name
    assert_named(*refused_names, f"content/{shown}", "E111")


def test_two_names_that_differ_only_in_case_are_refused(tmp_path):
    files = paired_policy()
    files["notices/N.md"] = public_notice(index_no="T001/2024-00011")
    files["notices/n.md"] = secret_notice()
    assert_refused(write_site(tmp_path, files), "content/notices/n.md", "E111", words=("content/notices/N.md",))


def test_a_control_character_in_a_file_name_cannot_forge_a_line(tmp_path):
    files = paired_policy()
    files["notices/a\nb.md"] = public_notice()
    root = write_site(tmp_path, files)
    run = check(root)
    assert run.returncode == 1 and "Traceback" not in run.output
    assert any(line.startswith("content/notices/a\\nb.md:1: E111 ") for line in run.coded_lines()), run.output


def test_a_file_name_that_is_not_utf8_is_named(tmp_path):
    root = write_site(tmp_path, paired_policy())
    (root / "content" / "notices").mkdir()
    (root / "content" / "notices").joinpath(os.fsdecode(b"gbk-\xb1\xa8.md")).write_text(public_notice())
    run = check(root)
    assert run.returncode == 1 and "Traceback" not in run.output, run.output
    assert any(" E111 " in line and "gbk-" in line for line in run.coded_lines()), run.output


@pytest.mark.parametrize("name", STRAY_FILES)
def test_a_stray_file_nobody_names_is_refused(refused_names, name):
    assert_named(*refused_names, f"content/{name}", "E111")


def test_an_attachment_of_a_public_document_is_published_by_link_or_list(tmp_path):
    files = paired_policy()
    files["notices/n.md"] = public_notice(body="见[表格](files/linked.csv)。\n",
                                          attachments=[{"file": "files/listed.csv", "title": "表"}])
    files["notices/files/linked.csv"] = "a,b\n"
    files["notices/files/listed.csv"] = "c,d\n"
    root = write_site(tmp_path, files)
    run = build(root)
    assert run.returncode == 0, run.output
    assert (root / "site" / "notices" / "files" / "linked.csv").read_text() == "a,b\n"
    assert (root / "site" / "notices" / "files" / "listed.csv").read_text() == "c,d\n"


# --- withheld documents' files are never copied --------------------------------------------------

def test_a_file_linked_only_from_a_withheld_body_is_not_published(tmp_path):
    files = paired_policy()
    files["notices/w.md"] = secret_notice(body="见[名单](files/list.csv)和![图](files/photo.png)。\n")
    files["notices/files/list.csv"] = f"张三,{MARK}\n"
    files["notices/files/photo.png"] = f"PNG{MARK_ZH}"
    files["notices/n.md"] = public_notice()
    root = write_site(tmp_path, files, search=True,
                      mkdocs_extra={"exclude_docs": "/notices/w.md\n/notices/files/list.csv\n/notices/files/photo.png\n"})
    site = load_site(root, today=dt.date(2026, 11, 22))
    assert {"notices/files/list.csv", "notices/files/photo.png"} <= site.withheld_files()
    assert site.published_attachments == []
    run = build(root)
    assert run.returncode == 0, run.output
    assert not (root / "site" / "notices" / "files").exists()
    assert leaks(root / "site", MARKERS) == []


def test_a_public_link_to_a_withheld_documents_file_is_refused(tmp_path):
    files = paired_policy()
    files["notices/w.md"] = secret_notice(attachments=[{"file": "files/list.csv", "title": "名单"}])
    files["notices/files/list.csv"] = f"张三,{MARK}\n"
    files["notices/n.md"] = public_notice(body="见[名单](files/list.csv)。\n",
                                          attachments=[{"file": "files/list.csv", "title": "名单"}])
    root = write_site(tmp_path, files)
    for run in (check(root), build(root)):
        assert run.returncode == 1, run.output
        assert any(line.startswith("content/notices/n.md:") and " E500 " in line for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


# --- symlinks and special files ------------------------------------------------------------------

SYMLINK_TARGETS = ["/etc/passwd", "../files/list.csv", "missing.txt", "loop.txt", "."]
RUNNABLE_ATTACHMENTS = ["files/page.html", "files/chart.svg", "files/run.js", "files/noext"]
DIRECTORY_SYMLINKS = {"policies/up": "..", "policies/etc": "/etc"}   # a loop back into content/, a folder outside
FIFOS = ["notices/pipe.md", "notices/files/pipe.csv", "pipe"]


@pytest.fixture(scope="module")
def refused_files(tmp_path_factory):
    """Every symlink, runnable attachment, directory symlink and fifo below in one site, each linked or attached from
    its own public notice (a directory symlink and a fifo at its own path), through one real check and one real build:
    each named on its own line."""
    files = paired_policy()
    files["notices/w.md"] = secret_notice(attachments=[{"file": "files/list.csv", "title": "名单"}])
    files["notices/files/list.csv"] = f"张三,{MARK}\n"
    for number, _ in enumerate(SYMLINK_TARGETS):
        files[f"notices/n{number}.md"] = public_notice(body=f"见[表](link{number}/loop.txt)。\n",
                                                       index_no=f"T001/2024-{20 + number:05d}")
    for number, name in enumerate(RUNNABLE_ATTACHMENTS):
        files[f"notices/a{number}.md"] = public_notice(attachments=[{"file": name, "title": "附件"}],
                                                       index_no=f"T001/2024-{40 + number:05d}")
        files[f"notices/{name}"] = f"<script>alert('{MARK}')</script>"
    root = write_site(tmp_path_factory.mktemp("refused-files"), files)
    for number, target in enumerate(SYMLINK_TARGETS):
        (root / "content" / "notices" / f"link{number}").mkdir()
        os.symlink(target, root / "content" / "notices" / f"link{number}" / "loop.txt")
    for name, target in DIRECTORY_SYMLINKS.items():
        os.symlink(target, root / "content" / name)
    for name in FIFOS:
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / "content" / name)   # reading it would block forever
    return root, (check(root), build(root, strict=False))


@pytest.mark.parametrize("number, target", list(enumerate(SYMLINK_TARGETS)), ids=SYMLINK_TARGETS)
def test_a_symlink_is_refused_whatever_it_points_at(refused_files, number, target):
    assert_named(*refused_files, f"content/notices/link{number}/loop.txt", "E112")


def test_a_directory_symlink_is_refused_and_never_followed(refused_files):
    for name in DIRECTORY_SYMLINKS:
        assert_named(*refused_files, f"content/{name}", "E112")


@pytest.mark.parametrize("name", FIFOS)
def test_a_fifo_is_refused_and_never_read(refused_files, name):
    assert_named(*refused_files, f"content/{name}", "E112")


# --- hand-written index.md: an allow-list of keys -----------------------------------------------

@pytest.mark.parametrize("key, value", [("template", "main.html"), ("disclosure", "不予公开"), ("type", "notice"),
                                        ("search", {"exclude": True})])
def test_an_index_page_may_set_only_title_description_hide(tmp_path, key, value):
    files = paired_policy()
    files["index.md"] = "---\ntitle: 首页\n" + yaml.safe_dump({key: value}, allow_unicode=True) + "---\n\n欢迎。\n"
    checked = assert_refused(write_site(tmp_path, files), "content/index.md", "E102", words=(key,))
    assert any(line.startswith("content/index.md:3: E102 ") for line in checked.coded_lines())


def test_an_index_page_with_allowed_keys_builds(tmp_path):
    files = paired_policy()
    files["policies/index.md"] = "---\ntitle: 政策\ndescription: 本栏目说明\nhide: [toc]\n---\n\n说明。\n"
    run = build(write_site(tmp_path, files))
    assert run.returncode == 0, run.output


# --- point 4: fail closed without the plugin -----------------------------------------------------

def _without_plugin(root, keep_overrides: bool = False) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    if not keep_overrides:
        config["theme"].pop("custom_dir", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _gated_site(tmp_path):
    files = paired_policy()
    files["notices/w.md"] = secret_notice(body=f"正文{MARK}。见[名单](files/linked.csv)。\n",
                                          attachments=[{"file": "files/list.csv", "title": f"名单{TITLE_MARK}"}])
    files["notices/files/list.csv"] = f"张三,{MARK}\n"
    files["notices/files/linked.csv"] = f"李四,{MARK_ZH}\n"
    files["notices/n.md"] = public_notice()
    return write_site(tmp_path, files, mkdocs_extra={"exclude_docs": ""})


def test_check_names_every_withheld_file_the_host_would_publish_and_the_line_to_add(tmp_path):
    root = _gated_site(tmp_path)
    run = check(root)
    assert run.returncode == 1, run.output
    e113 = [line for line in run.coded_lines() if " E113 " in line]
    expected = {"content/notices/w.md": "/notices/w.md", "content/notices/files/list.csv": "/notices/files/list.csv",
                "content/notices/files/linked.csv": "/notices/files/linked.csv"}
    for path, pattern in expected.items():
        assert any(line.startswith(path + ":") and pattern in line and "exclude_docs" in line for line in e113), run.output
    assert len(e113) == 3, run.output
    assert build(root).returncode == 1
    # Adding exactly the lines the messages name makes both pass.
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["exclude_docs"] = "".join(p + "\n" for p in expected.values())
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert check(root).returncode == 0
    assert build(root).returncode == 0


def test_an_exclude_line_that_hides_a_published_file_is_refused(tmp_path):
    files = paired_policy()
    root = write_site(tmp_path, files, mkdocs_extra={"exclude_docs": "# 不公开\n/policies/\n"})
    run = check(root)
    assert any(line.startswith("mkdocs.yml:") and " E113 " in line and "content/policies/a.md" in line
               for line in run.coded_lines()), run.output


@pytest.mark.parametrize("how", ["removed", "disabled", "removed-with-overrides"])
def test_without_the_plugin_no_byte_of_a_withheld_document_is_published(tmp_path, how):
    """The editor follows the check's E113 lines; then the plugin goes: the host alone keeps them out."""
    root = _gated_site(tmp_path)
    added = [line.rsplit("加一行：", 1)[1] for line in check(root).coded_lines() if " E113 " in line]
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["exclude_docs"] = "".join(line + "\n" for line in added)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert check(root).returncode == 0
    if how == "disabled":
        config["plugins"] = ["search", {"disclosure": {"enabled": False}}]
        config["theme"].pop("custom_dir")
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    else:
        _without_plugin(root, keep_overrides=how.endswith("overrides"))
    run = build(root, strict=False)
    if how.endswith("overrides") and run.returncode != 0:
        # Our templates need the plugin; plain MkDocs stops half-way: what it wrote must still be clean.
        if (root / "site").exists():
            assert leaks(root / "site", MARKERS + [TITLE_MARK]) == []
        return
    assert run.returncode == 0, run.output
    assert (root / "site" / "notices" / "n" / "index.html").is_file()   # the host did publish the public one
    assert leaks(root / "site", MARKERS + [TITLE_MARK]) == []


def test_the_example_site_without_the_plugin_publishes_nothing_withheld(tmp_path):
    root = copy_example(tmp_path)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - disclosure:")
    end = text.index("\n\n", start)
    (root / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    shutil.rmtree(root / "overrides")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  custom_dir: overrides\n", "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    run = build(root, strict=False)
    assert run.returncode == 0, run.output
    assert (root / "site" / "policies" / "normative" / "2024-reward" / "index.html").is_file()
    markers = ["WITHHELD-MARKER-7Q3Z", "WITHHELD-MARKER-K8V2P", "WITHHELD-MARKER-M4X9T", "WITHHELD-MARKER-ATTACH-R2D2"]
    assert leaks(root / "site", markers) == []
    assert not list((root / "site").rglob("relief-detail.txt"))


# --- neighbours: hard links, active attachments, folder names, unreadable files, INHERIT ---------

def test_a_hard_link_is_refused(tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text(f"张三,{MARK}\n", encoding="utf-8")
    files = paired_policy()
    files["notices/n.md"] = public_notice(body="见[表](files/list.csv)。\n")
    root = write_site(tmp_path / "repo", files)
    (root / "content" / "notices" / "files").mkdir()
    os.link(outside, root / "content" / "notices" / "files" / "list.csv")
    assert_refused(root, "content/notices/files/list.csv", "E112")


@pytest.mark.parametrize("name", RUNNABLE_ATTACHMENTS)
def test_an_attachment_a_browser_would_run_is_refused_even_when_attached(refused_files, name):
    assert_named(*refused_files, f"content/notices/{name}", "E111")


def test_a_folder_name_that_breaks_links_is_refused(tmp_path):
    files = paired_policy()
    files["notices/n.md"] = public_notice(body="见[表](a%23b/x.pdf)。\n")
    files["notices/a#b/x.pdf"] = "%PDF-1.4"
    assert_refused(write_site(tmp_path, files), "content/notices/a#b/x.pdf", "E111", words=("a#b",))


def test_an_unreadable_document_is_a_coded_line(tmp_path, monkeypatch):
    """Permissions cannot stop root (the test user), so the refusal of the kernel is simulated."""
    root = write_site(tmp_path, {**paired_policy(), "notices/n.md": public_notice()})
    real_open = os.open
    def refusing_open(path, flags, *args, **kwargs):
        if str(path).endswith("notices/n.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", refusing_open)
    site = load_site(root, today=dt.date(2026, 11, 22))
    assert [d.code for d in site.diagnostics if d.path == "content/notices/n.md"] == ["E112"]


def test_exclusions_inherited_from_a_parent_configuration_count(tmp_path):
    files = paired_policy()
    files["notices/w.md"] = secret_notice()
    root = write_site(tmp_path, files, mkdocs_extra={"INHERIT": "base.yml"})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / "base.yml").write_text(yaml.safe_dump({"exclude_docs": config.pop("exclude_docs")}), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert check(root).returncode == 0, check(root).output
    (root / "base.yml").write_text("exclude_docs: |\n  /notices/other.md\n", encoding="utf-8")
    assert any(" E113 " in line for line in check(root).coded_lines())


# --- any file name: recognised, or named in a coded line -----------------------------------------

_NAME_PARTS = st.lists(st.sampled_from(list("aZ9-_.~$# \t\n报告") + ["md", "MD", ".md", "bak", "index"]),
                       min_size=1, max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAME_PARTS.filter(lambda n: n not in (".", "..") and "/" not in n))
@example(name="index.md")
def test_every_file_name_is_recognised_or_named(tmp_path_factory, name):
    from disclosure.content.inventory import shown
    root = write_site(tmp_path_factory.mktemp("names"), paired_policy())
    (root / "content" / "notices").mkdir()
    (root / "content" / "notices" / name).write_text(public_notice(), encoding="utf-8")
    site = load_site(root, today=dt.date(2026, 11, 22))
    src_uri = f"notices/{name}"
    recognised = src_uri in site.published_files() and not site.error_count
    # A name the build takes for another kind of file (index.md: a column's own page) is named by that kind's rule.
    named = [d for d in site.diagnostics if d.path == shown(f"content/{src_uri}") and d.severity == "error"]
    assert recognised or named, (name, site.diagnostics)
    assert all("\n" not in d.as_text() for d in site.diagnostics)
