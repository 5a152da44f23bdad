"""Round twenty-seven (a) of the adversarial review (issue 24): a careless or hostile editor of a single agency's
repository, on `disclosure check` and `mkdocs build --strict`, against the newest fixes. Each test failed on main
(208ca25) before its fix.

(list completed at the end of the round)
"""

from __future__ import annotations

import pytest
import yaml

from .sitekit import build, check, front_matter, write_site
from .test_redteam22 import _site

# A withheld investigation of two paragraphs (round 26a's), and the public page that republishes it.
_INVESTIGATION = ("经调查，仓库管理员李某某于三月五日擅自挪用救灾物资共计四十二箱，现已移交纪检部门处理。\n\n"
                  "调查组建议对仓库主任给予警告处分，并追回全部物资。\n")
_FIRST, _SECOND = (paragraph.strip() for paragraph in _INVESTIGATION.split("\n\n"))


def _withheld() -> str:
    return front_matter(_INVESTIGATION, title="关于仓库物资挪用的调查报告", type="notice", index_no="T001/2024-00011",
                        published="2024-03-06", disclosure="不予公开", reason="涉及个人隐私")


def _notice(body: str, **fields) -> str:
    return front_matter(body, **{"title": "关于仓库安全的通知", "type": "notice", "index_no": "T001/2024-00010",
                                 "published": "2024-03-06", **fields})


def _refused_by(run, where: str, code: str = "E500") -> None:
    assert run.returncode != 0, run.output
    assert any(line.startswith(where) and f" {code} " in line for line in run.coded_lines()), run.output


# The withheld body as a reader sees it on the public page, written with markup between its characters.
AS_THE_READER_SEES_IT = {
    "a link on a word": _INVESTIGATION.replace("仓库", "[仓库](https://www.gov.cn/)", 1),
    "a reference link": _INVESTIGATION.replace("仓库", "[仓库][法]", 1) + "\n[法]: https://www.gov.cn/\n",
    "a character reference": _INVESTIGATION.replace("经", "&#32463;", 1),
    "a tag around a word": _INVESTIGATION.replace("管理员", "<strong>管理员</strong>", 1),
}


@pytest.mark.parametrize("body", AS_THE_READER_SEES_IT.values(), ids=AS_THE_READER_SEES_IT.keys())
def test_a_withheld_body_republished_with_markup_in_it_is_refused(tmp_path, body):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/p.md": _notice(body)}))
    _refused_by(check(root), "content/notices/p.md:")


def test_a_withheld_body_republished_with_a_link_in_it_is_refused_by_the_build(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(),
                                       "notices/p.md": _notice(AS_THE_READER_SEES_IT["a link on a word"])}))
    _refused_by(build(root), "content/notices/p.md:")
    assert not (root / "site").exists()


def test_a_withheld_body_written_with_a_link_is_refused_republished_without_it(tmp_path):
    """The withheld side read as its reader sees it too: its link's address is no text to find on the public page."""
    withheld = _withheld().replace("仓库管理员", "[仓库](https://www.gov.cn/)管理员", 1)
    root = write_site(tmp_path, _site({"notices/w.md": withheld, "notices/p.md": _notice(_INVESTIGATION)}))
    _refused_by(check(root), "content/notices/p.md:")


_WHOLE = f"{_FIRST}{_SECOND}"
PRINTED_FRONT_MATTER = {
    "an attachment's title": {"attachments": [{"file": "files/a.txt", "title": _WHOLE}]},
    "topics": {"topics": [_FIRST, _SECOND]},
    "a correction's note": {"corrected": _WHOLE},
}


@pytest.mark.parametrize("fields", PRINTED_FRONT_MATTER.values(), ids=PRINTED_FRONT_MATTER.keys())
def test_a_withheld_body_in_a_printed_front_matter_field_is_refused(tmp_path, fields):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/files/a.txt": "附件。\n",
                                       "notices/p.md": _notice("现将有关情况通知如下，见[附件](files/a.txt)。\n", **fields)}))
    _refused_by(check(root), "content/notices/p.md:")


def test_a_withheld_body_in_a_section_pages_title_and_description_is_refused(tmp_path):
    index = front_matter("通知公告栏目。\n", title=_FIRST, description=_SECOND)
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/index.md": index}))
    _refused_by(check(root), "content/notices/index.md:")


def _with_settings(root, **settings) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(settings)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_withheld_body_in_mkdocs_yml_printed_values_is_refused(tmp_path):
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}))
    _with_settings(root, site_description=_FIRST, copyright=_SECOND)
    for run in (check(root), build(root)):
        _refused_by(run, "mkdocs.yml:")
    assert not (root / "site").exists()


def test_a_withheld_body_in_a_category_description_and_a_nav_title_is_refused(tmp_path):
    from .sitekit import MINI_CATALOGUE
    catalogue = {**MINI_CATALOGUE, "catalogue": [{**category, "description": _FIRST} if category["id"] == "notices" else
                                                 category for category in MINI_CATALOGUE["catalogue"]]}
    root = write_site(tmp_path, _site({"notices/w.md": _withheld()}), catalogue=catalogue)
    _with_settings(root, extra={"homepage_note": _SECOND})
    _refused_by(check(root), "catalogue.yaml:")


def test_a_public_version_that_deletes_the_withheld_sentences_stays(tmp_path):
    """Guard (passes on main too): a public page holding one withheld paragraph of two, with links and references."""
    body = f"现将有关情况通报如下，详见[通知](https://www.gov.cn/)。\n\n{_FIRST.replace('经', '&#32463;', 1)}\n"
    root = write_site(tmp_path, _site({"notices/w.md": _withheld(), "notices/p.md": _notice(body)}))
    _with_settings(root, copyright=_SECOND)
    assert check(root).returncode == 0, check(root).output
