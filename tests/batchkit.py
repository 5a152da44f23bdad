"""Many cases of one test in one site, built (or checked) once: each case's files in a folder of their own.

Why: a build or check reports every file's problems, each line naming its file, and carries on to the end; a small
site's build has about a third of a second of fixed work (the host's start, the theme, the checks of the settings),
which a parametrized test paid once per case. Here case n's files go under `content/c<n>/`, with catalogue columns of
their own (`c<n>/policies` …) and index numbers of their own (the agency's `T001/yyyy-nnnnn` moved to `nnnnn` = n·1000
+ its own last three digits), so the cases never meet: a case's lines are the ones naming its folder.

A test reads its case's lines with `Cases.lines(case, name)`; a case whose page is published is `Cases.page(…)`.
Cases that change mkdocs.yml or the catalogue's types differently cannot share a site: give each setting its own.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .sitekit import MINI_CATALOGUE, Run, build, check, write_site

# The test agency's index numbers (sitekit.MINI_CATALOGUE's index_pattern), wherever a case writes one.
INDEX_NUMBER = re.compile(r"T001/(\d{4})-(\d{5})")
MOST_CASES = 99   # five digits of index number: n·1000 + three


@dataclass
class Cases:
    """One site holding every case; `run` is its build's (or check's) output once `built` or `checked`."""

    root: Path
    folders: dict[str, str]
    run: Run | None = field(default=None)

    def path(self, case: str, name: str) -> str:
        """A case's file as the coded lines name it: `content/c3/policies/a.md`."""
        return f"content/{self.folders[case]}/{name}"

    def lines(self, case: str, name: str) -> list[str]:
        """The coded lines naming this case's file `name` (a path under content/ as the case wrote it)."""
        prefix = self.path(case, name) + ":"
        return [line for line in self.run.coded_lines() if line.startswith(prefix)]

    def codes(self, case: str, name: str) -> set[str]:
        return {line.split(": ", 1)[1].split(" ", 1)[0] for line in self.lines(case, name)}

    def page(self, case: str, url: str) -> Path:
        """A case's published page: `policies/a` → site/c3/policies/a/index.html."""
        return self.root / "site" / self.folders[case] / url / "index.html"

    def built(self, **options) -> "Cases":
        self.run = build(self.root, **options)
        return self

    def checked(self, *extra: str, **options) -> "Cases":
        self.run = check(self.root, *extra, **options)
        return self


def cases_site(root: Path, cases: Mapping[str, Mapping[str, str | bytes]], catalogue: dict | None = None,
               **site) -> Cases:
    """Every case's files (paths under content/, as a one-case site would have them) laid out in one site
    (`sitekit.write_site`'s other options apply to all)."""
    if len(cases) > MOST_CASES:
        raise ValueError(f"at most {MOST_CASES} cases share a site")
    base = MINI_CATALOGUE if catalogue is None else catalogue
    shared = copy.deepcopy(base)
    shared["catalogue"] = []
    files: dict[str, str | bytes] = {}
    folders: dict[str, str] = {}
    for number, (case, case_files) in enumerate(cases.items(), start=1):
        folder = folders[case] = f"c{number}"
        shared["catalogue"] += [_column_of_case(column, folder, number) for column in base["catalogue"]]
        for name, data in case_files.items():
            files[f"{folder}/{name}"] = _numbered_for_case(data, number)
    write_site(root, files, catalogue=shared, **site)
    return Cases(root, folders)


def _column_of_case(column: dict, folder: str, number: int) -> dict:
    return {**column, "id": f"{column['id']}-{folder}", "name": f"{column['name']}（例{number}）",
            "path": f"{folder}/{column['path']}"}


def _numbered_for_case(data, number: int):
    """The case's own index numbers; bytes (attachments) and anything else as written."""
    if not isinstance(data, str):
        return data
    return INDEX_NUMBER.sub(lambda found: f"T001/{found[1]}-{number * 1000 + int(found[2]) % 1000:05d}", data)


def checked_and_built(cases: Cases) -> tuple[Cases, Cases]:
    """The one site `disclosure check`ed, then built: for tests asking both of each case (as `_refused` helpers do)."""
    return Cases(cases.root, cases.folders).checked(), Cases(cases.root, cases.folders).built()
