"""History (E107): a published document's 索引号 or 发布日期 changed since a Git reference.

Runs only with `disclosure check --against REF`: this module reads the old versions from Git.

E107: what was published stays published as it was.

Compared with a Git reference (the main branch), a document that already exists there must
keep its 索引号 and its 发布日期: an 索引号 never changes, and a backdated 发布日期 is a veto
item in inspections. Corrections go in `corrected:` instead. Git is read with two commands,
whatever the size of the site: one `git diff` for the changed files and one `git cat-file
--batch` for their earlier text.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..codes import E107
from ..codes.diagnostics import Diagnostic
from ..content.documents import split_front_matter
from ..content.model import Document
from ..content.yamlsource import decode_text, load_yaml

FAMILY = "history"


class GitUnavailable(RuntimeError):
    """No Git, no repository, or an unknown reference; the message is for the editor."""


@dataclass(frozen=True)
class Changes:
    """Files under the content folder that differ from the reference, by repository path."""
    modified: dict[str, str]     # path now -> path at the reference (same path unless renamed)
    added: set[str]

    @property
    def paths(self) -> set[str]:
        return set(self.modified) | self.added


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitUnavailable(f"无法运行 git（{error}）；--against 需要在 Git 仓库中使用") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(f"git {' '.join(args[:2])} 失败：{message[-1] if message else done.returncode}")
    return done.stdout


def changes_since(root: Path, reference: str, content: str) -> Changes:
    """Committed, staged and unstaged changes against `reference`, plus new untracked files."""
    base = _git(root, "merge-base", reference, "HEAD").decode().strip() or reference
    out = _git(root, "diff", "--relative", "--name-status", "-M", "-z", base, "--", content).split(b"\0")
    modified, added, index = {}, set(), 0
    while index < len(out) - 1:
        status = out[index].decode()
        if status.startswith("R"):
            modified[out[index + 2].decode()] = out[index + 1].decode()
            index += 3
            continue
        path = out[index + 1].decode()
        if status == "A":
            added.add(path)
        elif status == "M":
            modified[path] = path
        index += 2
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", content).split(b"\0")
    added |= {p.decode() for p in untracked if p}
    return Changes({p: old for p, old in modified.items()}, added)


def _texts_at(root: Path, reference: str, paths: list[str]) -> dict[str, bytes]:
    """File contents at `reference`, all through one `git cat-file --batch`."""
    if not paths:
        return {}
    request = "".join(f"{reference}:./{path}\n" for path in paths).encode("utf-8")  # ./ : relative to root
    out, texts, position = _git(root, "cat-file", "--batch", stdin=request), {}, 0
    for path in paths:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            position = header_end + 1
            continue
        size = int(header[2])
        texts[path] = out[header_end + 1:header_end + 1 + size]
        position = header_end + 1 + size + 1
    return texts


def _published_fields(raw: bytes, path: str) -> dict:
    text, _ = decode_text(raw, path)
    parts = split_front_matter(text or "")
    if not parts:
        return {}
    data = load_yaml(parts[0], path).data
    return data if isinstance(data, dict) else {}


def history_diagnostics(root: Path, reference: str, changes: Changes, documents: list[Document]) -> list[Diagnostic]:
    """E107 for every document whose 索引号 or 发布日期 differs from the reference."""
    by_path = {doc.path: doc for doc in documents}
    relevant = {path: old for path, old in changes.modified.items() if path in by_path}
    earlier = _texts_at(root, reference, sorted(set(relevant.values())))
    found = []
    for path, old_path in sorted(relevant.items()):
        before, doc = _published_fields(earlier.get(old_path, b""), old_path), by_path[path]
        now = {"index_no": doc.index_no, "published": doc.published.isoformat() if doc.published else None}
        for key, label, rule in (("index_no", "索引号", "索引号一经发布不得更改"),
                                 ("published", "发布日期", "发布日期不得倒签或改动")):
            was = str(before.get(key)) if before.get(key) is not None else None
            if was and was != now[key]:
                found.append(E107.at(path, doc.line_of(key), f"{label}由 {was} 改为 {now[key]}；{rule}，请改回 {was}；"
                                        "内容有误请在 corrected 字段写明更正说明"))
    return found
