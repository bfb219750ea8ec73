"""Which database errors are the database's trouble, not a bug, and what to say about them.

In: an exception from SQLAlchemy or the driver (SQLite's ``sqlite3``, PostgreSQL's psycopg 3),
raised by a read, a write or while connecting. Out: ``failure_of(error)``, a
``loaders.errors.StoreFailure`` whose ``kind`` and one-line message say what happened, or None
for an error that is a bug (bad SQL, a missing table, a broken constraint), which must stay
loud. The kinds, by the driver's code:

    read_only    SQLite SQLITE_READONLY ("attempt to write a readonly database": a read-only
                 file, ``PRAGMA query_only``, ``?mode=ro``); PostgreSQL SQLSTATE 25006
                 (read_only_sql_transaction: ``default_transaction_read_only``, a standby) and
                 42501 (insufficient_privilege: a role that may not write)
    full         SQLite SQLITE_FULL ("database or disk is full": the disk, or
                 ``PRAGMA max_page_count``); PostgreSQL class 53 (insufficient resources:
                 53100 disk_full …)
    unavailable  SQLite SQLITE_BUSY/LOCKED past the busy timeout, SQLITE_IOERR,
                 SQLITE_CANTOPEN; PostgreSQL class 08 (connection exception), 57P01-57P03
                 (the server shutting down or starting), or an operational/interface error
                 with no SQLSTATE (connection refused, the server closed the connection)

``is_outage(error)``: True when ``error`` (or an error it was raised from) is ``unavailable``;
the dashboard answers those with a banner or a 503 and tries again.
"""

from __future__ import annotations

import sqlite3
from typing import Final

from loaders.errors import StoreFailure

__all__ = ["StoreFailure", "failure_of", "is_outage"]

_SQLITE_KINDS: Final = {
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_BUSY: "unavailable",
    sqlite3.SQLITE_LOCKED: "unavailable",
    sqlite3.SQLITE_IOERR: "unavailable",
    sqlite3.SQLITE_CANTOPEN: "unavailable",
}
_POSTGRES_KINDS: Final = {
    "25006": "read_only",
    "42501": "read_only",
    "53": "full",
    "08": "unavailable",
}
_POSTGRES_UNAVAILABLE: Final = frozenset({"57P01", "57P02", "57P03"})
_SAID: Final = {
    "read_only": "the store is read-only, so nothing can be added",
    "full": "the store has no room left: its disk is full or it reached its size limit",
    "unavailable": "the database cannot be reached just now",
}


def _driver_error(error: BaseException) -> BaseException:
    """The driver's own exception inside SQLAlchemy's wrapper (``DBAPIError.orig``)."""
    orig = getattr(error, "orig", None)
    return orig if isinstance(orig, BaseException) else error


def _kind(error: BaseException) -> str | None:
    from sqlalchemy.exc import DBAPIError

    driver = _driver_error(error)
    code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE_KINDS.get(code & 0xFF)
    sqlstate = getattr(driver, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        if sqlstate in _POSTGRES_UNAVAILABLE:
            return "unavailable"
        return _POSTGRES_KINDS.get(sqlstate) or _POSTGRES_KINDS.get(sqlstate[:2])
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return "unavailable"
    names = {cls.__name__ for cls in type(driver).__mro__}
    if names & {"OperationalError", "InterfaceError"} and not isinstance(driver, sqlite3.Error):
        return "unavailable"  # connection refused, server closed the connection …
    return None


def _detail(error: BaseException) -> str:
    """The first line of the database's own message, shortened."""
    lines = str(_driver_error(error)).strip().splitlines()
    first = lines[0].strip() if lines else type(error).__name__
    return first if len(first) <= 160 else first[:159] + "…"


def failure_of(error: BaseException) -> StoreFailure | None:
    """``error`` as a ``StoreFailure`` (see the module doc), or None when it is a bug. A
    ``StoreFailure`` is given back as it is."""
    if isinstance(error, StoreFailure):
        return error
    kind = _kind(error)
    if kind is None:
        return None
    return StoreFailure(kind, f"{_SAID[kind]} (the database says: {_detail(error)})")


def is_outage(error: BaseException) -> bool:
    """True when ``error``, or one it was raised from, means the database is unreachable."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        failure = failure_of(current)
        if failure is not None and failure.kind == "unavailable":
            return True
        current = current.__cause__ or current.__context__
    return False
