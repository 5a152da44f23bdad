"""Rewrite imports from the old module layout (before issue 22) to the package-per-concern layout.

    python tools/relayout.py FILE…      rewrite the imports of these files in place

A branch written against the old layout rebases onto the new one with git following the moved
files; this rewrites the module names its own lines still use (absolute `disclosure.core.…`,
relative `.privacy`, `..rules`) to where those modules live now. Kept for such branches; the
map is also the record of what moved where.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "disclosure"

# old module (under disclosure.) -> new module
MODULES = {
    "core.rules": "codes",
    "core.rules.registry": "codes.registry",
    "core.diagnostics": "codes.diagnostics",
    "core.markup": "text.markup",
    "core.html_text": "text.html_text",
    "core.official_text": "text.official_text",
    "core.outline": "text.outline",
    "core.anchors": "text.anchors",
    "core.limits": "text.limits",
    "core.controls": "text.controls",
    "markdown_official": "text.markdown_official",
    "core.privacy": "privacy.numbers",
    "core.attachments_text": "privacy.attachments",
    "core.catalogue": "content.catalogue",
    "core.documents": "content.documents",
    "core.inventory": "content.inventory",
    "core.yamlsource": "content.yamlsource",
    "core.schema": "content.schema",
    "core.model": "content.model",
    "core.units": "content.units",
    "core.fields": "content.fields",
    "core.eras": "content.eras",
    "core.site": "content.site",
    "core.section_pages": "content.section_pages",
    "core.scaffold": "content.scaffold",
    "core.placeholders": "content.placeholders",
    "core.relations": "content.relations",
    "core.crossrefs": "content.crossrefs",
    "core.clock": "content.clock",
    "core.exclusion_lines": "content.exclusion_lines",
    "core.rules.overrides": "content.rule_settings",
    "core.rules.check": "rules.check",
    "core.rules.files": "rules.files",
    "core.host_exclusion": "rules.files",
    "core.rules.front_matter": "rules.front_matter",
    "core.index_numbers": "rules.front_matter",
    "core.rules.references": "rules.references",
    "core.rules.sections": "rules.sections",
    "core.sections": "rules.sections",
    "core.rules.personal_data": "rules.personal_data",
    "core.attachment_privacy": "rules.personal_data.attachments",
    "core.rendered_privacy": "rules.personal_data.rendered",
    "core.config_privacy": "rules.personal_data.settings",
    "core.rules.markup_links": "rules.markup_links",
    "core.links": "rules.markup_links",
    "core.rules.reports": "rules.reports",
    "core.annual_report": "rules.reports",
    "core.rules.timeliness": "rules.timeliness",
    "core.timeliness": "rules.timeliness",
    "core.rules.history": "rules.history",
    "core.history": "rules.history",
    "core.rules.placeholders": "rules.placeholders",
    "core.rules.rendered": "rules.rendered",
    "core.rendered": "rules.rendered",
    "core.rules.fidelity": "rules.fidelity",
    "core.fidelity": "rules.fidelity",
    "core.rules.focus": "rules.focus",
    "core.pages": "pages.plan",
    "core.views": "pages.views",
    "core.slots": "pages.slots",
    "core.slot_views": "pages.slot_views",
    "core.feeds": "pages.feeds",
    "core.exports": "pages.exports",
    "core.urls": "pages.urls",
    "core.platform_pages": "pages.platform",
    "atomic": "pages.atomic",
    "core.search": "search",
    "core.search.text": "search.text",
    "core.search.index": "search.index",
    "core.search.background": "search.background",
    "core.search.platform": "search.platform",
    "assembly": "platform.assembly",
    "assembly.merge": "platform.merge",
    "assembly.builds": "platform.builds",
    "assembly.manifest": "platform.manifest",
    "core.unit_manifest": "platform.unit_manifest",
    "core.unit_summary": "platform.summary",
    "core.codeowners": "platform.codeowners",
    "core.platform_site": "platform.site",
    "ci_matrix": "platform.ci_matrix",
    "core.office_report": "office.report",
    "core.office_figures": "office.figures",
    "core.office_charts": "office.charts",
    "core.office_history": "office.history",
    "office_output": "office.output",
    "cli": "cli.main",
    "cli_parser": "cli.parser",
    "platform_check": "cli.check_platform",
    "office_cli": "cli.report",
    "owners_cli": "cli.owners",
    "platform_cli": "cli.platform",
    "importer.cli": "cli.import_pages",
}
# (old module, name) -> new module, for names that moved on their own
SYMBOLS = {
    ("core.model", "Allowance"): "privacy.numbers",
    ("core.site", "load_site"): "rules.check",
    ("core.catalogue", "load_catalogue"): "content.catalogue_file",
    ("content.catalogue", "load_catalogue"): "content.catalogue_file",
    ("core.links", "LinkTargets"): "content.site",
    ("core.search.text", "fold"): "text.chinese",
    ("core.search.text", "HAN"): "text.chinese",
    ("core.search.text", "traditional_to_simplified"): "text.chinese",
    ("core.search.text", "SegmenterUnavailable"): "text.chinese",
}
NEW_MODULES = set(MODULES.values()) | set(SYMBOLS.values())


def new_module_of_file(path: Path) -> tuple[str, bool] | None:
    """The dotted module (under disclosure.) a file of the package is, and whether it is a package's __init__."""
    try:
        rel = path.resolve().relative_to(PACKAGE)
    except ValueError:
        return None
    parts = list(rel.with_suffix("").parts)
    is_init = parts[-1] == "__init__"
    if is_init:
        parts = parts[:-1]
    return ".".join(parts), is_init


def _exists_new(module: str) -> bool:
    if module in NEW_MODULES:
        return True
    base = PACKAGE.joinpath(*module.split(".")) if module else PACKAGE
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _resolve(level: int, module: str | None, package: str) -> str:
    parts = package.split(".") if package else []
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    if module:
        base = f"{base}.{module}" if base else module
    return base


def _target(old: str, name: str | None) -> str:
    if name is not None and (old, name) in SYMBOLS:
        return SYMBOLS[(old, name)]
    return MODULES.get(old, old)


def _relative(target: str, package: str) -> tuple[int, str]:
    here = package.split(".") if package else []
    there = target.split(".")
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    return len(here) - common + 1, ".".join(there[common:])


def _emit(target: str, names: list[str], package: str | None, indent: str) -> str:
    if package is None:
        source = f"disclosure.{target}" if target else "disclosure"
    else:
        level, rest = _relative(target, package)
        source = "." * level + rest
    line = f"{indent}from {source} import {', '.join(names)}"
    if len(line) <= 120:
        return line
    inner = f",\n{indent}    ".join(names)
    return f"{indent}from {source} import (\n{indent}    {inner},\n{indent})"


def _alias(alias: ast.alias) -> str:
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def rewrite(text: str, package: str | None, old_package: str | None, own: str | None = None) -> str:
    """Rewrite every `from … import …` naming a moved module; `package` is where the file lives now."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0:
            if not (node.module or "").startswith("disclosure"):
                continue
            old = node.module[len("disclosure."):] if node.module != "disclosure" else ""
        else:
            if package is None:
                continue
            now = _resolve(node.level, node.module, package)
            submodules_here = all(_exists_new(f"{now}.{a.name}") for a in node.names)
            if _exists_new(now) and (now not in MODULES or submodules_here) \
                    and not any((now, a.name) in SYMBOLS for a in node.names):
                continue  # already written for the new layout
            old = _resolve(node.level, node.module, old_package if old_package is not None else package)
        groups: dict[str, list[str]] = {}
        for alias in node.names:
            submodule = f"{old}.{alias.name}" if old else alias.name
            if submodule in MODULES:
                target = MODULES[submodule]
                parent, _, leaf = target.rpartition(".")
                shown = f"{leaf} as {alias.asname or alias.name}" if leaf != (alias.asname or alias.name) else leaf
                groups.setdefault(parent, []).append(shown)
            else:
                groups.setdefault(_target(old, alias.name), []).append(_alias(alias))
        groups.pop(own, None)  # two modules merged into one no longer import each other
        indent = re.match(r"\s*", lines[node.lineno - 1]).group(0)
        comment = re.search(r"\s+#.*$", lines[node.end_lineno - 1].rstrip("\n"))
        new = "".join(_emit(t, names, package, indent) + "\n" for t, names in groups.items())
        if comment and new:
            new = new[:-1] + comment.group(0) + "\n"
        edits.append((node.lineno, node.end_lineno, new))
    for start, end, new in sorted(edits, reverse=True):
        lines[start - 1:end] = [new]
    return _rewrite_dotted("".join(lines))


def _dotted(match: re.Match) -> str:
    parts = match.group(1).split(".")
    new_prefix = max((n for n in range(1, len(parts) + 1) if _exists_new(".".join(parts[:n]))), default=0)
    for n in range(len(parts), 0, -1):
        old = ".".join(parts[:n])
        if n < len(parts) and (old, parts[n]) in SYMBOLS and n + 1 > new_prefix:
            return "disclosure." + ".".join([SYMBOLS[(old, parts[n])], *parts[n:]])
        if old in MODULES and n > new_prefix:
            return "disclosure." + ".".join([MODULES[old], *parts[n:]])
    return match.group(0)


def _rewrite_dotted(text: str) -> str:
    """`disclosure.core.site.load_site` in strings and `import disclosure.core.site` lines; names already new stay."""
    return re.sub(r"\bdisclosure\.(\w+(?:\.\w+)*)", _dotted, text)


OLD_OF_NEW: dict[str, str] = {}


def main(files: list[str]) -> int:
    for name in files:
        path = Path(name)
        if path.suffix != ".py" or not path.is_file() or path.resolve() == Path(__file__).resolve():
            continue
        found = new_module_of_file(path)
        package = old_package = None
        if found:
            module, is_init = found
            package = module if is_init else module.rpartition(".")[0]
            old = OLD_OF_NEW.get(module)
            old_package = (old if is_init else old.rpartition(".")[0]) if old else package
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, package, old_package, found[0] if found else None)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print("rewrote", name)
    return 0


for _old, _new in MODULES.items():
    OLD_OF_NEW.setdefault(_new, _old)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
