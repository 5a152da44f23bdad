"""Migration (E800, E801, W800, W801): what `disclosure import` refuses or could not keep.

Runs only in `disclosure import` (`importer/`), on the saved pages of an old site: a page above the
size or nesting limit (E800), a file a page points at outside the imported folder or not a regular
file (E801), a body whose paragraphs, headings or tables the written document does not keep (W800),
a 公开属性 other than 主动公开, imported as withheld (W801). The lines go to the import report.
"""

FAMILY = "migration"
