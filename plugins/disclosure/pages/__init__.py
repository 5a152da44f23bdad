"""Pages and outputs: what the site publishes besides the documents' own text.

Owns: the page plan (`plan`: every page's kind, template, title and listing), the views the
templates render (`views`), platform slots and their views (`slots`, `slot_views`), the platform
home (`platform`), feeds and sitemaps (`feeds`), catalogue exports (`exports`), URLs (`urls`) and
writing a folder atomically (`atomic`). HTML itself comes from the Jinja templates in overrides/.
May use: `rules`, `content`, `privacy`, `text`, `codes`.
"""
