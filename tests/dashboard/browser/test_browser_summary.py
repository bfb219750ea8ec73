"""The Overview's summary in real headless Chromium (issue #7): the real app under gunicorn
(``app`` of ``tests/dashboard/browser/conftest.py``), the English Overview of 2023-11.

The summary is visible under the cards, its derived figures carry their tooltip, and a click
on a printed figure (the revenue, ``13.5 trillion yuan``) lands, without reloading the page,
on the Bulletins page showing the bulletin it came from, with that figure's row marked; no
error in the browser's console.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import ids, shell, summary
from dashboard.i18n import bulletin_name, t
from dashboard.tools.browser import PAGE_TIMEOUT, console_errors, wait_for_page
from loaders.store import Store

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A printed figure of 2023-11 as the English summary writes it, and as the bulletin printed it.
FIGURE, PRINTED = "13.5 trillion yuan", "13.5万亿元"


def nav_labels(lang: str) -> list[str]:
    return [t(key, lang) for _, key in shell.NAVIGATION]


def titles(app: App) -> dict[str, str]:
    store = Store(app.database_url)
    try:
        return {str(row["sha256"]): str(row["title"]) for row in store.bulletins()}
    finally:
        store.close()


def test_a_figure_of_the_summary_opens_its_bulletin(driver: Any, app: App) -> None:
    driver.get(app.url + shell.with_query("/", {"period": "2023-11", "lang": "en"}))
    wait_for_page(driver, nav_labels("en"), need_chart=True)
    section = driver.find_element(By.ID, summary.SUMMARY_ID)
    assert section.is_displayed()
    assert section.text.startswith("Summary")
    derived = section.find_elements(By.CSS_SELECTOR, "a.figure.derived")
    assert derived and all(
        "computed, not printed" in (link.get_attribute("title") or "") for link in derived
    )
    links = [
        link
        for link in section.find_elements(By.CSS_SELECTOR, "a.figure:not(.derived)")
        if link.text == FIGURE
    ]
    assert links, f"no link {FIGURE!r} in the summary"
    key = parse_qs(urlsplit(links[0].get_attribute("href")).query)["bulletin"][0]
    driver.execute_script("window.__eim_same_page = true;")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", links[0])
    links[0].click()

    WebDriverWait(driver, PAGE_TIMEOUT, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f"#{ids.BULLETINS_DETAIL} tr.fact-row.focus"),
        "the Bulletins page did not open at the figure",
    )
    wait_for_page(driver, nav_labels("en"))
    url = urlsplit(driver.current_url)
    assert url.path == "/bulletins"
    assert parse_qs(url.query)["lang"] == ["en"]
    assert driver.execute_script("return window.__eim_same_page === true;"), "the page reloaded"
    (sha,) = [sha for sha in titles(app) if sha.startswith(key)]
    detail = driver.find_element(By.ID, ids.BULLETINS_DETAIL)
    # the title as MIIT prints it: a dash where the stored text has the loader's hyphen
    assert detail.find_element(By.TAG_NAME, "h3").text == bulletin_name(
        "2023-11", "zh", titles(app)[sha]
    )
    assert sha[:16] in detail.text and sha not in detail.text  # its key, never the whole hash
    marked = detail.find_elements(By.CSS_SELECTOR, "tr.fact-row.focus")
    assert any(PRINTED in row.text for row in marked), [row.text for row in marked]
    selected = driver.find_element(By.CSS_SELECTOR, f"#{ids.BULLETINS_LIST} tr.selected")
    assert sha[:12] in selected.text
    errors = console_errors(driver)
    assert not errors, "browser console errors:\n" + "\n".join(e["message"] for e in errors)
