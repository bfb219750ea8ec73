"""Regions: operating revenue of the four regions (east, central, west, northeast) and of
the two clusters (Beijing-Tianjin-Hebei, Yangtze River Delta) for one period, their shares
of the national revenue and how the shares moved; ``?period=YYYY-MM`` picks the period
(default: the latest with regional figures; anything else falls back to it).

Shapes: the builders are pure — the tidy observations table (``data.observations()``) in,
a plotly figure out (the bar charts as plain dicts, the cheapest to build and send; the
time series from ``dashboard.figures.base``); ``share_table`` gives one ``Share`` per region.
The bulletins print regional figures for the year to date only (1—M月), so every figure
here is cumulative.

Charts (ids ``{"type": "chart", "page": "regions", "name": …}``):
    growth            revenue growth y/y: the four regions, and the two clusters as a
                      second bar group
    shares            share of the national revenue: the printed share, and beside it the
                      share computed from the levels (100 × region / national revenue,
                      derived, hatched) wherever the two differ by more than the printed
                      figures' rounding (the tolerance of ``loaders.bulletin.checks``) or no share
                      was printed; a note below says which and by how much
    levels            revenue by region
    shares_over_time  each region's share over the months, printed solid, derived dotted
Every bar's customdata is [hover text, bulletin key, period], like the time series'
points, so a click opens the bulletin it came from (``dashboard.clicks``).
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from dashboard import data, ids, routes, shell
from dashboard.figures.base import GRAPH_CONFIG, PALETTE, Line, base_layout, source_key, time_series
from dashboard.figures.memo import memo
from dashboard.i18n import lang_of, marked_derived, region_name, t, unit_name, value_text
from loaders.bulletin.checks import SHARE_TOLERANCE
from loaders.bulletin.numbers import printed_uncertainty
from loaders.catalog import CLUSTERS, FOUR_REGIONS

PATH = routes.REGIONS
PAGE = "regions"
REGIONS: tuple[str, ...] = (*FOUR_REGIONS, *CLUSTERS)
#: Added to the rounding of the printed figures before a printed share counts as differing
#: from the computed one (as in ``loaders.bulletin.checks``).
SHARE_SLACK = 0.05
DERIVED_PATTERN = "/"
#: A bar chart as plotly reads it: {"data": [traces], "layout": {...}}.
Figure = dict[str, Any]
#: Dash's typed ``config`` prop wants its own TypedDict; the shared config is a plain dict.
_GRAPH_CONFIG: Any = GRAPH_CONFIG


def chart_id(name: str) -> dict[str, str]:
    """The pattern-matching id of one of this page's charts."""
    return {"type": ids.CHART, "page": PAGE, "name": name}


def period_label(period: str, lang: str) -> str:
    """``2025-02`` -> ``2025年1—2月`` / ``Jan–Feb 2025`` (the cumulative span)."""
    try:
        year, month = period.split("-")
        number = int(month)
        abbreviation = calendar.month_abbr[number]
    except (ValueError, IndexError):
        return period
    if lang == "en":
        return f"Jan–{abbreviation} {year}" if number > 1 else f"Jan {year}"
    return f"{year}年1—{number}月" if number > 1 else f"{year}年1月"


# -- data (pure) ---------------------------------------------------------------------------


def regional(observations: pd.DataFrame) -> pd.DataFrame:
    """The rows this page draws: cumulative revenue of the six regions (level, growth,
    share) and the national revenue level the shares are computed from."""
    frame = observations
    keep = (
        (frame["indicator"] == "revenue")
        & (frame["segment"] == "all")
        & (frame["basis"] == "ytd")
        & frame["measure"].isin(("level", "yoy_pct", "share_pct"))
        & (
            frame["region"].isin(REGIONS)
            | ((frame["region"] == "national") & (frame["measure"] == "level"))
        )
    )
    return frame.loc[keep].reset_index(drop=True)


def regional_periods(frame: pd.DataFrame) -> list[str]:
    """The periods with any regional figure, oldest first."""
    return sorted(frame.loc[frame["region"].isin(REGIONS), "period"].unique().tolist())


Row = dict[str, Any]
Lookup = tuple[dict[tuple[str, str, str, bool], Row], dict[tuple[str, str], pd.DataFrame]]
_ROW_COLUMNS = ("period", "region", "measure", "derived", "value", "bulletin", "printed", "text")


def _build_lookup(frame: pd.DataFrame) -> Lookup:
    columns = [c for c in _ROW_COLUMNS if c in frame.columns]
    rows: dict[tuple[str, str, str, bool], Row] = {}
    for values in zip(*(frame[c].tolist() for c in columns), strict=True):
        row = dict(zip(columns, values, strict=True))
        fact = (str(row["period"]), str(row["region"]), str(row["measure"]))
        rows.setdefault((*fact, bool(row["derived"])), row)
    series = {
        (str(region), str(measure)): group.sort_values("period", ignore_index=True)
        for (region, measure), group in frame.groupby(["region", "measure"], sort=False)
    }
    return rows, series


def _lookup(frame: pd.DataFrame) -> Lookup:
    """``frame``'s first row per (period, region, measure, derived) and its series per
    (region, measure), built once per frame: a view asks for dozens of facts, and
    filtering the table for each cost most of its time."""
    return memo(frame, "regions_lookup", _build_lookup)


def _fact(frame: pd.DataFrame, period: str, region: str, measure: str) -> Row | None:
    """The printed figure, else the derived one, else None."""
    rows, _ = _lookup(frame)
    printed = rows.get((period, region, measure, False))
    return printed if printed is not None else rows.get((period, region, measure, True))


@dataclass(frozen=True)
class Point:
    """One bar: a region's figure (None when not published) and where it came from."""

    region: str
    value: float | None
    derived: bool = False
    bulletin: str = ""
    note: str = ""


def points(frame: pd.DataFrame, period: str, measure: str, regions: Sequence[str]) -> list[Point]:
    """One ``Point`` per region, in the order given."""
    found = []
    for region in regions:
        row = _fact(frame, period, region, measure)
        if row is None:
            found.append(Point(region, None))
        else:
            found.append(
                Point(region, float(row["value"]), bool(row["derived"]), str(row["bulletin"]))
            )
    return found


@dataclass(frozen=True)
class Share:
    """A region's share of the national revenue: printed, computed from the levels, and
    whether the two differ by more than the printed figures' rounding allows."""

    region: str
    printed: float | None = None
    printed_text: str = ""
    printed_bulletin: str = ""
    computed: float | None = None
    computed_bulletin: str = ""
    formula: str = ""
    tolerance: float = 0.0

    @property
    def differs(self) -> bool:
        if self.printed is None or self.computed is None:
            return False
        return abs(self.printed - self.computed) > self.tolerance

    @property
    def draw_computed(self) -> bool:
        """Whether the computed share gets its own bar (differs, or nothing printed)."""
        return self.computed is not None and (self.printed is None or self.differs)


def _plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def share_table(frame: pd.DataFrame, period: str, regions: Sequence[str] = REGIONS) -> list[Share]:
    """Printed and computed shares of each region for ``period`` (see ``Share``)."""
    rows, _ = _lookup(frame)
    national = _fact(frame, period, "national", "level")
    shares = []
    for region in regions:
        printed = rows.get((period, region, "share_pct", False))
        stored = rows.get((period, region, "share_pct", True))
        level = _fact(frame, period, region, "level")
        share = Share(region)
        if printed is not None:
            share = Share(
                region,
                float(printed["value"]),
                str(printed.get("printed") or ""),
                str(printed["bulletin"]),
            )
        computed: float | None = None
        bulletin, formula, tolerance = "", "", 0.0
        level_value = float(level["value"]) if level is not None else 0.0
        national_value = float(national["value"]) if national is not None else 0.0
        if level is not None and national is not None and level_value > 0 and national_value > 0:
            computed = 100 * level_value / national_value
            bulletin = str(level["bulletin"])
            formula = f"100 × {_plain(level_value)} / {_plain(national_value)} 亿元"
            relative = printed_uncertainty(str(level.get("printed") or "")) / level_value + (
                printed_uncertainty(str(national.get("printed") or "")) / national_value
            )
            tolerance = computed * relative + printed_uncertainty(share.printed_text) + SHARE_SLACK
        if stored is not None:  # the store's derived share: same formula, its own provenance
            computed, bulletin = float(stored["value"]), str(stored["bulletin"])
            formula = str(stored.get("text") or formula)
        shares.append(
            Share(
                region,
                share.printed,
                share.printed_text,
                share.printed_bulletin,
                computed,
                bulletin,
                formula,
                tolerance,
            )
        )
    return shares


# -- figures (pure) ------------------------------------------------------------------------


def _hover(
    region: str,
    value: float | None,
    unit: str,
    derived: bool,
    period: str,
    bulletin: str,
    lang: str,
    extra: str = "",
) -> str:
    if value is None:
        return ""
    kind = t("derived", lang) if derived else t("reported", lang)
    lines = [
        f"<b>{region_name(region, lang)}</b>",
        f"{value_text(value, unit, lang)} ({kind})",
        f"{t('period', lang)}: {period_label(period, lang)} ({period})",
        f"{t('bulletin', lang)} {bulletin[:12]}",
    ]
    if extra:
        lines.append(extra)
    return "<br>".join(lines)


def _bar(
    found: Sequence[Point],
    name: str,
    color: str,
    unit: str,
    period: str,
    lang: str,
    *,
    derived: bool = False,
) -> Figure:
    """One bar trace of the regions with a figure (the others get no bar: see
    ``_bar_figure``); derived bars hatched, lighter and labelled."""
    shown = [p for p in found if p.value is not None]
    derived_each = [derived or p.derived for p in shown]
    texts = [
        marked_derived(value_text(float(p.value or 0), unit, lang), lang)
        if d
        else value_text(float(p.value or 0), unit, lang)
        for p, d in zip(shown, derived_each, strict=True)
    ]
    custom = [
        [
            _hover(p.region, p.value, unit, d, period, p.bulletin, lang, p.note),
            source_key(p.bulletin),
            period,
        ]
        for p, d in zip(shown, derived_each, strict=True)
    ]
    return {
        "type": "bar",
        "x": [region_name(p.region, lang) for p in shown],
        "y": [p.value for p in shown],
        "name": name,
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": custom,
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "marker": {
            "color": color,
            "opacity": [0.55 if d else 1.0 for d in derived_each],
            "pattern": {"shape": [DERIVED_PATTERN if d else "" for d in derived_each]},
            "line": {"color": color, "width": 1},
        },
    }


def _bar_figure(
    title: str, unit: str, lang: str, traces: Sequence[Figure], categories: Sequence[str]
) -> Figure:
    """Bars grouped by region, every region of ``categories`` on the axis: one without any
    figure says so at the baseline (a gap, never a zero bar); traces without bars are left
    out, so the bars that are drawn stay centred."""
    kept = [trace for trace in traces if trace["x"]]
    drawn = {x for trace in kept for x in trace["x"]}
    missing = [c for c in categories if c not in drawn]
    layout: dict[str, Any] = {
        **base_layout(title, unit, lang),
        "hovermode": "closest",
        "barmode": "group",
        "xaxis": {
            "type": "category",
            "tickangle": 0,
            "title": {"text": t("region", lang)},
            "categoryorder": "array",
            "categoryarray": list(categories),
        },
        "legend": {"orientation": "h", "y": -0.2},
    }
    if unit != "%":
        layout["yaxis"] = {**layout["yaxis"], "tickformat": ",~r"}  # 40,000, not 40k
    data = list(kept)
    if missing:
        data.append(
            {
                "type": "scatter",
                "x": missing,
                "y": [0] * len(missing),
                "mode": "text",
                "text": [t("no_data", lang)] * len(missing),
                "textposition": "top center",
                "textfont": {"color": "#999"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return {"data": data, "layout": layout}


def _title(key: str, unit: str, period: str, lang: str) -> str:
    unit_text = unit_name(unit, lang).strip()
    if lang == "en":
        return f"{t(f'regions.{key}', lang)} ({unit_text}), {period_label(period, lang)}"
    return f"{t(f'regions.{key}', lang)}（{unit_text}）· {period_label(period, lang)}"


def _regions_and_clusters(
    frame: pd.DataFrame, period: str, measure: str, key: str, unit: str, lang: str
) -> Figure:
    """One measure of the four regions, and of the two clusters as a second bar group."""
    return _bar_figure(
        _title(key, unit, period, lang),
        unit,
        lang,
        [
            _bar(
                points(frame, period, measure, group),
                t(f"regions.{name}", lang),
                color,
                unit,
                period,
                lang,
            )
            for group, name, color in (
                (FOUR_REGIONS, "four_regions", PALETTE[1]),
                (CLUSTERS, "clusters", PALETTE[3]),
            )
        ],
        [region_name(region, lang) for region in REGIONS],
    )


def growth_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue growth y/y of the four regions, and of the two clusters beside them."""
    return _regions_and_clusters(frame, period, "yoy_pct", "growth", "%", lang)


def levels_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue of the four regions and of the two clusters, in 亿元."""
    return _regions_and_clusters(frame, period, "level", "levels", "亿元", lang)


def shares_figure(shares: Sequence[Share], period: str, lang: str) -> Figure:
    """Printed shares; beside them the computed ones where they differ or none is printed."""
    printed = [
        Point(
            s.region,
            s.printed,
            False,
            s.printed_bulletin,
            ""
            if s.computed is None or s.differs
            else f"{t('regions.computed_short', lang)} {value_text(s.computed, '%', lang)}: "
            f"{t('regions.within_rounding', lang)}",
        )
        for s in shares
    ]
    computed = [
        Point(
            s.region, s.computed if s.draw_computed else None, True, s.computed_bulletin, s.formula
        )
        for s in shares
    ]
    return _bar_figure(
        _title("shares", "%", period, lang),
        "%",
        lang,
        [
            _bar(printed, t("regions.printed_share", lang), PALETTE[0], "%", period, lang),
            _bar(
                computed,
                t("regions.computed_share", lang),
                PALETTE[2],
                "%",
                period,
                lang,
                derived=True,
            ),
        ],
        [region_name(s.region, lang) for s in shares],
    )


def _series(frame: pd.DataFrame, region: str, measure: str) -> pd.DataFrame:
    _, series = _lookup(frame)
    found = series.get((region, measure))
    return found if found is not None else frame.iloc[0:0]


def shares_over_time_figure(frame: pd.DataFrame, lang: str) -> Any:
    """Each region's share of the national revenue, month by month (gaps where none)."""
    lines = [
        Line(
            region_name(region, lang),
            _series(frame, region, "share_pct"),
            "%",
            PALETTE[index % len(PALETTE)],
        )
        for index, region in enumerate(REGIONS)
        if not _series(frame, region, "share_pct").empty
    ]
    unit_text = unit_name("%", lang)
    title = (
        f"{t('regions.shares_over_time', lang)} ({unit_text})"
        if lang == "en"
        else f"{t('regions.shares_over_time', lang)}（{unit_text}）"
    )
    figure = time_series(lines, title, "%", lang)
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": t("period", lang)}}
    layout["legend"] = {**layout["legend"], "y": -0.45}  # below the month labels and title
    layout["margin"] = {**layout["margin"], "b": 130}
    layout["height"] = 520
    return figure


def share_note(shares: Sequence[Share], lang: str) -> list[Any]:
    """What the shares chart cannot say in bars: which shares differ, by how much, and
    whether the four printed shares add up to 100."""
    children: list[Any] = []
    differing = [s for s in shares if s.differs]
    if differing:
        items = []
        colon, comma, semicolon = (": ", ", ", "; ") if lang == "en" else ("：", "，", "；")
        for s in differing:
            assert s.printed is not None and s.computed is not None
            rounding = value_text(s.tolerance, "pp", lang).lstrip("+")
            difference = value_text(s.printed - s.computed, "pp", lang)
            items.append(
                html.Li(
                    f"{region_name(s.region, lang)}{colon}{t('regions.printed_word', lang)} "
                    f"{value_text(s.printed, '%', lang)}{comma}{t('regions.computed_short', lang)} "
                    f"{value_text(s.computed, '%', lang)} ({s.formula}){semicolon}"
                    f"{t('regions.difference', lang)} {difference}"
                    f"{comma}{t('regions.rounding', lang)} ±{rounding}"
                )
            )
        children += [html.P(t("regions.differ_head", lang)), html.Ul(items)]
    elif any(s.printed is not None for s in shares):
        children.append(html.P(t("regions.all_agree", lang)))
    elif any(s.computed is not None for s in shares):
        children.append(html.P(t("regions.none_printed", lang)))
    four = [s.printed for s in shares if s.region in FOUR_REGIONS]
    if len(four) == len(FOUR_REGIONS) and all(v is not None for v in four):
        total = sum(v for v in four if v is not None)
        flag = "" if abs(total - 100) <= SHARE_TOLERANCE else f" ≠ 100 ± {SHARE_TOLERANCE:g}"
        children.append(
            html.P(f"{t('regions.sum_of_four', lang)} {value_text(total, '%', lang)}{flag}")
        )
    return children


# -- the page ------------------------------------------------------------------------------


def _graph(name: str, figure: Any) -> dcc.Graph:
    return dcc.Graph(id=chart_id(name), figure=figure, config=_GRAPH_CONFIG, className="chart")


def chosen_period(period: object, periods: Sequence[str]) -> str:
    """``period`` when it has regional figures, else the latest that has ("" for none)."""
    if isinstance(period, str) and period in periods:
        return period
    return periods[-1] if periods else ""


@dataclass(frozen=True)
class View:
    """The page for one period: its figures by chart name and the note on shares."""

    figures: dict[str, Any]
    share_note: list[Any]


def view(period: str, lang: str) -> View:
    """The charts of ``period`` (one with regional figures) and the shares over time; the
    note on shares as plain JSON (``as_json``)."""
    frame = _regional(data.store().url, data.version())
    shares = share_table(frame, period)
    return View(
        {
            "growth": growth_figure(frame, period, lang),
            "shares": shares_figure(shares, period, lang),
            "levels": levels_figure(frame, period, lang),
            "shares_over_time": shares_over_time_figure(frame, lang),
        },
        as_json(share_note(shares, lang)),
    )


def as_json(components: list[Any]) -> list[Any]:
    """Components as the plain dicts Dash sends for them. A callback answer that holds a
    component object makes plotly's JSON encoder walk the whole answer, figures included,
    in Python (0.8 ms for this page's); plain dicts go straight to orjson."""
    return list(json.loads(to_json_plotly(components)))


@data.cached(maxsize=64, view=True)
def _cached_view(version: int, period: str, lang: str) -> View:
    return view(period, lang)


@data.cached(maxsize=4)
def _regional(url: str, version: int) -> pd.DataFrame:
    return regional(data.observations())


@data.cached(maxsize=4)
def _periods(version: int) -> list[str]:
    return regional_periods(_regional(data.store().url, version))


def layout(lang: str = "zh", period: str = "", **_: Any) -> html.Div:
    """The regions of ``period`` (default: the latest with regional figures)."""
    lang = lang_of(lang)
    periods = _periods(data.version())
    chosen = chosen_period(period, periods)
    control = html.Div(
        html.Label(
            [
                t("period", lang),
                dcc.Dropdown(
                    id=ids.REGIONS_PERIOD,
                    options=[
                        {"label": f"{p} · {period_label(p, lang)}", "value": p}
                        for p in reversed(periods)
                    ],
                    value=chosen or None,
                    clearable=False,
                    style={"width": "16em"},
                ),
            ]
        ),
        className="controls",
    )
    if not chosen:
        return html.Div(
            [
                html.H2(t("regions.title", lang)),
                control,
                html.P(t("regions.no_regional_data", lang), className="note"),
            ]
        )
    shown = _cached_view(data.version(), chosen, lang)
    return html.Div(
        [
            html.H2(t("regions.title", lang)),
            html.P(t("regions.intro", lang), className="note"),
            control,
            _graph("growth", shown.figures["growth"]),
            _graph("shares", shown.figures["shares"]),
            html.Div(shown.share_note, id=ids.REGIONS_SHARE_NOTE, className="note"),
            _graph("levels", shown.figures["levels"]),
            _graph("shares_over_time", shown.figures["shares_over_time"]),
        ]
    )


def register() -> None:
    """Register the page with Dash (its chart callback is registered once, at import)."""
    shell.register_page(
        __name__, path=PATH, name="regions", title="地区 · EIM Monitor", layout=layout
    )


@callback(
    Output(chart_id("growth"), "figure"),
    Output(chart_id("shares"), "figure"),
    Output(ids.REGIONS_SHARE_NOTE, "children"),
    Output(chart_id("levels"), "figure"),
    Input(ids.REGIONS_PERIOD, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(period: object, search: object) -> tuple[Any, ...]:
    """The period changed: the three charts of one period and the note on shares (the
    shares over time stay). A period without regional figures gives the latest one's."""
    chosen = chosen_period(period, _periods(data.version()))
    if not chosen:
        raise PreventUpdate
    shown = _cached_view(data.version(), chosen, shell.lang_of_search(search))
    figures = shown.figures
    return figures["growth"], figures["shares"], shown.share_note, figures["levels"]


shell.keep_in_url(PATH, {"period": ids.REGIONS_PERIOD})
