"""A platform's unit builds are forks of one process that has imported the host (process/zygote.py): each runs and
ends as `python -P -m <module>` would in a new interpreter, can be stopped, and is what `disclosure build` runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure.platform.builds import host_module, zygote_preload
from disclosure.process.zygote import WAITER_LOST, Zygote

from .sitekit import environment, run_fresh
from .test_buildserver import ENDINGS
from .test_python_path import _site_with_planted_modules


@pytest.fixture(scope="module")
def modules(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("modules")
    for number, text in enumerate(ENDINGS.values()):
        (folder / f"ending{number}.py").write_text(text, encoding="utf-8")
    (folder / "sleeper.py").write_text("import time\nprint('开始', flush=True)\ntime.sleep(60)\n", encoding="utf-8")
    return folder


def _with_modules(modules: Path) -> dict:
    return environment({"PYTHONPATH": os.pathsep.join(filter(None, [str(modules), os.environ.get("PYTHONPATH")]))})


@pytest.fixture(scope="module")
def zygote(modules):
    started = Zygote.start(["json"], str(modules), _with_modules(modules))
    assert started is not None
    yield started
    started.close()


def _forked(zygote: Zygote, module: str, cwd: Path, env: dict, args: tuple[str, ...] = ()) -> tuple[int, str]:
    command = zygote.run(module, list(args), str(cwd), env)
    with command.stdout:
        output = command.stdout.read()
    return command.wait(), output


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_forked_command_ends_as_a_new_interpreter_ends(zygote, modules, tmp_path, ending):
    """Same output (standard output and error on one pipe, in order), same exit code, exit handlers and threads
    done; an uncaught error reported the same way (its last line)."""
    module = f"ending{list(ENDINGS).index(ending)}"
    env = _with_modules(modules)
    code, output = _forked(zygote, module, tmp_path, env)
    fresh = subprocess.run([sys.executable, "-P", "-m", module], cwd=tmp_path, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert code == fresh.returncode, (output, fresh.stdout)
    assert output.strip().splitlines()[-1:] == fresh.stdout.strip().splitlines()[-1:]
    if ending not in ("exception", "ctrl-c"):   # a traceback's frames above the command's differ
        assert output == fresh.stdout


def test_a_stopped_command_ends_by_the_signal_and_waiting_for_it_can_time_out(zygote, modules, tmp_path):
    command = zygote.run("sleeper", [], str(tmp_path), _with_modules(modules))
    assert command.stdout.readline() == "开始\n"
    with pytest.raises(subprocess.TimeoutExpired):
        command.wait(timeout=0.2)
    command.terminate()
    assert command.wait(timeout=30) == -15
    command.terminate()   # after its end: nothing to stop, no error
    command.stdout.close()


def test_a_command_whose_waiter_is_killed_is_no_success_and_a_dead_zygote_takes_no_request(modules, tmp_path):
    """Killed from outside: the caller learns it (and starts its units as new interpreters, platform/builds.py)."""
    import signal
    zygote = Zygote.start(["json"], str(modules), _with_modules(modules))
    try:
        command = zygote.run("sleeper", [], str(tmp_path), _with_modules(modules))
        assert command.stdout.readline() == "开始\n"
        waiter = int(Path(f"/proc/{command.pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        os.kill(waiter, signal.SIGKILL)
        assert command.wait(timeout=30) == WAITER_LOST
        os.kill(command.pid, signal.SIGKILL)   # left running by its waiter's death
        command.stdout.close()
        zygote.process.kill()
        zygote.process.wait()
        with pytest.raises(OSError):
            zygote.run("sleeper", [], str(tmp_path), _with_modules(modules))
    finally:
        zygote.close()


def test_a_forked_unit_build_never_imports_the_platforms_folder(tmp_path):
    """As `python -P -m mkdocs build`: a `yaml.py` committed where the build runs is not imported by the zygote nor
    by the command; the check in the build refuses it."""
    root = _site_with_planted_modules(tmp_path / "site")
    zygote = Zygote.start(zygote_preload(), str(root), environment())
    try:
        code, output = _forked(zygote, host_module(), root, environment(), ("build", "--strict", "-d", str(tmp_path / "out")))
    finally:
        zygote.close()
    assert not (root / "planted-module-ran").exists(), output
    assert code == 1 and "yaml.py:1: E406 " in output, output


def test_disclosure_build_forks_each_unit_from_the_zygote(merged_platform, tmp_path):
    """Seen from inside a unit build: its parent (the waiter) is a fork of the zygote, not the command."""
    import shutil

    from .test_build_end import add_hook, planted
    root = tmp_path / "platform"
    shutil.copytree(merged_platform, root, symlinks=True)
    add_hook(root, "on_post_build", f'os = __import__("os")\n    Path({str(tmp_path / "parents")!r}, '
             'os.environ["DISCLOSURE_UNIT"]).write_bytes(Path(f"/proc/{os.getppid()}/cmdline").read_bytes())')
    (tmp_path / "parents").mkdir()
    done = run_fresh([sys.executable, "-m", "disclosure.cli.main", "build", "--jobs", "2", "--no-merge"], root,
                     planted(root))
    assert done.returncode == 0, done.output
    parents = {path.name: path.read_bytes().split(b"\0") for path in (tmp_path / "parents").iterdir()}
    assert sorted(parents) == ["gov", "jyj", "nanqu"]
    assert all(b"disclosure.process.zygote" in command for command in parents.values()), parents
