"""Issue 24 points 4 and 5, as a hostile editor tries them: a 身份证号 or a mobile number hidden in a
part of an attachment that a reader sees or a program extracts, written as people write numbers
(runs of spaces, lines, Chinese numerals) anywhere the site prints, and attachments built to exhaust
the reader (zip bombs, a sheet spanning A1:XFD1048576, archives nested deep). Every hostile file is
built for real (python-docx, openpyxl, fpdf2, zipfile) and goes through the real `disclosure check`
and MkDocs build."""

from __future__ import annotations

import base64
import io

import pytest
import yaml

from .attachmentkit import (R_NS, W_NS, archive, lying_zip, nested_zips, pdf, pdf_form, pdf_revised, pdf_with, rezip,
                            sheet_with, word, word_part, word_with, xls, xlsx)
from .batchkit import Cases, cases_site
from .seeds import seed_names, seed_texts
from .sitekit import build, check, deferred, front_matter, paired_policy, policy, write_site

ID, ID_MASKED = "110101199003077715", "110101********7715"
MOBILE, MOBILE_MASKED = "13800138000", "138****8000"
MIB = 1024 * 1024


def _attached(name: str, data: bytes | str, **extra) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/a.md": policy(attachments=[{"file": f"files/{name}", "title": "附件", **extra}]),
            f"policies/files/{name}": data}


# --- Word: every part ------------------------------------------------------------------------------

def _first_page_header(document):
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = f"经办人身份证号 {ID}"


def _even_page_footer(document):
    document.settings.odd_and_even_pages_header_footer = True
    document.sections[0].even_page_footer.paragraphs[0].text = f"经办人身份证号 {ID}"


def _alt_text(document):
    from PIL import Image
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, "PNG")
    document.add_picture(picture)
    document.inline_shapes[0]._inline.docPr.set("descr", f"申请人身份证 {ID}")


def _hyperlink_target(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    rid = document.part.relate_to(f"tel:+86{MOBILE}", RT.HYPERLINK, is_external=True)
    document.add_paragraph()._p.append(parse_xml(f'<w:hyperlink {W_NS} {R_NS} r:id="{rid}"><w:r><w:t>联系我们</w:t></w:r></w:hyperlink>'))


def _field_code(document):
    from docx.oxml import parse_xml
    document.element.body.insert(0, parse_xml(
        f'<w:p {W_NS}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
        f'"tel:{MOBILE}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>值班电话</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))


def _alt_chunk(partname: str, content_type: str, blob: bytes):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    return lambda document: word_part(document, partname, content_type, blob, RT.A_F_CHUNK,
                                      f'<w:altChunk {W_NS} {R_NS} r:id="{{rid}}"/>')


def _embedded_workbook(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    word_part(document, "/word/embeddings/Microsoft_Excel_Worksheet.xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx({"B2": ID}), RT.PACKAGE)


def _core_properties(document):
    document.core_properties.comments = f"经办人手机 {MOBILE}"


@deferred
def _body(runs: str) -> bytes:
    """A .docx whose body is one paragraph of these runs (Word's XML)."""
    return rezip(word(["说明"]), {"word/document.xml": f"<w:document {W_NS}><w:body><w:p>{runs}</w:p></w:body></w:document>"})


HIDDEN_DIGITS = ('<w:r><w:t xml:space="preserve">手机 138</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>99</w:t></w:r>'
                 '<w:r><w:t xml:space="preserve">0013 8000</w:t></w:r>')
DELETED_DIGITS = ('<w:r><w:t xml:space="preserve">手机 138</w:t></w:r><w:del w:id="1" w:author="审核人"><w:r><w:delText>99</w:delText>'
                  '</w:r></w:del><w:r><w:t xml:space="preserve">0013 8000</w:t></w:r>')
INSERTED_DIGITS = DELETED_DIGITS.replace("w:del ", "w:ins ").replace("</w:del>", "</w:ins>").replace("delText", "t")
ORPHAN_HEADER = (f'<w:hdr {W_NS}><w:p><w:r><w:t>经办人手机 {MOBILE}</w:t></w:r></w:p></w:hdr>').encode()
CUSTOM_PROPERTIES = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="联系人"><vt:lpwstr>{MOBILE}</vt:lpwstr></property>'
    "</Properties>").encode()

MHT = ("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/html; charset=utf-8\n"
       "Content-Transfer-Encoding: base64\n\n" + base64.b64encode(f"<p>申请人 {ID}</p>".encode()).decode() + "\n--b--\n").encode()
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Zhang '
       f"{MOBILE}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
CONTENT_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
A_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _zip_with_comment(comment: str) -> bytes:
    import zipfile
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        package.writestr("说明.txt", "无")
        package.comment = comment.encode("utf-8")
    return stream.getvalue()


# --- Spreadsheets ----------------------------------------------------------------------------------

MANIFEST = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'


def _ods_content(cells: str, row_attributes: str = "", styles: str = "") -> str:
    """An OpenDocument spreadsheet's content.xml with one sheet 名单 of one row of `cells`, and `styles`."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
    return (f'<office:document-content {ns}><office:automatic-styles>{styles}</office:automatic-styles><office:body>'
            f'<office:spreadsheet><table:table table:name="名单"><table:table-row{row_attributes}>{cells}</table:table-row>'
            "</table:table></office:spreadsheet></office:body></office:document-content>")


def _ods_styled(data_style: str, cell: str) -> bytes:
    """An .ods whose one cell `cell` has the cell style ce1 showing it through `data_style` (named N1)."""
    styles = data_style + '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>'
    return archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": MANIFEST,
                    "content.xml": _ods_content(cell, styles=styles)})


# The .ods forms of 000000"19900307"0000, "110101"@ and "110101"yyyymmdd"7715".
ODS_EMBEDDED_TEXT = ('<number:number-style style:name="N1"><number:number number:decimal-places="0" number:min-integer-digits="6">'
                     '<number:embedded-text number:position="4">19900307</number:embedded-text></number:number></number:number-style>')
ODS_TEXT_PREFIX = '<number:text-style style:name="N1"><number:text>110101</number:text><number:text-content/></number:text-style>'
ODS_DATE_BETWEEN = ('<number:date-style style:name="N1"><number:text>110101</number:text><number:year number:style="long"/>'
                    '<number:month number:style="long"/><number:day number:style="long"/><number:text>7715</number:text>'
                    "</number:date-style>")


def _page_footer(workbook):
    workbook.active.oddFooter.center.text = f"经办人 {MOBILE}"


def _first_page_sheet_header(workbook):
    sheet = workbook.active
    sheet.HeaderFooter.differentFirst = True
    sheet.firstHeader.left.text = f"经办人 {MOBILE}"


def _workbook_properties(workbook):
    workbook.properties.creator = f"张三 {MOBILE}"


TEXT_BOX = (
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:sp><xdr:txBody>'
    '<a:p><a:r><a:t>联系人 138 0013 </a:t></a:r><a:r><a:t>8000</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>')

def _array_formula(workbook):
    from openpyxl.worksheet.formula import ArrayFormula
    workbook.active["B2"] = ArrayFormula("B2", '=CONCAT("110101","19900307","7715")')


def _defined_name(workbook):
    from openpyxl.workbook.defined_name import DefinedName
    workbook.defined_names["前缀"] = DefinedName("前缀", attr_text='"110101"')
    workbook.active["B2"] = '=前缀&"19900307"&"7715"'


def _conditional_format(workbook):
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.styles.numbers import NumberFormat
    workbook.active["B2"] = 1101017715
    rule = CellIsRule(operator="greaterThan", formula=["0"])
    rule.dxf = DifferentialStyle(numFmt=NumberFormat(numFmtId=200, formatCode='000000"19900307"0000'))
    workbook.active.conditional_formatting.add("B2", rule)


# A shared formula (Excel writes a column of like formulas once): B3's <f> has no text, and is B2's
# "110101"&A2 moved a row down, so it joins A3.
SHARED_FORMULA_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2"><f t="shared" ref="B2:B3" si="0">"110101"&amp;A2</f></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>199003077715</t></is></c><c r="B3"><f t="shared" si="0"/></c></row>'
    "</sheetData></worksheet>")

def _shared_string_sheet(rows: dict[str, object], formats: dict[str, str]) -> bytes:
    """`xlsx(rows, formats=formats)` (openpyxl writes text cells as inline strings) with its text cells
    moved to the shared string table (t="s"), as Excel and WPS write them."""
    import re
    import zipfile
    workbook = xlsx(rows, formats=formats)
    package = zipfile.ZipFile(io.BytesIO(workbook))
    strings: list[str] = []

    def shared(cell: re.Match) -> str:
        strings.append(cell.group(2))
        return f'{cell.group(1)} t="s"><v>{len(strings) - 1}</v></c>'
    sheet = re.sub(r'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t>(.*?)</t></is></c>', shared,
                   package.read("xl/worksheets/sheet1.xml").decode())
    table = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + "".join(f"<si><t>{text}</t></si>" for text in strings) + "</sst>")
    relations = package.read("xl/_rels/workbook.xml.rels").decode().replace(
        "</Relationships>", '<Relationship Id="rIdStrings" Target="sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    types = package.read("[Content_Types].xml").decode().replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return rezip(workbook, {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": table,
                            "xl/_rels/workbook.xml.rels": relations, "[Content_Types].xml": types})


# Word's 插入→符号: a digit with no text node, in a text font (0037) or a symbol font (F037, Word's F000 offset).
SYMBOL_IN_HEADER = (f'<w:hdr {W_NS}><w:p><w:r><w:t xml:space="preserve">经办人身份证号 11010119900307</w:t></w:r>'
                    '<w:r><w:sym w:font="Symbol" w:char="F037"/></w:r><w:r><w:t>715</w:t></w:r></w:p></w:hdr>').encode()
ODS_FORMULA = ('<table:table-cell table:formula="of:=CONCATENATE(&quot;110101&quot;;&quot;19900307&quot;;7715)" '
               'office:value-type="string" office:string-value=""><text:p/></table:table-cell>')

HIDDEN = {
    # Word
    "docx first-page header": ("说明.docx", word_with(_first_page_header), ID_MASKED, "页眉"),
    "docx even-page footer": ("说明.docx", word_with(_even_page_footer), ID_MASKED, "页脚"),
    "docx header no section shows": ("说明.docx", rezip(word(["说明"]), {"word/header9.xml": ORPHAN_HEADER}), MOBILE_MASKED, "页眉"),
    "docx picture alt text": ("说明.docx", word_with(_alt_text), ID_MASKED, "descr"),
    "docx hyperlink target": ("说明.docx", word_with(_hyperlink_target), MOBILE_MASKED, "链接地址"),
    "docx field code": ("说明.docx", word_with(_field_code), MOBILE_MASKED, "第1段"),
    "docx alt-chunk HTML": ("说明.docx", word_with(_alt_chunk("/word/afchunk.htm", "text/html",
                                                            f"<html><body><p>申请人 {ID}</p></body></html>".encode())),
                            ID_MASKED, "afchunk.htm"),
    "docx alt-chunk RTF": ("说明.docx", word_with(_alt_chunk("/word/afchunk2.rtf", "application/rtf",
                                                           b"{\\rtf1\\ansi Tel \\'31\\'33\\'38 0013 8000\\par}")),
                           MOBILE_MASKED, "afchunk2.rtf"),
    "docx embedded workbook": ("说明.docx", word_with(_embedded_workbook), ID_MASKED, "单元格 B2"),
    "docx document properties": ("说明.docx", word_with(_core_properties), MOBILE_MASKED, "文档属性"),
    "docx custom properties": ("说明.docx", rezip(word(["说明"]), {"docProps/custom.xml": CUSTOM_PROPERTIES}),
                               MOBILE_MASKED, "自定义文档属性"),
    "docx alt-chunk web archive (base64)": ("说明.docx", word_with(_alt_chunk("/word/afchunk3.mht", "message/rfc822", MHT)),
                                            ID_MASKED, "afchunk3.mht"),
    "docx hidden digits inside the number": ("说明.docx", _body(HIDDEN_DIGITS), MOBILE_MASKED, "第1段"),
    "docx tracked deletion inside the number": ("说明.docx", _body(DELETED_DIGITS), MOBILE_MASKED, "第1段"),
    "docx tracked insertion inside the number": ("说明.docx", _body(INSERTED_DIGITS), MOBILE_MASKED, "第1段"),
    "docx Chinese numerals": ("说明.docx", word(["联系人手机 幺三八 〇〇幺三 八〇〇〇"]), MOBILE_MASKED, "第1段"),
    "docx digit as a symbol-font character in a header": ("说明.docx", rezip(word(["说明"]), {"word/header9.xml": SYMBOL_IN_HEADER}),
                                                          ID_MASKED, "页眉"),
    "docx digit as a symbol in the body": ("说明.docx", _body('<w:r><w:t xml:space="preserve">手机 1380013800</w:t></w:r>'
                                                             '<w:r><w:sym w:font="Times New Roman" w:char="0030"/></w:r>'),
                                           MOBILE_MASKED, "第1段"),
    # Spreadsheets
    "xlsx page footer": ("名单.xlsx", sheet_with(_page_footer), MOBILE_MASKED, "工作表"),
    "xlsx first-page header": ("名单.xlsx", sheet_with(_first_page_sheet_header), MOBILE_MASKED, "工作表"),
    "xlsx text box": ("名单.xlsx", rezip(xlsx({"A1": "姓名"}), {"xl/drawings/drawing9.xml": TEXT_BOX}), MOBILE_MASKED,
                      "文本框或图形"),
    "xlsx embedded workbook": ("名单.xlsx", rezip(xlsx({"A1": "姓名"}), {"xl/embeddings/Book1.xlsx": xlsx({"C3": ID})}),
                               ID_MASKED, "单元格 C3"),
    "xlsx document properties": ("名单.xlsx", sheet_with(_workbook_properties), MOBILE_MASKED, "文档属性"),
    # What a sheet shows through a cell's number format, or computes from a formula saved without its result
    "xlsx number format escaping digits": ("名单.xlsx", xlsx({"B2": 1101017715}, formats={"B2": "000000\\1\\9\\9\\0\\0\\3\\0\\70000"}),
                                           ID_MASKED, "单元格 B2（按数字格式显示）"),
    "xlsx text format with a prefix": ("名单.xlsx", xlsx({"B2": "199003077715"}, formats={"B2": '"110101"@'}), ID_MASKED,
                                       "单元格 B2（按数字格式显示）"),
    "xlsx text format on a shared string": ("名单.xlsx", _shared_string_sheet({"B2": "199003077715"}, {"B2": '"110101"@'}), ID_MASKED,
                                            "单元格 B2（按数字格式显示）"),
    "xlsx date format between literals": ("名单.xlsx", xlsx({"B2": 32939}, formats={"B2": '"110101"yyyymmdd"7715"'}), ID_MASKED,
                                          "单元格 B2（按数字格式显示）"),
    "xlsx section for text values": ("名单.xlsx", xlsx({"B2": "见下"}, formats={"B2": '0;0;0;"经办人 13800138000"'}), MOBILE_MASKED,
                                     "单元格 B2（按数字格式显示）"),
    "xlsx number scaled by its format": ("名单.xlsx", xlsx({"B2": 13800138000123456}, formats={"B2": "0,,"}), MOBILE_MASKED,
                                         "单元格 B2（按数字格式显示）"),
    "xlsx number rounded in a narrow column": ("名单.xlsx", xlsx({"B2": 13800137999.6}), MOBILE_MASKED, "四舍五入显示"),
    "xlsx formula CONCATENATE": ("名单.xlsx", xlsx({"B2": '=CONCATENATE("110101","19900307",7715)'}), ID_MASKED, "B2的公式"),
    "xlsx formula with TEXT": ("名单.xlsx", xlsx({"B2": '="110101"&TEXT(32939,"yyyymmdd")&"7715"'}), ID_MASKED, "B2的公式"),
    "xlsx array formula": ("名单.xlsx", sheet_with(_array_formula), ID_MASKED, "B2的公式"),
    "xlsx formula joining other cells": ("名单.xlsx", xlsx({"A2": "110101", "C2": "199003077715", "B2": "=$A$2&C2"}), ID_MASKED,
                                         "B2的公式"),
    "xlsx formula joining a range": ("名单.xlsx", xlsx({"D2": "138", "E2": "0013", "F2": "8000", "B2": '=TEXTJOIN("",TRUE,D2:F2)'}),
                                     MOBILE_MASKED, "B2的公式"),
    "xlsx shared formula moved to another row": ("名单.xlsx", rezip(xlsx({"A1": "姓名"}), {"xl/worksheets/sheet1.xml": SHARED_FORMULA_SHEET}),
                                                 ID_MASKED, "B3的公式"),
    "xlsx formula joining a formula saved without its result": ("名单.xlsx", xlsx({"B1": '="110101"&"1990"', "C1": '=B1&"03077715"'}),
                                                                ID_MASKED, "C1的公式"),
    "xlsx formula with TEXT of a cell": ("名单.xlsx", xlsx({"A2": 19900307, "B2": '="110101"&TEXT(A2,"00000000")&"7715"'}), ID_MASKED,
                                         "B2的公式"),
    "xlsx formula on an Excel 4.0 macro sheet": ("名单.xlsx", rezip(xlsx({"A1": "姓名"}), {"xl/macrosheets/sheet2.xml": SHARED_FORMULA_SHEET.replace(
        '"110101"&amp;A2', '"110101"&amp;"19900307"&amp;"7715"')}), ID_MASKED, "B2的公式"),
    "xlsx formula with a defined name": ("名单.xlsx", sheet_with(_defined_name), ID_MASKED, "B2的公式"),
    "xlsx formula of character codes": ("名单.xlsx", xlsx({"B2": "=CHAR(49)&CHAR(51)&CHAR(56)&\"00138000\""}), MOBILE_MASKED,
                                        "B2的公式"),
    "xlsx formula multiplying numbers": ("名单.xlsx", xlsx({"B2": "=13800138*1000"}), MOBILE_MASKED, "B2的公式"),
    "xls number format with literal digits": ("名单.xls", xls({(1, 1): 1101017715}, {(1, 1): '000000"19900307"0000'}), ID_MASKED,
                                              "单元格 B2（按数字格式显示）"),
    "WPS .et text format with a prefix": ("名单.et", xls({(1, 1): "199003077715"}, {(1, 1): '"110101"@'}), ID_MASKED,
                                          "单元格 B2（按数字格式显示）"),
    "ods data style with text between the digits": ("名单.ods", _ods_styled(ODS_EMBEDDED_TEXT, '<table:table-cell table:style-name="ce1" '
                                                   'office:value-type="float" office:value="1101017715"><text:p>1101017715</text:p>'
                                                   "</table:table-cell>"), ID_MASKED, "单元格 A1（按数字格式显示）"),
    "ods text style with a prefix": ("名单.ods", _ods_styled(ODS_TEXT_PREFIX, '<table:table-cell table:style-name="ce1" '
                                                            'office:value-type="string"><text:p>199003077715</text:p></table:table-cell>'),
                                     ID_MASKED, "单元格 A1（按数字格式显示）"),
    "ods date style between literals": ("名单.ods", _ods_styled(ODS_DATE_BETWEEN, '<table:table-cell table:style-name="ce1" '
                                                               'office:value-type="date" office:date-value="1990-03-07"><text:p>x</text:p>'
                                                               "</table:table-cell>"), ID_MASKED, "单元格 A1（按数字格式显示）"),
    "xlsx conditional number format": ("名单.xlsx", sheet_with(_conditional_format), ID_MASKED, "单元格 B2（按数字格式显示）"),
    "ods formula": ("名单.ods", archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                        "META-INF/manifest.xml": MANIFEST, "content.xml": _ods_content(ODS_FORMULA)}),
                    ID_MASKED, "公式"),
    # PDF
    "pdf form field value": ("申请表.pdf", pdf_form(MOBILE), MOBILE_MASKED, "填写值"),
    "pdf text annotation": ("公示.pdf", pdf_with(lambda w: w.text_annotation(10, 10, f"Phone {MOBILE}")), MOBILE_MASKED, "注释"),
    "pdf free-text annotation": ("公示.pdf", pdf_with(lambda w: w.free_text_annotation(f"ID {ID}", x=10, y=60, w=90, h=10)),
                                 ID_MASKED, "注释"),
    "pdf embedded file": ("公示.pdf", pdf_with(lambda w: w.embed_file(bytes=f"name,id\nZhang,{ID}\n".encode(), basename="list.csv")),
                          ID_MASKED, "所附文件“list.csv”第2行"),
    "pdf author": ("公示.pdf", pdf_with(lambda w: w.set_author(f"Zhang {MOBILE}")), MOBILE_MASKED, "文档属性"),
    "pdf link target": ("公示.pdf", pdf_with(lambda w: w.link(10, 10, 50, 10, f"tel:+86{MOBILE}")), MOBILE_MASKED, "链接地址"),
    "pdf XMP metadata": ("公示.pdf", pdf_with(lambda w: w.set_xmp_metadata(XMP)), MOBILE_MASKED, "文档属性"),
    "pdf earlier version under an appended one": ("公示.pdf", pdf_revised("ID 110101 19900307 7715", "Notice"), ID_MASKED,
                                                  "修改前的第1版第1页"),
    "pdf number over two lines": ("公示.pdf", pdf([["Notice", "ID 110101 19900307", "7715 end"]]), ID_MASKED, "第1页第2行"),
    # Plain text
    "csv UTF-16LE without BOM": ("名单.csv", f"姓名,电话\r\n张三,{MOBILE}\r\n".encode("utf-16-le"), MOBILE_MASKED, "第2行"),
    "txt UTF-16BE without BOM": ("名单.txt", f"申请人 张三\n身份证号 {ID}\n".encode("utf-16-be"), ID_MASKED, "第2行"),
    "txt number over two lines": ("说明.txt", "第一段。\n\n联系人手机 138 0013\n8000，请联系。\n", MOBILE_MASKED, "第3行"),
    # Archives
    "zip holding a csv": ("材料.zip", archive({"名单.csv": f"姓名,身份证号\n张三,{ID}\n"}), ID_MASKED, "压缩包内“名单.csv”第2行"),
    "zip in a zip holding a docx": ("材料.zip", nested_zips(2, {"说明.docx": word([f"身份证号 {ID}"])}), ID_MASKED, "第1段"),
    "zip renamed to .txt": ("说明.txt", archive({"名单.csv": f"张三,{ID}\n"}), ID_MASKED, "压缩包内“名单.csv”第1行"),
    "zip comment": ("材料.zip", _zip_with_comment(f"联系人 {MOBILE}"), MOBILE_MASKED, "压缩包注释"),
    # Other office packages
    "pptx speaker notes": ("汇报.pptx", archive({"[Content_Types].xml": CONTENT_TYPES, "ppt/notesSlides/notesSlide1.xml":
                                                f"<p:notes xmlns:p='p' {A_NS}><a:p><a:r><a:t>备注 {MOBILE}</a:t></a:r></a:p></p:notes>"}),
                           MOBILE_MASKED, "演讲者备注"),
    "odt spaces written as text:s": ("说明.odt", archive({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml":
                                                       f"<office:document-content {ODF_NS}><office:body><office:text><text:p>手机 138"
                                                       '<text:s text:c="3"/>0013<text:span>8000</text:span></text:p>'
                                                       "</office:text></office:body></office:document-content>"}),
                                     MOBILE_MASKED, "内容第1段"),
    "zip entry name": ("材料.zip", archive({f"张三{MOBILE}.txt": "无"}), MOBILE_MASKED, "压缩包内的文件名"),
}


def _hidden_document(number: int, name: str) -> str:
    return policy(index_no=f"T001/2024-{100 + number:05d}", attachments=[{"file": f"files/{number}/{name}", "title": "附件"}])


@pytest.fixture(scope="module")
def every_part_checked(tmp_path_factory):
    """One site holding every hidden case, each attached to its own document, through one real check:
    as a hostile editor would hand them over together, and one run instead of one per case."""
    files = paired_policy()
    for number, (name, data, _, _) in enumerate(HIDDEN.values()):
        files[f"policies/hidden{number}.md"] = _hidden_document(number, name)
        files[f"policies/files/{number}/{name}"] = data
    return check(write_site(tmp_path_factory.mktemp("every-part"), files))


@pytest.mark.parametrize("number, case", list(enumerate(HIDDEN.values())), ids=list(HIDDEN))
def test_personal_data_in_any_part_of_an_attachment_is_refused(every_part_checked, number, case):
    name, _, masked, where = case
    run = every_part_checked
    reports = [line for line in run.coded_lines() if line.startswith(f"content/policies/hidden{number}.md:")
               and " E400 " in line and f"附件“{name}”" in line and masked in line]
    assert reports and where in reports[0], run.output
    assert run.returncode == 1 and "Traceback" not in run.output
    assert ID not in run.output and MOBILE not in run.output


def test_the_build_refuses_a_number_in_a_first_page_header_and_writes_nothing(tmp_path):
    root = write_site(tmp_path, _attached("说明.docx", word_with(_first_page_header)))
    run = build(root)
    assert run.returncode != 0 and not (root / "site").exists()
    assert any(" E400 " in line and ID_MASKED in line for line in run.coded_lines()), run.output


# A number computed from parts held elsewhere: another sheet's cells, an OpenDocument formula's cell
# references, a Word = field (its result is worked out when the fields are updated, as on printing).
COMPUTED_FROM_ELSEWHERE = {
    "xlsx formula joining cells of another sheet": (
        "名单.xlsx", sheet_with(lambda wb: (wb.create_sheet("甲").__setitem__("A1", "110101"),
                                            wb.create_sheet("乙").__setitem__("A1", "199003077715"),
                                            wb.active.__setitem__("B2", "=甲!A1&乙!A1"))), ID_MASKED),
    "ods formula joining cells": (
        "名单.ods", archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": MANIFEST,
                             "content.xml": _ods_content('<table:table-cell office:value-type="string"><text:p>110101</text:p>'
                                                         '</table:table-cell><table:table-cell office:value-type="string"><text:p>'
                                                         '199003077715</text:p></table:table-cell><table:table-cell '
                                                         'table:formula="of:=[.A1]&amp;[.B1]" office:value-type="string" '
                                                         'office:string-value=""><text:p/></table:table-cell>')}), ID_MASKED),
    "docx formula field saved without its result": (
        "说明.docx", _body('<w:r><w:t xml:space="preserve">手机 </w:t></w:r><w:fldSimple w:instr=" = 13800138 * 1000 "><w:r><w:t>0</w:t>'
                           "</w:r></w:fldSimple>"), MOBILE_MASKED),
}


@pytest.fixture(scope="module")
def computed_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("computed"), {
        case: _attached(name, data) for case, (name, data, _) in COMPUTED_FROM_ELSEWHERE.items()}).checked()


@pytest.mark.parametrize("case", COMPUTED_FROM_ELSEWHERE)
def test_a_number_computed_from_elsewhere_is_refused(computed_checked, case):
    _, _, masked = COMPUTED_FROM_ELSEWHERE[case]
    run = computed_checked.run
    assert any(" E400 " in line and masked in line for line in computed_checked.lines(case, "policies/a.md")), run.output


SHOWN_ONLY = ["xlsx number format escaping digits", "xlsx formula joining other cells", "docx digit as a symbol-font character in a header",
              "ods data style with text between the digits", "xls number format with literal digits"]


@pytest.fixture(scope="module")
def shown_only_built(tmp_path_factory):
    """One site holding the SHOWN_ONLY cases, each attached to its own document, through one real build."""
    files = paired_policy()
    for case in SHOWN_ONLY:
        number = list(HIDDEN).index(case)
        name, data, _, _ = HIDDEN[case]
        files[f"policies/hidden{number}.md"] = _hidden_document(number, name)
        files[f"policies/files/{number}/{name}"] = data
    root = write_site(tmp_path_factory.mktemp("shown-only"), files)
    return root, build(root)


@pytest.mark.parametrize("case", SHOWN_ONLY)
def test_the_build_refuses_a_number_only_an_office_program_shows(shown_only_built, case):
    """The build reads attachments through the same readers as the check: a number a spreadsheet shows
    through its format or computes, or Word shows as a symbol, stops it before site/ is written."""
    root, run = shown_only_built
    number = list(HIDDEN).index(case)
    _, _, masked, where = HIDDEN[case]
    assert run.returncode != 0 and not (root / "site").exists()
    assert any(line.startswith(f"content/policies/hidden{number}.md:") and " E400 " in line and masked in line and where in line
               for line in run.coded_lines()), run.output


# --- Bounded time and memory ---------------------------------------------------------------------

def _ods(rows_repeated: int, cells_repeated: int) -> bytes:
    content = _ods_content(f'<table:table-cell table:number-columns-repeated="{cells_repeated}" office:value-type="string">'
                           "<text:p>x</text:p></table:table-cell>", f' table:number-rows-repeated="{rows_repeated}"')
    return archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})


BOMBS = {
    "compression ratio (20 MB of spaces in a sheet)": ("名单.xlsx", lying_zip("xl/worksheets/sheet9.xml", 20 * MIB, 20 * MIB,
                                                                               xlsx({"A1": "姓名"})), "压缩比"),
    "directory says 300 MB": ("名单.xlsx", lying_zip("xl/worksheets/sheet9.xml", 1000, 300 * MIB, xlsx({"A1": "姓名"})), "300 MB"),
    "directory hides the real size": ("材料.zip", lying_zip("名单.csv", 4 * MIB, 1000), "大于文件目录所写的大小"),
    "sheet spanning A1:XFD1048576": ("名单.xlsx", sheet_with(lambda wb: wb.active.cell(1048576, 16384, "x")), "1048576 行 × 16384 列"),
    "OpenDocument cells repeated a billion times": ("名单.ods", _ods(1_000_000, 1_000), "1000000 行 × 1000 列"),
    "archives nested six deep": ("材料.zip", nested_zips(6, {"名单.csv": f"张三,{ID}\n"}), "超过 4 层"),
    "an archive of 6,000 files": ("材料.zip", archive({f"{n}.txt": "" for n in range(6000)}), "6000 个文件"),
    "2,000 formulas each joining 256 cells": ("名单.xlsx", sheet_with(lambda wb: [wb.active.cell(row, 20, f"=CONCAT(A{row}:P{row + 15})")
                                                                           for row in range(1, 2001)]), "公式引用的单元格"),
    "2,000 OpenDocument formulas each joining 256 cells": (
        "名单.ods", archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "META-INF/manifest.xml": MANIFEST,
                             "content.xml": _ods_content("".join(f'<table:table-cell table:formula="of:=CONCAT([.A{row}:.P{row + 15}])"/>'
                                                                 for row in range(1, 2001)))}), "公式引用的单元格"),
}


@pytest.fixture(scope="module")
def bombs_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("bombs"), {
        case: _attached(name, data) for case, (name, data, _) in BOMBS.items()}).checked("--strict")


@pytest.mark.parametrize("case", BOMBS)
def test_an_attachment_past_the_reading_limits_stops_a_strict_check_with_w401(bombs_checked, case):
    name, _, why = BOMBS[case]
    run = bombs_checked.run
    reports = [line for line in bombs_checked.lines(case, "policies/a.md") if " W401 " in line and f"附件“{name}”" in line]
    assert reports and why in reports[0] and "checked" in reports[0], run.output
    assert run.returncode == 1 and "Traceback" not in run.output


def test_a_bomb_stops_the_build_unless_a_person_marked_it_checked(tmp_path):
    bomb = sheet_with(lambda wb: wb.active.cell(1048576, 16384, "x"))
    root = write_site(tmp_path, _attached("名单.xlsx", bomb))
    run = build(root)
    assert run.returncode != 0 and not (root / "site").exists(), run.output
    assert any(" W401 " in line for line in run.coded_lines()), run.output
    root = write_site(tmp_path / "checked", _attached("名单.xlsx", bomb, checked="2026-03-01 王五核对，无个人信息"))
    run = check(root, "--strict")
    assert run.returncode == 0 and any(" I400 " in line and "王五核对" in line for line in run.output.splitlines()), run.output


def test_a_part_that_cannot_be_read_is_named_and_the_rest_is_still_read(tmp_path):
    """An old Word file inside an archive: W400 naming it; the list beside it is still read."""
    data = archive({"旧表.doc": b"\xd0\xcf\x11\xe0 old Word", "名单.csv": f"张三,{ID}\n"})
    run = check(write_site(tmp_path, _attached("材料.zip", data)))
    lines = run.coded_lines()
    assert any(" W400 " in line and "压缩包内“旧表.doc”" in line for line in lines), run.output
    assert any(" E400 " in line and ID_MASKED in line for line in lines), run.output


# --- Numbers as people write them, everywhere the site prints ------------------------------------

NUMBERS = {
    "runs of spaces in a body": ({"policies/a.md": policy(body="联系人手机 138   0013   8000。\n")}, "policies/a.md", "联系人"),
    "tabs in a body": ({"policies/a.md": policy(body="联系人手机 138\t\t\t0013\t\t\t8000。\n")}, "policies/a.md", "联系人"),
    "Chinese numerals in a body": ({"policies/a.md": policy(body="联系人手机 一三八〇〇一三八〇〇〇。\n")}, "policies/a.md", "联系人"),
    "幺 and 两 in a body": ({"policies/a.md": policy(body="值班 幺三八 零零幺三 八零零零。\n")}, "policies/a.md", "值班"),
    "Chinese numerals in front matter": ({"policies/a.md": policy(summary="联系人 一三八 〇〇一三 八〇〇〇")}, "policies/a.md", "summary:"),
    "Chinese numerals in index.md": ({"policies/index.md": front_matter("咨询：一三八〇〇一三八〇〇〇\n", title="政策文件")},
                                     "policies/index.md", "咨询"),
    "Chinese numerals in an attachment name": (_attached("名单一三八〇〇一三八〇〇〇.pdf", pdf([["List"]])), "policies/a.md",
                                               "名单一三八"),
}


@pytest.fixture(scope="module")
def numbers_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("numbers"), {
        case: {**paired_policy(), **files} for case, (files, _, _) in NUMBERS.items()}).checked()


@pytest.mark.parametrize("case", NUMBERS)
def test_a_number_written_as_people_write_it_is_refused(numbers_checked, case):
    files, path, needle = NUMBERS[case]
    text = {**paired_policy(), **files}[path]
    line = next(n for n, t in enumerate(text.split("\n"), start=1) if needle in t)
    assert any(report.startswith(f"{numbers_checked.path(case, path)}:{line}: E400 ") and MOBILE_MASKED in report
               for report in numbers_checked.lines(case, path)), numbers_checked.run.output


def test_chinese_numerals_put_together_by_links_are_refused_on_the_rendered_page(tmp_path):
    body = "咨询电话[一三八](https://www.example.gov.cn/)〇〇一三[八〇〇〇](https://www.example.gov.cn/)。\n"
    root = write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)})
    run = build(root)
    assert run.returncode != 0 and any(" E400 " in line and MOBILE_MASKED in line for line in run.coded_lines()), run.output


PRINTED_VALUES = {   # key → (its value, a text of the value's line no other value's line holds)
    "site_description": (f"咨询电话 {MOBILE}", "咨询电话"),
    "site_author": ("张三 一三八〇〇一三八〇〇〇", "张三"),
    "copyright": ("版权所有 联系人 138 0013 8000", "版权所有"),
    "extra": ({"contact": {"phone": f"+86 {MOBILE}"}}, "+86"),
    "nav": ([{f"值班 {MOBILE}": "index.md"}], "值班"),
    "markdown_extensions": ([{"toc": {"title": f"目录（咨询 {MOBILE}）"}}], "目录（咨询"),
}


@pytest.fixture(scope="module")
def printed_values(tmp_path_factory):
    """One site whose mkdocs.yml sets every key of PRINTED_VALUES (each value on a line of its own), checked once and
    built once: each key's case reads the lines naming its own line of mkdocs.yml."""
    root = write_site(tmp_path_factory.mktemp("printed-values"), paired_policy(),
                      mkdocs_extra={key: value for key, (value, _) in PRINTED_VALUES.items()})
    return root, check(root), build(root)


@pytest.mark.parametrize("key", PRINTED_VALUES)
def test_a_number_in_a_printed_value_of_mkdocs_yml_is_refused(printed_values, key):
    root, *runs = printed_values
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    marker = PRINTED_VALUES[key][1]
    [line] = [n for n, t in enumerate(config.split("\n"), start=1) if marker in t and ("138" in t or "一三八" in t)]
    for run in runs:
        assert any(report.startswith(f"mkdocs.yml:{line}: E400 ") and MOBILE_MASKED in report and "每个页面" in report
                   for report in run.coded_lines()), run.output
        assert run.returncode != 0 and "Traceback" not in run.output, run.output


def test_a_printed_mkdocs_value_is_read_through_env_tags_and_inherit(tmp_path):
    root = write_site(tmp_path, paired_policy())
    (root / "base.yml").write_text(f"site_author: 联系人 {MOBILE}\n", encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    text = "INHERIT: base.yml\nsite_url: !ENV [SITE_URL, 'https://www.example.gov.cn/']\n" + yaml.safe_dump(config, allow_unicode=True)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    run = check(root)
    assert any(report.startswith("base.yml:1: E400 ") and MOBILE_MASKED in report for report in run.coded_lines()), run.output


def test_amounts_and_dates_in_chinese_numerals_pass(tmp_path):
    body = ("二〇二四年三月十五日，下达资金一千二百万元（壹仟贰佰万元整），依据第十二条。\n\n"
            "统计期限自二〇二四年一月一日起至二〇二四年十二月三十一日止，张三、李四、王五参加。\n")
    run = check(write_site(tmp_path, {**paired_policy(), "policies/a.md": policy(body=body)}), "--strict")
    assert run.returncode == 0 and "E400" not in run.output, run.output


def test_names_in_warnings_are_masked_too(tmp_path):
    """A file in an archive or a sheet named with a number: the W400/W401 line names it masked."""
    def dense(workbook):
        workbook.active.title = f"张三{MOBILE}"
        workbook.active.cell(1048576, 16384, "x")
    data = archive({f"李四{MOBILE}.doc": b"\xd0\xcf\x11\xe0 old Word", "名单.xlsx": sheet_with(dense)})
    run = check(write_site(tmp_path, _attached("材料.zip", data)))
    assert any(" W400 " in line and f"李四{MOBILE_MASKED}.doc" in line for line in run.coded_lines()), run.output
    assert any(" W401 " in line and f"张三{MOBILE_MASKED}" in line for line in run.coded_lines()), run.output
    assert MOBILE not in run.output


def test_a_pdf_whose_attached_file_inflates_past_the_limit_is_w401(tmp_path):
    """A 200 KB PDF carrying a file that PDFium would inflate to 210 MB: refused by its size, before any copy."""
    def embed(writer):
        writer.embed_file(bytes=b" " * (210 * MIB), basename="list.txt", compress=True)
    run = check(write_site(tmp_path, _attached("公示.pdf", pdf_with(embed))), "--strict")
    assert any(" W401 " in line and "所附文件“list.txt”" in line and "200 MB" in line for line in run.coded_lines()), run.output
    assert run.returncode == 1 and "Traceback" not in run.output


def test_a_reader_that_dies_or_exhausts_memory_is_over_the_limit_not_a_crash():
    """The sandbox itself, with a real fork: a library that aborts, and one that allocates without end."""
    import os

    from disclosure.privacy.attachment_sandbox import read_bounded
    from disclosure.privacy.attachment_types import OverLimit

    assert read_bounded(lambda: ["读到的内容"]) == ["读到的内容"]
    with pytest.raises(OverLimit, match="异常退出"):
        read_bounded(os.abort)
    with pytest.raises(OverLimit, match="内存"):
        read_bounded(lambda: [bytearray(8 * 1024 * MIB)])


def _seed_attached(text: str) -> dict[str, str | bytes]:
    return {**paired_policy(), "policies/files/原文.txt": text, "policies/files/原文16.txt": text.encode("utf-16-le"),
            "policies/files/原文.zip": archive({"原文.docx": word(text.split("\n"))}),
            "policies/a.md": policy(attachments=[{"file": f"files/{file}", "title": "原文"}
                                                 for file in ("原文.txt", "原文16.txt", "原文.zip")])}


@pytest.fixture(scope="module")
def seeds_checked(tmp_path_factory) -> Cases:
    return cases_site(tmp_path_factory.mktemp("seeds"), {
        name: _seed_attached(text) for name, text in seed_texts().items()}).checked("--strict")


@pytest.mark.parametrize("name", seed_names())
def test_real_documents_as_attachments_hold_no_personal_data(seeds_checked, name):
    """The seeds as editors attach them: a .txt read paragraph by paragraph (lines joined), in UTF-16
    without BOM, and as the paragraphs of a .docx inside a zip; all their 文号, dates, amounts, phones
    and statistics tables pass (all seeds in one strict check: it passes only if every one does)."""
    run = seeds_checked.run
    assert seeds_checked.lines(name, "policies/a.md") == [], run.output
    assert run.returncode == 0 and "E400" not in run.output and "W40" not in run.output, run.output


def test_the_editors_guide_states_the_limits_the_code_applies():
    from disclosure.privacy import attachment_limits as limits
    from disclosure.privacy import attachment_sandbox as sandbox

    from .sitekit import REPO
    guide = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    for stated in (f"解压后合计不超过 {limits.MAX_UNPACKED // MIB} MB", f"不超过 {limits.MAX_ENTRIES} 个组成部分",
                   f"大于 {limits.RATIO_FLOOR // MIB} MB 的部分压缩比不超过 {limits.MAX_RATIO} 倍", f"最多套 {limits.MAX_DEPTH} 层",
                   f"不超过 {limits.MAX_CELLS // 10000} 万个单元格", f"PDF 不超过 {limits.MAX_PDF_PAGES} 页",
                   f"附件本身不超过 {limits.MAX_FILE // MIB} MB", f"最多再用 {sandbox.MAX_MEMORY // MIB} MB 内存",
                   f"{sandbox.MAX_CPU_SECONDS} 秒处理器时间", f"等待不超过 {sandbox.MAX_WAIT_SECONDS} 秒"):
        assert stated in guide, stated
