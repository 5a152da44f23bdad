"""Round nineteen of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised department CI job. Each test goes through the real `disclosure` command and failed on main before its fix.

The importer (importer/openness.py) —
- fixed: a saved page stating its 公开属性 other than in a metadata table or block of two or more statements — a lone
  `<dl><dt>公开属性</dt><dd>不予公开</dd></dl>` or `<p>公开属性：依申请公开</p>` beside the article, a `<th>`-less
  table whose value stands in the next row, a value shown as an icon (`<img alt="不予公开">`) or a form control
  (`<input value>`) — was imported as public with its body, and the statement dropped as the page's furniture. Now
  every label of 公开 is read with what follows it as a reader sees it (a picture or control by what it shows, and
  one showing nothing readable is no 主动公开): withheld with W801, as the table's wording is.
- held (tried): 公开属性 in a <th>, a <meta name="公开属性">, a <select> (every option read), a comment inside 主动公开.
- open: a page whose <title> alone says （不予公开） (no label: not a statement the import reads).
"""

from __future__ import annotations

import yaml

from .sitekit import write_site
from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of, run_import

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知</title></head><body>
{before}<table class="xxgk"><tr><td>索引号：</td><td>EX0001/2024-000{n}</td><td>发布机构：</td><td>示例市应急管理局</td></tr>
<tr><td>名称：</td><td>示例市应急管理局关于第{n}项工作的通知</td><td>发布日期：</td><td>2024-05-20</td></tr>{row}</table>
<div id="zoom"><p>各有关单位：现将第{n}项工作有关事项通知如下。</p></div></body></html>"""

# The page's own statement that it is not public, laid out as CMS templates lay it out; the wording it is read as.
STATED_ELSEWHERE = {
    "dl.html": (dict(before="<dl><dt>公开属性</dt><dd>不予公开</dd></dl>"), "不予公开"),
    "dl-colon.html": (dict(before="<dl class='info'><dt>公开属性：</dt><dd>依申请公开</dd></dl>"), "依申请公开"),
    "lone-p.html": (dict(before="<p class='gk'>公开属性：依申请公开</p>"), "依申请公开"),
    "icon.html": (dict(row="<tr><td>公开属性：</td><td><img src='i.gif' alt='不予公开'></td></tr>"), "不予公开"),
    "icon-no-alt.html": (dict(row="<tr><td>公开属性：</td><td><img src='i.gif'></td></tr>"), None),
    "next-row.html": (dict(row="<tr><td>公开属性：</td><td></td></tr><tr><td></td><td>依申请公开</td></tr>"), "依申请公开"),
    "control.html": (dict(row="<tr><td>公开属性：</td><td><input value='不予公开' readonly></td></tr>"), "不予公开"),
}
# Laid out the same ways, saying 主动公开: public, as before.
STATED_PUBLIC = {
    "dl-public.html": dict(before="<dl><dt>公开属性</dt><dd><font>主动</font>公开</dd></dl>"),
    "icon-public.html": dict(row="<tr><td>公开属性：</td><td><img src='i.gif' alt='主动公开'></td></tr>"),
    "channel.html": dict(before="<p>公开方式：政府网站</p>"),
    "empty-cell.html": dict(row="<tr><td>公开属性：</td><td></td><td>有效性：</td><td>有效</td></tr>"),
    "empty-label.html": dict(before="<span>公开属性：</span>"),
    "none.html": dict(),
}


def test_a_saved_page_stating_it_is_not_public_outside_a_metadata_table_is_never_imported_as_public(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "i.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
                                b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    pages = {**{name: layout for name, (layout, _) in STATED_ELSEWHERE.items()}, **STATED_PUBLIC}
    for number, (name, layout) in enumerate(pages.items(), start=11):
        (old / name).write_text(PAGE.format(n=number, before=layout.get("before", ""), row=layout.get("row", "")),
                                encoding="utf-8")
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    done = run_import(root, str(old), "--type", "notice", "--report", "report.json")
    assert done.returncode == 0, done.stderr
    imported = by_source(report_of(root))
    fronts = {name: yaml.safe_load((root / imported[name]["target"]).read_text(encoding="utf-8").split("---\n")[1])
              for name in pages}
    for name, (_, wording) in STATED_ELSEWHERE.items():
        assert fronts[name].get("disclosure") in ("不予公开", "依申请公开"), (name, fronts[name])
        assert any(" W801 " in line for line in imported[name]["decisions"]), imported[name]
        if wording:
            assert fronts[name]["reason"] == f"原网站标注的公开属性：{wording}", fronts[name]
    for name in STATED_PUBLIC:
        assert "disclosure" not in fronts[name], (name, fronts[name])
