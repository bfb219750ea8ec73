"""The Regions page's data and share arithmetic: which rows it draws, which periods it
offers, the figure of each region, and each region's share of the national revenue as
printed and as computed from the levels. No Dash, no figures.

Shapes: ``frame`` is the tidy observations table (``dashboard.data.observations()``,
columns period YYYY-MM, region, measure, derived, value, bulletin, printed, text) cut to
this page's rows by ``regional``: cumulative (``ytd``) revenue of the six regions — level
in 亿元, ``yoy_pct`` and ``share_pct`` in % — and the national level the shares are
computed from. ``points`` gives one ``Point`` per region (a bar), ``share_table`` one
``Share`` per region (shares in %), ``share_note_parts`` the note under the shares chart
as plain texts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.figures.memo import memo
from dashboard.i18n import figure_text, region_name, t
from loaders.bulletin.checks import SHARE_TOLERANCE
from loaders.bulletin.numbers import printed_uncertainty
from loaders.catalog import CLUSTERS, FOUR_REGIONS

REGIONS: tuple[str, ...] = (*FOUR_REGIONS, *CLUSTERS)
#: Added to the rounding of the printed figures before a printed share counts as differing
#: from the computed one (as in ``loaders.bulletin.checks``).
SHARE_SLACK = 0.05


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


def complete_periods(frame: pd.DataFrame) -> list[str]:
    """The periods in which each of the four regions has a printed figure, oldest first (a
    copy cut short may print the east alone)."""
    printed = frame.loc[~frame["derived"].astype(bool) & frame["region"].isin(FOUR_REGIONS)]
    regions_by_period = printed.groupby("period")["region"].nunique()
    return sorted(regions_by_period[regions_by_period == len(FOUR_REGIONS)].index.tolist())


def chosen_period(period: object, periods: Sequence[str], complete: Sequence[str] = ()) -> str:
    """``period`` when it has regional figures; else the latest in which all four regions
    are printed, else the latest with any regional figure ("" for none)."""
    if isinstance(period, str) and period in periods:
        return period
    if complete:
        return complete[-1]
    return periods[-1] if periods else ""


# -- the lookup of regional facts ----------------------------------------------------------

Row = dict[str, Any]
Lookup = tuple[dict[tuple[str, str, str, bool], Row], dict[tuple[str, str], pd.DataFrame]]
_ROW_COLUMNS = (
    "period",
    "region",
    "measure",
    "derived",
    "value",
    "bulletin",
    "printed",
    "text",
    "source",
    "source_en",
    "decimals",
)


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


def series(frame: pd.DataFrame, region: str, measure: str) -> pd.DataFrame:
    """One region's rows of ``measure`` over the months, oldest first (empty for none)."""
    _, found_series = _lookup(frame)
    found = found_series.get((region, measure))
    return found if found is not None else frame.iloc[0:0]


@dataclass(frozen=True)
class Point:
    """One bar: a region's figure (None when not published) and where it came from."""

    region: str
    value: float | None
    derived: bool = False
    bulletin: str = ""
    note: str = ""
    #: The figure as printed ("" when derived), the decimals it is known to (None: as
    #: stored), and the bulletin's title and English name (``dashboard.data.with_sources``).
    printed: str = ""
    decimals: int | None = None
    source: str = ""
    source_en: str = ""


def point_of(region: str, row: Mapping[Any, Any]) -> Point:
    """A region's row of the page's frame (observations ``with_sources``) as a bar."""
    decimals = row.get("decimals")
    return Point(
        region,
        float(row["value"]),
        bool(row["derived"]),
        str(row["bulletin"]),
        printed=str(row.get("printed") or ""),
        decimals=None if decimals is None or decimals != decimals else int(decimals),
        source=str(row.get("source") or ""),
        source_en=str(row.get("source_en") or ""),
    )


def points(frame: pd.DataFrame, period: str, measure: str, regions: Sequence[str]) -> list[Point]:
    """One ``Point`` per region, in the order given."""
    found = []
    for region in regions:
        row = _fact(frame, period, region, measure)
        if row is None:
            found.append(Point(region, None))
        else:
            found.append(point_of(region, row))
    return found


# -- shares --------------------------------------------------------------------------------


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


#: The decimals of a share the bulletins print (``67.9%``): a computed one is shown to them.
SHARE_DECIMALS = 1


def computed_text(share: float, lang: str) -> str:
    """A share computed from the levels, as every page shows it: ``70.8%（推算值）``."""
    return figure_text(share, "%", lang, derived=True, decimals=SHARE_DECIMALS)


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


#: The note under the shares chart: each part a paragraph, or a list of items.
NotePart = str | list[str]


def share_note_parts(shares: Sequence[Share], lang: str) -> list[NotePart]:
    """What the shares chart cannot say in bars: which shares differ, by how much (a
    heading, then one item per region), and whether the four printed shares add up to
    100."""
    parts: list[NotePart] = []
    differing = [s for s in shares if s.differs]
    if differing:
        items = []
        colon, comma, semicolon = (": ", ", ", "; ") if lang == "en" else ("：", "，", "；")
        for s in differing:
            assert s.printed is not None and s.computed is not None
            rounding = figure_text(s.tolerance, "pp", lang, decimals=2).lstrip("+")
            difference = figure_text(s.printed - s.computed, "pp", lang, decimals=SHARE_DECIMALS)
            items.append(
                f"{region_name(s.region, lang)}{colon}{t('regions.printed_word', lang)} "
                f"{figure_text(s.printed, '%', lang, s.printed_text)}{comma}"
                f"{t('regions.computed_short', lang)} {computed_text(s.computed, lang)} "
                f"({s.formula}){semicolon}"
                f"{t('regions.difference', lang)} {difference}"
                f"{comma}{t('regions.rounding', lang)} ±{rounding}"
            )
        parts += [t("regions.differ_head", lang), items]
    elif any(s.printed is not None for s in shares):
        parts.append(t("regions.all_agree", lang))
    elif any(s.computed is not None for s in shares):
        parts.append(t("regions.none_printed", lang))
    four = [s.printed for s in shares if s.region in FOUR_REGIONS]
    if len(four) == len(FOUR_REGIONS) and all(v is not None for v in four):
        total = sum(v for v in four if v is not None)
        flag = "" if abs(total - 100) <= SHARE_TOLERANCE else f" ≠ 100 ± {SHARE_TOLERANCE:g}"
        shown = figure_text(total, "%", lang, decimals=SHARE_DECIMALS)
        parts.append(f"{t('regions.sum_of_four', lang)} {shown}{flag}")
    return parts
