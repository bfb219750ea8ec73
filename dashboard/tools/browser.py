"""Headless Chromium driven by selenium, for the screenshots, the browser tests and the benchmark.

``chrome(profile_dir)`` starts Debian's Chromium through its chromedriver with the flags it
needs here (root, no GPU, no network of its own), console logging and an optional download
folder; ``fresh_tab`` gives a clean tab of a running browser; ``wait_for_page`` waits
(bounded) until a Dash page has rendered and every chart is drawn; ``console_errors`` lists
the console's SEVERE entries. Window sizes are in CSS pixels (width, height), times in
seconds. Needs Debian's ``chromium``, ``chromium-driver`` and ``fonts-noto-cjk``
(``scripts/chromium.sh`` installs them). selenium is a development dependency: it is imported
only when a browser starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Flags Chromium needs here: root (no sandbox), no GPU, small /dev/shm, and no network of
#: its own (updates, sync, QUIC probes), see ../shared/PITFALLS.md.
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
WINDOW = (1400, 1000)
#: Seconds: a page rendering with its charts (also the page-load and script timeouts).
PAGE_TIMEOUT = 45.0

#: A page is ready when the page container has content, no callback is running (Dash sets
#: the title to "Updating..." meanwhile), nothing is marked loading, and every dcc.Graph
#: has been drawn by plotly.js. Returns "" when ready, else what is still missing.
READY_SCRIPT = """
const content = document.getElementById('_pages_content');
if (!content || !content.textContent.trim()) { return 'the page has no content yet'; }
if (document.title === 'Updating...') { return 'callbacks are running'; }
if (document.querySelector('[data-dash-is-loading="true"], ._dash-loading')) {
    return 'components are loading';
}
const graphs = document.querySelectorAll('.dash-graph');
for (const graph of graphs) {
    if (!graph.querySelector('.js-plotly-plot .main-svg')) { return 'a chart is not drawn'; }
}
const wanted = arguments[0] || [];
const nav = document.getElementById('nav');
const navText = nav ? nav.textContent : '';
for (const label of wanted) {
    if (!navText.includes(label)) { return 'the navigation lacks ' + label; }
}
if (arguments[1] && graphs.length === 0) { return 'no chart on the page'; }
return '';
"""


#: What Dash shows for a path no page has.
NOT_FOUND = "404 - Page not found"
#: Console entries that are not the app's fault.
IGNORED_CONSOLE = ("favicon.ico",)


def chrome(
    user_data_dir: Path,
    download_dir: Path | None = None,
    *,
    lang: str = "zh-CN",
    window: tuple[int, int] = WINDOW,
    performance_log: bool = False,
) -> WebDriver:
    """Headless Chromium (Debian's, through its chromedriver) with a fresh profile in
    ``user_data_dir``, the console log readable with ``driver.get_log("browser")`` (and,
    with ``performance_log``, the DevTools events with ``get_log("performance")``) and
    downloads saved without asking into ``download_dir``."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} missing: run scripts/chromium.sh (as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={window[0]},{window[1]}")
    options.add_argument(f"--lang={lang}")
    options.add_argument(f"--user-data-dir={user_data_dir}")
    logs = {"browser": "ALL", **({"performance": "ALL"} if performance_log else {})}
    options.set_capability("goog:loggingPrefs", logs)
    if download_dir is not None:
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(download_dir),
                "download.prompt_for_download": False,
                "download.directory_upgrade": True,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.set_page_load_timeout(PAGE_TIMEOUT)
        driver.set_script_timeout(PAGE_TIMEOUT)
        if download_dir is not None:
            driver.execute_cdp_cmd(
                "Browser.setDownloadBehavior",
                {"behavior": "allow", "downloadPath": str(download_dir)},
            )
    except Exception:
        driver.quit()
        raise
    return driver


def fresh_tab(browser: WebDriver, origin: str) -> WebDriver:
    """``browser`` with one new tab (the others closed), at the default window size, with no
    cookies or storage of ``origin`` and an empty console log."""
    old_tabs = list(browser.window_handles)
    browser.switch_to.new_window("tab")
    for handle in old_tabs:
        browser.switch_to.window(handle)
        browser.close()
    browser.switch_to.window(browser.window_handles[0])
    browser.set_window_size(*WINDOW)
    browser.execute_cdp_cmd(
        "Storage.clearDataForOrigin",
        {"origin": origin, "storageTypes": "cookies,local_storage,session_storage,indexeddb"},
    )
    browser.get_log("browser")  # type: ignore[no-untyped-call]  # drop earlier entries
    return browser


def wait_for_page(
    driver: WebDriver,
    nav_labels: Sequence[str] = (),
    *,
    need_chart: bool = False,
    timeout: float = PAGE_TIMEOUT,
) -> None:
    """Wait (bounded) until the page is ready — see ``READY_SCRIPT`` — on two polls in a
    row, with ``nav_labels`` in the navigation and, when ``need_chart``, a chart drawn.
    Raises selenium's TimeoutException naming what was still missing, with the console's
    errors."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    ready_polls = 0
    missing = ""

    def ready(_: object) -> bool:
        nonlocal ready_polls, missing
        missing = str(driver.execute_script(READY_SCRIPT, list(nav_labels), need_chart) or "")
        ready_polls = 0 if missing else ready_polls + 1
        return ready_polls >= 2

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.3).until(ready)
    except TimeoutException:
        errors = "".join(f"\n  console: {entry['message']}" for entry in console_errors(driver))
        raise TimeoutException(
            f"{driver.current_url} not ready after {timeout:.0f} s: {missing}{errors}"
        ) from None


def console_errors(driver: WebDriver) -> list[dict[str, Any]]:
    """The browser console's SEVERE entries since the last call (a favicon 404 is none)."""
    get_log: Callable[[str], list[dict[str, Any]]] = driver.get_log  # selenium leaves it untyped
    return [
        entry
        for entry in get_log("browser")
        if entry.get("level") == "SEVERE"
        and not any(ignored in str(entry.get("message", "")) for ignored in IGNORED_CONSOLE)
    ]
