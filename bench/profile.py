"""Where the time goes: CPU time and a cProfile table of the strict build and of `disclosure check`.

    python bench/profile.py [--sizes 1000 10000] [--check 10000] [--runs 2] [--no-build] [--work DIR] [--out bench/results-profile.json]
    python bench/profile.py --compare bench/results-profile-before.json bench/results-profile.json

For each size a generated corpus (bench/generate.py) is built with `mkdocs build --strict` and
checked with `disclosure check` (all files with no cache, again with the cache the first run left, one file, and
`--no-cache`). Each command is run `--runs` times
unprofiled: wall time and the CPU time of the process and the children it waited for (user + sys;
the build's search-index process included), with the load average before each run: on a shared
machine the CPU time is the figure to compare. Then once under cProfile, whose table says where the
build's own process spends its time (the search process tokenises beside it and is not in it).

The table's rows are cumulative times of named functions, so a row's share can include a later
row's ("of which" rows are parts of the row above).
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import readme  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.run import BENCH_EPOCH, run_waited  # noqa: E402

# (row, file the function is in, function name); cumulative seconds
BUILD_ROWS = [
    ("whole build", "commands/build.py", "build"),
    ("reading and checking content/ (load_site)", "rules/check.py", "load_site"),
    ("  of which YAML front matter", "content/yamlsource.py", "load_yaml"),
    ("  of which personal data in the sources", "privacy/numbers.py", "personal_info_diagnostics"),
    ("  of which conversion damage (W601)", "text/conversion.py", "damage_diagnostics"),
    ("Markdown (Python-Markdown)", "markdown/core.py", "convert"),
    ("MkDocs reading each page's file again (read_source)", "structure/pages.py", "read_source"),
    ("Material's templates (page and partials)", "commands/build.py", "_build_page"),
    ("fidelity E600/E601 (page_problems)", "rules/fidelity.py", "page_problems"),
    ("  of which the source's significant text", "rules/fidelity.py", "source_text"),
    ("  of which parsing the page's blocks", "rules/fidelity.py", "page_blocks"),
    ("  of which matching lines to blocks (E601)", "rules/fidelity.py", "_shape"),
    ("nh3 allow-list E401 (removals)", "rules/rendered.py", "removals"),
    ("resources from other hosts E404", "rules/rendered.py", "remote_resources"),
    ("personal data on the rendered page E400", "personal_data/rendered.py", "rendered_personal_info"),
    ("front matter printed unescaped E403 (on_post_page)", "mkdocs_adapter/plugin.py", "on_post_page"),
    ("handing pages to the search process (search.add)", "mkdocs_adapter/search.py", "add"),
    ("after the pages (on_post_build: outputs, swap)", "mkdocs_adapter/plugin.py", "on_post_build"),
    ("  of which waiting for the search index", "search/background.py", "written"),
    ("  of which removing the previous site", "shutil.py", "rmtree"),
]
BUILTIN_ROWS = [
    ("open() (all; includes waiting for the GIL)", "io.open"),
    ("nh3.clean (all)", "nh3.clean"),
]
CHECK_ROWS = [
    ("whole check (one process)", "rules/check.py", "load_site"),
    ("reading the documents (read_document)", "content/documents.py", "read_document"),
    ("  of which YAML front matter", "content/yamlsource.py", "load_yaml"),
    ("  of which field checks", "content/documents.py", "check"),
    ("  of which personal data", "privacy/numbers.py", "personal_info_diagnostics"),
    ("  of which conversion damage (W601)", "text/conversion.py", "damage_diagnostics"),
    ("walking content/", "content/inventory.py", "walk_content"),
    ("rules over the whole site (check_site)", "rules/check.py", "check_site"),
]
# The check as `disclosure check` runs it, with the cache of an earlier run (content/read_cache.py).
CACHED_CHECK_ROWS = [
    ("whole check (one process)", "rules/check.py", "load_site"),
    ("reading content/ (read_site)", "content/site.py", "read_site"),
    ("  of which walking content/", "content/inventory.py", "walk_content"),
    ("  of which reading the files (read_regular)", "content/inventory.py", "read_regular"),
    ("  of which the cache key (sha256 of the bytes)", "content/read_cache.py", "key"),
    ("  of which loading the cache file", "content/read_cache.py", "_load"),
    ("  of which documents rebuilt from entries", "content/read_cache.py", "entry_of"),
    ("  of which decoding the bodies (decode_text)", "content/yamlsource.py", "decode_text"),
    ("  of which parsing files not in the cache", "content/documents.py", "document_parts"),
    ("  of which linking documents (relations)", "content/relations.py", "link_documents"),
    ("rules over the whole site (check_site)", "rules/check.py", "check_site"),
    ("  of which markup and links (E401, E500, E109)", "rules/markup_links.py", "check"),
    ("  of which sections (E300, E301)", "rules/sections.py", "check"),
    ("  of which report tables", "rules/reports.py", "check"),
    ("  of which files (E111, E113)", "rules/files.py", "check"),
    ("  of which attachments' personal data", "rules/personal_data/__init__.py", "check"),
]


def measured(args: list[str], cwd: Path, env: dict) -> dict:
    """Wall and CPU seconds (user + sys, waited-for children included), peak RSS, load average before."""
    load = os.getloadavg()[0]
    wall, usage = run_waited(args, cwd, env)
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mib": round(usage.ru_maxrss / 1024), "load_before": round(load, 2)}


def table(profile: Path, rows: list[tuple[str, str, str]], builtins: list[tuple[str, str]] = ()) -> list[dict]:
    stats = pstats.Stats(str(profile)).stats
    total = max(entry[3] for entry in stats.values())

    def cumulative(path: str, name: str) -> float:
        return sum(entry[3] for (file, _, function), entry in stats.items() if file.endswith(path) and function == name)

    def own(name: str) -> float:
        return sum(entry[2] for (_, _, function), entry in stats.items() if name in function)

    found = [(label, cumulative(path, name)) for label, path, name in rows]
    found += [(label, own(name)) for label, name in builtins]
    return [{"row": label, "seconds": round(seconds, 2), "share": round(seconds / total, 3)} for label, seconds in found]


SERIAL_CHECK = """
import sys
from pathlib import Path
import disclosure.content.site as site
from disclosure.rules.check import load_site
site.PARALLEL_FROM = 10 ** 9   # one process, so that the profile sees the reading
load_site(Path('.'), focus=set(sys.argv[1:]) or None)
"""
CACHED_CHECK = """
import sys
from pathlib import Path
from disclosure.content.read_cache import CACHE_FOLDER
from disclosure.rules.check import load_site
load_site(Path('.'), focus=set(sys.argv[1:]) or None, cache=Path(CACHE_FOLDER))
"""


def has_cache() -> bool:
    """Whether the measured code keeps a cache (content/read_cache.py); older commits have none."""
    from importlib.util import find_spec
    return find_spec("disclosure.content.read_cache") is not None


def profile_size(count: int, work: Path, runs: int, check: bool, build_too: bool = True) -> dict:
    python = sys.executable
    env = {**os.environ, "SOURCE_DATE_EPOCH": BENCH_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    root = work / f"site-{count}"
    if not (root / "catalogue.yaml").is_file():   # a corpus kept in --work is reused
        generate(count, root)
    entry: dict = {"documents": count}
    if build_too:
        build = [python, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(work / f"out-{count}")]
        entry["build"] = []
        for _ in range(runs):
            subprocess.run(["rm", "-rf", str(work / f"out-{count}")], check=True)   # a first build, as in CI
            entry["build"].append(measured(build, root, env))
        subprocess.run(["rm", "-rf", str(work / f"out-{count}")], check=True)
        profile = work / f"build-{count}.prof"
        entry["build_profiled"] = measured([python, "-m", "cProfile", "-o", str(profile), *build[1:]], root, env)
        entry["build_profile"] = table(profile, BUILD_ROWS, BUILTIN_ROWS)
    if check:
        one = sorted(str(p.relative_to(root)) for p in (root / "content").rglob("*.md") if p.name != "index.md")[0]
        command = [python, "-m", "disclosure.cli.main", "check"]
        cache = root / ".cache"
        entry["check"] = []
        for _ in range(runs):   # a first run: no cache
            subprocess.run(["rm", "-rf", str(cache)], check=True)
            entry["check"].append(measured(command, root, env))
        entry["check_cached"] = [measured(command, root, env) for _ in range(runs)]
        entry["check_one_file"] = [measured(command + [one], root, env) for _ in range(runs)]
        if has_cache():
            entry["check_no_cache"] = [measured(command + ["--no-cache"], root, env) for _ in range(runs)]
            entry["check_one_file_no_cache"] = [measured(command + ["--no-cache", one], root, env) for _ in range(runs)]
        profile = work / f"check-{count}.prof"
        script = work / "serial_check.py"
        script.write_text(SERIAL_CHECK, encoding="utf-8")
        measured([python, "-m", "cProfile", "-o", str(profile), str(script)], root, env)
        entry["check_profile_serial"] = table(profile, CHECK_ROWS)
        script = work / "cached_check.py"
        script.write_text(CACHED_CHECK, encoding="utf-8")
        for key, focus in (("check_profile_cached", []), ("check_profile_cached_one_file", [one])) if has_cache() else ():
            measured([python, "-m", "cProfile", "-o", str(profile), str(script), *focus], root, env)
            entry[key] = table(profile, CACHED_CHECK_ROWS)
    return entry


def markdown(entry: dict) -> str:
    lines = []
    if "build_profile" in entry:
        lines += [f"| {entry['documents']:,} documents, strict build (profiled {entry['build_profiled']['wall_s']} s) | seconds | share |",
                  "|---|---:|---:|"]
        lines += [f"| {row['row']} | {row['seconds']} | {row['share']:.0%} |" for row in entry["build_profile"]]
    for key, title in (("check_profile_serial", "`disclosure check --no-cache`, one process"),
                       ("check_profile_cached", "`disclosure check`, the cache of an earlier run"),
                       ("check_profile_cached_one_file", "`disclosure check FILE`, the cache of an earlier run")):
        if key in entry:
            lines += ["", f"| {title}, {entry['documents']:,} documents | seconds | share |", "|---|---:|---:|"]
            lines += [f"| {row['row']} | {row['seconds']} | {row['share']:.0%} |" for row in entry[key]]
    return "\n".join(lines)


def measured_commit() -> str:
    """The commit of the disclosure package this run measures (PYTHONPATH may point at another checkout)."""
    import disclosure
    folder = Path(disclosure.__file__).parent
    found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip()


def compared(before: dict, after: dict) -> str:
    """Before/after: CPU and wall seconds of every run (with the load average before it), and both profiles side by side."""
    def runs(entry: dict, key: str) -> str:
        return ", ".join(f"{run['cpu_s']} s CPU / {run['wall_s']} s wall (load {run['load_before']})" for run in entry.get(key, []))

    lines = []
    for old, new in zip(before["sizes"], after["sizes"]):
        n = f"{new['documents']:,}"
        lines += [f"| {n} documents | before | after |", "|---|---|---|"]
        for key, label in (("build", "strict build"), ("check", "`disclosure check` (no cache)"),
                           ("check_cached", "`disclosure check`, cache of the run before"),
                           ("check_one_file", "`disclosure check FILE`"), ("check_no_cache", "`disclosure check --no-cache`"),
                           ("check_one_file_no_cache", "`disclosure check --no-cache FILE`")):
            if key in new:
                lines.append(f"| {label} | {runs(old, key)} | {runs(new, key)} |")
        if "build" in old and "build" in new:
            lines.append(f"| peak memory (build) | {max(r['peak_mib'] for r in old['build'])} MiB | {max(r['peak_mib'] for r in new['build'])} MiB |")
            lines += ["", f"| where the build's time goes, {n} documents (cProfile) | before | after |", "|---|---:|---:|"]
            lines += [f"| {o['row']} | {o['seconds']} s ({o['share']:.0%}) | {a['seconds']} s ({a['share']:.0%}) |"
                      for o, a in zip(old["build_profile"], new["build_profile"])]
        if "check_profile_serial" in new:
            lines += ["", f"| where the check's time goes, {n} documents, one process (cProfile) | before | after |", "|---|---:|---:|"]
            lines += [f"| {o['row']} | {o['seconds']} s ({o['share']:.0%}) | {a['seconds']} s ({a['share']:.0%}) |"
                      for o, a in zip(old["check_profile_serial"], new["check_profile_serial"])]
        for key, title in (("check_profile_cached", "`disclosure check`, the cache of an earlier run"),
                           ("check_profile_cached_one_file", "`disclosure check FILE`, the cache of an earlier run")):
            if key in new and key not in old:
                lines += ["", f"| where the check's time goes: {title}, {n} documents, one process (cProfile) | after |", "|---|---:|"]
                lines += [f"| {a['row']} | {a['seconds']} s ({a['share']:.0%}) |" for a in new[key]]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--check", type=int, nargs="*", default=[10000], help="sizes whose check is measured too")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-build", action="store_true", help="measure only the check (no strict build)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results-profile.json")
    parser.add_argument("--work", type=Path, default=None, help="where corpora are generated (default: a temporary folder); a corpus already there is reused")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"),
                        help="print the before/after tables of two results files; measure nothing")
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(path.read_text(encoding="utf-8")) for path in args.compare)
        print(compared(before, after))
        return
    before = readme.previous(args.out)
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "commit": measured_commit(),
                   "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                   "sizes": [profile_size(n, work, args.runs, n in args.check, not args.no_build) for n in args.sizes]}
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tables = "\n\n".join(markdown(entry) for entry in results["sizes"])
    readme.record(f"bench/profile.py --out bench/{args.out.name}", args.out, before, results,
                  extra="Where the time goes (cProfile, this run):\n\n" + tables)
    print(tables)


if __name__ == "__main__":
    main()
