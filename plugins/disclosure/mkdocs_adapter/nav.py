"""The navigation: the catalogue's categories in their order, never every document.

A nav that lists every document is written into every page and grows as N².
"""

from __future__ import annotations

from ..core.catalogue import Catalogue, Category
from ..core.listing import listing_src_uri

HOME_PAGE = "index.md"


def catalogue_nav(catalogue: Catalogue, home_title: str) -> list:
    return [{home_title: HOME_PAGE}] + [_entry(category) for category in catalogue.roots]


def _entry(category: Category) -> dict:
    if not category.children:
        return {category.name: listing_src_uri(category)}
    # With Material's navigation.indexes the first child, the listing, becomes the section's own page.
    return {category.name: [listing_src_uri(category)] + [_entry(child) for child in category.children]}
