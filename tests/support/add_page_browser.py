"""The Add bulletin page as the browser tests drive it (``tests/dashboard/browser/``):
``EditorApp``, the running app with adding on (its URL, SQLite file and gunicorn log) and what
its store holds; and the editor's steps on the page (open it, sign in, upload a file, wait
for the preview or a message). A ``driver`` is a selenium WebDriver on a tab of that app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_steps import nav_labels, wait_until
from editor_client import PASSWORD, USER
from selenium.webdriver.common.by import By

from dashboard import ids, shell
from dashboard.tools.browser import wait_for_page
from loaders.store import Store

UPLOAD_INPUT = f"#{ids.ADD_UPLOAD} input[type=file]"
FACT_ROWS = "table.add-facts tbody tr"


@dataclass(frozen=True)
class EditorApp:
    """The running app with adding on: its URL, its SQLite file and gunicorn's log."""

    url: str
    database: Path
    log: Path

    @contextmanager
    def _store(self) -> Iterator[Store]:
        store = Store(f"sqlite:///{self.database}")
        try:
            yield store
        finally:
            store.close()

    def periods(self) -> list[str]:
        """The periods of the stored bulletins (one per vintage), read from the store."""
        with self._store() as store:
            return [str(row["period"]) for row in store.bulletins()]

    def version(self) -> int:
        with self._store() as store:
            return int(store.version())

    def sha256s(self) -> set[str]:
        with self._store() as store:
            return {str(row["sha256"]) for row in store.bulletins()}


def open_add(driver: Any, app: EditorApp, lang: str | None) -> None:
    """Load /add (in ``lang``; None: no query, the default language) until it has rendered."""
    path = shell.with_query("/add", {"lang": lang}) if lang else "/add"
    driver.get(app.url + path)
    wait_for_page(driver, nav_labels(lang or "zh"))


def present(element_id: str) -> Callable[[Any], bool]:
    return lambda d: bool(d.find_elements(By.ID, element_id))


def text_of(driver: Any, element_id: str) -> str:
    """The element's text; "" while it is not on the page."""
    found = driver.find_elements(By.ID, element_id)
    return str(found[0].text) if found else ""


def assert_signed_out_form(driver: Any, lang: str) -> None:
    """The sign-in form, and none of the editor's controls."""
    form = driver.find_element(By.ID, ids.ADD_LOGIN_FORM)
    assert form.find_elements(By.NAME, "user") and form.find_elements(By.NAME, "password")
    assert form.find_element(By.CSS_SELECTOR, "button[type=submit]").text == (
        "登录" if lang == "zh" else "Sign in"
    )
    for element_id in (ids.ADD_UPLOAD, ids.ADD_TEXT, ids.ADD_PREVIEW, ids.ADD_CONFIRM):
        assert not driver.find_elements(By.ID, element_id), f"#{element_id} shown signed out"
    assert not driver.find_elements(By.CSS_SELECTOR, "input[type=file]")
    assert not driver.find_elements(By.ID, ids.ADD_LOGOUT_FORM)


def sign_in(driver: Any) -> None:
    """Fill and send the sign-in form; wait for the editor's form."""
    form = driver.find_element(By.ID, ids.ADD_LOGIN_FORM)
    form.find_element(By.NAME, "user").send_keys(USER)
    form.find_element(By.NAME, "password").send_keys(PASSWORD)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(driver, present(ids.ADD_UPLOAD), "signing in did not show the upload control")
    wait_for_page(driver)
    assert driver.find_elements(By.ID, ids.ADD_LOGOUT_FORM)
    assert not driver.find_elements(By.ID, ids.ADD_LOGIN_FORM)


def upload(driver: Any, path: Path) -> None:
    """Choose ``path`` in the upload's file input (as the file dialog would)."""
    driver.find_element(By.CSS_SELECTOR, UPLOAD_INPUT).send_keys(str(path))


def wait_for_preview(driver: Any, heading: str) -> str:
    """Wait until the preview area shows ``heading`` and its table; its text."""
    wait_until(
        driver,
        lambda d: (
            heading in text_of(d, ids.ADD_PREVIEW_AREA)
            and d.find_elements(By.CSS_SELECTOR, FACT_ROWS)
        ),
        f"no preview with {heading!r}; message: {text_of(driver, ids.ADD_MESSAGE)!r}",
    )
    return text_of(driver, ids.ADD_PREVIEW_AREA)


def enabled(driver: Any, element_id: str) -> bool:
    return bool(driver.find_element(By.ID, element_id).is_enabled())


def wait_for_message(driver: Any, wanted: str) -> str:
    wait_until(
        driver,
        lambda d: wanted in text_of(d, ids.ADD_MESSAGE),
        f"the message never said {wanted!r}",
    )
    return text_of(driver, ids.ADD_MESSAGE)
