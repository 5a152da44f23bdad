"""Round twenty-two of the adversarial review (issue 24): the merge reads a withheld workbook's short cells.

- fixed (read from the code in round twenty-one, tried here): the merge's own look for withheld text
  (content/merge_facts.py `_attachment_texts`, rules/personal_data/published.py `published_text`) read withheld and
  sealed attachments with the personal-data reader's default, pieces as long as a mobile number only. A withheld
  workbook of short cells (序号, a name, an identity, an amount: each fewer than eleven characters) saved again by a
  compromised unit job and handed over as the unit's public file had no text on either side, and was refused by its
  digest only: saved again, it was merged and published. Both sides now read every cell (`attachment_pieces(…,
  shortest=1)`; the file is read once for every rule that asks, privacy/attachments.py `_Reading`).
- held: a public version with the names deleted (the same heading, columns and amounts) is merged: no twenty
  characters in a row are the withheld list's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest

from .attachmentkit import xlsx
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401

ROWS = [("序号", "姓名", "身份", "补助金额"), ("1", "王某某", "低保户", "3000"), ("2", "李某某", "特困人员", "4500"),
        ("3", "赵某某", "残疾人", "2800"), ("4", "钱某某", "低保户", "3600")]
UNIT_FILES = "jyj/fees/fees/"   # where the unit's sealed output publishes a file, as its job hands it over


def _workbook(rows, sheet: str = "名单") -> bytes:
    return xlsx({f"{column}{number}": value for number, row in enumerate(rows, 1) for column, value in zip("ABCD", row)},
                sheet=sheet)


def _withheld_list(root: Path) -> None:
    """A withheld document of the unit, its attachment a list whose every cell is shorter than a mobile number."""
    from .test_platform_core import write
    write(root, "jyj/fees/secret.md", "title: 内部补助名单\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          "disclosure: 不予公开\nreason: 涉及个人隐私\nattachments:\n- file: files/名单.xlsx\n  title: 名单\n")
    (root / "content/jyj/fees/files").mkdir(exist_ok=True)
    (root / "content/jyj/fees/files/名单.xlsx").write_bytes(_workbook(ROWS))


def _handed_over(root: Path, name: str, data: bytes) -> str:
    (root / "build/units/jyj" / UNIT_FILES / name).write_bytes(data)
    seal_unit_manifest(root / "build/units/jyj", "jyj")
    return UNIT_FILES + name


RESAVED = {   # another tab name and another save: other bytes, the same list
    "workbook": ("名单.xlsx", lambda: _workbook(ROWS, sheet="Sheet1")),
    "csv": ("名单.csv", lambda: "".join(",".join(row) + "\r\n" for row in ROWS).encode("gb18030")),
}


@pytest.fixture(scope="module")
def resaved(merged_platform, tmp_path_factory):
    """The withheld list in content/, and every case's list saved again (a file of its own each) handed over, sealed
    and merged once."""
    from .batchkit import sealed_once
    return sealed_once(merged_platform, tmp_path_factory.mktemp("resaved"), "jyj",
                       {UNIT_FILES + file: data() for file, data in RESAVED.values()}, before=_withheld_list)


@pytest.mark.parametrize("name", sorted(RESAVED))
def test_a_withheld_workbook_of_short_cells_saved_again_is_refused_by_the_merge(resaved, name):
    """On main the .csv was merged (no piece of the withheld workbook was read: all its cells are short); the workbook
    was refused only for the text the program writes in every workbook (the theme's fonts, its parts' addresses)."""
    file, _ = RESAVED[name]
    resaved.refused(f"build/units/jyj/{UNIT_FILES + file}:1: E700 ", "含有不公开文件 content/jyj/fees/files/名单.xlsx 正文中的一段文字")


def test_a_public_version_of_the_list_with_the_names_deleted_is_merged(platform):
    """On main this was refused, and so was the government's stylesheet: the withheld workbook's "text" was the
    program's (Times New Roman, the schemas' addresses), which every workbook and a stylesheet hold."""
    _withheld_list(platform)
    path = _handed_over(platform, "名单.xlsx", _workbook([ROWS[0], *((n, "（略）", "（略）", amount) for n, _, _, amount in ROWS[1:])]))
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (platform / "site" / path).is_file()
