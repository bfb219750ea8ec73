"""Hand-made callback requests (``dashboard.server.callback_guard``): a 4xx naming what is wrong for
a body of the wrong shape, a 200 or 204 for a well-formed one whatever its values, never a 5xx.

The tests post to the real app under gunicorn (the ``server`` fixture of
``tests/dashboard/conftest.py``: once for the session, on a fresh SQLite store): Dash hands the
callbacks registered at import (``dash.callback``) only to the first app that serves a request
in a process, and a test session makes many apps. The callbacks come from
``/_dash-dependencies``, so a page added later is covered without a change here. The bodies:

    examples      a list, not JSON, no "output", an unknown or browser-side output, inputs
                  of the wrong count or type, a wrong id or property -> 400, text/plain
    well-formed   the declared shape with generated values (hostile and plausible ones:
                  real option values, URL queries, paths) -> 200 or 204, nothing logged
                  (``test_callback_bodies_generated.py``)
    malformed     generated JSON and mutations of a good body -> never a 5xx, and a 400
                  only from the guard (no crashing callback behind it) (the same file)

Pattern-matching shapes (MATCH, ALLSMALLER) and the safety net (a crashing callback) are
checked in-process on small apps of their own (``test_callback_bodies_patterns.py``). The
requests are in ``tests/support/callback_requests.py``, the strategies in
``tests/support/callback_strategies.py``.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest
from callback_requests import REFUSED, Answer, Callback, Server, by_input, well_formed_body

pytestmark = pytest.mark.slow  # the real app under gunicorn

# --- Example bodies: each refused with a message naming the problem ---------------------


def refused(answer: Answer, *words: str) -> None:
    assert answer.status == 400, answer
    assert answer.mimetype == "text/plain", answer
    assert answer.text.startswith(REFUSED), answer
    for word in words:
        assert word in answer.text, answer
    assert len(answer.text) < 300, answer


def test_a_json_list_is_refused(server: Server) -> None:
    refused(server.post([{"output": "nav.children"}]), "list", "JSON object")


def test_a_body_that_is_not_json_is_refused(server: Server) -> None:
    refused(server.post(None, raw=b"output=nav.children"), "not a JSON object")
    refused(server.post(None, raw=b'{"output": "nav.child'), "not a JSON object")
    refused(server.post(None, raw=b"\xff\xfe{}"), "not a JSON object")
    refused(server.post(None, raw=b'{"output": 1}', content_type="text/plain"), "JSON object")


def test_a_deeply_nested_body_is_refused(server: Server) -> None:
    refused(server.post(None, raw=b"[" * 100_000 + b"]" * 100_000), "nested too deeply")


def test_a_body_without_output_is_refused(server: Server) -> None:
    refused(server.post({"inputs": []}), '"output"')
    refused(server.post({"output": 7, "inputs": []}), '"output"', "a number")


def test_an_output_naming_no_callback_is_refused(server: Server) -> None:
    answer = server.post({"output": "nothing.children" + "x" * 500, "inputs": []})
    refused(answer, "names no callback")
    assert "x" * 61 not in answer.text  # never echoes more than ~60 characters


def test_a_browser_side_callback_is_refused(
    server: Server, dependencies: list[dict[str, Any]]
) -> None:
    clientside = [d for d in dependencies if d.get("clientside_function")]
    assert clientside, "the app has clientside callbacks (the pages' title at least)"
    refused(server.post({"output": clientside[0]["output"], "inputs": []}), "browser")


def _nav_body(callbacks: list[Callback]) -> dict[str, Any]:
    nav = by_input(callbacks, "url", "pathname")
    assert len(nav.inputs) == 2, nav
    return well_formed_body(nav, {"url.pathname": "/", "url.search": "?lang=en"})


def test_the_example_body_is_answered(server: Server, callbacks: list[Callback]) -> None:
    """The control of the examples below: unchanged, it is answered."""
    answer = server.post(_nav_body(callbacks))
    assert answer.status == 200, answer
    assert "Overview" in answer.text


def test_inputs_of_the_wrong_count_are_refused(server: Server, callbacks: list[Callback]) -> None:
    body = _nav_body(callbacks)
    body["inputs"].append(body["inputs"][0])
    refused(server.post(body), '"inputs" has 3 items', "takes 2")
    body["inputs"] = []
    refused(server.post(body), '"inputs" has 0 items')
    del body["inputs"]
    refused(server.post(body), '"inputs"')


def test_inputs_that_are_not_a_list_are_refused(server: Server, callbacks: list[Callback]) -> None:
    body = _nav_body(callbacks)
    body["inputs"] = {"url.pathname": "/"}
    refused(server.post(body), '"inputs" is an object, not a list')
    body["inputs"] = "url.pathname"
    refused(server.post(body), '"inputs" is a string')


def test_an_input_of_the_wrong_id_or_property_is_refused(
    server: Server, callbacks: list[Callback]
) -> None:
    body = _nav_body(callbacks)
    body["inputs"][1]["id"] = "elsewhere"
    refused(server.post(body), '"inputs"[1]', "elsewhere", "expects")
    body = _nav_body(callbacks)
    body["inputs"][0]["property"] = "href"
    refused(server.post(body), '"inputs"[0]', "property", "pathname")
    body = _nav_body(callbacks)
    body["inputs"][0] = "url.pathname"
    refused(server.post(body), '"inputs"[0] is a string')
    body = _nav_body(callbacks)
    del body["inputs"][0]["id"]
    refused(server.post(body), '"inputs"[0] has no "id"')


def test_wrong_outputs_state_or_changed_ids_are_refused(
    server: Server, callbacks: list[Callback]
) -> None:
    body = _nav_body(callbacks)
    body["outputs"] = body["outputs"][:1]
    refused(server.post(body), '"outputs" has 1 item')
    body = _nav_body(callbacks)
    body["state"] = [{"id": "url", "property": "search", "value": ""}]
    refused(server.post(body), '"state" has 1 item', "takes 0")
    body = _nav_body(callbacks)
    body["changedPropIds"] = [{"id": "url"}]
    refused(server.post(body), '"changedPropIds"[0] is an object')


def test_a_pattern_matching_input_must_match_its_pattern(
    server: Server, callbacks: list[Callback]
) -> None:
    patterned = [c for c in callbacks if any(d.multi_valued() for d in c.inputs)]
    assert patterned, "the app has a pattern-matching callback (a click on any chart)"
    callback = patterned[0]
    body = well_formed_body(callback, {})
    index, dep = next((i, d) for i, d in enumerate(callback.inputs) if d.multi_valued())
    assert isinstance(dep.id, dict)
    concrete = {k: ("x" if isinstance(v, list) else v) for k, v in dep.id.items()}
    body["inputs"][index] = [{"id": concrete, "property": dep.prop, "value": None}]
    answer = server.post(body)
    assert answer.status in (200, 204), answer
    body["inputs"][index] = {"id": concrete, "property": dep.prop, "value": None}
    refused(server.post(body), "expects a list")
    body["inputs"][index] = [{"id": {**concrete, "extra": 1}, "property": dep.prop}]
    refused(server.post(body), "keys")
    fixed = next(k for k, v in dep.id.items() if not isinstance(v, list))
    body["inputs"][index] = [{"id": {**concrete, fixed: "other"}, "property": dep.prop}]
    refused(server.post(body), f'"{fixed}"')


def test_the_pages_router_gets_only_paths(server: Server, callbacks: list[Callback]) -> None:
    """Dash's router raises on values its browser side never sends: nothing to update."""
    router = by_input(callbacks, "_pages_location", "pathname")
    values: dict[str, object]
    for pathname, search in ((7, ""), ("growth", ""), ("", None), ("/", {"lang": "en"}), ([], "?")):
        values = {"_pages_location.pathname": pathname, "_pages_location.search": search}
        answer = server.post(well_formed_body(router, values))
        assert answer.status == 204, (pathname, search, answer)
    values = {"_pages_location.pathname": "/growth", "_pages_location.search": "?lang=en"}
    answer = server.post(well_formed_body(router, values))
    assert answer.status == 200, answer
    assert "growth-indicator" in answer.text


def test_other_routes_are_unchanged(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/growth?lang=en", timeout=60) as response:
        assert response.status == 200
    request = urllib.request.Request(server.url + "/_dash-layout", data=b"[]", method="POST")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=60)
    with raised.value as error:
        assert error.code == 405
