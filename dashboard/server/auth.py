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
                             same store needs the same one. Without one of at least
                             ``MIN_SECRET_CHARS`` characters and ``MIN_SECRET_BITS`` bits
                             (estimated), the login stays off and says how to make one
    EIM_COOKIE_SECURE        ``true`` (default): the cookie is sent over HTTPS only (and
                             over http://127.0.0.1 and localhost, which browsers treat as
                             secure); ``false`` for a plain-HTTP deployment
    EIM_LOGIN_MAX_FAILURES, EIM_LOGIN_LOCKOUT_SECONDS   the lockout (5 wrong in 900 s: 900 s)

Sessions live in the store's database (``loaders.store.logins``, through ``dashboard.data``):
the cookie (HttpOnly, SameSite=Strict, ``SESSION_HOURS``) holds only a random token, the
database its SHA-256, who, when it ends, and an HMAC of the password setting under the secret
key; signing out revokes the token in every worker, and another password ends every session.
Failed sign-ins are counted per user name and per client address (``client_address``) in the
same database; ``EIM_LOGIN_MAX_FAILURES`` of them within ``EIM_LOGIN_LOCKOUT_SECONDS`` lock
that name or address for as long, during which even the right password is refused. Nothing
waits in the request path. Routes (form posts, answered with a redirect; cross-origin posts
are refused by ``origin_check``):
    POST /auth/login    fields ``user``, ``password``, ``next`` (a local path); back to
                        ``next`` signed in, or with ``login=failed``, ``login=locked&wait=S``
                        (seconds) or ``login=unavailable`` (the database did not answer)
    POST /auth/logout   field ``next``
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import urlencode, urlsplit

from flask import Flask, g, redirect, request, session
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from dashboard import data, routes
from dashboard.server import secret_key
from dashboard.server.client_address import client_address
from loaders import settings
from loaders.settings import Settings

LOGIN_URL: Final = routes.LOGIN
LOGOUT_URL: Final = routes.LOGOUT
#: Where a login without a valid ``next`` goes: the Add bulletin page.
DEFAULT_NEXT: Final = routes.ADD
SESSION_HOURS: Final = 8
#: The ``login`` query values a sign-in comes back with: ``/add?login=failed``.
FAILED: Final = "failed"
LOCKED: Final = "locked"
UNAVAILABLE: Final = "unavailable"
EXTENSION: Final = "eim_auth"
#: The session cookie's one field: the random token of the session.
_TOKEN: Final = "sid"
#: Longest user name kept as a rate-limit key.
_MAX_KEY_CHARS: Final = 200

log = logging.getLogger(__name__)


def _credential(configured: Settings) -> str:
    for secret in (configured.admin_password_hash, configured.admin_password):
        if secret is not None and secret.get_secret_value():
            return secret.get_secret_value()
    return ""


def _secret(configured: Settings) -> str:
    key = configured.secret_key
    return key.get_secret_value() if key is not None else ""


def secret_problem(configured: Settings | None = None) -> str | None:
    """Why the login stays off for want of a strong ``EIM_SECRET_KEY`` (None: it is fine)."""
    return secret_key.problem(_secret(configured or settings.current()))


def configured_password(configured: Settings | None = None) -> bool:
    """True when a password or its hash is configured."""
    return bool(_credential(configured or settings.current()))


def enabled(configured: Settings | None = None) -> bool:
    """True when adding from the web is on: a password (or hash) and a strong secret key."""
    configured = configured or settings.current()
    return configured_password(configured) and secret_problem(configured) is None


def fingerprint(configured: Settings | None = None) -> str:
    """An HMAC of the configured credential under the secret key, kept with each session in
    the database (never in the cookie), so a new password ends them. Empty when off."""
    configured = configured or settings.current()
    if not enabled(configured):
        return ""
    return hmac.new(
        _secret(configured).encode("utf-8"),
        b"eim-credential\0" + _credential(configured).encode("utf-8"),
        hashlib.sha256,
    ).hexdigest()


def signing_key(configured: Settings | None = None) -> bytes:
    """The session cookie's key: EIM_SECRET_KEY when it is strong; else a random key of
    this process (with the login off, no session ever holds an editor)."""
    configured = configured or settings.current()
    if secret_problem(configured) is None:
        return _secret(configured).encode("utf-8")
    return secrets.token_bytes(32)


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


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def current_editor() -> str | None:
    """The editor signed in on this request, or None (not signed in, adding off, signed
    out, expired, the password changed since, or the database not answering). Call inside
    a request (a route or a Dash callback); asked once per request."""
    if "eim_editor" in g:
        return g.eim_editor  # type: ignore[no-any-return]
    g.eim_editor = _session_editor()
    return g.eim_editor  # type: ignore[no-any-return]


def _session_editor() -> str | None:
    configured = settings.current()
    expected = fingerprint(configured)
    token = session.get(_TOKEN)
    if not expected or not isinstance(token, str) or not token:
        return None
    try:
        name = data.logins().session_user(_token_digest(token), expected, _now())
    except SQLAlchemyError:
        log.exception("the session could not be checked: the database did not answer")
        return None
    if name is None or not hmac.compare_digest(name, configured.admin_user):
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


def _back(target: str, **query: object) -> Response:
    """A redirect to ``target`` with ``query`` added to its query string."""
    added = urlencode({key: str(value) for key, value in query.items()})
    return redirect(target + ("&" if "?" in target else "?") + added, code=303)


def _locked(target: str, until: datetime, now: datetime) -> Response:
    wait = max(1, int((until - now).total_seconds() + 0.999))
    return _back(target, login=LOCKED, wait=wait)


def login() -> Response:
    """``POST /auth/login``: sign the editor in and go back to ``next``; a wrong login goes
    back at once with ``login=failed``, a locked one with ``login=locked&wait=S``."""
    configured = settings.current()
    target = safe_next(request.form.get("next"))
    user = request.form.get("user", "")
    password = request.form.get("password", "")
    if not enabled(configured):
        return _back(target, login=FAILED)
    address = client_address(request.environ, configured.forwarded_allow_ips)
    keys = [f"user:{user[:_MAX_KEY_CHARS]}", f"address:{address}"]
    logins, now = data.logins(), _now()
    try:
        until = logins.attempt(keys, now)
        if until is not None:
            log.warning("refused a sign-in during a lockout (%s)", ", ".join(keys))
            return _locked(target, until, now)
        if not check(user, password, configured):
            until = logins.failed(keys, now)
            log.warning("failed editor login from %s", address)
            return _back(target, login=FAILED) if until is None else _locked(target, until, now)
        logins.succeeded(keys)
        token = secrets.token_urlsafe(32)
        ends = now + timedelta(hours=SESSION_HOURS)
        logins.open_session(_token_digest(token), configured.admin_user, fingerprint(), now, ends)
    except SQLAlchemyError:
        log.exception("a sign-in could not be checked: the database did not answer")
        return _back(target, login=UNAVAILABLE)
    session.clear()
    session.permanent = True
    session[_TOKEN] = token
    return redirect(target, code=303)


def logout() -> Response:
    """``POST /auth/logout``: end the session, in every worker, and go back to ``next``."""
    token = session.get(_TOKEN)
    session.clear()
    if isinstance(token, str) and token:
        try:
            data.logins().revoke(_token_digest(token), _now())
        except SQLAlchemyError:
            log.exception("a session could not be revoked: the database did not answer")
    return redirect(safe_next(request.form.get("next")), code=303)


def register(server: Flask) -> None:
    """The session cookie's settings and the two routes (once per server); says in the log
    why the login is off when a password is set without a strong secret key."""
    if server.extensions.get(EXTENSION):
        return
    server.extensions[EXTENSION] = True
    configured = settings.current()
    problem = secret_problem(configured)
    if configured_password(configured) and problem is not None:
        log.error("%s", problem)
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
