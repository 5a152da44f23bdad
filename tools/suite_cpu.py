"""Where the test suite's CPU goes, by test file: `SUITE_CPU_LOG=/tmp/cpu make test`, then
`python tools/suite_cpu.py /tmp/cpu`. Columns: the commands the build server ran for the file (tests/buildserver.py),
the test processes' own time, and the commands started fresh (their processes reaped during the file's tests)."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path


def _records(folder: Path, pattern: str):
    for log in sorted(folder.glob(pattern)):
        with log.open(encoding="utf-8") as lines:
            yield from map(json.loads, lines)


def main(folder: Path, shown: int = 40) -> None:
    served, commands, own, fresh = (collections.Counter() for _ in range(4))
    for record in _records(folder, "served-*.jsonl"):
        file = record["test"].split("::")[0] or "(session fixtures)"
        served[file] += record["cpu"]
        commands[file] += 1
    for record in _records(folder, "worker-*.jsonl"):
        file = record["test"].split("::")[0]
        own[file] += record["own"]
        fresh[file] += record["children"]
    total = served + own + fresh
    print(f"served {sum(served.values()):.0f} s in {sum(commands.values())} commands, test processes "
          f"{sum(own.values()):.0f} s, fresh commands {sum(fresh.values()):.0f} s")
    for file, seconds in total.most_common(shown):
        print(f"{seconds:7.1f}  served {served[file]:6.1f} ({commands[file]:4d})  own {own[file]:6.1f}  "
              f"fresh {fresh[file]:6.1f}  {file}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
