"""History (E107): a published document's 索引号 or 发布日期 changed since a Git reference.

Runs only with `disclosure check --against REF`: `core/history.py` reads the old versions from Git.
"""

FAMILY = "history"
