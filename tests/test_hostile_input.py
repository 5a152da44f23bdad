"""Hostile and careless input gets a coded line: never a traceback, never a hang, never a malformed feed."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.text.anchors import slugify
from disclosure.text.controls import control_characters, without_control_characters
from disclosure.pages.feeds import site_feeds
from disclosure.text.limits import code_span_work, limit_problems, scan_work
from disclosure.text.markup import markdown_links
from disclosure.rules.check import load_site

from .batchkit import Cases, cases_site
from .sitekit import (MINI_CATALOGUE, Run, _run, build, check, front_matter, host_command,
                      paired_policy, policy, write_site)

BOUND = 120  # seconds: a hang fails the test; the quadratic scans of old took minutes on these inputs


def run_bounded(args: list[str], cwd: Path) -> Run:
    """Run a command; a hang fails the test instead of stalling the suite."""
    try:
        return _run(args, cwd, timeout=BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args)} did not end within {BOUND} s")


# --- catalogue due dates -------------------------------------------------------------------

def report_catalogue(due: str) -> dict:
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["types"]["report"] = {"name": "年度报告", "fields": ["year"], "due": due}
    catalogue["catalogue"].append({"id": "reports", "name": "年度报告", "path": "reports", "types": ["report"],
                                   "stale_days": 0})
    return catalogue


def report(year: int) -> str:
    return front_matter("## 总体情况\n\n说明。\n", title=f"{year}年政府信息公开工作年度报告", type="report",
                        index_no=f"T001/{year + 1}-00009", published=f"{year + 1}-01-20", year=year)


@pytest.mark.parametrize("due", ["02-30", "02-31", "04-31"])
def test_a_due_date_that_no_year_has_is_an_e102_in_check_and_build(tmp_path, due):
    root = write_site(tmp_path, {**paired_policy(), "reports/2023.md": report(2023)}, catalogue=report_catalogue(due))
    for run in (check(root), build(root)):
        assert run.returncode != 0
        assert "Traceback" not in run.output, run.output
        assert any(re.match(rf"catalogue\.yaml:\d+: E102 .*{due}", line) for line in run.coded_lines()), run.output


def test_february_29_is_the_last_day_of_february_in_a_common_year(tmp_path):
    # The 2024 report is missing; it was due on 02-29 of 2025, a common year: that is 2025-02-28.
    root = write_site(tmp_path, {**paired_policy(), "reports/2023.md": report(2023)}, catalogue=report_catalogue("02-29"))
    run = check(root)
    assert "Traceback" not in run.output, run.output
    overdue = [line for line in run.coded_lines() if " W300 " in line]
    assert any("2024 年度" in line and "2025-02-28" in line for line in overdue), run.output
    assert not any(" E102 " in line for line in run.coded_lines()), run.output


# --- control characters ----------------------------------------------------------------------

CONTROL_VALUES = {  # as an editor's YAML writes them: escapes in double quotes
    "vertical tab": r'"关于\v加强管理的通知"',
    "bell": r'"关于\a加强管理的通知"',
    "escape": r'"关于\e加强管理的通知"',
    "C1 control": r'"关于\x9B加强管理的通知"',
    "non-character": r'"关于\uFFFE加强管理的通知"',
}


def _titled(value: str) -> str:
    return policy().replace("title: 测试县食品小作坊登记管理办法", f"title: {value}")


@pytest.fixture(scope="module")
def control_titles(tmp_path_factory) -> tuple[Cases, Cases]:
    """Every CONTROL_VALUES case in one site, checked and then built (two views of the one folder)."""
    checked = cases_site(tmp_path_factory.mktemp("control-titles"), {
        case: {**paired_policy(), "policies/a.md": _titled(value)} for case, value in CONTROL_VALUES.items()}).checked()
    return checked, Cases(checked.root, checked.folders).built()


@pytest.mark.parametrize("case", CONTROL_VALUES)
def test_control_characters_in_a_title_are_an_e102_on_its_line(control_titles, case):
    assert _titled(CONTROL_VALUES[case]) != policy()
    for cases in control_titles:
        run = cases.run
        assert run.returncode != 0
        assert "Traceback" not in run.output, run.output
        assert any(line.startswith(f"{cases.path(case, 'policies/a.md')}:2: E102 title") and "控制字符" in line
                   for line in cases.lines(case, "policies/a.md")), run.output


def test_control_characters_elsewhere_are_refused_too(tmp_path):
    catalogue = copy.deepcopy(MINI_CATALOGUE)
    catalogue["agency"]["name"] = "测试县\x0b市场监督管理局"
    files = {**paired_policy(), "policies/a.md": policy(summary="摘要\x07", topics=["食品\x1b", "登记"])}
    run = check(write_site(tmp_path, files, catalogue=catalogue))
    lines = [line for line in run.coded_lines() if " E102 " in line and "控制字符" in line]
    assert any(line.startswith("catalogue.yaml:") for line in lines), run.output
    assert {"summary", "topics"} <= {line.split(" E102 ")[1].split("（")[0] for line in lines if "content/" in line}


YAML_REFUSES = {"raw vertical tab": "测试县\x0b食品", "lone surrogate": '"测试县\\ud800食品"'}


@pytest.fixture(scope="module")
def yaml_refuses_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("yaml-refuses"), {
        case: {**paired_policy(), "policies/a.md": policy().replace("title: 测试县", f"title: {value}")}
        for case, value in YAML_REFUSES.items()}).checked()


@pytest.mark.parametrize("case", YAML_REFUSES)
def test_what_yaml_itself_refuses_is_a_coded_line_too(yaml_refuses_checked, case):
    run = yaml_refuses_checked.run
    assert run.returncode != 0 and "Traceback" not in run.output, run.output
    assert any(line.startswith(f"{yaml_refuses_checked.path(case, 'policies/a.md')}:2: ")
               for line in yaml_refuses_checked.lines(case, "policies/a.md")), run.output


def test_the_feed_writer_drops_control_characters_whatever_the_check_said(tmp_path):
    root = write_site(tmp_path, paired_policy())
    site = load_site(root)
    site.documents[0].title = "关于\x0b加强\x00管理\ud800的\ufffe通知"
    site.documents[0].summary = "摘要\x1b"
    for feed in site_feeds(site, lambda doc: doc.src_uri, lambda category: category.path, None):
        for entry in feed.entries:
            for text in (entry.title, entry.summary, entry.category, feed.title, feed.author):
                assert not control_characters(text)
                ET.fromstring(f"<t>{xml_escape(text)}</t>")  # well-formed


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_without_control_characters_is_always_valid_xml(text):
    ET.fromstring(f"<t>{xml_escape(without_control_characters(text))}</t>")


# --- bodies that made the scans or the renderer crawl -----------------------------------------

HOSTILE_BODIES = {  # each one took from 20 s to many minutes before, in our check or in Markdown
    "links-unclosed": "[a](" * 100_000,
    "brackets-then-newline": "[" * 100_000 + "\n](x.md)\n",
    "brackets-spread": ("[" + "说明" * 25 + "\n") * 5_000,
    "image-brackets": "![" * 100_000,
    "angle-unclosed": "x " + "a<b " * 100_000,
    "autolinks-unclosed": "x " + "<http://a" * 50_000,
    "nested-lists": "\n".join("    " * depth + "- 项" for depth in range(300)),
    "nested-quotes": ">" * 300 + " 引文\n",
    "backtick-runs-unclosed": " ".join("`" * length + "甲" for length in range(1, 800)),
    # The site's Markdown has no fenced code: a ``` line is text, and what follows it is rendered.
    "brackets-after-a-fence-line": "```\n" + "[a](" * 100_000,
    "backtick-runs-after-a-fence-line": "```\n" + " ".join("`" * length + "甲" for length in range(1, 800)),
    # A "- " line does not end a paragraph in Python-Markdown: the lines are one paragraph (17 s for 37 KB).
    "brackets-between-list-lines": "\n- ".join("[a](" * 30 for _ in range(300)),
    "backtick-runs-between-list-lines": "\n- ".join("`" * length + "甲 ``` 乙" for length in range(1, 800)),
}


def hostile_site(root: Path, bodies: dict[str, str]) -> Path:
    files = paired_policy()
    for number, (name, body) in enumerate(bodies.items(), start=3):  # 1 and 2: the paired policy
        files[f"notices/{name}.md"] = front_matter(body, title=f"通知{number}", type="notice",
                                                   index_no=f"T001/2024-{number:05d}", published="2024-03-05")
    return write_site(root, files)


def test_hostile_bodies_get_e109_from_check_and_build_in_bounded_time(tmp_path):
    root = hostile_site(tmp_path, HOSTILE_BODIES)
    for args in ([sys.executable, "-m", "disclosure.cli.main", "check"], host_command("build", "--strict")):
        run = run_bounded(args, root)
        output = run.stdout + run.stderr
        assert run.returncode != 0, output
        assert "Traceback" not in output, output
        for name in HOSTILE_BODIES:
            assert re.search(rf"content/notices/{name}\.md:\d+: E109 ", output), (name, output[-3000:])
    assert not (root / "site").exists()


LONG_LINES = {  # render fine once the heading is short enough; a long one is refused
    "heading-spaces": "## 标题" + " " * 300_000 + "尾\n",
    "heading-attributes": "## 标题 {" * 50_000 + "\n",
    "heading-long": "## " + "字" * 300_000 + "\n",
}


def test_overlong_headings_get_e109(tmp_path):
    root = hostile_site(tmp_path, LONG_LINES)
    run = run_bounded([sys.executable, "-m", "disclosure.cli.main", "check"], root)
    output = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in output, output
    for name in LONG_LINES:
        assert re.search(rf"content/notices/{name}\.md:\d+: E109 ", output), (name, output[-3000:])


def test_a_megabyte_line_of_prose_builds(tmp_path):
    body = "本办法所称的安全生产举报，是指公民、法人和其他组织向应急管理部门反映情况。" * 15_000 + "\n"
    assert len(body.encode("utf-8")) > 1_500_000
    root = hostile_site(tmp_path, {"long-line": body})
    run = run_bounded(host_command("build", "--strict"), root)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_ten_megabyte_body_is_refused_by_size_not_rendered(tmp_path):
    root = hostile_site(tmp_path, {"huge": "正文。\n" * 1_000_000})
    run = run_bounded(host_command("build", "--strict"), root)
    output = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in output, output
    assert re.search(r"content/notices/huge\.md:1: E100 文件过大", output), output


def test_real_documents_stay_far_below_the_limits():
    from .sitekit import REPO
    for path in (REPO / "content").rglob("*.md"):
        body = path.read_text(encoding="utf-8")
        assert limit_problems(body) == [], path
        assert scan_work(body) < 100_000, path
        assert code_span_work(body) < 100_000, path


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]()<>!\\ a字\n\"'`#", max_size=60))
def test_link_scan_finds_every_simple_link(text):
    """Whatever surrounds it, a plain `[text](target.md)` on its own is found, once."""
    line = text.replace("\n", " ") + " [说明](target.md) "
    targets = [link.target for link in markdown_links(line)]
    if "`" not in line and "\\" not in line and line.count("[") == 1 and line.count("]") == 1:
        assert targets == ["target.md"]


def test_slugs_keep_han_and_drop_punctuation():
    assert slugify("第二条 举报途径") == "第二条-举报途径"
    assert slugify("一、背景依据") == "一背景依据"
    assert slugify("（三）Hello World") == "三hello-world"
    assert slugify("  第 1 条  ") == "第-1-条"


# The E109 shortcuts (an upper bound of the bracket work, a depth needing that many ">" or indent
# characters, no code to blank) must never change a verdict: compared with the exact path on
# small limits, where every shortcut is close to its edge.
_TRICKY_BODIES = st.text(alphabet="[]()<>`~ \t\n>-*1.#a文", max_size=160)


@settings(max_examples=200, deadline=None)
@given(_TRICKY_BODIES)
def test_e109_shortcuts_agree_with_the_exact_count(body):
    import disclosure.text.limits as limits

    small = {"SCAN_BUDGET": 40, "DOCUMENT_BUDGET": 120, "SPAN_BUDGET": 40, "SPAN_DOCUMENT_BUDGET": 120, "MAX_DEPTH": 3,
             "MAX_HEADING": 30, "_DEEP_INDENT": re.compile(r"^[ \t]{3,}", re.M)}
    exact = {**small, "_scan_bound": lambda text: float("inf"), "_span_bound": lambda text: float("inf"),
             "_DEEP_INDENT": re.compile("")}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in small.items():
            patch.setattr(limits, name, value)
        fast = limits.limit_problems(body)
        for name, value in exact.items():
            patch.setattr(limits, name, value)
        lines = body.split("\n")
        slow = limits._heading_problems(lines) + limits._depth_problems(lines) + limits._bracket_problems(lines) + \
            limits._code_span_problems(lines)
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="```` a字\\", max_size=80))
def test_code_span_work_is_at_least_what_markdown_walks(text):
    """E109's count of the code-span search is an upper bound of the characters Python-Markdown's own
    search walks (escapes, runs it cannot close and the position it resumes at included)."""
    import markdown
    from markdown.inlinepatterns import BacktickInlineProcessor
    walked = []
    search = BacktickInlineProcessor.find_code_spans

    def counted(self, begin, data):
        start, end = search(self, begin, data)
        ticks = len(data[begin:]) - len(data[begin:].lstrip("`"))
        closed = end is not None and start == begin + ticks   # the exact closer: the walk stopped after it
        walked.append(end + ticks - begin if closed else len(data) - begin)
        return start, end
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BacktickInlineProcessor, "find_code_spans", counted)
        markdown.markdown(text.strip())
    assert sum(walked) <= code_span_work(text.strip())
