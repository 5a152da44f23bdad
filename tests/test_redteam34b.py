"""Round thirty-four (b) of the adversarial review (issue 24): the platform paths (a government and departments built
as units, then merged), played as a careless or compromised department CI job that controls its unit's output
(build/units/<id>/, its unit.json) and a hostile department editor who controls only content/<dept>/.

Fixed (failed on main) —
- (platform/staleness.py, platform/unit_manifest.py `published_sources`) an output valid but stale: a unit's output
  built before a file of content/ it publishes from was deleted or changed. `disclosure build --unit nanqu` (or
  `disclosure merge`) after content/jyj/fees/fees.md was deleted (the office withdrawing a document) merged jyj's
  old output: the deleted document's page, its catalogue record, feed and sitemap entries were published, exit 0;
  the same for a body changed since (a name taken out) or an attachment replaced by its redacted version. The
  merge compared the output only with what its own job sealed, and with what content/ withholds (a document made
  不予公开 was refused already, by its page's address). unit.json (format 3) now records the SHA-256 of each file of
  content/ the output publishes from (its public pages, section pages, the attachments they name); the merge hashes
  them again and refuses the unit (E701 on its unit.json, naming the file and whether it was changed or deleted,
  with the command that rebuilds the unit). A compromised job can write any `sources`: the class guarded is the
  careless hand and the stale artefact; a compromised job publishing other text under its own folder is by design.

Timing: one copy of the session's merged platform, merged once: about 1 s with -n 0.
"""

from __future__ import annotations

from pathlib import Path

from .batchkit import merged_cases


def _content_changed_since_the_build(platform: Path) -> None:
    (platform / "content/jyj/fees/fees.md").unlink()                        # withdrawn: the file deleted
    guide = platform / "content/guide/guide.md"                              # the government's: a line taken out
    guide.write_text(guide.read_text(encoding="utf-8") + "\n（已删去一行）\n", encoding="utf-8")


def test_an_output_built_before_its_content_changed_is_refused(merged_platform: Path, tmp_path: Path):
    cases = merged_cases(merged_platform, tmp_path / "platform", _content_changed_since_the_build)
    cases.refused("build/units/jyj/_unit/jyj/unit.json:1: E701 ", "content/jyj/fees/fees.md 被删除或改名之前",
                  "disclosure build --unit jyj")
    cases.refused("build/units/gov/_unit/gov/unit.json:1: E701 ", "content/guide/guide.md 改动之前")
