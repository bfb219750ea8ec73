"""Repeated chart views come from memory (``dashboard.server.response_cache``): the same body and
data version give the same bytes without running the callback; a new data version, another
body or another callback runs it."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import dash
import pytest
from dash import Input, Output, dcc, html
from own_bulletin import FIXTURE as OWN_BULLETIN

from dashboard import data
from dashboard.server import response_cache
from loaders.bulletin.parse import parse_bulletin

CHART = {"type": "chart", "page": "test", "name": "line"}
GZIP = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}


@pytest.fixture
def app(shipped_store: None) -> Iterator[tuple[dash.Dash, list[str]]]:
    """A small app with one chart callback and one other, both counting their calls."""
    calls: list[str] = []
    app = dash.Dash(__name__, compress=True)
    app.layout = html.Div(
        [dcc.Dropdown(id="choice", options=["a", "b"]), dcc.Graph(id=CHART), html.Div(id="note")]
    )

    @app.callback(Output(CHART, "figure"), Input("choice", "value"))
    def chart(choice: str) -> dict[str, object]:
        calls.append(f"chart {choice}")
        # big enough to be sent compressed (Flask-Compress leaves out small answers)
        months = [f"{year}-{month:02d}" for year in range(2000, 2025) for month in range(1, 13)]
        return {"data": [{"type": "bar", "x": months, "y": [1] * len(months)}], "layout": {}}

    @app.callback(Output("note", "children"), Input("choice", "value"))
    def note(choice: str) -> str:
        calls.append(f"note {choice}")
        return f"chose {choice}"

    response_cache.register(app)
    response_cache.register(app)  # a second call changes nothing
    yield app, calls


def _body(output: str, choice: str) -> str:
    outputs = (
        {"id": CHART, "property": "figure"}
        if "figure" in output
        else {"id": "note", "property": "children"}
    )
    return json.dumps(
        {
            "output": output,
            "outputs": outputs,
            "inputs": [{"id": "choice", "property": "value", "value": choice}],
            "changedPropIds": ["choice.value"],
        }
    )


def _chart_output() -> str:
    return json.dumps(CHART, separators=(",", ":"), sort_keys=True) + ".figure"


def test_a_repeated_chart_view_is_answered_from_memory(
    app: tuple[dash.Dash, list[str]],
) -> None:
    server, calls = app[0].server, app[1]
    client = server.test_client()
    client.get("/")
    first = client.post("/_dash-update-component", data=_body(_chart_output(), "a"), headers=GZIP)
    again = client.post("/_dash-update-component", data=_body(_chart_output(), "a"), headers=GZIP)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.headers[response_cache.HEADER] == "miss"
    assert again.headers[response_cache.HEADER] == "hit"
    assert calls == ["chart a"]
    assert again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.data) == gzip.decompress(first.data)
    other = client.post("/_dash-update-component", data=_body(_chart_output(), "b"), headers=GZIP)
    assert other.headers[response_cache.HEADER] == "miss"
    plain = client.post(
        "/_dash-update-component",
        data=_body(_chart_output(), "a"),
        headers={"Content-Type": "application/json"},
    )
    assert plain.headers[response_cache.HEADER] == "miss"  # gzip or not: kept apart
    assert json.loads(plain.data) == json.loads(gzip.decompress(first.data))
    assert calls == ["chart a", "chart b", "chart a"]


def test_other_callbacks_always_run(app: tuple[dash.Dash, list[str]]) -> None:
    client, calls = app[0].server.test_client(), app[1]
    client.get("/")
    for _ in range(2):
        answer = client.post(
            "/_dash-update-component", data=_body("note.children", "a"), headers=GZIP
        )
        assert answer.status_code == 200
        assert response_cache.HEADER not in answer.headers
    assert calls == ["note a", "note a"]


def test_a_new_data_version_builds_the_view_again(
    app: tuple[dash.Dash, list[str]], tmp_path: Path
) -> None:
    client, calls = app[0].server.test_client(), app[1]
    client.get("/")
    body = _body(_chart_output(), "a")
    client.post("/_dash-update-component", data=body, headers=GZIP)
    text = (OWN_BULLETIN).read_text("utf-8")
    data.store().add(parse_bulletin(text), text)
    answer = client.post("/_dash-update-component", data=body, headers=GZIP)
    assert answer.headers[response_cache.HEADER] == "miss"
    assert calls == ["chart a", "chart a"]
