"""The example platform (examples/platform/) and the bench generator's platform mode.

The example is a fictional city government with four departments in three groups; two departments
publish the interpretations of the government's own policies (by 索引号, across units). It must
check clean as a whole, every unit on its own rules, and never let a withheld file out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from disclosure.content.catalogue_file import load_catalogue
from disclosure.platform.site import load_platform

from .sitekit import FIXED_EPOCH, REPO

EXAMPLE = REPO / "examples" / "platform"


def _copy_example(folder: Path) -> Path:
    """The example platform copied to `folder`, its theme folder (custom_dir, relative to the repository) kept."""
    root = shutil.copytree(EXAMPLE, folder)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("custom_dir: ../../overrides", f"custom_dir: {REPO / 'overrides'}"),
                                     encoding="utf-8")
    return root
TODAY = dt.date(2026, 11, 22)   # the day of FIXED_EPOCH: the example's columns are fresh on it
# Cross-unit interpretations the example must keep: (interpreting unit, its 索引号, the government's policy).
CROSS = [("jyj", "SJYJ/2025/0031", "SZF0001/2025-00021"), ("yjj", "EX0001/2026-00011", "SZF0001/2026-00011")]


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:]) or {}


def documents(content: Path) -> dict[str, dict]:
    """Every document's front matter by its path under content/ (the pages without a type left out)."""
    found = {}
    for path in sorted(content.rglob("*.md")):
        meta = front_matter(path)
        if "type" in meta:
            found[path.relative_to(content).as_posix()] = meta
    return found


def withheld_files(content: Path) -> set[str]:
    """The `exclude_docs` lines the guide asks for: each non-public document and each file it attaches."""
    lines = set()
    for name, meta in documents(content).items():
        if meta.get("disclosure", "主动公开") == "主动公开":
            continue
        lines.add("/" + name)
        for item in meta.get("attachments") or []:
            lines.add("/" + (Path(name).parent / item["file"]).as_posix())
    return lines


def exclude_docs(root: Path) -> set[str]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return {line.strip() for line in config["exclude_docs"].splitlines() if line.strip()}


@pytest.fixture(scope="module")
def model():
    catalogue, problems = load_catalogue(EXAMPLE / "catalogue.yaml", "catalogue.yaml")
    assert problems == [] and catalogue is not None
    return catalogue


@pytest.fixture(scope="module")
def platform():
    return load_platform(EXAMPLE, today=TODAY)


# --- the example's shape ------------------------------------------------------------------------

def test_catalogue_declares_a_platform_of_four_departments_in_three_groups(model):
    assert model.is_platform and model.platform.name == "示例市政府信息公开平台"
    units = model.platform.units
    assert [u.id for u in units] == ["gov", "yjj", "jyj", "slq", "dcjd"]
    assert units[0].name == "示例市人民政府"
    assert len(model.platform.departments) >= 4
    assert [group for group, _ in model.platform.grouped()] == ["政府部门", "县区", "乡镇街道"]
    # Who approves what (CODEOWNERS / approval rules): the 政务公开办 and one team per department, all distinct.
    owners = [u.owners for u in units]
    assert all(owners) and len(set(owners)) == len(owners)


def test_departments_use_the_standard_tree_with_additions_or_their_own(model):
    unit = {u.id: u.catalogue for u in model.platform.units}
    standard = [c.id for c in unit["gov"].categories()]
    assert [c.id for c in unit["yjj"].categories()] == standard
    assert [c.id for c in unit["jyj"].categories()] == standard + ["admission", "fees"]
    assert {c.path for c in unit["jyj"].categories()} >= {"jyj/policies/normative", "jyj/admission"}
    for own in ("slq", "dcjd"):
        assert not set(c.path.split("/", 1)[1] for c in unit[own].categories()) & {c.path for c in unit["gov"].categories()}


def test_every_unit_has_its_own_index_pattern_and_its_documents_match_only_it(model, platform):
    patterns = {u.id: re.compile(u.catalogue.agency.index_pattern) for u in model.platform.units}
    assert len({p.pattern for p in patterns.values()}) == len(patterns)
    for site in platform.sites:
        for doc in site.documents:
            matching = [unit for unit, pattern in patterns.items() if pattern.match(doc.index_no)]
            assert matching == [site.unit_id], (doc.path, doc.index_no, matching)


def test_each_unit_has_8_to_20_documents_of_the_kinds_an_office_publishes(platform):
    for site in platform.sites:
        docs = site.documents
        types = {d.type for d in docs}
        assert 8 <= len(docs) <= 20, (site.unit_id, len(docs))
        assert {"guide", "interpretation", "annual-report", "budget"} <= types, (site.unit_id, types)
        assert any(d.type == "annual-report" and d.year == 2025 for d in docs), site.unit_id
        withheld = [d for d in docs if not d.is_public]
        assert withheld and all(d.reason for d in withheld), site.unit_id
        interpreted = {i for d in docs if d.type == "interpretation" for i in d.interprets}
        assert interpreted & {d.index_no for d in docs}, f"{site.unit_id}: no document with its own interpretation"


# --- the example checks clean, across units ----------------------------------------------------

def test_the_whole_platform_checks_with_no_error_and_no_warning(platform):
    assert [d.as_text() for d in platform.diagnostics] == []
    assert [site.unit_id for site in platform.sites] == ["gov", "yjj", "jyj", "slq", "dcjd"]


def test_the_check_command_passes_on_the_example(tmp_path):
    run = subprocess.run([str(Path(sys.executable).parent / "disclosure"), "check", "--strict"], cwd=EXAMPLE,
                         capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": FIXED_EPOCH, "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert not re.search(r": [EW]\d{3} ", run.stdout + run.stderr), run.stdout + run.stderr


def test_departments_interpret_the_governments_policies_across_units(platform):
    for unit, interpretation, policy in CROSS:
        found = platform.cross.links[("gov", policy)]["interpretations"]
        assert [(r.unit, r.index_no) for r in found] == [(unit, interpretation)]
        back = platform.cross.links[(unit, interpretation)]["interprets"]
        assert [(r.unit, r.index_no) for r in back] == [("gov", policy)]


def test_the_government_also_interprets_its_own_policies(platform):
    government = platform.site("gov")
    own = {d.index_no for d in government.documents if d.type == "policy"}
    interpreted = {i for d in government.documents if d.type == "interpretation" for i in d.interprets}
    assert len(own & interpreted) >= 2


def test_a_broken_cross_unit_reference_is_reported_with_file_and_line(tmp_path):
    root = _copy_example(tmp_path / "platform")
    path = root / "content" / "jyj" / "interpretations" / "2025-campus-safety.md"
    path.write_text(path.read_text(encoding="utf-8").replace("SZF0001/2025-00021", "SZF0001/2025-00029"), encoding="utf-8")
    found = [d.as_text() for d in load_platform(root, today=TODAY).diagnostics]
    assert any(t.startswith("content/jyj/interpretations/2025-campus-safety.md:6: E200") for t in found), found
    assert any(t.startswith("content/policies/normative/2025-campus-safety.md:4: E201") for t in found), found


# --- nothing withheld is published ---------------------------------------------------------------

def test_every_withheld_file_and_nothing_else_is_in_exclude_docs():
    expected = withheld_files(EXAMPLE / "content")
    assert len(expected) >= 6   # one non-public document per unit, and one attachment
    assert {line.split("/")[1] for line in expected} >= {"policies", "yjj", "jyj", "slq", "dcjd"}
    assert exclude_docs(EXAMPLE) == expected


def test_a_withheld_file_left_out_of_exclude_docs_is_reported(tmp_path):
    root = _copy_example(tmp_path / "platform")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  /slq/zdly/shjz/files/subsistence-roster.txt\n", ""), encoding="utf-8")
    found = [d.as_text() for d in load_platform(root, today=TODAY).diagnostics]
    assert [t.split(": ", 1)[0] + " " + t.split(" ")[1] for t in found] == \
        ["content/slq/zdly/shjz/files/subsistence-roster.txt:1 E113"], found


# --- the generator's platform mode ---------------------------------------------------------------

def generate(*args: str | Path) -> None:
    run = subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), *map(str, args)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "platform"
    generate("--platform", 3, 20, root)
    return root


def test_generated_platform_is_deterministic(generated, tmp_path):
    generate("--platform", 3, 20, tmp_path / "again")
    assert tree_hash(tmp_path / "again") == tree_hash(generated)


def test_generated_platform_has_the_government_and_departments_and_checks_without_error(generated):
    platform = load_platform(generated, today=TODAY)
    assert [(s.unit_id, len(s.documents)) for s in platform.sites] == [("gov", 20), ("d001", 20), ("d002", 20), ("d003", 20)]
    # 20 documents cannot keep eleven columns fresh: only W301 (栏目未更新) may remain at this size.
    assert [d.as_text() for d in platform.diagnostics if not d.as_text().split(" ")[1].startswith("W301")] == []
    cross = [key for key, links in platform.cross.links.items() if key[0] == "gov" and links.get("interpretations")]
    assert cross, "the third department should interpret some of the government's policies"


# 200 generated documents, content/ only. Bench results are compared across commits: a change to what
# the single-agency generator writes must be deliberate (then update this hash and say so in bench/README.md).
SINGLE_AGENCY_200 = "8930ea1d48182fbc386c3fd1380ccb5f509d172beb43bf10ea60a1ddc6bbb64a"


def test_single_agency_output_is_unchanged(tmp_path):
    generate(200, tmp_path / "site")
    assert tree_hash(tmp_path / "site" / "content") == SINGLE_AGENCY_200


@pytest.fixture(scope="module")
def built_example(example_platform_site) -> Path:
    return example_platform_site


def test_the_example_exports_list_interpretations_and_replacements_across_units(built_example):
    import json
    for path in ("catalogue.json", "gov/catalogue.json"):
        found = {r["index_no"]: r for r in json.loads((built_example / path).read_text(encoding="utf-8"))["documents"]}
        for _unit, note_no, policy_no in CROSS:
            assert note_no in found[policy_no]["interpretations"], (path, policy_no)
        assert found["SZF0001/2019-00031"]["superseded_by"] == "yjj:EX0001/2025-00014"
    yjj = {r["index_no"]: r for r in json.loads((built_example / "yjj/catalogue.json").read_text(encoding="utf-8"))["documents"]}
    assert yjj["EX0001/2025-00014"]["replaces"] == ["SZF0001/2019-00031"]


def test_the_example_home_shows_each_documents_publisher_and_no_page_carries_a_build_mark(built_example):
    home = (built_example / "index.html").read_text(encoding="utf-8")
    latest = home.split('data-slot="platform-latest"', 1)[1].split("</table>", 1)[0]
    row = latest.split("policies/normative/2026-student-aid/", 1)[1].split("</tr>", 1)[0]
    assert "示例市教育局 示例市财政局" in row   # the 发布机构 of the 细则 (joint issuers), not only its unit
    assert [p for p in built_example.rglob("*.html") if "<!--" in p.read_text(encoding="utf-8")] == []
    assert (built_example / "gov/index.html").is_file() and (built_example / "gov/catalogue.csv").is_file()
