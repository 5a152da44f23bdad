"""The platform's search index, assembled from its units' contributions without re-tokenising.

A unit (the government or a department) builds its own complete index at ``search/units/<id>/``
(index.py, unchanged format) and a *contribution*: per token the unit's document frequency and
its top-K postings by idf-free BM25F weight, quantised to integers, plus each document's 栏目
and year. `assemble_platform_search` turns the units' contributions, in unit order, into the
platform's ``search/``:

- ``manifest.json``: the rules of a unit manifest, the units (id, name, documents, first global
  id), K and the facet chunk size; no per-document array (200,000 documents stay out of it);
- ``t/<n>.json``: per token the global top-K postings, weights with the *global* idf (the sum
  of the units' document frequencies). Weights are idf-free in the contributions, so a token's
  order of documents is the same in every unit and in the platform: the union of the units'
  top-K lists holds the exact platform top-K;
- ``f/<n>.json``: 栏目 and year of documents [n·F, (n+1)·F), fetched only when a filter is on;
- ``t2s.json``: the folding table.

Display rows and passages are not copied: global id g lies in the unit whose range holds it,
and the reader fetches ``units/<unit>/d/…`` and ``units/<unit>/x/…`` for its local id.

The same function serves the full build and the merge of unit builds, so both write the same
bytes: the output depends only on the contributions and their order. Time is linear in the
contributed postings (each token's candidates are cut back to K whenever they pass 2K).
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

from .index import (FNV_BASIS, FNV_PRIME, PARTIAL_SHARE, PASSAGE_RESULTS, RESULT_LIMIT, SNIPPET_BEFORE,
                    SNIPPET_CHARS, UNIT_CHUNK_SIZE, IdfFreeWeights, SearchIndexBuilder, _json, _shard_count, _split,
                    folding_table_file)
from .text import worker_rules

TOP_K = 200                 # postings kept per token platform-wide (4× the result limit: AND queries need room)
WEIGHT_SCALE = 100          # contribution weights are round(idf-free weight × 100)
FACET_CHUNK = 1000          # documents per platform facet file
PLATFORM_FORMAT = 1
_MAGIC = b"disclosure-search-contribution\n"
_LAST_DOC = 0xFFFFFFFF      # sort keys: weight << 32 | (_LAST_DOC - global id), highest first


class ContributionError(ValueError):
    """A contribution file that is not one (wrong or truncated file): the merge names it."""


@dataclass
class Contribution:
    """One unit's part of the platform index (see the module docstring)."""
    count: int
    categories: list[list]          # [[id, name, parent index], …] as in a unit manifest
    tokens: list[str]
    df: array                       # per token: documents of the unit holding it
    ends: array                     # per token: end of its postings in docs/weights
    docs: array                     # local ids, per token by weight descending then id
    weights: array                  # round(idf-free weight × WEIGHT_SCALE)
    category: array                 # per document: index into categories (-1: none)
    year: array                     # per document: year (0: none)
    chunk: int                      # documents per display chunk of the unit's own index

    def to_bytes(self) -> bytes:
        sections = [self.df, self.ends, self.docs, self.weights, self.category, self.year]
        tokens = "\n".join(self.tokens).encode("utf-8")
        header = {"version": PLATFORM_FORMAT, "count": self.count, "categories": self.categories, "top": TOP_K,
                  "chunk": self.chunk, "tokens": len(self.tokens), "token_bytes": len(tokens),
                  "postings": len(self.docs)}
        return b"".join([_MAGIC, _json(header), b"\n", tokens, *(_little_endian(section) for section in sections)])

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "") -> "Contribution":
        try:
            return cls._parse(data)
        except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError) as error:
            raise ContributionError(f"{name}: 不是有效的搜索索引分片文件（{error}）；请重新生成该单位的输出") from None

    @classmethod
    def _parse(cls, data: bytes) -> "Contribution":
        if not data.startswith(_MAGIC):
            raise ValueError("文件头不对")
        end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC):end].decode("utf-8"))
        if (header["version"], header["top"]) != (PLATFORM_FORMAT, TOP_K):
            raise ValueError("由另一版本生成")
        at = end + 1 + header["token_bytes"]
        tokens = data[end + 1:at].decode("utf-8").split("\n") if header["tokens"] else []
        view, sections = memoryview(data), []
        for kind, length in (("I", header["tokens"]), ("I", header["tokens"]), ("I", header["postings"]),
                             ("I", header["postings"]), ("i", header["count"]), ("I", header["count"])):
            values = array(kind)
            values.frombytes(view[at:at + length * values.itemsize])
            if len(values) != length:
                raise ValueError("文件不完整")
            if sys.byteorder == "big":
                values.byteswap()
            sections.append(values)
            at += length * values.itemsize
        if at != len(data) or len(tokens) != header["tokens"]:
            raise ValueError("长度不符")
        return cls(header["count"], header["categories"], tokens, *sections, chunk=header["chunk"])


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def contribution(builder: SearchIndexBuilder, weights: IdfFreeWeights) -> Contribution:
    """A unit's contribution, from its builder and the weights its own index was written from."""
    ends, docs, quantised = array("I"), array("I"), array("I")
    for doc_ids, values in zip(weights.doc_ids, weights.weights):
        # Quantised once here, so every process compares the same integers.
        ranked = sorted(zip((round(value * WEIGHT_SCALE) for value in values), doc_ids), key=lambda p: (-p[0], p[1]))
        for weight, doc in ranked[:TOP_K]:
            docs.append(doc)
            quantised.append(weight)
        ends.append(len(docs))
    categories = [[c.id, c.name, builder._category_index.get(c.parent, -1)] for c in builder.categories]
    return Contribution(
        count=len(builder.display), categories=categories, tokens=weights.tokens,
        df=array("I", builder.document_frequency), ends=ends, docs=docs, weights=quantised,
        category=array("i", (category for category, _ in builder.facets)),
        year=array("I", (year for _, year in builder.facets)), chunk=builder.chunk_size)


def read_contribution(path: Path) -> Contribution:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContributionError(f"{path}: 无法读取搜索索引分片（{error.strerror}）；请重新生成该部门") from None
    return Contribution.from_bytes(data, str(path))


# --- assembly ---------------------------------------------------------------------------------------


@dataclass
class _Token:
    df: int
    keys: list[int]     # weight << 32 | (_LAST_DOC - global id)


def assemble_platform_search(contributions: list[tuple[str, str, "Path | Contribution"]]) -> dict[str, bytes]:
    """The platform's ``search/`` files (paths relative to ``search/``) from (unit id, name, contribution)."""
    merged: dict[str, _Token] = {}
    units, facets, chunks = [], _Facets(), set()
    offset = 0
    for unit_id, unit_name, source in contributions:
        part = source if isinstance(source, Contribution) else read_contribution(Path(source))
        chunks.add(part.chunk)
        if len(chunks) > 1:
            raise ContributionError(f"{unit_id}: 搜索索引分片与其他部门的版本不同；请用同一版本重新生成全部部门")
        _merge_tokens(merged, part, offset)
        facets.add(part)
        units.append([unit_id, unit_name, part.count, offset])
        offset += part.count
    postings = _platform_postings(merged, offset)
    shards = _shard_count(postings)
    files = {f"t/{number}.json": _json(content) for number, content in enumerate(_split(postings, shards))}
    files.update(facets.files())
    files["manifest.json"] = _json(_manifest(units, offset, shards, min(chunks, default=UNIT_CHUNK_SIZE)))
    files["t2s.json"] = folding_table_file()
    return files


def _merge_tokens(merged: dict[str, _Token], part: Contribution, offset: int) -> None:
    start = 0
    docs, weights, last = part.docs, part.weights, _LAST_DOC - offset
    for token, df, end in zip(part.tokens, part.df, part.ends):
        keys = [(weight << 32) | (last - doc) for doc, weight in zip(docs[start:end], weights[start:end])]
        start = end
        entry = merged.get(token)
        if entry is None:
            merged[token] = _Token(df, keys)
            continue
        entry.df += df
        entry.keys += keys
        if len(entry.keys) > 2 * TOP_K:
            entry.keys.sort(reverse=True)
            del entry.keys[TOP_K:]


def _platform_postings(merged: dict[str, _Token], count: int) -> dict[str, list[int]]:
    """token -> [doc delta, weight, …] as a unit index writes it, with the global idf."""
    postings = {}
    for token, entry in merged.items():
        idf = math.log(1 + (count - entry.df + 0.5) / (entry.df + 0.5))
        keys = sorted(entry.keys, reverse=True)[:TOP_K]
        chosen = sorted((_LAST_DOC - (key & _LAST_DOC), key >> 32) for key in keys)
        encoded, previous = [], 0
        for doc, weight in chosen:
            encoded += [doc - previous, max(1, round(weight * idf * 10 / WEIGHT_SCALE))]
            previous = doc
        postings[token] = encoded
    return postings


def _manifest(units: list[list], count: int, shards: int, chunk: int) -> dict:
    """The units' chunk size is the platform's: a result's row is read without the unit's manifest."""
    return {
        "version": PLATFORM_FORMAT, "platform": True, "count": count, "shards": shards, "chunk": chunk,
        "limit": RESULT_LIMIT, "passages": PASSAGE_RESULTS, "partial": PARTIAL_SHARE,
        "snippet": [SNIPPET_CHARS, SNIPPET_BEFORE], "hash": [FNV_BASIS, FNV_PRIME], "text": worker_rules(),
        "top": TOP_K, "facets": FACET_CHUNK, "units": units,
    }


class _Facets:
    """栏目 and year of every document, in files of FACET_CHUNK documents.

    A document's 栏目 is written as its chain of category ids (leaf first), numbered per file:
    a platform filter on a category id (the shared standard tree's, or a department's own)
    matches the category and everything below it, in any unit.
    """

    def __init__(self):
        self.chains: list[tuple[str, ...]] = []
        self.years: list[int] = []

    def add(self, part: Contribution) -> None:
        chains = [_chain(part.categories, index) for index in range(len(part.categories))]
        self.chains.extend(chains[index] if index >= 0 else () for index in part.category)
        self.years.extend(part.year)

    def files(self) -> dict[str, bytes]:
        files = {}
        for start in range(0, len(self.years), FACET_CHUNK):
            numbered: dict[tuple[str, ...], int] = {}
            category = [numbered.setdefault(chain, len(numbered)) for chain in self.chains[start:start + FACET_CHUNK]]
            files[f"f/{start // FACET_CHUNK}.json"] = _json(
                {"chains": [list(chain) for chain in numbered], "category": category,
                 "year": self.years[start:start + FACET_CHUNK]})
        return files


def _chain(categories: list[list], index: int) -> tuple[str, ...]:
    chain = []
    while 0 <= index < len(categories) and len(chain) <= len(categories):
        chain.append(categories[index][0])
        index = categories[index][2]
    return tuple(chain)
