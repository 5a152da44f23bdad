"""`disclosure new`: a new document with every field its type requires, ready to fill in.

The 索引号 is the next free number of the agency's pattern; the 发布日期 is today (China time);
the body has the type's required section headings, as the era rules of catalogue.yaml set them for
the document's year (an annual report on a year before `sections_from` has the parts of its time,
not today's). What the tool cannot know (the 发文字号, the 成文日期, the text) is never guessed:
it is marked 【请填写：…】, and the check and the build refuse the document (E108) until the editor
has filled it in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalogue import Catalogue, Category
from .fields import BLOCKS, FIELD_CHOICES, FIELD_KINDS, FIELD_LABELS
from .model import Document
from .placeholders import PLACEHOLDER, fill_in

# The year starts a run of digits (so 11330999MB0A12345K/201905-00003 is 2019, not 1905) and may
# carry the month (…/YYYYMM-NNNNN, as some provinces number); the sequence runs through the year.
_SEQUENCE = re.compile(r"^(?P<head>(?:.*\D)?)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])?(?P<sep>\D+)(?P<number>\d+)$")
_DOC_NO = re.compile(r"^(?P<code>.+?)〔(?P<year>\d{4})〕(?P<number>\d+)号$")
CONSULTATION_DAYS = 30  # 征求意见期一般不少于 30 日


class _PlainDumper(yaml.SafeDumper):
    """No &anchors: the same date in two fields is written twice, as an editor would."""

    def ignore_aliases(self, data) -> bool:
        return True


class ScaffoldError(ValueError):
    """The request cannot be met; the message says why, in Chinese."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str
    index_no: str

    @property
    def to_fill_in(self) -> list[str]:
        """What the file's placeholders ask for, in order, each once (发文字号, 成文日期, 正文…)."""
        names = (re.split(r"[，,]", match.group(0).strip("【】").split("：", 1)[-1])[0] for match in PLACEHOLDER.finditer(self.text))
        return list(dict.fromkeys(names))


def next_index_no(catalogue: Catalogue, documents: list[Document], year: int, taken: set[str] = frozenset(),
                  month: int = 1, category: Category | None = None) -> str:
    """The next free 索引号 of `year` (and `month`, where the agency's numbers carry one), shaped
    like the agency's existing ones (or its pattern): like those of `category`, where it has some."""
    used = {d.index_no for d in documents if d.index_no} | set(taken)
    shapes = _shapes(used)
    if shapes:
        this_year = [m for m in shapes if int(m.group("year")) == year]
        # The part before the year may name the column (FJ00101-0203-2024-00005: 0203 is its 分类号): a new
        # 通知公告 modelled on the latest 行政执法 number would carry 行政执法's code, accepted by the pattern
        # and never to be changed once published. The number still follows the whole site's, unique either way.
        neighbours = _shapes({d.index_no for d in documents if d.index_no and _in(d, category)})
        neighbours_this_year = [m for m in neighbours if int(m.group("year")) == year]
        model = max(next(group for group in (neighbours_this_year, neighbours, this_year, shapes) if group), key=_latest)
        number = max((int(m.group("number")) for m in this_year), default=0) + 1
        when = f"{year}{month:02d}" if model.group("month") else str(year)
        candidate = f"{model.group('head')}{when}{model.group('sep')}{number:0{len(model.group('number'))}d}"
    else:
        candidate = _from_pattern(catalogue, year, month)
    if not catalogue.agency.numbers(candidate):
        raise ScaffoldError(f"无法按 catalogue.yaml 的 index_pattern（{catalogue.agency.index_pattern.pattern}）生成索引号；"
                            "请手工填写 index_no")
    return candidate


def _in(document: Document, category: Category | None) -> bool:
    return category is not None and document.category is not None and document.category.id == category.id


def _latest(shape: re.Match) -> tuple[str, int]:
    return shape.group("year"), int(shape.group("number"))


def _shapes(index_numbers: set[str]) -> list[re.Match]:
    """The 索引号 among `index_numbers` that read as a head, a year (and month) and a sequence number."""
    return [m for m in (_SEQUENCE.match(index_no) for index_no in sorted(index_numbers)) if m]


def _from_pattern(catalogue: Catalogue, year: int, month: int = 1) -> str:
    """A first 索引号 from a simple pattern such as ^AB1234/\\d{4}-\\d{5}$ (or \\d{6} for year and month)."""
    pattern = catalogue.agency.index_pattern
    if pattern is None:
        return f"{year}-00001"
    text = pattern.pattern.strip("^$")
    if "\\d{4}" in text:
        text = text.replace("\\d{4}", str(year), 1)
    else:
        text = text.replace("\\d{6}", f"{year}{month:02d}", 1)
    text = re.sub(r"\\d\{(\d+)\}", lambda m: "1".zfill(int(m.group(1))), text)
    return text.replace("\\", "")


# A field the type requires that only the document knows (解读形式, 主题分类, 摘要…) is marked, never left out: the new
# file is then E108 (fill this in) on its line, not E101 against a file the tool itself just wrote. Lists of
# mappings (附件, 个人信息豁免) have no one-line mark: they stay out, and E101 names them.
_LISTS_OF_MAPPINGS = frozenset(key for key, kind in FIELD_KINDS.items() if kind == BLOCKS)


def _asked(key: str) -> str:
    """What a field's mark asks for: its name, and its allowed values where it has a list of them."""
    choices = FIELD_CHOICES.get(key)
    return f"{FIELD_LABELS[key]}，{'、'.join(choices)}之一" if choices else FIELD_LABELS[key]


def doc_no_placeholder(documents: list[Document], doc_type: str) -> str:
    """The 发文字号 is the issuing office's to give, never the tool's: a placeholder naming the last one as a hint."""
    numbers = [m for m in (_DOC_NO.match(d.doc_no or "") for d in documents if d.type == doc_type) if m]
    if not numbers:
        return fill_in("发文字号，按公文上的写，例如 机关代字〔年份〕序号号")
    last = max(numbers, key=lambda m: (m.group("year"), int(m.group("number"))))
    return fill_in(f"发文字号，按公文上的写；本类文件最近一个是 {last.group(0)}")


def category_for(catalogue: Catalogue, doc_type: str, category_id: str | None) -> Category:
    if category_id:
        category = next((c for c in catalogue.categories() if c.id == category_id), None)
        if category is None:
            known = "、".join(c.id for c in catalogue.categories() if c.types)
            raise ScaffoldError(f"没有栏目 {category_id}；可用的栏目：{known}")
        if doc_type not in category.types:
            raise ScaffoldError(f"栏目“{category.name}”不收 {doc_type} 类文件；它收：{'、'.join(category.types) or '（无）'}")
        return category
    fitting = [c for c in catalogue.categories() if doc_type in c.types]
    if not fitting:
        raise ScaffoldError(f"没有栏目收 {doc_type} 类文件；请在 catalogue.yaml 的栏目 types 中加入它")
    return fitting[0]


class Scaffold:
    """Builds new documents for one site; `taken` grows as documents are made in one run."""

    def __init__(self, catalogue: Catalogue, documents: list[Document], content_dir: Path, today: dt.date):
        self.catalogue, self.documents, self.content_dir, self.today = catalogue, documents, content_dir, today
        self.taken: set[str] = set()

    def document(self, doc_type: str, title: str, category_id: str | None = None,
                 interprets: list[str] | None = None, year: int | None = None) -> NewFile:
        if doc_type not in self.catalogue.types:
            raise ScaffoldError(f"未知的文档类型 {doc_type}；可用的类型：{'、'.join(self.catalogue.types)}")
        category = category_for(self.catalogue, doc_type, category_id)
        year = self._year(doc_type, year)
        index_no = next_index_no(self.catalogue, self.documents, self.today.year, self.taken, self.today.month, category)
        self.taken.add(index_no)
        fields = self._fields(doc_type, title, index_no, interprets or [], year)
        path = self.content_dir / category.path / f"{index_no.rsplit('/', 1)[-1]}.md"
        if path.exists():
            raise ScaffoldError(f"文件 {path} 已存在")
        front = yaml.dump(fields, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
        return NewFile(path, f"---\n{front}---\n\n{self._body(doc_type, year)}", index_no)

    def _year(self, doc_type: str, year: int | None) -> int | None:
        """The year the document is about (`year:`): the editor's, else last year for a report due
        after its year ends, else this year; None for a type without one."""
        kind = self.catalogue.types[doc_type]
        if "year" not in kind.fields:
            if year is not None:
                raise ScaffoldError(f"{kind.name}（{doc_type}）没有年度字段 year，不能用 --year")
            return None
        if year is None:
            return self.today.year - 1 if kind.due else self.today.year
        if not 1949 <= year <= self.today.year:
            raise ScaffoldError(f"--year {year} 不对：应为 1949 至 {self.today.year} 之间的四位年份")
        return year

    def _fields(self, doc_type: str, title: str, index_no: str, interprets: list[str], year: int | None) -> dict:
        today = self.today  # a date object: YAML writes it unquoted, as editors write dates
        fields: dict = {"title": title, "type": doc_type, "index_no": index_no, "published": today}
        values = {
            "doc_no": lambda: doc_no_placeholder(self.documents, doc_type),
            # Only the document says when it was made (its 落款): never today.
            "issued": lambda: fill_in("成文日期，按公文落款的日期写，格式 YYYY-MM-DD"),
            "validity": lambda: "有效",
            "year": lambda: year,
            "opens": lambda: today,
            "closes": lambda: self.today + dt.timedelta(days=CONSULTATION_DAYS),
            "interprets": lambda: interprets[0] if len(interprets) == 1 else interprets,
        }
        for key in self.catalogue.types[doc_type].fields:
            if key == "interprets" and not interprets:
                raise ScaffoldError("解读类文件须指明所解读文件：--interprets 索引号，或新建政策时加 --with-interpretation")
            if key in values:
                fields[key] = values[key]()
            elif key not in _LISTS_OF_MAPPINGS:
                fields[key] = fill_in(_asked(key))
        if doc_type != "interpretation" and interprets:
            fields["interprets"] = interprets[0] if len(interprets) == 1 else interprets
        return fields

    def _body(self, doc_type: str, year: int | None) -> str:
        kind = self.catalogue.types[doc_type]
        # Before `sections_from` the type's parts were others (an annual report on 2017 had 概述, 收费及减免…):
        # the check exempts it (content/eras.py), and the template does not impose today's parts either.
        sections = () if kind.sections_from and year is not None and year < kind.sections_from else kind.sections
        numerals = "一二三四五六七八九十"
        parts = [fill_in("正文")]
        for number, section in enumerate(sections):
            prefix = f"{numerals[number]}、" if number < len(numerals) else ""
            parts.append(f"## {prefix}{section}\n\n{fill_in(section)}")
        return "\n\n".join(parts) + "\n"


def interpretation_type(catalogue: Catalogue) -> str | None:
    """The type whose documents interpret others (it requires `interprets`)."""
    return next((name for name, t in catalogue.types.items() if "interprets" in t.fields), None)
