"""A platform built unit by unit and merged is the site a single full build makes, byte for byte.

Real builds: `mkdocs build` (every unit in one process, then the assembly) against
`disclosure build --jobs 2` (each unit its own MkDocs process into build/units/<id>, then
`disclosure merge`), every file of both trees hashed. Then a one-department rebuild after a
change in that department's folder updates site/ exactly as a full build of the new content.
On the toy platform of test_platform_core; on the example platform when examples/platform/ exists.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import signal
import time
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BuiltBothWays
from .platformkit import write_platform
from .sitekit import REPO, build, environment

pytestmark = pytest.mark.skipif(importlib.util.find_spec("disclosure.platform.unit_manifest") is None,
                                reason="the plugin's unit mode (branch build) is not merged yet")

EXAMPLE_PLATFORM = REPO / "examples" / "platform"


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(one: dict[str, str], other: dict[str, str]) -> list[str]:
    only = sorted(set(one) ^ set(other))
    changed = sorted(path for path in set(one) & set(other) if one[path] != other[path])
    return [f"只在一边：{path}" for path in only] + [f"内容不同：{path}" for path in changed]


def platforms() -> list:
    found = [pytest.param("toy", id="toy")]
    if (EXAMPLE_PLATFORM / "catalogue.yaml").exists():
        found.append(pytest.param("example", id="example"))
    return found


def _copy_example(root: Path) -> Path:
    shutil.copytree(EXAMPLE_PLATFORM, root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    config = root / "mkdocs.yml"   # its templates are found relative to the example's folder in the repository
    config.write_text(config.read_text(encoding="utf-8").replace("custom_dir: ../../overrides",
                                                                 f"custom_dir: {REPO / 'overrides'}"), encoding="utf-8")
    return root


def disclosure(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosure.cli.main", *args], cwd=root, capture_output=True, text=True,
                          env=environment(), timeout=600)


@pytest.fixture(scope="module", params=platforms())
def built_both_ways(request, tmp_path_factory):
    """The platform built in one MkDocs process (`full`) and unit by unit, then merged (`root`/site);
    both builds of the toy platform, and the whole build of the example's, are the session's (conftest.py)."""
    if request.param == "toy":
        return request.getfixturevalue("toy_platform_both_ways")
    root = _copy_example(tmp_path_factory.mktemp("identity") / "platform")
    full = request.getfixturevalue("example_platform_site")   # examples/platform/ itself, built whole
    return BuiltBothWays(root, full, disclosure(root, "build", "--jobs", "2"))


def test_units_merged_equal_one_full_build(built_both_ways):
    merged = built_both_ways.merged
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert re.search(r"^\[[^\]]*教育局\] ", merged.stdout, re.M)   # each unit's lines carry its name
    site = built_both_ways.root / "site"
    hashes = tree_hashes(site)
    assert differences(tree_hashes(built_both_ways.full), hashes) == []
    assert {"catalogue.json", "catalogue.csv", "feed.xml", "sitemap.xml", "sitemap.xml.gz", "search/manifest.json"} <= set(hashes)
    if (built_both_ways.root / "content" / "jyj/interpretations/n2.md").exists():   # the toy platform: 教育局 interprets the government's policy
        policy = (site / "policies/normative/p2/index.html").read_text(encoding="utf-8")
        assert "jyj/interpretations/n2/" in policy and "测试市教育局" in policy


def test_one_department_rebuilt_equals_a_full_build_of_the_change(built_both_ways, tmp_path: Path):
    """From the units and the site of a merged build (a copy of the one above: the units' outputs as
    they were handed over, the merged site as published), one department changes and is rebuilt."""
    assert built_both_ways.merged.returncode == 0, built_both_ways.merged.stdout + built_both_ways.merged.stderr
    platform_root = tmp_path / "platform"
    shutil.copytree(built_both_ways.root, platform_root, symlinks=True)
    # 教育局 (jyj) on both platforms: one of its public documents gets a new title.
    changed = next(p for p in sorted((platform_root / "content" / "jyj").rglob("*.md"))
                   if p.name != "index.md" and "disclosure:" not in p.read_text(encoding="utf-8"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("title: ", "title: 修订后的", 1), encoding="utf-8")
    rebuilt = disclosure(platform_root, "build", "--unit", "jyj")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    full = build(platform_root, strict=False, site_dir=platform_root / "site-full")
    assert full.returncode == 0, full.output
    site = tree_hashes(platform_root / "site")
    assert differences(tree_hashes(platform_root / "site-full"), site) == []
    assert "修订后的" in (platform_root / "site" / "catalogue.json").read_text(encoding="utf-8")


def test_ctrl_c_stops_every_unit_build_and_keeps_the_site(tmp_path: Path):
    for attempt in range(3):
        process, root = _interrupted_platform_build(tmp_path / f"attempt-{attempt}")
        _, errors = process.communicate(timeout=120)
        if process.returncode != 0:
            break
        # The toy units are small: on a loaded machine they may finish between the look and the signal.
    assert process.returncode == 130 and "已中断" in errors and "Traceback" not in errors
    deadline = time.monotonic() + 30
    while _build_processes(root) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _build_processes(root)
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "旧网站"


def _interrupted_platform_build(folder: Path) -> tuple[subprocess.Popen, Path]:
    """`disclosure build --jobs 2` with an old site/, sent Ctrl-C once its unit builds write their staged output."""
    root = write_platform(folder / "platform")
    units = folder / "units-being-built"
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("旧网站", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "disclosure.cli.main", "build", "--jobs", "2", "--units-dir", str(units)],
                               cwd=root, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(units.glob("*.building")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(units.glob("*.building")), "the unit builds never started"
    process.send_signal(signal.SIGINT)
    return process, root


def _build_processes(root: Path) -> list[int]:
    """The processes working in the platform's folder other than this one: the command, its unit builds (forked by
    its zygote or started anew), the zygote, their search index processes."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int(entry.name) != os.getpid() and os.readlink(entry / "cwd") == str(root):
                found.append(int(entry.name))
        except OSError:
            pass   # ended meanwhile, or another user's
    return found
