"""Hand-made callback requests (``dashboard.server.callback_guard``): a 4xx naming what is wrong for
a body of the wrong shape, a 200 or 204 for a well-formed one whatever its values, never a 5xx.

Most tests post to the real app under gunicorn (``dashboard.tools.screenshots.running_app``, once
for the module, on a fresh SQLite store): Dash hands the callbacks registered at import
(``dash.callback``) only to the first app that serves a request in a process, and a test
session makes many apps. The callbacks come from ``/_dash-dependencies``, so a page added
later is covered without a change here. Bodies:

    examples      a list, not JSON, no "output", an unknown or browser-side output, inputs
                  of the wrong count or type, a wrong id or property -> 400, text/plain
    well-formed   the declared shape with generated values (hostile and plausible ones:
                  real option values, URL queries, paths) -> 200 or 204, nothing logged
    malformed     generated JSON and mutations of a good body -> never a 5xx, and a 400
                  only from the guard (no crashing callback behind it)

Pattern-matching shapes (MATCH, ALLSMALLER) and the safety net (a crashing callback) are
checked in-process on small apps of their own, built with ``app.callback``.
"""

from __future__ import annotations

import base64
import json
import logging
import string
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import dash
import pytest
from dash import ALL, ALLSMALLER, MATCH, Input, Output, State, html
from editor_client import EDITOR_ENV, EditorClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import ids
from dashboard.server import callback_guard
from dashboard.tools.screenshots import running_app

ENV = EDITOR_ENV
ROUTE = "/_dash-update-component"
REFUSED = "Bad callback request:"
FAILED = "This request could not be answered:"
PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True)
class Answer:
    status: int
    mimetype: str
    text: str


@dataclass
class Server:
    """The app under gunicorn: its base URL and its log (read from where it was left)."""

    url: str
    log: Path
    _read: int = field(default=0)
    #: The Cookie header sent with every request ("" for an anonymous visitor).
    cookie: str = ""

    def post(self, body: object, *, raw: bytes | None = None, content_type: str = "") -> Answer:
        data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        request = urllib.request.Request(
            self.url + ROUTE,
            data=data,
            method="POST",
            headers={
                "Content-Type": content_type or "application/json",
                **({"Cookie": self.cookie} if self.cookie else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Answer(
                    response.status,
                    response.headers.get_content_type(),
                    response.read().decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as error:
            with error:
                return Answer(
                    error.code,
                    error.headers.get_content_type(),
                    error.read().decode("utf-8", "replace"),
                )

    def get_json(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return json.loads(response.read())

    def new_log(self) -> str:
        """What gunicorn logged since the last call."""
        with self.log.open("rb") as handle:
            handle.seek(self._read)
            text = handle.read()
        self._read += len(text)
        return text.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("callback-bodies")
    log = folder / "gunicorn.log"
    with running_app(folder / "eim.sqlite", env=ENV, log=log) as url:
        yield Server(url, log)


# --- The callbacks, as /_dash-dependencies declares them -------------------------------


@dataclass(frozen=True)
class Dep:
    """A declared dependency: a string id, or a pattern id (dict; wildcards ``["ALL"]`` …)."""

    id: str | dict[str, Any]
    prop: str

    @classmethod
    def parse(cls, id_: str, prop: str) -> Dep:
        return cls(json.loads(id_) if id_.startswith("{") else id_, prop)

    def wildcard(self) -> str | None:
        if isinstance(self.id, str):
            return None
        found = [v[0] for v in self.id.values() if isinstance(v, list)]
        for kind in ("ALL", "ALLSMALLER", "MATCH"):
            if kind in found:
                return kind
        return None

    def multi_valued(self) -> bool:
        return self.wildcard() in ("ALL", "ALLSMALLER")


@dataclass(frozen=True)
class Callback:
    output: str
    outputs: tuple[Dep, ...]
    multi_output: bool
    no_output: bool
    inputs: tuple[Dep, ...]
    state: tuple[Dep, ...]

    @classmethod
    def from_dependency(cls, entry: Mapping[str, Any]) -> Callback:
        output = str(entry["output"])
        multi = output.startswith("..")
        parts = output[2:-2].split("...") if multi else [output]
        outputs = tuple(Dep.parse(*part.rsplit(".", 1)) for part in parts)
        return cls(
            output=output,
            outputs=() if entry.get("no_output") else outputs,
            multi_output=multi,
            no_output=bool(entry.get("no_output")),
            inputs=tuple(Dep.parse(d["id"], d["property"]) for d in entry["inputs"]),
            state=tuple(Dep.parse(d["id"], d["property"]) for d in entry["state"]),
        )


@pytest.fixture(scope="module")
def dependencies(server: Server) -> list[dict[str, Any]]:
    found = server.get_json("/_dash-dependencies")
    assert isinstance(found, list) and found
    return found


@pytest.fixture(scope="module")
def callbacks(dependencies: list[dict[str, Any]]) -> Callbacks:
    """The server-side callbacks (a clientside one is answered in the browser)."""
    return Callbacks(
        Callback.from_dependency(entry)
        for entry in dependencies
        if not entry.get("clientside_function")
    )


def by_input(callbacks: list[Callback], component: str, prop: str) -> Callback:
    return next(c for c in callbacks if Dep(component, prop) in c.inputs)


# --- Plausible values, read from the app's own pages -----------------------------------


class Callbacks(list["Callback"]):
    """The app's callbacks (shown short in hypothesis's reports)."""

    def __repr__(self) -> str:
        return f"<{len(self)} callbacks>"


@dataclass
class Plausible:
    """Values the app's controls really hold (by component id) and its page paths."""

    values: dict[str, list[Any]] = field(default_factory=dict)
    paths: list[str] = field(default_factory=lambda: ["/", "/add", "/nope", "/growth/"])

    def __repr__(self) -> str:
        return f"<values of {len(self.values)} components, {len(self.paths)} paths>"

    def collect(self, tree: object) -> None:
        """Every component's options and value, and every link's path, in a layout."""
        if isinstance(tree, list):
            for item in tree:
                self.collect(item)
            return
        if not isinstance(tree, dict):
            return
        props = tree.get("props")
        if isinstance(props, dict):
            component = props.get("id")
            if isinstance(component, str):
                found = self.values.setdefault(component, [])
                for option in props.get("options") or []:
                    found.append(option.get("value") if isinstance(option, dict) else option)
                if "value" in props:
                    found.append(props["value"])
            href = props.get("href")
            if isinstance(href, str) and href.startswith("/"):
                path = urlsplit(href).path
                if path not in self.paths:
                    self.paths.append(path)
        for value in tree.values():
            self.collect(value)


def well_formed_body(
    callback: Callback, values: Mapping[str, Any], changed: int = 0
) -> dict[str, Any]:
    """A body for ``callback`` with one value per (non-wildcard) dependency."""

    def item(dep: Dep) -> Any:
        if dep.multi_valued():
            return []
        return {"id": dep.id, "property": dep.prop, "value": values.get(f"{dep.id}.{dep.prop}")}

    def output_item(dep: Dep) -> Any:
        return [] if dep.multi_valued() else {"id": dep.id, "property": dep.prop}

    outputs = [output_item(dep) for dep in callback.outputs]
    body: dict[str, Any] = {
        "output": callback.output,
        "inputs": [item(dep) for dep in callback.inputs],
        "state": [item(dep) for dep in callback.state],
        "changedPropIds": [f"{d.id}.{d.prop}" for d in callback.inputs[changed : changed + 1]],
    }
    if not callback.no_output:
        body["outputs"] = outputs if callback.multi_output else outputs[0]
    return body


@pytest.fixture(scope="module")
def plausible(server: Server, callbacks: list[Callback]) -> Plausible:
    """Option values and paths of every page, rendered through Dash's pages router."""
    found = Plausible()
    found.collect(server.get_json("/_dash-layout"))
    router = by_input(callbacks, "_pages_location", "pathname")
    nav = by_input(callbacks, "url", "pathname")
    seen: set[str] = set()
    for lang in ("zh", "en"):
        answer = server.post(
            well_formed_body(nav, {"url.pathname": "/", "url.search": f"?lang={lang}"})
        )
        assert answer.status == 200, answer.text
        found.collect(json.loads(answer.text))
    while pending := [p for p in found.paths if p not in seen]:
        for path in pending:
            seen.add(path)
            body = well_formed_body(
                router, {"_pages_location.pathname": path, "_pages_location.search": ""}
            )
            answer = server.post(body)
            assert answer.status == 200, (path, answer.text)
            found.collect(json.loads(answer.text))
    assert found.values, "no control found on the pages"
    return found


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


# --- Generated values ------------------------------------------------------------------

HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "x" * 5000,
    "电子信息制造业" * 700,
    "\x00\x01\x1b[31m\u202e\ufeff",
    '=HYPERLINK("http://example.com")',
    "' OR 1=1 --",
    "../../../etc/passwd",
    "NaN",
    "Infinity",
    "1e309",
    "2024-13",
    "0000-00",
    "{{7*7}}",
    "%00%ff",
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**53 + 1, 2**63, -(2**63) - 1, 10**100, -(10**100)]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.text(CJK, max_size=20),
    st.sampled_from(HOSTILE_TEXT),
)
KEYS = st.text(max_size=10) | st.sampled_from(["id", "value", "points", "customdata"])
NESTED_1 = st.lists(SCALARS, max_size=4) | st.dictionaries(KEYS, SCALARS, max_size=4)
JSON_VALUES = st.one_of(
    SCALARS,
    NESTED_1,
    st.lists(SCALARS | NESTED_1, max_size=3),
    st.dictionaries(KEYS, SCALARS | NESTED_1, max_size=3),
)
QUERY_KEYS = (
    "lang",
    "indicator",
    "basis",
    "years",
    "period",
    "product",
    "region",
    "segment",
    "measure",
    "start",
    "end",
    "derived",
    "as_of",
    "bulletin",
    "value",
    "login",
)
SHA256 = st.text("0123456789abcdef", min_size=64, max_size=64)
PERIODS = st.from_regex(r"\A20(1[5-9]|2[0-6])-(0[1-9]|1[0-2])\Z")


def query_strings(options: list[Any]) -> st.SearchStrategy[str]:
    """``?lang=en&x=1`` style strings, with real option values among the values."""
    value = st.one_of(
        st.sampled_from(["en", "zh", "xx", ""]),
        st.sampled_from([str(o) for o in options] or ["1"]),
        PERIODS,
        st.text(max_size=20),
        st.sampled_from(HOSTILE_TEXT),
    )
    pairs = st.lists(st.tuples(st.sampled_from(QUERY_KEYS) | st.text(max_size=8), value))
    return st.one_of(
        pairs.map(lambda kv: "?" + urlencode(kv) if kv else ""),
        st.sampled_from(["?lang=en&x=1", "?lang=en&lang=zh", "?%ff%fe=%00", "?=&&=", "?"]),
    )


def click_data() -> st.SearchStrategy[dict[str, Any]]:
    """A chart click as plotly sends it: points whose customdata is [text, sha256, period]."""
    point = st.fixed_dictionaries(
        {
            "x": PERIODS | st.text(max_size=10),
            "y": st.floats(allow_nan=False, allow_infinity=False) | st.integers(),
            "customdata": st.lists(st.text(max_size=20) | SHA256 | PERIODS, max_size=4),
            "curveNumber": st.integers(0, 5),
        }
    )
    return st.fixed_dictionaries({"points": st.lists(point, max_size=25)})


def upload_contents() -> st.SearchStrategy[str]:
    encoded = (st.binary(max_size=200) | st.text().map(str.encode)).map(
        lambda raw: base64.b64encode(raw).decode()
    )
    media = st.sampled_from(["text/plain", "application/pdf", "text/html", "image/png", ""])
    return st.builds(lambda m, e: f"data:{m};base64,{e}", media, encoded) | st.text(max_size=30)


def plausible_values(dep: Dep, known: Plausible) -> st.SearchStrategy[Any]:
    """Values a real browser could send for ``dep``."""
    options: list[Any] = []
    if isinstance(dep.id, str):
        options = [o for o in known.values.get(dep.id, []) if o is not None]
    all_options = [o for found in known.values.values() for o in found if isinstance(o, str)]
    real: list[st.SearchStrategy[Any]] = []
    if options:
        choice = st.sampled_from(options)
        real += [choice, st.lists(choice, max_size=3)]
    by_property: dict[str, st.SearchStrategy[Any]] = {
        "search": query_strings(options or all_options),
        "pathname": st.sampled_from(known.paths) | st.text(max_size=20).map(lambda t: "/" + t),
        "n_clicks": st.none() | st.integers(0, 10),
        "clickData": st.none() | click_data(),
        "contents": st.none() | upload_contents(),
        "filename": st.sampled_from(["bulletin.txt", "a.pdf", "../../x", "", "电子.html"]),
        "data": st.none() | st.dictionaries(st.text(max_size=8), SCALARS, max_size=3),
    }
    if dep.prop in by_property:
        real.append(by_property[dep.prop])
    real.append(st.sampled_from(all_options or [""]))
    return st.one_of(*real)


def value_for(dep: Dep, known: Plausible) -> st.SearchStrategy[Any]:
    return JSON_VALUES | plausible_values(dep, known)


ID_VALUES = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=12)


def concrete_id(pattern: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """An id matching ``pattern``: its fixed values, and a value for each wildcard."""
    return st.fixed_dictionaries(
        {
            key: (ID_VALUES | st.integers(0, 99) | st.sampled_from(["growth", "overview"]))
            if isinstance(value, list)
            else st.just(value)
            for key, value in pattern.items()
        }
    )


def stringify_id(id_: str | dict[str, Any]) -> str:
    """The id as Dash writes it in a prop id (sorted keys, no spaces)."""
    if isinstance(id_, str):
        return id_
    return "{" + ",".join(f"{json.dumps(k)}:{json.dumps(id_[k])}" for k in sorted(id_)) + "}"


@st.composite
def dependency_item(draw: st.DrawFn, dep: Dep, known: Plausible, *, output: bool) -> Any:
    """One entry of "inputs", "state" or "outputs" for ``dep``, as the renderer sends it."""

    def one(id_: str | dict[str, Any]) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": id_, "property": dep.prop}
        if not output:
            entry["value"] = draw(value_for(dep, known), label=f"{stringify_id(id_)}.{dep.prop}")
        return entry

    if isinstance(dep.id, str):
        return one(dep.id)
    if dep.multi_valued():
        ids = draw(st.lists(concrete_id(dep.id), max_size=3, unique_by=stringify_id))
        return [one(i) for i in ids]
    return one(draw(concrete_id(dep.id)))


@st.composite
def well_formed_bodies(draw: st.DrawFn, callback: Callback, known: Plausible) -> dict[str, Any]:
    inputs = [draw(dependency_item(dep, known, output=False)) for dep in callback.inputs]
    state = [draw(dependency_item(dep, known, output=False)) for dep in callback.state]
    changed = [
        f"{stringify_id(entry['id'])}.{entry['property']}"
        for item in inputs
        for entry in (item if isinstance(item, list) else [item])
    ]
    body: dict[str, Any] = {
        "output": callback.output,
        "inputs": inputs,
        "changedPropIds": [draw(st.sampled_from(changed))] if changed else [],
    }
    send_empty_state = draw(st.booleans())  # the renderer leaves an empty "state" out
    if state or send_empty_state:
        body["state"] = state
    if not callback.no_output:
        outputs = [draw(dependency_item(dep, known, output=True)) for dep in callback.outputs]
        body["outputs"] = outputs if callback.multi_output else outputs[0]
    return body


def shown(body: object, answer: Answer, logged: str = "") -> str:
    """A failing example: the body (cut), the answer, the end of what gunicorn logged."""
    return f"{json.dumps(body, ensure_ascii=False)[:2000]}\n{answer}\n{logged[-4000:]}"


@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_callback_answers_a_well_formed_body(
    server: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    callback = data.draw(st.sampled_from(callbacks), label="callback")
    body = data.draw(well_formed_bodies(callback, plausible), label="body")
    answer = server.post(body)
    logged = server.new_log()  # the callback logs before it answers
    assert answer.status in (200, 204), shown(body, answer, logged)
    assert "Traceback" not in logged, shown(body, answer, logged)


@pytest.fixture(scope="module")
def signed_in(server: Server) -> Server:
    """The same app, as the signed-in editor (so the Add page's callback reads its values)."""
    editor = EditorClient(server.url)
    assert editor.login().status_code == 303
    return Server(server.url, server.log, server.log.stat().st_size, editor.cookies()["Cookie"])


@PROPERTY_SETTINGS
@given(data=st.data())
def test_the_add_callback_answers_a_signed_in_editor_whatever_the_values(
    signed_in: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    add = next(c for c in callbacks if f"{ids.ADD_PENDING}.data" in c.output)
    body = data.draw(well_formed_bodies(add, plausible), label="body")
    answer = signed_in.post(body)
    logged = signed_in.new_log()
    assert answer.status in (200, 204), shown(body, answer, logged)
    assert "not signed in" not in answer.text, "the session was not used"
    assert "Traceback" not in logged, shown(body, answer, logged)


# --- Malformed bodies --------------------------------------------------------------------

ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)
TOP_KEYS = ("output", "outputs", "inputs", "state", "changedPropIds")


def _mutate_list(draw: st.DrawFn, items: list[Any]) -> list[Any]:
    kind = draw(st.sampled_from(["drop", "repeat", "junk", "item"]))
    items = list(items)
    if kind == "drop" and items:
        del items[draw(st.integers(0, len(items) - 1))]
    elif kind == "repeat" and items:
        items.append(items[draw(st.integers(0, len(items) - 1))])
    elif kind == "item" and items:
        index = draw(st.integers(0, len(items) - 1))
        items[index] = _mutate_item(draw, items[index])
    else:
        items.insert(draw(st.integers(0, len(items))), draw(ANY_JSON))
    return items


def _mutate_item(draw: st.DrawFn, item: Any) -> Any:
    if isinstance(item, list):
        return _mutate_list(draw, item) if item else draw(st.just({}) | ANY_JSON)
    if not isinstance(item, dict):
        return draw(ANY_JSON)
    item = dict(item)
    key = draw(st.sampled_from(["id", "property"]))
    if draw(st.booleans()):
        item.pop(key, None)
    else:
        item[key] = draw(ANY_JSON | st.text(max_size=10))
    return item


@st.composite
def malformed_bodies(draw: st.DrawFn, callbacks: list[Callback], known: Plausible) -> object:
    if draw(st.integers(0, 4)) == 0:
        return draw(ANY_JSON)
    callback = draw(st.sampled_from(callbacks))
    body = draw(well_formed_bodies(callback, known))
    key = draw(st.sampled_from(TOP_KEYS))
    how = draw(st.sampled_from(["remove", "replace", "mutate", "other output"]))
    if how == "remove":
        body.pop(key, None)
    elif how == "replace":
        body[key] = draw(ANY_JSON)
    elif how == "other output":
        body["output"] = draw(st.sampled_from([c.output for c in callbacks]))
    elif isinstance(body.get(key), list):
        body[key] = _mutate_list(draw, body[key])
    else:
        body[key] = _mutate_item(draw, body.get(key))
    return body


@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_malformed_body_never_gets_a_server_error(
    server: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    body = data.draw(malformed_bodies(callbacks, plausible), label="body")
    answer = server.post(body)
    logged = server.new_log()
    assert answer.status < 500, shown(body, answer, logged)
    if answer.status == 400:  # refused by the guard, not a callback failing behind it
        assert answer.text.startswith(REFUSED), shown(body, answer, logged)
        assert answer.mimetype == "text/plain"
    else:
        assert answer.status in (200, 204), shown(body, answer, logged)
    assert "Traceback" not in logged, shown(body, answer, logged)


def test_the_log_has_no_traceback(server: Server) -> None:
    """After everything above (run in file order): no callback crashed."""
    assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")


# --- In-process: pattern-matching shapes and the safety net ------------------------------


@pytest.fixture
def own_callbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dash gives the callbacks registered with ``dash.callback`` (the dashboard's pages,
    once imported) to the first app that serves a request: an app made here gets empty
    global registries instead, and the real ones are left for the tests that need them."""
    from dash import _callback

    for name, empty in (
        ("GLOBAL_CALLBACK_MAP", {}),
        ("GLOBAL_CALLBACK_LIST", []),
        ("GLOBAL_INLINE_SCRIPTS", []),
        ("GLOBAL_API_PATHS", {}),
    ):
        monkeypatch.setattr(_callback, name, empty)


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
