"""Round seventeen of the adversarial review (issue 24): a careless or hostile editor, an importing webmaster, a
compromised department CI job. Each test goes through the real `disclosure` command and failed on main before its fix.

The office report (office/report.py) —
- fixed: a document's title holding a mobile or ID number (a withheld 依申请公开 notice titled after the person it
  concerns; a public one whose number is in allow_personal_info) was written as it is into report/'s HTML, JSON and
  CSV, where the check names the same number masked (E400 on a withheld one). The report is read and mailed around
  the office: every title it prints now shows the number masked as its E400 and I400 lines do (138****8000); the
  file's path still names the document.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .sitekit import _run, front_matter, paired_policy, write_site


def _report(root: Path):
    return _run([sys.executable, "-m", "disclosure.cli.main", "report", "--output", "report"], root, None)


def test_the_office_report_prints_no_personal_number_of_a_title(tmp_path):
    files = {**paired_policy(),
             "notices/w.md": front_matter("正文。\n", title="关于张三（13912345678）投诉的处理意见", type="notice",
                                          index_no="T001/2024-00009", published="2024-03-05",
                                          disclosure="依申请公开", reason="涉及个人隐私")}
    root = write_site(tmp_path / "site", files)
    done = _report(root)
    written = {path.name: path.read_text(encoding="utf-8") for path in (root / "report").glob("*.*")}
    assert written, done.stderr
    for name, text in written.items():
        assert "13912345678" not in text, name
    html = written["office-report.html"]
    assert "139****5678" in html and "notices/w.md" in html
