"""`disclosure build`: the units of a platform built in parallel, each in its own host process.

Each unit is `python -m <host> build -f mkdocs.yml -d <units-dir>/<id>` with DISCLOSURE_UNIT=<id>
(the host: env DISCLOSURE_HOST, else mkdocs), forked from a zygote that has imported the host once
(process/zygote.py; a new interpreter per unit where the system cannot fork). Their lines are printed as they come, each with
the unit's name in front, so that an editor can tell whose problem a line is. Ctrl-C (or any
failure to start) stops every running build, silently (the command prints one line), and removes
any staging folder a stopped build left (`<id>.building`); the units already done stay in units-dir.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..pages.atomic import BUILDING, remove_any
from ..process.signals import stop_signals
from ..process.zygote import ForkedCommand, Zygote

HOST_ENV = "DISCLOSURE_HOST"
STOP_GRACE = 30   # seconds a stopped unit build gets to clean up before it is killed
UNIT_ENV = "DISCLOSURE_UNIT"


def host_module() -> str:
    return os.environ.get(HOST_ENV) or "mkdocs"


def unit_arguments(unit: str, units_dir: Path, config_file: str, strict: bool) -> list[str]:
    return ["build", "-f", config_file, "-d", str(units_dir / unit)] + (["--strict"] if strict else [])


def unit_command(unit: str, units_dir: Path, config_file: str, strict: bool) -> list[str]:
    """The unit build as a new interpreter, where no zygote runs. `-P`: the platform's folder is not put on Python's
    module path (a `yaml.py` committed there would be imported in place of the installed module, content/python_path.py)."""
    return [sys.executable, "-P", "-m", host_module(), *unit_arguments(unit, units_dir, config_file, strict)]


def zygote_preload() -> list[str]:
    """What every unit build imports and reads (names only: this package does not import the host)."""
    host = host_module()
    return [f"{host}.__main__", f"{host}.commands.build", "disclosure.mkdocs_adapter.plugin",
            "material.plugins.search.plugin", "disclosure.search.text:read_default_dictionary",
            "markdown.util:get_installed_extensions", "disclosure.privacy.numbers:compile_now"]


class UnitBuilds:
    """Runs unit builds, at most `jobs` at a time; `run` returns the units that failed."""

    def __init__(self, root: Path, units_dir: Path, names: dict[str, str], jobs: int, config_file: str = "mkdocs.yml",
                 strict: bool = False, out=None):
        self.root, self.units_dir, self.names = root, units_dir, names
        self.jobs, self.config_file, self.strict = max(1, jobs), config_file, strict
        self.out = out or sys.stdout
        self._lock = threading.Lock()
        self._running: dict[str, subprocess.Popen | ForkedCommand] = {}
        self._stopped = False
        self._zygote: Zygote | None = None

    def run(self, units: list[str]) -> list[str]:
        self.units_dir.mkdir(parents=True, exist_ok=True)
        self._zygote = zygote = Zygote.start(zygote_preload(), str(self.root), self._environment()) if units else None
        try:
            return self._run(units)
        finally:
            if zygote:
                zygote.close()

    def _run(self, units: list[str]) -> list[str]:
        pool = ThreadPoolExecutor(max_workers=self.jobs)
        try:
            results = list(pool.map(self._build, units))
        except BaseException:   # Ctrl-C in the main thread: stop every child, then let it end the command
            if threading.current_thread() is threading.main_thread():
                stop_signals(signal.SIG_IGN)   # a second Ctrl-C (or SIGTERM) must not cut the clean-up short
            self.stop()
            self._reap()
            pool.shutdown(wait=True, cancel_futures=True)
            self._remove_staging(units)
            raise
        pool.shutdown()
        return [unit for unit, ok in zip(units, results) if not ok]

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            running = list(self._running.values())
        for process in running:
            if process.poll() is None:
                process.terminate()   # the build's own handler discards its staged output (SIGTERM)

    def _reap(self) -> None:
        """Give each stopped build `STOP_GRACE` seconds to discard its staged output, then kill it."""
        deadline = time.monotonic() + STOP_GRACE
        with self._lock:
            running = list(self._running.values())
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()

    def _remove_staging(self, units: list[str]) -> None:
        """A build killed while it discarded its staged output (a second signal) leaves part of it."""
        for unit in units:
            remove_any(self.units_dir / (unit + BUILDING))

    @staticmethod
    def _environment() -> dict[str, str]:
        # Material's end-of-life banner would repeat once per unit; the Makefile silences it the same way.
        return {"NO_MKDOCS_2_WARNING": "1", **os.environ, "PYTHONUNBUFFERED": "1"}

    def _start(self, unit: str) -> subprocess.Popen | ForkedCommand:
        env = {**self._environment(), UNIT_ENV: unit}
        if self._zygote:
            try:
                return self._zygote.run(host_module(), unit_arguments(unit, self.units_dir, self.config_file, self.strict),
                                        str(self.root), env)
            except (OSError, ChildProcessError):
                self._zygote = None   # it has ended (killed from outside): the units left start as new interpreters
        return subprocess.Popen(unit_command(unit, self.units_dir, self.config_file, self.strict), cwd=self.root,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                encoding="utf-8", errors="replace")

    def _build(self, unit: str) -> bool:
        with self._lock:
            if self._stopped:
                return False
            process = self._start(unit)
            self._running[unit] = process
        label = f"[{self.names.get(unit, unit)}] "
        with process.stdout:
            for line in process.stdout:
                self._print(label + line.rstrip("\n"))
        code = process.wait()
        with self._lock:
            del self._running[unit]
        if code != 0:
            self._print(f"{label}生成失败（退出码 {code}）")
        return code == 0

    def _print(self, line: str) -> None:
        with self._lock:
            if not self._stopped:   # once stopped, the command's own line says so; the builds' last words are noise
                print(line, file=self.out, flush=True)
