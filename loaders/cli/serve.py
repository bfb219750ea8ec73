"""The serving command: ``eim serve`` runs the dashboard locally under gunicorn.

    eim serve [--port N] [--workers N]   http://127.0.0.1:N/ (default 8050; workers: the
                                         configuration's, EIM_WEB_WORKERS or 2)

It is the Procfile's command (``gunicorn dashboard.app:server`` with the configuration
``dashboard.tools.serving``, which ``gunicorn.conf.py`` reads) bound to 127.0.0.1: the
address is printed first, then gunicorn replaces this process (Ctrl-C stops it). The data is
the store the environment names (``EIM_DATABASE_URL``, else the SQLite file
``EIM_DATABASE_PATH``, default ``var/eim.sqlite``); an empty store is filled from the shipped
``datasets/`` on first use. Nothing here imports the dashboard or opens the database: each
gunicorn worker opens its own store after the fork.
"""

from __future__ import annotations

import argparse
import os
import sys

from loaders import settings
from loaders.cli import exits
from loaders.extras import require

DEFAULT_PORT = 8050
HOST = "127.0.0.1"
#: The WSGI app gunicorn serves, as in the Procfile.
APP = "dashboard.app:server"
#: The gunicorn configuration, a module (the Procfile's ``gunicorn.conf.py`` imports it).
CONFIG = "python:dashboard.tools.serving"


def gunicorn_argv(
    port: int, workers: int | None = None, host: str = HOST, app: str = APP
) -> list[str]:
    """The command that serves the dashboard (or another WSGI ``app``, as the benchmark's
    floor app) with this interpreter's gunicorn and the production configuration;
    ``workers`` overrides its number of worker processes."""
    argv = [sys.executable, "-m", "gunicorn", app, "--config", CONFIG, "--bind", f"{host}:{port}"]
    return [*argv, "--workers", str(workers)] if workers is not None else argv


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a TCP port (1-65535)")
    return port


def _workers(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        workers = 0
    if workers < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers (1 or more)")
    return workers


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` to ``eim``."""
    serve = commands.add_parser(
        "serve",
        help="run the dashboard locally (gunicorn) and print its address",
        description="Serve the dashboard (the Procfile's gunicorn dashboard.app:server) on "
        f"http://{HOST}:PORT/ and print that address first. The data is the store the "
        "environment names (EIM_DATABASE_URL, else the SQLite file EIM_DATABASE_PATH, "
        "default var/eim.sqlite); an empty store is filled from datasets/ on first use. "
        "Ctrl-C stops it.",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"TCP port on {HOST} (default: {DEFAULT_PORT})",
    )
    serve.add_argument(
        "--workers",
        type=_workers,
        default=None,
        metavar="N",
        help="gunicorn worker processes (default: EIM_WEB_WORKERS, else WEB_CONCURRENCY, else 2)",
    )
    serve.set_defaults(run=serve_command)
    hashing = commands.add_parser(
        "password-hash",
        help="print EIM_ADMIN_PASSWORD_HASH for an editor password",
        description="Read an editor password (asked without echo on a terminal, else the "
        "first line of standard input) and print its salted hash, the value of "
        "EIM_ADMIN_PASSWORD_HASH: the server then keeps no password in its environment.",
    )
    hashing.set_defaults(run=password_hash_command)


#: The shortest editor password accepted by ``eim password-hash``.
MIN_PASSWORD_CHARS = 12


def password_hash_command(args: argparse.Namespace) -> int:
    """Print the hash of a password read from the terminal or standard input."""
    require("web", "password hashing", ("werkzeug",))  # before asking for the password
    import getpass

    if sys.stdin.isatty():
        password = getpass.getpass("Editor password: ")
        if getpass.getpass("Again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return exits.FAILED
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD_CHARS:
        print(
            f"error: the password has {len(password)} characters; use at least "
            f"{MIN_PASSWORD_CHARS}",
            file=sys.stderr,
        )
        return exits.FAILED
    from werkzeug.security import generate_password_hash

    print(generate_password_hash(password))
    return exits.OK


def serve_command(args: argparse.Namespace) -> int:
    """Print the address, then replace this process with gunicorn (returns only on failure)."""
    require("web", "the dashboard")
    configured = settings.current()
    port, workers = int(args.port), int(args.workers or configured.web_workers)
    database = configured.database()
    print(f"EIM Monitor dashboard: http://{HOST}:{port}/", flush=True)
    print(
        f"  gunicorn {APP}, {workers} worker{'s' * (workers != 1)}; data: {database} "
        "(filled from datasets/ when empty); Ctrl-C stops it",
        flush=True,
    )
    argv = gunicorn_argv(port, workers)
    try:
        os.execv(argv[0], argv)
    except OSError as error:
        print(f"error: could not start gunicorn: {error}", file=sys.stderr)
    return exits.FAILED
