"""Round six of the adversarial review (issue 24): a careless or hostile editor with attachments, the theme
folder, front matter and mkdocs.yml; a compromised department (or government) CI job that seals its own
build/units/<id>/; an editor running `disclosure import` and `disclosure report`. Each test goes through the real
path (`disclosure check`, MkDocs build, `disclosure merge`, `disclosure import`, `disclosure report`) and failed
on main before its fix.

Fixed (tests below):
- office packages: a part named as a font, printer setting, thumbnail or signature (word/fonts/*.odttf,
  xl/printerSettings/*.bin, docProps/thumbnail.jpeg, Thumbnails/ of an .odt, any path with "Signs/") was
  skipped by its name unread, whatever it held: a list saved there, a zip, a thumbnail's JPEG comment. Now such
  a part is read as what its content is whenever that is a format a program opens (a real font stays skipped);
- PDF objects PDFium has no API for: the document information's own keys (Acrobat's 自定义 tab), the names of
  layers (optional content), alternative text in the structure tree (/Alt, what a screen reader reads), XMP
  metadata stored compressed, and any of these packed in a compressed object stream (through Flate, ASCII
  hex or ASCII85), or encrypted in a PDF locked with an owner password only (anyone opens it). Now every
  string and long name of every object outside page contents and fonts is read (parentheses balanced at any
  depth, as PDF readers read them; a custom property's name, #xx decoded), of a locked PDF from PDFium's
  unlocked copy;
- text attachments read as written, not as opened: \\u escapes in a .json, a comment or SVG <tspan>s between
  two digit groups of an .html/.svg in a zip, a .csv formula (="138"&"…") and a quoted cell over two lines;
- the theme folder's pictures and fonts (a list named logo.png, a PNG text chunk, a zip named .woff2);
- a number %-escaped in a link's address (tel:%31%33…, mailto:…?body=…, https://…/%31…), on a built page and
  in a sealed unit page;
- mkdocs.yml: `plugins` options (the search plugin's separator goes into search_index.json) were not read;
  a docs_dir or site_dir written in the file mkdocs.yml INHERITs was not seen by the merge (which then knew of
  no withheld document and merged a 不予公开 page), the report's place check, or the importer;
- merge: a key written twice in a sealed JSON file (catalogue.json) was checked as its last value only; JSON
  nested past the parser (catalogue.json, search rows, unit.json) ended as 内部错误 (now E700/E701); a sealed .txt
  or .csv was read line by line, more loosely than the build reads it (a number over two lines merged); a
  withheld page address written in other case or with a trailing dot or space (IIS serves it for the real one);
  the government's output under JYJ/ or jyj./ (a department's folder on Windows); the government's assets/ were
  not read at all (a list saved as assets/images/logo.png, a script with an ID);
- `disclosure import --report` could be written into site/, build/ or content/ (it lists what was withheld);
- a zip archive appended to a PDF or a picture (a viewer shows the first, an archive program opens the second).

Tried and held (no test added; the gate already refused it):
- Word: tracked changes (w:ins, w:del/w:delText, w:moveFrom), hidden text (w:vanish), glossary document,
  custom XML parts (every XML part is read; revisions both ways);
- spreadsheets: hidden and veryHidden sheets, hidden rows and columns (calamine and the sheet XML read every
  cell), cell comments and threaded comments, defined names, data-validation lists, chart titles and caches
  (every XML part of the package is read);
- PDF: text in a hidden optional-content layer, invisible text (render mode 3), /ActualText, bookmarks (PDFium's
  text page and outline); .odt: every part read as XML (content, styles' headers and footers, meta, tracked
  changes, text:hidden-text's string-value, spans and text:s between digit groups);
- attachments as text: HTML entities and inline tags in an .html inside a zip, XML character references, RTF
  \\u and \\' escapes, a Markdown file's entity (the text scan reads across them already);
- unit.json: a key written twice (the merge's readers all keep the last, and the last is what is checked and
  printed; a second `files` listing an extra file leaves it unlisted, E700); file names differing from the
  manifest only by NFC/NFD or case (refused as unlisted and missing); a full-width slash (a different name to
  every server); a name that is not UTF-8 (refused as unlisted, printed escaped);
- printed places: a number split between a title and the 文号, summary, topics, publisher, an attachment title,
  `corrected` or the body's first line, read in every finished file of site/ with the merge's reader (<title>,
  meta, feeds, sitemap, exports, search index): no join forms one; front matter through !!binary, anchors and
  aliases, a folded scalar (E400), a merge key or a python tag (E100); catalogue.yaml type and category ids,
  paths and the index pattern (E400 on the line); a link to data:text/csv;base64,… or sms:%31… (E401).

Open, not tried for lack of time: a unit.json of a gigabyte (read whole into memory; a real 200,000-document
unit's is of that order, so no cap was set), PDF filters other than Flate/ASCII hex/ASCII85 on an object stream
(now a W400 gap, not a silent pass).
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from .attachmentkit import _write_objects, _write_xref, archive, locked_pdf, rezip, word, xlsx
from .batchkit import Cases, MergedCases, cases_site, policies_saying, sealed_once, theme_folder_site
from .sitekit import build, check, paired_policy, policy, write_site

ID, ID_MASKED = "110101199003077715", "110101********7715"
MOBILE, MOBILE_MASKED = "13800138000", "138****8000"
LIST = f"姓名,身份证号,联系电话\n张三,{ID},{MOBILE}\n".encode("utf-8")


def _attached_each(cases: dict[str, tuple[str, bytes]]) -> dict[str, str | bytes]:
    files = paired_policy()
    for number, (name, data) in enumerate(cases.values()):
        files[f"policies/hidden{number}.md"] = policy(index_no=f"T001/2024-{100 + number:05d}",
                                                      attachments=[{"file": f"files/{number}/{name}", "title": "附件"}])
        files[f"policies/files/{number}/{name}"] = data
    return files


def _refused_each(run, cases: dict) -> dict[str, bool]:
    return {label: any(line.startswith(f"content/policies/hidden{number}.md:") and " E400 " in line
                       and (ID_MASKED in line or MOBILE_MASKED in line) for line in run.coded_lines())
            for number, label in enumerate(cases)}


# --- (a) an editor's attachments: office package parts skipped by their name ----------------------------
# The package reader skipped fonts, printer settings, thumbnails and signatures by name, whatever they held;
# a program that unzips the package (or Explorer's preview of the thumbnail's properties) shows them.

def _jpeg_with_comment(text: str) -> bytes:
    comment = text.encode()
    return b"\xff\xd8\xff\xfe" + struct.pack(">H", 2 + len(comment)) + comment + b"\xff\xda\x00\x02\xff\xd9"


_ODT = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>关于开展检查的通知'
        '</text:p></office:text></office:body></office:document-content>')

NAMED_AWAY = {
    "a list saved as a Word font": ("通知.docx", rezip(word(["关于开展检查的通知"]), {"word/fonts/font1.odttf": LIST})),
    "a zip saved as Word's printer settings": ("通知2.docx", rezip(word(["关于开展检查的通知"]), {
        "word/printerSettings/printerSettings1.bin": archive({"名单.csv": LIST})})),
    "a comment in a Word thumbnail": ("通知3.docx", rezip(word(["关于开展检查的通知"]), {
        "docProps/thumbnail.jpeg": _jpeg_with_comment(f"ID {ID}")})),
    "a list saved as a workbook's font": ("名单.xlsx", rezip(xlsx({"A1": "检查结果"}), {"xl/fonts/font1.ttf": LIST})),
    "a list under a Signs folder": ("名单2.xlsx", rezip(xlsx({"A1": "检查结果"}), {"xl/Signs/list.txt": LIST})),
    "a list saved as an .odt thumbnail": ("通知.odt", archive({"mimetype": "application/vnd.oasis.opendocument.text",
                                                              "content.xml": _ODT, "Thumbnails/thumbnail.png": LIST})),
}


# --- (a) an editor's attachments: PDF objects PDFium has no API for -----------------------------------

def _pdf(catalog_extra: str = "", page_extra: str = "", stream: str = "BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET",
         extra_objects: tuple[str, ...] = (), trailer: str = "", packed: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF written object by object (catalog 1, pages 2, page 3, contents 4, font 5, then
    `extra_objects` from 6); `packed` objects go, numbered after them, into one compressed object stream."""
    objects = [f"<< /Type /Catalog /Pages 2 0 R{catalog_extra} >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
               f" /Resources << /Font << /F1 5 0 R >> >>{page_extra} >>",
               f"<< /Length {len(stream)} >> stream\n{stream}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *extra_objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = _write_objects(out, dict(enumerate(objects, start=1)))
    if packed:
        first = len(objects) + 1
        bodies = [body.encode() for body in packed]
        header, at = b"", 0
        for number, body in enumerate(bodies, start=first):
            header += f"{number} {at} ".encode()
            at += len(body) + 1
        payload = zlib.compress(header + b"\n".join(bodies))
        number = first + len(packed)
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj << /Type /ObjStm /N {len(packed)} /First {len(header)} /Filter /FlateDecode "
                  f"/Length {len(payload)} >> stream\n".encode() + payload + b"\nendstream endobj\n")
    _write_xref(out, offsets, f"/Size {len(objects) + len(packed) + 2} /Root 1 0 R {trailer}")
    return out.getvalue()


def _filtered_object_stream(filters: str, encode) -> bytes:
    """The packed document information of `_pdf`, its object stream re-encoded through `filters`."""
    import re
    document = _pdf(packed=(f"<< /Title (Notice) /Contact (Tel {MOBILE}) >>",), trailer="/Info 6 0 R")
    found = re.search(rb"(\d+ 0 obj << /Type /ObjStm .*?)/Filter /FlateDecode /Length \d+ >> stream\n(.*?)\nendstream", document, re.S)
    data = encode(found.group(2))
    return document.replace(found.group(0), found.group(1) + f"/Filter {filters} /Length {len(data)} >> stream\n".encode()
                            + data + b"\nendstream")


def _compressed_xmp(text: str) -> bytes:
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
           f'{text}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    packed = zlib.compress(xmp)
    document = _pdf(catalog_extra=" /Metadata 6 0 R", extra_objects=("<< /Length 0 >> stream\n\nendstream",))
    stream = (f"<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length {len(packed)} >> stream\n".encode()
              + packed + b"\nendstream")
    return document.replace(b"6 0 obj << /Length 0 >> stream\n\nendstream", b"6 0 obj " + stream)


def _utf16_octal(text: str) -> str:
    """A PDF text string in UTF-16 with its byte-order mark, every byte written as an octal escape."""
    return "".join(f"\\{byte:03o}" for byte in b"\xfe\xff" + text.encode("utf-16-be"))


_STRUCTURE = (" /StructTreeRoot 6 0 R /MarkInfo << /Marked true >>", " /StructParents 0",
              "/Figure << /MCID 0 >> BDC BT /F1 12 Tf 20 250 Td (Notice text here) Tj ET EMC")

PDF_OBJECTS = {
    "a custom key of the document information": ("通知.pdf", _pdf(extra_objects=(f"<< /Title (Notice) /Contact (Tel {MOBILE}) >>",),
                                                                   trailer="/Info 6 0 R")),
    "the same, packed in a compressed object stream": ("通知2.pdf", _pdf(packed=(f"<< /Title (Notice) /Contact <{('Tel ' + MOBILE).encode().hex()}> >>",),
                                                                        trailer="/Info 6 0 R")),
    "a layer's name": ("通知3.pdf", _pdf(catalog_extra=" /OCProperties << /OCGs [6 0 R] /D << /Order [6 0 R] >> >>",
                                        extra_objects=(f"<< /Type /OCG /Name (Tel {MOBILE}) >>",))),
    "alternative text in the structure tree": ("通知4.pdf", _pdf(
        catalog_extra=_STRUCTURE[0], page_extra=_STRUCTURE[1], stream=_STRUCTURE[2],
        extra_objects=("<< /Type /StructTreeRoot /K 7 0 R /ParentTree << /Nums [0 [7 0 R]] >> >>",
                       f"<< /Type /StructElem /S /Figure /P 6 0 R /Pg 3 0 R /K 0 /Alt ({_utf16_octal('身份证 ' + ID)}) >>"))),
    "XMP metadata stored compressed": ("通知5.pdf", _compressed_xmp(f"ID {ID}")),
    "a custom key of a PDF locked with an owner password": ("通知6.pdf", locked_pdf({"Title": "Notice", "Contact": f"Tel {MOBILE}"})),
    "an object stream through ASCII85 and Flate": ("通知7.pdf", _filtered_object_stream(
        "[/ASCII85Decode /FlateDecode]", lambda data: __import__("base64").a85encode(data) + b"~>")),
    "an object stream through abbreviated filters": ("通知8.pdf", _filtered_object_stream("[/AHx /Fl]", lambda data: data.hex().encode() + b">")),
    "a custom key after parentheses nested twice": ("通知9.pdf", _pdf(extra_objects=(f"<< /Title (Notice) /Contact (Tel ((a (b)) c) {MOBILE}) >>",),
                                                                    trailer="/Info 6 0 R")),
    "a custom property's name": ("通知10.pdf", _pdf(extra_objects=(f"<< /Title (Notice) /Tel#20{MOBILE} (x) >>",), trailer="/Info 6 0 R")),
}

# --- (a) an editor's attachments: text files read as written, not as the program that opens them shows them ---
# A .json was read as text (a browser's JSON viewer and every program decode \\u escapes); an .html or .svg in a
# zip as its source (a comment between two groups vanishes in a browser, an SVG <tspan> runs on its line); a
# .csv line by line (Excel opens a quoted cell over two lines as one cell, and shows ="138"&"00138000" as the
# number it makes).

_ESCAPED = "".join(f"\\u{ord(c):04x}" for c in ID)

AS_OPENED = {
    "\\u escapes in a .json": ("名单.json", ('{"姓名": "张三", "证件": "' + _ESCAPED + '"}').encode()),
    "the same in a zip": ("名单.zip", archive({"名单.json": '{"证件": "' + _ESCAPED + '"}'})),
    "an HTML comment between two groups": ("页面.zip", archive({"名单.html": f"<p>手机 138<!-- 注 -->00138000</p>"})),
    "SVG tspans": ("图.zip", archive({"图.svg": '<svg xmlns="http://www.w3.org/2000/svg"><text>手机 <tspan>138</tspan>'
                                             "<tspan>00138000</tspan></text></svg>"})),
    "a CSV formula joining two strings": ("名单.csv", '姓名,电话\n张三,="138"&"00138000"\n'.encode()),
    "a CSV cell over two lines": ("名单2.csv", '姓名,电话\n张三,"138\n00138000"\n'.encode()),
}

# --- (a) an editor's attachments: a zip appended to a PDF or a picture -----------------------------------
# A viewer shows the PDF or the picture; 7-Zip, WinRAR and unzip look for an archive's directory at the end of
# the file and open the list appended after it. The reader read the first kind only.

def _png() -> bytes:
    from PIL import Image
    stream = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(stream, "PNG")
    return stream.getvalue()


POLYGLOTS = {
    "a zip appended to a PDF": ("通知11.pdf", _pdf() + archive({"名单.csv": LIST})),
    "a zip appended to a picture": ("现场.png", _png() + archive({"名单.csv": LIST})),
}

HIDDEN = {**NAMED_AWAY, **PDF_OBJECTS, **AS_OPENED, **POLYGLOTS}


@pytest.fixture(scope="module")
def hidden_checked(tmp_path_factory):
    """One site with every case attached to its own document, through one real `disclosure check`."""
    return check(write_site(tmp_path_factory.mktemp("hidden"), _attached_each(HIDDEN)))


@pytest.mark.parametrize("label", HIDDEN)
def test_a_datum_in_a_part_the_reader_skipped_is_refused(hidden_checked, label):
    run = hidden_checked
    assert _refused_each(run, HIDDEN)[label], run.output
    assert run.returncode == 1 and "Traceback" not in run.output and ID not in run.output and MOBILE not in run.output


def test_the_build_refuses_a_list_in_a_font_part_and_a_custom_pdf_property(tmp_path):
    cases = {label: HIDDEN[label] for label in ("a list saved as a Word font", "a custom key of the document information")}
    run = build(write_site(tmp_path, _attached_each(cases)))
    assert all(_refused_each(run, cases).values()), run.output
    assert not (tmp_path / "site" / "policies").exists()


def test_real_fonts_printer_settings_pdf_objects_and_text_files_pass(tmp_path):
    """What offices really put there is no datum and no warning: an embedded TrueType font (and its
    obfuscated .odttf), a printer's DEVMODE, python-docx's own thumbnail, a PDF with dates, an /ID and a layer;
    a CSV with a sum and an address over two lines, a JSON of figures, an HTML table with numbers in two cells."""
    import glob
    fonts = sorted(glob.glob("/usr/share/fonts/truetype/*/*.ttf"))
    font = open(fonts[0], "rb").read() if fonts else b"\x00\x01\x00\x00" + bytes(range(256)) * 8
    key = bytes(range(16))
    obfuscated = bytes(byte ^ key[i % 16] for i, byte in enumerate(font[:32])) + font[32:]
    devmode = "Microsoft Print to PDF".encode("utf-16-le").ljust(64, b"\0") + bytes(range(256)) * 4
    cases = {
        "font": ("正文.docx", rezip(word(["第一条 为规范登记，制定本办法。"]), {"word/fonts/font1.ttf": font,
                                                                      "word/fonts/font2.odttf": obfuscated})),
        "printer": ("表.xlsx", rezip(xlsx({"A1": "检查结果", "B2": 2024}), {"xl/printerSettings/printerSettings1.bin": devmode})),
        "pdf": ("正文.pdf", _pdf(catalog_extra=" /OCProperties << /OCGs [6 0 R] /D << /Order [6 0 R] >> >>",
                               extra_objects=("<< /Type /OCG /Name (Layer 1) >>",
                                              "<< /Title (Notice 2024) /CreationDate (D:20240305120000+08'00') >>"),
                               trailer="/Info 7 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")),
    }
    cases.update({
        "csv": ("统计.csv", '项目,金额,地址\n合计,=SUM(B3:B4),"示例市\n中山路1号"\n一,1380013,x\n二,"8000",y\n'.encode()),
        "json": ("统计.json", '{"年份": "2024", "金额": "\\u0031\\u0032\\u0030\\u0030", "编号": ["138", "00138000"]}'.encode()),
        "html": ("统计.zip", archive({"表.html": "<table><tr><td>138</td><td>00138000</td></tr></table><!-- 2024 -->"})),
    })
    files = paired_policy()
    files["policies/a.md"] = policy(attachments=[{"file": f"files/{name}", "title": f"附件{i}"} for i, (name, _) in enumerate(cases.values())])
    files.update({f"policies/files/{name}": data for name, data in cases.values()})
    run = check(write_site(tmp_path, files), "--strict")
    assert run.returncode == 0 and "E400" not in run.output and "W40" not in run.output, run.output


# --- (b) a compromised department CI job: JSON that says one thing to the check and another to a reader ---
# The merge read a sealed JSON file (the unit's catalogue.json, its search rows) with json.loads, which keeps
# the last of two equal keys: a title written twice showed the check the second and whoever opens the file
# both. JSON nested deeper than the parser's recursion limit ended the merge in `内部错误（RecursionError…）`.

from disclosure.platform.unit_manifest import seal_unit_manifest  # noqa: E402

from .test_merge_verifies import built, platform, refused  # noqa: E402,F401  (the fixtures)
from .test_redteam3 import _withheld_in_content  # noqa: E402

DEEP = 200_000


def _seal(root, unit: str = "jyj") -> None:
    seal_unit_manifest(root / "build/units" / unit, unit)


@pytest.fixture(scope="module")
def sealed_numbers(merged_platform, tmp_path_factory) -> MergedCases:
    """The unit's catalogue.json with a key written twice (its first value an ID number) and its guide page with a
    percent-escaped mobile in a link, two files of the unit's output, sealed and merged once: each test asserts the
    line of its own file, with its own number masked."""
    from .batchkit import merged_once

    def changed(root) -> None:
        catalogue = root / "build/units/jyj/jyj/catalogue.json"
        text = catalogue.read_text(encoding="utf-8")
        assert '"title":' in text
        catalogue.write_text(text.replace('"title":', f'"title": "联系人身份证 {ID}", "title":', 1), encoding="utf-8")
        page = root / "build/units/jyj/jyj/guide/guide/index.html"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "</main>", f'<p><a href="tel:{_ESCAPED_MOBILE}">值班电话</a></p></main>', 1), encoding="utf-8")
        _seal(root)
    return merged_once(merged_platform, tmp_path_factory.mktemp("sealed-numbers"), changed)


def test_a_key_written_twice_in_a_sealed_json_file_is_read_both_times(sealed_numbers):
    sealed_numbers.refused("build/units/jyj/jyj/catalogue.json:1: E700 ", ID_MASKED)


NESTED_JSON = {
    "catalogue export": ("jyj/catalogue.json", ID_MASKED),    # read as the text it is: the number in it is found
    "search rows": ("search/units/jyj/d/0.json", "搜索数据不是有效的 JSON"),
}


@pytest.fixture(scope="module")
def nested_json(merged_platform, tmp_path_factory) -> MergedCases:
    """Every case's file (a file of its own) nested past the parser, sealed, merged once."""
    return sealed_once(merged_platform, tmp_path_factory.mktemp("nested-json"), "jyj", {
        path: "[" * DEEP + f'"身份证 {ID}"' + "]" * DEEP for path, _ in NESTED_JSON.values()})


@pytest.mark.parametrize("case", NESTED_JSON)
def test_a_sealed_json_file_nested_past_the_parser_is_a_coded_line(nested_json, case):
    path, expected = NESTED_JSON[case]
    nested_json.refused(f"build/units/jyj/{path}:1: E700 ", expected)


def test_a_unit_manifest_nested_past_the_parser_is_a_coded_line(platform):
    manifest = platform / "build/units/jyj/_unit/jyj/unit.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("{", '{"extra": ' + "[" * DEEP + "1" + "]" * DEEP + ", ", 1), encoding="utf-8")
    refused(platform, "build/units/jyj/_unit/jyj/unit.json:1: E701 ", "嵌套层次过深")


# --- (b) a compromised department CI job: a withheld page at an address a server takes for its own -------
# The merge refused a file at a withheld document's page address only when written exactly so; IIS on
# Windows (deploy/iis) matches names without case and without trailing dots or spaces, so jyj/fees/Secret./
# is served for jyj/fees/secret/. And the government's job could write JYJ/… over a department's pages there.

WITHHELD_ADDRESSES = ["jyj/fees/Secret/index.html", "jyj/fees/secret./index.html", "jyj/fees/secret /index.html",
                      "jyj/fees/SECRET.html"]
DEPARTMENT_FOLDERS = ["JYJ/index.html", "jyj./guide/index.html"]


@pytest.fixture(scope="module")
def withheld_addresses(merged_platform, tmp_path_factory) -> MergedCases:
    page = "<!doctype html><html><body><p>内部收费测算</p></body></html>"
    return sealed_once(merged_platform, tmp_path_factory.mktemp("withheld-addresses"), "jyj",
                       {variant: page for variant in WITHHELD_ADDRESSES}, before=_withheld_in_content)


@pytest.mark.parametrize("variant", WITHHELD_ADDRESSES)
def test_a_withheld_page_address_written_another_way_is_refused(withheld_addresses, variant):
    withheld_addresses.refused(f"build/units/jyj/{variant}:1: E700 ", "content/jyj/fees/secret.md 的页面位置")


@pytest.fixture(scope="module")
def department_folders(merged_platform, tmp_path_factory) -> MergedCases:
    page = "<!doctype html><html><body><p>冒充教育局的首页</p></body></html>"
    return sealed_once(merged_platform, tmp_path_factory.mktemp("department-folders"), "gov",
                       {variant: page for variant in DEPARTMENT_FOLDERS})


@pytest.mark.parametrize("variant", DEPARTMENT_FOLDERS)
def test_the_governments_output_under_a_departments_folder_written_another_way_is_refused(department_folders, variant):
    department_folders.refused(f"build/units/gov/{variant}:1: E700 ", "这个文件不在本单位的路径内")


# --- (c) an editor with mkdocs.yml: a setting written in the file it INHERITs from --------------------
# MkDocs reads `INHERIT: base.yml` first and mkdocs.yml over it; the merge, the report and the importer read
# mkdocs.yml alone. With docs_dir in base.yml the merge looked for withheld documents in docs/ (there is none),
# so a unit's page of a 不予公开 document merged; with site_dir there, `disclosure report --output public/r`
# wrote the office's report into the published folder.

def _inherit(root, *keys: str) -> None:
    import yaml
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    base = {key: config.pop(key) for key in keys if key in config}
    (root / "base.yml").write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"INHERIT": "base.yml", **config}, allow_unicode=True),
                                     encoding="utf-8")


def test_the_merge_finds_withheld_documents_in_an_inherited_docs_dir(platform):
    _inherit(platform, "docs_dir")
    _withheld_in_content(platform)
    target = platform / "build/units/jyj/jyj/fees/secret/index.html"
    target.parent.mkdir(parents=True)
    target.write_text("<!doctype html><html><body><p>内部收费测算</p></body></html>", encoding="utf-8")
    _seal(platform)
    refused(platform, "build/units/jyj/jyj/fees/secret/index.html:1: E700 ", "不公开")


def test_the_report_is_not_written_into_an_inherited_site_dir(tmp_path):
    from .test_office_report import CATALOGUE, hand_counted_files, report
    root = write_site(tmp_path, hand_counted_files(), catalogue=CATALOGUE, mkdocs_extra={"site_dir": "public"})
    _inherit(root, "site_dir", "docs_dir")
    (root / "public").mkdir()
    done = report(root, "--output", "public/office")
    assert done.returncode == 2 and "报告会被公开发布" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (root / "public/office").exists()


# --- (c) an editor with mkdocs.yml: the search plugin's options ------------------------------------------
# mkdocs.yml's printed values were read but for `plugins`; the search plugin writes its options (separator,
# lang, pipeline) into search/search_index.json, which every reader's browser downloads.

def test_a_number_in_the_search_plugins_options_is_refused(tmp_path):
    root = write_site(tmp_path, paired_policy(), search=True, mkdocs_extra={
        "plugins": [{"search": {"separator": f"[\\s\\-]+|{MOBILE}"}}, "disclosure"]})
    run = build(root)
    assert run.returncode == 1 and any(line.startswith("mkdocs.yml:") and " E400 " in line and MOBILE_MASKED in line
                                       for line in run.coded_lines()), run.output
    assert not (root / "site" / "search").exists()


# --- (b) a compromised department CI job: a .txt or .csv attachment read more loosely than the build reads it ---
# The merge read a sealed .txt or .csv line by line ("a line break joins no number"); the unit's build reads a
# .txt paragraph by paragraph and now a .csv record by record with its formulas. The same reader now.

SEALED_TEXTS = {"txt lines": ("名单.txt", "联系人手机 138\n0013 8000\n"),
                "csv formula": ("名单.csv", '姓名,电话\n张三,="138"&"00138000"\n'),
                "csv cell": ("名单2.csv", '张三,"138\n00138000"\n')}


@pytest.fixture(scope="module")
def sealed_texts(merged_platform, tmp_path_factory) -> MergedCases:
    """Every case's file (each of its own name) sealed into the unit's output, merged once."""
    return sealed_once(merged_platform, tmp_path_factory.mktemp("sealed-texts"), "jyj",
                       {f"jyj/guide/guide/{name}": text for name, text in SEALED_TEXTS.values()})


@pytest.mark.parametrize("case", SEALED_TEXTS)
def test_a_sealed_text_attachment_is_read_as_the_build_reads_it(sealed_texts, case):
    name, _ = SEALED_TEXTS[case]
    sealed_texts.refused(f"build/units/jyj/jyj/guide/guide/{name}:1: E700 ", MOBILE_MASKED)


# --- (c) a folder of saved pages: the import's report written where the site is published -----------------
# `disclosure report --output` refuses content/, site/, build/ and the theme's folder; `disclosure import
# --report` wrote its report (which pages were imported as withheld, and why) anywhere: into site/ after a
# build, it went out with the next deployment. The same place check now.

@pytest.mark.parametrize("place", ["site/导入报告.csv", "build/units/gov/导入.json", "content/notices/导入.md"])
def test_the_import_report_is_not_written_where_it_would_be_published(tmp_path, place):
    from .test_import import CMS_CATALOGUE, TABLES, run_import
    from .test_redteam4 import SAVED
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    for folder in ("site", "build/units/gov"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "p.html").write_text(SAVED.format(hidden=""), encoding="utf-8")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", place)
    assert done.returncode == 2 and "导入报告" in done.stderr and "报告会被公开发布" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


# --- (a) an editor with the theme folder: pictures and fonts it copies into the site unread -------------
# overrides/ may hold pictures and fonts besides style sheets and scripts; the style sheets and scripts were
# read, the pictures and fonts not at all: a list saved as assets/images/logo.png (any program opens it by its
# content), a PNG's text chunk, a "font" that is a zip went into site/ as they were.

def _png_with_text(text: str) -> bytes:
    import zlib as _zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", _zlib.crc32(kind + body))
    pixels = _zlib.compress(b"\x00\xff\xff\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + text.encode()) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


THEME_PICTURES_AND_FONTS = {
    "a list named as a picture": ("assets/images/logo.png", LIST),
    "a picture's text chunk": ("assets/images/banner.png", _png_with_text(f"Contact {MOBILE}")),
    "a zip named as a font": ("assets/fonts/extra.woff2", archive({"名单.csv": LIST})),
}


@pytest.fixture(scope="module")
def theme_pictures_and_fonts(tmp_path_factory):
    """Every case's file in one theme folder (each at its own path), built once."""
    from .test_redteam_review import THEME
    root = theme_folder_site(tmp_path_factory.mktemp("theme-pictures"), dict(THEME_PICTURES_AND_FONTS.values()), THEME)
    return root, build(root)


@pytest.mark.parametrize("case", THEME_PICTURES_AND_FONTS)
def test_a_picture_or_font_in_the_theme_folder_is_read(theme_pictures_and_fonts, case):
    name, _ = THEME_PICTURES_AND_FONTS[case]
    root, run = theme_pictures_and_fonts
    assert run.returncode == 1 and any(line.startswith(f"overrides/{name}:") and " E400 " in line
                                       for line in run.coded_lines()), run.output
    assert not (root / "site" / name).exists()


def test_real_pictures_and_fonts_in_the_theme_folder_pass(tmp_path):
    import glob
    import shutil
    from .sitekit import REPO
    from .test_redteam_review import THEME
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"theme": {**THEME, "custom_dir": "overrides"}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "overrides/assets/images").mkdir(parents=True)
    (root / "overrides/assets/images/logo.png").write_bytes(_png_with_text("Made 2024-03-05 600dpi"))
    fonts = sorted(glob.glob("/usr/share/fonts/truetype/*/*.ttf"))
    if fonts:
        shutil.copy(fonts[0], root / "overrides/assets/images/x.ttf")
    run = build(root)
    assert run.returncode == 0, run.output


# --- (b) a compromised government CI job: the theme's assets/ it seals -----------------------------------
# The merge published the government's assets/ (the theme's scripts, style sheets, pictures) without reading
# them at all, though the government's build reads its theme folder: a list saved as assets/images/logo.png,
# sealed, was merged. They are read for personal data now (not judged as pages: they are scripts).

SEALED_ASSETS = {"a list named as a picture": ("assets/images/logo.png", LIST),
                 "a script": ("assets/javascripts/extra.js", f"var contact = '{ID}';\n".encode())}


@pytest.fixture(scope="module")
def sealed_assets(merged_platform, tmp_path_factory) -> MergedCases:
    """Every case's file (each at its own path) sealed into the government's output, merged once."""
    return sealed_once(merged_platform, tmp_path_factory.mktemp("sealed-assets"), "gov", dict(SEALED_ASSETS.values()))


@pytest.mark.parametrize("case", SEALED_ASSETS)
def test_the_governments_sealed_assets_are_read_for_personal_data(sealed_assets, case):
    name, _ = SEALED_ASSETS[case]
    sealed_assets.refused(f"build/units/gov/{name}:1: E700 ", "个人信息")


# --- (a)+(b) a number %-escaped in a link's address --------------------------------------------------------
# The scans read attribute values as written: tel:%31%33%38… is dialled as the digits by every phone,
# mailto:…?body=%31… fills them into the mail, and a browser shows an address decoded. Refused on the page that
# builds it (E400 on the Markdown line) and in a sealed unit page (E700).

_ESCAPED_MOBILE = "".join(f"%{ord(c):02X}" for c in MOBILE)


ESCAPED_LINKS = {"tel": f"tel:{_ESCAPED_MOBILE}", "mailto": f"mailto:office@example.invalid?body={_ESCAPED_MOBILE}",
                 "https": f"https://example.invalid/{_ESCAPED_MOBILE}/"}


@pytest.fixture(scope="module")
def escaped_links(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("escaped-links"),
                      policies_saying({case: f"[联系我们]({link})" for case, link in ESCAPED_LINKS.items()})).built()


@pytest.mark.parametrize("case", ESCAPED_LINKS)
def test_a_number_percent_escaped_in_a_link_is_refused(escaped_links, case):
    run = escaped_links.run
    assert run.returncode == 1 and any(line.startswith(f"{escaped_links.path(case, 'policies/a.md')}:12: E400 ")
                                       and MOBILE_MASKED in line for line in escaped_links.lines(case, "policies/a.md")), run.output


def test_a_sealed_page_with_a_percent_escaped_number_in_a_link_is_refused(sealed_numbers):
    sealed_numbers.refused("build/units/jyj/jyj/guide/guide/index.html:1: E700 ", MOBILE_MASKED)


def test_the_governments_sealed_fonts_and_pictures_without_personal_data_merge(platform):
    """A real font (which no program reads text from) and a picture among the government's assets merge: the files of
    its theme folder (overrides/assets/, a copy here), which the government's build copies (round 27b: the government's
    assets/ are the installed theme's and the theme folder's files, byte for byte)."""
    import glob
    import shutil
    from .sitekit import REPO
    shutil.copytree(REPO / "overrides", platform / "overrides")
    config = platform / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "overrides"), "overrides"), encoding="utf-8")
    fonts = sorted(glob.glob("/usr/share/fonts/truetype/*/*.ttf"))
    for assets in (platform / "build/units/gov/assets", platform / "overrides/assets"):
        (assets / "fonts").mkdir(parents=True, exist_ok=True)
        if fonts:
            shutil.copy(fonts[0], assets / "fonts/extra.ttf")
        (assets / "fonts/extra.woff2").write_bytes(b"wOF2\x00\x01\x00\x00" + bytes(range(256)) * 4)
        (assets / "images").mkdir(parents=True, exist_ok=True)
        (assets / "images/logo.png").write_bytes(_png())
    _seal(platform, "gov")
    from .test_merge_verifies import disclosure
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (platform / "site/assets/fonts/extra.woff2").exists()
