"""`disclosure check` keeps what it read in `.cache/disclosure/`: it must never change what is reported.

A generated corpus (bench/generate.py) with problems planted in several files is checked by the
real command with `--no-cache` and with the cache (first run, second run, after edits, only some
files, a damaged or planted cache file): every line, its order and the exit code are the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import sys
from pathlib import Path

import pytest

from disclosure.content import documents as documents_module
from disclosure.content.model import Document
from disclosure.content.read_cache import CACHE_FOLDER, FORMAT
from disclosure.rules.check import load_site

from .sitekit import check

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate  # noqa: E402

EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


def _plant(root: Path) -> list[str]:
    """Problems of several kinds in several files; returns the files' repository paths."""
    files = sorted(p for p in (root / "content").rglob("*.md") if p.name != "index.md")
    chosen = files[3], files[17], files[29], files[41], files[55], files[70]
    missing_field, broken_yaml, personal, placeholder, dead_link, damaged = chosen
    text = missing_field.read_text(encoding="utf-8")
    missing_field.write_text("\n".join(line for line in text.split("\n") if not line.startswith("index_no:")), encoding="utf-8")
    broken_yaml.write_text(broken_yaml.read_text(encoding="utf-8").replace("title: ", "title: 关于: ", 1), encoding="utf-8")
    _append(personal, "\n联系人手机 13912345678，身份证号 110101199003074477。\n")
    _append(placeholder, "\n【请填写：正文】\n")
    _append(dead_link, "\n详见[附件](files/no-such-file.pdf)和[另一文件](../no-such/page.md)。\n")
    _append(damaged, "\n促进经济生產(chǎn)稳步发展。\n")
    (root / "content" / missing_field.parent.name / "stray.txt").write_text("无人引用", encoding="utf-8")
    attaching, allowing = files[80], files[90]
    _front(attaching, "attachments:\n- file: files/名单.txt\n  title: 名单")
    (attaching.parent / "files").mkdir(exist_ok=True)
    (attaching.parent / "files" / "名单.txt").write_text("名单见正文", encoding="utf-8")
    _front(allowing, "allow_personal_info:\n- value: '13912345678'\n  reason: 举报电话")
    _append(allowing, "\n举报电话 13912345678。\n")
    long_heading, loading, marked = files[100], files[110], files[115]   # read only by E109's limits, by the theme's
    _append(long_heading, "\n## " + "长" * 1001 + "\n")                   # classes, by the marks that join digits
    _append(loading, "\n```mermaid\ngraph TD\n```\n")
    _append(marked, "\n联系电话 1380013^^8^^000，邮箱 8000@example.cn。\n")
    return [p.relative_to(root).as_posix() for p in chosen + (attaching, allowing, long_heading, loading, marked)]


def _front(file: Path, lines: str) -> None:
    """`lines` added at the end of the file's front matter."""
    text = file.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    file.write_text(text[:end] + "\n" + lines + text[end:], encoding="utf-8")


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    root = generate(120, tmp_path_factory.mktemp("cache") / "site")
    return root, _plant(root)


def _same(root: Path, *args: str) -> tuple[str, str, int]:
    """The uncached and the cached run of `disclosure check ARGS`, which must agree; returns the cached one."""
    plain = check(root, "--no-cache", *args, env=EPOCH)
    cached = check(root, *args, env=EPOCH)
    assert (cached.stdout, cached.stderr, cached.returncode) == (plain.stdout, plain.stderr, plain.returncode)
    assert "Traceback" not in cached.output
    return cached.stdout, cached.stderr, cached.returncode


def test_cached_runs_report_exactly_what_uncached_runs_report(corpus):
    root, planted = corpus
    cache = root / CACHE_FOLDER
    first = _same(root)
    assert (cache / "documents-site.pickle").is_file() and (cache / "CACHEDIR.TAG").is_file()
    stdout, _, returncode = first
    assert returncode == 1
    for code in ("E100", "E101", "E400", "E108", "E500", "W601", "E111", "I400"):
        assert f" {code} " in stdout, code   # the planted problems are found at all
    assert _same(root) == first   # the second run takes every document from the cache

    # Only some bodies (a pre-commit hook), from entries a full run made, then a full run again.
    _same(root, *planted[2:4])
    _same(root, planted[0])
    assert _same(root) == first


def test_an_edit_is_read_again(corpus, tmp_path):
    root, planted = corpus
    _same(root)
    personal = root / planted[2]
    clean = root / planted[5]
    personal.write_text(personal.read_text(encoding="utf-8").replace("13912345678", "0000-12345678"), encoding="utf-8")
    _append(clean, "\n举报电话 13812345678。\n")
    stdout, _, _ = _same(root)
    assert any(line.startswith(f"{planted[5]}:") and " E400 " in line for line in stdout.splitlines())
    _same(root, planted[5])
    # A focused run leaves entries without the body scan: the full run after it reads those bodies again.
    _append(clean, "\n【请填写：落款】\n")
    _same(root, planted[0])
    assert "【请填写：落款】" in _same(root)[0]
    # An attachment removed without its page changing: never taken from the cache.
    (root / planted[6]).parent.joinpath("files", "名单.txt").unlink()
    assert f"{planted[6]}:" in _same(root)[0]


def test_a_damaged_or_planted_cache_file_is_not_used(corpus, tmp_path):
    root, _ = corpus
    cache_file = root / CACHE_FOLDER / "documents-site.pickle"
    changes_file = root / CACHE_FOLDER / "documents-site.changes.pickle"
    reference = _same(root)
    cache_file.write_bytes(b"not a pickle")
    assert _same(root) == reference
    sentinel = tmp_path / "sentinel"
    sentinel.write_text("x")

    class Planted:
        def __reduce__(self):
            import os
            return (os.remove, (str(sentinel),))

    entries = _whole_entries(root)
    _plant_whole(root, {key: pickle.dumps(Planted()) for key in entries})
    assert _same(root) == reference
    cache_file.write_bytes(pickle.dumps(Planted()))
    assert _same(root) == reference
    tag, entries = pickle.loads(cache_file.read_bytes())[1:]
    changes_file.write_bytes(pickle.dumps((FORMAT, tag, {key: Planted() for key in entries}, [])))
    assert _same(root) == reference
    changes_file.write_bytes(pickle.dumps(Planted()))
    assert _same(root) == reference
    assert sentinel.exists()


def test_a_planted_entry_made_of_the_allowed_classes_is_read_again(corpus):
    """The unpickler lets a document, its line map and dates be named; an entry built of them otherwise than this
    code builds it (a field missing, a field too many, a line map of another shape, another allowed class in the
    document's place) is read again."""
    from disclosure.content.yamlsource import LineMap
    root, _ = corpus
    reference = _same(root)
    entries = _whole_entries(root)
    for number, (key, (document, *rest)) in enumerate(entries.items()):
        if document is None:   # a file whose front matter could not be read
            continue
        if number % 4 == 0:
            del document.__dict__["title"]
        elif number % 4 == 1:
            document.__dict__["planted"] = "x"
        elif number % 4 == 2:
            document.lines = (document.lines.offset, document.lines.lines)   # the shape of an older version
        else:
            document = LineMap()
        entries[key] = (document, *rest)
    _plant_whole(root, entries)
    assert _same(root) == reference


def _whole_entries(root: Path) -> dict:
    """The entries of the cache's whole file and of its changes file, as the command reads them."""
    from disclosure.content.read_cache import _load, _with_changes
    folder = root / CACHE_FOLDER
    tag, whole = _load(folder / "documents-site.pickle")
    return _with_changes(whole, tag, folder / "documents-site.changes.pickle")


def _plant_whole(root: Path, entries: dict) -> None:
    """`entries` as the cache's whole file (no changes file)."""
    (root / CACHE_FOLDER / "documents-site.pickle").write_bytes(pickle.dumps((FORMAT, b"planted-tag", entries)))
    (root / CACHE_FOLDER / "documents-site.changes.pickle").unlink(missing_ok=True)


def test_an_edit_is_saved_as_a_changes_file_for_its_own_whole_file_only(corpus, monkeypatch):
    import disclosure.content.site as site_module
    root, planted = corpus
    folder = root / ".cache" / "changes"
    whole_file, changes_file = folder / "documents-site.pickle", folder / "documents-site.changes.pickle"
    parsed = []
    real = documents_module.document_parts
    monkeypatch.setattr(site_module, "document_parts", lambda raw, file, path, *args: parsed.append(path) or real(raw, file, path, *args))
    today = dt.date(2025, 11, 24)
    load_site(root, today=today, cache=folder)
    whole = whole_file.read_bytes()
    assert not changes_file.exists()
    _append(root / planted[3], "\n另行通知。\n")
    parsed.clear()
    edited = load_site(root, today=today, cache=folder)
    assert sorted(parsed) == sorted([planted[3], planted[6]])
    assert whole_file.read_bytes() == whole and changes_file.exists()   # only the change was written
    parsed.clear()
    again = load_site(root, today=today, cache=folder)
    assert parsed == [planted[6]]   # the edited page's new entry came from the changes file
    assert again.diagnostics == edited.diagnostics == load_site(root, today=today).diagnostics
    # Written against another whole file (here: the same entries under another tag), the changes are not applied.
    format_, _, entries = pickle.loads(whole)
    whole_file.write_bytes(pickle.dumps((format_, b"another whole file", entries)))
    parsed.clear()
    assert load_site(root, today=today, cache=folder).diagnostics == edited.diagnostics
    assert sorted(parsed) == sorted([planted[3], planted[6]])


def test_a_second_run_reads_only_what_changed(corpus, monkeypatch):
    root, planted = corpus
    folder = root / ".cache" / "counted"
    parsed = []
    real = documents_module.document_parts

    def counted(raw, file, path, *args):
        parsed.append(path)
        return real(raw, file, path, *args)

    import disclosure.content.site as site_module
    monkeypatch.setattr(site_module, "document_parts", counted)
    today = dt.date(2025, 11, 24)
    first = load_site(root, today=today, cache=folder)
    assert len(parsed) == len(first.documents) + 1   # every file, the one with broken YAML too
    parsed.clear()
    second = load_site(root, today=today, cache=folder)
    assert parsed == [planted[6]]   # its attachments are other files: read every time
    assert second.diagnostics == first.diagnostics
    _append(root / planted[4], "\n另见[说明](../no-such/other.md)。\n")
    parsed.clear()
    third = load_site(root, today=today, cache=folder)
    assert sorted(parsed) == sorted([planted[4], planted[6]])
    assert third.diagnostics == load_site(root, today=today).diagnostics


def _fields(site) -> list[dict]:
    """Every document's fields; its category and type as the catalogue's own objects."""
    names = [f.name for f in dataclasses.fields(Document) if f.name not in ("category", "doc_type")]
    return [{**{name: getattr(doc, name) for name in names},
             "category": doc.category is site.catalogue.category_at(doc.category.path) and doc.category.path,
             "doc_type": doc.doc_type is site.catalogue.types.get(doc.type) and doc.type} for doc in site.documents]


def test_documents_read_on_every_core_or_from_the_cache_are_those_read_without_it(corpus, monkeypatch, tmp_path):
    import disclosure.content.site as site_module
    root, _ = corpus
    today = dt.date(2025, 11, 24)
    plain = load_site(root, today=today)
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 2)   # the second run parses only the page with attachments
    spread, real = [], site_module._parse_pool
    monkeypatch.setattr(site_module, "_parse_pool", lambda *args: spread.append(True) or real(*args))
    for run in range(2):   # parsed by worker processes, then taken from the cache
        cached = load_site(root, today=today, cache=tmp_path / "cache")
        assert cached.diagnostics == plain.diagnostics
        assert _fields(cached) == _fields(plain)
    assert spread == [True]


def test_a_platform_check_reports_the_same_with_its_units_cached(tmp_path):
    from bench.generate import generate_platform
    root = generate_platform(2, 40, tmp_path / "platform")
    department = sorted((root / "content" / "d002").rglob("*.md"))
    government = sorted(p for p in (root / "content").rglob("*.md") if "/d00" not in p.as_posix())
    _append(department[5], "\n联系人手机 13912345678。\n")
    _front(government[7], "validity: 作废了")
    first = _same(root)
    assert " E400 " in first[0] and " E102 " in first[0]
    assert sorted(p.name for p in (root / CACHE_FOLDER).glob("*.pickle")) == [
        "documents-d001.pickle", "documents-d002.pickle", "documents-gov.pickle"]
    assert _same(root) == first
    _same(root, "--unit", "d002")
    _same(root, department[5].relative_to(root).as_posix())


def test_entries_that_gain_their_body_scan_are_kept(corpus, monkeypatch):
    """A focused run caches pages without their body scan; the whole run after it scans them, and that is saved."""
    import disclosure.content.site as site_module
    root, planted = corpus
    folder = root / ".cache" / "upgraded"
    parsed = []
    real = documents_module.document_parts
    monkeypatch.setattr(site_module, "document_parts", lambda raw, file, path, *args: parsed.append(path) or real(raw, file, path, *args))
    today = dt.date(2025, 11, 24)
    load_site(root, today=today, focus={planted[0]}, cache=folder)
    load_site(root, today=today, cache=folder)
    parsed.clear()
    load_site(root, today=today, cache=folder)
    assert parsed == [planted[6]]   # only the page with attachments, as ever


def test_a_cache_made_on_another_machine_is_never_trusted(corpus, tmp_path):
    """A `.cache/disclosure` committed in a pull request: its author can work out every part of a key but this
    machine's secret, so entries saying "no problems" for a file with an ID number are never read here."""
    import shutil
    root = shutil.copytree(corpus[0], tmp_path / "site")
    author, reviewer = {**EPOCH, "XDG_CACHE_HOME": str(tmp_path / "author")}, {**EPOCH, "XDG_CACHE_HOME": str(tmp_path / "ci")}
    assert " E400 " in check(root, env=author).stdout
    entries = _whole_entries(root)
    cleared = {key: (document, chars, [], [], *rest) if "E400" in str([*problems, *(body_problems or [])]) else entry
               for key, entry in entries.items() for document, chars, problems, body_problems, *rest in [entry]}
    assert cleared != entries
    _plant_whole(root, cleared)
    assert " E400 " not in check(root, env=author).stdout   # the author's own machine: the forged entries are read
    _plant_whole(root, cleared)
    assert " E400 " in check(root, env=reviewer).stdout      # any other machine: read again


def test_a_body_is_known_plain_only_where_the_rules_scans_find_nothing(corpus, tmp_path):
    """A document taken from the cache whose body the rules' readings found nothing in (`Site.body_scan`, E109's limits,
    the texts its markup joins with every mark on) is not read for them again (round 37a): only those, most documents, and
    none whose body was changed since."""
    from disclosure.content.read_cache import body_known_plain
    from disclosure.text.limits import limit_problems
    from disclosure.content.documents import joined_sources
    from disclosure.text.markup import EVERY_MARK, BodyScan, scan_body, table_marker_allowed
    root, planted = corpus
    today, folder = dt.date(2025, 11, 24), tmp_path / "cache"
    load_site(root, today=today, cache=folder)
    documents = load_site(root, today=today, cache=folder).documents
    known = {doc.path for doc in documents if body_known_plain(doc)}
    assert known <= {doc.path for doc in documents if not limit_problems(doc.body)
                     and scan_body(doc.body, table_marker_allowed(doc)) == BodyScan([], [], [])
                     and not joined_sources(doc.body, doc.body_line, EVERY_MARK | {"{:"})}
    assert not known & set(planted[8:]) and len(known) > len(documents) * 3 // 4
    changed = next(doc for doc in documents if doc.path in known)
    changed.body += "\n[链接](nothing.md)\n"
    assert not body_known_plain(changed)

