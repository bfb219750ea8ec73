"""Make a real SQLite store refuse writes, the way the database itself refuses them.

    with every_connection("query_only=ON"): ...         read-only (file modes do not stop
                                                         root, which the tests may run as)
    with every_connection(f"max_page_count={n}"): ...    full: the file cannot grow past n
                                                         pages (SQLITE_FULL, as a full disk)

The pragma runs on every SQLite connection SQLAlchemy opens inside the block (a listener on
the ``Engine`` class, removed at the end); connections opened before keep their settings, so
open the store (or ``dashboard.data.reset()``) inside the block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def every_connection(setting: str) -> Iterator[None]:
    """Run ``PRAGMA <setting>`` on each SQLite connection opened inside the block."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection).__module__ == "sqlite3":
            dbapi_connection.execute(f"PRAGMA {setting}")

    event.listen(Engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Engine, "connect", on_connect)
