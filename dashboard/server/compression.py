"""Compression of the Flask server's responses: static files once per worker, the rest each time.

    register(server)   once per server (a second call does nothing)

``Dash(compress=True)`` installs Flask-Compress, which by itself compresses plotly.js and the
other static scripts (1.2 MB of Dash's own, 1.1 MB of the partial plotly.js) again on every
request, streams the files of ``assets/`` with a streaming algorithm (zstd, br or deflate,
never gzip), and picks zstd for everything when the browser offers it. ``register`` sets:

    static files    a GET or HEAD answered 200 by the assets route or Dash's
                    ``_dash-component-suites`` route goes through a second Flask-Compress
                    (``STATIC_ALGORITHMS``: br, else gzip) whose cache
                    (``StaticCache``, Flask-Compress's cache-backend interface) keeps each
                    file compressed once per worker and algorithm, keyed by path, query
                    string and ETag (Dash's asset URLs carry ``?m=<mtime>``, the suites' a
                    version fingerprint). An assets file is first read into memory (Flask
                    streams it), so that it takes the cached path.
    callbacks       a 200 JSON answer of ``_dash-update-component`` is gzipped here at
                    ``CALLBACK_GZIP_LEVEL`` (3), when the client takes gzip and the answer
                    is not tiny; ``dashboard.server.response_cache`` keeps those bytes.
    the rest        pages and downloads keep Dash's Flask-Compress, limited to gzip
                    (``DYNAMIC_ALGORITHMS``), level 6 (``LEVELS``).

Measured (partial plotly.js, 1.14 MB): gzip 6 → 394 KB in 33 ms (gzip 9: 394 KB, 39 ms);
br 5 → 361 KB in 28 ms, once per worker (br 11: 324 KB but 1.9 s); all of Dash's scripts
of a page: 1.22 MB → 277 KB gzip, 254 KB br 5. A callback's JSON (3-7 KB): gzip 6 takes
18-33 µs; gzip 1 saves ~10 µs and sends 10% more bytes. With 30 years of data a chart
answer grows to ~57 KB: gzip 6 takes 0.84 ms (10.9 KB), gzip 3 0.33 ms (12.3 KB), gzip 1
0.36 ms (14.1 KB): level 3 for callbacks, which are compressed on every cold request.
Chromium offers br over HTTPS and to localhost (it sent ``gzip, deflate, br, zstd`` to
127.0.0.1 here): it keeps br and zstd for secure origins. brotli is Flask-Compress's own
dependency (no new one).

Dash's Flask-Compress, registered first, runs after ``dashboard.server.security``'s hook, which
therefore still hashes the inline scripts of the uncompressed page; the static hook,
registered here, runs before both. The cache holds at most
``CACHE_MAX_BYTES`` per worker; past that it compresses without storing.
"""

from __future__ import annotations

import gzip
from typing import Final

from flask import Flask, Request, Response, g, request
from flask_compress import Compress

from dashboard.server.callback_guard import ROUTE as CALLBACK_ROUTE

EXTENSION: Final = "eim_compression"
STATIC_ALGORITHMS: Final = ("br", "gzip")
DYNAMIC_ALGORITHMS: Final = ("gzip",)
#: Flask-Compress reads its levels from the server's config on each compression.
LEVELS: Final[dict[str, int]] = {"COMPRESS_LEVEL": 6, "COMPRESS_BR_LEVEL": 5}
#: The gzip level of callback answers (see the module docstring for the measurements).
CALLBACK_GZIP_LEVEL: Final = 3
#: Compressed bytes kept per worker (every static file of a page, both algorithms: ~1.5 MB).
CACHE_MAX_BYTES: Final = 64 * 1024 * 1024
#: The cache key of the current static response, on ``flask.g`` (read by ``cache_key``).
_KEY: Final = "eim_static_key"
_SUITES: Final = "_dash-component-suites/"


class StaticCache:
    """Flask-Compress's cache backend for static files: ``"<algorithm>;<key>"`` -> bytes,
    up to ``max_bytes`` in all (then it stores nothing more)."""

    def __init__(self, max_bytes: int = CACHE_MAX_BYTES) -> None:
        self.data: dict[str, bytes] = {}
        self.max_bytes = max_bytes
        self.size = 0

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        # Flask-Compress calls set after every compression, a cache hit included.
        if key in self.data or self.size + len(value) > self.max_bytes:
            return
        self.data[key] = value
        self.size += len(value)


def cache_key(_: Request) -> str:
    """The key of the current static response (path, query string, ETag)."""
    return str(g.get(_KEY, request.full_path))


def is_static() -> bool:
    """Whether the current request is for a static file: ``assets/`` or Dash's suites."""
    endpoint = request.endpoint or ""
    rule = request.url_rule
    return (
        endpoint == "static"
        or endpoint.endswith(".static")
        or (rule is not None and _SUITES in rule.rule)
    )


def _read_into_memory(response: Response) -> None:
    """Replace a streamed body (Flask's file wrapper) by its bytes, closing the file now."""
    source = response.response
    response.direct_passthrough = False
    try:
        response.set_data(b"".join(response.iter_encoded()))
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()


def _static_compressor(server: Flask) -> Compress:
    """A Flask-Compress of its own for static files, called by the hook (not registered)."""
    compressor = Compress()
    compressor.init_app(server)  # reads the config; COMPRESS_REGISTER is off by now
    compressor.enabled_algorithms = STATIC_ALGORITHMS
    compressor.cache = StaticCache()
    compressor.cache_key = cache_key
    return compressor


def _dash_compressor(server: Flask) -> Compress | None:
    """The Flask-Compress that ``Dash(compress=True)`` put among the after-request hooks."""
    for hook in server.after_request_funcs.get(None, []):
        owner = getattr(hook, "__self__", None)
        if isinstance(owner, Compress):
            return owner
    return None


def register(server: Flask) -> None:
    """Configure compression on ``server`` as the module docstring says (once)."""
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    server.config.update(LEVELS)
    server.config["COMPRESS_ALGORITHM"] = list(DYNAMIC_ALGORITHMS)
    server.config["COMPRESS_REGISTER"] = False
    dynamic = _dash_compressor(server)
    if dynamic is None:
        # Not made by Dash(compress=True): make one, first in line so that it runs last.
        dynamic = Compress(server)
        server.after_request_funcs.setdefault(None, []).insert(0, dynamic.after_request)
    # Flask-Compress reads the algorithms when it is made: Dash made it before this call.
    dynamic.enabled_algorithms = DYNAMIC_ALGORITHMS
    static = _static_compressor(server)

    def compress_static(response: Response) -> Response:
        """Before Dash's Flask-Compress: a static file, compressed once (then cached)."""
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or "Content-Encoding" in response.headers
            or not is_static()
        ):
            return response
        if response.is_streamed or response.direct_passthrough:
            _read_into_memory(response)
        etag, _ = response.get_etag()
        g.setdefault(_KEY, f"{request.full_path}#{etag or ''}")
        return static.after_request(response)

    server.after_request(compress_static)

    def compress_callback(response: Response) -> Response:
        """Before Dash's Flask-Compress: a callback's JSON answer, gzipped at level 3."""
        if (
            request.method != "POST"
            or not request.path.endswith("/" + CALLBACK_ROUTE)
            or response.status_code != 200
            or response.mimetype != "application/json"
            or response.direct_passthrough
            or "Content-Encoding" in response.headers
        ):
            return response
        body = response.get_data()
        if request.accept_encodings["gzip"] <= 0 or len(body) < server.config["COMPRESS_MIN_SIZE"]:
            return response
        response.set_data(gzip.compress(body, CALLBACK_GZIP_LEVEL, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        vary = response.headers.get("Vary", "")
        if "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        return response

    server.after_request(compress_callback)
