"""Security settings of the Flask server under the Dash app (Dash sets none by default).

    register(server)   once per server (a second call does nothing):
        MAX_CONTENT_LENGTH   6 MB unless already set: a larger request body gets a 413
                             (``dcc.Upload(max_size=…)`` is enforced only in the browser;
                             the Add bulletin page's largest request, a 1 MB upload as
                             base64 with a full paste box and the previous draft, is ~4 MB)
        on every response    X-Content-Type-Options: nosniff, X-Frame-Options: SAMEORIGIN,
                             Referrer-Policy and a Content-Security-Policy; an embed of a
                             chart page (``/growth?embed=1``) may be framed by any site

The policy allows only the app's own origin. Dash needs two exceptions: ``'unsafe-eval'``
in script-src (the renderer and plotly.js build functions at run time) and
``'unsafe-inline'`` in style-src (React's and plotly's inline styles). Dash's index page
carries a few inline scripts (the renderer's start, clientside callbacks): rather than
allowing every inline script, each HTML response's own inline scripts are allowed by their
sha256 hash, computed from the page as served, so a clientside callback added later needs
no change here. ``data:`` and ``blob:`` images let plotly's "download plot" work.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Final

from flask import Flask, Response, has_request_context, request

from dashboard import routes

MAX_CONTENT_LENGTH: Final = 6 * 1024 * 1024
EXTENSION: Final = "eim_security"

HEADERS: Final[dict[str, str]] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
#: The policy's directives; script-src gets the hashes of the page's inline scripts.
POLICY: Final[dict[str, str]] = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
#: An inline script: a ``<script>`` without ``src``; group 2 its text, as the browser
#: hashes it.
INLINE_SCRIPT: Final = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.I)
_SRC: Final = re.compile(rb"\bsrc\s*=", re.I)


def script_hashes(html: bytes) -> list[str]:
    """The CSP sources (``'sha256-…'``) of the inline scripts of an HTML page, in order."""
    found: list[str] = []
    for match in INLINE_SCRIPT.finditer(html):
        if _SRC.search(match.group(1)):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(2)).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


def policy(hashes: list[str] | None = None, *, framed: bool = False) -> str:
    """The Content-Security-Policy value, allowing the inline scripts of ``hashes`` (and,
    ``framed``, frames from any site)."""
    directives = dict(POLICY)
    if framed:
        directives["frame-ancestors"] = "*"
    if hashes:
        directives["script-src"] += " " + " ".join(hashes)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _is_plain_html(response: Response) -> bool:
    return (
        response.mimetype == "text/html"
        and not response.direct_passthrough
        and not response.is_streamed
        and "Content-Encoding" not in response.headers
    )


#: The pages another site may frame, as an embed (``?embed=1&chart=<name>``): the chart
#: pages, never the Add page or the editor's login.
EMBEDDABLE: Final[frozenset[str]] = frozenset(
    {routes.GROWTH, routes.PRODUCTS, routes.REGIONS, routes.EXPLORE}
)


def is_embed(path: str, embed: str | None) -> bool:
    """Whether a request asks for a chart page as an embed (``/growth?embed=1``)."""
    return embed == "1" and path in EMBEDDABLE


def add_headers(response: Response) -> Response:
    """Every response: the headers of ``HEADERS`` and the policy (kept if already set). An
    embed of a chart page (``is_embed``) may be framed by any site: no ``X-Frame-Options``
    and ``frame-ancestors *``; everything else keeps refusing frames from elsewhere."""
    embed = has_request_context() and is_embed(request.path, request.args.get("embed"))
    for name, value in HEADERS.items():
        if not (embed and name == "X-Frame-Options"):
            response.headers.setdefault(name, value)
    if "Content-Security-Policy" not in response.headers:
        hashes = script_hashes(response.get_data()) if _is_plain_html(response) else []
        response.headers["Content-Security-Policy"] = policy(hashes, framed=embed)
    return response


def register(server: Flask) -> None:
    """Limit request bodies and add the headers to every response of ``server`` (once)."""
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    if server.config.get("MAX_CONTENT_LENGTH") is None:
        server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.after_request(add_headers)
