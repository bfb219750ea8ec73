"""Browser tests of the Add bulletin page: the real app under gunicorn (2 workers, adding on
through ``editor_client.EDITOR_ENV``) on a SQLite store of its own, driven in headless
Chromium (selenium), as an editor does it.

    English   sign in -> upload a .txt -> preview (36 facts) -> confirm -> the Growth page
              draws the new month -> sign out: the form is gone and the tab's session with it
    Chinese   sign in -> paste -> preview (Chinese headers) -> cancel: nothing stored
    too big   a file over ``adding.MAX_UPLOAD_BYTES`` is refused in the browser
              (``assets/upload_limit.js`` says so) and never sent to a callback
    hostile   a saved page with a <script>, a javascript: link and an <img onerror> is stored
              and shown on the Add and Bulletins pages as text: nothing of it runs

Every test ends with no SEVERE entry in the browser's console. Waits are bounded (``PAGE_TIMEOUT``),
on conditions, never fixed sleeps. See ``tests/dashboard/browser/conftest.py`` for the browser;
``test_add_page.py`` drives the same callback over plain HTTP.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from editor_client import CALLBACK_URL, EDITOR_ENV, PASSWORD, USER, EditorClient
from own_bulletin import own_bulletin
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import adding, ids, shell
from dashboard.i18n import t
from dashboard.pages import bulletins
from dashboard.tools.screenshots import (
    PAGE_TIMEOUT,
    console_errors,
    fresh_tab,
    running_app,
    wait_for_page,
)
from loaders.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UPLOAD_INPUT = f"#{ids.ADD_UPLOAD} input[type=file]"
FACT_ROWS = "table.add-facts tbody tr"
#: Every chart's traces as [x, y] pairs (a year overlay's x are month names, not periods).
TRACES_SCRIPT = """
return [...document.querySelectorAll('.js-plotly-plot')]
    .flatMap(plot => (plot.data || []).map(trace => [trace.x || [], trace.y || []]));
"""
#: Records the body of every callback request the page sends from now on.
RECORD_CALLBACKS_SCRIPT = """
window.__eim_callbacks = [];
const original = window.fetch;
window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (String(url).includes('_dash-update-component')) {
        window.__eim_callbacks.push(String((init && init.body) || ''));
    }
    return original.apply(this, arguments);
};
"""
#: What a page script could have left behind, and markup that could run one.
HOSTILE_SCRIPT = """
return {
    pwned: typeof window.__eim_pwned,
    javascript_links: document.querySelectorAll('a[href^="javascript" i]').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    images: document.querySelectorAll('#_pages_content img').length,
    scripts_in_page: document.querySelectorAll('#_pages_content script').length,
};
"""
SAFE = {
    "pwned": "undefined",
    "javascript_links": 0,
    "handlers": 0,
    "images": 0,
    "scripts_in_page": 0,
}


@dataclass(frozen=True)
class EditorApp:
    """The running app with adding on: its URL, its SQLite file and gunicorn's log."""

    url: str
    database: Path
    log: Path

    def periods(self) -> list[str]:
        """The periods of the stored bulletins (one per vintage), read from the store."""
        store = Store(f"sqlite:///{self.database}")
        try:
            return [str(row["period"]) for row in store.bulletins()]
        finally:
            store.close()

    def version(self) -> int:
        store = Store(f"sqlite:///{self.database}")
        try:
            return int(store.version())
        finally:
            store.close()

    def sha256s(self) -> set[str]:
        store = Store(f"sqlite:///{self.database}")
        try:
            return {str(row["sha256"]) for row in store.bulletins()}
        finally:
            store.close()


@pytest.fixture(scope="module")
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


# -- helpers ---------------------------------------------------------------------------------


def wait_until(driver: Any, condition: Callable[[Any], Any], message: str) -> Any:
    return WebDriverWait(driver, PAGE_TIMEOUT, poll_frequency=0.2).until(condition, message)


def nav_labels(lang: str) -> list[str]:
    return [t(key, lang) for _, key in shell.NAVIGATION]


def open_add(driver: Any, app: EditorApp, lang: str | None) -> None:
    """Load /add (in ``lang``; None: no query, the default language) until it has rendered."""
    path = shell.with_query("/add", {"lang": lang}) if lang else "/add"
    driver.get(app.url + path)
    wait_for_page(driver, nav_labels(lang or "zh"))


def present(element_id: str) -> Callable[[Any], bool]:
    return lambda d: bool(d.find_elements(By.ID, element_id))


def text_of(driver: Any, element_id: str) -> str:
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


def assert_no_console_errors(driver: Any) -> None:
    errors = console_errors(driver)
    assert not errors, "browser console errors:\n" + "\n".join(e["message"] for e in errors)


def points_at(driver: Any, period: str) -> list[Any]:
    """The y values every chart of the page draws at x == ``period`` (None: a gap)."""
    return [
        y[x.index(period)] if x.index(period) < len(y) else None
        for x, y in driver.execute_script(TRACES_SCRIPT)
        if period in x
    ]


# -- the whole flow, in English ----------------------------------------------------------------


def test_sign_in_upload_preview_confirm_growth_sign_out(
    tab: Any, editor_app: EditorApp, tmp_path: Path
) -> None:
    assert "2025-06" not in editor_app.periods()
    open_add(tab, editor_app, "en")
    assert_signed_out_form(tab, "en")

    sign_in(tab)
    assert tab.current_url == f"{editor_app.url}/add?lang=en"
    assert not enabled(tab, ids.ADD_CONFIRM), "confirm is enabled before any preview"

    bulletin = tmp_path / "own_2025-06.txt"
    bulletin.write_text(own_bulletin(6), encoding="utf-8")
    before = editor_app.version()
    upload(tab, bulletin)
    preview = wait_for_preview(tab, "Preview: 2025-06")
    assert "36 facts read: 36 new" in preview, preview
    assert len(tab.find_elements(By.CSS_SELECTOR, FACT_ROWS)) == 36
    wait_until(tab, lambda d: enabled(d, ids.ADD_CONFIRM), "confirm stayed disabled")
    assert editor_app.version() == before, "the preview stored something"

    tab.find_element(By.ID, ids.ADD_CONFIRM).click()
    stored = wait_for_message(tab, "Stored: 2025-06, vintage 1, 36 facts")
    assert "(36 new, 0 revised)" in stored, stored
    assert not enabled(tab, ids.ADD_CONFIRM), "confirm still enabled after storing"
    assert "2025-06" in editor_app.periods()

    growth = tab.find_element(By.CSS_SELECTOR, f"#{ids.ADD_MESSAGE} a[href^='/growth']")
    assert growth.text == "See it on the Growth page"
    growth.click()
    wait_until(tab, lambda d: "/growth" in d.current_url, "the Growth link did not navigate")
    assert tab.current_url == f"{editor_app.url}/growth?lang=en"
    wait_for_page(tab, nav_labels("en"), need_chart=True)
    drawn = points_at(tab, "2025-06")
    assert any(y is not None for y in drawn), f"no chart draws a value at 2025-06: {drawn}"

    open_add(tab, editor_app, "en")
    tab.find_element(By.CSS_SELECTOR, f"#{ids.ADD_LOGOUT_FORM} button[type=submit]").click()
    wait_until(tab, present(ids.ADD_LOGIN_FORM), "signing out did not show the sign-in form")
    wait_for_page(tab, nav_labels("en"))
    assert tab.current_url == f"{editor_app.url}/add?lang=en"
    assert_signed_out_form(tab, "en")

    # The tab's session has ended: a callback it sends now is refused by the server.
    body = EditorClient(editor_app.url).body(
        f"{ids.ADD_PREVIEW}.n_clicks",
        {
            f"{ids.ADD_PREVIEW}.n_clicks": 1,
            f"{ids.ADD_TEXT}.value": own_bulletin(9),
            f"{ids.URL}.search": "?lang=en",
        },
    )
    answer = tab.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},
                             body: arguments[1]})
            .then(r => r.text().then(text => done([r.status, text])))
            .catch(e => done([0, String(e)]));
        """,
        CALLBACK_URL,
        json.dumps(body),
    )
    assert answer[0] == 200 and "You are not signed in" in answer[1], answer
    assert "2025-09" not in editor_app.periods()
    assert_no_console_errors(tab)


# -- Chinese: paste, preview, cancel ----------------------------------------------------------


def test_chinese_paste_preview_and_cancel_stores_nothing(tab: Any, editor_app: EditorApp) -> None:
    open_add(tab, editor_app, None)
    assert "添加公报需要编辑登录" in text_of(tab, "_pages_content")
    assert_signed_out_form(tab, "zh")
    sign_in(tab)
    assert tab.current_url == f"{editor_app.url}/add?lang=zh"

    before = editor_app.version()
    tab.find_element(By.ID, ids.ADD_TEXT).send_keys(own_bulletin(7))
    tab.find_element(By.ID, ids.ADD_PREVIEW).click()
    preview = wait_for_preview(tab, "预览：2025-07")
    headers = [th.text for th in tab.find_elements(By.CSS_SELECTOR, "table.add-facts thead th")]
    assert t("indicator", "zh") in headers and "指标" in headers, headers
    assert "与库中比较" in headers, headers
    assert "读出 36 个数据" in preview, preview
    assert len(tab.find_elements(By.CSS_SELECTOR, FACT_ROWS)) == 36
    wait_until(tab, lambda d: enabled(d, ids.ADD_CANCEL), "cancel stayed disabled")

    tab.find_element(By.ID, ids.ADD_CANCEL).click()
    wait_for_message(tab, "已取消")
    assert "未保存任何内容" in text_of(tab, ids.ADD_MESSAGE)
    assert not tab.find_elements(By.CSS_SELECTOR, "table.add-facts"), "the preview stayed"
    assert not enabled(tab, ids.ADD_CONFIRM), "confirm still enabled after cancel"
    assert "2025-07" not in editor_app.periods()
    assert editor_app.version() == before
    assert_no_console_errors(tab)


# -- a file over the limit --------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_in_the_browser(
    tab: Any, editor_app: EditorApp, tmp_path: Path
) -> None:
    open_add(tab, editor_app, "en")
    sign_in(tab)
    big = tmp_path / "big_2025-08.txt"
    text = own_bulletin(8) + "\n"
    line = "电子信息制造业运行情况说明。\n"  # 43 bytes in UTF-8
    lines = (adding.MAX_UPLOAD_BYTES * 6 // 5 - len(text.encode())) // len(line.encode()) + 1
    big.write_text(text + line * lines, encoding="utf-8")
    size = big.stat().st_size
    assert 1.15 * 1024 * 1024 < size < 1.25 * 1024 * 1024, size
    before = editor_app.version()

    tab.execute_script(RECORD_CALLBACKS_SCRIPT)
    upload(tab, big)
    shown = wait_for_message(tab, "was not uploaded")
    assert shown == "big_2025-08.txt has 1.2 MB, more than the 1 MB allowed: it was not uploaded."
    assert "error" in (tab.find_element(By.ID, ids.ADD_MESSAGE).get_attribute("class") or "")

    # A callback round trip after the refusal: had the upload been sent, it went first.
    tab.find_element(By.ID, ids.ADD_PREVIEW).click()
    wait_for_message(tab, "Paste the bulletin's text")
    sent = [json.loads(body) for body in tab.execute_script("return window.__eim_callbacks")]
    changed = [prop for body in sent for prop in body.get("changedPropIds", [])]
    assert f"{ids.ADD_PREVIEW}.n_clicks" in changed, sent  # the recording works
    assert f"{ids.ADD_UPLOAD}.contents" not in changed, changed
    assert not any("base64," in json.dumps(body) for body in sent), "the file was sent"
    assert not text_of(tab, ids.ADD_PREVIEW_AREA).strip()
    assert not enabled(tab, ids.ADD_CONFIRM)
    assert editor_app.version() == before
    assert "2025-08" not in editor_app.periods()
    assert_no_console_errors(tab)


# -- a hostile saved page ---------------------------------------------------------------------


def hostile_page(text: str) -> str:
    """``text`` as a saved web page, one paragraph a line, with markup that would run script
    if a page ever rendered it as HTML."""
    paragraphs = [line for line in text.splitlines() if line.strip()]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in paragraphs)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(paragraphs[0])}</title>\n"
        "<script>window.__eim_pwned = 1;</script></head>\n<body>\n"
        '<p><a href="javascript:window.__eim_pwned=2">打开</a></p>\n'
        f"{body}\n"
        '<p><img src=x onerror="window.__eim_pwned=3"></p>\n'
        "</body></html>\n"
    )


def test_a_hostile_html_page_is_stored_and_shown_as_text(
    tab: Any, editor_app: EditorApp, tmp_path: Path
) -> None:
    page = hostile_page(own_bulletin(11))
    sha = hashlib.sha256(page.encode("utf-8")).hexdigest()
    saved = tmp_path / "bulletin_2025-11.html"
    saved.write_bytes(page.encode("utf-8"))
    open_add(tab, editor_app, "en")
    sign_in(tab)

    upload(tab, saved)
    wait_for_preview(tab, "Preview: 2025-11")
    assert len(tab.find_elements(By.CSS_SELECTOR, FACT_ROWS)) == 36
    assert tab.execute_script(HOSTILE_SCRIPT) == SAFE
    wait_until(tab, lambda d: enabled(d, ids.ADD_CONFIRM), "confirm stayed disabled")
    tab.find_element(By.ID, ids.ADD_CONFIRM).click()
    wait_for_message(tab, "Stored: 2025-11, vintage 1, 36 facts")
    assert sha in editor_app.sha256s(), "the stored text is not the file's text"
    assert tab.execute_script(HOSTILE_SCRIPT) == SAFE

    link = tab.find_element(By.CSS_SELECTOR, f"#{ids.ADD_MESSAGE} a[href^='/bulletins']")
    assert link.get_attribute("href") == editor_app.url + bulletins.bulletin_href(sha, "en")
    link.click()
    wait_until(tab, present(ids.BULLETINS_TEXT), "the bulletin's text did not open")
    wait_for_page(tab, nav_labels("en"))
    assert_shown_as_text(tab, sha)

    # The same page loaded afresh (a new document, not a client-side route change).
    tab.get(editor_app.url + bulletins.bulletin_href(sha, "en"))
    wait_until(tab, present(ids.BULLETINS_TEXT), "the bulletin's page did not load")
    wait_for_page(tab, nav_labels("en"))
    assert_shown_as_text(tab, sha)
    assert_no_console_errors(tab)


def assert_shown_as_text(driver: Any, sha: str) -> None:
    """The Bulletins page shows the stored page: its sentences, and its raw source with the
    markup as text; nothing of the markup became elements or ran."""
    assert driver.execute_script(HOSTILE_SCRIPT) == SAFE
    content = text_of(driver, "_pages_content")
    assert sha in content, "the page does not show the bulletin's SHA-256"
    assert "1-11月份" in text_of(driver, ids.BULLETINS_TEXT)
    raw = driver.execute_script(
        "return [...document.querySelectorAll('#_pages_content details pre')]"
        ".map(pre => pre.textContent).join('\\n')"
    )
    for markup in (
        "<script>window.__eim_pwned = 1;</script>",
        '<a href="javascript:window.__eim_pwned=2">',
        '<img src=x onerror="window.__eim_pwned=3">',
    ):
        assert markup in raw, f"the raw source does not show {markup!r} as text"
