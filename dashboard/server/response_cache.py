"""A repeated chart view is answered from memory, without running Dash.

The chart callbacks (those whose outputs include a chart's ``figure``: ids
``{"type": "chart", …}``) are pure functions of their request body (the controls' values
and the URL's language) and the store's data version. So their answers are kept, per
worker, keyed on (the body's digest, the data version, the client's Accept-Encoding), as
the bytes sent — compressed, with their headers — and the same request is answered with
them at once (``before_request``), with no JSON parsing of figures, no callback and no
compression. An add changes the data version, so no answer outlives the data it shows.

Anything else (other callbacks, errors, 204s, pages, downloads) passes through untouched.
``EIM_VIEW_CACHE=off`` turns this cache off with the view caches (``dashboard.data``).

    register(app)   once per app (a second call does nothing)
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Final

import dash
from flask import Response, g, request

from dashboard import data, ids
from dashboard.server.callback_guard import ROUTE

EXTENSION: Final = "eim_response_cache"
#: Answers kept per worker (a chart answer is a few KB compressed).
MAX_ENTRIES: Final = 512
_KEPT_HEADERS: Final = ("Content-Type", "Content-Encoding", "Vary")
#: Says whether a chart answer came from memory (``hit``) or was built (``miss``).
HEADER: Final = "X-EIM-Answer"

Key = tuple[bytes, int, str]


class AnswerCache:
    """A bounded LRU of callback answers: key -> (status, headers, body bytes)."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._answers: OrderedDict[Key, tuple[int, list[tuple[str, str]], bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> tuple[int, list[tuple[str, str]], bytes] | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, key: Key, answer: tuple[int, list[tuple[str, str]], bytes]) -> None:
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


def chart_outputs(app: dash.Dash) -> frozenset[str]:
    """The ``output`` keys of the app's chart callbacks (one output is a chart's figure)."""
    found = set()
    for output in app.callback_map:
        for item in output.strip(".").split("..."):
            component, _, prop = item.rpartition(".")
            if prop.split("@")[0] != "figure" or not component.startswith("{"):
                continue
            try:
                identity = json.loads(component)
            except ValueError:
                continue
            if isinstance(identity, dict) and identity.get("type") == ids.CHART:
                found.add(output)
                break
    return frozenset(found)


def register(app: dash.Dash) -> None:
    """Answer repeated chart callbacks from memory (see the module doc)."""
    server = app.server
    if server.extensions.get(EXTENSION) or not data.VIEW_CACHE_ON:
        return
    server.extensions[EXTENSION] = True
    route = app.config.routes_pathname_prefix + ROUTE
    cache = AnswerCache()
    outputs: list[frozenset[str]] = []  # filled at the first callback request

    def key_of() -> Key | None:
        if request.method != "POST" or request.path != route:
            return None
        body = request.get_data(cache=True)
        parsed = request.get_json(silent=True)  # parsed once: the guard and Dash reuse it
        output = parsed.get("output") if isinstance(parsed, dict) else None
        if not outputs:
            outputs.append(chart_outputs(app))
        if output not in outputs[0]:
            return None
        # the bytes kept are compressed for what this client accepts: kept apart per header
        accepted = request.headers.get("Accept-Encoding", "")[:200]
        try:
            version = data.version()
        except Exception as error:  # the database is down: the callback says so (outage)
            if data.is_outage(error):
                return None
            raise
        return hashlib.blake2b(body, digest_size=16).digest(), version, accepted

    def answer_from_memory() -> Response | None:
        key = key_of()
        if key is None:
            return None
        g.eim_answer_key = key
        found = cache.get(key)
        if found is None:
            return None
        status, headers, body = found
        g.eim_answer_key = None  # nothing to keep
        response = Response(body, status=status, headers=headers)
        response.headers[HEADER] = "hit"
        return response

    def keep(response: Response) -> Response:
        key = g.pop("eim_answer_key", None)
        if key is None or response.status_code != 200 or response.direct_passthrough:
            return response
        headers = [
            (name, response.headers[name]) for name in _KEPT_HEADERS if name in response.headers
        ]
        cache.put(key, (response.status_code, headers, response.get_data()))
        response.headers[HEADER] = "miss"
        return response

    server.before_request(answer_from_memory)
    # After every other after_request (flask-compress's among them): keep the bytes as sent.
    server.after_request_funcs.setdefault(None, []).insert(0, keep)
