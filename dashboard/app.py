"""The Dash app factory. gunicorn serves ``dashboard.app:server`` (see the Procfile).

    create_app() -> Dash    the app with every page registered explicitly
    server                  its Flask server, for gunicorn

Nothing here opens the database: ``dashboard.data`` opens it on first use, in each worker.
"""

from __future__ import annotations

import dash

from dashboard import shell

#: The page modules, registered in this order (Dash's automatic discovery is not used).
PAGE_MODULES = ("overview", "growth", "products", "regions", "data_page", "bulletins", "add")


def create_app() -> dash.Dash:
    """A new app with its pages, the shell layout and the download routes."""
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder="",
        title="电子信息制造业运行监测 · EIM Monitor",
        suppress_callback_exceptions=True,
        serve_locally=True,
        compress=True,
    )
    import importlib

    for name in PAGE_MODULES:
        importlib.import_module(f"dashboard.pages.{name}").register()
    importlib.import_module("dashboard.clicks")  # a click on any chart opens its source
    app.layout = shell.layout
    from dashboard.server import auth, callback_guard, compression, downloads, response_cache

    downloads.register(app.server)
    compression.register(app.server)
    callback_guard.register(app)
    auth.register(app.server)
    response_cache.register(app)
    return app


app = create_app()
server = app.server
