"""The frame of every page: title, navigation, language switch, footer.

The language and every view's state live in the URL's query (``?lang=en&…``), so any
view is a link. The navigation and footer follow the URL through one callback.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, ids, outage, routes
from dashboard.i18n import lang_of, t

#: (page path, label key), in the order of the navigation bar.
NAVIGATION: tuple[tuple[str, str], ...] = tuple((page.path, page.label) for page in routes.PAGES)


def query_of(search: str | None) -> dict[str, str]:
    """``?lang=en&x=1`` -> {"lang": "en", "x": "1"} (the first value of each)."""
    parsed = parse_qs((search or "").lstrip("?"))
    return {key: values[0] for key, values in parsed.items() if values}


def with_query(path: str, query: dict[str, str]) -> str:
    """``path`` with ``query`` (empty values left out)."""
    kept = {k: v for k, v in query.items() if v not in ("", None)}
    return f"{path}?{urlencode(kept)}" if kept else path


Component = dash.development.base_component.Component


def navigation(pathname: str, lang: str) -> list[Component]:
    """The navigation links in ``lang``, each keeping the language, and the switch."""
    links: list[Component] = [
        dcc.Link(
            t(key, lang),
            href=with_query(path, {"lang": lang}),
            className="nav-link active" if pathname == path else "nav-link",
        )
        for path, key in NAVIGATION
    ]
    other = "en" if lang == "zh" else "zh"
    links.append(
        html.A(
            t("language", lang),
            id=ids.LANG_LINK,
            href=with_query(pathname or "/", {"lang": other}),
            className="nav-link lang",
        )
    )
    return links


def footer(lang: str) -> list[Component]:
    """Source, latest period and licence; the period is "—" while the database is down."""
    try:
        latest = data.latest_period() or "—"
    except Exception as error:
        if not data.is_outage(error):
            raise
        latest = "—"
    return [
        html.Span(t("source_footer", lang)),
        html.Span(f" · {t('latest_period', lang)}: {latest} · "),
        html.Span(t("licence_footer", lang)),
    ]


def layout() -> html.Div:
    """The shell around ``dash.page_container``."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            html.Header(
                [
                    html.H1(t("app_title", "zh"), id=ids.TITLE),
                    html.Nav(navigation("/", "zh"), id=ids.NAV),
                ],
                className="header",
            ),
            outage.banner(),
            outage.poll(),
            html.Main(dash.page_container, className="main"),
            html.Footer(footer("zh"), id=ids.FOOTER, className="footer"),
        ],
        className="app",
    )


@callback(
    Output(ids.NAV, "children"),
    Output(ids.FOOTER, "children"),
    Output(ids.TITLE, "children"),
    Input(ids.URL, "pathname"),
    Input(ids.URL, "search"),
)
def follow_url(pathname: object, search: object) -> tuple[object, object, str]:
    """Navigation, footer and title in the URL's language."""
    lang = lang_of_search(search)
    path = pathname if isinstance(pathname, str) and pathname.startswith("/") else "/"
    return navigation(path, lang), footer(lang), t("app_title", lang)


def sync_query(page_path: str, controls: dict[str, str]) -> None:
    """Keep a page's controls in the URL: when one changes, the URL's query takes its value
    (``{query key: component id}``), and the page renders again from the URL — so every
    view is a link. Values that are lists are joined with commas."""

    @callback(
        Output(ids.URL, "search", allow_duplicate=True),
        [Input(component, "value") for component in controls.values()],
        dash.State(ids.URL, "search"),
        dash.State(ids.URL, "pathname"),
        prevent_initial_call=True,
    )
    def _to_url(*values: object) -> object:
        *controlled, search, pathname = values
        if pathname != page_path:
            return dash.no_update
        query = query_of(str(search or ""))
        for key, value in zip(controls, controlled, strict=True):
            if isinstance(value, list):
                value = ",".join(str(v) for v in value)
            query[key] = "" if value is None else str(value)
        new = "?" + urlencode({k: v for k, v in query.items() if v != ""})
        # A page mounting sets its controls to what the URL already says: nothing to do.
        if query_of(new) == query_of(str(search or "")):
            return dash.no_update
        return new

    _to_url.__name__ = f"sync_query_{page_path.strip('/') or 'root'}"


#: Writes a page's controls into the address bar without a request: ``history.replaceState``
#: leaves ``dcc.Location`` (and so Dash's page router) untouched, so the page is not built
#: again; the page's own chart callbacks redraw what changed. %(keys)s and %(path)s are
#: filled in per page.
_KEEP_IN_URL_JS = """
function () {
    var values = Array.prototype.slice.call(arguments);
    var keys = %(keys)s;
    if (window.location.pathname !== %(path)s) { return window.dash_clientside.no_update; }
    var query = new URLSearchParams(window.location.search);
    keys.forEach(function (key, i) {
        var value = values[i];
        if (Array.isArray(value)) { value = value.join(","); }
        if (value === null || value === undefined || value === "") { query.delete(key); }
        else { query.set(key, String(value)); }
    });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
    }
    return window.dash_clientside.no_update;
}
"""


def keep_in_url(page_path: str, controls: dict[str, str]) -> None:
    """Keep a chart page's controls in the address bar (``{query key: component id}``),
    in the browser only: every view stays a link, and changing a control costs one
    request, the page's chart callback, not a rebuilt page. Lists are joined with commas."""
    script = _KEEP_IN_URL_JS % {"keys": json.dumps(list(controls)), "path": json.dumps(page_path)}
    dash.clientside_callback(
        script,
        Output(ids.URL, "search", allow_duplicate=True),
        [Input(component, "value") for component in controls.values()],
        prevent_initial_call=True,
    )


def lang_of_search(search: object) -> str:
    """The language a ``dcc.Location`` search names (``?lang=en…``); anything else: zh."""
    return lang_of(query_of(search if isinstance(search, str) else "").get("lang"))
