"""Browser tests: the real app under gunicorn, driven in real headless Chromium (selenium).

Every page of ``shell.NAVIGATION`` in both languages loads, with its charts drawn and no
error in the browser's console; the language switch turns the labels from Chinese to
English; choosing another period on the Overview page changes the URL, the cards and their
charts; and plotly.js and every other resource come from the app itself (no CDN).
``test_browser_downloads.py`` checks the downloads, ``test_browser_serving.py`` how the app is
served.

Marked ``browser`` and ``slow`` (``-m "not browser"`` leaves them out; the full test command runs
them). They need Debian's chromium and chromium-driver, which ``scripts/test.sh`` installs (through
``scripts/chromium.sh``) before pytest; see ``tests/dashboard/browser/conftest.py``. Written against
the shell's contract: the NAVIGATION paths, the ids of ``dashboard.ids``, and every chart a
``dcc.Graph`` (``.js-plotly-plot``). The common steps are in ``tests/support/browser_steps.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_steps import (
    CHART_PAGES,
    assert_no_console_errors,
    nav_labels,
    open_page,
    wait_until,
)
from selenium.webdriver.common.by import By

from dashboard import ids, shell
from dashboard.i18n import LANGS, t, value_text
from dashboard.tools.browser import NOT_FOUND, wait_for_page
from loaders import api
from loaders.store import Store

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CJK = re.compile(r"[\u3400-\u9fff]")
#: The titles of every chart but the cards' small trend lines, and of its axes.
CHART_TITLES_SCRIPT = """
const texts = [];
for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (plot.closest('.card-trend')) { continue; }
    const title = plot.querySelector('.gtitle');
    const axes = [...plot.querySelectorAll('.g-xtitle, .g-ytitle')].map(e => e.textContent);
    texts.push({title: title ? title.textContent : '', axes: axes});
}
return texts;
"""


def text_of(driver: Any, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


# -- every page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", [path for path, _ in shell.NAVIGATION])
def test_page_loads_without_console_errors(driver: Any, app: App, path: str, lang: str) -> None:
    open_page(driver, app, path, lang)
    content = text_of(driver, "_pages_content")
    assert NOT_FOUND not in content, f"{path} is not a page of the app: {content[:200]!r}"
    assert text_of(driver, ids.TITLE) == t("app_title", lang)
    active = driver.find_elements(By.CSS_SELECTOR, f"#{ids.NAV} .nav-link.active")
    assert [link.text for link in active] == [t(dict(shell.NAVIGATION)[path], lang)]
    if path in CHART_PAGES and path != "/":
        charts = driver.execute_script(CHART_TITLES_SCRIPT)
        assert charts, f"{path}: no chart"
        untitled = [chart for chart in charts if not chart["title"].strip()]
        assert not untitled, f"{path}: charts without a title: {untitled}"
        labels = [text for chart in charts for text in (chart["title"], *chart["axes"])]
        if lang == "en":
            chinese = [text for text in labels if CJK.search(text)]
            assert not chinese, f"{path}: Chinese labels on the English page: {chinese}"
        else:
            assert any(CJK.search(text) for text in labels), f"{path}: no Chinese label"
    assert_no_console_errors(driver)


@pytest.mark.parametrize("path", [path for path, _ in shell.NAVIGATION])
def test_language_switch_turns_labels_to_english(driver: Any, app: App, path: str) -> None:
    open_page(driver, app, path, "zh")
    assert text_of(driver, ids.TITLE) == t("app_title", "zh")
    chinese_content = text_of(driver, "_pages_content")
    assert CJK.search(chinese_content), f"{path}: no Chinese on the Chinese page"

    driver.find_element(By.ID, ids.LANG_LINK).click()
    wait_until(
        driver,
        lambda d: text_of(d, ids.TITLE) == t("app_title", "en"),
        f"{path}: the title did not turn English",
    )
    wait_for_page(driver, nav_labels("en"), need_chart=path in CHART_PAGES)
    url = urlsplit(driver.current_url)
    assert url.path == path
    assert parse_qs(url.query).get("lang") == ["en"]
    links = driver.find_elements(By.CSS_SELECTOR, f"#{ids.NAV} .nav-link:not(.lang)")
    assert [link.text for link in links] == nav_labels("en")
    assert text_of(driver, ids.LANG_LINK) == t("language", "en")
    english_content = text_of(driver, "_pages_content")
    assert english_content != chinese_content, f"{path}: the page's own labels did not change"
    assert_no_console_errors(driver)


# -- a control changes a chart ---------------------------------------------------------------

CARD_TREND_SCRIPT = """
const plot = document.querySelector('#overview-cards .card-trend .js-plotly-plot');
return plot && plot.data ? plot.data.map(trace => [trace.x, trace.y]) : null;
"""


def first_card_values(app: App) -> dict[str, str]:
    """The first card's figure (value added, year to date, y/y, as printed) by period, as
    the English page shows it, read from the app's store."""
    store = Store(app.database_url)
    try:
        rows = api.observations(
            "value_added",
            "national",
            basis="ytd",
            measure="yoy_pct",
            segment="all",
            derived=False,
            store=store,
        )
    finally:
        store.close()
    return {
        str(row.period): value_text(float(row.value), str(row.unit), "en")
        for row in rows.itertuples()
    }


def test_overview_period_changes_url_cards_and_charts(driver: Any, app: App) -> None:
    open_page(driver, app, "/", "en")
    current = driver.find_element(By.CSS_SELECTOR, f"#{ids.OVERVIEW_PERIOD}").text.strip()
    cards = text_of(driver, ids.OVERVIEW_CARDS)
    trend = driver.execute_script(CARD_TREND_SCRIPT)
    assert trend, "the first card has no trend chart"

    driver.find_element(By.ID, ids.OVERVIEW_PERIOD).click()
    options = wait_until(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, "[role=option]"),
        "the period dropdown did not open",
    )
    values = [o.find_element(By.TAG_NAME, "input").get_attribute("value") for o in options]
    assert current in values and len(values) > 3, values
    # Another period with a value-added figure, so the first card shows a number.
    expected = first_card_values(app)
    chosen_index = next(i for i, v in enumerate(values) if v != current and v in expected)
    chosen = values[chosen_index]
    options[chosen_index].click()

    wait_until(
        driver,
        lambda d: parse_qs(urlsplit(d.current_url).query).get("period") == [chosen],
        f"the URL did not take period={chosen}",
    )
    wait_until(
        driver,
        lambda d: text_of(d, ids.OVERVIEW_CARDS) != cards,
        "the cards did not change",
    )
    wait_for_page(driver, nav_labels("en"), need_chart=True)
    assert parse_qs(urlsplit(driver.current_url).query).get("lang") == ["en"]
    assert driver.find_element(By.ID, ids.OVERVIEW_PERIOD).text.strip() == chosen
    new_cards = text_of(driver, ids.OVERVIEW_CARDS)
    assert expected[chosen] in new_cards.splitlines(), (expected[chosen], new_cards)
    new_trend = driver.execute_script(CARD_TREND_SCRIPT)
    assert new_trend and new_trend != trend, "the first card's trend chart did not change"
    assert_no_console_errors(driver)


# -- served locally --------------------------------------------------------------------------


def test_plotly_and_every_resource_come_from_the_app(driver: Any, app: App) -> None:
    open_page(driver, app, "/", "zh")
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat([...document.scripts].map(s => s.src).filter(Boolean))"
        ".concat([...document.querySelectorAll('link[href]')].map(l => l.href))"
    )
    foreign = [name for name in resources if not name.startswith(app.url + "/")]
    assert not foreign, f"resources from elsewhere than the app: {foreign}"
    scripts = [name.split("?")[0] for name in resources]
    assert any("plotly" in name and name.endswith(".js") for name in scripts), resources
    assert driver.execute_script("return typeof window.Plotly") == "object"
