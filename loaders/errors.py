"""The one base of every error EIM Monitor raises on purpose.

An ``EimError``'s message is a sentence a user can act on (what was wrong, where, what to
do); the command line prints it and exits, the dashboard shows it or answers 4xx with it.
Each subclass keeps the built-in base its callers catch (``ValueError``,
``RuntimeError``), so ``except EimError`` catches every one and nothing else changes.

    loaders      BulletinError, PeriodError (bulletin), StoreChanged (store), StoreFailure
                 (here, so that the command line catches it without importing the store),
                 ImportRefused, TableError (tables), MissingExtra (extras),
                 SourceUrlError (source_url)
    dashboard    AddingError, BadParameter, CallbackRequestError, AppStartError
"""

from __future__ import annotations


class EimError(Exception):
    """An error EIM Monitor raises on purpose, with a message for the user."""


class StoreFailure(EimError, RuntimeError):
    """The database could not do what was asked, through no fault of the input: ``kind`` is
    ``read_only`` (it refuses writes), ``full`` (no room left) or ``unavailable`` (it cannot
    be reached, or dropped the connection). Made from a driver's error by
    ``loaders.store.failures.failure_of``; the message is one sentence, with the database's
    own words in brackets."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)
