"""How a command starts its child processes."""

from __future__ import annotations


def child_context():
    """Forked children where the system has fork and this process runs no other thread: they start with the
    code already imported (a tenth of a second each). Beside another thread (a host's live-reload server) a fork
    would copy it half-way, so the children are new interpreters there."""
    import multiprocessing   # the machinery loads only when a command starts children (the check's start-up)
    import threading
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
