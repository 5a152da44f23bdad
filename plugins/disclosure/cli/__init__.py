"""The `disclosure` command: one module per command, over the packages below.

Owns: the entry point and `check`/`new` (`main`), the Chinese argument parser (`parser`), the
platform's side of `check` (`check_platform`), `report` (`report`), `import` (`import_pages`),
`owners` (`owners`), and `build`/`merge`/`units` (`platform`).
May use: every package but `mkdocs_adapter` (builds run MkDocs as a separate process).
"""
