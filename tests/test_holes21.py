"""Round twenty-one (issue 24, one gate on every path): holes the adversarial rounds left open, each closed by class.
Each test goes through the real `disclosure check` and MkDocs build, and failed on main before its fix.

- Numbers written a digit at a time (privacy/numbers.py `_digit_by_digit`): 1 1 0 1 0 1 1 9 9 0 …, with full-width
  spaces, with ·, with dashes between every digit; and groups joined by a doubled dash (110101--19900307--7715): in a
  body, a table, an attachment's text and mkdocs.yml's printed values, check and build passed. Now E400. A row of
  lone figures is read as one number only when it is the whole row and of a shape's own length, and still checks out
  (an ID's date and check digit, a card's Luhn digit and scheme, a mobile's 1[3-9]): a budget table, a list of years,
  an office's 区号-号码, 邮编, dates and a 文号 stay allowed.
- (the hostile editor's round on the same class) part of a number spaced out (1 3 8 0013 8000, 1 1 0 1 0 1 19900307
  7715, 138 0 0 1 3 8 0 0 0): a run of lone digits is now one group, joined in the groupings of each shape.
- (the same round) groups joined by slashes (138/0013/8000, full-width ／, a slash
  between every digit), an ID's check character glued to the last lone digit (… 0 0 2X): published. Now E400; dates
  written 2024/03/05, 索引号 T001/2024-00001 and fractions stay allowed.
- A folder named for what it holds without brackets (content/不予公开材料/x.md, files/内部资料/名单.csv,
  files/涉密文件/…, files/不对外公开/, and in English files/Confidential_files/, internal/, not-public/), and a document's own folder even in brackets (content/材料（不予公开）/x.md): a public document
  there, its attachment, a file its body links were published with exit 0 (round twenty left the unbracketed folder
  open). Now E102 (content/disclosure_statements.withholding_name_note), and the merge withholds them too. A name
  saying more is a title and stays: 依申请公开/ alone (the 条例's heading, the guide's forms), 依申请公开流程图,
  不予公开告知书（样本）, 内部控制制度.
- (the hostile editor's round on the same class) a note where readers do not look for one: labelled (注：此件不予公开。),
  in an HTML block with other text (<details><summary>（此件不予公开）</summary>…: a reader sees it as its own line),
  a 版记 typeset as a table with its label and value in two cells (| 公开方式 | 依申请公开 |, in HTML too), an
  admonition's title (!!! note "（此件不予公开）"),
  or in the front matter's summary (printed under the title and in the lists): published. Now E102 on its line, and
  the merge withholds a page whose summary says so.
- An inline link whose text runs over two lines of its paragraph (`[名单（不予\n公开）](files/名单.csv)`), or whose target
  stands on the next line: the check read links line by line, so the file was "named by nothing" (E111) and the
  note never read. Links are now read paragraph by paragraph (text/markup.py), as Markdown reads them: E102 on the
  line where the note starts, check and build alike.
- What the theme prints from mkdocs.yml (rules/printed_settings.py): a repository address, a font other than false,
  analytics, a favicon or logo from another host, markup in site_description / site_author, a javascript: homepage,
  extra.social links and names, extra.polyfills, extra.consent's text, a title of nav —
  the build refused them (E401/E404 in the page frame), `disclosure check` said nothing, so an editor's pull request
  was green where the build failed; `repo_url: !ENV NAME` the same. The check now lays the settings out as the theme
  does and reads them with the build's own frame rules: the same coded lines as the build. A setting in the file
  mkdocs.yml INHERITs from is read too, and both name that file's line.
"""

from __future__ import annotations

from .sitekit import MINI_CATALOGUE, build, check, front_matter, paired_policy, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam20 import sealed_page

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


def test_numbers_joined_by_slashes_and_an_id_spaced_out_to_its_x_are_personal_data(tmp_path):
    files = {"notices/slash.md": _notice(15, "正文。\n\n手机 138/0013/8000，电话 1/3/9/0/0/1/3/9/0/0/0。\n\n身份证 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2X\n"),
             "notices/dates.md": _notice(16, "正文。\n\n2024/03/05 至 2025/03/05；索引号 T001/2024-00001、T001/2024-00002；1/3 的对象。\n")}
    root = write_site(tmp_path / "site", {**paired_policy(), **files})
    for run in (check(root), build(root)):
        found = [line for line in run.coded_lines() if " E400 " in line]
        assert [line.split(" E400 ")[0] for line in found] == ["content/notices/slash.md:9:"] * 2 + ["content/notices/slash.md:11:"], run.output


def test_a_number_partly_spaced_out_is_personal_data(tmp_path):
    files = {"notices/partly.md": _notice(17, "正文。\n\n手机 1 3 8 0013 8000。\n\n身份证 1 1 0 1 0 1 19900307 7715。\n\n电话 138 0 0 1 3 8 0 0 0。\n")}
    root = write_site(tmp_path / "site", {**paired_policy(), **files})
    for run in (check(root), build(root)):
        assert _refused(run, "E400") == {"content/notices/partly.md:9", "content/notices/partly.md:11",
                                          "content/notices/partly.md:13"}, run.output


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


def _catalogue_with(*paths: str) -> dict:
    return {**MINI_CATALOGUE, "catalogue": MINI_CATALOGUE["catalogue"] + [
        {"id": f"c{number}", "name": f"栏目{number}", "path": path, "types": ["notice"], "stale_days": 0}
        for number, path in enumerate(paths)]}


LISTING = "姓名,金额\n甲,100\n".encode()


def test_a_folder_named_not_public_without_brackets_is_refused(tmp_path):
    files = {
        "不予公开材料/a.md": _notice(30, "正文。\n"),
        "材料（不予公开）/b.md": _notice(31, "正文。\n"),
        "依申请公开件/c.md": _notice(32, "正文。\n"),
        "notices/attached.md": _notice(33, "正文。\n", attachments=[{"file": "files/内部资料/名单.csv", "title": "名单"}]),
        "notices/files/内部资料/名单.csv": LISTING,
        "notices/linked.md": _notice(34, "正文。\n\n附件：[名单](files/涉密文件/名单.csv)\n"),
        "notices/files/涉密文件/名单.csv": LISTING,
        "notices/english.md": _notice(35, "正文。\n\n附件：[名单](files/Confidential_files/名单.csv)，[表](files/不对外公开/表.csv)\n"),
        "notices/files/Confidential_files/名单.csv": LISTING,
        "notices/files/不对外公开/表.csv": LISTING,
    }
    root = write_site(tmp_path / "withheld", {**paired_policy(), **files}, catalogue=_catalogue_with("不予公开材料", "材料（不予公开）", "依申请公开件"))
    checked = check(root)
    for run in (checked, build(root)):
        assert _refused(run, "E102") == {"content/不予公开材料/a.md:1", "content/材料（不予公开）/b.md:1", "content/依申请公开件/c.md:1",
                                          "content/notices/attached.md:7", "content/notices/linked.md:9",
                                          "content/notices/english.md:9"}, run.output
    assert "disclosure: 依申请公开" in checked.output   # the check's own run above (the site is as it was)
    assert not (root / "site").exists()


def test_folders_whose_name_says_more_stay_published(tmp_path):
    files = {
        "依申请公开/guide.md": _notice(40, "正文。\n", attachments=[{"file": "files/依申请公开/申请表.csv", "title": "申请表"}]),
        "依申请公开/files/依申请公开/申请表.csv": LISTING,
        "notices/forms.md": _notice(41, "正文。\n\n[告知书](files/不予公开告知书（样本）/告知书.csv)，[制度](files/内部控制制度/制度.csv)，"
                                        "[流程](files/依申请公开流程图/流程.csv)\n"),
        "notices/files/不予公开告知书（样本）/告知书.csv": LISTING,
        "notices/files/内部控制制度/制度.csv": LISTING,
        "notices/files/依申请公开流程图/流程.csv": LISTING,
        "notices/english.md": _notice(42, "正文。\n\n[办法](files/internal_control/办法.csv)，[目录](files/public/目录.csv)\n"),
        "notices/files/internal_control/办法.csv": LISTING,
        "notices/files/public/目录.csv": LISTING,
    }
    built = build(write_site(tmp_path / "public", {**paired_policy(), **files}, catalogue=_catalogue_with("依申请公开")))
    assert built.returncode == 0, built.output


def test_a_file_in_a_folder_named_not_public_is_refused_by_the_merge(platform):
    """The department's job skips the build's E102 and seals a file of files/内部资料/ that its page links."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    source = platform / "content/jyj/guide/guide.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n附件：[名单](files/内部资料/名单.csv)\n", encoding="utf-8")
    for folder in (platform / "content/jyj/guide/files/内部资料", platform / "build/units/jyj/jyj/guide/files/内部资料"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "名单.csv").write_bytes("姓名,学校,补助\n甲,第一小学,500\n".encode())
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, "build/units/jyj/jyj/guide/files/内部资料/名单.csv:1: E700 ")


def test_a_link_whose_text_runs_over_two_lines_is_read_for_its_note(tmp_path):
    files = {
        "notices/split.md": _notice(50, "正文。\n\n附件：[名单（不予\n公开）](files/名单.csv)\n"),
        "notices/files/名单.csv": LISTING,
        "notices/below.md": _notice(51, "正文。\n\n附件：[困难群众名单\n（依申请公开）](files/名单2.csv)\n"),
        "notices/files/名单2.csv": LISTING,
    }
    root = write_site(tmp_path / "withheld", {**paired_policy(), **files})
    for run in (check(root), build(root)):
        assert _refused(run, "E102") == {"content/notices/split.md:9", "content/notices/below.md:10"}, run.output
        assert " E111 " not in run.output
    public = {"notices/next-line.md": _notice(52, "正文。\n\n附件：[申请表\n（样本）](\nfiles/申请表.csv)\n"),
              "notices/files/申请表.csv": LISTING}
    built = build(write_site(tmp_path / "public", {**paired_policy(), **public}))
    assert built.returncode == 0, built.output


PRINTED_SETTINGS = {
    "repo": {"repo_url": "https://github.com/example/site"},
    "font": {"theme": {"name": "material", "language": "zh", "font": {"text": "Noto Sans"}}},
    "analytics": {"extra": {"analytics": {"provider": "google", "property": "G-XXXXX"}}},
    "pictures": {"theme": {"name": "material", "language": "zh", "font": False, "favicon": "https://cdn.example.org/f.png",
                           "logo": "//cdn.example.org/l.png"}},
    "markup": {"site_description": '"><img src=https://cdn.example.org/p.png>', "site_author": '"><script>alert(1)</script>',
               "extra": {"homepage": "javascript:alert(1)"}},
    "social": {"extra": {"social": [{"icon": "fontawesome/brands/github", "link": "javascript:alert(1)", "name": "a<b"}],
                         "polyfills": ["https://cdn.example.org/p.js"]}},
    "consent": {"extra": {"consent": {"title": "Cookie", "description": '<img src="https://cdn.example.org/t.png">'}}},
    "nav": {"nav": [{'政策<img src="https://cdn.example.org/x.png">': "policies/a.md"}, {"解读": "interpretations/a.md"}]},
}


def test_the_check_reports_what_the_theme_prints_as_the_build_does(tmp_path):
    for name, settings in PRINTED_SETTINGS.items():
        root = write_site(tmp_path / name, paired_policy(), mkdocs_extra=_with_overrides(settings))
        checked, built = check(root), build(root)
        assert built.returncode != 0 and checked.returncode != 0, (name, checked.output)
        assert set(checked.coded_lines()) == set(built.coded_lines()), (name, checked.output, built.output)


def _with_overrides(settings: dict) -> dict:
    """The theme's own custom_dir (the project's overrides), whatever else `settings` says of the theme."""
    from .sitekit import REPO
    if "theme" not in settings:
        return settings
    return {**settings, "theme": {**settings["theme"], "custom_dir": str(REPO / "overrides")}}


def test_a_printed_value_from_the_environment_is_checked_as_the_build_reads_it(tmp_path):
    root = write_site(tmp_path / "site", paired_policy())
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "repo_url: !ENV [SITE_REPOSITORY, '']\n", encoding="utf-8")
    environment = {"SITE_REPOSITORY": "https://github.com/example/site"}
    checked, built = check(root, env=environment), build(root, env=environment)
    assert checked.returncode != 0 and " E404 " in checked.output, checked.output
    assert set(checked.coded_lines()) == set(built.coded_lines()), (checked.output, built.output)
    assert check(root).returncode == 0   # unset: no repository is printed


HIDDEN_NOTES = {"labelled": "注：此件不予公开。\n", "details": "<details><summary>（此件依申请公开）</summary>全文略。</details>\n",
                "cells": "| 抄送：市委办公室 | |\n| --- | --- |\n| 公开方式 | 依申请公开 |\n",
                "html-cells": "<table><tr><td>公开属性</td><td>不予公开</td></tr></table>\n",
                "admonition": '!!! note "（此件不予公开）"\n    全文略。\n'}
# An annual report's table heads its columns so; a 版记 naming its channel says nothing.
PUBLIC_TABLES = """| 本年度 | 予以公开 | 部分公开 | 不予公开 |
| --- | --- | --- | --- |
| 件数 | 10 | 2 | 1 |

| 公开方式 | 政府网站 |
| --- | --- |
"""
NOTE_EXTENSIONS = {"markdown_extensions": ["md_in_html", "tables", "admonition"]}


def test_a_note_where_readers_do_not_look_for_one_is_read(tmp_path):
    files = {f"notices/{name}.md": _notice(60 + number, f"正文。\n\n{body}") for number, (name, body) in enumerate(HIDDEN_NOTES.items())}
    files["notices/summary.md"] = _notice(62, "正文。\n", summary="此件不予公开。")
    public = {"notices/public.md": _notice(63, f"正文。\n\n注：此件公开发布。\n\n<p>（此件主动公开）</p>\n\n{PUBLIC_TABLES}",
                                          summary="介绍依申请公开的办理流程和不予公开的情形")}
    root = write_site(tmp_path / "site", {**paired_policy(), **files, **public}, mkdocs_extra=NOTE_EXTENSIONS)
    for run in (check(root), build(root)):
        assert _refused(run, "E102") == {"content/notices/labelled.md:9", "content/notices/details.md:9",
                                          "content/notices/cells.md:11", "content/notices/html-cells.md:9",
                                          "content/notices/admonition.md:9", "content/notices/summary.md:6"}, run.output
    built = build(write_site(tmp_path / "public", {**paired_policy(), **public}, mkdocs_extra=NOTE_EXTENSIONS))
    assert built.returncode == 0, built.output


def test_a_unit_page_whose_summary_says_it_is_not_public_is_refused_by_the_merge(platform):
    """The department's job publishes the page its build refuses (E102): the merge takes the page for withheld."""
    sealed_page(platform, "title: 教育局指南\n", "title: 教育局指南\nsummary: 此件不予公开。\n")


def test_a_printed_setting_in_the_inherited_configuration_is_reported_on_its_line(tmp_path):
    root = write_site(tmp_path / "site", paired_policy())
    (root / "base.yml").write_text("repo_url: https://github.com/example/site\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    checked, built = check(root), build(root)
    assert _refused(checked, "E404") == {"base.yml:1"}, checked.output
    assert set(checked.coded_lines()) == set(built.coded_lines()), (checked.output, built.output)
