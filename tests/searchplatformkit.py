"""A small platform search index for the tests: three units' indexes built by the real
SearchIndexBuilder from tiny documents, written as unit builds write them, then assembled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from disclosure.search.index import UNIT_CHUNK_SIZE, SearchCategory, SearchDocument, SearchIndexBuilder
from disclosure.search.platform import assemble_platform_search, contribution

CATEGORIES = [SearchCategory("policies", "政策文件", None), SearchCategory("normative", "规范性文件", "policies"),
              SearchCategory("notices", "通知公告", None)]


def document(unit: str, number: int, title: str, body: str, category: str = "normative", year: int = 2024):
    doc = SearchDocument(url=f"{unit}/policies/normative/d{number}/", title=title, type_name="规范性文件",
                         category=category, published=dt.date(year, 3, number % 28 + 1), year=year,
                         index_no=f"{unit.upper()}/{year}-{number:05d}")
    return doc, f"<p>{body}</p>"


def unit_builder(segmenter, docs) -> SearchIndexBuilder:
    builder = SearchIndexBuilder(segmenter, CATEGORIES, UNIT_CHUNK_SIZE)
    for doc, html in docs:
        builder.add(doc, html)
    return builder


def write_unit(site: Path, unit: str, builder: SearchIndexBuilder) -> Path:
    """What a unit build writes: its own index under search/units/<unit>/ and its contribution (not published)."""
    files, weights = builder.files_and_weights()
    write(site / "search" / "units" / unit, files)
    path = site.parent / "_unit" / unit / "search-contribution.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(contribution(builder, weights).to_bytes())
    return path


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)


UNITS = {
    "gov": ("示例市人民政府", [
        ("示例市防汛抗旱应急预案", "为做好防汛抗旱工作，保障人民群众生命财产安全，制定本预案。"),
        ("关于加强城市燃气安全管理的意见", "各区县要加强城镇燃气安全管理，开展隐患排查。", "notices", 2023),
    ]),
    "yjj": ("示例市应急管理局", [
        ("应急避难场所管理办法", "本办法所称应急避难场所，是指用于群众临时避险的场所。"),
        ("关于《示例市防汛抗旱应急预案》的解读", "解读防汛抗旱应急预案的主要内容和防汛职责分工。"),
        ("危险化学品安全检查通知", "开展危险化学品企业安全检查，排查隐患。", "notices", 2023),
    ]),
    "czj": ("示例市财政局", [
        ("部门预算公开说明", "本部门预算包括一般公共预算收支。", "notices", 2025),
        ("防汛救灾资金管理办法", "防汛救灾资金用于防汛抗旱和灾后恢复重建。"),
    ]),
}


def unit_docs(unit: str) -> list:
    return [document(unit, number, *spec) for number, spec in enumerate(UNITS[unit][1])]


def platform_site(segmenter, root: Path) -> Path:
    """search/ of the platform and search/units/<unit>/ of each unit under `root`; contributions beside it."""
    contributions = [(unit, UNITS[unit][0], write_unit(root, unit, unit_builder(segmenter, unit_docs(unit))))
                     for unit in UNITS]
    write(root / "search", assemble_platform_search(contributions))
    return root


def indexed_site(root: Path, segmenter, chunk: int = UNIT_CHUNK_SIZE) -> SearchIndexBuilder:
    """A site's public documents indexed in this process (bodies rendered by Python-Markdown, not MkDocs)."""
    import markdown

    from disclosure.search.index import search_document
    from disclosure.rules.check import load_site
    site = load_site(root)
    builder = SearchIndexBuilder(segmenter, [SearchCategory.of(c) for c in site.catalogue.categories()], chunk)
    for doc in sorted(site.public_documents, key=lambda d: d.path):
        url = doc.path.removeprefix("content/").removesuffix(".md") + "/"
        builder.add(search_document(doc, site.catalogue.types[doc.type].name, url),
                    markdown.markdown(doc.body, extensions=["tables"]))
    return builder
