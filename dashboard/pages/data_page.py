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

The filters are those of the download URLs (``dashboard.server.downloads``): the page's links to
``/data/<table>.<format>`` carry exactly the page's filters, and the table shows the rows
those links download, sorted and paged here. The table is plain HTML (``dash_table`` is
deprecated and warns on every construction); its header links sort it, its pager pages it,
both through the URL.

Shapes: ``downloads.observations(filters)`` in (the tidy table, ``loaders.api``'s for the
same filter); rows of display text out: names in the page's language, values exactly as
stored (``plain_number``), the bulletin a link to its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import pandas as pd
from dash import dcc, html

from dashboard import data, ids, routes, shell
from dashboard.i18n import (
    basis_name,
    has_text,
    indicator_name,
    lang_of,
    measure_name,
    region_name,
    segment_name,
    t,
    unit_name,
)
from dashboard.server import downloads
from loaders.catalog import BASES, INDICATORS, MEASURES, REGIONS, SEGMENTS
from loaders.tables.export import plain_number
from loaders.tables.filters import Filters

PATH: Final = routes.DATA
BULLETINS_PATH: Final = routes.BULLETINS
PAGE_SIZE: Final = 50
#: The table's columns, in order; each sorts by what it shows (``value`` by number).
COLUMNS: Final[tuple[str, ...]] = (
    "period",
    "indicator",
    "region",
    "segment",
    "basis",
    "measure",
    "value",
    "unit",
    "ref_period",
    "derived",
    "bulletin",
)
DEFAULT_SORT: Final = "-period"
#: How many characters of a bulletin's sha256 the table shows.
SHA_PREFIX: Final = 12
#: The largest page number read from the URL (more digits are nonsense).
MAX_PAGE_DIGITS: Final = 6

#: The download links: (table, label key); the filtered ones first.
FILTERED_TABLES: Final = (("observations", "observations"), ("wide", "wide"))
ALL_TABLES: Final = (
    ("observations", "observations"),
    ("wide", "wide"),
    ("bulletins", "bulletins_table"),
    ("indicators", "indicators"),
)


#: The cells are spaced by the table (no style per cell: a page has 50 rows of 11); the
#: lines and colours of ``.data-table`` belong in the stylesheet.
TABLE_STYLE: Final = {
    "borderCollapse": "separate",
    "borderSpacing": "0.9em 0.15em",
    "width": "100%",
    "fontSize": "0.9em",
    "background": "white",
}
CELL_STYLE: Final = {
    "padding": "0.25em 0.5em",
    "borderBottom": "1px solid #e3e3e3",
    "textAlign": "left",
    "whiteSpace": "nowrap",
}
VALUE_STYLE: Final = {"textAlign": "right"}
HEAD_STYLE: Final = {**CELL_STYLE, "borderBottom": "2px solid #8b1a1a", "background": "#faf7f7"}
LINKS_STYLE: Final = {
    "display": "flex",
    "flexWrap": "wrap",
    "gap": "0.6em",
    "alignItems": "baseline",
    "margin": "0.3em 0",
}


# -- the query (pure) ----------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What the URL asks for: the filters, the sort, the page and the language."""

    filters: Filters
    sort: str = DEFAULT_SORT
    page: int = 1
    lang: str = "zh"

    def query(self, **changes: Any) -> dict[str, str]:
        """The page's URL query for this view (with ``changes``): defaults left out."""
        view = replace(self, **changes)
        query = {"lang": view.lang, **view.filters.query()}
        if view.sort != DEFAULT_SORT:
            query["sort"] = view.sort
        if view.page > 1:
            query["page"] = str(view.page)
        return query

    def href(self, **changes: Any) -> str:
        return shell.with_query(PATH, self.query(**changes))


def parse_sort(value: object) -> str:
    """``column`` or ``-column`` for a column of the table; else the default."""
    for text in downloads.strings(value):
        if text.removeprefix("-") in COLUMNS:
            return text
    return DEFAULT_SORT


def parse_page(value: object) -> int:
    """A page number 1, 2, …; anything else is 1."""
    for text in downloads.strings(value):
        text = text.strip()
        if text.isdigit() and len(text) <= MAX_PAGE_DIGITS and int(text) > 0:
            return int(text)
    return 1


def view_of(lang: object = "zh", **query: object) -> View:
    """The view a page URL's query asks for (never raises)."""
    return View(
        filters=downloads.lenient_filters(query),
        sort=parse_sort(query.get("sort")),
        page=parse_page(query.get("page")),
        lang=lang_of(lang),
    )


# -- the table (pure) ----------------------------------------------------------------------


def _name(read: Any, code: object, lang: str) -> str:
    try:
        return str(read(str(code), lang))
    except KeyError:  # a code the catalog does not know: shown as it is
        return str(code)


def display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's text, one column per ``COLUMNS`` entry, plus ``bulletin_sha`` (the
    whole sha256) and ``value_number`` (for sorting); rows in ``frame``'s order."""
    shown = pd.DataFrame(
        {
            "period": frame["period"].astype(str),
            "indicator": [_name(indicator_name, c, lang) for c in frame["indicator"]],
            "region": [_name(region_name, c, lang) for c in frame["region"]],
            "segment": [_name(segment_name, c, lang) for c in frame["segment"]],
            "basis": [_name(basis_name, c, lang) for c in frame["basis"]],
            "measure": [_name(measure_name, c, lang) for c in frame["measure"]],
            "value": [plain_number(float(v)) for v in frame["value"]],
            "unit": [unit_name(str(u), lang).strip() for u in frame["unit"]],
            "ref_period": frame["ref_period"].fillna("").astype(str),
            "derived": [t("derived" if d else "reported", lang) for d in frame["derived"]],
            "bulletin": [str(s)[:SHA_PREFIX] for s in frame["bulletin"]],
            "bulletin_sha": frame["bulletin"].astype(str),
            "value_number": frame["value"].astype(float),
        },
        index=range(len(frame)),
    )
    return shown


def sort_rows(shown: pd.DataFrame, sort: str) -> pd.DataFrame:
    """``shown`` sorted by ``sort`` (``column`` or ``-column``), ties in their order."""
    column = sort.removeprefix("-")
    key = "value_number" if column == "value" else column
    if key not in shown.columns:
        return shown
    return shown.sort_values(
        key, ascending=not sort.startswith("-"), kind="stable", ignore_index=True
    )


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _header(column: str, view: View) -> html.Th:
    label = (
        t(column, view.lang) if not has_text(f"data.{column}") else t(f"data.{column}", view.lang)
    )
    if column == "derived":
        label = t("data.kind", view.lang)
    active = view.sort.removeprefix("-") == column
    descending = view.sort.startswith("-")
    # a click on the sorted column turns its order; on another one sorts it ascending
    target = ("" if descending else "-") + column if active else column
    arrow = (" ▼" if descending else " ▲") if active else ""
    extra: dict[str, Any] = {}
    if active:
        extra["aria-sort"] = "descending" if descending else "ascending"
    return html.Th(
        dcc.Link(
            label + arrow, href=view.href(sort=target, page=1), title=t("data.sort_by", view.lang)
        ),
        style=HEAD_STYLE | {"textAlign": "right"} if column == "value" else HEAD_STYLE,
        **extra,
    )


def _row(row: dict[Any, Any], lang: str) -> html.Tr:
    cells = []
    for column in COLUMNS:
        if column == "bulletin":
            sha = str(row["bulletin_sha"])
            content: Any = dcc.Link(
                row["bulletin"],
                href=shell.with_query(BULLETINS_PATH, {"bulletin": sha, "lang": lang}),
                className="sha",
            )
        else:
            content = row[column]
        if column == "value":  # the one inline style per row: numbers align right
            cells.append(html.Td(content, className="num", style=VALUE_STYLE))
        else:
            cells.append(html.Td(content))
    return html.Tr(cells)


def table(shown: pd.DataFrame, view: View) -> html.Table:
    """One page of ``shown`` (sorted already) as an HTML table with sorting headers."""
    first = (view.page - 1) * PAGE_SIZE
    rows = [
        _row(row, view.lang) for row in shown.iloc[first : first + PAGE_SIZE].to_dict("records")
    ]
    if not rows:
        rows = [
            html.Tr([html.Td(t("data.no_rows", view.lang), colSpan=len(COLUMNS), style=CELL_STYLE)])
        ]
    return html.Table(
        [html.Thead(html.Tr([_header(c, view) for c in COLUMNS])), html.Tbody(rows)],
        id=ids.DATA_TABLE,
        className="data-table",
        style=TABLE_STYLE,
    )


def pager(total: int, view: View) -> html.Div:
    """Where this page is in the rows, with links to the first, previous, next and last."""
    pages = page_count(total)
    lang = view.lang
    status = (
        t(
            "data.rows",
            lang,
            first=(view.page - 1) * PAGE_SIZE + 1,
            last=min(view.page * PAGE_SIZE, total),
            total=total,
        )
        if total
        else t("data.rows", lang, first=0, last=0, total=0)
    )

    def step(key: str, page: int, enabled: bool) -> Any:
        if not enabled:
            return html.Span(
                t(f"data.{key}", lang), className="pager-disabled", style={"color": "#aaa"}
            )
        return dcc.Link(t(f"data.{key}", lang), href=view.href(page=page))

    return html.Div(
        [
            step("first", 1, view.page > 1),
            step("previous", view.page - 1, view.page > 1),
            html.Span(t("data.page_of", lang, page=view.page, pages=pages)),
            step("next", view.page + 1, view.page < pages),
            step("last", pages, view.page < pages),
            html.Span(status, className="note"),
        ],
        id=ids.DATA_PAGER,
        style=LINKS_STYLE,
    )


# -- downloads and their documentation -----------------------------------------------------


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


def url_documentation(lang: str) -> html.Section:
    """The URL pattern and its parameters, in ``lang``."""
    codes = ", ".join(downloads.CODES)
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


# -- the controls --------------------------------------------------------------------------


def _options(codes: Sequence[str], read: Any, lang: str) -> list[dict[str, str]]:
    return [{"label": _name(read, code, lang), "value": code} for code in codes]


def as_of_options(lang: str, chosen: str = "") -> list[dict[str, str]]:
    """The vintages to choose from: the times the bulletins were added, newest first
    (``latest`` is the empty value, the placeholder); ``chosen`` is kept when it is none
    of them (a time typed into the URL)."""
    options: dict[str, str] = {}
    frame = data.bulletins()
    for row in frame.iloc[::-1].to_dict("records"):
        added = row["added_at"]
        if pd.isna(added):
            continue
        value = downloads.as_of_text(pd.Timestamp(added).to_pydatetime())
        options.setdefault(
            value,
            t(
                "data.as_of_label",
                lang,
                period=row["period"],
                vintage=row["vintage"],
                added=pd.Timestamp(added).strftime("%Y-%m-%d %H:%M UTC"),
            ),
        )
    if chosen and chosen not in options:
        options = {chosen: chosen, **options}
    return [{"label": label, "value": value} for value, label in options.items()]


def controls(filters: Filters, lang: str) -> html.Div:
    """The filters, each holding the URL's value (the shell writes changes back)."""
    periods = [{"label": p, "value": p} for p in reversed(data.periods())]

    def multi(component: str, key: str, codes: Sequence[str], read: Any) -> html.Label:
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
    frame = downloads.observations(view.filters)
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
            everything_links(view.lang),
            url_documentation(view.lang),
        ]
    )


def register() -> None:
    """Register the page with Dash (its query callback is registered once, at import)."""
    shell.register_page(__name__, path=PATH, name="data", title="数据 · EIM Monitor", layout=layout)


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
