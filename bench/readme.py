"""bench/README.md's measured tables, written by the benchmarks themselves (issue 26.4).

Each benchmark command replaces its own block of bench/README.md, between `<!-- measured: NAME -->` and
`<!-- /measured: NAME -->` (added at the end of the file the first time), with every figure of its results file
before and after this run: "before" is the results file as the previous run left it (on a clean checkout, the
committed one), so a run on a branch shows what the branch changed. The prose around the blocks stays the
authors': what a figure means, and why it moved, is not something a script can say.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from pathlib import Path

README = Path(__file__).with_name("README.md")

# Leaves of a results file that are not figures: context (names, notes, dates, the machine), and shares of a profile
# (its seconds are the figures).
_NOT_FIGURES = ("machine", "load", "date", "note", "commit", "started", "cpus", "python", "share")


def flat_figures(results: dict, prefix: str = "") -> dict[str, float]:
    """Every number of a results file by its path (`runs.0.build.seconds`), lists by position."""
    figures: dict[str, float] = {}
    items = results.items() if isinstance(results, dict) else ((_label(item, n), item) for n, item in enumerate(results))
    for key, value in items:
        path = f"{prefix}{key}"
        if str(key).startswith(_NOT_FIGURES) or key in ("row", "documents", "units"):
            continue
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            figures[path] = value
        elif isinstance(value, list) and all(isinstance(item, (int, float)) for item in value):
            continue   # one run's samples (ten timings of a query): their median and maximum are the figures
        elif isinstance(value, (dict, list)):
            figures.update(flat_figures(value, path + "."))
    return figures


def _label(item, position: int) -> str:
    """A list's item by what it measures (a profile's row, a corpus' size), or by its position."""
    if isinstance(item, dict):
        for name in ("row", "documents", "units"):
            if name in item:
                return str(item[name]).strip()
    return str(position)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _change(before: float | None, after: float | None) -> str:
    if before in (None, 0) or after is None:
        return ""
    return f"{(after - before) / before:+.0%}"


def before_after_table(before: dict | None, after: dict) -> str:
    """A Markdown table: every figure of `after`, beside the same figure of `before` (— where it had none)."""
    old, new = flat_figures(before or {}), flat_figures(after)
    rows = ["| figure | before | after | change |", "|---|---:|---:|---:|"]
    for path in list(new) + [path for path in old if path not in new]:
        rows.append(f"| `{path}` | {_number(old.get(path))} | {_number(new.get(path))} | "
                    f"{_change(old.get(path), new.get(path))} |")
    return "\n".join(rows)


def _commit() -> str:
    found = subprocess.run(["git", "-C", str(README.parent), "rev-parse", "--short", "HEAD"], capture_output=True,
                           text=True)
    dirty = subprocess.run(["git", "-C", str(README.parent), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (found.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty else "")


def _load() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def block(command: str, results_file: str, before: dict | None, after: dict, extra: str = "") -> str:
    """The block's text: when, on what, the figures before and after, and any table the benchmark adds."""
    heading = (f"Written by `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {_commit()}, "
               f"{platform.machine()} with {len(os.sched_getaffinity(0))} cores, load average at the end {_load()}. "
               f"Before: `{results_file}` as the previous run left it.")
    parts = [heading, "", before_after_table(before, after)]
    if extra:
        parts += ["", extra]
    return "\n".join(parts)


def record(command: str, results: Path, before: dict | None, after: dict, extra: str = "") -> None:
    """Write the block of `command` into bench/README.md."""
    write(command, block(command, f"bench/{results.name}", before, after, extra))


def replaced(text: str, name: str, body: str) -> str:
    """`text` with the block `name` holding `body` (appended, under its own heading, if it was not there)."""
    start, end = f"<!-- measured: {name} -->", f"<!-- /measured: {name} -->"
    if start in text and end in text[text.index(start):]:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
        return f"{head}{start}\n{body}\n{end}{tail}"
    return f"{text.rstrip()}\n\n## Measured by `{name}`\n\n{start}\n{body}\n{end}\n"


def write(name: str, body: str, readme: Path = README) -> None:
    readme.write_text(replaced(readme.read_text(encoding="utf-8"), name, body), encoding="utf-8")


def previous(results: Path) -> dict | None:
    """The results file as the last run left it, read before this run overwrites it."""
    try:
        return json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
