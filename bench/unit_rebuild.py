"""A one-department rebuild inside a large platform repository: what the other units' files cost it.

    python bench/unit_rebuild.py [--work /tmp/bench-unit] [--departments 200] [--documents 1000]
                                 [--withheld 10] [--profile]

bench/generate.py --platform writes the government and 20 departments of `documents` documents each,
once (kept under WORK/source and reused). A repository of `departments` departments is then laid out
from it with hard links (department dN gets the files of d((N-1) % 20 + 1): the other units' files are
only walked by MkDocs in a unit build, never read by the core, so their text does not matter; that
repository builds one unit at a time only). Every unit also gets `withheld` non-public documents, each
naming an attachment, all listed in mkdocs.yml's `exclude_docs` as a platform's must (E113): 2 lines a
document, 4,000 lines at 200 × 10.

Measured: `DISCLOSURE_UNIT=d001 mkdocs build` (wall seconds, peak RSS); with --profile, the same build
under cProfile: cumulative seconds of MkDocs' walk (`get_files`), its `exclude_docs` matching
(`set_exclusions`), the plugin's own filtering (`unit_files`), and the top functions by own time.
Results are printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import GOVERNMENT, department, generate_platform, platform_catalogue, write_yaml  # noqa: E402
from bench.run import BENCH_EPOCH  # noqa: E402

import yaml  # noqa: E402

TEMPLATES = 20        # departments really generated; the others are hard-linked copies of them
BUILT = "d001"
PROBES = {"get_files": "mkdocs/structure/files.py:get_files", "set_exclusions": "set_exclusions",
          "unit_files": "unit_files", "on_files": "plugin.py:on_files", "on_config": "plugin.py:on_config"}


def source(work: Path, documents: int) -> Path:
    """The generated government and 20 departments, made once per document count."""
    root = work / f"source-{documents}"
    if not (root / "mkdocs.yml").exists():
        generate_platform(TEMPLATES, documents, root)
    return root


def link_tree(source: Path, target: Path, skip: set[str] = frozenset(), copy: bool = False) -> int:
    """Hard-link (or copy) every file under `source` to `target`, leaving out the top folders in `skip`.
    The built unit is copied: the check refuses a hard-linked file (E112)."""
    count = 0
    for folder, folders, names in os.walk(source):
        if Path(folder) == source:
            folders[:] = [name for name in folders if name not in skip]
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            (shutil.copyfile if copy else os.link)(Path(folder) / name, destination / name)
            count += 1
    return count


def withheld_documents(content: Path, folder: str, prefix: str, count: int) -> list[str]:
    """`count` 依申请公开 documents of a unit, each naming an attachment; their src_uris."""
    written = []
    base = content / folder / "plans" if folder else content / "plans"
    (base / "files").mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        name = f"withheld-{number:03d}"
        (base / f"{name}.md").write_text(
            f"---\ntitle: 内部工作记录第{number}号\ntype: plan\nindex_no: {prefix}/2026-9{number:04d}\n"
            f"published: '2026-03-01'\nissued: '2026-03-01'\ndisclosure: 依申请公开\nreason: 属于内部事务信息，依据《中华人民共和国政府信息公开条例》"
            f"第十六条不主动公开\nattachments:\n  - file: files/{name}.txt\n    title: 记录附件\n---\n\n内部工作记录。\n",
            encoding="utf-8")
        (base / "files" / f"{name}.txt").write_text("附件\n", encoding="utf-8")
        relative = f"{folder}/plans" if folder else "plans"
        written += [f"{relative}/{name}.md", f"{relative}/files/{name}.txt"]
    return written


def platform_root(work: Path, generated: Path, departments: int, withheld: int) -> Path:
    root = work / f"platform-{departments}"
    shutil.rmtree(root, ignore_errors=True)
    content = root / "content"
    units = [department(number) for number in range(1, departments + 1)]
    link_tree(generated / "content", content, skip={f"d{n:03d}" for n in range(1, TEMPLATES + 1)})
    for number, unit in enumerate(units, 1):
        link_tree(generated / "content" / f"d{(number - 1) % TEMPLATES + 1:03d}", content / unit.id,
                  copy=unit.id == BUILT)
    hidden = withheld_documents(content, "", GOVERNMENT.index_prefix, withheld)
    for unit in units:
        hidden += withheld_documents(content, unit.id, unit.profile.index_prefix, withheld)
    write_yaml(root / "catalogue.yaml", platform_catalogue(units))
    config = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    config["exclude_docs"] = "".join(f"/{src_uri}\n" for src_uri in hidden)
    write_yaml(root / "mkdocs.yml", config)
    return root


def unit_build(root: Path, unit: str) -> dict:
    """Wall seconds and peak RSS of the unit build (its messages go to a file: a pipe could fill)."""
    env = {**os.environ, "DISCLOSURE_UNIT": unit, "SOURCE_DATE_EPOCH": BENCH_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    with open(root / "unit-build.log", "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d",
                                    f"units/{unit}"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the unit build failed, see {root / 'unit-build.log'}")
    return {"seconds": round(seconds, 2), "peak_mib": round(usage.ru_maxrss / 1024)}


def profiled(root: Path, unit: str) -> dict:
    """The unit build under cProfile: cumulative seconds of the probes, the top 15 by own time."""
    stats_file = root / "unit.prof"
    env = {**os.environ, "DISCLOSURE_UNIT": unit, "SOURCE_DATE_EPOCH": BENCH_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "-q",
                    "-f", "mkdocs.yml", "-d", f"units/{unit}"], cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stats = pstats.Stats(str(stats_file))
    cumulative = {}
    for (path, line, name), (_, _, _, seconds, _) in stats.stats.items():
        for probe, needle in PROBES.items():
            if needle.endswith(name) and (":" not in needle or path.endswith(needle.split(":")[0])):
                cumulative[probe] = round(max(cumulative.get(probe, 0), seconds), 2)
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:15]
    return {"total_seconds": round(stats.total_tt, 2), "cumulative": cumulative,
            "top_own": [(f"{Path(path).name}:{line}:{name}", round(own, 2)) for (path, line, name), (_, _, own, _, _) in top]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-unit"))
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--withheld", type=int, default=10, help="non-public documents per unit (2 exclude_docs lines each)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep WORK/platform-N from an earlier run")
    args = parser.parse_args()
    root = args.work / f"platform-{args.departments}"
    if not (args.reuse and (root / "mkdocs.yml").exists()):
        started = time.perf_counter()
        root = platform_root(args.work, source(args.work, args.documents), args.departments, args.withheld)
        print(f"laid out in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    files = sum(len(names) for _, _, names in os.walk(root / "content"))
    result = {"departments": args.departments, "documents_per_unit": args.documents, "content_files": files,
              "exclude_docs_lines": len(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
                                        ["exclude_docs"].splitlines()),
              "unit_build": unit_build(root, BUILT)}
    if args.profile:
        result["profile"] = profiled(root, BUILT)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
