"""What the templates receive: documents, listings and the home page with their URLs.

URLs are relative to the site root; the templates make them relative to the page (MkDocs'
``url`` filter), so that the site works under any sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..content.catalogue import Category, DocType
from ..content.model import Attachment, Document
from .plan import HOME_PAGE, ListingPage, PagePlan, SitePlan, listing_src_uri
from .slot_views import banner_view, directory_view, document_link, latest_view, relations_view
from .urls import page_url

UrlOf = Callable[[str], str]   # content-relative source path -> site-root-relative URL


@dataclass(frozen=True)
class DocLink:
    doc: Document
    url: str
    type_name: str


@dataclass(frozen=True)
class CategoryLink:
    category: Category
    url: str
    count: int
    children: tuple["CategoryLink", ...] = ()


@dataclass(frozen=True)
class AttachmentLink:
    attachment: Attachment
    url: str


class ViewBuilder:
    """The views of one unit's pages (a single agency: of the site's). On a platform a page's view
    depends on its own unit and catalogue.yaml only; what other units add goes into slots."""

    def __init__(self, plan: SitePlan, url_of: UrlOf, directory_urls: bool = True):
        self.plan, self.site, self.url_of, self.directory_urls = plan, plan.site, url_of, directory_urls
        self.catalogue = plan.site.catalogue
        # The platform home is the government's page: a department's build knows only where it is.
        self.platform_home = page_url(HOME_PAGE, directory_urls) if self.catalogue.platform else None
        self.unit_home = page_url(self.catalogue.home_page(), directory_urls)
        self.exports = f"{self.catalogue.folder or 'gov'}/" if self.catalogue.platform else ""

    def page(self, page: PagePlan) -> dict | None:
        """What the template of a planned page receives; None for a hand-written section page."""
        if page.kind == "document":
            return self.document(page.document)
        if page.kind == "listing":
            return self.listing(page.listing)
        return self.home(page) if page.kind in ("home", "unit-home") else None

    def link(self, doc: Document) -> DocLink:
        return DocLink(doc, self.url_of(doc.src_uri), self.doc_type(doc).name)

    def doc_type(self, doc: Document) -> DocType:
        return self.site.catalogue.types.get(doc.type or "") or DocType(key=doc.type or "", name=doc.type or "")

    def category_link(self, category: Category) -> CategoryLink:
        children = tuple(self.category_link(child) for child in category.children)
        return CategoryLink(category, self.url_of(listing_src_uri(category)), self.plan.count(category), children)

    def trail(self, category: Category | None) -> list[CategoryLink]:
        return [CategoryLink(c, self.url_of(listing_src_uri(c)), 0) for c in (category.trail if category else [])]

    def unit_link(self) -> dict | None:
        """A department's section home, between the platform home and its categories in a trail."""
        return {"name": self.catalogue.agency.name, "url": self.unit_home} if self.catalogue.folder else None

    def relation_links(self, doc: Document) -> dict[str, list[dict]]:
        """The document's links inside its own unit, by group (slot_views.RELATION_KEYS); empty groups left out."""
        relations, key = self.site.relations, doc.index_no
        single = lambda found: [found] if found else []  # noqa: E731
        groups = {
            "interpretations": relations.interpretations.get(key, []),
            "interprets": relations.interpreted.get(key, []),
            "replaces": relations.replaces.get(key, []),
            "replaced_by": single(relations.replaced_by.get(key)),
            "responses": relations.responses.get(key, []),
            "responds_to": single(relations.responds_to.get(key)),
        }
        return {name: [document_link(d, self.url_of(d.src_uri)) for d in docs] for name, docs in groups.items() if docs}

    # ---

    def document(self, doc: Document) -> dict:
        relations = self.site.relations
        key = doc.index_no
        replaced_by = relations.replaced_by.get(key)
        responds_to = relations.responds_to.get(key)
        return {
            "document": doc,
            "type": self.doc_type(doc),
            "trail": self.trail(doc.category),
            "attachments": [AttachmentLink(a, self.url_of(a.src_uri)) for a in doc.attachments],
            "relations": relations_view(self.relation_links(doc), self.url_of(doc.src_uri)),
            "banner": banner_view(doc.validity, doc.in_force, document_link(replaced_by, self.url_of(replaced_by.src_uri))
                                  if replaced_by else None, self.url_of(doc.src_uri)),
            "replaced_by": self.link(replaced_by) if replaced_by else None,
            "responds_to": self.link(responds_to) if responds_to else None,
            "consultation_state": self.consultation_state(doc),
            "unit_home": self.unit_link(),
        }

    def consultation_state(self, doc: Document) -> str | None:
        """征求中 / 已结束 / 未开始 from the dates and the build's today."""
        if not (doc.opens and doc.closes):
            return None
        today = self.site.today
        return "未开始" if today < doc.opens else "征求中" if today <= doc.closes else "已结束"

    def listing(self, page: ListingPage) -> dict:
        category = page.category
        return {
            "listing": page,
            "category": self.category_link(category),
            "trail": self.trail(category),
            "groups": [(year, [self.link(d) for d in docs]) for year, docs in page.year_groups],
            # 人事信息, 行政许可, a 年报 column carry no 发文字号: an empty column would take a sixth of every row.
            # Decided for the whole page, so that its years' tables have the same columns.
            "doc_no_column": any(d.doc_no for _, docs in page.year_groups for d in docs),
            "pages": [self.url_of(listing_src_uri(category, n)) for n in range(1, page.count + 1)],
            "withheld": page.withheld,
            "unit_home": self.unit_link(),
        }

    def home(self, page: PagePlan) -> dict:
        view = {
            "tree": [self.category_link(root) for root in self.site.catalogue.roots],
            "latest": [self.link(doc) for doc in page.documents],
            "total": len(self.site.public_documents),
            "heading": self.catalogue.agency.name if page.kind == "unit-home" else None,
            "exports": self.exports,               # where the unit's catalogue.csv/json are
            "platform_home": self.platform_home if page.kind == "unit-home" else None,
        }
        if page.kind == "home" and self.catalogue.platform:
            view.update(self.platform_parts(page))
        return view

    def platform_parts(self, page: PagePlan) -> dict:
        """The platform home's slots as this unit knows them: the directory from catalogue.yaml
        (no counts), the latest of the government's own documents; the assembly fills both."""
        here = self.url_of(page.src_uri)
        groups = [(group, [{"id": unit.id, "name": unit.name, "url": page_url(unit.catalogue.home_page(), self.directory_urls),
                            "count": None} for unit in units]) for group, units in self.catalogue.platform.grouped()]
        return {
            "platform": self.catalogue.platform,
            "directory": directory_view(groups, here),
            "platform_latest": latest_view(self.latest_links(page.documents), here),
        }

    def latest_links(self, documents: list[Document]) -> list[dict]:
        """The unit's newest documents as links naming the unit (the platform's 最新信息, unit.json's `latest`)."""
        unit, name = self.catalogue.unit_id, self.catalogue.agency.name
        return [document_link(doc, self.url_of(doc.src_uri), unit, name) for doc in documents]
