"""The real app under gunicorn (``dashboard.tools.running.running_app``) as the page and
download tests talk to it: plain GETs, and the pages router's answer for a URL.

``router_body(path, search)`` is the body the browser posts to render a page;
``ServedApp.page`` sends it and returns the page container's children (Dash's JSON of
components); ``ServedApp.get`` returns status, headers and body, errors included;
``serve(tmp_path_factory, name)`` runs it on a fresh SQLite store (filled from the shipped
datasets) for a module's fixture; ``stored_facts(database)`` reads ``Store.facts()`` of it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dashboard.tools.running import running_app
from loaders.store import Store

ROUTER = "/_dash-update-component"


def router_body(path: str, search: str) -> dict[str, Any]:
    """What the pages router is asked when the browser's location is ``path?search``."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, headers, body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class ServedApp:
    """The app at ``url``, its store in the SQLite file ``database``."""

    url: str
    database: Path

    def get(self, path: str) -> Answer:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return Answer(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            with error:
                return Answer(error.code, dict(error.headers.items()), error.read())

    def page(self, path: str, search: str) -> Any:
        """The page container's children as the pages router sends them for a URL."""
        request = urllib.request.Request(
            self.url + ROUTER,
            data=json.dumps(router_body(path, search)).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return json.loads(response.read())["response"]["_pages_content"]["children"]


def stored_facts(database: Path) -> list[dict[str, Any]]:
    """``Store.facts()`` of the SQLite store at ``database``."""
    store = Store(f"sqlite:///{database}")
    try:
        return store.facts()
    finally:
        store.close()


def serve(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[ServedApp]:
    """The app on a fresh store in a temporary folder called ``name``, until the generator
    is closed (for a module-scoped fixture: ``yield from serve(...)``)."""
    database = tmp_path_factory.mktemp(name) / "eim.sqlite"
    with running_app(database) as url:
        yield ServedApp(url, database)
