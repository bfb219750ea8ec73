"""The running app as the browser tests see it (``tests/dashboard/browser/conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class App:
    """The running app: its base URL (``http://127.0.0.1:PORT``) and its SQLite file."""

    url: str
    database: Path

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the app's store, for ``loaders.store.Store``."""
        return f"sqlite:///{self.database}"
