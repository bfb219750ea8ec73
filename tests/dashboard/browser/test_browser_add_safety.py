"""Browser tests of what the Add bulletin page refuses or defuses, in the real app under
gunicorn (adding on) driven in headless Chromium (selenium):

    too big   a file over ``adding.MAX_UPLOAD_BYTES`` is refused in the browser
              (``assets/upload_limit.js`` says so) and never sent to a callback
    hostile   a saved page with a <script>, a javascript: link and an <img onerror> is stored
              and shown on the Add and Bulletins pages as text: nothing of it runs

Every test ends with no SEVERE entry in the browser's console; waits are bounded, on
conditions. The editor's own flow is in ``test_browser_add.py``; the fixtures (``editor_app``,
``tab``) in ``conftest.py``.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import pytest
from add_page_browser import (
    FACT_ROWS,
    EditorApp,
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
from own_bulletin import own_bulletin
from selenium.webdriver.common.by import By

from dashboard import adding, ids
from dashboard.pages.bulletins_parts import bulletin_href
from dashboard.tools.browser import wait_for_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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
    assert link.get_attribute("href") == editor_app.url + bulletin_href(sha, "en")
    link.click()
    wait_until(tab, present(ids.BULLETINS_TEXT), "the bulletin's text did not open")
    wait_for_page(tab, nav_labels("en"))
    assert_shown_as_text(tab, sha)

    # The same page loaded afresh (a new document, not a client-side route change).
    tab.get(editor_app.url + bulletin_href(sha, "en"))
    wait_until(tab, present(ids.BULLETINS_TEXT), "the bulletin's page did not load")
    wait_for_page(tab, nav_labels("en"))
    assert_shown_as_text(tab, sha)
    assert_no_console_errors(tab)


def assert_shown_as_text(driver: Any, sha: str) -> None:
    """The Bulletins page shows the stored page: its sentences, and its raw source with the
    markup as text; nothing of the markup became elements or ran."""
    assert driver.execute_script(HOSTILE_SCRIPT) == SAFE
    content = text_of(driver, "_pages_content")
    # named by its key, the first 16 digits of its SHA-256; the whole hash is never shown
    assert sha[:16] in content and sha not in content, "the page does not name the bulletin"
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
