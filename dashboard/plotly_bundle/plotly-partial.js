/*
 * Entry of the partial plotly.js bundle: dashboard/assets/plotly-partial.min.js.
 *
 * Built by scripts/plotly_bundle.sh (which scripts/run.sh and scripts/test.sh run through
 * scripts/_venv.sh) with esbuild into one minified IIFE; never fetched at run time. Dash serves
 * every .js of dashboard/assets/ as a <script> before its renderer starts, so window.Plotly is
 * set before any dcc.Graph mounts, and dcc.Graph then uses it instead of loading the full
 * plotly.min.js (4.8 MB) from _dash-component-suites/plotly/package_data/.
 *
 * Trace types: the ones the dashboard draws (dashboard/figures.py, dashboard/pages/*.py):
 *     scatter   in plotly.js/lib/core (lines, markers, sparklines)
 *     bar       plotly.js/lib/bar (regions, products)
 * A chart with another trace type draws nothing for it: add its module to the list below
 * (plotly.js/lib/<type>) and tests/test_page_weight.py checks every chart page against it.
 * Components (legend, hover, annotations, shapes, modebar, image export) and the English
 * locale are in core; zh-CN is registered for the Chinese pages (their graphs' config says
 * `locale: "zh-CN"`: the toolbar's tooltips and plotly's own date words in Chinese).
 *
 * plotly.js is pinned in package.json to the version the Python plotly package ships
 * (the header of plotly/package_data/plotly.min.js): dcc.Graph and the figures the Python
 * side builds expect that API. scripts/plotly_bundle.sh refuses a mismatch.
 */
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/locales/zh-cn')]);

window.Plotly = Plotly;
