"""政府信息公开专栏 generator.

One package per concern, layered (docs/architecture.md, checked by import-linter from .importlinter):
`cli` and `mkdocs_adapter` on top; then `office` and `importer`; `platform`; `pages` and `search`;
`rules`; `content`; `privacy`; `text`; `codes` at the bottom. Only `mkdocs_adapter` imports MkDocs,
so that everything else can move to another site generator.
"""
