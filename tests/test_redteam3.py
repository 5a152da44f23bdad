"""Round three of the adversarial review (issue 24): a careless or hostile editor with content/, mkdocs.yml
and catalogue.yaml; a compromised department CI job that seals its own build/units/<id>/; a folder of
saved pages handed to the importer. Each test goes through the real path (MkDocs build, `disclosure
check`, `disclosure merge`, `disclosure import`) and failed on main before its fix.

Tried and held (no test added; the gate already refused it, or the attempt did not reach readers):
- a public body including a withheld document with pymdownx.snippets' `--8<-- "content/…"` mark: E600
  (the mark vanished from the page); only `auto_append` (no mark) got through — tested below;
- an attachment `../../../outside.txt` or `/etc/hostname`, a Markdown link to `../../mkdocs.yml`: E500;
- front matter `template: 404.html` (choosing another theme template): E102 unknown field;
- a category path `../x` or `notices/../../y`: the build stopped, though with E113 on a file that does
  not exist (now E102 on the catalogue.yaml line, tested below); nothing was written outside site/;
- E406 on a platform: `disclosure check` reports it once under the platform's configuration, and
  `disclosure build --unit jyj` fails with it;
- import: a linked folder inside the imported folder is not entered at all; an 索引号 of `../../../../tmp/x`
  is renumbered and never used as a path; `%2F`-escaped `../` in a link is unquoted before the
  containment check (code read), a Windows `..\\` is a file name on POSIX, not a way out;
- `disclosure report --output` through a symlink: the place is compared after resolving (code read);
- a category path `assets` in a single agency builds; its pages lie in site/assets/<name>/ and
  overwrite no theme file (not a leak; not changed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .leakkit import leaks
from .batchkit import MergedCases, merged_cases, page_of_case
from .sitekit import build, check, front_matter, paired_policy, policy, write_site
from .test_merge_verifies import built, platform, refused  # noqa: F401  (the fixtures)

ID = "110101199003077715"


def _append_to(path: Path, text: str) -> None:
    data = path.read_text(encoding="utf-8")
    path.write_text(data.replace("</body>", text + "</body>") if "</body>" in data else data + text, encoding="utf-8")


# --- (b) a compromised department CI job: personal data in the files it seals -------------------
# The merge checked that a sealed file is the unit's own and what a page would run or load; what it
# shows was trusted, so a job that skipped the build could publish an ID number in any file.

def _search_text(root: Path) -> str:
    rows = root / "build/units/jyj/search/units/jyj/d/0.json"
    rows.write_text(rows.read_text(encoding="utf-8").replace("收费标准", f"收费标准 联系人{ID}", 1), encoding="utf-8")
    return "search/units/jyj/d/0.json"


def _attachment(root: Path) -> str:
    from .attachmentkit import xlsx
    (root / "build/units/jyj/jyj/fees/fees/名单.xlsx").write_bytes(xlsx({"A1": "姓名", "B1": "身份证号", "A2": "张三", "B2": ID}))
    return "jyj/fees/fees/名单.xlsx"


def _appended(path: str, text: str):
    def change(root: Path) -> str:
        _append_to(root / "build/units/jyj" / path, text)
        return path
    return change


def _contribution_token(root: Path) -> str:
    """The unit's search words (a binary hand-over): the assembly writes them into the platform's search/t/."""
    from disclosure.search.platform import Contribution, bucketed
    path = root / "build/units/jyj/_unit/jyj/search-contribution.bin"
    old = Contribution.from_bytes(path.read_bytes())
    entries = [(token, 1, [0], [100]) for token in old.tokens] + [(ID, 1, [0], [100])]
    path.write_bytes(bucketed(old.count, old.categories, old.chunk, entries, old.category, old.year).to_bytes())
    return "_unit/jyj/search-contribution.bin"


def _manifest_title(root: Path) -> str:
    """The hand-over's list of latest documents: the assembly prints its titles on the platform's home page."""
    import json
    path = root / "build/units/jyj/_unit/jyj/unit.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["latest"][0]["title"] += f"（联系人{ID}）"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return "_unit/jyj/unit.json"


PAGE_TEXTS = {"page text": f"<p>联系人身份证号{ID}</p>", "page attribute": f'<p title="{ID}">联系人</p>'}
UNIT_PERSONAL = {
    **{case: _appended("jyj/guide/guide/index.html", text) for case, text in PAGE_TEXTS.items()},
    "export csv": _appended("jyj/catalogue.csv", f"张三,{ID}\n"),
    "feed": _appended("jyj/feed.xml", f"<!-- {ID} -->"),
    "feed CDATA": _appended("jyj/feed.xml", f"<![CDATA[联系人 {ID}]]>"),
    "search rows": _search_text,
    "an attachment": _attachment,
    "search words": _contribution_token,
    "hand-over titles": _manifest_title,
    "file name": lambda root: _renamed(root, "jyj/guide/guide/index.html", f"jyj/guide/{ID}/index.html"),
}


def _renamed(root: Path, old: str, new: str) -> str:
    (root / "build/units/jyj" / new).parent.mkdir(parents=True)
    (root / "build/units/jyj" / new).write_bytes((root / "build/units/jyj" / old).read_bytes())
    (root / "build/units/jyj" / old).unlink()
    return new


# The merges of these cases (batchkit.py): each case's file its own, a page's in its own copy of the unit's guide page;
# the two cases of jyj/feed.xml in two merges. With them, the withheld document's and the government's shared pages'
# cases below.
SECOND_MERGE = {"feed CDATA"}
GUIDE_PAGE = "jyj/guide/guide/index.html"
WITHHELD_OUTPUT = {"page": "jyj/fees/secret/index.html", "attachment": "jyj/fees/fees/测算表.pdf"}


def _every_case_changed(platform: Path, cases) -> dict[str, str]:
    """The cases' changes to the unit's output, sealed once: each case's file."""
    output, paths = platform / "build/units/jyj", {}
    for number, case in enumerate(cases, start=1):
        if case in PAGE_TEXTS:
            paths[case] = _appended(page_of_case(output, GUIDE_PAGE, number), PAGE_TEXTS[case])(platform)
    for case in cases:
        if case in UNIT_PERSONAL and case not in PAGE_TEXTS:
            paths[case] = UNIT_PERSONAL[case](platform)
        elif case in WITHHELD_OUTPUT:
            paths[case] = _withheld_output(platform, WITHHELD_OUTPUT[case])
    seal_unit_manifest(output, "jyj")   # the compromised job seals what it wrote
    return paths


@pytest.fixture(scope="module")
def sealed(merged_platform, tmp_path_factory) -> dict[str, tuple[MergedCases, str]]:
    """Each case's merge and file in the unit's output."""
    found: dict[str, tuple[MergedCases, str]] = {}
    first = [case for case in UNIT_PERSONAL if case not in SECOND_MERGE] + list(WITHHELD_OUTPUT)
    for number, cases in enumerate((first, sorted(SECOND_MERGE))):
        paths: dict[str, str] = {}

        def attack(platform, cases=cases, paths=paths, first=not number) -> None:
            _withheld_in_content(platform)
            paths.update(_every_case_changed(platform, cases))
            if first:
                _gov_shared_changed(platform)
        merged = merged_cases(merged_platform, tmp_path_factory.mktemp(f"sealed{number}") / "platform", attack)
        found |= {case: (merged, path) for case, path in paths.items()}
    return found


@pytest.mark.parametrize("case", UNIT_PERSONAL)
def test_personal_data_in_a_sealed_unit_file_is_refused(sealed, case):
    merged, path = sealed[case]
    lines = merged.refused_lines(f"jyj/{path}")
    assert any("110101********7715" in line for line in lines), merged.run.output
    # the line names the file it refuses, and no line shows the ID but in the name of the file that has it
    renamed = f"jyj/guide/{ID}/"
    assert ID in path or ID not in "\n".join(line for line in merged.run.output.splitlines() if renamed not in line), merged.run.output


def test_a_number_a_public_document_allows_may_be_merged(platform: Path):
    """A hotline the office decided to publish (allow_personal_info in content/) is no refusal at the merge."""
    source = platform / "content/jyj/fees/fees.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "---\n", f"---\nallow_personal_info:\n- value: '{ID}'\n  reason: 测试\n", 1), encoding="utf-8")
    _appended("jyj/guide/guide/index.html", f"<p>{ID}</p>")(platform)
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    from .test_merge_verifies import built_from_content, disclosure
    built_from_content(platform, "jyj")
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


GOV_SHARED = {"404 page script": ("404.html", "<script>alert(1)</script>"), "search index ID": ("search/search_index.json", None)}


def _gov_shared_changed(platform: Path) -> None:
    for path, text in GOV_SHARED.values():
        target = platform / "build/units/gov" / path
        if text is None:
            target.write_text(target.read_text(encoding="utf-8").replace(
                '"docs":[]', f'"docs":[{{"location":"x/","title":"x","text":"联系人{ID}"}}]', 1), encoding="utf-8")
        else:
            _append_to(target, text)
    seal_unit_manifest(platform / "build/units/gov", "gov")


@pytest.mark.parametrize("case", GOV_SHARED)
def test_the_governments_shared_pages_are_checked_like_its_others(sealed, case):
    """404.html and search/search_index.json are "shared" (the government's copy is published): they were
    skipped with the theme's assets, so the government's job could put a script or an ID number in them.
    (Both in the first merge of the cases above.)"""
    merged, _ = sealed["page text"]
    assert merged.refused_lines(f"gov/{GOV_SHARED[case][0]}"), merged.run.output


def _withheld_in_content(root: Path) -> None:
    from .test_platform_core import write
    write(root, "jyj/fees/secret.md", "title: 内部收费测算\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          "disclosure: 不予公开\nreason: 内部事务信息\nattachments:\n- file: files/测算.pdf\n  title: 测算表\n")
    (root / "content/jyj/fees/files").mkdir(exist_ok=True)
    (root / "content/jyj/fees/files/测算.pdf").write_bytes(b"%PDF-1.4 internal estimate")


def _withheld_output(platform: Path, name: str) -> str:
    """The withheld document's page, or its attachment under another name, in the unit's output."""
    target = platform / "build/units/jyj" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".pdf"):
        target.write_bytes(b"%PDF-1.4 internal estimate")
    else:
        target.write_text("<!doctype html><html><body><p>内部收费测算</p></body></html>", encoding="utf-8")
    return name


@pytest.mark.parametrize("case", WITHHELD_OUTPUT)
def test_a_withheld_document_in_a_sealed_unit_output_is_refused(sealed, case):
    """A job that skipped the build published a 不予公开 document's page, or its attachment under another name:
    the merge took the unit's manifest for what is public. It reads what is withheld from content/ itself."""
    merged, path = sealed[case]
    assert any("不公开" in line for line in merged.refused_lines(f"jyj/{path}")), merged.run.output


# --- (a) an editor with mkdocs.yml: a Markdown extension that reads other files into every page -----

WITHHELD_BODY = "第一条 本件为内部讨论稿：拟对某企业处以罚款三十万元。\n"


def _withheld_site(tmp_path: Path, extension) -> Path:
    withheld = front_matter(WITHHELD_BODY, title="内部讨论稿", type="notice", index_no="T001/2024-00009",
                            published="2024-03-05", disclosure="不予公开", reason="内部事务信息")
    return write_site(tmp_path, {**paired_policy(), "notices/secret.md": withheld},
                      mkdocs_extra={"markdown_extensions": ["tables", "attr_list", extension]})


@pytest.mark.parametrize("extension", [
    {"pymdownx.snippets": {"auto_append": ["content/notices/secret.md"]}},
    {"pymdownx.snippets:SnippetExtension": {"auto_append": ["content/notices/secret.md"]}},
    "markdown_include.include",
], ids=["snippets auto_append", "snippets by class", "a third-party extension"])
def test_a_markdown_extension_reading_other_files_into_pages_is_refused(tmp_path, extension):
    """pymdownx.snippets' auto_append put a 不予公开 document's body on every page with exit 0: no
    mark in any document, and E600 only asks that the source be on the page, not that the page hold
    nothing else. A third-party extension may do the same (markdown-include's {!file!}): refused by name."""
    root = _withheld_site(tmp_path, extension)
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    name = extension if isinstance(extension, str) else next(iter(extension))
    line = next(number for number, text in enumerate(lines, start=1) if name in text)
    # MkDocs stops on an extension it cannot import before any plugin runs: the check names it there.
    for run in (check(root),) if isinstance(extension, str) else (check(root), build(root)):
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), run.output
        assert "Traceback" not in run.output
    assert not (root / "site").exists() or not leaks(root / "site", ["拟对某企业处以罚款"])


def test_the_extensions_of_the_example_stay_allowed(tmp_path):
    root = _withheld_site(tmp_path, {"pymdownx.superfences": {}})
    run = build(root)
    assert run.returncode == 0, run.output


# --- (c) a folder of saved pages: a page that is a link to a file of the machine --------------------

NOTES = ("<html><head><meta charset='utf-8'><title>关于内部事项的记录</title></head><body><div class='zw'>"
         "<p>各单位：本机上的私人笔记，不应被导入。</p><p>请按要求办理，逐项落实。</p></div></body></html>")


@pytest.mark.parametrize("linked", ["page", "folder"])
def test_a_saved_page_that_is_a_link_out_of_the_folder_is_not_imported(tmp_path, linked):
    """The files a page names came only from inside the folder; the pages themselves did not: a link
    old/a.html → ~/private/notes.html (or a linked folder) was imported as a document to publish."""
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.html").write_text(NOTES, encoding="utf-8")
    old = tmp_path / "old"
    old.mkdir()
    if linked == "page":
        (old / "notes.html").symlink_to(private / "notes.html")
    else:
        (old / "more").symlink_to(private, target_is_directory=True)
    (old / "fine.html").write_text(NOTES.replace("本机上的私人笔记，不应被导入", "现将有关材料印发给你们"), encoding="utf-8")
    done = run_import(root, str(old), "--type", "notice", "--report", "r.json")
    assert "Traceback" not in done.stderr, done.stderr
    pages = by_source(report_of(root, "r.json"))
    assert pages["fine.html"]["status"] != "未导入"
    if linked == "page":   # a linked folder is not entered at all
        assert pages["notes.html"]["status"] == "未导入" and " E801 " in pages["notes.html"]["skipped"], pages
    assert not any("私人笔记" in path.read_text(encoding="utf-8") for path in (root / "content").rglob("*.md"))


HOOK = '''import pathlib, shutil

def on_post_build(config):
    shutil.copy(pathlib.Path(config.docs_dir) / "notices/secret.md", pathlib.Path(config.site_dir) / "secret.txt")
'''


@pytest.mark.parametrize("setting", [{"hooks": ["hooks/copy.py"]},
                                     {"plugins": ["search", "disclosure", {"material/meta": {}}]}], ids=["hook", "plugin"])
def test_code_the_gate_does_not_know_is_not_run_by_the_build(tmp_path, setting):
    """A hook's on_post_build (or another plugin) wrote a 不予公开 document into site/ after every check, with exit 0."""
    root = _withheld_site(tmp_path, "admonition")
    (root / "hooks").mkdir()
    (root / "hooks/copy.py").write_text(HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    import yaml
    data = yaml.safe_load(config)
    data.update(setting)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    name = "hooks/copy.py" if "hooks" in setting else "material/meta"
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1) if name in text)
    for run in (check(root), build(root)):
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), run.output
    assert not (root / "site").exists() or not leaks(root / "site", ["拟对某企业处以罚款"])


@pytest.mark.parametrize("path", ["../x", "notices/../../y"])
def test_a_category_folder_outside_content_is_named_in_catalogue_yaml(tmp_path, path):
    """A category path with `..` stopped the build only by luck, with E113 on a file that does not exist
    (content/../x/index.md) instead of the line of catalogue.yaml that says it."""
    import copy

    from .sitekit import MINI_CATALOGUE
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["catalogue"][2]["path"] = path
    root = write_site(tmp_path, paired_policy(), catalogue=catalogue)
    lines = (root / "catalogue.yaml").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1) if f"path: {path}" in text)
    run = check(root)
    assert any(report.startswith(f"catalogue.yaml:{line}: E102 ") for report in run.coded_lines()), run.output


def _unreadable_attachment(root: Path) -> str:
    (root / "build/units/jyj/jyj/fees/fees/名单.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    return "jyj/fees/fees/名单.xlsx"


def test_an_attachment_the_merge_cannot_read_is_refused(platform: Path):
    path = _unreadable_attachment(platform)
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{path}:1: E700 ")


def test_an_attachment_the_merge_cannot_read_is_published_only_as_content_checks_it(platform: Path):
    """`checked:` in content/ lets the merge publish the very bytes a person checked, not what a unit job seals."""
    from .test_merge_verifies import built_from_content, disclosure
    from .test_platform_core import write
    path = _unreadable_attachment(platform)
    (platform / "content/jyj/fees/fees").mkdir(parents=True, exist_ok=True)
    (platform / "content/jyj/fees/fees/名单.xlsx").write_bytes((platform / "build/units/jyj" / path).read_bytes())
    write(platform, "jyj/fees/fees.md", "title: 收费标准\ntype: guide\nindex_no: JYJ/2025-00002\npublished: 2025-01-02\n"
          "attachments:\n  - file: fees/名单.xlsx\n    title: 名单\n    checked: 2026-03-01 王五逐页核对，无个人信息\n")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    built_from_content(platform, "jyj")
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    (platform / "build/units/jyj" / path).write_bytes(b"PK\x03\x04" + b"\x01" * 64)   # other bytes than those checked
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{path}:1: E700 ")


def test_a_saved_page_whose_meta_says_it_is_not_public_is_never_imported_as_public(tmp_path):
    """<meta name="公开属性" content="不予公开">: the importer read title, date and publisher from <meta>,
    not whether the page is public; the page was imported as public and its body would be published."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "p.html").write_text(
        "<html><head><meta charset='utf-8'><meta name='公开属性' content='不予公开'><title>关于示例仓库检查情况的通报</title>"
        "</head><body><p>索引号：EX0001/2025-00600</p><p>发布日期：2025-03-01</p><div class='zw'><p>各有关单位：</p>"
        "<p>现将示例仓库检查中发现的问题通报如下，请逐项整改。</p></div></body></html>", encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    front, _ = front_and_body(root / report_of(root, "r.json")["pages"][0]["target"])
    assert front.get("disclosure") == "不予公开" and "不予公开" in front.get("reason", ""), front
