"""Write docs/reference.md, the content format, from the schema and the rule registry: `make reference`.

`--check` writes nothing and fails when the committed page differs from what the code says, so the
reference cannot drift (tests/test_reference.py runs it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disclosure.content import catalogue as cat
from disclosure.content import units
from disclosure.content.fields import (
    ALLOWANCE_KEYS,
    ALLOWANCE_REQUIRED,
    ATTACHMENT_KEYS,
    ATTACHMENT_REQUIRED,
    BASE_REQUIRED,
    FIELD_CHOICES,
    FIELD_KINDS,
    FIELD_LABELS,
)
from disclosure.content.rule_settings import KEY as RULES_KEY, LABEL as RULES_LABEL
from disclosure.codes.registry import REGISTRY, SEVERITIES

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference.md"

INTRO = """# 内容格式参考（content format reference）

本页由 `tools/reference.py` 根据代码中的字段定义（`content/fields.py`、`content/catalogue.py`）和检查规则登记表
（`codes/registry.py`）生成，请勿手改；改了代码后运行 `make reference`。测试会核对本页与代码一致。
怎么写、常见错误和改法见《编辑指南》（[editor-guide.md](editor-guide.md)）；代码结构见 [architecture.md](architecture.md)。

一个站点仓库：`catalogue.yaml`（机关信息、文档类型、公开目录）、`content/`（每个栏目一个目录，每条信息一个
Markdown 文件，文件头为 YAML front matter）、`mkdocs.yml`。检查结果每条一行：`文件路径:行号: 代码 说明`。
"""


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell.replace("|", "\\\\|") for cell in row) + " |" for row in rows]


def keys_table(keys: dict[str, str], required: tuple[str, ...] = ()) -> list[str]:
    return table(["键 key", "中文", "必填"], [[f"`{k}`", label, "必填" if k in required else ""] for k, label in keys.items()])


def catalogue_section() -> list[str]:
    lines = ["## catalogue.yaml", "", "顶层键（未知的键报 E102，以免拼错的键被悄悄忽略）：", ""]
    lines += keys_table(cat.TOP_KEYS, ("agency", "types", "catalogue"))
    lines += ["", "### agency（机关信息）", "",
              "`index_pattern` 是正则表达式，写在单引号中，须与整个索引号相符（写不写 `^`、`$` 都一样），"
              "如 `'^QLWJ-(GG|ZF)-\\d{4}-\\d{4}$'`：`\\d{4}` 是四位数字，`(GG|ZF)` 是其中之一；不写则不检查格式。", ""]
    lines += keys_table(cat.AGENCY_KEYS, cat.AGENCY_REQUIRED)
    lines += ["", "### types（文档类型），每个类型一项", "",
              f"`interpretation` 只能是 {'、'.join(f'`{v}`' for v in cat.INTERPRETATION_POLICIES)}（默认 `none`）；"
              f"`interpretation_days` 默认 {cat.DEFAULT_INTERPRETATION_DAYS}；`fields` 中的键须是下文“文件头”中的键；"
              "`due` 写作带引号的 `\"MM-DD\"`。", ""]
    lines += keys_table(cat.TYPE_KEYS, cat.TYPE_REQUIRED)
    lines += ["", "### catalogue（公开目录），每个栏目一项，可有 children", "",
              f"`id` 只能由字母、数字、`-`、`_` 组成；子栏目的 `path` 在上级栏目的 `path` 之下；"
              f"`stale_days` 默认 {cat.DEFAULT_STALE_DAYS}（0 表示不提醒）。", ""]
    lines += keys_table(cat.CATEGORY_KEYS, cat.CATEGORY_REQUIRED)
    return lines


def platform_section() -> list[str]:
    """The keys of a 政府信息公开平台: `platform` and each of `departments`."""
    lines = ["", "### platform（平台信息，可选）", "",
             "只在写了 `departments` 时有效（单独写 `platform` 报 E102）。"
             f"`groups` 默认 {'、'.join(units.DEFAULT_GROUPS)}；`name` 默认为机关名称加“{units.PLATFORM_SUFFIX}”。", ""]
    lines += keys_table(units.PLATFORM_KEYS)
    lines += ["", "### departments（平台中的部门），每个部门一项", "",
              f"写了 `departments`，网站就是政府信息公开平台：`agency` 是本级政府（单位标识 `{units.GOVERNMENT}`，保留），"
              "每个部门的文件放在 `content/<id>/` 下，网址为 `/<id>/`。`id` 只能由小写字母、数字和 `-` 组成，"
              "不能与本级栏目的第一级目录同名；`group` 须是 `platform.groups` 之一；"
              "`additions` 与 `catalogue` 只能写一个，其中栏目的 `path` 从部门目录写起，栏目的键同上文 catalogue；"
              "`report_due` 写作带引号的 `\"MM-DD\"`；`owners` 供 `disclosure owners` 生成 CODEOWNERS。", ""]
    lines += keys_table(units.DEPARTMENT_KEYS, ("id", "name", "group"))
    return lines


def rules_section() -> list[str]:
    gate = [code for code, entry in REGISTRY.items() if entry.gate]
    return ["", f"### {RULES_KEY}（{RULES_LABEL}）", "",
            f"可选。按本机关的要求调整某条检查的级别，级别为 {'、'.join(f'`{s}`（{n}）' for s, n in SEVERITIES.items())}，例如：",
            "", "```yaml", f"{RULES_KEY}:", "  W301: error     # 栏目长期未更新也不许发布", "  E201: warning   # 解读缺失先提醒", "```", "",
            "错误（error）使网站不生成；警告（warning）只在严格模式（`--strict`）下不通过；提示（notice）不影响发布。"
            "写了不存在的代码或级别，报 E102。",
            f"以下检查是发布的底线，保护读者和法定要求，只能调高、不能调低（写了报 E102）：{'、'.join(gate)}。"]


def front_matter_section() -> list[str]:
    rows = []
    for key, label in FIELD_LABELS.items():
        kind = FIELD_KINDS[key]
        if key in FIELD_CHOICES:
            kind += "：" + "、".join(f"`{value}`" for value in FIELD_CHOICES[key])
        rows.append([f"`{key}`", label, "必填" if key in BASE_REQUIRED else "类型的 fields 列出时必填", kind])
    lines = ["", "## 文件头（front matter）", "", "未知的键报 E102。`不予公开`、`依申请公开` 的文件必须有 `reason`。", ""]
    lines += table(["键 key", "中文", "必填", "值"], rows)
    lines += ["", "`attachments` 每项（也可只写文件路径）：", ""] + keys_table(ATTACHMENT_KEYS, ATTACHMENT_REQUIRED)
    lines += ["", "`allow_personal_info` 每项：", ""] + keys_table(ALLOWANCE_KEYS, ALLOWANCE_REQUIRED)
    return lines


def codes_section() -> list[str]:
    rows = [[code, SEVERITIES[entry.severity], entry.title, f"`{entry.family}`", "否" if entry.gate else "可"]
            for code, entry in REGISTRY.items()]
    return ["", "## 检查代码", "", "“族”是 `plugins/disclosure/rules/` 中负责它的模块。", ""] + \
        table(["代码", "级别", "含义", "族", "可调低"], rows)


def render() -> str:
    return "\n".join([INTRO] + catalogue_section() + platform_section() + rules_section() + front_matter_section() + codes_section()) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="只核对，不写入；不一致时以 1 退出")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != text:
            print(f"{PAGE.name} 与代码不一致；请运行 make reference 并提交", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
