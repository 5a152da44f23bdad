"""The front matter keys of CONTENT-SPEC.md, their Chinese names and allowed values."""

from __future__ import annotations

import re

FIELD_LABELS = {
    "title": "标题",
    "type": "文档类型",
    "index_no": "索引号",
    "published": "发布日期",
    "publisher": "发布机构",
    "disclosure": "公开属性",
    "reason": "不公开理由",
    "doc_no": "发文字号",
    "issued": "成文日期",
    "validity": "有效性",
    "superseded_by": "替代文件",
    "topics": "主题分类",
    "interprets": "解读对象",
    "kind": "解读形式",
    "year": "年度",
    "opens": "征求意见开始日期",
    "closes": "征求意见截止日期",
    "responds_to": "反馈对象",
    "attachments": "附件",
    "summary": "摘要",
    "corrected": "更正说明",
    "allow_personal_info": "个人信息豁免",
    "imported": "迁移说明",
}
BASE_REQUIRED = ("title", "type", "index_no", "published")

PUBLIC = "主动公开"
DISCLOSURE_VALUES = (PUBLIC, "依申请公开", "不予公开")
VALIDITY_VALUES = ("有效", "失效", "废止", "已修订")
NOT_IN_FORCE = ("失效", "废止", "已修订")
INTERPRETATION_KINDS = ("文字解读", "图解", "问答", "新闻发布会", "专家解读", "媒体解读", "音视频")
ATTACHMENT_KEYS = {"file": "附件文件", "title": "附件名称"}
ALLOWANCE_KEYS = {"value": "豁免的号码", "reason": "豁免理由"}

_DOC_NO = re.compile(r"^(?P<code>[^\s〔〕\[\]［］【】()（）]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")
_OPENERS = "[［【(（„〖｛{⟦〔"
_CLOSERS = "]］】)）‟〗｝}⟧〕"


def doc_no_problem(doc_no: str) -> str | None:
    """What is wrong with a 发文字号 and how to write it, or ``None`` when it is right.

    GB/T 9704-2012 §7.2.5: 机关代字 + year in 六角括号〔〕 + sequence without padding or 第 + 号.
    """
    if _DOC_NO.match(doc_no):
        return None
    fixed = suggest_doc_no(doc_no)
    if fixed and _DOC_NO.match(fixed):
        return f"发文字号“{doc_no}”格式不对：年份须用六角括号〔〕，序号不加“第”、不补零；应写作 {fixed}"
    return f"发文字号“{doc_no}”格式不对；应由机关代字、〔年份〕和序号组成，例如 示发〔2024〕3号"


def suggest_doc_no(doc_no: str) -> str:
    """The 发文字号 with brackets, spaces, 第 and leading zeros put right."""
    text = re.sub(r"\s+", "", doc_no)
    text = text.translate(str.maketrans(_OPENERS, "〔" * len(_OPENERS)))
    text = text.translate(str.maketrans(_CLOSERS, "〕" * len(_CLOSERS)))
    return re.sub(r"〕第?0*(\d+)号$", r"〕\1号", text)
