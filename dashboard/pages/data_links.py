"""The Data page's download links and the documentation of the download URLs
(``dashboard.pages.data_page`` puts them together).

In: the page's filters (``loaders.tables.filters.Filters``), the number of rows they select
and the language. Out: Dash ``html`` trees of links to ``/data/<table>.<format>``
(``dashboard.server.downloads.url``: the filtered ones carry exactly the page's filters),
to the data package, and the URL pattern with its parameters and examples.
"""

from __future__ import annotations

from typing import Any, Final

from dash import html

from dashboard import ids
from dashboard.i18n import lang_of, t
from dashboard.pages.data_table import CELL_STYLE, HEAD_STYLE, LINKS_STYLE, TABLE_STYLE
from dashboard.server import downloads
from dashboard.server.download_query import CODES
from loaders.tables.filters import Filters

#: The download links: (table, label key); the filtered ones first.
FILTERED_TABLES: Final = (("observations", "observations"), ("wide", "wide"))
ALL_TABLES: Final = (
    ("observations", "observations"),
    ("wide", "wide"),
    ("bulletins", "bulletins_table"),
    ("indicators", "indicators"),
)

#: The URLs shown as examples in the documentation block.
EXAMPLES: Final[tuple[str, ...]] = (
    downloads.url(
        "observations",
        "csv",
        Filters(indicator=("revenue",), region=("east",), start="2023-01", end="2024-12"),
    ),
    downloads.url("wide", "xlsx", Filters(indicator=("value_added",), measure=("yoy_pct",))),
    downloads.url("observations", "json", Filters(derived=False, basis=("month",))),
    downloads.url("bulletins", "csv", Filters(start="2024-01")),
    downloads.url("indicators", "csv"),
    downloads.DATAPACKAGE_URL,
)


def _link(name: str, fmt: str, filters: Filters | None) -> html.A:
    return html.A(fmt.upper(), href=downloads.url(name, fmt, filters), download=f"{name}.{fmt}")


def _links(label: str, name: str, filters: Filters | None, lang: str) -> list[Any]:
    colon = ": " if lang_of(lang) == "en" else "："
    return [html.Span(label + colon), *(_link(name, fmt, filters) for fmt in downloads.FORMATS)]


def download_links(filters: Filters, total: int, lang: str) -> html.Div:
    """One line: the filtered view's downloads, the observations as CSV first."""
    parts: list[Any] = [html.Strong(t("data.filtered", lang, total=total))]
    for name, key in FILTERED_TABLES:
        parts += _links(t(f"data.{key}", lang), name, filters, lang)
    return html.Div(parts, id=ids.DATA_DOWNLOADS, style=LINKS_STYLE)


def everything_links(lang: str) -> html.Section:
    """Every table, unfiltered, in every format, and the data package."""
    return html.Section(
        [
            html.H3(t("data.everything", lang)),
            *(
                html.Div(_links(t(f"data.{key}", lang), name, None, lang), style=LINKS_STYLE)
                for name, key in ALL_TABLES
            ),
            html.Div(
                html.A(
                    t("data.datapackage", lang),
                    href=downloads.DATAPACKAGE_URL,
                    download="datapackage.json",
                ),
                style=LINKS_STYLE,
            ),
        ],
        id=ids.DATA_DOWNLOADS_ALL,
    )


def url_documentation(lang: str) -> html.Section:
    """The URL pattern and its parameters, in ``lang``."""
    codes = ", ".join(CODES)
    parameters = (
        (codes, t("data.p_codes", lang)),
        ("start, end", t("data.p_period", lang)),
        ("derived", t("data.p_derived", lang)),
        ("as_of", t("data.p_as_of", lang)),
    )
    return html.Section(
        [
            html.H3(t("data.url_title", lang)),
            html.P(t("data.url_intro", lang)),
            html.Pre(
                html.Code(
                    f"{downloads.URL_PREFIX}<table>.<format>?indicator=…&region=…&start=YYYY-MM"
                    f"&end=YYYY-MM\n{downloads.DATAPACKAGE_URL}"
                )
            ),
            html.P(t("data.url_tables", lang)),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("data.parameter", lang), style=HEAD_STYLE),
                                html.Th(t("data.meaning", lang), style=HEAD_STYLE),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(html.Code(name), style=CELL_STYLE),
                                    html.Td(meaning, style={**CELL_STYLE, "whiteSpace": "normal"}),
                                ]
                            )
                            for name, meaning in parameters
                        ]
                    ),
                ],
                style=TABLE_STYLE,
            ),
            html.P(t("data.url_which", lang)),
            html.H4(t("data.examples", lang)),
            html.Ul([html.Li(html.A(html.Code(example), href=example)) for example in EXAMPLES]),
        ],
        id=ids.DATA_URL_DOC,
    )
