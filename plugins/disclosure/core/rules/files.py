"""Files (E111, E112, E113): only what was recognised leaves content/, and the host agrees.

Every path is classified while the site is read (`core/inventory.py`: a symlink, a FIFO, a hidden
or misnamed file is refused there, E111/E112); here, once every page is known, the files nothing
public names (E111) and a public attachment a non-public document names (E500), and `exclude_docs`
of mkdocs.yml against what is withheld (E113, `core/host_exclusion.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..host_exclusion import host_exclusion_diagnostics
from ..inventory import settled_problems

if TYPE_CHECKING:
    from ..site import Site

FAMILY = "files"


def check(site: Site) -> list[Diagnostic]:
    return settled_problems(site.inventory, site.documents, site.content) + _host_exclusion(site)


def _host_exclusion(site: Site) -> list[Diagnostic]:
    return host_exclusion_diagnostics(site.root, site.host_config, site.content, site.withheld_files(),
                                      site.published_files() | site.generated_pages(), site.documents)
