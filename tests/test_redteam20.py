"""Round twenty of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised department CI job. Each test goes through the real `disclosure` command (or MkDocs build) and failed on
main before its fix.

A file the body links to, marked by the office as not public (rules/markup_links.py, text/markup.py) —
- fixed (round nineteen's open item): a public document whose body links a file of content/ that no `attachments`
  entry lists, the office's note standing only in the link — its text (`[困难群众名单（不予公开）](files/名单.csv)`),
  an HTML anchor's text or title, a reference link's text (`[名单（不予公开）][x]`, its definition elsewhere, the text
  over two lines of its paragraph), a picture's alt inside an <a>, a link's title,
  or the file's own name (`[名单](files/名单（依申请公开）.csv)`): check and strict build passed and the file was
  published with the page. The body scan kept link targets only; it now keeps what a reader sees of each link, and a
  link to a file of the site is read as an attachment's title and file name are (withholding_title_note): E102 on
  the link's line (check and build). What a list writes after a title (its size （56KB）, [下载], a full stop) no
  longer hides the note, in an attachment's title either (bounded: a tail read mark by mark, linear in any title). Links whose text names disclosure otherwise (申请表（样本）, 依申请公开流程图,
  （部分公开）) and links to pages or other sites stay.
- fixed (the merge, content/merge_facts.py): such a file is withheld to the merge too: a compromised department job
  publishing it (its build skipped) is refused (E700), as an attachment whose title says so is. One reader of the
  note for both (content/disclosure_statements.linked_file_note).

A note in the other brackets of Chinese documents (content/disclosure_statements.py `OPENING`, `_BRACKET_FORMS`) —
- fixed: the 附注 and an attachment's (or a linked file's) note were read in （…） ［…］ 【…】 [...] only: written in the
  六角括号 of a 发文字号 (〔此件不予公开〕, 名单〔依申请公开〕), in 〖…〗, or in the small and raised forms an input method
  or a PDF gives (﹙…﹚ ﹝…﹞ ⁽…⁾), the page and its list were published with exit 0. And of the three 密级 (秘密、机密、
  绝密) the highest was no closed circle: 名单【绝密】 was published. Now one set of brackets for every reader (check,
  build, merge, import). 〔此件公开发布〕 and a 发文字号's 〔2024〕 stay.
- fixed (the same class, the editor's path): a public document whose own title ends in such a note (关于……的通知（依申请公开）,
  补助名单【内部资料】): the importer withheld such a saved page (round nineteen), the check and build published it. Now
  E102 on the title's line with the value to write; the merge takes the page for withheld (E700 when a job seals it).
- fixed (the same class): the note in a file's name was read only at its end: what systems and people add after it —
  名单（不予公开）(1).csv (a browser's second copy), 名单（不予公开） - 副本.csv (Windows), _1, 汇总, a space before the
  extension, a doubled extension, the note on a folder (内部（不予公开）/名单.csv) — published the list. A file's path is
  now read for such a note wherever it stands (withholding_name_note); a title still only for a closing one.
- open: a folder named without brackets (files/依申请公开/名单.csv): folders of forms for applicants are named so too.
- held: an inline link whose text or target runs over two lines is not read as a link by the check, so the file it
  names is E111 (named by nothing) and the build stops; a link in an attribute list ({: .x }) is read.
- held (not brackets of a note, by decision): 《…》 and 〈…〉 (a title of a work), 「…」 『…』 (quotation marks).

Tried and held (no change needed) —
- the search: the worker escapes every title, type, date, 文号, badge and snippet character by character (Array.from),
  the <mark> ranges fall between whole characters, so a title written with character references or markup (E401 in
  the source already) is shown as text; a unit's rows, passages and words are checked by the merge (rounds nine, ten);
- control characters in a title or summary written with YAML escapes (\x01 \x08 \x1b \x7f \x85 \v \f \0) between a
  mobile's groups: E102 and E400; U+2028 and \r: E400; a noncharacter U+FFFE (invalid in feed.xml): E102;
- catalogue.yaml's agency fields printed on every page: markup and another host's picture in name (E401, E404), a mobile
  in hours, email, fax, postcode, icp, an ID number in address or site_code (E400); public_security with markup is escaped
  by the footer's autoescaped template;
- `disclosure new`: --interprets with a line break and a second key, or Jinja marks (quoted in YAML; E200 at check),
  --category ../../tmp and --unit ../x (refused with a line); a 100,000-character --title exceeds the system's argument
  limit before the command runs;
- `disclosure report`: autoescaped Jinja, pygal's charts with js=[] (no script from another host);
- feed.xml, sitemap.xml: rendered from autoescaped templates; catalogue.csv cells starting = + - @ tab CR are prefixed;
- a withheld document's attachment listed in NFC while the file on disk is NFD (macOS): E500 on the list and E111 on
  the file, nothing published.

Open —
- a folder named without brackets (files/依申请公开/名单.csv), as above;
- an inline link whose text or target runs over two lines is not read as a link by the check (E111 on its file stops
  the build, with a message about an unnamed file rather than the note).
"""

from __future__ import annotations

import pytest

from .batchkit import Cases, cases_site, checked_and_built, lines_as_alone
from .sitekit import build, check, front_matter, write_site
from .test_merge_verifies import built, platform  # noqa: F401  (the fixtures)
from .test_redteam19 import _with_attachments, _with_bodies, sealed_listing

WITHHELD_LINKS = {
    "text": ("[困难群众名单（不予公开）](files/l0.csv)", "l0.csv"),
    "file-name": ("[名单](files/名单（依申请公开）.csv)", "名单（依申请公开）.csv"),
    "html": ('<a href="files/l2.csv">名单<b>（内部资料，不得公开）</b></a>', "l2.csv"),
    "reference": ("[名单（不予公开）][list]\n\n[list]: files/l3.csv", "l3.csv"),
    "title": ('[名单](files/l4.csv "名单【秘密】")', "l4.csv"),
    "html-title": ('<a href="files/l6.csv" title="名单（不予公开）">名单</a>', "l6.csv"),
    "picture-in-link": ('<a href="files/l8.csv"><img src="files/i.png" alt="名单（不予公开）"></a>', "l8.csv"),
    "size-after": ("[困难群众名单（不予公开）（56KB）](files/l9.csv)", "l9.csv"),
    "download-after": ("[名单（依申请公开）[下载]](files/l10.csv)", "l10.csv"),
    "reference-two-lines": ("[困难群众名单\n（依申请公开）][list]\n\n[list]: files/l7.csv", "l7.csv"),
    "encoded": ("[名单](files/%E5%90%8D%E5%8D%95%EF%BC%88%E4%B8%8D%E4%BA%88%E5%85%AC%E5%BC%80%EF%BC%89.csv)",
                "名单（不予公开）.csv"),
}
PUBLIC_LINKS = {
    "form": ("[政府信息公开申请表（样本）](files/p0.csv)", "p0.csv"),
    "flow": ("[依申请公开流程图](files/p1.csv)", "p1.csv"),
    "partial": ("[年度报告（部分公开）](files/p2.csv)", "p2.csv"),
    "size": ("[申请表（样本）（20KB）](files/p3.csv)", "p3.csv"),
    "page": ("[关于依申请公开的说明（不予公开）](https://example.org/a)", None),
}


def _linking(links: dict[str, tuple[str, str | None]], offset: int) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for number, (name, (link, file)) in enumerate(links.items()):
        files[f"notices/{name}.md"] = front_matter(
            f"正文。\n\n附件：{link}\n", title=f"关于第{offset + number}批补助的通知", type="notice",
            index_no=f"T001/2024-{offset + number:05d}", published="2024-03-05")
        if file:
            files[f"notices/files/{file}"] = "姓名,金额\n甲,100\n".encode()
    if any("files/i.png" in link for link, _ in links.values()):
        files["notices/files/i.png"] = PNG
    return files


# A 1×1 picture (a link may show one).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture(scope="module")
def withheld(tmp_path_factory) -> tuple[Cases, Cases]:
    """Each test's refused notices (WITHHELD) in a folder of their own, all in one site, checked once and built once;
    each test reads the lines its folder alone would show (batchkit.lines_as_alone)."""
    return checked_and_built(cases_site(tmp_path_factory.mktemp("withheld"), {case: files() for case, files in WITHHELD.items()}))


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Cases:
    """Each test's notices that stay allowed (PUBLIC) in a folder of their own, all in one site, built once."""
    return cases_site(tmp_path_factory.mktemp("public"), {case: files() for case, files in PUBLIC.items()}).built()


def test_a_file_the_body_links_marked_not_public_is_refused_on_its_line(withheld):
    for cases in withheld:
        lines = lines_as_alone(cases, "links")
        refused = {line.split(":")[0] for line in lines if " E102 " in line and "正文链接的文件" in line}
        assert refused == {f"content/notices/{name}.md" for name in WITHHELD_LINKS}, cases.run.output
        assert any(line.startswith("content/notices/text.md:9: E102 ") for line in lines), cases.run.output
        assert cases.run.returncode != 0 and "Traceback" not in cases.run.output, cases.run.output
    assert not (withheld[1].root / "site").exists()


def test_links_naming_disclosure_otherwise_stay_allowed(public):
    assert public.run.returncode == 0, public.run.output
    assert (public.root / "site" / public.folders["links"] / "notices" / "files" / "p2.csv").exists()


def test_a_file_the_body_links_marked_not_public_is_refused_by_the_merge(platform):
    """The compromised job's side: the department's page links 名单.csv as 困难学生名单（不予公开）; its job skips the
    build's E102 and seals the file into its output. The merge refuses it, naming the unit's file."""
    sealed_listing(platform, lambda text: text + "\n附件：[困难学生名单（不予公开）](files/名单.csv)\n")


NOTE_BRACKETS = {"hexagonal": "〔此件不予公开〕\n", "lenticular-white": "〖此件依申请公开〗\n", "small": "﹙此件不予公开﹚\n",
                 "small-hexagonal": "﹝此件依申请公开﹞\n", "raised": "⁽此件不予公开⁾\n", "top-secret": "（此件绝密）\n"}
NOTE_BRACKETS_PUBLIC = {"hexagonal-public": "〔此件公开发布〕\n", "doc-no": "示例市监发〔2024〕1号\n"}
TITLE_BRACKETS = ["困难群众名单〔不予公开〕", "附件2〖依申请公开〗", "名单﹙不予公开﹚", "名单【绝密】", ("名单", "名单﹝依申请公开﹞.csv")]


def test_a_note_in_the_other_brackets_of_chinese_documents_is_read(withheld, public):
    for cases in withheld:
        refused = {line.split(":")[0] for line in lines_as_alone(cases, "brackets") if " E102 " in line}
        assert refused == {f"content/notices/{name}.md" for name in NOTE_BRACKETS} | {
            f"content/notices/n{70 + number}.md" for number in range(len(TITLE_BRACKETS))}, cases.run.output
    assert public.run.returncode == 0, public.run.output


def _titled() -> dict[str, str]:
    return {f"notices/{name}.md": front_matter("正文。\n", title=title, type="notice", index_no=f"T001/2024-{110 + number:05d}",
                                               published="2024-03-05")
            for number, (name, title) in enumerate({"on-request": "关于第1批困难群众补助名单的通知（依申请公开）",
                                                    "internal": "补助名单【内部资料】", "hexagonal": "补助名单〔不予公开〕"}.items())}


def test_a_public_document_whose_own_title_marks_it_not_public_is_refused(withheld, public):
    files = _titled()
    for cases in withheld:
        lines = lines_as_alone(cases, "titles")
        refused = {line.split(": E102 ")[0] for line in lines if " E102 " in line and "标题注明" in line}
        assert refused == {f"content/{name[:-3]}.md:2" for name in files}, cases.run.output
    assert any("disclosure: 依申请公开" in line for line in lines_as_alone(withheld[0], "titles")), withheld[0].run.output
    assert public.run.returncode == 0 and public.page("titles", "notices/public").exists(), public.run.output


def test_a_unit_page_whose_title_marks_it_not_public_is_refused_by_the_merge(platform):
    """The department's job publishes the page its build refuses (E102): the merge takes the page for withheld."""
    sealed_page(platform, "title: 教育局指南\n", "title: 教育局指南（依申请公开）\n")


def sealed_page(platform, written: str, instead: str) -> None:
    """The department's guide.md with `written` replaced by `instead`, sealed into its output by its job (the build
    skipped): the merge must refuse the page."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    source = platform / "content/jyj/guide/guide.md"
    source.write_text(source.read_text(encoding="utf-8").replace(written, instead, 1), encoding="utf-8")
    seal_unit_manifest(platform / "build/units/jyj", "jyj")
    output = refused(platform, ": E700 ")
    assert any(" E700 " in line and "jyj/guide/" in line for line in output.splitlines()), output


NAMES_ADDED_TO = ["名单（不予公开）(1).csv", "名单（不予公开） - 副本.csv", "名单（不予公开）_1.csv", "名单（依申请公开）汇总.csv",
                  "名单（不予公开） .csv", "名单（不予公开）.csv.csv", "内部（不予公开）/名单.csv"]
NAMES_PUBLIC = ["政府信息公开申请表（样本）(1).csv", "依申请公开流程图 - 副本.csv", "名单（部分公开）_1.csv"]


def test_a_note_in_a_file_name_the_system_added_to_is_read(withheld, public):
    for cases in withheld:
        refused = {line.split(":")[0] for line in lines_as_alone(cases, "added-names") if " E102 " in line}
        assert refused == {f"content/notices/n{140 + number}.md" for number in range(len(NAMES_ADDED_TO))} | {
            "content/notices/linked-copy.md"}, cases.run.output
    assert public.run.returncode == 0, public.run.output


# Each test's notices, a case of the one site of `withheld` (refused) or `public` (built).
WITHHELD = {
    "links": lambda: _linking(WITHHELD_LINKS, 10),
    "brackets": lambda: {**_with_bodies(NOTE_BRACKETS, 50), **_with_attachments(TITLE_BRACKETS, 70)},
    "titles": _titled,
    "added-names": lambda: {**_with_attachments([("名单", name) for name in NAMES_ADDED_TO], 140),
                            **_linking({"linked-copy": ("[名单](files/名单（不予公开）%20-%20副本.csv)", "名单（不予公开） - 副本.csv")}, 160)},
}
PUBLIC = {
    "links": lambda: _linking(PUBLIC_LINKS, 30),
    "brackets": lambda: {**_with_bodies(NOTE_BRACKETS_PUBLIC, 90), **_with_attachments(["示例市监发〔2024〕1号附件"], 95)},
    "titles": lambda: {"notices/public.md": front_matter("正文。\n", title="政府信息公开申请表（样本）", type="notice",
                                                         index_no="T001/2024-00130", published="2024-03-05")},
    "added-names": lambda: _with_attachments([("表", name) for name in NAMES_PUBLIC], 170),
}
