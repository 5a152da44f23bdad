"""Round eighteen of the adversarial review (issue 24): a careless or hostile editor, a compromised department CI
job. Each test goes through the real `disclosure` command (or MkDocs build) and failed on main before its fix.

(The docstring's list of what was fixed, held and open is completed at the end of the round.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from .platformkit import write_platform
from .sitekit import _run, build, check, paired_policy, write_site

PLANTED = "planted.txt"
# MkDocs reads mkdocs.yml with PyYAML's unsafe loader: each of these runs code (or imports any module) as the
# file is read, before any plugin — the hooks round three refused (E406), written as a YAML tag instead.
PYTHON_TAGS = [
    f'!!python/object/apply:os.system ["echo x > {PLANTED}"]',
    f'!<tag:yaml.org,2002:python/object/apply:subprocess.getoutput> ["echo x > {PLANTED}"]',
    f'!!python/object/new:subprocess.Popen [["sh", "-c", "echo x > {PLANTED}"]]',
]


def _with_tag(root: Path, tag: str) -> int:
    """`site_description: <tag>` appended to mkdocs.yml; its line."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + f"site_description: {tag}\n", encoding="utf-8")
    return text.count("\n") + 1


def test_a_python_tag_in_mkdocs_yml_is_refused_before_it_runs(tmp_path):
    """`site_description: !!python/object/apply:os.system [...]` in mkdocs.yml: `disclosure check` read the file
    with a safe loader that drops tags, and passed it (0 errors); MkDocs' own loader runs the command as it reads
    the file, in every build of the pull request and of main — before the plugin and its checks exist. Now E406 on
    the line in the check (what the pull request runs), and `disclosure build` refuses before a unit build starts."""
    for number, tag in enumerate(PYTHON_TAGS):
        root = write_site(tmp_path / f"s{number}", paired_policy())
        line = _with_tag(root, tag)
        run = check(root)
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), run.output
        assert not (root / PLANTED).exists()
    platform = write_platform(tmp_path / "platform")
    line = _with_tag(platform, PYTHON_TAGS[0])
    run = _run([sys.executable, "-m", "disclosure.cli.main", "build", "--unit", "jyj", "--no-merge"], platform)
    assert run.returncode != 0 and f"mkdocs.yml:{line}: E406 " in run.output, run.output
    assert not (platform / PLANTED).exists() and not (platform / "build").exists()


LEGITIMATE_TAGS = """markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: diagram
          class: diagram
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_the_python_names_material_and_pymdown_document_stay_allowed(tmp_path):
    """Material's and PyMdown's own documentation write these (emoji as inline SVG, a slug function, a fence's
    formatter): functions of the source-only packages, named or called with the options beside them."""
    root = write_site(tmp_path, paired_policy())
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(LEGITIMATE_TAGS)
    assert not [line for line in check(root).coded_lines() if " E406 " in line]
    assert build(root).returncode == 0
