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


def theme_folder_site(root: Path, theme_files: Mapping[str, str | bytes], theme: dict) -> Path:
    """One site whose theme folder (a copy of the repository's overrides/, mkdocs.yml's `custom_dir`) holds every
    case's file, each at its own path under overrides/: cases that differ only by a file of the theme folder share
    one build, each reading the lines naming its `overrides/<path>`. `theme` is mkdocs.yml's theme (its custom_dir
    is set here)."""
    import shutil

    from .sitekit import REPO, paired_policy
    write_site(root, paired_policy(), mkdocs_extra={"theme": {**theme, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name, data in theme_files.items():
        path = root / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


# A saved page's index number as the importer tests' agency writes it (test_import.CMS_CATALOGUE's pattern).
SAVED_INDEX_NUMBER = re.compile(r"EX0001/(\d{4})-(\d{5})")


@dataclass
class Imported:
    """One `disclosure import` of every case's saved page: `run` is its output, `pages` each case's page of its report."""

    root: Path
    run: Run
    pages: dict[str, dict]

    def front_and_body(self, case: str) -> tuple[dict, str]:
        from .test_import import front_and_body
        return front_and_body(self.root / self.pages[case]["target"])


def imported_each(root: Path, pages: Mapping[str, str]) -> Imported:
    """Every case's saved page (its HTML) imported as a notice by one `disclosure import` (`imported_cases`) into a
    site of test_import's CMS catalogue."""
    from .test_import import CMS_CATALOGUE, TABLES
    site = write_site(root / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    run, found = imported_cases(site, root / "saved", {case: {"p.html": html} for case, html in pages.items()},
                                "--type", "notice")
    return Imported(site, run, found)


def merged_once(merged_platform: Path, root: Path, change) -> "MergedCases":
    """`merged_cases` into `root`/platform: `change(platform)` changes and seals a file of its own for each case (a
    case that changes a file another case changes too, a unit's page, feed or catalogue, cannot share the merge: its
    line would not say which change it was)."""
    return merged_cases(merged_platform, root / "platform", change)


def sealed_once(merged_platform: Path, root: Path, unit: str, files: Mapping[str, str | bytes], before=None) -> "MergedCases":
    """`merged_once` where every case writes one file of its own into `unit`'s output (paths under
    build/units/<unit>/) and the unit's job seals them all; `before(root)` runs first (a withheld document in
    content/, say)."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    def change(platform: Path) -> None:
        if before:
            before(platform)
        for name, data in files.items():
            target = platform / "build/units" / unit / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        seal_unit_manifest(platform / "build/units" / unit, unit)
    return merged_once(merged_platform, root, change)


def lines_as_alone(cases: Cases, case: str) -> list[str]:
    """The coded lines a site of this case's files alone would show: the case's own, its folder taken out of their
    paths (content/c3/notices/a.md → content/notices/a.md), with every line naming no case's file (mkdocs.yml, the
    catalogue), which a site of its own would show too. For a test's exact sets over a whole run, kept per case."""
    own = f"content/{cases.folders[case]}/"
    folders = tuple(f"content/{folder}/" for folder in cases.folders.values())
    return ["content/" + line[len(own):] if line.startswith(own) else line
            for line in cases.run.coded_lines() if line.startswith(own) or not line.startswith(folders)]


def policies_saying(paragraphs: Mapping[str, str]) -> dict[str, dict]:
    """`cases_site`'s cases: each case's paragraph after the first article (第一条 说明。) of its own policies/a.md, beside
    sitekit.paired_policy's interpretation."""
    from .sitekit import paired_policy, policy
    return {case: {**paired_policy(), "policies/a.md": policy(body=f"第一条 说明。\n\n{paragraph}\n")}
            for case, paragraph in paragraphs.items()}


def attaching_each(attachments: Mapping[str, tuple[str, bytes]], title: str) -> dict[str, dict]:
    """`cases_site`'s cases: each case's file (its name and bytes) attached under `title` to its own policies/a.md, beside
    sitekit.paired_policy's interpretation."""
    from .sitekit import paired_policy, policy
    return {case: {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": title}]),
                   f"policies/files/{name}": data} for case, (name, data) in attachments.items()}


def pages_with(unit_output: Path, page: str, additions: Mapping[str, str], before: str = "</main>") -> dict[str, str]:
    """Each case's own copy of a unit's page (`page_of_case`), its addition written in front of `before`; returns each
    case's copy (its path in the unit's output). The caller seals the unit."""
    copies: dict[str, str] = {}
    for number, (case, addition) in enumerate(additions.items(), start=1):
        copies[case] = page_of_case(unit_output, page, number)
        copy = unit_output / copies[case]
        copy.write_text(copy.read_text(encoding="utf-8").replace(before, addition + before, 1), encoding="utf-8")
    return copies


def checked_and_built(cases: Cases) -> tuple[Cases, Cases]:
    """The one site `disclosure check`ed, then built: for tests asking both of each case (as `_refused` helpers do)."""
    return Cases(cases.root, cases.folders).checked(), Cases(cases.root, cases.folders).built()


# A saved page's title (`disclosure import`).
SAVED_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def imported_cases(root: Path, folder: Path, pages: Mapping[str, Mapping[str, str]],
                   *options: str) -> tuple[Run, dict[str, dict]]:
    """Each case's saved page `p.html` (and the files it names beside it, by the same relative names) in a folder of
    its own (`folder`/c<n>/), all given to one `disclosure import` run into the site `root` (with `options`, and
    `--report r.json`): each page is imported from its own folder, as a one-page run would. A case's page keeps
    its own index number (n·1000 + its last three digits) and title (with （例n）: one page saved twice is imported
    once). Returns the run, and each case's page of its report."""
    from .test_import import report_of, run_import
    if len(pages) > MOST_CASES:
        raise ValueError(f"at most {MOST_CASES} cases share an import")
    sources: dict[str, str] = {}
    for number, (case, files) in enumerate(pages.items(), start=1):
        for name, text in files.items():
            path = folder / f"c{number}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_saved_for_case(text, number) if name == "p.html" else text, encoding="utf-8")
        sources[str(folder / f"c{number}" / "p.html")] = case
    done = run_import(root, *sources, *options, "--report", "r.json")
    return done, {sources[page["source"]]: page for page in report_of(root, "r.json")["pages"]}


def imported_notices(root: Path, pages: Mapping[str, Mapping[str, str]]) -> Imported:
    """`imported_cases` of `pages` as notices into a site of test_import's CMS catalogue (with tables), under `root`;
    the run ended without a traceback."""
    from .test_import import CMS_CATALOGUE, TABLES
    site = write_site(root / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    run, imported = imported_cases(site, root / "saved", pages, "--type", "notice")
    assert "Traceback" not in run.output, run.output
    return Imported(site, run, imported)


def _saved_for_case(text: str, number: int) -> str:
    text = SAVED_INDEX_NUMBER.sub(lambda found: f"EX0001/{found[1]}-{number * 1000 + int(found[2]) % 1000:05d}", text)
    return SAVED_TITLE.sub(lambda found: f"<title>{found[1]}（例{number}）</title>", text, count=1)


# --- `disclosure merge`: many attacks on one copy of the merged toy platform, each in a file of its own ----------------

SPREAD = "合起来"   # the merge's line for a file holding withheld pieces only together with other files


@dataclass
class MergedCases:
    """A copy of the merged platform whose units' outputs hold every case's attack, merged once: `run`; `site_kept`:
    site/ byte for byte as before."""

    root: Path
    run: Run
    site_kept: bool

    def refused(self, where: str, *on_its_line: str) -> None:
        """As test_merge_verifies.refused, for one case: a line of the merge's output holding `where` (its own file's
        place and code) and every text of `on_its_line` (which another case's line might hold too)."""
        from .test_merge_verifies import KEPT
        output = self.run.output
        assert self.run.returncode == 1, output
        assert any(where in line and all(text in line for text in on_its_line) for line in output.splitlines()), output
        assert "Traceback" not in output and "内部错误" not in output and KEPT in output, output
        assert self.site_kept and not (self.root / "site.merging").exists()

    def refused_lines(self, path: str, code: str = "E700") -> list[str]:
        """The merge failed as test_merge_verifies's `refused` asks (exit 1, no traceback, site/ kept, no staging left,
        not cut at its 40 lines); the `code` lines naming `path` (under build/units/) for the file itself, not for its
        pieces together with another case's files."""
        from .test_merge_verifies import KEPT
        output = self.run.output
        assert self.run.returncode == 1, output
        assert "Traceback" not in output and "内部错误" not in output and KEPT in output, output
        assert "合并已停止" not in output, output   # past 40 lines the merge names no more files
        assert self.site_kept and not (self.root / "site.merging").exists()
        named = f"build/units/{path}:1"
        return [line for line in self.run.coded_lines() if f" {code} " in line and SPREAD not in line
                and ((head := line.split(": ", 1)[0]) == named or head.endswith("/" + named))]


def merged_cases(merged: Path, root: Path, attack) -> MergedCases:
    """`merged` (the session's merged toy platform) copied to `root` as a merge leaves it; `attack(platform)` writes
    every case's file (and seals what it changed); then `disclosure merge` once."""
    from .test_build_end import fingerprint
    from .test_merge_verifies import copy_as_merged, disclosure
    platform = copy_as_merged(merged, root)
    attack(platform)
    before = fingerprint(platform / "site")
    run = disclosure(platform, "merge")
    return MergedCases(platform, run, fingerprint(platform / "site") == before)


def page_of_case(unit_output: Path, page: str, number: int) -> str:
    """Case n's copy of a unit's page (…/<name>/index.html in `unit_output`) beside it, …/c<n>/index.html, as the unit
    wrote it; returns the copy's path in the unit's output. The case then changes its copy only."""
    copy = f"{page.rsplit('/', 2)[0]}/c{number}/index.html"
    (unit_output / copy).parent.mkdir(parents=True, exist_ok=True)
    (unit_output / copy).write_bytes((unit_output / page).read_bytes())
    return copy


def assert_case_refused(runs: tuple[Cases, Cases], case: str, name: str, code: str, line: int | None = None) -> None:
    """test_redteam22's `_refused` for one case of a `checked_and_built` site: the check and the build fail, each with
    `code` on the case's file `name` (on its line `line`, if given), no traceback, no site."""
    where = f"{runs[0].path(case, name)}:{'' if line is None else f'{line}:'}"
    for run in runs:
        assert run.run.returncode != 0 and "Traceback" not in run.run.output, run.run.output
        assert any(found.startswith(where) and f" {code} " in found for found in run.lines(case, name)), run.run.output
    assert not (runs[1].root / "site").exists()
