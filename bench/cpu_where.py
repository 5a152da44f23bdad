"""Where a strict build's CPU time goes, in one process: CPU seconds of named functions.

    python bench/cpu_where.py DIR [--out FILE.json]        # DIR: a generated corpus (bench/generate.py N DIR)
    PYTHONPATH=/other/checkout/plugins python bench/cpu_where.py DIR   # the same for another commit

cProfile's table (bench/profile.py) counts wall-clock seconds: on a shared machine they are mostly
waiting for a core, and with the pages rendered on both cores (mkdocs_adapter/shards.py) the build's
process renders only its share. This runs `mkdocs build --strict` in this process with one page
process (DISCLOSURE_JOBS=1), every page here, and times each function below with the CPU clock of the
calling thread (`time.thread_time`); nested rows are parts of the rows above them. The last rows are
the whole process (all its threads) and the processes it waited for (the search index process, the
front matter's worker processes), from `resource.getrusage`.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import runpy
import sys
import tempfile
import time
from pathlib import Path

# (row, module, attribute: a function, or Class.method, as the caller looks it up)
ROWS = [
    ("whole build (MkDocs' build)", "mkdocs.commands.build", "build"),
    ("reading and checking content/ (load_site)", "disclosure.mkdocs_adapter.plugin", "load_site"),
    ("first page loop: Markdown and the checks (_populate_page)", "mkdocs.commands.build", "_populate_page"),
    ("  Python-Markdown: making a converter per page", "markdown.core", "Markdown.__init__"),
    ("  Python-Markdown: converting", "markdown.core", "Markdown.convert"),
    ("  E401/E404: allow-list and resources (rendered_diagnostics)", "disclosure.mkdocs_adapter.rendered", "rendered_diagnostics"),
    ("  E400 on the rendered page", "disclosure.mkdocs_adapter.rendered", "rendered_personal_info"),
    ("  fidelity E600/E601 (page_problems)", "disclosure.mkdocs_adapter.plugin", "page_problems"),
    ("  handing documents to the search process", "disclosure.mkdocs_adapter.search", "SiteSearch.add"),
    ("second page loop: templates, frame check, writing (_build_page)", "mkdocs.commands.build", "_build_page"),
    ("  Jinja templates (Template.render)", "jinja2.environment", "Template.render"),
    ("  frame check E401/E404 (page_findings)", "disclosure.mkdocs_adapter.rendered", "page_findings"),
    ("  writing the page (write_file)", "mkdocs.utils", "write_file"),
    ("after the pages (on_post_build)", "disclosure.mkdocs_adapter.plugin", "DisclosurePlugin.on_post_build"),
]


def _timed(times: dict, label: str, module: str, attribute: str) -> None:
    owner = importlib.import_module(module)
    if "." in attribute:
        class_name, attribute = attribute.split(".")
        owner = getattr(owner, class_name)
    function = getattr(owner, attribute)

    def timed(*args, **kwargs):
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            times[label] += time.thread_time() - started

    setattr(owner, attribute, timed)


def main() -> None:
    corpus = Path(sys.argv[1]).resolve()
    out = Path(sys.argv[sys.argv.index("--out") + 1]).resolve() if "--out" in sys.argv else None
    os.environ.update(DISCLOSURE_JOBS="1", NO_MKDOCS_2_WARNING="1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764000000")
    times = dict.fromkeys([label for label, _, _ in ROWS], 0.0)
    for label, module, attribute in ROWS:
        _timed(times, label, module, attribute)
    os.chdir(corpus)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as site:   # the built site is not kept
        sys.argv = ["mkdocs", "build", "-q", "--strict", "-d", site]
        try:
            runpy.run_module("mkdocs", run_name="__main__")
        except SystemExit as stop:
            if stop.code:
                raise
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    times["the build's process, all threads"] = own.ru_utime + own.ru_stime
    times["processes it waited for (search index, front matter workers)"] = children.ru_utime + children.ru_stime
    print(f"| CPU seconds, one page process (load {load:.1f} before) | seconds |\n|---|---:|")
    for label, seconds in times.items():
        print(f"| {label} | {seconds:.2f} |")
    if out:
        out.write_text(json.dumps({"load_before": round(load, 2), "cpu_s": {k: round(v, 2) for k, v in times.items()}},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
