"""Personal data (去标识化): finding it in text, and reading attachments so that it can be found.

Owns: `numbers` (ID, mobile and bank-card numbers however they are written, and the allowances an
editor makes), `attachments` (the attachment readers: text, spreadsheets, Word, PDF, OFD).
The rules that apply them to documents, pages and settings are in `rules/personal_data/`.
May use: `text`, `codes`.
"""
