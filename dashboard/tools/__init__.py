"""Tools around the dashboard that are not the dashboard: the app run under gunicorn on a
fresh store (``running``), headless Chromium (``browser``), and full-page screenshots of every
page in both languages (``screenshots``, ``scripts/screenshots.sh``); the tests and the
benchmark use them too."""
