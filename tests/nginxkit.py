"""A real nginx (Debian's package) serving a built site with deploy/nginx/ under /zwgk/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from .sitekit import REPO

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = REPO / "deploy" / "nginx"


def require_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing (apt-get install nginx-light); .ci/run installs it")
        pytest.skip("nginx is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(site: Path, work: Path, port: int, sub_path: str = "/zwgk/") -> str:
    """deploy/nginx as a webmaster installs it, with the alias pointing at `site` and the location
    moved to `sub_path` as its comment says (replace /zwgk/ in the three places)."""
    location = (DEPLOY / "zwgk-location.conf").read_text(encoding="utf-8").replace("/var/www/zwgk/", f"{site}/")
    location = location.replace("/zwgk/", sub_path)
    (work / "zwgk-location.conf").write_text(location, encoding="utf-8")
    shutil.copy(DEPLOY / "zwgk-http.conf", work / "zwgk-http.conf")
    # As root, nginx would hand requests to "nobody", who cannot read pytest's private temp folder.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    include {work}/zwgk-http.conf;
    server {{
        listen 127.0.0.1:{port};
        include {work}/zwgk-location.conf;
    }}
}}
"""


@contextmanager
def nginx_serving(site: Path, work: Path, sub_path: str = "/zwgk/"):
    """Yield the base URL http://127.0.0.1:PORT/zwgk/ (or `sub_path`) while nginx runs."""
    require_nginx()
    port = _free_port()
    config = work / "nginx.conf"
    config.write_text(_config(site, work, port, sub_path), encoding="utf-8")
    tested = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(work)], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(work)], stderr=subprocess.PIPE)
    try:
        _wait_for(port)
        yield f"http://127.0.0.1:{port}{sub_path}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not start")
