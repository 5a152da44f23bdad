"""政府信息公开专栏 generator.

`disclosure.core` holds the domain (documents, catalogue, rules, exports) and imports
nothing from MkDocs, so that it can move to another site generator. `disclosure.mkdocs_adapter`
is the thin MkDocs plugin over it, and `disclosure.cli` the fast check command.
"""
