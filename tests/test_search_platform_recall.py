"""The recall set (tests/data/search_recall.tsv) through a platform's index.

The example agency is one unit of a platform beside two generated departments of 300 documents
each (bench/generate.py: the same subjects, so they compete for every query). Indexed in this
process (Python-Markdown bodies), assembled, and read by the worker's Python twin: every recall
query must still find its page platform-wide, and the 部门 filter must give the unit's own answer.
Run with K cut to 20 too, where most bigrams are truncated, to show what truncation costs.
"""

from __future__ import annotations

import pytest

from bench.generate import generate
from disclosure.search import platform
from disclosure.search.platform import assemble_platform_search, contribution
from disclosure.search.text import Segmenter
from disclosure.mkdocs_adapter.search import search_words
from disclosure.rules.check import load_site

from .search_reader import Filters, SearchIndexReader
from .searchkit import recall_cases
from .searchplatformkit import indexed_site, write
from .sitekit import REPO

CASES = recall_cases()


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    work = tmp_path_factory.mktemp("platform-recall")
    segmenter = Segmenter(search_words(load_site(REPO).catalogue))
    built = {"gov": indexed_site(REPO, segmenter)}
    generated = generate(300, work / "generated")
    for unit in ("yjj", "aqj"):
        built[unit] = indexed_site(generated, segmenter)
    return work, built


def assembled(work, built, name: str):
    site = work / name
    parts = []
    for unit, builder in built.items():
        files, weights = builder.files_and_weights()
        write(site / "search" / "units" / unit, files)
        parts.append((unit, unit, contribution(builder, weights)))
    write(site / "search", assemble_platform_search(parts))
    return SearchIndexReader(site / "search")


def recall(reader: SearchIndexReader) -> float:
    return sum(case.expected in [hit.url for hit in reader.search(case.query)] for case in CASES) / len(CASES)


def test_platform_wide_answers_are_those_of_an_untruncated_index(units, monkeypatch):
    """Cutting each token at K loses no first result and no more than a few pages in the top 50.

    Platform-wide, 600 generated documents on the same subjects compete with the example agency's
    pages (some recall pages rank below 50 there with or without truncation); what truncation
    itself costs is the difference to an index that keeps every posting.
    """
    truncated = assembled(*units, "k-default")
    monkeypatch.setattr(platform, "TOP_K", 10**9)
    complete = assembled(*units, "k-all")
    lost, first_changed, compared = [], [], 0
    for case in CASES:
        kept, every = ([hit.url for hit in reader.search(case.query)] for reader in (truncated, complete))
        compared += len(every[:10])
        lost += [(case.query, url) for url in every[:10] if url not in kept]
        first_changed += [case.query] if kept[:1] != every[:1] else []
    assert recall(truncated) == recall(complete) == 1.0
    assert first_changed == []
    assert len(lost) <= compared // 50, lost   # at most 2% of the untruncated top 10s fall out of the top 50


def test_the_department_filter_answers_as_the_units_own_index(units):
    reader = assembled(*units, "k-default")
    own = SearchIndexReader(reader.root / "units" / "gov")
    for case in CASES:
        assert reader.search(case.query, Filters(unit="gov")) == own.search(case.query), case
        assert case.expected in [hit.url for hit in own.search(case.query)], case


def test_a_small_k_still_finds_most_pages(units, monkeypatch):
    monkeypatch.setattr(platform, "TOP_K", 20)
    found = recall(assembled(*units, "k-20"))
    print("platform recall at K=20:", found)
    assert found >= 0.8
