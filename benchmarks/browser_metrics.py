"""What a first visit costs in headless Chromium, and the callback bodies a real browser
sends, read from the DevTools protocol (Chromium's performance log).

    page_load(url, link) -> PageLoad        a cold load (fresh profile, cache off) over
                                            loopback (link None) or an emulated link
    capture(url, steps[, driver]) -> [body, ...]
                                            the JSON bodies of the callback requests the
                                            page sends while ``steps`` set controls' values
                                            (in ``driver``, a ``browser()``, or a new one)

A "chart drawn" is the first ``.js-plotly-plot .main-svg`` in the document; its time is
``performance.now()`` then, in ms since the navigation started.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dashboard.tools.browser import chrome

#: The slow office link of issue #6: 10 Mbit/s both ways, 40 ms latency.
SLOW_LINK = {
    "latency": 40,
    "downloadThroughput": 10_000_000 / 8,
    "uploadThroughput": 10_000_000 / 8,
}
TIMEOUT_S = 60.0
#: Records when the first chart is drawn, before any script of the page runs.
FIRST_CHART_SCRIPT = """
window.__eimFirstChart = null;
new MutationObserver(function (changes, observer) {
    if (document.querySelector('.js-plotly-plot .main-svg')) {
        window.__eimFirstChart = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


@dataclass(frozen=True)
class PageLoad:
    """One cold page load: bytes on the wire, JavaScript decoded, requests, first chart
    (ms), and the requests that went to another origin (should be none)."""

    transferred: int
    javascript: int
    requests: int
    first_chart_ms: float
    foreign: tuple[str, ...]


@contextmanager
def browser() -> Iterator[Any]:
    """Headless Chromium with the performance log on and a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="eim-bench-chrome-") as profile:
        driver = chrome(Path(profile) / "profile", lang="en-US", performance_log=True)
        try:
            yield driver
        finally:
            driver.quit()


def _events(driver: Any) -> list[dict[str, Any]]:
    """The DevTools events logged since the last call."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        found.append(message)
    return found


def _wait(driver: Any, script: str) -> Any:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError(f"waited {TIMEOUT_S:.0f} s for: {script}")


def page_load(url: str, link: dict[str, float] | None = None) -> PageLoad:
    """Load ``url`` once with a cold cache (over ``link`` if given) and measure it."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    with browser() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        if link is not None:
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, **link})
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_CHART_SCRIPT}
        )
        _events(driver)
        driver.get(url)
        first_chart = float(_wait(driver, "return window.__eimFirstChart;"))
        _wait(driver, "return document.readyState === 'complete';")
        time.sleep(0.5)  # late requests (lazy chunks) still arrive
        events = _events(driver)
    urls: dict[str, str] = {}
    kinds: dict[str, str] = {}
    transferred = 0
    decoded_js = 0
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif method == "Network.responseReceived":
            kinds[params["requestId"]] = params.get("type", "")
        elif method == "Network.dataReceived" and kinds.get(params["requestId"]) == "Script":
            decoded_js += int(params.get("dataLength", 0))
        elif method == "Network.loadingFinished":
            transferred += int(params.get("encodedDataLength", 0))
    requested = [u for u in urls.values() if not u.startswith("data:")]
    foreign = tuple(u for u in requested if not u.startswith(origin))
    return PageLoad(transferred, decoded_js, len(requested), first_chart, foreign)


@dataclass(frozen=True)
class Step:
    """Set component ``component``'s ``value`` to ``value`` on the page at ``path``."""

    path: str
    component: str
    value: Any


def capture(url: str, steps: Sequence[Step], driver: Any = None) -> list[dict[str, Any]]:
    """The callback bodies the browser sends while each step's control takes its value
    (through ``dash_clientside.set_props``, as a user's choice would), in order; in
    ``driver`` (a ``browser()``, left open) or, without one, a browser of its own."""
    if driver is None:
        with browser() as own:
            return capture(url, steps, own)
    bodies: list[dict[str, Any]] = []
    driver.execute_cdp_cmd("Network.enable", {})
    current = ""  # the path loaded from ``url`` (none yet: the first step loads its page)
    for step in steps:
        if step.path != current:
            driver.get(url + step.path)
            _wait(driver, "return document.querySelector('.js-plotly-plot .main-svg');")
            time.sleep(0.3)
            current = step.path
        _events(driver)
        driver.execute_script(
            "window.dash_clientside.set_props(arguments[0], {value: arguments[1]});",
            step.component,
            step.value,
        )
        deadline = time.monotonic() + TIMEOUT_S
        sent: list[dict[str, Any]] = []
        while time.monotonic() < deadline and not sent:
            time.sleep(0.2)
            for event in _events(driver):
                if event["method"] != "Network.requestWillBeSent":
                    continue
                request = event["params"]["request"]
                if "/_dash-update-component" in request["url"] and request.get("postData"):
                    sent.append(json.loads(request["postData"]))
        if not sent:
            raise TimeoutError(f"no callback request after setting {step.component}")
        bodies.extend(sent)
    return bodies
