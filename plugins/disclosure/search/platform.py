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
bytes: the output depends only on the contributions and their order, not on how many worker
processes merged the groups. Time is linear in the contributed tokens and postings: a token of
one unit is encoded straight from its list, and a token of several units walks their lists best
unit first, stopping where the K-th best key so far beats the rest.
"""

from __future__ import annotations

import gc
import itertools
import json
import math
import mmap
import multiprocessing
import os
import sys
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .index import (
    FNV_BASIS,
    FNV_PRIME,
    PARTIAL_SHARE,
    PASSAGE_RESULTS,
    RESULT_LIMIT,
    SHARD_TARGET_BYTES,
    SNIPPET_BEFORE,
    SNIPPET_CHARS,
    UNIT_CHUNK_SIZE,
    IdfFreeWeights,
    SearchIndexBuilder,
    _json,
    folding_table_file,
    shard_of,
)
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
        layout = _Layout.of_bytes(data, name)
        with _opened(data) as read:
            sections = {section: layout.spans.array(read, section, 0, layout.lengths[length])
                        for section, _, length in _SECTIONS}
            blob = layout.spans.blob(read, 0, BUCKETS)
        if sections["docs"] and max(sections["docs"]) >= layout.count:   # it would name another unit's documents
            raise ContributionError(f"{name}: 不是有效的搜索索引分片文件（词所在的文件编号超出本单位的文件数）；请重新生成该单位的输出")
        # A word's document count is summed over the units into the platform's (its weight in every unit's results):
        # at least the documents listed for it, at most the unit's own.
        if sections["df"] and not all(end - start <= df <= layout.count for df, start, end
                                      in zip(sections["df"], [0, *sections["ends"][:-1]], sections["ends"])):
            raise ContributionError(f"{name}: 不是有效的搜索索引分片文件（词的文件数超出本单位的文件数）；请重新生成该单位的输出")
        return cls(layout.count, layout.categories, layout.chunk, blob, layout.spans.bucket_tokens,
                   layout.spans.bucket_bytes, **sections)


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


# --- reading a contribution by parts -----------------------------------------------------------------


class _Spans(NamedTuple):
    """Where the parts of one contribution lie: all a worker needs to read its buckets."""
    source: "str | bytes"           # a file's path, or an in-memory contribution's bytes
    bucket_tokens: list[int]
    bucket_bytes: list[int]
    blob_at: int
    at: dict[str, int]              # section name -> offset

    def blob(self, read, first_bucket: int, end_bucket: int) -> bytes:
        """The token lines of buckets [first_bucket, end_bucket)."""
        start = self.bucket_bytes[first_bucket]
        return read(self.blob_at + start, self.bucket_bytes[end_bucket] - start)

    def array(self, read, section: str, first: int, end: int) -> array:
        """Entries [first, end) of a section, in this machine's byte order."""
        values = array(_KINDS[section])
        values.frombytes(read(self.at[section] + first * values.itemsize, (end - first) * values.itemsize))
        if sys.byteorder == "big":
            values.byteswap()
        return values

    def bucket(self, read, number: int) -> tuple:
        """(names, df, hashes, base, ends, docs, weights) of one bucket: docs[0] is the posting at `base`."""
        first, end = self.bucket_tokens[number], self.bucket_tokens[number + 1]
        names = self.blob(read, number, number + 1).decode("utf-8").split("\n")
        names.pop()   # after the last newline
        ends = self.array(read, "ends", max(first - 1, 0), end)
        base = ends.pop(0) if first else 0
        stop = ends[-1] if ends else base
        return (names, self.array(read, "df", first, end), self.array(read, "hashes", first, end), base, ends,
                self.array(read, "docs", base, stop), self.array(read, "weights", base, stop))


_KINDS = {name: kind for name, kind, _ in _SECTIONS}


class _Layout:
    """One contribution (a file, or the bytes of an in-memory one), checked: its header, facets and spans.

    The assembly reads a contribution by parts: the parent its header, token lines and facets;
    each worker only the buckets of its group (`spans`), from a memory map: no process holds a
    whole contribution.
    """

    def __init__(self, source: "str | bytes", read, size: int):
        head = read(0, 1 << 16)
        if not head.startswith(_MAGIC):
            raise ValueError("文件头不对")
        end = head.find(b"\n", len(_MAGIC))
        if end < 0:   # a header longer than the first read (many categories)
            head = read(0, size)
            end = head.index(b"\n", len(_MAGIC))
        header = json.loads(head[len(_MAGIC):end].decode("utf-8"))
        if (header["version"], header["top"], header["buckets"]) != (PLATFORM_FORMAT, TOP_K, BUCKETS):
            raise ValueError("由另一版本生成")
        self.count, self.categories, self.chunk = header["count"], header["categories"], header["chunk"]
        bucket_tokens, bucket_bytes = header["bucket_tokens"], header["bucket_bytes"]
        if (len(bucket_tokens) != BUCKETS + 1 or len(bucket_bytes) != BUCKETS + 1
                or bucket_tokens[0] != 0 or bucket_bytes[0] != 0
                or any(a > b for table in (bucket_tokens, bucket_bytes) for a, b in zip(table, table[1:]))):
            raise ValueError("分组表不完整")
        self.lengths = {"tokens": bucket_tokens[-1], "postings": header["postings"], "count": self.count}
        at, offsets = end + 1 + bucket_bytes[-1], {}
        for section, kind, length in _SECTIONS:
            offsets[section] = at
            at += self.lengths[length] * array(kind).itemsize
        if size != at:
            raise ValueError("文件不完整" if size < at else "长度不符")
        self.spans = _Spans(source, bucket_tokens, bucket_bytes, end + 1, offsets)
        # Every bucket must hold as many token lines as its table says: a worker pairs them with the arrays.
        blob = self.spans.blob(read, 0, BUCKETS)
        for number in range(BUCKETS):
            lines = blob.count(b"\n", bucket_bytes[number], bucket_bytes[number + 1])
            if lines != bucket_tokens[number + 1] - bucket_tokens[number]:
                raise ValueError("长度不符")
        tokens = self.tokens
        if tokens and self.spans.array(read, "ends", tokens - 1, tokens)[0] != self.lengths["postings"]:
            raise ValueError("长度不符")
        self.category = self.spans.array(read, "category", 0, self.count)
        self.year = self.spans.array(read, "year", 0, self.count)
        # A 栏目 is [id, name, parent's index]; a document's is an index into them (-1: none): the facets follow them.
        if not isinstance(self.categories, list) or not all(
                isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) and isinstance(entry[1], str)
                and type(entry[2]) is int for entry in self.categories):
            raise ValueError("栏目表格式不对")
        if self.count and not -1 <= min(self.category) <= max(self.category) < len(self.categories):
            raise ValueError("文件的栏目编号超出栏目表")

    @property
    def tokens(self) -> int:
        return self.lengths["tokens"]

    @classmethod
    def of(cls, source: "Path | str | Contribution") -> "_Layout":
        if isinstance(source, Contribution):
            return cls.of_bytes(source.to_bytes())
        path = Path(source)
        try:
            with _opened(str(path)) as read:
                return cls._checked(str(path), str(path), read, os.stat(path).st_size)
        except OSError as error:
            raise ContributionError(f"{path}: 无法读取搜索索引分片（{error.strerror}）；请重新生成该单位的输出") from None

    @classmethod
    def of_bytes(cls, data: bytes, name: str = "") -> "_Layout":
        with _opened(data) as read:
            return cls._checked(name, data, read, len(data))

    @classmethod
    def _checked(cls, name: str, source: "str | bytes", read, size: int) -> "_Layout":
        try:
            return cls(source, read, size)
        except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, RecursionError) as error:
            why = "文件头嵌套层次过深" if isinstance(error, RecursionError) else error
            raise ContributionError(f"{name}: 不是有效的搜索索引分片文件（{why}）；请重新生成该单位的输出") from None


@contextmanager
def _opened(source: "str | bytes"):
    """read(offset, size) on a file (mapped: a group reads hundreds of small parts of it) or on bytes."""
    if isinstance(source, bytes):
        yield lambda at, size: source[at:at + size]
        return
    with open(source, "rb") as file:
        if os.fstat(file.fileno()).st_size == 0:   # an empty file cannot be mapped
            yield lambda at, size: b""
            return
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            yield lambda at, size: mapped[at:at + size]


# --- assembly ---------------------------------------------------------------------------------------

PARALLEL_MIN_TOKENS = 100_000   # below this many contributed tokens one process is faster than starting workers


def assemble_platform_search(contributions: list[tuple[str, str, "Path | Contribution"]],
                             jobs: int | None = None) -> dict[str, bytes]:
    """The platform's ``search/`` files (paths relative to ``search/``) from (unit id, name, contribution).

    Tokens are merged one group of buckets at a time (GROUPS groups): a group's tokens fall in the
    shards of the same number modulo GROUPS, which are complete when the group is done. The groups
    are independent: `jobs` worker processes (default: every core) merge them, each reading only
    its group's buckets of every contribution; the bytes do not depend on `jobs`. The number of
    shards is set from the first group's size (times GROUPS), so it too depends on the
    contributions alone.
    """
    with _collector_paused():
        layouts, units, facets, offset = [], [], _Facets(), 0
        for unit_id, unit_name, source in contributions:
            layout = _Layout.of(source)
            if layouts and layout.chunk != layouts[0].chunk:
                raise ContributionError(f"{unit_id}: 搜索索引分片与其他部门的版本不同；请用同一版本重新生成全部部门")
            layouts.append(layout)
            facets.add(layout)
            units.append([unit_id, unit_name, layout.count, offset])
            offset += layout.count
        shards, files = _term_shards(layouts, offset, _workers(jobs, layouts))
        files.update(facets.files())
        chunk = layouts[0].chunk if layouts else UNIT_CHUNK_SIZE
        files["manifest.json"] = _json(_manifest(units, offset, shards, chunk))
        files["t2s.json"] = folding_table_file()
        return files


def _workers(jobs: int | None, layouts: list[_Layout]) -> int:
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    if sum(layout.tokens for layout in layouts) < PARALLEL_MIN_TOKENS:
        return 1
    return max(1, min(jobs, GROUPS))


def _term_shards(layouts: list[_Layout], count: int, workers: int) -> tuple[int, dict[str, bytes]]:
    """The number of shards and every ``t/<n>.json``, group by group, in this process or in workers."""
    sources = [layout.spans for layout in layouts]
    offsets = list(itertools.accumulate((layout.count for layout in layouts), initial=0))
    shards = _shard_count(layouts)
    # K is passed, not read from the module in the worker: the bytes must not depend on where a group ran.
    tasks = [(group, sources, offsets, TOP_K, count, shards) for group in range(GROUPS)]
    files: dict[str, bytes] = {}
    if workers == 1:
        for shard_files in map(_group_task, tasks):
            files.update(shard_files)
        return shards, files
    # An executor, not multiprocessing.Pool: a worker that dies (out of memory) fails the map
    # (BrokenProcessPool) instead of leaving it waiting forever for the lost group.
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        for shard_files in pool.map(_group_task, tasks):   # in group order, as one process writes them
            files.update(shard_files)
    return shards, files


def _context():
    """Forked on Linux: a spawned worker would import the caller's main script again (a script
    without a ``__main__`` guard would then start workers forever). A forked worker shares the
    parent's pages until it writes them and only reads its buckets. Elsewhere fork is not safe."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _shard_count(layouts: list[_Layout]) -> int:
    """Shards for the whole index, from the first group's size: at least GROUPS, a power of two.

    The size is estimated from what group 0 will hold (per token: its length and up to K postings),
    which is known from the token lines and the postings' ends, before any group is merged.
    """
    postings: dict[str, int] = {}
    for layout in layouts:
        with _opened(layout.spans.source) as read:
            for number in range(0, BUCKETS, GROUPS):
                names, _, _, start, ends, _, _ = layout.spans.bucket(read, number)
                for name, stop in zip(names, ends):
                    postings[name] = postings.get(name, 0) + stop - start
                    start = stop
    estimated = GROUPS * sum(len(token) * 3 + 6 + 10 * min(TOP_K, total) for token, total in postings.items())
    shards = GROUPS
    while estimated / shards > SHARD_TARGET_BYTES:
        shards *= 2
    return shards


def _group_task(task: tuple) -> dict[str, bytes]:
    """One group's finished shards, in a worker or in the assembling process itself."""
    group, sources, offsets, top, count, shards = task
    with _collector_paused():
        buckets = []
        for spans, offset in zip(sources, offsets):
            with _opened(spans.source) as read:
                buckets += [(offset, *spans.bucket(read, number)) for number in range(group, BUCKETS, GROUPS)]
        content = _merge_group(buckets, top, count, shards)
        # As _json writes them, with the tokens sorted by the encoder (no lists are shared: no cycle check).
        return {f"t/{number}.json": json.dumps(content[number], ensure_ascii=False, separators=(",", ":"),
                                               sort_keys=True, check_circular=False).encode("utf-8")
                for number in range(group, shards, GROUPS)}


def _merge_group(buckets: list[tuple], top: int, count: int, shards: int) -> list:
    """Shard number -> {token: [doc delta, weight, …]} for the tokens of one group, as a unit index writes them.

    Most tokens occur in one unit only: they are encoded straight from that unit's list. A token
    of several units keeps the exact global top K of their lists (`_top`).
    """
    units_of = Counter()
    for bucket in buckets:
        units_of.update(bucket[1])
    content = [{} for _ in range(shards)]
    mask, factors, shared = shards - 1, _Factors(count), {}
    for offset, names, dfs, hashes, start, ends, docs, weights in buckets:
        base = start   # positions in docs and weights are start - base … stop - base
        for name, df, hashed, stop in zip(names, dfs, hashes, ends):
            if units_of[name] == 1:
                if stop - start == 1:
                    at = start - base
                    content[hashed & mask][name] = [offset + docs[at], round(weights[at] * factors[df]) or 1]
                else:   # local ids ascending are global ids ascending
                    content[hashed & mask][name] = _encoded(
                        sorted(zip(docs[start - base:stop - base], weights[start - base:stop - base])),
                        -offset, factors[df])
            else:
                entry = shared.get(name)
                if entry is None:
                    entry = shared[name] = [hashed, 0, []]
                entry[1] += df
                if stop > start:
                    entry[2].append((offset, docs, weights, start - base, stop - base))
            start = stop
    for name, (hashed, df, lists) in shared.items():
        chosen = sorted((_LAST_DOC - (key & _LAST_DOC), key >> 32) for key in _top(lists, top))
        content[hashed & mask][name] = _encoded(chosen, 0, factors[df])
    return content


def _top(lists: list[tuple], top: int) -> list[int]:
    """The `top` best sort keys (weight, then lower global id) of a token over its units' lists.

    Every unit's list comes best first, so the units are taken in the order of their best key:
    once the K-th best key so far (the threshold) beats a unit's best, it beats every later unit
    entirely; and of a unit that still counts only the prefix at or above the threshold's weight.
    """
    firsts = sorted((((weights[start] << 32) | (_LAST_DOC - offset - docs[start]), offset, docs, weights, start, stop)
                     for offset, docs, weights, start, stop in lists), reverse=True)
    keys, threshold = [], -1
    for best, offset, docs, weights, start, stop in firsts:
        if best <= threshold:
            break
        cut = stop
        if threshold >= 0:
            floor, cut = threshold >> 32, start + 1
            while cut < stop and weights[cut] >= floor:
                cut += 1
        last = _LAST_DOC - offset
        keys += [(weight << 32) | (last - doc) for doc, weight in zip(docs[start:cut], weights[start:cut])]
        if len(keys) >= top:
            keys.sort(reverse=True)
            del keys[top:]
            threshold = keys[-1]
    return keys


def _encoded(pairs, previous: int, factor: float) -> list[int]:
    """(global id, idf-free weight) pairs in id order: delta-coded ids and weights with the global idf."""
    encoded = []
    for doc, weight in pairs:
        encoded += (doc - previous, round(weight * factor) or 1)
        previous = doc
    return encoded


class _Factors(dict):
    """Document frequency -> idf × 10 / WEIGHT_SCALE with the platform's document count, computed once each."""

    def __init__(self, count: int):
        super().__init__()
        self.count = count

    def __missing__(self, df: int) -> float:
        factor = self[df] = math.log(1 + (self.count - df + 0.5) / (df + 0.5)) * 10 / WEIGHT_SCALE
        return factor


@contextmanager
def _collector_paused():
    """The merge makes millions of small lists and no cycles: the cycle collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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

    def add(self, part: "_Layout") -> None:
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
