"""The official layout of a document's blocks (GB/T 9704-2012, as the national portal shows it).

Editors write plain text, one paragraph per line; the page sets 正文 paragraphs with a two-character
first-line indent and recognises the blocks laid out otherwise where they are unambiguous:

- centred: a chapter's line (`第一章　总则`, as regulations set them); at the start of the body, a line ending in 令 (`中华人民共和国国务院令`,
  `XX市人民政府令`), a line `第N号`, a 发文字号 standing alone (`X府函〔2026〕3号`);
- 主送机关, flush left: the first line ending in `：` before any sentence (a line with `。`) and before
  any heading, when it names only bodies (`各县区人民政府，市政府各部门：`: every name ends like
  an agency's, 局、委、厅、室、单位…);
- 落款, right-aligned: a line that is only a date (`2026年5月6日`, `二〇二六年五月六日`, `二○二六年…`, `二O一一年…`) and the one to
  three short lines just above it (the agency's name, `市长　张三`): no sentence punctuation, no number, no
  closing formula (`特此通知`, `此复`); more lines when each names an agency (a joint document's 落款);
- 附件说明, set apart: a line beginning `附件：` and the numbered lines after it (`2．……`);
- 版记, set apart: lines beginning `抄送：`, `抄报：`, `分送：`, and the `……办公室 2026年5月6日印发` line.

Where a block is not recognised (or recognised wrongly), the editor marks it at the end of its line:
`{居中}`, `{居右}`, `{顶格}` (no indent) or `{正文}` (an ordinary paragraph). The marks are markup:
they never show, and the fidelity rule (E600) does not count them.

`layout_roles(paragraphs)` is pure: the Markdown extension (`disclosure.text.markdown_official`) gives it
the top-level blocks' texts and sets the classes; the page's look is CSS (`overrides/`).
"""

from __future__ import annotations

import re

CENTRED, ADDRESSEE, SIGNATURE, DATE, ATTACHMENTS, IMPRINT, RIGHT, FLUSH, BODY = (
    "centred", "addressee", "signature", "date", "attachments", "imprint", "right", "flush", "body")
CLASSES = {CENTRED: "dc-centred", ADDRESSEE: "dc-addressee", SIGNATURE: "dc-signature", DATE: "dc-date",
           ATTACHMENTS: "dc-attachments", IMPRINT: "dc-imprint", RIGHT: "dc-right", FLUSH: "dc-flush"}
MARKS = {"居中": CENTRED, "居右": RIGHT, "顶格": FLUSH, "正文": BODY}
MARK = re.compile(r"(?<!\\)\{(居中|居右|顶格|正文)\}(?=[ \t]*$)")   # linear: tried only where a "{" is; \{居中} is text

# ○ (U+25CB) and the letter O: how many documents type 〇 (二○二六年, 二O一一年)
_NUMERAL = "0-9０-９〇○OＯ零一二三四五六七八九十"
_GAP = "[ \u3000\u00a0]*"   # spaces inside a date or an order's number, as Word aligns them (`2026年5月 6日`, `第 12 号`)
# A 落款's date; under a report or a plan often without its day (二〇二六年十二月): still the date under the signature
# (round 30a: it was left indented as 正文 while the agency's name above it went right).
_DATE = re.compile(rf"^[{_NUMERAL}]{{4}}{_GAP}年{_GAP}[{_NUMERAL}]{{1,3}}{_GAP}月(?:{_GAP}[{_NUMERAL}]{{1,3}}{_GAP}日)?$")
_ORDER = re.compile(r"^.{2,30}令$")
_ORDER_NUMBER = re.compile(rf"^第{_GAP}[{_NUMERAL}百千]+{_GAP}号$")
_DOC_NO = re.compile(r"^[^\s，。：；]{1,16}[〔\[［(（][0-9]{4}[〕\]］)）][0-9]+号$")
# 编、章, and 节 with its gap (立法技术规范: their titles are centred; "第一节课由……" is a sentence)
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百]+(?:[章编]\s*|节[\s\u3000]+)\S[^。，；]{0,28}$")
_BODY_NAME = re.compile(r"(?:局|委|会|厅|部|府|院|室|处|科|所|单位|企业|门|队|站|中心|公司|组|办|庭|校|馆|署|团|社|行|区|县|市|镇|乡|"
                        r"街道|省|州|盟|旗|关|构|军|园|协|联|股)$")
_SENTENCE = re.compile(r"[。，；：！？,;:!?、]")
# The closing formula (结束语) of a notice, a reply or an order, often written without a full stop: 正文, not 落款.
_CLOSING_FORMULA = re.compile(r"^(?:特此|专此|此复|此令|妥否|当否|请予|请批示|请审议)")
_NUMBERED = re.compile(r"^(?:[0-9０-９]+[.．、)）]|[（(][0-9０-９一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第.{1,5}[条章节])")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]")
_ATTACHMENT_ITEM = re.compile(r"^[0-9０-９]+[.．、]")
# A note among a 附件 list's items: in brackets, or 注/备注/说明 (`（以上附件请于3月30日前填报）`, `注：表格可复制`)
_ATTACHMENT_REMARK = re.compile(r"^(?:[（(].*[）)]$|注\s*[0-9０-９①-⑩]*\s*[：:]|备注|说明)")
_IMPRINT = re.compile(rf"^(?:抄\s*送|抄\s*报|分\s*送|发\s*送)\s*[：:]|印\s*发$|[{_NUMERAL}]日印发$")
SIGNATURE_LINES = 3
NOTE_LINES = 2   # lines of a note between the items of a 附件 list whose numbers go on after it
JOINT_SIGNATURE_LINES = 12
_SIGNATURE_LENGTH = 40


def mark_of(text: str) -> tuple[str, str | None]:
    """(the text without its layout mark, the role the mark asks for or None)."""
    found = MARK.search(text)
    return (text[:found.start()].rstrip(" \t\u3000\n"), MARKS[found.group(1)]) if found else (text, None)


def layout_roles(blocks: list[tuple[str, str]]) -> list[str | None]:
    """The layout role of each top-level block, given as (kind, text): kind "p" for a paragraph,
    "ol" for a list, "h" for a heading, anything else for other blocks. None: the default
    (a paragraph of 正文, indented two characters)."""
    roles: list[str | None] = [None] * len(blocks)
    texts = [_plain(text) for _, text in blocks]
    _opening(blocks, texts, roles)
    for index, (kind, _) in enumerate(blocks):
        text = texts[index]
        if kind in ("p", "h") and _CHAPTER.match(text):
            roles[index] = CENTRED
        if kind != "p" or roles[index]:
            continue
        if _DATE.match(text) and _signature_above(blocks, texts, roles, index):
            roles[index] = DATE
        elif _IMPRINT.search(text):
            roles[index] = IMPRINT
        elif _ATTACHMENT_NOTE.match(text):
            roles[index] = ATTACHMENTS
            _attachment_items(blocks, texts, roles, index + 1)
    return roles


# A link as Markdown writes it, before the page's inline markup is read (the layout is set first): read as its text.
# `[2.案例撰写要求](files/xz.txt)` under `附件：` was no item of the list, and was taken into the 落款 above the date.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def _plain(text: str) -> str:
    return re.sub(r"[*_\\]", "", _LINK.sub(r"\1", text)).strip().strip("\u3000")


def _opening(blocks, texts, roles) -> None:
    """The centred lines and the 主送机关 at the start of the body."""
    for index, (kind, _) in enumerate(blocks):
        text = texts[index]
        if kind != "p" or "。" in text:
            return
        if _ORDER.match(text) or _ORDER_NUMBER.match(text) or _DOC_NO.match(text):
            roles[index] = CENTRED
        elif text.endswith(("：", ":")) and len(text) <= 80 and _names_bodies(text[:-1]):
            roles[index] = ADDRESSEE
            return


def _names_bodies(text: str) -> bool:
    names = re.split(r"[，、,；;]", re.sub(r"[（(][^）)]*[）)]", "", text))
    return all(_BODY_NAME.search(name.strip()) for name in names)


def names_a_body(text: str) -> bool:
    """Whether `text` is an organisation's name (某县卫生健康局), not a document's title (关于……的通知)."""
    return len(text) <= _SIGNATURE_LENGTH and not _SENTENCE.search(text) and "关于" not in text and "的" not in text \
        and "《" not in text and _names_bodies(text)


def _signature_above(blocks, texts, roles, index) -> bool:
    """Mark the one to three lines of the agency's name (or a signatory) above a date line, or the agencies
    of a joint document, one a line."""
    found = []
    for above in range(index - 1, max(index - 1 - JOINT_SIGNATURE_LINES, -1), -1):
        text = texts[above]
        if blocks[above][0] != "p" or roles[above] or not text or len(text) > _SIGNATURE_LENGTH \
                or _SENTENCE.search(text) or _NUMBERED.match(text) or _DATE.match(text) or _CLOSING_FORMULA.match(text):
            break
        if len(found) >= SIGNATURE_LINES and not _names_bodies(text):
            break   # past three lines, only the agencies of a joint document (联合发文) sign, one a line
        found.append(above)
    for above in found:
        roles[above] = SIGNATURE
    return bool(found)


def _attachment_items(blocks, texts, roles, start) -> None:
    """The numbered lines after `附件：`, and a note among them where the numbers go on after it (`2．……`
    `（以上附件请于3月30日前填报）` `3．……`): the items after the note were set as 正文, out of line with the others."""
    first = _ATTACHMENT_NOTE.sub("", texts[start - 1]).strip()   # 附件：1．…
    index, number = start, _item_number(first) if _ATTACHMENT_ITEM.match(first) else None
    while index < len(blocks):
        kind = blocks[index][0]
        if kind == "ol" or (kind == "p" and _ATTACHMENT_ITEM.match(texts[index])):
            roles[index] = ATTACHMENTS
            number = _item_number(texts[index]) if kind == "p" else None
            index += 1
            continue
        resumed = _resumed_item(blocks, texts, index, number)
        if resumed is None:
            return
        roles[index:resumed] = [ATTACHMENTS] * (resumed - index)
        index = resumed


def _item_number(text: str) -> int:
    return int(_ATTACHMENT_ITEM.match(text).group()[:-1])   # int() reads full-width digits too


def _resumed_item(blocks, texts, start, number) -> int | None:
    """The index of the item numbered `number` + 1 within NOTE_LINES paragraphs from `start`, each a note
    (`_ATTACHMENT_REMARK`); None when the list does not go on."""
    for index in range(start, min(start + NOTE_LINES + 1, len(blocks))):
        if _ATTACHMENT_ITEM.match(texts[index]):
            return index if index > start and number is not None and _item_number(texts[index]) == number + 1 else None
        if blocks[index][0] != "p" or not _ATTACHMENT_REMARK.match(texts[index]):
            return None
    return None
