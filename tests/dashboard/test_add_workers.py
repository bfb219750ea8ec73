"""A bulletin added through one gunicorn worker is served by every other worker, and by
another server on the same PostgreSQL store, at the next request, with no restart: the
dashboard's caches are keyed on the store's data version, not on the process.

Which worker answered is read from gunicorn's access log: each request carries a header
``X-Probe: <uuid>`` that the log line repeats beside the worker's pid (``%(p)s``). Requests
go four at a time, on new connections, so that both workers take some.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
from editor_client import EDITOR_ENV, EditorClient
from own_bulletin import own_bulletin

from dashboard import ids
from dashboard.tools.running import running_app

pytestmark = pytest.mark.slow  # the real app under gunicorn

#: The access log line: ``ACCESS <pid> <probe> /path 200``.
ACCESS = ["--access-logfile", "-", "--access-logformat", "ACCESS %(p)s %({x-probe}i)s %(U)s %(s)s"]
_LINE = re.compile(r"^ACCESS <(\d+)> ([0-9a-f]{32}) (\S+) (\d+)$", re.M)
NEW_MONTH = "2025-08"  # after the shipped data's last period (2025-07)
CSV = f"/data/observations.csv?indicator=revenue&start={NEW_MONTH}&end={NEW_MONTH}"


class Server:
    """One running app and its log; ``get`` and ``footer`` say which worker answered."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log
        self.client = EditorClient(url)
        #: The footer callback's body for the start page in English (as the browser sends it).
        self.footer_body = self.client.body(
            f"{ids.URL}.pathname",
            {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": "?lang=en"},
            self.client.callback_for(f"{ids.FOOTER}.children"),
        )

    def pid(self, probe: str) -> int:
        """The pid of the worker that answered the request with ``probe``."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for line in _LINE.finditer(self.log.read_text("utf-8", "replace")):
                if line.group(2) == probe:
                    return int(line.group(1))
            time.sleep(0.02)
        raise AssertionError(f"no access log line for probe {probe} in {self.log}")

    def csv_has_new_month(self, probe: str) -> bool:
        """Whether the revenue table has the new month's rows."""
        answer = requests.get(self.url + CSV, headers={"X-Probe": probe}, timeout=60)
        assert answer.status_code == 200
        return NEW_MONTH in answer.text

    def footer_has_new_month(self, probe: str) -> bool:
        """Whether the footer callback's "latest period" is the new month."""
        answer = requests.post(
            f"{self.url}/_dash-update-component",
            data=json.dumps(self.footer_body),
            headers={"Content-Type": "application/json", "X-Probe": probe},
            timeout=60,
        )
        assert answer.status_code == 200
        footer = str(answer.json()["response"][ids.FOOTER]["children"])
        return f"Latest period: {NEW_MONTH}" in footer

    def answers(self, ask: Callable[[str], bool], workers: int = 2) -> dict[int, list[bool]]:
        """Ask four at a time until ``workers`` different workers answered; what each
        said, by pid."""
        seen: dict[int, list[bool]] = {}
        with ThreadPoolExecutor(4) as pool:
            for _ in range(15):
                probes = [uuid.uuid4().hex for _ in range(4)]
                for probe, found in zip(probes, pool.map(ask, probes), strict=True):
                    seen.setdefault(self.pid(probe), []).append(found)
                if len(seen) >= workers:
                    return seen
        raise AssertionError(f"only worker(s) {sorted(seen)} answered in 60 requests")


@pytest.fixture
def servers(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    """Two servers on one PostgreSQL store: ``main`` with 2 workers and ``other`` with 1
    (another machine, the same EIM_SECRET_KEY)."""
    with ExitStack() as stack:
        made = []
        for name, workers in (("main", 2), ("other", 1)):
            log = tmp_path / f"{name}.log"
            url = stack.enter_context(
                running_app(
                    postgres_url, workers=workers, env=EDITOR_ENV, log=log, gunicorn_args=ACCESS
                )
            )
            made.append(Server(url, log))
        yield made[0], made[1]


def test_a_bulletin_added_through_one_worker_is_served_by_all(
    servers: tuple[Server, Server],
) -> None:
    main, other = servers
    # every worker has read (and cached) the store before the add
    for ask in (main.csv_has_new_month, main.footer_has_new_month):
        seen = main.answers(ask)
        assert not any(found for answers in seen.values() for found in answers)
    before = other.answers(other.csv_has_new_month, workers=1)
    assert not any(found for answers in before.values() for found in answers)

    editor = EditorClient(main.url)
    assert editor.login().status_code == 303
    preview = editor.act("preview", text=own_bulletin(8))
    stored = editor.act("confirm", pending=preview.pending)
    assert f"Stored: {NEW_MONTH}" in stored.text

    for ask in (main.csv_has_new_month, main.footer_has_new_month):
        seen = main.answers(ask)
        assert len(seen) == 2
        assert all(found for answers in seen.values() for found in answers), seen
    for ask in (other.csv_has_new_month, other.footer_has_new_month):
        assert all(all(found) for found in other.answers(ask, workers=1).values())
