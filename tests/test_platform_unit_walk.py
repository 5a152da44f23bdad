"""A unit build walks only its own unit's files, with only the `exclude_docs` lines that can concern them."""

from __future__ import annotations

import random
from pathlib import Path

import pathspec
import pytest
import yaml

from disclosure.content.exclusion_lines import reduced_exclusions

from .platformkit import site_files, write_platform
from .sitekit import build
from .test_platform_core import write

LINES = ["/d001/plans/withheld.md", "/d002/plans/withheld.md", "d002/files/*.txt", "!/d001/plans/keep.md",
         "*.secret", "secret/", r"/d001/a\ b.md", "/d0[0-9]1/x.md", "**/deep.md", "# /d001/comment.md",
         "/plans/gov.md", r"\!bang.md", "/d002", "d003/", "d001/files/", "/d001/", "!d001/files/open.txt", "/d00?/y.md"]
PATHS = ["d001/plans/withheld.md", "d001/plans/keep.md", "d001/x.secret", "d001/secret/a.md", "d001/a b.md",
         "d001/x.md", "d001/q/deep.md", "d001/d003/a.md", "d001/d002/plans/withheld.md", "d001/!bang.md",
         "d001/files/a.txt", "d001/files/open.txt", "d001/y.md", "d001/plans/gov.md", "d001/comment.md", "d001"]


def test_the_reduced_lines_decide_every_path_of_the_unit_as_the_whole_list_does():
    full = pathspec.GitIgnoreSpec.from_lines(LINES)
    reduced = reduced_exclusions(full, ["d001"])
    assert [path for path in PATHS if reduced.match_file(path) != full.match_file(path)] == []
    kept = [pattern.pattern for pattern in reduced.patterns]
    assert "/d002/plans/withheld.md" not in kept and "d002/files/*.txt" not in kept and "/d002" not in kept
    assert "/plans/gov.md" not in kept and "# /d001/comment.md" not in kept
    assert {"*.secret", "/d0[0-9]1/x.md", "**/deep.md", "d003/", "!/d001/plans/keep.md"} <= set(kept)


def test_the_governments_walk_keeps_its_own_lines_and_drops_the_departments():
    full = pathspec.GitIgnoreSpec.from_lines(LINES)
    names = ["plans", "index.md", "secret"]
    reduced = reduced_exclusions(full, names)
    paths = ["plans/gov.md", "plans/x.secret", "secret/a.md", "index.md", "plans/d002/plans/withheld.md", "plans/deep.md"]
    assert [path for path in paths if reduced.match_file(path) != full.match_file(path)] == []
    kept = {pattern.pattern for pattern in reduced.patterns}
    assert not kept & {"/d001/plans/withheld.md", "/d002/plans/withheld.md", "d002/files/*.txt", "/d002", "/d001/",
                       "d001/files/", "!/d001/plans/keep.md"}
    assert {"/plans/gov.md", "d003/", "*.secret", "/d0[0-9]1/x.md"} <= kept   # d003/ may be any folder's d003


@pytest.mark.parametrize("seed", range(5))
def test_random_lines_give_the_same_answer_on_the_units_paths(seed: int):
    """Lines and paths drawn from the same parts, negations and globs included: no difference, ever."""
    rng = random.Random(seed)
    parts = ["d001", "d002", "plans", "files", "*", "**", "x.md", "[a-d]*", "d00?", "a b", "y.txt"]
    lines = []
    for _ in range(60):
        line = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 3)))
        lines.append(rng.choice(["", "/", "!", "!/"]) + line + rng.choice(["", "", "/"]))
    full = pathspec.GitIgnoreSpec.from_lines(lines)
    reduced = reduced_exclusions(full, ["d001"])
    plain = [part for part in parts if not set(part) & set("*?[")]
    paths = ["d001/" + "/".join(rng.choice(plain) for _ in range(rng.randint(1, 3))) for _ in range(400)]
    assert [path for path in paths if reduced.match_file(path) != full.match_file(path)] == []
    assert len(reduced.patterns) < len(full.patterns)


# --- real unit builds ---------------------------------------------------------------------------------------------

WITHHELD = "title: 内部名单\ntype: guide\nindex_no: {no}\npublished: 2025-01-02\ndisclosure: 依申请公开\n" \
           "reason: 含个人信息，依据《中华人民共和国政府信息公开条例》第十五条不主动公开\n{attachments}"
OWN_LINES = ["/jyj/guide/secret.md", "/jyj/guide/files/secret.txt"]
OTHER_LINES = ["/nanqu/guide/hidden.md", "/policies/normative/hidden.md"]


def platform_with_withheld(root: Path, lines: list[str]) -> Path:
    """The toy platform, with a withheld document (and its attachment) in 教育局, 南区 and the government,
    a public 教育局 page linking to its own attachment, and `lines` as exclude_docs."""
    write_platform(root, search=False)
    write(root, "jyj/guide/secret.md", WITHHELD.format(no="JYJ/2025-00009",
                                                         attachments="attachments:\n  - file: files/secret.txt\n"),
          "WITHHELD-JYJ-7Q 名单。\n")
    (root / "content/jyj/guide/files").mkdir(parents=True, exist_ok=True)
    (root / "content/jyj/guide/files/secret.txt").write_text("WITHHELD-JYJ-ATTACHMENT\n", encoding="utf-8")
    (root / "content/jyj/fees/files").mkdir(parents=True, exist_ok=True)
    (root / "content/jyj/fees/files/table.txt").write_text("收费标准表\n", encoding="utf-8")
    write(root, "jyj/fees/fees.md", "title: 收费标准\ntype: guide\nindex_no: JYJ/2025-00002\npublished: 2025-01-02\n"
                                    "attachments:\n  - file: files/table.txt\n    title: 收费标准表\n",
          "见[收费标准表](files/table.txt)。\n")
    write(root, "nanqu/guide/hidden.md", WITHHELD.format(no="NQ/2025-00009", attachments=""))
    write(root, "policies/normative/hidden.md", WITHHELD.format(no="CSF/2025-00019", attachments="")
          .replace("type: guide", "type: policy\ndoc_no: 测政发〔2025〕9号"))
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["exclude_docs"] = "".join(line + "\n" for line in lines)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def unit_build(root: Path, unit: str) -> tuple[object, dict[str, bytes]]:
    tmp = root / "tmp"
    tmp.mkdir(exist_ok=True)
    run = build(root, strict=True, env={"DISCLOSURE_UNIT": unit, "TMPDIR": str(tmp)}, site_dir=root / "units" / unit)
    assert not list(tmp.glob("disclosure-*"))   # the walk's folder of links is gone
    return run, site_files(root / "units" / unit) if run.returncode == 0 else {}


def test_a_unit_build_leaves_out_its_withheld_files_and_keeps_its_own_attachment_links(tmp_path: Path):
    run, files = unit_build(platform_with_withheld(tmp_path / "repo", OWN_LINES + OTHER_LINES), "jyj")
    assert run.returncode == 0, run.output
    assert "jyj/fees/files/table.txt" in files
    assert 'href="../files/table.txt"' in files["jyj/fees/fees/index.html"].decode("utf-8")
    assert not [path for path in files if "secret" in path]
    assert not [path for path, data in files.items() if b"WITHHELD-JYJ" in data]
    assert not [path for path in files if path.startswith(("nanqu/", "policies/", "guide/"))]


def test_another_units_exclude_docs_lines_do_not_change_a_unit_build(tmp_path: Path):
    """Without them, or with one that would hide a public page of another unit (E113 in that unit's build):
    the same bytes."""
    _, with_all = unit_build(platform_with_withheld(tmp_path / "all", OWN_LINES + OTHER_LINES), "jyj")
    run, own_only = unit_build(platform_with_withheld(tmp_path / "own", OWN_LINES), "jyj")
    assert run.returncode == 0, run.output
    run, foreign = unit_build(platform_with_withheld(tmp_path / "foreign", OWN_LINES + ["/nanqu/guide/guide.md"]), "jyj")
    assert run.returncode == 0, run.output
    assert with_all and own_only == with_all and foreign == with_all


def test_a_units_own_missing_exclude_docs_line_still_stops_its_build(tmp_path: Path):
    run, _ = unit_build(platform_with_withheld(tmp_path / "repo", OWN_LINES[1:] + OTHER_LINES), "jyj")
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "content/jyj/guide/secret.md" in run.output and "E113" in run.output


def test_a_broken_link_inside_the_unit_is_still_reported(tmp_path: Path):
    root = platform_with_withheld(tmp_path / "repo", OWN_LINES + OTHER_LINES)
    write(root, "jyj/guide/guide.md", "title: 教育局指南\ntype: guide\nindex_no: JYJ/2025-00001\npublished: 2025-01-02\n",
          "见[附件](files/missing.txt)。\n")
    run, _ = unit_build(root, "jyj")
    assert run.returncode != 0
    assert "E500" in run.output and "content/jyj/guide/guide.md" in run.output


def test_another_units_files_are_not_even_walked(tmp_path: Path):
    """A README.md beside an index.md in 南区 is MkDocs' own warning while it walks; 教育局's build never meets it."""
    root = platform_with_withheld(tmp_path / "repo", OWN_LINES + OTHER_LINES)
    for name in ("index.md", "README.md"):
        (root / "content/nanqu/guide" / name).write_text("# 南区\n", encoding="utf-8")
    run, files = unit_build(root, "jyj")
    assert run.returncode == 0, run.output
    assert "nanqu" not in run.output and "README" not in run.output
    assert "jyj/fees/fees/index.html" in files
