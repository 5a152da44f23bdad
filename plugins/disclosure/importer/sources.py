"""One old page read into a `Page`: bytes decoded, damage repaired, HTML or text parsed."""

from __future__ import annotations

from pathlib import Path

from .decode import decode
from .page import Page
from ..text.conversion import repair_text

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".aspx", ".php")
TEXT_SUFFIXES = (".txt",)


def find_sources(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(pages to import, paths that are neither a page nor a folder of pages), in a stable order."""
    found, missing = [], []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES + TEXT_SUFFIXES
                            and not any(part.endswith("_files") for part in p.relative_to(path).parts[:-1]))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(found)), missing


def read_source(path: Path) -> Page:
    text, encoding = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repaired, repairs, flags = repair_text(text)
    page = Page(source=path, encoding=encoding, repairs=repairs, flags=flags)
    if path.suffix.lower() in HTML_SUFFIXES or repaired.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        from .htmlpage import read_html
        return read_html(page, repaired)
    from .textpage import read_text
    return read_text(page, repaired)
