"""Curves, not dots, and the coverage map, in real headless Chromium (issue #13): the real app
under gunicorn on the shipped data (``app`` of this folder's conftest).

- On the Growth page, a gap of the value-added curve is drawn dotted (the SVG path of the
  gap trace has a dash array) and hovering it names the missing months.
- On the Products page, no line of a year-to-date level, solid or dotted, joins a month of
  one year to a month of the next: each year is a line of its own.
- On the Data page, the coverage heat map draws its squares, and a click on a printed square
  lands on the Bulletins page at the bulletin that printed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_steps import assert_no_console_errors, open_page, wait_until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

if TYPE_CHECKING:
    from browser_app import App

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The plotly div of the chart named ``arguments[0]`` (its Dash id is a JSON object).
FIND_CHART = """
const plots = [...document.querySelectorAll('.js-plotly-plot')];
return plots.find(p => (p.closest('[id]') || {}).id.includes('"name":"' + arguments[0] + '"'));
"""

#: The drawn gap traces of a chart: their dash array and, after hovering the first gap's
#: hover point, the hover label's text.
HOVER_A_GAP = """
const gd = arguments[0];
const gaps = gd._fullData.filter(t => t.meta === 'gap');
const hovers = gd._fullData.filter(t => t.meta === 'gap-hover');
if (!gaps.length || !hovers.length) { return null; }
const traces = gd.querySelectorAll('.scatterlayer .trace');
const gapPath = traces[gaps[0].index].querySelector('path.js-line');
const dash = gapPath ? getComputedStyle(gapPath).strokeDasharray : '';
Plotly.Fx.hover(gd, [{curveNumber: hovers[0].index, pointNumber: 0}]);
const label = gd.querySelector('.hoverlayer');
return {dash: dash, hover: label ? label.textContent : '', expected: hovers[0].customdata[0][0]};
"""

#: Every pair of consecutive points that a drawn line joins, by trace: [x1, x2] as YYYY-MM.
JOINED_PAIRS = """
const gd = arguments[0];
const pairs = [];
for (const trace of gd._fullData) {
  if (!String(trace.mode).includes('lines')) { continue; }
  const xs = trace.x, ys = trace.y;
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] != null && xs[i - 1] != null && ys[i] != null && ys[i - 1] != null) {
      pairs.push([String(xs[i - 1]).slice(0, 7), String(xs[i]).slice(0, 7)]);
    }
  }
}
return pairs;
"""


def chart(driver: Any, name: str) -> Any:
    found = wait_until(
        driver,
        lambda d: d.execute_script(FIND_CHART, name),
        f"no chart named {name} on {driver.current_url}",
    )
    wait_until(
        driver,
        lambda d: d.execute_script("return arguments[0]._fullData !== undefined", found),
        f"the chart {name} was not drawn",
    )
    return found


def test_a_gap_is_drawn_dotted_and_its_hover_names_the_missing_months(
    driver: Any, app: App
) -> None:
    open_page(driver, app, "/growth", "zh")
    growth = chart(driver, "growth")
    seen = driver.execute_script(HOVER_A_GAP, growth)
    assert seen is not None, "the value-added chart has no gap on the shipped data"
    assert seen["dash"] not in ("", "none"), f"the gap is drawn solid: {seen['dash']!r}"
    assert "无数据" in seen["expected"]
    assert seen["expected"].split(" ")[0] in seen["hover"], seen
    assert_no_console_errors(driver)


def test_no_year_to_date_level_line_crosses_a_january(driver: Any, app: App) -> None:
    open_page(driver, app, "/products", "en", basis="ytd")
    level = chart(driver, "level")
    pairs = driver.execute_script(JOINED_PAIRS, level)
    assert pairs, "the level chart joins no points at all"
    crossing = [pair for pair in pairs if pair[0][:4] != pair[1][:4]]
    assert not crossing, f"lines join across a January: {crossing[:5]}"
    # the growth rates beside it are joined from December to February
    rates = driver.execute_script(JOINED_PAIRS, chart(driver, "growth"))
    assert any(a[5:] == "12" and b[5:] == "02" for a, b in rates), rates[:20]


def test_the_coverage_map_renders_and_a_square_opens_its_bulletin(driver: Any, app: App) -> None:
    open_page(driver, app, "/data", "zh")
    heat = chart(driver, "coverage")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", heat)
    squares = heat.find_elements(By.CSS_SELECTOR, ".scatterlayer .trace:first-child .point")
    assert len(squares) > 100, f"only {len(squares)} printed squares drawn"
    name = driver.execute_script("return arguments[0]._fullData[0].name", heat)
    assert name == "公报所列"
    expected = driver.execute_script("return arguments[0]._fullData[0].customdata[0]", heat)
    ActionChains(driver).move_to_element(squares[0]).pause(0.3).click().perform()
    wait_until(
        driver,
        lambda d: urlsplit(d.current_url).path == "/bulletins",
        "a click on a square did not open the Bulletins page",
    )
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query["bulletin"] == [expected[1]] and query["period"] == [expected[2]], query
    assert_no_console_errors(driver)
