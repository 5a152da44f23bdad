"""Building the search index in a second process while the site renders.

Tokenising 10,000 documents takes a fifth of a build. MkDocs renders pages on one core; a
second process takes each document as soon as its page is rendered, so on a two-core runner
the index costs almost no wall time. Documents arrive in page order, so the index (and the
site) is the same byte for byte as an in-process build would write.

A platform's build indexes each unit (the government, each department) apart: documents come
with their unit's id, each unit gets its own builder (the same segmenter), and each is written
to its own IndexTarget: its ``search/units/<unit>/`` folder and its contribution to the platform
index (platform.py).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..process.children import child_context
from ..process.signals import die_with_parent, signals_deferred
from ..text.chinese import SegmenterUnavailable
from .index import (
    CHUNK_SIZE,
    SearchCategory,
    SearchDocument,
    SearchIndexBuilder,
    first_query_bytes,
    gzipped_sizes,
)
from .platform import contribution
from .text import Segmenter

# Documents go over in batches: the queue's feeder thread then wakes once a batch, not once a page. Each
# wake-up took the GIL from the build's thread as it opened the next page's file, and under load the
# build waited milliseconds a page for it back (most of the wall time MkDocs' read_source showed).
_BATCH = 16
_QUEUE_DEPTH = 32  # batches in flight (512 documents); bounds the memory the queue holds
_PATIENCE = 1.0  # seconds between checks that the index process is still there
_GRACE = 5.0  # seconds a stopped index process gets before it is killed


@dataclass(frozen=True)
class IndexSummary:
    files: int
    first_query_bytes: int


@dataclass(frozen=True)
class IndexTarget:
    """Where one unit's index is written: its ``search/`` folder and, in a platform, its contribution file."""
    search_dir: Path
    contribution: Path | None = None


@dataclass(frozen=True)
class _Failure:
    message: str


class BackgroundIndexer:
    """`add` documents in order, `start_writing` the ``search/`` folder, wait until `written`; `close` always.

    `categories` is the site's list of categories, or in a platform a dict unit id -> the unit's
    list: then every document is added with its unit's id and `start_writing` takes a dict unit
    id -> IndexTarget.
    """

    def __init__(self, extra_words: list[str], user_dictionary: Path | None,
                 categories: list[SearchCategory] | dict[str, list[SearchCategory]], chunk_size: int = CHUNK_SIZE):
        Segmenter.require()  # fail now, in the editor's terminal, not later in the other process
        Segmenter.check_dictionary(user_dictionary)
        context = child_context()   # forked where safe: the build's modules already loaded
        self._inbox = context.Queue(maxsize=_QUEUE_DEPTH)
        # At exit Python waits for the queue's feeder thread to flush into the pipe; after the
        # other process is gone nobody reads it, and a failed build would hang for ever.
        # Nothing is lost: a successful build waits for the index process's answer instead.
        self._inbox.cancel_join_thread()
        self._answer, answer_end = context.Pipe(duplex=False)
        self._batch: list[tuple[SearchDocument, str, str | None]] = []
        self._process = context.Process(target=_serve, name="disclosure-search-index", daemon=True,
                                        args=(self._inbox, answer_end, extra_words, user_dictionary, categories, chunk_size))
        _start_deaf_to_ctrl_c(self._process)
        answer_end.close()
        _start_feeder(self._inbox)

    def add(self, doc: SearchDocument, html: str, unit: str | None = None) -> None:
        self._batch.append((doc, html, unit))
        if len(self._batch) >= _BATCH:
            self._send_batch()

    def _send_batch(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._put(batch)

    def start_writing(self, target: Path | IndexTarget | dict[str, IndexTarget]) -> None:
        """No more documents: the index is written into `target` while the caller goes on."""
        self._send_batch()
        self._put(_WriteOrder(target if isinstance(target, (IndexTarget, dict)) else IndexTarget(target)))

    def _put(self, message) -> None:
        """Queue a message; SegmenterUnavailable, not a hang, when the index process died on a full queue."""
        while True:
            try:
                return self._inbox.put(message, timeout=_PATIENCE)
            except queue.Full:
                if not self._process.is_alive():
                    raise SegmenterUnavailable("搜索索引进程意外退出") from None

    def written(self) -> IndexSummary:
        """Wait for the files; SegmenterUnavailable if the index could not be built."""
        try:
            outcome = self._answer.recv()
        except EOFError:
            outcome = _Failure("搜索索引进程意外退出")
        self._process.join()
        if isinstance(outcome, _Failure):
            raise SegmenterUnavailable(outcome.message)
        return outcome

    def close(self) -> None:
        """Stop the index process (if still running) and let go of the queue; never blocks for long."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(_GRACE)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._inbox.close()
        self._answer.close()


@dataclass(frozen=True)
class _WriteOrder:
    target: IndexTarget | dict[str, IndexTarget]


def _serve(inbox, answer, extra_words, user_dictionary, categories, chunk_size) -> None:
    """The second process: index every document, then write the files when given the folder."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # as a new interpreter has it: a forked one has the build's handler
    _die_with_parent()
    _import_jieba_alone()
    failure, builders = None, {}
    try:
        segmenter = Segmenter(extra_words, user_dictionary)
        units = categories if isinstance(categories, dict) else {None: categories}
        builders = {unit: SearchIndexBuilder(segmenter, listed, chunk_size) for unit, listed in units.items()}
    except SegmenterUnavailable as error:
        failure = _Failure(str(error))
    except Exception as error:  # noqa: BLE001 - reported in the build's terminal, not as a child's traceback
        failure = _Failure(f"搜索分词组件无法初始化（{type(error).__name__}: {error}）")
    while not isinstance(message := inbox.get(), _WriteOrder):
        for doc, html, unit in message:   # a batch of documents, in order
            if failure:
                break  # keep draining, so the build never blocks on a full queue
            try:
                builders[unit].add(doc, html)
            except SegmenterUnavailable as error:
                failure = _Failure(f"{doc.url}: {error}")
            except KeyError:
                failure = _Failure(f"{doc.url}: 未知的单位“{unit}”")
    answer.send(failure or _write_all(builders, message.target))
    answer.close()


def _import_jieba_alone() -> None:
    """Import jieba without pkg_resources, in this process that runs nothing else.

    jieba's `_compat` imports pkg_resources only to open its own files, and opens them by path
    when it cannot; importing pkg_resources is 80 ms of this process's start, which for a small
    site is on the build's critical path. A failed import is left to the Segmenter to report."""
    sys.modules.setdefault("pkg_resources", None)   # None: "import pkg_resources" raises ImportError
    try:
        import jieba  # noqa: F401
    except ImportError:
        pass
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]


def _start_feeder(inbox) -> None:
    """Start the queue's feeder thread now (an empty batch), with Ctrl-C and SIGTERM held back meanwhile. It
    starts at the first put otherwise, anywhere in the pages, and a stop signal handled while Thread.start()
    waits for the new thread leaves that thread half-registered: Python printed a traceback of its own
    (KeyError in threading's _limbo) beside the build's one line. Held, the signal is handled a moment later."""
    with signals_deferred():
        inbox.put([])


def _start_deaf_to_ctrl_c(process: multiprocessing.Process) -> None:
    """Start `process` with SIGINT ignored from its first instruction (an ignored signal survives exec),
    so a Ctrl-C while it imports prints no traceback of its own."""
    if threading.current_thread() is not threading.main_thread():
        process.start()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, previous)


def _die_with_parent() -> None:
    """The build owns this process: it must not outlive it, however the build ends.

    Ctrl-C reaches every process of the terminal's group; the build decides what to do, so this
    process ignores it (and prints no traceback of its own). If the build is killed outright, a
    watcher thread sees the parent's sentinel close and ends this process at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)
    threading.Thread(target=watch, name="disclosure-parent-watch", daemon=True).start()


def _write_all(builders: dict, target: IndexTarget | dict[str, IndexTarget]) -> IndexSummary:
    """Every unit's index; the summary counts all files and the largest first query of a unit."""
    targets = target if isinstance(target, dict) else {None: target}
    summaries = [_write(builders[unit], where) for unit, where in targets.items()]
    return IndexSummary(sum(s.files for s in summaries), max((s.first_query_bytes for s in summaries), default=0))


def _write(builder: SearchIndexBuilder, target: IndexTarget) -> IndexSummary:
    """The unit's files. From 2,000 documents, forked children write and measure most of them while this process
    goes on: the documents' own files (result rows d/, snippet texts x/: 10,000 at 10,000 documents) while it works
    out the weights, then half the term shards while it writes the other half. The build waits for the index
    after its pages with the other core idle; none of these files changes with who writes it."""
    fork = len(builder.passages) >= _FORK_FROM
    documents = _Written(builder.document_files, target.search_dir, ("d/", "x/"), fork)
    terms = builder.term_plan()
    half = terms.shards // 2
    later = _Written(lambda: terms.shard_files(range(half, terms.shards)), target.search_dir, ("t/",), fork)
    early = _Written(lambda: terms.shard_files(range(half)), target.search_dir, ("t/",), fork=False)
    files, weights = terms.files, terms.weights
    _write_files(files, target.search_dir)
    if target.contribution:
        target.contribution.parent.mkdir(parents=True, exist_ok=True)
        target.contribution.write_bytes(contribution(builder, weights).to_bytes())
    term_sizes = early.gzipped()["t/"] + later.gzipped()["t/"]   # the children in the reverse order of their forks
    gzipped = {**documents.gzipped(), "t/": term_sizes}
    return IndexSummary(len(files) + terms.shards + documents.count, first_query_bytes(files, gzipped=gzipped))


def _write_files(files: dict[str, bytes], folder: Path) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


_FORK_FROM = 2000   # documents: below, a fork costs more than it saves (a platform's index writes 200 units)


class _Written:
    """Files made by `make`, written into `folder` and the gzip sizes of those in `prefixes` measured (`gzipped`
    waits for them), in a forked child when `fork`. Several at once: `gzipped` in the reverse order of the forks
    (each restores the SIGTERM handler it found).

    Not forked (`fork` false, or no fork on this system), or when the child fails (killed, or an error writing),
    this process makes, writes and measures them itself in `gzipped`: the same files, and an error writing raised
    here as without the child. The child dies with this process (a SIGTERM here ends it first), so nothing writes
    into a discarded site."""

    def __init__(self, make: Callable[[], dict[str, bytes]], folder: Path, prefixes: tuple[str, ...],
                 fork: bool) -> None:
        self.make, self.folder, self.prefixes, self.pid, self.count = make, folder, prefixes, None, 0
        if not (fork and hasattr(os, "fork")):
            return
        read, write = os.pipe()
        self.previous = signal.signal(signal.SIGTERM, self._end_child) or signal.SIG_DFL
        pid = os.fork()
        if pid == 0:
            os.close(read)
            self._in_child(write)
        os.close(write)
        self.pid, self.answer = pid, read

    def _in_child(self, write: int) -> None:
        code = 1
        try:
            die_with_parent()
            answer = self._made()
            with os.fdopen(write, "wb") as stream:
                stream.write(pickle.dumps(answer))
            code = 0
        finally:
            os._exit(code)

    def _made(self) -> tuple[int, dict[str, list[int]]]:
        files = self.make()
        _write_files(files, self.folder)
        return len(files), {prefix: gzipped_sizes(files, prefix) for prefix in self.prefixes}

    def _end_child(self, number, frame) -> None:
        """SIGTERM (the build stopped): the child goes first, then this process, as the signal would have ended it."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        signal.signal(signal.SIGTERM, self.previous)   # an earlier child's handler, or the default: the process ends
        os.kill(os.getpid(), signal.SIGTERM)

    def gzipped(self) -> dict[str, list[int]]:
        """Prefix -> the gzip sizes of its files (`count`: how many files were written), once they are written."""
        answer = None
        if self.pid:
            chunks = []
            while chunk := os.read(self.answer, 1 << 16):
                chunks.append(chunk)
            os.close(self.answer)
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            signal.signal(signal.SIGTERM, self.previous)
            if os.waitstatus_to_exitcode(status) == 0:
                answer = pickle.loads(b"".join(chunks))
        self.count, sizes = answer or self._made()
        return sizes
