"""The plan of every page of the section, made from a loaded site before anything renders.

Which pages exist (the home page, every category's listing split into pages, every public
document, the hand-written index.md pages), what each one is, which template draws it, its
title and last-modified date, what a listing page lists and which withheld documents it names,
and the navigation. The MkDocs adapter asks one question per event (`SitePlan.page`), so all
of this is tested without a build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

import yaml

from ..content.catalogue import Catalogue, Category
from ..content.model import Document
from ..content.site import Site

HOME_PAGE = "index.md"
HOME_TITLE = "政府信息公开"   # the generated home page's own title
HOME_NAV_TITLE = "首页"       # its name in the navigation
TEMPLATES = {"document": "disclosure/document.html", "listing": "disclosure/listing.html",
             "home": "disclosure/home.html", "unit-home": "disclosure/home.html"}
PLATFORM_HOME_TEMPLATE = "disclosure/platform-home.html"   # the home of a platform: directory, latest, the government's own
WIDE_KINDS = ("listing", "home", "unit-home")   # wide tables: no table-of-contents column beside them


@dataclass
class ListingPage:
    """One page of a category's listing: documents newest first, grouped by year."""

    category: Category
    number: int            # 1-based
    count: int             # how many pages the category's listing has
    documents: list[Document]
    withheld: list[Document] = field(default_factory=list)   # title-only rows (不主动公开), first page only

    @property
    def src_uri(self) -> str:
        return listing_src_uri(self.category, self.number)

    @property
    def year_groups(self) -> list[tuple[int | None, list[Document]]]:
        """The page's documents under one heading per year (see `Document.period`); already in order."""
        return [(key, list(docs)) for key, docs in groupby(self.documents, key=lambda doc: doc.period)]


@dataclass
class PagePlan:
    src_uri: str
    kind: str                      # "home", "unit-home" (a department's section home on a platform), "listing",
                                   # "document", or "section": another hand-written index.md
    title: str | None = None       # what the page is called; None: its own front matter says
    last_modified: str | None = None   # ISO date for the sitemap's <lastmod>; None: the host decides
    in_nav: bool = True            # documents and later listing pages are reached through listings
    hand_written: bool = False     # an editor wrote this index.md; otherwise the plugin writes it
    documents: list[Document] = field(default_factory=list)   # what the page shows (a document: itself)
    listing: ListingPage | None = None
    layout: str | None = None      # a template other than its kind's

    @property
    def template(self) -> str | None:
        return self.layout or TEMPLATES.get(self.kind)

    @property
    def hide_toc(self) -> bool:
        return self.kind in WIDE_KINDS

    @property
    def document(self) -> Document | None:
        return self.documents[0] if self.kind == "document" else None

    @property
    def generated_source(self) -> str:
        """The Markdown the plugin writes for a home or listing page no editor wrote."""
        return "---\n" + yaml.safe_dump({"title": self.title}, allow_unicode=True) + "---\n"


class SitePlan:
    """Every page of a loaded site, by source path."""

    def __init__(self, site: Site, page_size: int, home_latest: int):
        self.site = site
        self.home = site.catalogue.home_page()   # index.md; a department's <id>/index.md
        self.withheld = withheld_by_category(site.documents)
        self.totals: dict[str, int] = {}       # public documents per category, sub-categories included
        self.listings: list[ListingPage] = []  # in catalogue order, then page order
        for category in site.catalogue.categories():
            public = documents_in(site.documents, category)
            self.totals[category.id] = len(public)
            self.listings += paginate(category, public, max(1, page_size), self.withheld.get(category.id, []))
        self.pages = self._plan_pages(home_latest)

    def _plan_pages(self, home_latest: int) -> dict[str, PagePlan]:
        """By source path; a category's or the home page's hand-written index.md is still that page."""
        pages = {src_uri: PagePlan(src_uri, "section", hand_written=True) for src_uri in self.site.section_pages}
        for doc in self.site.public_documents:
            pages[doc.src_uri] = PagePlan(doc.src_uri, "document", doc.title, self._newest_date([doc]),
                                          in_nav=False, documents=[doc])
        for listing in self.listings:
            pages[listing.src_uri] = self._listing_plan(listing)
        pages[self.home] = self._home_plan(home_latest)
        return pages

    def page(self, src_uri: str) -> PagePlan | None:
        return self.pages.get(src_uri)

    def document(self, src_uri: str) -> Document | None:
        """The public document published at `src_uri`, if any."""
        plan = self.pages.get(src_uri)
        return plan.document if plan else None

    def generated(self) -> list[PagePlan]:
        """Pages the plugin writes unless an editor wrote that index.md: every listing page, then the home page."""
        return [self.pages[listing.src_uri] for listing in self.listings] + [self.pages[self.home]]

    def out_of_nav(self) -> list[str]:
        return [src_uri for src_uri, plan in self.pages.items() if not plan.in_nav]

    def withheld_documents(self) -> list[Document]:
        return [doc for docs in self.withheld.values() for doc in docs]

    def count(self, category: Category) -> int:
        """Public documents in a category and its sub-categories."""
        return self.totals[category.id]

    def nav(self) -> list:
        """The navigation: the catalogue's categories in their order, never every document
        (a nav that lists every document is written into every page and grows as N²)."""
        return catalogue_nav(self.site.catalogue)

    def _listing_plan(self, listing: ListingPage) -> PagePlan:
        return PagePlan(listing.src_uri, "listing", listing.category.name, self._newest_date(listing.documents),
                        in_nav=listing.number == 1, hand_written=listing.src_uri in self.site.section_pages,
                        documents=listing.documents, listing=listing)

    def _home_plan(self, latest: int) -> PagePlan:
        public = self.site.public_documents
        newest = sorted(public, key=Document.sort_key, reverse=True)[:latest]
        department = bool(self.site.catalogue.folder)
        platform_home = self.site.catalogue.is_platform and not department
        return PagePlan(self.home, "unit-home" if department else "home",
                        self.site.catalogue.agency.name if department else HOME_TITLE, self._newest_date(public),
                        hand_written=self.home in self.site.section_pages, documents=newest,
                        layout=PLATFORM_HOME_TEMPLATE if platform_home else None)

    def _newest_date(self, documents: list[Document]) -> str:
        """A document's 发布日期; for a listing or the home page, their newest document's (else the build's day)."""
        dates = [doc.published for doc in documents if doc.published]
        return max(dates).isoformat() if dates else self.site.today.isoformat()


def listing_src_uri(category: Category, number: int = 1) -> str:
    """Page 1 is the category folder's index; later pages live under ``page/N``."""
    return f"{category.path}/index.md" if number == 1 else f"{category.path}/page/{number}.md"


def documents_in(documents: list[Document], category: Category) -> list[Document]:
    """Public documents of a category and its sub-categories, newest year first, then newest first."""
    inside = {c.id for c in category.walk()}
    found = [d for d in documents if d.category and d.category.id in inside and d.is_public]
    return sorted(found, key=Document.listing_key, reverse=True)


def withheld_by_category(documents: list[Document]) -> dict[str, list[Document]]:
    """Non-public documents by the id of their own category: listed by title and reason, never linked."""
    found: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if not doc.is_public and doc.category:
            found[doc.category.id].append(doc)
    return dict(found)


def paginate(category: Category, documents: list[Document], page_size: int,
             withheld: list[Document] = ()) -> list[ListingPage]:
    """Split a category's documents (newest first) into pages; an empty category has one page.
    The withheld rows go on the first page."""
    chunks = [documents[start:start + page_size] for start in range(0, len(documents), page_size)] or [[]]
    return [ListingPage(category, number, len(chunks), chunk, list(withheld) if number == 1 else [])
            for number, chunk in enumerate(chunks, start=1)]


def catalogue_nav(catalogue: Catalogue) -> list:
    """MkDocs' nav format: the home page, then each root category with its children.
    A department's navigation starts at its own section home, named after it."""
    home = {catalogue.agency.name if catalogue.folder else HOME_NAV_TITLE: catalogue.home_page()}
    return [home] + [_nav_entry(category) for category in catalogue.roots]


def _nav_entry(category: Category) -> dict:
    if not category.children:
        return {category.name: listing_src_uri(category)}
    # With Material's navigation.indexes the first child, the listing, becomes the section's own page.
    return {category.name: [listing_src_uri(category)] + [_nav_entry(child) for child in category.children]}
