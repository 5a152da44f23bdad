"""From a `Page` to a document of this site: type, category, 索引号, front matter, files.

Decisions the tool cannot make honestly (a type, a missing date, a 发文字号 it cannot read)
are never guessed: the document is written without them, or not at all, and the report says
what the editor must decide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..codes import W801
from ..content.catalogue import Catalogue, Category
from ..content.disclosure_statements import withheld_statements
from ..content.fields import PUBLIC, doc_no_problem, suggest_doc_no
from ..content.model import Document
from ..content.scaffold import ScaffoldError, category_for, next_index_no
from ..content.yamlsource import CONSTRUCTOR_FAILURES
from ..text.runs import normalised
from .page import Page

ANNUAL_REPORT = re.compile(r"(\d{4})\s*年(度)?\s*政府信息公开(工作)?(年度)?(报告|年报)")
_FIELD_ORDER = ("title", "type", "index_no", "published", "publisher", "disclosure", "reason", "doc_no", "issued",
                "validity", "topics", "year", "imported", "attachments")
# The wording of a 公开属性 statement: short, naming openness or why not (不予公开（涉及个人隐私）, 依申请公开, 内部资料).
_REASON_WORDING_MAX = 40
_STATEMENT_WORDS = re.compile(r"公开|保密|秘密|机密|涉密|内部|隐私|敏感")
UNSTATED_REASON = "原网站标注的公开属性不是主动公开（原页面此处的文字未照录，见导入报告）"


def _stated_reason(wording: str, body: str) -> str:
    """The reason a withheld import is written with: the old site's wording when it reads as a statement of openness.
    The list of 不主动公开的信息 prints every reason; a value the page set apart from its label (the next paragraph,
    another column's cell) may be the withheld document's own text, which then was published in that list."""
    own_line = normalised(wording) in {normalised(line) for line in body.splitlines()}
    if len(wording) <= _REASON_WORDING_MAX and _STATEMENT_WORDS.search(re.sub(r"\s+", "", wording)) and not own_line:
        return f"原网站标注的公开属性：{wording}"
    return UNSTATED_REASON


_FIELD_NAMES = {"published": "发布日期", "issued": "成文日期", "doc_no": "发文字号", "validity": "有效性", "year": "年度",
                "interprets": "解读对象", "opens": "征求意见开始日期", "closes": "征求意见截止日期", "responds_to": "反馈对象"}


@dataclass(frozen=True)
class Rule:
    """A line of the mapping file: pages whose title or file path matches (`match`) and/or whose
    发文字号 matches (`doc_no`: 国令, 国函, 国办函 …) go to this type/category, with the front matter
    values the editor decided (`set`), e.g. a 发布日期 the page did not show."""
    match: re.Pattern | None
    type: str | None = None
    category: str | None = None
    values: dict = field(default_factory=dict)
    doc_no: re.Pattern | None = None

    def applies(self, page: Page) -> bool:
        by_name = self.match is None or bool(self.match.search(page.title or "") or self.match.search(page.source.as_posix()))
        by_doc_no = self.doc_no is None or bool(self.doc_no.search(re.sub(r"\s+", "", page.fields.get("doc_no") or "")))
        return by_name and by_doc_no


@dataclass
class Choice:
    type: str | None = None
    category: str | None = None
    rules: list[Rule] = field(default_factory=list)


@dataclass
class Planned:
    """What will be written for one page (or why nothing is)."""
    page: Page
    target: Path | None = None            # the Markdown file, absolute
    path: str | None = None               # the same, relative to the site root, once written
    outputs: list[str] = field(default_factory=list)   # every file written for it, relative to the site root
    fields: dict = field(default_factory=dict)
    category: Category | None = None
    index_note: str | None = None
    decisions: list[str] = field(default_factory=list)
    skipped: str | None = None
    repairs: list[str] = field(default_factory=list)   # front matter repairs, as “before → after”
    shape: tuple[dict, dict] | None = None   # (source, written) figures: 段落, 标题, 表格, 图片


def load_rules(path: Path) -> list[Rule]:
    """The mapping file: a YAML list of {match: 正则或关键词, type: …, category: …}."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed quote) is more useful than where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ValueError(f"{path}: 映射文件{where}不是有效的 YAML（{getattr(error, 'problem', '') or error}）；"
                         "每项写成 - match: \"关键词\" 换行 type: 类型") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: 映射文件不是 UTF-8 编码；请另存为 UTF-8") from error
    except CONSTRUCTOR_FAILURES as error:   # !!bool maybe: a Python error, not a YAML one (round 31a)
        raise ValueError(f"{path}: 映射文件中有值与它的类型标记不符（!!bool、!!int 等）；请删去标记") from error
    if not isinstance(data, list) or not all(isinstance(item, dict) and ("match" in item or "doc_no" in item) for item in data):
        raise ValueError(f"{path}: 映射文件应为列表，每项含 match（标题或文件名中的关键词/正则）或 doc_no（发文字号的关键词/正则，"
                         "如 \"^国令\"），以及 type 和/或 category")
    unknown = {key for item in data for key in item} - {"match", "doc_no", "type", "category", "set"}
    if unknown:
        raise ValueError(f"{path}: 映射文件中有未知的键 {'、'.join(sorted(unknown))}；只能用 match、doc_no、type、category、set")
    for item in data:
        for key in ("match", "doc_no"):
            if key in item and not isinstance(item[key], str):
                # YAML reads `001_` or `2019` as a number: the rule would match other pages than meant.
                raise ValueError(f"{path}: {key}: {item[key]} 应写成带引号的文字，例如 {key}: \"{item[key]}\"")
        values = item.get("set") or {}
        if not isinstance(values, dict) or set(values) - SETTABLE:
            raise ValueError(f"{path}: set 应为“字段: 值”，字段只能是 {'、'.join(sorted(SETTABLE))}")
    try:
        return [Rule(_pattern(item.get("match")), item.get("type"), item.get("category"), _values(item.get("set") or {}),
                     _pattern(item.get("doc_no"))) for item in data]
    except re.error as error:
        raise ValueError(f"{path}: match 或 doc_no 不是有效的正则表达式（{error}）") from error


def _pattern(text: str | None) -> re.Pattern | None:
    return re.compile(text) if text is not None else None


SETTABLE = frozenset({"title", "published", "issued", "doc_no", "validity", "publisher", "index_no", "year", "topics",
                      "imported"})


def validate_choice(choice: Choice, catalogue: Catalogue) -> None:
    """Unknown types or categories on the command line or in the mapping file stop the run at once."""
    types, categories = catalogue.types, {c.id for c in catalogue.categories()}
    for doc_type in [choice.type] + [rule.type for rule in choice.rules]:
        if doc_type and doc_type not in types:
            raise ValueError(f"未知的文档类型 {doc_type}；catalogue.yaml 中的类型：{'、'.join(types)}")
    for category in [choice.category] + [rule.category for rule in choice.rules]:
        if category and category not in categories:
            raise ValueError(f"没有栏目 {category}；catalogue.yaml 中的栏目：{'、'.join(sorted(categories))}")


def _values(values: dict) -> dict:
    """Dates as dates whether the editor wrote 2019-08-05 (YAML makes a date) or “2019年8月5日”."""
    from .metadata import parse_date
    parsed = {}
    for key, value in values.items():
        if key in ("published", "issued") and not isinstance(value, dt.date):
            value = parse_date(str(value))
            if value is None:
                raise ValueError(f"set 中 {key} 的日期无法识别：{values[key]}；请写成 2019-08-05")
        parsed[key] = value
    return parsed


def _identity(title: str | None, published, doc_no: str | None) -> tuple:
    """What makes two records the same document: a yearly notice keeps its title, not its date."""
    return (re.sub(r"\s+", "", title or ""), published, re.sub(r"\s+", "", doc_no or ""))


class Planner:
    """Plans every page of one run; 索引号 allocated in this run are remembered."""

    def __init__(self, catalogue: Catalogue, documents: list[Document], content_dir: Path, today, choice: Choice):
        self.catalogue, self.documents, self.content_dir, self.today, self.choice = catalogue, documents, content_dir, today, choice
        self.used = {doc.index_no: doc.path for doc in documents if doc.index_no}
        self.known = {_identity(doc.title, doc.published, doc.doc_no): doc.path for doc in documents if doc.title}
        self.taken: set[str] = set()
        self.reserved: set[str] = set()
        self.targets: set[Path] = set()

    def reserve(self, pages: list[Page]) -> None:
        """The 索引号 the pages of this run bring with them: a number generated for a page without one
        never takes another page's own (which would then not be imported)."""
        for page in pages:
            rule = self._rule(page)
            own = (rule.values.get("index_no") if rule else None) or page.fields.get("index_no")
            if own and self.catalogue.agency.numbers(own):
                self.reserved.add(own)

    def plan(self, page: Page, shown: str | None = None) -> Planned:
        """What to write for `page`; `shown` names it in `imported:` (the saved address, else this)."""
        planned = Planned(page)
        page.shown = shown or page.source.as_posix()
        if page.refusal:
            planned.skipped = page.refusal
            return planned
        page.fields.setdefault("imported", f"从原网站迁移（{page.origin or shown or page.source.as_posix()}）")
        # The document's own 附注 or 版记 (此件不予公开) wins; one withholding the attachments only, when there are some.
        for statement in withheld_statements(page.body, attachments=bool(page.attachments)):
            page.take("disclosure", statement.state)
        rule = self._rule(page)
        if rule is not None:   # the editor's decisions first: they may supply what the page lacks
            page.fields.update(rule.values)
            page.title = rule.values.get("title", page.title)
        if not page.body.strip():
            planned.skipped = "没有读到正文，未导入"
            return planned
        if not page.title:
            planned.skipped = "没有读到标题，未导入；请确认这是文件详情页，或在映射文件的 set 中写 title"
            return planned
        doc_type, category_id = self._type_and_category(page, rule)
        if doc_type is None:
            planned.skipped = ("不知道这是哪类文件，未导入；请用 --type 类型（如 notice、policy）指定，"
                               "或在映射文件（--map）中按标题关键词指定 type/category")
            return planned
        try:
            planned.category = category_for(self.catalogue, doc_type, category_id)
        except ScaffoldError as error:
            planned.skipped = f"{error}；未导入"
            return planned
        if not self._index_no(planned):
            return planned
        identity = _identity(page.title, page.fields.get("published"), page.fields.get("doc_no"))
        if identity in self.known:
            self.taken.discard(page.fields["index_no"])   # not used after all: the next page gets it
            planned.skipped = (f"与 {self.known[identity]} 的标题、发布日期和发文字号都相同（可能已导入过，或同一页面保存了两次），"
                               "未重复导入")
            return planned
        self.known[identity] = "本次导入的另一页面"
        planned.fields = self._fields(planned, doc_type)
        target = self.content_dir / planned.category.path / f"{planned.fields['index_no'].rsplit('/', 1)[-1]}.md"
        if target.exists() or target in self.targets:
            planned.skipped = f"目标文件 {target.name} 已存在，未覆盖；请先核对是否已导入过"
            return planned
        self.targets.add(target)
        planned.target = target
        return planned

    def _rule(self, page: Page) -> Rule | None:
        """The first rule of the mapping file that matches the page (title or file path, 发文字号)."""
        return next((rule for rule in self.choice.rules if rule.applies(page)), None)

    def _type_and_category(self, page: Page, rule: Rule | None) -> tuple[str | None, str | None]:
        if rule is not None and (rule.type or rule.category):
            category = self._category(rule.category)
            return rule.type or self.choice.type or (category.types[0] if category and len(category.types) == 1 else None), rule.category
        if self.choice.type:
            return self.choice.type, self.choice.category
        category = self._category(self.choice.category)
        if category and len(category.types) == 1:
            return category.types[0], category.id
        return self._guess_type(page), self.choice.category

    def _category(self, category_id: str | None) -> Category | None:
        return next((c for c in self.catalogue.categories() if c.id == category_id), None) if category_id else None

    def _guess_type(self, page: Page) -> str | None:
        """Only the unmistakable: a 政府信息公开工作年度报告 goes to the type that has a report due date."""
        from ..text.chinese import fold
        if ANNUAL_REPORT.search(fold(page.title or "")):
            types = self.catalogue.types.items()
            return (next((name for name, t in types if t.due), None)
                    or next((name for name, t in types if "年度报告" in t.name or "年报" in t.name), None))
        return None

    def _index_no(self, planned: Planned) -> bool:
        page = planned.page
        old = page.fields.get("index_no")
        if old and self.catalogue.agency.numbers(old):
            if old in self.used or old in self.taken:
                planned.skipped = f"索引号 {old} 已被 {self.used.get(old, '本次导入的另一页面')} 使用（可能已导入过），未重复导入"
                return False
            self.taken.add(old)
            planned.index_note = f"沿用原索引号 {old}"
            return True
        day = next((page.fields[k] for k in ("published", "issued") if k in page.fields), self.today)
        try:
            new = next_index_no(self.catalogue, self.documents, day.year, self.taken | self.reserved | set(self.used), day.month,
                                planned.category)
        except ScaffoldError as error:
            planned.skipped = f"{error}；未导入"
            return False
        self.taken.add(new)
        page.fields["index_no"] = new
        planned.index_note = (f"原索引号 {old} 不符合本机关编号规则，已改编为 {new}" if old
                              else f"原页面没有索引号，已编为 {new}")
        if not any(k in page.fields for k in ("published", "issued")):
            planned.decisions.append(f"索引号 {new} 按今年编号；补上发布日期后如年份不同，请改用该年的下一个索引号")
        return True

    def _fields(self, planned: Planned, doc_type: str) -> dict:
        page, spec = planned.page, self.catalogue.types[doc_type]
        values = dict(page.fields, title=page.title, type=doc_type)
        if values.get("publisher") == self.catalogue.agency.name:
            del values["publisher"]   # the default: writing it adds nothing
        if values.get("disclosure") == PUBLIC:
            del values["disclosure"]
        elif values.get("disclosure"):
            self._withheld(planned, values)
        self._repair_doc_no(planned, values)
        if "year" in spec.fields and "year" not in values:
            match = re.search(r"(\d{4})\s*年", page.title)
            if match:
                values["year"] = int(match.group(1))
        for key in spec.fields:
            if key not in values and key != "attachments":
                planned.decisions.append(f"缺少{_FIELD_NAMES.get(key, key)}（{key}）：原页面没有，请按原件填写，不要猜")
        if "published" not in values:
            planned.decisions.append("缺少发布日期（published）：请填写该文件在原网站上的发布日期（原网站页面或其存档可查），不要填今天")
        return {key: values[key] for key in _FIELD_ORDER if key in values} | {
            key: values[key] for key in values if key not in _FIELD_ORDER and key in spec.fields}

    @staticmethod
    def _withheld(planned: Planned, values: dict) -> None:
        """Any 公开属性 but 主动公开 is imported as not public, its wording kept as the reason:
        publishing a document the old site did not publish can never be undone."""
        wording = planned.page.raw.get("disclosure", values["disclosure"])
        values.setdefault("reason", _stated_reason(wording, planned.page.body))
        planned.decisions.append(W801.at(planned.page.shown or planned.page.source.as_posix(), 1, (
            f"原页面的公开属性是“{wording}”，不是主动公开：已按 disclosure: {values['disclosure']} 导入（不发布），"
            f"reason 写的是原文；请核对原件：确应主动公开的，删去 disclosure 和 reason；不公开的，按编辑指南“八、不公开的信息”"
            "写明理由，并照 disclosure check 的提示把文件加进 mkdocs.yml 的 exclude_docs")).as_text())

    def _repair_doc_no(self, planned: Planned, values: dict) -> None:
        doc_no = values.get("doc_no")
        if not doc_no or doc_no_problem(doc_no) is None:
            return
        fixed = suggest_doc_no(doc_no)
        if doc_no_problem(fixed) is None:
            values["doc_no"] = fixed
            planned.repairs.append(f"文件头 doc_no：{doc_no} → {fixed}")
        else:
            planned.decisions.append(f"发文字号“{doc_no}”无法自动改正，原样写入；请对照原件改正")
