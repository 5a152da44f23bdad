"""`disclosure check`: the same coded lines as the build, fast, with exit codes CI can use."""

import sys

from .hookkit import importing_from
from .sitekit import _run, check, front_matter, paired_policy, policy, write_site


def test_clean_site_exits_zero(tmp_path):
    run = check(write_site(tmp_path, paired_policy()))
    assert run.returncode == 0, run.output
    assert run.stdout == ""
    assert "2 个文件" in run.stderr


def test_errors_are_printed_one_per_line_and_exit_one(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(doc_no="测市监规[2024]1号", published="2024/03/05")
    files["notices/b.md"] = "no front matter\n"
    run = check(write_site(tmp_path, files))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines == run.coded_lines()
    assert "content/notices/b.md:1: E100 " in run.stdout
    assert any(line.startswith("content/policies/a.md:6: E105 ") and "测市监规〔2024〕1号" in line for line in lines)
    assert any(line.startswith("content/policies/a.md:5: E102 ") for line in lines)
    assert "Traceback" not in run.output


def test_github_format_annotates_the_line(tmp_path):
    files = paired_policy()
    files["policies/a.md"] = policy(doc_no="测市监规(2024)1号")
    run = check(write_site(tmp_path, files), "--format", "github")
    assert run.returncode == 1
    assert run.stdout.startswith("::error file=content/policies/a.md,line=6,title=E105::")


def test_warnings_fail_only_with_strict(tmp_path):
    files = paired_policy()
    files["interpretations/a.md"] = files["interpretations/a.md"].replace("published: '2024-03-05'", "published: '2024-03-20'")
    root = write_site(tmp_path, files)
    relaxed, strict = check(root), check(root, "--strict")
    assert relaxed.returncode == 0 and "W200" in relaxed.stdout
    assert strict.returncode == 1


def test_broken_catalogue_is_reported_not_raised(tmp_path):
    root = write_site(tmp_path, paired_policy(), catalogue="agency:\n  name: [\n")
    run = check(root)
    assert run.returncode == 1
    assert run.coded_lines() and run.coded_lines()[0].startswith("catalogue.yaml:")
    assert "Traceback" not in run.output


def test_root_option_and_unknown_type(tmp_path):
    files = paired_policy()
    files["notices/n.md"] = front_matter(title="甲", type="notcie", index_no="T001/2024-00040", published="2024-01-01")
    write_site(tmp_path / "repo", files)
    run = check(tmp_path, "--root", "repo")
    assert "content/notices/n.md:3: E102 " in run.stdout and "notice" in run.stdout


def test_the_check_reads_the_content_folder_and_catalogue_mkdocs_yml_names(tmp_path):
    """mkdocs.yml's docs_dir and the plugin's `catalogue` option are what the build reads: the check reads them too
    (it read content/ and catalogue.yaml beside them and passed what the build then refused)."""
    import shutil

    files = paired_policy()
    root = write_site(tmp_path, files, mkdocs_extra={
        "docs_dir": "docs", "plugins": [{"disclosure": {"catalogue": "catalogue-site.yaml"}}]})
    shutil.copytree(root / "content", root / "docs")
    shutil.copy(root / "catalogue.yaml", root / "catalogue-site.yaml")
    (root / "docs/policies/a.md").write_text(policy(doc_no="测市监规[2024]1号"), encoding="utf-8")
    run = check(root)
    assert run.returncode == 1, run.output
    assert any(line.startswith("docs/policies/a.md:") and " E105 " in line for line in run.stdout.splitlines()), run.output
    (root / "catalogue-site.yaml").write_text("agency: [\n", encoding="utf-8")
    assert "catalogue-site.yaml" in check(root).output
    assert check(root, "--content", "content", "--catalogue", "catalogue.yaml").returncode == 0


def test_where_mkdocs_yml_names_no_docs_dir_the_check_reads_docs_as_mkdocs_does(tmp_path):
    """MkDocs' own default is docs/: a site laid out so was built and its check, reading content/, failed with "找不到
    内容目录 content/" (and `make site` runs the check first); a content/ beside it is what the build never reads."""
    import shutil

    import yaml

    root = write_site(tmp_path, paired_policy())
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["docs_dir"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.move(root / "content", root / "docs")
    assert check(root).returncode == 0, check(root).output
    (root / "docs/policies/a.md").write_text(policy(doc_no="测市监规[2024]1号"), encoding="utf-8")
    run = check(root)
    assert run.returncode == 1 and any(line.startswith("docs/policies/a.md:") and " E105 " in line
                                       for line in run.stdout.splitlines()), run.output


def test_python_m_disclosure_is_the_command(tmp_path):
    """Where the `disclosure` script is not on PATH, `python -m disclosure` runs the same command."""
    files = paired_policy()
    files["policies/a.md"] = policy(doc_no="测市监规(2024)1号")
    root = write_site(tmp_path, files)
    as_module, as_command = _run([sys.executable, "-m", "disclosure", "check"], root), check(root)
    assert as_module.returncode == as_command.returncode == 1
    assert as_module.stdout == as_command.stdout and "E105" in as_module.stdout


HELD_TO_THE_END = """
import atexit, os


class Held:
    def __del__(self):
        os.write(1, "对象已逐个释放\\n".encode())


HELD = Held()
atexit.register(print, "退出处理已运行", flush=True)
"""


def test_the_command_ends_without_freeing_what_it_read_but_a_program_running_it_goes_on(tmp_path):
    """`disclosure check` ends as a finished build ends (process/ending.py: freeing 10,000 documents and the modules
    one by one took 0.16 s after the last line): every line, the exit code and the exit handlers as before; under
    `python -m cProfile` the process goes on and writes its profile."""
    files = paired_policy()
    files["policies/a.md"] = policy(doc_no="测市监规(2024)1号")
    root = write_site(tmp_path / "site", files)
    (tmp_path / "planted").mkdir()
    (tmp_path / "planted" / "sitecustomize.py").write_text(HELD_TO_THE_END, encoding="utf-8")
    planted = importing_from(tmp_path / "planted")
    served, ended = check(root), check(root, env=planted)
    assert ended.returncode == served.returncode == 1 and ended.stderr == served.stderr, ended.output
    assert ended.stdout == served.stdout + "退出处理已运行\n", ended.stdout   # nothing freed one by one
    profiled = _run([sys.executable, "-m", "cProfile", "-o", str(tmp_path / "check.prof"), "-m", "disclosure.cli.main",
                     "check"], root, env=planted)
    assert (tmp_path / "check.prof").is_file(), profiled.output
    assert profiled.stdout.endswith("退出处理已运行\n对象已逐个释放\n"), profiled.stdout

