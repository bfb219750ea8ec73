"""Browser tests: the real app under gunicorn, driven in real headless Chromium (selenium).

Every page of ``shell.NAVIGATION`` in both languages loads, with its charts drawn and no
error in the browser's console; the language switch turns the labels from Chinese to
English; choosing another period on the Overview page changes the URL, the cards and their
charts; a CSV downloaded from the Data page equals the store's data for that filter; and
plotly.js and every other resource come from the app itself (no CDN).

Marked ``browser`` and ``slow`` (``-m "not browser"`` leaves them out; the full test command runs
them). They need Debian's chromium and chromium-driver, which ``scripts/test.sh`` installs (through
``scripts/chromium.sh``) before pytest; see ``tests/dashboard/browser/conftest.py``. Written against
the shell's contract: the NAVIGATION paths, the ids of ``dashboard.ids``, and every chart a
``dcc.Graph`` (``.js-plotly-plot``).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import select
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import ids, shell
from dashboard.i18n import LANGS, t, value_text
from dashboard.tools.screenshots import (
    NOT_FOUND,
    PAGE_TIMEOUT,
    ROOT,
    console_errors,
    free_port,
    stop,
    wait_for_page,
    wait_until_answers,
)
from loaders import api
from loaders.store import Store

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Pages whose content is charts (the Overview's cards each carry a trend line).
CHART_PAGES = ("/", "/growth", "/products", "/regions")
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


def nav_labels(lang: str) -> list[str]:
    return [t(key, lang) for _, key in shell.NAVIGATION]


def open_page(driver: Any, app: App, path: str, lang: str, **query: str) -> None:
    """Load ``path`` in ``lang`` and wait (bounded) until it has rendered."""
    driver.get(app.url + shell.with_query(path, {"lang": lang, **query}))
    wait_for_page(driver, nav_labels(lang), need_chart=path in CHART_PAGES)


def wait_until(driver: Any, condition: Any, message: str) -> Any:
    """``condition`` true within the page timeout; an element re-rendered while it was read
    (stale) counts as not yet, not as a failure."""
    return WebDriverWait(
        driver,
        PAGE_TIMEOUT,
        poll_frequency=0.2,
        ignored_exceptions=(StaleElementReferenceException,),
    ).until(condition, message)


def text_of(driver: Any, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


def assert_no_console_errors(driver: Any) -> None:
    errors = console_errors(driver)
    assert not errors, "browser console errors:\n" + "\n".join(e["message"] for e in errors)


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


# -- serving ---------------------------------------------------------------------------------


def test_procfile_serves_the_app_on_port() -> None:
    """The Procfile's web process is gunicorn with ``dashboard.app:server`` on ``$PORT``."""
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    web = [line for line in lines if line.startswith("web:")]
    assert len(web) == 1, lines
    assert re.search(r"^web:\s*gunicorn\s+[\"']?dashboard\.app:server[\"']?\s", web[0]), web
    assert re.search(r"--bind[ =]\S*:\$\{?PORT\b", web[0]), web


def fetch_gzip(url: str) -> tuple[str | None, bytes]:
    """GET ``url`` accepting gzip: its Content-Encoding and its body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_pages_and_scripts_are_gzipped_and_local(app: App) -> None:
    encoding, body = fetch_gzip(app.url + "/")
    assert encoding == "gzip"
    html = gzip.decompress(body).decode("utf-8")
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts and all(src.startswith("/") for src in scripts), scripts
    renderer = next(src for src in scripts if "dash_renderer" in src)
    assert fetch_gzip(app.url + renderer)[0] == "gzip"


def test_eim_serve_prints_the_address_and_serves(tmp_path: Path) -> None:
    """``eim serve --port N`` prints http://127.0.0.1:N/ first, then gunicorn serves there."""
    port = free_port()
    env = {**os.environ, "EIM_DATABASE_PATH": str(tmp_path / "eim.sqlite")}
    env.pop("EIM_DATABASE_URL", None)
    command = [sys.executable, "-m", "loaders.cli", "serve", "--port", str(port), "--workers", "1"]
    with (tmp_path / "gunicorn.log").open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, start_new_session=True
        )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "eim serve printed nothing within 30 s"
        first = process.stdout.readline().decode("utf-8")
        assert first.strip() == f"EIM Monitor dashboard: http://127.0.0.1:{port}/", first
        wait_until_answers(f"http://127.0.0.1:{port}/_dash-layout", process, 60)
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()


# -- downloads -------------------------------------------------------------------------------


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


#: The query keys of a download link (``dashboard.server.downloads``: the names of
#: ``api.observations``'s parameters; codes repeated or comma-separated).
CODE_FILTERS = ("indicator", "region", "segment", "basis", "measure")
FILTER = {"indicator": "revenue"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def api_filter(href: str) -> dict[str, Any]:
    """The ``api.observations`` keywords that a download link's query stands for."""
    query = parse_qs(urlsplit(href).query)
    known = {*CODE_FILTERS, "start", "end", "derived", "as_of", "lang"}
    assert set(query) <= known, f"download link {href}: unknown keys {set(query) - known}"
    keywords: dict[str, Any] = {}
    for key in CODE_FILTERS:
        codes = [code for value in query.get(key, []) for code in value.split(",") if code]
        if codes:
            keywords[key] = codes
    for key in ("start", "end"):
        if query.get(key):
            keywords[key] = query[key][0]
    if query.get("as_of", ["latest"])[0] != "latest":
        keywords["as_of"] = query["as_of"][0]
    derived = query.get("derived", ["all"])[0]
    if derived != "all":
        keywords["derived"] = {"true": True, "false": False}[derived]
    return keywords


def _text(value: object) -> str:
    text = str(value)
    return text.lower() if text in ("True", "False") else text


def comparable(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` of ``frame``: values as floats, the rest as text (true/false for
    booleans), in one order."""
    out = pd.DataFrame({column: frame[column].map(_text) for column in columns})
    if "value" in columns:
        out["value"] = pd.to_numeric(frame["value"]).astype(float)
    return out.sort_values([c for c in columns if c != "value"], ignore_index=True)


def test_data_page_csv_equals_the_store(driver: Any, app: App, download_dir: Path) -> None:
    open_page(driver, app, "/data", "en", **FILTER)
    links = wait_until(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#_pages_content a[href*='.csv']"),
        "the Data page has no CSV download link",
    )
    href = links[0].get_attribute("href")
    assert href.startswith(app.url + "/"), href
    keywords = api_filter(href)
    for key, value in FILTER.items():
        assert keywords.get(key) == [value], f"the link {href} does not keep {key}={value}"

    links[0].click()
    downloaded = wait_for_download(download_dir)
    raw = downloaded.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV is not UTF-8 with BOM (Excel reads GBK)"
    actual = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)

    store = Store(app.database_url)
    try:
        expected = api.observations(store=store, **keywords)
    finally:
        store.close()
    assert len(expected) > 0, f"the filter {keywords} selects nothing: a weak test"
    columns = [column for column in expected.columns if column in actual.columns]
    wanted = {"period", "indicator", "region", "segment", "basis", "measure", "value", "unit"}
    assert wanted <= set(columns), f"the CSV lacks {wanted - set(columns)}: {list(actual)}"
    assert len(actual) == len(expected), (len(actual), len(expected))
    if "text" in columns:  # a cell a spreadsheet would run as a formula gets an apostrophe
        actual["text"] = actual["text"].map(
            lambda text: text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text
        )
    pd.testing.assert_frame_equal(comparable(actual, columns), comparable(expected, columns))
    assert_no_console_errors(driver)


def test_every_chart_exports_svg(driver: Any, app: App, download_dir: Path) -> None:
    """Beside plotly's PNG button, each chart's modebar has an SVG button that downloads one."""
    open_page(driver, app, "/growth", "en")
    wait_until(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .modebar .eim-svg"),
        "no SVG button on the charts",
    )
    charts = driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")
    buttons = driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .modebar .eim-svg")
    assert len(buttons) == len(charts) > 0
    driver.execute_script("arguments[0].click()", buttons[0])
    downloaded = wait_for_download(download_dir)
    assert downloaded.suffix == ".svg", downloaded
    assert b"<svg" in downloaded.read_bytes()[:2000]
    assert_no_console_errors(driver)
