"""Steps every browser test takes (``tests/dashboard/browser/``): open a page in a language
until it has rendered, the navigation's labels a rendered page shows, a bounded wait on a
condition, the check that the browser's console holds no SEVERE entry, and the wait for a
download to finish. A ``driver`` is a
selenium WebDriver (typed ``Any``: selenium has no stubs the tests rely on)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import shell
from dashboard.i18n import t
from dashboard.tools.browser import PAGE_TIMEOUT, console_errors, wait_for_page

if TYPE_CHECKING:
    from browser_app import App

#: Pages whose content is charts (the Overview's cards each carry a trend line).
CHART_PAGES = ("/", "/growth", "/products", "/regions")


def nav_labels(lang: str) -> list[str]:
    """The navigation's link texts in ``lang``, in their order."""
    return [t(key, lang) for _, key in shell.NAVIGATION]


def open_page(driver: Any, app: App, path: str, lang: str, **query: str) -> None:
    """Load ``path`` in ``lang`` and wait (bounded) until it has rendered."""
    driver.get(app.url + shell.with_query(path, {"lang": lang, **query}))
    wait_for_page(driver, nav_labels(lang), need_chart=path in CHART_PAGES)


def wait_until(driver: Any, condition: Callable[[Any], Any], message: str) -> Any:
    """``condition`` true within the page timeout; an element re-rendered while it was read
    (stale) counts as not yet, not as a failure."""
    return WebDriverWait(
        driver,
        PAGE_TIMEOUT,
        poll_frequency=0.2,
        ignored_exceptions=(StaleElementReferenceException,),
    ).until(condition, message)


def assert_no_console_errors(driver: Any) -> None:
    errors = console_errors(driver)
    assert not errors, "browser console errors:\n" + "\n".join(e["message"] for e in errors)


def wait_for_download(folder: Path, timeout: float = PAGE_TIMEOUT) -> Path:
    """The one finished file in ``folder`` (bounded wait; Chromium writes *.crdownload)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = [p for p in folder.iterdir() if not p.name.endswith((".crdownload", ".tmp"))]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if files and not partial:
            return files[0]
        time.sleep(0.2)
    raise AssertionError(f"no download finished in {folder} within {timeout:.0f} s")
