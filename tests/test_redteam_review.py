"""Adversarial review of the gate (issue 24's closing review): a careless or hostile editor, a
compromised department CI job and a migrating agency, each attack through the real build or command.

Every attack here got through on main before its fix; the test asserts the build stops with the
code named, on the file and line the attack is written in, and that nothing of it reaches site/
(the leak scan decodes gzip, JSON escapes, entities and URL-encoding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .leakkit import leaks
from .sitekit import REPO, build, paired_policy, write_site

THEME = {"name": "material", "language": "zh", "font": False, "custom_dir": str(REPO / "overrides"),
         "features": ["navigation.indexes"]}


def _line_of(root: Path, needle: str, name: str = "mkdocs.yml") -> int:
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# The theme prints mkdocs.yml's values into every page (Material's templates do not escape), and
# some of its settings make every reader's browser load from another host. The page body was
# checked (E401/E404); the finished page around it was not.
THEME_ATTACKS = {
    "site description breaking out of <meta>": ({"site_description": '"><script>alert(1)</script>'}, "E401",
                                                 "alert(1)", "site_description"),
    "remote extra_javascript": ({"extra_javascript": ["https://cdn.example.com/x.js"]}, "E404", "cdn.example.com",
                                "cdn.example.com"),
    "remote extra_css": ({"extra_css": ["assets/stylesheets/disclosure.css", "https://cdn.example.com/x.css"]}, "E404",
                         "cdn.example.com", "cdn.example.com"),
    "remote logo": ({"theme": {**THEME, "logo": "https://cdn.example.com/logo.png"}}, "E404", "cdn.example.com",
                    "cdn.example.com"),
    "web font from Google": ({"theme": {**THEME, "font": {"text": "Noto Sans SC"}}}, "E404", "fonts.googleapis.com",
                             "font:"),
    "analytics": ({"extra": {"analytics": {"provider": "google", "property": "G-ABC123"}}}, "E404",
                  "googletagmanager", "analytics"),
    "repository facts fetched from GitHub": ({"repo_url": "https://github.com/example/zwgk"}, "E404",
                                             "github.com/example", "repo_url"),
}


@pytest.mark.parametrize("extra, code, secret, needle", THEME_ATTACKS.values(), ids=THEME_ATTACKS.keys())
def test_what_the_theme_prints_from_mkdocs_yml_is_checked(tmp_path, extra, code, secret, needle):
    root = write_site(tmp_path, paired_policy(), mkdocs_extra=extra)
    run = build(root)
    line = _line_of(root, needle)
    assert run.returncode != 0, run.output
    assert any(report.startswith(f"mkdocs.yml:{line}: {code} ") for report in run.coded_lines()), run.output
    assert "Traceback" not in run.output
    assert not (root / "site").exists() or not leaks(root / "site", [secret])


def test_the_example_theme_and_its_links_stay_allowed(tmp_path):
    """Plain links in the footer and the site's own scripts, styles and feed are not resources from another host."""
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={
        "copyright": '版权所有 <a href="https://www.example.gov.cn/">示例市人民政府</a>',
        "site_url": "https://www.example.gov.cn/zwgk/"})
    run = build(root)
    assert run.returncode == 0, run.output


# --- a migrating agency: a saved page that says two things about whether it is public ---------

TWO_STATEMENTS = """<html><head><meta charset="utf-8"><title>关于示例仓库检查情况的通报</title></head><body>
<div class="head"><p>索引号：EX0001/2025-00600　公开属性：{first}</p><p>发布日期：2025-03-01　成文日期：2025-02-26</p></div>
<div class="article"><p>各有关单位：</p><p>现将示例仓库检查中发现的问题通报如下，请逐项整改。</p>
<p>一是消防通道堆放杂物；二是值班记录不全。</p></div>
<table class="xxgk"><tr><td>公开属性：</td><td>{second}</td><td>发布机构：</td><td>示例市应急管理局</td></tr></table>
</body></html>
"""


@pytest.mark.parametrize("first, second", [("主动公开", "依申请公开"), ("主动公开", "不予公开（涉及商业秘密）"),
                                           ("政府网站", "依申请公开")])
def test_a_page_that_also_says_it_is_not_public_is_never_imported_as_public(tmp_path, first, second):
    """A CMS template prints 主动公开 in its header by default; the record's own table says otherwise.
    The first statement won: the page was imported as public and its body published."""
    from .test_import import CMS_CATALOGUE, TABLES, front_and_body, report_of, run_import
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    (tmp_path / "p.html").write_text(TWO_STATEMENTS.format(first=first, second=second), encoding="utf-8")
    done = run_import(root, str(tmp_path / "p.html"), "--type", "notice", "--report", "r.json")
    assert done.returncode == 0, done.stderr
    page = report_of(root, "r.json")["pages"][0]
    front, _ = front_and_body(root / page["target"])
    assert front.get("disclosure") in ("依申请公开", "不予公开"), front
    assert second in front.get("reason", "")
