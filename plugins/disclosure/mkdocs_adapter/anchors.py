"""Readable heading ids on every site, whatever its mkdocs.yml says (unless it names its own slugify)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..text.anchors import slugify

_TOC_NAMES = ("toc", "markdown.extensions.toc")


def use_readable_anchors(config: MkDocsConfig) -> None:
    """Give the toc extension our slugify; an agency's copied or older mkdocs.yml needs no change."""
    names = [name for name in config.markdown_extensions if name in _TOC_NAMES] or ["toc"]
    if names[0] not in config.markdown_extensions:
        config.markdown_extensions.append(names[0])
    config.mdx_configs.setdefault(names[0], {}).setdefault("slugify", slugify)


def page_anchors(files: Files, src_uri: str) -> list[str]:
    """The ids a rendered page offers as link targets (empty for a page not rendered)."""
    file = files.get_file_from_path(src_uri)
    page = file.page if file else None
    return sorted(getattr(page, "present_anchor_ids", None) or ())
