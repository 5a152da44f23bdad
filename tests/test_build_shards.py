"""A single agency's pages rendered on two cores make the site, the messages and the failures of one process.

Every case builds the example agency with the real host twice: `DISCLOSURE_JOBS=1` (one process, as
MkDocs renders) and `DISCLOSURE_JOBS=2` (the adapter's page workers, mkdocs_adapter/shards.py; a
small site is split only when asked to). The second half of the pages is the worker's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .sitekit import HOST, build, copy_example, environment
from .test_build_end import assert_ended_cleanly, finish, fingerprint, wait_for

SERIAL, SHARDED = {"DISCLOSURE_JOBS": "1"}, {"DISCLOSURE_JOBS": "2"}
IN_SHARDS = "个页面由 2 个进程同时生成"
KEPT = "网站未更新"
# PyMdown's smart symbols (an extension the gate accepts) turn "1/4" into "¼": E600 on each page that
# writes it, early (the build's process) and late (the worker's) in the host's order.
ALTERED = ["content/consultations/2025-interview-draft.md", "content/interpretations/2022-reward.md",
           "content/reports/2025.md", "content/system/review.md"]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("shards"))


def test_two_processes_build_the_site_of_one_byte_for_byte(example, tmp_path):
    serial = build(example, env=SERIAL, site_dir=tmp_path / "serial")
    sharded = build(example, env=SHARDED, site_dir=tmp_path / "sharded")
    assert serial.returncode == 0, serial.output
    assert sharded.returncode == 0, sharded.output
    assert IN_SHARDS in sharded.output and IN_SHARDS not in serial.output
    serial_files, sharded_files = fingerprint(tmp_path / "serial"), fingerprint(tmp_path / "sharded")
    assert len(serial_files) > 100
    assert sharded_files == serial_files
    assert _messages(sharded.output) == _messages(serial.output)


def test_problems_found_in_the_worker_are_reported_in_order_and_fail_the_build(tmp_path):
    root = copy_example(tmp_path / "repo")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        # markdown_extensions is the file's last list; the rewrites without digits off (else E406, before any page)
        config.write("  - pymdownx.smartsymbols: {trademark: false, copyright: false, registered: false, plusminus: false,"
                     " arrows: false, notequal: false, care_of: false}\n")
    for path in ALTERED:
        with (root / path).open("a", encoding="utf-8") as document:
            document.write("\n占比约为 1/4。\n")
    runs = {}
    for name, env in (("serial", SERIAL), ("sharded", SHARDED)):
        (tmp_path / name).mkdir()   # the same folder name for both: the lines naming it are compared too
        runs[name] = build(root, env=env, site_dir=tmp_path / name / "site")
        assert runs[name].returncode != 0, runs[name].output
        assert list((tmp_path / name).iterdir()) == []
        assert KEPT in runs[name].output
    assert IN_SHARDS in runs["sharded"].output
    lines = runs["sharded"].coded_lines()
    assert [line.split(":")[0] for line in lines if " E600 " in line] == ALTERED, lines
    assert lines == runs["serial"].coded_lines()
    assert _messages(runs["sharded"].output) == _messages(runs["serial"].output)


FAULT_IN_WORKER = """\
import os, runpy, sys, time
from pathlib import Path
if {host!r} == "properdocs":
    import properdocs.replacement   # first: from here on `import mkdocs` is ProperDocs, as under its command
import disclosure.mkdocs_adapter.plugin as plugin
real, parent = plugin.page_problems, os.getpid()


def injected(path, *args, **kwargs):
    {fault}
    return real(path, *args, **kwargs)


plugin.page_problems = injected
sys.argv = [{host!r}, "build", "-f", "mkdocs.yml", "--strict"] + sys.argv[1:]
runpy.run_module({host!r}, run_name="__main__")
"""


def run_with_fault(root: Path, fault: str, env: dict, *args: str) -> subprocess.Popen:
    """The host's build with `fault` run before each document's fidelity check (a page's on_page_content)."""
    return subprocess.Popen([sys.executable, "-c", FAULT_IN_WORKER.format(host=HOST, fault=fault), *args], cwd=root,
                            env=environment(env), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_an_exception_in_the_worker_ends_the_build_as_in_one_process(tmp_path):
    """A fault on the annual reports (late in the order: the worker's pages)."""
    root = copy_example(tmp_path / "repo")
    fault = 'if "reports/" in path:\n        raise ValueError("无法处理")'
    outputs = {}
    for name, env in (("serial", SERIAL), ("sharded", SHARDED)):
        (tmp_path / name).mkdir()
        code, outputs[name] = finish(run_with_fault(root, fault, env, "-d", str(tmp_path / name / "site")))
        assert code != 0, outputs[name]
        assert list((tmp_path / name).iterdir()) == []
    assert IN_SHARDS in outputs["sharded"]
    assert "Error reading page 'reports/2024.md': 无法处理" in outputs["sharded"]
    assert _messages(outputs["sharded"]) == _messages(outputs["serial"])


def test_a_slow_process_renders_fewer_pages_and_the_site_is_the_one_of_one_process(tmp_path):
    """The pages are shared as they are rendered, not cut in halves: with the build's process slowed down on every
    document, the worker renders most of them (cut in halves, the build's process rendered half the pages), and the
    site and the lines are those of a one-process build."""
    root = copy_example(tmp_path / "repo")
    slow = ('who = "build" if os.getpid() == parent else str(os.getpid())\n'
            '    with Path(f"rendered-{who}").open("a") as record:\n'
            '        record.write(f"{path}\\n")\n'
            '    if who == "build" and os.environ["DISCLOSURE_JOBS"] == "2":   # not slowed when serial\n'
            '        time.sleep(0.2)')
    outputs = {}
    for name, env in (("serial", SERIAL), ("sharded", SHARDED)):
        code, outputs[name] = finish(run_with_fault(root, slow, env, "-d", str(tmp_path / name)))
        assert code == 0, outputs[name]
        rendered = {path.name: path.read_text().splitlines() for path in root.glob("rendered-*")}
        for path in root.glob("rendered-*"):
            path.unlink()
        if name == "serial":
            assert len(rendered) == 1
            documents = next(iter(rendered.values()))
    assert IN_SHARDS in outputs["sharded"]
    own = rendered.pop("rendered-build", [])
    workers = [line for lines in rendered.values() for line in lines]
    assert sorted(own + workers) == sorted(documents) and len(documents) > 40
    assert len(own) < len(documents) / 4, (len(own), len(documents))
    assert own == documents[:len(own)]   # the build's process renders the first pages, in order
    assert fingerprint(tmp_path / "sharded") == fingerprint(tmp_path / "serial")
    assert _messages(outputs["sharded"]) == _messages(outputs["serial"])


def test_a_worker_killed_half_way_leaves_its_written_pages_and_the_site_is_the_one_of_one_process(tmp_path):
    """A worker writes its pages run by run as it renders them; killed at its 6th document, the runs it wrote are
    used and the rest rendered by the build's process: the site and the lines of a one-process build."""
    root = copy_example(tmp_path / "repo")
    # The build's process is slowed while the worker lives (the worker then renders surely six), not after it: it
    # renders the rest alone.
    kill = ('if os.getpid() == parent:\n'
            '        time.sleep(0.2 if os.environ["DISCLOSURE_JOBS"] == "2" and not Path("killed").exists() else 0)\n'
            '    else:\n'
            '        with Path(f"rendered-{os.getpid()}").open("a") as record:\n'
            '            record.write(f"{path}\\n")\n'
            '        if len(Path(f"rendered-{os.getpid()}").read_text().splitlines()) == 6:\n'
            '            Path("killed").touch()\n'
            '            os.kill(os.getpid(), 9)')
    outputs = {}
    for name, env in (("serial", SERIAL), ("sharded", SHARDED)):
        code, outputs[name] = finish(run_with_fault(root, kill, env, "-d", str(tmp_path / name)))
        assert code == 0, outputs[name]
    assert [len(path.read_text().splitlines()) for path in root.glob("rendered-*")] == [6]
    assert fingerprint(tmp_path / "sharded") == fingerprint(tmp_path / "serial")
    assert _messages(outputs["sharded"]) == _messages(outputs["serial"])


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_while_a_worker_renders_ends_every_process_and_keeps_the_site(tmp_path, how):
    root = copy_example(tmp_path / "repo")
    assert build(root, env=SERIAL).returncode == 0
    before = fingerprint(root / "site")
    pause = 'if os.getpid() != parent:   # a page worker\n        Path("reached").touch()\n        time.sleep(600)'
    process = run_with_fault(root, pause, SHARDED)
    wait_for(root / "reached", process)
    if how == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)   # Ctrl-C: the terminal signals the whole group
    else:
        process.send_signal(signal.SIGTERM)     # only the build's process: its worker must go too
    output = assert_ended_cleanly(root, process, before)
    assert "Traceback" not in output, output
    assert KEPT in output
    assert not (root / "site.building").exists()


def _messages(output: str) -> list[str]:
    """The build's lines without the ones that differ from run to run (times, folders) or say how it ran,
    and without a traceback's frames (the same exception, raised through other functions)."""
    return [line for line in output.splitlines() if line.strip() and not line.startswith(" ")
            and "用时" not in line and "目录" not in line and IN_SHARDS not in line]
