"""What MkDocs copied from content/ into the site is what the checks read (E111).

The build checks content/ when it starts (`on_config`); MkDocs copies the attachments into the site much later, from
the disk. A file written over in between (another program, a second checkout, an editor's sync tool running while
the build does) was published as its new bytes, which no check had read: an attachment the check found clean could
reach the site holding a list of ID numbers. Each copy is compared with the bytes the checks read of its source
(`privacy.attachments.read_digest`); a file no check read (none is published so) is left to the rules that let it.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import Files

from ..codes import E111
from ..codes.diagnostics import Diagnostic
from ..platform.unit_manifest import file_digest
from ..privacy.attachments import read_digest

CHANGED = ("此文件在检查之后、复制进网站之前被改动（生成网站时另有程序写入了它），改动后的内容没有经过检查，网站未更新；"
           "请等写入结束后重新生成网站")


def changed_copies(files: Files, docs_dir: str, content: str) -> list[Diagnostic]:
    """E111 for each file of `docs_dir` MkDocs copied into the site whose bytes are not those the checks read;
    `content`: how content/ is named in the lines."""
    found = []
    for file in files:
        if file.is_documentation_page() or file.generated_by or file.src_dir is None \
                or os.path.normpath(file.src_dir) != os.path.normpath(docs_dir):
            continue
        expected = read_digest(Path(file.abs_src_path))
        if expected is not None and _digest(file.abs_dest_path) != expected:
            found.append(E111.at(f"{content}/{file.src_uri}", 1, CHANGED))
    return found


def _digest(path: str) -> str | None:
    """The copy's SHA-256 as the merge takes a unit file's (read in blocks, not whole); None where it is gone."""
    try:
        return file_digest(path)
    except OSError:
        return None
