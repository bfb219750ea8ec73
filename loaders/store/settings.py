"""Settings from the environment, prefix ``EIM_`` (pydantic-settings).

EIM_DATABASE_URL   a SQLAlchemy URL, e.g. postgresql+psycopg://user@host:5432/eim;
                   when unset, the SQLite file at EIM_DATABASE_PATH
EIM_DATABASE_PATH  the SQLite file, created on first use (default var/eim.sqlite)
EIM_ADDED_BY       who adds bulletins (default: the login name)
"""

from __future__ import annotations

import getpass
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Settings(BaseSettings):
    """EIM Monitor's settings; each field is read from ``EIM_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="EIM_", extra="ignore")

    database_url: str | None = None
    database_path: Path = Path("var/eim.sqlite")
    added_by: str = ""

    def url(self) -> str:
        """The database URL in force: EIM_DATABASE_URL, else the SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.database_path}"

    def who(self) -> str:
        """Who adds bulletins: EIM_ADDED_BY, else the login name."""
        return self.added_by or _login()
