"""Callback requests of the wrong shape get a 400 naming what is wrong, never a 500.

Dash does not validate the JSON bodies POSTed to its callback route
(``/_dash-update-component``): a hand-made body gets a 500 — a JSON list instead of an
object (AttributeError), no ``"output"`` (KeyError), an ``"output"`` naming no callback
(KeyError), ``"inputs"`` missing or of the wrong length (CallbackException), ``"inputs"`` not
a list (TypeError). ``register(app)`` adds two things to the app's Flask server:

    a check before the callback route   the body's SHAPE against ``app.callback_map``:
        body                  a JSON object
        "output"              a string naming a server-side callback of the app
        "outputs"             the declared outputs: one {"id", "property"} object, or a list
                              of them for a callback with several outputs (a property may
                              carry Dash's ``@hash`` of ``allow_duplicate``); a callback
                              without outputs takes anything here
        "inputs", "state"     lists ("state" may be left out when the callback has none) with
                              one item per declared dependency, in order: an object whose
                              "id" and "property" are the declared ones ("value" may be
                              anything); for a pattern-matching id with ALL or ALLSMALLER a
                              list of such objects, for MATCH one; a concrete pattern id is
                              an object with the declared keys, the declared value where the
                              declaration has one and a string, number or boolean where it
                              has a wildcard
        "changedPropIds"      when present, a list of strings
      anything else: 400, text/plain, one short sentence naming the part of the request that
      is wrong (``Bad callback request: "inputs" has 3 items, the callback "nav.children"
      takes 2.``); at most ``SHOWN_CHARS`` characters of anything the client sent are echoed
    a safety net                        an exception raised while answering a callback
      request (Dash turns a callback's exception into a 500) is logged with its traceback at
      ERROR on the logger ``dashboard.callbacks`` (Flask has logged it too, as "Exception on
      /_dash-update-component") and answered with a 400, text/plain, naming the callback's
      output and not the exception. It is a handler of Flask's ``InternalServerError``, which
      Flask calls for every unhandled exception with the exception in
      ``original_exception``; any other request keeps Flask's own 500. As with every such
      handler, Flask re-raises instead when ``PROPAGATE_EXCEPTIONS`` is on (testing, debug).

Values are not checked here: each callback validates its own (``dashboard.clicks`` …), and a
well-formed body must get a 200 or a 204 whatever its values
(``tests/dashboard/test_callback_bodies.py`` posts generated ones to every callback). One exception,
Dash's own code: its pages router (inputs of ``_pages_location``) raises on a ``pathname`` that is
not a string under the app's ``requests_pathname_prefix`` and on a ``search`` that is neither a
string nor null, values the browser never sends; such a request gets a 204 (nothing to update), as a
callback raising ``PreventUpdate`` would.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import dash
from flask import Response, request
from werkzeug.exceptions import InternalServerError

from dashboard import routes
from loaders.errors import EimError

EXTENSION: Final = "eim_callback_guard"
#: The route Dash answers callbacks on, after the app's routes prefix.
ROUTE: Final = routes.CALLBACKS
#: Pattern-matching wildcards, as ``app.callback_map`` spells them in a JSON id (``["ALL"]``).
WILDCARDS: Final = ("ALL", "ALLSMALLER", "MATCH")
#: Wildcards whose dependency arrives as a list of {id, property, value}.
MULTI_VALUED: Final = ("ALL", "ALLSMALLER")
#: At most this many characters of a client's value are echoed in a message.
SHOWN_CHARS: Final = 60
#: The id of the ``dcc.Location`` of Dash's pages router (``dash.dash._ID_LOCATION``).
PAGES_LOCATION: Final = "_pages_location"
REFUSED: Final = "Bad callback request: "
FAILED: Final = "This request could not be answered: "

log = logging.getLogger("dashboard.callbacks")


class CallbackRequestError(EimError, ValueError):
    """A callback request of the wrong shape; the message is what the client is told."""


@dataclass(frozen=True)
class Dependency:
    """One declared input, state or output: its id (a string, or for a pattern-matching id
    a dict whose wildcard values are ``["ALL"]``, ``["ALLSMALLER"]`` or ``["MATCH"]``) and
    its property."""

    id: str | dict[str, Any]
    prop: str

    @classmethod
    def parse(cls, id_: str, prop: str) -> Dependency:
        """From ``app.callback_map``'s form, where a pattern-matching id is a JSON string."""
        if id_.startswith("{"):
            parsed = json.loads(id_)
            if isinstance(parsed, dict):
                return cls(parsed, prop)
        return cls(id_, prop)

    @property
    def multi_valued(self) -> str | None:
        """The wildcard (ALL or ALLSMALLER) for which the request carries a list of
        {id, property, value}; None when it carries one."""
        if isinstance(self.id, dict):
            for value in self.id.values():
                if _wildcard(value) in MULTI_VALUED:
                    return _wildcard(value)
        return None

    def shown(self) -> str:
        """The id as Dash writes it (``url`` or ``{"name":["ALL"],"type":"chart"}``)."""
        return self.id if isinstance(self.id, str) else json.dumps(self.id, sort_keys=True)


def _wildcard(value: object) -> str | None:
    """The wildcard ("ALL" …) of a declared value such as ``["ALL"]``; None for a concrete value."""
    if isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS:
        return str(value[0])
    return None


def _shown(value: object) -> str:
    """A client's value for a message: JSON, cut to ``SHOWN_CHARS`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _kind(value: object) -> str:
    """What a JSON value is, in words (``a list``, ``a string`` …)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _check_id(where: str, given: object, declared: str | dict[str, Any]) -> None:
    if isinstance(declared, str):
        if given != declared:
            raise CallbackRequestError(
                f"{where} has the id {_shown(given)}, the callback expects {_shown(declared)}."
            )
        return
    if not isinstance(given, dict):
        raise CallbackRequestError(
            f"{where} has an id that is {_kind(given)}, the callback expects an object "
            f"with the keys {_shown(sorted(declared))}."
        )
    if set(given) != set(declared):
        raise CallbackRequestError(
            f"{where} has an id with the keys {_shown(sorted(given))}, the callback "
            f"expects {_shown(sorted(declared))}."
        )
    for key, value in declared.items():
        concrete = given[key]
        if _wildcard(value) is None:
            if concrete != value:
                raise CallbackRequestError(
                    f'{where} has {_shown(concrete)} as its id\'s "{key}", the callback '
                    f"expects {_shown(value)}."
                )
        elif not (
            isinstance(concrete, str | bool | int)
            or (isinstance(concrete, float) and math.isfinite(concrete))
        ):
            raise CallbackRequestError(
                f'{where} has an id whose "{key}" is {_kind(concrete)}, not a string, '
                "number or boolean."
            )


def _check_one(where: str, given: object, declared: Dependency, *, output: bool) -> None:
    if not isinstance(given, dict):
        raise CallbackRequestError(
            f'{where} is {_kind(given)}, not an object with "id" and "property".'
        )
    for key in ("id", "property"):
        if key not in given:
            raise CallbackRequestError(f'{where} has no "{key}".')
    _check_id(where, given["id"], declared.id)
    prop = given["property"]
    if isinstance(prop, str) and output:
        prop = prop.split("@", 1)[0]  # allow_duplicate's "search@<hash>"
    if prop != declared.prop:
        raise CallbackRequestError(
            f"{where} has the property {_shown(given['property'])}, the callback expects "
            f'"{declared.prop}" of {_shown(declared.shown())}.'
        )


def _check_dependency(where: str, given: object, declared: Dependency, *, output: bool) -> None:
    wildcard = declared.multi_valued
    if wildcard is None:
        _check_one(where, given, declared, output=output)
        return
    if not isinstance(given, list):
        raise CallbackRequestError(
            f"{where} is {_kind(given)}, the callback expects a list (its id "
            f"{_shown(declared.shown())} has the wildcard {wildcard})."
        )
    for index, item in enumerate(given):
        _check_one(f"{where}[{index}]", item, declared, output=output)


def _check_list(
    name: str, given: object, declared: list[Dependency], output_name: str, *, output: bool
) -> None:
    if not isinstance(given, list):
        raise CallbackRequestError(f'"{name}" is {_kind(given)}, not a list.')
    if len(given) != len(declared):
        raise CallbackRequestError(
            f'"{name}" has {_items(len(given))}, the callback {_shown(output_name)} takes '
            f"{len(declared)}."
        )
    for index, (item, dependency) in enumerate(zip(given, declared, strict=True)):
        _check_dependency(f'"{name}"[{index}]', item, dependency, output=output)


def _declared(entry: Mapping[str, Any], key: str) -> list[Dependency]:
    """The inputs or state of a callback_map entry."""
    return [Dependency.parse(spec["id"], spec["property"]) for spec in entry.get(key) or []]


def _declared_outputs(entry: Mapping[str, Any]) -> list[Dependency] | Dependency:
    """A callback_map entry's outputs: a list when it declares several (or a list of one)."""
    outputs = entry["output"]
    if isinstance(outputs, list | tuple):
        return [Dependency.parse(o.component_id_str(), o.component_property) for o in outputs]
    return Dependency.parse(outputs.component_id_str(), outputs.component_property)


def check_body(body: object, callback_map: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise ``CallbackRequestError`` when ``body`` is not a callback request of the shape
    ``callback_map`` (``app.callback_map``) declares; see the module doc."""
    if not isinstance(body, dict):
        raise CallbackRequestError(f"the body is {_kind(body)}, not a JSON object.")
    if "output" not in body:
        raise CallbackRequestError('the body has no "output" (the callback to run).')
    output = body["output"]
    if not isinstance(output, str):
        raise CallbackRequestError(f'"output" is {_kind(output)}, not a string.')
    entry = callback_map.get(output)
    if entry is None:
        raise CallbackRequestError(f'"output" {_shown(output)} names no callback of this app.')
    if "callback" not in entry:
        raise CallbackRequestError(
            f"the callback {_shown(output)} runs in the browser, not on the server."
        )
    if not entry.get("no_output"):
        if "outputs" not in body:
            raise CallbackRequestError('the body has no "outputs".')
        declared = _declared_outputs(entry)
        if isinstance(declared, list):
            _check_list("outputs", body["outputs"], declared, output, output=True)
        else:
            _check_dependency('"outputs"', body["outputs"], declared, output=True)
    elif not isinstance(body.get("outputs", []), list | dict):
        raise CallbackRequestError(f'"outputs" is {_kind(body["outputs"])}, not a list.')
    if "inputs" not in body:
        raise CallbackRequestError('the body has no "inputs".')
    _check_list("inputs", body["inputs"], _declared(entry, "inputs"), output, output=False)
    _check_list("state", body.get("state", []), _declared(entry, "state"), output, output=False)
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list):
        raise CallbackRequestError(f'"changedPropIds" is {_kind(changed)}, not a list.')
    for index, prop_id in enumerate(changed):
        if not isinstance(prop_id, str):
            raise CallbackRequestError(
                f'"changedPropIds"[{index}] is {_kind(prop_id)}, not a string.'
            )


def router_can_answer(body: Mapping[str, Any], requests_prefix: str) -> bool:
    """False when a well-formed ``body`` carries a ``_pages_location`` value that Dash's
    pages router cannot take (``dash._get_paths.app_strip_relative_path``,
    ``dash._pages._parse_query_string``): a pathname that is not a string under
    ``requests_prefix``, a search that is not a string. Null is taken for both."""
    root = requests_prefix.rstrip("/") or "/"
    for group in (body.get("inputs", []), body.get("state", [])):
        for item in group:
            if not isinstance(item, dict) or item.get("id") != PAGES_LOCATION:
                continue
            value = item.get("value")
            if value is None:
                continue
            if item.get("property") == "pathname" and not (
                isinstance(value, str) and value.startswith(root)
            ):
                return False
            if item.get("property") == "search" and not isinstance(value, str):
                return False
    return True


def _plain(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def register(app: dash.Dash) -> None:
    """Check the shape of every callback request of ``app`` and answer a failing callback
    with a 400 instead of a 500 (once per server; a second call does nothing)."""
    server = app.server
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    endpoint = app.config.routes_pathname_prefix + ROUTE

    def is_callback_request() -> bool:
        # Flask routes on routes_pathname_prefix (requests_pathname_prefix is what the
        # browser sees, before a proxy strips its part); Dash names the endpoint the same.
        return request.method == "POST" and request.endpoint == endpoint

    def check_request() -> Response | None:
        if not is_callback_request():
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # json raises it (not a ValueError) for deep nesting
            return _plain(REFUSED + "the body is nested too deeply.", 400)
        if body is None:
            return _plain(
                REFUSED + "the body is not a JSON object (send one as application/json).", 400
            )
        try:
            check_body(body, app.callback_map)
        except CallbackRequestError as error:
            return _plain(REFUSED + str(error), 400)
        if not router_can_answer(body, app.config.requests_pathname_prefix):
            return Response(status=204)
        return None

    def answer_failure(error: InternalServerError) -> Response | InternalServerError:
        if not is_callback_request():
            return error
        output: object = None
        try:
            body = request.get_json(silent=True)
            if isinstance(body, dict):
                output = body.get("output")
        except RecursionError:
            pass
        named = _shown(output) if isinstance(output, str) else "(unnamed)"
        log.error(
            "The callback %s failed on a request's values",
            named,
            exc_info=error.original_exception or error,
        )
        return _plain(
            FAILED + f"the callback {named} failed on the values sent. "
            "The error is logged on the server.",
            400,
        )

    # After Dash's own before_request hooks, which fill app.callback_map on the first
    # request (_setup_server, the pages' router).
    server.before_request(check_request)
    server.register_error_handler(InternalServerError, answer_failure)
