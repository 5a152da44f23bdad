"""Recall of the built search index over the example agency, checked in Python.

The reader (tests/search_reader.py) ranks exactly as the browser's worker does; the
browser tests check that a subset gives the same first result through the real search box.
"""

import json

import pytest

from .search_reader import SearchIndexReader
from .searchkit import precision_at_5, recall_cases

CASES = recall_cases()


@pytest.fixture(scope="module")
def reader(example_site):
    return SearchIndexReader(example_site / "search")


def test_the_recall_set_is_large_and_typed_from_real_pages(example_site):
    assert len(CASES) >= 40
    for case in CASES:
        assert (example_site / case.expected / "index.html").is_file(), case
        assert "\u200b" not in case.query and "|" not in case.query, case


@pytest.mark.parametrize("case", CASES, ids=str)
def test_query_finds_its_document(reader, case):
    urls = [hit.url for hit in reader.search(case.query)]
    assert case.expected in urls, f"{case}: {urls[:5]}"
    if case.kind == "first":
        assert urls[0] == case.expected, f"{case}: {urls[:5]}"


def test_recall_and_precision_report(reader, example_site, tmp_path_factory):
    """Recall must be 100%; precision at 5 is reported (written next to the built site)."""
    found, precision = 0, []
    for case in CASES:
        urls = [hit.url for hit in reader.search(case.query)]
        found += case.expected in urls
        precision.append(precision_at_5(case, urls))
    report = {"queries": len(CASES), "recall": found / len(CASES),
              "precision_at_5": round(sum(precision) / len(precision), 3)}
    (example_site.parent / "search-recall.json").write_text(json.dumps(report), encoding="utf-8")
    print("search recall report:", report)
    assert report["recall"] == 1.0
    assert report["precision_at_5"] > 0.5
