"""Hypothesis strategies for callback request bodies (``tests/dashboard/test_callback_bodies*``):
values of every kind JSON can carry, hostile texts, plausible values of the app's own controls
(option values, URL queries, page paths, chart clicks, uploads), well-formed bodies of a
declared callback (``well_formed_bodies``) and malformed ones (``malformed_bodies``: any JSON,
or a well-formed body with one part removed, replaced or mutated).
"""

from __future__ import annotations

import base64
import json
import string
from typing import Any
from urllib.parse import urlencode

from callback_requests import Callback, Dep, Plausible
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


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
