"""Templates kept compiled between builds, for every Jinja environment a build or a merge renders with.

Compiling a template costs more than rendering it on a small site: Material's took a second in every build, and
the environments made apart from the theme's (the slots' partials, the feed, robots.txt, the exports' index) were
compiled again in every build and merge because only the theme's had the cache (0.03 s of a 0.2 s small build).
Jinja checks each template's source against its cached copy; the cache files' names carry what else the compiled
code depends on (extensions, which templates are escaped), so another configuration never reads this one's."""

from __future__ import annotations

import hashlib

from jinja2 import FileSystemBytecodeCache

# Names whose escaping decides how a template compiles (ours escaped, Material's not): the fingerprint reads them.
ESCAPE_PROBES = ("disclosure/x.html", "partials/copyright.html", "base.html")


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """A cache that can only make a build faster: a folder it cannot read or write (read-only
    disk, another user's files) means compiling as without it, never a failed build."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001  (a damaged file of any kind: compile instead)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def cache_compiled_templates(env):
    """`env` with its compiled templates kept between runs (in the temporary folder, Jinja's own choice); returns it."""
    escaped = env.autoescape if callable(env.autoescape) else (lambda name: env.autoescape)
    settings = repr((sorted(env.extensions), [escaped(name) for name in ESCAPE_PROBES]))
    fingerprint = hashlib.sha256(settings.encode()).hexdigest()[:16]
    try:
        env.bytecode_cache = _QuietBytecodeCache(pattern=f"__disclosure_{fingerprint}_%s.cache")
    except (OSError, RuntimeError):
        pass  # no safe folder of our own (Jinja checks its owner and mode): compile every time
    return env
