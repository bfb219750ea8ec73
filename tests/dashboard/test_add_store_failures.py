"""The Add page when the store cannot store: preview and confirm say why, in the page's
language, instead of a bare 400 (the callback's actions, called as the callback calls them,
on a copy of the shipped SQLite store made read-only or full by SQLite itself:
``tests/support/sqlite_pragmas.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from own_bulletin import FIXTURE as OWN_BULLETIN
from sqlite_pragmas import every_connection

from dashboard import data
from dashboard.i18n import t
from dashboard.pages import add

pytestmark = pytest.mark.usefixtures("shipped_store")


def _text(node: Any) -> str:
    """The text of a message component (an ``html.P``)."""
    children = getattr(node, "children", node)
    return children if isinstance(children, str) else str(children)


def _preview(lang: str) -> add.View:
    pasted = OWN_BULLETIN.read_text("utf-8")
    return add.preview_action(False, None, None, pasted, add.Typed(), lang)


@pytest.fixture
def refusing() -> Iterator[Any]:
    """``refusing(setting)``: from now on, the dashboard's store opens its connections with
    that pragma (``data.reset()`` drops the ones it had)."""
    stack: list[Any] = []

    def _refuse(setting: str) -> None:
        manager = every_connection(setting)
        manager.__enter__()
        stack.append(manager)
        data.reset()

    yield _refuse
    for manager in stack:
        manager.__exit__(None, None, None)


def _page_count() -> int:
    with data.store().engine.connect() as connection:
        return int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("setting", "key"), [("query_only=ON", "outage.store_read_only"), ("full", "outage.store_full")]
)
def test_preview_and_confirm_say_why_the_store_refused(
    refusing: Any, setting: str, key: str, lang: str
) -> None:
    before = _preview(lang)
    assert before.pending is not None and before.message is None, _text(before.message)
    if setting == "full":
        setting = f"max_page_count={_page_count()}"
    refusing(setting)

    previewed = _preview(lang)
    confirmed = add.confirm_action(before.pending, "editor", lang)

    for view in (previewed, confirmed):
        assert _text(view.message) == t(key, lang)
        assert view.pending is None and view.confirm_disabled
    versions = data.store().version()
    data.reset()
    assert data.store().version() == versions  # nothing was stored
