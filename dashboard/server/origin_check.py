"""CSRF protection: a state-changing request (any POST, PUT, PATCH or DELETE: the sign-in and
sign-out forms, every Dash callback, the Add page's preview and confirm among them) from
another origin is refused with 403.

A browser names the page a request comes from: ``Origin`` on every cross-origin POST (also
on a form post and on fetch), else ``Referer``. The request passes when the one it sends
names this server's host (``Host``, as the reverse proxy passes it on); ``Origin: null``
(a sandboxed frame, a ``data:`` page) never does. A request with neither comes from no
browser page (a script, curl, the tests' clients), which cross-site request forgery needs,
and passes: its sender holds the cookie it sends, if any. Together with the session
cookie's ``SameSite=Strict`` this also stops another port or subdomain of the same site.
"""

from __future__ import annotations

import logging
from typing import Final
from urllib.parse import urlsplit

from flask import Flask, Response, request

EXTENSION: Final = "eim_origin_check"
UNSAFE_METHODS: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSED: Final = (
    "Cross-origin request refused: this form or callback only works from this site's own pages."
)

log = logging.getLogger(__name__)


def _host_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


def same_origin(origin: str | None, referer: str | None, host: str) -> bool:
    """Whether the request's ``Origin`` (else ``Referer``) names ``host`` (``name[:port]``);
    True when it sends neither."""
    named = origin if origin is not None else referer
    if named is None:
        return True
    return _host_of(named.strip()) == host.lower()


def check_origin() -> Response | None:
    """Flask ``before_request``: None to go on, or the 403 answer."""
    if request.method not in UNSAFE_METHODS:
        return None
    origin, referer = request.headers.get("Origin"), request.headers.get("Referer")
    if same_origin(origin, referer, request.host):
        return None
    log.warning(
        "refused a cross-origin %s %s (Origin %r, Referer %r, Host %r)",
        request.method,
        request.path,
        origin,
        referer,
        request.host,
    )
    return Response(REFUSED + "\n", status=403, mimetype="text/plain")


def register(server: Flask) -> None:
    """Check every request's origin before anything else answers it (once per server)."""
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    server.before_request_funcs.setdefault(None, []).insert(0, check_origin)
