"""Each chart's own actions and the view in the URL (issue #15, points 1-3), in real headless
Chromium on the real app under gunicorn, in Chinese and in English:

- one click on a chart's CSV downloads exactly the points it draws (zoomed or not), with
  headers in the page's language and bulletins named by title;
- the Table and Cite actions show the same points and a citation naming the publisher, the
  bulletins, the view's address and the date;
- a zoom goes into the address; the Link action's address, opened in a new browser with a
  profile of its own, restores indicator, basis, years and the zoomed months; the language
  switch keeps them too;
- ``?embed=1&chart=…`` renders that chart alone, and another site can frame it (a page served
  from another port frames it in the test), while every other page still refuses frames;
- the Products page draws smartphones and integrated circuits in one chart, and the Growth
  page has a profit-margin chart.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_steps import (
    assert_no_console_errors,
    nav_labels,
    open_page,
    wait_for_download,
    wait_until,
)
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.i18n import indicator_name, t
from dashboard.tools.browser import chrome, wait_for_page

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHA256 = r"[0-9a-f]{64}"

#: The points a chart draws inside the months it shows: [series, period, value] of every
#: data trace (``meta.unit``), as the browser holds them.
DRAWN = """
const box = document.getElementById(arguments[0]);
const gd = box.querySelector('.js-plotly-plot') || box;
const axis = gd._fullLayout.xaxis;
const range = axis.type === 'date' ? axis.range.map(v => String(v).slice(0, 10)) : null;
const rows = [];
for (const trace of gd.data) {
  if (!trace.meta || typeof trace.meta !== 'object' || !trace.meta.unit) continue;
  trace.y.forEach((y, i) => {
    const period = trace.customdata[i] && trace.customdata[i][2];
    if (y === null || !period) return;
    if (range && !(range[0] <= period + '-01' && period + '-01' <= range[1])) return;
    rows.push([trace.name, period, y]);
  });
}
return rows;
"""


#: A script's first line: ``gd``, the plotly graph of the chart whose DOM id is arguments[0].
GD = "const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');\n"


def chart_dom_id(page: str, name: str) -> str:
    """The DOM id Dash gives the pattern-matching id of a chart."""
    return json.dumps(
        {"name": name, "page": page, "type": ids.CHART}, separators=(",", ":"), sort_keys=True
    )


def drawn(driver: Any, page: str, name: str) -> list[tuple[str, str, float]]:
    rows = driver.execute_script(DRAWN, chart_dom_id(page, name))
    return sorted((str(s), str(p), float(v)) for s, p, v in rows)


def action(driver: Any, page: str, name: str, which: str) -> Any:
    return driver.find_element(
        By.CSS_SELECTOR,
        f'.chart-actions[data-page="{page}"][data-chart="{name}"] [data-action="{which}"]',
    )


def panel_field(driver: Any, chart: str, field: str) -> Any:
    """The text field ``field`` (link, embed, citation) once the chart's panel shows it."""
    found = wait_until(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, f"[data-chart={chart}] [data-field={field}]"),
        f"no {field} shown",
    )
    return found[0]


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def zoom(driver: Any, page: str, name: str, first: str, last: str) -> None:
    """Zoom a chart as a drag does (plotly's relayout, the event a drag ends with)."""
    driver.execute_script(
        GD + "Plotly.relayout(gd, {'xaxis.range': arguments[1]})",
        chart_dom_id(page, name),
        [first, last],
    )
    wait_until(
        driver,
        lambda d: parse_qs(urlsplit(d.current_url).query).get("start") == [first],
        "the zoom did not reach the address bar",
    )


def shown_range(driver: Any, page: str, name: str) -> list[str]:
    return [
        str(v)[:10]
        for v in driver.execute_script(
            GD + "return gd.layout.xaxis.range",
            chart_dom_id(page, name),
        )
    ]


# -- downloads, table, citation ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_click_downloads_the_points_the_growth_chart_draws(
    driver: Any, app: App, download_dir: Path, lang: str
) -> None:
    open_page(driver, app, "/growth", lang, indicator="revenue")
    zoom(driver, "growth", "growth", "2020-01-01", "2023-12-31")
    points = drawn(driver, "growth", "growth")
    assert len(points) > 10 and {p[0] for p in points} >= {t("growth.revenue", lang)}
    assert all("2020-01" <= period <= "2023-12" for _, period, _ in points)
    action(driver, "growth", "growth", "csv").click()
    rows = read_csv(wait_for_download(download_dir))
    header = {
        key: t(f"chart.{key}", lang) for key in ("series", "period", "value", "bulletin", "unit")
    }
    got = sorted(
        (row[header["series"]], row[header["period"]], float(row[header["value"]])) for row in rows
    )
    assert got == points
    assert all(row[header["bulletin"]] for row in rows), "a row without its bulletin's title"
    text = "".join(",".join(row.values()) for row in rows) + ",".join(rows[0])
    assert not re.search(SHA256, text)
    if lang == "en":
        assert rows[0][header["bulletin"]].startswith("MIIT bulletin, ")
    else:
        assert rows[0][header["bulletin"]].endswith("电子信息制造业运行情况")
    assert_no_console_errors(driver)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_and_citation_of_a_chart(driver: Any, app: App, lang: str) -> None:
    open_page(driver, app, "/growth", lang)
    points = drawn(driver, "growth", "margin")
    assert points, "the profit-margin chart draws nothing"
    action(driver, "growth", "margin", "table").click()
    table = wait_until(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, ".chart-actions[data-chart=margin] table"),
        "no table opened",
    )[0]
    headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert headers[:3] == [t("chart.series", lang), t("chart.period", lang), t("chart.value", lang)]
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == len(points)
    action(driver, "growth", "margin", "cite").click()
    citation = panel_field(driver, "margin", "citation").get_attribute("value")
    publisher = "工业和信息化部运行监测协调局" if lang == "zh" else "MIIT Operation Monitoring"
    assert publisher in citation
    assert driver.current_url in citation and "{url}" not in citation
    assert datetime.now(UTC).date().isoformat() in citation
    assert t("growth.margin_title", lang) in citation
    assert_no_console_errors(driver)


# -- the URL is the view -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_copied_link_restores_the_view_in_a_new_browser(
    driver: Any, app: App, tmp_path: Path, lang: str
) -> None:
    open_page(
        driver,
        app,
        "/growth",
        lang,
        indicator="export_delivery_value",
        basis="month",
        years="2022,2024",
    )
    zoom(driver, "growth", "growth", "2021-03-01", "2024-02-29")
    # the page's other date chart follows the zoom
    wait_until(
        driver,
        lambda d: shown_range(d, "growth", "month") == ["2021-03-01", "2024-02-29"],
        "the single-month chart did not follow the zoom",
    )
    action(driver, "growth", "growth", "link").click()
    link = panel_field(driver, "growth", "link").get_attribute("value")
    query = parse_qs(urlsplit(link).query)
    assert query["indicator"] == ["export_delivery_value"] and query["basis"] == ["month"]
    assert query["years"] == ["2022,2024"] and query["lang"] == [lang]
    assert query["start"] == ["2021-03-01"] and query["end"] == ["2024-02-29"]
    other = chrome(tmp_path / "profile")
    try:
        other.get(link)
        wait_for_page(other, nav_labels(lang), need_chart=True)
        assert shown_range(other, "growth", "growth") == ["2021-03-01", "2024-02-29"]
        assert shown_range(other, "growth", "month") == ["2021-03-01", "2024-02-29"]
        indicator = other.execute_script(
            f"return document.getElementById('{ids.GROWTH_INDICATOR}').innerText"
        )
        assert t("growth.export_delivery_value", lang) in indicator
        checked = other.find_element(By.CSS_SELECTOR, f"#{ids.GROWTH_BASIS} input:checked")
        assert checked.get_attribute("value") == "month"
        years = other.execute_script(
            f"return document.getElementById('{ids.GROWTH_YEARS}').innerText"
        )
        assert "2022" in years and "2024" in years and "2023" not in years
        overlay = other.execute_script(
            GD + "return gd.data.map(t => t.name)",
            chart_dom_id("growth", "years"),
        )
        assert any(name.startswith("2022") for name in overlay)
        assert not any(name.startswith("2023") for name in overlay)
    finally:
        other.quit()
    assert_no_console_errors(driver)


def test_the_language_switch_keeps_the_view(driver: Any, app: App) -> None:
    open_page(driver, app, "/growth", "zh", indicator="total_profit", years="2023")
    zoom(driver, "growth", "growth", "2022-02-01", "2024-12-31")
    driver.find_element(By.ID, ids.LANG_LINK).click()
    wait_for_page(driver, nav_labels("en"), need_chart=True)
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query["lang"] == ["en"] and query["indicator"] == ["total_profit"]
    assert query["years"] == ["2023"] and query["start"] == ["2022-02-01"]
    assert shown_range(driver, "growth", "growth") == ["2022-02-01", "2024-12-31"]
    title = driver.execute_script(
        GD + "return gd.layout.title.text",
        chart_dom_id("growth", "growth"),
    )
    assert "profit" in title.lower()
    assert_no_console_errors(driver)


def test_a_control_change_keeps_the_zoom(driver: Any, app: App) -> None:
    open_page(driver, app, "/growth", "zh")
    zoom(driver, "growth", "growth", "2022-02-01", "2024-12-31")
    driver.execute_script(
        f"document.querySelector('#{ids.GROWTH_BASIS} input[value=month]').click()"
    )
    wait_until(
        driver,
        lambda d: parse_qs(urlsplit(d.current_url).query).get("basis") == ["month"],
        "the basis did not reach the address",
    )
    wait_until(
        driver,
        lambda d: shown_range(d, "growth", "growth") == ["2022-02-01", "2024-12-31"],
        "the redrawn chart lost the zoom",
    )


# -- embed ---------------------------------------------------------------------------------------


def headers_of(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers


class _Framer(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        body = (
            f'<!doctype html><iframe id="f" src="{self.target}" width="800" height="500"></iframe>'
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode("utf-8"))

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def framer(app: App) -> Iterator[str]:
    """Another site (another origin: another port) whose page frames the Growth chart's
    embed."""
    target = app.url + "/growth?embed=1&chart=growth&lang=en"

    class Handler(_Framer):
        pass

    Handler.target = target
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_embed_is_the_chart_alone_and_other_sites_may_frame_it(
    driver: Any, app: App, framer: str
) -> None:
    embed = headers_of(app.url + "/growth?embed=1&chart=growth")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    for refused in ("/growth", "/add?embed=1&chart=growth", "/?embed=1"):
        assert headers_of(app.url + refused)["X-Frame-Options"] == "SAMEORIGIN", refused
    driver.get(framer)
    frame = wait_until(driver, lambda d: d.find_elements(By.ID, "f"), "no frame")[0]
    driver.switch_to.frame(frame)
    wait_until(
        driver,
        lambda d: (
            d.execute_script("return document.querySelectorAll('.js-plotly-plot').length") == 1
        ),
        "the embed did not draw its one chart",
    )
    assert not driver.find_element(By.CSS_SELECTOR, ".header").is_displayed()
    assert driver.find_elements(By.CSS_SELECTOR, ".embed-source")
    assert len(drawn(driver, "growth", "growth")) > 10
    driver.switch_to.default_content()


# -- series compared -----------------------------------------------------------------------------


def test_products_draws_smartphones_and_chips_in_one_chart(driver: Any, app: App) -> None:
    open_page(
        driver,
        app,
        "/products",
        "en",
        product="output_smartphones,output_integrated_circuits",
    )
    names = {name for name, _, _ in drawn(driver, "products", "growth")}
    assert names == {
        indicator_name("output_smartphones", "en"),
        indicator_name("output_integrated_circuits", "en"),
    }, names
    levels = driver.execute_script(
        GD + "return [gd.data.filter(t => t.meta && t.meta.unit).map(t => t.yaxis || 'y'),"
        " Boolean(gd.layout.yaxis2)]",
        chart_dom_id("products", "level"),
    )
    axes, right_axis = levels
    assert set(axes) == {"y", "y2"} and right_axis, "two units, two axes"
    assert_no_console_errors(driver)
