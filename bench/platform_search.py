"""The platform search index at scale: assembling 200 units × 1,000 documents (issue 17.5).

One real unit is made once: `bench/generate.py 1000` writes a 1,000-document site, its public
documents are indexed by the real SearchIndexBuilder (body Markdown rendered by Python-Markdown,
not by MkDocs: the tokens are the same, the time is not what is measured here) and its own index
and contribution are written. The contribution is then copied to 200 units with different ids.
Generated documents share a small vocabulary, so `--rare` (default 16) adds that many tokens
per document that occur in no other unit (names, places, numbers of a real department), which
is what makes a real platform's vocabulary grow with its units.

Measured, each in a fresh process: the assembly (`assemble_platform_search` with --jobs workers,
default every core, + writing the files) wall and CPU time (its workers' included) and peak memory
of the process and its workers together, sampled from /proc every 20 ms (the sum of resident sets
counts pages a forked worker shares with the parent twice; the sum of proportional sets does not);
then the first platform-wide query: the bytes a browser
downloads (gzip, as `first_query_bytes` counts them, and per real query through the Python twin)
and, with --browser, its time in Chromium (the shipped worker script over a local static server).

    python bench/platform_search.py [--units 200] [--docs 1000] [--jobs N] [--work /tmp/bench-platform] [--browser [--runs 10]]

Writes bench/results-platform-search.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform as host
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "plugins"))

from bench import readme  # noqa: E402

QUERIES = ["应急避难场所", "隐患排查治理", "示应急规〔2019〕3号", "防汛"]
UNIT_NAME = "示例市第{n}局"


def make_unit(docs: int, work: Path) -> Path:
    """Generate, read and index one unit: its search/ folder and its contribution file."""
    from bench.generate import generate
    unit = work / "unit"
    if (unit / "contribution.bin").is_file():
        return unit
    import markdown

    from disclosure.search.index import UNIT_CHUNK_SIZE, SearchCategory, SearchIndexBuilder, search_document
    from disclosure.search.platform import contribution
    from disclosure.search.text import Segmenter
    from disclosure.rules.check import load_site
    from disclosure.mkdocs_adapter.search import search_words

    source = work / "source"
    if not source.is_dir():
        generate(docs, source)
    site = load_site(source)
    builder = SearchIndexBuilder(Segmenter(search_words(site.catalogue)),
                                 [SearchCategory.of(c) for c in site.catalogue.categories()], UNIT_CHUNK_SIZE)
    for doc in site.public_documents:
        url = doc.path.removesuffix(".md").removesuffix("index") + "/"
        builder.add(search_document(doc, site.catalogue.types[doc.type].name, url), markdown.markdown(doc.body))
    files, weights = builder.files_and_weights()
    for name, content in files.items():
        (unit / "search" / name).parent.mkdir(parents=True, exist_ok=True)
        (unit / "search" / name).write_bytes(content)
    (unit / "contribution.bin").write_bytes(contribution(builder, weights).to_bytes())
    return unit


def copies(unit: Path, units: int, rare: int, work: Path) -> Path:
    """`units` contributions of the one unit, each with `rare` tokens per document of its own."""
    from disclosure.search.platform import Contribution
    folder = work / f"contributions-{units}-{rare}"
    if folder.is_dir() and len(list(folder.glob("*.bin"))) == units:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    base = Contribution.from_bytes((unit / "contribution.bin").read_bytes())
    for n in range(units):
        extra = [(f"u{n}w{i}", i // rare, 100 + i % 900) for i in range(base.count * rare)]
        (folder / f"u{n:03d}.bin").write_bytes(with_tokens(base, extra).to_bytes())
    return folder


def with_tokens(base, extra: list[tuple[str, int, int]]):
    """`base` plus tokens that each occur in one document (token, local id, weight), bucketed as a unit's are."""
    from disclosure.search.platform import bucketed
    entries, start = [], 0
    for at, token in enumerate(base.tokens):
        end = base.ends[at]
        entries.append((token, base.df[at], base.docs[start:end], base.weights[start:end]))
        start = end
    entries += [(token, 1, [doc], [weight]) for token, doc, weight in extra]
    return bucketed(base.count, base.categories, base.chunk, entries, base.category, base.year)


def assemble(folder: Path, out: Path, jobs: int) -> dict:
    """In this process: read every contribution, assemble and write search/; seconds per phase."""
    import resource

    from disclosure.search.platform import assemble_platform_search
    started = time.perf_counter()
    parts = [(p.stem, UNIT_NAME.format(n=p.stem), p) for p in sorted(folder.glob("*.bin"))]
    files = assemble_platform_search(parts, jobs=jobs)
    assembled = time.perf_counter()
    for name, content in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)
    written = time.perf_counter()
    return {"assemble_seconds": round(assembled - started, 2), "write_seconds": round(written - assembled, 2),
            "files": len(files), "bytes_mb": round(sum(map(len, files.values())) / 1e6, 1),
            "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def measured_assembly(folder: Path, out: Path, jobs: int) -> dict:
    """The assembly in a fresh process: wall and CPU time, peak memory of the process and its workers."""
    load_before = [round(value, 1) for value in os.getloadavg()]
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--assemble", str(folder), str(out), "--jobs", str(jobs)],
                               stdout=subprocess.PIPE)
    sampler = TreeMemory(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    sampler.stop()
    result = json.loads(process.stdout.read())
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("assembly failed")
    # The machine is shared: CPU seconds say what the assembly costs, wall seconds what it took here.
    # wait4's usage holds the workers' CPU time too (they are waited for by the assembling process).
    return {**result, "jobs": jobs, "process_seconds": round(time.perf_counter() - started, 2),
            "process_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "process_peak_mib": round(usage.ru_maxrss / 1024),
            "tree_peak_rss_mib": round(sampler.peak_rss / 1024), "tree_peak_pss_mib": round(sampler.peak_pss / 1024),
            "load_average_before": load_before, "load_average_after": [round(value, 1) for value in os.getloadavg()]}


class TreeMemory(threading.Thread):
    """Peak of the summed resident (and proportional) set sizes of a process and its descendants, in KiB."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss, self.done = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            rss = pss = 0
            for pid in self.tree():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
                except OSError:   # the process ended between listing and reading
                    pass
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def tree(self) -> list[int]:
        found, at = [self.pid], 0
        while at < len(found):
            try:
                children = Path(f"/proc/{found[at]}/task/{found[at]}/children").read_text().split()
            except OSError:
                children = []
            found += map(int, children)
            at += 1
        return found

    def stop(self) -> None:
        self.done.set()
        self.join()


def served_site(search: Path, unit: Path, units: int) -> Path:
    """search/ of the platform with every unit's own index linked to the one real unit's."""
    for n in range(units):
        link = search / "units" / f"u{n:03d}"
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists():
            link.symlink_to(unit / "search", target_is_directory=True)
    worker = REPO / "overrides" / "assets" / "javascripts" / "disclosure" / "search-worker.js"
    target = search.parent / "assets" / "javascripts" / "disclosure" / "search-worker.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(worker.read_bytes())
    return search.parent


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_query(search: Path) -> dict:
    """Upper bound as first_query_bytes counts it (but rows for all `limit` results: on a platform they
    lie in as many units' chunks), and each query through the Python twin."""
    from disclosure.search.index import PASSAGE_RESULTS, RESULT_LIMIT
    from tests.search_reader import SearchIndexReader

    unit = next((search / "units").iterdir())
    largest = lambda folder, count: sum(sorted((gz(p) for p in folder.glob("*.json")), reverse=True)[:count])  # noqa: E731
    bound = (gz(search / "manifest.json") + gz(search / "t2s.json") + largest(search / "t", 3)
             + largest(unit / "d", RESULT_LIMIT) + largest(unit / "x", PASSAGE_RESULTS))
    queries = {}
    for query in QUERIES:
        reader = SearchIndexReader(search)
        hits = reader.search(query)
        queries[query] = {"results": len(hits), "files": len(reader.downloaded),
                          "gzip_kb": round(sum(gz(search / name) for name in reader.downloaded) / 1024, 1)}
    return {"bound_gzip_kb": round(bound / 1024, 1), "manifest_gzip_kb": round(gz(search / "manifest.json") / 1024, 1),
            "queries": queries}


def browser_first_query(site: Path, work: Path, runs: int) -> dict:
    """The shipped worker's search() in Chromium, a fresh page (empty cache) per query, `runs` times each,
    over the Python test server and over nginx with the shipped configuration (keep-alive, gzip): "cold", the
    query the first thing the worker does; "reader", as a reader meets it: the worker set up when the page loads
    (Material's SETUP: the manifest and folding table fetched then) and the query typed a second later."""
    from bench.platform_run import servers
    from tests.browserkit import chromium
    measured = {}
    for name, server in servers(site, work):
        with server as url, chromium() as browser:
            measured[name] = {f"{query} · {way}": _timed_runs(browser, url, query, runs, way == "reader")
                              for query in QUERIES for way in ("cold", "reader")}
    return measured


def _timed_runs(browser, url: str, query: str, runs: int, set_up_first: bool) -> dict:
    times, results = [], 0
    for _ in range(runs):
        page = browser.new_page()   # a new browser context: nothing cached from the run before
        page.goto(url + "assets/javascripts/disclosure/search-worker.js")
        page.add_script_tag(url=url + "assets/javascripts/disclosure/search-worker.js")
        if set_up_first:
            page.evaluate("() => { prepare(); return new Promise(done => setTimeout(done, 1000)); }")
        seen = page.evaluate("""async (query) => {
          const started = performance.now();
          const result = await search(query);
          return {ms: performance.now() - started, results: result.items.length};
        }""", query)
        times.append(round(seen["ms"]))
        results = seen["results"]
        page.close()
    return {"results": results, "ms": times, "max_ms": max(times), "median_ms": sorted(times)[len(times) // 2]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rare", type=int, default=16)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-platform"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="assembly workers (default: every core)")
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--runs", type=int, default=10, help="browser runs of each query (issue 26.3: every one of ten)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results-platform-search.json")
    parser.add_argument("--assemble", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.assemble:
        print(json.dumps(assemble(*args.assemble, args.jobs)))
        return
    before = readme.previous(args.out)
    args.work.mkdir(parents=True, exist_ok=True)
    unit = make_unit(args.docs, args.work)
    folder = copies(unit, args.units, args.rare, args.work)
    site = args.work / f"site-{args.units}-{args.rare}"
    search = site / "search"
    search.mkdir(parents=True, exist_ok=True)
    results = {"machine": f"{host.system()} {host.machine()}, {os.cpu_count()} cores, Python {host.python_version()}",
               "units": args.units, "documents_per_unit": args.docs, "rare_tokens_per_document": args.rare,
               "documents": args.units * args.docs,
               "contributions_mb": round(sum(p.stat().st_size for p in folder.glob("*.bin")) / 1e6, 1),
               "assembly": measured_assembly(folder, search, args.jobs)}
    served_site(search, unit, args.units)
    results["first_query"] = first_query(search)
    if args.browser:
        nginx_work = args.work / "nginx"
        nginx_work.mkdir(exist_ok=True)
        results["first_query"]["chromium"] = browser_first_query(site, nginx_work, args.runs)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme.record("bench/platform_search.py", args.out, before, results)
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
