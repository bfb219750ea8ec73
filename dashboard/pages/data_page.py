"""Data: every observation in a table that filters, sorts and pages — and downloads.

Query (every view is a link; anything unreadable falls back to its default, never an error):
    indicator, region, segment, basis, measure
                catalog codes, comma-separated (or the key repeated); none: all
    start, end  periods YYYY-MM, inclusive (a start after the end is swapped)
    derived     true (computed rows only), false (printed only), empty or all: both
    as_of       a time: the data as stored then (the vintage menu offers the times the
                bulletins were added); empty or latest: now
    sort        a column (ascending) or -column (descending); default -period
    page        1, 2, … (PAGE_SIZE rows each; past the end: the last page)
    lang        zh (default) or en

The filters are those of the download URLs (read by ``dashboard.server.download_query``,
applied by ``loaders.tables.filters``): the page's links to ``/data/<table>.<format>``
carry exactly the page's filters, and the table shows the rows those links download,
sorted and paged here. The table is plain HTML (``dash_table`` is
deprecated and warns on every construction); its header links sort it, its pager pages it,
both through the URL.

Shapes: ``downloads.observations(filters)`` in (the tidy table, ``loaders.api``'s for the
same filter); rows of display text out: names in the page's language, values exactly as
stored (``plain_number``), the bulletin a link to its text.

Where things are: the query and the rows' text in ``dashboard.views.data``; the table and
its pager in ``dashboard.pages.data_table``; the download links and the URL documentation
in ``dashboard.pages.data_links``; here the filter controls, the layout and the callback
that keeps the URL in step with the controls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final

from dash import dcc, html

from dashboard import data, ids, routes, shell
from dashboard.i18n import (
    basis_name,
    dropdown_labels,
    indicator_name,
    measure_name,
    region_name,
    segment_name,
    t,
)
from dashboard.pages.data_coverage import coverage_section
from dashboard.pages.data_links import download_links, everything_links, url_documentation
from dashboard.pages.data_table import pager, table
from dashboard.server import downloads
from dashboard.views.data import (
    NameReader,
    as_of_choices,
    display,
    name_of,
    page_count,
    sort_rows,
    view_of,
)
from loaders.catalog import BASES, INDICATORS, MEASURES, REGIONS, SEGMENTS
from loaders.tables.filters import Filters

PATH: Final = routes.DATA


# -- the controls --------------------------------------------------------------------------


def _options(codes: Sequence[str], read: NameReader, lang: str) -> list[dict[str, str]]:
    return [{"label": name_of(read, code, lang), "value": code} for code in codes]


def as_of_options(lang: str, chosen: str = "") -> list[dict[str, str]]:
    """The vintages menu's options (``as_of_choices`` of the stored bulletins)."""
    return as_of_choices(data.bulletins(), lang, chosen)


def controls(filters: Filters, lang: str) -> html.Div:
    """The filters, each holding the URL's value (the shell writes changes back)."""
    periods = [{"label": p, "value": p} for p in reversed(data.periods())]

    def multi(component: str, key: str, codes: Sequence[str], read: NameReader) -> html.Label:
        label = t(key, lang)
        return html.Label(
            [
                label,
                dcc.Dropdown(
                    id=component,
                    options=_options(codes, read, lang),
                    value=list(getattr(filters, key)),
                    multi=True,
                    placeholder=t("data.any", lang),
                    labels=dropdown_labels(lang),
                    style={"minWidth": "14em"},
                ),
            ]
        )

    def period(component: str, key: str, placeholder: str) -> html.Label:
        return html.Label(
            [
                t(f"data.{key}", lang),
                dcc.Dropdown(
                    id=component,
                    options=periods,
                    value=getattr(filters, key) or None,
                    placeholder=t(f"data.{placeholder}", lang),
                    labels=dropdown_labels(lang),
                    style={"width": "9em"},
                ),
            ]
        )

    derived = "" if filters.derived is None else ("true" if filters.derived else "false")
    return html.Div(
        [
            multi(ids.DATA_INDICATOR, "indicator", tuple(INDICATORS), indicator_name),
            multi(ids.DATA_REGION, "region", tuple(REGIONS), region_name),
            multi(ids.DATA_SEGMENT, "segment", tuple(SEGMENTS), segment_name),
            multi(ids.DATA_BASIS, "basis", tuple(BASES), basis_name),
            multi(ids.DATA_MEASURE, "measure", tuple(MEASURES), measure_name),
            period(ids.DATA_START, "start", "earliest"),
            period(ids.DATA_END, "end", "newest"),
            html.Label(
                [
                    t("data.kind", lang),
                    dcc.RadioItems(
                        id=ids.DATA_DERIVED,
                        options=[
                            {"label": t("data.all_kinds", lang), "value": ""},
                            {"label": t("data.reported_only", lang), "value": "false"},
                            {"label": t("data.derived_only", lang), "value": "true"},
                        ],
                        value=derived,
                        inline=True,
                    ),
                ]
            ),
            html.Label(
                [
                    t("data.as_of", lang),
                    dcc.Dropdown(
                        id=ids.DATA_AS_OF,
                        options=as_of_options(lang, filters.as_of),
                        value=filters.as_of or None,
                        placeholder=t("data.latest", lang),
                        labels=dropdown_labels(lang),
                        style={"minWidth": "22em"},
                    ),
                ]
            ),
        ],
        className="controls",
    )


# -- the page ------------------------------------------------------------------------------


def layout(lang: str = "zh", **query: Any) -> html.Div:
    """The Data page for a URL's query (see the module docstring); never raises on a
    query it cannot read."""
    view = view_of(lang, **query)
    frame = data.with_sources(downloads.observations(view.filters))
    shown = sort_rows(display(frame, view.lang), view.sort)
    view = replace(view, page=min(view.page, page_count(len(shown))))
    return html.Div(
        [
            html.H2(t("data.title", view.lang)),
            html.P(t("data.intro", view.lang), className="note"),
            controls(view.filters, view.lang),
            download_links(view.filters, len(shown), view.lang),
            pager(len(shown), view),
            html.Div(table(shown, view), style={"overflowX": "auto"}),
            coverage_section(view.lang),
            everything_links(view.lang),
            url_documentation(view.lang),
        ]
    )


shell.sync_query(
    PATH,
    {
        "indicator": ids.DATA_INDICATOR,
        "region": ids.DATA_REGION,
        "segment": ids.DATA_SEGMENT,
        "basis": ids.DATA_BASIS,
        "measure": ids.DATA_MEASURE,
        "start": ids.DATA_START,
        "end": ids.DATA_END,
        "derived": ids.DATA_DERIVED,
        "as_of": ids.DATA_AS_OF,
    },
)
