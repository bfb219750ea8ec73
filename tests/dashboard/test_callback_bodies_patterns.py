"""Pattern-matching callback requests (MATCH, ALL, ALLSMALLER) and the safety net (a crashing
callback answered with a 400 and logged), checked in-process on a small app of its own built
with ``app.callback`` (the ``own_callbacks`` fixture keeps the dashboard's registered callbacks
out of it).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import dash
import pytest
from callback_requests import FAILED, REFUSED, ROUTE
from dash import ALL, ALLSMALLER, MATCH, Input, Output, State, html

from dashboard.server import callback_guard

pytestmark = pytest.mark.slow  # the real app under gunicorn


def _pattern_app() -> dash.Dash:
    app = dash.Dash(__name__)
    app.layout = html.Div(id="root")

    @app.callback(
        Output({"type": "out", "index": MATCH}, "children"),
        Input({"type": "in", "index": MATCH}, "value"),
        State({"type": "in", "index": ALLSMALLER}, "value"),
    )
    def matched(value: object, smaller: list[object]) -> str:
        return f"{value!r} after {len(smaller)}"

    @app.callback(
        Output("total", "children"),
        Output({"type": "echo", "index": ALL}, "children"),
        Input({"type": "in", "index": ALL}, "value"),
    )
    def everything(values: list[object]) -> tuple[str, list[str]]:
        return str(len(values)), [repr(v) for v in values]

    @app.callback(Output("boom", "children"), Input("boom", "n_clicks"))
    def boom(n_clicks: object) -> str:
        raise ZeroDivisionError(f"secret detail {n_clicks}")

    callback_guard.register(app)
    callback_guard.register(app)  # a second call does nothing
    return app


def _match_body(index: object = 1, smaller: list[object] | None = None) -> dict[str, Any]:
    return {
        "output": '{"index":["MATCH"],"type":"out"}.children',
        "outputs": {"id": {"type": "out", "index": index}, "property": "children"},
        "inputs": [{"id": {"type": "in", "index": index}, "property": "value", "value": "v"}],
        "state": [
            [{"id": {"type": "in", "index": i}, "property": "value", "value": i} for i in smaller]
        ]
        if smaller is not None
        else [[]],
        "changedPropIds": [f'{{"index":{json.dumps(index)},"type":"in"}}.value'],
    }


def _all_body(indices: list[object]) -> dict[str, Any]:
    output = '..total.children...{"index":["ALL"],"type":"echo"}.children..'
    return {
        "output": output,
        "outputs": [
            {"id": "total", "property": "children"},
            [{"id": {"type": "echo", "index": i}, "property": "children"} for i in indices],
        ],
        "inputs": [
            [{"id": {"type": "in", "index": i}, "property": "value", "value": i} for i in indices]
        ],
        "changedPropIds": [],
    }


def _check(app: dash.Dash, body: object) -> str:
    try:
        callback_guard.check_body(body, app.callback_map)
    except callback_guard.CallbackRequestError as error:
        return str(error)
    return ""


def test_pattern_matching_shapes() -> None:
    app = _pattern_app()
    assert _check(app, _match_body(1, [0])) == ""
    assert _check(app, _match_body("a", [])) == ""
    assert _check(app, _all_body([1, 2, 3])) == ""
    assert _check(app, _all_body([])) == ""
    assert "wildcard ALLSMALLER" in _check(app, {**_match_body(), "state": [{"id": "x"}]})
    body = {**_match_body(), "outputs": {"id": {"type": "out"}, "property": "children"}}
    assert "keys" in _check(app, body)
    assert "string, number or boolean" in _check(app, _match_body({"a": 1}, []))
    body = _all_body([1])
    body["outputs"][1] = {"id": {"type": "echo", "index": 1}, "property": "children"}
    assert '"outputs"[1]' in _check(app, body)
    body = _all_body([1])
    body["inputs"][0][0]["id"]["type"] = "out"
    assert '"type"' in _check(app, body)
    body = _all_body([1])
    body["outputs"][0]["property"] = "children@0123abcd"  # allow_duplicate's form
    assert _check(app, body) == ""
    body["inputs"][0][0]["property"] = "value@0123abcd"  # only outputs carry it
    assert "property" in _check(app, body)


def test_pattern_matching_requests_are_answered(own_callbacks: None) -> None:
    client = _pattern_app().server.test_client()
    answer = client.post(ROUTE, json=_match_body(2, [0, 1]))
    assert answer.status_code == 200, answer.text
    assert "'v' after 2" in answer.text
    assert client.post(ROUTE, json=_all_body(["a", "b"])).status_code == 200
    answer = client.post(ROUTE, json={**_match_body(), "inputs": {}})
    assert answer.status_code == 400 and answer.text.startswith(REFUSED)


def test_a_crashing_callback_is_logged_and_answered_with_a_400(
    own_callbacks: None, caplog: pytest.LogCaptureFixture
) -> None:
    app = _pattern_app()

    def broken_view() -> str:
        raise ZeroDivisionError("not a callback")

    app.server.add_url_rule("/broken", "broken", broken_view)
    client = app.server.test_client()
    body = {
        "output": "boom.children",
        "outputs": {"id": "boom", "property": "children"},
        "inputs": [{"id": "boom", "property": "n_clicks", "value": 3}],
        "changedPropIds": ["boom.n_clicks"],
    }
    with caplog.at_level(logging.ERROR, logger="dashboard.callbacks"):
        answer = client.post(ROUTE, json=body)
    assert answer.status_code == 400
    assert answer.mimetype == "text/plain"
    assert answer.text.startswith(FAILED)
    assert '"boom.children"' in answer.text
    assert "secret" not in answer.text and "ZeroDivision" not in answer.text
    records = [r for r in caplog.records if r.name == "dashboard.callbacks"]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None and records[0].exc_info[0] is ZeroDivisionError
    # Any other request keeps Flask's own 500.
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        answer = client.get("/broken")
    assert answer.status_code == 500
    assert not [r for r in caplog.records if r.name == "dashboard.callbacks"]
