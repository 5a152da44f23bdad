"""The text search snippets are cut from: one small file per document, read by the browser and the Python twin alike."""

import json

from disclosure.search.index import PASSAGE_SOURCE_CHARS

from .search_reader import SearchIndexReader


def test_every_public_document_has_its_passage_text(example_site):
    search = example_site / "search"
    manifest = json.loads((search / "manifest.json").read_text(encoding="utf-8"))
    passages = sorted(search.glob("x/*.json"))
    assert len(passages) == manifest["count"]
    texts = [json.loads(p.read_text(encoding="utf-8")) for p in passages]
    assert all(isinstance(t, str) and len(t) <= PASSAGE_SOURCE_CHARS for t in texts)
    assert any("每季度检查一次设施设备" in t for t in texts)


def test_the_reader_opens_the_passages_of_the_first_results_only(example_site):
    reader = SearchIndexReader(example_site / "search")
    hits = reader.search("应急")
    opened = {name for name in reader.downloaded if name.startswith("x/")}
    assert len(hits) > reader.manifest["passages"]
    assert len(opened) == reader.manifest["passages"]
