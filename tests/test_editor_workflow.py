"""The editor's tools: `disclosure new`, checks of changed files, and E107 against main."""

import copy
import subprocess

import pytest

from .sitekit import MINI_CATALOGUE, check, paired_policy, policy, write_site


def _run_new(root, *args):
    from .sitekit import _run
    import sys
    return _run([sys.executable, "-m", "disclosure.cli.main", "new", *args], root)


def test_new_policy_with_its_interpretation_passes_the_check_once_filled_in(tmp_path):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["interpretation"]["sections"] = ["背景依据", "主要内容"]
    root = write_site(tmp_path, paired_policy(), catalogue=catalogue)
    run = _run_new(root, "policy", "--title", "测试县小作坊卫生规范", "--with-interpretation")
    assert run.returncode == 0, run.output
    policy_file = root / "content" / "policies" / "2026-00001.md"
    note_file = root / "content" / "interpretations" / "2026-00002.md"
    text = policy_file.read_text(encoding="utf-8")
    assert "index_no: T001/2026-00001" in text and "published: 2026-11-22" in text
    # The 发文字号 is never invented (the last one is named as a hint); the text is the editor's.
    assert "doc_no: 【请填写：发文字号，按公文上的写；本类文件最近一个是 测市监规〔2024〕1号】" in text and "validity: 有效" in text
    assert "测市监规〔2026〕" not in text
    note = note_file.read_text(encoding="utf-8")
    assert "interprets: T001/2026-00001" in note
    assert "## 一、背景依据" in note and "## 二、主要内容" in note
    result = check(root)
    assert result.returncode == 1
    assert {line.split(": ")[0] + " " + line.split(" ")[1] for line in result.coded_lines()} == {
        "content/interpretations/2026-00002.md:9 E108", "content/interpretations/2026-00002.md:13 E108",
        "content/interpretations/2026-00002.md:17 E108",
        "content/policies/2026-00001.md:6 E108", "content/policies/2026-00001.md:11 E108"}, result.output
    policy_file.write_text(text.replace(text[text.index("【请填写：发文"):text.index("】") + 1], "测市监规〔2026〕7号")
                           .replace("【请填写：正文】", "第一条 为规范卫生，制定本规范。"), encoding="utf-8")
    note_file.write_text(note.replace("【请填写：正文】", "为便于理解，解读如下。").replace("【请填写：背景依据】", "依据。")
                         .replace("【请填写：主要内容】", "内容。"), encoding="utf-8")
    result = check(root)
    assert result.returncode == 0 and result.coded_lines() == [], result.output


def test_new_takes_the_next_free_index_number(tmp_path):
    root = write_site(tmp_path, {**paired_policy(),
                                 "notices/n.md": policy(index_no="T001/2026-00007", type="notice", title="通知")})
    run = _run_new(root, "notice", "--title", "关于某事的通知")
    assert run.returncode == 0, run.output
    assert "T001/2026-00008" in run.stdout


def test_new_explains_what_it_cannot_do(tmp_path):
    root = write_site(tmp_path, paired_policy())
    run = _run_new(root, "interpretation", "--title", "某解读")
    assert run.returncode == 2 and "--interprets" in run.stderr and "Traceback" not in run.output
    run = _run_new(root, "policy", "--title", "x", "--category", "notices")
    assert run.returncode == 2 and "不收 policy" in run.stderr


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    root = write_site(tmp_path, paired_policy())
    _git(root, "init", "-q", "-b", "main")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "published")
    _git(root, "checkout", "-q", "-b", "change")
    return root


def test_changing_a_published_index_number_or_date_is_refused(repo):
    changed = policy(index_no="T001/2024-00009", published="2024-02-01")
    (repo / "content" / "policies" / "a.md").write_text(changed, encoding="utf-8")
    (repo / "content" / "interpretations" / "a.md").write_text(
        (repo / "content" / "interpretations" / "a.md").read_text(encoding="utf-8").replace(
            "T001/2024-00001", "T001/2024-00009"), encoding="utf-8")
    run = check(repo, "--against", "main")
    lines = [line for line in run.coded_lines() if " E107 " in line]
    assert any(line.startswith("content/policies/a.md:4: E107 ") and "T001/2024-00001" in line for line in lines), run.output
    assert any(line.startswith("content/policies/a.md:5: E107 ") and "2024-03-05" in line for line in lines), run.output
    assert run.returncode == 1
    assert " E107 " not in check(repo).output  # without --against the rule has nothing to compare


def test_a_correction_note_and_a_new_document_are_fine(repo):
    (repo / "content" / "policies" / "a.md").write_text(policy(corrected="2024-03-08 更正第一条错字"), encoding="utf-8")
    (repo / "content" / "notices" / "n.md").parent.mkdir(exist_ok=True)
    (repo / "content" / "notices" / "n.md").write_text(
        policy(index_no="T001/2024-00005", type="notice", title="新通知", doc_no=None, issued=None, validity=None),
        encoding="utf-8")
    run = check(repo, "--against", "main")
    assert run.returncode == 0, run.output
    assert "正文检查 2 个改动的文件" in run.stderr


def test_changed_files_get_body_checks_and_the_whole_site_cross_checks(repo):
    (repo / "content" / "notices").mkdir(exist_ok=True)
    (repo / "content" / "notices" / "dup.md").write_text(
        policy(index_no="T001/2024-00001", type="notice", title="重号", doc_no=None, issued=None, validity=None,
               body="联系人手机 13800138000\n"), encoding="utf-8")
    run = check(repo, "content/notices/dup.md")
    codes = {line.split(" ")[1] for line in run.coded_lines()}
    assert {"E103", "E400"} <= codes, run.output
    assert any(line.startswith("content/policies/a.md:") and " E103 " in line for line in run.coded_lines())


def test_against_an_unknown_branch_is_a_clear_error(repo):
    run = check(repo, "--against", "no-such-branch")
    assert run.returncode == 2 and "git" in run.stderr and "Traceback" not in run.output


def test_the_first_document_of_a_new_site_follows_the_index_pattern(tmp_path):
    root = write_site(tmp_path, {})
    run = _run_new(root, "notice", "--title", "第一条通知")
    assert run.returncode == 0, run.output
    assert "T001/2026-00001" in run.stdout
    assert [line.split(" ")[1] for line in check(root).coded_lines()] == ["E108"]   # the body is still to write


def test_a_moved_document_keeps_its_index_number(repo):
    _git(repo, "mv", "content/policies/a.md", "content/policies/renamed.md")
    moved = repo / "content" / "policies" / "renamed.md"
    moved.write_text(moved.read_text(encoding="utf-8").replace("T001/2024-00001", "T001/2024-00011"), encoding="utf-8")
    (repo / "content" / "interpretations" / "a.md").write_text(
        (repo / "content" / "interpretations" / "a.md").read_text(encoding="utf-8").replace(
            "T001/2024-00001", "T001/2024-00011"), encoding="utf-8")
    run = check(repo, "--against", "main")
    assert any(line.startswith("content/policies/renamed.md:4: E107 ") for line in run.coded_lines()), run.output
