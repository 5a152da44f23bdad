"""The front matter keys (docs/reference.md is generated from here), their Chinese names and allowed values."""

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
    "expires": "有效期至",
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
# How each value is written, for docs/reference.md; tests/test_reference.py checks the reader agrees.
TEXT, DATE, YEAR, TEXTS, CHOICE, BLOCKS = "文字", "日期 YYYY-MM-DD", "四位年份（整数）", "文字或文字列表", "下列之一", "列表"
FIELD_KINDS = {
    "title": TEXT, "type": TEXT, "index_no": TEXT, "published": DATE, "publisher": TEXT, "disclosure": CHOICE,
    "reason": TEXT, "doc_no": TEXT, "issued": DATE, "validity": CHOICE, "superseded_by": TEXT, "topics": TEXTS,
    "interprets": TEXTS, "kind": CHOICE, "year": YEAR, "opens": DATE, "closes": DATE, "expires": DATE, "responds_to": TEXT,
    "attachments": BLOCKS, "summary": TEXT, "corrected": TEXT, "allow_personal_info": BLOCKS, "imported": TEXT,
}
FIELD_CHOICES = {"disclosure": DISCLOSURE_VALUES, "validity": VALIDITY_VALUES, "kind": INTERPRETATION_KINDS}
ATTACHMENT_KEYS = {"file": "附件文件", "title": "附件名称", "checked": "人工核对"}
ALLOWANCE_KEYS = {"value": "豁免的号码", "reason": "豁免理由"}
ATTACHMENT_REQUIRED, ALLOWANCE_REQUIRED = ("file",), ("value", "reason")

_CODE = r"[^\s〔〕\[\]［］【】()（）、，,；;]+"
_SEQ = r"(?:[1-9]\d*)"
_HAN_SEQ = r"(?:[一二三四五六七八九十百千〇零]+)"
_DOC_NO = re.compile(rf"^(?P<code>{_CODE})〔(?P<year>\d{{4}})〕(?P<seq>{_SEQ})号$")
# The forms official documents really carry, beside 机关代字〔年份〕序号号 (which covers 函 and 明电:
# 国办公开办函〔2019〕60号, 国办发明电〔2020〕1号).
DOC_NO_FORMS = (
    _DOC_NO,
    # 令号: 国务院令第711号, 国令第707号, 某市人民政府令第12号, 主席令第二十九号, 中国人民银行令〔2019〕第3号
    re.compile(rf"^{_CODE}令(?:〔\d{{4}}〕|\d{{4}}年)?第(?:{_SEQ}|{_HAN_SEQ})号$"),
    # 公告/通告: 国家税务总局公告2018年第31号, 财政部 税务总局公告2019年第39号 (joint issuers), 公告〔2018〕第7号
    re.compile(rf"^{_CODE}(?: {_CODE})*(?:公告|通告)(?:\d{{4}}年|〔\d{{4}}〕)第{_SEQ}号$"),
)
# Joint documents carry each issuer's number: 示应急〔2024〕1号 示财〔2024〕3号 (or joined by 、，；).
_JOINT = re.compile(r"[\s、，,；;]+")
_OPENERS = "[［【(（„〖｛{⟦〔"
_CLOSERS = "]］】)）‟〗｝}⟧〕"


def is_single_doc_no(doc_no: str) -> bool:
    return any(form.match(doc_no) for form in DOC_NO_FORMS)


def doc_no_parts(doc_no: str) -> list[str]:
    """The numbers of a 发文字号: one, or each issuer's of a joint document (a spaced 联合公告 stays whole)."""
    text = doc_no.strip()
    if is_single_doc_no(text):
        return [text]
    return [part for part in _JOINT.split(text) if part]


def doc_no_problem(doc_no: str) -> str | None:
    """What is wrong with a 发文字号 and how to write it, or ``None`` when it is right.

    GB/T 9704-2012 §7.2.5: 机关代字 + year in 六角括号〔〕 + sequence without padding or 第 + 号;
    also 令号, 公告号 and the joint numbers of documents issued together (`DOC_NO_FORMS`).
    """
    parts = doc_no_parts(doc_no)
    wrong = [part for part in parts if not is_single_doc_no(part)]
    if not wrong:
        return None
    fixed = suggest_doc_no(doc_no)
    if is_single_doc_no(fixed):
        return f"发文字号“{doc_no}”格式不对：年份须用六角括号〔〕，序号不加“第”、不补零；应写作 {fixed}"
    if len(parts) > 1:
        fixes = [suggest_doc_no(part) for part in parts]
        if all(is_single_doc_no(fix) for fix in fixes):
            return f"联合发文字号“{doc_no}”中“{'、'.join(wrong)}”格式不对：年份须用六角括号〔〕，序号不加“第”、不补零；应写作 {' '.join(fixes)}"
        return f"发文字号“{doc_no}”中“{'、'.join(wrong)}”不是发文字号；联合发文的各个文号之间用空格或顿号分开，例如 示应急〔2024〕1号 示财〔2024〕3号"
    return (f"发文字号“{doc_no}”格式不对；应由机关代字、〔年份〕和序号组成，例如 示发〔2024〕3号"
            f"（令、公告写作 某市人民政府令第12号、某局公告2024年第1号）")


def suggest_doc_no(doc_no: str) -> str:
    """The 发文字号 with brackets, spaces, 第 and leading zeros put right."""
    text = re.sub(r"\s+", "", doc_no)
    text = text.translate(str.maketrans(_OPENERS, "〔" * len(_OPENERS)))
    text = text.translate(str.maketrans(_CLOSERS, "〕" * len(_CLOSERS)))
    return re.sub(r"〕第?0*(\d+)号$", r"〕\1号", text)
