"""The search worker folds, tokenises and picks shards exactly as Python does, on a golden list.

Python (plugins/disclosure/search/text.py, index.py) is the one source of the rules: the
manifest carries them and search-worker.js builds its expressions from it. This test loads the
worker's own script, as shipped, into a page at the worker's address (so it finds search/ as it
does in a worker) and calls its functions there; nothing extra ships to readers.
"""

import json
import re

import pytest

from disclosure.search.index import FNV_BASIS, FNV_PRIME, PARTIAL_SHARE, shard_of
from disclosure.text.chinese import fold
from disclosure.search.text import tokens, worker_rules

from .search_reader import query_terms
from .sitekit import REPO

GOLDEN = REPO / "tests" / "data" / "search_golden.tsv"
WORKER = "assets/javascripts/disclosure/search-worker.js"
WORKER_SOURCE = REPO / "overrides" / WORKER
SHARD_COUNTS = [1, 2, 3, 8, 64, 1024]
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def golden_queries() -> list[str]:
    queries = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query = line.split("\t")[0]
            queries.append(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query))
    return queries


def python_view(query: str, shard_counts: list[int]) -> dict:
    folded, asked = fold(query), query_terms(query)
    every = asked.terms + asked.boosts
    return {"fold": folded, "tokens": tokens(folded), "words": asked.words, "wordTokens": asked.word_tokens,
            "terms": asked.terms, "boosts": asked.boosts,
            "shards": [[shard_of(token, count) for token in every] for count in shard_counts]}


# The same questions put to the worker's functions, with the state its load() builds from the manifest.
WORKER_VIEW = """async ([queries, counts]) => {
  const state = await load();
  return queries.map(query => {
    const folded = fold(query, state.table), asked = queryTerms(query, state);
    const every = asked.terms.concat(asked.boosts);
    return {fold: folded, tokens: tokens(folded, state.text), words: asked.words, wordTokens: asked.wordTokens,
            terms: asked.terms, boosts: asked.boosts,
            shards: counts.map(count => every.map(token => shardOf(token, count, state.manifest.hash)))};
  });
}"""


@pytest.fixture(scope="module")
def manifest(example_site):
    return json.loads((example_site / "search" / "manifest.json").read_text(encoding="utf-8"))


def test_the_golden_list_covers_every_kind_of_input():
    queries = golden_queries()
    assert len(queries) >= 50 and len(set(queries)) == len(queries)
    folded = [fold(q) for q in queries]
    assert any(q != f for q, f in zip(queries, folded))                      # folding does something
    assert sum("号" in q for q in queries) >= 10                              # 文号 in many forms
    assert any(ord(ch) > 0xFFFF for q in queries for ch in q)                # outside the BMP
    assert any(not tokens(f) for f in folded)                                # queries with no token at all


def test_the_manifest_carries_the_rules_python_uses(manifest):
    assert manifest["text"] == worker_rules()
    assert manifest["hash"] == [FNV_BASIS, FNV_PRIME] and manifest["partial"] == PARTIAL_SHARE


def test_the_worker_copies_no_rule_by_hand():
    """Character classes, 文号 patterns, prefixes and hash constants come from the manifest only."""
    source = re.sub(r"/\*.*?\*/|//[^\n]*", "", WORKER_SOURCE.read_text(encoding="utf-8"), flags=re.S).lower()
    copied = ["\\u4e00", "\\u3400", "号", '"no:', '"eq:', "0x811c9dc5", "0x01000193", "16777619", "a-z0-9", "0.6"]
    assert [text for text in copied if text in source] == []


def open_worker(page, site_url):
    """The shipped worker script, run in a page at the worker's own address (its search/ resolves as in a worker)."""
    page.goto(site_url + WORKER)
    page.add_script_tag(url=site_url + WORKER)


@pytest.mark.browser
def test_the_worker_folds_tokenises_and_shards_as_python(page, site_url, manifest):
    queries = golden_queries()
    counts = SHARD_COUNTS + [manifest["shards"]]
    open_worker(page, site_url)
    seen = page.evaluate(WORKER_VIEW, [queries, counts])
    python = [python_view(query, counts) for query in queries]
    differing = [(query, mine, worker) for query, mine, worker in zip(queries, python, seen) if mine != worker]
    assert differing == [], "\n".join(f"{q!r}:\n  python {p}\n  worker {w}" for q, p, w in differing)


@pytest.mark.browser
def test_the_worker_follows_the_manifest_not_its_own_copy(page, site_url, manifest):
    """Other rules in the manifest give other tokens: the worker has no rule of its own to fall back on."""
    open_worker(page, site_url)
    changed = {**manifest["text"], "no": "n#", "eq": "e#", "latin": "a-z", "doc_number": "([0-9]{1,6})[ ]*件"}
    seen = page.evaluate("""(rules) => {
      const text = textRules(rules);
      return {tokens: tokens("ab12应急", text), boosts: boosts("示应急〔2019〕3号 7件", text)};
    }""", changed)
    assert seen == {"tokens": ["ab", "应急"], "boosts": ["e#示应急〔2019〕3号7件", "示应急", "n#2019:3", "n#:7"]}
