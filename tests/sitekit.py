"""Small disclosure sites in temporary folders, built with the real MkDocs and check command."""

from __future__ import annotations

import atexit
import functools
import json
import os
import posixpath
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from disclosure.process.zygote import NumberLines

REPO = Path(__file__).resolve().parent.parent
# 2026-11-22 12:00 China time: tests never depend on the day they run.
FIXED_EPOCH = "1795320000"
# The build host: MkDocs by default; `DISCLOSURE_HOST=properdocs` runs the same suite under ProperDocs.
HOST = os.environ.get("DISCLOSURE_HOST", "mkdocs")


def host_command(*args: str) -> list[str]:
    """The host's command line, e.g. `python -m mkdocs build -f mkdocs.yml --strict`, run in the site's root.

    The configuration is named, as the Makefile does: ProperDocs otherwise looks for properdocs.yml
    and prints an English hint before our plugin is loaded."""
    command, *rest = args
    named = ["-f", "mkdocs.yml"] if command in ("build", "serve") and "-f" not in rest else []
    return [sys.executable, "-m", HOST, command, *named, *rest]

MINI_CATALOGUE = {
    "agency": {"name": "测试县市场监督管理局", "index_pattern": r"^T001/\d{4}-\d{5}$", "site_code": "1234000099",
               "icp": "测ICP备12345678号", "public_security": "测公网安备 12340002000099号", "phone": "0000-7654321"},
    "types": {
        "policy": {"name": "规范性文件", "fields": ["doc_no", "issued", "validity"], "interpretation": "required"},
        "interpretation": {"name": "政策解读", "fields": ["interprets"]},
        "notice": {"name": "通知公告"},
    },
    "catalogue": [
        # stale_days 0: the freshness rule (W301) stays out of tests about other rules.
        {"id": "policies", "name": "政策文件", "path": "policies", "types": ["policy"], "stale_days": 0},
        {"id": "interpretations", "name": "政策解读", "path": "interpretations", "types": ["interpretation"], "stale_days": 0},
        {"id": "notices", "name": "通知公告", "path": "notices", "types": ["notice"], "stale_days": 0},
    ],
}


def copy_example(root: Path) -> Path:
    """The example agency's repository files (content, theme, configuration) into `root`."""
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "catalogue.yaml", "search-dict.txt"):
        shutil.copy(REPO / name, root / name)
    return root


def front_matter(body: str = "正文。\n", **fields) -> str:
    """A document: YAML front matter from keyword arguments, then the body."""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + textwrap.dedent(body)


def policy(index_no: str = "T001/2024-00001", **overrides) -> str:
    fields = dict(title="测试县食品小作坊登记管理办法", type="policy", index_no=index_no, published="2024-03-05",
                  doc_no="测市监规〔2024〕1号", issued="2024-03-01", validity="有效")
    fields.update(overrides)
    body = fields.pop("body", "第一条 为规范食品小作坊登记，制定本办法。\n")
    return front_matter(body, **{k: v for k, v in fields.items() if v is not None})


def interpretation(index_no: str = "T001/2024-00002", interprets: str = "T001/2024-00001", **overrides) -> str:
    fields = dict(title="《测试县食品小作坊登记管理办法》解读", type="interpretation", index_no=index_no,
                  published="2024-03-05", interprets=interprets)
    fields.update(overrides)
    body = fields.pop("body", "## 背景依据\n\n说明。\n\n## 主要内容\n\n说明。\n")
    return front_matter(body, **{k: v for k, v in fields.items() if v is not None})


def paired_policy() -> dict[str, str]:
    """The smallest valid site content: one policy and its interpretation."""
    return {"policies/a.md": policy(), "interpretations/a.md": interpretation()}


def withheld_excludes(files: dict[str, str | bytes]) -> str:
    """mkdocs.yml's `exclude_docs` as the editor's guide says to write it: one anchored line for
    each non-public document and each file it attaches (the check, E113, insists on it)."""
    lines = []
    for name, data in sorted(files.items()):
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        parts = text.split("\n---\n", 1) if name.endswith(".md") and text.startswith("---\n") else None
        try:
            front = yaml.safe_load(parts[0][4:]) if parts else None
        except (yaml.YAMLError, ValueError, KeyError, AttributeError):   # PyYAML's constructors: 2024-02-30, !!bool maybe, !!timestamp x
            front = None
        if not isinstance(front, dict) or front.get("disclosure") in (None, "主动公开"):
            continue
        lines.append("/" + name)
        attachments = front.get("attachments")
        for item in attachments if isinstance(attachments, list) else []:   # the fuzzer writes any YAML
            target = item.get("file") if isinstance(item, dict) else item
            if isinstance(target, str):
                lines.append("/" + posixpath.normpath(posixpath.join(posixpath.dirname(name), target)))
    return "".join(line + "\n" for line in lines)


class Deferred:
    """A file's bytes, made when a test first needs them. Test modules list hundreds of Office files as parameters;
    made at import, every test worker paid for every file while collecting (8 s of each worker's start), though
    only one worker runs each test."""

    __slots__ = ("_make", "_args", "_kwargs", "_bytes")

    def __init__(self, make, args: tuple, kwargs: dict) -> None:
        self._make, self._args, self._kwargs, self._bytes = make, args, kwargs, None

    def made(self) -> bytes:
        if self._bytes is None:   # a builder may return another's Deferred
            self._bytes = made(self._make(*map(made, self._args), **{key: made(value) for key, value in self._kwargs.items()}))
        return self._bytes


def deferred(make):
    """`make`, called later: its call returns a `Deferred` (arguments that are `Deferred` are made first)."""
    @functools.wraps(make)
    def later(*args, **kwargs) -> Deferred:
        return Deferred(make, args, kwargs)
    return later


def made(data):
    """`data` itself, or the bytes a `Deferred` makes."""
    return data.made() if isinstance(data, Deferred) else data


def write_site(root: Path, files: dict[str, str | bytes], catalogue: dict | str | None = None,
               search: bool = False, mkdocs_extra: dict | None = None) -> Path:
    """Lay out a site repository: mkdocs.yml, catalogue.yaml, content/…; returns its root.

    Non-public documents are listed in mkdocs.yml's `exclude_docs`, as the guide asks; pass
    `mkdocs_extra={"exclude_docs": …}` to write something else."""
    root.mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "测试站", "docs_dir": "content", "site_dir": "site",
        "theme": {"name": "material", "language": "zh", "font": False, "custom_dir": str(REPO / "overrides"),
                  "features": ["navigation.indexes"]},
        "extra_css": ["assets/stylesheets/disclosure.css"],
        "plugins": (["search"] if search else []) + ["disclosure"],
    }
    excludes = withheld_excludes(files)
    if excludes:
        config["exclude_docs"] = excludes
    config.update(mkdocs_extra or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    catalogue = MINI_CATALOGUE if catalogue is None else catalogue
    text = catalogue if isinstance(catalogue, str) else yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False)
    (root / "catalogue.yaml").write_text(text, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = made(data)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def coded_lines(self) -> list[str]:
        """The `path:line: CODE message` lines, wherever the tool printed them."""
        import re
        pattern = re.compile(r"(\S+:\d+: [EW]\d{3} .*)$")
        return [m.group(1) for line in self.output.splitlines() if (m := pattern.search(line))]


def environment(env: dict | None = None) -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}


def run_fresh(args: list[str], cwd: Path, env: dict | None = None, *, whole_env: dict | None = None,
              timeout: float = 300) -> Run:
    """A command in a new interpreter: for runs compared byte for byte (each has its own hash seed)."""
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=environment(env) if whole_env is None else whole_env)
    return Run(done.returncode, done.stdout, done.stderr)


class _BuildServer:
    """This worker's fork server (tests/buildserver.py): one child per command, imports already done."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("buildserver.py")),
                                         str(theirs.fileno()), HOST], pass_fds=[theirs.fileno()], env=environment())
        theirs.close()
        self.connection = ours
        self.replies = NumberLines(ours)
        atexit.register(self.close)

    def close(self) -> None:
        """Hang up: the server ends; waited for, so its children's time counts as this process's."""
        self.connection.close()
        self.process.wait()

    def run(self, module: str, args: list[str], cwd: Path, env: dict, timeout: float) -> Run:
        with tempfile.TemporaryDirectory(prefix="run-") as folder:
            out, err = Path(folder, "stdout"), Path(folder, "stderr")
            request = {"module": module, "args": args, "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
            self.connection.settimeout(None)
            self.connection.sendall((json.dumps(request) + "\n").encode())
            pid = self._reply()
            self.connection.settimeout(timeout)
            try:
                status = self._reply()
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self.connection.settimeout(None)
                self._reply()
                raise subprocess.TimeoutExpired([module, *args], timeout) from None
            return Run(os.waitstatus_to_exitcode(status), _read_text(out), _read_text(err))

    def _reply(self) -> int:
        """The server's next line (a number)."""
        try:
            return self.replies.next()
        except EOFError:
            raise ConnectionError("the build server ended") from None


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


_server: _BuildServer | None = None


def _run(args: list[str], cwd: Path, env: dict | None = None, *, whole_env: dict | None = None,
         timeout: float = 300) -> Run:
    """`python -m module …` run by this worker's fork server (see tests/buildserver.py); any other command fresh.

    The environment is the suite's with `env` added, or exactly `whole_env`."""
    global _server
    full_env = environment(env) if whole_env is None else whole_env
    # What the interpreter reads when it starts (PYTHONPATH, a planted sitecustomize…) needs a new one.
    if args[:2] != [sys.executable, "-m"] or _startup(full_env) != _startup(environment()):
        return run_fresh(args, cwd, whole_env=full_env, timeout=timeout)
    if _server is None or _server.process.poll() is not None:
        _server = _BuildServer()
    return _server.run(args[2], args[3:], Path(cwd).resolve(), full_env, timeout)


# Read at start but made the same in the served child (tests/buildserver.py): whether it writes .pyc files,
# and how it flushes output that goes to files read only after the run has ended.
MATCHED_IN_CHILD = {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}


def _startup(env: dict) -> dict:
    return {name: value for name, value in env.items() if name.startswith("PYTHON") and name not in MATCHED_IN_CHILD}


def build(root: Path, strict: bool = True, env: dict | None = None, site_dir: Path | None = None,
          fresh: bool = False) -> Run:
    """The host's build; `fresh`: in a new interpreter, not a fork of the worker's build server."""
    args = host_command("build", *(["--strict"] if strict else []))
    if site_dir:
        args += ["--site-dir", str(site_dir)]
    return (run_fresh if fresh else _run)(args, root, env)


def check(root: Path, *extra: str, env: dict | None = None) -> Run:
    return _run([sys.executable, "-m", "disclosure.cli.main", "check", *extra], root, env)
