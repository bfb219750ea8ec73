"""Generated callback requests to the real app under gunicorn (the session's ``server`` of
``tests/dashboard/conftest.py``): every callback answers a well-formed body (the declared shape
with hostile and plausible values) with a 200 or 204 and logs no traceback, also for the
signed-in editor on the Add page; a malformed body (any JSON, or a well-formed one mutated)
never gets a 5xx, and a 400 only from the guard. Last, the app's log holds no traceback.
"""

from __future__ import annotations

import json

import pytest
from callback_requests import REFUSED, Answer, Callback, Plausible, Server
from callback_strategies import PROPERTY_SETTINGS, malformed_bodies, well_formed_bodies
from hypothesis import given
from hypothesis import strategies as st

from dashboard import ids

pytestmark = pytest.mark.slow  # the real app under gunicorn


def shown(body: object, answer: Answer, logged: str = "") -> str:
    """A failing example: the body (cut), the answer, the end of what gunicorn logged."""
    return f"{json.dumps(body, ensure_ascii=False)[:2000]}\n{answer}\n{logged[-4000:]}"


def assert_answered(server: Server, body: object) -> Answer:
    """``body`` posted to ``server`` gets a 200 or 204, and no traceback is logged for it."""
    answer = server.post(body)
    logged = server.new_log()  # the callback logs before it answers
    assert answer.status in (200, 204), shown(body, answer, logged)
    assert "Traceback" not in logged, shown(body, answer, logged)
    return answer


@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_callback_answers_a_well_formed_body(
    server: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    callback = data.draw(st.sampled_from(callbacks), label="callback")
    body = data.draw(well_formed_bodies(callback, plausible), label="body")
    assert_answered(server, body)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_the_add_callback_answers_a_signed_in_editor_whatever_the_values(
    signed_in: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    add = next(c for c in callbacks if f"{ids.ADD_PENDING}.data" in c.output)
    body = data.draw(well_formed_bodies(add, plausible), label="body")
    answer = assert_answered(signed_in, body)
    assert "not signed in" not in answer.text, "the session was not used"


@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_malformed_body_never_gets_a_server_error(
    server: Server, callbacks: list[Callback], plausible: Plausible, data: st.DataObject
) -> None:
    body = data.draw(malformed_bodies(callbacks, plausible), label="body")
    answer = server.post(body)
    logged = server.new_log()
    assert answer.status < 500, shown(body, answer, logged)
    if answer.status == 400:  # refused by the guard, not a callback failing behind it
        assert answer.text.startswith(REFUSED), shown(body, answer, logged)
        assert answer.mimetype == "text/plain"
    else:
        assert answer.status in (200, 204), shown(body, answer, logged)
    assert "Traceback" not in logged, shown(body, answer, logged)


def test_the_log_has_no_traceback(server: Server) -> None:
    """After everything before it (in file order, and test_callback_bodies.py before this
    file): no callback crashed."""
    assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")
