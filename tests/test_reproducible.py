"""Two builds of the same commit with SOURCE_DATE_EPOCH give byte-identical sites."""

import hashlib

from .sitekit import build, copy_example


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, example_site):
    """The session's build of the example (conftest.py) and another, in another folder and a new interpreter
    (its own string hash seed: an order taken from a set or a hash would show here)."""
    copy_example(tmp_path)
    run = build(tmp_path, site_dir=tmp_path / "second", fresh=True)
    assert run.returncode == 0, run.output
    one, two = _digests(example_site), _digests(tmp_path / "second")
    assert len(one) > 100
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
