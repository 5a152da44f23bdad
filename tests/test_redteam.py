"""A hostile or careless editor against the gate: personal data and script written in ways the
source checks did not foresee. Each attack is a real MkDocs build of a small site; the build must
stop with the code named, and no byte of the datum or script may reach site/ (leak scan decodes
gzip, JSON escapes, entities and URL-encoding)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .attachmentkit import word, xlsx
from .batchkit import Cases, attaching_each, cases_site
from .leakkit import leaks
from .sitekit import MINI_CATALOGUE, build, front_matter, paired_policy, policy, write_site

MOBILE = "13800138000"
ID = "110101199003077715"


@dataclass
class Attack:
    files: dict[str, str | bytes]
    code: str                      # the code the build must stop with
    secret: str                    # what must not reach site/
    catalogue: dict | None = None


def _catalogue(**agency) -> dict:
    return {**MINI_CATALOGUE, "agency": {**MINI_CATALOGUE["agency"], **agency}}


def _body(text: str) -> dict[str, str]:
    return {**paired_policy(), "policies/a.md": policy(body=text)}


ATTACKS = {
    # A reader sees the digits of link texts joined: 138 + 0013 + 8000.
    "mobile split by links": Attack(_body(f"咨询电话[138](https://www.example.gov.cn/)0013[8000](https://www.example.gov.cn/)。\n"),
                                    "E400", MOBILE),
    "mobile split by reference links": Attack(_body("咨询电话[138][r]0013[8000][r]。\n\n[r]: https://www.example.gov.cn/\n"),
                                              "E400", MOBILE),
    "ID split by a link in a heading (toc, id)": Attack(_body("## 证件号 110101[19900307](https://www.example.gov.cn/)7715\n\n正文。\n"),
                                                      "E400", ID),
    "tab between groups": Attack(_body("联系人手机 138\t0013\t8000。\n"), "E400", "138 0013 8000"),
    "combining mark on a digit": Attack(_body("联系人手机 1\u03013800138000。\n"), "E400", "3800138000"),
    "superscript digits": Attack(_body("联系人手机 ¹³⁸⁰⁰¹³⁸⁰⁰⁰。\n"), "E400", "¹³⁸⁰⁰¹³⁸⁰⁰⁰"),
    "ID in groups of four": Attack(_body("证件号 1101 0119 9003 0777 15。\n"), "E400", "1101 0119 9003 0777 15"),
    "agency phone is a mobile": Attack(paired_policy(), "E400", MOBILE, _catalogue(phone=MOBILE)),
    "agency address holds an ID": Attack(paired_policy(), "E400", ID, _catalogue(address=f"某路1号（联系人{ID}）")),
    "category name holds a mobile": Attack(paired_policy(), "E400", MOBILE, {
        **MINI_CATALOGUE, "catalogue": [{**MINI_CATALOGUE["catalogue"][0], "name": f"政策文件（咨询{MOBILE}）"},
                                        *MINI_CATALOGUE["catalogue"][1:]]}),
}


# The attacks in a page's body, which share one site (each its own policies/a.md): the source's check finds some, the
# rendered page's check the others — and the build stops at the source's findings before it renders a page, so each
# kind has a site of its own.
SEEN_IN_THE_SOURCE = {"tab between groups", "combining mark on a digit", "superscript digits", "ID in groups of four"}
IN_A_BODY = [name for name, attack in ATTACKS.items() if attack.catalogue is None]


@pytest.fixture(scope="module")
def body_attacks(tmp_path_factory) -> dict[bool, Cases]:
    return {in_source: cases_site(tmp_path_factory.mktemp("attacks"), {
        name: ATTACKS[name].files for name in IN_A_BODY if (name in SEEN_IN_THE_SOURCE) == in_source}).built()
        for in_source in (True, False)}


@pytest.mark.parametrize("name", IN_A_BODY)
def test_an_attack_stops_the_build_and_leaves_nothing(body_attacks, name):
    attack = ATTACKS[name]
    built = body_attacks[name in SEEN_IN_THE_SOURCE]
    assert built.run.returncode != 0 and "Traceback" not in built.run.output, built.run.output
    assert attack.code in built.codes(name, "policies/a.md"), built.run.output
    assert not published(built.root / "site", attack.secret)


@pytest.mark.parametrize("name", [name for name in ATTACKS if name not in IN_A_BODY])
def test_an_attack_in_the_catalogue_stops_the_build_and_leaves_nothing(tmp_path, name):
    """Attacks in catalogue.yaml, one site each (the catalogue is the site's)."""
    attack = ATTACKS[name]
    root = write_site(tmp_path, attack.files, catalogue=attack.catalogue)
    run = build(root)
    assert run.returncode != 0 and any(f": {attack.code} " in line for line in run.coded_lines()), run.output
    assert not published(root / "site", attack.secret)


def published(site: Path, secret: str) -> list:
    """Where `secret` reaches `site`: encoded any way (leak scan), or as a reader of a page sees its
    text once tags are gone (138<a>0013</a>8000) and white space collapsed."""
    if not site.exists():
        return []
    found = leaks(site, [secret])
    for page in site.rglob("*.html"):
        text = html.unescape(re.sub(r"<[^>]*>", "", page.read_text(encoding="utf-8")))
        if secret in re.sub(r"\s+", " ", text):  # a browser shows a run of white space as one space
            found.append((page.name, secret))
    return found


def test_a_split_number_is_reported_on_the_line_that_writes_it(tmp_path):
    body = "第一条 说明。\n\n咨询电话[138](https://www.example.gov.cn/)0013[8000](https://www.example.gov.cn/)。\n"
    root = write_site(tmp_path, _body(body))
    text = (root / "content/policies/a.md").read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), start=1) if "咨询电话" in t)
    run = build(root)
    assert any(report.startswith(f"content/policies/a.md:{line}: E400 ") and "138****8000" in report
               for report in run.coded_lines()), run.output


def test_an_allowed_number_may_be_written_in_pieces(tmp_path):
    """allow_personal_info holds on the rendered page too: a hotline the office decided to publish."""
    doc = policy(body="值班手机[138](https://www.example.gov.cn/)0013[8000](https://www.example.gov.cn/)。\n",
                 allow_personal_info=[{"value": MOBILE, "reason": "值班手机，依职责公开"}])
    run = build(write_site(tmp_path, {**paired_policy(), "policies/a.md": doc}))
    assert run.returncode == 0, run.output


def test_numbers_in_separate_table_cells_are_separate_numbers(tmp_path):
    """A reader reads a table cell by cell: 138 | 0013 | 8000 are three figures, not a phone (decided)."""
    body = "| 批次 | 户数 | 金额 |\n|---|---|---|\n| 138 | 0013 | 8000 |\n"
    run = build(write_site(tmp_path, _body(body)))
    assert run.returncode == 0, run.output


def _tracked_deletion(text: str) -> bytes:
    """A .docx whose first paragraph had `text` deleted with 修订 (track changes) on: Word keeps it in
    the file as w:delText, and anyone who turns on 显示修订 reads it."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document(io.BytesIO(word(["联系人：张三"])))
    document.paragraphs[0]._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="editor" w:date="2024-01-01T00:00:00Z">'
        f"<w:r><w:delText>{text}</w:delText></w:r></w:del>"))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _commented_sheet(comment: str, sheet: str = "名单") -> bytes:
    """A workbook with a cell comment (批注): Excel shows it on hover; the cells hold nothing personal."""
    import io

    import openpyxl
    from openpyxl.comments import Comment
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx({"A1": "姓名", "B1": "备注"}, sheet=sheet)))
    workbook.active["B1"].comment = Comment(comment, "审核人")
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


HIDDEN_IN_ATTACHMENTS = {
    "docx tracked deletion": ("名单.docx", _tracked_deletion(f"手机{MOBILE}")),
    "xlsx cell comment": ("名单.xlsx", _commented_sheet(f"联系电话 {MOBILE}")),
    "xlsx sheet name": ("名单.xlsx", xlsx({"A1": "姓名"}, sheet=f"张三{MOBILE}")),
}


@pytest.fixture(scope="module")
def hidden_in_attachments(tmp_path_factory) -> Cases:
    """Every attachment case in one site, each attached to its own policies/a.md."""
    return cases_site(tmp_path_factory.mktemp("attachments"), attaching_each(HIDDEN_IN_ATTACHMENTS, "名单")).built()


@pytest.mark.parametrize("case", HIDDEN_IN_ATTACHMENTS)
def test_personal_data_hidden_inside_an_attachment_is_found(hidden_in_attachments, case):
    name, _ = HIDDEN_IN_ATTACHMENTS[case]
    run = hidden_in_attachments.run
    assert run.returncode != 0 and "Traceback" not in run.output, run.output
    assert any(f"附件“{name}”" in line and "138****8000" in line and ": E400 " in line
               for line in hidden_in_attachments.lines(case, "policies/a.md")), run.output
