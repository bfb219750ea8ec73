"""Growth: the bulletin's figures 1–4 and more — growth year on year of value added, export
delivery value, revenue and profit, and fixed-asset investment, for electronic-information
manufacturing against all industry and high-tech manufacturing.

Query (every view is a link; anything unknown falls back to the default):
    indicator   value_added (default), export_delivery_value, revenue, total_profit,
                fixed_asset_investment
    basis       ytd (default: cumulative, 1—M月) or month (single month)
    years       the years of the overlay, comma-separated (default: the latest three with
                figures)

Charts (ids ``{"type": "chart", "page": "growth", "name": …}``):
    growth  the indicator's growth over the months, with the comparison industries' rates
            (derived from the gaps the bulletins print: dotted, open markers, named as
            derived); revenue and profit are drawn together, as the bulletin's figure 3
    years   the same growth, one line per chosen year over the months 1月..12月
    month   single-month growth of every indicator, where a bulletin printed one

Shapes: the builders are pure — series frames (period, value, unit, derived, bulletin, text,
as ``data.series`` gives them) in, plain dict figures out. Missing months are gaps, never
interpolated. ``year_overlay`` and the small helpers below are shared with the Products page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, ids, routes, shell
from dashboard.figures.base import (
    GRAPH_CONFIG,
    PALETTE,
    Figure,
    Line,
    base_layout,
    no_data_note,
    rows_by_period,
    source_key,
    time_series,
)
from dashboard.figures.memo import column, memo
from dashboard.i18n import basis_name, lang_of, t, unit_name, value_text

PATH = routes.GROWTH
PAGE = "growth"
#: ``figures.GRAPH_CONFIG`` as ``dcc.Graph`` takes it (its stub wants a TypedDict).
_GRAPH_CONFIG: Any = GRAPH_CONFIG
#: Height of every chart on the page, in pixels.
CHART_HEIGHT = 380
#: Grid lines: light, so the derived dotted lines stay readable.
GRID_COLOR = "#ececec"
#: English month names on the overlay's axis (``calendar.month_abbr`` follows the locale).
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
#: How many of the latest years the overlay shows when the query names none.
DEFAULT_YEAR_COUNT = 3

INDICATORS: tuple[str, ...] = (
    "value_added",
    "export_delivery_value",
    "revenue",
    "total_profit",
    "fixed_asset_investment",
)
BASES: tuple[str, ...] = ("ytd", "month")

#: The electronics lines of the growth chart: revenue and profit together (figure 3).
TOGETHER: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue", "total_profit"),
    "total_profit": ("revenue", "total_profit"),
}
#: The comparison industries drawn beside each indicator (catalog codes, all derived).
COMPARISONS: dict[str, tuple[str, ...]] = {
    "value_added": ("industry_value_added", "high_tech_value_added"),
    "export_delivery_value": ("industry_export_delivery_value",),
    "revenue": (),
    "total_profit": (),
    "fixed_asset_investment": (
        "industry_fixed_asset_investment",
        "high_tech_fixed_asset_investment",
        "manufacturing_fixed_asset_investment",
    ),
}
#: One colour per line code, the same on every chart of the page.
COLORS: dict[str, str] = {
    "value_added": PALETTE[0],
    "export_delivery_value": PALETTE[4],
    "revenue": PALETTE[3],
    "total_profit": PALETTE[1],
    "fixed_asset_investment": PALETTE[5],
    "industry_value_added": PALETTE[2],
    "industry_export_delivery_value": PALETTE[2],
    "industry_fixed_asset_investment": PALETTE[2],
    "high_tech_value_added": PALETTE[1],
    "high_tech_fixed_asset_investment": PALETTE[1],
    "manufacturing_fixed_asset_investment": PALETTE[3],
}


#: The line name of a comparison code.
_COMPARISON_NAMES: dict[str, str] = {
    "industry_value_added": "industry",
    "industry_export_delivery_value": "industry",
    "industry_fixed_asset_investment": "industry",
    "high_tech_value_added": "high_tech",
    "high_tech_fixed_asset_investment": "high_tech",
    "manufacturing_fixed_asset_investment": "manufacturing",
}


def with_unit(title: str, unit: str, lang: str) -> str:
    """``增速（%）`` / ``Growth (%)``: a title carrying its unit."""
    shown = unit_name(unit, lang).strip()
    return f"{title} ({shown})" if lang_of(lang) == "en" else f"{title}（{shown}）"


# -- the query (pure) ----------------------------------------------------------------------


def choice(value: object, allowed: Sequence[str], default: str) -> str:
    """``value`` when it is one of ``allowed``, else ``default`` (never raises)."""
    return value if isinstance(value, str) and value in allowed else default


def years_of(frame: pd.DataFrame) -> list[int]:
    """The years with any figure in a series frame, oldest first."""
    found = set()
    for period in map(str, column(frame, "period")):
        year, _, month = period.partition("-")
        if year.isdigit() and month.isdigit():
            found.add(int(year))
    return sorted(found)


def parse_years(
    value: object, available: Sequence[int], count: int = DEFAULT_YEAR_COUNT
) -> list[int]:
    """The years asked for (``"2023,2024"``; a list when the key is repeated) that have
    figures, oldest first; when none does, the latest ``count`` available years."""
    parts: list[str] = []
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = [piece for item in value for piece in str(item).split(",")]
    elif isinstance(value, int):
        parts = [str(value)]
    chosen = sorted(
        {
            int(p)
            for p in (s.strip() for s in parts)
            if p.isdigit() and len(p) == 4 and int(p) in available
        }
    )
    return chosen or sorted(available)[-count:]


# -- figures (pure) ------------------------------------------------------------------------


def _merge(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    """Update nested dicts in place (``{"xaxis": {"title": …}}`` keeps the other keys)."""
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def finish(figure: Figure, lang: str, **changes: Any) -> Figure:
    """The page's look on a chart (a ``figures`` builder's dict, changed in place): its
    height, light grid lines, the legend clear of the slanted period labels; ``changes``
    are merged into the layout last."""
    plain = figure
    layout = plain.setdefault("layout", {})
    _merge(
        layout,
        {
            "height": CHART_HEIGHT,
            "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
            "legend": {"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top"},
            "xaxis": {"gridcolor": GRID_COLOR, "automargin": True},
            "yaxis": {"gridcolor": GRID_COLOR, "automargin": True},
            "hoverlabel": {"align": "left"},
        },
    )
    _merge(layout, changes)
    return plain


def no_data(figure: Figure, lang: str) -> Figure:
    """``figure`` with a "no data" note when none of its traces has a value."""
    if not any(y is not None for trace in figure["data"] for y in trace.get("y") or ()):
        figure["layout"].setdefault("annotations", []).append(no_data_note(lang))
    return figure


def span_of(frames: Iterable[pd.DataFrame]) -> tuple[str, ...]:
    """The first and last period of all ``frames`` (none when they are all empty): charts
    drawn side by side over this span share their months."""
    periods = [str(p) for frame in frames for p in column(frame, "period")]
    return (min(periods), max(periods)) if periods else ()


def month_labels(lang: str) -> list[str]:
    """The x categories of a year overlay: ``1月``..``12月`` / ``Jan``..``Dec``."""
    if lang_of(lang) == "en":
        return list(MONTH_ABBREVIATIONS)
    return [f"{month}月" for month in range(1, 13)]


def _point_hover(row: Mapping[str, Any], unit: str, lang: str) -> str:
    derived = bool(row["derived"])
    kind = t("derived", lang) if derived else t("reported", lang)
    lines = [
        f"{row['period']}: {value_text(float(row['value']), unit, lang)} ({kind})",
        f"{t('bulletin', lang)} {str(row.get('bulletin') or '')[:12]}",
    ]
    formula = str(row.get("text") or "")
    if derived and formula and lang_of(lang) == "zh":
        lines.append(t("growth.derived_from", lang) + formula)
    return "<br>".join(lines)


def _best_by_period(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Period -> its row, a printed one before a derived one, none without a value."""

    def with_values(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {period: row for period, row in rows.items() if not pd.isna(row["value"])}

    split = rows_by_period(frame)
    return {**with_values(split[True]), **with_values(split[False])}


def year_overlay(
    frame: pd.DataFrame, years: Sequence[int], title: str, unit: str, lang: str
) -> Figure:
    """One line per year over the months 1..12 (a category axis ``1月``..``12月`` /
    ``Jan``..``Dec``), ``None`` where no figure was printed: a gap, never interpolated.
    ``frame`` is a series (period, value, derived, bulletin, text); a printed figure wins
    over a derived one of the same month. A derived point gets an open marker and says so
    in its hover, and its year's name says the line holds derived values. Each point's
    customdata is [hover text, bulletin key, period]; the latest year is red."""
    labels = month_labels(lang)
    best = memo(frame, "best_by_period", _best_by_period)
    ordered = sorted(set(years))
    traces = []
    for index, year in enumerate(ordered):
        ys: list[float | None] = []
        custom: list[list[str]] = []
        symbols: list[str] = []
        any_derived = False
        for month in range(1, 13):
            period = f"{year:04d}-{month:02d}"
            found = best.get(period)
            if found is None:
                ys.append(None)
                custom.append(["", "", period])
                symbols.append("circle")
                continue
            any_derived = any_derived or found["derived"]
            ys.append(float(found["value"]))
            custom.append(
                [_point_hover(found, unit, lang), source_key(found.get("bulletin")), period]
            )
            symbols.append("circle-open" if found["derived"] else "circle")
        color = PALETTE[(len(ordered) - 1 - index) % len(PALETTE)]
        traces.append(
            {
                "type": "scatter",
                "x": labels,
                "y": ys,
                "customdata": custom,
                "name": t("growth.year_name", lang, year=year)
                + (t("growth.with_derived", lang) if any_derived else ""),
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": color, "width": 2},
                "marker": {"symbol": symbols, "size": 7, "color": color},
                "hovertemplate": "%{customdata[0]}<extra>%{fullData.name}</extra>",
            }
        )
    figure = finish(
        {"data": traces, "layout": base_layout(title, unit, lang)},
        lang,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "tickangle": 0,
            "tickmode": "array",
            "tickvals": labels,
            "title": {"text": t("growth.month_axis", lang)},
        },
        legend={"y": -0.22},
    )
    return no_data(figure, lang)


def line_name(code: str, indicator: str, lang: str) -> str:
    """A line's legend name: the comparison industry; the indicator when revenue and profit
    share the chart; else the industry itself."""
    if code in _COMPARISON_NAMES:
        return t(f"growth.{_COMPARISON_NAMES[code]}", lang)
    if len(TOGETHER.get(indicator, (indicator,))) > 1:
        return t(f"growth.{code}", lang)
    return t("electronics", lang)


def growth_codes(indicator: str) -> tuple[str, ...]:
    """Every line code of the growth chart: electronics first, then the comparisons."""
    return (*TOGETHER.get(indicator, (indicator,)), *COMPARISONS.get(indicator, ()))


def basis_text(basis: str, lang: str) -> str:
    """``累计`` / ``year to date`` (lower case inside an English title)."""
    name = basis_name(basis, lang)
    return name.lower() if lang_of(lang) == "en" else name


def growth_title(indicator: str, basis: str, lang: str) -> str:
    name = t("growth." + ("revenue_and_profit" if indicator in TOGETHER else indicator), lang)
    return with_unit(
        t("growth.growth_title", lang, name=name, basis=basis_text(basis, lang)), "%", lang
    )


def growth_figure(
    frames: Mapping[str, pd.DataFrame],
    indicator: str,
    basis: str,
    lang: str,
    span: Sequence[str] = (),
) -> Figure:
    """The growth of ``indicator`` (and of its partner, for revenue and profit) with the
    comparison industries beside it; ``frames`` maps each code of ``growth_codes`` to its
    yoy_pct series on ``basis`` (a code missing or empty draws no line)."""
    lines = [
        Line(line_name(code, indicator, lang), frames[code], "%", COLORS.get(code))
        for code in growth_codes(indicator)
        if code in frames and not frames[code].empty
    ]
    title = growth_title(indicator, basis, lang)
    return finish(time_series(lines, title, "%", lang, span), lang)


def years_figure(
    frame: pd.DataFrame, years: Sequence[int], indicator: str, basis: str, lang: str
) -> Figure:
    """``year_overlay`` of the indicator's growth, titled."""
    title = t(
        "growth.years_title",
        lang,
        name=t(f"growth.{indicator}", lang),
        basis=basis_text(basis, lang),
    )
    return year_overlay(frame, years, with_unit(title, "%", lang), "%", lang)


def month_figure(frames: Mapping[str, pd.DataFrame], lang: str, span: Sequence[str] = ()) -> Figure:
    """Single-month growth of each indicator that has any (``frames``: code -> its
    yoy_pct series on basis month), over ``span`` too."""
    lines = [
        Line(t(f"growth.{code}", lang), frames[code], "%", COLORS.get(code))
        for code in INDICATORS
        if code in frames and not frames[code].empty
    ]
    title = with_unit(t("growth.month_title", lang), "%", lang)
    return finish(time_series(lines, title, "%", lang, span), lang)


# -- the page ------------------------------------------------------------------------------


def chart_id(name: str, page: str = PAGE) -> dict[str, str]:
    """The pattern-matching id of a chart (``dashboard.clicks`` opens its sources)."""
    return {"type": ids.CHART, "page": page, "name": name}


def graph(name: str, figure: Figure, page: str = PAGE, wide: bool = False) -> html.Div:
    """A chart in its ``chart`` box; ``wide`` spans both columns of the grid."""
    return html.Div(
        dcc.Graph(
            id=chart_id(name, page),
            figure=figure,
            config=_GRAPH_CONFIG,
            style={"height": f"{CHART_HEIGHT}px"},
        ),
        className="chart",
        style={"gridColumn": "1 / -1"} if wide else {},
    )


#: Two charts side by side where the screen is wide enough, one under the other else.
GRID_STYLE: dict[str, str] = {
    "display": "grid",
    "gridTemplateColumns": "repeat(auto-fit, minmax(min(100%, 520px), 1fr))",
    "gap": "0 1em",
}


def control(label: str, component: Any) -> html.Label:
    return html.Label(
        [label, component], style={"display": "flex", "flexDirection": "column", "gap": "0.2em"}
    )


def basis_control(component_id: str, basis: str, lang: str) -> html.Label:
    return control(
        t("basis", lang),
        dcc.RadioItems(
            id=component_id,
            options=[{"label": basis_name(b, lang), "value": b} for b in BASES],
            value=basis,
            inline=True,
            inputStyle={"marginRight": "0.3em"},
            labelStyle={"marginRight": "1em"},
        ),
    )


def year_options(available: Sequence[int], lang: str) -> list[dict[str, Any]]:
    """The overlay's years as dropdown options, latest first."""
    return [{"label": t("growth.year_name", lang, year=y), "value": y} for y in reversed(available)]


@dataclass(frozen=True)
class View:
    """What the page shows for one query: the choices made, the years the overlay can
    offer, and the figures by chart name."""

    indicator: str
    basis: str
    available: tuple[int, ...]
    years: tuple[int, ...]
    figures: dict[str, Figure]


#: At most this many years are read from a query or a control (a hand-made one may hold more).
MAX_YEARS = 40


def years_key(value: object) -> str:
    """The ``years`` query as one string (a repeated key gives a list)."""
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value[:MAX_YEARS])
    return value[: MAX_YEARS * 5] if isinstance(value, str) else ""


def view(indicator: str, basis: str, years: str, lang: str) -> View:
    """Read the series of a (validated) query and build its figures."""
    frames = {code: data.series(code, "yoy_pct", basis=basis) for code in growth_codes(indicator)}
    available = years_of(frames[indicator])
    chosen = parse_years(years, available)
    monthly = {code: data.series(code, "yoy_pct", basis="month") for code in INDICATORS}
    span = span_of([*frames.values(), *monthly.values()])  # both charts, the same months
    return View(
        indicator,
        basis,
        tuple(available),
        tuple(chosen),
        {
            "growth": growth_figure(frames, indicator, basis, lang, span),
            "years": years_figure(frames[indicator], chosen, indicator, basis, lang),
            "month": month_figure(monthly, lang, span),
        },
    )


@data.cached(maxsize=64, view=True)
def _cached_view(version: int, indicator: str, basis: str, years: str, lang: str) -> View:
    return view(indicator, basis, years, lang)


def layout(
    lang: str = "zh", indicator: str = "", basis: str = "", years: object = "", **_: Any
) -> html.Div:
    """The growth page for the query (every value validated; unknown ones -> defaults).
    Its figures are cached per data version and query."""
    lang = lang_of(lang)
    indicator = choice(indicator, INDICATORS, INDICATORS[0])
    basis = choice(basis, BASES, BASES[0])
    shown = _cached_view(data.version(), indicator, basis, years_key(years), lang)
    controls = html.Div(
        [
            control(
                t("indicator", lang),
                dcc.Dropdown(
                    id=ids.GROWTH_INDICATOR,
                    options=[
                        {"label": t(f"growth.{code}", lang), "value": code} for code in INDICATORS
                    ],
                    value=indicator,
                    clearable=False,
                    style={"width": "16em"},
                ),
            ),
            basis_control(ids.GROWTH_BASIS, basis, lang),
            control(
                t("years", lang),
                dcc.Dropdown(
                    id=ids.GROWTH_YEARS,
                    options=year_options(shown.available, lang),
                    value=list(shown.years),
                    multi=True,
                    style={"minWidth": "18em"},
                ),
            ),
        ],
        className="controls",
    )
    return html.Div(
        [
            html.H2(t("growth.title", lang)),
            html.P(t("growth.intro", lang), className="note"),
            controls,
            html.Div(
                [
                    graph("growth", shown.figures["growth"], wide=True),
                    graph("years", shown.figures["years"]),
                    graph("month", shown.figures["month"]),
                ],
                style=GRID_STYLE,
            ),
        ]
    )


def register() -> None:
    """Register the page with Dash (its query callback is registered once, at import)."""
    shell.register_page(
        __name__, path=PATH, name="growth", title="增长 · EIM Monitor", layout=layout
    )


@callback(
    Output(chart_id("growth"), "figure"),
    Output(chart_id("years"), "figure"),
    Output(ids.GROWTH_YEARS, "options"),
    Input(ids.GROWTH_INDICATOR, "value"),
    Input(ids.GROWTH_BASIS, "value"),
    Input(ids.GROWTH_YEARS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(indicator: object, basis: object, years: object, search: object) -> tuple[Any, ...]:
    """A control changed: the two charts that depend on it and the years on offer (the
    single-month chart shows every indicator and stays). Values outside the controls'
    options fall back to the defaults, as in the URL."""
    lang = shell.lang_of_search(search)
    shown = _cached_view(
        data.version(),
        choice(indicator, INDICATORS, INDICATORS[0]),
        choice(basis, BASES, BASES[0]),
        years_key(years),
        lang,
    )
    return shown.figures["growth"], shown.figures["years"], year_options(shown.available, lang)


shell.keep_in_url(
    PATH,
    {
        "indicator": ids.GROWTH_INDICATOR,
        "basis": ids.GROWTH_BASIS,
        "years": ids.GROWTH_YEARS,
    },
)
