"""Rules know the era of a document: imported documents, old annual reports, rules counted from a year/date."""

import datetime as dt

import pytest

from disclosure.core.site import load_site

from .sitekit import interpretation, paired_policy, policy, write_site

TODAY = dt.date(2026, 11, 22)


def diagnostics(tmp_path, files, catalogue=None):
    root = write_site(tmp_path, files, catalogue)
    return load_site(root, today=TODAY).diagnostics


# --- the `imported` key ---------------------------------------------------------------------

def test_imported_reason_is_read(tmp_path):
    root = write_site(tmp_path, {"policies/a.md": policy(imported="从原网站迁移，原无解读"),
                                 "interpretations/a.md": interpretation()})
    site = load_site(root, today=TODAY)
    assert site.diagnostics == []
    assert site.documents[0].imported == "从原网站迁移，原无解读" or site.documents[1].imported == "从原网站迁移，原无解读"


@pytest.mark.parametrize("value", [True, "", None, ["列表"]])
def test_imported_without_a_reason_in_words_is_e102(tmp_path, value):
    files = paired_policy()
    files["policies/a.md"] = policy(body="正文。\n", **{"imported": value}) if value is not None else \
        policy().replace("validity: 有效\n", "validity: 有效\nimported:\n")
    found = [(d.code, d.line) for d in diagnostics(tmp_path, files)]
    assert found == [("E102", 9)], found
