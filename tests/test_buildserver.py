"""The suite's fork server (tests/buildserver.py) runs a command as a new interpreter would: same lines, same
exit code, same site; a command past its time is killed and the server goes on."""

import hashlib
import subprocess
import sys

import pytest

from . import sitekit
from .sitekit import _run, build, check, host_command, paired_policy, policy, run_fresh, write_site


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failing_build_and_check_print_what_a_new_interpreter_prints(tmp_path):
    root = write_site(tmp_path, {**paired_policy(),
                                 "policies/b.md": policy(index_no="T001/2024-00009", body="联系人 13800138000。\n")})
    for args in (host_command("build", "--strict"), [sys.executable, "-m", "disclosure.cli.main", "check"]):
        served, fresh = _run(args, root), run_fresh(args, root)
        assert served.returncode == fresh.returncode == 1
        assert "E400" in served.output and "Traceback" not in served.output
        assert served.stdout == fresh.stdout and served.stderr == fresh.stderr


def test_a_passing_build_writes_the_same_site(tmp_path):
    root = write_site(tmp_path, paired_policy(), search=True)
    assert build(root, site_dir=tmp_path / "served").returncode == 0
    assert build(root, site_dir=tmp_path / "fresh", fresh=True).returncode == 0
    served, fresh = _digests(tmp_path / "served"), _digests(tmp_path / "fresh")
    assert len(served) > 20 and served == fresh
    assert check(root).returncode == 0


def test_a_command_past_its_time_is_killed_and_the_next_one_runs(tmp_path):
    # `python -m` finds modules in the working folder first; this one never ends.
    (tmp_path / "forever.py").write_text("import time\nwhile True:\n    time.sleep(1)\n", encoding="utf-8")
    with pytest.raises(subprocess.TimeoutExpired):
        _run([sys.executable, "-m", "forever"], tmp_path, timeout=1)
    root = write_site(tmp_path / "site", paired_policy())
    assert build(root).returncode == 0


def test_a_run_in_its_own_environment_is_served_as_it_runs_fresh(tmp_path):
    """Commands given a whole environment (the importer's tests) are served unless a PYTHON* variable the child
    cannot match differs; served or fresh, they print the same and write .pyc files alike."""
    (tmp_path / "probe.py").write_text("import os, sys\nprint(sys.dont_write_bytecode, sys.flags.hash_randomization)\n"
                                       "print(os.getppid(), file=sys.stderr)\n", encoding="utf-8")
    for whole_env in ({"PATH": "/usr/bin:/bin"}, {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}):
        served = _run([sys.executable, "-m", "probe"], tmp_path, whole_env=whole_env)
        fresh = run_fresh([sys.executable, "-m", "probe"], tmp_path, whole_env=whole_env)
        assert served.returncode == fresh.returncode == 0, served.output + fresh.output
        assert served.stdout == fresh.stdout, (whole_env, served.stdout, fresh.stdout)
        assert int(served.stderr) == sitekit._server.process.pid   # the server's child, not a new interpreter


ENDINGS = {
    "returns": "print('done')\n",
    "exit code": "import sys\nsys.exit(3)\n",
    "exit message": "import sys\nsys.exit('无法继续')\n",
    "exception": "raise ValueError('坏的输入')\n",
    "ctrl-c": "raise KeyboardInterrupt\n",
    "exit handler": "import atexit\natexit.register(print, '退出时写下')\nprint('先')\n",
    "thread": "import threading, time\nthreading.Thread(target=lambda: (time.sleep(0.2), print('线程最后'))).start()\n",
    "unended line": "import sys\nsys.stdout.write('未换行')\n",
}


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_served_command_ends_as_a_new_interpreter_ends(tmp_path, ending):
    """The server's child skips only the modules' teardown: the same output, exit code, exit handlers' and threads'
    work; an uncaught error reported the same way (its last line: the frames above the command's differ)."""
    (tmp_path / "ending.py").write_text(ENDINGS[ending], encoding="utf-8")
    served = _run([sys.executable, "-m", "ending"], tmp_path)
    fresh = run_fresh([sys.executable, "-m", "ending"], tmp_path)
    assert served.returncode == fresh.returncode, (served.output, fresh.output)
    assert served.stdout == fresh.stdout
    assert served.stderr.strip().splitlines()[-1:] == fresh.stderr.strip().splitlines()[-1:]
