"""``dashboard.tools.running.running_app``: the URL it gives is always its own server's, also
when another process takes the chosen port first (tests run side by side)."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.tools import running

pytestmark = pytest.mark.slow  # the real app under gunicorn


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port some other process listens on for the length of the test."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield int(other.getsockname()[1])


def test_a_taken_port_is_skipped_for_a_free_one(
    taken_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = iter([taken_port, running.free_port()])
    monkeypatch.setattr(running, "free_port", lambda: next(ports))
    log = tmp_path / "gunicorn.log"
    with running.running_app(tmp_path / "eim.sqlite", workers=1, log=log) as url:
        assert not url.endswith(f":{taken_port}")
        with urllib.request.urlopen(f"{url}/_dash-layout", timeout=30) as answer:
            assert json.loads(answer.read())["props"]["className"] == "app"  # our shell
    assert f"Listening at: {url} " in log.read_text()
