"""The merge publishes a unit's output only as its own build sealed it (E700, E701), and site/ stays as it was otherwise.

Real unit builds of a small platform (tests/platformkit.py, `disclosure build --no-merge`), then what a
compromised CI job or a careless hand could do to one unit's output before the merge: a file added
under the government's or another unit's path, a file added in its own, a renamed file, changed
bytes, a symlink, a hard link to a file outside, a manifest listing `../`, a manifest of another
version. Each is a coded line naming the unit and the file; no traceback; site/ byte for byte as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disclosure.content.catalogue_file import load_catalogue
from disclosure.content.unit_layout import PLATFORM_FOLDERS
from disclosure.platform.merge_state import SETTLED, STATE
from disclosure.platform.unit_manifest import seal_unit_manifest

from .platformkit import UNITS, write_platform
from .sitekit import FIXED_EPOCH, Run, _run
from .test_build_end import fingerprint
from .test_platform_core import CATALOGUE, write

KEPT = "网站未更新：原有网站 site/ 保持不变"


def disclosure(root: Path, *args: str) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", *args], root)


@pytest.fixture
def built(merged_platform) -> Path:
    """The platform's units built and merged once in the session (conftest.py); each test works on a copy."""
    return merged_platform


@pytest.fixture
def platform(built: Path, tmp_path: Path) -> Path:
    """A copy of the merged platform as its merge left it, so that each attack also meets the merge's record."""
    return copy_as_merged(built, tmp_path / "platform")


def copy_as_merged(merged: Path, root: Path) -> Path:
    """`merged` copied as a merge leaves it: site/'s files and the units' published files one file each
    (`cp -a` keeps hard links and times), with the merge's record of the copy (`record_as_merged`)."""
    subprocess.run(["cp", "-a", str(merged), str(root)], check=True)
    record_as_merged(root)
    return root


def merged_again_past_the_margin(root: Path) -> None:
    """`root` merged again once its units' files are older than the merge's margin for files written just before it
    (merge_state.RACY_NS): the record then trusts them, whatever the machine's pace."""
    time.sleep(2.1)
    again = disclosure(root, "merge")
    assert again.returncode == 0, again.output


def trusted_copy(merged: Path, root: Path) -> Path:
    """A platform built and merged (`merged`, shared by several tests) copied to `root`, its units trusted as they were
    in `merged`: a copy's files are new to the merge, so it is merged again past the margin."""
    _old_site_removed(merged)
    copy_as_merged(merged, root)
    merged_again_past_the_margin(root)
    return root


def _old_site_removed(root: Path, seconds: float = 60) -> None:
    """A merge replaces site/ and removes the old one in a process of its own, after the command has ended: a copy
    taken meanwhile would meet folders vanishing under it."""
    deadline = time.monotonic() + seconds
    while any(root.glob("site.old*")) and time.monotonic() < deadline:
        time.sleep(0.05)


def record_as_merged(root: Path) -> None:
    """The merge's record (.merged.json) moved to `root` as a merge of it would write it now: its site/
    folder, the files it lists as unpublished as they are (inode, size, time), and its start."""
    units = root / "build/units"
    # The file system's clock is coarse (a tick of up to 10 ms): a mark written in the tick the files were last
    # changed in has their change time, and the next merge reads every file again.
    time.sleep(0.02)
    state = json.loads((units / STATE).read_text(encoding="utf-8"))
    state["site"] = [(found := (root / "site").stat()).st_dev, found.st_ino]
    state["started"] = time.time_ns()
    for unit, files in state["unpublished"].items():
        for path in files:
            found = (units / unit / path).stat()
            files[path] = [found.st_ino, found.st_size, found.st_mtime_ns]
    (units / STATE).write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (units / SETTLED).write_text(" ".join(map(str, state["site"])), encoding="utf-8")   # no old site left to remove


def settled(root: Path, seconds: float = 120) -> None:
    """Wait until the site a merge replaced is removed (a detached process): till then the next merge trusts nothing.
    The removal writes the mark as its last act; a removal still running past `seconds` fails the test here, not as a
    mark written under a later step of it (CI once saw a merge find no removal to wait for)."""
    deadline = time.monotonic() + seconds
    while not (root / "build/units" / SETTLED).exists():
        assert time.monotonic() < deadline, f"the removal of the site replaced did not end in {seconds} s"
        time.sleep(0.05)


def test_the_copy_of_a_merged_platform_is_trusted_as_the_merge_left_it(platform: Path, monkeypatch):
    """The fixture above stands for a merge of the copy: the next merge reads again only the files the
    assembly writes anew (they are not site/'s own), and leaves the same site."""
    from disclosure.platform import merge as merging
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)   # the day the fixture's merge checked against
    hour_ago = time.time() - 3600   # built a while ago: files written seconds before a merge are read again
    for folder, _, names in os.walk(platform):
        for name in names:
            os.utime(os.path.join(folder, name), (hour_ago, hour_ago))
    record_as_merged(platform)
    hashed: list[str] = []
    digest = merging.file_digest
    monkeypatch.setattr(merging, "file_digest", lambda path, *size: hashed.append(unit_file(path, platform)) or digest(path, *size))
    before = fingerprint(platform / "site")
    merging.merge(merging.read_config(platform), platform / "build/units", platform / "site")
    units = f"{platform}/build/units/"
    assert sorted(path.removeprefix(units) for path in hashed) == [   # the cross-unit links and catalogue
        "gov/gov/catalogue.csv", "gov/gov/catalogue.json", "gov/index.html", "gov/policies/normative/p2/index.html",
        "jyj/jyj/interpretations/n2/index.html"]
    assert fingerprint(platform / "site") == before


def unit_file(path: str, root: Path) -> str:
    """The unit's file (build/units/<id>/…) a file the merge reads is: a published file is read where the merge
    linked it (site.merging/…), as the unit that has it (the government's first: the shared assets are its)."""
    staging, units = f"{root}/site.merging/", root / "build/units"
    if not path.startswith(staging):
        return path
    inside = path.removeprefix(staging)
    unit = next(unit for unit in sorted(os.listdir(units), key=lambda unit: unit != "gov") if (units / unit / inside).is_file())
    return f"{units}/{unit}/{inside}"


def refused(root: Path, *expected: str) -> str:
    """`disclosure merge` fails with these coded lines, no traceback, site/ as it was."""
    before = fingerprint(root / "site")
    done = disclosure(root, "merge")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    for line in expected:
        assert line in output, output
    assert "Traceback" not in output and "内部错误" not in output, output
    assert KEPT in output
    assert fingerprint(root / "site") == before
    assert not (root / "site.merging").exists()
    return output


def e700(unit: str, name: str, path: str) -> str:
    return f"build/units/{unit}/{path}:1: E700 单位“{name}”（{unit}）的输出中，"


def test_a_file_added_under_the_governments_or_another_units_path_is_refused(platform: Path):
    units = platform / "build/units"
    (units / "jyj/policies/normative/p9").mkdir(parents=True)
    (units / "jyj/policies/normative/p9/index.html").write_text("<p>冒充市政府的页面</p>", encoding="utf-8")
    (units / "jyj/nanqu").mkdir()
    (units / "jyj/nanqu/index.html").write_text("<p>冒充南区的首页</p>", encoding="utf-8")
    seal_unit_manifest(units / "jyj", "jyj")   # listed in its manifest or not: not its path
    refused(platform, e700("jyj", "测试市教育局", "policies/normative/p9/index.html") + "这个文件不在本单位的路径内",
            e700("jyj", "测试市教育局", "nanqu/index.html") + "这个文件不在本单位的路径内")


def test_a_file_added_in_the_units_own_path_after_its_build_is_refused(platform: Path):
    (platform / "build/units/jyj/jyj/extra.html").write_text("<p>后加的页面</p>", encoding="utf-8")
    refused(platform, e700("jyj", "测试市教育局", "jyj/extra.html") + "这个文件不在交接清单")


def test_a_renamed_file_is_refused_both_ways(platform: Path):
    page = platform / "build/units/jyj/jyj/fees/fees/index.html"
    page.rename(page.with_name("index.htm"))
    refused(platform, e700("jyj", "测试市教育局", "jyj/fees/fees/index.html") + "交接清单列出的这个文件缺失",
            e700("jyj", "测试市教育局", "jyj/fees/fees/index.htm") + "这个文件不在交接清单")


def test_changed_bytes_are_refused(platform: Path):
    page = platform / "build/units/nanqu/nanqu/guide/guide/index.html"
    page.write_bytes(page.read_bytes().replace("南区指南".encode(), "被改过的指南".encode()))
    refused(platform, e700("nanqu", "测试市南区人民政府", "nanqu/guide/guide/index.html") + "文件内容与交接清单中的校验值（SHA-256）不符")


def test_a_changed_shared_asset_of_the_government_is_refused(platform: Path):
    [script] = (platform / "build/units/gov/assets/javascripts").glob("bundle.*.min.js")
    script.write_bytes(script.read_bytes() + b"\nfetch('https://evil.invalid/');\n")
    refused(platform, e700("gov", "测试市人民政府", f"assets/javascripts/{script.name}") + "文件内容与交接清单中的校验值（SHA-256）不符")


def test_a_symlink_is_refused_even_when_listed(platform: Path, tmp_path: Path):
    units = platform / "build/units"
    (tmp_path / "outside.txt").write_text("机器上的文件", encoding="utf-8")
    (units / "jyj/jyj/outside.txt").symlink_to(tmp_path / "outside.txt")
    (units / "jyj/jyj/folder").symlink_to(tmp_path, target_is_directory=True)
    manifest = units / "jyj/_unit/jyj/unit.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["jyj/outside.txt"] = hashlib.sha256((tmp_path / "outside.txt").read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(platform, e700("jyj", "测试市教育局", "jyj/outside.txt") + "这是符号链接",
            e700("jyj", "测试市教育局", "jyj/folder") + "这是符号链接")


def test_a_hard_link_to_a_file_outside_is_refused_even_when_listed(platform: Path):
    units = platform / "build/units"
    withheld = platform / "content/secret.txt"
    withheld.write_text("不公开的名单", encoding="utf-8")
    os.link(withheld, units / "jyj/jyj/list.txt")
    seal_unit_manifest(units / "jyj", "jyj")
    refused(platform, e700("jyj", "测试市教育局", "jyj/list.txt") + "这是硬链接")


def test_a_manifest_listing_paths_outside_the_unit_is_refused(platform: Path):
    manifest = platform / "build/units/jyj/_unit/jyj/unit.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["../../../content/secret.txt"] = "0" * 64
    data["files"]["jyj/../policies/normative/p1/index.html"] = "0" * 64
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(platform, "build/units/jyj/../../../content/secret.txt:1: E700 ", "交接清单列出了本单位路径以外的文件")


def test_a_manifest_pointing_a_page_outside_the_unit_is_refused(platform: Path):
    """The merge rewrites the page of each document linked across units: never one outside the unit."""
    manifest = platform / "build/units/jyj/_unit/jyj/unit.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["pages"]["JYJ/2025-00003"] = "../../../../mkdocs.yml"
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = (platform / "mkdocs.yml").read_bytes()
    refused(platform, "build/units/jyj/_unit/jyj/unit.json:1: E701 ", "pages（页面位置）写了本单位路径以外的文件")
    assert (platform / "mkdocs.yml").read_bytes() == before


@pytest.mark.parametrize("change", ["no-version", "old-version", "no-files", "inner-shape"])
def test_a_manifest_of_another_version_names_the_fix(platform: Path, change: str):
    manifest = platform / "build/units/nanqu/_unit/nanqu/unit.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if change == "no-version":
        del data["version"]
    elif change == "old-version":
        data["version"] = 1
    elif change == "no-files":
        del data["files"]
    else:   # the top-level keys of this version, an entry of another
        data["feed"] = [{"title": "旧格式"}]
        data["latest"] = [{"旧": 1}]
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    output = refused(platform, "_unit/nanqu/unit.json:1: E701 ", "请用本版本重新生成")
    assert "KeyError" not in output.split("E701", 1)[0]


def test_every_folder_a_unit_build_writes_is_its_own_or_reserved(built: Path):
    """The reserved names (core/unit_layout.PLATFORM_FOLDERS) are what the builds write, not a list from memory:
    every top-level folder a unit writes is its own, a category of the government's, or reserved, and every
    reserved name is written by some unit build."""
    categories = {"guide", "policies", "interpretations", "reports"}   # the government's tree (test_platform_core)
    written = set()
    for unit in UNITS:
        top = {entry.name for entry in (built / "build/units" / unit).iterdir() if entry.is_dir()}
        assert top - {unit} - (categories if unit == "gov" else set()) <= set(PLATFORM_FOLDERS), (unit, top)
        written |= top
    assert set(PLATFORM_FOLDERS) <= written


@pytest.mark.parametrize("reserved", sorted(name for name in PLATFORM_FOLDERS if not name.startswith("_")))
def test_a_department_id_naming_a_folder_the_platform_writes_is_refused(tmp_path: Path, reserved: str):
    catalogue = CATALOGUE.replace("id: nanqu", f"id: {reserved}")
    assert f"id: {reserved}" in catalogue
    (tmp_path / "catalogue.yaml").write_text(catalogue, encoding="utf-8")
    model, problems = load_catalogue(tmp_path / "catalogue.yaml", "catalogue.yaml")
    lines = [d.as_text() for d in problems]
    assert any(line.startswith("catalogue.yaml:") and f" E102 部门 id “{reserved}”已被" in line and "请换一个 id" in line
               for line in lines), lines


def test_an_attachment_in_another_units_withheld_files_is_a_coded_line(tmp_path: Path):
    """Not a Python AttributeError: the check, the unit's build and the whole platform's build name the line."""
    root = write_platform(tmp_path / "platform")
    write(root, "policies/normative/w1.md", "title: 不公开的名单\ntype: policy\nindex_no: CSF/2025-00010\n"
          "published: 2025-03-01\ndoc_no: 测政发〔2025〕10号\ndisclosure: 不予公开\nreason: 涉及个人隐私\n"
          "attachments:\n  - file: files/名单.txt\n    title: 名单\n")
    (root / "content/policies/normative/files").mkdir()
    (root / "content/policies/normative/files/名单.txt").write_text("名单", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  /policies/normative/w1.md\n  /policies/normative/files/名单.txt\n")
    write(root, "jyj/guide/guide.md", "title: 教育局指南\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-02\n"
          "attachments:\n  - file: ../../policies/normative/files/名单.txt\n    title: 名单\n")
    expected = "content/jyj/guide/guide.md:7: E500 附件“../../policies/normative/files/名单.txt”在单位“测试市人民政府”的文件夹中"
    for args in (["check"], ["build", "--unit", "jyj", "--no-merge"], ["build"]):
        done = disclosure(root, *args)
        output = done.stdout + done.stderr
        assert done.returncode != 0 and expected in output, (args, output)
        assert "Traceback" not in output and "AttributeError" not in output, output
    assert not (root / "site").exists() and not (root / "build/units/jyj").exists()


def edit_manifest(root: Path, unit: str, change) -> None:
    manifest = root / f"build/units/{unit}/_unit/{unit}/unit.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    change(data)
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def built_from_content(root: Path, unit: str) -> None:
    """The unit's hand-over as a job building from content/ as it is now records its sources (unit.json `sources`):
    a test that changes content/ under an output its job then seals (a job that skipped the build, or one that built
    from that commit) is not refused as a stale output (platform/staleness.py)."""
    from disclosure.platform.unit_manifest import file_digest

    def sources_now(data: dict) -> None:
        content = root / "content"
        data["sources"] = {source: file_digest(str(content / source)) for source in data["sources"]
                           if (content / source).is_file()}
    edit_manifest(root, unit, sources_now)


def _latest_elsewhere(data: dict) -> None:
    data["latest"][0]["url"] = "https://evil.example.invalid/"


def _record_of_the_government(data: dict) -> None:
    data["refs"]["records"][0]["unit"], data["refs"]["records"][0]["unit_name"] = "gov", "测试市人民政府"


def _record_file_elsewhere(data: dict) -> None:
    data["refs"]["records"][0]["src_uri"] = "policies/normative/p1.md"


def _sitemap_elsewhere(data: dict) -> None:
    data["sitemap"][0]["loc"] = "//evil.example.invalid/"


def _name_of_the_government(data: dict) -> None:
    data["name"] = "测试市人民政府"


@pytest.mark.parametrize("change", [_latest_elsewhere, _record_of_the_government, _record_file_elsewhere,
                                    _sitemap_elsewhere, _name_of_the_government], ids=lambda change: change.__name__[1:])
def test_what_a_unit_hands_over_for_other_pages_must_be_its_own(platform: Path, change):
    """The platform home, the feed, the sitemap and the relations on other units' pages are filled from the
    manifest: a department may not put another unit's name or an address outside its own folder there."""
    edit_manifest(platform, "jyj", change)
    refused(platform, "build/units/jyj/_unit/jyj/unit.json:1: E701 ")


def test_a_manifest_that_is_not_a_regular_file_is_refused_without_hanging(platform: Path):
    manifest = platform / "build/units/jyj/_unit/jyj/unit.json"
    manifest.unlink()
    os.mkfifo(manifest)   # reading it would wait for a writer forever
    refused(platform, "build/units/jyj/_unit/jyj/unit.json:1: E701 ", "不是普通文件")


def test_a_merge_over_its_own_site_reads_again_only_the_unit_that_changed(platform: Path, monkeypatch):
    """The fixture's merge made site/ (and recorded it): a later merge hashes and reads only the files of the
    unit whose unit.json changed, and makes the site a merge from scratch makes, byte for byte. A file of an
    unchanged unit written in place since is read again (test_changed_bytes_are_refused above is such a file)."""
    from disclosure.platform import merge as merging
    units = platform / "build/units"
    config = merging.read_config(platform)
    # Built a while ago, as a department's rebuild meets the others: a file written in the seconds before a
    # merge began is read again by the next one (file-system clocks are coarse), so these built just now would be.
    hour_ago = time.time() - 3600
    for folder, _, names in os.walk(units):
        for name in names:
            os.utime(os.path.join(folder, name), (hour_ago, hour_ago))
    merging.merge(config, units, platform / "site")
    settled(platform)
    page = units / "jyj/jyj/fees/fees/index.html"
    changed = page.read_bytes().replace("收费标准".encode(), "收费标准（修订）".encode())
    page.unlink()   # a unit build writes new files, never through the published site's links
    page.write_bytes(changed)
    seal_unit_manifest(units / "jyj", "jyj")
    hashed: list[str] = []
    digest = merging.file_digest
    monkeypatch.setattr(merging, "file_digest", lambda path, *size: hashed.append(unit_file(path, platform)) or digest(path, *size))
    merging.merge(config, units, platform / "site")
    others = [path for path in hashed if not path.startswith(f"{units}/jyj/")]
    # Besides 教育局's own files only what the assembly writes anew (its links in the government's policy and
    # home page, its interpretation in the government's catalogue): files that are not site/'s own.
    assert sorted(path.removeprefix(f"{units}/") for path in others) == [
        "gov/gov/catalogue.csv", "gov/gov/catalogue.json", "gov/index.html", "gov/policies/normative/p2/index.html"]
    jyj_files = len(json.loads((units / "jyj/_unit/jyj/unit.json").read_text(encoding="utf-8"))["files"])
    assert len(hashed) - len(others) == jyj_files
    assert "收费标准（修订）" in (platform / "site/jyj/fees/fees/index.html").read_text(encoding="utf-8")
    # From scratch (the units' outputs as a CI job downloads them, another site folder), every file is read: the same site.
    hashed.clear()
    shutil.copytree(units, platform / "downloaded")
    merging.merge(config, platform / "downloaded", platform / "site-full")
    assert len(hashed) > jyj_files
    assert fingerprint(platform / "site-full") == fingerprint(platform / "site")


def test_the_installed_themes_own_files_are_not_read_again_the_agencys_are(built: Path, tmp_path: Path, monkeypatch):
    """A sealed theme asset byte for byte one the installed theme ships is the software's own file; the
    theme files of the agency's overrides/ (and any other asset) are read for personal data."""
    from disclosure.platform import merge as merging
    root = tmp_path / "platform"
    shutil.copytree(built, root, symlinks=True)   # new files, no record: every unit verified as in a first merge
    read: list[str] = []
    finding = merging.published_finding
    monkeypatch.setattr(merging, "published_finding", lambda path, *args: read.append(path) or finding(path, *args))
    merging.merge(merging.read_config(root), root / "build/units", root / "site")
    assets = {path for path in read if path.startswith("assets/")}
    assert "assets/stylesheets/disclosure.css" in assets                     # the agency's theme folder
    assert not [path for path in assets if "/lunr/" in path or path.startswith("assets/javascripts/bundle.")]
    assert merging.installed_theme_digests("material")                       # Material's files were known


def _removal_in_progress(root: Path, until: Path | None) -> subprocess.Popen:
    """The state right after a merge: the site it replaced still being removed by a detached process, which writes
    the settled mark when done (pages/atomic.swap_in): here a process that only waits till the file `until` is there
    (at most a minute; None: not at all), then writes it. Not a fixed time: on a busy machine the merge may reach its
    wait after that time, and find the removal over."""
    from disclosure.pages.atomic import removing_mark
    settled_mark = root / "build/units" / SETTLED
    identity = settled_mark.read_text(encoding="utf-8")
    settled_mark.write_text("0 0", encoding="utf-8")   # the mark of the site before, as until the removal ends
    old_site = str(root / "site.old-1")   # named as swap_in names it, in the process's arguments as the removal's
    remover = subprocess.Popen([sys.executable, "-c", "import os, sys, time\n"
                                "deadline = time.monotonic() + 60\n"
                                "while sys.argv[1] and not os.path.exists(sys.argv[1]) and time.monotonic() < deadline:\n"
                                "    time.sleep(0.05)\n"
                                "open(sys.argv[2], 'w', encoding='utf-8').write(sys.argv[3])",
                                str(until or ""), str(settled_mark), identity, old_site])
    removing_mark(settled_mark).write_text(f"{remover.pid} {old_site}", encoding="utf-8")
    return remover


def test_a_merge_right_after_another_waits_for_the_old_sites_removal_instead_of_reading_every_unit(
        platform: Path, monkeypatch):
    """Until the previous site's removal ends, the files it shares with the units may still change, so a merge then
    could trust no unit and read all of them again (half an hour at 200 departments): it waits for the removal."""
    from disclosure.platform import merge as merging
    units = platform / "build/units"
    config = merging.read_config(platform)
    hour_ago = time.time() - 3600   # built a while ago (see the test above)
    for folder, _, names in os.walk(units):
        for name in names:
            os.utime(os.path.join(folder, name), (hour_ago, hour_ago))
    merging.merge(config, units, platform / "site")
    settled(platform)
    hashed: list[str] = []
    digest = merging.file_digest
    monkeypatch.setattr(merging, "file_digest", lambda path, *size: hashed.append(path) or digest(path, *size))

    told: list[bool] = []
    go = platform / "waiting"
    remover = _removal_in_progress(platform, go)
    assert remover.poll() is None and (units / SETTLED).read_text(encoding="utf-8") == "0 0"
    merging.merge(config, units, platform / "site", waiting=lambda: told.append(True) or go.touch())
    ended = remover.wait()
    waited = len(hashed)
    assert told == [True], f"the removal ended with {ended}; mark {(units / SETTLED).read_text(encoding='utf-8')!r}"

    settled(platform)
    hashed.clear()
    remover = _removal_in_progress(platform, None)
    remover.wait()   # a removal that ended without its mark (killed): nothing to wait for, every unit is read
    (units / SETTLED).write_text("0 0", encoding="utf-8")
    merging.merge(config, units, platform / "site", waiting=lambda: told.append(False))
    assert told == [True]
    assert len(hashed) > 10 * max(waited, 1)


def test_a_trusted_units_hand_over_is_checked_again_only_when_what_it_is_checked_against_changes(platform: Path,
                                                                                                 monkeypatch):
    """A unit.json of the SHA-256 the last merge checked, with the same units, content/ facts and day, is not read
    for personal data and withheld text again (its bytes are still compared); on another day (or other facts) every
    unit's is, as a unit.json changed since is (test_redteam* plant personal data in one)."""
    from disclosure.platform import merge as merging
    units = platform / "build/units"
    hour_ago = time.time() - 3600
    for folder, _, names in os.walk(units):
        for name in names:
            os.utime(os.path.join(folder, name), (hour_ago, hour_ago))
    merging.merge(merging.read_config(platform), units, platform / "site")
    settled(platform)
    read: list[str] = []
    finding = merging.data_finding
    monkeypatch.setattr(merging, "data_finding", lambda data, *args: read.append(data.get("unit")) or finding(data, *args))
    merging.merge(merging.read_config(platform), units, platform / "site")
    assert read == []
    settled(platform)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ.get("SOURCE_DATE_EPOCH") or time.time()) + 86400))
    merging.merge(merging.read_config(platform), units, platform / "site")
    assert sorted(read) == sorted(UNITS)


def test_content_files_a_merge_read_are_read_again_only_once_changed(platform: Path, monkeypatch):
    """content/'s Markdown (read for what it withholds) and each unit's sources (hashed for staleness) are read by the
    first merge only: the next takes the very files it recorded as read (content/seen_files.py). A source changed
    since, of the same size with its modification time set back (`touch -d`), is read again and named (E701)."""
    from disclosure.content import merge_facts as facts, seen_files
    from disclosure.platform import merge as merging, staleness
    from disclosure.platform.assembly import AssemblyError
    monkeypatch.setattr(seen_files, "RACY_NS", 0)   # the copy's files were all written before the merges below
    units = platform / "build/units"
    merging.merge(merging.read_config(platform, units_dir=units), units, platform / "site")
    read: list[Path] = []
    reading, digest = facts._markdown_bytes, staleness.file_digest
    monkeypatch.setattr(facts, "_markdown_bytes", lambda file: read.append(file) or reading(file))
    monkeypatch.setattr(staleness, "file_digest", lambda path, *size: read.append(Path(path)) or digest(path, *size))
    merging.merge(merging.read_config(platform, units_dir=units), units, platform / "site")
    assert read == []
    source = platform / "content/jyj/fees/fees.md"
    before = source.stat()
    source.write_bytes(source.read_bytes().replace("收费标准".encode(), "收费办法".encode()))   # as many bytes
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(AssemblyError) as refused:
        merging.merge(merging.read_config(platform, units_dir=units), units, platform / "site")
    assert read == [source]   # read once, for what it withholds: its SHA-256 then compared with its unit's
    assert [line for line in map(str, refused.value.problems) if "E701" in line and "jyj/fees/fees.md 改动" in line]
