"""Every setting of EIM Monitor, one class, read from the environment (prefix ``EIM_``).

    current()   the settings in force, read once per process (then kept)
    reload()    read the environment again (a command's start, a test that changed it)

The store
    EIM_DATABASE_URL         a SQLAlchemy URL, e.g. postgresql+psycopg://user@host:5432/eim;
                             when unset, the SQLite file at EIM_DATABASE_PATH
    EIM_DATABASE_PATH        the SQLite file, created on first use; default
                             ``var/eim.sqlite`` in the project's folder, wherever the
                             command runs from (a relative path is from the working folder)
    EIM_ADDED_BY             who adds bulletins (default: the login name)
    EIM_SHIPPED_DATA         ``true`` (default): an empty store is first filled from the
                             shipped ``datasets/`` by the dashboard and by every ``eim``
                             command that reads it; ``false``: it stays empty (a store of
                             only the bulletins you add)
The corpus (tests and ``eim datasets``)
    EIM_SHARED_DIR           the folder of the contract and the corpus of real bulletins the
                             corpus tests read (default ``../shared`` beside the project)
The editor login of the dashboard (``dashboard.server.auth``)
    EIM_ADMIN_USER           the editor's login name (default ``editor``)
    EIM_ADMIN_PASSWORD       the password, or
    EIM_ADMIN_PASSWORD_HASH  its hash from ``eim password-hash``; with neither, adding
                             from the web is off
    EIM_SECRET_KEY           signs the session cookie; without one of enough entropy
                             (``python -c "import secrets; print(secrets.token_urlsafe(32))"``)
                             the editor login stays off
    EIM_COOKIE_SECURE        ``true`` (default): the cookie goes over HTTPS only
    EIM_LOGIN_MAX_FAILURES   wrong sign-ins (per user, per client address) that lock it (5)
    EIM_LOGIN_LOCKOUT_SECONDS  how long, in seconds; also the window they are counted in (900)
    FORWARDED_ALLOW_IPS      proxies trusted for X-Forwarded-For/-Proto (gunicorn's own
                             setting, default ``127.0.0.1,::1``; ``*`` trusts any)
Serving (``dashboard.tools.serving``, the gunicorn configuration)
    EIM_WEB_WORKERS          gunicorn worker processes (else ``WEB_CONCURRENCY``, else 2)
    EIM_WEB_THREADS          threads per worker, each serving one request at a time (8)
The dashboard's speed (``dashboard.data``)
    EIM_VIEW_CACHE           ``on`` (default); ``off`` builds every view anew (the benchmark)
Tests only
    EIM_TEST_PAUSE_BEFORE_COMMIT   seconds a store write holds its transaction open
"""

from __future__ import annotations

import functools
import getpass
from pathlib import Path
from typing import Annotated, Final

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The project's folder (the one holding ``loaders/``, ``datasets/`` and ``var/``).
PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH: Final = PROJECT_ROOT / "var" / "eim.sqlite"


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Settings(BaseSettings):
    """EIM Monitor's settings; each field is read from ``EIM_<FIELD>`` (see the module)."""

    model_config = SettingsConfigDict(env_prefix="EIM_", extra="ignore")

    database_url: str | None = None
    database_path: Path = DEFAULT_DATABASE_PATH
    added_by: str = ""
    shipped_data: bool = True
    shared_dir: Path = PROJECT_ROOT.parent / "shared"
    admin_user: str = "editor"
    admin_password: SecretStr | None = None
    admin_password_hash: SecretStr | None = None
    secret_key: SecretStr | None = None
    cookie_secure: bool = True
    login_max_failures: Annotated[int, Field(ge=1)] = 5
    login_lockout_seconds: Annotated[float, Field(gt=0)] = 900.0
    forwarded_allow_ips: Annotated[
        str, Field(validation_alias=AliasChoices("FORWARDED_ALLOW_IPS"))
    ] = "127.0.0.1,::1"
    web_workers: Annotated[
        int, Field(ge=1, validation_alias=AliasChoices("EIM_WEB_WORKERS", "WEB_CONCURRENCY"))
    ] = 2
    web_threads: Annotated[int, Field(ge=1)] = 8
    view_cache: bool = True
    test_pause_before_commit: float = 0.0

    def url(self) -> str:
        """The database URL in force: EIM_DATABASE_URL, else the SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.database_path}"

    def database(self) -> str:
        """Where the data is, in words: the SQLite file, or that EIM_DATABASE_URL names it."""
        if self.database_url:
            return "the database EIM_DATABASE_URL names"
        return str(self.database_path)

    def who(self) -> str:
        """Who adds bulletins: EIM_ADDED_BY, else the login name."""
        return self.added_by or _login()


@functools.cache
def current() -> Settings:
    """The settings in force: the environment as it was at the first call (or ``reload``)."""
    return Settings()


def reload() -> Settings:
    """Read the environment again and keep what it says now."""
    current.cache_clear()
    return current()
