"""Placeholders and eras (E108, W104): 【请填写：…】 left from `disclosure new`, a 索引号 of another year.

Raised while a document is read (`content/placeholders.py`). Which rules an older document is exempt
from (`imported`, `applies_from` in catalogue.yaml) is decided in `content/eras.py` and summed up after
every check; an exemption is never a code of its own.
"""

FAMILY = "placeholders"
