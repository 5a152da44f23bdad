"""The import report: one entry per page, what was done and what the editor must decide.

Markdown for reading, CSV for a spreadsheet of many pages, JSON for scripts; the same rows.
Paths are relative to the site root, lines are the source page's lines.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..content.clock import build_date
from ..pages.exports import spreadsheet_text
from ..privacy.numbers import masked_text
from .run import Result

IMPORTED_KEY = "imported"   # the front matter key that exempts an imported policy from E201/W200


def rows(result: Result) -> list[dict]:
    """Each page's row. A personal number in what the row quotes of the page (its title, a repair, a line left out or
    flagged) is shown masked, as the check's E400 line shows it: the report lies beside the site and is mailed around,
    and the page it names is found by its paths, which stay."""
    today = build_date()
    masked = lambda texts: [masked_text(text, today) for text in texts]   # noqa: E731
    found = []
    for planned in result.planned:
        page = planned.page
        path = planned.path
        problems = result.problems.get(path, []) if path else []
        decisions = planned.decisions + [_advice(line) for line in problems]
        found.append({
            "source": _shown(result.root, page.source),
            "target": path,
            "status": "未导入" if planned.skipped else ("需编辑决定" if decisions else "通过检查"),
            "skipped": planned.skipped,
            "title": masked([page.title])[0] if page.title else page.title,
            "type": planned.fields.get("type"),
            "index_no": planned.fields.get("index_no"),
            "index_note": planned.index_note,
            "encoding": page.encoding,
            "attachments": [a["file"] for a in planned.fields.get("attachments", [])],
            "repairs": masked([f"第 {r.line} 行：{r.before} → {r.after}" for r in page.repairs] + planned.repairs),
            "dropped": masked(f"第 {line} 行：{what}" for line, what in sorted(page.dropped)),
            "flags": masked(f"第 {f.line} 行：{f.message}" for f in sorted(page.flags, key=lambda f: f.line)),
            "decisions": masked(decisions),
            "check": problems,
            "shape": _figures(planned.shape),
        })
    found += [{"source": _shown(result.root, path), "target": None, "status": "未导入", "skipped": "找不到该文件或目录",
               "title": None, "type": None, "index_no": None, "index_note": None, "encoding": None, "attachments": [],
               "repairs": [], "dropped": [], "flags": [], "decisions": [], "check": [], "shape": None} for path in result.missing]
    return found


def _figures(shape: tuple[dict, dict] | None) -> str | None:
    """`段落 16/16，标题 3/3，表格 1/1，图片 0/0`: the written body's counts over the source's."""
    if shape is None:
        return None
    source, written = shape
    return "，".join(f"{name} {written[name]}/{count}" for name, count in source.items())


def _shown(root: Path, path: Path) -> str:
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()   # outside the site: as the editor named it


def _advice(line: str) -> str:
    """A check finding, with the decision it asks of an importing editor where that differs."""
    if " E201 " in line or " W200 " in line:
        return (f"{line}\n  → 原网站没有与之配套的解读时：如原网站有解读，一并导入；确实没有的，在文件头加 "
                f"`{IMPORTED_KEY}: 理由`（例如 {IMPORTED_KEY}: 从原网站迁移，原无解读），不要补写解读")
    if " E300 " in line or " E301 " in line:
        return (f"{line}\n  → 旧文件按当年的格式编写时，不要为通过检查改写或补写正文；请按编辑指南“年度报告”一章，"
                "让新格式只适用于它施行以后的年度")
    return line


SUMMARY_KEYS = ("通过检查", "需编辑决定", "未导入")


def summary(result: Result, report_path: Path | None) -> str:
    table = rows(result)
    counts = {key: sum(1 for row in table if row["status"] == key) for key in SUMMARY_KEYS}
    repairs = sum(len(row["repairs"]) for row in table)
    dropped = sum(1 for row in table for item in row["dropped"] if "不安全" in item or "事件属性" in item)
    action = "试运行（未写入任何文件）" if result.dry_run else "已导入"
    where = f"；报告：{_shown(result.root, report_path)}" if report_path else ""
    if result.others:
        where = f"；其他文件新出现 {len(result.others)} 个问题" + where
    return (f"{action}：共 {len(table)} 个页面，{counts['通过检查']} 个通过检查，{counts['需编辑决定']} 个需编辑决定，"
            f"{counts['未导入']} 个未导入；修复转换损坏 {repairs} 处，删除不安全内容 {dropped} 处{where}")


def markdown(result: Result) -> str:
    parts = ["# 导入报告", "", _legend(result), ""]
    for row in rows(result):
        parts.append(f"## {row['status']}：{row['source']}")
        parts.append("")
        facts = [("写入", f"`{row['target']}`" if row["target"] else None), ("未导入原因", row["skipped"]),
                 ("标题", row["title"]), ("类型", row["type"]), ("索引号", row["index_note"]),
                 ("编码", row["encoding"] if row["encoding"] not in (None, "utf-8") else None),
                 ("附件", "、".join(f"`{a}`" for a in row["attachments"]) or None),
                 ("形状（写入/原页面）", row["shape"])]
        parts += [f"- {label}：{value}" for label, value in facts if value]
        for heading, key in (("需要编辑决定", "decisions"), ("已修复（转换损坏）", "repairs"), ("请核对（未修改）", "flags"),
                             ("未放入正文", "dropped")):
            if row[key]:
                parts += ["", f"{heading}：", ""] + [f"- {item}" for item in row[key]]
        parts.append("")
    if result.others:
        parts += ["## 导入后其他文件出现的问题", "", "导入改变了全站统计（如年报中的件数）或关联，以下是导入前没有的检查结果：", ""]
        parts += [f"- {line}" for line in result.others] + [""]
    return "\n".join(parts)


def _legend(result: Result) -> str:
    mode = "这是试运行的报告：网站文件没有任何改动。" if result.dry_run else "文件已写入 content/。"
    return (f"{mode}每个页面一节：“需要编辑决定”逐条处理后，运行 `disclosure check` 确认；"
            "“已修复”列出每一处自动修复（行号为原页面的行）；“请核对”是工具没有把握、未作改动的地方。")


def csv_text(result: Result) -> str:
    out = io.StringIO()
    table = rows(result)
    writer = csv.DictWriter(out, fieldnames=list(table[0]) if table else ["source"])
    writer.writeheader()
    for row in table:
        writer.writerow({key: spreadsheet_text("\n".join(value) if isinstance(value, list) else "" if value is None else str(value))
                         for key, value in row.items()})
    return out.getvalue()


def json_text(result: Result) -> str:
    return json.dumps({"dry_run": result.dry_run, "pages": rows(result), "others": result.others}, ensure_ascii=False, indent=2) + "\n"


WRITERS = {".md": markdown, ".csv": csv_text, ".json": json_text}
