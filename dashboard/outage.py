"""The database is down: pages say so and come back by themselves; downloads answer 503.

What an outage is: ``loaders.store.failures.is_outage`` (the database cannot be reached, or
dropped the connection). Everything else stays an error as before.

    banner(), poll()        in the shell (``dashboard.shell.layout``): a hidden banner
                            (``ids.OUTAGE_BANNER``, role="alert") and a stopped
                            ``dcc.Interval`` (``ids.OUTAGE_POLL``, every ``POLL_MS``)
    on_callback_error(e)    the app's ``on_error``: a callback (a page's layout through
                            Dash's router, a chart …) that met an outage shows the banner in
                            the page's language and starts the poll, updating nothing else
                            (one warning line in the log, no traceback); any other error is
                            raised again, for ``dashboard.server.callback_guard``
    recover (a callback)    on each tick, asks the store for its version; once it answers,
                            hides the banner, stops the poll and renders the page of the
                            address again (``dash.page_registry``), without a reload
    register(server)        downloads (``/data/…``, ``/chart/…``) and any other plain
                            request that meets an outage answer 503, text/plain, one line,
                            with ``Retry-After: RETRY_AFTER_S`` (no traceback in the log)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final

import dash
from dash import Input, Output, State, callback, dcc, html
from flask import Flask, Response, request

from dashboard import data, ids
from dashboard.i18n import lang_of, t

#: How often (ms) the page asks whether the database is back, while it is down.
POLL_MS: Final = 3000
#: Seconds a client is told to wait before asking again (the ``Retry-After`` of a 503).
RETRY_AFTER_S: Final = 5
#: Dash's pages router: its address and content (``dash.dash._ID_LOCATION``/``_ID_CONTENT``).
PAGES_LOCATION: Final = "_pages_location"
PAGES_CONTENT: Final = "_pages_content"
UNAVAILABLE: Final = (
    "The database cannot be reached just now: try again in a few seconds "
    f"(Retry-After: {RETRY_AFTER_S})."
)

log = logging.getLogger("dashboard.outage")
#: ``dash.get_app`` has no annotations; it is called through this typed name.
_get_app: Callable[[], dash.Dash] = dash.get_app


def banner() -> html.Div:
    """The banner, hidden until an outage."""
    return html.Div(id=ids.OUTAGE_BANNER, hidden=True, role="alert", className="outage-banner")


def poll() -> dcc.Interval:
    """The interval that asks whether the database is back; stopped until an outage."""
    return dcc.Interval(id=ids.OUTAGE_POLL, interval=POLL_MS, disabled=True)


def _lang() -> str:
    """The page's language, from the address a callback carries (``?lang=en``), else zh."""
    from dashboard.shell import lang_of_search

    for values in (dash.ctx.inputs, dash.ctx.states):
        for key in (f"{PAGES_LOCATION}.search", f"{ids.URL}.search"):
            if isinstance(values.get(key), str):
                return lang_of_search(values[key])
    referrer = request.referrer or ""
    return lang_of_search("?" + referrer.partition("?")[2]) if "?" in referrer else lang_of("")


def on_callback_error(error: Exception) -> None:
    """Dash's ``on_error`` for every callback (see the module doc)."""
    if not data.is_outage(error):
        raise error
    log.warning(
        "the database cannot be reached (callback %s): %s",
        dash.ctx.outputs_list if dash.ctx else "?",
        str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
    )
    dash.set_props(ids.OUTAGE_BANNER, {"children": t("outage.banner", _lang()), "hidden": False})
    dash.set_props(ids.OUTAGE_POLL, {"disabled": False})


def _page_layout(pathname: object, search: object) -> Any:
    """The layout of the registered page at ``pathname`` for the query ``search``, as Dash's
    router renders it; ``dash.no_update`` for an address that is no page."""
    from dashboard.shell import query_of

    app = _get_app()
    path = "/" + str(app.strip_relative_path(pathname if isinstance(pathname, str) else "/") or "")
    for page in dash.page_registry.values():
        if page["path"] == path:
            layout = page["layout"]
            return (
                layout(**query_of(search if isinstance(search, str) else ""))
                if callable(layout)
                else layout
            )
    return dash.no_update


@callback(
    Output(ids.OUTAGE_BANNER, "hidden", allow_duplicate=True),
    Output(ids.OUTAGE_POLL, "disabled", allow_duplicate=True),
    Output(PAGES_CONTENT, "children", allow_duplicate=True),
    Input(ids.OUTAGE_POLL, "n_intervals"),
    State(PAGES_LOCATION, "pathname"),
    State(PAGES_LOCATION, "search"),
    prevent_initial_call=True,
)
def recover(_ticks: object, pathname: object, search: object) -> tuple[object, object, object]:
    """While the banner shows: once the store answers, the page again (see the module doc)."""
    try:
        data.store().version()
        content = _page_layout(pathname, search)
    except Exception as error:
        if data.is_outage(error):
            return dash.no_update, dash.no_update, dash.no_update
        raise
    return True, True, content


def _unavailable(error: Exception) -> Response:
    """503 with Retry-After for a request that met an outage; anything else: a 500."""
    if not data.is_outage(error):
        raise error
    log.warning("the database cannot be reached (%s %s)", request.method, request.path)
    response = Response(UNAVAILABLE + "\n", status=503, mimetype="text/plain")
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response


def register(server: Flask) -> None:
    """Answer a plain request that meets an outage with a 503 (see the module doc)."""
    from sqlalchemy.exc import DBAPIError

    from loaders.errors import StoreFailure

    server.register_error_handler(DBAPIError, _unavailable)
    server.register_error_handler(StoreFailure, _unavailable)
    try:  # a driver's error met outside SQLAlchemy (``Store.version``'s own connection)
        import psycopg
    except ImportError:
        return
    server.register_error_handler(psycopg.OperationalError, _unavailable)
    server.register_error_handler(psycopg.InterfaceError, _unavailable)
