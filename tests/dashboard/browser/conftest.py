"""Browser fixtures for the tests of this folder.

``app`` (one per session) is the real dashboard served by gunicorn
(``python -m gunicorn dashboard.app:server --bind 127.0.0.1:<free port> --workers 2``) on a
SQLite file of its own, which fills itself from the shipped ``datasets/`` on first use; the
fixture waits (bounded) until the app serves a page layout and stops it at the end.
``browser`` (one per session) is headless Chromium driven by selenium: Debian's ``chromium``
and ``chromium-driver`` with the flags they need as root, a new profile (``--user-data-dir``),
the console log readable with ``driver.get_log("browser")``; always quit at the end.
``driver`` gives each test a fresh tab of it (the HTTP cache kept, so plotly.js loads once;
the app's cookies and storage cleared, the console log drained, the window at its default
size) whose downloads are saved, without asking, into the test's own ``download_dir``.
``dashboard.tools.browser.console_errors(driver)`` gives the console's SEVERE entries.

``editor_app`` (one per session, started by the first Add page test) is a second app with
the editor's login configured (adding on, ``editor_client.EDITOR_ENV``) on a SQLite file of its
own; ``tab`` gives a test a fresh tab of the browser on it, not signed in.

``App`` (``tests/support/browser_app.py``) is what ``app`` gives; ``EditorApp``
(``tests/support/add_page_browser.py``) is what ``editor_app`` gives.

Without /usr/bin/chromium or /usr/bin/chromedriver the browser tests skip, naming
``scripts/chromium.sh`` (which ``scripts/test.sh`` runs first), except under CI (``CI`` set),
where they fail: CI must never pass without a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from add_page_browser import EditorApp
from browser_app import App
from ci import running_under_ci
from editor_client import EDITOR_ENV

from dashboard.tools.browser import CHROMEDRIVER, CHROMIUM, chrome, fresh_tab
from dashboard.tools.running import running_app


def _need_browser() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if not missing:
        return
    reason = f"{', '.join(missing)} missing: run scripts/chromium.sh (scripts/test.sh does)"
    if running_under_ci():
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The real app under gunicorn (2 workers) on a fresh SQLite store; stopped at the end."""
    database = tmp_path_factory.mktemp("browser-app") / "eim.sqlite"
    with running_app(database) as url:
        yield App(url, database)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session (its HTTP cache keeps plotly.js between tests:
    a cold page costs 2-3 s more); each test gets a fresh tab of it from ``driver``."""
    _need_browser()
    folder = tmp_path_factory.mktemp("browser")
    session = chrome(folder / "profile", folder / "downloads", lang="zh-CN")
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture
def download_dir(tmp_path: Path) -> Path:
    """The folder the ``driver``'s downloads go to (empty at the start of the test)."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def driver(browser: Any, app: App, download_dir: Path) -> Any:
    """The browser with one fresh tab, at the default window size, no cookies or storage of
    the app, an empty console log and downloads going to ``download_dir``."""
    fresh_tab(browser, app.url)
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    return browser


@pytest.fixture(scope="session")
def editor_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorApp]:
    """The real app (gunicorn, 2 workers) with the editor's login configured."""
    folder = tmp_path_factory.mktemp("browser-add")
    database, log = folder / "eim.sqlite", folder / "gunicorn.log"
    with running_app(database, env=EDITOR_ENV, log=log) as url:
        yield EditorApp(url, database, log)


@pytest.fixture
def tab(browser: Any, editor_app: EditorApp) -> Any:
    """The session's browser with one fresh tab: default size, no cookies or storage of this
    app's origin (so not signed in), an empty console log."""
    return fresh_tab(browser, editor_app.url)
