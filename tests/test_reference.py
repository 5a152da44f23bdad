"""docs/reference.md is what the code says: generated from the schema and the registry, and the
kinds of value it promises are the ones the reader enforces."""

import datetime as dt
import subprocess
import sys

import pytest

from disclosure.content.fields import DATE, FIELD_CHOICES, FIELD_KINDS, FIELD_LABELS, TEXT, TEXTS, YEAR
from disclosure.rules.check import load_site

from .sitekit import REPO, front_matter, paired_policy, write_site

TODAY = dt.date(2026, 11, 22)


def test_the_committed_reference_is_the_generated_one():
    run = subprocess.run([sys.executable, "tools/reference.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_check_fails_when_the_page_drifts(tmp_path, monkeypatch):
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import reference
    finally:
        sys.path.remove(str(REPO / "tools"))
    page = tmp_path / "reference.md"
    page.write_text(reference.render().replace("| E201 |", "| E209 |"), encoding="utf-8")
    monkeypatch.setattr(reference, "PAGE", page)
    assert reference.main(["--check"]) == 1
    assert reference.main([]) == 0 and reference.main(["--check"]) == 0


def test_every_front_matter_key_has_a_kind_and_every_code_is_listed():
    assert set(FIELD_KINDS) == set(FIELD_LABELS)
    page = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    assert all(f"| `{key}` |" in page for key in FIELD_LABELS)
    assert all(value in page for values in FIELD_CHOICES.values() for value in values)


WRONG = {TEXT: {"a": 1}, DATE: "2024年3月5日", YEAR: "二〇二四", TEXTS: [{"a": 1}]}


@pytest.mark.parametrize("key", [k for k, kind in FIELD_KINDS.items() if kind in WRONG or k in FIELD_CHOICES])
def test_the_reader_enforces_the_kind_the_reference_promises(tmp_path, key):
    value = "不是可选的值" if key in FIELD_CHOICES else WRONG[FIELD_KINDS[key]]
    files = paired_policy()
    fields = {"title": "通知", "type": "notice", "index_no": "T001/2024-00009", "published": "2024-03-05"}
    files["notices/a.md"] = front_matter(**{**fields, key: value})
    root = write_site(tmp_path, files)
    found = [(d.path, d.code) for d in load_site(root, today=TODAY).diagnostics if key in d.message]
    assert ("content/notices/a.md", "E102") in found, found
