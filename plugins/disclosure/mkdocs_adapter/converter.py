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

The reused converter also passes over a text that holds nothing any inline pattern needs (`_PlainInline`):
Python-Markdown tries its fourteen inline patterns on every paragraph, heading and cell, a regular
expression search each, and a paragraph of official prose (no ` \\ [ < & * _ and no line break) matches
none of them. Half of Python-Markdown's time on such a document (0.65 ms of 1.45 ms).
"""

from __future__ import annotations

import copy
import functools
import re

import markdown
from markdown import inlinepatterns
from markdown.treeprocessors import InlineProcessor
from markdown.util import get_installed_extensions
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
        inline = made.treeprocessors["inline"] if "inline" in made.treeprocessors else None
        if type(inline) is InlineProcessor:
            inline.__class__ = _PlainInline   # the same object and place in the list; see _PlainInline
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
        # Markdown's own list of the installed extensions, read once a process (as it resolves a short name itself):
        # asking importlib.metadata again read every installed package's metadata, 15 % of a small site's build.
        found = [point for point in get_installed_extensions() if point.name == module]
        module = found[0].value.split(":", 1)[0] if len(found) == 1 else ""
    return module.startswith(_OWN)


# What each of Python-Markdown's own inline patterns needs in a text to match it, by its regular expression:
# one of these strings (test_converter_reuse searches each expression in texts without them).
NEEDS = {
    inlinepatterns.BACKTICK_RE: ("`",), inlinepatterns.ESCAPE_RE: ("\\",), inlinepatterns.LINK_RE: ("[",),
    inlinepatterns.IMAGE_LINK_RE: ("![",), inlinepatterns.AUTOLINK_RE: ("<",), inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",), inlinepatterns.HTML_RE: ("<",), inlinepatterns.ENTITY_RE: ("&",),
}


def needed(patterns) -> re.Pattern | None:
    """A search for anything one of `patterns` needs to match; None when a pattern is not known here."""
    found: list[str] = []
    for pattern in patterns:
        regex = pattern.getCompiledRegExp() if isinstance(pattern, inlinepatterns.InlineProcessor) else None
        if isinstance(pattern, inlinepatterns.DelimiterProcessor) and regex.pattern == "|".join(map(re.escape, pattern.tokens)):
            found += pattern.tokens          # emphasis: its delimiters (* and _)
        elif regex is not None and regex.pattern in NEEDS:
            found += NEEDS[regex.pattern]
        else:
            return None
    return re.compile("|".join(map(re.escape, dict.fromkeys(found)))) if found else None


class _PlainInline(InlineProcessor):
    """Python-Markdown's inline step, passing over a text in which no inline pattern can match.

    Its own step tries each pattern on the text and, when none matches, returns the text as it was: here
    the text is returned at once when it holds nothing any pattern needs (`needed`). Any pattern not known
    here (an extension's) and every text holding one of those strings goes through Python-Markdown's step."""

    def run(self, tree, ancestors=None):
        self._needed = needed(self.inlinePatterns)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self._needed is not None and not self._needed.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)
