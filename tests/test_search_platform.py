"""The platform's search index: units' indexes built with the real builder, assembled, read back.

Each unit is indexed by SearchIndexBuilder from tiny documents, written where a unit build writes
it (search/units/<unit>/) with its contribution; assemble_platform_search writes search/, and the
Python twin of the worker (tests/search_reader.py) answers queries from the files, as a browser does.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from array import array

import pytest

from disclosure.search import platform
from disclosure.search.index import UNIT_CHUNK_SIZE, SearchIndexBuilder, shard_of
from disclosure.search.platform import (
    Contribution,
    ContributionError,
    assemble_platform_search,
    bucketed,
    contribution,
    read_contribution,
)
from disclosure.search.text import Segmenter

from .search_reader import Filters, SearchIndexReader
from .searchplatformkit import CATEGORIES, UNITS, document, platform_site, unit_builder, unit_docs, write


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter(["示例市人民政府", "示例市应急管理局", "示例市财政局"])


@pytest.fixture(scope="module")
def site(segmenter, tmp_path_factory):
    return platform_site(segmenter, tmp_path_factory.mktemp("platform") / "site")


def urls(hits) -> list[str]:
    return [hit.url for hit in hits]


def test_a_platform_query_finds_documents_of_every_unit(site):
    reader = SearchIndexReader(site / "search")
    found = urls(reader.search("防汛抗旱"))
    assert set(found) == {"gov/policies/normative/d0/", "yjj/policies/normative/d1/", "czj/policies/normative/d1/"}
    assert found[0] == "gov/policies/normative/d0/"  # the title match ranks first across units
    # Rows and passages come from the units' own files; the platform copies neither.
    assert "units/gov/d/0.json" in reader.downloaded and "units/gov/x/0.json" in reader.downloaded
    assert not list((site / "search").glob("d/*")) and not list((site / "search").glob("x/*"))
    assert not any(name.endswith("/manifest.json") for name in reader.downloaded)  # no unit's manifest either


def test_the_department_filter_reads_that_units_own_index(site):
    reader = SearchIndexReader(site / "search")
    assert urls(reader.search("防汛抗旱", Filters(unit="yjj"))) == ["yjj/policies/normative/d1/"]
    assert {name for name in reader.downloaded if name.startswith("units/")} >= {"units/yjj/manifest.json"}
    assert not any(name.startswith("t/") for name in reader.downloaded)  # the platform's shards are not needed
    assert urls(reader.search("隐患", Filters(unit="czj"))) == []


def test_category_and_year_filters_work_platform_wide_and_in_a_unit(site):
    reader = SearchIndexReader(site / "search")
    assert urls(reader.search("隐患", Filters(category="notices"))) == ["yjj/policies/normative/d2/",
                                                                       "gov/policies/normative/d1/"]
    # A parent category holds its children, in every unit (the shared standard tree's ids).
    assert set(urls(reader.search("防汛", Filters(category="policies")))) == {
        "gov/policies/normative/d0/", "yjj/policies/normative/d1/", "czj/policies/normative/d1/"}
    assert urls(reader.search("预算", Filters(year="2024"))) == []
    assert urls(reader.search("预算", Filters(year="2025"))) == ["czj/policies/normative/d0/"]
    assert urls(reader.search("隐患", Filters(unit="yjj", category="notices"))) == ["yjj/policies/normative/d2/"]
    assert any(name.startswith("f/") for name in reader.downloaded)  # facets fetched only for the filter


def test_the_platform_uses_the_global_document_frequency(site):
    reader = SearchIndexReader(site / "search")
    count = reader.manifest["count"]
    assert count == sum(len(docs) for _, docs in UNITS.values())
    assert [u[:4] for u in reader.manifest["units"]] == [["gov", "示例市人民政府", 2, 0], ["yjj", "示例市应急管理局", 3, 2],
                                                         ["czj", "示例市财政局", 2, 5]]
    parts = {unit: read_contribution(site.parent / "_unit" / unit / "search-contribution.bin") for unit in UNITS}
    token = "防汛"
    df = sum(part.df[part.tokens.index(token)] for part in parts.values() if token in part.tokens)
    assert df == 3
    idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
    yjj = parts["yjj"]
    at = yjj.tokens.index(token)
    start = yjj.ends[at - 1] if at else 0
    local, weight = yjj.docs[start], yjj.weights[start]
    assert reader.postings(token)[2 + local] == max(1, round(weight * (idf * 10 / platform.WEIGHT_SCALE)))
    # The unit's own index weighs with its own idf: 1 document of 3 holds the token there.
    assert reader.unit("yjj").postings(token)[local] != reader.postings(token)[2 + local]


def test_assembly_is_deterministic_and_reads_objects_or_files(site, segmenter):
    paths = [(unit, UNITS[unit][0], site.parent / "_unit" / unit / "search-contribution.bin") for unit in UNITS]
    objects = [(unit, name, read_contribution(path)) for unit, name, path in paths]
    first = assemble_platform_search(paths)
    assert first == assemble_platform_search(paths) == assemble_platform_search(objects)
    # A unit built again from the same documents contributes the same bytes.
    again = unit_builder(segmenter, unit_docs("yjj"))
    assert contribution(again, again.files_and_weights()[1]).to_bytes() == paths[1][2].read_bytes()
    assert {name: (site / "search" / name).read_bytes() for name in first} == first


def test_top_k_keeps_the_highest_weights_across_units(segmenter, monkeypatch):
    """With K = 2, the token's platform list holds exactly the two best documents of all units."""
    bodies = {"a": ["火灾", "火灾火灾火灾 其他内容很多很多", "无关"], "b": ["火灾火灾火灾火灾火灾", "火灾 火灾", "火灾"]}
    everything = [doc for doc, _ in _ranked(_contributions(segmenter, bodies), "火灾")]
    monkeypatch.setattr(platform, "TOP_K", 2)
    parts = _contributions(segmenter, bodies)
    for _, _, part in parts:  # every unit's list is cut at K too
        at = part.tokens.index("火灾")
        assert part.ends[at] - (part.ends[at - 1] if at else 0) == 2
    kept = _platform_postings(assemble_platform_search(parts), "火灾")
    assert len(everything) == 5 and sorted(kept) == sorted(everything[:2])


def test_workers_write_the_same_bytes_as_one_process(site, segmenter, monkeypatch):
    """Groups merged in worker processes (files, and in-memory contributions) give the one process's bytes."""
    pools = []
    context = platform._context
    monkeypatch.setattr(platform, "_context", lambda: pools.append(1) or context())
    monkeypatch.setattr(platform, "PARALLEL_MIN_TOKENS", 0)   # the fixtures are far below it
    paths = [(unit, UNITS[unit][0], site.parent / "_unit" / unit / "search-contribution.bin") for unit in UNITS]
    alone = assemble_platform_search(paths, jobs=1)
    assert not pools
    for jobs in (2, 3, 16):
        assert assemble_platform_search(paths, jobs=jobs) == alone
    assert len(pools) == 3
    monkeypatch.setattr(platform, "TOP_K", 2)
    parts = _contributions(segmenter, {"a": ["火灾", "火灾火灾 隐患"], "b": ["火灾火灾火灾", "隐患"], "c": ["火灾 隐患"]})
    assert assemble_platform_search(parts, jobs=2) == assemble_platform_search(parts, jobs=1)
    assert len(pools) == 4


@pytest.mark.parametrize("jobs, seeds", [(1, range(60)), (2, range(3))])
def test_every_tokens_top_k_is_exact_in_any_order_of_units(monkeypatch, jobs, seeds):
    """Units whose lists beat the earlier units', equal weights across units, units without the token:
    each token keeps exactly the K best postings of all units (weight, then the lower global id)."""
    monkeypatch.setattr(platform, "TOP_K", 3)
    monkeypatch.setattr(platform, "PARALLEL_MIN_TOKENS", 0)
    for seed in seeds:
        parts, everything = _random_units(random.Random(seed))
        files = assemble_platform_search(parts, jobs=jobs)
        for token, postings in everything.items():
            best = sorted(postings, key=lambda p: (-p[1], p[0]))[:3]
            assert _platform_postings(files, token) == sorted(doc for doc, _ in best), (seed, token)


def _random_units(rng: random.Random) -> tuple[list, dict]:
    """Seven units of ten documents as contributions, and every posting of every token (global id, weight)."""
    parts, everything, offset = [], {}, 0
    for unit in range(7):
        entries = []
        for token in ("火灾", "隐患", "防汛", "预算"):
            if rng.random() < 0.2:
                continue
            # Later units weigh more on 火灾: each one beats the threshold the earlier ones set.
            postings = {doc: (unit * 3 + rng.randint(0, 2) if token == "火灾" else rng.randint(1, 3))
                        for doc in rng.sample(range(10), rng.randint(1, 6))}
            ranked = sorted(postings.items(), key=lambda p: (-p[1], p[0]))
            everything.setdefault(token, []).extend((offset + doc, weight) for doc, weight in ranked)
            kept = ranked[:3]   # a unit contributes its own top K, as contribution() does
            entries.append((token, len(postings), [doc for doc, _ in kept], [weight for _, weight in kept]))
        parts.append((f"u{unit}", f"单位{unit}", bucketed(10, [], UNIT_CHUNK_SIZE, entries, array("i", [-1] * 10),
                                                          array("I", [0] * 10))))
        offset += 10
    return parts, everything


def _contributions(segmenter, bodies: dict[str, list[str]]) -> list:
    parts = []
    for unit, texts in bodies.items():
        builder = unit_builder(segmenter, [document(unit, n, f"文件{n}", text) for n, text in enumerate(texts)])
        parts.append((unit, unit, contribution(builder, builder.files_and_weights()[1])))
    return parts


def _ranked(parts: list, token: str) -> list[tuple[int, int]]:
    """(global id, idf-free weight) of every contributed posting of `token`, best first."""
    found, offset = [], 0
    for _, _, part in parts:
        at = part.tokens.index(token)
        start = part.ends[at - 1] if at else 0
        found += [(offset + d, w) for d, w in zip(part.docs[start:part.ends[at]], part.weights[start:part.ends[at]])]
        offset += part.count
    return sorted(found, key=lambda p: (-p[1], p[0]))


def _platform_postings(files: dict[str, bytes], token: str) -> list[int]:
    manifest = json.loads(files["manifest.json"])
    encoded = json.loads(files[f"t/{shard_of(token, manifest['shards'])}.json"])[token]
    return list(itertools.accumulate(encoded[::2]))


def test_a_broken_contribution_is_named_not_a_traceback(site, tmp_path):
    good = (site.parent / "_unit" / "yjj" / "search-contribution.bin").read_bytes()
    for name, data in {"empty": b"", "cut": good[:-3], "other": b"<html>", "longer": good + b"x"}.items():
        path = tmp_path / f"{name}.bin"
        path.write_bytes(data)
        with pytest.raises(ContributionError, match=f"{name}.bin"):
            assemble_platform_search([("yjj", "示例市应急管理局", path)])
    with pytest.raises(ContributionError, match="missing.bin"):
        read_contribution(tmp_path / "missing.bin")


def test_units_indexed_by_another_version_are_refused(segmenter):
    parts = _contributions(segmenter, {"a": ["火灾"], "b": ["火灾"]})
    parts[1][2].chunk = 100
    with pytest.raises(ContributionError, match="b: .*重新生成"):
        assemble_platform_search(parts)


def test_an_empty_unit_contributes_nothing_but_its_place(segmenter, tmp_path):
    empty = SearchIndexBuilder(segmenter, CATEGORIES)
    part = Contribution.from_bytes(contribution(empty, empty.files_and_weights()[1]).to_bytes())
    assert part.count == 0 and part.tokens == []
    files = assemble_platform_search([("empty", "空部门", part)])
    assert b'"units":[["empty","\xe7\xa9\xba\xe9\x83\xa8\xe9\x97\xa8",0,0]]' in files["manifest.json"]
