"""Reading the content: `catalogue.yaml` and every file under `content/`, into the model.

Owns: the catalogue and its file (`catalogue`, `catalogue_file`, `rule_settings` for `rules:`),
departments of a platform (`units`), YAML with line numbers (`yamlsource`), typed field reading
(`schema`, `fields`), the inventory of files (`inventory`), documents and section pages
(`documents`, `section_pages`, `model`), relations within and across units (`relations`,
`crossrefs`), era exemptions (`eras`), placeholders (`placeholders`), new files (`scaffold`),
the build's date (`clock`), mkdocs.yml's settings as MkDocs reads them (`host_settings`, one reader for every
command), `exclude_docs` lines (`exclusion_lines`), what a document's own text says of
whether it is public (`disclosure_statements`: its 附注 or 版记), and `site.read_site`.
Problems found while reading (E100–E113 and the like) are reported here, through `codes`.
May use: `privacy`, `text`, `codes`.
"""
