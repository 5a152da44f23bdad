"""Hand-made unit output folders in the format of the platform design (section 6).

What a unit build leaves in its site_dir: pages with slots, Material's assets, 404.html, the
unit's own exports, MkDocs' own sitemap, its search index, and `_unit/<id>/` (unit.json and the
search contribution, made with the real search builder). The assembly tests feed these to
`assemble` and `disclosure merge` without running MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from disclosure.pages.exports import catalogue_csv, catalogue_json
from disclosure.pages.slots import marked
from disclosure.search.index import UNIT_CHUNK_SIZE, SearchCategory, SearchDocument, SearchIndexBuilder
from disclosure.search.platform import contribution
from disclosure.search.text import Segmenter
from disclosure.platform.unit_manifest import MANIFEST_VERSION, seal_unit_manifest

from .sitekit import REPO

SITE_URL = "https://www.example.invalid/zwgk/"
THEME_ASSET = "assets/stylesheets/disclosure.css"
CATALOGUE_FOR_MERGE = (REPO / "tests" / "test_platform_core.py")   # its CATALOGUE: gov, jyj (政府部门), nanqu (县区)


def unit_categories(unit: str) -> list[SearchCategory]:
    """The unit's categories in test_platform_core's CATALOGUE, as its build lists them in its search manifest (the
    merge holds a unit's manifest to catalogue.yaml's)."""
    import tempfile

    from disclosure.content.catalogue_file import load_catalogue
    from disclosure.search.index import search_categories

    from .test_platform_core import CATALOGUE
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
        model, _ = load_catalogue(Path(folder) / "catalogue.yaml", "catalogue.yaml")
    return search_categories(next(each for each in model.platform.units if each.id == unit).catalogue)

_SEGMENTER = None


def segmenter() -> Segmenter:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = Segmenter(["测试市人民政府", "测试市教育局"])
    return _SEGMENTER


def slot(name: str, inside: str = "") -> str:
    return marked(name, inside)


def link(record: dict) -> dict:
    """A link as pages/slot_views.document_link makes it."""
    keys = ("url", "title", "index_no", "doc_no", "kind", "published", "validity", "publisher")
    return {**{key: record.get(key) for key in keys}, "in_force": True,
            "unit": record["department"], "unit_name": record["department_name"]}


def page(*slots: str, article: str = "") -> str:
    return ("<!doctype html><html><body><main>" + article + "".join(slot(name, "<p>单位内</p>") for name in slots) +
            "</main></body></html>\n")


def article(record: dict) -> str:
    """The document as its page prints it (title, metadata, body): what the unit's search rows show of it, which
    the merge looks for on the page (a row whose text no page shows is refused)."""
    shown = [html.escape(str(record[key])) for key in ("type_name", "published", "index_no", "doc_no") if record.get(key)]
    title = html.escape(record["title"])
    return f"<article><h1>{title}</h1><p>{' '.join(shown)}</p><p>{title}的正文。</p></article>"


def record(unit: str, unit_name: str, index_no: str, title: str, url: str, published: str, **extra) -> dict:
    """A catalogue.json record of the unit (absent relation lists empty), plus the department fields."""
    fields = {"index_no": index_no, "title": title, "type": "policy", "type_name": "规范性文件", "category": "normative",
              "category_name": "规范性文件", "url": url, "publisher": unit_name, "published": published, "issued": None,
              "doc_no": None, "validity": None, "topics": [], "summary": None, "interprets": [], "interpretations": [],
              "superseded_by": None, "replaces": [], "responds_to": None, "attachments": [],
              "department": unit, "department_name": unit_name}
    fields.update(extra)
    return fields


class UnitFolder:
    """One unit's output folder, built up by a test and written with `write`."""

    def __init__(self, unit: str, name: str, group: str | None):
        self.unit, self.name, self.group = unit, name, group
        # As a real unit build leaves them: the theme's assets in every unit (a file of the theme folder: the merge
        # takes none other), 404.html and robots.txt in the government's.
        self.files: dict[str, bytes] = {THEME_ASSET: (REPO / "overrides" / THEME_ASSET).read_bytes()}
        if unit == "gov":
            self.files.update({"404.html": b"<p>404</p>\n", "robots.txt": b"User-agent: *\n"})
        self.records: list[dict] = []
        self.refs = {"unit": unit, "records": [], "deferred": [], "awaiting": [], "hidden": {}}
        self.pages: dict[str, str] = {}
        self.relations: dict[str, dict[str, list[dict]]] = {}
        self.sitemap: list[dict] = []

    def document(self, index_no: str, title: str, path: str, published: str, **extra) -> dict:
        """A public document: its record, DocRecord, sitemap entry; its page (with the relations slot) is written by
        `write`, from the record as it is then."""
        url = path + "/"
        entry = record(self.unit, self.name, index_no, title, url, published, **extra)
        self.records.append(entry)
        self.refs["records"].append({"unit": self.unit, "unit_name": self.name, "index_no": index_no, "title": title,
                                     "type_name": entry["type_name"], "src_uri": path + ".md", "published": published,
                                     "doc_no": extra.get("doc_no"), "interpretation_days": None, "exempt": False,
                                     "imported": False})
        self.pages[index_no] = url + "index.html"
        self.sitemap.append({"loc": url, "lastmod": published})
        return entry

    def own_link(self, source: str, key: str, target: str) -> None:
        """A link inside the unit, as the build hands it over (unit.json `relations`)."""
        found = {r["index_no"]: r for r in self.records}
        self.relations.setdefault(source, {}).setdefault(key, []).append(link(found[target]))

    def defer(self, source: str, key: str, target: str, path: str, line: int = 4) -> None:
        self.refs["deferred"].append({"unit": self.unit, "path": path, "line": line, "key": key, "target": target,
                                      "source": source, "public": True, "published_line": 3})

    def write(self, folder: Path) -> Path:
        home = "" if self.unit == "gov" else self.unit + "/"
        for entry in self.records:   # as the records are now (a test may have changed a title)
            self.files[entry["url"] + "index.html"] = page("relations", article=article(entry)).encode()
        self.files[home + "index.html"] = (page("platform-latest", "platform-directory") if self.unit == "gov" else page()).encode()
        self.sitemap.insert(0, {"loc": home, "lastmod": max((r["published"] for r in self.records), default=None)})
        prefix = "gov/" if self.unit == "gov" else home
        newest = sorted(self.records, key=lambda r: (r["published"], r["index_no"]), reverse=True)
        self.files[prefix + "catalogue.json"] = catalogue_json(newest).encode()
        self.files[prefix + "catalogue.csv"] = catalogue_csv(newest, platform=True)
        hand_over = {
            "version": MANIFEST_VERSION, "unit": self.unit, "name": self.name, "group": self.group, "refs": self.refs, "records": newest,
            "feed": [{"id": SITE_URL + r["url"], "title": r["title"], "url": r["url"],
                      "updated": r["published"] + "T00:00:00+08:00", "summary": f"规范性文件，索引号 {r['index_no']}",
                      "category": r["category_name"], "author": "", "department": self.unit,
                      "department_name": self.name} for r in newest],
            "sitemap": self.sitemap, "pages": self.pages, "relations": self.relations, "count": len(self.records),
            "latest": [link(r) for r in newest[:10]],
        }
        for path, content in self.files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(content)
        self._write_search(folder)
        hand = folder / "_unit" / self.unit
        hand.mkdir(parents=True, exist_ok=True)
        (hand / "unit.json").write_text(json.dumps(hand_over, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return folder

    def _write_search(self, folder: Path) -> None:
        builder = SearchIndexBuilder(segmenter(), unit_categories(self.unit), UNIT_CHUNK_SIZE)   # as its build writes it
        for r in sorted(self.records, key=lambda r: r["url"]):
            doc = SearchDocument(url=r["url"], title=r["title"], type_name=r["type_name"], category="policies",
                                 published=dt.date.fromisoformat(r["published"]), year=int(r["published"][:4]),
                                 index_no=r["index_no"])
            builder.add(doc, f"<p>{r['title']}的正文。</p>")
        files, weights = builder.files_and_weights()
        for name, content in files.items():
            path = folder / "search" / "units" / self.unit / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        hand = folder / "_unit" / self.unit
        hand.mkdir(parents=True, exist_ok=True)
        (hand / "search-contribution.bin").write_bytes(contribution(builder, weights).to_bytes())


def toy_units() -> list[UnitFolder]:
    """The government, 教育局 (interprets the government's policy) and 南区 (nothing across units)."""
    gov = UnitFolder("gov", "测试市人民政府", None)
    gov.document("CSF/2025-00001", "测试政策1", "policies/normative/p1", "2025-03-01", doc_no="测政发〔2025〕1号",
                 interpretations=["CSF/2025-00003"])
    gov.document("CSF/2025-00002", "测试政策2", "policies/normative/p2", "2025-03-01", doc_no="测政发〔2025〕2号")
    gov.document("CSF/2025-00003", "解读CSF/2025-00003", "interpretations/n1", "2025-03-01", type="interpretation",
                 type_name="政策解读", interprets=["CSF/2025-00001"])
    gov.own_link("CSF/2025-00001", "interpretations", "CSF/2025-00003")
    gov.own_link("CSF/2025-00003", "interprets", "CSF/2025-00001")
    jyj = UnitFolder("jyj", "测试市教育局", "政府部门")
    jyj.document("JYJ/2025-00001", "教育局指南", "jyj/guide/guide", "2025-01-02")
    jyj.document("JYJ/2025-00003", "解读JYJ/2025-00003", "jyj/interpretations/n2", "2025-03-02", type="interpretation",
                 type_name="政策解读", interprets=["CSF/2025-00002"])
    jyj.defer("JYJ/2025-00003", "interprets", "CSF/2025-00002", "content/jyj/interpretations/n2.md")
    nanqu = UnitFolder("nanqu", "测试市南区人民政府", "县区")
    nanqu.document("NQ/2025-00001", "南区指南", "nanqu/guide/guide", "2025-01-02")
    return [gov, jyj, nanqu]


def write_units(units_dir: Path, units: list[UnitFolder]) -> Path:
    """Each unit's output in its own folder, sealed as a unit build seals it (every file with its SHA-256)."""
    for unit in units:
        unit.write(units_dir / unit.unit)
        seal_unit_manifest(units_dir / unit.unit, unit.unit)
    return units_dir
