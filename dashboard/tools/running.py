"""The real app run under gunicorn on 127.0.0.1, for the screenshots, the tests and the benchmark.

``running_app(database)`` starts ``gunicorn dashboard.app:server`` (``loaders.cli.serve``'s
command line, with the production configuration ``dashboard.tools.serving``) on a free port
with the store ``database`` (a SQLite file path, filled from the shipped ``datasets/`` on
first use, or a SQLAlchemy URL), waits (bounded) until it serves the
page layout and yields its base URL ``http://127.0.0.1:PORT``; the server is always stopped.
A server that exits or does not answer in time raises ``AppStartError`` with the tail of its
log. A port taken between choosing it and gunicorn binding it (tests run side by side) is
seen in gunicorn's log and another port is tried, so the URL is always the server's own.
Times are in seconds.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from loaders.cli.serve import APP, gunicorn_argv
from loaders.errors import EimError
from loaders.settings import PROJECT_ROOT

#: Seconds: gunicorn answering with the page layout (first use fills the store), the server
#: stopping.
BOOT_TIMEOUT = 120.0
STOP_TIMEOUT = 15.0
#: Ports tried before giving up, when another process takes the chosen one first.
PORT_ATTEMPTS = 5


class AppStartError(EimError, RuntimeError):
    """gunicorn exited or did not answer in time; the message ends with its log."""


def free_port() -> int:
    """A TCP port of 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _log_tail(log: Path, lines: int = 40) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def wait_until_answers(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Until ``url`` answers 200 (bounded by ``timeout``); fails at once if gunicorn exits."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AppStartError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.25)
    raise AppStartError(f"{url} did not answer within {timeout:.0f} s ({last})")


def listening(log: Path, port: int, process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait until gunicorn's ``log`` says it listens on ``port`` (True), or that the port is
    taken, or gunicorn exits (False); ``AppStartError`` when it says neither in time."""
    deadline = time.monotonic() + timeout
    own = f"Listening at: http://127.0.0.1:{port} "
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if own in text:
            return True
        if "Connection in use" in text or process.poll() is not None:
            return False
        time.sleep(0.1)
    raise AppStartError(f"gunicorn did not listen on port {port} within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """Stop gunicorn: SIGTERM to its master, then SIGKILL to its own process group."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group start_new_session made for it
        process.wait(5)


@contextmanager
def running_app(
    database: Path | str,
    *,
    workers: int = 2,
    timeout: float = BOOT_TIMEOUT,
    log: Path | None = None,
    env: Mapping[str, str] | None = None,
    gunicorn_args: Sequence[str] = (),
    app: str = APP,
) -> Iterator[str]:
    """The real app (``gunicorn dashboard.app:server``) on a free port of 127.0.0.1, on the
    SQLite file ``database`` (an empty one fills itself from datasets/) or, given a
    SQLAlchemy URL (``postgresql://…``), on that database; ``env`` adds to its environment
    (``EIM_ADMIN_PASSWORD`` …) and ``gunicorn_args`` to its command line; ``app`` serves
    another WSGI app with the same command line (the benchmark's floor app). Yields its base URL
    (``http://127.0.0.1:PORT``) once it serves a page layout, and stops it afterwards."""
    environment = {**os.environ, **(env or {})}
    if isinstance(database, Path):
        environment["EIM_DATABASE_PATH"] = str(database)
        environment.pop("EIM_DATABASE_URL", None)
        log = log or database.with_name(database.name + ".gunicorn.log")
    else:
        environment["EIM_DATABASE_URL"] = database
    if log is None:
        log = Path(tempfile.mkdtemp(prefix="eim-gunicorn-")) / "gunicorn.log"
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        # --no-control-socket: leave ~/.gunicorn/gunicorn.ctl to a server the user runs.
        argv = [*gunicorn_argv(port, workers, app=app), "--no-control-socket", *gunicorn_args]
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv,
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            bound = listening(log, port, process, timeout)
        except AppStartError as error:
            stop(process)
            raise AppStartError(f"{error}; gunicorn's log ({log}):\n{_log_tail(log)}") from None
        if bound:
            break
        stop(process)
    else:
        raise AppStartError(
            f"gunicorn could not bind any of {PORT_ATTEMPTS} free ports; its log ({log}):\n"
            f"{_log_tail(log)}"
        )
    try:
        url = f"http://127.0.0.1:{port}"
        try:
            # The layout reads the store, so the first answer also fills an empty one.
            wait_until_answers(f"{url}/_dash-layout", process, timeout)
        except AppStartError as error:
            raise AppStartError(f"{error}; gunicorn's log ({log}):\n{_log_tail(log)}") from None
        yield url
    finally:
        stop(process)
