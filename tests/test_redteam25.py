"""Round twenty-five of the adversarial review (issue 24): the artefacts other than the HTML pages — the search
index, the catalogue exports, the feeds, sitemap.xml, the 404 page, the annual report's tables, `disclosure report`
— and what a compromised department CI job can carry through `disclosure merge`. Each test goes through the real
command and failed on main before its fix.

A compromised department CI job (content/merge_facts.py `merge_facts`) —
- fixed: a withheld document's front matter that no public page shows (its 摘要 summary, 主题 topics, 发布机构,
  an attachment's title, 文号) written into a unit's page, search rows, catalogue export or feed: the merge knew a
  withheld document's body paragraphs and attachments only, so the summary of a 不予公开 document — often the very
  decision it withholds — merged with exit 0. Its front matter's texts are now withheld text too (E700), apart from
  what the listing's row of 不主动公开的信息 prints (title, 索引号, 公开属性, reason).
"""

from __future__ import annotations

import pytest

from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)
from .test_platform_core import write
from .test_redteam6 import _seal

WITHHELD_SUMMARY = "经测算二〇二五年秋季学期起城区公办学校住宿费每生每学期上调一百二十元"
WITHHELD_ATTACHMENT_TITLE = "各校住宿费上调测算明细表及家长反映问题汇总"


def _withheld_with_front_matter(root) -> None:
    """A 不予公开 document of the 教育局 whose body says nothing; its summary and attachment title say it all."""
    write(root, "jyj/fees/secret.md",
          "title: 内部收费测算\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          f"disclosure: 不予公开\nreason: 内部事务信息\nsummary: {WITHHELD_SUMMARY}\n"
          f"attachments:\n- file: files/a.pdf\n  title: {WITHHELD_ATTACHMENT_TITLE}\n")
    (root / "content/jyj/fees/files").mkdir(exist_ok=True)
    (root / "content/jyj/fees/files/a.pdf").write_bytes(b"%PDF-1.4 internal estimate")


@pytest.mark.parametrize("text", [WITHHELD_SUMMARY, WITHHELD_ATTACHMENT_TITLE], ids=["summary", "attachment-title"])
@pytest.mark.parametrize("path", ["jyj/fees/fees/index.html", "jyj/catalogue.json", "_unit/jyj/unit.json"],
                         ids=["page", "catalogue", "hand-over"])
def test_a_withheld_documents_front_matter_in_a_units_output_is_refused(platform, path, text):
    _withheld_with_front_matter(platform)
    target = platform / "build/units/jyj" / path
    page = target.read_text(encoding="utf-8")
    marker = "收费标准"
    assert marker in page
    target.write_text(page.replace(marker, marker + "：" + text, 1), encoding="utf-8")
    _seal(platform)
    refused(platform, f"build/units/jyj/{path}:1: E700 ", "content/jyj/fees/secret.md")


def test_what_the_list_of_withheld_documents_prints_still_merges(platform):
    """The row of 不主动公开的信息 (title, 索引号, 公开属性, reason) is public: a page printing it is no copy."""
    _withheld_with_front_matter(platform)
    target = platform / "build/units/jyj/jyj/fees/fees/index.html"
    page = target.read_text(encoding="utf-8")
    target.write_text(page.replace("收费标准", "收费标准：内部收费测算 JYJ/2025-00009 不予公开 内部事务信息", 1), encoding="utf-8")
    _seal(platform)
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
