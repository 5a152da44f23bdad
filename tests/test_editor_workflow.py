"""The editor's tools: `disclosure new`, checks of changed files, and E107 against main."""

import copy
import subprocess

import pytest

from .sitekit import MINI_CATALOGUE, check, front_matter, paired_policy, policy, write_site


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
        "content/interpretations/2026-00002.md:17 E108", "content/policies/2026-00001.md:6 E108",
        "content/policies/2026-00001.md:7 E108", "content/policies/2026-00001.md:11 E108"}, result.output
    issued = text[text.index("【请填写：成文日期"):]
    policy_file.write_text(text.replace(text[text.index("【请填写：发文"):text.index("】") + 1], "测市监规〔2026〕7号")
                           .replace(issued[:issued.index("】") + 1], "2026-11-20")
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


# --- the editor's path (issue 23.5) -------------------------------------------------------------------

SIX_PARTS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]


def report_catalogue(**extra):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["annual-report"] = {"name": "政府信息公开工作年度报告", "fields": ["year"], "sections": SIX_PARTS,
                                           "ordered": True, "due": "01-31", "sections_from": 2019, **extra}
    catalogue["catalogue"].append({"id": "reports", "name": "年报", "path": "reports", "types": ["annual-report"], "stale_days": 0})
    return catalogue


def test_new_never_dates_the_document_today_and_names_what_to_fill_in(tmp_path):
    root = write_site(tmp_path, paired_policy())
    run = _run_new(root, "policy", "--title", "测试县小作坊卫生规范")
    text = (root / "content" / "policies" / "2026-00001.md").read_text(encoding="utf-8")
    assert "published: 2026-11-22" in text and "issued: 2026-11-22" not in text   # 发布日期 today; 成文日期 is the document's
    assert "issued: 【请填写：成文日期" in text
    assert "请把标有【请填写：…】的发文字号、成文日期、正文换成实际内容" in run.stdout
    lines = check(root).coded_lines()
    assert [line.split(" ")[:2] for line in lines if ":7:" in line] == [["content/policies/2026-00001.md:7:", "E108"]]
    assert not [line for line in lines if " E102 " in line]   # a placeholder is not a wrongly written date
    run = _run_new(root, "notice", "--title", "关于某事的通知")   # a notice has no 发文字号 or 成文日期 to fill in
    assert run.stdout.count("【请填写") == 1 and "的正文换成实际内容" in run.stdout and "发文字号" not in run.stdout


@pytest.mark.parametrize("year, parts", [(2017, []), (2025, SIX_PARTS)])
def test_an_annual_report_takes_the_year_given_and_that_years_parts(tmp_path, year, parts):
    root = write_site(tmp_path, paired_policy(), catalogue=report_catalogue())
    run = _run_new(root, "annual-report", "--title", f"测试县市场监督管理局{year}年政府信息公开工作年度报告", "--year", str(year))
    assert run.returncode == 0, run.output
    text = (root / "content" / "reports" / "2026-00001.md").read_text(encoding="utf-8")
    assert f"year: {year}" in text
    assert [line[3:].split("、", 1)[1] for line in text.splitlines() if line.startswith("## ")] == parts
    result = check(root)
    errors = {line.split(" ")[1] for line in result.coded_lines() if " E" in line}
    assert errors == {"E108"}, result.output   # no E300 either way: the parts are the year's


def test_a_year_that_cannot_be_is_refused_in_chinese(tmp_path):
    root = write_site(tmp_path, paired_policy(), catalogue=report_catalogue())
    run = _run_new(root, "annual-report", "--title", "年报", "--year", "2030")
    assert run.returncode == 2 and "--year 2030" in run.stderr and "Traceback" not in run.output
    run = _run_new(root, "annual-report", "--title", "年报", "--year", "二〇二五")
    assert run.returncode == 2 and "应写作四位数字" in run.stderr and "invalid" not in run.output
    run = _run_new(root, "notice", "--title", "通知", "--year", "2025")
    assert run.returncode == 2 and "没有年度字段" in run.stderr


def test_w300_names_due_from_for_reports_a_migrated_site_never_had(tmp_path):
    report = front_matter("正文。\n", title="2024年年报", type="annual-report", index_no="T001/2025-00001",
                          published="2025-01-20", year=2024, imported="2025年自原网站迁入")
    files = {**paired_policy(), "reports/2022.md": report.replace("2024", "2022").replace("2025", "2023"), "reports/2024.md": report}
    root = write_site(tmp_path, files, catalogue=report_catalogue())
    overdue = [line for line in check(root).coded_lines() if " W300 " in line]
    assert [line.split("W300 ")[1][:4] for line in overdue] == ["2023", "2025"]
    assert all("due_from" in line and "迁移" in line for line in overdue)
    root = write_site(tmp_path / "b", files, catalogue=report_catalogue(due_from=2024))
    overdue = [line for line in check(root).coded_lines() if " W300 " in line]
    assert len(overdue) == 1 and "due_from: 2024 算起" in overdue[0]


def test_conversion_damage_is_reported_in_any_document_with_the_importers_repair(tmp_path):
    body = "湖南省安全生產(chǎn)監(jiān)督管理局：\n根据涡政办„2011‟169号文件精神。\n附件(pdf)另行下载。\n"
    files = {**paired_policy(), "notices/a.md": front_matter(body, title="关于安全生產(chǎn)的通知", type="notice",
                                                             index_no="T001/2024-00009", published="2024-05-01")}
    root = write_site(tmp_path, files)
    found = [line for line in check(root).coded_lines() if " W601 " in line]
    assert [line.split(" W601 ")[0] for line in found] == ["content/notices/a.md:2:", "content/notices/a.md:7:",
                                                          "content/notices/a.md:7:", "content/notices/a.md:8:"]
    assert "“產(chǎn)”是机器转换留下的损坏，应改为“產”" in found[0] and "“〔2011〕”" in found[3]

    from disclosure.text.conversion import repair_text   # the importer's own repair, the same words
    repaired, repairs, _ = repair_text(body)
    assert "生產監" in repaired and [(r.before, r.after) for r in repairs][-1] == ("„2011‟", "〔2011〕")
