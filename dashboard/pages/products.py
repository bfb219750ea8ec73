"""Products and trade: output of mobile phones, smartphones, microcomputers and integrated
circuits, and customs exports (and imports) of laptops, phones and chips — their levels and
growth, cumulative or single-month.

Query (every view is a link; anything unknown falls back to the default):
    product   one product or several, comma-separated, drawn together (at most
              ``MAX_PRODUCTS``; unknown codes are dropped): output_mobile_phones (default),
              output_smartphones, output_microcomputers, output_integrated_circuits,
              customs_export_laptops, customs_export_mobile_phones,
              customs_export_integrated_circuits, customs_import_integrated_circuits
    basis     ytd (default: cumulative, 1—M月) or month (single month)
    start, end, embed, chart   the months shown and an embed (``components.chart_query``)

Charts (ids ``{"type": "chart", "page": "products", "name": …}``):
    level   the levels: printed solid, derived single months dotted, on an axis in the unit
            a reader expects (a second unit on the right)
    growth  growth year on year (%), printed only, every product chosen in one chart

This module holds the layout, the callback and the glue that reads ``dashboard.data``; the
figures are built by ``dashboard.figures.products``, the query is read by
``dashboard.views.query``.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, dcc, html

from dashboard import chart_registry, data, ids, routes, shell
from dashboard.components import (
    basis_control,
    chart_id,
    chart_page,
    chart_query,
    control,
    graph,
)
from dashboard.figures.base import Figure
from dashboard.figures.look import span_of
from dashboard.figures.products import growths_figure, levels_figure
from dashboard.i18n import dropdown_labels, indicator_name, lang_of, t
from dashboard.views.query import BASES, choice
from loaders import catalog

PATH = routes.PRODUCTS
PAGE = "products"

#: The page's products (catalog codes), in the order its menu offers them.
PRODUCTS: tuple[str, ...] = catalog.PRODUCTS


#: At most this many products are drawn together (the legend and the colours stay readable).
MAX_PRODUCTS = 6


def figures(products: tuple[str, ...], basis: str, lang: str) -> dict[str, Figure]:
    """Read the series of a (validated) query and build its figures, by chart name."""
    levels = {code: data.series(code, "level", basis=basis) for code in products}
    growths = {code: data.series(code, "yoy_pct", basis=basis) for code in products}
    span = span_of([*levels.values(), *growths.values()])  # both charts over the same months
    return {
        "level": levels_figure(levels, basis, lang, span),
        "growth": growths_figure(growths, basis, lang, span),
    }


@data.cached(maxsize=64, view=True)
def _cached_figures(
    version: int, products: tuple[str, ...], basis: str, lang: str
) -> dict[str, Figure]:
    return figures(products, basis, lang)


def chosen_products(value: object) -> tuple[str, ...]:
    """The products a query or the control names (``"a,b"``, a list, one code), known ones
    only, each once, in the order given, at most ``MAX_PRODUCTS``; none: the default."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = [piece for item in value for piece in str(item).split(",")]
    else:
        parts = []
    found: list[str] = []
    for part in (p.strip() for p in parts):
        if part in PRODUCTS and part not in found:
            found.append(part)
    return tuple(found[:MAX_PRODUCTS]) or (PRODUCTS[0],)


def _chosen(product: object, basis: object) -> tuple[tuple[str, ...], str]:
    """The products and basis of a query or of the controls (unknown -> the default)."""
    return chosen_products(product), choice(basis, BASES, BASES[0])


def layout(lang: str = "zh", product: object = "", basis: object = "", **query: object) -> html.Div:
    """The products page for the query (every value validated; unknown ones -> defaults).
    Its figures are cached per data version and query."""
    lang = lang_of(lang)
    products, basis = _chosen(product, basis)
    shown = _cached_figures(data.version(), products, basis, lang)
    asked = chart_query(PATH, {"lang": lang, "product": product, "basis": basis, **query})
    figures = asked.zoomed(shown)
    alone = asked.embedded(PAGE, lang, figures)
    if alone is not None:
        return alone
    controls = [
        control(
            t("products.product", lang),
            dcc.Dropdown(
                id=ids.PRODUCTS_PRODUCT,
                options=[{"label": indicator_name(code, lang), "value": code} for code in PRODUCTS],
                value=list(products),
                multi=True,
                labels=dropdown_labels(lang),
                clearable=False,
                style={"minWidth": "22em"},
            ),
        ),
        basis_control(ids.PRODUCTS_BASIS, basis, lang),
    ]
    charts = [
        graph("level", figures["level"], PAGE, lang),
        graph("growth", figures["growth"], PAGE, lang),
    ]
    return chart_page(t("products.title", lang), t("products.intro", lang), controls, charts)


@callback(
    Output(chart_id("level", PAGE), "figure"),
    Output(chart_id("growth", PAGE), "figure"),
    Input(ids.PRODUCTS_PRODUCT, "value"),
    Input(ids.PRODUCTS_BASIS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(product: object, basis: object, search: object) -> tuple[Figure, Figure]:
    """A control changed: both charts (values outside the options fall back to defaults)."""
    shown = _cached_figures(data.version(), *_chosen(product, basis), shell.lang_of_search(search))
    return shown["level"], shown["growth"]


shell.keep_in_url(PATH, {"product": ids.PRODUCTS_PRODUCT, "basis": ids.PRODUCTS_BASIS})

chart_registry.register(
    PAGE,
    lambda query, lang: _cached_figures(
        data.version(), *_chosen(query.get("product"), query.get("basis")), lang
    ),
)
