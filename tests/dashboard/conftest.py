"""Fixtures of the dashboard's tests.

The callback-body tests (``test_callback_bodies*.py``) share one real app under gunicorn
(``dashboard.tools.running.running_app``, started by the first test that asks for ``server``,
for the whole session, on a fresh SQLite store, with the editor's login configured): Dash hands
the callbacks registered at import (``dash.callback``) only to the first app that serves a
request in a process, and a test session makes many apps. ``dependencies`` and ``callbacks``
are what its ``/_dash-dependencies`` declares, ``plausible`` the values its pages really hold,
``signed_in`` the same app as the signed-in editor. ``own_callbacks`` empties Dash's global
callback registries for a test that builds an app of its own. ``postgres`` is a PostgreSQL
cluster of a test module's own, for the outage tests to stop and start.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from callback_requests import Callback, Callbacks, Plausible, Server, by_input, well_formed_body
from editor_client import EDITOR_ENV, EditorClient
from own_postgres import OwnPostgres, available

from dashboard.tools.running import running_app


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app under gunicorn with adding on, for the callback-body tests."""
    folder = tmp_path_factory.mktemp("callback-bodies")
    log = folder / "gunicorn.log"
    with running_app(folder / "eim.sqlite", env=EDITOR_ENV, log=log) as url:
        yield Server(url, log)


@pytest.fixture(scope="session")
def dependencies(server: Server) -> list[dict[str, Any]]:
    found = server.get_json("/_dash-dependencies")
    assert isinstance(found, list) and found
    return found


@pytest.fixture(scope="session")
def callbacks(dependencies: list[dict[str, Any]]) -> Callbacks:
    """The server-side callbacks (a clientside one is answered in the browser)."""
    return Callbacks(
        Callback.from_dependency(entry)
        for entry in dependencies
        if not entry.get("clientside_function")
    )


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def signed_in(server: Server) -> Server:
    """The same app, as the signed-in editor (so the Add page's callback reads its values)."""
    editor = EditorClient(server.url)
    assert editor.login().status_code == 303
    return Server(server.url, server.log, server.log.stat().st_size, editor.cookies()["Cookie"])


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


@pytest.fixture(scope="module")
def postgres() -> Iterator[OwnPostgres]:
    """A PostgreSQL cluster of the test module's own, to stop and start under a running
    server (the outage tests); skipped where none can be started, removed at the end."""
    reason = available()
    if reason:
        pytest.skip(reason)
    cluster = OwnPostgres.start()
    try:
        yield cluster
    finally:
        cluster.remove()
