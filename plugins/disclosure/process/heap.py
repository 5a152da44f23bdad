"""What a build has read, kept out of the garbage collector's rescans while the pages render."""

from __future__ import annotations

import gc


class FrozenHeap:
    """`gc.freeze()` between a build's phases, `gc.unfreeze()` at its end.

    A build of 10,000 documents holds the site it read, the navigation and, after the first page loop,
    every page's HTML and table of contents, to its end. Python's collector rescans every object it tracks
    at each full collection (ten in such a build's process and seven in each page worker, about 0.15 s
    each at the end), though none of them becomes garbage before the build ends. Frozen, they are no
    longer scanned (the forked page workers inherit that); what the pages make afterwards is collected as
    before. Released at the end of the build (or its failure), so that a process that builds again (a
    preview) collects the previous build's objects."""

    def __init__(self) -> None:
        self.frozen = False

    def freeze(self) -> None:
        """Every object alive now is left out of later collections until `release`."""
        gc.freeze()
        self.frozen = True

    def release(self) -> None:
        """The frozen objects are collected as usual again."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
