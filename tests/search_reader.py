"""Answering a query from the built ``search/`` folder, as the browser's search worker does.

search-worker.js is what readers run; this is its Python twin, used only by tests: the recall
tests, the browser tests' cross-check and the worker's golden list (test_browser_search_text).
Both read the same files and rank the same way: every bigram of the query must occur (else the
closest documents), BM25F weights summed, then the optional exact tokens (whole typed word,
发文字号 number, exact value) add to the score. The rules (partial share, limits) come from the
manifest, as the worker's do.

A platform's ``search/`` (search/platform.py) is read the same way: its term shards give
global ids, which the units' ranges in the manifest turn into (unit, local id) for the unit's
own rows and passages under ``units/<unit>/``; 栏目/年份 come from the facet files, and a 部门
filter reads that unit's complete index instead.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

from disclosure.search.index import shard_of
from disclosure.search.text import doc_number_tokens, exact_folded, han_words, query_words, tokens
from disclosure.text.chinese import fold


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    type_name: str
    date: str
    doc_no: str
    score: int


@dataclass(frozen=True)
class Filters:
    category: str = ""
    year: str = ""
    unit: str = ""      # a platform's 部门 (unit id): search that unit's own index


def boost_tokens(folded: str) -> list[str]:
    """Tokens that only raise the score: the whole query, typed Han words, a 发文字号's number."""
    return [exact_folded(folded)] + han_words(folded) + doc_number_tokens(folded)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class QueryTerms:
    """A query as the worker reads it: its words, each word's tokens, every term that must match, the boosts."""
    words: list[str]
    word_tokens: list[list[str]]
    terms: list[str]
    boosts: list[str]


def query_terms(query: str) -> QueryTerms:
    words = _unique(query_words(query))
    word_tokens = [_unique(tokens(fold(word))) for word in words]
    terms = _unique([t for found in word_tokens for t in found])
    boosts = [t for t in _unique(boost_tokens(fold(query))) if t not in terms]
    return QueryTerms(words, word_tokens, terms, boosts)


class SearchIndexReader:
    """Reads the files a reader's browser would download; counts them in `downloaded` (paths under search/)."""

    def __init__(self, search_dir: Path, prefix: str = "", downloaded: set[str] | None = None):
        self.root, self.prefix = search_dir, prefix
        self.downloaded: set[str] = set() if downloaded is None else downloaded
        self.manifest = self._load("manifest.json")
        self._shards: dict[int, dict] = {}
        self._chunks: dict[tuple[str, int], list] = {}
        self._facets: dict[int, dict] = {}
        self._units: dict[str, SearchIndexReader] = {}
        self.platform = bool(self.manifest.get("platform"))
        units = self.manifest.get("units", [])
        self._starts = [offset for _, _, _, offset in units]
        self._unit_ids = [unit for unit, _, _, _ in units]

    def _load(self, name: str):
        self.downloaded.add(self.prefix + name)
        return json.loads((self.root / name).read_text(encoding="utf-8"))

    def unit(self, unit_id: str) -> "SearchIndexReader":
        """A platform unit's own complete index (search/units/<unit>/)."""
        if unit_id not in self._units:
            self._units[unit_id] = SearchIndexReader(self.root / "units" / unit_id, f"{self.prefix}units/{unit_id}/",
                                                     self.downloaded)
        return self._units[unit_id]

    def locate(self, doc: int) -> tuple[str, int]:
        """A platform's global id -> (unit id, local id)."""
        at = bisect.bisect_right(self._starts, doc) - 1
        return self._unit_ids[at], doc - self._starts[at]

    def postings(self, token: str) -> dict[int, int]:
        number = shard_of(token, self.manifest["shards"])
        if number not in self._shards:
            self._shards[number] = self._load(f"t/{number}.json")
        encoded, result, doc = self._shards[number].get(token, []), {}, 0
        for delta, weight in zip(encoded[::2], encoded[1::2]):
            doc += delta
            result[doc] = weight
        return result

    def row(self, doc: int) -> list:
        """A result's display row; a platform's from its unit's chunk (the units' chunk size is the platform's)."""
        folder, local = (f"units/{self.locate(doc)[0]}/", self.locate(doc)[1]) if self.platform else ("", doc)
        number, at = divmod(local, self.manifest["chunk"])
        if (folder, number) not in self._chunks:
            self._chunks[folder, number] = self._load(f"{folder}d/{number}.json")
        return self._chunks[folder, number][at]

    def _facet(self, doc: int) -> tuple[list[str], int]:
        """A platform document's chain of category ids (leaf first) and year."""
        number, at = divmod(doc, self.manifest["facets"])
        if number not in self._facets:
            self._facets[number] = self._load(f"f/{number}.json")
        facets = self._facets[number]
        return facets["chains"][facets["category"][at]], facets["year"][at]

    def in_filter(self, doc: int, filters: Filters) -> bool:
        if not (filters.category or filters.year):
            return True
        if self.platform:
            chain, year = self._facet(doc)
            return (not filters.year or str(year) == str(filters.year)) and (
                not filters.category or filters.category in chain)
        manifest = self.manifest
        if filters.year and str(manifest["year"][doc]) != str(filters.year):
            return False
        index = manifest["category"][doc]
        while filters.category and index >= 0:
            if manifest["categories"][index][0] == filters.category:
                return True
            index = manifest["categories"][index][2]
        return not filters.category

    def search(self, query: str, filters: Filters = Filters()) -> list[Hit]:
        if filters.unit and self.platform:
            return self.unit(filters.unit).search(query, replace(filters, unit=""))
        query = query_terms(query)
        if not query.terms:
            return []
        term_maps = [self.postings(t) for t in query.terms]
        chosen = self._rank(term_maps, [self.postings(t) for t in query.boosts], filters)[: self.manifest["limit"]]
        for doc, _ in chosen[: self.manifest["passages"]]:
            self.passage(doc)  # as the browser does: the text its snippet around the match is cut from
        return [self._hit(doc, score) for doc, score in chosen]

    def passage(self, doc: int) -> str:
        """The start of a document's body text, from which the browser cuts the snippet around the match."""
        folder, local = (f"units/{self.locate(doc)[0]}/", self.locate(doc)[1]) if self.platform else ("", doc)
        return self._load(f"{folder}x/{local}.json")

    def _rank(self, term_maps: list[dict], boost_maps: list[dict], filters: Filters) -> list[tuple[int, int]]:
        matched: dict[int, int] = {}
        score: dict[int, int] = {}
        for postings in term_maps:
            for doc, weight in postings.items():
                matched[doc] = matched.get(doc, 0) + 1
                score[doc] = score.get(doc, 0) + weight
        self._assume_cut_terms(matched, score, term_maps, boost_maps)
        candidates = [doc for doc in matched if self.in_filter(doc, filters)]
        needed = len(term_maps)
        if not any(matched[doc] == needed for doc in candidates):
            needed = max(1, math.ceil(len(term_maps) * self.manifest["partial"]))
        chosen = [doc for doc in candidates if matched[doc] >= needed]
        for doc in chosen:
            score[doc] += sum(postings.get(doc, 0) for postings in boost_maps)
        return sorted(((doc, score[doc]) for doc in chosen), key=lambda p: (-matched[p[0]], -p[1], p[0]))

    def _assume_cut_terms(self, matched: dict, score: dict, term_maps: list[dict], boost_maps: list[dict]) -> None:
        """A platform's list of `top` postings may be cut: a document missing from it counts as matched
        there, and documents found only through a boost are candidates too (as the worker does)."""
        top = self.manifest.get("top")
        if not top:
            return
        for postings in boost_maps:
            for doc in postings:
                matched.setdefault(doc, 0)
                score.setdefault(doc, 0)
        for postings in term_maps:
            if len(postings) >= top:
                for doc in matched:
                    matched[doc] += doc not in postings

    def _hit(self, doc: int, score: int) -> Hit:
        url, title, type_name, date, doc_no, _snippet, _repealed = self.row(doc)[:7]
        return Hit(url, title, type_name, date, doc_no, score)
