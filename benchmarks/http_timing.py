"""Callback timing over HTTP: round trips (sequential, interleaved between servers) and
throughput (concurrent clients). Times are wall-clock seconds measured by the client.

    post(session, url, body) -> seconds       one callback request; raises on a non-200
    interleaved(pairs, rounds) -> {name: [s]} round by round, one request per pair each
    throughput(url, bodies, clients, seconds) -> requests per second
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import requests

ROUTE = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate"}


class BadAnswer(RuntimeError):
    """A timed request did not get a 200 with a callback response."""


def post(session: requests.Session, url: str, body: bytes) -> float:
    """One callback request; its round trip in seconds (the body read in full)."""
    start = time.perf_counter()
    answer = session.post(url + ROUTE, data=body, headers=HEADERS, timeout=60)
    content = answer.content
    elapsed = time.perf_counter() - start
    if answer.status_code != 200 or b'"response"' not in content:
        raise BadAnswer(f"{url}: {answer.status_code} {content[:200]!r}")
    return elapsed


@dataclass(frozen=True)
class Timed:
    """A named series of requests: one server and the bodies it is sent, in turn."""

    name: str
    url: str
    bodies: Sequence[bytes]


def interleaved(series: Sequence[Timed], rounds: int) -> dict[str, list[float]]:
    """``rounds`` rounds; in each, one request of every series in turn (its bodies in
    order, cycling), so that a drift of the machine weighs on all of them alike."""
    sessions = {item.name: requests.Session() for item in series}
    times: dict[str, list[float]] = {item.name: [] for item in series}
    for turn in range(rounds):
        for item in series:
            body = item.bodies[turn % len(item.bodies)]
            times[item.name].append(post(sessions[item.name], item.url, body))
    return times


def throughput(url: str, bodies: Sequence[bytes], clients: int, seconds: float) -> float:
    """Callback requests per second answered with ``clients`` concurrent clients, each
    sending the bodies in turn for ``seconds``."""
    done = [0] * clients
    failures: list[str] = []
    stop_at = time.perf_counter() + seconds

    def client(index: int) -> None:
        session = requests.Session()
        turn = index
        while time.perf_counter() < stop_at:
            try:
                post(session, url, bodies[turn % len(bodies)])
            except (BadAnswer, requests.RequestException) as error:
                failures.append(str(error))
                return
            done[index] += 1
            turn += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise BadAnswer(failures[0])
    return sum(done) / elapsed


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.5 is the median)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def encoded(body: Any) -> bytes:
    """A callback body as the browser sends it."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
