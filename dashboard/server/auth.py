"""Who may add bulletins from the web: one editor login, configured in the environment.

Viewing is public. Adding needs the editor's login, checked on the server in every callback
that previews or stores (``current_editor()``), never only by hiding a button.

Settings (``loaders.settings``, read once per process; environment, prefix ``EIM_``):
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
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from dashboard import routes
from loaders import settings
from loaders.settings import Settings

LOGIN_URL: Final = routes.LOGIN
LOGOUT_URL: Final = routes.LOGOUT
#: Where a login without a valid ``next`` goes: the Add bulletin page.
DEFAULT_NEXT: Final = routes.ADD
SESSION_HOURS: Final = 8
#: A failed login waits this long before the answer (slows down guessing).
FAILED_LOGIN_DELAY_S: Final = 1.0
#: The query a failed login comes back with: ``/add?login=failed``.
FAILED_QUERY: Final = "login=failed"
EXTENSION: Final = "eim_auth"
_EDITOR: Final = "editor"
_FINGERPRINT: Final = "credential"

log = logging.getLogger(__name__)


def _credential(configured: Settings) -> str:
    for secret in (configured.admin_password_hash, configured.admin_password):
        if secret is not None and secret.get_secret_value():
            return secret.get_secret_value()
    return ""


def enabled(configured: Settings | None = None) -> bool:
    """True when a password or its hash is configured (adding from the web is on)."""
    return bool(_credential(configured or settings.current()))


def fingerprint(configured: Settings | None = None) -> str:
    """A digest of the configured credential: sessions carry it, so a new password ends
    them. Empty when adding from the web is off."""
    credential = _credential(configured or settings.current())
    if not credential:
        return ""
    return hashlib.sha256(b"eim-credential\0" + credential.encode("utf-8")).hexdigest()


def signing_key(configured: Settings | None = None) -> bytes:
    """The session cookie's key: EIM_SECRET_KEY, else one derived from the credential (the
    same in every worker), else a fixed key that signs sessions no one can open (with
    adding off, no session ever holds an editor)."""
    configured = configured or settings.current()
    if configured.secret_key is not None and configured.secret_key.get_secret_value():
        return configured.secret_key.get_secret_value().encode("utf-8")
    return hashlib.sha256(b"eim-session\0" + _credential(configured).encode("utf-8")).digest()


def check(user: str, password: str, configured: Settings | None = None) -> bool:
    """True when ``user`` and ``password`` are the editor's (constant-time compares)."""
    configured = configured or settings.current()
    user_ok = hmac.compare_digest(
        hashlib.sha256(user.encode("utf-8")).digest(),
        hashlib.sha256(configured.admin_user.encode("utf-8")).digest(),
    )
    stored_hash, plain = configured.admin_password_hash, configured.admin_password
    if stored_hash is not None and stored_hash.get_secret_value():
        password_ok = _hash_matches(stored_hash.get_secret_value(), password)
    elif plain is not None and plain.get_secret_value():
        password_ok = hmac.compare_digest(
            hashlib.sha256(password.encode("utf-8")).digest(),
            hashlib.sha256(plain.get_secret_value().encode("utf-8")).digest(),
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


def current_editor() -> str | None:
    """The editor signed in on this request, or None (not signed in, adding off, or the
    password changed since). Call inside a request (a route or a Dash callback)."""
    configured = settings.current()
    expected = fingerprint(configured)
    if not expected:
        return None
    name = session.get(_EDITOR)
    stored = session.get(_FINGERPRINT)
    if not isinstance(name, str) or not isinstance(stored, str):
        return None
    if not hmac.compare_digest(stored, expected) or name != configured.admin_user:
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
    configured = settings.current()
    target = safe_next(request.form.get("next"))
    user = request.form.get("user", "")
    password = request.form.get("password", "")
    if not enabled(configured) or not check(user, password, configured):
        time.sleep(FAILED_LOGIN_DELAY_S)
        log.warning("failed editor login from %s", request.remote_addr)
        return redirect(_with_failure(target), code=303)
    session.clear()
    session.permanent = True
    session[_EDITOR] = configured.admin_user
    session[_FINGERPRINT] = fingerprint(configured)
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
    configured = settings.current()
    server.secret_key = signing_key(configured)
    server.config.update(
        SESSION_COOKIE_NAME="eim_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=configured.cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    server.add_url_rule(LOGIN_URL, "eim_login", login, methods=["POST"])
    server.add_url_rule(LOGOUT_URL, "eim_logout", logout, methods=["POST"])
