"""The rules that look at a read site or a rendered page: one module per family.

Owns: `check.check_site` / `check.load_site` (read, then run every family in one fixed order),
the families `files`, `front_matter`, `references`, `markup_links`, `personal_data/`, `sections`,
`reports`, `timeliness`, `history`, `placeholders`, `conversion`, `rendered`, `fidelity`, and `focus` (which
files a pull request changed). Each family module holds its rules' implementation and says where
it runs; rules found while a file is read are reported by `content` and named in their family.
Codes, severities and titles are registered in `codes`.
May use: `content`, `privacy`, `text`, `codes`.
"""
