"""`disclosure import`: existing pages (saved CMS detail pages, plain-text dumps) into documents.

Outside `core/` because it needs an HTML parser and an HTML-to-Markdown converter; the rules
it relies on (index numbers, categories, the check itself) are core's, reused, never copied.
"""
