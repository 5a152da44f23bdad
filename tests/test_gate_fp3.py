r"""Legitimate official content against the refusals of rounds seventeen and eighteen (issue 24, aa1a217..ee4b305),
as a real agency's editor and webmaster meet them: an Acrobat 申请表 with its calculations, spreadsheets of links,
.doc fields, a 行政处罚 decision public beside a withheld one, saved CMS pages, mkdocs.yml as adopters write it.
Each test goes through the real path (`disclosure check`) and failed on main before its fix; the hostile cases of
rounds seventeen and eighteen stay refused (tests/test_holes18.py, tests/test_redteam18.py).

PDF attachments (privacy/attachment_pdf.py) —
- fixed: a form field's calculation written in Acrobat's simplified field notation (计算→简化字段表示法, 数量*单价):
  Acrobat saves it as `/** BVCALC 数量*单价 EVCALC **/ event.value = AFMakeNumber(getField("数量").value) * …`, which
  was E401 as an unknown script. Recognised now: the comment, then event.value set from fields' numbers, plain numbers,
  + - * / and parentheses only. Held: anything else after the comment (app.launchURL …) is E401.
"""

from __future__ import annotations

from .attachmentkit import raw_pdf
from .sitekit import check, paired_policy, policy, write_site


def _attachment_codes(tmp_path, attachments: dict[str, bytes]) -> dict[str, set[str]]:
    """Each attachment's codes in `disclosure check` of a site publishing them all."""
    source = policy(attachments=[{"file": f"files/{name}", "title": name} for name in attachments])
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": source,
                                 **{f"policies/files/{name}": data for name, data in attachments.items()}})
    lines = check(root).coded_lines()
    return {name: {line.split(" ")[1] for line in lines if f"附件“{name}”" in line} for name in attachments}


def _calculated_form(script: str) -> bytes:
    """A 申请表 whose 金额 field is calculated by `script` (its /AA /C, as Acrobat saves it: UTF-16 with a mark)."""
    written = "feff" + script.encode("utf-16-be").hex()
    return raw_pdf("Form", annotations="<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /Rect [10 10 200 40] "
                                       f"/P 3 0 R /AA << /C << /S /JavaScript /JS <{written}> >> >> >>")


SIMPLIFIED = '/** BVCALC 数量*单价 EVCALC **/ event.value = AFMakeNumber(getField("数量").value) * AFMakeNumber(getField("单价").value)'
SIMPLIFIED_SUM = ('/** BVCALC (金额.0+金额.1)*0.13 EVCALC **/ event.value = (AFMakeNumber(getField("金额.0").value) + '
                  'AFMakeNumber(getField("金额.1").value)) * 0.13;')


def test_a_calculation_in_simplified_field_notation_is_no_script_to_refuse(tmp_path):
    """Acrobat's 简化字段表示法 (the form author types 数量*单价) is saved as a comment and the arithmetic of the fields'
    numbers: nothing leaves the document. It was E401 (an unknown script); a script after such a comment stays."""
    found = _attachment_codes(tmp_path, {
        "simplified.pdf": _calculated_form(SIMPLIFIED),
        "simplified-sum.pdf": _calculated_form(SIMPLIFIED_SUM),
        "after-comment.pdf": _calculated_form('/** BVCALC a EVCALC **/ event.value = 1; app.launchURL("https://x.example")'),
        "comment-closed.pdf": _calculated_form('/** BVCALC a */ app.launchURL("https://x.example"); /* EVCALC **/ event.value = 1'),
    })
    assert found == {"simplified.pdf": set(), "simplified-sum.pdf": set(),
                     "after-comment.pdf": {"E401"}, "comment-closed.pdf": {"E401"}}, found
