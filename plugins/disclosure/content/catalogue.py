"""The agency profile, the document types and the 主动公开基本目录 tree, and how each is read.

`catalogue_file.load_catalogue` reads the file itself (and, on a platform, its departments: `units.py`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..codes import E101, E102, E401
from .fields import FIELD_LABELS
from .schema import FieldReader
from ..text.html_text import RISKY_TEXT
from .unit_layout import windows_device_name

INTERPRETATION_POLICIES = ("required", "optional", "none")
DEFAULT_STALE_DAYS = 365
DEFAULT_INTERPRETATION_DAYS = 3

AGENCY_KEYS = {
    "name": "机关名称", "index_pattern": "索引号格式", "site_code": "网站标识码", "icp": "ICP备案号",
    "public_security": "公安机关备案号", "address": "办公地址", "phone": "联系电话", "hours": "办公时间",
    "fax": "传真", "email": "电子邮箱", "postcode": "邮政编码", "departments": "内设机构（用于搜索分词）",
    "report_due": "本机关年报截止日期",
}
_AGENCY_NOT_TEXT = ("index_pattern", "departments", "report_due")
TYPE_KEYS = {
    "name": "类型名称", "fields": "必填字段", "interpretation": "解读要求", "interpretation_days": "解读时限（天）",
    "sections": "必备章节", "ordered": "章节须按顺序", "due": "年报截止日期",
    "sections_from": "必备章节适用的起始年度", "due_from": "年报缺报提醒的起始年度",
    "interpretation_from": "解读要求的起始日期",
    "interpretation_workdays": "解读时限按工作日计（true：法定节假日不计、调休上班日计入）",
}
CATEGORY_KEYS = {"id": "栏目标识", "name": "栏目名称", "path": "栏目目录", "types": "允许的文档类型",
                 "children": "子栏目", "stale_days": "更新期限（天）", "description": "栏目说明"}
AGENCY_REQUIRED, TYPE_REQUIRED, CATEGORY_REQUIRED = ("name",), ("name",), ("id", "name", "path")
TOP_KEYS = {"agency": "机关信息", "types": "文档类型", "catalogue": "公开目录", "rules": "检查级别",
            "platform": "平台信息", "departments": "平台中的部门"}
_DUE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_LEAP_YEAR = 2000


def due_exists(due: str) -> bool:
    """An MM-DD that some year has: "02-29" does (leap years), "02-30" and "04-31" never."""
    month, day = (int(part) for part in due.split("-"))
    return day <= calendar.monthrange(_LEAP_YEAR, month)[1]


def due_date(due: str, year: int) -> dt.date:
    """MM-DD in `year`; "02-29" in a common year is the last day of February, the 28th."""
    month, day = (int(part) for part in due.split("-"))
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


_CATEGORY_ID = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Agency:
    name: str
    index_pattern: re.Pattern | None = None
    site_code: str | None = None
    icp: str | None = None
    public_security: str | None = None
    address: str | None = None
    phone: str | None = None
    hours: str | None = None
    fax: str | None = None
    email: str | None = None
    postcode: str | None = None
    departments: tuple[str, ...] = ()
    report_due: str | None = None   # MM-DD: this agency's annual report deadline, over the type's `due`

    def numbers(self, index_no: str) -> bool:
        """Whether `index_no` is a 索引号 of this agency: the whole of it in the pattern's shape. A pattern written without
        ^ and $ (QLWJ-[A-Z]{2}-\\d{4}-\\d{4}, as a regular expression reads at first sight) otherwise took any 索引号
        holding such a number somewhere: QLWJ-GF-2025-00041, a digit too many, or one pasted twice."""
        return self.index_pattern is None or self.index_pattern.fullmatch(index_no) is not None

    @property
    def public_security_code(self) -> str:
        """The digits of the 公安机关备案号, which the national filing system's link needs."""
        return "".join(ch for ch in self.public_security or "" if ch.isdigit())


@dataclass(frozen=True)
class DocType:
    key: str
    name: str
    fields: tuple[str, ...] = ()
    interpretation: str = "none"
    interpretation_days: int = DEFAULT_INTERPRETATION_DAYS
    sections: tuple[str, ...] = ()
    ordered: bool = False
    due: str | None = None
    sections_from: int | None = None          # sections, order and report tables apply from this year on
    due_from: int | None = None               # W300 counts missing reports from this year on
    interpretation_from: dt.date | None = None   # E201/W200 apply to documents published on or after it
    interpretation_workdays: bool = False        # interpretation_days counts 工作日 (content/workdays.py), not days
    line: int = 1


@dataclass(eq=False)
class Category:
    id: str
    name: str
    path: str
    types: tuple[str, ...] = ()
    stale_days: int = DEFAULT_STALE_DAYS
    description: str | None = None
    line: int = 1
    children: list["Category"] = field(default_factory=list)
    parent: "Category | None" = None

    def walk(self) -> Iterator["Category"]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def trail(self) -> list["Category"]:
        """This category and its ancestors, root first (for breadcrumbs)."""
        return ([*self.parent.trail] if self.parent else []) + [self]


@dataclass
class Catalogue:
    """One agency's catalogue: a single agency's site, or one unit (the government, a department) of a platform."""

    agency: Agency
    types: dict[str, DocType]
    roots: list[Category]
    severities: dict[str, str] = field(default_factory=dict)   # the agency's `rules:`, code → severity
    folder: str = ""            # the unit's folder under content/ ("" for the root: a single agency, the government)
    unit_id: str | None = None  # the unit's id on a platform; None for a single agency
    platform: "Platform | None" = field(default=None, repr=False)   # the platform this catalogue belongs to, if any

    @property
    def is_platform(self) -> bool:
        return self.platform is not None

    def unit(self, unit_id: str) -> "Catalogue | None":
        """A unit's own catalogue on a platform (the government's is id `gov`)."""
        found = self.platform and next((u for u in self.platform.units if u.id == unit_id), None)
        return found.catalogue if found else None

    @property
    def owner(self) -> str:
        """Whose rule a catalogue.yaml line is, on a platform where units share the standard tree: 【某某局】."""
        return f"【{self.agency.name}】" if self.platform else ""

    def home_page(self) -> str:
        """The unit's home page: the site's (and the platform's) `index.md`, a department's `<id>/index.md`."""
        return f"{self.folder}/index.md" if self.folder else "index.md"

    def categories(self) -> Iterator[Category]:
        for root in self.roots:
            yield from root.walk()

    def category_at(self, folder: str) -> Category | None:
        """The category whose `path` is exactly this content folder."""
        return next((c for c in self.categories() if c.path == folder), None)


# Without a readable catalogue no document can be checked: the editor must not take silence for a pass.
def read_agency(reader: FieldReader, value: object) -> Agency | None:
    at = ("agency",)
    if value is None:
        reader.report((), E101, "缺少必填字段 agency（机关信息）")
        return None
    data = reader.block(value, at, "agency", AGENCY_KEYS, required=AGENCY_REQUIRED)
    if data is None:
        return None
    texts = {key: reader.text(data, key, at, label) for key, label in AGENCY_KEYS.items() if key not in _AGENCY_NOT_TEXT}
    for key, text in texts.items():
        refuse_printed_markup(reader, at + (key,), AGENCY_KEYS[key], text)
    departments = tuple(reader.text_list(data, "departments", at, AGENCY_KEYS["departments"]))
    return Agency(index_pattern=read_pattern(reader, data, at), departments=departments,
                  report_due=read_due(reader, data, at, "report_due", AGENCY_KEYS["report_due"]), **texts)


def refuse_printed_markup(reader: FieldReader, at: tuple, label: str, text: str | None) -> None:
    """E401 for a text of catalogue.yaml the theme prints on every page (the agency's or platform's name unescaped in
    the header's aria-label, its contact lines) when it holds a tag or a quote with "=": round 37b, E401 at the build
    only (`测试局" onmouseover="…`, `<img onerror=…>`), the check passed."""
    if text and RISKY_TEXT.search(text):
        reader.report(at, E401, f"{label}“{text[:30]}”含 HTML 标记或带 = 的引号：主题把它印在每个页面上（名称未经转义印进页头的属性），"
                                "可能被当作网页代码执行；请去掉 <、\" 和 '（书名号、引号请用全角“”《》）")


def read_pattern(reader: FieldReader, data: dict, at: tuple) -> re.Pattern | None:
    pattern = reader.text(data, "index_pattern", at, AGENCY_KEYS["index_pattern"])
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        reader.report(at + ("index_pattern",), E102, f"index_pattern 不是有效的正则表达式（{error}）")
        return None


def read_due(reader: FieldReader, data: dict, at: tuple, key: str, label: str) -> str | None:
    """An MM-DD deadline that some year has; reported and None otherwise."""
    due = reader.text(data, key, at, label)
    if due is not None and not _DUE.match(due):
        reader.report(at + (key,), E102, f"{key}（{label}）“{due}”应写作 MM-DD，例如 \"01-31\"（请加引号）")
        return None
    if due is not None and not due_exists(due):
        reader.report(at + (key,), E102, f"{key}（{label}）“{due}”不是存在的日期；请核对月份的天数，"
                                          f"例如 \"03-31\"、\"02-28\"（\"02-29\" 在平年按 2 月最后一天计）")
        return None
    return due


def read_types(reader: FieldReader, value: object) -> dict[str, DocType]:
    if value is None:
        reader.report((), E101, "缺少必填字段 types（文档类型）")
        return {}
    data = reader.mapping(value, ("types",), "types")
    types = {}
    for key, spec in (data or {}).items():
        doc_type = _read_type(reader, str(key), spec)
        if doc_type:
            types[doc_type.key] = doc_type
    return types


MOST_INTERPRETATION_DAYS = 365


def _read_type(reader: FieldReader, key: str, value: object) -> DocType | None:
    at = ("types", key)
    data = reader.block(value, at, f"文档类型 {key}", TYPE_KEYS, required=TYPE_REQUIRED)
    if data is None:
        return None
    fields = reader.text_list(data, "fields", at, TYPE_KEYS["fields"])
    for index, name in enumerate(fields):
        if name not in FIELD_LABELS:
            reader.report(at + ("fields", index), E102, f"文档类型 {key} 的 fields 中有未知字段 {name}；可用的字段：{', '.join(FIELD_LABELS)}")
    due = read_due(reader, data, at, "due", TYPE_KEYS["due"])
    # At most a year: the office report counts the day a waiting interpretation is due by from it, and a limit of a
    # billion 工作日 kept `disclosure report` counting for ever (a million days ended it in 内部错误; round 30b).
    days = reader.integer(data, "interpretation_days", at, TYPE_KEYS["interpretation_days"], maximum=MOST_INTERPRETATION_DAYS)
    return DocType(
        key=key,
        name=reader.text(data, "name", at, TYPE_KEYS["name"]),
        fields=tuple(name for name in fields if name in FIELD_LABELS),
        interpretation=reader.choice(data, "interpretation", at, TYPE_KEYS["interpretation"], INTERPRETATION_POLICIES) or "none",
        interpretation_days=DEFAULT_INTERPRETATION_DAYS if days is None else days,
        sections=tuple(reader.text_list(data, "sections", at, TYPE_KEYS["sections"])),
        ordered=bool(reader.boolean(data, "ordered", at, TYPE_KEYS["ordered"])),
        due=due,
        sections_from=reader.year(data, "sections_from", at, TYPE_KEYS["sections_from"]),
        due_from=reader.year(data, "due_from", at, TYPE_KEYS["due_from"]),
        interpretation_from=reader.date(data, "interpretation_from", at, TYPE_KEYS["interpretation_from"]),
        interpretation_workdays=bool(reader.boolean(data, "interpretation_workdays", at, TYPE_KEYS["interpretation_workdays"])),
        line=reader.lines.line(*at),
    )


def _read_categories(reader: FieldReader, value: object, at: tuple, parent: Category | None,
                     types: dict[str, DocType], folder: str = "") -> list[Category]:
    if value is None:
        if parent is None:
            reader.report((), E101, "缺少必填字段 catalogue（公开目录）")
        return []
    if not isinstance(value, list):
        reader.report(at, E102, "catalogue / children 应为栏目列表（每项以“- id:”开头）")
        return []
    categories = [_read_category(reader, item, at + (index,), parent, types, folder) for index, item in enumerate(value)]
    categories = [category for category in categories if category]
    if parent is None and not folder:
        check_unique(reader, categories)
    return categories


def read_categories(reader: FieldReader, value: object, at: tuple, types: dict[str, DocType], folder: str) -> list[Category]:
    """A tree of root categories whose paths are written relative to `folder` (a department's)."""
    return _read_categories(reader, value, at, None, types, folder)


def _read_category(reader: FieldReader, value: object, at: tuple, parent: Category | None,
                   types: dict[str, DocType], folder: str = "") -> Category | None:
    data = reader.block(value, at, "栏目", CATEGORY_KEYS, required=CATEGORY_REQUIRED)
    if data is None:
        return None
    category_id = reader.text(data, "id", at, CATEGORY_KEYS["id"])
    if not _CATEGORY_ID.match(category_id or ""):
        reader.report(at + ("id",), E102, f"栏目 id “{category_id}”只能由字母、数字、- 和 _ 组成")
    written = (reader.text(data, "path", at, CATEGORY_KEYS["path"]) or "").strip("/")
    if any(part in ("", ".", "..") or part.startswith(".") or "\\" in part for part in written.split("/")) and written:
        # `..` would put the category's pages outside content/ (and its index page outside site/)
        reader.report(at + ("path",), E102, f"栏目目录 path “{written}”只能是 content/ 下的文件夹名，用 / 分隔，"
                                            "不能含 ..、.、\\ 或以 . 开头的名字；例如 notices 或 policies/normative")
    if device := next((part for part in written.split("/") if windows_device_name(part)), None):
        reader.report(at + ("path",), E102, f"栏目目录 path “{written}”中的“{device}”是 Windows 的设备保留名，"
                                            "IIS 服务器上建不出这个目录；请换一个名字")
    path = f"{folder}/{written}" if folder else written
    if parent and not path.startswith(parent.path + "/"):
        above = parent.path.removeprefix(f"{folder}/") if folder else parent.path
        reader.report(at + ("path",), E102, f"子栏目的 path “{written}”应位于上级栏目“{above}/”之下，例如 {above}/{written.split('/')[-1]}")
    allowed = reader.text_list(data, "types", at, CATEGORY_KEYS["types"])
    for index, name in enumerate(allowed):
        if types and name not in types:
            reader.report(at + ("types", index), E102, f"栏目 {category_id} 允许的类型 {name} 未在 types 中定义；已定义：{', '.join(types)}")
    stale = reader.integer(data, "stale_days", at, CATEGORY_KEYS["stale_days"])
    name = reader.text(data, "name", at, CATEGORY_KEYS["name"])
    if name and RISKY_TEXT.search(name):
        # the column's page has it as its title, which the theme prints unescaped (round 37b: E403 at the build only,
        # naming a content/<path>/index.md that is not there)
        reader.report(at + ("name",), E102, f"栏目名称“{name[:30]}”含 HTML 标记或引号：栏目页的标题会原样印出它，"
                                            "可能被当作网页代码执行；请去掉 <、\" 和 '（书名号、引号请用全角“”《》）")
    category = Category(
        id=category_id, name=name, path=path,
        types=tuple(allowed), stale_days=DEFAULT_STALE_DAYS if stale is None else stale,
        description=reader.text(data, "description", at, CATEGORY_KEYS["description"]), parent=parent,
        line=reader.lines.line(*at),
    )
    category.children = _read_categories(reader, data.get("children"), at + ("children",), category, types, folder)
    return category


def check_unique(reader: FieldReader, roots: list[Category]) -> None:
    """Category ids and folders are each used once within one catalogue (one unit of a platform)."""
    first_id: dict[str, int] = {}
    first_path: dict[str, int] = {}
    for category in (c for root in roots for c in root.walk()):
        if category.id in first_id:
            reader.diagnostics.append(E102.at(reader.path, category.line, f"栏目 id {category.id} 重复（第 {first_id[category.id]} 行已使用）；每个栏目的 id 必须唯一"))
        if category.path in first_path:
            reader.diagnostics.append(E102.at(reader.path, category.line, f"栏目目录 {category.path} 已被第 {first_path[category.path]} 行的栏目使用；每个栏目对应一个目录"))
        first_id.setdefault(category.id, category.line)
        first_path.setdefault(category.path, category.line)
