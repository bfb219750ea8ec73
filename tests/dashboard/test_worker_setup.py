"""Every gunicorn worker thread serves the page's scripts from its first request: Dash sets
itself up on a worker's first request and marks that done before it is, so with threads a
second request at the same moment found no script registered (a 404, a blank page). The
serving configuration sets Dash up when the worker starts (``dashboard.tools.serving``).

The app runs under gunicorn with the production configuration; right after it starts, many
requests for its scripts arrive at once, as from a browser opening the first page."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard.tools.running import running_app

pytestmark = pytest.mark.slow  # the real app under gunicorn


def script_paths() -> list[str]:
    """Paths of scripts the dashboard's pages load from ``/_dash-component-suites/``."""
    from dashboard.app import app

    app._setup_server()
    return [
        f"/_dash-component-suites/{package}/{path}"
        for package, paths in sorted(app.registered_paths.items())
        for path in sorted(paths)
        if path.endswith(".js")
    ][:12]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("round_", range(2))
def test_every_thread_serves_the_scripts_from_the_first_request(
    tmp_path: Path, round_: int
) -> None:
    paths = script_paths()
    assert len(paths) >= 4
    with (
        running_app(tmp_path / "eim.sqlite", workers=2) as url,
        ThreadPoolExecutor(max_workers=24) as pool,
    ):
        answers = list(pool.map(status, [url + path for path in paths * 4]))
    refused = [(path, code) for path, code in zip(paths * 4, answers, strict=True) if code != 200]
    assert not refused, refused
