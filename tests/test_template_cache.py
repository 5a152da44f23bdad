"""Compiled templates are kept between builds (Jinja's bytecode cache), and the cache can only make
a build faster: the same site with or without it, and a damaged or unusable cache is compiled around."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .sitekit import build, paired_policy, write_site


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _cache_files(temp: Path) -> list[Path]:
    return sorted(temp.glob(f"_jinja2-cache-{os.getuid()}/__disclosure_*.cache"))


def test_a_build_keeps_its_compiled_templates_and_builds_the_same_site_from_them(tmp_path: Path):
    root = write_site(tmp_path / "repo", paired_policy())
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    first = build(root, env=env, site_dir=tmp_path / "first")
    assert first.returncode == 0, first.output
    cached = _cache_files(temp)
    assert len(cached) > 10, "Material's templates and ours should be kept compiled"
    stamps = {path: path.stat().st_mtime_ns for path in cached}
    second = build(root, env=env, site_dir=tmp_path / "second")
    assert second.returncode == 0, second.output
    assert {path: path.stat().st_mtime_ns for path in _cache_files(temp)} == stamps   # read, not compiled again
    assert _hashes(tmp_path / "first") == _hashes(tmp_path / "second")


def test_the_language_strings_materials_search_reads_are_kept_compiled_too(tmp_path: Path):
    """Material's search reads its language strings through the theme's environment as MkDocs makes it (not yet
    escaped as ours), three times in its own on_config: those templates are kept compiled as well."""
    from mkdocs.config import load_config

    from disclosure.pages.compiled_templates import cache_compiled_templates

    root = write_site(tmp_path / "repo", paired_policy(), search=True)
    temp = tmp_path / "temp"
    temp.mkdir()
    assert build(root, env={"TMPDIR": str(temp)}).returncode == 0
    as_the_host_makes_it = load_config(str(root / "mkdocs.yml")).theme.get_env()
    pattern = cache_compiled_templates(as_the_host_makes_it).bytecode_cache.pattern
    kept = sorted(temp.glob(f"_jinja2-cache-{os.getuid()}/{pattern.replace('%s', '*')}"))
    assert kept, "the theme's templates as Material's search loads them should be kept compiled"
    stamps = {path: path.stat().st_mtime_ns for path in kept}
    assert build(root, env={"TMPDIR": str(temp)}).returncode == 0
    assert {path: path.stat().st_mtime_ns for path in kept} == stamps


def test_a_damaged_cache_is_compiled_around(tmp_path: Path):
    root = write_site(tmp_path / "repo", paired_policy())
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    assert build(root, env=env, site_dir=tmp_path / "clean").returncode == 0
    for path in _cache_files(temp):
        path.write_bytes(path.read_bytes()[:40] + b"\x00garbage")
    damaged = build(root, env=env, site_dir=tmp_path / "damaged")
    assert damaged.returncode == 0 and "Traceback" not in damaged.output, damaged.output
    assert _hashes(tmp_path / "clean") == _hashes(tmp_path / "damaged")


def test_a_cache_folder_that_is_not_safely_ours_is_not_used(tmp_path: Path):
    root = write_site(tmp_path / "repo", paired_policy())
    temp, planted = tmp_path / "temp", tmp_path / "planted"
    temp.mkdir()
    planted.mkdir()
    (temp / f"_jinja2-cache-{os.getuid()}").symlink_to(planted)   # as another user of a shared /tmp could
    run = build(root, env={"TMPDIR": str(temp)})
    assert run.returncode == 0 and "Traceback" not in run.output, run.output
    assert list(planted.iterdir()) == []


def test_the_theme_files_mkdocs_copies_are_the_same_without_walking_hidden_folders():
    """The theme is listed without entering hidden folders (Material's 14,000 .icons): MkDocs adds the
    same static files to the site as with Jinja's own listing, and a template in a hidden folder still loads."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from disclosure.mkdocs_adapter.templates import _ThemeLoader, list_theme_without_hidden_folders

    from .sitekit import REPO

    config = load_config(str(REPO / "mkdocs.yml"))
    listed_by_jinja = Files([])
    listed_by_jinja.add_files_from_theme(config.theme.get_env(), config)
    list_theme_without_hidden_folders(config.theme)
    env = config.theme.get_env()
    assert isinstance(env.loader, _ThemeLoader)
    listed_by_us = Files([])
    listed_by_us.add_files_from_theme(env, config)
    assert len(listed_by_jinja) > 50
    assert [(f.src_uri, f.abs_src_path) for f in listed_by_us] == [(f.src_uri, f.abs_src_path) for f in listed_by_jinja]
    assert not any(name.startswith(".icons/") for name in env.loader.list_templates())
    assert env.get_template(".icons/material/magnify.svg").render()
