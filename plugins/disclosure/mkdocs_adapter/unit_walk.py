"""A unit build walks only its own unit's files, whatever the size of the platform around it.

MkDocs walks all of `docs_dir` and matches every file against every `exclude_docs` line, which on a
platform lists every withheld file of every unit: 200 departments × 1,000 documents made a
one-department rebuild walk 200,000 files against thousands of patterns to keep 1,000. So a unit
build shows MkDocs' walk a folder of links to the unit's own top-level entries only (a department:
its folder; the government: everything but the departments' folders), with `exclude_docs` reduced
to the lines that can match a path there. MkDocs then does exactly what it always does (sorting,
README/index, exclusions) on the unit's files; `finish` puts the real content folder back as every
file's `src_dir`, so paths, URLs and outputs are those of the full build, and restores the full
`exclude_docs` for the files added afterwards (the theme's, the plugin's generated pages).

mkdocs.yml is not touched: without the plugin the full list still keeps withheld files out (E113),
and the plugin itself publishes only what the core checked and found public.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..content.exclusion_lines import reduced_exclusions
from ..content.units import Platform


class UnitWalk:
    """The narrowed walk of one unit build: started at the end of `on_config`, finished first in `on_files`."""

    def __init__(self) -> None:
        self.folder: str | None = None      # the links MkDocs walks instead of docs_dir
        self.docs_dir = ""
        self.exclude = None

    def start(self, config: MkDocsConfig, platform: Platform, unit: str) -> None:
        names = unit_entries(Path(config.docs_dir), platform, unit)
        self.folder = tempfile.mkdtemp(prefix=f"disclosure-{unit}-")
        for name in names:
            os.symlink(os.path.join(os.path.abspath(config.docs_dir), name), os.path.join(self.folder, name))
        self.docs_dir, self.exclude = config.docs_dir, config.exclude_docs
        config.docs_dir = self.folder
        if self.exclude is not None:
            config.exclude_docs = reduced_exclusions(self.exclude, names)

    def finish(self, files: Files, config: MkDocsConfig) -> Files:
        """The walked files as the real content folder's (same src_uri and inclusion); the full configuration back."""
        if self.folder is None:
            return files
        walked = os.path.normpath(self.folder)
        config.docs_dir, config.exclude_docs = self.docs_dir, self.exclude
        kept = [File(file.src_uri, self.docs_dir, config.site_dir, config.use_directory_urls, inclusion=file.inclusion)
                if file.src_dir is not None and os.path.normpath(file.src_dir) == walked else file for file in files]
        self.close()
        return Files(kept)

    def close(self) -> None:
        """Remove the folder of links (never what they point to); on every way out of a build."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def unit_entries(docs_dir: Path, platform: Platform, unit: str) -> list[str]:
    """The top-level entries of content/ that hold the unit's files (`Platform.unit_of` decides by the first folder)."""
    try:
        names = sorted(os.listdir(docs_dir))
    except OSError:
        return []
    return [name for name in names if platform.unit_of(name).id == unit]
