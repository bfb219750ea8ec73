"""Browser tests of the Add bulletin page, as an editor uses it: the real app under gunicorn
(2 workers, adding on through ``editor_client.EDITOR_ENV``) on a SQLite store of its own, driven
in headless Chromium (selenium).

    English   sign in -> upload a .txt -> preview (36 facts) -> confirm -> the Growth page
              draws the new month -> sign out: the form is gone and the tab's session with it
    Chinese   sign in -> paste -> preview (Chinese headers) -> cancel: nothing stored

``test_browser_add_safety.py`` holds what the page refuses or defuses (a file over the limit, a
hostile saved page). Every test ends with no SEVERE entry in the browser's console. Waits are
bounded (``PAGE_TIMEOUT``), on conditions, never fixed sleeps. See
``tests/dashboard/browser/conftest.py`` for the browser and the ``editor_app``/``tab`` fixtures,
``tests/support/add_page_browser.py`` for the editor's steps; ``test_add_page.py`` drives the
same callback over plain HTTP.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from add_page_browser import (
    FACT_ROWS,
    EditorApp,
    assert_signed_out_form,
    enabled,
    open_add,
    present,
    sign_in,
    text_of,
    upload,
    wait_for_message,
    wait_for_preview,
)
from browser_steps import assert_no_console_errors, nav_labels, wait_until
from editor_client import CALLBACK_URL, EditorClient
from own_bulletin import own_bulletin
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.i18n import t
from dashboard.tools.browser import wait_for_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Every chart's traces as [x, y] pairs (a year overlay's x are month names, not periods).
TRACES_SCRIPT = """
return [...document.querySelectorAll('.js-plotly-plot')]
    .flatMap(plot => (plot.data || []).map(trace => [trace.x || [], trace.y || []]));
"""


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
    # The link opens Growth in English; the page may then write its view (indicator, basis,
    # years) into the query string, before or after this line reads it.
    landed = urlsplit(tab.current_url)
    assert (landed.scheme, landed.netloc, landed.path) == (
        "http",
        urlsplit(editor_app.url).netloc,
        "/growth",
    )
    assert parse_qs(landed.query).get("lang") == ["en"], tab.current_url
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
    tab.find_element(By.ID, ids.ADD_TEXT).send_keys(own_bulletin(8))
    tab.find_element(By.ID, ids.ADD_PREVIEW).click()
    preview = wait_for_preview(tab, "预览：2025-08")
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
    assert "2025-08" not in editor_app.periods()
    assert editor_app.version() == before
    assert_no_console_errors(tab)
