"""Every statement of whether a saved page is public (公开属性), however the page lays it out.

The metadata reader (htmlpage.py) reads tables and blocks of two or more `label：value` statements, a value as
the text of the cell after its label. A CMS lays the same out otherwise: a lone `<dl><dt>公开属性</dt><dd>不予公开`
or `<p>公开属性：依申请公开</p>` beside the article, the value in the next row, or shown as a picture (an icon whose
alt says 不予公开) or a form control (`<input value>`, a `<select>`). None was read, so the page was imported as
public and its statement left out with the page's furniture. Here each label naming 公开 (whatever its element) is
read with the value that follows it as a reader sees it, pictures and controls by what they show; a value shown
only as a picture or control with nothing to read is no 主动公开 either. The statements go through `Page.take`,
where any that is not recognisably 主动公开 withholds the page (W801, a decision for the editor).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..content.disclosure_statements import withheld_statements, withholding_title_note
from ..text.chinese import fold
from ..text.markup import css_unescaped
from . import metadata

_OPENNESS = fold("公开")
_LABELS = frozenset(name for name, key in metadata.LABELS.items() if key == "disclosure")
_LABEL_MAX = 16        # characters of a label (索 引 号：, 信息公开属性：)
_STATEMENT_MAX = 80    # characters of a label and its value in one element
_FOLLOW_MAX = 40       # elements and texts looked through for a label's value
_INLINE = frozenset({"a", "b", "strong", "em", "i", "u", "font", "span", "sup", "sub", "small", "big", "label", "s",
                     "ins", "mark", "abbr", "nobr", "code", "tt"})
_SHOWING = frozenset({"img", "input", "select", "object", "embed", "svg", "canvas"})
_NOT_SHOWN = frozenset({"script", "style", "template", "noscript", "textarea", "title", "head"})
SHOWN_UNREAD = "（原页面以图片或控件显示，无法读出）"


def statements(soup: BeautifulSoup) -> list[tuple[int, str]]:
    """(line, the page's wording) of each 公开属性 the page states, in the page's order."""
    found = []
    read: set[int] = set()   # each element once: a page of a thousand lines of 公开 in one <div> stays linear
    for text in soup.find_all(string=lambda s: _OPENNESS in fold(s)):
        element = text.parent
        if not isinstance(element, Tag) or element.name in _NOT_SHOWN or id(element) in read:
            continue
        read.add(id(element))
        wording = element.get_text(" ", strip=True)
        if len(wording) > _STATEMENT_MAX:
            continue
        value = _value(element, wording)
        if value is not None:
            found.append((getattr(element, "sourceline", None) or 1, value))
    return found


def title_notes(titles: list[str]) -> list[str]:
    """The words of a closing note in brackets that withholds the page (关于……的通知（不予公开）), in any of its titles
    (the <title>'s parts, the metadata's 标题, its headings): the statement is the page's own, where no label stands."""
    return [note.strip("（）()【】［］[]〔〕〖〗﹙﹚﹝﹞⁽⁾₍₎ ") for title in titles if (note := withholding_title_note(title))]


def _value(element: Tag, wording: str) -> str | None:
    """What the page says after its label, when `wording` is a label of 公开 (alone or with its value)."""
    bare = re.sub(r"[\s:：]+", "", fold(wording))
    if bare in _LABELS or (len(bare) <= _LABEL_MAX and wording.rstrip().endswith((":", "："))
                           and metadata.label_key(wording) == "disclosure"):
        column = _column_of(element)
        return _following(element) if column is None else _reading(column) or _shown_unread(column)
    pairs = [value for key, value in metadata.inline_pairs(fold(wording)) if key == "disclosure"]
    if not pairs:
        return None
    return pairs[0] if pairs[0].strip() else _following(element)


def _column_of(label: Tag) -> Tag | None:
    """The cell in the label's column of the next row, where the label stands in a row of labels (索引号 | 发布日期 |
    公开属性 above the row of their values): what follows the label in the page is the next row's first cell."""
    cell = label if label.name in ("td", "th") else label.find_parent(["td", "th"])
    row = cell.find_parent("tr") if cell else None
    below = row.find_next_sibling("tr") if row else None
    if below is None:
        return None
    labels = row.find_all(["td", "th"], recursive=False)
    values = below.find_all(["td", "th"], recursive=False)
    if len(labels) < 2 or len(values) != len(labels) or not all(metadata.known_label(c.get_text()) for c in labels) \
            or any(metadata.known_label(c.get_text()) for c in values):
        return None   # a row of a label and its value (公开属性 | 主动公开) above the next such row
    return values[next(index for index, each in enumerate(labels) if each is cell)]


def _shown_unread(cell: Tag) -> str | None:
    """An empty cell says nothing (as before); one showing only a picture or a control says it cannot be read."""
    return SHOWN_UNREAD if cell.find(_SHOWING) else None


def _following(label: Tag) -> str | None:
    """The first thing a reader sees after `label`: the text of its cell, or what a picture or control shows; None
    when that is the next label (an empty cell says nothing, as before) or no value (a paragraph of the body)."""
    own = {id(label)}
    around = {id(parent) for parent in label.parents}   # an element holding the label is no value of it
    looked = 0
    for item in label.next_elements:
        if any(id(parent) in own for parent in item.parents):
            continue   # the label's own text
        looked += 1
        if looked > _FOLLOW_MAX:
            return None
        if isinstance(item, Tag):
            if item.name in _SHOWING:
                return _shown_by(item) or SHOWN_UNREAD
            continue
        if not item.strip() or item.parent is None or item.parent.name in _NOT_SHOWN:
            continue
        if _is_label(str(item)):
            return None
        holder = item.parent
        while holder.name in _INLINE and holder.parent is not None and id(holder.parent) not in around:
            holder = holder.parent
        value = str(item).strip() if id(holder) in around else _reading(holder)
        return value if len(value) <= _STATEMENT_MAX else None
    return None


def _is_label(text: str) -> bool:
    bare = re.sub(r"[\s:：]+", "", fold(text))
    return bare in metadata.LABELS or text.rstrip().endswith((":", "：")) and metadata.label_key(text) is not None \
        or bool(metadata.inline_pairs(fold(text)))


def _shown_by(item: Tag) -> str:
    if item.name == "select":
        return " ".join(option.get_text(" ", strip=True) for option in item.find_all("option"))
    return (item.get("alt") or item.get("value") or item.get("title") or item.get("aria-label") or "").strip()


def _reading(holder: Tag) -> str:
    """The element's text with what its pictures and controls show, in the page's order (read no further than a
    value is long: a longer one is no value)."""
    parts, length = [], 0
    for item in holder.descendants:
        if isinstance(item, NavigableString) and item.parent is not None and item.parent.name not in _NOT_SHOWN:
            parts.append(str(item))
        elif isinstance(item, Tag) and item.name in ("img", "input"):
            parts.append(" " + (_shown_by(item) or SHOWN_UNREAD) + " ")
        else:
            continue
        length += len(parts[-1].strip())
        if length > _STATEMENT_MAX:
            break
    return " ".join(" ".join(parts).split())


# Text a page's style writes into it: `content:` of a ::before or ::after (or ::marker) rule, its strings and the
# attributes it shows (attr(data-x)). A reader sees it where the rule puts it: `公开属性：主动公开` followed by a
# generated （不予公开）. The import keeps no style, so such text is in no reading: where it withholds (a negation or a
# request before 公开, a closed circle of readers) it is a statement of its own, never 主动公开 (it can only withhold the
# page). Other generated text (an icon's glyph, 公开时间以发布日期为准) says nothing of the page.
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")   # each rule once (linear: a pattern naming ::after itself rescans)
_GENERATING = re.compile(r":(?:before|after|marker)\b", re.I)
_CONTENT = re.compile(r"(?<![\w-])content\s*:\s*([^;]*)", re.I)
_CSS_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_WITHHOLDS = re.compile(fold(r"(?:不|非|免|无需|无须|勿|缓|申请)[^，,；;。]{0,6}公开|内部|涉密|秘密|机密|绝密"))
GENERATED = "（网页样式生成的文字）"


def generated_statements(sheets: list[str], soup: BeautifulSoup) -> list[str]:
    """Each text the page's style sheets (`sheets`: its <style> and the saved sheets it links) generate that
    withholds, marked as generated."""
    found = []
    for sheet in sheets:
        for selectors, declarations in _RULE.findall(_CSS_COMMENT.sub("", sheet)):
            if not _GENERATING.search(selectors) or "content" not in declarations.lower():
                continue
            for value in _CONTENT.findall(css_unescaped(declarations)):
                shown = "".join(_generated_texts(value, soup))
                if _WITHHOLDS.search(fold(re.sub(r"\s+", "", shown))):
                    found.append(GENERATED + shown.strip())
    return list(dict.fromkeys(found))


def _generated_texts(value: str, soup: BeautifulSoup) -> list[str]:
    """The strings of one `content:` value, and for attr(name) every value of that attribute in the page."""
    texts = []
    for double, single, attribute in _CSS_STRING.findall(value):
        if attribute:
            texts += [" ".join(tag[attribute]) if isinstance(tag[attribute], list) else tag[attribute]
                      for tag in soup.find_all(attrs={attribute: True})]
        else:
            texts.append(double or single)
    return texts


# Where a reader sees a 附注 that the import leaves out of the Markdown: a form control's text or value (<textarea>,
# <input value>, <button>, <select>'s option), SVG's or MathML's text, an object's fallback, a ticker, a table's
# caption, a picture's alt where no picture is drawn. （此件不予公开） written in one was dropped with it, and the page
# imported as public. Each such element's lines are read for a note as the body's are (plan.py), before it goes.
_LEFT_OUT_SHOWING = ("textarea", "input", "button", "select", "svg", "math", "object", "embed", "marquee", "caption", "img")


def left_out_notes(body: Tag) -> list[str]:
    """What the 附注 in `body`'s left-out elements (above) state: 不予公开, 依申请公开 …"""
    lines = []
    for element in body.find_all(_LEFT_OUT_SHOWING):
        lines += element.get_text("\n").split("\n")
        lines += [element.get(name) or "" for name in ("value", "alt", "placeholder")]
    text = "\n".join(line.strip() for line in lines if line.strip())
    return [statement.state for statement in withheld_statements(text)] if text else []
