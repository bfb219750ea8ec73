"""The phone layout (issue #15, point 6), in real headless Chromium at 390 × 844 CSS pixels, in
Chinese and English, checked by element geometry (``phone_geometry``), not by eye:

- on every chart page, each chart's title lies wholly inside the part of its chart that can
  be seen (no "…by ye" cut at the right), clear of the plot area, of the range selector and
  of the toolbar while the toolbar shows (the pointer on the chart, as a tap does);
- no two consecutive x tick labels overlap (months and regions thinned or turned);
- the Data and Bulletins pages are never wider than the window: a wide table scrolls
  sideways in its own box instead of being cut or widening the page.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

import pytest
from browser_steps import assert_no_console_errors, open_page
from phone_geometry import chart_count, chart_problems, page_overflow
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.tools.screenshots import PHONE

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Every page that draws charts (the Overview's cards carry trend lines; the chart builder;
#: the Data page its coverage map).
CHART_PAGES = ("/", "/growth", "/products", "/regions", "/explore", "/data")
#: Seconds a chart may take to settle (titles re-wrapped after it is drawn or resized).
SETTLE = 4.0


@pytest.fixture
def phone(driver: Any) -> Any:
    """The browser's fresh tab in a phone's window (``driver`` restores the size next test)."""
    driver.set_window_size(*PHONE)
    assert driver.execute_script("return window.innerWidth") == PHONE[0]
    return driver


def _show_toolbar(driver: Any, index: int) -> None:
    """Scroll chart ``index`` into the middle of the window and put the pointer on it, as a
    tap does: its toolbar shows."""
    plot = driver.execute_script(
        "const gd = document.querySelectorAll('.js-plotly-plot')[arguments[0]];"
        "gd.scrollIntoView({block: 'center'}); return gd.querySelector('.main-svg');",
        index,
    )
    ActionChains(driver).move_to_element(plot).perform()


def _settled_faults(driver: Any, index: int) -> list[str]:
    """Chart ``index``'s faults once it has settled: none within ``SETTLE`` s, or the last
    ones found."""
    problems: list[str] = []

    def settled(_: object) -> bool:
        problems[:] = chart_problems(driver, index)
        return not problems

    with suppress(TimeoutException):  # the faults found last say what is wrong
        WebDriverWait(driver, SETTLE, poll_frequency=0.25).until(settled)
    return problems


def _faults(driver: Any) -> list[str]:
    """Every chart's faults, each with its toolbar showing."""
    found: list[str] = []
    for index in range(chart_count(driver)):
        _show_toolbar(driver, index)
        found += _settled_faults(driver, index)
    return found


@pytest.mark.parametrize("path", CHART_PAGES)
def test_on_a_phone_titles_are_whole_and_clear_and_ticks_never_run_together(
    phone: Any, app: App, path: str
) -> None:
    found = {}
    for lang in ("zh", "en"):
        open_page(phone, app, path, lang)
        assert chart_count(phone), f"{path}?lang={lang} drew no chart"
        found[lang] = _faults(phone)
    faults = [f"{lang}: {fault}" for lang, faults in found.items() for fault in faults]
    assert not faults, "\n".join(faults)
    assert_no_console_errors(phone)


@pytest.mark.parametrize("path", ["/data", "/bulletins"])
def test_on_a_phone_wide_tables_scroll_in_their_own_box(phone: Any, app: App, path: str) -> None:
    found = {}
    for lang in ("zh", "en"):
        open_page(phone, app, path, lang)
        assert phone.execute_script("return document.querySelectorAll('table').length")
        found[lang] = page_overflow(phone)
    assert found == {"zh": (0, []), "en": (0, [])}
