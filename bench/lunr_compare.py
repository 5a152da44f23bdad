"""Why the search index is not a lunr.py index: the same documents through both, measured.

    python bench/lunr_compare.py [500 2000]   # writes bench/lunr-results.json

Each index builds in a child process, so its peak memory is its own. lunr gets the same
bigram tokens our index uses (it cannot segment Chinese itself) and one field per document.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from disclosure.content.documents import split_front_matter
from disclosure.text.chinese import fold
from disclosure.search.text import tokens


def _texts(root: Path) -> list[tuple[str, str, str]]:
    found = []
    for path in sorted((root / "content").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        if parts:
            found.append((path.stem, parts[0], parts[1]))
    return found


def _lunr(texts, answer) -> None:
    from lunr import lunr
    started = time.perf_counter()
    documents = [{"id": name, "body": " ".join(tokens(fold(body)))} for name, _, body in texts]
    index = lunr(ref="id", fields=["body"], documents=documents)
    data = json.dumps(index.serialize(), ensure_ascii=False).encode("utf-8")
    answer.send({"seconds": round(time.perf_counter() - started, 1), "index_mb": round(len(data) / 1e6, 1),
                 "gzip_mb": round(len(gzip.compress(data, 6)) / 1e6, 2),
                 "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})


def _ours(texts, answer) -> None:
    from disclosure.search.index import SearchDocument, SearchIndexBuilder
    from disclosure.search.text import Segmenter
    started = time.perf_counter()
    builder = SearchIndexBuilder(Segmenter([]), [])
    for name, _, body in texts:
        builder.add(SearchDocument(url=name, title=name, type_name="", category="", published=None, year=None), body)
    files = builder.files()
    total = sum(len(content) for content in files.values())
    answer.send({"seconds": round(time.perf_counter() - started, 1), "index_mb": round(total / 1e6, 1),
                 "gzip_mb": round(sum(len(gzip.compress(c, 6)) for c in files.values()) / 1e6, 2),
                 "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})


def _measure(target, texts) -> dict:
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("spawn").Process(target=target, args=(texts, send))
    process.start()
    result = receive.recv()
    process.join()
    return result


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [500, 2000]
    results = []
    with tempfile.TemporaryDirectory() as work:
        for count in sizes:
            texts = _texts(generate(count, Path(work) / str(count)))
            row = {"documents": count, "lunr_py": _measure(_lunr, texts), "ours": _measure(_ours, texts)}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            results.append(row)
    out = Path(__file__).with_name("lunr-results.json")
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
