"""The office report in Chromium, into docs/screenshots/report-office.png: `make screenshots`.

Builds the report of the example agency into a temporary folder (never into site/), serves it
on a local static server and photographs its first screen and charts.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browserkit import chromium, serve  # noqa: E402


def main() -> None:
    out = REPO / "docs" / "screenshots" / "report-office.png"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "disclosure.cli.main", "report", "--output", folder], cwd=REPO, check=True)
        with serve(Path(folder)) as base, chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="zh-CN")
            page.goto(base + "office-report.html")
            page.screenshot(path=str(out), full_page=False)
    print(out)


if __name__ == "__main__":
    main()
