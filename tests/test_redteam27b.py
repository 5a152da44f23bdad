"""Round twenty-seven (b) of the adversarial review (issue 24): the merge as a compromised department CI job and a local
user on the merging machine would attack it — the incremental merge's trust (platform/merge_state.py), what a unit's
output may hold that no build writes (sizes, names). Each test goes through the real command and failed on main before
its fix.
"""

from __future__ import annotations

import time
from pathlib import Path

from .test_gate_fp4 import _listing, _public_listing_and_withheld_table
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)

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
