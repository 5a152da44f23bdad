"""A 政府信息公开平台 (条例第二十四条): the government and its departments in one repository.

`catalogue.yaml` declares `departments:` (and optionally `platform:`); each department is a
unit with its own profile, 索引号 pattern and catalogue tree (the standard tree with additions,
or one of its own), and its documents under `content/<id>/`. The government itself is the unit
`gov`, whose categories stay at the root of `content/` as on a single agency's site. Every unit
is modelled as a `Catalogue`, so that every rule of a single agency runs per unit unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..codes import E101, E102
from .catalogue import (
    AGENCY_KEYS,
    Agency,
    Catalogue,
    Category,
    check_unique,
    read_categories,
    read_due,
    read_pattern,
    refuse_printed_markup,
)
from .schema import FieldReader
from .unit_layout import GOVERNMENT, PLATFORM_FOLDERS, windows_device_name

DEFAULT_GROUPS = ("政府部门", "县区", "乡镇街道")   # how portals group the directory (国办公开办函〔2019〕61号)
PLATFORM_SUFFIX = "政府信息公开平台"
PLATFORM_KEYS = {"name": "平台名称", "groups": "部门分组（目录中的顺序）",
                 "owners": "政务公开办（审核 catalogue.yaml 和政府本级文件的账号或团队）"}
_CONTACT = ("address", "phone", "hours", "fax", "email", "postcode")
DEPARTMENT_KEYS = {
    "id": "部门标识（即 content/ 下的目录名和网址）", "name": "部门全称", "group": "所属分组",
    "index_pattern": AGENCY_KEYS["index_pattern"], "offices": "内设处室（用于搜索分词）",
    **{key: AGENCY_KEYS[key] for key in _CONTACT}, "report_due": "本部门年报截止日期",
    "additions": "在标准目录之外增加的栏目", "catalogue": "本部门自己的目录（代替标准目录）",
    "owners": "本部门的审核人（代码托管平台的账号或团队，如 @example/yjj）",
}
_UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INHERITED = ("site_code", "icp", "public_security")   # one site: one 网站标识码 and 备案号 in every footer


@dataclass(eq=False)
class Unit:
    """The government, or one department, with its own catalogue."""

    id: str
    name: str
    group: str | None        # None for the government
    catalogue: Catalogue = field(repr=False)
    line: int = 1
    owners: tuple[str, ...] = ()   # who approves changes to the unit's folder (CODEOWNERS, GitLab approval rules)

    @property
    def folder(self) -> str:
        return self.catalogue.folder

    @property
    def is_government(self) -> bool:
        return self.id == GOVERNMENT


@dataclass(eq=False)
class Platform:
    name: str
    groups: tuple[str, ...]
    owners: tuple[str, ...] = ()   # the 政务公开 office: catalogue.yaml and the government's own folders
    units: list[Unit] = field(default_factory=list)   # the government first, then departments in file order
    # Department by folder: every file of 200,000 asks which unit it is (`unit_of`).
    _by_folder: dict[str, Unit] = field(default_factory=dict, repr=False)

    def add(self, unit: Unit) -> None:
        self.units.append(unit)
        if not unit.is_government:
            self._by_folder[unit.folder] = unit

    @property
    def departments(self) -> list[Unit]:
        return [unit for unit in self.units if not unit.is_government]

    def unit(self, unit_id: str) -> Unit | None:
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def unit_of(self, src_uri: str) -> Unit:
        """The unit a content path belongs to: a department's folder, else the government's."""
        return self._by_folder.get(src_uri.split("/", 1)[0]) or self.units[0]

    def grouped(self) -> list[tuple[str, list[Unit]]]:
        """The directory: each group in order with its departments (groups without one left out)."""
        return [(group, members) for group in self.groups
                if (members := [unit for unit in self.departments if unit.group == group])]


def read_platform(reader: FieldReader, data: dict, catalogue: Catalogue) -> None:
    """With `departments:`, make `catalogue` the government's unit of a new platform; without, leave it as it is."""
    if data.get("departments") is None:
        if data.get("platform") is not None:
            reader.report(("platform",), E102, "写了 platform（平台信息）却没有 departments（部门）；"
                                               "单个机关的网站请删除 platform，平台请在 departments 中列出各部门")
        return
    settings = reader.block(data.get("platform") or {}, ("platform",), "platform", PLATFORM_KEYS) or {}
    groups = tuple(reader.text_list(settings, "groups", ("platform",), PLATFORM_KEYS["groups"])) or DEFAULT_GROUPS
    name = reader.text(settings, "name", ("platform",), PLATFORM_KEYS["name"])
    refuse_printed_markup(reader, ("platform", "name"), PLATFORM_KEYS["name"], name)
    name = name or catalogue.agency.name + PLATFORM_SUFFIX
    owners = tuple(reader.text_list(settings, "owners", ("platform",), PLATFORM_KEYS["owners"]))
    platform = Platform(name, groups, owners)
    catalogue.unit_id, catalogue.platform = GOVERNMENT, platform
    platform.add(Unit(GOVERNMENT, catalogue.agency.name, None, catalogue, owners=owners))
    value = data["departments"]
    if not isinstance(value, list) or not value:
        reader.report(("departments",), E102, "departments（平台中的部门）应为部门列表，每项以“- id:”开头")
        return
    taken = _taken_folders(catalogue)
    named = {_shown_name(catalogue.agency.name): "政府本级"}
    for index, item in enumerate(value):
        unit = _read_department(reader, item, ("departments", index), catalogue, groups, taken)
        if unit is not None:
            platform.add(unit)
            if other := named.get(_shown_name(unit.name)):
                reader.report(("departments", index, "name"), E102,
                              f"部门名称“{unit.name}”与{other}的名称看上去相同：平台首页、搜索结果和“部门”筛选中读者分不出"
                              "两者，一个单位的文件会被当作另一个单位的；请写各自的全称")
            named.setdefault(_shown_name(unit.name), f"部门“{unit.name}”（{unit.id}）")


def _shown_name(name: str) -> str:
    """A unit's name as a reader tells it from another: its compatibility form, without the invisible format
    characters (a zero-width space) and blanks a copy brings."""
    return "".join(char for char in unicodedata.normalize("NFKC", name)
                   if unicodedata.category(char) != "Cf" and not char.isspace())


def _taken_folders(government: Catalogue) -> dict[str, str]:
    """First folders under content/ already in use, and by what (a department may not take them): the
    folders the platform writes itself (unit_layout.PLATFORM_FOLDERS) and the government's categories."""
    taken = dict(PLATFORM_FOLDERS)
    for category in government.categories():
        taken.setdefault(category.path.split("/", 1)[0], f"政府本级栏目“{category.name}”")
    return taken


def _read_department(reader: FieldReader, value: object, at: tuple, government: Catalogue,
                     groups: tuple[str, ...], taken: dict[str, str]) -> Unit | None:
    data = reader.block(value, at, "部门", DEPARTMENT_KEYS, required=("id", "name", "group"))
    if data is None:
        return None
    unit_id = reader.text(data, "id", at, DEPARTMENT_KEYS["id"]) or ""
    if not _UNIT_ID.match(unit_id):
        reader.report(at + ("id",), E102, f"部门 id “{unit_id}”只能由小写字母、数字和连字符组成（它是目录名和网址），例如 yjj")
        return None
    if windows_device_name(unit_id):   # its folder (content/<id>/, site/<id>/) cannot be made on a Windows server (IIS)
        reader.report(at + ("id",), E102, f"部门 id “{unit_id}”是 Windows 的设备保留名，IIS 服务器上建不出这个目录；"
                                          "请换一个 id，如 con 改为 cons")
        return None
    if unit_id in taken:
        reader.report(at + ("id",), E102, f"部门 id “{unit_id}”已被{taken[unit_id]}使用；请换一个 id")
        return None
    taken[unit_id] = f"部门“{data.get('name')}”"
    group = reader.choice(data, "group", at, DEPARTMENT_KEYS["group"], groups)
    agency = _department_agency(reader, data, at, government.agency)
    roots = _department_tree(reader, data, at, government, unit_id)
    catalogue = Catalogue(agency, government.types, roots, government.severities, folder=unit_id,
                          unit_id=unit_id, platform=government.platform)
    owners = tuple(reader.text_list(data, "owners", at, DEPARTMENT_KEYS["owners"]))
    return Unit(unit_id, agency.name, group, catalogue, reader.lines.line(*at), owners)


def _department_agency(reader: FieldReader, data: dict, at: tuple, government: Agency) -> Agency:
    contact = {key: reader.text(data, key, at, DEPARTMENT_KEYS[key]) for key in _CONTACT}
    name = reader.text(data, "name", at, DEPARTMENT_KEYS["name"])
    for key, text in (("name", name), *contact.items()):
        refuse_printed_markup(reader, at + (key,), DEPARTMENT_KEYS[key], text)
    return Agency(name=name,
                  index_pattern=read_pattern(reader, data, at),
                  departments=tuple(reader.text_list(data, "offices", at, DEPARTMENT_KEYS["offices"])),
                  report_due=read_due(reader, data, at, "report_due", DEPARTMENT_KEYS["report_due"]),
                  **{key: getattr(government, key) for key in _INHERITED}, **contact)


def _department_tree(reader: FieldReader, data: dict, at: tuple, government: Catalogue, folder: str) -> list[Category]:
    """The department's own tree, or the standard tree (the government's) under its folder plus its additions."""
    if data.get("catalogue") is not None:
        if data.get("additions") is not None:
            reader.report(at + ("additions",), E102, "additions（增加的栏目）只能与标准目录一起用；"
                                                     "已写了本部门自己的 catalogue，请把增加的栏目并入其中")
        roots = read_categories(reader, data["catalogue"], at + ("catalogue",), government.types, folder)
        if not roots:
            reader.report(at + ("catalogue",), E101, "本部门的 catalogue 没有任何栏目；删除此项即使用标准目录")
        check_unique(reader, roots)
        return roots
    roots = [clone_tree(root, folder, None) for root in government.roots]
    if data.get("additions") is not None:
        # The standard tree was checked once, as the government's; only what the department adds is new.
        roots += read_categories(reader, data["additions"], at + ("additions",), government.types, folder)
        check_unique(reader, roots)
    return roots


def clone_tree(category: Category, folder: str, parent: Category | None) -> Category:
    """A standard category as a department's: the same id, name and rules, under the department's folder."""
    copy = replace(category, path=f"{folder}/{category.path}", parent=parent, children=[])
    copy.children = [clone_tree(child, folder, copy) for child in category.children]
    return copy
