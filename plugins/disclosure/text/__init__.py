"""Text as the build reads it, with no knowledge of documents or sites.

Owns: scanning Markdown bodies for markup, links and code (`markup`), the limits past which
Markdown cannot render in time (`limits`), control characters (`controls`), the text of rendered
HTML (`html_text`), official text kept literal (`official_text`, and `markdown_official`, the
Python-Markdown extension that does it), headings and outlines (`outline`), anchors (`anchors`),
Chinese folding (`chinese`).
May use: `codes`.
"""
