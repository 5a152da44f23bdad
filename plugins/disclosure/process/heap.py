"""What a build has read, kept out of the garbage collector's rescans while the pages render."""

from __future__ import annotations

import gc

# How much more the pages may allocate between two young collections than Python's default (700 objects): a page
# makes and drops thousands of objects (Markdown's tree, Jinja's contexts), nearly all freed by their reference
# counts; a young collection only finds the survivors of the last few pages again.
YOUNG_SPAN = 10


class FrozenHeap:
    """`gc.freeze()` between a build's phases, `gc.unfreeze()` at its end.

    A build of 10,000 documents holds the site it read, the navigation and, after the first page loop,
    every page's HTML and table of contents, to its end. Python's collector rescanned every object it tracks
    at each full collection (ten in such a build's process, up to 0.2 s each, and more in the page workers
    and the index process, which inherit the heap), though none of them becomes garbage before the build
    ends. Frozen, they are no longer scanned; what the pages make afterwards is collected as before, with
    young collections YOUNG_SPAN times rarer. Released at the end of the build (or its failure), so that
    a process that goes on (a preview, a profiler) collects the build's objects with the usual thresholds."""

    def __init__(self) -> None:
        self.frozen = False
        self.thresholds = gc.get_threshold()

    def freeze(self) -> None:
        """Every object alive now is left out of later collections until `release`."""
        gc.freeze()
        if not self.frozen:
            self.thresholds = gc.get_threshold()
            gc.set_threshold(self.thresholds[0] * YOUNG_SPAN, *self.thresholds[1:])
        self.frozen = True

    def release(self) -> None:
        """The frozen objects are collected as usual again, with the thresholds they had."""
        if self.frozen:
            gc.unfreeze()
            gc.set_threshold(*self.thresholds)
            self.frozen = False
