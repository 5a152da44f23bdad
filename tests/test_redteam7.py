"""Round seven of the adversarial review (issue 24): the fixes that landed on 2026-12-06, attacked as a
hostile or careless editor and a compromised department CI job would. Each test goes through the real
path (`disclosure merge` on a merged copy of the toy platform, `disclosure import`, `disclosure check`).

Merge: a withheld (不予公开) body's text in a unit's output (text/runs.py) —
- fixed: Hangul fillers (letters to Unicode, drawn as nothing) between its characters broke every run;
- fixed: pieces of it in <img alt> or <input value> between pieces of text (a browser shows them in
  place; the text and the attribute values were compared apart);
- fixed: written reversed inside a right-to-left override (U+202E): a browser shows it in reading order;
- fixed: a page in UTF-16 with its byte-order mark (every browser shows it; the merge read it as UTF-8,
  so neither the look for withheld text nor the personal-data and script checks saw anything), and a page
  declaring another encoding (ISO-2022-JP is all ASCII: valid UTF-8, shown as other characters);
- fixed: in a unit's attachment (.docx): attachments were not looked at for withheld text at all;
- fixed: a withheld attachment re-saved (its text the same, its bytes not): only the digest was compared;
  now its text is a passage too;
- fixed: a .xlsx.gz (any .gz but of a page, feed, data or text file, which is all a build gzips): its
  inside was never read, so an ID number in it was published;
- fixed: the boilerplate exception made to search the public text once per 11 characters of a page: a page
  of boilerplate repeated (1.2 MB against 2 MB of public text took 6.3 s CPU, a 64 MB one hours) or made
  of distinct pieces of it. A run is now grown once per alignment, each stretch asked once per merge, and
  at most 1,000 stretches are asked about (past them a run is refused);
- fixed: text a browser does not render (a <span hidden>, <template>, <rp>, a closed <dialog>) between its
  pieces broke the run; the page is now also read as a browser renders it (html5ever through nh3);
- fixed: the body spelled by a published file's name (its address was not compared);
- held: the body in a <style> rule's content (the merge refuses <style> in a sealed page).
Import: what a saved page's style hides (importer/htmlpage.py) —
- fixed: a sheet brought in by @import (in <style> or in a linked sheet; now followed relative to its
  sheet, inside the imported folder, counted with the 20 linked sheets);
- fixed: a class written in another case on a page without the standards doctype (quirks mode: browsers
  match class and id names in any case; the doctype was also read after the comment sweep had removed it);
- fixed: rules that hide other than by display/visibility/zero font/opacity: a font under 8 px, scale(0),
  clip/clip-path, transparent or zero-alpha colour, a box of no height that clips, text-indent/left
  -9999px; a centring margin-left:-480px and a slight scale or grey stay (tested);
- held: more than 20 linked sheets, a sheet over 2 MB (not imported), a sheet outside the folder (not read).
Attachments (check): formulas and fields whose value is joined from elsewhere —
- held: TEXTJOIN over another sheet's range, a Word = field nested in a field, a field's instruction
  split over runs, an IF field holding the number;
- fixed (after the round): defined names pointing at other sheets' cells, 3-D references (甲:乙!A1),
  INDIRECT, OFFSET, a whole-column reference into another sheet: a joining formula naming anything the
  reader does not work out (another function, a name that is not a constant, whole rows or columns, a
  range past 256 cells, another workbook) is a W400 naming the cell; Word SET/REF of a SET bookmark,
  QUOTE and = fields are worked out, and the paragraph is read as it shows once its fields are updated.
Open, not fixed: the in-place reading of attribute values takes alt/title/value/…; a CSS `content: attr(x)`
needs <style>, refused. A page in an HTML 4.01 Transitional doctype without a system id is quirks mode
too; the importer takes any `<!DOCTYPE html…` for standards mode.
Not tried: the check's fenced-code rule (the build behind it refuses what the check misses), a stop signal
in native callbacks other than nh3's; and (another helper's round) Office/PDF hidden parts, manifest names
by normalisation, duplicate JSON keys, printed values of mkdocs.yml and front matter.
"""

from __future__ import annotations

import gzip

import pytest

from disclosure.platform.unit_manifest import seal_unit_manifest
from disclosure.text.runs import MAX_ALLOWED

from .attachmentkit import sheet_with, word, xlsx
from .batchkit import Cases, MergedCases, cases_site, imported_cases, merged_cases, page_of_case
from .sitekit import check, paired_policy, policy, write_site
from .test_privacy_every_part import ID_MASKED, MOBILE_MASKED, _attached, _body
from .test_merge_verifies import built, built_from_content, disclosure, platform, refused  # noqa: F401  (the fixtures)
from .test_redteam4 import SECRET, UNIT_PAGE, _sealed, _withheld_body

FILLER = "\u3164"
ID = "110101199003077715"
SECRET_FILE = "content/jyj/fees/secret.md"


def _pieces(text: str, size: int) -> list[str]:
    return [text[at:at + size] for at in range(0, len(text), size)]


def _between(tag: str) -> str:
    """SECRET in pieces of six characters, every second one inside `tag` (formatted with it)."""
    pieces = _pieces(SECRET, 6)
    return "".join(piece if number % 2 == 0 else tag.format(piece) for number, piece in enumerate(pieces))


SHOWN_WHOLE = {
    "hangul fillers between": "<p>" + FILLER.join(_pieces(SECRET, 6)) + "</p>",
    "img alt between": "<p>" + _between('<img src="无.png" alt="{}">') + "</p>",
    "input value between": "<p>" + _between('<input value="{}" readonly>') + "</p>",
    "right-to-left override": "<p>\u202e" + SECRET[::-1] + "\u202c</p>",
    "hidden span between": "<p>" + _between("<span hidden>甲乙丙</span>{}") + "</p>",
    "template between": "<p>" + _between("<template>甲乙丙</template>{}") + "</p>",
    "rp between": "<p>" + _between("<ruby>{}<rp>甲乙丙</rp></ruby>") + "</p>",
    "style content": '<style>main::after{{content:"' + SECRET + '"}}</style>'.replace("{{", "{").replace("}}", "}"),
}
IN_UTF16 = {"withheld text": f"<p>{SECRET}</p>", "a script": "<script>alert(1)</script>", "an ID number": f"<p>身份证号 {ID}</p>"}
ISO_2022_JP = "\x1b$B%F%9%H\x1b(B"   # ISO-2022-JP for テスト: ASCII bytes only, valid UTF-8
SEALED_ATTACHMENT = "jyj/fees/fees/说明.docx"
GZIPPED = "jyj/fees/fees/名单.xlsx.gz"
SPELLED_BY_NAME = f"jyj/fees/fees/{SECRET.replace('，', '').replace('。', '')}.txt"


def _attacks(platform) -> dict[str, str]:
    """Every attack of the tests below on the one platform, each in a file of its own (a page's in its own copy of
    the unit's page, batchkit.py), the unit sealed once: each case's file in the unit's output by the case."""
    _withheld_body(platform)
    output = platform / "build/units/jyj"
    pages: dict[str, str] = {}

    def page(case: str, text_of) -> None:
        pages[case] = page_of_case(output, UNIT_PAGE, len(pages) + 1)
        file = output / pages[case]
        file.write_bytes(text_of(file.read_text(encoding="utf-8")))
    for case, new in SHOWN_WHOLE.items():
        page(f"shown whole {case}", lambda text, new=new: text.replace("</main>", new + "</main>", 1).encode())
    for case, extra in IN_UTF16.items():
        page(f"utf-16 {case}", lambda text, extra=extra: text.replace("</main>", extra + "</main>", 1).encode("utf-16"))
    page("another encoding", lambda text: text.replace("<head>", '<head><meta charset="iso-2022-jp">', 1).replace(
        "</main>", f"<p>{ISO_2022_JP}</p></main>", 1).encode())
    (output / SEALED_ATTACHMENT).write_bytes(word(["说明", f"另外，{SECRET}"]))
    (output / GZIPPED).write_bytes(gzip.compress(xlsx({"A1": "身份证号", "A2": ID})))
    (output / SPELLED_BY_NAME).write_text("见附件。\n", encoding="utf-8")
    seal_unit_manifest(output, "jyj")   # the compromised job seals what it wrote
    return pages | {"sealed attachment": SEALED_ATTACHMENT, "gzipped": GZIPPED, "spelled by name": SPELLED_BY_NAME}


@pytest.fixture(scope="module")
def attacked(merged_platform, tmp_path_factory) -> tuple[MergedCases, dict[str, str]]:
    files: dict[str, str] = {}
    merged = merged_cases(merged_platform, tmp_path_factory.mktemp("attacked") / "platform",
                          lambda platform: files.update(_attacks(platform)))
    return merged, files


def _refused_case(attacked, case: str, *expected: str) -> None:
    """The case's own file refused (E700), its line holding `expected` (test_merge_verifies's `refused`, per case)."""
    merged, files = attacked
    lines = merged.refused_lines(f"jyj/{files[case]}")
    assert lines and all(any(text in line for line in lines) for text in expected), merged.run.output


@pytest.mark.parametrize("case", SHOWN_WHOLE)
def test_a_withheld_body_a_browser_shows_whole_is_refused(attacked, case):
    _refused_case(attacked, f"shown whole {case}")


@pytest.mark.parametrize("case", IN_UTF16)
def test_a_sealed_page_in_utf16_is_refused(attacked, case):
    _refused_case(attacked, f"utf-16 {case}", "不是 UTF-8 编码")


def test_a_sealed_page_declaring_another_encoding_is_refused(attacked):
    _refused_case(attacked, "another encoding", "UTF-8 以外的编码")


def test_a_withheld_body_in_a_sealed_attachment_is_refused(attacked):
    _refused_case(attacked, "sealed attachment", SECRET_FILE)


def test_a_withheld_attachment_saved_again_is_refused(platform):
    """Its digest no longer matches; its text does."""
    from .test_redteam3 import _withheld_in_content
    _withheld_in_content(platform)
    (platform / "content/jyj/fees/files/测算.docx").write_bytes(word(["测算", SECRET]))
    secret = platform / SECRET_FILE
    secret.write_text(secret.read_text(encoding="utf-8").replace("files/测算.pdf", "files/测算.docx"), encoding="utf-8")
    name = "jyj/fees/fees/说明.docx"
    (platform / "build/units/jyj" / name).write_bytes(word(["测算表（修订）", SECRET]))
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    refused(platform, f"build/units/jyj/{name}:1: E700 ", "content/jyj/fees/files/测算.docx")


def test_a_gzipped_attachment_is_refused(attacked):
    _refused_case(attacked, "gzipped", ".xlsx.gz")


# A paragraph both a withheld body and a public document hold (boilerplate), long enough for thousands of
# distinct stretches of 20 characters or more.
BOILERPLATE = ("本机关依据有关规定对申请事项进行了审查核实并征求了相关部门的意见现将办理情况说明如下申请人如对本答复不服"
               "可以自收到本答复之日起六十日内向上一级行政机关申请行政复议或者在六个月内向人民法院提起行政诉讼")


def _boilerplate_platform(platform) -> None:
    _withheld_body(platform, f"{BOILERPLATE}\n\n{SECRET}")
    public = platform / "content/jyj/guide/guide.md"
    public.write_text(public.read_text(encoding="utf-8") + f"\n{BOILERPLATE}\n", encoding="utf-8")
    built_from_content(platform, "jyj")   # its job built from this content/


def test_a_page_of_boilerplate_repeated_is_merged(platform):
    _boilerplate_platform(platform)
    _sealed(platform, UNIT_PAGE, "</main>", f"<p>{BOILERPLATE}</p>" * 300 + "</main>")
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_page_of_boilerplate_cut_into_thousands_of_pieces_is_refused(platform):
    """Each distinct stretch was a search of the whole public text: such a page held the merge for hours."""
    _boilerplate_platform(platform)
    pieces = [BOILERPLATE[start:start + length] for length in range(20, 60) for start in range(len(BOILERPLATE) - length)]
    assert len(pieces) > MAX_ALLOWED
    _sealed(platform, UNIT_PAGE, "</main>", "<p>" + "x".join(pieces) + "</p></main>")
    refused(platform, f"build/units/jyj/{UNIT_PAGE}:1: E700 ", SECRET_FILE)


# --- Attachments: a number joined from elsewhere by a formula or a field (the check) ----------------------

def _two_sheets(workbook) -> None:
    workbook.create_sheet("甲")["A1"] = "110101"
    workbook.create_sheet("乙")["A1"] = "199003077715"


def _column_sheet(workbook) -> None:
    workbook.create_sheet("甲")["A1"] = "110101"
    workbook["甲"]["A2"] = "199003077715"


def _names(workbook) -> None:
    from openpyxl.workbook.defined_name import DefinedName
    _two_sheets(workbook)
    workbook.defined_names["前"] = DefinedName("前", attr_text="甲!$A$1")
    workbook.defined_names["后"] = DefinedName("后", attr_text="乙!$A$1")
    workbook.active["B2"] = "=前&后"


def _field(instruction: str) -> str:
    """A complex Word field, its instruction split over runs at |, its saved result 0."""
    runs = "".join(f'<w:r><w:instrText xml:space="preserve">{part}</w:instrText></w:r>' for part in instruction.split("|"))
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>0</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _nested_field() -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">= </w:instrText></w:r>'
            + _field("= 13800138") + '<w:r><w:instrText xml:space="preserve"> * 1000 </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>0</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


HELD = {
    "TEXTJOIN over another sheet's range": ("a.xlsx", sheet_with(lambda wb: (_column_sheet(wb), wb.active.__setitem__(
        "B2", '=TEXTJOIN("",TRUE,甲!A1:A2)'))), ID_MASKED),
    "Word = field nested in a field": ("a.docx", _body(_nested_field()), MOBILE_MASKED),
    "Word = field split over runs": ("a.docx", _body(_field("= 1380|0138 * 1000")), MOBILE_MASKED),
    "Word IF field holding the number": ("a.docx", _body(_field(' IF 1 = 1 "13800138000" "否" ')), MOBILE_MASKED),
}
WORKED_OUT_OR_WARNED = {
    "defined names of other sheets' cells": ("a.xlsx", sheet_with(_names), ID_MASKED),
    "3-D reference": ("a.xlsx", sheet_with(lambda wb: (_two_sheets(wb), wb.active.__setitem__("B2", "=CONCAT(甲:乙!A1)"))), ID_MASKED),
    "INDIRECT": ("a.xlsx", sheet_with(lambda wb: (_two_sheets(wb), wb.active.__setitem__(
        "B2", '=INDIRECT("甲!A1")&INDIRECT("乙!A1")'))), ID_MASKED),
    "OFFSET": ("a.xlsx", sheet_with(lambda wb: (_two_sheets(wb), wb.active.__setitem__(
        "B2", "=OFFSET(甲!A1,0,0)&OFFSET(乙!A1,0,0)"))), ID_MASKED),
    "whole column of another sheet": ("a.xlsx", sheet_with(lambda wb: (_column_sheet(wb), wb.active.__setitem__(
        "B2", "=CONCAT(甲!A:A)"))), ID_MASKED),
    "Word SET and REF of a bookmark": ("a.docx", _body(_field(" SET 甲 1380013 ") + _field(" REF 甲 ") + "<w:r><w:t>8000</w:t></w:r>"),
                                       MOBILE_MASKED),
    "Word QUOTE joining pieces": ("a.docx", _body(_field(' QUOTE "138" "0013" "8000" ')), MOBILE_MASKED),
}


@pytest.fixture(scope="module")
def joined(tmp_path_factory) -> Cases:
    """Every case of the two tests below in one site, checked once (batchkit.py)."""
    return cases_site(tmp_path_factory.mktemp("joined"), {case: _attached(name, data) for case, (name, data, _)
                                                           in {**HELD, **WORKED_OUT_OR_WARNED}.items()}).checked()


def _lines_of_case(cases: Cases, case: str) -> list[str]:
    """The case's coded lines: its document's and its attachment's."""
    name = {**HELD, **WORKED_OUT_OR_WARNED}[case][0]
    assert "Traceback" not in cases.run.output, cases.run.output
    return cases.lines(case, "policies/a.md") + cases.lines(case, f"policies/files/{name}")


@pytest.mark.parametrize("case", HELD)
def test_a_number_joined_by_a_formula_or_field_the_check_computes_is_refused(joined, case):
    masked = HELD[case][2]
    assert any(" E400 " in line and masked in line for line in _lines_of_case(joined, case)), joined.run.output


@pytest.mark.parametrize("case", WORKED_OUT_OR_WARNED)
def test_a_number_joined_by_a_formula_or_field_the_check_does_not_compute_is_refused(joined, case):
    masked = WORKED_OUT_OR_WARNED[case][2]
    assert any(" E400 " in line and masked in line or " W400 " in line for line in _lines_of_case(joined, case)), joined.run.output


def test_everyday_formulas_and_fields_are_neither_warned_nor_refused(tmp_path):
    """Sums over another sheet's column, joins of cells, TEXT and PAGE fields: worked out or no join at all. (A join
    over B1, a sum this program-written file holds without its result, is a warning since round twelve: Excel and
    WPS save every result; a join over B2, a join of known cells, is worked out.)"""
    def sheet(workbook) -> None:
        _column_sheet(workbook)
        for cell, formula in {"B1": "=SUM(甲!A:A)", "B2": '=A1&"年"&A2', "B3": '=TEXT(A1,"0")&"元"',
                              "B4": "=CONCAT(A1:A2,B2)", "B5": '=TEXTJOIN("、",TRUE,A1:A3)'}.items():
            workbook.active[cell] = formula
    files = {**paired_policy(), "policies/a.md": policy(attachments=[{"file": "files/a.xlsx", "title": "表"},
                                                                     {"file": "files/b.docx", "title": "说明"}]),
             "policies/files/a.xlsx": sheet_with(sheet),
             "policies/files/b.docx": _body(_field(" PAGE ") + _field(" REF _Ref1 \\h "))}
    run = check(write_site(tmp_path, files))
    assert run.returncode == 0 and run.coded_lines() == [], run.output


# --- Import: what a saved page's style hides ----------------------------------------------------------

HIDING_STYLES = {
    "a sheet brought in by @import": ("@import url(p_files/h.css);", ".bz{display:none}"),
    "a class written in another case (quirks mode)": (".BZ{display:none}", None),
    "scaled to nothing": (".bz{transform:scale(0)}", None),
    "a box of no height that clips": (".bz{height:0;overflow:hidden}", None),
    "transparent text": (".bz{color:transparent}", None),
    "indented off the page": (".bz{text-indent:-9999px;overflow:hidden}", None),
    "placed off the page": (".bz{position:absolute;left:-9999px}", None),
    "clipped away": (".bz{clip-path:inset(50%)}", None),
    "a one-pixel font": (".bz{font-size:1px}", None),
}


@pytest.mark.parametrize("case", HIDING_STYLES)
def test_text_a_saved_pages_style_hides_is_not_imported(saved_pages, case):
    """Each was imported as body text: only display/visibility and a zero font or opacity were read as hiding,
    @import was not followed, and a page without a doctype (quirks mode: class names in any case) was matched
    case by case. (As test_redteam4's `assert_hidden_text_not_imported`.)"""
    front, body = saved_pages[case]
    assert "逐项整改" in body and "罚款三十万元" not in body and "罚款三十万元" not in str(front), body


def test_a_page_with_the_standards_doctype_matches_class_names_by_case(saved_pages):
    """No quirks: `.BZ` selects nothing of class "bz", and the paragraph is imported."""
    _, body = saved_pages["the standards doctype"]
    assert "灭火器过期未及时更换" in body, body


def test_a_withheld_body_spelled_by_a_files_name_is_refused(attacked):
    """The address is published as well as the file: a download named with the withheld sentence shows it."""
    _refused_case(attacked, "spelled by name", SECRET_FILE)


LAYOUT_RULES = {"a centring margin": ".article{position:relative;left:50%;margin-left:-480px;width:960px}",
                "a slight scale, a grey, a clipped line": ".bz{transform:scale(0.9);color:rgba(0,0,0,0.6);height:20px;overflow:hidden}"}


@pytest.mark.parametrize("case", LAYOUT_RULES)
def test_layout_rules_that_hide_nothing_keep_the_text(saved_pages, case):
    _, body = saved_pages[case]
    assert "逐项整改" in body and "灭火器过期未及时更换" in body, body


@pytest.fixture(scope="module")
def saved_pages(tmp_path_factory) -> dict[str, tuple[dict, str]]:
    """Every saved page above (a hiding style's, the standards doctype's, a layout rule's) imported in one run,
    each from a folder of its own (batchkit.py): the front matter and body written for each."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body
    from .test_redteam4 import SAVED
    note, kept = '<p class="bz">审核意见：拟对该仓库罚款三十万元</p>', '<p class="bz">三是灭火器过期未及时更换。</p>'
    pages = {case: {"p.html": SAVED.format(hidden=note).replace("<title>", f"<style>{style}</style><title>", 1),
                    **({"p_files/h.css": imported} if imported else {})} for case, (style, imported) in HIDING_STYLES.items()}
    pages["the standards doctype"] = {"p.html": "<!DOCTYPE html>" + SAVED.format(hidden=kept).replace(
        "<title>", "<style>.BZ{display:none}</style><title>", 1)}
    pages |= {case: {"p.html": SAVED.format(hidden=kept).replace("<title>", f"<style>{style}</style><title>", 1)}
              for case, style in LAYOUT_RULES.items()}
    folder = tmp_path_factory.mktemp("saved")
    root = write_site(folder / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    done, report = imported_cases(root, folder / "old", pages, "--type", "notice")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return {case: front_and_body(root / page["target"]) for case, page in report.items()}
