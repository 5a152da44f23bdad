"""The merge of a 政府信息公开平台 at scale: 20 and 200 units × 1,000 documents.

    python bench/platform_merge.py [--work /tmp/bench-platform] [--units 20 200] [--profile]

Real unit builds, made once: bench/generate.py --platform writes the government and three
departments of 1,000 documents each (the third interprets some of the government's policies);
the government and two departments are built as units (`DISCLOSURE_UNIT=<id> mkdocs build`),
the interpreting department's build timed: that is the one-department rebuild. Their outputs are
then replicated as departments d001…d199 (a folder per department with its pages hard-linked
under its own prefix, its search index under search/units/<id>/, and `_unit/<id>/unit.json`
with ids, names and paths rewritten), every third one interpreting the government's policies.

Measured: `disclosure merge` at each size (wall seconds, peak RSS of the child, files of the
merged site) into an empty site folder and again over the site it made (the case of every later
merge), and the one-department rebuild plus that merge at the largest size. Results go to
bench/results-platform.json; with --profile, the largest merge again under cProfile.
"""

from __future__ import annotations

import argparse
import json
import os
import platform as host_platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import department, generate_platform, platform_catalogue, write_yaml  # noqa: E402
from bench.run import BENCH_EPOCH, timed  # noqa: E402

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


def replicate(template: Path, old: str, target: Path, new: str, old_name: str, new_name: str) -> int:
    """The template unit's output as unit `new`: files hard-linked under the new prefix, unit.json rewritten."""
    files = 0
    for folder, _, names in os.walk(template):
        relative = Path(folder).relative_to(template).as_posix()
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path == f"_unit/{old}/unit.json":
                continue
            destination = target / _renamed(path, old, new)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(Path(folder) / name, destination)
            files += 1
    data = json.loads((template / "_unit" / old / "unit.json").read_text(encoding="utf-8"))
    hand_over = target / "_unit" / new / "unit.json"
    hand_over.write_text(json.dumps(rewrite(data, old, new, old_name, new_name), ensure_ascii=False, sort_keys=True),
                         encoding="utf-8")
    return files + 1


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
    shutil.copytree(source / "units" / "gov", root / "units" / "gov", copy_function=os.link)
    for number in range(1, count):
        template = INTERPRETING if number % 3 == 0 else PLAIN
        new = f"d{number:03d}"
        replicate(source / "units" / template, template, root / "units" / new, new,
                  department(int(template[1:])).profile.name, department(number).profile.name)
    return root


def measure_merge(root: Path) -> dict:
    figures = timed([sys.executable, "-m", "disclosure.cli.main", "merge", "--units-dir", "units", "--site-dir", "site"], root)
    files = sum(len(names) for _, _, names in os.walk(root / "site"))
    return {**figures, "files": files}


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
    parser.add_argument("--profile", action="store_true", help="profile the largest merge again (cProfile: our functions "
                                                               "by cumulative time, the top 12 by own time)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", BENCH_EPOCH)
    source = generate_platform(3, DOCUMENTS, args.work / "source")
    builds = {unit: build_unit(source, unit) for unit in ("gov", PLAIN, INTERPRETING)}
    results = {"machine": {"cpus": os.cpu_count(), "python": host_platform.python_version(),
                           "system": host_platform.platform()},
               "documents_per_unit": DOCUMENTS, "unit_builds": builds, "merges": []}
    for count in args.units:
        started = time.perf_counter()
        root = platform_root(args.work, source, count)
        prepared = round(time.perf_counter() - started, 1)
        first = measure_merge(root)
        merge = measure_merge(root)   # again, over the site of the first: what a rebuild's merge meets
        results["merges"].append({"units": count, "documents": count * DOCUMENTS, "prepare_seconds": prepared,
                                  "first_merge": first, "merge": merge})
        print(json.dumps(results["merges"][-1]), flush=True)
        if count == max(args.units):
            rebuild = builds[INTERPRETING]["seconds"]
            results["rebuild_plus_merge"] = {"units": count, "documents": count * DOCUMENTS,
                                             "seconds": round(rebuild + merge["seconds"], 2),
                                             "unit_build_seconds": rebuild, "merge_seconds": merge["seconds"]}
            if args.profile:
                wait_for_old_sites(root)   # the merge leaves the previous site to a detached process; let it finish
                results["profile"] = profile(root)
        (REPO / "bench" / "results-platform.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                                              encoding="utf-8")   # after each size: a long run keeps what it measured
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
