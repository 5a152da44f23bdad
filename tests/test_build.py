"""The real `mkdocs build`: errors stop it, warnings stop only --strict, and site/ is never half-written."""

from .sitekit import build, paired_policy, policy, write_site


def test_errors_fail_the_build_with_coded_lines_and_no_traceback(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(doc_no="测市监规[2024]1号")
    files["notices/x.md"] = "没有文件头"
    run = build(write_site(tmp_path, files), strict=False)
    assert run.returncode != 0
    lines = run.coded_lines()
    assert any(line.startswith("content/policies/a.md:6: E105 ") for line in lines)
    assert any(line.startswith("content/notices/x.md:1: E100 ") for line in lines)
    assert "Traceback" not in run.output
    assert not (tmp_path / "site").exists()


def test_warnings_fail_only_strict_builds(tmp_path):
    files = paired_policy()
    files["interpretations/a.md"] = files["interpretations/a.md"].replace("published: '2024-03-05'", "published: '2024-03-20'")
    root = write_site(tmp_path, files)
    relaxed = build(root, strict=False)
    assert relaxed.returncode == 0, relaxed.output
    assert any(" W200 " in line for line in relaxed.coded_lines())
    assert (root / "site" / "index.html").is_file()
    strict = build(root, strict=True)
    assert strict.returncode != 0


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    root = write_site(tmp_path, paired_policy())
    assert build(root).returncode == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content" / "policies" / "a.md").write_text(policy(issued="2099-01-01"), encoding="utf-8")
    assert build(root).returncode != 0
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (root / "site.building").exists()


def test_strict_abort_after_rendering_also_keeps_the_previous_site(tmp_path):
    root = write_site(tmp_path, paired_policy())
    assert build(root).returncode == 0
    marker = (root / "site" / "index.html").read_bytes()
    # A dead Markdown link is a MkDocs warning raised while pages are rendered.
    (root / "content" / "policies" / "a.md").write_text(policy(body="见[附件](missing.md)。\n"), encoding="utf-8")
    assert build(root, strict=True).returncode != 0
    assert (root / "site" / "index.html").read_bytes() == marker
    assert not (root / "site.building").exists()


def test_a_successful_rebuild_replaces_the_site(tmp_path):
    root = write_site(tmp_path, paired_policy())
    assert build(root).returncode == 0
    (root / "site" / "stale.html").write_text("old")
    assert build(root).returncode == 0
    assert not (root / "site" / "stale.html").exists()
    assert (root / "site" / "policies" / "a" / "index.html").is_file()
