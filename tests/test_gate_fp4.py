r"""Round four of the false-positive review of the gate (issue 24): ordinary official content of a real agency
against the refusals, each through the real path (`disclosure build --unit`, `disclosure check`, `mkdocs build
--strict`). Each test failed on the commit before its fix; the hostile cases beside each stay refused.
"""

from __future__ import annotations

from pathlib import Path

from disclosure.platform.unit_manifest import seal_unit_manifest

from .sitekit import check, paired_policy, policy, write_site
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)
from .test_platform_core import write

# A 行政许可 results table as a county's bureau publishes it each month, and the same rows in another unit's
# withheld 审批 working table (the reviewers' notes beside them).
ROWS = [("1", "测试县甲乙食品有限公司", "食品经营许可", "准予许可", "JY13301020001234", "2025年3月3日"),
        ("2", "测试县丙丁餐饮管理有限公司", "食品经营许可", "准予许可", "JY13301020001235", "2025年3月5日"),
        ("3", "测试县戊己农产品专业合作社", "食品经营许可变更", "准予变更", "JY13301020001236", "2025年3月9日")]
HEADER = ("序号", "申请人", "许可事项", "许可决定", "许可证编号", "决定日期")


def _listing() -> bytes:
    return "\n".join(",".join(row) for row in (HEADER, *ROWS)).encode("utf-8") + b"\n"


def _public_listing_and_withheld_table(root: Path) -> None:
    """nanqu publishes its listing as a public document's attachment; jyj withholds its working table."""
    write(root, "nanqu/guide/xzxk.md", "title: 2025年3月行政许可决定公示\ntype: guide\nindex_no: NQ/2025-00031\n"
          "published: 2025-04-01\nattachments:\n- file: files/行政许可决定公示表.csv\n  title: 行政许可决定公示表\n",
          "现将2025年3月作出的行政许可决定公示如下，详见附件。\n")
    (root / "content/nanqu/guide/files").mkdir(parents=True, exist_ok=True)
    (root / "content/nanqu/guide/files/行政许可决定公示表.csv").write_bytes(_listing())
    table = "\n".join("| " + " | ".join(row) + " | 审核人：内部 |" for row in ROWS)
    write(root, "jyj/fees/review.md", "title: 许可审核工作底表\ntype: guide\nindex_no: JYJ/2025-00019\n"
          "published: 2025-04-01\ndisclosure: 不予公开\nreason: 内部事务信息\n",
          "| " + " | ".join(HEADER) + " | 备注 |\n|" + "---|" * 7 + "\n" + table + "\n")


def test_a_public_listing_sharing_rows_with_another_units_withheld_table_is_merged(platform):
    """A unit's public attachment (the 行政许可 results) whose rows another unit's withheld working table holds too:
    the merge took its rows for copies of the withheld body (E700) and the platform could not be published. The
    file is byte for byte one content/ publishes; what a unit's job adds that content/ does not publish stays E700."""
    _public_listing_and_withheld_table(platform)
    done = disclosure(platform, "build", "--unit", "nanqu")
    assert done.returncode == 0 and " E700 " not in done.output, done.output
    published = next((platform / "site/nanqu").rglob("行政许可决定公示表.csv"))
    assert published.read_bytes() == _listing()
    # the same rows in a file the unit's job put beside it (content/ publishes no such file): refused as before
    extra = platform / "build/units/nanqu" / published.relative_to(platform / "site").parent / "名单副本.csv"
    extra.write_bytes(_listing().replace(b"\n", b"\r\n"))
    seal_unit_manifest(platform / "build/units/nanqu", "nanqu")
    refused(platform, "E700 ", "content/jyj/fees/review.md")


# --- 2. an agency's own theme script looping over its buttons by index (rules/script_counters.py, E404) -----------

LOOPED_BY_INDEX = """\
(function () {
  var tabs = document.querySelectorAll(".xxgk-tab");
  var panels = document.querySelectorAll(".xxgk-panel");
  for (var i = 0; i < tabs.length; i++) {
    tabs[i].addEventListener("click", choose);
    tabs[i].setAttribute("aria-selected", "false");
  }
  function choose(event) {
    for (var j = 0; j < panels.length; j++) { panels[j].hidden = panels[j].id !== event.target.dataset.panel; }
  }
})();
var buttons = document.getElementsByClassName("print-button");
for (let i = 0; i < buttons.length; i++) {
  buttons[i].addEventListener("click", function () { window.print(); });
}
"""
# each a line; a counter's name given another value, read outside its loop, assigned to, called, or a top-level var
COUNTERS_GIVEN_AWAY = {
    "a top-level var (another script may set window.i)": "for (var k = 0; k < b.length; k++) { b[k].addEventListener('click', f); }",
    "assigned through": "for (let n = 0; n < b.length; n++) { b[n] = address; }",
    "called": "for (let n = 0; n < b.length; n++) { b[n](address); }",
    "given a text": "for (let m = 0; m < 1; m++) { m = 'location'; el.ownerDocument[m].assign(address); }",
    "a parameter of the same name": "for (let p = 0; p < 1; p++) { f(function (p) { el.ownerDocument[p].assign(address); }); }",
    "read after its loop": "for (let q = 0; q < 1; q++) { } el.ownerDocument[q].assign(address);",
    "a template's code": "for (let t = 0; t < 1; t++) { x = `${t = 'location'}`; el.ownerDocument[t].assign(address); }",
}


def test_a_theme_script_reading_a_list_by_its_loops_counter_is_built(tmp_path):
    """`tabs[i].addEventListener(…)` in `for (var i = 0; i < tabs.length; i++)` (in a function) or `for (let i …)`: the
    counter is a number, so tabs[i] an index, as tabs[0] is. It was E404 (a property reached by a computed name) and
    the agency's theme could not be built. A counter the script gives another value, reads outside its loop, assigns
    through or calls, or a top-level var (window.i, which another script may set) stays E404 on its line."""
    from .test_redteam12 import assert_each_line_refused
    assert_each_line_refused(tmp_path, COUNTERS_GIVEN_AWAY, LOOPED_BY_INDEX)


# --- 4. an .ods's HYPERLINK([.B2];"查看") beside a column of addresses (privacy/attachment_parts.py, E401) -----------

WEB = "https://www.example.gov.cn/xzxk/2025/001.html"


def _text_cell(text: str, repeated: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p></table:table-cell>'


def _link_cell(formula: str) -> str:
    """A cell of LibreOffice's =HYPERLINK(…) as it saves one (its result 查看 kept)."""
    return (f'<table:table-cell table:formula="of:={formula.replace(chr(34), "&quot;")}" office:value-type="string" '
            'office:string-value="查看"><text:p>查看</text:p></table:table-cell>')


def _listing_ods(address_cell: str, formula: str = 'HYPERLINK([.B2];"查看")') -> bytes:
    from .test_redteam13 import _ods
    return _ods([[_text_cell("序号"), _text_cell("决定书"), _text_cell("链接")],
                 [_text_cell("1"), address_cell, _link_cell(formula)]])


def test_an_ods_hyperlink_to_a_cell_holding_a_web_address_is_no_program(tmp_path):
    """LibreOffice and WPS write the .xlsx's =HYPERLINK(B2,"查看") as of:=HYPERLINK([.B2];"查看") (OpenDocument's
    reference to the cell of the same sheet). The .xlsx form passes since round three; the .ods one was E401 whatever
    B2 held. B2 is now read as the .xlsx's is: a web or mail address passes (also named with its sheet, [$表.$B$2], or
    from a row repeated); ms-msdt:, a formula's result (opening computes it again) or an empty cell stay E401."""
    from .test_gate_fp3 import _attachment_codes
    found = _attachment_codes(tmp_path, {
        "web.ods": _listing_ods(_text_cell(WEB)),
        "mail.ods": _listing_ods(_text_cell("mailto:xxgk@example.gov.cn")),
        "named-sheet.ods": _listing_ods(_text_cell(WEB), 'HYPERLINK([$表.$B$2];"查看")'),
        "repeated.ods": _listing_ods(_text_cell(WEB, repeated=2), 'HYPERLINK([.C2];"查看")'),
        "msdt.ods": _listing_ods(_text_cell("ms-msdt:/id PCWDiagnostic /skip force")),
        "computed.ods": _listing_ods(_link_cell(f'"{WEB}"')),
        "empty.ods": _listing_ods(_text_cell("")),
        "other-cell.ods": _listing_ods(_text_cell(WEB), 'HYPERLINK([.A1];"查看")'),
    })
    refused = {name for name, codes in found.items() if "E401" in codes}
    assert refused == {"msdt.ods", "computed.ods", "empty.ods", "other-cell.ods"}, found
    assert not any(codes for name, codes in found.items() if name not in refused), found


# --- 3. a PDF form field's own validation script (privacy/form_scripts.py, E401) ---------------------------------------

def _validated_form(script: str, event: str = "V") -> bytes:
    """A 申请表 whose field runs `script` on `event` (/V validation, /K keystroke), as Acrobat saves it (UTF-16)."""
    from .attachmentkit import raw_pdf
    written = "feff" + script.encode("utf-16-be").hex()
    return raw_pdf("Form", annotations="<< /Type /Annot /Subtype /Widget /FT /Tx /T (postcode) /Rect [10 10 200 40] "
                                       f"/P 3 0 R /AA << /{event} << /S /JavaScript /JS <{written}> >> >> >>")


VALIDATIONS = {
    "postcode.pdf": 'if (event.value != "" && !/^\\d{6}$/.test(event.value)) {\r  app.alert("邮政编码应为6位数字");\r'
                    '  event.rc = false;\r}',
    "length.pdf": "event.rc = event.value.length == 18;",
    "limit.pdf": '// 申请金额不得超过限额\nevent.rc = AFMakeNumber(event.value) <= AFMakeNumber(this.getField("限额").value);\n'
                 'if (!event.rc) app.alert("申请金额超过限额", 1);',
    "digits.pdf": "if (!event.willCommit) { event.rc = /^[0-9]*$/.test(event.change); }",
}
NOT_VALIDATIONS = {
    "launch.pdf": 'if (event.value == "") { app.launchURL("https://x.example/"); }',
    "computed-name.pdf": 'event.rc = app["launch" + "URL"]("https://x.example/");',
    "alias.pdf": 'var a = app; a.launchURL("https://x.example/");',
    "between-slashes.pdf": 'event.rc = event.value / app.launchURL("https://x.example/") /g.test(1);',
    "field-set.pdf": 'this.getField("金额").value = 1; this.submitForm("https://x.example/");',
    "constructor.pdf": 'event.rc = "".constructor.constructor("app.launchURL(1)")();',
}


def test_a_forms_own_validation_script_is_no_program(tmp_path):
    """Acrobat's 验证→运行自定义验证脚本 as form authors write it (a 邮政编码 of six digits, an ID number's length, an
    amount under another field's limit, digits only while typing): it reads the field's value and sets event.rc, and
    says why in a dialog. It was E401 (an unknown script) and the agency's 申请表 could not be published. A script
    reaching anything else (app.launchURL, a name built at run time, an alias, code between two slashes, another
    field's value set, a constructor) stays E401."""
    from .test_gate_fp3 import _attachment_codes
    found = _attachment_codes(tmp_path, {**{name: _validated_form(script) for name, script in VALIDATIONS.items()},
                                         **{name: _validated_form(script) for name, script in NOT_VALIDATIONS.items()},
                                         "keystroke.pdf": _validated_form(VALIDATIONS["digits.pdf"], "K")})
    assert {name for name, codes in found.items() if "E401" in codes} == set(NOT_VALIDATIONS), found
    assert not any(codes - {"E401"} for codes in found.values()), found
