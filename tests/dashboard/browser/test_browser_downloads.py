"""Browser tests of the downloads, in real headless Chromium on the real app under gunicorn: a
CSV downloaded from the Data page equals the store's data for that filter (``api.observations``
with the keywords its link stands for), and every chart's modebar has an SVG button that
downloads one. Downloads land in the test's own ``download_dir`` (``conftest.py``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from browser_steps import assert_no_console_errors, open_page, wait_for_download, wait_until
from selenium.webdriver.common.by import By

from loaders import api
from loaders.store import Store

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# -- downloads -------------------------------------------------------------------------------


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
