"""Real command runs without paying Python's imports each time: a fork server for the test suite.

Most tests run the real `mkdocs build` (or `disclosure check`) on a small site, hundreds of times per
worker; importing MkDocs, Material, Markdown and the plugin is most of such a run's time. This server is
started once per test worker as its own fresh interpreter (never forked from pytest, whose worker runs
threads), imports those modules, and then forks one child per request. The child becomes the command:
it takes the request's working folder, environment and arguments, writes to the request's files, runs
the command's module as `python -m` would, and leaves through the interpreter's normal exit (atexit,
threads joined, exit code from SystemExit or a traceback), so the run is the command's own. What it skips
is the interpreter's last step, the teardown of every module: that step touches each object the server
imported, and the kernel copies every page it touches for the child (10,000 pages, half of a small build's
time). A command whose files were left open and unflushed would lose their ends here, where a fresh process
would write them: such a run fails here, it does not pass. The child's becoming and ending are the plugin's own
(disclosure/process/zygote.py), which forks a platform's unit builds the same way.

What a fresh process would differ in, and where the suite still starts one (`sitekit.run_fresh`): the
string hash seed (shared by one server's children: builds compared byte for byte for reproducibility run
fresh), code that runs at import time (only Material's banner switch, which the suite's environment
sets the same way in both), and what the interpreter reads from PYTHON* variables when it starts (a run
whose PYTHON* variables differ from the server's starts fresh; except PYTHONDONTWRITEBYTECODE, which the
child sets for itself, and PYTHONUNBUFFERED: output goes to files that are read after the run ends).

Protocol (one request at a time, over a socket pair): the client sends one JSON line
{"module", "args", "cwd", "env", "stdout", "stderr"}; the server answers the child's pid, then its wait
status, each on its own line.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import socket
import sys

from disclosure.process.zygote import become, run_as_main

# What a build or check imports anyway: importing it here changes nothing a run does. (Not Material's
# templates module: importing it prints MkDocs 2's banner, or not, by the environment of that moment.)
PRELOADED = ("click", "jinja2", "markdown", "yaml", "nh3", "babel.dates", "colorama", "pygments.formatters",
             "pygments.lexers", "opencc", "multiprocessing.popen_spawn_posix", "multiprocessing.synchronize",
             "markdown.extensions.codehilite", "markdown.extensions.fenced_code", "markdown.extensions.tables",
             "pymdownx.superfences", "material.plugins.search.plugin", "disclosure.mkdocs_adapter.plugin",
             "disclosure.text.markdown_official", "disclosure.cli.main", "disclosure.platform.merge",
             # the attachment readers (privacy/attachment_sandbox.py imports them before its fork too)
             "docx", "lxml.etree", "olefile", "pypdfium2", "python_calamine", "striprtf.striprtf", "encodings.gb18030",
             # the standard's HTML tokenizer (rules/rendered.py imports it on every page with a <body> or <html> tag)
             # and the text encodings it loads: imported by every build, 15 % of a small site's build when it was not
             "html5lib", "encodings.utf_8_sig", "encodings.utf_16_le", "encodings.utf_16_be", "encodings.unicode_escape",
             # what the theme folder's style sheets (tinycss2), `disclosure import` (bs4, soupsieve, charset_normalizer)
             # and `disclosure report` (pygal) import when they first need it: 3 to 30 ms of a command each time
             "tinycss2", "bs4", "soupsieve", "charset_normalizer", "disclosure.importer.run", "disclosure.cli.report",
             "disclosure.cli.import_pages", "pygal")


def _preload(host: str) -> None:
    for name in (f"{host}.__main__", f"{host}.commands.build", *PRELOADED):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a host without this module: the child imports what it needs itself
    # The account rules' patterns, compiled by a command on their first use (privacy/numbers.py): compiled once here.
    from disclosure.privacy.numbers import compile_now
    compile_now()
    # jieba's dictionary, read by every build's search index process (forked from the build): read once here.
    from disclosure.search.text import read_default_dictionary
    read_default_dictionary()
    # Markdown's list of installed extensions (read once a process, from every package's metadata): listed once here.
    from markdown.util import get_installed_extensions
    get_installed_extensions()
    # Python-Markdown compiles its patterns for each converter; the `re` module keeps them (by pattern text), so a
    # converter made here leaves them compiled for every child's (about 6 ms of each small build).
    import markdown
    markdown.Markdown(extensions=["tables", "attr_list", "admonition", "toc", "md_in_html", "footnotes", "abbr",
                                  "def_list", "fenced_code"])


def _lines(connection: socket.socket):
    with connection.makefile("r", encoding="utf-8") as reader:
        yield from reader


def _serve(connection: socket.socket) -> dict | None:
    """Answer requests until the client hangs up (None), or return the request in the forked child."""
    for line in _lines(connection):
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            connection.close()
            return request
        connection.sendall(f"{pid}\n".encode())
        _, status, usage = os.wait4(pid, 0)
        _log_cpu(request, usage)
        connection.sendall(f"{status}\n".encode())
    return None


def _log_cpu(request: dict, usage) -> None:
    """A served command's CPU seconds (its own processes' included), under SUITE_CPU_LOG (see conftest.py)."""
    if os.environ.get("SUITE_CPU_LOG"):
        with open(os.path.join(os.environ["SUITE_CPU_LOG"], f"served-{os.getpid()}.jsonl"), "a", encoding="utf-8") as log:
            log.write(json.dumps({"test": request["env"].get("PYTEST_CURRENT_TEST", ""), "args": request["args"][:1],
                                  "cpu": usage.ru_utime + usage.ru_stime}) + "\n")


def _become(request: dict) -> None:
    """This child is now the command: its folder, environment, files and arguments, as `python -m` without -P
    (the working folder first on the module path)."""
    sys.path[0] = request["cwd"]
    streams = [os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC) for name in ("stdout", "stderr")]
    become(request["module"], request["args"], request["cwd"], request["env"], *streams)


def main() -> dict | None:
    connection = socket.socket(fileno=int(sys.argv[1]))
    _preload(sys.argv[2])
    gc.freeze()
    return _serve(connection)


if __name__ == "__main__":
    child_request = main()
    if child_request is None:
        sys.exit(0)
    _become(child_request)
    run_as_main(child_request["module"])
