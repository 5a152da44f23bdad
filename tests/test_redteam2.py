"""Second-round adversarial review: attacks the first round did not try (each test fails on main)."""

from __future__ import annotations

import pytest

from .sitekit import build, paired_policy, policy, write_site


def _site(tmp_path, line: str):
    body = f"第一条 为规范登记，制定本办法。\n\n{line}\n"
    return write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)})


def test_style_image_set_with_a_string_address_is_e404(tmp_path):
    # image-set() takes a plain string: no url( for _UNSAFE_STYLE or _STYLE_URL to see; the browser
    # loads the picture from the other host with the page.
    root = _site(tmp_path, "<span style=\"background-image:image-set('https://cdn.example.invalid/a.png' 1x)\">示例</span>")
    run = build(root)
    assert run.returncode != 0 and any(" E40" in coded for coded in run.coded_lines()), run.output


# What a sealed unit page may hold that the merge's page check (quick scan and full parse alike) lets
# through, though a browser loads from, or goes to, another host with it.
MERGE_MISSES = {
    "image-set string in a style attribute": '<p style="background:image-set(\'//evil.example.com/p.gif\' 1x)">x</p>',
    "-webkit-image-set in a style attribute": '<p style="background:-webkit-image-set(\'https://evil.example.com/p.gif\' 1x)">x</p>',
    "url( written with a CSS escape": '<p style="background:u\\72l(https://evil.example.com/p.gif)">x</p>',
    "image-set in a <style>": '<style>p{background:image-set("https://evil.example.com/p.gif" 1x)}</style>',
    "refresh after a blank, not a semicolon": '<meta http-equiv="refresh" content="0 url=https://evil.example.com/">',
    "refresh after a comma": '<meta http-equiv="refresh" content="0,url=https://evil.example.com/">',
    "preload of an image set": '<link rel="preload" as="image" imagesrcset="https://evil.example.com/p.gif 1x">',
    "button sending the form elsewhere": '<form><button formaction="https://evil.example.com/">提交</button></form>',
    "SVG script from another host (href)": '<svg><script href="https://evil.example.com/x.js"></script></svg>',
    "SVG script from another host (xlink:href)": '<svg><script xlink:href="https://evil.example.com/x.js"></script></svg>',
}


def test_the_merge_page_check_sees_every_way_a_page_loads_from_another_host():
    from disclosure.rules.rendered import page_findings
    page = '<!doctype html><html><head><link rel="stylesheet" href="../assets/x.css"><script src="../assets/a.js"></script>' \
        '</head><body><main><p>正文</p>{}</main></body></html>'
    missed = [name for name, snippet in MERGE_MISSES.items() if not page_findings(page.format(snippet))]
    assert not missed, missed


def test_text_hidden_by_a_style_is_text_the_page_lost(tmp_path):
    # style is an allowed attribute and only script-like styles are refused: display:none keeps the
    # word in the HTML (so E600 finds every character) while no reader sees it; the page says the opposite.
    root = _site(tmp_path, "第二条 本办法<span style=\"display:none\">不</span>适用于示例区。")
    run = build(root)
    assert run.returncode != 0, run.output


def assert_attachment_stops_the_check(attachments_checked, case: str) -> None:
    """The case's policy (attaching its file of ATTACHMENTS) in the one check of every case: refused (E400) or not
    passed unread (W400/W401), on the case's own lines."""
    assert "Traceback" not in attachments_checked.run.output, attachments_checked.run.output
    assert attachments_checked.codes(case, "policies/a.md") & {"E400", "W400", "W401"}, attachments_checked.run.output


@pytest.fixture(scope="module")
def attachments_checked(tmp_path_factory):
    """Each case's policy attaching its file (ATTACHMENTS: name and bytes), all in one site, checked once."""
    from .batchkit import cases_site
    return cases_site(tmp_path_factory.mktemp("attachments"), {
        case: {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件"}]),
               f"policies/files/{name}": data()} for case, (name, data) in ATTACHMENTS.items()}).checked()


def _sheet_showing_through_its_number_format() -> bytes:
    """The cell holds 1101017715; its number format 000000"19900307"0000 makes Excel, WPS and
    LibreOffice show 110101199003077715: the ID number is only on the screen, in no part's text."""
    import io

    import openpyxl
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"] = "姓名", "身份证号", "张三", 1101017715
    sheet["B2"].number_format = '000000"19900307"0000'
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_an_id_number_a_sheet_shows_through_its_number_format_is_refused(attachments_checked):
    assert_attachment_stops_the_check(attachments_checked, "number format")


def _word_with_a_symbol_digit() -> bytes:
    """One digit of the ID number is a Word symbol (插入→符号: <w:sym w:char="0037"/> in Times New Roman):
    Word and WPS show 110101199003077715; the text of every part has 11010119900307715."""
    import io

    from docx.oxml import parse_xml

    from .attachmentkit import new_word_document
    document = new_word_document()
    paragraph = document.add_paragraph("张三 身份证号 11010119900307")
    paragraph._p.append(parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                  '<w:sym w:font="Times New Roman" w:char="0037"/></w:r>'))
    paragraph.add_run("715")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_an_id_number_with_a_digit_written_as_a_word_symbol_is_refused(attachments_checked):
    assert_attachment_stops_the_check(attachments_checked, "word symbol")


def test_a_site_description_turning_its_meta_into_a_refresh_is_refused(tmp_path):
    # Material prints site_description into <meta name="description" content="…"> unescaped; this value
    # adds http-equiv="refresh" to that tag, and "0 url=…" (a blank, no semicolon) is a refresh Chromium
    # follows: every page sends its reader to another site. The frame check reads the target only after a ";".
    root = write_site(tmp_path, paired_policy(),
                      mkdocs_extra={"site_description": '0 url=https://evil.example.com/" http-equiv="refresh'})
    run = build(root)
    assert run.returncode != 0 and any(" E401 " in coded for coded in run.coded_lines()), run.output


def test_an_agency_name_closing_the_title_with_an_svg_script_is_refused(tmp_path):
    # site_name comes from catalogue.yaml and is printed raw into <title>: "</title>" ends it, and an SVG
    # <script href="https://…"> (no src, no text) is a script Chromium fetches from that host and runs on
    # every page; the frame check looks for a script only in src= or in the element's text.
    from .sitekit import MINI_CATALOGUE
    name = '测试县</title><svg><script href="https://evil.example.com/x.js"></script></svg><title>局'
    catalogue = {**MINI_CATALOGUE, "agency": {**MINI_CATALOGUE["agency"], "name": name}}
    root = write_site(tmp_path, paired_policy(), catalogue=catalogue)
    run = build(root)
    assert run.returncode != 0 and any(" E40" in coded for coded in run.coded_lines()), run.output


def test_unclosed_backtick_runs_beyond_what_markdown_renders_in_time_are_e109(tmp_path):
    # Runs of 1, 2, 3 … 799 backticks, none closed: Python-Markdown's code-span pattern looks for each
    # run's closer to the end of the paragraph (about 8 s of CPU for these 321 KB, cubic in the runs;
    # 2 MB take minutes). E109 counts only "[", "](" and "<".
    from .sitekit import check
    line = " ".join("`" * length + "甲" for length in range(1, 800))
    run = check(_site(tmp_path, line))
    assert " E109 " in run.output, run.output[-500:]


def _sheet_computing_by_a_formula() -> bytes:
    # Saved without a cached result (as openpyxl and many report generators save), the cell's formula is
    # computed by Excel or WPS on opening and shows 110101199003077715; calamine gives no value and the
    # formula's text holds the number in three pieces.
    from .attachmentkit import xlsx
    return xlsx({"A2": "张三", "B2": '="110101"&"19900307"&"7715"'})


def test_an_id_number_a_sheet_computes_by_a_formula_is_refused(attachments_checked):
    assert_attachment_stops_the_check(attachments_checked, "formula")


# The attachments the check must stop at, each attached to its own policy of one site: its name and its bytes.
ATTACHMENTS = {"number format": ("名单.xlsx", _sheet_showing_through_its_number_format),
               "word symbol": ("说明.docx", _word_with_a_symbol_digit),
               "formula": ("名单.xlsx", _sheet_computing_by_a_formula)}


def test_a_script_after_a_fence_line_is_refused_by_the_check_as_by_the_build(tmp_path):
    """A fence never closed is not code to Markdown: what follows it renders, and the check read it as code."""
    from .sitekit import check
    root = _site(tmp_path, "```\n<script src=\"https://evil.example.com/x.js\"></script>")
    run = check(root)
    assert run.returncode != 0 and any(" E401 " in coded for coded in run.coded_lines()), run.output


SCRIPT = "<script src=\"https://evil.example.com/x.js\"></script>"
# Blocks the check took for closed fences (a fence line indented up to three spaces, closed by a fence at
# least as long): Python-Markdown's fenced_code, which every MkDocs site has (a builtin of
# markdown_extensions no mkdocs.yml removes), finds none of them, so their lines render as text and HTML.
NOT_FENCES = {"indented": f"  ```\n{SCRIPT}\n  ```", "closed by a longer fence": f"```\n{SCRIPT}\n````",
              "more than a language": f"``` js 示例\n{SCRIPT}\n```"}


@pytest.fixture(scope="module")
def not_fences(tmp_path_factory):
    """Every block of NOT_FENCES in one site (each in its own policies/a.md), checked once and built once."""
    from .batchkit import cases_site, checked_and_built
    return checked_and_built(cases_site(tmp_path_factory.mktemp("not-fences"), {
        case: {**paired_policy(), "policies/a.md": policy(body=f"第一条 为规范登记，制定本办法。\n\n{block}\n")}
        for case, block in NOT_FENCES.items()}))


@pytest.mark.parametrize("case", NOT_FENCES)
def test_a_script_inside_what_only_looks_like_a_closed_fence_is_refused_by_the_check_as_by_the_build(not_fences, case):
    """Was a strict xfail asking for the check to refuse a script in a closed ``` block "of a site without
    fenced_code": no MkDocs (or ProperDocs) site is without it, the build shows such a block as code and
    refuses nothing. What the check got wrong was which blocks the fence readers find: not these."""
    for cases in not_fences:
        run = cases.run
        assert run.returncode != 0 and "Traceback" not in run.output, run.output
        assert "E401" in cases.codes(case, "policies/a.md"), run.output


def test_a_script_inside_a_fence_superfences_abandons_is_refused_by_the_check_as_by_the_build(tmp_path):
    """pymdownx.superfences (allowed) drops a fence whose options it rejects: its lines render as HTML."""
    from .sitekit import check
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(
        body=f"第一条 为规范登记，制定本办法。\n\n```html hl_lines=\"x\"\n{SCRIPT}\n```\n")},
        mkdocs_extra={"markdown_extensions": ["pymdownx.superfences"]})
    for run in (check(root), build(root)):
        assert run.returncode != 0 and any(" E401 " in coded for coded in run.coded_lines()), run.output


def test_a_script_shown_in_a_closed_fence_is_code_to_the_check_as_to_the_build(tmp_path):
    from .sitekit import check
    root = _site(tmp_path, f"```html\n{SCRIPT}\n```")
    for run in (check(root), build(root)):
        assert " E401 " not in run.output, run.output
