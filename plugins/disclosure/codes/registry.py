"""Every code the tools can print: its severity, its one-line title, the family that raises it.

A `Diagnostic` is made only through a `Rule` of this table (`E201.at(path, line, message)`), so a
code that is not here cannot be emitted, and a severity comes from here, never from a code's
first letter. The editor's guide (十一) and docs/reference.md are checked against this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic

SEVERITIES = {"error": "错误", "warning": "警告", "notice": "提示"}
RANK = {"notice": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    family: str
    title: str
    gate: bool = False   # protects readers or the law: an agency may raise it, never lower it

    def at(self, path: str, line: int, message: str) -> Diagnostic:
        return Diagnostic(path, line, self.code, message, self.severity)


class UnknownRule(KeyError):
    """A code that is not in the registry: a programming error, never an editor's."""


def _register(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


E, W, I = "error", "warning", "notice"
REGISTRY = _register(
    Rule("E100", E, "front_matter", "文件头缺失或无法解析；文件不是 UTF-8 文本", gate=True),
    Rule("E101", E, "front_matter", "缺少必填字段", gate=True),
    Rule("E102", E, "front_matter", "字段值不对，或字段名写错", gate=True),
    Rule("E103", E, "front_matter", "索引号重复", gate=True),
    Rule("E104", E, "front_matter", "索引号不符合编号规则", gate=True),
    Rule("E105", E, "front_matter", "发文字号格式不对", gate=True),
    Rule("E106", E, "front_matter", "日期先后不对", gate=True),
    Rule("E107", E, "history", "修改了已发布文件的索引号或发布日期"),
    Rule("E108", E, "placeholders", "仍有未填写的占位文字"),
    Rule("E109", E, "markup_links", "正文超出生成网页的处理上限", gate=True),   # lowered, a build could hang
    Rule("E110", E, "front_matter", "文件放错目录，或该栏目不允许这种类型"),
    Rule("E111", E, "files", "content/ 下有不认得的文件（没人引用的附件、扩展名或文件名不对、隐藏文件）", gate=True),
    Rule("E112", E, "files", "符号链接、命名管道等特殊文件，或无法读取的文件", gate=True),
    Rule("E113", E, "files", "mkdocs.yml 的 exclude_docs 漏列了不公开的文件，或排除了公开的文件", gate=True),
    Rule("E200", E, "references", "引用的索引号不存在或不是主动公开"),
    Rule("E201", E, "references", "须配套解读的文件没有解读"),
    Rule("E202", E, "references", "文件之间的替代关系成环（互相替代）"),
    Rule("E300", E, "sections", "缺少必备章节"),
    Rule("E301", E, "sections", "必备章节顺序不对"),
    Rule("E400", E, "personal_data", "公开的内容中有个人信息", gate=True),
    Rule("E401", E, "markup_links", "网页中有不安全的 HTML", gate=True),
    Rule("E402", E, "front_matter", "不公开的文件没写理由", gate=True),
    Rule("E403", E, "rendered", "模板未经转义输出了文件头中的 HTML 标记", gate=True),
    Rule("E500", E, "markup_links", "链接或附件指向不存在或不公开的文件", gate=True),
    Rule("E404", E, "markup_links", "网页嵌入了其他网站的图片、音视频或其他资源", gate=True),
    Rule("E406", E, "files", "mkdocs.yml 用了会把其他文件读进页面的 Markdown 扩展", gate=True),
    Rule("E600", E, "fidelity", "页面上的正文与原文不一致", gate=True),
    Rule("E601", E, "fidelity", "页面上的段落、标题或表格与原文不一致，或显示出了排版标记", gate=True),
    Rule("W601", W, "conversion", "文字有机器转换留下的损坏（如 生產(chǎn)、„2011‟）"),
    Rule("E700", E, "assembly", "单位的输出与其交接清单不符（多出、缺少或改动的文件，越出本单位的路径，链接文件）", gate=True),
    Rule("E701", E, "assembly", "单位的交接文件缺失、无法读取、由另一版本的工具生成，或生成后 content/ 中它发布的文件已改动", gate=True),
    Rule("E800", E, "migration", "导入的页面超出处理上限（大小或嵌套层数），未导入"),
    Rule("E801", E, "migration", "导入的页面引用了导入目录以外的文件或特殊文件，未复制"),
    Rule("W104", W, "placeholders", "索引号中的年份与发布日期的年份不同"),
    Rule("W200", W, "references", "解读发布晚于规定时限"),
    Rule("W300", W, "timeliness", "年度报告逾期未发布"),
    Rule("W301", W, "timeliness", "栏目长期未更新"),
    Rule("W302", W, "timeliness", "征求意见结束后仍未公布采纳情况"),
    Rule("W304", W, "timeliness", "成文后超过 20 个工作日才发布（条例第二十六条）"),
    Rule("W303", W, "reports", "年报表格数字对不上"),
    # An attachment not (fully) read stops a strict build unless a person marks it `checked:`; no agency setting lowers that.
    Rule("W400", W, "personal_data", "附件无法读取，没有检查其中的个人信息", gate=True),
    Rule("W401", W, "personal_data", "附件超出读取上限（过大、压缩比异常、层层嵌套），没有完整检查其中的个人信息", gate=True),
    Rule("W800", W, "migration", "导入后的正文没有保持原页面的段落、标题或表格"),
    Rule("W801", W, "migration", "原页面的公开属性不是主动公开，已按不公开导入"),
    Rule("I400", I, "personal_data", "已豁免的个人信息，或已人工核对的附件"),
)
del E, W, I


def rule(code: str) -> Rule:
    """The registered rule of `code`; `UnknownRule` for any other."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise UnknownRule(code) from None


def family_rules(family: str) -> list[Rule]:
    return [r for r in REGISTRY.values() if r.family == family]
