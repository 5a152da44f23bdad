"""catalogue.yaml: loaded into the model, and every mistake in it reported with its line."""

import copy

import yaml

from disclosure.content.catalogue_file import load_catalogue

from .sitekit import MINI_CATALOGUE, REPO


def load(tmp_path, data):
    file = tmp_path / "catalogue.yaml"
    file.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_catalogue(file, "catalogue.yaml")


def test_the_example_catalogue_loads_with_order_and_children():
    catalogue, problems = load_catalogue(REPO / "catalogue.yaml", "catalogue.yaml")
    assert problems == []
    names = [c.name for c in catalogue.roots]
    assert names[:3] == ["政府信息公开指南", "政府信息公开制度", "机构职能"]
    policies = next(c for c in catalogue.roots if c.id == "policies")
    assert [c.path for c in policies.children] == ["policies/normative", "policies/other"]
    assert policies.children[0].parent is policies
    assert catalogue.types["annual-report"].sections[0] == "总体情况"
    assert catalogue.types["annual-report"].ordered is True
    assert catalogue.types["policy"].interpretation == "required"
    assert catalogue.category_at("policies/normative").types == ("policy",)
    assert catalogue.agency.public_security_code == "37990002000001"


def test_unknown_keys_at_every_level_are_errors_with_lines(tmp_path):
    text = """agency:
  name: 甲局
  nmae: 乙
types:
  notice:
    name: 通知
    feilds: [doc_no]
catalogue:
  - id: notices
    name: 通知公告
    path: notices
    type: [notice]
extra: 1
"""
    _, problems = load(tmp_path, text)
    assert sorted((p.line, p.code) for p in problems) == [(3, "E102"), (7, "E102"), (12, "E102"), (13, "E102")]
    by_line = {p.line: p.message for p in problems}
    assert "fields" in by_line[7] and "types" in by_line[12]


def test_bad_values_are_reported(tmp_path):
    data = copy.deepcopy(MINI_CATALOGUE)
    data["agency"]["index_pattern"] = "^T001/(\\d{4}"
    data["types"]["policy"]["interpretation"] = "always"
    data["types"]["policy"]["fields"].append("doc_number")
    data["types"]["notice"]["due"] = "1-31"
    data["catalogue"][0]["types"] = ["policy", "rules"]
    data["catalogue"][1]["stale_days"] = -5
    _, problems = load(tmp_path, data)
    assert len([p for p in problems if p.code == "E102"]) == 6


def test_child_path_must_lie_under_parent_and_ids_be_unique(tmp_path):
    data = copy.deepcopy(MINI_CATALOGUE)
    data["catalogue"][0]["children"] = [{"id": "notices", "name": "子", "path": "elsewhere/sub", "types": ["policy"]}]
    _, problems = load(tmp_path, data)
    messages = " ".join(p.message for p in problems)
    assert "policies/" in messages and "重复" in messages


def test_missing_agency_name_is_e101(tmp_path):
    data = copy.deepcopy(MINI_CATALOGUE)
    del data["agency"]["name"]
    catalogue, problems = load(tmp_path, data)
    assert catalogue is None
    assert [p.code for p in problems] == ["E101"]


def test_broken_yaml_and_non_mapping(tmp_path):
    _, problems = load(tmp_path, "agency: [\n")
    assert [p.code for p in problems] == ["E100"]
    _, problems = load(tmp_path, "- a\n- b\n")
    assert [p.code for p in problems] == ["E102"]


def test_missing_file(tmp_path):
    catalogue, problems = load_catalogue(tmp_path / "nope.yaml", "catalogue.yaml")
    assert catalogue is None and problems[0].code == "E100"
