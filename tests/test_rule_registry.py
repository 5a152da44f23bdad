"""One registry of rules: every code printed comes from it, with its severity, and an agency may
move a rule's severity in catalogue.yaml, never below the gate."""

import ast
import copy
import datetime as dt
import re

import pytest
import yaml

from disclosure.codes import REGISTRY, UnknownRule, rule
from disclosure.codes.registry import RANK, SEVERITIES
from disclosure.rules.check import load_site

from .sitekit import MINI_CATALOGUE, REPO, build, check, paired_policy, policy, write_site

PLUGIN = REPO / "plugins" / "disclosure"
RULES = PLUGIN / "rules"
CODES = PLUGIN / "codes"


def family_module(family: str):
    """A family's module: rules/<family>.py, or the package rules/<family>/ when it has parts."""
    return RULES / f"{family}.py" if (RULES / f"{family}.py").is_file() else RULES / family / "__init__.py"
TODAY = dt.date(2026, 11, 22)
GATE = {"E100", "E101", "E102", "E103", "E104", "E105", "E106", "E109", "E111", "E112", "E113", "E400", "E401", "E402", "E403", "E404", "E406",
        "E500", "E600", "E601", "E700", "E701", "W400", "W401"}


def with_rules(rules) -> dict:
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["rules"] = rules
    return catalogue


def unpaired_policy() -> dict:
    """A 规范性文件 without its interpretation: E201."""
    return {"policies/a.md": policy()}


# --- the registry --------------------------------------------------------------------------

def test_an_unknown_code_cannot_be_reported():
    with pytest.raises(UnknownRule):
        rule("E999")
    assert rule("E201").at("content/a.md", 3, "说明").severity == "error"


def test_every_diagnostic_is_made_through_the_registry():
    """No module but the registry builds a Diagnostic, and no module names a code as a string
    (which could be a code nobody registered)."""
    for source in PLUGIN.rglob("*.py"):
        if source.parent == CODES and source.name in ("registry.py", "__init__.py"):
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Diagnostic"]
        literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    and re.fullmatch(r"[EWI]\d{3}", n.value)]
        assert (calls, literals) == ([], []), source


def test_the_registry_is_complete_and_consistent():
    for code, entry in REGISTRY.items():
        assert entry.code == code and entry.severity in SEVERITIES and entry.title
        assert family_module(entry.family).is_file(), f"{code}: no module for family {entry.family}"
    assert {code for code, entry in REGISTRY.items() if entry.gate} == GATE


def test_every_family_module_names_its_family():
    families = {entry.family for entry in REGISTRY.values()}
    modules = {p.stem for p in RULES.glob("*.py")} - {"__init__", "check", "focus"}
    modules |= {p.parent.name for p in RULES.glob("*/__init__.py")}
    assert modules == families
    for family in families:
        assert f'FAMILY = "{family}"' in family_module(family).read_text(encoding="utf-8")


def test_the_checks_of_the_build_itself_are_all_of_the_gate():
    """Rendered pages and fidelity are checked after the catalogue's overrides applied: none may be lowerable."""
    assert all(entry.gate for entry in REGISTRY.values() if entry.family in ("rendered", "fidelity"))


# --- the agency's severities ----------------------------------------------------------------

def test_an_agency_lowers_a_rule_and_the_check_passes_with_a_warning(tmp_path):
    root = write_site(tmp_path, unpaired_policy(), with_rules({"E201": "warning"}))
    relaxed, strict = check(root), check(root, "--strict")
    assert relaxed.returncode == 0, relaxed.output
    assert "content/policies/a.md:4: E201 " in relaxed.stdout and "0 个错误，1 个警告" in relaxed.stderr
    assert strict.returncode == 1
    github = check(root, "--format", "github")
    assert github.stdout.startswith("::warning file=content/policies/a.md,line=4,title=E201::")


def test_an_agency_raises_a_warning_and_the_build_stops(tmp_path):
    files = paired_policy()
    files["interpretations/a.md"] = files["interpretations/a.md"].replace("published: '2024-03-05'", "published: '2024-03-20'")
    root = write_site(tmp_path, files, with_rules({"W200": "error"}))
    run = check(root)
    assert run.returncode == 1 and "1 个错误，0 个警告" in run.stderr
    built = build(root, strict=False)
    assert built.returncode != 0 and "W200" in built.output
    assert not (root / "site").exists()


def test_the_same_severity_and_notices_are_accepted(tmp_path):
    root = write_site(tmp_path, unpaired_policy(), with_rules({"E201": "notice", "W301": "warning"}))
    site = load_site(root, today=TODAY)
    assert [(d.code, d.severity) for d in site.diagnostics] == [("E201", "notice")]
    assert site.error_count == 0


@pytest.mark.parametrize("code, severity", [(code, severity) for code in sorted(GATE) for severity in ("warning", "notice")
                                            if RANK[severity] < RANK[REGISTRY[code].severity]])
def test_the_gate_cannot_be_lowered(tmp_path, code, severity):
    root = write_site(tmp_path, paired_policy(), with_rules({code: severity}))
    [problem] = load_site(root, today=TODAY).diagnostics
    assert (problem.path, problem.code, problem.severity) == ("catalogue.yaml", "E102", "error")
    assert problem.line == _line_of(root, f"{code}:")
    assert code in problem.message and "底线" in problem.message and "不能降为" in problem.message


@pytest.mark.parametrize("rules, words", [
    ({"E2O1": "warning"}, ["E2O1", "不存在", "E201"]),        # a letter O for a zero
    ({"w301": "error"}, ["w301", "不存在", "W301"]),
    ({"W301": "fatal"}, ["W301", "fatal", "error、warning、notice"]),
    ({"W301": True}, ["W301", "True", "无效"]),
    ({"W301": None}, ["W301", "None", "无效"]),
    ({"W301": ["error"]}, ["W301", "无效"]),
])
def test_unknown_codes_and_severities_are_e102_on_their_line(tmp_path, rules, words):
    root = write_site(tmp_path, paired_policy(), with_rules(rules))
    [problem] = load_site(root, today=TODAY).diagnostics
    assert (problem.path, problem.code) == ("catalogue.yaml", "E102")
    assert problem.line == _line_of(root, f"{next(iter(rules))}:")
    assert all(word in problem.message for word in words), problem.message


@pytest.mark.parametrize("rules", ["W301", ["W301", "error"], 3])
def test_rules_that_are_no_mapping_are_e102(tmp_path, rules):
    root = write_site(tmp_path, paired_policy(), with_rules(rules))
    [problem] = load_site(root, today=TODAY).diagnostics
    assert (problem.path, problem.code) == ("catalogue.yaml", "E102") and "rules" in problem.message


def test_a_raised_rule_is_never_below_its_registered_rank():
    """Raising is always allowed: ranks are ordered error > warning > notice."""
    assert RANK["error"] > RANK["warning"] > RANK["notice"]


def _line_of(root, text: str) -> int:
    lines = (root / "catalogue.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_catalogue_rules_read_back_as_yaml(tmp_path):
    root = write_site(tmp_path, paired_policy(), with_rules({"W301": "error"}))
    assert yaml.safe_load((root / "catalogue.yaml").read_text(encoding="utf-8"))["rules"] == {"W301": "error"}
