"""The metadata of an old page (索引号：… 发布机构：…) as front matter values.

Labels are matched after the search folding (traditional → simplified, full-width → half-width),
so `索引號` and `發文日期` of a converted page are read like `索引号` and `发文日期`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..content.disclosure_statements import CHANNELS
from ..content.fields import DISCLOSURE_VALUES, PUBLIC, VALIDITY_VALUES
from ..content.schema import calendar_date
from ..text.chinese import fold

# Folded label → front matter key. The first label of a key found on a page wins.
LABELS: dict[str, str] = {}
for _key, _names in {
    "index_no": "索引号 索引编号 信息索引号",
    "publisher": "发布机构 发文机关 发布单位 信息来源 来源 公开责任部门 发布部门",
    "published": "发布日期 发布时间 公开日期 公开时间 生成日期 发文日期 信息发布日期",
    "issued": "成文日期 成文时间 印发日期",
    "doc_no": "发文字号 文号 发文号",
    "topics": "主题分类 主题",
    "validity": "有效性 效力状态 时效性 有效状态",
    "disclosure": "公开属性 公开方式 公开形式",
    "title": "名称 标题 文件名称 信息名称",
    "classification": "密级 密级和保密期限",
}.items():
    for _name in _names.split():
        LABELS[fold(_name)] = _key

# Labels are written spaced out to line up in a column (索 引 号, 有　效　性, 索&ensp;引&ensp;号): any run of
# blanks between a label's characters is read as the label (after folding, every such blank is a space).
_GAP = r"[ \t]*"
_LABEL_ALTERNATIVES = "|".join(_GAP.join(map(re.escape, label))
                               for label in sorted(LABELS, key=len, reverse=True))
# Any other short label with 公开 in it (公开范围, 公开类型, 是否公开, 信息公开属性 …) states whether the
# page is public: read as 公开属性, so that a wording not foreseen here is never imported as public.
_OPENNESS = fold("公开")
_OPENNESS_LABEL = rf"[^\s:：，。,;；、]{{0,6}}{_OPENNESS}[^\s:：，。,;；、]{{0,4}}"
_LABEL_ALTERNATIVES += "|" + _OPENNESS_LABEL
# `label：value` runs; the value ends where the next known label begins (several on one line).
_INLINE = re.compile(rf"(?P<label>{_LABEL_ALTERNATIVES})\s*[:：]\s*(?P<value>.*?)(?=\s*(?:{_LABEL_ALTERNATIVES})\s*[:：]|$)")


def _key_of(folded_label: str) -> str | None:
    """The front matter key of a folded label without blanks: a known one, or any other naming 公开."""
    key = LABELS.get(folded_label)
    if key is None and _OPENNESS in folded_label and len(folded_label) <= 10:
        return "disclosure"
    return key
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_VALIDITY = {"现行有效": "有效", "有效": "有效", "已失效": "失效", "失效": "失效", "已废止": "废止", "废止": "废止",
             "已修订": "已修订", "已修改": "已修订", "修订": "已修订"}


def label_key(text: str) -> str | None:
    """The front matter key a table cell such as `索 引 号：` names, or None: a cell holding its value after the colon
    (`公开属性：主动公开`) is a statement, not a label of the next cell (`成文日期：…` was read as its 公开属性)."""
    if re.search(r"[:：]\s*\S", fold(text)):
        return None
    folded = re.sub(r"[\s:：]+", "", fold(text))
    return _key_of(folded)


def known_label(text: str) -> bool:
    """Whether a cell is one of the labels themselves (`有 效 性：`), not a value naming 公开 (主动公开)."""
    return re.sub(r"[\s:：]+", "", fold(text)) in LABELS


def inline_pairs(line: str) -> list[tuple[str, str]]:
    """(key, value) of every `label：value` on a (folded) line of text."""
    folded = fold(line)
    if folded.count(":") == 0:
        return []
    pairs = []
    for match in _INLINE.finditer(folded):
        start, end = match.span("value")
        # The value as written (not folded): the folding only finds the labels. NFKC keeps lengths
        # of these characters, except rare ligatures, so spans are re-read from the original when they fit.
        value = line[start:end] if len(folded) == len(line) else match.group("value")
        key = _key_of(re.sub(r"\s+", "", match.group("label")))
        if key:
            pairs.append((key, value.strip().rstrip(_SEPARATORS).strip()))
    return pairs


# What a CMS writes between the statements of one line (`发布机构：某局 | 成文日期：…`): not the value's (the 发布机构
# was imported as `某局 |`, printed so in the page's table of metadata).
_SEPARATORS = " \t\u3000|｜│¦"


def parse_date(text: str) -> dt.date | None:
    match = _DATE.search(chinese_numerals(text))
    return calendar_date(*match.groups()) if match else None


def chinese_numerals(text: str) -> str:
    """`二〇一九年八月五日` → `2019年8月5日` (signature dates of official documents)."""
    def month_day(match: re.Match) -> str:
        value = match.group(1)
        tens, _, ones = value.partition("十")
        if "十" not in value:
            return value.translate(_CN_DIGITS) + match.group(2)
        return str((int(tens.translate(_CN_DIGITS)) if tens else 1) * 10 + (int(ones.translate(_CN_DIGITS)) if ones else 0)) + match.group(2)

    text = re.sub(r"([〇○零一二三四五六七八九]{4})年", lambda m: m.group(1).translate(_CN_DIGITS) + "年", text)
    return re.sub(r"([一二三四五六七八九十]{1,3})([月日])", month_day, text)


def validity(value: str) -> str | None:
    """One of the contract's values, or None when the page's wording has no clear match."""
    return _VALIDITY.get(re.sub(r"\s+", "", fold(value)))


WITHHELD_ON_REQUEST, WITHHELD = DISCLOSURE_VALUES[1], DISCLOSURE_VALUES[2]


def disclosure(value: str) -> str | None:
    """主动公开 only when the page says exactly that; any other wording of whether it is public
    (依申请公开, 不予公开（涉及…）, 部分公开, 不公开…) is withheld, so that it is never published
    on a guess; a channel (政府网站, 政府公报) says nothing and is None."""
    folded = re.sub(r"\s+", "", fold(value))
    if folded == fold(PUBLIC):
        return PUBLIC
    if CHANNELS.match(folded):   # 公开方式 is often the channel a document went out through
        return None
    return WITHHELD_ON_REQUEST if folded.startswith(fold("依申请")) else WITHHELD


# A 密级 that classifies (秘密★1年, 机密, 内部): the page is withheld as a 公开属性 of 不予公开 withholds it. One saying none
# (无, 非密, 公开) states nothing of the page.
_CLASSIFIED = re.compile(fold(r"^(?:绝密|机密|秘密|涉密|内部)"))


def classified(value: str) -> bool:
    return bool(_CLASSIFIED.match(re.sub(r"\s+", "", fold(value))))


def topics(value: str) -> list[str]:
    """`城乡建设、环境保护\\其他；城乡建设\\住房` → each topic once, in the order first written."""
    return list(dict.fromkeys(part for part in re.split(r"[\\/、，,;；\s]+", value) if part))


assert set(_VALIDITY.values()) <= set(VALIDITY_VALUES)
