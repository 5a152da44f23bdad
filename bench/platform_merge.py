"""The merge of a 政府信息公开平台 at scale: 20 and 200 units × 1,000 documents.

    python bench/platform_merge.py [--work /tmp/bench-platform] [--units 20 200] [--keep] [--profile]

Real unit builds, made once: bench/generate.py --platform writes the government and three
departments of 1,000 documents each (the third interprets some of the government's policies);
the government and two departments are built as units (`DISCLOSURE_UNIT=<id> mkdocs build`),
the interpreting department's build timed: that is the one-department rebuild. Their outputs are
then replicated as departments d001…d199 (a folder per department with its pages copied under
its own prefix, its search index under search/units/<id>/, and `_unit/<id>/unit.json` with ids,
names, paths and the addresses in its search rows rewritten, and their hashes), every third one
interpreting the government's policies.

Measured: `disclosure merge` at each size (wall and CPU seconds, peak RSS of the child, files of
the merged site) into an empty site folder and again over the site it made, and at the largest
size a one-department rebuild: a document of d003 edited, the unit built for real, its output put
in place of d003's, and the merge over the site (what `disclosure build --unit d003` does).
Results go to bench/results-platform.json (--out); --keep keeps the largest platform (10 GB for
200 units) for the next run; with --profile, the largest merge again under cProfile.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform as host_platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import readme  # noqa: E402
from bench.generate import department, generate_platform, platform_catalogue, write_yaml  # noqa: E402
from bench.run import BENCH_EPOCH, run_waited, timed  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = 1000
PLAIN, INTERPRETING = "d001", "d003"   # templates: a department on its own, one that interprets the government


def build_unit(root: Path, unit: str) -> dict:
    """A real unit build into root/units/<unit>; its time and peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", f"units/{unit}"]
    os.environ["DISCLOSURE_UNIT"] = unit
    try:
        return timed(command, root)
    finally:
        del os.environ["DISCLOSURE_UNIT"]


def rewrite(value, old: str, new: str, old_name: str, new_name: str):
    """`value` (unit.json, any depth) with the unit id, its folder and its name changed."""
    if isinstance(value, dict):
        return {key: rewrite(item, old, new, old_name, new_name) for key, item in value.items()}
    if isinstance(value, list):
        return [rewrite(item, old, new, old_name, new_name) for item in value]
    if isinstance(value, str):
        if value == old:
            return new
        if value == old_name:
            return new_name
        return value.replace(f"{old}/", f"{new}/") if f"{old}/" in value else value
    return value


def replicate(template: Path, old: str, target: Path, new: str, old_name: str, new_name: str, new_group: str) -> int:
    """The template unit's output as unit `new` of catalogue.yaml's `new_group`: files copied under the new prefix,
    unit.json rewritten.

    Copies, not hard links: the merge refuses a unit file with another name elsewhere (issue 24),
    as a CI job's downloaded artefact never has one."""
    files = 0
    for folder, _, names in os.walk(template):
        relative = Path(folder).relative_to(template).as_posix()
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path == f"_unit/{old}/unit.json":
                continue
            destination = target / _renamed(path, old, new)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(folder) / name, destination)
            files += 1
    seal_replica(template, old, target, new, old_name, new_name, new_group)
    return files + 1


def seal_replica(template: Path, old: str, target: Path, new: str, old_name: str, new_name: str,
                 new_group: str) -> None:
    """unit.json of a replica: ids, names, group and paths rewritten (the merge compares the name and the group with
    catalogue.yaml's), and its file list as the merge verifies it: paths under the new prefix, the search rows'
    addresses in the new unit (the merge checks them)."""
    data = json.loads((template / "_unit" / old / "unit.json").read_text(encoding="utf-8"))
    listed = data.pop("files")
    data = rewrite(data, old, new, old_name, new_name)
    data["group"] = new_group
    # content/<new>/ holds the template's files (`copied_content`), under the replica's id
    data["sources"] = {_renamed(source, old, new): digest for source, digest in data.get("sources", {}).items()}
    data["files"] = {}
    rows = f"search/units/{new}/d/"
    for path, digest in listed.items():
        path = _renamed(path, old, new)
        if old != new and (path.startswith(rows) or _export(path, new)):
            written = target / path
            content = _readdressed(written.read_bytes(), old, new)
            if path.endswith((".csv", ".json")) and not path.startswith(rows):
                content = _renamed_department(content, old_name, new_name)
            written.write_bytes(content)
            digest = hashlib.sha256(content).hexdigest()
        data["files"][path] = digest
    hand_over = target / "_unit" / new / "unit.json"
    hand_over.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _export(path: str, unit: str) -> bool:
    """A file under the unit's pages whose links are written from the site's root (catalogue exports, feeds,
    the sitemap): the merge checks they lead to the unit's own pages."""
    return path.startswith(f"{unit}/") and path.endswith((".csv", ".json", ".xml"))


def _readdressed(content: bytes, old: str, new: str) -> bytes:
    """Search rows and exports of a replica: the template unit's addresses and id made the new one's (titles, which
    the merge compares with the pages, stay as the pages have them)."""
    content = re.sub(rb"(?<![0-9A-Za-z_-])" + re.escape(f"{old}/".encode()), f"{new}/".encode(), content)
    return content.replace(f'"{old}"'.encode(), f'"{new}"'.encode())


def _renamed_department(content: bytes, old_name: str, new_name: str) -> bytes:
    """A catalogue export's records filed under the new unit: its 所属部门 column (CSV) and department_name (JSON)
    (titles keep the template's words: the merge compares them with the pages)."""
    old_csv, new_csv = f"\n{old_name},".encode(), f"\n{new_name},".encode()
    old_json = f'"department_name": "{old_name}"'.encode()
    return content.replace(old_csv, new_csv).replace(old_json, f'"department_name": "{new_name}"'.encode())


def _renamed(path: str, old: str, new: str) -> str:
    for prefix in (f"{old}/", f"search/units/{old}/", f"_unit/{old}/"):
        if path.startswith(prefix):
            return prefix.replace(old, new, 1) + path[len(prefix):]
    return path


def platform_root(work: Path, source: Path, count: int) -> Path:
    """A repository declaring the government and departments d001…: catalogue.yaml, mkdocs.yml, the units."""
    root = work / f"platform-{count}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    write_yaml(root / "catalogue.yaml", platform_catalogue([department(n) for n in range(1, count)]))
    shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(source / "units" / "gov", root / "units" / "gov")
    copied_content(source / "content", root / "content", count)
    for number in range(1, count):
        template = INTERPRETING if number % 3 == 0 else PLAIN
        new = f"d{number:03d}"
        replicate(source / "units" / template, template, root / "units" / new, new,
                  department(int(template[1:])).profile.name, department(number).profile.name, department(number).group)
    return root


def copied_content(source: Path, target: Path, count: int) -> None:
    """content/ as the units were built from it (the merge hashes the files each output publishes from, unit.json
    `sources`): the government's, and each replica's folder its template's files. Copies, not links: a hard link in
    content/ is refused (E112), and the rebuild's build reads the source repository's."""
    shutil.copytree(source, target, ignore=lambda folder, names: [name for name in names if Path(folder) == source
                                                                 and re.fullmatch(r"d\d{3}", name)])
    for number in range(1, count):
        template = INTERPRETING if number % 3 == 0 else PLAIN
        shutil.copytree(source / template, target / f"d{number:03d}")


def measure_merge(root: Path) -> dict:
    """`disclosure merge`: wall and CPU seconds (user + system), peak memory, files of the merged site."""
    load = round(os.getloadavg()[0], 1)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BENCH_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    seconds, usage = run_waited([sys.executable, "-m", "disclosure.cli.main", "merge", "--units-dir", "units",
                                 "--site-dir", "site"], root, env)
    files = sum(len(names) for _, _, names in os.walk(root / "site"))
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mib": round(usage.ru_maxrss / 1024), "files": files, "load_before": load}


def rebuild_department(source: Path, root: Path) -> dict:
    """One department edited and rebuilt (a real unit build of INTERPRETING in the source repository),
    its output put in place of department INTERPRETING's, then merged over the site: the editor's wait."""
    document = next(p for p in sorted((source / "content" / INTERPRETING).rglob("*.md")) if p.name != "index.md")
    document.write_text(document.read_text(encoding="utf-8") + "\n本段为基准测试的修改。\n", encoding="utf-8")
    shutil.copy(document, root / document.relative_to(source))   # the platform's content/ as the edit left it
    built = build_unit(source, INTERPRETING)
    shutil.rmtree(root / "units" / INTERPRETING)
    rebuilt = department(int(INTERPRETING[1:]))
    replicate(source / "units" / INTERPRETING, INTERPRETING, root / "units" / INTERPRETING, INTERPRETING,
              rebuilt.profile.name, rebuilt.profile.name, rebuilt.group)
    merged = measure_merge(root)
    return {"unit_build": built, "merge": merged, "seconds": round(built["seconds"] + merged["seconds"], 2)}


def wait_for_old_sites(root: Path, limit: float = 900) -> None:
    deadline = time.monotonic() + limit
    while list(root.glob("site.old-*")) and time.monotonic() < deadline:
        time.sleep(2)


def profile(root: Path) -> str:
    code = ("import cProfile, pstats, io; from disclosure.cli.main import main;"
            "p = cProfile.Profile(); p.enable(); main(['merge', '--units-dir', 'units', '--site-dir', 'site']);"
            "p.disable(); s = io.StringIO(); stats = pstats.Stats(p, stream=s);"
            "stats.sort_stats('cumulative').print_stats('disclosure', 25); stats.sort_stats('tottime').print_stats(12);"
            "print(s.getvalue())")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    return done.stdout[-9000:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-platform"))
    parser.add_argument("--units", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--keep", action="store_true", help="keep the largest platform (reused by the next run)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results-platform.json")
    parser.add_argument("--profile", action="store_true", help="profile the largest merge again (cProfile: our functions "
                                                               "by cumulative time, the top 12 by own time)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", BENCH_EPOCH)
    before = readme.previous(args.out)
    source = args.work / "source"
    if args.keep and (source / "units" / INTERPRETING / "_unit").is_dir():
        builds = json.loads(args.out.read_text(encoding="utf-8")).get("unit_builds", {}) if args.out.is_file() else {}
    else:
        generate_platform(3, DOCUMENTS, source)
        builds = {unit: build_unit(source, unit) for unit in ("gov", PLAIN, INTERPRETING)}
    results = {"machine": {"cpus": os.cpu_count(), "python": host_platform.python_version(),
                           "system": host_platform.platform()},
               "documents_per_unit": DOCUMENTS, "unit_builds": builds, "merges": []}
    for count in args.units:
        started = time.perf_counter()
        root = args.work / f"platform-{count}"
        if not (args.keep and (root / "units" / "d001").is_dir()):
            root = platform_root(args.work, source, count)
        shutil.rmtree(root / "site", ignore_errors=True)
        wait_for_old_sites(root)
        prepared = round(time.perf_counter() - started, 1)
        first = measure_merge(root)
        merge = measure_merge(root)   # again, over the site of the first: what a rebuild's merge meets
        results["merges"].append({"units": count, "documents": count * DOCUMENTS, "prepare_seconds": prepared,
                                  "first_merge": first, "merge": merge})
        print(json.dumps(results["merges"][-1]), flush=True)
        if count == max(args.units):
            results["rebuild_plus_merge"] = {"units": count, "documents": count * DOCUMENTS,
                                             **rebuild_department(source, root)}
            print(json.dumps(results["rebuild_plus_merge"]), flush=True)
            if args.profile:
                wait_for_old_sites(root)   # the merge leaves the previous site to a detached process; let it finish
                results["profile"] = profile(root)
        # after each size: a long run keeps what it measured
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    readme.record("bench/platform_merge.py", args.out, before, results)


if __name__ == "__main__":
    main()
