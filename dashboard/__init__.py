"""The EIM Monitor web dashboard (Dash, served by gunicorn from the Procfile).

app        the app factory: pages, shell, and the server plumbing, in one place
routes     every URL; ids: every component id; shell: the frame of every page
data       the only reader of the store (cached per data version, per worker)
pages/     one module per page: layout and callbacks
views/     the pages' pure logic (queries, data shaping, text marking)
figures/   pure figure builders: DataFrames in, plotly dict figures out
i18n/      the one translation catalogue (Chinese first, English) and number formats
server/    login, security headers, gzip, response cache, callback guard, downloads
adding     the Add page's logic: draft, preview against the store, confirm
summary    the Overview's written bulletin (``loaders.writer``) as components
clicks     a click on any chart point opens the sentence it came from
tools/     the app under gunicorn, headless Chromium, screenshots of every page
"""
