"""How the app is served, checked on the real thing: the Procfile's web process, gzip on pages
and scripts (all local) of the app under gunicorn (the ``app`` fixture of ``conftest.py``), and
``eim serve`` printing its address and then serving there.

Marked ``browser`` and ``slow`` like the rest of this folder (the ``app`` fixture is the
browser tests' running app; no Chromium is needed here).
"""

from __future__ import annotations

import gzip
import os
import re
import select
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.tools.running import free_port, stop, wait_until_answers
from loaders.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# -- serving ---------------------------------------------------------------------------------


def test_procfile_serves_the_app_on_port() -> None:
    """The Procfile's web process is gunicorn with ``dashboard.app:server`` on ``$PORT``."""
    lines = (PROJECT_ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    web = [line for line in lines if line.startswith("web:")]
    assert len(web) == 1, lines
    assert re.search(r"^web:\s*gunicorn\s+[\"']?dashboard\.app:server[\"']?\s", web[0]), web
    assert re.search(r"--bind[ =]\S*:\$\{?PORT\b", web[0]), web


def fetch_gzip(url: str) -> tuple[str | None, bytes]:
    """GET ``url`` accepting gzip: its Content-Encoding and its body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_pages_and_scripts_are_gzipped_and_local(app: App) -> None:
    encoding, body = fetch_gzip(app.url + "/")
    assert encoding == "gzip"
    html = gzip.decompress(body).decode("utf-8")
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts and all(src.startswith("/") for src in scripts), scripts
    renderer = next(src for src in scripts if "dash_renderer" in src)
    assert fetch_gzip(app.url + renderer)[0] == "gzip"


def test_eim_serve_prints_the_address_and_serves(tmp_path: Path) -> None:
    """``eim serve --port N`` prints http://127.0.0.1:N/ first, then gunicorn serves there."""
    port = free_port()
    env = {**os.environ, "EIM_DATABASE_PATH": str(tmp_path / "eim.sqlite")}
    env.pop("EIM_DATABASE_URL", None)
    command = [sys.executable, "-m", "loaders.cli", "serve", "--port", str(port), "--workers", "1"]
    with (tmp_path / "gunicorn.log").open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            start_new_session=True,
        )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "eim serve printed nothing within 30 s"
        first = process.stdout.readline().decode("utf-8")
        assert first.strip() == f"EIM Monitor dashboard: http://127.0.0.1:{port}/", first
        wait_until_answers(f"http://127.0.0.1:{port}/_dash-layout", process, 60)
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()
