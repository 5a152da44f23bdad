"""What the templates receive: documents, listings and the home page with their URLs.

URLs are relative to the site root; the templates make them relative to the page (MkDocs'
``url`` filter), so that the site works under any sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .catalogue import Category, DocType
from .model import Attachment, Document
from .pages import ListingPage, PagePlan, SitePlan, listing_src_uri

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
    def __init__(self, plan: SitePlan, url_of: UrlOf):
        self.plan, self.site, self.url_of = plan, plan.site, url_of

    def page(self, page: PagePlan) -> dict | None:
        """What the template of a planned page receives; None for a hand-written section page."""
        if page.kind == "document":
            return self.document(page.document)
        if page.kind == "listing":
            return self.listing(page.listing)
        return self.home(page) if page.kind == "home" else None

    def link(self, doc: Document) -> DocLink:
        return DocLink(doc, self.url_of(doc.src_uri), self.doc_type(doc).name)

    def doc_type(self, doc: Document) -> DocType:
        return self.site.catalogue.types.get(doc.type or "") or DocType(key=doc.type or "", name=doc.type or "")

    def category_link(self, category: Category) -> CategoryLink:
        children = tuple(self.category_link(child) for child in category.children)
        return CategoryLink(category, self.url_of(listing_src_uri(category)), self.plan.count(category), children)

    def trail(self, category: Category | None) -> list[CategoryLink]:
        return [CategoryLink(c, self.url_of(listing_src_uri(c)), 0) for c in (category.trail if category else [])]

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
            "interpretations": [self.link(d) for d in relations.interpretations.get(key, [])],
            "interprets": [self.link(d) for d in relations.interpreted.get(key, [])],
            "replaces": [self.link(d) for d in relations.replaces.get(key, [])],
            "replaced_by": self.link(replaced_by) if replaced_by else None,
            "responses": [self.link(d) for d in relations.responses.get(key, [])],
            "responds_to": self.link(responds_to) if responds_to else None,
            "consultation_state": self.consultation_state(doc),
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
            "pages": [self.url_of(listing_src_uri(category, n)) for n in range(1, page.count + 1)],
            "withheld": page.withheld,
        }

    def home(self, page: PagePlan) -> dict:
        return {
            "tree": [self.category_link(root) for root in self.site.catalogue.roots],
            "latest": [self.link(doc) for doc in page.documents],
            "total": len(self.site.public_documents),
        }
