"""What a build has read is frozen for the garbage collector while the pages render, and released when a program
goes on after the build (process/heap.py; the speed it brings: bench/README.md)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from disclosure.process.heap import YOUNG_SPAN

from .hookkit import plant
from .sitekit import paired_policy, run_fresh, write_site

# The host's build run by a program that goes on afterwards (as bench/cpu_where.py does), which then says how
# many objects are still frozen.
GOES_ON = """\
import gc, runpy, sys
sys.argv = ["mkdocs", "build", "--strict", "-q"]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as ended:
    assert not ended.code, ended.code
print("frozen after the build:", gc.get_freeze_count(), "young threshold:", gc.get_threshold()[0])
"""


def test_the_documents_are_frozen_while_pages_render_and_released_after_the_build(tmp_path: Path):
    root = write_site(tmp_path / "site-repo", paired_policy())
    seen = tmp_path / "frozen-while-rendering.txt"
    env = plant(tmp_path / "planted", "on_page_content",
                f"import gc; open({str(seen)!r}, 'a').write(f'{{gc.get_freeze_count()}} {{gc.get_threshold()[0]}}\\n')")
    run = run_fresh([sys.executable, "-c", GOES_ON], root, env)
    assert run.returncode == 0, run.output
    frozen_and_threshold = [tuple(map(int, line.split())) for line in seen.read_text().splitlines()]
    assert len(frozen_and_threshold) >= 2, frozen_and_threshold
    default = gc.get_threshold()[0]   # a new interpreter's, as this one's
    assert all(count > 1000 and threshold == default * YOUNG_SPAN for count, threshold in frozen_and_threshold), \
        frozen_and_threshold
    assert f"frozen after the build: 0 young threshold: {default}" in run.stdout, run.output
