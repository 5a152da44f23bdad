"""The suite runs on the host it was asked for (DISCLOSURE_HOST), and the plugin follows that host's loggers."""

import subprocess
import sys

from .sitekit import HOST, host_command


def test_the_build_command_is_the_chosen_hosts():
    done = subprocess.run(host_command("--version"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert HOST in done.stdout.lower(), done.stdout


def test_logger_names_come_from_the_host_module():
    """Under ProperDocs every `mkdocs.*` import is a `properdocs.*` module logging as `properdocs.*`."""
    script = (f"import {HOST}.__main__\n"
              "from disclosure.mkdocs_adapter import host\n"
              "print(host.HOST, host.TOP_LOGGER, host.PAGES_LOGGER, host.PLUGIN_LOGGER)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [HOST, HOST, f"{HOST}.structure.pages", f"{HOST}.plugins.disclosure"]
