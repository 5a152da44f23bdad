"""What Word's fields show from elsewhere in the document once updated (F9, or printing with 打印前更新域).

`电话 1380013{ REF 分机 }` in a footer, the bookmark 分机 marking 8000 somewhere in the body; `{ DOCPROPERTY Manager }`
or `{ SUBJECT }` after the digits, the property holding the rest; `{ DOCVARIABLE 号码 }` with the variable in the
document's settings. The field's saved result may be anything (blank, a dash): the reader of each part sees no number
and the property, bookmark or variable read alone is too short to be one; Word shows the number once the field is
updated. The texts a field may take are read from the package here, the first time a field asks (most documents ask
none): bookmarks of the body, the core, extended and custom properties, the document variables.
"""

from __future__ import annotations

import io
import zipfile

# Keys of the texts other than bookmarks (a bookmark's name has no control character).
PROPERTY, VARIABLE = "\x00", "\x01"
_MAX_TEXT = 1000   # characters kept of one bookmark: a datum is short, a bookmark may span the whole body
_PARTS = ("word/document.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "word/settings.xml")


class FieldSources(dict):
    """Bookmarks' texts by name (SET fields add theirs while the part is read), and the package's properties and
    variables (`PROPERTY` + lowercase name, `VARIABLE` + lowercase name), read from `package` when first asked for."""

    def __init__(self, package: zipfile.ZipFile | None = None) -> None:
        super().__init__()
        self._package = package

    def get(self, key, default=None):
        if key not in self and self._package is not None:
            package, self._package = self._package, None
            for name, text in package_texts(package).items():
                self.setdefault(name, text)   # a SET field's value, set while reading, stands
        return super().get(key, default)


def package_texts(package: zipfile.ZipFile) -> dict[str, str]:
    from lxml import etree
    texts: dict[str, str] = {}
    present = set(package.namelist())
    for part in _PARTS:
        if part not in present:
            continue
        events = etree.iterparse(io.BytesIO(package.read(part)), events=("start", "end"), resolve_entities=False,
                                 no_network=True, huge_tree=False, load_dtd=False)
        if part == "word/document.xml":
            texts.update(_bookmarks(events))
        elif part == "word/settings.xml":
            texts.update(_variables(events))
        else:
            texts.update(_properties(events))
    return texts


def _local(element) -> str:
    tag = element.tag
    return tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""


def _attribute(element, local: str) -> str:
    return next((value for key, value in element.items() if key.rpartition("}")[2] == local), "")


def _bookmarks(events) -> dict[str, str]:
    """Each bookmark's text: the w:t between its w:bookmarkStart and the w:bookmarkEnd of the same id."""
    open_marks: dict[str, str] = {}
    collected: dict[str, list[str]] = {}
    for event, element in events:
        local = _local(element)
        if event == "start" and local == "bookmarkStart":
            open_marks[_attribute(element, "id")] = name = _attribute(element, "name")
            collected.setdefault(name, [])
        elif event == "start" and local == "bookmarkEnd":
            open_marks.pop(_attribute(element, "id"), None)
        elif event == "end" and local == "t" and open_marks:
            for name in open_marks.values():
                if sum(map(len, collected[name])) < _MAX_TEXT:
                    collected[name].append(element.text or "")
        if event == "end" and local in ("p", "t"):
            element.clear(keep_tail=True)
    return {name: "".join(parts)[:_MAX_TEXT] for name, parts in collected.items() if name}


def _variables(events) -> dict[str, str]:
    """The document variables (w:docVars/w:docVar name and value), for DOCVARIABLE fields."""
    return {VARIABLE + _attribute(element, "name").lower(): _attribute(element, "val")
            for event, element in events if event == "end" and _local(element) == "docVar"}


def _properties(events) -> dict[str, str]:
    """The core (title, subject, creator …), extended (Company, Manager …) and custom properties by lowercase name."""
    found: dict[str, str] = {}
    for event, element in events:
        if event != "end":
            continue
        local = _local(element)
        if local == "property":   # a custom property: its name, its one typed value
            found[PROPERTY + _attribute(element, "name").lower()] = "".join(element.itertext()).strip()
        elif len(element) == 0 and element.text and element.text.strip():
            found.setdefault(PROPERTY + local.lower(), element.text.strip())
    return found
