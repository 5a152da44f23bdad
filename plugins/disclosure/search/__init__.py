"""Site search: how text is folded and tokenised (`text`), the prebuilt index and its manifest
(`index`), and building it in a second process while the site renders (`background`).

The reader's side is overrides/assets/javascripts/disclosure/search-worker.js, which takes its
rules from the manifest; tests/search_reader.py is its Python twin for the tests.

May use: `content`, `privacy`, `text`, `codes`.
"""
