"""Bad input on the real app under gunicorn gets a 4xx that says why, never a 500, and leaves no
traceback in the server's log (issue 16): an ``as_of`` outside the years a store holds on every
download, and paths under ``/_dash-component-suites/`` (and ``/assets/``) that climb out of
their folder, encoded every way a client may send them.

One server for the module (``dashboard.tools.running.running_app``) on a copy of the shipped
store; requests go through ``http.client`` so that no path is normalised before it is sent.
"""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.tools.running import running_app

pytestmark = pytest.mark.slow  # starts gunicorn


@dataclass(frozen=True)
class App:
    """The running app: its base URL and its gunicorn log."""

    url: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a GET of ``path`` sent exactly as written."""
        where = urlsplit(self.url)
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, shipped_template: Path) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("edges")
    shutil.copy(shipped_template, folder / "eim.sqlite")
    log = folder / "gunicorn.log"
    with running_app(folder / "eim.sqlite", workers=1, log=log) as url:
        yield App(url, log)


DOWNLOADS = [
    f"/data/{table}.{fmt}"
    for table in ("observations", "wide", "bulletins")
    for fmt in ("csv", "json", "xlsx")
]
#: Times outside 1970-9999 in UTC: before 1970, years of fewer than four digits, after 9999
#: once in UTC, and ones no datetime holds.
OUTSIDE = [
    "0999-12-31",
    "0001-01-01",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:30:00%2B01:00",  # 1969-12-31T23:30 in UTC
    "0001-01-01T00:00:00%2B01:00",
    "9999-12-31T23:00:00-05:00",  # the year 10000 in UTC
    "0500-06-15T12:00:00Z",
]


@pytest.mark.parametrize("download", DOWNLOADS)
def test_an_as_of_before_1970_on_every_download_is_a_400_naming_it(app: App, download: str) -> None:
    status, body = app.get(f"{download}?as_of=0999-12-31")
    assert status == 400, body
    assert "as_of" in body and "1970-9999" in body, body


@pytest.mark.parametrize("as_of", OUTSIDE)
def test_times_outside_the_years_a_store_holds_are_400s(app: App, as_of: str) -> None:
    status, body = app.get(f"/data/observations.csv?as_of={as_of}")
    assert status == 400, body
    assert "as_of" in body and "1970-9999" in body, body


@pytest.mark.parametrize("as_of", ["1970-01-01", "9999-12-31", "9999-12-31T23:59:59.999999Z"])
def test_the_first_and_last_years_are_answered(app: App, as_of: str) -> None:
    status, body = app.get(f"/data/bulletins.json?as_of={as_of}")
    assert status == 200, body


@pytest.mark.parametrize(
    "path",
    [
        "/data/indicators.csv?as_of=0999-12-31",
        "/data/datapackage.json?as_of=0999-12-31",
        "/data/written/2023-11.zh.txt?as_of=0999-12-31",
    ],
)
def test_urls_without_as_of_refuse_it_by_name(app: App, path: str) -> None:
    status, body = app.get(path)
    assert status == 400, body
    assert "as_of" in body, body


def test_a_chart_download_ignores_as_of(app: App) -> None:
    """A chart's URL carries its page's query, which has no as_of: it is not read."""
    status, body = app.get("/chart/growth/growth.csv?as_of=0999-12-31")
    assert status == 200, body


TRAVERSALS = [
    "/_dash-component-suites/..%2f..%2fetc%2fpasswd",
    "/_dash-component-suites/dash/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/_dash-component-suites/dash/deps/..%2f..%2f__init__.py",
    "/_dash-component-suites/dash/%2e%2e%2f%2e%2e%2fsetup.py",
    "/_dash-component-suites/dash/..%252f..%252f__init__.py",
    "/_dash-component-suites/dash/..%5c..%5c__init__.py",
    "/_dash-component-suites/dash/....//....//etc/passwd",
    "/_dash-component-suites/dash/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/_dash-component-suites/%2e%2e/x.js",
    "/_dash-component-suites/plotly/package_data/..%2f__init__.py",
    "/_dash-component-suites/dash/dcc/nope.js",
    "/_dash-component-suites/nope/x.js",
    "/_dash-component-suites/dash/../../../../etc/passwd",
    "/assets/..%2f..%2fapp.py",
    "/assets/%2e%2e/app.py",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_out_of_the_component_folders_are_4xx(app: App, path: str) -> None:
    status, body = app.get(path)
    assert 400 <= status < 500, (status, body[:300])
    assert "root:" not in body and "import " not in body, body[:300]


def test_the_real_script_is_still_served(app: App) -> None:
    status, body = app.get("/")
    assert status == 200
    [script] = [
        part.split('"')[0]
        for part in body.split('src="')[1:]
        if part.startswith("/_dash-component-suites/dash/dcc/")
    ][:1]
    status, _ = app.get(script)
    assert status == 200, script


def test_the_log_holds_no_traceback_after_all_of_them(app: App) -> None:
    for download in DOWNLOADS:
        app.get(f"{download}?as_of=0999-12-31")
    for path in TRAVERSALS:
        app.get(path)
    log = app.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, log[-3000:]
    assert "Exception on" not in log, log[-3000:]
