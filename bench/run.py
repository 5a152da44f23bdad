"""Build generated sites of N documents and record what it costs: `make bench`.

For each N: wall time and peak memory of `mkdocs build --strict`, site size and file count,
search bytes (all of search/, and what a first query downloads gzipped), the fast check's
time (a first run without its cache, again with the cache that run left, and one edited file
checked alone, as a pre-commit hook does: wall and CPU seconds each), and the first search query in Chromium (downloaded bytes and time to results). The
same pages built with plain mkdocs-material are the baseline (by default at N = 1,000 only:
plain Material needs about 10 minutes at 5,000, see ../shared/reference/perf-baseline.md).

    python bench/run.py [--sizes 1000 5000 10000] [--baseline 1000] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import readme  # noqa: E402
from bench.generate import generate  # noqa: E402

BENCH_EPOCH = "1795320000"  # 2026-11-22: generated dates are judged against a fixed day
QUERIES = ["应急避难场所", "隐患排查治理", "示应急规〔2019〕3号"]


def timed(args: list[str], cwd: Path) -> dict:
    """Run a command; wall seconds, CPU seconds (user + system, waited-for children included) and peak
    resident memory (MiB) of the process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BENCH_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    seconds, usage = run_waited(args, cwd, env)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mib": round(usage.ru_maxrss / 1024)}


def check_timings(python: str, root: Path) -> dict:
    """`disclosure check`: the first run (no cache yet), again with its cache, and one edited file alone."""
    check = [python, "-m", "disclosure.cli.main", "check"]
    shutil.rmtree(root / ".cache" / "disclosure", ignore_errors=True)
    first = timed(check, root)
    cached = timed(check, root)
    edited = sorted((root / "content" / "policies").rglob("*.md"))[-1]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + "\n本文件已更新。\n".encode())
        changed = timed([*check, edited.relative_to(root).as_posix()], root)
    finally:
        edited.write_bytes(original)
    return {**first, "cached": cached, "changed_file": changed}


def run_waited(args: list[str], cwd: Path, env: dict):
    """Run a command to its end: wall seconds and its resource usage (waited-for children included)."""
    # Messages go to a file: a pipe read only at the end blocks a build that prints more than 64 KB.
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=messages)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        messages.seek(0)
        errors = messages.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{errors[-3000:]}")
    return seconds, usage


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    search = [p for p in files if "search" in p.relative_to(site).parts[:1]]
    return {
        "site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "files": len(files),
        "search_mb": round(sum(p.stat().st_size for p in search) / 1e6, 2),
        "search_gzip_mb": round(sum(len(gzip.compress(p.read_bytes(), 6)) for p in search) / 1e6, 2),
    }


def browser_first_query(site: Path) -> dict:
    """Open the site, type a query into the search box; bytes the browser fetched and time to results."""
    from tests.browserkit import chromium, serve
    with serve(site) as url, chromium() as browser:
        return {query: timed_query(browser, url, site, query) for query in QUERIES}


def timed_query(browser, url: str, site: Path, query: str, unit: str = "") -> dict:
    """One query typed into a fresh page (with a platform's 部门 filter set to `unit`): the time until
    it is answered and the search files it fetched, gzipped as a web server sends them."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: "/search/" in request.url and fetched.append(request.url))
    page.goto(url)
    page.click(".md-search__input")
    page.wait_for_timeout(300)  # Material starts its worker on load; measure the query alone
    if unit:
        page.select_option(".dc-search-filters select[name=unit]", unit)
    fetched.clear()
    started = time.perf_counter()
    page.fill(".md-search__input", query)
    # Results, or Material's "none found": either way the query is answered.
    page.wait_for_function("() => /结果/.test(document.querySelector('.md-search-result__meta')"
                           "?.textContent || '')", timeout=30000)
    elapsed = (time.perf_counter() - started) * 1000
    paths = {u.split("/zwgk/", 1)[1].split("?", 1)[0] for u in fetched}
    size = sum(len(gzip.compress((site / p).read_bytes(), 6)) for p in paths if (site / p).is_file())
    page.close()
    return {"ms": round(elapsed), "files": len(paths), "gzip_kb": round(size / 1024, 1)}


def preview_latency(work: Path, rounds: int = 3) -> dict:
    """`make serve` on the example site: seconds from saving a document to the page showing it."""
    import socket
    import urllib.request

    from tests.sitekit import copy_example
    root = copy_example(work / "preview")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/zwgk/policies/normative/2024-reward/"
    document = root / "content" / "policies" / "normative" / "2024-reward.md"

    def shows(text: str) -> bool:
        try:
            with urllib.request.urlopen(page, timeout=5) as response:
                return text in response.read().decode("utf-8")
        except OSError:
            return False

    def wait(text: str, limit: float = 60) -> float:
        started = time.perf_counter()
        while not shows(text):
            if time.perf_counter() - started > limit:
                raise SystemExit("the preview never showed the edit")
            time.sleep(0.05)
        return time.perf_counter() - started

    try:
        wait("举报奖励办法")
        seconds = []
        for round_number in range(rounds):
            marker = f"PREVIEW-{round_number}-{time.time_ns()}"
            document.write_text(document.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            seconds.append(round(wait(marker), 2))
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"seconds": seconds, "median": sorted(seconds)[len(seconds) // 2]}


def measure(count: int, work: Path, baseline: bool) -> dict:
    root = generate(count, work / f"site-{count}")
    python = sys.executable
    entry = {"documents": count}
    entry["build"] = timed([python, "-m", "mkdocs", "build", "--strict"], root)
    entry["build"]["ms_per_document"] = round(entry["build"]["seconds"] * 1000 / count, 2)
    entry["check"] = check_timings(python, root)
    entry["site"] = site_figures(root / "site")
    entry["first_query"] = browser_first_query(root / "site")
    if baseline:
        plain = generate(count, work / f"plain-{count}", plain=True)
        entry["plain_material"] = {**timed([python, "-m", "mkdocs", "build"], plain), **site_figures(plain / "site")}
        entry["ratio_build_time"] = round(entry["plain_material"]["seconds"] / entry["build"]["seconds"], 1)
        entry["ratio_site_size"] = round(entry["plain_material"]["site_mb"] / entry["site"]["site_mb"], 1)
    print(json.dumps(entry, ensure_ascii=False), flush=True)
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--baseline", type=int, nargs="*", default=[1000], help="sizes also built with plain Material")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()
    before = readme.previous(args.out)
    with tempfile.TemporaryDirectory(prefix="disclosure-bench-") as work:
        preview = preview_latency(Path(work))
        print(json.dumps({"preview": preview}), flush=True)
        runs = [measure(count, Path(work), count in args.baseline) for count in args.sizes]
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
              "preview": preview, "runs": runs}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme.record("make bench", args.out, before, report)
    print(f"written to {args.out} and bench/README.md")


if __name__ == "__main__":
    main()
