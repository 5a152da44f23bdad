"""Code run inside a real build's event, for tests that need a build to fail, hang or change a page.

A site's own `hooks:` and foreign extensions are refused before they run (E406), so a test cannot
plant its code through mkdocs.yml. It plants it on the machine instead: a `sitecustomize` module on
PYTHONPATH, which every Python process of the build imports (unit builds included), wraps the host's
`PluginCollection.run_event` so that the planted function runs where a `hooks:` entry would — after
the plugins of priority 0 and up, before those of lower priority (ours at -100 run after it).

The host's module is patched when it is first imported, under its own name: ProperDocs loads
`properdocs.plugins` for every `mkdocs.plugins` import.
"""

from __future__ import annotations

import os
from pathlib import Path

SITECUSTOMIZE = '''\
import importlib.abc
import importlib.util
import sys
import time
from pathlib import Path

EVENT = {event!r}


def planted(*args, **kwargs):
    {body}


def _patch(module):
    original = module.PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):
        methods = self.events.get(name, [])
        if name == EVENT and planted not in methods:
            methods.insert(sum(getattr(m, "mkdocs_priority", 0) >= 0 for m in methods), planted)
        return original(self, name, item, **kwargs)

    module.PluginCollection.run_event = run_event


class _Loader(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in ("mkdocs.plugins", "properdocs.plugins") or getattr(sys.modules.get(name), "PluginCollection", None):
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is not None and spec.origin and spec.origin.endswith("plugins.py"):
            spec.loader = _Loader(spec.loader)
        return spec


sys.meta_path.insert(0, _Finder())
'''


def plant(folder: Path, event: str, body: str) -> dict[str, str]:
    """Plant `body` (the function's indented lines) in `event` (e.g. "on_post_build"); returns the
    environment a build started with runs it. `folder` must lie outside the site (it is not content)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = SITECUSTOMIZE.format(event=event.removeprefix("on_"), body=body)
    (folder / "sitecustomize.py").write_text(source, encoding="utf-8")
    return importing_from(folder)


def importing_from(folder: Path) -> dict[str, str]:
    """The environment under which Python imports `folder`'s modules first."""
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH", "")]))}
