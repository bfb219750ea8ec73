"""Screenshots of every page in both languages, in real headless Chromium.

    python -m dashboard.tools.screenshots [OUT_DIR]
        (scripts/screenshots.sh; default screenshots/)

Starts the real app under gunicorn on a free port of 127.0.0.1 with a fresh SQLite store
(filled from the shipped ``datasets/`` on first use; ``dashboard.tools.running``), opens each
page of ``shell.NAVIGATION`` in Chinese and English in headless Chromium
(``dashboard.tools.browser``), waits until the page has rendered and every chart is drawn
(bounded), sets the window as tall as the page and saves ``OUT_DIR/<page>-<lang>.png``
(``overview-zh.png``, ``growth-en.png``, …), printing each file. The server and the browser
are always stopped. Exit status 1 when a page was not ready in time, is not a page or logged
a console error (its screenshot is still saved).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.tools.browser import (
    NOT_FOUND,
    PAGE_TIMEOUT,
    WINDOW,
    chrome,
    console_errors,
    wait_for_page,
)
from dashboard.tools.running import running_app

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

LANGS = ("zh", "en")


#: A phone's window (``--phone``): 390 × 844 CSS pixels, as an iPhone 12 to 15 shows a page.
PHONE = (390, 844)


def save_full_page(
    driver: WebDriver,
    target: Path,
    nav_labels: Sequence[str],
    window: tuple[int, int] = WINDOW,
) -> None:
    """Make the window as tall as the page, let it settle, save a PNG of it."""
    height = int(
        driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        )
    )
    chrome_height = int(driver.execute_script("return window.outerHeight - window.innerHeight"))
    driver.set_window_size(window[0], max(window[1], height + chrome_height))
    wait_for_page(driver, nav_labels)  # charts redraw on resize
    if not driver.save_screenshot(str(target)):
        raise RuntimeError(f"could not save {target}")


def take_screenshots(
    out_dir: Path, *, timeout: float = PAGE_TIMEOUT, phone: bool = False
) -> tuple[list[Path], list[str]]:
    """Every page in every language as ``out_dir/<page>-<lang>.png`` (``-phone.png`` in a
    phone's window when ``phone``). Returns the files
    saved and the problems met: a page that is not ready in time is still saved (the image
    shows what is wrong) and named among the problems, as is any error in the console."""
    from selenium.common.exceptions import TimeoutException

    from dashboard import routes, shell
    from dashboard.i18n import t

    out_dir.mkdir(parents=True, exist_ok=True)
    window = PHONE if phone else WINDOW
    saved: list[Path] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="eim-screenshots-") as scratch:
        work = Path(scratch)
        with running_app(work / "eim.sqlite") as url:
            driver = chrome(work / "profile")
            try:
                for page in routes.PAGES:
                    path = page.path
                    for lang in LANGS:
                        labels = [t(nav_key, lang) for _, nav_key in shell.NAVIGATION]
                        target = out_dir / f"{page.name}-{lang}{'-phone' if phone else ''}.png"
                        driver.set_window_size(*window)
                        driver.get(f"{url}{shell.with_query(path, {'lang': lang})}")
                        try:
                            wait_for_page(driver, labels, timeout=timeout)
                            save_full_page(driver, target, labels, window)
                        except TimeoutException as error:
                            problems.append(f"{target}: {error.msg}")
                            driver.save_screenshot(str(target))
                        saved.append(target)
                        print(target, flush=True)
                        content = driver.find_element("id", "_pages_content").text
                        if NOT_FOUND in content:
                            problems.append(f"{target}: {path} is not a page: {NOT_FOUND}")
                        problems.extend(
                            f"{target}: console: {entry['message']}"
                            for entry in console_errors(driver)
                        )
            finally:
                driver.quit()
    return saved, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/screenshots.sh",
        description="Save headless-Chromium screenshots of every dashboard page in Chinese "
        "and English as OUT_DIR/<page>-<lang>.png, from the app served by gunicorn on a "
        "fresh SQLite store filled from datasets/.",
    )
    parser.add_argument(
        "out_dir",
        nargs="?",
        type=Path,
        default=Path("screenshots"),
        metavar="OUT_DIR",
        help="folder for the PNG files (default: screenshots/)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=PAGE_TIMEOUT,
        metavar="SECONDS",
        help=f"longest wait for one page and its charts (default: {PAGE_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--phone",
        action="store_true",
        help=f"a phone's window ({PHONE[0]}×{PHONE[1]}), files named <page>-<lang>-phone.png",
    )
    args = parser.parse_args(argv)
    try:
        _, problems = take_screenshots(args.out_dir, timeout=args.timeout, phone=args.phone)
    except Exception as error:  # a message, not a traceback, for a command-line user
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
