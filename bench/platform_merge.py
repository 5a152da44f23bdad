"""The merge of a 政府信息公开平台 at scale: 20 and 200 units × 1,000 documents.

    python bench/platform_merge.py [--work /tmp/bench-platform] [--units 20 200]

One unit output of 1,000 documents is made once from a real build (bench/generate.py's
documents, built by MkDocs with the plugin: its pages, Material's assets, its search index),
with the platform hand-over written next to it (`_unit/<id>/unit.json` in the format of the
platform design, section 6, and the search contribution from the real index builder). It is then
replicated as the government plus departments d001…: ids, 索引号 and paths rewritten in
unit.json, folders prefixed, pages hard-linked. Each department interprets 5 % of its
documents' worth of the government's policies, so that 5 % of pages get a relations slot filled.

Measured: `disclosure merge` at each size (wall seconds, peak RSS of the child, files), and the
one-department rebuild (the real 1,000-document build) plus the merge at the largest size.
Results go to bench/results-platform.json. (Until the plugin's unit mode lands, the unit build is
the single-agency build of the same 1,000 documents; its pages lack only the slot markers,
which are added here.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform as host_platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from bench.run import BENCH_EPOCH, timed  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = 1000
SLOT = "<!--disclosure-slot:relations--><!--/disclosure-slot:relations-->"
HOME_SLOTS = "<!--disclosure-slot:platform-latest--><!--/disclosure-slot:platform-latest-->" \
             "<!--disclosure-slot:platform-directory--><!--/disclosure-slot:platform-directory-->"
INTERPRETED_SHARE = 0.05


def build_template(work: Path) -> tuple[Path, dict]:
    """The real 1,000-document build; returns its site folder and the build's time and memory."""
    root = generate(DOCUMENTS, work / "source")
    figures = timed([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-q"], root)
    return root / "site", figures


def hand_over_template(site: Path, root: Path) -> dict:
    """unit.json of the built unit (as the unit build would write it) and its search contribution bytes."""
    from disclosure.core.crossrefs import unit_refs
    from disclosure.core.site import load_site
    loaded = load_site(root, today=dt.date(2026, 11, 22))
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    by_no = {doc.index_no: doc for doc in loaded.public_documents}
    pages = {}
    for record in records:
        pages[record["index_no"]] = record["url"] + "index.html"
        record["kind"] = by_no[record["index_no"]].kind
    refs = unit_refs(loaded).to_json()
    feed = [{"id": "https://www.example.gov.cn/zwgk/" + r["url"], "title": r["title"], "url": r["url"],
             "updated": (r["published"] or "1970-01-01") + "T00:00:00+08:00", "summary": r["summary"] or "",
             "category": r["category_name"] or ""} for r in records[:50]]
    sitemap = [{"loc": "", "lastmod": records[0]["published"]}] + \
        [{"loc": r["url"], "lastmod": r["published"]} for r in sorted(records, key=lambda r: r["url"])]
    latest = [{"url": r["url"], "doc": {**{k: r[k] for k in ("title", "index_no", "doc_no", "published", "validity")},
                                        "in_force": True}} for r in records[:10]]
    return {"refs": refs, "records": records, "feed": feed, "sitemap": sitemap, "pages": pages, "latest": latest,
            "count": len(records)}


def search_contribution(root: Path) -> bytes:
    """The unit's contribution, from the real index builder over the same documents."""
    from disclosure.core.search.index import SearchCategory, SearchIndexBuilder, search_document
    from disclosure.core.search.platform import contribution
    from disclosure.core.search.text import Segmenter
    from disclosure.core.site import load_site
    site = load_site(root, today=dt.date(2026, 11, 22))
    builder = SearchIndexBuilder(Segmenter([site.catalogue.agency.name]),
                                 [SearchCategory.of(c) for c in site.catalogue.categories()])
    for doc in sorted(site.public_documents, key=lambda d: d.src_uri):
        builder.add(search_document(doc, doc.doc_type.name if doc.doc_type else "", doc.src_uri[:-3] + "/"),
                    f"<p>{doc.body}</p>")
    files, weights = builder.files_and_weights()
    return contribution(builder, weights).to_bytes()


def mark_slots(site: Path, records: list[dict]) -> None:
    """What the unit build's pages carry: a relations slot on every document page, the platform slots at home."""
    for record in records:
        page = site / record["url"] / "index.html"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("</article>", SLOT + "</article>", 1), encoding="utf-8")
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</article>", HOME_SLOTS + "</article>", 1)
                    if "</article>" in home.read_text(encoding="utf-8") else
                    home.read_text(encoding="utf-8").replace("</body>", HOME_SLOTS + "</body>", 1), encoding="utf-8")


UNIT_ROOT_FILES = ("404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz")


def replicate(template: Path, hand: dict, contribution: bytes, unit: str, name: str, target: Path,
              government_policies: list[str]) -> None:
    """The template unit as unit `unit`: pages under <unit>/ (hard links), unit.json rewritten."""
    prefix = "" if unit == "gov" else unit + "/"
    for folder, subfolders, files in os.walk(template):
        relative = Path(folder).relative_to(template).as_posix()
        relative = "" if relative == "." else relative
        for file in files:
            source = Path(folder) / file
            path = f"{relative}/{file}" if relative else file
            if path in ("catalogue.json", "catalogue.csv", "feed.xml") or path.startswith("search/"):
                continue   # a unit's own exports and index go under its prefix (below)
            if relative.startswith("assets") or path in UNIT_ROOT_FILES:
                destination = target / path
            else:
                destination = target / prefix / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, destination)
    for file in (template / "search").rglob("*"):
        if file.is_file():
            destination = target / "search" / "units" / unit / file.relative_to(template / "search")
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(file, destination)
    exports = target / ("gov" if unit == "gov" else unit)
    exports.mkdir(parents=True, exist_ok=True)
    for name_ in ("catalogue.json", "catalogue.csv", "feed.xml"):
        os.link(template / name_, exports / name_)
    _write_hand_over(hand, contribution, unit, name, prefix, target, government_policies)


def _renumber(index_no: str, unit: str) -> str:
    return index_no if unit == "gov" else f"{unit.upper()}{index_no}"


def _write_hand_over(hand: dict, contribution: bytes, unit: str, name: str, prefix: str, target: Path,
                     government_policies: list[str]) -> None:
    text = json.dumps(hand, ensure_ascii=False)
    data = json.loads(text)
    for record in data["records"]:
        record["url"] = prefix + record["url"]
        for key in ("interprets", "interpretations", "replaces"):
            record[key] = [_renumber(n, unit) for n in record[key]]
        for key in ("index_no", "superseded_by", "responds_to"):
            if record[key]:
                record[key] = _renumber(record[key], unit)
        record["department"], record["department_name"] = unit, name
    refs = data["refs"]
    refs["unit"] = unit
    for record in refs["records"]:
        record.update(unit=unit, unit_name=name, index_no=_renumber(record["index_no"], unit),
                      src_uri=prefix + record["src_uri"])
    refs["hidden"] = {_renumber(k, unit): v for k, v in refs["hidden"].items()}
    if unit != "gov":   # this department interprets some of the government's policies
        share = int(len(refs["records"]) * INTERPRETED_SHARE)
        for record, policy in zip(refs["records"][:share], government_policies):
            refs["deferred"].append({"unit": unit, "path": "content/" + record["src_uri"], "line": 5, "key": "interprets",
                                     "target": policy, "source": record["index_no"], "public": True, "published_line": 4})
    data["pages"] = {_renumber(k, unit): prefix + v for k, v in data["pages"].items()}
    data["sitemap"] = [{"loc": prefix + e["loc"], "lastmod": e["lastmod"]} for e in data["sitemap"]]
    for entry in data["feed"]:
        entry["url"] = prefix + entry["url"]
        entry["id"] = entry["id"].replace("/zwgk/", "/zwgk/" + prefix, 1)
    for link in data["latest"]:
        link["url"] = prefix + link["url"]
        link["doc"]["index_no"] = _renumber(link["doc"]["index_no"], unit)
        link.update(unit=unit, unit_name=name)
    data.update(unit=unit, name=name, group=None if unit == "gov" else "政府部门")
    folder = target / "_unit" / unit
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "unit.json").write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (folder / "search-contribution.bin").write_bytes(contribution)


def platform_root(work: Path, source: Path, units: list[str]) -> Path:
    """catalogue.yaml (the generated agency as the government, departments d001…) and mkdocs.yml."""
    import yaml
    catalogue = yaml.safe_load((source / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["departments"] = [{"id": unit, "name": f"示例市第{unit[1:]}局", "group": "政府部门"} for unit in units[1:]]
    root = work / f"platform-{len(units)}"
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
    return root


def unit_ids(count: int) -> list[str]:
    return ["gov"] + [f"d{number:03d}" for number in range(1, count)]


def measure_merge(root: Path) -> dict:
    figures = timed([sys.executable, "-m", "disclosure.cli", "merge", "--units-dir", "units", "--site-dir", "site"], root)
    files = sum(len(files) for _, _, files in os.walk(root / "site"))
    return {**figures, "files": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-platform"))
    parser.add_argument("--units", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--profile", action="store_true", help="also profile the largest merge (cProfile, top 25)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", BENCH_EPOCH)
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    template, unit_build = build_template(work)
    source = work / "source"
    hand = hand_over_template(template, source)
    mark_slots(template, hand["records"])
    contribution = search_contribution(source)
    policies = [r["index_no"] for r in hand["records"] if r["type"] == "policy"]
    results = {"machine": {"cpus": os.cpu_count(), "python": host_platform.python_version(),
                           "system": host_platform.platform()},
               "unit_build_1000": unit_build, "merges": []}
    for count in args.units:
        units = unit_ids(count)
        root = platform_root(work, source, units)
        shutil.rmtree(root / "units", ignore_errors=True)
        names = {"gov": hand["refs"]["records"][0]["unit_name"]}
        started = time.perf_counter()
        for unit in units:
            replicate(template, hand, contribution, unit, names.get(unit, f"示例市第{unit[1:]}局"), root / "units" / unit,
                      policies)
        prepared = round(time.perf_counter() - started, 1)
        merge = measure_merge(root)
        results["merges"].append({"units": count, "documents": count * hand["count"], "prepare_seconds": prepared,
                                  "merge": merge})
        print(json.dumps(results["merges"][-1]), flush=True)
        if count == max(args.units):
            results["rebuild_plus_merge"] = {"units": count, "documents": count * hand["count"],
                                             "seconds": round(unit_build["seconds"] + merge["seconds"], 2),
                                             "unit_build_seconds": unit_build["seconds"], "merge_seconds": merge["seconds"]}
            if args.profile:
                results["profile"] = profile(root)
        shutil.rmtree(root, ignore_errors=True)
    (REPO / "bench" / "results-platform.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                                          encoding="utf-8")


def profile(root: Path) -> str:
    out = subprocess.run([sys.executable, "-c", (
        "import cProfile, pstats, io, sys; from disclosure.cli import main;"
        "p = cProfile.Profile(); p.enable(); main(['merge', '--units-dir', 'units', '--site-dir', 'site']); p.disable();"
        "s = io.StringIO(); pstats.Stats(p, stream=s).sort_stats('cumulative').print_stats(25); print(s.getvalue())")],
        cwd=root, capture_output=True, text=True)
    return out.stdout[-6000:]


if __name__ == "__main__":
    main()
