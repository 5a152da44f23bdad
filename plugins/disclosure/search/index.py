"""The prebuilt search index: BM25F weights computed at build time, split by term.

Like MkDocs' own search plugin, a small class takes documents and writes one artefact (the
``search/`` folder). Unlike it, nothing is indexed in the browser and a reader downloads only
what a query needs: the manifest, the term shards of the query's tokens (chosen by a hash of
the token) and the chunks holding the top results. See search-worker.js for the reader's side:
it takes its tokenisation rules, shard hash and limits from the manifest written here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from ..content.catalogue import Category
from ..content.model import Document
from ..text.chinese import HAN, fold, traditional_to_simplified
from ..text.html_text import text_parts
from .text import (
    Segmenter,
    check_segmented,
    doc_no_tokens,
    exact_token,
    han_words,
    token_counts,
    tokens,
    worker_rules,
)

FIELD_BOOSTS = {"title": 8.0, "doc_no": 8.0, "index_no": 8.0, "topics": 4.0, "publisher": 3.0, "summary": 2.0, "body": 1.0}
K1, B = 1.2, 0.75
CHUNK_SIZE = 100              # documents per display chunk
# A platform's unit: a platform-wide query's 50 results lie in up to 50 units' chunks, so smaller ones.
UNIT_CHUNK_SIZE = 20
SHARD_TARGET_BYTES = 48_000   # raw JSON per term shard before gzip
SNIPPET_CHARS = 120
SNIPPET_BEFORE = 30           # the browser's snippet: the first match with this much text before it
PASSAGE_SOURCE_CHARS = 3000   # body text a result's snippet is cut from, per document (search/x/<doc>.json)
PASSAGE_RESULTS = 10          # the browser fetches that text for the first results only (Material shows 10)
RESULT_LIMIT = 50
PARTIAL_SHARE = 0.6           # without a complete match, show documents with this share of the terms
FNV_BASIS, FNV_PRIME = 0x811C9DC5, 0x01000193   # the shard hash: FNV-1a, 32 bit
FORMAT_VERSION = 1
_HAN_CHAR = re.compile(rf"[{HAN}]")


@dataclass
class SearchDocument:
    url: str
    title: str
    type_name: str
    category: str                 # category id (the leaf the document lies in)
    published: dt.date | None
    year: int | None
    doc_no: str | None = None
    index_no: str | None = None
    publisher: str | None = None
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    text: str = ""
    repealed: str | None = None   # its 有效性 when no longer in force (废止, 失效): the result is marked


def search_document(doc: Document, type_name: str, url: str) -> SearchDocument:
    """What search knows of a public document's metadata (the builder adds its body text)."""
    return SearchDocument(
        url=url, title=doc.title or "", type_name=type_name, category=doc.category.id if doc.category else "",
        published=doc.published, year=doc.year, doc_no=doc.doc_no, index_no=doc.index_no,
        publisher=doc.publisher, topics=list(doc.topics), summary=doc.summary,
        repealed=None if doc.in_force else doc.validity,
    )


@dataclass(frozen=True)
class SearchCategory:
    id: str
    name: str
    parent: str | None

    @classmethod
    def of(cls, category: Category) -> "SearchCategory":
        return cls(category.id, category.name, category.parent.id if category.parent else None)


def search_categories(catalogue) -> list[SearchCategory]:
    """The categories of a site (or a platform's unit) in tree order, as its index lists them."""
    return [SearchCategory.of(category) for category in catalogue.categories()]


def manifest_categories(categories: list[SearchCategory]) -> list[list]:
    """The manifest's `categories`: [id, name, index of the parent or -1] each, what the 栏目 filter shows."""
    index = {category.id: at for at, category in enumerate(categories)}
    return [[category.id, category.name, index.get(category.parent, -1)] for category in categories]


def html_to_text(html: str) -> str:
    return " ".join(" ".join(text_parts(html)).split())


def shown_cut(text: str, length: int) -> str:
    """`text` in at most `length` characters, ending in "…" when it was cut. The reader's worker marks only the cuts
    it makes itself: a summary or body cut here was shown as if whole (…不得享受补贴 cut before 的除外), a text that is
    not the document's."""
    return text if len(text) <= length else text[:length - 1] + ELLIPSIS


ELLIPSIS = "…"   # the worker's own mark of a cut


def shard_of(token: str, shards: int) -> int:
    """FNV-1a (32 bit) over UTF-8; the worker takes the parameters from the manifest."""
    value = FNV_BASIS
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value % shards


def manifest_settings(chunk: int) -> dict:
    """What an index manifest of this version sets for the reader's search worker, which takes the values as they are
    (how many results, passages and shards, the hash): the merge holds a unit's manifest to them."""
    return {"version": FORMAT_VERSION, "chunk": chunk, "limit": RESULT_LIMIT, "passages": PASSAGE_RESULTS,
            "partial": PARTIAL_SHARE, "snippet": [SNIPPET_CHARS, SNIPPET_BEFORE], "hash": [FNV_BASIS, FNV_PRIME],
            "text": worker_rules()}


class SearchIndexBuilder:
    """Collects documents (`add`) and writes the ``search/`` artefact (`files`)."""

    def __init__(self, segmenter: Segmenter, categories: list[SearchCategory], chunk_size: int = CHUNK_SIZE):
        self.segmenter = segmenter
        self.chunk_size = chunk_size
        self.categories = categories
        self._category_index = {c.id: i for i, c in enumerate(categories)}
        self.vocabulary: dict[str, int] = {}
        self.document_frequency = array("I")
        # Per document and field: token ids and their counts, kept compact for 10,000s of documents.
        self.field_terms: list[dict[str, tuple[array, array]]] = []
        self.field_lengths: dict[str, list[int]] = {name: [] for name in FIELD_BOOSTS}
        self.display: list[list] = []
        self.facets: list[tuple[int, int]] = []
        # The text a snippet is cut from, encoded at once: bytes are the compact form for 10,000s of documents.
        self.passages: list[bytes] = []

    def add(self, doc: SearchDocument, html: str) -> None:
        """Index a document and the visible text of its rendered body."""
        doc.text = html_to_text(html)
        fields = self._field_tokens(doc)
        check_segmented([t for counts in fields.values() for t in counts])
        compact, seen, vocabulary = {}, set(), self.vocabulary
        for name in FIELD_BOOSTS:
            counts = fields[name]
            for token in [token for token in counts if token not in vocabulary]:   # new tokens: ids in order
                self._token_id(token)
            ids = array("I", map(vocabulary.__getitem__, counts))
            frequencies = counts.values()
            compact[name] = (ids, array("H", frequencies) if max(frequencies, default=0) <= 65535
                             else array("H", (min(c, 65535) for c in frequencies)))
            self.field_lengths[name].append(sum(frequencies))
            seen.update(ids)
        for token_id in seen:
            self.document_frequency[token_id] += 1
        self.field_terms.append(compact)
        self.display.append(self._display(doc))
        self.passages.append(_json(shown_cut(doc.text, PASSAGE_SOURCE_CHARS)))
        self.facets.append((self._category_index.get(doc.category, -1),
                            doc.year or (doc.published.year if doc.published else 0)))

    def _field_tokens(self, doc: SearchDocument) -> dict[str, Counter]:
        def text(value: str | None, words: bool = True) -> list[str]:
            folded = fold(value or "")
            return tokens(folded) + (self.segmenter.words(folded) if words else [])
        fields = {
            # A title's single characters too: a reader who types one character (汛, 税) looks for titles.
            "title": text(doc.title) + _han_characters(doc.title),
            "doc_no": text(doc.doc_no) + (doc_no_tokens(doc.doc_no) if doc.doc_no else []) + _han_runs(doc.doc_no),
            "index_no": text(doc.index_no, words=False) + ([exact_token(doc.index_no)] if doc.index_no else []),
            "topics": [t for topic in doc.topics for t in text(topic) + _han_runs(topic)],
            "publisher": text(doc.publisher) + _han_runs(doc.publisher),
            "summary": text(doc.summary),
        }
        return {**{name: Counter(found) for name, found in fields.items()}, "body": token_counts(fold(doc.text))}

    def _token_id(self, token: str) -> int:
        token_id = self.vocabulary.get(token)
        if token_id is None:
            token_id = self.vocabulary[token] = len(self.vocabulary)
            self.document_frequency.append(0)
        return token_id

    @staticmethod
    def _display(doc: SearchDocument) -> list:
        snippet = shown_cut(doc.summary or doc.text, SNIPPET_CHARS)
        date = doc.published.isoformat() if doc.published else ""
        return [doc.url, doc.title, doc.type_name, date, doc.doc_no or "", snippet, doc.repealed or ""]

    # --- writing --------------------------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        """Relative path under ``search/`` -> content."""
        return self.files_and_weights()[0]

    def files_and_weights(self) -> tuple[dict[str, bytes], "IdfFreeWeights"]:
        """The ``search/`` files and the idf-free weights they were made from (a platform's contribution)."""
        files, weights = self.term_files_and_weights()
        return {**files, **self.document_files()}, weights

    def document_files(self) -> dict[str, bytes]:
        """The files each document's `add` settles: result rows (d/) and snippet texts (x/); no weights needed."""
        size = self.chunk_size
        files = {f"d/{start // size}.json": _json(self.display[start:start + size])
                 for start in range(0, len(self.display), size)}
        files.update((f"x/{number}.json", passage) for number, passage in enumerate(self.passages))
        return files

    def term_files_and_weights(self) -> tuple[dict[str, bytes], "IdfFreeWeights"]:
        """The files made from every document at once (term shards t/, the manifest, the folding table) and the weights."""
        terms = self.term_plan()
        return {**terms.shard_files(range(terms.shards)), **terms.files}, terms.weights

    def term_plan(self) -> "TermPlan":
        """The weights, how many term shards and which tokens each holds, the manifest and the folding table: what
        the term shards are written from (`TermPlan.shard_files`, a range of shards at a time, in any process)."""
        weights = self._idf_free_weights()
        count = _shard_count(weights)
        files = {"manifest.json": _json(self._manifest(count)), "t2s.json": folding_table_file()}
        total = len(self.field_terms)
        idf = [math.log(1 + (total - df + 0.5) / (df + 0.5)) for df in self.document_frequency]
        return TermPlan(weights, idf, _tokens_by_shard(weights.tokens, count), files)

    def _manifest(self, shards: int) -> dict:
        settings = manifest_settings(self.chunk_size)
        return {
            "version": settings.pop("version"), "count": len(self.display), "shards": shards, **settings,
            "categories": manifest_categories(self.categories),
            "category": [category for category, _ in self.facets],
            "year": [year for _, year in self.facets],
        }

    def _idf_free_weights(self) -> "IdfFreeWeights":
        """Per token (in vocabulary order) its documents in id order and their BM25F weights without idf."""
        count = len(self.field_terms)
        average = {name: (sum(lengths) / count if count else 0) or 1 for name, lengths in self.field_lengths.items()}
        # Documents are visited in id order, so every posting list comes out sorted.
        doc_ids = [array("I") for _ in self.vocabulary]
        weights = [array("f") for _ in self.vocabulary]
        # 4 million postings at 10,000 documents, appended while the build waits: the bound methods looked up once.
        add_doc, add_weight = [ids.append for ids in doc_ids], [values.append for values in weights]
        for doc_id, compact in enumerate(self.field_terms):
            for token_id, weight in self._document_weights(doc_id, compact, average).items():
                add_doc[token_id](doc_id)
                add_weight[token_id](weight)
        return IdfFreeWeights(list(self.vocabulary), doc_ids, weights)

    def _document_weights(self, doc_id: int, compact: dict, average: dict[str, float]) -> dict[int, float]:
        """BM25F without idf: each field's saturated term frequency times the field's boost, summed in field order.
        Within a field the weight depends on the frequency alone, so it is worked out once per frequency."""
        combined: dict[int, float] = {}
        for name, (ids, counts) in compact.items():
            if not ids:
                continue
            norm = K1 * (1 - B + B * self.field_lengths[name][doc_id] / average[name])
            boost = FIELD_BOOSTS[name]
            weight_of = {tf: boost * tf * (K1 + 1) / (tf + norm) for tf in set(counts)}.__getitem__
            if not combined:   # the first field with tokens: 0.0 + w is w
                combined = dict(zip(ids, map(weight_of, counts)))
                continue
            for token_id, tf in zip(ids, counts):
                combined[token_id] = combined.get(token_id, 0.0) + weight_of(tf)
        return combined


@dataclass
class IdfFreeWeights:
    """What a unit's index knows before idf: the platform's contribution is cut from it (platform.py)."""
    tokens: list[str]
    doc_ids: list[array]      # per token, ascending
    weights: list[array]      # per token, float32 BM25F weight without idf


def folding_table_file() -> bytes:
    table = traditional_to_simplified()
    return _json({"from": "".join(table), "to": "".join(table.values())})


@dataclass
class TermPlan:
    """What the term shards are made from (`SearchIndexBuilder.term_plan`)."""
    weights: IdfFreeWeights
    idf: list[float]                 # per token id
    by_shard: list[list[int]]        # per shard, its token ids in the tokens' sorted order
    files: dict[str, bytes]          # the manifest and the folding table

    @property
    def shards(self) -> int:
        return len(self.by_shard)

    def shard_files(self, numbers: range) -> dict[str, bytes]:
        """The files t/<number>.json of the shards `numbers`: each token's postings, encoded with its idf."""
        tokens, doc_ids, weights, idf = self.weights.tokens, self.weights.doc_ids, self.weights.weights, self.idf
        return {f"t/{number}.json": _json({tokens[t]: _encode(doc_ids[t], weights[t], idf[t]) for t in self.by_shard[number]})
                for number in numbers}


def _encode(doc_ids: array, weights: array, idf: float) -> list[int]:
    """Delta-coded document ids interleaved with integer weights (×10, at least 1)."""
    encoded = [0] * (2 * len(doc_ids))
    encoded[::2] = [doc_id - previous for previous, doc_id in zip(chain((0,), doc_ids), doc_ids)]
    scaled = [round(weight * idf * 10) for weight in weights]
    encoded[1::2] = [value or 1 for value in scaled] if 0 in scaled else scaled
    return encoded


def _shard_count(weights: IdfFreeWeights) -> int:
    """Shards enough for SHARD_TARGET_BYTES each, estimated from each token's postings before they are encoded."""
    estimated = sum(len(token) * 3 + 6 + 10 * len(ids) for token, ids in zip(weights.tokens, weights.doc_ids))
    shards = 1
    while estimated / shards > SHARD_TARGET_BYTES:
        shards *= 2
    return shards


def _tokens_by_shard(tokens: list[str], shards: int) -> list[list[int]]:
    """Per shard its token ids, ordered by token (the shard file's order)."""
    parts: list[list[int]] = [[] for _ in range(shards)]
    for token_id in sorted(range(len(tokens)), key=tokens.__getitem__):
        parts[shard_of(tokens[token_id], shards)].append(token_id)
    return parts


def _han_characters(value: str | None) -> list[str]:
    return sorted(set(_HAN_CHAR.findall(fold(value or ""))))


def _han_runs(value: str | None) -> list[str]:
    """Whole Han runs of a value: the browser boosts a typed run (see tests/search_reader.py, boost_tokens)."""
    return han_words(fold(value or ""))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def first_query_bytes(files: dict[str, bytes], terms: int = 3, results: int = 10,
                      gzipped: dict[str, list[int]] | None = None) -> int:
    """Upper bound of what a first query downloads, gzipped as a web server sends it.

    Manifest, folding table, the `terms` largest term shards, the `results` largest chunks and
    the largest passage texts of the results that get a snippet around the match. `gzipped`: the
    sizes (`gzipped_sizes`) of the files of a folder ("d/", "x/") measured elsewhere, not in `files`.
    """
    gzipped = gzipped or {}
    size = lambda name: len(gzip.compress(files[name], 6))  # noqa: E731
    largest = lambda prefix, count: sorted(gzipped[prefix] if prefix in gzipped else gzipped_sizes(files, prefix),  # noqa: E731
                                           reverse=True)[:count]
    return (size("manifest.json") + size("t2s.json") + sum(largest("t/", terms)) + sum(largest("d/", results))
            + sum(largest("x/", min(results, PASSAGE_RESULTS))))


def gzipped_sizes(files: dict[str, bytes], prefix: str) -> list[int]:
    """The gzip sizes of the files in a folder of the index (`prefix`: "t/", "d/", "x/"), as `first_query_bytes` counts them."""
    return [len(gzip.compress(content, 6)) for name, content in files.items() if name.startswith(prefix)]
