"""Rendered output (E401, E403): the built HTML of every page, as a reader's browser gets it.

Runs in the build (`mkdocs_adapter/plugin.py` `on_post_page`) through `core/rendered.py`: markup the
source scan could not see, and front matter values a template printed without escaping.
"""

FAMILY = "rendered"
