"""Round twenty-seven (b) of the adversarial review (issue 24): the merge as a compromised department CI job and a local
user on the merging machine would attack it — the incremental merge's trust (platform/merge_state.py), what a unit's
output may hold that no build writes (sizes, names). Each test goes through the real command and failed on main before
its fix.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .sitekit import environment

from .test_gate_fp4 import _listing, _public_listing_and_withheld_table
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
LISTING = "content/nanqu/guide/files/行政许可决定公示表.csv"


# --- the incremental merge's trust ------------------------------------------------------------------------------------

def _listing_merged_and_trusted(root: Path) -> None:
    """南区 publishes its 行政许可 results as a public document's attachment whose rows the 教育局's withheld working table
    holds too (tests/test_gate_fp4.py): merged, as content/ publishes that very file; then merged again past the merge's
    margin for files written just before it, so that the record trusts the units' files."""
    _public_listing_and_withheld_table(root)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  /jyj/fees/review.md\n")
    first = disclosure(root, "build")
    assert first.returncode == 0, first.output
    time.sleep(2.1)
    again = disclosure(root, "merge")
    assert again.returncode == 0, again.output


def test_a_units_copy_of_an_attachment_content_no_longer_publishes_is_read_again(platform):
    """The office replaced the listing by one without the rows (content/ publishes that file no more) and the
    government rebuilt alone: on main the trusted 南区 kept publishing the old listing, the withheld table's rows, with
    exit 0, where a first merge of the same folders refuses it (E700 naming content/jyj/fees/review.md)."""
    _listing_merged_and_trusted(platform)
    (platform / LISTING).write_bytes(_listing().split(b"\n", 1)[0] + b"\n")   # the header only
    done = disclosure(platform, "build", "--unit", "gov")
    assert done.returncode == 1, done.output
    assert "E700 " in done.output and "content/jyj/fees/review.md" in done.output, done.output
    assert "Traceback" not in done.output


def test_a_unit_is_still_trusted_while_content_publishes_its_attachment(platform):
    """The same listing still public: the rebuild of the government merges, 南区 trusted."""
    _listing_merged_and_trusted(platform)
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


def _merge_within(root: Path, seconds: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosure.cli.main", "merge"], cwd=root, capture_output=True,
                          text=True, timeout=seconds, env=environment({"PYTHONPATH": str(PLUGINS)}))


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


@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_page_where_the_merge_makes_a_folder_or_writes_a_file_is_refused(platform, place):
    unit, path, expected = PLACES[place]
    planted = platform / "build/units" / unit / path
    planted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(platform / "build/units/jyj/jyj/fees/fees/index.html", planted)
    seal_unit_manifest(platform / "build/units" / unit, unit)
    refused(platform, f"build/units/{unit}/{path}:1: E700 ", expected)


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
