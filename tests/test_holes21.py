"""Round twenty-one (issue 24, one gate on every path): holes the adversarial rounds left open, each closed by class.
Each test goes through the real `disclosure check` and MkDocs build, and failed on main before its fix.

- Numbers written a digit at a time (privacy/numbers.py `_digit_by_digit`): 1 1 0 1 0 1 1 9 9 0 …, with full-width
  spaces, with ·, with dashes between every digit; and groups joined by a doubled dash (110101--19900307--7715): in a
  body, a table, an attachment's text and mkdocs.yml's printed values, check and build passed. Now E400. A row of
  lone figures is read as one number only when it is the whole row and of a shape's own length, and still checks out
  (an ID's date and check digit, a card's Luhn digit and scheme, a mobile's 1[3-9]): a budget table, a list of years,
  an office's 区号-号码, 邮编, dates and a 文号 stay allowed.
"""

from __future__ import annotations

from .sitekit import build, check, front_matter, paired_policy, write_site

SPACED_ID = "1 1 0 1 0 1 1 9 9 0 0 3 0 7 7 7 1 5"          # 110101199003077715: a valid ID
SPACED_MOBILE_FULL_WIDTH = "\u3000".join("13800138000")
DOTTED_MOBILE = "·".join("13900139000")
DASHED_CARD = "-".join("4111111111111111")


def _notice(number: int, body: str, **fields) -> str:
    return front_matter(body, title=f"关于第{number}批补助的通知", type="notice", index_no=f"T001/2024-{number:05d}",
                        published="2024-03-05", **fields)


def _refused(run, code: str) -> set[str]:
    """`path:line` of each coded line of `code`."""
    return {line.split(f": {code} ")[0] for line in run.coded_lines() if f" {code} " in line}


def test_numbers_written_a_digit_at_a_time_are_personal_data_wherever_printed(tmp_path):
    files = {
        "notices/body.md": _notice(10, f"正文。\n\n身份证号：{SPACED_ID}。\n"),
        "notices/table.md": _notice(11, f"正文。\n\n| 姓名 | 电话 |\n| --- | --- |\n| 张某 | {SPACED_MOBILE_FULL_WIDTH} |\n"),
        "notices/dotted.md": _notice(12, f"正文。\n\n联系人手机 {DOTTED_MOBILE}。\n"),
        "notices/doubled.md": _notice(13, "正文。\n\n身份证号 110101--19900307--7715。\n"),
        "notices/attached.md": _notice(14, "正文。\n", attachments=[{"file": "files/名单.csv", "title": "名单"}]),
        "notices/files/名单.csv": f"姓名,卡号\n甲,{DASHED_CARD}\n".encode(),
    }
    root = write_site(tmp_path / "site", {**paired_policy(), **files},
                      mkdocs_extra={"site_description": f"咨询电话 {' '.join('13700137000')}"})
    for run in (check(root), build(root)):
        assert _refused(run, "E400") == {"content/notices/body.md:9", "content/notices/table.md:11",
                                          "content/notices/dotted.md:9", "content/notices/doubled.md:9",
                                          "content/notices/attached.md:7", "mkdocs.yml:6"}, run.output
        assert run.returncode != 0
    assert not (root / "site").exists()


ORDINARY_FIGURES = """正文。

| 项目 | 1月 | 2月 | 3月 | 4月 | 5月 | 6月 | 7月 | 8月 | 9月 | 10月 | 11月 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 件数 | 1 | 3 | 8 | 0 | 0 | 1 | 3 | 8 | 0 | 0 | 0 |

各月件数：1 3 8 0 0 1 3 8 0 0 0 1。

预算：1 234 567 元，2 345 678 元；年度：2019 2020 2021 2022 2023 2024。

咨询电话 0571 - 8888 8888，0571--88888888；邮编 3 1 0 0 0 0；日期 2 0 2 4 - 0 3 - 0 5；文号 测市监规〔2024〕1 号。

编号：1 2 3 4 5 6 7 8 9 1 0 1 1 1 2。
"""


def test_rows_of_ordinary_figures_stay_allowed(tmp_path):
    root = write_site(tmp_path / "site", {**paired_policy(), "notices/figures.md": _notice(20, ORDINARY_FIGURES)},
                      mkdocs_extra={"markdown_extensions": ["tables"]})
    built = build(root)
    assert built.returncode == 0, built.output

