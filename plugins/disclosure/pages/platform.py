"""The page plans of a build: one `SitePlan` per unit read (a single agency: its one plan).

A full build of a platform reads every unit, a unit build one; either way each unit's pages are
planned from that unit alone (`SitePlan` of its `Site`), so that a page comes out the same in
both. Which unit a page belongs to is decided by its path (`Platform.unit_of`): a department's
folder, else the government's.
"""

from __future__ import annotations

from ..content.model import Document
from ..content.site import Site
from ..content.units import Platform
from .plan import PagePlan, SitePlan


class PlatformPlan:
    def __init__(self, sites: list[Site], page_size: int, home_latest: int):
        self.plans = [SitePlan(site, page_size, home_latest) for site in sites]
        catalogue = sites[0].catalogue if sites else None
        self.platform: Platform | None = catalogue.platform if catalogue else None
        self._by_unit = {plan.site.unit_id: plan for plan in self.plans}

    @property
    def units(self) -> list[str]:
        """The ids of the units planned, in platform order (empty for a single agency)."""
        return [plan.site.unit_id for plan in self.plans if plan.site.unit_id]

    def unit(self, unit_id: str | None) -> SitePlan | None:
        return self._by_unit.get(unit_id)

    def unit_id_of(self, src_uri: str) -> str | None:
        """The unit a content path belongs to (None for a single agency), whether planned here or not."""
        return self.platform.unit_of(src_uri).id if self.platform else None

    def plan_of(self, src_uri: str) -> SitePlan | None:
        """The plan of the unit the path belongs to; None when that unit is not built here."""
        return self._by_unit.get(self.unit_id_of(src_uri))

    def page(self, src_uri: str) -> PagePlan | None:
        plan = self.plan_of(src_uri)
        return plan.page(src_uri) if plan else None

    def document(self, src_uri: str) -> Document | None:
        plan = self.plan_of(src_uri)
        return plan.document(src_uri) if plan else None

    def generated(self) -> list[PagePlan]:
        return [page for plan in self.plans for page in plan.generated()]

    def out_of_nav(self) -> list[str]:
        return [src_uri for plan in self.plans for src_uri in plan.out_of_nav()]

    def withheld_documents(self) -> list[Document]:
        return [doc for plan in self.plans for doc in plan.withheld_documents()]

    def nav(self) -> list:
        """Every planned unit's navigation one after the other (each page then gets its own unit's, see `unit_nav`)."""
        return [entry for plan in self.plans for entry in plan.nav()]

    def published_files(self) -> set[str]:
        return set().union(*(plan.site.published_files() for plan in self.plans))

    def withheld_files(self) -> set[str]:
        return set().union(*(plan.site.withheld_files() for plan in self.plans))
