"""The search artefact of a real build: what it holds, what it leaves out, how it fails."""

import gzip
import json
import re

import pytest

from .sitekit import build, interpretation, paired_policy, policy, write_site


def _index_text(site) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((site / "search").rglob("*.json")))


def test_material_indexes_nothing_and_pages_use_our_worker(example_site):
    material = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    page = (example_site / "policies" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert config["search"].endswith("assets/javascripts/disclosure/search-worker.js")
    assert (example_site / "assets/javascripts/disclosure/search-worker.js").is_file()


def test_results_carry_type_date_and_doc_no(example_site):
    rows = [row for chunk in sorted((example_site / "search" / "d").glob("*.json"))
            for row in json.loads(chunk.read_text(encoding="utf-8"))]
    by_url = {row[0]: row for row in rows}
    assert by_url["policies/normative/2023-shelters/"][2:5] == ["规范性文件", "2023-08-30", "示应急规〔2023〕2号"]
    assert len(rows) == len(json.loads((example_site / "catalogue.json").read_text(encoding="utf-8"))["documents"])


def test_non_public_documents_are_in_no_index_file(example_site):
    text = _index_text(example_site)
    for marker in ("WITHHELD-MARKER-7Q3Z", "WITHHELD-MARKER-K8V2P", "WITHHELD-MARKER-M4X9T"):
        assert marker.lower() not in text.lower()
    assert "2025-warehouse-accident-report" not in text


def test_the_first_query_stays_small(example_site):
    manifest = json.loads((example_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    largest_shard = max(len(gzip.compress(p.read_bytes())) for p in (example_site / "search" / "t").glob("*.json"))
    assert manifest["shards"] >= 1 and largest_shard < 64 * 1024


def test_building_without_jieba_fails_instead_of_degrading(tmp_path):
    blocker = tmp_path / "blocked"
    (blocker / "jieba").mkdir(parents=True)
    (blocker / "jieba" / "__init__.py").write_text("raise ImportError('jieba blocked by the test')\n")
    root = write_site(tmp_path / "s", paired_policy(), search=True)
    run = build(root, env={"PYTHONPATH": str(blocker)})
    assert run.returncode != 0
    assert "jieba" in run.output and "Traceback" not in run.output
    assert not (root / "site").exists()


def test_a_user_dictionary_keeps_an_agency_word_whole(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(title="测试县小作坊红黑榜管理办法")
    root = write_site(tmp_path / "s", files, search=True, mkdocs_extra={})
    (root / "search-dict.txt").write_text("红黑榜管理 3000 n\n", encoding="utf-8")
    run = build(root)
    assert run.returncode == 0, run.output
    assert "红黑榜管理" in _index_text(root / "site")


def test_the_budget_warning_fails_a_strict_build(tmp_path):
    root = write_site(tmp_path / "s", paired_policy(), search=True,
                      mkdocs_extra={"plugins": ["search", {"disclosure": {"search_budget_kb": 1}}]})
    run = build(root)
    assert run.returncode != 0
    assert "search_budget_kb" in run.output
    relaxed = build(root, strict=False)
    assert relaxed.returncode == 0 and (root / "site" / "search" / "manifest.json").is_file()


def test_a_malformed_user_dictionary_is_named_with_its_line(tmp_path):
    root = write_site(tmp_path / "s", paired_policy(), search=True)
    (root / "search-dict.txt").write_text("红黑榜 3000 n\n小作坊 很多 n\n", encoding="utf-8")
    run = build(root)
    assert run.returncode != 0
    assert "search-dict.txt 第 2 行" in run.output and "Traceback" not in run.output


def test_the_index_process_gets_documents_in_batches_and_writes_what_one_builder_writes(tmp_path):
    """The build hands documents to the index process in batches (its queue's thread took the GIL from the
    build at every page): 40 documents are 3 messages, not 40, and the index written is the one a
    SearchIndexBuilder fed the same documents one by one writes, file for file."""
    from disclosure.search import background
    from disclosure.search.index import CHUNK_SIZE, SearchIndexBuilder
    from disclosure.search.text import Segmenter

    from .searchplatformkit import CATEGORIES, document
    docs = [document("d1", number, f"关于第{number}号应急预案的通知", f"第{number}条 应急管理局开展隐患排查。")
            for number in range(1, 41)]
    indexer = background.BackgroundIndexer([], None, CATEGORIES, CHUNK_SIZE)
    messages = []
    put = indexer._inbox.put
    indexer._inbox.put = lambda message, **kwargs: (messages.append(message), put(message, **kwargs))[1]
    try:
        for doc, html in docs:
            indexer.add(doc, html)
        indexer.start_writing(tmp_path / "search")
        indexer.written()
    finally:
        indexer.close()
    assert [len(message) for message in messages[:-1]] == [16, 16, 8] and isinstance(messages[-1], background._WriteOrder)
    expected = SearchIndexBuilder(Segmenter([]), CATEGORIES, CHUNK_SIZE)
    for doc, html in docs:
        expected.add(doc, html)
    written = {path.relative_to(tmp_path / "search").as_posix(): path.read_bytes()
               for path in (tmp_path / "search").rglob("*") if path.is_file()}
    assert written == expected.files()


@pytest.mark.parametrize("child", ["writes", "fails"])
def test_the_files_written_by_forked_children_are_the_ones_one_builder_writes(tmp_path, monkeypatch, child):
    """At 2,000 documents or more the index process forks a child that writes the result rows and snippet texts
    (and measures their gzip size) while it works out the weights, and one that writes half the term shards while
    it writes the other half: the same files and the same first-query estimate as one builder's; children that fail
    leave their files to the index process, the same again."""
    import os

    from disclosure.search import background, index
    from disclosure.search.index import SearchIndexBuilder, first_query_bytes
    from disclosure.search.text import Segmenter

    from .searchplatformkit import CATEGORIES, document
    builder = SearchIndexBuilder(Segmenter([]), CATEGORIES, 4)
    for number in range(1, 61):   # chunks of 4: 15 result-row files, of which the estimate counts the largest 10
        builder.add(*document("d1", number, f"关于第{number}号应急预案的通知", f"第{number}条 应急管理局开展隐患排查。" * number))
    monkeypatch.setattr(background, "_FORK_FROM", 1)
    monkeypatch.setattr(index, "SHARD_TARGET_BYTES", 2_000)   # several term shards, so both halves hold some
    parent, measure = os.getpid(), background.gzipped_sizes
    if child == "fails":   # in the child only: it ends without its answer
        monkeypatch.setattr(background, "gzipped_sizes", lambda *args: measure(*args) if os.getpid() == parent else 1 / 0)
    summary = background._write(builder, background.IndexTarget(tmp_path / "search"))
    written = {path.relative_to(tmp_path / "search").as_posix(): path.read_bytes()
               for path in (tmp_path / "search").rglob("*") if path.is_file()}
    expected = builder.files()
    assert written == expected and len(written) > 50
    assert len([name for name in written if name.startswith("t/")]) >= 4
    assert summary == background.IndexSummary(len(expected), first_query_bytes(expected))


def test_the_index_process_is_forked_only_while_no_other_thread_runs():
    """A fork starts with the build's modules loaded (a tenth of a second of a small site's build, a third of the
    suite's search builds with the dictionary read beforehand); beside another thread (MkDocs' live-reload server)
    a fork would copy it half-way, so the index process gets a new interpreter there. Asked in a new interpreter:
    this test's own process may run threads of other tests' tools."""
    import subprocess
    import sys
    script = ("import threading\n"
              "from disclosure.process.children import child_context\n"
              "alone = child_context().get_start_method()\n"
              "release = threading.Event()\n"
              "threading.Thread(target=release.wait).start()\n"
              "beside = child_context().get_start_method()\n"
              "release.set()\n"
              "print(alone, beside)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["fork", "spawn"], (done.stdout, done.stderr)
