"""A gthread worker that reads a request into memory before a thread serves it, as a buffering
reverse proxy would: a client that sends its headers (or its body) slowly holds no thread.

gunicorn 27's ``gthread`` worker hands a connection to a thread as soon as its first bytes
arrive; the thread then blocks until the whole request head is read, so N clients dripping
one header line every few seconds take N threads and freeze the worker. Here the worker's
own event loop (the selector that already waits on kept-alive connections) reads the
request head, and a body announced by ``Content-Length`` up to ``MAX_BUFFERED_BODY`` bytes,
without blocking; only a complete request goes to the thread pool, with the bytes put back
in front of gunicorn's parser. A request not complete within ``REQUEST_READ_TIMEOUT_S``
seconds of its first byte (or of the connection) is closed. TLS connections (gunicorn's own
``certfile``) are left to gthread as they are.

Shapes: bytes in, per connection, until ``\\r\\n\\r\\n`` (+ the body's length); then the
connection, with those bytes unread into its parser, to ``ThreadWorker.enqueue_req``.
"""

from __future__ import annotations

import contextlib
import re
import selectors
import time
from collections import deque
from functools import partial
from typing import Any, Final

from gunicorn.workers.gthread import TConn, ThreadWorker  # type: ignore[import-untyped]

#: Seconds a client has to send a whole request (head and buffered body).
REQUEST_READ_TIMEOUT_S: Final = 15.0
#: Bytes of a head before it is handed on anyway (gunicorn's limits then refuse it: 400/431).
MAX_HEAD: Final = 64 * 1024
#: A body up to this many bytes (``Content-Length``) is read before a thread gets it; the
#: app refuses larger ones (``MAX_CONTENT_LENGTH``, 413), so they are handed on at once.
MAX_BUFFERED_BODY: Final = 2 * 1024 * 1024
_CHUNK: Final = 64 * 1024
_END_OF_HEAD: Final = b"\r\n\r\n"
_CONTENT_LENGTH: Final = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,12})[ \t]*\r\n", re.I)


class _Reading:
    """What a connection sent so far, and until when it may go on sending."""

    def __init__(self, deadline: float) -> None:
        self.data = bytearray()
        self.deadline = deadline

    def complete(self) -> bool:
        end = self.data.find(_END_OF_HEAD)
        if end < 0:
            return len(self.data) > MAX_HEAD
        found = _CONTENT_LENGTH.search(bytes(self.data[: end + 2]))
        length = int(found.group(1)) if found else 0
        if length > MAX_BUFFERED_BODY:
            return True
        return len(self.data) >= end + len(_END_OF_HEAD) + length


class BufferingWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn has no types
    """``gthread`` with each request read by the event loop before a thread serves it."""

    def init_process(self) -> None:
        self.reading: deque[tuple[TConn, _Reading]] = deque()
        super().init_process()

    def enqueue_req(self, conn: TConn) -> None:
        ready = getattr(conn, "eim_ready", False)
        buffered = conn.parser is not None and conn.parser.unreader.buf.getvalue()
        if ready or buffered or conn.is_http2 or self.cfg.is_ssl:
            conn.eim_ready = False
            super().enqueue_req(conn)
            return
        conn.sock.setblocking(False)
        reading = _Reading(time.monotonic() + REQUEST_READ_TIMEOUT_S)
        self.reading.append((conn, reading))
        self.poller.register(
            conn.sock, selectors.EVENT_READ, partial(self._readable, conn, reading)
        )

    def _readable(self, conn: TConn, reading: _Reading, _sock: Any) -> None:
        try:
            chunk = conn.sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client went away
            self._forget(conn, reading)
            self.nr_conns -= 1
            conn.close()
            return
        reading.data += chunk
        if not reading.complete():
            return
        self._forget(conn, reading)
        try:
            conn.init()  # the HTTP/1 parser (no TLS here), then the bytes in front of it
        except Exception:
            self.nr_conns -= 1
            conn.close()
            return
        conn.parser.unreader.unread(bytes(reading.data))
        conn.eim_ready = True
        self.enqueue_req(conn)

    def _forget(self, conn: TConn, reading: _Reading) -> None:
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        with contextlib.suppress(ValueError):
            self.reading.remove((conn, reading))

    def murder_pending(self) -> None:
        """gthread's timeouts, and the connections too slow to send their request."""
        super().murder_pending()
        now = time.monotonic()
        while self.reading and self.reading[0][1].deadline <= now:
            conn, reading = self.reading[0]
            self._forget(conn, reading)
            self.nr_conns -= 1
            conn.close()
