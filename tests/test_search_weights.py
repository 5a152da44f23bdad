"""The term shards' postings are BM25F as written down: each document's weight for a token is the sum over its fields
of boost · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average length)), kept as float32, times the token's idf,
×10 and rounded, at least 1; document ids delta-coded in ascending order. The reference below is worked out
directly from what the builder collected, one document and one field at a time, so a faster way of computing the
index (per-frequency tables, slices, shards encoded in another process) must give the same integers."""

from __future__ import annotations

import datetime as dt
import json
import math
from array import array

import pytest

from disclosure.search.index import B, FIELD_BOOSTS, K1, SearchDocument, SearchIndexBuilder
from disclosure.search.text import Segmenter

from .searchplatformkit import CATEGORIES

# A token in every document has an idf so small that its weight rounds to 0 (written as 1); titles share tokens
# with bodies (fields combined); a long body and repeated words give frequencies above 1 and lengths far from average.
_WORDS = ["防汛", "抗旱", "应急", "预案", "燃气", "安全", "隐患", "排查", "资金", "管理", "救灾", "场所"]


def _documents(count: int):
    for number in range(count):
        words = [_WORDS[(number * 7 + k) % len(_WORDS)] for k in range(3 + number % 5)]
        title = "示例市" + "".join(words[:2]) + "办法"
        body = "示例市" + "，".join(words * (1 + number % 4)) + ("。防汛资金管理" * (40 if number == 3 else 0)) + "。按有关规定执行"
        doc = SearchDocument(url=f"policies/d{number}/", title=title, type_name="规范性文件", category="normative",
                             published=dt.date(2024, 1, number % 28 + 1), year=2024,
                             index_no=f"TEST/2024-{number:05d}", summary="示例市" + words[-1] if number % 3 else None)
        yield doc, f"<p>{body}</p>"


@pytest.fixture(scope="module")
def builder():
    built = SearchIndexBuilder(Segmenter(["示例市"]), CATEGORIES, chunk_size=20)
    for doc, html in _documents(40):
        built.add(doc, html)
    return built


def _reference_postings(builder: SearchIndexBuilder) -> dict[str, list[int]]:
    return _reference(builder)[0]


def _reference(builder: SearchIndexBuilder) -> tuple[dict[str, list[int]], int]:
    """The postings, and how many weights rounded to 0 (written as 1)."""
    count = len(builder.field_terms)
    average = {name: (sum(lengths) / count) or 1 for name, lengths in builder.field_lengths.items()}
    weights: dict[int, dict[int, float]] = {}
    for doc_id, fields in enumerate(builder.field_terms):
        for name in FIELD_BOOSTS:
            ids, counts = fields[name]
            norm = K1 * (1 - B + B * builder.field_lengths[name][doc_id] / average[name])
            for token_id, tf in zip(ids, counts):
                row = weights.setdefault(token_id, {})
                row[doc_id] = row.get(doc_id, 0.0) + FIELD_BOOSTS[name] * tf * (K1 + 1) / (tf + norm)
    names = {token_id: token for token, token_id in builder.vocabulary.items()}
    postings, rounded_to_zero = {}, 0
    for token_id, row in weights.items():
        df = builder.document_frequency[token_id]
        idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
        encoded, previous = [], 0
        for doc_id in sorted(row):
            float32 = array("f", [row[doc_id]])[0]
            scaled = round(float32 * idf * 10)
            rounded_to_zero += scaled == 0
            encoded += [doc_id - previous, max(1, scaled)]
            previous = doc_id
        postings[names[token_id]] = encoded
    return postings, rounded_to_zero


def _written_postings(builder: SearchIndexBuilder) -> dict[str, list[int]]:
    written = {}
    for name, content in builder.files().items():
        if name.startswith("t/"):
            written.update(json.loads(content))
    return written


def test_every_token_s_postings_are_the_bm25f_weights_worked_out_one_field_at_a_time(builder):
    reference = _reference_postings(builder)
    written = _written_postings(builder)
    assert written.keys() == reference.keys()
    assert [token for token in reference if token not in written or written[token] != reference[token]] == []


def test_the_corpus_reaches_the_edge_cases_the_encoding_must_keep(builder):
    reference, rounded_to_zero = _reference(builder)
    assert rounded_to_zero > 0, "a token in every document's body: its weight rounds to 0 and is written as 1"
    assert max(weight for postings in reference.values() for weight in postings[1::2]) > 100
    combined = [token for token, token_id in builder.vocabulary.items()
                if sum(token_id in builder.field_terms[0][name][0] for name in FIELD_BOOSTS) > 1]
    assert combined, "a token in more than one field of a document"


def test_a_shard_file_holds_its_tokens_in_sorted_order(builder):
    for name, content in builder.files().items():
        if name.startswith("t/"):
            tokens = list(json.loads(content))
            assert tokens == sorted(tokens), name
