"""The gunicorn configuration of the dashboard: the one source of truth for production (the
Procfile, through ``gunicorn.conf.py``), ``eim serve``, the tests and the benchmark
(``dashboard.tools.running``), all of which pass ``--config python:dashboard.tools.serving``.

Slow clients and bursts hold no worker hostage: each worker (``EIM_WEB_WORKERS``, else
``WEB_CONCURRENCY``, else 2 processes) is ``dashboard.tools.worker.BufferingWorker``, gthread
with the request read by its event loop before one of its ``EIM_WEB_THREADS`` threads (8)
serves it, so a client dripping its headers costs a socket, not a thread; up to
``worker_connections`` sockets per worker. Every name below is a gunicorn setting (times in
seconds, sizes in bytes); a command-line flag overrides it (``--bind``, ``--workers``).
"""

from __future__ import annotations

import os
import sys

from loaders import settings as _settings

_configured = _settings.current()

#: ``$PORT`` (default 8050) on every interface, as the Procfile binds it.
bind = [f"0.0.0.0:{os.environ.get('PORT') or 8050}"]
workers = _configured.web_workers
worker_class = "dashboard.tools.worker.BufferingWorker"
threads = _configured.web_threads
#: Open sockets per worker (requests being read, kept alive, or served).
worker_connections = 1000
backlog = 2048
#: A worker whose event loop is silent this long is restarted (a thread stuck in a request
#: does not silence it); workers finish their requests within ``graceful_timeout`` on a restart.
timeout = 30
graceful_timeout = 30
#: An idle kept-alive connection is closed after this long (raise it behind a proxy that
#: keeps connections open to gunicorn, below the proxy's own).
keepalive = 5
#: The request line (a chart view's URL with its query), header count and header size.
limit_request_line = 8190
limit_request_fields = 60
limit_request_field_size = 8190
#: The proxies whose X-Forwarded-Proto (and, for the login's rate limit, X-Forwarded-For)
#: are believed: ``FORWARDED_ALLOW_IPS``, default the loopback addresses.
forwarded_allow_ips = _configured.forwarded_allow_ips


def post_worker_init(worker: object) -> None:
    """Set the Dash app up in each worker before its threads serve anything. Dash does it on
    a worker's first request and marks it done before it is: a second thread's first request
    (a script under ``/_dash-component-suites/``, a callback) then found the scripts not yet
    registered (a 404 that left the page blank) or the callbacks not yet copied. A worker
    serving another app (the benchmark's floor) has no ``dashboard.app`` loaded: nothing to
    do."""
    module = sys.modules.get("dashboard.app")
    if module is not None:
        module.app._setup_server()
