"""The 政务公开 office's own report (`disclosure report`): never part of the published site.

Owns: the figures (`report`, `figures`), the charts (`charts`), the report as of a date in Git
history (`history`) and writing it (`output`, with `templates/office-report.html`).
May use: `platform`, `pages`, `search`, `rules`, `content`, `privacy`, `text`, `codes`.
"""
