"""Products and trade: output of mobile phones, smartphones, microcomputers and integrated
circuits, and customs exports (and imports) of laptops, phones and chips — their levels and
growth, cumulative or single-month.

Query (every view is a link; anything unknown falls back to the default):
    product   output_mobile_phones (default), output_smartphones, output_microcomputers,
              output_integrated_circuits, customs_export_laptops,
              customs_export_mobile_phones, customs_export_integrated_circuits,
              customs_import_integrated_circuits
    basis     ytd (default: cumulative, 1—M月) or month (single month)

Charts (ids ``{"type": "chart", "page": "products", "name": …}``):
    level   the level: printed solid, derived single months dotted, on an axis in the unit a
            reader expects
    growth  growth year on year (%), printed only

This module holds the layout, the callback and the glue that reads ``dashboard.data``; the
figures are built by ``dashboard.figures.products``, the query is read by
``dashboard.views.query``.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, html

from dashboard import data, ids, routes, shell
from dashboard.components import basis_control, chart_id, chart_page, graph, menu_control
from dashboard.figures.base import Figure
from dashboard.figures.look import span_of
from dashboard.figures.products import growth_figure, level_figure
from dashboard.i18n import indicator_name, lang_of, t
from dashboard.views.query import BASES, choice
from loaders import catalog

PATH = routes.PRODUCTS
PAGE = "products"

#: The page's products (catalog codes), in the order its menu offers them.
PRODUCTS: tuple[str, ...] = catalog.PRODUCTS


def figures(product: str, basis: str, lang: str) -> dict[str, Figure]:
    """Read the series of a (validated) query and build its figures, by chart name."""
    level = data.series(product, "level", basis=basis)
    growth = data.series(product, "yoy_pct", basis=basis)
    span = span_of([level, growth])  # both charts over the same months
    return {
        "level": level_figure(level, product, basis, lang, span),
        "growth": growth_figure(growth, product, basis, lang, span),
    }


@data.cached(maxsize=64, view=True)
def _cached_figures(version: int, product: str, basis: str, lang: str) -> dict[str, Figure]:
    return figures(product, basis, lang)


def _chosen(product: object, basis: object) -> tuple[str, str]:
    """The product and basis of a query or of the controls (unknown -> the default)."""
    return choice(product, PRODUCTS, PRODUCTS[0]), choice(basis, BASES, BASES[0])


def layout(lang: str = "zh", product: object = "", basis: object = "", **_: Any) -> html.Div:
    """The products page for the query (every value validated; unknown ones -> defaults).
    Its figures are cached per data version and query."""
    lang = lang_of(lang)
    product, basis = _chosen(product, basis)
    shown = _cached_figures(data.version(), product, basis, lang)
    controls = [
        menu_control(
            t("products.product", lang),
            ids.PRODUCTS_PRODUCT,
            {code: indicator_name(code, lang) for code in PRODUCTS},
            product,
            "22em",
        ),
        basis_control(ids.PRODUCTS_BASIS, basis, lang),
    ]
    charts = [
        graph("level", shown["level"], PAGE, lang),
        graph("growth", shown["growth"], PAGE, lang),
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
