"""A 政府信息公开平台 of 20 departments × 1,000 documents on this machine: `make bench-platform`.

    python bench/platform_run.py [--departments 20] [--documents 1000] [--work /tmp/bench-platform-run]

Measured, each as a separate process (wall seconds, peak memory of the process tree's largest member):
- the fast check of the whole platform (`disclosure check`, units on every core);
- the full build in one MkDocs process (`mkdocs build`);
- the same site built unit by unit on every core and merged (`disclosure build`), and whether
  it is byte-identical to the full build (every file hashed);
- a one-department rebuild after an edit (`disclosure build --unit d003`: its unit build and the merge);
- the first platform-wide search query in Chromium (bytes fetched gzipped, time to results),
  and the same query with the 部门 filter set.
The merge at 200 departments is bench/platform_merge.py. Results: bench/results-platform-run.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform as host_platform
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import readme  # noqa: E402
from bench.generate import generate_platform  # noqa: E402
from bench.run import timed, timed_query  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["应急避难场所", "隐患排查治理"]
EDITED = "d003"


def tree_hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def first_document(root: Path, unit: str) -> Path:
    return next(p for p in sorted((root / "content" / unit).rglob("*.md")) if p.name != "index.md")


def servers(site: Path, work: Path):
    """The Python test server (HTTP/1.0, a connection per request) and nginx with the shipped
    configuration (keep-alive, gzip), as a webmaster serves the site."""
    from tests.browserkit import serve
    from tests.nginxkit import nginx_serving
    yield "python", serve(site)
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        yield "nginx", nginx_serving(site, work)


def browser_queries(site: Path, unit: str, work: Path) -> dict:
    return {name: _queries(server, site, unit) for name, server in servers(site, work)}


def _queries(server, site: Path, unit: str) -> dict:
    """Platform-wide and with the 部门 filter: time to results and the search files fetched (gzip)."""
    from tests.browserkit import chromium
    with server as url, chromium() as browser:
        return {f"{query} · {scope or '全部部门'}": timed_query(browser, url, site, query, scope)
                for query in QUERIES for scope in ("", unit)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-platform-run"))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results-platform-run.json")
    parser.add_argument("--queries-only", action="store_true", help="only the search queries, on the site built before")
    args = parser.parse_args()
    before = readme.previous(args.out)
    if args.queries_only:
        root = args.work / f"platform-{args.departments}x{args.documents}"
        result = json.loads(args.out.read_text(encoding="utf-8"))
        result["first_query"] = browser_queries(root / "site", EDITED, args.work / "nginx")
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        readme.record("bench/platform_run.py", args.out, before, result)
        print(json.dumps(result["first_query"], ensure_ascii=False, indent=2))
        return
    root = args.work / f"platform-{args.departments}x{args.documents}"
    if not (root / "catalogue.yaml").is_file():
        shutil.rmtree(root, ignore_errors=True)
        generate_platform(args.departments, args.documents, root)
    python = sys.executable
    documents = sum(1 for _ in (root / "content").rglob("*.md"))
    result = {"machine": {"cpus": os.cpu_count(), "python": host_platform.python_version(), "load": os.getloadavg()},
              "departments": args.departments, "documents_per_department": args.documents, "markdown_files": documents}
    result["check"] = timed([python, "-m", "disclosure.cli.main", "check"], root)
    result["full_build"] = timed([python, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site-full"], root)
    result["unit_builds_and_merge"] = timed([python, "-m", "disclosure.cli.main", "build", "--site-dir", "site"], root)
    full, merged = tree_hashes(root / "site-full"), tree_hashes(root / "site")
    result["merged_equals_full_build"] = full == merged
    result["files"] = len(merged)
    document = first_document(root, EDITED)
    document.write_text(document.read_text(encoding="utf-8") + "\n本段为基准测试的修改。\n", encoding="utf-8")
    result["one_department_rebuild_and_merge"] = timed([python, "-m", "disclosure.cli.main", "build", "--unit", EDITED,
                                                        "--site-dir", "site"], root)
    result["first_query"] = browser_queries(root / "site", EDITED, args.work / "nginx")
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme.record("bench/platform_run.py", args.out, before, result)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
