"""Browser tests of the Add page's preview, on a desktop window and a phone's (390×844), in
Chinese: every fact row can be read (the table grows with its rows, no scroll box hides
any; on a phone it scrolls sideways inside its frame, never cut at the screen's edge), and
the loader's notes are in Chinese. Fixtures: ``editor_app``/``tab``
(``tests/dashboard/browser/conftest.py``); nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest
from add_page_browser import FACT_ROWS, EditorApp, open_add, sign_in, wait_for_preview
from browser_steps import assert_no_console_errors
from own_bulletin import own_bulletin
from selenium.webdriver.common.by import By

from dashboard import ids

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The facts table's frame, the table and its rows, and the window, as the browser lays them
#: out (on a phone, the stylesheet may make the table itself the sideways-scrolling box).
GEOMETRY_SCRIPT = """
const frame = document.querySelector('.add-facts-frame');
const box = frame.getBoundingClientRect();
const table = frame.querySelector('table.add-facts');
const rows = [...frame.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect());
return {
    frame: {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
            scrollHeight: frame.scrollHeight, clientHeight: frame.clientHeight,
            scrollWidth: frame.scrollWidth, clientWidth: frame.clientWidth,
            overflowX: getComputedStyle(frame).overflowX},
    rows: rows.map(r => [r.top, r.bottom]),
    table: {scrollWidth: table.scrollWidth, clientWidth: table.clientWidth,
            overflowX: getComputedStyle(table).overflowX},
    width: document.documentElement.clientWidth,
    page_width: document.documentElement.scrollWidth,
};
"""


def _text_without_a_year() -> str:
    """The project's own bulletin for 1—3月 with no year named, compared with 2024: the
    loader infers 2025 and says so in a note."""
    text = own_bulletin(3).replace("2025年1—3月份", "1—3月份")
    text = "\n".join(line for line in text.splitlines() if "2025" not in line)
    return text.replace("同比增长11.3%，", "同比增长11.3%，较2024年全年提高0.5个百分点，")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_preview_shows_every_row_and_chinese_notes(
    tab: Any, editor_app: EditorApp, width: int, height: int
) -> None:
    tab.set_window_size(width, height)
    before = editor_app.version()
    open_add(tab, editor_app, "zh")
    sign_in(tab)
    tab.find_element(By.ID, ids.ADD_TEXT).send_keys(_text_without_a_year())
    tab.find_element(By.ID, ids.ADD_PREVIEW).click()
    preview = wait_for_preview(tab, "预览：2025-03")

    rows = tab.find_elements(By.CSS_SELECTOR, FACT_ROWS)
    assert len(rows) == 37, preview  # 36 facts and the change on 2024
    assert "共 37 行，全部列出" in preview
    found = tab.execute_script(GEOMETRY_SCRIPT)
    frame = found["frame"]
    assert frame["scrollHeight"] <= frame["clientHeight"] + 1, f"rows hidden in a box: {frame}"
    assert all(
        frame["top"] <= top and bottom <= frame["bottom"] + 1 for top, bottom in found["rows"]
    )
    assert frame["right"] <= found["width"] + 1, f"the table runs off the screen: {found}"
    assert found["page_width"] <= found["width"] + 1, f"the page scrolls sideways: {found}"
    if width < 600:  # wider than a phone: it scrolls sideways in its own box, not cut
        assert any(
            box["scrollWidth"] > box["clientWidth"] and box["overflowX"] in ("auto", "scroll")
            for box in (frame, found["table"])
        ), found

    notes = [li.text for li in tab.find_elements(By.CSS_SELECTOR, ".add-preview li")]
    assert any(n.startswith("[提示] 文中没有写明年份；2025 年取自与上年全年的比较") for n in notes)
    assert not any("names no year" in n or "--period" in n for n in notes), notes
    assert editor_app.version() == before
    assert_no_console_errors(tab)
