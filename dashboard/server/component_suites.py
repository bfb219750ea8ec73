"""A path under ``/_dash-component-suites/`` that names no file Dash serves gets a 404, never a
500 with a traceback.

Dash serves its JavaScript at ``/_dash-component-suites/<package>/<path>`` and refuses any
package or path it did not register (``..%2f..%2fetc%2fpasswd``, ``%2e%2e/x.js``, a typo) by
raising ``dash.exceptions.DependencyException``, which Flask answers as a 500 and logs with
its traceback. ``register(server)`` turns that exception into a 404, text/plain, one sentence
naming the path (at most ``download_query.SHOWN`` characters of it), logged by nobody: nothing
was read from the disk, so there is nothing to report.
"""

from __future__ import annotations

from typing import Final

from dash.exceptions import DependencyException
from flask import Flask, Response, request

from dashboard.server.download_query import shown

#: Where Dash serves the JavaScript of its components.
PREFIX: Final = "/_dash-component-suites/"


def not_served(error: DependencyException) -> Response:
    """The 404 for a component path Dash does not serve."""
    message = (
        f"No such file: {shown(request.path)} is not a script this dashboard serves "
        f"(its pages load them from {PREFIX}<package>/<file>)."
    )
    return Response(message + "\n", status=404, mimetype="text/plain")


def register(server: Flask) -> None:
    """Answer Dash's refusal of a component path with a 404 instead of a 500."""
    server.register_error_handler(DependencyException, not_served)
