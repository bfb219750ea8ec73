"""The charts' toolbar and the browser tab, in the page's language (issue #15, point 4), in
real headless Chromium: no "Share chart…" button (it would send the chart to an outside
service), the toolbar's tooltips in Chinese on a Chinese page, and the tab's title in the
page's language, also after the language switch."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from browser_steps import assert_no_console_errors, nav_labels, open_page, wait_until
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.tools.browser import wait_for_page

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Every toolbar button's tooltip on the page.
TOOLTIPS = (
    "return [...document.querySelectorAll('.js-plotly-plot .modebar-btn')]"
    ".map(a => a.getAttribute('data-title'))"
)


@pytest.mark.parametrize("path", ["/growth", "/products", "/regions"])
def test_the_toolbar_speaks_the_page_language_and_shares_nothing(
    driver: Any, app: App, path: str
) -> None:
    for lang in ("zh", "en"):
        open_page(driver, app, path, lang)
        titles = wait_until(driver, lambda d: d.execute_script(TOOLTIPS), "no toolbar drawn")
        assert not [t for t in titles if "Share" in t or "分享" in t or "Cloud" in t], titles
        english = [t for t in titles if re.fullmatch(r"[A-Za-z .]+", t) and t != "SVG"]
        if lang == "zh":
            assert not english, f"English tooltips on a Chinese page: {english}"
            assert "下载图表为PNG格式" in titles
        else:
            assert "Download plot as a PNG" in titles
    assert_no_console_errors(driver)


def test_the_tab_title_follows_the_language(driver: Any, app: App) -> None:
    open_page(driver, app, "/growth", "en")
    assert driver.title == "Growth · EIM Monitor"
    driver.find_element(By.ID, ids.LANG_LINK).click()
    wait_for_page(driver, nav_labels("zh"))
    wait_until(driver, lambda d: d.title == "增长 · EIM Monitor", f"title stayed {driver.title!r}")
    assert_no_console_errors(driver)
