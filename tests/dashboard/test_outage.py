"""PostgreSQL stopped, then started again, under a running server (issue #16).

The real app (gunicorn, one worker) on a PostgreSQL cluster of this test's own
(``tests/support/own_postgres.py``; the shared one is never stopped). While it is down:
downloads answer 503 with ``Retry-After`` and one line; the page frame still loads and a
page's callback answers with the outage banner, in the page's language, and starts the poll.
When it is back: the poll's callback renders the page again, without a reload, and downloads
work. The server's log holds no traceback.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from own_postgres import OwnPostgres
from served_app import router_body

from dashboard import ids
from dashboard.i18n import t
from dashboard.outage import PAGES_CONTENT, PAGES_LOCATION
from dashboard.tools.running import running_app

pytestmark = pytest.mark.slow

DOWNLOADS = (
    "/data/observations.csv",
    "/data/bulletins.xlsx",
    "/chart/growth/growth.csv",
    "/data/written/2024-05.en.txt",
)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers.items()), error.read()


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(
        url + "/_dash-update-component",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode("utf-8", "replace")


def _recover_body(url: str, path: str, search: str) -> dict[str, Any]:
    """The poll's request, its outputs as ``/_dash-dependencies`` names them (with the hash
    Dash adds to an output shared with another callback)."""
    status, _, body = _get(url + "/_dash-dependencies")
    assert status == 200
    (declared,) = [
        entry
        for entry in json.loads(body)
        if {"id": ids.OUTAGE_POLL, "property": "n_intervals"} in entry["inputs"]
    ]
    output = declared["output"]
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": ids.OUTAGE_POLL, "property": "n_intervals", "value": 1}],
        "state": [
            {"id": PAGES_LOCATION, "property": "pathname", "value": path},
            {"id": PAGES_LOCATION, "property": "search", "value": search},
        ],
        "changedPropIds": [f"{ids.OUTAGE_POLL}.n_intervals"],
    }


def test_an_outage_gives_503s_and_a_banner_then_the_page_comes_back(
    postgres: OwnPostgres, tmp_path: Path
) -> None:
    log = tmp_path / "gunicorn.log"
    with running_app(postgres.url, workers=1, log=log) as url:
        for path in DOWNLOADS:
            assert _get(url + path)[0] == 200, path
        recover = _recover_body(url, "/", "?lang=en")
        postgres.stop()
        try:
            for path in DOWNLOADS:
                status, headers, body = _get(url + path)
                assert status == 503, (path, status, body[:300])
                assert headers.get("Retry-After", "").isdigit(), (path, headers)
                assert len(body.decode().strip().splitlines()) == 1, body
            assert _get(url + "/_dash-layout")[0] == 200  # the frame loads
            status, answer = _post(url, router_body("/", "?lang=en"))
            assert status == 200, answer
            side = answer["sideUpdate"]
            assert side[ids.OUTAGE_BANNER] == {
                "children": t("outage.banner", "en"),
                "hidden": False,
            }
            assert side[ids.OUTAGE_POLL] == {"disabled": False}
            status, answer = _post(url, recover)
            assert status in (200, 204) and not (answer or {}).get("response"), answer  # still down
        finally:
            postgres.restart()
        status, answer = _post(url, recover)
        assert status == 200, answer
        response = answer["response"]
        assert response[ids.OUTAGE_BANNER]["hidden"] is True, response
        assert response[ids.OUTAGE_POLL]["disabled"] is True
        assert response[PAGES_CONTENT]["children"], "the page was not rendered again"
        for path in DOWNLOADS:
            assert _get(url + path)[0] == 200, path
    assert "Traceback" not in log.read_text("utf-8", "replace")
