"""Nothing made up gets published: placeholders left in a document (E108), 索引号 year ≠ 发布日期 year (W104)."""

import datetime as dt

import pytest

from disclosure.content.placeholders import index_year
from disclosure.rules.check import load_site

from .sitekit import build, front_matter, interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def found(tmp_path, files):
    root = write_site(tmp_path, files)
    return [(d.path, d.line, d.code) for d in load_site(root, today=TODAY).diagnostics]


@pytest.mark.parametrize("where, text, line", [
    ("doc_no", "【请填写：发文字号】", 6),
    ("body", "第一条 内容。\n\n【请填写：第二条】\n", 12),
    ("title", "关于【请填写：事项】的通知", 2),
    ("body", "（请填写正文。）\n", 10),          # what earlier versions of disclosure new wrote
    ("doc_no", "请填写机关代字〔2026〕1号", 6),
])
def test_a_placeholder_left_anywhere_is_e108(tmp_path, where, text, line):
    fields = {"body": text} if where == "body" else {where: text}
    files = {**paired_policy(), "policies/a.md": policy(**fields)}
    assert found(tmp_path, files) == [("content/policies/a.md", line, "E108")]


@pytest.mark.parametrize("text", ["请填写申请表后，寄至本机关。", "（请填写姓名）", "【填写说明】"])
def test_a_documents_own_instructions_are_not_placeholders(tmp_path, text):
    assert found(tmp_path, {**paired_policy(), "policies/a.md": policy(body=text + "\n")}) == []


def test_the_build_refuses_a_placeholder(tmp_path):
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body="【请填写：正文】\n")})
    run = build(root)
    assert run.returncode != 0 and "content/policies/a.md:10: E108" in run.output
    assert not (root / "site" / "policies" / "a" / "index.html").exists()


@pytest.mark.parametrize("index_no, year", [
    ("T001/2024-00001", 2024), ("000014349/2017-00110", 2017), ("11341702486344515H/202110-00013", 2021),
    ("430S00043/2018-79271", 2018), ("01527918X-2020-153077", 2020), ("11A0000-0101-2019-0001", 2019),
    ("330203-001-01-01-20190305-0001", None), ("EX0001-00001", None),
])
def test_the_year_of_an_index_number(index_no, year):
    assert index_year(index_no) == year


def test_w104_when_the_index_year_is_not_the_publishing_year(tmp_path):
    files = {"policies/a.md": policy(index_no="T001/2023-00001"),
             "interpretations/a.md": interpretation(interprets="T001/2023-00001")}
    assert found(tmp_path, files) == [("content/policies/a.md", 4, "W104")]
    files["policies/a.md"] = policy(index_no="T001/2023-00001", imported="从原网站迁移，保留原索引号")
    assert found(tmp_path / "b", files) == []   # an old site's numbers are kept as they were


def test_w104_understands_a_republished_old_document(tmp_path):
    """An old document published again (on a new site, or late) keeps the 索引号 of the year it was
    written: its 成文日期's year. That is not a mistake, and `disclosure new` is no advice for it."""
    files = {"policies/a.md": policy(index_no="T001/2019-00001", issued="2019-08-05"),
             "interpretations/a.md": interpretation(interprets="T001/2019-00001")}
    assert [code for _, _, code in found(tmp_path, files) if code == "W104"] == []   # (W304 says it was published late)
    files["policies/a.md"] = policy(index_no="T001/2018-00001", issued="2019-08-05")
    files["interpretations/a.md"] = interpretation(interprets="T001/2018-00001")
    root = write_site(tmp_path / "b", files)
    [warning] = [d for d in load_site(root, today=TODAY).diagnostics if d.code == "W104"]
    assert "成文日期 2019-08-05" in warning.message and "重新发布的旧文件，索引号用它成文那一年的" in warning.message


def test_every_placeholder_holds_the_words_looked_for_first():
    """placeholders.py skips a text without 请填写 before its expression's scan: every branch of PLACEHOLDER writes them."""
    from disclosure.content import placeholders

    branches = placeholders.PLACEHOLDER.pattern.split("|")
    assert len(branches) == 3 and all(placeholders._EVERY_PLACEHOLDER_SAYS in branch for branch in branches)
    assert placeholders.is_placeholder("【请填写：发布日期】") and not placeholders.is_placeholder("请填写申请表")
