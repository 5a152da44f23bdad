"""The Jinja environment our templates render in."""

from __future__ import annotations

OWN_PARTIALS = {"partials/copyright.html"}


def escape_own_templates(env):
    """Escape every value in our templates (titles and 文号 come from editors); Material's own
    templates are written for an environment without autoescaping and stay as they are."""
    env.autoescape = lambda name: bool(name) and (name.startswith("disclosure/") or name in OWN_PARTIALS)
    return env
