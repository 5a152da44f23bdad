"""One import run: read every page, plan it, write documents and their files, check the result.

A dry run is the same run in a scratch copy of the site (catalogue and content), so that what
it reports — 索引号, file names, the check's findings — is exactly what the real run will do,
and the site itself is not touched.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from ..content.scaffold import _PlainDumper
from ..rules.check import load_site
from .page import Link, Page, link_path
from .plan import Choice, Planned, Planner, validate_choice
from ..text.conversion import Flag
from .sources import find_sources, read_source

FILES_FOLDER = "files"


@dataclass
class Result:
    root: Path
    planned: list[Planned] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)   # written file (repository path) → check lines
    written: list[str] = field(default_factory=list)
    copied: dict[str, list[str]] = field(default_factory=dict)     # written file → files copied for it
    others: list[str] = field(default_factory=list)   # new findings in documents already there (e.g. a report's counts)
    dry_run: bool = False


def run_import(root: Path, sources: list[Path], choice: Choice, content: str = "content",
               catalogue: str = "catalogue.yaml", dry_run: bool = False) -> Result:
    """Import into a scratch copy; a real run then copies the new files into the site, so that a
    run stopped half-way (a crash, Ctrl-C) never leaves a half-imported site."""
    root = Path(root).resolve()
    with tempfile.TemporaryDirectory(prefix="disclosure-import-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / content, copy / content)
        shutil.copy(root / catalogue, copy / catalogue)
        result = _import_into(copy, root, sources, choice, content, catalogue)
        result.dry_run = dry_run
        if not dry_run:
            _publish(copy, root, [path for planned in result.planned for path in planned.outputs])
    return result


def _publish(work: Path, root: Path, paths: list[str]) -> None:
    for path in paths:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(work / path, target)


def _import_into(work: Path, root: Path, sources: list[Path], choice: Choice, content: str, catalogue: str) -> Result:
    site = load_site(work, content=content, catalogue=catalogue)
    before = {_line(d) for d in site.diagnostics}
    if site.catalogue is None:
        raise ValueError("catalogue.yaml 有错误，请先运行 disclosure check 修正后再导入")
    validate_choice(choice, site.catalogue)
    pages, missing = find_sources([Path(s) for s in sources])
    result = Result(root=root, missing=missing)
    planner = Planner(site.catalogue, site.documents, site.content_dir, site.today, choice)
    for source in pages:
        planned = planner.plan(_read(source))
        result.planned.append(planned)
        if planned.target is not None:
            path = planned.path = _write(planned, work)
            result.written.append(path)
            result.copied[path] = planned.fields.get("attachments", [])
    if result.written:
        checked = load_site(work, content=content, catalogue=catalogue)
        for diagnostic in checked.diagnostics:
            if diagnostic.path in result.written:
                result.problems.setdefault(diagnostic.path, []).append(_line(diagnostic))
            elif _line(diagnostic) not in before:
                result.others.append(_line(diagnostic))
    return result


def _line(diagnostic) -> str:
    return f"{diagnostic.path}:{diagnostic.line}: {diagnostic.code} {diagnostic.message}"


def _read(source: Path) -> Page:
    """One page; a page the readers cannot handle is reported and skipped, the batch goes on."""
    try:
        return read_source(source)
    except (OSError, RecursionError, ValueError, LookupError) as error:
        page = Page(source=source)
        page.flags.append(Flag(1, f"无法读取此页面（{type(error).__name__}: {error}），未导入；"
                                  "请确认它是完整保存的网页或文本，否则把本行报告给维护人员"))
        return page


def _write(planned: Planned, work: Path) -> str:
    """The document and its files; returns its repository path."""
    page, target = planned.page, planned.target
    body = page.body
    files = target.parent / FILES_FOLDER
    attachments = []
    planned.outputs.append(target.relative_to(work).as_posix())
    for link, listed in [(a, True) for a in page.attachments] + [(r, False) for r in page.resources]:
        name = _copy_local(link, page.source.parent / link_path(link.href, page.encoding), files)
        if name is None:
            if listed:
                planned.decisions.append(f"附件“{link.title}”（{link.href}）没有随网页保存，未导入；请从原网站下载，"
                                         f"放到 {target.parent.relative_to(work).as_posix()}/{FILES_FOLDER}/ 下，并在 attachments 中登记")
            else:
                planned.decisions.append(f"图片 {link.href} 没有随网页保存；请补上或删去正文中的这张图片")
            continue
        planned.outputs.append((files / name).relative_to(work).as_posix())
        if name != link.name:   # another file of that name was already there
            body = body.replace(f"{FILES_FOLDER}/{quote(link.name)}", f"{FILES_FOLDER}/{quote(name)}")
        if listed:
            attachments.append({"file": f"{FILES_FOLDER}/{name}", "title": link.title})
    if attachments:
        planned.fields["attachments"] = attachments
    front = yaml.dump(planned.fields, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return target.relative_to(work).as_posix()


def _copy_local(link: Link, source: Path, files: Path) -> str | None:
    """Copy a file the saved page points at into `files/`; its name there, or None when absent."""
    if not link.name:
        return None   # on another site
    source = source.resolve()
    if not source.is_file():
        return None
    files.mkdir(parents=True, exist_ok=True)
    name, number = link.name, 1
    stem, dot, suffix = link.name.rpartition(".")
    while (files / name).exists() and (files / name).read_bytes() != source.read_bytes():
        number += 1
        name = f"{stem}-{number}.{suffix}" if dot else f"{link.name}-{number}"
    shutil.copyfile(source, files / name)
    return name
