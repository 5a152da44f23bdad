"""One Markdown converter for all the pages of a build, reset between pages.

MkDocs' `Page.render` makes a new `markdown.Markdown` for every page: each extension loaded and
set up again, every processor and pattern built again (0.25 ms a page, 3 s of CPU at 10,000
documents). Python-Markdown's own way to convert many texts is one instance and `reset()` between
them: it empties the references, the HTML stash and every extension that keeps state from text to
text (footnotes, abbreviations, the table of contents, md_in_html, meta: each registers for the
reset). MkDocs' per-page processors (links, anchors, title, raw HTML) are still made by
`Page.render` for each page and registered under their names, replacing the previous page's: the
order of every processor list is that of a new converter.

While a build renders, the host's page module sees `markdown.Markdown` answered by `ConverterReuse`:
the converter made for the build's list of extensions, reset. Only extensions known to keep their
state where `reset()` clears it are reused (Python-Markdown's own and this project's); with any other
(PyMdown, Material's, one given as an object) every page gets a new converter, as the host does.
"""

from __future__ import annotations

import copy
import functools
from importlib.metadata import entry_points

import markdown
from mkdocs.structure import pages as host_pages

_OWN = ("markdown.extensions.", "disclosure.")


class _MarkdownModule:
    """The `markdown` module as the host's page module sees it: `Markdown` is ours, the rest the module's."""

    def __init__(self, make) -> None:
        self.Markdown = make

    def __getattr__(self, name: str):
        return getattr(markdown, name)


class ConverterReuse:
    """`install()` before the page loops, `restore()` after (both safe to repeat)."""

    def __init__(self) -> None:
        self._made: tuple[list, dict, markdown.Markdown] | None = None

    def install(self) -> None:
        host_pages.markdown = _MarkdownModule(self.converter)

    def restore(self) -> None:
        host_pages.markdown = markdown
        self._made = None

    def converter(self, *, extensions: list, extension_configs: dict) -> markdown.Markdown:
        """A converter for `extensions`: the one made for them before, reset; a new one the first time or when
        an extension may keep state that `reset()` does not clear."""
        if not all(map(_resets_cleanly, extensions)):
            return markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        if self._made and self._made[0] == extensions and self._made[1] == extension_configs:
            return self._made[2].reset()
        made = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        try:
            self._made = (list(extensions), copy.deepcopy(extension_configs), made)
        except Exception:  # noqa: BLE001 - a setting that cannot be copied: a new converter every page
            self._made = None
        return made


def _resets_cleanly(extension) -> bool:
    """Python-Markdown's own extensions (by module or by the short name it registers) and this project's."""
    return isinstance(extension, str) and _own_module(extension)


@functools.lru_cache(maxsize=256)
def _own_module(extension: str) -> bool:
    module = extension.split(":", 1)[0]
    if "." not in module:
        found = entry_points(group="markdown.extensions", name=module)
        module = next(iter(found)).value.split(":", 1)[0] if len(found) == 1 else ""
    return module.startswith(_OWN)
