"""The Dash app factory. gunicorn serves ``dashboard.app:server`` (see the Procfile).

    create_app() -> Dash    the app with every page registered explicitly
    server                  its Flask server, for gunicorn

Everything the app is made of is put together here, in order: the pages of
``dashboard.routes.PAGES``, the chart-click callback, the shell layout, then the server
plumbing of ``dashboard.server`` (security headers and size limits, downloads, gzip, the
callback guard, the editor login, the response cache). Nothing here opens the database:
``dashboard.data`` opens it on first use, in each worker. First of all, ``dashboard.lean``
keeps each worker's memory down (pandas without pyarrow, glibc's malloc thresholds fixed).
"""

from __future__ import annotations

from dashboard import lean

lean.apply()  # before anything imports pandas: keeps pyarrow out of the worker

import importlib  # noqa: E402
from collections.abc import Callable  # noqa: E402

import dash  # noqa: E402
import flask  # noqa: E402
from dash.exceptions import MissingCallbackContextException  # noqa: E402

from dashboard import outage, routes, shell  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.server import (  # noqa: E402
    auth,
    callback_guard,
    chart_downloads,
    component_suites,
    compression,
    downloads,
    origin_check,
    response_cache,
    security,
)

#: ``dash.register_page`` has no annotations; it is called through this typed name.
_register_page: Callable[..., None] = dash.register_page


def request_lang() -> str:
    """The language of the page being served: from the query string of the page request, or,
    inside Dash's routing callback (a POST that carries the address), from its search."""
    try:
        search = dash.ctx.inputs.get("_pages_location.search")
    except (MissingCallbackContextException, LookupError):
        # no callback: the page request itself (LookupError: in a thread of a gthread
        # worker that never ran a callback, Dash's context variable is not even set)
        search = None
    if search is None and flask.has_request_context():
        search = "?" + flask.request.query_string.decode("utf-8", "replace")
    return shell.lang_of_search(search)


def page_title(page: routes.Page) -> Callable[..., str]:
    """The browser tab's title of ``page`` in the language of the request."""

    def title(**_: object) -> str:
        return f"{t(page.label, request_lang())} · EIM Monitor"

    return title


def register_page(page: routes.Page) -> None:
    """Register ``dashboard.pages.<page.module>`` (its ``layout``) at ``page.path``, titled
    with its name in the request's language (Dash's automatic discovery is not used).
    Importing the module registers its callbacks."""
    module = importlib.import_module(f"dashboard.pages.{page.module}")
    _register_page(
        module.__name__,
        path=page.path,
        name=page.name,
        title=page_title(page),
        layout=module.layout,
    )


def create_app() -> dash.Dash:
    """A new app with its pages, the shell layout and the server's routes and hooks."""
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder="",
        title="电子信息制造业运行监测 · EIM Monitor",
        suppress_callback_exceptions=True,
        serve_locally=True,
        compress=True,
        on_error=outage.on_callback_error,  # the database down: a banner, then the page
    )
    for page in routes.PAGES:
        register_page(page)
    importlib.import_module("dashboard.clicks")  # its callback opens a clicked point's source
    app.layout = shell.layout
    # The server plumbing; after-request hooks run in the reverse of this order.
    security.register(app.server)
    downloads.register(app.server)
    chart_downloads.register(app.server)
    component_suites.register(app.server)
    compression.register(app.server)
    callback_guard.register(app)
    auth.register(app.server)
    response_cache.register(app)
    outage.register(app.server)
    origin_check.register(app.server)  # first of the before-request hooks, whenever added
    return app


app = create_app()
server = app.server
