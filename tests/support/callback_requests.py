"""Hand-made callback requests to the app (``dashboard.server.callback_guard``), as the tests of
``tests/dashboard/test_callback_bodies*.py`` send them.

``Server`` posts a body (JSON, or raw bytes) to the app's ``/_dash-update-component`` and gives
an ``Answer`` (status, media type, text), and reads what gunicorn logged since last asked.
``Callback``/``Dep`` are the app's callbacks as ``/_dash-dependencies`` declares them (ids are
strings or pattern dicts); ``Plausible`` collects the values the app's controls really hold
(by component id) and its page paths from rendered layouts; ``well_formed_body`` makes the body
of the declared shape with one value per dependency.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROUTE = "/_dash-update-component"
REFUSED = "Bad callback request:"
FAILED = "This request could not be answered:"


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
