"""Category listing pages: documents newest first, grouped by year, paginated when long."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .catalogue import Category
from .model import Document


@dataclass
class ListingPage:
    category: Category
    number: int            # 1-based
    count: int             # how many pages the category's listing has
    documents: list[Document]

    @property
    def src_uri(self) -> str:
        return listing_src_uri(self.category, self.number)

    @property
    def year_groups(self) -> list[tuple[int | None, list[Document]]]:
        """The page's documents under one heading per year (see `Document.period`); already in order."""
        return [(key, list(docs)) for key, docs in groupby(self.documents, key=lambda doc: doc.period)]


def listing_src_uri(category: Category, number: int = 1) -> str:
    """Page 1 is the category folder's index; later pages live under ``page/N``."""
    return f"{category.path}/index.md" if number == 1 else f"{category.path}/page/{number}.md"


def paginate(category: Category, documents: list[Document], page_size: int) -> list[ListingPage]:
    """Split a category's documents (newest first) into pages; an empty category has one page."""
    chunks = [documents[start:start + page_size] for start in range(0, len(documents), page_size)] or [[]]
    return [ListingPage(category, number, len(chunks), chunk) for number, chunk in enumerate(chunks, start=1)]
