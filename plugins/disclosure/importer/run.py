"""One import run: read every page, plan it, write documents and their files, check the result.

A dry run is the same run in a scratch copy of the site (catalogue and content), so that what
it reports — 索引号, file names, the check's findings — is exactly what the real run will do,
and the site itself is not touched.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

import yaml

from ..codes import E112, E801, W800
from ..content.scaffold import _PlainDumper
from ..process.signals import signals_deferred
from ..content.site import content_folder_problem
from ..rules.check import load_site
from .page import Link, Page, local_file
from .plan import Choice, Planned, Planner, validate_choice
from ..text.conversion import Flag
from .shape import losses, render, rendered_shape
from .sources import find_sources, read_source, shown_path

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
        _stage(root, copy, content, catalogue)
        result = _import_into(copy, root, sources, choice, content, catalogue)
        result.dry_run = dry_run
        if not dry_run:
            _publish(copy, root, [path for planned in result.planned for path in planned.outputs])
    return result


def _stage(root: Path, copy: Path, content: str, catalogue: str) -> None:
    """The scratch copy shows the check what the site shows it: a symlink stays a link (a link to `..`
    followed would copy without end), a named pipe or device stays a special file (reading one waits
    forever), a catalogue that is no file is missing. The check refuses each with its coded line."""
    if blocked := content_folder_problem(root, content):
        raise ValueError(blocked.as_text())
    if os.path.isfile(root / catalogue):
        shutil.copy(root / catalogue, copy / catalogue)
    if not (root / content).is_dir():
        return   # the first import of a new site: its check names the missing folder, the run makes it
    try:
        shutil.copytree(root / content, copy / content, symlinks=True, copy_function=_copy_as_it_is)
    except shutil.Error as error:   # an unreadable file: named with its code, as the check names it
        source, _, reason = error.args[0][0]
        raise ValueError(_line(E112.at(Path(source).relative_to(root).as_posix(), 1,
                                       f"无法读取（{reason}），未导入任何页面；请检查文件权限"))) from None


def _copy_as_it_is(source: str, target: str) -> None:
    if stat.S_ISREG(os.lstat(source).st_mode):
        shutil.copy2(source, target)
    else:
        os.mkfifo(target)   # never opened: the check refuses it by its kind (E112), as in the site


def _publish(work: Path, root: Path, paths: list[str]) -> None:
    """Copy the new files in, with Ctrl-C held back until all are there: all of the run, or nothing."""
    with signals_deferred():
        _copy_new(work, root, paths)


def _copy_new(work: Path, root: Path, paths: list[str]) -> None:
    for path in paths:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(work / path, target)


def _import_into(work: Path, root: Path, sources: list[Path], choice: Choice, content: str, catalogue: str) -> Result:
    site = load_site(work, content=content, catalogue=catalogue)
    before = {_line(d) for d in site.diagnostics}
    if site.catalogue is None:
        first = next((d for d in site.diagnostics if d.path == catalogue), None)
        where = f"{_line(first)}；" if first else ""
        raise ValueError(f"{where}catalogue.yaml 有错误，请先运行 disclosure check 修正后再导入")
    validate_choice(choice, site.catalogue)
    pages, missing = find_sources([Path(s) for s in sources])
    result = Result(root=root, missing=missing)
    planner = Planner(site.catalogue, site.documents, site.content_dir, site.today, choice)
    read = [(_read(source, base), _shown_source(root, source, base)) for source, base in pages]
    planner.reserve([page for page, _ in read])   # every page's own 索引号 before any is generated
    for page, shown in read:
        planned = planner.plan(page, shown)
        result.planned.append(planned)
        if planned.target is not None:
            path = planned.path = _write(planned, work, root)
            result.written.append(path)
            result.copied[path] = planned.fields.get("attachments", [])
    if result.written:
        checked = load_site(work, content=content, catalogue=catalogue)
        # A file copied for a document is the document's too: an SVG or a web page the saved page showed as a picture
        # or linked is refused by the check (E111), and the document did not pass it.
        owner = {output: planned.path for planned in result.planned for output in planned.outputs}
        for diagnostic in checked.diagnostics:
            if diagnostic.path in owner:
                result.problems.setdefault(owner[diagnostic.path], []).append(_line(diagnostic))
            elif _line(diagnostic) not in before:
                result.others.append(_line(diagnostic))
    return result


def _line(diagnostic) -> str:
    return f"{diagnostic.path}:{diagnostic.line}: {diagnostic.code} {diagnostic.message}"


def _shown_source(root: Path, source: Path, base: Path) -> str:
    """The page as `imported:` and coded lines name it: relative to the site when inside it, else
    from the imported folder's name (never the editor's own absolute path)."""
    absolute = source.resolve()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else shown_path(source, base)


def _read(source: Path, base: Path) -> Page:
    """One page; a page the readers cannot handle is reported and skipped, the batch goes on."""
    try:
        return read_source(source, base)
    except (OSError, RecursionError, ValueError, LookupError) as error:
        page = Page(source=source)
        page.flags.append(Flag(1, f"无法读取此页面（{type(error).__name__}: {error}），未导入；"
                                  "请确认它是完整保存的网页或文本，否则把本行报告给维护人员"))
        return page


def _write(planned: Planned, work: Path, root: Path) -> str:
    """The document and its files (in `work`, the scratch copy of the site at `root`); returns its repository path."""
    page, target = planned.page, planned.target
    body = page.body
    files = target.parent / FILES_FOLDER
    folder = f"{target.parent.relative_to(work).as_posix()}/{FILES_FOLDER}/"
    written = target.relative_to(work).as_posix()
    attachments, images_left_out = [], 0
    planned.outputs.append(written)
    for link, listed in [(a, True) for a in page.attachments] + [(r, False) for r in page.resources]:
        name, refusal = _copy_local(link, page, files)
        if name is None:
            # Never a dead link in the body (it would stop the build): the link is left out, and listed.
            body = _without_link(body, link, image=not listed)
            images_left_out += not listed
            planned.decisions.append(_missing_file(link, listed, folder, refusal, page, written))
            continue
        planned.outputs.append((files / name).relative_to(work).as_posix())
        if name != link.name:   # another file of that name was already there
            body = body.replace(f"{FILES_FOLDER}/{quote(link.name)}", f"{FILES_FOLDER}/{quote(name)}")
        if listed:
            attachments.append({"file": f"{FILES_FOLDER}/{name}", "title": link.title})
    if attachments:
        planned.fields["attachments"] = attachments
    _compare_shape(planned, body, root, written, images_left_out)
    front = yaml.dump(planned.fields, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return written


def _compare_shape(planned: Planned, body: str, root: Path, written: str, images_left_out: int) -> None:
    """The written body, rendered as the site renders it, against the source's shape (W800 when lost)."""
    source = planned.page.shape
    if source is None:
        return   # a text dump: its lines are its paragraphs, one to one
    source = replace(source, images=source.images - images_left_out)
    kept = rendered_shape(render(body, root))
    planned.shape = (source.figures(), kept.figures())
    lost = losses(source, kept) + planned.page.unread
    if lost:
        planned.decisions.append(W800.at(written, 1, f"原页面的形状没有完全保持（{'；'.join(lost)}）；请对照原页面修改正文："
                                                      "每段单独一行，标题行以 ## 开头，表格照原样，要原样显示的符号前加反斜杠").as_text())


def _missing_file(link: Link, listed: bool, folder: str, refusal: str | None, page: Page, written: str) -> str:
    what = f"附件“{link.title}”（{link.href}）" if listed else f"图片 {link.href} "
    if link.served:
        return W800.at(written, 1, f"{what}由原网站的下载程序提供，网页保存时没有随之保存，未导入，正文中只留下链接文字；"
                                   f"请从原网站下载该文件，放到 {folder} 下，并在 attachments 中登记").as_text()
    if refusal:
        return E801.at(page.shown or page.source.as_posix(), 1, f"{what}{refusal}，没有复制，已从正文中去掉链接；"
                                                  f"如确是文件的一部分，请把该文件放到 {folder} 下再登记").as_text()
    if listed:
        return (f"{what}没有随网页保存，未导入；请从原网站下载，放到 {folder} 下，并在 attachments 中登记")
    return (f"{what}没有随网页保存，已从正文中去掉（装饰图标可不管）；如是文件内容，请从原网站下载，"
            f"放到 {folder} 下，在正文原处写 ![说明](files/文件名)")


_LINK = r"(!?)\[((?:[^\]\\]|\\.)*)\]\({target}\)"


def _without_link(body: str, link: Link, image: bool) -> str:
    """The body without the image, or with the link's text only, where a file could not be copied."""
    if link.served:   # its text stays, as a file's name: no link to a program the new site does not have
        return re.sub(_LINK.format(target=re.escape(link.href)), lambda m: m.group(2), body)
    if not link.name:
        return body if not image else re.sub(_LINK.format(target=re.escape(link.href)), "", body)
    target = re.escape(f"{FILES_FOLDER}/{quote(link.name)}")
    return re.sub(_LINK.format(target=target), lambda m: "" if m.group(1) else m.group(2), body)


def _copy_local(link: Link, page: Page, files: Path) -> tuple[str | None, str | None]:
    """Copy a file the saved page points at into `files/`: (its name there, None), or (None, why not)
    — why is None when the file is simply absent or on another site."""
    if not link.name:
        return None, None   # on another site
    source, why = local_file(page, link.href)
    if source is None:
        return None, why
    files.mkdir(parents=True, exist_ok=True)
    name, number = link.name, 1
    stem, dot, suffix = link.name.rpartition(".")
    while (files / name).exists() and (files / name).read_bytes() != source.read_bytes():
        number += 1
        name = f"{stem}-{number}.{suffix}" if dot else f"{link.name}-{number}"
    shutil.copyfile(source, files / name)
    return name, None
