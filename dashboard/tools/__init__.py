"""Tools around the dashboard that are not the dashboard: the app run under gunicorn on a
fresh store, headless Chromium, and full-page screenshots of every page in both languages
(``scripts/screenshots.sh``); the tests and the benchmark use them too."""
