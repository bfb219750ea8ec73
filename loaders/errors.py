"""The one base of every error EIM Monitor raises on purpose.

An ``EimError``'s message is a sentence a user can act on (what was wrong, where, what to
do); the command line prints it and exits, the dashboard shows it or answers 4xx with it.
Each subclass keeps the built-in base its callers catch (``ValueError``,
``RuntimeError``), so ``except EimError`` catches every one and nothing else changes.

    loaders      BulletinError, PeriodError (bulletin), StoreChanged (store),
                 ImportRefused, TableError (tables), MissingExtra (extras),
                 SourceUrlError (source_url)
    dashboard    AddingError, BadParameter, CallbackRequestError, AppStartError
"""

from __future__ import annotations


class EimError(Exception):
    """An error EIM Monitor raises on purpose, with a message for the user."""
