"""A single agency's pages rendered on every core: same files, same messages in the same order.

The host builds in two loops over the pages (MkDocs 1.6 and ProperDocs alike, `commands/build.py`):
`_populate_page` for every page (Markdown; `on_page_markdown`, `on_page_content`), then `on_env`,
then `_build_page` for every page (the theme's template; `on_page_context`, `on_post_page`; writing
the file). While a build runs, `PageShards` stands in for both functions. At a loop's first page
it forks one worker per extra core. The pages are shared as they are rendered, not cut in advance
(`_Claims`): the build's process takes them one by one from the front, in the host's order, as the
host's loop reaches them; the workers take runs of `_RUN` pages from the back. Where they meet
depends on how fast each goes, so no process waits for another with a core idle (cut in equal
halves, the build's process, which also hands its documents to the search index, finished its half
of a 10,000-document site's first loop 3 s after the worker).

A worker prints nothing. It records, page by page, every log record (before any filter or handler of
the host sees it) and every call that keeps the plugin's state across pages (`in_order`; the
search index, the E400/E401/E403/E404/E600 lists), and after the first loop what the host keeps
on each page (HTML, table of contents, meta, anchors). At the loop's last page the build's process
takes the workers' pages in the host's order: applies each page, then replays its records through
the same loggers and makes its calls. Messages, the strict-mode count, the search index and a
failure are therefore those of one process; a worker's exception is raised after the messages
before it. A page no report holds (its worker killed) is rendered by the build's process.

Workers ignore Ctrl-C and die with the build's process; on any failure the build's process kills
them before the staged site is thrown away (`stop`), so nothing writes into a discarded folder.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import pickle
import signal
import struct
import tempfile
from collections.abc import Callable, Iterator
from typing import BinaryIO
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter

from mkdocs.commands import build as host_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from ..process.signals import die_with_parent
from .host import plugin_log

JOBS_ENV = "DISCLOSURE_JOBS"
IN_SHARDS = "{pages} 个页面由 {jobs} 个进程同时生成"
AUTO_MIN_PAGES = 500
"""With `jobs: 0` (one per core), smaller sites render in one process: a fork is not worth it there."""

_POPULATE, _BUILD = "_populate_page", "_build_page"
_RUN = 8
"""Pages a worker takes at a time (from the back): few enough that the processes end within a page or two of each other."""
_STRUCTURE = {"file", "parent", "children", "previous_page", "next_page"}
"""A page's attributes the navigation sets (not the loops): never sent back."""
_RECORD_FIELDS = ("name", "levelname", "levelno", "pathname", "filename", "module", "lineno", "funcName",
                  "created", "msecs", "relativeCreated", "exc_text", "stack_info")


def chosen_jobs(option: int) -> int:
    """Processes to render with: DISCLOSURE_JOBS when set, else the plugin option; 0 means one per core."""
    try:
        jobs = int(os.environ.get(JOBS_ENV, "").strip() or option)
    except ValueError:
        jobs = option
    return jobs if jobs > 0 else -_cores()


def usable_jobs(jobs: int, pages: int) -> int:
    """How many processes to fork for `pages` pages: `jobs` as chosen (negative: automatic), one when forking cannot help."""
    if not hasattr(os, "fork"):
        return 1
    if jobs < 0:  # automatic: every core, for a site big enough
        jobs = -jobs if pages >= AUTO_MIN_PAGES else 1
    return max(1, min(jobs, pages // 2))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _Claims:
    """Which process renders which page of a loop, decided as they go: the build's process takes pages from the front,
    workers take runs from the back, until they meet.

    The two counters are in memory every process shares (forked after this is made); a POSIX record lock on a
    temporary file guards them: the kernel releases it when its holder dies, so a killed worker never leaves the
    others waiting."""

    def __init__(self, pages: int) -> None:
        self._memory = mmap.mmap(-1, 8)
        self._lock = tempfile.TemporaryFile()
        self._set(0, pages)

    def _get(self) -> tuple[int, int]:
        return struct.unpack_from("ii", self._memory)

    def _set(self, front: int, back: int) -> None:
        struct.pack_into("ii", self._memory, 0, front, back)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)

    def front(self, index: int) -> bool:
        """The build's process: page `index` (the next in order) is its own, unless the workers have taken it."""
        with self._locked():
            front, back = self._get()
            if front != index or front >= back:
                return False
            self._set(front + 1, back)
            return True

    def back(self) -> range:
        """A worker: the next run of pages from the back, in the host's order; empty when none is left."""
        with self._locked():
            front, back = self._get()
            start = max(front, back - _RUN)
            self._set(front, start)
            return range(start, back)

    def taken(self) -> int:
        """How many pages the build's process took from the front (the pages before the workers')."""
        with self._locked():
            return self._get()[0]

    def close(self) -> None:
        self._lock.close()
        self._memory.close()


@dataclass
class _Loop:
    phase: str
    order: list[str]                      # src_uri of every page, in the host's order
    run: Callable[[str], None]            # renders one page as the host would
    claims: _Claims | None = None         # None: every page here, as the host would
    position: dict[str, int] = field(default_factory=dict)   # src_uri -> its place in `order`
    fronted: bool = True                  # the build's process still takes pages from the front
    done: bool = False


@dataclass
class _Worker:
    pid: int
    report: int                            # the read end of its pipe: the outcome, at the end
    pages: BinaryIO                        # the pages, run by run as rendered (a temporary file)


class PageShards:
    """Installed for one build (`install`, then `stop` on every way out); `in_order` for stateful calls."""

    def __init__(self, target: object, jobs: int, checkpoint: Callable[[], None] = lambda: None) -> None:
        self.target = target                # what `in_order`'s paths start from (the plugin)
        self.checkpoint = checkpoint        # raises if the build was told to stop (a signal some code swallowed)
        self.jobs = jobs
        self.events: list | None = None     # a worker's record of what the build's process replays (the page's)
        self.loop: _Loop | None = None
        self.workers: list[_Worker] = []
        self.originals: dict[str, Callable] = {}
        self.replaying = False              # the build's process is making a worker's calls

    # --- the plugin's side

    def install(self) -> None:
        if self.originals:
            return
        self.originals = {name: getattr(host_build, name) for name in (_POPULATE, _BUILD)}
        host_build._populate_page = self._populate
        host_build._build_page = self._build

    def stop(self) -> None:
        """The host's functions back, every worker gone (killed if still running)."""
        for name, function in self.originals.items():
            setattr(host_build, name, function)
        self.originals = {}
        self._end_loop()

    def in_order(self, path: str, *args) -> None:
        """Call `target.<path>(*args)`; in a worker, the build's process makes the call, in page order."""
        if self.events is not None:
            self.events.append(("call", path, args))
        else:
            attrgetter(path)(self.target)(*args)

    def everywhere(self, path: str, *args) -> None:
        """Call `target.<path>(*args)` here (the page's own later checks need it) and, from a worker, in the build's process too."""
        attrgetter(path)(self.target)(*args)
        if self.events is not None:
            self.events.append(("call", path, args))

    # --- standing in for the host's page functions

    def _populate(self, page, config, files: Files, dirty: bool = False) -> None:
        def loop() -> tuple[list[str], Callable[[str], None]]:
            original = self.originals[_POPULATE]
            order = [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
            return order, lambda src_uri: original(files.get_file_from_path(src_uri).page, config, files, dirty)
        self._page(_POPULATE, page.file.src_uri, loop, files)

    def _build(self, page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        def loop() -> tuple[list[str], Callable[[str], None]]:
            original = self.originals[_BUILD]
            by_uri = {file.src_uri: file for file in doc_files}
            return list(by_uri), lambda src_uri: original(by_uri[src_uri].page, config, doc_files, nav, env, dirty,
                                                          excluded=by_uri[src_uri].inclusion.is_excluded())
        self._page(_BUILD, page.file.src_uri, loop, None)

    def _page(self, phase: str, src_uri: str, begin: Callable[[], tuple[list[str], Callable[[str], None]]],
              files: Files | None) -> None:
        """One call of the host's loop: render this page if it is this process's; after the last, collect the workers'."""
        loop = self.loop
        if loop is None or loop.phase != phase or loop.done:
            self._end_loop()
            loop = self.loop = self._start(phase, src_uri, *begin())
        if self.events is not None:
            self._as_worker(loop, files)   # never returns
        if self._mine(loop, src_uri):
            try:
                loop.run(src_uri)
            except BaseException:
                self._end_workers()
                raise
        if src_uri == loop.order[-1]:
            loop.done = True
            if loop.claims is not None:
                self._collect(loop, files)

    @staticmethod
    def _mine(loop: _Loop, src_uri: str) -> bool:
        """The build's process renders this page: no workers, or taken from the front before the workers reached it."""
        if loop.claims is None:
            return True
        if loop.fronted:
            loop.fronted = loop.claims.front(loop.position.get(src_uri, -1))
        return loop.fronted

    def _start(self, phase: str, first: str, order: list[str], run: Callable[[str], None]) -> _Loop:
        jobs = usable_jobs(self.jobs, len(order))
        if jobs < 2 or order[:1] != [first]:
            return _Loop(phase, order or [first], run)   # no workers: every page here, as the host would
        loop = _Loop(phase, order, run, _Claims(len(order)), {src_uri: index for index, src_uri in enumerate(order)})
        for _ in range(jobs - 1):
            read, write = os.pipe()
            pages = tempfile.TemporaryFile()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                self._become_worker(write, pages)
                return loop
            os.close(write)
            self.workers.append(_Worker(pid, read, pages))
        if phase == _POPULATE:
            plugin_log().info(IN_SHARDS.format(pages=len(order), jobs=jobs))
        return loop

    def _end_loop(self) -> None:
        self._end_workers()
        if self.loop is not None and self.loop.claims is not None:
            self.loop.claims.close()
        self.loop = None

    # --- in a worker

    def _become_worker(self, write: int, pages: BinaryIO) -> None:
        for sibling in self.workers:
            os.close(sibling.report)
            sibling.pages.close()
        self.workers = []
        signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the build's process's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        die_with_parent()   # the kernel kills this worker when the build's process ends, however it ends
        self.report_fd, self.pages_file = write, pages
        self.events = []

        def record(logger: logging.Logger, record: logging.LogRecord) -> None:
            self.events.append(("log", _portable(record)))

        logging.Logger.handle = record   # this process only; it never returns to the host

    def _as_worker(self, loop: _Loop, files: Files | None) -> None:
        """Render runs of pages taken from the back until none is left (or one fails), report them and end.

        Each run's pages and records are written as soon as it is rendered, not all at the loop's end: the build's
        process then reads them from the page cache when it gets there, instead of waiting, one core idle, while
        the last worker pickles and pipes 85 MB (a 10,000-document site's first loop)."""
        error = None
        try:
            while (run := loop.claims.back()) and error is None:
                pages: dict[str, dict] = {}
                events: dict[int, list] = {}     # page's place in the host's order -> its records
                for index in run:
                    src_uri = loop.order[index]
                    self.events = events[index] = []
                    try:
                        loop.run(src_uri)
                        if files is not None:
                            pages[src_uri] = _page_state(files.get_file_from_path(src_uri).page)
                    except BaseException as raised:  # noqa: BLE001 - the build's process raises it, after the messages before it
                        error = (index, raised)
                        break
                self.pages_file.write(pickle.dumps((pages, events), protocol=pickle.HIGHEST_PROTOCOL))
            self.pages_file.flush()
            with os.fdopen(self.report_fd, "wb") as stream:
                stream.write(_dumps({"error": error}))
        finally:
            os._exit(0)

    # --- in the build's process

    def _collect(self, loop: _Loop, files: Files | None) -> None:
        """The workers' pages in the host's order: each page's state, then its messages and calls; a page no report
        holds (its worker killed) rendered here; a worker's exception raised after the messages of the pages before it."""
        try:
            events, states, errors = {}, {}, {}
            for worker in list(self.workers):
                self.checkpoint()
                report = self._receive(worker)
                events.update(report["events"])
                states.update(report["pages"])
                if report["error"] is not None:
                    errors.update([report["error"]])
            start = loop.claims.taken()
            if files is not None:
                for src_uri, state in states.items():
                    _apply_state(files.get_file_from_path(src_uri).page, state, files)
            for index in range(start, len(loop.order)):
                self.checkpoint()
                if index not in events:
                    loop.run(loop.order[index])
                    continue
                self.replaying = True
                for event in events[index]:
                    if event[0] == "log":
                        record = logging.makeLogRecord(event[1])
                        logging.getLogger(record.name).handle(record)
                    else:
                        attrgetter(event[1])(self.target)(*event[2])
                self.replaying = False
                if index in errors:
                    raise errors[index]
        finally:
            self.replaying = False
            self._end_workers()

    def _receive(self, worker: _Worker) -> dict:
        """The worker's pages, records and exception, once it has closed its end (written and exited, or been killed):
        as many whole runs as it wrote; killed, no exception (the pages it did not write are rendered here).

        Stopped while waiting (a signal), the worker stays listed: `_end_workers` kills it before
        reaping it, where reaping here would wait for a worker that is still rendering."""
        chunks = []
        while chunk := os.read(worker.report, 1 << 20):
            chunks.append(chunk)
        os.close(worker.report)
        worker.report = -1
        _reap(worker.pid)
        self.workers.remove(worker)
        report = {"pages": {}, "events": {}, "error": None}
        try:
            report["error"] = pickle.loads(b"".join(chunks))["error"]
        except Exception:  # noqa: BLE001 - cut short (killed)
            pass
        with worker.pages as stream:
            stream.seek(0)
            while True:
                try:
                    pages, events = pickle.load(stream)
                except Exception:  # noqa: BLE001 - the end, or a run cut short (killed): its pages are rendered here
                    return report
                report["pages"].update(pages)
                report["events"].update(events)

    def _end_workers(self) -> None:
        for worker in self.workers:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except OSError:
                pass
            _reap(worker.pid)
            if worker.report >= 0:
                os.close(worker.report)
            worker.pages.close()
        self.workers = []


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _dumps(report: dict) -> bytes:
    """A worker's outcome: `error` is None or (the page's place, its exception)."""
    try:
        return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle is raised as the host's own error
        index, error = report["error"]
        report["error"] = (index, PluginError(str(error)))
        return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)


def _portable(record: logging.LogRecord) -> dict:
    """A log record that crosses processes: its message already formatted, its traceback as text."""
    fields = {name: getattr(record, name, None) for name in _RECORD_FIELDS}
    fields["msg"], fields["args"] = record.getMessage(), None
    if record.exc_info and not record.exc_text:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    return fields


def _page_state(page) -> dict:
    """What the first loop left on a page (HTML, toc, meta, title, anchors...), the files it links to by name."""
    state = {name: value for name, value in vars(page).items() if name not in _STRUCTURE and "active" not in name}
    links = state.get("links_to_anchors")
    if links:
        state["links_to_anchors"] = {file.src_uri: anchors for file, anchors in links.items()}
    return state


def _apply_state(page, state: dict, files: Files) -> None:
    links = state.get("links_to_anchors")
    if links:
        state["links_to_anchors"] = {files.get_file_from_path(src_uri): anchors for src_uri, anchors in links.items()}
    vars(page).update(state)
