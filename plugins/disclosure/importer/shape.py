"""Did the import keep the page's shape? The source body's paragraphs, headings and tables,
counted as the import read them, against the Markdown it wrote, rendered the way the site
renders it (Python-Markdown with mkdocs.yml's extensions and the official-text extension).

A body that lost paragraphs (run together), a heading, a table, a character of its text (Han, digits,
punctuation, `*` and `_`, as the build's fidelity rule counts them), or that shows markup as text
(`|`, `**`, `<td>` on the page) is listed in the report with the figures, never passed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

from ..content.yamlsource import host_config
from ..rules.fidelity import lost_runs, significant

PARAGRAPHS_KEPT = 0.95    # of the source's paragraphs, at least, on the page
LOST_TEXT_SHOWN = 3       # runs of lost text named in the report
HEADINGS = [f"h{n}" for n in range(1, 7)]
# Markup that a reader should never see as text: more of it on the page than in the source is a loss.
SHOWN_MARKUP = ("|", "**", "__", "##", "<", ">", "&nbsp;", "&lt;", "&gt;", "&amp;", "\\", "![", "](", "---", "~~")
_OFFICIAL = "disclosure.text.markdown_official"
_MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")   # MkDocs adds these to every site's list
_FALLBACK_EXTENSIONS = ["attr_list"]


@dataclass(frozen=True)
class Shape:
    paragraphs: int = 0
    headings: int = 0
    tables: int = 0
    images: int = 0
    text: str = field(default="", repr=False, compare=False)

    def figures(self) -> dict[str, int]:
        return {"段落": self.paragraphs, "标题": self.headings, "表格": self.tables, "图片": self.images}


def _visible(tag: Tag) -> bool:
    """A paragraph with text (an image alone is counted as an image)."""
    return bool(re.sub(r"[\s\u3000\xa0]+", "", tag.get_text("")))


def source_shape(blocks: Tag) -> Shape:
    """The flattened source body (body.flatten, headings marked): one count per block."""
    found = blocks.find_all(recursive=False)
    paragraphs = sum(1 for b in found if b.name == "p" and _visible(b))
    paragraphs += sum(len([li for li in b.find_all("li") if _visible(li)]) for b in found if b.name in ("ul", "ol"))
    return Shape(paragraphs, sum(1 for b in found if b.name in HEADINGS), len(blocks.find_all("table")),
                 len(blocks.find_all("img")), blocks.get_text(""))


def rendered_shape(html: str) -> Shape:
    soup = BeautifulSoup(html, "html.parser")
    paragraphs = [tag for tag in soup.find_all(["p", "li"]) if _visible(tag) and tag.find_parent(["td", "th"]) is None
                  and not (tag.name == "p" and tag.find_parent("li") is not None)]
    return Shape(len(paragraphs), len(soup.find_all(HEADINGS)), len(soup.find_all("table")), len(soup.find_all("img")),
                 soup.get_text(""))


def losses(source: Shape, written: Shape) -> list[str]:
    """What of the source's shape the page does not keep, in Chinese; [] when all is kept."""
    found = []
    if written.paragraphs < PARAGRAPHS_KEPT * source.paragraphs:
        found.append(f"段落 {source.paragraphs} → {written.paragraphs}")
    for name, before, after in (("标题", source.headings, written.headings), ("表格", source.tables, written.tables),
                                ("图片", source.images, written.images)):
        if after < before:
            found.append(f"{name} {before} → {after}")
    lost = lost_runs(significant(source.text), significant(written.text))
    if lost:
        found.append("文字 " + "、".join(f"“{run}”" for run in lost[:LOST_TEXT_SHOWN]) + (" 等" if len(lost) > LOST_TEXT_SHOWN else "")
                     + " 在页面上丢失或改变")
    shown = [mark for mark in SHOWN_MARKUP if written.text.count(mark) > source.text.count(mark)]
    if shown:
        found.append("页面上显示出标记符号 " + " ".join(f"“{mark}”" for mark in shown))
    return found


def render(markdown_text: str, root: Path) -> str:
    """The body as the site's build would render it (without MkDocs: the core never needs it)."""
    import markdown
    extensions, configs = site_extensions(root)
    try:
        return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(markdown_text)
    except Exception:   # an extension of mkdocs.yml that cannot be loaded here (a plugin's own): the basic set
        return markdown.Markdown(extensions=[*_MKDOCS_BUILTINS, *_FALLBACK_EXTENSIONS, _OFFICIAL]).convert(markdown_text)


def site_extensions(root: Path) -> tuple[list[str], dict]:
    try:
        config = host_config(root / "mkdocs.yml")
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    listed = config.get("markdown_extensions") if isinstance(config, dict) else None
    names, configs = list(_MKDOCS_BUILTINS), {}
    for item in listed if isinstance(listed, list) else _FALLBACK_EXTENSIONS:
        if item in names:
            continue
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            names.append(name)
            if isinstance(options, dict):
                configs[name] = {key: value for key, value in options.items() if value is not None}
    return [*names, _OFFICIAL] if _OFFICIAL not in names else names, configs
