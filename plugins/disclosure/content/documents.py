"""Reading one Markdown document: its front matter, checked field by field."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

from ..codes import E100, E102, E105, E106, E110, E112, E402, E500
from ..codes.diagnostics import Diagnostic, noted
from ..privacy.numbers import Allowance, Source, personal_info_diagnostics
from ..text.conversion import damage_diagnostics
from ..text.markup import lines_joined_by_inline_syntax, tables_with_listed_cells
from ..text.controls import direction_controls, reordering_problem
from .catalogue import Catalogue
from .fields import (
    ALLOWANCE_KEYS,
    ALLOWANCE_REQUIRED,
    ATTACHMENT_KEYS,
    ATTACHMENT_REQUIRED,
    BASE_REQUIRED,
    DISCLOSURE_VALUES,
    FIELD_LABELS,
    INTERPRETATION_KINDS,
    PUBLIC,
    VALIDITY_VALUES,
    doc_no_problem,
)
from .disclosure_statements import withheld_statements, withholding_name_note, withholding_title_note
from .inventory import read_regular, shown
from .model import Attachment, Document
from .placeholders import index_year_problem, is_placeholder, placeholder_diagnostics
from .schema import FieldReader, calendar_date
from .yamlsource import LineMap, decode_text, unmade_values, load_yaml


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(YAML, body, line where the body starts) of a ``---`` fenced file; ``None`` without one."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    return None


def front_matter_data(text: str, path: str) -> dict | None:
    """A file's front matter as every rule reads it (numbers YAML would rewrite kept as written), or None."""
    parts = split_front_matter(text)
    data = load_yaml(parts[0], path).data if parts else None
    return data if isinstance(data, dict) else None


# MkDocs (and ProperDocs) take a line for a fence of the front matter only as `---` (or `...` closing it) followed by
# nothing but spaces and tabs and a line break (mkdocs/utils/meta.py, YAML_RE); otherwise the host reads no front matter
# and publishes the whole file as the page's text: the YAML, its `# 内部备注` comments and all.
_HOST_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


# MkDocs reads a page's front matter with PyYAML's SafeLoader, where a value written as a date is one (these rules read
# it as text: a date field says in Chinese what is wrong with it). A value that names no day (`summary: 2024-02-30`,
# `2024-03-05 25:00:00`) is a Python error there, and MkDocs then reads no front matter at all (mkdocs/utils/meta.py
# passes on any error): the page showed the YAML as its text, a `# 内部备注` comment as its heading, with exit 0 in
# check and strict build (round 30b). A cheap look first: a date written so is rare, a day that is none rarer.
_DATE_WRITTEN = re.compile(r"(?<!\d)(\d{4})-(\d\d?)-(\d\d?)(?!\d)")  # a time may follow: 2024-04-31T10:00
_TIME_WRITTEN = re.compile(r"\d\d?:\d\d:\d\d")


def host_unread_dates(path: str, front: str, first_line: int, reported: list[Diagnostic]) -> list[Diagnostic]:
    """E100 for each value of `front` (a front matter starting on line `first_line`) that the host reads as a date
    naming no day, on a line the rules have not already refused."""
    dates = _DATE_WRITTEN.findall(front)
    if not dates or all(calendar_date(*date) for date in dates) and not _TIME_WRITTEN.search(front):
        return []
    refused = {problem.line for problem in reported}
    return [E100.at(path, line + first_line - 1, f"MkDocs 把“{value}”当作日期来读，而这个日期（或时刻）不存在：MkDocs 因此"
                                                  "读不出整个文件头，会把它（字段和 # 注释）当作正文发布；请改正日期，"
                                                  "或给这个值加英文引号")
            for line, value in unmade_values(front) if line + first_line - 1 not in refused]


def fence_problem(text: str) -> tuple[int, str] | None:
    """(line, the fix) when a fence of the front matter as `split_front_matter` reads it is none to the host."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines):
        if number and line.rstrip() not in ("---", "..."):
            continue
        if not _HOST_FENCE.fullmatch(line):
            return number + 1, (f"文件头的分隔线 {line.rstrip()} 后面有全角空格或其他看不见的字符：MkDocs 不把这一行当作分隔线，"
                                "会把整个文件头（连同 # 注释）当作正文发布；请删去这一行 --- 后面的字符")
        if number == len(lines) - 1:
            return number + 1, ("文件头结束的分隔线后没有换行（文件到此结束）：MkDocs 不把它当作分隔线，会把整个文件头当作正文发布；"
                                "请在这一行后换行，再写正文")
        if number:
            return None
    return None


def read_document(file: Path, path: str, src_uri: str, catalogue: Catalogue, content_dir: Path,
                  today: dt.date, scan_body: bool = True) -> tuple[Document | None, list[Diagnostic]]:
    """Read and check one document; ``None`` when it has no usable front matter (E100)."""
    try:
        raw = read_regular(file)
    except OSError as error:
        return None, [unreadable(path, error)]
    return document_from_bytes(raw, file, path, src_uri, catalogue, content_dir, today, scan_body)


def unreadable(path: str, error: OSError) -> Diagnostic:
    """A document swapped for a FIFO or a link since the walk, or without permission."""
    return E112.at(shown(path), 1, f"无法读取（{error.strerror or error}）；请检查文件权限")


def document_from_bytes(raw: bytes, file: Path, path: str, src_uri: str, catalogue: Catalogue, content_dir: Path,
                        today: dt.date, scan_body: bool = True) -> tuple[Document | None, list[Diagnostic]]:
    """`read_document` on bytes already read from `file`."""
    document, problems, body_problems = document_parts(raw, file, path, src_uri, catalogue, content_dir, today, scan_body)
    return document, problems + (body_problems or [])


def document_parts(raw: bytes, file: Path, path: str, src_uri: str, catalogue: Catalogue, content_dir: Path,
                   today: dt.date, scan_body: bool = True) -> tuple[Document | None, list[Diagnostic], list[Diagnostic] | None]:
    """The document, the problems of reading it, and those its body scan adds (None: not scanned).

    The body scan's problems come after the others, as in `read_document`'s list."""
    text, problems = decode_text(raw, path)
    if text is None:
        return None, waiting_for_fix(problems), []
    if not text.strip():
        return None, waiting_for_fix([E100.at(path, 1, "文件为空；请补充文件头（front matter）和正文，或删除此文件")]), []
    if problem := fence_problem(text):
        return None, waiting_for_fix([E100.at(path, *problem)]), []
    parts = split_front_matter(text)
    if parts is None:
        return None, waiting_for_fix([E100.at(path, 1, "缺少文件头（front matter）；文件第一行应为 ---，随后是 title、type 等字段，再以 --- 结束")]), []
    front, body, body_line = parts
    parsed = load_yaml(front, path, line_offset=1)
    reader = FieldReader(path, parsed.lines, parsed.diagnostics)
    if parsed.data is None or not isinstance(parsed.data, dict):
        if not reader.diagnostics:
            reader.report((), E100, "文件头应为“字段: 值”形式的映射（例如 title: 关于……的通知），实际不是")
        return None, waiting_for_fix(reader.diagnostics), []
    document = Document(path=path, src_uri=src_uri, lines=parsed.lines, body=body, body_line=body_line)
    checker = _DocumentChecker(reader, parsed.data, document, catalogue, file.parent, content_dir, today)
    checker.check()
    reader.diagnostics += host_unread_dates(path, front, 2, reader.diagnostics)
    return document, reader.diagnostics, checker.body_problems() if scan_body else None


OTHER_CHECKS_WAIT = "（本文件的其他检查要等这一处改正后才会进行，改正后可能还会报出其他问题）"


def waiting_for_fix(problems: list[Diagnostic]) -> list[Diagnostic]:
    """An unreadable file hides its other problems: its E100 says so, or the editor thinks it is the last one."""
    return noted(problems, E100.code, OTHER_CHECKS_WAIT)


class _DocumentChecker:
    """Fills a `Document` from its front matter and reports every rule it breaks."""

    def __init__(self, reader: FieldReader, data: dict, document: Document, catalogue: Catalogue,
                 folder: Path, content_dir: Path, today: dt.date):
        self.reader, self.data, self.document = reader, data, document
        self.catalogue, self.folder, self.content_dir, self.today = catalogue, folder, content_dir, today
        self._values: list[tuple[int, str]] | None = None

    def check(self) -> None:
        """Everything but the body scan (`body_problems`)."""
        self.reader.unknown_keys(self.data, FIELD_LABELS, (), "文件头")
        self._read_fields()
        self._check_required()
        self._check_index_year()
        self._check_doc_no()
        self._check_dates()
        self._check_disclosure()
        self._check_category()
        self._check_placeholders()

    def body_problems(self) -> list[Diagnostic]:
        """Placeholders in the body, personal data, conversion damage: what a run without bodies leaves out."""
        doc = self.document
        problems = placeholder_diagnostics(doc.path, [(doc.body_line, doc.body)]) + self._personal_info() + self._reordered()
        return problems + (self._conversion_damage() + self._stated_withheld() if doc.is_public else [])

    # ---

    def _read_fields(self) -> None:
        r, d, doc = self.reader, self.data, self.document
        label = FIELD_LABELS
        doc.title = r.text(d, "title", (), label["title"])
        doc.type = r.text(d, "type", (), label["type"])
        doc.index_no = r.text(d, "index_no", (), label["index_no"])
        doc.publisher = r.text(d, "publisher", (), label["publisher"]) or self.catalogue.agency.name
        doc.disclosure = self._choice("disclosure", DISCLOSURE_VALUES) or PUBLIC
        doc.reason = r.text(d, "reason", (), label["reason"])
        doc.doc_no = r.text(d, "doc_no", (), label["doc_no"])
        doc.validity = self._choice("validity", VALIDITY_VALUES)
        doc.superseded_by = r.text(d, "superseded_by", (), label["superseded_by"])
        doc.responds_to = r.text(d, "responds_to", (), label["responds_to"])
        doc.kind = self._choice("kind", INTERPRETATION_KINDS)
        doc.summary = r.text(d, "summary", (), label["summary"])
        doc.corrected = r.text(d, "corrected", (), label["corrected"])
        doc.imported = self._read_imported()
        doc.topics = r.text_list(d, "topics", (), label["topics"])
        doc.interprets = r.text_list(d, "interprets", (), label["interprets"])
        doc.year = r.year(d, "year", (), label["year"])
        for key in ("published", "issued", "opens", "closes", "expires"):
            # 【请填写：成文日期…】 from `disclosure new` is E108 (placeholders), not a wrongly written date.
            setattr(doc, key, None if is_placeholder(d.get(key)) else r.date(d, key, (), label[key]))
        doc.attachments = self._read_attachments()
        doc.allowances = self._read_allowances()
        doc.doc_type = self.catalogue.types.get(doc.type or "")
        if doc.type is not None and doc.doc_type is None:
            known = "、".join(self.catalogue.types) or "（catalogue.yaml 中没有定义类型）"
            r.report(("type",), E102, f"未知的文档类型 {doc.type}；catalogue.yaml 的 types 中定义了：{known}")

    def _check_required(self) -> None:
        doc_type = self.document.doc_type
        required = BASE_REQUIRED + (doc_type.fields if doc_type else ())
        for key in dict.fromkeys(required):
            self.reader.require(self.data, key, (), FIELD_LABELS[key])

    def _check_index_year(self) -> None:
        if problem := index_year_problem(self.document):
            self.reader.diagnostics.append(problem)

    def _check_doc_no(self) -> None:
        if self.document.doc_no and not is_placeholder(self.document.doc_no):   # a placeholder is E108
            problem = doc_no_problem(self.document.doc_no)
            if problem:
                self.reader.report(("doc_no",), E105, problem)

    def _check_dates(self) -> None:
        doc = self.document
        if doc.issued and doc.published and doc.issued > doc.published:
            self.reader.report(("issued",), E106, f"成文日期 {doc.issued} 晚于发布日期 {doc.published}；文件须先成文后发布，请核对两个日期")
        if doc.opens and doc.closes and doc.closes < doc.opens:
            self.reader.report(("closes",), E106, f"征求意见截止日期 {doc.closes} 早于开始日期 {doc.opens}；请核对起止日期")

    def _check_disclosure(self) -> None:
        doc = self.document
        if not doc.is_public and not doc.reason:
            self.reader.report(("disclosure",), E402, f"公开属性为“{doc.disclosure}”的文件必须填写 reason（不公开理由），例如：属于内部事务信息（条例第十六条）")

    def _check_category(self) -> None:
        doc = self.document
        folder = posixpath.dirname(doc.src_uri)
        doc.category = self.catalogue.category_at(folder)
        if doc.category is None:
            folders = "、".join(c.path for c in self.catalogue.categories() if c.types)
            self.reader.report((), E110, f"文件所在目录“{folder or '（根目录）'}”不是公开目录中的栏目；请移到以下目录之一：{folders}")
        elif doc.type and doc.type in self.catalogue.types and doc.type not in doc.category.types:
            allowed = "、".join(doc.category.types) or "（无，此栏目只含子栏目）"
            self.reader.report(("type",), E110, f"类型 {doc.type} 的文件不能放在栏目“{doc.category.name}”；此栏目只允许：{allowed}")

    def _check_placeholders(self) -> None:
        doc = self.document
        self.reader.diagnostics += placeholder_diagnostics(doc.path, self._published_values())

    def _stated_withheld(self) -> list[Diagnostic]:
        """E102 for each place of a public document saying it is not public: its body (附注 or 版记), its summary, its
        title's note, its folder's name, an attachment's title or file name."""
        doc = self.document
        attaching = bool(doc.attachments)
        return [E102.at(doc.path, doc.body_line + statement.line,
                        _withheld_but_public(f"正文写明“{statement.written}”", statement.value,
                                             _DECLASSIFY if statement.classified else "请换用公开版的原文"
                                             "（附注为“此件公开发布”或“此件主动公开”）"))
                for statement in withheld_statements(doc.body, attachments=attaching)] + [
            E102.at(doc.path, doc.line_of("summary"), _withheld_but_public(f"摘要写明“{statement.written}”", statement.value, "请改正摘要"))
            for statement in withheld_statements(doc.summary or "", attachments=attaching)] + [
            E102.at(doc.path, doc.line_of("title"), _withheld_but_public(f"标题注明{note}", _value_of(note), "请改正标题"))
            for note in [withholding_title_note(doc.title or "")] if note] + [
            E102.at(doc.path, 1, _withheld_but_public(f"文件所在的文件夹或文件名注明“{note}”", _value_of(note),
                                                      "请把文件移出这个文件夹或改名"))
            for note in [withholding_name_note(doc.src_uri)] if note] + [
            E102.at(doc.path, attachment.line, (
                f"附件“{attachment.title}”的标题或文件名注明{note}，却作为主动公开文件的附件发布；按原件不公开的，请从 attachments 中删去"
                "这一项，并把文件移出 content/；经审查决定公开的，请改正标题"))
            for attachment in doc.attachments
            if (note := withholding_title_note(attachment.title) or withholding_name_note(attachment.file))]

    def _reordered(self) -> list[Diagnostic]:
        doc = self.document
        return reordered_lines(doc.path, doc.body, doc.body_line) if doc.is_public else []

    def _conversion_damage(self) -> list[Diagnostic]:
        doc = self.document
        texts = self._published_values() + [(doc.body_line, doc.body)]
        return damage_diagnostics(doc.path, texts)

    def _personal_info(self) -> list[Diagnostic]:
        doc = self.document
        texts = self._published_texts() if doc.is_public else self._listed_texts()
        return personal_info_diagnostics(doc.path, texts, doc.allowances, self.today)

    def _published_texts(self) -> list[tuple[int, str] | Source]:
        """(first line, text) of everything the page shows: its file name, front matter values, attachment names, the body."""
        texts = [Source(1, self.document.src_uri, where="文件名中", multiline=False)]
        texts += self._published_values()
        texts.append((self.document.body_line, self.document.body))
        return texts   # what the body's marks join: rules/personal_data, by the site's extensions

    def _published_values(self) -> list[tuple[int, str]]:
        """`published_values` of this front matter, walked once (three checks read them: a tenth of the reading)."""
        if self._values is None:
            self._values = published_values(self.data, self.document.lines)
        return list(self._values)

    def _listed_texts(self) -> list[tuple[int, str]]:
        """A withheld document gets no page (its body may name the applicant), but its row in the list of
        不主动公开的信息 shows these fields."""
        return published_values(self.data, self.document.lines, keys=WITHHELD_ROW)

    # ---

    def _choice(self, key: str, values: tuple[str, ...]) -> str | None:
        """One of `values`; 【请填写：…】 from `disclosure new` is E108 (placeholders), not a value outside the list."""
        data = self.data
        return None if is_placeholder(data.get(key)) else self.reader.choice(data, key, (), FIELD_LABELS[key], values)

    def _read_imported(self) -> str | None:
        """`imported: 从原网站迁移，原无解读` — a reason in words; a bare flag would exempt without saying why."""
        if "imported" not in self.data:
            return None
        reason = self.reader.text(self.data, "imported", (), FIELD_LABELS["imported"])
        if reason is None and not isinstance(self.data["imported"], (bool, dict, list)):
            self.reader.report(("imported",), E102, "imported（迁移说明）须写明迁移情况和原因，例如 imported: 从原网站迁移，原无解读")
        return reason

    def _read_attachments(self) -> list[Attachment]:
        found = self.reader.block_list(self.data, "attachments", "附件", ATTACHMENT_KEYS, ATTACHMENT_REQUIRED,
                                       "- file: 文件路径 和 title: 附件名称", shorthand="file")
        return [attachment for item, at in found if (attachment := self._read_attachment(item, at))]

    def _read_allowances(self) -> list[Allowance]:
        found = self.reader.block_list(self.data, "allow_personal_info", FIELD_LABELS["allow_personal_info"],
                                       ALLOWANCE_KEYS, ALLOWANCE_REQUIRED, "- value: 号码 和 reason: 公开理由")
        return [Allowance(str(item["value"]), str(item["reason"]), self.reader.lines.line(*at)) for item, at in found]

    def _other_unit(self, src_uri: str) -> str | None:
        """On a platform, the unit (by name) whose folder holds `src_uri`, when it is not this document's own."""
        platform = self.catalogue.platform
        if platform is None:
            return None
        owner = next((unit for unit in platform.units if unit.folder and src_uri.startswith(unit.folder + "/")),
                     None) or platform.units[0]
        return None if owner.id == self.catalogue.unit_id else f"单位“{owner.name}”"

    def _read_attachment(self, data: dict, at: tuple) -> Attachment | None:
        r = self.reader
        name = r.text(data, "file", at, ATTACHMENT_KEYS["file"]) or ""
        target = (self.folder / name).resolve()
        content = self.content_dir.resolve()
        if content not in target.parents or not target.is_file():
            r.report(at + ("file",), E500, f"附件“{name}”不存在；请把文件放到 {self.document.path.rsplit('/', 1)[0]}/ 下，并按相对路径填写")
            return None
        src_uri = target.relative_to(content).as_posix()
        other = self._other_unit(src_uri)
        if other:
            r.report(at + ("file",), E500, f"附件“{name}”在{other}的文件夹中，本单位生成网站时不读取、也不发布别的单位的文件；"
                                           f"如确需作为本文件的附件，请复制一份放到 {self.document.path.rsplit('/', 1)[0]}/ 下，并按相对路径填写")
            return None
        title = r.text(data, "title", at, ATTACHMENT_KEYS["title"]) or target.name
        return Attachment(file=name, title=title, src_uri=src_uri, size=target.stat().st_size,
                          line=r.lines.line(*at, "file"), checked=r.text(data, "checked", at, ATTACHMENT_KEYS["checked"]))


# The fields of a withheld document shown in its category's list of 不主动公开的信息.
WITHHELD_ROW = ("title", "index_no", "disclosure", "reason")


def reordered_lines(path: str, body: str, first_line: int) -> list[Diagnostic]:
    """E102 on each line of a published body holding a character that changes the order text is shown in: the reader
    would see another text than the one every check reads (front matter values: the field reader's E102)."""
    if not direction_controls(body):
        return []   # nearly every body: one scan instead of one a line (a twentieth of a first check's reading)
    return [E102.at(path, number, "正文" + reordering_problem(found))
            for number, line in enumerate(body.split("\n"), start=first_line) if (found := direction_controls(line))]


def published_values(data: dict, lines: LineMap, keys: tuple[str, ...] | None = None) -> list[tuple[int, str]]:
    """(line, text) of every front matter value that reaches the site (of `keys` only, when given)."""
    return [(lines.line(*at), str(value)) for at, value in _leaves(data)
            if at[0] != "allow_personal_info" and (keys is None or at[0] in keys)]


def _leaves(value: Any, at: tuple = (), seen: set | None = None) -> list[tuple[tuple, Any]]:
    """Every scalar of a YAML tree with its path; a container shared through YAML aliases counts once."""
    seen = set() if seen is None else seen
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return []
        seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return [leaf for key, item in items for leaf in _leaves(item, at + (key,), seen)]
    return [(at, value)] if at else []


# A classified document's fix: its 密级 is lifted by the office that set it (保守国家秘密法), never by deleting the mark.
_DECLASSIFY = "须先由定密机关依法解密，再换用解密后印发的文本（不能只删去密级标志）"


def _withheld_but_public(said: str, value: str, public_fix: str) -> str:
    """E102's words for a public document whose own text says it is not public."""
    return (f"{said}，文件却按主动公开发布（未写 disclosure 即为主动公开）；按原件不公开的，请在文件头写 disclosure: {value} 和 reason，"
            f"并照 disclosure check 的提示把文件加进 mkdocs.yml 的 exclude_docs；经审查决定主动公开的，{public_fix}")


def _value_of(note: str) -> str:
    """The disclosure value a note means: 依申请公开 when it names a request, else 不予公开."""
    return DISCLOSURE_VALUES[1] if "申请" in note else DISCLOSURE_VALUES[2]


def joined_sources(body: str, body_line: int, marks: frozenset[str]) -> list[Source]:
    """The texts a body's markup joins on the page where the source holds them apart, as the build reads them, each on
    its line, a document's and a section page's: the cells of a Markdown table an attribute list styles where two touch
    (text/markup.tables_with_listed_cells, named on its styled row), and digits either side of a link's or
    pymdownx.caret/mark/keys' `marks` the site enables (text/markup.lines_joined_by_inline_syntax)."""
    return [Source(body_line + line - 1, shown, where="表格中（相邻单元格的文字连在一起显示）：", multiline=False)
            for line, shown in tables_with_listed_cells(body)] + [
        Source(body_line + line - 1, shown, where="页面显示的文字中（链接或标记符号去掉后连在一起）：", multiline=False)
        for line, shown in lines_joined_by_inline_syntax(body, marks)]
