"""Text as the build reads it, with no knowledge of documents or sites.

Owns: scanning Markdown bodies for markup, links and code (`markup`), the limits past which
Markdown cannot render in time (`limits`), control characters (`controls`), the text of rendered
HTML (`html_text`), official text kept literal (`official_text`), how a line break is read (one
line, one paragraph: `paragraphs`), the official layout of a document's blocks (`layout`: 主送机关,
落款…), and `markdown_official`, the Python-Markdown extension that applies all three; headings and
outlines (`outline`), anchors (`anchors`), Chinese folding (`chinese`), text damaged by a machine
conversion and its repair (`conversion`, shared by the import and W601), long runs of one text inside
another whatever markup and punctuation lie between (`runs`: a withheld body copied into a page), a
script's loop counters that are numbers wherever they are read (`script_counters`: `tabs[i]` as an index),
the editors' search dictionary as jieba reads it (`search_dictionary`, judged alike by the build and the check).
May use: `codes`.
"""
