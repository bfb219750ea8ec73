"""Issue #16's serving and session acceptance, on the real app under gunicorn with the
production configuration (``dashboard.tools.serving``), a server of this module's own (2
workers, the editor's password given as a hash, a 3-second lockout), on SQLite and, where
sessions and lockouts are concerned, on PostgreSQL too:

- 50 slow clients (a request line, then a header line every 2 s) for 20 s: ``GET /`` and
  ``GET /_dash-layout`` are answered within 1 s throughout (p99 printed);
- 16 concurrent wrong logins: ``GET /`` p99 under 0.5 s; after 5 wrong passwords the right
  one is refused until the lockout ends, with the page's message saying how long;
- a cookie replayed after logout, or after a password change, stores nothing; cookies
  forged from the password hash are refused; the cookie holds no password-derived value;
- cross-origin posts (sign-in, sign-out, the Add page's confirm) are refused with 403.

Times are in seconds.
"""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing
import os
import socket
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from editor_client import PASSWORD, SECRET, USER, EditorClient
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from own_bulletin import own_bulletin
from werkzeug.security import generate_password_hash

from dashboard.pages.add_forms import login_notice
from dashboard.tools.running import running_app
from loaders.store import Store

pytestmark = pytest.mark.slow  # the real app under gunicorn

LOCKOUT_S = 2
MAX_FAILURES = 5
PASSWORD_HASH = generate_password_hash(PASSWORD)
ENV = {
    "EIM_ADMIN_USER": USER,
    "EIM_ADMIN_PASSWORD_HASH": PASSWORD_HASH,
    "EIM_SECRET_KEY": SECRET,
    "EIM_LOGIN_LOCKOUT_SECONDS": str(LOCKOUT_S),
    "EIM_LOGIN_MAX_FAILURES": str(MAX_FAILURES),
}
NOT_SIGNED_IN = "not signed in"


@dataclass
class App:
    """A running server, its store's URL and its log."""

    url: str
    store_url: str
    log: Path

    def version(self) -> int:
        store = Store(self.store_url)
        try:
            return store.version()
        finally:
            store.close()

    def signed_in(self) -> EditorClient:
        """An editor signed in (after waiting out a lockout an earlier test left)."""
        client = EditorClient(self.url)
        deadline = time.monotonic() + 3 * LOCKOUT_S
        while True:
            answer = client.login()
            assert answer.status_code == 303
            if "login=" not in answer.headers["Location"]:
                return client
            assert time.monotonic() < deadline, answer.headers["Location"]
            time.sleep(0.5)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("hardening")
    database, log = folder / "eim.sqlite", folder / "gunicorn.log"
    with running_app(database, env=ENV, log=log) as url:
        with requests.Session() as warm:  # every worker's first page, before timing any
            for _ in range(20):
                warm.get(f"{url}/", timeout=60)
        yield App(url, f"sqlite:///{database}", log)


@pytest.fixture(scope="module")
def postgres_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    cluster = os.environ.get("EIM_TEST_POSTGRES_URL")
    if not cluster:
        pytest.skip("PostgreSQL is not running (EIM_TEST_POSTGRES_URL is not set)")
    import psycopg
    from sqlalchemy import make_url

    base = make_url(cluster)
    name = f"eim_t_{uuid.uuid4().hex[:16]}"
    admin_args = {
        "host": base.host,
        "port": base.port,
        "user": base.username,
        "password": base.password,
        "dbname": base.database,
        "autocommit": True,
    }
    with psycopg.connect(**admin_args) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    log = tmp_path_factory.mktemp("hardening-pg") / "gunicorn.log"
    try:
        with running_app(url, env=ENV, log=log) as served:
            yield App(served, url, log)
    finally:
        with psycopg.connect(**admin_args) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest) -> App:
    found: App = request.getfixturevalue(
        {"sqlite": "sqlite_app"}.get(request.param, "postgres_app")
    )
    return found


def _probe(url: str, paths: list[str], until: Callable[[], bool]) -> dict[str, list[float]]:
    """Request each of ``paths`` in turn until ``until()``; seconds per answer, by path (a
    failure or a non-200 counts as 10 s)."""
    times: dict[str, list[float]] = {path: [] for path in paths}
    with requests.Session() as session:
        while not until():
            for path in paths:
                started = time.monotonic()
                try:
                    ok = session.get(url + path, timeout=10).status_code == 200
                except requests.RequestException:
                    ok = False
                times[path].append(time.monotonic() - started if ok else 10.0)
            time.sleep(0.02)
    return times


# -- serving -------------------------------------------------------------------------------

SLOW_CLIENTS = 50
SLOW_SECONDS = 20.0
HEADER_EVERY_S = 2.0


def test_fifty_slow_clients_hold_no_worker_hostage(sqlite_app: App) -> None:
    host, port = sqlite_app.url.removeprefix("http://").split(":")
    started = time.monotonic()
    done = threading.Event()
    opened = [0]

    def dripping() -> None:
        def connect() -> socket.socket:
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            opened[0] += 1
            return sock

        socks = [connect() for _ in range(SLOW_CLIENTS)]
        line = 0
        while not done.wait(HEADER_EVERY_S):
            line += 1
            for index, sock in enumerate(socks):
                try:
                    sock.sendall(f"X-Slow-{line}: {'a' * 20}\r\n".encode())
                except OSError:  # the server gave up on it: another takes its place
                    sock.close()
                    socks[index] = connect()
        for sock in socks:
            sock.close()

    drip = threading.Thread(target=dripping)
    drip.start()
    try:
        time.sleep(0.5)  # every slow client connected and started
        times = _probe(
            sqlite_app.url,
            ["/", "/_dash-layout"],
            lambda: time.monotonic() - started > SLOW_SECONDS,
        )
    finally:
        done.set()
        drip.join(30)
    for path, seconds in times.items():
        print(
            f"{SLOW_CLIENTS} slow clients ({opened[0]} connections in {SLOW_SECONDS:.0f} s): "
            f"GET {path}: {len(seconds)} answers, p50 {_percentile(seconds, 0.5):.3f} s, "
            f"p99 {_percentile(seconds, 0.99):.3f} s, max {max(seconds):.3f} s"
        )
        assert len(seconds) > 20
        assert _percentile(seconds, 0.99) < 1.0, f"GET {path} waited behind the slow clients"
        assert max(seconds) < 10.0, f"GET {path} failed during the slow clients"


# -- logins --------------------------------------------------------------------------------

WRONG_LOGINS = 16
STORM_SECONDS = 4.0


def _guessing(url: str, seconds: float, found: Any) -> None:
    """``WRONG_LOGINS`` threads posting wrong passwords for ``seconds``; puts where each
    answer sent them (``Location``) on the queue ``found``. Run in a process of its own, so
    the guessers' threads take no time from the prober's."""
    answers: list[str] = []
    ends = time.monotonic() + seconds

    def guess(index: int) -> None:
        with requests.Session() as session:
            while time.monotonic() < ends:
                answer = session.post(
                    f"{url}/auth/login",
                    data={"user": USER, "password": f"guess {index}", "next": "/add"},
                    allow_redirects=False,
                    timeout=10,
                )
                answers.append(answer.headers.get("Location", str(answer.status_code)))

    guessers = [threading.Thread(target=guess, args=(i,)) for i in range(WRONG_LOGINS)]
    for thread in guessers:
        thread.start()
    for thread in guessers:
        thread.join(seconds + 30)
    found.put(answers)


def test_wrong_logins_stall_no_one(sqlite_app: App) -> None:
    context = multiprocessing.get_context("fork")
    found = context.Queue()
    guessers = context.Process(target=_guessing, args=(sqlite_app.url, STORM_SECONDS, found))
    started = time.monotonic()
    guessers.start()
    try:
        times = _probe(sqlite_app.url, ["/"], lambda: time.monotonic() - started > STORM_SECONDS)
        answers: list[str] = found.get(timeout=60)
    finally:
        guessers.join(30)
    seconds = times["/"]
    p99 = _percentile(seconds, 0.99)
    print(
        f"{WRONG_LOGINS} concurrent wrong logins ({len(answers)} in {STORM_SECONDS:.0f} s): "
        f"GET /: {len(seconds)} answers, p50 {_percentile(seconds, 0.5):.3f} s, p99 {p99:.3f} s"
    )
    assert p99 < 0.5
    assert answers and all("login=" in where for where in answers), "a guess signed in"
    assert sum("login=locked" in where for where in answers) > len(answers) // 2


def test_after_five_wrong_passwords_the_right_one_waits_out_the_lockout(app: App) -> None:
    app.signed_in()  # no lockout left by an earlier test; counting starts from nothing
    client = EditorClient(app.url)
    places = [client.login(password=f"wrong {i}").headers["Location"] for i in range(5)]
    assert all(place.endswith("login=failed") for place in places[:4]), places
    assert f"login=locked&wait={LOCKOUT_S}" in places[4], places
    refused_at = time.monotonic()
    right = client.login()
    assert "login=locked" in right.headers["Location"]
    assert "eim_session" not in right.headers.get("Set-Cookie", "")
    wait = right.headers["Location"].rsplit("wait=", 1)[1]
    assert f"Too many wrong sign-ins: signing in is locked for now. Try again in {wait} s." == (
        login_notice("locked", wait, "en")
    )
    assert f"请在 {wait} 秒后再试" in str(login_notice("locked", wait, "zh"))
    assert "15 min" in str(login_notice("locked", "900", "en"))
    time.sleep(max(0.0, LOCKOUT_S + 0.3 - (time.monotonic() - refused_at)))
    after = client.login()
    assert after.headers["Location"].endswith("/add?lang=en"), after.headers["Location"]
    assert "Preview" in client.act("preview", text=own_bulletin(3)).text


# -- sessions --------------------------------------------------------------------------------


def test_a_cookie_replayed_after_logout_stores_nothing(app: App) -> None:
    editor = app.signed_in()
    pending = editor.act("preview", text=own_bulletin(4)).pending
    assert pending and pending["text"]
    captured = editor.cookies()
    assert editor.logout().status_code == 303
    before = app.version()
    replay = EditorClient(app.url)
    replay.session.headers.update(captured)
    for _ in range(4):  # whichever worker answers
        answer = replay.act("confirm", pending=pending)
        assert answer.status == 200 and NOT_SIGNED_IN in answer.text
    assert app.version() == before


def test_a_new_password_ends_every_session(sqlite_app: App, tmp_path: Path) -> None:
    editor = sqlite_app.signed_in()
    captured = editor.cookies()
    database = Path(sqlite_app.store_url.removeprefix("sqlite:///"))
    changed = {**ENV, "EIM_ADMIN_PASSWORD_HASH": generate_password_hash("another passphrase")}
    with running_app(database, env=changed, workers=1, log=tmp_path / "g.log") as url:
        replay = EditorClient(url)
        replay.session.headers.update(captured)
        assert NOT_SIGNED_IN in replay.act("preview", text=own_bulletin(5)).text
    assert "Preview" in editor.act("preview", text=own_bulletin(5)).text  # the old server


def _cookie_payload(value: str) -> dict[str, Any]:
    """The JSON a Flask session cookie carries (``[.]payload.timestamp.signature``)."""
    compressed = value.startswith(".")
    body = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return dict(json.loads(zlib.decompress(raw) if compressed else raw))


def _forged(key: bytes | str, payload: dict[str, Any]) -> str:
    signer = Flask("forger")
    signer.secret_key = key
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    return str(serializer.dumps(payload))


def test_the_cookie_holds_no_password_derived_value(sqlite_app: App) -> None:
    cookies = [sqlite_app.signed_in().session.cookies["eim_session"] for _ in range(2)]
    payloads = [_cookie_payload(cookie) for cookie in cookies]
    assert all(set(payload) == {"_permanent", "sid"} for payload in payloads), payloads
    assert payloads[0]["sid"] != payloads[1]["sid"], "a random token per session"
    derived = {
        hashlib.sha256(b"eim-credential\0" + secret.encode()).hexdigest()
        for secret in (PASSWORD, PASSWORD_HASH)
    } | {hashlib.sha256(PASSWORD.encode()).hexdigest(), PASSWORD_HASH, PASSWORD}
    for cookie, payload in zip(cookies, payloads, strict=True):
        assert not any(value in cookie or value in json.dumps(payload) for value in derived)


def test_a_cookie_forged_from_the_password_hash_is_refused(sqlite_app: App) -> None:
    old_fingerprint = hashlib.sha256(b"eim-credential\0" + PASSWORD_HASH.encode()).hexdigest()
    old_payload = {"_permanent": True, "editor": USER, "credential": old_fingerprint}
    derived_key = hashlib.sha256(b"eim-session\0" + PASSWORD_HASH.encode()).digest()
    pending = sqlite_app.signed_in().act("preview", text=own_bulletin(7)).pending
    before = sqlite_app.version()
    for key, payload in [
        (derived_key, old_payload),  # what signed a valid session before
        (PASSWORD_HASH, old_payload),
        (SECRET, old_payload),  # even under the real key, a password digest opens nothing
        (derived_key, {"_permanent": True, "sid": "guessed"}),
        (SECRET, {"_permanent": True, "sid": old_fingerprint}),
    ]:
        forger = EditorClient(sqlite_app.url)
        forger.session.headers["Cookie"] = f"eim_session={_forged(key, payload)}"
        answer = forger.act("confirm", pending=pending)
        assert answer.status == 200 and NOT_SIGNED_IN in answer.text, (key, payload)
    assert sqlite_app.version() == before


def test_a_cross_origin_post_is_refused(sqlite_app: App) -> None:
    editor = sqlite_app.signed_in()
    pending = editor.act("preview", text=own_bulletin(8)).pending
    before = sqlite_app.version()
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {"Origin": sqlite_app.url.replace("127.0.0.1", "localhost")},
    ):
        login = requests.post(
            f"{sqlite_app.url}/auth/login",
            data={"user": USER, "password": PASSWORD, "next": "/add"},
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )
        assert login.status_code == 403, headers
        assert "Cross-origin request refused" in login.text
        assert "eim_session" not in login.headers.get("Set-Cookie", "")
        editor.session.headers.update(headers)  # as a page of that origin would send them
        try:
            assert editor.act("confirm", pending=pending).status == 403, headers
            assert editor.act("preview", text=own_bulletin(8)).status == 403, headers
            logout = editor.logout()
        finally:
            for name in headers:
                del editor.session.headers[name]
        assert logout.status_code == 403, headers
    assert sqlite_app.version() == before
    # the same requests from the site's own pages go through
    assert "Preview" in editor.act("preview", text=own_bulletin(8)).text
    own = requests.post(
        f"{sqlite_app.url}/auth/login",
        data={"user": USER, "password": PASSWORD, "next": "/add"},
        headers={"Origin": sqlite_app.url, "Referer": f"{sqlite_app.url}/add"},
        allow_redirects=False,
        timeout=30,
    )
    assert own.status_code == 303 and "login=" not in own.headers["Location"]
