"""Page weight (issue #6): the first page loads only what it must, from the app, compressed.

The dashboard draws its charts with a partial plotly.js (only the trace types it uses,
``dashboard/assets/plotly-partial.min.js``, built by ``scripts/plotly_bundle.sh``) instead of
the full ``plotly.min.js`` Dash would load, and ``dashboard.server.compression`` compresses the
static files once per worker. Checked here:

- without a browser: the bundle is built for the plotly.js version the Python plotly package
  ships; static files are compressed once per worker and algorithm, other responses each
  time and only with gzip; the page's CSP still hashes its inline scripts;
- in headless Chromium, through the DevTools performance log (``Network`` events), a cold
  load of ``/growth?lang=en``: every request goes to the app, the full plotly.js is never
  asked for, the bundle is fetched once and compressed, every chart is drawn with no console
  error, and the bytes on the wire stay under ``MAX_FIRST_PAGE_BYTES``; and on every page,
  every trace drawn is of a type the bundle has.

The browser tests run the real app under gunicorn (``app`` of
``tests/dashboard/browser/conftest.py``) in a Chromium of their own with the performance log on (the
shared ``browser`` has only the console log); they ask for ``browser`` too, so that they skip, or
fail under CI, the same way.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dash
import flask_compress.flask_compress as flask_compress_impl
import pytest
from dash import Input, Output, dcc, html
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from dashboard import shell
from dashboard.i18n import t
from dashboard.server import compression
from dashboard.tools.browser import chrome, console_errors, wait_for_page
from loaders.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from browser_app import App

BUNDLE = PROJECT_ROOT / "dashboard" / "assets" / "plotly-partial.min.js"
BUNDLE_PATH = "/assets/plotly-partial.min.js"
FULL_PLOTLY_PATH = "/_dash-component-suites/plotly/package_data/plotly.min.js"
FIRST_PAGE = "/growth"
#: Bytes on the wire for a cold load of the Growth page (the sum of the responses'
#: ``encodedDataLength``, headers included). Measured: 0.66 MB (br; ~0.71 MB with gzip),
#: of which the partial plotly.js 0.36 MB; before it, 1.77 MB (the full plotly.js, 1.44 MB
#: zstd); a bare Dash app with one chart (benchmarks/floor_app.py), 6.10 MB.
MAX_FIRST_PAGE_BYTES = 800_000
COMPRESSED = ("gzip", "br")

#: Per chart, the trace types asked for that plotly.js does not have: it draws such a trace
#: as a scatter (``type`` falls back to its default), so the full data's type differs.
MISSING_TYPES_SCRIPT = """
const missing = [];
for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    (gd.data || []).forEach((trace, i) => {
        const asked = trace.type || 'scatter';
        const full = (gd._fullData || [])[i];
        if (!full || full.type !== asked || !full._module) { missing.push(asked); }
    });
}
return missing;
"""
GRAPHS_SCRIPT = """
const graphs = document.querySelectorAll('.dash-graph');
return [graphs.length,
        [...graphs].filter(g => g.querySelector('.js-plotly-plot .main-svg')).length];
"""


def shipped_plotly_js() -> str:
    """The plotly.js version the Python plotly package ships (and dcc.Graph expects)."""
    from plotly.offline import get_plotlyjs_version

    return str(get_plotlyjs_version())


# -- the bundle and the server, no browser ------------------------------------------------------


def test_bundle_is_built_for_the_shipped_plotly_js() -> None:
    assert BUNDLE.exists(), f"{BUNDLE} is missing: run scripts/plotly_bundle.sh"
    with BUNDLE.open("rb") as bundle:
        first_line = bundle.readline().decode("utf-8")
    assert f"plotly.js v{shipped_plotly_js()}, partial:" in first_line, first_line
    assert BUNDLE.stat().st_size < 2_000_000, "the partial bundle is as large as the full one"


@pytest.fixture
def compress_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every compression Flask-Compress does: (algorithm, input bytes)."""
    calls: list[tuple[str, int]] = []
    original = flask_compress_impl._compress_data

    def counting(app: Any, data: bytes, algorithm: str) -> bytes:
        calls.append((algorithm, len(data)))
        return original(app, data, algorithm)

    monkeypatch.setattr(flask_compress_impl, "_compress_data", counting)
    return calls


def small_app(assets: Path) -> FlaskClient:
    """The test client of a Dash app like ours (compress=True, served locally) with the
    assets folder ``assets``, an input and a graph whose callback draws the input's value."""
    app = dash.Dash(__name__, assets_folder=str(assets), compress=True, serve_locally=True)
    app.layout = html.Div([dcc.Input(id="choice", value="a"), dcc.Graph(id="chart")])

    @app.callback(Output("chart", "figure"), Input("choice", "value"))
    def chart(choice: str) -> dict[str, Any]:
        return {"data": [{"type": "scatter", "name": choice, "y": list(range(300))}]}

    compression.register(app.server)
    compression.register(app.server)  # a second call does nothing
    return app.server.test_client()


def fetch(client: FlaskClient, url: str, accept: str, **headers: str) -> TestResponse:
    """GET ``url`` offering the encodings ``accept``, the body read and the response closed
    (a streamed response left open would keep its request context pushed)."""
    return client.get(url, headers={"Accept-Encoding": accept, **headers}, buffered=True)


def test_static_files_are_compressed_once_per_worker(
    tmp_path: Path, compress_calls: list[tuple[str, int]]
) -> None:
    script = b"window.big = [" + b",".join(b"%d" % i for i in range(40_000)) + b"];\n"
    (tmp_path / "big.js").write_bytes(script)
    client = small_app(tmp_path)
    for accept, algorithm in (("gzip, deflate", "gzip"), ("gzip, deflate, br, zstd", "br")):
        bodies = []
        for _ in range(3):
            response = fetch(client, "/assets/big.js?m=1", accept)
            assert response.status_code == 200
            assert response.headers.get("Content-Encoding") == algorithm
            bodies.append(response.data)
        assert len(set(bodies)) == 1
        if algorithm == "gzip":
            assert gzip.decompress(bodies[0]) == script
        assert [a for a, size in compress_calls if size == len(script)].count(algorithm) == 1, (
            compress_calls
        )
    # A conditional request for the compressed file gets a 304.
    etag = fetch(client, "/assets/big.js?m=1", "gzip").headers["ETag"]
    assert fetch(client, "/assets/big.js?m=1", "gzip", **{"If-None-Match": etag}).status_code == 304
    # Dash's own scripts too: the renderer once, whatever the number of requests.
    page = fetch(client, "/", "identity").get_data(as_text=True)
    renderer = next(part.split('"')[0] for part in page.split('src="') if "dash_renderer" in part)
    before = len(compress_calls)
    for _ in range(3):
        response = fetch(client, renderer, "gzip")
        assert response.status_code == 200
        assert response.headers.get("Content-Encoding") == "gzip"
    assert len(compress_calls) == before + 1


def test_callback_answers_are_gzipped_each_time_at_their_own_level(
    tmp_path: Path, compress_calls: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Callback answers: gzip at ``CALLBACK_GZIP_LEVEL`` (``dashboard.server.response_cache`` keeps
    them as gzip bytes), even for a browser that takes br; compressed anew each time (they
    are not cached here), by ``dashboard.server.compression``, not Flask-Compress (whose level
    stays 6 for pages); none for a client that takes no gzip."""
    levels: list[int] = []
    original = gzip.compress

    def counting(data: bytes, compresslevel: int = 9, *, mtime: float | None = None) -> bytes:
        levels.append(compresslevel)
        return original(data, compresslevel, mtime=mtime)

    monkeypatch.setattr(compression.gzip, "compress", counting)
    client = small_app(tmp_path)
    body = {
        "output": "chart.figure",
        "outputs": {"id": "chart", "property": "figure"},
        "inputs": [{"id": "choice", "property": "value", "value": "b" * 600}],
        "changedPropIds": ["choice.value"],
        "state": [],
    }
    for accept in ("gzip, deflate, br, zstd", "gzip", "identity"):
        response = client.post(
            "/_dash-update-component",
            json=body,
            headers={"Accept-Encoding": accept},
            buffered=True,
        )
        assert response.status_code == 200
        gzipped = response.headers.get("Content-Encoding") == "gzip"
        assert gzipped == (accept != "identity"), accept
        data = gzip.decompress(response.data) if gzipped else response.data
        answer = json.loads(data)
        assert answer["response"]["chart"]["figure"]["data"][0]["name"] == "b" * 600
    assert levels == [compression.CALLBACK_GZIP_LEVEL] * 2 == [3, 3]
    assert compress_calls == []


def test_the_page_keeps_its_script_hashes(shipped_store: None) -> None:
    """Compression runs after ``dashboard.server.security``, which hashes the uncompressed page."""
    from dashboard.app import create_app

    response = fetch(create_app().server.test_client(), f"{FIRST_PAGE}?lang=en", "gzip, br")
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "'sha256-" in response.headers["Content-Security-Policy"]
    page = gzip.decompress(response.data).decode("utf-8")
    assert BUNDLE_PATH in page, "the page does not load the partial plotly.js"


# -- in Chromium ---------------------------------------------------------------------------------


@dataclass
class Request:
    """One network request of a page load, from the DevTools ``Network`` events."""

    url: str
    status: int = 0
    encoding: str = ""
    transferred: int = 0
    from_cache: bool = False
    failed: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def requests_of(driver: Any) -> list[Request]:
    """The requests in the performance log since the last call (data: and blob: URLs left
    out: they are not fetched)."""
    found: dict[str, Request] = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message["method"], message.get("params", {})
        key = params.get("requestId", "")
        if method == "Network.requestWillBeSent":
            found[key] = Request(params["request"]["url"])
        elif key not in found:
            continue
        elif method == "Network.responseReceived":
            response = params["response"]
            request = found[key]
            request.status = int(response.get("status", 0))
            request.headers = {k.lower(): str(v) for k, v in response["headers"].items()}
            request.encoding = request.headers.get("content-encoding", "")
            request.from_cache = bool(response.get("fromDiskCache"))
        elif method == "Network.loadingFinished":
            found[key].transferred = int(params.get("encodedDataLength", 0))
        elif method == "Network.loadingFailed":
            found[key].failed = str(params.get("errorText", "failed"))
    return [r for r in found.values() if not r.url.startswith(("data:", "blob:"))]


def url_path(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]


@pytest.fixture(scope="module")
def perf_driver(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium (``dashboard.tools.browser.chrome``) with the performance log on
    (``browser`` is asked for its skip-or-fail check only)."""
    driver = chrome(tmp_path_factory.mktemp("perf") / "profile", lang="en-US", performance_log=True)
    try:
        yield driver
    finally:
        driver.quit()


def cold_load(driver: Any, app: App, path: str, lang: str = "en") -> list[Request]:
    """Load ``path`` with an empty HTTP cache, wait until every chart is drawn, and return
    its requests."""
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(app.url + shell.with_query(path, {"lang": lang}))
    wait_for_page(driver, [t(key, lang) for _, key in shell.NAVIGATION])
    return requests_of(driver)


@pytest.mark.browser
@pytest.mark.slow
def test_first_page_is_light_and_local(perf_driver: Any, app: App) -> None:
    requests = cold_load(perf_driver, app, FIRST_PAGE)
    total = sum(r.transferred for r in requests)
    plotly = [r for r in requests if "plotly" in url_path(r.url)]
    print(
        f"\n{FIRST_PAGE}?lang=en, cold: {len(requests)} requests, {total:,} bytes on the wire; "
        + ", ".join(f"{url_path(r.url)} {r.transferred:,} ({r.encoding})" for r in plotly)
    )
    foreign = [r.url for r in requests if not r.url.startswith(app.url + "/")]
    assert not foreign, f"requests to elsewhere than the app: {foreign}"
    failed = [(r.url, r.failed or r.status) for r in requests if r.failed or r.status >= 400]
    assert not failed, failed
    assert not [r.url for r in requests if url_path(r.url) == FULL_PLOTLY_PATH], (
        "the full plotly.js was loaded"
    )
    bundle = [r for r in requests if url_path(r.url) == BUNDLE_PATH]
    assert len(bundle) == 1, f"the partial plotly.js was requested {len(bundle)} times"
    assert bundle[0].status == 200 and not bundle[0].from_cache
    assert bundle[0].encoding in COMPRESSED, f"bundle sent with {bundle[0].headers}"
    assert bundle[0].transferred < BUNDLE.stat().st_size / 2
    graphs, drawn = perf_driver.execute_script(GRAPHS_SCRIPT)
    assert graphs > 0 and drawn == graphs, f"{drawn} of {graphs} charts drawn"
    assert perf_driver.execute_script("return window.Plotly.version") == shipped_plotly_js()
    assert not console_errors(perf_driver)
    assert total <= MAX_FIRST_PAGE_BYTES, (
        f"the first page moved {total:,} bytes, over {MAX_FIRST_PAGE_BYTES:,}: "
        + ", ".join(f"{url_path(r.url)} {r.transferred:,}" for r in requests)
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("path", [path for path, _ in shell.NAVIGATION])
def test_every_trace_drawn_is_in_the_bundle(perf_driver: Any, app: App, path: str) -> None:
    requests = cold_load(perf_driver, app, path)
    assert not [r.url for r in requests if url_path(r.url) == FULL_PLOTLY_PATH]
    missing = sorted(set(perf_driver.execute_script(MISSING_TYPES_SCRIPT)))
    assert not missing, (
        f"{path} draws trace types the partial plotly.js lacks: {missing}; add them to "
        "dashboard/plotly_bundle/plotly-partial.js"
    )
    assert not console_errors(perf_driver)
