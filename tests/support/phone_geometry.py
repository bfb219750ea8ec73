"""Element geometry of the charts and tables of a page as the browser drew them, for the phone
layout tests (``tests/dashboard/browser/test_browser_phone.py``).

``chart_problems(driver, index)`` gives, for the ``index``-th plotly chart of the page
(``.js-plotly-plot``, in document order), every geometric fault found, as sentences:

- its title (``.gtitle``) is not wholly inside the part of its chart that can be seen: the
  chart's SVG box clipped by every ancestor that clips (a sideways-scrolling box, at its
  current scroll) and by the window;
- the title overlaps the plot area (``.nsewdrag``), the range selector (``.rangeselector``)
  or a visible toolbar (``.modebar`` not hidden, not transparent);
- two consecutive x tick labels (``.xtick text``) overlap: the labels are rectangles turned
  by their ``rotate(…)``, compared exactly (separating axis test, same angle).

``page_overflow(driver)`` gives the page's sideways overflow: how many CSS pixels the
document is wider than the window, and each table that reaches past the window without a
box of its own that scrolls sideways. Rectangles are CSS pixels of the window
(``getBoundingClientRect``); a tolerance of one pixel absorbs rounding.
"""

from __future__ import annotations

from typing import Any

#: The faults of chart ``arguments[0]``: a list of sentences (empty when none).
CHART_PROBLEMS = r"""
const gd = document.querySelectorAll('.js-plotly-plot')[arguments[0]];
const problems = [];
if (!gd) { return ['no chart ' + arguments[0]]; }
const svg = gd.querySelector('.main-svg');
if (!svg) { return problems; }
const box = svg.getBoundingClientRect();
const seen = {left: Math.max(box.left, 0), right: Math.min(box.right, window.innerWidth),
              top: box.top, bottom: box.bottom};
for (let el = gd.parentElement; el && el !== document.body; el = el.parentElement) {
  if (getComputedStyle(el).overflowX === 'visible') { continue; }
  const r = el.getBoundingClientRect();
  seen.left = Math.max(seen.left, r.left + el.clientLeft);
  seen.right = Math.min(seen.right, r.left + el.clientLeft + el.clientWidth);
}
const rect = (el) => el.getBoundingClientRect();
const shown = (el) => {
  const s = getComputedStyle(el);
  const r = rect(el);
  return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0.05 &&
    r.width > 0 && r.height > 0;
};
const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 &&
  a.top < b.bottom - 1 && b.top < a.bottom - 1;
const px = (r) => `${Math.round(r.left)}..${Math.round(r.right)} × ` +
  `${Math.round(r.top)}..${Math.round(r.bottom)}`;
const title = gd.querySelector('.gtitle');
const text = title ? title.textContent.trim() : '';
if (text) {
  const t = rect(title);
  const name = `title "${text}"`;
  if (t.left < seen.left - 1 || t.right > seen.right + 1 || t.top < seen.top - 1 ||
      t.bottom > seen.bottom + 1) {
    problems.push(`${name} at ${px(t)} is cut: its chart shows ${px(seen)}`);
  }
  for (const [what, selector] of [['the plot area', '.nsewdrag'],
                                  ['the range selector', '.rangeselector'],
                                  ['the toolbar', '.modebar']]) {
    for (const el of gd.querySelectorAll(selector)) {
      if (shown(el) && meets(t, rect(el))) {
        problems.push(`${name} at ${px(t)} meets ${what} at ${px(rect(el))}`);
      }
    }
  }
}
const labels = [...gd.querySelectorAll('.xtick text')]
  .filter((el) => el.textContent.trim() && shown(el))
  .map((el) => {
    const r = rect(el);
    const local = el.getBBox();
    const turn = /rotate\(\s*(-?[\d.]+)/.exec(el.getAttribute('transform') || '');
    return {text: el.textContent, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
            w: local.width, h: local.height, angle: turn ? Number(turn[1]) : 0};
  })
  .sort((a, b) => a.x - b.x);
for (let i = 1; i < labels.length; i++) {
  const a = labels[i - 1], b = labels[i];
  const turn = a.angle * Math.PI / 180;
  const dx = b.x - a.x, dy = b.y - a.y;
  const along = Math.abs(dx * Math.cos(turn) + dy * Math.sin(turn));
  const across = Math.abs(-dx * Math.sin(turn) + dy * Math.cos(turn));
  if (along < (a.w + b.w) / 2 - 1 && across < (a.h + b.h) / 2 - 1) {
    problems.push(`x tick labels "${a.text}" and "${b.text}" overlap ` +
                  `(${Math.round(along)} px apart along the text, angle ${a.angle})`);
  }
}
return problems;
"""

#: The page's sideways overflow: [pixels the document is wider than the window, tables
#: reaching past the window with no sideways-scrolling box of their own].
PAGE_OVERFLOW = r"""
const width = document.documentElement.clientWidth;
const cut = [];
for (const table of document.querySelectorAll('table')) {
  const r = table.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 1) { continue; }
  let scrolls = false;
  for (let el = table; el && el !== document.body; el = el.parentElement) {
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (['auto', 'scroll'].includes(s.overflowX) && box.right <= width + 1) {
      scrolls = true;
      break;
    }
  }
  if (!scrolls) {
    const head = (table.querySelector('th') || table).textContent.trim().slice(0, 30);
    cut.push(`a table ("${head}…") reaches ${Math.round(r.right)} px of ${width}`);
  }
}
return [document.documentElement.scrollWidth - width, cut];
"""


def chart_count(driver: Any) -> int:
    """How many plotly charts the page holds."""
    return int(driver.execute_script("return document.querySelectorAll('.js-plotly-plot').length"))


def chart_problems(driver: Any, index: int) -> list[str]:
    """The geometric faults of the page's ``index``-th chart (see the module's docstring)."""
    return list(driver.execute_script(CHART_PROBLEMS, index))


def page_overflow(driver: Any) -> tuple[int, list[str]]:
    """(pixels the document is wider than the window, tables cut by the window)."""
    extra, cut = driver.execute_script(PAGE_OVERFLOW)
    return int(extra), list(cut)
