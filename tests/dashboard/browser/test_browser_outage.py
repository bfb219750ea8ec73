"""PostgreSQL stopped, then started again, under a running server, as a reader sees it in
real headless Chromium (issue #16): a page opened during the outage shows the banner in the
page's language; once the database is back the page draws its data by itself, without a
reload. The app runs under gunicorn on a PostgreSQL cluster of this test's own
(``tests/support/own_postgres.py``; the shared one is never stopped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_steps import wait_until
from own_postgres import OwnPostgres
from selenium.webdriver.common.by import By

from dashboard import ids, shell
from dashboard.i18n import t
from dashboard.tools.browser import wait_for_page
from dashboard.tools.running import running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def banner(driver: Any) -> str:
    found = driver.find_elements(By.ID, ids.OUTAGE_BANNER)
    return str(found[0].text) if found and found[0].is_displayed() else ""


def charts_drawn(driver: Any) -> int:
    return int(driver.execute_script("return document.querySelectorAll('.chart .main-svg').length"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_banner_then_the_data_without_a_reload(
    driver: Any, postgres: OwnPostgres, tmp_path: Path, lang: str
) -> None:
    labels = [t(key, lang) for _, key in shell.NAVIGATION]
    with running_app(postgres.url, workers=1, log=tmp_path / "gunicorn.log") as url:
        driver.get(url + shell.with_query("/growth", {"lang": lang}))
        wait_for_page(driver, labels, need_chart=True)
        driver.execute_script("window.__eim_same_page = true;")
        postgres.stop()
        try:
            # to another page inside the app (no reload): its layout needs the database
            driver.find_element(By.CSS_SELECTOR, 'a.nav-link[href^="/products"]').click()
            wait_until(
                driver,
                lambda d: banner(d) == t("outage.banner", lang),
                "no outage banner in the page's language",
            )
        finally:
            postgres.restart()
        wait_until(
            driver, lambda d: not banner(d) and charts_drawn(d) >= 2, "the page never came back"
        )
        assert driver.execute_script("return window.__eim_same_page === true;"), "reloaded"
        assert "/products" in driver.current_url
    assert "Traceback" not in (tmp_path / "gunicorn.log").read_text("utf-8", "replace")
