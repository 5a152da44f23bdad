"""Round twenty-one of the adversarial review (issue 24): a careless or hostile editor, a compromised department CI
job. Each test goes through the real `disclosure check` and `mkdocs build --strict` and failed on main before its fix.

The withheld content under another name (content/withheld_text_copies.py, content/inventory.py `_withheld_copies`) —
- fixed: E500 refused a public page's attachment only when its bytes were those of a file a withheld document is or
  names. The same withheld list re-saved (other line ends; a workbook with another tab name and save time), a
  workbook exported to .csv, packed in a .zip, with one character added at its end, or a withheld document's body
  saved as a Word file and attached to a public notice (the guide's "另作公开版" done by saving the withheld file
  again and deleting nothing): check and strict build passed, exit 0, and the file was published. Now a published
  file whose readable text (normalised: no spaces, punctuation, markup, width) holds every passage of a withheld
  body or withheld file (20 characters or more in all; the program's own properties and a sheet's tab name left
  out) is E500 on its `attachments` line, check and build. A public version with the names deleted (the same
  heading, columns and amounts) stays: all of the text counts, not a run of it. The attachment reader gave only
  pieces as long as a mobile number (a list's names and amounts never), so it now keeps every piece when asked
  (`attachment_pieces(shortest=1)`; the personal-data readers are unchanged).
- open: a .csv list saved as a workbook (.xlsx): the .csv's rows come back as one piece each, the workbook's as cells.
- open (not tried, read from the code): the merge's own comparison (content/merge_facts.py `_attachment_texts`,
  rules/personal_data/published.py `published_text`) reads withheld and sealed attachments with the default reader,
  so a withheld workbook of short cells re-saved by a compromised unit job is refused there only by its digest.
- open (by decision, as the merge decides, content/merge_facts.py `_shared`): a public document's body quoting a
  withheld body's paragraph, or holding it whole: content/'s public documents are the office's decision, and a
  withheld document's boilerplate is in public ones too.

Tried and held (no change needed; refused already) —
- the renderer assembling a number the source does not show: smarty's -- (en dash between groups), pymdownx.mark,
  caret and tilde between digits, critic's accepted edits, escapeall's \\0: E400 in the build from the rendered
  page (the check passes: it reads the source), nothing published;
- a TOC label (`{: data-toc-label="…&#49;3800138000" }`), printed only in the sidebar: E400 (entities decoded);
- digits in other scripts and forms: keycaps (1️⃣), circled ①, dingbat ➀, Arabic-Indic ١, mathematical 𝟏,
  superscripts, full width, a combining underline, zero-width space, soft hyphen, word joiner, tag characters
  between digits: E400;
- pymdownx.emoji with its default index (pictures from cdnjs.cloudflare.com): E404; pymdownx.blocks.html writing an
  <img> or <iframe> from another host: E404/E401; magiclink's links to github.com are plain links (allowed);
- pymdownx.keys `++1+3+8++` shows 1+3+8 (a + between groups is no number: by design);
- Material's bundle loading Mermaid from unpkg.com on a `.mermaid` element (refused, round eighteen); its other
  hosts (api.github.com for repo_url, a ResizeObserver polyfill only old browsers fetch) as rounds before;
- a hard link in content/ (E112, inventory); a byte-identical copy of a withheld file (E500, as before).
Open (not tried for want of time): a hard link inside a folder given to `disclosure import` (the importer checks
regular files inside the folder, not their link count); a withheld file and a public one differing by case or
normalisation on a case-insensitive server (IIS); files appearing between the check and the build in CI.
"""

from __future__ import annotations

import pytest

from .attachmentkit import archive, word, xlsx
from .sitekit import build, check, front_matter, interpretation, policy, write_site

SECRET = ["经调查，本次事故系仓库管理员违规操作叉车所致。", "涉事人员已被停职检查，赔偿方案正在协商之中，暂不对外公布。"]
ROWS = [("序号", "姓名", "身份", "补助金额（元）"), ("1", "王某某", "低保户", "3000"), ("2", "李某某", "特困人员", "4500"),
        ("3", "赵某某", "残疾人", "2800")]
ROWS_CSV = "".join(",".join(row) + "\n" for row in ROWS).encode("utf-8")


def _rows_xlsx(sheet: str) -> bytes:
    return xlsx({f"{column}{number}": value for number, row in enumerate(ROWS, 1) for column, value in zip("ABCD", row)},
                sheet=sheet)


def _site(public_file: str, data: bytes, withheld_file: tuple[str, bytes] = ("list.csv", ROWS_CSV)) -> dict[str, str | bytes]:
    """A withheld report (its body SECRET, its attachment the list ROWS) and a public notice attaching `data`."""
    withheld = front_matter("一、调查经过\n\n" + "\n\n".join(SECRET) + "\n", title="事故内部调查报告", type="notice",
                            index_no="T001/2024-00009", published="2024-03-05", disclosure="不予公开",
                            reason="涉及内部调查，依据条例第十六条不予公开",
                            attachments=[{"title": "补助名单", "file": f"files/{withheld_file[0]}"}])
    public = front_matter("现将有关情况通知如下。\n", title="关于仓库安全的通知", type="notice", index_no="T001/2024-00010",
                          published="2024-03-06", attachments=[{"title": "附件", "file": f"files/{public_file}"}])
    return {"policies/a.md": policy(), "interpretations/a.md": interpretation(), "notices/w.md": withheld,
            f"notices/files/{withheld_file[0]}": withheld_file[1], "notices/p.md": public, f"notices/files/{public_file}": data}


RESAVED = {
    "one-character-added": ("list2.csv", ROWS_CSV + b" \n", "files/list.csv"),
    "workbook-re-saved": ("list6.xlsx", _rows_xlsx("Sheet1"), "files/list.xlsx"),
    "workbook-as-csv": ("list7.csv", ROWS_CSV, "files/list.xlsx"),
    "re-saved-crlf": ("list3.csv", ROWS_CSV.replace(b"\n", b"\r\n"), "files/list.csv"),
    "zipped": ("list5.zip", archive({"名单.csv": ROWS_CSV}), "files/list.csv"),
    "the-body-as-word": ("report.docx", word(["事故内部调查报告", "一、调查经过", *SECRET]), "w.md"),
}


@pytest.mark.parametrize("name", sorted(RESAVED))
def test_the_withheld_content_in_another_file_is_refused_on_its_line(tmp_path, name):
    public_file, data, original = RESAVED[name]
    withheld = ("list.xlsx", _rows_xlsx("名单")) if original.endswith(".xlsx") else ("list.csv", ROWS_CSV)
    root = write_site(tmp_path / name, _site(public_file, data, withheld))
    for run in (check(root), build(root)):
        assert run.returncode != 0, run.output
        assert any(line.startswith("content/notices/p.md:8: E500 ") and f"content/notices/{original}" in line
                   and "全部文字" in line for line in run.coded_lines()), run.output
    assert not (root / "site").exists()


@pytest.mark.parametrize("withheld", [("list.csv", ROWS_CSV), ("list.xlsx", None)], ids=["csv", "workbook"])
def test_a_public_version_with_the_names_deleted_stays(tmp_path, withheld):
    """What the guide asks for: the heading and columns are the withheld list's, the names and identities are not."""
    withheld = (withheld[0], withheld[1] or _rows_xlsx("名单"))
    public = "".join(",".join(row) + "\n" for row in [ROWS[0], *((n, "（略）", "（略）", amount) for n, _, _, amount in ROWS[1:])])
    root = write_site(tmp_path / "public-version", _site("summary.csv", public.encode("utf-8"), withheld))
    built = build(root)
    assert built.returncode == 0, built.output
    assert (root / "site" / "notices" / "files" / "summary.csv").exists()
