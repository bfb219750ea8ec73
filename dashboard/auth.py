"""Who may add bulletins from the web: one editor login, configured in the environment.

Viewing is public. Adding needs the editor's login, checked on the server in every callback
that previews or stores (``current_editor()``), never only by hiding a button.

Settings (environment, prefix ``EIM_``):
    EIM_ADMIN_USER           the editor's login name (default ``editor``); it is recorded as
                             who added each bulletin (``<name> (web)``)
    EIM_ADMIN_PASSWORD       the password, compared in constant time, or
    EIM_ADMIN_PASSWORD_HASH  its hash from ``eim password-hash`` (werkzeug's scrypt form);
                             with neither, adding from the web is off
    EIM_SECRET_KEY           signs the session cookie; every worker and machine serving the
                             same store needs the same one. Unset: derived from the password
                             setting (so all workers agree), which is enough for one machine
    EIM_COOKIE_SECURE        ``true`` (default): the cookie is sent over HTTPS only (and
                             over http://127.0.0.1 and localhost, which browsers treat as
                             secure); ``false`` for a plain-HTTP deployment

The session cookie is HttpOnly and SameSite=Strict and lasts ``SESSION_HOURS``; it holds the
editor's name and a fingerprint of the password setting, so changing the password ends
every session. Routes (form posts, answered with a redirect):
    POST /auth/login    fields ``user``, ``password``, ``next`` (a local path)
    POST /auth/logout   field ``next``
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from datetime import timedelta
from typing import Final
from urllib.parse import urlsplit

from flask import Flask, redirect, request, session
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

LOGIN_URL: Final = "/auth/login"
LOGOUT_URL: Final = "/auth/logout"
#: Where a login without a valid ``next`` goes: the Add bulletin page.
DEFAULT_NEXT: Final = "/add"
SESSION_HOURS: Final = 8
#: A failed login waits this long before the answer (slows down guessing).
FAILED_LOGIN_DELAY_S: Final = 1.0
#: The query a failed login comes back with: ``/add?login=failed``.
FAILED_QUERY: Final = "login=failed"
EXTENSION: Final = "eim_auth"
_EDITOR: Final = "editor"
_FINGERPRINT: Final = "credential"

log = logging.getLogger(__name__)


class AuthSettings(BaseSettings):
    """The editor login; each field is read from ``EIM_<FIELD>`` (see the module doc)."""

    model_config = SettingsConfigDict(env_prefix="EIM_", extra="ignore")

    admin_user: str = "editor"
    admin_password: SecretStr | None = None
    admin_password_hash: SecretStr | None = None
    secret_key: SecretStr | None = None
    cookie_secure: bool = True

    def enabled(self) -> bool:
        """True when a password or its hash is configured (adding from the web is on)."""
        return bool(self._credential())

    def _credential(self) -> str:
        for secret in (self.admin_password_hash, self.admin_password):
            if secret is not None and secret.get_secret_value():
                return secret.get_secret_value()
        return ""

    def fingerprint(self) -> str:
        """A digest of the configured credential: sessions carry it, so a new password
        ends them. Empty when adding from the web is off."""
        credential = self._credential()
        if not credential:
            return ""
        return hashlib.sha256(b"eim-credential\0" + credential.encode("utf-8")).hexdigest()

    def signing_key(self) -> bytes:
        """The session cookie's key: EIM_SECRET_KEY, else one derived from the credential
        (the same in every worker), else a fixed key that signs sessions no one can open
        (with adding off, no session ever holds an editor)."""
        if self.secret_key is not None and self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value().encode("utf-8")
        return hashlib.sha256(b"eim-session\0" + self._credential().encode("utf-8")).digest()

    def check(self, user: str, password: str) -> bool:
        """True when ``user`` and ``password`` are the editor's (constant-time compares)."""
        user_ok = hmac.compare_digest(
            hashlib.sha256(user.encode("utf-8")).digest(),
            hashlib.sha256(self.admin_user.encode("utf-8")).digest(),
        )
        if self.admin_password_hash is not None and self.admin_password_hash.get_secret_value():
            password_ok = _hash_matches(self.admin_password_hash.get_secret_value(), password)
        elif self.admin_password is not None and self.admin_password.get_secret_value():
            password_ok = hmac.compare_digest(
                hashlib.sha256(password.encode("utf-8")).digest(),
                hashlib.sha256(self.admin_password.get_secret_value().encode("utf-8")).digest(),
            )
        else:
            return False
        return user_ok and password_ok


def _hash_matches(stored: str, password: str) -> bool:
    try:
        return check_password_hash(stored, password)
    except (ValueError, TypeError):  # a malformed EIM_ADMIN_PASSWORD_HASH
        log.error("EIM_ADMIN_PASSWORD_HASH is not a hash from `eim password-hash`")
        return False


def settings() -> AuthSettings:
    """The settings in force (read from the environment on each call: cheap, and a test
    can change them)."""
    return AuthSettings()


def current_editor() -> str | None:
    """The editor signed in on this request, or None (not signed in, adding off, or the
    password changed since). Call inside a request (a route or a Dash callback)."""
    configured = settings()
    fingerprint = configured.fingerprint()
    if not fingerprint:
        return None
    name = session.get(_EDITOR)
    stored = session.get(_FINGERPRINT)
    if not isinstance(name, str) or not isinstance(stored, str):
        return None
    if not hmac.compare_digest(stored, fingerprint) or name != configured.admin_user:
        return None
    return name


def safe_next(value: str | None) -> str:
    """A local path to go back to (``/add?lang=en``); anything else (another site,
    ``//host``, ``javascript:``) gives ``DEFAULT_NEXT``."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return DEFAULT_NEXT
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return DEFAULT_NEXT
    return value


def _with_failure(path: str) -> str:
    return path + ("&" if "?" in path else "?") + FAILED_QUERY


def login() -> Response:
    """``POST /auth/login``: sign the editor in and go back to ``next``; a wrong login
    waits a moment and goes back with ``login=failed``."""
    configured = settings()
    target = safe_next(request.form.get("next"))
    user = request.form.get("user", "")
    password = request.form.get("password", "")
    if not configured.enabled() or not configured.check(user, password):
        time.sleep(FAILED_LOGIN_DELAY_S)
        log.warning("failed editor login from %s", request.remote_addr)
        return redirect(_with_failure(target), code=303)
    session.clear()
    session.permanent = True
    session[_EDITOR] = configured.admin_user
    session[_FINGERPRINT] = configured.fingerprint()
    return redirect(target, code=303)


def logout() -> Response:
    """``POST /auth/logout``: end the session and go back to ``next``."""
    session.clear()
    return redirect(safe_next(request.form.get("next")), code=303)


def register(server: Flask) -> None:
    """The session cookie's settings and the two routes (once per server)."""
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    configured = settings()
    server.secret_key = configured.signing_key()
    server.config.update(
        SESSION_COOKIE_NAME="eim_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=configured.cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    server.add_url_rule(LOGIN_URL, "eim_login", login, methods=["POST"])
    server.add_url_rule(LOGOUT_URL, "eim_logout", logout, methods=["POST"])
