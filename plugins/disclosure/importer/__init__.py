"""`disclosure import`: existing pages (saved CMS detail pages, plain-text dumps) into documents.

Its own package because it needs an HTML parser and an HTML-to-Markdown converter; the rules it
relies on (index numbers, categories, the check itself) are the core's, reused, never copied.
May use: `platform`, `pages`, `search`, `rules`, `content`, `privacy`, `text`, `codes`.
"""
