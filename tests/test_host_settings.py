"""mkdocs.yml settings MkDocs or the build refuses, said by `disclosure check` with a coded line too: it passed them,
and an editor met the failure only in CI (or, for a site_url with another scheme, in the rendered pages' E401)."""

import pytest

from .sitekit import check, paired_policy, write_site


@pytest.mark.parametrize("address", ["javascript://x/%0aalert(1)/", "data://x/text", "ftp://files.example.gov.cn/"])
def test_a_site_url_that_is_no_web_address_is_named(tmp_path, address):
    root = write_site(tmp_path, paired_policy(), mkdocs_extra={"site_url": address})
    run = check(root)
    assert run.returncode == 1
    line = next(line for line in run.coded_lines() if " E401 " in line)
    assert line.startswith("mkdocs.yml:") and "site_url" in line and "https://" in line


def test_a_web_address_passes(tmp_path):
    run = check(write_site(tmp_path, paired_policy(), mkdocs_extra={"site_url": "https://www.example.gov.cn/zwgk/"}))
    assert run.returncode == 0, run.output


def test_a_theme_folder_that_is_not_there_is_named(tmp_path):
    root = write_site(tmp_path, paired_policy())
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("custom_dir: ", "custom_dir: gone-"), encoding="utf-8")
    run = check(root)
    assert run.returncode == 1
    assert any(" E406 " in line and "custom_dir" in line for line in run.coded_lines()), run.output


@pytest.mark.parametrize("data, line, words", [
    ("应急避难场所 2000 n\n公共资源交易 3 n\n".encode("gbk"), 1, "UTF-8"),
    ("应急避难场所 2000 n\n公共 资源 交易\n".encode(), 2, "格式不对"),
    (("应急避难场所 2000 n\n" + "长" * 200 + "\n").encode(), 2, "上限"),
])
def test_a_search_dictionary_jieba_cannot_read_is_named_on_its_line(tmp_path, data, line, words):
    root = write_site(tmp_path, paired_policy())
    (root / "search-dict.txt").write_bytes(data)
    run = check(root)
    assert run.returncode == 1
    assert any(found.startswith(f"search-dict.txt:{line}: E100 ") and words in found for found in run.coded_lines()), run.output


@pytest.mark.parametrize("inherited", [False, True])
def test_a_settings_file_mkdocs_cannot_parse_is_named_on_its_line(tmp_path, inherited):
    """MkDocs stops with its own English line before any plugin runs; `make site` runs the check first."""
    root = write_site(tmp_path, paired_policy())
    broken = "site_description: 示例\nnav:\n  - 首页: index.md\n  - [未闭合\n"
    if inherited:
        (root / "base.yml").write_text(broken, encoding="utf-8")
        with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
            config.write("INHERIT: base.yml\n")
    else:
        with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
            config.write(broken)
    run = check(root, "mkdocs.yml")
    name = "base.yml" if inherited else "mkdocs.yml"
    assert run.returncode == 1
    assert any(line.startswith(f"{name}:") and " E100 " in line and "格式错误" in line for line in run.coded_lines()), run.output


def test_a_platforms_build_and_merge_refuse_the_same_settings_before_any_unit_is_built(tmp_path):
    """`disclosure build` and `merge` read mkdocs.yml before any unit build starts: the same lines as the check."""
    from disclosure.platform.merge import AssemblyError, read_config

    from .platformkit import write_platform

    root = write_platform(tmp_path / "platform")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://www.example.gov.cn/zwgk/", "javascript://x/%0aalert(1)/"),
                      encoding="utf-8")
    with pytest.raises(AssemblyError) as refused:
        read_config(root)
    lines = [str(line) for line in refused.value.lines]
    assert any(line.startswith("mkdocs.yml:") and " E401 " in line and "site_url" in line for line in lines), lines


def test_a_dictionary_line_is_named_never_quoted(tmp_path):
    """mkdocs.yml may name any file as the dictionary; a pull request's check prints into a CI log anyone may read."""
    root = write_site(tmp_path, paired_policy())
    (root / "search-dict.txt").write_text("应急避难场所 2000 n\nTOKEN=ghp_secretvalue1234 other words\n", encoding="utf-8")
    run = check(root)
    assert run.returncode == 1 and "search-dict.txt:2: E100 " in run.output
    assert "secretvalue" not in run.output
