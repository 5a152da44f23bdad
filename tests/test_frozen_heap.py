"""What a build has read is frozen for the garbage collector while the pages render, and released when a program
goes on after the build (process/heap.py; the speed it brings: bench/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

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
print("frozen after the build:", gc.get_freeze_count())
"""


def test_the_documents_are_frozen_while_pages_render_and_released_after_the_build(tmp_path: Path):
    root = write_site(tmp_path / "site-repo", paired_policy())
    seen = tmp_path / "frozen-while-rendering.txt"
    env = plant(tmp_path / "planted", "on_page_content",
                f"import gc; open({str(seen)!r}, 'a').write(f'{{gc.get_freeze_count()}}\\n')")
    run = run_fresh([sys.executable, "-c", GOES_ON], root, env)
    assert run.returncode == 0, run.output
    counts = [int(line) for line in seen.read_text().split()]
    assert len(counts) >= 2 and all(count > 1000 for count in counts), counts
    assert "frozen after the build: 0" in run.stdout, run.output
