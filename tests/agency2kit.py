"""The second agency (tests/data/agency2): a 县人民政府办公室 laid out as another agency adopts the project.

Its repository is the project's `overrides/` plus its own catalogue.yaml, mkdocs.yml and content/;
the attachments are real files written here with the libraries offices' files come from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import attachmentkit
from .sitekit import REPO

DATA = Path(__file__).parent / "data" / "agency2"
PREFIX = "11330999MB0A12345K/"
SUB_PATH = "/xxgk/"
# Everything of the example agency a page of another agency must never show.
EXAMPLE_STRINGS = ("示例市", "应急管理局", "EX0001", "示应急", "3799000001", "示ICP备", "示公网安备", "人民路1号",
                   "0000-12345678", "zwgk@example.gov.cn")


def attachments() -> dict[str, bytes]:
    notice = "content/zcwj/qtwj/tzgg/files/"
    return {
        notice + "2025-xunqi-paiban.xlsx": attachmentkit.xlsx(
            {"A1": "日期", "B1": "带班领导", "C1": "值班电话", "A2": "2025-05-01", "B2": "办公室副主任", "C2": "0570-6612345"},
            sheet="排班表"),
        notice + "2025-xuke-list.pdf": attachmentkit.pdf([["Qinglan county administrative licensing list, 2025",
                                                           "1. Business licence", "2. Outdoor advertising permit"]]),
    }


def copy_agency2(root: Path) -> Path:
    """The second agency's repository in `root` (no search-dict.txt: it never wrote one)."""
    shutil.copytree(DATA, root, dirs_exist_ok=True)
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name, data in attachments().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root
