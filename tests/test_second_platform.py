"""A second platform of our own (tests/data/platform2): a county government whose 索引号 start with a
统一社会信用代码, two bureaus and a town. The points of issue 25 hold there as on the example platform:
relations across units in the exports, the banner of a document another unit replaced, a 索引号 two units
share named as <unit>:<索引号>, no build mark in a page, and the government's folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .sitekit import REPO, build, check

SECOND = REPO / "tests" / "data" / "platform2"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("platform2") / "site"
    run = build(SECOND, strict=True, site_dir=out)
    assert run.returncode == 0, run.output
    return out


def records(site: Path, path: str) -> dict[str, dict]:
    return {r["index_no"]: r for r in json.loads((site / path).read_text(encoding="utf-8"))["documents"]}


def test_exports_list_the_relations_across_units(built):
    county = records(built, "gov/catalogue.json")
    assert county["11379800MB0000000X/202605-00008"]["interpretations"] == ["11379800MB0000001F/202605-00006"]
    finance = records(built, "czj/catalogue.json")
    assert finance["11379800MB0000002C/202604-00003"]["replaces"] == ["11379800MB0000000X/202303-00004"]
    town = records(built, "dz/catalogue.json")
    assert town["11379800MB0000001F/202603-00002"]["interpretations"] == ["11379800MB0000000X/202602-00003"]
    # The 发改局's own document with the same 索引号 is not the one interpreted.
    assert records(built, "fgj/catalogue.json")["11379800MB0000001F/202603-00002"]["interpretations"] == []


def test_the_replaced_document_leads_to_the_finance_bureaus_and_the_shared_number_to_the_town(built):
    banner = (built / "gfxwj/2023-subsidy/index.html").read_text(encoding="utf-8")
    assert "本文件废止" in banner and 'href="../../czj/gfxwj/2026-subsidy/"' in banner and "示范县财政局" in banner
    note = (built / "zcjd/2026-roads/index.html").read_text(encoding="utf-8")
    assert 'href="../../dz/tzgg/2026-roads/"' in note and "fgj/qtwj" not in note


def test_no_build_mark_and_the_governments_folder(built):
    assert [p for p in built.rglob("*.html") if "<!--" in p.read_text(encoding="utf-8")] == []
    assert (built / "gov/index.html").is_file()


def test_without_the_unit_the_shared_number_is_refused(tmp_path):
    root = tmp_path / "platform2"
    shutil.copytree(SECOND, root, ignore=shutil.ignore_patterns("site"))
    (root / "mkdocs.yml").write_text((SECOND / "mkdocs.yml").read_text(encoding="utf-8")
                                     .replace("../../../overrides", str(REPO / "overrides")), encoding="utf-8")
    note = root / "content/zcjd/2026-roads.md"
    note.write_text(note.read_text(encoding="utf-8").replace("interprets: dz:", "interprets: "), encoding="utf-8")
    run = check(root)
    assert run.returncode != 0 and "content/zcjd/2026-roads.md:6: E200" in run.output
    assert "如 fgj:11379800MB0000001F/202603-00002" in run.output or "如 dz:11379800MB0000001F/202603-00002" in run.output
