"""Two builds of the same commit with SOURCE_DATE_EPOCH give byte-identical sites."""

import hashlib

from .sitekit import build, copy_example


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    copy_example(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        run = build(tmp_path, site_dir=site)
        assert run.returncode == 0, run.output
    one, two = _digests(first), _digests(second)
    assert len(one) > 100
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
