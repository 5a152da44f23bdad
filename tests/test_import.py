"""`disclosure import`: old pages in, documents that pass the check and the real build out.

The five real documents of ../shared/seeds (beside the repository, as in CI) are imported,
the editor's decisions the report asks for are applied the way the guide tells an editor
(a mapping file with `set:` values, then a real run), and the site must pass `disclosure
check` and `mkdocs build --strict`. Three saved CMS pages (tests/data/import) check the
metadata, tables, attachments, encodings and the removal of hostile HTML.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .batchkit import imported_each
from .seeds import require_seeds
from .sitekit import FIXED_EPOCH, REPO, _run, build, check, write_site

FIXTURES = REPO / "tests" / "data" / "import"
HAN_OR_DIGIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9]")

SEED_CATALOGUE = {
    "agency": {"name": "测试市安全生产监督管理局", "index_pattern": r"^T014/\d{4}-\d{5}$"},
    "types": {
        "notice": {"name": "其他文件", "fields": ["issued"]},
        "plan": {"name": "工作计划", "fields": ["issued"]},
        "annual-report": {"name": "政府信息公开工作年度报告", "fields": ["year"]},
    },
    "catalogue": [
        {"id": "other", "name": "其他文件", "path": "other", "types": ["notice"], "stale_days": 0},
        {"id": "plans", "name": "工作计划", "path": "plans", "types": ["plan"], "stale_days": 0},
        {"id": "reports", "name": "年度报告", "path": "reports", "types": ["annual-report"], "stale_days": 0},
    ],
}
CMS_CATALOGUE = {
    "agency": {"name": "示例市应急管理局", "index_pattern": r"^EX0001/\d{4}-\d{5}$"},
    "types": {
        "policy": {"name": "规范性文件", "fields": ["doc_no", "issued", "validity"], "interpretation": "required"},
        "notice": {"name": "其他文件", "fields": ["issued"]},
        "interpretation": {"name": "政策解读", "fields": ["interprets"], "sections": ["背景依据", "主要内容"]},
    },
    "catalogue": [
        {"id": "normative", "name": "规范性文件", "path": "policies/normative", "types": ["policy"], "stale_days": 0},
        {"id": "other", "name": "其他文件", "path": "policies/other", "types": ["notice"], "stale_days": 0},
        {"id": "interpretations", "name": "政策解读", "path": "interpretations", "types": ["interpretation"], "stale_days": 0},
    ],
}
TABLES = {"markdown_extensions": ["tables"]}


def run_import(root: Path, *args: str):
    # PYTHONPATH kept: in a worktree it names the code under test (without it, the installed checkout's is run).
    kept = {name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ}
    return _run([sys.executable, "-m", "disclosure.cli.main", "import", *args], root,
                whole_env={"SOURCE_DATE_EPOCH": FIXED_EPOCH, "PATH": "/usr/bin:/bin", **kept})


def report_of(root: Path, name: str = "report.json") -> dict:
    return json.loads((root / name).read_text(encoding="utf-8"))


def by_source(report: dict) -> dict[str, dict]:
    return {Path(page["source"]).name: page for page in report["pages"]}


def front_and_body(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seeds() -> Path:
    return require_seeds()


# --- the five real documents ---------------------------------------------------------------

FIRST_MAP = """
- match: 通知$
  type: notice
- match: 方案$
  type: plan
"""
# What the editor decided after reading the dry run's report: the dates the pages did not show,
# looked up in the old site's archive (per-page rules first: the first matching rule applies).
DECISIONS_MAP = """
- match: "001_"
  type: plan
  set: {published: 2019-08-13}
- match: "002_"
  type: plan
  set: {published: 2011-05-12, issued: 2011-05-10}
- match: "003_"
  type: notice
  set: {published: 2018-07-23}
""" + FIRST_MAP


def test_seeds_dry_run_reports_decisions_and_writes_nothing(seeds, tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=SEED_CATALOGUE, mkdocs_extra=TABLES)
    (root / "map.yaml").write_text(FIRST_MAP, encoding="utf-8")
    before = tree(root)
    done = run_import(root, str(seeds), "--map", "map.yaml", "--dry-run")
    # Every page would be imported: the decisions are listed in the report, the status says nothing failed.
    assert done.returncode == 0, done.stderr
    assert tree(root) == before                       # nothing written, not even a report
    assert "试运行（未写入任何文件）：共 5 个页面" in done.stderr
    report = done.stdout
    assert "# 导入报告" in report and "这是试运行的报告" in report
    # Every page without a 发布日期 asks for one, and says not to use today.
    assert report.count("缺少发布日期（published）") == 3
    assert "缺少成文日期（issued）" in report                       # seed 002 has no date at all
    assert "„2011‟ → 〔2011〕" in report                           # the repair, listed with its line
    assert "第 4 行：„2011‟ → 〔2011〕" in report
    assert "第 1 行：產(chǎn) → 產" in report                         # a pinyin annotation removed
    assert "全文为繁体字" in report                                 # flagged, not converted
    assert "第 26 行：“第二篇:慈利县安监局政务公开工作实施方案”像是另一篇文件的开始" in report   # seed 002 holds five
    assert "第 126 行：与下一行可能是同一段被断开（“…府信息公开工”/“作规范有效…”）" in report
    assert "原索引号 430S00043/2018-79271 不符合本机关编号规则，已改编为 T014/2018-00002" in report


def test_seeds_import_check_and_build(seeds, tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=SEED_CATALOGUE, mkdocs_extra=TABLES)
    (root / "decisions.yaml").write_text(DECISIONS_MAP, encoding="utf-8")
    done = run_import(root, str(seeds), "--map", "decisions.yaml", "--report", "report.json")
    report = report_of(root)
    assert done.returncode == 0, (done.stderr, json.dumps(report, ensure_ascii=False, indent=1)[:3000])
    pages = by_source(report)
    assert len(pages) == 5 and all(page["status"] == "通过检查" for page in pages.values())
    assert "已导入：共 5 个页面，5 个通过检查，0 个需编辑决定，0 个未导入" in done.stderr

    fields = {name: front_and_body(root / page["target"])[0] for name, page in pages.items()}
    assert fields["000_f84f2af9e35011a9.txt"] == {
        "title": "关于印发《省煤矿安监局进一步做好2019年政务公开工作实施方案》的通知", "type": "notice",
        "index_no": "T014/2019-00001", "published": _date("2019-09-05"), "publisher": "办公室",
        "doc_no": "辽煤管办〔2019〕63号", "issued": _date("2019-08-05"),
        "imported": "从原网站迁移（seeds/000_f84f2af9e35011a9.txt）"}   # marked, with its source
    assert fields["002_e9531b8bb261db53.txt"]["title"] == "涡阳县安监局政务公开“深化年”活动实施方案"
    assert fields["002_e9531b8bb261db53.txt"]["index_no"] == "T014/2011-00001"   # numbered in its own year
    assert fields["003_1193e5849aaccfcc.txt"]["doc_no"] == "汕安监〔2018〕150号"
    assert fields["004_596e1eebe5f5a48f.txt"]["type"] == "annual-report"        # recognised by its title
    assert fields["004_596e1eebe5f5a48f.txt"]["year"] == 2017
    assert fields["004_596e1eebe5f5a48f.txt"]["published"] == _date("2018-03-22")

    for name, page in pages.items():
        _, body = front_and_body(root / page["target"])
        source = (seeds / name).read_text(encoding="utf-8")
        # The text goes in as written: the body's Han characters and digits are one unbroken run of
        # the source's (page furniture is cut only before and after the text, never inside).
        assert "".join(HAN_OR_DIGIT.findall(body)) in "".join(HAN_OR_DIGIT.findall(source)), name
    _, body_003 = front_and_body(root / pages["003_1193e5849aaccfcc.txt"]["target"])
    assert "\n1. 将“五公开”要求落实到公文办理程序。\n" in body_003   # the document's own numbering, untouched
    assert "\n## 一、指导思想\n" in body_003 and "\n### （一）政务公开工作共性任务。\n" in body_003
    _, body_002 = front_and_body(root / pages["002_e9531b8bb261db53.txt"]["target"])
    assert "(涡政办〔2011〕169号)" in body_002 and "„" not in body_002

    checked = check(root, "--strict")
    assert checked.returncode == 0, checked.output
    built = build(root)
    assert built.returncode == 0, built.output
    # Running the same import again (an editor unsure whether it ran) adds nothing, numbered or not.
    again = run_import(root, str(seeds), "--map", "decisions.yaml", "--report", "again.json")
    assert again.returncode == 1 and all("未重复导入" in page["skipped"] for page in report_of(root, "again.json")["pages"])
    assert len(list((root / "content").rglob("*.md"))) == 5
    page_003 = (root / "site" / pages["003_1193e5849aaccfcc.txt"]["target"].removeprefix("content/").removesuffix(".md") / "index.html")
    assert "汕尾市安全生产监督管理局" in page_003.read_text(encoding="utf-8")


def _date(text: str):
    import datetime as dt
    return dt.date.fromisoformat(text)


# --- saved pages of three CMSs -----------------------------------------------------------

def test_cms_pages_import_with_metadata_tables_and_attachments(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages_dir = shutil.copytree(FIXTURES, tmp_path / "old-site")
    (root / "map.yaml").write_text("- match: 办法$\n  type: policy\n", encoding="utf-8")
    done = run_import(root, str(pages_dir), "--type", "notice", "--map", "map.yaml", "--report", "report.json")
    assert done.returncode == 0, done.stderr     # every page imported; the missing attachment is a listed decision
    pages = by_source(report_of(root))

    trs = pages["t20240520_31.html"]
    assert trs["status"] == "通过检查" and trs["index_note"] == "沿用原索引号 EX0001/2024-00031"
    front, body = front_and_body(root / trs["target"])
    assert front == {"title": "示例市应急管理局关于做好2024年汛期应急值守工作的通知", "type": "notice",
                     "index_no": "EX0001/2024-00031", "published": _date("2024-05-20"), "doc_no": "示应急〔2024〕15号",
                     "issued": _date("2024-05-17"), "validity": "有效", "topics": ["安全生产监管", "应急管理"],
                     "imported": "从原网站迁移（old-site/trs/t20240520_31.html）",
                     "attachments": [{"file": "files/W020240520391260001.pdf", "title": "2024年汛期值班表"}]}
    assert "| 岗位 | 人数 | 职责 |\n| --- | --- | --- |\n| 带班领导 | 1 | 统筹调度，审签重要信息 |" in body
    assert "\n## 一、值守时间\n" in body and "\n2.值班人员不得擅离岗位" in body
    assert "![值班室位置图](files/W020240520391260002.png)" in body
    assert "[2024年汛期值班表](files/W020240520391260001.pdf)" in body
    folder = (root / trs["target"]).parent / "files"
    assert (folder / "W020240520391260001.pdf").read_bytes() == (FIXTURES / "trs" / "W020240520391260001.pdf").read_bytes()
    assert (folder / "W020240520391260002.png").is_file()
    for hostile in ("script", "iframe", "onclick", "onerror", "javascript:", "<style", "document.write", "访问量"):
        assert hostile not in body, hostile
    assert "电话0000-12345602。" in body              # the text of a javascript: link stays
    dropped = "\n".join(trs["dropped"])
    for listed in ("第 44 行：不安全或无用的 <script> 元素", "第 43 行：不安全或无用的 <iframe> 元素",
                   "第 26 行：不安全或无用的 <style> 元素", "事件属性 onclick（<p>）", "事件属性 onerror（<img>）",
                   "不安全的链接 href=\"javascript:void(0)\"", "第 14 行：元数据区（<table>，已读入文件头）"):
        assert listed in dropped, listed
    assert "示例市应急管理局关于做好" not in body     # the title is in the front matter, not repeated

    hanweb = pages["art_2023_1234.html"]
    assert hanweb["encoding"] == "gb18030" and hanweb["status"] == "通过检查"
    front, body = front_and_body(root / hanweb["target"])
    assert front["title"] == "示例市应急管理局关于公布2023年度市级应急物资储备点的通知"
    assert front["index_no"] == "EX0001/2023-00001"       # the foreign 索引号 renumbered …
    assert "原索引号 11379900MB0000001X/2023-01234 不符合本机关编号规则，已改编为 EX0001/2023-00001" == hanweb["index_note"]
    assert front["doc_no"] == "示应急发〔2023〕8号"        # … and the 文号's brackets put right, reported
    assert "文件头 doc_no：示应急发[2023]8号 → 示应急发〔2023〕8号" in hanweb["repairs"]
    assert front["validity"] == "有效" and front["issued"] == _date("2023-06-30") and front["published"] == _date("2023-07-03")
    # A GBK %-escaped link to a file name with spaces and brackets: found, copied under a safe name.
    assert front["attachments"] == [{"file": "files/示例市2023年度应急物资储备点名录-第1批.xls", "title": "示例市2023年度市级应急物资储备点名录"}]
    assert (root / "content" / "policies" / "other" / "files" / "示例市2023年度应急物资储备点名录-第1批.xls").is_file()
    assert '<tr><td rowspan="2">城东储备库</td><td>帐篷（顶）</td><td>1200</td></tr>' in body   # merged cells kept
    assert '<td colspan="2">合计（件套）</td>' in body and "onmouseover" not in body
    assert "\n## 一、储备点及主要物资\n" in body and "\n（一）各储备点应当每季度盘点一次，账实相符。\n" in body

    conway = pages["content_5301.html"]
    front, body = front_and_body(root / conway["target"])
    assert front == {"title": "示例市危险化学品储存场所安全检查办法", "type": "policy", "index_no": "EX0001/2022-00012",
                     "published": _date("2022-03-15"), "doc_no": "示应急规〔2022〕1号", "issued": _date("2022-03-10"),
                     "validity": "有效", "topics": ["安全生产", "危险化学品"],
                     "imported": "从原网站迁移（old-site/conway/content_5301.html）"}
    assert "\n## 第一章　总则\n" in body and "\n1.检查人员不得少于两人。\n\n2.检查应当制作笔录" in body
    assert "\n（三）从业人员培训和持证情况。\n" in body     # an enumeration, not a heading
    decisions = "\n".join(conway["decisions"])
    assert "附件“危险化学品储存场所检查表”（https://old.invalid/attach/0/6a1b2c3d.docx）没有随网页保存" in decisions
    # Marked as migrated by the import itself, it is judged as such: no interpretation demanded (E201).
    assert "E201" not in decisions and conway["status"] == "需编辑决定"

    # The editor's decisions: the interpretation the old site had is imported too (here: written).
    (root / "content" / "interpretations").mkdir()
    (root / "content" / "interpretations" / "hazchem.md").write_text(
        "---\ntitle: 《示例市危险化学品储存场所安全检查办法》解读\ntype: interpretation\nindex_no: EX0001/2022-00013\n"
        "published: 2022-03-15\ninterprets: EX0001/2022-00012\n---\n\n## 背景依据\n\n说明。\n\n## 主要内容\n\n说明。\n",
        encoding="utf-8")
    checked = check(root, "--strict")
    assert checked.returncode == 0, checked.output
    built = build(root)
    assert built.returncode == 0, built.output
    html = (root / "site" / "policies" / "other" / "2024-00031" / "index.html").read_text(encoding="utf-8")
    assert "<td>统筹调度，审签重要信息</td>" in html
    assert "document.write" not in html and "counter.invalid" not in html and "dial(" not in html
    assert (root / "site" / "policies" / "other" / "files" / "W020240520391260001.pdf").is_file()


def test_importing_twice_imports_nothing_new(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    source = FIXTURES / "trs" / "t20240520_31.html"
    assert run_import(root, str(source), "--type", "notice").returncode == 0
    written = tree(root / "content")
    again = run_import(root, str(source), "--type", "notice", "--report", "again.md")
    assert again.returncode == 1 and tree(root / "content") == written
    assert "索引号 EX0001/2024-00031 已被 content/policies/other/2024-00031.md 使用（可能已导入过），未重复导入" in \
        (root / "again.md").read_text(encoding="utf-8")


def test_unknown_type_is_not_guessed(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    done = run_import(root, str(FIXTURES / "trs"), "--report", "r.csv")
    assert done.returncode == 1 and not list((root / "content").rglob("*.md"))
    raw = (root / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                          # so that Excel/WPS read it as UTF-8
    assert "不知道这是哪类文件，未导入；请用 --type" in raw.decode("utf-8-sig")
    assert "1 个未导入" in done.stderr


# --- hostile and damaged input, variants --------------------------------------------------

HOSTILE = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="关于示例事项的通知"></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>EX0001/2025-00500</td><td>发布日期：</td><td>2025-02-03</td></tr></table>
<div id="zoom">
<p>第一段正文，说明有关事项。</p>
<p><a href=" JaVa&#x09;ScRiPt:alert(1)">点此查看</a>有关规定。</p>
<object data="x.swf"></object><embed src="y.swf"><form action="/post"><input name="q"></form>
<p onmouseover="x()"># 这一行以井号开头</p>
<p>&lt;script&gt;写在正文里的尖括号文字&lt;/script&gt;</p>
<p>第一行<br>第二行</p>
<p>成文日期：2025年1月20日</p>
</div></body></html>
"""


def test_hostile_html_variants_dropped_and_listed(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "page.htm").write_text(HOSTILE, encoding="utf-8")
    done = run_import(root, str(tmp_path / "page.htm"), "--type", "notice", "--report", "r.json")
    page = report_of(root, "r.json")["pages"][0]
    front, body = front_and_body(root / page["target"])
    dropped = "\n".join(page["dropped"])
    for listed in ("<object>", "<embed>", "<form>", "onmouseover", "JaVa"):
        assert listed in dropped, listed
    assert "<>" not in dropped and "<input" not in body
    assert "点此查看有关规定。" in body and "javascript" not in body.lower()
    assert "\\# 这一行以井号开头" in body                       # text, not a heading
    assert "\n第一行\n\n第二行\n" in body                        # a line is a paragraph
    assert "&lt;script>写在正文里的尖括号文字&lt;/script>" in body   # shown as text, never run
    checked = check(root)
    assert "E401" not in checked.output, checked.output
    assert done.returncode in (0, 1)


def test_gbk_page_without_a_declared_charset(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    text = HOSTILE.replace('<meta charset="utf-8">', "")
    (tmp_path / "gbk.html").write_bytes(text.encode("gb18030"))
    run_import(root, str(tmp_path / "gbk.html"), "--type", "notice", "--report", "r.json")
    page = report_of(root, "r.json")["pages"][0]
    assert page["title"] == "关于示例事项的通知" and page["encoding"] == "gb18030"
    assert "第一段正文，说明有关事项。" in front_and_body(root / page["target"])[1]


def test_damaged_text_repaired_only_where_unambiguous(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=SEED_CATALOGUE, mkdocs_extra=TABLES)
    dump = ("測試市安全生產(chǎn)工作方案\n發布日期:2019-03-04\n"
            "依據《通知》(測政辦„2011‟5號)和„某‟說明,結合實際(de)制定本方案。\n"
            "一、總體要求(yāo qiú)\n> 以引號開頭的一行。\n- 以連字號開頭的一行\n2019年3月1日\n")
    (tmp_path / "dump.txt").write_text(dump, encoding="utf-8")
    run_import(root, str(tmp_path / "dump.txt"), "--type", "plan", "--report", "r.json")
    page = report_of(root, "r.json")["pages"][0]
    front, body = front_and_body(root / page["target"])
    assert front["title"] == "測試市安全生產工作方案" and front["issued"] == _date("2019-03-01")
    assert page["repairs"] == ["第 1 行：產(chǎn) → 產", "第 3 行：„2011‟ → 〔2011〕"]
    flags = "\n".join(page["flags"])
    assert "第 3 行：“(de)”像是拼音注音但没有声调" in flags        # toneless: flagged, kept
    assert "第 3 行：含“„”或“‟”" in flags                          # not around a year: flagged, kept
    assert "(yāo qiú)" in body                                       # two syllables: not one character's note
    assert "„某‟" in body and "(de)" in body
    assert "\n\\> 以引號開頭的一行。\n" in body and "\n\\- 以連字號開頭的一行\n" in body


@pytest.mark.parametrize("mapping, message", [
    ("- match: \"通知\n  type: notice\n", "映射文件第 1 行不是有效的 YAML"),
    ("- match: 001\n  type: notice\n", "match: 1 应写成带引号的文字"),
    ("- match: \"通知\"\n  type: notise\n", "未知的文档类型 notise；catalogue.yaml 中的类型：policy、notice、interpretation"),
    ("- match: \"通知\"\n  category: nowhere\n", "没有栏目 nowhere"),
    ("- match: \"通知\"\n  set: {published: 去年}\n", "set 中 published 的日期无法识别：去年"),
    ("- match: \"通知\"\n  typ: notice\n", "映射文件中有未知的键 typ"),
])
def test_a_careless_mapping_file_stops_with_a_chinese_message(tmp_path, mapping, message):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (root / "map.yaml").write_text(mapping, encoding="utf-8")
    before = tree(root)
    done = run_import(root, str(FIXTURES / "trs"), "--map", "map.yaml")
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and tree(root) == before


def test_editor_decisions_in_set_reach_the_front_matter(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (root / "map.yaml").write_text("- match: \"content_5301\"\n  type: policy\n"
                                   "  set: {imported: 从原网站迁移，原无解读, validity: 失效}\n", encoding="utf-8")
    run_import(root, str(FIXTURES / "conway"), "--map", "map.yaml")
    front, _ = front_and_body(root / "content" / "policies" / "normative" / "2022-00012.md")
    assert front["imported"] == "从原网站迁移，原无解读" and front["validity"] == "失效"
    assert (root / "import-report.md").is_file()


def test_title_without_meta_tags_is_the_heading_the_page_title_names(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    page = ("<html><head><meta charset='utf-8'><title>关于2025-2026年度值班安排的通知-示例市应急管理局</title></head><body>"
            "<h1 class='logo'>示例市应急管理局</h1><div class='detail'><h2>关于2025-2026年度值班安排的通知</h2>"
            "<p>发布日期：2025-03-02　索引号：EX0001/2025-00400</p>"
            "<div class='TRS_Editor'><p>各科室：</p><p>现将2025-2026年度值班安排通知如下。</p></div></div></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    assert run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json").returncode in (0, 1)
    found = report_of(root, "r.json")["pages"][0]
    assert found["title"] == "关于2025-2026年度值班安排的通知" and found["index_no"] == "EX0001/2025-00400"


def test_a_folder_without_pages_is_a_usage_error(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE)
    (tmp_path / "empty").mkdir()
    done = run_import(root, str(tmp_path / "empty"), "--type", "notice")
    assert done.returncode == 2 and "没有找到可导入的页面" in done.stderr
    assert not (root / "import-report.md").exists()


def test_unreadable_pages_are_reported_and_the_batch_goes_on(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-deep.html").write_text("<html><body><div id='zoom'>" + "<div>" * 3000 + "<p>深层嵌套的正文内容，用于测试。</p>"
                                       + "</div>" * 3000 + "</div></body></html>", encoding="utf-8")
    (pages / "b-binary.html").write_bytes(b"\x00\x01\xff\xfe\x80garbage")
    shutil.copy(FIXTURES / "trs" / "t20240520_31.html", pages / "c-good.html")
    done = run_import(root, str(pages), "--type", "notice", "--report", "r.json")
    assert "Traceback" not in done.stderr and "共 3 个页面" in done.stderr
    found = by_source(report_of(root, "r.json"))
    assert found["a-deep.html"]["status"] == "未导入" and " E800 " in found["a-deep.html"]["skipped"]
    assert found["b-binary.html"]["status"] == "未导入" and "找不到正文" in found["b-binary.html"]["flags"][0]
    assert found["c-good.html"]["target"] == "content/policies/other/2024-00031.md"


# --- the shapes of five CMS families (issue 23.2, 23.6) -------------------------------------

SHAPES = REPO / "tests" / "data" / "import-shapes"
SHAPE_CATALOGUE = {
    "agency": {"name": "示例市应急管理局", "index_pattern": r"^EX0001/\d{4}-\d{5}$"},
    "types": {
        "policy": {"name": "规范性文件", "fields": ["doc_no", "issued", "validity"], "interpretation": "required"},
        "notice": {"name": "其他文件", "fields": ["issued"]},
        "reply": {"name": "批复", "fields": ["doc_no", "issued"]},
        "plan": {"name": "工作计划", "fields": ["issued"]},
    },
    "catalogue": [
        {"id": "normative", "name": "规范性文件", "path": "policies/normative", "types": ["policy"], "stale_days": 0},
        {"id": "other", "name": "其他文件", "path": "policies/other", "types": ["notice"], "stale_days": 0},
        {"id": "replies", "name": "批复", "path": "policies/replies", "types": ["reply"], "stale_days": 0},
        {"id": "plans", "name": "工作计划", "path": "plans", "types": ["plan"], "stale_days": 0},
    ],
}
# Chosen by 发文字号 as well as by title: 函 are replies, 规 are normative documents.
SHAPE_MAP = """
- doc_no: "^示政函〔"
  type: reply
- doc_no: "规〔"
  type: policy
- match: "计划$"
  type: plan
"""
# Counted by hand from each saved page: (paragraphs, headings, tables) of the document's text,
# a line being a paragraph; the repeated title and 文号 at the start are not the text.
HAND_COUNTED = {
    "content_9001.htm": (16, 3, 1),          # national portal: body in a <td>, a <br>-lined article, a data table with <br> in cells
    "content_9002.htm": (8, 0, 0),           # national portal: body in a <td> of nested layout tables
    "t20240612_88.html": (9, 3, 0),          # TRS WCM (provincial): a body of <div>s only, spaced labels, a missing icon
    "art_2024_5678.html": (10, 6, 0),        # Hanweb: Word-pasted span/font soup, GBK, <br> runs, a <span> of lines
    "art_4321.html": (10, 3, 1),             # 开普云 UCAP: nested layout tables, a Word table with <p> in cells
    "detail_20210402_556.html": (7, 3, 1),   # conway: text and <br> with no <p>, <center> headings, a <th> table
}


def _shown_shape(html: str) -> tuple[int, int, int, str]:
    from bs4 import BeautifulSoup
    body = BeautifulSoup(html, "html.parser").select_one(".dc-body")
    paragraphs = [p for p in body.find_all("p") if p.get_text(strip=True) and not p.find_parent(["td", "th"])]
    return len(paragraphs), len(body.find_all(["h2", "h3", "h4"])), len(body.find_all("table")), body.get_text("")


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory) -> tuple[Path, dict, subprocess.CompletedProcess]:
    root = write_site(tmp_path_factory.mktemp("shapes") / "site", {}, catalogue=SHAPE_CATALOGUE, mkdocs_extra=TABLES)
    (root / "map.yaml").write_text(SHAPE_MAP, encoding="utf-8")
    pages = shutil.copytree(SHAPES, root.parent / "old-site")
    done = run_import(root, str(pages), "--type", "notice", "--map", "map.yaml", "--report", "report.json")
    return root, by_source(report_of(root)), done


def test_every_cms_shape_reads_on_the_page_like_the_original(shapes_site):
    root, pages, done = shapes_site
    # Every page imported: the status is 0 even though decisions (a missing icon) are listed.
    assert done.returncode == 0, done.stderr
    assert set(pages) == set(HAND_COUNTED) and all(page["status"] != "未导入" for page in pages.values())
    built = build(root)                       # strict: the fidelity rule, links, everything
    assert built.returncode == 0, built.output
    for name, (paragraphs, headings, tables) in HAND_COUNTED.items():
        html = (root / "site" / pages[name]["target"].removeprefix("content/").removesuffix(".md") / "index.html")
        shown = _shown_shape(html.read_text(encoding="utf-8"))
        assert shown[:3] == (paragraphs, headings, tables), (name, shown[:3])
        for markup in ("|", "**", "<", "&nbsp;", "\\"):
            assert markup not in shown[3], (name, markup)          # no markup shown as text
        # The import's own comparison says the same: every paragraph, heading and table kept.
        assert pages[name]["shape"].startswith(f"段落 {paragraphs}/{paragraphs}，标题 {headings}/{headings}，表格 {tables}/{tables}"), \
            (name, pages[name]["shape"])


def test_the_national_portal_body_in_a_table_cell(shapes_site):
    root, pages, _ = shapes_site
    page = pages["content_9001.htm"]
    front, body = front_and_body(root / page["target"])
    assert front["doc_no"] == "示政发〔2024〕11号" and front["issued"] == _date("2024-05-11")
    assert front["published"] == _date("2024-05-23") and front["publisher"] == "示例市人民政府"
    assert front["topics"] == ["城乡建设", "环境保护", "其他"]
    # Renumbered after the 索引号 the other pages of the run bring (EX0001/2024-00088, -00102): never colliding.
    assert page["index_note"] == "原索引号 000014349/2024-00045 不符合本机关编号规则，已改编为 EX0001/2024-00103"
    assert body.lstrip().startswith("各区人民政府，市政府各部门、各直属机构：\n")   # title and 文号 identical to the front matter: dropped
    assert "正文开头重复的标题（与文件头中的相同）" in "\n".join(page["dropped"])
    assert "\n## 第一章　总　　则\n" in body and "\n（二）固定避难场所，供居民较长时间避难；\n" in body
    assert "| 固定避难场所 | 不小于1万平方米 | 2000米 | 应急供水<br>应急供电<br>应急厕所 |" in body
    assert body.rstrip().endswith("第七条　本规定自2024年7月1日起施行。")             # no stray “|”
    html = (root / "site" / page["target"].removeprefix("content/").removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert "<td>应急供水<br>应急供电<br>应急厕所</td>" in html or "<td>应急供水<br/>应急供电<br/>应急厕所</td>" in html
    # Centred and right-aligned lines stay so: the layout recognises 章 and 落款; the regulation's
    # name, centred in the source and not recognisable, carries the editor's mark.
    assert "\n**示例市城市应急避难场所管理规定** {居中}\n" in body and body.count("{居") == 1
    assert '<p class="dc-centred"><strong>示例市城市应急避难场所管理规定</strong></p>' in html
    assert '<p class="dc-signature">示例市人民政府</p>' in html and '<p class="dc-date">2024年5月11日</p>' in html
    reply = pages["content_9002.htm"]
    assert reply["type"] == "reply" and reply["target"].startswith("content/policies/replies/")   # chosen by its 发文字号
    # Marked as migrated, with its source: the address the browser noted when the page was saved.
    assert front_and_body(root / reply["target"])[0]["imported"] == \
        "从原网站迁移（https://www.example.gov.cn/zhengce/content/2023-11/content_9002.htm）"


def test_trs_spaced_labels_the_visible_table_and_a_missing_icon(shapes_site):
    root, pages, _ = shapes_site
    page = pages["t20240612_88.html"]
    front, body = front_and_body(root / page["target"])
    assert front["index_no"] == "EX0001/2024-00088" and page["index_note"] == "沿用原索引号 EX0001/2024-00088"
    assert front["validity"] == "有效"                                  # 有　效　性
    assert front["publisher"] == "示例省应急管理厅"                     # the table, not <meta name="ContentSource">
    assert front["doc_no"] == "示应急〔2024〕21号" and front["issued"] == _date("2024-06-07")
    assert front["attachments"] == [{"file": "files/P020240612_list.xlsx", "title": "2024年防汛抗旱应急物资储备目录"}]
    assert "![储备库分布图](files/W020240612_map.png)" in body
    assert "icon_wj" not in body                                        # not a dead link that stops the build …
    decisions = "\n".join(page["decisions"])
    assert "图片 t20240612_88_files/icon_wj.png 没有随网页保存，已从正文中去掉" in decisions   # … but listed
    assert not body.lstrip().startswith("示应急〔2024〕21号")


def test_hanweb_word_soup_and_ucap_layout_tables(shapes_site):
    root, pages, _ = shapes_site
    front, body = front_and_body(root / pages["art_2024_5678.html"]["target"])
    assert front["index_no"] == "EX0001/2024-00102" and front["doc_no"] == "示县应急〔2024〕9号"   # 索&nbsp;&nbsp;引&nbsp;&nbsp;号
    assert "\n## 一、活动时间\n\n2024年6月1日至30日。\n" in body
    assert "\n### （二）组织应急演练。\n\n各单位至少组织一次综合或专项应急演练，检验预案、锻炼队伍。\n" in body
    assert "\n各单位要高度重视，明确专人负责。\n\n活动总结请于7月5日前报" in body
    front, body = front_and_body(root / pages["art_4321.html"]["target"])
    assert front["type"] == "policy" and front["imported"] == "从原网站迁移（old-site/ucap/art_4321.html）"
    assert "| 倒损住房恢复重建 | 每户2万元 | 住房鉴定结论 |" in body
    assert front["attachments"] == [{"file": "files/救助资金申请表.docx", "title": "救助资金申请表"}]
    front, body = front_and_body(root / pages["detail_20210402_556.html"]["target"])
    assert front["type"] == "plan" and front["topics"] == ["安全生产", "执法监督"]     # not duplicated
    assert front["issued"] == _date("2021-03-30")                                      # from the signature
    assert "| 第二季度 | 危险化学品<br>有限空间作业 | 35 |" in body


MARKDOWN_LOOKALIKES = """<html><head><meta charset="utf-8"><title>关于报送值班表的通知</title></head><body>
<p>发布日期：2025-05-06　成文日期：2025-05-05　索引号：EX0001/2025-00800</p><div class="zw"><p>各单位：</p>
<p>请按下列要求报送值班表。</p><p>***</p><p>表内时间为北京时间 {居中}</p><p>[注1]: 值班表须经单位负责人签字。</p><p>!!! 注意：节假日另行安排。</p>
<p>填表人：______</p><p>______</p><p>特此通知。</p></div></body></html>
"""


def test_the_import_keeps_text_that_markdown_would_read_as_its_own_syntax(tmp_path):
    """Lines of text that Markdown reads as its own syntax are escaped and kept (a reference definition, an
    admonition, a blank to fill in, a line of three asterisks: text since round 30c); text ending as a layout mark
    (`表内时间为北京时间 {居中}`) too since round 33b: it lost the mark's words and was centred, listed as W800."""
    root = write_site(tmp_path / "site", {}, catalogue=SHAPE_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "p.html").write_text(MARKDOWN_LOOKALIKES, encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    page = report_of(root, "r.json")["pages"][0]
    assert not [line for line in page["decisions"] if " W800 " in line], page["decisions"]
    _, body = front_and_body(root / page["target"])
    assert "\n\\[注1]: 值班表须经单位负责人签字。\n" in body and "\n\\!!! 注意：节假日另行安排。\n" in body
    assert "\n\\_\\_\\_\\_\\_\\_\n" in body and "\n***\n" in body    # a blank to fill in is text, not a rule
    assert "\n表内时间为北京时间 \\{居中}\n" in body


# --- migrated documents are marked and judged as such (23.4) ---------------------------------

def test_the_guide_gives_imported_to_set_and_an_empty_catalogue(tmp_path):
    guide = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 十三、从原网站迁移"):guide.index("## 十四、")]
    settable = re.search(r"`set` 可以写(.*?)。", section).group(1)
    assert "`imported`" in settable
    catalogue = re.search(r"```yaml\n(# 迁移用的空目录.*?)```", section, re.S).group(1)
    root = write_site(tmp_path / "site", {}, catalogue=catalogue)
    checked = check(root)
    assert checked.returncode == 0, checked.output
    done = run_import(root, str(SHAPES / "conway"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr


# --- import decides safely (24.2) -----------------------------------------------------------

WITHHELD_PAGE = """<html><head><meta charset="utf-8"><title>关于示例仓库检查情况的通报</title></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>EX0001/2025-00600</td><td>公开属性：</td><td>{wording}</td></tr>
<tr><td>发布日期：</td><td>2025-03-01</td><td>成文日期：</td><td>2025-02-26</td></tr></table>
<div class="article"><p>各有关单位：</p><p>现将示例仓库检查中发现的问题通报如下，请逐项整改。</p>
<p>一是消防通道堆放杂物；二是{number}号仓库值班记录不全。</p></div></body></html>
"""


def _imported_keeping_titles(folder: Path, pages: dict[str, str]) -> tuple[Path, dict[str, dict], subprocess.CompletedProcess]:
    """Many cases' saved pages (case → its HTML) imported by one `disclosure import` of a folder holding them (case
    n's is `n.html`): the site, each case's page in the report, the import's run. Unlike batchkit.imported_each, the
    pages keep their titles as written (a test comparing a body's first lines with the title): they must differ in
    index number or date instead (pages alike in title, date and doc_no are taken for one saved twice)."""
    root = write_site(folder / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    saved = folder / "saved"
    saved.mkdir()
    sources = {}
    for number, (case, html) in enumerate(pages.items(), start=1):
        (saved / f"{number}.html").write_text(html, encoding="utf-8")
        sources[case] = f"{number}.html"
    done = run_import(root, str(saved), "--type", "notice", "--report", "r.json")
    imported = by_source(report_of(root, "r.json"))
    return root, {case: imported[name] for case, name in sources.items()}, done


# A page's 公开属性 wording → what the import writes. Each case's page has a sentence of its own ("n号仓库"): a public
# page holding a withheld one's whole text is refused (E500), and a case's text is looked for in the site alone.
WITHHELD_WORDINGS = [("不予公开（涉及商业秘密）", "不予公开"), ("依申请公开", "依申请公开"), ("依 申 请 公 开", "依申请公开"),
                     ("部分公开", "不予公开"), ("内部", "不予公开")]


@pytest.fixture(scope="module")
def withheld_imports(tmp_path_factory):
    """Every wording's page imported at once, then the site built with each page imported as not public excluded
    (as the guide asks)."""
    pages = {wording: WITHHELD_PAGE.format(wording=wording, number=number) for number, (wording, _) in enumerate(WITHHELD_WORDINGS)}
    found = imported_each(tmp_path_factory.mktemp("withheld"), pages)
    root, imported, done = found.root, found.pages, found.run
    excluded = "".join(f"  /{page['target'].removeprefix('content/')}\n" for page in imported.values()
                       if "disclosure" in front_and_body(root / page["target"])[0])
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "exclude_docs: |\n" + excluded, encoding="utf-8")
    return root, imported, done, build(root)


@pytest.mark.parametrize("wording, value", WITHHELD_WORDINGS)
def test_a_disclosure_other_than_public_is_never_imported_as_public(withheld_imports, wording, value):
    root, imported, done, built = withheld_imports
    assert done.returncode == 0, done.stderr
    page = imported[wording]
    front, _ = front_and_body(root / page["target"])
    assert front["disclosure"] == value and wording in front["reason"]
    assert any(" W801 " in line and wording in line for line in page["decisions"])
    assert built.returncode == 0, built.output
    published = root / "site" / Path(page["target"]).relative_to("content").with_suffix("")
    assert published.parent == root / "site" / "policies" / "other" and not published.exists()
    own_sentence = f"{[case for case, _ in WITHHELD_WORDINGS].index(wording)}号仓库值班记录不全"
    assert own_sentence in (root / page["target"]).read_text(encoding="utf-8")
    assert own_sentence not in "".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))


def test_files_only_from_inside_the_imported_folder(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret of the machine")
    (tmp_path / "secret.png").write_bytes((SHAPES / "trs" / "t20240612_88_files" / "W020240612_map.png").read_bytes())
    old = tmp_path / "old"
    (old / "files").mkdir(parents=True)
    (old / "pages").mkdir()
    (old / "files" / "linked.pdf").symlink_to(tmp_path / "secret.pdf")
    (old / "files" / "ok.pdf").write_bytes(b"%PDF-1.4 an attachment of the page")
    (old / "pages" / "p.html").write_text(
        "<html><head><meta charset='utf-8'><title>关于示例文件附件的通知</title></head><body>"
        "<p>索引号：EX0001/2025-00700　发布日期：2025-04-01</p><div class='zw'>"
        "<p>各单位：现将有关材料印发给你们。</p><p><img src='../../secret.png' alt='图一'></p>"
        f"<p>附件：<a href='../../secret.pdf'>材料一</a>、<a href='{tmp_path / 'secret.pdf'}'>材料二</a>、"
        "<a href='../files/linked.pdf'>材料三</a>、<a href='../files/ok.pdf'>材料四</a></p>"
        "<p>请按要求办理，逐项落实，按时报送。</p></div></body></html>", encoding="utf-8")
    done = run_import(root, str(old), "--type", "notice", "--report", "r.json")
    page = report_of(root, "r.json")["pages"][0]
    front, body = front_and_body(root / page["target"])
    # ../ that stays inside the imported folder is fine; the machine's other files never come in.
    copied = sorted(p.name for p in (root / "content").rglob("*") if p.is_file() and p.suffix != ".md")
    assert copied == ["ok.pdf"] and front["attachments"] == [{"file": "files/ok.pdf", "title": "材料四"}]
    refused = [line for line in page["decisions"] if " E801 " in line]
    assert len(refused) == 4 and all("没有复制" in line for line in refused), page["decisions"]
    assert "secret" not in body and "linked.pdf" not in body and "材料一" in body and "图一" not in body
    assert done.returncode == 0
    checked = check(root)
    assert "E500" not in checked.output and "E112" not in checked.output, checked.output


def test_the_report_csv_quotes_cells_like_the_exports(tmp_path):
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "p.html").write_text(HOSTILE.replace("关于示例事项的通知", "=HYPERLINK(\"http://x.invalid\",\"点此\")"),
                                     encoding="utf-8")
    run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.csv")
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO((root / "r.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["title"].startswith("'=HYPERLINK(")
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values() if value)


def test_a_page_nested_beyond_the_limit_is_refused_with_a_code(tmp_path):
    from disclosure.importer.sources import MAX_DEPTH
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "pages"
    pages.mkdir()
    def nested(levels: int) -> str:
        return ("<html><head><meta charset='utf-8'><title>关于嵌套页面的通知</title></head><body>" + "<div>" * levels
                + "<p>各单位：深层嵌套的正文内容，用于测试导入的处理上限。</p><p>请遵照执行，按时报送有关材料。</p>"
                + "</div>" * levels + "</body></html>")
    (pages / "deep.html").write_text(nested(MAX_DEPTH + 50), encoding="utf-8")
    (pages / "fine.html").write_text(nested(MAX_DEPTH - 20), encoding="utf-8")
    (pages / "huge.html").write_bytes(b"<html><body><p>" + "重复的内容。".encode() * (9 * 1024 * 1024 // 18) + b"</p></body></html>")
    done = run_import(root, str(pages), "--type", "notice", "--report", "r.json")
    found = by_source(report_of(root, "r.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr     # something was not imported
    assert found["deep.html"]["status"] == "未导入" and " E800 " in found["deep.html"]["skipped"]
    assert "嵌套" in found["deep.html"]["skipped"]
    assert found["huge.html"]["status"] == "未导入" and " E800 " in found["huge.html"]["skipped"]
    assert found["fine.html"]["status"] != "未导入"


def test_a_generated_index_number_never_takes_another_pages_own(tmp_path):
    """A page without a 索引号 comes first; the next page brings the number a naive count would give it."""
    existing = ("---\ntitle: 示例通知一\ntype: notice\nindex_no: EX0001/2024-00001\npublished: 2024-01-05\nissued: 2024-01-03\n---\n\n正文。\n")
    root = write_site(tmp_path / "site", {"policies/other/2024-00001.md": existing}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    pages = tmp_path / "pages"
    pages.mkdir()
    page = ("<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='info'>{meta}</div>"
            "<div class='zw'><p>各单位：</p><p>现将有关事项通知如下，请遵照执行，按时报送。</p><p>示例市应急管理局</p></div></body></html>")
    (pages / "a.html").write_text(page.format(title="关于甲事项的通知", meta="<p>发布日期：2024-03-01　成文日期：2024-02-28</p>"),
                                  encoding="utf-8")
    (pages / "b.html").write_text(page.format(title="关于乙事项的通知", meta="<p>索 引 号：EX0001/2024-00002　发布日期：2024-03-02</p>"),
                                  encoding="utf-8")
    done = run_import(root, str(pages), "--type", "notice", "--report", "r.json")
    found = by_source(report_of(root, "r.json"))
    assert done.returncode == 0, (done.stderr, found)
    assert found["b.html"]["index_no"] == "EX0001/2024-00002"
    assert found["a.html"]["index_no"] == "EX0001/2024-00003"
    assert found["a.html"]["index_note"] == "原页面没有索引号，已编为 EX0001/2024-00003"


def test_old_html_that_leaves_paragraphs_and_cells_open(tmp_path):
    """`<p>` and `<td>` never closed (old editors, hand-written pages): a browser closes each at the
    next one; so does the import — 3,000 open paragraphs are 3,000 paragraphs, not one 3,000 deep."""
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    items = "".join(f"<p>　　（{n}）第{n}项工作按计划推进。\n" for n in range(1, 3001))
    (tmp_path / "old.html").write_text(
        "<html><head><meta charset='utf-8'><title>关于示例旧页面的通知</title></head><body>"
        "<p>索引号：EX0001/2020-00010　发布日期：2020-03-02</p><div class=zw>\n<p>各单位：\n<p><b>一、工作安排</b>\n"
        "<table border=1>\n<tr><td>时间<td>事项\n<tr><td>3月<td>部署<br>动员\n<tr><td>4月<td>检查\n</table>\n"
        + items + "<p align=right>示例市应急管理局\n<p align=right>2020年3月1日\n</div></body></html>", encoding="utf-8")
    done = run_import(root, str(tmp_path / "old.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    page = report_of(root, "r.json")["pages"][0]
    assert page["shape"].startswith("段落 3003/3003，标题 1/1，表格 1/1"), page["shape"]
    _, body = front_and_body(root / page["target"])
    assert "| 3月 | 部署<br>动员 |\n| 4月 | 检查 |" in body
    assert "\n（2999）第2999项工作按计划推进。\n\n（3000）第3000项工作按计划推进。\n\n示例市应急管理局\n\n2020年3月1日\n" in body


PARSE_OPEN_PARAGRAPHS = """
import sys
from disclosure.importer.body import BrowserClosingSoup
count = int(sys.argv[1])
items = "".join(f"<p>（{n}）第{n}项工作按计划推进。\\n" for n in range(count))
soup = BrowserClosingSoup("<html><body><div class=zw>" + items + "</div></body></html>", "html.parser")
print(len(soup.find("div").find_all("p", recursive=False)))
"""


def test_open_paragraphs_are_closed_in_time_linear_in_the_page():
    """40,000 open paragraphs (1.9 MB, a quarter of what the import accepts): each closed as the next
    begins, while the page is parsed. Un-nesting the parsed tree took time in n² (6,000 took 5 s; these,
    minutes); the bound only stops a hang from stalling the suite, it measures nothing."""
    done = subprocess.run([sys.executable, "-c", PARSE_OPEN_PARAGRAPHS, "40000"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["40000"]


REPEATED_STARTS = [   # the body's first lines, how many of them repeat the title or doc_no exactly
    ("<p align=center><b>示例县应急管理局关于开展<br>2024年安全生产月活动的通知</b></p><p>示县应急〔2024〕9号</p>", 3),
    ("<p align=center>示例县应急管理局关于开展2024年安全生产月活动的通知</p>", 1),
    ("<p align=center>示例县应急管理局关于开展2024年安全生产月活动的补充通知</p><p>示县应急〔2024〕9号</p>", 0),
    ("<p>示县应急〔2024〕10号</p>", 0),
]


@pytest.fixture(scope="module")
def repeated_starts(tmp_path_factory):
    """Every start's page imported at once, each with an index number and a date of its own (EX0001/2024-0005n,
    2024-05-2n: the import takes pages alike in title, date and doc_no for one saved twice)."""
    pages = {start: "<html><head><meta charset='utf-8'><title>示例县应急管理局关于开展2024年安全生产月活动的通知</title></head><body>"
                    f"<p>索引号：EX0001/2024-{50 + number:05d}　发文字号：示县应急〔2024〕9号　发布日期：2024-05-{21 + number}</p>"
                    f"<div class=zw>{start}<p>各乡镇：</p><p>现将有关事项通知如下，请遵照执行。</p><p>示例县应急管理局</p></div></body></html>"
             for number, (start, _) in enumerate(REPEATED_STARTS)}
    root, imported, _ = _imported_keeping_titles(tmp_path_factory.mktemp("repeated"), pages)
    return root, imported


@pytest.mark.parametrize("start, dropped", REPEATED_STARTS)
def test_a_repeated_title_or_doc_no_is_dropped_only_when_identical(repeated_starts, start, dropped):
    root, imported = repeated_starts
    page = imported[start]
    _, body = front_and_body(root / page["target"])
    assert sum("正文开头重复的" in line for line in page["dropped"]) == dropped
    kept = start.count("<p") + start.count("<br") - dropped
    assert len(body.strip().split("\n\n")) == kept + 3, body
