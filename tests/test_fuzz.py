"""Hostile input never produces a traceback: random front matter, Markdown and bytes.

The check runs in-process on hundreds of generated sites; the real build on a smaller
sample (each build is a process). Every failure must be a coded line.
"""

import datetime as dt
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from disclosure.content.fields import FIELD_LABELS
from disclosure.rules.check import load_site

from .sitekit import build, paired_policy, write_site

CODED = re.compile(r"^\S+:\d+: [EWI]\d{3} \S")
CASES = {"check": 0, "build": 0}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=40), st.dates().map(str), st.sampled_from(["2024-02-30", "〔2019〕63号", "T001/2024-00001"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)
keys = st.one_of(st.sampled_from(sorted(FIELD_LABELS)), st.text(min_size=1, max_size=12))
front_matter = st.dictionaries(keys, values, max_size=12)
markdown = st.text(alphabet=st.sampled_from(list("#-*>|`[]()<>!\n 　一二三、（）标题正文号〔〕0123456789scriptonerror=\"'/:.")),
                   max_size=400)


def _file(front: dict, body: str) -> str:
    try:
        text = yaml.safe_dump(front, allow_unicode=True)
    except yaml.YAMLError:
        text = "{}\n"
    return f"---\n{text}---\n{body}"


content_files = st.one_of(
    st.builds(_file, front_matter, markdown),
    st.binary(max_size=300),
    st.builds(lambda body: "---\n" + body, markdown),  # a fence that never closes
    st.text(max_size=200).map(lambda t: f"---\n{t}\n---\n"),  # arbitrary YAML text
)


@pytest.fixture(scope="module", autouse=True)
def report_case_count(request):
    """How many generated cases ran, in the test log and in .pytest_cache (fuzz/cases)."""
    yield
    print(f"\nfuzz cases run: check {CASES['check']}, build {CASES['build']}")
    if getattr(request.config, "cache", None) is not None:   # absent under -p no:cacheprovider
        request.config.cache.set("fuzz/cases", dict(CASES))


def _assert_coded(lines):
    for line in lines:
        assert CODED.match(line.as_text()), line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(files=st.lists(content_files, min_size=1, max_size=3))
def test_check_never_raises(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("fuzz")
    site_files = paired_policy()
    site_files.update({f"notices/f{index}.md": data for index, data in enumerate(files)})
    write_site(root, site_files)
    site = load_site(root, today=dt.date(2026, 11, 22))
    _assert_coded(site.diagnostics)
    CASES["check"] += 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=content_files)
def test_build_never_shows_a_traceback(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzzbuild")
    site_files = paired_policy()
    site_files["notices/fuzz.md"] = data
    run = build(write_site(root, site_files), strict=False)
    assert "Traceback" not in run.output, run.output
    if run.returncode != 0:
        assert run.coded_lines(), run.output
    CASES["build"] += 1


