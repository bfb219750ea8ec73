"""Screenshots of every page in both languages, in real headless Chromium.

    python -m dashboard.tools.screenshots [OUT_DIR]
        (scripts/screenshots.sh; default screenshots/)

Starts the real app under gunicorn on a free port of 127.0.0.1 with a fresh SQLite store
(filled from the shipped ``datasets/`` on first use), opens each page of
``shell.NAVIGATION`` in Chinese and English, waits until the page has rendered and every
chart is drawn (bounded), sets the window as tall as the page and saves
``OUT_DIR/<page>-<lang>.png`` (``overview-zh.png``, ``growth-en.png``, …), printing each
file. The server and the browser are always stopped.

The parts here are shared with the browser tests (``tests/dashboard/browser/conftest.py``):
``running_app`` (gunicorn, bounded start, always stopped), ``chrome`` (Chromium with the
flags it needs as root, console logging and a download folder) and ``wait_for_page``.
Needs Debian's ``chromium``, ``chromium-driver`` and ``fonts-noto-cjk``
(``scripts/chromium.sh`` installs them). selenium is a development dependency: it is
imported only when a browser starts.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.cli.serve import APP, gunicorn_argv
from loaders.errors import EimError
from loaders.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = PROJECT_ROOT
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
LANGS = ("zh", "en")
#: Seconds: gunicorn answering with the page layout (first use fills the store), a page
#: rendering with its charts, the server stopping.
BOOT_TIMEOUT = 120.0
PAGE_TIMEOUT = 45.0
STOP_TIMEOUT = 15.0

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
    port = free_port()
    environment = {**os.environ, **(env or {})}
    if isinstance(database, Path):
        environment["EIM_DATABASE_PATH"] = str(database)
        environment.pop("EIM_DATABASE_URL", None)
        log = log or database.with_name(database.name + ".gunicorn.log")
    else:
        environment["EIM_DATABASE_URL"] = database
    if log is None:
        log = Path(tempfile.mkdtemp(prefix="eim-gunicorn-")) / "gunicorn.log"
    # --no-control-socket: leave ~/.gunicorn/gunicorn.ctl to a server the user runs.
    argv = [*gunicorn_argv(port, workers, app=app), "--no-control-socket", *gunicorn_args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
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


def save_full_page(driver: WebDriver, target: Path, nav_labels: Sequence[str]) -> None:
    """Make the window as tall as the page, let it settle, save a PNG of it."""
    height = int(
        driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        )
    )
    chrome_height = int(driver.execute_script("return window.outerHeight - window.innerHeight"))
    driver.set_window_size(WINDOW[0], max(WINDOW[1], height + chrome_height))
    wait_for_page(driver, nav_labels)  # charts redraw on resize
    if not driver.save_screenshot(str(target)):
        raise RuntimeError(f"could not save {target}")


def take_screenshots(
    out_dir: Path, *, timeout: float = PAGE_TIMEOUT
) -> tuple[list[Path], list[str]]:
    """Every page in every language as ``out_dir/<page>-<lang>.png``. Returns the files
    saved and the problems met: a page that is not ready in time is still saved (the image
    shows what is wrong) and named among the problems, as is any error in the console."""
    from selenium.common.exceptions import TimeoutException

    from dashboard import shell
    from dashboard.i18n import t

    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="eim-screenshots-") as scratch:
        work = Path(scratch)
        with running_app(work / "eim.sqlite") as url:
            driver = chrome(work / "profile")
            try:
                for path, key in shell.NAVIGATION:
                    for lang in LANGS:
                        labels = [t(nav_key, lang) for _, nav_key in shell.NAVIGATION]
                        target = out_dir / f"{key}-{lang}.png"
                        driver.set_window_size(*WINDOW)
                        driver.get(f"{url}{shell.with_query(path, {'lang': lang})}")
                        try:
                            wait_for_page(driver, labels, timeout=timeout)
                            save_full_page(driver, target, labels)
                        except TimeoutException as error:
                            problems.append(f"{target}: {error.msg}")
                            driver.save_screenshot(str(target))
                        saved.append(target)
                        print(target, flush=True)
                        content = driver.find_element("id", "_pages_content").text
                        if NOT_FOUND in content:
                            problems.append(f"{target}: {path} is not a page: {NOT_FOUND}")
                        problems.extend(
                            f"{target}: console: {entry['message']}"
                            for entry in console_errors(driver)
                        )
            finally:
                driver.quit()
    return saved, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/screenshots.sh",
        description="Save headless-Chromium screenshots of every dashboard page in Chinese "
        "and English as OUT_DIR/<page>-<lang>.png, from the app served by gunicorn on a "
        "fresh SQLite store filled from datasets/.",
    )
    parser.add_argument(
        "out_dir",
        nargs="?",
        type=Path,
        default=Path("screenshots"),
        metavar="OUT_DIR",
        help="folder for the PNG files (default: screenshots/)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=PAGE_TIMEOUT,
        metavar="SECONDS",
        help=f"longest wait for one page and its charts (default: {PAGE_TIMEOUT:.0f})",
    )
    args = parser.parse_args(argv)
    try:
        _, problems = take_screenshots(args.out_dir, timeout=args.timeout)
    except Exception as error:  # a message, not a traceback, for a command-line user
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())


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
