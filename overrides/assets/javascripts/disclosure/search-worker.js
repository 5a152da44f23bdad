/*
 * Search worker for the 政府信息公开专栏: speaks Material for MkDocs' worker protocol
 * (SETUP 0, READY 1, QUERY 2, RESULT 3), so Material's search box and result list stay,
 * but reads the prebuilt, term-sharded index that the build writes to search/.
 *
 * Folding and tokens are those of plugins/disclosure/search/text.py: the manifest carries its
 * rules (character classes, 文号 patterns, prefixes, limits) and the shard hash, and this worker
 * builds its expressions from them. tests/test_browser_search_text.py checks both sides agree.
 *
 * On a 政府信息公开平台 (a manifest with "platform"), search/ holds the platform's term shards
 * (plugins/disclosure/search/platform.py): a global id lies in one unit's range of the
 * manifest's "units", whose own index under search/units/<unit>/ has the rows and passages.
 * The 部门 filter (or a department's page, which loads this worker as search-worker.js?unit=<id>)
 * searches that unit's own complete index instead.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SEARCH_ROOT = new URL("../../../search/", self.location.href);

var PAGE_UNIT = new URL(self.location.href).searchParams.get("unit") || "";

var loaded = null;            // Promise of {manifest, table, text}
var indexes = {};             // folder under search/ ("" or "units/<id>/") -> Promise of an index
var filters = { category: "", year: "", unit: PAGE_UNIT };
var lastQuery = "";

function fetchJSON(path) {
  return fetch(new URL(path, SEARCH_ROOT).href).then(function (response) {
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  });
}

function load() {
  if (!loaded) {
    loaded = Promise.all([openIndex(""), fetchJSON("t2s.json")]).then(function (parts) {
      var manifest = parts[0].manifest;
      return { index: parts[0], manifest: manifest, table: foldingTable(parts[1]), text: textRules(manifest.text) };
    }, function (error) {
      loaded = null;          // a download that failed (the network, a server restarting) is tried again
      throw error;
    });
  }
  return loaded;
}

/* An index: the platform's or a unit's search/ folder, its manifest and what was fetched of it. */
function openIndex(folder) {
  if (!indexes[folder]) {
    indexes[folder] = fetchJSON(folder + "manifest.json").then(function (manifest) {
      return { folder: folder, manifest: manifest, shards: {}, chunks: {}, facets: {}, facetFiles: {} };
    }, function (error) {
      delete indexes[folder];
      throw error;
    });
  }
  return indexes[folder];
}

/* Material sets the worker up when the page loads: what every query reads first (the manifest, the folding table
 * and, on a department's page, its own index's manifest) is fetched then, while the reader reads or types, so that
 * a first query starts at its term shards. A failure here is tried again by the query. */
function prepare() {
  load().then(scopeIndex).catch(function () {});
}

function cached(index, kind, number, path) {
  if (!index[kind][number]) {
    index[kind][number] = fetchJSON(index.folder + path).catch(function (error) {
      delete index[kind][number];   // tried again by the next query, not failed for the rest of the visit
      throw error;
    });
  }
  return index[kind][number];
}

/* The index a query reads: a platform's 部门 filter picks that unit's own index. */
function scopeIndex(state) {
  var units = state.manifest.units || [];
  var known = units.some(function (unit) { return unit[0] === filters.unit; });
  return state.manifest.platform && known ? openIndex("units/" + filters.unit + "/") : Promise.resolve(state.index);
}

/* A platform's global id -> [unit id, local id] by the units' ranges [id, name, count, first]. */
function locate(doc, manifest) {
  var units = manifest.units, low = 0, high = units.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (units[middle][3] <= doc) low = middle; else high = middle - 1;
  }
  return [units[low][0], doc - units[low][3], units[low][1]];
}

function foldingTable(pairs) {
  var table = {};
  var from = Array.from(pairs.from), to = Array.from(pairs.to);
  for (var i = 0; i < from.length; i++) table[from[i]] = to[i];
  return table;
}

/* --- text, by the rules of search/text.py ------------------------------------------------- */

/* The manifest's tokenisation rules as expressions and constants (see worker_rules() in search/text.py). */
function textRules(rules) {
  var han = "[" + rules.han + "]+";
  return {
    run: new RegExp(han + "|[" + rules.latin + "]+", "g"),
    hanRun: new RegExp(han, "g"),
    hanOnly: new RegExp("^" + han + "$"),
    docNo: new RegExp(rules.doc_no),
    docNumber: new RegExp(rules.doc_number),
    spaces: new RegExp(rules.spaces, "g"),
    no: rules.no, eq: rules.eq, minWord: rules.min_word, maxHanToken: rules.max_han_token
  };
}

function fold(text, table) {
  var normal = text.normalize ? text.normalize("NFKC") : text;
  return Array.from(normal.toLowerCase()).map(function (ch) { return table[ch] || ch; }).join("");
}

function tokens(folded, rules) {
  var found = [], match;
  rules.run.lastIndex = 0;
  while ((match = rules.run.exec(folded))) {
    var run = match[0];
    if (!rules.hanOnly.test(run) || run.length === 1) { found.push(run); continue; }
    var chars = Array.from(run);
    for (var i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
  }
  return found;
}

/* Optional tokens that only raise the score: a whole typed word, a 发文字号, an exact value. */
function boosts(folded, rules) {
  var found = [rules.eq + folded.replace(rules.spaces, "")];
  var runs = folded.match(rules.hanRun) || [];
  runs.forEach(function (run) {
    var length = Array.from(run).length;
    if (length >= rules.minWord && length <= rules.maxHanToken) found.push(run);
  });
  var full = rules.docNo.exec(folded), number = rules.docNumber.exec(folded);
  if (full) found.push(rules.no + full[1] + ":" + parseInt(full[2], 10));
  if (number) found.push(rules.no + ":" + parseInt(number[1], 10));
  return found;
}

/* A query's words, each word's tokens, the terms every result must have, and the boosts. */
function queryTerms(query, state) {
  var words = unique(query.split(state.text.spaces).filter(Boolean));
  var wordTokens = words.map(function (word) { return unique(tokens(fold(word, state.table), state.text)); });
  var terms = unique([].concat.apply([], wordTokens));
  var extra = unique(boosts(fold(query, state.table), state.text)).filter(function (token) {
    return terms.indexOf(token) < 0;
  });
  return { words: words, wordTokens: wordTokens, terms: terms, boosts: extra };
}

function unique(list) {
  return list.filter(function (item, index) { return list.indexOf(item) === index; });
}

/* FNV-1a over UTF-8 with the manifest's [basis, prime], as shard_of() in search/index.py. */
function shardOf(token, count, parameters) {
  var bytes = new TextEncoder().encode(token), hash = parameters[0];
  for (var i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, parameters[1]) >>> 0;
  }
  return hash % count;
}

/* --- index access -------------------------------------------------------------------------- */

function postings(token, index) {
  var number = shardOf(token, index.manifest.shards, index.manifest.hash);
  return cached(index, "shards", number, "t/" + number + ".json").then(function (shard) {
    var encoded = shard[token] || [], map = new Map(), doc = 0;
    for (var i = 0; i < encoded.length; i += 2) {
      doc += encoded[i];
      map.set(doc, encoded[i + 1]);
    }
    return map;
  });
}

/* Where a document's row and passage are: the folder of its own index and its local id there.
 * A platform's lie in its units, whose chunk size is the platform's: no unit manifest is needed. */
var unitFiles = {};           // unit folder -> {folder, chunks}
function home(doc, index) {
  if (!index.manifest.platform) return [index, doc, ""];
  var place = locate(doc, index.manifest), folder = "units/" + place[0] + "/";
  if (!unitFiles[folder]) unitFiles[folder] = { folder: folder, chunks: {} };
  return [unitFiles[folder], place[1], place[2]];
}

/* A result's row; across a platform it also names the unit, whose documents look alike (部门预算). */
function row(doc, index) {
  var place = home(doc, index), chunk = index.manifest.chunk, number = Math.floor(place[1] / chunk);
  return cached(place[0], "chunks", number, "d/" + number + ".json").then(function (rows) {
    return rows[place[1] % chunk].concat([place[2]]);
  });
}

/* The body text the snippets of the first results are cut from (one small file per document). */
function passage(doc, index) {
  var place = home(doc, index);
  return fetchJSON(place[0].folder + "x/" + place[1] + ".json").catch(function () { return ""; });
}

/* A platform keeps 栏目 and year out of its manifest: fetch the facet files of the candidates. */
function loadFacets(termMaps, index) {
  var manifest = index.manifest, needed = new Set();
  if (!manifest.platform || !(filters.category || filters.year)) return Promise.resolve();
  termMaps.forEach(function (map) {
    map.forEach(function (weight, doc) { needed.add(Math.floor(doc / manifest.facets)); });
  });
  return Promise.all(Array.from(needed).map(function (number) {
    return cached(index, "facets", number, "f/" + number + ".json").then(function (facets) {
      index.facetFiles[number] = facets;
    });
  }));
}

function inFilter(doc, index) {
  var manifest = index.manifest;
  if (!filters.category && !filters.year) return true;
  if (manifest.platform) {
    var facets = index.facetFiles[Math.floor(doc / manifest.facets)], at = doc % manifest.facets;
    var chain = facets.chains[facets.category[at]];
    return (!filters.year || String(facets.year[at]) === String(filters.year)) &&
      (!filters.category || chain.indexOf(filters.category) >= 0);
  }
  if (filters.year && String(manifest.year[doc]) !== String(filters.year)) return false;
  if (!filters.category) return true;
  var category = manifest.category[doc];
  while (category >= 0) {
    if (manifest.categories[category][0] === filters.category) return true;
    category = manifest.categories[category][2];
  }
  return false;
}

/* --- ranking ------------------------------------------------------------------------------- */

function rank(terms, termMaps, boostMaps, index) {
  var candidates = new Map();
  termMaps.forEach(function (map) {
    map.forEach(function (weight, doc) {
      var entry = candidates.get(doc) || { doc: doc, score: 0, matched: 0, assumed: [] };
      entry.score += weight;
      entry.matched += 1;
      candidates.set(doc, entry);
    });
  });
  assumeCutTerms(candidates, termMaps, boostMaps, index.manifest.top);
  var all = Array.from(candidates.values()).filter(function (entry) { return inFilter(entry.doc, index); });
  var complete = all.filter(function (entry) { return entry.matched === terms.length; });
  // No document has every term: show the closest ones, with the missing words struck through.
  var chosen = complete.length ? complete : all.filter(function (entry) {
    return entry.matched >= Math.max(1, Math.ceil(terms.length * index.manifest.partial));
  });
  chosen.forEach(function (entry) {
    boostMaps.forEach(function (map) { entry.score += map.get(entry.doc) || 0; });
  });
  return chosen.sort(function (a, b) {
    return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
  });
}

/* A platform keeps `top` postings per token: a document missing from a list that long may hold the
 * term all the same (its weight was not among the best), so it counts as matched there. Documents
 * found only through a boost (a 发文字号, an exact value, a whole word) become candidates too. */
function assumeCutTerms(candidates, termMaps, boostMaps, top) {
  if (!top) return;
  boostMaps.forEach(function (map) {
    map.forEach(function (weight, doc) {
      if (!candidates.has(doc)) candidates.set(doc, { doc: doc, score: 0, matched: 0, assumed: [] });
    });
  });
  termMaps.forEach(function (map, term) {
    if (map.size < top) return;
    candidates.forEach(function (entry) {
      if (!map.has(entry.doc)) { entry.matched += 1; entry.assumed.push(term); }
    });
  });
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (ch) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
  });
}

/* Folded text with, for each folded character, the index of the original character it came from:
 * a 繁體 or full-width query finds and marks the original characters. */
function foldedWithMap(chars, table) {
  var folded = [], origin = [];
  chars.forEach(function (ch, index) {
    Array.from(fold(ch, table)).forEach(function (f) { folded.push(f); origin.push(index); });
  });
  return { text: folded.join(""), origin: origin };
}

/* The needles to find: each typed word as a whole where the text has it, else its bigrams. */
function needles(folded, words, wordTokens, state) {
  var found = [];
  words.forEach(function (word, index) {
    var whole = fold(word, state.table).replace(state.text.spaces, "");
    if (whole && folded.indexOf(whole) >= 0) found.push(whole);
    else found = found.concat(wordTokens[index]);
  });
  return unique(found).filter(Boolean);
}

/* [start, end) ranges of original characters that match a needle, merged and in order. */
function matches(map, list) {
  var ranges = [];
  list.forEach(function (needle) {
    var length = Array.from(needle).length, from = 0, at;
    var text = map.text;
    while ((at = text.indexOf(needle, from)) >= 0) {
      var start = Array.from(text.slice(0, at)).length;
      ranges.push([map.origin[start], map.origin[start + length - 1] + 1]);
      from = at + needle.length;
    }
  });
  ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  return ranges.reduce(function (merged, range) {
    var last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range.slice());
    return merged;
  }, []);
}

/* Escaped HTML of chars[start, end) with the matched ranges in <mark>. */
function marked(chars, ranges, start, end) {
  var html = "", at = start;
  ranges.forEach(function (range) {
    var from = Math.max(range[0], start), to = Math.min(range[1], end);
    if (from >= to || from < at) return;
    html += escapeHTML(chars.slice(at, from).join("")) + "<mark>" + escapeHTML(chars.slice(from, to).join("")) + "</mark>";
    at = to;
  });
  return html + escapeHTML(chars.slice(at, end).join(""));
}

/* A title, or the passage around the first match in `text` (its opening when nothing matches):
 * `cut` is the manifest's [snippet length, characters before the match]. */
function highlight(text, words, wordTokens, state, cut) {
  var chars = Array.from(String(text)), map = foldedWithMap(chars, state.table);
  var ranges = matches(map, needles(map.text, words, wordTokens, state));
  if (!cut) return marked(chars, ranges, 0, chars.length);
  var start = ranges.length ? Math.max(0, ranges[0][0] - cut[1]) : 0;
  var end = Math.min(chars.length, start + cut[0]);
  return (start > 0 ? "…" : "") + marked(chars, ranges, start, end) + (end < chars.length ? "…" : "");
}

/* A row: [url, title, type, date, 发文字号, snippet, 有效性 when no longer in force], then on a platform the unit. */
function item(row, entry, words, wordTokens, termMaps, terms, passage, state) {
  // Type, date and 发文字号 each stay on one line (a date never breaks as 2019-09- / 05).
  var meta = [row[7], row[2], row[3], row[4]].filter(Boolean).map(function (part) {
    return '<span class="dc-nowrap">' + escapeHTML(part) + "</span>";
  }).join(" · ");
  var present = {};
  words.forEach(function (word, index) {
    present[word] = wordTokens[index].every(function (token) {
      var term = terms.indexOf(token);
      return termMaps[term].has(entry.doc) || entry.assumed.indexOf(term) >= 0;
    });
  });
  return {
    location: row[0],
    title: highlight(row[1], words, wordTokens, state, null) + (row[6] ?
      ' <span class="dc-badge dc-badge--' + escapeHTML(row[6]) + '">' + escapeHTML(row[6]) + "</span>" : ""),
    text: '<span class="dc-search-meta">' + meta + '</span> <span class="dc-search-snippet">' +
      highlight(passage || row[5], words, wordTokens, state, state.manifest.snippet) + "</span>",
    score: entry.score / 10,
    terms: present
  };
}

function search(query) {
  if (!query.trim()) return Promise.resolve({ items: [], total: 0 });  // nothing typed: nothing to download
  return load().then(function (state) {
    var asked = queryTerms(query, state);
    var words = asked.words, wordTokens = asked.wordTokens, terms = asked.terms, extra = asked.boosts;
    if (!terms.length) return { items: [], total: 0 };
    return scopeIndex(state).then(function (index) {
      return Promise.all([
        Promise.all(terms.map(function (t) { return postings(t, index); })),
        Promise.all(extra.map(function (t) { return postings(t, index); }))
      ]).then(function (maps) {
        return loadFacets(maps[0].concat(maps[1]), index).then(function () { return [index, maps]; });
      });
    }).then(function (found) {
      var index = found[0], maps = found[1], manifest = index.manifest;
      var ranked = rank(terms, maps[0], maps[1], index);
      var top = ranked.slice(0, manifest.limit);
      var ids = top.map(function (entry) { return entry.doc; });
      return Promise.all([
        Promise.all(ids.map(function (id) { return row(id, index); })),
        Promise.all(ids.slice(0, manifest.passages || 0).map(function (id) { return passage(id, index); }))
      ]).then(function (loaded) {
        var items = loaded[0].map(function (row, index) {
          return [item(row, top[index], words, wordTokens, maps[0], terms, loaded[1][index], state)];
        });
        return { items: items, total: ranked.length };
      });
    });
  });
}

function answer(query) {
  lastQuery = query;
  search(query).then(function (result) {
    if (query === lastQuery) self.postMessage({ type: RESULT, data: result });
  }, function (error) {
    console.warn("search:", error);
    self.postMessage({ type: RESULT, data: { items: [], total: 0 } });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    prepare();
    self.postMessage({ type: READY });
  }
  else if (message.type === QUERY) answer(message.data);
});

/* The page's 栏目 / 年份 selectors talk to us directly (Material's protocol has no filters). */
if (typeof BroadcastChannel !== "undefined") {
  new BroadcastChannel("disclosure-search").addEventListener("message", function (event) {
    filters = { category: event.data.category || "", year: event.data.year || "",
                unit: "unit" in event.data ? event.data.unit || "" : PAGE_UNIT };
    if (lastQuery) answer(lastQuery);
  });
}
