"""What a document's own text says of whether it is public.

An official document states its 公开属性 in its text: the 附注 under the date (GB/T 9704-2012 7.3.7:
`（此件公开发布）`, `（此件不予公开）`, `（此件依申请公开）`, `（此件删减后公开）`) or a line of its 版记
(`信息公开选项：依申请公开`, `公开方式：不予公开`, `公开属性：不公开`). A document whose text says it is not
public is not published on a guess: the check refuses a public one that says so (E102, content/documents.py),
and the importer imports such a page as withheld (W801), whatever its metadata table says.

Read strictly, so that a body describing disclosure is not taken for a statement: the 附注 is a whole line (in
brackets, or none) beginning 此件 or 本件; a 版记 line is a whole line `label：value` of at most 30 characters, its label
naming 公开 (信息公开选项, 公开方式, 公开属性 …). Of what such a line says, only a clause naming 公开 counts, and only
when it says the document is withheld (不予公开, 不公开, 免予公开, 暂缓公开, 依申请公开, 内部 …): every other wording
(公开发布, 主动公开, 网上公开, 可公开, 删减后公开: the text published is the redacted one) is public or says nothing,
and a clause listing several ways (、和 与 及: `公开方式：主动公开与依申请公开相结合`) describes them. A channel
(`公开方式：政府网站`) names no 公开 and says nothing. A part that is withheld and was removed (`此件不宜公开的部分已删除`,
`删除不宜公开内容后公开`, `涉密内容已删除`: a clause naming the removal) is what the published text left out, not a
withholding of the document: that part is read out of its clause and the rest judged (`删减后不予公开` still withholds).
A clause withholding the attachments only (`此件主动公开，有关附件依申请公开`) withholds nothing of a page that publishes
none (no attachments in its front matter, no attachment's mark 附件2 in its body); the importer reads it so for a
saved page linking no attachment. A "line" is whatever a reader sees as one (`_pieces`): a cell of a table row (a
版记 typeset as a table), a line of an HTML paragraph or list item with its tags and character references read, or a
short paragraph written over two or three lines.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..text.chinese import fold
from ..text.controls import shown_in_order
from ..text.limits import MAX_HEADING
from ..text.markup import Link
from .fields import DISCLOSURE_VALUES

# The brackets a note stands in: the 附注's round ones, those an editor types instead (［…］, 【…】, [...], the 〔…〕 of a
# 发文字号, 〖…〗), and their small and raised forms (﹙…﹚, ﹝…﹞, ⁽…⁾), read as the brackets they show.
OPENING, CLOSING = "(（［【[〔〖", ")）］】]〕〗"
_BRACKET_FORMS = str.maketrans("﹙﹚﹝﹞⁽⁾₍₎", "（）〔〕（）（）")
_OPEN, _CLOSE, _NOT_BRACKET = (f"[{re.escape(OPENING)}]", f"[{re.escape(CLOSING)}]",
                               f"[^{re.escape(OPENING + CLOSING)}]")
# The 附注 in its brackets or none (此件不予公开。).
# Labelled as what it is (注：此件不予公开。, 附注：（此件依申请公开）) it is the same note.
_NOTE = re.compile(rf"^(?:附?\s*注\s*[:：]\s*)?(?:{_OPEN}\s*)?(?:此|本)\s*件\s*(?P<state>{_NOT_BRACKET}{{1,16}}?)\s*{_CLOSE}?\s*[。.]?$")
# The note alone in its brackets on a line of its own (（不予公开）, 【依申请公开】), as a CMS sets it under a document's title
# (centred, or as a heading): round 36a found such a page imported as public and published, the note read nowhere (the
# importer reads the notes of <h1> titles; a body's note began 此件). Its brackets set it apart from a sentence about
# disclosure, and only a note an attachment's title would withhold by states anything (（不予公开告知书） is a form's name).
_BARE_NOTE = re.compile(rf"^{_OPEN}\s*(?P<state>{_NOT_BRACKET}{{1,16}}?)\s*{_CLOSE}\s*[。.]?$")
_LABELLED = re.compile(r"^(?P<label>[^\s:：，。,;；、]{0,6}公\s*开[^\s:：，。,;；、]{0,4})\s*[:：]\s*(?P<state>[^。;；]{1,20}?)\s*$")
# A classified document's mark (GB/T 9704-2012 7.2.3: 密级和保密期限, top left of the 版头: 秘密★1年, 机密★10年, 绝密★长期,
# or the 密级 alone), or a 密级 labelled (密级：机密, a CMS's field): a state secret, never published (保守国家秘密法;
# 条例 第十四条), whatever else the page says. A 密级 saying none (密级：无, 非密, 一般) states nothing.
# The 保密期限 as offices write it (保密法实施条例: a period, a 解密时间 or 长期): 1年, 6个月, 1年6个月, in Chinese numerals (一年,
# 十年, 三十年), a day (2030年12月31日); the star as Word and input methods type it.
_NUMBER = r"(?:\d{1,4}|[一二两三四五六七八九十〇零]{1,4})"
_PERIOD = rf"(?:{_NUMBER}\s*年(?:\s*{_NUMBER}\s*(?:个\s*)?月(?:\s*{_NUMBER}\s*日)?)?|{_NUMBER}\s*个\s*月|长\s*期)"
# The 紧急程度 on the 密级's line (秘密★1年　特急): GB/T 9704 sets it on the next line, a CMS's page or a paste joins the two
# (round 29a: published with exit 0).
_URGENCY = r"(?:特\s*提|特\s*急|加\s*急|平\s*急)"
_CLASSIFIED = re.compile(r"^(?:密\s*级(?:\s*和\s*保\s*密\s*期\s*限)?\s*[:：]\s*(?P<labelled>(?:绝密|机密|秘密|涉密|内部)[^。；;]{0,8})"
                         rf"|(?P<mark>[绝机秘]\s*密(?:\s*[★☆*＊✩✪✫✬✭✮✯✰⭐※∗﹡⁎✱]?\s*{_PERIOD})?(?:\s*{_URGENCY})?))\s*$")
# A 密级 with blanks between its characters (机　密★1年, as a two-character word is spaced in a 版头): no closed circle's
# word to the quick look at a line.
_SPACED_MARK = re.compile(r"[绝机秘]\s+密")
_CLAUSES = re.compile(r"[，,；;。]")
_LISTING = re.compile(r"[、和与及或/]")
# What withholds: a negation or a deferral of 公开, a request first; a closed circle of readers withholds even
# where 公开 is not named (此件仅供内部参阅).
_NEGATION = "不|非|免|无需|无须|勿|缓"
_CLOSED_CIRCLE = "内部|涉密|秘密|机密|绝密"
_WITHHOLDING = re.compile(f"{_NEGATION}|申请")
_CLOSED = re.compile(f"{_CLOSED_CIRCLE}|外传")
# 公开方式 is often the channel a document went out through, not whether it is public.
CHANNELS = re.compile(r"^(政府|门户)?(网站|网页|公报|公告栏|公开栏|报纸|报刊|新闻发布会|政务新媒体|微信|微博|广播|电视|其他)+$")
# Markdown emphasis, a heading or quote mark, a layout mark; a highlight (==…==, ^^…^^), an attribute list ({: .center})
# and a picture's marks around its alt text (![（不予公开）](note.png): the picture shows the note): round 36b found a note
# so written read as no line of its own, the page published.
# A linked picture's marks ([![…](…)](…)), a footnote's reference after the note ((不予公开)[^1]) and escapes too.
_MARKUP = re.compile(r"[*_`#>\\]|\{(?:居中|居右|顶格|正文)\}|==|\^\^|\{:[^{}]*\}|\[!\[|!\[|\]\([^()]*\)|\[\^[^\]]*\]")
# The part a redaction removed: withheld words qualifying 部分/内容 …, in a clause that names removing it.
_REMOVAL = re.compile(r"删|隐去|略去|脱敏|屏蔽")
# Or the removed part named first (此件有删减，删减部分依法不予公开: what is not published is what was cut).
_REMOVED_PART = re.compile(f"(?:(?:{_NEGATION})[^，,；;。]{{0,6}}?公开|{_CLOSED_CIRCLE})的?(?:部分|内容|信息|事项|段落|文字)"
                           f"|(?:删减|删除|删去)的?(?:部分|内容|段落|文字)[^，,；;。]{{0,4}}?(?:{_NEGATION})[^，,；;。]{{0,2}}?公开")
MAX_LINE = 30
# A clause of the attachments only (有关附件依申请公开, 附件不公开); a line of the body beginning an attachment.
_ATTACHMENTS_PART = re.compile(fold(r"^(?:有关|相关|其|所附|全部|各)?附件"))
_ATTACHMENT_MARK = re.compile(r"^附\s*件(?!\s*[:：])")


# An attachment's title ending in a note of its own (困难群众名单（不予公开）, 附件2（依申请公开）, 名单【内部资料】): what an
# office writes on a file it does not publish. Only a note whose clauses end in 公开 or name a closed circle counts, so that
# 政府信息公开申请表（样本）, 依申请公开流程图 or a form's title（供依申请公开使用）are titles, not statements.
_EXTENSION = re.compile(rf"(?<={_CLOSE})\.[A-Za-z0-9]{{1,5}}$")
# What a list of attachments writes after a title (its size, a download mark, a full stop): not the title's own note.
# One such mark at the end of a short tail, taken off one after another: linear in any title.
# A title's own stage or edition written after the note (名单（不予公开）（试行）, 通知（不予公开）（2024年修订）) is such a
# mark too: round 36b found the note before it read as none, the page published.
_STAGE = r"试行|暂行|草案|征求意见稿|送审稿|修订稿|讨论稿|\d{4}\s*年\s*(?:修订|修正|版|本)?"
_AFTER_NOTE = re.compile(rf"(?:(?:{_OPEN}\s*)?(?:\d+(?:\.\d+)?\s*[KMG]i?B|(?:点击|附件)?下载)\s*{_CLOSE}?|[。.]"
                         rf"|{_OPEN}\s*(?:{_STAGE})\s*{_CLOSE})$", re.IGNORECASE)
_AFTER_TAIL = 24


def _without_marks_after(title: str) -> str:
    """`title` without the marks a list writes after it (名单（不予公开）（56KB）, …[下载], …。)."""
    while (title := title.rstrip()) and (mark := _AFTER_NOTE.search(title[-_AFTER_TAIL:])):
        title = title[:len(title) - (len(title[-_AFTER_TAIL:]) - mark.start())]
    return title


_NAME_NOTE = re.compile(rf"{_OPEN}\s*(?P<state>{_NOT_BRACKET}{{1,16}}?)\s*{_CLOSE}")
_TITLE_NOTE = re.compile(_NAME_NOTE.pattern + r"\s*$")
# Or opening it, as some CMSes set the note before the title (（不予公开）关于值班安排的通知): round 36b found it read as none.
_LEADING_NOTE = re.compile(r"^\s*" + _NAME_NOTE.pattern)


def withholding_title_note(title: str) -> str | None:
    """The note in brackets ending an attachment's title (or its file's name, the extension aside), when it says the
    attachment is not public."""
    written = title.strip()
    match = _title_note(written)
    return None if match is None else written[match.start():match.end()].strip()   # the forms are replaced one for one


def _title_note(written: str) -> re.Match | None:
    """The withholding note ending or opening `written` (a title), matched in it with its brackets' forms read."""
    bracketed = written.translate(_BRACKET_FORMS)
    match = _TITLE_NOTE.search(_without_marks_after(_EXTENSION.sub("", bracketed)))
    if match is None or not _withholds(match.group("state")):
        match = _LEADING_NOTE.match(bracketed)
    return match if match is not None and _withholds(match.group("state")) else None


def withholding_name_note(path: str) -> str | None:
    """Such a note in a file's path as written (its name, or a folder's), wherever it stands in the name: systems and
    people add to a file's name after it (名单（不予公开）(1).csv as a browser saves a second copy, 名单（不予公开） - 副本.csv
    as Windows copies it, 名单（不予公开）_1.csv, 名单（不予公开）汇总.csv). Or a folder or file named for what it holds
    without brackets (不予公开材料/, 内部资料/, 涉密文件/, 依申请公开件/): see `_withholding_name`."""
    return next((path[match.start():match.end()].strip() for match in _NAME_NOTE.finditer(path.translate(_BRACKET_FORMS))
                 if _withholds(match.group("state"))), None) or \
        next((part for part in path.split("/") if _withholding_name(_EXTENSION_ONLY.sub("", part))), None)


# A folder (or file) named for what it holds, without brackets: a withholding of 公开 or a closed circle, with only words
# for material around it (不予公开材料, 2024年不公开文件, 内部资料, 涉密件, 依申请公开件). A name saying more is a
# title (不予公开告知书（样本）, 内部控制制度, 依申请公开流程图): the forms of the 依申请公开 guide stay. The name 依申请公开 alone
# is the 条例's own heading (the guide's 依申请公开 section, its forms): only 依申请公开件, 依申请公开材料 … withhold.
# Named in English too (internal/, Confidential_files/, not-public/): a folder a reader can open from any page.
_MATERIAL = r"(?:材料|文件|资料|信息|附件|名单|清单|数据|内容|档案|文档|事项|件|类|的|docs?|documents?|files?|data|materials?|[0-9年\s_.·、-])"
_WITHHELD_NAME = re.compile(rf"^{_MATERIAL}*(?P<state>(?:不予|不宜|不得|不对外|不|免予|暂缓|非)公开|依申请公开"
                            rf"|(?:仅供)?内部(?:使用|参阅|传阅|参考)?|涉密|秘密|机密|绝密"
                            rf"|internal|confidential|private|secret|restricted|classified|withheld|non-?public|not-?public)"
                            rf"{_MATERIAL}*$", re.I)
_EXTENSION_ONLY = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def _withholding_name(name: str) -> bool:
    match = _WITHHELD_NAME.match(fold(name.strip()))
    return match is not None and (match.group("state") != fold("依申请公开") or len(match.group().strip()) > len(match.group("state")))


def _withholds(state: str) -> bool:
    """Whether a note's words withhold: each clause ends in 公开 or names a closed circle."""
    clauses = _withholding_clauses(state)
    return bool(clauses) and all(clause.endswith(fold("公开")) or _CLOSED.search(clause) for clause in clauses)


def linked_file_note(link: Link) -> str | None:
    """The note (（不予公开）, 【内部资料】 …) an office wrote on a file of the site a body links to — in what a reader sees
    of the link (its text, title, an image's alt) or in the file's name — read as an attachment's title and file name
    are: the file is published with the page whether or not `attachments` lists it."""
    parts = urlsplit(link.target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.endswith((".md", "/")):
        return None   # another site, a page of this one, a heading
    texts = [_LINK_MARKUP.sub("", html.unescape(text)).strip() for text in link.texts]
    return next((note for text in texts if (note := withholding_title_note(text))), None) or \
        withholding_name_note(unquote(parts.path))


_LINK_MARKUP = re.compile(r"<[^<>]*>|[*_`]")


@dataclass(frozen=True)
class Statement:
    line: int       # 0-based, in the text given
    written: str    # the line as written (stripped)
    state: str      # what it says, as written (不予公开, 依申请公开 …)
    value: str      # the disclosure value it means: 依申请公开, else 不予公开
    classified: bool = False   # a 密级 (秘密★1年, 密级：机密): published only once declassified


def withheld_statements(text: str, attachments: bool = True) -> list[Statement]:
    """The lines of `text` (a document's body) stating that it is not 主动公开. `attachments`: whether the page
    publishes attachments (its front matter lists some); without, a clause withholding the attachments only
    (`此件主动公开，有关附件依申请公开`) withholds nothing published, unless the body holds them (a line beginning
    附件 other than the 附件说明 `附件：1．…`: GB/T 9704's mark 附件2 over an attachment's text)."""
    found = []
    lines = shown_in_order(text).split("\n")   # as the reader sees it: a note reversed inside an override reads forward
    for number, written, plain in _pieces(lines):
        bracketed = plain.translate(_BRACKET_FORMS)
        match = _NOTE.match(bracketed) or _LABELLED.match(plain) or _CLASSIFIED.match(plain) \
            or (_BARE_NOTE.match(bracketed) if withholding_title_note(plain) else None) \
            or (_title_note(plain) if _heading(written) else None)
        if match is None or found and found[-1].line == number:
            continue   # a line states it once, whichever of its pieces says it
        state = next(group for group in (match.groupdict().get(name) for name in ("state", "labelled", "mark")) if group).strip()
        held_apart = not attachments and not any(_ATTACHMENT_MARK.match(_MARKUP.sub("", other).strip()) for other in lines)
        withholding = [clause for clause in _withholding_clauses(state)
                       if not (held_apart and _ATTACHMENTS_PART.match(clause))]
        if not withholding:
            continue
        on_request = all(fold("依申请") in clause for clause in withholding)
        found.append(Statement(number, written, state, DISCLOSURE_VALUES[1] if on_request else DISCLOSURE_VALUES[2],
                               classified=match.re is _CLASSIFIED))
    return found


_TAG = re.compile(r"<[^<>]*>")
# An HTML picture is read as its alt text, what it shows (<img alt="（不予公开）" src="note.png">: round 36b found the note
# so set under a title read as nothing, the tag taken out whole).
_HTML_PICTURE = re.compile(r"""<img\b[^<>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')[^<>]*>""", re.I)


def _alt_text(picture: re.Match) -> str:
    return picture[1] if picture[1] is not None else picture[2]
# Where a reader sees a new line in HTML: a <br>, and the edges of a block (<p>, a list item, a cell, <details>' summary …).
_LINE_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|li|dt|dd|td|th|tr|h[1-6]|blockquote|details|summary|section|figcaption|caption)\b[^<>]*>", re.I)
_LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}[.)、])\s+")
# A heading of the body, as a document's title within it: a title's note ending it (## 关于值班安排的通知（不予公开）) withholds
# what follows as an attachment's title's does (round 36b found the page published). Its attribute list or layout mark
# and closing #s aside.
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*(?:\{[^{}]*\})?$|^<h[1-6]\b[^<>]*>(.*)</h[1-6]>$", re.I)



def _heading(line: str) -> re.Match | None:
    """`line` read as a heading (`_HEADING`); a line longer than any heading may be (E109) is none: the pattern takes
    time quadratic in a run of blanks (a check of `## 标题` and 300,000 spaces did not end)."""
    return _HEADING.match(line) if len(line) <= MAX_HEADING else None


def _pieces(lines: list[str]):
    """(line, as written, as shown) of each piece of text a statement may stand in: a line, a cell of a table row
    (版记 typeset as a table), a line of an HTML paragraph or a list item as a reader sees it (tags and entities out,
    <br> a line), and a short paragraph written over two or three lines (Markdown shows one line)."""
    for number, line in enumerate(lines):
        joined = line.strip()
        if (heading := _heading(joined)) is not None:
            yield number, joined, _MARKUP.sub("", _TAG.sub("", html.unescape(heading[1] or heading[2]))).strip()
        if not joined or len(joined) > MAX_LINE and "|" not in joined and "<" not in joined and not _HERE.search(joined):
            continue   # a long line of plain text is no statement (most of a body: read no further)
        for following in lines[number + 1:number + 3] if len(joined) < MAX_LINE else ():
            if not following.strip() or len(joined) > MAX_LINE:
                break
            joined += following.strip()
            if len(joined) <= MAX_LINE and "公" in joined:
                yield number, joined, _MARKUP.sub("", joined).strip()
        if "公" not in line and "&" not in line and not _CLOSED.search(line) and not _SPACED_MARK.search(line):
            continue
        shown = _HTML_PICTURE.sub(_alt_text, _ADMONITION.sub(r"\1", html.unescape(line)))
        parts = _LINE_BREAK.split(shown) if "<" in shown else [shown]
        cells = [written for part in parts for cell in
                 (_TAG.sub("", part).strip().strip("|").split("|") if "|" in part else [_TAG.sub("", part).strip()])
                 if (written := _LIST_MARK.sub("", cell.strip()))]
        for written in cells + _labelled_cells(cells) + _inline_notes(shown):
            if written and len(written) <= MAX_LINE and ("公" in written or _CLOSED.search(written) or _SPACED_MARK.search(written)):
                yield number, line.strip(), _MARKUP.sub("", written).strip()


# The 附注 inside a line (round twenty-two): what a reader still sees as a note of the document though it is not a line
# of its own — set apart by an inline element (<sup>, <small>, <span>), after a sentence of the paragraph (……如下。此件不予
#公开。), closing the line in its brackets (二〇二四年三月五日（此件不予公开）: the 附注 pasted onto the date), or shown as a
# tooltip: an element's title, alt or aria-label, a Markdown link's or reference's title, an abbreviation's definition
# (*[名单]: 此件不予公开). Only what begins 此件 or 本件 and ends in 公开 (or names a closed circle) is read so (the 附注's own
# words), so that a sentence about disclosure stays a sentence.
_HERE = re.compile(r"[此本]\s*件")
_INLINE_EDGE = re.compile(r"<[^<>]*>|[。！？!?；;]")
_TRAILING_NOTE = re.compile(rf"{_OPEN}\s*[此本]\s*件{_NOT_BRACKET}{{1,16}}{_CLOSE}\s*[。.]?\s*$")
_TOOLTIPS = re.compile(r"""\b(?:title|alt|aria-label|aria-description|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')"""
                       r"""|\]\([^()\s]*\s+(?:"([^"]*)"|'([^']*)'|\(([^()]*)\))\s*\)"""
                       r"""|^\s*\*?\[[^\]]*\]:\s*(?:\S+\s+(?:"([^"]*)"|'([^']*)'|\(([^()]*)\))\s*$)?""", re.I)
_ABBREVIATION = re.compile(r"^\s*\*\[[^\]]*\]:\s*(.*)$")


def _inline_notes(shown: str) -> list[str]:
    """The pieces of a line (character references read) where the 附注 may stand inside it (see above)."""
    if not _HERE.search(shown):
        return []
    pieces = [match.group(1) for match in [_ABBREVIATION.match(shown)] if match]
    pieces += [value for match in _TOOLTIPS.finditer(shown) for value in match.groups() if value]
    for segment in _segments(shown):
        pieces.append(segment)
        pieces += [match.group() for match in [_TRAILING_NOTE.search(segment)] if match]
    pieces += _split_notes(shown)
    return [piece for piece in pieces if _HERE.search(piece) and (_NOTE_END.search(piece) or _CLOSED.search(piece))]


_QUESTION = frozenset("？?")   # a piece asking is no note (问：本件为什么不予公开？)
# A piece going on after its element as what qualifies a noun: the note quoted (附注标注<span>（此件不予公开）</span>的文件).
_QUOTED = re.compile(r"(?:\s*<[^<>]*>)*\s*的[\u4e00-\u9fff]")


def _segments(shown: str) -> list[str]:
    """The pieces of a line between its tags and sentence ends, but for a question (</strong>本件为什么不予公开？) and one
    the line goes on from as a noun's qualifier (…）</span>的文件): sentences about such notes, not the page's own."""
    bounds = [0, *(at for edge in _INLINE_EDGE.finditer(shown) for at in edge.span()), len(shown)]
    return [shown[start:end].strip() for start, end in zip(bounds[::2], bounds[1::2])
            if shown[end:end + 1] not in _QUESTION and not _QUOTED.match(shown, end)]


_SENTENCE_END = re.compile(r"([。！？!?；;])")
_CLAUSE_END = re.compile(r"[，,]")
_NOTE_START = re.compile(rf"(?:^|>)\s*((?:{_OPEN}\s*)?(?:<[^<>]*>\s*)*[此本]\s*件)")


def _split_notes(shown: str) -> list[str]:
    """A note set apart by an element but split across several (<span>此件不予</span><span>公开</span>, <sup>此件<b>不予</b>
    公开</sup>, <span>（此件</span>不予公开）): from where a piece begins 此件/本件 at an element's edge to its clause's
    end, the tags out (a reader sees one run of text). Not a question (<b>本件</b>为什么不予公开？), and the note is its
    first clause: in a sentence going on after a comma (详见<a>本件附件</a>，个人隐私依法不予公开。) 本件 is what it speaks of."""
    parts = _SENTENCE_END.split(shown)
    return [_CLAUSE_END.split(_TAG.sub("", sentence[match.start(1):]), 1)[0].strip()
            for sentence, end in zip(parts[::2], [*parts[1::2], ""]) if "<" in sentence and end not in _QUESTION
            for match in _NOTE_START.finditer(sentence)]


# Where such a piece ends when it is the note, not a sentence about it (此件不予公开的理由见下文 is read on).
_NOTE_END = re.compile(rf"公\s*开\s*{_CLOSE}?\s*[。.]?$")


# A 版记 typeset as a table: the label in one cell, what it says in the next (| 公开方式 | 依申请公开 |). Only the labels
# of a 版记: a table of figures heads its columns 主动公开 | 部分公开 | 不予公开 (an annual report's).
_CELL_LABEL = re.compile(r"^(?:信息)?公\s*开\s*(?:方式|属性|选项|类型|形式|类别)$")
# An admonition's title (!!! note "（此件不予公开）"): shown as the box's first line.
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s+\"(.*)\"\s*$")


# A column's heading, not a 版记's value: a count (不予公开文件数, 不予公开（件）), or one of several ways the row lists
# (| 公开方式 | 不予公开 | 依申请公开 | 主动公开 |: an annual report's table of figures, whatever the order).
_COUNT_HEADING = re.compile(r"(?:数|数量|件数|[(（]\s*(?:件|个|条|项|%)\s*[)）]|比例|占比|率)$")
_WAY_CELL = re.compile(r"公\s*开$")


def _labelled_cells(cells: list[str]) -> list[str]:
    """`label：value` for each cell holding a 版记's label and the cell after it, unless that is a column's heading."""
    plain = [_MARKUP.sub("", cell).strip() for cell in cells]
    return [f"{label}：{value}" for number, (label, value) in enumerate(zip(cells, cells[1:]))
            if _CELL_LABEL.match(plain[number]) and not _COUNT_HEADING.search(plain[number + 1])
            and not (number + 2 < len(plain) and _WAY_CELL.search(plain[number + 2]))]


def _withholding_clauses(state: str) -> list[str]:
    """The clauses of what a statement says (folded, spaces out) that withhold the document; none if it lists ways."""
    clauses = [_REMOVED_PART.sub("", clause) if _REMOVAL.search(clause) else clause
               for clause in _CLAUSES.split(re.sub(r"\s+", "", fold(state)))]
    naming = [clause for clause in clauses if fold("公开") in clause]
    if any(_LISTING.search(clause) for clause in naming):
        return []
    return [clause for clause in naming if _WITHHOLDING.search(clause)] + [clause for clause in clauses if _CLOSED.search(clause)]
