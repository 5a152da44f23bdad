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

import bisect
import json
import math
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

from .index import (FNV_BASIS, FNV_PRIME, PARTIAL_SHARE, PASSAGE_RESULTS, RESULT_LIMIT, SHARD_TARGET_BYTES,
                    SNIPPET_BEFORE, SNIPPET_CHARS, UNIT_CHUNK_SIZE, IdfFreeWeights, SearchIndexBuilder, _json,
                    folding_table_file, shard_of)
from .text import worker_rules

TOP_K = 200                 # postings kept per token platform-wide (4× the result limit: AND queries need room)
WEIGHT_SCALE = 100          # contribution weights are round(idf-free weight × 100)
FACET_CHUNK = 1000          # documents per platform facet file
BUCKETS = 256               # a contribution's tokens are grouped by shard hash modulo this
GROUPS = 16                 # the assembly merges one group of buckets at a time: memory is a 16th
PLATFORM_FORMAT = 1
_MAGIC = b"disclosure-search-contribution\n"
_LAST_DOC = 0xFFFFFFFF      # sort keys: weight << 32 | (_LAST_DOC - global id), highest first
_SECTIONS = (("hashes", "I", "tokens"), ("df", "I", "tokens"), ("ends", "I", "tokens"), ("docs", "I", "postings"),
             ("weights", "I", "postings"), ("category", "i", "count"), ("year", "I", "count"))


class ContributionError(ValueError):
    """A contribution file that is not one (wrong or truncated file): the merge names it."""


@dataclass
class Contribution:
    """One unit's part of the platform index (see the module docstring).

    Tokens are ordered by bucket (their shard hash modulo BUCKETS), so that the assembly can take
    one group of buckets from every unit at a time; `bucket_tokens` and `bucket_bytes` are where
    each bucket starts among the tokens and in `token_blob` (every token followed by a newline:
    white space never occurs in a token).
    """
    count: int
    categories: list[list]          # [[id, name, parent index], …] as in a unit manifest
    chunk: int                      # documents per display chunk of the unit's own index
    token_blob: bytes
    bucket_tokens: list[int]        # BUCKETS + 1 boundaries
    bucket_bytes: list[int]         # BUCKETS + 1 boundaries in token_blob
    hashes: array                   # per token: its FNV-1a hash (shard_of with 2**32 shards)
    df: array                       # per token: documents of the unit holding it
    ends: array                     # per token: end of its postings in docs/weights
    docs: array                     # local ids, per token by weight descending then id
    weights: array                  # round(idf-free weight × WEIGHT_SCALE)
    category: array                 # per document: index into categories (-1: none)
    year: array                     # per document: year (0: none)

    @property
    def tokens(self) -> list[str]:
        return self.token_blob.decode("utf-8").split("\n")[:-1]

    def bucket(self, number: int) -> tuple[list[str], int, int]:
        """The tokens of a bucket and the range of their index among all tokens."""
        first, last = self.bucket_tokens[number], self.bucket_tokens[number + 1]
        blob = self.token_blob[self.bucket_bytes[number]:self.bucket_bytes[number + 1]]
        return blob.decode("utf-8").split("\n")[:-1], first, last

    def to_bytes(self) -> bytes:
        header = {"version": PLATFORM_FORMAT, "count": self.count, "categories": self.categories, "top": TOP_K,
                  "chunk": self.chunk, "buckets": BUCKETS, "bucket_tokens": self.bucket_tokens,
                  "bucket_bytes": self.bucket_bytes, "postings": len(self.docs)}
        return b"".join([_MAGIC, _json(header), b"\n", self.token_blob,
                         *(_little_endian(getattr(self, name)) for name, _, _ in _SECTIONS)])

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
        if (header["version"], header["top"], header["buckets"]) != (PLATFORM_FORMAT, TOP_K, BUCKETS):
            raise ValueError("由另一版本生成")
        bucket_tokens, bucket_bytes = header["bucket_tokens"], header["bucket_bytes"]
        if len(bucket_tokens) != BUCKETS + 1 or len(bucket_bytes) != BUCKETS + 1:
            raise ValueError("分组表不完整")
        at = end + 1 + bucket_bytes[-1]
        blob = data[end + 1:at]
        lengths = {"tokens": bucket_tokens[-1], "postings": header["postings"], "count": header["count"]}
        sections = {}
        for name, kind, length in _SECTIONS:
            values = array(kind)
            size = lengths[length] * values.itemsize
            values.frombytes(data[at:at + size])
            if len(values) != lengths[length]:
                raise ValueError("文件不完整")
            if sys.byteorder == "big":
                values.byteswap()
            sections[name] = values
            at += size
        if at != len(data) or blob.count(b"\n") != bucket_tokens[-1]:
            raise ValueError("长度不符")
        return cls(header["count"], header["categories"], header["chunk"], blob, bucket_tokens, bucket_bytes,
                   **sections)


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def contribution(builder: SearchIndexBuilder, weights: IdfFreeWeights) -> Contribution:
    """A unit's contribution, from its builder and the weights its own index was written from."""
    entries = []
    for token, name in enumerate(weights.tokens):
        # Quantised once here, so every process compares the same integers.
        values = (round(value * WEIGHT_SCALE) for value in weights.weights[token])
        ranked = sorted(zip(values, weights.doc_ids[token]), key=lambda p: (-p[0], p[1]))[:TOP_K]
        entries.append((name, builder.document_frequency[token], [doc for _, doc in ranked],
                        [weight for weight, _ in ranked]))
    categories = [[c.id, c.name, builder._category_index.get(c.parent, -1)] for c in builder.categories]
    return bucketed(len(builder.display), categories, builder.chunk_size, entries,
                    array("i", (category for category, _ in builder.facets)),
                    array("I", (year for _, year in builder.facets)))


def bucketed(count: int, categories: list[list], chunk: int, entries: list[tuple[str, int, list, list]],
             category: array, year: array) -> Contribution:
    """A contribution of (token, df, local ids best first, weights) entries, ordered by bucket."""
    hashed = sorted(((shard_of(entry[0], 1 << 32), *entry) for entry in entries),
                    key=lambda entry: (entry[0] % BUCKETS, entry[1]))
    ends, docs, weights, blob = array("I"), array("I"), array("I"), bytearray()
    bucket_tokens, bucket_bytes = [0] * (BUCKETS + 1), [0] * (BUCKETS + 1)
    for hash_value, token, _, entry_docs, entry_weights in hashed:
        docs.extend(entry_docs)
        weights.extend(entry_weights)
        ends.append(len(docs))
        blob += token.encode("utf-8") + b"\n"
        bucket_tokens[hash_value % BUCKETS + 1] += 1
        bucket_bytes[hash_value % BUCKETS + 1] = len(blob)
    for number in range(BUCKETS):   # counts to boundaries; an empty bucket ends where the one before it did
        bucket_tokens[number + 1] += bucket_tokens[number]
        bucket_bytes[number + 1] = max(bucket_bytes[number + 1], bucket_bytes[number])
    return Contribution(count, categories, chunk, bytes(blob), bucket_tokens, bucket_bytes,
                        hashes=array("I", (entry[0] for entry in hashed)), df=array("I", (entry[2] for entry in hashed)),
                        ends=ends, docs=docs, weights=weights, category=category, year=year)


def read_contribution(path: Path) -> Contribution:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContributionError(f"{path}: 无法读取搜索索引分片（{error.strerror}）；请重新生成该单位的输出") from None
    return Contribution.from_bytes(data, str(path))


# --- assembly ---------------------------------------------------------------------------------------


def assemble_platform_search(contributions: list[tuple[str, str, "Path | Contribution"]]) -> dict[str, bytes]:
    """The platform's ``search/`` files (paths relative to ``search/``) from (unit id, name, contribution).

    Tokens are merged one group of buckets at a time (GROUPS groups): a group's tokens fall in the
    shards of the same number modulo GROUPS, which are complete when the group is done. The number
    of shards is set from the first group's size (times GROUPS), so it too depends on the
    contributions alone.
    """
    parts, units, facets, offset = [], [], _Facets(), 0
    for unit_id, unit_name, source in contributions:
        part = source if isinstance(source, Contribution) else read_contribution(Path(source))
        if parts and part.chunk != parts[0][0].chunk:
            raise ContributionError(f"{unit_id}: 搜索索引分片与其他部门的版本不同；请用同一版本重新生成全部部门")
        parts.append((part, offset))
        facets.add(part)
        units.append([unit_id, unit_name, part.count, offset])
        offset += part.count
    files, shards = {}, 0
    for group in range(GROUPS):
        postings = _platform_postings(_merge_group(parts, group), offset)
        shards = shards or _group_shard_count(postings)
        files.update(_group_shards(postings, group, shards))
    files.update(facets.files())
    chunk = parts[0][0].chunk if parts else UNIT_CHUNK_SIZE
    files["manifest.json"] = _json(_manifest(units, offset, shards, chunk))
    files["t2s.json"] = folding_table_file()
    return files


def _merge_group(parts: list[tuple[Contribution, int]], group: int) -> dict[str, list]:
    """token -> [df, hash, sort keys, threshold] over every unit, for the tokens of one group of buckets.

    A unit's postings of a token come best first; once a token holds K keys, a unit's keys at or
    below the K-th best (the threshold) can never enter the top K and are not even built.
    """
    merged: dict[str, list] = {}
    for part, offset in parts:
        last, docs, weights, ends = _LAST_DOC - offset, part.docs, part.weights, part.ends
        key = lambda at: (weights[at] << 32) | (last - docs[at])  # noqa: E731
        for number in range(group, BUCKETS, GROUPS):
            names, first, end_token = part.bucket(number)
            start = ends[first - 1] if first else 0
            for name, df, hashed, stop in zip(names, part.df[first:end_token], part.hashes[first:end_token],
                                              ends[first:end_token]):
                entry = merged.get(name)
                if entry is None:
                    merged[name] = [df, hashed, [key(start)] if stop - start == 1 else
                                    [(w << 32) | (last - d) for d, w in zip(docs[start:stop], weights[start:stop])], 0]
                else:
                    entry[0] += df
                    threshold = entry[3]
                    # Keys come best first: those above the threshold are a prefix of the unit's list.
                    cut = bisect.bisect_left(range(start, stop), -threshold, key=lambda at: -key(at)) \
                        if threshold else stop - start
                    if cut:
                        keys = entry[2]
                        keys += [(w << 32) | (last - d) for d, w in zip(docs[start:start + cut],
                                                                        weights[start:start + cut])]
                        if len(keys) > 2 * TOP_K:
                            keys.sort(reverse=True)
                            del keys[TOP_K:]
                            entry[3] = keys[-1]
                start = stop
    return merged


def _platform_postings(merged: dict[str, list], count: int) -> dict[str, tuple[int, list[int]]]:
    """token -> (hash, [doc delta, weight, …]) as a unit index writes it, with the global idf."""
    postings, factors = {}, {}
    for token, (df, hashed, keys, _) in merged.items():
        factor = factors.get(df)
        if factor is None:   # idf × 10 / WEIGHT_SCALE, once per document frequency
            factor = factors[df] = math.log(1 + (count - df + 0.5) / (df + 0.5)) * 10 / WEIGHT_SCALE
        if len(keys) == 1:   # most tokens: one document of the whole platform
            key = keys[0]
            postings[token] = (hashed, [_LAST_DOC - (key & _LAST_DOC), round((key >> 32) * factor) or 1])
            continue
        if len(keys) > TOP_K:
            keys.sort(reverse=True)
            del keys[TOP_K:]
        chosen = sorted([(_LAST_DOC - (key & _LAST_DOC), key >> 32) for key in keys])
        encoded, previous = [], 0
        for doc, weight in chosen:
            encoded += [doc - previous, round(weight * factor) or 1]
            previous = doc
        postings[token] = (hashed, encoded)
    return postings


def _group_shard_count(postings: dict[str, tuple[int, list[int]]]) -> int:
    """Shards for the whole index, from the first group's size: at least GROUPS, a power of two."""
    estimated = GROUPS * sum(len(token) * 3 + 6 + 5 * len(values) for token, (_, values) in postings.items())
    shards = GROUPS
    while estimated / shards > SHARD_TARGET_BYTES:
        shards *= 2
    return shards


def _group_shards(postings: dict[str, tuple[int, list[int]]], group: int, shards: int) -> dict[str, bytes]:
    """The shards whose number is `group` modulo GROUPS: every token of the group lies in one of them."""
    parts: dict[int, dict] = {number: {} for number in range(group, shards, GROUPS)}
    for token in sorted(postings):
        hashed, values = postings[token]
        parts[hashed % shards][token] = values
    return {f"t/{number}.json": _json(content) for number, content in parts.items()}


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
