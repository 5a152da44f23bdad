"""Every way a build stops ends every process of the build, and leaves the published site/ as it was.

Each case runs with search on (so the index process runs) — the example agency where its content makes
the build fail, a two-document site where a hook or a signal does — in its own session, so every process
the build started can be found afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .hookkit import importing_from, plant
from .sitekit import build, environment, host_command, paired_policy, write_site

EXIT_BOUND = 120  # seconds: generous; a hang is what this catches, not slowness
STRAGGLER_BOUND = 10  # seconds the build's helpers get to be gone after it ended
KEPT = "网站未更新：原有网站 site/ 保持不变"
REWARD = "content/policies/normative/2022-reward.md"


@pytest.fixture(scope="module")
def built_example(example_site) -> Path:
    """The example agency with its site/ built (once in the session, conftest.py); each test works on a copy."""
    return example_site.parent


@pytest.fixture
def example(built_example, tmp_path) -> Path:
    root = tmp_path / "site-repo"
    shutil.copytree(built_example, root, symlinks=True)
    return root


@pytest.fixture(scope="module")
def built_small(tmp_path_factory) -> Path:
    """A policy and its interpretation with search on (so the index process runs), built once."""
    root = write_site(tmp_path_factory.mktemp("small") / "site-repo", paired_policy(), search=True)
    run = build(root, strict=True)
    assert run.returncode == 0, run.output
    return root


@pytest.fixture
def small(built_small, tmp_path) -> Path:
    """A copy of the small site: where a hook or a signal ends a build, the site's size plays no part."""
    root = tmp_path / "site-repo"
    shutil.copytree(built_small, root, symlinks=True)
    return root


def fingerprint(site: Path) -> dict[str, str]:
    """Every file of a site by its path, as a hash of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def session_members(session: int) -> list[str]:
    """Live processes (not zombies) whose session is `session`, as "pid command" strings."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        comm, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        state, sid = rest[0], int(rest[3])
        if sid == session and state != "Z":
            found.append(f"{entry.name} {comm}")
    return found


def stragglers(session: int) -> list[str]:
    deadline = time.monotonic() + STRAGGLER_BOUND
    while (alive := session_members(session)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


def start(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(host_command("build", *args), cwd=root, env=environment(planted(root)), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    try:
        output, _ = process.communicate(timeout=EXIT_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"the build did not end within {EXIT_BOUND} s:\n{output}")
    return process.returncode, output


def add_hook(root: Path, event: str, body: str) -> None:
    """`body` runs in `event` of every build started from `root` (tests/hookkit.py: not through mkdocs.yml)."""
    plant(root.parent / "planted", event, body)


def planted(root: Path) -> dict[str, str] | None:
    folder = root.parent / "planted"
    return importing_from(folder) if (folder / "sitecustomize.py").exists() else None


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_ended_cleanly(root: Path, process: subprocess.Popen, before: dict[str, str]) -> str:
    code, output = finish(process)
    assert code != 0, output
    assert not stragglers(process.pid), (stragglers(process.pid), output)
    assert fingerprint(root / "site") == before, output
    return output


def dead_anchor(root: Path) -> list[str]:
    # To another page's heading: the build resolves it once every page is rendered (a link to the page's own missing
    # heading is refused by the source checks since round 32b, before any page is rendered).
    # (To a column page: the listing the build adds gives it anchors the source does not show, so only the build knows.)
    edit(root, REWARD, "为鼓励社会公众", "见[首页](../../index.md#不存在的标题)。为鼓励社会公众")
    return []


def late_interpretation(root: Path) -> list[str]:
    # W200: the interpretation of a 2022 policy published three years later (a warning: fails --strict only).
    edit(root, "content/interpretations/2022-reward.md", "published: 2022-03-15", "published: 2025-03-15")
    return ["--strict"]


def failing_hook(event: str):
    def plant(root: Path) -> list[str]:
        add_hook(root, event, 'raise RuntimeError("hook failed")')
        return []
    plant.__name__ = f"exception_in_{event}"
    return plant


HOOK_FAILURES = [failing_hook(event) for event in ("on_config", "on_files", "on_page_content", "on_env", "on_post_build")]


@pytest.mark.parametrize("plant", [dead_anchor, late_interpretation], ids=lambda plant: plant.__name__)
def test_a_failed_build_ends_every_process_and_keeps_the_site(example, plant):
    before = fingerprint(example / "site")
    args = plant(example)
    output = assert_ended_cleanly(example, start(example, *args), before)
    assert not (example / "site.building").exists()
    assert "Traceback" not in output, output


@pytest.mark.parametrize("plant", HOOK_FAILURES, ids=lambda plant: plant.__name__)
def test_a_hook_that_fails_ends_every_process_and_keeps_the_site(small, plant):
    before = fingerprint(small / "site")
    assert_ended_cleanly(small, start(small, *plant(small)), before)   # a hook's own traceback is the host's to print
    assert not (small / "site.building").exists()


def test_the_strict_abort_says_the_old_site_was_kept(example):
    before = fingerprint(example / "site")
    output = assert_ended_cleanly(example, start(example, *late_interpretation(example)), before)
    assert " W200 " in output
    assert KEPT in output


def test_a_dead_anchor_with_search_on_is_an_e500_and_keeps_the_site(example):
    before = fingerprint(example / "site")
    output = assert_ended_cleanly(example, start(example, *dead_anchor(example)), before)
    assert f"{REWARD}:15: E500 " in output, output
    assert KEPT in output


def wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + EXIT_BOUND
    while not path.exists():
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the build never reached the hook"
        time.sleep(0.1)


@pytest.mark.parametrize("how, event", [("sigint-to-group", "on_post_build"), ("sigint-to-group", "on_config"),
                                        ("sigterm", "on_post_build"), ("sigkill", "on_post_build")])
def test_a_signal_ends_every_process_and_keeps_the_site(small, how, event):
    """Ctrl-C (the whole terminal group), a plain `kill`, and `kill -9` while the index process runs.

    A hook's on_post_build runs before ours, when the index process holds every document; a hook's
    on_config runs after ours, when the index process has just been started and is still importing.
    """
    before = fingerprint(small / "site")
    add_hook(small, event, 'Path("reached").touch()\n    time.sleep(600)')
    process = start(small)
    wait_for(small / "reached", process)
    if how == "sigint-to-group":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
    output = assert_ended_cleanly(small, process, before)
    assert "Traceback" not in output, output
    if how != "sigkill":  # only an uncatchable signal may leave the staging folder behind
        assert KEPT in output
        assert not (small / "site.building").exists()


# --- Ctrl-C on every `disclosure` command: one Chinese line, exit 130, no traceback, nothing left --------

PAUSE = """\
import sys, time
from pathlib import Path
import {module} as target
real = target.{name}


def paused(*args, **kwargs):
    Path({marker!r}).touch()
    time.sleep(600)
    return real(*args, **kwargs)


target.{name} = paused
from disclosure.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
INTERRUPTED = "已中断"


def start_paused(root: Path, where: str, *args: str, tmp: Path | None = None) -> tuple[subprocess.Popen, Path]:
    """`disclosure ARGS` in its own session, held at `where` (module:function) once it is inside its work."""
    module, name = where.split(":")
    marker = root.parent / f"reached-{name}"
    code = PAUSE.format(module=module, name=name, marker=str(marker))
    env = environment({"TMPDIR": str(tmp)} if tmp else None)
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=root, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, marker


def interrupt(process: subprocess.Popen, marker: Path) -> tuple[int, str]:
    wait_for(marker, process)
    os.killpg(process.pid, signal.SIGINT)   # Ctrl-C: the terminal signals the whole group
    code, output = finish(process)
    assert not stragglers(process.pid), output
    return code, output


def assert_one_line(code: int, output: str) -> None:
    assert code == 130, output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output and "内部错误" not in output, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith(INTERRUPTED), output
    assert sum(INTERRUPTED in line for line in lines) == 1, output


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".building", ".merging", ".assembling"))
                  or p.name.startswith((".writing-", "disclosure-")))


@pytest.mark.parametrize("command, where", [
    (["check"], "disclosure.cli.main:run_checks"),
    (["report", "--output", "report"], "disclosure.office.output:_write_staged"),
    (["import", "{pages}", "--type", "notice"], "disclosure.importer.run:_import_into"),
], ids=["check", "report", "import"])
def test_ctrl_c_on_a_command_of_the_agency_is_one_line_and_leaves_nothing(example, tmp_path, command, where):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    pages = shutil.copytree(Path(__file__).parent / "data/import/trs", tmp_path / "old-site")
    (example / "report").mkdir()
    (example / "report/office-report.html").write_text("旧报告", encoding="utf-8")
    before = {"site": fingerprint(example / "site"), "content": fingerprint(example / "content"),
              "report": fingerprint(example / "report")}
    args = [arg.format(pages=pages) for arg in command]
    code, output = interrupt(*start_paused(example, where, *args, tmp=scratch))
    assert_one_line(code, output)
    after = {"site": fingerprint(example / "site"), "content": fingerprint(example / "content"),
             "report": fingerprint(example / "report")}
    assert after == before
    assert leftovers(scratch) == [] and leftovers(example) == [] and leftovers(example / "report") == []


@pytest.fixture
def platform(merged_platform, tmp_path) -> Path:
    root = tmp_path / "platform"
    shutil.copytree(merged_platform, root, symlinks=True)
    return root


def test_ctrl_c_on_the_merge_is_one_line_and_keeps_the_site(platform):
    before = fingerprint(platform / "site")
    code, output = interrupt(*start_paused(platform, "disclosure.platform.merge:assemble", "merge"))
    assert_one_line(code, output)
    assert "原有网站 site/ 保持不变" in output
    assert fingerprint(platform / "site") == before
    assert leftovers(platform) == []


def start_platform_build(platform: Path, args: list[str]) -> tuple[subprocess.Popen, Path]:
    """`disclosure ARGS` in its own session, each unit build (a child process) held in its last step, when its
    staged output is complete; the path appears once one is held."""
    # Sleeping in slices, as a build works: a signal that reaches another thread of the build is acted on.
    add_hook(platform, "on_post_build", f'Path({str(platform.parent / "reached")!r}).touch()\n'
             '    for _ in range(6000):\n        time.sleep(0.1)')
    process = subprocess.Popen([sys.executable, "-m", "disclosure.cli.main", *args], cwd=platform,
                               env=environment(planted(platform)),
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, platform.parent / "reached"


@pytest.mark.parametrize("args", [["build", "--jobs", "2"], ["build", "--unit", "jyj"],
                                  ["build", "--unit", "jyj", "--no-merge"]],
                         ids=["platform build", "unit build and merge", "unit build"])
def test_ctrl_c_on_a_platform_build_is_one_line_and_leaves_nothing(platform, args):
    """Every unit build (a child process) is held in its last step, when its staged output is complete."""
    before = {"site": fingerprint(platform / "site"), "units": fingerprint(platform / "build/units")}
    code, output = interrupt(*start_platform_build(platform, args))
    assert_one_line(code, output)
    assert fingerprint(platform / "site") == before["site"]
    assert fingerprint(platform / "build/units") == before["units"]   # the units already there stay as they were
    assert leftovers(platform) == [] and leftovers(platform / "build/units") == []


# Imported in a build's last event: an object the interpreter frees only when it tears the process down (its
# message says so; written to the descriptor, as late in the teardown sys.stdout may be closed), and an exit
# handler, as a library or another plugin registers one.
HELD_TO_THE_END = '''import atexit
import os


class Held:
    def __del__(self):
        os.write(1, "对象已逐个释放\\n".encode())


HELD = Held()
atexit.register(print, "退出处理已运行", flush=True)
'''


def hold_to_the_end(root: Path, then: str = "pass") -> None:
    add_hook(root, "on_post_build", f"import held_to_the_end\n    {then}")
    (root.parent / "planted" / "held_to_the_end.py").write_text(HELD_TO_THE_END, encoding="utf-8")


def test_a_finished_build_ends_without_freeing_its_memory_but_runs_the_exit_handlers(small):
    """The last second of a 10,000-document build was the interpreter freeing its pages one by one (bench/README)."""
    hold_to_the_end(small)
    code, output = finish(start(small, "--strict"))
    assert code == 0, output
    assert "退出处理已运行" in output, output
    assert "对象已逐个释放" not in output, output
    assert output.rstrip().endswith("退出处理已运行"), output   # the build's own lines came first, all of them


def test_a_failed_build_ends_as_the_host_ends_it(small):
    """A build that fails keeps the host's ending: its message, its exit status, the interpreter's teardown."""
    hold_to_the_end(small, then='raise RuntimeError("hook failed")')
    code, output = finish(start(small, "--strict"))
    assert code == 1, output
    assert "退出处理已运行" in output and "对象已逐个释放" in output, output


def test_a_finished_command_waits_for_its_other_threads():
    """A thread still at work (a plugin's upload, say) is not cut off: the interpreter ends as usual, after it."""
    script = ("import threading, time\n"
              "from disclosure.process.ending import end_now\n"
              "threading.Thread(target=lambda: (time.sleep(0.5), print('线程做完', flush=True))).start()\n"
              "end_now(0)\n"
              "print('照常结束', flush=True)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=EXIT_BOUND)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["照常结束", "线程做完"], done.stdout


def test_a_program_running_the_build_goes_on_after_it(small):
    """bench/cpu_where.py runs `mkdocs build` in its own process (runpy) and prints its table afterwards; `python -m
    cProfile -m mkdocs build` (bench/profile.py) writes its profile after the build: only the host's own command
    line ends at once."""
    script = ("import runpy, sys\n"
              f"sys.argv = {host_command('build', '-q')[2:]!r}\n"
              "try:\n"
              f"    runpy.run_module({host_command('build')[2]!r}, run_name='__main__')\n"
              "except SystemExit as stop:\n"
              "    print('构建结束', stop.code, flush=True)\n"
              "print('之后照常运行', flush=True)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=small, capture_output=True, text=True, timeout=EXIT_BOUND,
                          env=environment())
    assert done.stdout.split("\n")[-3:] == ["构建结束 0", "之后照常运行", ""], (done.stdout, done.stderr)
    profiled = [sys.executable, "-m", "cProfile", "-o", "build.prof", *host_command("build", "-q")[1:]]
    done = subprocess.run(profiled, cwd=small, capture_output=True, text=True, timeout=EXIT_BOUND, env=environment())
    assert done.returncode == 0 and (small / "build.prof").is_file(), (done.stdout, done.stderr)
