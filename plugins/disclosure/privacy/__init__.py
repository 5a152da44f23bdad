"""Personal data (去标识化): finding it in text, and reading attachments so that it can be found.

Owns: `numbers` (ID, mobile and bank-card numbers however they are written, and the allowances an
editor makes), `attachments` (the attachment readers: text, spreadsheets, Word, PDF, OFD, archives,
every part of an office package through `attachment_parts`, cells as their number format shows them
and formulas as they compute through `attachment_cells` and `attachment_ods`, PDFs through `attachment_pdf`), what
they give (`attachment_types`: pieces of text, parts not read) and the reading limits checked before
anything is unpacked (`attachment_limits`: size, ratio, entries, nesting, sheet area).
The rules that apply them to documents, pages and settings are in `rules/personal_data/`.
May use: `text`, `codes`.
"""
